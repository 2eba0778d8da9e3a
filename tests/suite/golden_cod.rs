//! Golden judgements: scripted attempts at `child-welfare-kisumu` (COD/OS/SW/CR/11/6/A), played
//! and judged end to end.
//!
//! The scripts are in `tests/scripts/child-welfare-kisumu.<name>.ron`: a model answer (all 41
//! criteria S, all 17 critical aspects demonstrated) and weak attempts that each miss specific
//! criteria. Their judgements at [`GOLDEN_SEED`] are kept in
//! `tests/golden/child-welfare-kisumu.<name>.seed<N>.json`, exactly as `casesim judge --format
//! json` prints them. That every script judges exactly as its golden file, and the same on every
//! run, is tested for every bundled scenario in `library.rs` (which also says how to rewrite the
//! golden files after an intended change). This file holds the checks particular to this
//! scenario: what each weak script misses and why, and the seed-dependent choices.
//!
//! One choice in the scripts depends on the seed: which leaflet is out of date (the
//! `stale_leaflet` variation, named in the shelf register). The scripts flag
//! `"{stale_leaflet}"`, which is filled in from the seed before the action is applied, as
//! `casesim play` does. Everything else in them is right whatever the seed.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::OnceLock;

use casesim::model::{Action, Judgement, Overall, Verdict};
use casesim::scenario::Library;
use casesim::sim::Session;

use crate::scripts;
use crate::{read, root};

const SCENARIO_ID: &str = "child-welfare-kisumu";
const SCENARIO: &str = "scenarios/child-welfare-kisumu.ron";
/// The seed of the golden files (Akinyi; budget KES 10,000; the cash-transfer leaflet is stale;
/// the bursary decides in 14 days).
const GOLDEN_SEED: u64 = 7;
const TRAINEE: &str = "Amina Otieno";
const SCRIPTS: &[&str] = &[
    "model",
    "weak-confidentiality",
    "weak-intake",
    "weak-budget",
    "weak-unfinished",
];
const UNIT: &str = "COD-OS-SW-CR-11-6-A";

fn script_path(name: &str) -> PathBuf {
    scripts::script_path(SCENARIO_ID, name)
}

fn golden_path(name: &str, seed: u64) -> PathBuf {
    scripts::golden_path(SCENARIO_ID, name, seed)
}

/// A criterion or critical aspect id of the unit: `id("2.1")`, `id("CA1.4")`.
fn id(short: &str) -> String {
    format!("{UNIT}/{short}")
}

