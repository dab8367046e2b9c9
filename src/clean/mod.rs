//! Stage 1: cleaning. Each source becomes a [`Document`]: decoded text, the
//! blocks of it that are article content, metadata, and what was removed.

pub(crate) mod rules;
pub(crate) mod story;
pub(crate) mod text;

use crate::document::Document;
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
    Ok(text::clean_text(text))
}
