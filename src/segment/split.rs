//! Sentence splitting: one block of text (a paragraph, a heading, a list
//! item) into sentence-like [`Unit`]s.
//!
//! The base is the UAX #29 sentence boundary algorithm
//! (`unicode_segmentation`), run on a same-length copy of the block in which
//!
//! * single newlines that are soft line wraps are blanked to spaces, so that
//!   only newlines that end a line-like unit (a headline, a caption) stay hard
//!   breaks;
//! * `…` is written as `...`, so that it behaves like three periods;
//! * a period followed by a very long run of spaces, closing punctuation or
//!   combining marks is written as `!`, which keeps UAX #29 linear (its
//!   look-ahead after a period is otherwise quadratic in such runs).
//!
//! The pieces UAX #29 finds are then merged back where the break is wrong in
//! news text: after abbreviations and initials ([`ABBREVIATIONS`]), inside a
//! quotation that closes later in the block, and before a lowercase word.
//! Merging never crosses a hard line break. One break UAX #29 misses is
//! added: a period glued to the next sentence ("Iran.Ebrahim Noroozi (AP)").
//!
//! Byte offsets are identical in the copy and in the text, so every range
//! refers to the original text.

use std::borrow::Cow;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// One sentence-like unit found in a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unit {
    /// Byte range into the full text; on char boundaries, trimmed of white space.
    pub range: Range<usize>,
    /// True when the unit ends with sentence-final punctuation (. ! ? … and CJK/other script terminators),
    /// possibly followed by closing quotes/brackets. False for headlines, captions, list items without final punctuation.
    pub terminated: bool,
}

/// A unit grown by quotation merging stops growing at this many bytes, and a
/// quotation longer than this is not protected from splitting at all.
const MAX_QUOTE_UNIT: usize = 1000;

/// Open quotation marks remembered at once; older ones are forgotten.
const QUOTE_DEPTH: usize = 16;

/// A period followed by at least this many chars that are neither letters nor
/// digits (spaces, closing quotes, combining marks) is neutralised for UAX #29.
const LONG_RUN: usize = 64;

/// Longest token (in bytes) looked up as an abbreviation.
const MAX_ABBR_LEN: usize = 12;

/// How a word ending in a period behaves before the next piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Abbr {
    /// Never ends a sentence: titles, "e.g.", "vs.".
    Never,
    /// May end a sentence: joins the next piece unless that piece starts with
    /// a word that typically starts a sentence ([`SENTENCE_STARTERS`]).
    CanEnd,
    /// Joins only a following number: "No. 5", "Art. 3".
    BeforeNumber,
    /// Joins only a following lowercase word or number: "approx. 40".
    BeforeLowerOrNumber,
}

/// Abbreviations that end in a period. Entries written in lowercase match in
/// any case ("e.g.", "E.g."), except one-letter ones; the others match
/// exactly ("No." but not "no.").
/// Dotted acronyms not listed here ("F.B.I.", "N.Y.") are treated as
/// [`Abbr::CanEnd`], single capital letters (initials) as well.
const ABBREVIATIONS: &[(&str, Abbr)] = &[
    // Titles and ranks (English).
    ("Mr.", Abbr::Never),
    ("Mrs.", Abbr::Never),
    ("Ms.", Abbr::Never),
    ("Messrs.", Abbr::Never),
    ("Dr.", Abbr::Never),
    ("Drs.", Abbr::Never),
    ("Prof.", Abbr::Never),
    ("Gen.", Abbr::Never),
    ("Lt.", Abbr::Never),
    ("Col.", Abbr::Never),
    ("Maj.", Abbr::Never),
    ("Capt.", Abbr::Never),
    ("Sgt.", Abbr::Never),
    ("Cpl.", Abbr::Never),
    ("Pvt.", Abbr::Never),
    ("Adm.", Abbr::Never),
    ("Cmdr.", Abbr::Never),
    ("Gov.", Abbr::Never),
    ("Govs.", Abbr::Never),
    ("Sen.", Abbr::Never),
    ("Sens.", Abbr::Never),
    ("Rep.", Abbr::Never),
    ("Reps.", Abbr::Never),
    ("Rev.", Abbr::Never),
    ("Hon.", Abbr::Never),
    ("Pres.", Abbr::Never),
    ("Supt.", Abbr::Never),
    ("Det.", Abbr::Never),
    ("Atty.", Abbr::Never),
    ("Sec.", Abbr::Never),
    // Latin and reference abbreviations.
    ("vs.", Abbr::Never),
    ("v.", Abbr::Never),
    ("e.g.", Abbr::Never),
    ("i.e.", Abbr::Never),
    ("cf.", Abbr::Never),
    ("viz.", Abbr::Never),
    ("No.", Abbr::BeforeNumber),
    ("Nos.", Abbr::BeforeNumber),
    ("Art.", Abbr::BeforeNumber),
    ("Fig.", Abbr::BeforeNumber),
    ("Figs.", Abbr::BeforeNumber),
    ("ref.", Abbr::BeforeNumber),
    ("Rept.", Abbr::BeforeNumber),
    ("Vol.", Abbr::BeforeNumber),
    ("Ch.", Abbr::BeforeNumber),
    ("p.", Abbr::BeforeNumber),
    ("pp.", Abbr::BeforeNumber),
    ("approx.", Abbr::BeforeLowerOrNumber),
    ("est.", Abbr::BeforeLowerOrNumber),
    ("incl.", Abbr::BeforeLowerOrNumber),
    // Can end a sentence.
    ("U.S.", Abbr::CanEnd),
    ("U.K.", Abbr::CanEnd),
    ("U.N.", Abbr::CanEnd),
    ("U.S.A.", Abbr::CanEnd),
    ("E.U.", Abbr::CanEnd),
    ("D.C.", Abbr::CanEnd),
    ("Inc.", Abbr::CanEnd),
    ("Corp.", Abbr::CanEnd),
    ("Ltd.", Abbr::CanEnd),
    ("Co.", Abbr::CanEnd),
    ("Cos.", Abbr::CanEnd),
    ("Bros.", Abbr::CanEnd),
    ("Jr.", Abbr::CanEnd),
    ("Sr.", Abbr::CanEnd),
    ("etc.", Abbr::CanEnd),
    ("al.", Abbr::CanEnd),
    ("a.m.", Abbr::CanEnd),
    ("p.m.", Abbr::CanEnd),
    ("St.", Abbr::CanEnd),
    ("Mt.", Abbr::CanEnd),
    ("Ft.", Abbr::CanEnd),
    ("Ave.", Abbr::CanEnd),
    ("Blvd.", Abbr::CanEnd),
    ("Rd.", Abbr::CanEnd),
    ("Dept.", Abbr::CanEnd),
    ("Univ.", Abbr::CanEnd),
    // Months (AP style).
    ("Jan.", Abbr::CanEnd),
    ("Feb.", Abbr::CanEnd),
    ("Mar.", Abbr::CanEnd),
    ("Apr.", Abbr::CanEnd),
    ("Jun.", Abbr::CanEnd),
    ("Jul.", Abbr::CanEnd),
    ("Aug.", Abbr::CanEnd),
    ("Sep.", Abbr::CanEnd),
    ("Sept.", Abbr::CanEnd),
    ("Oct.", Abbr::CanEnd),
    ("Nov.", Abbr::CanEnd),
    ("Dec.", Abbr::CanEnd),
    // U.S. states (AP style) that are not also dotted acronyms.
    ("Ala.", Abbr::CanEnd),
    ("Ariz.", Abbr::CanEnd),
    ("Ark.", Abbr::CanEnd),
    ("Calif.", Abbr::CanEnd),
    ("Colo.", Abbr::CanEnd),
    ("Conn.", Abbr::CanEnd),
    ("Del.", Abbr::CanEnd),
    ("Fla.", Abbr::CanEnd),
    ("Ga.", Abbr::CanEnd),
    ("Ill.", Abbr::CanEnd),
    ("Ind.", Abbr::CanEnd),
    ("Kan.", Abbr::CanEnd),
    ("Ky.", Abbr::CanEnd),
    ("La.", Abbr::CanEnd),
    ("Md.", Abbr::CanEnd),
    ("Mass.", Abbr::CanEnd),
    ("Mich.", Abbr::CanEnd),
    ("Minn.", Abbr::CanEnd),
    ("Miss.", Abbr::CanEnd),
    ("Mo.", Abbr::CanEnd),
    ("Mont.", Abbr::CanEnd),
    ("Neb.", Abbr::CanEnd),
    ("Nev.", Abbr::CanEnd),
    ("Okla.", Abbr::CanEnd),
    ("Ore.", Abbr::CanEnd),
    ("Pa.", Abbr::CanEnd),
    ("Tenn.", Abbr::CanEnd),
    ("Va.", Abbr::CanEnd),
    ("Vt.", Abbr::CanEnd),
    ("Wash.", Abbr::CanEnd),
    ("Wis.", Abbr::CanEnd),
    ("Wyo.", Abbr::CanEnd),
    // Spanish.
    ("Sra.", Abbr::Never),
    ("Srta.", Abbr::Never),
    ("Dra.", Abbr::Never),
    ("Lic.", Abbr::Never),
    ("Ing.", Abbr::Never),
    ("Avda.", Abbr::CanEnd),
    ("pág.", Abbr::BeforeNumber),
    ("núm.", Abbr::BeforeNumber),
    // French.
    ("Mme.", Abbr::Never),
    ("Mmes.", Abbr::Never),
    ("Mlle.", Abbr::Never),
    ("Mlles.", Abbr::Never),
    // German.
    ("z.B.", Abbr::Never),
    ("bzw.", Abbr::Never),
    ("d.h.", Abbr::Never),
    ("vgl.", Abbr::Never),
    ("sog.", Abbr::Never),
    ("Nr.", Abbr::BeforeNumber),
    ("ca.", Abbr::BeforeLowerOrNumber),
    ("usw.", Abbr::CanEnd),
    ("u.a.", Abbr::CanEnd),
];

/// Capitalised words that typically start a sentence (function words,
/// pronouns, determiners, sentence adverbs), in English, Spanish, French and
/// German. After an abbreviation that can end a sentence ("U.S.", "p.m.",
/// "Inc."), one of these as the next word means a new sentence. Words that
/// are also frequent in names ("Los Angeles", "Le Pen", "Des Moines", "Al")
/// are left out on purpose.
#[rustfmt::skip]
const SENTENCE_STARTERS: &[&str] = &[
    // English.
    "A", "About", "According", "After", "Afterward", "Again", "Against", "All", "Also", "Although",
    "Among", "An", "And", "Another", "Any", "Anyone", "As", "At", "Because", "Before", "Both",
    "But", "By", "Despite", "During", "Each", "Earlier", "Even", "Every", "For", "From", "Further",
    "He", "Her", "Here", "His", "How", "However", "I", "If", "In", "Instead", "It", "Its", "Just",
    "Last", "Later", "Many", "Meanwhile", "More", "Most", "Much", "My", "Neither", "Nevertheless",
    "No", "None", "Nor", "Not", "Now", "Of", "On", "Once", "One", "Only", "Or", "Other", "Others",
    "Our", "Over", "Since", "So", "Some", "Still", "Such", "That", "The", "Their", "Then", "There",
    "These", "They", "This", "Those", "Though", "Thus", "To", "Under", "Until", "We", "What",
    "When", "Where", "Whether", "Which", "While", "Who", "Why", "With", "Without", "Yet", "You",
    "Your",
    // Spanish.
    "Además", "Aunque", "Cuando", "Con", "Desde", "Ella", "Ellas", "Ellos", "En", "Esa", "Ese",
    "Eso", "Esta", "Este", "Esto", "Estos", "Estas", "Hoy", "Lo", "Para", "Pero", "Por", "Se",
    "Según", "Si", "Sin", "Su", "Sus", "También", "Tras", "Un", "Una", "Unos", "Unas", "Y", "Él",
    // French.
    "Ce", "Cependant", "Ces", "Cette", "Dans", "Elle", "Elles", "Et", "Il", "Ils", "Je", "Les",
    "Mais", "Nous", "Pour", "Puis", "Selon", "Sur", "Une", "Vous",
    // German.
    "Aber", "Als", "Am", "Auch", "Bei", "Das", "Dem", "Den", "Der", "Die", "Dies", "Diese",
    "Dieser", "Dieses", "Doch", "Ein", "Eine", "Einer", "Er", "Es", "Ich", "Im", "Laut", "Mit",
    "Nach", "Nun", "Oder", "Seit", "Sie", "Und", "Vor", "Weil", "Wenn", "Wir", "Zum", "Zur",
];

/// German month names: "am 24. Februar" is a date, not a sentence end.
const GERMAN_MONTHS: &[&str] = &[
    "Januar",
    "Jänner",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

/// Lowercase words that cannot end a headline or caption: a line ending in
/// one of them was wrapped in mid-sentence.
#[rustfmt::skip]
const LINE_END_WORDS: &[&str] = &[
    "a", "about", "after", "against", "among", "an", "and", "are", "as", "at", "be", "been",
    "before", "between", "but", "by", "can", "could", "for", "from", "had", "has", "have", "her",
    "his", "if", "in", "into", "is", "its", "may", "might", "nor", "of", "on", "or", "our", "over",
    "said", "says", "should", "than", "that", "the", "their", "these", "this", "those", "to",
    "told", "under", "was", "were", "which", "while", "who", "will", "with", "would",
];

/// A line that starts with one of these continues the line before it.
const CONTINUES_LINE: &[char] =
    &[',', ';', ':', ')', ']', '}', '.', '!', '?', '…', '%', '-', '–', '—', '/', '&', '+', '*', '(', '\'', '’'];

/// A line that ends with one of these is continued on the next line.
const CONTINUED_LINE_END: &[char] =
    &[',', ';', ':', '-', '–', '—', '(', '[', '{', '/', '&', '+', '=', '“', '„', '«', '‘'];

/// Characters that end a sentence.
pub(crate) fn is_final_punct(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | '…'
            | '‼'
            | '‽'
            | '⁇'
            | '⁈'
            | '⁉'
            | '。'
            | '｡'
            | '！'
            | '？'
            | '．'
            | '﹒'
            | '﹖'
            | '﹗'
            | '︒'
            | '؟'
            | '۔'
            | '।'
            | '॥'
            | '։'
            | '።'
            | '፧'
            | '။'
            | '᙮'
            | '᠃'
            | '᠉'
            | '܀'
            | '܁'
            | '܂'
            | '߹'
            | '꓿'
            | '꘎'
            | '꘏'
            | '꛳'
            | '꛷'
    )
}

/// Closing quotes and brackets that may follow the final punctuation.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | ')'
            | ']'
            | '}'
            | '”'
            | '“'
            | '’'
            | '‘'
            | '»'
            | '«'
            | '›'
            | '」'
            | '』'
            | '）'
            | '］'
            | '｝'
            | '〉'
            | '》'
            | '】'
            | '〕'
            | '〗'
            | '〙'
            | '〛'
    )
}

