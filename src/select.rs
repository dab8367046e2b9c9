//! Stage 5: selection. The best statements that fit the budget, none saying
//! what another already says, in reading order.

use crate::config::Config;
use crate::merge::similarity;
use crate::score::{content, ln};
use crate::segment::{Kind, Segmented};

/// A statement picked for the digest.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Chosen {
    /// Its variants, sentence indices in story order, one per source.
    pub members: Vec<usize>,
    /// The best-worded variant.
    pub representative: usize,
    pub score: f64,
}

/// Sentences longer than this read worse the longer they get.
const READABLE_WORDS: f64 = 40.0;

/// Picks entries greedily by score under the budget, skipping any that is
/// too like one already picked, then puts them in reading order.
pub(crate) fn select(
    seg: &Segmented,
    groups: Vec<Vec<usize>>,
    scores: &[f64],
    centroid: &[f64],
    rarity: &[f64],
    config: &Config,
) -> Vec<Chosen> {
    let sentences = &seg.sentences;
    let mut candidates: Vec<Chosen> = groups
        .into_iter()
        .map(|members| {
            let representative = best_worded(seg, &members, centroid);
            let best = members.iter().map(|&m| scores[m]).fold(0.0, f64::max);
            let support = 1.0 + config.support_weight * ln(members.len() as f64);
            Chosen { representative, score: best * support, members }
        })
        .collect();

    let story_words: usize = candidates.iter().map(|c| sentences[c.representative].words).sum();
    let ratio_words = config.budget.ratio.map(|r| (r * story_words as f64).ceil() as usize);
    let max_words = match (config.budget.words, ratio_words) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let max_entries = config.budget.sentences.unwrap_or(usize::MAX);

    candidates.retain(|c| {
        let s = &sentences[c.representative];
        s.kind != Kind::Heading && (config.min_words..=config.max_entry_words).contains(&s.words) && c.score > 0.0
    });
    // Best first; ties go to the statement that comes first in the story, so
    // the pick never depends on anything but the input.
    candidates.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.members[0].cmp(&b.members[0])));

    let mut chosen: Vec<Chosen> = Vec::new();
    let mut words = 0;
    for c in candidates {
        if chosen.len() >= max_entries {
            break;
        }
        let w = sentences[c.representative].words;
        if max_words.is_some_and(|max| words + w > max) {
            continue;
        }
        if chosen.iter().any(|p| alike(seg, p, &c, rarity) >= config.redundancy_threshold) {
            continue;
        }
        words += w;
        chosen.push(c);
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
    chosen.sort_by(|a, b| place(a).total_cmp(&place(b)).then(a.members[0].cmp(&b.members[0])));
    chosen
}

/// The variant that says the most of the story in the fewest words, with
/// final punctuation preferred; the earliest in the story on a tie.
fn best_worded(seg: &Segmented, members: &[usize], centroid: &[f64]) -> usize {
    let quality = |m: usize| {
        let s = &seg.sentences[m];
        let kind = if s.kind == Kind::Sentence { 1.0 } else { 0.5 };
        let length = (READABLE_WORDS / s.words.max(1) as f64).min(1.0);
        content(s, centroid) * kind * length
    };
    let mut best = members[0];
    let mut best_quality = quality(best);
    for &m in &members[1..] {
        let q = quality(m);
        if q > best_quality {
            best = m;
            best_quality = q;
        }
    }
    best
}

/// How alike two statements are: the most alike of each one's best wording
/// against every variant of the other.
fn alike(seg: &Segmented, a: &Chosen, b: &Chosen, rarity: &[f64]) -> f64 {
    let s = &seg.sentences;
    let one_way = |x: &Chosen, y: &Chosen| {
        y.members.iter().map(|&m| similarity(&s[x.representative], &s[m], rarity)).fold(0.0, f64::max)
    };
    one_way(a, b).max(one_way(b, a))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Budget;
    use crate::document::{Block, BlockKind, Document};
    use crate::merge::merge;
    use crate::score::{centroid, rarity, scores, term_stats};
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
        let stats = term_stats(&seg);
        let (c, r) = (centroid(&stats), rarity(&stats));
        let s = scores(&seg, &c, config);
        let groups = merge(&seg, &r, config.merge_threshold);
        let chosen = select(&seg, groups, &s, &c, &r, config);
        (seg, chosen)
    }

    const STORY: &str = "Russia wants to buy more attack drones from Iran, the White House said on Monday. \
        Iran has sold hundreds of attack drones to Russia since August, officials said. \
        The drones have been used against power plants across Ukraine this winter. \
        Officials also said Iran wants Russian fighter jets and attack helicopters in return. \
        The White House plans new sanctions on companies that ship drone parts to Iran. \
        Kirby spoke to reporters at the White House briefing on Monday afternoon.";

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
}
