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
mod steps;
mod status;
pub mod theme;
mod widgets;
pub mod work;

use std::path::PathBuf;

pub use app::{CasesimApp, Command, SHORTCUTS, Screen};
pub use library::{LibraryScreen, Selection};
pub use status::LOADING_TEXT;

/// The window title.
pub const WINDOW_TITLE: &str = "casesim";

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
            theme::apply(&cc.egui_ctx);
            Ok(Box::new(CasesimApp::loading(paths, data, &cc.egui_ctx)))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the casesim window: {e}"))
}
