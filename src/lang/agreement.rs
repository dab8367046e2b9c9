//! How often the detector (`detect.rs`) says what whatlang, which it
//! replaced, said: whatlang is a dev-dependency for this comparison only.
//!
//! Two levels, as the callers use them: [`detect`] (one of our languages
//! with confidence >= 0.5, else None: the stemmer and stop list of a
//! source) against the same rule over whatlang, and [`detect_any`]'s code
//! (any language: cleaning compares a line's with its article's) against
//! whatlang's. Corpora: (a) prefixes of 400, 1000, 4096 and 8192 bytes of
//! the Multi-News articles (`../shared/data/multinews-dev.jsonl`, or
//! `$NEWSDIGEST_DATA`; skipped with a message when absent), (b) the
//! per-language paragraphs of the tests in `mod.rs`, (c) the cleaned
//! articles of `tests/stories`, (d) a sentence in each of 24 languages we do
//! not support ([`OTHER_LANGUAGES`]). `cargo test --release --lib agreement --
//! --nocapture` prints the table quoted in ARCHITECTURE.md.

use std::path::{Path, PathBuf};

use super::tests::PARAGRAPHS;
use super::{
    DETECT_MIN_CONFIDENCE, DETECT_MIN_LETTERS, DETECT_PREFIX_BYTES, Language, bounded_prefix, detect, detect_any,
};

/// What `lang::detect` answered with whatlang.
fn whatlang_detect(text: &str) -> Option<Language> {
    let prefix = bounded_prefix(text, DETECT_PREFIX_BYTES);
    let letters = prefix.chars().filter(|c| c.is_alphabetic()).take(DETECT_MIN_LETTERS).count();
    if letters < DETECT_MIN_LETTERS {
        return None;
    }
    let info = whatlang::detect(prefix)?;
    if info.confidence() < DETECT_MIN_CONFIDENCE {
        return None;
    }
    Language::from_code(info.lang().code())
}

/// whatlang's language as an ISO 639-1 code, for the languages the
/// detector can name; other languages keep whatlang's ISO 639-3 code (so
/// they never agree).
fn whatlang_any(text: &str) -> Option<&'static str> {
    let lang = whatlang::detect(bounded_prefix(text, DETECT_PREFIX_BYTES))?.lang();
    if let Some(ours) = Language::from_code(lang.code()) {
        return Some(ours.code());
    }
    const CODES: &[(&str, &str)] = &[
        ("pol", "pl"),
        ("ces", "cs"),
        ("slk", "sk"),
        ("hrv", "hr"),
        ("lit", "lt"),
        ("lav", "lv"),
        ("vie", "vi"),
        ("isl", "is"),
        ("epo", "eo"),
        ("mlt", "mt"),
        ("aze", "az"),
        ("cym", "cy"),
        ("ukr", "uk"),
        ("bel", "be"),
        ("srp", "sr"),
        ("mkd", "mk"),
        ("bul", "bg"),
        ("jpn", "ja"),
        ("cmn", "zh"),
        ("kor", "ko"),
        ("ara", "ar"),
        ("pes", "fa"),
        ("urd", "ur"),
        ("heb", "he"),
        ("yid", "yi"),
        ("hin", "hi"),
        ("ell", "el"),
        ("tha", "th"),
        ("ben", "bn"),
        ("kat", "ka"),
        ("amh", "am"),
        ("kan", "kn"),
        ("tam", "ta"),
        ("guj", "gu"),
        ("pan", "pa"),
        ("tel", "te"),
        ("mal", "ml"),
        ("ori", "or"),
        ("mya", "my"),
        ("sin", "si"),
        ("khm", "km"),
        ("hye", "hy"),
    ];
    Some(CODES.iter().find(|(three, _)| *three == lang.code()).map_or(lang.code(), |(_, two)| two))
}

/// Agreement over one corpus.
#[derive(Default)]
struct Row {
    texts: usize,
    detect_same: usize,
    any_same: usize,
    /// (what we say, what whatlang said, the start of the text).
    differences: Vec<(String, String, String)>,
}

