//! Page metadata: `<meta>` tags, `<title>`, `<time>`, bylines and JSON-LD.

use std::collections::HashMap;

use super::dom::{Dom, Step};
use super::json::{self, Json};
use super::rules::{ARTICLE_TYPES, DATE_META, Hints, Pat, listed};
use crate::document::Meta;

/// What the page says about itself.
#[derive(Default, Debug)]
pub(super) struct PageMeta {
    pub meta: Meta,
    /// The JSON-LD `articleBody`, if any.
    pub ld_body: Option<String>,
}

/// The facts of one JSON-LD article object.
#[derive(Default, Debug)]
struct LdArticle {
    headline: Option<String>,
    body: Option<String>,
    date: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
}

pub(super) fn extract(dom: &Dom) -> PageMeta {
    let mut metas: HashMap<String, String> = HashMap::new();
    let mut title_tag = None;
    let mut h1 = None;
    let mut time = None;
    let mut rel_author = None;
    let mut byline_el = None;
    let mut ld = LdArticle::default();
    dom.walk(Dom::ROOT, |step| {
        let Step::Enter(id) = step else { return true };
        let Some(tag) = dom.tag(id) else { return true };
        match tag {
            "meta" => {
                let key = dom.attr(id, "property").or(dom.attr(id, "name")).or(dom.attr(id, "itemprop"));
                if let (Some(k), Some(v)) = (key, dom.attr(id, "content")) {
                    let v = clean(v);
                    if !v.is_empty() {
                        metas.entry(k.trim().to_ascii_lowercase()).or_insert(v);
                    }
                }
            }
            "title" if title_tag.is_none() => title_tag = Some(dom.text_of(id)),
            "h1" if h1.is_none() => h1 = Some(dom.text_of(id)),
            "time" if time.is_none() => {
                time = dom.attr(id, "datetime").map(str::to_string).or_else(|| Some(dom.text_of(id)));
            }
            "script" => {
                if dom.attr(id, "type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) {
                    let text: String = dom.children(id).filter_map(|c| dom.text(c)).collect();
                    read_json_ld(&text, &mut ld);
                }
                return false;
            }
            "template" | "style" => return false,
            _ => {}
        }
        if rel_author.is_none() && dom.attr(id, "rel").is_some_and(|r| r.split_whitespace().any(|r| r == "author")) {
            rel_author = Some(dom.text_of(id));
        }
        if dom.attr(id, "itemprop").is_some_and(|p| p == "datePublished") && !metas.contains_key("datepublished") {
            let v = dom.attr(id, "datetime").or(dom.attr(id, "content")).map(str::to_string);
            if let Some(v) = v.or_else(|| Some(dom.text_of(id))) {
                metas.insert("datepublished".into(), v);
            }
        }
        if byline_el.is_none()
            && let Some(h) = Hints::new(dom.attr(id, "class"), None)
            && (h.matches(Pat::Prefix("byline")) || h.matches(Pat::Token("author")))
        {
            let t = dom.text_of(id);
            if !t.is_empty() && t.chars().count() <= 100 {
                byline_el = Some(t);
            }
        }
        true
    });

    let get = |k: &str| metas.get(k).filter(|v| !v.is_empty()).cloned();
    let site = get("og:site_name").or(ld.publisher.clone()).or_else(|| get("application-name"));
    let title = get("og:title")
        .or_else(|| get("twitter:title"))
        .or(ld.headline.clone())
        .or(h1.filter(|h| !h.is_empty()))
        .or(title_tag.filter(|t| !t.is_empty()))
        .map(|t| strip_site(&t, site.as_deref()));
    let date = DATE_META.split('|').filter_map(get).chain(ld.date.clone()).chain(time).find_map(|d| normalize_date(&d));
    let byline = ["author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl"]
        .iter()
        .filter_map(|k| get(k))
        .find(|a| !a.starts_with("http"))
        .or(ld.author.clone())
        .or(rel_author.filter(|a| !a.is_empty()))
        .or(byline_el)
        .map(|b| strip_by(&b));
    PageMeta { meta: Meta { title, date, site, byline }, ld_body: ld.body.filter(|b| !b.trim().is_empty()) }
}

/// White space collapsed and trimmed.
fn clean(s: &str) -> String {
    let mut out = String::new();
    super::dom::push_collapsed(&mut out, s);
    out.trim().to_string()
}

fn strip_by(byline: &str) -> String {
    let b = byline.trim();
    let lower = b.to_lowercase();
    for p in ["by ", "by:", "von "] {
        if lower.starts_with(p) {
            return b[p.len()..].trim().to_string();
        }
    }
    b.to_string()
}

