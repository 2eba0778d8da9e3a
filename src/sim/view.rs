//! What the trainee's office shows, derived from a session: the conversation so far, the replies
//! offered now, each step's status and each task's progress. Nothing here changes a session.

use chrono::NaiveDate;

use super::Session;
use crate::scenario::raw::{ReplyFile, StepKind, TaskFile};

/// Who said a line of a conversation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Speaker {
    Client,
    Trainee,
}

/// One line of a conversation's transcript.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub speaker: Speaker,
    pub text: String,
}

/// Where a step stands for the trainee.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepStatus {
    /// It can be worked on now.
    Open,
    /// Done: nothing more can be changed in it.
    Done,
    /// Not yet possible, and why.
    Locked(String),
}

/// How far a task has got.
#[derive(Clone, Copy, Debug)]
pub struct TaskProgress<'s> {
    pub task: &'s TaskFile,
    pub done: usize,
    pub total: usize,
}

impl<'s> Session<'s> {
    /// The conversation of a dialogue step so far: the client's opening line, then each reply
    /// given and what the client said to it. Empty for other kinds of step.
    pub fn transcript(&self, step: &str) -> Vec<Line> {
        let Some((_, s)) = self.scenario().step(step) else {
            return Vec::new();
        };
        let StepKind::Dialogue { start, nodes } = &s.kind else {
            return Vec::new();
        };
        let node = |id: &str| nodes.iter().find(|n| n.id.value == id);
        let mut lines = Vec::new();
        let mut at = node(&start.value);
        if let Some(n) = at {
            lines.push(Line {
                speaker: Speaker::Client,
                text: self.render(&n.client.value),
            });
        }
        let Some(state) = self.state().steps.get(step) else {
            return lines;
        };
        for reply in &state.chosen {
            let Some(r) = at.and_then(|n| n.replies.iter().find(|r| r.id.value == *reply)) else {
                break;
            };
            let said = match (&r.typed, state.texts.get(reply)) {
                (Some(_), Some(words)) => words.clone(),
                _ => self.render(&r.say.value),
            };
            lines.push(Line {
                speaker: Speaker::Trainee,
                text: said,
            });
            at = r.next.as_ref().and_then(|next| node(&next.value));
            if let Some(n) = at {
                lines.push(Line {
                    speaker: Speaker::Client,
                    text: self.render(&n.client.value),
                });
            }
        }
        lines
    }

