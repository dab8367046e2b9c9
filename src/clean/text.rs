//! Cleaning a plain-text or Markdown source: split it into blocks, find the
//! title, date, outlet and byline, and drop everything that is not the
//! article, recording why.
//!
//! The pass runs in stages over candidate blocks:
//! 1. [`split_blocks`]: paragraphs and lines into blocks with a kind;
//! 2. a leading ` date YYYY-MM-DD` header is cut off the first block;
//! 3. context-free rules per block (phrase tables of [`rules`], shape
//!    statistics, date/byline lines, other language);
//! 4. context rules: caption labels, "related" sections, and the header
//!    and trailer zones around the article body, where short labels and
//!    teaser headlines are dropped and the title is picked.

use std::ops::Range;
use std::sync::OnceLock;

use super::rules::{self, How, StopMask};
use crate::document::{Block, BlockKind, Document, Meta, Removed};
use crate::segment::split;

/// Cleans a plain-text or Markdown source. `text` is the decoded source; the returned
/// Document's `text` is exactly this string (spans point into the file as the reader has it),
/// `blocks` are the article's content blocks (ranges into it), `removed` what was dropped and why.
pub(crate) fn clean_text(text: String) -> Document {
    let mut cands = split_blocks(&text);
    let mut meta = Meta::default();
    let mut removed = Vec::new();
    strip_date_header(&text, &mut cands, &mut meta, &mut removed);

    let ctx = LangCtx::new(&text);
    // Each block normalized once, for its statistics and the phrase rules;
    // the related-section pass only needs to know which are headers.
    let mut feats = Vec::with_capacity(cands.len());
    let mut related = Vec::with_capacity(cands.len());
    let mut reasons: Vec<Option<&'static str>> = Vec::with_capacity(cands.len());
    // Whether each block's text holds a `Contains` phrase anywhere, when
    // its phrase rules looked.
    let mut phrases = Vec::with_capacity(cands.len());
    // The blocks' normalized texts, one after another, and the [`Shift`]s
    // of each: the widget cut takes its sentences' normalized texts from
    // them ([`piece_norm`]) rather than normalizing them again. Each block
    // is normalized straight onto the end (normalizing into a scratch
    // buffer and copying it here cost a second pass over every block's
    // bytes, and a UTF-8 check of each).
    let mut norms = String::with_capacity(text.len());
    let mut shifts = Vec::new();
    let mut norm_at = Vec::with_capacity(cands.len());
    for c in &cands {
        let s = &text[c.range.clone()];
        let first_shift = shifts.len();
        let at = norms.len();
        let words = normalize_into(s, &mut norms, &mut shifts);
        norm_at.push((at..norms.len(), first_shift..shifts.len()));
        let norm = &norms[at..];
        let f = match words {
            Words::Same { quotes } => Feat::from_norm(s, norm, quotes, c.kind, &ctx),
            Words::Differ => None,
        };
        let f = f.unwrap_or_else(|| Feat::new(s, c.kind, &ctx));
        // The block's core, asked once for the rules that look at it.
        let kept = core(norm);
        let header = is_related_header(kept);
        related.push(header);
        let mut seen = None;
        reasons.push(block_rule(s, (norm, kept), header, &f, &ctx, &mut meta, &mut seen));
        phrases.push(seen);
        feats.push(f);
    }

    mark_caption_labels(&cands, &feats, &mut reasons);
    mark_related_sections(&text, &cands, &feats, &related, &mut reasons);
    mark_zones(&text, &cands, &feats, &mut reasons, &mut meta);
    find_site_in_text(&text, &cands, &reasons, &mut meta);

    let mut blocks = Vec::new();
    let mut units = Vec::new();
    for (((c, r), seen), at) in cands.into_iter().zip(reasons).zip(phrases).zip(norm_at) {
        match r {
            Some(reason) => removed.push(Removed { text: text[c.range].to_string(), reason }),
            None => {
                let block_norm = (&norms[at.0], &shifts[at.1]);
                let block = Block { range: c.range, kind: c.kind };
                let out = (&mut blocks, &mut removed, &mut units);
                cut_widgets(&text, block, seen, block_norm, out);
            }
        }
    }
    Document { text, blocks, meta, removed, units }
}

// ---------------------------------------------------------------------------
// Blocks

/// A block before cleaning decided whether to keep it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cand {
    pub range: Range<usize>,
    pub kind: BlockKind,
    /// Index of the blank-line separated paragraph the block stands in.
    pub para: usize,
    /// Number of source lines in the block.
    pub lines: usize,
}

/// Characters that may follow sentence-final punctuation.
#[cfg(test)]
const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', '«', ')', ']', '*', '_', ' ', '\u{a0}'];

/// `s` without the `CLOSERS` at its end, by bytes (the char-slice pattern
/// decoded each char and searched the slice for it: 16.7 ms of the .wasm's
/// Node time by clean18's profile, from `ends_sentence`).
pub(super) fn trim_closers(s: &str) -> &str {
    let mut b = s.as_bytes();
    loop {
        // (Each ends with a whole char: its first byte is a lead byte.)
        b = match b {
            [rest @ .., b'"' | b'\'' | b')' | b']' | b'*' | b'_' | b' ']
            | [rest @ .., 0xE2, 0x80, 0x9D | 0x99]
            | [rest @ .., 0xC2, 0xBB | 0xAB | 0xA0] => rest,
            _ => break,
        };
    }
    &s[..b.len()]
}

/// Splits `text` into candidate blocks (see the module docs of
/// [`crate::document`] for the invariants of the ranges).
pub(crate) fn split_blocks(text: &str) -> Vec<Cand> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut out: Vec<Cand> = Vec::new();
    let mut cur: Option<Cand> = None;
    let mut prev_line = 0..0;
    let mut para = 0;
    let mut pos = start;
    while pos < text.len() {
        // (`split_inclusive('\n')`'s char searcher cost some 250
        // instructions a line.)
        let line_start = pos;
        pos = next_newline(text.as_bytes(), pos).map_or(text.len(), |at| at + 1);
        // (Not `trim_end_matches(['\n', '\r'])`: its char searcher.)
        let mut body_end = pos;
        while body_end > line_start && matches!(text.as_bytes()[body_end - 1], b'\n' | b'\r') {
            body_end -= 1;
        }
        let t = trim_range(text, line_start..body_end);
        if t.is_empty() {
            out.extend(cur.take());
            para += 1;
            continue;
        }
        let s = &text[t.clone()];
        if let Some(off) = markdown_heading(s) {
            out.extend(cur.take());
            let r = trim_range(text, t.start + off..t.end);
            if !r.is_empty() {
                out.push(Cand { range: r, kind: BlockKind::Heading, para, lines: 1 });
            }
            continue;
        }
        if let Some(off) = list_marker(s) {
            out.extend(cur.take());
            let r = trim_range(text, t.start + off..t.end);
            if !r.is_empty() {
                cur = Some(Cand { range: r, kind: BlockKind::ListItem, para, lines: 1 });
                prev_line = t;
            }
            continue;
        }
        match cur.as_mut() {
            Some(c) if continues(&text[prev_line.clone()], s, c.lines) => {
                c.range.end = t.end;
                c.lines += 1;
            }
            _ => {
                out.extend(cur.take());
                cur = Some(Cand { range: t.clone(), kind: BlockKind::Paragraph, para, lines: 1 });
            }
        }
        prev_line = t;
    }
    out.extend(cur);
    for c in &mut out {
        if c.kind == BlockKind::Paragraph && c.lines == 1 && is_heading_like(&text[c.range.clone()]) {
            c.kind = BlockKind::Heading;
        }
    }
    out
}

