//! The results of a handed-in attempt: by element, each criterion with its verdict and
//! feedback, provisional verdicts marked; export as a print-ready HTML report.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::{RichText, ScrollArea, Ui};

use super::app::Command;
use super::{theme, widgets};
use crate::model::{Attempt, Judgement, Overall, Verdict};
use crate::scenario::Library;
use crate::scoring::judge;
use crate::store::data::DataDir;

/// The results screen.
pub struct ResultsScreen {
    library: Arc<Library>,
    path: PathBuf,
    attempt: Attempt,
    judgement: Judgement,
    /// Where the last export went, or why it failed.
    exported: Option<Result<PathBuf, String>>,
}

impl ResultsScreen {
    /// Judge the attempt in `path` against its scenario in `library`.
    pub fn open(library: Arc<Library>, path: &Path) -> Result<Self, String> {
        let loaded = crate::store::attempt::load(path).map_err(|e| e.to_string())?;
        let attempt = loaded.attempt;
        let scenario = library.scenario(&attempt.header.scenario).ok_or_else(|| {
            format!(
                "the attempt is for scenario `{}`, which is not in the library",
                attempt.header.scenario
            )
        })?;
        let judgement = judge(scenario, &library.units, &attempt);
        Ok(ResultsScreen {
            library,
            path: path.to_path_buf(),
            attempt,
            judgement,
            exported: None,
        })
    }

    pub fn judgement(&self) -> &Judgement {
        &self.judgement
    }

    /// The attempt file judged.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Where the last export was written, or why it could not be.
    pub fn exported(&self) -> Option<&Result<PathBuf, String>> {
        self.exported.as_ref()
    }

    /// Write the report as HTML into `<data>/reports/`.
    pub fn export(&mut self, data: &DataDir) -> Result<PathBuf, String> {
        let Some(scenario) = self.library.scenario(&self.attempt.header.scenario) else {
            return Err("the scenario is not in the library".into());
        };
        let html = crate::report::html::judgement_html(
            &self.judgement,
            scenario,
            &self.library.units,
            &self.attempt.header,
        );
        let stem = self
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "attempt".into());
        let dir = data.root().join("reports");
        let path = dir.join(format!("{stem}.html"));
        let result = std::fs::create_dir_all(&dir)
            .and_then(|()| crate::store::write_atomic(&path, html.as_bytes()))
            .map(|()| path.clone())
            .map_err(|e| format!("cannot write {}: {e}", path.display()));
        self.exported = Some(result.clone());
        result
    }

    pub fn ui(&mut self, ui: &mut Ui, data: Option<&DataDir>, commands: &mut Vec<Command>) {
        let library = Arc::clone(&self.library);
        let scenario_title = library
            .scenario(&self.judgement.scenario)
            .map_or(self.judgement.scenario.clone(), |s| s.title().to_owned());
        ui.horizontal_wrapped(|ui| {
            ui.heading(format!("Results · {scenario_title}"));
            if ui.button("Back to start").clicked() {
                commands.push(Command::ShowStart);
            }
            if let Some(data) = data
                && ui
                    .button("Export report")
                    .on_hover_text(
                        "Save the judgement as a self-contained HTML page, ready to print",
                    )
                    .clicked()
            {
                let _ = self.export(data);
            }
        });
        match &self.exported {
            Some(Ok(path)) => {
                ui.label(
                    RichText::new(format!("Report saved: {}", path.display()))
                        .color(theme::ok_color(ui.visuals())),
                );
            }
            Some(Err(e)) => {
                ui.label(RichText::new(e).color(theme::error_color(ui.visuals())));
            }
            None => {}
        }
        let j = &self.judgement;
        let (overall, color) = match j.overall {
            Overall::Competent => ("Competent", theme::ok_color(ui.visuals())),
            Overall::NotYetCompetent => ("Not yet competent", theme::warning_color(ui.visuals())),
        };
        ui.label(
            RichText::new(format!("Overall: {overall}"))
                .size(theme::TITLE_TEXT_SIZE)
                .strong()
                .color(color),
        );
        let provisional = j.criteria.iter().filter(|c| c.provisional).count();
        ui.label(
            RichText::new(format!(
                "{} · seed {} · record {}{}",
                j.trainee,
                j.seed,
                j.integrity,
                if provisional > 0 {
                    format!(" · {provisional} provisional verdicts for an assessor to confirm")
                } else {
                    String::new()
                }
            ))
            .weak(),
        );
        if let Some(detail) = &j.integrity_detail {
            ui.label(RichText::new(detail).color(theme::error_color(ui.visuals())));
        }
        let missing: Vec<&str> = j
            .criteria
            .iter()
            .filter(|c| c.verdict != Verdict::S)
            .map(|c| c.id.rsplit('/').next().unwrap_or(&c.id))
            .collect();
        if !missing.is_empty() {
            ui.label(
                RichText::new(format!(
                    "Not yet satisfactory: {} (see the feedback below)",
                    missing.join(", ")
                ))
                .color(theme::warning_color(ui.visuals())),
            );
        }
        ScrollArea::vertical()
            .id_salt("results")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                widgets::reading_width(ui);
                let mut element = "";
                for c in &j.criteria {
                    if c.element != element {
                        element = &c.element;
                        let title = self.library.element_heading(element);
                        let of_element = j.criteria.iter().filter(|x| x.element == *element);
                        let met = of_element.clone().filter(|x| x.verdict == Verdict::S).count();
                        widgets::section_heading_ui(
                            ui,
                            &format!("{title} · {met} of {} satisfactory", of_element.count()),
                        );
                    }
                    let color = match c.verdict {
                        Verdict::S => theme::ok_color(ui.visuals()),
                        _ => theme::warning_color(ui.visuals()),
                    };
                    ui.horizontal_wrapped(|ui| {
                        ui.label(RichText::new(&c.id).monospace());
                        let verdict = match c.verdict {
                            Verdict::S => "Satisfactory",
                            Verdict::Nys => "Not yet satisfactory",
                            Verdict::NotEvidenced => "Not evidenced",
                        };
                        ui.label(RichText::new(verdict).color(color).strong());
                        if c.provisional {
                            ui.label(RichText::new("provisional").italics())
                                .on_hover_text("Rests on written text judged by a rubric: an assessor confirms it");
                        }
                    });
                    ui.label(&c.text);
                    for f in &c.feedback {
                        ui.label(RichText::new(format!("→ {f}")).weak());
                    }
                    ui.add_space(theme::ITEM_GAP);
                }
                if !j.critical_aspects.is_empty() {
                    widgets::section_heading_ui(ui, "Critical aspects of evidence");
                    for a in &j.critical_aspects {
                        ui.horizontal_wrapped(|ui| {
                            ui.label(if a.demonstrated { "✔" } else { "✖" });
                            ui.label(&a.text);
                        });
                    }
                }
            });
    }
}
