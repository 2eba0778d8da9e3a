//! Attempt files: an append-only log, one JSON object per line.
//!
//! The first line is the [`Header`]; each further line is one [`Record`]. Every record is
//! written with one `write` and flushed to disk (`fsync`) before the action is acknowledged, so
//! a crash or kill at any moment loses nothing acknowledged. A crash part-way through a write
//! leaves a torn last line: loading drops it and says so.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::model::{Action, Attempt, Header, Record};
use crate::sim::{ActionError, Outcome, Session};

/// Why an attempt file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum AttemptFileError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}:1: not a casesim attempt (the first line is not an attempt header: {reason})")]
    NotAnAttempt { path: PathBuf, reason: String },
    #[error("{path}:{line}: record is not readable ({reason}): the file was edited")]
    BadRecord {
        path: PathBuf,
        line: usize,
        reason: String,
    },
}

/// An attempt read from disk.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub attempt: Attempt,
    /// The last line was cut off by a crash and was dropped.
    pub torn_tail: bool,
}

/// Appends records to an attempt file.
#[derive(Debug)]
pub struct AttemptWriter {
    file: File,
    path: PathBuf,
}

fn sync_dir(path: &Path) {
    if let Some(dir) = path.parent()
        && let Ok(d) = File::open(if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        })
    {
        // Not every platform can fsync a folder.
        let _ = d.sync_all();
    }
}