/// The first '\n' of `bytes` from `from` on, found eight bytes at a time.
fn next_newline(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(&chunk) = bytes[i..].first_chunk::<8>() {
        let newlines = zero(u64::from_le_bytes(chunk) ^ (ONES * u64::from(b'\n')));
        if newlines != 0 {
            return Some(i + (newlines.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    bytes[i..].iter().position(|&b| b == b'\n').map(|at| i + at)
}

/// `range` without leading and trailing white space.
fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let start = range.start + (s.len() - s.trim_start().len());
    let end = range.start + s.trim_end().len();
    if start >= end { start..start } else { start..end }
}

/// Byte offset of a Markdown heading's text (`## Title`), if `s` is one.
fn markdown_heading(s: &str) -> Option<usize> {
    let hashes = s.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = &s[hashes..];
    if rest.starts_with([' ', '\t']) && !rest.trim().is_empty() { Some(hashes + 1) } else { None }
}

/// Byte offset of a list item's text (`- item`, `* item`, `• item`,
/// `1. item`), if `s` starts with a list marker.
fn list_marker(s: &str) -> Option<usize> {
    for m in ["- ", "* ", "+ ", "• ", "· ", "▪ ", "– "] {
        if s.starts_with(m) && !s[m.len()..].trim().is_empty() {
            return Some(m.len());
        }
    }
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &s[digits..];
        if (rest.starts_with(". ") || rest.starts_with(") ")) && !rest[2..].trim().is_empty() {
            return Some(digits + 2);
        }
    }
    None
}

/// Whether the line `next` continues the block whose last line is `prev`
/// (a soft or hard wrap inside one paragraph).
fn continues(prev: &str, next: &str, lines: usize) -> bool {
    if ends_sentence(prev) || is_domain(next) {
        return false;
    }
    if next.chars().next().is_some_and(char::is_lowercase) {
        return true;
    }
    // Counted up to 6, the most any test below asks (a count by chars of
    // every word of the line was some of cleaning's time in the .wasm).
    let n_prev = tokens_up_to(prev, 6);
    match prev.chars().last() {
        Some(',' | ';' | '-' | '–' | '—' | '(' | '/' | '&') => return true,
        Some(':') if n_prev >= 4 => return true,
        _ => {}
    }
    if n_prev >= 3 {
        let last_word = prev.split_whitespace().last().map(|w| w.to_lowercase()).unwrap_or_default();
        if rules::CONNECTIVES.contains(&last_word.as_str()) {
            return true;
        }
    }
    lines >= 2 && n_prev >= 6
}

/// Whether `s` ends with sentence-final punctuation, possibly followed by
/// closing quotes or brackets.
pub(crate) fn ends_sentence(s: &str) -> bool {
    trim_closers(s).chars().next_back().is_some_and(crate::segment::split::is_final_punct)
}

/// A short line without final punctuation (or a Title Case headline ending
/// with an initialism such as "U.S."), standing alone.
fn is_heading_like(s: &str) -> bool {
    // The cheap tests first, the word statistics last (all are pure). Most
    // single-line paragraphs end a sentence, and the tests of their end
    // answer before their tokens are counted.
    if s.ends_with([',', ':', ';']) {
        return false;
    }
    let ends = ends_sentence(s);
    if ends && !ends_with_initialism(s) {
        return false;
    }
    // Counting stops past 20 tokens.
    let n = tokens_up_to(s, 21);
    if n == 0 || n > 20 || !s.chars().any(char::is_alphabetic) {
        return false;
    }
    if ends && !title_case(s) {
        return false;
    }
    // a long line of running text that only lacks its full stop (ten
    // words need ten tokens)
    if n >= 10 {
        let mut stops = StopCounts::default();
        for_each_word(s, |w| stops.push(rules::stop_mask(w)));
        if stops.words >= 10 && stops.max_ratio() >= 0.35 && !title_case(s) {
            return false;
        }
    }
    true
}

/// Eight bytes in a `u64`, each 0x01.
pub(crate) const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
/// Bit 7 of each of eight bytes in a `u64`.
pub(crate) const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
const LOW7: u64 = u64::from_ne_bytes([0x7f; 8]);

/// The high bit of each byte of ASCII `x` that is below `n` (n <= 0x80).
pub(crate) fn below(x: u64, n: u8) -> u64 {
    !((x | HIGH) - ONES * u64::from(n)) & HIGH
}

/// The high bit of each zero byte of `x`.
pub(crate) fn zero(x: u64) -> u64 {
    !(((x & LOW7) + LOW7) | x) & HIGH
}

/// `s.split_whitespace().take(limit).count()`, eight bytes at a time where
/// they are ASCII (the char iterator cost some 1,200 instructions for a
/// paragraph's first 21 tokens).
fn tokens_up_to(s: &str, limit: usize) -> usize {
    let bytes = s.as_bytes();
    let (mut n, mut in_token, mut i) = (0, false, 0);
    loop {
        if let Some(&chunk) = bytes[i..].first_chunk::<8>() {
            let x = u64::from_le_bytes(chunk);
            if x & HIGH == 0 {
                // ASCII white space as `char::is_whitespace` has it: ' '
                // and '\t'..='\r'; the high bit of each such byte.
                let white = zero(x ^ (ONES * u64::from(b' '))) | (below(x, b'\r' + 1) & !below(x, b'\t'));
                let word = !white & HIGH;
                // Tokens start at word bytes after white space.
                let after_white = white << 8 | if in_token { 0 } else { 0x80 };
                n += (word & after_white).count_ones() as usize;
                if n >= limit {
                    return limit;
                }
                in_token = word >> 63 != 0;
                i += 8;
                continue;
            }
        }
        let Some(c) = s[i..].chars().next() else { break };
        i += c.len_utf8();
        let white = c.is_whitespace();
        if !white && !in_token {
            n += 1;
            if n >= limit {
                return limit;
            }
        }
        in_token = !white;
    }
    n
}

/// Most content words start with a capital letter.
fn title_case(s: &str) -> bool {
    // The words counted on the way, each lower-cased into one reused buffer
    // (a String for each word and a vector of them cost some 8,000
    // instructions a line).
    let mut lower = String::new();
    let (mut words, mut caps) = (0, 0);
    for w in s.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)) {
        let b = bare(w);
        if b.is_ascii() {
            lower.clear();
            lower.push_str(b);
            lower.make_ascii_lowercase();
        } else {
            lower = b.to_lowercase();
        }
        if rules::stop_mask(&lower) & (1 << rules::EN) != 0 {
            continue;
        }
        words += 1;
        caps +=
            usize::from(w.chars().find(|c| c.is_alphanumeric()).is_some_and(|c| c.is_uppercase() || c.is_numeric()));
    }
    words >= 2 && caps * 5 >= words * 4
}

/// The last word is an initialism like "U.S." or "U.N.".
fn ends_with_initialism(s: &str) -> bool {
    let last = s.split_whitespace().last().unwrap_or("");
    let last = trim_closers(last);
    last.len() >= 4
        && last.ends_with('.')
        && last
            .split('.')
            .filter(|p| !p.is_empty())
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase))
}

/// A single token that looks like a domain name ("americanmilitarynews.com").
fn is_domain(s: &str) -> bool {
    let s = s.trim();
    if s.contains(char::is_whitespace) || s.ends_with('.') {
        return false;
    }
    let s = s.trim_start_matches("https://").trim_start_matches("http://").trim_end_matches('/');
    match s.rsplit_once('.') {
        Some((head, tld)) => {
            !head.is_empty()
                && head.chars().any(char::is_alphabetic)
                && (2..=6).contains(&tld.len())
                && tld.chars().all(|c| c.is_ascii_lowercase())
        }
        None => false,
    }
}

/// `w` without surrounding punctuation.
fn bare(w: &str) -> &str {
    // Most words start and end with an ASCII letter or digit: nothing to
    // trim, and no call of the trimming (whose registers cost this quick
    // answer half its instructions). The two bytes looked up in a table
    // (`is_ascii_alphanumeric` twice, with its branches, cost some 15
    // instructions a word).
    match (w.as_bytes().first(), w.as_bytes().last()) {
        (Some(&first), Some(&last)) if ASCII_ALNUM[usize::from(first)] & ASCII_ALNUM[usize::from(last)] => w,
        _ => trim_punctuation(w),
    }
}

/// Whether each byte is an ASCII letter or digit.
static ASCII_ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// [`bare`] of a word that may have something to trim.
#[inline(never)]
fn trim_punctuation(w: &str) -> &str {
    trim_ends(w, |x| ASCII_ALNUM[usize::from(x)], |w| w.trim_matches(|c: char| !c.is_alphanumeric()))
}

/// `w` without the chars at its ends that `by_chars` trims, where
/// `kept_ascii` says which ASCII bytes it keeps. ASCII ends are trimmed
/// byte by byte; only a word that then starts or ends outside ASCII goes
/// through `by_chars` (`trim_matches`, whose char searchers stay out of
/// line in the .wasm: 1% of its time, some 90 instructions a block).
#[inline]
fn trim_ends(w: &str, kept_ascii: impl Fn(u8) -> bool, by_chars: impl Fn(&str) -> &str) -> &str {
    let b = w.as_bytes();
    let trimmed = |&x: &u8| x < 0x80 && !kept_ascii(x);
    let start = b.iter().position(|x| !trimmed(x)).unwrap_or(b.len());
    let end = b.iter().rposition(|x| !trimmed(x)).map_or(start, |at| at + 1);
    // Both are char boundaries: next to an ASCII byte, or an end.
    let w = &w[start..end];
    match (w.as_bytes().first(), w.as_bytes().last()) {
        (Some(&first), Some(&last)) if first >= 0x80 || last >= 0x80 => by_chars(w),
        _ => w,
    }
}

// ---------------------------------------------------------------------------
// Statistics

/// The article language and its stop words.
struct LangCtx {
    /// ISO 639-1 code (see [`crate::lang::detect_any`]).
    lang: Option<&'static str>,
    /// Index of its stop-word list in [`rules::STOP_LISTS`].
    stops: Option<usize>,
}

impl LangCtx {
    fn new(text: &str) -> LangCtx {
        // Detection looks at a prefix (4 KB): it tells the language as well
        // as the whole, at a bounded cost.
        let lang = crate::lang::detect_any(text).map(|(code, _)| code);
        let stops = match lang {
            Some(l) => rules::stop_list_index(l),
            None => Some(rules::EN),
        };
        LangCtx { lang, stops }
    }
}

/// Shape statistics of a block.
#[derive(Debug, Clone)]
struct Feat {
    kind: BlockKind,
    /// How many of the block's [`words`] each stop-word list holds.
    stops: StopCounts,
    /// How many of its [`words`] are social network names.
    social: usize,
    /// Whitespace-separated tokens.
    tokens: usize,
    /// Share of article-language stop words among `words`; 0.5 when the
    /// language has no stop-word list.
    stop: f32,
    ends: bool,
}

impl Feat {
    fn new(s: &str, kind: BlockKind, ctx: &LangCtx) -> Feat {
        let mut words = WordStats::new();
        let tokens = for_each_word(s, |w| words.push(w.as_bytes()));
        words.feat(s, kind, tokens, ctx)
    }

    /// `Feat::new(s, ..)` from `norm`, `normalize(s)`, when its tokens give
    /// the same words as those of `s` ([`Words::Same`] with its `quotes`): no
    /// second split of the block at white space, no copy of its words. None
    /// when a word holds a quote that may stand for another in `s`.
    fn from_norm(s: &str, norm: &str, quotes: Quotes, kind: BlockKind, ctx: &LangCtx) -> Option<Feat> {
        // (Asked of the few quotes of the text, not of every word.)
        if quotes.in_words(norm) {
            return None;
        }
        let mut words = WordStats::new();
        let mut tokens = 0;
        // Single spaces between tokens, none first or last.
        for_each_token(norm, |token| {
            tokens += 1;
            // `bare`'s quick answer on the token's bytes: no `str` slice
            // (whose char-boundary checks cost some 18 instructions a
            // token) unless there is something to trim.
            let t = &norm.as_bytes()[token.clone()];
            let w = match (t.first(), t.last()) {
                (Some(&first), Some(&last)) if ASCII_ALNUM[usize::from(first)] & ASCII_ALNUM[usize::from(last)] => t,
                // A word and one ASCII mark ("said,", "Monday."): trimmed
                // here, not by a call of `trim_punctuation` (some 80
                // instructions; it had some 49,000 calls a run).
                (Some(&first), Some(&last))
                    if last < 0x80
                        && ASCII_ALNUM[usize::from(first)]
                        && t.len() >= 2
                        && ASCII_ALNUM[usize::from(t[t.len() - 2])] =>
                {
                    &t[..t.len() - 1]
                }
                _ => trim_punctuation(&norm[token]).as_bytes(),
            };
            if !w.is_empty() {
                words.push(w);
            }
            true
        });
        Some(words.feat(s, kind, tokens, ctx))
    }

