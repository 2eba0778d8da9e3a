//! Every colour and spacing constant of the window, in one place.
//!
//! Colours come in a light and a dark variant and are picked from the current
//! [`egui::Visuals`], so both themes stay readable; the rest of the style is egui's default,
//! which follows the system theme.

use egui::{Color32, Visuals};

/// Default width of the left panel listing units and scenarios.
pub const SIDE_PANEL_WIDTH: f32 = 360.0;
/// The left panel never gets narrower than this.
pub const SIDE_PANEL_MIN_WIDTH: f32 = 240.0;
/// The left panel never gets wider than this.
pub const SIDE_PANEL_MAX_WIDTH: f32 = 560.0;
/// The central panel's text never gets wider than this, so that long lines stay readable.
pub const READING_WIDTH: f32 = 900.0;

/// Space between sections (elements, critical aspects, range…).
pub const SECTION_GAP: f32 = 18.0;
/// Space between items of a list (criteria, problems, list entries).
pub const ITEM_GAP: f32 = 6.0;
/// Space between a heading and what it heads.
pub const HEADING_GAP: f32 = 8.0;
/// Gap between an id column and the text beside it.
pub const ID_TEXT_GAP: f32 = 12.0;
/// Indent of the criteria under their element.
pub const INDENT: f32 = 14.0;
/// Inner margin of a problem card and of the highlighted problems button.
pub const CARD_MARGIN: i8 = 10;
/// Corner radius of cards.
pub const CARD_RADIUS: u8 = 6;
/// Inner margin of the top and bottom bars.
pub const BAR_MARGIN: i8 = 8;
/// Text size of section headings ("Elements and performance criteria").
pub const SECTION_TEXT_SIZE: f32 = 17.0;
/// Text size of the title of the item shown.
pub const TITLE_TEXT_SIZE: f32 = 22.0;
/// Size of the spinner shown while loading.
pub const SPINNER_SIZE: f32 = 28.0;

/// Text colour for errors ("error", the error count).
pub fn error_color(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(255, 120, 110)
    } else {
        Color32::from_rgb(176, 24, 24)
    }
}

/// Text colour for warnings.
pub fn warning_color(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(245, 190, 70)
    } else {
        Color32::from_rgb(138, 82, 0)
    }
}

/// Text colour for "all clear" messages.
pub fn ok_color(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(120, 210, 140)
    } else {
        Color32::from_rgb(20, 110, 50)
    }
}

/// Background of an error card.
pub fn error_background(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(70, 28, 28)
    } else {
        Color32::from_rgb(253, 234, 232)
    }
}

/// Background of a warning card.
pub fn warning_background(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(64, 50, 18)
    } else {
        Color32::from_rgb(253, 244, 222)
    }
}

/// Fill of the problems button when there are errors: it must stand out from the list.
pub fn error_button_fill(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(150, 36, 36)
    } else {
        Color32::from_rgb(176, 24, 24)
    }
}

/// Fill of the problems button when there are warnings only.
pub fn warning_button_fill(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(120, 86, 10)
    } else {
        Color32::from_rgb(250, 226, 170)
    }
}

/// Text on [`error_button_fill`].
pub fn error_button_text(_visuals: &Visuals) -> Color32 {
    Color32::WHITE
}

/// Text on [`warning_button_fill`].
pub fn warning_button_text(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::WHITE
    } else {
        Color32::from_rgb(70, 40, 0)
    }
}

/// Small style adjustments on top of egui's default, for both themes.
pub fn apply(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| {
        style.spacing.item_spacing = egui::vec2(8.0, ITEM_GAP);
        style.spacing.button_padding = egui::vec2(8.0, 4.0);
    });
}
