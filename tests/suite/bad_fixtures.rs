//! The bad fixtures in `tests/fixtures/bad/`: each file is a small scenario or unit file with one
//! deliberate problem, and `expected.tsv` lists, for each, the diagnostic it must produce: its
//! code, its exact `line:col` and a fragment of its message or help. A code written
//! `warning:code` is a warning and the file must have no errors; any other fixture must have at
//! least one error.

use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use casesim::scenario::load::MAX_FILE_BYTES;
use casesim::scenario::{Diagnostic, Library, Severity, Source};

use crate::{casesim, root, stdout};

/// At least this many fixtures must be listed.
const MIN_FIXTURES: usize = 30;

/// Warnings every fixture has because it evidences only one criterion of its unit; left out of
/// failure messages so that the diagnostic a fixture is about can be seen.
const NOISE: [&str; 2] = ["not-evidenced", "element-without-task"];

fn bad_dir() -> PathBuf {
    root().join("tests").join("fixtures").join("bad")
}

/// One row of `expected.tsv`.
struct Expected {
    /// The line of `expected.tsv` it is on, for messages.
    row: usize,
    file: String,
    code: String,
    severity: Severity,
    line: usize,
    column: usize,
    fragment: String,
}

impl Expected {
    fn path(&self) -> PathBuf {
        bad_dir().join(&self.file)
    }

    fn describe(&self) -> String {
        format!(
            "expected.tsv:{}: {}: expected {} `{}` at {}:{} containing {:?}",
            self.row,
            self.file,
            self.severity.as_str(),
            self.code,
            self.line,
            self.column,
            self.fragment
        )
    }

    fn matches(&self, d: &Diagnostic) -> bool {
        d.code == self.code
            && d.severity == self.severity
            && (d.line, d.column) == (self.line, self.column)
            && (d.message.contains(&self.fragment)
                || d.help
                    .as_deref()
                    .is_some_and(|h| h.contains(&self.fragment)))
    }
}

/// The rows of `expected.tsv`, after its header.
fn expected() -> Vec<Expected> {
    let path = bad_dir().join("expected.tsv");
    let text = std::fs::read_to_string(&path).expect("expected.tsv is readable");
    let mut lines = text.lines().enumerate();
    let (_, header) = lines.next().expect("expected.tsv has a header");
    assert_eq!(
        header, "file\tcode\tposition\tfragment",
        "the header of expected.tsv"
    );
    let mut rows = Vec::new();
    for (i, line) in lines {
        let row = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [file, code, position, fragment] = cols[..] else {
            panic!(
                "expected.tsv:{row}: expected 4 tab-separated columns, found {}: {line:?}",
                cols.len()
            );
        };
        let (severity, code) = match code.strip_prefix("warning:") {
            Some(code) => (Severity::Warning, code),
            None => (Severity::Error, code),
        };
        let parsed = position
            .split_once(':')
            .and_then(|(l, c)| Some((l.parse().ok()?, c.parse().ok()?)));
        let Some((line, column)) = parsed else {
            panic!("expected.tsv:{row}: position {position:?} is not line:col");
        };
        assert!(
            !fragment.is_empty(),
            "expected.tsv:{row}: the fragment is empty"
        );
        rows.push(Expected {
            row,
            file: file.to_owned(),
            code: code.to_owned(),
            severity,
            line,
            column,
            fragment: fragment.to_owned(),
        });
    }
    rows
}

/// Load paths, turning a panic into an error message.
fn load(paths: &[PathBuf]) -> Result<Library, String> {
    catch_unwind(AssertUnwindSafe(|| Library::load(paths))).map_err(|e| {
        let what = e
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_default();
        format!("loading panicked: {what}")
    })
}

/// The diagnostics of a file, one a line, without the noise every fixture has.
fn listing<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> String {
    let mut out = String::new();
    let mut hidden = 0;
    for d in diagnostics {
        if NOISE.contains(&d.code) {
            hidden += 1;
            continue;
        }
        out.push_str(&format!(
            "\n      {} `{}` at {}:{}: {}",
            d.severity.as_str(),
            d.code,
            d.line,
            d.column,
            d.message
        ));
        if let Some(help) = &d.help {
            out.push_str(&format!(" [help: {help}]"));
        }
    }
    if out.is_empty() {
        out.push_str("\n      (nothing)");
    }
    if hidden > 0 {
        out.push_str(&format!(
            "\n      (and {hidden} not-evidenced or element-without-task warnings)"
        ));
    }
    out
}