    /// The number of [`words`].
    fn n(&self) -> usize {
        self.stops.words
    }

    /// Running text: a sentence, not a label, headline or list of names.
    fn sentence_like(&self) -> bool {
        self.kind != BlockKind::Heading
            && ((self.n() >= 6 && self.ends && self.stop >= 0.1) || (self.n() >= 10 && self.stop >= 0.35))
    }
}

/// Calls `f` with where each of the tokens of `norm`, a normalized text
/// (single spaces between tokens, none first or last), stands in it, until
/// it returns false. The spaces are found eight bytes at a time: a
/// byte-by-byte search (and `str::split(' ')`'s char searcher more so) cost
/// some 30 instructions a word.
fn for_each_token(norm: &str, mut f: impl FnMut(Range<usize>) -> bool) {
    if norm.is_empty() {
        return;
    }
    let bytes = norm.as_bytes();
    let (mut start, mut i) = (0, 0);
    while let Some(&chunk) = bytes[i..].first_chunk::<8>() {
        // The high bit of each space byte (other bytes, those of chars
        // outside ASCII too, differ from 0x20 in some bit).
        let mut spaces = zero(u64::from_le_bytes(chunk) ^ (ONES * u64::from(b' ')));
        while spaces != 0 {
            let at = i + (spaces.trailing_zeros() / 8) as usize;
            if !f(start..at) {
                return;
            }
            start = at + 1;
            spaces &= spaces - 1;
        }
        i += 8;
    }
    for (at, &b) in bytes.iter().enumerate().skip(i) {
        if b == b' ' {
            if !f(start..at) {
                return;
            }
            start = at + 1;
        }
    }
    f(start..bytes.len());
}

/// What [`Feat`] keeps of a block's words, gathered word by word. (Whether
/// they are a relative time stamp is asked only by [`custom_rule`], of the
/// few blocks that may be one: [`relative_time`]. A test of each word here,
/// whether it is "ago", cost some five instructions a word.)
struct WordStats {
    /// [`rules::word_info`]'s tables, fetched once a block.
    info: &'static rules::WordInfo,
    stops: StopCounts,
    social: usize,
}

impl WordStats {
    fn new() -> WordStats {
        WordStats { info: rules::WordInfo::get(), stops: StopCounts::default(), social: 0 }
    }

    // In the .wasm inlined into the loop over a block's tokens (LLVM's
    // threshold there keeps it out of line): a call a word.
    #[cfg_attr(target_arch = "wasm32", inline(always))]
    fn push(&mut self, w: &[u8]) {
        let (mask, is_social) = self.info.of(w);
        self.stops.push(mask);
        self.social += usize::from(is_social);
    }

    fn feat(self, s: &str, kind: BlockKind, tokens: usize, ctx: &LangCtx) -> Feat {
        let stop = match ctx.stops {
            Some(list) => self.stops.ratio(list),
            None => 0.5,
        };
        let WordStats { stops, social, .. } = self;
        Feat { kind, tokens, stop, ends: ends_sentence(s), stops, social }
    }
}

/// Whether the words of `s` ([`for_each_word`]) are a relative time stamp
/// ("Updated 4 days ago"). Such words end with "ago", and what follows its
/// 'o' in `s` has no letter or digit ([`bare`] trims it, or it is a token
/// of none, which gives no word): the last letter or digit of `s` is an
/// 'o' or 'O' (no other char lower-cases to 'o'). Only then are the words
/// gathered.
fn relative_time(s: &str) -> bool {
    if !s.chars().rev().find(|c| c.is_alphanumeric()).is_some_and(|c| matches!(c, 'o' | 'O')) {
        return false;
    }
    let mut time = RelativeTime::default();
    for_each_word(s, |w| time.push(w));
    time.matches()
}

/// How many of some words each of [`rules::STOP_LISTS`] holds, from their
/// [`rules::stop_mask`]s: the counts, not the masks, so no vector a block.
#[derive(Debug, Clone, Default, PartialEq)]
struct StopCounts {
    /// The words.
    words: usize,
    /// For each list, the words it holds, but for those in `recent`.
    hits: [usize; rules::STOP_LISTS.len()],
    /// For each list, in byte `list`, the words it holds among the last
    /// `pending` words in some list: all lists counted at once by one
    /// addition (a loop over the lists cost some 20 instructions a stop
    /// word).
    recent: u64,
    /// At most 255, so no byte of `recent` overflows.
    pending: u8,
}

// Each list has a byte of `StopCounts::recent`, which `spread` fills.
const _: () = assert!(rules::STOP_LISTS.len() <= 7);

/// Bit `i` of `mask` (a [`StopMask`] of at most 7 lists) in byte `i`: the
/// product puts bit `j` of `mask` at bit `7 * i + j` for each `i`, and two
/// of those meet only where `7 * (i - i') = j' - j`, that is nowhere for
/// `j`, `j'` below 7: no carry, and bit `8 * i` is bit `i` of `mask`.
fn spread(mask: StopMask) -> u64 {
    const TIMES: u64 = {
        let (mut times, mut i) = (0, 0);
        while i < 7 {
            times |= 1 << (7 * i);
            i += 1;
        }
        times
    };
    (u64::from(mask) & 0x7f).wrapping_mul(TIMES) & ONES
}

impl StopCounts {
    fn push(&mut self, mask: StopMask) {
        self.words += 1;
        // Most words are in no list.
        if mask != 0 {
            self.recent += spread(mask);
            self.pending += 1;
            if self.pending == u8::MAX {
                for (list, hits) in self.hits.iter_mut().enumerate() {
                    *hits += (self.recent >> (8 * list) & 0xff) as usize;
                }
                (self.recent, self.pending) = (0, 0);
            }
        }
    }

    /// The share of the words in stop-word list `list` (an index into
    /// [`rules::STOP_LISTS`]).
    fn ratio(&self, list: usize) -> f32 {
        if self.words == 0 {
            return 0.0;
        }
        (self.hits[list] + (self.recent >> (8 * list) & 0xff) as usize) as f32 / self.words as f32
    }

    /// The highest stop-word share over the languages we have lists for.
    fn max_ratio(&self) -> f32 {
        (0..rules::STOP_LISTS.len()).map(|list| self.ratio(list)).fold(0.0, f32::max)
    }
}

/// Lower-case words of `s`, without surrounding punctuation.
#[cfg(test)]
fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(s, |w| out.push(w.to_owned()));
    out
}

/// Calls `f` with each of the lower-case words of `s`, without surrounding
/// punctuation (curly apostrophes straightened), in one reused buffer.
/// Returns the number of whitespace-separated tokens.
fn for_each_word(s: &str, mut f: impl FnMut(&str)) -> usize {
    let mut buf = String::new();
    let mut tokens = 0;
    for w in s.split_whitespace().inspect(|_| tokens += 1).map(bare).filter(|w| !w.is_empty()) {
        if w.is_ascii() {
            buf.clear();
            buf.push_str(w);
            buf.make_ascii_lowercase();
            f(&buf);
        } else {
            f(&w.to_lowercase().replace('’', "'"));
        }
    }
    tokens
}

/// Whether words given one by one make a relative time stamp: after any
/// [`rules::DATE_LINE_WORDS`], a number (or "a", "an"), a unit of
/// [`rules::TIME_UNITS`], and "ago" ("Updated 4 days ago").
#[derive(Default)]
struct RelativeTime {
    /// Words after the leading date-line words.
    after: usize,
    /// Whether each of the first three of those is as it must be.
    ok: [bool; 3],
}

impl RelativeTime {
    fn push(&mut self, w: &str) {
        if self.after == 0 && rules::DATE_LINE_WORDS.contains(&w) {
            return;
        }
        if let Some(ok) = self.ok.get_mut(self.after) {
            *ok = match self.after {
                0 => w.chars().all(|c| c.is_ascii_digit()) || w == "a" || w == "an",
                1 => rules::TIME_UNITS.contains(&w),
                _ => w == "ago",
            };
        }
        self.after += 1;
    }

    fn matches(&self) -> bool {
        self.after == 3 && self.ok == [true; 3]
    }
}

/// The share of words in stop-word list `list` (an index into
/// [`rules::STOP_LISTS`]), given the words' [`rules::stop_mask`]s: what
/// [`StopCounts::ratio`] tells from counts.
#[cfg(test)]
fn stop_ratio(masks: &[StopMask], list: usize) -> f32 {
    if masks.is_empty() {
        return 0.0;
    }
    let hits = masks.iter().filter(|&&m| m & (1 << list) != 0).count();
    hits as f32 / masks.len() as f32
}

/// Lower case, straight quotes, single spaces.
#[cfg(test)]
fn normalize(s: &str) -> String {
    let mut out = String::new();
    let _ = normalize_into(s, &mut out, &mut Vec::new());
    out
}

/// Where a normalized text stops keeping the bytes of its source in step
/// (see [`normalize_into`]): (offset in the source after a char, offset in
/// the normalized text after what that char became). From there on, until
/// the next shift, each source byte is one byte of the normalized text.
type Shift = (usize, usize);

