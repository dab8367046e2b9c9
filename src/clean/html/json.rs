//! The JSON reader of JSON-LD blocks (`meta.rs`): strings, arrays and
//! objects as values, every other value only checked.
//!
//! It accepts exactly what `serde_json::from_str::<serde_json::Value>` (the
//! crate's default features, which the CLI and this crate used for JSON-LD
//! before) accepts, and reads the same strings and the same value for each
//! key (the last of duplicate keys): a property test compares the two. It
//! exists for the size of the `.wasm`: serde_json's deserializer, its
//! `BTreeMap` and its tables of powers of ten were about 20 KB of the module
//! before compression, for a parser that needs none of the numbers' values.
//! The CLI still writes its JSON with serde_json.

/// A JSON value, as far as JSON-LD reading needs it.
#[derive(Debug, PartialEq)]
pub(super) enum Json {
    Str(String),
    Arr(Vec<Json>),
    /// The members in input order, duplicate keys included: `get` answers
    /// with the last, as serde_json's map keeps the last.
    Obj(Vec<(String, Json)>),
    /// A number, `true`, `false` or `null`.
    Other,
}

impl Json {
    /// The value of `key` if `self` is an object that has it.
    pub(super) fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Obj(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub(super) fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// The JSON text `text` as one value, or `None` where serde_json returns an
/// error.
pub(super) fn parse(text: &str) -> Option<Json> {
    let mut p = Parser { s: text.as_bytes(), i: 0 };
    let value = p.value(0)?;
    p.ws();
    (p.i == p.s.len()).then_some(value)
}

/// serde_json's nesting limit: its deserializer refuses the 128th nested
/// array or object.
const MAX_DEPTH: usize = 127;

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    /// The next byte after whitespace, not consumed.
    fn ws(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.i += 1;
        }
        self.peek()
    }

    fn eat(&mut self, lit: &[u8]) -> Option<()> {
        let end = self.i + lit.len();
        (self.s.get(self.i..end) == Some(lit)).then(|| self.i = end)
    }

    /// The value at the next non-whitespace byte; `depth` arrays and objects
    /// enclose it.
    fn value(&mut self, depth: usize) -> Option<Json> {
        match self.ws()? {
            b'n' => self.eat(b"null").map(|()| Json::Other),
            b't' => self.eat(b"true").map(|()| Json::Other),
            b'f' => self.eat(b"false").map(|()| Json::Other),
            b'-' => {
                self.i += 1;
                self.number().map(|()| Json::Other)
            }
            b'0'..=b'9' => self.number().map(|()| Json::Other),
            b'"' => self.string().map(Json::Str),
            b'[' if depth < MAX_DEPTH => {
                self.i += 1;
                let mut items = Vec::new();
                if self.ws()? != b']' {
                    loop {
                        items.push(self.value(depth + 1)?);
                        match self.ws()? {
                            b',' => self.i += 1,
                            b']' => break,
                            _ => return None,
                        }
                    }
                }
                self.i += 1;
                Some(Json::Arr(items))
            }
            b'{' if depth < MAX_DEPTH => {
                self.i += 1;
                let mut members = Vec::new();
                if self.ws()? != b'}' {
                    loop {
                        if self.ws()? != b'"' {
                            return None;
                        }
                        let key = self.string()?;
                        if self.ws()? != b':' {
                            return None;
                        }
                        self.i += 1;
                        members.push((key, self.value(depth + 1)?));
                        match self.ws()? {
                            b',' => self.i += 1,
                            b'}' => break,
                            _ => return None,
                        }
                    }
                }
                self.i += 1;
                Some(Json::Obj(members))
            }
            _ => None,
        }
    }

    fn digit(&self) -> Option<u64> {
        self.peek().filter(u8::is_ascii_digit).map(|c| u64::from(c - b'0'))
    }

