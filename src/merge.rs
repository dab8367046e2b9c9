//! Stage 4: merging. Sentences of different sources that report the same
//! thing become one group, with every source that reports it.
//!
//! Two sentences are alike by the cosine of their term sets, each term
//! weighted by its rarity in the story ([`score::rarity`]): sharing "Iran",
//! "Russia" and "drones" in a story about Iranian drones for Russia says
//! little, sharing "400", "UAVs" and "Shahed" says a lot.
//!
//! Candidate pairs come from an inverted index, never from comparing every
//! sentence with every other: each sentence looks up only the few rarest of
//! its terms, and a term found in more than [`POSTING_CAP`] sentences is a
//! topic word, not a key. Exact repeats (wire copy republished word for
//! word) are grouped by hashing first, so they need no key at all. The cost
//! is linear in the number of sentences, times constants.
//!
//! [`score::rarity`]: crate::score::rarity

use crate::lang::fx::InputMap;
use crate::segment::{Kind, Segmented, Sentence};

/// How many of its rarest terms a sentence looks up.
const KEYS: usize = 4;
/// Terms in more sentences than this are not looked up.
const POSTING_CAP: usize = 200;

/// Groups the story's sentences: each group holds one statement's variants,
/// at most one per source, as sentence indices in story order. Headings are
/// left out; every other sentence is in exactly one group. Groups are in
/// order of their first sentence.
pub(crate) fn merge(seg: &Segmented, rarity: &[f64], threshold: f64) -> Grouped {
    let sentences = &seg.sentences;
    let mut groups = Groups::new(sentences);

    // Word-for-word repeats first: same terms, same number of times.
    // Never iterated, so its hasher cannot reach the output.
    let mut by_terms: InputMap<&[u32], usize> = InputMap::with_capacity_and_hasher(sentences.len(), Default::default());
    // Each sentence's first word-for-word repeat (itself if none): the two
    // have the same terms, so the same cosine with any other sentence.
    let mut same_terms: Vec<u32> = (0..sentences.len() as u32).collect();
    for (i, s) in sentences.iter().enumerate() {
        let terms = seg.terms(i);
        if s.kind == Kind::Heading || terms.is_empty() {
            continue;
        }
        // One hash and one probe per sentence, whether or not it is new.
        let first = *by_terms.entry(terms).or_insert(i);
        if first != i {
            groups.union(first, i);
            same_terms[i] = first as u32;
        }
    }
    drop(by_terms);

    // Then near-duplicates, most alike first, so that a sentence joins the
    // group it fits best before a weaker match can claim its source.
    let mut pairs = alike_pairs(seg, rarity, threshold, &same_terms);
    crate::sort::sort_by(&mut pairs, |x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    for (_, a, b) in pairs {
        groups.union(a, b);
    }
    groups.into_groups()
}

/// Groups of sentence indices, in order, held flat: every group's members
/// in one vector, and where each group ends. One allocation for a story's
/// groups, not one per group (thousands in a large story), and none freed
/// group by group after selection has read them.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Grouped {
    members: Vec<usize>,
    /// `ends[g + 1]`: one past group g's last member in `members`;
    /// `ends[0] == 0`, so that a group's members are
    /// `members[ends[g]..ends[g + 1]]`, with no test for the first group.
    ends: Vec<usize>,
}

impl Grouped {
    /// The number of groups.
    pub(crate) fn len(&self) -> usize {
        self.ends.len() - 1
    }

    /// Every group's members, group after group.
    pub(crate) fn members(&self) -> &[usize] {
        &self.members
    }

    /// The members of group `g`.
    pub(crate) fn get(&self, g: usize) -> &[usize] {
        // The ends read one by one: in the .wasm (opt-level "z") a slice
        // taken by a range is an out-of-line call, and selection asks for
        // groups often.
        &self.members[self.ends[g]..self.ends[g + 1]]
    }

    /// The groups in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &[usize]> {
        (0..self.len()).map(|g| self.get(g))
    }

    /// Keeps the members for which `keep` holds, in order, and the groups
    /// left with any, calling `kept` with the size each kept group had
    /// before (in place: nothing is copied elsewhere).
    pub(crate) fn retain(&mut self, mut keep: impl FnMut(usize) -> bool, mut kept: impl FnMut(usize)) {
        let (mut to, mut start, mut groups) = (0, 0, 0);
        // (`start`: group g's start before `ends` is written over.)
        for g in 1..self.ends.len() {
            let end = self.ends[g];
            let first = to;
            for k in start..end {
                let m = self.members[k];
                if keep(m) {
                    self.members[to] = m;
                    to += 1;
                }
            }
            if to > first {
                kept(end - start);
                groups += 1;
                self.ends[groups] = to;
            }
            start = end;
        }
        self.members.truncate(to);
        self.ends.truncate(groups + 1);
    }

    /// As one vector per group, for tests.
    #[cfg(test)]
    pub(crate) fn to_vecs(&self) -> Vec<Vec<usize>> {
        self.iter().map(<[usize]>::to_vec).collect()
    }
}

/// Rarity-weighted cosine of two sentences' term sets, in [0, 1]: the
/// definition. Merging and selection only ask whether it reaches a
/// threshold, and ask [`cosine_at_least`], which answers the same (tested
/// against this).
#[cfg(test)]
pub(crate) fn similarity(seg: &Segmented, x: usize, y: usize, rarity: &[f64]) -> f64 {
    let (a, b) = (seg.distinct_terms(x), seg.distinct_terms(y));
    cosine(a, b, rarity, term_weight(a, rarity), term_weight(b, rarity))
}

/// The summed rarity of a sentence's distinct terms, in term order: the
/// norm (squared) [`cosine`] divides by.
pub(crate) fn term_weight(distinct_terms: &[u32], rarity: &[f64]) -> f64 {
    distinct_terms.iter().fold(0.0, |sum, &t| sum + rarity[t as usize])
}

