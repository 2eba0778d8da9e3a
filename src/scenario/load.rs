//! Finding, reading and loading scenario and unit files into a [`Library`].
//!
//! A bad file never stops the others: each file is read, parsed and checked on its own, and
//! every problem becomes a [`Diagnostic`].

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::check::check_scenario;
use super::check_unit::check_unit;
use super::de;
use super::diagnostic::{Diagnostic, Severity, Source};
use super::raw::ScenarioFile;
use super::raw_unit::UnitFile;
use super::ron_parse::{self, Node, NodeKind};
use super::span::Span;
use super::suggest::did_you_mean;
use crate::model::{Scenario, Unit};

/// Files larger than this are refused unread.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;
/// A folder with more `.ron` files than this is loaded only up to this many.
pub const MAX_FILES: usize = 20_000;
/// Folders nested deeper than this below a path given are not searched.
pub const MAX_FOLDER_DEPTH: usize = 16;

/// The units of competency bundled with casesim, used when no unit file on disk has their id.
pub const BUILTIN_UNITS: [(&str, &str); 2] = [
    (
        "<built-in>/units/CHCMGT006.ron",
        include_str!("../../scenarios/units/CHCMGT006.ron"),
    ),
    (
        "<built-in>/units/COD-OS-SW-CR-11-6-A.ron",
        include_str!("../../scenarios/units/COD-OS-SW-CR-11-6-A.ron"),
    ),
];

/// Everything loaded from a set of paths, with every problem found.
#[derive(Debug, Default)]
pub struct Library {
    /// Checked units, sorted by id: the built-in ones unless a file on disk has the same id.
    pub units: Vec<Unit>,
    /// Checked scenarios, in file order.
    pub scenarios: Vec<Scenario>,
    pub diagnostics: Vec<Diagnostic>,
    /// How many files were read (not counting built-in units).
    pub files: usize,
}

impl Library {
    /// Load every `.ron` file under `paths` (files or folders).
    pub fn load(paths: &[PathBuf]) -> Library {
        let mut diagnostics = Vec::new();
        let files = find_files(paths, &mut diagnostics);
        let mut sources = Vec::with_capacity(files.len());
        for path in &files {
            match read_source(path) {
                Ok(source) => sources.push(source),
                Err(d) => diagnostics.push(*d),
            }
        }
        let mut library = Library::from_sources(sources);
        library.files = files.len();
        diagnostics.append(&mut library.diagnostics);
        library.diagnostics = diagnostics;
        library
    }

    /// Load files already in memory (built-in units are added as with [`Library::load`]).
    pub fn from_sources(sources: Vec<Source>) -> Library {
        let files = sources.len();
        let mut diagnostics = Vec::new();
        let mut unit_files: Vec<(Source, Node)> = Vec::new();
        // Each scenario is deserialized as soon as it is parsed, so that only one parse tree is
        // held at a time; checking waits until every unit is loaded.
        let mut scenario_files: Vec<Parsed> = Vec::new();
        for source in sources {
            let node = match ron_parse::parse(&source.text) {
                Err(_) if is_blank(&source.text) => {
                    diagnostics.push(Diagnostic::file(
                        Severity::Error,
                        "empty-file",
                        &source.path,
                        "the file holds only comments: expected `Scenario(...)` or `Unit(...)`"
                            .to_owned(),
                    ));
                    continue;
                }
                Err(e) => {
                    diagnostics.push(source.error(e.code, e.span, e.message));
                    continue;
                }
                Ok(node) => node,
            };
            match classify(&source, &node) {
                Ok(FileKind::Unit) => unit_files.push((source, node)),
                Ok(FileKind::Scenario) => {
                    let placeholders = placeholders(&node, &source.text);
                    match de::from_node::<ScenarioFile>(node) {
                        Ok(file) => scenario_files.push((source, file, placeholders)),
                        Err(e) => diagnostics.push(de_diagnostic(&source, e)),
                    }
                }
                Err(d) => diagnostics.push(*d),
            }
        }

        let units = load_units(unit_files, &mut diagnostics);

        let mut scenarios: Vec<Scenario> = Vec::with_capacity(scenario_files.len());
        // Scenario id → where it was first defined.
        let mut scenario_ids: HashMap<String, String> = HashMap::new();
        for (source, file, placeholders) in scenario_files {
            let id = file.id.value.clone();
            if let Some(first) = scenario_ids.get(&id) {
                diagnostics.push(
                    source
                        .error(
                            "duplicate-id",
                            file.id.span,
                            format!("scenario id `{id}` is used by another file"),
                        )
                        .with_note(format!("first used at {first}")),
                );
                continue;
            }
            let location = source.location(file.id.span);
            let checked = check_scenario(file, &source, &units, &placeholders, &mut diagnostics);
            if let Some(scenario) = checked {
                scenario_ids.insert(id, location);
                scenarios.push(scenario);
            }
        }

        Library {
            units,
            scenarios,
            diagnostics,
            files,
        }
    }

    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.id == id)
    }

    pub fn scenario(&self, id: &str) -> Option<&Scenario> {
        self.scenarios.iter().find(|s| s.id() == id)
    }

    /// An element of a unit, by its full id (`CHCMGT006/E2`).
    pub fn element(&self, id: &str) -> Option<&crate::model::Element> {
        self.unit(crate::model::unit::unit_of(id))?.element(id)
    }

    /// An element's heading, "2 Discuss service options with client"; the id itself if the
    /// element is not in the library.
    pub fn element_heading(&self, id: &str) -> String {
        self.element(id)
            .map(|e| format!("{} {}", e.number, e.title))
            .unwrap_or_else(|| id.to_owned())
    }
}

