//! The simulation: sessions, the simulated clock, variations, dialogue.

pub mod bot;
pub mod session;
#[cfg(test)]
pub(crate) mod testing;
pub mod variation;
pub mod view;

pub use bot::{BOT_LIMIT, RandomBot};
pub use session::{ActionError, Outcome, Parked, Session, State, StepState};
pub use view::{Line, Speaker, StepStatus, TaskProgress};

use crate::model::{Attempt, Record, Scenario};

/// Replay an attempt's actions through a fresh session: the exact state the attempt reached.
/// Stops at the first action the session refuses and returns its index and the reason with the
/// state before it (an attempt file edited by hand, or made against another scenario version).
pub fn replay<'s>(
    scenario: &'s Scenario,
    attempt: &Attempt,
) -> (Session<'s>, Option<(usize, ActionError)>) {
    replay_with(scenario, attempt, |_, _| {})
}

/// [`replay`], calling `each` with every accepted record and what it did (the desktop app
/// gathers the practice feedback of a resumed attempt this way).
pub fn replay_with<'s>(
    scenario: &'s Scenario,
    attempt: &Attempt,
    mut each: impl FnMut(&Record, Outcome),
) -> (Session<'s>, Option<(usize, ActionError)>) {
    let mut session = Session::new(scenario, attempt.header.seed);
    for r in &attempt.records {
        match session.apply(&r.action) {
            Ok(outcome) => each(r, outcome),
            Err(e) => return (session, Some((r.index, e))),
        }
    }
    (session, None)
}