/// Opening quotes and brackets that may precede a word.
fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '(' | '[' | '{' | '“' | '‘' | '„' | '‚' | '«' | '»' | '‹' | '「' | '『' | '（' | '¿' | '¡')
}

/// Quotation marks that open a quotation (used after a possible sentence end).
fn is_opening_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '„' | '«' | '»' | '「' | '『')
}

/// Paragraph separators that UAX #29 always breaks after.
fn is_line_sep(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Does `s` (trimmed) end with sentence-final punctuation, ignoring closing
/// quotes and brackets after it?
fn ends_terminated(s: &str) -> bool {
    // Most units end in a period or a letter: neither white space nor a
    // closer, so that byte decides (native only: the .wasm's size budget
    // binds).
    #[cfg(not(target_arch = "wasm32"))]
    match s.as_bytes().last() {
        Some(b'.' | b'!' | b'?') => return true,
        Some(b) if b.is_ascii_alphanumeric() => return false,
        _ => {}
    }
    s.trim_end().trim_end_matches(is_closer).chars().next_back().is_some_and(is_final_punct)
}

/// Splits `text[block]` (a paragraph, a heading, a list item; may contain
/// single newlines) into sentences.
///
/// The returned ranges index `text`, are in order, non-overlapping, non-empty,
/// trimmed of white space, and together cover every non-white-space char of
/// the block. A `block` that is out of range or not on char boundaries is
/// clamped, never a panic.
pub(crate) fn split(text: &str, block: Range<usize>) -> Vec<Unit> {
    let (base, end) = clamp_block(text, block);
    let s = &text[base..end];
    if s.trim().is_empty() {
        return Vec::new();
    }
    let (copy, glued, quotes) = uax_copy(s, Scan::of(s));
    units(s, &copy, base, &glued, &quotes)
}

fn make_unit(s: &str, base: usize, range: Range<usize>) -> Unit {
    Unit { terminated: ends_terminated(&s[range.clone()]), range: base + range.start..base + range.end }
}

/// Clamps `block` into `text` and onto char boundaries.
fn clamp_block(text: &str, block: Range<usize>) -> (usize, usize) {
    let mut start = block.start.min(text.len());
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let mut end = block.end.min(text.len()).max(start);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (start, end.max(start))
}

// ---------------------------------------------------------------------------
// The copy of the block that UAX #29 sees.

/// A copy of `s` with the same byte length and the same char boundaries (or
/// finer ones), prepared for UAX #29: soft newlines blanked, `…` spelled
/// `...`, and periods before very long non-letter runs turned into `!`.
/// Most blocks need none of that and are borrowed as they are.
///
/// With it, the periods of `s` that may end a sentence glued to the next
/// ([`may_glue`]), in order: the search for periods is done once here, not
/// again for every piece; and the block's quotations ([`Quotes`]), whose
/// marks are found by the same search (a block outside ASCII was searched
/// twice, once for each set).
fn uax_copy(s: &str, scan: Scan) -> (Cow<'_, str>, Vec<usize>, Vec<Range<usize>>) {
    let mut bytes: Option<Vec<u8>> = None;
    fn edit(bytes: &mut Option<Vec<u8>>, s: &str, range: Range<usize>, with: &[u8]) {
        bytes.get_or_insert_with(|| s.as_bytes().to_vec())[range].copy_from_slice(with);
    }
    if scan.newline {
        for newline in soft_newlines(s) {
            let blank = &b"  "[..newline.len()];
            edit(&mut bytes, s, newline, blank);
        }
    }
    // Periods (UAX #29 ATerm) before a long run, as exclamation marks (STerm)
    // of the same length. The run is judged on the original text, where it
    // only differs from the copy by newlines (which end a run either way).
    let mut glued = Vec::new();
    let mut quotes = Quotes::default();
    // The handling of one mark, as a macro so that it is written once for
    // the two loops of the native build and the one of the .wasm: a closure
    // called from two loops took about 300 B more of the gzipped .wasm, and
    // each loop here has the body inlined in its own.
    macro_rules! mark_loop {
        ($marks:expr) => {
            for (i, mark) in $marks {
                let (at, replacement): (usize, &[u8]) = match mark {
                    '.' => (i, b"!"),
                    '…' => (i + 2, b"!"),
                    '\u{2024}' => (i, "‼".as_bytes()),
                    '\u{fe52}' => (i, "\u{fe57}".as_bytes()),
                    '\u{ff0e}' => (i, "！".as_bytes()),
                    _ => {
                        // Only soft newlines are edited yet in the copy, and
                        // an ATerm's edit touches only its own bytes.
                        quotes.mark(s, bytes.as_deref().unwrap_or(s.as_bytes()), i, mark);
                        continue;
                    }
                };
                // `…` (an ATerm too, so found here rather than by a search
                // of its own) is spelled `...` before its last period may
                // become `!` below; no other edit touches its bytes.
                if mark == '…' {
                    edit(&mut bytes, s, i..i + 3, b"...");
                }
                if mark == '.' && may_glue(s, i) {
                    glued.push(i);
                }
                if long_run_follows(&s[i + mark.len_utf8()..]) {
                    edit(&mut bytes, s, at..at + replacement.len(), replacement);
                }
            }
        };
    }
    // In ASCII without a straight quote, there is no quotation to follow,
    // and the only ATerm is the period, found by memchr's vector search
    // (core's `match_indices('.')`, a word at a time, took some 190
    // instructions a period). Native only: the .wasm's size budget binds.
    #[cfg(not(target_arch = "wasm32"))]
    if scan.ascii && !scan.quote {
        mark_loop!(memchr::memchr_iter(b'.', s.as_bytes()).map(|i| (i, '.')));
    } else {
        mark_loop!(find_chars(s, &MARKS));
    }
    #[cfg(target_arch = "wasm32")]
    mark_loop!(find_chars(s, &MARKS));
    let copy = match bytes {
        None => Cow::Borrowed(s),
        // Every replacement swaps whole chars for chars of the same length.
        Some(bytes) => Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| s.to_owned())),
    };
    (copy, glued, quotes.finish())
}

/// The chars UAX #29 takes for a period (ATerm).
#[cfg(test)]
const ATERMS: CharSet = CharSet::new(&['.', '…', '\u{2024}', '\u{fe52}', '\u{ff0e}']);

/// What [`uax_copy`] looks for: the ATerms, and the quotation marks and
/// line breaks that [`Quotes`] follows.
const MARKS: CharSet = CharSet::new(&[
    '.', '…', '\u{2024}', '\u{fe52}', '\u{ff0e}', '\n', '\r', '\u{85}', '\u{2028}', '\u{2029}', '"', '“', '”', '„',
    '«', '»', '「', '」', '『', '』',
]);

/// A small set of chars to look for, with the first bytes of their UTF-8
/// forms, so that a search decodes only the chars that may be in the set.
struct CharSet {
    chars: &'static [char],
    first_bytes: [bool; 256],
    /// Bit `b & 63` set for the last byte `b` (a continuation byte) of each
    /// char of two bytes or more: the common chars outside the set that
    /// share a first byte with it (`’` and `—` with `“`) are told apart
    /// by their last byte, without decoding.
    last_bytes: u64,
    /// Its ASCII chars (at most four; repeated to fill), each in every
    /// byte of a `u64`, for a search of eight bytes at a time (the .wasm).
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code, reason = "the .wasm's eight-byte search"))]
    ascii: [u64; 4],
    /// Bit 7 of every byte if it has chars outside ASCII, else 0.
    high: u64,
    /// Its ASCII chars (at most four; repeated to fill), for a search of
    /// sixteen bytes at a time (native).
    #[cfg_attr(target_arch = "wasm32", allow(dead_code, reason = "the native sixteen-byte search"))]
    ascii_bytes: [u8; 4],
}

/// What [`find_chars`] looks at in a step: natively sixteen bytes, whose
/// flags (one number) become a few vector compares; in the .wasm eight, as
/// one `u64` (SWAR).
#[cfg(not(target_arch = "wasm32"))]
type Step = u128;
#[cfg(target_arch = "wasm32")]
type Step = u64;

/// Bytes of a [`Step`].
const STEP: usize = size_of::<Step>();

/// 1 in every byte of a `u64`.
const ONES: u64 = 0x0101_0101_0101_0101;

impl CharSet {
    const fn new(chars: &'static [char]) -> CharSet {
        let mut first_bytes = [false; 256];
        let mut last_bytes = 0;
        let (mut ascii, mut ascii_bytes, mut n, mut high) = ([0; 4], [0; 4], 0, 0);
        let mut k = 0;
        while k < chars.len() {
            let c = chars[k] as u32;
            let first = match c {
                0..0x80 => c,
                0x80..0x800 => 0xc0 | (c >> 6),
                0x800..0x10000 => 0xe0 | (c >> 12),
                _ => 0xf0 | (c >> 18),
            };
            first_bytes[first as usize] = true;
            if c >= 0x80 {
                last_bytes |= 1 << (c & 63);
            }
            if c < 0x80 {
                ascii[n] = ONES * c as u64;
                ascii_bytes[n] = c as u8;
                n += 1;
            } else {
                high = 0x80 * ONES;
            }
            k += 1;
        }
        while n > 0 && n < 4 {
            ascii[n] = ascii[0];
            ascii_bytes[n] = ascii_bytes[0];
            n += 1;
        }
        CharSet { chars, first_bytes, last_bytes, ascii, high, ascii_bytes }
    }

    /// Bit 7 set in every byte of the eight bytes `x` that may start a
    /// char of the set (and maybe in some others): bytes outside ASCII, and
    /// bytes equal to an ASCII char of the set, found as the zero bytes of
    /// `x ^ char` (`v - ONES & !v` has bit 7 set in every zero byte of `v`).
    #[cfg(target_arch = "wasm32")]
    fn may_start(&self, eight: &[u8; 8]) -> u64 {
        let x = u64::from_le_bytes(*eight);
        let zero = |v: u64| v.wrapping_sub(ONES) & !v;
        self.ascii.iter().fold(x & self.high, |m, &b| m | zero(x ^ b)) & (0x80 * ONES)
    }

    /// From `at` on, the first whole step of `bytes` with a byte that
    /// [`CharSet::may_start`]: its end and its flags (0: none). A function
    /// of its own, so that the set, a reference parameter here, is known
    /// not to change in the loop, and what it compares with is loaded once.
    fn next_step(&self, bytes: &[u8], mut at: usize) -> (usize, Step) {
        while let Some(step) = bytes.get(at..).and_then(<[u8]>::first_chunk::<STEP>) {
            at += STEP;
            let maybe = self.may_start(step);
            if maybe != 0 {
                return (at, maybe);
            }
        }
        (at, 0)
    }

    /// Natively, the same of sixteen bytes, where only the bytes that start
    /// a char of two bytes or more (`0b11xx_xxxx`) count as outside ASCII:
    /// a curly quote or a dash is one candidate, not three.
    #[cfg(not(target_arch = "wasm32"))]
    fn may_start(&self, sixteen: &[u8; 16]) -> u128 {
        let [a, b, c, d] = self.ascii_bytes;
        let lead = self.high as u8;
        u128::from_le_bytes(sixteen.map(|x| {
            (u8::from(x == a) | u8::from(x == b) | u8::from(x == c) | u8::from(x == d)) << 7 | (x & x << 1 & lead)
        }))
    }
}

/// The chars of `set` in `s` with their byte offsets, in order: what
/// `s.match_indices(set.chars)` finds, without decoding every char of `s`.
fn find_chars<'a>(s: &'a str, set: &'a CharSet) -> impl Iterator<Item = (usize, char)> + 'a {
    let bytes = s.as_bytes();
    // Bytes `at - STEP..at` are looked at; `maybe` holds bit 7 of those
    // still to try.
    let (mut at, mut maybe): (usize, Step) = (0, 0);
    std::iter::from_fn(move || {
        loop {
            if maybe == 0 {
                (at, maybe) = set.next_step(bytes, at);
            }
            if maybe == 0 {
                if at >= bytes.len() {
                    return None;
                }
                maybe =
                    bytes[at..].iter().rev().fold(0, |m, &b| m << 8 | Step::from(set.first_bytes[usize::from(b)]) << 7);
                at += STEP;
                continue;
            }
            let i = at - STEP + maybe.trailing_zeros() as usize / 8;
            maybe &= maybe - 1;
            // A first byte is never a UTF-8 continuation byte, so each hit starts a char.
            let first = bytes[i];
            // The char's length by its first byte; its last byte must be
            // one of the set's.
            let last = match first {
                0..0x80 => None,
                0x80..0xe0 => bytes.get(i + 1),
                0xe0..0xf0 => bytes.get(i + 2),
                _ => bytes.get(i + 3),
            };
            // (Native only: the .wasm's size budget binds.)
            let last_fits = cfg!(target_arch = "wasm32") || last.is_none_or(|b| set.last_bytes & 1 << (b & 63) != 0);
            if set.first_bytes[usize::from(first)] && last_fits {
                // An ASCII byte of the set is a char of it (most hits: the
                // periods), with no char to decode and no list to search.
                if first < 0x80 {
                    return Some((i, char::from(first)));
                }
                match s[i..].chars().next() {
                    Some(c) if set.chars.contains(&c) => return Some((i, c)),
                    _ => {}
                }
            }
        }
    })
}

/// True when `rest` starts with at least [`LONG_RUN`] chars none of which is
/// a terminator or a letter or digit that starts a cluster. A letter or digit
/// that is a combining mark (a Devanagari vowel sign, say) does not end the
/// run unless it comes first or after a control char: UAX #29's sentence
/// rules attach it to the char before (SB5), so the look-ahead this guards
/// against runs on through it. Looks at no more than [`LONG_RUN`] chars.
///
/// This is "starts a grapheme cluster" for every letter and digit, except
/// after a Prepend or a format char (U+0600, U+200B, ...), where grapheme
/// segmentation joins differently: a test checks the rest against
/// `graphemes()`, whose tables would cost 12 KB of the gzipped .wasm here.
fn long_run_follows(rest: &str) -> bool {
    // The usual case, decided at once: a letter or digit next, or after
    // one ASCII char (an ASCII letter or digit always starts a cluster).
    match rest.as_bytes() {
        [b, ..] if b.is_ascii_alphanumeric() => return false,
        [a, b, ..] if a.is_ascii() && b.is_ascii_alphanumeric() => return false,
        _ => {}
    }
    let mut previous: Option<char> = None;
    for (n, c) in rest.chars().enumerate() {
        let starts_cluster = || match previous {
            None => true,
            Some(p) => p.is_control() || matches!(p, '\u{2028}' | '\u{2029}') || c.is_ascii() || !joins_cluster(c),
        };
        if (c.is_alphanumeric() && starts_cluster()) || is_final_punct(c) {
            return false;
        }
        if n + 1 >= LONG_RUN {
            return true;
        }
        previous = Some(c);
    }
    false
}

