//! Hostile and odd input: each case gives a clear error or a sensible
//! digest, never a panic, a hang or a blow-up, and a bad source never
//! spoils the others. (Timing is the benchmarks' business; these tests only
//! have to finish, which a quadratic step on these sizes would not do in
//! reasonable time.)

use newsdigest::{Budget, Config, Digest, Source, summarize};

const ARTICLE: &str = "The White House said on Monday that Russia is seeking to buy more attack drones from Iran. \
    Since August, Iran has provided Russia with more than 400 drones, officials said. \
    Russia has used most of them against power plants and other civilian targets in Ukraine.";

fn good() -> Source {
    Source::text("good.txt", ARTICLE)
}

/// Summarizes the good article with `other`, checks the good one is still
/// summarized, and returns the digest and `other`'s error.
fn beside_good(other: Source) -> (Digest, Option<String>) {
    let d = summarize(&[good(), other], &Config::default()).expect("the good source alone makes a digest");
    assert!(!d.sentences.is_empty(), "the good source is still summarized");
    assert!(d.sentences.iter().all(|e| e.sources.contains(&0) || e.sources.contains(&1)));
    let error = d.sources[1].error.clone();
    (d, error)
}

#[test]
fn empty_and_whitespace_only_files() {
    for content in ["", " ", "\n\n\t  \r\n", "\u{FEFF}  "] {
        let (_, error) = beside_good(Source::bytes("blank.txt", content.as_bytes()));
        assert_eq!(error.as_deref(), Some("empty file"), "{content:?}");
    }
    let err = summarize(&[Source::text("blank.txt", "   ")], &Config::default()).unwrap_err().to_string();
    assert!(err.contains("blank.txt") && err.contains("empty file"), "{err}");
}

#[test]
fn one_ten_megabyte_line_without_punctuation() {
    let line = "drones ".repeat(10_000_000 / 7);
    let d = summarize(&[good(), Source::text("line.txt", line)], &Config::default()).unwrap();
    let max = Config::default().max_entry_words;
    assert!(d.sentences.iter().all(|e| e.text.split_whitespace().count() <= max), "no ten-megabyte entry");
    assert!(!d.sentences.is_empty());
}

#[test]
fn a_hundred_thousand_one_word_sentences() {
    let text = "Drones. ".repeat(100_000);
    let d = summarize(&[good(), Source::text("words.txt", text)], &Config::default()).unwrap();
    assert!(d.sources[1].sentences >= 1);
    assert!(d.sentences.iter().all(|e| e.text.split_whitespace().count() >= Config::default().min_words));
}

#[test]
fn binary_files_given_as_text_files() {
    let cases: [(&str, &[u8], &str); 4] = [
        ("report.txt", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj", "binary file (PDF), not text"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01", "binary file (PNG), not text"),
        ("archive.html", b"PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0", "binary file (ZIP), not text"),
        ("random", &[0, 159, 146, 150, 0, 1, 2, 3, 0, 0, 7, 8, 200, 201, 0, 13], "binary file (binary data), not text"),
    ];
    for (name, bytes, want) in cases {
        let (_, error) = beside_good(Source::bytes(name, bytes));
        assert_eq!(error.as_deref(), Some(want), "{name}");
    }
}

