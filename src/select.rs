//! Stage 5: selection. The best statements that fit the budget, none saying
//! what another already says, in reading order.

use std::cell::RefCell;
use std::collections::BinaryHeap;
use std::collections::binary_heap::PeekMut;

use crate::config::{Config, WordLimit};
use crate::merge::{Grouped, cosine_at_least, term_weight};
use crate::score::{Concepts, Ln1p, power, prior};
use crate::segment::{Kind, Segmented, Sentence};

/// A statement picked for the digest.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Chosen {
    /// Its variants, sentence indices in story order, one per source.
    pub members: Vec<usize>,
    /// The variant shown: the one that added most per word when picked.
    pub representative: usize,
    /// What it added to the digest when it was picked, per word.
    pub score: f64,
}

/// Picks entries by greedy coverage of the story's concepts under the
/// budget, skipping any that is too like one already picked, then puts them
/// in reading order.
///
/// Each round takes the statement, and the variant of it, whose concepts not
/// yet covered weigh most per unit of cost, times the variant's prior and
/// the statement's support: `gain * prior * (1 + support_weight * ln k) /
/// words^length_exponent`. That is the greedy algorithm for budgeted maximum
/// coverage. A statement's worth only falls as others are picked, so a stale
/// worth is an upper bound and only the top of the heap is re-evaluated
/// (lazy greedy): near-linear in practice. A statement that does not fit
/// what is left is passed over for later ones that may; under a word budget
/// the last pick is then reconsidered by what it adds in all, not per word,
/// since nothing else will use the words left. Under a word target
/// ([`WordLimit::Target`]) the digest is the same, plus, when it ends short
/// of the target, the best next statement of any length: the words a hard
/// limit leaves unused are used, and everything else stays as it is.
pub(crate) fn select(
    seg: &Segmented,
    groups: Grouped,
    mut concepts: Concepts,
    rarity: &[f64],
    config: &Config,
) -> Vec<Chosen> {
    let sentences = &seg.sentences;
    let story_words: usize = groups.iter().map(|g| g.iter().map(|&m| sentences[m].words).max().unwrap_or(0)).sum();
    let ratio_words = config.budget.ratio.map(|r| (r * story_words as f64).ceil() as usize);
    let max_words = match (config.budget.words, ratio_words) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let max_entries = config.budget.sentences.unwrap_or(usize::MAX);
    let target = config.word_limit == WordLimit::Target;
    let priors: Vec<f64> = sentences.iter().map(|s| prior(s, config)).collect();

    // Statements, each with the variants that may be entries and its support.
    let (candidates, supports) = statements(groups, sentences, config);
    let candidate = |i: usize| (candidates.get(i), supports[i]);
    // Each variant's cost, computed once: the heap asks for a statement's
    // best variant again each time it comes back to the top.
    // Sentences are short: each length's cost is computed once (the same
    // number as computing it every time), and kept for the thread's next
    // stories while the exponent stays the same.
    let mut costs = vec![0.0; sentences.len()];
    // The fewest words of any variant: once the room left is less, nothing
    // fits any more (room only shrinks) and what is left of the heap needs
    // no popping.
    let mut shortest = usize::MAX;
    COSTS.with_borrow_mut(|(exponent, memo)| {
        if *exponent != config.length_exponent.to_bits() {
            *exponent = config.length_exponent.to_bits();
            memo.fill(f64::NAN);
        }
        for &m in candidates.members() {
            let words = sentences[m].words;
            shortest = shortest.min(words);
            costs[m] = match memo.get_mut(words) {
                Some(c) if c.is_nan() => {
                    *c = power_of_words(words, config.length_exponent);
                    *c
                }
                Some(c) => *c,
                None => power_of_words(words, config.length_exponent),
            };
        }
    });
    let cost = |m: usize| costs[m];

    // Each concept's weight while it is not covered, 0 once it is: a
    // variant's gain is the sum over its concepts, with no test per concept.
    // (Adding 0 changes no sum but an empty one's sign, -0 to 0, and a gain
    // of either adds nothing: the worth must be over 0.) The weights are
    // taken, not copied: nothing after selection reads them.
    let mut live = std::mem::take(&mut concepts.weight);
    let concepts = &concepts;
    // Each variant's gain while nothing is covered: the most it can ever
    // add (covering only zeroes weights, and a sum of weights no greater,
    // term by term in the same order, is no greater in floating point
    // too). It gives the heap's first worths and bounds the last pick's
    // search below.
    let mut full_gain = vec![0.0; sentences.len()];
    for &m in candidates.members() {
        full_gain[m] = concepts.of(m).iter().map(|&c| live[c as usize]).sum::<f64>();
    }
    // The variant of a statement that fits in `room` words and is worth
    // most, per unit of cost or in all, with its worth; the earliest on a
    // tie. Its gain is summed over `live`, or, without one, read from
    // `full_gain` (nothing covered).
    let weigh = |(members, support): (&[usize], f64), live: Option<&[f64]>, room: usize, per_cost: bool| {
        let mut best: Option<(f64, usize)> = None;
        for &m in members.iter().filter(|&&m| sentences[m].words <= room) {
            let gain = match live {
                Some(live) => concepts.of(m).iter().map(|&c| live[c as usize]).sum(),
                None => full_gain[m],
            };
            let worth = gain * priors[m] * support / if per_cost { cost(m) } else { 1.0 };
            if best.is_none_or(|(b, _)| worth > b) {
                best = Some((worth, m));
            }
        }
        best
    };
    // The best variant while `live` is covered, if it adds anything.
    let best_variant = |candidate: (&[usize], f64), live: &[f64], room: usize, per_cost: bool| {
        weigh(candidate, Some(live), room, per_cost).filter(|&(worth, _)| worth > 0.0)
    };
    // The most a statement's variants that fit in `room` can be worth, as
    // `best_variant` weighs them with nothing covered.
    let most = |candidate: (&[usize], f64), room: usize, per_cost: bool| {
        weigh(candidate, None, room, per_cost).map_or(f64::NEG_INFINITY, |(worth, _)| worth)
    };
    let mut redundancy = Redundancy::new(seg, rarity, config.redundancy_threshold);
    let mut redundant =
        |chosen: &[Chosen], members: &[usize], representative: usize| redundancy.any(chosen, members, representative);
    let cover = |live: &mut [f64], m: usize| {
        for &c in concepts.of(m) {
            live[c as usize] = 0.0;
        }
    };

    // Best first; ties go to the statement that comes first in the story, so
    // the pick never depends on anything but the input.
    let mut heap: BinaryHeap<Key> = (0..candidates.len())
        .filter_map(|i| {
            // best_variant with nothing covered, from the gains above.
            let (w, _) = weigh(candidate(i), None, usize::MAX, true).filter(|&(worth, _)| worth > 0.0)?;
            Some(Key::new(w, candidates.get(i)[0], i))
        })
        .collect();
    let mut chosen: Vec<Chosen> = Vec::new();
    let mut picked: Vec<usize> = Vec::new();
    // Each concept of the last pick with its weight in `live` just before it
    // was picked.
    let mut uncover: Vec<(u32, f64)> = Vec::new();
    let mut words = 0;
    loop {
        let Some(mut top) = heap.peek_mut() else {
            break;
        };
        if chosen.len() >= max_entries {
            break;
        }
        let room = max_words.map_or(usize::MAX, |max| max - words);
        if room < shortest {
            break;
        }
        let i = top.statement();
        // Nothing of it fits any more (room only shrinks), or it adds nothing.
        let Some((worth, representative)) = best_variant(candidate(i), &live, room, true) else {
            PeekMut::pop(top);
            continue;
        };
        // Re-keyed where it stands (one sift down, not a pop and a push);
        // still on top (keys differ by `i`), it is the best and is taken.
        *top = Key::new(worth, candidates.get(i)[0], i);
        drop(top);
        if heap.peek().is_some_and(|top| top.statement() != i) {
            continue;
        }
        heap.pop();
        if redundant(&chosen, candidates.get(i), representative) {
            continue;
        }
        // What covering the pick zeroes, kept for fill_last (below).
        uncover.clear();
        uncover.extend(concepts.of(representative).iter().map(|&c| (c, live[c as usize])));
        cover(&mut live, representative);
        words += sentences[representative].words;
        chosen.push(Chosen { members: candidates.get(i).to_vec(), representative, score: worth });
        picked.push(i);
    }

    // Whether the last chosen statement's concepts are not covered in `live`
    // (all the others' are).
    let mut last_uncovered = false;
    if config.fill_last && max_words.is_some() && !chosen.is_empty() {
        let last = chosen.pop().expect("not empty");
        let last_i = picked.pop().expect("not empty");
        let room = max_words.map_or(usize::MAX, |max| max - words + sentences[last.representative].words);
        // `live` is the weights with every chosen statement's concepts
        // zeroed (only covering zeroes it): the last's are put back as they
        // were before it was picked, when exactly the others' were zeroed.
        // The same as a fresh copy of the weights covered by the others,
        // without copying every concept's weight.
        for &(c, w) in &uncover {
            live[c as usize] = w;
        }
        // The statement pushed below (the last or another) is not covered.
        last_uncovered = true;
        let mut best: Option<(f64, usize, usize)> = None;
        for i in 0..candidates.len() {
            if picked.contains(&i) {
                continue;
            }
            // Cannot beat the best so far even with nothing covered.
            if best.is_some_and(|(b, _, _)| most(candidate(i), room, false) <= b) {
                continue;
            }
            let Some((value, representative)) = best_variant(candidate(i), &live, room, false) else {
                continue;
            };
            if best.is_some_and(|(b, _, _)| value <= b) {
                continue;
            }
            if i == last_i || !redundant(&chosen, candidates.get(i), representative) {
                best = Some((value, i, representative));
            }
        }
        match best {
            Some((value, i, representative)) if i != last_i => chosen.push(Chosen {
                members: candidates.get(i).to_vec(),
                representative,
                score: value / cost(representative),
            }),
            _ => chosen.push(last),
        }
    }

    // Under a target, a digest that ends short of it because nothing fits
    // the words left takes one more entry, the best per unit of cost, which
    // runs past the target.
    let words: usize = chosen.iter().map(|c| sentences[c.representative].words).sum();
    if target && chosen.len() < max_entries && max_words.is_some_and(|max| words < max) {
        // Every chosen statement's concepts covered, as above.
        if last_uncovered && let Some(c) = chosen.last() {
            cover(&mut live, c.representative);
        }
        let mut best: Option<(f64, usize, usize)> = None;
        for i in 0..candidates.len() {
            if chosen.iter().any(|c| c.members == candidates.get(i)) {
                continue;
            }
            if best.is_some_and(|(b, _, _)| most(candidate(i), usize::MAX, true) <= b) {
                continue;
            }
            let Some((value, representative)) = best_variant(candidate(i), &live, usize::MAX, true) else {
                continue;
            };
            if best.is_some_and(|(b, _, _)| value <= b) {
                continue;
            }
            if !redundant(&chosen, candidates.get(i), representative) {
                best = Some((value, i, representative));
            }
        }
        if let Some((value, i, representative)) = best {
            chosen.push(Chosen { members: candidates.get(i).to_vec(), representative, score: value });
        }
    }

    // Reading order: where a statement first stands in any source, as a
    // share of that source's length, so the lead of every article comes
    // before its background.
    let mut lengths = vec![0usize; seg.languages.len()];
    for s in sentences {
        if s.kind != Kind::Heading {
            lengths[s.source] = lengths[s.source].max(s.position + 1);
        }
    }
    let place = |c: &Chosen| {
        c.members
            .iter()
            .map(|&m| sentences[m].position as f64 / lengths[sentences[m].source].max(1) as f64)
            .fold(f64::INFINITY, f64::min)
    };
    crate::sort::sort_by(&mut chosen, |a, b| place(a).total_cmp(&place(b)).then(a.members[0].cmp(&b.members[0])));
    chosen
}

