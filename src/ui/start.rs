//! The start screen: the trainee's name, the scenario library, practice or assessment, the seed,
//! and the attempts already begun (resume the unfinished ones, see the results of the others).

use std::path::PathBuf;

use egui::{Panel, RichText, ScrollArea, TextEdit, Ui};

use super::app::Command;
use super::{theme, widgets};
use crate::model::Mode;
use crate::scenario::Library;
use crate::sim::Session;
use crate::store::data::{AttemptSummary, DataDir};

/// The start screen.
#[derive(Debug)]
pub struct StartScreen {
    /// The scenario selected, by position in the library.
    selected: usize,
    mode: Mode,
    /// The seed as typed (practice) or drawn (assessment).
    seed: String,
    attempts: Vec<AttemptSummary>,
    /// Attempt files that could not be read, and why.
    problems: Vec<String>,
    message: Option<String>,
}

/// A seed from the wall clock: short enough to read out and type. (The simulation itself draws
/// only from the seed; this just picks one.)
pub fn fresh_seed() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    (nanos % 900_000) as u64 + 100_000
}

impl StartScreen {
    pub fn new(data: Option<&DataDir>) -> Self {
        let mut screen = StartScreen {
            selected: 0,
            mode: Mode::Practice,
            seed: fresh_seed().to_string(),
            attempts: Vec::new(),
            problems: Vec::new(),
            message: None,
        };
        screen.refresh(data);
        screen
    }

