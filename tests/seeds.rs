//! End to end on the sample story in seeds/: five real scraped articles.

use std::collections::BTreeSet;

use newsdigest::{Config, Digest, Source, summarize};

fn seeds() -> Vec<Source> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths.iter().map(|p| Source::bytes(p.file_name().unwrap().to_string_lossy(), std::fs::read(p).unwrap())).collect()
}

fn digest() -> (Vec<Source>, Digest) {
    let sources = seeds();
    let digest = summarize(&sources, &Config::default()).unwrap();
    (sources, digest)
}

/// The text of a source as spans see it (the seeds are UTF-8 text files).
fn text_of(source: &Source) -> String {
    let path = format!("{}/seeds/{}", env!("CARGO_MANIFEST_DIR"), source.name());
    std::fs::read_to_string(path).unwrap()
}

/// Lower-cased words, a measure of what a sentence says that is
/// independent of the engine's own terms and weights.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// Share of the shorter side's items found in the other.
fn overlap<T: Ord>(a: BTreeSet<T>, b: BTreeSet<T>) -> f64 {
    a.intersection(&b).count() as f64 / a.len().min(b.len()).max(1) as f64
}

/// Two sentences paraphrase each other when they share their phrasing (word
/// pairs) or nearly all their content words; sharing the story's topic
/// words ("Iran", "Russia", "drones") is not enough.
fn paraphrase(a: &str, b: &str) -> bool {
    let (wa, wb) = (words(a), words(b));
    let pairs = |w: &[String]| w.windows(2).map(|p| p.join(" ")).collect::<BTreeSet<_>>();
    let long = |w: &[String]| w.iter().filter(|w| w.chars().count() >= 4).cloned().collect::<BTreeSet<_>>();
    overlap(pairs(&wa), pairs(&wb)) >= 0.35 || overlap(long(&wa), long(&wb)) >= 0.8
}

#[test]
fn the_paraphrase_measure_knows_a_paraphrase_from_a_topic_match() {
    let ap = "The White House on Monday said Russia is looking to buy additional advanced attack drones from Iran \
        for use in its war against Ukraine after using up most of the 400 drones it had previously purchased from Tehran.";
    let benzinga = "The White House said on Monday that Russia is seeking to purchase additional advanced attack drones \
        from Iran to aid its ongoing war against Ukraine.";
    let denial = "Iran has said it provided drones to Russia prior to the start of the war, but not since.";
    assert!(paraphrase(ap, benzinga));
    assert!(!paraphrase(ap, denial));
}

#[test]
fn the_default_digest_has_about_seven_sentences() {
    let (_, d) = digest();
    assert!((5..=7).contains(&d.sentences.len()), "{} entries", d.sentences.len());
}

#[test]
fn the_400_uavs_are_stated_once_with_three_sources() {
    let (_, d) = digest();
    let hits: Vec<_> = d.sentences.iter().filter(|e| e.text.contains("400 UAVs")).collect();
    assert_eq!(hits.len(), 1, "{:#?}", d.sentences.iter().map(|e| &e.text).collect::<Vec<_>>());
    for s in [0, 1, 2] {
        assert!(hits[0].sources.contains(&s), "sources {:?}", hits[0].sources);
    }
}

#[test]
fn every_entry_is_verbatim_and_every_listed_source_holds_a_variant() {
    let (sources, d) = digest();
    let texts: Vec<String> = sources.iter().map(text_of).collect();
    for e in &d.sentences {
        assert!(e.sources.contains(&e.source));
        assert!(texts[e.source].contains(&e.text), "not in its source: {}", e.text);
        let variant_sources: Vec<usize> = e.variants.iter().map(|v| v.source).collect();
        assert_eq!(variant_sources, e.sources);
        for v in &e.variants {
            assert_eq!(&texts[v.source][v.span.start..v.span.end], v.text, "span of a variant");
        }
        assert!(e.variants.iter().any(|v| v.text == e.text));
    }
}

#[test]
fn no_two_entries_paraphrase_each_other() {
    let (_, d) = digest();
    for (i, a) in d.sentences.iter().enumerate() {
        for b in &d.sentences[i + 1..] {
            assert!(!paraphrase(&a.text, &b.text), "paraphrases:\n  {}\n  {}", a.text, b.text);
        }
    }
}

