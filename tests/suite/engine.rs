//! The engine's invariants (DESIGN §3, §6, §8): replaying an attempt reproduces the live state,
//! the same log always gets the same judgement, refused actions change nothing, random play is
//! never judged competent, tampering is detected through the binary, and a `casesim play` killed
//! at any moment leaves a log that loads and verifies.
//!
//! Every test runs over every scenario in `scenarios/` that loads without errors.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use casesim::cli::play::new_attempt;
use casesim::model::attempt::{record_hash, sha256_hex};
use casesim::model::{Action, Attempt, Given, Integrity, Mode, Overall, Scenario, Unit, Verdict};
use casesim::scenario::Library;
use casesim::scoring::judge;
use casesim::sim::{BOT_LIMIT, RandomBot, Session};
use casesim::store::attempt as store;
use proptest::prelude::*;
use proptest::sample::Index;
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};

use super::{root, scenarios_dir};

// -- the bundled scenarios -----------------------------------------------------------------

/// One scenario file of `scenarios/`, loaded on its own, with its text as it was read.
struct Bundled {
    library: Library,
    path: PathBuf,
    text: String,
    /// Ids and words found in the scenario, for building arbitrary actions.
    words: Vec<String>,
}

impl Bundled {
    fn scenario(&self) -> &Scenario {
        &self.library.scenarios[0]
    }

    fn units(&self) -> &[Unit] {
        &self.library.units
    }

    fn name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    /// A copy of the scenario file, exactly as loaded, alone in a fresh folder (so that another
    /// file of `scenarios/` being edited meanwhile cannot disturb a test of the binary).
    fn copy_to_temp(&self) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("a temp folder");
        let path = dir.path().join(self.path.file_name().expect("a file name"));
        std::fs::write(&path, &self.text).expect("the copy is written");
        (dir, path)
    }
}

/// Every scenario file in `scenarios/` that loads without errors (the others are skipped with
/// a note: a trainer may be writing one while the suite runs). The shipped
/// `home-after-hospital` must be among them.
fn bundled() -> &'static [Bundled] {
    static BUNDLED: OnceLock<Vec<Bundled>> = OnceLock::new();
    BUNDLED.get_or_init(|| {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(scenarios_dir())
            .expect("scenarios/ is readable")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "ron"))
            .collect();
        paths.sort();
        let mut out = Vec::new();
        for path in paths {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let library = Library::load(std::slice::from_ref(&path));
            let clean = library.errors() == 0
                && library.scenarios.len() == 1
                // The file did not change between reading it and loading it.
                && library.scenarios[0].content_hash() == sha256_hex(text.as_bytes());
            if !clean {
                eprintln!(
                    "engine tests: skipping {} (it does not load cleanly now)",
                    path.display()
                );
                continue;
            }
            let words = harvest_words(&library.scenarios[0]);
            out.push(Bundled {
                library,
                path,
                text,
                words,
            });
        }
        assert!(
            out.iter()
                .any(|b| b.scenario().id() == "home-after-hospital"),
            "the bundled scenario home-after-hospital must load cleanly"
        );
        out
    })
}

/// Every short string in the scenario (ids, option values, times, names) and a few longer
/// texts (rubric phrases, prompts), so that arbitrary actions often name real things.
fn harvest_words(scenario: &Scenario) -> Vec<String> {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            serde_json::Value::Object(o) => o.values().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let value = serde_json::to_value(scenario.file()).expect("a scenario serializes");
    let mut all = Vec::new();
    walk(&value, &mut all);
    let mut words: Vec<String> = all
        .into_iter()
        .filter(|s| s.chars().count() <= 80)
        .collect();
    words.sort();
    words.dedup();
    words
}

/// Ids no scenario uses, and strings that are awkward anywhere.
const NONSENSE: [&str; 12] = [
    "",
    " ",
    "no-such-step",
    "no-such-document",
    "HandIn",
    "10:00",
    "25:61",
    "2025-02-30",
    "yes",
    ";;",
    "ünïcødé ✓ 🚑",
    "\u{0}\n\t",
];

// -- recording, replaying, bots ------------------------------------------------------------

