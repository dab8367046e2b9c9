//! Sentence splitting, through `summarize` on one text source (the splitter
//! is private): with a budget large enough to show most units, every entry
//! must stand verbatim at its span, trimmed, on char boundaries, and the
//! entries of the one source must come in text order without overlapping.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdigest::{Budget, Config, Source, summarize};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let config =
        Config { budget: Budget::sentences(10_000), min_words: 1, redundancy_threshold: 1.0, ..Config::default() };
    let sources = [Source::text("x.txt", text)];
    let Ok(digest) = summarize(&sources, &config) else { return };
    common::check_digest(&digest, &sources, &[Some(text)], &config);
    for pair in digest.sentences.windows(2) {
        let (a, b) = (pair[0].variants[0].span, pair[1].variants[0].span);
        assert!(a.end <= b.start, "units out of order or overlapping: {a:?} then {b:?}");
    }
});
