//! The application: the loaded [`Library`], the current [`Screen`], and the one place where
//! commands from the screens are applied.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

use egui::{Key, KeyboardShortcut, Modifiers};

use super::library::LibraryScreen;
use super::office::OfficeScreen;
use super::results::ResultsScreen;
use super::start::StartScreen;
use super::{status, theme};
use crate::model::Mode;
use crate::scenario::Library;
use crate::store::data::{DataDir, Settings};

/// What a screen or widget asks the application to do; applied by [`CasesimApp::ui`] after
/// drawing, so that drawing code never changes shared state itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Load the library again from the same paths.
    Reload,
    /// Switch between the light and the dark theme.
    ToggleTheme,
    /// Show or hide the keyboard shortcuts.
    ToggleHelp,
    /// The start screen.
    ShowStart,
    /// The trainers' view: units, scenarios and the problems in their files.
    ShowLibrary,
    /// Begin a new attempt on the scenario at this position in the library.
    Start {
        scenario: usize,
        mode: Mode,
        seed: u64,
    },
    /// Open an unfinished attempt where it stood.
    Resume(PathBuf),
    /// The results of a handed-in attempt.
    ShowResults(PathBuf),
    /// Something went wrong that ends the current screen: back to the start, saying why.
    Fail(String),
}

/// The screen shown in the central part of the window.
pub enum Screen {
    /// The trainee's name, the scenarios, the mode, and the attempts begun.
    Start(StartScreen),
    /// A scenario being worked.
    Office(Box<OfficeScreen>),
    /// A handed-in attempt's judgement.
    Results(Box<ResultsScreen>),
    /// The loaded units and scenarios and their problems.
    Library(LibraryScreen),
}

impl std::fmt::Debug for Screen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.title())
    }
}

impl Screen {
    /// The name shown in the top bar.
    pub fn title(&self) -> &'static str {
        match self {
            Screen::Start(_) => "Start",
            Screen::Office(_) => "Office",
            Screen::Results(_) => "Results",
            Screen::Library(_) => "Scenario files",
        }
    }
}

/// A load running on a background thread.
struct Loading {
    receiver: Receiver<Library>,
}

/// Loading the library on a background thread, begun before there is a window (see
/// [`CasesimApp::preloaded`]).
pub struct Preload(Loading);

impl Preload {
    /// Start loading `paths`; `repaint` is asked to repaint when the library is ready.
    pub fn start(paths: Vec<PathBuf>, repaint: Option<egui::Context>) -> std::io::Result<Self> {
        let (sender, receiver) = mpsc::channel();
        std::thread::Builder::new()
            .name("casesim-load".to_owned())
            .spawn(move || {
                let library = Library::load(&paths);
                // The app may have been closed meanwhile; then nobody wants the library.
                let _ = sender.send(library);
                if let Some(ctx) = repaint {
                    ctx.request_repaint();
                }
            })?;
        Ok(Preload(Loading { receiver }))
    }
}

/// The casesim desktop application.
///
/// [`CasesimApp::ui`] draws everything into a [`egui::Ui`], so tests can drive it without a
/// window; the `eframe::App` impl only forwards to it.
pub struct CasesimApp {
    paths: Vec<PathBuf>,
    /// `None` only until the first load finishes.
    library: Option<Arc<Library>>,
    loading: Option<Loading>,
    /// Why the last load gave no library, if it failed.
    load_failure: Option<String>,
    screen: Screen,
    /// Where attempts are saved; `None` if no folder could be found.
    data: Option<DataDir>,
    settings: Settings,
    /// The settings as last saved, and when they last changed since.
    saved_settings: Settings,
    settings_changed: Option<Instant>,
    /// A problem with the data folder or the settings file, shown in the status line.
    data_problem: Option<String>,
    help: bool,
    /// Whether the first frame has run: the theme, fonts and settings are applied then.
    first_frame_done: bool,
}

