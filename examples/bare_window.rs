//! A bare eframe window, the yardstick for casesim's cold start (`benches/startup.rs`): the same
//! window options as casesim's (glow, a title, 1200×800), one label, and it closes itself after
//! its first frame.
//!
//! `cargo run --release --example bare_window`

/// Draws one label and closes the window after the first frame.
struct Bare {
    closing: bool,
}

impl eframe::App for Bare {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.label("A bare eframe window");
        });
        if !self.closing {
            self.closing = true;
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}

fn main() -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("bare window")
            .with_app_id("bare_window")
            .with_inner_size([1200.0, 800.0])
            .with_min_inner_size([640.0, 420.0]),
        ..Default::default()
    };
    eframe::run_native(
        "bare window",
        options,
        Box::new(|_cc| Ok(Box::new(Bare { closing: false }))),
    )
}
