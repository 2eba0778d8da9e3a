//! `casesim play`: work a scenario headlessly, from a script of actions or as a random bot.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::{Args, ValueEnum};

use crate::model::attempt::{FORMAT, Header, Mode};
use crate::model::{Action, Attempt, Scenario};
use crate::scenario::{Library, LineIndex, Spanned, de};
use crate::sim::{BOT_LIMIT, RandomBot, Session};
use crate::store::attempt::AttemptWriter;

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

/// A new attempt for a session.
pub fn new_attempt(scenario: &Scenario, trainee: &str, seed: u64, mode: Mode) -> Attempt {
    Attempt::new(Header {
        format: FORMAT,
        trainee: trainee.to_owned(),
        scenario: scenario.id().to_owned(),
        scenario_hash: scenario.content_hash().to_owned(),
        seed,
        mode,
        started: chrono::Utc::now().to_rfc3339(),
    })
}

/// Apply an action, record it in the attempt and write it to disk before returning.
pub fn record(
    session: &mut Session<'_>,
    attempt: &mut Attempt,
    writer: &mut AttemptWriter,
    action: Action,
) -> anyhow::Result<Result<(), crate::sim::ActionError>> {
    let sim = session.state().clock.format("%Y-%m-%d %H:%M").to_string();
    if let Err(e) = session.apply(&action) {
        return Ok(Err(e));
    }
    let wall = chrono::Utc::now().to_rfc3339();
    let r = attempt.push(action, wall, sim).clone();
    writer
        .append(&r)
        .with_context(|| format!("cannot write {}", writer.path().display()))?;
    Ok(Ok(()))
}

pub fn run(args: PlayArgs, out: &mut dyn Write) -> anyhow::Result<i32> {
    let (library, i) = load_scenario(&args.scenario)?;
    let scenario = &library.scenarios[i];
    let mode = match args.mode {
        PlayMode::Practice => Mode::Practice,
        PlayMode::Assessment => Mode::Assessment,
    };
    let mut attempt = new_attempt(scenario, &args.trainee, args.seed, mode);
    let mut writer = AttemptWriter::create(&args.out, &attempt.header).with_context(|| {
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
            if let Err(e) = record(&mut session, &mut attempt, &mut writer, action)? {
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
            let action = bot.next(&session, attempt.records.len());
            if let Err(e) = record(&mut session, &mut attempt, &mut writer, action)? {
                bail!("the bot chose an action the session refused: {e}");
            }
        }
    }
    writeln!(
        out,
        "{} actions written to {}{}",
        attempt.records.len(),
        args.out.display(),
        if attempt.handed_in() {
            " (handed in)"
        } else {
            " (not handed in)"
        }
    )?;
    Ok(0)
}
