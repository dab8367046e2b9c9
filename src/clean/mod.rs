//! Stage 1: cleaning. Each source becomes a [`Document`]: decoded text, the
//! blocks of it that are article content, metadata, and what was removed.

pub(crate) mod html;
pub(crate) mod rules;
pub(crate) mod story;
pub(crate) mod text;

use crate::decode::{self, Format};
use crate::document::Document;
use crate::source::{Input, Source};

/// Decodes and cleans one source. The error says what is wrong with it, not
/// which source it is: the caller names the source.
pub(crate) fn prepare(source: &Source) -> Result<Document, String> {
    let (text, format) = match &source.input {
        Input::Text(text) => (text.clone(), Format::Text),
        Input::Html(html) => (html.clone(), Format::Html),
        Input::Bytes(bytes) => match &source.decoded {
            // Decoded by the host from a charset this build lacks: an HTML
            // page, with the checks `decode` makes after decoding.
            Some(text) => {
                if !text.trim().is_empty() {
                    decode::check_text(text)?;
                }
                (text.clone(), Format::Html)
            }
            None => {
                let format = decode::sniff(source.name(), bytes);
                (decode::decode(bytes, format)?, format)
            }
        },
    };
    if text.trim().is_empty() {
        return Err("empty file".into());
    }
    if !matches!(source.input, Input::Bytes(_)) {
        // Decoded bytes were checked by `decode`.
        decode::check_text(&text)?;
    }
    Ok(match format {
        Format::Html => html::clean_html(&text),
        Format::Text | Format::Markdown => text::clean_text(text),
    })
}
