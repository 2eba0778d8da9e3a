//! The judge: a pure function from a scenario, its units and an attempt to a judgement.
//!
//! The attempt's actions are replayed through a session; every evidence rule of every criterion
//! is evaluated on the final state. A criterion is S when every one of its rules' `requires`
//! holds and no `against` holds; NYS when contrary evidence holds or a rule's steps were worked
//! without meeting it; not evidenced when nothing bearing on it was done. Critical aspects are
//! demonstrated when every criterion they map to is S. Competent needs every criterion S, every
//! critical aspect demonstrated, a complete attempt and an intact log.

use std::collections::BTreeMap;

use crate::model::judgement::*;
use crate::model::scenario::RuleInfo;
use crate::model::{Action, Attempt, Integrity, Scenario, Unit};
use crate::scenario::raw::{Condition, RuleFile};
use crate::sim::Session;

/// Judge an attempt. Never panics, whatever the attempt holds.
pub fn judge(scenario: &Scenario, units: &[Unit], attempt: &Attempt) -> Judgement {
    let mut integrity = attempt.verify_chain();
    if integrity == Integrity::Ok && attempt.header.scenario_hash != scenario.content_hash() {
        integrity = Integrity::ScenarioChanged(format!(
            "the attempt was made against scenario version {}…, this is {}…",
            short(&attempt.header.scenario_hash),
            short(scenario.content_hash())
        ));
    }

    // Replay, noting which actions touched which step.
    let mut session = Session::new(scenario, attempt.header.seed);
    let mut touched = Touched::default();
    for r in &attempt.records {
        if let Err(e) = session.replay(&r.action) {
            if integrity == Integrity::Ok || matches!(integrity, Integrity::ScenarioChanged(_)) {
                integrity = Integrity::InvalidAction(format!("record {}: {e}", r.index));
            }
            break;
        }
        match &r.action {
            Action::Open(doc) => touched
                .documents
                .entry(doc.as_str())
                .or_default()
                .push(r.index),
            a => {
                if let Some(step) = a.step() {
                    touched.steps.entry(step).or_default().push(r.index);
                }
            }
        }
    }
    if integrity == Integrity::Ok && !attempt.handed_in() {
        integrity = Integrity::Incomplete;
    }

    let mut criteria = Vec::new();
    let mut aspects = Vec::new();
    for unit in units
        .iter()
        .filter(|u| scenario.unit_ids().any(|id| id == u.id))
    {
        for (element, criterion) in unit.criteria() {
            let rules: Vec<(usize, &RuleFile)> = scenario
                .rules_for(&criterion.id)
                .iter()
                .filter_map(|&i| Some((i, scenario.rules().get(i)?)))
                .collect();
            criteria.push(judge_criterion(
                scenario,
                &session,
                &touched,
                &rules,
                CriterionJudgement {
                    id: criterion.id.clone(),
                    element: element.id.clone(),
                    text: criterion.text.clone(),
                    verdict: Verdict::NotEvidenced,
                    provisional: false,
                    evidence: Vec::new(),
                    feedback: Vec::new(),
                },
            ));
        }
        for a in &unit.evidence_guide.critical_aspects {
            let demonstrated = a.criteria.iter().all(|c| {
                criteria
                    .iter()
                    .any(|j: &CriterionJudgement| j.id == *c && j.verdict == Verdict::S)
            });
            aspects.push(AspectJudgement {
                id: a.id.clone(),
                text: a.text.clone(),
                demonstrated,
                criteria: a.criteria.clone(),
            });
        }
    }

    let competent = integrity == Integrity::Ok
        && !criteria.is_empty()
        && criteria.iter().all(|c| c.verdict == Verdict::S)
        && aspects.iter().all(|a| a.demonstrated);
    let mut judgement = Judgement {
        scenario: scenario.id().to_owned(),
        trainee: attempt.header.trainee.clone(),
        seed: attempt.header.seed,
        overall: if competent {
            Overall::Competent
        } else {
            Overall::NotYetCompetent
        },
        integrity: String::new(),
        integrity_detail: None,
        criteria,
        critical_aspects: aspects,
    };
    judgement.set_integrity(&integrity);
    judgement
}

/// Which actions (record indices) worked on which step, and which opened which document. Kept
/// apart: a document and a step may share an id.
#[derive(Default)]
struct Touched<'a> {
    steps: BTreeMap<&'a str, Vec<usize>>,
    documents: BTreeMap<&'a str, Vec<usize>>,
}

fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

fn judge_criterion(
    scenario: &Scenario,
    session: &Session<'_>,
    touched: &Touched<'_>,
    rules: &[(usize, &RuleFile)],
    mut j: CriterionJudgement,
) -> CriterionJudgement {
    let mut verdicts = Vec::new();
    let empty = RuleInfo::default();
    for &(index, rule) in rules {
        let held = session.holds(&rule.requires);
        let info = scenario.rule_info(index).unwrap_or(&empty);
        let mut actions: Vec<usize> = info
            .steps
            .iter()
            .flat_map(|p| touched.steps.get(p.as_str()).into_iter().flatten().copied())
            .chain(info.documents.iter().flat_map(|d| {
                touched
                    .documents
                    .get(d.as_str())
                    .into_iter()
                    .flatten()
                    .copied()
            }))
            .collect();
        actions.sort_unstable();
        actions.dedup();
        let worked = !actions.is_empty()
            || info.steps.iter().any(|p| {
                session
                    .state()
                    .steps
                    .get(p)
                    .is_some_and(|s| s.started || s.done)
            });
        let line = info.line;
        j.provisional |= info.rubric;
        let contrary: Vec<_> = rule
            .against
            .iter()
            .enumerate()
            .filter(|(_, a)| session.holds(&a.when))
            .collect();
        let feedback = session.render(if held {
            &rule.satisfied.value
        } else {
            &rule.not_yet.value
        });
        let verdict = if !contrary.is_empty() {
            Verdict::Nys
        } else if held || worked {
            j.feedback.push(feedback.clone());
            if held { Verdict::S } else { Verdict::Nys }
        } else {
            Verdict::NotEvidenced
        };
        // The rule's own evidence, then any contrary evidence, on the same actions.
        let own = j.evidence.len();
        j.evidence.push(Evidence {
            rule: index,
            line,
            method: rule.method.value,
            expected: info.expected.clone(),
            held,
            actions,
            contrary: false,
            feedback,
        });
        for (i, a) in &contrary {
            let feedback = session.render(&a.feedback.value);
            j.feedback.push(feedback.clone());
            let actions = j.evidence[own].actions.clone();
            j.evidence.push(Evidence {
                rule: index,
                line,
                method: rule.method.value,
                expected: format!("not: {}", info.against.get(*i).map_or("", String::as_str)),
                held: true,
                actions,
                contrary: true,
                feedback,
            });
        }
        verdicts.push((verdict, rule));
    }
    j.verdict = if verdicts.iter().all(|(v, _)| *v == Verdict::NotEvidenced) {
        Verdict::NotEvidenced
    } else if verdicts.iter().all(|(v, _)| *v == Verdict::S) {
        Verdict::S
    } else {
        // Part of the evidence is missing: say what, not only what went well.
        for (v, rule) in &verdicts {
            if *v == Verdict::NotEvidenced {
                j.feedback.push(session.render(&rule.not_yet.value));
            }
        }
        Verdict::Nys
    };
    // Only a verdict that rests on judged text needs the assessor's confirmation.
    j.provisional &= j.verdict != Verdict::NotEvidenced;
    j.feedback.dedup();
    j
}

/// A condition in words, for assessors.
pub fn describe(c: &Condition) -> String {
    c.describe()
}
