//! The input: a source is a name plus its content.

/// One article of the story, as the reader has it.
///
/// ```
/// use newsdigest::Source;
/// let s = Source::text("ap.txt", "The White House said on Monday ...");
/// assert_eq!(s.name(), "ap.txt");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    name: String,
    pub(crate) input: Input,
    /// The text of `Input::Bytes` in a charset this build cannot decode,
    /// decoded by the host (see `Source::bytes_decoded`).
    pub(crate) decoded: Option<String>,
}

/// What the content is known to be.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Input {
    /// Plain text (or Markdown), already decoded.
    Text(String),
    /// An HTML page, already decoded.
    Html(String),
    /// A file's bytes: the format is told from the name and the content, the
    /// encoding from byte-order marks and the page's declared charset.
    Bytes(Vec<u8>),
}

impl Source {
    /// A plain-text (or Markdown) source.
    pub fn text(name: impl Into<String>, text: impl Into<String>) -> Source {
        Source { name: name.into(), input: Input::Text(text.into()), decoded: None }
    }

    /// An HTML page.
    pub fn html(name: impl Into<String>, html: impl Into<String>) -> Source {
        Source { name: name.into(), input: Input::Html(html.into()), decoded: None }
    }

    /// A file as it was read from disk or dropped on the page.
    pub fn bytes(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Source {
        Source { name: name.into(), input: Input::Bytes(bytes.into()), decoded: None }
    }

    /// A file's bytes together with their text, decoded by the host from
    /// the charset `decode::legacy_charset` named (the WebAssembly build
    /// leaves encoding_rs out). It counts, sorts and cleans as the bytes do
    /// in a build that decodes them itself.
    #[cfg(all(not(feature = "legacy-encodings"), target_arch = "wasm32"))]
    pub(crate) fn bytes_decoded(name: String, bytes: Vec<u8>, text: String) -> Source {
        Source { name, input: Input::Bytes(bytes), decoded: Some(text) }
    }

    /// The name the source was given: a file name, a URL, an outlet.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Size of the content as given, in bytes.
    pub(crate) fn len(&self) -> usize {
        match &self.input {
            Input::Text(s) | Input::Html(s) => s.len(),
            Input::Bytes(b) => b.len(),
        }
    }
}
