//! The simulated office: the task list by element, and the places of the office (the work on
//! the selected step, the client file, the reference shelf, the inbox and the calendar).
//!
//! The office keeps the attempt's [`Recorder`] and its session (parked between frames, since a
//! session borrows its scenario). Panels push actions; [`OfficeScreen::ui`] applies them after
//! drawing, each one written to the attempt file before it shows.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use egui::{Align, Key, KeyboardShortcut, Layout, Modifiers, Panel, RichText, ScrollArea, Ui};

use super::app::Command;
use super::work::{Drafts, StepCtx};
use super::{steps, theme, widgets};
use crate::model::{Action, Judgement, Mode};
use crate::scenario::Library;
use crate::scenario::raw::StepKind;
use crate::scoring::judge;
use crate::sim::{Outcome, Parked, Session, StepStatus};
use crate::store::attempt::Recorder;
use crate::store::data::DataDir;

/// The places of the office, shown one at a time in the middle of the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// The selected step.
    Work,
    ClientFile,
    Shelf,
    Inbox,
    Calendar,
}

impl Place {
    pub const ALL: [Place; 5] = [
        Place::Work,
        Place::ClientFile,
        Place::Shelf,
        Place::Inbox,
        Place::Calendar,
    ];

    /// The tab's name (also its accessible name).
    pub fn name(self) -> &'static str {
        match self {
            Place::Work => "Work",
            Place::ClientFile => "Client file",
            Place::Shelf => "Reference shelf",
            Place::Inbox => "Inbox",
            Place::Calendar => "Calendar",
        }
    }

    fn key(self) -> Key {
        match self {
            Place::Work => Key::Num1,
            Place::ClientFile => Key::Num2,
            Place::Shelf => Key::Num3,
            Place::Inbox => Key::Num4,
            Place::Calendar => Key::Num5,
        }
    }
}

/// A message shown above the work area until the next action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// The action was not possible; why.
    Refused(String),
    /// Saving failed: the action was not taken.
    Failed(String),
    /// Something arrived or happened.
    Info(String),
}

/// Why an attempt could not be opened in the office.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("{0}")]
    File(#[from] crate::store::attempt::AttemptFileError),
    #[error("cannot create the attempt file {path}: {source}")]
    Create {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the attempt is for scenario `{0}`, which is not in the library (or has errors): it cannot be resumed"
    )]
    NoScenario(String),
    #[error(
        "scenario `{0}` has changed since this attempt began: it cannot be resumed exactly where it stood (it can still be judged)"
    )]
    ScenarioChanged(String),
    #[error("the attempt has been handed in: it is locked, and only its results can be seen")]
    HandedIn,
    #[error("action {index} of the attempt is refused on replay ({why}): the file was edited")]
    Replay { index: usize, why: String },
}

/// The office screen.
pub struct OfficeScreen {
    library: Arc<Library>,
    /// The scenario's position in the library.
    scenario: usize,
    /// The session between frames; `None` only if it was lost (a bug), which ends the office.
    parked: Option<Parked>,
    recorder: Recorder,
    drafts: Drafts,
    drafts_saved: Instant,
    place: Place,
    selected: Option<String>,
    /// The document or record open in the reader.
    reading: Option<String>,
    /// Practice feedback per step, in the order it was given.
    feedback: BTreeMap<String, Vec<String>>,
    /// Practice mode: the judgement of the attempt so far.
    judgement: Option<Judgement>,
    notice: Option<Notice>,
    confirm_hand_in: bool,
    /// How many inbox items the trainee has seen (the Inbox tab shows the rest as new).
    inbox_seen: usize,
    /// The "wait until day" field.
    wait_day: String,
}

impl OfficeScreen {
    /// Start a new attempt on scenario `index` of `library`, saved in `data`.
    pub fn start(
        library: Arc<Library>,
        index: usize,
        trainee: &str,
        seed: u64,
        mode: Mode,
        data: &DataDir,
    ) -> Result<Self, OpenError> {
        let scenario = library
            .scenarios
            .get(index)
            .ok_or_else(|| OpenError::NoScenario(format!("#{index}")))?;
        let attempt = crate::model::attempt::new_attempt(scenario, trainee, seed, mode);
        let path = data
            .new_attempt_path(&attempt.header)
            .map_err(|source| OpenError::Create {
                path: data.attempts(),
                source,
            })?;
        let recorder = Recorder::create(&path, attempt)
            .map_err(|source| OpenError::Create { path, source })?;
        let session = Session::new(scenario, seed);
        let selected = first_open_step(&session);
        let parked = session.park();
        let mut office = Self::with(library, index, parked, recorder, Drafts::default());
        office.selected = selected;
        Ok(office)
    }