/// Removes a " | Site" / " - Site" suffix (or prefix) naming the site.
fn strip_site(title: &str, site: Option<&str>) -> String {
    let title = clean(title);
    let Some(site) = site.map(|s| s.trim().to_lowercase()).filter(|s| !s.is_empty()) else {
        return title;
    };
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · ", " » "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let t = tail.trim().to_lowercase();
            if !head.trim().is_empty() && (t == site || site.contains(&t) || t.contains(&site)) {
                return head.trim().to_string();
            }
        }
        if let Some((head, tail)) = title.split_once(sep) {
            let h = head.trim().to_lowercase();
            if !tail.trim().is_empty() && (h == site || site.contains(&h) || h.contains(&site)) {
                return tail.trim().to_string();
            }
        }
    }
    title
}

fn read_json_ld(text: &str, into: &mut LdArticle) {
    let text = text.trim();
    let value = match json::parse(text) {
        Some(v) => v,
        // Raw control characters inside strings are a common authoring slip.
        None => match json::parse(&text.replace(['\n', '\r', '\t'], " ")) {
            Some(v) => v,
            None => return,
        },
    };
    // Explicit stack: JSON nesting is bounded by the parser, but stay flat.
    let mut stack = vec![(&value, 0usize)];
    while let Some((v, depth)) = stack.pop() {
        match v {
            Json::Arr(items) if depth < 6 => stack.extend(items.iter().rev().map(|i| (i, depth + 1))),
            Json::Obj(_) => {
                if is_article(v) {
                    let s = |k: &str| v.get(k).and_then(Json::as_str).map(clean).filter(|s| !s.is_empty());
                    let body = v.get("articleBody").and_then(Json::as_str).map(str::to_string);
                    if into.body.is_none()
                        || body.as_ref().is_some_and(|b| b.len() > into.body.as_ref().map_or(0, String::len))
                    {
                        into.body = body.or(into.body.take());
                    }
                    let is_page = v.get("@type").and_then(Json::as_str) == Some("WebPage");
                    if into.headline.is_none() && !is_page {
                        into.headline = s("headline").or_else(|| s("name"));
                    }
                    if into.date.is_none() {
                        into.date = s("datePublished").or_else(|| s("dateCreated"));
                    }
                    if into.author.is_none() {
                        into.author = v.get("author").and_then(names);
                    }
                    if into.publisher.is_none() {
                        into.publisher = v.get("publisher").and_then(names);
                    }
                }
                if depth < 6 {
                    for key in ["@graph", "mainEntity", "mainEntityOfPage", "itemListElement"] {
                        if let Some(inner) = v.get(key) {
                            stack.push((inner, depth + 1));
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

fn is_article(v: &Json) -> bool {
    let is = |t: &Json| t.as_str().is_some_and(|t| listed(ARTICLE_TYPES, t));
    match v.get("@type") {
        Some(Json::Arr(ts)) => ts.iter().any(is),
        Some(t) => is(t),
        None => v.get("articleBody").is_some(),
    }
}

/// The name(s) in a JSON-LD person/organization value.
fn names(v: &Json) -> Option<String> {
    let list: Vec<String> = match v {
        Json::Str(s) => vec![clean(s)],
        Json::Obj(_) => v.get("name").and_then(Json::as_str).map(clean).into_iter().collect(),
        Json::Arr(items) => items.iter().take(10).filter_map(names).collect(),
        _ => vec![],
    };
    let list: Vec<String> = list.into_iter().filter(|s| !s.is_empty() && !s.starts_with("http")).collect();
    (!list.is_empty()).then(|| list.join(", "))
}

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// A date string as `YYYY-MM-DD`: ISO 8601 and its slash/dot variants,
/// compact `YYYYMMDD`, and "January 5, 2020" / "5 January 2020".
pub(super) fn normalize_date(s: &str) -> Option<String> {
    let s = s.trim();
    let valid = |y: u32, m: u32, d: u32| (1900..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d);
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(r)?;
        part.iter().all(u8::is_ascii_digit).then(|| part.iter().fold(0, |a, &c| a * 10 + u32::from(c - b'0')))
    };
    if let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10))
        && matches!(b[4], b'-' | b'/' | b'.')
        && b[7] == b[4]
        && valid(y, m, d)
    {
        return Some(format!("{y:04}-{m:02}-{d:02}"));
    }
    if let (Some(y), Some(m), Some(d)) = (num(0..4), num(4..6), num(6..8))
        && b.get(8).is_none_or(|c| !c.is_ascii_digit())
        && valid(y, m, d)
    {
        return Some(format!("{y:04}-{m:02}-{d:02}"));
    }
    // Month names: pick the month word, a 4-digit year and a 1-2 digit day.
    let lower = s.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let month =
        words.iter().find_map(|w| (w.len() >= 3).then(|| MONTHS.iter().position(|m| w.starts_with(m))).flatten())?;
    let year = words.iter().find_map(|w| (w.len() == 4).then(|| w.parse::<u32>().ok()).flatten())?;
    let day = words.iter().find_map(|w| {
        let digits = w.trim_end_matches(|c: char| c.is_alphabetic());
        (!digits.is_empty() && digits.len() <= 2).then(|| digits.parse::<u32>().ok()).flatten()
    })?;
    let m = month as u32 + 1;
    valid(year, m, day).then(|| format!("{year:04}-{m:02}-{day:02}"))
}
