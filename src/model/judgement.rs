//! A judgement: every criterion's verdict with the evidence behind it.

use serde::{Deserialize, Serialize};

use super::attempt::Integrity;
use super::method::Method;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// Satisfactory.
    S,
    /// Not Yet Satisfactory.
    #[serde(rename = "NYS")]
    Nys,
    /// Nothing was done that bears on it.
    NotEvidenced,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::S => "S",
            Verdict::Nys => "NYS",
            Verdict::NotEvidenced => "not evidenced",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Overall {
    Competent,
    NotYetCompetent,
}

/// One piece of evidence: what a rule expected and what the attempt shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The rule's position in the scenario's `evidence` list (0-based) and its line there.
    pub rule: usize,
    pub line: usize,
    pub method: Method,
    /// The rule's condition in words.
    pub expected: String,
    /// Whether it held at the end of the attempt.
    pub held: bool,
    /// The actions (record indices) done in the steps the rule looks at.
    pub actions: Vec<usize>,
    /// This is contrary evidence (an `against` that held).
    pub contrary: bool,
    pub feedback: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionJudgement {
    pub id: String,
    pub element: String,
    pub text: String,
    pub verdict: Verdict,
    /// Rests on free text judged by a rubric: the assessor confirms it.
    pub provisional: bool,
    pub evidence: Vec<Evidence>,
    pub feedback: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AspectJudgement {
    pub id: String,
    pub text: String,
    /// Every criterion it maps to is satisfactory.
    pub demonstrated: bool,
    pub criteria: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Judgement {
    pub scenario: String,
    pub trainee: String,
    pub seed: u64,
    pub overall: Overall,
    /// "ok", "tampered", "scenario-changed", "incomplete" or "invalid-action".
    pub integrity: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub integrity_detail: Option<String>,
    pub criteria: Vec<CriterionJudgement>,
    pub critical_aspects: Vec<AspectJudgement>,
}

impl Judgement {
    pub fn criterion(&self, id: &str) -> Option<&CriterionJudgement> {
        self.criteria.iter().find(|c| c.id == id)
    }

    pub(crate) fn set_integrity(&mut self, integrity: &Integrity) {
        self.integrity = integrity.label().to_owned();
        self.integrity_detail = match integrity {
            Integrity::Ok | Integrity::Incomplete => None,
            Integrity::Tampered(d)
            | Integrity::ScenarioChanged(d)
            | Integrity::InvalidAction(d) => Some(d.clone()),
        };
    }
}
