//! Golden judgements: scripted attempts at `home-after-hospital`, played and judged end to end.
//!
//! The scripts are in `tests/scripts/home-after-hospital.<name>.ron`: a model answer and weak
//! attempts that each miss specific criteria. Their judgements at [`GOLDEN_SEED`] are kept in
//! `tests/golden/home-after-hospital.<name>.seed<N>.json`, exactly as `casesim judge --format
//! json` prints them. The judgement holds no wall times, so a played attempt must judge equal to
//! its golden file as a whole; any difference between two runs is a determinism bug.
//!
//! When the scenario or the judge changes on purpose, review the new judgements and rewrite the
//! golden files with `CASESIM_BLESS=1 cargo test --no-default-features --test suite golden`.
//! (The evidence items carry each rule's index and line in the scenario file, so any edit of the
//! scenario that moves its evidence rules changes the golden files.)
//!
//! One choice in the scripts depends on the seed: which brochure is out of date (the
//! `stale_brochure` variation, named in the shelf register). The scripts flag
//! `"{stale_brochure}"`, which is filled in from the seed before the action is applied, as
//! `casesim play` does.

use std::path::PathBuf;
use std::sync::OnceLock;

use casesim::model::{Action, Judgement, Overall, Verdict};
use casesim::scenario::Library;
use casesim::sim::Session;
use serde_json::Value;

use crate::scripts::{self, first_difference};
use crate::{read, root};

const SCENARIO_ID: &str = "home-after-hospital";
const SCENARIO: &str = "scenarios/home-after-hospital.ron";
/// The seed of the golden files: one where the meals brochure is the stale one, so the model
/// answer is Competent as written.
const GOLDEN_SEED: u64 = 3;
const TRAINEE: &str = "Sam Lee";
const SCRIPTS: &[&str] = &[
    "model",
    "weak-budget",
    "weak-rapport",
    "weak-privacy",
    "weak-unfinished",
];

fn script_path(name: &str) -> PathBuf {
    scripts::script_path(SCENARIO_ID, name)
}

fn golden_path(name: &str, seed: u64) -> PathBuf {
    scripts::golden_path(SCENARIO_ID, name, seed)
}

// ---- through the binary ----------------------------------------------------------------------

/// `casesim play` the script, then `casesim judge --format json` it.
fn play_and_judge(name: &str, seed: u64) -> (String, Value) {
    scripts::play_and_judge(SCENARIO, &script_path(name), seed, TRAINEE)
}

#[test]
fn scripted_attempts_judge_as_their_golden_files() {
    let bless = std::env::var_os("CASESIM_BLESS").is_some();
    for name in SCRIPTS {
        let (text, actual) = play_and_judge(name, GOLDEN_SEED);
        let path = golden_path(name, GOLDEN_SEED);
        if bless {
            std::fs::create_dir_all(path.parent().expect("a folder")).expect("golden folder");
            std::fs::write(&path, text).expect("golden file written");
            continue;
        }
        let expected: Value = serde_json::from_str(&read(&path))
            .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
        if let Some(d) = first_difference(&expected, &actual, "") {
            panic!(
                "{name} (seed {GOLDEN_SEED}) no longer judges as {}: first difference at {d}.\n\
                 If the change is intended, review it and bless with CASESIM_BLESS=1.",
                path.display()
            );
        }
        assert_eq!(actual, expected);
    }
}

#[test]
fn the_same_script_and_seed_judge_the_same_every_run() {
    // Two separate plays differ in their wall times (and so their hashes) but not in judgement.
    for name in ["model", "weak-budget"] {
        for seed in [1, 8] {
            let (_, a) = play_and_judge(name, seed);
            let (_, b) = play_and_judge(name, seed);
            assert_eq!(first_difference(&a, &b, ""), None, "{name} seed {seed}");
        }
    }
}

// ---- through the library ---------------------------------------------------------------------

fn library() -> &'static Library {
    static LIBRARY: OnceLock<Library> = OnceLock::new();
    LIBRARY.get_or_init(|| scripts::load_clean(&root().join(SCENARIO)))
}

fn script(name: &str) -> Vec<Action> {
    scripts::script(&script_path(name))
}

/// The stale brochure this seed draws (the one the shelf register names).
fn stale_brochure(seed: u64) -> String {
    let library = library();
    let scenario = library.scenario(SCENARIO_ID).expect("the scenario loads");
    Session::new(scenario, seed).values()["stale_brochure"].clone()
}

/// Play the actions (every one must be accepted) and judge the attempt, as `play` and `judge` do.
fn judge_actions(actions: &[Action], seed: u64) -> Judgement {
    scripts::play(library(), SCENARIO_ID, actions, seed, TRAINEE).1
}

fn not_satisfactory(j: &Judgement) -> Vec<String> {
    scripts::not_satisfactory(j)
}

#[test]
fn the_model_answer_is_competent_for_every_seed() {
    let model = script("model");
    for seed in 1..=30 {
        let j = judge_actions(&model, seed);
        assert_eq!(j.integrity, "ok", "seed {seed}: {:?}", j.integrity_detail);
        assert_eq!(
            j.overall,
            Overall::Competent,
            "seed {seed}: {:?}",
            not_satisfactory(&j)
        );
        assert_eq!(j.criteria.len(), 21);
    }
}