/// The weights a sentence of weight `w` can reach a cosine of `threshold`
/// with: the cosine is at most sqrt(lighter / heavier) (all shared), so a
/// pair outside cannot. With a margin for rounding far above the bounds'
/// own error, so no pair that could reach it is left out. (Computed once
/// per sentence: a test of the candidate's weight against both is all
/// each candidate costs.) Merging's candidates and selection's
/// redundancy test both pass over pairs by it.
pub(crate) fn weight_range(w: f64, threshold: f64) -> (f64, f64) {
    let t2 = threshold * threshold * (1.0 - 1e-9);
    (w * t2, w / t2)
}

/// Pairs `(a, b)`, `a < b`, of sentences of different sources that share at
/// least one key term of either, with their [`similarity`] when it reaches
/// `threshold`.
///
/// Works group by group (below), so only the cosines that reach the
/// threshold are held, each group's once, not every candidate (hundreds per
/// sentence in a large story). Most candidates fall far short of the
/// threshold, so each is first bounded, and its cosine is only finished when
/// the bound allows it to reach the threshold.
///
/// Whether two sentences are candidates, and their cosine, depend on their
/// terms alone, and wire copy repeats sentences word for word (more than
/// half of those of the 5 MB story): so the work is done once per set of
/// sentences with the very same terms (`same_terms[b]` is the first of b's),
/// a *group*, named by its last sentence. The first sentence of a group
/// meets every group with a sentence after it once, through postings that
/// hold groups, not sentences; a pair is made with each sentence of the
/// group met that comes after it in another source. The group's later
/// sentences do no work of their own: they take the cosines of the first
/// that reach the threshold.
fn alike_pairs(seg: &Segmented, rarity: &[f64], threshold: f64, same_terms: &[u32]) -> Vec<(f64, usize, usize)> {
    let sentences = &seg.sentences;
    let n = sentences.len();
    let terms = |i: usize| seg.distinct_terms(i);
    let vocabulary = seg.vocabulary.len();
    // Sentences that may be entries and have terms: each is in a group.
    let grouped = |i: usize| sentences[i].kind != Kind::Heading && !terms(i).is_empty();
    // `prev[i]`: the sentence before i with its very terms (`u32::MAX`:
    // none); `last[f]`: the last sentence of first f's group, its name.
    let mut prev: Vec<u32> = vec![u32::MAX; n];
    let mut last: Vec<u32> = (0..n as u32).collect();
    for i in 0..n {
        let f = same_terms[i] as usize;
        if f != i {
            prev[i] = last[f];
            last[f] = i as u32;
        }
    }
    // The groups, by name.
    let groups: Vec<u32> =
        (0..n as u32).filter(|&i| grouped(i as usize) && last[same_terms[i as usize] as usize] == i).collect();
    // How many sentences have each term: what makes a topic word. The
    // postings hold groups. Each group's terms are walked twice: to count
    // (and weigh the group), then to fill the postings and choose its keys.
    let mut df: Vec<u32> = vec![0; vocabulary];
    let mut postings = Lists::counting(vocabulary);
    // The weight of each group's terms, computed once per group: its
    // [`term_weight`], summed as it sums.
    let mut weights: Vec<f64> = vec![0.0; n];
    for &g in &groups {
        let (mut size, mut b) = (0, g);
        while b != u32::MAX {
            size += 1;
            b = prev[b as usize];
        }
        let mut weight = 0.0;
        for &t in terms(g as usize) {
            df[t as usize] += size;
            postings.count(t);
            weight += rarity[t as usize];
        }
        weights[g as usize] = weight;
    }
    postings.allot();
    // Each group's key terms: its rarest terms that are not topic words;
    // and for each term, the groups that have it as a key.
    let mut keys_of: Vec<([u32; KEYS], usize)> = vec![([0; KEYS], 0); n];
    let mut keyed_by = Lists::counting(vocabulary);
    // Filled from the last group back, so each list is descending: a first
    // reads a list's groups after it and stops at the first before it.
    for &g in groups.iter().rev() {
        for &t in terms(g as usize) {
            postings.fill(t, g);
        }
        let (keys, k) = rarest(terms(g as usize).iter().copied(), rarity, |t| df[t as usize] as usize <= POSTING_CAP);
        for &t in &keys[..k] {
            keyed_by.count(t);
        }
        keys_of[g as usize] = (keys, k);
    }
    keyed_by.allot();
    for &g in groups.iter().rev() {
        let (keys, k) = &keys_of[g as usize];
        for &t in &keys[..*k] {
            keyed_by.fill(t, g);
        }
    }
    // Each sentence's source, compact: the candidate loop below reads it for
    // hundreds of candidates per sentence on large stories.
    let source_of: Vec<usize> = sentences.iter().map(|s| s.source).collect();
    // `met[g] == a`: g is already a candidate of a. `mine[t] == a`: t is
    // one of a's terms. Stamps, so neither is ever cleared.
    let mut met: Vec<u32> = vec![u32::MAX; n];
    let mut mine: Vec<u32> = vec![u32::MAX; vocabulary];
    // The cosines of a group's first with the groups it meets, when they
    // reach the threshold, kept for its later sentences:
    // `hits[hits_of[g].0..hits_of[g].1]`.
    let mut hits: Vec<(u32, f64)> = Vec::new();
    let mut hits_of: Vec<(u32, u32)> = vec![(0, 0); n];
    let mut pairs = Vec::new();
    let mut others: Vec<u32> = Vec::new();
    for a in (0..n).filter(|&a| grouped(a)) {
        let own = last[same_terms[a] as usize];
        let stamp = a as u32;
        if same_terms[a] as usize == a {
            // Groups with a sentence after a, with a key of a among their
            // terms, or a key of theirs among a's, each once.
            others.clear();
            // The lists are descending: their groups after a come first.
            let mut meet = |list: &Lists, t: u32| {
                for g in list.of(t).take_while(|&g| g > stamp) {
                    if met[g as usize] != stamp {
                        met[g as usize] = stamp;
                        others.push(g);
                    }
                }
            };
            let (keys, k) = &keys_of[own as usize];
            for &t in &keys[..*k] {
                meet(&postings, t);
            }
            // One walk of a's terms: the groups keyed by them, and the marks
            // the cosines below read.
            for &t in terms(a) {
                meet(&keyed_by, t);
                mine[t as usize] = stamp;
            }
            let wa = weights[own as usize];
            let (lightest, heaviest) = weight_range(wa, threshold);
            let from = hits.len() as u32;
            for &g in &others {
                // A group whose last sentence is in a's source has no
                // sentence after a in another: a source's sentences stand
                // together. (Nor after a's copies in theirs; but a sentence
                // with copies, most of them on large stories, meets few such
                // groups, and does not ask.)
                if own == stamp && source_of[g as usize] == source_of[a] {
                    continue;
                }
                let wb = weights[g as usize];
                if wb < lightest || wb > heaviest {
                    continue;
                }
                let terms = terms(g as usize).iter().copied();
                if let Some(cosine) = cosine_at_least(terms, &mine, stamp, rarity, wa, wb, threshold) {
                    hits.push((g, cosine));
                }
            }
            hits_of[own as usize] = (from, hits.len() as u32);
        }
        // The pairs of a with the sentences after it, of other sources, of
        // each group its first reaches the threshold with.
        let (from, to) = hits_of[own as usize];
        for &(g, cosine) in &hits[from as usize..to as usize] {
            let mut b = g;
            while b != u32::MAX && b > stamp {
                if source_of[b as usize] != source_of[a] {
                    pairs.push((cosine, a, b as usize));
                }
                b = prev[b as usize];
            }
        }
    }
    pairs
}

