//! Byte spans in a source file and values that remember where they were written.
//!
//! Every id and reference in a scenario or unit file is read as a [`Spanned`] value so that a
//! semantic problem (an unknown criterion, a dialogue node that points nowhere) can be reported
//! at its own line and column, not just the syntax errors the parser finds.

use std::cell::Cell;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A half-open byte range `start..end` in one source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start: u32::try_from(start).unwrap_or(u32::MAX),
            end: u32::try_from(end).unwrap_or(u32::MAX),
        }
    }

    /// True for the span of a value that was not read from a casesim-parsed file.
    pub fn is_unknown(&self) -> bool {
        self.start == 0 && self.end == 0
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

thread_local! {
    /// The span of the value that the casesim deserializer is about to hand to a `Deserialize`
    /// impl. Set by `scenario::de` immediately before each value is deserialized and taken by
    /// [`Spanned::deserialize`]; other deserializers (ron, serde_json) never set it, so values
    /// they produce carry [`Span::default`].
    static NEXT_SPAN: Cell<Option<Span>> = const { Cell::new(None) };
}

/// Record the span of the value about to be deserialized (see [`NEXT_SPAN`]).
pub(crate) fn set_next_span(span: Option<Span>) {
    NEXT_SPAN.with(|c| c.set(span));
}

fn take_next_span() -> Span {
    NEXT_SPAN.with(|c| c.take()).unwrap_or_default()
}

/// A value together with the span it was written at.
#[derive(Clone, Default)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

impl Spanned<String> {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

impl<T> std::ops::Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<'a, T> IntoIterator for &'a Spanned<Vec<T>> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.value.iter()
    }
}

impl<T: fmt::Debug> fmt::Debug for Spanned<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

impl<T: fmt::Display> fmt::Display for Spanned<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

/// Spans are positions, not content: two values are equal when their values are.
impl<T: PartialEq> PartialEq for Spanned<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<T: Eq> Eq for Spanned<T> {}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let span = take_next_span();
        let value = T::deserialize(deserializer)?;
        Ok(Spanned { value, span })
    }
}

impl<T: Serialize> Serialize for Spanned<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

/// Maps byte offsets of one source text to 1-based line and column (columns count characters).
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { line_starts }
    }

    /// 1-based (line, column) of byte `offset`; an offset past the end maps to the last position.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let mut col = text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(offset - start);
        // A byte-order mark is invisible in every editor: it takes no column.
        if line == 0 && text.starts_with('\u{feff}') && offset >= 3 {
            col -= 1;
        }
        (line + 1, col + 1)
    }

    /// The text of 1-based line `line`, without its line break.
    pub fn line_text<'t>(&self, text: &'t str, line: usize) -> &'t str {
        let Some(&start) = self.line_starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line)
            .map(|&e| e.saturating_sub(1))
            .unwrap_or(text.len());
        let s = text.get(start..end).unwrap_or("");
        s.strip_suffix('\r').unwrap_or(s)
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_from_one() {
        let text = "ab\nçd\n\nx";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 3), (2, 1));
        // 'ç' is two bytes; 'd' is the second character of line 2.
        assert_eq!(idx.line_col(text, 5), (2, 2));
        assert_eq!(idx.line_col(text, 7), (3, 1));
        assert_eq!(idx.line_col(text, 8), (4, 1));
        assert_eq!(idx.line_text(text, 2), "çd");
        assert_eq!(idx.line_text(text, 3), "");
        assert_eq!(idx.line_text(text, 9), "");
        let bom = "\u{feff}Unit(";
        assert_eq!(LineIndex::new(bom).line_col(bom, 3), (1, 1));
        assert_eq!(LineIndex::new(bom).line_col(bom, 7), (1, 5));
    }

    #[test]
    fn spanned_from_other_deserializers_has_unknown_span() {
        let v: Spanned<String> = serde_json::from_str("\"x\"").unwrap();
        assert_eq!(v.value, "x");
        assert!(v.span.is_unknown());
    }
}
