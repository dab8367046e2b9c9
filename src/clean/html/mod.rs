//! Main-content extraction from an HTML page, the way Readability,
//! trafilatura, jusText and boilerpipe do it:
//!
//! 1. parse with html5ever into a small arena DOM ([`dom`]);
//! 2. read the page metadata and JSON-LD ([`meta`]);
//! 3. prune elements that are never article text, by tag and by class/id
//!    hints ([`rules`]), unless they hold most of the page's text;
//! 4. score containers Readability-style (text length, commas, link
//!    density, hints) and pick the article container plus matching
//!    siblings;
//! 5. clean the container conditionally, bottom-up (link-heavy or
//!    list-heavy boxes, short boxes);
//! 6. cut the page into blocks (paragraphs, list items, headings) and drop
//!    furniture blocks; reconcile with the JSON-LD `articleBody`.
//!
//! No step recurses on the DOM depth.

mod dom;
mod json;
mod meta;
mod rules;

use std::collections::HashSet;

use crate::document::{Block, BlockKind, Document, Removed};
use dom::{Dom, Id, Step};
use rules::{
    BLOCK_TAGS, DROP_TAGS, FURNITURE_EXACT, FURNITURE_MAX_CHARS, FURNITURE_PREFIX, Hints, Pat, SILENT_TAGS, listed,
    reason_of,
};

/// Extracts the article from an HTML page.
pub(crate) fn clean_html(html: &str) -> Document {
    let dom = Dom::parse(html);
    let page = meta::extract(&dom);
    let body = find_body(&dom);
    let mut x = Extraction::new(&dom, body);
    x.prune();
    x.stats = x.measure(&x.dropped_or_silent());
    let roots = x.choose_content();
    x.clean_conditionally(&roots, x.best);
    let mut blocks = x.linearize(&roots);
    filter_blocks(&mut blocks, page.meta.title.as_deref());
    if let Some(ld) = &page.ld_body {
        reconcile_with_json_ld(&mut blocks, ld);
    }
    assemble(blocks, page.meta)
}

fn find_body(dom: &Dom) -> Id {
    let mut body = None;
    dom.walk(Dom::ROOT, |step| {
        if let Step::Enter(id) = step
            && body.is_none()
        {
            if dom.is(id, "body") {
                body = Some(id);
            }
            return matches!(dom.tag(id), None | Some("html")) && body.is_none();
        }
        false
    });
    body.unwrap_or(Dom::ROOT)
}

/// Text measures of a subtree, counting only what is not pruned.
#[derive(Clone, Copy, Default, Debug)]
struct Stats {
    /// Non-white-space characters.
    chars: u32,
    /// Of them, inside links.
    link_chars: u32,
    commas: u32,
    /// Characters of text nodes that are direct children.
    direct_chars: u32,
    paragraphs: u32,
    list_items: u32,
    images: u32,
    inputs: u32,
    /// Whether a block-level element is a child.
    block_child: bool,
    /// Characters of paragraph (`<p>`) text outside links.
    para_chars: u32,
}

impl Stats {
    fn link_density(&self) -> f32 {
        if self.chars == 0 { 0.0 } else { self.link_chars as f32 / self.chars as f32 }
    }

    fn add(&mut self, o: &Stats) {
        self.chars += o.chars;
        self.link_chars += o.link_chars;
        self.commas += o.commas;
        self.paragraphs += o.paragraphs;
        self.list_items += o.list_items;
        self.images += o.images;
        self.inputs += o.inputs;
        self.para_chars += o.para_chars;
    }
}

/// Where a piece of text ends up.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Status {
    Keep,
    Drop(&'static str),
}

struct Extraction<'a> {
    dom: &'a Dom,
    body: Id,
    /// Why an element was dropped (set on the dropped element only).
    reason: Vec<Option<&'static str>>,
    /// Elements whose content is never page text.
    silent: Vec<bool>,
    stats: Vec<Stats>,
    score: Vec<f32>,
    scored: Vec<bool>,
    /// The best-scoring candidate container.
    best: Id,
    /// Whether a node is inside `body` (the body itself included).
    in_body: Vec<bool>,
}

