//! UAX #29 sentence boundaries of text in ASCII, Latin-1 and the common
//! general punctuation (curly quotes, dashes), as `unicode-segmentation`
//! finds them, without its per-character table search.
//!
//! This is a port of that crate's forward state machine
//! (`unicode_segmentation::sentence::fwd`, version 1.13) restricted to the
//! characters [`category`] knows, whose Sentence_Break values are copied from
//! the crate's table: the same states, the same rules in the same order, the
//! same look-ahead for SB8, so that it returns the same boundaries (tested
//! against the crate on generated text). Text with any other character (and
//! so with the categories Sep and OLetter) is left to the crate.

/// Sentence_Break property of a character (UAX #29, table 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cat {
    Cr,
    Lf,
    Sp,
    Lower,
    Upper,
    Numeric,
    ATerm,
    STerm,
    Close,
    SContinue,
    Any,
    /// Extend or Format (the soft hyphen, zero-width spaces and joiners,
    /// variation selectors): the crate treats both alike (SB5).
    Extend,
}

const fn ascii_category(b: u8) -> Cat {
    match b {
        b'\t' | 0x0b | 0x0c | b' ' => Cat::Sp,
        b'\n' => Cat::Lf,
        b'\r' => Cat::Cr,
        b'!' | b'?' => Cat::STerm,
        b'.' => Cat::ATerm,
        b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Cat::Close,
        b',' | b'-' | b':' | b';' => Cat::SContinue,
        b'0'..=b'9' => Cat::Numeric,
        b'A'..=b'Z' => Cat::Upper,
        b'a'..=b'z' => Cat::Lower,
        _ => Cat::Any,
    }
}

/// [`ascii_category`] of every ASCII byte.
const ASCII: [Cat; 128] = {
    let mut table = [Cat::Any; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = ascii_category(b as u8);
        b += 1;
    }
    table
};

/// Bytes that may start a terminator or a paragraph separator: `.`, `!`,
/// `?`, CR, LF, and every byte outside ASCII.
const MAY_BREAK: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = b >= 0x80 || matches!(b as u8, b'.' | b'!' | b'?' | b'\n' | b'\r');
        b += 1;
    }
    table
};

/// The bytes at the start of `rest` before one of [`MAY_BREAK`]:
/// `rest.iter().position(|&b| MAY_BREAK[usize::from(b)])` (or its length),
/// natively sixteen bytes at a time: the flags of a step's bytes, as one
/// number, become a few vector compares (as in `split::Scan::of`), and the
/// lowest byte flagged is the first one that is a terminator or a line
/// break, or outside ASCII. The .wasm, which has no vector instructions,
/// takes eight bytes a step as one integer (`quiet_eights`).
fn quiet_run(rest: &[u8]) -> usize {
    // (Native only: the .wasm has no vector instructions.)
    #[cfg(not(target_arch = "wasm32"))]
    let n = {
        let flag = |b: u8| {
            (b & 0x80)
                | u8::from(b == b'.')
                | u8::from(b == b'!')
                | u8::from(b == b'?')
                | u8::from(b == b'\n')
                | u8::from(b == b'\r')
        };
        let mut n = 0;
        while let Some(sixteen) = rest[n..].first_chunk::<16>() {
            let flags = u128::from_le_bytes(sixteen.map(flag));
            if flags != 0 {
                return n + flags.trailing_zeros() as usize / 8;
            }
            n += 16;
        }
        n
    };
    #[cfg(target_arch = "wasm32")]
    let n = quiet_eights(rest);
    n + rest[n..].iter().position(|&b| MAY_BREAK[usize::from(b)]).unwrap_or(rest.len() - n)
}

