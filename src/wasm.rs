//! The JavaScript bindings: the only module that knows JavaScript.
//!
//! Built with `wasm-pack build --target web` (see `scripts/build-pkg.sh`);
//! the npm manual is `npm/README.md`. Everything JavaScript hands in is
//! checked here, before the core is called, and every problem becomes a JS
//! `Error` whose message names the option or source at fault: nothing
//! panics across the boundary, and the module keeps working after an error.
//!
//! - `summarize(sources, options?)`: the digest as `newsdigest --format json`
//!   writes it (plain objects, `null` for missing values), plus `text`, the
//!   digest rendered as the options' `type` and `format` ask.
//! - `Summarizer`: the shape of Chrome's built-in Summarizer API
//!   (`Summarizer.create`, `summarize`, `availability`, `destroy`), so a
//!   site can swap one for the other.
//! - `clean(source)`: one source's article text, metadata, and what was
//!   removed, as `newsdigest clean --format json` writes each file.
//! - `Story`: `clean` and `summarize` over sources kept cleaned, so a page
//!   that shows each file cleaned and makes the digest again and again
//!   cleans each file once (the same digest as `summarize`'s).
//! - `version()`: the crate version.

use std::fmt::Write as _;

use js_sys::{Array, ArrayBuffer, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

use crate::json_text;
use crate::lang::fx::InputMap;
use crate::{Budget, Config, Digest, Prepared, Source, WordLimit};

/// The `.wasm`'s allocator: talc instead of Rust's default for wasm32
/// (dlmalloc), 2.5 KB of the gzipped module smaller and as fast on the 200
/// Multi-News stories in Node; its memory after the 5 MB story is about 2%
/// above dlmalloc's (38.8 MB against 37.9 MB), and does not grow over
/// repeated stories (docs/performance.md, "Sixteenth round"). The module
/// runs on one thread, which the dynamic allocator assumes (a threaded
/// build would need another).
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// An error message for people; it becomes a JS `Error` at the boundary.
type Problem = String;

/// In debug builds, logs a panic's message to the console (a panic is a
/// bug: the core never panics on any input, and the input is checked here).
/// Called first by every export, so it needs no start function.
fn debug_hook() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
}

/// The crate version, e.g. `"0.1.0"`.
#[wasm_bindgen]
pub fn version() -> String {
    debug_hook();
    env!("CARGO_PKG_VERSION").to_owned()
}

/// The digest of a story told by `sources`: the object `newsdigest --format
/// json` writes, plus `text`, the digest rendered as `options` ask.
///
/// `sources` is an array of `{ name, text }`, `{ name, html }` or
/// `{ name, bytes }` (a `Uint8Array`), or one string. A source that cannot
/// be used is reported on its `sources[i].error` and the others are used.
/// Throws an `Error` for an option or source of the wrong shape, and when no
/// source has usable text.
#[wasm_bindgen(unchecked_return_type = "DigestResult")]
pub fn summarize(
    #[wasm_bindgen(unchecked_param_type = "SourceInput[] | string")] sources: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SummarizeOptions")] options: JsValue,
) -> Result<JsValue, JsError> {
    debug_hook();
    let options = Options::parse(&options, Defaults::Cli).map_err(error)?;
    digest(&sources, &options).map_err(error)
}

/// One source cleaned, without summarizing: its article text, title, date,
/// outlet, byline, and each removed block with the reason. `source` is one
/// `{ name, text | html | bytes }` or a string. Throws an `Error` when the
/// source has the wrong shape or cannot be read (binary, empty, too large).
#[wasm_bindgen(unchecked_return_type = "Cleaned")]
pub fn clean(
    #[wasm_bindgen(unchecked_param_type = "SourceInput | string")] source: JsValue,
) -> Result<JsValue, JsError> {
    debug_hook();
    // `Prepared::cleaned` is `crate::clean` with the default configuration;
    // going through it as `Story::clean` does keeps one copy in the .wasm.
    cleaned_js(&Prepared::new(one_source(&source)?))
}

/// The source `clean` and `Story#clean` take: a string, or one
/// `{ name, text | html | bytes }`.
fn one_source(source: &JsValue) -> Result<Source, JsError> {
    match source.as_string() {
        Some(text) => Ok(Source::text("text", text)),
        None => read_source(source, "source", SOURCE_FIELDS).map_err(error),
    }
}