/// [`alike_pairs`] sentence by sentence, each meeting every candidate
/// sentence (a cosine per first it meets): the reference the firsts'
/// version is tested against.
#[cfg(test)]
fn alike_pairs_by_sentence(
    seg: &Segmented,
    rarity: &[f64],
    threshold: f64,
    same_terms: &[u32],
) -> Vec<(f64, usize, usize)> {
    let sentences = &seg.sentences;
    let terms = |i: usize| seg.distinct_terms(i);
    let vocabulary = seg.vocabulary.len();
    let entries = |i: usize| sentences[i].kind != Kind::Heading;
    let mut postings = Lists::counting(vocabulary);
    for pass in [Pass::Count, Pass::Fill] {
        for i in (0..sentences.len()).filter(|&i| entries(i)) {
            for &t in terms(i) {
                postings.add(pass, t, i as u32);
            }
        }
        if pass == Pass::Count {
            postings.allot();
        }
    }
    // Each sentence's key terms: its rarest terms that are not topic words.
    let keys_of: Vec<([u32; KEYS], usize)> = (0..sentences.len())
        .map(|i| rarest(terms(i).iter().copied(), rarity, |t| entries(i) && postings.of(t).len() <= POSTING_CAP))
        .collect();
    // For each term, the sentences that have it as a key.
    let mut keyed_by = Lists::counting(vocabulary);
    for pass in [Pass::Count, Pass::Fill] {
        for (i, (keys, n)) in keys_of.iter().enumerate() {
            for &t in &keys[..*n] {
                keyed_by.add(pass, t, i as u32);
            }
        }
        if pass == Pass::Count {
            keyed_by.allot();
        }
    }
    // The weight of each sentence's terms, computed once per sentence.
    let weights: Vec<f64> = (0..sentences.len()).map(|i| term_weight(terms(i), rarity)).collect();
    // Each sentence's source, compact: the candidate loop below reads it for
    // hundreds of candidates per sentence on large stories.
    let source_of: Vec<usize> = sentences.iter().map(|s| s.source).collect();
    // `met[b] == a`: b is already a candidate of a. `mine[t] == a`: t is
    // one of a's terms. Stamps, so neither is ever cleared.
    let mut met: Vec<u32> = vec![u32::MAX; sentences.len()];
    let mut mine: Vec<u32> = vec![u32::MAX; seg.vocabulary.len()];
    // `done[f] == a`: the cosine of a with the sentences whose first
    // repeat is f is `cosines[f]`, NaN when it is under the threshold.
    let mut done: Vec<u32> = vec![u32::MAX; sentences.len()];
    let mut cosines: Vec<f64> = vec![0.0; sentences.len()];
    let mut pairs = Vec::new();
    let mut others: Vec<u32> = Vec::new();
    for (a, s) in sentences.iter().enumerate() {
        if s.kind == Kind::Heading {
            continue;
        }
        let stamp = a as u32;
        // b > a with a key of a among its terms, or a key of b among a's,
        // each once.
        others.clear();
        let mut meet = |b: u32| {
            if b > stamp && met[b as usize] != stamp {
                met[b as usize] = stamp;
                others.push(b);
            }
        };
        let (keys, n) = &keys_of[a];
        for &t in &keys[..*n] {
            postings.of(t).for_each(&mut meet);
        }
        for &t in terms(a) {
            keyed_by.of(t).for_each(&mut meet);
        }
        for &t in terms(a) {
            mine[t as usize] = stamp;
        }
        let wa = weights[a];
        for &b in &others {
            let b = b as usize;
            if source_of[b] == s.source {
                continue;
            }
            // The cosine is at most sqrt(lighter / heavier) (all shared):
            // skip pairs that cannot reach the threshold (with a margin for
            // rounding, so no pair that could is skipped).
            let wb = weights[b];
            let (lo, hi) = (wa.min(wb), wa.max(wb));
            if lo < hi * threshold * threshold * (1.0 - 1e-9) {
                continue;
            }
            let f = same_terms[b] as usize;
            if done[f] != stamp {
                done[f] = stamp;
                cosines[f] = cosine_at_least(terms(b).iter().copied(), &mine, stamp, rarity, wa, wb, threshold)
                    .unwrap_or(f64::NAN);
            }
            if !cosines[f].is_nan() {
                pairs.push((cosines[f], a, b));
            }
        }
    }
    pairs
}

