//! Golden judgements: scripted attempts at `home-after-hospital`, played and judged end to end.
//!
//! The scripts are in `tests/scripts/home-after-hospital.<name>.ron`: a model answer and weak
//! attempts that each miss specific criteria. Their judgements at seed 3 are kept in
//! `tests/golden/home-after-hospital.<name>.seed<N>.json`, exactly as `casesim judge --format
//! json` prints them. That every script judges exactly as its golden file, and the same on every
//! run, is tested for every bundled scenario in `library.rs` (which also says how to rewrite the
//! golden files after an intended change). This file holds the checks particular to this
//! scenario: what each weak script misses and why, and the seed-dependent choices.
//!
//! One choice in the scripts depends on the seed: which brochure is out of date (the
//! `stale_brochure` variation, named in the shelf register). The scripts flag
//! `"{stale_brochure}"`, which is filled in from the seed before the action is applied, as
//! `casesim play` does.

use std::path::PathBuf;
use std::sync::OnceLock;

use casesim::model::{Action, Judgement, Verdict};
use casesim::scenario::Library;
use casesim::sim::Session;

use crate::root;
use crate::scripts;

const SCENARIO_ID: &str = "home-after-hospital";
const SCENARIO: &str = "scenarios/home-after-hospital.ron";
const TRAINEE: &str = "Sam Lee";

fn script_path(name: &str) -> PathBuf {
    scripts::script_path(SCENARIO_ID, name)
}

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
            scripts::assert_misses(&format!("{name} seed {seed}"), &j, |id| {
                let (_, verdict, fragment) = misses.iter().find(|(c, ..)| *c == id)?;
                Some((*verdict, std::slice::from_ref(fragment)))
            });
        }
    }
}
