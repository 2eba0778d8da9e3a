//! The data folder: where the desktop app keeps attempts, drafts of text being typed, and the
//! trainee's settings. By default the platform's data folder (e.g. `~/.local/share/casesim` on
//! Linux); `CASESIM_DATA_DIR` puts it elsewhere.
//!
//! ```text
//! <data>/settings.json                 name, theme, zoom, window size (rewritten atomically)
//! <data>/attempts/<name>.jsonl         one attempt each: an append-only log (see store::attempt)
//! <data>/attempts/<name>.drafts.json   text typed but not yet entered (rewritten atomically)
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::attempt::{self, AttemptFileError};
use super::write_atomic;
use crate::model::Header;

/// The environment variable that overrides where the data folder is.
pub const DATA_DIR_ENV: &str = "CASESIM_DATA_DIR";

/// What the app remembers between runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The trainee's name, as last entered.
    pub trainee: String,
    /// Dark theme (else light); `None` follows the system.
    pub dark: Option<bool>,
    /// UI zoom factor.
    pub zoom: f32,
    /// The window's inner size in points, when last closed or resized.
    pub window: Option<[f32; 2]>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            trainee: String::new(),
            dark: None,
            zoom: 1.0,
            window: None,
        }
    }
}

/// An attempt file found in the data folder.
#[derive(Clone, Debug)]
pub struct AttemptSummary {
    pub path: PathBuf,
    pub header: Header,
    /// Actions recorded.
    pub actions: usize,
    pub handed_in: bool,
}