/// `normalize(s)` appended to `out`: the blocks' normalized texts go one
/// after another into one buffer. Eight bytes at a time where they are
/// plain ASCII text: no control or non-ASCII byte, no space that a space
/// precedes.
///
/// Pushes to `shifts` each [`Shift`] of the appended text against `s` (where
/// a space was dropped or a char became more or fewer bytes; offsets from
/// where it starts in `out`), so that the normalized text of a piece of `s`
/// can be taken from it ([`piece_norm`]).
fn normalize_into(s: &str, out: &mut String, shifts: &mut Vec<Shift>) -> Words {
    // Built in the `String` itself, whole chars at a time: no copy, and no
    // UTF-8 check at the end.
    let base = out.len();
    out.reserve(s.len());
    let bytes = s.as_bytes();
    let mut quotes = Quotes::default();
    let mut differ = false;
    // The last shift: source byte `i` past it stands at `i + out - src`.
    let mut last: Shift = (0, 0);
    let mut i = 0;
    loop {
        // Runs of plain chunks found by a loop that only tests them, then
        // copied and lower-cased at once (one loop that tested, lower-cased
        // and pushed each chunk, with the char by char path, cost some 50
        // instructions a chunk, many of them spilled state).
        // A space may stand first in a chunk only after a word.
        let mut after_word = out.as_bytes()[base..].last().is_some_and(|&l| l != b' ');
        let start = i;
        // (An array, not a slice: one load, not eight.)
        while let Some(&chunk) = bytes[i..].first_chunk::<8>() {
            let x = u64::from_le_bytes(chunk);
            let spaces = zero(x ^ (ONES * u64::from(b' ')));
            if x & HIGH != 0
                || below(x, 0x20) != 0
                || spaces & (spaces >> 8) != 0
                || (spaces & 0x80 != 0 && !after_word)
            {
                break;
            }
            after_word = spaces >> 56 == 0;
            i += 8;
        }
        if i > start {
            let at = out.len();
            // (ASCII bytes: `start` and `i` are char boundaries.)
            out.push_str(&s[start..i]);
            out[at..].make_ascii_lowercase();
        }
        let Some(&b) = bytes.get(i) else { break };
        if b.is_ascii() {
            i += 1;
            // ASCII white space as `char::is_whitespace` has it.
            if matches!(b, b'\t'..=b'\r' | b' ') {
                push_space(out, base);
                // (Only a dropped space shifts an ASCII text.)
                shift(shifts, &mut last, i, out.len() - base);
            } else {
                out.push(char::from(b.to_ascii_lowercase()));
            }
            continue;
        }
        let Some(c) = s[i..].chars().next() else { break };
        i += c.len_utf8();
        let c = match c {
            '’' => '\'',
            '‘' => {
                quotes.single |= may_stand_inside(&out.as_bytes()[base..], bytes, i);
                '\''
            }
            '“' | '”' => {
                quotes.double |= may_stand_inside(&out.as_bytes()[base..], bytes, i);
                '"'
            }
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            push_space(out, base);
        } else {
            // A char without a lower case of its own lower-cases to itself
            // alone; any other may turn otherwise in a word ([`Words`]).
            for l in c.to_lowercase() {
                differ |= l != c;
                out.push(l);
            }
        }
        shift(shifts, &mut last, i, out.len() - base);
    }
    // (A space dropped last is no shift: [`piece_norm`] ends at the text's end.)
    if out.len() > base && out.ends_with(' ') {
        out.pop();
    }
    if differ { Words::Differ } else { Words::Same { quotes } }
}

/// Whether a quote of the source that ends at byte `i` of `bytes`, its
/// normalized text so far `buf`, may stand between two chars of its token:
/// not first in it (after a space, or first of all) nor last (before white
/// space, or last of all). Most curly quotes open or close a token, and a
/// quote there is never inside a word ([`Quotes`]): asking only of the
/// others saves most blocks with curly quotes the search for a quote in a
/// word ([`quote_in_word`], some 2,000 instructions a block) and a second
/// split of their words ([`Feat::new`], when a word holds an apostrophe).
/// (White space outside ASCII after the quote counts as a char: the quote
/// may stand inside.)
fn may_stand_inside(buf: &[u8], bytes: &[u8], i: usize) -> bool {
    buf.last().is_some_and(|&l| l != b' ') && bytes.get(i).is_some_and(|&b| !matches!(b, b'\t'..=b'\r' | b' '))
}

/// Pushes the [`Shift`] `(src, out)` when the bytes before `src` became
/// other than `out` bytes in step with `last`, the last shift.
fn shift(shifts: &mut Vec<Shift>, last: &mut Shift, src: usize, out: usize) {
    if out + last.0 != src + last.1 {
        *last = (src, out);
        shifts.push(*last);
    }
}

/// Whether the tokens of `normalize(s)` give the words of `s` as
/// [`for_each_word`] has them: they do when the chars of `s` outside ASCII
/// are white space, curly quotes, or their own lower case (dashes, "…",
/// "é": both leave them as they are), which all turn the same way (lower
/// case and the quotes straightened keep every char's kind, so trimming the
/// punctuation around a token commutes with them), except that
/// [`for_each_word`] straightens only ’: a word that keeps a ' or " inside
/// may differ when ‘ or “ ” stand in `s` ([`Quotes`]). Other chars may
/// differ (the context of a final sigma, "İ" lower-cased to two chars).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Words {
    Same { quotes: Quotes },
    Differ,
}

/// The curly quotes of a text that [`for_each_word`] keeps as they are,
/// those that may stand inside a token ([`may_stand_inside`]): one first
/// or last in its token is trimmed off the word by both ways.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Quotes {
    /// ‘
    single: bool,
    /// “ or ”
    double: bool,
}

impl Quotes {
    /// Whether a word of normalized text `norm` ([`bare`] of a token) holds
    /// a quote that may stand for one of these: one with a letter or digit
    /// before and after it in its token.
    fn in_words(self, norm: &str) -> bool {
        (self.single && quote_in_word(norm, b'\'')) || (self.double && quote_in_word(norm, b'"'))
    }
}

/// Whether a token of `norm` (normalized: single spaces between tokens)
/// holds `quote` between its first and last letter or digit.
///
/// Only the tokens that hold `quote` are read: from each quote, searched
/// for in the text, out to the spaces around it, and each token at most
/// once (walking out from every quote was quadratic in a long run of
/// quotes). Splitting the text at every space instead cost some 150
/// instructions a token.
fn quote_in_word(norm: &str, quote: u8) -> bool {
    let bytes = norm.as_bytes();
    // The start of the text not yet read: a token's start.
    let mut from = 0;
    while let Some(q) = norm[from..].find(char::from(quote)) {
        let q = from + q;
        let start = norm[from..q].rfind(' ').map_or(from, |s| from + s + 1);
        let end = norm[q..].find(' ').map_or(norm.len(), |e| q + e);
        let token = &norm[start..end];
        // A quote between the token's first and last letter or digit.
        if let Some((first, _)) = token.char_indices().find(|&(_, c)| c.is_alphanumeric()) {
            let last = token.char_indices().rev().find(|&(_, c)| c.is_alphanumeric()).map_or(first, |(at, _)| at);
            if token.as_bytes()[first..last].contains(&quote) {
                return true;
            }
        }
        if end >= bytes.len() {
            break;
        }
        from = end + 1;
    }
    false
}

/// One space between words: none first (at `base`, where the text being
/// normalized starts in `out`), none after another.
fn push_space(out: &mut String, base: usize) {
    if out.as_bytes()[base..].last().is_some_and(|&l| l != b' ') {
        out.push(' ');
    }
}

/// `normalize(&s[piece])` (`piece` on char boundaries) from `whole`,
/// `normalize(s)`, and the [`Shift`]s `normalize_into` found: the bytes
/// that the piece's chars became, without a space first or last.
/// `normalize` maps each char on its own (lower case, straight quotes, white
/// space to a space), but for the spaces it drops: first, last and after
/// another, so the piece's own normalization can differ from those bytes
/// only by a space first or last.
fn piece_norm<'a>(whole: &'a str, shifts: &[Shift], piece: Range<usize>) -> &'a str {
    let at = |src: usize| {
        let by = shifts.partition_point(|&(from, _)| from <= src).checked_sub(1).map_or((0, 0), |k| shifts[k]);
        // (Past a space dropped last, at the end.)
        (src - by.0 + by.1).min(whole.len())
    };
    whole[at(piece.start)..at(piece.end)].trim_matches(' ')
}

/// `s.split_whitespace().count()` from `normalize(s)`, which turns each run
/// of white space between tokens into one space (and nothing else into one).
fn normalized_tokens(norm: &str) -> usize {
    if norm.is_empty() {
        return 0;
    }
    // The spaces counted eight bytes at a time (byte by byte, this was
    // some five instructions a byte of every kept sentence): each chunk's
    // spaces as 0 or 1 in each byte, summed into the top byte by a multiply.
    let chunks = norm.as_bytes().chunks_exact(8);
    let tail = chunks.remainder().iter().filter(|&&b| b == b' ').count();
    let spaces: u64 = chunks
        .map(|c| {
            let x = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            (zero(x ^ (ONES * u64::from(b' '))) >> 7).wrapping_mul(ONES) >> 56
        })
        .sum();
    spaces as usize + tail + 1
}

/// `norm` without the punctuation around it ("RELATED:" -> "related").
fn core(norm: &str) -> &str {
    // For an ASCII char, `is_alphanumeric` is `is_ascii_alphanumeric`.
    let kept = |x: u8| ASCII_ALNUM[usize::from(x)] || x == b'+' || x == b'#';
    // Most blocks and sentences start with a letter or digit and end with
    // one or with one mark after one ("... said."): answered here, without
    // the trimming's loops (some 80 instructions a call, one call a block
    // and one a sentence). Natively only: in the .wasm it cost 70 B
    // gzipped, over the budget.
    if cfg!(not(target_arch = "wasm32"))
        && let [first, .., before, last] = *norm.as_bytes()
        && kept(first)
        && kept(before)
        && last < 0x80
    {
        return if kept(last) { norm } else { &norm[..norm.len() - 1] };
    }
    trim_ends(norm, kept, core_by_chars)
}

/// [`core`] char by char.
fn core_by_chars(norm: &str) -> &str {
    norm.trim_matches(|c: char| !c.is_alphanumeric() && c != '+' && c != '#' && c != '©')
}

/// Whether `phrase` occurs in `hay` at `at` on word boundaries.
fn on_boundary(hay: &str, at: usize, phrase: &str) -> bool {
    let before_ok =
        !phrase.starts_with(char::is_alphanumeric) || !hay[..at].chars().last().is_some_and(char::is_alphanumeric);
    let end = at + phrase.len();
    let after_ok =
        !phrase.ends_with(char::is_alphanumeric) || !hay[end..].chars().next().is_some_and(char::is_alphanumeric);
    before_ok && after_ok
}

/// Whether `phrase` occurs in `hay` at `at` after a word boundary.
fn starts_on_boundary(hay: &str, at: usize, phrase: &str) -> bool {
    !phrase.starts_with(char::is_alphanumeric) || !hay[..at].chars().last().is_some_and(char::is_alphanumeric)
}

