//! The command-line tool, run as a user runs it.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_newsdigest");

fn seed(name: &str) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let path = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(name));
    path.unwrap().display().to_string()
}

fn run(args: &[&str], stdin: &str) -> Output {
    run_bytes(args, stdin.as_bytes())
}

fn run_bytes(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn seed_text(name: &str) -> String {
    std::fs::read_to_string(seed(name)).unwrap()
}

fn words(s: &str) -> usize {
    unicode_segmentation::UnicodeSegmentation::unicode_words(s).count()
}

#[test]
fn files_give_a_readable_digest_with_source_tags() {
    let out = run(&[&seed("000"), &seed("001"), &seed("002")], "");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("[1, 2, 3]"), "{text}");
    assert!(text.contains("Sources:") && text.contains("001_689311aff9ac0c9a.txt"), "{text}");
}

#[test]
fn json_and_markdown_formats() {
    let out = run(&["--format", "json", "--sentences", "3", &seed("000"), &seed("002")], "");
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let sentences = v["sentences"].as_array().unwrap();
    assert_eq!(sentences.len(), 3);
    for s in sentences {
        assert!(s["text"].is_string() && s["sources"].is_array() && s["score"].is_number());
        assert!(s["variants"][0]["span"]["end"].as_u64() > s["variants"][0]["span"]["start"].as_u64());
    }
    assert_eq!(v["sources"].as_array().unwrap().len(), 2);

    let out = run(&["--format", "markdown", &seed("000"), &seed("002")], "");
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.lines().any(|l| l.starts_with("- ") && l.ends_with("[1][2]")), "{md}");
    assert!(md.contains("## Sources"));
}

#[test]
fn max_words_is_a_hard_limit() {
    for max in ["1", "15", "40", "100"] {
        let out = run(&["--format", "json", "--max-words", max, &seed("000"), &seed("001"), &seed("002")], "");
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        let total: usize = v["sentences"].as_array().unwrap().iter().map(|s| words(s["text"].as_str().unwrap())).sum();
        assert!(total <= max.parse().unwrap(), "{total} words for --max-words {max}");
    }
}

#[test]
fn target_words_is_reached_and_crossed_by_the_last_entry_only() {
    for target in [15usize, 40, 100] {
        let n = target.to_string();
        let out = run(&["--format", "json", "--target-words", &n, &seed("000"), &seed("001"), &seed("002")], "");
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        let lengths: Vec<usize> =
            v["sentences"].as_array().unwrap().iter().map(|s| words(s["text"].as_str().unwrap())).collect();
        let total: usize = lengths.iter().sum();
        assert!(total >= target, "{total} words for --target-words {target}");
        assert!(total - lengths.iter().max().unwrap() < target, "{lengths:?} for --target-words {target}");
    }
    let out = run(&["--target-words", "50", "--max-words", "50", &seed("000")], "");
    assert_eq!(out.status.code(), Some(2), "a target and a hard limit at once is a usage error");
}

