//! The plain data that flows between the cleaning stage and the later
//! stages: one [`Document`] per source.
//!
//! A document owns the text that every span of the digest points into. For
//! a plain-text source that text is the decoded file itself, so a span can be
//! looked up in the file the reader dropped; for an HTML source it is the
//! visible text of the page, one block per line.

use std::ops::Range;

use crate::segment::split::Unit;

/// One source after cleaning: its text, the blocks of it that are article
/// content, and what was found about it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Document {
    /// The text that spans point into.
    pub text: String,
    /// The content blocks, in reading order, as non-overlapping byte ranges
    /// into `text`. Everything of `text` outside them is not article content.
    pub blocks: Vec<Block>,
    /// Title, date, outlet and byline, where the source gives them.
    pub meta: Meta,
    /// What cleaning removed, and why, in the order it stands in the source.
    pub removed: Vec<Removed>,
    /// The sentence units of blocks that cleaning already split (looking for
    /// widgets inside them), by block range, in order: segmentation takes
    /// them instead of splitting those blocks again. Splitting depends only
    /// on `text` and the range, so they are what it would find. May be
    /// empty, and may hold ranges that are no block (any more).
    pub units: Vec<(Range<usize>, Vec<Unit>)>,
}

/// A run of text that reads as one unit: a paragraph, a heading, a list item.
///
/// Invariant: `range` lies on `char` boundaries of the document's text and
/// does not start or end with white space.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    pub range: Range<usize>,
    pub kind: BlockKind,
}

/// What a block is, as far as the source says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlockKind {
    /// Running text.
    Paragraph,
    /// A headline or section heading. Never a digest sentence, but a title
    /// candidate.
    Heading,
    /// An item of a list.
    ListItem,
}

/// Facts about a source that are not its article text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Meta {
    pub title: Option<String>,
    /// Publication date as `YYYY-MM-DD`.
    pub date: Option<String>,
    pub site: Option<String>,
    pub byline: Option<String>,
}

/// A piece of the source that cleaning dropped, and the name of the rule
/// that dropped it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Removed {
    pub text: String,
    pub reason: &'static str,
}
