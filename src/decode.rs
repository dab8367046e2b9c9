//! Reading a dropped file: telling its format and decoding its bytes.
//!
//! Text is UTF-8 (with or without a byte order mark), UTF-16 with a byte
//! order mark, the charset an HTML page declares in its first 1024 bytes, or
//! else Windows-1252, the encoding that legacy Western pages and files use
//! most often (and that never fails to decode).
//!
//! UTF-8, UTF-16 and Windows-1252 (with its WHATWG aliases ISO-8859-1,
//! Latin-1 and ASCII) are decoded here in every build. Any other declared
//! charset (Shift_JIS, GBK, KOI8-R, ...) goes to encoding_rs, which is
//! behind the default `legacy-encodings` feature: its tables cost about
//! 130 KB gzipped in WebAssembly, so the browser build leaves it out and
//! names the charset it cannot read instead.

/// What kind of source a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Text,
    Markdown,
    Html,
}

/// Tells the format from the file name and, when the name has no known
/// extension, from the content.
pub(crate) fn sniff(name: &str, bytes: &[u8]) -> Format {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    if let Some((stem, ext)) = base.rsplit_once('.')
        && !stem.is_empty()
    {
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => return Format::Text,
            "md" | "markdown" => return Format::Markdown,
            "html" | "htm" | "xhtml" => return Format::Html,
            _ => {}
        }
    }
    if looks_like_html(bytes) { Format::Html } else { Format::Text }
}

