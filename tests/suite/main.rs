//! The integration test suite: one binary, one module per area, shared helpers here.

mod bad_fixtures;
mod check;
mod engine;
mod format_guide;
mod golden;
mod golden_cod;
mod library;
mod map;
mod report_html;
mod scripts;
mod units;

use std::path::{Path, PathBuf};
use std::process::Output;

use casesim::scenario::{Library, Source};

/// The crate's root folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn scenarios_dir() -> PathBuf {
    root().join("scenarios")
}

/// Run the casesim binary with `args` in the crate root.
pub fn casesim(args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_casesim"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the casesim binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Load one in-memory file (plus the built-in units).
pub fn load_text(name: &str, text: &str) -> Library {
    Library::from_sources(vec![Source::new(name, text.to_owned())])
}

/// The diagnostics of a library as `code@line:col` strings, for compact assertions.
pub fn codes(library: &Library) -> Vec<String> {
    library
        .diagnostics
        .iter()
        .map(|d| format!("{}@{}:{}", d.code, d.line, d.column))
        .collect()
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("test file is readable")
}