impl CasesimApp {
    /// An app showing a library already loaded from `paths`, saving attempts in `data`.
    pub fn new(library: Library, paths: Vec<PathBuf>, data: Option<DataDir>) -> Self {
        let mut app = Self::empty(paths, data);
        app.library = Some(Arc::new(library));
        app
    }

    /// An app that loads its library from `paths` on a background thread, showing a spinner
    /// meanwhile. `ctx` is asked to repaint when the load is done.
    pub fn loading(paths: Vec<PathBuf>, data: Option<DataDir>, ctx: &egui::Context) -> Self {
        let mut app = Self::empty(paths, data);
        app.reload(ctx);
        app
    }

    fn empty(paths: Vec<PathBuf>, data: Option<DataDir>) -> Self {
        let (settings, problem) = match &data {
            Some(d) => d.load_settings(),
            None => (Settings::default(), None),
        };
        let screen = Screen::Start(StartScreen::new(data.as_ref()));
        CasesimApp {
            paths,
            library: None,
            loading: None,
            load_failure: None,
            screen,
            data,
            saved_settings: settings.clone(),
            settings,
            settings_changed: None,
            data_problem: problem,
            help: false,
            first_frame_done: false,
        }
    }

    /// The library shown, once loaded.
    pub fn library(&self) -> Option<&Library> {
        self.library.as_deref()
    }

    /// The paths the library is loaded from.
    pub fn paths(&self) -> &[PathBuf] {
        &self.paths
    }

    /// The current screen.
    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// The settings as they are now (saved soon after they change).
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Where attempts are saved.
    pub fn data(&self) -> Option<&DataDir> {
        self.data.as_ref()
    }

    /// Whether the keyboard shortcuts are shown.
    pub fn help_open(&self) -> bool {
        self.help
    }

    /// True while a load runs in the background.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Start loading the library again from the same paths, on a background thread. The library
    /// shown stays until the new one arrives. Does nothing if a load is already running.
    pub fn reload(&mut self, ctx: &egui::Context) {
        if self.loading.is_some() {
            return;
        }
        match Preload::start(self.paths.clone(), Some(ctx.clone())) {
            Ok(preload) => self.loading = Some(preload.0),
            // No thread to spare: load here, the window just pauses meanwhile.
            Err(_) => self.set_library(Library::load(&self.paths)),
        }
    }

    /// An app whose library is already loading (started before the window opened, so that
    /// it is usually ready for the first frame).
    pub fn preloaded(paths: Vec<PathBuf>, data: Option<DataDir>, preload: Preload) -> Self {
        let mut app = Self::empty(paths, data);
        app.loading = Some(preload.0);
        app
    }

    /// Draw the whole window into `ui` and apply what the user asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        self.receive_library();
        if !self.first_frame_done {
            self.first_frame_done = true;
            theme::apply(ui.ctx());
            if let Some(dark) = self.settings.dark {
                ui.ctx().set_theme(if dark {
                    egui::Theme::Dark
                } else {
                    egui::Theme::Light
                });
            }
            if self.settings.zoom.is_finite() && self.settings.zoom > 0.0 {
                ui.ctx().set_zoom_factor(self.settings.zoom.clamp(0.5, 3.0));
            }
        }

