//! newsdigest: one short digest from several articles about one story.
//!
//! Give it the articles of one story from different outlets; it returns the
//! key statements, each verbatim from a source, near-duplicates merged into
//! one entry that lists every source reporting it, in reading order, under a
//! length budget.
//!
//! ```
//! use newsdigest::{summarize, Budget, Config, Source};
//!
//! let sources = [
//!     Source::text("a.txt", "Iran has sold hundreds of attack drones to Russia, officials said on Monday. \
//!         The drones were used against power plants in Ukraine."),
//!     Source::text("b.txt", "Officials said on Monday that Iran has sold hundreds of attack drones to Russia. \
//!         Talks on a prisoner exchange resumed in Geneva this week."),
//! ];
//! let config = Config { budget: Budget::sentences(2), ..Config::default() };
//! let digest = summarize(&sources, &config)?;
//! let first = &digest.sentences[0];
//! assert_eq!(first.sources, [0, 1]); // both outlets report it
//! assert!(sources[first.source].name() == "a.txt" || sources[first.source].name() == "b.txt");
//! # Ok::<(), newsdigest::Error>(())
//! ```
//!
//! # The pipeline
//!
//! 1. **Clean**: decode each source, keep the article's blocks, note its
//!    title, date, outlet and byline, and what was removed and why.
//! 2. **Segment**: cut blocks into sentences (with spans into the source)
//!    and sentences into stemmed terms, in each source's language.
//! 3. **Score**: weigh the story's concepts (terms, and pairs of adjacent
//!    content words) by how many sources use them and how often, and each
//!    sentence's prior by how early it stands.
//! 4. **Merge**: group sentences of different sources that say the same.
//! 5. **Select**: pick the groups that cover the most concept weight for
//!    their length under the budget, never two that say the same thing, and
//!    put them in reading order.
//!
//! # Untrusted input
//!
//! Sources are untrusted. Any bytes give a digest or a per-source error,
//! never a panic; the cost of every stage grows about linearly with the
//! input. The output is text, never markup: render it as text.

mod clean;
mod config;
mod decode;
mod digest;
mod document;
mod error;
// The bindings' results as JSON text: in the `.wasm`, and natively for its tests.
#[cfg(any(target_arch = "wasm32", test))]
mod json_text;
mod lang;
mod merge;
mod score;
mod segment;
mod select;
mod sort;
mod source;
// The JavaScript bindings; public (and hidden) only so that tests/wasm.rs can call them.
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod wasm;

// The stages one by one, for `benches/` only (feature `bench-internals`):
// not API.
#[cfg(feature = "bench-internals")]
#[doc(hidden)]
pub mod bench;

pub use config::{Budget, Config, WordLimit};
pub use digest::{Cleaned, Digest, Entry, Removal, SourceInfo, Span, Variant};
pub use error::Error;
pub use source::Source;

use document::Document;
use segment::Kind;

/// Makes the digest of a story told by `sources`.
///
/// A source that cannot be used (unreadable, empty, no article text) is
/// reported in its [`SourceInfo::error`] and the digest is made from the
/// others. The result depends only on the sources, not on their order: the
/// same articles given in any order give the same digest, with source
/// numbers that follow the order given.
///
/// # Errors
/// When the configuration is out of range, or no source has usable text.
pub fn summarize(sources: &[Source], config: &Config) -> Result<Digest, Error> {
    let sources: Vec<&Source> = sources.iter().collect();
    story(&sources, config, &|i| clean::prepare(sources[i]))
}

/// A source cleaned once, to be summarized any number of times by
/// [`summarize_prepared`] without cleaning it again: a page that shows each
/// file's cleaned text as it is added ([`Prepared::cleaned`]) and makes the
/// digest again when the reader changes the length or the set of articles
/// cleans each file once.
///
/// ```
/// use newsdigest::{summarize, summarize_prepared, Budget, Config, Prepared, Source};
///
/// let sources = [
///     Source::text("a.txt", "Iran has sold hundreds of attack drones to Russia, officials said on Monday."),
///     Source::text("b.txt", "Officials said on Monday that Iran has sold hundreds of attack drones to Russia."),
/// ];
/// let prepared: Vec<Prepared> = sources.iter().cloned().map(Prepared::new).collect();
/// assert!(prepared[0].cleaned()?.text.starts_with("Iran has sold"));
/// let config = Config { budget: Budget::sentences(1), ..Config::default() };
/// assert_eq!(summarize_prepared(&prepared, &config)?, summarize(&sources, &config)?);
/// # Ok::<(), newsdigest::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Prepared {
    source: Source,
    /// Its cleaning; `None` when it is over the default size limit for one
    /// source, and so not read.
    doc: Option<Result<Document, String>>,
}

