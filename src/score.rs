//! Stage 3: scoring. What each sentence would add to the digest.
//!
//! The story's *concepts* are its terms and its pairs of adjacent content
//! words. A concept weighs `(sources(c) / N)^agreement_exponent * ln(1 +
//! occurrences(c))`, with `N` the number of sources that have text and an
//! occurrence in a headline counted `headline_weight` times; a concept found
//! fewer than `min_occurrences` times is no evidence of importance and only
//! breaks ties. A digest is worth the weight of the concepts it covers, each
//! once (selection maximizes that, see `select.rs`); a sentence's *prior*
//! (its place in its article, whether it is a full sentence) scales what it
//! adds. ARCHITECTURE.md says why.

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
    /// Per term: its occurrences weighted by kind (one in a heading counts
    /// `headline_weight`), summed in sentence order: what [`concepts`]
    /// weighs terms by.
    pub weighted: Vec<f64>,
    /// Sources that have at least one sentence.
    pub source_count: u32,
    /// Sentences in the story.
    pub sentence_count: u32,
}

/// Counts, for every term, the sources, sentences and occurrences, and
/// sums its occurrences weighted by kind. `headline_weight` must be that of
/// the `Config` that [`concepts`] is then given: terms are weighted by the
/// sums made here, pairs by that `Config`'s. (Carrying the weight in
/// `TermStats` instead made the `.wasm` some 60 B larger.)
pub(crate) fn term_stats(seg: &Segmented, headline_weight: f64) -> TermStats {
    let n = seg.vocabulary.len();
    let (mut sources, mut sentences, mut occurrences) = (vec![0; n], vec![0; n], vec![0; n]);
    let mut weighted = vec![0.0; n];
    // The last source each term was counted for: sentences come grouped by
    // source, so one pass counts each source once per term. (u32: half the
    // bytes to fill; sources number fewer than terms, whose ids are u32.)
    let mut last_source = vec![u32::MAX; n];
    // Every array sliced to the vocabulary's length, the same value for
    // all: one bounds check per term occurrence, not one per array.
    let (sources_of, sentences_of) = (&mut sources[..n], &mut sentences[..n]);
    let (occurrences_of, weighted_of, last_source) = (&mut occurrences[..n], &mut weighted[..n], &mut last_source[..n]);
    let mut source_count = 0;
    let mut previous_source = usize::MAX;
    for (i, s) in seg.sentences.iter().enumerate() {
        if s.source != previous_source {
            source_count += 1;
            previous_source = s.source;
        }
        let source = s.source as u32;
        let counts_as = if s.kind == Kind::Heading { headline_weight } else { 1.0 };
        // The sentence's terms are sorted, with repeats: a term's first
        // occurrence in the sentence is one unlike the term before it (one
        // walk, not a second over its distinct terms).
        let mut previous = None;
        for &t in seg.terms(i) {
            let k = t as usize;
            occurrences_of[k] += 1;
            weighted_of[k] += counts_as;
            if previous != Some(t) {
                previous = Some(t);
                sentences_of[k] += 1;
                if last_source[k] != source {
                    last_source[k] = source;
                    sources_of[k] += 1;
                }
            }
        }
    }
    TermStats { sources, sentences, occurrences, weighted, source_count, sentence_count: seg.sentences.len() as u32 }
}

/// The centroid: `w(t) = (sources(t) / N) * ln(1 + occurrences(t))`, used
/// to choose the title.
pub(crate) fn centroid(stats: &TermStats) -> Vec<f64> {
    let n = f64::from(stats.source_count.max(1));
    let ln_1p = Ln1p::new();
    stats
        .sources
        .iter()
        .zip(&stats.occurrences)
        .map(|(&sources, &occurrences)| f64::from(sources) / n * ln_1p.of_count(occurrences))
        .collect()
}

