//! UAX #29 sentence boundaries for ASCII text, as `unicode-segmentation`
//! finds them, without its per-character table search.
//!
//! This is a port of that crate's forward state machine
//! (`unicode_segmentation::sentence::fwd`, version 1.13) restricted to the
//! ASCII sentence break categories: the same states, the same rules in the
//! same order, the same look-ahead for SB8, so that it returns the same
//! boundaries (tested against the crate on generated text). Categories
//! that no ASCII character has (Sep, OLetter, Extend, Format) are left out.

/// Sentence_Break property of an ASCII byte (UAX #29, table 4).
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
}

fn category(b: u8) -> Cat {
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

/// What the crate's state remembers of one recent character (or run).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Sot,
    Other,
    Cr,
    Lf,
    ATerm,
    UpperLower,
    ClosePlus,
    SpPlus,
    STerm,
}

type State = [Part; 4];

fn next_state(parts: State, cat: Cat) -> State {
    match (parts[3], cat) {
        (Part::ClosePlus, Cat::Close) | (Part::SpPlus, Cat::Sp) => parts,
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
fn sb8(parts: &State, ahead: &[u8]) -> bool {
    let mut idx = if parts[3] == Part::SpPlus { 2 } else { 3 };
    if parts[idx] == Part::ClosePlus {
        idx -= 1;
    }
    if parts[idx] == Part::ATerm {
        for &b in ahead {
            match category(b) {
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
    let mut idx = if parts[3] == Part::SpPlus { 2 } else { 3 };
    if parts[idx] == Part::ClosePlus {
        idx -= 1;
    }
    matches!(parts[idx], Part::STerm | Part::ATerm)
}

/// SATerm Close* before the current character (SB9).
fn sb9(parts: &State) -> bool {
    let idx = if parts[3] == Part::ClosePlus { 2 } else { 3 };
    matches!(parts[idx], Part::STerm | Part::ATerm)
}

/// SATerm Close* Sp* ParaSep? before the current character (SB11).
fn sb11(parts: &State) -> bool {
    let mut idx = if matches!(parts[3], Part::Cr | Part::Lf) { 2 } else { 3 };
    if parts[idx] == Part::SpPlus {
        idx -= 1;
    }
    if parts[idx] == Part::ClosePlus {
        idx -= 1;
    }
    matches!(parts[idx], Part::STerm | Part::ATerm)
}

/// The byte offsets where the sentences of the ASCII text `s` start: what
/// `s.split_sentence_bound_indices().map(|(i, _)| i)` yields.
pub(crate) fn sentence_starts(s: &str) -> Vec<usize> {
    debug_assert!(s.is_ascii());
    let bytes = s.as_bytes();
    let mut starts = Vec::new();
    let mut state: State = [Part::Sot; 4];
    for (pos, &b) in bytes.iter().enumerate() {
        let before = state;
        let cat = category(b);
        state = next_state(state, cat);
        let boundary = match cat {
            _ if before[3] == Part::Sot => true,
            Cat::Lf if before[3] == Part::Cr => false,
            _ if matches!(before[3], Part::Cr | Part::Lf) => true,
            Cat::Numeric if before[3] == Part::ATerm => false,
            Cat::Upper if before[2] == Part::UpperLower && before[3] == Part::ATerm => false,
            _ if sb8(&before, &bytes[pos..]) => false,
            Cat::SContinue | Cat::STerm | Cat::ATerm if sb8a(&before) => false,
            Cat::Close | Cat::Sp | Cat::Cr | Cat::Lf if sb9(&before) => false,
            Cat::Sp | Cat::Cr | Cat::Lf if sb8a(&before) => false,
            _ => sb11(&before),
        };
        if boundary {
            starts.push(pos);
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    use super::sentence_starts;

    fn crate_starts(s: &str) -> Vec<usize> {
        s.split_sentence_bound_indices().map(|(i, _)| i).collect()
    }

    #[test]
    fn every_ascii_byte_alone_and_in_context() {
        for b in 0u8..128 {
            let c = char::from(b);
            for s in [
                format!("{c}"),
                format!("Hi.{c}"),
                format!("Hi. {c}x"),
                format!("Hi.) {c} there"),
                format!("U.S.{c}A b."),
                format!("Why?{c} no"),
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
        ] {
            assert_eq!(sentence_starts(s), crate_starts(s), "{s:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn agrees_with_unicode_segmentation(s in "[aZ1 .!?,;:'\"()\\[\\]{}\t\n\r\x0b\x0c#-]{0,24}") {
            prop_assert_eq!(sentence_starts(&s), crate_starts(&s));
        }

        #[test]
        fn agrees_on_any_ascii(s in "[\x00-\x7f]{0,40}") {
            prop_assert_eq!(sentence_starts(&s), crate_starts(&s));
        }
    }
}
