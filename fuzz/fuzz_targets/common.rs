//! Checks shared by the fuzz targets: what every digest and every cleaned
//! source must satisfy, whatever the input.
#![allow(dead_code)]

use newsdigest::{Cleaned, Config, Digest, Error, Source};
use unicode_segmentation::UnicodeSegmentation;

/// Words as the budget counts them: Unicode word boundaries.
pub fn words(text: &str) -> usize {
    text.unicode_words().count()
}

/// `clean` either cleans or fails with a message that names the source.
pub fn check_clean(source: &Source, config: &Config) -> Result<Cleaned, Error> {
    let result = newsdigest::clean(source, config);
    match &result {
        Ok(cleaned) => {
            assert_eq!(cleaned.name, source.name());
            for r in &cleaned.removed {
                assert!(!r.reason.is_empty(), "a removal without a rule: {r:?}");
            }
        }
        Err(e) => {
            let message = e.to_string();
            assert!(message.starts_with(&format!("{}: ", source.name())), "error does not name the source: {message}");
        }
    }
    result
}

/// Every invariant of a digest of `sources` made with `config`: shape,
/// attribution, verbatim text at its spans (for text sources, whose text is
/// known), and the budget.
pub fn check_digest(digest: &Digest, sources: &[Source], texts: &[Option<&str>], config: &Config) {
    assert_eq!(digest.sources.len(), sources.len());
    for (info, source) in digest.sources.iter().zip(sources) {
        assert_eq!(info.name, source.name());
    }
    let mut total_words = 0;
    for e in &digest.sentences {
        assert!(!e.sources.is_empty());
        assert!(e.sources.windows(2).all(|w| w[0] < w[1]), "sources not ascending: {:?}", e.sources);
        assert!(e.sources.contains(&e.source));
        assert!(e.sources.iter().all(|&s| s < sources.len() && digest.sources[s].error.is_none()));
        assert_eq!(e.variants.iter().map(|v| v.source).collect::<Vec<_>>(), e.sources);
        assert!(e.variants.iter().any(|v| v.source == e.source && v.text == e.text), "text is not its variant's");
        assert!(e.score.is_finite() && e.score > 0.0, "score {}", e.score);
        assert_eq!(e.text.trim(), e.text, "entry not trimmed");
        for v in &e.variants {
            assert!(v.span.start < v.span.end, "empty span {:?}", v.span);
            assert_eq!(v.span.end - v.span.start, v.text.len(), "span length differs from the text's");
            if let Some(text) = texts[v.source] {
                let at = text.get(v.span.start..v.span.end);
                assert_eq!(at, Some(v.text.as_str()), "variant not verbatim at its span {:?}", v.span);
            }
        }
        let w = words(&e.text);
        assert!(w <= config.max_entry_words, "entry of {w} words > max_entry_words {}", config.max_entry_words);
        total_words += w;
    }
    let budget = config.budget;
    if let Some(n) = budget.sentences {
        assert!(digest.sentences.len() <= n, "{} entries > budget of {n}", digest.sentences.len());
    }
    if let Some(max) = budget.words {
        assert!(total_words <= max, "{total_words} words > budget of {max}");
    }
    // The ratio budget is over the story's distinct statements, which the
    // caller cannot count; tests/properties.rs checks it on known stories.
}
