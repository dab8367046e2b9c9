//! Story-level cleaning: boilerplate that only shows as such because
//! several sources carry it verbatim.

use super::rules;
use super::text::{HIGH, ONES, below, ends_sentence};
use crate::document::{BlockKind, Document, Removed};
use crate::lang::fx::InputMap;

/// Story-level pass after every source is cleaned: drops blocks that repeat (near-)verbatim across
/// two or more sources but are not article sentences (e.g. the same "Sign up for our newsletter"
/// line, site footers), recording them in `removed` with reason "repeated". Must be linear-ish (hash
/// normalized block text; no all-pairs). Careful: real article sentences DO repeat across sources
/// (wire copy republished by several outlets) — only drop repeated blocks that also look like
/// boilerplate (short, no final punctuation, or few stop words / high link-ish density), never a full
/// article sentence.
///
/// Returns which of the blocks left hold the same text ([`SameText`]), so
/// that segmentation need not cut and analyze a verbatim repeat again.
pub(crate) fn drop_repeated(docs: &mut [Document]) -> SameText {
    // Every block's text by id, each distinct text once: wire copy repeats
    // whole articles verbatim, and on such a story this pass asked every
    // block for its key and its verdict (a fifth of cleaning's time on the
    // 5 MB story). Each distinct text's key, and each verdict below, is
    // computed once; both depend on the text alone.
    // (`Option<u32>` as segmentation's map of words has it: one map type
    // fewer in the .wasm, 0.4 KB gzipped.)
    // (Each map sized up front: grown from empty, they rehashed some two
    // thousand times on the 200 stories.)
    let blocks: usize = docs.iter().map(|d| d.blocks.len()).sum();
    let mut ids: InputMap<&str, Option<u32>> = InputMap::with_capacity_and_hasher(blocks, Default::default());
    let mut keys: Vec<String> = Vec::new();
    let mut text_ids: Vec<Vec<u32>> = docs
        .iter()
        .map(|doc| {
            doc.blocks
                .iter()
                .map(|b| {
                    let s = &doc.text[b.range.clone()];
                    let id = ids.entry(s).or_insert_with(|| {
                        keys.push(key(s));
                        Some((keys.len() - 1) as u32)
                    });
                    id.unwrap_or_default()
                })
                .collect()
        })
        .collect();
    drop(ids);
    // key -> number of documents holding it
    // Neither map is iterated: their hasher cannot reach the output.
    let mut seen: InputMap<&str, DocCount> = InputMap::with_capacity_and_hasher(keys.len(), Default::default());
    // (heading, following block) pairs: a heading republished together with
    // the text it introduces is wire copy structure, not boilerplate
    let mut pairs: InputMap<(&str, &str), DocCount> = InputMap::default();
    let key_of = |id: u32| keys[id as usize].as_str();
    for (d, (doc, ids)) in docs.iter().zip(&text_ids).enumerate() {
        for (i, b) in doc.blocks.iter().enumerate() {
            let key = key_of(ids[i]);
            if key.is_empty() {
                continue;
            }
            if b.kind == BlockKind::Heading
                && let Some(&next) = ids.get(i + 1)
            {
                pairs.entry((key, key_of(next))).or_default().add(d);
            }
            seen.entry(key).or_default().add(d);
        }
    }
    // Per text id: whether it looks like a sentence, and like boilerplate.
    let mut sentence: Vec<Option<bool>> = vec![None; keys.len()];
    let mut boilerplate: Vec<Option<bool>> = vec![None; keys.len()];
    let mut to_drop: Vec<Vec<usize>> = Vec::with_capacity(docs.len());
    for (doc, ids) in docs.iter().zip(&text_ids) {
        let title = doc.meta.title.as_deref().map(key);
        let text = &doc.text;
        let mut dropped = Vec::new();
        for (i, b) in doc.blocks.iter().enumerate() {
            let k = key_of(ids[i]);
            if seen.get(k).is_none_or(|docs| docs.count < 2) {
                continue;
            }
            if title.as_deref() == Some(k) {
                continue;
            }
            // a section heading leading into the same article text elsewhere
            let leads_text = b.kind == BlockKind::Heading
                && doc.blocks.get(i + 1).is_some_and(|nb| {
                    let next = ids[i + 1];
                    *sentence[next as usize].get_or_insert_with(|| looks_like_sentence(&text[nb.range.clone()]))
                        && pairs.get(&(k, key_of(next))).is_some_and(|d| d.count >= 2)
                });
            if leads_text
                || !*boilerplate[ids[i] as usize].get_or_insert_with(|| looks_like_boilerplate(&text[b.range.clone()]))
            {
                continue;
            }
            dropped.push(i);
        }
        to_drop.push(dropped);
    }
    let count = keys.len();
    drop(seen);
    drop(pairs);
    drop(keys);
    for ((doc, dropped), ids) in docs.iter_mut().zip(to_drop).zip(&mut text_ids) {
        if dropped.is_empty() {
            continue;
        }
        let removed: Vec<(usize, Removed)> = dropped
            .iter()
            .map(|&i| {
                let b = &doc.blocks[i];
                (b.range.start, Removed { text: doc.text[b.range.clone()].to_string(), reason: "repeated" })
            })
            .collect();
        let mut keep = vec![true; doc.blocks.len()];
        for &i in &dropped {
            keep[i] = false;
        }
        let mut it = keep.iter();
        doc.blocks.retain(|_| *it.next().unwrap_or(&true));
        let mut it = keep.iter();
        ids.retain(|_| *it.next().unwrap_or(&true));
        merge_removed(doc, removed);
    }
    SameText { of: text_ids, count }
}

