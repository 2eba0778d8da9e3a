//! Cold start: launching casesim until its first frame, against a bare eframe window
//! (`cargo bench --bench startup`).
//!
//! Build the programs first: `cargo build --release --examples --bins`. This benchmark builds
//! nothing itself; it runs `target/release/casesim` (with `CASESIM_EXIT_AFTER_FIRST_FRAME`, so
//! it closes itself after its first frame with the scenarios loaded and the start screen drawn)
//! and `target/release/examples/bare_window` (one label, closed after its first frame), taking
//! turns, `RUNS` times each after one untimed run of each. Every run gets a fresh, empty
//! `CASESIM_DATA_DIR` and `LIBGL_ALWAYS_SOFTWARE=1` (the same software OpenGL for both).
//! Timed: wall time from spawning the process to its exit. Target: casesim's median within
//! 1.2× of the bare window's.
//!
//! It needs a display: without `DISPLAY` it says so and does nothing. On a machine without one,
//! run it under Xvfb:
//!
//! ```text
//! Xvfb :78 -screen 0 1280x800x24 &
//! DISPLAY=:78 cargo bench --bench startup
//! ```

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::median;

/// Timed runs of each program.
const RUNS: usize = 15;
/// Under `cargo test --benches`: one run of each, as a smoke test.
const SMOKE_RUNS: usize = 1;
/// casesim's median may take at most this many times the bare window's.
const TARGET_RATIO: f64 = 1.2;
/// A run that takes longer than this is stopped: the window did not close itself.
const TIMEOUT: Duration = Duration::from_secs(60);

/// Whether this is `cargo bench` (which passes `--bench`) rather than `cargo test --benches`.
fn benching() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// The folder holding the built programs: `target/release` under `cargo bench` (this
/// benchmark runs from `target/release/deps`).
fn programs_dir() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent()?.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/release"))
}

/// Launch `program` with `args` and wait for it to exit; the wall time it took.
fn launch(program: &Path, args: &[PathBuf]) -> Duration {
    let data = tempfile::tempdir().expect("temp dir");
    let start = Instant::now();
    let mut child = Command::new(program)
        .args(args)
        .env("CASESIM_DATA_DIR", data.path())
        .env("CASESIM_EXIT_AFTER_FIRST_FRAME", "1")
        .env("LIBGL_ALWAYS_SOFTWARE", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()));
    loop {
        if let Some(status) = child.try_wait().expect("waiting for the program") {
            let took = start.elapsed();
            if !status.success() {
                let mut stderr = String::new();
                if let Some(mut e) = child.stderr.take() {
                    let _ = std::io::Read::read_to_string(&mut e, &mut stderr);
                }
                panic!("{} failed ({status}):\n{stderr}", program.display());
            }
            return took;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "{} did not close itself within {TIMEOUT:?}",
                program.display()
            );
        }
        std::thread::sleep(Duration::from_micros(500));
    }
}

fn main() {
    if std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty()) {
        println!(
            "startup: skipped, no display (DISPLAY is not set). Run it under Xvfb:\n  \
             Xvfb :78 -screen 0 1280x800x24 &\n  DISPLAY=:78 cargo bench --bench startup"
        );
        return;
    }
    let dir = programs_dir();
    let casesim = dir.join(format!("casesim{}", std::env::consts::EXE_SUFFIX));
    let bare = dir
        .join("examples")
        .join(format!("bare_window{}", std::env::consts::EXE_SUFFIX));
    let missing: Vec<&PathBuf> = [&casesim, &bare]
        .into_iter()
        .filter(|p| !p.exists())
        .collect();
    if !missing.is_empty() {
        println!(
            "startup: skipped, not built: {}. Build them first:\n  \
             cargo build --release --examples --bins",
            missing
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
        return;
    }
    let scenarios = vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios")];

    let runs = if benching() { RUNS } else { SMOKE_RUNS };
    // One untimed run of each, so both start with the files they read in the page cache.
    launch(&bare, &[]);
    launch(&casesim, &scenarios);
    let mut times_bare = Vec::with_capacity(runs);
    let mut times_casesim = Vec::with_capacity(runs);
    for _ in 0..runs {
        times_bare.push(launch(&bare, &[]));
        times_casesim.push(launch(&casesim, &scenarios));
    }

    let ms = |t: Duration| t.as_secs_f64() * 1e3;
    let line = |name: &str, times: &[Duration]| {
        let (lo, hi) = (
            times.iter().min().copied().unwrap_or_default(),
            times.iter().max().copied().unwrap_or_default(),
        );
        println!(
            "  {name:<40} median {:>7.1} ms   min {:>7.1} ms   max {:>7.1} ms",
            ms(median(times.to_vec())),
            ms(lo),
            ms(hi)
        );
    };
    println!();
    println!(
        "Summary: launch to exit after the first frame, {runs} runs each, taking turns \
         (wall time; software OpenGL)"
    );
    line("bare eframe window (examples/bare_window)", &times_bare);
    line("casesim (bundled scenarios loaded)", &times_casesim);
    let ratio = ms(median(times_casesim)) / ms(median(times_bare));
    println!(
        "  casesim / bare: {ratio:.2}×; target ≤ {TARGET_RATIO}×: {}",
        if ratio <= TARGET_RATIO {
            "met"
        } else {
            "NOT met"
        }
    );
}
