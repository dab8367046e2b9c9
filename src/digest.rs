//! The output: the digest and what it says about each source.

use serde::Serialize;

/// One short digest of a story.
///
/// Source numbers in it (`source`, `sources`) are indices into the slice of
/// sources that was summarized, in the caller's order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Digest {
    /// The best headline among the sources, when any has one.
    pub title: Option<String>,
    /// The story's date: the newest publication date among the sources
    /// (`YYYY-MM-DD`), when any gives one.
    pub date: Option<String>,
    /// The digest entries, in reading order.
    pub sentences: Vec<Entry>,
    /// One record per input source, in the caller's order.
    pub sources: Vec<SourceInfo>,
}

/// One statement of the digest, with every source that reports it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// The statement, verbatim from source `source`: the variant that added
    /// most for its length.
    pub text: String,
    /// The source `text` is taken from.
    pub source: usize,
    /// Every source that reports the statement, ascending.
    pub sources: Vec<usize>,
    /// What the statement added to the digest when it was picked (weight of
    /// the story's concepts it newly covered, for its length); only
    /// comparable within one digest.
    pub score: f64,
    /// Each source's wording of the statement, one per source in `sources`
    /// order; `text` is one of them.
    pub variants: Vec<Variant>,
}

/// One source's wording of a statement, and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Variant {
    pub source: usize,
    pub text: String,
    pub span: Span,
}

/// A byte range into a source's text: the decoded file for text sources, the
/// extracted article text for HTML pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// What the digest made of one source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceInfo {
    /// The source's name, as given.
    pub name: String,
    /// ISO 639-1 code of the detected language, when it was recognised.
    pub language: Option<String>,
    /// Words of article text after cleaning.
    pub words: usize,
    /// Sentences of article text after cleaning.
    pub sentences: usize,
    /// Digest entries that this source supports.
    pub used: usize,
    /// The source's own headline, publication date (`YYYY-MM-DD`), outlet
    /// and byline, where it gives them.
    pub title: Option<String>,
    pub date: Option<String>,
    pub site: Option<String>,
    pub byline: Option<String>,
    /// True when the source was published more than
    /// [`STALE_DAYS`](crate::STALE_DAYS) days before the story's date: it
    /// may report an older turn of the story.
    pub stale: bool,
    /// Why the source could not be used (unreadable, empty, no article
    /// text); the digest was made from the others.
    pub error: Option<String>,
}

/// One source after cleaning: its article and what was removed from it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cleaned {
    /// The source's name, as given.
    pub name: String,
    /// Its headline, publication date (`YYYY-MM-DD`), outlet and byline,
    /// where it gives them.
    pub title: Option<String>,
    pub date: Option<String>,
    pub site: Option<String>,
    pub byline: Option<String>,
    /// The article body without its headline, one block (paragraph, section
    /// heading, list item) per paragraph, blocks separated by a blank line.
    pub text: String,
    /// What cleaning removed, in source order, each with the rule that
    /// removed it.
    pub removed: Vec<Removal>,
}

/// A piece of a source that is not article text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Removal {
    pub text: String,
    /// The rule's name: `paywall`, `newsletter`, `related`, `caption`, ...
    pub reason: String,
}