/// The .wasm's [`quiet_run`] (tested natively too): the bytes before the
/// first one of [`MAY_BREAK`] in the whole eight-byte steps of `rest`, or
/// the length of those steps. Each step is one `u64` (SWAR): a byte of the
/// five is a zero byte of `x ^ (that byte in every lane)`, which
/// `v - ONES & !v` flags with bit 7 (a borrow may flag bytes above a zero
/// byte too, never below it, so the lowest flag is exact), and a byte
/// outside ASCII has bit 7 of its own. The table search took a load, a
/// compare and a branch a byte.
#[cfg(any(target_arch = "wasm32", test))]
fn quiet_eights(rest: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut n = 0;
    while let Some(eight) = rest[n..].first_chunk::<8>() {
        let x = u64::from_le_bytes(*eight);
        let zero = |b: u8| {
            let v = x ^ (ONES * u64::from(b));
            v.wrapping_sub(ONES) & !v
        };
        let flags = (x | zero(b'.') | zero(b'!') | zero(b'?') | zero(b'\n') | zero(b'\r')) & (0x80 * ONES);
        if flags != 0 {
            return n + flags.trailing_zeros() as usize / 8;
        }
        n += 8;
    }
    n
}

/// Sentence_Break property of a character, for the characters this module
/// handles; None for any other.
fn category(c: char) -> Option<Cat> {
    Some(match u32::from(c) {
        0..=0x7f => ascii_category(c as u8),
        // Latin-1: NEL is Sep, the soft hyphen Format
        0x85 => return None,
        // Format and Extend chars that news text carries (the soft hyphen,
        // zero-width spaces, direction marks, emoji variation selectors):
        // without them here, one of them sent its whole block to the crate.
        0xad | 0x200b..=0x200f | 0x202a..=0x202e | 0xfe00..=0xfe0f => Cat::Extend,
        0xa0 => Cat::Sp,
        0xaa | 0xb5 | 0xba | 0xdf..=0xf6 | 0xf8..=0xff => Cat::Lower,
        0xab | 0xbb => Cat::Close,
        0xc0..=0xd6 | 0xd8..=0xde => Cat::Upper,
        0x80..=0xff => Cat::Any,
        // General punctuation
        0x2000..=0x200a | 0x202f => Cat::Sp,
        0x2013..=0x2014 => Cat::SContinue,
        0x2018..=0x201f | 0x2039..=0x203a => Cat::Close,
        0x2024 => Cat::ATerm,
        0x203c..=0x203d => Cat::STerm,
        0x2010..=0x2012 | 0x2015..=0x2017 | 0x2020..=0x2023 | 0x2025..=0x2027 | 0x2030..=0x2038 | 0x203b => Cat::Any,
        // Letters and symbols that news text mixes into Latin text (Greek
        // letters in science stories, the `ﬁ` ligature, `€`, `™`, math
        // signs, arrows, shapes, dingbats, private-use icons and U+FFFD
        // from bad decoding): without them here, one such char sent the
        // whole block to the crate, at some 250 instructions a byte.
        0x391..=0x3a1 | 0x3a3..=0x3ab => Cat::Upper,
        0x3ac..=0x3ce | 0xfb00..=0xfb06 => Cat::Lower,
        0x20a0..=0x20cf
        | 0x211e..=0x2123
        | 0x2190..=0x2307
        | 0x230c..=0x2328
        | 0x232b..=0x24b5
        | 0x24ea..=0x275a
        | 0x2761..=0x2767
        | 0x2776..=0x27c4
        | 0xe000..=0xf8ff
        | 0xfffc..=0xfffd
        // Emoji.
        | 0x1f300..=0x1f64f
        | 0x1f680..=0x1faff => Cat::Any,
        _ => return None,
    })
}

/// What the crate's state remembers of one recent character (or run).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    // The quiet parts first, so that a test for them is one comparison.
    Other,
    UpperLower,
    ClosePlus,
    SpPlus,
    Sot,
    Cr,
    Lf,
    ATerm,
    STerm,
}

/// The last four parts, the latest last. A run of letters (or of other
/// chars) counts as one part, unlike in the crate, which keeps one part per
/// char: no rule looks back past a letter or an other char (they read back
/// only through Close+, Sp+, a paragraph separator and, for SB7, one ATerm),
/// so the parts before the run's last char never matter.
type State = [Part; 4];

