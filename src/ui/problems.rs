//! The problems found while loading: the button that leads to them and the list itself.

use egui::{Align, Button, Frame, Label, Layout, RichText, ScrollArea, Stroke, TextWrapMode, Ui};

use super::library::Selection;
use super::theme;
use crate::scenario::{Diagnostic, Library, Severity};

/// The text of the problems button: "Problems: 1 error, 2 warnings" or "Problems: none".
fn problems_button_text(library: &Library) -> String {
    let (errors, warnings) = (library.errors(), library.warnings());
    if errors + warnings == 0 {
        return "Problems: none".to_owned();
    }
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    format!(
        "Problems: {}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

/// A full-width button selecting the problems list; filled red when there are errors and amber
/// when there are warnings only, so they are seen without hunting.
pub fn problems_button_ui(ui: &mut Ui, library: &Library, selection: &mut Selection) {
    let selected = *selection == Selection::Problems;
    let visuals = ui.visuals().clone();
    let text = RichText::new(problems_button_text(library)).strong();
    let button = if library.errors() > 0 {
        Button::new(text.color(theme::error_button_text(&visuals)))
            .fill(theme::error_button_fill(&visuals))
    } else if library.warnings() > 0 {
        Button::new(text.color(theme::warning_button_text(&visuals)))
            .fill(theme::warning_button_fill(&visuals))
    } else {
        Button::new(text)
    };
    let button = if selected {
        button
            .selected(true)
            .stroke(Stroke::new(2.0, visuals.strong_text_color()))
    } else {
        button
    };
    let clicked = ui
        .with_layout(Layout::top_down_justified(Align::Min), |ui| {
            ui.add(button.wrap()).clicked()
        })
        .inner;
    if clicked {
        *selection = Selection::Problems;
    }
}

/// The list of every diagnostic, errors first.
pub fn problems_ui(ui: &mut Ui, library: &Library) {
    ui.label(
        RichText::new("Problems")
            .size(theme::TITLE_TEXT_SIZE)
            .strong(),
    );
    ui.add(
        Label::new(
            RichText::new(
                "A file with errors is left out until it is fixed; warnings do not stop a file \
                 from loading. Fix the files, then press Reload.",
            )
            .weak(),
        )
        .wrap(),
    );
    ui.add_space(theme::HEADING_GAP);

    if library.diagnostics.is_empty() {
        ui.colored_label(
            theme::ok_color(ui.visuals()),
            "No problems found: every file loaded cleanly.",
        );
        return;
    }

    let mut diagnostics: Vec<&Diagnostic> = library.diagnostics.iter().collect();
    diagnostics.sort_by_key(|d| d.severity);
    for (index, diagnostic) in diagnostics.into_iter().enumerate() {
        diagnostic_ui(ui, index, diagnostic);
        ui.add_space(theme::ITEM_GAP);
    }
}

/// `path:line:col`, as the problem list and the terminal show it.
pub fn location(diagnostic: &Diagnostic) -> String {
    format!(
        "{}:{}:{}",
        diagnostic.path.display(),
        diagnostic.line,
        diagnostic.column
    )
}

fn diagnostic_ui(ui: &mut Ui, index: usize, diagnostic: &Diagnostic) {
    let visuals = ui.visuals().clone();
    let (color, background) = match diagnostic.severity {
        Severity::Error => (
            theme::error_color(&visuals),
            theme::error_background(&visuals),
        ),
        Severity::Warning => (
            theme::warning_color(&visuals),
            theme::warning_background(&visuals),
        ),
    };
    Frame::new()
        .fill(background)
        .inner_margin(theme::CARD_MARGIN)
        .corner_radius(theme::CARD_RADIUS)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(diagnostic.severity.as_str())
                        .color(color)
                        .strong(),
                );
                ui.label(RichText::new(format!("[{}]", diagnostic.code)).monospace());
                ui.label(RichText::new(location(diagnostic)).monospace());
            });
            ui.add(Label::new(RichText::new(&diagnostic.message).strong()).wrap());
            if let Some(snippet) = snippet(diagnostic) {
                ScrollArea::horizontal()
                    .id_salt(("snippet", index))
                    .show(ui, |ui| {
                        ui.add(
                            Label::new(RichText::new(snippet).monospace())
                                .wrap_mode(TextWrapMode::Extend),
                        );
                    });
            }
            if let Some(help) = &diagnostic.help {
                ui.add(Label::new(format!("help: {help}")).wrap());
            }
            for note in &diagnostic.notes {
                ui.add(Label::new(RichText::new(format!("note: {note}")).weak()).wrap());
            }
        });
}

/// The source line with the span underlined, like rustc:
///
/// ```text
/// 3 |     titel: "x",
///   |     ^^^^^
/// ```
fn snippet(diagnostic: &Diagnostic) -> Option<String> {
    if diagnostic.source_line.is_empty() {
        return None;
    }
    let number = diagnostic.line.to_string();
    let pad = " ".repeat(number.len());
    let shown = diagnostic.source_line.replace('\t', " ");
    let start = diagnostic.column.saturating_sub(1);
    let width = if diagnostic.end_line == diagnostic.line {
        diagnostic.end_column.saturating_sub(diagnostic.column)
    } else {
        shown.chars().count().saturating_sub(start)
    }
    .max(1);
    Some(format!(
        "{number} | {shown}\n{pad} | {}{}",
        " ".repeat(start),
        "^".repeat(width)
    ))
}