/// Rarity of a term among the story's sentences: `ln(1 + S / sentences(t))`.
/// Topic words that stand in every other sentence weigh little; names and
/// numbers that stand in a few weigh much.
pub(crate) fn rarity(stats: &TermStats) -> Vec<f64> {
    let total = f64::from(stats.sentence_count.max(1));
    // Most terms stand in a few sentences: each count's rarity is computed
    // once (the same number as computing it every time).
    let mut memo = [f64::NAN; 64];
    let rarity_of = |df: u32| ln(1.0 + total / f64::from(df.max(1)));
    stats
        .sentences
        .iter()
        .map(|&df| match memo.get_mut(df as usize) {
            Some(r) if r.is_nan() => {
                *r = rarity_of(df);
                *r
            }
            Some(r) => *r,
            None => rarity_of(df),
        })
        .collect()
}

/// How much of the story's centroid a sentence covers, whatever its place:
/// the sum of `w(t)` over its distinct terms over `sqrt(max(terms, 4))`, the
/// cosine with the centroid up to a constant. Ranks headlines for the title.
pub(crate) fn content(distinct_terms: &[u32], centroid: &[f64]) -> f64 {
    let sum = distinct_terms.iter().fold(0.0, |sum, &t| sum + centroid[t as usize]);
    sum / (distinct_terms.len().max(4) as f64).sqrt()
}

/// The story's concepts: each distinct term, and each pair of terms that
/// stand next to each other in a sentence once stop words are dropped ("sold
/// drones", "drones Russia"), with their weights. A digest is worth the sum
/// of the weights of the concepts it covers, each counted once.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Concepts {
    /// Sentence `i`'s distinct concept ids, ascending, are
    /// `ids[start[i]..start[i + 1]]`. Term `t` is concept `t`; pairs come
    /// after the vocabulary.
    start: Vec<usize>,
    ids: Vec<u32>,
    /// Per concept: its weight.
    pub weight: Vec<f64>,
}

impl Concepts {
    /// Sentence `i`'s distinct concept ids, ascending.
    pub(crate) fn of(&self, i: usize) -> &[u32] {
        &self.ids[self.start[i]..self.start[i + 1]]
    }

    /// The number of sentences.
    #[cfg(feature = "bench-internals")]
    pub(crate) fn sentences(&self) -> usize {
        self.start.len() - 1
    }
}

/// Weight of a concept found fewer than `min_occurrences` times, relative to
/// what it would weigh: enough to break ties between sentences that add
/// nothing else, too little to matter otherwise.
const TIE_BREAK: f64 = 1e-3;