fn next_state(parts: State, cat: Cat) -> State {
    match (parts[3], cat) {
        // SB5: an Extend or Format char is part of the char before it,
        // unless that is a line break or the text's start.
        (Part::Sot | Part::Cr | Part::Lf, Cat::Extend) => [Part::Other; 4],
        (_, Cat::Extend) => parts,
        (Part::ClosePlus, Cat::Close)
        | (Part::SpPlus, Cat::Sp)
        | (Part::UpperLower, Cat::Upper | Cat::Lower)
        | (Part::Other, Cat::Numeric | Cat::SContinue | Cat::Any) => parts,
        // No rule looks back past a letter or an other char (SB7 reads the
        // one just before an ATerm, which stays the latest part): the parts
        // before it are forgotten, so that the state is quiet, and the
        // splitter skips to the next terminator, right after the first word
        // that follows a period, not four parts later.
        (_, Cat::Upper | Cat::Lower) => [Part::Other, Part::Other, Part::Other, Part::UpperLower],
        (_, Cat::Numeric | Cat::SContinue | Cat::Any) => [Part::Other; 4],
        _ => [
            parts[1],
            parts[2],
            parts[3],
            match cat {
                Cat::Cr => Part::Cr,
                Cat::Lf => Part::Lf,
                Cat::ATerm => Part::ATerm,
                Cat::Upper | Cat::Lower => Part::UpperLower,
                Cat::Close => Part::ClosePlus,
                Cat::Sp => Part::SpPlus,
                Cat::STerm => Part::STerm,
                _ => Part::Other,
            },
        ],
    }
}

/// SB8: ATerm Close* Sp* × ( ¬(OLetter | Upper | Lower | ParaSep | SATerm) )* Lower
fn sb8(parts: &State, ahead: &str) -> bool {
    #[cfg(target_arch = "wasm32")]
    if before_close_sp(parts, 3) == Part::ATerm {
        for c in ahead.chars() {
            match category(c).unwrap_or(Cat::Any) {
                Cat::Lower => return true,
                Cat::Upper | Cat::Cr | Cat::Lf | Cat::STerm | Cat::ATerm => return false,
                _ => {}
            }
        }
    }
    // Natively, ASCII bytes by the table, other chars decoded (the .wasm's
    // size budget binds).
    #[cfg(not(target_arch = "wasm32"))]
    if before_close_sp(parts, 3) == Part::ATerm {
        let bytes = ahead.as_bytes();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            let cat = if b < 0x80 {
                i += 1;
                ASCII[usize::from(b)]
            } else {
                let Some(c) = ahead[i..].chars().next() else { break };
                i += c.len_utf8();
                category(c).unwrap_or(Cat::Any)
            };
            match cat {
                Cat::Lower => return true,
                Cat::Upper | Cat::Cr | Cat::Lf | Cat::STerm | Cat::ATerm => return false,
                _ => {}
            }
        }
    }
    false
}

/// SATerm Close* Sp* before the current character (SB8a, SB10).
fn sb8a(parts: &State) -> bool {
    matches!(before_close_sp(parts, 3), Part::STerm | Part::ATerm)
}

/// SATerm Close* before the current character (SB9).
fn sb9(parts: &State) -> bool {
    let idx = if parts[3] == Part::ClosePlus { 2 } else { 3 };
    matches!(parts[idx], Part::STerm | Part::ATerm)
}

/// SATerm Close* Sp* ParaSep? before the current character (SB11).
fn sb11(parts: &State) -> bool {
    let idx = if matches!(parts[3], Part::Cr | Part::Lf) { 2 } else { 3 };
    matches!(before_close_sp(parts, idx), Part::STerm | Part::ATerm)
}

/// The part before `Close* Sp*` ending at `parts[idx]`.
fn before_close_sp(parts: &State, mut idx: usize) -> Part {
    if parts[idx] == Part::SpPlus {
        idx -= 1;
    }
    if parts[idx] == Part::ClosePlus {
        idx -= 1;
    }
    parts[idx]
}

