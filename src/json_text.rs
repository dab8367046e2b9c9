//! The bindings' results as JSON text, for the host's `JSON.parse`.
//!
//! One string crosses the boundary instead of a call per field and per
//! string (each string out of the `.wasm` is a `TextDecoder` call, costly for
//! short ones). The text is the JSON of the types' `Serialize` derives (same
//! keys in the same order, `null` for `None`) in ASCII only: strings escaped
//! as JSON requires (`"`, `\`, control characters) and every char outside
//! ASCII as `\uXXXX`, everything else verbatim. Only what the results hold:
//! strings, whole numbers, `null`, booleans, arrays and objects.
//!
//! Plain Rust, compiled for the `.wasm` and for the tests: `cargo test`
//! checks it against serde_json's text of the same values (the tests below);
//! the browser tests check the objects against serde-wasm-bindgen's.
//! serde_json itself is not used in the `.wasm`: it would bring Rust's float
//! formatting, which the `.wasm` has none of.

use crate::{Cleaned, Digest, Entry, SourceInfo, Variant};

/// The digest as `Digest`'s `Serialize` writes it, every entry's score as `0`
/// (the bindings set the scores afterwards: writing an `f64` as text would
/// bring float formatting into the `.wasm`, and JSON has no NaN), plus `text`.
pub(crate) fn digest(d: &Digest, text: &str) -> String {
    let mut json = Json::default();
    json.digest(d, text);
    json.0
}

/// `Cleaned` as its `Serialize` writes it.
pub(crate) fn cleaned(c: &Cleaned) -> String {
    let mut json = Json::default();
    json.cleaned(c);
    json.0
}

/// The high bit of each byte of the eight in `x` (little-endian) that a
/// JSON string in ASCII cannot hold as it is: a control char, `"`, `\`, or
/// a byte outside ASCII. Exact per byte (no borrow crosses bytes).
fn escaped(x: u64) -> u64 {
    use crate::clean::text::{HIGH, ONES, below, zero};
    (x & HIGH) | below(x, 0x20) | zero(x ^ (ONES * u64::from(b'"'))) | zero(x ^ (ONES * u64::from(b'\\')))
}

/// A JSON text written field by field, in ASCII only.
#[derive(Default)]
struct Json(String);

impl Json {
    fn raw(&mut self, s: &str) {
        self.0.push_str(s);
    }

    /// `"key":`, preceded by a comma unless it opens its object.
    fn key(&mut self, key: &str) {
        if !self.0.ends_with('{') {
            self.0.push(',');
        }
        self.0.push('"');
        self.0.push_str(key);
        self.0.push_str("\":");
    }