/// `clean`'s result for a prepared source, as a JS object.
fn cleaned_js(prepared: &Prepared) -> Result<JsValue, JsError> {
    let cleaned = prepared.cleaned().map_err(|e| error(e.to_string()))?;
    parse(&json_text::cleaned(&cleaned)).map_err(|()| error("could not convert the cleaned source".into()))
}

/// The sources of one story, each cleaned once and kept: `clean` each file
/// as it is added, then `summarize` the story as often as the reader changes
/// it, without cleaning any file again (the page's engine worker holds one).
/// The digest is `summarize`'s for the same sources.
#[wasm_bindgen]
pub struct Story {
    kept: InputMap<String, Prepared>,
}

#[wasm_bindgen]
impl Story {
    /// An empty story.
    #[wasm_bindgen(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Story {
        debug_hook();
        Story { kept: InputMap::default() }
    }

    /// `clean(source)`, keeping the source and its cleaning under `key` in
    /// place of what was kept there. A source that cannot be read is kept
    /// too (a digest reports its error, as `summarize` does); one of the
    /// wrong shape is not.
    #[wasm_bindgen(unchecked_return_type = "Cleaned")]
    pub fn clean(
        &mut self,
        key: String,
        #[wasm_bindgen(unchecked_param_type = "SourceInput | string")] source: JsValue,
    ) -> Result<JsValue, JsError> {
        debug_hook();
        let prepared = Prepared::new(one_source(&source)?);
        let cleaned = cleaned_js(&prepared);
        self.kept.insert(key, prepared);
        cleaned
    }

    /// `summarize(sources, options)`, each source with a `key`: a source
    /// equal to the one kept under its key is not cleaned again, any other
    /// is cleaned now and kept. Afterwards only these keys are kept.
    #[wasm_bindgen(unchecked_return_type = "DigestResult")]
    pub fn summarize(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "KeyedSourceInput[]")] sources: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "SummarizeOptions")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        debug_hook();
        let options = Options::parse(&options, Defaults::Cli).map_err(error)?;
        let keys = self.keep(&sources).map_err(error)?;
        let prepared = keys.iter().map(|key| &self.kept[key]);
        let config = options.config();
        let digest = crate::summarize_prepared(prepared, &config).map_err(|e| error(e.to_string()))?;
        to_result(&digest, &options).map_err(error)
    }
}

impl Story {
    /// Reads `sources`, keeps each under its key (cleaning only those not
    /// kept as they are), lets every other key go, and gives the keys in
    /// order. One map lookup per source: no scan of the keys for each.
    fn keep(&mut self, sources: &JsValue) -> Result<Vec<String>, Problem> {
        let mut next = InputMap::default();
        match self.move_into(&mut next, sources) {
            Ok(keys) => {
                self.kept = next;
                Ok(keys)
            }
            Err(problem) => {
                // As if nothing had moved: what was read so far stays kept.
                self.kept.extend(next);
                Err(problem)
            }
        }
    }

    /// `keep`'s reading: each source into `next`, taken from what is kept
    /// when it is the same source.
    fn move_into(&mut self, next: &mut InputMap<String, Prepared>, sources: &JsValue) -> Result<Vec<String>, Problem> {
        if !Array::is_array(sources) {
            return Err(format!(
                "sources must be an array of {{ key, name, text | html | bytes }}, got {}",
                describe(sources)
            ));
        }
        let mut keys = Vec::new();
        for (i, item) in Array::from(sources).iter().enumerate() {
            let at = format!("sources[{i}]");
            let source = read_source(&item, &at, KEYED_SOURCE_FIELDS)?;
            let key = match prop(&item, "key").ok().and_then(|k| k.as_string()) {
                Some(key) => key,
                None => return Err(format!("{at}.key must be a string")),
            };
            if next.contains_key(&key) {
                return Err(format!("{at}.key \"{key}\" is used twice"));
            }
            let prepared = match self.kept.remove(&key) {
                Some(p) if *p.source() == source => p,
                _ => Prepared::new(source),
            };
            next.insert(key.clone(), prepared);
            keys.push(key);
        }
        Ok(keys)
    }
}

/// A summarizer with the interface of Chrome's built-in `Summarizer`, backed
/// by newsdigest: `create` fixes the options, `summarize` gives the text.
#[wasm_bindgen]
pub struct Summarizer {
    options: Options,
    shared_context: Option<String>,
    destroyed: bool,
}