impl Prepared {
    /// Cleans `source`, unless it is over [`Config::default`]'s
    /// `max_source_bytes` (a summary under a larger limit cleans it then).
    pub fn new(source: Source) -> Prepared {
        let doc = check_size(source.len(), &Config::default()).ok().map(|()| clean::prepare(&source));
        Prepared { source, doc }
    }

    /// The source it was made from.
    pub fn source(&self) -> &Source {
        &self.source
    }

    /// What [`clean`] gives for the source with the default configuration.
    ///
    /// # Errors
    /// As [`clean`]'s: the source cannot be read or is over the size limit.
    pub fn cleaned(&self) -> Result<Cleaned, Error> {
        let name = self.source.name();
        match &self.doc {
            Some(Ok(doc)) => Ok(cleaned(name, doc)),
            Some(Err(problem)) => Err(Error::new(format!("{name}: {problem}"))),
            None => {
                let problem = check_size(self.source.len(), &Config::default()).err().unwrap_or_default();
                Err(Error::new(format!("{name}: {problem}")))
            }
        }
    }
}

/// [`summarize`] of the sources `prepared` was made from: the same digest,
/// from their cleaning already done.
///
/// # Errors
/// As [`summarize`]'s.
pub fn summarize_prepared<'a>(
    prepared: impl IntoIterator<Item = &'a Prepared>,
    config: &Config,
) -> Result<Digest, Error> {
    let prepared: Vec<&Prepared> = prepared.into_iter().collect();
    let sources: Vec<&Source> = prepared.iter().map(|p| &p.source).collect();
    story(&sources, config, &|i| match &prepared[i].doc {
        Some(doc) => doc.clone(),
        None => clean::prepare(&prepared[i].source),
    })
}

