//! The desktop window, driven through its accessibility tree with `egui_kittest`: widgets are
//! found by role and accessible name, never by pixels.
//!
//! Every `Harness::run` also checks that each input widget has an accessible name.
#![cfg(feature = "gui")]

mod office;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use casesim::scenario::Library;
use casesim::store::data::DataDir;
use casesim::ui::{CasesimApp, Screen, Selection};
use egui::accesskit::{Role, Toggled};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use tempfile::TempDir;

const CHCMGT006: &str = "CHCMGT006 Coordinate client directed services";
const COD: &str = "COD-OS-SW-CR-11-6-A Conduct case management";
const CRITERION_2_7: &str = "Negotiate the service agreement and complete in accordance with client requirements, organisation procedures and code of ethics";

fn scenarios_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios")
}

/// The app on a library loaded from `paths`, saving into a fresh data folder, in a
/// window-sized harness. The folder lives as long as the `TempDir`.
fn app_harness(paths: Vec<PathBuf>) -> (Harness<'static, CasesimApp>, TempDir) {
    let data = tempfile::tempdir().expect("temp dir");
    let library = Library::load(&paths);
    let app = CasesimApp::new(library, paths, Some(DataDir::at(data.path())));
    let mut harness = Harness::builder()
        .with_size([1200.0, 800.0])
        .build_ui_state(|ui, app: &mut CasesimApp| app.ui(ui), app);
    harness.run();
    (harness, data)
}

/// The app on the trainers' screen of units, scenarios and problems.
fn harness(paths: Vec<PathBuf>) -> (Harness<'static, CasesimApp>, TempDir) {
    let (mut harness, data) = app_harness(paths);
    harness
        .get_by_role_and_label(Role::Button, "Scenario files and problems")
        .click();
    harness.run();
    (harness, data)
}

/// Step until a background load has finished, then let the ui settle.
fn wait_for_load(harness: &mut Harness<'_, CasesimApp>) {
    let start = Instant::now();
    harness.step();
    while harness.state().is_loading() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "loading never finished"
        );
        std::thread::sleep(Duration::from_millis(10));
        harness.step();
    }
    harness.run();
}

fn selection(harness: &Harness<'_, CasesimApp>) -> Selection {
    match harness.state().screen() {
        Screen::Library(screen) => screen.selection().clone(),
        other => panic!("expected the library screen, not {other:?}"),
    }
}

fn library<'h>(harness: &'h Harness<'_, CasesimApp>) -> &'h Library {
    harness.state().library().expect("a library is loaded")
}

/// The first scenario file of the repository, broken by misspelling its `title` field.
fn broken_copy(dir: &Path) -> (PathBuf, String, String) {
    let good = std::fs::read_to_string(scenarios_dir().join("home-after-hospital.ron"))
        .expect("the bundled scenario is readable");
    let broken = good.replacen("\n    title:", "\n    titel:", 1);
    assert_ne!(good, broken, "the scenario has a top-level `title` field");
    let path = dir.join("home-after-hospital.ron");
    std::fs::write(&path, &broken).expect("temp file written");
    (path, good, broken)
}

/// Line and column (1-based) of the first occurrence of `needle` in `text`.
fn position(text: &str, needle: &str) -> (usize, usize) {
    let offset = text.find(needle).expect("needle present");
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.chars().rev().take_while(|&c| c != '\n').count() + 1;
    (line, column)
}

#[test]
fn bundled_scenarios_list_both_units_and_a_clicked_unit_shows_its_criteria() {
    let (mut harness, _data) = harness(vec![scenarios_dir()]);

    harness.get_by_role_and_label(Role::Button, CHCMGT006);
    harness.get_by_role_and_label(Role::Button, COD);

    harness
        .get_by_role_and_label(Role::Button, CHCMGT006)
        .click();
    harness.run();

    assert_eq!(selection(&harness), Selection::Unit("CHCMGT006".into()));
    harness.get_by_label(CRITERION_2_7);
    harness.get_by_label("CHCMGT006/2.7");
    harness.get_by_label("Element 2: Discuss service options with client");
    // The list item shows it is the selected one.
    let item = harness.get_by_role_and_label(Role::Button, CHCMGT006);
    assert_eq!(item.accesskit_node().toggled(), Some(Toggled::True));
}

#[test]
fn a_unit_shows_critical_aspects_with_their_criteria_and_its_range() {
    let (mut harness, _data) = harness(vec![scenarios_dir()]);
    harness.get_by_role_and_label(Role::Button, COD).click();
    harness.run();

    assert_eq!(
        selection(&harness),
        Selection::Unit("COD-OS-SW-CR-11-6-A".into())
    );
    harness.get_by_label("Critical aspects of competency");
    harness.get_by_label("Demonstrated ability to conduct public awareness");
    harness.get_by_label("Judged from criteria 1.4");
    harness.get_by_label("Used in criteria 2.1");
    harness.get_by_label("Range");
    harness.get_by_label("COD-OS-SW-CR-11-6-A/R1.1");
}

