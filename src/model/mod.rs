//! Plain data: units, scenarios, methods. No I/O, no GUI.

pub mod action;
pub mod attempt;
pub mod judgement;
pub mod method;
pub mod scenario;
pub mod unit;

pub use action::{Action, Given};
pub use attempt::{Attempt, Header, Integrity, Mode, Record};
pub use judgement::{Judgement, Overall, Verdict};
pub use method::Method;
pub use scenario::Scenario;
pub use unit::{Criterion, CriticalAspect, Element, EvidenceGuide, RangeItem, RangeVariable, Unit};
