//! Stage 2: segmentation. Documents become sentences, and sentences become
//! index terms.
//!
//! Every sentence keeps its byte span in its document's text, so whatever
//! the later stages pick can be shown verbatim and pointed at in the source.

mod dateline;
mod latin_sentences;
pub(crate) mod split;

#[cfg(test)]
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use crate::clean::story::SameText;
use crate::document::{BlockKind, Document};
use crate::lang::{self, Language, Lexicon};

/// One sentence-like unit of one source.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Sentence {
    /// Index of its document in the story.
    pub source: usize,
    /// Byte range into its document's text.
    pub span: Range<usize>,
    /// Its place among the sentences of its source (headings not counted).
    pub position: usize,
    pub kind: Kind,
    /// Words, as the budget counts them.
    pub words: usize,
}

/// What a unit is, which decides whether it may be a digest entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Ends with sentence-final punctuation.
    Sentence,
    /// Running text without final punctuation: a caption, a list item, a
    /// line cut short.
    Line,
    /// A headline or section heading.
    Heading,
}

/// A story cut into sentences.
#[derive(Debug, Clone, Default)]
pub(crate) struct Segmented {
    /// All sentences, grouped by source, each source's in reading order.
    pub sentences: Vec<Sentence>,
    /// Per source: the detected language.
    pub languages: Vec<Option<Language>>,
    /// Term strings by id. Ids are given in order of first appearance, so
    /// they depend only on the documents and their order.
    pub vocabulary: Vec<Rc<str>>,
    /// Every sentence's [`Segmented::terms`] and [`Segmented::sequence`],
    /// each in one array (one allocation, not two per sentence): sentence
    /// `i`'s are at `term_start[i]..term_start[i + 1]` in both.
    term_start: Vec<usize>,
    terms: Vec<u32>,
    sequence: Vec<u32>,
    /// Every sentence's [`Segmented::distinct_terms`], in one array:
    /// sentence `i`'s are `distinct[distinct_start[i]..distinct_start[i + 1]]`.
    distinct_start: Vec<usize>,
    distinct: Vec<u32>,
}

impl Segmented {
    /// Sentence `i`'s term ids, sorted, with repeats: a term that occurs
    /// twice is listed twice. Ids index [`Segmented::vocabulary`].
    pub(crate) fn terms(&self, i: usize) -> &[u32] {
        &self.terms[self.term_start[i]..self.term_start[i + 1]]
    }

    /// Sentence `i`'s term ids in reading order: adjacent pairs are the
    /// sentence's phrases (scoring's concepts).
    pub(crate) fn sequence(&self, i: usize) -> &[u32] {
        &self.sequence[self.term_start[i]..self.term_start[i + 1]]
    }

    /// Sentence `i`'s distinct terms, ascending.
    pub(crate) fn distinct_terms(&self, i: usize) -> &[u32] {
        &self.distinct[self.distinct_start[i]..self.distinct_start[i + 1]]
    }
}

/// Cuts every document into sentences and terms. Documents with no blocks
/// give no sentences.
#[cfg(test)]
pub(crate) fn segment(docs: &[Document]) -> Segmented {
    segment_with(docs, None)
}

/// [`segment`], told which blocks hold the same text (`same`, from
/// story-level cleaning): a block whose text an earlier block of a document
/// in the same language holds takes that block's sentences, shifted to its
/// place, instead of being cut and analyzed again. Wire copy repeats whole
/// articles verbatim; the sentences are the same either way, since cutting
/// and analyzing a block depend on its text and language only.
pub(crate) fn segment_with(docs: &[Document], same: Option<&SameText>) -> Segmented {
    lang::with_lexicon(|lexicon| segment_in(docs, same, lexicon))
}

/// The text size past which [`segment_in`] stops sizing its arrays up front
/// (10 MB: 1 M terms).
const RESERVE_CAP: usize = 10 << 20;