    /// A number after its sign. Its value is not kept, but serde_json refuses
    /// a number whose `f64` would be infinite, so this follows its
    /// conversion far enough to tell: the leading digits that fit a `u64`,
    /// and a decimal exponent for the rest (serde_json's `parse_integer`,
    /// `parse_decimal`, `parse_exponent` and `f64_from_parts`, without the
    /// `float_roundtrip` feature).
    fn number(&mut self) -> Option<()> {
        let mut significand: u64 = match self.peek()? {
            b'0' => {
                self.i += 1;
                if self.digit().is_some() {
                    return None;
                }
                0
            }
            b'1'..=b'9' => 0,
            _ => return None,
        };
        let mut exponent: i32 = 0;
        // The integer part: digits past what a u64 holds only scale it.
        while let Some(d) = self.digit() {
            self.i += 1;
            match significand.checked_mul(10).and_then(|s| s.checked_add(d)) {
                Some(s) if exponent == 0 => significand = s,
                _ => exponent = exponent.saturating_add(1),
            }
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            let start = self.i;
            let mut full = false;
            while let Some(d) = self.digit() {
                self.i += 1;
                match significand.checked_mul(10).and_then(|s| s.checked_add(d)) {
                    Some(s) if !full => {
                        significand = s;
                        exponent -= 1;
                    }
                    _ => full = true,
                }
            }
            if self.i == start {
                return None;
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            let positive = match self.peek() {
                Some(b'+') => {
                    self.i += 1;
                    true
                }
                Some(b'-') => {
                    self.i += 1;
                    false
                }
                _ => true,
            };
            self.digit()?;
            let mut exp: i32 = 0;
            let mut overflow = false;
            while let Some(d) = self.digit() {
                self.i += 1;
                // `d` is a digit: the cast is exact.
                match exp.checked_mul(10).and_then(|e| e.checked_add(d as i32)) {
                    Some(e) if !overflow => exp = e,
                    _ => overflow = true,
                }
            }
            if overflow {
                // serde_json: infinity is an error, zero is not.
                return (significand == 0 || !positive).then_some(());
            }
            exponent = if positive { exponent.saturating_add(exp) } else { exponent.saturating_sub(exp) };
        }
        // `f64_from_parts`: only a non-negative exponent can overflow.
        if significand == 0 || exponent <= 0 {
            return Some(());
        }
        // Below 10^289 the product stays finite: the significand is below
        // 2^64 < 1.85e19 and f64::MAX is 1.797e308.
        match POW10_TOP.get((exponent as usize).wrapping_sub(289)) {
            Some(&pow) => (!(significand as f64 * pow).is_infinite()).then_some(()),
            None if exponent < 289 => Some(()),
            None => None,
        }
    }

    /// A string at its opening quote, unescaped.
    fn string(&mut self) -> Option<String> {
        self.i += 1;
        let mut out = Vec::new();
        loop {
            let start = self.i;
            while let Some(&c) = self.s.get(self.i) {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.i += 1;
            }
            out.extend_from_slice(&self.s[start..self.i]);
            match self.peek()? {
                b'"' => {
                    self.i += 1;
                    // Whole characters of a `str` and characters from
                    // escapes: valid UTF-8.
                    return String::from_utf8(out).ok();
                }
                b'\\' => {
                    self.i += 1;
                    let c = self.peek()?;
                    self.i += 1;
                    let plain = match c {
                        b'"' | b'\\' | b'/' => c,
                        b'b' => 8,
                        b'f' => 12,
                        b'n' => b'\n',
                        b'r' => b'\r',
                        b't' => b'\t',
                        b'u' => {
                            let ch = self.unicode_escape()?;
                            out.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes());
                            continue;
                        }
                        _ => return None,
                    };
                    out.push(plain);
                }
                // A control character.
                _ => return None,
            }
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.s.get(self.i..self.i + 4)?;
        self.i += 4;
        digits.iter().try_fold(0, |n, &d| Some((n << 4) | char::from(d).to_digit(16)?))
    }

    /// The character of a `\u` escape (after the `u`): surrogates must come
    /// in pairs, as serde_json requires of a string.
    fn unicode_escape(&mut self) -> Option<char> {
        let n = self.hex4()?;
        if (0xD800..0xDC00).contains(&n) {
            self.eat(b"\\u")?;
            let low = self.hex4()?;
            if !(0xDC00..0xE000).contains(&low) {
                return None;
            }
            return char::from_u32(0x10000 + (((n - 0xD800) << 10) | (low - 0xDC00)));
        }
        char::from_u32(n)
    }
}

/// 10^289 to 10^308, the powers of ten of serde_json's table where a `u64`
/// significand can overflow: literals, rounded as its table's are.
const POW10_TOP: [f64; 20] = [
    1e289, 1e290, 1e291, 1e292, 1e293, 1e294, 1e295, 1e296, 1e297, 1e298, 1e299, 1e300, 1e301, 1e302, 1e303, 1e304,
    1e305, 1e306, 1e307, 1e308,
];

#[cfg(test)]
mod tests {
    use super::{Json, parse};
    use proptest::prelude::*;

