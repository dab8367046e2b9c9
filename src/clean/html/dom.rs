//! A small arena DOM built from the html5gum tokenizer, and walks over it
//! that use no recursion (pages can nest elements 100,000 deep).
//!
//! html5gum implements the WHATWG tokenizer (entities, raw text of script
//! and style, comments, CDATA, every error recovery). The tree is built by
//! a compact subset of the WHATWG tree-construction rules that decide where
//! text ends up: void elements, implied end tags (`p`, `li`, `dd`/`dt`,
//! headings, table cells and rows, `option`, nested `a`), end tags matched
//! against the stack of open elements, a single `html`/`head`/`body`.
//! It leaves out what does not change the text of a page: foster
//! parenting of misplaced table content and the adoption agency's cloning
//! of formatting elements. (html5ever, the complete tree builder, costs
//! about 150 KB of gzipped WebAssembly; this costs about 50 KB.)

use html5gum::{DefaultEmitter, Token, Tokenizer};

/// Index of a node in [`Dom::nodes`].
pub(super) type Id = usize;
const NONE: usize = usize::MAX;

pub(super) struct Node {
    parent: usize,
    prev: usize,
    next: usize,
    first: usize,
    last: usize,
    pub data: Data,
}

pub(super) enum Data {
    Document,
    /// An element: lower-case tag name and attributes (name, value).
    Element {
        name: String,
        attrs: Vec<(String, String)>,
    },
    Text(String),
}

/// A parsed page.
pub(super) struct Dom {
    pub nodes: Vec<Node>,
}

/// One step of a walk: entering a node (before its children) or leaving it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Step {
    Enter(Id),
    Leave(Id),
}

impl Dom {
    pub fn parse(html: &str) -> Dom {
        let mut b = Builder {
            nodes: vec![Node::new(Data::Document)],
            stack: Vec::new(),
            html: None,
            body: None,
            open: [0; TRACKED.len()],
        };
        let mut emitter = DefaultEmitter::default();
        emitter.naively_switch_states(true);
        for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
            match token {
                Token::StartTag(tag) => {
                    let name = String::from_utf8_lossy(&tag.name).into_owned();
                    let attrs = tag
                        .attributes
                        .into_iter()
                        .map(|(k, v)| {
                            (String::from_utf8_lossy(&k).into_owned(), String::from_utf8_lossy(&v).into_owned())
                        })
                        .collect();
                    b.start(name, attrs, tag.self_closing);
                }
                Token::EndTag(tag) => b.end(&String::from_utf8_lossy(&tag.name)),
                Token::String(text) => b.text(&String::from_utf8_lossy(&text)),
                _ => {}
            }
        }
        Dom { nodes: b.nodes }
    }

    pub const ROOT: Id = 0;

    pub fn parent(&self, id: Id) -> Option<Id> {
        some(self.nodes[id].parent)
    }

    pub fn children(&self, id: Id) -> impl Iterator<Item = Id> + '_ {
        let mut cur = self.nodes[id].first;
        std::iter::from_fn(move || {
            let this = some(cur)?;
            cur = self.nodes[this].next;
            Some(this)
        })
    }

    /// The lower-case local name of an element (HTML, SVG or MathML).
    pub fn tag(&self, id: Id) -> Option<&str> {
        match &self.nodes[id].data {
            Data::Element { name, .. } => Some(name),
            _ => None,
        }
    }

    pub fn is(&self, id: Id, tag: &str) -> bool {
        self.tag(id) == Some(tag)
    }

    pub fn attr(&self, id: Id, attr: &str) -> Option<&str> {
        match &self.nodes[id].data {
            Data::Element { attrs, .. } => attrs.iter().find(|(k, _)| k == attr).map(|(_, v)| v.as_str()),
            _ => None,
        }
    }

    pub fn text(&self, id: Id) -> Option<&str> {
        match &self.nodes[id].data {
            Data::Text(t) => Some(t),
            _ => None,
        }
    }

    /// Walks the subtree of `root` in document order. `visit` returns
    /// whether to go into the children of an entered node; every entered
    /// node is also left.
    pub fn walk(&self, root: Id, mut visit: impl FnMut(Step) -> bool) {
        let mut cur = root;
        loop {
            if visit(Step::Enter(cur)) && self.nodes[cur].first != NONE {
                cur = self.nodes[cur].first;
                continue;
            }
            loop {
                visit(Step::Leave(cur));
                if cur == root {
                    return;
                }
                if self.nodes[cur].next != NONE {
                    cur = self.nodes[cur].next;
                    break;
                }
                cur = self.nodes[cur].parent;
                if cur == NONE {
                    return;
                }
            }
        }
    }

    /// All text of a subtree, white space collapsed.
    pub fn text_of(&self, root: Id) -> String {
        let mut out = String::new();
        self.walk(root, |step| {
            if let Step::Enter(id) = step {
                if let Some(t) = self.text(id) {
                    push_collapsed(&mut out, t);
                }
                return !matches!(self.tag(id), Some("script" | "style" | "template" | "noscript"));
            }
            true
        });
        out.trim().to_string()
    }
}

