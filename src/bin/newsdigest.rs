//! The `newsdigest` command: digests of files, and JSON-lines batch work.
//!
//! Exit status: 0 when every input was used, 1 when some input failed (the
//! results of the others are still written), 2 for a usage error, 3 when
//! nothing could be summarized at all. In `batch`, a line whose digest was
//! written is a success even if some of its sources failed (that makes the
//! status 1, as the same story given as files does); 3 means no line got a
//! digest.

use std::cell::RefCell;
use std::io::{self, BufRead, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use newsdigest::{Budget, Config, Digest, Source, WordLimit};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

// A story makes thousands of short-lived vectors and strings; mimalloc's
// per-thread free lists serve them in fewer instructions than glibc's malloc
// (docs/performance.md, thirteenth round). Only the native CLI on Linux uses
// it: the library sets one only in its wasm32 build (talc, src/wasm.rs), and
// elsewhere the options below are untested.
#[cfg(target_os = "linux")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

// Keeps mimalloc's peak memory near glibc's. By default it commits a whole
// arena up front and gives freed pages back to the OS only after a delay, so
// the 5 MB story (a 5 MB line, then its document and cleaned copies) peaked
// at 68 MB of RSS where glibc peaked at 46 MB; with these two options, 47 MB.
// The options must be set before the first allocation, which reserves the
// first arena, and Rust's runtime allocates before `main`: hence a
// constructor in `.init_array`, which the loader runs before that.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static TUNE_ALLOCATOR: extern "C" fn() = tune_allocator;

#[cfg(target_os = "linux")]
extern "C" fn tune_allocator() {
    use libmimalloc_sys::{mi_option_set, mi_option_t};
    // The positions of `mi_option_arena_eager_commit` and
    // `mi_option_purge_delay` in mimalloc v2's `mi_option_e` (include/mimalloc.h
    // of libmimalloc-sys 0.1.49, pinned by Cargo.lock); the crate exports
    // constants for only some options.
    const ARENA_EAGER_COMMIT: mi_option_t = 4;
    const PURGE_DELAY: mi_option_t = 15;
    // SAFETY: mi_option_set only stores an integer in mimalloc's option
    // table, which is static; it allocates nothing.
    unsafe {
        mi_option_set(ARENA_EAGER_COMMIT, 0);
        mi_option_set(PURGE_DELAY, 0);
    }
}

#[derive(Parser)]
#[command(
    name = "newsdigest",
    version,
    about = "One short digest of several articles about one story, with the sources of every sentence.",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Article files: .txt, .md, .html, .htm.
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    budget: BudgetArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Read stories as JSON lines on stdin ({"id": ..., "docs": ["text", ...]}) and write
    /// one digest per line on stdout ({"id": ..., "sentences": [{"text", "sources"}, ...]}), in input order.
    Batch {
        #[command(flatten)]
        budget: BudgetArgs,
        /// Stories summarized at once (default: one per core, or RAYON_NUM_THREADS). Output
        /// stays in input order whatever the number.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
        threads: Option<u64>,
    },
    /// Print each file's article text without boilerplate; with --format json, an array of
    /// {"name", "title", "date", "site", "byline", "text", "removed": [{"text", "reason"}]}.
    Clean {
        /// Article files: .txt, .md, .html, .htm.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format (markdown is the same as text here).
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Args, Clone, Copy)]
struct BudgetArgs {
    /// At most N sentences (default 7 when no other limit is given).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    sentences: Option<u64>,
    /// At most N words: a hard limit.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    max_words: Option<u64>,
    /// About N words: entries are added until the digest reaches N words, the last one may run
    /// past it.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..),
          conflicts_with_all = ["max_words", "ratio"])]
    target_words: Option<u64>,
    /// At most this fraction of the story's words, in (0, 1].
    #[arg(long, value_name = "R")]
    ratio: Option<f64>,
}

impl BudgetArgs {
    fn config(self) -> Config {
        let words = self.max_words.or(self.target_words);
        let budget = match (self.sentences, words, self.ratio) {
            (None, None, None) => Budget::default(),
            (sentences, words, ratio) => {
                Budget { sentences: sentences.map(|n| n as usize), words: words.map(|n| n as usize), ratio }
            }
        };
        let word_limit = if self.target_words.is_some() { WordLimit::Target } else { WordLimit::Hard };
        Config { budget, word_limit, ..Config::default() }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Markdown,
    Json,
}

/// What became of the inputs, which decides the exit status.
#[derive(Default)]
struct Outcome {
    failed: usize,
    succeeded: usize,
}

impl Outcome {
    fn exit_code(&self) -> ExitCode {
        match (self.failed, self.succeeded) {
            (0, _) => ExitCode::SUCCESS,
            (_, 0) => ExitCode::from(3),
            _ => ExitCode::from(1),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Batch { budget, threads }) => batch(&budget.config(), threads.map(|n| n as usize)),
        Some(Command::Clean { files, format }) => clean_files(&files, format),
        None => digest_files(&cli.files, cli.format, &cli.budget.config()),
    };
    match result {
        Ok(outcome) => outcome.exit_code(),
        Err(e) => {
            eprintln!("newsdigest: {e}");
            ExitCode::from(3)
        }
    }
}

fn digest_files(files: &[PathBuf], format: Format, config: &Config) -> Result<Outcome, Box<dyn std::error::Error>> {
    if files.is_empty() {
        return Err("no files given (try --help)".into());
    }
    let mut outcome = Outcome::default();
    let mut sources = Vec::new();
    for path in files {
        match std::fs::read(path) {
            Ok(bytes) => sources.push(Source::bytes(path.display().to_string(), bytes)),
            Err(e) => {
                eprintln!("newsdigest: {}: cannot read: {e}", path.display());
                outcome.failed += 1;
            }
        }
    }
    if sources.is_empty() {
        return Ok(outcome);
    }
    let digest = match newsdigest::summarize(&sources, config) {
        Ok(digest) => digest,
        Err(e) => {
            eprintln!("newsdigest: {e}");
            outcome.failed += sources.len();
            return Ok(outcome);
        }
    };
    for info in &digest.sources {
        match &info.error {
            Some(problem) => {
                eprintln!("newsdigest: {}: {problem}", info.name);
                outcome.failed += 1;
            }
            None => outcome.succeeded += 1,
        }
    }
    let rendered = match format {
        Format::Text => render_text(&digest),
        Format::Markdown => render_markdown(&digest),
        Format::Json => serde_json::to_string_pretty(&digest)? + "\n",
    };
    io::stdout().lock().write_all(rendered.as_bytes())?;
    Ok(outcome)
}

fn clean_files(files: &[PathBuf], format: Format) -> Result<Outcome, Box<dyn std::error::Error>> {
    let mut outcome = Outcome::default();
    let mut cleaned = Vec::new();
    for path in files {
        let name = path.display().to_string();
        let result = std::fs::read(path).map_err(|e| format!("{name}: cannot read: {e}")).and_then(|bytes| {
            newsdigest::clean(&Source::bytes(name, bytes), &Config::default()).map_err(|e| e.to_string())
        });
        match result {
            Ok(c) => {
                outcome.succeeded += 1;
                cleaned.push(c);
            }
            Err(e) => {
                eprintln!("newsdigest: {e}");
                outcome.failed += 1;
            }
        }
    }
    let mut out = BufWriter::new(io::stdout().lock());
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &cleaned)?;
            out.write_all(b"\n")?;
        }
        Format::Text | Format::Markdown => {
            for c in &cleaned {
                writeln!(out, "== {} ==", c.name)?;
                if let Some(title) = &c.title {
                    writeln!(out, "# {title}\n")?;
                }
                writeln!(out, "{}\n", c.text)?;
            }
        }
    }
    out.flush()?;
    Ok(outcome)
}