/// Apply an action and, if accepted, record it in the attempt as `casesim play` does (with a
/// fixed wall time, which is recorded but never used).
fn act(session: &mut Session<'_>, attempt: &mut Attempt, action: Action) -> bool {
    let sim = session.state().clock.format("%Y-%m-%d %H:%M").to_string();
    match session.apply(&action) {
        Ok(_) => {
            attempt.push(action, "2026-01-01T00:00:00Z".into(), sim);
            true
        }
        Err(_) => false,
    }
}

/// A fresh session with every action of the attempt replayed, each of which must be accepted.
fn replay<'s>(scenario: &'s Scenario, attempt: &Attempt) -> Session<'s> {
    let mut session = Session::new(scenario, attempt.header.seed);
    for r in &attempt.records {
        if let Err(e) = session.apply(&r.action) {
            panic!("replay refused record {} ({:?}): {e}", r.index, r.action);
        }
    }
    session
}

/// The random bot of `casesim play --bot random`, through the library: pick uniformly among
/// the actions possible now until the bot hands in, or hand in at `limit` actions.
fn random_bot<'s>(scenario: &'s Scenario, seed: u64, limit: usize) -> (Attempt, Session<'s>) {
    let mut attempt = new_attempt(scenario, "bot", seed, Mode::Assessment);
    let mut session = Session::new(scenario, seed);
    let mut bot = RandomBot::new(seed, limit);
    while !session.state().handed_in {
        let action = bot.next(&session, attempt.records.len());
        let shown = format!("{action:?}");
        assert!(
            act(&mut session, &mut attempt, action),
            "{}: seed {seed}: the session refused an action it offered: {shown}",
            scenario.id()
        );
    }
    (attempt, session)
}

fn criteria_satisfied(j: &casesim::model::Judgement) -> usize {
    j.criteria
        .iter()
        .filter(|c| c.verdict == Verdict::S)
        .count()
}

// -- property tests ------------------------------------------------------------------------

/// How many cases each property runs (per scenario), and the most actions in one case.
const CASES: u32 = 64;
const MAX_ACTIONS: usize = 60;

/// An action made of generated parts: `kind` names the variant, the indices pick words from
/// the scenario's ids, the nonsense ids and `words` itself.
#[derive(Clone, Debug)]
struct Wild {
    kind: u8,
    picks: [Index; 3],
    list: Vec<Index>,
    words: String,
    quantity: f64,
    day: u32,
    choose_words: bool,
}

impl Wild {
    fn action(&self, pool: &[String]) -> Action {
        let word = |i: &Index| -> String {
            let n = pool.len() + NONSENSE.len() + 1;
            match i.index(n) {
                k if k < pool.len() => pool[k].clone(),
                k if k < pool.len() + NONSENSE.len() => NONSENSE[k - pool.len()].to_owned(),
                _ => self.words.clone(),
            }
        };
        let [a, b, c] = &self.picks;
        let (step, second) = (word(a), word(b));
        let list: Vec<String> = self.list.iter().map(word).collect();
        match self.kind % 18 {
            0 => Action::Open(step),
            1 => Action::Flag {
                step,
                document: second,
            },
            2 => Action::Unflag {
                step,
                document: second,
            },
            3 => Action::Finish(step),
            4 => Action::Choose {
                step,
                answers: list,
            },
            5 => Action::Reply {
                step,
                reply: second,
                text: self.choose_words.then(|| word(c)),
            },
            6 => Action::EndConversation(step),
            7 => Action::Fill {
                step,
                field: second,
                value: word(c),
            },
            8 => Action::Plan {
                step,
                service: second,
                quantity: self.quantity,
            },
            9 => Action::Book {
                step,
                day: self.day,
                time: word(c),
            },
            10 => Action::Order { step, items: list },
            11 => Action::Pair {
                step,
                pairs: list
                    .iter()
                    .zip(list.iter().rev())
                    .map(|(l, r)| (l.clone(), r.clone()))
                    .collect(),
            },
            12 => Action::Write {
                step,
                text: word(c),
            },
            13 => Action::Answer {
                step,
                question: second,
                answer: if self.choose_words {
                    Given::Words(word(c))
                } else {
                    Given::Options(list)
                },
            },
            14 => Action::RequestReport(step),
            15 => Action::Submit(step),
            16 => Action::WaitUntil { day: self.day },
            _ => Action::HandIn,
        }
    }
}

