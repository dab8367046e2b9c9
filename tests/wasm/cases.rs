//! Cases of the JavaScript API, called as JavaScript calls it: with
//! `JsValue`s built from JSON, checked through the JS objects returned.

use js_sys::{JSON, Reflect, Uint8Array};
use newsdigest::wasm::{Story, Summarizer, clean, summarize, version};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

const SEEDS: [(&str, &str); 5] = [
    ("000.txt", include_str!("../../seeds/000_65befd5500e33c0c.txt")),
    ("001.txt", include_str!("../../seeds/001_689311aff9ac0c9a.txt")),
    ("002.txt", include_str!("../../seeds/002_1a31a8fc8b0ace42.txt")),
    ("003.txt", include_str!("../../seeds/003_a94e7e24bf7a8bcd.txt")),
    ("004.txt", include_str!("../../seeds/004_4f741bc833aec211.txt")),
];

fn json(text: &str) -> JsValue {
    JSON::parse(text).expect("test JSON")
}

fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &(*k).into(), v).unwrap();
    }
    o.into()
}

fn text_source(name: &str, text: &str) -> JsValue {
    object(&[("name", name.into()), ("text", text.into())])
}

fn seeds() -> js_sys::Array {
    SEEDS.iter().map(|(name, text)| text_source(name, text)).collect()
}

fn get(v: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(v.clone(), |v, k| Reflect::get(&v, &k.into()).unwrap())
}

fn len(v: &JsValue) -> u32 {
    v.dyn_ref::<js_sys::Array>().expect("an array").length()
}

fn message(e: impl Into<JsValue>) -> String {
    let e: JsValue = e.into();
    let error = e.dyn_into::<js_sys::Error>().expect("a JS Error");
    String::from(error.message())
}

