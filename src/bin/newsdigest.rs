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
#[serde(untagged)]
enum Doc {
    Text(String),
    Named { name: String, text: String },
}

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
    let mut lines = io::stdin().lock().lines().enumerate();
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

/// One line of `batch`, done: its output line, its messages for stderr (one
/// per failed source, or the line's error), and whether the line is a digest
/// (rather than an error line).
struct Done {
    json: Vec<u8>,
    messages: Vec<String>,
    digest: bool,
}

fn batch_line(line_number: usize, line: &str, config: &Config) -> Done {
    let story: Story = match serde_json::from_str(line) {
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
            let json = to_json(&BatchDigest { id: &story.id, digest: &digest });
            Done { json, messages, digest: true }
        }
        Err(e) => {
            let error = format!("line {line_number}: {e}");
            let json = to_json(&BatchError { id: &story.id, line: line_number, error: error.clone() });
            Done { json, messages: vec![error], digest: false }
        }
    }
}

/// Serializing our own output types cannot fail. Written into a buffer
/// each thread keeps, then copied out at its size: a new `Vec` would grow
/// by doubling, a dozen reallocations and copies for a digest line.
fn to_json(value: &impl Serialize) -> Vec<u8> {
    thread_local! {
        static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    }
    BUFFER.with_borrow_mut(|buffer| {
        buffer.clear();
        serde_json::to_writer(&mut *buffer, value).expect("JSON output");
        buffer.clone()
    })
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