fn is_block(tag: &str) -> bool {
    listed(BLOCK_TAGS, tag)
}

fn count_text(s: &str) -> (u32, u32) {
    let mut chars = 0;
    let mut commas = 0;
    for c in s.chars() {
        if !c.is_whitespace() {
            chars += 1;
            if matches!(c, ',' | '،' | '、' | '，') {
                commas += 1;
            }
        }
    }
    (chars, commas)
}

impl<'a> Extraction<'a> {
    fn new(dom: &'a Dom, body: Id) -> Self {
        let n = dom.nodes.len();
        let mut x = Extraction {
            dom,
            body,
            reason: vec![None; n],
            silent: vec![false; n],
            stats: Vec::new(),
            score: vec![0.0; n],
            scored: vec![false; n],
            best: body,
            in_body: vec![false; n],
        };
        dom.walk(body, |step| {
            if let Step::Enter(id) = step {
                x.in_body[id] = true;
            }
            true
        });
        dom.walk(Dom::ROOT, |step| {
            if let Step::Enter(id) = step
                && let Some(tag) = dom.tag(id)
                && (listed(SILENT_TAGS, tag) || is_hidden(dom, id))
            {
                x.silent[id] = true;
                return false;
            }
            true
        });
        x.stats = x.measure(&x.silent.clone());
        x
    }

    fn dropped_or_silent(&self) -> Vec<bool> {
        self.silent.iter().zip(&self.reason).map(|(s, r)| *s || r.is_some()).collect()
    }

    /// Measures every subtree, skipping `skip`ped elements (images are
    /// still counted).
    fn measure(&self, skip: &[bool]) -> Vec<Stats> {
        let dom = self.dom;
        let mut stats = vec![Stats::default(); dom.nodes.len()];
        dom.walk(Dom::ROOT, |step| match step {
            Step::Enter(id) => {
                if skip[id] {
                    if matches!(dom.tag(id), Some("img" | "picture" | "video")) {
                        stats[id].images = 1;
                    }
                    if matches!(dom.tag(id), Some("input" | "textarea" | "select")) {
                        stats[id].inputs = 1;
                    }
                    return false;
                }
                if let Some(t) = dom.text(id) {
                    let (chars, commas) = count_text(t);
                    stats[id].chars = chars;
                    stats[id].commas = commas;
                }
                true
            }
            Step::Leave(id) => {
                let Some(parent) = dom.parent(id) else {
                    return true;
                };
                let mut s = stats[id];
                match dom.tag(id) {
                    Some("a") if !skip[id] => s.link_chars = s.chars,
                    Some("p") if !skip[id] => s.paragraphs += 1,
                    Some("li") if !skip[id] => s.list_items += 1,
                    _ => {}
                }
                // Paragraph text: `<p>`s and text-only boxes, outside links.
                if !skip[id]
                    && (dom.is(id, "p")
                        || (matches!(dom.tag(id), Some("div" | "section" | "pre" | "blockquote" | "td"))
                            && !s.block_child
                            && s.direct_chars > 0))
                {
                    s.para_chars = s.chars - s.link_chars.min(s.chars);
                }
                stats[id] = s;
                if dom.text(id).is_some() {
                    stats[parent].direct_chars += s.chars;
                }
                if !skip[id] && dom.tag(id).is_some_and(is_block) {
                    stats[parent].block_child = true;
                }
                stats[parent].add(&s);
                true
            }
        });
        stats
    }

    /// Whether dropping `id` would lose most of the page's text: then a
    /// misleading class name or wrapper tag is not trusted.
    fn holds_the_article(&self, id: Id) -> bool {
        let total = self.stats[self.body].para_chars as f32;
        let s = &self.stats[id];
        total > 300.0 && s.para_chars as f32 > 0.5 * total
    }