/// The first `KEYS` of the `terms` (distinct, ascending) that are keys,
/// rarest first, the id breaking ties so the choice is reproducible, and
/// how many there are: what sorting the keys in that order and keeping the
/// first `KEYS` gives, kept in a small sorted array instead. `is_key` is
/// asked only of a term rarer than the keys so far (most terms are not: a
/// filter before the comparison asked it of every term).
fn rarest(terms: impl Iterator<Item = u32>, rarity: &[f64], is_key: impl Fn(u32) -> bool) -> ([u32; KEYS], usize) {
    let mut keys = [0u32; KEYS];
    // The keys' rarities, beside them (not read again from `rarity`, with a
    // bounds check each); a place without a key holds -inf, below every
    // rarity. Rarities are `ln(1 + S / df)` with `df <= S`: at least ln 2,
    // never NaN nor -0.0, so `>` orders them as `total_cmp` does.
    let mut rare = [f64::NEG_INFINITY; KEYS];
    let mut n = 0;
    let mut last = None;
    for t in terms {
        debug_assert!(last < Some(t), "terms ascending");
        last = Some(t);
        let rt = rarity[t as usize];
        // Terms come ascending, so a term is never before an earlier one on
        // a tie: it is rarer than a key only when its rarity is above. Most
        // terms are no rarer than all the keys once there are `KEYS` of
        // them: one comparison, with the last, passes them over (until
        // then the last place holds -inf).
        if rt <= rare[KEYS - 1] || !is_key(t) {
            continue;
        }
        // Inserted from the back, the last key dropped when there are
        // `KEYS` already.
        let mut at = n.min(KEYS - 1);
        n = (n + 1).min(KEYS);
        while at > 0 && rt > rare[at - 1] {
            keys[at] = keys[at - 1];
            rare[at] = rare[at - 1];
            at -= 1;
        }
        keys[at] = t;
        rare[at] = rt;
    }
    (keys, n)
}

/// For each term, a list of sentence indices, all in one array: built in
/// two passes over the same entries, one to count ([`Lists::count`]), then
/// [`Lists::allot`], then one to fill ([`Lists::fill`]).
struct Lists {
    /// Term `t`'s list is `items[start[t]..start[t + 1]]` once filled.
    /// While filling, `start[t + 1]` is where `t`'s next item goes.
    /// (u32: items are fewer than sentences times terms, and half the
    /// bytes of usize to zero, once per term, twice a story.)
    start: Vec<u32>,
    items: Vec<u32>,
}

#[cfg(test)]
#[derive(Clone, Copy, PartialEq)]
enum Pass {
    Count,
    Fill,
}

impl Lists {
    fn counting(terms: usize) -> Lists {
        Lists { start: vec![0; terms + 2], items: Vec::new() }
    }

    /// Counts an item of term `t`'s list (the first pass). Count and fill
    /// are two functions, not one with the pass as an argument: each is
    /// small enough to be inlined in the .wasm, where a call per term cost
    /// more than the work.
    fn count(&mut self, t: u32) {
        self.start[t as usize + 2] += 1;
    }

    /// Puts `i` in term `t`'s list (the second pass, after `allot`).
    fn fill(&mut self, t: u32, i: u32) {
        let at = &mut self.start[t as usize + 1];
        self.items[*at as usize] = i;
        *at += 1;
    }

    #[cfg(test)]
    fn add(&mut self, pass: Pass, t: u32, i: u32) {
        match pass {
            Pass::Count => self.count(t),
            Pass::Fill => self.fill(t, i),
        }
    }

    /// After counting: where each list starts, and room for the items.
    fn allot(&mut self) {
        for k in 2..self.start.len() {
            self.start[k] += self.start[k - 1];
        }
        self.items = vec![0; self.start[self.start.len() - 1] as usize];
    }

    /// Term `t`'s list. Item by item, not as a slice: in the .wasm (opt-level
    /// "z") taking a slice by a range is an out-of-line call, twice per
    /// lookup, and lists are looked up for every term of every sentence
    /// while most hold a few items or none.
    fn of(&self, t: u32) -> impl ExactSizeIterator<Item = u32> + '_ {
        let t = t as usize;
        // The end first: then the start needs no bounds check of its own
        // (natively, where `t + 1` cannot wrap).
        let end = self.start[t + 1] as usize;
        (self.start[t] as usize..end).map(move |k| self.items[k])
    }
}

