use std::path::{Path, PathBuf};

use proptest::prelude::*;

use super::super::story::drop_repeated;
use super::*;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn seed(stem: &str) -> Document {
    let path = root().join("seeds").join(format!("{stem}.txt"));
    clean_text(std::fs::read_to_string(path).unwrap())
}

fn kept(doc: &Document) -> Vec<&str> {
    doc.blocks.iter().map(|b| &doc.text[b.range.clone()]).collect()
}

fn reason_of<'a>(doc: &'a Document, needle: &str) -> Option<&'a str> {
    doc.removed.iter().find(|r| r.text.contains(needle)).map(|r| r.reason)
}

fn fixture_lines(path: PathBuf) -> Vec<String> {
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

fn check_invariants(doc: &Document) {
    let mut prev_end = 0;
    for b in &doc.blocks {
        let r = b.range.clone();
        assert!(r.start < r.end, "empty block {r:?}");
        assert!(r.start >= prev_end, "blocks overlap or out of order");
        assert!(doc.text.is_char_boundary(r.start) && doc.text.is_char_boundary(r.end));
        let s = &doc.text[r];
        assert_eq!(s, s.trim(), "block not trimmed: {s:?}");
        prev_end = b.range.end;
    }
}

const SEEDS: &[&str] = &[
    "000_65befd5500e33c0c",
    "001_689311aff9ac0c9a",
    "002_1a31a8fc8b0ace42",
    "003_a94e7e24bf7a8bcd",
    "004_4f741bc833aec211",
];

#[test]
fn seeds_drop_junk_and_keep_article() {
    let dir = root().join("tests/data/clean");
    for stem in SEEDS {
        let doc = seed(stem);
        check_invariants(&doc);
        let blocks = kept(&doc);
        for junk in fixture_lines(dir.join(format!("{stem}.drop"))) {
            assert!(!blocks.iter().any(|b| b.contains(junk.as_str())), "{stem}: junk kept: {junk:?}");
        }
        for line in fixture_lines(dir.join(format!("{stem}.keep"))) {
            assert!(
                blocks.iter().any(|b| b.contains(line.as_str())),
                "{stem}: article text lost: {line:?} (removed: {:?})",
                doc.removed.iter().find(|r| r.text.contains(line.as_str()))
            );
        }
    }
}

#[test]
fn seeds_meta() {
    let m = seed("000_65befd5500e33c0c").meta;
    assert_eq!(m.title, None);
    assert_eq!(m.date.as_deref(), Some("2023-05-16"));

    let m = seed("001_689311aff9ac0c9a").meta;
    assert_eq!(
        m.title.as_deref(),
        Some("White House: Russia looks to purchase more attack drones from Iran after depleting stockpile")
    );
    assert_eq!(m.date, None);

    let m = seed("002_1a31a8fc8b0ace42").meta;
    assert_eq!(m.title, None);
    assert_eq!(m.site.as_deref(), Some("Benzinga"));

    let m = seed("003_a94e7e24bf7a8bcd").meta;
    assert_eq!(m.title.as_deref(), Some("As Russia and Iran Draw Closer, U.S. Frets Over New Iran Drones in Ukraine"));
    assert_eq!(m.date.as_deref(), Some("2022-08-31"));
    assert_eq!(m.site.as_deref(), Some("Newsweek"));
    assert_eq!(m.byline.as_deref(), Some("Tom O'Connor"));

    let m = seed("004_4f741bc833aec211").meta;
    assert_eq!(m.title.as_deref(), Some("Russia Desperate for Iran, North Korea Help With Missiles, Drones: U.S."));
    assert_eq!(m.date.as_deref(), Some("2023-01-17"));
    assert_eq!(m.site.as_deref(), Some("Newsweek"));
    assert_eq!(m.byline.as_deref(), Some("David Brennan"));
}

#[test]
fn seeds_reasons_and_kinds() {
    let d = seed("000_65befd5500e33c0c");
    assert!(d.blocks[0].range.start > 0);
    assert!(d.text[d.blocks[0].range.clone()].starts_with("WASHINGTON -- The White House"));
    let sa = d.blocks.iter().find(|b| &d.text[b.range.clone()] == "SOUTH AFRICA").unwrap();
    assert_eq!(sa.kind, BlockKind::Heading);
    assert_eq!(reason_of(&d, "date 2023"), Some("metadata"));

    let d = seed("001_689311aff9ac0c9a");
    assert_eq!(d.blocks[0].kind, BlockKind::Heading);
    assert_eq!(reason_of(&d, "Si continúas leyendo"), Some("other-language"));
    assert_eq!(reason_of(&d, "Sign up for our weekly"), Some("newsletter"));
    assert_eq!(reason_of(&d, "file photo"), Some("caption"));
    assert_eq!(reason_of(&d, "_"), Some("separator"));
    // the unpunctuated quote line is running text, not a heading
    let kirby = d.blocks.iter().find(|b| d.text[b.range.clone()].contains("capable of more lethality")).unwrap();
    assert_eq!(kirby.kind, BlockKind::Paragraph);

    let d = seed("002_1a31a8fc8b0ace42");
    assert_eq!(d.blocks.len(), 9, "one block per line");
    assert_eq!(reason_of(&d, "AI tools"), Some("ai-notice"));
    assert_eq!(reason_of(&d, "Now Read"), Some("teaser"));
    assert_eq!(reason_of(&d, "© 2024"), Some("copyright"));

    let d = seed("003_a94e7e24bf7a8bcd");
    assert_eq!(reason_of(&d, "Related"), Some("related"));
    assert_eq!(reason_of(&d, "developing news story"), Some("notice"));
    assert_eq!(reason_of(&d, "Comments / 2"), Some("comments"));
    assert_eq!(reason_of(&d, "#Ne White House"), Some("hashtags"));
    assert_eq!(reason_of(&d, "4 days ago"), Some("metadata"));

    let d = seed("004_4f741bc833aec211");
    assert_eq!(reason_of(&d, "older browser"), Some("browser-warning"));
    assert_eq!(reason_of(&d, "Start your unlimited"), Some("paywall"));
    assert_eq!(reason_of(&d, "Carl Court/Getty"), Some("caption"));
}

// ---- blocks

fn texts(doc: &Document) -> Vec<(&str, BlockKind)> {
    doc.blocks.iter().map(|b| (&doc.text[b.range.clone()], b.kind)).collect()
}

const P: BlockKind = BlockKind::Paragraph;
const H: BlockKind = BlockKind::Heading;
const L: BlockKind = BlockKind::ListItem;

#[test]
fn soft_wrapped_paragraph_is_one_block() {
    let t = "The minister said on Monday that the talks would\ncontinue next week in Geneva, where\ndelegates from both sides are expected to meet.\n\nA second paragraph follows here and it is short.";
    let d = clean_text(t.to_string());
    check_invariants(&d);
    assert_eq!(d.blocks.len(), 2);
    assert!(d.text[d.blocks[0].range.clone()].ends_with("expected to meet."));
    assert!(d.text[d.blocks[0].range.clone()].contains('\n'));
}

#[test]
fn one_paragraph_per_line() {
    let t = "The first sentence of the story is right here today.\nThe second line is its own paragraph in this source.\nAnd a third one closes the short story for good.\n";
    let d = clean_text(t.to_string());
    assert_eq!(d.blocks.len(), 3);
    assert!(d.blocks.iter().all(|b| b.kind == P));
}

#[test]
fn crlf_and_bom() {
    let t = "\u{feff}Storm Hits Coast\r\n\r\nThe storm reached the coast early on Tuesday, officials said.\r\nThousands of homes lost power as the winds picked up overnight.\r\n";
    let d = clean_text(t.to_string());
    check_invariants(&d);
    let got = texts(&d);
    assert_eq!(got[0], ("Storm Hits Coast", H));
    assert_eq!(d.blocks[0].range.start, 3);
    assert_eq!(got[1].0, "The storm reached the coast early on Tuesday, officials said.");
    assert!(got.iter().all(|(s, _)| !s.contains('\r')));
    assert_eq!(d.meta.title.as_deref(), Some("Storm Hits Coast"));
}

#[test]
fn markdown_heading_and_list() {
    let t = "# Council Approves New Budget\n\nThe city council approved the budget on Tuesday after a long debate.\n\n## What changes\n\n- More money for schools and for public libraries\n* Two new bus lines in the north\n1. A hiring freeze for the next year\n\nThe mayor said the plan would be reviewed again in the spring.";
    let d = clean_text(t.to_string());
    check_invariants(&d);
    let got = texts(&d);
    assert_eq!(got[0], ("Council Approves New Budget", H));
    assert_eq!(got[2], ("What changes", H));
    assert_eq!(got[3], ("More money for schools and for public libraries", L));
    assert_eq!(got[4], ("Two new bus lines in the north", L));
    assert_eq!(got[5], ("A hiring freeze for the next year", L));
    assert_eq!(d.meta.title.as_deref(), Some("Council Approves New Budget"));
}

// ---- rule families on multinews-style junk

const BODY: &str = "The company said on Tuesday that it would cut about 300 jobs as part of a broad restructuring plan.\n\nAnalysts said the move had been expected for months and that more cuts could follow later this year.\n\n";

fn with_body(junk: &str) -> Document {
    clean_text(format!(
        "{BODY}{junk}\n\nThe chief executive said the company remained committed to its long-term strategy and its workers."
    ))
}

#[test]
fn rule_families() {
    let cases: &[(&str, &str)] = &[
        ("Advertisement", "advertisement"),
        ("Advertisement Continue reading the main story", "advertisement"),
        ("Story Continued Below", "advertisement"),
        ("Skip to content", "navigation"),
        ("Click here to see our detailed findings and our methodology.", "navigation"),
        ("Share this", "share"),
        ("Click to share on Twitter (Opens in new window)", "share"),
        ("Follow A. Pawlowski on Facebook, Instagram and Twitter.", "share"),
        ("Read or Share this story: https://usat.ly/2Bwhqz3", "share"),
        ("Subscribe", "newsletter"),
        ("Get the latest from TODAY Sign up for our newsletter", "newsletter"),
        ("Copyright 2017 by WKMG ClickOrlando - All rights reserved.", "copyright"),
        ("We use cookies to improve your experience on our site.", "cookies"),
        (
            "Starting in 1996, Alexa Internet has been donating their crawl data to the Internet Archive. Flowing in every day, these data are added to the Wayback Machine after an embargo period.",
            "archive-notice",
        ),
        ("Image copyright Getty Images Image caption Kalashnikov designed the AK-47 after being wounded", "caption"),
        ("Nicholas Kamm/AFP/Getty Images", "credit"),
        ("Actors Alyssa Milano and Matt Damon (Photo: Getty Images, WireImage)", "caption"),
        (
            "FILE - In this Aug. 26, 2014, file photo, Texas Democratic gubernatorial candidate Wendy Davis presents her new education policy.",
            "caption",
        ),
        (
            "Ellen Pao leaves San Francisco Superior Court during a lunch break in San Francisco, California March 25, 2015. REUTERS/Stephen Lam",
            "caption",
        ),
        ("Associated Press writer Justin Pritchard contributed to this report.", "credit"),
        ("(Reporting By Shadia Nasralla/Maggie Fick; Editing by Tom Perry)", "credit"),
        ("https://example.com/some/page?id=12", "url"),
        ("#Brexit #EU #Politics #UK", "hashtags"),
        ("Please enable Javascript to watch this video", "browser-warning"),
        ("Media playback is unsupported on your device", "browser-warning"),
        ("Related: CDC Develops Faster New Test For Enterovirus D68", "teaser"),
        ("Mexico suffering from 'serious crisis of violence and impunity', report says Read more", "teaser"),
        ("This is a developing story. Check back for updates.", "notice"),
        ("______________________________________________________", "separator"),
        ("***", "separator"),
        ("Dow Jones Reprints: This copy is for your personal, non-commercial use only.", "disclaimer"),
        ("Tweet with a location", "embed"),
        ("Comments (14)", "comments"),
        ("Music, Arts, Culture, Entertainment, Theatre, Books", "keywords"),
        ("Published 3 hours ago", "metadata"),
    ];
    for (junk, reason) in cases {
        let d = with_body(junk);
        check_invariants(&d);
        assert!(!kept(&d).iter().any(|b| b.contains(junk)), "kept junk {junk:?}: {:?}", d.removed);
        assert_eq!(reason_of(&d, junk), Some(*reason), "reason for {junk:?}");
        assert_eq!(d.blocks.len(), 3, "article lost around {junk:?}: {:?}", d.removed);
    }
}

#[test]
fn related_section_runs_to_end_and_resumes_for_article() {
    let t = format!(
        "{BODY}Read more:\n\nDoctors are stumped by toddler's painful legs, rash and bleeding gums\nLifelong care, heartaches ahead for babies born with Zika in the U.S.\n\nA teaser paragraph about another story that trails off into nothing and ends...\nHEALTH\n"
    );
    let d = clean_text(t);
    assert_eq!(d.blocks.len(), 2);
    assert_eq!(reason_of(&d, "Read more:"), Some("related"));
    assert_eq!(reason_of(&d, "HEALTH"), Some("teaser"));

    let t = format!(
        "{BODY}RELATED:\n\nCity councilman urges residents to move indoors\n\nThe police chief said officers would remain in the area through the weekend to keep order.\n\nResidents said they were relieved that the protest had ended without violence on Sunday."
    );
    let d = clean_text(t);
    let blocks = kept(&d);
    assert!(blocks.iter().any(|b| b.starts_with("The police chief said")));
    assert!(blocks.iter().any(|b| b.starts_with("Residents said")));
    assert!(!blocks.iter().any(|b| b.contains("City councilman")));
}

#[test]
fn other_language_lines_dropped_short_english_kept() {
    let t = format!(
        "{BODY}Los ministros de la Unión Europea se reunieron el lunes en Bruselas para discutir la crisis.\n\n¿Por qué estás viendo esto?\n\nEl Paso\n\nThe talks are expected to resume on Friday, a spokesman for the ministry said."
    );
    let d = clean_text(t);
    assert_eq!(reason_of(&d, "Los ministros"), Some("other-language"));
    assert_eq!(reason_of(&d, "Por qué"), Some("other-language"));
    assert!(kept(&d).contains(&"El Paso"));
}

#[test]
fn meta_forms() {
    let t = "Storm Batters Coast\n\nPublished May 16, 2023\n\nBy Jane Doe and John Roe\n\nThe storm reached the coast early on Tuesday, officials said on Wednesday.";
    let d = clean_text(t.to_string());
    assert_eq!(d.meta.title.as_deref(), Some("Storm Batters Coast"));
    assert_eq!(d.meta.date.as_deref(), Some("2023-05-16"));
    assert_eq!(d.meta.byline.as_deref(), Some("Jane Doe and John Roe"));
    assert_eq!(d.blocks.len(), 2);

    let d = clean_text("16 May 2023\n\nThe storm reached the coast early on Tuesday, officials said.".into());
    assert_eq!(d.meta.date.as_deref(), Some("2023-05-16"));
    let d = clean_text("2023-05-16T08:30:00Z\n\nThe storm reached the coast early on Tuesday, officials said.".into());
    assert_eq!(d.meta.date.as_deref(), Some("2023-05-16"));
    let d =
        clean_text("LOS ANGELES (Reuters) - Police in riot gear closed in before dawn on Monday on activists.".into());
    assert_eq!(d.meta.site.as_deref(), Some("Reuters"));
}

// ---- story level

fn doc_of(paras: &[&str]) -> Document {
    clean_text(paras.join("\n\n"))
}

#[test]
fn drop_repeated_boilerplate_keeps_wire_sentences() {
    let wire = "The Associated Press independently verified that the cargo ship stopped at the naval base for at least three days.";
    let promo = "Get our free mobile app for the latest updates";
    let mut docs = vec![
        doc_of(&[
            "Officials said on Monday that the investigation into the shipment was continuing.",
            wire,
            promo,
            "More officials are expected to testify next week, the committee chairman said.",
        ]),
        doc_of(&[
            "A different outlet wrote its own first sentence about the shipment on Monday.",
            promo,
            wire,
            "The ministry declined to comment on the report when reached by phone.",
        ]),
    ];
    assert!(docs.iter().all(|d| kept(d).contains(&promo)), "{:?}", docs.iter().map(|d| &d.removed).collect::<Vec<_>>());
    drop_repeated(&mut docs);
    for d in &docs {
        let blocks = kept(d);
        assert!(!blocks.contains(&promo), "{blocks:?}");
        assert!(blocks.contains(&wire));
        assert_eq!(reason_of(d, promo), Some("repeated"));
        check_invariants(d);
    }
    assert_eq!(docs[0].removed.len(), 1);

    // a section heading republished with its wire paragraph stays
    let section = "SOUTH AFRICA";
    let mut docs = vec![
        doc_of(&["Officials said on Monday that the investigation into the shipment was continuing.", section, wire]),
        doc_of(&["A different outlet wrote its own first sentence about the shipment on Monday.", section, wire]),
    ];
    drop_repeated(&mut docs);
    assert!(docs.iter().all(|d| kept(d).contains(&section)));
}

#[test]
fn drop_repeated_judges_each_text_whatever_its_copies() {
    // Verdicts are computed once per distinct text: texts that share a key
    // but not their words are each judged, and copies in every source get
    // the same verdict.
    let wire = "The Associated Press independently verified that the cargo ship stopped at the naval base for at least three days.";
    let counters =
        ["Get our free mobile app for the latest 12 updates", "Get our free mobile app for the latest 3 updates"];
    let follows = [
        "More officials are expected to testify next week, the committee chairman said.",
        "The ministry declined to comment on the report when reached by phone.",
        "A spokesman for the port authority said the ship had left on Friday.",
    ];
    let mut docs: Vec<Document> = follows
        .iter()
        .zip([counters[0], counters[1], counters[0]])
        .map(|(follow, counter)| {
            doc_of(&["Officials said on Monday that the investigation was continuing.", wire, counter, follow])
        })
        .collect();
    // The wire sentence again, lower-cased and without its period: the same
    // key, but boilerplate where the sentence is not. A verdict taken from
    // the key's first text would keep it, or drop the sentence.
    let flat = wire.to_lowercase();
    let flat = flat.trim_end_matches('.');
    docs.push(doc_of(&["Officials said on Monday that the inquiry was continuing.", flat, follows[0]]));
    drop_repeated(&mut docs);
    for (d, counter) in docs.iter().zip([counters[0], counters[1], counters[0]]) {
        let blocks = kept(d);
        assert!(blocks.contains(&wire), "{blocks:?}");
        assert_eq!(reason_of(d, counter), Some("repeated"), "{counter}: {blocks:?}");
        check_invariants(d);
    }
    assert_eq!(reason_of(&docs[3], flat), Some("repeated"), "{:?}", kept(&docs[3]));
}

#[test]
fn drop_repeated_keeps_source_order_of_removed() {
    let promo = "Download our app";
    let mut docs = vec![
        doc_of(&[
            "Officials said on Monday that the investigation into the shipment was continuing.",
            "Advertisement",
            promo,
            "Skip to content",
            "More officials are expected to testify next week, the committee chairman said.",
        ]),
        doc_of(&[
            "A different outlet wrote its own first sentence about the shipment on Monday.",
            promo,
            "The ministry declined to comment on the report when reached by phone.",
        ]),
    ];
    drop_repeated(&mut docs);
    let reasons: Vec<&str> = docs[0].removed.iter().map(|r| r.reason).collect();
    assert_eq!(reasons, ["advertisement", "repeated", "navigation"]);
}

// ---- robustness

proptest! {
    #[test]
    fn never_panics_and_blocks_are_sound(s in "\\PC*") {
        let d = clean_text(s.clone());
        prop_assert_eq!(&d.text, &s);
        check_invariants(&d);
    }

    #[test]
    fn never_panics_on_lines(lines in proptest::collection::vec("[ -~\u{a0}\u{feff}é’“”—#*•_\r]{0,40}", 0..12)) {
        let s = lines.join("\n");
        let d = clean_text(s.clone());
        prop_assert_eq!(&d.text, &s);
        check_invariants(&d);
        let mut docs = vec![d.clone(), d];
        drop_repeated(&mut docs);
        for d in &docs { check_invariants(d); }
    }
}

/// The one-pass phrase index finds what one `match_indices` per phrase
/// finds, overlapping and repeated occurrences included.
#[test]
fn contains_index_agrees_with_a_search_per_phrase() {
    let mut hays: Vec<String> = vec![
        String::new(),
        "a".into(),
        "we use cookies and all rights reserved".into(),
        "xwe use cookies".into(),
        "please sign up for our newsletter: sign up for our".into(),
        "photo by ap photo/ap photo/john (ap photo".into(),
        "© tu suscripción está lista; click here to, click here to".into(),
    ];
    for r in rules::PHRASE_RULES.iter().filter(|r| r.how == How::Contains) {
        for p in r.phrases() {
            hays.push(format!("{p}{p}"));
            hays.push(format!("x{p} {p}."));
            hays.push(p[..p.len() / 2].to_string() + p);
        }
    }
    for hay in &hays {
        let naive = rules::PHRASE_RULES.iter().enumerate().fold(0u64, |acc, (i, r)| {
            let hit = r.how == How::Contains && r.phrases().any(|p| phrase_matches(How::Contains, hay, p));
            acc | (u64::from(hit) << i)
        });
        assert_eq!(contains_rules(hay), naive, "{hay:?}");
    }
}

#[test]
fn anchored_index_agrees_with_a_comparison_per_phrase() {
    let mut hays: Vec<String> = vec![String::new(), "a".into(), " ".into(), "..".into(), "sign up for it".into()];
    for r in rules::PHRASE_RULES.iter().filter(|r| r.how != How::Contains) {
        for p in r.phrases() {
            for hay in [
                p.to_string(),
                format!("x{p}"),
                format!("{p}x"),
                format!("x {p}"),
                format!("{p} x"),
                format!("({p})."),
                format!("{p} ,;."),
                format!("{p}{p}"),
                format!("- {p} -"),
            ] {
                hays.push(hay);
            }
        }
    }
    for hay in &hays {
        let naive = rules::PHRASE_RULES.iter().enumerate().fold(0u64, |acc, (i, r)| {
            let hit = r.how != How::Contains && r.phrases().any(|p| phrase_matches(r.how, hay, p));
            acc | (u64::from(hit) << i)
        });
        assert_eq!(anchored_rules(hay, core(hay)), naive, "{hay:?}");
    }
}

#[test]
fn relative_time_word_by_word_agrees_with_the_word_list() {
    for line in [
        "4 days ago",
        "Updated 4 days ago",
        "updated published 12 hours ago",
        "a week ago",
        "an hour ago",
        "4 days ago today",
        "days ago",
        "Updated",
        "",
        "Published 4 days ago.",
        "4 eons ago",
        "x4 days ago",
        "Updated 4 days since",
    ] {
        let w = words(line);
        let mut time = RelativeTime::default();
        for word in &w {
            time.push(word);
        }
        assert_eq!(time.matches(), is_relative_time(&w), "{line:?}");
    }
    assert!(relative_time("Updated 4 days ago"));
}

#[test]
fn widgets_inside_paragraphs_are_cut_around_the_article_text() {
    let dir = root().join("tests/data/clean");
    let doc = clean_text(std::fs::read_to_string(dir.join("inline_widgets.txt")).unwrap());
    check_invariants(&doc);
    let blocks = kept(&doc);
    for junk in fixture_lines(dir.join("inline_widgets.drop")) {
        assert!(!blocks.iter().any(|b| b.contains(junk.as_str())), "junk kept: {junk:?}");
        assert!(doc.removed.iter().any(|r| r.text.contains(junk.as_str())), "removal not listed: {junk:?}");
    }
    for line in fixture_lines(dir.join("inline_widgets.keep")) {
        assert!(
            blocks.iter().any(|b| b.contains(line.as_str())),
            "article text lost: {line:?} (removed: {:?})",
            doc.removed.iter().find(|r| r.text.contains(line.as_str()))
        );
    }
    assert_eq!(reason_of(&doc, "JUST WATCHED"), Some("video"));
    assert_eq!(reason_of(&doc, "EMBED More News Videos"), Some("video"));
    assert_eq!(reason_of(&doc, "Hide Caption 3 of 12"), Some("caption"));
    assert_eq!(reason_of(&doc, "View all City Herald"), Some("navigation"));
    assert_eq!(reason_of(&doc, "broken links"), Some("archive-notice"));
}

#[test]
fn a_cut_paragraph_keeps_its_text_at_its_place() {
    let text = "Officials urged residents to stay home. EMBED More News Videos Flooding closes the highway. \
                Schools will stay closed on Wednesday.";
    let doc = clean_text(text.to_string());
    check_invariants(&doc);
    assert_eq!(kept(&doc), ["Officials urged residents to stay home.", "Schools will stay closed on Wednesday."]);
    assert_eq!(doc.blocks[0].range.start, 0);
    assert_eq!(doc.blocks[1].range.end, text.len());
    assert_eq!(doc.blocks[0].kind, doc.blocks[1].kind);
    let removed: Vec<(&str, &str)> = doc.removed.iter().map(|r| (r.text.as_str(), r.reason)).collect();
    assert_eq!(removed, [("EMBED More News Videos Flooding closes the highway.", "video")]);
    // What is kept and what is removed is the paragraph, in order.
    let gap = &text[doc.blocks[0].range.end..doc.blocks[1].range.start];
    assert_eq!(gap.trim(), doc.removed[0].text);
}

#[test]
fn widget_phrases_in_news_sentences_are_kept() {
    for sentence in [
        "The council said it would mail a newsletter to every household explaining the new rates.",
        "A video of the arrest, which was shared widely online, shows two officers holding the man down.",
        "Fans who just watched the final said they would remember it for years.",
        "The photos, taken by a neighbor, show the fire spreading to the roof within minutes.",
        "Investigators viewed all the footage from the station's cameras before charging him.",
        "The archive holds every broken link the agency ever published, she said.",
        "Readers can subscribe to the paper for $5 a month, its publisher said in the interview.",
    ] {
        let text = format!("The fire started shortly after midnight. {sentence} Nobody was hurt.");
        let doc = clean_text(text.clone());
        assert!(kept(&doc).iter().any(|b| b.contains(sentence)), "lost {sentence:?}: {:?}", doc.removed);
        assert_eq!(segment_rule(&normalize(sentence), sentence.split_whitespace().count(), None), None, "{sentence}");
    }
}

#[test]
fn segment_rules_name_the_widget() {
    for (s, reason) in [
        ("JUST WATCHED Lions return to the park Replay More Videos ...", "video"),
        ("MUST WATCH Lions return to the park 01:20", "video"),
        ("Hide Caption 4 of 9 Photos: The flood A man wades through water.", "caption"),
        ("Hide Caption 9 of 9", "credit"),
        ("View all newsletters.", "navigation"),
        ("By signing up you agree to receive email newsletters or alerts from the Herald.", "newsletter"),
        ("Advertisement", "advertisement"),
        ("The goal is to fix all broken links on the web.", "archive-notice"),
    ] {
        assert_eq!(segment_rule(&normalize(s), s.split_whitespace().count(), None), Some(reason), "{s}");
    }
}

#[test]
fn a_block_of_one_sentence_is_not_cut_again() {
    // One sentence over the video rule's 40 words: `block_rule` keeps it,
    // and `cut_widgets` does not judge it a second time.
    let long = format!("JUST WATCHED {}", "the river rose again over the night and the town ".repeat(5));
    let doc = clean_text(format!("The town was flooded on Monday, officials said.\n\n{}.", long.trim_end()));
    assert_eq!(doc.blocks.len(), 2, "{:?}", doc.removed);
}

#[test]
fn sentence_units_kept_for_segmentation_are_what_splitting_finds() {
    let mut docs: Vec<Document> = std::fs::read_dir(root().join("seeds"))
        .unwrap()
        .map(|entry| clean_text(std::fs::read_to_string(entry.unwrap().path()).unwrap()))
        .collect();
    assert!(docs.iter().all(|d| !d.units.is_empty()));
    drop_repeated(&mut docs);
    for doc in &docs {
        for (range, units) in &doc.units {
            assert_eq!(*units, split::split(&doc.text, range.clone()), "{:?}", &doc.text[range.clone()]);
        }
    }
    let again: Vec<Document> = docs.iter().map(|d| Document { units: Vec::new(), ..d.clone() }).collect();
    let (kept, fresh) = (crate::segment::segment(&docs), crate::segment::segment(&again));
    assert_eq!(kept.sentences, fresh.sentences);
    assert_eq!(kept.vocabulary, fresh.vocabulary);
    // A sentence's terms live in the segmentation's flat arrays, not in the sentence.
    for i in 0..kept.sentences.len() {
        assert_eq!((kept.terms(i), kept.sequence(i)), (fresh.terms(i), fresh.sequence(i)), "sentence {i}");
    }
}

/// `normalize` as it was written before its ASCII fast path: char by char.
fn normalize_by_chars(s: &str) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in s.chars() {
        let c = match c {
            '’' | '‘' => '\'',
            '“' | '”' => '"',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.extend(c.to_lowercase());
    }
    out
}

proptest! {
    #[test]
    fn normalize_agrees_with_its_char_by_char_definition(s in "[ -~\t-\r\u{1c}-\u{1f}\u{85}\u{a0}’‘“”ÀÉİΣ\u{2000}-\u{200b}\u{3000}]{0,40}") {
        prop_assert_eq!(normalize(&s), normalize_by_chars(&s));
    }

    #[test]
    fn normalize_agrees_on_any_text(s in "\\PC{0,40}") {
        prop_assert_eq!(normalize(&s), normalize_by_chars(&s));
    }

    /// Word-like runs long enough for its eight-byte steps, with the spaces,
    /// capitals and quotes that break them.
    #[test]
    fn normalize_agrees_on_running_text(s in "([ \t\n]{0,3}([A-Za-z0-9.,@\\[\\]^`{}]{1,11}|[’“ÉΣ\u{a0}]))*") {
        prop_assert_eq!(normalize(&s), normalize_by_chars(&s));
    }
}

/// `normalize_into` appends `s`'s normalized text to whatever `out` holds,
/// as if `out` were empty: the same text after it, shifts from where it
/// starts (`clean_text` normalizes every block onto the end of one buffer).
fn normalize_into_appends(before: &str, s: &str) -> Result<(), proptest::test_runner::TestCaseError> {
    let mut out = before.to_owned();
    let mut shifts = Vec::new();
    let words = normalize_into(s, &mut out, &mut shifts);
    prop_assert_eq!(&out[..before.len()], before);
    prop_assert_eq!(&out[before.len()..], normalize_by_chars(s));
    let (mut alone, mut alone_shifts) = (String::new(), Vec::new());
    prop_assert_eq!(words, normalize_into(s, &mut alone, &mut alone_shifts));
    prop_assert_eq!(shifts, alone_shifts);
    Ok(())
}

#[test]
fn normalize_into_appends_after_a_space_or_a_word() {
    // Blank text after a space, text that starts with white space after a
    // word: what `out` holds is never read as part of the new text.
    for (before, s) in [("a ", ""), ("a ", " \t"), ("a", " x"), ("a ", " x "), ("", " x"), ("a", " abcdefghijk")] {
        normalize_into_appends(before, s).unwrap();
    }
}

proptest! {
    #[test]
    fn normalize_into_appends_to_what_is_there(
        before in "[ a-z’]{0,6}|\\PC{0,6}",
        s in "([ \t\n]{0,3}([A-Za-z0-9.,@]{1,11}|[’“ÉΣ\u{a0}]))*|\\PC{0,40}",
    ) {
        normalize_into_appends(&before, &s)?;
    }
}

proptest! {
    #[test]
    fn normalized_tokens_count_the_whitespace_tokens(s in "\\PC{0,40}") {
        prop_assert_eq!(normalized_tokens(&normalize(&s)), s.split_whitespace().count());
    }

    #[test]
    fn normalized_tokens_count_the_whitespace_tokens_around_spaces(s in "[a’“ \t-\r\u{85}\u{a0}\u{2000}-\u{200b}\u{3000}İ]{0,30}") {
        prop_assert_eq!(normalized_tokens(&normalize(&s)), s.split_whitespace().count());
    }

    /// Running text, over many of the eight-byte chunks it is counted by.
    #[test]
    fn normalized_tokens_count_the_tokens_of_running_text(s in "[a-z.,é ]{0,100}") {
        prop_assert_eq!(normalized_tokens(&normalize(&s)), s.split_whitespace().count());
    }
}

/// A block's statistics from its normalized text are those from its own
/// words whenever `normalize_into` says they may be.
fn feat_from_norm_agrees(s: &str) -> Result<(), proptest::test_runner::TestCaseError> {
    let mut norm = String::new();
    let ctx = LangCtx { lang: Some("en"), stops: Some(rules::EN) };
    let words = normalize_into(s, &mut norm, &mut Vec::new());
    if let Words::Same { quotes } = words
        && let Some(by_norm) = Feat::from_norm(s, &norm, quotes, BlockKind::Paragraph, &ctx)
    {
        let by_words = Feat::new(s, BlockKind::Paragraph, &ctx);
        prop_assert_eq!(format!("{by_norm:?}"), format!("{by_words:?}"));
    }
    Ok(())
}

proptest! {
    /// [`feat_from_norm_agrees`] on words of every kind the fast path meets.
    #[test]
    fn feat_from_norm_agrees_with_feat_new(s in "([ \t\n\u{a0}]{0,2}([A-Za-z0-9.,@#'\"()\\-’‘“”éÉ—–…«»·ΣσςİßñÑⅠⅰ\u{307}日]{1,9}|4 days ago|The|Twitter|of|and|don‘t|don’t|don\"t|don“t|ΟΔΟΣ|—and|él))*") {
        feat_from_norm_agrees(&s)?;
    }

    /// [`feat_from_norm_agrees`] on any text.
    #[test]
    fn feat_from_norm_agrees_with_feat_new_on_any_text(s in "\\PC{0,60}|([ \u{a0}]{1,2}(İ|I|ΟΔΟΣ|Σ|é|—|[a-z]{1,3}))*") {
        feat_from_norm_agrees(&s)?;
    }
}

/// Two char boundaries of `s` picked by `cut` (any numbers), the smaller
/// first or not: the ends of a piece of `s` for the proptests below.
fn char_bounds(s: &str, cut: (usize, usize)) -> (usize, usize) {
    let bounds: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
    (bounds[cut.0 % bounds.len()], bounds[cut.1 % bounds.len()])
}

proptest! {
    /// What `cut_widgets` relies on to skip a sentence's phrase scan: the
    /// normalized text of a piece of a block is a substring of the block's,
    /// so a block without any `Contains` phrase has none in its pieces.
    #[test]
    fn a_piece_of_a_block_normalizes_to_a_substring(
        s in "([ \t\n\u{a0}]{0,2}([A-Za-z.,’“Σé]{1,8}|all rights reserved|see gallery|click here to))*",
        cut in (0usize..200, 0usize..200),
    ) {
        let (a, b) = char_bounds(&s, cut);
        let piece = &s[a.min(b)..a.max(b)];
        let (whole, part) = (normalize(&s), normalize(piece));
        prop_assert!(whole.contains(&part), "{whole:?} / {part:?}");
        if !contains_scan(&whole).1 {
            prop_assert_eq!(contains_scan(&part), (0, false));
        }
    }
}

/// What `cut_widgets` relies on to take a sentence's normalized text from
/// its block's: [`piece_norm`] of any piece of `s` is the piece's own
/// normalized text.
fn piece_norm_agrees(s: &str, cut: (usize, usize)) -> Result<(), proptest::test_runner::TestCaseError> {
    let (a, b) = char_bounds(s, cut);
    // (`normalize_into` appends to what the string and the vector hold.)
    let (mut whole, mut shifts) = (String::from("before "), vec![(7, 7)]);
    let _ = normalize_into(s, &mut whole, &mut shifts);
    prop_assert_eq!(shifts.remove(0), (7, 7));
    let whole = whole.split_off("before ".len());
    prop_assert_eq!(&whole, &normalize(s));
    prop_assert_eq!(piece_norm(&whole, &shifts, a.min(b)..a.max(b)), normalize(&s[a.min(b)..a.max(b)]), "{:?}", s);
    Ok(())
}

proptest! {
    /// [`piece_norm_agrees`] on running text with runs of white space and
    /// chars that normalize to more or fewer bytes.
    #[test]
    fn a_piece_of_a_block_is_its_normalized_text(
        s in "[A-Za-z0-9.,\"]{1,8}([ \t\n\u{a0}\u{3000}]{0,3}([A-Za-z0-9.,\"]{1,8}|[’‘“”éÉİΣ—\u{85}]))*",
        cut in (0usize..200, 0usize..200),
    ) {
        piece_norm_agrees(&s, cut)?;
    }

    /// The same on any text (white space first or last too).
    #[test]
    fn a_piece_of_any_text_is_its_normalized_text(s in "\\PC{0,40}", cut in (0usize..50, 0usize..50)) {
        piece_norm_agrees(&s, cut)?;
    }

    /// The same on blocks whose chars each keep their place (ASCII, one
    /// white-space char between tokens): pieces that start, end or hold a
    /// tab, a newline or a space.
    #[test]
    fn a_piece_of_an_in_place_block_is_its_normalized_text(
        s in "[A-Za-z0-9.,\"]{1,8}([ \t\n][A-Za-z0-9.,\"]{1,8}){0,12}",
        cut in (0usize..200, 0usize..200),
    ) {
        piece_norm_agrees(&s, cut)?;
    }
}

/// `may_start_teaser` says yes to every teaser prefix, so to every block
/// that starts with one: the filter never hides a teaser.
#[test]
fn may_start_teaser_admits_every_teaser_prefix() {
    for p in rules::TEASER_PREFIXES {
        assert!(p.len() <= TEASER_PREFIX_LEN, "{p}");
        assert!(may_start_teaser(p), "{p}");
        assert!(may_start_teaser(&format!("{p} a headline")), "{p}");
    }
    assert!(!may_start_teaser("the president said on tuesday: yes"));
}

/// `rules::word_info` as a scan of the lists tells it.
fn word_info_by_scan(w: &str) -> (rules::StopMask, bool) {
    let holds = |list: &str| list.split_ascii_whitespace().any(|x| x == w);
    let mask =
        rules::STOP_LISTS.iter().enumerate().filter(|(_, (_, list))| holds(list)).fold(0, |m, (i, _)| m | 1 << i);
    (mask, holds(rules::SOCIAL))
}

#[test]
fn word_info_agrees_with_a_scan_of_the_lists() {
    let lists = rules::STOP_LISTS.iter().map(|(_, list)| *list).chain([rules::SOCIAL]);
    for w in lists.flat_map(str::split_ascii_whitespace) {
        let cut = w.char_indices().last().map_or(0, |(i, _)| i);
        for w in [w.to_string(), format!("{w}\0"), format!("\0{w}"), format!("{w}s"), w[..cut].to_string()] {
            assert_eq!(rules::word_info(w.as_bytes()), word_info_by_scan(&w), "{w:?}");
        }
    }
}

proptest! {
    #[test]
    fn word_info_agrees_on_any_word(w in "[a-zéüò+\0]{0,16}|\\PC{0,20}") {
        prop_assert_eq!(rules::word_info(w.as_bytes()), word_info_by_scan(&w));
    }
}

proptest! {
    #[test]
    fn tokens_up_to_counts_the_whitespace_tokens(
        s in "\\PC{0,40}|([ \t\n\u{b}\u{c}\r\u{85}\u{a0}\u{2003}\u{3000}]{0,2}[a-z’é—\u{8}\u{e}]{1,4})*|([ \t-\r]{0,2}[!-~\u{8}\u{e}\u{1f}]{1,6})*",
        limit in 0usize..25,
    ) {
        prop_assert_eq!(tokens_up_to(&s, limit), s.split_whitespace().take(limit).count());
    }
}

/// `phrase_rule_by_masks` finds the rule a walk over the rules finds, and
/// scans for `Contains` phrases (telling `phrases`) exactly when the walk
/// does, at every length that a rule's limit makes a difference for.
#[test]
fn phrase_rule_agrees_with_a_walk_over_the_rules() {
    let mut hays: Vec<String> = vec![String::new(), "a".into(), "the president said so".into()];
    for r in rules::PHRASE_RULES {
        for p in r.phrases() {
            hays.extend([p.to_string(), format!("x {p}"), format!("{p} x."), format!("{p} all rights reserved")]);
        }
    }
    let mut limits: Vec<usize> = rules::PHRASE_RULES.iter().flat_map(|r| [r.max_words, r.max_words + 1]).collect();
    limits.extend([0, 1, 6, 7, 1000]);
    for hay in &hays {
        for &tokens in &limits {
            for known in [None, Some(true), Some(false)] {
                let (mut fast, mut walk) = (known, known);
                let by_walk = phrase_rule_by_walk(hay, tokens, &mut walk);
                assert_eq!(
                    phrase_rule_by_masks((hay, core(hay)), tokens, &mut fast),
                    by_walk,
                    "{hay:?} {tokens} {known:?}"
                );
                assert_eq!(fast, walk, "{hay:?} {tokens} {known:?}");
            }
        }
    }
}

proptest! {
    /// The stop-word counts give the shares that the words' masks give
    /// ([`stop_ratio`], the masks kept in a vector as before).
    #[test]
    fn stop_counts_give_the_ratios_of_the_masks(masks in proptest::collection::vec(0u8..(1 << rules::STOP_LISTS.len()), 0..40)) {
        let mut counts = StopCounts::default();
        for &m in &masks {
            counts.push(m);
        }
        prop_assert_eq!(counts.words, masks.len());
        let mut max = 0.0f32;
        for list in 0..rules::STOP_LISTS.len() {
            prop_assert_eq!(counts.ratio(list).to_bits(), stop_ratio(&masks, list).to_bits());
            max = max.max(stop_ratio(&masks, list));
        }
        prop_assert_eq!(counts.max_ratio().to_bits(), max.to_bits());
    }
}

/// [`relative_time`]'s quick test of the text's end leaves out no text
/// whose words are a relative time stamp.
#[test]
fn relative_time_is_told_from_the_words() {
    for (line, yes) in [
        ("Updated 4 days ago", true),
        ("Published updated  4 DAYS ago.", true),
        ("4 days AGO\u{b}!", true),
        ("4 days ago \u{2014}", true),
        ("4 days ago today", false),
        ("4 long days ago", false),
        ("ago", false),
    ] {
        assert_eq!(relative_time(line), yes, "{line:?}");
    }
}

/// [`relative_time`] of the words gathered from any text.
fn relative_time_of_words(s: &str) -> bool {
    let mut time = RelativeTime::default();
    for_each_word(s, |w| time.push(w));
    time.matches()
}

proptest! {
    #[test]
    fn relative_time_agrees_with_the_words(
        pieces in proptest::collection::vec(
            "updated|published|4|12|a|an|days|hours|ago|AGO|Ago|agO|x|\\.|,|\\)|\u{2014}|\u{e9}|\u{212a}|\u{b}|\u{1}| |\t|\n",
            0..8,
        ),
        glue in "[ .]{0,1}",
    ) {
        let s = pieces.join(&glue);
        prop_assert_eq!(relative_time(&s), relative_time_of_words(&s), "{:?}", s);
    }
}

proptest! {
    /// The tokens found eight bytes at a time are those of a split at each
    /// space, of any normalized text.
    #[test]
    fn for_each_token_splits_at_the_spaces(s in "[a-z.,’é\u{a0} ]{0,60}") {
        let norm = normalize(&s);
        let mut tokens = Vec::new();
        for_each_token(&norm, |t| {
            tokens.push(norm[t].to_owned());
            true
        });
        let by_split: Vec<&str> = if norm.is_empty() { Vec::new() } else { norm.split(' ').collect() };
        prop_assert_eq!(tokens, by_split);
    }

    /// `bare` by its table trims what trimming every non-alphanumeric char
    /// does.
    #[test]
    fn bare_trims_the_punctuation(w in "[a-zA-Z0-9.,'’é\"()#-]{0,6}") {
        prop_assert_eq!(bare(&w), w.trim_matches(|c: char| !c.is_alphanumeric()));
    }
}

proptest! {
    /// The stop-word counts past the 255 stop words that a byte of
    /// `StopCounts::recent` holds.
    #[test]
    fn stop_counts_give_the_ratios_of_many_masks(
        masks in proptest::collection::vec(prop_oneof![Just(0u8), 1u8..(1 << rules::STOP_LISTS.len())], 200..1200),
    ) {
        let mut counts = StopCounts::default();
        for &m in &masks {
            counts.push(m);
        }
        for list in 0..rules::STOP_LISTS.len() {
            prop_assert_eq!(counts.ratio(list).to_bits(), stop_ratio(&masks, list).to_bits());
        }
    }

    /// `Quotes::in_words` over the quotes of a text tells what asking each
    /// of its words did.
    #[test]
    fn quotes_in_words_asks_what_each_word_told(
        s in "([ \t\u{a0}]{0,2}([a-z0-9.,()'\"’‘“”é—-]{1,6}|don‘t|‘quoted’|“quoted”|a“b|'|\"))*",
        single: bool,
        double: bool,
    ) {
        let norm = normalize(&s);
        let quotes = Quotes { single, double };
        let mut by_words = false;
        for_each_token(&norm, |token| {
            let w = bare(&norm[token]);
            by_words |= (single && w.contains('\'')) || (double && w.contains('"'));
            true
        });
        prop_assert_eq!(quotes.in_words(&norm), by_words, "{:?}", norm);
    }

    /// `may_start_teaser` by eight-byte words is the byte loop it replaced.
    #[test]
    fn may_start_teaser_looks_at_the_first_sixteen_bytes(s in "[a-z :\\-é]{0,24}") {
        prop_assert_eq!(may_start_teaser(&s), s.bytes().take(TEASER_PREFIX_LEN).any(|b| matches!(b, b':' | b'-')));
    }

    /// `ends_teaser`'s byte trim is the char trim it replaced, a suffix at a time.
    #[test]
    fn ends_teaser_is_the_trim_and_ends_with(
        s in "(x|é| |\\.|»| read| more| the full story)*( read more| read more »| read the full story)?[ .]{0,3}"
    ) {
        let want = rules::TEASER_SUFFIXES.iter().any(|p| s.trim_end_matches(['.', ' ']).ends_with(p));
        prop_assert_eq!(ends_teaser(&s), want, "{:?}", s);
    }

    /// `slash_date` with its slash count first is the split it was.
    #[test]
    fn slash_date_agrees_with_its_split(t in "[0-9/a]{0,12}|[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}") {
        let by_split = {
            let parts: Vec<&str> = t.split('/').collect();
            if parts.len() != 3 || parts[2].len() != 4 {
                None
            } else {
                let ok = |p: &str| !p.is_empty() && p.len() <= 4 && p.bytes().all(|c| c.is_ascii_digit());
                let nums: Option<Vec<u32>> = parts.iter().map(|p| ok(p).then(|| p.parse().ok())?).collect();
                nums.and_then(|n| ymd(n[2], n[0], n[1]))
            }
        };
        prop_assert_eq!(slash_date(&t), by_split);
    }
}

/// [`outlet`] as it was: every candidate lower-cased, then compared.
fn outlet_by_lower_case(s: &str) -> Option<&'static str> {
    let c = s.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    rules::OUTLETS.split('|').find(|o| o.to_lowercase() == c)
}