#[test]
fn an_unreadable_and_an_empty_file_are_named_and_the_rest_is_summarized() {
    let dir = std::env::temp_dir().join(format!("newsdigest-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, "  \n").unwrap();
    let missing = dir.join("missing.txt");
    let out = run(&[&seed("000"), missing.to_str().unwrap(), empty.to_str().unwrap(), &seed("002")], "");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("missing.txt") && stderr.contains("cannot read"), "{stderr}");
    assert!(stderr.contains("empty.txt") && stderr.contains("empty"), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("[1, 3]"), "the good files are still summarized");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn nothing_usable_exits_3() {
    let out = run(&["/nonexistent/a.txt"], "");
    assert_eq!(out.status.code(), Some(3));
    let out = run(&[], "");
    assert_eq!(out.status.code(), Some(3));
}

#[test]
fn batch_writes_one_line_per_story_in_order_and_survives_bad_lines() {
    let story = |id: &str, docs: &[String]| serde_json::json!({"id": id, "docs": docs}).to_string();
    let input = [
        story("a", &[seed_text("000"), seed_text("001"), seed_text("002")]),
        "{not json".to_owned(),
        String::new(),
        story("empty", &["".to_owned(), "   ".to_owned()]),
        story("b", &[seed_text("004"), String::new()]),
    ]
    .join("\n");
    let out = run(&["batch", "--sentences", "4"], &input);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let v = lines(&out);
    assert_eq!(v.len(), 4, "one line per non-blank input line");
    assert_eq!(v[0]["id"], "a");
    let first = v[0]["sentences"].as_array().unwrap();
    assert_eq!(first.len(), 4);
    assert!(first.iter().any(|s| s["sources"].as_array().unwrap().len() >= 2));
    assert_eq!(v[1]["line"], 2);
    assert!(v[1]["error"].as_str().unwrap().contains("invalid JSON"));
    assert!(stderr.contains("line 2: invalid JSON"), "{stderr}");
    assert_eq!(v[2]["id"], "empty");
    assert!(v[2]["error"].as_str().unwrap().contains("docs[0]: empty"), "{}", v[2]);
    assert_eq!(v[3]["id"], "b");
    assert!(!v[3]["sentences"].as_array().unwrap().is_empty());
    assert_eq!(v[3]["sources"][1]["error"], "empty file");
    assert!(stderr.contains("line 5: docs[1]: empty file"), "{stderr}");
}

/// Lines ending in `\r\n` read as without the `\r`, blank ones skipped but
/// counted; a line that is not UTF-8 stops the batch (status 3, std's
/// message) after the lines read before it are written.
#[test]
fn batch_reads_crlf_lines_and_stops_at_invalid_utf8() {
    let story = serde_json::json!({"id": "a", "docs": [seed_text("000"), seed_text("001")]}).to_string();
    let mut input = format!("{story}\r\n\r\n{{not json\r\n").into_bytes();
    input.extend_from_slice(b"{\"docs\": [\"caf\xe9\"]}\n");
    input.extend_from_slice(format!("{story}\n").as_bytes());
    let out = run_bytes(&["batch", "--sentences", "2"], &input);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    let v = lines(&out);
    assert_eq!(v.len(), 2, "{v:?}");
    assert_eq!(v[0]["id"], "a");
    assert_eq!(v[0]["sentences"].as_array().unwrap().len(), 2);
    assert_eq!(v[1]["line"], 3);
    assert!(stderr.contains("line 3: invalid JSON: key must be a string at line 1 column 2\n"), "{stderr}");
    assert!(stderr.ends_with("newsdigest: stream did not contain valid UTF-8\n"), "{stderr}");
}

#[test]
fn batch_exit_status_counts_a_line_with_a_digest_as_summarized() {
    let story = |docs: &[String]| serde_json::json!({"id": "s", "docs": docs}).to_string();
    // One story, one of its sources empty: the digest is written, the
    // failed source named; some input failed (1), as for the same files.
    let out = run(&["batch"], &story(&[seed_text("000"), String::new(), seed_text("002")]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let v = lines(&out);
    assert!(!v[0]["sentences"].as_array().unwrap().is_empty());
    assert_eq!(v[0]["sources"][1]["error"], "empty file");
    assert!(stderr.contains("line 1: docs[1]: empty file"), "{stderr}");
    // Every source of the only story failed: nothing was summarized (3).
    let out = run(&["batch"], &story(&[String::new(), "  ".to_owned()]));
    assert_eq!(out.status.code(), Some(3), "{}", String::from_utf8_lossy(&out.stderr));
    // Only bad lines: 3 too; and a clean story beside a bad line: 1.
    assert_eq!(run(&["batch"], "{not json\n").status.code(), Some(3));
    let out = run(&["batch"], &format!("{}\n{{not json\n", story(&[seed_text("000")])));
    assert_eq!(out.status.code(), Some(1));
    // Every source used: 0.
    assert_eq!(run(&["batch"], &story(&[seed_text("000"), seed_text("002")])).status.code(), Some(0));
}

#[test]
fn batch_max_words_is_a_hard_limit() {
    let input = serde_json::json!({"id": 7, "docs": [seed_text("000"), seed_text("002")]}).to_string();
    let out = run(&["batch", "--max-words", "50"], &input);
    assert!(out.status.success());
    let v = lines(&out);
    assert_eq!(v[0]["id"], 7);
    let total: usize = v[0]["sentences"].as_array().unwrap().iter().map(|s| words(s["text"].as_str().unwrap())).sum();
    assert!(total <= 50 && total > 20, "{total}");
}

#[test]
fn batch_accepts_named_docs() {
    let input = serde_json::json!({"id": "n", "docs": [{"name": "ap", "text": seed_text("000")}]}).to_string();
    let out = run(&["batch"], &input);
    assert!(out.status.success());
    assert_eq!(lines(&out)[0]["sources"][0]["name"], "ap");
}

fn temp_dir(tag: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("newsdigest-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const PAGE: &str = r#"<!doctype html><html><head><meta charset="utf-8">
<title>Russia seeks more Iranian drones | Daily Planet</title>
<meta property="og:site_name" content="Daily Planet">
<meta property="article:published_time" content="2023-05-16T14:00:00Z">
<meta name="author" content="Lois Lane"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Russia seeks more Iranian drones</h1>
<p>The White House said on Monday that Russia is seeking to purchase additional advanced attack drones from Iran to aid its war against Ukraine.</p>
<p>Since August, Iran has provided Russia with more than 400 UAVs, primarily of the Shahed variety, a spokesman said.</p>
<div class="related-stories"><h3>Related</h3><ul><li><a href="/a">China threatens Taiwan</a></li><li><a href="/b">Putin on the brink</a></li></ul></div>
</article>
<section id="comments"><p>Great article! Subscribe to my channel for more drone videos and giveaways every week.</p></section>
<footer>© 2023 Daily Planet. All rights reserved.</footer></body></html>"#;

#[test]
fn clean_prints_the_article_and_what_was_removed() {
    let dir = temp_dir("clean");
    let page = dir.join("planet.html");
    std::fs::write(&page, PAGE).unwrap();
    let out = run(&["clean", "--format", "json", &seed("002"), page.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let (txt, html) = (&v[0], &v[1]);
    assert!(txt["name"].as_str().unwrap().ends_with("002_1a31a8fc8b0ace42.txt"));
    let body = txt["text"].as_str().unwrap();
    assert!(body.starts_with("The White House said on Monday"), "{body}");
    assert!(!body.contains("Benzinga does not provide investment advice"));
    let removed = txt["removed"].as_array().unwrap();
    assert!(removed.iter().any(|r| r["text"].as_str().unwrap().contains("partially produced with the help of AI")
        && !r["reason"].as_str().unwrap().is_empty()));

    assert_eq!(html["title"], "Russia seeks more Iranian drones");
    assert_eq!(html["date"], "2023-05-16");
    assert_eq!(html["site"], "Daily Planet");
    assert_eq!(html["byline"], "Lois Lane");
    let body = html["text"].as_str().unwrap();
    assert!(body.starts_with("The White House said on Monday"), "headline not in text: {body}");
    assert!(body.contains("more than 400 UAVs"));
    for junk in ["Home", "China threatens Taiwan", "Subscribe to my channel", "All rights reserved"] {
        assert!(!body.contains(junk), "{junk:?} left in {body}");
    }
    let out = run(&["clean", &seed("002")], "");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("== ") && text.contains("The White House said on Monday"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn html_pages_and_text_files_are_summarized_together_and_a_png_is_named() {
    let dir = temp_dir("mixed");
    let page = dir.join("planet.html");
    std::fs::write(&page, PAGE).unwrap();
    let png = dir.join("photo.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let out = run(&["--format", "json", &seed("000"), page.to_str().unwrap(), png.to_str().unwrap()], "");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("photo.png: binary file (PNG), not text"), "{stderr}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["sources"][2]["error"], "binary file (PNG), not text");
    let uavs = v["sentences"].as_array().unwrap().iter().find(|s| s["text"].as_str().unwrap().contains("400 UAVs"));
    assert_eq!(uavs.expect("the 400 UAVs entry")["sources"], serde_json::json!([0, 1]));
    std::fs::remove_dir_all(&dir).unwrap();
}
