//! Language identification from data the crate already ships: the script of
//! the letters, then, for the Latin and Cyrillic scripts, the stop lists of
//! the supported languages and the letters each of them writes.
//!
//! The digest only needs to know which of its 15 languages a text is in (to
//! stem it and drop its stop words), and otherwise that it is in none of
//! them; cleaning also asks whether a line is in another language than its
//! article. Neither needs a model of 70 languages: a script that only one
//! language writes (Hangul, Greek, Thai, ...) names it; in the Latin and
//! Cyrillic scripts, running text in one of our languages is a third to a
//! half stop words of that language, and the stop lists of two languages
//! differ in their commonest words ("the"/"der"/"el"/"og"/"и"). Letters break
//! ties and veto: "ñ" is Spanish, "ø" Danish or Norwegian, and a word with
//! "ł" or "ř" is in no language we support. whatlang's trigram profiles,
//! which this replaces, cost some 40 KB of the gzipped WebAssembly and a
//! fifth of the native CPU time; agreement with it is measured in
//! `agreement.rs` (figures in ARCHITECTURE.md).

use super::Language;

/// What [`identify`] makes of a text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Guess {
    /// ISO 639-1 code; [`UNDETERMINED`] for text in the Latin or Cyrillic
    /// script that is in none of our languages and has no letters that name
    /// another one.
    pub code: &'static str,
    /// The language, when it is one we support.
    pub language: Option<Language>,
    /// 0 (a guess) to 1 (certain). Scaled like whatlang's: at least 0.5 is a
    /// usable guess, above 0.9 reliable; short text and text with little
    /// evidence get less.
    pub confidence: f64,
}

/// Words of the Latin and Cyrillic scripts looked at, at most: a few hundred
/// words are a hundred stop words and more, beyond doubt; the rest of a 4 KB
/// prefix would only cost time.
const MAX_WORDS: u32 = 300;

/// ISO 639-2 "undetermined".
pub(crate) const UNDETERMINED: &str = "und";

/// Identifies the language of `text`, looking at its first [`MAX_WORDS`]
/// Latin or Cyrillic words at most (callers bound its length too). None when
/// the text has no letters.
pub(crate) fn identify(text: &str) -> Option<Guess> {
    let mut tally = Tally::default();
    tally.scan::<true>(text);
    let (script, _) = tally.scripts.iter().enumerate().max_by_key(|&(i, &n)| (n, std::cmp::Reverse(i)))?;
    if tally.scripts[script] == 0 {
        return None;
    }
    let one = |code| Some(Guess { code, language: None, confidence: 1.0 });
    match SCRIPTS[script] {
        Script::Latin => Some(tally.by_words(false)),
        Script::Cyrillic => Some(tally.by_words(true)),
        Script::Han | Script::Kana => Some(tally.han_or_kana()),
        Script::Arabic => one(tally.arabic_language()),
        Script::Hebrew => one(if tally.yiddish > 0 { "yi" } else { "he" }),
        Script::One(code) => one(code),
    }
}

/// The scripts counted, in order of precedence on a tie.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Script {
    Latin,
    Cyrillic,
    Arabic,
    Han,
    Kana,
    Hebrew,
    /// A script that, among the languages whatlang knew, one language writes.
    One(&'static str),
}

const SCRIPTS: [Script; 24] = [
    Script::Latin,
    Script::Cyrillic,
    Script::Arabic,
    Script::Han,
    Script::One("hi"), // Devanagari
    Script::Hebrew,
    Script::One("am"), // Ethiopic
    Script::One("ka"), // Georgian
    Script::One("bn"), // Bengali
    Script::One("ko"), // Hangul
    Script::Kana,
    Script::One("el"), // Greek
    Script::One("kn"), // Kannada
    Script::One("ta"), // Tamil
    Script::One("th"), // Thai
    Script::One("gu"), // Gujarati
    Script::One("pa"), // Gurmukhi
    Script::One("te"), // Telugu
    Script::One("ml"), // Malayalam
    Script::One("or"), // Oriya
    Script::One("my"), // Myanmar
    Script::One("si"), // Sinhala
    Script::One("km"), // Khmer
    Script::One("hy"), // Armenian
];

/// Index in [`SCRIPTS`] of a letter's script, for letters outside ASCII.
fn script_of(c: char) -> Option<usize> {
    Some(match c {
        // Latin-1's signs and General Punctuation up to Ethiopic: the
        // quotes, dashes and spaces of most text, at once.
        '\u{0080}'..='\u{00BF}' | '\u{2000}'..='\u{2D7F}' => return None,
        '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' | '\u{0250}'..='\u{02AF}' => 0,
        '\u{0400}'..='\u{052F}' => 1,
        '\u{0600}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}' => 2,
        '\u{3005}'
        | '\u{3007}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FFFF}' => 3,
        '\u{0900}'..='\u{097F}' => 4,
        '\u{0590}'..='\u{05FF}' | '\u{FB1D}'..='\u{FB4F}' => 5,
        '\u{1200}'..='\u{139F}' | '\u{2D80}'..='\u{2DDF}' => 6,
        '\u{10A0}'..='\u{10FF}' => 7,
        '\u{0980}'..='\u{09FF}' => 8,
        '\u{AC00}'..='\u{D7AF}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' => 9,
        '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9D}' => 10,
        '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}' => 11,
        '\u{0C80}'..='\u{0CFF}' => 12,
        '\u{0B80}'..='\u{0BFF}' => 13,
        '\u{0E00}'..='\u{0E7F}' => 14,
        '\u{0A80}'..='\u{0AFF}' => 15,
        '\u{0A00}'..='\u{0A7F}' => 16,
        '\u{0C00}'..='\u{0C7F}' => 17,
        '\u{0D00}'..='\u{0D7F}' => 18,
        '\u{0B00}'..='\u{0B7F}' => 19,
        '\u{1000}'..='\u{109F}' => 20,
        '\u{0D80}'..='\u{0DFF}' => 21,
        '\u{1780}'..='\u{17FF}' => 22,
        '\u{0530}'..='\u{058F}' => 23,
        _ => return None,
    })
}