/// Which blocks hold the very same text: `of[d][j]` numbers the text of
/// block `j` of document `d`, the same number for the same text, from 0 to
/// `count - 1`.
#[derive(Debug, Clone, Default)]
pub(crate) struct SameText {
    pub of: Vec<Vec<u32>>,
    pub count: usize,
}

/// How many documents hold a key; documents are visited in order, so one
/// that holds it twice is counted once.
#[derive(Default)]
struct DocCount {
    last: Option<usize>,
    count: usize,
}

impl DocCount {
    fn add(&mut self, doc: usize) {
        if self.last != Some(doc) {
            self.last = Some(doc);
            self.count += 1;
        }
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
    crate::sort::sort_by_key(&mut all, |(p, _)| *p);
    doc.removed = all.into_iter().map(|(_, r)| r).collect();
}

/// Normalized block text: lower-case letter words only (digits dropped so
/// "Comments / 2" and "Comments / 0" match).
fn key(s: &str) -> String {
    // Each letter lower-cased and anything else a space, but a space only
    // after a letter: one pass, eight bytes at a time where they are ASCII.
    // (Mapping every byte, then removing the repeated spaces, cost some 11
    // instructions a byte of every block, two thirds of it the removal.)
    let mut out: Vec<u8> = Vec::with_capacity(s.len() + 8);
    let bytes = s.as_bytes();
    // Whether the last byte out is a space, or none is out yet: a space
    // then is dropped.
    let mut space = true;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(&chunk) = bytes[i..].first_chunk::<8>() {
            let x = u64::from_le_bytes(chunk);
            if x & HIGH == 0 {
                // ASCII: each letter lower-cased (its 0x20 bit set), each
                // other byte 0x20, the space.
                let lower = x | (ONES * 0x20);
                let letters = !below(lower, b'a') & below(lower, b'z' + 1);
                let spaces = !letters & HIGH;
                let mapped = (lower & ((letters >> 7) * 0xff)) | ((spaces >> 7) * 0x20);
                // The spaces after a space.
                let dropped = spaces & (spaces << 8 | u64::from(space) << 7);
                if dropped == 0 {
                    out.extend_from_slice(&mapped.to_le_bytes());
                } else {
                    for k in 0..8 {
                        if dropped >> (8 * k + 7) & 1 == 0 {
                            out.push((mapped >> (8 * k)) as u8);
                        }
                    }
                }
                space = spaces >> 63 != 0;
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        let letter = if b.is_ascii() {
            i += 1;
            let letter = b.is_ascii_alphabetic();
            if letter {
                out.push(b | 0x20);
            }
            letter
        } else {
            let Some(c) = s[i..].chars().next() else { break };
            i += c.len_utf8();
            let letter = c.is_alphabetic();
            if letter {
                let mut utf8 = [0; 4];
                for c in c.to_lowercase() {
                    out.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
                }
            }
            letter
        };
        if !letter && !space {
            out.push(b' ');
        }
        space = !letter;
    }
    if out.last() == Some(&b' ') {
        out.pop();
    }
    // Whole chars only: always UTF-8.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// How many words `s` has (split at whitespace, trimmed of anything but
/// letters and digits at both ends, empty ones skipped) and how many of them
/// are stop words. One pass, no allocation per word: on a story whose
/// articles repeat across sources, every block is asked.
fn word_stats(s: &str) -> (usize, usize) {
    let mut lower = String::new();
    let (mut words, mut stops) = (0, 0);
    // Tokens between ASCII white space (the space and \t to \r), byte by
    // byte; a token all ASCII is trimmed without decoding chars (a third of
    // this pass's instructions), as its letters and digits are the
    // alphanumeric chars. A token with other chars (a curly quote, a
    // no-break space) is split and trimmed by chars: together, the same
    // words as `split_whitespace` gives.
    let bytes = s.as_bytes();
    // (Most blocks are all ASCII: asked once, not token by token.)
    let all_ascii = s.is_ascii();
    let space = |b: u8| b == b' ' || (b'\t'..=b'\r').contains(&b);
    let mut at = 0;
    while at < bytes.len() {
        while at < bytes.len() && space(bytes[at]) {
            at += 1;
        }
        let start = at;
        while at < bytes.len() && !space(bytes[at]) {
            at += 1;
        }
        let token = &bytes[start..at];
        if all_ascii || token.is_ascii() {
            let Some(from) = token.iter().position(u8::is_ascii_alphanumeric) else { continue };
            let to = token.iter().rposition(u8::is_ascii_alphanumeric).map_or(from, |k| k + 1);
            words += 1;
            lower.clear();
            lower.push_str(&s[start + from..start + to]);
            lower.make_ascii_lowercase();
            stops += usize::from(rules::stop_mask(&lower) != 0);
            continue;
        }
        for w in s[start..at].split_whitespace() {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            if w.is_empty() {
                continue;
            }
            words += 1;
            lower.clear();
            if w.is_ascii() {
                lower.push_str(w);
                lower.make_ascii_lowercase();
            } else {
                lower.push_str(&w.to_lowercase());
            }
            stops += usize::from(rules::stop_mask(&lower) != 0);
        }
    }
    (words, stops)
}

/// A full article sentence: enough words, final punctuation, stop words.
fn looks_like_sentence(s: &str) -> bool {
    // The end first: it reads a few bytes, the word statistics every word.
    if !ends_sentence(s) {
        return false;
    }
    let (words, stops) = word_stats(s);
    words >= 6 && stops as f32 / words as f32 >= 0.15
}

/// Short, unpunctuated, few stop words, or link-dense.
fn looks_like_boilerplate(s: &str) -> bool {
    // Only a block that holds "://", "www." or '@' can have a link among
    // its tokens: most hold none, and are not split into tokens for it
    // (each token's search for "://" was a fifth of this pass).
    if s.contains('@') || s.contains("://") || s.contains("www.") {
        let (mut tokens, mut links) = (0, 0);
        for t in s.split_whitespace() {
            tokens += 1;
            links += usize::from(t.contains("://") || t.starts_with("www.") || t.contains('@'));
        }
        if links * 4 >= tokens && links > 0 {
            return true;
        }
    }
    // (A block without words is not a sentence either.)
    !looks_like_sentence(s)
}

#[cfg(test)]
mod tests {
    use super::{key, looks_like_boilerplate, looks_like_sentence, word_stats};
    use crate::clean::rules;

    /// The definition `word_stats` implements in one pass: the words, then
    /// the stop words among them.
    fn word_stats_by_words(s: &str) -> (usize, usize) {
        let words: Vec<String> = s
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
            .filter(|w| !w.is_empty())
            .collect();
        (words.len(), words.iter().filter(|w| rules::stop_mask(w) != 0).count())
    }

    /// `looks_like_boilerplate` splitting every block into tokens, links or
    /// not: the reference for its shortcut.
    fn looks_like_boilerplate_by_tokens(s: &str) -> bool {
        let (mut tokens, mut links) = (0, 0);
        for t in s.split_whitespace() {
            tokens += 1;
            links += usize::from(t.contains("://") || t.starts_with("www.") || t.contains('@'));
        }
        (links * 4 >= tokens && links > 0) || !looks_like_sentence(s)
    }

    /// The definition `key` implements in one pass.
    fn key_by_words(s: &str) -> String {
        let words: Vec<String> = s
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .map(|w| w.chars().flat_map(char::to_lowercase).collect())
            .collect();
        words.join(" ")
    }

    #[test]
    fn key_is_the_lower_cased_runs_of_letters() {
        for s in [
            "",
            "  ",
            "Sign up for our newsletter!",
            "  --Hello,   World--  ",
            "3 ways: A1b2C3",
            "ΟΔΥΣΣΕΥΣ Σ. İstanbul STRASSE Straße",
            "Ǆemal — l’armée d'Ébène\u{a0}ÉTÉ",
            "日本語のテキスト。Next",
        ] {
            assert_eq!(key(s), key_by_words(s), "{s:?}");
        }
        assert_eq!(key("  --Hello,   World--  "), "hello world");
    }

    #[test]
    fn word_stats_count_words_and_stop_words() {
        // U+000B is white space to `split_whitespace`, not to `u8::is_ascii_whitespace`.
        assert_eq!(word_stats("the\x0bnews\x0cof\rday"), (4, 2));
        assert_eq!(
            word_stats("Sign up for THE newsletter -- today!"),
            (6, word_stats_by_words("Sign up for THE newsletter -- today!").1)
        );
        assert_eq!(word_stats("  --  ..  "), (0, 0));
        assert_eq!(
            word_stats("The İstanbul court AND the judges."),
            word_stats_by_words("The İstanbul court AND the judges.")
        );
    }

    proptest::proptest! {
        #[test]
        fn word_stats_agree_with_their_definition(s in "([ -~\u{a0}éΣσİß’—0-9]|The |and |of |über |DIE |y ){0,40}") {
            proptest::prop_assert_eq!(word_stats(&s), word_stats_by_words(&s));
        }

        // ASCII only, with every white space byte (U+000B and U+000C
        // too): the byte-wise path.
        #[test]
        fn ascii_word_stats_agree_with_their_definition(s in "([ -~\t\n\x0b\x0c\r0-9]|The |AND |of |-- |'s ){0,40}") {
            proptest::prop_assert_eq!(word_stats(&s), word_stats_by_words(&s));
        }

        // Sentences (final punctuation, stop words) with a share of links
        // around a quarter of their tokens, where the two verdicts part.
        #[test]
        fn boilerplate_is_judged_as_token_by_token(
            words in proptest::collection::vec(
                proptest::sample::select(vec!["the", "of", "news", "today", "x@y", "http://a.b", "www.a.b", "a://", "w.", "@"]),
                0..16,
            ),
            end in proptest::sample::select(vec![".", "", " www.", "@."]),
        ) {
            let s = words.join(" ") + end;
            proptest::prop_assert_eq!(looks_like_boilerplate(&s), looks_like_boilerplate_by_tokens(&s));
        }

        #[test]
        fn key_agrees_with_its_definition(s in "[ -~\u{a0}éΣσİß’—0-9]{0,40}") {
            proptest::prop_assert_eq!(key(&s), key_by_words(&s));
        }

        // Mostly ASCII words and punctuation, over many eight-byte chunks.
        #[test]
        fn key_of_running_text_agrees_with_its_definition(s in "([A-Za-z]{1,9}[ ,.:@\\[`{0-9]{1,3}|é){0,20}") {
            proptest::prop_assert_eq!(key(&s), key_by_words(&s));
        }
    }
}
