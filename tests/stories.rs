//! End-to-end tests driven by files: each folder of tests/stories holds the
//! sources of one story (sorted by file name: source 0, 1, ...) and an
//! `expect.json` of what its digest must show.
//!
//! - `language`: the language code every source must be detected as.
//! - `statements`: `{"contains", "sources"}`: one digest entry has a variant
//!   containing the text, and is reported by at least those sources.
//! - `apart`: pairs of texts that must never be merged into one entry.

use std::path::Path;

use newsdigest::{Config, Digest, Source, summarize};
use serde_json::Value;

fn load(dir: &Path) -> (Vec<Source>, Value) {
    let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    let expect = std::fs::read_to_string(dir.join("expect.json")).unwrap();
    let sources = paths
        .iter()
        .filter(|p| p.file_name().unwrap() != "expect.json")
        .map(|p| Source::bytes(p.file_name().unwrap().to_string_lossy(), std::fs::read(p).unwrap()))
        .collect();
    (sources, serde_json::from_str(&expect).unwrap())
}

fn check(name: &str, d: &Digest, expect: &Value) -> Vec<String> {
    let mut failures = Vec::new();
    if let Some(code) = expect["language"].as_str() {
        for s in &d.sources {
            if s.language.as_deref() != Some(code) {
                failures.push(format!("{name}: {} detected as {:?}, want {code}", s.name, s.language));
            }
        }
    }
    for st in expect["statements"].as_array().into_iter().flatten() {
        let needle = st["contains"].as_str().unwrap();
        let want: Vec<usize> = st["sources"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as usize).collect();
        match d.sentences.iter().find(|e| e.variants.iter().any(|v| v.text.contains(needle))) {
            None => failures.push(format!("{name}: no entry contains {needle:?}")),
            Some(e) if !want.iter().all(|s| e.sources.contains(s)) => {
                failures.push(format!("{name}: {needle:?} reported by {:?}, want at least {want:?}", e.sources))
            }
            Some(_) => {}
        }
    }
    for pair in expect["apart"].as_array().into_iter().flatten() {
        let (a, b) = (pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
        if d.sentences
            .iter()
            .any(|e| e.variants.iter().any(|v| v.text.contains(a)) && e.variants.iter().any(|v| v.text.contains(b)))
        {
            failures.push(format!("{name}: {a:?} and {b:?} were merged"));
        }
    }
    failures
}

#[test]
fn stories() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/stories");
    let mut dirs: Vec<_> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).collect();
    dirs.sort();
    assert!(!dirs.is_empty());
    let mut failures = Vec::new();
    for dir in &dirs {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let (sources, expect) = load(dir);
        let config = Config { budget: newsdigest::Budget::sentences(10), ..Config::default() };
        match summarize(&sources, &config) {
            Ok(d) => failures.extend(check(&name, &d, &expect)),
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
