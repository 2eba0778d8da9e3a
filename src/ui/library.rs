//! The library overview: units and scenarios listed on the left, the one selected (or the
//! problems found while loading) in the middle.

use egui::{Panel, RichText, ScrollArea, Ui};

use super::{details, problems, theme, widgets};
use crate::scenario::Library;

/// What the central panel of the library screen shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Selection {
    /// The diagnostics found while loading.
    #[default]
    Problems,
    /// The unit with this id.
    Unit(String),
    /// The scenario with this id.
    Scenario(String),
}

impl Selection {
    /// What to show first: the problems when there are errors, else the first scenario, else
    /// the first unit.
    pub fn first(library: &Library) -> Self {
        if library.errors() > 0 {
            Selection::Problems
        } else if let Some(scenario) = library.scenarios.first() {
            Selection::Scenario(scenario.id().to_owned())
        } else if let Some(unit) = library.units.first() {
            Selection::Unit(unit.id.clone())
        } else {
            Selection::Problems
        }
    }

    /// True when what it names is in `library`.
    pub fn exists_in(&self, library: &Library) -> bool {
        match self {
            Selection::Problems => true,
            Selection::Unit(id) => library.unit(id).is_some(),
            Selection::Scenario(id) => library.scenario(id).is_some(),
        }
    }
}

/// The library overview screen.
#[derive(Debug, Default)]
pub struct LibraryScreen {
    selection: Selection,
}

impl LibraryScreen {
    /// The screen for a freshly loaded library, showing [`Selection::first`].
    pub fn new(library: &Library) -> Self {
        LibraryScreen {
            selection: Selection::first(library),
        }
    }

    /// What is selected.
    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    /// Keep the selection across a reload when it still exists (and, for the problems, when
    /// there still are some); otherwise start over with [`Selection::first`].
    pub fn library_changed(&mut self, library: &Library) {
        let problems_gone = self.selection == Selection::Problems && library.diagnostics.is_empty();
        if problems_gone || !self.selection.exists_in(library) {
            self.selection = Selection::first(library);
        }
    }

    /// Draw the list panel and the central panel.
    pub fn ui(&mut self, ui: &mut Ui, library: &Library) {
        Panel::left("library-list")
            .resizable(true)
            .default_size(theme::SIDE_PANEL_WIDTH)
            .min_size(theme::SIDE_PANEL_MIN_WIDTH)
            .max_size(theme::SIDE_PANEL_MAX_WIDTH)
            .show(ui, |ui| {
                ScrollArea::vertical()
                    .id_salt("library-list-scroll")
                    .auto_shrink([false, false])
                    .show(ui, |ui| self.list_ui(ui, library));
            });

        egui::CentralPanel::default().show(ui, |ui| {
            ScrollArea::vertical()
                .id_salt(("detail", &self.selection))
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    ui.set_max_width(ui.available_width().min(theme::READING_WIDTH));
                    if let Some(selected) = self.detail_ui(ui, library) {
                        self.selection = selected;
                    }
                });
        });
    }

    /// The central panel's content; returns a new selection when a link is followed.
    fn detail_ui(&self, ui: &mut Ui, library: &Library) -> Option<Selection> {
        match &self.selection {
            Selection::Problems => {
                problems::problems_ui(ui, library);
                None
            }
            Selection::Unit(id) => match library.unit(id) {
                Some(unit) => {
                    details::unit_ui(ui, unit);
                    None
                }
                None => Some(Selection::first(library)),
            },
            Selection::Scenario(id) => match library.scenario(id) {
                Some(scenario) => details::scenario_ui(ui, scenario, library),
                None => Some(Selection::first(library)),
            },
        }
    }

    fn list_ui(&mut self, ui: &mut Ui, library: &Library) {
        ui.add_space(theme::ITEM_GAP);
        problems::problems_button_ui(ui, library, &mut self.selection);

        widgets::section_heading_ui(ui, &format!("Units ({})", library.units.len()));
        if library.units.is_empty() {
            ui.label(RichText::new("No units loaded.").weak());
        }
        for unit in &library.units {
            let selected = matches!(&self.selection, Selection::Unit(id) if *id == unit.id);
            let lines = [RichText::new(&unit.id), RichText::new(&unit.title)];
            if widgets::list_item_ui(ui, selected, &lines).clicked() {
                self.selection = Selection::Unit(unit.id.clone());
            }
        }

        widgets::section_heading_ui(ui, &format!("Scenarios ({})", library.scenarios.len()));
        if library.scenarios.is_empty() {
            ui.label(
                RichText::new("No scenarios loaded yet. Add scenario files and press Reload.")
                    .weak(),
            );
        }
        for scenario in &library.scenarios {
            let selected =
                matches!(&self.selection, Selection::Scenario(id) if id == scenario.id());
            let file = scenario.file();
            let mut about = vec![scenario.unit_ids().collect::<Vec<_>>().join(", ")];
            if !file.client.name.value.is_empty() {
                about.push(format!("Client: {}", file.client.name.value));
            }
            let mut lines = vec![
                RichText::new(scenario.title()),
                RichText::new(about.join(" · ")),
            ];
            if !file.setting.value.is_empty() {
                lines.push(RichText::new(&file.setting.value));
            }
            if widgets::list_item_ui(ui, selected, &lines).clicked() {
                self.selection = Selection::Scenario(scenario.id().to_owned());
            }
        }
        ui.add_space(theme::SECTION_GAP);
    }
}
