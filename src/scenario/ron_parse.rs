//! A strict, span-preserving parser for RON (Rusty Object Notation).
//!
//! [`parse`] turns RON text into a tree of [`Node`]s in which every value, every struct field
//! name and every struct/variant name carries the byte [`Span`] it was written at; every
//! [`ParseError`] carries the span of the offending token. `scenario::de` deserializes the tree
//! with serde.
//!
//! The parser works on bytes, allocates only the final strings and vectors of the tree, and
//! never recurses more than [`MAX_DEPTH`] levels, so no input can overflow the stack.

use std::fmt;

use super::span::Span;

/// An identifier as written: a struct or variant name, a field name or a bare identifier.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ident {
    /// The identifier, without any `r#` prefix.
    pub name: String,
    /// Where it was written (including any `r#` prefix).
    pub span: Span,
}

/// One RON value and the span of its whole text.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// From the first byte of the value (its name, for `Name(...)`) to just past its last byte.
    pub span: Span,
    /// What kind of value it is.
    pub kind: NodeKind,
}

/// The kinds of RON value.
#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    /// `()`.
    Unit,
    /// `true` or `false`.
    Bool(bool),
    /// An integer: decimal, `0x..`, `0o..` or `0b..`, with optional sign and `_` separators.
    Int(i128),
    /// A floating point number: `1.5`, `-2e3`, `1.`, `.5`.
    Float(f64),
    /// A character literal: `'a'`, `'\n'`, `'\u{1F600}'`.
    Char(char),
    /// A string, escaped `"..."` or raw `r#"..."#`, with its escapes resolved.
    Str(String),
    /// `[a, b]`.
    List(Vec<Node>),
    /// `{k: v, ...}`; keys can be any value.
    Map(Vec<(Node, Node)>),
    /// `Name(a: 1, b: 2)` or `(a: 1)`.
    Struct {
        name: Option<Ident>,
        fields: Vec<(Ident, Node)>,
    },
    /// `Name(1, 2)`, `Some(x)`, `(1, 2)` or `Name()` (no items).
    Tuple {
        name: Option<Ident>,
        items: Vec<Node>,
    },
    /// A bare identifier other than `true`/`false`: a unit struct or unit variant, `None`.
    Ident(Ident),
}

/// A syntax error, with the span of the offending token (empty at the end of the text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// The offending token, or for an unterminated string or comment its opening delimiter.
    pub span: Span,
    /// What was expected and what was found.
    pub message: String,
    /// A short kebab-case code: `syntax`, `unterminated-string`, `unterminated-comment`,
    /// `bad-escape`, `bad-number`, `too-deep` or `trailing-text`.
    pub code: &'static str,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ParseError {}

/// How deeply lists, maps, structs and tuples may be nested.
pub const MAX_DEPTH: usize = 128;

/// Parse one RON document: optional BOM, zero or more `#![enable(...)]` attributes (ignored),
/// one value, then only whitespace and comments.
pub fn parse(text: &str) -> Result<Node, ParseError> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        open: Vec::new(),
        item_stack: Vec::new(),
        field_stack: Vec::new(),
        entry_stack: Vec::new(),
    };
    if text.starts_with('\u{FEFF}') {
        p.pos = '\u{FEFF}'.len_utf8();
    }
    p.skip_attributes()?;
    let node = p.parse_value()?;
    p.skip_ws()?;
    if p.pos < p.bytes.len() {
        let (span, _) = p.found(p.pos);
        return Err(ParseError {
            span,
            message: "unexpected text after the value".to_string(),
            code: "trailing-text",
        });
    }
    Ok(node)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// Where each list, map, struct or tuple being parsed was opened, outermost first.
    open: Vec<usize>,
    /// Items, fields and entries of the containers being parsed, innermost last: each container
    /// pushes here and moves its own into an exactly-sized `Vec` when it closes, so no `Vec` of
    /// the tree is ever regrown.
    item_stack: Vec<Node>,
    field_stack: Vec<(Ident, Node)>,
    entry_stack: Vec<(Node, Node)>,
}

fn is_ascii_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

/// `IDENT_CONTINUE[b]`: byte `b` is an ASCII letter, digit or `_`.
static IDENT_CONTINUE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'_';
        b += 1;
    }
    table
};

fn is_ascii_ident_continue(b: u8) -> bool {
    IDENT_CONTINUE[usize::from(b)]
}

const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);

/// Nonzero high bits (the lowest one exact) where a byte of `word` equals `byte`.
fn bytes_equal(word: u64, byte: u8) -> u64 {
    let x = word ^ (ONES * u64::from(byte));
    x.wrapping_sub(ONES) & !x & HIGHS
}

