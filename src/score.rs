//! Stage 3: scoring. How central each sentence is to the story.
//!
//! A term weighs more the more sources use it and the more often it occurs:
//! `w(t) = (sources(t) / N) * ln(1 + occurrences(t))`, with `N` the number
//! of sources that have text. Those weights are the story's centroid. A
//! sentence's content score is the cosine between its set of terms and that
//! centroid, up to a constant: `sum of w(t) over its distinct terms / sqrt(
//! max(distinct terms, 4))`; the floor of 4 keeps two-word lines from
//! outranking real sentences. The lead prior multiplies it by
//! `1 + position_weight / sqrt(1 + i)` for the `i`-th sentence of its source.
//! ARCHITECTURE.md says why.

use crate::config::Config;
use crate::segment::{Kind, Segmented, Sentence};

/// How each term is spread over the story.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct TermStats {
    /// Per term: how many sources use it.
    pub sources: Vec<u32>,
    /// Per term: how many sentences contain it.
    pub sentences: Vec<u32>,
    /// Per term: how often it occurs in the whole story.
    pub occurrences: Vec<u32>,
    /// Sources that have at least one sentence.
    pub source_count: u32,
    /// Sentences in the story.
    pub sentence_count: u32,
}

/// Counts, for every term, the sources, sentences and occurrences.
pub(crate) fn term_stats(seg: &Segmented) -> TermStats {
    let n = seg.vocabulary.len();
    let mut stats = TermStats {
        sources: vec![0; n],
        sentences: vec![0; n],
        occurrences: vec![0; n],
        source_count: 0,
        sentence_count: seg.sentences.len() as u32,
    };
    // The last source each term was counted for: sentences come grouped by
    // source, so one pass counts each source once per term.
    let mut last_source = vec![usize::MAX; n];
    let mut previous_source = usize::MAX;
    for s in &seg.sentences {
        if s.source != previous_source {
            stats.source_count += 1;
            previous_source = s.source;
        }
        for &t in &s.terms {
            stats.occurrences[t as usize] += 1;
        }
        for t in s.distinct_terms() {
            let t = t as usize;
            stats.sentences[t] += 1;
            if last_source[t] != s.source {
                last_source[t] = s.source;
                stats.sources[t] += 1;
            }
        }
    }
    stats
}

/// The centroid: `w(t) = (sources(t) / N) * ln(1 + occurrences(t))`.
pub(crate) fn centroid(stats: &TermStats) -> Vec<f64> {
    let n = f64::from(stats.source_count.max(1));
    stats
        .sources
        .iter()
        .zip(&stats.occurrences)
        .map(|(&sources, &occurrences)| f64::from(sources) / n * ln(1.0 + f64::from(occurrences)))
        .collect()
}

/// Rarity of a term among the story's sentences: `ln(1 + S / sentences(t))`.
/// Topic words that stand in every other sentence weigh little; names and
/// numbers that stand in a few weigh much.
pub(crate) fn rarity(stats: &TermStats) -> Vec<f64> {
    let total = f64::from(stats.sentence_count.max(1));
    stats.sentences.iter().map(|&df| ln(1.0 + total / f64::from(df.max(1)))).collect()
}

/// How much of the story's centroid a sentence covers, whatever its place.
pub(crate) fn content(sentence: &Sentence, centroid: &[f64]) -> f64 {
    let mut sum = 0.0;
    let mut distinct = 0usize;
    for t in sentence.distinct_terms() {
        sum += centroid[t as usize];
        distinct += 1;
    }
    sum / (distinct.max(4) as f64).sqrt()
}

/// Every sentence's score: content times the lead prior. Headings score 0
/// (they are never entries); lines without final punctuation count half, as
/// they are more often captions and teasers than statements.
pub(crate) fn scores(seg: &Segmented, centroid: &[f64], config: &Config) -> Vec<f64> {
    seg.sentences
        .iter()
        .map(|s| {
            let kind = match s.kind {
                Kind::Sentence => 1.0,
                Kind::Line => 0.5,
                Kind::Heading => 0.0,
            };
            let lead = 1.0 + config.position_weight / (1.0 + s.position as f64).sqrt();
            content(s, centroid) * lead * kind
        })
        .collect()
}

