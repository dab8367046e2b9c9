//! Datelines and credit prefixes that open a news sentence: "WASHINGTON
//! (AP) —", "CAIRO (Reuters) -", "SYCAMORE, Ill. --", "(CNN)". They say
//! where and by whom the story was filed, not what happened, and in a digest
//! they stand in the middle of text taken from several outlets. A sentence's
//! span starts after them; the text it keeps is still verbatim.

use std::ops::Range;

/// The span of `text[span]` without a leading dateline or credit, or the
/// span unchanged. What is left must read as a sentence: it starts with a
/// capital, a digit or a quotation mark and has at least four words.
pub(crate) fn skip(text: &str, span: Range<usize>) -> Range<usize> {
    let s = &text[span.clone()];
    let Some(after) = prefix_end(s) else {
        return span;
    };
    let rest = &s[after..];
    let starts_well =
        rest.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'".contains(c));
    if starts_well && rest.split_whitespace().count() >= 4 { span.start + after..span.end } else { span }
}

/// Where a leading dateline or credit ends (after the space that follows
/// it), if `s` opens with one.
fn prefix_end(s: &str) -> Option<usize> {
    // "(CNN) ...", "(AP) — ...": an outlet in parentheses.
    if s.starts_with('(') {
        let close = outlet_in_parentheses(s)?;
        let rest = &s[close..];
        // The parentheses alone may set the credit apart: "(CNN) Greg ...".
        return Some(close + dash_after(rest).unwrap_or(rest.len() - rest.trim_start().len()));
    }
    // "CAIRO (Reuters) - ...", "LONDON -- ...", "SYCAMORE, Ill. --A ...",
    // "CAIRO—The ...": a place in capitals, perhaps a state, perhaps an
    // outlet, then a dash.
    let mut end = s.len().min(60);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let head = &s[..end];
    let mut i = 0;
    let bytes = head.as_bytes();
    // The place: capitals, spaces, dots, apostrophes, hyphens between letters.
    while i < bytes.len() && (bytes[i].is_ascii_uppercase() || b" .'".contains(&bytes[i])) {
        i += 1;
    }
    let place = head[..i].trim_end();
    if place.chars().filter(char::is_ascii_uppercase).count() < 3 {
        return None;
    }
    let mut j = place.len();
    // ", Ill." or ", MI": a short state or country after a comma.
    if let Some(state) = head[j..].strip_prefix(", ") {
        let len = state.find([' ', '-', '—', '–']).unwrap_or(state.len());
        let word = &state[..len];
        if len == 0 || len > 6 || !word.starts_with(|c: char| c.is_ascii_uppercase()) {
            return None;
        }
        j += 2 + len;
    }
    // " (Reuters)": the outlet.
    let gap = head[j..].len() - head[j..].trim_start().len();
    if head[j + gap..].starts_with('(') {
        j += gap + outlet_in_parentheses(&head[j + gap..])?;
    }
    dash_after(&head[j..]).map(|dash| j + dash)
}

/// The end (after ')') of a leading "(Outlet)": one to three words, each
/// capitalized, 24 bytes at most.
fn outlet_in_parentheses(s: &str) -> Option<usize> {
    let close = s.find(')').filter(|&c| c <= 25)?;
    let inside = &s[1..close];
    let words: Vec<&str> = inside.split_whitespace().collect();
    let named = (1..=3).contains(&words.len())
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase()) && w.chars().all(|c| c.is_alphanumeric() || ".&-".contains(c))
        });
    named.then_some(close + 1)
}

/// The length of the dash that opens `s` and separates a dateline from the
/// sentence, with the spaces around it (" — ", " -- ", "—", " >> ").
fn dash_after(s: &str) -> Option<usize> {
    let trimmed = s.trim_start();
    let lead = s.len() - trimmed.len();
    let dash = ["—", "–", "--", "-", ">>"].iter().find(|d| trimmed.starts_with(**d))?.len();
    let rest = &trimmed[dash..];
    Some(lead + dash + (rest.len() - rest.trim_start().len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(s: &str) -> &str {
        &s[skip(s, 0..s.len())]
    }

    #[test]
    fn datelines_and_credits_are_skipped() {
        for (given, expected) in [
            ("WASHINGTON (AP) — The Senate voted on Tuesday to end the debate.", "The Senate voted"),
            ("CAIRO (Reuters) - European Union foreign policy chief Catherine Ashton said", "European Union"),
            ("SYCAMORE, Ill. --A 76-year-old man from Washington state will be released.", "A 76-year-old"),
            ("DETROIT, MI -- Detroit police on Thursday arrested eight people.", "Detroit police"),
            ("CAIRO—The European Union's top diplomat met with Mohammed Morsi late Monday.", "The European"),
            ("LONDON -- A leading shareholder advisory group has criticized BP.", "A leading"),
            ("WOODLAND HILLS >> Homicide detectives are investigating the stabbing death.", "Homicide"),
            ("(CNN) Greg Gianforte pleaded guilty to misdemeanor assault Monday morning.", "Greg"),
            ("BOSTON (CBS) – One of the people killed in the explosions was a child.", "One of"),
        ] {
            assert!(kept(given).starts_with(expected), "{given:?} kept as {:?}", kept(given));
        }
    }

    #[test]
    fn sentences_without_a_dateline_stay_whole() {
        for s in [
            "The White House said on Monday that Russia is seeking more drones.",
            "NATO - the alliance - met on Monday.",
            "US officials said the talks would resume next week in Geneva.",
            "UPDATE: The Democratic National Committee said late Wednesday that it was a test.",
            "(Photo by Jane Doe) but the rest is lowercase and stays whole here.",
            "(see below) The report was published on Monday by the agency.",
            "WASHINGTON (AP) — Too short.",
            "CLOSE Kevin Spacey was accused by more than a dozen men.",
            "NEW YORK officials said the subway would reopen on Monday morning.",
            "A US official said the talks would resume next week.",
            "After her meeting with Morsi, Ashton met Tuesday with Egypt’s interim vice president.",
            "ÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉ",
        ] {
            assert_eq!(kept(s), s);
        }
    }
}