/// A story of the batch input. `docs` are texts, or objects with a name.
#[derive(Deserialize)]
struct Story {
    #[serde(default)]
    id: serde_json::Value,
    docs: Vec<Doc>,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug, PartialEq))]
#[serde(untagged)]
enum Doc {
    Text(String),
    Named { name: String, text: String },
}

/// [`Story`] read without serde's buffering of untagged enums: `Doc`'s
/// derived `Deserialize` first copies each doc into a `Content` value (the
/// text a second time when it has escapes) and then tries the variants on
/// it. This reads a doc straight into its `String`. It accepts a string, or
/// a map with a `name` and a `text`; anything else (an error, or a form
/// `Story` also takes, such as a `[name, text]` array) is read again as
/// `Story`, whose result or message is the one given.
#[derive(Deserialize)]
struct FastStory {
    #[serde(default)]
    id: serde_json::Value,
    docs: Vec<FastDoc>,
}

struct FastDoc(Doc);

impl<'de> Deserialize<'de> for FastDoc {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<FastDoc, D::Error> {
        use serde::de::value::MapAccessDeserializer;

        #[derive(Deserialize)]
        struct Named {
            name: String,
            text: String,
        }

        struct DocVisitor;

        impl<'de> serde::de::Visitor<'de> for DocVisitor {
            type Value = Doc;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a text, or a name and a text")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Doc, E> {
                Ok(Doc::Text(text.to_owned()))
            }

            fn visit_string<E: serde::de::Error>(self, text: String) -> Result<Doc, E> {
                Ok(Doc::Text(text))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Doc, A::Error> {
                let Named { name, text } = Named::deserialize(MapAccessDeserializer::new(map))?;
                Ok(Doc::Named { name, text })
            }
        }

        deserializer.deserialize_any(DocVisitor).map(FastDoc)
    }
}

/// A line of `batch` read as a story: by [`json::read`] when it has the
/// common shape, else by [`FastStory`], or on an error [`Story`] for its
/// message.
fn parse_story(line: &str) -> serde_json::Result<Story> {
    if let Some(story) = json::read::story(line) {
        return Ok(story);
    }
    match serde_json::from_str::<FastStory>(line) {
        Ok(FastStory { id, docs }) => Ok(Story { id, docs: docs.into_iter().map(|FastDoc(doc)| doc).collect() }),
        Err(_) => serde_json::from_str(line),
    }
}

/// A digest line as serde_json writes it: [`json`]'s reference.
#[cfg(all(test, not(target_arch = "wasm32")))]
#[derive(Serialize)]
struct BatchDigest<'a> {
    id: &'a serde_json::Value,
    #[serde(flatten)]
    digest: &'a Digest,
}

#[derive(Serialize)]
struct BatchError<'a> {
    id: &'a serde_json::Value,
    line: usize,
    error: String,
}

/// Streams stories through, one line out per line in, in input order, and
/// keeps every core busy: lines are read in chunks of a few per thread (and
/// at most [`CHUNK_BYTES`]), a chunk's stories are summarized in parallel,
/// and their lines written in order before the next chunk is read. So memory
/// does not grow with the number of stories. A bad line gives an error line
/// (and a message on stderr) and the next line is read as usual.
fn batch(config: &Config, threads: Option<usize>) -> Result<Outcome, Box<dyn std::error::Error>> {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads.unwrap_or(0)).build()?;
    let chunk_lines = 4 * pool.current_num_threads();
    let mut lines = Lines::new(io::BufReader::with_capacity(READ_BYTES, io::stdin().lock())).enumerate();
    let mut out = BufWriter::new(io::stdout().lock());
    let mut outcome = Outcome::default();
    loop {
        let mut chunk: Vec<(usize, String)> = Vec::with_capacity(chunk_lines);
        let mut bytes = 0;
        let mut read_error = None;
        while chunk.len() < chunk_lines && bytes < CHUNK_BYTES {
            match lines.next() {
                None => break,
                Some((_, Err(e))) => {
                    read_error = Some(e);
                    break;
                }
                Some((_, Ok(line))) if line.trim().is_empty() => {}
                Some((n, Ok(line))) => {
                    bytes += line.len();
                    chunk.push((n + 1, line));
                }
            }
        }
        if chunk.is_empty() && read_error.is_none() {
            break;
        }
        let done: Vec<Done> = pool.install(|| chunk.par_iter().map(|(n, line)| batch_line(*n, line, config)).collect());
        drop(chunk);
        for d in done {
            for message in &d.messages {
                eprintln!("newsdigest: {message}");
            }
            out.write_all(&d.json)?;
            out.write_all(b"\n")?;
            // A line with a digest succeeded; a failed source of it still
            // makes the status 1, like a failed file of a single story.
            if d.digest {
                outcome.succeeded += 1;
            }
            if !d.messages.is_empty() {
                outcome.failed += 1;
            }
        }
        if let Some(e) = read_error {
            out.flush()?;
            return Err(e.into());
        }
    }
    out.flush()?;
    Ok(outcome)
}

