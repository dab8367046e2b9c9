//! Story-level cleaning: boilerplate that only shows as such because
//! several sources carry it verbatim.

use std::collections::{HashMap, HashSet};

use super::rules;
use super::text::ends_sentence;
use crate::document::{BlockKind, Document, Removed};

/// Story-level pass after every source is cleaned: drops blocks that repeat (near-)verbatim across
/// two or more sources but are not article sentences (e.g. the same "Sign up for our newsletter"
/// line, site footers), recording them in `removed` with reason "repeated". Must be linear-ish (hash
/// normalized block text; no all-pairs). Careful: real article sentences DO repeat across sources
/// (wire copy republished by several outlets) — only drop repeated blocks that also look like
/// boilerplate (short, no final punctuation, or few stop words / high link-ish density), never a full
/// article sentence.
pub(crate) fn drop_repeated(docs: &mut [Document]) {
    // key -> set of documents holding it
    let mut seen: HashMap<String, HashSet<usize>> = HashMap::new();
    // (heading, following block) pairs: a heading republished together with
    // the text it introduces is wire copy structure, not boilerplate
    let mut pairs: HashMap<(String, String), HashSet<usize>> = HashMap::new();
    for (d, doc) in docs.iter().enumerate() {
        for (i, b) in doc.blocks.iter().enumerate() {
            let key = key(&doc.text[b.range.clone()]);
            if key.is_empty() {
                continue;
            }
            if b.kind == BlockKind::Heading
                && let Some(nb) = doc.blocks.get(i + 1)
            {
                let next = self::key(&doc.text[nb.range.clone()]);
                pairs.entry((key.clone(), next)).or_default().insert(d);
            }
            seen.entry(key).or_default().insert(d);
        }
    }
    for doc in docs.iter_mut() {
        let title = doc.meta.title.clone();
        let mut dropped: Vec<(usize, Removed)> = Vec::new();
        let text = &doc.text;
        let n = doc.blocks.len();
        let mut keep = vec![true; n];
        for (i, b) in doc.blocks.iter().enumerate() {
            let s = &text[b.range.clone()];
            let k = key(s);
            if seen.get(&k).is_none_or(|docs| docs.len() < 2) {
                continue;
            }
            if title.as_deref().is_some_and(|t| key(t) == k) {
                continue;
            }
            // a section heading leading into the same article text elsewhere
            let leads_text = b.kind == BlockKind::Heading
                && doc.blocks.get(i + 1).is_some_and(|nb| {
                    looks_like_sentence(&text[nb.range.clone()])
                        && pairs.get(&(k.clone(), key(&text[nb.range.clone()]))).is_some_and(|d| d.len() >= 2)
                });
            if leads_text || !looks_like_boilerplate(s) {
                continue;
            }
            keep[i] = false;
            dropped.push((b.range.start, Removed { text: s.to_string(), reason: "repeated" }));
        }
        if dropped.is_empty() {
            continue;
        }
        let mut it = keep.iter();
        doc.blocks.retain(|_| *it.next().unwrap_or(&true));
        merge_removed(doc, dropped);
    }
}

/// Inserts `dropped` (with source positions) into `doc.removed`, keeping
/// source order: existing entries are located by searching their text.
fn merge_removed(doc: &mut Document, dropped: Vec<(usize, Removed)>) {
    let mut cursor = 0;
    let mut old: Vec<(usize, Removed)> = Vec::with_capacity(doc.removed.len());
    for r in doc.removed.drain(..) {
        let pos = doc.text[cursor..].find(r.text.as_str()).map_or(cursor, |p| cursor + p);
        cursor = pos;
        old.push((pos, r));
    }
    let mut all = old;
    all.extend(dropped);
    // stable: for equal positions old entries stay first
    all.sort_by_key(|(p, _)| *p);
    doc.removed = all.into_iter().map(|(_, r)| r).collect();
}

/// Normalized block text: lower-case letter words only (digits dropped so
/// "Comments / 2" and "Comments / 0" match).
fn key(s: &str) -> String {
    let mut out = String::new();
    for w in s.split(|c: char| !c.is_alphabetic()) {
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

fn stop_ratio(words: &[String]) -> f32 {
    if words.is_empty() {
        return 0.0;
    }
    let hits = words.iter().filter(|w| rules::STOP_LISTS.iter().any(|(_, l)| l.contains(&w.as_str()))).count();
    hits as f32 / words.len() as f32
}

/// A full article sentence: enough words, final punctuation, stop words.
fn looks_like_sentence(s: &str) -> bool {
    let w = words(s);
    w.len() >= 6 && ends_sentence(s) && stop_ratio(&w) >= 0.15
}

/// Short, unpunctuated, few stop words, or link-dense.
fn looks_like_boilerplate(s: &str) -> bool {
    let w = words(s);
    let tokens: Vec<&str> = s.split_whitespace().collect();
    let links = tokens.iter().filter(|t| t.contains("://") || t.starts_with("www.") || t.contains('@')).count();
    if links * 4 >= tokens.len().max(1) && links > 0 {
        return true;
    }
    !looks_like_sentence(s) || w.is_empty()
}