/// The `How::Contains` rules of [`rules::PHRASE_RULES`] with a phrase in
/// `norm` on a word boundary, one bit per rule.
#[cfg(test)]
fn contains_rules(norm: &str) -> u64 {
    contains_scan(norm).0
}

/// [`contains_rules`], and whether `norm` holds any `Contains` phrase at
/// all, on a word boundary or not.
fn contains_scan(norm: &str) -> (u64, bool) {
    const _: () = assert!(rules::PHRASE_RULES.len() <= 64);
    let mut hits = 0u64;
    let mut seen = false;
    rules::ContainsIndex::get().for_each_match(norm, |rule, at, phrase| {
        seen = true;
        if starts_on_boundary(norm, at, phrase) {
            hits |= 1 << rule;
        }
    });
    (hits, seen)
}

/// The `Exact`, `Prefix` and `Suffix` rules of [`rules::PHRASE_RULES`] with
/// a phrase that matches `norm` (as [`prefix_matches`] and
/// [`suffix_matches`] tell, or exactly), one bit per rule; `c` is its
/// [`core`].
fn anchored_rules(norm: &str, c: &str) -> u64 {
    let index = rules::AnchoredIndex::get();
    let mut hits = if c.len() <= index.exact_len { index.exact.get(c).copied().unwrap_or(0) } else { 0 };
    if let Some(&first) = norm.as_bytes().first() {
        for &(phrase, rule) in index.prefixes(first) {
            // The second bytes first, inline: most phrases that share the
            // block's first byte differ there.
            let second = phrase.as_bytes().get(1);
            if second.is_none_or(|b| norm.as_bytes().get(1) == Some(b)) && prefix_matches(norm, phrase) {
                hits |= 1 << rule;
            }
        }
    }
    let trimmed = norm.trim_end_matches(SUFFIX_END);
    if let Some(&last) = trimmed.as_bytes().last() {
        for &(phrase, rule) in index.suffixes(last) {
            if suffix_matches(trimmed, phrase) {
                hits |= 1 << rule;
            }
        }
    }
    hits
}

/// Whether `phrase` matches `norm` as a phrase of kind `how` does; the
/// rules ask [`prefix_matches`], [`suffix_matches`] and the indexes of
/// [`rules`], which tell the same.
#[cfg(test)]
fn phrase_matches(how: How, norm: &str, phrase: &str) -> bool {
    match how {
        How::Exact => core(norm) == phrase,
        How::Prefix => prefix_matches(norm, phrase),
        How::Contains => norm.match_indices(phrase).any(|(at, _)| starts_on_boundary(norm, at, phrase)),
        How::Suffix => suffix_matches(norm.trim_end_matches(SUFFIX_END), phrase),
    }
}

/// Whether `norm` starts with the `How::Prefix` phrase `phrase`, on word
/// boundaries.
fn prefix_matches(norm: &str, phrase: &str) -> bool {
    norm.starts_with(phrase) && on_boundary(norm, 0, phrase)
}

/// What a `How::Suffix` phrase may stand before.
const SUFFIX_END: [char; 4] = ['.', ' ', ',', ';'];

/// Whether `trimmed`, a text without its [`SUFFIX_END`], ends with the
/// `How::Suffix` phrase `phrase` after a word boundary.
fn suffix_matches(trimmed: &str, phrase: &str) -> bool {
    trimmed.ends_with(phrase) && starts_on_boundary(trimmed, trimmed.len() - phrase.len(), phrase)
}

// ---------------------------------------------------------------------------
// Context-free rules

/// The rule that drops block `s` on its own, if any. May fill `meta` from
/// date and byline lines.
/// `norm` is the block's normalized text and its [`core`];
/// `related_header` is [`is_related_header`] of it.
fn block_rule(
    s: &str,
    (norm, c): (&str, &str),
    related_header: bool,
    f: &Feat,
    ctx: &LangCtx,
    meta: &mut Meta,
    phrases: &mut Option<bool>,
) -> Option<&'static str> {
    if !s.chars().any(char::is_alphanumeric) {
        return Some("separator");
    }
    if related_header {
        // decided by the related-section pass
        return None;
    }
    if let Some(reason) = phrase_rule((norm, Some(c)), f.tokens, phrases) {
        if reason == "copyright" && meta.site.is_none() {
            meta.site = copyright_holder(s);
        }
        return Some(reason);
    }
    if f.tokens <= 30
        && ((may_start_teaser(norm) && rules::TEASER_PREFIXES.iter().any(|p| prefix_matches(norm, p)))
            || ends_teaser(norm))
    {
        return Some("teaser");
    }
    if let Some(reason) = meta_line(s, f, meta) {
        return Some(reason);
    }
    if let Some(reason) = custom_rule(s, (norm, c), f) {
        return Some(reason);
    }
    if is_other_language(s, f, ctx) {
        return Some("other-language");
    }
    None
}

/// Whether `norm`, without the periods and spaces at its end, ends with one
/// of [`rules::TEASER_SUFFIXES`]. The end is trimmed once, by bytes (both
/// are ASCII, so the cut is on a char boundary), where
/// `TEASER_SUFFIXES.iter().any(|p| norm.trim_end_matches(['.', ' ']).ends_with(p))`
/// ran core's char searcher once a suffix (out of line in the .wasm).
fn ends_teaser(norm: &str) -> bool {
    let bytes = norm.as_bytes();
    let end = bytes.iter().rposition(|&b| b != b'.' && b != b' ').map_or(0, |i| i + 1);
    let trimmed = &bytes[..end];
    rules::TEASER_SUFFIXES.iter().any(|p| trimmed.ends_with(p.as_bytes()))
}

/// Whether `norm` may start with one of [`rules::TEASER_PREFIXES`]: each
/// holds a ':' or '-' in its first [`TEASER_PREFIX_LEN`] bytes (a test
/// checks), which nearly every block lacks there. Asked first, this spares
/// comparing every block with each of them.
fn may_start_teaser(norm: &str) -> bool {
    // Eight bytes at a time (the byte loop cost some 130 instructions a
    // block).
    const _: () = assert!(TEASER_PREFIX_LEN == 16);
    match norm.as_bytes().first_chunk::<16>() {
        Some(&head) => {
            let has = |x: u64| zero(x ^ (ONES * u64::from(b':'))) | zero(x ^ (ONES * u64::from(b'-')));
            let x = u128::from_le_bytes(head);
            has(x as u64) | has((x >> 64) as u64) != 0
        }
        None => norm.bytes().any(|b| matches!(b, b':' | b'-')),
    }
}

/// The length of the longest of [`rules::TEASER_PREFIXES`], at least.
const TEASER_PREFIX_LEN: usize = 16;

// ---------------------------------------------------------------------------
// Widgets inside blocks

/// A document's blocks kept whole, with their sentences ([`Document::units`]).
type Units = Vec<(Range<usize>, Vec<split::Unit>)>;

/// Pushes `block` to `out`, without the sentences of it
/// that a phrase rule of [`rules::PHRASE_RULES`] drops on their own. A scraped
/// page often runs player or gallery text into the article paragraph around
/// it ("JUST WATCHED <title> Replay More Videos ...", "Hide Caption 3 of 9
/// Photos: ..."), where the rules, which judge whole blocks, do not see it.
/// The article text before and after a dropped segment stays as blocks of
/// its own, at its place in the source; each dropped segment is recorded.
/// A block that stays whole goes to `units` with its sentences.
///
/// `block_norm` is the block's normalized text and its [`Shift`]s: each
/// sentence's is a piece of it ([`piece_norm`]).
fn cut_widgets(
    text: &str,
    block: Block,
    phrases: Option<bool>,
    (whole, shifts): (&str, &[Shift]),
    (out, removed, units): (&mut Vec<Block>, &mut Vec<Removed>, &mut Units),
) {
    // The sentences the digest would pick from: a dropped one never leaves
    // a piece of itself behind ("... The rise and fall of O.J." | "Simpson ...").
    let segs = split::split(text, block.range.clone());
    if segs.len() < 2 {
        // a block of one segment was judged whole by `block_rule`
        units.push((block.range.clone(), segs));
        out.push(block);
        return;
    }
    let mut start = block.range.start;
    let mut cut = false;
    for seg in &segs {
        let seg = seg.range.clone();
        let s = &text[seg.clone()];
        let seg_norm = piece_norm(whole, shifts, seg.start - block.range.start..seg.end - block.range.start);
        let Some(reason) = segment_rule(seg_norm, normalized_tokens(seg_norm), phrases) else {
            continue;
        };
        let before = trim_range(text, start..seg.start);
        if !before.is_empty() {
            out.push(Block { range: before, kind: block.kind });
        }
        removed.push(Removed { text: s.to_string(), reason });
        start = seg.end;
        cut = true;
    }
    let rest = trim_range(text, start..block.range.end);
    if !rest.is_empty() {
        if !cut && rest == block.range {
            units.push((rest.clone(), segs));
        }
        out.push(Block { range: rest, kind: block.kind });
    }
}

/// The phrase rule that drops segment `norm` (normalized, `tokens` words)
/// on its own, as [`block_rule`] judges a block by its phrases.
///
/// `phrases` is what the scan of the whole block found (see
/// [`phrase_rule`]): a sentence's normalized text is a substring of the
/// block's, so it holds no phrase that the block does not.
fn segment_rule(norm: &str, tokens: usize, mut phrases: Option<bool>) -> Option<&'static str> {
    if !norm.chars().any(char::is_alphanumeric) {
        return None;
    }
    phrase_rule((norm, None), tokens, &mut phrases)
}

/// The first rule of [`rules::PHRASE_RULES`] that drops text `norm`
/// (normalized, `tokens` words); a short caption is a credit.
///
/// `phrases` tells whether `norm` holds any `Contains` phrase, on a word
/// boundary or not: None when unknown, and then set if the scan for them
/// runs; Some(false) spares it.
/// `c` is the [`core`] of `norm` when known (the .wasm's walk asks for it
/// itself: passing it there cost some 140 B gzipped).
fn phrase_rule((norm, c): (&str, Option<&str>), tokens: usize, phrases: &mut Option<bool>) -> Option<&'static str> {
    // The masks cost the .wasm some 400 B gzipped (the table of rules by
    // length), over its budget: the package walks the rules.
    if cfg!(target_arch = "wasm32") {
        phrase_rule_by_walk(norm, tokens, phrases)
    } else {
        phrase_rule_by_masks((norm, c.unwrap_or_else(|| core(norm))), tokens, phrases)
    }
}