/// A chunk of `batch` holds at most about this much input.
const CHUNK_BYTES: usize = 64 << 20;

/// `batch` reads its input this much at a time: most lines then lie whole
/// in the buffer and are copied out in one piece.
const READ_BYTES: usize = 1 << 16;

/// The lines of the batch input as [`BufRead::lines`] gives them: cut at
/// `\n`, a `\r` before it dropped, a last line without `\n` kept, a line
/// that is not UTF-8 an `InvalidData` error with std's message (the next
/// call reads on). But the newline is found by `memchr`'s vector search:
/// `lines()` goes through core's byte-word search (3.5 M instructions on
/// the 200 stories). The UTF-8 check stays std's, once per line.
struct Lines<R> {
    input: R,
}

impl<R: BufRead> Lines<R> {
    fn new(input: R) -> Self {
        Lines { input }
    }
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = io::Result<String>;

    fn next(&mut self) -> Option<io::Result<String>> {
        let mut line = Vec::new();
        loop {
            let available = match self.input.fill_buf() {
                Ok(available) => available,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Some(Err(e)),
            };
            if available.is_empty() {
                if line.is_empty() {
                    return None;
                }
                break;
            }
            match memchr::memchr(b'\n', available) {
                Some(at) => {
                    line.extend_from_slice(&available[..at]);
                    self.input.consume(at + 1);
                    if line.last() == Some(&b'\r') {
                        line.pop();
                    }
                    break;
                }
                None => {
                    let read = available.len();
                    line.extend_from_slice(available);
                    self.input.consume(read);
                }
            }
        }
        Some(
            String::from_utf8(line)
                .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "stream did not contain valid UTF-8")),
        )
    }
}

/// One line of `batch`, done: its output line, its messages for stderr (one
/// per failed source, or the line's error), and whether the line is a digest
/// (rather than an error line).
struct Done {
    json: Vec<u8>,
    messages: Vec<String>,
    digest: bool,
}

fn batch_line(line_number: usize, line: &str, config: &Config) -> Done {
    let story = match parse_story(line) {
        Ok(story) => story,
        Err(e) => {
            let error = format!("line {line_number}: invalid JSON: {e}");
            let json = to_json(&BatchError { id: &serde_json::Value::Null, line: line_number, error: error.clone() });
            return Done { json, messages: vec![error], digest: false };
        }
    };
    let sources: Vec<Source> = story
        .docs
        .into_iter()
        .enumerate()
        .map(|(i, doc)| match doc {
            Doc::Text(text) => Source::text(format!("docs[{i}]"), text),
            Doc::Named { name, text } => Source::text(name, text),
        })
        .collect();
    match newsdigest::summarize(&sources, config) {
        Ok(digest) => {
            let messages: Vec<String> = digest
                .sources
                .iter()
                .filter_map(|info| Some(format!("line {line_number}: {}: {}", info.name, info.error.as_deref()?)))
                .collect();
            let json = digest_json(&story.id, &digest);
            Done { json, messages, digest: true }
        }
        Err(e) => {
            let error = format!("line {line_number}: {e}");
            let json = to_json(&BatchError { id: &story.id, line: line_number, error: error.clone() });
            Done { json, messages: vec![error], digest: false }
        }
    }
}

/// Serializing our own output types cannot fail.
fn to_json(value: &impl Serialize) -> Vec<u8> {
    buffered(|buffer| serde_json::to_writer(buffer, value).expect("JSON output"))
}

/// The JSON of [`BatchDigest`], byte for byte as serde_json writes it (the
/// tests compare them), written by [`json`]: serde_json's string escaping
/// tests every byte through a table, and a digest line is nearly all
/// strings (each entry's text twice, as itself and as a variant).
fn digest_json(id: &serde_json::Value, digest: &Digest) -> Vec<u8> {
    buffered(|out| json::batch_digest(out, id, digest))
}

/// What `write` writes, into a buffer the thread keeps, then copied out at
/// its size: a new `Vec` would grow by doubling, a dozen reallocations and
/// copies for a digest line.
fn buffered(write: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    thread_local! {
        static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    }
    BUFFER.with_borrow_mut(|buffer| {
        buffer.clear();
        write(buffer);
        buffer.clone()
    })
}

/// A JSON writer for the batch's digest lines, the same bytes as
/// serde_json's compact output of the derived `Serialize` (field order as
/// declared, `None` as `null`). The structs are destructured whole, so a
/// new field does not compile until it is written here too.
mod json {
    use newsdigest::{Digest, Entry, SourceInfo, Span, Variant};
    use serde::Serialize;

    pub fn batch_digest(out: &mut Vec<u8>, id: &serde_json::Value, digest: &Digest) {
        let Digest { title, date, sentences, sources } = digest;
        out.extend_from_slice(b"{\"id\":");
        serde_value(out, id);
        out.extend_from_slice(b",\"title\":");
        option_str(out, title);
        out.extend_from_slice(b",\"date\":");
        option_str(out, date);
        out.extend_from_slice(b",\"sentences\":");
        list(out, sentences, entry);
        out.extend_from_slice(b",\"sources\":");
        list(out, sources, source_info);
        out.push(b'}');
    }

    fn entry(out: &mut Vec<u8>, entry: &Entry) {
        let Entry { text, source, sources, score, variants } = entry;
        out.extend_from_slice(b"{\"text\":");
        str(out, text);
        out.extend_from_slice(b",\"source\":");
        usize(out, *source);
        out.extend_from_slice(b",\"sources\":");
        list(out, sources, |out, s| usize(out, *s));
        out.extend_from_slice(b",\"score\":");
        serde_value(out, score);
        out.extend_from_slice(b",\"variants\":");
        list(out, variants, variant);
        out.push(b'}');
    }

