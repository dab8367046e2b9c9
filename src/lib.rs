//! newsdigest: one short digest from several articles about one story.

mod clean;
mod config;
mod digest;
mod document;
mod error;
mod lang;
mod merge;
mod score;
mod segment;
mod select;
mod source;

pub use config::{Budget, Config};
pub use digest::{Digest, Entry, SourceInfo, Span, Variant};
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
    config.validate()?;
    if sources.is_empty() {
        return Err(Error::new("no sources to summarize"));
    }
    // Work in a canonical order (by name, then content) so that the order
    // of the input cannot change a tie anywhere downstream.
    let mut order: Vec<usize> = (0..sources.len()).collect();
    order.sort_by(|&a, &b| (sources[a].name(), &sources[a].input).cmp(&(sources[b].name(), &sources[b].input)));

    let mut infos: Vec<SourceInfo> = sources.iter().map(|s| empty_info(s.name())).collect();
    let mut docs: Vec<Document> = Vec::new();
    // For each document, the caller's index of its source.
    let mut input_index: Vec<usize> = Vec::new();
    for &i in &order {
        match clean::prepare(&sources[i]) {
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

    let seg = segment::segment(&docs);
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

    let stats = score::term_stats(&seg);
    let centroid = score::centroid(&stats);
    let rarity = score::rarity(&stats);
    let scores = score::scores(&seg, &centroid, config);
    let groups = merge::merge(&seg, &rarity, config.merge_threshold);
    let chosen = select::select(&seg, groups, &scores, &centroid, &rarity, config);

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
        variants.sort_by_key(|v| v.source);
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

    let title = title(&docs, &seg, &centroid);
    Ok(Digest { title, sentences: entries, sources: infos })
}

/// The headline that covers the most of the story, among the sources'
/// own headlines; the first in canonical order on a tie.
fn title(docs: &[Document], seg: &segment::Segmented, centroid: &[f64]) -> Option<String> {
    let mut best: Option<(f64, &str)> = None;
    for s in seg.sentences.iter().filter(|s| s.kind == Kind::Heading) {
        let doc = &docs[s.source];
        let text = &doc.text[s.span.clone()];
        if doc.meta.title.as_deref() != Some(text) {
            continue;
        }
        let score = score::content(s, centroid);
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, text));
        }
    }
    best.map(|(_, t)| t.to_owned()).or_else(|| docs.iter().find_map(|d| d.meta.title.clone()))
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
        error: None,
    }
}