/// [`phrase_rule`] by masks of the rules.
fn phrase_rule_by_masks((norm, c): (&str, &str), tokens: usize, phrases: &mut Option<bool>) -> Option<&'static str> {
    // The rules that apply to text this long, one bit per rule; then the
    // first of them that matches, as a walk over the rules in order finds
    // it (a walk cost some 300 instructions a call), looking for the
    // `Contains` phrases only when such a walk would: when an applicable
    // `Contains` rule comes before every matching anchored rule.
    let index = rules::PhraseRules::get();
    let applies = index.up_to(tokens);
    let (contains_ok, anchored_ok) = (applies & index.contains, applies & !index.contains);
    let anchored = if anchored_ok != 0 { anchored_rules(norm, c) & anchored_ok } else { 0 };
    // The rules before the first anchored match (all when none matches).
    let before = (anchored & anchored.wrapping_neg()).wrapping_sub(1);
    let contains = if contains_ok & before == 0 || *phrases == Some(false) {
        0
    } else {
        let (hits, seen) = contains_scan(norm);
        *phrases = Some(seen);
        hits & contains_ok
    };
    let hits = anchored | contains;
    if hits == 0 {
        return None;
    }
    let r = &rules::PHRASE_RULES[hits.trailing_zeros() as usize];
    Some(if r.reason == "caption" && tokens <= 6 { "credit" } else { r.reason })
}

/// [`phrase_rule`] as a walk over the rules in order.
fn phrase_rule_by_walk(norm: &str, tokens: usize, phrases: &mut Option<bool>) -> Option<&'static str> {
    // The `Contains` rules that match, one bit per rule, found in one pass
    // when the first such rule applies; the same for the other rules.
    let mut contains: Option<u64> = (*phrases == Some(false)).then_some(0);
    let mut anchored: Option<u64> = None;
    for (i, r) in rules::PHRASE_RULES.iter().enumerate() {
        if tokens > r.max_words {
            continue;
        }
        let hit = match r.how {
            How::Contains => {
                *contains.get_or_insert_with(|| {
                    let (hits, seen) = contains_scan(norm);
                    *phrases = Some(seen);
                    hits
                }) & (1 << i)
                    != 0
            }
            How::Exact | How::Prefix | How::Suffix => {
                *anchored.get_or_insert_with(|| anchored_rules(norm, core(norm))) & (1 << i) != 0
            }
        };
        if hit {
            return Some(if r.reason == "caption" && tokens <= 6 { "credit" } else { r.reason });
        }
    }
    None
}

/// Shape rules that a phrase list cannot express.
/// `c` is the [`core`] of `norm`.
fn custom_rule(s: &str, (norm, c): (&str, &str), f: &Feat) -> Option<&'static str> {
    // "Comments / 2", "Comments (14)"
    for w in ["comments", "comment"] {
        if let Some(rest) = c.strip_prefix(w)
            && !rest.chars().any(char::is_alphabetic)
        {
            return Some("comments");
        }
    }
    // The rules below look at the tokens only when the whole block (one
    // fast substring search) or its token count says they may apply.
    let n = f.tokens;
    let tokens = || s.split_whitespace();
    // URLs on their own, or link-dense lines
    // Most blocks hold no slash, which all but one of the searches below
    // need: one search for the byte spares them (four substring searches a
    // block cost some 900 instructions).
    let Marks { slash, hash, www } = Marks::of(s);
    let urls = if may_hold_url(s, slash, www) { tokens().filter(|t| is_url(t)).count() } else { 0 };
    if urls > 0 && (n <= 2 || urls * 3 >= n) {
        return Some("url");
    }
    if n == 1 && is_domain(s) {
        return Some("url");
    }
    // photo credit agencies in capitals: "REUTERS/Stephen Lam"
    if slash && s.contains("REUTERS/") && tokens().any(|t| t.starts_with("REUTERS/") || t.starts_with("(REUTERS/")) {
        return Some(if n <= 6 { "credit" } else { "caption" });
    }
    // "Getty (2)", "Shutterstock"
    if n <= 4 && ["getty", "shutterstock", "istock", "alamy"].iter().any(|w| norm.contains(w)) {
        return Some("credit");
    }
    // "April Baer / OPB", "(Borrini & Garlaschelli/Journal of Forensic Science)"
    let capitalized = || {
        tokens().all(|t| {
            let b = bare(t);
            b.is_empty()
                || b.chars().next().is_some_and(|c| !c.is_alphabetic() || c.is_uppercase())
                || NAME_PARTICLES.contains(&b.to_lowercase().as_str())
                || b == "of"
        })
    };
    if !f.ends && n <= 6 && slash && slash_between_names(s) && !is_url(s) && capitalized() {
        return Some("credit");
    }
    if s.starts_with('(') && s.ends_with(')') && n <= 8 && capitalized() {
        return Some("credit");
    }
    // "-- Nicole Santa Cruz and Rick Rojas at City Hall"
    if (s.starts_with("--") || s.starts_with('—') || s.starts_with('–')) && n <= 15 && !f.ends {
        return Some("credit");
    }
    // hashtags
    if hash {
        let hash_tokens = tokens().filter(|t| t.starts_with('#')).count();
        if (hash_tokens >= 2 && hash_tokens * 2 >= n) || (s.matches('#').count() >= 3 && !f.ends) {
            return Some("hashtags");
        }
    }
    // share prompts: "Follow X on Twitter", "Twitter @handle", "Facebook Twitter"
    let social = f.social;
    if social > 0 && n <= 25 {
        let handles = || tokens().filter(|t| t.starts_with('@')).count();
        if norm.starts_with("follow ") || social * 2 >= f.n() || (n <= 6 && handles() > 0) {
            return Some("share");
        }
    }
    // relative time stamps: "4 days ago"
    if relative_time(s) {
        return Some("metadata");
    }
    // numbers and symbols: "1M+", "108K+"
    if n <= 3 {
        let visible = s.chars().filter(|c| !c.is_whitespace());
        let (letters, all) = visible.fold((0, 0), |(l, n), c| (l + usize::from(c.is_alphabetic()), n + 1));
        if letters * 2 < all {
            return Some("label");
        }
    }
    // keyword lists: many words, no stop word, no sentence, separators
    if f.n() >= 6 && f.stop == 0.0 && !f.ends && !s.ends_with(':') {
        let separators = s.matches([',', '|', '·', '•', ';', '#']).count();
        if separators >= 2 {
            return Some("keywords");
        }
    }
    // inline teaser: "<headline> Read more"
    None
}

/// Whether some token of `s` may be a URL ([`is_url`]): each holds one of
/// these. `slash`: whether `s` holds a '/'; `www`: "www.".
fn may_hold_url(s: &str, slash: bool, www: bool) -> bool {
    www || (slash && (s.contains("://") || s.contains("pic.twitter.com/")))
}

/// What [`custom_rule`] looks for in every block before its rules.
#[derive(Debug, PartialEq, Eq)]
struct Marks {
    /// Whether the block holds a '/',
    slash: bool,
    /// a '#',
    hash: bool,
    /// and "www.".
    www: bool,
}

impl Marks {
    fn of(s: &str) -> Marks {
        #[cfg(target_arch = "wasm32")]
        return Marks::by_words(s);
        #[cfg(not(target_arch = "wasm32"))]
        return Marks::by_vectors(s);
    }

    /// [`Marks::of`] natively: `memchr`'s vector searches. One search for
    /// either byte, which most blocks lack, then one for each from the
    /// first found; "www." by a finder built once. (core's
    /// `contains(&b'/')` and `contains('#')` read 16 bytes a step, some 310
    /// instructions a block for the two; `str::contains("www.")` some 240.)
    #[cfg(not(target_arch = "wasm32"))]
    fn by_vectors(s: &str) -> Marks {
        use memchr::memmem::Finder;
        static WWW: std::sync::LazyLock<Finder<'static>> = std::sync::LazyLock::new(|| Finder::new("www."));
        let bytes = s.as_bytes();
        let (slash, hash) = match memchr::memchr2(b'/', b'#', bytes) {
            None => (false, false),
            Some(at) => {
                // (Searching past `at` for the other byte alone was no
                // fewer instructions: hits are rare.)
                let rest = &bytes[at..];
                (memchr::memchr(b'/', rest).is_some(), memchr::memchr(b'#', rest).is_some())
            }
        };
        Marks { slash, hash, www: WWW.find(bytes).is_some() }
    }

    /// [`Marks::of`] in one pass, eight bytes at a time: "www." is looked
    /// for at each '.' (a sentence or so apart). Without vectors (in the
    /// .wasm) the three searches, one of them a substring search, each read
    /// the block through a loop of their own, some 2% of the package's time.
    #[cfg(any(target_arch = "wasm32", test))]
    fn by_words(s: &str) -> Marks {
        let bytes = s.as_bytes();
        let (mut slashes, mut hashes, mut www) = (0, 0, false);
        let mut at = 0;
        while at < bytes.len() {
            // The last few bytes padded with zeros, which none of the three
            // is (one loop rather than a second one byte by byte).
            let x = match bytes[at..].first_chunk::<8>() {
                Some(&chunk) => u64::from_le_bytes(chunk),
                None => bytes[at..].iter().rev().fold(0, |x, &b| x << 8 | u64::from(b)),
            };
            // (Whether a byte is zero, not which: the plain test will do.)
            let any_zero = |y: u64| y.wrapping_sub(ONES) & !y & HIGH;
            slashes |= any_zero(x ^ (ONES * u64::from(b'/')));
            hashes |= any_zero(x ^ (ONES * u64::from(b'#')));
            let mut dots = zero(x ^ (ONES * u64::from(b'.')));
            while dots != 0 && !www {
                let dot = at + (dots.trailing_zeros() / 8) as usize;
                www = bytes[..dot].ends_with(b"www");
                dots &= dots - 1;
            }
            at += 8;
        }
        Marks { slash: slashes != 0, hash: hashes != 0, www }
    }
}