    /// Step 3: marks boilerplate elements with their reason.
    fn prune(&mut self) {
        let dom = self.dom;
        let mut reason = std::mem::take(&mut self.reason);
        let mut in_article = 0usize;
        dom.walk(self.body, |step| {
            let id = match step {
                Step::Enter(id) => id,
                Step::Leave(id) => {
                    if matches!(dom.tag(id), Some("article" | "main")) || is_article_body(dom, id) {
                        in_article = in_article.saturating_sub(1);
                    }
                    return true;
                }
            };
            let Some(tag) = dom.tag(id) else { return true };
            if self.silent[id] {
                return false;
            }
            let why = self.drop_reason(id, tag, in_article > 0);
            if let Some(why) = why
                && !self.holds_the_article(id)
            {
                reason[id] = Some(why);
                return false;
            }
            if matches!(tag, "article" | "main") || is_article_body(dom, id) {
                in_article += 1;
            }
            true
        });
        self.reason = reason;
    }

    fn drop_reason(&self, id: Id, tag: &str, in_article: bool) -> Option<&'static str> {
        let dom = self.dom;
        if let Some(why) = reason_of(DROP_TAGS, |t| t == tag) {
            return Some(why);
        }
        if tag == "header" && !in_article {
            return Some("header");
        }
        if matches!(tag, "html" | "body" | "main") || is_article_body(dom, id) {
            return None;
        }
        if let Some(role) = dom.attr(id, "role") {
            match role.trim() {
                "navigation" | "menu" | "menubar" => return Some("navigation"),
                "complementary" => return Some("sidebar"),
                "contentinfo" => return Some("footer"),
                "banner" if !in_article => return Some("header"),
                "dialog" | "alertdialog" => return Some("popup"),
                _ => {}
            }
        }
        let hints = Hints::new(dom.attr(id, "class"), dom.attr(id, "id"))?;
        // Embedded posts (tweets, videos) inside a story are part of it.
        if hints.matches(Pat::Within("embed")) {
            return None;
        }
        let (why, strong) = hints.negative()?;
        if !strong && (hints.positive() || tag == "article") {
            return None;
        }
        Some(why)
    }

    /// Class/id weight, as Readability: ±25.
    fn class_weight(&self, id: Id) -> f32 {
        let Some(h) = Hints::new(self.dom.attr(id, "class"), self.dom.attr(id, "id")) else {
            return 0.0;
        };
        let mut w = 0.0;
        if h.negative().is_some() {
            w -= 25.0;
        }
        if h.positive() {
            w += 25.0;
        }
        w
    }

    fn init_score(&mut self, id: Id) {
        if self.scored[id] {
            return;
        }
        self.scored[id] = true;
        let base = match self.dom.tag(id) {
            Some("div" | "article" | "section") => 5.0,
            Some("pre" | "td" | "blockquote") => 3.0,
            Some("address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form") => -3.0,
            Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th") => -5.0,
            _ => 0.0,
        };
        let semantic = if is_article_body(self.dom, id) {
            30.0
        } else if self.dom.is(id, "article") {
            10.0
        } else {
            0.0
        };
        self.score[id] = base + semantic + self.class_weight(id);
    }

    /// Step 4: the elements that hold the article, in document order.
    fn choose_content(&mut self) -> Vec<Id> {
        let dom = self.dom;
        let skip = self.dropped_or_silent();
        let mut paragraphs = Vec::new();
        dom.walk(self.body, |step| {
            let Step::Enter(id) = step else { return true };
            if skip[id] {
                return false;
            }
            let Some(tag) = dom.tag(id) else { return true };
            let s = &self.stats[id];
            let leaf = matches!(tag, "p" | "pre" | "td")
                || (matches!(tag, "div" | "section" | "article" | "span" | "font" | "center") && !s.block_child);
            if leaf && s.chars >= 25 {
                paragraphs.push((id, s.chars, s.commas, false));
                return tag != "td";
            }
            if s.direct_chars >= 25 && matches!(tag, "div" | "section" | "article" | "main" | "body" | "blockquote") {
                paragraphs.push((id, s.direct_chars, s.commas, true));
            }
            true
        });
        for (id, chars, commas, is_self) in paragraphs {
            let score = 1.0 + commas as f32 + (chars as f32 / 100.0).floor().min(3.0);
            let mut node = if is_self { Some(id) } else { dom.parent(id) };
            for level in 0..5 {
                let Some(a) = node else { break };
                if !self.in_body[a] || dom.tag(a).is_none() {
                    break;
                }
                self.init_score(a);
                let div = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f32 * 3.0,
                };
                self.score[a] += score / div;
                node = dom.parent(a);
            }
        }
        let mut candidates: Vec<Id> = (0..dom.nodes.len()).filter(|&i| self.scored[i]).collect();
        for &c in &candidates {
            self.score[c] *= 1.0 - self.stats[c].link_density();
        }
        crate::sort::sort_by(&mut candidates, |a, b| self.score[*b].total_cmp(&self.score[*a]));
        let Some(&first) = candidates.first() else {
            return vec![self.body];
        };
        self.best = first;
        let mut top = first;
        let top_score = self.score[top];

        // Readability: when several near-best candidates share an ancestor,
        // the article is that ancestor.
        let near: Vec<Id> =
            candidates.iter().skip(1).take(4).copied().filter(|&c| self.score[c] >= 0.75 * top_score).collect();
        if near.len() >= 2 {
            let mut holds_near = vec![0u8; dom.nodes.len()];
            for &c in &near {
                let mut a = Some(c);
                while let Some(id) = a {
                    holds_near[id] += 1;
                    a = dom.parent(id);
                }
            }
            let mut a = dom.parent(top);
            while let Some(p) = a {
                if p == self.body || !self.in_body[p] {
                    break;
                }
                if holds_near[p] >= 2 {
                    top = p;
                    break;
                }
                a = dom.parent(p);
            }
        }
        // Climb while the parent scores better.
        let mut last = self.score[top];
        let threshold = last / 3.0;
        let mut a = dom.parent(top);
        while let Some(p) = a {
            if p == self.body || !self.in_body[p] {
                break;
            }
            if self.scored[p] {
                if self.score[p] < threshold {
                    break;
                }
                if self.score[p] > last {
                    top = p;
                    break;
                }
                last = self.score[p];
            }
            a = dom.parent(p);
        }
        // An only child stands for its parent.
        while let Some(p) = dom.parent(top) {
            if p == self.body || !self.in_body[p] {
                break;
            }
            if dom.children(p).filter(|&c| dom.tag(c).is_some() && !skip[c]).count() != 1 {
                break;
            }
            top = p;
        }
        if top == self.body {
            return vec![top];
        }
        // Siblings that look like more of the article.
        let top_score = self.score[top].max(self.score[first]);
        let threshold = (top_score * 0.2).max(10.0);
        let top_class = dom.attr(top, "class").unwrap_or("");
        let Some(parent) = dom.parent(top) else {
            return vec![top];
        };
        let mut roots = Vec::new();
        for s in dom.children(parent) {
            if s == top {
                roots.push(s);
                continue;
            }
            if skip[s] || dom.tag(s).is_none() {
                continue;
            }
            let st = &self.stats[s];
            let bonus =
                if !top_class.is_empty() && dom.attr(s, "class") == Some(top_class) { top_score * 0.2 } else { 0.0 };
            let good = (self.scored[s] && self.score[s] + bonus >= threshold)
                || (dom.is(s, "p") && st.link_density() < 0.25 && st.chars > 80)
                || (bonus > 0.0 && st.link_density() < 0.3 && st.para_chars >= 100)
                || (dom.is(s, "p") && st.chars > 0 && st.link_density() == 0.0 && {
                    let t = dom.text_of(s);
                    t.ends_with('.') || t.ends_with(". ")
                });
            if good {
                roots.push(s);
            }
        }
        roots
    }

    /// Step 5: Readability's conditional cleaning of boxes in the content,
    /// bottom-up with live measures.
    fn clean_conditionally(&mut self, roots: &[Id], best: Id) {
        let dom = self.dom;
        let mut holds_best = vec![false; dom.nodes.len()];
        let mut a = Some(best);
        while let Some(id) = a {
            holds_best[id] = true;
            a = dom.parent(id);
        }
        for &root in roots {
            let mut live: std::collections::HashMap<Id, Stats> = std::collections::HashMap::new();
            let skip = self.dropped_or_silent();
            let mut dropped: Vec<(Id, &'static str)> = Vec::new();
            dom.walk(root, |step| match step {
                Step::Enter(id) => {
                    if skip[id] && id != root {
                        let mut s = Stats::default();
                        if matches!(dom.tag(id), Some("img" | "picture" | "video")) {
                            s.images = 1;
                        }
                        if matches!(dom.tag(id), Some("input" | "textarea" | "select")) {
                            s.inputs = 1;
                        }
                        live.insert(id, s);
                        return false;
                    }
                    let mut s = Stats::default();
                    if let Some(t) = dom.text(id) {
                        let (chars, commas) = count_text(t);
                        s.chars = chars;
                        s.commas = commas;
                    }
                    live.insert(id, s);
                    true
                }
                Step::Leave(id) => {
                    let mut s = live.remove(&id).unwrap_or_default();
                    match dom.tag(id) {
                        Some("a") => s.link_chars = s.chars,
                        Some("p") => s.paragraphs += 1,
                        Some("li") => s.list_items += 1,
                        _ => {}
                    }
                    let drop = if id == root || skip[id] || self.holds_the_article(id) || holds_best[id] {
                        None
                    } else {
                        self.conditional(id, &s)
                    };
                    if let Some(why) = drop {
                        dropped.push((id, why));
                    } else if id != root
                        && let Some(p) = dom.parent(id)
                        && let Some(ps) = live.get_mut(&p)
                    {
                        ps.add(&s);
                    }
                    true
                }
            });
            for (id, why) in dropped {
                self.reason[id] = Some(why);
            }
        }
    }

    fn conditional(&self, id: Id, s: &Stats) -> Option<&'static str> {
        let tag = self.dom.tag(id)?;
        if !matches!(tag, "div" | "section" | "ul" | "ol" | "table" | "dl" | "center") {
            return None;
        }
        let weight = self.class_weight(id);
        if weight + if self.scored[id] { self.score[id] } else { 0.0 } < 0.0 {
            return Some(self.hint_reason(id).unwrap_or("low-text-density"));
        }
        if s.commas >= 10 {
            return None;
        }
        let p = s.paragraphs as f32;
        let li = s.list_items as f32 - 100.0;
        let ld = s.link_density();
        let is_list = matches!(tag, "ul" | "ol");
        if s.images > 1 && p / (s.images as f32) < 0.5 && s.chars < 200 {
            return Some("caption");
        }
        if !is_list && li > p {
            return Some("high-link-density");
        }
        if s.inputs as f32 > (p / 3.0).floor() && s.inputs > 0 {
            return Some("form");
        }
        if s.chars < 25 && (s.images == 0 || s.images > 2) && s.chars > 0 {
            return Some("low-text-density");
        }
        if weight < 25.0 && ld > 0.2 && !(is_list && ld < 0.5) {
            return Some(self.hint_reason(id).unwrap_or("high-link-density"));
        }
        if weight >= 25.0 && ld > 0.5 {
            return Some("high-link-density");
        }
        if is_list && ld > 0.5 {
            return Some("high-link-density");
        }
        None
    }

    fn hint_reason(&self, id: Id) -> Option<&'static str> {
        Hints::new(self.dom.attr(id, "class"), self.dom.attr(id, "id"))?.negative().map(|(r, _)| r)
    }

    /// Step 6: the page as blocks, each kept or dropped with a reason.
    fn linearize(&self, roots: &[Id]) -> Vec<RawBlock> {
        let dom = self.dom;
        let roots: HashSet<Id> = roots.iter().copied().collect();
        let mut out = Lines::default();
        let mut status: Vec<Status> = vec![Status::Drop("outside-article")];
        let mut kinds: Vec<(BlockKind, bool)> = vec![(BlockKind::Paragraph, false)];
        let mut links = 0usize;
        dom.walk(self.body, |step| match step {
            Step::Enter(id) => {
                if self.silent[id] {
                    return false;
                }
                if let Some(t) = dom.text(id) {
                    let st = *status.last().unwrap_or(&Status::Keep);
                    let (kind, h1) = *kinds.last().unwrap_or(&(BlockKind::Paragraph, false));
                    out.push_text(t, st, kind, h1, links > 0);
                    return false;
                }
                let Some(tag) = dom.tag(id) else { return true };
                let parent_status = *status.last().unwrap_or(&Status::Keep);
                let st = match (self.reason[id], parent_status) {
                    (_, Status::Drop(r)) if r != "outside-article" => parent_status,
                    (Some(r), _) => Status::Drop(r),
                    _ if roots.contains(&id) => Status::Keep,
                    _ => parent_status,
                };
                status.push(st);
                if tag == "br" {
                    out.br();
                } else if is_block(tag) || tag == "br" {
                    out.flush();
                }
                let top = *kinds.last().unwrap_or(&(BlockKind::Paragraph, false));
                kinds.push(match tag {
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => (BlockKind::Heading, tag == "h1"),
                    "li" | "dt" | "dd" => (BlockKind::ListItem, false),
                    _ => top,
                });
                if tag == "a" {
                    links += 1;
                }
                true
            }
            Step::Leave(id) => {
                if self.silent[id] || dom.text(id).is_some() {
                    return true;
                }
                if let Some(tag) = dom.tag(id) {
                    status.pop();
                    kinds.pop();
                    if tag == "a" {
                        links = links.saturating_sub(1);
                    }
                    if is_block(tag) {
                        out.flush();
                    }
                }
                true
            }
        });
        out.flush();
        out.blocks
    }
}

