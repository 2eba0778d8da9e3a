//! Judging 10,000 attempts of realistic length (`cargo bench --bench judge`).
//!
//! Setup (untimed): every scenario in `scenarios/` that loads cleanly; for each, base runs of a
//! persistent random bot (uniform among `Session::possible_actions`, never handing in) of
//! `MAX_LEN` actions; then 10,000 attempts, each a base run cut at a length drawn from
//! `MIN_LEN..=MAX_LEN` and handed in. A prefix of a valid chained log is a valid chained log,
//! so every attempt is intact and complete ("ok"), and costs one bot run per base instead of one
//! per attempt (`possible_actions` tries every candidate on a clone of the session, which is
//! far slower than judging).
//!
//! Timed: `judge` of all 10,000 on `THREADS` threads (`std::thread::scope`), each taking chunks of
//! `CHUNK` attempts from a shared counter until none are left. Target: under 1 s.
//! After criterion, a summary prints the total and per-attempt time (median of `RUNS`) and a
//! breakdown on one thread, in thread CPU time: the hash chain (`Attempt::verify_chain`), the
//! replay (`Session::new` and `Session::replay` of every action, as the judge does it), rule
//! evaluation (`holds` of every rule's `requires` and `against` on the final state), rubric
//! matching (`rubric_results` of every step, part of rule evaluation where rules name concepts)
//! and the rest of `judge` (touched steps, evidence, descriptions, feedback: `judge` less the
//! parts timed apart, so it also holds whatever the parts cost more inside `judge`, e.g. in the
//! allocator); and, for comparison, replaying with `Session::apply`, which keeps a rollback copy
//! per action. For a sampling profile: `perf record --call-graph dwarf` on
//! `target/release/deps/judge-* --bench --profile-time 15`.

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

mod common;
use common::{median, process_cpu, thread_clock};

use casesim::cli::play::new_attempt;
use casesim::model::{Action, Attempt, Integrity, Mode, Overall, Scenario, Unit};
use casesim::scenario::Library;
use casesim::scoring::judge;
use casesim::sim::Session;
use criterion::{Criterion, SamplingMode, Throughput, criterion_group};
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};

/// How many attempts are judged.
const ATTEMPTS: usize = 10_000;
/// Attempt lengths (actions before the hand-in).
const MIN_LEN: usize = 50;
const MAX_LEN: usize = 150;
/// Base bot runs per scenario.
const BASES: usize = 64;
/// Under `cargo test --benches` (a debug build, run once as a smoke test): this many attempts
/// from this many base runs.
const SMOKE_ATTEMPTS: usize = 100;
const SMOKE_BASES: usize = 4;

/// Threads judging (the target machine has 2 cores).
const THREADS: usize = 2;
/// The target for judging all the attempts.
const TARGET: Duration = Duration::from_secs(1);
/// Runs per measurement in the summary (the median is reported).
const RUNS: usize = 3;

/// Whether this is `cargo bench` (which passes `--bench`) rather than `cargo test --benches`.
fn benching() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// (attempts, base runs per scenario) to generate.
fn sizes() -> (usize, usize) {
    if benching() {
        (ATTEMPTS, BASES)
    } else {
        (SMOKE_ATTEMPTS, SMOKE_BASES)
    }
}

struct Data {
    libraries: Vec<Library>,
    /// (library index, attempt).
    attempts: Vec<(usize, Attempt)>,
    actions: usize,
}

fn data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(Data::new)
}

fn scenario_paths() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("scenarios/ is readable")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    paths
}

/// A base run: a bot that never hands in, `MAX_LEN` actions long (or until nothing but
/// handing in is possible), and the simulated time after its last action.
fn base_run(scenario: &Scenario, seed: u64) -> (Attempt, String) {
    let mut attempt = new_attempt(scenario, "bench", seed, Mode::Assessment);
    let mut session = Session::new(scenario, seed);
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0xbe0c);
    let sim = |s: &Session<'_>| s.state().clock.format("%Y-%m-%d %H:%M").to_string();
    while attempt.records.len() < MAX_LEN {
        let mut choices = session.possible_actions();
        choices.retain(|a| *a != Action::HandIn);
        if choices.is_empty() {
            break;
        }
        let action = choices.swap_remove((rng.next_u64() % choices.len() as u64) as usize);
        let before = sim(&session);
        session
            .apply(&action)
            .unwrap_or_else(|e| panic!("{}: an offered action was refused: {e}", scenario.id()));
        attempt.push(action, "2026-01-01T00:00:00Z".into(), before);
    }
    let end = sim(&session);
    (attempt, end)
}

