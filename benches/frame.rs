//! Frame time of the office, the busiest part of the window (`cargo bench --bench frame`).
//!
//! Setup (untimed): the bundled scenarios are loaded, and `SCENARIO`'s model answer
//! (`tests/scripts/<id>.model.ron`, its variations filled in for `SEED`) is played into a
//! practice attempt file in a fresh data folder, every action but the hand-in. The app is then
//! built as the UI tests build it, in a 1280×900 `egui_kittest` harness, and the attempt is
//! opened from the start screen's "Resume: …" button, exactly where it stood: every dialogue
//! transcript, the inbox, the calendar and the practice bar full. The longest document is opened
//! in the reader, which stays open beside every screen.
//!
//! Timed: one frame of each of several office screens, with no input (the window sitting
//! there): `Harness::step` (the app's `ui`, layout, and kittest's AccessKit update, which the
//! real window skips unless a screen reader asks) followed by tessellating the frame's shapes
//! as eframe does before painting. No GPU work. Criterion reports each screen's wall time;
//! the summary after it gives the median and 95th percentile of `FRAMES` frames per screen by
//! process CPU time (`CLOCK_PROCESS_CPUTIME_ID`, nanoseconds) and names the busiest screen.
//! Target: the busiest screen's median under 4 ms. Nothing is asserted: this measures.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

mod common;
use common::median;

use casesim::model::attempt::new_attempt;
use casesim::model::{Action, Mode};
use casesim::scenario::Library;
use casesim::scenario::raw::StepKind;
use casesim::sim::Session;
use casesim::store::attempt::Recorder;
use casesim::store::data::DataDir;
use casesim::ui::office::Place;
use casesim::ui::{CasesimApp, Screen};
use criterion::Criterion;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use tempfile::TempDir;

/// The scenario played: of the bundled ones, the one with the longest conversation (45 lines in
/// its first meeting); in trial runs over all six, that dialogue was the slowest screen.
/// `FRAME_SCENARIO=<id>` plays another bundled scenario.
const SCENARIO: &str = "family-carer-interpreter";
const SEED: u64 = 7;
/// The window size the UI tests use.
const SIZE: [f32; 2] = [1280.0, 900.0];
/// Frames per screen in the summary (under `cargo test --benches`, a smoke test: a few).
const FRAMES: usize = 400;
const SMOKE_FRAMES: usize = 3;
/// The target for the busiest screen's median frame.
const TARGET: Duration = Duration::from_millis(4);

/// The id of the scenario played.
fn scenario_id() -> String {
    std::env::var("FRAME_SCENARIO").unwrap_or_else(|_| SCENARIO.to_owned())
}

/// Whether this is `cargo bench` (which passes `--bench`) rather than `cargo test --benches`.
fn benching() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// CPU time of the whole process, to the nanosecond where the OS gives it (Linux), else wall
/// time. The `stat` files `common` reads tick every 10 ms, too coarse for one frame.
fn cpu_now() -> Duration {
    #[cfg(all(target_os = "linux", target_pointer_width = "64"))]
    {
        #[repr(C)]
        struct Timespec {
            sec: i64,
            nsec: i64,
        }
        unsafe extern "C" {
            fn clock_gettime(clock: i32, time: *mut Timespec) -> i32;
        }
        const CLOCK_PROCESS_CPUTIME_ID: i32 = 2;
        let mut t = Timespec { sec: 0, nsec: 0 };
        // SAFETY: `t` is a valid `struct timespec` (two 64-bit fields on 64-bit Linux).
        if unsafe { clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &mut t) } == 0 {
            return Duration::new(t.sec as u64, t.nsec as u32);
        }
    }
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

type App = Harness<'static, CasesimApp>;

fn scenarios_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios")
}

/// One full frame: the app's frame in the harness, then tessellation of its shapes.
fn frame(h: &mut App) -> usize {
    h.step();
    let shapes = h.output().shapes.clone();
    h.ctx.tessellate(shapes, h.ctx.pixels_per_point()).len()
}

fn click(h: &mut App, role: Role, label: &str) {
    h.get_by_role_and_label(role, label).click_accesskit();
    h.run();
}