/// The byte offsets where the sentences of `s` start, which is what
/// `s.split_sentence_bound_indices().map(|(i, _)| i)` yields; None when `s`
/// has a character this module does not handle.
#[cfg(test)]
pub(crate) fn sentence_starts(s: &str) -> Option<Vec<usize>> {
    let mut starts = Vec::new();
    for_each_sentence_start(s, |start| starts.push(start))?;
    Some(starts)
}

/// Gives `each` the byte offsets where the sentences of `s` start, in
/// order, as they are found (the splitter cuts its pieces from them as they
/// come, with no list of them in between); None when `s` has a character
/// this module does not handle, after `each` had the starts before it.
pub(crate) fn for_each_sentence_start(s: &str, mut each: impl FnMut(usize)) -> Option<()> {
    let bytes = s.as_bytes();
    let mut state: State = [Part::Sot; 4];
    let mut pos = 0;
    while pos < bytes.len() {
        // With no terminator, paragraph separator or text start among the
        // parts, no rule can give a boundary until one of those comes: skip
        // to the next byte that may be one (or a char outside ASCII). Only
        // the latest part is then needed exactly (SB7 reads the part just
        // before an ATerm; every other look-back stops at a terminator),
        // and the others stay quiet ones. In both builds: the .wasm, which
        // had only a loop over the letters of a word and stepped the state
        // through every space, spent some 7% of its time in this function;
        // with the skip, 0.92x its time on the 200 stories. A word's letters
        // are skipped here too (a letter leaves every part quiet), so they
        // need no loop of their own.
        if state.iter().all(|p| matches!(p, Part::Other | Part::UpperLower | Part::ClosePlus | Part::SpPlus)) {
            let quiet = quiet_run(&bytes[pos..]);
            if quiet > 0 {
                pos += quiet;
                state[3] = match ASCII[usize::from(bytes[pos - 1])] {
                    Cat::Upper | Cat::Lower => Part::UpperLower,
                    Cat::Close => Part::ClosePlus,
                    Cat::Sp => Part::SpPlus,
                    _ => Part::Other,
                };
                if pos == bytes.len() {
                    break;
                }
            }
        }
        let b = bytes[pos];
        let (cat, len) = if b < 0x80 {
            (ASCII[usize::from(b)], 1)
        } else {
            let c = s[pos..].chars().next()?;
            (category(c)?, c.len_utf8())
        };
        let before = state;
        state = next_state(state, cat);
        // After a letter, a digit or any other character that is not
        // punctuation, a space or a line break, no rule gives a boundary.
        if !matches!(before[3], Part::Other | Part::UpperLower) && boundary(&before, cat, &s[pos..]) {
            each(pos);
        }
        pos += len;
    }
    Some(())
}