/// Whether `c` joins the grapheme cluster of the char before it (a letter
/// or digit after a char that is not a control, a Prepend or a format
/// char): combining marks such as U+0301 or U+093E do. Word segmentation
/// attaches the same marks (WB4) but for 33, which this names.
fn joins_cluster(c: char) -> bool {
    // UAX #29: Thai and Lao SARA AM are SpacingMark for clusters and
    // letters for words; these spacing marks (Myanmar, Tai Tham, Tai Viet,
    // Ahom) are the exceptions to SpacingMark, yet Extend for words.
    const CLUSTER_ONLY: [char; 2] = ['\u{e33}', '\u{eb3}'];
    const WORD_ONLY: [char; 31] = [
        '\u{102b}',
        '\u{102c}',
        '\u{1038}',
        '\u{1062}',
        '\u{1063}',
        '\u{1064}',
        '\u{1067}',
        '\u{1068}',
        '\u{1069}',
        '\u{106a}',
        '\u{106b}',
        '\u{106c}',
        '\u{106d}',
        '\u{1083}',
        '\u{1087}',
        '\u{1088}',
        '\u{1089}',
        '\u{108a}',
        '\u{108b}',
        '\u{108c}',
        '\u{108f}',
        '\u{109a}',
        '\u{109b}',
        '\u{109c}',
        '\u{1a61}',
        '\u{1a63}',
        '\u{1a64}',
        '\u{aa7b}',
        '\u{aa7d}',
        '\u{11720}',
        '\u{11721}',
    ];
    CLUSTER_ONLY.contains(&c) || (attaches(c) && !WORD_ONLY.contains(&c))
}

/// Whether `c` attaches to the char before it, as UAX #29's word rules see
/// it (WB4: Extend, Format, ZWJ), asked of the word segmenter with a space
/// before it.
fn attaches(c: char) -> bool {
    let mut buf = [b' '; 5];
    let len = 1 + c.encode_utf8(&mut buf[1..]).len();
    std::str::from_utf8(&buf[..len]).is_ok_and(|probe| probe.split_word_bounds().nth(1).is_none())
}

/// What [`split`] needs to know of a whole block before it starts, found
/// in one pass over its bytes: most blocks have no newline, and many are in
/// ASCII without a straight quote, which spares [`soft_newlines`] and
/// [`Quotes`] their work.
#[derive(Debug, Clone, Copy)]
#[cfg_attr(target_arch = "wasm32", allow(dead_code, reason = "ascii and quote are read only by the native fast paths"))]
struct Scan {
    /// Has a "\n" or "\r" (natively; always true in the .wasm).
    newline: bool,
    /// Is in ASCII (natively; unasked in the .wasm).
    ascii: bool,
    /// Has a `"` (natively; always true in the .wasm, which does not ask).
    quote: bool,
}

impl Scan {
    /// Natively, one pass without early exit over the bytes, 16 at a step
    /// (it vectorizes): it replaces two byte searches for newlines, one for
    /// `"` and the ASCII test, each a pass of its own (s60 -2.5 M).
    #[cfg(not(target_arch = "wasm32"))]
    fn of(s: &str) -> Scan {
        // Bit 0: "\n" or "\r"; bit 1: `"`; bit 7: a byte outside ASCII.
        let flag = |b: u8| u8::from(b == b'\n') | u8::from(b == b'\r') | u8::from(b == b'"') << 1 | (b & 0x80);
        let chunks = s.as_bytes().chunks_exact(16);
        let tail = chunks.remainder().iter().fold(0, |f, &b| f | flag(b));
        // The flags of a chunk's sixteen bytes as one number: the map
        // becomes a few vector instructions, and the loop over the chunks
        // stays a plain loop (with an array of lanes instead, the compiler
        // vectorizes across chunks, gathering bytes 16 apart one by one).
        let lanes = chunks.fold(0u128, |lanes, chunk| {
            let chunk: [u8; 16] = chunk.try_into().unwrap_or_default();
            lanes | u128::from_le_bytes(chunk.map(flag))
        });
        let flags = lanes.to_le_bytes().iter().fold(tail, |f, &lane| f | lane);
        Scan { newline: flags & 1 != 0, quote: flags & 2 != 0, ascii: flags & 0x80 == 0 }
    }

    /// In the .wasm, where its code would cost more than it saves of the
    /// size budget, nothing: [`soft_newlines`] looks for newlines itself,
    /// [`uax_copy`] searches for every ATerm.
    #[cfg(target_arch = "wasm32")]
    fn of(_: &str) -> Scan {
        Scan { newline: true, ascii: false, quote: true }
    }
}

/// Byte ranges of the newlines of `s` that are soft line wraps.
fn soft_newlines(s: &str) -> Vec<Range<usize>> {
    // Newlines: "\n", "\r\n" or "\r".
    let bytes = s.as_bytes();
    // Most blocks have none: [`Scan`] knows natively, and in the .wasm a
    // fold without early exit (which vectorizes) tells.
    #[cfg(target_arch = "wasm32")]
    if !bytes.iter().fold(false, |any, &b| any | (b == b'\n') | (b == b'\r')) {
        return Vec::new();
    }
    let mut newlines = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                newlines.push(i..i + 2);
                i += 2;
            }
            b'\n' | b'\r' => {
                newlines.push(i..i + 1);
                i += 1;
            }
            _ => i += 1,
        }
    }
    if newlines.is_empty() {
        return newlines;
    }
    let mut lines = Vec::with_capacity(newlines.len() + 1);
    let mut start = 0;
    for newline in &newlines {
        lines.push(s[start..newline.start].trim());
        start = newline.end;
    }
    lines.push(s[start..].trim());
    let lengths: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
    let width = wrap_width(&lengths);

    newlines
        .into_iter()
        .enumerate()
        .filter(|&(k, _)| !newline_is_hard(lines[k], lengths[k], lines[k + 1], width))
        .map(|(_, newline)| newline)
        .collect()
}

/// The line width of a block that looks hard-wrapped (at least three lines,
/// most lines but the last close to the longest), or `None`.
fn wrap_width(lengths: &[usize]) -> Option<usize> {
    if lengths.len() < 3 {
        return None;
    }
    let body = &lengths[..lengths.len() - 1];
    let width = body.iter().copied().max().unwrap_or(0);
    if width < 30 {
        return None;
    }
    let long = body.iter().filter(|&&l| l * 4 >= width * 3).count();
    (long >= 2 && long * 3 >= body.len() * 2).then_some(width)
}

/// Is the newline between the trimmed lines `prev` and `next` a hard break
/// (the end of a headline, caption or list item) rather than a soft wrap?
fn newline_is_hard(prev: &str, prev_len: usize, next: &str, width: Option<usize>) -> bool {
    let (Some(first), Some(last)) = (next.chars().next(), prev.chars().next_back()) else {
        // A blank line is a paragraph break.
        return true;
    };
    if ends_terminated(prev) {
        // UAX #29 breaks after the punctuation anyway; abbreviations and
        // quotations still get their chance to join the lines.
        return false;
    }
    // An all-capitals line is a heading or a section label even before a
    // lowercase word ("FOREIGN POLICY" / "americanmilitarynews.com").
    let shouting = prev.chars().filter(|c| c.is_uppercase()).nth(1).is_some() && !prev.chars().any(char::is_lowercase);
    if (first.is_lowercase() && !shouting) || CONTINUES_LINE.contains(&first) {
        return false;
    }
    if CONTINUED_LINE_END.contains(&last) {
        return false;
    }
    let last_word = prev.rsplit(char::is_whitespace).next().unwrap_or("");
    if LINE_END_WORDS.contains(&last_word) {
        return false;
    }
    if let Some(width) = width {
        // In a hard-wrapped block, a line is wrapped if the next word did not
        // fit on it.
        let next_word = next.split(char::is_whitespace).next().unwrap_or("");
        if prev_len + 1 + next_word.chars().count() > width {
            return false;
        }
    }
    true
}

// ---------------------------------------------------------------------------
// UAX #29 pieces.

/// The UAX #29 sentences of `copy`, as trimmed non-empty ranges of `s`,
/// merged into units as they come (no list of boundaries or of pieces in
/// between, which were two vectors a block).
fn units(s: &str, copy: &str, base: usize, glued: &[usize], quotes: &[Range<usize>]) -> Vec<Unit> {
    // Blocks in ASCII, Latin-1 and common punctuation (most of them in
    // European news) take the same state machine without its table lookups.
    let mut units = Units::new(s, copy, base, glued, quotes);
    if super::latin_sentences::for_each_sentence_start(copy, |start| units.boundary(start)).is_some() {
        return units.finish();
    }
    // A char that state machine does not know, met after it may have made
    // some units: all again, by the crate.
    units_by_crate(s, copy, base, glued, quotes)
}

/// [`units`] from the boundaries `unicode_segmentation` finds.
fn units_by_crate(s: &str, copy: &str, base: usize, glued: &[usize], quotes: &[Range<usize>]) -> Vec<Unit> {
    let mut units = Units::new(s, copy, base, glued, quotes);
    for (start, _) in copy.split_sentence_bound_indices() {
        units.boundary(start);
    }
    units.finish()
}

/// The pieces between the UAX #29 boundaries of a block, made as the
/// boundaries come, and the units they are merged into.
struct Units<'a> {
    s: &'a str,
    copy: &'a str,
    /// Where `s` starts in the text.
    base: usize,
    /// (At least) the periods of `s` where [`glued_breaks`] may break, in
    /// order, and the first of them not yet behind a piece.
    glued: &'a [usize],
    next_glued: usize,
    /// The quotations of [`Quotes`], and the place in them.
    quotes: &'a [Range<usize>],
    quote_cursor: usize,
    /// The last boundary, where the next piece starts.
    start: Option<usize>,
    /// The end of the last piece, if any.
    previous_end: Option<usize>,
    /// The unit that the next piece may join.
    current: Option<Range<usize>>,
    units: Vec<Unit>,
}

impl<'a> Units<'a> {
    fn new(s: &'a str, copy: &'a str, base: usize, glued: &'a [usize], quotes: &'a [Range<usize>]) -> Units<'a> {
        Units {
            s,
            copy,
            base,
            glued,
            next_glued: 0,
            quotes,
            quote_cursor: 0,
            start: None,
            previous_end: None,
            current: None,
            // Natively sized at once from the block's length (a unit in
            // some 128 bytes), not grown from nothing by the first pushes
            // (`grow_one`, about 1 M instructions on the 200 stories); the
            // .wasm keeps `Vec::new()`, which is smaller there.
            #[cfg(not(target_arch = "wasm32"))]
            units: Vec::with_capacity(2 + s.len() / 128),
            #[cfg(target_arch = "wasm32")]
            units: Vec::new(),
        }
    }

    /// A UAX #29 boundary of `copy`: the piece since the last one is done.
    fn boundary(&mut self, at: usize) {
        if let Some(start) = self.start.replace(at) {
            self.piece(start, at);
        }
    }

    /// The units, once every boundary has come.
    fn finish(mut self) -> Vec<Unit> {
        if let Some(start) = self.start.take() {
            self.piece(start, self.s.len());
        }
        if let Some(unit) = self.current.take() {
            self.units.push(make_unit(self.s, self.base, unit));
        }
        self.units
    }

    /// The UAX #29 sentence `start..next` of `copy`, trimmed, cut at glued
    /// sentence ends, with whether a hard line break separates it from the
    /// previous one.
    fn piece(&mut self, mut start: usize, next: usize) {
        let s = self.s;
        // The copy may have finer char boundaries than `s` (`…` as `...`).
        while !s.is_char_boundary(start) {
            start += 1;
        }
        let mut end = next;
        while !s.is_char_boundary(end) {
            end += 1;
        }
        if start >= end {
            return;
        }
        let piece = &s[start..end];
        let trimmed = piece.trim_start();
        let lead = piece.len() - trimmed.len();
        let trimmed = trimmed.trim_end();
        if trimmed.is_empty() {
            return;
        }
        let range = start + lead..start + lead + trimmed.len();
        let hard = self.previous_end.is_some_and(|previous| self.copy[previous..range.start].chars().any(is_line_sep));
        self.previous_end = Some(range.end);
        let mut from = range.start;
        // The glued periods of this piece (pieces are in order).
        let glued = self.glued;
        let mut next_glued = self.next_glued;
        while glued.get(next_glued).is_some_and(|&i| i < range.start) {
            next_glued += 1;
        }
        let first_glued = next_glued;
        while glued.get(next_glued).is_some_and(|&i| i < range.end) {
            next_glued += 1;
        }
        self.next_glued = next_glued;
        if first_glued < next_glued {
            for glued in glued_breaks(trimmed, &glued[first_glued..next_glued], range.start) {
                self.add(from..range.start + glued, hard && from == range.start);
                from = range.start + glued;
            }
        }
        self.add(from..range.end, hard && from == range.start);
    }

    /// The next piece: it joins the current unit or starts one.
    fn add(&mut self, piece: Range<usize>, hard_before: bool) {
        let Some(unit) = self.current.as_mut() else {
            self.current = Some(piece);
            return;
        };
        let merge = !hard_before && {
            let in_quote = inside_quote(self.quotes, &mut self.quote_cursor, piece.start);
            (in_quote && piece.end - unit.start <= MAX_QUOTE_UNIT) || joins_previous(self.s, unit.end, piece.clone())
        };
        if merge {
            unit.end = piece.end;
        } else {
            let done = std::mem::replace(unit, piece);
            self.units.push(make_unit(self.s, self.base, done));
        }
    }
}

/// Sentence ends without a space after the period, common in scraped text
/// ("in Tehran, Iran.Ebrahim Noroozi (AP)", "did.Because the book"), which
/// UAX #29 does not break: byte offsets in `piece` just after a period that
/// follows two lowercase letters and precedes a capital and a lowercase
/// letter, outside URLs and e-mail addresses.
///
/// `periods` are (at least) the periods that [`may_glue`] in the block, in
/// order, as offsets in `piece` plus `offset`.
fn glued_breaks(piece: &str, periods: &[usize], offset: usize) -> Vec<usize> {
    let mut breaks = Vec::new();
    for i in periods.iter().map(|&p| p - offset) {
        // Asked again of the piece: its ends cut the letters around a period.
        if !may_glue(piece, i) {
            continue;
        }
        let before = &piece[..i];
        // The word around the period, if it is short enough to look at.
        let mut from = i.saturating_sub(64);
        while !before.is_char_boundary(from) {
            from += 1;
        }
        let word = match before[from..].rfind(char::is_whitespace) {
            Some(space) => &before[from + space..],
            None if from == 0 => before,
            None => continue,
        };
        let link = word.contains(['/', '@']) || word.trim_start().starts_with("www");
        if !link {
            breaks.push(i + 1);
        }
    }
    breaks
}