#[wasm_bindgen]
impl Summarizer {
    /// A summarizer with these options. Chrome's defaults apply: type
    /// `key-points`, length `short`, format `markdown`. Rejects with an
    /// `Error` naming a bad option, or with the reason of an aborted signal.
    #[wasm_bindgen(unchecked_return_type = "Promise<Summarizer>")]
    pub fn create(#[wasm_bindgen(unchecked_optional_param_type = "SummarizeOptions")] options: JsValue) -> Promise {
        debug_hook();
        if let Some(reason) = aborted(&options) {
            return Promise::reject(&reason);
        }
        let shared_context = prop(&options, "sharedContext").ok().and_then(|v| v.as_string());
        match Options::parse(&options, Defaults::Chrome) {
            Ok(options) => {
                Promise::resolve::<JsValue>(&Summarizer { options, shared_context, destroyed: false }.into())
            }
            Err(problem) => reject(problem),
        }
    }

    /// Always `"available"`: the model is the module itself. Rejects when
    /// the options are not valid.
    #[wasm_bindgen(unchecked_return_type = "Promise<\"available\">")]
    pub fn availability(
        #[wasm_bindgen(unchecked_optional_param_type = "SummarizeOptions")] options: JsValue,
    ) -> Promise {
        debug_hook();
        match Options::parse(&options, Defaults::Chrome) {
            Ok(_) => Promise::resolve::<JsValue>(&"available".into()),
            Err(problem) => reject(problem),
        }
    }

    /// The digest's text, like Chrome's `summarize(text)`. `input` is a
    /// string (one source named "text") or an array of sources.
    #[wasm_bindgen(unchecked_return_type = "Promise<string>")]
    pub fn summarize(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SourceInput[] | string")] input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "SummarizerCallOptions")] options: JsValue,
    ) -> Promise {
        self.call(&input, &options, |result| prop(&result, "text").unwrap_or(JsValue::UNDEFINED))
    }

    /// The whole result, as the `summarize` function gives it.
    #[wasm_bindgen(unchecked_return_type = "Promise<DigestResult>")]
    pub fn digest(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SourceInput[] | string")] input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "SummarizerCallOptions")] options: JsValue,
    ) -> Promise {
        self.call(&input, &options, |result| result)
    }

    /// After this, `summarize` and `digest` reject.
    pub fn destroy(&mut self) {
        self.destroyed = true;
    }

    #[wasm_bindgen(getter, js_name = type, unchecked_return_type = "SummarizerType")]
    pub fn kind(&self) -> String {
        self.options.kind.unwrap_or(Kind::KeyPoints).name().to_owned()
    }

    #[wasm_bindgen(getter, unchecked_return_type = "SummarizerLength")]
    pub fn length(&self) -> String {
        self.options.length.unwrap_or(Length::Short).name().to_owned()
    }

    #[wasm_bindgen(getter, unchecked_return_type = "SummarizerFormat")]
    pub fn format(&self) -> String {
        self.options.format.name().to_owned()
    }

    #[wasm_bindgen(getter, js_name = sharedContext)]
    pub fn shared_context(&self) -> Option<String> {
        self.shared_context.clone()
    }
}

impl Summarizer {
    fn call(&self, input: &JsValue, options: &JsValue, pick: impl FnOnce(JsValue) -> JsValue) -> Promise {
        debug_hook();
        if self.destroyed {
            return reject("this Summarizer was destroyed".into());
        }
        if let Some(reason) = aborted(options) {
            return Promise::reject(&reason);
        }
        let checked = check_names(options, "summarize options", "option", &["context", "signal"])
            .and_then(|()| digest(input, &self.options));
        match checked {
            Ok(result) => Promise::resolve::<JsValue>(&pick(result)),
            Err(problem) => reject(problem),
        }
    }
}

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** One article of the story: a name (file name, URL, outlet) and its plain text, HTML page, or file bytes. */
export type SourceInput =
  | { name: string; text: string; html?: never; bytes?: never }
  | { name: string; html: string; text?: never; bytes?: never }
  | { name: string; bytes: Uint8Array | ArrayBuffer; text?: never; html?: never };