impl Row {
    fn add(&mut self, text: &str) {
        self.texts += 1;
        let (ours, theirs) = (detect(text), whatlang_detect(text));
        self.detect_same += usize::from(ours == theirs);
        let (ours_any, theirs_any) = (detect_any(text), whatlang_any(text));
        self.any_same += usize::from(ours_any.map(|(code, _)| code) == theirs_any);
        if ours != theirs || ours_any.map(|(code, _)| code) != theirs_any {
            let start: String = text.chars().take(70).collect::<String>().replace('\n', " ");
            self.differences.push((format!("{ours:?} / {ours_any:?}"), format!("{theirs:?} / {theirs_any:?}"), start));
        }
    }

    fn print(&self, name: &str) {
        let pct = |n: usize| 100.0 * n as f64 / self.texts.max(1) as f64;
        println!(
            "| {name} | {} | {} ({:.1}%) | {} ({:.1}%) |",
            self.texts,
            self.detect_same,
            pct(self.detect_same),
            self.any_same,
            pct(self.any_same)
        );
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn multinews() -> Option<Row> {
    let dir = std::env::var_os("NEWSDIGEST_DATA").map_or_else(|| root().join("../shared/data"), PathBuf::from);
    let path = dir.join("multinews-dev.jsonl");
    let Ok(data) = std::fs::read_to_string(&path) else {
        println!("agreement: {} not found: Multi-News skipped", path.display());
        return None;
    };
    let mut row = Row::default();
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let story: serde_json::Value = serde_json::from_str(line).unwrap();
        for doc in story["docs"].as_array().unwrap() {
            let text = doc.as_str().unwrap();
            for max in [8192, 4096, 1000, 400] {
                row.add(bounded_prefix(text, max));
            }
        }
    }
    Some(row)
}

fn paragraphs() -> Row {
    let mut row = Row::default();
    for &(_, text) in PARAGRAPHS {
        row.add(text);
    }
    row
}

/// The article text of each source of tests/stories, cleaned as the
/// pipeline cleans it, as the segment stage samples it (its blocks).
fn stories() -> Row {
    let mut row = Row::default();
    let dir = root().join("tests/stories");
    let mut stories: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    stories.sort();
    for story in stories {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&story).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        for file in files.iter().filter(|f| f.file_name().is_some_and(|n| n != "expect.json")) {
            let source = crate::Source::bytes(name(file), std::fs::read(file).unwrap());
            let doc = crate::clean::prepare(&source).unwrap();
            let text: Vec<&str> = doc.blocks.iter().map(|b| &doc.text[b.range.clone()]).collect();
            row.add(&text.join("\n"));
        }
    }
    row
}

