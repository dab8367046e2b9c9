//! Properties that hold for any story: entries are verbatim, the budget is
//! never exceeded, the order of the sources does not matter, and no input
//! makes the engine panic.

use newsdigest::{Budget, Config, Digest, Source, WordLimit, summarize};
use proptest::prelude::*;

/// Paragraphs of the sample story, the material the stories below are built of.
fn paragraphs() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths
        .iter()
        .flat_map(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .split('\n')
                .map(str::trim)
                .filter(|l| l.len() > 40)
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// A story of 1 to 5 sources, each 1 to 12 paragraphs of the seeds.
fn story() -> impl Strategy<Value = Vec<String>> {
    let n = paragraphs().len();
    prop::collection::vec(prop::collection::vec(0..n, 1..12), 1..6).prop_map(move |sources| {
        let all = paragraphs();
        sources.iter().map(|idx| idx.iter().map(|&i| all[i].as_str()).collect::<Vec<_>>().join("\n\n")).collect()
    })
}

fn budget() -> impl Strategy<Value = Budget> {
    prop_oneof![
        (1usize..15).prop_map(Budget::sentences),
        (1usize..400).prop_map(Budget::words),
        (0.01f64..=1.0).prop_map(Budget::ratio),
        ((1usize..10), (1usize..200)).prop_map(|(s, w)| Budget { sentences: Some(s), words: Some(w), ratio: None }),
    ]
}

fn sources_of(texts: &[String]) -> Vec<Source> {
    texts.iter().enumerate().map(|(i, t)| Source::text(format!("s{i}.txt"), t.as_str())).collect()
}

fn word_count(s: &str) -> usize {
    unicode_segmentation::UnicodeSegmentation::unicode_words(s).count()
}

/// The digest, or `None` when cleaning left no source with text (a story
/// built only of junk paragraphs), the one error a valid config may give.
fn digest(sources: &[Source], config: &Config) -> Option<Digest> {
    match summarize(sources, config) {
        Ok(d) => Some(d),
        Err(e) if e.to_string().starts_with("no source has usable text") => None,
        Err(e) => panic!("unexpected error: {e}"),
    }
}

fn digest_words(d: &Digest) -> usize {
    d.sentences.iter().map(|e| word_count(&e.text)).sum()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn entries_are_verbatim_at_their_spans(texts in story()) {
        let Some(d) = digest(&sources_of(&texts), &Config::default()) else { return Ok(()) };
        for e in &d.sentences {
            prop_assert!(texts[e.source].contains(&e.text));
            for v in &e.variants {
                prop_assert_eq!(&texts[v.source][v.span.start..v.span.end], v.text.as_str());
            }
        }
    }

    #[test]
    fn the_budget_is_never_exceeded(texts in story(), budget in budget()) {
        let config = Config { budget, ..Config::default() };
        let Some(d) = digest(&sources_of(&texts), &config) else { return Ok(()) };
        if let Some(max) = budget.sentences {
            prop_assert!(d.sentences.len() <= max);
        }
        if let Some(max) = budget.words {
            prop_assert!(digest_words(&d) <= max, "{} words > {}", digest_words(&d), max);
        }
    }

    #[test]
    fn a_word_target_is_the_hard_limit_digest_plus_at_most_one_entry(texts in story(), max in 1usize..400) {
        let sources = sources_of(&texts);
        let hard = Config { budget: Budget::words(max), ..Config::default() };
        let target = Config { word_limit: WordLimit::Target, ..hard.clone() };
        let (Some(h), Some(t)) = (digest(&sources, &hard), digest(&sources, &target)) else { return Ok(()) };
        let kept: Vec<&str> = h.sentences.iter().map(|e| e.text.as_str()).collect();
        let added: Vec<&str> = t.sentences.iter().map(|e| e.text.as_str()).filter(|x| !kept.contains(x)).collect();
        prop_assert!(added.len() <= 1, "{:?}", added);
        prop_assert_eq!(t.sentences.len(), h.sentences.len() + added.len());
        if let Some(last) = added.first() {
            // Added only when the hard digest is short of the target, and
            // it runs past the target by less than itself.
            prop_assert!(digest_words(&h) < max);
            prop_assert!(digest_words(&t) - word_count(last) < max);
        }
    }

    #[test]
    fn shuffling_the_sources_gives_the_same_digest(texts in story(), seed in any::<u64>()) {
        let sources = sources_of(&texts);
        let mut order: Vec<usize> = (0..sources.len()).collect();
        // A Fisher-Yates shuffle driven by the seed.
        let mut state = seed | 1;
        for i in (1..order.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            order.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let shuffled: Vec<Source> = order.iter().map(|&i| sources[i].clone()).collect();
        let a = digest(&sources, &Config::default());
        let b = digest(&shuffled, &Config::default());
        prop_assert_eq!(a.is_some(), b.is_some());
        let (Some(a), Some(b)) = (a, b) else { return Ok(()) };
        prop_assert_eq!(a.title, b.title);
        prop_assert_eq!(a.sentences.len(), b.sentences.len());
        for (x, y) in a.sentences.iter().zip(&b.sentences) {
            prop_assert_eq!(&x.text, &y.text);
            prop_assert_eq!(x.score, y.score);
            let mut mapped: Vec<usize> = y.sources.iter().map(|&s| order[s]).collect();
            mapped.sort();
            prop_assert_eq!(&x.sources, &mapped);
        }
        for (i, info) in b.sources.iter().enumerate() {
            prop_assert_eq!(&a.sources[order[i]], info);
        }
    }

    #[test]
    fn arbitrary_unicode_never_panics(texts in prop::collection::vec(any::<String>(), 1..4), budget in budget()) {
        let sources = sources_of(&texts);
        let config = Config { budget, ..Config::default() };
        if let Ok(d) = summarize(&sources, &config) {
            for e in &d.sentences {
                prop_assert!(texts[e.source].contains(&e.text));
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(files in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..300), 1..4)) {
        let sources: Vec<Source> = files.iter().enumerate().map(|(i, b)| Source::bytes(format!("f{i}"), b.clone())).collect();
        let _ = summarize(&sources, &Config::default());
    }
}