export type SummarizerType = "key-points" | "tldr" | "teaser" | "headline";
export type SummarizerLength = "short" | "medium" | "long";
export type SummarizerFormat = "markdown" | "plain-text";

/**
 * Options of `summarize` and `Summarizer.create`. `maxSentences`, `maxWords`, `targetWords` and
 * `ratio` set the budget directly and override `type`/`length`. The names after `format` are those of Chrome's
 * Summarizer API: accepted (and type-checked) so a site can swap one for the other, and ignored.
 */
export interface SummarizeOptions {
  /** At most this many digest entries (a whole number >= 1). */
  maxSentences?: number;
  /** At most this many words, a hard limit (a whole number >= 1). */
  maxWords?: number;
  /**
   * About this many words (a whole number >= 1): statements are added until the digest reaches it,
   * the last one may run past it. Not with `maxWords` or `ratio`.
   */
  targetWords?: number;
  /** At most this fraction of the story's words, in (0, 1]. */
  ratio?: number;
  /** What `text` holds; default "key-points". */
  type?: SummarizerType;
  /** How long the digest is, by `type`; default "short" (see the README's table). */
  length?: SummarizerLength;
  /** How `text` is written; default "markdown". */
  format?: SummarizerFormat;
  sharedContext?: string;
  expectedInputLanguages?: string[];
  expectedContextLanguages?: string[];
  outputLanguage?: string;
  monitor?: (monitor: EventTarget) => void;
  /** An aborted signal makes `Summarizer.create` reject with its reason. */
  signal?: AbortSignal;
}

/** Options of `Summarizer#summarize` and `#digest`, as Chrome's: `context` is ignored. */
export interface SummarizerCallOptions {
  context?: string;
  signal?: AbortSignal;
}

/** A source given to `Story#summarize`: the key it was kept under by `Story#clean`. */
export type KeyedSourceInput = SourceInput & { key: string };

/** A byte range into a source's text (the extracted article text for HTML). */
export interface Span { start: number; end: number }

/** One source's wording of a statement. */
export interface Variant { source: number; text: string; span: Span }

/** One statement of the digest, with every source (0-based index into the input) that reports it. */
export interface Entry {
  text: string;
  source: number;
  sources: number[];
  score: number;
  variants: Variant[];
}

/** What the digest made of one source, in input order. */
export interface SourceInfo {
  name: string;
  language: string | null;
  words: number;
  sentences: number;
  used: number;
  title: string | null;
  date: string | null;
  site: string | null;
  byline: string | null;
  /** Published long before the story's date (see the crate's STALE_DAYS): it may report an older turn of the story. */
  stale: boolean;
  /** Why the source could not be used; the digest was made from the others. */
  error: string | null;
}

/** The digest, exactly as `newsdigest --format json` writes it. */
export interface Digest {
  title: string | null;
  /** The story's date: the newest publication date among the sources (`YYYY-MM-DD`), or null. */
  date: string | null;
  sentences: Entry[];
  sources: SourceInfo[];
}

/** A block left out of a source's article text, and why. */
export interface Removal { text: string; reason: string }

/** One source cleaned, as `newsdigest clean --format json` writes each file. */
export interface Cleaned {
  name: string;
  title: string | null;
  date: string | null;
  site: string | null;
  byline: string | null;
  /** The article text, blocks separated by blank lines. */
  text: string;
  removed: Removal[];
}

/** The digest plus `text`, rendered as the options' `type` and `format` ask. */
export interface DigestResult extends Digest {
  text: string;
}
"#;

/// Which defaults apply when neither a budget nor `type`/`length` is given.
#[derive(Clone, Copy, PartialEq)]
enum Defaults {
    /// The command line's: `Budget::default()`, so that `summarize` with no
    /// options gives what `newsdigest --format json` gives.
    Cli,
    /// Chrome's Summarizer: key-points, short.
    Chrome,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    KeyPoints,
    Tldr,
    Teaser,
    Headline,
}

#[derive(Clone, Copy, PartialEq)]
enum Length {
    Short,
    Medium,
    Long,
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Markdown,
    PlainText,
}

impl Kind {
    const ALL: [(Kind, &str); 4] =
        [(Kind::KeyPoints, "key-points"), (Kind::Tldr, "tldr"), (Kind::Teaser, "teaser"), (Kind::Headline, "headline")];