/// A scenario file parsed and deserialized, waiting for the units to be checked against, with
/// its `{placeholders}`.
type Parsed = (Source, ScenarioFile, Vec<(String, Span)>);

enum FileKind {
    Unit,
    Scenario,
}

/// A file is a unit or a scenario by the name of its top-level value.
fn classify(source: &Source, node: &Node) -> Result<FileKind, Box<Diagnostic>> {
    const KINDS: [&str; 2] = ["Scenario", "Unit"];
    let name = match &node.kind {
        NodeKind::Struct { name: Some(n), .. } | NodeKind::Tuple { name: Some(n), .. } => n,
        NodeKind::Ident(n) => n,
        _ => {
            return Err(Box::new(
                source
                    .error(
                        "unknown-file-kind",
                        Span::new(node.span.start as usize, node.span.start as usize + 1),
                        "expected `Scenario(...)` or `Unit(...)` at the top of the file",
                    )
                    .with_help("start the file with the kind of thing it describes"),
            ));
        }
    };
    match name.name.as_str() {
        "Scenario" => Ok(FileKind::Scenario),
        "Unit" => Ok(FileKind::Unit),
        other => {
            let d = source.error(
                "unknown-file-kind",
                name.span,
                format!("expected `Scenario(...)` or `Unit(...)`, found `{other}(...)`"),
            );
            Err(Box::new(match did_you_mean(other, KINDS) {
                Some(s) => d.with_help(format!("did you mean `{s}`?")),
                None => d,
            }))
        }
    }
}

fn load_units(files: Vec<(Source, Node)>, diagnostics: &mut Vec<Diagnostic>) -> Vec<Unit> {
    let mut by_id: HashMap<String, (Unit, Option<String>)> = HashMap::new();
    for (path, text) in BUILTIN_UNITS {
        let source = Source::new(path, text.to_owned());
        let parsed = match ron_parse::parse(text) {
            Ok(node) => de::from_node::<UnitFile>(node).map_err(|e| de_diagnostic(&source, e)),
            Err(e) => Err(source.error(e.code, e.span, e.message)),
        };
        match parsed {
            Ok(file) => {
                let mut problems = Vec::new();
                if let Some(unit) = check_unit(file, &source, &mut problems) {
                    by_id.insert(unit.id.clone(), (unit, None));
                }
                diagnostics.extend(problems);
            }
            Err(d) => diagnostics.push(d),
        }
    }
    for (source, node) in files {
        let file: UnitFile = match de::from_node(node) {
            Ok(f) => f,
            Err(e) => {
                diagnostics.push(de_diagnostic(&source, e));
                continue;
            }
        };
        let id_span = file.id.span;
        let Some(unit) = check_unit(file, &source, diagnostics) else {
            continue;
        };
        let location = source.location(id_span);
        if let Some((_, Some(first))) = by_id.get(&unit.id) {
            diagnostics.push(
                source
                    .error(
                        "duplicate-id",
                        id_span,
                        format!("unit `{}` is defined by another file", unit.id),
                    )
                    .with_note(format!("first defined at {first}")),
            );
            continue;
        }
        by_id.insert(unit.id.clone(), (unit, Some(location)));
    }
    let mut units: Vec<Unit> = by_id.into_values().map(|(u, _)| u).collect();
    units.sort_by(|a, b| a.id.cmp(&b.id));
    units
}

/// A deserialization error as a diagnostic at its span (the file's start when it has none).
pub(crate) fn de_diagnostic(source: &Source, e: de::DeError) -> Diagnostic {
    let span = e.span.unwrap_or_default();
    let d = source.error(e.code, span, humanize(&e.message));
    match e.help {
        Some(h) => d.with_help(h),
        None => d,
    }
}