/// A slash with letters on both sides (spaces allowed): "Carl Court/Getty".
fn slash_between_names(s: &str) -> bool {
    s.match_indices('/').any(|(at, _)| {
        let before = s[..at].trim_end().chars().last();
        let after = s[at + 1..].trim_start().chars().next();
        before.is_some_and(char::is_alphabetic) && after.is_some_and(char::is_alphabetic)
    })
}

fn is_url(t: &str) -> bool {
    let t = t.trim_matches(|c: char| matches!(c, '(' | ')' | '<' | '>' | '[' | ']' | '"'));
    // "http://" and "https://" are among the `://`; most tokens have no colon
    t.starts_with("www.") || t.starts_with("pic.twitter.com/") || (t.as_bytes().contains(&b':') && t.contains("://"))
}

/// What [`RelativeTime`] tells word by word.
#[cfg(test)]
fn is_relative_time(words: &[String]) -> bool {
    let w: Vec<&str> = words.iter().map(String::as_str).skip_while(|w| rules::DATE_LINE_WORDS.contains(w)).collect();
    w.len() == 3
        && (w[0].chars().all(|c| c.is_ascii_digit()) || w[0] == "a" || w[0] == "an")
        && rules::TIME_UNITS.contains(&w[1])
        && w[2] == "ago"
}

/// Whether a block whose normalized text has the [`core`] `c` opens a
/// "related stories" section.
pub(crate) fn is_related_header(c: &str) -> bool {
    (c.len() <= rules::RELATED_HEADER_LEN && rules::RELATED_HEADERS.contains(&c))
        || (c.starts_with("more from ") && c.split_whitespace().count() <= 5)
        || (c.starts_with("more on ") && c.split_whitespace().count() <= 5)
}

/// The outlet named in a copyright line ("© 2024 Benzinga.com. ...").
fn copyright_holder(s: &str) -> Option<String> {
    let mut out: Vec<&str> = Vec::new();
    for tok in s.split_whitespace() {
        let lower = tok.to_lowercase();
        let b = bare(tok);
        if out.is_empty()
            && (b.is_empty()
                || lower.starts_with('©')
                || lower == "(c)"
                || bare(&lower) == "copyright"
                || bare(&lower) == "by"
                || b.chars().all(|c| c.is_ascii_digit() || c == '-'))
        {
            continue;
        }
        if !b.chars().next().is_some_and(char::is_uppercase) {
            break;
        }
        let ends = tok.ends_with(['.', ',', '-', '|']);
        let b = strip_tld(b);
        out.push(b);
        if ends || out.len() >= 4 {
            break;
        }
    }
    let name = out.join(" ");
    let name = name.trim_end_matches(['.', ',']).to_string();
    (!name.is_empty() && name.chars().any(char::is_alphabetic)).then_some(name)
}

fn strip_tld(s: &str) -> &str {
    for tld in [".com", ".org", ".net", ".co.uk", ".co", ".news", ".io"] {
        if let Some(x) = s.strip_suffix(tld) {
            return x;
        }
    }
    s
}

/// Language detection this confident is reliable (whatlang's threshold,
/// which the detector's confidence is scaled like).
const RELIABLE: f64 = 0.9;

/// Whether `s` is in another language than the article.
fn is_other_language(s: &str, f: &Feat, ctx: &LangCtx) -> bool {
    let Some(art) = ctx.lang else {
        return false;
    };
    if f.n() < 2 {
        return false;
    }
    // Both verdicts below need few of the article's stop words: checking
    // that first spares the (costly) detection on ordinary article lines.
    let own = ctx.stops.map_or(0.0, |list| f.stops.ratio(list));
    if own >= 0.15 {
        return false;
    }
    let other = (0..rules::STOP_LISTS.len())
        .filter(|&list| Some(list) != ctx.stops)
        .map(|list| f.stops.ratio(list))
        .fold(0.0f32, f32::max);
    let by_detection = f.n() >= 8 && own < 0.1;
    let by_stop_words = f.n() >= 4 && other >= 0.25 && other > own + 0.1;
    // Detection is the costly part: only ask it when a verdict can follow.
    if !by_detection && !by_stop_words {
        return false;
    }
    let Some((code, confidence)) = crate::lang::detect_any(s) else {
        return false;
    };
    if code == art {
        return false;
    }
    (by_detection && confidence > RELIABLE) || by_stop_words
}

// ---------------------------------------------------------------------------
// Metadata lines

/// A line that only carries metadata: "By Tom O'Connor", "Newsweek
/// 1/17/2023 David Brennan", "Published May 16, 2023".
fn meta_line(s: &str, f: &Feat, meta: &mut Meta) -> Option<&'static str> {
    if let Some(by) = parse_byline(s) {
        meta.byline.get_or_insert(by);
        return Some("metadata");
    }
    if f.tokens <= 12
        && let Some(dl) = parse_date_line(s)
    {
        meta.date.get_or_insert(dl.date);
        if let Some(site) = dl.site {
            meta.site.get_or_insert(site);
        }
        if let Some(by) = dl.byline {
            meta.byline.get_or_insert(by);
        }
        return Some("metadata");
    }
    None
}

/// Name particles that may stand lower case inside a byline.
const NAME_PARTICLES: &[&str] =
    &["and", "&", "de", "van", "von", "der", "den", "la", "le", "del", "da", "di", "bin", "al", "el", "y"];

/// "By Tom O'Connor" -> "Tom O'Connor".
fn parse_byline(s: &str) -> Option<String> {
    // Most blocks do not start with "by" and a space: they are answered
    // without splitting them into tokens.
    let t = s.trim_start();
    if t.len() < 3 || !t.as_bytes()[..2].eq_ignore_ascii_case(b"by") || !t[2..].starts_with(char::is_whitespace) {
        return None;
    }
    let toks: Vec<&str> = s.split_whitespace().collect();
    if !(2..=8).contains(&toks.len()) || !toks[0].eq_ignore_ascii_case("by") {
        return None;
    }
    let rest = &toks[1..];
    let ok = rest.iter().all(|t| {
        let b = bare(t);
        NAME_PARTICLES.contains(&b.to_lowercase().as_str()) || b.chars().next().is_some_and(char::is_uppercase)
    }) && rest.first().is_some_and(|t| bare(t).chars().next().is_some_and(char::is_uppercase));
    if !ok {
        return None;
    }
    let name = rest.join(" ");
    Some(name.trim_end_matches([',', '.', '|', '-']).trim().to_string())
}

#[cfg_attr(test, derive(Debug, PartialEq))]
struct DateLine {
    date: String,
    site: Option<String>,
    byline: Option<String>,
}

/// A short line made of a date, words like "Published"/"Updated", a time,
/// and optionally an outlet before and an author after the date.
fn parse_date_line(s: &str) -> Option<DateLine> {
    // Every date [`find_date`] reads has a year of four digits: a line
    // without four in a row is answered without a vector of its tokens.
    if !has_four_digits(s) {
        return None;
    }
    date_line_of_tokens(s)
}

/// Whether `s` holds four ASCII digits in a row.
fn has_four_digits(s: &str) -> bool {
    let mut run = 0;
    s.bytes().any(|b| {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        run == 4
    })
}

/// [`parse_date_line`] of any line.
fn date_line_of_tokens(s: &str) -> Option<DateLine> {
    let toks: Vec<&str> = s.split_whitespace().collect();
    let (i, j, date) = find_date(&toks)?;
    let is_filler = |t: &&str| {
        let b = bare(t).to_lowercase();
        b.is_empty()
            || rules::DATE_LINE_WORDS.contains(&b.as_str())
            || b.chars().all(|c| c.is_ascii_digit() || c == ':')
            || b.trim_end_matches(['a', 'p', 'm', '.']).chars().all(|c| c.is_ascii_digit() || c == ':')
    };
    let is_name = |t: &&str| {
        let b = bare(t);
        b.chars().next().is_some_and(char::is_uppercase) || NAME_PARTICLES.contains(&b.to_lowercase().as_str())
    };
    let before: Vec<&str> = toks[..i].iter().copied().filter(|t| !is_filler(t)).collect();
    let mut after: Vec<&str> = toks[j..].iter().copied().filter(|t| !is_filler(t)).collect();
    if after.first().is_some_and(|t| t.eq_ignore_ascii_case("by")) {
        after.remove(0);
    }
    if before.len() > 4 || after.len() > 5 {
        return None;
    }
    if !before.iter().all(is_name) || !after.iter().all(is_name) {
        return None;
    }
    let join = |v: &[&str]| {
        let x = v.join(" ");
        let x = x.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
        (!x.is_empty()).then_some(x)
    };
    Some(DateLine { date, site: join(&before), byline: join(&after) })
}

/// The first date among `toks`: (first token, end token, `YYYY-MM-DD`).
fn find_date(toks: &[&str]) -> Option<(usize, usize, String)> {
    for i in 0..toks.len() {
        let t = toks[i].trim_end_matches([',', '.', ';']);
        if let Some(d) = iso_date(t).or_else(|| slash_date(t)) {
            return Some((i, i + 1, d));
        }
        // The year first: few tokens are one, and the month and day tests
        // cost more.
        if i + 2 < toks.len()
            && let Some(y) = year(toks[i + 2])
        {
            // May 16, 2023
            if let (Some(m), Some(d)) = (month(toks[i]), day(toks[i + 1])) {
                return Some((i, i + 3, ymd(y, m, d)?));
            }
            // 16 May 2023
            if let (Some(d), Some(m)) = (day(toks[i]), month(toks[i + 1])) {
                return Some((i, i + 3, ymd(y, m, d)?));
            }
        }
    }
    None
}

