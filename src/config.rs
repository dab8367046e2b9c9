//! The knobs of a digest, with their defaults in one place.

use crate::Error;

/// How long the digest may be. Every limit that is set applies; the digest
/// stops at the first one reached.
///
/// The default is 7 sentences, with no word limit.
///
/// ```
/// use newsdigest::Budget;
/// let tweet = Budget { sentences: None, words: Some(50), ratio: None };
/// assert_eq!(Budget::default().sentences, Some(7));
/// # let _ = tweet;
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Budget {
    /// At most this many digest entries (at least 1).
    pub sentences: Option<usize>,
    /// At most this many words, counted by Unicode word boundaries (at
    /// least 1). A hard limit: an entry that would cross it is skipped, never
    /// cut; unless [`Config::word_limit`] is [`WordLimit::Target`].
    pub words: Option<usize>,
    /// At most this fraction of the story's words, in (0, 1]. The story's
    /// words are those of its distinct statements: a sentence that several
    /// sources repeat counts once.
    pub ratio: Option<f64>,
}

impl Default for Budget {
    fn default() -> Budget {
        Budget { sentences: Some(7), words: None, ratio: None }
    }
}

impl Budget {
    /// A budget of `n` sentences and nothing else.
    pub fn sentences(n: usize) -> Budget {
        Budget { sentences: Some(n), words: None, ratio: None }
    }

    /// A budget of `n` words and nothing else.
    pub fn words(n: usize) -> Budget {
        Budget { sentences: None, words: Some(n), ratio: None }
    }

    /// A budget of a fraction of the story's words and nothing else.
    pub fn ratio(r: f64) -> Budget {
        Budget { sentences: None, words: None, ratio: Some(r) }
    }
}

/// How a word budget ([`Budget::words`], [`Budget::ratio`]) is met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WordLimit {
    /// Never exceeded: an entry that would cross it is skipped, never cut.
    /// The digest may end a few words short of it. The default.
    #[default]
    Hard,
    /// A target length: entries are added until the digest reaches it, and
    /// the last one may run past it, by less than its own length. The way
    /// extractive summaries are compared (fill to N words, then cut every
    /// system at N); for a reader, "about N words" with no entry left out
    /// for want of a few words.
    Target,
}