/// The [`cosine`] of sentence a, whose terms are those `t` with `mine[t] ==
/// a`, and sentence b, whose distinct terms are `b`, when it reaches
/// `threshold`; `None` otherwise. `mine` and `rarity` are per term of the
/// story (`mine` at least as long as `rarity`).
///
/// The shared weight is summed over b's terms in ascending order, the order
/// in which [`cosine`] meets them, so a cosine that is returned is the very
/// same number. The walk stops as soon as the weight of b's terms not yet
/// found missing in a is too little for the threshold (with a margin for
/// rounding far above the sums' error, so no pair that could reach it is
/// dropped).
pub(crate) fn cosine_at_least(
    b: impl IntoIterator<Item = u32>,
    mine: &[u32],
    a: u32,
    rarity: &[f64],
    wa: f64,
    wb: f64,
    threshold: f64,
) -> Option<f64> {
    if wa == 0.0 || wb == 0.0 {
        return (0.0 >= threshold).then_some(0.0);
    }
    // `mine` as long as `rarity` (both are per term): one bounds check per
    // term below, not two.
    let mine = &mine[..rarity.len()];
    let norm = (wa * wb).sqrt();
    let need = threshold * norm - wb * 1e-9;
    let mut shared = 0.0;
    let mut left = wb;
    for t in b {
        let r = rarity[t as usize];
        if mine[t as usize] == a {
            shared += r;
        } else {
            left -= r;
            if left < need {
                return None;
            }
        }
    }
    let sim = shared / norm;
    (sim >= threshold).then_some(sim)
}

/// [`similarity`], given each sentence's [`term_weight`]: only the walk over
/// the shared terms.
#[cfg(test)]
fn cosine(a: &[u32], b: &[u32], rarity: &[f64], wa: f64, wb: f64) -> f64 {
    if wa == 0.0 || wb == 0.0 {
        return 0.0;
    }
    let mut shared = 0.0;
    let mut xs = a.iter().copied().peekable();
    let mut ys = b.iter().copied().peekable();
    while let (Some(&x), Some(&y)) = (xs.peek(), ys.peek()) {
        match x.cmp(&y) {
            std::cmp::Ordering::Equal => {
                shared += rarity[x as usize];
                xs.next();
                ys.next();
            }
            std::cmp::Ordering::Less => {
                xs.next();
            }
            std::cmp::Ordering::Greater => {
                ys.next();
            }
        }
    }
    shared / (wa * wb).sqrt()
}

/// Union-find over sentences where a group never holds two sentences of the
/// same source: one source states a thing once, and a group that took two
/// of its sentences would be chaining different statements together.
///
/// Each root's members are a linked list (`next`, `tail`), joined in one
/// step: no vector of sources per sentence, allocated for every sentence
/// and merged at every union (that was a quarter of merging's cost). Whether
/// two groups share a source is found by stamping one's sources.
struct Groups {
    parent: Vec<u32>,
    /// The member after `i` in its group's list (`u32::MAX`: the last).
    next: Vec<u32>,
    /// For each root: the last member of its list.
    tail: Vec<u32>,
    /// For each root: its number of members.
    size: Vec<u32>,
    /// Each sentence's source.
    source: Vec<u32>,
    /// `mark[s] == stamp`: source `s` is in the group stamped last.
    mark: Vec<u32>,
    stamp: u32,
    skip: Vec<bool>,
}

impl Groups {
    fn new(sentences: &[Sentence]) -> Groups {
        let n = sentences.len() as u32;
        // Sources number fewer than sentences, whose indices are u32.
        let source: Vec<u32> = sentences.iter().map(|s| s.source as u32).collect();
        let sources = source.iter().max().map_or(0, |&s| s as usize + 1);
        Groups {
            parent: (0..n).collect(),
            next: vec![u32::MAX; n as usize],
            tail: (0..n).collect(),
            size: vec![1; n as usize],
            source,
            mark: vec![u32::MAX; sources],
            stamp: 0,
            skip: sentences.iter().map(|s| s.kind == Kind::Heading).collect(),
        }
    }

    fn find(&mut self, i: usize) -> usize {
        let mut i = i as u32;
        while self.parent[i as usize] != i {
            self.parent[i as usize] = self.parent[self.parent[i as usize] as usize];
            i = self.parent[i as usize];
        }
        i as usize
    }

    /// Whether the groups of roots `a` and `b` have no source in common.
    fn disjoint(&mut self, a: usize, b: usize) -> bool {
        // The smaller group's sources are stamped, the larger's looked up.
        let (small, large) = if self.size[a] <= self.size[b] { (a, b) } else { (b, a) };
        let stamp = self.stamp;
        // One stamp per union asked: fewer than the sentences, so never
        // `u32::MAX`, the marks' initial value.
        self.stamp += 1;
        let mut m = small as u32;
        while m != u32::MAX {
            self.mark[self.source[m as usize] as usize] = stamp;
            m = self.next[m as usize];
        }
        let mut m = large as u32;
        while m != u32::MAX {
            if self.mark[self.source[m as usize] as usize] == stamp {
                return false;
            }
            m = self.next[m as usize];
        }
        true
    }

    /// Joins the groups of `a` and `b` unless a source would be in both.
    fn union(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb || !self.disjoint(ra, rb) {
            return false;
        }
        // The smaller index stays root, so groups do not depend on the order
        // of the unions.
        let (root, child) = (ra.min(rb), ra.max(rb));
        self.next[self.tail[root] as usize] = child as u32;
        self.tail[root] = self.tail[child];
        self.size[root] += self.size[child];
        self.parent[child] = root as u32;
        true
    }