#[test]
fn outlet_finds_every_name_in_any_case() {
    for o in rules::OUTLETS.split('|') {
        for s in [o.to_string(), o.to_uppercase(), o.to_lowercase(), format!("({o})"), format!("{o}x")] {
            assert_eq!(outlet(&s), outlet_by_lower_case(&s), "{s:?}");
        }
    }
}

proptest! {
    /// `outlet` compares ASCII lines without lower-casing them.
    #[test]
    fn outlet_agrees_with_lower_casing(
        s in "[ (]?(AP|ap|Ap|Bbc|CNN|cnn|the hill|THE HILL|Reuters|EL PAÍS|el país|News|Newswee\u{212a}|x|é|Σ){1,2}[) .]?"
    ) {
        prop_assert_eq!(outlet(&s), outlet_by_lower_case(&s), "{:?}", s);
    }
}

proptest! {
    /// `may_hold_url` with its slash test first is the three searches it was.
    #[test]
    fn may_hold_url_agrees_with_its_searches(s in "([a-z :/.]|www\\.?|pic\\.twitter\\.com/?|http){0,12}") {
        let Marks { slash, www, .. } = Marks::of(&s);
        let by_search = s.contains("://") || s.contains("www.") || s.contains("pic.twitter.com/");
        prop_assert_eq!(may_hold_url(&s, slash, www), by_search, "{:?}", s);
    }

    /// `Marks::by_words` (the .wasm's) finds what the three searches find.
    #[test]
    fn marks_by_words_are_the_searches(s in "([a-z #/.]|www\\.?|w|\u{e9}|\u{2f00}){0,40}") {
        let by_search = Marks { slash: s.contains('/'), hash: s.contains('#'), www: s.contains("www.") };
        prop_assert_eq!(Marks::by_words(&s), by_search, "{:?}", s);
    }

    /// `Marks::by_vectors` (native) finds what the three searches find; the
    /// texts run past 32 bytes, a vector step.
    #[test]
    fn marks_by_vectors_are_the_searches(s in "([a-z #/.]|www\\.?|w|\u{e9}|\u{2f00}){0,80}") {
        let by_search = Marks { slash: s.contains('/'), hash: s.contains('#'), www: s.contains("www.") };
        prop_assert_eq!(Marks::by_vectors(&s), by_search, "{:?}", s);
    }
}

