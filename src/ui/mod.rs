//! The desktop window: the only place egui and eframe appear.
//!
//! [`run`] opens the window; [`CasesimApp`] holds the state and draws into any [`egui::Ui`], so
//! tests drive it with `egui_kittest` without a window.

mod app;
mod details;
mod library;
pub mod office;
mod problems;
pub mod results;
pub mod start;
mod status;
mod steps;
pub mod theme;
mod widgets;
pub mod work;

use std::path::PathBuf;

pub use app::{CasesimApp, Command, Preload, SHORTCUTS, Screen};
pub use library::{LibraryScreen, Selection};
pub use status::LOADING_TEXT;

/// The window title.
pub const WINDOW_TITLE: &str = "casesim";

/// When this environment variable is set, the window closes itself after its first frame with
/// the library loaded (used to measure the time from launch to the first screen).
pub const EXIT_AFTER_FIRST_FRAME_ENV: &str = "CASESIM_EXIT_AFTER_FIRST_FRAME";

/// Open the casesim window on the units and scenarios under `paths` (files or folders), and
/// return when it is closed.
pub fn run(paths: Vec<PathBuf>) -> anyhow::Result<()> {
    let data = crate::store::data::DataDir::locate()
        .map_err(|e| eprintln!("casesim: {e}; attempts cannot be saved"))
        .ok();
    // The window opens at the size it had when last closed.
    let size = data
        .as_ref()
        .and_then(|d| d.load_settings().0.window)
        .filter(|[w, h]| w.is_finite() && h.is_finite() && *w >= 640.0 && *h >= 420.0)
        .unwrap_or([1200.0, 800.0]);
    // Load while the window opens: it is usually ready for the first frame.
    let preload = app::Preload::start(paths.clone(), None);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(WINDOW_TITLE)
            .with_app_id(WINDOW_TITLE)
            .with_inner_size(size)
            .with_min_inner_size([640.0, 420.0]),
        ..Default::default()
    };
    eframe::run_native(
        WINDOW_TITLE,
        options,
        Box::new(move |cc| {
            let app = match preload {
                Ok(preload) => CasesimApp::preloaded(paths, data, preload),
                Err(_) => CasesimApp::loading(paths, data, &cc.egui_ctx),
            };
            let app: Box<dyn eframe::App> =
                if std::env::var_os(EXIT_AFTER_FIRST_FRAME_ENV).is_some() {
                    Box::new(ExitAfterFirstFrame {
                        app,
                        closing: false,
                    })
                } else {
                    Box::new(app)
                };
            Ok(app)
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the casesim window: {e}"))
}

/// The app, closing the window after the first frame drawn with the library loaded.
struct ExitAfterFirstFrame {
    app: CasesimApp,
    closing: bool,
}

impl eframe::App for ExitAfterFirstFrame {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.app.ui(ui);
        if !self.closing && self.app.library().is_some() {
            self.closing = true;
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn on_exit(&mut self, gl: Option<&eframe::glow::Context>) {
        eframe::App::on_exit(&mut self.app, gl);
    }
}