#[test]
fn the_golden_files_say_what_the_scripts_are_for() {
    // A light check of the golden files themselves, so that a careless bless is noticed.
    for name in SCRIPTS {
        let path = golden_path(name, GOLDEN_SEED);
        let j: Judgement = serde_json::from_str(&read(&path))
            .unwrap_or_else(|e| panic!("{} is not a judgement: {e}", path.display()));
        assert_eq!(j.scenario, SCENARIO_ID);
        assert_eq!(j.seed, GOLDEN_SEED);
        assert_eq!(j.trainee, TRAINEE);
        assert_eq!(j.integrity, "ok", "{name}");
        assert_eq!(j.criteria.len(), 41, "{name}");
        assert_eq!(j.critical_aspects.len(), 17, "{name}");
        let expected = if *name == "model" {
            Overall::Competent
        } else {
            Overall::NotYetCompetent
        };
        assert_eq!(j.overall, expected, "{name}");
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

/// The session after the actions (every one must be accepted), and the judgement of the
/// attempt, built as `casesim play` and `casesim judge` do.
fn play(actions: &[Action], seed: u64) -> (Session<'static>, Judgement) {
    scripts::play(library(), SCENARIO_ID, actions, seed, TRAINEE)
}

fn not_satisfactory(j: &Judgement) -> Vec<String> {
    scripts::not_satisfactory(j)
}

#[test]
fn the_model_answer_is_competent_for_every_seed() {
    let model = script("model");
    let mut drawn = BTreeSet::new();
    for seed in 1..=30 {
        let (session, j) = play(&model, seed);
        let values = session.values();
        drawn.insert((values["stale_leaflet"].clone(), values["budget"].clone()));
        assert_eq!(j.integrity, "ok", "seed {seed}: {:?}", j.integrity_detail);
        assert_eq!(
            j.overall,
            Overall::Competent,
            "seed {seed}: {:?}",
            not_satisfactory(&j)
        );
        assert_eq!(j.criteria.len(), 41);
        assert!(j.criteria.iter().all(|c| c.verdict == Verdict::S));
        assert_eq!(j.critical_aspects.len(), 17);
        assert!(
            j.critical_aspects.iter().all(|a| a.demonstrated),
            "seed {seed}"
        );
        // Every fact the client has is disclosed by the model intake.
        assert_eq!(session.state().client.disclosed.len(), 8, "seed {seed}");
    }
    // The seeds cover both leaflets and the smallest and largest budgets.
    let leaflets: BTreeSet<&str> = drawn.iter().map(|(l, _)| l.as_str()).collect();
    let budgets: BTreeSet<&str> = drawn.iter().map(|(_, b)| b.as_str()).collect();
    assert_eq!(leaflets, BTreeSet::from(["bursary-leaflet", "ct-leaflet"]));
    assert!(
        budgets.contains("8000") && budgets.contains("10000"),
        "{budgets:?}"
    );
}

#[test]
fn the_script_flags_whichever_leaflet_the_seed_made_stale() {
    let model = script("model");
    let library = library();
    let scenario = library.scenario(SCENARIO_ID).expect("the scenario loads");
    for seed in 1..=30 {
        let session = Session::new(scenario, seed);
        let stale = session.values()["stale_leaflet"].clone();
        let flagged: Vec<String> = model
            .iter()
            .map(|a| a.map_text(|t| session.render(t)))
            .filter_map(|a| match a {
                Action::Flag { document, .. } => Some(document),
                _ => None,
            })
            .collect();
        assert_eq!(flagged, ["rates-2024".to_owned(), stale], "seed {seed}");
    }
}

#[test]
fn the_model_allocation_fits_the_smallest_budget() {
    // The allocation is the same for every seed; only the budget changes.
    for seed in [1, 7, 15] {
        let (session, _) = play(&script("model"), seed);
        let (total, budget) = session.plan_total("allocate").expect("a financial plan");
        assert_eq!(total, 7700.0, "seed {seed}");
        assert!(
            budget >= 8000.0 && total <= budget,
            "seed {seed}: {total} of {budget}"
        );
    }
}

/// What a weak script is expected to miss: criterion, verdict, fragments of what the judgement
/// says about it (in its feedback, or in an evidence item that did not hold or counts against).
type Misses = &'static [(&'static str, Verdict, &'static [&'static str])];

const WEAK: &[(&str, Misses, &[&str])] = &[
    (
        "weak-confidentiality",
        &[
            (
                "2.2",
                Verdict::Nys,
                &["You shared the family's sensitive information with the school without consent."],
            ),
            // The head teacher's feedback: the family's business reached the staff room.
            (
                "7.1",
                Verdict::Nys,
                &[
                    "The head teacher raised a concern: keep the school informed of what it needs, and no more.",
                ],
            ),
            (
                "9.4",
                Verdict::Nys,
                &[
                    "The child's information went beyond those who need it: confidentiality was breached.",
                ],
            ),
            // The supervisor's closure audit raises the breach.
            (
                "11.2",
                Verdict::Nys,
                &["Your supervisor raised a concern about the plan review or the file."],
            ),
        ],
        &["CA1.4", "CA1.6", "CA1.12"],
    ),
    (
        "weak-intake",
        &[
            (
                "2.1",
                Verdict::Nys,
                &[
                    "You promised to pay for everything",
                    "Greet before business, ask open questions",
                    "An intake: rapport, background, presenting problem, processes and procedures, expectations.",
                ],
            ),
            (
                "2.2",
                Verdict::Nys,
                &[
                    "Record the presenting problem, background, the protection concern and action, the category and consent.",
                ],
            ),
        ],
        &["CA1.4", "CA1.6"],
    ),
    (
        "weak-budget",
        &[
            (
                "6.2",
                Verdict::Nys,
                &["The allocation exceeds the fund's monthly amount."],
            ),
            (
                "6.3",
                Verdict::Nys,
                &["You paid the levies from the fund: outside the plan and over budget."],
            ),
            // The head teacher's fallback report (the first two need `im-direct`).
            ("7.1", Verdict::Nys, &["The head teacher raised a concern"]),
            ("7.3", Verdict::Nys, &["spending within the budget"]),
            (
                "9.2",
                Verdict::Nys,
                &["Spending went over the approved monthly amount."],
            ),
        ],
        &["CA1.6", "CA1.8", "CA1.12"],
    ),
    (
        "weak-unfinished",
        &[
            // S by observation, nothing from the debrief interview it also needs.
            (
                "1.1",
                Verdict::Nys,
                &[
                    "Immediate danger is Category A: act the same day with the children's office and the police.",
                ],
            ),
            (
                "9.1",
                Verdict::NotEvidenced,
                &["Gather every record, report and receipt"],
            ),
            (
                "9.2",
                Verdict::NotEvidenced,
                &["Report spending against the approved amount"],
            ),
            (
                "9.3",
                Verdict::NotEvidenced,
                &["Summarise referral, interventions, outcomes"],
            ),
            (
                "9.4",
                Verdict::NotEvidenced,
                &["Share the final report with the supervisor"],
            ),
            ("10.1", Verdict::NotEvidenced, &["Set closure criteria"]),
            ("10.2", Verdict::NotEvidenced, &["Give dates in advance"]),
            (
                "10.3",
                Verdict::NotEvidenced,
                &["Review the exit with the family and partners"],
            ),
            (
                "10.4",
                Verdict::NotEvidenced,
                &["Report how the exit was implemented and reviewed"],
            ),
            (
                "11.1",
                Verdict::NotEvidenced,
                &["Review the work with the family"],
            ),
            (
                "11.2",
                Verdict::NotEvidenced,
                &["Review each goal: met or not"],
            ),
            (
                "11.3",
                Verdict::NotEvidenced,
                &["Refer the open need to the cash-transfer programme"],
            ),
        ],
        &["CA1.1", "CA1.6", "CA1.12", "CA1.15", "CA1.16", "CA1.17"],
    ),
];