/// Say what serde's messages say in Rust terms in a trainer's words.
fn humanize(message: &str) -> String {
    // "expected tuple variant Condition::Chose with 2 elements, found 1 items"
    if let Some(rest) = message.strip_prefix("expected tuple variant ")
        && let Some((path, counts)) = rest.split_once(" with ")
        && let Some((want, found)) = counts.split_once(" elements, found ")
    {
        let name = path.rsplit("::").next().unwrap_or(path);
        let found = found.trim_end_matches(" items");
        return format!("`{name}` takes {want} values, found {found}");
    }
    let mut out = message.to_owned();
    for (rust, words) in [
        ("u8", "a whole number from 0 to 255"),
        ("u16", "a whole number from 0 to 65535"),
        ("u32", "a whole number from 0 to 4294967295"),
        ("u64", "a whole number (0 or more)"),
        ("usize", "a whole number (0 or more)"),
        ("i32", "a whole number"),
        ("i64", "a whole number"),
        ("f32", "a number"),
        ("f64", "a number"),
        ("a borrowed string", "a string in quotes"),
        ("a string", "a string in quotes"),
    ] {
        let from = format!("expected {rust},");
        if out.starts_with(&from) {
            out = format!("expected {words},{}", &out[from.len()..]);
            break;
        }
    }
    out
}

/// True when a text has nothing but white space, comments and `#![...]` attributes.
fn is_blank(text: &str) -> bool {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("//") {
            rest = r.split_once('\n').map_or("", |(_, after)| after);
        } else if let Some(r) = rest.strip_prefix("/*") {
            match r.find("*/") {
                Some(i) => rest = &r[i + 2..],
                None => return false,
            }
        } else if let Some(r) = rest.strip_prefix("#![") {
            match r.find(']') {
                Some(i) => rest = &r[i + 1..],
                None => return false,
            }
        } else {
            return rest.is_empty();
        }
    }
}

/// Every `{name}` placeholder in the file's strings, with its span: the placeholder itself where
/// it is written as is in the source, else the whole string.
pub(crate) fn placeholders(node: &Node, text: &str) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        match &n.kind {
            NodeKind::Str(s) => {
                let raw = text.get(n.span.range()).unwrap_or("");
                let mut from = 0;
                for name in template_names(s) {
                    let needle = format!("{{{name}");
                    let span = match raw[from..].find(&needle) {
                        Some(i) => {
                            let start = from + i;
                            let end = raw[start..].find('}').map_or(raw.len(), |j| start + j + 1);
                            from = end.min(raw.len());
                            let base = n.span.start as usize;
                            Span::new(base + start, base + end)
                        }
                        None => n.span,
                    };
                    out.push((name.to_owned(), span));
                }
            }
            NodeKind::List(items) | NodeKind::Tuple { items, .. } => stack.extend(items),
            NodeKind::Map(entries) => {
                for (k, v) in entries {
                    stack.push(k);
                    stack.push(v);
                }
            }
            NodeKind::Struct { fields, .. } => stack.extend(fields.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
    out
}

/// The names of `{name}` placeholders in a text; `{{` and `}}` are literal braces.
pub fn template_names(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        loop {
            let open = rest.find('{')?;
            if rest[open..].starts_with("{{") {
                rest = &rest[open + 2..];
                continue;
            }
            let after = &rest[open + 1..];
            let close = after.find('}')?;
            let name = &after[..close];
            rest = &after[close + 1..];
            return Some(name.trim());
        }
    })
}

/// Read a file as text, refusing what cannot be a scenario: too large, binary, not UTF-8, empty.
pub fn read_source(path: &Path) -> Result<Source, Box<Diagnostic>> {
    let refuse =
        |code, message: String| Box::new(Diagnostic::file(Severity::Error, code, path, message));
    let meta = std::fs::metadata(path)
        .map_err(|e| refuse("unreadable", format!("cannot read the file: {e}")))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(refuse(
            "too-large",
            format!(
                "file is {:.1} MiB; scenario and unit files may be at most {} MiB",
                meta.len() as f64 / (1024.0 * 1024.0),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| refuse("unreadable", format!("cannot read the file: {e}")))?;
    source_from_bytes(path, bytes)
}

/// Check raw bytes as [`read_source`] does (binary, UTF-8, empty).
pub fn source_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Source, Box<Diagnostic>> {
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(at_byte(
            path,
            &bytes,
            pos,
            "binary-file",
            format!("this looks like a binary file, not RON text (a NUL byte at byte {pos})"),
        ));
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let pos = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let byte = bytes.get(pos).copied().unwrap_or(0);
            return Err(at_byte(
                path,
                &bytes,
                pos,
                "invalid-utf8",
                format!("the file is not valid UTF-8 (byte 0x{byte:02X}); save it as UTF-8"),
            ));
        }
    };
    if text.trim().is_empty() {
        return Err(Box::new(Diagnostic::file(
            Severity::Error,
            "empty-file",
            path,
            "the file is empty: expected `Scenario(...)` or `Unit(...)`".to_owned(),
        )));
    }
    Ok(Source::new(path, text))
}