    /// Open an unfinished attempt exactly where it stood: its actions are replayed, and the
    /// drafts saved beside it come back.
    pub fn resume(library: Arc<Library>, path: &Path) -> Result<Self, OpenError> {
        let (recorder, _torn) = Recorder::resume(path)?;
        let header = &recorder.attempt().header;
        let index = library
            .scenarios
            .iter()
            .position(|s| s.id() == header.scenario)
            .ok_or_else(|| OpenError::NoScenario(header.scenario.clone()))?;
        let scenario = &library.scenarios[index];
        if scenario.content_hash() != header.scenario_hash {
            return Err(OpenError::ScenarioChanged(header.scenario.clone()));
        }
        if recorder.attempt().handed_in() {
            return Err(OpenError::HandedIn);
        }
        let mut feedback = BTreeMap::new();
        let (session, refused) =
            crate::sim::replay_with(scenario, recorder.attempt(), |r, outcome| {
                note_feedback(&mut feedback, &r.action, outcome);
            });
        if let Some((index, why)) = refused {
            return Err(OpenError::Replay { index, why: why.0 });
        }
        let inbox = session.state().inbox.len();
        let selected = first_open_step(&session);
        let parked = session.park();
        let drafts = Drafts::from_map(DataDir::load_drafts(path));
        let mut office = Self::with(library, index, parked, recorder, drafts);
        office.feedback = feedback;
        office.inbox_seen = inbox;
        office.selected = selected;
        Ok(office)
    }

    fn with(
        library: Arc<Library>,
        scenario: usize,
        parked: Parked,
        recorder: Recorder,
        drafts: Drafts,
    ) -> Self {
        let mut office = OfficeScreen {
            library,
            scenario,
            parked: Some(parked),
            recorder,
            drafts,
            drafts_saved: Instant::now(),
            place: Place::Work,
            selected: None,
            reading: None,
            feedback: BTreeMap::new(),
            judgement: None,
            notice: None,
            confirm_hand_in: false,
            inbox_seen: 0,
            wait_day: String::new(),
        };
        office.rejudge();
        office
    }

    /// The attempt file.
    pub fn path(&self) -> &Path {
        self.recorder.path()
    }

    /// Practice or assessment, as the attempt records it.
    pub fn mode(&self) -> Mode {
        self.recorder.attempt().header.mode
    }

    /// The attempt as recorded so far.
    pub fn attempt(&self) -> &crate::model::Attempt {
        self.recorder.attempt()
    }

    pub fn place(&self) -> Place {
        self.place
    }

    /// The step selected in the task list.
    pub fn selected(&self) -> Option<&str> {
        self.selected.as_deref()
    }

    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// The drafts of text typed and not yet entered.
    pub fn drafts(&self) -> &Drafts {
        &self.drafts
    }

    /// Practice mode: the judgement of the attempt so far.
    pub fn judgement_so_far(&self) -> Option<&Judgement> {
        self.judgement.as_ref()
    }

    fn practice(&self) -> bool {
        self.mode() == Mode::Practice
    }

    fn rejudge(&mut self) {
        if self.practice() {
            let scenario = &self.library.scenarios[self.scenario];
            self.judgement = Some(judge(
                scenario,
                &self.library.units,
                self.recorder.attempt(),
            ));
        }
    }

    /// Draw the office and apply what the trainee did.
    pub fn ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let library = Arc::clone(&self.library);
        let scenario = &library.scenarios[self.scenario];
        let Some(mut session) = self.parked.take().and_then(|p| p.attach(scenario)) else {
            commands.push(Command::Fail(
                "the attempt's state was lost (a bug in casesim); it is saved: resume it from the start screen".into(),
            ));
            return;
        };

