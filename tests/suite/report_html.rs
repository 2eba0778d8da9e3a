//! The HTML judgement report (`casesim::report::html`, `casesim judge --format html`), checked
//! on real judgements: the bundled scenarios' model answers and weak attempts
//! (`tests/scripts/`), each at the seed of its golden file.

use std::path::{Path, PathBuf};

use casesim::model::{Action, Attempt, Header, Judgement, Mode, Scenario, Verdict};
use casesim::report::html::{PROVISIONAL, escape, judgement_html};
use casesim::scenario::Library;
use casesim::scoring::judge;
use casesim::sim::Session;
use casesim::store::attempt as store;

use crate::scripts::{self, path_str};
use crate::{casesim, root, scenarios_dir};

const STARTED: &str = "2026-03-02T09:00:00Z";

/// A script with a golden judgement: scenario file stem, script name, seed.
struct Case {
    stem: String,
    name: String,
    seed: u64,
}

impl Case {
    fn what(&self) -> String {
        format!("{}.{} seed {}", self.stem, self.name, self.seed)
    }

    fn script(&self) -> PathBuf {
        scripts::script_path(&self.stem, &self.name)
    }

    fn scenario_file(&self) -> PathBuf {
        scenarios_dir().join(format!("{}.ron", self.stem))
    }
}

/// Every script with a golden file (`<stem>.<name>.seed<N>.json`), in name order.
fn cases() -> Vec<Case> {
    let mut out: Vec<Case> = std::fs::read_dir(root().join("tests/golden"))
        .expect("tests/golden/ is readable")
        .filter_map(|e| {
            let file = e.ok()?.file_name().into_string().ok()?;
            let rest = file.strip_suffix(".json")?;
            let (rest, seed) = rest.rsplit_once(".seed")?;
            let (stem, name) = rest.split_once('.')?;
            Some(Case {
                stem: stem.to_owned(),
                name: name.to_owned(),
                seed: seed.parse().ok()?,
            })
        })
        .collect();
    out.sort_by(|a, b| (&a.stem, &a.name).cmp(&(&b.stem, &b.name)));
    assert!(out.len() >= 12, "golden files found: {}", out.len());
    out
}

/// An attempt's header as `new_attempt` makes it, with a fixed start time.
fn header(scenario: &Scenario, trainee: &str, seed: u64, mode: Mode) -> Header {
    let mut header = casesim::model::attempt::new_attempt(scenario, trainee, seed, mode).header;
    header.started = STARTED.to_owned();
    header
}

/// The attempt made by playing the actions as `casesim play` does (every one must be accepted),
/// with a fixed start time.
fn attempt_of(scenario: &Scenario, actions: &[Action], seed: u64, trainee: &str) -> Attempt {
    let mut session = Session::new(scenario, seed);
    let mut attempt = Attempt::new(header(scenario, trainee, seed, Mode::Assessment));
    for (i, a) in actions.iter().enumerate() {
        let a = a.map_text(|t| session.render(t));
        let sim = session.state().clock.format("%Y-%m-%d %H:%M").to_string();
        if let Err(e) = session.apply(&a) {
            panic!(
                "{} seed {seed}: action {i} {a:?} refused: {e}",
                scenario.id()
            );
        }
        attempt.push(a, format!("wall {i}"), sim);
    }
    attempt
}

/// A case played and judged, and its report.
struct Report {
    library: Library,
    judgement: Judgement,
    html: String,
}

impl Report {
    fn scenario(&self) -> &Scenario {
        &self.library.scenarios[0]
    }
}

fn report(case: &Case, trainee: &str) -> Report {
    let library = scripts::load_clean(&case.scenario_file());
    let scenario = &library.scenarios[0];
    let actions = scripts::script(&case.script());
    let (_, judgement) = scripts::play(&library, scenario.id(), &actions, case.seed, trainee);
    let h = header(scenario, trainee, case.seed, Mode::Assessment);
    let html = judgement_html(&judgement, scenario, &library.units, &h);
    Report {
        library,
        judgement,
        html,
    }
}

/// The criterion blocks of a report, in order: (criterion id as written, the block).
fn blocks(html: &str) -> Vec<(&str, &str)> {
    html.match_indices("<article class=\"pc ")
        .map(|(start, _)| {
            let rest = &html[start..];
            let end = rest.find("</article>").expect("a block is closed") + "</article>".len();
            let block = &rest[..end];
            let id = block
                .split_once("data-criterion=\"")
                .and_then(|(_, r)| r.split_once('"'))
                .map(|(id, _)| id)
                .expect("a block names its criterion");
            (id, block)
        })
        .collect()
}