/// One news sentence (or two) in each of 24 languages without a stemmer
/// here: the detector must not take them for one of ours, and should name
/// them as whatlang did where their script or letters tell.
const OTHER_LANGUAGES: &[&str] = &[
    "Rząd przyjął w środę projekt ustawy, który zakłada podwyżkę płacy minimalnej od przyszłego roku.",
    "Vláda ve středu schválila návrh zákona, který počítá se zvýšením minimální mzdy od příštího roku.",
    "Vláda v stredu schválila návrh zákona, ktorý počíta so zvýšením minimálnej mzdy od budúceho roka.",
    "Vlada je u srijedu usvojila prijedlog zakona koji predviđa povećanje minimalne plaće od sljedeće godine.",
    "Vyriausybė trečiadienį pritarė įstatymo projektui, kuris numato minimalios algos didinimą nuo kitų metų.",
    "Valdība trešdien apstiprināja likumprojektu, kas paredz minimālās algas palielināšanu no nākamā gada.",
    "Chính phủ hôm thứ Tư đã thông qua dự luật tăng mức lương tối thiểu từ năm tới.",
    "Ríkisstjórnin samþykkti á miðvikudag frumvarp um hækkun lágmarkslauna frá og með næsta ári.",
    "Уряд у середу схвалив законопроєкт, який передбачає підвищення мінімальної зарплати з наступного року.",
    "Влада је у среду усвојила предлог закона који предвиђа повећање минималне зараде од следеће године.",
    "Правителството одобри в сряда законопроект, който предвижда увеличение на минималната заплата от следващата \
     година. Синдикатите казаха, че мярката ще бъде въведена постепенно, а работодателите предупредиха, че тя ще \
     засегне най-вече малките фирми във всички региони на страната.",
    "Pemerintah pada hari Rabu menyetujui rancangan undang-undang yang akan menaikkan upah minimum mulai tahun depan.",
    "Ang pamahalaan ay nag-apruba noong Miyerkules ng panukalang batas na magtataas ng minimum na sahod sa susunod na taon.",
    "Serikali siku ya Jumatano iliidhinisha muswada unaolenga kuongeza kima cha chini cha mshahara kuanzia mwaka ujao.",
    "政府は水曜日、来年から最低賃金を引き上げる法案を閣議決定した。",
    "政府周三批准了一项法案，计划从明年起提高最低工资。",
    "정부는 수요일 내년부터 최저임금을 인상하는 법안을 승인했다.",
    "وافقت الحكومة يوم الأربعاء على مشروع قانون يقضي برفع الحد الأدنى للأجور اعتبارا من العام المقبل.",
    "دولت روز چهارشنبه لایحه‌ای را تصویب کرد که حداقل دستمزد را از سال آینده افزایش می‌دهد.",
    "הממשלה אישרה ביום רביעי הצעת חוק להעלאת שכר המינימום החל מהשנה הבאה.",
    "Η κυβέρνηση ενέκρινε την Τετάρτη νομοσχέδιο που προβλέπει αύξηση του κατώτατου μισθού από το επόμενο έτος.",
    "सरकार ने बुधवार को अगले साल से न्यूनतम वेतन बढ़ाने वाले विधेयक को मंजूरी दी।",
    "รัฐบาลอนุมัติร่างกฎหมายขึ้นค่าแรงขั้นต่ำเมื่อวันพุธ โดยจะมีผลตั้งแต่ปีหน้า",
    "El Govern va aprovar dimecres un projecte de llei que preveu apujar el salari mínim a partir de l'any vinent.",
];

fn others() -> Row {
    let mut row = Row::default();
    for text in OTHER_LANGUAGES {
        row.add(text);
    }
    row
}

fn name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn agreement_with_whatlang() {
    println!("| corpus | texts | `detect` agrees | `detect_any` code agrees |");
    println!("| --- | ---: | ---: | ---: |");
    let rows = [
        ("Multi-News article prefixes", multinews()),
        ("test paragraphs", Some(paragraphs())),
        ("tests/stories", Some(stories())),
        ("other languages", Some(others())),
    ];
    for (name, row) in &rows {
        if let Some(row) = row {
            row.print(name);
        }
    }
    for (name, row) in &rows {
        for (ours, theirs, start) in row.iter().flat_map(|r| &r.differences) {
            println!("{name}: ours {ours}, whatlang {theirs}: {start}");
        }
    }
    // The callers' decision (which stemmer and stop list) is the same on
    // every paragraph and fixture, and on nearly every Multi-News prefix.
    let [(_, multinews), (_, paragraphs), (_, stories), (_, others)] = &rows;
    for row in [paragraphs, stories].into_iter().flatten() {
        assert_eq!(row.detect_same, row.texts);
        assert_eq!(row.any_same, row.texts);
    }
    // No language we do not support passes for one of ours.
    if let Some(row) = others {
        assert_eq!(row.detect_same, row.texts);
    }
    if let Some(row) = multinews {
        assert_eq!(row.texts, 2280);
        assert!(row.detect_same * 100 >= row.texts * 99, "{} of {}", row.detect_same, row.texts);
    }
}
