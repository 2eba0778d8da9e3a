//! Loading a library of 1,000 generated scenarios of realistic size (`cargo bench --bench load`).
//!
//! Three ways to read the same files, in one criterion group with byte throughput:
//!
//! - `load_and_check`: [`Library::from_sources`], i.e. casesim's span-keeping RON parser, the
//!   deserializer into the raw types, and the semantic checker (against the built-in units).
//!   Building each [`Source`] (its line index) is timed too; copying the texts is not.
//! - `ron_from_str`: bare `ron::from_str` into the same raw types, no checks.
//! - `serde_json_from_str`: `serde_json::from_str` of the same data as JSON, for scale.
//!
//! After criterion, a median-of-5 timing of each (interleaved, by wall time and by the thread's
//! CPU time, which other load on a shared machine disturbs less) prints a summary table with the
//! throughputs, the ratio load+check ÷ ron (target ≥ 0.8: checking and diagnostics may cost at
//! most a quarter of the parse itself), and ron ÷ serde_json (reported, not targeted).
//!
//! Results are dropped outside the timed region in every case, so all three are compared on
//! producing their values, not on freeing them.

#[path = "gen/mod.rs"]
mod scenario_gen;

mod common;
use common::{median, thread_cpu};

use std::hint::black_box;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use casesim::scenario::raw::ScenarioFile;
use casesim::scenario::{Library, Source};
use criterion::{BatchSize, Criterion, SamplingMode, Throughput, criterion_group};

/// How many scenario files the library has.
const FILES: usize = 1000;
/// Load + check must reach at least this fraction of bare ron's throughput.
const TARGET: f64 = 0.8;
/// Runs per measurement in the summary table (the median is reported).
const RUNS: usize = 5;

struct Data {
    names: Vec<String>,
    ron: Vec<String>,
    json: Vec<String>,
    /// Bytes of RON text in the whole library.
    bytes: u64,
    json_bytes: u64,
}

fn data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(Data::new)
}