/// The digest of `sources`, `prepare(i)` giving the cleaning of
/// `sources[i]` (called only for the sources within the size limits, once
/// each). Not generic, so the `.wasm` holds one copy of it.
fn story(
    sources: &[&Source],
    config: &Config,
    prepare: &dyn Fn(usize) -> Result<Document, String>,
) -> Result<Digest, Error> {
    config.validate()?;
    if sources.is_empty() {
        return Err(Error::new("no sources to summarize"));
    }
    // Work in a canonical order (by name, then content) so that the order
    // of the input cannot change a tie anywhere downstream.
    let mut order: Vec<usize> = (0..sources.len()).collect();
    sort::sort_by(&mut order, |&a, &b| {
        (sources[a].name(), &sources[a].input).cmp(&(sources[b].name(), &sources[b].input))
    });

    let mut infos: Vec<SourceInfo> = sources.iter().map(|s| empty_info(s.name())).collect();
    let mut docs: Vec<Document> = Vec::with_capacity(sources.len());
    // For each document, the caller's index of its source.
    let mut input_index: Vec<usize> = Vec::with_capacity(sources.len());
    let mut story_bytes = 0usize;
    for &i in &order {
        let size = sources[i].len();
        if let Err(problem) = check_size(size, config) {
            infos[i].error = Some(problem);
            continue;
        }
        if story_bytes + size > config.max_story_bytes {
            infos[i].error = Some(format!(
                "left out: the sources before it already reach the limit of {} for a whole story",
                config::human_bytes(config.max_story_bytes)
            ));
            continue;
        }
        story_bytes += size;
        match prepare(i) {
            Ok(doc) => {
                let info = &mut infos[i];
                info.title = doc.meta.title.clone();
                info.date = doc.meta.date.clone();
                info.site = doc.meta.site.clone();
                info.byline = doc.meta.byline.clone();
                docs.push(doc);
                input_index.push(i);
            }
            Err(problem) => infos[i].error = Some(problem),
        }
    }

    let same = clean::story::drop_repeated(&mut docs);
    let seg = segment::segment_with(&docs, Some(&same));
    for s in &seg.sentences {
        if s.kind != Kind::Heading {
            let info = &mut infos[input_index[s.source]];
            info.sentences += 1;
            info.words += s.words;
        }
    }
    for (d, language) in seg.languages.iter().enumerate() {
        let info = &mut infos[input_index[d]];
        info.language = language.map(|l| l.code().to_owned());
        if info.sentences == 0 {
            info.error = Some("no article text found".into());
        }
    }
    if infos.iter().all(|info| info.sentences == 0) {
        let problems: Vec<String> =
            infos.iter().map(|info| format!("{}: {}", info.name, info.error.as_deref().unwrap_or("no text"))).collect();
        return Err(Error::new(format!("no source has usable text ({})", problems.join("; "))));
    }

    let stats = score::term_stats(&seg, config.headline_weight);
    let centroid = score::centroid(&stats);
    let rarity = score::rarity(&stats);
    let concepts = score::concepts(&seg, &stats, config);
    let groups = merge::merge(&seg, &rarity, config.merge_threshold);
    let chosen = select::select(&seg, groups, concepts, &rarity, config);

    let text_of = |m: usize| {
        let s = &seg.sentences[m];
        &docs[s.source].text[s.span.clone()]
    };
    let mut entries = Vec::with_capacity(chosen.len());
    for c in chosen {
        let mut variants: Vec<Variant> = c
            .members
            .iter()
            .map(|&m| {
                let s = &seg.sentences[m];
                Variant {
                    source: input_index[s.source],
                    text: text_of(m).to_owned(),
                    span: Span { start: s.span.start, end: s.span.end },
                }
            })
            .collect();
        sort::sort_by_key(&mut variants, |v| v.source);
        let sources: Vec<usize> = variants.iter().map(|v| v.source).collect();
        for &s in &sources {
            infos[s].used += 1;
        }
        entries.push(Entry {
            text: text_of(c.representative).to_owned(),
            source: input_index[seg.sentences[c.representative].source],
            sources,
            score: c.score,
            variants,
        });
    }

    let used: Vec<usize> = input_index.iter().map(|&i| infos[i].used).collect();
    let title = title(&docs, &seg, &centroid, &used);
    let date = mark_stale(&mut infos);
    Ok(Digest { title, date, sentences: entries, sources: infos })
}

/// Cleans one source: finds its article, its metadata, and what is not
/// article text, without summarizing anything.
///
/// ```
/// use newsdigest::{clean, Source};
/// let page = "<html><head><title>Drones | Daily</title></head><body><nav>Home</nav>\
///     <article><h1>Drones</h1><p>Iran has sold hundreds of drones to Russia, officials said.</p>\
///     <p>The drones were used against power plants, according to Ukraine.</p></article></body></html>";
/// let cleaned = clean(&Source::html("daily.html", page), &Default::default())?;
/// assert!(cleaned.text.starts_with("Iran has sold"));
/// assert!(!cleaned.text.contains("Home"));
/// # Ok::<(), newsdigest::Error>(())
/// ```
///
/// # Errors
/// When the source cannot be read (binary, empty, unreadable encoding, over
/// [`Config::max_source_bytes`]); the message names the source.
pub fn clean(source: &Source, config: &Config) -> Result<Cleaned, Error> {
    config.validate()?;
    let doc = check_size(source.len(), config)
        .and_then(|()| clean::prepare(source))
        .map_err(|problem| Error::new(format!("{}: {problem}", source.name())))?;
    Ok(cleaned(source.name(), &doc))
}

/// A cleaned document as [`clean`] gives it: the article text without its
/// headline, blocks separated by blank lines.
fn cleaned(name: &str, doc: &Document) -> Cleaned {
    let headline = doc.meta.title.as_deref();
    let mut skipped_headline = false;
    let mut body: Vec<&str> = Vec::with_capacity(doc.blocks.len());
    for block in &doc.blocks {
        let text = &doc.text[block.range.clone()];
        if !skipped_headline && block.kind == document::BlockKind::Heading && Some(text) == headline {
            skipped_headline = true;
            continue;
        }
        body.push(text);
    }
    Cleaned {
        name: name.to_owned(),
        text: body.join("\n\n"),
        removed: doc.removed.iter().map(|r| Removal { text: r.text.clone(), reason: r.reason.to_owned() }).collect(),
        title: doc.meta.title.clone(),
        date: doc.meta.date.clone(),
        site: doc.meta.site.clone(),
        byline: doc.meta.byline.clone(),
    }
}