    /// Read the attempts in the data folder again.
    pub fn refresh(&mut self, data: Option<&DataDir>) {
        if let Some(data) = data {
            let (attempts, problems) = data.attempts_list();
            self.attempts = attempts;
            self.problems = problems.iter().map(ToString::to_string).collect();
        }
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The seed the next attempt will use, if the text is a number.
    pub fn seed(&self) -> Option<u64> {
        self.seed.trim().parse().ok()
    }

    /// The attempts found in the data folder, newest first.
    pub fn attempts(&self) -> &[AttemptSummary] {
        &self.attempts
    }

    /// Say something on the start screen (why an attempt could not be opened).
    pub fn set_message(&mut self, message: impl Into<String>) {
        self.message = Some(message.into());
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        library: &Library,
        trainee: &mut String,
        data: Option<&DataDir>,
        commands: &mut Vec<Command>,
    ) {
        Panel::bottom("start-data")
            .frame(egui::Frame::side_top_panel(ui.style()).inner_margin(theme::BAR_MARGIN))
            .show(ui, |ui| match data {
                Some(d) => {
                    ui.label(
                        RichText::new(format!(
                            "Your attempts are saved as you work, in {}",
                            d.attempts().display()
                        ))
                        .weak(),
                    );
                }
                None => {
                    ui.label(
                        RichText::new("No folder to save attempts in was found: set CASESIM_DATA_DIR and restart.")
                            .color(theme::error_color(ui.visuals())),
                    );
                }
            });
        Panel::left("start-scenarios")
            .resizable(true)
            .default_size(theme::START_LIST_WIDTH)
            .size_range(theme::SIDE_PANEL_MIN_WIDTH..=theme::SIDE_PANEL_MAX_WIDTH)
            .show(ui, |ui| {
                ScrollArea::vertical()
                    .id_salt("start-scenarios")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        ui.heading("Scenarios");
                        if library.scenarios.is_empty() {
                            ui.label("No scenario could be loaded. See the scenario files and their problems.");
                        }
                        for (i, scenario) in library.scenarios.iter().enumerate() {
                            let preview = Session::new(scenario, 1);
                            let file = scenario.file();
                            let units: Vec<String> = scenario
                                .unit_ids()
                                .map(|u| library.unit(u).map_or(u.to_owned(), |u| u.code.clone()))
                                .collect();
                            let minutes = file
                                .estimated_minutes
                                .as_ref()
                                .map(|m| format!(" · about {} min", m.value))
                                .unwrap_or_default();
                            let lines = [
                                RichText::new(preview.render(scenario.title())),
                                RichText::new(format!("{}{minutes}", units.join(", "))).weak(),
                                RichText::new(format!(
                                    "{} · {}",
                                    preview.render(&file.client.name.value),
                                    preview.render(&file.setting.value)
                                ))
                                .weak(),
                            ];
                            if widgets::list_item_ui(ui, self.selected == i, &lines).clicked() {
                                self.selected = i;
                            }
                        }
                        ui.add_space(theme::SECTION_GAP);
                        if ui
                            .button("Scenario files and problems")
                            .on_hover_text("For trainers: the units, the scenarios and any problems in their files")
                            .clicked()
                        {
                            commands.push(Command::ShowLibrary);
                        }
                    });
            });
        egui::CentralPanel::default().show(ui, |ui| {
            ScrollArea::vertical()
                .id_salt("start-main")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    widgets::reading_width(ui);
                    self.attempts_ui(ui, library, commands);
                    self.begin_ui(ui, library, trainee, data.is_some(), commands);
                });
        });
    }

    fn begin_ui(
        &mut self,
        ui: &mut Ui,
        library: &Library,
        trainee: &mut String,
        can_save: bool,
        commands: &mut Vec<Command>,
    ) {
        widgets::section_heading_ui(ui, "Begin a new attempt");
        ui.horizontal(|ui| {
            ui.label("Your name");
            ui.add(TextEdit::singleline(trainee).hint_text("as your assessor knows you"))
                .accessible_name("Your name");
        });
        if let Some(message) = &self.message {
            ui.label(RichText::new(message).color(theme::error_color(ui.visuals())));
        }
        let Some(scenario) = library.scenarios.get(self.selected) else {
            return;
        };
        let preview = Session::new(scenario, self.seed().unwrap_or(1));
        let file = scenario.file();
        let r = |t: &str| preview.render(t);
        widgets::section_heading_ui(ui, &r(scenario.title()));
        for unit in scenario.unit_ids() {
            match library.unit(unit) {
                Some(u) => widgets::field_ui(ui, "Unit", &format!("{} {}", u.code, u.title)),
                None => widgets::field_ui(ui, "Unit", unit),
            }
        }
        widgets::field_ui(ui, "Client", &r(&file.client.name.value));
        widgets::field_ui(ui, "Setting", &r(&file.setting.value));
        if let Some(m) = &file.estimated_minutes {
            widgets::field_ui(ui, "Estimated time", &format!("{} minutes", m.value));
        }
        ui.add_space(theme::ITEM_GAP);
        ui.label(r(&file.summary.value));

        widgets::section_heading_ui(ui, "Mode");
        ui.radio_value(&mut self.mode, Mode::Practice, "Practice")
            .on_hover_text(
                "Hints, feedback on each step, and the client's rapport shown as you go",
            );
        ui.radio_value(&mut self.mode, Mode::Assessment, "Assessment")
            .on_hover_text("No hints or feedback; the attempt is locked once handed in");
        ui.label(
            RichText::new(match self.mode {
                Mode::Practice => "Practice: hints and feedback on each step as you go; the client's rapport is shown.",
                Mode::Assessment => "Assessment: no hints or feedback. You confirm before handing in, and the attempt is then locked and judged.",
            })
            .weak(),
        );
        ui.horizontal(|ui| {
            ui.label("Seed");
            match self.mode {
                Mode::Practice => {
                    ui.add(TextEdit::singleline(&mut self.seed).desired_width(theme::SHORT_FIELD_WIDTH * 1.5))
                        .accessible_name("Seed")
                        .on_hover_text("The seed picks this client's details. The same seed gives the same client.");
                    if ui.button("New seed").clicked() {
                        self.seed = fresh_seed().to_string();
                    }
                }
                Mode::Assessment => {
                    ui.label(RichText::new(&self.seed).monospace())
                        .on_hover_text("Drawn for this attempt; recorded with it");
                }
            }
        });
        let seed = self.seed();
        if seed.is_none() {
            ui.label(
                RichText::new("A seed is a whole number, e.g. 1234")
                    .color(theme::error_color(ui.visuals())),
            );
        }
        ui.add_space(theme::ITEM_GAP);
        let label = match self.mode {
            Mode::Practice => "Start practice",
            Mode::Assessment => "Start assessment",
        };
        let ready = can_save && seed.is_some();
        if ui.add_enabled(ready, egui::Button::new(label)).clicked() {
            if trainee.trim().is_empty() {
                self.message =
                    Some("Enter your name first: it is recorded with the attempt.".into());
            } else if let Some(seed) = seed {
                self.message = None;
                commands.push(Command::Start {
                    scenario: self.selected,
                    mode: self.mode,
                    seed,
                });
                if self.mode == Mode::Assessment {
                    self.seed = fresh_seed().to_string();
                }
            }
        }
    }

    fn attempts_ui(&mut self, ui: &mut Ui, library: &Library, commands: &mut Vec<Command>) {
        if self.attempts.is_empty() && self.problems.is_empty() {
            return;
        }
        ui.heading("Your attempts");
        let title = |id: &str| {
            library
                .scenario(id)
                .map_or_else(|| id.to_owned(), |s| s.title().to_owned())
        };
        let mut open: Option<(PathBuf, bool)> = None;
        for a in &self.attempts {
            let h = &a.header;
            let started = h.started.get(..16).unwrap_or(&h.started).replace('T', " ");
            let mode = match h.mode {
                Mode::Practice => "practice",
                Mode::Assessment => "assessment",
            };
            let (text, resume) = if a.handed_in {
                ("Results", false)
            } else {
                ("Resume", true)
            };
            ui.horizontal_wrapped(|ui| {
                if ui
                    .button(text)
                    .accessible_name(format!("{text}: {} ({started})", title(&h.scenario)))
                    .clicked()
                {
                    open = Some((a.path.clone(), resume));
                }
                ui.label(RichText::new(title(&h.scenario)).strong());
                ui.label(
                    RichText::new(format!(
                        "{} · {mode} · seed {} · started {started} · {} actions{}",
                        h.trainee,
                        h.seed,
                        a.actions,
                        if a.handed_in { " · handed in" } else { "" }
                    ))
                    .weak(),
                );
            });
        }
        for p in &self.problems {
            ui.label(RichText::new(p).color(theme::warning_color(ui.visuals())));
        }
        match open {
            Some((path, true)) => commands.push(Command::Resume(path)),
            Some((path, false)) => commands.push(Command::ShowResults(path)),
            None => {}
        }
    }
}