/// The statements that may give entries: each group's members that may
/// stand as an entry (no headings, within the entry length limits), with
/// the group's support (from its size before the filter); groups left empty
/// are dropped. The supports are per statement, in order.
fn statements(mut groups: Grouped, sentences: &[Sentence], config: &Config) -> (Grouped, Vec<f64>) {
    // Sized for every group (most give a statement), not grown by doubling.
    let mut supports = Vec::with_capacity(groups.len());
    // `ln(size)` read as `ln(1 + (size - 1))` from the table of small
    // counts (the same bits: `1 + (size - 1)` is `size` exactly), not
    // computed for every group (most have one member, or a few).
    let ln_1p = Ln1p::new();
    // Filtered in place: the groups' vectors are kept, not copied.
    groups.retain(
        |m| {
            let s = &sentences[m];
            s.kind != Kind::Heading && (config.min_words..=config.max_entry_words).contains(&s.words)
        },
        |size| {
            let ln_size = ln_1p.of_count(u32::try_from(size - 1).expect("under 2^32 sentences"));
            supports.push(1.0 + config.support_weight * ln_size)
        },
    );
    (groups, supports)
}

thread_local! {
    /// `words^e` for sentences of fewer than 128 words, NaN where not yet
    /// computed, for the exponent `e` whose bits are kept with it.
    static COSTS: RefCell<(u64, [f64; 128])> = const { RefCell::new((f64::NAN.to_bits(), [f64::NAN; 128])) };
}