/// [`segment_with`], with the words' term ids read from `lexicon`.
fn segment_in(docs: &[Document], same: Option<&SameText>, lexicon: &mut Lexicon) -> Segmented {
    // Sized for news text, with some headroom (one term in 10 bytes or
    // more, a distinct term in 24, a sentence in 128), so that the arrays
    // rarely grow; capped, so that text with few words (hostile input, a
    // story at `max_story_bytes`) reserves no more than 1 M entries an
    // array and grows as it needs past that.
    let text_bytes: usize = docs.iter().map(|d| d.text.len()).sum::<usize>().min(RESERVE_CAP);
    let mut out = Segmented {
        sentences: Vec::with_capacity(text_bytes / 128),
        vocabulary: Vec::with_capacity(text_bytes / 24),
        term_start: vec![0],
        terms: Vec::with_capacity(text_bytes / 10),
        sequence: Vec::with_capacity(text_bytes / 10),
        distinct_start: vec![0],
        distinct: Vec::with_capacity(text_bytes / 10),
        ..Segmented::default()
    };
    out.term_start.reserve(text_bytes / 128);
    out.distinct_start.reserve(text_bytes / 128);
    // A new story: no term is met in it yet; its term ids go in order of
    // first appearance in it.
    lexicon.start_story();
    out.languages = story_languages(docs);
    // Per text number `t`: the first block that held it, as its document,
    // the start of its text and its sentences' range, in
    // `first[4 * t..4 * t + 4]` (`usize::MAX`: none yet).
    let mut first: Vec<usize> = vec![usize::MAX; 4 * same.map_or(0, |same| same.count)];
    for (source, doc) in docs.iter().enumerate() {
        let language = out.languages[source];
        let mut words_of = lexicon.language(language);
        let mut position = 0;
        // Blocks that cleaning split already, in order as the blocks are.
        let mut split_before = doc.units.iter().peekable();
        let mut unit = |out: &mut Segmented, position: &mut usize, span: Range<usize>, kind: Kind| {
            let span = if kind == Kind::Heading { span } else { dateline::skip(&doc.text, span) };
            let text = &doc.text[span.clone()];
            let start = out.terms.len();
            // The words as `lang::word_count` counts them.
            let mut words = 0;
            // Inlined in the loop over the words (most of it is the
            // lexicon's recent-word lookup and two pushes), which LLVM does
            // not do of itself as the closure is called from two places.
            // In the .wasm too since the sixteenth round (docs/performance.md):
            // -0.8% of Node's instructions on the 200 stories for 415 B
            // gzipped.
            lang::for_each_word_at(
                text,
                #[inline(always)]
                |word| {
                    words += 1;
                    let Some(id) = words_of.id_of(word) else { return };
                    let (story_id, first) = words_of.story_id(id, out.vocabulary.len() as u32);
                    if first {
                        out.vocabulary.push(Rc::clone(words_of.term(id)));
                    }
                    out.sequence.push(story_id);
                },
            );
            out.terms.extend_from_slice(&out.sequence[start..]);
            let terms = &mut out.terms[start..];
            terms.sort_unstable();
            for (k, &t) in terms.iter().enumerate() {
                if k == 0 || terms[k - 1] != t {
                    out.distinct.push(t);
                }
            }
            out.term_start.push(out.terms.len());
            out.distinct_start.push(out.distinct.len());
            let this_position = *position;
            if kind != Kind::Heading {
                *position += 1;
            }
            out.sentences.push(Sentence { source, span, position: this_position, kind, words });
        };
        for (j, block) in doc.blocks.iter().enumerate() {
            let text_id = same.map(|same| same.of[source][j] as usize);
            if let Some(t) = text_id
                && first[4 * t] != usize::MAX
                && out.languages[first[4 * t]] == language
            {
                let at = first[4 * t + 1];
                for k in first[4 * t + 2]..first[4 * t + 3] {
                    let first = &out.sentences[k];
                    let span = first.span.start - at + block.range.start..first.span.end - at + block.range.start;
                    let this_position = position;
                    if first.kind != Kind::Heading {
                        position += 1;
                    }
                    let (kind, words) = (first.kind, first.words);
                    let terms = out.term_start[k]..out.term_start[k + 1];
                    out.terms.extend_from_within(terms.clone());
                    out.sequence.extend_from_within(terms);
                    out.term_start.push(out.terms.len());
                    out.distinct.extend_from_within(out.distinct_start[k]..out.distinct_start[k + 1]);
                    out.distinct_start.push(out.distinct.len());
                    out.sentences.push(Sentence { source, span, position: this_position, kind, words });
                }
                continue;
            }
            let before = out.sentences.len();
            match block.kind {
                BlockKind::Heading => unit(&mut out, &mut position, block.range.clone(), Kind::Heading),
                BlockKind::Paragraph | BlockKind::ListItem => {
                    while split_before.next_if(|(range, _)| range.start < block.range.start).is_some() {}
                    let fresh;
                    let units = match split_before.next_if(|(range, _)| *range == block.range) {
                        Some((_, units)) => units,
                        None => {
                            fresh = split::split(&doc.text, block.range.clone());
                            &fresh
                        }
                    };
                    for u in units {
                        let kind = if u.terminated { Kind::Sentence } else { Kind::Line };
                        unit(&mut out, &mut position, u.range.clone(), kind);
                    }
                }
            }
            if let Some(t) = text_id {
                first[4 * t..4 * t + 4].copy_from_slice(&[source, block.range.start, before, out.sentences.len()]);
            }
        }
    }
    out
}