    /// `s` as a JSON string of ASCII only: every char outside ASCII as
    /// `\uXXXX` (two for one outside the BMP). The host decodes an ASCII
    /// text into a one-byte string and parses that faster: in Node, a
    /// digest's JSON with its few non-ASCII chars written as they are (most
    /// digests have some) made the whole text two-byte, and decoding and
    /// parsing it took about twice as long as the escaped text.
    fn str(&mut self, s: &str) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        self.0.reserve(s.len() + 2);
        self.0.push('"');
        let bytes = s.as_bytes();
        let mut plain = 0;
        let mut i = 0;
        loop {
            // The next byte to escape, eight bytes a step (a byte at a time,
            // this was about 3% of the .wasm's time in Node: summaries and
            // their variants are most of a digest's text).
            while let Some(&chunk) = bytes[i..].first_chunk::<8>() {
                let special = escaped(u64::from_le_bytes(chunk));
                if special != 0 {
                    i += special.trailing_zeros() as usize / 8;
                    break;
                }
                i += 8;
            }
            while i < bytes.len() && escaped(u64::from(bytes[i])) & 0x80 == 0 {
                i += 1;
            }
            if i >= bytes.len() {
                break;
            }
            self.0.push_str(&s[plain..i]);
            // `i` is a char boundary: the search starts at one and stops at
            // an ASCII byte or a char's first byte.
            let c = s[i..].chars().next().unwrap_or_default();
            match c {
                '"' => self.0.push_str("\\\""),
                '\\' => self.0.push_str("\\\\"),
                _ => {
                    for unit in c.encode_utf16(&mut [0; 2]) {
                        self.0.push_str("\\u");
                        for shift in [12, 8, 4, 0] {
                            self.0.push(char::from(HEX[usize::from((*unit >> shift) & 15)]));
                        }
                    }
                }
            }
            i += c.len_utf8();
            plain = i;
        }
        self.0.push_str(&s[plain..]);
        self.0.push('"');
    }

    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.raw("null"),
        }
    }

    /// Digits without `core::fmt`: a digest has a hundred numbers or so.
    fn num(&mut self, mut n: usize) {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        for &d in &digits[at..] {
            self.0.push(char::from(d));
        }
    }

    /// `[..]`, each item written by `each`.
    fn list<T>(&mut self, items: &[T], mut each: impl FnMut(&mut Self, &T)) {
        self.0.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.0.push(',');
            }
            each(self, item);
        }
        self.0.push(']');
    }

    fn digest(&mut self, d: &Digest, text: &str) {
        self.raw("{");
        self.key("title");
        self.opt_str(d.title.as_deref());
        self.key("date");
        self.opt_str(d.date.as_deref());
        self.key("sentences");
        self.list(&d.sentences, Json::entry);
        self.key("sources");
        self.list(&d.sources, Json::source_info);
        self.key("text");
        self.str(text);
        self.raw("}");
    }

    fn entry(&mut self, e: &Entry) {
        self.raw("{");
        self.key("text");
        self.str(&e.text);
        self.key("source");
        self.num(e.source);
        self.key("sources");
        self.list(&e.sources, |json, &s| json.num(s));
        self.key("score");
        self.raw("0");
        self.key("variants");
        self.list(&e.variants, Json::variant);
        self.raw("}");
    }

    fn variant(&mut self, v: &Variant) {
        self.raw("{");
        self.key("source");
        self.num(v.source);
        self.key("text");
        self.str(&v.text);
        self.key("span");
        self.raw("{");
        self.key("start");
        self.num(v.span.start);
        self.key("end");
        self.num(v.span.end);
        self.raw("}}");
    }

    fn source_info(&mut self, s: &SourceInfo) {
        self.raw("{");
        self.key("name");
        self.str(&s.name);
        self.key("language");
        self.opt_str(s.language.as_deref());
        self.key("words");
        self.num(s.words);
        self.key("sentences");
        self.num(s.sentences);
        self.key("used");
        self.num(s.used);
        self.key("title");
        self.opt_str(s.title.as_deref());
        self.key("date");
        self.opt_str(s.date.as_deref());
        self.key("site");
        self.opt_str(s.site.as_deref());
        self.key("byline");
        self.opt_str(s.byline.as_deref());
        self.key("stale");
        self.raw(if s.stale { "true" } else { "false" });
        self.key("error");
        self.opt_str(s.error.as_deref());
        self.raw("}");
    }

    fn cleaned(&mut self, c: &Cleaned) {
        self.raw("{");
        self.key("name");
        self.str(&c.name);
        self.key("title");
        self.opt_str(c.title.as_deref());
        self.key("date");
        self.opt_str(c.date.as_deref());
        self.key("site");
        self.opt_str(c.site.as_deref());
        self.key("byline");
        self.opt_str(c.byline.as_deref());
        self.key("text");
        self.str(&c.text);
        self.key("removed");
        self.list(&c.removed, |json, r| {
            json.raw("{");
            json.key("text");
            json.str(&r.text);
            json.key("reason");
            json.str(&r.reason);
            json.raw("}");
        });
        self.raw("}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Removal, Span};
    use proptest::prelude::*;
    use serde_json::{Value, json};

    /// What serde_json makes of `value`, with every entry's score as `0` and
    /// `text` added (what `digest` writes).
    fn expected_digest(d: &Digest, text: &str) -> Value {
        let mut v = serde_json::to_value(d).unwrap();
        for e in v["sentences"].as_array_mut().unwrap() {
            e["score"] = json!(0);
        }
        v["text"] = json!(text);
        v
    }

    /// `text` parsed, after checking that it is ASCII (the point of the
    /// escapes).
    fn parsed(text: &str) -> Value {
        assert!(text.is_ascii(), "not ASCII: {text}");
        serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
    }

    /// The object keys of a JSON text, in the order written (serde_json's
    /// `Value` keeps them sorted, so the order is checked apart): every
    /// string followed by `:`. Keys here are plain field names.
    fn keys_in_order(text: &str) -> Vec<String> {
        let (mut keys, mut string, mut in_string, mut escaped) = (Vec::new(), String::new(), false, false);
        let mut last_string = None;
        for c in text.chars() {
            if in_string {
                match (escaped, c) {
                    (true, _) => escaped = false,
                    (false, '\\') => escaped = true,
                    (false, '"') => {
                        in_string = false;
                        last_string = Some(std::mem::take(&mut string));
                        continue;
                    }
                    _ => {}
                }
                string.push(c);
            } else if c == '"' {
                in_string = true;
            } else if c == ':' {
                keys.extend(last_string.take());
            } else if !c.is_whitespace() {
                last_string = None;
            }
        }
        keys
    }

    fn digest_of(strings: &[String], n: usize) -> Digest {
        let s = |i: usize| strings[i % strings.len()].clone();
        let opt = |i: usize| (i % 3 != 0).then(|| s(i));
        Digest {
            title: opt(n),
            date: opt(n + 1),
            sentences: (0..n % 4)
                .map(|i| Entry {
                    text: s(i),
                    source: i,
                    sources: (0..=i).collect(),
                    score: 0.25 * i as f64,
                    variants: (0..=i)
                        .map(|j| Variant {
                            source: j,
                            text: s(i + j),
                            span: Span { start: j * 7, end: j * 7 + 1_000_000 },
                        })
                        .collect(),
                })
                .collect(),
            sources: (0..=n % 3)
                .map(|i| SourceInfo {
                    name: s(i + 2),
                    language: opt(i),
                    words: usize::MAX - i,
                    sentences: i,
                    used: 10 * i,
                    title: opt(i + 1),
                    date: opt(i + 2),
                    site: opt(i + 3),
                    byline: opt(i + 4),
                    stale: i % 2 == 1,
                    error: opt(i + 5),
                })
                .collect(),
        }
    }

    fn cleaned_of(strings: &[String], n: usize) -> Cleaned {
        let s = |i: usize| strings[i % strings.len()].clone();
        let opt = |i: usize| (i % 3 != 0).then(|| s(i));
        Cleaned {
            name: s(n),
            title: opt(n + 1),
            date: opt(n + 2),
            site: opt(n + 3),
            byline: opt(n + 4),
            text: s(n + 5),
            removed: (0..n % 4).map(|i| Removal { text: s(i), reason: s(i + 1) }).collect(),
        }
    }

    /// Strings that need every kind of escape: quotes, backslashes, every
    /// control character, DEL, chars of two, three and four UTF-8 bytes
    /// (the last as a surrogate pair), U+2028/U+2029, a lone `\u{FFFF}`.
    fn awkward() -> Vec<String> {
        let controls: String = (0u8..0x20).map(char::from).collect();
        vec![
            String::new(),
            "plain text, nothing to escape".into(),
            format!("\"quoted\" \\ back\\slash {controls} \u{7f}"),
            "caf\u{e9} \u{201c}smart\u{201d} \u{2028}\u{2029} \u{ffff} \u{10ffff} \u{1f600}".into(),
            "\u{1f4f0}\u{1f4f0}\"\u{e9}\\".into(),
        ]
    }

    #[test]
    fn digests_are_serde_jsons_text_in_ascii() {
        let strings = awkward();
        for n in 0..12 {
            let d = digest_of(&strings, n);
            let text = &strings[n % strings.len()];
            let written = digest(&d, text);
            assert_eq!(parsed(&written), expected_digest(&d, text), "{written}");
            let serde_keys = keys_in_order(&serde_json::to_string(&d).unwrap());
            assert_eq!(keys_in_order(&written), [serde_keys, vec!["text".to_owned()]].concat());
        }
    }

    #[test]
    fn cleaned_sources_are_serde_jsons_text_in_ascii() {
        let strings = awkward();
        for n in 0..12 {
            let c = cleaned_of(&strings, n);
            let written = cleaned(&c);
            assert_eq!(parsed(&written), serde_json::to_value(&c).unwrap(), "{written}");
            assert_eq!(keys_in_order(&written), keys_in_order(&serde_json::to_string(&c).unwrap()));
        }
    }

    proptest! {
        /// Any strings, any chars: the text parses to serde_json's value.
        #[test]
        fn any_strings_round_trip(strings in prop::collection::vec(any::<String>(), 1..6), n in 0usize..12) {
            let d = digest_of(&strings, n);
            prop_assert_eq!(parsed(&digest(&d, &strings[0])), expected_digest(&d, &strings[0]));
            let c = cleaned_of(&strings, n);
            prop_assert_eq!(parsed(&cleaned(&c)), serde_json::to_value(&c).unwrap());
        }

        /// Runs of plain ASCII (long enough for `Json::str`'s eight-byte
        /// search) between the bytes it must stop at, at any offset.
        #[test]
        fn plain_runs_round_trip(
            strings in prop::collection::vec("([a-z ]{0,12}[\"\\\\\\x00-\\x1f\\x7f\u{e9}\u{2028}\u{1F600}]?){0,6}", 1..6),
            n in 0usize..12,
        ) {
            let d = digest_of(&strings, n);
            prop_assert_eq!(parsed(&digest(&d, &strings[0])), expected_digest(&d, &strings[0]));
            let c = cleaned_of(&strings, n);
            prop_assert_eq!(parsed(&cleaned(&c)), serde_json::to_value(&c).unwrap());
        }
    }
}