    fn variant(out: &mut Vec<u8>, variant: &Variant) {
        let Variant { source, text, span: Span { start, end } } = variant;
        out.extend_from_slice(b"{\"source\":");
        usize(out, *source);
        out.extend_from_slice(b",\"text\":");
        str(out, text);
        out.extend_from_slice(b",\"span\":{\"start\":");
        usize(out, *start);
        out.extend_from_slice(b",\"end\":");
        usize(out, *end);
        out.extend_from_slice(b"}}");
    }

    fn source_info(out: &mut Vec<u8>, info: &SourceInfo) {
        let SourceInfo { name, language, words, sentences, used, title, date, site, byline, stale, error } = info;
        out.extend_from_slice(b"{\"name\":");
        str(out, name);
        out.extend_from_slice(b",\"language\":");
        option_str(out, language);
        out.extend_from_slice(b",\"words\":");
        usize(out, *words);
        out.extend_from_slice(b",\"sentences\":");
        usize(out, *sentences);
        out.extend_from_slice(b",\"used\":");
        usize(out, *used);
        out.extend_from_slice(b",\"title\":");
        option_str(out, title);
        out.extend_from_slice(b",\"date\":");
        option_str(out, date);
        out.extend_from_slice(b",\"site\":");
        option_str(out, site);
        out.extend_from_slice(b",\"byline\":");
        option_str(out, byline);
        out.extend_from_slice(b",\"stale\":");
        out.extend_from_slice(if *stale { b"true" } else { b"false" });
        out.extend_from_slice(b",\"error\":");
        option_str(out, error);
        out.push(b'}');
    }

