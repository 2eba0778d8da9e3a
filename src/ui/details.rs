//! The central panel of the library screen for one unit or one scenario.

use egui::{Label, RichText, Ui};

use super::library::Selection;
use super::{theme, widgets};
use crate::model::{Scenario, Unit};
use crate::scenario::Library;

/// A unit of competency: elements with their criteria, critical aspects with the criteria they
/// are judged from, range and assessment methods.
pub fn unit_ui(ui: &mut Ui, unit: &Unit) {
    title_ui(ui, &format!("{}  {}", unit.id, unit.title));
    if unit.code != unit.id {
        ui.label(RichText::new(format!("Published code: {}", unit.code)).weak());
    }

    let id_width = widgets::id_column_width(ui, unit.all_ids());

    if !unit.application.is_empty() {
        widgets::section_heading_ui(ui, "Application");
        for paragraph in &unit.application {
            ui.add(Label::new(paragraph).wrap());
        }
    }

    widgets::section_heading_ui(ui, "Elements and performance criteria");
    for element in &unit.elements {
        ui.add_space(theme::ITEM_GAP);
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!("Element {}: {}", element.number, element.title)).strong(),
            );
            ui.label(RichText::new(&element.id).monospace().weak());
        });
        ui.indent(("element", &element.id), |ui| {
            for criterion in &element.criteria {
                widgets::id_text_row_ui(ui, id_width, &criterion.id, &criterion.text);
            }
        });
    }

    let aspects = &unit.evidence_guide.critical_aspects;
    if !aspects.is_empty() {
        widgets::section_heading_ui(ui, "Critical aspects of competency");
        for aspect in aspects {
            widgets::id_text_row_ui(ui, id_width, &aspect.id, &aspect.text);
            let judged_from = if aspect.criteria.is_empty() {
                "Judged from: (no criteria named)".to_owned()
            } else {
                format!("Judged from criteria {}", local_ids(unit, &aspect.criteria))
            };
            ui.horizontal_top(|ui| {
                ui.add_space(id_width + theme::ID_TEXT_GAP);
                ui.add(Label::new(RichText::new(judged_from).weak()).wrap());
            });
        }
    }

    if !unit.range.is_empty() {
        widgets::section_heading_ui(ui, "Range");
        for variable in &unit.range {
            ui.add_space(theme::ITEM_GAP);
            ui.label(RichText::new(format!("{}. {}", variable.number, variable.term)).strong());
            if !variable.criteria.is_empty() {
                ui.label(
                    RichText::new(format!(
                        "Used in criteria {}",
                        local_ids(unit, &variable.criteria)
                    ))
                    .weak(),
                );
            }
            ui.indent(("range", &variable.number), |ui| {
                for item in &variable.items {
                    widgets::id_text_row_ui(ui, id_width, &item.id, &item.text);
                }
            });
        }
    }

    let methods = &unit.evidence_guide.methods;
    if !methods.is_empty() {
        widgets::section_heading_ui(ui, "Assessment methods");
        let names: Vec<&str> = methods.iter().map(|m| m.label()).collect();
        ui.add(Label::new(names.join(", ")).wrap());
    }
    ui.add_space(theme::SECTION_GAP);
}

/// A scenario: summary, setting, client, the units it assesses and its tasks with the element
/// each covers. Returns a new selection when a unit link is followed.
pub fn scenario_ui(ui: &mut Ui, scenario: &Scenario, library: &Library) -> Option<Selection> {
    let file = scenario.file();
    let mut selected = None;

    title_ui(ui, scenario.title());
    ui.label(
        RichText::new(format!("{} · {}", scenario.id(), scenario.path().display()))
            .monospace()
            .weak(),
    );
    ui.add_space(theme::HEADING_GAP);

    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Units:").weak());
        for id in scenario.unit_ids() {
            let text = match library.unit(id) {
                Some(unit) => format!("{} {}", unit.id, unit.title),
                None => id.to_owned(),
            };
            if ui.link(text).clicked() {
                selected = Some(Selection::Unit(id.to_owned()));
            }
        }
    });
    widgets::field_ui(ui, "Client", &file.client.name.value);
    widgets::field_ui(ui, "Setting", &file.setting.value);
    if let Some(minutes) = &file.estimated_minutes {
        widgets::field_ui(ui, "Estimated time", &format!("{} minutes", minutes.value));
    }

    if !file.summary.value.trim().is_empty() {
        widgets::section_heading_ui(ui, "Summary");
        ui.add(Label::new(&file.summary.value).wrap());
    }

    widgets::section_heading_ui(ui, &format!("Tasks ({})", scenario.tasks().len()));
    for task in scenario.tasks() {
        ui.add_space(theme::ITEM_GAP);
        ui.label(RichText::new(&task.title.value).strong());
        ui.indent(("task", &task.id.value), |ui| {
            let element = &task.element.value;
            let covers = match library.element(element) {
                Some(e) => format!("Covers {element}: {}", e.title),
                None => format!("Covers {element}"),
            };
            ui.add(Label::new(covers).wrap());
            let steps = task.steps.len();
            let steps = if steps == 1 {
                "1 step".to_owned()
            } else {
                format!("{steps} steps")
            };
            ui.label(RichText::new(steps).weak());
            if !task.brief.value.trim().is_empty() {
                ui.add(Label::new(RichText::new(&task.brief.value).weak()).wrap());
            }
        });
    }
    ui.add_space(theme::SECTION_GAP);
    selected
}

/// Ids of `unit` without the unit part, which the reader already knows: `CHCMGT006/2.4` →
/// `2.4`. Ids of other units are kept whole.
fn local_ids(unit: &Unit, ids: &[String]) -> String {
    ids.iter()
        .map(|id| {
            id.strip_prefix(unit.id.as_str())
                .and_then(|rest| rest.strip_prefix('/'))
                .unwrap_or(id)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn title_ui(ui: &mut Ui, text: &str) {
    ui.add(Label::new(RichText::new(text).size(theme::TITLE_TEXT_SIZE).strong()).wrap());
}