    fn into_groups(mut self) -> Grouped {
        // A root is its group's first sentence (the smaller index stays
        // root), so groups are laid out in order of their first sentence,
        // each at its size, when their root is met. `at[root]`: where the
        // group's next member goes.
        let n = self.parent.len();
        let mut at: Vec<u32> = vec![0; n];
        let mut ends: Vec<usize> = vec![0];
        let mut total = 0;
        let mut members: Vec<usize> = vec![0; (0..n).filter(|&i| !self.skip[i]).count()];
        for i in 0..n {
            if self.skip[i] {
                continue;
            }
            let root = self.find(i);
            // Headings are never joined (every caller of `union` skips
            // them): a skipped root would leave its group no place.
            debug_assert!(!self.skip[root], "a heading joined into a group");
            if root == i {
                at[i] = total as u32;
                total += self.size[i] as usize;
                ends.push(total);
            }
            members[at[root] as usize] = i;
            at[root] += 1;
        }
        Grouped { members, ends }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::document::{Block, BlockKind, Document};
    use crate::score::{rarity, term_stats};
    use crate::segment::segment;

    /// Each source is a list of paragraphs.
    fn groups_of(sources: &[&[&str]]) -> (Segmented, Vec<Vec<usize>>) {
        let docs: Vec<Document> = sources
            .iter()
            .map(|paragraphs| {
                let text = paragraphs.join("\n\n");
                let mut blocks = Vec::new();
                let mut at = 0;
                for p in paragraphs.iter() {
                    blocks.push(Block { range: at..at + p.len(), kind: BlockKind::Paragraph });
                    at += p.len() + 2;
                }
                Document { text, blocks, ..Document::default() }
            })
            .collect();
        let seg = segment(&docs);
        let r = rarity(&term_stats(&seg, Config::default().headline_weight));
        let groups = merge(&seg, &r, 0.6).to_vecs();
        (seg, groups)
    }

    fn merged(seg: &Segmented, groups: &[Vec<usize>], a: usize, b: usize) -> bool {
        let _ = seg;
        groups.iter().any(|g| g.contains(&a) && g.contains(&b))
    }

    const FILLER: &[&str] = &[
        "The Biden administration last year publicized satellite imagery of the sales.",
        "North Korea has denied it has provided Russia artillery.",
        "Kirby said further sanctions against Iran and Russia could be coming.",
        "The new allegations come as Biden is headed to Hiroshima for the summit.",
    ];

    #[test]
    fn rewordings_of_one_statement_merge() {
        let a = [&[
            "The White House on Monday said Russia is looking to buy additional advanced attack drones from Iran for use in its war against Ukraine after using up most of the 400 drones it had previously purchased from Tehran.",
        ][..], FILLER].concat();
        let b = [&[
            "The White House said on Monday that Russia is seeking to purchase additional advanced attack drones from Iran to aid its ongoing war against Ukraine.",
        ][..], &FILLER[..1]].concat();
        let (seg, groups) = groups_of(&[&a, &b]);
        let first_b = seg.sentences.iter().position(|s| s.source == 1).unwrap();
        assert!(merged(&seg, &groups, 0, first_b), "{groups:?}");
    }

    #[test]
    fn other_quote_marks_and_a_dropped_clause_still_merge() {
        let a = [
            "\"Russia has expended most of these UAVs, using them to target Ukrainian critical infrastructure inside Ukraine,\" Kirby told reporters at the White House.",
        ];
        let b = [
            "“Russia has expended most of these UAVs, using them to target Ukrainian critical infrastructure inside Ukraine,” Kirby said.",
        ];
        let (seg, groups) = groups_of(&[&a, &b]);
        assert!(merged(&seg, &groups, 0, 1), "{groups:?}");
    }

    #[test]
    fn sentences_that_only_share_topic_words_stay_apart() {
        let a = [
            "Iran has said it provided drones to Russia prior to the start of the war, but not since.",
            FILLER[0],
            FILLER[2],
        ];
        let b = [
            "U.S. officials say Iran has also provided Russia with artillery and tank rounds for its invasion of Ukraine.",
            FILLER[1],
            FILLER[3],
        ];
        let (seg, groups) = groups_of(&[&a, &b]);
        let first_b = seg.sentences.iter().position(|s| s.source == 1).unwrap();
        assert!(!merged(&seg, &groups, 0, first_b), "{groups:?}");
    }

    #[test]
    fn a_source_never_supports_a_group_twice() {
        let a = [
            "Iran sold hundreds of Shahed drones to Russia last year.",
            "Iran sold hundreds of Shahed drones to Russia last year, officials said.",
        ];
        let b = ["Iran sold hundreds of Shahed drones to Russia last year."];
        let (seg, groups) = groups_of(&[&a, &b]);
        for g in &groups {
            let mut sources: Vec<_> = g.iter().map(|&i| seg.sentences[i].source).collect();
            sources.dedup();
            assert_eq!(sources.len(), g.len(), "{groups:?}");
        }
        assert_eq!(groups.iter().map(Vec::len).sum::<usize>(), 3);
    }

    #[test]
    fn copies_of_a_source_merge_as_the_source_does() {
        // b and its verbatim copy c meet each sentence of a through one
        // shared cosine per sentence: the copies must land where b's do.
        let a = [
            "The White House on Monday said Russia is looking to buy additional advanced attack drones from Iran for use in its war against Ukraine after using up most of the 400 drones it had previously purchased from Tehran.",
            "\"Russia has expended most of these UAVs, using them to target Ukrainian critical infrastructure inside Ukraine,\" Kirby told reporters at the White House.",
            FILLER[0],
        ];
        let b = [
            "“Russia has expended most of these UAVs, using them to target Ukrainian critical infrastructure inside Ukraine,” Kirby said.",
            "The White House said on Monday that Russia is seeking to purchase additional advanced attack drones from Iran to aid its ongoing war against Ukraine.",
            FILLER[1],
        ];
        // and a sentence that shares a's rare terms without saying the same,
        // met after b's: it must not take b's cosine.
        let d = [
            "Tehran said on Monday that it had purchased 400 tractors and additional farm equipment from Ukraine for use in its agriculture programs across the country.",
        ];
        let (seg, groups) = groups_of(&[&a, &b, &b, &d]);
        let of = |source: usize, k: usize| {
            seg.sentences.iter().enumerate().filter(|(_, s)| s.source == source).nth(k).map(|(i, _)| i).unwrap()
        };
        for (x, y) in [(0, 1), (1, 0)] {
            assert!(merged(&seg, &groups, of(0, x), of(1, y)), "{groups:?}");
            assert!(merged(&seg, &groups, of(0, x), of(2, y)), "{groups:?}");
        }
        assert!(!merged(&seg, &groups, of(0, 2), of(1, 2)), "{groups:?}");
        assert!(merged(&seg, &groups, of(1, 2), of(2, 2)), "{groups:?}");
        let r = rarity(&term_stats(&seg, Config::default().headline_weight));
        assert!(similarity(&seg, of(0, 0), of(3, 0), &r) < 0.6);
        assert!(groups.iter().any(|g| g == &[of(3, 0)]), "{groups:?}");
    }

    #[test]
    fn a_thousand_identical_sources_form_one_group() {
        let text = ["Iran has provided Russia with more than 400 UAVs primarily of the Shahed variety."];
        let sources: Vec<&[&str]> = vec![&text[..]; 1000];
        let (_, groups) = groups_of(&sources);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].len(), 1000);
    }

    #[test]
    fn the_bounded_cosine_is_the_similarity_when_it_reaches_the_threshold() {
        let a = [
            "The White House on Monday said Russia is looking to buy additional advanced attack drones from Iran.",
            "Russia has expended most of these UAVs, using them to target Ukrainian critical infrastructure.",
            "Iran sold hundreds of Shahed drones to Russia last year.",
        ];
        let b = [
            "The White House said on Monday that Russia is seeking to purchase additional attack drones from Iran.",
            "Russia has expended most of these UAVs, Kirby said.",
            "Iran sold hundreds of Shahed drones to Russia last year, officials said.",
        ];
        let (seg, _) = groups_of(&[&[&a[..], FILLER].concat(), &[&b[..], &FILLER[1..]].concat()]);
        let r = rarity(&term_stats(&seg, Config::default().headline_weight));
        let s = &seg.sentences;
        let mut mine = vec![u32::MAX; r.len()];
        let mut checked = 0;
        for x in 0..s.len() {
            for &t in seg.distinct_terms(x) {
                mine[t as usize] = x as u32;
            }
            for y in 0..s.len() {
                let sim = similarity(&seg, x, y, &r);
                let (wx, wy) = (term_weight(seg.distinct_terms(x), &r), term_weight(seg.distinct_terms(y), &r));
                for threshold in [1e-6, 0.1, 0.3, 0.5, 0.6, 0.9, 1.0, sim, sim + 1e-12] {
                    let distinct = seg.distinct_terms(y).iter().copied();
                    let bounded = cosine_at_least(distinct, &mine, x as u32, &r, wx, wy, threshold);
                    assert_eq!(bounded, (sim >= threshold).then_some(sim), "{x} {y} at {threshold}");
                    checked += usize::from(bounded.is_some());
                }
            }
        }
        assert!(checked > 2 * s.len(), "{checked}");
    }

    /// Sentences that share rare terms in many ways: rewordings, a clause
    /// more or less, and a heading.
    const POOL: &[&str] = &[
        "Iran sold hundreds of Shahed drones to Russia last year.",
        "Iran sold hundreds of Shahed drones to Russia last year, officials said.",
        "Russia bought hundreds of Shahed drones from Iran.",
        "The White House said Russia wants more attack drones from Iran.",
        "The White House on Monday said Russia is looking to buy more attack drones from Iran.",
        "Kirby said further sanctions against Iran and Russia could be coming.",
        "Kirby said sanctions could be coming.",
        "North Korea has denied it has provided Russia artillery.",
        "Drones from Iran",
        FILLER[0],
        FILLER[3],
    ];

    /// A story of sources made of `POOL`'s sentences (a heading where
    /// `heading` says), and what merging hands [`alike_pairs`]: the
    /// segmentation, the rarities and each sentence's first word-for-word
    /// repeat.
    fn pool_story(sources: &[Vec<(usize, bool)>]) -> (Segmented, Vec<f64>, Vec<u32>) {
        let docs: Vec<Document> = sources
            .iter()
            .map(|picks| {
                let mut text = String::new();
                let mut blocks = Vec::new();
                for &(p, heading) in picks {
                    let at = text.len();
                    text.push_str(POOL[p]);
                    let kind = if heading { BlockKind::Heading } else { BlockKind::Paragraph };
                    blocks.push(Block { range: at..text.len(), kind });
                    text.push_str("\n\n");
                }
                Document { text, blocks, ..Document::default() }
            })
            .collect();
        let seg = segment(&docs);
        let r = rarity(&term_stats(&seg, Config::default().headline_weight));
        let mut first: std::collections::HashMap<&[u32], u32> = std::collections::HashMap::new();
        let same_terms = (0..seg.sentences.len())
            .map(|i| {
                let terms = seg.terms(i);
                if seg.sentences[i].kind == Kind::Heading || terms.is_empty() {
                    i as u32
                } else {
                    *first.entry(terms).or_insert(i as u32)
                }
            })
            .collect();
        (seg, r, same_terms)
    }

    /// [`alike_pairs`] and its reference, each in (a, b) order.
    fn both_pairs(sources: &[Vec<(usize, bool)>], threshold: f64) -> [Vec<(f64, usize, usize)>; 2] {
        let (seg, r, same_terms) = pool_story(sources);
        [alike_pairs(&seg, &r, threshold, &same_terms), alike_pairs_by_sentence(&seg, &r, threshold, &same_terms)].map(
            |mut pairs| {
                pairs.sort_by_key(|&(_, a, b)| (a, b));
                pairs
            },
        )
    }

    #[test]
    fn copies_take_their_firsts_pairs() {
        // Source 1 repeats source 0's first sentence, whose rewording stands
        // in source 0 (no pair: one source) and in source 2: the copy pairs
        // with source 0's rewording and with source 2's.
        let sources =
            [vec![(0, false), (1, false), (5, false)], vec![(0, false), (7, false)], vec![(1, false), (0, false)]];
        let [pairs, reference] = both_pairs(&sources, 0.6);
        assert_eq!(pairs, reference);
        let (seg, _, _) = pool_story(&sources);
        let at = |source: usize, k: usize| {
            seg.sentences.iter().enumerate().filter(|(_, s)| s.source == source).nth(k).map(|(i, _)| i).unwrap()
        };
        for (a, b) in [(at(0, 0), at(1, 0)), (at(0, 1), at(1, 0)), (at(1, 0), at(2, 0)), (at(1, 0), at(2, 1))] {
            assert!(pairs.iter().any(|&(_, x, y)| (x, y) == (a, b)), "{a} {b}: {pairs:?}");
        }
        assert!(!pairs.iter().any(|&(_, x, y)| (x, y) == (at(0, 0), at(0, 1))), "{pairs:?}");
    }

    #[test]
    fn many_sources_with_topic_words_give_the_pairs_of_the_reference() {
        // Over 200 sentences with the same terms: they are no keys.
        let sources: Vec<Vec<(usize, bool)>> =
            (0..230).map(|k| vec![(k % 3, false), (3 + k % 5, k % 7 == 0), (8 + k % 3, false)]).collect();
        for threshold in [0.3, 0.6, 0.9] {
            let [pairs, reference] = both_pairs(&sources, threshold);
            assert_eq!(pairs, reference, "at {threshold}");
        }
    }

    proptest::proptest! {
        // Few distinct rarities, so that ties (broken by id) are common.
        #[test]
        fn the_rarest_keys_are_the_first_of_the_sorted_terms(
            rarity_class in proptest::collection::vec(0u8..5, 1..40),
            take in proptest::collection::vec(proptest::bool::ANY, 40),
            key in proptest::collection::vec(proptest::bool::weighted(0.7), 40),
        ) {
            let rarity: Vec<f64> = rarity_class.iter().map(|&c| f64::from(c) * 0.7).collect();
            let terms: Vec<u32> = (0..rarity.len() as u32).filter(|&t| take[t as usize]).collect();
            // The keys among them, sorted: what a filter before `rarest` gave.
            let mut sorted: Vec<u32> = terms.iter().copied().filter(|&t| key[t as usize]).collect();
            sorted.sort_by(|&x, &y| rarity[y as usize].total_cmp(&rarity[x as usize]).then(x.cmp(&y)));
            sorted.truncate(KEYS);
            let (keys, n) = rarest(terms.iter().copied(), &rarity, |t| key[t as usize]);
            proptest::prop_assert_eq!(&keys[..n], &sorted[..]);
        }

        // Sources of the pool's sentences, so that many sentences repeat
        // others word for word, in the same source and in others.
        #[test]
        fn the_pairs_are_those_of_the_reference(
            sources in proptest::collection::vec(
                proptest::collection::vec((0..POOL.len(), proptest::bool::weighted(0.1)), 1..6),
                1..7,
            ),
            threshold in proptest::sample::select(vec![0.2, 0.4, 0.6, 0.8, 1.0]),
        ) {
            let [pairs, reference] = both_pairs(&sources, threshold);
            proptest::prop_assert_eq!(pairs, reference);
        }
    }

    /// The union-find as it was, with each root's sources in a sorted
    /// vector: the reference [`Groups`] is tested against.
    fn groups_by_source_lists(sources: &[usize], unions: &[(usize, usize)]) -> Vec<Vec<usize>> {
        let mut parent: Vec<usize> = (0..sources.len()).collect();
        let mut lists: Vec<Vec<usize>> = sources.iter().map(|&s| vec![s]).collect();
        fn find(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                i = parent[i];
            }
            i
        }
        for &(a, b) in unions {
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
            if ra == rb || lists[ra].iter().any(|s| lists[rb].contains(s)) {
                continue;
            }
            let (root, child) = (ra.min(rb), ra.max(rb));
            let moved = std::mem::take(&mut lists[child]);
            lists[root].extend(moved);
            lists[root].sort_unstable();
            parent[child] = root;
        }
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut index_of_root = vec![usize::MAX; sources.len()];
        for i in 0..sources.len() {
            let root = find(&mut parent, i);
            if index_of_root[root] == usize::MAX {
                index_of_root[root] = groups.len();
                groups.push(Vec::new());
            }
            groups[index_of_root[root]].push(i);
        }
        groups
    }

    proptest::proptest! {
        // Few sources, so that many unions are refused for a shared source.
        #[test]
        fn groups_are_those_of_sorted_source_lists(
            sources in proptest::collection::vec(0usize..5, 1..40),
            unions in proptest::collection::vec((0usize..40, 0usize..40), 0..80),
        ) {
            let n = sources.len();
            let unions: Vec<(usize, usize)> = unions.into_iter().map(|(a, b)| (a % n, b % n)).collect();
            let sentences: Vec<Sentence> = sources
                .iter()
                .map(|&source| Sentence { source, span: 0..0, position: 0, kind: Kind::Sentence, words: 1 })
                .collect();
            let mut groups = Groups::new(&sentences);
            for &(a, b) in &unions {
                groups.union(a, b);
            }
            proptest::prop_assert_eq!(groups.into_groups().to_vecs(), groups_by_source_lists(&sources, &unions));
        }
    }

    #[test]
    fn similarity_is_one_for_the_same_terms_and_zero_for_none() {
        let (seg, _) = groups_of(&[&["Drones struck Kyiv overnight."], &["Talks resumed in Geneva today."]]);
        let r = rarity(&term_stats(&seg, Config::default().headline_weight));
        assert!((similarity(&seg, 0, 0, &r) - 1.0).abs() < 1e-12);
        assert_eq!(similarity(&seg, 0, 1, &r), 0.0);
    }
}