    fn list<T>(out: &mut Vec<u8>, items: &[T], mut item: impl FnMut(&mut Vec<u8>, &T)) {
        out.push(b'[');
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            item(out, x);
        }
        out.push(b']');
    }

    /// The story's id (any JSON value) and the scores (ryu's shortest
    /// digits, `null` when not finite) as serde_json writes them.
    fn serde_value(out: &mut Vec<u8>, value: &impl Serialize) {
        serde_json::to_writer(&mut *out, value).expect("JSON output");
    }

    fn option_str(out: &mut Vec<u8>, s: &Option<String>) {
        match s {
            Some(s) => str(out, s),
            None => out.extend_from_slice(b"null"),
        }
    }

    /// In decimal, as itoa (serde_json's) and `Display` write it: two
    /// digits a step from a table, half the divisions of one at a time.
    pub fn usize(out: &mut Vec<u8>, mut n: usize) {
        const PAIRS: &[u8; 200] = b"00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899";
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        while n >= 100 {
            let pair = 2 * (n % 100);
            n /= 100;
            at -= 2;
            digits[at..at + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
        }
        if n >= 10 {
            at -= 2;
            digits[at..at + 2].copy_from_slice(&PAIRS[2 * n..2 * n + 2]);
        } else {
            at -= 1;
            digits[at] = b'0' + n as u8;
        }
        out.extend_from_slice(&digits[at..]);
    }

    /// Bytes looked at together: a block without a byte to escape, the
    /// common case, is found by one branch-free test (vectorised) and
    /// copied whole.
    const BLOCK: usize = 16;

    fn needs_escape(b: u8) -> bool {
        // `|`, not `||`: no branches, so a block's test is vectorised.
        (b < 0x20) | (b == b'"') | (b == b'\\')
    }

    /// A JSON string as serde_json writes it: a quote and a backslash
    /// escaped with a backslash, control bytes as the short escapes (`\n`,
    /// `\t`, ...) or `\u00xx` (lower-case hex), everything else (DEL,
    /// non-ASCII) as it is.
    pub fn str(out: &mut Vec<u8>, s: &str) {
        let bytes = s.as_bytes();
        out.reserve(bytes.len() + 2);
        out.push(b'"');
        // Bytes before `start` are written.
        let mut start = 0;
        let mut blocks = bytes.chunks_exact(BLOCK);
        let mut at = 0;
        for block in &mut blocks {
            if block.iter().fold(false, |any, &b| any | needs_escape(b)) {
                for (i, &b) in block.iter().enumerate() {
                    if needs_escape(b) {
                        out.extend_from_slice(&bytes[start..at + i]);
                        escape(out, b);
                        start = at + i + 1;
                    }
                }
            }
            at += BLOCK;
        }
        for (i, &b) in blocks.remainder().iter().enumerate() {
            if needs_escape(b) {
                out.extend_from_slice(&bytes[start..at + i]);
                escape(out, b);
                start = at + i + 1;
            }
        }
        out.extend_from_slice(&bytes[start..]);
        out.push(b'"');
    }

    /// Bytes a string's reader looks at together: a block without a special
    /// byte is passed by one branch-free test (vectorised).
    const READ_BLOCK: usize = 16;

    /// The first byte at or after `at` that a JSON string cannot hold as it
    /// is (a quote, a backslash or a control byte), or the end.
    fn next_special(bytes: &[u8], mut at: usize) -> usize {
        while let Some(block) = bytes.get(at..).and_then(|rest| rest.first_chunk::<READ_BLOCK>()) {
            if block.iter().fold(false, |any, &b| any | is_special(b)) {
                // Where in the block, a word of 8 bytes at a time.
                let (low, high) = block.split_at(8);
                let low = special_bytes(u64::from_le_bytes(low.try_into().unwrap()));
                let high = special_bytes(u64::from_le_bytes(high.try_into().unwrap()));
                let first = if low != 0 { low.trailing_zeros() } else { 64 + high.trailing_zeros() };
                return at + first as usize / 8;
            }
            at += READ_BLOCK;
        }
        while bytes.get(at).is_some_and(|&b| !is_special(b)) {
            at += 1;
        }
        at
    }

    /// [`needs_escape`] as one compare with zero: each term is zero just
    /// for a quote, a backslash, a control byte (which vectorises to fewer
    /// instructions than three compares).
    fn is_special(b: u8) -> bool {
        (b ^ b'"').min(b ^ b'\\').min(b & 0xe0) == 0
    }

    /// The high bit of each byte of `word` (little-endian) that is special,
    /// exact up to the first such byte (a set bit above it may be a
    /// borrow's): the classic test for a zero byte, on the three terms of
    /// [`is_special`].
    fn special_bytes(word: u64) -> u64 {
        const ONES: u64 = u64::from_le_bytes([1; 8]);
        let zero = |x: u64| x.wrapping_sub(ONES) & !x & (ONES << 7);
        zero(word ^ (ONES * u64::from(b'"'))) | zero(word ^ (ONES * u64::from(b'\\'))) | zero(word & (ONES * 0xe0))
    }

    /// A batch line of the common shape read without serde_json, whose
    /// string reading (a byte at a time through its escape table, every
    /// string copied into a scratch buffer first) was the largest cost of
    /// the input side. It reads an object with the keys `id` (a string, a
    /// number, `null`, `true` or `false`), `docs` (an array of strings) and
    /// any others with a string value, keys without escapes, strings whose
    /// escapes are all valid (surrogates in pairs). Anything else, errors
    /// included, gives `None` and the caller reads the line with serde_json,
    /// whose result or message is then the one given. What it reads, it
    /// reads as serde_json does (the tests compare them).
    pub mod read {
        use super::next_special;
        use crate::{Doc, Story};
        use std::ops::Range;

        pub fn story(line: &str) -> Option<Story> {
            let mut r = Reader { line, at: 0, scratch: String::new() };
            let mut id = None;
            let mut docs = None;
            r.space();
            r.eat(b'{')?;
            loop {
                r.space();
                r.eat(b'"')?;
                let key = match r.str()? {
                    Text::Raw(range) => &line[range],
                    Text::Scratch => return None,
                };
                r.space();
                r.eat(b':')?;
                r.space();
                match key {
                    "id" if id.is_none() => id = Some(r.id()?),
                    "docs" if docs.is_none() => docs = Some(r.docs()?),
                    // serde_json: "duplicate field".
                    "id" | "docs" => return None,
                    _ => {
                        r.eat(b'"')?;
                        r.str()?;
                    }
                }
                r.space();
                match r.next()? {
                    b',' => {}
                    b'}' => break,
                    _ => return None,
                }
            }
            r.space();
            if r.at != line.len() {
                return None;
            }
            Some(Story { id: id.unwrap_or(serde_json::Value::Null), docs: docs? })
        }

        /// A string's text: `line[range]` when it has no escapes, else the
        /// reader's scratch buffer.
        enum Text {
            Raw(Range<usize>),
            Scratch,
        }

        struct Reader<'a> {
            line: &'a str,
            /// Bytes before it are read.
            at: usize,
            /// A string with escapes is decoded here, then copied out at its
            /// size (as serde_json does).
            scratch: String,
        }

        impl Reader<'_> {
            fn next(&mut self) -> Option<u8> {
                let b = *self.line.as_bytes().get(self.at)?;
                self.at += 1;
                Some(b)
            }

            fn eat(&mut self, expected: u8) -> Option<()> {
                (self.next()? == expected).then_some(())
            }

            /// JSON's whitespace, as serde_json skips it.
            fn space(&mut self) {
                while matches!(self.line.as_bytes().get(self.at), Some(b' ' | b'\n' | b'\t' | b'\r')) {
                    self.at += 1;
                }
            }

            fn id(&mut self) -> Option<serde_json::Value> {
                use serde_json::Value;
                let bytes = self.line.as_bytes();
                let rest = &bytes[self.at..];
                let (value, len) = match *rest.first()? {
                    b'"' => {
                        self.at += 1;
                        return self.string().map(Value::String);
                    }
                    b'n' if rest.starts_with(b"null") => (Value::Null, 4),
                    b't' if rest.starts_with(b"true") => (Value::Bool(true), 4),
                    b'f' if rest.starts_with(b"false") => (Value::Bool(false), 5),
                    b'-' | b'0'..=b'9' => {
                        // The number's bytes, read by serde_json itself: an
                        // invalid one is an error there (e.g. trailing
                        // characters), so `None`.
                        let len = rest
                            .iter()
                            .take_while(|b| matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
                            .count();
                        (serde_json::from_str(&self.line[self.at..self.at + len]).ok()?, len)
                    }
                    _ => return None,
                };
                self.at += len;
                Some(value)
            }

            fn docs(&mut self) -> Option<Vec<Doc>> {
                let mut docs = Vec::new();
                self.eat(b'[')?;
                self.space();
                if self.line.as_bytes().get(self.at) == Some(&b']') {
                    self.at += 1;
                    return Some(docs);
                }
                loop {
                    self.space();
                    self.eat(b'"')?;
                    docs.push(Doc::Text(self.string()?));
                    self.space();
                    match self.next()? {
                        b',' => {}
                        b']' => return Some(docs),
                        _ => return None,
                    }
                }
            }

            /// A string after its opening quote, as an owned `String`.
            fn string(&mut self) -> Option<String> {
                Some(match self.str()? {
                    Text::Raw(range) => self.line[range].to_owned(),
                    Text::Scratch => self.scratch.as_str().to_owned(),
                })
            }

            /// A string after its opening quote, read past its closing
            /// quote. Runs without a special byte are found a block at a
            /// time and copied whole; a control byte is an error (`None`).
            fn str(&mut self) -> Option<Text> {
                let bytes = self.line.as_bytes();
                let start = self.at;
                let mut at = next_special(bytes, start);
                if *bytes.get(at)? == b'"' {
                    self.at = at + 1;
                    return Some(Text::Raw(start..at));
                }
                self.scratch.clear();
                let mut run = start;
                loop {
                    match *bytes.get(at)? {
                        b'"' => {
                            self.scratch.push_str(&self.line[run..at]);
                            self.at = at + 1;
                            return Some(Text::Scratch);
                        }
                        b'\\' => {
                            self.scratch.push_str(&self.line[run..at]);
                            self.at = at + 1;
                            let c = self.escape()?;
                            self.scratch.push(c);
                            run = self.at;
                        }
                        _ => return None,
                    }
                    at = next_special(bytes, self.at);
                }
            }

            /// The character of an escape, after its backslash. `\u` escapes
            /// of surrogates must come in a (leading, trailing) pair, which
            /// is one character; serde_json rejects a lone one in a string it
            /// keeps (and accepts it in one it skips: `None` here, the
            /// fallback then reads it).
            fn escape(&mut self) -> Option<char> {
                Some(match self.next()? {
                    b'"' => '"',
                    b'\\' => '\\',
                    b'/' => '/',
                    b'b' => '\x08',
                    b'f' => '\x0c',
                    b'n' => '\n',
                    b'r' => '\r',
                    b't' => '\t',
                    b'u' => {
                        let n = self.hex4()?;
                        match n {
                            0xD800..=0xDBFF => {
                                self.eat(b'\\')?;
                                self.eat(b'u')?;
                                let n2 = self.hex4()?;
                                if !(0xDC00..=0xDFFF).contains(&n2) {
                                    return None;
                                }
                                char::from_u32(0x1_0000 + ((n - 0xD800) << 10) + (n2 - 0xDC00))?
                            }
                            _ => char::from_u32(n)?,
                        }
                    }
                    _ => return None,
                })
            }

            /// Four hex digits, either case (as serde_json takes them).
            fn hex4(&mut self) -> Option<u32> {
                let digits = self.line.as_bytes().get(self.at..self.at + 4)?;
                let mut n = 0;
                for &d in digits {
                    n = n * 16 + char::from(d).to_digit(16)?;
                }
                self.at += 4;
                Some(n)
            }
        }
    }

    #[cold]
    fn escape(out: &mut Vec<u8>, b: u8) {
        let short = match b {
            b'"' => b'"',
            b'\\' => b'\\',
            0x08 => b'b',
            0x0c => b'f',
            b'\n' => b'n',
            b'\r' => b'r',
            b'\t' => b't',
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]);
                return;
            }
        };
        out.extend_from_slice(&[b'\\', short]);
    }
}

