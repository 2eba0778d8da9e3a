//! Shared helpers for the tests that play scripts (`tests/scripts/<stem>.<name>.ron`) and compare
//! judgements with golden files (`tests/golden/<stem>.<name>.seed<N>.json`).

use std::path::{Path, PathBuf};

use casesim::model::{Action, Judgement, Mode, Verdict};
use casesim::scenario::{Library, de};
use casesim::scoring::judge;
use casesim::sim::Session;
use serde_json::Value;

use crate::{casesim, read, root};

pub fn script_path(stem: &str, name: &str) -> PathBuf {
    root()
        .join("tests/scripts")
        .join(format!("{stem}.{name}.ron"))
}

pub fn golden_path(stem: &str, name: &str, seed: u64) -> PathBuf {
    root()
        .join("tests/golden")
        .join(format!("{stem}.{name}.seed{seed}.json"))
}

pub fn path_str(p: &Path) -> &str {
    p.to_str().expect("test paths are UTF-8")
}

/// `casesim play` a script into a temporary folder, then `casesim judge --format json` it: the
/// JSON as printed, and parsed. `scenario` is relative to the crate root.
pub fn play_and_judge(scenario: &str, script: &Path, seed: u64, trainee: &str) -> (String, Value) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let attempt = dir.path().join("play.attempt");
    let name = script.display();
    let seed = seed.to_string();
    let out = casesim(&[
        "play",
        scenario,
        "--seed",
        &seed,
        "--trainee",
        trainee,
        "--script",
        path_str(script),
        "--out",
        path_str(&attempt),
    ]);
    assert!(
        out.status.success(),
        "play {name} (seed {seed}): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = casesim(&["judge", path_str(&attempt), "--format", "json"]);
    assert!(
        out.status.success(),
        "judge {name} (seed {seed}): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("judge prints UTF-8");
    let value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("judge {name} printed bad JSON: {e}"));
    (text, value)
}

/// Where two JSON values first differ, as a path such as `criteria[3].verdict`.
pub fn first_difference(expected: &Value, actual: &Value, at: &str) -> Option<String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                let here = if at.is_empty() {
                    k.clone()
                } else {
                    format!("{at}.{k}")
                };
                match a.get(k) {
                    Some(av) => {
                        if let Some(d) = first_difference(ev, av, &here) {
                            return Some(d);
                        }
                    }
                    None => return Some(format!("{here}: missing (expected {ev})")),
                }
            }
            a.keys()
                .find(|k| !e.contains_key(*k))
                .map(|k| format!("{at}.{k}: not expected (got {})", a[k]))
        }
        (Value::Array(e), Value::Array(a)) => {
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                if let Some(d) = first_difference(ev, av, &format!("{at}[{i}]")) {
                    return Some(d);
                }
            }
            (e.len() != a.len())
                .then(|| format!("{at}: {} items expected, {} got", e.len(), a.len()))
        }
        (e, a) if e == a => None,
        (e, a) => Some(format!("{at}: expected {e}, got {a}")),
    }
}

/// One scenario file loaded on its own (with the built-in units); it must have no errors.
pub fn load_clean(path: &Path) -> Library {
    let library = Library::load(&[path.to_path_buf()]);
    assert_eq!(library.errors(), 0, "{:#?}", library.diagnostics);
    library
}

/// A script's actions.
pub fn script(path: &Path) -> Vec<Action> {
    de::from_str::<Vec<Action>>(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The session after the actions (every one must be accepted; `{variation}` text is filled in
/// first, as `casesim play` does), and the judgement of the attempt.
pub fn play<'l>(
    library: &'l Library,
    scenario_id: &str,
    actions: &[Action],
    seed: u64,
    trainee: &str,
) -> (Session<'l>, Judgement) {
    let scenario = library.scenario(scenario_id).expect("the scenario loads");
    let mut session = Session::new(scenario, seed);
    let mut attempt = casesim::cli::play::new_attempt(scenario, trainee, seed, Mode::Assessment);
    for (i, a) in actions.iter().enumerate() {
        let a = a.map_text(|t| session.render(t));
        let sim = session.state().clock.format("%Y-%m-%d %H:%M").to_string();
        if let Err(e) = session.apply(&a) {
            panic!("{scenario_id} seed {seed}: action {i} {a:?} refused: {e}");
        }
        attempt.push(a, format!("wall {i}"), sim);
    }
    let judgement = judge(scenario, &library.units, &attempt);
    (session, judgement)
}

/// The criteria not judged S, as `id verdict`.
pub fn not_satisfactory(j: &Judgement) -> Vec<String> {
    j.criteria
        .iter()
        .filter(|c| c.verdict != Verdict::S)
        .map(|c| format!("{} {}", c.id, c.verdict.label()))
        .collect()
}

/// Assert that a weak attempt's judgement misses exactly the criteria `expect` names, each with
/// the verdict given and feedback (the criterion's, or that of its unmet or contrary evidence)
/// saying every fragment given; every other criterion must be S.
pub fn assert_misses<'m>(
    what: &str,
    j: &Judgement,
    expect: impl Fn(&str) -> Option<(Verdict, &'m [&'m str])>,
) {
    assert_eq!(j.integrity, "ok", "{what}: {:?}", j.integrity_detail);
    assert_eq!(
        j.overall,
        casesim::model::Overall::NotYetCompetent,
        "{what}"
    );
    for c in &j.criteria {
        let Some((verdict, fragments)) = expect(&c.id) else {
            assert_eq!(c.verdict, Verdict::S, "{what}: {} {:?}", c.id, c.feedback);
            continue;
        };
        assert_eq!(c.verdict, verdict, "{what}: {} {:?}", c.id, c.feedback);
        let said: Vec<&String> = c
            .feedback
            .iter()
            .chain(
                c.evidence
                    .iter()
                    .filter(|e| !e.held || e.contrary)
                    .map(|e| &e.feedback),
            )
            .collect();
        for fragment in fragments {
            assert!(
                said.iter().any(|f| f.contains(fragment)),
                "{what}: {} does not say {fragment:?}: {said:?}",
                c.id
            );
        }
    }
}
