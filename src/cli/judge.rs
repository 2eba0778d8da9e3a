//! `casesim judge`: judge an attempt file.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, ValueEnum};

use crate::model::{Judgement, Verdict};
use crate::report::html::judgement_html;
use crate::scenario::Library;
use crate::scoring::judge;
use crate::store::attempt;

#[derive(Args, Debug)]
pub struct JudgeArgs {
    /// The attempt file
    pub attempt: PathBuf,
    /// text: a table grouped by element; json: the whole judgement; html: a self-contained,
    /// printable report
    #[arg(long, value_enum, default_value_t = JudgeFormat::Text)]
    pub format: JudgeFormat,
    /// Where to find the attempt's scenario [default: scenarios/]
    #[arg(long)]
    pub scenarios: Vec<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum JudgeFormat {
    Text,
    Json,
    Html,
}

pub fn run(args: JudgeArgs, out: &mut dyn Write) -> anyhow::Result<i32> {
    let loaded = attempt::load(&args.attempt)?;
    let paths = super::default_paths(args.scenarios);
    let library = Library::load(&paths);
    let id = &loaded.attempt.header.scenario;
    let scenario = library.scenario(id).with_context(|| {
        format!(
            "the attempt is for scenario `{id}`, which is not among the loaded scenarios ({}){}",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            if library.errors() > 0 {
                "; some files have errors: run `casesim check`"
            } else {
                ""
            }
        )
    })?;
    let judgement = judge(scenario, &library.units, &loaded.attempt);
    match args.format {
        JudgeFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &judgement)?;
            writeln!(out)?;
        }
        JudgeFormat::Text => {
            if loaded.torn_tail {
                writeln!(
                    out,
                    "note: the last record was cut off by a crash and was left out"
                )?;
            }
            write!(out, "{}", text(&judgement, &library))?;
        }
        JudgeFormat::Html => {
            let header = &loaded.attempt.header;
            write!(
                out,
                "{}",
                judgement_html(&judgement, scenario, &library.units, header)
            )?;
        }
    }
    Ok(0)
}

/// The judgement as a readable table grouped by element.
pub fn text(j: &Judgement, library: &Library) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let _ = writeln!(s, "Judgement: {:?}", j.overall);
    let _ = writeln!(
        s,
        "Integrity: {}{}",
        j.integrity,
        j.integrity_detail
            .as_ref()
            .map(|d| format!(" ({d})"))
            .unwrap_or_default()
    );
    let _ = writeln!(
        s,
        "Trainee:   {}\nScenario:  {}\nSeed:      {}",
        j.trainee, j.scenario, j.seed
    );
    let mut element = "";
    for c in &j.criteria {
        if c.element != element {
            element = &c.element;
            let title = library
                .element(element)
                .map(|e| e.title.as_str())
                .unwrap_or("");
            let _ = writeln!(s, "\n{element} {title}");
        }
        let mark = match c.verdict {
            Verdict::S => "S  ",
            Verdict::Nys => "NYS",
            Verdict::NotEvidenced => " - ",
        };
        let _ = writeln!(
            s,
            "  {mark}  {:<24} {}{}",
            c.id,
            c.text,
            if c.provisional { "  [provisional]" } else { "" }
        );
        for f in &c.feedback {
            let _ = writeln!(s, "         {f}");
        }
    }
    if !j.critical_aspects.is_empty() {
        let _ = writeln!(s, "\nCritical aspects");
        for a in &j.critical_aspects {
            let _ = writeln!(
                s,
                "  {}  {:<28} {}",
                if a.demonstrated { "yes" } else { "no " },
                a.id,
                a.text
            );
        }
    }
    let total = j.criteria.len();
    let satisfied = j
        .criteria
        .iter()
        .filter(|c| c.verdict == Verdict::S)
        .count();
    let _ = writeln!(s, "\n{satisfied} of {total} criteria satisfactory");
    s
}