#[test]
fn every_source_is_reported_and_used_counts_add_up() {
    let (sources, d) = digest();
    assert_eq!(d.sources.len(), sources.len());
    for (i, info) in d.sources.iter().enumerate() {
        assert_eq!(info.name, sources[i].name());
        assert_eq!(info.error, None);
        assert_eq!(info.language.as_deref(), Some("en"));
        assert!(info.sentences > 0 && info.words > info.sentences);
        assert_eq!(info.used, d.sentences.iter().filter(|e| e.sources.contains(&i)).count());
    }
}

#[test]
fn the_seeds_in_reverse_order_give_the_same_digest() {
    let (sources, d) = digest();
    let mut reversed = sources.clone();
    reversed.reverse();
    let r = summarize(&reversed, &Config::default()).unwrap();
    let n = sources.len();
    let flip = |i: usize| n - 1 - i;
    assert_eq!(r.sentences.len(), d.sentences.len());
    for (a, b) in d.sentences.iter().zip(&r.sentences) {
        assert_eq!(a.text, b.text);
        assert_eq!(a.score, b.score);
        let mut flipped: Vec<usize> = b.sources.iter().map(|&s| flip(s)).collect();
        flipped.sort();
        assert_eq!(a.sources, flipped);
    }
}

#[test]
fn the_title_is_the_headline_of_the_story_the_digest_tells() {
    let (_, d) = digest();
    // 003 (August 2022) and 004 (January 2023) have headlines too, about
    // older turns of the story; 001's is the one the digest follows.
    assert_eq!(
        d.title.as_deref(),
        Some("White House: Russia looks to purchase more attack drones from Iran after depleting stockpile")
    );
    assert_eq!(d.sources[1].title, d.title);
}

#[test]
fn the_2022_source_is_flagged_as_older_than_the_story() {
    let (_, d) = digest();
    assert_eq!(d.date.as_deref(), Some("2023-05-16"));
    let dates: Vec<_> = d.sources.iter().map(|s| s.date.as_deref()).collect();
    assert_eq!(dates, [Some("2023-05-16"), None, None, Some("2022-08-31"), Some("2023-01-17")]);
    assert!(d.sources[3].stale, "003 is from August 2022");
    assert!(!d.sources[0].stale && !d.sources[1].stale && !d.sources[2].stale);
}

#[test]
fn prepared_sources_give_summarizes_digest() {
    use newsdigest::{Budget, Prepared, summarize_prepared};
    let mut sources = seeds();
    sources.push(Source::text("empty.txt", ""));
    sources.push(Source::bytes("junk.txt", vec![0u8, 159, 146, 150, 0, 1, 2]));
    let prepared: Vec<Prepared> = sources.iter().cloned().map(Prepared::new).collect();
    for (source, p) in sources.iter().zip(&prepared) {
        let cleaned = newsdigest::clean(source, &Config::default()).map_err(|e| e.to_string());
        assert_eq!(p.cleaned().map_err(|e| e.to_string()), cleaned, "{}", source.name());
    }
    let budgets = [Budget::default(), Budget::sentences(2), Budget::words(40), Budget::ratio(0.3)];
    for budget in budgets {
        let config = Config { budget, ..Config::default() };
        assert_eq!(summarize_prepared(&prepared, &config).unwrap(), summarize(&sources, &config).unwrap());
    }
    // The summary's own limits, not those of the cleaning: the second seed
    // (and any larger) over the size limit, the story's limit reached.
    let max = std::fs::metadata(format!("{}/seeds/{}", env!("CARGO_MANIFEST_DIR"), sources[1].name())).unwrap().len();
    let small = Config { max_source_bytes: max as usize - 1, max_story_bytes: 3 * max as usize, ..Config::default() };
    let reversed: Vec<&Prepared> = prepared.iter().rev().collect();
    let reversed_sources: Vec<Source> = sources.iter().rev().cloned().collect();
    assert_eq!(summarize_prepared(reversed, &small).unwrap(), summarize(&reversed_sources, &small).unwrap());
    assert_eq!(summarize_prepared(&prepared, &small).unwrap(), summarize(&sources, &small).unwrap());
}