/// The letters besides a-z that each supported language writes (Russian:
/// its whole alphabet), lower case. A word with a letter its language does
/// not write counts against that language.
const LETTERS: [(Language, &str); 15] = [
    (Language::English, ""),
    (Language::Spanish, "áéíóúüñ"),
    (Language::French, "àâæçéèêëîïôœùûüÿ"),
    (Language::German, "äöüß"),
    (Language::Italian, "àèéìíîòóùú"),
    (Language::Portuguese, "àáâãçéêíóôõú"),
    (Language::Dutch, "áéèëíïóöü"),
    (Language::Swedish, "åäöé"),
    (Language::Norwegian, "åæøéèêóòô"),
    (Language::Danish, "åæøé"),
    (Language::Finnish, "åäö"),
    (Language::Russian, "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"),
    (Language::Hungarian, "áéíóöőúüű"),
    (Language::Romanian, "ăâîșşțţ"),
    (Language::Turkish, "âçğıîöşûü"),
];

/// Letters that no supported language writes and only the language named
/// writes (among those whatlang knew), lower case: text in the Latin or
/// Cyrillic script that is in none of our languages is named by them.
/// Letters several of these share (č, š, ž, ć, ј, љ, њ) name none.
const OTHER_LETTERS: [(&str, &str); 16] = [
    ("pl", "ąęłńśźż"),
    ("cs", "ěřů"),
    ("sk", "ľĺŕ"),
    ("hr", "đ"),
    ("lt", "ėįų"),
    ("lv", "āēīūķļņģ"),
    ("vi", "ơư"),
    ("is", "þð"),
    ("eo", "ĉĝĥĵŝŭ"),
    ("mt", "ħċġ"),
    ("az", "ə"),
    ("cy", "ŵŷ"),
    ("uk", "іїєґ"),
    ("be", "ў"),
    ("sr", "ђћџ"),
    ("mk", "ѓќѕ"),
];

/// Index of Vietnamese in [`OTHER_LETTERS`]: the letters with two
/// diacritics (U+1EA0..U+1EF9) are Vietnamese too.
const VIETNAMESE: usize = 6;

/// The Cyrillic languages among [`OTHER_LETTERS`]; the others are Latin.
const OTHER_CYRILLIC: std::ops::Range<usize> = 12..16;

/// Arabic-script languages by their own letters: Persian پ چ ژ گ ک ی,
/// Urdu ٹ ڈ ڑ ں ے ھ, Arabic ة ي ك ى.
const ARABIC_MARKERS: [&str; 3] = ["ةيكى", "پچژگکی", "ٹڈڑںےھ"];

/// All bits of the Latin-script languages (ASCII letters).
const LATIN_LANGUAGES: u16 = ((1 << Language::ALL.len()) - 1) & !(1 << Language::Russian as usize);

/// What is known of one letter outside ASCII.
#[derive(Debug, Clone, Copy, Default)]
struct LetterInfo {
    /// The supported languages that write it.
    ours: u16,
    /// 1 + index in [`OTHER_LETTERS`] of the one language it names, or 0.
    other: u8,
}

/// Letter -> what is known of it, for the letters of [`LETTERS`] and
/// [`OTHER_LETTERS`]; sorted, for a binary search.
fn letter_table() -> &'static [(char, LetterInfo)] {
    static TABLE: std::sync::OnceLock<Vec<(char, LetterInfo)>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        // Kept sorted as it grows: no sort to link in.
        let mut table: Vec<(char, LetterInfo)> = Vec::new();
        fn entry(table: &mut Vec<(char, LetterInfo)>, c: char) -> &mut LetterInfo {
            let i = table.binary_search_by_key(&c, |&(t, _)| t).unwrap_or_else(|i| {
                table.insert(i, (c, LetterInfo::default()));
                i
            });
            &mut table[i].1
        }
        for (language, letters) in LETTERS {
            for c in letters.chars() {
                entry(&mut table, c).ours |= 1 << language as usize;
            }
        }
        for (i, (_, letters)) in OTHER_LETTERS.iter().enumerate() {
            for c in letters.chars() {
                entry(&mut table, c).other = i as u8 + 1;
            }
        }
        table
    })
}

fn letter_info(c: char) -> LetterInfo {
    if ('\u{1EA0}'..='\u{1EF9}').contains(&c) {
        return LetterInfo { ours: 0, other: VIETNAMESE as u8 + 1 };
    }
    let table = letter_table();
    match table.binary_search_by_key(&c, |&(t, _)| t) {
        Ok(i) => table[i].1,
        Err(_) => LetterInfo::default(),
    }
}

/// A word's letters may come in this many bytes at most and still be looked
/// up; longer words are no stop words (the longest has 14 bytes: a test
/// checks). A word is then one `u128`, its two high bytes free
/// ([`StopTable`]).
const WORD_BYTES: usize = 14;

/// The UTF-8 `bytes` of a word (at most [`WORD_BYTES`]) as a number, the
/// first in the lowest byte, zeros above the last.
fn key_of(bytes: &[u8]) -> u128 {
    let mut text = [0; 16];
    text[..bytes.len()].copy_from_slice(bytes);
    u128::from_le_bytes(text)
}

/// Bit 7 of each of eight bytes in a `u64`.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// `0x80` in each byte of `x` that is an ASCII letter, else 0. Letters are
/// below 0x80, and with bit 5 set (lower case) in 0x61..=0x7a; adding 0x1f
/// and 0x05 to the low seven bits carries into bit 7 from 0x61 and from
/// 0x7b on, never into the next byte.
fn ascii_letters(x: u64) -> u64 {
    let low = (x | 0x2020_2020_2020_2020) & !HIGH;
    let from_a = low + 0x1f1f_1f1f_1f1f_1f1f;
    let past_z = low + 0x0505_0505_0505_0505;
    from_a & !past_z & !x & HIGH
}