fn error_of(sources: JsValue, options: JsValue) -> String {
    message(summarize(sources, options).expect_err("an error"))
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn summarizes_the_seed_story() {
    let d = summarize(seeds().into(), JsValue::UNDEFINED).unwrap();
    let n = len(&get(&d, "sentences"));
    assert!((1..=7).contains(&n), "{n} sentences");
    assert_eq!(len(&get(&d, "sources")), 5);
    // Plain objects, and null (not undefined) for what is missing.
    assert_eq!(js_sys::Object::get_prototype_of(&d), js_sys::Object::get_prototype_of(&js_sys::Object::new()));
    for i in 0..5 {
        assert!(get(&d, &format!("sources.{i}.error")).is_null());
    }
    // Markdown key points by default: one bullet per entry, with source tags.
    let text = get(&d, "text").as_string().unwrap();
    assert_eq!(text.lines().count() as u32, n);
    assert!(text.lines().all(|l| l.starts_with("- ") && l.ends_with(']')), "{text}");
    // Some statement is reported by more than one outlet.
    let entries = js_sys::Array::from(&get(&d, "sentences"));
    assert!(entries.iter().any(|e| len(&get(&e, "sources")) > 1));
}

#[wasm_bindgen_test]
fn type_and_length_set_the_budget_and_explicit_limits_win() {
    let count = |options: &str| len(&get(&summarize(seeds().into(), json(options)).unwrap(), "sentences"));
    assert_eq!(count(r#"{"type": "tldr", "length": "short"}"#), 1);
    assert_eq!(count(r#"{"type": "key-points"}"#), 3);
    assert_eq!(count(r#"{"length": "medium"}"#), 5);
    assert_eq!(count(r#"{"type": "key-points", "length": "long", "maxSentences": 2}"#), 2);
    let d = summarize(seeds().into(), json(r#"{"maxWords": 40, "format": "plain-text", "type": "tldr"}"#)).unwrap();
    let text = get(&d, "text").as_string().unwrap();
    assert!(text.split_whitespace().count() <= 45 && !text.contains("[1]"), "{text}");
    let d = summarize(seeds().into(), json(r#"{"type": "headline"}"#)).unwrap();
    let headline = get(&d, "text").as_string().unwrap();
    assert!(!headline.is_empty() && !headline.contains('\n'));
}

#[wasm_bindgen_test]
fn text_is_the_entries_rendered_as_type_and_format_ask() {
    // The digest's `text`, spelled out here from its entries: markdown tags
    // each statement with its sources (1-based) after a space; key points
    // are lines (bulleted in markdown), the others one paragraph.
    for kind in ["key-points", "tldr", "teaser"] {
        for format in ["markdown", "plain-text"] {
            let options = format!(r#"{{"type": "{kind}", "format": "{format}", "maxSentences": 4}}"#);
            let d = summarize(seeds().into(), json(&options)).unwrap();
            let statements: Vec<String> = js_sys::Array::from(&get(&d, "sentences"))
                .iter()
                .map(|e| {
                    let text = get(&e, "text").as_string().unwrap();
                    if format == "plain-text" {
                        return text;
                    }
                    let refs: String = js_sys::Array::from(&get(&e, "sources"))
                        .iter()
                        .map(|s| format!("[{}]", s.as_f64().unwrap() + 1.0))
                        .collect();
                    format!("{text} {refs}")
                })
                .collect();
            assert!(statements.len() > 1, "{options}");
            let expected = match (kind, format) {
                ("key-points", "markdown") => {
                    statements.iter().map(|s| format!("- {s}")).collect::<Vec<_>>().join("\n")
                }
                ("key-points", _) => statements.join("\n"),
                _ => statements.join(" "),
            };
            assert_eq!(get(&d, "text").as_string().unwrap(), expected, "{options}");
        }
    }
    // The headline: the title when there is one, else the best statement.
    let d = summarize(seeds().into(), json(r#"{"type": "headline"}"#)).unwrap();
    let best = js_sys::Array::from(&get(&d, "sentences"))
        .iter()
        .reduce(|best, e| if get(&e, "score").as_f64() > get(&best, "score").as_f64() { e } else { best })
        .map(|e| get(&e, "text").as_string().unwrap());
    let expected = get(&d, "title").as_string().or(best).unwrap();
    assert_eq!(get(&d, "text").as_string().unwrap(), expected);
}

#[wasm_bindgen_test]
fn target_words_fills_to_the_target_as_the_core_does() {
    use newsdigest::{Budget, Config, Source, WordLimit};
    let texts = |d: &JsValue| -> Vec<String> {
        js_sys::Array::from(&get(d, "sentences")).iter().map(|e| get(&e, "text").as_string().unwrap()).collect()
    };
    let sources: Vec<Source> = SEEDS.iter().map(|(name, text)| Source::text(*name, *text)).collect();
    let mut longer = 0;
    for target in [15usize, 40, 100] {
        let d = summarize(seeds().into(), json(&format!(r#"{{"targetWords": {target}}}"#))).unwrap();
        // The core's word target, entry for entry (tests/properties.rs checks
        // what a target means: reached, crossed by the last entry only).
        let config = Config { budget: Budget::words(target), word_limit: WordLimit::Target, ..Config::default() };
        let core: Vec<String> =
            newsdigest::summarize(&sources, &config).unwrap().sentences.into_iter().map(|e| e.text).collect();
        assert_eq!(texts(&d), core, "targetWords {target}");
        // The hard limit's digest plus at most one entry, which crosses the target.
        let hard = texts(&summarize(seeds().into(), json(&format!(r#"{{"maxWords": {target}}}"#))).unwrap());
        assert!(hard.iter().all(|h| core.contains(h)) && core.len() <= hard.len() + 1, "{hard:?} / {core:?}");
        longer += usize::from(core.len() > hard.len());
    }
    assert!(longer > 0, "the target never went past the hard limit: is it a hard limit?");
    // With maxSentences, both limits apply.
    let d = summarize(seeds().into(), json(r#"{"targetWords": 1000, "maxSentences": 2}"#)).unwrap();
    assert_eq!(len(&get(&d, "sentences")), 2);
    // Validated like maxWords, and never with another word budget.
    let e = error_of(seeds().into(), json(r#"{"targetWords": 0}"#));
    assert_eq!(e, r#"newsdigest: option "targetWords" must be a whole number >= 1, got 0"#);
    let e = error_of(seeds().into(), json(r#"{"targetWords": 12.5}"#));
    assert!(e.contains(r#"option "targetWords" must be a whole number >= 1, got 12.5"#), "{e}");
    let e = error_of(seeds().into(), json(r#"{"targetWords": 50, "maxWords": 50}"#));
    assert!(e.contains(r#"option "targetWords" cannot be combined with "maxWords""#), "{e}");
    let e = error_of(seeds().into(), json(r#"{"targetWords": 50, "ratio": 0.2}"#));
    assert!(e.contains(r#"option "targetWords" cannot be combined with "ratio""#), "{e}");
}

#[wasm_bindgen_test]
fn option_errors_name_the_option_and_what_is_allowed() {
    let e = error_of(seeds().into(), json(r#"{"maxWords": "ten"}"#));
    assert_eq!(e, r#"newsdigest: option "maxWords" must be a whole number >= 1, got "ten""#);
    let e = error_of(seeds().into(), json(r#"{"maxWord": 10}"#));
    // The whole list: the bindings take it as the first names of a longer table.
    assert_eq!(
        e,
        r#"newsdigest: unknown option "maxWord" (allowed: maxSentences, maxWords, targetWords, ratio, type, length, format, sharedContext, expectedInputLanguages, expectedContextLanguages, outputLanguage, monitor, signal)"#
    );
    let e = error_of(seeds().into(), json(r#"{"maxSentences": 2.5}"#));
    assert!(e.contains(r#""maxSentences" must be a whole number >= 1, got 2.5"#), "{e}");
    let e = error_of(seeds().into(), json(r#"{"ratio": 1.5}"#));
    assert!(e.contains(r#""ratio" must be a number in (0, 1], got 1.5"#), "{e}");
    let e = error_of(seeds().into(), json(r#"{"type": "summary"}"#));
    assert!(e.contains(r#""type" must be one of "key-points", "tldr", "teaser", "headline", got "summary""#), "{e}");
    let e = error_of(seeds().into(), json(r#"{"expectedInputLanguages": "en"}"#));
    assert!(e.contains(r#""expectedInputLanguages" must be an array of strings"#), "{e}");
    let e = error_of(seeds().into(), 5.into());
    assert!(e.contains("options must be an object, got 5"), "{e}");
    // Chrome's option names are accepted.
    let chrome = r#"{"sharedContext": "news", "expectedInputLanguages": ["en"], "outputLanguage": "en"}"#;
    assert!(summarize(seeds().into(), json(chrome)).is_ok());
}

#[wasm_bindgen_test]
fn malformed_sources_are_named() {
    let e = error_of(json(r#"[{"name": "a", "text": "x"}, {"name": "b"}]"#), JsValue::UNDEFINED);
    assert!(e.contains(r#"sources[1] must have exactly one of "text", "html", "bytes""#), "{e}");
    let e = error_of(json(r#"[{"name": "a", "txt": "x"}]"#), JsValue::UNDEFINED);
    assert!(e.contains(r#"unknown field "txt" in sources[0]"#), "{e}");
    let e = error_of(json(r#"[{"name": "a", "bytes": [1, 2]}]"#), JsValue::UNDEFINED);
    assert!(e.contains("sources[0].bytes must be a Uint8Array or ArrayBuffer, got an array"), "{e}");
    let e = error_of(json(r#"{"name": "a"}"#), JsValue::UNDEFINED);
    assert!(e.contains("sources must be an array"), "{e}");
    let e = error_of(json("[]"), JsValue::UNDEFINED);
    assert!(e.contains("no sources"), "{e}");
}

#[wasm_bindgen_test]
fn a_bad_source_is_reported_and_the_others_are_used() {
    let sources = seeds();
    sources.push(&text_source("empty.txt", ""));
    let binary: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 251) as u8).collect();
    sources.push(&object(&[("name", "blob.bin".into()), ("bytes", Uint8Array::from(&binary[..]).into())]));
    let d = summarize(sources.into(), JsValue::UNDEFINED).unwrap();
    assert!(get(&d, "sources.5.error").is_string());
    assert!(get(&d, "sources.6.error").is_string());
    assert!(get(&d, "sources.0.error").is_null());
    assert!(len(&get(&d, "sentences")) >= 1);
}

#[wasm_bindgen_test]
fn html_and_bytes_sources_are_read() {
    let html = "<html><head><title>Drones</title></head><body><article><p>Iran has sold hundreds of attack drones \
        to Russia, officials said on Monday.</p></article></body></html>";
    let sources = js_sys::Array::of2(
        &object(&[("name", "a.html".into()), ("html", html.into())]),
        &object(&[("name", "b.txt".into()), ("bytes", Uint8Array::from(SEEDS[0].1.as_bytes()).into())]),
    );
    let d = summarize(sources.into(), JsValue::UNDEFINED).unwrap();
    assert!(get(&d, "sources.1.error").is_null());
    assert!(len(&get(&d, "sentences")) >= 1);
}

#[wasm_bindgen_test]
fn a_page_in_a_legacy_charset_is_decoded_by_the_host() {
    // Shift_JIS: the package leaves encoding_rs out and decodes with the
    // browser's TextDecoder; tests/hostile.rs checks the same natively.
    let page = include_bytes!("../data/legacy/nikkei-sjis.html");
    let c = clean(object(&[("name", "nikkei.html".into()), ("bytes", Uint8Array::from(&page[..]).into())])).unwrap();
    assert_eq!(get(&c, "title").as_string().as_deref(), Some("日銀、金利を据え置き"));
    let text = get(&c, "text").as_string().unwrap();
    assert!(text.starts_with("日本銀行は金曜日、短期金利を据え置くと発表した。植田総裁は"), "{text}");
}

#[wasm_bindgen_test]
fn binary_junk_handed_over_as_text_is_an_error() {
    let sources = seeds();
    sources.push(&text_source("zeros.txt", &"\0".repeat(512)));
    let d = summarize(sources.into(), JsValue::UNDEFINED).unwrap();
    let error = get(&d, "sources.5.error").as_string().unwrap();
    assert!(error.starts_with("binary file ("), "{error}");
    assert!(len(&get(&d, "sentences")) >= 1);
    let e = message(clean(text_source("zeros.txt", &"\0".repeat(512))).unwrap_err());
    assert!(e.contains("zeros.txt: binary file ("), "{e}");
}

#[wasm_bindgen_test]
fn the_module_still_works_after_errors() {
    for _ in 0..3 {
        let _ = error_of(seeds().into(), json(r#"{"maxWords": 0}"#));
        let _ = error_of(json(r#"[{"name": "a", "text": ""}]"#), JsValue::UNDEFINED);
        let d = summarize(seeds().into(), json(r#"{"maxSentences": 2}"#)).unwrap();
        assert_eq!(len(&get(&d, "sentences")), 2);
    }
}

/// Calls `object.method(...args)` as JavaScript does, and awaits the promise.
async fn call(object: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = get(object, method).dyn_into().expect("a method");
    let promise = f.apply(object, &args.iter().collect()).expect("returns a promise");
    JsFuture::from(js_sys::Promise::from(promise)).await
}

#[wasm_bindgen_test]
async fn summarizer_works_like_chromes() {
    let class = JsValue::from(Summarizer::create(json(r#"{"type": "tldr", "format": "plain-text"}"#)));
    let s = JsFuture::from(js_sys::Promise::from(class)).await.unwrap();
    assert_eq!(get(&s, "type").as_string().as_deref(), Some("tldr"));
    assert_eq!(get(&s, "length").as_string().as_deref(), Some("short"));
    assert_eq!(get(&s, "format").as_string().as_deref(), Some("plain-text"));
    let text = call(&s, "summarize", &[SEEDS[0].1.into()]).await.unwrap();
    let text = text.as_string().expect("a string");
    assert!(!text.is_empty() && !text.starts_with("- ") && !text.contains("[1]"), "{text}");
    let d = call(&s, "digest", &[seeds().into()]).await.unwrap();
    assert_eq!(len(&get(&d, "sentences")), 1);
    let e = call(&s, "summarize", &[seeds().into(), json(r#"{"contxt": "x"}"#)]).await.unwrap_err();
    assert!(message(e).contains(r#"unknown option "contxt""#));
    let available = JsFuture::from(Summarizer::availability(JsValue::UNDEFINED)).await.unwrap();
    assert_eq!(available.as_string().as_deref(), Some("available"));
    let e = JsFuture::from(Summarizer::create(json(r#"{"length": "huge"}"#))).await.unwrap_err();
    assert!(message(e).contains(r#"option "length" must be one of "short", "medium", "long", got "huge""#));
    // Chrome's defaults: key points, short, markdown.
    let s2 = JsFuture::from(Summarizer::create(JsValue::UNDEFINED)).await.unwrap();
    let text = call(&s2, "summarize", &[seeds().into()]).await.unwrap().as_string().unwrap();
    assert_eq!(text.lines().filter(|l| l.starts_with("- ")).count(), 3, "{text}");
    let destroy: js_sys::Function = get(&s, "destroy").dyn_into().unwrap();
    destroy.call0(&s).unwrap();
    let e = call(&s, "summarize", &["text".into()]).await.unwrap_err();
    assert!(message(e).contains("destroyed"));
}

#[wasm_bindgen_test]
fn clean_gives_the_article_and_what_was_removed() {
    let page = "<html><head><title>Drones | Daily</title></head><body><nav>Home</nav><article><h1>Drones</h1>\
        <p>Iran has sold hundreds of drones to Russia, officials said.</p>\
        <p>The drones were used against power plants, according to Ukraine.</p></article></body></html>";
    let c = clean(object(&[("name", "daily.html".into()), ("html", page.into())])).unwrap();
    assert_eq!(get(&c, "name").as_string().as_deref(), Some("daily.html"));
    let text = get(&c, "text").as_string().unwrap();
    assert!(text.starts_with("Iran has sold") && !text.contains("Home"), "{text}");
    assert!(js_sys::Array::is_array(&get(&c, "removed")));
    assert!(get(&c, "byline").is_null());
    let c = clean(SEEDS[0].1.into()).unwrap();
    assert_eq!(get(&c, "name").as_string().as_deref(), Some("text"));
    let e = message(clean(text_source("empty.txt", "")).unwrap_err());
    assert!(e.starts_with("newsdigest: empty.txt: "), "{e}");
    let e = message(clean(json(r#"{"name": "a", "txt": "x"}"#)).unwrap_err());
    assert!(e.contains(r#"unknown field "txt" in source"#), "{e}");
}

#[wasm_bindgen_test]
fn a_story_cleans_each_source_once_and_gives_summarizes_digest() {
    let stringify = |v: &JsValue| JSON::stringify(v).unwrap().as_string().unwrap();
    let keyed = |key: &str, source: JsValue| {
        Reflect::set(&source, &"key".into(), &key.into()).unwrap();
        source
    };
    let mut story = Story::new();
    for (i, (name, text)) in SEEDS.iter().enumerate() {
        let kept = story.clean(i.to_string(), text_source(name, text)).unwrap();
        assert_eq!(stringify(&kept), stringify(&clean(text_source(name, text)).unwrap()));
    }
    let e = message(story.clean("x".into(), text_source("empty.txt", "")).unwrap_err());
    assert!(e.starts_with("newsdigest: empty.txt: "), "{e}");
    let options = json(r#"{"length": "long", "format": "plain-text"}"#);
    // The four first seeds as kept, the last one given with other text under
    // its key (so cleaned again), and the empty one: as summarize gives them.
    let changed = format!("{} Officials said talks would resume in Geneva.", SEEDS[4].1);
    let mut given: Vec<JsValue> = SEEDS[..4].iter().map(|(name, text)| text_source(name, text)).collect();
    given.push(text_source("004.txt", &changed));
    given.push(text_source("empty.txt", ""));
    let plain: js_sys::Array = given
        .iter()
        .map(|s| text_source(&get(s, "name").as_string().unwrap(), &get(s, "text").as_string().unwrap()))
        .collect();
    let keys = ["0", "1", "2", "3", "4", "x"];
    let with_keys: js_sys::Array = given.into_iter().zip(keys).map(|(s, k)| keyed(k, s)).collect();
    let expected = stringify(&summarize(plain.clone().into(), options.clone()).unwrap());
    assert_eq!(stringify(&story.summarize(with_keys.clone().into(), options.clone()).unwrap()), expected);
    // Again, all kept now; and a source under an unknown key is read.
    assert_eq!(stringify(&story.summarize(with_keys.into(), options.clone()).unwrap()), expected);
    let fresh: js_sys::Array =
        SEEDS.iter().enumerate().map(|(i, (n, t))| keyed(&format!("new{i}"), text_source(n, t))).collect();
    let seeds_digest = stringify(&summarize(seeds().into(), options.clone()).unwrap());
    assert_eq!(stringify(&story.summarize(fresh.into(), options.clone()).unwrap()), seeds_digest);
    let e = message(story.summarize(json(r#"[{"name": "a", "text": "x"}]"#), options).unwrap_err());
    assert!(e.contains("sources[0].key must be a string"), "{e}");
}

/// Where `a` and `b` differ, as a path, or `None` when they are the same
/// JS value: the same keys in the same order, arrays item by item,
/// prototypes, and everything else by `Object.is` (so `-0` is not `0`).
fn difference(a: &JsValue, b: &JsValue, at: &str) -> Option<String> {
    use js_sys::Object;
    if Object::is(a, b) {
        return None;
    }
    if !a.is_object() || !b.is_object() {
        return Some(format!("{at}: {a:?} vs {b:?}"));
    }
    if Object::get_prototype_of(a) != Object::get_prototype_of(b) {
        return Some(format!("{at}: prototypes differ"));
    }
    let names = |v: &JsValue| {
        Object::keys::<JsValue>(v.unchecked_ref()).into_iter().map(|k| k.as_string().unwrap()).collect::<Vec<_>>()
    };
    let (keys_a, keys_b) = (names(a), names(b));
    if keys_a != keys_b {
        return Some(format!("{at}: keys {keys_a:?} vs {keys_b:?}"));
    }
    keys_a.iter().find_map(|k| difference(&get(a, k), &get(b, k), &format!("{at}.{k}")))
}

/// Sources whose strings need JSON's escapes: quotes, backslashes, control
/// characters, non-ASCII text, a byte-order mark.
fn awkward_sources() -> Vec<(&'static str, String)> {
    let text = "Officials said \"the talks\" would resume \\ in Geneva on Monday.\tTabs\u{7} and bells too.\n\n\
        The minister, Zoë Ångström, said 😀 talks 「会談」 would go on \u{1}for weeks.\r\n\r\n\
        Diplomats from \u{feff}both sides met on Sunday to prepare the \"final\" round of talks.";
    let mut sources: Vec<(&'static str, String)> = SEEDS.iter().map(|(n, t)| (*n, t.to_string())).collect();
    // The name comes back verbatim in the digest's sources: DEL and the
    // two line separators JSON writers often get wrong.
    sources.push(("q\"uote\\d\u{1f}\u{7f}\u{2028}\u{2029}.txt", text.to_string()));
    sources.push(("empty.txt", String::new()));
    sources
}

#[wasm_bindgen_test]
fn results_are_the_objects_serde_wasm_bindgen_built() {
    use newsdigest::Source;
    use serde::Serialize;
    let old = serde_wasm_bindgen::Serializer::json_compatible();
    let sources = awkward_sources();
    // All (the empty one gives an `error`), the awkward one alone, three seeds.
    for range in [0..sources.len(), 5..6, 0..3] {
        let given: js_sys::Array = sources[range.clone()].iter().map(|(n, t)| text_source(n, t)).collect();
        let native: Vec<Source> = sources[range].iter().map(|(n, t)| Source::text(*n, t.clone())).collect();
        let new = summarize(given.into(), JsValue::UNDEFINED).unwrap();
        let expected = newsdigest::summarize(&native, &newsdigest::Config::default()).unwrap().serialize(&old).unwrap();
        assert!(get(&new, "text").is_string());
        Reflect::set(&expected, &"text".into(), &get(&new, "text")).unwrap();
        assert_eq!(difference(&new, &expected, "digest"), None);
    }
    let page = "<html><head><title>Drones | Daily</title></head><body><nav>Home</nav><article><h1>Drones</h1>\
        <p>Iran has sold \"hundreds\" of drones to Russia, officials said.</p><p>Subscribe to our newsletter</p>\
        <p>The drones were used against power plants, according to Ukraine.</p></article></body></html>";
    let (name, text) = &sources[5];
    for (js, native) in [
        (text_source(name, text), Source::text(*name, text.clone())),
        (object(&[("name", "d.html".into()), ("html", page.into())]), Source::html("d.html", page)),
    ] {
        let new = clean(js).unwrap();
        let expected = newsdigest::Prepared::new(native).cleaned().unwrap().serialize(&old).unwrap();
        assert_eq!(difference(&new, &expected, "cleaned"), None);
    }
}