/// Source tags are 1-based numbers, listed under the digest.
fn tags(sources: &[usize]) -> String {
    sources.iter().map(|s| (s + 1).to_string()).collect::<Vec<_>>().join(", ")
}

fn source_line(info: &newsdigest::SourceInfo) -> String {
    let mut facts: Vec<String> = [&info.site, &info.date, &info.language].into_iter().flatten().cloned().collect();
    facts.push(format!("{} of {} sentences used", info.used, info.sentences));
    if info.stale {
        facts.push("much older than the story".to_owned());
    }
    if let Some(problem) = &info.error {
        facts = vec![format!("not used: {problem}")];
    }
    format!("{} ({})", info.name, facts.join(", "))
}

fn render_text(d: &Digest) -> String {
    let mut out = String::new();
    if let Some(title) = &d.title {
        out += &format!("{title}\n{}\n\n", "=".repeat(title.chars().count().min(80)));
    }
    let total = d.sources.iter().filter(|s| s.error.is_none()).count();
    for e in &d.sentences {
        out += &format!("* {} [{}] ({} of {total})\n", e.text, tags(&e.sources), e.sources.len());
    }
    out += "\nSources:\n";
    for (i, info) in d.sources.iter().enumerate() {
        out += &format!("  [{}] {}\n", i + 1, source_line(info));
    }
    out
}