/// Whether the period at `i` in `s` has the letters around it of a glued
/// sentence end (two lowercase before, a capital and a lowercase after),
/// which [`glued_breaks`] asks of each piece: a piece's chars are its
/// block's, so a period that passes the test in a piece passes it in the
/// block. Most periods are followed by a space, which the byte after says
/// at once.
fn may_glue(s: &str, i: usize) -> bool {
    // The byte after, before the text is cut: each `&str` slice is an
    // out-of-line call with its char-boundary tests in the `.wasm`.
    if s.as_bytes().get(i + 1).is_none_or(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        return false;
    }
    let (before, after) = (&s[..i], &s[i + 1..]);
    let mut back = before.chars().rev();
    let mut ahead = after.chars();
    back.next().is_some_and(char::is_lowercase)
        && back.next().is_some_and(char::is_lowercase)
        && ahead.next().is_some_and(char::is_uppercase)
        && ahead.next().is_some_and(char::is_lowercase)
}

// ---------------------------------------------------------------------------
// Merging rules.

/// Should the piece `next` join the unit that ends (trimmed) at `prev_end`?
fn joins_previous(s: &str, prev_end: usize, next: Range<usize>) -> bool {
    let next_text = &s[next];
    let Some(first) = next_text.chars().next() else {
        return false;
    };
    // UAX #29 breaks after "?" or "!" even before a lowercase word:
    // `"Why?" he asked.`
    if first.is_lowercase() {
        return true;
    }
    let before = &s[..prev_end];
    let Some(token) = last_token(before) else {
        return false;
    };
    let digits = &token[..token.len() - 1];
    if (1..=2).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) {
        return GERMAN_MONTHS.contains(&leading_word(next_text));
    }
    match abbreviation(token) {
        None => false,
        Some(Abbr::Never) => true,
        Some(Abbr::CanEnd) => !starts_sentence(next_text),
        Some(Abbr::BeforeNumber) => first.is_ascii_digit() || first == '#',
        Some(Abbr::BeforeLowerOrNumber) => first.is_numeric(),
    }
}

/// The last white-space-delimited token of `before`, without leading
/// quotes/brackets and without anything up to a hyphen or slash ("D-Calif."
/// gives "Calif."), if it ends in a period and is short.
fn last_token(before: &str) -> Option<&str> {
    if !before.ends_with('.') {
        return None;
    }
    // Only the last few bytes matter; stay on a char boundary.
    let mut from = before.len().saturating_sub(4 * MAX_ABBR_LEN);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let tail = &before[from..];
    let token = last_piece(tail);
    let token = token.trim_start_matches(is_opener);
    (token.len() > 1 && token.len() <= MAX_ABBR_LEN).then_some(token)
}

/// What follows the last white space, hyphen, slash or dash of `tail`
/// (all of it if none): `tail.rsplit(is_token_end).next()`.
fn last_piece(tail: &str) -> &str {
    // The ASCII end of the tail is walked back byte by byte (core's
    // `rsplit` with a char predicate took some 170 instructions a token
    // natively; in the .wasm, out-of-line searcher calls that returned
    // their matches through memory); a byte outside ASCII hands over to
    // the char search.
    let mut cut = tail.len();
    loop {
        match tail.as_bytes()[..cut].last() {
            None => return tail,
            Some(0x80..) => break,
            Some(b'\t'..=b'\r' | b' ' | b'-' | b'/') => return &tail[cut..],
            Some(_) => cut -= 1,
        }
    }
    tail.rsplit(is_token_end).next().unwrap_or(tail)
}

/// The chars that end a token before a period (see [`last_token`]).
fn is_token_end(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '/' | '–' | '—')
}

/// Keys of [`ABBR_START`]: a byte length and the lowercase of a first
/// byte (an ASCII letter: 1 to 26 in the low five bits).
#[cfg(not(target_arch = "wasm32"))]
const fn abbr_key(len: usize, first: u8) -> usize {
    len * 32 + (first.to_ascii_lowercase() & 31) as usize
}

#[cfg(not(target_arch = "wasm32"))]
/// Indices of [`ABBREVIATIONS`] sorted by [`abbr_key`] (length and first
/// letter in either case), in table order within a key (a stable sort).
const ABBR_ORDER: [u8; ABBREVIATIONS.len()] = {
    assert!(ABBREVIATIONS.len() <= 256);
    let mut order = [0u8; ABBREVIATIONS.len()];
    let mut n = 0;
    let mut key = 0;
    while key < ABBR_START.len() {
        let mut k = 0;
        while k < ABBREVIATIONS.len() {
            let entry = ABBREVIATIONS[k].0.as_bytes();
            // Every entry starts with an ASCII letter and fits a token.
            assert!(entry[0].is_ascii_alphabetic() && entry.len() <= MAX_ABBR_LEN);
            if abbr_key(entry.len(), entry[0]) == key {
                order[n] = k as u8;
                n += 1;
            }
            k += 1;
        }
        key += 1;
    }
    assert!(n == ABBREVIATIONS.len());
    order
};

#[cfg(not(target_arch = "wasm32"))]
/// For each [`abbr_key`], where its entries start in [`ABBR_ORDER`] (they
/// end where the next key's start).
const ABBR_START: [u8; abbr_key(MAX_ABBR_LEN + 1, 0) + 1] = {
    let mut start = [0u8; abbr_key(MAX_ABBR_LEN + 1, 0) + 1];
    let mut k = 0;
    while k < ABBREVIATIONS.len() {
        let entry = ABBREVIATIONS[k].0.as_bytes();
        // Counted at the next key, then summed: each key starts after
        // the entries of all smaller keys.
        start[abbr_key(entry.len(), entry[0]) + 1] += 1;
        k += 1;
    }
    let mut key = 1;
    while key < start.len() {
        start[key] += start[key - 1];
        key += 1;
    }
    start
};

/// How the period-final `token` behaves, if it is an abbreviation.
fn abbreviation(token: &str) -> Option<Abbr> {
    // An ASCII token is lowercased on the stack: its lowercase is as long.
    // (Compared as bytes: no UTF-8 check of the lowercase.)
    let mut ascii = [0; MAX_ABBR_LEN];
    let owned;
    let is_ascii = token.is_ascii();
    let lowercase: &[u8] = match ascii.get_mut(..token.len()) {
        Some(bytes) if is_ascii => {
            bytes.copy_from_slice(token.as_bytes());
            bytes.make_ascii_lowercase();
            bytes
        }
        _ => {
            owned = token.to_lowercase();
            owned.as_bytes()
        }
    };
    let firsts = (token.as_bytes().first(), lowercase.first());
    // An ASCII token and its lowercase have the same length and the same
    // first letter but for its case: only the entries of that length and
    // letter can match, in their order in the table (native only: the
    // .wasm's size budget binds).
    #[cfg(not(target_arch = "wasm32"))]
    let entries = {
        let order = match token.as_bytes() {
            &[first, ..] if is_ascii && first.is_ascii_alphabetic() && token.len() <= MAX_ABBR_LEN => {
                let key = abbr_key(token.len(), first);
                &ABBR_ORDER[usize::from(ABBR_START[key])..usize::from(ABBR_START[key + 1])]
            }
            // Every entry starts with a letter and is at most that long.
            _ if is_ascii => &[],
            _ => &ABBR_ORDER[..],
        };
        order.iter().map(|&k| ABBREVIATIONS[usize::from(k)])
    };
    #[cfg(target_arch = "wasm32")]
    let entries = ABBREVIATIONS.iter().copied();
    for (entry, kind) in entries {
        // A match starts as the token or its lowercase does.
        let first = entry.as_bytes().first();
        if (entry.len() != token.len() && entry.len() != lowercase.len()) || (first != firsts.0 && first != firsts.1) {
            continue;
        }
        // "p." must not match the initial "P.".
        let any_case = entry.len() > 2 && !entry.chars().any(char::is_uppercase);
        if token == entry || (any_case && lowercase == entry.as_bytes()) {
            return Some(kind);
        }
    }
    let body = token.strip_suffix('.')?;
    let mut chars = body.chars();
    match (chars.next(), chars.next()) {
        // An initial: "John F. Kennedy". It rarely ends a sentence ("Plan B."),
        // so it breaks only before a clear sentence start.
        (Some(c), None) if c.is_uppercase() => Some(Abbr::CanEnd),
        _ if is_dotted_acronym(token) => Some(Abbr::CanEnd),
        _ => None,
    }
}

/// "F.B.I.", "N.Y.", "a.m.": single letters each followed by a period, at
/// least two of them.
fn is_dotted_acronym(token: &str) -> bool {
    let mut letters = 0;
    let mut expect_letter = true;
    for c in token.chars() {
        let fits = if expect_letter { c.is_alphabetic() } else { c == '.' };
        if !fits {
            return false;
        }
        letters += usize::from(expect_letter);
        expect_letter = !expect_letter;
    }
    expect_letter && letters >= 2
}

/// The leading run of letters of `s`.
fn leading_word(s: &str) -> &str {
    let end = s.char_indices().find(|&(_, c)| !c.is_alphabetic()).map_or(s.len(), |(i, _)| i);
    &s[..end]
}

/// Does `next` look like the start of a new sentence? True for an inverted
/// question or exclamation mark, an opening quotation mark before a capital,
/// and a word of [`SENTENCE_STARTERS`] that is not itself an initial or part
/// of a compound ("A. A. Milne", "A-10").
fn starts_sentence(next: &str) -> bool {
    let mut chars = next.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if matches!(first, '¿' | '¡') {
        return true;
    }
    if is_opening_quote(first) {
        return chars.next().is_some_and(char::is_uppercase);
    }
    let word = leading_word(next);
    if word.is_empty() || !SENTENCE_STARTERS.contains(&word) {
        return false;
    }
    !matches!(next[word.len()..].chars().next(), Some('.' | '-' | '‐' | '–'))
}

// ---------------------------------------------------------------------------
// Quotations.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Quote {
    /// `"` … `"`
    #[default]
    Straight,
    /// `“` … `”`
    Curly,
    /// `„` … `“` (German) or `„` … `”` (Polish)
    Low,
    /// `«` … `»`
    Guillemet,
    /// `»` … `«` (German, Danish)
    ReversedGuillemet,
    /// `「` … `」`
    Corner,
    /// `『` … `』`
    WhiteCorner,
}

/// The quotation marks and line breaks that [`Quotes`] follows.
#[cfg(test)]
const QUOTE_MARKS: CharSet =
    CharSet::new(&['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}', '"', '“', '”', '„', '«', '»', '「', '」', '『', '』']);

/// The quotations of a block, from its quotation marks and line breaks in
/// order: byte ranges (from the opening mark to after the closing one) of
/// the quotations that close within the block and are at most
/// [`MAX_QUOTE_UNIT`] bytes long; sorted, nested ones already joined. A
/// hard line break (one left in the copy) forgets all open quotations.
#[derive(Default)]
struct Quotes {
    open: OpenQuotes,
    spans: Vec<Range<usize>>,
}

impl Quotes {
    /// The mark `c` at `i` of `s`, whose UAX #29 copy is `copy`.
    fn mark(&mut self, s: &str, copy: &[u8], i: usize, c: char) {
        let end = i + c.len_utf8();
        let previous = s[..i].chars().next_back();
        let next = s[end..].chars().next();
        let top = self.open.marks().last().map(|&(q, _)| q);
        let opening = match c {
            '\n' | '\r' if copy[i] != b' ' => {
                self.open.len = 0;
                None
            }
            '\u{85}' | '\u{2028}' | '\u{2029}' => {
                self.open.len = 0;
                None
            }
            '"' => {
                let opens = previous.is_none_or(|p| {
                    p.is_whitespace() || matches!(p, '(' | '[' | '{' | '“' | '„' | '«' | '—' | '–' | ':')
                });
                if opens {
                    Some(Quote::Straight)
                } else {
                    self.close(&[Quote::Straight], end);
                    None
                }
            }
            '“' if top == Some(Quote::Low) => {
                self.close(&[Quote::Low], end);
                None
            }
            '“' => Some(Quote::Curly),
            '”' => {
                self.close(&[Quote::Curly, Quote::Low], end);
                None
            }
            '„' => Some(Quote::Low),
            '«' if top == Some(Quote::ReversedGuillemet) => {
                self.close(&[Quote::ReversedGuillemet], end);
                None
            }
            '«' => Some(Quote::Guillemet),
            '»' => {
                let closed = self.close(&[Quote::Guillemet], end);
                let opens = previous.is_none_or(char::is_whitespace) && next.is_some_and(|n| !n.is_whitespace());
                (!closed && opens).then_some(Quote::ReversedGuillemet)
            }
            '「' => Some(Quote::Corner),
            '」' => {
                self.close(&[Quote::Corner], end);
                None
            }
            '『' => Some(Quote::WhiteCorner),
            '』' => {
                self.close(&[Quote::WhiteCorner], end);
                None
            }
            _ => None,
        };
        if let Some(quote) = opening {
            self.open.push((quote, i));
        }
    }

    /// Closes the innermost open mark of one of `kinds`, if any, with the
    /// mark that ends at `end` (and the marks opened after it).
    fn close(&mut self, kinds: &[Quote], end: usize) -> bool {
        let Some(k) = self.open.marks().iter().rposition(|(q, _)| kinds.contains(q)) else {
            return false;
        };
        let start = self.open.marks()[k].1;
        self.open.len = k;
        if end - start <= MAX_QUOTE_UNIT {
            self.spans.push(start..end);
        }
        true
    }

    /// The spans, once every mark has come.
    fn finish(self) -> Vec<Range<usize>> {
        let mut spans = self.spans;
        // Spans are nested or disjoint; keep the outermost ones, in order,
        // merged in place (a second vector was an allocation a block).
        crate::sort::sort_by(&mut spans, |a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut kept: usize = 0;
        for k in 0..spans.len() {
            let span = spans[k].clone();
            match kept.checked_sub(1).map(|last| &mut spans[last]) {
                Some(last) if span.start < last.end => last.end = last.end.max(span.end),
                _ => {
                    spans[kept] = span;
                    kept += 1;
                }
            }
        }
        spans.truncate(kept);
        spans
    }
}

/// [`Quotes`] of `s` from a search of its own for the marks (what
/// [`uax_copy`] did before it found them with the ATerms): the reference
/// its one search is tested against.
#[cfg(test)]
fn quote_spans(s: &str, copy: &str) -> Vec<Range<usize>> {
    let mut quotes = Quotes::default();
    for (i, c) in find_chars(s, &QUOTE_MARKS) {
        quotes.mark(s, copy.as_bytes(), i, c);
    }
    quotes.finish()
}

/// The open quotation marks of [`Quotes`], innermost last: at most
/// [`QUOTE_DEPTH`], so kept in place (a vector was an allocation a block
/// with quotes).
#[derive(Default)]
struct OpenQuotes {
    marks: [(Quote, usize); QUOTE_DEPTH],
    len: usize,
}

impl OpenQuotes {
    fn marks(&self) -> &[(Quote, usize)] {
        &self.marks[..self.len]
    }