/// The first `len` actions of a base run, handed in.
fn cut(base: &(Attempt, String), len: usize) -> Attempt {
    let (attempt, end) = base;
    let len = len.min(attempt.records.len());
    let mut out = Attempt {
        header: attempt.header.clone(),
        records: attempt.records[..len].to_vec(),
    };
    let sim = attempt
        .records
        .get(len)
        .map_or(end.clone(), |r| r.sim.clone());
    out.push(Action::HandIn, "2026-01-01T00:00:00Z".into(), sim);
    out
}

/// Items a worker takes at a time from the shared queue.
const CHUNK: usize = 32;

/// Run `f` over `items` on `THREADS` threads, returning the results in the order of `items`.
/// Workers take chunks from a shared counter until none are left, so a thread that gets the
/// cheaper attempts does not sit idle while the other finishes (with a fixed split, e.g. every
/// other attempt, one thread would get all of one scenario's attempts).
fn on_threads<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, Vec<R>)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..THREADS)
            .map(|_| {
                let (f, next) = (&f, &next);
                s.spawn(move || {
                    let mut out = Vec::new();
                    loop {
                        let start = next.fetch_add(CHUNK, Ordering::Relaxed);
                        let Some(chunk) = items.get(start..(start + CHUNK).min(items.len())) else {
                            break;
                        };
                        if chunk.is_empty() {
                            break;
                        }
                        out.push((start, chunk.iter().map(f).collect::<Vec<R>>()));
                    }
                    out
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a worker panicked"))
            .collect()
    });
    done.sort_unstable_by_key(|(start, _)| *start);
    done.into_iter().flat_map(|(_, r)| r).collect()
}

impl Data {
    fn new() -> Data {
        let started = Instant::now();
        let (count, bases) = sizes();
        let libraries: Vec<Library> = scenario_paths()
            .into_iter()
            .filter_map(|path| {
                let library = Library::load(std::slice::from_ref(&path));
                if library.errors() == 0 && library.scenarios.len() == 1 {
                    Some(library)
                } else {
                    eprintln!("skipping {} (it does not load cleanly)", path.display());
                    None
                }
            })
            .collect();
        assert!(!libraries.is_empty(), "no scenario loads cleanly");

        let jobs: Vec<(usize, u64)> = (0..libraries.len())
            .flat_map(|l| (0..bases as u64).map(move |seed| (l, seed)))
            .collect();
        let runs = on_threads(&jobs, |&(l, seed)| {
            (l, base_run(&libraries[l].scenarios[0], seed))
        });
        let per_library: Vec<Vec<&(Attempt, String)>> = (0..libraries.len())
            .map(|l| runs.iter().filter(|b| b.0 == l).map(|b| &b.1).collect())
            .collect();

        let mut rng = ChaCha8Rng::seed_from_u64(10_000);
        let attempts: Vec<(usize, Attempt)> = (0..count)
            .map(|i| {
                let l = i % libraries.len();
                let base = per_library[l][(rng.next_u64() % bases as u64) as usize];
                let len = MIN_LEN + (rng.next_u64() % (MAX_LEN - MIN_LEN + 1) as u64) as usize;
                (l, cut(base, len))
            })
            .collect();

        // Every attempt must be intact and complete, or the benchmark measures error paths.
        let judgements = on_threads(&attempts, |(l, a)| {
            let lib = &libraries[*l];
            judge(&lib.scenarios[0], &lib.units, a)
        });
        let bad = judgements
            .iter()
            .filter(|j| j.integrity != Integrity::Ok.label())
            .count();
        assert_eq!(
            bad, 0,
            "{bad} generated attempts are not intact and complete"
        );
        let competent = judgements
            .iter()
            .filter(|j| j.overall == Overall::Competent)
            .count();

        let actions: usize = attempts.iter().map(|(_, a)| a.records.len()).sum();
        let (min, max) = attempts.iter().fold((usize::MAX, 0), |(lo, hi), (_, a)| {
            (lo.min(a.records.len()), hi.max(a.records.len()))
        });
        let names: Vec<&str> = libraries.iter().map(|l| l.scenarios[0].id()).collect();
        println!(
            "generated {count} attempts over {} ({bases} base runs each): {min}–{max} records, \
             mean {:.1}; all intact and complete, {competent} competent ({:.1?} to set up)",
            names.join(", "),
            actions as f64 / count as f64,
            started.elapsed(),
        );
        Data {
            libraries,
            attempts,
            actions,
        }
    }

    fn parts(&self, l: usize) -> (&Scenario, &[Unit]) {
        (&self.libraries[l].scenarios[0], &self.libraries[l].units)
    }
}

/// Judge every attempt on `THREADS` threads; the number of criteria judged S, so nothing is
/// optimised away.
fn judge_all(d: &Data) -> usize {
    on_threads(&d.attempts, |(l, a)| {
        let (scenario, units) = d.parts(*l);
        let j = judge(scenario, units, a);
        j.criteria
            .iter()
            .filter(|c| c.verdict == casesim::model::Verdict::S)
            .count()
    })
    .into_iter()
    .sum()
}

fn bench_judge(c: &mut Criterion) {
    let d = data();
    let mut group = c.benchmark_group("judge");
    group.throughput(Throughput::Elements(d.attempts.len() as u64));
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function(
        format!("judge_{}_on_{THREADS}_threads", d.attempts.len()),
        |b| b.iter(|| black_box(judge_all(black_box(d)))),
    );
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = bench_judge
}

/// Wall and process CPU time of `f`.
fn timed<T>(f: impl FnOnce() -> T) -> (Duration, Option<Duration>) {
    let cpu = process_cpu();
    let start = Instant::now();
    black_box(f());
    let wall = start.elapsed();
    (
        wall,
        cpu.zip(process_cpu()).map(|(a, b)| b.saturating_sub(a)),
    )
}

/// The parts of judging, summed over every attempt, on one thread.
#[derive(Clone, Copy, Default)]
struct Breakdown {
    judge: Duration,
    chain: Duration,
    new: Duration,
    replay: Duration,
    apply: Duration,
    rules: Duration,
    rubric: Duration,
}

/// Replay an attempt as the judge does (in place, no rollback copy), or with `apply` (a copy
/// of the session per action, as a live session does).
fn replay<'s>(scenario: &'s Scenario, a: &Attempt, in_place: bool) -> Session<'s> {
    let mut session = Session::new(scenario, a.header.seed);
    for r in &a.records {
        let done = if in_place {
            session.replay(&r.action)
        } else {
            session.apply(&r.action)
        };
        if done.is_err() {
            break;
        }
    }
    session
}