/// Is there a boundary before a character of category `cat` (the start of
/// `ahead`) in state `before`?
fn boundary(before: &State, cat: Cat, ahead: &str) -> bool {
    match cat {
        _ if before[3] == Part::Sot => true,
        Cat::Lf if before[3] == Part::Cr => false,
        _ if matches!(before[3], Part::Cr | Part::Lf) => true,
        Cat::Extend => false,
        Cat::Numeric if before[3] == Part::ATerm => false,
        Cat::Upper if before[2] == Part::UpperLower && before[3] == Part::ATerm => false,
        _ if sb8(before, ahead) => false,
        Cat::SContinue | Cat::STerm | Cat::ATerm if sb8a(before) => false,
        Cat::Close | Cat::Sp | Cat::Cr | Cat::Lf if sb9(before) => false,
        Cat::Sp | Cat::Cr | Cat::Lf if sb8a(before) => false,
        _ => sb11(before),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    use super::sentence_starts;

    fn crate_starts(s: &str) -> Option<Vec<usize>> {
        Some(s.split_sentence_bound_indices().map(|(i, _)| i).collect())
    }

    #[test]
    fn every_character_handled_alone_and_in_context() {
        let handled = (0u32..0x3000)
            .chain(0xe000..0x1_0000)
            .chain(0x1_f000..0x1_fc00)
            .filter_map(char::from_u32)
            .filter(|&c| super::category(c).is_some());
        for c in handled {
            for s in [
                format!("{c}"),
                format!("Hi.{c}"),
                format!("Hi. {c}x"),
                format!("Hi.) {c} there"),
                format!("U.S.{c}A b."),
                format!("Why?{c} no"),
                format!("{c}\u{ad}Hi.\u{200b}{c}"),
                format!("Hi.\n\u{fe0f}{c} x"),
            ] {
                assert_eq!(sentence_starts(&s), crate_starts(&s), "{s:?}");
            }
        }
    }

    #[test]
    fn news_text() {
        for s in [
            "",
            "The U.S. said on Monday. It was 3.5 percent. \"Why?\" he asked. (Really.) Yes!\n\nNew line.\r\nMore",
            "Mr. Smith went to Washington. e.g. this; etc. -- and so on... Then: \"Done.\"  'OK.'   [Next] {x}",
            "A.B. c. D? e! F.\t G.\x0b H.\x0c i",
            "“Ça va.” ‘Non’ — dit-il. É. été. «Oui.» Straße. Ñ‼ ‽ x․ y",
        ] {
            assert_eq!(sentence_starts(s), crate_starts(s), "{s:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn quiet_run_is_a_search(rest in proptest::collection::vec(any::<u8>(), 0..40), quiet in 0..60usize) {
            // Mostly quiet bytes, then anything.
            let rest: Vec<u8> = std::iter::repeat_n(b'a', quiet).chain(rest).collect();
            let expected = rest.iter().position(|&b| super::MAY_BREAK[usize::from(b)]).unwrap_or(rest.len());
            prop_assert_eq!(super::quiet_run(&rest), expected);
            // The .wasm's eight-byte steps: the same where they stop early,
            // else every whole step.
            let eights = super::quiet_eights(&rest);
            prop_assert_eq!(eights, expected.min(rest.len() / 8 * 8));
        }

        #[test]
        fn agrees_with_unicode_segmentation(s in "[aZ1 .!?,;:'\"()\\[\\]{}\t\n\r\x0b\x0c#-]{0,24}") {
            prop_assert_eq!(sentence_starts(&s), crate_starts(&s));
        }

        #[test]
        fn agrees_on_any_ascii(s in "[\x00-\x7f]{0,40}") {
            prop_assert_eq!(sentence_starts(&s), crate_starts(&s));
        }

        #[test]
        fn agrees_on_latin_and_punctuation(s in "[aZ1 .!?,'\"()\n\u{a0}-\u{ff}\u{2000}-\u{203f}\u{391}\u{3b1}\u{3c2}\u{fb01}\u{20ac}\u{2122}\u{2264}\u{25a0}\u{e000}\u{fffd}\u{ad}\u{200b}\u{200d}\u{202c}\u{fe0f}\u{1f60d}]{0,24}") {
            if let Some(starts) = sentence_starts(&s) {
                prop_assert_eq!(Some(starts), crate_starts(&s));
            }
        }

        #[test]
        fn any_other_character_is_left_to_the_crate(s in "[a. ]{0,8}[\u{100}-\u{385}\u{3cf}-\u{1fff}\u{85}\u{2028}-\u{2029}\u{2040}-\u{209f}\u{20d0}-\u{211d}\u{2124}-\u{218f}\u{2308}-\u{230b}\u{2329}-\u{232a}\u{24b6}-\u{24e9}\u{275b}-\u{2760}\u{2768}-\u{2775}\u{27c5}-\u{d7ff}\u{f900}-\u{faff}\u{fb07}-\u{fdff}\u{fe10}-\u{fffb}\u{fffe}-\u{1f2ff}\u{1f650}-\u{1f67f}\u{1fb00}-\u{10ffff}][a. ]{0,8}") {
            prop_assert_eq!(sentence_starts(&s), None);
        }
    }
}