/// A diagnostic at a byte of a file that cannot be shown as text: the position is worked out
/// from the valid text before it.
fn at_byte(
    path: &Path,
    bytes: &[u8],
    pos: usize,
    code: &'static str,
    message: String,
) -> Box<Diagnostic> {
    let before = String::from_utf8_lossy(&bytes[..pos.min(bytes.len())]).into_owned();
    let source = Source::new(path, before);
    let end = source.text.len();
    let mut d = source.error(code, Span::new(end, end), message);
    // Show only the readable part of the line, which is all `source` holds.
    d.end_column = d.column;
    Box::new(d)
}

/// The `.ron` files under `paths`, sorted, each once.
pub fn find_files(paths: &[PathBuf], diagnostics: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => diagnostics.push(Diagnostic::file(
                Severity::Error,
                "not-found",
                path,
                format!("cannot open: {e}"),
            )),
            Ok(meta) if meta.is_dir() => {
                let mut found = Vec::new();
                walk(path, 0, &mut found, diagnostics);
                found.sort();
                files.extend(found);
            }
            Ok(_) => files.push(path.clone()),
        }
        if files.len() > MAX_FILES {
            break;
        }
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(f.clone()));
    if files.len() > MAX_FILES {
        diagnostics.push(Diagnostic::file(
            Severity::Error,
            "too-many-files",
            &files[MAX_FILES],
            format!("more than {MAX_FILES} files: only the first {MAX_FILES} were loaded"),
        ));
        files.truncate(MAX_FILES);
    }
    files
}

fn walk(dir: &Path, depth: usize, found: &mut Vec<PathBuf>, diagnostics: &mut Vec<Diagnostic>) {
    if depth > MAX_FOLDER_DEPTH {
        diagnostics.push(Diagnostic::file(
            Severity::Warning,
            "too-deep",
            dir,
            format!("folders nested more than {MAX_FOLDER_DEPTH} deep are not searched"),
        ));
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            diagnostics.push(Diagnostic::file(
                Severity::Error,
                "unreadable",
                dir,
                format!("cannot read the folder: {e}"),
            ));
            return;
        }
    };
    for entry in entries.flatten() {
        if found.len() > MAX_FILES {
            return;
        }
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        // file_type() does not follow links, so a link to a folder is never walked (no loops).
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() && !hidden {
            walk(&path, depth + 1, found, diagnostics);
        } else if !hidden && path.extension().is_some_and(|e| e == "ron") {
            found.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn humanize_speaks_without_rust_types() {
        assert_eq!(
            humanize("expected u32, found string \"ten\""),
            "expected a whole number from 0 to 4294967295, found string \"ten\""
        );
        assert_eq!(
            humanize("expected tuple variant Condition::Chose with 2 elements, found 1 items"),
            "`Chose` takes 2 values, found 1"
        );
        assert_eq!(humanize("unknown field `x`"), "unknown field `x`");
    }

    #[test]
    fn blank_means_only_comments_and_attributes() {
        assert!(is_blank("// a\n/* b */ #![enable(implicit_some)]\n"));
        assert!(!is_blank("// a\nUnit()"));
        assert!(!is_blank("/* never closed"));
    }

    #[test]
    fn template_names_skip_escaped_braces() {
        let names: Vec<&str> = template_names("Hi {name}, {{not}} {budget }!").collect();
        assert_eq!(names, vec!["name", "budget"]);
        assert_eq!(template_names("no braces").count(), 0);
        assert_eq!(template_names("open { only").count(), 0);
    }

    #[test]
    fn binary_and_bad_utf8_are_refused_at_their_position() {
        let d = source_from_bytes(Path::new("b.ron"), b"Unit(\n  id: \x00".to_vec()).unwrap_err();
        assert_eq!(d.code, "binary-file");
        assert_eq!((d.line, d.column), (2, 7));
        let d = source_from_bytes(Path::new("u.ron"), b"ab\xFFcd".to_vec()).unwrap_err();
        assert_eq!(d.code, "invalid-utf8");
        assert_eq!((d.line, d.column), (1, 3));
        assert!(d.message.contains("0xFF"));
        let d = source_from_bytes(Path::new("e.ron"), b"  \n".to_vec()).unwrap_err();
        assert_eq!(d.code, "empty-file");
    }
}
