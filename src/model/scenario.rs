//! A checked scenario: only `scenario::check` can make one, so everything it references exists.

use std::path::{Path, PathBuf};

use crate::scenario::raw::{
    Condition, Effect, RuleFile, ScenarioFile, StepFile, StepKind, TaskFile,
};

/// A scenario whose every reference has been checked.
#[derive(Debug)]
pub struct Scenario {
    file: ScenarioFile,
    path: PathBuf,
    hash: String,
    rule_lines: Vec<(crate::scenario::Span, usize)>,
}

impl Scenario {
    /// Wrap a file that `scenario::check` found free of errors.
    pub(crate) fn from_checked(file: ScenarioFile, path: PathBuf, text: &str) -> Self {
        let index = crate::scenario::LineIndex::new(text);
        let rule_lines = file
            .evidence
            .iter()
            .map(|r| {
                (
                    r.criterion.span,
                    index.line_col(text, r.criterion.span.start as usize).0,
                )
            })
            .collect();
        Scenario {
            file,
            path,
            hash: crate::model::attempt::sha256_hex(text.as_bytes()),
            rule_lines,
        }
    }

    /// SHA-256 of the file's text: an attempt records it, so an attempt made against another
    /// version of the scenario is recognised.
    pub fn content_hash(&self) -> &str {
        &self.hash
    }

    pub fn id(&self) -> &str {
        &self.file.id.value
    }

    pub fn title(&self) -> &str {
        &self.file.title.value
    }

    /// The file it was loaded from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The checked content, in the shape of the file.
    pub fn file(&self) -> &ScenarioFile {
        &self.file
    }

    /// Ids of the units it assesses.
    pub fn unit_ids(&self) -> impl Iterator<Item = &str> {
        self.file.units.iter().map(|u| u.value.as_str())
    }

    pub fn tasks(&self) -> &[TaskFile] {
        &self.file.tasks
    }

    /// Every step, with the task it belongs to, in file order.
    pub fn steps(&self) -> impl Iterator<Item = (&TaskFile, &StepFile)> {
        self.file
            .tasks
            .iter()
            .flat_map(|t| t.steps.iter().map(move |s| (t, s)))
    }

    pub fn step(&self, id: &str) -> Option<(&TaskFile, &StepFile)> {
        self.steps().find(|(_, s)| s.id.value == id)
    }

    /// The line a rule starts on in the file (1-based; 0 if unknown).
    pub fn rule_line(&self, rule: &RuleFile) -> usize {
        self.rule_lines
            .iter()
            .find(|(span, _)| *span == rule.criterion.span)
            .map_or(0, |(_, line)| *line)
    }

    pub fn rules(&self) -> &[RuleFile] {
        &self.file.evidence
    }

    /// The steps where a rule's evidence is gathered: the steps its `requires` names, and for
    /// conditions on the client (disclosed facts, flags) the steps whose effects bring them about.
    pub fn rule_places(&self, rule: &RuleFile) -> Vec<(&TaskFile, &StepFile)> {
        let mut ids: Vec<&str> = Vec::new();
        collect_places(self, &rule.requires, &mut ids);
        let mut places: Vec<(&TaskFile, &StepFile)> = Vec::new();
        for (task, step) in self.steps() {
            if ids.contains(&step.id.value.as_str()) {
                places.push((task, step));
            }
        }
        places
    }
}

fn collect_places<'s>(scenario: &'s Scenario, c: &'s Condition, ids: &mut Vec<&'s str>) {
    use Condition::*;
    match c {
        Done(s)
        | Chose(s, _)
        | Reached(s, _)
        | FlagsCorrect(s)
        | FieldOk(s, _)
        | FormOk(s)
        | WithinBudget(s)
        | Includes(s, _)
        | ScheduledInTime(s)
        | Correct(s, _)
        | Score(s, _)
        | Concept(s, _)
        | RubricMet(s)
        | ReportClear(s) => ids.push(&s.value),
        Disclosed(f) => steps_with_effect(
            scenario,
            ids,
            |e| matches!(e, Effect::Disclose(x) if x.value == f.value),
        ),
        Flag(f) => steps_with_effect(
            scenario,
            ids,
            |e| matches!(e, Effect::SetFlag(x) if x.value == f.value),
        ),
        Read(d) | FlaggedOutOfDate(d) => {
            for (_, step) in scenario.steps() {
                if let StepKind::Documents { documents, .. } = &step.kind
                    && documents.iter().any(|x| x.value == d.value)
                {
                    ids.push(&step.id.value);
                }
            }
        }
        All(cs) | Any(cs) => cs.iter().for_each(|c| collect_places(scenario, c, ids)),
        Not(_) | Rapport(_) | Trust(_) | Day(_) | Arrived(_) => {}
    }
}

fn steps_with_effect<'s>(
    scenario: &'s Scenario,
    ids: &mut Vec<&'s str>,
    wanted: impl Fn(&Effect) -> bool,
) {
    for (_, step) in scenario.steps() {
        let hit = match &step.kind {
            StepKind::Choice { answers, .. } => {
                answers.iter().any(|a| a.effects.iter().any(&wanted))
            }
            StepKind::Dialogue { nodes, .. } => nodes.iter().any(|n| {
                n.effects.iter().any(&wanted)
                    || n.replies.iter().any(|r| r.effects.iter().any(&wanted))
            }),
            _ => false,
        };
        if hit {
            ids.push(&step.id.value);
        }
    }
}
