//! `eval-digest`: `newsdigest batch` with configuration overrides, for the
//! ablations of docs/quality.md. Reads stories as JSON lines on stdin, as
//! batch does (`{"id", "docs": [...]}`, each doc a text or `{"name", "text"}`),
//! writes one digest per line.
//!
//! Usage: eval-digest [--set FIELD=VALUE]... (--max-words N | --target-words N)
//! where FIELD is a numeric field of `newsdigest::Config` (or `fill_last`, 0
//! or 1, or `word_limit`, hard or target); options apply in order.

use std::io::{self, BufRead, BufWriter, Write};

use newsdigest::{Budget, Config, Source, WordLimit, summarize};
use serde::Deserialize;

/// A story, in the shapes `newsdigest batch` reads (src/bin/newsdigest.rs):
/// anything else is an error, not an empty article.
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

fn set(config: &mut Config, assignment: &str) -> Result<(), String> {
    let (field, value) = assignment.split_once('=').ok_or(format!("not FIELD=VALUE: {assignment}"))?;
    if field == "word_limit" {
        config.word_limit = match value {
            "hard" => WordLimit::Hard,
            "target" => WordLimit::Target,
            _ => return Err(format!("word_limit is hard or target, not {value}")),
        };
        return Ok(());
    }
    let number: f64 = value.parse().map_err(|_| format!("not a number: {value}"))?;
    match field {
        "merge_threshold" => config.merge_threshold = number,
        "redundancy_threshold" => config.redundancy_threshold = number,
        "position_weight" => config.position_weight = number,
        "support_weight" => config.support_weight = number,
        "min_words" => config.min_words = number as usize,
        "term_weight" => config.term_weight = number,
        "pair_weight" => config.pair_weight = number,
        "agreement_exponent" => config.agreement_exponent = number,
        "min_occurrences" => config.min_occurrences = number as usize,
        "headline_weight" => config.headline_weight = number,
        "length_exponent" => config.length_exponent = number,
        "fill_last" => config.fill_last = number != 0.0,
        _ => return Err(format!("unknown field: {field}")),
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut config = Config::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().ok_or(format!("{arg} needs a value"))?;
        match arg.as_str() {
            "--set" => set(&mut config, &value)?,
            "--max-words" => config.budget = Budget::words(value.parse()?),
            "--target-words" => {
                config.budget = Budget::words(value.parse()?);
                config.word_limit = WordLimit::Target;
            }
            _ => return Err(format!("unknown option {arg}").into()),
        }
    }
    let mut out = BufWriter::new(io::stdout().lock());
    for line in io::stdin().lock().lines() {
        let story: Story = serde_json::from_str(&line?)?;
        let sources: Vec<Source> = story
            .docs
            .into_iter()
            .enumerate()
            .map(|(i, doc)| match doc {
                Doc::Text(text) => Source::text(format!("docs[{i}]"), text),
                Doc::Named { name, text } => Source::text(name, text),
            })
            .collect();
        let digest = summarize(&sources, &config).ok();
        let sentences: Vec<&str> = digest.iter().flat_map(|d| d.sentences.iter().map(|e| e.text.as_str())).collect();
        let texts: Vec<serde_json::Value> = sentences.iter().map(|t| serde_json::json!({ "text": t })).collect();
        serde_json::to_writer(&mut out, &serde_json::json!({ "id": story.id, "sentences": texts }))?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