/// Appends `text` to `out` with white-space runs collapsed to one space.
pub(super) fn push_collapsed(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

fn some(i: usize) -> Option<usize> {
    (i != NONE).then_some(i)
}

impl Node {
    fn new(data: Data) -> Node {
        Node { parent: NONE, prev: NONE, next: NONE, first: NONE, last: NONE, data }
    }
}

/// Elements that have no content and no end tag.
const VOID: &str = "area|base|br|col|embed|hr|img|input|keygen|link|meta|param|source|track|wbr|basefont|bgsound|frame";

/// Start tags that close an open `<p>`.
const CLOSES_P: &str = "address|article|aside|blockquote|center|details|dialog|dir|div|dl|fieldset|figcaption|figure|footer|form|h1|h2|h3|h4|h5|h6|header|hgroup|hr|li|main|menu|nav|ol|p|pre|section|summary|table|ul|dd|dt|listing|xmp|plaintext";

const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

/// How far down the stack of open elements an end tag is looked for: a
/// stray end tag on a hostile, deeply nested page must not cost the whole
/// depth every time.
const END_TAG_SEARCH: usize = 512;

/// The tree builder.
struct Builder {
    nodes: Vec<Node>,
    /// Open elements, outermost first.
    stack: Vec<usize>,
    html: Option<usize>,
    body: Option<usize>,
    /// How many elements of each [`TRACKED`] name are open, so that the
    /// implied end tags need not search the stack when none is.
    open: [u32; TRACKED.len()],
}

/// Elements that a later start tag can close implicitly.
const TRACKED: [&str; 11] = ["p", "li", "dd", "dt", "tr", "td", "th", "tbody", "thead", "tfoot", "option"];

impl Builder {
    fn current(&self) -> usize {
        self.stack.last().copied().unwrap_or(0)
    }

    fn tag_at(&self, id: usize) -> &str {
        match &self.nodes[id].data {
            Data::Element { name, .. } => name,
            _ => "",
        }
    }

    fn append(&mut self, data: Data) -> usize {
        let parent = self.current();
        let id = self.nodes.len();
        let mut node = Node::new(data);
        node.parent = parent;
        node.prev = self.nodes[parent].last;
        self.nodes.push(node);
        match self.nodes[parent].last {
            NONE => self.nodes[parent].first = id,
            last => self.nodes[last].next = id,
        }
        self.nodes[parent].last = id;
        id
    }

    /// Position in the stack of the nearest open `name`, looking no further
    /// than an element of `boundary`.
    fn find_open(&self, names: &[&str], boundary: &[&str]) -> Option<usize> {
        for (i, &id) in self.stack.iter().enumerate().rev().take(END_TAG_SEARCH) {
            let tag = self.tag_at(id);
            if names.contains(&tag) {
                return Some(i);
            }
            if boundary.contains(&tag) {
                return None;
            }
        }
        None
    }

    fn close(&mut self, names: &[&str], boundary: &[&str]) {
        let tracked = names.iter().all(|n| TRACKED.contains(n));
        if tracked && names.iter().all(|n| self.open[tracked_index(n)] == 0) {
            return;
        }
        if let Some(i) = self.find_open(names, boundary) {
            self.truncate(i);
        }
    }

    fn push_open(&mut self, id: usize) {
        if let Some(i) = TRACKED.iter().position(|t| *t == self.tag_at(id)) {
            self.open[i] += 1;
        }
        self.stack.push(id);
    }

    fn truncate(&mut self, len: usize) {
        while self.stack.len() > len {
            if let Some(id) = self.stack.pop()
                && let Some(i) = TRACKED.iter().position(|t| *t == self.tag_at(id))
            {
                self.open[i] -= 1;
            }
        }
    }

    /// Creates the `html` and `body` a page left out, as browsers do.
    fn ensure_body(&mut self) {
        if self.body.is_some() {
            return;
        }
        if self.html.is_none() {
            self.truncate(0);
            let id = self.append(Data::Element { name: "html".into(), attrs: Vec::new() });
            self.html = Some(id);
            self.stack.push(id);
        }
        self.truncate(usize::from(self.html.is_some() && self.stack.first() == self.html.as_ref()));
        let id = self.append(Data::Element { name: "body".into(), attrs: Vec::new() });
        self.body = Some(id);
        self.stack.push(id);
    }

    fn start(&mut self, name: String, attrs: Vec<(String, String)>, self_closing: bool) {
        const HEAD: &[&str] =
            &["html", "head", "body", "meta", "title", "link", "script", "style", "base", "noscript", "template"];
        if self.body.is_none() && !HEAD.contains(&name.as_str()) {
            self.ensure_body();
        }
        const SCOPE: &[&str] = &["table", "td", "th", "caption", "button", "html", "template", "object", "marquee"];
        match name.as_str() {
            "html" => {
                if self.html.is_none() && self.stack.is_empty() {
                    let id = self.append(Data::Element { name, attrs });
                    self.html = Some(id);
                    self.stack.push(id);
                }
                return;
            }
            "body" | "head" if self.body.is_some() => return,
            "body" => {
                // Whatever head content is still open ends here.
                self.truncate(usize::from(self.html.is_some() && self.stack.first() == self.html.as_ref()));
            }
            "li" => self.close(&["li"], &["ul", "ol", "menu", "table", "body", "html"]),
            "dd" | "dt" => self.close(&["dd", "dt"], &["dl", "table", "body", "html"]),
            "tr" => self.close(&["tr"], &["table", "tbody", "thead", "tfoot", "html"]),
            "td" | "th" => self.close(&["td", "th"], &["tr", "table", "html"]),
            "tbody" | "thead" | "tfoot" => self.close(&["tbody", "thead", "tfoot"], &["table", "html"]),
            "option" | "optgroup" => self.close(&["option"], &["select", "datalist", "html"]),
            "a" => self.close(&["a"], SCOPE),
            _ => {}
        }
        if super::rules::listed(CLOSES_P, &name) {
            self.close(&["p"], SCOPE);
        }
        if HEADINGS.contains(&name.as_str()) && HEADINGS.contains(&self.tag_at(self.current())) {
            self.truncate(self.stack.len() - 1);
        }
        let void = super::rules::listed(VOID, &name)
            || (self_closing && self.stack.iter().rev().take(64).any(|&id| matches!(self.tag_at(id), "svg" | "math")));
        let is_body = name == "body";
        let id = self.append(Data::Element { name, attrs });
        if is_body {
            self.body = Some(id);
        }
        if !void {
            self.push_open(id);
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "html" | "body" | "head" => {}
            "br" => self.start("br".to_string(), Vec::new(), false),
            "p" if self.find_open(&["p"], &["table", "td", "th", "html", "button"]).is_none() => {}
            _ => self.close(&[name], &[]),
        }
    }

    fn text(&mut self, text: &str) {
        if self.body.is_none()
            && !text.trim().is_empty()
            && !matches!(self.tag_at(self.current()), "title" | "script" | "style" | "noscript" | "template")
        {
            self.ensure_body();
        }
        let parent = self.current();
        let last = self.nodes[parent].last;
        if last != NONE
            && let Data::Text(t) = &mut self.nodes[last].data
        {
            t.push_str(text);
            return;
        }
        self.append(Data::Text(text.to_string()));
    }
}

fn tracked_index(name: &str) -> usize {
    TRACKED.iter().position(|t| *t == name).unwrap_or(0)
}