/// Each document's language. One too short to tell takes the language most
/// of the story's documents are in (a two-line wire brief among long
/// articles is in their language), ties going to the earliest document.
fn story_languages(docs: &[Document]) -> Vec<Option<Language>> {
    // One buffer for all the samples, of their largest size at once: growing
    // a new one for each cost more than copying the text into it.
    let mut buffer = String::with_capacity(SAMPLE_BYTES + 1);
    let detected: Vec<Option<Language>> = docs.iter().map(|d| lang::detect(sample(d, &mut buffer))).collect();
    let mut counts: Vec<(Language, usize)> = Vec::new();
    for language in detected.iter().flatten() {
        match counts.iter_mut().find(|(l, _)| l == language) {
            Some((_, n)) => *n += 1,
            None => counts.push((*language, 1)),
        }
    }
    let majority = counts.iter().fold(None, |best: Option<(Language, usize)>, &(l, n)| match best {
        Some((_, m)) if m >= n => best,
        _ => Some((l, n)),
    });
    detected.into_iter().map(|l| l.or(majority.map(|(l, _)| l))).collect()
}

/// Bytes of article text [`sample`] takes (and then one line break).
const SAMPLE_BYTES: usize = 4096;

/// Up to 4 KB of a document's article text, enough to tell its language:
/// its blocks, each followed by a line break, in `buffer` (emptied first).
fn sample<'a>(doc: &Document, buffer: &'a mut String) -> &'a str {
    buffer.clear();
    for block in &doc.blocks {
        if buffer.len() >= SAMPLE_BYTES {
            break;
        }
        let text = &doc.text[block.range.clone()];
        let mut end = text.len().min(SAMPLE_BYTES - buffer.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        buffer.push_str(&text[..end]);
        buffer.push('\n');
    }
    buffer
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Block;

    fn doc(text: &str, blocks: &[(Range<usize>, BlockKind)]) -> Document {
        Document {
            text: text.to_owned(),
            blocks: blocks.iter().map(|(r, k)| Block { range: r.clone(), kind: *k }).collect(),
            ..Document::default()
        }
    }

    #[test]
    fn spans_point_at_the_sentences_and_headings_keep_no_position() {
        let text = "Drones Sold\n\nIran sold drones to Russia. Russia used them.";
        let d = doc(text, &[(0..11, BlockKind::Heading), (13..text.len(), BlockKind::Paragraph)]);
        let s = segment(&[d]);
        let got: Vec<_> = s.sentences.iter().map(|x| (&text[x.span.clone()], x.kind, x.position)).collect();
        assert_eq!(
            got,
            [
                ("Drones Sold", Kind::Heading, 0),
                ("Iran sold drones to Russia.", Kind::Sentence, 0),
                ("Russia used them.", Kind::Sentence, 1),
            ]
        );
    }

    #[test]
    fn the_same_word_in_two_sources_gets_one_id() {
        let a = "The drones were sold to the army by a company that makes them in the north of the country.";
        let b = "A drone was sold last week, and the buyer says that it was used in the war.";
        let (a, b) = (doc(a, &[(0..a.len(), BlockKind::Paragraph)]), doc(b, &[(0..b.len(), BlockKind::Paragraph)]));
        let s = segment(&[a, b]);
        let drone =
            |i: usize| s.terms(i).iter().copied().find(|&t| s.vocabulary[t as usize].starts_with("drone")).unwrap();
        assert_eq!(drone(0), drone(1));
        assert_eq!(s.sentences[1].source, 1);
    }

    #[test]
    fn a_source_too_short_to_tell_takes_the_story_language() {
        let long = "Die Europäische Zentralbank hat den Leitzins am Donnerstag um einen Viertelprozentpunkt angehoben, \
            wie die Notenbank in Frankfurt mitteilte.";
        let short = "EZB erhöht Zinsen.";
        let docs = [
            doc(long, &[(0..long.len(), BlockKind::Paragraph)]),
            doc(short, &[(0..short.len(), BlockKind::Paragraph)]),
        ];
        assert_eq!(story_languages(&docs), [Some(Language::German), Some(Language::German)]);
        assert_eq!(story_languages(&docs[1..]), [None]);
    }

    /// Blocks of several documents, numbered by equal text as story-level
    /// cleaning numbers them.
    fn same_text(docs: &[Document]) -> SameText {
        let mut ids: HashMap<&str, u32> = HashMap::new();
        let of = docs
            .iter()
            .map(|d| {
                d.blocks
                    .iter()
                    .map(|b| {
                        let next = ids.len() as u32;
                        *ids.entry(&d.text[b.range.clone()]).or_insert(next)
                    })
                    .collect()
            })
            .collect();
        SameText { of, count: ids.len() }
    }

    #[test]
    fn repeated_blocks_take_the_sentences_of_their_first() {
        let wire = "CAIRO (Reuters) - Iran sold hundreds of attack drones to Russia last year, officials said. \
            The drones were used against Kyiv.";
        let de = "Die Europäische Zentralbank hat den Leitzins am Donnerstag um einen Viertelprozentpunkt angehoben, \
            wie die Notenbank in Frankfurt mitteilte. Die Drohnen wurden gegen Kiew eingesetzt.";
        let heading = "Drones for Russia";
        let texts: [&[(&str, BlockKind)]; 4] = [
            &[(heading, BlockKind::Heading), (wire, BlockKind::Paragraph)],
            &[
                ("Officials spoke on Monday in Washington about the sale.", BlockKind::Paragraph),
                (wire, BlockKind::Paragraph),
                (heading, BlockKind::Heading),
            ],
            &[(de, BlockKind::Paragraph), (wire, BlockKind::Paragraph)],
            &[(wire, BlockKind::ListItem), (wire, BlockKind::Paragraph)],
        ];
        let docs: Vec<Document> = texts
            .iter()
            .map(|blocks| {
                let mut text = String::new();
                let mut ranges = Vec::new();
                for (t, kind) in blocks.iter() {
                    text.push_str("\n\n");
                    ranges.push((text.len()..text.len() + t.len(), *kind));
                    text.push_str(t);
                }
                doc(&text, &ranges)
            })
            .collect();
        let same = same_text(&docs);
        let (plain, reused) = (segment(&docs), segment_with(&docs, Some(&same)));
        assert_eq!(plain.sentences, reused.sentences);
        assert_eq!(plain.languages, reused.languages);
        assert_eq!(plain.vocabulary, reused.vocabulary);
        for i in 0..plain.sentences.len() {
            assert_eq!(plain.terms(i), reused.terms(i), "sentence {i}");
            assert_eq!(plain.sequence(i), reused.sequence(i), "sentence {i}");
            assert_eq!(plain.distinct_terms(i), reused.distinct_terms(i), "sentence {i}");
        }
        // The copies are there, at their own places.
        let at = |i: usize| {
            let s = &reused.sentences[i];
            &docs[s.source].text[s.span.clone()]
        };
        let copies = (0..reused.sentences.len()).filter(|&i| at(i).starts_with("The drones")).count();
        assert_eq!(copies, 5);
    }

    /// What a segmentation gives, as plain data (a thread can hand it back).
    type Outcome = (Vec<Sentence>, Vec<String>, Vec<Vec<u32>>, Vec<Vec<u32>>);

    fn outcome(s: &Segmented) -> Outcome {
        let all = 0..s.sentences.len();
        (
            s.sentences.clone(),
            s.vocabulary.iter().map(|t| t.to_string()).collect(),
            all.clone().map(|i| s.terms(i).to_vec()).collect(),
            all.map(|i| s.sequence(i).to_vec()).collect(),
        )
    }

    /// The thread's lexicon carries term ids from story to story; a story's
    /// own ids, vocabulary and terms do not depend on what came before it.
    #[test]
    fn a_story_segments_the_same_after_other_stories() {
        let story = || {
            let a = "Drones struck Kyiv overnight, officials said. The drones came from Iran.";
            let b = "DRONES were sold to Russia. Russia's army used them in the war.";
            vec![doc(a, &[(0..a.len(), BlockKind::Paragraph)]), doc(b, &[(0..b.len(), BlockKind::Paragraph)])]
        };
        let fresh = std::thread::spawn(move || outcome(&segment(&story()))).join().unwrap();
        let other = "Talks resumed in Geneva. Russia and Ukraine sent their delegations, said officials.";
        segment(&[doc(other, &[(0..other.len(), BlockKind::Paragraph)])]);
        assert_eq!(outcome(&segment(&story())), fresh);
    }

    #[test]
    fn distinct_terms_skips_repeats() {
        let d = doc("Drones, drones and more drones.", &[(0..31, BlockKind::Paragraph)]);
        let s = segment(&[d]);
        let all = s.terms(0).len();
        let distinct = s.distinct_terms(0).len();
        assert!(all > distinct, "{all} terms, {distinct} distinct");
    }
}