    fn name(self) -> &'static str {
        Self::ALL.iter().find(|(k, _)| *k == self).map_or("", |(_, n)| n)
    }
}

impl Length {
    const ALL: [(Length, &str); 3] = [(Length::Short, "short"), (Length::Medium, "medium"), (Length::Long, "long")];

    fn name(self) -> &'static str {
        Self::ALL.iter().find(|(k, _)| *k == self).map_or("", |(_, n)| n)
    }
}

impl Format {
    const ALL: [(Format, &str); 2] = [(Format::Markdown, "markdown"), (Format::PlainText, "plain-text")];

    fn name(self) -> &'static str {
        Self::ALL.iter().find(|(k, _)| *k == self).map_or("", |(_, n)| n)
    }
}

/// Digest entries for each `type` and `length` (short, medium, long), when
/// no explicit budget is given. The README's table shows the same.
fn sentences_for(kind: Kind, length: Length) -> usize {
    let [short, medium, long] = match kind {
        Kind::KeyPoints => [3, 5, 7],
        Kind::Tldr => [1, 3, 5],
        Kind::Teaser => [1, 2, 3],
        Kind::Headline => [1, 1, 1],
    };
    match length {
        Length::Short => short,
        Length::Medium => medium,
        Length::Long => long,
    }
}

/// The options' names: the first names of [`NAMES`].
const OPTION_NAMES: &[&str] = NAMES.split_at(13).0;

/// The options, checked.
#[derive(Clone, Copy)]
struct Options {
    max_sentences: Option<usize>,
    max_words: Option<usize>,
    /// A word target ([`WordLimit::Target`]); never with `max_words` or `ratio`.
    target_words: Option<usize>,
    ratio: Option<f64>,
    kind: Option<Kind>,
    length: Option<Length>,
    format: Format,
    defaults: Defaults,
}

impl Options {
    /// Checks every option: `undefined` counts as absent; anything else must
    /// be of the option's type and range.
    fn parse(value: &JsValue, defaults: Defaults) -> Result<Options, Problem> {
        check_names(value, "options", "option", OPTION_NAMES)?;
        let get = |name: &str| -> Result<Option<JsValue>, Problem> {
            if value.is_undefined() || value.is_null() {
                return Ok(None);
            }
            let v = prop(value, name).map_err(|_| format!("option \"{name}\" could not be read"))?;
            Ok((!v.is_undefined()).then_some(v))
        };
        let whole = |name: &str| -> Result<Option<usize>, Problem> {
            let Some(v) = get(name)? else { return Ok(None) };
            match v.as_f64() {
                Some(n) if n >= 1.0 && n.fract() == 0.0 && n.is_finite() => Ok(Some(n.min(usize::MAX as f64) as usize)),
                _ => Err(format!("option \"{name}\" must be a whole number >= 1, got {}", describe(&v))),
            }
        };
        let ratio = match get("ratio")? {
            None => None,
            Some(v) => match v.as_f64() {
                Some(r) if r > 0.0 && r <= 1.0 => Some(r),
                _ => return Err(format!("option \"ratio\" must be a number in (0, 1], got {}", describe(&v))),
            },
        };
        fn one_of<T: Copy>(name: &str, v: Option<JsValue>, all: &[(T, &str)]) -> Result<Option<T>, Problem> {
            let Some(v) = v else { return Ok(None) };
            if let Some(s) = v.as_string() {
                if let Some((t, _)) = all.iter().find(|(_, n)| *n == s) {
                    return Ok(Some(*t));
                }
            }
            let allowed: Vec<String> = all.iter().map(|(_, n)| format!("\"{n}\"")).collect();
            Err(format!("option \"{name}\" must be one of {}, got {}", allowed.join(", "), describe(&v)))
        }
        for name in ["sharedContext", "outputLanguage"] {
            if let Some(v) = get(name)? {
                if !v.is_string() {
                    return Err(format!("option \"{name}\" must be a string, got {}", describe(&v)));
                }
            }
        }
        for name in ["expectedInputLanguages", "expectedContextLanguages"] {
            if let Some(v) = get(name)? {
                if !Array::is_array(&v) || !Array::from(&v).iter().all(|x| x.is_string()) {
                    return Err(format!("option \"{name}\" must be an array of strings, got {}", describe(&v)));
                }
            }
        }
        if let Some(v) = get("monitor")? {
            if !v.is_function() {
                return Err(format!("option \"monitor\" must be a function, got {}", describe(&v)));
            }
        }
        let max_words = whole("maxWords")?;
        let target_words = whole("targetWords")?;
        // As the command line's --target-words: one word budget at a time.
        if target_words.is_some() {
            if max_words.is_some() {
                return Err("option \"targetWords\" cannot be combined with \"maxWords\" (a target or a hard limit: choose one)".into());
            }
            if ratio.is_some() {
                return Err("option \"targetWords\" cannot be combined with \"ratio\" (choose one word budget)".into());
            }
        }
        Ok(Options {
            max_sentences: whole("maxSentences")?,
            max_words,
            target_words,
            ratio,
            kind: one_of("type", get("type")?, &Kind::ALL)?,
            length: one_of("length", get("length")?, &Length::ALL)?,
            format: one_of("format", get("format")?, &Format::ALL)?.unwrap_or(Format::Markdown),
            defaults,
        })
    }