/// `words^e`, the cost of a sentence of `words` words (at least 1).
fn power_of_words(words: usize, e: f64) -> f64 {
    let w = words.max(1) as f64;
    if e == 1.0 { w } else { power(w, e) }
}

/// A heap entry: a statement's worth, then the statement that comes first
/// in the story, then its index, in one integer, ordered as the tuple
/// `(worth by total_cmp, Reverse(first member), index)` would be. A worth on
/// the heap is over 0 (never NaN nor -0), and positive floats order as
/// their bits do: one integer comparison instead of `total_cmp` and two
/// more, and 16 bytes moved instead of 24 in every sift.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Key(u128);

impl Key {
    fn new(worth: f64, first: usize, statement: usize) -> Key {
        debug_assert!(worth > 0.0);
        let first = u32::try_from(first).expect("under 2^32 sentences");
        let statement = u32::try_from(statement).expect("under 2^32 statements");
        Key(u128::from(worth.to_bits()) << 64 | u128::from(u32::MAX - first) << 32 | u128::from(statement))
    }

    /// The statement's index.
    fn statement(self) -> usize {
        self.0 as u32 as usize
    }
}

/// Whether a statement is too like one already chosen: two statements are
/// as alike as the most alike of each one's best wording (representative)
/// against every variant of the other, by [`similarity`], and too alike at
/// `threshold` or more.
///
/// Only whether a similarity reaches the threshold matters, so each is
/// bounded as merging bounds its candidates ([`cosine_at_least`]: the same
/// answer as comparing [`similarity`] itself). Each sentence's weight is
/// computed once, when first needed.
///
/// [`similarity`]: crate::merge::similarity
struct Redundancy<'a> {
    seg: &'a Segmented,
    rarity: &'a [f64],
    threshold: f64,
    weights: Vec<Option<f64>>,
    /// `mine[t] == stamp`: t is a term of the sentence compared last.
    mine: Vec<u32>,
    stamp: u32,
}

