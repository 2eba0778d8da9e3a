//! Helpers for the crate's unit tests: the bundled scenarios, and sessions part-way through
//! their model answers.

use std::path::PathBuf;
use std::sync::OnceLock;

use crate::model::{Action, Scenario};
use crate::scenario::Library;
use crate::sim::{Session, StepStatus};

/// The bundled scenarios, loaded once.
pub fn library() -> &'static Library {
    static LIBRARY: OnceLock<Library> = OnceLock::new();
    LIBRARY.get_or_init(|| {
        Library::load(&[PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios")])
    })
}

/// A bundled scenario.
pub fn scenario(id: &str) -> &'static Scenario {
    library().scenario(id).expect("a bundled scenario")
}

/// A session (seed 1) with the scenario's model script applied until `until` holds.
pub fn session_until(
    scenario: &'static Scenario,
    until: impl Fn(&Session<'_>) -> bool,
) -> Session<'static> {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/scripts")
        .join(format!("{}.model.ron", scenario.id()));
    let text = std::fs::read_to_string(&script).expect("the model script is readable");
    let actions: Vec<Action> = crate::scenario::de::from_str(&text).expect("a valid script");
    let mut session = Session::new(scenario, 1);
    for action in actions {
        if until(&session) {
            break;
        }
        let action = action.map_text(|t| session.render(t));
        session
            .apply(&action)
            .expect("the model script is accepted");
    }
    assert!(until(&session), "the model script gets there");
    session
}

/// A session with the model script applied up to the moment `step` opens.
pub fn session_at(scenario: &'static Scenario, step: &str) -> Session<'static> {
    session_until(scenario, |s| s.step_status(step) == StepStatus::Open)
}