/// Whether content with no telling name reads as HTML: it opens with a
/// document-level tag, or has many common block tags.
fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    let lower: Vec<u8> = head[start..].iter().map(u8::to_ascii_lowercase).collect();
    const OPENERS: [&[u8]; 6] = [b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<?xml"];
    if OPENERS.iter().any(|o| lower.starts_with(o)) {
        return !lower.starts_with(b"<?xml") || find(&lower, b"<html").is_some();
    }
    let sample = &bytes[..bytes.len().min(65536)];
    let lower: Vec<u8> = sample.iter().map(u8::to_ascii_lowercase).collect();
    const TAGS: [&[u8]; 8] = [b"<p>", b"<p ", b"<div", b"</p>", b"</div>", b"<br", b"<a href", b"<span"];
    let count: usize = TAGS.iter().map(|t| count_of(&lower, t)).sum();
    count >= 5
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn count_of(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

/// Decodes bytes to text; errors are plain messages without the file name.
pub(crate) fn decode(bytes: &[u8], format: Format) -> Result<String, String> {
    if let Some(kind) = binary_kind(bytes) {
        return Err(format!("binary file ({kind}), not text"));
    }
    let text = decode_text(bytes, format)?;
    if text.trim().is_empty() {
        return Err("empty file".to_string());
    }
    check_text(&text)?;
    Ok(text)
}

/// Rejects text that is binary data in disguise: a file's bytes that a
/// caller read as a string (`{ text }` from JavaScript, a JSON line), or
/// junk. The same signatures and NUL bytes as for raw bytes, then the share
/// of control characters and U+FFFD (what a lossy decoder makes of binary)
/// among the first 4096 characters.
pub(crate) fn check_text(text: &str) -> Result<(), String> {
    let counts = TextCounts::of(text);
    if let Some(kind) = binary_kind_with(text.as_bytes(), |_| counts.controls) {
        return Err(format!("binary file ({kind}), not text"));
    }
    let (odd, seen) = (counts.odd, counts.seen);
    if odd * 10 > seen {
        return Err(format!(
            "binary file (binary data), not text: {odd} of its first {seen} characters are control or replacement characters"
        ));
    }
    Ok(())
}

/// What `check_text` counts, in one pass over the text's head.
struct TextCounts {
    /// Control bytes (as `control_count` counts them) among the first 8192
    /// bytes: what `binary_kind` counts.
    controls: usize,
    /// Control characters (other than white space) and U+FFFD among the
    /// first 4096 chars.
    odd: usize,
    /// How many chars that is: 4096, or fewer in a shorter text.
    seen: usize,
}

impl TextCounts {
    /// Every odd char is a byte pattern in UTF-8: a control byte, DEL,
    /// C2 80..C2 9F (the C1 controls) or EF BF BD (U+FFFD). So a block of
    /// the head is read by one test a byte, without decoding nor a branch
    /// (so in vector registers): whether it has a control byte, DEL, C2 or
    /// EF at all. Text seldom has one, and only such a block is counted
    /// byte by byte.
    fn of(text: &str) -> TextCounts {
        const BLOCK: usize = 192;
        let bytes = text.as_bytes();
        let (end, seen) = first_chars(text, 4096);
        let sample = bytes.len().min(8192);
        let (mut controls, mut odd) = (0, 0);
        for (k, block) in bytes[..end].chunks(BLOCK).enumerate() {
            if !rare(block) {
                continue;
            }
            for i in k * BLOCK..k * BLOCK + block.len() {
                let b = bytes[i];
                if control(b) {
                    controls += usize::from(i < sample);
                    odd += 1;
                } else {
                    // (`end` is a char boundary: a char starting before it
                    // ends before it.)
                    odd += usize::from(match b {
                        0x7F => true,
                        0xC2 => bytes[i + 1] < 0xA0,
                        0xEF => bytes[i + 1..i + 3] == [0xBF, 0xBD],
                        _ => false,
                    });
                }
            }
        }
        // The rest of the sample, past the first 4096 chars.
        controls += control_count(&bytes[end.min(sample)..sample]);
        TextCounts { controls, odd, seen }
    }
}

/// Whether `block` holds a byte that [`TextCounts::of`] counts or looks at:
/// a control byte, DEL, C2 or EF. By bytes natively (vectorised); eight
/// bytes a step in the .wasm, which has no vectors (its fold by bytes was
/// 53.5 ms of some 4,200 of Node's time by clean18's profile).
fn rare(block: &[u8]) -> bool {
    if cfg!(target_arch = "wasm32") { rare_by_words(block) } else { rare_by_bytes(block) }
}

fn rare_by_bytes(block: &[u8]) -> bool {
    block.iter().fold(false, |r, &b| r | control(b) | (b == 0x7F) | (b == 0xC2) | (b == 0xEF))
}

/// [`rare_by_bytes`] eight bytes at a time.
fn rare_by_words(block: &[u8]) -> bool {
    use crate::clean::text::{ONES, below, zero};
    let (mut rest, mut marks) = (block, 0);
    while let Some((&chunk, tail)) = rest.split_first_chunk::<8>() {
        let x = u64::from_le_bytes(chunk);
        let eq = |b: u8| zero(x ^ (ONES * u64::from(b)));
        // (`below` holds of ASCII bytes only: `& !x` drops the others.)
        let low = below(x, 0x20) & !x;
        // '\t' to '\r' but '\x0B': white space, not control.
        let white = below(x, b'\r' + 1) & !below(x, b'\t') & !eq(0x0B);
        marks |= (low & !white) | eq(0x7F) | eq(0xC2) | eq(0xEF);
        rest = tail;
    }
    marks != 0 || rare_by_bytes(rest)
}

/// The byte length of the first `max` chars of `text`, and how many chars
/// that is (`max`, or fewer in a shorter text).
fn first_chars(text: &str, max: usize) -> (usize, usize) {
    if text.len() <= max {
        return (text.len(), text.chars().count());
    }
    let (mut end, mut chars) = (0, 0);
    // `n` bytes hold at most `n` chars: whole runs of as many bytes as chars
    // are still wanted are counted at once (`count` reads words, not
    // chars), then the last few chars one by one.
    while max - chars >= 64 && end < text.len() {
        let mut to = (end + max - chars).min(text.len());
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        chars += text[end..to].chars().count();
        end = to;
    }
    for c in text[end..].chars().take(max - chars) {
        end += c.len_utf8();
        chars += 1;
    }
    (end, chars)
}

fn decode_text(bytes: &[u8], format: Format) -> Result<String, String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok(String::from_utf8_lossy(rest).into_owned());
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Ok(utf16(rest, u16::from_le_bytes));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Ok(utf16(rest, u16::from_be_bytes));
    }
    if let Some(little_endian) = bomless_utf16(bytes) {
        return Ok(if little_endian { utf16(bytes, u16::from_le_bytes) } else { utf16(bytes, u16::from_be_bytes) });
    }
    if format == Format::Html
        && let Some(label) = declared_charset(&bytes[..bytes.len().min(1024)])
    {
        return decode_labelled(&label, bytes);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(_) => Ok(windows_1252(bytes)),
    }
}