    /// Opens `mark`; when [`QUOTE_DEPTH`] are open, the oldest is forgotten.
    fn push(&mut self, mark: (Quote, usize)) {
        if self.len == QUOTE_DEPTH {
            self.marks.copy_within(1.., 0);
            self.len -= 1;
        }
        self.marks[self.len] = mark;
        self.len += 1;
    }
}

/// Is `position` strictly inside one of the sorted `spans`? `cursor` keeps
/// the place between calls with increasing positions.
fn inside_quote(spans: &[Range<usize>], cursor: &mut usize, position: usize) -> bool {
    while *cursor < spans.len() && spans[*cursor].end <= position {
        *cursor += 1;
    }
    spans.get(*cursor).is_some_and(|span| span.start < position && position < span.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Splits the whole of `s` as one block: (unit text, terminated).
    fn texts(s: &str) -> Vec<(&str, bool)> {
        split(s, 0..s.len()).into_iter().map(|u| (&s[u.range], u.terminated)).collect()
    }

    /// Sentences that must each come out as one terminated unit, in order.
    fn sentences<'a>(parts: &[&'a str]) -> Vec<(&'a str, bool)> {
        parts.iter().map(|&p| (p, true)).collect()
    }

    /// Checks the contract of [`split`] for `text[block]` and returns the units.
    fn check_invariants(text: &str, block: Range<usize>) -> Vec<Unit> {
        let units = split(text, block.clone());
        let mut covered = block.start;
        for unit in &units {
            let r = unit.range.clone();
            assert!(r.start < r.end, "empty unit {r:?}");
            assert!(r.start >= covered, "unit {r:?} overlaps or is out of order");
            assert!(r.end <= block.end, "unit {r:?} leaves block {block:?}");
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            let t = &text[r.clone()];
            assert_eq!(t, t.trim(), "unit {r:?} not trimmed");
            assert!(
                text[covered..r.start].chars().all(char::is_whitespace),
                "text lost before {r:?}: {:?}",
                &text[covered..r.start]
            );
            assert_eq!(unit.terminated, ends_terminated(t));
            covered = r.end;
        }
        assert!(text[covered..block.end].chars().all(char::is_whitespace), "text lost at the end of the block");
        units
    }

    /// Byte ranges of the blocks of `text`, separated by blank lines.
    fn blocks(text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = None;
        let mut pos = 0;
        for line in text.split_inclusive('\n') {
            if line.trim().is_empty() {
                if let Some(s) = start.take() {
                    out.push(s..pos);
                }
            } else if start.is_none() {
                start = Some(pos);
            }
            pos += line.len();
        }
        if let Some(s) = start {
            out.push(s..text.len());
        }
        out
    }

    /// Greedy word wrap at `width` chars, the way plain-text mail and wire
    /// copy are hard-wrapped.
    fn wrap(paragraph: &str, width: usize) -> String {
        let mut out = String::new();
        let mut line_len = 0;
        for word in paragraph.split(' ') {
            let len = word.chars().count();
            if line_len > 0 && line_len + 1 + len > width {
                out.push('\n');
                line_len = 0;
            } else if line_len > 0 {
                out.push(' ');
                line_len += 1;
            }
            out.push_str(word);
            line_len += len;
        }
        out
    }

    // --- Plain sentences -------------------------------------------------

    #[test]
    fn plain_sentences_split() {
        let s = "Kirby said the administration is looking to further tighten export controls to prevent Western components from making their way to Iran for use in manufacturing drones. He also said further sanctions against Iran and Russia could be coming.";
        assert_eq!(
            texts(s),
            sentences(&[
                "Kirby said the administration is looking to further tighten export controls to prevent Western components from making their way to Iran for use in manufacturing drones.",
                "He also said further sanctions against Iran and Russia could be coming.",
            ])
        );
    }

    #[test]
    fn empty_and_blank_blocks_give_no_units() {
        assert_eq!(texts(""), vec![]);
        assert_eq!(texts(" \n\t \r\n "), vec![]);
    }

    #[test]
    fn ranges_point_into_the_full_text() {
        let text = "SOUTH AFRICA\n\nBrigety was subsequently summoned to a meeting with South Africa's foreign minister. North Korea has denied it has provided Russia artillery.\n\nMore";
        let start = text.find("Brigety").unwrap();
        let end = text.find("\n\nMore").unwrap();
        let units = split(text, start..end);
        let expected_start = text.find("North Korea").unwrap();
        assert_eq!(
            units,
            vec![
                Unit { range: start..expected_start - 1, terminated: true },
                Unit { range: expected_start..end, terminated: true },
            ]
        );
    }

    #[test]
    fn out_of_range_and_mid_char_blocks_are_clamped() {
        let text = "Iran’s drones. Russia’s war.";
        // Byte 5 is inside "’"; the block end is past the text.
        let units = check_invariants(text, 0..text.len());
        assert_eq!(units.len(), 2);
        assert_eq!(split(text, 5..1000).len(), 2);
        assert!(split(text, 1000..2000).is_empty());
        let (from, to) = (10, 3);
        assert!(split(text, from..to).is_empty());
    }

    // --- Abbreviations ----------------------------------------------------

    #[test]
    fn us_before_a_common_noun_stays_inside_the_sentence() {
        let s = "The handheld ping-locating technology used by the Chinese ship is not as versatile as a U.S. Navy towed locator, which goes as deep as 20,000 feet, far from surface noise, according to experts. The U.S. Navy hydrophone is on board the Australian ship Ocean Shield.";
        assert_eq!(
            texts(s),
            sentences(&[
                "The handheld ping-locating technology used by the Chinese ship is not as versatile as a U.S. Navy towed locator, which goes as deep as 20,000 feet, far from surface noise, according to experts.",
                "The U.S. Navy hydrophone is on board the Australian ship Ocean Shield.",
            ])
        );
        let s = "Brigety said the ship was carrying warships of the U.S. Navy. The South African government has denied the claim.";
        assert_eq!(
            texts(s),
            sentences(&[
                "Brigety said the ship was carrying warships of the U.S. Navy.",
                "The South African government has denied the claim.",
            ])
        );
    }

    #[test]
    fn us_before_a_sentence_start_ends_the_sentence() {
        let s = "Trump has previously cited mental health issues, not guns, as the biggest cause of shootings in the U.S. But his comments on Saturday are his most extensive and emotionally charged about firearms since he launched his campaign.";
        assert_eq!(
            texts(s),
            sentences(&[
                "Trump has previously cited mental health issues, not guns, as the biggest cause of shootings in the U.S.",
                "But his comments on Saturday are his most extensive and emotionally charged about firearms since he launched his campaign.",
            ])
        );
        let s = "The law says owners can be asked to account for every wooden part of their guitars when re-entering the U.S. The law also covers the trade in vintage instruments.";
        assert_eq!(
            texts(s),
            sentences(&[
                "The law says owners can be asked to account for every wooden part of their guitars when re-entering the U.S.",
                "The law also covers the trade in vintage instruments.",
            ])
        );
    }

    #[test]
    fn us_dc_and_un_inside_sentences() {
        let s = "Sherman expressed U.S. concern about the state of Russia-Iran relations and said Washington, D.C. was monitoring Moscow's missile production capabilities and would look to impose related sanctions.";
        assert_eq!(texts(s), sentences(&[s]));
        let s = "Shourd was released shortly before President Mahmoud Ahmadinejad attended the U.N. General Assembly in New York. He said letting her leave jail was a humanitarian gesture due to concerns about her health.";
        assert_eq!(
            texts(s),
            sentences(&[
                "Shourd was released shortly before President Mahmoud Ahmadinejad attended the U.N. General Assembly in New York.",
                "He said letting her leave jail was a humanitarian gesture due to concerns about her health.",
            ])
        );
    }

    #[test]
    fn military_titles() {
        let s = "Gen. Oleg Salyukov, the commander of Russia's ground forces, met the chief of South Africa's army, Lt. Gen. Lawrence Mbatha, at Russia's general command headquarters in Moscow, the Russian ministry said.";
        assert_eq!(texts(s), sentences(&[s]));
    }

    #[test]
    fn mr_ms_dr_sen_gov() {
        let s = "Catherine Ashton, the EU's high representative for foreign affairs and security policy, had an in-depth conversation during her two-hour meeting with Mr. Morsi at an undisclosed location, said Michael Mann, Ms. Ashton's spokesman. Ms. Ashton's comments about her meeting with Mr. Morsi are the first news of the former president's condition from a source outside the military in nearly a month.";
        assert_eq!(
            texts(s),
            sentences(&[
                "Catherine Ashton, the EU's high representative for foreign affairs and security policy, had an in-depth conversation during her two-hour meeting with Mr. Morsi at an undisclosed location, said Michael Mann, Ms. Ashton's spokesman.",
                "Ms. Ashton's comments about her meeting with Mr. Morsi are the first news of the former president's condition from a source outside the military in nearly a month.",
            ])
        );
        let s = "Stop the bleeding, said Dr. Lawrence E. Heiskell, an emergency physician for 27 years. The pledge came as U.S. Sen. John Kerry defended Washington's decision, and Gov. Rick Perry agreed.";
        assert_eq!(
            texts(s),
            sentences(&[
                "Stop the bleeding, said Dr. Lawrence E. Heiskell, an emergency physician for 27 years.",
                "The pledge came as U.S. Sen. John Kerry defended Washington's decision, and Gov. Rick Perry agreed.",
            ])
        );
    }

    #[test]
    fn no_before_a_number() {
        let s = "David Wax worked alongside Ross for 25 years and served as the No. 3 person in his firm. Another former colleague, who requested anonymity, was less circumspect. In 2012, Ross' longtime No. 2, David Storper, left the firm.";
        assert_eq!(
            texts(s),
            sentences(&[
                "David Wax worked alongside Ross for 25 years and served as the No. 3 person in his firm.",
                "Another former colleague, who requested anonymity, was less circumspect.",
                "In 2012, Ross' longtime No. 2, David Storper, left the firm.",
            ])
        );
        // "No." before a word is the answer "No."
        assert_eq!(
            texts("Did he know? No. The answer came later."),
            sentences(&["Did he know?", "No.", "The answer came later."])
        );
    }

    #[test]
    fn month_abbreviations() {
        let s = "An unknown visitor arrives at a gated house in Woodland Hills on Tuesday, Jan. 24, 2017. Homicide detectives are investigating the death of Fabio Sementilli.";
        assert_eq!(
            texts(s),
            sentences(&[
                "An unknown visitor arrives at a gated house in Woodland Hills on Tuesday, Jan. 24, 2017.",
                "Homicide detectives are investigating the death of Fabio Sementilli.",
            ])
        );
        let s = "From Jan. 17 to Aug. 31, 2016, the CDC reported 50 people in 24 U.S. states had been diagnosed with acute flaccid myelitis. The drills will run from Aug. 30 to Sept. 5.";
        assert_eq!(
            texts(s),
            sentences(&[
                "From Jan. 17 to Aug. 31, 2016, the CDC reported 50 people in 24 U.S. states had been diagnosed with acute flaccid myelitis.",
                "The drills will run from Aug. 30 to Sept. 5.",
            ])
        );
        // A month abbreviation at the end of a sentence.
        assert_eq!(
            texts("The deal was signed in Sept. The talks resumed in Vienna."),
            sentences(&["The deal was signed in Sept.", "The talks resumed in Vienna."])
        );
    }

    #[test]
    fn eg_ie_vs_etc() {
        let s = "That provider may collect information about your SmartTV (e.g., its IP address and device identifiers), the requested transaction (e.g. Your request to buy or rent the video), and your use of the application or service. Samsung is not responsible.";
        assert_eq!(
            texts(s),
            sentences(&[
                "That provider may collect information about your SmartTV (e.g., its IP address and device identifiers), the requested transaction (e.g. Your request to buy or rent the video), and your use of the application or service.",
                "Samsung is not responsible.",
            ])
        );
        let s = "While many syndromes are eponymous, i.e. named after the physician first reporting the association of symptoms, Dr. Smith named FAS after the causal agent of the symptoms.";
        assert_eq!(texts(s), sentences(&[s]));
        let s = "It compared the Public vs. Private Timeline of the attack. They sold guitars, violins, pianos etc. Then the law changed.";
        assert_eq!(
            texts(s),
            sentences(&[
                "It compared the Public vs. Private Timeline of the attack.",
                "They sold guitars, violins, pianos etc.",
                "Then the law changed.",
            ])
        );
    }

    #[test]
    fn am_pm_before_a_day_stays_together() {
        let s = "About 100 Occupy Philly protesters sat down on the cold concrete of Dilworth Plaza at 5 p.m. Sunday and waited to be rousted for violating a deadline Mayor Nutter had set for the group to leave. Police had no plans to evict anyone, Chief Inspector Joseph Sullivan said about 6:30 p.m. By 7:15 p.m. Sunday, roughly a third of what originally was about 300 tents were gone.";
        assert_eq!(
            texts(s),
            sentences(&[
                "About 100 Occupy Philly protesters sat down on the cold concrete of Dilworth Plaza at 5 p.m. Sunday and waited to be rousted for violating a deadline Mayor Nutter had set for the group to leave.",
                "Police had no plans to evict anyone, Chief Inspector Joseph Sullivan said about 6:30 p.m.",
                "By 7:15 p.m. Sunday, roughly a third of what originally was about 300 tents were gone.",
            ])
        );
    }

    #[test]
    fn company_suffixes() {
        let s = "Coty Inc. acquired Wella in October of 2016. It caused $900 million in damage, said Weather Underground Inc. The storm moved north.";
        assert_eq!(
            texts(s),
            sentences(&[
                "Coty Inc. acquired Wella in October of 2016.",
                "It caused $900 million in damage, said Weather Underground Inc.",
                "The storm moved north.",
            ])
        );
    }

    #[test]
    fn state_abbreviations_and_hyphenated_party_labels() {
        let s = "Around 11:30 a.m. Wednesday, four people were shot at a software company in Middleton, Wis., by a 43-year-old co-worker, police said. Sen. Daniel K. Akaka, D-Hawaii, and Rep. Jane Doe, D-Calif. Both voted no.";
        assert_eq!(
            texts(s),
            sentences(&[
                "Around 11:30 a.m. Wednesday, four people were shot at a software company in Middleton, Wis., by a 43-year-old co-worker, police said.",
                "Sen. Daniel K. Akaka, D-Hawaii, and Rep. Jane Doe, D-Calif.",
                "Both voted no.",
            ])
        );
    }