        let mut commands = Vec::new();
        if ui.input_mut(|i| {
            i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::R))
                | i.consume_key(Modifiers::NONE, Key::F5)
        }) {
            commands.push(Command::Reload);
        }
        if ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::F1)) {
            commands.push(Command::ToggleHelp);
        }
        if ui.input_mut(|i| {
            i.consume_shortcut(&KeyboardShortcut::new(
                Modifiers::COMMAND.plus(Modifiers::SHIFT),
                Key::L,
            ))
        }) {
            commands.push(Command::ToggleTheme);
        }

        let back = matches!(self.screen, Screen::Library(_));
        status::top_bar_ui(
            ui,
            self.screen.title(),
            back,
            self.is_loading(),
            &mut commands,
        );
        status::status_bar_ui(
            ui,
            self.library.as_deref(),
            &self.paths,
            self.is_loading(),
            self.load_failure
                .as_deref()
                .or(self.data_problem.as_deref()),
        );

        match (&self.library, &mut self.screen) {
            (None, _) => status::loading_ui(ui, self.load_failure.as_deref()),
            (Some(library), Screen::Library(screen)) => screen.ui(ui, library),
            (Some(library), Screen::Start(screen)) => screen.ui(
                ui,
                library,
                &mut self.settings.trainee,
                self.data.as_ref(),
                &mut commands,
            ),
            (Some(_), Screen::Office(office)) => office.ui(ui, &mut commands),
            (Some(_), Screen::Results(results)) => {
                egui::CentralPanel::default()
                    .show(ui, |ui| results.ui(ui, self.data.as_ref(), &mut commands));
            }
        }
        if self.help {
            help_ui(ui.ctx(), &mut commands);
        }

        for command in commands {
            self.apply(ui.ctx(), command);
        }
        if self.is_loading() {
            // Keep the spinner turning; the loader also asks for a repaint when it is done.
            ui.request_repaint();
        }
        self.remember(ui.ctx());
    }

    /// Note what the user changed (name, theme, zoom, window size) and save it once it has
    /// stayed the same for a moment.
    fn remember(&mut self, ctx: &egui::Context) {
        self.settings.dark = Some(ctx.theme() == egui::Theme::Dark);
        self.settings.zoom = ctx.zoom_factor();
        if let Some(rect) = ctx.input(|i| i.viewport().inner_rect) {
            self.settings.window = Some([rect.width().round(), rect.height().round()]);
        }
        if self.settings == self.saved_settings {
            self.settings_changed = None;
            return;
        }
        let since = *self.settings_changed.get_or_insert_with(Instant::now);
        let quiet = Duration::from_millis(600);
        if since.elapsed() >= quiet {
            self.save_settings();
        } else {
            ctx.request_repaint_after(quiet);
        }
    }

    /// Save the settings now if they changed (also called when the window closes).
    pub fn save_settings(&mut self) {
        if self.settings == self.saved_settings {
            return;
        }
        let Some(data) = &self.data else {
            return;
        };
        match data.save_settings(&self.settings) {
            Ok(()) => {
                self.saved_settings = self.settings.clone();
                self.settings_changed = None;
            }
            Err(e) => {
                self.data_problem = Some(format!(
                    "cannot save settings in {}: {e}",
                    data.root().display()
                ));
                // Do not retry every frame.
                self.saved_settings = self.settings.clone();
            }
        }
    }

    fn apply(&mut self, ctx: &egui::Context, command: Command) {
        if let Screen::Office(office) = &mut self.screen {
            // The office may be about to close: what is being typed is kept.
            office.flush_drafts();
        }
        match command {
            Command::Reload => self.reload(ctx),
            Command::ToggleTheme => {
                let theme = if ctx.theme() == egui::Theme::Dark {
                    egui::Theme::Light
                } else {
                    egui::Theme::Dark
                };
                ctx.set_theme(theme);
            }
            Command::ToggleHelp => self.help = !self.help,
            Command::ShowStart => self.screen = Screen::Start(StartScreen::new(self.data.as_ref())),
            Command::ShowLibrary => {
                if let Some(library) = &self.library {
                    self.screen = Screen::Library(LibraryScreen::new(library));
                }
            }
            Command::Start {
                scenario,
                mode,
                seed,
            } => {
                let (Some(library), Some(data)) = (&self.library, &self.data) else {
                    return;
                };
                match OfficeScreen::start(
                    Arc::clone(library),
                    scenario,
                    self.settings.trainee.trim(),
                    seed,
                    mode,
                    data,
                ) {
                    Ok(office) => self.screen = Screen::Office(Box::new(office)),
                    Err(e) => self.fail(e.to_string()),
                }
            }
            Command::Resume(path) => {
                let Some(library) = &self.library else {
                    return;
                };
                match OfficeScreen::resume(Arc::clone(library), &path) {
                    Ok(office) => self.screen = Screen::Office(Box::new(office)),
                    Err(e) => self.fail(e.to_string()),
                }
            }
            Command::ShowResults(path) => {
                let Some(library) = &self.library else {
                    return;
                };
                match ResultsScreen::open(Arc::clone(library), &path) {
                    Ok(results) => self.screen = Screen::Results(Box::new(results)),
                    Err(e) => self.fail(e),
                }
            }
            Command::Fail(why) => self.fail(why),
        }
    }

    /// Back to the start screen, saying why.
    fn fail(&mut self, why: String) {
        let mut start = StartScreen::new(self.data.as_ref());
        start.set_message(why);
        self.screen = Screen::Start(start);
    }

    /// Take the library from a finished background load, if any.
    fn receive_library(&mut self) {
        let Some(loading) = &self.loading else {
            return;
        };
        // Before the first screen, wait a moment for a load that is nearly done rather than
        // show "Loading…" for one frame: the window is not on screen yet anyway.
        let received = if self.library.is_none() && !self.first_frame_done {
            loading
                .receiver
                .recv_timeout(FIRST_FRAME_WAIT)
                .map_err(|e| match e {
                    mpsc::RecvTimeoutError::Timeout => TryRecvError::Empty,
                    mpsc::RecvTimeoutError::Disconnected => TryRecvError::Disconnected,
                })
        } else {
            loading.receiver.try_recv()
        };
        match received {
            Ok(library) => {
                self.loading = None;
                self.set_library(library);
            }
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => {
                self.loading = None;
                self.load_failure = Some(
                    "loading stopped unexpectedly (a bug in casesim); press Reload to try again"
                        .to_owned(),
                );
            }
        }
    }

    fn set_library(&mut self, library: Library) {
        if let Screen::Library(screen) = &mut self.screen {
            screen.library_changed(&library);
        }
        // An office or results screen keeps the library it began with.
        self.library = Some(Arc::new(library));
        self.load_failure = None;
    }
}