/// Whether `bytes` look like UTF-16 without a byte order mark, and in which
/// byte order (true: little-endian). Text in Latin, Cyrillic, Greek or
/// Arabic script has a zero high byte in most code units, so one of the two
/// byte positions is mostly zeros and the other almost never is.
fn bomless_utf16(bytes: &[u8]) -> Option<bool> {
    let sample = &bytes[..bytes.len().min(8192) & !1];
    if sample.len() < 8 {
        return None;
    }
    let zeros = |offset: usize| sample.iter().skip(offset).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (zeros(0), zeros(1));
    let half = sample.len() / 2;
    if odd * 10 >= half * 7 && even * 20 <= half {
        Some(true)
    } else if even * 10 >= half * 7 && odd * 20 <= half {
        Some(false)
    } else {
        None
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
    String::from_utf16_lossy(&units)
}

/// Decodes with the charset a page declares (a lower-cased label).
fn decode_labelled(label: &str, bytes: &[u8]) -> Result<String, String> {
    match label {
        // A page that declares UTF-16 but has no BOM is ASCII-compatible in
        // practice (the declaration itself was readable): the WHATWG rule
        // is to read it as UTF-8.
        "utf-8" | "utf8" | "unicode-1-1-utf-8" | "utf-16" | "utf-16le" | "utf-16be" => {
            Ok(String::from_utf8_lossy(bytes).into_owned())
        }
        "windows-1252" | "cp1252" | "x-cp1252" | "iso-8859-1" | "iso8859-1" | "iso_8859-1" | "latin1" | "l1"
        | "us-ascii" | "ascii" | "iso-ir-100" | "cp819" | "ibm819" => Ok(windows_1252(bytes)),
        other => other_charset(other, bytes),
    }
}

#[cfg(feature = "legacy-encodings")]
fn other_charset(label: &str, bytes: &[u8]) -> Result<String, String> {
    match encoding_rs::Encoding::for_label(label.as_bytes()) {
        Some(encoding) => Ok(encoding.decode_without_bom_handling(bytes).0.into_owned()),
        // An unknown label is a page's mistake, not the reader's: read it
        // the way browsers do when no charset is given.
        None => Ok(std::str::from_utf8(bytes).map_or_else(|_| windows_1252(bytes), str::to_owned)),
    }
}

/// The charset label a page declares that this build cannot decode itself,
/// when `decode` would need it: the bytes are no binary file, have no
/// byte-order mark and are no UTF-16, the format is HTML, and the label is
/// none of UTF-8, UTF-16 and Windows-1252 (with their aliases). The
/// WebAssembly bindings decode such a page with the host's `TextDecoder`,
/// which implements the same WHATWG Encoding Standard as encoding_rs, and
/// hand the text over with `Source::bytes_decoded`: the digest is then the
/// one the native build makes.
#[cfg(all(not(feature = "legacy-encodings"), any(target_arch = "wasm32", test)))]
pub(crate) fn legacy_charset(name: &str, bytes: &[u8]) -> Option<String> {
    if binary_kind(bytes).is_some()
        || bytes.starts_with(b"\xEF\xBB\xBF")
        || bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF")
        || bomless_utf16(bytes).is_some()
        || sniff(name, bytes) != Format::Html
    {
        return None;
    }
    let label = declared_charset(&bytes[..bytes.len().min(1024)])?;
    decode_labelled(&label, bytes).is_err().then_some(label)
}

/// What encoding_rs gives for a `label` the host's `TextDecoder` refused:
/// the labels of the WHATWG "replacement" encoding (ISO-2022-KR and such,
/// which `TextDecoder` may not be built with) decode to one U+FFFD; an
/// unknown label reads as an undeclared page does.
#[cfg(all(not(feature = "legacy-encodings"), any(target_arch = "wasm32", test)))]
pub(crate) fn undecodable_charset(label: &str, bytes: &[u8]) -> String {
    const REPLACEMENT: [&str; 6] =
        ["csiso2022kr", "hz-gb-2312", "iso-2022-cn", "iso-2022-cn-ext", "iso-2022-kr", "replacement"];
    if REPLACEMENT.contains(&label) {
        return if bytes.is_empty() { String::new() } else { "\u{FFFD}".to_owned() };
    }
    std::str::from_utf8(bytes).map_or_else(|_| windows_1252(bytes), str::to_owned)
}

#[cfg(not(feature = "legacy-encodings"))]
fn other_charset(label: &str, bytes: &[u8]) -> Result<String, String> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(_) => Err(format!(
            "the page is in the {label} encoding, which this build cannot read (save it as UTF-8, or use the native tool)"
        )),
    }
}

