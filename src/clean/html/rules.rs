//! The extraction rules as data: which tags and which class/id hints mark
//! boilerplate, which mark article content, and which short texts are
//! page furniture. Everything site-independent; the tables follow the
//! patterns of Readability, trafilatura, jusText and boilerpipe.
//!
//! Lists of words are single `|`-separated strings, read with [`listed`],
//! and the tables with a reason hold each reason once with its words: an
//! array of `&str` costs the .wasm a pointer and a length per entry (the
//! phrase rules' 336 phrases as strings saved 1 KB gzipped).

/// Elements whose content is never text of the page (not reported).
pub(super) const SILENT_TAGS: &str = "script|style|noscript|template|svg|math|iframe|object|embed|canvas|video|audio|picture|img|head|link|meta|map|source|track|dialog";

/// Elements dropped with everything in them: the reason reported, then the
/// tags.
pub(super) const DROP_TAGS: &[(&str, &str)] = &[
    ("navigation", "nav|menu"),
    ("sidebar", "aside"),
    ("form", "form|button|select|input|textarea|label|fieldset"),
    ("caption", "figcaption|figure"),
    ("footer", "footer"),
    ("byline", "address"),
];

/// How a class/id pattern matches the lower-cased tokens of class and id
/// (tokens are runs of letters and digits).
#[derive(Clone, Copy)]
pub(super) enum Pat {
    /// A token equals the pattern.
    Token(&'static str),
    /// A token starts with the pattern.
    Prefix(&'static str),
    /// The pattern occurs anywhere in the class/id string.
    Within(&'static str),
}

/// Negative class/id hints: the element is boilerplate. `true` marks hints
/// so strong that a positive hint on the same element does not save it.
pub(super) const NEGATIVE_HINTS: &[(Pat, &str, bool)] = &[
    (Pat::Prefix("comment"), "comments", true),
    (Pat::Within("disqus"), "comments", true),
    (Pat::Prefix("replies"), "comments", false),
    (Pat::Within("related"), "related", true),
    (Pat::Within("recommend"), "related", true),
    (Pat::Within("readmore"), "related", true),
    (Pat::Within("read-more"), "related", true),
    (Pat::Within("morestories"), "related", true),
    (Pat::Within("more-stories"), "related", true),
    (Pat::Within("mostpopular"), "related", true),
    (Pat::Within("most-popular"), "related", true),
    (Pat::Within("most-read"), "related", true),
    (Pat::Within("mostread"), "related", true),
    (Pat::Prefix("trending"), "related", true),
    (Pat::Within("outbrain"), "related", true),
    (Pat::Within("taboola"), "related", true),
    (Pat::Prefix("teaser"), "related", false),
    (Pat::Prefix("share"), "share", true),
    (Pat::Prefix("sharing"), "share", true),
    (Pat::Within("social"), "share", true),
    (Pat::Token("print"), "share", false),
    (Pat::Within("newsletter"), "newsletter", true),
    (Pat::Prefix("subscri"), "newsletter", true),
    (Pat::Prefix("signup"), "newsletter", true),
    (Pat::Within("sign-up"), "newsletter", true),
    (Pat::Prefix("paywall"), "newsletter", false),
    (Pat::Prefix("promo"), "promo", true),
    (Pat::Prefix("advert"), "ad", true),
    (Pat::Token("ad"), "ad", true),
    (Pat::Token("ads"), "ad", true),
    (Pat::Prefix("adsby"), "ad", true),
    (Pat::Prefix("adslot"), "ad", true),
    (Pat::Prefix("adunit"), "ad", true),
    (Pat::Prefix("dfp"), "ad", true),
    (Pat::Prefix("gpt"), "ad", true),
    (Pat::Prefix("sponsor"), "ad", true),
    (Pat::Within("banner"), "ad", false),
    (Pat::Prefix("skyscraper"), "ad", true),
    (Pat::Prefix("footer"), "footer", false),
    (Pat::Token("nav"), "navigation", false),
    (Pat::Prefix("navbar"), "navigation", true),
    (Pat::Prefix("navigation"), "navigation", false),
    (Pat::Prefix("menu"), "navigation", false),
    (Pat::Prefix("breadcrumb"), "navigation", true),
    (Pat::Prefix("pagination"), "navigation", false),
    (Pat::Prefix("pager"), "navigation", false),
    (Pat::Token("skip"), "navigation", false),
    (Pat::Token("masthead"), "navigation", false),
    (Pat::Prefix("sidebar"), "sidebar", true),
    (Pat::Token("rail"), "sidebar", false),
    (Pat::Prefix("widget"), "sidebar", false),
    (Pat::Within("cookie"), "popup", true),
    (Pat::Within("consent"), "popup", true),
    (Pat::Token("gdpr"), "popup", true),
    (Pat::Prefix("popup"), "popup", true),
    (Pat::Prefix("modal"), "popup", true),
    (Pat::Prefix("overlay"), "popup", false),
    (Pat::Token("tags"), "tags", false),
    (Pat::Token("tag"), "tags", false),
    (Pat::Prefix("keyword"), "tags", false),
    (Pat::Prefix("byline"), "byline", false),
    (Pat::Prefix("author"), "byline", false),
    (Pat::Prefix("dateline"), "byline", false),
    (Pat::Prefix("timestamp"), "byline", false),
    (Pat::Token("date"), "byline", false),
    (Pat::Prefix("caption"), "caption", false),
    (Pat::Prefix("credit"), "caption", false),
    (Pat::Prefix("hidden"), "hidden", false),
    (Pat::Token("hide"), "hidden", false),
    (Pat::Prefix("visually-hidden"), "hidden", false),
    (Pat::Token("sr"), "hidden", false),
    (Pat::Prefix("toolbar"), "share", false),
    (Pat::Prefix("utility"), "share", false),
    (Pat::Token("meta"), "byline", false),
    (Pat::Prefix("disclaimer"), "footer", false),
    (Pat::Prefix("copyright"), "footer", false),
    (Pat::Prefix("shopping"), "ad", false),
    (Pat::Prefix("affiliate"), "ad", false),
    (Pat::Prefix("signin"), "form", false),
    (Pat::Prefix("login"), "form", false),
    (Pat::Prefix("search"), "form", false),
];

/// Tokens that start like a negative hint but are not one.
const PREFIX_EXCEPTIONS: &[&str] = &["commentary", "commentaries"];

/// Positive class/id hints: the element holds the article.
pub(super) const POSITIVE_HINTS: &[Pat] = &[
    Pat::Prefix("article"),
    Pat::Prefix("content"),
    Pat::Prefix("story"),
    Pat::Prefix("entry"),
    Pat::Token("hentry"),
    Pat::Token("post"),
    Pat::Prefix("postbody"),
    Pat::Prefix("post-body"),
    Pat::Token("body"),
    Pat::Within("articlebody"),
    Pat::Within("storybody"),
    Pat::Token("text"),
    Pat::Prefix("main"),
    Pat::Token("blog"),
    Pat::Prefix("prose"),
];

/// Block-level elements: text on either side of them is in separate blocks.
pub(super) const BLOCK_TAGS: &str = "address|article|aside|blockquote|body|center|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|h1|h2|h3|h4|h5|h6|header|hgroup|hr|html|legend|li|main|menu|nav|ol|p|pre|section|summary|table|tbody|td|tfoot|th|thead|tr|ul|caption|option|output";

/// Short texts (whole block, lower-cased, trimmed of punctuation) that are
/// page furniture: the reason, then the texts.
pub(super) const FURNITURE_EXACT: &[(&str, &str)] = &[
    (
        "ad",
        "advertisement|advertising|sponsored|sponsored content|story continues below advertisement|article continues below advertisement|continue reading below|skip advertisement",
    ),
    ("share", "share|share this|share this article|share this story|share on facebook|share on twitter|email|print"),
    ("comments", "comments"),
    (
        "related",
        "read more|read more here|related|related articles|related stories|related content|more on this story|see also|recommended|most read|most popular|trending|continue reading|click here",
    ),
    ("newsletter", "subscribe|sign up"),
    ("share", "follow us"),
    ("caption", "image|photo|video"),
    ("ad", "loading"),
    ("popup", "close"),
    ("navigation", "next|previous|back to top|top"),
];

/// Starts of short blocks (under [`FURNITURE_MAX_CHARS`]) that are page
/// furniture: the reason, then the starts, tried in order (the first that
/// matches gives the reason).
pub(super) const FURNITURE_PREFIX: &[(&str, &str)] = &[
    ("related", "read more:|read more about|related:|see also:|more:|also read:|read also:|watch:|listen:"),
    ("newsletter", "sign up for|sign up to|subscribe to|get our"),
    ("share", "follow us on|follow @|share this|share on"),
    ("related", "click here"),
    ("footer", "all rights reserved|copyright|©|(c) copyright"),
    (
        "caption",
        "photo:|photograph:|image:|picture:|photo credit|image source|image copyright|image caption|media caption|getty images",
    ),
    ("byline", "by |posted by|written by|published:|published on|updated:|last updated"),
    ("ad", "advertisement"),
    ("popup", "we use cookies|this site uses cookies|this website uses cookies"),
];

/// Furniture prefixes only apply to blocks shorter than this (in chars).
pub(super) const FURNITURE_MAX_CHARS: usize = 100;

/// JSON-LD `@type`s that describe an article.
pub(super) const ARTICLE_TYPES: &str = "Article|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|BlogPosting|LiveBlogPosting|SocialMediaPosting|TechArticle|ScholarlyArticle|Report|WebPage";

/// Meta tags that give the publication date, best first.
pub(super) const DATE_META: &str = "article:published_time|og:published_time|datepublished|pubdate|publishdate|publish-date|publish_date|dc.date.issued|dc.date|dcterms.created|parsely-pub-date|sailthru.date|date|article.published|og:updated_time|article:modified_time";

/// Matches class/id hint patterns against an element's class and id.
pub(super) struct Hints {
    lower: String,
}

impl Hints {
    pub fn new(class: Option<&str>, id: Option<&str>) -> Option<Hints> {
        let mut lower = String::new();
        for s in [class, id].into_iter().flatten() {
            // Very long attributes (hostile pages) are not class lists.
            let s = &s[..floor_char_boundary(s, 400)];
            lower.push_str(&s.to_lowercase());
            lower.push(' ');
        }
        (!lower.trim().is_empty()).then_some(Hints { lower })
    }

    fn tokens(&self) -> impl Iterator<Item = &str> {
        self.lower.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty())
    }

    pub fn matches(&self, pat: Pat) -> bool {
        match pat {
            Pat::Token(p) => self.tokens().any(|t| t == p),
            Pat::Prefix(p) => self.tokens().any(|t| t.starts_with(p) && !PREFIX_EXCEPTIONS.contains(&t)),
            Pat::Within(p) => self.lower.contains(p),
        }
    }

    /// The first negative hint that applies, with whether it is strong.
    pub fn negative(&self) -> Option<(&'static str, bool)> {
        NEGATIVE_HINTS.iter().find(|(p, _, _)| self.matches(*p)).map(|&(_, r, s)| (r, s))
    }

    pub fn positive(&self) -> bool {
        POSITIVE_HINTS.iter().any(|p| self.matches(*p))
    }
}

pub(super) fn floor_char_boundary(s: &str, mut at: usize) -> usize {
    if at >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Whether `word` is one of the `|`-separated words of `list`.
pub(super) fn listed(list: &str, word: &str) -> bool {
    list.split('|').any(|w| w == word)
}

/// The reason of the first entry of `table` with a word that `matches`.
pub(super) fn reason_of(table: &[(&'static str, &str)], mut matches: impl FnMut(&str) -> bool) -> Option<&'static str> {
    table.iter().find(|(_, words)| words.split('|').any(&mut matches)).map(|(reason, _)| *reason)
}