impl<'a> Redundancy<'a> {
    fn new(seg: &'a Segmented, rarity: &'a [f64], threshold: f64) -> Redundancy<'a> {
        Redundancy {
            seg,
            rarity,
            threshold,
            weights: vec![None; seg.sentences.len()],
            mine: vec![0; rarity.len()],
            stamp: 0,
        }
    }

    /// Whether `c` is too like any statement of `chosen`.
    ///
    /// The similarity is symmetric (the same shared terms summed in the
    /// same order, over the same norm), so "each chosen representative
    /// against c's variants" is asked as "each variant of c against the
    /// chosen representatives": each sentence of c has its terms marked
    /// once, not once per statement chosen. The representative is not
    /// asked again against the chosen representatives: they are among the
    /// chosen members it was just found not alike to (for a statement of
    /// one variant, the most common, that was the second walk of them all).
    fn any(&mut self, chosen: &[Chosen], members: &[usize], representative: usize) -> bool {
        if chosen.is_empty() {
            return false;
        }
        let ys = chosen.iter().flat_map(|p| &p.members);
        if self.reaches(representative, ys) {
            return true;
        }
        members.iter().any(|&x| x != representative && self.reaches(x, chosen.iter().map(|p| &p.representative)))
    }

    /// Whether sentence `x` is as alike as the threshold to any of `ys`.
    fn reaches<'y>(&mut self, x: usize, ys: impl Iterator<Item = &'y usize>) -> bool {
        let wx = self.weight(x);
        // A pair that cannot reach the threshold by its weights alone is
        // passed over, by the bound merging uses.
        let (lightest, heaviest) = crate::merge::weight_range(wx, self.threshold);
        // x's terms are marked when a pair first needs them.
        let mut marked = false;
        for &y in ys {
            let wy = self.weight(y);
            if wy < lightest || wy > heaviest {
                continue;
            }
            if !marked {
                marked = true;
                if self.stamp == u32::MAX {
                    self.mine.iter_mut().for_each(|m| *m = 0);
                    self.stamp = 0;
                }
                self.stamp += 1;
                for &t in self.seg.distinct_terms(x) {
                    self.mine[t as usize] = self.stamp;
                }
            }
            let terms = self.seg.distinct_terms(y).iter().copied();
            if cosine_at_least(terms, &self.mine, self.stamp, self.rarity, wx, wy, self.threshold).is_some() {
                return true;
            }
        }
        false
    }

    fn weight(&mut self, m: usize) -> f64 {
        *self.weights[m].get_or_insert_with(|| term_weight(self.seg.distinct_terms(m), self.rarity))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Budget;
    use crate::document::{Block, BlockKind, Document};
    use crate::merge::{merge, similarity};
    use crate::score::{concepts, rarity, term_stats};
    use crate::segment::segment;

    fn run(texts: &[&str], config: &Config) -> (Segmented, Vec<Chosen>) {
        let docs: Vec<Document> = texts
            .iter()
            .map(|t| Document {
                text: t.to_string(),
                blocks: vec![Block { range: 0..t.len(), kind: BlockKind::Paragraph }],
                ..Document::default()
            })
            .collect();
        let seg = segment(&docs);
        let stats = term_stats(&seg, config.headline_weight);
        let (c, r) = (concepts(&seg, &stats, config), rarity(&stats));
        let groups = merge(&seg, &r, config.merge_threshold);
        let chosen = select(&seg, groups, c, &r, config);
        (seg, chosen)
    }

    /// The greedy pick as defined: every statement left evaluated again
    /// each round (no heap, no stale worths), the best taken unless it is
    /// redundant, until nothing fits or adds; then, with `fill_last`, the
    /// last pick reconsidered. As (members, representative) by first member.
    fn eager(texts: &[String], config: &Config) -> Vec<(Vec<usize>, usize)> {
        let docs: Vec<Document> = texts
            .iter()
            .map(|t| Document {
                text: t.clone(),
                blocks: vec![Block { range: 0..t.len(), kind: BlockKind::Paragraph }],
                ..Document::default()
            })
            .collect();
        let seg = segment(&docs);
        let stats = term_stats(&seg, config.headline_weight);
        let (concepts, r) = (concepts(&seg, &stats, config), rarity(&stats));
        let sentences = &seg.sentences;
        let max_words = config.budget.words.unwrap_or(usize::MAX);
        let mut left = statement_vecs(merge(&seg, &r, config.merge_threshold), sentences, config);
        let mut covered = vec![false; concepts.weight.len()];
        let mut redundancy = Redundancy::new(&seg, &r, config.redundancy_threshold);
        let (mut chosen, mut words) = (Vec::new(), 0);
        while chosen.len() < config.budget.sentences.unwrap_or(usize::MAX) {
            // The best statement, the one first in the story on a tie; its
            // best variant, the first on a tie.
            let mut best: Option<(f64, usize, usize)> = None;
            for (i, (members, support)) in left.iter().enumerate() {
                let mut mine: Option<(f64, usize)> = None;
                for &m in members.iter().filter(|&&m| words + sentences[m].words <= max_words) {
                    let gain = uncovered_gain(&concepts, &covered, m);
                    let worth = gain * prior(&sentences[m], config) * support
                        / power_of_words(sentences[m].words, config.length_exponent);
                    if mine.is_none_or(|(b, _)| worth > b) {
                        mine = Some((worth, m));
                    }
                }
                if let Some((worth, m)) = mine.filter(|&(w, _)| w > 0.0) {
                    if best.is_none_or(|(b, _, _)| worth > b) {
                        best = Some((worth, i, m));
                    }
                }
            }
            let Some((worth, i, m)) = best else { break };
            let (members, _) = left.remove(i);
            let c = Chosen { members, representative: m, score: worth };
            if redundancy.any(&chosen, &c.members, c.representative) {
                continue;
            }
            concepts.of(m).iter().for_each(|&k| covered[k as usize] = true);
            words += sentences[m].words;
            chosen.push(c);
        }
        if config.fill_last && !chosen.is_empty() {
            fill_last_by_definition(&seg, &concepts, &r, &mut chosen, config);
        }
        let mut picked: Vec<(Vec<usize>, usize)> = chosen.into_iter().map(|c| (c.members, c.representative)).collect();
        picked.sort();
        picked
    }

    /// [`statements`], one vector per statement with its support.
    fn statement_vecs(groups: Grouped, sentences: &[Sentence], config: &Config) -> Vec<(Vec<usize>, f64)> {
        let (statements, supports) = statements(groups, sentences, config);
        statements.to_vecs().into_iter().zip(supports).collect()
    }

    /// What variant `m` adds: the weights of its concepts not `covered`.
    fn uncovered_gain(concepts: &Concepts, covered: &[bool], m: usize) -> f64 {
        concepts.of(m).iter().filter(|&&c| !covered[c as usize]).map(|&c| concepts.weight[c as usize]).sum()
    }

    /// `fill_last` as defined: the last pick (last of `chosen`) replaced by
    /// the statement that adds most in all to the others in the words they
    /// leave, every statement not among the others evaluated in full.
    fn fill_last_by_definition(
        seg: &Segmented,
        concepts: &Concepts,
        r: &[f64],
        chosen: &mut Vec<Chosen>,
        config: &Config,
    ) {
        let sentences = &seg.sentences;
        let last = chosen.pop().expect("not empty");
        let words: usize = chosen.iter().map(|c| sentences[c.representative].words).sum();
        let room = config.budget.words.unwrap_or(usize::MAX) - words;
        let mut covered = vec![false; concepts.weight.len()];
        for c in chosen.iter() {
            concepts.of(c.representative).iter().for_each(|&k| covered[k as usize] = true);
        }
        let mut redundancy = Redundancy::new(seg, r, config.redundancy_threshold);
        let mut best: Option<(f64, Vec<usize>, usize)> = None;
        for (members, support) in statement_vecs(merge(seg, r, config.merge_threshold), sentences, config) {
            if chosen.iter().any(|c| c.members == members) {
                continue;
            }
            let mut mine: Option<(f64, usize)> = None;
            for &m in members.iter().filter(|&&m| sentences[m].words <= room) {
                let gain = uncovered_gain(concepts, &covered, m);
                let value = gain * prior(&sentences[m], config) * support;
                if mine.is_none_or(|(b, _)| value > b) {
                    mine = Some((value, m));
                }
            }
            let Some((value, m)) = mine.filter(|&(v, _)| v > 0.0) else { continue };
            if best.as_ref().is_some_and(|(b, _, _)| value <= *b) {
                continue;
            }
            let c = Chosen { members: members.clone(), representative: m, score: value };
            if members == last.members || !redundancy.any(chosen, &c.members, c.representative) {
                best = Some((value, members, m));
            }
        }
        match best {
            Some((value, members, m)) if members != last.members => {
                chosen.push(Chosen { members, representative: m, score: value })
            }
            _ => chosen.push(last),
        }
    }

    #[test]
    fn lazy_greedy_picks_as_the_eager_one() {
        let pool: Vec<&str> = STORY.split(". ").collect();
        let words = ["drones", "Iran", "Monday", "officials", "sanctions", "Kyiv", "jets", "winter"];
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (x >> 33) as usize % n
        };
        for round in 0..60 {
            // Sources reword the pool's sentences in their own order.
            let texts: Vec<String> = (0..2 + next(3))
                .map(|_| {
                    (0..3 + next(6))
                        .map(|_| {
                            let mut s: Vec<&str> = pool[next(pool.len())].split(' ').collect();
                            for _ in 0..next(4) {
                                let at = next(s.len());
                                s[at] = words[next(words.len())];
                            }
                            s.join(" ").trim_end_matches('.').to_string() + "."
                        })
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            // With and without the last pick reconsidered (the search that
            // passes over statements that cannot beat the best so far).
            for fill_last in [false, true] {
                let mut config = Config { fill_last, ..Config::default() };
                config.budget = Budget { words: Some([15, 30, 60, 120, 1000][round % 5]), ..Budget::default() };
                config.budget.sentences = (round % 7 == 0).then_some(2);
                let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
                let (_, chosen) = run(&refs, &config);
                let mut lazy: Vec<(Vec<usize>, usize)> =
                    chosen.into_iter().map(|c| (c.members, c.representative)).collect();
                lazy.sort();
                assert_eq!(lazy, eager(&texts, &config), "round {round}, fill_last {fill_last}: {texts:?}");
            }
        }
    }

    const STORY: &str = "Russia wants to buy more attack drones from Iran, the White House said on Monday. \
        Iran has sold hundreds of attack drones to Russia since August, officials said. \
        The drones have been used against power plants across Ukraine this winter. \
        Officials also said Iran wants Russian fighter jets and attack helicopters in return. \
        The White House plans new sanctions on companies that ship drone parts to Iran. \
        Kirby spoke to reporters at the White House briefing on Monday afternoon.";

    #[test]
    fn redundancy_is_the_definition_by_similarity() {
        // Sources that share statements, reworded or word for word.
        let texts = [
            STORY,
            "Iran has sold hundreds of attack drones to Russia since August, officials said on Monday. \
             Russia wants to buy more attack drones from Iran, the White House said. \
             The White House plans new sanctions on firms that ship drone parts to Iran.",
            "Officials said the drones were used against power plants across Ukraine. \
             Kirby spoke to reporters at the White House on Monday afternoon about the drones. \
             Iran wants Russian fighter jets and attack helicopters in return, officials said.",
        ];
        let docs: Vec<Document> = texts
            .iter()
            .map(|t| Document {
                text: t.to_string(),
                blocks: vec![Block { range: 0..t.len(), kind: BlockKind::Paragraph }],
                ..Document::default()
            })
            .collect();
        let seg = segment(&docs);
        let r = rarity(&term_stats(&seg, Config::default().headline_weight));
        let groups = merge(&seg, &r, 0.3).to_vecs();
        assert!(groups.iter().any(|g| g.len() > 1), "{groups:?}");
        // Every group with every member as its representative.
        let statements: Vec<Chosen> = groups
            .iter()
            .flat_map(|g| g.iter().map(|&m| Chosen { members: g.clone(), representative: m, score: 0.0 }))
            .collect();
        let alike = |p: &Chosen, c: &Chosen, threshold: f64| {
            let most = |x: usize, ys: &[usize]| ys.iter().map(|&y| similarity(&seg, x, y, &r)).fold(0.0, f64::max);
            most(c.representative, &p.members).max(most(p.representative, &c.members)) >= threshold
        };
        let (mut yes, mut no) = (0, 0);
        for threshold in [0.2, 0.35, 0.5, 0.8, 1.0] {
            let mut redundancy = Redundancy::new(&seg, &r, threshold);
            for (k, c) in statements.iter().enumerate() {
                // Chosen lists of one to three statements.
                for len in 1..=3 {
                    let chosen: Vec<Chosen> =
                        (0..len).map(|j| statements[(k * 7 + j * 5 + 1) % statements.len()].clone()).collect();
                    let expected = chosen.iter().any(|p| alike(p, c, threshold));
                    assert_eq!(
                        redundancy.any(&chosen, &c.members, c.representative),
                        expected,
                        "{c:?} against {chosen:?} at {threshold}"
                    );
                    if expected { yes += 1 } else { no += 1 }
                }
            }
            assert!(!redundancy.any(&[], &statements[0].members, statements[0].representative));
        }
        assert!(yes > 10 && no > 10, "{yes} alike, {no} not");
    }

    #[test]
    fn the_word_budget_is_never_exceeded() {
        for max in [1, 5, 12, 20, 31, 60] {
            let config = Config { budget: Budget::words(max), ..Config::default() };
            let (seg, chosen) = run(&[STORY], &config);
            let words: usize = chosen.iter().map(|c| seg.sentences[c.representative].words).sum();
            assert!(words <= max, "{words} words for a budget of {max}");
        }
    }

    #[test]
    fn a_word_target_is_reached_and_crossed_by_less_than_the_last_entry() {
        for max in [1, 5, 12, 20, 31, 60] {
            let config = Config { budget: Budget::words(max), word_limit: WordLimit::Target, ..Config::default() };
            let (seg, chosen) = run(&[STORY], &config);
            let lengths: Vec<usize> = chosen.iter().map(|c| seg.sentences[c.representative].words).collect();
            let words: usize = lengths.iter().sum();
            assert!(words >= max, "{words} words for a target of {max}");
            // It stops at the entry that reaches the target, so it runs past
            // it by less than its longest entry.
            let longest = lengths.iter().copied().max().unwrap_or(0);
            assert!(words - longest < max, "{lengths:?} for a target of {max}");
        }
    }

    #[test]
    fn the_sentence_budget_is_met_when_there_is_enough_text() {
        let config = Config { budget: Budget::sentences(3), ..Config::default() };
        let (_, chosen) = run(&[STORY], &config);
        assert_eq!(chosen.len(), 3);
    }

    #[test]
    fn a_ratio_budget_scales_with_the_story() {
        let small = Config { budget: Budget::ratio(0.3), ..Config::default() };
        let large = Config { budget: Budget::ratio(1.0), ..Config::default() };
        let (_, a) = run(&[STORY], &small);
        let (_, b) = run(&[STORY], &large);
        assert!(a.len() < b.len(), "{} vs {}", a.len(), b.len());
    }

    #[test]
    fn entries_come_in_reading_order() {
        let config = Config { budget: Budget::sentences(4), ..Config::default() };
        let (seg, chosen) = run(&[STORY], &config);
        let positions: Vec<_> = chosen.iter().map(|c| seg.sentences[c.representative].position).collect();
        let mut sorted = positions.clone();
        sorted.sort();
        assert_eq!(positions, sorted);
    }

    #[test]
    fn a_paraphrase_of_a_chosen_entry_is_skipped() {
        // The same statement twice in one source never merges (one variant
        // per source), so only the redundancy check keeps it out.
        let text = "Iran has sold hundreds of attack drones to Russia since August, officials said. \
            Since August Iran has sold hundreds of attack drones to Russia, officials said on Monday. \
            Talks in Geneva on a prisoner exchange resumed after a pause of two weeks.";
        let (seg, chosen) = run(&[text], &Config { budget: Budget::sentences(3), ..Config::default() });
        let drones = chosen.iter().filter(|c| seg.sentences[c.representative].position < 2).count();
        assert_eq!(drones, 1, "{chosen:?}");
    }

    #[test]
    fn support_from_more_sources_raises_the_rank() {
        let a = "Officials said the convoy reached the border town late on Tuesday night. Iran denies selling drones to Russia for the war.";
        let b = "Iran denies selling drones to Russia for the war. Prices of bread rose again in the capital markets this week.";
        let (seg, chosen) = run(&[a, b], &Config { budget: Budget::sentences(1), ..Config::default() });
        assert_eq!(chosen[0].members.len(), 2, "{:?}", seg.sentences[chosen[0].representative]);
    }

    #[test]
    fn what_is_already_covered_adds_nothing() {
        // The first source's second sentence repeats a few words of the
        // long lead, too few to be redundant with it (similarity below the
        // threshold), so only coverage keeps it out: after the lead, it adds
        // nothing. Ignoring coverage, its well-supported concepts would beat
        // the third sentence, which only the first source reports.
        let lead = "Iran sold hundreds of attack drones to Russia last year, officials in Washington said on Monday, \
            adding that more deliveries of missiles, ammunition and spare parts for helicopters were expected \
            through ports on the Caspian Sea before the end of the coming winter season.";
        let repeat = "Iran sold hundreds of attack drones.";
        let new = "Ukraine asked Germany for more air defence systems this month.";
        let a = format!("{lead} {repeat} {new}");
        let config = Config { budget: Budget::sentences(2), ..Config::default() };
        let (seg, chosen) = run(&[&a, lead], &config);
        let text = |m: usize| &seg.sentences[m];
        let r = rarity(&term_stats(&seg, Config::default().headline_weight));
        let sim = similarity(&seg, 0, 1, &r);
        assert!(sim < config.redundancy_threshold, "the repeat is too like the lead to test coverage: {sim}");
        let picked: Vec<usize> = chosen.iter().map(|c| c.representative).collect();
        assert_eq!(chosen.len(), 2, "{picked:?}");
        assert!(
            chosen.iter().all(|c| !c.members.contains(&1)),
            "sentence 1 ({:?}) adds no concept the lead has not covered, yet it was picked: {chosen:?}",
            text(1)
        );
        assert!(chosen.iter().any(|c| c.members.contains(&2)), "the new statement is missing: {chosen:?}");
    }

    proptest::proptest! {
        /// The heap's packed key orders as the tuple it stands for: worth
        /// by `total_cmp`, then the earlier first member, then the index.
        #[test]
        fn key_orders_as_the_tuple(
            a in (1e-300f64..1e300, 0usize..1 << 32, 0usize..1 << 32),
            b in (1e-300f64..1e300, 0usize..1 << 32, 0usize..1 << 32),
            same_worth in proptest::bool::ANY,
            same_first in proptest::bool::ANY,
        ) {
            let b = (if same_worth { a.0 } else { b.0 }, if same_first { a.1 } else { b.1 }, b.2);
            let tuple = |(w, f, i): (f64, usize, usize)| (Wrap(w), std::cmp::Reverse(f), i);
            proptest::prop_assert_eq!(
                Key::new(a.0, a.1, a.2).cmp(&Key::new(b.0, b.1, b.2)),
                tuple(a).cmp(&tuple(b))
            );
            proptest::prop_assert_eq!(Key::new(a.0, a.1, a.2).statement(), a.2);
        }
    }

    /// A worth ordered by `total_cmp`, as the heap's key was.
    #[derive(PartialEq)]
    struct Wrap(f64);

    impl Eq for Wrap {}

    impl PartialOrd for Wrap {
        fn partial_cmp(&self, other: &Wrap) -> Option<std::cmp::Ordering> {
            Some(self.cmp(other))
        }
    }

    impl Ord for Wrap {
        fn cmp(&self, other: &Wrap) -> std::cmp::Ordering {
            self.0.total_cmp(&other.0)
        }
    }
}
