//! The bars around every screen: the top bar (title, Reload, theme) and the status line
//! (file and problem counts, the data paths), and the placeholder shown while loading.

use std::path::PathBuf;

use egui::{Align, Button, Layout, Panel, RichText, Spinner, Ui};

use super::app::Command;
use super::theme;
use crate::scenario::{Library, Summary};

/// The text shown while scenarios load.
pub const LOADING_TEXT: &str = "Loading scenarios…";

/// The top bar: app name, screen title, Back to start (where `back`), and the Reload and theme
/// buttons.
pub fn top_bar_ui(
    ui: &mut Ui,
    screen_title: &str,
    back: bool,
    loading: bool,
    commands: &mut Vec<Command>,
) {
    Panel::top("top-bar")
        .frame(egui::Frame::side_top_panel(ui.style()).inner_margin(theme::BAR_MARGIN))
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading("casesim");
                ui.separator();
                ui.label(RichText::new(screen_title).strong());
                if back && ui.button("Back to start").clicked() {
                    commands.push(Command::ShowStart);
                }
                ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                    let theme_label = if ui.visuals().dark_mode {
                        "Light mode"
                    } else {
                        "Dark mode"
                    };
                    if ui
                        .button(theme_label)
                        .on_hover_text("Switch between the light and the dark theme")
                        .clicked()
                    {
                        commands.push(Command::ToggleTheme);
                    }
                    if ui
                        .button("Shortcuts")
                        .on_hover_text("The keyboard shortcuts (F1)")
                        .clicked()
                    {
                        commands.push(Command::ToggleHelp);
                    }
                    let reload = ui
                        .add_enabled(!loading, Button::new("Reload"))
                        .on_hover_text("Load the units and scenarios again from disk (Ctrl+R, F5)");
                    if reload.clicked() {
                        commands.push(Command::Reload);
                    }
                });
            });
        });
}

/// The status line: "N files, E errors, W warnings", the paths loaded, and a spinner while a
/// load runs.
pub fn status_bar_ui(
    ui: &mut Ui,
    library: Option<&Library>,
    paths: &[PathBuf],
    loading: bool,
    load_failure: Option<&str>,
) {
    Panel::bottom("status-bar")
        .frame(egui::Frame::side_top_panel(ui.style()).inner_margin(theme::BAR_MARGIN))
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                if let Some(library) = library {
                    let summary = Summary::of(library.files, &library.diagnostics);
                    let color = if summary.errors > 0 {
                        theme::error_color(ui.visuals())
                    } else if summary.warnings > 0 {
                        theme::warning_color(ui.visuals())
                    } else {
                        ui.visuals().text_color()
                    };
                    ui.label(RichText::new(summary.to_string()).color(color));
                    ui.separator();
                }
                ui.label(RichText::new("Data:").weak());
                ui.label(paths_text(paths));
                // Before the first load the spinner is in the middle of the window.
                if loading && library.is_some() {
                    ui.separator();
                    ui.add(Spinner::new());
                    ui.label(LOADING_TEXT);
                }
                if let Some(failure) = load_failure {
                    ui.separator();
                    ui.colored_label(theme::error_color(ui.visuals()), failure);
                }
            });
        });
}

/// The central placeholder until the first load finishes.
pub fn loading_ui(ui: &mut Ui, load_failure: Option<&str>) {
    egui::CentralPanel::default().show(ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(ui.available_height() / 3.0);
            match load_failure {
                Some(failure) => {
                    ui.colored_label(theme::error_color(ui.visuals()), failure);
                }
                None => {
                    ui.add(Spinner::new().size(theme::SPINNER_SIZE));
                    ui.label(LOADING_TEXT);
                }
            }
        });
    });
}

/// The paths loaded, as shown: "scenarios, extra/my-scenario.ron".
pub fn paths_text(paths: &[PathBuf]) -> String {
    if paths.is_empty() {
        return "(none)".to_owned();
    }
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