/// An office screen to measure, and how to get there.
struct Screenful {
    name: String,
    /// The accessible name of the button that shows it (a tab, or a step in the task list).
    button: String,
}

/// The office, open on a practice attempt played nearly to its end, and the screens to measure.
struct Office {
    harness: App,
    screens: Vec<Screenful>,
    _data: TempDir,
}

impl Office {
    fn new() -> Office {
        let started = Instant::now();
        let paths = vec![scenarios_dir()];
        let library = Library::load(&paths);
        let data = tempfile::tempdir().expect("temp dir");
        let (played, screens, read_place, read_title) = Self::play(&library, &data);

        // The app as the UI tests build it, then "Resume" from the start screen.
        let app = CasesimApp::new(library, paths, Some(DataDir::at(data.path())));
        let mut harness = Harness::builder()
            .with_size(SIZE)
            .build_ui_state(|ui, app: &mut CasesimApp| app.ui(ui), app);
        harness.run();
        harness
            .get_by(|n| {
                n.role() == Role::Button && n.label().is_some_and(|l| l.starts_with("Resume: "))
            })
            .click_accesskit();
        harness.run();
        let Screen::Office(office) = harness.state().screen() else {
            panic!("the attempt did not open in the office")
        };
        assert_eq!(office.attempt().records.len(), played);
        click(&mut harness, Role::Button, read_place.name());
        click(&mut harness, Role::Button, &format!("Open {read_title}"));
        harness.get_by_label("Reader");
        println!("({:.1?} to set up)", started.elapsed());
        Office {
            harness,
            screens,
            _data: data,
        }
    }

    /// Play the model answer into an attempt file in `data`; return how many actions were
    /// played, the screens to measure, and where to find the document to read and its title.
    fn play(library: &Library, data: &TempDir) -> (usize, Vec<Screenful>, Place, String) {
        let id = scenario_id();
        let scenario = library
            .scenario(&id)
            .expect("the bundled scenario loads without errors");
        let session_at_start = Session::new(scenario, SEED);
        let r = |t: &str| session_at_start.render(t);

        // The model answer, played into an attempt file as the office would record it.
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/scripts")
            .join(format!("{id}.model.ron"));
        let text = std::fs::read_to_string(&script).expect("the model script is readable");
        let actions: Vec<Action> =
            casesim::scenario::de::from_str(&text).expect("the model script parses");
        let dir = DataDir::at(data.path());
        let attempt = new_attempt(scenario, "Ana Lima", SEED, Mode::Practice);
        let path = dir
            .new_attempt_path(&attempt.header)
            .expect("attempts folder");
        let mut recorder = Recorder::create(&path, attempt).expect("attempt file");
        let mut session = Session::new(scenario, SEED);
        for action in actions.iter().take_while(|a| **a != Action::HandIn) {
            let action = action.map_text(|t| session_at_start.render(t));
            recorder
                .apply(&mut session, action.clone())
                .expect("the attempt file is written")
                .unwrap_or_else(|e| panic!("the model answer's {action:?} was refused: {e:?}"));
        }

        // The screens: the dialogue step with the longest transcript, each financial plan step,
        // and the places of the office with the most in them.
        let mut screens = Vec::new();
        let mut dialogues: Vec<(usize, String)> = Vec::new();
        for (_, step) in scenario.steps() {
            let title = r(&step.title.value);
            match &step.kind {
                StepKind::Dialogue { .. } => {
                    dialogues.push((session.transcript(&step.id.value).len(), title))
                }
                StepKind::FinancialPlan { .. } => screens.push(Screenful {
                    name: format!("financial plan \"{title}\""),
                    button: title,
                }),
                _ => {}
            }
        }
        let (lines, title) = dialogues
            .into_iter()
            .max()
            .expect("the scenario has a dialogue");
        screens.insert(
            0,
            Screenful {
                name: format!("dialogue \"{title}\" ({lines} lines)"),
                button: title,
            },
        );
        for place in [
            Place::ClientFile,
            Place::Inbox,
            Place::Calendar,
            Place::Shelf,
        ] {
            screens.push(Screenful {
                name: place.name().to_lowercase(),
                button: place.name().to_owned(),
            });
        }

        // The longest document or record, to keep open in the reader.
        let office = &scenario.file().office;
        let (read_title, read_place) = office
            .documents
            .iter()
            .map(|d| (&d.text.value, &d.title.value, Place::Shelf))
            .chain(
                office
                    .client_file
                    .iter()
                    .map(|d| (&d.text.value, &d.title.value, Place::ClientFile)),
            )
            .max_by_key(|(text, _, _)| text.len())
            .map(|(_, title, place)| (r(title), place))
            .expect("the office has documents");

        let played = recorder.attempt().records.len();
        println!(
            "{id}, seed {SEED}: {played} actions played, day {}, {} inbox items, {} lines \
             of conversation",
            session.day(),
            session.state().inbox.len(),
            scenario
                .steps()
                .map(|(_, s)| session.transcript(&s.id.value).len())
                .sum::<usize>(),
        );
        (played, screens, read_place, read_title)
    }