fn is_article_body(dom: &Dom, id: Id) -> bool {
    dom.attr(id, "itemprop").is_some_and(|p| p.split_whitespace().any(|p| p == "articleBody"))
}

fn is_hidden(dom: &Dom, id: Id) -> bool {
    if dom.attr(id, "hidden").is_some() || dom.attr(id, "aria-hidden").is_some_and(|v| v.trim() == "true") {
        return true;
    }
    dom.attr(id, "style").is_some_and(|s| {
        let s: String = s.chars().take(300).filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// A block as cut from the page, before assembly.
#[derive(Debug, Clone)]
struct RawBlock {
    text: String,
    link_chars: usize,
    status: Status,
    kind: BlockKind,
    h1: bool,
}

/// Builds blocks from text runs.
#[derive(Default)]
struct Lines {
    blocks: Vec<RawBlock>,
    cur: Option<RawBlock>,
    /// A `<br>` was the last thing in the current block.
    after_br: bool,
}

impl Lines {
    fn push_text(&mut self, t: &str, status: Status, kind: BlockKind, h1: bool, in_link: bool) {
        if t.trim().is_empty() {
            if let Some(c) = &mut self.cur
                && !c.text.is_empty()
            {
                dom::push_collapsed(&mut c.text, " ");
            }
            return;
        }
        if self.cur.as_ref().is_some_and(|c| c.status != status) {
            self.flush();
        }
        self.after_br = false;
        let cur = self.cur.get_or_insert_with(|| RawBlock { text: String::new(), link_chars: 0, status, kind, h1 });
        let before = cur.text.chars().count();
        dom::push_collapsed(&mut cur.text, t);
        if in_link {
            cur.link_chars += cur.text.chars().count() - before;
        }
    }

    fn br(&mut self) {
        if self.after_br {
            self.flush();
        } else if let Some(c) = &mut self.cur {
            dom::push_collapsed(&mut c.text, " ");
            self.after_br = true;
        }
    }

    fn flush(&mut self) {
        self.after_br = false;
        if let Some(mut b) = self.cur.take() {
            let trimmed = b.text.trim();
            if !trimmed.is_empty() {
                b.text = trimmed.to_string();
                self.blocks.push(b);
            }
        }
    }
}

fn normalized(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Drops furniture blocks and the headline from the kept blocks.
fn filter_blocks(blocks: &mut [RawBlock], title: Option<&str>) {
    let title = title.map(normalized).filter(|t| !t.is_empty());
    let mut seen_text = false;
    for b in blocks.iter_mut() {
        if b.status != Status::Keep {
            continue;
        }
        let chars = b.text.chars().count();
        let lower = b.text.to_lowercase();
        let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
        let why = if b.kind == BlockKind::Heading && (b.h1 || title.as_deref() == Some(&normalized(&b.text))) {
            Some("title")
        } else if let Some(r) = reason_of(FURNITURE_EXACT, |t| t == bare) {
            Some(r)
        } else if chars < FURNITURE_MAX_CHARS
            && let Some(r) = reason_of(FURNITURE_PREFIX, |p| lower.starts_with(p))
            && (r != "byline" || !seen_text)
        {
            Some(r)
        } else if b.link_chars as f32 > 0.5 * chars as f32 && chars - b.link_chars.min(chars) < 60 {
            Some("high-link-density")
        } else {
            None
        };
        match why {
            Some(r) => b.status = Status::Drop(r),
            None => seen_text |= b.kind == BlockKind::Paragraph && chars > 100,
        }
    }
}

fn shingles(text: &str) -> HashSet<[u64; 1]> {
    use std::hash::{Hash, Hasher};
    let words: Vec<String> =
        text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    let mut out = HashSet::new();
    for w in words.windows(4.min(words.len().max(1))) {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        w.hash(&mut h);
        out.insert([h.finish()]);
    }
    out
}

/// Uses the JSON-LD `articleBody` as a second opinion: when it covers
/// what was kept, kept blocks it does not contain at all are dropped; when
/// the extraction found little of a long `articleBody`, the `articleBody`
/// itself is used.
fn reconcile_with_json_ld(blocks: &mut Vec<RawBlock>, ld: &str) {
    let ld_sh = shingles(ld);
    if ld_sh.len() < 40 {
        return;
    }
    let kept: String = blocks
        .iter()
        .filter(|b| b.status == Status::Keep && b.kind != BlockKind::Heading)
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let ours = shingles(&kept);
    let common = ours.intersection(&ld_sh).count() as f32;
    let precision = common / ours.len().max(1) as f32;
    let recall = common / ld_sh.len() as f32;
    if precision >= 0.7 && recall >= 0.5 {
        for b in blocks.iter_mut().filter(|b| b.status == Status::Keep && b.kind != BlockKind::Heading) {
            let sh = shingles(&b.text);
            if sh.len() >= 3 && sh.intersection(&ld_sh).count() == 0 {
                b.status = Status::Drop("outside-article");
            }
        }
    } else if recall < 0.3 && ld_sh.len() > ours.len() {
        for b in blocks.iter_mut().filter(|b| b.status == Status::Keep && b.kind != BlockKind::Heading) {
            b.status = Status::Drop("outside-article");
        }
        let mut text = String::new();
        for para in ld.split('\n') {
            text.clear();
            dom::push_collapsed(&mut text, para);
            let t = text.trim();
            if !t.is_empty() {
                blocks.push(RawBlock {
                    text: t.to_string(),
                    link_chars: 0,
                    status: Status::Keep,
                    kind: BlockKind::Paragraph,
                    h1: false,
                });
            }
        }
    }
}

fn assemble(blocks: Vec<RawBlock>, mut meta: crate::document::Meta) -> Document {
    let mut doc = Document::default();
    let push = |doc: &mut Document, text: &str, kind: BlockKind| {
        if !doc.text.is_empty() {
            doc.text.push_str("\n\n");
        }
        let start = doc.text.len();
        doc.text.push_str(text);
        doc.blocks.push(Block { range: start..doc.text.len(), kind });
    };
    if meta.title.is_none() {
        meta.title = blocks.iter().find(|b| b.h1).map(|b| b.text.clone());
    }
    if let Some(title) = meta.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        push(&mut doc, title, BlockKind::Heading);
    }
    for b in blocks {
        match b.status {
            Status::Keep => push(&mut doc, &b.text, b.kind),
            Status::Drop(reason) => doc.removed.push(Removed { text: b.text, reason }),
        }
    }
    doc.meta = meta;
    doc
}

#[cfg(test)]
mod tests;