    /// The core's configuration for these options.
    fn config(&self) -> Config {
        Config { budget: self.budget(), word_limit: self.word_limit(), ..Config::default() }
    }

    /// A word target fills to its words; any other budget is a hard limit.
    fn word_limit(&self) -> WordLimit {
        if self.target_words.is_some() { WordLimit::Target } else { WordLimit::Hard }
    }

    /// An explicit budget wins; then `type` and `length` by the table; with
    /// neither, the defaults.
    fn budget(&self) -> Budget {
        let Options { max_sentences: sentences, max_words, target_words, ratio, kind, length, defaults, .. } = *self;
        let words = max_words.or(target_words);
        if sentences.is_some() || words.is_some() || ratio.is_some() {
            return Budget { sentences, words, ratio };
        }
        if kind.is_none() && length.is_none() && defaults == Defaults::Cli {
            return Budget::default();
        }
        Budget::sentences(sentences_for(kind.unwrap_or(Kind::KeyPoints), length.unwrap_or(Length::Short)))
    }
}

/// Fails when `value` is neither an object nor `undefined`/`null`, and on
/// any own key of it that is not in `allowed`. `what` names the object in
/// messages ("options", "sources[2]"), `noun` one of its keys.
fn check_names(value: &JsValue, what: &str, noun: &str, allowed: &[&str]) -> Result<(), Problem> {
    if value.is_undefined() || value.is_null() {
        return Ok(());
    }
    if !value.is_object() || Array::is_array(value) {
        return Err(format!("{what} must be an object, got {}", describe(value)));
    }
    for key in Object::keys::<JsValue>(value.unchecked_ref()) {
        // Compared as JS strings (`===`): no copy of the key into the .wasm
        // unless it is unknown.
        if !allowed.iter().any(|name| with_name(name, |name| *name == key)) {
            let key = key.as_string().unwrap_or_default();
            let place = if what.ends_with("options") { String::new() } else { format!(" in {what}") };
            return Err(format!("unknown {noun} \"{key}\"{place} (allowed: {})", allowed.join(", ")));
        }
    }
    Ok(())
}

/// The reason of an aborted `signal` option, if there is one.
fn aborted(options: &JsValue) -> Option<JsValue> {
    if !options.is_object() {
        return None;
    }
    let signal = prop(options, "signal").ok().filter(JsValue::is_object)?;
    let is_aborted = prop(&signal, "aborted").ok()?.as_bool()?;
    is_aborted.then(|| Reflect::get(&signal, &"reason".into()).unwrap_or(JsValue::UNDEFINED))
}

/// The property names read on every call (options, source fields, the
/// digest's entries). Each `&str` handed to JS becomes a new JS string
/// through the glue's `TextDecoder`, which costs more than the lookup for
/// names this short; these are made once, on first use. The options'
/// names come first ([`OPTION_NAMES`]).
const NAMES: [&str; 22] = [
    "maxSentences",
    "maxWords",
    "targetWords",
    "ratio",
    "type",
    "length",
    "format",
    "sharedContext",
    "expectedInputLanguages",
    "expectedContextLanguages",
    "outputLanguage",
    "monitor",
    "signal",
    "context",
    "key",
    "name",
    "text",
    "html",
    "bytes",
    "sentences",
    "score",
    "aborted",
];

