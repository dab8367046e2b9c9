//! Tests of HTML extraction, on small inline pages.

use super::*;

const PARA1: &str = "The city council voted on Tuesday to approve the new budget, which includes funding for schools, roads and parks across the district.";
const PARA2: &str = "Officials said the plan, debated for months, would raise spending by four percent, while keeping property taxes flat for most residents.";
const PARA3: &str = "Critics, however, argued that the budget relies on optimistic revenue forecasts, and warned of cuts if the economy slows next year.";

fn body_texts(doc: &Document) -> Vec<&str> {
    doc.blocks.iter().map(|b| &doc.text[b.range.clone()]).collect()
}

fn check_invariants(doc: &Document) {
    for b in &doc.blocks {
        let t = &doc.text[b.range.clone()];
        assert!(!t.is_empty() && t.trim() == t, "block {t:?}");
    }
}

fn article_page(extra_inside: &str, extra_outside: &str) -> String {
    format!(
        "<!doctype html><html><head><title>Council passes budget | City News</title>\
         <meta property=\"og:site_name\" content=\"City News\"></head><body>\
         <nav><ul><li><a href=/>Home</a></li><li><a href=/news>News</a></li></ul></nav>\
         <article><h1>Council passes budget</h1><p>{PARA1}</p><p>{PARA2}</p><p>{PARA3}</p>{extra_inside}</article>\
         {extra_outside}<footer><p>Copyright 2024 City News. All rights reserved.</p></footer></body></html>"
    )
}

#[test]
fn extracts_paragraphs_with_headline_first() {
    let doc = clean_html(&article_page("", ""));
    check_invariants(&doc);
    let texts = body_texts(&doc);
    assert_eq!(texts, vec!["Council passes budget", PARA1, PARA2, PARA3]);
    assert_eq!(doc.blocks[0].kind, BlockKind::Heading);
    assert!(doc.blocks[1..].iter().all(|b| b.kind == BlockKind::Paragraph));
    assert_eq!(doc.meta.title.as_deref(), Some("Council passes budget"));
    assert_eq!(doc.meta.site.as_deref(), Some("City News"));
    assert!(doc.removed.iter().any(|r| r.reason == "navigation" && r.text == "Home"));
    assert!(doc.removed.iter().any(|r| r.reason == "footer"));
}

#[test]
fn drops_comments_and_related_stories() {
    let comments = "<div id=\"comments\" class=\"comments-section\"><h3>Comments</h3>\
        <p>I think this budget is a disaster, honestly, and the council should resign right now.</p>\
        <p>Great reporting, thanks for covering the meeting, it was long and boring.</p></div>";
    let related = "<div class=\"related-stories\"><h3>Related</h3><ul>\
        <li><a href=/a>Mayor announces re-election bid after long speculation</a></li>\
        <li><a href=/b>School board approves new calendar for next year</a></li></ul></div>";
    let doc = clean_html(&article_page(comments, related));
    check_invariants(&doc);
    assert!(!doc.text.contains("disaster"), "{}", doc.text);
    assert!(!doc.text.contains("Mayor announces"), "{}", doc.text);
    assert!(doc.text.contains(PARA3));
    assert!(doc.removed.iter().any(|r| r.reason == "comments" && r.text.contains("disaster")));
    assert!(doc.removed.iter().any(|r| r.reason == "related" && r.text.contains("Mayor announces")));
}

#[test]
fn br_separated_text_gives_separate_blocks() {
    let page =
        format!("<html><body><div class=\"story\">{PARA1}<br><br>{PARA2}<br/><br/>\n{PARA3}</div></body></html>");
    let doc = clean_html(&page);
    check_invariants(&doc);
    assert_eq!(body_texts(&doc), vec![PARA1, PARA2, PARA3]);
}

#[test]
fn headings_and_list_items_are_kept_apart() {
    let page = format!(
        "<html><body><main><p>{PARA1}</p><h2>What it means</h2><p>{PARA2}</p>\
         <ul><li>Schools get more money, as promised during the campaign.</li><li>Roads get repaved, slowly.</li></ul>\
         <p>{PARA3}</p></main></body></html>"
    );
    let doc = clean_html(&page);
    check_invariants(&doc);
    let kinds: Vec<(BlockKind, &str)> = doc.blocks.iter().map(|b| (b.kind, &doc.text[b.range.clone()])).collect();
    assert!(kinds.contains(&(BlockKind::Heading, "What it means")), "{kinds:?}");
    assert!(kinds.contains(&(BlockKind::ListItem, "Roads get repaved, slowly.")), "{kinds:?}");
    assert!(doc.text.contains(&format!("{PARA2}\n\nSchools get")));
}

#[test]
fn reads_meta() {
    let page = format!(
        "<html><head><title>Budget passes - The Daily</title>\
         <meta property=\"og:site_name\" content=\"The Daily\">\
         <meta property=\"article:published_time\" content=\"2024-03-05T10:00:00Z\">\
         <meta name=\"author\" content=\"Jane Roe\"></head>\
         <body><article><p>{PARA1}</p><p>{PARA2}</p></article></body></html>"
    );
    let doc = clean_html(&page);
    assert_eq!(doc.meta.title.as_deref(), Some("Budget passes"));
    assert_eq!(doc.meta.date.as_deref(), Some("2024-03-05"));
    assert_eq!(doc.meta.site.as_deref(), Some("The Daily"));
    assert_eq!(doc.meta.byline.as_deref(), Some("Jane Roe"));
    // A byline element and a <time> in the page.
    let page = format!(
        "<html><body><article><h1>Budget passes</h1><div class=\"byline\">By John Doe</div>\
         <time datetime=\"2023-11-19\">Nov 19</time><p>{PARA1}</p><p>{PARA2}</p></article></body></html>"
    );
    let doc = clean_html(&page);
    assert_eq!(doc.meta.byline.as_deref(), Some("John Doe"));
    assert_eq!(doc.meta.date.as_deref(), Some("2023-11-19"));
    assert!(!doc.text.contains("John Doe"));
    assert!(doc.removed.iter().any(|r| r.reason == "byline"));
}