/// Every file in the folder but `expected.tsv` and hidden ones (`.gitattributes`, which the
/// loader skips too); a subfolder is a failure.
fn fixture_files() -> BTreeSet<String> {
    let mut files = BTreeSet::new();
    for entry in std::fs::read_dir(bad_dir()).expect("tests/fixtures/bad exists") {
        let entry = entry.expect("the folder can be listed");
        let name = entry.file_name().to_string_lossy().into_owned();
        assert!(
            !entry.path().is_dir(),
            "tests/fixtures/bad/{name} is a folder: keep the fixtures in one flat folder"
        );
        if name != "expected.tsv" && !name.starts_with('.') {
            files.insert(name);
        }
    }
    files
}

#[test]
fn every_fixture_has_its_diagnostic_at_its_position() {
    let mut failures = Vec::new();
    for e in expected() {
        let path = e.path();
        let lib = match load(std::slice::from_ref(&path)) {
            Ok(lib) => lib,
            Err(panic) => {
                failures.push(format!("{}\n    {panic}", e.describe()));
                continue;
            }
        };
        let mut problems = Vec::new();
        if !lib.diagnostics.iter().any(|d| e.matches(d)) {
            problems.push("no such diagnostic".to_owned());
        }
        match e.severity {
            Severity::Error if lib.errors() == 0 => {
                problems.push("the file has no errors".to_owned())
            }
            Severity::Warning if lib.errors() > 0 => problems.push(format!(
                "a warning fixture must have no errors, but has {}",
                lib.errors()
            )),
            _ => {}
        }
        if let Some(d) = lib.diagnostics.iter().find(|d| d.path != path) {
            problems.push(format!(
                "a diagnostic names another file: {}",
                d.path.display()
            ));
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{}\n    {}; found:{}",
                e.describe(),
                problems.join("; "),
                listing(&lib.diagnostics)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of the bad fixtures do not give their expected diagnostic:\n\n{}\n",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn expected_tsv_lists_every_fixture_once() {
    let rows = expected();
    let mut listed = BTreeSet::new();
    let mut twice = Vec::new();
    for r in &rows {
        if !listed.insert(r.file.clone()) {
            twice.push(r.file.clone());
        }
    }
    assert!(
        twice.is_empty(),
        "listed more than once in expected.tsv: {twice:?}"
    );
    let files = fixture_files();
    let unlisted: Vec<&String> = files.difference(&listed).collect();
    let missing: Vec<&String> = listed.difference(&files).collect();
    assert!(
        unlisted.is_empty(),
        "in tests/fixtures/bad but not in expected.tsv: {unlisted:?}"
    );
    assert!(
        missing.is_empty(),
        "in expected.tsv but not in tests/fixtures/bad: {missing:?}"
    );
    let not_ron: Vec<&String> = files.iter().filter(|f| !f.ends_with(".ron")).collect();
    assert!(
        not_ron.is_empty(),
        "only `.ron` files are loaded from a folder, so every fixture must be one: {not_ron:?}"
    );
    // A checkout that converts line endings would quietly make these fixtures test nothing
    // (`.gitattributes` keeps them as they are).
    for f in files.iter().filter(|f| f.starts_with("crlf-")) {
        let bytes = std::fs::read(bad_dir().join(f)).expect("the fixture is readable");
        let lf = bytes.iter().filter(|&&b| b == b'\n').count();
        let crlf = bytes.windows(2).filter(|w| w == b"\r\n").count();
        assert!(lf > 0 && crlf == lf, "{f} must have only CRLF line endings");
    }
    assert!(
        rows.len() >= MIN_FIXTURES,
        "only {} fixtures; expected at least {MIN_FIXTURES}",
        rows.len()
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused_unread() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("huge.ron");
    let file = std::fs::File::create(&path).expect("create the file");
    // Sparse: no disk space is used and nothing is written.
    file.set_len(MAX_FILE_BYTES + 1).expect("grow the file");
    drop(file);
    let lib = load(std::slice::from_ref(&path)).unwrap_or_else(|p| panic!("{p}"));
    assert_eq!(lib.files, 1);
    let [d] = &lib.diagnostics[..] else {
        panic!("expected one diagnostic:{}", listing(&lib.diagnostics));
    };
    assert_eq!(
        (d.code, d.severity),
        ("too-large", Severity::Error),
        "{}",
        d.render()
    );
    assert_eq!((d.line, d.column), (1, 1));
    assert_eq!(d.path, path);
    assert!(d.message.contains("at most 8 MiB"), "{}", d.message);
    assert!(lib.scenarios.is_empty());

    // At the limit the file is read: these zero bytes are then refused as binary at 1:1.
    std::fs::File::options()
        .write(true)
        .open(&path)
        .and_then(|f| f.set_len(MAX_FILE_BYTES))
        .expect("shrink the file");
    let lib = load(std::slice::from_ref(&path)).unwrap_or_else(|p| panic!("{p}"));
    let codes: Vec<(&str, usize, usize)> = lib
        .diagnostics
        .iter()
        .map(|d| (d.code, d.line, d.column))
        .collect();
    assert_eq!(codes, [("binary-file", 1, 1)]);
}

#[test]
fn loading_the_whole_folder_gives_errors_from_every_file_without_panicking() {
    let rows = expected();
    let lib = load(&[bad_dir()]).unwrap_or_else(|p| panic!("{p}"));
    assert_eq!(
        lib.files,
        rows.len(),
        "files loaded from tests/fixtures/bad"
    );
    let mut failures = Vec::new();
    for e in &rows {
        let path = e.path();
        let mine: Vec<&Diagnostic> = lib.diagnostics.iter().filter(|d| d.path == path).collect();
        let ok = match e.severity {
            Severity::Error => mine.iter().any(|d| d.is_error()),
            Severity::Warning => mine.iter().any(|d| d.code == e.code && !d.is_error()),
        };
        if !ok {
            failures.push(format!(
                "{}: no {} when the folder is loaded; found:{}",
                e.file,
                e.severity.as_str(),
                listing(mine)
            ));
        }
    }
    // Rendering never panics either, whatever the position (binary files, a BOM, CRLF).
    for d in &lib.diagnostics {
        let text = d.render();
        assert!(
            text.starts_with(&format!("{}:{}:{}: ", d.path.display(), d.line, d.column)),
            "{text}"
        );
    }
    assert!(
        failures.is_empty(),
        "{} fixtures have no errors when loaded together:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// `N files, E errors, W warnings` (singular for 1), as the last line of `casesim check`.
fn parse_summary(line: &str) -> Option<(usize, usize, usize)> {
    let mut counts = Vec::new();
    for (part, word) in line.split(", ").zip(["file", "error", "warning"]) {
        let (n, w) = part.split_once(' ')?;
        let n: usize = n.parse().ok()?;
        let expected = if n == 1 {
            word.to_owned()
        } else {
            format!("{word}s")
        };
        if w != expected {
            return None;
        }
        counts.push(n);
    }
    match counts[..] {
        [f, e, w] if line.split(", ").count() == 3 => Some((f, e, w)),
        _ => None,
    }
}

#[test]
fn casesim_check_on_the_folder_exits_1_with_a_summary() {
    let rows = expected();
    let out = casesim(&["check", "tests/fixtures/bad"]);
    let text = stdout(&out);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "stderr: {stderr}\nstdout ends: {}",
        tail(&text)
    );
    let last = text.lines().last().unwrap_or("");
    let Some((files, errors, warnings)) = parse_summary(last) else {
        panic!("the last line is not `N files, E errors, W warnings`: {last:?}");
    };
    assert_eq!(files, rows.len(), "{last}");
    let error_fixtures = rows
        .iter()
        .filter(|r| r.severity == Severity::Error)
        .count();
    assert!(
        errors >= error_fixtures,
        "{last}: fewer errors than fixtures with errors ({error_fixtures})"
    );
    let lib = Library::load(&[bad_dir()]);
    assert_eq!((errors, warnings), (lib.errors(), lib.warnings()), "{last}");
}

fn tail(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(5)..].join("\n")
}

#[test]
fn summary_lines_parse() {
    assert_eq!(
        parse_summary("73 files, 90 errors, 1 warning"),
        Some((73, 90, 1))
    );
    assert_eq!(
        parse_summary("1 file, 1 error, 0 warnings"),
        Some((1, 1, 0))
    );
    assert_eq!(parse_summary("1 files, 1 error, 0 warnings"), None);
    assert_eq!(parse_summary("2 files, 1 error"), None);
    assert_eq!(parse_summary("error: something"), None);
}

#[test]
fn fixtures_cut_short_are_refused_without_panicking() {
    // A file half-saved by an editor: each fixture cut at a quarter, half and three quarters
    // of its lines. (Cutting at every line end also passes, but takes seconds.)
    for name in fixture_files() {
        let path = bad_dir().join(&name);
        let bytes = std::fs::read(&path).expect("the fixture is readable");
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        let ends: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
        for quarter in 1..4 {
            let Some(&end) = ends.get(ends.len() * quarter / 4) else {
                continue;
            };
            let cut = Source::new(&path, text[..end].to_owned());
            let lib = catch_unwind(AssertUnwindSafe(|| Library::from_sources(vec![cut])));
            let lib = lib.unwrap_or_else(|_| panic!("{name} cut at byte {end} panics"));
            assert!(lib.errors() > 0, "{name} cut at byte {end} has no errors");
        }
    }
}
