//! The simulation: sessions, the simulated clock, variations, dialogue.

pub mod session;
pub mod variation;

pub use session::{ActionError, Outcome, Session, State, StepState};