        let mut actions = Vec::new();
        self.shortcuts(ui, &session);
        self.header_ui(ui, &session, &mut actions, commands);
        self.tasks_ui(ui, &session, &library);
        if self.reading.is_some() {
            self.reader_ui(ui, &session);
        }
        if self.practice() {
            self.coach_ui(ui, &session);
        }
        egui::CentralPanel::default().show(ui, |ui| {
            self.tabs_ui(ui, &session);
            ui.separator();
            self.notice_ui(ui);
            ScrollArea::vertical()
                .id_salt(("office", self.place.name()))
                .auto_shrink([false, false])
                .show(ui, |ui| match self.place {
                    Place::Work => self.work_ui(ui, &session, &mut actions),
                    Place::ClientFile => self.client_file_ui(ui, &session, &mut actions),
                    Place::Shelf => self.shelf_ui(ui, &session, &mut actions),
                    Place::Inbox => {
                        self.inbox_seen = session.state().inbox.len();
                        inbox_ui(ui, &session);
                    }
                    Place::Calendar => self.calendar_ui(ui, &session, &mut actions),
                });
        });
        if self.confirm_hand_in {
            self.confirm_ui(ui, &mut actions);
        }

        let handed_in = self.apply(&mut session, actions);
        self.parked = Some(session.park());
        self.save_drafts(ui);
        if handed_in {
            commands.push(Command::ShowResults(self.path().to_path_buf()));
        }
    }

    /// Apply the actions in order, stopping at the first refusal. Returns whether the attempt
    /// was handed in.
    fn apply(&mut self, session: &mut Session<'_>, actions: Vec<Action>) -> bool {
        let mut changed = false;
        for action in actions {
            match self.recorder.apply(session, action.clone()) {
                Ok(Ok(outcome)) => {
                    changed = true;
                    self.notice = None;
                    if let Action::Open(doc) = &action {
                        self.reading = Some(doc.clone());
                    }
                    if !outcome.arrived.is_empty() {
                        let titles: Vec<String> = session
                            .state()
                            .inbox
                            .iter()
                            .filter(|a| outcome.arrived.contains(&a.id))
                            .map(|a| format!("\u{201c}{}\u{201d}", a.title))
                            .collect();
                        self.notice = Some(Notice::Info(format!(
                            "New in the inbox: {}",
                            titles.join(", ")
                        )));
                    }
                    note_feedback(&mut self.feedback, &action, outcome);
                }
                Ok(Err(refused)) => {
                    self.notice = Some(Notice::Refused(refused.0));
                    break;
                }
                Err(e) => {
                    self.notice = Some(Notice::Failed(format!(
                        "could not save to {}: {e}. Nothing was changed; try again.",
                        self.recorder.path().display()
                    )));
                    break;
                }
            }
        }
        if changed {
            self.rejudge();
        }
        session.state().handed_in
    }

    /// Write the drafts if they changed, at most twice a second.
    fn save_drafts(&mut self, ui: &Ui) {
        if !self.drafts.is_dirty() {
            return;
        }
        let wait = Duration::from_millis(500);
        if self.drafts_saved.elapsed() < wait {
            ui.ctx().request_repaint_after(wait);
            return;
        }
        self.flush_drafts();
    }

    /// Write the drafts now if they changed (when the office closes or the app quits).
    pub fn flush_drafts(&mut self) {
        if !self.drafts.is_dirty() {
            return;
        }
        match DataDir::save_drafts(self.recorder.path(), self.drafts.map()) {
            Ok(()) => self.drafts.saved(),
            Err(e) => {
                self.notice = Some(Notice::Failed(format!(
                    "could not save what you are typing: {e}"
                )))
            }
        }
        self.drafts_saved = Instant::now();
    }

    fn shortcuts(&mut self, ui: &Ui, session: &Session<'_>) {
        for place in Place::ALL {
            if ui.input_mut(|i| {
                i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, place.key()))
            }) {
                self.place = place;
            }
        }
        let next = ui.input_mut(|i| {
            i.consume_shortcut(&KeyboardShortcut::new(Modifiers::ALT, Key::ArrowDown))
        });
        let previous = ui.input_mut(|i| {
            i.consume_shortcut(&KeyboardShortcut::new(Modifiers::ALT, Key::ArrowUp))
        });
        if next || previous {
            let ids: Vec<&str> = session
                .scenario()
                .steps()
                .map(|(_, s)| s.id.value.as_str())
                .collect();
            let at = self
                .selected
                .as_deref()
                .and_then(|s| ids.iter().position(|i| *i == s))
                .unwrap_or(0);
            let to = if next {
                (at + 1).min(ids.len().saturating_sub(1))
            } else {
                at.saturating_sub(1)
            };
            self.selected = ids.get(to).map(|s| (*s).to_owned());
            self.place = Place::Work;
        }
        if ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
            self.confirm_hand_in = false;
            self.reading = None;
        }
    }

    fn header_ui(
        &mut self,
        ui: &mut Ui,
        session: &Session<'_>,
        actions: &mut Vec<Action>,
        commands: &mut Vec<Command>,
    ) {
        let scenario = session.scenario();
        Panel::top("office-header")
            .frame(egui::Frame::side_top_panel(ui.style()).inner_margin(theme::BAR_MARGIN))
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        RichText::new(session.render(scenario.title()))
                            .strong()
                            .size(theme::SECTION_TEXT_SIZE),
                    );
                    let mode = match self.mode() {
                        Mode::Practice => "Practice",
                        Mode::Assessment => "Assessment",
                    };
                    ui.label(
                        RichText::new(mode).color(theme::mode_color(ui.visuals(), self.practice())),
                    );
                    ui.separator();
                    ui.label(format!(
                        "Day {} · {}",
                        session.day(),
                        session.state().clock.format("%a %-d %b %Y · %H:%M")
                    ))
                    .on_hover_text("The simulated clock: it moves only as you work or wait");
                    ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                        if ui
                            .button("Hand in")
                            .on_hover_text("Hand the attempt in to be judged")
                            .clicked()
                        {
                            self.confirm_hand_in = true;
                        }
                        if ui
                            .button("Next day")
                            .on_hover_text("Let time pass until 09:00 tomorrow")
                            .clicked()
                        {
                            actions.push(Action::WaitUntil {
                                day: session.day() + 1,
                            });
                        }
                        if ui
                            .button("Leave")
                            .on_hover_text(
                                "Back to the start screen. Everything is saved; resume any time.",
                            )
                            .clicked()
                        {
                            commands.push(Command::ShowStart);
                        }
                    });
                });
            });
    }

    fn tasks_ui(&mut self, ui: &mut Ui, session: &Session<'_>, library: &Library) {
        Panel::left("office-tasks")
            .resizable(true)
            .default_size(theme::TASK_PANEL_WIDTH)
            .size_range(theme::SIDE_PANEL_MIN_WIDTH..=theme::SIDE_PANEL_MAX_WIDTH)
            .show(ui, |ui| {
                ScrollArea::vertical()
                    .id_salt("office-tasks")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        ui.heading("Tasks");
                        let mut element = "";
                        for progress in session.progress() {
                            let task = progress.task;
                            if task.element.value != element {
                                element = &task.element.value;
                                widgets::section_heading_ui(ui, &library.element_heading(element));
                            }
                            ui.horizontal(|ui| {
                                ui.label(RichText::new(session.render(&task.title.value)).strong());
                            });
                            let fraction = if progress.total == 0 {
                                1.0
                            } else {
                                progress.done as f32 / progress.total as f32
                            };
                            ui.add(
                                egui::ProgressBar::new(fraction)
                                    .desired_height(theme::PROGRESS_HEIGHT)
                                    .text(format!("{} of {} done", progress.done, progress.total)),
                            );
                            if let Some(due) = &task.due_day {
                                if session.day() > due.value && progress.done < progress.total {
                                    ui.label(
                                        RichText::new(format!("Due day {}: overdue", due.value))
                                            .color(theme::warning_color(ui.visuals())),
                                    );
                                } else {
                                    ui.label(
                                        RichText::new(format!("Due day {}", due.value)).weak(),
                                    );
                                }
                            }
                            for step in &task.steps {
                                let id = &step.id.value;
                                let title = session.render(&step.title.value);
                                let (mark, hover) = match session.step_status(id) {
                                    StepStatus::Done => ("✔", "Done".to_owned()),
                                    StepStatus::Open => ("○", "Open".to_owned()),
                                    StepStatus::Locked(why) => ("🔒", why),
                                };
                                let selected = self.selected.as_deref() == Some(id.as_str());
                                let response = ui
                                    .add(egui::Button::selectable(
                                        selected,
                                        format!("{mark} {title}"),
                                    ))
                                    .accessible_name(title)
                                    .on_hover_text(hover);
                                if response.clicked() {
                                    self.selected = Some(id.clone());
                                    self.place = Place::Work;
                                }
                            }
                            ui.add_space(theme::ITEM_GAP);
                        }
                    });
            });
    }

    fn tabs_ui(&mut self, ui: &mut Ui, session: &Session<'_>) {
        ui.horizontal(|ui| {
            for place in Place::ALL {
                let mut text = place.name().to_owned();
                if place == Place::Inbox {
                    let new = session.state().inbox.len().saturating_sub(self.inbox_seen);
                    if new > 0 {
                        text = format!("{text} ({new} new)");
                    }
                }
                let response = ui
                    .add(egui::Button::selectable(self.place == place, text))
                    .accessible_name(place.name())
                    .on_hover_text(format!(
                        "Ctrl+{}",
                        Place::ALL.iter().position(|p| *p == place).unwrap_or(0) + 1
                    ));
                if response.clicked() {
                    self.place = place;
                }
            }
        });
    }

    fn notice_ui(&mut self, ui: &mut Ui) {
        let Some(notice) = &self.notice else {
            return;
        };
        let (text, color) = match notice {
            Notice::Refused(why) => (
                format!("Not possible: {why}"),
                theme::error_color(ui.visuals()),
            ),
            Notice::Failed(why) => (
                format!("Not saved: {why}"),
                theme::error_color(ui.visuals()),
            ),
            Notice::Info(text) => (text.clone(), theme::ok_color(ui.visuals())),
        };
        let mut close = false;
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(text).color(color).strong());
            close = ui.small_button("Dismiss").clicked();
        });
        if close {
            self.notice = None;
        }
        ui.add_space(theme::ITEM_GAP);
    }

    fn work_ui(&mut self, ui: &mut Ui, session: &Session<'_>, actions: &mut Vec<Action>) {
        let Some((task, step)) = self
            .selected
            .as_deref()
            .and_then(|id| session.scenario().step(id))
        else {
            ui.label("Choose a step from the task list on the left.");
            return;
        };
        let practice = self.practice();
        let no_feedback = Vec::new();
        let feedback = if practice {
            self.feedback.get(&step.id.value).unwrap_or(&no_feedback)
        } else {
            &no_feedback
        };
        let mut cx = StepCtx {
            session,
            practice,
            drafts: &mut self.drafts,
            actions,
            feedback,
            // Judged only in practice mode (see `rejudge`).
            judgement: self.judgement.as_ref(),
        };
        widgets::reading_width(ui);
        steps::step_ui(ui, task, step, &mut cx);
    }

    fn client_file_ui(&mut self, ui: &mut Ui, session: &Session<'_>, actions: &mut Vec<Action>) {
        widgets::reading_width(ui);
        let file = session.scenario().file();
        let client = &file.client;
        let r = |t: &str| session.render(t);
        ui.horizontal(|ui| {
            widgets::initials_ui(ui, &r(&client.name.value), theme::INITIALS_SIZE);
            ui.vertical(|ui| {
                ui.heading(r(&client.name.value));
                let mut line = Vec::new();
                if let Some(age) = &client.age {
                    line.push(format!(
                        "{} years",
                        crate::sim::variation::amount(&age.value, session.values())
                    ));
                }
                if !client.pronouns.is_empty() {
                    line.push(client.pronouns.clone());
                }
                ui.label(line.join(" · "));
            });
        });
        widgets::field_ui(ui, "Background", &r(&client.background.value));
        widgets::field_ui(ui, "Culture", &r(&client.culture.value));
        let languages: Vec<String> = client.languages.iter().map(|l| r(&l.value)).collect();
        widgets::field_ui(ui, "Languages", &languages.join(", "));
        if client.interpreter {
            widgets::field_ui(ui, "Interpreter", "needed");
        }
        widgets::field_ui(ui, "Living situation", &r(&client.living_situation.value));
        widgets::field_ui(ui, "Health", &r(&client.health.value));
        for (name, list) in [
            ("Supports", &client.supports),
            ("Goals", &client.goals),
            ("Preferences", &client.preferences),
            ("Previous services", &client.previous_services),
            ("Risks", &client.risks),
        ] {
            if list.is_empty() {
                continue;
            }
            widgets::section_heading_ui(ui, name);
            for item in list {
                ui.label(format!("• {}", r(&item.value)));
            }
        }
        if let Some(budget) = &client.budget {
            widgets::section_heading_ui(ui, "Budget");
            ui.label(format!(
                "{} {:.2} ({:?}) {}",
                file.currency.value,
                crate::sim::variation::amount(&budget.amount.value, session.values()),
                budget.per,
                r(&budget.funding.value)
            ));
        }
        let disclosed: Vec<_> = client
            .facts
            .iter()
            .filter(|f| session.state().client.disclosed.contains(&f.id.value))
            .collect();
        widgets::section_heading_ui(ui, "What the client has told you");
        if disclosed.is_empty() {
            ui.label(RichText::new("Nothing yet.").weak());
        }
        for fact in disclosed {
            ui.label(format!("• {}", r(&fact.text.value)));
        }
        widgets::section_heading_ui(ui, "Records");
        for record in &file.office.client_file {
            let read = session.state().read.contains(&record.id.value);
            ui.horizontal_wrapped(|ui| {
                let title = r(&record.title.value);
                if ui.button(format!("Open {title}")).clicked() {
                    actions.push(Action::Open(record.id.value.clone()));
                }
                ui.label(
                    RichText::new(format!(
                        "dated {}{}",
                        record.dated.value,
                        if read { " · read" } else { "" }
                    ))
                    .weak(),
                );
            });
        }
    }

    fn shelf_ui(&mut self, ui: &mut Ui, session: &Session<'_>, actions: &mut Vec<Action>) {
        widgets::reading_width(ui);
        let office = &session.scenario().file().office;
        ui.heading(if office.name.value.is_empty() {
            "Reference shelf".to_owned()
        } else {
            format!("Reference shelf · {}", session.render(&office.name.value))
        });
        ui.label(RichText::new("Check each document's date before you rely on it. Flag a document as out of date from a step that reviews the shelf.").weak());
        for doc in &office.documents {
            let id = &doc.id.value;
            let title = session.render(&doc.title.value);
            ui.add_space(theme::ITEM_GAP);
            ui.horizontal_wrapped(|ui| {
                if ui.button(format!("Open {title}")).clicked() {
                    actions.push(Action::Open(id.clone()));
                }
                let mut dates = format!("{:?} · dated {}", doc.kind, doc.dated.value);
                if let Some(review) = &doc.review_by {
                    dates.push_str(&format!(" · review by {}", review.value));
                }
                if session.state().read.contains(id) {
                    dates.push_str(" · read");
                }
                ui.label(RichText::new(dates).weak());
                // The open step that reviews this document, where it can be flagged.
                let flag_step = session.scenario().steps().find_map(|(_, s)| match &s.kind {
                    StepKind::Documents {
                        documents,
                        flag_out_of_date: true,
                    } if documents.iter().any(|d| d.value == *id)
                        && session.step_status(&s.id.value) == StepStatus::Open =>
                    {
                        Some(s.id.value.clone())
                    }
                    _ => None,
                });
                if let Some(step) = flag_step {
                    let flagged = session
                        .state()
                        .steps
                        .get(&step)
                        .is_some_and(|s| s.flagged.contains(id));
                    let mut checked = flagged;
                    let response = ui
                        .checkbox(&mut checked, "Out of date")
                        .accessible_name(format!("Out of date: {title}"));
                    if response.changed() {
                        actions.push(if checked {
                            Action::Flag {
                                step,
                                document: id.clone(),
                            }
                        } else {
                            Action::Unflag {
                                step,
                                document: id.clone(),
                            }
                        });
                    }
                }
            });
        }
    }

    fn calendar_ui(&mut self, ui: &mut Ui, session: &Session<'_>, actions: &mut Vec<Action>) {
        widgets::reading_width(ui);
        let today = session.day();
        ui.heading("Calendar");
        ui.horizontal(|ui| {
            ui.label(format!(
                "Today is day {today}, {}.",
                session.state().clock.format("%A %-d %B %Y, %H:%M")
            ));
        });
        ui.horizontal(|ui| {
            ui.add(
                egui::TextEdit::singleline(&mut self.wait_day)
                    .desired_width(theme::SHORT_FIELD_WIDTH)
                    .hint_text(format!("{}", today + 1)),
            )
            .accessible_name("Wait until day");
            if ui
                .button("Wait")
                .on_hover_text("Let time pass until 09:00 on that day")
                .clicked()
            {
                match self.wait_day.trim().parse::<u32>() {
                    Ok(day) => {
                        actions.push(Action::WaitUntil { day });
                        self.wait_day.clear();
                    }
                    Err(_) => {
                        self.notice = Some(Notice::Refused(format!(
                            "\"{}\" is not a day number: enter a day after {today}",
                            self.wait_day.trim()
                        )))
                    }
                }
            }
        });
        let scenario = session.scenario();
        // What happens on which day.
        // Each entry: its text, and the step it opens when clicked.
        let mut days: BTreeMap<u32, Vec<(String, Option<String>)>> = BTreeMap::new();
        for (_, step) in scenario.steps() {
            let id = Some(step.id.value.clone());
            if let Some(Some((day, time))) = session
                .state()
                .steps
                .get(&step.id.value)
                .map(|s| s.booked.clone())
            {
                days.entry(day).or_default().push((
                    format!("{time} {}", session.render(&step.title.value)),
                    id.clone(),
                ));
            }
            if let StepKind::Schedule {
                earliest_day,
                latest_day,
                ..
            } = &step.kind
                && session.step_status(&step.id.value) != StepStatus::Done
            {
                days.entry(earliest_day.value).or_default().push((
                    format!(
                        "To book between day {} and day {}: {}",
                        earliest_day.value,
                        latest_day.value,
                        session.render(&step.title.value)
                    ),
                    id,
                ));
            }
        }
        for task in scenario.tasks() {
            if let Some(open) = &task.opens_day
                && open.value > 1
            {
                days.entry(open.value).or_default().push((
                    format!("Opens: {}", session.render(&task.title.value)),
                    None,
                ));
            }
            if let Some(due) = &task.due_day {
                days.entry(due.value)
                    .or_default()
                    .push((format!("Due: {}", session.render(&task.title.value)), None));
            }
        }
        for arrival in &session.state().inbox {
            days.entry(arrival.day)
                .or_default()
                .push((format!("Arrived: {}", arrival.title), None));
        }
        let last = days
            .keys()
            .next_back()
            .copied()
            .unwrap_or(today)
            .max(today + 7);
        let mut open = None;
        egui::Grid::new("calendar")
            .striped(true)
            .num_columns(2)
            .show(ui, |ui| {
                for day in 1..=last {
                    let date = session.date_of(day);
                    let label = format!("Day {day} · {}", date.format("%a %-d %b"));
                    if day == today {
                        ui.label(RichText::new(format!("{label} (today)")).strong());
                    } else if day < today {
                        ui.label(RichText::new(label).weak());
                    } else {
                        ui.label(label);
                    }
                    ui.vertical(|ui| {
                        for (text, step) in days.get(&day).into_iter().flatten() {
                            match step {
                                Some(step) => {
                                    if ui.link(text).on_hover_text("Open this step").clicked() {
                                        open = Some(step.clone());
                                    }
                                }
                                None => {
                                    ui.label(text);
                                }
                            }
                        }
                    });
                    ui.end_row();
                }
            });
        if let Some(step) = open {
            self.selected = Some(step);
            self.place = Place::Work;
        }
    }

    fn reader_ui(&mut self, ui: &mut Ui, session: &Session<'_>) {
        let Some(id) = self.reading.clone() else {
            return;
        };
        let office = &session.scenario().file().office;
        let found = office
            .documents
            .iter()
            .find(|d| d.id.value == id)
            .map(|d| (&d.title.value, &d.dated.value, &d.text.value))
            .or_else(|| {
                office
                    .client_file
                    .iter()
                    .find(|r| r.id.value == id)
                    .map(|r| (&r.title.value, &r.dated.value, &r.text.value))
            });
        Panel::right("office-reader")
            .resizable(true)
            .default_size(theme::SIDE_PANEL_WIDTH)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.heading("Reader");
                    if ui.button("Close").on_hover_text("Esc").clicked() {
                        self.reading = None;
                    }
                });
                ScrollArea::vertical()
                    .id_salt("reader")
                    .show(ui, |ui| match found {
                        Some((title, dated, text)) => {
                            ui.label(RichText::new(session.render(title)).strong());
                            ui.label(RichText::new(format!("dated {dated}")).weak());
                            ui.add_space(theme::ITEM_GAP);
                            ui.label(session.render(text));
                        }
                        None => {
                            ui.label("This document is not in the office.");
                        }
                    });
            });
    }

    fn coach_ui(&mut self, ui: &mut Ui, session: &Session<'_>) {
        let client = &session.state().client;
        Panel::bottom("office-coach")
            .frame(egui::Frame::side_top_panel(ui.style()).inner_margin(theme::BAR_MARGIN))
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new("Practice").strong());
                    ui.label(format!("Rapport {} / 100", client.rapport));
                    ui.label(format!("Trust {} / 100", client.trust));
                    if let Some(j) = &self.judgement {
                        let met = j
                            .criteria
                            .iter()
                            .filter(|c| c.verdict == crate::model::Verdict::S)
                            .count();
                        ui.label(format!(
                            "Criteria met so far: {met} of {}",
                            j.criteria.len()
                        ));
                    }
                });
            });
    }

    fn confirm_ui(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        let text = match self.mode() {
            Mode::Assessment => {
                "Hand in this attempt for assessment? It will be locked: nothing can be changed after."
            }
            Mode::Practice => {
                "Hand in this practice attempt and see how it is judged? Nothing can be changed after."
            }
        };
        egui::Modal::new(ui.scope_id().with("confirm-hand-in")).show(ui.ctx(), |ui| {
            ui.set_max_width(theme::DIALOG_WIDTH);
            ui.heading("Hand in");
            ui.label(text);
            ui.add_space(theme::ITEM_GAP);
            ui.horizontal(|ui| {
                if ui.button("Yes, hand in").clicked() {
                    actions.push(Action::HandIn);
                    self.confirm_hand_in = false;
                }
                if ui.button("Keep working").clicked() {
                    self.confirm_hand_in = false;
                }
            });
        });
    }
}

