//! casesim: the command line, or the desktop window when no command is given.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use casesim::cli;

/// A simulated office for training and assessing community-services workers.
///
/// With no command, opens the desktop window on the bundled scenarios.
#[derive(Parser, Debug)]
#[command(name = "casesim", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Scenario files or folders for the desktop window [default: scenarios/]
    #[arg(global = false)]
    paths: Vec<PathBuf>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check scenario and unit files and print every problem found
    Check(cli::check::CheckArgs),
    /// Print the assessment mapping matrix (criteria × where they are evidenced)
    Map(cli::map::MapArgs),
    /// Work a scenario headlessly from a script of actions, or as a random bot
    Play(cli::play::PlayArgs),
    /// Judge an attempt file: every criterion's verdict with its evidence
    Judge(cli::judge::JudgeArgs),
}

fn main() -> ExitCode {
    let args = Cli::parse();
    let mut out = std::io::stdout().lock();
    let result = match args.command {
        Some(Command::Check(a)) => cli::check::run(a, &mut out),
        Some(Command::Map(a)) => cli::map::run(a, &mut out, &mut std::io::stderr()),
        Some(Command::Play(a)) => cli::play::run(a, &mut out),
        Some(Command::Judge(a)) => cli::judge::run(a, &mut out),
        None => match args.paths.iter().find(|p| !p.exists()) {
            Some(p) => {
                eprintln!(
                    "casesim: `{}` is neither a command nor a file or folder (see `casesim --help`)",
                    p.display()
                );
                return ExitCode::from(2);
            }
            None => open_window(cli::default_paths(args.paths)),
        },
    };
    match result {
        Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        Err(e) => {
            eprintln!("casesim: {e:#}");
            ExitCode::from(1)
        }
    }
}

#[cfg(feature = "gui")]
fn open_window(paths: Vec<PathBuf>) -> anyhow::Result<i32> {
    casesim::ui::run(paths)?;
    Ok(0)
}

#[cfg(not(feature = "gui"))]
fn open_window(_paths: Vec<PathBuf>) -> anyhow::Result<i32> {
    eprintln!("casesim was built without the desktop window (feature `gui`); see `casesim --help`");
    Ok(2)
}
