//! Stage 1: cleaning. Each source becomes a [`Document`]: decoded text, the
//! blocks of it that are article content, metadata, and what was removed.

use crate::document::{Block, BlockKind, Document};
use crate::source::{Input, Source};

/// Decodes and cleans one source. The error says what is wrong with it, not
/// which source it is: the caller names the source.
pub(crate) fn prepare(source: &Source) -> Result<Document, String> {
    let text = match &source.input {
        Input::Text(text) => text.clone(),
        Input::Html(_) => return Err("HTML pages are not supported yet".into()),
        Input::Bytes(bytes) => String::from_utf8(bytes.clone()).map_err(|_| "not valid UTF-8 text".to_string())?,
    };
    if text.trim().is_empty() {
        return Err("empty file".into());
    }
    Ok(lines(text))
}

/// Every non-empty line is a block.
fn lines(text: String) -> Document {
    let mut blocks = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at + (line.len() - line.trim_start().len());
        let end = at + line.trim_end().len();
        if start < end {
            blocks.push(Block { range: start..end, kind: BlockKind::Paragraph });
        }
        at += line.len();
    }
    Document { text, blocks, ..Document::default() }
}