#[test]
fn binary_junk_handed_over_as_text() {
    let zeros = "\0".repeat(512);
    let lossy = String::from_utf8_lossy(&[0xC0, 0x01, 0xFF, 0xFE, 0x81, b'a', 0xC1, 0xF5, 0x1B, 0x80]).repeat(50);
    let cases = [
        Source::text("zeros.txt", zeros.clone()),
        Source::bytes("zeros.txt", zeros.as_bytes()),
        Source::html("zeros.html", zeros.clone()),
        Source::text("lossy.txt", lossy.clone()),
        Source::html("lossy.html", format!("<p>{lossy}</p>")),
        Source::text("report.txt", "%PDF-1.7\n%\u{FFFD}\u{FFFD}\u{FFFD}\n1 0 obj << /Type /Catalog >> endobj"),
        Source::bytes("bell.txt", "\u{7}\u{8}\u{1B}".repeat(200)),
    ];
    for source in cases {
        let name = source.name().to_owned();
        let (d, error) = beside_good(source.clone());
        let error = error.unwrap_or_else(|| panic!("{name}: no error"));
        assert!(error.starts_with("binary file ("), "{name}: {error}");
        assert_eq!(d.sources[1].name, name);
        let alone = summarize(std::slice::from_ref(&source), &Config::default()).unwrap_err().to_string();
        assert!(alone.contains(&format!("({name}: binary file (")), "{alone}");
        let err = newsdigest::clean(&source, &Config::default()).unwrap_err().to_string();
        assert!(err.starts_with(&format!("{name}: binary file")), "{err}");
    }
}

#[test]
fn a_page_in_a_legacy_charset() {
    // Shift_JIS, declared in a <meta http-equiv>; the WebAssembly tests
    // (tests/wasm/cases.rs) read the same page with the browser's TextDecoder.
    let page = include_bytes!("data/legacy/nikkei-sjis.html");
    let cleaned = newsdigest::clean(&Source::bytes("nikkei.html", &page[..]), &Config::default()).unwrap();
    assert_eq!(cleaned.title.as_deref(), Some("日銀、金利を据え置き"));
    assert!(cleaned.text.starts_with("日本銀行は金曜日、短期金利を据え置くと発表した。植田総裁は"), "{}", cleaned.text);
}

#[test]
fn invalid_utf8_is_read_as_windows_1252() {
    let mut bytes = ARTICLE.replace("Monday", "Monday \u{0}").into_bytes();
    bytes.retain(|&b| b != 0);
    bytes.extend_from_slice(b" Caf\xE9 owners said the \x93drones\x94 flew low over the city on Tuesday night.");
    let d = summarize(&[Source::bytes("latin.txt", bytes)], &Config::default()).unwrap();
    assert_eq!(d.sources[0].error, None);
    let all: String = d.sentences.iter().map(|e| e.text.as_str()).collect();
    assert!(all.contains("Café owners said the \u{201C}drones\u{201D}"), "{all}");
}

#[test]
fn utf16_with_and_without_bom() {
    let le: Vec<u8> = ARTICLE.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = ARTICLE.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for (name, bytes) in [
        ("le-bom.txt", [&[0xFF, 0xFE][..], &le].concat()),
        ("be-bom.txt", [&[0xFE, 0xFF][..], &be].concat()),
        ("le.txt", le.clone()),
        ("be.txt", be.clone()),
    ] {
        let d = summarize(&[Source::bytes(name, bytes)], &Config::default()).unwrap();
        assert!(d.sentences[0].text.contains("Iran") || d.sentences[0].text.contains("Russia"), "{name}");
    }
}

#[test]
fn html_nested_a_hundred_thousand_levels_deep() {
    let depth = 100_000;
    let page = format!("<html><body>{}<p>{ARTICLE}</p>{}</body></html>", "<div>".repeat(depth), "</div>".repeat(depth));
    let (d, error) = beside_good(Source::html("deep.html", page));
    assert_eq!(error, None);
    assert!(d.sentences.iter().any(|e| e.sources == [0, 1]), "the deep copy of the article supports it");
    let unclosed = format!("<html><body>{}<p>{ARTICLE}", "<div><span>".repeat(depth));
    beside_good(Source::html("unclosed-deep.html", unclosed));
}

#[test]
fn a_five_megabyte_attribute() {
    let page = format!("<html><body><p title=\"{}\">{ARTICLE}</p></body></html>", "x".repeat(5_000_000));
    let (_, error) = beside_good(Source::html("attr.html", page));
    assert_eq!(error, None);
}