thread_local! {
    static JS_NAMES: Vec<JsValue> = NAMES.iter().map(|&name| JsValue::from_str(name)).collect();
}

/// `f` of `name` as a JS string: the one made once when `name` is in
/// [`NAMES`], a new one otherwise.
fn with_name<T>(name: &str, f: impl FnOnce(&JsValue) -> T) -> T {
    match NAMES.iter().position(|&n| n == name) {
        Some(i) => JS_NAMES.with(|names| f(&names[i])),
        None => f(&JsValue::from_str(name)),
    }
}

/// `value[name]`, as `Reflect.get`.
fn prop(value: &JsValue, name: &str) -> Result<JsValue, JsValue> {
    with_name(name, |name| Reflect::get(value, name))
}

/// Reads, summarizes, renders: the work behind both APIs.
fn digest(input: &JsValue, options: &Options) -> Result<JsValue, Problem> {
    let sources = read_sources(input)?;
    let digest = crate::summarize(&sources, &options.config()).map_err(|e| e.to_string())?;
    to_result(&digest, options)
}

/// The digest as a JS object, plus `text`, the digest rendered as `options`
/// ask.
///
/// Built as one JSON text (`json_text`, which says why) and parsed by the
/// host's `JSON.parse`. The object is the one `serde_wasm_bindgen`'s
/// JSON-compatible serializer built (same keys in the same order, `null` for
/// `None`), which tests/wasm/cases.rs checks. The scores are set afterwards,
/// one call per entry.
fn to_result(digest: &Digest, options: &Options) -> Result<JsValue, Problem> {
    let text = render(digest, options.kind.unwrap_or(Kind::KeyPoints), options.format);
    let result = parse(&json_text::digest(digest, &text)).map_err(|()| "could not convert the digest".to_owned())?;
    let entries = prop(&result, "sentences").map_err(|_| "could not read the digest's sentences")?;
    for (i, e) in (0..).zip(&digest.sentences) {
        let entry = Reflect::get_u32(&entries, i).map_err(|_| "could not read a digest entry")?;
        with_name("score", |score| Reflect::set(&entry, score, &e.score.into()))
            .map_err(|_| "could not set a digest entry's score")?;
    }
    Ok(result)
}

/// The host's value of a JSON text (`JSON.parse`).
fn parse(text: &str) -> Result<JsValue, ()> {
    js_sys::JSON::parse(text).map_err(|_| ())
}

/// `sources` as the core takes them: an array of `{ name, text | html |
/// bytes }`, or one string (a source named "text").
fn read_sources(input: &JsValue) -> Result<Vec<Source>, Problem> {
    if let Some(text) = input.as_string() {
        return Ok(vec![Source::text("text", text)]);
    }
    if !Array::is_array(input) {
        return Err(format!(
            "sources must be an array of {{ name, text | html | bytes }} or a string, got {}",
            describe(input)
        ));
    }
    Array::from(input)
        .iter()
        .enumerate()
        .map(|(i, item)| read_source(&item, &format!("sources[{i}]"), SOURCE_FIELDS))
        .collect()
}

/// The fields of a source object.
const SOURCE_FIELDS: &[&str] = &["name", "text", "html", "bytes"];
/// The fields of a source object given to `Story#summarize`.
const KEYED_SOURCE_FIELDS: &[&str] = &["key", "name", "text", "html", "bytes"];

/// One `{ name, text | html | bytes }` (and no field outside `fields`);
/// `at` names it in messages.
fn read_source(item: &JsValue, at: &str, fields: &[&str]) -> Result<Source, Problem> {
    if !item.is_object() || Array::is_array(item) {
        return Err(format!("{at} must be an object {{ name, text | html | bytes }}, got {}", describe(item)));
    }
    check_names(item, at, "field", fields)?;
    let field = |name: &str| prop(item, name).ok().filter(|v| !v.is_undefined());
    let name = match field("name") {
        Some(v) if v.is_string() => v.as_string().unwrap_or_default(),
        Some(v) => return Err(format!("{at}.name must be a string, got {}", describe(&v))),
        None => return Err(format!("{at} has no \"name\"")),
    };
    match (field("text"), field("html"), field("bytes")) {
        (Some(v), None, None) => match v.as_string() {
            Some(text) => Ok(Source::text(name, text)),
            None => Err(format!("{at}.text must be a string, got {}", describe(&v))),
        },
        (None, Some(v), None) => match v.as_string() {
            Some(html) => Ok(Source::html(name, html)),
            None => Err(format!("{at}.html must be a string, got {}", describe(&v))),
        },
        (None, None, Some(v)) => {
            if let Some(bytes) = v.dyn_ref::<Uint8Array>() {
                Ok(bytes_source(name, bytes.to_vec()))
            } else if let Some(buffer) = v.dyn_ref::<ArrayBuffer>() {
                Ok(bytes_source(name, Uint8Array::new(buffer).to_vec()))
            } else {
                Err(format!("{at}.bytes must be a Uint8Array or ArrayBuffer, got {}", describe(&v)))
            }
        }
        _ => Err(format!("{at} must have exactly one of \"text\", \"html\", \"bytes\"")),
    }
}