fn wild() -> impl Strategy<Value = Wild> {
    (
        any::<u8>(),
        any::<[Index; 3]>(),
        prop::collection::vec(any::<Index>(), 0..6),
        "\\PC{0,24}",
        prop_oneof![
            4 => 0.0..12.0f64,
            1 => Just(0.0),
            1 => Just(-0.0),
            1 => Just(f64::NAN),
            1 => Just(f64::INFINITY),
            1 => Just(-1.0),
            1 => Just(10_000.5),
            2 => any::<f64>(),
        ],
        prop_oneof![4 => 0u32..40, 1 => 360u32..370, 1 => any::<u32>()],
        any::<bool>(),
    )
        .prop_map(
            |(kind, picks, list, words, quantity, day, choose_words)| Wild {
                kind,
                picks,
                list,
                words,
                quantity,
                day,
                choose_words,
            },
        )
}

/// One move of a generated walk: one of the actions possible now (by index), or an arbitrary
/// action (usually refused).
#[derive(Clone, Debug)]
enum Move {
    Possible(Index),
    Wild(Wild),
}

fn walk() -> impl Strategy<Value = (u64, Vec<Move>)> {
    let moves = prop_oneof![
        3 => any::<Index>().prop_map(Move::Possible),
        1 => wild().prop_map(Move::Wild),
    ];
    (any::<u64>(), prop::collection::vec(moves, 1..=MAX_ACTIONS))
}