    #[test]
    fn abbreviation_table_is_well_formed() {
        for &(entry, _) in ABBREVIATIONS {
            assert!(entry.ends_with('.'), "{entry}");
            assert!(!entry.contains(char::is_whitespace), "{entry}");
            assert!(entry.len() <= MAX_ABBR_LEN, "{entry}");
            let duplicates = ABBREVIATIONS.iter().filter(|(e, _)| *e == entry).count();
            assert_eq!(duplicates, 1, "{entry}");
        }
        for &word in SENTENCE_STARTERS {
            assert!(word.chars().all(char::is_alphabetic), "{word}");
            assert!(word.chars().next().is_some_and(char::is_uppercase), "{word}");
        }
    }

    // --- Initials -----------------------------------------------------------

    #[test]
    fn initials_do_not_end_sentences() {
        let s = "His father, George Washington Chaney, was a Secret Service agent in President John F. Kennedy’s era and knew the agents on his detail. One week later, President George W. Bush issued a stiff tariff on steel imports.";
        assert_eq!(
            texts(s),
            sentences(&[
                "His father, George Washington Chaney, was a Secret Service agent in President John F. Kennedy’s era and knew the agents on his detail.",
                "One week later, President George W. Bush issued a stiff tariff on steel imports.",
            ])
        );
        let s = "The hearing, presided over by Judge William P. Brady, was held in Sycamore. The novels of J. R. R. Tolkien and A. A. Milne sold well. A. Whitney Brown and Brian Unger left when Kilborn did.";
        assert_eq!(
            texts(s),
            sentences(&[
                "The hearing, presided over by Judge William P. Brady, was held in Sycamore.",
                "The novels of J. R. R. Tolkien and A. A. Milne sold well.",
                "A. Whitney Brown and Brian Unger left when Kilborn did.",
            ])
        );
    }

    #[test]
    fn a_capital_letter_before_a_clear_sentence_start_ends_the_sentence() {
        assert_eq!(
            texts("The pill is known as Plan B. The drug is sold over the counter."),
            sentences(&["The pill is known as Plan B.", "The drug is sold over the counter."])
        );
    }

    // --- Numbers and amounts ------------------------------------------------

    #[test]
    fn decimals_amounts_and_versions_do_not_split() {
        let s = "The United States on Friday announced a $1.1 billion arms package for Taiwan, vowing to keep boosting the island's defenses. Shares in Southern Cross Austereo fell 7.7% in early trading. Mr Dudley's long-term bonus increased from 63.8% of maximum to 77.6%. The app, v2.0, ships in 3.5 weeks.";
        assert_eq!(
            texts(s),
            sentences(&[
                "The United States on Friday announced a $1.1 billion arms package for Taiwan, vowing to keep boosting the island's defenses.",
                "Shares in Southern Cross Austereo fell 7.7% in early trading.",
                "Mr Dudley's long-term bonus increased from 63.8% of maximum to 77.6%.",
                "The app, v2.0, ships in 3.5 weeks.",
            ])
        );
    }

    #[test]
    fn hyphenated_numbers() {
        let s = "The U.S. allegations are part of a broader effort to declassify and publicize intelligence findings concerning Moscow's prosecution of its nearly 15-month war in Ukraine in hopes of furthering global isolation of Russia.";
        assert_eq!(texts(s), sentences(&[s]));
    }

    #[test]
    fn numbered_list_items_stay_whole() {
        let s = "9) In one of his most relaxed moments, Trump ruminated on a career he decided not to pursue.";
        assert_eq!(texts(s), sentences(&[s]));
    }

    // --- Ellipses -------------------------------------------------------------

    #[test]
    fn ellipsis_before_lowercase_does_not_split() {
        let s = "\"It's as persistent as motor oil. It's going to stay there for a long time... which means anyone coming in contact with this could be intoxicated from it,\" forensic toxicologist John Trestrail told the paper.";
        assert_eq!(texts(s), sentences(&[s]));
        let s = "“It’s a trend that’s worrisome … what I'm hearing from others seems to be coming at a tempo similar to what happened in 2014.” Jean-Baptiste Le Pichon agreed.";
        assert_eq!(
            texts(s),
            sentences(&[
                "“It’s a trend that’s worrisome … what I'm hearing from others seems to be coming at a tempo similar to what happened in 2014.”",
                "Jean-Baptiste Le Pichon agreed.",
            ])
        );
        let s = "Leadership is not about a title. It's about attitude…the right attitude.";
        assert_eq!(
            texts(s),
            sentences(&["Leadership is not about a title.", "It's about attitude…the right attitude."])
        );
    }

    #[test]
    fn ellipsis_before_capital_splits_like_three_periods() {
        let s = "The United States to... The PLA troops will head to Russia. I thought he was a bit of a bully… I didn’t really care for the way he was behaving.";
        assert_eq!(
            texts(s),
            sentences(&[
                "The United States to...",
                "The PLA troops will head to Russia.",
                "I thought he was a bit of a bully…",
                "I didn’t really care for the way he was behaving.",
            ])
        );
    }

    // --- Quotations -----------------------------------------------------------

    #[test]
    fn multi_sentence_quote_then_attribution_is_one_unit() {
        let s = "\"Iran also continues to provide Russia with one-way attack UAVs (unmanned aerial vehicles). Since August, Iran has provided Russia with more than 400 UAVs primarily of the Shahed variety,\" White House National Security Council spokesman John Kirby said.";
        assert_eq!(texts(s), sentences(&[s]));
    }

    #[test]
    fn curly_multi_sentence_quote_is_one_unit() {
        let s = "“Russia has expended most of these UAVs, using them to target Ukrainian critical infrastructure inside Ukraine. By providing Russia with these UAVs, Iran has been directly enabling Russia’s war of aggression in Ukraine,” Kirby told reporters. The Shahed drones are packed with explosives.";
        assert_eq!(
            texts(s),
            sentences(&[
                "“Russia has expended most of these UAVs, using them to target Ukrainian critical infrastructure inside Ukraine. By providing Russia with these UAVs, Iran has been directly enabling Russia’s war of aggression in Ukraine,” Kirby told reporters.",
                "The Shahed drones are packed with explosives.",
            ])
        );
    }

    #[test]
    fn attribution_then_multi_sentence_quote_is_one_unit() {
        let s = "White House National Security Council spokesman John Kirby told reporters, \"Iran also continues to provide Russia with one-way attack UAVs (unmanned aerial vehicles). Since August, Iran has provided Russia with more than 400 UAVs primarily of the Shahed variety.\"";
        assert_eq!(texts(s), sentences(&[s]));
    }

    #[test]
    fn sentence_ending_inside_closing_quote_keeps_the_quote() {
        assert_eq!(
            texts("He said, \"It is over.\" Then he left."),
            sentences(&["He said, \"It is over.\"", "Then he left."])
        );
        let s = "In a statement, Russia’s foreign ministry put the onus on Syria’s opposition forces to provide secure access to the site of the “reported incident.” A second statement suggested that the Russians believed the attack was actually a provocation by the rebels.";
        assert_eq!(
            texts(s),
            sentences(&[
                "In a statement, Russia’s foreign ministry put the onus on Syria’s opposition forces to provide secure access to the site of the “reported incident.”",
                "A second statement suggested that the Russians believed the attack was actually a provocation by the rebels.",
            ])
        );
    }

    #[test]
    fn two_quoted_statements_in_one_paragraph_split_between_quotes() {
        let s = "\"The sides discussed issues of military cooperation and the implementation of projects geared to enhance the combat readiness of the two countries' armies,\" the ministry said in a statement. \"The meeting between the military commanders yielded agreements on the further expansion of cooperation between the land forces in various areas.\"";
        assert_eq!(
            texts(s),
            sentences(&[
                "\"The sides discussed issues of military cooperation and the implementation of projects geared to enhance the combat readiness of the two countries' armies,\" the ministry said in a statement.",
                "\"The meeting between the military commanders yielded agreements on the further expansion of cooperation between the land forces in various areas.\"",
            ])
        );
    }

    #[test]
    fn question_inside_quote_then_lowercase_attribution() {
        let s = "\"Says who?\" he asked again. \"Polls. I just told you. I just answered your question.\"";
        assert_eq!(
            texts(s),
            sentences(
                &["\"Says who?\" he asked again.", "\"Polls. I just told you. I just answered your question.\"",]
            )
        );
        let s = "For about 90 minutes, protesters chanted slogans such as, \"What does democracy look like? This is what democracy looks like.\"";
        assert_eq!(texts(s), sentences(&[s]));
    }

    #[test]
    fn quote_opened_after_a_dash() {
        let s = "Kirby was blunt —\"Russia has expended most of these UAVs. It wants more,\" he said.";
        assert_eq!(texts(s), sentences(&[s]));
    }

    #[test]
    fn quote_with_colon_lead_in() {
        let s = "Ramaphosa added: \"We have been firm on this point: South Africa has not been, and will not be, drawn into a contest between global powers.\"";
        assert_eq!(texts(s), sentences(&[s]));
    }

    #[test]
    fn apostrophes_and_single_quotes_are_not_quotation_marks() {
        let s = "Iran's semi-official Iranian Students' News Agency reported it. China, calling Taiwan an 'inalienable' part of its territory, objected. It's Iran.";
        assert_eq!(
            texts(s),
            sentences(&[
                "Iran's semi-official Iranian Students' News Agency reported it.",
                "China, calling Taiwan an 'inalienable' part of its territory, objected.",
                "It's Iran.",
            ])
        );
    }

    #[test]
    fn unbalanced_quote_falls_back_to_uax29() {
        // The closing quote was lost in scraping.
        let s = "Kirby said the Russians are now looking at acquiring even more advanced drones \"capable of more lethality. The latest revelation is part of a persistent drip of intelligence findings. The White House says Russia has turned to North Korea for artillery.";
        assert_eq!(
            texts(s),
            sentences(&[
                "Kirby said the Russians are now looking at acquiring even more advanced drones \"capable of more lethality.",
                "The latest revelation is part of a persistent drip of intelligence findings.",
                "The White House says Russia has turned to North Korea for artillery.",
            ])
        );
        // A stray closing quote does not open anything.
        let s = "Iran denied it.” The deal was signed. “Not so,” Kirby said.";
        assert_eq!(texts(s), sentences(&["Iran denied it.”", "The deal was signed.", "“Not so,” Kirby said."]));
    }

    #[test]
    fn quote_spans_forget_the_oldest_open_marks_and_keep_the_outermost() {
        let quotes = |s: &str| uax_copy(s, Scan::of(s)).2;
        // Seventeen nested openings: the first is forgotten, so the span
        // starts at the second (3 bytes each).
        let deep = format!("{}x{}", "“".repeat(QUOTE_DEPTH + 1), "”".repeat(QUOTE_DEPTH + 1));
        assert_eq!(quotes(&deep), vec![3..deep.len() - 3]);
        let full = format!("{}x{}", "“".repeat(QUOTE_DEPTH), "”".repeat(QUOTE_DEPTH));
        assert_eq!(quotes(&full), vec![0..full.len()]);
        // Nested spans fold into the outer one; disjoint ones stay, in order.
        let s = "«a “b” c» d «e» f „g“";
        let at = |needle: &str| s.find(needle).unwrap();
        assert_eq!(quotes(s), vec![0..at(" d"), at("«e")..at(" f"), at("„")..s.len()]);
    }

    #[test]
    fn quote_merging_is_capped() {
        let sentence = "Russia has expended most of these UAVs, using them to target Ukrainian critical infrastructure inside Ukraine. ";
        let quote = format!("\"{}\" Kirby said.", sentence.repeat(20).trim_end());
        assert!(quote.len() > 2 * MAX_QUOTE_UNIT);
        let units = check_invariants(&quote, 0..quote.len());
        assert!(units.len() >= 20, "a too-long quotation is split");
        let medium = format!("\"{},\" Kirby said.", sentence.repeat(8).trim_end_matches([' ', '.']));
        assert!(medium.len() > MAX_QUOTE_UNIT / 2 && medium.len() <= MAX_QUOTE_UNIT);
        assert_eq!(texts(&medium), sentences(&[medium.as_str()]));
        // Lead-in text plus a quotation just under the cap: no unit grows
        // past the cap by quotation merging.
        let lead = format!("Kirby said on Monday: \"{}\"", sentence.repeat(9).trim_end());
        for unit in check_invariants(&lead, 0..lead.len()) {
            assert!(unit.range.len() <= MAX_QUOTE_UNIT + sentence.len());
        }
    }

    #[test]
    fn german_quotes_and_abbreviations() {
        let s = "Das Weiße Haus wirft Russland vor, weitere Drohnen aus dem Iran kaufen zu wollen, z.B. Kampfdrohnen vom Typ Shahed. „Russland hat die meisten dieser Drohnen verbraucht. Der Iran unterstützt den Krieg direkt“, sagte Kirby am 15. Mai in Washington. Laut Bericht Nr. 5 geht es um Hubschrauber, Radargeräte usw. Die Regierung in Teheran bestreitet das.";
        assert_eq!(
            texts(s),
            sentences(&[
                "Das Weiße Haus wirft Russland vor, weitere Drohnen aus dem Iran kaufen zu wollen, z.B. Kampfdrohnen vom Typ Shahed.",
                "„Russland hat die meisten dieser Drohnen verbraucht. Der Iran unterstützt den Krieg direkt“, sagte Kirby am 15. Mai in Washington.",
                "Laut Bericht Nr. 5 geht es um Hubschrauber, Radargeräte usw.",
                "Die Regierung in Teheran bestreitet das.",
            ])
        );
        let s = "Kirby sagte: „Das ist eine umfassende Verteidigungspartnerschaft.“ Sie schadet der Ukraine.";
        assert_eq!(
            texts(s),
            sentences(&[
                "Kirby sagte: „Das ist eine umfassende Verteidigungspartnerschaft.“",
                "Sie schadet der Ukraine.",
            ])
        );
        let s = "»Wir akzeptieren das nicht. Es gefährdet unsere Beziehungen«, schrieb Ramaphosa.";
        assert_eq!(texts(s), sentences(&[s]));
    }

    #[test]
    fn french_guillemets() {
        let s = "« Nous n’acceptons pas que notre position non alignée favorise la Russie. Cela ne doit pas nuire à nos relations », a écrit M. Ramaphosa. Mme. Pandor a confirmé la visite.";
        assert_eq!(
            texts(s),
            sentences(&[
                "« Nous n’acceptons pas que notre position non alignée favorise la Russie. Cela ne doit pas nuire à nos relations », a écrit M. Ramaphosa.",
                "Mme. Pandor a confirmé la visite.",
            ])
        );
    }

    // --- Line breaks inside a block -------------------------------------------

    #[test]
    fn headline_line_then_paragraph_line() {
        let s = "White House: Russia looks to purchase more attack drones from Iran after depleting stockpile\nThe Biden administration last year publicized satellite imagery and intelligence findings that it said indicated Iran sold hundreds of attack drones to Russia.";
        assert_eq!(
            texts(s),
            vec![
                ("White House: Russia looks to purchase more attack drones from Iran after depleting stockpile", false),
                (
                    "The Biden administration last year publicized satellite imagery and intelligence findings that it said indicated Iran sold hundreds of attack drones to Russia.",
                    true
                ),
            ]
        );
    }