/// [`ascii_letters`] of `x`, and `x` with bits 5 and 7 of every byte
/// cleared, which upper-cases its ASCII letters: a letter is `0x41..=0x5a`
/// there, to which adding 0x3f and 0x25 carries into bit 7 from 0x41 and
/// from 0x5b on. One mask less than [`ascii_letters`], and no mask to make
/// the word's key: the short stop words are keyed upper-case ([`fold`]).
#[inline(always)]
fn ascii_letters_upper(x: u64) -> (u64, u64) {
    let upper = x & 0x5f5f_5f5f_5f5f_5f5f;
    let from_a = upper + 0x3f3f_3f3f_3f3f_3f3f;
    let past_z = upper + 0x2525_2525_2525_2525;
    (from_a & !past_z & !x & HIGH, upper)
}

/// The key of a short word of lower-case letters in [`StopTable`]: its
/// ASCII letters upper-cased (bit 5 cleared), as [`ascii_letters_upper`]
/// gives a word of the text, other bytes as they are.
fn fold(key: u64) -> u64 {
    key & !(ascii_letters(key) >> 2)
}

/// The ASCII letters at the start of `rest`: `rest.iter().position(|b|
/// !b.is_ascii_alphabetic())`, answered from the first eight bytes when a
/// non-letter is among them (most words are shorter), else byte by byte.
fn letter_run(rest: &[u8]) -> usize {
    if let Some(eight) = rest.first_chunk::<8>() {
        let others = !ascii_letters(u64::from_le_bytes(*eight)) & HIGH;
        if others != 0 {
            return others.trailing_zeros() as usize / 8;
        }
    }
    rest.iter().position(|b| !b.is_ascii_alphabetic()).unwrap_or(rest.len())
}

/// Every stop word of every language by its key, with the languages whose
/// list holds it (bit `i` for `Language::ALL[i]`): two open-addressed
/// tables (linear probing; 0 is a free slot, as no word is empty), where a
/// word costs a comparison of integers (a hash map of strings would hash and
/// compare bytes). Words of up to eight bytes, all but a few of the ASCII
/// ones, are a `u64` (the [`fold`] of their [`key_of`]: ASCII letters
/// upper-cased) with the index of their set of languages in
/// [`StopTable::classes`] beside it: the word loop counts the words of each
/// set and only [`StopTable::add_classes`] spreads them over the languages.
/// Longer words are a `u128` with their languages in its two high bytes.
struct StopTable {
    short: Box<[u64; SHORT_SLOTS]>,
    /// Per slot of `short`: the index of its word's languages in `classes`
    /// (0, no language, for a free slot).
    short_class: Box<[u8; SHORT_SLOTS]>,
    long: Box<[u128; LONG_SLOTS]>,
    /// The distinct sets of languages of the short words, the empty set
    /// first.
    classes: Vec<u16>,
}

const _: () = assert!(Language::ALL.len() <= 16);

/// log2 of the slots of the short words of [`StopTable`]: some 2,150 fill
/// 8,192 slots to 26%, where a lookup mostly probes one slot.
const SHORT_BITS: u32 = 13;
const SHORT_SLOTS: usize = 1 << SHORT_BITS;

/// log2 of the slots of the longer words: some 330 fill 2,048 to 16%.
const LONG_BITS: u32 = 11;
const LONG_SLOTS: usize = 1 << LONG_BITS;

/// At most this many sets of languages (with the empty one): an index is a
/// `u8` (there are some 120; `get` checks).
const CLASSES: usize = 256;

/// Where [`StopTable`] keeps the languages of a long word.
const LANGUAGES_SHIFT: u32 = 8 * WORD_BYTES as u32;

impl StopTable {
    fn short_slot(key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SHORT_BITS)) as usize
    }

    fn long_slot(key: u128) -> usize {
        let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - LONG_BITS)) as usize
    }

    fn get() -> &'static StopTable {
        static TABLE: std::sync::OnceLock<StopTable> = std::sync::OnceLock::new();
        TABLE.get_or_init(|| {
            let mut table = StopTable {
                short: Box::new([0; SHORT_SLOTS]),
                short_class: Box::new([0; SHORT_SLOTS]),
                long: Box::new([0; LONG_SLOTS]),
                classes: Vec::new(),
            };
            // Each word's languages, in the short table's slots first.
            let mut short_languages = vec![0u16; SHORT_SLOTS];
            for &language in Language::ALL {
                // The words `stop_words` reads, without building the sets
                // of languages no text may need.
                for word in super::stop_word_lines(language.spec().stop_words) {
                    let key = key_of(word.as_bytes());
                    let bit = 1 << language as u32;
                    if let Ok(short) = u64::try_from(key) {
                        let i = table.short_slot_of(fold(short));
                        table.short[i] = fold(short);
                        short_languages[i] |= bit;
                    } else {
                        let i = table.long_slot_of(key);
                        table.long[i] |= key | u128::from(bit) << LANGUAGES_SHIFT;
                    }
                }
            }
            table.classes.push(0);
            for (slot, languages) in short_languages.into_iter().enumerate() {
                if languages != 0 {
                    let class = table.classes.iter().position(|&c| c == languages).unwrap_or_else(|| {
                        table.classes.push(languages);
                        table.classes.len() - 1
                    });
                    assert!(class < CLASSES, "more than {CLASSES} sets of languages");
                    table.short_class[slot] = class as u8;
                }
            }
            table
        })
    }

    /// The slot of the short word `key`, or the free slot where it would go.
    #[inline(always)]
    fn short_slot_of(&self, key: u64) -> usize {
        let mut i = Self::short_slot(key);
        while self.short[i] != key && self.short[i] != 0 {
            i = (i + 1) % SHORT_SLOTS;
        }
        i
    }

    /// The slot of the long word `key`, or the free slot where it would go.
    fn long_slot_of(&self, key: u128) -> usize {
        let mut i = Self::long_slot(key);
        while self.long[i] & WORD_MASK != key && self.long[i] != 0 {
            i = (i + 1) % LONG_SLOTS;
        }
        i
    }

    /// The index in `classes` of the languages whose stop list holds the
    /// word of at most eight bytes whose [`fold`] is `key`.
    #[inline(always)]
    fn short_class(&self, key: u64) -> usize {
        usize::from(self.short_class[self.short_slot_of(key)])
    }

    /// The languages whose stop list holds the word of more than eight
    /// bytes `key`.
    fn long_languages(&self, key: u128) -> u16 {
        (self.long[self.long_slot_of(key)] >> LANGUAGES_SHIFT) as u16
    }

    /// The languages whose stop list holds the word of `key`.
    fn languages(&self, key: u128) -> u16 {
        match u64::try_from(key) {
            Ok(short) => self.classes[self.short_class(fold(short))],
            Err(_) => self.long_languages(key),
        }
    }

    /// Adds to `hits` the words counted per set of languages in `counts`,
    /// four sets at a time: a text meets a few dozen of the sets.
    fn add_classes(&self, counts: &[u16; CLASSES], hits: &mut [u32]) {
        for (counts, classes) in counts.chunks_exact(4).zip(self.classes.chunks(4)) {
            if counts == [0; 4] {
                continue;
            }
            for (&n, &languages) in counts.iter().zip(classes) {
                // Most sets beside a met one are not met: no language loop.
                if n == 0 {
                    continue;
                }
                let mut bits = languages;
                while bits != 0 {
                    hits[bits.trailing_zeros() as usize] += u32::from(n);
                    bits &= bits - 1;
                }
            }
        }
    }
}