fn render_markdown(d: &Digest) -> String {
    let mut out = String::new();
    if let Some(title) = &d.title {
        out += &format!("# {title}\n\n");
    }
    for e in &d.sentences {
        let refs: Vec<String> = e.sources.iter().map(|s| format!("[{}]", s + 1)).collect();
        out += &format!("- {} {}\n", e.text, refs.join(""));
    }
    out += "\n## Sources\n\n";
    for (i, info) in d.sources.iter().enumerate() {
        out += &format!("{}. {}\n", i + 1, source_line(info));
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use newsdigest::{Entry, SourceInfo, Span, Variant};
    use proptest::prelude::*;

    fn json_str(s: &str) -> Vec<u8> {
        let mut out = b"stays".to_vec();
        json::str(&mut out, s);
        out.split_off(5)
    }

    proptest! {
        #[test]
        fn str_is_serde_jsons(s in any::<String>()) {
            prop_assert_eq!(json_str(&s), serde_json::to_vec(&s).unwrap());
        }

        /// Runs of plain text (long enough to fill blocks) between bytes to
        /// escape, DEL and non-ASCII.
        #[test]
        fn str_with_escapes_is_serde_jsons(
            parts in proptest::collection::vec(("[a-z \u{e9}\u{20ac}\u{1f600}]{0,70}", "[\u{0}-\u{1f}\"\\\\\u{7f}]{0,3}"), 0..8),
        ) {
            let s: String = parts.into_iter().flat_map(|(plain, odd)| [plain, odd]).collect();
            prop_assert_eq!(json_str(&s), serde_json::to_vec(&s).unwrap());
        }

        #[test]
        fn usize_is_decimal(n in any::<usize>()) {
            let mut out = Vec::new();
            json::usize(&mut out, n);
            prop_assert_eq!(out, n.to_string().into_bytes());
        }
    }

    #[test]
    fn usize_edges() {
        for n in [0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 12_345, 10_203_040, usize::MAX] {
            let mut out = Vec::new();
            json::usize(&mut out, n);
            assert_eq!(out, n.to_string().into_bytes());
        }
    }

    fn info(name: &str, some: bool) -> SourceInfo {
        let text = |s: &str| some.then(|| s.to_owned());
        SourceInfo {
            name: name.to_owned(),
            language: text("en"),
            words: 1234,
            sentences: 56,
            used: 7,
            title: text("A \"title\"\n"),
            date: text("2024-01-02"),
            site: text("Site\\"),
            byline: text("By \u{1}someone"),
            stale: some,
            error: text("no article text"),
        }
    }

    #[test]
    fn digest_json_is_serde_jsons() {
        let entry = |text: &str, score: f64| Entry {
            text: text.to_owned(),
            source: 1,
            sources: vec![0, 1, 12],
            score,
            variants: vec![
                Variant { source: 0, text: format!("{text} \t(0)"), span: Span { start: 0, end: 10 } },
                Variant { source: 1, text: text.to_owned(), span: Span { start: 123_456, end: 123_999 } },
            ],
        };
        let digests = [
            Digest { title: None, date: None, sentences: vec![], sources: vec![] },
            Digest {
                title: Some("Title \u{1f600}".to_owned()),
                date: Some("2024-01-02".to_owned()),
                sentences: vec![
                    entry("He said \"no\".", 4.512692347042586),
                    entry("", 0.0),
                    entry("x", 1e-7),
                    entry("y", f64::NAN),
                    entry("z", 1e300),
                ],
                sources: vec![info("a", true), info("b\"", false)],
            },
        ];
        let ids = [
            serde_json::Value::Null,
            serde_json::json!("e45a\"b"),
            serde_json::json!(12),
            serde_json::json!({"a": [1, 2.5, "x"]}),
        ];
        for digest in &digests {
            for id in &ids {
                let expected = serde_json::to_vec(&BatchDigest { id, digest }).unwrap();
                assert_eq!(String::from_utf8(digest_json(id, digest)).unwrap(), String::from_utf8(expected).unwrap());
            }
        }
    }

    /// Real digests: the German story of tests/stories as one batch line.
    #[test]
    fn story_digest_json_is_serde_jsons() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/stories/de-ezb");
        let mut sources: Vec<Source> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .map(|p| Source::bytes(p.display().to_string(), std::fs::read(&p).unwrap()))
            .collect();
        sources.sort_by(|a, b| a.name().cmp(b.name()));
        let digest = newsdigest::summarize(&sources, &Config::default()).unwrap();
        assert!(!digest.sentences.is_empty());
        let id = serde_json::json!("de-ezb");
        let expected = serde_json::to_vec(&BatchDigest { id: &id, digest: &digest }).unwrap();
        assert_eq!(String::from_utf8(digest_json(&id, &digest)).unwrap(), String::from_utf8(expected).unwrap());
    }

    /// Gives its bytes a few at a time, as a pipe may.
    struct Trickle<'a> {
        bytes: &'a [u8],
        step: usize,
    }

    impl io::Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.step.min(buf.len()).min(self.bytes.len());
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    fn shown(lines: impl Iterator<Item = io::Result<String>>) -> Vec<Result<String, String>> {
        lines.map(|l| l.map_err(|e| format!("{:?}: {e}", e.kind()))).collect()
    }

    proptest! {
        /// The same lines and errors as `BufRead::lines`, whatever the
        /// buffer and read sizes: lines across reads, `\r` before `\n` or
        /// alone, a last line without `\n`, empty lines, bad UTF-8 (a
        /// sequence cut by a newline too), and the lines after it.
        #[test]
        fn lines_are_those_of_bufread(
            parts in proptest::collection::vec(prop_oneof![
                Just(&b"a"[..]), Just(&b"\n"[..]), Just(&b"\r"[..]), Just(&b"\r\n"[..]), Just(&b" "[..]),
                Just(&b"\xc3\xa9"[..]), Just(&b"\xc3"[..]), Just(&b"\xff"[..]), Just(&b"{\"id\": 1}"[..]),
            ], 0..60),
            capacity in 1usize..12,
            step in 1usize..9,
        ) {
            let bytes = parts.concat();
            let ours = shown(Lines::new(io::BufReader::with_capacity(capacity, Trickle { bytes: &bytes, step })));
            let std = shown(io::BufReader::with_capacity(3, Trickle { bytes: &bytes, step }).lines());
            prop_assert_eq!(ours, std);
        }
    }

    /// `s` as a JSON string with its characters escaped in turn as serde_json
    /// writes them, as `\u` escapes (either hex case, pairs above the BMP),
    /// or `/` as `\/`, as `how` picks for each.
    fn escaped(s: &str, how: &[u8]) -> String {
        let mut out = String::from("\"");
        for (i, c) in s.chars().enumerate() {
            match how.get(i % how.len().max(1)).copied().unwrap_or(0) % 4 {
                1 => {
                    let mut units = [0; 2];
                    for unit in c.encode_utf16(&mut units) {
                        out += &format!("\\u{unit:04x}");
                    }
                }
                2 => {
                    let mut units = [0; 2];
                    for unit in c.encode_utf16(&mut units) {
                        out += &format!("\\u{unit:04X}");
                    }
                }
                3 if c == '/' => out += "\\/",
                _ => {
                    let quoted = serde_json::to_string(&c.to_string()).unwrap();
                    out += &quoted[1..quoted.len() - 1];
                }
            }
        }
        out + "\""
    }

    /// The fast reader's story, checked against serde_json's `Story` when
    /// it reads one.
    fn read_checked(line: &str) -> Option<(serde_json::Value, Vec<Doc>)> {
        let ours = json::read::story(line).map(|s| (s.id, s.docs));
        if let Some(ours) = &ours {
            let theirs = serde_json::from_str::<Story>(line).map(|s| (s.id, s.docs));
            assert_eq!(Some(ours), theirs.as_ref().ok(), "{line}");
        }
        ours
    }

    /// Pieces of lines: good and bad strings, escapes, numbers, keys and
    /// punctuation, for lines the fast reader must read as serde_json does
    /// or leave to it.
    const PIECES: &[&str] = &[
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        " ",
        "\t",
        "\r\n",
        "\"id\"",
        "\"docs\"",
        "\"summary\"",
        "\"i\\u0064\"",
        "\"x\"",
        "\"a\\\"b\"",
        "\"\\ud83d\\ude00\"",
        "\"\\ud83d\"",
        "\"\\udc00\"",
        "\"\\ud83d\\u0041\"",
        "\"\\u00e9\\u00E9\"",
        "\"\\q\"",
        "\"\\u12\"",
        "\"\\u12g4\"",
        "\"tab\tin\"",
        "\"nul\u{0}\"",
        "\"\u{7f}é€😀\"",
        "\"\\\\\"",
        "\"\\/\\b\\f\\n\\r\\t\"",
        "\"",
        "\\",
        "1",
        "-0.5e3",
        "01",
        "1.",
        "-",
        "1e999",
        "18446744073709551616",
        "null",
        "nul",
        "true",
        "false",
        "é",
        "{\"a\": 1}",
        "[\"n\", \"t\"]",
        "{\"id\": \"s\", \"docs\": [\"a b c d e f g h i j k l m n o p q r s\\n\\n\\\"t\\\" u\"]",
    ];

    proptest! {
        /// Any string, escaped in any way serde_json reads, reads as the
        /// same text.
        #[test]
        fn read_string_is_serde_jsons(s in any::<String>(), how in proptest::collection::vec(any::<u8>(), 0..8), plain in "[a-z \"\\\\\n\t/\u{1}-\u{1f}é]{0,80}") {
            for s in [&s, &plain] {
                let line = format!("{{\"docs\": [{}]}}", escaped(s, &how));
                prop_assert_eq!(read_checked(&line), Some((serde_json::Value::Null, vec![Doc::Text(s.clone())])));
            }
            // Control bytes left raw: serde_json's error, so not read here.
            let raw = plain.replace('\\', "\\\\").replace('"', "\\\"");
            for line in [format!("{{\"docs\": [\"{raw}\"]}}"), format!("{{\"docs\": [], \"summary\": \"{raw}\"}}")] {
                let read = read_checked(&line);
                prop_assert_eq!(read.is_some(), !raw.bytes().any(|b| b < 0x20));
            }
        }

        /// Any story object serde_json writes (every id kind, other fields,
        /// any key order and spacing) is read, and read as serde_json does.
        #[test]
        fn read_story_is_serde_jsons(
            id in prop_oneof![
                Just(None),
                any::<String>().prop_map(|s| Some(serde_json::json!(s))),
                any::<i64>().prop_map(|n| Some(serde_json::json!(n))),
                any::<u64>().prop_map(|n| Some(serde_json::json!(n))),
                any::<f64>().prop_filter("finite", |x| x.is_finite()).prop_map(|x| Some(serde_json::json!(x))),
                any::<bool>().prop_map(|b| Some(serde_json::json!(b))),
                Just(Some(serde_json::Value::Null)),
            ],
            docs in proptest::collection::vec(any::<String>(), 0..4),
            others in proptest::collection::vec(("[a-z]{0,6}", any::<String>()), 0..3),
            order in any::<u8>(),
            pretty in any::<bool>(),
        ) {
            let mut fields: Vec<(String, serde_json::Value)> = others.into_iter().filter(|(k, _)| k != "id" && k != "docs").map(|(k, v)| (k, serde_json::json!(v))).collect();
            fields.insert(usize::from(order) % (fields.len() + 1), ("docs".to_owned(), serde_json::json!(docs)));
            if let Some(id) = &id {
                fields.insert(usize::from(order / 7) % (fields.len() + 1), ("id".to_owned(), id.clone()));
            }
            let body: Vec<String> = fields.iter().map(|(k, v)| format!("{}:{}{}", serde_json::to_string(k).unwrap(), if pretty { " " } else { "" }, v)).collect();
            let line = if pretty { format!(" {{ {} }}\t", body.join(" ,\t")) } else { format!("{{{}}}", body.join(",")) };
            // serde_json reads a float back as the nearest it finds, not
            // always the one written.
            let id = id.map_or(serde_json::Value::Null, |id| serde_json::from_str(&id.to_string()).unwrap());
            let expected = (id, docs.into_iter().map(Doc::Text).collect());
            prop_assert_eq!(read_checked(&line), Some(expected));
        }

        /// Lines of good and bad pieces: what the fast reader reads, it
        /// reads as serde_json does (`read_checked`); parse_story gives
        /// what `Story` gives, messages included.
        #[test]
        fn read_any_line_is_serde_jsons(pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..24)) {
            let line = pieces.concat();
            read_checked(&line);
            // The pieces as a story's values, a shape read more often.
            let (id, rest) = pieces.split_at(pieces.len() / 3);
            let (docs, summary) = rest.split_at(rest.len() / 2);
            read_checked(&format!("{{\"id\": {}, \"docs\": [{}], \"summary\": {}}}", id.concat(), docs.concat(), summary.concat()));
            let old = serde_json::from_str::<Story>(&line).map(|s| (s.id, s.docs)).map_err(|e| e.to_string());
            let new = parse_story(&line).map(|s| (s.id, s.docs)).map_err(|e| e.to_string());
            prop_assert_eq!(new, old);
        }
    }

    /// parse_story gives what `Story` gives: the same docs, or the same error.
    #[test]
    fn parse_story_is_storys() {
        let lines = [
            r#"{"id": "a", "docs": ["plain", "with \"escapes\"\n\u00e9", ""]}"#,
            r#"{"docs": [{"name": "n", "text": "t\n"}, {"text": "t", "name": "n", "extra": [1]}]}"#,
            r#"{"docs": [["n", "t"]]}"#,
            r#"{"id": 5, "docs": [], "other": {"x": "y"}}"#,
            r#"{"id": 5, "docs": [1]}"#,
            r#"{"id": 5, "docs": ["a", null]}"#,
            r#"{"id": 5, "docs": [{"name": "n"}]}"#,
            r#"{"id": 5, "docs": [{"name": "n", "text": "t", "name": "m"}]}"#,
            r#"{"id": 5, "docs": [["n"]]}"#,
            r#"{"id": 5, "docs": [["n", "t", "u"]]}"#,
            r#"{"id": 5, "docs": ["a" "b"]}"#,
            r#"{"id": 5}"#,
            r#"["a"]"#,
            r#"{"docs": ["a"]} x"#,
            r#"{"docs": ["a\x"]}"#,
        ];
        for line in lines {
            let old = serde_json::from_str::<Story>(line).map(|s| (s.id, s.docs)).map_err(|e| e.to_string());
            let new = parse_story(line).map(|s| (s.id, s.docs)).map_err(|e| e.to_string());
            assert_eq!(new, old, "{line}");
        }
        // The fast path itself reads the good ones.
        for line in [lines[0], lines[1], lines[3]] {
            assert!(serde_json::from_str::<FastStory>(line).is_ok(), "{line}");
        }
    }
}
