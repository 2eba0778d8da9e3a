//! The format guide (`scenarios/README.md`) and the reference scenario
//! (`scenarios/home-after-hospital.ron`) stay true: the guide's complete example loads, and the
//! reference scenario is clean, uses every step kind, evidences every criterion of CHCMGT006 and
//! reads the same with the stock `ron` crate.

use std::collections::BTreeSet;
use std::path::PathBuf;

use casesim::scenario::raw::{ScenarioFile, StepKind};
use casesim::scenario::{Library, Source};

use crate::{read, root, scenarios_dir};

const REFERENCE: &str = "home-after-hospital.ron";

/// The text of the first ```ron fenced block in `markdown`.
fn first_ron_block(markdown: &str) -> Option<String> {
    let mut lines = markdown.lines();
    lines.find(|l| l.trim_start().starts_with("```ron"))?;
    let mut block = String::new();
    for line in lines {
        if line.trim_start().starts_with("```") {
            return Some(block);
        }
        block.push_str(line);
        block.push('\n');
    }
    None // unterminated block
}

fn rendered(library: &Library) -> String {
    library
        .diagnostics
        .iter()
        .map(|d| d.render())
        .collect::<Vec<_>>()
        .join("\n")
}

fn reference_path() -> PathBuf {
    scenarios_dir().join(REFERENCE)
}

#[test]
fn the_guides_complete_example_loads_without_errors() {
    let guide = read(&scenarios_dir().join("README.md"));
    let text = first_ron_block(&guide).expect("scenarios/README.md has a ```ron block");
    let library = Library::from_sources(vec![Source::new("README.md#example", text)]);
    assert_eq!(library.errors(), 0, "{}", rendered(&library));
    assert_eq!(library.scenarios.len(), 1, "{}", rendered(&library));
    // The guide says the example may warn only about what it leaves out on purpose.
    for d in &library.diagnostics {
        assert!(
            matches!(d.code, "not-evidenced" | "element-without-task"),
            "unexpected warning in the guide's example:\n{}",
            d.render()
        );
    }
}

#[test]
fn the_guides_complete_example_reads_with_the_stock_ron_crate() {
    let guide = read(&scenarios_dir().join("README.md"));
    let text = first_ron_block(&guide).expect("scenarios/README.md has a ```ron block");
    let file =
        ron::from_str::<ScenarioFile>(&text).unwrap_or_else(|e| panic!("the stock ron crate: {e}"));
    assert_eq!(file.units.len(), 1);
}

#[test]
fn first_ron_block_is_found_and_terminated() {
    let md = "intro\n```rust\nnot this\n```\n\n```ron\nScenario(\n)\n```\n```ron\nsecond\n```\n";
    assert_eq!(first_ron_block(md).as_deref(), Some("Scenario(\n)\n"));
    assert_eq!(first_ron_block("```ron\nopen"), None);
    assert_eq!(first_ron_block("no blocks"), None);
}

#[test]
fn the_reference_scenario_is_clean() {
    let library = Library::load(&[reference_path()]);
    assert!(library.diagnostics.is_empty(), "{}", rendered(&library));
    assert_eq!(library.scenarios.len(), 1);
    assert_eq!(library.scenarios[0].id(), "home-after-hospital");
}

#[test]
fn the_reference_scenario_uses_every_step_kind() {
    let library = Library::load(&[reference_path()]);
    let scenario = library
        .scenario("home-after-hospital")
        .expect("the reference scenario loads");
    let mut used = BTreeSet::new();
    for (_, step) in scenario.steps() {
        // Exhaustive on purpose: a new step kind fails to compile here until the reference
        // scenario (and this list) use it.
        let name = match &step.kind {
            StepKind::Documents { .. } => "Documents",
            StepKind::Choice { .. } => "Choice",
            StepKind::Dialogue { .. } => "Dialogue",
            StepKind::Form { .. } => "Form",
            StepKind::FinancialPlan { .. } => "FinancialPlan",
            StepKind::Schedule { .. } => "Schedule",
            StepKind::Rank { .. } => "Rank",
            StepKind::Match { .. } => "Match",
            StepKind::FreeText { .. } => "FreeText",
            StepKind::Questions { .. } => "Questions",
            StepKind::ThirdPartyReport { .. } => "ThirdPartyReport",
        };
        used.insert(name);
    }
    let all: BTreeSet<&str> = [
        "Documents",
        "Choice",
        "Dialogue",
        "Form",
        "FinancialPlan",
        "Schedule",
        "Rank",
        "Match",
        "FreeText",
        "Questions",
        "ThirdPartyReport",
    ]
    .into_iter()
    .collect();
    let missing: Vec<&&str> = all.difference(&used).collect();
    assert!(missing.is_empty(), "step kinds not used: {missing:?}");
}

#[test]
fn the_reference_scenario_has_a_rule_for_every_criterion_of_chcmgt006() {
    let library = Library::load(&[reference_path()]);
    let scenario = library
        .scenario("home-after-hospital")
        .expect("the reference scenario loads");
    let unit = library.unit("CHCMGT006").expect("CHCMGT006 is built in");
    let ruled: BTreeSet<&str> = scenario
        .rules()
        .iter()
        .map(|r| r.criterion.value.as_str())
        .collect();
    let criteria: Vec<&str> = unit.criteria().map(|(_, c)| c.id.as_str()).collect();
    assert_eq!(criteria.len(), 21, "CHCMGT006 has 21 performance criteria");
    let missing: Vec<&&str> = criteria.iter().filter(|c| !ruled.contains(**c)).collect();
    assert!(missing.is_empty(), "criteria without a rule: {missing:?}");
}

#[test]
fn the_reference_scenario_reads_with_the_stock_ron_crate() {
    let text = read(&root().join("scenarios").join(REFERENCE));
    let file =
        ron::from_str::<ScenarioFile>(&text).unwrap_or_else(|e| panic!("the stock ron crate: {e}"));
    assert_eq!(file.id.value, "home-after-hospital");
    assert_eq!(file.tasks.len(), 4);
}