/// How long the first frame waits for the library to finish loading.
const FIRST_FRAME_WAIT: Duration = Duration::from_millis(200);

/// The keyboard shortcuts, in a window of their own (F1).
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("F1", "Show or hide these shortcuts"),
    ("Tab / Shift+Tab", "Move to the next / previous control"),
    (
        "Enter or Space",
        "Press the focused button, choose the focused option",
    ),
    (
        "Ctrl+1 … Ctrl+5",
        "Office: Work, Client file, Reference shelf, Inbox, Calendar",
    ),
    ("Alt+↓ / Alt+↑", "Office: the next / previous step"),
    ("Esc", "Close the reader or a dialog"),
    (
        "Ctrl+Plus / Ctrl+Minus / Ctrl+0",
        "Zoom in / out / back to 100%",
    ),
    (
        "Ctrl+Shift+L",
        "Switch between the light and the dark theme",
    ),
    ("Ctrl+R or F5", "Load the scenario files again"),
];

fn help_ui(ctx: &egui::Context, commands: &mut Vec<Command>) {
    let mut open = true;
    egui::Window::new("Keyboard shortcuts")
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                for (keys, what) in SHORTCUTS {
                    ui.label(egui::RichText::new(*keys).monospace());
                    ui.label(*what);
                    ui.end_row();
                }
            });
        });
    if !open {
        commands.push(Command::ToggleHelp);
    }
}

impl eframe::App for CasesimApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        CasesimApp::ui(self, ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        if let Screen::Office(office) = &mut self.screen {
            office.flush_drafts();
        }
        self.save_settings();
    }
}