/// Counts every concept's sources and occurrences and weighs it:
/// `(sources(c) / N)^agreement_exponent * ln(1 + occurrences(c))`, times
/// `term_weight` or `pair_weight`. Pairs are counted in every unit; only
/// units that may be entries (not headings) are given them.
pub(crate) fn concepts(seg: &Segmented, stats: &TermStats, config: &Config) -> Concepts {
    let terms = seg.vocabulary.len();
    // The story's distinct pairs are known before any is counted, so every
    // per-concept array below is allocated once at its final size: no map
    // growing by rehashing and no vector by doubling while the story's
    // sentences are alive (that was this stage's peak of memory).
    let mut index = PairIndex::new(seg, &stats.occurrences);
    let count = terms + index.len();
    let mut start = Vec::with_capacity(seg.sentences.len() + 1);
    start.push(0);
    let mut concept_ids: Vec<u32> = Vec::with_capacity((0..seg.sentences.len()).map(|i| seg.terms(i).len() * 2).sum());
    // Terms' sources and raw counts are already in `stats`; only pairs are
    // counted here, each pair's counts together, pushed when it is first met
    // (pairs are numbered in that order, so that ids depend only on the
    // sentences and their order): nothing is filled in advance. Terms'
    // occurrences weighted by kind are in `stats` too.
    let mut pairs_counted: Vec<PairCount> = Vec::with_capacity(index.len());
    // One sentence's pair ids, in two parts: those first met in it
    // (`fresh`: numbered as met, so ascending and distinct) and those met
    // before it (`repeated`: fewer, any order, maybe twice). Every id of
    // the first part is above every id of the second, so the sentence's
    // pairs in ascending order are the second sorted, then the first: only
    // the few repeated ids are sorted (an insertion sort of the whole
    // sentence's ids moved each repeat past all the fresh ones).
    let mut fresh: Vec<u32> = Vec::new();
    let mut repeated: Vec<u32> = Vec::new();
    for (i, s) in seg.sentences.iter().enumerate() {
        let counts_as = if s.kind == Kind::Heading { config.headline_weight } else { 1.0 };
        // Sources number fewer than concepts, whose ids are u32.
        let source = s.source as u32;
        fresh.clear();
        repeated.clear();
        // The first id a pair first met in this sentence takes.
        let first_fresh = pairs_counted.len() as u32;
        for pair in seg.sequence(i).windows(2) {
            if pair[0] == pair[1] {
                continue;
            }
            let (k, new) = index.next(pair[0], pairs_counted.len() as u32);
            if !new {
                let p = &mut pairs_counted[k as usize];
                p.occurrences += counts_as;
                p.found += 1;
                if p.last_source != source {
                    p.last_source = source;
                    p.sources += 1;
                }
                // A pair first met in this sentence is in `fresh` already.
                if k < first_fresh {
                    repeated.push(terms as u32 + k);
                }
            } else {
                // `0.0 + x`: what summing from 0 gives.
                pairs_counted.push(PairCount {
                    occurrences: 0.0 + counts_as,
                    found: 1,
                    sources: 1,
                    last_source: source,
                });
                fresh.push(terms as u32 + k);
            }
        }
        // Terms come before pairs, so the sentence's concepts in ascending
        // order are its distinct terms, then its distinct pairs sorted.
        concept_ids.extend_from_slice(seg.distinct_terms(i));
        if !repeated.is_empty() {
            sort_small(&mut repeated);
            repeated.dedup();
            concept_ids.extend_from_slice(&repeated);
        }
        concept_ids.extend_from_slice(&fresh);
        start.push(concept_ids.len());
    }
    debug_assert_eq!(terms + pairs_counted.len(), count, "every distinct pair is met");
    drop((index, fresh, repeated));
    // Allocated once the index has gone (the peak of memory is in the loop
    // above): terms' weights, then pairs'.
    let mut weight: Vec<f64> = Vec::with_capacity(count);
    let weigh = Weigh::new(stats.source_count, config);
    let term_counts = stats.weighted.iter().zip(&stats.sources).zip(&stats.occurrences);
    weight.extend(term_counts.map(|((&w, &sources), &found)| weigh.of(w, sources, found, config.term_weight)));
    weight.extend(pairs_counted.iter().map(|p| weigh.of(p.occurrences, p.sources, p.found, config.pair_weight)));
    Concepts { start, ids: concept_ids, weight }
}

/// Sorts a sentence's repeated pair ids, mostly one or two: an insertion
/// sort (the general sort's fixed cost was about 1,000 instructions a
/// sentence). Over 256 ids, the general sort, which bounds the cost of a
/// long sentence whose pairs all repeat.
fn sort_small(ids: &mut [u32]) {
    if ids.len() > 256 {
        ids.sort_unstable();
        return;
    }
    for i in 1..ids.len() {
        let id = ids[i];
        let mut at = i;
        while at > 0 && ids[at - 1] > id {
            ids[at] = ids[at - 1];
            at -= 1;
        }
        ids[at] = id;
    }
}

/// A concept's weight from its weighted occurrences, sources and count.
struct Weigh<'a> {
    /// `share^agreement_exponent` for every number of sources a concept can
    /// have (at most `source_count`), computed once per story.
    agreement: Vec<f64>,
    n: f64,
    ln_1p: Ln1p,
    config: &'a Config,
}