#[test]
fn normalizes_dates() {
    for (raw, want) in [
        ("2019-11-18T20:11:00-05:00", "2019-11-18"),
        ("2019/11/18", "2019-11-18"),
        ("20191118", "2019-11-18"),
        ("November 18, 2019 8:11 PM", "2019-11-18"),
        ("18 Nov 2019", "2019-11-18"),
    ] {
        assert_eq!(meta::normalize_date(raw).as_deref(), Some(want), "{raw}");
    }
    assert_eq!(meta::normalize_date("yesterday"), None);
}

#[test]
fn json_ld_meta_and_graph() {
    let page = format!(
        "<html><head><script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\"@graph\":[\
         {{\"@type\":\"WebSite\",\"name\":\"Site\"}},\
         {{\"@type\":\"NewsArticle\",\"headline\":\"Budget passes\",\"datePublished\":\"2024-01-02T03:04:05Z\",\
         \"author\":[{{\"@type\":\"Person\",\"name\":\"Ann Lee\"}}],\"publisher\":{{\"name\":\"Gazette\"}},\
         \"articleBody\":\"{PARA1} {PARA2}\"}}]}}</script></head>\
         <body><article><p>{PARA1}</p><p>{PARA2}</p><p>Subscribe to our daily newsletter for more local stories every morning.</p></article></body></html>"
    );
    let doc = clean_html(&page);
    assert_eq!(doc.meta.title.as_deref(), Some("Budget passes"));
    assert_eq!(doc.meta.date.as_deref(), Some("2024-01-02"));
    assert_eq!(doc.meta.byline.as_deref(), Some("Ann Lee"));
    assert_eq!(doc.meta.site.as_deref(), Some("Gazette"));
    assert!(doc.text.contains(PARA2));
    assert!(!doc.text.contains("Subscribe"), "{}", doc.text);
}

#[test]
fn json_ld_article_body_when_page_has_none() {
    let body = format!("{PARA1}\\n{PARA2}\\n{PARA3}");
    let page = format!(
        "<html><head><script type=\"application/ld+json\">[{{\"@type\":\"NewsArticle\",\"headline\":\"H\",\
         \"articleBody\":\"{body}\"}}]</script></head><body><div id=app>Loading, please wait for the page to load.</div></body></html>"
    );
    let doc = clean_html(&page);
    assert_eq!(body_texts(&doc), vec!["H", PARA1, PARA2, PARA3]);
}

#[test]
fn survives_deep_nesting() {
    let depth = 100_000;
    let page = format!("<html><body>{}<p>{PARA1}</p>{}</body></html>", "<div>".repeat(depth), "</div>".repeat(depth));
    let doc = clean_html(&page);
    assert!(doc.text.contains(PARA1));
    // Never closed, with stray end tags.
    let page = format!("{}<p>{PARA2}{}", "<div><span>".repeat(depth / 2), "</b>".repeat(1000));
    let doc = clean_html(&page);
    assert!(doc.text.contains(PARA2));
}

#[test]
fn survives_hostile_input() {
    assert_eq!(clean_html(""), Document::default());
    let _ = clean_html("<");
    let _ = clean_html("<!-- never closed <p>text");
    let _ = clean_html("<script>never closed");
    let big = format!("<div class=\"{}\"><p>{PARA1}</p></div>", "x".repeat(5_000_000));
    assert!(clean_html(&big).text.contains(PARA1));
    let doc = clean_html(&format!("<p>{PARA1}<p>{PARA2}<ul><li>one<li>two</ul><table><tr><td>cell<td>cell2</table>"));
    check_invariants(&doc);
    assert!(doc.text.contains(&format!("{PARA1}\n\n{PARA2}")), "{}", doc.text);
}

#[test]
fn unclosed_tags_are_closed_implicitly() {
    let page = format!("<body><article><p>{PARA1}<p>{PARA2}<div class=share>Share this</div><p>{PARA3}</article>");
    let doc = clean_html(&page);
    assert_eq!(body_texts(&doc), vec![PARA1, PARA2, PARA3]);
    assert!(doc.removed.iter().any(|r| r.reason == "share"));
}

#[test]
fn skips_scripts_styles_and_captions() {
    let page = format!(
        "<body><article><p>{PARA1}</p><script>var x = 'nope';</script><style>p {{}}</style>\
         <figure><img src=a.jpg><figcaption>The council chamber on Tuesday. (Photo: AP)</figcaption></figure>\
         <p>{PARA2}</p></article></body>"
    );
    let doc = clean_html(&page);
    assert_eq!(body_texts(&doc), vec![PARA1, PARA2]);
    assert!(doc.removed.iter().any(|r| r.reason == "caption"));
}

#[test]
fn decodes_entities() {
    let doc = clean_html(&format!("<article><p>Caf&eacute; &amp; bar &#8212; {PARA1}</p></article>"));
    assert!(doc.text.starts_with("Café & bar — The city"), "{}", doc.text);
}