/// The bytes of a word in a `u128`.
const WORD_MASK: u128 = (1 << LANGUAGES_SHIFT) - 1;

/// Adds one to `counts[i]` for every bit `i` set in `bits`.
fn count_bits(counts: &mut [u32], mut bits: u32) {
    while bits != 0 {
        counts[bits.trailing_zeros() as usize] += 1;
        bits &= bits - 1;
    }
}

/// Counts over a text.
#[derive(Default)]
#[cfg_attr(test, derive(Debug, PartialEq))]
struct Tally {
    /// Letters per script of [`SCRIPTS`].
    scripts: [usize; SCRIPTS.len()],
    /// Words in the Latin script, in the Cyrillic script.
    words: [u32; 2],
    /// Per supported language: words in its stop list.
    hits: [u32; Language::ALL.len()],
    /// Per supported language: words with a letter at most two of our
    /// languages write, this one among them.
    typical: [u32; Language::ALL.len()],
    /// Per supported language: words with a letter it does not write.
    foreign: [u32; Language::ALL.len()],
    /// Per language of [`OTHER_LETTERS`]: words with one of its letters.
    other: [u32; OTHER_LETTERS.len()],
    /// Cyrillic words with ъ, and with ы or э: Bulgarian writes the first
    /// often, never the others.
    hard_sign: u32,
    yery: u32,
    /// Arabic-script letters of each of [`ARABIC_MARKERS`].
    arabic: [u32; ARABIC_MARKERS.len()],
    /// Yiddish ligatures (װ ױ ײ).
    yiddish: u32,
}

/// The word being read.
#[derive(Default)]
struct Word {
    /// Its lower-case letters, up to [`WORD_BYTES`] of them, in UTF-8;
    /// zeros after the last.
    text: [u8; 16],
    /// Bytes in `text`.
    len: usize,
    /// Longer than [`WORD_BYTES`].
    long: bool,
    /// Cyrillic (else Latin).
    cyrillic: bool,
    /// AND of the `ours` of its letters.
    ours: u16,
    /// OR of the languages for which it has a letter at most two write.
    typical: u16,
    /// Bits of the [`OTHER_LETTERS`] languages its letters name.
    other: u16,
    hard_sign: bool,
    yery: bool,
}

impl Word {
    /// Ready for the next word.
    fn clear(&mut self) {
        *self = Word { ours: u16::MAX, ..Word::default() };
    }

    /// Whether a letter has been read (kept or not).
    fn started(&self) -> bool {
        self.len != 0 || self.long
    }

    /// Appends the UTF-8 bytes of letters, lower-casing ASCII ones.
    fn push_bytes(&mut self, bytes: &[u8]) {
        let end = self.len + bytes.len();
        if end > WORD_BYTES {
            self.long = true;
        } else {
            let room = &mut self.text[self.len..end];
            room.copy_from_slice(bytes);
            room.make_ascii_lowercase();
            self.len = end;
        }
    }

    /// `push_bytes(&rest[..run])` of a run of ASCII letters; a word of
    /// fewer than eight at once, from the eight bytes at its start less
    /// those after it, lower-cased (bit 5 set).
    fn push_ascii(&mut self, rest: &[u8], run: usize) {
        match rest.first_chunk::<8>() {
            Some(eight) if run < 8 && self.len == 0 && !self.long => {
                let letters = u64::from_le_bytes(*eight) | 0x2020_2020_2020_2020;
                self.text[..8].copy_from_slice(&(letters & ((1 << (8 * run)) - 1)).to_le_bytes());
                self.len = run;
            }
            _ => self.push_bytes(&rest[..run]),
        }
    }
}

impl Tally {
    /// Counts the words and letters of `text`. `ASCII_WORDS`: with the
    /// fast path for ASCII words; the tests compare it with
    /// the general path alone.
    fn scan<const ASCII_WORDS: bool>(&mut self, text: &str) {
        let table = StopTable::get();
        let mut classes = [0; CLASSES];
        self.scan_words::<ASCII_WORDS>(text, table, &mut classes);
        table.add_classes(&classes, &mut self.hits);
    }