/// The action a move stands for in this session, or `None` when nothing is possible.
fn resolve(m: &Move, session: &Session<'_>, words: &[String]) -> Option<Action> {
    match m {
        Move::Possible(i) => {
            let choices = session.possible_actions();
            (!choices.is_empty()).then(|| choices[i.index(choices.len())].clone())
        }
        Move::Wild(w) => Some(w.action(words)),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    /// (a) After every action, a fresh session that replays the attempt so far is in exactly
    /// the live session's state; the judge's replay accepts every recorded action too.
    #[test]
    fn replaying_an_attempt_reproduces_the_live_state((seed, moves) in walk()) {
        for b in bundled() {
            let scenario = b.scenario();
            let mut live = Session::new(scenario, seed);
            let mut attempt = new_attempt(scenario, "prop", seed, Mode::Practice);
            for m in &moves {
                let Some(action) = resolve(m, &live, &b.words) else { break };
                if !act(&mut live, &mut attempt, action) {
                    continue;
                }
                let replayed = replay(scenario, &attempt);
                prop_assert_eq!(replayed.state(), live.state(), "{}: after {} actions", b.name(), attempt.records.len());
                prop_assert_eq!(replayed.values(), live.values());
                // The judge's replay (in place, no rollback copy) and `sim::replay` agree.
                let mut in_place = Session::new(scenario, seed);
                for r in &attempt.records {
                    prop_assert!(in_place.replay(&r.action).is_ok(), "{}: Session::replay refused record {}", b.name(), r.index);
                }
                prop_assert_eq!(in_place.state(), live.state());
                let (via_sim, refused) = casesim::sim::replay(scenario, &attempt);
                prop_assert!(refused.is_none(), "{}: sim::replay refused {:?}", b.name(), refused);
                prop_assert_eq!(via_sim.state(), live.state());
                if live.state().handed_in {
                    break;
                }
            }
            let j = judge(scenario, b.units(), &attempt);
            let expected = if attempt.handed_in() { "ok" } else { "incomplete" };
            prop_assert_eq!(&j.integrity, expected, "{}: {:?}", b.name(), j.integrity_detail);
        }
    }

    /// (b) Judging is a pure function: the same attempt twice, a clone of it, and the attempt
    /// written to a file and read back all get equal judgements.
    #[test]
    fn the_same_attempt_always_gets_the_same_judgement((seed, moves) in walk(), hand_in in any::<bool>()) {
        let dir = tempfile::tempdir().expect("a temp folder");
        for b in bundled() {
            let scenario = b.scenario();
            let mut live = Session::new(scenario, seed);
            let mut attempt = new_attempt(scenario, "prop", seed, Mode::Assessment);
            for m in &moves {
                if live.state().handed_in {
                    break;
                }
                if let Some(action) = resolve(m, &live, &b.words) {
                    act(&mut live, &mut attempt, action);
                }
            }
            if hand_in && !live.state().handed_in {
                prop_assert!(act(&mut live, &mut attempt, Action::HandIn), "HandIn refused");
            }
            let first = judge(scenario, b.units(), &attempt);
            let second = judge(scenario, b.units(), &attempt);
            let copy = attempt.clone();
            let of_clone = judge(scenario, b.units(), &copy);
            prop_assert_eq!(&first, &second);
            prop_assert_eq!(&first, &of_clone);

            let path = dir.path().join(format!("{}.attempt", b.name()));
            store::save(&path, &attempt).expect("the attempt is saved");
            let loaded = store::load(&path).expect("the attempt loads");
            prop_assert!(!loaded.torn_tail);
            prop_assert_eq!(&loaded.attempt, &attempt);
            prop_assert_eq!(&judge(scenario, b.units(), &loaded.attempt), &first);
            // Serialized judgements are byte-identical too (reports are written from them).
            prop_assert_eq!(
                serde_json::to_string(&first).expect("json"),
                serde_json::to_string(&second).expect("json")
            );
        }
    }

    /// (c) Arbitrary actions (real and nonsense ids, odd strings, any numbers) never panic,
    /// and an action that is refused leaves the state exactly as it was.
    #[test]
    fn arbitrary_actions_never_panic_and_refusals_change_nothing(
        (seed, moves) in walk(),
        wilds in prop::collection::vec(wild(), 1..=MAX_ACTIONS),
    ) {
        for b in bundled() {
            let scenario = b.scenario();
            let mut session = Session::new(scenario, seed);
            let mut attempt = new_attempt(scenario, "prop", seed, Mode::Practice);
            // Walk somewhere first, trying a wild action after every step of the walk.
            for (m, w) in moves.iter().zip(wilds.iter().cycle()) {
                for action in resolve(m, &session, &b.words).into_iter().chain([w.action(&b.words)]) {
                    let before = session.state().clone();
                    let handed_in = before.handed_in;
                    let shown = format!("{action:?}");
                    // The judge's in-place replay accepts and refuses exactly what `apply` does,
                    // and an accepted action leads both to the same state.
                    let mut probe = session.clone();
                    let replayed = probe.replay(&action).is_ok();
                    let accepted = act(&mut session, &mut attempt, action);
                    prop_assert_eq!(replayed, accepted, "{}: replay and apply disagree on {}", b.name(), &shown);
                    if !accepted {
                        prop_assert_eq!(session.state(), &before, "{}: refused {} changed the state", b.name(), shown);
                    } else {
                        prop_assert!(!handed_in, "{}: {} accepted after HandIn", b.name(), shown);
                        prop_assert_eq!(probe.state(), session.state(), "{}: {}", b.name(), shown);
                    }
                }
            }
            // Whatever was accepted replays.
            let replayed = replay(scenario, &attempt);
            prop_assert_eq!(replayed.state(), session.state());
        }
    }
}

// -- random play is never competent ---------------------------------------------------------

/// Random bots per scenario.
const BOTS: u64 = 1000;

/// 1,000 seeded random bots (the `casesim play --bot random` bot, driven through the library)
/// per scenario: every attempt is intact and complete, none is judged Competent. The bots run
/// on every core: in a debug build most of the time goes to `Session::possible_actions`.
#[test]
fn random_bots_are_never_competent() {
    for b in bundled() {
        let scenario = b.scenario();
        let started = Instant::now();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()) as u64;
        // (seed, actions, criteria, criteria S) of every bot.
        let runs: Vec<(u64, usize, usize, usize)> = std::thread::scope(|s| {
            let workers: Vec<_> = (0..threads)
                .map(|t| {
                    s.spawn(move || {
                        (t..BOTS)
                            .step_by(threads as usize)
                            .map(|seed| {
                                let (attempt, _) = random_bot(scenario, seed, BOT_LIMIT);
                                let j = judge(scenario, b.units(), &attempt);
                                assert_eq!(
                                    j.integrity,
                                    "ok",
                                    "{}: seed {seed}: {:?}",
                                    b.name(),
                                    j.integrity_detail
                                );
                                assert_eq!(
                                    j.overall,
                                    Overall::NotYetCompetent,
                                    "{}: the random bot with seed {seed} was judged Competent",
                                    b.name()
                                );
                                (
                                    seed,
                                    attempt.records.len(),
                                    j.criteria.len(),
                                    criteria_satisfied(&j),
                                )
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|w| w.join().expect("a bot thread panicked"))
                .collect()
        });
        assert_eq!(runs.len() as u64, BOTS);
        let (best_seed, _, criteria, best) = runs
            .iter()
            .copied()
            .max_by_key(|r| (r.3, std::cmp::Reverse(r.0)))
            .expect("bots ran");
        let actions: usize = runs.iter().map(|r| r.1).sum();
        let longest = runs.iter().map(|r| r.1).max().unwrap_or(0);
        println!(
            "{}: {BOTS} random bots, best {best} of {criteria} criteria S (seed {best_seed}); \
             {:.1} actions on average, longest {longest}; {:.1?} on {threads} threads",
            b.name(),
            actions as f64 / BOTS as f64,
            started.elapsed(),
        );
    }
}

/// The library bot above is the bot of `casesim play --bot random`: same seed, same actions.
#[test]
fn the_library_bot_is_the_play_commands_bot() {
    for b in bundled() {
        let (_dir, scenario_path) = b.copy_to_temp();
        let out = tempfile::tempdir().expect("a temp folder");
        for seed in [1, 7, 42] {
            let path = out.path().join(format!("{seed}.attempt"));
            play(&scenario_path, seed, &path);
            let played = store::load(&path).expect("the attempt loads").attempt;
            let (ours, _) = random_bot(b.scenario(), seed, BOT_LIMIT);
            let actions = |a: &Attempt| {
                a.records
                    .iter()
                    .map(|r| r.action.clone())
                    .collect::<Vec<_>>()
            };
            assert_eq!(
                actions(&played),
                actions(&ours),
                "{}: seed {seed}",
                b.name()
            );
            assert_eq!(played.header.scenario_hash, ours.header.scenario_hash);
        }
    }
}

// -- the binary: tampering and changed scenarios ---------------------------------------------

/// `casesim play --bot random` into `out`, which must succeed.
fn play(scenario: &Path, seed: u64, out: &Path) {
    let o = Command::new(env!("CARGO_BIN_EXE_casesim"))
        .args([
            "play",
            "--bot",
            "random",
            "--seed",
            &seed.to_string(),
            "--out",
        ])
        .arg(out)
        .arg(scenario)
        .current_dir(root())
        .output()
        .expect("the casesim binary runs");
    assert!(
        o.status.success(),
        "casesim play failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// `casesim judge` of an attempt against the scenarios in `scenarios`: its stdout.
fn judge_cli(attempt: &Path, scenarios: &Path, format: &str) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_casesim"))
        .args(["judge", "--format", format, "--scenarios"])
        .arg(scenarios)
        .arg(attempt)
        .current_dir(root())
        .output()
        .expect("the casesim binary runs");
    assert!(
        o.status.success(),
        "casesim judge {} failed: {}",
        attempt.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The integrity label `casesim judge --format json` reports.
fn integrity_cli(attempt: &Path, scenarios: &Path) -> String {
    let json = judge_cli(attempt, scenarios, "json");
    let v: serde_json::Value = serde_json::from_str(&json).expect("judge prints JSON");
    v["integrity"]
        .as_str()
        .expect("an integrity label")
        .to_owned()
}

/// The lines of a file, without their newlines.
fn lines_of(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .expect("readable")
        .lines()
        .map(str::to_owned)
        .collect()
}

fn write_lines(path: &Path, lines: &[String]) {
    std::fs::write(path, lines.join("\n") + "\n").expect("writable");
}

/// The first seed whose random bot takes more than `min` actions. A bot is run only up to
/// `min` actions (at that cap it hands in, making `min + 1` records), so the search is cheap.
fn seed_with_more_than(scenario: &Scenario, min: usize) -> u64 {
    (0..10_000)
        .find(|&seed| random_bot(scenario, seed, min).0.records.len() > min)
        .expect("some random bot works for a while")
}

/// Append `-edited` to the first string inside a record's action; false if it has none.
fn edit_action(record: &mut serde_json::Value) -> bool {
    fn first_string(v: &mut serde_json::Value) -> Option<&mut String> {
        match v {
            serde_json::Value::String(s) => Some(s),
            serde_json::Value::Array(a) => a.iter_mut().find_map(first_string),
            serde_json::Value::Object(o) => o.values_mut().find_map(first_string),
            _ => None,
        }
    }
    match first_string(&mut record["action"]) {
        Some(s) => {
            s.push_str("-edited");
            true
        }
        None => false,
    }
}

/// Every way of editing a bot's attempt file by hand is caught by `casesim judge`: edits,
/// reorders, removals, insertions and a changed header are "tampered"; a cut-off end is
/// "incomplete" (a torn last line with a note in text mode); a re-chained forgery of an
/// impossible action is "invalid-action". The untouched file is "ok".
#[test]
fn the_judge_command_detects_tampering() {
    for b in bundled() {
        let (dir, scenario_path) = b.copy_to_temp();
        let scenarios = dir.path();
        let seed = seed_with_more_than(b.scenario(), 8);
        let original = dir.path().join("original.attempt");
        play(&scenario_path, seed, &original);
        let lines = lines_of(&original);
        assert!(
            lines.len() >= 6,
            "{}: seed {seed} gives only {} lines",
            b.name(),
            lines.len()
        );
        assert_eq!(
            integrity_cli(&original, scenarios),
            "ok",
            "{}: the untouched attempt",
            b.name()
        );

        let records: Vec<serde_json::Value> = lines[1..]
            .iter()
            .map(|l| serde_json::from_str(l).expect("a record"))
            .collect();
        // The first record (not the last) whose action holds a string, as a line number.
        let editable = (0..records.len() - 1)
            .find(|&i| edit_action(&mut records[i].clone()))
            .expect("the bot did something with a name in it")
            + 1;

        let mut cases: Vec<(&str, Vec<String>, &str)> = Vec::new();

        let mut edited = lines.clone();
        let mut r: serde_json::Value = serde_json::from_str(&edited[editable]).expect("json");
        edit_action(&mut r);
        edited[editable] = r.to_string();
        cases.push(("an action's text edited", edited, "tampered"));

        // The editor also fixes the edited record's own hash: the next record gives it away.
        let mut rehashed = lines.clone();
        let mut r: serde_json::Value = serde_json::from_str(&rehashed[editable]).expect("json");
        edit_action(&mut r);
        let mut record: casesim::model::Record = serde_json::from_value(r).expect("a record");
        let previous = if editable == 1 {
            serde_json::from_str::<casesim::model::Header>(&lines[0])
                .expect("header")
                .hash()
        } else {
            serde_json::from_str::<casesim::model::Record>(&lines[editable - 1])
                .expect("record")
                .hash
        };
        record.hash = record_hash(
            &previous,
            record.index,
            &record.wall,
            &record.sim,
            &record.action,
        );
        rehashed[editable] = serde_json::to_string(&record).expect("json");
        cases.push((
            "an action edited and its own hash fixed",
            rehashed,
            "tampered",
        ));

        let mut sim = lines.clone();
        let mut r: serde_json::Value = serde_json::from_str(&sim[2]).expect("json");
        r["sim"] = "2020-01-01 09:00".into();
        sim[2] = r.to_string();
        cases.push(("a simulated time edited", sim, "tampered"));

        let mut swapped = lines.clone();
        swapped.swap(2, 3);
        cases.push(("two lines swapped", swapped, "tampered"));

        let mut deleted = lines.clone();
        deleted.remove(lines.len() / 2);
        cases.push(("a middle line deleted", deleted, "tampered"));

        let mut duplicated = lines.clone();
        duplicated.insert(3, lines[3].clone());
        cases.push(("a line duplicated", duplicated, "tampered"));

        let mut header = lines.clone();
        let mut h: serde_json::Value = serde_json::from_str(&header[0]).expect("json");
        h["seed"] = (seed + 1).into();
        header[0] = h.to_string();
        cases.push(("the header's seed changed", header, "tampered"));

        let mut trainee = lines.clone();
        let mut h: serde_json::Value = serde_json::from_str(&trainee[0]).expect("json");
        h["trainee"] = "someone else".into();
        trainee[0] = h.to_string();
        cases.push(("the header's trainee changed", trainee, "tampered"));

        let mut cut = lines.clone();
        cut.pop();
        cases.push(("the last line removed", cut, "incomplete"));

        // A forger who re-chains every hash after putting in an impossible action.
        let mut attempt = store::load(&original).expect("loads").attempt;
        let at = attempt.records.len() / 2;
        attempt.records[at].action = Action::Open("forged-document".into());
        let mut previous = attempt.header.hash();
        for r in &mut attempt.records {
            r.hash = record_hash(&previous, r.index, &r.wall, &r.sim, &r.action);
            previous = r.hash.clone();
        }
        assert_eq!(attempt.verify_chain(), Integrity::Ok);
        let mut forged = vec![serde_json::to_string(&attempt.header).expect("json")];
        forged.extend(
            attempt
                .records
                .iter()
                .map(|r| serde_json::to_string(r).expect("json")),
        );
        cases.push((
            "a forged, re-chained impossible action",
            forged,
            "invalid-action",
        ));

        for (i, (what, lines, expected)) in cases.iter().enumerate() {
            let path = dir.path().join(format!("case-{i}.attempt"));
            write_lines(&path, lines);
            let got = integrity_cli(&path, scenarios);
            assert_eq!(&got, expected, "{}: {what}", b.name());
        }

        // The last line cut off part-way, as by a crash while writing it: dropped, noted.
        let text = std::fs::read_to_string(&original).expect("readable");
        let last_start = text[..text.len() - 1].rfind('\n').expect("several lines") + 1;
        let torn = dir.path().join("torn.attempt");
        std::fs::write(&torn, &text[..last_start + (text.len() - last_start) / 2])
            .expect("writable");
        assert!(store::load(&torn).expect("a torn tail loads").torn_tail);
        assert_eq!(
            integrity_cli(&torn, scenarios),
            "incomplete",
            "{}: a torn last line",
            b.name()
        );
        let shown = judge_cli(&torn, scenarios, "text");
        assert!(
            shown.contains("cut off"),
            "{}: no note of the torn line in:\n{shown}",
            b.name()
        );
        assert!(
            shown.contains("Integrity: incomplete"),
            "{}:\n{shown}",
            b.name()
        );
    }
}

/// An attempt made against one version of a scenario and judged against an edited version is
/// "scenario-changed", even when only a feedback text changed.
#[test]
fn the_judge_command_notices_a_changed_scenario() {
    for b in bundled() {
        let (dir, scenario_path) = b.copy_to_temp();
        let attempt = dir.path().join("a.attempt");
        play(&scenario_path, 5, &attempt);
        assert_eq!(
            integrity_cli(&attempt, dir.path()),
            "ok",
            "{}: the unchanged scenario",
            b.name()
        );

        let text = std::fs::read_to_string(&scenario_path).expect("readable");
        let at = ["satisfied: \"", "feedback: \"", "not_yet: \""]
            .iter()
            .find_map(|k| text.find(k).map(|i| i + k.len()))
            .expect("the scenario has a feedback text");
        let edited = format!("{}(Reworded.) {}", &text[..at], &text[at..]);
        std::fs::write(&scenario_path, &edited).expect("writable");
        let library = Library::load(std::slice::from_ref(&scenario_path));
        assert_eq!(
            library.errors(),
            0,
            "{}: the edited copy still loads",
            b.name()
        );
        assert_eq!(
            integrity_cli(&attempt, dir.path()),
            "scenario-changed",
            "{}",
            b.name()
        );
    }
}

// -- crash safety -----------------------------------------------------------------------------

/// How many times each scenario's bot is killed.
const KILLS: u64 = 12;

/// `casesim play --bot random` killed (SIGKILL) at random moments, some straight after it
/// starts: whatever file it leaves loads (a torn last line allowed), its chain verifies, its
/// records are a prefix of the bot's run, it replays and judges as "incomplete" (or "ok" if the
/// bot finished), and it can be resumed and handed in.
#[test]
fn a_killed_play_leaves_a_log_that_loads_and_verifies() {
    for b in bundled() {
        let scenario = b.scenario();
        let (dir, scenario_path) = b.copy_to_temp();
        let seed = seed_with_more_than(scenario, 60);
        let (full, _) = random_bot(scenario, seed, BOT_LIMIT);

        // How long a whole run takes, to spread the kills over it: the quickest of three, since
        // one slow run (a busy machine) would put most kills after the end.
        let whole = (0..3)
            .map(|i| {
                let t = Instant::now();
                play(
                    &scenario_path,
                    seed,
                    &dir.path().join(format!("whole-{i}.attempt")),
                );
                t.elapsed()
            })
            .min()
            .unwrap_or_default();

        let mut rng = ChaCha8Rng::seed_from_u64(0xdead);
        let (mut no_file, mut empty, mut mid_run, mut finished, mut torn) = (0, 0, 0, 0, 0);
        for i in 0..KILLS {
            let out = dir.path().join(format!("killed-{i}.attempt"));
            let delay = if i % 3 == 0 {
                Duration::ZERO
            } else {
                whole.mul_f64((rng.next_u64() % 1000) as f64 / 1000.0)
            };
            let mut child = Command::new(env!("CARGO_BIN_EXE_casesim"))
                .args([
                    "play",
                    "--bot",
                    "random",
                    "--seed",
                    &seed.to_string(),
                    "--out",
                ])
                .arg(&out)
                .arg(&scenario_path)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("casesim play starts");
            std::thread::sleep(delay);
            // It may have finished already: then there is nothing to kill.
            let _ = child.kill();
            let _ = child.wait();

            if !out.exists() {
                no_file += 1;
                continue;
            }
            if std::fs::metadata(&out).expect("metadata").len() == 0 {
                // Killed between creating the file and writing its header: nothing was
                // acknowledged. Counted and reported below.
                empty += 1;
                continue;
            }
            let loaded = store::load(&out).unwrap_or_else(|e| {
                panic!(
                    "{}: kill {i} after {delay:?}: the file does not load: {e}",
                    b.name()
                )
            });
            torn += usize::from(loaded.torn_tail);
            let attempt = loaded.attempt;
            assert_eq!(
                attempt.verify_chain(),
                Integrity::Ok,
                "{}: kill {i}",
                b.name()
            );
            assert_eq!(attempt.header.seed, seed);
            assert!(attempt.records.len() <= full.records.len());
            for (got, want) in attempt.records.iter().zip(&full.records) {
                assert_eq!(
                    got.action,
                    want.action,
                    "{}: kill {i}: record {}",
                    b.name(),
                    got.index
                );
            }
            let j = judge(scenario, b.units(), &attempt);
            if attempt.handed_in() {
                finished += 1;
                assert_eq!(j.integrity, "ok");
                continue;
            }
            mid_run += 1;
            assert_eq!(
                j.integrity,
                "incomplete",
                "{}: kill {i}: {:?}",
                b.name(),
                j.integrity_detail
            );

            // Resume after the crash and hand in.
            let mut session = replay(scenario, &attempt);
            let mut attempt = attempt;
            let mut writer = store::AttemptWriter::resume(
                &out,
                &store::Loaded {
                    attempt: attempt.clone(),
                    torn_tail: loaded.torn_tail,
                },
            )
            .expect("the attempt resumes");
            assert!(act(&mut session, &mut attempt, Action::HandIn));
            writer
                .append(attempt.records.last().expect("a record"))
                .expect("appended");
            let again = store::load(&out).expect("the resumed file loads");
            assert!(!again.torn_tail);
            assert_eq!(again.attempt, attempt);
            assert_eq!(judge(scenario, b.units(), &again.attempt).integrity, "ok");
        }
        println!(
            "{}: seed {seed} ({} actions, a whole run {whole:.0?}); {KILLS} kills: {no_file} before the \
             file existed, {empty} with an empty file, {mid_run} mid-run ({torn} torn last lines), \
             {finished} after it finished",
            b.name(),
            full.records.len(),
        );
        assert!(mid_run > 0, "{}: no kill landed mid-run", b.name());
    }
}
