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
    /// Per evidence rule, what the judge needs of it for every attempt: worked out once.
    rules: Vec<RuleInfo>,
}

/// What an evidence rule looks at, worked out once per scenario.
#[derive(Clone, Debug, Default)]
pub struct RuleInfo {
    /// The line the rule starts on in the file (1-based).
    pub line: usize,
    /// The steps where its evidence is gathered (see [`Scenario::rule_places`]).
    pub steps: Vec<String>,
    /// The documents its `requires` reads.
    pub documents: Vec<String>,
    /// `requires` in words.
    pub expected: String,
    /// Each `against` in words.
    pub against: Vec<String>,
}

impl Scenario {
    /// Wrap a file that `scenario::check` found free of errors.
    pub(crate) fn from_checked(file: ScenarioFile, path: PathBuf, text: &str) -> Self {
        let index = crate::scenario::LineIndex::new(text);
        let mut scenario = Scenario {
            file,
            path,
            hash: crate::model::attempt::sha256_hex(text.as_bytes()),
            rules: Vec::new(),
        };
        scenario.rules = scenario
            .file
            .evidence
            .iter()
            .map(|r| {
                let mut documents = Vec::new();
                referenced_documents(&r.requires, &mut documents);
                RuleInfo {
                    line: index.line_col(text, r.criterion.span.start as usize).0,
                    steps: scenario
                        .rule_places(r)
                        .into_iter()
                        .map(|(_, s)| s.id.value.clone())
                        .collect(),
                    documents,
                    expected: r.requires.describe(),
                    against: r.against.iter().map(|a| a.when.describe()).collect(),
                }
            })
            .collect();
        scenario
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

    /// What the rule at `index` of `evidence` looks at.
    pub fn rule_info(&self, index: usize) -> Option<&RuleInfo> {
        self.rules.get(index)
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

/// Documents a condition reads: opening them is working on the rule.
fn referenced_documents(c: &Condition, out: &mut Vec<String>) {
    match c {
        Condition::Read(d) | Condition::FlaggedOutOfDate(d) if !out.contains(&d.value) => {
            out.push(d.value.clone());
        }
        Condition::All(cs) | Condition::Any(cs) => {
            cs.iter().for_each(|c| referenced_documents(c, out))
        }
        Condition::Not(c) => referenced_documents(c, out),
        _ => {}
    }
}