    /// What serde_json reads, in our shape.
    fn reference(text: &str) -> Option<Json> {
        fn convert(v: serde_json::Value) -> Json {
            match v {
                serde_json::Value::String(s) => Json::Str(s),
                serde_json::Value::Array(items) => Json::Arr(items.into_iter().map(convert).collect()),
                serde_json::Value::Object(map) => Json::Obj(map.into_iter().map(|(k, v)| (k, convert(v))).collect()),
                _ => Json::Other,
            }
        }
        serde_json::from_str::<serde_json::Value>(text).ok().map(convert)
    }

    /// Ours, in the same shape: duplicate keys reduced to the last, members
    /// in key order (serde_json's map is a `BTreeMap`).
    fn ours(text: &str) -> Option<Json> {
        fn normal(v: Json) -> Json {
            match v {
                Json::Arr(items) => Json::Arr(items.into_iter().map(normal).collect()),
                Json::Obj(members) => {
                    let mut map = std::collections::BTreeMap::new();
                    for (k, v) in members {
                        map.insert(k, normal(v));
                    }
                    Json::Obj(map.into_iter().collect())
                }
                v => v,
            }
        }
        parse(text).map(normal)
    }

    fn same(text: &str) {
        assert_eq!(ours(text), reference(text), "{text:?}");
    }

    #[test]
    fn agrees_with_serde_json_on_edge_cases() {
        for text in [
            "",
            " ",
            "null",
            "nul",
            "nulll",
            "true",
            "false",
            "True",
            "0",
            "-0",
            "00",
            "-",
            "01",
            "1.",
            "1.5",
            ".5",
            "1e",
            "1e+",
            "1e-5",
            "1E5",
            "-1.5e-300",
            "1e308",
            "1e309",
            "1.7976931348623157e308",
            "1.7976931348623159e308",
            "17976931348623157e292",
            "17976931348623159e292",
            "0e999999999999",
            "1e999999999999",
            "1e-999999999999",
            "-1e999999999999",
            "0.0e99999999999",
            "123456789012345678901234567890",
            &"9".repeat(400),
            &format!("0.{}", "9".repeat(400)),
            &format!("{}.5e-100", "9".repeat(400)),
            &format!("{}e-100", "1".repeat(330)),
            "18446744073709551615",
            "18446744073709551616e288",
            "18446744073709551616e289",
            "1844674407370955161e290",
            "184467440737095516e291",
            "\"a\"",
            "\"a",
            "\"\\\"",
            "\"\\u00e9\\n\\t\\/\\b\\f\\r\"",
            "\"\\x\"",
            "\"\\u12\"",
            "\"\\u12g4\"",
            "\"\\ud83d\\ude00\"",
            "\"\\ud83d\"",
            "\"\\ud83dx\"",
            "\"\\ud83d\\n\"",
            "\"\\ude00\"",
            "\"\\ud83d\\u0041\"",
            "\"\\ud83d\\ud83d\\ude00\"",
            "\"tab\there\"",
            "\"nl\nhere\"",
            "\"del\x7f\"",
            "\"é ü 😀\"",
            "[]",
            "[ ]",
            "[1,]",
            "[,1]",
            "[1 2]",
            "[1,,2]",
            "[",
            "]",
            "{}",
            "{ }",
            "{\"a\":1,}",
            "{\"a\" 1}",
            "{a:1}",
            "{\"a\":}",
            "{\"a\":1 \"b\":2}",
            "{\"a\":1}x",
            "{\"a\":1} ",
            " \t\r\n{\"a\":[\"x\",{\"b\":\"y\"}]}\n",
            "{\"a\":\"1\",\"a\":\"2\"}",
            "{\"a\":\"1\",\"a\":3}",
            "[1]]",
            "\u{feff}[]",
            "[\"\u{a0}\"]",
            "[1,\n2\n,3]",
            "/* c */ []",
            "[NaN]",
            "[Infinity]",
            "[+1]",
            "[0x10]",
        ] {
            same(text);
        }
    }