/// A source over the size limit is not read at all.
fn check_size(size: usize, config: &Config) -> Result<(), String> {
    if size > config.max_source_bytes {
        return Err(format!(
            "{} is over the limit of {} for one source",
            config::human_bytes(size),
            config::human_bytes(config.max_source_bytes)
        ));
    }
    Ok(())
}

/// The headline of the story: among the sources' own headlines, the one
/// that covers most of the story's centroid, weighted by how much of the
/// digest its source supports (the outlet whose article the digest follows
/// most is the best placed to name it). The first in canonical order wins a
/// tie.
fn title(docs: &[Document], seg: &segment::Segmented, centroid: &[f64], used: &[usize]) -> Option<String> {
    let total_used = used.iter().sum::<usize>().max(1) as f64;
    let mut best: Option<(f64, &str)> = None;
    for (i, s) in seg.sentences.iter().enumerate().filter(|(_, s)| s.kind == Kind::Heading) {
        let doc = &docs[s.source];
        let text = &doc.text[s.span.clone()];
        if doc.meta.title.as_deref() != Some(text) {
            continue;
        }
        let score = score::content(seg.distinct_terms(i), centroid) * (1.0 + used[s.source] as f64 / total_used);
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, text));
        }
    }
    best.map(|(_, t)| t.to_owned()).or_else(|| docs.iter().find_map(|d| d.meta.title.clone()))
}

/// A source published this many days before the story's newest source is
/// flagged as [`SourceInfo::stale`]. News stories move in days; a month is
/// far enough to be another turn of the story, not a late report.
pub const STALE_DAYS: i64 = 30;

/// Flags the sources much older than the newest, and returns the newest
/// date, the story's.
fn mark_stale(infos: &mut [SourceInfo]) -> Option<String> {
    let newest = infos.iter().filter_map(|i| i.date.as_deref()).filter(|d| day_number(d).is_some()).max()?.to_owned();
    let newest_day = day_number(&newest)?;
    for info in infos.iter_mut() {
        if let Some(day) = info.date.as_deref().and_then(day_number) {
            info.stale = newest_day - day > STALE_DAYS;
        }
    }
    Some(newest)
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (proleptic Gregorian).
fn day_number(date: &str) -> Option<i64> {
    let mut parts = date.splitn(3, '-').map(str::parse::<i64>);
    let (y, m, d) = (parts.next()?.ok()?, parts.next()?.ok()?, parts.next()?.ok()?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

fn empty_info(name: &str) -> SourceInfo {
    SourceInfo {
        name: name.to_owned(),
        language: None,
        words: 0,
        sentences: 0,
        used: 0,
        title: None,
        date: None,
        site: None,
        byline: None,
        stale: false,
        error: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2000-03-01"), Some(11_017));
        assert_eq!(day_number("2023-05-16").unwrap() - day_number("2022-08-31").unwrap(), 258);
        assert_eq!(day_number("2024-03-01").unwrap() - day_number("2024-02-28").unwrap(), 2);
        assert_eq!(day_number("2023-13-01"), None);
        assert_eq!(day_number("May 2023"), None);
    }

    #[test]
    fn sources_a_month_older_than_the_newest_are_stale() {
        let mut infos: Vec<SourceInfo> = ["2023-05-16", "2023-05-15", "2023-04-01", "2022-08-31"]
            .iter()
            .map(|d| SourceInfo { date: Some(d.to_string()), ..empty_info("x") })
            .collect();
        infos.push(empty_info("undated"));
        assert_eq!(mark_stale(&mut infos).as_deref(), Some("2023-05-16"));
        let stale: Vec<bool> = infos.iter().map(|i| i.stale).collect();
        assert_eq!(stale, [false, false, true, true, false]);
    }
}
