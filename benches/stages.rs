//! Criterion benchmarks of every stage and of the whole pipeline, in MB/s of
//! input text (every stage of one input reports against the same byte count,
//! the input's, so the stages' rates add up like their times).
//!
//! Inputs: the seeds; the 200 Multi-News stories one by one; and all of them
//! as one story of 570 articles. Run with `scripts/bench.sh` or
//! `cargo bench --features bench-internals --bench stages`.

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use newsdigest::{Budget, Config, bench, summarize};

use common::Story;

fn config() -> Config {
    Config { budget: Budget::words(300), ..Config::default() }
}

/// Every stage, and the pipeline, over `stories` (each summarized alone).
fn stages(c: &mut Criterion, name: &str, stories: &[Story]) {
    let config = config();
    let bytes: usize = stories.iter().map(|s| s.bytes).sum();
    let docs: Vec<bench::Docs> = stories.iter().map(|s| bench::clean(&s.sources)).collect();
    let segs: Vec<bench::Segments> = docs.iter().map(bench::segment).collect();
    let scores: Vec<bench::Scores> = segs.iter().map(|s| bench::score(s, &config)).collect();
    let groups: Vec<bench::Groups> = segs.iter().zip(&scores).map(|(s, sc)| bench::merge(s, sc, &config)).collect();

    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Bytes(bytes as u64));
    if bytes > 1_000_000 {
        g.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5));
    }
    g.bench_function("1-clean", |b| {
        b.iter(|| stories.iter().map(|s| bench::clean(black_box(&s.sources)).len()).sum::<usize>())
    });
    g.bench_function("2a-split", |b| b.iter(|| docs.iter().map(|d| bench::split(black_box(d))).sum::<usize>()));
    g.bench_function("2-segment", |b| {
        b.iter(|| docs.iter().map(|d| bench::segment(black_box(d)).sentences()).sum::<usize>())
    });
    g.bench_function("3-score", |b| {
        b.iter(|| segs.iter().map(|s| bench::score(black_box(s), &config).sentences()).sum::<usize>())
    });
    g.bench_function("4-merge", |b| {
        b.iter(|| segs.iter().zip(&scores).map(|(s, sc)| bench::merge(black_box(s), sc, &config).len()).sum::<usize>())
    });
    g.bench_function("5-select", |b| {
        b.iter_batched(
            || groups.clone(),
            |groups| {
                segs.iter()
                    .zip(&scores)
                    .zip(groups)
                    .map(|((s, sc), g)| bench::select(black_box(s), g, sc, &config))
                    .sum::<usize>()
            },
            BatchSize::LargeInput,
        )
    });
    g.bench_function("pipeline", |b| {
        b.iter(|| stories.iter().filter_map(|s| summarize(black_box(&s.sources), &config).ok()).count())
    });
    g.finish();
}

fn benches(c: &mut Criterion) {
    stages(c, "seeds", &[common::seeds()]);
    let Some(dir) = common::data_dir("the Multi-News benchmarks") else {
        return;
    };
    let stories = common::multinews(&dir);
    stages(c, "multinews-200-stories", &stories);
    stages(c, "multinews-one-570-article-story", &[common::concat(&stories, 1)]);
}

criterion_group!(all, benches);
criterion_main!(all);