/// The natural logarithm, computed with `+ - * /` only so that native and
/// WebAssembly builds give the same bits (`f64::ln` calls the platform's
/// math library, whose last bit may differ). Accurate to about 1e-15
/// relative for positive finite `x`; not defined for other `x`.
pub(crate) fn ln(x: f64) -> f64 {
    debug_assert!(x > 0.0 && x.is_finite());
    // x = m * 2^e with m in [1, 2).
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i64 - 1023;
    let mut m = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000);
    let mut e = exponent as f64;
    // Centre m on 1 so the series below converges fast: m in [0.75, 1.5).
    if m > 1.5 {
        m /= 2.0;
        e += 1.0;
    }
    // ln(m) = 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...), s = (m-1)/(m+1), |s| < 0.2.
    let s = (m - 1.0) / (m + 1.0);
    let s2 = s * s;
    let mut term = s;
    let mut sum = 0.0;
    let mut k = 1.0;
    while k < 40.0 {
        sum += term / k;
        term *= s2;
        k += 2.0;
    }
    e * std::f64::consts::LN_2 + 2.0 * sum
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Block, BlockKind, Document};
    use crate::segment::segment;

    fn story(texts: &[&str]) -> Segmented {
        let docs: Vec<Document> = texts
            .iter()
            .map(|t| Document {
                text: t.to_string(),
                blocks: vec![Block { range: 0..t.len(), kind: BlockKind::Paragraph }],
                ..Document::default()
            })
            .collect();
        segment(&docs)
    }

    #[test]
    fn ln_matches_the_platform_closely() {
        for x in [1e-300, 0.001, 0.5, 1.0, 1.5, 2.0, std::f64::consts::E, 10.0, 12345.678, 1e300] {
            let (ours, std) = (ln(x), x.ln());
            assert!((ours - std).abs() <= 1e-14 * std.abs().max(1.0), "ln({x}) = {ours}, std {std}");
        }
    }

    #[test]
    fn terms_count_sources_sentences_and_occurrences() {
        let seg = story(&["Drones hit Kyiv. Drones hit Lviv.", "Drones hit Odesa."]);
        let stats = term_stats(&seg);
        let id = seg.vocabulary.iter().position(|t| t.starts_with("drone")).unwrap();
        assert_eq!((stats.sources[id], stats.sentences[id], stats.occurrences[id]), (2, 3, 3));
        assert_eq!((stats.source_count, stats.sentence_count), (2, 3));
    }

    #[test]
    fn terms_shared_by_sources_outweigh_terms_of_one_source() {
        let seg = story(&["Iran sold drones to Russia.", "Russia bought drones from Iran.", "Russia bought tea."]);
        let w = centroid(&term_stats(&seg));
        let weight = |prefix: &str| w[seg.vocabulary.iter().position(|t| t.starts_with(prefix)).unwrap()];
        assert!(weight("russia") > weight("drone"));
        assert!(weight("drone") > weight("tea"));
    }

    #[test]
    fn the_lead_prior_favours_earlier_sentences() {
        let seg = story(&["Iran sold drones to Russia. Iran sold drones to Russia."]);
        let stats = term_stats(&seg);
        let s = scores(&seg, &centroid(&stats), &Config::default());
        assert!(s[0] > s[1], "{s:?}");
        let flat = scores(&seg, &centroid(&stats), &Config { position_weight: 0.0, ..Config::default() });
        assert_eq!(flat[0], flat[1]);
    }

    #[test]
    fn rare_terms_are_rarer_than_topic_terms() {
        let seg =
            story(&["Iran sold drones to the army of Russia last year. Iran met Kirby in the capital on Monday. \
             Iran spoke about the war again at the meeting."]);
        let r = rarity(&term_stats(&seg));
        let of = |prefix: &str| r[seg.vocabulary.iter().position(|t| t.starts_with(prefix)).unwrap()];
        assert!(of("kirbi") > of("iran"));
    }
}