impl<'a> Weigh<'a> {
    fn new(source_count: u32, config: &'a Config) -> Weigh<'a> {
        let n = f64::from(source_count.max(1));
        let agreement = (0..=source_count).map(|k| power(f64::from(k) / n, config.agreement_exponent)).collect();
        Weigh { agreement, n, ln_1p: Ln1p::new(), config }
    }

    /// (Inlined: a call per concept costs more than the weighing.)
    #[inline(always)]
    fn of(&self, w: f64, sources: u32, found: u32, kind_weight: f64) -> f64 {
        let agreed = match self.agreement.get(sources as usize) {
            Some(&a) => a,
            None => power(f64::from(sources) / self.n, self.config.agreement_exponent),
        };
        // Weighted occurrences are the raw count unless some were in
        // headings: then the count's logarithm needs no test of `w`.
        let ln_w = if w == f64::from(found) { self.ln_1p.of_count(found) } else { self.ln_1p.of(w) };
        let value = agreed * ln_w * kind_weight;
        if (found as usize) < self.config.min_occurrences { value * TIE_BREAK } else { value }
    }
}

/// One distinct pair's counts, while they are counted.
struct PairCount {
    /// Occurrences, weighted by kind.
    occurrences: f64,
    /// Occurrences.
    found: u32,
    /// Sources that have it.
    sources: u32,
    /// The last source it was counted for.
    last_source: u32,
}

/// The story's pairs of adjacent terms (two different terms next to each
/// other in a sentence's sequence), which gives each distinct pair the id
/// it is given when it is first met. Occurrences are grouped by their first
/// term: first term `a`'s are `slot[start[a]..start[a + 1]]`, in story
/// order, so that [`PairIndex::next`] reads them back as [`for_each_pair`]
/// meets them, each in one step (no search). A pair's first occurrence is
/// first in its run too: it holds [`FIRST`] until it is met, then the
/// pair's id; every later occurrence holds where the first is. So an
/// occurrence reads its id in two steps and nothing is numbered or filled
/// per distinct pair in advance. Built by a counting sort of every
/// adjacent pair: 4 bytes per occurrence and per term, where a hash map of
/// pairs held 13 per bucket and twice that while growing.
struct PairIndex {
    start: Vec<usize>,
    slot: Vec<u32>,
    /// The number of distinct pairs.
    distinct: usize,
}

/// In [`PairIndex`], a pair's first occurrence before it is met.
const FIRST: u32 = u32::MAX;

/// Calls `f` with every pair of adjacent different terms of the story's
/// sentences, in order.
fn for_each_pair(seg: &Segmented, mut f: impl FnMut(u32, u32)) {
    for i in 0..seg.sentences.len() {
        for p in seg.sequence(i).windows(2) {
            if p[0] != p[1] {
                f(p[0], p[1]);
            }
        }
    }
}

impl PairIndex {
    /// `occurrences`: each term's occurrences in the story, at least the
    /// number of pairs it starts.
    fn new(seg: &Segmented, occurrences: &[u32]) -> PairIndex {
        let terms = occurrences.len();
        // Each first term's run is as long as the term's occurrences, which
        // are already counted, not its pairs (a few fewer: the sentences'
        // last terms, and repeats), which would take a pass of their own.
        // The run's end is its cursor after filling.
        // Pushed, not zeroed and then written over (the zeroing was a
        // memset of the vocabulary's size).
        let mut start = Vec::with_capacity(terms + 1);
        let mut total = 0;
        start.extend(occurrences.iter().map(|&n| {
            let s = total;
            total += n as usize;
            s
        }));
        start.push(total);
        // Every occurrence's second term in its first term's run; each
        // run's cursor is its start, which ends past the run's pairs.
        let mut slot = vec![0u32; total];
        for_each_pair(seg, |a, b| {
            let at = &mut start[a as usize];
            slot[*at] = b;
            *at += 1;
        });
        // Run by run, each second term's first occurrence in the run
        // (`seen[b] == (a, where)`): it takes [`FIRST`], the later ones
        // where it is, in the second term's place; the starts go back to
        // the runs' starts. (Positions are below `FIRST`: they are fewer
        // than the story's terms, which are numbered in u32.)
        debug_assert!(total < FIRST as usize);
        let mut seen: Vec<(u32, u32)> = vec![(u32::MAX, 0); terms];
        let (mut distinct, mut from) = (0usize, 0);
        // (By index, as the runs were sorted before: the form measured.)
        #[allow(clippy::needless_range_loop)]
        for a in 0..terms {
            let end = std::mem::replace(&mut start[a], from);
            for (at, s) in (from..end).zip(&mut slot[from..end]) {
                let b = &mut seen[*s as usize];
                if b.0 != a as u32 {
                    *b = (a as u32, at as u32);
                    distinct += 1;
                    *s = FIRST;
                } else {
                    *s = b.1;
                }
            }
            from += occurrences[a] as usize;
        }
        PairIndex { start, slot, distinct }
    }