    #[test]
    fn caption_with_glued_photo_credit() {
        let s = "Iranian drone\nIn this February 11, 2016, file photo, Iranian drone Shahed-129 is displayed at a rally in Tehran, Iran.Ebrahim Noroozi (AP)";
        assert_eq!(
            texts(s),
            vec![
                ("Iranian drone", false),
                (
                    "In this February 11, 2016, file photo, Iranian drone Shahed-129 is displayed at a rally in Tehran, Iran.",
                    true
                ),
                ("Ebrahim Noroozi (AP)", false),
            ]
        );
    }

    #[test]
    fn glued_sentences_split_but_not_links() {
        let s = "If Sebold's novel had focused this much on its off-putting aspects, it never would have found the huge audience it did.Because the book was such a major success, the film chose well.";
        assert_eq!(
            texts(s),
            sentences(&[
                "If Sebold's novel had focused this much on its off-putting aspects, it never would have found the huge audience it did.",
                "Because the book was such a major success, the film chose well.",
            ])
        );
        let s = "Read more at www.Example.com and http://news.Example.org/story.Html today.";
        assert_eq!(texts(s), sentences(&[s]));
        assert_eq!(texts("Call Mrs.Smith now."), sentences(&["Call Mrs.Smith now."]));
    }

    #[test]
    fn single_headline_block_is_one_unterminated_unit() {
        let s = "White House: Russia looks to purchase more attack drones from Iran after depleting stockpile";
        assert_eq!(texts(s), vec![(s, false)]);
        assert_eq!(texts("SOUTH AFRICA"), vec![("SOUTH AFRICA", false)]);
    }

    #[test]
    fn lines_of_a_sidebar_are_separate_units() {
        let s = "MILITARY\nRELATED PEOPLE\nPerson\nMohammad Jamshidi\nPerson\nSergey Lavrov";
        assert_eq!(
            texts(s),
            vec![
                ("MILITARY", false),
                ("RELATED PEOPLE", false),
                ("Person", false),
                ("Mohammad Jamshidi", false),
                ("Person", false),
                ("Sergey Lavrov", false),
            ]
        );
    }

    #[test]
    fn paragraph_lines_without_blank_lines() {
        // seeds/002: paragraphs separated by single newlines, then footer lines.
        let s = "Iran also recently announced the finalization of a deal to purchase Su-35 fighter jets from Russia.\nNow Read: Poland Triggers Kremlin's Fury By Renaming Russian City In Official Documents\nThis content was partially produced with the help of AI tools and was reviewed and published by Benzinga editors.\nPhoto: Shutterstock\n© 2024 Benzinga.com. Benzinga does not provide investment advice. All rights reserved.\nComments";
        assert_eq!(
            texts(s),
            vec![
                (
                    "Iran also recently announced the finalization of a deal to purchase Su-35 fighter jets from Russia.",
                    true
                ),
                ("Now Read: Poland Triggers Kremlin's Fury By Renaming Russian City In Official Documents", false),
                (
                    "This content was partially produced with the help of AI tools and was reviewed and published by Benzinga editors.",
                    true
                ),
                ("Photo: Shutterstock", false),
                ("© 2024 Benzinga.com.", true),
                ("Benzinga does not provide investment advice.", true),
                ("All rights reserved.", true),
                ("Comments", false),
            ]
        );
    }

    #[test]
    fn all_capitals_line_is_a_label() {
        let s = "FOREIGN POLICY\namericanmilitarynews.com";
        assert_eq!(texts(s), vec![("FOREIGN POLICY", false), ("americanmilitarynews.com", false)]);
    }

    #[test]
    fn crlf_and_cr_line_breaks() {
        let s = "SOUTH AFRICA\r\nRussia's top army general and his South African counterpart discussed military cooperation.\rComments";
        assert_eq!(
            texts(s),
            vec![
                ("SOUTH AFRICA", false),
                ("Russia's top army general and his South African counterpart discussed military cooperation.", true),
                ("Comments", false),
            ]
        );
    }

    #[test]
    fn soft_wrapped_paragraph_joins_into_sentences() {
        let s = "The Biden administration says the Kremlin's reliance on Iran as well as\nNorth Korea -- countries largely isolated on the international stage for\ntheir nuclear programs and human rights records -- shows desperation.\nThat's in the face of Ukrainian resistance and the success of the global\ncoalition in disrupting Russian military supply chains and denying\nreplacements for weapons lost on the battlefield. The White House says\nRussia has turned to North Korea for artillery.";
        assert_eq!(
            texts(s),
            sentences(&[
                "The Biden administration says the Kremlin's reliance on Iran as well as\nNorth Korea -- countries largely isolated on the international stage for\ntheir nuclear programs and human rights records -- shows desperation.",
                "That's in the face of Ukrainian resistance and the success of the global\ncoalition in disrupting Russian military supply chains and denying\nreplacements for weapons lost on the battlefield.",
                "The White House says\nRussia has turned to North Korea for artillery.",
            ])
        );
    }

    #[test]
    fn soft_wrapped_line_ending_with_an_abbreviation() {
        let s = "Gen. Oleg Salyukov met the chief of South Africa's army, Lt.\nGen. Lawrence Mbatha, in Moscow.";
        assert_eq!(texts(s), sentences(&[s]));
    }

    #[test]
    fn hard_wrapped_seed_paragraphs_split_like_unwrapped_ones() {
        let seed = include_str!("../../seeds/000_65befd5500e33c0c.txt");
        for width in [60, 66, 70, 72, 78] {
            for block in blocks(seed) {
                let paragraph = &seed[block];
                if paragraph.len() < 2 * width || paragraph.contains('\n') {
                    continue;
                }
                let wrapped = wrap(paragraph, width);
                let unwrapped: Vec<(String, bool)> =
                    texts(&wrapped).into_iter().map(|(t, term)| (t.replace('\n', " "), term)).collect();
                let expected: Vec<(String, bool)> =
                    texts(paragraph).into_iter().map(|(t, term)| (t.to_owned(), term)).collect();
                assert_eq!(unwrapped, expected, "width {width}:\n{wrapped}");
            }
        }
    }

    // --- Other languages and scripts -----------------------------------------

    #[test]
    fn spanish_paragraph() {
        let s = "Tu suscripción se está usando en otro dispositivo. ¿Quieres añadir otro usuario a tu suscripción? Sr. García dijo que no. ¡Sra. Pérez también! Si quieres compartir tu cuenta, cambia tu suscripción a la modalidad Premium, así podrás añadir otro usuario. Cada uno accederá con su propia cuenta de email, lo que os permitirá personalizar vuestra experiencia en EL PAÍS.";
        assert_eq!(
            texts(s),
            sentences(&[
                "Tu suscripción se está usando en otro dispositivo.",
                "¿Quieres añadir otro usuario a tu suscripción?",
                "Sr. García dijo que no.",
                "¡Sra. Pérez también!",
                "Si quieres compartir tu cuenta, cambia tu suscripción a la modalidad Premium, así podrás añadir otro usuario.",
                "Cada uno accederá con su propia cuenta de email, lo que os permitirá personalizar vuestra experiencia en EL PAÍS.",
            ])
        );
    }

    #[test]
    fn spanish_question_after_ambiguous_abbreviation() {
        let s = "Lo dijo el portavoz de EE.UU. ¿Por qué estás viendo esto?";
        assert_eq!(texts(s), sentences(&["Lo dijo el portavoz de EE.UU.", "¿Por qué estás viendo esto?"]));
    }

    #[test]
    fn chinese_sentences() {
        let s = "白宫周一表示，俄罗斯正寻求从伊朗购买更多先进的攻击无人机。美国官员说，伊朗还向俄罗斯提供了炮弹！这是真的吗？";
        assert_eq!(
            texts(s),
            sentences(&[
                "白宫周一表示，俄罗斯正寻求从伊朗购买更多先进的攻击无人机。",
                "美国官员说，伊朗还向俄罗斯提供了炮弹！",
                "这是真的吗？",
            ])
        );
    }

    #[test]
    fn japanese_quotation_is_not_cut() {
        let s = "カービー氏は「ロシアは無人機の大半を使い果たした。さらに購入を求めている」と述べた。イランは否定している。";
        assert_eq!(
            texts(s),
            sentences(&[
                "カービー氏は「ロシアは無人機の大半を使い果たした。さらに購入を求めている」と述べた。",
                "イランは否定している。",
            ])
        );
    }

    #[test]
    fn arabic_hindi_and_hebrew() {
        let s = "قال البيت الأبيض إن روسيا تسعى لشراء المزيد من الطائرات المسيرة من إيران. هل هذا صحيح؟";
        assert_eq!(
            texts(s),
            sentences(&["قال البيت الأبيض إن روسيا تسعى لشراء المزيد من الطائرات المسيرة من إيران.", "هل هذا صحيح؟",])
        );
        let s = "व्हाइट हाउस ने कहा कि रूस ईरान से ड्रोन खरीदना चाहता है। ईरान ने इससे इनकार किया।";
        assert_eq!(
            texts(s),
            sentences(&["व्हाइट हाउस ने कहा कि रूस ईरान से ड्रोन खरीदना चाहता है।", "ईरान ने इससे इनकार किया।",])
        );
        let s = "הבית הלבן אמר כי רוסיה מבקשת לקנות מל\"טים מאיראן. איראן הכחישה.";
        check_invariants(s, 0..s.len());
    }

    #[test]
    fn letters_start_clusters_as_graphemes_say() {
        // Every letter and digit after the chars a non-letter run is made
        // of, and after a combining mark, a control char and a line
        // separator: `long_run_follows`'s test agrees with grapheme
        // segmentation (of unicode-segmentation's Unicode version).
        for p in [' ', '-', '"', '(', '.', '*', '\u{a0}', '\u{301}', '\u{93e}', '\n', '\u{2028}', '🇺'] {
            for c in (0..=0x10ffff_u32).filter_map(char::from_u32).filter(|c| c.is_alphanumeric()) {
                let pair: String = [p, c].iter().collect();
                let expected = pair.graphemes(true).count() == 2;
                let got = p.is_control() || matches!(p, '\u{2028}' | '\u{2029}') || c.is_ascii() || !joins_cluster(c);
                assert_eq!(got, expected, "{p:?} then {c:?} (U+{:04X})", c as u32);
            }
        }
    }

    #[test]
    fn a_long_run_of_marks_and_spaces_is_long() {
        let marks: String = " \u{93e}".repeat(40);
        assert!(long_run_follows(&marks));
        assert!(!long_run_follows(&" ".repeat(LONG_RUN - 1)));
        assert!(long_run_follows(&" ".repeat(LONG_RUN)));
        assert!(!long_run_follows(&format!("{}a", " ".repeat(LONG_RUN - 1))));
        assert!(!long_run_follows("\u{93e}"), "a mark that comes first starts its own cluster");
        assert!(!long_run_follows(&format!("\n\u{93e}{}", " ".repeat(LONG_RUN))), "and one after a newline");
    }

    #[test]
    fn emoji_and_combining_marks_do_not_panic() {
        for s in [
            "Ukraine 🇺🇦 wins. 👨‍👩‍👧 The family fled.",
            "Cafe\u{301}. Re\u{301}sume\u{301}\u{301}\u{301}.",
            ".\u{301}\u{301}\u{301}",
            "\u{301}\u{2028}\u{85}\u{2029}.",
            "a.\u{200d}\u{fe0f}",
            "“„«»「」『』\"",
            "…",
            "\r\n\r",
        ] {
            for start in (0..=s.len()).filter(|&i| s.is_char_boundary(i)) {
                check_invariants(s, start..s.len());
            }
        }
    }

    // --- terminated -------------------------------------------------------------

    #[test]
    fn terminated_flag() {
        assert!(ends_terminated("It is over."));
        assert!(ends_terminated("\"It is over.\""));
        assert!(ends_terminated("(See p. 5.)"));
        assert!(ends_terminated("Is it?”"));
        assert!(ends_terminated("真的吗？"));
        assert!(ends_terminated("هل هذا صحيح؟"));
        assert!(ends_terminated("Wait…"));
        assert!(!ends_terminated("Ramaphosa added:"));
        assert!(!ends_terminated("more advanced drones “capable of more lethality”"));
        assert!(!ends_terminated("Ebrahim Noroozi (AP)"));
        assert!(!ends_terminated(""));
        let s = "Kirby said the Russians are now looking at acquiring even more advanced drones “capable of more lethality”";
        assert_eq!(texts(s), vec![(s, false)]);
        let s = "Sherman said further large-scale mobilization would pose problems for Moscow:";
        assert_eq!(texts(s), vec![(s, false)]);
    }

    // --- Seeds --------------------------------------------------------------------

    const SEEDS: [&str; 5] = [
        include_str!("../../seeds/000_65befd5500e33c0c.txt"),
        include_str!("../../seeds/001_689311aff9ac0c9a.txt"),
        include_str!("../../seeds/002_1a31a8fc8b0ace42.txt"),
        include_str!("../../seeds/003_a94e7e24bf7a8bcd.txt"),
        include_str!("../../seeds/004_4f741bc833aec211.txt"),
    ];

    /// All units of a seed, block by block, with the invariants checked.
    fn seed_units(seed: &str) -> Vec<(&str, bool)> {
        blocks(seed)
            .into_iter()
            .flat_map(|block| check_invariants(seed, block))
            .map(|u| (&seed[u.range.clone()], u.terminated))
            .collect()
    }