impl AttemptWriter {
    /// Start a new attempt file (refusing to overwrite one) with its header. The file appears
    /// complete with its header or not at all: the header is written to a temporary file, flushed,
    /// then linked into place (a link fails if the name is taken, so nothing is overwritten).
    pub fn create(path: &Path, header: &Header) -> std::io::Result<Self> {
        if path.exists() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                format!("{} already exists", path.display()),
            ));
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = path.with_file_name(format!(".{name}.{}.new", std::process::id()));
        let line = serde_json::to_string(header).map_err(std::io::Error::other)? + "\n";
        let linked = (|| {
            let mut file = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
            file.write_all(line.as_bytes())?;
            file.sync_all()?;
            std::fs::hard_link(&tmp, path)
        })();
        let _ = std::fs::remove_file(&tmp);
        linked?;
        sync_dir(path);
        let file = OpenOptions::new().append(true).open(path)?;
        Ok(AttemptWriter {
            file,
            path: path.to_path_buf(),
        })
    }

    /// Continue an existing attempt file (after [`load`]); a torn last line is cut off first.
    pub fn resume(path: &Path, loaded: &Loaded) -> std::io::Result<Self> {
        let file = OpenOptions::new().read(true).write(true).open(path)?;
        if loaded.torn_tail {
            let text = std::fs::read_to_string(path)?;
            let keep = text.rfind('\n').map_or(0, |i| i + 1);
            file.set_len(keep as u64)?;
            file.sync_all()?;
        }
        let file = OpenOptions::new().append(true).open(path)?;
        Ok(AttemptWriter {
            file,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Write one record and flush it to disk.
    pub fn append(&mut self, record: &Record) -> std::io::Result<()> {
        let line = serde_json::to_string(record).map_err(std::io::Error::other)? + "\n";
        self.file.write_all(line.as_bytes())?;
        self.file.sync_data()
    }
}

/// An attempt being worked: every accepted action is applied to the session, appended to the
/// attempt and written to its file before [`Recorder::apply`] returns.
#[derive(Debug)]
pub struct Recorder {
    attempt: Attempt,
    writer: AttemptWriter,
}

impl Recorder {
    /// Start a new attempt file for `attempt` (which has no actions yet).
    pub fn create(path: &Path, attempt: Attempt) -> std::io::Result<Self> {
        let writer = AttemptWriter::create(path, &attempt.header)?;
        let mut recorder = Recorder { attempt, writer };
        // An attempt given with actions gets them written too.
        let records = std::mem::take(&mut recorder.attempt.records);
        for r in &records {
            recorder.writer.append(r)?;
        }
        recorder.attempt.records = records;
        Ok(recorder)
    }

    /// Continue the attempt in an existing file; a torn last line is cut off. Returns whether
    /// one was.
    pub fn resume(path: &Path) -> Result<(Self, bool), AttemptFileError> {
        let loaded = load(path)?;
        let writer =
            AttemptWriter::resume(path, &loaded).map_err(|source| AttemptFileError::Io {
                path: path.to_path_buf(),
                source,
            })?;
        Ok((
            Recorder {
                attempt: loaded.attempt,
                writer,
            },
            loaded.torn_tail,
        ))
    }

    pub fn attempt(&self) -> &Attempt {
        &self.attempt
    }

    pub fn path(&self) -> &Path {
        self.writer.path()
    }

    /// Apply `action` to `session` and, if it is accepted, record it and write it to disk.
    /// A refusal (the inner error) changes nothing. If the write fails, neither the session nor
    /// the attempt changes either: what is shown never runs ahead of what is saved.
    pub fn apply(
        &mut self,
        session: &mut Session<'_>,
        action: Action,
    ) -> std::io::Result<Result<Outcome, ActionError>> {
        let sim = session.state().clock.format("%Y-%m-%d %H:%M").to_string();
        // `replay` on a copy: the copy is the rollback (`apply` would make a second one).
        let mut next = session.clone();
        let outcome = match next.replay(&action) {
            Ok(outcome) => outcome,
            Err(refused) => return Ok(Err(refused)),
        };
        let wall = chrono::Utc::now().to_rfc3339();
        let record = self.attempt.push(action, wall, sim).clone();
        if let Err(e) = self.writer.append(&record) {
            self.attempt.records.pop();
            return Err(e);
        }
        *session = next;
        Ok(Ok(outcome))
    }
}

/// Write a whole attempt to a new file (header and records), crash-safely.
pub fn save(path: &Path, attempt: &Attempt) -> std::io::Result<()> {
    let mut text = serde_json::to_string(&attempt.header).map_err(std::io::Error::other)? + "\n";
    for r in &attempt.records {
        text.push_str(&serde_json::to_string(r).map_err(std::io::Error::other)?);
        text.push('\n');
    }
    super::write_atomic(path, text.as_bytes())
}

/// Read an attempt file. A torn last line is dropped (and reported in [`Loaded::torn_tail`]);
/// an unreadable line anywhere else is an error.
pub fn load(path: &Path) -> Result<Loaded, AttemptFileError> {
    let text = std::fs::read_to_string(path).map_err(|source| AttemptFileError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse(path, &text)
}

/// Parse the text of an attempt file (see [`load`]).
pub fn parse(path: &Path, text: &str) -> Result<Loaded, AttemptFileError> {
    let complete = text.ends_with('\n');
    let lines: Vec<&str> = text.lines().collect();
    let Some(first) = lines.first() else {
        return Err(AttemptFileError::NotAnAttempt {
            path: path.to_path_buf(),
            reason: "the file is empty".into(),
        });
    };
    let header: Header =
        serde_json::from_str(first).map_err(|e| AttemptFileError::NotAnAttempt {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
    let mut attempt = Attempt::new(header);
    let mut torn_tail = false;
    for (i, line) in lines.iter().enumerate().skip(1) {
        let last = i + 1 == lines.len();
        if last && !complete {
            // The last line without its newline was being written when the writer stopped:
            // it was never acknowledged.
            torn_tail = true;
            continue;
        }
        match serde_json::from_str::<Record>(line) {
            Ok(r) => attempt.records.push(r),
            Err(e) => {
                return Err(AttemptFileError::BadRecord {
                    path: path.to_path_buf(),
                    line: i + 1,
                    reason: e.to_string(),
                });
            }
        }
    }
    Ok(Loaded { attempt, torn_tail })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Action, Integrity, Mode};

    fn header() -> Header {
        Header {
            format: crate::model::attempt::FORMAT,
            trainee: "Sam".into(),
            scenario: "s".into(),
            scenario_hash: "h".into(),
            seed: 1,
            mode: Mode::Assessment,
            started: "2026-11-24T10:00:00Z".into(),
        }
    }

    #[test]
    fn appended_records_load_back_with_a_valid_chain() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.attempt");
        let mut attempt = Attempt::new(header());
        let mut w = AttemptWriter::create(&path, &attempt.header).unwrap();
        for i in 0..5 {
            let r = attempt
                .push(Action::Open(format!("d{i}")), "w".into(), "s".into())
                .clone();
            w.append(&r).unwrap();
        }
        let loaded = load(&path).unwrap();
        assert!(!loaded.torn_tail);
        assert_eq!(loaded.attempt, attempt);
        assert_eq!(loaded.attempt.verify_chain(), Integrity::Ok);
        assert!(
            AttemptWriter::create(&path, &attempt.header).is_err(),
            "never overwrites"
        );
    }

    #[test]
    fn a_torn_last_line_is_dropped_and_can_be_resumed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.attempt");
        let mut attempt = Attempt::new(header());
        let mut w = AttemptWriter::create(&path, &attempt.header).unwrap();
        let r = attempt
            .push(Action::Open("x".into()), "w".into(), "s".into())
            .clone();
        w.append(&r).unwrap();
        drop(w);
        // A crash part-way through writing the second record.
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(b"{\"index\":1,\"wall\":\"w\",\"si").unwrap();
        drop(f);
        let loaded = load(&path).unwrap();
        assert!(loaded.torn_tail);
        assert_eq!(loaded.attempt.records.len(), 1);
        let mut w = AttemptWriter::resume(&path, &loaded).unwrap();
        let mut attempt = loaded.attempt;
        let r = attempt.push(Action::HandIn, "w".into(), "s".into()).clone();
        w.append(&r).unwrap();
        let again = load(&path).unwrap();
        assert!(!again.torn_tail);
        assert_eq!(again.attempt.records.len(), 2);
        assert_eq!(again.attempt.verify_chain(), Integrity::Ok);
    }

    #[test]
    fn an_unreadable_middle_line_is_an_error_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.attempt");
        let mut attempt = Attempt::new(header());
        attempt.push(Action::Open("x".into()), "w".into(), "s".into());
        attempt.push(Action::HandIn, "w".into(), "s".into());
        save(&path, &attempt).unwrap();
        let text = std::fs::read_to_string(&path)
            .unwrap()
            .replacen("\"index\":0", "\"index\":", 1);
        std::fs::write(&path, text).unwrap();
        let err = load(&path).unwrap_err();
        assert!(
            matches!(err, AttemptFileError::BadRecord { line: 2, .. }),
            "{err}"
        );
        std::fs::write(&path, "hello\n").unwrap();
        assert!(matches!(
            load(&path),
            Err(AttemptFileError::NotAnAttempt { .. })
        ));
    }
}