    /// The number of distinct pairs.
    fn len(&self) -> usize {
        self.distinct
    }

    /// The id of the next pair `(a, _)`, and whether it is met for the
    /// first time: then it takes `new` as its id. Pairs must be asked for
    /// in the order [`for_each_pair`] meets them, each once (each run's
    /// start moves on as its occurrences are read).
    #[inline]
    fn next(&mut self, a: u32, new: u32) -> (u32, bool) {
        let at = &mut self.start[a as usize];
        let i = *at;
        *at += 1;
        match self.slot[i] {
            FIRST => {
                self.slot[i] = new;
                (new, true)
            }
            first => (self.slot[first as usize], false),
        }
    }
}

/// `x^e` for `x >= 0` and `e >= 0` through [`ln`] and a series for
/// `exp`, so that native and WebAssembly builds agree to the bit.
pub(crate) fn power(x: f64, e: f64) -> f64 {
    if x <= 0.0 {
        return if e == 0.0 { 1.0 } else { 0.0 };
    }
    exp(e * ln(x))
}

/// `e^y`, with `+ - * /` only: `y = k ln 2 + r`, `|r| <= ln 2 / 2`, and a
/// Taylor series for `e^r`. Accurate to about 1e-15 relative.
pub(crate) fn exp(y: f64) -> f64 {
    if y < -700.0 {
        return 0.0;
    }
    let k = (y / std::f64::consts::LN_2).round();
    let r = y - k * std::f64::consts::LN_2;
    let (mut term, mut sum, mut i) = (1.0, 1.0, 1.0);
    while i < 25.0 {
        term *= r / i;
        sum += term;
        i += 1.0;
    }
    sum * f64::from_bits(((k as i64 + 1023).clamp(1, 2046) as u64) << 52)
}

/// What a sentence is worth apart from the concepts it covers: the lead
/// prior `1 + position_weight / sqrt(1 + i)` for the `i`-th sentence of its
/// article; half for a line without final punctuation; 0 for a heading.
pub(crate) fn prior(s: &Sentence, config: &Config) -> f64 {
    let kind = match s.kind {
        Kind::Sentence => 1.0,
        Kind::Line => 0.5,
        Kind::Heading => 0.0,
    };
    kind * (1.0 + config.position_weight / (1.0 + s.position as f64).sqrt())
}

/// `ln(1 + x)` as [`ln`] gives it, from a table for the small whole
/// numbers that counts of occurrences mostly are. The table is made once
/// per process; a `Ln1p` holds it, so a loop asks for it once.
#[derive(Clone, Copy)]
pub(crate) struct Ln1p(&'static [f64; LN_1P_SMALL]);

const LN_1P_SMALL: usize = 128;

impl Ln1p {
    pub(crate) fn new() -> Ln1p {
        static TABLE: std::sync::OnceLock<[f64; LN_1P_SMALL]> = std::sync::OnceLock::new();
        Ln1p(TABLE.get_or_init(|| std::array::from_fn(|k| ln(1.0 + k as f64))))
    }

    /// `ln(1 + x)`.
    #[inline]
    pub(crate) fn of(self, x: f64) -> f64 {
        // `as` saturates (NaN gives 0), so `k` is `x` only when `x` is whole.
        // To u32, not usize: x86-64 converts to u64 in two steps.
        let k = x as u32;
        if (k as usize) < LN_1P_SMALL && f64::from(k) == x { self.0[k as usize] } else { ln(1.0 + x) }
    }

    /// `ln(1 + n)`: what [`Ln1p::of`] gives for `f64::from(n)`, with no
    /// conversion back to test that it is whole.
    #[inline]
    pub(crate) fn of_count(self, n: u32) -> f64 {
        match self.0.get(n as usize) {
            Some(&v) => v,
            None => ln(1.0 + f64::from(n)),
        }
    }
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
    fn ln_of_counts_is_ln_to_the_bit() {
        let whole = (0..140).map(f64::from);
        for x in whole.chain([5.5, 1e6, 0.25, -0.0, 127.5, 4e9, 5e9]) {
            assert_eq!(Ln1p::new().of(x).to_bits(), ln(1.0 + x).to_bits(), "ln(1 + {x})");
        }
        for n in (0..300).chain([1 << 20, u32::MAX]) {
            assert_eq!(Ln1p::new().of_count(n).to_bits(), Ln1p::new().of(f64::from(n)).to_bits(), "ln(1 + {n})");
        }
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
        let stats = term_stats(&seg, Config::default().headline_weight);
        let id = seg.vocabulary.iter().position(|t| t.starts_with("drone")).unwrap();
        assert_eq!((stats.sources[id], stats.sentences[id], stats.occurrences[id]), (2, 3, 3));
        assert_eq!((stats.source_count, stats.sentence_count), (2, 3));
    }

    #[test]
    fn terms_shared_by_sources_outweigh_terms_of_one_source() {
        let seg = story(&["Iran sold drones to Russia.", "Russia bought drones from Iran.", "Russia bought tea."]);
        let w = centroid(&term_stats(&seg, Config::default().headline_weight));
        let weight = |prefix: &str| w[seg.vocabulary.iter().position(|t| t.starts_with(prefix)).unwrap()];
        assert!(weight("russia") > weight("drone"));
        assert!(weight("drone") > weight("tea"));
    }

    #[test]
    fn the_lead_prior_favours_earlier_sentences() {
        let seg = story(&["Iran sold drones to Russia. Iran sold drones to Russia."]);
        let config = Config::default();
        assert!(prior(&seg.sentences[0], &config) > prior(&seg.sentences[1], &config));
        let flat = Config { position_weight: 0.0, ..Config::default() };
        assert_eq!(prior(&seg.sentences[0], &flat), prior(&seg.sentences[1], &flat));
    }

    #[test]
    fn pairs_of_adjacent_content_words_are_concepts() {
        // Too short to tell the language: no stop words, no stemming.
        let seg = story(&["Iran sold drones.", "Russia sold drones."]);
        let c = concepts(&seg, &term_stats(&seg, Config::default().headline_weight), &Config::default());
        let terms = seg.vocabulary.len();
        // 4 terms; pairs: iran-sold, sold-drones, russia-sold.
        assert_eq!(c.weight.len(), terms + 3, "{:?}", seg.vocabulary);
        // sold-drones is in both sources; iran-sold only in the first, once.
        let shared: Vec<u32> = c.of(0).iter().filter(|id| c.of(1).contains(id)).copied().collect();
        let shared_pairs: Vec<u32> = shared.iter().copied().filter(|&id| id as usize >= terms).collect();
        assert_eq!(shared_pairs.len(), 1, "only sold-drone is in both");
        let own_pair = c.of(0).iter().copied().find(|&id| id as usize >= terms && !shared.contains(&id)).unwrap();
        assert!(c.weight[shared_pairs[0] as usize] > 100.0 * c.weight[own_pair as usize]);
    }

    #[test]
    fn concepts_shared_by_more_sources_weigh_more() {
        let seg = story(&[
            "Iran sold drones to Russia. Kirby spoke in Washington.",
            "Russia bought drones from Iran. Kirby spoke in Washington.",
            "Russia bought tea from Iran. Markets rose in Kirby.",
        ]);
        let c = concepts(&seg, &term_stats(&seg, Config::default().headline_weight), &Config::default());
        let weight = |prefix: &str| c.weight[seg.vocabulary.iter().position(|t| t.starts_with(prefix)).unwrap()];
        assert!(weight("iran") > weight("drone"));
        assert!(weight("drone") >= weight("washington"));
        assert!(weight("drone") > weight("tea"), "tea is found once");
    }

    #[test]
    fn exp_and_power_match_the_platform_closely() {
        for y in [-50.0, -1.0, -0.3, 0.0, 0.5, 1.0, 2.5, 30.0] {
            let (ours, std) = (exp(y), f64::exp(y));
            assert!((ours - std).abs() <= 1e-14 * std.abs().max(1.0), "exp({y}) = {ours}, std {std}");
        }
        assert_eq!(power(0.5, 0.0), 1.0);
        assert!((power(0.25, 0.5) - 0.5).abs() < 1e-15);
        assert!((power(0.5, 2.0) - 0.25).abs() < 1e-15);
    }

    /// Each sentence's concept ids; each pair's weighted occurrences, raw
    /// count and sources.
    type ByMap = (Vec<Vec<u32>>, Vec<(f64, u32, u32)>);

    /// Pair ids by first appearance through a map, and each pair's
    /// weighted occurrences, raw count and sources: what `concepts` gives,
    /// spelled out.
    fn concepts_by_map(seg: &Segmented, config: &Config) -> ByMap {
        let terms = seg.vocabulary.len() as u32;
        let mut ids: std::collections::HashMap<(u32, u32), u32> = Default::default();
        let mut counts: Vec<(f64, u32, Vec<usize>)> = Vec::new();
        let mut per_sentence = Vec::new();
        for (i, s) in seg.sentences.iter().enumerate() {
            let weight = if s.kind == Kind::Heading { config.headline_weight } else { 1.0 };
            let mut mine: Vec<u32> = seg.terms(i).to_vec();
            for p in seg.sequence(i).windows(2).filter(|p| p[0] != p[1]) {
                let next = terms + ids.len() as u32;
                let id = *ids.entry((p[0], p[1])).or_insert(next);
                if id == next {
                    counts.push((0.0, 0, Vec::new()));
                }
                let c = &mut counts[(id - terms) as usize];
                c.0 += weight;
                c.1 += 1;
                c.2.push(s.source);
                mine.push(id);
            }
            mine.sort_unstable();
            mine.dedup();
            per_sentence.push(mine);
        }
        let counts = counts
            .into_iter()
            .map(|(w, n, mut sources)| {
                sources.dedup();
                (w, n, sources.len() as u32)
            })
            .collect();
        (per_sentence, counts)
    }

    proptest::proptest! {
        #[test]
        fn small_id_lists_are_sorted(mut ids in proptest::collection::vec(0u32..40, 0..300)) {
            let mut expected = ids.clone();
            expected.sort_unstable();
            sort_small(&mut ids);
            proptest::prop_assert_eq!(ids, expected);
        }

        #[test]
        fn pair_concepts_are_numbered_and_counted_as_a_map_would(
            texts in proptest::collection::vec(
                ("((alpha|beta|gamma|kappa)[ .]){0,6}", "((alpha|beta|gamma|delta|omega|kappa|sigma)[ .]){1,40}"),
                1..6,
            ),
        ) {
            // Each text a heading (maybe empty) and a paragraph: occurrences
            // in headings weigh `headline_weight`, so that weighted counts are
            // not always whole.
            let docs: Vec<Document> = texts
                .iter()
                .map(|(head, body)| {
                    let text = format!("{head}\n{body}");
                    let mut blocks = vec![Block { range: head.len() + 1..text.len(), kind: BlockKind::Paragraph }];
                    if !head.trim().is_empty() {
                        blocks.insert(0, Block { range: 0..head.len(), kind: BlockKind::Heading });
                    }
                    Document { text, blocks, ..Document::default() }
                })
                .collect();
            let seg = segment(&docs);
            let config = Config::default();
            let stats = term_stats(&seg, config.headline_weight);
            let c = concepts(&seg, &stats, &config);
            let (per_sentence, counts) = concepts_by_map(&seg, &config);
            let terms = seg.vocabulary.len();
            proptest::prop_assert_eq!(c.weight.len(), terms + counts.len());
            for (i, ids) in per_sentence.iter().enumerate() {
                proptest::prop_assert_eq!(c.of(i), ids.as_slice());
            }
            let n = f64::from(stats.source_count.max(1));
            let weigh = |occurrences: f64, found: u32, sources: u32, kind_weight: f64| {
                let w = power(f64::from(sources) / n, config.agreement_exponent) * Ln1p::new().of(occurrences)
                    * kind_weight;
                if (found as usize) < config.min_occurrences { w * TIE_BREAK } else { w }
            };
            // Terms: weighted occurrences summed in sentence order.
            let mut occurrences = vec![0.0; terms];
            for (i, s) in seg.sentences.iter().enumerate() {
                let weight = if s.kind == Kind::Heading { config.headline_weight } else { 1.0 };
                for &t in seg.terms(i) {
                    occurrences[t as usize] += weight;
                }
            }
            for (t, &o) in occurrences.iter().enumerate() {
                let w = weigh(o, stats.occurrences[t], stats.sources[t], config.term_weight);
                proptest::prop_assert_eq!(c.weight[t].to_bits(), w.to_bits(), "term {}", t);
                proptest::prop_assert_eq!(stats.weighted[t].to_bits(), o.to_bits(), "term {}", t);
            }
            // `term_stats`' one walk against its counts spelled out: every
            // occurrence, every sentence once (through its distinct terms),
            // every source once.
            let mut found = vec![0u32; terms];
            let mut in_sentences = vec![0u32; terms];
            let mut in_sources = vec![std::collections::BTreeSet::new(); terms];
            for (i, s) in seg.sentences.iter().enumerate() {
                for &t in seg.terms(i) {
                    found[t as usize] += 1;
                }
                for &t in seg.distinct_terms(i) {
                    in_sentences[t as usize] += 1;
                    in_sources[t as usize].insert(s.source);
                }
            }
            proptest::prop_assert_eq!(&stats.occurrences, &found);
            proptest::prop_assert_eq!(&stats.sentences, &in_sentences);
            let sources: Vec<u32> = in_sources.iter().map(|s| s.len() as u32).collect();
            proptest::prop_assert_eq!(&stats.sources, &sources);
            for (k, &(occurrences, found, sources)) in counts.iter().enumerate() {
                let w = weigh(occurrences, found, sources, config.pair_weight);
                proptest::prop_assert_eq!(c.weight[terms + k].to_bits(), w.to_bits(), "pair {}", k);
            }
        }
    }

    #[test]
    fn rare_terms_are_rarer_than_topic_terms() {
        let seg =
            story(&["Iran sold drones to the army of Russia last year. Iran met Kirby in the capital on Monday. \
             Iran spoke about the war again at the meeting."]);
        let r = rarity(&term_stats(&seg, Config::default().headline_weight));
        let of = |prefix: &str| r[seg.vocabulary.iter().position(|t| t.starts_with(prefix)).unwrap()];
        assert!(of("kirbi") > of("iran"));
    }
}