#[test]
fn weak_attempts_miss_exactly_their_criteria_for_the_reasons_intended() {
    for (name, misses, aspects) in WEAK {
        let actions = script(name);
        for seed in [1, 3, GOLDEN_SEED, 20] {
            let (_, j) = play(&actions, seed);
            scripts::assert_misses(&format!("{name} seed {seed}"), &j, |c| {
                let (_, verdict, fragments) = misses.iter().find(|(short, ..)| id(short) == c)?;
                Some((*verdict, *fragments))
            });
            let missing: Vec<String> = j
                .critical_aspects
                .iter()
                .filter(|a| !a.demonstrated)
                .map(|a| a.id.clone())
                .collect();
            let expected: Vec<String> = aspects.iter().map(|a| id(a)).collect();
            assert_eq!(missing, expected, "{name} seed {seed}");
        }
    }
}

#[test]
fn the_rushed_intake_never_hears_the_real_problem() {
    // Range items R1.1–R1.5 of 2.1 are judged by one rule; what the rushed intake missed shows in
    // the client's state: only the market help and the lost documents came out.
    for seed in [1, GOLDEN_SEED] {
        let (session, j) = play(&script("weak-intake"), seed);
        let disclosed: Vec<&str> = session
            .state()
            .client
            .disclosed
            .iter()
            .map(String::as_str)
            .collect();
        assert_eq!(disclosed, ["documents", "market-help"], "seed {seed}");
        assert!(session.state().client.flags.contains("overpromised"));
        assert!(session.state().client.rapport < 55, "seed {seed}");
        let c = j.criterion(&id("2.1")).expect("2.1 judged");
        let observation = c
            .evidence
            .iter()
            .find(|e| !e.contrary && e.expected.contains("`welcome` chosen in `intake`"))
            .expect("the intake rule's evidence");
        assert!(!observation.held);
        assert!(!observation.actions.is_empty(), "the intake was worked");
    }
}

#[test]
fn a_late_breach_reaches_the_supervisors_audit() {
    // In weak-confidentiality the plan review itself is complete: the supervisor's concern, and
    // so 11.2 NYS, come from the breach in sharing the final report.
    let (session, j) = play(&script("weak-confidentiality"), GOLDEN_SEED);
    assert!(
        session
            .state()
            .client
            .flags
            .contains("confidentiality_breach")
    );
    let c = j.criterion(&id("11.2")).expect("11.2 judged");
    let held: Vec<(bool, &str)> = c
        .evidence
        .iter()
        .map(|e| (e.held, e.expected.as_str()))
        .collect();
    assert_eq!(
        held,
        [
            (true, "form `plan-review` complete and correct"),
            (false, "report `supervisor-report` raises no concern"),
        ]
    );
    let report = session
        .state()
        .inbox
        .iter()
        .find(|a| a.id == "supervisor-report")
        .expect("the audit arrived");
    assert!(
        report
            .text
            .contains("information shared beyond need-to-know"),
        "{}",
        report.text
    );
}