    #[test]
    fn seeds_split_into_known_sentences() {
        let expected: [&[(&str, bool)]; 5] = [
            &[
                (
                    "\"Iran also continues to provide Russia with one-way attack UAVs (unmanned aerial vehicles). Since August, Iran has provided Russia with more than 400 UAVs primarily of the Shahed variety,\" White House National Security Council spokesman John Kirby said.",
                    true,
                ),
                (
                    "\"Russia has expended most of these UAVs, using them to target Ukrainian critical infrastructure inside Ukraine. By providing Russia with these UAVs, Iran has been directly enabling Russia's war of aggression in Ukraine,\" Kirby told reporters.",
                    true,
                ),
                (
                    "Gen. Oleg Salyukov, the commander of Russia's ground forces, met the chief of South Africa's army, Lt. Gen. Lawrence Mbatha, at Russia's general command headquarters in Moscow, the Russian ministry said.",
                    true,
                ),
                (
                    "Kirby said the Russians are now looking at acquiring even more advanced drones \"capable of more lethality.\"",
                    true,
                ),
                ("SOUTH AFRICA", false),
                (
                    "Ramaphosa added: \"We have been firm on this point: South Africa has not been, and will not be, drawn into a contest between global powers.\"",
                    true,
                ),
                ("\"Nor do we accept that it should imperil our relations with other countries.\"", true),
                (
                    "The Shahed drones that Russia has already purchased are packed with explosives and programmed to loiter overhead until they nosedive into a target -- unmanned versions of World War II kamikaze pilots who would fly their explosives-laden planes into U.S. warships in the Pacific.",
                    true,
                ),
                (
                    "Brigety, the American ambassador, said last week that U.S. officials have \"respect for South Africa's policy of neutrality and non-alignment in international affairs\" but had \"noted a series of issues which suggest that in practice the government of South Africa is in fact not non-aligned.\"",
                    true,
                ),
            ],
            &[
                ("White House: Russia looks to purchase more attack drones from Iran after depleting stockpile", false),
                ("Iranian drone", false),
                (
                    "In this February 11, 2016, file photo, Iranian drone Shahed-129 is displayed at a rally in Tehran, Iran.",
                    true,
                ),
                ("Ebrahim Noroozi (AP)", false),
                (
                    "“Iran also continues to provide Russia with one-way attack UAVs (unmanned aerial vehicles). Since August, Iran has provided Russia with more than 400 UAVs, primarily of the Shahed variety,” White House National Security Council spokesman John Kirby said.",
                    true,
                ),
                (
                    "Kirby said the Russians are now looking at acquiring even more advanced drones “capable of more lethality”",
                    false,
                ),
                (
                    "“This is a full scale defense partnership that is harmful to Ukraine, to the region in the Middle East and to the international community,” said Kirby, who added that Iran has been “Russia’s top military backer” since the start of the Ukraine invasion.",
                    true,
                ),
                ("¿Quieres añadir otro usuario a tu suscripción?", true),
                ("Recomendaciones EL PAÍS", false),
            ],
            &[
                (
                    "White House National Security Council spokesman John Kirby told reporters, \"Iran also continues to provide Russia with one-way attack UAVs (unmanned aerial vehicles). Since August, Iran has provided Russia with more than 400 UAVs primarily of the Shahed variety.\"",
                    true,
                ),
                (
                    "As reported by the Associated Press, Kirby further stated, \"Russia has expended most of these UAVs, using them to target Ukrainian critical infrastructure inside Ukraine. By providing Russia with these UAVs, Iran has been directly enabling Russia's war of aggression in Ukraine.\"",
                    true,
                ),
                (
                    "\"In total, Iran is seeking billions of dollars' worth of military equipment from Russia,\" Kirby said.",
                    true,
                ),
                ("Now Read: Poland Triggers Kremlin's Fury By Renaming Russian City In Official Documents", false),
                ("Photo: Shutterstock", false),
            ],
            &[
                ("As Russia and Iran Draw Closer, U.S. Frets Over New Iran Drones in Ukraine", false),
                ("By Tom O'Connor", false),
                (
                    "\"Whatever the threats and capabilities that the Ukrainians are facing — and we have expressed concern over these drones — whatever the threats and capabilities that they're facing by the Russians,\" Kirby said, \"we are working in lockstep with them to help counter that.\"",
                    true,
                ),
                (
                    "Following his talks with Amir-Abdollahian, Lavrov said relations between Russia and Iran \"are reaching a qualitatively new level, which will be fixed in a large interstate agreement\" now in its \"final stages.\"",
                    true,
                ),
                (
                    "The deal lifted international sanctions against Tehran in exchange for the Islamic Republic severely curbing its nuclear program, but the accord was unilaterally abandoned by the U.S. in 2018 under President Donald Trump .",
                    true,
                ),
                (
                    "The United States on Friday announced a $1.1 billion arms package for Taiwan, vowing to keep boosting the island's defenses as tensions soar with Beijing, which warned Washington of 'counter-measures' if the deal was not stopped.",
                    true,
                ),
                (
                    "The Russian military is also hosting India, Belarus, Mongolia, Tajikistan and other countries during the drills, which will run from Aug. 30 to Sept. 5.",
                    true,
                ),
                ("Sergey Lavrov", false),
            ],
            &[
                ("Russia Desperate for Iran, North Korea Help With Missiles, Drones: U.S.", true),
                ("Newsweek 1/17/2023 David Brennan", false),
                (
                    "Sherman expressed U.S. concern about the state of Russia-Iran relations and said Washington, D.C. was monitoring Moscow's missile production capabilities and would look to impose related sanctions.",
                    true,
                ),
                (
                    "Iran also initially denied it had supplied Russia with combat and reconnaissance drones—most notably the Shahed-136 \"kamikaze\" UAV (unmanned aerial vehicle)—but later admitted it had sent a small number to Moscow before the full-scale invasion began on February 24.",
                    true,
                ),
                ("\"The mobilization of 500,000 people is a staggering thing,\" she said.", true),
                (
                    "Carl Court/Getty Images © Carl Court/Getty Images A destroyed Russian multiple launch rocket system is pictured in the Donetsk region on October 9, 2022 in Sviatohirs'k, Ukraine.",
                    true,
                ),
            ],
        ];
        for (seed, wanted) in SEEDS.iter().zip(expected) {
            let units = seed_units(seed);
            for unit in wanted {
                assert!(units.contains(unit), "missing {unit:?}");
            }
        }
    }

    #[test]
    fn seeds_have_no_fragment_units() {
        // No unit of a seed is a lone abbreviation or a piece cut out of a
        // quotation that closes in the same block.
        for seed in SEEDS {
            for (text, _) in seed_units(seed) {
                assert!(text.len() > 3 || text == "_", "fragment {text:?}");
                assert!(!matches!(text.split(' ').next_back(), Some("Gen." | "Lt." | "Mr." | "Dr.")), "{text:?}");
            }
        }
    }

    // --- Performance -------------------------------------------------------------

    #[test]
    fn large_block_without_punctuation() {
        // 10 MB; 2 MB in unoptimised builds, where UAX #29 alone takes seconds.
        let megabytes = if cfg!(debug_assertions) { 2 } else { 10 };
        let s = "drones Iran Russia Kirby said ".repeat(megabytes * 1024 * 1024 / 30);
        let units = split(&s, 0..s.len());
        assert_eq!(units.len(), 1);
        assert!(!units[0].terminated);
    }

    #[test]
    fn hundred_thousand_short_sentences() {
        let s = "Kirby said so. \"No.\" U.S. officials agreed. ".repeat(100_000 / 3 + 1);
        let units = split(&s, 0..s.len());
        assert!(units.len() >= 100_000);
        let lines = "Person\nSergey Lavrov\n".repeat(50_000);
        assert_eq!(split(&lines, 0..lines.len()).len(), 100_000);
    }

    #[test]
    fn pathological_runs_stay_linear() {
        // Quadratic behaviour would take hours at this size.
        let n = if cfg!(debug_assertions) { 100_000 } else { 400_000 };
        for tail in [" ", ")", "\"", "\u{301}", "\u{64e}", "\u{200d}", "”", " \n"] {
            let s = format!("It ended.{}and then", tail.repeat(n));
            let units = check_invariants(&s, 0..s.len());
            assert!(!units.is_empty());
        }
        for unbalanced in ["\"", "“", "„", "«", "»", "「", " \"a. "] {
            let s = unbalanced.repeat(n / 4);
            check_invariants(&s, 0..s.len());
        }
        let s = "U.S. ".repeat(n / 4);
        check_invariants(&s, 0..s.len());
    }

    // --- Property test -----------------------------------------------------------

    /// Strings made of pieces that exercise the rules, plus arbitrary chars.
    fn newsish() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            any::<char>().prop_map(String::from),
            Just(" ".to_owned()),
            Just("\n".to_owned()),
            Just("\r\n".to_owned()),
            Just(".".to_owned()),
            Just("…".to_owned()),
            Just("?".to_owned()),
            Just("\"".to_owned()),
            Just("“".to_owned()),
            Just("”".to_owned()),
            Just("„".to_owned()),
            Just("«".to_owned()),
            Just("»".to_owned()),
            Just("「".to_owned()),
            Just("」".to_owned()),
            Just("U.S. ".to_owned()),
            Just("Mr. ".to_owned()),
            Just("No. 5".to_owned()),
            Just("The ".to_owned()),
            Just("word ".to_owned()),
            Just("Iran.Ebrahim".to_owned()),
            Just("\u{301}".to_owned()),
            Just("。".to_owned()),
            prop::sample::select(&["Iran", "drones", " said ", "Kirby", "e.g.", " (AP)", "2016"][..])
                .prop_map(String::from),
        ];
        prop::collection::vec(piece, 0..60).prop_map(|parts| parts.concat())
    }

    /// [`abbreviation`] as it was: every entry, a lowercase `String`.
    fn abbreviation_reference(token: &str) -> Option<Abbr> {
        let lowercase = token.to_lowercase();
        for &(entry, kind) in ABBREVIATIONS {
            if entry.len() != token.len() && entry.len() != lowercase.len() {
                continue;
            }
            let any_case = entry.len() > 2 && !entry.chars().any(char::is_uppercase);
            if token == entry || (any_case && lowercase == entry) {
                return Some(kind);
            }
        }
        let body = token.strip_suffix('.')?;
        let mut chars = body.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_uppercase() => Some(Abbr::CanEnd),
            _ if is_dotted_acronym(token) => Some(Abbr::CanEnd),
            _ => None,
        }
    }

    /// [`glued_breaks`] as it was: every period of the piece searched again.
    fn glued_breaks_reference(piece: &str) -> Vec<usize> {
        let periods: Vec<usize> = piece.match_indices('.').map(|(i, _)| i).collect();
        glued_breaks(piece, &periods, 0)
    }

    #[test]
    fn abbreviation_is_the_reference_on_every_entry() {
        for &(entry, _) in ABBREVIATIONS {
            for token in
                [entry.to_string(), entry.to_uppercase(), entry.to_lowercase(), entry[..1].to_uppercase() + &entry[1..]]
            {
                assert_eq!(abbreviation(&token), abbreviation_reference(&token), "{token}");
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// The one pass of [`Scan::of`] finds what a search for each thing
        /// finds, at every place in and after the 16-byte chunks.
        #[test]
        fn scan_is_the_searches(s in "[a\"\n\r. é]{0,70}") {
            // (The .wasm's scan asks nothing.)
            if cfg!(not(target_arch = "wasm32")) {
                let scan = Scan::of(&s);
                let bytes = s.as_bytes();
                prop_assert_eq!(scan.newline, bytes.contains(&b'\n') || bytes.contains(&b'\r'));
                prop_assert_eq!(scan.ascii, s.is_ascii());
                prop_assert_eq!(scan.quote, bytes.contains(&b'"'));
            }
        }

        /// [`last_piece`]'s byte walk is the char search, with ASCII and
        /// other white space, hyphens, slashes and dashes at either end.
        #[test]
        fn last_piece_is_the_rsplit(tail in "[aZ.(\t\u{b}\u{c}\r\n \u{1c}\u{85}\u{a0}\u{2003}/–—‐é-]{0,16}") {
            prop_assert_eq!(last_piece(&tail), tail.rsplit(is_token_end).next().unwrap_or(&tail));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        #[test]
        fn abbreviation_is_the_reference(token in "[A-Za-zÁáÑñÉİ.]{1,8}\\.") {
            prop_assert_eq!(abbreviation(&token), abbreviation_reference(&token));
        }

        /// The block's glued periods, from [`uax_copy`], give every piece's
        /// glued breaks: any piece, at any char boundaries of the block.
        #[test]
        fn latin_boundaries_give_the_crates_units(text in newsish(), a in any::<usize>(), b in any::<usize>()) {
            // Also where the state machine gives up on a char after some
            // units (they are made again, not kept).
            let (base, end) = clamp_block(&text, a % (text.len() + 1)..b % (text.len() + 1));
            let s = &text[base..end];
            let (copy, glued, quotes) = uax_copy(s, Scan::of(s));
            prop_assert_eq!(units(s, &copy, base, &glued, &quotes), units_by_crate(s, &copy, base, &glued, &quotes));
        }

        #[test]
        fn glued_periods_of_the_block_serve_its_pieces(text in newsish(), a in any::<usize>(), b in any::<usize>()) {
            let (_, glued, _) = uax_copy(&text, Scan::of(&text));
            let boundaries: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let x = boundaries[a % boundaries.len()];
            let y = boundaries[b % boundaries.len()];
            let range = x.min(y)..x.max(y);
            let periods: Vec<usize> = glued.iter().copied().filter(|i| range.contains(i)).collect();
            prop_assert_eq!(glued_breaks(&text[range.clone()], &periods, range.start), glued_breaks_reference(&text[range]));
        }

        #[test]
        // ’ and — share the curly quotes' first two bytes without being in
        // either set: the last-byte test must turn them away.
        fn find_chars_is_match_indices(text in "[a .\"\n\r\u{1}!/\u{85}\u{2028}…“”„«»「」『』․﹒．é€ж日\u{10348}’—]{0,40}") {
            for set in [&QUOTE_MARKS, &ATERMS, &MARKS] {
                let expected: Vec<(usize, char)> =
                    text.match_indices(set.chars).map(|(i, m)| (i, m.chars().next().unwrap_or_default())).collect();
                prop_assert_eq!(find_chars(&text, set).collect::<Vec<_>>(), expected);
            }
        }

        /// [`uax_copy`]'s one search for ATerms and quotation marks finds
        /// the quotations a search for the marks alone finds, and the
        /// periods that may glue: in ASCII with and without `"`, and
        /// outside it, with soft and hard newlines.
        #[test]
        fn one_search_gives_the_quotes_and_periods(
            pieces in prop::collection::vec(prop::sample::select(&[
                "word ", "The ", " said", ".", ". ", "did.Because", "\"", " \"", "“", "”", "„", "«", "»", "「", "」",
                "…", "’", "—", "é", "\n", "\r\n", "\n\n", "a line of wrapped text\n", "!", "?", "\u{2028}", "．",
            ][..]), 0..40)
        ) {
            let s = pieces.concat();
            let (copy, glued, quotes) = uax_copy(&s, Scan::of(&s));
            prop_assert_eq!(quotes, quote_spans(&s, &copy));
            let periods: Vec<usize> = s.match_indices('.').map(|(i, _)| i).filter(|&i| may_glue(&s, i)).collect();
            prop_assert_eq!(glued, periods);
        }

        #[test]
        fn invariants_hold_for_any_block(text in newsish(), a in any::<usize>(), b in any::<usize>()) {
            let boundaries: Vec<usize> =
                (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let x = boundaries[a % boundaries.len()];
            let y = boundaries[b % boundaries.len()];
            check_invariants(&text, x.min(y)..x.max(y));
        }

        #[test]
        fn invariants_hold_for_arbitrary_strings(text in any::<String>(), a in any::<usize>()) {
            let boundaries: Vec<usize> =
                (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let x = boundaries[a % boundaries.len()];
            check_invariants(&text, x..text.len());
            check_invariants(&text, 0..x);
        }
    }
}
