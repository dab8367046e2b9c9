//! Integration stand-in (replaced by the real splitter).
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unit {
    pub range: Range<usize>,
    pub terminated: bool,
}

pub(crate) fn split(text: &str, block: Range<usize>) -> Vec<Unit> {
    let base = block.start;
    text[block]
        .split_sentence_bound_indices()
        .filter_map(|(i, s)| {
            let t = s.trim();
            if t.is_empty() {
                return None;
            }
            let start = base + i + (s.len() - s.trim_start().len());
            let terminated = t.trim_end_matches(['"', '”', '’', ')']).ends_with(['.', '!', '?']);
            Some(Unit { range: start..start + t.len(), terminated })
        })
        .collect()
}
