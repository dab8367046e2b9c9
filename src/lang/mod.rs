//! Integration stand-in (replaced by the real language module).
use rust_stemmers::{Algorithm, Stemmer};
use unicode_segmentation::UnicodeSegmentation;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Language {
    English,
}

impl Language {
    pub(crate) fn code(self) -> &'static str {
        "en"
    }
}

pub(crate) fn detect(_text: &str) -> Option<Language> {
    Some(Language::English)
}

pub(crate) struct Analyzer {
    stemmer: Stemmer,
    language: Option<Language>,
}

const STOP: &[&str] = &[
    "the", "a", "an", "of", "to", "in", "and", "is", "it", "on", "for", "that", "with", "as", "by", "at", "from",
    "has", "have", "be", "was", "were", "are", "its", "his", "her", "their", "this", "but", "or", "not", "had", "said",
];

impl Analyzer {
    pub(crate) fn new(language: Option<Language>) -> Analyzer {
        Analyzer { stemmer: Stemmer::create(Algorithm::English), language }
    }
    pub(crate) fn language(&self) -> Option<Language> {
        self.language
    }
    pub(crate) fn for_each_term(&self, text: &str, mut f: impl FnMut(&str)) {
        for w in text.unicode_words() {
            let l = w.to_lowercase();
            if STOP.contains(&l.as_str()) {
                continue;
            }
            f(&self.stemmer.stem(&l));
        }
    }
}

pub(crate) fn word_count(text: &str) -> usize {
    text.unicode_words().count()
}