/// The data folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// The data folder at `root`.
    pub fn at(root: impl Into<PathBuf>) -> Self {
        DataDir { root: root.into() }
    }

    /// `CASESIM_DATA_DIR` if set, else the platform's data folder for casesim.
    pub fn locate() -> Result<Self, String> {
        if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
            return Ok(DataDir::at(dir));
        }
        directories::ProjectDirs::from("org", "casesim", "casesim")
            .map(|p| DataDir::at(p.data_dir()))
            .ok_or_else(|| {
                format!("no home folder was found for the data folder: set {DATA_DIR_ENV}")
            })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder of attempt files.
    pub fn attempts(&self) -> PathBuf {
        self.root.join("attempts")
    }

    fn settings_path(&self) -> PathBuf {
        self.root.join("settings.json")
    }

    /// The saved settings; defaults if there are none. A settings file that cannot be read
    /// gives the defaults and says why (it is left as it is until settings are next saved).
    pub fn load_settings(&self) -> (Settings, Option<String>) {
        let path = self.settings_path();
        match std::fs::read_to_string(&path) {
            Ok(text) => match serde_json::from_str(&text) {
                Ok(settings) => (settings, None),
                Err(e) => (
                    Settings::default(),
                    Some(format!(
                        "{}:{}:{}: settings not readable ({e}); using the defaults",
                        path.display(),
                        e.line(),
                        e.column()
                    )),
                ),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Settings::default(), None),
            Err(e) => (
                Settings::default(),
                Some(format!("cannot read {}: {e}", path.display())),
            ),
        }
    }

    /// Save the settings, crash-safely.
    pub fn save_settings(&self, settings: &Settings) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.root)?;
        let text = serde_json::to_string_pretty(settings).map_err(std::io::Error::other)?;
        write_atomic(&self.settings_path(), text.as_bytes())
    }

    /// A path for a new attempt file, not yet taken: `<started>-<scenario>-seed<seed>.jsonl`.
    pub fn new_attempt_path(&self, header: &Header) -> std::io::Result<PathBuf> {
        let dir = self.attempts();
        std::fs::create_dir_all(&dir)?;
        let stamp: String = header
            .started
            .chars()
            .take(19)
            .filter(char::is_ascii_digit)
            .collect();
        let scenario: String = header
            .scenario
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let stem = format!("{stamp}-{scenario}-seed{}", header.seed);
        let mut path = dir.join(format!("{stem}.jsonl"));
        let mut n = 2;
        while path.exists() {
            path = dir.join(format!("{stem}-{n}.jsonl"));
            n += 1;
        }
        Ok(path)
    }

    /// Every attempt file, newest first, and the problem with each one that cannot be read.
    pub fn attempts_list(&self) -> (Vec<AttemptSummary>, Vec<AttemptFileError>) {
        let mut found = Vec::new();
        let mut problems = Vec::new();
        let Ok(entries) = std::fs::read_dir(self.attempts()) else {
            return (found, problems);
        };
        let mut paths: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
            .collect();
        paths.sort();
        paths.reverse();
        for path in paths {
            match attempt::load(&path) {
                Ok(loaded) => found.push(AttemptSummary {
                    header: loaded.attempt.header.clone(),
                    actions: loaded.attempt.records.len(),
                    handed_in: loaded.attempt.handed_in(),
                    path,
                }),
                Err(e) => problems.push(e),
            }
        }
        (found, problems)
    }

    /// Where the drafts of an attempt are kept.
    pub fn drafts_path(attempt: &Path) -> PathBuf {
        attempt.with_extension("drafts.json")
    }

    /// The drafts saved for an attempt: text typed into a field (by key) and not yet entered.
    /// Missing or unreadable drafts are none; drafts are a convenience, the attempt is the truth.
    pub fn load_drafts(attempt: &Path) -> BTreeMap<String, String> {
        std::fs::read_to_string(Self::drafts_path(attempt))
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default()
    }

    /// Save an attempt's drafts, crash-safely (an empty set removes the file).
    pub fn save_drafts(attempt: &Path, drafts: &BTreeMap<String, String>) -> std::io::Result<()> {
        let path = Self::drafts_path(attempt);
        if drafts.is_empty() {
            return match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            };
        }
        let text = serde_json::to_string_pretty(drafts).map_err(std::io::Error::other)?;
        write_atomic(&path, text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Mode;

    fn header(seed: u64) -> Header {
        Header {
            format: crate::model::attempt::FORMAT,
            trainee: "Sam".into(),
            scenario: "home/after".into(),
            scenario_hash: "h".into(),
            seed,
            mode: Mode::Practice,
            started: "2026-11-24T10:00:00.123+00:00".into(),
        }
    }

    #[test]
    fn settings_round_trip_and_a_broken_file_names_its_position() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::at(dir.path().join("nested"));
        assert_eq!(data.load_settings(), (Settings::default(), None));
        let mut s = Settings {
            trainee: "Ana Lima".into(),
            zoom: 1.25,
            ..Settings::default()
        };
        s.window = Some([900.0, 700.0]);
        data.save_settings(&s).unwrap();
        assert_eq!(data.load_settings().0, s);

        std::fs::write(
            dir.path().join("nested/settings.json"),
            "{\n  \"zoom\": \"big\"\n}",
        )
        .unwrap();
        let (loaded, problem) = data.load_settings();
        assert_eq!(loaded, Settings::default());
        let problem = problem.unwrap();
        assert!(problem.contains("settings.json:2:"), "{problem}");
    }

    #[test]
    fn attempt_paths_are_safe_and_never_reused() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::at(dir.path());
        let first = data.new_attempt_path(&header(7)).unwrap();
        assert_eq!(
            first.file_name().unwrap().to_string_lossy(),
            "20261124100000-home_after-seed7.jsonl"
        );
        std::fs::write(&first, "x").unwrap();
        let second = data.new_attempt_path(&header(7)).unwrap();
        assert_ne!(first, second);
        assert!(second.to_string_lossy().ends_with("-seed7-2.jsonl"));
    }

    #[test]
    fn lists_attempts_with_their_state_and_reports_unreadable_files() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::at(dir.path());
        let path = data.new_attempt_path(&header(3)).unwrap();
        let mut w = attempt::AttemptWriter::create(&path, &header(3)).unwrap();
        let mut a = crate::model::Attempt::new(header(3));
        let r = a
            .push(
                crate::model::Action::Open("x".into()),
                "w".into(),
                "s".into(),
            )
            .clone();
        w.append(&r).unwrap();
        std::fs::write(data.attempts().join("junk.jsonl"), "not json\n").unwrap();
        let (found, problems) = data.attempts_list();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].actions, 1);
        assert!(!found[0].handed_in);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].to_string().contains("junk.jsonl:1"));
    }

    #[test]
    fn drafts_round_trip_and_empty_drafts_leave_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let attempt = dir.path().join("a.jsonl");
        let mut drafts = BTreeMap::new();
        drafts.insert("form/goal".to_owned(), "To stay at home".to_owned());
        DataDir::save_drafts(&attempt, &drafts).unwrap();
        assert_eq!(DataDir::load_drafts(&attempt), drafts);
        DataDir::save_drafts(&attempt, &BTreeMap::new()).unwrap();
        assert!(!DataDir::drafts_path(&attempt).exists());
        assert!(DataDir::load_drafts(&attempt).is_empty());
    }
}