    /// [`Tally::scan`], but for the stop words of the ASCII words read at
    /// once, counted per set of languages in `classes`.
    fn scan_words<const ASCII_WORDS: bool>(&mut self, text: &str, table: &StopTable, classes: &mut [u16; CLASSES]) {
        let mut word = Word::default();
        word.clear();
        let bytes = text.as_bytes();
        let mut i = 0;
        loop {
            // Most words are ASCII letters and end at an ASCII byte: while
            // no other word is being read, such words are read and counted
            // at once, the byte after each skipped, and the ASCII
            // non-letters between them too (which only end a word).
            if ASCII_WORDS && !word.started() {
                let full;
                (i, full) = self.ascii_words(bytes, i, table, classes);
                if full {
                    return;
                }
            }
            let Some(&b) = bytes.get(i) else { break };
            if self.words[0] + self.words[1] >= MAX_WORDS {
                return;
            }
            // ASCII without decoding; a run of letters at once, as no word
            // ends inside it. After a Cyrillic word, which the first letter
            // ends, only that letter: the check above must come right after
            // it.
            if b.is_ascii_alphabetic() {
                let rest = &bytes[i..];
                let run = if word.started() && word.cyrillic {
                    self.end_word(&mut word);
                    1
                } else {
                    letter_run(rest)
                };
                self.scripts[0] += run;
                word.ours &= LATIN_LANGUAGES;
                word.push_ascii(rest, run);
                i += run;
                continue;
            }
            if b.is_ascii() {
                i += 1;
                if word.started() {
                    self.end_word(&mut word);
                }
                continue;
            }
            let Some(c) = text[i..].chars().next() else { break };
            i += c.len_utf8();
            // A char that is no letter, or of no script counted, ends a
            // word. The script first: it is a few comparisons, where
            // `is_alphabetic` searches Unicode's tables, and the commonest
            // chars here, quotes and dashes, have none.
            let Some(script) = script_of(c).filter(|_| c.is_alphabetic()) else {
                if word.started() {
                    self.end_word(&mut word);
                }
                continue;
            };
            self.scripts[script] += 1;
            match script {
                0 | 1 => {
                    let cyrillic = script == 1;
                    if word.started() && word.cyrillic != cyrillic {
                        self.end_word(&mut word);
                    }
                    word.cyrillic = cyrillic;
                    // Turkish capital dotted I: lower case is a plain i.
                    let (lower, typical_tr) = match c {
                        'İ' => ('i', true),
                        c => (c.to_lowercase().next().unwrap_or(c), false),
                    };
                    if typical_tr {
                        word.typical |= 1 << Language::Turkish as usize;
                    }
                    if lower.is_ascii() {
                        word.ours &= LATIN_LANGUAGES;
                    } else {
                        let info = letter_info(lower);
                        word.ours &= info.ours;
                        if info.ours.count_ones() <= 2 {
                            word.typical |= info.ours;
                        }
                        if info.other != 0 {
                            word.other |= 1 << (info.other - 1);
                        }
                        word.hard_sign |= lower == 'ъ';
                        word.yery |= matches!(lower, 'ы' | 'э');
                    }
                    word.push_bytes(lower.encode_utf8(&mut [0; 4]).as_bytes());
                }
                2 => {
                    if word.started() {
                        self.end_word(&mut word);
                    }
                    for (i, letters) in ARABIC_MARKERS.iter().enumerate() {
                        self.arabic[i] += u32::from(letters.contains(c));
                    }
                }
                _ => {
                    if word.started() {
                        self.end_word(&mut word);
                    }
                    self.yiddish += u32::from(matches!(c, '\u{05F0}'..='\u{05F2}'));
                }
            }
        }
        if word.started() {
            self.end_word(&mut word);
        }
    }

    /// Reads the words of ASCII letters at `bytes[i..]` that an ASCII
    /// non-letter ends, each with the byte after it, and the ASCII
    /// non-letters between them (which only end a word), up to any other
    /// byte or the last 8 (16 for a longer word); counts them as
    /// `end_word` would, the stop words of at most eight letters per set
    /// of languages in `classes`. No letter of these is typical or names
    /// another language, and every language but Russian writes all of
    /// them. The words are counted in registers and only their sums
    /// stored. Returns where it stopped, and whether it stopped at a word
    /// past [`MAX_WORDS`].
    #[inline(always)]
    fn ascii_words(
        &mut self,
        bytes: &[u8],
        mut i: usize,
        table: &StopTable,
        classes: &mut [u16; CLASSES],
    ) -> (usize, bool) {
        const LOWER: u64 = 0x2020_2020_2020_2020;
        // The Latin words that may still be counted.
        let left = (MAX_WORDS - self.words[1]).saturating_sub(self.words[0]);
        let (mut more, mut letters, mut full) = (left, 0, false);
        // The last start of eight bytes.
        let Some(last) = bytes.len().checked_sub(8) else { return (i, false) };
        while i <= last {
            let lo = u64::from_le_bytes(bytes[i..i + 8].try_into().unwrap_or_default());
            let (letter, upper) = ascii_letters_upper(lo);
            // Bit 7 of each letter and each byte outside ASCII.
            let starts = (letter | lo) & HIGH;
            if starts & 0x80 == 0 {
                // ASCII non-letters, skipped up to the next such byte (all
                // eight when there is none).
                i += starts.trailing_zeros() as usize / 8;
                continue;
            }
            if letter & 0x80 == 0 {
                break;
            }
            // Bit 7 of each byte that is no letter.
            let ends = !letter & HIGH;
            if ends != 0 {
                // The bits up to the first such byte's bit 7: the word's
                // bytes, and bit 7 of the byte after it, which must be
                // ASCII (and so no letter of a word).
                let through = ends ^ (ends - 1);
                if lo & through & HIGH != 0 {
                    break;
                }
                if more == 0 {
                    full = true;
                    break;
                }
                classes[table.short_class(upper & through >> 8)] += 1;
                let run = ends.trailing_zeros() as usize / 8;
                (more, letters, i) = (more - 1, letters + run, i + run + 1);
                continue;
            }
            let lower = lo | LOWER;
            if i + 16 > bytes.len() {
                break;
            }
            let hi = u64::from_le_bytes(bytes[i + 8..i + 16].try_into().unwrap_or_default());
            let run = (!ascii_letters(hi) & HIGH).trailing_zeros() as usize / 8;
            if run > WORD_BYTES - 8 || hi >> (8 * run) & 0x80 != 0 {
                break;
            }
            if more == 0 {
                full = true;
                break;
            }
            if run == 0 {
                classes[table.short_class(upper)] += 1;
            } else {
                let hi = (hi | LOWER) & ((1 << (8 * run)) - 1);
                let key = u128::from(lower) | u128::from(hi) << 64;
                count_bits(&mut self.hits, u32::from(table.long_languages(key)));
            }
            (more, letters, i) = (more - 1, letters + 8 + run, i + 9 + run);
        }
        let words = left - more;
        self.words[0] += words;
        self.foreign[Language::Russian as usize] += words;
        self.scripts[0] += letters;
        (i, full)
    }