fn ymd(y: u32, m: u32, d: u32) -> Option<String> {
    ((1..=12).contains(&m) && (1..=31).contains(&d) && (1900..=2100).contains(&y))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// `2023-05-16` or `2023-05-16T10:00:00Z`.
pub(crate) fn iso_date(t: &str) -> Option<String> {
    let b = t.as_bytes();
    if b.len() < 10 || !t.is_char_boundary(10) {
        return None;
    }
    let digits = |r: Range<usize>| -> Option<u32> {
        let s = &t[r];
        s.bytes().all(|c| c.is_ascii_digit()).then(|| s.parse().ok())?
    };
    if b[4] != b'-' || b[7] != b'-' || (b.len() > 10 && b[10] != b'T') {
        return None;
    }
    ymd(digits(0..4)?, digits(5..7)?, digits(8..10)?)
}

/// `1/17/2023` (month first).
fn slash_date(t: &str) -> Option<String> {
    // Most tokens have no slash: no vector of their parts. Two slashes: three parts.
    if t.bytes().filter(|&b| b == b'/').count() != 2 {
        return None;
    }
    let parts: Vec<&str> = t.split('/').collect();
    if parts[2].len() != 4 {
        return None;
    }
    let nums: Option<Vec<u32>> = parts
        .iter()
        .map(|p| (!p.is_empty() && p.len() <= 4 && p.bytes().all(|c| c.is_ascii_digit())).then(|| p.parse().ok())?)
        .collect();
    let nums = nums?;
    ymd(nums[2], nums[0], nums[1])
}

fn month(t: &str) -> Option<u32> {
    let b = bare(t).to_lowercase();
    rules::MONTHS.iter().find(|(name, _)| *name == b).map(|(_, m)| *m)
}

fn day(t: &str) -> Option<u32> {
    let b = t.trim_end_matches([',', '.']);
    let b = b.trim_end_matches("st").trim_end_matches("nd").trim_end_matches("rd").trim_end_matches("th");
    (!b.is_empty() && b.len() <= 2 && b.bytes().all(|c| c.is_ascii_digit())).then(|| b.parse().ok())?
}

fn year(t: &str) -> Option<u32> {
    let b = t.trim_end_matches([',', '.', ';']);
    (b.len() == 4 && b.bytes().all(|c| c.is_ascii_digit())).then(|| b.parse().ok())?
}

/// Cuts a leading ` date YYYY-MM-DD` header off the first block. The rest
/// of that block stays when it reads as article text, and goes with the
/// date as metadata otherwise.
fn strip_date_header(text: &str, cands: &mut Vec<Cand>, meta: &mut Meta, removed: &mut Vec<Removed>) {
    let Some(first) = cands.first_mut() else {
        return;
    };
    let s = &text[first.range.clone()];
    let Some(rest) = s.strip_prefix("date ") else {
        return;
    };
    let date_tok = rest.split_whitespace().next().unwrap_or("");
    let Some(date) = iso_date(date_tok) else {
        return;
    };
    meta.date = Some(date);
    let after = first.range.start + "date ".len() + date_tok.len();
    let tail = trim_range(text, after..first.range.end);
    let tail_text = &text[tail.clone()];
    let ctx = LangCtx { lang: None, stops: Some(rules::EN) };
    let f = Feat::new(tail_text, BlockKind::Paragraph, &ctx);
    if tail.is_empty() || !(f.sentence_like() || f.n() >= 6 && f.ends) {
        removed.push(Removed { text: s.to_string(), reason: "metadata" });
        cands.remove(0);
    } else {
        removed.push(Removed { text: text[first.range.start..after].to_string(), reason: "metadata" });
        first.range = tail;
        first.kind = BlockKind::Paragraph;
    }
}

// ---------------------------------------------------------------------------
// Context rules

/// A short label line standing right above a caption in the same paragraph
/// ("Iranian drone" over "In this February 11, 2016, file photo, ...").
fn mark_caption_labels(cands: &[Cand], feats: &[Feat], reasons: &mut [Option<&'static str>]) {
    for i in 0..cands.len().saturating_sub(1) {
        if reasons[i].is_none()
            && matches!(reasons[i + 1], Some("caption" | "credit"))
            && cands[i].para == cands[i + 1].para
            && feats[i].n() <= 6
            && !feats[i].ends
        {
            reasons[i] = Some("caption");
        }
    }
}

/// From a related-list header ("Related", "YOU MAY ALSO LIKE") on, teaser
/// headlines, teaser paragraphs and labels go, until two article
/// paragraphs in a row show that the article resumes.
fn mark_related_sections(
    text: &str,
    cands: &[Cand],
    feats: &[Feat],
    related: &[bool],
    reasons: &mut [Option<&'static str>],
) {
    let article_para = |k: usize, reasons: &[Option<&'static str>]| {
        k < cands.len()
            && reasons[k].is_none()
            && feats[k].sentence_like()
            && feats[k].kind == BlockKind::Paragraph
            && {
                let end = trim_closers(&text[cands[k].range.clone()]);
                !end.ends_with("...") && !end.ends_with('…')
            }
    };
    let mut i = 0;
    while i < cands.len() {
        if reasons[i].is_none() && related[i] {
            reasons[i] = Some("related");
            let mut j = i + 1;
            while j < cands.len() {
                if article_para(j, reasons) && article_para(j + 1, reasons) {
                    break;
                }
                reasons[j].get_or_insert("teaser");
                j += 1;
            }
            i = j;
        } else {
            i += 1;
        }
    }
}

/// Whether `s` is an outlet name from the table: its canonical spelling.
fn outlet(s: &str) -> Option<&'static str> {
    /// Each name with its lower case, split out of the table once: splitting
    /// it on every call cost 2% of all instructions. Ordered by the lower
    /// case's length, and `by_len[n]..by_len[n + 1]` are the names of `n`
    /// bytes: a line is compared with those of its length alone (a walk
    /// over all names cost some 400 instructions a short line). Each length
    /// keeps the table's order: of two names with the same lower case, the
    /// table's first still comes first.
    struct Names {
        lower: Vec<(&'static str, String)>,
        by_len: Vec<usize>,
        max_chars: usize,
    }
    static NAMES: OnceLock<Names> = OnceLock::new();
    let Names { lower, by_len, max_chars } = NAMES.get_or_init(|| {
        let names: Vec<(&str, String)> = rules::OUTLETS.split('|').map(|o| (o, o.to_lowercase())).collect();
        let max_chars = names.iter().map(|(_, l)| l.chars().count()).max().unwrap_or(0);
        let longest = names.iter().map(|(_, l)| l.len()).max().unwrap_or(0);
        // Bucketed by length, each bucket in the table's order: a pass per
        // length over some 70 names, once, rather than a stable sort, whose
        // code cost the .wasm 1.5 KB gzipped.
        let mut lower = Vec::with_capacity(names.len());
        let mut by_len = Vec::with_capacity(longest + 2);
        for n in 0..=longest + 1 {
            by_len.push(lower.len());
            lower.extend(names.iter().filter(|(_, l)| l.len() == n).cloned());
        }
        Names { lower, by_len, max_chars }
    });
    let of_len = |n: usize| by_len.get(n..n + 2).map_or(&[][..], |at| &lower[at[0]..at[1]]);
    let c = s.trim_matches(|c: char| !c.is_alphanumeric());
    // Lower-casing never makes fewer chars, and a char is at most 4 bytes:
    // a longer `c` cannot be an outlet (spares lower-casing every paragraph).
    if c.len() > 4 * max_chars {
        return None;
    }
    // Most lines are ASCII: their lower case has the same bytes but for
    // the letters' case, so no lower-cased copy is needed to compare.
    if c.is_ascii() {
        return of_len(c.len()).iter().find(|(_, l)| l.eq_ignore_ascii_case(c)).map(|&(o, _)| o);
    }
    let c_lower = c.to_lowercase();
    of_len(c_lower.len()).iter().find(|(_, l)| *l == c_lower).map(|&(o, _)| o)
}

/// Header and trailer zones: before the first and after the last article
/// paragraph. Picks the title; drops outlet lines, labels and teasers.
fn mark_zones(text: &str, cands: &[Cand], feats: &[Feat], reasons: &mut [Option<&'static str>], meta: &mut Meta) {
    let body: Vec<usize> = (0..cands.len()).filter(|&i| reasons[i].is_none() && feats[i].sentence_like()).collect();
    let (Some(&first), Some(&last)) = (body.first(), body.last()) else {
        return;
    };
    // header zone
    for i in 0..first {
        if reasons[i].is_some() {
            continue;
        }
        let s = &text[cands[i].range.clone()];
        let f = &feats[i];
        if let Some(o) = outlet(s) {
            meta.site.get_or_insert_with(|| o.to_string());
            reasons[i] = Some("metadata");
        } else if is_domain(s) {
            reasons[i] = Some("metadata");
        } else if meta.title.is_none() && cands[i].kind == BlockKind::Heading && f.tokens >= 3 {
            meta.title = Some(s.split_whitespace().collect::<Vec<_>>().join(" "));
        } else if !f.ends && f.tokens <= 4 && cands[i].kind != BlockKind::ListItem {
            reasons[i] = Some("label");
        }
    }
    // body zone: an outlet name alone on a line is a source label
    for i in first..=last {
        if reasons[i].is_none() && outlet(&text[cands[i].range.clone()]).is_some() {
            reasons[i] = Some("label");
        }
    }
    // trailer zone
    for i in last + 1..cands.len() {
        if reasons[i].is_some() || feats[i].ends {
            continue;
        }
        let s = &text[cands[i].range.clone()];
        if feats[i].tokens <= 6 || outlet(s).is_some() {
            reasons[i] = Some("label");
        } else if cands[i].kind == BlockKind::Heading {
            reasons[i] = Some("teaser");
        }
    }
}

/// The outlet from a dateline like "LOS ANGELES (Reuters) -", if none was
/// found yet.
fn find_site_in_text(text: &str, cands: &[Cand], reasons: &[Option<&'static str>], meta: &mut Meta) {
    if meta.site.is_some() {
        return;
    }
    let Some(c) =
        cands.iter().zip(reasons).find(|(c, r)| r.is_none() && c.kind == BlockKind::Paragraph).map(|(c, _)| c)
    else {
        return;
    };
    let s = &text[c.range.clone()];
    // The first 60 chars.
    let head = &s[..s.char_indices().nth(60).map_or(s.len(), |(at, _)| at)];
    if let (Some(open), Some(close)) = (head.find('('), head.find(')'))
        && open < close
    {
        let before = &head[..open];
        let inside = &head[open + 1..close];
        let caps_city = !before.trim().is_empty() && before.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
        let after = head[close + 1..].trim_start();
        if caps_city
            && after.starts_with(['-', '—', '–'])
            && let Some(o) = outlet(inside)
        {
            meta.site = Some(o.to_string());
        }
    }
}

#[cfg(test)]
mod tests;