#[wasm_bindgen]
extern "C" {
    /// The host's WHATWG `TextDecoder` (browsers, workers, Node).
    type TextDecoder;
    #[wasm_bindgen(constructor, catch)]
    fn new(label: &str) -> Result<TextDecoder, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn decode(this: &TextDecoder, bytes: &[u8]) -> Result<String, JsValue>;
}

/// A file's bytes. Without the legacy-encodings feature (the npm package),
/// a page in a charset the core cannot decode (Shift_JIS, GBK, KOI8-R, ...)
/// is decoded here with the host's `TextDecoder`, which implements the same
/// Encoding Standard as encoding_rs, so the digest is the native build's.
fn bytes_source(name: String, bytes: Vec<u8>) -> Source {
    #[cfg(not(feature = "legacy-encodings"))]
    if let Some(label) = crate::decode::legacy_charset(&name, &bytes) {
        let text = TextDecoder::new(&label)
            .and_then(|decoder| decoder.decode(&bytes))
            .unwrap_or_else(|_| crate::decode::undecodable_charset(&label, &bytes));
        return Source::bytes_decoded(name, bytes, text);
    }
    Source::bytes(name, bytes)
}

/// The digest as the options' `type` and `format` ask. Markdown tags each
/// statement with its sources, 1-based, as `newsdigest --format markdown`.
/// Written into one `String`, not a `format!` per statement and per source
/// reference then a join (which copied each sentence's text three times).
fn render(d: &Digest, kind: Kind, format: Format) -> String {
    let (separator, bullet) = match kind {
        Kind::KeyPoints if format == Format::Markdown => ('\n', "- "),
        Kind::KeyPoints => ('\n', ""),
        Kind::Tldr | Kind::Teaser => (' ', ""),
        Kind::Headline => {
            return d.title.clone().unwrap_or_else(|| {
                let best = d.sentences.iter().reduce(|best, e| if e.score > best.score { e } else { best });
                best.map(|e| e.text.clone()).unwrap_or_default()
            });
        }
    };
    let mut out = String::new();
    for (i, e) in d.sentences.iter().enumerate() {
        if i > 0 {
            out.push(separator);
        }
        out.push_str(bullet);
        out.push_str(&e.text);
        if format == Format::Markdown {
            out.push(' ');
            for s in &e.sources {
                // Writing to a String cannot fail.
                let _ = write!(out, "[{}]", s + 1);
            }
        }
    }
    out
}

/// A JS value as an error message shows it: strings quoted, numbers as JS
/// writes them, objects by kind.
fn describe(v: &JsValue) -> String {
    if v.is_string() {
        js_sys::JSON::stringify(v).ok().and_then(|s| s.as_string()).unwrap_or_default()
    } else if let Some(n) = v.as_f64() {
        js_sys::Number::from(n).to_string_with_radix(10).ok().and_then(|s| s.as_string()).unwrap_or_default()
    } else if let Some(b) = v.as_bool() {
        b.to_string()
    } else if v.is_null() {
        "null".into()
    } else if v.is_undefined() {
        "undefined".into()
    } else if Array::is_array(v) {
        "an array".into()
    } else if v.is_instance_of::<Function>() {
        "a function".into()
    } else if v.is_object() {
        "an object".into()
    } else {
        v.js_typeof().as_string().unwrap_or_default()
    }
}

fn error(problem: Problem) -> JsError {
    JsError::new(&format!("newsdigest: {problem}"))
}

fn reject(problem: Problem) -> Promise {
    Promise::reject(&error(problem).into())
}
