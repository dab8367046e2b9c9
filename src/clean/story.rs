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
    let mut texts: Vec<&str> = Vec::new();
    let mut text_ids: Vec<Vec<u32>> = docs
        .iter()
        .map(|doc| {
            doc.blocks
                .iter()
                .map(|b| {
                    let s = &doc.text[b.range.clone()];
                    let id = ids.entry(s).or_insert_with(|| {
                        texts.push(s);
                        Some((texts.len() - 1) as u32)
                    });
                    id.unwrap_or_default()
                })
                .collect()
        })
        .collect();
    drop(ids);
    // The distinct texts' keys one after the other in one buffer, each
    // ending at its `ends` (sized for the texts: a key is rarely longer than its text, and grows
    // the buffer when it is, e.g. "İ" lower-cased): no string
    // a key to allocate and free.
    let mut all_keys: Vec<u8> = Vec::with_capacity(texts.iter().map(|s| s.len()).sum::<usize>() + 8);
    let mut ends: Vec<usize> = Vec::with_capacity(texts.len() + 1);
    ends.push(0);
    for s in &texts {
        key_into(s, &mut all_keys);
        ends.push(all_keys.len());
    }
    // Each text's key as a number, the same for the same key: each key is
    // hashed once, and the counts below are indexed by these numbers, not
    // looked up by the key's bytes (the key of every block was hashed
    // twice more there).
    // Neither map is iterated: their hasher cannot reach the output.
    let mut key_ids: InputMap<&[u8], u32> = InputMap::with_capacity_and_hasher(texts.len(), Default::default());
    let key_of: Vec<u32> = ends
        .windows(2)
        .map(|w| {
            let next = key_ids.len() as u32;
            *key_ids.entry(&all_keys[w[0]..w[1]]).or_insert(next)
        })
        .collect();
    let empty = key_ids.get(&b""[..]).copied();
    // key -> number of documents holding it
    let mut seen: Vec<DocCount> = Vec::new();
    seen.resize_with(key_ids.len(), DocCount::default);
    // (heading, following block) pairs: a heading republished together with
    // the text it introduces is wire copy structure, not boilerplate
    let mut pairs: InputMap<(u32, u32), DocCount> = InputMap::default();
    for (d, (doc, ids)) in docs.iter().zip(&text_ids).enumerate() {
        for (i, b) in doc.blocks.iter().enumerate() {
            let key = key_of[ids[i] as usize];
            if Some(key) == empty {
                continue;
            }
            if b.kind == BlockKind::Heading
                && let Some(&next) = ids.get(i + 1)
            {
                pairs.entry((key, key_of[next as usize])).or_default().add(d);
            }
            seen[key as usize].add(d);
        }
    }
    // Per text id: whether it looks like a sentence, and like boilerplate.
    let mut sentence: Vec<Option<bool>> = vec![None; texts.len()];
    let mut boilerplate: Vec<Option<bool>> = vec![None; texts.len()];
    let mut to_drop: Vec<Vec<usize>> = Vec::with_capacity(docs.len());
    let mut title_key = Vec::new();
    for (doc, ids) in docs.iter().zip(&text_ids) {
        // The title's key number, if a block has its key: asked for once
        // a block repeats.
        let mut title: Option<Option<u32>> = None;
        let text = &doc.text;
        let mut dropped = Vec::new();
        for (i, b) in doc.blocks.iter().enumerate() {
            let k = key_of[ids[i] as usize];
            if seen[k as usize].count < 2 {
                continue;
            }
            let title = *title.get_or_insert_with(|| {
                let t = doc.meta.title.as_deref()?;
                title_key.clear();
                key_into(t, &mut title_key);
                key_ids.get(&title_key[..]).copied()
            });
            if title == Some(k) {
                continue;
            }
            // a section heading leading into the same article text elsewhere
            let leads_text = b.kind == BlockKind::Heading
                && doc.blocks.get(i + 1).is_some_and(|nb| {
                    let next = ids[i + 1];
                    *sentence[next as usize].get_or_insert_with(|| looks_like_sentence(&text[nb.range.clone()]))
                        && pairs.get(&(k, key_of[next as usize])).is_some_and(|d| d.count >= 2)
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
    let count = texts.len();
    drop(seen);
    drop(pairs);
    drop(key_ids);
    drop(all_keys);
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
/// "Comments / 2" and "Comments / 0" match), appended to `out`.
fn key_into(s: &str, out: &mut Vec<u8>) {
    // Each letter lower-cased and anything else a space, but a space only
    // after a letter: one pass, eight bytes at a time where they are ASCII.
    // (Mapping every byte, then removing the repeated spaces, cost some 11
    // instructions a byte of every block, two thirds of it the removal.)
    let start = out.len();
    let bytes = s.as_bytes();
    // The key is written at `w` into `out` made long enough first (with
    // filler, cut at the end): every ASCII chunk's eight bytes are stored
    // through a slice, then the dropped ones cut off by `w`, where a push
    // or `extend_from_slice` reloaded the vector's length and capacity
    // after every store (some 15 instructions a chunk). The room kept:
    // `out.len() >= w + bytes.len() - i + 8`; only a char whose lower case
    // is longer than itself (e.g. 'İ') needs more. The filler is the
    // block's own bytes, a memory copy: `resize`'s zeros were stored a
    // byte at a time in the .wasm, out of line (no byte past `w` is read).
    let mut room = start + bytes.len() + 8;
    out.reserve(room - start);
    out.extend_from_slice(bytes);
    out.extend_from_slice(&[0; 8]);
    let mut w = start;
    // Whether the last byte out is a space, or none is out yet: a space
    // then is dropped.
    let mut space = true;
    let mut i = 0;
    while i < bytes.len() {
        // A loop of ASCII chunks alone, on a slice of the buffer: its state
        // stays in registers (one loop with the char path shuffled it
        // between registers and the stack).
        let buf = out.as_mut_slice();
        // `space` as the high bit of a byte before the chunk's first: the
        // last chunk's top byte shifted down (not a bool to test and shift
        // back each chunk).
        let mut before = u64::from(space) << 7;
        while let Some(&chunk) = bytes[i..].first_chunk::<8>() {
            let x = u64::from_le_bytes(chunk);
            if x & HIGH != 0 {
                break;
            }
            // ASCII: each letter lower-cased (its 0x20 bit set), each
            // other byte 0x20, the space.
            let lower = x | (ONES * 0x20);
            let letters = !below(lower, b'a') & below(lower, b'z' + 1);
            let spaces = !letters & HIGH;
            // (Each byte of `lower` has its 0x20 bit set: a non-letter
            // keeps that bit alone.)
            let mut mapped = lower & (((letters >> 7) * 0xff) | (ONES * 0x20));
            // The spaces after a space, taken out of `mapped` from the
            // highest down (the bytes below one stay where they are);
            // all eight bytes are written and the dropped ones cut off
            // the end, instead of a push per byte of such a chunk
            // (one chunk in four on the 200 stories).
            let mut dropped = spaces & (spaces << 8 | before);
            let mut kept = 8;
            while dropped != 0 {
                let top = 63 - dropped.leading_zeros();
                let below_it = (1u64 << (top - 7)) - 1;
                mapped = (mapped & below_it) | (mapped >> 8 & !below_it);
                dropped ^= 1 << top;
                kept -= 1;
            }
            buf[w..w + 8].copy_from_slice(&mapped.to_le_bytes());
            w += kept;
            before = spaces >> 56;
            i += 8;
        }
        space = before != 0;
        let Some(&b) = bytes.get(i) else { break };
        let letter = if b.is_ascii() {
            i += 1;
            let letter = b.is_ascii_alphabetic();
            if letter {
                out[w] = b | 0x20;
                w += 1;
            }
            letter
        } else {
            let Some(c) = s[i..].chars().next() else { break };
            i += c.len_utf8();
            let letter = is_alphabetic(c);
            if letter {
                let mut utf8 = [0; 4];
                for c in c.to_lowercase() {
                    let c = c.encode_utf8(&mut utf8).as_bytes();
                    // (The room for the rest of the text and a chunk.)
                    let need = w + c.len() + (bytes.len() - i) + 8;
                    if need > room {
                        room = need;
                        out.resize(room, 0);
                    }
                    out[w..w + c.len()].copy_from_slice(c);
                    w += c.len();
                }
            }
            letter
        };
        if !letter && !space {
            out[w] = b' ';
            w += 1;
        }
        space = !letter;
    }
    // (The first byte of a key is a letter: a space at the end is its own.)
    if w > start && out[w - 1] == b' ' {
        w -= 1;
    }
    out.truncate(w);
}

/// `c.is_alphabetic()` for a non-ASCII char, answered without the Unicode
/// table where most such chars in news text are: the punctuation of
/// U+2000 to U+206F (curly quotes, dashes, ellipses), none of them a
/// letter, and Latin-1 and Latin Extended-A and -B, letters all but a few.
/// (The table's search cost some 330 instructions a char.)
fn is_alphabetic(c: char) -> bool {
    match c {
        '\u{2000}'..='\u{206f}' => false,
        '\u{80}'..='\u{24f}' => matches!(c, 'ª' | 'µ' | 'º' | 'À'..='Ö' | 'Ø'..='ö' | 'ø'..),
        _ => c.is_alphabetic(),
    }
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
    use super::{drop_repeated, is_alphabetic, key_into, looks_like_boilerplate, looks_like_sentence, word_stats};
    use crate::clean::rules;
    use crate::clean::text::clean_text;
    use crate::document::{BlockKind, Document};
    use std::collections::{BTreeSet, HashMap};

    /// The key of `s` alone, as a string.
    fn key(s: &str) -> String {
        // Some bytes before, as in the buffer of all keys.
        let mut out = b"x y".to_vec();
        key_into(s, &mut out);
        String::from_utf8(out.split_off(3)).expect("whole chars")
    }

    #[test]
    fn is_alphabetic_agrees_with_the_unicode_table() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
        }
    }

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

    /// Which blocks `drop_repeated` drops, by its definition: every block's
    /// key as a string, the documents holding each key and each (heading,
    /// next block) pair of keys, every verdict taken afresh.
    fn dropped_by_definition(docs: &[Document]) -> Vec<Vec<usize>> {
        let keys: Vec<Vec<String>> =
            docs.iter().map(|d| d.blocks.iter().map(|b| key(&d.text[b.range.clone()])).collect()).collect();
        let mut seen: HashMap<&str, BTreeSet<usize>> = HashMap::new();
        let mut pairs: HashMap<(&str, &str), BTreeSet<usize>> = HashMap::new();
        for (d, ks) in keys.iter().enumerate() {
            for (i, k) in ks.iter().enumerate().filter(|(_, k)| !k.is_empty()) {
                if docs[d].blocks[i].kind == BlockKind::Heading
                    && let Some(next) = ks.get(i + 1)
                {
                    pairs.entry((k, next)).or_default().insert(d);
                }
                seen.entry(k).or_default().insert(d);
            }
        }
        docs.iter()
            .zip(&keys)
            .map(|(doc, ks)| {
                let title = doc.meta.title.as_deref().map(key);
                let text = |j: usize| &doc.text[doc.blocks[j].range.clone()];
                (0..ks.len())
                    .filter(|&i| {
                        let k = ks[i].as_str();
                        let leads_text = doc.blocks[i].kind == BlockKind::Heading
                            && i + 1 < ks.len()
                            && looks_like_sentence(text(i + 1))
                            && pairs.get(&(k, ks[i + 1].as_str())).is_some_and(|d| d.len() >= 2);
                        seen.get(k).is_some_and(|d| d.len() >= 2)
                            && title.as_deref() != Some(k)
                            && !leads_text
                            && looks_like_boilerplate(text(i))
                    })
                    .collect()
            })
            .collect()
    }

    proptest::proptest! {
        // Sources of a few blocks out of a small pool, so that texts and
        // keys repeat: some blocks headings, some sources titled.
        #[test]
        fn drop_repeated_drops_what_its_definition_drops(
            sources in proptest::collection::vec(
                (
                    proptest::collection::vec((0..10usize, proptest::bool::weighted(0.3)), 1..7),
                    proptest::option::of(0..10usize),
                ),
                1..5,
            ),
        ) {
            const POOL: [&str; 10] = [
                "Sign up for our newsletter",
                "SIGN UP for our newsletter!",
                "Comments 2",
                "Comments 0",
                "SOUTH AFRICA",
                "The minister said on Monday that the talks would go on for as long as they had to.",
                "the minister said on monday that the talks would go on for as long as they had to",
                "Share this: www.example.com",
                "“Sign up” — for our newsletter",
                "12 / 3",
            ];
            let mut docs: Vec<Document> = sources
                .iter()
                .map(|(blocks, title)| {
                    let mut doc = clean_text(blocks.iter().map(|&(j, _)| POOL[j]).collect::<Vec<_>>().join("\n\n"));
                    for (b, &(_, heading)) in doc.blocks.iter_mut().zip(blocks) {
                        if heading {
                            b.kind = BlockKind::Heading;
                        }
                    }
                    doc.meta.title = title.map(|j| POOL[j].to_string());
                    doc
                })
                .collect();
            let expected = dropped_by_definition(&docs);
            let before: Vec<Vec<String>> =
                docs.iter().map(|d| d.blocks.iter().map(|b| d.text[b.range.clone()].to_string()).collect()).collect();
            let same = drop_repeated(&mut docs);
            for (d, doc) in docs.iter().enumerate() {
                let kept: Vec<&str> = doc.blocks.iter().map(|b| &doc.text[b.range.clone()]).collect();
                let want: Vec<&str> = (0..before[d].len())
                    .filter(|i| !expected[d].contains(i))
                    .map(|i| before[d][i].as_str())
                    .collect();
                proptest::prop_assert_eq!(kept, want);
            }
            // The same number for the same text, and only for it.
            let texts: Vec<(&str, u32)> = docs
                .iter()
                .zip(&same.of)
                .flat_map(|(doc, of)| doc.blocks.iter().zip(of).map(|(b, &n)| (&doc.text[b.range.clone()], n)))
                .collect();
            for &(a, m) in &texts {
                proptest::prop_assert!((m as usize) < same.count);
                for &(b, n) in &texts {
                    proptest::prop_assert_eq!(a == b, m == n);
                }
            }
        }

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
