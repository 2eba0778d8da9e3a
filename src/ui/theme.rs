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
/// The office's task list.
pub const TASK_PANEL_WIDTH: f32 = 330.0;
/// Progress bars in the task list.
pub const PROGRESS_HEIGHT: f32 = 14.0;
/// A field for a short number ("day").
pub const SHORT_FIELD_WIDTH: f32 = 70.0;
/// Confirmation dialogs.
pub const DIALOG_WIDTH: f32 = 420.0;
/// The circle with the client's initials in the client file.
pub const INITIALS_SIZE: f32 = 44.0;
/// The start screen's scenario cards.
pub const START_LIST_WIDTH: f32 = 460.0;

/// Text colour for errors ("error", the error count).
/// The mode badge: practice (green) or assessment (amber).
pub fn mode_color(visuals: &Visuals, practice: bool) -> Color32 {
    if practice {
        ok_color(visuals)
    } else {
        warning_color(visuals)
    }
}

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

/// DejaVu Sans (see `assets/fonts/DejaVuSans-LICENSE.txt`): the fallback for letters and
/// symbols egui's own font lacks, e.g. Vietnamese "ở" in a client's name, arrows, check marks.
const FALLBACK_FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// Add the fallback font after egui's own, for both text families.
pub fn install_fonts(ctx: &egui::Context) {
    use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
    ctx.add_font(FontInsert::new(
        "DejaVuSans",
        egui::FontData::from_static(FALLBACK_FONT),
        vec![
            InsertFontFamily {
                family: egui::FontFamily::Proportional,
                priority: FontPriority::Lowest,
            },
            InsertFontFamily {
                family: egui::FontFamily::Monospace,
                priority: FontPriority::Lowest,
            },
        ],
    ));
}

/// The fonts, and small style adjustments on top of egui's default, for both themes.
pub fn apply(ctx: &egui::Context) {
    install_fonts(ctx);
    ctx.all_styles_mut(|style| {
        style.spacing.item_spacing = egui::vec2(8.0, ITEM_GAP);
        style.spacing.button_padding = egui::vec2(8.0, 4.0);
    });
}

// ---------------------------------------------------------------------------------------------
// The step panels of the office

/// Width of a one-line text field of a form.
pub const FIELD_WIDTH: f32 = 360.0;
/// Width of a text field for a number or a time in a step panel (a quantity, a day, "10:00").
pub const NUMBER_FIELD_WIDTH: f32 = 90.0;
/// Rows shown by a text field of several lines.
pub const TEXT_AREA_ROWS: usize = 4;
/// Space between the fields of a form or the questions of a set.
pub const FIELD_GAP: f32 = 12.0;
/// Inner margin of a chat bubble and of the hint box.
pub const BUBBLE_MARGIN: i8 = 8;
/// Corner radius of a chat bubble.
pub const BUBBLE_RADIUS: u8 = 10;
/// A chat bubble takes at most this fraction of the panel's width.
pub const BUBBLE_WIDTH_FRACTION: f32 = 0.75;
/// Diameter of the circle with the client's initials.
pub const AVATAR_SIZE: f32 = 30.0;
/// Text size of the client's initials.
pub const AVATAR_TEXT_SIZE: f32 = 13.0;
/// Initials' text size as a share of their circle.
pub const AVATAR_TEXT_RATIO: f32 = AVATAR_TEXT_SIZE / AVATAR_SIZE;
/// Width of the rapport and trust bars.
pub const METER_WIDTH: f32 = 180.0;

/// Fill of the client's chat bubbles.
pub fn client_bubble_fill(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(48, 52, 60)
    } else {
        Color32::from_rgb(236, 238, 242)
    }
}

/// Fill of the trainee's chat bubbles.
pub fn trainee_bubble_fill(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(28, 66, 102)
    } else {
        Color32::from_rgb(214, 232, 252)
    }
}

/// Fill of the circle with the client's initials.
pub fn avatar_fill(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(110, 86, 150)
    } else {
        Color32::from_rgb(120, 90, 170)
    }
}

/// The client's initials on [`avatar_fill`].
pub fn avatar_text(_visuals: &Visuals) -> Color32 {
    Color32::WHITE
}

/// Background of the practice-mode hint and feedback box.
pub fn hint_background(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(30, 50, 44)
    } else {
        Color32::from_rgb(232, 246, 238)
    }
}
