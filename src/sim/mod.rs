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

use crate::model::{Attempt, Scenario};

/// Replay an attempt's actions through a fresh session: the exact state the attempt reached.
/// Stops at the first action the session refuses and returns its index and the reason with the
/// state before it (an attempt file edited by hand, or made against another scenario version).
pub fn replay<'s>(
    scenario: &'s Scenario,
    attempt: &Attempt,
) -> (Session<'s>, Option<(usize, ActionError)>) {
    let mut session = Session::new(scenario, attempt.header.seed);
    for r in &attempt.records {
        if let Err(e) = session.apply(&r.action) {
            return (session, Some((r.index, e)));
        }
    }
    (session, None)
}