/// Windows-1252: Latin-1 but for 0x80..0x9F, which hold typographic quotes,
/// dashes, the euro sign and a few letters. The five unassigned bytes map to
/// the C1 controls of the same value, as the WHATWG Encoding Standard says.
fn windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}', '\u{2C6}',
        '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}', '\u{8F}', '\u{90}', '\u{2018}', '\u{2019}',
        '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}', '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}',
        '\u{153}', '\u{9D}', '\u{17E}', '\u{178}',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

/// The charset label a `<meta charset>` or `<meta http-equiv="Content-Type">`
/// declares in `head`, lower-cased.
fn declared_charset(head: &[u8]) -> Option<String> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut at = 0;
    while let Some(pos) = find(&lower[at..], b"<meta") {
        let start = at + pos + 5;
        let end = lower[start..].iter().position(|&b| b == b'>').map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let rest = &tag[c + 7..];
            let rest = skip(rest, |b| b.is_ascii_whitespace());
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = skip(rest, |b| b.is_ascii_whitespace() || b == b'"' || b == b'\'');
                let len = rest
                    .iter()
                    .position(|&b| b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b';' | b'/' | b'>'))
                    .unwrap_or(rest.len());
                if len > 0 {
                    return Some(String::from_utf8_lossy(&rest[..len]).into_owned());
                }
            }
        }
        at = end.min(lower.len());
        if at >= lower.len() {
            break;
        }
    }
    None
}

fn skip(s: &[u8], pred: impl Fn(u8) -> bool) -> &[u8] {
    let n = s.iter().position(|&b| !pred(b)).unwrap_or(s.len());
    &s[n..]
}

/// The kind of binary file `bytes` is, if it is one.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    binary_kind_with(bytes, control_count)
}

/// [`binary_kind`], with `controls` giving the `control_count` of the
/// sample it is handed (the first 8192 bytes).
fn binary_kind_with(bytes: &[u8], controls: impl FnOnce(&[u8]) -> usize) -> Option<&'static str> {
    const SIGNATURES: [(&[u8], &str); 9] = [
        (b"%PDF", "PDF"),
        (b"\x89PNG", "PNG"),
        (b"GIF87a", "GIF"),
        (b"GIF89a", "GIF"),
        (b"\xFF\xD8\xFF", "JPEG"),
        (b"PK\x03\x04", "ZIP"),
        (b"PK\x05\x06", "ZIP"),
        (b"\x1F\x8B", "gzip"),
        (b"\x7FELF", "executable"),
    ];
    if let Some((_, kind)) = SIGNATURES.iter().find(|(sig, _)| bytes.starts_with(sig)) {
        return Some(kind);
    }
    // UTF-16 text has NUL bytes by nature; it is recognised by its BOM, or
    // by where they stand (bytes without a NUL are not UTF-16 for
    // `bomless_utf16`, so it is asked only when there are some).
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return None;
    }
    let sample = &bytes[..bytes.len().min(8192)];
    let control = controls(sample);
    // A NUL is a control byte: looked for only when there are some.
    if control > 0 && sample.contains(&0) {
        return if bomless_utf16(bytes).is_some() { None } else { Some("binary data") };
    }
    if !sample.is_empty() && control * 10 > sample.len() {
        return Some("binary data");
    }
    None
}