#[test]
fn a_scenario_shows_its_client_setting_and_the_element_each_task_covers() {
    let (mut harness, _data) = harness(vec![scenarios_dir()]);
    let library = Library::load(&[scenarios_dir()]);
    let scenario = library
        .scenario("home-after-hospital")
        .expect("the bundled scenario loads without errors");
    let task = &scenario.tasks()[0];

    harness
        .get_by(|n| {
            n.role() == Role::Button && n.label().is_some_and(|l| l.starts_with(scenario.title()))
        })
        .click();
    harness.run();

    assert_eq!(
        selection(&harness),
        Selection::Scenario("home-after-hospital".into())
    );
    harness.get_by_label(&scenario.file().client.name.value);
    harness.get_by_label(&scenario.file().setting.value);
    harness.get_by_label(&task.title.value);
    harness.get_by_label_contains(&format!("Covers {}: ", task.element.value));

    // The unit link leads to the unit.
    harness.get_by_role_and_label(Role::Link, CHCMGT006).click();
    harness.run();
    assert_eq!(selection(&harness), Selection::Unit("CHCMGT006".into()));
}

#[test]
fn a_broken_scenario_shows_its_location_in_problems_and_the_error_count() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (path, _, broken) = broken_copy(dir.path());
    let (harness, _data) = harness(vec![dir.path().to_path_buf()]);

    assert_eq!(library(&harness).errors(), 1);
    // With errors, the problems are what the window shows first.
    assert_eq!(selection(&harness), Selection::Problems);

    let (line, column) = position(&broken, "titel:");
    harness.get_by_label(&format!("{}:{line}:{column}", path.display()));
    harness.get_by_label("unknown field `titel` in `Scenario`");
    harness.get_by_label("help: did you mean `title`?");
    harness.get_by_label("1 file, 1 error, 0 warnings");
    harness.get_by_role_and_label(Role::Button, "Problems: 1 error, 0 warnings");
}

#[test]
fn reload_picks_up_a_file_fixed_on_disk() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (path, good, _) = broken_copy(dir.path());
    let (mut harness, _data) = harness(vec![dir.path().to_path_buf()]);
    assert_eq!(library(&harness).errors(), 1);
    assert!(library(&harness).scenarios.is_empty());

    std::fs::write(&path, good).expect("temp file written");
    harness
        .get_by_role_and_label(Role::Button, "Reload")
        .click();
    wait_for_load(&mut harness);

    assert_eq!(
        library(&harness).errors(),
        0,
        "{:#?}",
        library(&harness).diagnostics
    );
    assert_eq!(library(&harness).scenarios.len(), 1);
    assert!(
        harness
            .query_by_label("1 file, 1 error, 0 warnings")
            .is_none()
    );
    harness.get_by_label_contains("1 file, 0 errors");
    harness.get_by(|n| {
        n.role() == Role::Button
            && n.label()
                .is_some_and(|l| l.starts_with("Home after hospital"))
    });
}

#[test]
fn f5_and_ctrl_r_reload() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (path, good, broken) = broken_copy(dir.path());
    let (mut harness, _data) = harness(vec![dir.path().to_path_buf()]);
    assert_eq!(library(&harness).errors(), 1);

    std::fs::write(&path, &good).expect("temp file written");
    harness.key_press(egui::Key::F5);
    wait_for_load(&mut harness);
    assert_eq!(library(&harness).errors(), 0);

    std::fs::write(&path, &broken).expect("temp file written");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::R);
    wait_for_load(&mut harness);
    assert_eq!(library(&harness).errors(), 1);
}

#[test]
fn a_unit_can_be_reached_with_tab_and_selected_with_enter() {
    let (mut harness, _data) = harness(vec![scenarios_dir()]);
    let mut reached = false;
    for _ in 0..30 {
        harness.key_press(egui::Key::Tab);
        harness.run();
        if harness
            .get_by_role_and_label(Role::Button, COD)
            .is_focused()
        {
            reached = true;
            break;
        }
    }
    assert!(reached, "Tab never reached the unit");
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(
        selection(&harness),
        Selection::Unit("COD-OS-SW-CR-11-6-A".into())
    );
}

#[test]
fn the_theme_button_switches_between_dark_and_light() {
    let (mut harness, _data) = harness(vec![scenarios_dir()]);
    let (first, second) = if harness.query_by_label("Light mode").is_some() {
        ("Light mode", "Dark mode")
    } else {
        ("Dark mode", "Light mode")
    };
    harness.get_by_role_and_label(Role::Button, first).click();
    harness.run();
    assert!(harness.query_by_label(first).is_none());
    harness.get_by_role_and_label(Role::Button, second);
}

#[test]
fn the_window_shows_a_spinner_until_the_first_load_is_done() {
    let ctx = egui::Context::default();
    let data = tempfile::tempdir().expect("temp dir");
    let app = CasesimApp::loading(vec![scenarios_dir()], Some(DataDir::at(data.path())), &ctx);
    let mut harness = Harness::builder()
        .with_size([1200.0, 800.0])
        .build_ui_state(|ui, app: &mut CasesimApp| app.ui(ui), app);
    if harness.state().is_loading() {
        harness.get_by_label(casesim::ui::LOADING_TEXT);
    }
    wait_for_load(&mut harness);
    assert!(harness.query_by_label(casesim::ui::LOADING_TEXT).is_none());
    harness
        .get_by_role_and_label(Role::Button, "Scenario files and problems")
        .click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, CHCMGT006);
}

#[test]
fn the_trainers_screen_leads_back_to_the_start() {
    let (mut harness, _data) = harness(vec![scenarios_dir()]);
    harness
        .get_by_role_and_label(Role::Button, "Back to start")
        .click();
    harness.run();
    assert!(matches!(harness.state().screen(), Screen::Start(_)));
    harness.get_by_role_and_label(Role::Button, "Scenario files and problems");
}