    #[test]
    fn get_answers_with_the_last_of_duplicate_keys() {
        let v = parse(r#"{"a":"1","b":[],"a":"2"}"#).unwrap();
        assert_eq!(v.get("a"), Some(&Json::Str("2".into())));
        assert_eq!(v.get("c"), None);
        assert_eq!(Json::Arr(vec![]).get("a"), None);
    }

    #[test]
    fn nesting_limit_is_serde_jsons() {
        for depth in [1, 126, 127, 128, 129, 300] {
            same(&format!("{}{}", "[".repeat(depth), "]".repeat(depth)));
            same(&format!("{}1{}", "[".repeat(depth), "]".repeat(depth)));
            same(&format!("{}{}", "{\"a\":".repeat(depth), "}".repeat(depth)).replace(":}", ":1}"));
            same(&format!("{}\"x\"{}", "{\"a\":[".repeat(depth), "]}".repeat(depth)));
        }
    }

    /// JSON-ish text from pieces that matter to the grammar.
    fn jsonish() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            " ",
            "\n",
            "\"",
            "\\",
            "\\u",
            "\\ud83d",
            "\\ude00",
            "\\n",
            "\\\"",
            "a",
            "é",
            "\t",
            "\u{1}",
            "0",
            "1",
            "9",
            "-",
            ".",
            "e",
            "E",
            "+",
            "e308",
            "e309",
            "null",
            "true",
            "fals",
            "\"@type\"",
            "\"name\":",
            "1e-400",
            "99999999999999999999",
            "\"x\"",
            "{\"k\":\"v\"}",
            "[\"s\",1]",
        ]);
        prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
    }

    /// Valid JSON built as a tree, so most cases reach the values.
    fn valid() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            Just("null".to_string()),
            Just("true".to_string()),
            any::<f64>().prop_map(|f| f.to_string()),
            any::<i64>().prop_map(|i| i.to_string()),
            (any::<u64>(), -330i32..330).prop_map(|(m, e)| format!("{m}e{e}")),
            ".*".prop_map(|s| serde_json::to_string(&s).unwrap()),
            "[a-c\\\\\"\\\\u0-9dD]{0,12}".prop_map(|s| format!("\"{s}\"")),
        ];
        leaf.prop_recursive(4, 32, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(|v| format!("[{}]", v.join(","))),
                prop::collection::vec(("[a-c]{0,2}", inner), 0..6).prop_map(|v| {
                    let members: Vec<String> = v.into_iter().map(|(k, v)| format!("\"{k}\" : {v}")).collect();
                    format!("{{ {} }}", members.join(" ,"))
                }),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn agrees_with_serde_json_on_jsonish_text(text in jsonish()) {
            same(&text);
        }

        #[test]
        fn agrees_with_serde_json_on_valid_json(text in valid()) {
            same(&text);
        }
    }
}
