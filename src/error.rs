//! The crate's one error type.

use std::fmt;

/// Why a digest could not be made: bad configuration, or no source with
/// usable text. It carries a message for people and nothing to match on, so
/// it can grow without breaking callers.
///
/// A single bad source is not an error: it is reported on its own
/// [`SourceInfo`](crate::SourceInfo) and the other sources are still used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    message: String,
}

impl Error {
    pub(crate) fn new(message: impl Into<String>) -> Error {
        Error { message: message.into() }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
