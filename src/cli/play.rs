//! `casesim play`: work a scenario headlessly, from a script of actions or as a random bot.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::{Args, ValueEnum};

use crate::model::Action;
use crate::model::attempt::Mode;
use crate::scenario::{Library, LineIndex, Spanned, de};
use crate::sim::{BOT_LIMIT, RandomBot, Session};
use crate::store::attempt::Recorder;

#[derive(Args, Debug)]
pub struct PlayArgs {
    /// The scenario file
    pub scenario: PathBuf,
    /// The seed that draws the scenario's variations
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The trainee's name, recorded in the attempt
    #[arg(long, default_value = "trainee")]
    pub trainee: String,
    /// A RON list of actions to play, e.g. [Open("fees"), Finish("shelf"), HandIn]
    #[arg(long, conflicts_with = "bot", required_unless_present = "bot")]
    pub script: Option<PathBuf>,
    /// Play by picking uniformly among the actions possible now, until handed in
    #[arg(long, value_enum)]
    pub bot: Option<Bot>,
    /// practice or assessment
    #[arg(long, value_enum, default_value_t = PlayMode::Assessment)]
    pub mode: PlayMode,
    /// Where to write the attempt (it must not exist yet)
    #[arg(long)]
    pub out: PathBuf,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Bot {
    Random,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PlayMode {
    Practice,
    Assessment,
}

/// Load one scenario file, with its problems as the error.
pub fn load_scenario(path: &Path) -> anyhow::Result<(Library, usize)> {
    let library = Library::load(&[path.to_path_buf()]);
    if library.errors() > 0 {
        let text: Vec<String> = library
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.render())
            .collect();
        bail!("the scenario has errors:\n{}", text.join("\n"));
    }
    match library.scenarios.len() {
        1 => Ok((library, 0)),
        0 => bail!("{} holds no scenario", path.display()),
        n => bail!("{} holds {n} scenarios: name one file", path.display()),
    }
}

pub use crate::model::attempt::new_attempt;

pub fn run(args: PlayArgs, out: &mut dyn Write) -> anyhow::Result<i32> {
    let (library, i) = load_scenario(&args.scenario)?;
    let scenario = &library.scenarios[i];
    let mode = match args.mode {
        PlayMode::Practice => Mode::Practice,
        PlayMode::Assessment => Mode::Assessment,
    };
    let attempt = new_attempt(scenario, &args.trainee, args.seed, mode);
    let mut recorder = Recorder::create(&args.out, attempt).with_context(|| {
        format!(
            "cannot create {} (it must not exist yet)",
            args.out.display()
        )
    })?;
    let mut session = Session::new(scenario, args.seed);

    if let Some(script) = &args.script {
        let text = std::fs::read_to_string(script)
            .with_context(|| format!("cannot read {}", script.display()))?;
        let lines = LineIndex::new(&text);
        let actions: Vec<Spanned<Action>> = de::from_str(&text).map_err(|e| {
            let (line, col) = lines.line_col(&text, e.span.unwrap_or_default().start as usize);
            anyhow::anyhow!("{}:{line}:{col}: {}", script.display(), e.message)
        })?;
        for a in actions {
            let action = a.value.map_text(|t| session.render(t));
            if let Err(e) = record(&mut recorder, &mut session, action)? {
                let (line, col) = lines.line_col(&text, a.span.start as usize);
                bail!(
                    "{}:{line}:{col}: action refused: {e} (the attempt so far is in {})",
                    script.display(),
                    args.out.display()
                );
            }
        }
    } else {
        let mut bot = RandomBot::new(args.seed, BOT_LIMIT);
        while !session.state().handed_in {
            let action = bot.next(&session, recorder.attempt().records.len());
            if let Err(e) = record(&mut recorder, &mut session, action)? {
                bail!("the bot chose an action the session refused: {e}");
            }
        }
    }
    writeln!(
        out,
        "{} actions written to {}{}",
        recorder.attempt().records.len(),
        args.out.display(),
        if recorder.attempt().handed_in() {
            " (handed in)"
        } else {
            " (not handed in)"
        }
    )?;
    Ok(0)
}

/// Apply an action and write it to the attempt file; a refusal is the inner error.
fn record(
    recorder: &mut Recorder,
    session: &mut Session<'_>,
    action: Action,
) -> anyhow::Result<Result<(), crate::sim::ActionError>> {
    let path = recorder.path().display().to_string();
    let done = recorder
        .apply(session, action)
        .with_context(|| format!("cannot write {path}"))?;
    Ok(done.map(|_| ()))
}
