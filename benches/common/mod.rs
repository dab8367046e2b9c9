//! Inputs shared by the benchmarks: the seeds of the repository, and stories
//! built from the Multi-News sample outside it (`NEWSDIGEST_DATA`, default
//! `<repo root>/../shared/data`). Nothing from the data goes into the repo.

#![allow(dead_code, reason = "each benchmark uses a part")]

use std::path::{Path, PathBuf};

use newsdigest::Source;

/// A story: its sources and their total size in bytes.
pub struct Story {
    pub sources: Vec<Source>,
    pub bytes: usize,
    /// (name, text) of each source, for text sources.
    texts: Vec<(String, String)>,
}

impl Story {
    fn from_texts(texts: Vec<(String, String)>) -> Story {
        let bytes = texts.iter().map(|(_, t)| t.len()).sum();
        let sources = texts.iter().map(|(n, t)| Source::text(n.clone(), t.clone())).collect();
        Story { sources, bytes, texts }
    }
}

/// The data folder, or None (with a message saying what is skipped).
pub fn data_dir(what: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("NEWSDIGEST_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data"));
    if dir.join("multinews-dev.jsonl").is_file() {
        Some(dir)
    } else {
        eprintln!(
            "skipping {what}: no multinews-dev.jsonl in {} (set NEWSDIGEST_DATA to the data folder)",
            dir.display()
        );
        None
    }
}

/// The sample story of `seeds/`, read as the command-line tool reads files.
pub fn seeds() -> Story {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir).expect("seeds/").map(|e| e.unwrap().path()).collect();
    paths.sort();
    let mut bytes = 0;
    let sources = paths
        .iter()
        .map(|p| {
            let data = std::fs::read(p).unwrap();
            bytes += data.len();
            Source::bytes(p.file_name().unwrap().to_string_lossy(), data)
        })
        .collect();
    Story { sources, bytes, texts: Vec::new() }
}

/// The stories of `multinews-dev.jsonl`, docs named as `newsdigest batch`
/// names them.
pub fn multinews(dir: &Path) -> Vec<Story> {
    let text = std::fs::read_to_string(dir.join("multinews-dev.jsonl")).expect("multinews-dev.jsonl");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
            let docs = v["docs"].as_array().expect("docs");
            Story::from_texts(
                docs.iter()
                    .enumerate()
                    .map(|(i, d)| {
                        let text = d.as_str().or_else(|| d["text"].as_str()).unwrap_or_default();
                        (format!("docs[{i}]"), text.to_owned())
                    })
                    .collect(),
            )
        })
        .collect()
}

/// One story made of every article of `stories`, `copies` times over (each
/// copy a source of its own, as when many outlets run the same wire copy).
pub fn concat(stories: &[Story], copies: usize) -> Story {
    let mut texts = Vec::new();
    for copy in 0..copies {
        for (s, story) in stories.iter().enumerate() {
            for (name, text) in &story.texts {
                texts.push((format!("{copy}/{s}/{name}"), text.clone()));
            }
        }
    }
    Story::from_texts(texts)
}

/// The articles of `stories` in turn, over and over, until `bytes` bytes.
pub fn first_bytes(stories: &[Story], bytes: usize) -> Story {
    let all: Vec<&(String, String)> = stories.iter().flat_map(|s| &s.texts).collect();
    let mut texts = Vec::new();
    let mut total = 0;
    for (k, (name, text)) in all.iter().cycle().enumerate() {
        if total >= bytes || all.is_empty() {
            break;
        }
        texts.push((format!("{k}/{name}"), text.clone()));
        total += text.len();
    }
    Story::from_texts(texts)
}