/// Everything that shapes a digest. Build it with struct update syntax over
/// the default:
///
/// ```
/// use newsdigest::{Budget, Config};
/// let config = Config { budget: Budget::words(100), ..Config::default() };
/// assert!(config.merge_threshold > 0.0);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// How long the digest may be. Default: [`Budget::default`], 7 sentences.
    pub budget: Budget,
    /// How alike two sentences of different sources must be to count as one
    /// statement, in (0, 1]. Similarity is the rarity-weighted share of the
    /// shorter sentence's terms found in the other one (see ARCHITECTURE.md).
    /// Default 0.6.
    pub merge_threshold: f64,
    /// Two digest entries this alike (same measure) are never both selected.
    /// Default 0.5.
    pub redundancy_threshold: f64,
    /// Weight of the lead: what a sentence at position `i` of its article
    /// adds is multiplied by `1 + position_weight / sqrt(1 + i)`. News puts
    /// the most important facts first. Default 2.0 (the first sentence
    /// counts three times, the tenth 1.6 times, the hundredth 1.2 times).
    pub position_weight: f64,
    /// Weight of corroboration: what a statement reported by `k` sources
    /// adds is multiplied by `1 + support_weight * ln(k)`. Default 0.5.
    pub support_weight: f64,
    /// Sentences with fewer words are never digest entries. Default 6.
    pub min_words: usize,
    /// Units with more words are never digest entries: past this length a
    /// "sentence" is text whose punctuation was lost (a scraped page, a
    /// transcript), not a statement to read. Default 100; news sentences
    /// rarely pass 60.
    pub max_entry_words: usize,
    /// A source larger than this many bytes (as given: file bytes, or the
    /// text's UTF-8 length) is not read; its `SourceInfo::error` names the
    /// limit. Default 10 MB: a long article is 50 KB, a saved page with its
    /// scripts a few MB.
    pub max_source_bytes: usize,
    /// Sources beyond this many bytes in all are left out, each with an
    /// error naming the limit. Sources are admitted in the canonical order
    /// (by name), so which ones are left out does not depend on the order
    /// they were given in. Default 40 MB, which a browser tab handles.
    pub max_story_bytes: usize,
    /// Weight of single terms (stems of content words) as concepts.
    /// Default 1.0.
    pub term_weight: f64,
    /// Weight of pairs of adjacent content words ("sold drones") as
    /// concepts: they tell who did what to whom, which single terms do not.
    /// Default 1.0.
    pub pair_weight: f64,
    /// How much a concept's weight depends on how many sources use it: it is
    /// multiplied by `(sources / N)^agreement_exponent`. What every outlet
    /// reports is the story; what one reports is its angle. Default 2.0.
    pub agreement_exponent: f64,
    /// Concepts found fewer times in the whole story only break ties: once
    /// is no evidence that a thing matters. Default 2.
    pub min_occurrences: usize,
    /// An occurrence in a headline counts this many times: a headline names
    /// what the article is about. Default 3.0.
    pub headline_weight: f64,
    /// The cost of a sentence of `w` words is `w^length_exponent`: at 1 the
    /// digest says the most per word but favours short, often empty
    /// sentences; below 1 it leans toward complete statements. Default 0.5.
    pub length_exponent: f64,
    /// Under a hard word limit, reconsider the last pick by what it adds in
    /// all rather than per word, among everything that fits the words left.
    /// (Under a target nothing is left over to fill.) Default true.
    pub fill_last: bool,
    /// Whether the word budget is a hard limit or a target the last entry
    /// may cross. Default [`WordLimit::Hard`].
    pub word_limit: WordLimit,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            budget: Budget::default(),
            merge_threshold: 0.6,
            redundancy_threshold: 0.5,
            position_weight: 2.0,
            support_weight: 0.5,
            min_words: 6,
            max_entry_words: 100,
            max_source_bytes: 10_000_000,
            max_story_bytes: 40_000_000,
            term_weight: 1.0,
            pair_weight: 1.0,
            agreement_exponent: 2.0,
            min_occurrences: 2,
            headline_weight: 3.0,
            length_exponent: 0.5,
            fill_last: true,
            word_limit: WordLimit::Hard,
        }
    }
}

impl Config {
    /// Checks every field, naming the first that is out of range.
    pub(crate) fn validate(&self) -> Result<(), Error> {
        let Budget { sentences, words, ratio } = self.budget;
        if sentences == Some(0) {
            return Err(Error::new("budget.sentences must be at least 1"));
        }
        if words == Some(0) {
            return Err(Error::new("budget.words must be at least 1"));
        }
        if let Some(r) = ratio {
            if !(r > 0.0 && r <= 1.0) {
                return Err(Error::new(format!("budget.ratio must be in (0, 1], got {}", Shown(r))));
            }
        }
        for (name, value) in
            [("merge_threshold", self.merge_threshold), ("redundancy_threshold", self.redundancy_threshold)]
        {
            if !(value > 0.0 && value <= 1.0) {
                return Err(Error::new(format!("{name} must be in (0, 1], got {}", Shown(value))));
            }
        }
        for (name, value) in [
            ("position_weight", self.position_weight),
            ("support_weight", self.support_weight),
            ("term_weight", self.term_weight),
            ("pair_weight", self.pair_weight),
            ("agreement_exponent", self.agreement_exponent),
            ("headline_weight", self.headline_weight),
            ("length_exponent", self.length_exponent),
        ] {
            if !(value.is_finite() && value >= 0.0) {
                return Err(Error::new(format!("{name} must be a finite number >= 0, got {}", Shown(value))));
            }
        }
        if self.max_entry_words < self.min_words.max(1) {
            return Err(Error::new(format!(
                "max_entry_words must be at least 1 and at least min_words ({}), got {}",
                self.min_words, self.max_entry_words
            )));
        }
        if self.max_source_bytes == 0 || self.max_story_bytes == 0 {
            return Err(Error::new("max_source_bytes and max_story_bytes must be at least 1"));
        }
        Ok(())
    }
}