    fn end_word(&mut self, word: &mut Word) {
        self.words[usize::from(word.cyrillic)] += 1;
        let stop = if word.long { 0 } else { StopTable::get().languages(u128::from_le_bytes(word.text)) };
        // Counted bit by bit over the set bits only: most words set none of
        // `typical` and `other`, and few of the others.
        const LANGUAGES: u32 = (1 << Language::ALL.len()) - 1;
        const OTHERS: u32 = (1 << OTHER_LETTERS.len()) - 1;
        count_bits(&mut self.hits, u32::from(stop) & LANGUAGES);
        count_bits(&mut self.typical, u32::from(word.typical) & LANGUAGES);
        count_bits(&mut self.foreign, !u32::from(word.ours) & LANGUAGES);
        count_bits(&mut self.other, u32::from(word.other) & OTHERS);
        self.hard_sign += u32::from(word.hard_sign);
        self.yery += u32::from(word.yery);
        word.clear();
    }

    /// A language of the Latin (or Cyrillic) script, by stop words and letters.
    fn by_words(&self, cyrillic: bool) -> Guess {
        let words = self.words[usize::from(cyrillic)] as f64;
        let candidates = Language::ALL.iter().copied().filter(|&l| (l == Language::Russian) == cyrillic);
        // Score: stop words, plus half a point per word with a letter
        // typical of the language, minus one per word with a letter it does
        // not write.
        let score = |l: Language| {
            let i = l as usize;
            f64::from(self.hits[i]) + 0.5 * f64::from(self.typical[i]) - f64::from(self.foreign[i])
        };
        let (best, s1, s2) = best_two(candidates.map(|l| (l, score(l))));
        let s2 = s2.max(0.0);
        let others = if cyrillic { OTHER_CYRILLIC } else { 0..OTHER_CYRILLIC.start };
        let (other, other_words) = others
            .clone()
            .map(|i| (i, self.other[i]))
            .max_by_key(|&(i, n)| (n, std::cmp::Reverse(i)))
            .unwrap_or((0, 0));
        // Bulgarian writes ъ in many words and never ы or э; Russian the
        // other way round.
        let bulgarian = cyrillic && self.hard_sign >= 2 && self.hard_sign > self.yery;
        let (other_code, named) = if other_words > 0 {
            (OTHER_LETTERS[other].0, other_words)
        } else if bulgarian {
            ("bg", self.hard_sign)
        } else {
            (UNDETERMINED, 0)
        };
        let evidence = f64::from(self.hits[best as usize]) + 0.5 * f64::from(self.typical[best as usize]);
        let share = if words > 0.0 { evidence / words } else { 0.0 };
        let rival = s2.max(f64::from(other_words));
        if bulgarian || s1 <= 0.0 || share < MIN_SHARE || s1 <= rival {
            let confidence = if named == 0 { 0.0 } else { margin_confidence(f64::from(named), s1.max(0.0)) };
            return Guess { code: other_code, language: None, confidence };
        }
        let confidence = margin_confidence(s1, rival) * (share / FULL_SHARE).min(1.0);
        Guess { code: best.code(), language: Some(best), confidence }
    }

    /// Arabic, Persian or Urdu, by their own letters: Urdu writes most of
    /// Persian's too.
    fn arabic_language(&self) -> &'static str {
        let [arabic, persian, urdu] = self.arabic;
        if urdu > 0 && urdu * 4 >= persian {
            "ur"
        } else if persian > arabic {
            "fa"
        } else {
            "ar"
        }
    }

    /// Chinese or Japanese, as whatlang tells them: by the share of kana
    /// among Han and kana.
    fn han_or_kana(&self) -> Guess {
        let kana = self.scripts[10] as f64;
        let share = kana / (kana + self.scripts[3] as f64);
        let (code, confidence) = if share > 0.2 {
            ("ja", 1.0)
        } else if share > 0.05 {
            ("ja", 0.5)
        } else if share > 0.02 {
            ("zh", 0.5)
        } else {
            ("zh", 1.0)
        };
        Guess { code, language: None, confidence }
    }
}

/// The best of finite `scores` (on a tie, the first), its score and the
/// next best score (`-inf` if there is no other).
fn best_two(scores: impl Iterator<Item = (Language, f64)>) -> (Language, f64, f64) {
    let (mut best, mut s1, mut s2) = (Language::English, f64::NEG_INFINITY, f64::NEG_INFINITY);
    for (l, s) in scores {
        if s > s1 {
            (best, s1, s2) = (l, s, s1);
        } else if s > s2 {
            s2 = s;
        }
    }
    (best, s1, s2)
}

/// Below this share of stop words (and typical letters) among its words, a
/// text is in none of our languages: running text in one of them is a
/// quarter to a half stop words, while a language we have no list for
/// matches some of our short words by chance ("de", "a", "se", "i").
const MIN_SHARE: f64 = 0.08;