#[test]
fn unclosed_tags_and_comments() {
    for page in [
        format!("<html><body><p>{ARTICLE}<p>More text here <b>bold <i>both"),
        format!("<p>{ARTICLE}</p><!-- a comment that never ends <p>hidden"),
        format!("<p>{ARTICLE}</p><script>document.write('<p>never'"),
        "<<<>>><p<p>>></</p>>&&&#;&#x;&#99999999;".to_owned(),
    ] {
        let _ = summarize(&[good(), Source::html("broken.html", page)], &Config::default()).unwrap();
    }
}

#[test]
fn right_to_left_cjk_emoji_and_combining_marks() {
    let texts = [
        "الرئيس الأمريكي قال يوم الاثنين إن روسيا تسعى لشراء المزيد من الطائرات المسيرة من إيران. وأضاف أن إيران زودت روسيا بأكثر من أربعمائة طائرة.",
        "הבית הלבן אמר ביום שני כי רוסיה מבקשת לקנות עוד כטב\"מים מאיראן. לדבריו, איראן סיפקה לרוסיה יותר מארבע מאות כטב\"מים.",
        "白宫周一表示，俄罗斯正寻求从伊朗购买更多攻击型无人机。自八月以来，伊朗已向俄罗斯提供了四百多架无人机。",
        "ホワイトハウスは月曜日、ロシアがイランから攻撃用ドローンを追加購入しようとしていると述べた。イランは四百機以上を提供した。",
        "Drones 🚁🚁🚁 over Kyiv tonight 🇺🇦, officials said on Monday evening. Ze\u{301}ro cafe\u{301}s were open in the old town after the attack.",
    ];
    for text in texts {
        let d = summarize(&[Source::text("x.txt", text)], &Config::default()).unwrap();
        for e in &d.sentences {
            assert!(text.contains(&e.text));
        }
    }
}

#[test]
fn a_single_source() {
    let d = summarize(&[good()], &Config { budget: Budget::sentences(2), ..Config::default() }).unwrap();
    assert_eq!(d.sentences.len(), 2);
    assert!(d.sentences.iter().all(|e| e.sources == [0]));
}

#[test]
fn a_thousand_identical_sources() {
    let sources: Vec<Source> = (0..1000).map(|i| Source::text(format!("copy{i:04}.txt"), ARTICLE)).collect();
    let d = summarize(&sources, &Config::default()).unwrap();
    assert_eq!(d.sentences.len(), 3, "three statements, each once");
    for e in &d.sentences {
        assert_eq!(e.sources.len(), 1000);
    }
}

#[test]
fn a_story_in_two_languages() {
    let spanish = "La Casa Blanca dijo el lunes que Rusia intenta comprar más drones de ataque a Irán. \
        Desde agosto, Irán ha entregado a Rusia más de 400 drones, según funcionarios estadounidenses. \
        Rusia ha usado la mayoría de ellos contra centrales eléctricas de Ucrania.";
    let d = summarize(&[good(), Source::text("es.txt", spanish)], &Config::default()).unwrap();
    assert_eq!(d.sources[0].language.as_deref(), Some("en"));
    assert_eq!(d.sources[1].language.as_deref(), Some("es"));
    assert!(d.sentences.iter().any(|e| e.sources == [0]));
    assert!(d.sentences.iter().any(|e| e.sources == [1]));
}

#[test]
fn size_limits_name_the_source_and_the_limit() {
    // Sources are admitted by name: a.txt, then b.txt, then big.txt.
    let config = Config { max_source_bytes: 1_000, max_story_bytes: 400, ..Config::default() };
    let big = Source::text("big.txt", "word ".repeat(400));
    let d = summarize(&[Source::text("a.txt", ARTICLE), big.clone(), Source::text("b.txt", ARTICLE)], &config).unwrap();
    assert_eq!(d.sources[0].error, None);
    assert_eq!(d.sources[1].error.as_deref(), Some("2 KB is over the limit of 1 KB for one source"));
    let story = d.sources[2].error.as_deref().unwrap();
    assert!(story.contains("limit of 400 bytes for a whole story"), "{story}");
    let err = newsdigest::clean(&big, &config).unwrap_err().to_string();
    assert_eq!(err, "big.txt: 2 KB is over the limit of 1 KB for one source");
}