    /// The replies the trainee may give now in a dialogue step (none once it is done or
    /// while it is locked).
    pub fn replies_now(&self, step: &str) -> Vec<&'s ReplyFile> {
        if self.step_blocked(step).is_some() {
            return Vec::new();
        }
        let Some((_, s)) = self.scenario().step(step) else {
            return Vec::new();
        };
        let StepKind::Dialogue { start, nodes } = &s.kind else {
            return Vec::new();
        };
        let at = self
            .state()
            .steps
            .get(step)
            .and_then(|st| st.node.as_deref())
            .unwrap_or(&start.value);
        nodes
            .iter()
            .find(|n| n.id.value == at)
            .map(|n| {
                n.replies
                    .iter()
                    .filter(|r| r.when.as_ref().is_none_or(|c| self.holds(c)))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Whether a dialogue step's conversation may be ended now.
    pub fn can_end(&self, step: &str) -> bool {
        let Some((_, s)) = self.scenario().step(step) else {
            return false;
        };
        let StepKind::Dialogue { nodes, .. } = &s.kind else {
            return false;
        };
        let Some(state) = self.state().steps.get(step) else {
            return false;
        };
        !state.done
            && state
                .node
                .as_deref()
                .and_then(|at| nodes.iter().find(|n| n.id.value == at))
                .is_some_and(|n| n.end)
    }

    /// Whether a step is open, done or locked.
    pub fn step_status(&self, step: &str) -> StepStatus {
        if self.state().steps.get(step).is_some_and(|s| s.done) {
            return StepStatus::Done;
        }
        match self.step_blocked(step) {
            None => StepStatus::Open,
            Some(why) => StepStatus::Locked(why),
        }
    }

    /// Each task with how many of its steps are done, in file order.
    pub fn progress(&self) -> Vec<TaskProgress<'s>> {
        self.scenario()
            .tasks()
            .iter()
            .map(|task| TaskProgress {
                task,
                done: task
                    .steps
                    .iter()
                    .filter(|s| self.state().steps.get(&s.id.value).is_some_and(|s| s.done))
                    .count(),
                total: task.steps.len(),
            })
            .collect()
    }

    /// The name of a staff member or stakeholder (or of the client, for `"client"`), with
    /// variations filled in; the id itself if there is no such person.
    pub fn person_name(&self, id: &str) -> String {
        let file = self.scenario().file();
        if id == "client" {
            return self.render(&file.client.name.value);
        }
        let office = &file.office;
        let name = office
            .staff
            .iter()
            .find(|p| p.id.value == id)
            .map(|p| &p.name.value)
            .or_else(|| {
                office
                    .stakeholders
                    .iter()
                    .find(|p| p.id.value == id)
                    .map(|p| &p.name.value)
            });
        match name {
            Some(name) => self.render(name),
            None => id.to_owned(),
        }
    }

    /// The date of a simulated day (1 = the day the scenario starts).
    pub fn date_of(&self, day: u32) -> NaiveDate {
        self.start_date() + chrono::Duration::days(i64::from(day.saturating_sub(1)))
    }
}

impl Session<'_> {
    /// A financial plan's total and its budget as [`Session::plan_total`] gives them, but with
    /// `overrides` (service id → quantity) in place of the quantities entered so far: the total
    /// the trainee sees while typing. A quantity of 0 takes a line out. `None` for a step that
    /// is not a financial plan, or when there is no budget to plan against.
    pub fn plan_preview(
        &self,
        step: &str,
        overrides: &std::collections::BTreeMap<String, f64>,
    ) -> Option<(f64, f64)> {
        let (_, s) = self.scenario().step(step)?;
        let StepKind::FinancialPlan { budget, .. } = &s.kind else {
            return None;
        };
        let file = self.scenario().file();
        let mut lines: std::collections::BTreeMap<&str, f64> = self
            .state()
            .steps
            .get(step)
            .map(|st| st.lines.iter().map(|(id, q)| (id.as_str(), *q)).collect())
            .unwrap_or_default();
        for (id, q) in overrides {
            lines.insert(id, *q);
        }
        let amount = |q| super::variation::amount(q, self.values());
        let total = lines
            .iter()
            .map(|(id, q)| {
                file.office
                    .services
                    .iter()
                    .find(|s| s.id.value == *id)
                    .map_or(0.0, |s| q * amount(&s.fee.value))
            })
            .sum();
        let limit = match budget {
            Some(b) => amount(&b.value),
            None => amount(&file.client.budget.as_ref()?.amount.value),
        };
        Some((total, limit))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use crate::model::Action;
    use crate::scenario::raw::StepKind;
    use crate::sim::testing::{library, session_at};
    use crate::sim::variation;

    #[test]
    fn plan_preview_counts_typed_quantities_over_entered_ones() {
        let scenario = library()
            .scenario("home-after-hospital")
            .expect("a bundled scenario");
        let mut session = session_at(scenario, "plan");
        let Some((_, step)) = scenario.step("plan") else {
            panic!("the scenario has a plan step");
        };
        assert!(matches!(step.kind, StepKind::FinancialPlan { .. }));
        let services = &scenario.file().office.services;
        let (a, b) = (&services[0], &services[1]);
        let fee = |s: &crate::scenario::raw::ServiceFile| {
            variation::amount(&s.fee.value, session.values())
        };
        let (fee_a, fee_b) = (fee(a), fee(b));

        let none = BTreeMap::new();
        let (total, budget) = session.plan_preview("plan", &none).expect("a budget");
        assert_eq!(total, 0.0, "nothing planned yet");
        assert!(budget > 0.0);

        session
            .apply(&Action::Plan {
                step: "plan".into(),
                service: a.id.value.clone(),
                quantity: 3.0,
            })
            .expect("a plan line");
        assert_eq!(
            session.plan_preview("plan", &none),
            session.plan_total("plan"),
            "with no overrides it is the plan's total"
        );

        let overrides = BTreeMap::from([(a.id.value.clone(), 1.0), (b.id.value.clone(), 2.0)]);
        let (total, again) = session.plan_preview("plan", &overrides).expect("a budget");
        assert!((total - (fee_a + 2.0 * fee_b)).abs() < 1e-9, "{total}");
        assert_eq!(again, budget);

        let removed = BTreeMap::from([(a.id.value.clone(), 0.0)]);
        assert_eq!(session.plan_preview("plan", &removed), Some((0.0, budget)));
        assert_eq!(session.plan_preview("proposal", &none), None, "not a plan");
    }
}
