//! Small drawing helpers shared by the screens.

use egui::text::LayoutJob;
use egui::{Align, Button, FontSelection, Label, Layout, Response, RichText, TextStyle, Ui};

use super::theme;

/// A full-width entry of a list that can be selected: a real button (reachable with Tab,
/// activated with Enter or Space) whose text is `lines`, the first one strong.
///
/// Its accessible name is the lines joined with spaces, so it contains all the visible text.
pub fn list_item_ui(ui: &mut Ui, selected: bool, lines: &[RichText]) -> Response {
    let mut job = LayoutJob::default();
    let mut name = String::new();
    for (i, line) in lines.iter().enumerate() {
        let mut line = line.clone();
        if i == 0 {
            line = line.strong();
        } else {
            RichText::new("\n").append_to(&mut job, ui.style(), FontSelection::Default, Align::Min);
            name.push(' ');
        }
        name.push_str(line.text());
        line.append_to(&mut job, ui.style(), FontSelection::Default, Align::Min);
    }
    ui.with_layout(Layout::top_down_justified(Align::Min), |ui| {
        ui.add(Button::selectable(selected, job).wrap())
            .accessible_name(name)
    })
    .inner
}

/// A section heading with space above it.
pub fn section_heading_ui(ui: &mut Ui, text: &str) {
    ui.add_space(theme::SECTION_GAP);
    ui.label(RichText::new(text).size(theme::SECTION_TEXT_SIZE).strong());
    ui.add_space(theme::HEADING_GAP / 2.0);
}

/// `id` in a fixed-width monospace column, `text` wrapped beside it.
pub fn id_text_row_ui(ui: &mut Ui, id_width: f32, id: &str, text: impl Into<RichText>) {
    ui.horizontal_top(|ui| {
        let shown = ui.label(RichText::new(id).monospace().weak());
        let pad = (id_width - shown.rect.width()).max(0.0);
        ui.add_space(pad + theme::ID_TEXT_GAP - ui.spacing().item_spacing.x);
        ui.add(Label::new(text.into()).wrap());
    });
}

/// The width of the widest of `ids` in the monospace font.
pub fn id_column_width<'a>(ui: &Ui, ids: impl IntoIterator<Item = &'a str>) -> f32 {
    ids.into_iter()
        .map(|id| {
            egui::WidgetText::from(RichText::new(id).monospace())
                .into_galley(
                    ui,
                    Some(egui::TextWrapMode::Extend),
                    f32::INFINITY,
                    TextStyle::Monospace,
                )
                .size()
                .x
        })
        .fold(0.0, f32::max)
}

/// A label: `name` weak, then `value`; nothing when `value` is empty.
pub fn field_ui(ui: &mut Ui, name: &str, value: &str) {
    if value.trim().is_empty() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("{name}:")).weak());
        ui.label(value);
    });
}

/// The initials of a name: the first letters of its first and last words ("Mary Ann Lee" →
/// "ML").
pub fn initials(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let first = words.first().and_then(|w| w.chars().next());
    let last = if words.len() > 1 {
        words.last().and_then(|w| w.chars().next())
    } else {
        None
    };
    first
        .into_iter()
        .chain(last)
        .flat_map(char::to_uppercase)
        .collect()
}

/// A person's initials in a circle of diameter `size` (the portrait when there is none). Its
/// hover text is the name.
pub fn initials_ui(ui: &mut Ui, name: &str, size: f32) -> Response {
    let (rect, response) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    let painter = ui.painter();
    painter.circle_filled(rect.center(), size / 2.0, theme::avatar_fill(ui.visuals()));
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        initials(name),
        egui::FontId::proportional(size * theme::AVATAR_TEXT_RATIO),
        theme::avatar_text(ui.visuals()),
    );
    response.on_hover_text(name.to_owned())
}

/// Keep text to a comfortable reading width, never wider than the space there is.
pub fn reading_width(ui: &mut Ui) {
    ui.set_max_width(ui.available_width().min(theme::READING_WIDTH));
}

#[cfg(test)]
mod tests {
    use super::initials;

    #[test]
    fn initials_are_the_first_letters_of_the_first_and_last_words() {
        assert_eq!(initials("Bà Lan"), "BL");
        assert_eq!(initials("Nguyễn Thị Lan"), "NL");
        assert_eq!(initials("amina"), "A");
        assert_eq!(initials(""), "");
    }
}