/// One pass of each part over all the attempts, on one thread, in thread CPU time.
fn breakdown(d: &Data) -> Breakdown {
    let each = |f: &dyn Fn(&Scenario, &[Unit], &Attempt)| {
        let start = thread_clock();
        for (l, a) in &d.attempts {
            let (scenario, units) = d.parts(*l);
            f(scenario, units, a);
        }
        thread_clock().saturating_sub(start)
    };
    let judged = each(&|s, u, a| {
        black_box(judge(s, u, a));
    });
    let chain = each(&|_, _, a| {
        black_box(a.verify_chain());
    });
    let new = each(&|s, _, a| {
        black_box(Session::new(s, a.header.seed));
    });
    let replayed = each(&|s, _, a| {
        black_box(replay(s, a, true));
    });
    let applied = each(&|s, _, a| {
        black_box(replay(s, a, false));
    });
    let finals: Vec<Session<'_>> = d
        .attempts
        .iter()
        .map(|(l, a)| replay(d.parts(*l).0, a, true))
        .collect();
    let over_finals = |f: &dyn Fn(&Scenario, &Session<'_>)| {
        let start = thread_clock();
        for ((l, _), session) in d.attempts.iter().zip(&finals) {
            f(d.parts(*l).0, session);
        }
        thread_clock().saturating_sub(start)
    };
    let rules = over_finals(&|scenario, session| {
        let mut held = 0;
        for rule in scenario.rules() {
            held += usize::from(session.holds(&rule.requires));
            held += rule
                .against
                .iter()
                .filter(|x| session.holds(&x.when))
                .count();
        }
        black_box(held);
    });
    let rubric = over_finals(&|scenario, session| {
        for (_, step) in scenario.steps() {
            black_box(session.rubric_results(&step.id.value));
        }
    });
    Breakdown {
        judge: judged,
        chain,
        new,
        replay: replayed.saturating_sub(new),
        apply: applied.saturating_sub(new),
        rules,
        rubric,
    }
}