    /// Show screen `i` and let it settle.
    fn show(&mut self, i: usize) {
        click(&mut self.harness, Role::Button, &self.screens[i].button);
    }
}

fn bench_frames(c: &mut Criterion, office: &mut Office) {
    let mut group = c.benchmark_group("frame");
    for i in 0..office.screens.len() {
        office.show(i);
        let h = &mut office.harness;
        group.bench_function(office.screens[i].name.clone(), |b| {
            b.iter(|| black_box(frame(h)))
        });
    }
    group.finish();
}

/// Median and 95th percentile of `n` frames of the screen shown, by CPU and by wall time.
fn frames(h: &mut App, n: usize) -> [Duration; 4] {
    let mut cpu = Vec::with_capacity(n);
    let mut wall = Vec::with_capacity(n);
    for _ in 0..n {
        let (c, w) = (cpu_now(), Instant::now());
        black_box(frame(h));
        wall.push(w.elapsed());
        cpu.push(cpu_now().saturating_sub(c));
    }
    let p95 = |mut t: Vec<Duration>| {
        t.sort();
        t[(t.len() * 95 / 100).min(t.len() - 1)]
    };
    [
        median(cpu.clone()),
        p95(cpu),
        median(wall.clone()),
        p95(wall),
    ]
}

fn summary(office: &mut Office, n: usize) {
    let ms = |t: Duration| t.as_secs_f64() * 1e3;
    println!();
    println!(
        "Summary: one frame (harness step + tessellation) of each office screen, {n} frames \
         each, {}×{} points, reader open, practice mode",
        SIZE[0], SIZE[1]
    );
    println!(
        "  {:<64} {:>10} {:>10} {:>10} {:>10}",
        "screen", "CPU med", "CPU p95", "wall med", "wall p95"
    );
    let mut worst: Option<(Duration, Duration, String)> = None;
    for i in 0..office.screens.len() {
        office.show(i);
        // Warm up, then measure.
        frames(&mut office.harness, n / 10 + 1);
        let [cpu, cpu95, wall, wall95] = frames(&mut office.harness, n);
        let name = &office.screens[i].name;
        println!(
            "  {name:<64} {:>7.3} ms {:>7.3} ms {:>7.3} ms {:>7.3} ms",
            ms(cpu),
            ms(cpu95),
            ms(wall),
            ms(wall95)
        );
        if worst.as_ref().is_none_or(|w| cpu > w.0) {
            worst = Some((cpu, cpu95, name.clone()));
        }
    }
    if let Some((cpu, cpu95, name)) = worst {
        println!(
            "  busiest: {name}: median {:.3} ms, p95 {:.3} ms CPU; target < {:.0} ms: {}",
            ms(cpu),
            ms(cpu95),
            ms(TARGET),
            if cpu < TARGET { "met" } else { "NOT met" }
        );
    }
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not, and then criterion runs
    // each benchmark once as a test, and the summary runs a few frames only.
    let mut office = Office::new();
    let mut criterion = Criterion::default()
        .sample_size(50)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    bench_frames(&mut criterion, &mut office);
    criterion.final_summary();
    summary(&mut office, if benching() { FRAMES } else { SMOKE_FRAMES });
}