#[test]
fn the_script_flags_whichever_brochure_the_seed_made_stale() {
    let model = script("model");
    let mut seen = std::collections::BTreeSet::new();
    for seed in 1..=30 {
        let stale = stale_brochure(seed);
        let library = library();
        let scenario = library.scenario(SCENARIO_ID).expect("the scenario loads");
        let session = Session::new(scenario, seed);
        let flagged: Vec<String> = model
            .iter()
            .map(|a| a.map_text(|t| session.render(t)))
            .filter_map(|a| match a {
                Action::Flag { document, .. } => Some(document),
                _ => None,
            })
            .collect();
        assert_eq!(
            flagged,
            ["fees-2023".to_owned(), stale.clone()],
            "seed {seed}"
        );
        seen.insert(stale);
    }
    assert_eq!(seen.len(), 2, "both brochures are drawn in 30 seeds");
}

/// What a weak script is expected to miss: criterion, verdict, a fragment of its feedback.
type Misses = &'static [(&'static str, Verdict, &'static str)];

const WEAK: &[(&str, Misses)] = &[
    (
        "weak-budget",
        &[
            (
                "CHCMGT006/2.2",
                Verdict::Nys,
                "You told her the package covers everything",
            ),
            (
                "CHCMGT006/2.3",
                Verdict::Nys,
                "answer her questions accurately",
            ),
            (
                "CHCMGT006/2.4",
                Verdict::Nys,
                "The financial plan exceeds her weekly budget.",
            ),
            (
                "CHCMGT006/2.5",
                Verdict::Nys,
                "You discouraged her from complaining.",
            ),
            (
                "CHCMGT006/2.7",
                Verdict::Nys,
                "Complete the agreement following the procedure",
            ),
            (
                "CHCMGT006/3.5",
                Verdict::Nys,
                "The changed services cost more than her weekly budget.",
            ),
        ],
    ),
    (
        "weak-rapport",
        &[
            (
                "CHCMGT006/2.1",
                Verdict::Nys,
                "Ask open questions about her previous experiences",
            ),
            (
                "CHCMGT006/2.2",
                Verdict::Nys,
                "Present the options in terms of what she told you",
            ),
            (
                "CHCMGT006/2.6",
                Verdict::Nys,
                "Tell the client what happens next, and when you will contact her.",
            ),
        ],
    ),
    (
        "weak-privacy",
        &[
            (
                "CHCMGT006/2.7",
                Verdict::Nys,
                "You shared her private information without consent",
            ),
            (
                "CHCMGT006/4.6",
                Verdict::Nys,
                "Private information was disclosed without consent.",
            ),
        ],
    ),
    (
        "weak-unfinished",
        &[
            (
                "CHCMGT006/4.1",
                Verdict::NotEvidenced,
                "Clients stay when the service listens",
            ),
            (
                "CHCMGT006/4.2",
                Verdict::NotEvidenced,
                "close the loop with her on the complaint",
            ),
            (
                "CHCMGT006/4.3",
                Verdict::Nys,
                "Act on providers' progress reports",
            ),
            (
                "CHCMGT006/4.4",
                Verdict::NotEvidenced,
                "Base the recommendation on the feedback",
            ),
            (
                "CHCMGT006/4.5",
                Verdict::NotEvidenced,
                "Propose improvements through the procedure",
            ),
            // NYS from a satisfied quiz and a missing work product: the criterion's feedback
            // names only the quiz, the missing records are in the evidence item.
            (
                "CHCMGT006/4.6",
                Verdict::Nys,
                "Records must be factual, dated, complete",
            ),
        ],
    ),
];

#[test]
fn weak_attempts_miss_exactly_their_criteria_for_the_reasons_intended() {
    for (name, misses) in WEAK {
        let actions = script(name);
        for seed in [1, 3, 8, 20] {
            let j = judge_actions(&actions, seed);
            assert_eq!(
                j.integrity, "ok",
                "{name} seed {seed}: {:?}",
                j.integrity_detail
            );
            assert_eq!(j.overall, Overall::NotYetCompetent, "{name} seed {seed}");
            for c in &j.criteria {
                let Some((_, verdict, fragment)) = misses.iter().find(|(id, ..)| *id == c.id)
                else {
                    assert_eq!(
                        c.verdict,
                        Verdict::S,
                        "{name} seed {seed}: {} {:?}",
                        c.id,
                        c.feedback
                    );
                    continue;
                };
                assert_eq!(
                    c.verdict, *verdict,
                    "{name} seed {seed}: {} {:?}",
                    c.id, c.feedback
                );
                let said = c.feedback.iter().chain(
                    c.evidence
                        .iter()
                        .filter(|e| !e.held || e.contrary)
                        .map(|e| &e.feedback),
                );
                assert!(
                    said.clone().any(|f| f.contains(fragment)),
                    "{name} seed {seed}: {} does not say {fragment:?}: {:?}",
                    c.id,
                    said.collect::<Vec<_>>()
                );
            }
        }
    }
}
