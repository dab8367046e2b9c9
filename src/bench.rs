//! The pipeline's stages one by one, for the benchmarks in `benches/`.
//!
//! Only built with the non-default `bench-internals` feature and hidden from
//! the docs: this is not API. Each function wraps one stage of
//! [`summarize`](crate::summarize) over opaque plain data, in the order the
//! driver runs them, so a benchmark can time one stage on the output of the
//! stages before it.

use crate::config::Config;
use crate::document::{BlockKind, Document};
use crate::segment::Segmented;
use crate::source::Source;
use crate::{clean as cleaning, merge as merging, score as scoring, segment as segmenting, select as selecting};

/// Stage 1's output: the cleaned documents of a story, and which of their
/// blocks hold the same text.
pub struct Docs(Vec<Document>, cleaning::story::SameText);

impl Docs {
    /// Number of usable documents.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no source was usable.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Stage 2's output: sentences and their terms.
pub struct Segments(Segmented);

impl Segments {
    /// Number of sentences (headings included).
    pub fn sentences(&self) -> usize {
        self.0.sentences.len()
    }
}

/// Stage 3's output: term rarities and the story's weighted concepts.
pub struct Scores {
    rarity: Vec<f64>,
    concepts: scoring::Concepts,
}

impl Scores {
    /// Number of sentences scored.
    pub fn sentences(&self) -> usize {
        self.concepts.sentences()
    }
}

/// Stage 4's output: groups of sentences that say the same.
#[derive(Clone)]
pub struct Groups(merging::Grouped);

impl Groups {
    /// Number of groups.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.len() == 0
    }
}

/// Cleaning: every source decoded and cleaned (unusable ones left out), then
/// the story-level pass over repeated blocks.
pub fn clean(sources: &[Source]) -> Docs {
    let mut docs: Vec<Document> = sources.iter().filter_map(|s| cleaning::prepare(s).ok()).collect();
    let same = cleaning::story::drop_repeated(&mut docs);
    Docs(docs, same)
}

/// Sentence splitting alone (no terms): the number of units.
pub fn split(docs: &Docs) -> usize {
    let mut units = 0;
    for doc in &docs.0 {
        for block in doc.blocks.iter().filter(|b| b.kind != BlockKind::Heading) {
            units += segmenting::split::split(&doc.text, block.range.clone()).len();
        }
    }
    units
}

/// Segmentation: language detection, sentence splitting, terms.
pub fn segment(docs: &Docs) -> Segments {
    Segments(segmenting::segment_with(&docs.0, Some(&docs.1)))
}

/// Scoring: term statistics, rarity, concepts and their weights (what
/// `summarize` computes before merging and selecting).
pub fn score(seg: &Segments, config: &Config) -> Scores {
    let stats = scoring::term_stats(&seg.0, config.headline_weight);
    let rarity = scoring::rarity(&stats);
    let concepts = scoring::concepts(&seg.0, &stats, config);
    Scores { rarity, concepts }
}

/// Merging: near-duplicate sentences of different sources into groups.
pub fn merge(seg: &Segments, scores: &Scores, config: &Config) -> Groups {
    Groups(merging::merge(&seg.0, &scores.rarity, config.merge_threshold))
}

/// Selection under the budget: the number of entries chosen.
pub fn select(seg: &Segments, groups: Groups, scores: &Scores, config: &Config) -> usize {
    selecting::select(&seg.0, groups.0, scores.concepts.clone(), &scores.rarity, config).len()
}
