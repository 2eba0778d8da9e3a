//! Diagnostics: every problem found in a file, with its position and the source line.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::span::{LineIndex, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem in one file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable kebab-case code, e.g. `unknown-field`, `unknown-criterion`.
    pub code: &'static str,
    pub message: String,
    pub path: PathBuf,
    /// 1-based.
    pub line: usize,
    /// 1-based, counted in characters.
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// A suggestion: "did you mean `title`?".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Further context: "first defined at a.ron:3:9".
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The source line the problem is on (empty when the file has no text to show).
    #[serde(skip)]
    pub source_line: String,
}

impl Diagnostic {
    /// A problem with a whole file that has no usable text (too large, unreadable).
    pub fn file(severity: Severity, code: &'static str, path: &Path, message: String) -> Self {
        Diagnostic {
            severity,
            code,
            message,
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            help: None,
            notes: Vec::new(),
            source_line: String::new(),
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col: severity: message`, then the source line with the span underlined, then
    /// help and notes, like rustc.
    pub fn render(&self) -> String {
        let mut out = format!(
            "{}:{}:{}: {}: {}\n",
            self.path.display(),
            self.line,
            self.column,
            self.severity.as_str(),
            self.message
        );
        if !self.source_line.is_empty() || self.line > 1 || self.column > 1 {
            let number = self.line.to_string();
            let pad = " ".repeat(number.len());
            let shown: String = self.source_line.replace('\t', " ");
            let width = if self.end_line == self.line {
                self.end_column.saturating_sub(self.column).max(1)
            } else {
                shown.chars().count().saturating_sub(self.column - 1).max(1)
            };
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{number} | {shown}");
            let _ = writeln!(
                out,
                "{pad} | {}{}",
                " ".repeat(self.column.saturating_sub(1)),
                "^".repeat(width)
            );
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "  = help: {help}");
        }
        for note in &self.notes {
            let _ = writeln!(out, "  = note: {note}");
        }
        out
    }
}

/// The text of one file and what is needed to turn spans into positions.
#[derive(Debug)]
pub struct Source {
    pub path: PathBuf,
    pub text: String,
    lines: LineIndex,
}

impl Source {
    pub fn new(path: impl Into<PathBuf>, text: String) -> Self {
        let lines = LineIndex::new(&text);
        Source {
            path: path.into(),
            text,
            lines,
        }
    }

    /// 1-based line and column of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        self.lines.line_col(&self.text, offset)
    }

    /// `path:line:col` of a span's start, for notes.
    pub fn location(&self, span: Span) -> String {
        let (line, col) = self.position(span.start as usize);
        format!("{}:{line}:{col}", self.path.display())
    }

    pub fn diagnostic(
        &self,
        severity: Severity,
        code: &'static str,
        span: Span,
        message: impl Into<String>,
    ) -> Diagnostic {
        let (line, column) = self.position(span.start as usize);
        let (end_line, end_column) = self.position(span.end.max(span.start) as usize);
        Diagnostic {
            severity,
            code,
            message: message.into(),
            path: self.path.clone(),
            line,
            column,
            end_line,
            end_column,
            help: None,
            notes: Vec::new(),
            source_line: self.lines.line_text(&self.text, line).to_owned(),
        }
    }

    pub fn error(&self, code: &'static str, span: Span, message: impl Into<String>) -> Diagnostic {
        self.diagnostic(Severity::Error, code, span, message)
    }

    pub fn warning(
        &self,
        code: &'static str,
        span: Span,
        message: impl Into<String>,
    ) -> Diagnostic {
        self.diagnostic(Severity::Warning, code, span, message)
    }
}

/// Counts for the last line of `casesim check`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
}

impl Summary {
    pub fn of(files: usize, diagnostics: &[Diagnostic]) -> Self {
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        Summary {
            files,
            errors,
            warnings: diagnostics.len() - errors,
        }
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        write!(
            f,
            "{}, {}, {}",
            plural(self.files, "file"),
            plural(self.errors, "error"),
            plural(self.warnings, "warning")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_position_snippet_and_help() {
        let src = Source::new("s.ron", "Scenario(\n    titel: \"x\",\n)".to_owned());
        let d = src
            .error("unknown-field", Span::new(14, 19), "unknown field `titel`")
            .with_help("did you mean `title`?");
        assert_eq!((d.line, d.column, d.end_column), (2, 5, 10));
        let text = d.render();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "s.ron:2:5: error: unknown field `titel`");
        assert_eq!(lines[2], "2 |     titel: \"x\",");
        assert_eq!(lines[3], "  |     ^^^^^");
        assert_eq!(lines[4], "  = help: did you mean `title`?");
    }

    #[test]
    fn summary_counts_and_pluralises() {
        let src = Source::new("a", "x".to_owned());
        let ds = vec![
            src.error("e", Span::new(0, 1), "a"),
            src.warning("w", Span::new(0, 1), "b"),
            src.warning("w", Span::new(0, 1), "c"),
        ];
        assert_eq!(
            Summary::of(1, &ds).to_string(),
            "1 file, 1 error, 2 warnings"
        );
    }
}
