//! Scaling: time and peak memory of the whole pipeline on one story of 1x,
//! 4x and 16x the input, and on a 5 MB story.
//!
//! The 1x story is every article of the 200 Multi-News stories (570
//! articles, 2.2 MB); Nx repeats it N times, each copy a source of its own.
//! Peak memory is the most heap the pipeline held at once on top of its
//! input (a counting global allocator), so it can be compared with the
//! input's size. Run with `scripts/bench.sh` or `cargo bench --bench scaling`;
//! prints a Markdown table.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use newsdigest::{Budget, Config, summarize};

/// The system allocator, counting live bytes and their high-water mark.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, layout, new_size) };
        if !q.is_null() {
            if new_size >= layout.size() {
                let live = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size - layout.size();
                PEAK.fetch_max(live, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs the pipeline on `story` (best time of `runs`); prints a table row.
fn row(label: &str, story: &common::Story, config: &Config, base: Option<(f64, usize)>, runs: usize) -> (f64, usize) {
    let mut best = f64::INFINITY;
    let mut peak = 0;
    let mut entries = 0;
    for _ in 0..runs {
        let before = LIVE.load(Ordering::Relaxed);
        PEAK.store(before, Ordering::Relaxed);
        let start = Instant::now();
        let digest = summarize(&story.sources, config).expect("a digest");
        let secs = start.elapsed().as_secs_f64();
        entries = digest.sentences.len();
        drop(digest);
        best = best.min(secs);
        peak = peak.max(PEAK.load(Ordering::Relaxed) - before);
    }
    let mb = story.bytes as f64 / 1e6;
    let growth = match base {
        Some((t, b)) => format!("{:.2}x", (best / t) / (story.bytes as f64 / b as f64)),
        None => "1.00x".into(),
    };
    println!(
        "| {label} | {} | {mb:.1} MB | {:.3} s | {:.1} MB/s | {growth} | {:.1} MB | {:.1}x | {entries} |",
        story.sources.len(),
        best,
        mb / best,
        peak as f64 / 1e6,
        peak as f64 / story.bytes as f64,
    );
    (best, story.bytes)
}

fn main() {
    // `cargo bench` passes `--bench`; any other argument names the rows to
    // run (`cargo bench --bench scaling -- 1x 5MB`), all of them by default.
    let only: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let wanted = |label: &str| only.is_empty() || only.iter().any(|o| o.replace(' ', "") == label.replace(' ', ""));
    let Some(dir) = common::data_dir("the scaling benchmark") else {
        return;
    };
    let stories = common::multinews(&dir);
    let budgets = [("--max-words 300", Budget::words(300)), ("--ratio 0.05", Budget::ratio(0.05))];
    for (name, budget) in budgets {
        let config = Config { budget, ..Config::default() };
        println!("\nBudget {name}:\n");
        println!(
            "| input | articles | size | time | MB/s | time per byte vs 1x | peak heap over input | peak / input | entries |"
        );
        println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        // The 1x row is the others' baseline, so it always runs.
        let one = common::concat(&stories, 1);
        let base = row("1x", &one, &config, None, 3);
        drop(one);
        if wanted("5 MB") {
            let five = common::first_bytes(&stories, 5_000_000);
            row("5 MB", &five, &config, Some(base), 2);
        }
        for n in [4, 16] {
            let label = format!("{n}x");
            if wanted(&label) {
                let story = common::concat(&stories, n);
                row(&label, &story, &config, Some(base), if n > 4 { 1 } else { 2 });
            }
        }
    }
}