/// From this share on, the share does not lower the confidence.
const FULL_SHARE: f64 = 0.2;

/// Confidence that `best` beats `rival` (scores in words): full when it
/// leads by three words or a quarter of its score, whichever is more.
fn margin_confidence(best: f64, rival: f64) -> f64 {
    if best <= 0.0 {
        return 0.0;
    }
    ((best - rival.max(0.0)) / (0.25 * best).max(3.0)).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy as _;

    fn code(text: &str) -> &'static str {
        identify(text).map_or("-", |g| g.code)
    }

    #[test]
    fn letter_table_is_sorted_and_complete() {
        let table = letter_table();
        assert!(table.windows(2).all(|w| w[0].0 < w[1].0));
        let all = LETTERS.iter().map(|l| l.1).chain(OTHER_LETTERS.iter().map(|l| l.1));
        let mut chars: Vec<char> = all.flat_map(str::chars).collect();
        chars.sort_unstable();
        chars.dedup();
        assert_eq!(table.iter().map(|e| e.0).collect::<Vec<_>>(), chars);
        for &(c, info) in table {
            let ours = LETTERS.iter().filter(|l| l.1.contains(c)).fold(0, |m, l| m | 1 << l.0 as usize);
            let other = OTHER_LETTERS.iter().rposition(|l| l.1.contains(c)).map_or(0, |i| i as u8 + 1);
            assert_eq!((info.ours, info.other), (ours, other), "{c}");
        }
        assert_eq!(letter_info('ñ').ours, 1 << Language::Spanish as usize);
        assert_eq!(letter_info('ø').ours, (1 << Language::Norwegian as usize) | (1 << Language::Danish as usize));
        assert_eq!(letter_info('ł').ours, 0);
        assert_eq!(OTHER_LETTERS[usize::from(letter_info('ł').other) - 1].0, "pl");
        assert_eq!(OTHER_LETTERS[usize::from(letter_info('ệ').other) - 1].0, "vi");
        assert_eq!(OTHER_LETTERS[usize::from(letter_info('ї').other) - 1].0, "uk");
        assert_eq!(letter_info('č').other, 0, "shared by several languages: names none");
        for (code, letters) in OTHER_LETTERS {
            for c in letters.chars() {
                assert_eq!(letter_info(c).ours, 0, "{code}: {c} is written by one of ours");
            }
        }
        for (i, (language, _)) in LETTERS.iter().enumerate() {
            assert_eq!(*language as usize, i);
        }
    }

    /// The languages of each stop word, as a map of strings.
    fn reference_masks() -> std::collections::HashMap<&'static str, u16> {
        let mut masks = std::collections::HashMap::new();
        for &language in Language::ALL {
            for &word in language.stop_words() {
                *masks.entry(word).or_default() |= 1 << language as usize;
            }
        }
        masks
    }

    #[test]
    fn stop_table_holds_every_stop_word() {
        let masks = reference_masks();
        let table = StopTable::get();
        let filled = table.short.iter().filter(|&&slot| slot != 0).count()
            + table.long.iter().filter(|&&slot| slot != 0).count();
        assert_eq!(filled, masks.len());
        // Every set of languages once, the empty one first.
        assert_eq!(table.classes[0], 0);
        let mut classes = table.classes.clone();
        classes.sort_unstable();
        classes.dedup();
        assert_eq!(classes.len(), table.classes.len());
        for (word, mask) in masks {
            assert!(word.len() <= WORD_BYTES && !word.contains('\0'), "{word:?}");
            assert_eq!(word, word.to_ascii_lowercase());
            assert_eq!(StopTable::get().languages(key_of(word.as_bytes())), mask, "{word}");
        }
    }

    #[test]
    fn ascii_letters_are_is_ascii_alphabetic() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut eight = *b"abcdefgh";
                eight[at] = b;
                let expected = if b.is_ascii_alphabetic() { 8 } else { at };
                assert_eq!(letter_run(&eight), expected, "{b:#x} at {at}");
            }
        }
    }

    #[test]
    fn ascii_letters_upper_tells_letters_and_upper_cases_them() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut eight = *b"0;-_ .,!";
                eight[at] = b;
                let (letters, upper) = ascii_letters_upper(u64::from_le_bytes(eight));
                let expected = if b.is_ascii_alphabetic() { 0x80 << (8 * at) } else { 0 };
                assert_eq!(letters, expected, "{b:#x} at {at}");
                if b.is_ascii_alphabetic() {
                    assert_eq!(upper.to_le_bytes()[at], b.to_ascii_uppercase(), "{b:#x}");
                }
            }
        }
    }

    /// [`fold`] keys the short stop words as the word loop keys a word of
    /// the text: no stop word has a capital, which the fold would make
    /// one with the small letter.
    #[test]
    fn stop_words_fold_as_the_text() {
        for &language in Language::ALL {
            for word in super::super::stop_word_lines(language.spec().stop_words) {
                assert!(!word.bytes().any(|b| b.is_ascii_uppercase()), "{word}");
                if word.len() <= 8 && word.bytes().all(|b| b.is_ascii_alphabetic()) {
                    let key = u64::try_from(key_of(word.as_bytes())).unwrap();
                    let upper = u64::try_from(key_of(word.to_ascii_uppercase().as_bytes())).unwrap();
                    assert_eq!(fold(key), upper, "{word}");
                }
            }
        }
    }

    /// Text of words of ASCII letters of all lengths (stop words among
    /// them), words with other letters, digits and punctuation, glued
    /// together or apart; up to some 400 words, past [`MAX_WORDS`].
    fn mixed_text() -> impl proptest::strategy::Strategy<Value = String> {
        let piece = proptest::prop_oneof![
            4 => proptest::sample::select(vec!["the", "The", "DER", "de", "och", "и", "également"]).prop_map(String::from),
            4 => "[a-zA-Z]{1,17}",
            1 => "[a-zäéñøłİжщъы]{1,16}",
            1 => "[a-zA-Z]{0,9}[0-9'’\\-][a-zA-Z]{0,9}",
        ];
        let gap = proptest::prop_oneof![4 => proptest::strategy::Just(" "), 1 => proptest::sample::select(vec!["", ", ", ".\n", " — ", "\u{a0}", "1"])];
        proptest::collection::vec((piece, gap), 0..400)
            .prop_map(|words| words.into_iter().map(|(w, g)| w + g).collect())
    }

    proptest::proptest! {
        #[test]
        fn ascii_words_are_counted_as_by_letters(text in mixed_text()) {
            let (mut fast, mut slow) = (Tally::default(), Tally::default());
            fast.scan::<true>(&text);
            slow.scan::<false>(&text);
            proptest::prop_assert_eq!(fast, slow);
        }

        #[test]
        fn stop_table_agrees_with_a_map(word in "[a-zäöüßéèàáóúñçåæøăîșțığşıабвгдежзийклмнопрстуфхцчшщъыьэюя]{1,8}") {
            let expected = reference_masks().get(word.as_str()).copied().unwrap_or(0);
            let found = if word.len() > WORD_BYTES { 0 } else { StopTable::get().languages(key_of(word.as_bytes())) };
            proptest::prop_assert_eq!(found, expected);
        }

        #[test]
        fn best_two_is_a_stable_sort(halves in proptest::collection::vec(-4..8i32, 1..15)) {
            let scores: Vec<(Language, f64)> =
                Language::ALL.iter().copied().zip(halves.iter().map(|&h| f64::from(h) * 0.5)).collect();
            let mut ranked = scores.clone();
            crate::sort::sort_by(&mut ranked, |a, b| b.1.total_cmp(&a.1));
            let expected = (ranked[0].0, ranked[0].1, ranked.get(1).map_or(f64::NEG_INFINITY, |r| r.1));
            proptest::prop_assert_eq!(best_two(scores.into_iter()), expected);
        }

        #[test]
        fn letter_run_is_a_search(rest in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..20)) {
            let expected = rest.iter().position(|b| !b.is_ascii_alphabetic()).unwrap_or(rest.len());
            proptest::prop_assert_eq!(letter_run(&rest), expected);
        }

        #[test]
        fn push_ascii_is_push_bytes(text in "[a-zA-Z]{0,3}[a-zA-Z]{1,20}[ .,;]{0,10}", started in 0..3usize) {
            let rest = text.as_bytes();
            let run = letter_run(rest);
            let (mut fast, mut slow) = (Word::default(), Word::default());
            for word in [&mut fast, &mut slow] {
                word.clear();
                word.push_bytes(&b"ab\xc3\xa9"[..[0, 2, 4][started]]);
            }
            fast.push_ascii(rest, run);
            slow.push_bytes(&rest[..run]);
            proptest::prop_assert_eq!((fast.text, fast.len, fast.long), (slow.text, slow.len, slow.long));
        }
    }

    #[test]
    fn scripts_name_their_language() {
        assert_eq!(code("Η Ελλάδα είναι χώρα της νοτιοανατολικής Ευρώπης."), "el");
        assert_eq!(code("서울은 대한민국의 수도이다."), "ko");
        assert_eq!(code("กรุงเทพมหานครเป็นเมืองหลวงของประเทศไทย"), "th");
        assert_eq!(code("नई दिल्ली भारत की राजधानी है।"), "hi");
        assert_eq!(code("ירושלים היא בירת ישראל."), "he");
        assert_eq!(code("تهران پایتخت ایران است و بزرگترین شهر کشور."), "fa");
        assert_eq!(code("القاهرة هي عاصمة جمهورية مصر العربية."), "ar");
        assert_eq!(code("東京の大学で日本語を勉強しています。"), "ja");
        assert_eq!(code("北京是中华人民共和国的首都。"), "zh");
        assert_eq!(identify("123 !!! ..."), None);
        assert_eq!(identify(""), None);
    }

    #[test]
    fn other_latin_and_cyrillic_languages() {
        assert_eq!(
            code("Rząd przyjął w środę projekt ustawy, który zakłada podwyżkę płacy minimalnej od przyszłego roku."),
            "pl"
        );
        assert_eq!(code("Vláda ve středu schválila návrh zákona, který počítá se zvýšením minimální mzdy."), "cs");
        assert_eq!(code("Уряд у середу схвалив законопроєкт, який передбачає підвищення мінімальної зарплати."), "uk");
        assert_eq!(
            code(
                "Правителството съобщи, че ще бъде въведена нова мярка, която ще засегне всички служители във фирмите."
            ),
            "bg"
        );
        let russian = identify(
            "Правительство в среду одобрило законопроект, который предусматривает повышение минимальной зарплаты.",
        )
        .unwrap();
        assert_eq!(russian.language, Some(Language::Russian));
        // Latin letters, no stop word, no telling letter: none of ours.
        let names = identify("Donald Trump Vladimir Putin Xi Jinping Narendra Modi").unwrap();
        assert_eq!((names.code, names.language, names.confidence), (UNDETERMINED, None, 0.0));
    }

    #[test]
    fn short_text_is_less_certain() {
        let long = identify("The talks are expected to resume on Friday, a spokesman for the ministry said.").unwrap();
        assert_eq!(long.language, Some(Language::English));
        assert!(long.confidence > 0.9, "{long:?}");
        let short = identify("Iran and Russia").unwrap();
        assert!(short.confidence < 0.5, "{short:?}");
    }

    #[test]
    fn letters_break_ties() {
        // "de" and "a" are stop words in several of our languages.
        let guess = identify("Lançamento de a São João").unwrap();
        assert_eq!(guess.code, "pt", "{guess:?}");
        let guess = identify("Niño de España").unwrap();
        assert_eq!(guess.code, "es", "{guess:?}");
    }
}