/// Keep the feedback an accepted action had, under its step (shown in practice mode).
fn note_feedback(feedback: &mut BTreeMap<String, Vec<String>>, action: &Action, outcome: Outcome) {
    if let (Some(step), Some(f)) = (action.step(), outcome.feedback) {
        feedback.entry(step.to_owned()).or_default().push(f);
    }
}

/// The step to show first: the first one that can be worked on now, else the first.
fn first_open_step(session: &Session<'_>) -> Option<String> {
    let ids = || session.scenario().steps().map(|(_, s)| &s.id.value);
    ids()
        .find(|id| session.step_status(id) == StepStatus::Open)
        .or_else(|| ids().next())
        .cloned()
}

fn inbox_ui(ui: &mut Ui, session: &Session<'_>) {
    widgets::reading_width(ui);
    ui.heading("Inbox");
    let inbox = &session.state().inbox;
    if inbox.is_empty() {
        ui.label(RichText::new("Nothing has arrived yet. Messages arrive as simulated time passes and as you work.").weak());
    }
    for arrival in inbox.iter().rev() {
        let from = arrival.from.as_deref().map(|id| session.person_name(id));
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(&arrival.title).strong());
            ui.label(
                RichText::new(match &from {
                    Some(f) => format!("From {f} · day {}", arrival.day),
                    None => format!("Day {}", arrival.day),
                })
                .weak(),
            );
            ui.label(&arrival.text);
        });
        ui.add_space(theme::ITEM_GAP);
    }
}
