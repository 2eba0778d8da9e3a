//! A checked scenario: only `scenario::check` can make one, so everything it references exists.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::scenario::raw::{
    Condition, Effect, EventFile, Expect, Id, QuestionAnswer, RuleFile, ScenarioFile, StepFile,
    StepKind, TaskFile,
};

/// A scenario whose every reference has been checked.
#[derive(Debug)]
pub struct Scenario {
    file: ScenarioFile,
    path: PathBuf,
    hash: String,
    /// Per evidence rule, what the judge needs of it for every attempt: worked out once.
    rules: Vec<RuleInfo>,
    /// Lookups that sessions and the judge make for every action, worked out once.
    index: Index,
}

/// Where things are in the file, by id.
#[derive(Debug, Default)]
struct Index {
    /// Step id → (task position, step position in the task).
    steps: BTreeMap<String, (usize, usize)>,
    /// Step id → the event (position) whose arrival opens it.
    opened_by: BTreeMap<String, usize>,
    /// Positions (task, step) of the third-party-report steps, in file order.
    reports: Vec<(usize, usize)>,
    /// Criterion id → positions of the evidence rules for it, in file order.
    rules_for: BTreeMap<String, Vec<usize>>,
}

impl Index {
    fn of(file: &ScenarioFile) -> Index {
        let mut index = Index::default();
        for (t, task) in file.tasks.iter().enumerate() {
            for (s, step) in task.steps.iter().enumerate() {
                // Ids are unique (checked); the first wins regardless.
                index.steps.entry(step.id.value.clone()).or_insert((t, s));
                if matches!(step.kind, StepKind::ThirdPartyReport { .. }) {
                    index.reports.push((t, s));
                }
            }
        }
        for (e, event) in file.events.iter().enumerate() {
            if let Some(step) = &event.respond_with {
                index.opened_by.entry(step.value.clone()).or_insert(e);
            }
        }
        for (r, rule) in file.evidence.iter().enumerate() {
            index
                .rules_for
                .entry(rule.criterion.value.clone())
                .or_default()
                .push(r);
        }
        index
    }
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
    /// Whether `requires` or an `against` rests on free text judged by a rubric.
    pub rubric: bool,
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
            index: Index::default(),
        };
        scenario.index = Index::of(&scenario.file);
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
                    rubric: scenario.rubric_dependent(&r.requires)
                        || r.against.iter().any(|a| scenario.rubric_dependent(&a.when)),
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
        let &(t, s) = self.index.steps.get(id)?;
        let task = self.file.tasks.get(t)?;
        Some((task, task.steps.get(s)?))
    }

    /// The event whose arrival opens a step, if only an event opens it.
    pub fn opened_by(&self, step: &str) -> Option<&EventFile> {
        self.file.events.get(*self.index.opened_by.get(step)?)
    }

    /// The third-party-report steps, in file order.
    pub fn report_steps(&self) -> impl Iterator<Item = &StepFile> {
        self.index
            .reports
            .iter()
            .filter_map(|&(t, s)| self.file.tasks.get(t)?.steps.get(s))
    }

    /// What the rule at `index` of `evidence` looks at.
    pub fn rule_info(&self, index: usize) -> Option<&RuleInfo> {
        self.rules.get(index)
    }

    /// Positions in `evidence` of the rules for a criterion, in file order.
    pub fn rules_for(&self, criterion: &str) -> &[usize] {
        self.index
            .rules_for
            .get(criterion)
            .map_or(&[], Vec::as_slice)
    }

    /// Whether a condition rests on free text judged by a rubric (so a verdict on it is
    /// provisional until an assessor confirms it).
    pub fn rubric_dependent(&self, c: &Condition) -> bool {
        use Condition::*;
        let kind = |s: &Id| self.step(&s.value).map(|(_, st)| &st.kind);
        match c {
            Concept(..) | RubricMet(_) => true,
            FieldOk(s, f) => matches!(kind(s), Some(StepKind::Form { fields, .. })
                if fields.iter().any(|x| x.id.value == f.value && matches!(x.expect, Some(Expect::Covers(_))))),
            FormOk(s) => matches!(kind(s), Some(StepKind::Form { fields, .. })
                if fields.iter().any(|x| matches!(x.expect, Some(Expect::Covers(_))))),
            Correct(s, q) => matches!(kind(s), Some(StepKind::Questions { questions, .. })
                if questions.iter().any(|x| x.id.value == q.value && matches!(x.answer, QuestionAnswer::Short(_)))),
            Score(s, _) => matches!(kind(s), Some(StepKind::Questions { questions, .. })
                if questions.iter().any(|q| matches!(q.answer, QuestionAnswer::Short(_)))),
            Chose(s, r) => matches!(kind(s), Some(StepKind::Dialogue { nodes, .. })
                if nodes.iter().flat_map(|n| &n.replies).any(|x| x.id.value == r.value && x.typed.is_some())),
            All(cs) | Any(cs) => cs.iter().any(|c| self.rubric_dependent(c)),
            Not(c) => self.rubric_dependent(c),
            _ => false,
        }
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
    if let Some(s) = c.step() {
        ids.push(&s.value);
        return;
    }
    match c {
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
        // The step conditions are handled above; the rest name no place.
        _ => {}
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
