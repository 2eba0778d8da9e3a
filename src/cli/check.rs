//! `casesim check`: load and check scenario and unit files, print every diagnostic.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use serde::Serialize;

use crate::scenario::{Diagnostic, Library, Summary};

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Files or folders to check (folders are searched for .ron files) [default: scenarios/]
    pub paths: Vec<PathBuf>,
    /// How to print diagnostics
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// `path:line:col: error|warning: message` with the source line, then a summary line
    Text,
    /// One JSON object with the summary and every diagnostic, for editors and CI
    Json,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    #[serde(flatten)]
    summary: Summary,
    diagnostics: &'a [Diagnostic],
}

/// Run the command; the exit code is 0 with no errors, 1 with errors.
pub fn run(args: CheckArgs, out: &mut dyn Write) -> anyhow::Result<i32> {
    let paths = super::default_paths(args.paths);
    let library = Library::load(&paths);
    let summary = Summary::of(library.files, &library.diagnostics);
    match args.format {
        CheckFormat::Text => {
            for d in &library.diagnostics {
                writeln!(out, "{}", d.render())?;
            }
            writeln!(out, "{summary}")?;
        }
        CheckFormat::Json => {
            let report = JsonReport {
                summary,
                diagnostics: &library.diagnostics,
            };
            serde_json::to_writer_pretty(&mut *out, &report)?;
            writeln!(out)?;
        }
    }
    Ok(if summary.errors > 0 { 1 } else { 0 })
}