impl Data {
    fn new() -> Data {
        let started = Instant::now();
        let ron: Vec<String> = (0..FILES).map(scenario_gen::scenario).collect();
        let names: Vec<String> = (0..FILES)
            .map(|i| format!("generated/home-care-{i:04}.ron"))
            .collect();
        let bytes: u64 = ron.iter().map(|t| t.len() as u64).sum();
        let (min, max) = ron.iter().fold((usize::MAX, 0), |(lo, hi), t| {
            (lo.min(t.len()), hi.max(t.len()))
        });

        // The library must load cleanly, or the benchmark measures error paths.
        let library = load_and_check(&names, ron.clone());
        let errors = library.errors();
        let shown: Vec<String> = library
            .diagnostics
            .iter()
            .take(10)
            .map(|d| format!("{d:?}"))
            .collect();
        assert_eq!(
            errors,
            0,
            "generated library has errors:\n{}",
            shown.join("\n")
        );
        assert_eq!(library.scenarios.len(), FILES);
        let warnings = library.warnings();
        drop(library);

        // Bare ron must accept every file, and JSON is written from what ron read.
        let parsed: Vec<ScenarioFile> = ron
            .iter()
            .zip(&names)
            .map(|(text, name)| {
                ron::from_str(text).unwrap_or_else(|e| panic!("ron cannot read {name}: {e}"))
            })
            .collect();
        let json: Vec<String> = parsed
            .iter()
            .map(|f| serde_json::to_string(f).expect("serialize to JSON"))
            .collect();
        drop(parsed);
        for (text, name) in json.iter().zip(&names) {
            if let Err(e) = serde_json::from_str::<ScenarioFile>(text) {
                panic!("serde_json cannot read {name} back: {e}");
            }
        }
        let json_bytes: u64 = json.iter().map(|t| t.len() as u64).sum();

        println!(
            "generated {FILES} scenarios: {:.1} MB of RON ({:.1}–{:.1} KB per file, mean {:.1} KB), \
             {:.1} MB as JSON; load + check: 0 errors, {warnings} warnings ({:.1?} to set up)",
            mb(bytes),
            min as f64 / 1024.0,
            max as f64 / 1024.0,
            bytes as f64 / FILES as f64 / 1024.0,
            mb(json_bytes),
            started.elapsed(),
        );
        Data {
            names,
            ron,
            json,
            bytes,
            json_bytes,
        }
    }
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

fn load_and_check(names: &[String], texts: Vec<String>) -> Library {
    let sources = names
        .iter()
        .zip(texts)
        .map(|(name, text)| Source::new(name.as_str(), text))
        .collect();
    Library::from_sources(sources)
}

fn ron_all(texts: &[String]) -> Vec<ScenarioFile> {
    texts
        .iter()
        .map(|t| ron::from_str(t).expect("ron"))
        .collect()
}

fn json_all(texts: &[String]) -> Vec<ScenarioFile> {
    texts
        .iter()
        .map(|t| serde_json::from_str(t).expect("serde_json"))
        .collect()
}

fn bench_load(c: &mut Criterion) {
    let d = data();
    let mut group = c.benchmark_group("load");
    group.throughput(Throughput::Bytes(d.bytes));
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function("load_and_check", |b| {
        b.iter_batched(
            || d.ron.clone(),
            |texts| load_and_check(&d.names, texts),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("ron_from_str", |b| {
        b.iter_batched(
            || (),
            |()| ron_all(black_box(&d.ron)),
            BatchSize::PerIteration,
        )
    });
    // Same data, same throughput base (the RON bytes), so the three rates compare directly.
    group.bench_function("serde_json_from_str", |b| {
        b.iter_batched(
            || (),
            |()| json_all(black_box(&d.json)),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .nresamples(10_000);
    targets = bench_load
}

/// Wall and thread CPU time of one run of `f`; `setup` is untimed and so is dropping the result.
fn time<S, T>(setup: impl FnOnce() -> S, f: impl FnOnce(S) -> T) -> (Duration, Option<Duration>) {
    let input = setup();
    let cpu = thread_cpu();
    let start = Instant::now();
    let out = black_box(f(input));
    let elapsed = start.elapsed();
    let cpu = cpu.zip(thread_cpu()).map(|(a, b)| b.saturating_sub(a));
    drop(out);
    (elapsed, cpu)
}

fn summary() {
    let d = data();
    // Interleaved rounds, so load from other processes on the machine falls on all three alike.
    let mut runs: [Vec<(Duration, Option<Duration>)>; 3] = Default::default();
    for _ in 0..RUNS {
        runs[0].push(time(
            || d.ron.clone(),
            |texts| load_and_check(&d.names, texts),
        ));
        runs[1].push(time(|| (), |()| ron_all(&d.ron)));
        runs[2].push(time(|| (), |()| json_all(&d.json)));
    }
    let wall = |k: usize| median(runs[k].iter().map(|r| r.0).collect());
    let cpu = |k: usize| -> Option<Duration> {
        let v: Option<Vec<Duration>> = runs[k].iter().map(|r| r.1).collect();
        v.map(median)
    };
    let rate = |t: Duration| mb(d.bytes) / t.as_secs_f64();
    let ms = |t: Duration| format!("{:.0} ms", t.as_secs_f64() * 1e3);
    println!();
    println!(
        "Summary: median of {RUNS} interleaved runs over {FILES} files, {:.1} MB of RON \
         ({:.1} MB as JSON); MB/s are of the RON bytes (1 MB = 10^6 bytes)",
        mb(d.bytes),
        mb(d.json_bytes),
    );
    println!(
        "  {:<22} {:>10} {:>10} {:>12} {:>10}",
        "", "wall", "MB/s", "thread CPU", "MB/s"
    );
    for (k, name) in ["load_and_check", "ron_from_str", "serde_json_from_str"]
        .into_iter()
        .enumerate()
    {
        let (c, cr) = match cpu(k) {
            Some(c) => (ms(c), format!("{:.1}", rate(c))),
            None => ("n/a".to_owned(), "n/a".to_owned()),
        };
        println!(
            "  {name:<22} {:>10} {:>10.1} {c:>12} {cr:>10}",
            ms(wall(k)),
            rate(wall(k))
        );
    }
    // Throughput ratio a ÷ b is time b ÷ time a.
    let ratio = |a: Duration, b: Duration| b.as_secs_f64() / a.as_secs_f64();
    let cpu_ratio = |a: usize, b: usize| cpu(a).zip(cpu(b)).map(|(x, y)| ratio(x, y));
    let verdict = |r: f64| if r >= TARGET { "MET" } else { "NOT MET" };
    let show = |r: Option<f64>| r.map_or("n/a".to_owned(), |r| format!("{r:.2}"));
    let (load_wall, load_cpu) = (ratio(wall(0), wall(1)), cpu_ratio(0, 1));
    println!(
        "  load+check ÷ ron       {load_wall:>10.2} {:>23}   target ≥ {TARGET}: {} by wall time{}",
        show(load_cpu),
        verdict(load_wall),
        load_cpu.map_or(String::new(), |r| format!(", {} by CPU time", verdict(r))),
    );
    println!(
        "  ron ÷ serde_json       {:>10.2} {:>23}   reported, not targeted",
        ratio(wall(1), wall(2)),
        show(cpu_ratio(1, 2))
    );
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not, and then criterion runs
    // each benchmark once as a test, so the summary's timing is skipped.
    let benching = std::env::args().any(|a| a == "--bench");
    data();
    benches();
    Criterion::default().configure_from_args().final_summary();
    if benching {
        summary();
    }
}
