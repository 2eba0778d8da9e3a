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

    /// The date of a simulated day (1 = the day the scenario starts).
    pub fn date_of(&self, day: u32) -> NaiveDate {
        self.start_date() + chrono::Duration::days(i64::from(day.saturating_sub(1)))
    }
}
