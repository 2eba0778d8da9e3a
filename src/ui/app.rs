//! The application: the loaded [`Library`], the current [`Screen`], and the one place where
//! commands from the screens are applied.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};

use egui::{Key, KeyboardShortcut, Modifiers};

use super::library::LibraryScreen;
use super::status;
use crate::scenario::Library;

/// What a screen or widget asks the application to do; applied by [`CasesimApp::ui`] after
/// drawing, so that drawing code never changes shared state itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Load the library again from the same paths.
    Reload,
    /// Switch between the light and the dark theme.
    ToggleTheme,
}

/// The screen shown in the central part of the window.
#[derive(Debug)]
pub enum Screen {
    /// The loaded units and scenarios and their problems.
    Library(LibraryScreen),
}

impl Screen {
    /// The name shown in the top bar.
    pub fn title(&self) -> &'static str {
        match self {
            Screen::Library(_) => "Library",
        }
    }
}

/// A load running on a background thread.
struct Loading {
    receiver: Receiver<Library>,
}

/// The casesim desktop application.
///
/// [`CasesimApp::ui`] draws everything into a [`egui::Ui`], so tests can drive it without a
/// window; the `eframe::App` impl only forwards to it.
pub struct CasesimApp {
    paths: Vec<PathBuf>,
    /// `None` only until the first load finishes.
    library: Option<Library>,
    loading: Option<Loading>,
    /// Why the last load gave no library, if it failed.
    load_failure: Option<String>,
    screen: Screen,
}

impl CasesimApp {
    /// An app showing a library already loaded from `paths` (used again by Reload).
    pub fn new(library: Library, paths: Vec<PathBuf>) -> Self {
        let screen = Screen::Library(LibraryScreen::new(&library));
        CasesimApp {
            paths,
            library: Some(library),
            loading: None,
            load_failure: None,
            screen,
        }
    }

    /// An app that loads its library from `paths` on a background thread, showing a spinner
    /// meanwhile. `ctx` is asked to repaint when the load is done.
    pub fn loading(paths: Vec<PathBuf>, ctx: &egui::Context) -> Self {
        let mut app = CasesimApp {
            paths,
            library: None,
            loading: None,
            load_failure: None,
            screen: Screen::Library(LibraryScreen::default()),
        };
        app.reload(ctx);
        app
    }

    /// The library shown, once loaded.
    pub fn library(&self) -> Option<&Library> {
        self.library.as_ref()
    }

    /// The paths the library is loaded from.
    pub fn paths(&self) -> &[PathBuf] {
        &self.paths
    }

    /// The current screen.
    pub fn screen(&self) -> &Screen {
        &self.screen
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
        let (sender, receiver) = mpsc::channel();
        let paths = self.paths.clone();
        let repaint = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("casesim-load".to_owned())
            .spawn(move || {
                let library = Library::load(&paths);
                // The app may have been closed meanwhile; then nobody wants the library.
                let _ = sender.send(library);
                repaint.request_repaint();
            });
        match spawned {
            Ok(_) => self.loading = Some(Loading { receiver }),
            // No thread to spare: load here, the window just pauses meanwhile.
            Err(_) => self.set_library(Library::load(&self.paths)),
        }
    }

    /// Draw the whole window into `ui` and apply what the user asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        self.receive_library();

        let mut commands = Vec::new();
        if ui.input_mut(|i| {
            i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::R))
                | i.consume_key(Modifiers::NONE, Key::F5)
        }) {
            commands.push(Command::Reload);
        }

        status::top_bar_ui(ui, self.screen.title(), self.is_loading(), &mut commands);
        status::status_bar_ui(
            ui,
            self.library.as_ref(),
            &self.paths,
            self.is_loading(),
            self.load_failure.as_deref(),
        );

        match (&self.library, &mut self.screen) {
            (None, _) => status::loading_ui(ui, self.load_failure.as_deref()),
            (Some(library), Screen::Library(screen)) => screen.ui(ui, library),
        }

        for command in commands {
            self.apply(ui.ctx(), command);
        }
        if self.is_loading() {
            // Keep the spinner turning; the loader also asks for a repaint when it is done.
            ui.request_repaint();
        }
    }

    fn apply(&mut self, ctx: &egui::Context, command: Command) {
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
        }
    }

    /// Take the library from a finished background load, if any.
    fn receive_library(&mut self) {
        let Some(loading) = &self.loading else {
            return;
        };
        match loading.receiver.try_recv() {
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
        match &mut self.screen {
            Screen::Library(screen) => screen.library_changed(&library),
        }
        self.library = Some(library);
        self.load_failure = None;
    }
}

impl eframe::App for CasesimApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        CasesimApp::ui(self, ui);
    }
}