fn summary() {
    let d = data();
    let runs: Vec<(Duration, Option<Duration>)> =
        (0..RUNS).map(|_| timed(|| judge_all(d))).collect();
    let wall = median(runs.iter().map(|r| r.0).collect());
    let cpu: Option<Vec<Duration>> = runs.iter().map(|r| r.1).collect();
    let cpu = cpu.map(median);
    let count = d.attempts.len();
    let per = |t: Duration| t.as_secs_f64() * 1e6 / count as f64;
    println!();
    println!(
        "Summary: judging {count} attempts ({} actions, {:.1} per attempt) on {THREADS} threads, \
         median of {RUNS} runs",
        d.actions,
        d.actions as f64 / count as f64
    );
    println!(
        "  total {:.3} s wall ({:.1} µs per attempt){}; target < {:.1} s: {}",
        wall.as_secs_f64(),
        per(wall),
        cpu.map_or(String::new(), |c| format!(", {:.3} s CPU", c.as_secs_f64())),
        TARGET.as_secs_f64(),
        if wall < TARGET { "MET" } else { "NOT MET" },
    );

    // Median of each part over RUNS passes.
    let passes: Vec<Breakdown> = (0..RUNS).map(|_| breakdown(d)).collect();
    let part = |f: fn(&Breakdown) -> Duration| median(passes.iter().map(f).collect());
    let b = Breakdown {
        judge: part(|b| b.judge),
        chain: part(|b| b.chain),
        new: part(|b| b.new),
        replay: part(|b| b.replay),
        apply: part(|b| b.apply),
        rules: part(|b| b.rules),
        rubric: part(|b| b.rubric),
    };
    let share = |t: Duration| 100.0 * t.as_secs_f64() / b.judge.as_secs_f64();
    let line = |name: &str, t: Duration| {
        println!(
            "  {name:<50} {:>7.3} s {:>8.1} µs/attempt {:>6.1} %",
            t.as_secs_f64(),
            per(t),
            share(t)
        )
    };
    println!(
        "Breakdown on one thread, in thread CPU time (10 ms ticks; median of {RUNS} passes per \
         part; shares of `judge`):"
    );
    line("judge (all of it)", b.judge);
    line("hash chain: Attempt::verify_chain", b.chain);
    line("replay: Session::new", b.new);
    line("replay: Session::replay of every action", b.replay);
    line("rules: holds(requires, against) of every rule", b.rules);
    line("  rubric: rubric_results of every step", b.rubric);
    let rest = b.judge.saturating_sub(b.chain + b.new + b.replay + b.rules);
    line(
        "rest (touched steps, evidence, descriptions, feedback)",
        rest,
    );
    line("(for comparison: Session::apply of every action)", b.apply);
    println!(
        "  per action: verify {:.2} µs, replay {:.2} µs, apply {:.2} µs",
        b.chain.as_secs_f64() * 1e6 / d.actions as f64,
        b.replay.as_secs_f64() * 1e6 / d.actions as f64,
        b.apply.as_secs_f64() * 1e6 / d.actions as f64,
    );
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not, and then criterion runs
    // the benchmark once as a test, so the summary's timing is skipped.
    let benching = benching();
    data();
    benches();
    Criterion::default().configure_from_args().final_summary();
    if benching {
        summary();
    }
}
