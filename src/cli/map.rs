//! `casesim map`: the assessment mapping matrix.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::report::mapping;
use crate::scenario::Library;

#[derive(Args, Debug)]
pub struct MapArgs {
    /// Files or folders to load [default: scenarios/]
    pub paths: Vec<PathBuf>,
    /// csv: one row per (criterion, place that evidences it); md and html: a readable matrix
    /// of criteria × scenarios with gaps highlighted
    #[arg(long, value_enum, default_value_t = MapFormat::Csv)]
    pub format: MapFormat,
    /// Write to this file instead of standard output
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MapFormat {
    Csv,
    Md,
    Html,
}

/// Run the command. Scenarios with errors are left out of the matrix (and said so on `err`).
pub fn run(args: MapArgs, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<i32> {
    let paths = super::default_paths(args.paths);
    let library = Library::load(&paths);
    if library.errors() > 0 {
        writeln!(
            err,
            "casesim map: {} error(s) in the files; scenarios with errors are left out (run `casesim check` to see them)",
            library.errors()
        )?;
    }
    let rows = mapping::rows(&library);
    let text = match args.format {
        MapFormat::Csv => mapping::to_csv(&rows),
        MapFormat::Md => mapping::to_markdown(&library, &rows),
        MapFormat::Html => mapping::to_html(&library, &rows),
    };
    match args.output {
        Some(path) => crate::store::write_atomic(&path, text.as_bytes())
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?,
        None => out.write_all(text.as_bytes())?,
    }
    Ok(0)
}