/// The index of the first `"` or backslash in `b` from `i`, eight bytes at a time.
fn find_quote_or_backslash(b: &[u8], mut i: usize) -> Option<usize> {
    while let Some(chunk) = b.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        let word = u64::from_le_bytes(*chunk);
        let hits = bytes_equal(word, b'"') | bytes_equal(word, b'\\');
        if hits != 0 {
            return Some(i + (hits.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    b.get(i..)?
        .iter()
        .position(|&c| c == b'"' || c == b'\\')
        .map(|k| i + k)
}

/// The index of the first `needle` in `b` from `i`, eight bytes at a time.
fn find_byte(b: &[u8], mut i: usize, needle: u8) -> Option<usize> {
    while let Some(chunk) = b.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        let hits = bytes_equal(u64::from_le_bytes(*chunk), needle);
        if hits != 0 {
            return Some(i + (hits.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    b.get(i..)?.iter().position(|&c| c == needle).map(|k| i + k)
}

/// The index of the first byte from `i` that is not a space, eight bytes at a time.
fn skip_spaces(b: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = b.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        let x = u64::from_le_bytes(*chunk) ^ (ONES * u64::from(b' '));
        // The number of leading (lowest-addressed) spaces: 8 if all are.
        let spaces = (x.trailing_zeros() / 8) as usize;
        i += spaces;
        if spaces < 8 {
            return i;
        }
    }
    while b.get(i) == Some(&b' ') {
        i += 1;
    }
    i
}

/// Characters allowed in a raw identifier `r#...` besides identifier characters.
fn is_raw_ident_extra(b: u8) -> bool {
    matches!(b, b'.' | b'+' | b'-')
}

fn error(span: Span, code: &'static str, message: String) -> ParseError {
    ParseError {
        span,
        message,
        code,
    }
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// The character starting at byte `at`, if `at` is a character boundary inside the text.
    fn char_at(&self, at: usize) -> Option<char> {
        self.text.get(at..).and_then(|s| s.chars().next())
    }

    /// Length in bytes of an identifier-start character at `at`, or 0.
    fn ident_start_len(&self, at: usize) -> usize {
        match self.bytes.get(at) {
            Some(&b) if is_ascii_ident_start(b) => 1,
            Some(&b) if b >= 0x80 => match self.char_at(at) {
                Some(c) if c.is_alphabetic() => c.len_utf8(),
                _ => 0,
            },
            _ => 0,
        }
    }

    /// The end of a run of identifier-continue characters (plus `.+-` if `raw`) from `at`.
    fn ident_end(&self, mut at: usize, raw: bool) -> usize {
        let bytes = self.bytes;
        while bytes.get(at).is_some_and(|&b| is_ascii_ident_continue(b)) {
            at += 1;
        }
        while let Some(&b) = bytes.get(at) {
            if is_ascii_ident_continue(b) || (raw && is_raw_ident_extra(b)) {
                at += 1;
            } else if b >= 0x80 {
                match self.char_at(at) {
                    Some(c) if c.is_alphanumeric() => at += c.len_utf8(),
                    _ => break,
                }
            } else {
                break;
            }
        }
        at
    }

    /// If an identifier (plain or `r#raw`) starts at `at`: its name range and its end.
    fn scan_ident(&self, at: usize) -> Option<(usize, usize, usize)> {
        let b = self.bytes;
        if b.get(at) == Some(&b'r') && b.get(at + 1) == Some(&b'#') {
            let name_start = at + 2;
            let end = self.ident_end(name_start, true);
            return (end > name_start).then_some((name_start, end, end));
        }
        let first = self.ident_start_len(at);
        if first == 0 {
            return None;
        }
        let end = self.ident_end(at + first, false);
        Some((at, end, end))
    }

    /// Describe the token at `at` for an error message, with its span.
    fn found(&self, at: usize) -> (Span, String) {
        let len = self.bytes.len();
        let Some(&b) = self.bytes.get(at) else {
            return (Span::new(len, len), "end of file".to_string());
        };
        if b.is_ascii_digit() || self.ident_start_len(at) > 0 {
            let end = self.ident_end(at, b.is_ascii_digit()).max(at + 1);
            let token = self.text.get(at..end).unwrap_or("?");
            return (Span::new(at, end), format!("`{token}`"));
        }
        match self.char_at(at) {
            Some('"') => (Span::new(at, at + 1), "a string".to_string()),
            Some(c) if c.is_control() => (
                Span::new(at, at + c.len_utf8()),
                format!("`{}`", c.escape_debug()),
            ),
            Some(c) => (Span::new(at, at + c.len_utf8()), format!("`{c}`")),
            None => (Span::new(at, at + 1), format!("byte 0x{b:02x}")),
        }
    }

    /// A syntax error "expected {what}, found ..." at the current position. At the end of the
    /// text inside a list, map, struct or tuple, the error is that the innermost one is never
    /// closed, at its opening bracket.
    fn expected(&self, what: &str) -> ParseError {
        if self.pos >= self.bytes.len()
            && let Some(&open) = self.open.last()
        {
            let bracket = char::from(self.bytes[open]);
            return error(
                Span::new(open, open + 1),
                "syntax",
                format!("this `{bracket}` is never closed: expected {what}, found end of file"),
            );
        }
        let (span, found) = self.found(self.pos);
        error(span, "syntax", format!("expected {what}, found {found}"))
    }

    /// "expected `,` or `{close}`": after `prev`, the item just parsed. If that was a string
    /// running over several lines, its closing quote is probably missing, so say so.
    fn separator_error(&self, close: char, prev: Option<&Node>) -> ParseError {
        let mut e = self.expected(&format!("`,` or `{close}`"));
        if let Some(Node {
            span,
            kind: NodeKind::Str(_),
        }) = prev
            && self
                .text
                .get(span.range())
                .is_some_and(|t| t.contains('\n'))
        {
            e.message.push_str(
                " (the string before it runs over several lines: is its closing `\"` missing?)",
            );
        }
        e
    }

    /// The first position from `i` that is not whitespace or inside a comment.
    fn ws_end(&self, mut i: usize) -> Result<usize, ParseError> {
        let b = self.bytes;
        loop {
            match b.get(i) {
                Some(b' ') => i = skip_spaces(b, i + 1),
                // A line break is usually followed by indentation.
                Some(b'\n') => i = skip_spaces(b, i + 1),
                Some(b'\t' | b'\r') => i += 1,
                Some(b'/') => match b.get(i + 1) {
                    Some(b'/') => {
                        i += 2;
                        i = find_byte(b, i, b'\n').unwrap_or(b.len());
                    }
                    Some(b'*') => {
                        let open = i;
                        i += 2;
                        let mut depth = 1usize;
                        while depth > 0 {
                            match b.get(i) {
                                None => {
                                    return Err(error(
                                        Span::new(open, open + 2),
                                        "unterminated-comment",
                                        "unterminated block comment (opened here)".to_string(),
                                    ));
                                }
                                Some(b'*') if b.get(i + 1) == Some(&b'/') => {
                                    depth -= 1;
                                    i += 2;
                                }
                                Some(b'/') if b.get(i + 1) == Some(&b'*') => {
                                    depth += 1;
                                    i += 2;
                                }
                                _ => i += 1,
                            }
                        }
                    }
                    _ => return Ok(i),
                },
                _ => return Ok(i),
            }
        }
    }

    /// Skip whitespace and comments; cheap when there are none.
    #[inline]
    fn skip_ws(&mut self) -> Result<(), ParseError> {
        if let Some(b' ' | b'\n' | b'\t' | b'\r' | b'/') = self.peek() {
            self.pos = self.ws_end(self.pos)?;
        }
        Ok(())
    }

    /// Consume `byte` (after whitespace) or fail with "expected {what}, found ...".
    fn expect_byte(&mut self, byte: u8, what: &str) -> Result<(), ParseError> {
        self.skip_ws()?;
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.expected(what))
        }
    }

    /// Parse an identifier at the current position, if there is one.
    fn parse_ident(&mut self) -> Option<Ident> {
        let (name_start, name_end, end) = self.scan_ident(self.pos)?;
        let ident = Ident {
            name: self.text.get(name_start..name_end)?.to_string(),
            span: Span::new(self.pos, end),
        };
        self.pos = end;
        Some(ident)
    }

    /// Skip any number of `#![enable(ext, ...)]` attributes.
    fn skip_attributes(&mut self) -> Result<(), ParseError> {
        loop {
            self.skip_ws()?;
            if !self.bytes[self.pos..].starts_with(b"#!") {
                return Ok(());
            }
            self.pos += 2;
            self.expect_byte(b'[', "`[`")?;
            self.skip_ws()?;
            match self.parse_ident() {
                Some(id) if id.name == "enable" => {}
                Some(id) => {
                    return Err(error(
                        id.span,
                        "syntax",
                        format!("expected `enable`, found `{}`", id.name),
                    ));
                }
                None => return Err(self.expected("`enable`")),
            }
            self.expect_byte(b'(', "`(`")?;
            loop {
                self.skip_ws()?;
                if self.peek() == Some(b')') {
                    self.pos += 1;
                    break;
                }
                if self.parse_ident().is_none() {
                    return Err(self.expected("an extension name or `)`"));
                }
                self.skip_ws()?;
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(b')') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(self.expected("`,` or `)`")),
                }
            }
            self.expect_byte(b']', "`]`")?;
        }
    }

    /// Enter a list, map, struct or tuple opened at `open`.
    fn enter(&mut self, open: usize) -> Result<(), ParseError> {
        if self.open.len() >= MAX_DEPTH {
            return Err(error(
                Span::new(open, open + 1),
                "too-deep",
                format!("values are nested more than {MAX_DEPTH} levels deep"),
            ));
        }
        self.open.push(open);
        Ok(())
    }

    /// Leave the innermost list, map, struct or tuple, just past its closing bracket.
    fn leave(&mut self) {
        self.pos += 1;
        self.open.pop();
    }

    fn node(&self, start: usize, kind: NodeKind) -> Node {
        Node {
            span: Span::new(start, self.pos),
            kind,
        }
    }

    /// Parse one value, after optional whitespace.
    fn parse_value(&mut self) -> Result<Node, ParseError> {
        self.skip_ws()?;
        let start = self.pos;
        let Some(b) = self.peek() else {
            return Err(self.expected("a value"));
        };
        match b {
            b'[' => self.parse_list(),
            b'{' => self.parse_map(),
            b'(' => self.parse_parens(None, start),
            b'"' => self.parse_string(),
            b'\'' => self.parse_char(),
            b'0'..=b'9' | b'+' | b'-' | b'.' => self.parse_number(),
            b'r' if matches!(self.bytes.get(start + 1), Some(b'"')) => self.parse_raw_string(),
            b'r' if self.bytes.get(start + 1) == Some(&b'#')
                && self.scan_ident(start).is_none() =>
            {
                self.parse_raw_string()
            }
            _ => {
                let Some(ident) = self.parse_ident() else {
                    return Err(self.expected("a value"));
                };
                let after = self.ws_end(self.pos)?;
                if self.bytes.get(after) == Some(&b'(') {
                    self.pos = after;
                    return self.parse_parens(Some(ident), start);
                }
                let raw = self.bytes[start] == b'r' && self.bytes.get(start + 1) == Some(&b'#');
                let kind = match ident.name.as_str() {
                    "true" if !raw => NodeKind::Bool(true),
                    "false" if !raw => NodeKind::Bool(false),
                    _ => NodeKind::Ident(ident),
                };
                Ok(self.node(start, kind))
            }
        }
    }

    fn parse_list(&mut self) -> Result<Node, ParseError> {
        let start = self.pos;
        self.enter(start)?;
        self.pos += 1;
        let base = self.item_stack.len();
        loop {
            self.skip_ws()?;
            if self.peek() == Some(b']') {
                break;
            }
            let item = self.parse_value()?;
            self.item_stack.push(item);
            self.skip_ws()?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => break,
                _ => return Err(self.separator_error(']', self.item_stack[base..].last())),
            }
        }
        self.leave();
        let items = self.item_stack.drain(base..).collect();
        Ok(self.node(start, NodeKind::List(items)))
    }

    fn parse_map(&mut self) -> Result<Node, ParseError> {
        let start = self.pos;
        self.enter(start)?;
        self.pos += 1;
        let base = self.entry_stack.len();
        loop {
            self.skip_ws()?;
            if self.peek() == Some(b'}') {
                break;
            }
            let key = self.parse_value()?;
            self.expect_byte(b':', "`:` after a map key")?;
            let value = self.parse_value()?;
            self.entry_stack.push((key, value));
            self.skip_ws()?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => break,
                _ => {
                    let last = self.entry_stack[base..].last().map(|(_, v)| v);
                    return Err(self.separator_error('}', last));
                }
            }
        }
        self.leave();
        let entries = self.entry_stack.drain(base..).collect();
        Ok(self.node(start, NodeKind::Map(entries)))
    }

    /// Parse `( ... )` at the current position: unit, struct or tuple, named or not.
    fn parse_parens(&mut self, name: Option<Ident>, start: usize) -> Result<Node, ParseError> {
        let open = self.pos;
        self.enter(open)?;
        self.pos += 1;
        self.skip_ws()?;
        if self.peek() == Some(b')') {
            self.leave();
            let kind = match name {
                None => NodeKind::Unit,
                Some(name) => NodeKind::Tuple {
                    name: Some(name),
                    items: Vec::new(),
                },
            };
            return Ok(self.node(start, kind));
        }
        // A struct if the first entry is `ident :` (but not `ident ::`).
        let is_struct = match self.scan_ident(self.pos) {
            Some((_, _, end)) => {
                let after = self.ws_end(end)?;
                self.bytes.get(after) == Some(&b':') && self.bytes.get(after + 1) != Some(&b':')
            }
            None => false,
        };
        let kind = if is_struct {
            let base = self.field_stack.len();
            loop {
                self.skip_ws()?;
                if self.peek() == Some(b')') {
                    break;
                }
                let Some(field) = self.parse_ident() else {
                    return Err(self.expected("a field name or `)`"));
                };
                self.skip_ws()?;
                if self.peek() != Some(b':') {
                    return Err(self.expected(&format!("`:` after field `{}`", field.name)));
                }
                self.pos += 1;
                let value = self.parse_value()?;
                self.field_stack.push((field, value));
                self.skip_ws()?;
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(b')') => break,
                    _ => {
                        let last = self.field_stack[base..].last().map(|(_, v)| v);
                        return Err(self.separator_error(')', last));
                    }
                }
            }
            let fields = self.field_stack.drain(base..).collect();
            NodeKind::Struct { name, fields }
        } else {
            let base = self.item_stack.len();
            loop {
                self.skip_ws()?;
                if self.peek() == Some(b')') {
                    break;
                }
                let item = self.parse_value()?;
                self.item_stack.push(item);
                self.skip_ws()?;
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(b')') => break,
                    _ => return Err(self.separator_error(')', self.item_stack[base..].last())),
                }
            }
            let items = self.item_stack.drain(base..).collect();
            NodeKind::Tuple { name, items }
        };
        self.leave();
        Ok(self.node(start, kind))
    }

    fn unterminated_string(open: usize, len: usize, what: &str) -> ParseError {
        error(
            Span::new(open, open + len),
            "unterminated-string",
            format!("unterminated {what} (opened here)"),
        )
    }

    /// Resolve the escape whose backslash is at `i`; returns the character and the next index.
    /// `open` is where the enclosing literal starts, for an unterminated-literal error.
    fn parse_escape(&self, i: usize, open: usize, what: &str) -> Result<(char, usize), ParseError> {
        let b = self.bytes;
        let simple = match b.get(i + 1) {
            None => return Err(Self::unterminated_string(open, 1, what)),
            Some(b'"') => Some('"'),
            Some(b'\'') => Some('\''),
            Some(b'\\') => Some('\\'),
            Some(b'n') => Some('\n'),
            Some(b'r') => Some('\r'),
            Some(b't') => Some('\t'),
            Some(b'0') => Some('\0'),
            _ => None,
        };
        if let Some(c) = simple {
            return Ok((c, i + 2));
        }
        match b[i + 1] {
            b'x' => {
                let hex = self.text.get(i + 2..i + 4).unwrap_or("");
                match u8::from_str_radix(hex, 16) {
                    Ok(v)
                        if hex.len() == 2
                            && hex.bytes().all(|c| c.is_ascii_hexdigit())
                            && v <= 0x7f =>
                    {
                        Ok((char::from(v), i + 4))
                    }
                    _ => Err(error(
                        Span::new(i, (i + 4).min(b.len())),
                        "bad-escape",
                        "invalid escape: `\\x` takes two hex digits, at most `\\x7F`".to_string(),
                    )),
                }
            }
            b'u' => {
                let bad = |end: usize| {
                    error(
                        Span::new(i, end.min(b.len())),
                        "bad-escape",
                        "invalid unicode escape: expected `\\u{...}` with 1 to 6 hex digits of a \
                         Unicode scalar value"
                            .to_string(),
                    )
                };
                if b.get(i + 2) != Some(&b'{') {
                    return Err(bad(i + 2));
                }
                let digits = i + 3;
                let mut j = digits;
                let mut value: u32 = 0;
                while let Some(d) = b.get(j).and_then(|&c| char::from(c).to_digit(16)) {
                    if j - digits == 6 {
                        return Err(bad(j + 1));
                    }
                    value = value * 16 + d;
                    j += 1;
                }
                if j == digits || b.get(j) != Some(&b'}') {
                    return Err(bad(j + 1));
                }
                match char::from_u32(value) {
                    Some(c) => Ok((c, j + 1)),
                    None => Err(bad(j + 1)),
                }
            }
            _ => {
                let c = self.char_at(i + 1).unwrap_or('?');
                let shown = if c.is_control() {
                    c.escape_debug().to_string()
                } else {
                    c.to_string()
                };
                Err(error(
                    Span::new(i, i + 1 + c.len_utf8()),
                    "bad-escape",
                    format!("unknown escape `\\{shown}`"),
                ))
            }
        }
    }

    fn parse_string(&mut self) -> Result<Node, ParseError> {
        let open = self.pos;
        let b = self.bytes;
        // Fast path: no escapes.
        let Some(mut i) = find_quote_or_backslash(b, open + 1) else {
            return Err(Self::unterminated_string(open, 1, "string"));
        };
        if b[i] == b'"' {
            let s = self.text.get(open + 1..i).unwrap_or("").to_string();
            self.pos = i + 1;
            return Ok(self.node(open, NodeKind::Str(s)));
        }
        let mut out = String::with_capacity(i - open + 16);
        out.push_str(self.text.get(open + 1..i).unwrap_or(""));
        loop {
            // Here b[i] is a backslash.
            let (c, next) = self.parse_escape(i, open, "string")?;
            out.push(c);
            i = next;
            let run = i;
            i = match find_quote_or_backslash(b, i) {
                Some(k) => k,
                None => return Err(Self::unterminated_string(open, 1, "string")),
            };
            out.push_str(self.text.get(run..i).unwrap_or(""));
            if b[i] == b'"' {
                self.pos = i + 1;
                return Ok(self.node(open, NodeKind::Str(out)));
            }
        }
    }

    /// `r"..."` or `r#"..."#` (any number of `#`).
    fn parse_raw_string(&mut self) -> Result<Node, ParseError> {
        let open = self.pos;
        let b = self.bytes;
        let mut i = open + 1;
        while b.get(i) == Some(&b'#') {
            i += 1;
        }
        let hashes = i - open - 1;
        if b.get(i) != Some(&b'"') {
            self.pos = i;
            return Err(self.expected("`\"` to open the raw string"));
        }
        let content = i + 1;
        let mut j = content;
        loop {
            match find_byte(b, j, b'"') {
                None => {
                    return Err(Self::unterminated_string(
                        open,
                        content - open,
                        "raw string",
                    ));
                }
                Some(quote) => {
                    let close_end = quote + 1 + hashes;
                    if close_end <= b.len() && b[quote + 1..close_end].iter().all(|&c| c == b'#') {
                        let s = self.text.get(content..quote).unwrap_or("").to_string();
                        self.pos = close_end;
                        return Ok(self.node(open, NodeKind::Str(s)));
                    }
                    j = quote + 1;
                }
            }
        }
    }

    fn parse_char(&mut self) -> Result<Node, ParseError> {
        let open = self.pos;
        let b = self.bytes;
        let (c, next) = match b.get(open + 1) {
            None => return Err(Self::unterminated_string(open, 1, "character literal")),
            Some(b'\\') => self.parse_escape(open + 1, open, "character literal")?,
            Some(b'\'') => {
                return Err(error(
                    Span::new(open, open + 2),
                    "syntax",
                    "empty character literal".to_string(),
                ));
            }
            Some(_) => match self.char_at(open + 1) {
                Some(c) => (c, open + 1 + c.len_utf8()),
                None => return Err(Self::unterminated_string(open, 1, "character literal")),
            },
        };
        self.pos = next;
        match self.peek() {
            Some(b'\'') => {
                self.pos += 1;
                Ok(self.node(open, NodeKind::Char(c)))
            }
            None => Err(Self::unterminated_string(open, 1, "character literal")),
            Some(_) => Err(self.expected("`'` to close the character literal")),
        }
    }

    fn parse_number(&mut self) -> Result<Node, ParseError> {
        let start = self.pos;
        let b = self.bytes;
        let mut i = start;
        let negative = match b[i] {
            b'-' => {
                i += 1;
                true
            }
            b'+' => {
                i += 1;
                false
            }
            _ => false,
        };
        let bad = |end: usize, this: &Self| {
            // Extend over the rest of the number-like token for the span.
            let end = this.ident_end(end, true).max(end);
            let token = this.text.get(start..end).unwrap_or("?");
            error(
                Span::new(start, end),
                "bad-number",
                format!("invalid number `{token}`"),
            )
        };
        let out_of_range = |end: usize| {
            error(
                Span::new(start, end),
                "bad-number",
                "number out of range".to_string(),
            )
        };
        let radix = match (b.get(i), b.get(i + 1)) {
            (Some(b'0'), Some(b'x')) => 16,
            (Some(b'0'), Some(b'o')) => 8,
            (Some(b'0'), Some(b'b')) => 2,
            _ => 10,
        };
        let mut value: Option<u128> = Some(0);
        let mut digits = 0usize;
        let mut underscores = false;
        if radix != 10 {
            i += 2;
        }
        while let Some(&c) = b.get(i) {
            if c == b'_' {
                underscores = true;
            } else if let Some(d) = char::from(c).to_digit(radix) {
                digits += 1;
                value = value.and_then(|v| v.checked_mul(u128::from(radix))?.checked_add(d.into()));
            } else {
                break;
            }
            i += 1;
        }
        let mut is_float = false;
        if radix == 10 {
            if b.get(i) == Some(&b'.') {
                is_float = true;
                i += 1;
                while let Some(&c) = b.get(i) {
                    if c.is_ascii_digit() {
                        digits += 1;
                    } else if c == b'_' {
                        underscores = true;
                    } else {
                        break;
                    }
                    i += 1;
                }
            }
            if digits > 0 && matches!(b.get(i), Some(b'e' | b'E')) {
                let mut j = i + 1;
                if matches!(b.get(j), Some(b'+' | b'-')) {
                    j += 1;
                }
                if b.get(j).is_some_and(u8::is_ascii_digit) {
                    is_float = true;
                    while b.get(j).is_some_and(|&c| c.is_ascii_digit() || c == b'_') {
                        underscores |= b[j] == b'_';
                        j += 1;
                    }
                    i = j;
                }
            }
        }
        if digits == 0
            || b.get(i)
                .is_some_and(|&c| is_ascii_ident_continue(c) || c == b'.')
        {
            return Err(bad(i, self));
        }
        if b.get(i).is_some_and(|&c| c >= 0x80) && self.ident_end(i, false) > i {
            return Err(bad(i, self));
        }
        self.pos = i;
        if is_float {
            let raw = self.text.get(start..i).unwrap_or("");
            let parsed = if underscores {
                raw.replace('_', "").parse::<f64>()
            } else {
                raw.parse::<f64>()
            };
            return match parsed {
                Ok(f) if f.is_finite() => Ok(self.node(start, NodeKind::Float(f))),
                Ok(_) => Err(out_of_range(i)),
                Err(_) => Err(bad(i, self)),
            };
        }
        let Some(magnitude) = value else {
            return Err(out_of_range(i));
        };
        let int = if negative {
            if magnitude == 1u128 << 127 {
                Some(i128::MIN)
            } else {
                i128::try_from(magnitude).ok().map(|v| -v)
            }
        } else {
            i128::try_from(magnitude).ok()
        };
        match int {
            Some(v) => Ok(self.node(start, NodeKind::Int(v))),
            None => Err(out_of_range(i)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn kind(text: &str) -> NodeKind {
        match parse(text) {
            Ok(node) => node.kind,
            Err(e) => panic!("{text:?} failed to parse: {e:?}"),
        }
    }

    fn err(text: &str) -> ParseError {
        match parse(text) {
            Ok(node) => panic!("{text:?} parsed as {node:?}"),
            Err(e) => e,
        }
    }

    fn span(start: usize, end: usize) -> Span {
        Span::new(start, end)
    }

    fn str_of(text: &str) -> String {
        match kind(text) {
            NodeKind::Str(s) => s,
            other => panic!("{text:?} is {other:?}"),
        }
    }

    fn int_of(text: &str) -> i128 {
        match kind(text) {
            NodeKind::Int(i) => i,
            other => panic!("{text:?} is {other:?}"),
        }
    }

    fn float_of(text: &str) -> f64 {
        match kind(text) {
            NodeKind::Float(f) => f,
            other => panic!("{text:?} is {other:?}"),
        }
    }

    #[test]
    fn scalars() {
        assert_eq!(kind("()"), NodeKind::Unit);
        assert_eq!(kind("true"), NodeKind::Bool(true));
        assert_eq!(kind(" false "), NodeKind::Bool(false));
        assert_eq!(kind("'a'"), NodeKind::Char('a'));
        assert_eq!(kind(r"'\n'"), NodeKind::Char('\n'));
        assert_eq!(kind(r"'\''"), NodeKind::Char('\''));
        assert_eq!(kind(r"'\\'"), NodeKind::Char('\\'));
        assert_eq!(kind(r"'\u{1F600}'"), NodeKind::Char('😀'));
        assert_eq!(kind("'é'"), NodeKind::Char('é'));
        assert_eq!(kind("'\n'"), NodeKind::Char('\n'));
    }

    #[test]
    fn integers() {
        assert_eq!(int_of("0"), 0);
        assert_eq!(int_of("42"), 42);
        assert_eq!(int_of("-42"), -42);
        assert_eq!(int_of("+7"), 7);
        assert_eq!(int_of("1_000_000"), 1_000_000);
        assert_eq!(int_of("0xFF"), 255);
        assert_eq!(int_of("0xff_ff"), 0xffff);
        assert_eq!(int_of("-0x10"), -16);
        assert_eq!(int_of("0o17"), 15);
        assert_eq!(int_of("0b1010_1010"), 0xaa);
        assert_eq!(int_of("007"), 7);
        assert_eq!(int_of(&i128::MAX.to_string()), i128::MAX);
        assert_eq!(int_of(&i128::MIN.to_string()), i128::MIN);
        assert_eq!(int_of(&u64::MAX.to_string()), i128::from(u64::MAX));
    }

    #[test]
    fn floats() {
        assert_eq!(float_of("1.5"), 1.5);
        assert_eq!(float_of("-2e3"), -2000.0);
        assert_eq!(float_of("2E-3"), 0.002);
        assert_eq!(float_of("1."), 1.0);
        assert_eq!(float_of(".5"), 0.5);
        assert_eq!(float_of("-.5"), -0.5);
        assert_eq!(float_of("1_000.25"), 1000.25);
        assert_eq!(float_of("1e300"), 1e300);
        assert_eq!(float_of("0.1"), 0.1);
        assert_eq!(float_of("-0.0").to_bits(), (-0.0f64).to_bits());
        let NodeKind::List(items) = kind("[1.,2]") else {
            panic!("not a list")
        };
        assert_eq!(items[0].kind, NodeKind::Float(1.0));
        assert_eq!(items[1].kind, NodeKind::Int(2));
    }

    #[test]
    fn strings_and_escapes() {
        assert_eq!(str_of(r#""""#), "");
        assert_eq!(str_of(r#""plain é 😀""#), "plain é 😀");
        assert_eq!(
            str_of(r#""q\" b\\ n\n r\r t\t z\0 a\' x\x41 u\u{e9}\u{1F600}""#),
            "q\" b\\ n\n r\r t\t z\0 a' xA u\u{e9}😀"
        );
        assert_eq!(str_of("\"two\nlines\""), "two\nlines");
        assert_eq!(str_of(r#"r"raw \n""#), "raw \\n");
        assert_eq!(str_of(r###"r#"has "quotes""#"###), "has \"quotes\"");
        assert_eq!(str_of(r####"r##"a "# b"##"####), "a \"# b");
        assert_eq!(str_of("r\"multi\nline\""), "multi\nline");
    }

    #[test]
    fn lists_maps_structs_tuples() {
        let NodeKind::List(items) = kind("[1, 2, 3,]") else {
            panic!("not a list")
        };
        assert_eq!(items.len(), 3);
        assert_eq!(kind("[]"), NodeKind::List(vec![]));

        let NodeKind::Map(entries) = kind(r#"{"a": 1, 2: [], (1, 2): x,}"#) else {
            panic!("not a map")
        };
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[0].0.kind, NodeKind::Str("a".into()));
        assert!(matches!(
            entries[2].0.kind,
            NodeKind::Tuple { name: None, .. }
        ));
        assert!(matches!(&entries[2].1.kind, NodeKind::Ident(id) if id.name == "x"));

        let NodeKind::Struct { name, fields } = kind("Point(x: 1, y: -2,)") else {
            panic!("not a struct")
        };
        assert_eq!(name.map(|n| n.name), Some("Point".to_string()));
        assert_eq!(fields[0].0.name, "x");
        assert_eq!(fields[1].1.kind, NodeKind::Int(-2));

        let NodeKind::Struct { name, fields } = kind("( a : 1 )") else {
            panic!("not a struct")
        };
        assert!(name.is_none());
        assert_eq!(fields.len(), 1);

        let NodeKind::Tuple { name, items } = kind("Some(x)") else {
            panic!("not a tuple")
        };
        assert_eq!(name.map(|n| n.name), Some("Some".to_string()));
        assert!(matches!(&items[0].kind, NodeKind::Ident(id) if id.name == "x"));

        let NodeKind::Tuple { name, items } = kind("(1, \"a\",)") else {
            panic!("not a tuple")
        };
        assert!(name.is_none());
        assert_eq!(items.len(), 2);

        let NodeKind::Tuple { name, items } = kind("Empty()") else {
            panic!("not a tuple")
        };
        assert_eq!(name.map(|n| n.name), Some("Empty".to_string()));
        assert!(items.is_empty());

        // `(a)` is a one-item tuple holding an identifier, not a struct.
        assert!(
            matches!(kind("(a)"), NodeKind::Tuple { name: None, ref items } if items.len() == 1)
        );
        assert!(matches!(kind("None"), NodeKind::Ident(ref id) if id.name == "None"));
        assert!(matches!(kind("r#true"), NodeKind::Ident(ref id) if id.name == "true"));
        assert!(
            matches!(kind("(r#type: 1)"), NodeKind::Struct { ref fields, .. } if fields[0].0.name == "type")
        );
        assert!(matches!(kind("Été"), NodeKind::Ident(ref id) if id.name == "Été"));
    }

    #[test]
    fn comments_attributes_bom() {
        let text = "\u{FEFF}#![enable(implicit_some)]\n#![enable( unwrap_newtypes, )]\n\
                    // a comment\n/* outer /* nested */ still comment */ [1, /* in */ 2 // end\n]";
        let NodeKind::List(items) = kind(text) else {
            panic!("not a list")
        };
        assert_eq!(items.len(), 2);
        assert_eq!(kind("/**/ 1 /* trailing */ // x"), NodeKind::Int(1));
        assert_eq!(kind("#![enable()] 3"), NodeKind::Int(3));
    }

    #[test]
    fn spans_cover_whole_values() {
        let text = "Outer(inner: [1, Name(a: \"xy\")], t: (2, 3))";
        let node = parse(text).unwrap();
        assert_eq!(node.span, span(0, text.len()));
        let NodeKind::Struct { fields, name } = node.kind else {
            panic!()
        };
        assert_eq!(name.unwrap().span, span(0, 5));
        assert_eq!(fields[0].0.span, span(6, 11));
        let list = &fields[0].1;
        assert_eq!(&text[list.span.range()], "[1, Name(a: \"xy\")]");
        let NodeKind::List(items) = &list.kind else {
            panic!()
        };
        assert_eq!(items[0].span, span(14, 15));
        assert_eq!(&text[items[1].span.range()], "Name(a: \"xy\")");
        let NodeKind::Struct { fields: inner, .. } = &items[1].kind else {
            panic!()
        };
        assert_eq!(inner[0].1.span, span(25, 29));
        assert_eq!(&text[inner[0].1.span.range()], "\"xy\"");
        assert_eq!(&text[fields[1].1.span.range()], "(2, 3)");
        // An identifier's span excludes trailing whitespace; a raw identifier's includes `r#`.
        let node = parse("[ None , r#x ]").unwrap();
        let NodeKind::List(items) = node.kind else {
            panic!()
        };
        assert_eq!(items[0].span, span(2, 6));
        assert_eq!(items[1].span, span(9, 12));
    }

    fn check_err(text: &str, code: &str, start: usize, end: usize, message: &str) {
        let e = err(text);
        assert_eq!(e.code, code, "{text:?}: {e:?}");
        assert_eq!(e.span, span(start, end), "{text:?}: {e:?}");
        assert!(
            e.message.contains(message),
            "{text:?}: {:?} lacks {message:?}",
            e.message
        );
    }

    #[test]
    fn errors_have_codes_and_spans() {
        check_err(
            "[1, \"abc",
            "unterminated-string",
            4,
            5,
            "unterminated string (opened here)",
        );
        check_err(
            "r#\"abc\"",
            "unterminated-string",
            0,
            3,
            "unterminated raw string",
        );
        check_err(
            "'a",
            "unterminated-string",
            0,
            1,
            "unterminated character literal",
        );
        check_err(
            "[1, /* a /* b */ ]",
            "unterminated-comment",
            4,
            6,
            "unterminated block comment (opened here)",
        );
        check_err(
            "(a: 1 b: 2)",
            "syntax",
            6,
            7,
            "expected `,` or `)`, found `b`",
        );
        check_err(
            "(1 foo)",
            "syntax",
            3,
            6,
            "expected `,` or `)`, found `foo`",
        );
        check_err("[1 2]", "syntax", 3, 4, "expected `,` or `]`, found `2`");
        check_err("[1, )", "syntax", 4, 5, "expected a value, found `)`");
        check_err(")", "syntax", 0, 1, "expected a value, found `)`");
        check_err(
            "1 2",
            "trailing-text",
            2,
            3,
            "unexpected text after the value",
        );
        check_err(
            "(a: 1) foo",
            "trailing-text",
            7,
            10,
            "unexpected text after the value",
        );
        check_err(r#""a\qb""#, "bad-escape", 2, 4, "unknown escape `\\q`");
        check_err(
            r#""\u{110000}""#,
            "bad-escape",
            1,
            11,
            "invalid unicode escape",
        );
        check_err(r#""\u{}""#, "bad-escape", 1, 5, "invalid unicode escape");
        check_err(r#""\x80""#, "bad-escape", 1, 5, "invalid escape");
        check_err("", "syntax", 0, 0, "expected a value, found end of file");
        check_err(
            "  // only a comment\n",
            "syntax",
            20,
            20,
            "found end of file",
        );
        check_err(
            "[1, 2",
            "syntax",
            0,
            1,
            "this `[` is never closed: expected `,` or `]`, found end of file",
        );
        check_err(
            "(a: [1], b: ",
            "syntax",
            0,
            1,
            "this `(` is never closed: expected a value",
        );
        check_err("{1: (2, [3]", "syntax", 4, 5, "this `(` is never closed");
        check_err(
            "(a: \"x,\n b: \"y\")",
            "syntax",
            13,
            14,
            "expected `,` or `)`, found `y` (the string before it runs over several lines: is its closing `\"` missing?)",
        );
        check_err("@", "syntax", 0, 1, "expected a value, found `@`");
        check_err("[€]", "syntax", 1, 4, "expected a value, found `€`");
        check_err(
            "{1 2}",
            "syntax",
            3,
            4,
            "expected `:` after a map key, found `2`",
        );
        check_err(
            "(a: 1, 2)",
            "syntax",
            7,
            8,
            "expected a field name or `)`, found `2`",
        );
        check_err("''", "syntax", 0, 2, "empty character literal");
        check_err("'ab'", "syntax", 2, 3, "expected `'` to close");
        check_err(
            "#![foo()] 1",
            "syntax",
            3,
            6,
            "expected `enable`, found `foo`",
        );
    }

    #[test]
    fn number_errors() {
        let big = "170141183460469231731687303715884105728"; // i128::MAX + 1
        check_err(big, "bad-number", 0, big.len(), "number out of range");
        let huge = "9".repeat(60);
        check_err(&huge, "bad-number", 0, 60, "number out of range");
        check_err(
            "0xffffffffffffffffffffffffffffffffff",
            "bad-number",
            0,
            36,
            "number out of range",
        );
        check_err("1e999", "bad-number", 0, 5, "number out of range");
        check_err("[12abc]", "bad-number", 1, 6, "invalid number `12abc`");
        check_err("1.2.3", "bad-number", 0, 5, "invalid number `1.2.3`");
        check_err("0x", "bad-number", 0, 2, "invalid number `0x`");
        check_err("0b102", "bad-number", 0, 5, "invalid number `0b102`");
        check_err("-", "bad-number", 0, 1, "invalid number `-`");
        check_err("[-]", "bad-number", 1, 2, "invalid number `-`");
        check_err("1e", "bad-number", 0, 2, "invalid number `1e`");
        assert_eq!(int_of(&format!("-{big}")), i128::MIN);
    }

    #[test]
    fn depth_is_limited_without_overflowing_the_stack() {
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
        let too = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        check_err(
            &too,
            "too-deep",
            MAX_DEPTH,
            MAX_DEPTH + 1,
            "more than 128 levels",
        );
        check_err(
            &"[".repeat(10_000),
            "too-deep",
            128,
            129,
            "nested more than 128 levels deep",
        );
        let mixed = "(a: {1: [Some(".repeat(5_000);
        assert_eq!(err(&mixed).code, "too-deep");
    }

    const RICH: &str = r####"#![enable(implicit_some)]
// A document using every construct.
Doc(
    name: "a \"quoted\" \\ string\n\u{1F600}",
    raw: r#"raw "text""#,
    chars: ['a', '\'', '\u{e9}'],
    ints: [0x1F, 0o7, 0b11, 1_000, -5, +6],
    floats: [1.5, -2e3, 1., .5],
    map: {"k": (1, 2), 3: Unit, Some(4): None},
    /* block /* nested */ */ nested: Inner(x: Named(1), y: Empty(), z: ()),
)
"####;

    #[test]
    fn truncating_a_valid_document_never_panics() {
        assert!(parse(RICH).is_ok());
        for i in 0..RICH.len() {
            if let Some(prefix) = RICH.get(..i) {
                let _ = parse(prefix);
            }
        }
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_panics(s in ".*") {
            let _ = parse(&s);
        }

        #[test]
        fn ron_like_text_never_panics(s in r#"[\[\](){}:,"'/*#!rxubo0-9a-fA-F_. \\+\-eE\n]{0,64}"#) {
            if let Err(e) = parse(&s) {
                prop_assert!(e.span.start <= e.span.end);
                prop_assert!(e.span.end as usize <= s.len());
            }
        }

        #[test]
        fn edited_documents_never_panic(at in 0..RICH.len(), insert in ".{0,3}", cut in 0usize..4) {
            if let (Some(head), Some(tail)) = (RICH.get(..at), RICH.get((at + cut).min(RICH.len())..)) {
                let text = format!("{head}{insert}{tail}");
                if let Err(e) = parse(&text) {
                    prop_assert!(e.span.end as usize <= text.len());
                }
            }
        }
    }
}