/// A number in an error message, to six decimal places at most ("1.5",
/// "-2", "0.333333", "NaN", "inf"), written with integer arithmetic: f64's
/// `Display` links core's float printing (Grisu and Dragon4 with their
/// tables, about 20 KB of the .wasm), which nothing else needs.
struct Shown(f64);

impl std::fmt::Display for Shown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let x = self.0;
        if x.is_nan() {
            return f.write_str("NaN");
        }
        let sign = if x.is_sign_negative() && x != 0.0 { "-" } else { "" };
        let x = x.abs();
        if x.is_infinite() {
            return write!(f, "{sign}inf");
        }
        if x >= 1e15 {
            return write!(f, "{sign}more than 10^15");
        }
        // Millionths, rounded: exact below 2^53.
        let millionths = (x * 1e6).round() as u64;
        let (whole, fraction) = (millionths / 1_000_000, millionths % 1_000_000);
        if fraction == 0 {
            return write!(f, "{sign}{whole}");
        }
        let digits = format!("{fraction:06}");
        write!(f, "{sign}{whole}.{}", digits.trim_end_matches('0'))
    }
}

/// A byte count for people: "12.3 MB", "640 KB", "17 bytes", rounded half
/// up. Integer arithmetic: formatting a float with a precision would link
/// core's exact float printing (about 8 KB of the .wasm) for this alone.
pub(crate) fn human_bytes(n: usize) -> String {
    match n {
        0..1_000 => format!("{n} bytes"),
        1_000..999_500 => format!("{} KB", (n + 500) / 1_000),
        _ => {
            let tenths = (n as u64 + 50_000) / 100_000;
            format!("{}.{} MB", tenths / 10, tenths % 10)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_counts_read_well() {
        assert_eq!(human_bytes(17), "17 bytes");
        assert_eq!(human_bytes(640_000), "640 KB");
        assert_eq!(human_bytes(12_345_678), "12.3 MB");
        assert_eq!(human_bytes(1_499), "1 KB");
        assert_eq!(human_bytes(1_500), "2 KB");
        assert_eq!(human_bytes(999_499), "999 KB");
        assert_eq!(human_bytes(999_500), "1.0 MB");
        assert_eq!(human_bytes(5_000_000), "5.0 MB");
        assert_eq!(human_bytes(16_949_999), "16.9 MB");
    }

    #[test]
    fn numbers_in_messages_read_well() {
        let shown = |x: f64| Shown(x).to_string();
        assert_eq!(shown(1.5), "1.5");
        assert_eq!(shown(-1.0), "-1");
        assert_eq!(shown(0.0), "0");
        assert_eq!(shown(-0.0), "0");
        assert_eq!(shown(1.0 / 3.0), "0.333333");
        assert_eq!(shown(2.0000004), "2");
        assert_eq!(shown(1234.25), "1234.25");
        assert_eq!(shown(f64::NAN), "NaN");
        assert_eq!(shown(f64::NEG_INFINITY), "-inf");
        assert_eq!(shown(3e20), "more than 10^15");
        let err = Config { budget: Budget::ratio(1.5), ..Config::default() }.validate().unwrap_err();
        assert_eq!(err.to_string(), "budget.ratio must be in (0, 1], got 1.5");
    }

    #[test]
    fn default_is_valid() {
        assert_eq!(Config::default().validate(), Ok(()));
    }

    #[test]
    fn out_of_range_values_are_named() {
        let bad = |budget| Config { budget, ..Config::default() }.validate().unwrap_err().to_string();
        assert!(bad(Budget::sentences(0)).contains("budget.sentences"));
        assert!(bad(Budget::words(0)).contains("budget.words"));
        assert!(bad(Budget::ratio(1.5)).contains("budget.ratio"));
        assert!(bad(Budget::ratio(f64::NAN)).contains("budget.ratio"));
        let err = Config { merge_threshold: 0.0, ..Config::default() }.validate().unwrap_err();
        assert!(err.to_string().contains("merge_threshold"));
        let err = Config { support_weight: -1.0, ..Config::default() }.validate().unwrap_err();
        assert!(err.to_string().contains("support_weight"));
    }
}