/// How many bytes of `bytes` are control characters other than line
/// breaks, tabs and form feeds. Tests that do not
/// short-circuit, so the count is vectorised (a few instructions per 16
/// bytes instead of a branch a byte); counted in bytes, 192 at a time, so
/// that a vector holds 16 counts, not 4 (and 192, unlike 255, leaves no
/// bytes over for the scalar tail loop after the unrolled vector loop).
fn control_count(bytes: &[u8]) -> usize {
    bytes
        .chunks(192)
        .map(|chunk| {
            let n = chunk.iter().fold(0u8, |n, &b| n + u8::from(control(b)));
            usize::from(n)
        })
        .sum()
}

/// A control byte other than line breaks, tabs and form feeds.
fn control(b: u8) -> bool {
    (b < 0x20) & (b != b'\n') & (b != b'\r') & (b != b'\t') & (b != 0x0C)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_name_then_content() {
        assert_eq!(sniff("a.txt", b"<html><body>x</body></html>"), Format::Text);
        assert_eq!(sniff("dir/a.HTM", b"plain"), Format::Html);
        assert_eq!(sniff("a.markdown", b"# x"), Format::Markdown);
        assert_eq!(sniff("a.xhtml", b"x"), Format::Html);
        assert_eq!(sniff("page", b"\xEF\xBB\xBF  <!DOCTYPE html><html>"), Format::Html);
        assert_eq!(sniff("page.dat", b"<meta charset=utf-8><p>x"), Format::Html);
        assert_eq!(sniff("notes", b"just some words"), Format::Text);
        let many = "<div><p>a</p><p>b</p><p>c</p></div>".repeat(2);
        assert_eq!(sniff("clip", many.as_bytes()), Format::Html);
    }

    #[test]
    fn decodes_utf8_with_and_without_bom() {
        assert_eq!(decode("café".as_bytes(), Format::Text).unwrap(), "café");
        assert_eq!(decode(b"\xEF\xBB\xBFcaf\xC3\xA9", Format::Text).unwrap(), "café");
    }

    #[test]
    fn decodes_utf16_with_bom() {
        let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain("café".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain("café".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(decode(&le, Format::Text).unwrap(), "café");
        assert_eq!(decode(&be, Format::Html).unwrap(), "café");
    }

    #[test]
    fn decodes_utf16_without_bom() {
        let text = "Iran has provided Russia with more than 400 UAVs, Kirby said. Иран.";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&le, Format::Text).unwrap(), text);
        assert_eq!(decode(&be, Format::Text).unwrap(), text);
        // A binary file with zeros here and there is still binary.
        assert!(decode(b"\x00\x01\x02\x03abcd\x00\x00\x10\x20", Format::Text).is_err());
    }

    #[test]
    fn decodes_declared_charset() {
        let page = b"<html><head><meta charset=\"windows-1252\"></head><body>caf\xE9 \x93q\x94</body></html>";
        assert!(decode(page, Format::Html).unwrap().contains("café \u{201C}q\u{201D}"));
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><p>caf\xE9</p>";
        assert!(decode(page, Format::Html).unwrap().contains("café"));
        // A declared UTF-8 page stays UTF-8.
        let page = "<meta charset=utf-8><p>café</p>";
        assert!(decode(page.as_bytes(), Format::Html).unwrap().contains("café"));
    }

    #[test]
    fn windows_1252_maps_every_byte_like_encoding_rs() {
        let all: Vec<u8> = (0..=255).collect();
        #[cfg(feature = "legacy-encodings")]
        assert_eq!(windows_1252(&all), encoding_rs::WINDOWS_1252.decode_without_bom_handling(&all).0);
        assert_eq!(windows_1252(&all).chars().count(), 256);
        assert_eq!(windows_1252(b"\x80\x93\x94\x97\xE9"), "€\u{201C}\u{201D}—é");
    }

    #[cfg(feature = "legacy-encodings")]
    #[test]
    fn decodes_other_declared_charsets() {
        let page = b"<meta charset=koi8-r><p>\xF0\xD5\xD4\xC9\xCE</p>";
        assert!(decode(page, Format::Html).unwrap().contains("Путин"));
        let sjis = b"<meta http-equiv=content-type content='text/html; charset=Shift_JIS'><p>\x93\xfa\x96\x7b";
        assert!(decode(sjis, Format::Html).unwrap().ends_with("<p>日本"));
        // The replacement encoding, as undecodable_charset mirrors it.
        assert_eq!(decode_text(b"<meta charset=iso-2022-kr><p>x", Format::Html).unwrap(), "\u{FFFD}");
    }

    #[cfg(not(feature = "legacy-encodings"))]
    #[test]
    fn names_a_charset_this_build_cannot_read() {
        let page = b"<meta charset=koi8-r><p>\xF0\xD5\xD4\xC9\xCE</p>";
        let err = decode(page, Format::Html).unwrap_err();
        assert!(err.contains("koi8-r"), "{err}");
        // ... and that the bindings decode with the host's TextDecoder.
        assert_eq!(legacy_charset("p.html", page).as_deref(), Some("koi8-r"));
        let sjis = b"<meta http-equiv=content-type content='text/html; charset=Shift_JIS'><p>\x93\xfa\x96\x7b";
        assert_eq!(legacy_charset("page", sjis).as_deref(), Some("shift_jis"));
        // Not for text, pages this build reads, binary files or UTF-16.
        assert_eq!(legacy_charset("p.txt", page), None);
        assert_eq!(legacy_charset("p.html", b"<meta charset=iso-8859-1><p>caf\xE9"), None);
        assert_eq!(legacy_charset("p.html", b"<meta charset=utf-8><p>caf\xC3\xA9"), None);
        assert_eq!(legacy_charset("p.html", b"<meta charset=koi8-r>\0\0\0\x01"), None);
        assert_eq!(legacy_charset("p.html", b"\xEF\xBB\xBF<meta charset=koi8-r><p>\xF0"), None);
        assert_eq!(undecodable_charset("iso-2022-kr", b"abc"), "\u{FFFD}");
        assert_eq!(undecodable_charset("no-such-charset", b"caf\xE9"), "caf\u{e9}");
        assert_eq!(undecodable_charset("no-such-charset", "café".as_bytes()), "café");
    }

    #[test]
    fn falls_back_to_windows_1252() {
        assert_eq!(decode(b"caf\xE9 \x80", Format::Text).unwrap(), "café €");
        assert_eq!(decode(b"<p>caf\xE9</p>", Format::Html).unwrap(), "<p>café</p>");
    }

    #[test]
    fn rejects_binary_and_empty() {
        assert_eq!(decode(b"%PDF-1.7\n...", Format::Text), Err("binary file (PDF), not text".into()));
        assert_eq!(decode(b"\x89PNG\r\n\x1a\n", Format::Html), Err("binary file (PNG), not text".into()));
        assert_eq!(decode(b"PK\x03\x04\x14\x00", Format::Text), Err("binary file (ZIP), not text".into()));
        assert!(decode(b"abc\0def", Format::Text).unwrap_err().starts_with("binary file"));
        assert!(decode(&[1, 2, 3, 4, 5, 6, b'a'], Format::Text).unwrap_err().starts_with("binary file"));
        assert_eq!(decode(b"", Format::Text), Err("empty file".into()));
        assert_eq!(decode(b" \n\t ", Format::Text), Err("empty file".into()));
        assert_eq!(decode(b"\xEF\xBB\xBF  ", Format::Text), Err("empty file".into()));
    }

    #[test]
    fn rejects_binary_handed_over_as_text() {
        assert_eq!(check_text(&"\0".repeat(512)), Err("binary file (binary data), not text".into()));
        assert_eq!(check_text("%PDF-1.4\n%\u{FFFD}\u{FFFD}"), Err("binary file (PDF), not text".into()));
        let lossy = String::from_utf8_lossy(&[0xC0, 0x01, 0xFF, 0xFE, 0x81, b'a', 0xC1, 0xF5]).repeat(20);
        assert!(check_text(&lossy).unwrap_err().contains("control or replacement characters"), "{lossy:?}");
        let controls: String = ('\u{1}'..'\u{8}').cycle().take(300).collect();
        assert!(check_text(&controls).is_err());
        // Text with a few stray controls or replacement characters is text.
        let text =
            format!("{}\u{FFFD} and a form feed\x0C, a tab\t.", "Iran has provided Russia with drones. ".repeat(3));
        assert_eq!(check_text(&text), Ok(()));
        assert_eq!(check_text("caf\u{FFFD} \u{7}bell, then the rest of a long enough line"), Ok(()));
    }

    /// The share of odd chars among the first 4096, char by char: what
    /// `TextCounts` counts by byte patterns.
    fn odd_by_chars(text: &str) -> (usize, usize) {
        let odd = |c: char| c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0C'));
        let chars = text.chars().take(4096);
        (chars.clone().filter(|&c| odd(c)).count(), chars.count())
    }

    proptest::proptest! {
        #[test]
        fn check_text_counts_odd_chars_by_their_definition(
            s in "([ -~\t\n\r\x0C\x07\x7F\u{80}\u{85}\u{9F}\u{A0}\u{FEFF}\u{FFFC}\u{FFFD}\u{FFFF}é’日𐍈]|\\x00|\\x1B|abcdefghij){0,600}",
            pad in 0usize..4100,
            wide in 0usize..4,
        ) {
            // Around the 4096-char limit too, and with it past the 8192-byte
            // sample (the padding in chars of one to four bytes).
            let text = ["x", "é", "日", "𐍈"][wide].repeat(pad) + &s;
            counts_by_their_definition(&text)?;
        }

        #[test]
        fn check_text_finds_an_odd_char_alone_in_its_block(
            fill in 0usize..4,
            len in 0usize..5000,
            odd in proptest::collection::vec((0usize..5000, 0usize..9), 0..4),
        ) {
            // Few odd chars in plain text: a block with one and nothing
            // else rare is not skipped.
            let mut chars = vec![["x", "é", "日", "𐍈"][fill]; len];
            for (at, which) in odd {
                let c = ["\u{FFFD}", "\u{80}", "\u{9F}", "\x7F", "\x01", "\u{A0}", "\u{FFFC}", "\0", "\u{FEFF}"][which];
                chars.insert(at.min(chars.len()), c);
            }
            counts_by_their_definition(&chars.concat())?;
        }
    }

    proptest::proptest! {
        /// The .wasm's test of a block against the native one, with runs of
        /// plain text for whole clean chunks.
        #[test]
        fn rare_by_words_agrees_with_rare_by_bytes(
            block in proptest::collection::vec(proptest::prop_oneof![0u8..=255, proptest::strategy::Just(b'a'), proptest::strategy::Just(b' ')], 0..40),
        ) {
            proptest::prop_assert_eq!(rare_by_words(&block), rare_by_bytes(&block));
        }
    }

    /// `TextCounts` and `check_text` against the definitions.
    fn counts_by_their_definition(text: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        let counts = TextCounts::of(text);
        let (odd, seen) = odd_by_chars(text);
        proptest::prop_assert_eq!((counts.odd, counts.seen), (odd, seen));
        let sample = &text.as_bytes()[..text.len().min(8192)];
        let controls = sample.iter().filter(|&&b| b < 0x20 && !b"\n\r\t\x0C".contains(&b)).count();
        proptest::prop_assert_eq!(counts.controls, controls);
        proptest::prop_assert_eq!(control_count(sample), controls);
        let expected = match binary_kind(text.as_bytes()) {
            Some(kind) => Err(format!("binary file ({kind}), not text")),
            None if odd * 10 > seen => Err(format!(
                "binary file (binary data), not text: {odd} of its first {seen} characters are control or replacement characters"
            )),
            None => Ok(()),
        };
        proptest::prop_assert_eq!(check_text(text), expected);
        Ok(())
    }
}
