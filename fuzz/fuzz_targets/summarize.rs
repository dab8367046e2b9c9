//! The whole pipeline: 1 to 4 sources carved from the input, of any kind
//! (text, HTML, bytes), under an arbitrary budget and thresholds. Checks the
//! digest's invariants and that the order of the sources does not matter.
//!
//! Input layout (so seeds can be written by hand, see scripts/fuzz.sh): a
//! 12-byte header read with `arbitrary`, then the sources' contents separated
//! by 0x1E (ASCII record separator).
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use newsdigest::{Budget, Config, Source, summarize};

#[path = "common.rs"]
mod common;

const HEADER: usize = 12;

#[derive(Arbitrary, Debug)]
struct Header {
    /// Which budget limits are set: bit 0 sentences, 1 words, 2 ratio.
    limits: u8,
    sentences: u8,
    words: u16,
    ratio: u8,
    /// Two bits per source: text, HTML, bytes named .txt, bytes named .html.
    kinds: u8,
    merge: u8,
    redundancy: u8,
    min_words: u8,
    max_entry_words: u8,
    position_weight: u8,
    support_weight: u8,
}

fuzz_target!(|data: &[u8]| {
    let (head, rest) = data.split_at(data.len().min(HEADER));
    let Ok(h) = Header::arbitrary(&mut Unstructured::new(head)) else { return };
    let mut budget = Budget {
        sentences: (h.limits & 1 != 0).then_some(1 + h.sentences as usize),
        words: (h.limits & 2 != 0).then_some(1 + h.words as usize),
        ratio: (h.limits & 4 != 0).then_some((1.0 + h.ratio as f64) / 256.0),
    };
    if budget == (Budget { sentences: None, words: None, ratio: None }) {
        budget = Budget::default();
    }
    let min_words = (h.min_words % 12) as usize;
    let config = Config {
        budget,
        merge_threshold: (1.0 + h.merge as f64) / 256.0,
        redundancy_threshold: (1.0 + h.redundancy as f64) / 256.0,
        min_words,
        max_entry_words: min_words.max(1) + h.max_entry_words as usize,
        position_weight: h.position_weight as f64 / 64.0,
        support_weight: h.support_weight as f64 / 64.0,
        ..Config::default()
    };

    let mut sources = Vec::new();
    let mut texts = Vec::new();
    for (i, part) in rest.split(|&b| b == 0x1E).take(4).enumerate() {
        let kind = (h.kinds >> (2 * i)) & 3;
        let as_str = std::str::from_utf8(part).ok();
        let (source, text) = match (kind, as_str) {
            (0, Some(s)) => (Source::text(format!("s{i}.txt"), s), Some(s)),
            (1, Some(s)) => (Source::html(format!("s{i}.html"), s), None),
            (2, _) | (0, None) => (Source::bytes(format!("s{i}.txt"), part), None),
            _ => (Source::bytes(format!("s{i}.html"), part), None),
        };
        sources.push(source);
        texts.push(text);
    }

    let digest = match summarize(&sources, &config) {
        Ok(d) => d,
        Err(e) => {
            let message = e.to_string();
            assert!(message.starts_with("no source has usable text"), "unexpected error: {message}");
            return;
        }
    };
    common::check_digest(&digest, &sources, &texts, &config);

    // The same sources in reverse order give the same digest, renumbered.
    let n = sources.len();
    let reversed: Vec<Source> = sources.iter().rev().cloned().collect();
    let other = summarize(&reversed, &config).expect("the reversed story summarizes too");
    let back = |s: usize| n - 1 - s;
    assert_eq!(digest.title, other.title);
    assert_eq!(digest.date, other.date);
    assert_eq!(digest.sentences.len(), other.sentences.len(), "reversing the sources changes the digest");
    for (a, b) in digest.sentences.iter().zip(&other.sentences) {
        assert_eq!(a.text, b.text);
        assert_eq!(a.source, back(b.source));
        assert_eq!(a.score.to_bits(), b.score.to_bits());
        let mut sources: Vec<usize> = b.sources.iter().map(|&s| back(s)).collect();
        sources.sort();
        assert_eq!(a.sources, sources);
    }
});