proptest! {
    /// `next_newline` eight bytes at a time is a byte search.
    #[test]
    fn next_newline_is_the_first_newline(s in "[a\\n\\x0b\\x8a\u{e9}\u{10a}]{0,40}", from in 0usize..40) {
        let from = from.min(s.len());
        let b = s.as_bytes();
        prop_assert_eq!(next_newline(b, from), b[from..].iter().position(|&c| c == b'\n').map(|at| from + at));
    }
}

proptest! {
    /// `trim_punctuation`'s ASCII steps trim as `trim_matches` alone does.
    #[test]
    fn trim_punctuation_is_trim_matches(w in "[a-zA-Z09 .,;:!?'\"()\\-\u{a0}\u{b7}é’“”—…日𐍈\u{300}]{0,12}") {
        prop_assert_eq!(trim_punctuation(&w), w.trim_matches(|c: char| !c.is_alphanumeric()));
    }

    /// `title_case` counting on the way is the count over a vector of the
    /// words, each lower-cased into a String of its own, that it replaced.
    #[test]
    fn title_case_counts_as_a_vector_of_words_did(s in "([ \t\u{a0}]{1,2}([A-Za-z0-9.,()'\"’—-]{1,6}|The|of|and|AND|Of|É|é|ΟΔΟΣ|İstanbul|2023))*") {
        let words: Vec<&str> = s
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .filter(|w| rules::stop_mask(&bare(w).to_lowercase()) & (1 << rules::EN) == 0)
            .collect();
        let caps = words
            .iter()
            .filter(|w| w.chars().find(|c| c.is_alphanumeric()).is_some_and(|c| c.is_uppercase() || c.is_numeric()))
            .count();
        prop_assert_eq!(title_case(&s), words.len() >= 2 && caps * 5 >= words.len() * 4, "{:?}", s);
    }

    /// A line without four digits in a row is no date line: the test that
    /// answers it first only spares the tokens.
    #[test]
    fn parse_date_line_reads_the_lines_it_skipped_as_none(s in "([ ]{1,2}([0-9]{1,5}(st|th|,|\\.)?|[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,4}|20[0-9]{2}-0[1-9]-[0-3][0-9]|May|JUNE|Updated|Published|By|Reuters|Jane|a1b2c3d4|2O23|é))*") {
        prop_assert_eq!(parse_date_line(&s), date_line_of_tokens(&s), "{:?}", s);
    }

    /// `core`'s ASCII steps trim as the char-by-char trim alone does.
    #[test]
    fn core_is_core_by_chars(w in "[a-zA-Z09 .,;:!?+#©'\"()\\-\u{a0}\u{b7}é’“”—…日𐍈\u{300}]{0,12}") {
        prop_assert_eq!(core(&w), core_by_chars(&w));
        // A leading space turns the native shortcut off: the trimming alone,
        // as the .wasm runs it for every text, on the texts the shortcut
        // answers too.
        let spaced = format!(" {w}");
        prop_assert_eq!(core(&spaced), core_by_chars(&w));
    }
}

proptest! {
    /// `trim_closers` against the char-slice pattern it replaces.
    #[test]
    fn trim_closers_agrees_with_trim_end_matches(s in "[a.!?\"')\\]*_ \u{a0}”’»«“‘é€\u{2019}\u{201d}xÂ]{0,12}") {
        prop_assert_eq!(trim_closers(&s), s.trim_end_matches(CLOSERS));
    }
}