/// The block of one criterion, which must appear exactly once.
fn block_of<'h>(html: &'h str, id: &str, what: &str) -> &'h str {
    let id = escape(id);
    let found: Vec<&str> = blocks(html)
        .into_iter()
        .filter(|(i, _)| *i == id)
        .map(|(_, b)| b)
        .collect();
    assert_eq!(found.len(), 1, "{what}: {id} has {} blocks", found.len());
    found[0]
}

/// `actions 3, 7`, `action 3` or `none`, as the report writes a list of actions.
fn actions_words(actions: &[usize]) -> String {
    match actions {
        [] => "none".to_owned(),
        [one] => format!("action {one}"),
        many => format!(
            "actions {}",
            many.iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Every performance criterion of the scenario's units has exactly one block, under the heading
/// of its own element, in the unit's order; every unit and element is named.
#[test]
fn every_criterion_appears_once_under_its_element() {
    for case in cases().iter().filter(|c| c.name == "model") {
        let what = case.what();
        let r = report(case, "Sam Lee");
        let scenario = r.scenario();
        let units: Vec<_> = r
            .library
            .units
            .iter()
            .filter(|u| scenario.unit_ids().any(|id| id == u.id))
            .collect();
        assert!(!units.is_empty(), "{what}");

        // Each element's heading, then exactly its criteria.
        let sections: Vec<&str> = r.html.split("<h3 class=\"element\">").skip(1).collect();
        let elements: Vec<_> = units.iter().flat_map(|u| &u.elements).collect();
        assert_eq!(sections.len(), elements.len(), "{what}: element headings");
        for (section, element) in sections.iter().zip(&elements) {
            let heading = format!(
                "Element {}: {}</h3>",
                escape(&element.number),
                escape(&element.title)
            );
            assert!(section.starts_with(&heading), "{what}: {heading}");
            let ids: Vec<&str> = blocks(section).into_iter().map(|(id, _)| id).collect();
            let expected: Vec<String> = element.criteria.iter().map(|c| escape(&c.id)).collect();
            assert_eq!(ids, expected, "{what}: the criteria of {}", element.id);
        }
        let all: Vec<&str> = blocks(&r.html).into_iter().map(|(id, _)| id).collect();
        let every: Vec<String> = units
            .iter()
            .flat_map(|u| u.criteria())
            .map(|(_, c)| escape(&c.id))
            .collect();
        assert_eq!(all, every, "{what}: every criterion once");

        for u in &units {
            assert!(r.html.contains(&escape(&u.code)), "{what}: {}", u.code);
            assert!(r.html.contains(&escape(&u.title)), "{what}: {}", u.title);
        }
        for (id, block) in blocks(&r.html) {
            let text = &r.judgement.criterion(id).expect("judged").text;
            assert!(block.contains(&escape(text)), "{what}: the text of {id}");
            assert!(
                block.contains(&format!("<span class=\"pc-id mono\">{id}</span>")),
                "{what}: {id} shown"
            );
        }
        assert!(r.html.contains("✓ Competent"), "{what}");
        assert!(!r.html.contains("Not Yet Competent"), "{what}");
    }
}

/// In every model and weak attempt each criterion's block shows its verdict in words and
/// symbol, the provisional marker exactly when it is provisional, its feedback, and each piece
/// of evidence with its method, expectation, result and actions; the summary's totals add up.
#[test]
fn each_verdict_is_shown_in_words_with_its_feedback_and_evidence() {
    let (mut nys, mut not_evidenced, mut provisional, mut contrary) = (0, 0, 0, 0);
    for case in cases() {
        let what = case.what();
        let r = report(&case, "Sam Lee");
        let j = &r.judgement;
        assert_eq!(j.integrity, "ok", "{what}");
        for c in &j.criteria {
            let block = block_of(&r.html, &c.id, &what);
            let id = &c.id;
            match c.verdict {
                Verdict::S => {
                    assert!(block.contains("✓ S — Satisfactory"), "{what}: {id}");
                    assert!(!block.contains("Not Yet"), "{what}: {id}");
                }
                Verdict::Nys => {
                    nys += 1;
                    assert!(
                        block.contains("✗ NYS — Not Yet Satisfactory"),
                        "{what}: {id}:\n{block}"
                    );
                }
                Verdict::NotEvidenced => {
                    not_evidenced += 1;
                    assert!(block.contains("– Not evidenced"), "{what}: {id}:\n{block}");
                    assert!(!block.contains("✓ S"), "{what}: {id}");
                }
            }
            assert_eq!(
                block.contains(PROVISIONAL),
                c.provisional,
                "{what}: {id}:\n{block}"
            );
            provisional += usize::from(c.provisional);
            for f in &c.feedback {
                assert!(
                    block.contains(&format!("<li>{}</li>", escape(f))),
                    "{what}: {id} feedback {f:?}"
                );
            }
            for e in &c.evidence {
                let row = block
                    .lines()
                    .find(|l| {
                        l.starts_with("<tr")
                            && l.contains(&format!("<td>{}</td>", escape(&e.expected)))
                            && l.contains(&format!("rule {}, line {}", e.rule, e.line))
                    })
                    .unwrap_or_else(|| panic!("{what}: {id} evidence {e:?}:\n{block}"));
                assert!(row.contains(e.method.label()), "{what}: {id} {row}");
                assert!(
                    row.contains(&format!("<td>{}</td>", actions_words(&e.actions))),
                    "{what}: {id} {row}"
                );
                let result = match (e.contrary, e.held) {
                    (false, true) => "✓ held",
                    (false, false) => "✗ not held",
                    (true, true) => "✗ held: contrary evidence",
                    (true, false) => "✓ not held: no contrary evidence",
                };
                assert!(row.contains(result), "{what}: {id} {row}");
                contrary += usize::from(e.contrary);
            }
        }
        if case.name != "model" {
            assert!(r.html.contains("✗ Not Yet Competent"), "{what}");
        }

        let n = |f: &dyn Fn(&casesim::model::judgement::CriterionJudgement) -> bool| {
            j.criteria.iter().filter(|c| f(c)).count()
        };
        let totals = format!(
            "<tr class=\"total\"><td>Total</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            j.criteria.len(),
            n(&|c| c.verdict == Verdict::S),
            n(&|c| c.verdict == Verdict::Nys),
            n(&|c| c.verdict == Verdict::NotEvidenced),
            n(&|c| c.provisional),
        );
        assert!(r.html.contains(&totals), "{what}: {totals}");

        for a in &j.critical_aspects {
            let row = r
                .html
                .lines()
                .find(|l| {
                    l.starts_with(&format!(
                        "<tr class=\"aspect\"><td class=\"mono\">{}</td>",
                        escape(&a.id)
                    ))
                })
                .unwrap_or_else(|| panic!("{what}: aspect {}", a.id));
            let result = if a.demonstrated {
                "✓ demonstrated"
            } else {
                "✗ not demonstrated"
            };
            assert!(row.contains(result), "{what}: {row}");
            for c in &a.criteria {
                assert!(row.contains(&escape(c)), "{what}: {row} rests on {c}");
            }
        }
    }
    // The scripts between them show every kind of verdict and evidence.
    assert!(nys > 0 && not_evidenced > 0 && provisional > 0 && contrary > 0);
}

/// Text from the attempt is escaped: a trainee named with markup shows as text, never as markup.
#[test]
fn text_is_escaped() {
    let trainee = "<script>alert(\"x\")</script> Tom & Jo O'Neil";
    let case = cases()
        .into_iter()
        .find(|c| c.stem == "home-after-hospital" && c.name == "model")
        .expect("the model answer");
    let r = report(&case, trainee);
    assert_eq!(r.judgement.trainee, trainee);
    let escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Tom &amp; Jo O&#39;Neil";
    assert!(!r.html.contains("<script"), "{}", r.html);
    assert!(!r.html.contains(trainee));
    assert!(
        r.html
            .contains(&format!("<tr><th>Trainee</th><td>{escaped}</td></tr>")),
        "the trainee in the facts"
    );
    assert!(r.html.contains(&format!("{escaped}</title>")), "the title");

    let h = Header {
        mode: Mode::Practice,
        ..header(r.scenario(), trainee, case.seed, Mode::Assessment)
    };
    let practice = judgement_html(&r.judgement, r.scenario(), &r.library.units, &h);
    assert!(practice.contains("<tr><th>Mode</th><td>practice</td></tr>"));
    assert!(r.html.contains("<tr><th>Mode</th><td>assessment</td></tr>"));
    assert!(
        r.html
            .contains(&format!("<td class=\"mono\">{STARTED}</td>"))
    );
}

/// One file with nothing outside it (no scripts, links, images or fonts), with rules for print,
/// and every element it opens closed.
#[test]
fn the_report_is_self_contained_and_print_ready() {
    for case in cases() {
        let what = case.what();
        let html = report(&case, "Sam Lee").html;
        assert!(
            html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"),
            "{what}"
        );
        assert!(html.ends_with("</html>\n"), "{what}");
        assert!(html.contains("<meta charset=\"utf-8\">"), "{what}");
        assert_eq!(html.matches("<style>").count(), 1, "{what}");
        for outside in [
            "http://",
            "https://",
            "src=",
            "href=",
            "<script",
            "<link",
            "<img",
            "url(",
            "@import",
            "@font-face",
        ] {
            assert!(!html.contains(outside), "{what}: {outside}");
        }
        for print in [
            "@page{margin:",
            "@media print{",
            ".pc{",
            "break-inside:avoid",
            "h2,h3{break-after:avoid",
        ] {
            assert!(html.contains(print), "{what}: {print}");
        }
        for tag in [
            "html", "head", "body", "header", "footer", "section", "article", "table", "thead",
            "tbody", "tr", "td", "th", "ul", "li", "p", "h1", "h2", "h3", "div", "span", "strong",
        ] {
            let opened = html.matches(&format!("<{tag}>")).count()
                + html.matches(&format!("<{tag} ")).count();
            let closed = html.matches(&format!("</{tag}>")).count();
            assert_eq!(
                opened, closed,
                "{what}: <{tag}> opened {opened}, closed {closed}"
            );
        }
    }
}

/// The same judgement gives the same bytes, in the library and through `casesim judge`, and
/// the command prints what the library makes from the attempt file.
#[test]
fn the_report_is_deterministic_and_the_command_prints_it() {
    let case = cases()
        .into_iter()
        .find(|c| c.stem == "child-welfare-kisumu" && c.name == "weak-budget")
        .expect("a weak script of a two-unit scenario");
    let r = report(&case, "Sam Lee");
    let h = header(r.scenario(), "Sam Lee", case.seed, Mode::Assessment);
    let again = judgement_html(&r.judgement, r.scenario(), &r.library.units, &h);
    assert_eq!(r.html, again);

    let dir = tempfile::tempdir().expect("a temporary folder");
    let attempt = dir.path().join("play.attempt");
    let out = casesim(&[
        "play",
        path_str(&case.scenario_file()),
        "--seed",
        &case.seed.to_string(),
        "--trainee",
        "Sam Lee",
        "--script",
        path_str(&case.script()),
        "--out",
        path_str(&attempt),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let judge_html = |path: &Path| {
        let out = casesim(&["judge", path_str(path), "--format", "html"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let first = judge_html(&attempt);
    assert_eq!(first, judge_html(&attempt), "two runs");

    let loaded = store::load(&attempt).expect("the attempt loads").attempt;
    let library = Library::load(&[scenarios_dir()]);
    let scenario = library
        .scenario(&loaded.header.scenario)
        .expect("the scenario loads");
    let j = judge(scenario, &library.units, &loaded);
    assert_eq!(
        first,
        judgement_html(&j, scenario, &library.units, &loaded.header)
    );
    assert!(first.contains(&escape(&loaded.header.started)));
}

/// An attempt whose log is not sound says so at the top, with the detail, and is Not Yet
/// Competent; a sound one has no such notice.
#[test]
fn an_integrity_problem_is_shown_prominently() {
    let case = cases()
        .into_iter()
        .find(|c| c.stem == "home-after-hospital" && c.name == "model")
        .expect("the model answer");
    let library = scripts::load_clean(&case.scenario_file());
    let scenario = &library.scenarios[0];
    let actions = scripts::script(&case.script());
    let attempt = attempt_of(scenario, &actions, case.seed, "Sam Lee");
    let html_of = |attempt: &Attempt| {
        let j = judge(scenario, &library.units, attempt);
        let html = judgement_html(&j, scenario, &library.units, &attempt.header);
        (j, html)
    };
    let notice = "<section class=\"integrity-alert\">";

    let (ok, html) = html_of(&attempt);
    assert_eq!(ok.integrity, "ok");
    assert!(!html.contains(notice));
    assert!(html.contains("<tr><th>Integrity</th><td>✓ ok</td></tr>"));
    assert!(html.contains("✓ Competent"));

    // One record's action changed, its hash left as it was.
    let mut tampered = attempt.clone();
    let at = tampered.records.len() / 2;
    tampered.records[at].action = Action::Open("forged-document".into());
    let (j, html) = html_of(&tampered);
    assert_eq!(j.integrity, "tampered");
    let detail = j.integrity_detail.as_deref().expect("a detail");
    let top = html.split_once("<h2>").expect("sections").0;
    assert!(top.contains(notice), "{top}");
    assert!(top.contains("<p><strong>⚠ Integrity: tampered</strong></p>"));
    assert!(top.contains(&format!("<p>{}</p>", escape(detail))));
    assert!(top.contains("<strong>⚠ tampered</strong>"));
    assert!(top.contains("✗ Not Yet Competent"));

    // Never handed in.
    let mut unfinished = attempt.clone();
    unfinished.records.pop();
    let (j, html) = html_of(&unfinished);
    assert_eq!(j.integrity, "incomplete");
    let top = html.split_once("<h2>").expect("sections").0;
    assert!(top.contains("<p><strong>⚠ Integrity: incomplete</strong></p>"));
    assert!(top.contains("never handed in"));
}
