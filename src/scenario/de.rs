//! A serde `Deserializer` over the span-carrying RON tree of [`super::ron_parse`].
//!
//! The deserializer consumes the tree, so strings are moved into the visitors, not copied.
//! Before each value is handed to a `Deserialize` impl its span is recorded with
//! `set_next_span` (see [`super::Spanned`]), and every error leaves with the span of the
//! innermost value (or field name, or variant name) it is about.
//!
//! The representation is RON's: structs are `Name(field: value, ...)` or `(field: value, ...)`,
//! enums are externally tagged (`Unit`, `Newtype(x)`, `Tuple(a, b)`, `Struct(a: 1)`), options are
//! `None`, `Some(x)` or just `x` (implicit `Some`), newtypes are unwrapped.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, Expected, IntoDeserializer,
    MapAccess, SeqAccess, Unexpected, VariantAccess, Visitor,
};

use super::ron_parse::{self, Ident, Node, NodeKind, ParseError};
use super::span::{Span, set_next_span};
use super::suggest::did_you_mean;

/// An error from parsing or deserializing RON, with the span of the value it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeError {
    /// What went wrong, e.g. "unknown field `titel` in `Scenario`".
    pub message: String,
    /// The innermost value, field name or variant name concerned, if known.
    pub span: Option<Span>,
    /// A short kebab-case code: a [`ParseError`] code, or `unknown-field`, `missing-field`,
    /// `duplicate-field`, `unknown-variant`, `invalid-type`, `invalid-value`, `invalid-length`,
    /// `wrong-name`.
    pub code: &'static str,
    /// A suggestion such as "did you mean `title`?". Not part of the `Display` output.
    pub help: Option<String>,
}

impl DeError {
    fn new(code: &'static str, message: String) -> Self {
        DeError {
            message,
            span: None,
            code,
            help: None,
        }
    }

    /// Attach `span` unless the error already has one (an inner span is more precise).
    fn with_span(mut self, span: Span) -> Self {
        if self.span.is_none() {
            self.span = Some(span);
        }
        self
    }

    /// Name the struct a field error is about: "unknown field `x`" → "... in `Name`".
    fn in_struct(mut self, name: &str) -> Self {
        if matches!(
            self.code,
            "unknown-field" | "missing-field" | "duplicate-field"
        ) {
            self.message.push_str(" in `");
            self.message.push_str(name);
            self.message.push('`');
        }
        self
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl From<ParseError> for DeError {
    fn from(e: ParseError) -> Self {
        DeError {
            message: e.message,
            span: Some(e.span),
            code: e.code,
            help: None,
        }
    }
}

/// "did you mean `x`?" if one of `expected` is close to `wrong`, else the list of them.
fn suggestion(wrong: &str, expected: &[&str]) -> Option<String> {
    if let Some(best) = did_you_mean(wrong, expected.iter().copied()) {
        return Some(format!("did you mean `{best}`?"));
    }
    match expected {
        [] => None,
        [one] => Some(format!("expected `{one}`")),
        _ => {
            let list: Vec<String> = expected.iter().map(|e| format!("`{e}`")).collect();
            Some(format!("expected one of {}", list.join(", ")))
        }
    }
}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError::new("invalid-value", msg.to_string())
    }

    fn invalid_type(unexp: Unexpected<'_>, exp: &dyn Expected) -> Self {
        DeError::new("invalid-type", format!("expected {exp}, found {unexp}"))
    }

    fn invalid_value(unexp: Unexpected<'_>, exp: &dyn Expected) -> Self {
        DeError::new("invalid-value", format!("expected {exp}, found {unexp}"))
    }

    fn invalid_length(len: usize, exp: &dyn Expected) -> Self {
        DeError::new(
            "invalid-length",
            format!("expected {exp}, found {len} items"),
        )
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        DeError {
            help: suggestion(variant, expected),
            ..DeError::new("unknown-variant", format!("unknown variant `{variant}`"))
        }
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        DeError {
            help: suggestion(field, expected),
            ..DeError::new("unknown-field", format!("unknown field `{field}`"))
        }
    }

    fn missing_field(field: &'static str) -> Self {
        DeError::new("missing-field", format!("missing field `{field}`"))
    }

    fn duplicate_field(field: &'static str) -> Self {
        DeError::new("duplicate-field", format!("field `{field}` is given twice"))
    }
}

/// Parse RON text and deserialize it; a [`ParseError`] keeps its span, code and message.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, DeError> {
    from_node(ron_parse::parse(text)?)
}

/// Deserialize a parsed RON tree, consuming it.
pub fn from_node<T: DeserializeOwned>(node: Node) -> Result<T, DeError> {
    let result = deserialize_node(PhantomData::<T>, node);
    set_next_span(None);
    result
}

/// Hand a value written at `span` to `seed`: record the span for [`super::Spanned`] just
/// before, and give an error from it this span if it has none yet. Every value, field name and
/// variant name goes through here.
fn deserialize_spanned<'de, S, D>(seed: S, span: Span, de: D) -> Result<S::Value, DeError>
where
    S: DeserializeSeed<'de>,
    D: Deserializer<'de, Error = DeError>,
{
    set_next_span(Some(span));
    seed.deserialize(de).map_err(|e| e.with_span(span))
}

fn deserialize_node<'de, S: DeserializeSeed<'de>>(
    seed: S,
    node: Node,
) -> Result<S::Value, DeError> {
    deserialize_spanned(seed, node.span, NodeDeserializer(node))
}

/// The "invalid type" error for `node` where `exp` was wanted.
fn invalid_type(node: &Node, exp: &dyn Expected) -> DeError {
    let desc: String;
    let unexp = match &node.kind {
        NodeKind::Unit => Unexpected::Unit,
        NodeKind::Bool(b) => Unexpected::Bool(*b),
        NodeKind::Int(i) => {
            if let Ok(u) = u64::try_from(*i) {
                Unexpected::Unsigned(u)
            } else if let Ok(s) = i64::try_from(*i) {
                Unexpected::Signed(s)
            } else {
                desc = format!("integer `{i}`");
                Unexpected::Other(&desc)
            }
        }
        NodeKind::Float(f) => Unexpected::Float(*f),
        NodeKind::Char(c) => Unexpected::Char(*c),
        NodeKind::Str(s) => Unexpected::Str(s),
        NodeKind::List(_) => Unexpected::Other("list"),
        NodeKind::Map(_) => Unexpected::Other("map"),
        NodeKind::Struct { name: Some(n), .. } => {
            desc = format!("struct `{}(...)`", n.name);
            Unexpected::Other(&desc)
        }
        NodeKind::Struct { name: None, .. } => Unexpected::Other("struct"),
        NodeKind::Tuple { name: Some(n), .. } => {
            desc = format!("`{}(...)`", n.name);
            Unexpected::Other(&desc)
        }
        NodeKind::Tuple { name: None, .. } => Unexpected::Other("tuple"),
        NodeKind::Ident(id) => {
            desc = format!("identifier `{}`", id.name);
            Unexpected::Other(&desc)
        }
    };
    de::Error::invalid_type(unexp, exp)
}

/// `found` was written where `expected{shape}` was wanted, e.g. `Clinet(...)` for `Client`.
fn wrong_name(expected: &str, found: &Ident, shape: &str) -> DeError {
    let help = match did_you_mean(&found.name, [expected]) {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!("write `{expected}{shape}`, or leave the name out"),
    };
    DeError {
        message: format!(
            "expected `{expected}{shape}`, found `{}{shape}`",
            found.name
        ),
        span: Some(found.span),
        code: "wrong-name",
        help: Some(help),
    }
}

/// Ok unless `name` is given and differs from `expected`.
fn check_name(name: Option<&Ident>, expected: &str, shape: &str) -> Result<(), DeError> {
    match name {
        Some(n) if n.name != expected => Err(wrong_name(expected, n, shape)),
        _ => Ok(()),
    }
}

fn visit_int<'de, V: Visitor<'de>>(i: i128, visitor: V) -> Result<V::Value, DeError> {
    if let Ok(u) = u64::try_from(i) {
        visitor.visit_u64(u)
    } else if let Ok(s) = i64::try_from(i) {
        visitor.visit_i64(s)
    } else if let Ok(u) = u128::try_from(i) {
        visitor.visit_u128(u)
    } else {
        visitor.visit_i128(i)
    }
}

/// Visit `items` as a sequence; items the visitor leaves unread are an error at the first.
fn visit_items<'de, V: Visitor<'de>>(items: Vec<Node>, visitor: V) -> Result<V::Value, DeError> {
    let total = items.len();
    let mut seq = SeqNodes(items.into_iter());
    let value = visitor.visit_seq(&mut seq)?;
    match seq.0.next() {
        None => Ok(value),
        Some(extra) => {
            let read = total - seq.0.len() - 1;
            let e: DeError = de::Error::invalid_length(total, &ExpectedItems(read));
            Err(e.with_span(extra.span))
        }
    }
}

/// Visit struct fields as a map whose keys are identifiers. Field errors are named after
/// `name`; a duplicate field is reported at its second key.
fn visit_fields<'de, V: Visitor<'de>>(
    fields: Vec<(Ident, Node)>,
    name: Option<&str>,
    visitor: V,
) -> Result<V::Value, DeError> {
    let mut access = FieldsAccess {
        iter: fields.into_iter(),
        value: None,
        last_key: Span::default(),
        value_failed: false,
    };
    visitor.visit_map(&mut access).map_err(|e| {
        if access.value_failed {
            return e;
        }
        let e = if e.code == "duplicate-field" {
            e.with_span(access.last_key)
        } else {
            e
        };
        match name {
            Some(name) => e.in_struct(name),
            None => e,
        }
    })
}

struct ExpectedItems(usize);

impl Expected for ExpectedItems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} items", self.0)
    }
}

/// Calls `visit_some` with the deserializer it is given (so `Some` content goes through
/// [`deserialize_spanned`] like any other value).
struct SomeSeed<V>(V);

impl<'de, V: Visitor<'de>> DeserializeSeed<'de> for SomeSeed<V> {
    type Value = V::Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.0.visit_some(d)
    }
}

/// Calls `visit_newtype_struct` with the deserializer it is given.
struct NewtypeSeed<V>(V);

impl<'de, V: Visitor<'de>> DeserializeSeed<'de> for NewtypeSeed<V> {
    type Value = V::Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.0.visit_newtype_struct(d)
    }
}

/// Deserializes one owned [`Node`].
struct NodeDeserializer(Node);

macro_rules! deserialize_ints {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            match self.0.kind {
                NodeKind::Int(i) => visit_int(i, visitor),
                _ => Err(invalid_type(&self.0, &visitor)),
            }
        }
    )*};
}

macro_rules! deserialize_floats {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            match self.0.kind {
                NodeKind::Float(f) => visitor.visit_f64(f),
                NodeKind::Int(i) => visitor.visit_f64(i as f64),
                _ => Err(invalid_type(&self.0, &visitor)),
            }
        }
    )*};
}

impl<'de> Deserializer<'de> for NodeDeserializer {
    type Error = DeError;

    /// Self-describing: unit, bool, integer, float, char and string visit as such; a list or
    /// unnamed tuple as a sequence; a map as a map; a struct as a map with string keys; `None`
    /// and `Some(x)` as an option; any other identifier as a string; and any other named tuple
    /// `Name(a, b)` as the sequence of its items (the name is dropped).
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0.kind {
            NodeKind::Unit => visitor.visit_unit(),
            NodeKind::Bool(b) => visitor.visit_bool(b),
            NodeKind::Int(i) => visit_int(i, visitor),
            NodeKind::Float(f) => visitor.visit_f64(f),
            NodeKind::Char(c) => visitor.visit_char(c),
            NodeKind::Str(s) => visitor.visit_string(s),
            NodeKind::List(items) => visit_items(items, visitor),
            NodeKind::Map(entries) => visitor.visit_map(MapNodes {
                iter: entries.into_iter(),
                value: None,
            }),
            NodeKind::Struct { name, fields } => {
                visit_fields(fields, name.as_ref().map(|n| n.name.as_str()), visitor)
            }
            NodeKind::Ident(id) if id.name == "None" => visitor.visit_none(),
            NodeKind::Ident(id) => visitor.visit_string(id.name),
            NodeKind::Tuple {
                name: Some(name),
                mut items,
            } if name.name == "Some" && items.len() == 1 => match items.pop() {
                Some(item) => deserialize_node(SomeSeed(visitor), item),
                None => visitor.visit_none(),
            },
            NodeKind::Tuple { items, .. } => visit_items(items, visitor),
        }
    }

    deserialize_ints! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
    }

    deserialize_floats! { deserialize_f32 deserialize_f64 }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0.kind {
            NodeKind::Bool(b) => visitor.visit_bool(b),
            _ => Err(invalid_type(&self.0, &visitor)),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.0.kind {
            NodeKind::Char(c) => visitor.visit_char(*c),
            NodeKind::Str(s) => {
                let mut chars = s.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => visitor.visit_char(c),
                    _ => Err(invalid_type(&self.0, &visitor)),
                }
            }
            _ => Err(invalid_type(&self.0, &visitor)),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_string(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0.kind {
            NodeKind::Str(s) => visitor.visit_string(s),
            _ => Err(invalid_type(&self.0, &visitor)),
        }
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_any(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_any(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let span = self.0.span;
        match self.0.kind {
            NodeKind::Ident(id) if id.name == "None" => visitor.visit_none(),
            NodeKind::Tuple {
                name: Some(name),
                mut items,
            } if name.name == "Some" && items.len() == 1 => match items.pop() {
                Some(item) => deserialize_node(SomeSeed(visitor), item),
                None => visitor.visit_none(),
            },
            // Implicit `Some`.
            kind => deserialize_node(SomeSeed(visitor), Node { span, kind }),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.0.kind {
            NodeKind::Unit => visitor.visit_unit(),
            NodeKind::Tuple { name: None, items } if items.is_empty() => visitor.visit_unit(),
            _ => Err(invalid_type(&self.0, &visitor)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match &self.0.kind {
            NodeKind::Unit => visitor.visit_unit(),
            NodeKind::Tuple { name: n, items } if items.is_empty() => {
                check_name(n.as_ref(), name, "()")?;
                visitor.visit_unit()
            }
            NodeKind::Ident(id) => {
                check_name(Some(id), name, "")?;
                visitor.visit_unit()
            }
            _ => Err(invalid_type(&self.0, &visitor)),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let span = self.0.span;
        match self.0.kind {
            NodeKind::Tuple {
                name: Some(n),
                mut items,
            } if n.name == name && items.len() == 1 => match items.pop() {
                Some(item) => deserialize_node(NewtypeSeed(visitor), item),
                None => Err(de::Error::invalid_length(0, &visitor)),
            },
            kind => visitor.visit_newtype_struct(NodeDeserializer(Node { span, kind })),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0.kind {
            NodeKind::List(items) | NodeKind::Tuple { name: None, items } => {
                visit_items(items, visitor)
            }
            _ => Err(invalid_type(&self.0, &visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match self.0.kind {
            NodeKind::List(items) | NodeKind::Tuple { items, .. } => visit_items(items, visitor),
            NodeKind::Unit if len == 0 => visit_items(Vec::new(), visitor),
            _ => Err(invalid_type(&self.0, &visitor)),
        }
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match self.0.kind {
            NodeKind::List(items) => visit_items(items, visitor),
            NodeKind::Tuple { name: n, items } => {
                check_name(n.as_ref(), name, "(...)")?;
                visit_items(items, visitor)
            }
            _ => Err(invalid_type(&self.0, &visitor)),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0.kind {
            NodeKind::Map(entries) => visitor.visit_map(MapNodes {
                iter: entries.into_iter(),
                value: None,
            }),
            NodeKind::Struct { fields, .. } => visit_fields(fields, None, visitor),
            _ => Err(invalid_type(&self.0, &visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match self.0.kind {
            NodeKind::Struct { name: n, fields } => {
                check_name(n.as_ref(), name, "(...)")?;
                visit_fields(fields, Some(name), visitor)
            }
            NodeKind::Tuple { name: n, items } if items.is_empty() => {
                check_name(n.as_ref(), name, "(...)")?;
                visit_fields(Vec::new(), Some(name), visitor)
            }
            NodeKind::Unit => visit_fields(Vec::new(), Some(name), visitor),
            _ => Err(invalid_type(&self.0, &visitor)),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let span = self.0.span;
        let (variant, content) = match self.0.kind {
            NodeKind::Ident(id) => (id, Content::Unit),
            NodeKind::Tuple {
                name: Some(n),
                items,
            } => (n, Content::Tuple(items)),
            NodeKind::Struct {
                name: Some(n),
                fields,
            } => (n, Content::Struct(fields)),
            _ => return Err(invalid_type(&self.0, &visitor)),
        };
        visitor.visit_enum(EnumNode {
            variant,
            content,
            span,
        })
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0.kind {
            NodeKind::Ident(id) => visitor.visit_string(id.name),
            NodeKind::Str(s) => visitor.visit_string(s),
            _ => Err(invalid_type(&self.0, &visitor)),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }
}

/// Elements of a list or tuple.
struct SeqNodes(std::vec::IntoIter<Node>);

impl<'de> SeqAccess<'de> for SeqNodes {
    type Error = DeError;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, DeError> {
        match self.0.next() {
            Some(node) => deserialize_node(seed, node).map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

/// Entries of a `{k: v}` map.
struct MapNodes {
    iter: std::vec::IntoIter<(Node, Node)>,
    value: Option<Node>,
}

impl<'de> MapAccess<'de> for MapNodes {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        match self.iter.next() {
            Some((key, value)) => {
                self.value = Some(value);
                deserialize_node(seed, key).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, DeError> {
        match self.value.take() {
            Some(node) => deserialize_node(seed, node),
            None => Err(de::Error::custom(
                "a map value was asked for before its key",
            )),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

/// Fields of a struct, visited as a map with identifier keys.
struct FieldsAccess {
    iter: std::vec::IntoIter<(Ident, Node)>,
    value: Option<Node>,
    /// The span of the last key handed out, for a duplicate-field error.
    last_key: Span,
    /// Whether an error came from inside a field value (so it is not this struct's).
    value_failed: bool,
}

impl<'de> MapAccess<'de> for FieldsAccess {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        match self.iter.next() {
            Some((key, value)) => {
                self.last_key = key.span;
                self.value = Some(value);
                deserialize_spanned(seed, key.span, IdentDeserializer(key.name)).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, DeError> {
        match self.value.take() {
            Some(node) => deserialize_node(seed, node).inspect_err(|_| self.value_failed = true),
            None => Err(de::Error::custom(
                "a field value was asked for before its name",
            )),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

/// Deserializes a field or variant name: as a string, or as a unit variant of an enum.
struct IdentDeserializer(String);

impl<'de> Deserializer<'de> for IdentDeserializer {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_string(self.0)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_enum(IntoDeserializer::<DeError>::into_deserializer(self.0))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct identifier
        ignored_any
    }
}

/// What follows an enum variant's name.
enum Content {
    Unit,
    Tuple(Vec<Node>),
    Struct(Vec<(Ident, Node)>),
}

impl Content {
    fn unexpected(&self) -> Unexpected<'static> {
        match self {
            Content::Unit => Unexpected::UnitVariant,
            Content::Tuple(items) if items.len() == 1 => Unexpected::NewtypeVariant,
            Content::Tuple(_) => Unexpected::TupleVariant,
            Content::Struct(_) => Unexpected::StructVariant,
        }
    }
}

/// An enum value: the variant's name, what follows it and the span of the whole value.
struct EnumNode {
    variant: Ident,
    content: Content,
    span: Span,
}

impl<'de> EnumAccess<'de> for EnumNode {
    type Error = DeError;
    type Variant = VariantNode;

    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, VariantNode), DeError> {
        // Field errors of a struct variant are named after the variant.
        let name = match self.content {
            Content::Struct(_) => Some(self.variant.name.clone()),
            _ => None,
        };
        let value = deserialize_spanned(
            seed,
            self.variant.span,
            IdentDeserializer(self.variant.name),
        )?;
        Ok((
            value,
            VariantNode {
                content: self.content,
                span: self.span,
                name,
            },
        ))
    }
}

struct VariantNode {
    content: Content,
    span: Span,
    /// The variant's name, for a struct variant.
    name: Option<String>,
}

impl<'de> VariantAccess<'de> for VariantNode {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        match self.content {
            Content::Unit => Ok(()),
            Content::Tuple(items) if items.is_empty() => Ok(()),
            c => Err(de::Error::invalid_type(c.unexpected(), &"unit variant")),
        }
    }

    /// `Name(x)`; also `Name(a, b)` and `Name(a: 1)` for a newtype variant holding a tuple or
    /// struct (RON's `unwrap_variant_newtypes`).
    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, DeError> {
        let span = self.span;
        match self.content {
            Content::Tuple(mut items) if items.len() == 1 => match items.pop() {
                Some(item) => deserialize_node(seed, item),
                None => Err(de::Error::invalid_length(0, &"1 item")),
            },
            Content::Tuple(items) => deserialize_node(
                seed,
                Node {
                    span,
                    kind: NodeKind::Tuple { name: None, items },
                },
            ),
            Content::Struct(fields) => deserialize_node(
                seed,
                Node {
                    span,
                    kind: NodeKind::Struct { name: None, fields },
                },
            ),
            Content::Unit => Err(de::Error::invalid_type(
                Unexpected::UnitVariant,
                &"newtype variant",
            )),
        }
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, DeError> {
        match self.content {
            Content::Tuple(items) => visit_items(items, visitor),
            c => Err(de::Error::invalid_type(c.unexpected(), &visitor)),
        }
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match self.content {
            Content::Struct(fields) => visit_fields(fields, self.name.as_deref(), visitor),
            Content::Tuple(items) if items.is_empty() => visit_fields(Vec::new(), None, visitor),
            c => Err(de::Error::invalid_type(c.unexpected(), &visitor)),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, HashMap};

    use proptest::prelude::*;
    use serde::{Deserialize, Serialize};

    use super::*;
    use crate::scenario::span::Spanned;

    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    #[serde(rename = "Doc", deny_unknown_fields)]
    struct Doc {
        title: String,
        #[serde(default)]
        count: u32,
        ratio: f64,
        note: Option<String>,
        tags: Vec<String>,
        kind: Kind,
        kinds: Vec<Kind>,
        scores: BTreeMap<String, i64>,
        #[serde(rename = "type")]
        ty: Option<Kind>,
        pair: (i32, char),
        big: u64,
        small: i64,
        nested: Option<Inner>,
    }

    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    #[serde(rename = "Inner", deny_unknown_fields)]
    struct Inner {
        name: Spanned<String>,
        #[serde(default)]
        flag: bool,
        #[serde(default)]
        refs: Vec<Spanned<String>>,
    }

    #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
    enum Kind {
        Plain,
        Wrapped(String),
        Pair(i32, i32),
        Full { a: u8, b: Option<String> },
    }

    #[derive(Debug, Default, PartialEq, Deserialize)]
    #[serde(rename = "Settings", default, deny_unknown_fields)]
    struct Settings {
        volume: u8,
        name: String,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Meters(f64);

    #[derive(Debug, PartialEq, Deserialize)]
    struct Point(i32, i32);

    #[derive(Debug, PartialEq, Deserialize)]
    struct Marker;

    /// The entries of a map, in order.
    struct Pairs<K, V>(Vec<(K, V)>);

    impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for Pairs<K, V> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct PairsVisitor<K, V>(PhantomData<(K, V)>);
            impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for PairsVisitor<K, V> {
                type Value = Pairs<K, V>;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a map")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                    let mut out = Vec::new();
                    while let Some(entry) = map.next_entry()? {
                        out.push(entry);
                    }
                    Ok(Pairs(out))
                }
            }
            d.deserialize_map(PairsVisitor(PhantomData))
        }
    }

    fn ok<T: DeserializeOwned>(text: &str) -> T {
        match from_str(text) {
            Ok(v) => v,
            Err(e) => panic!("{text:?}: {e:?}"),
        }
    }

    fn fail<T: DeserializeOwned + fmt::Debug>(text: &str) -> DeError {
        match from_str::<T>(text) {
            Ok(v) => panic!("{text:?} gave {v:?}"),
            Err(e) => e,
        }
    }

    /// The span of the first occurrence of `needle` in `text`.
    fn span_of(text: &str, needle: &str) -> Span {
        let start = text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in text"));
        Span::new(start, start + needle.len())
    }

    const DOC: &str = r#"
// A hand-written document.
Doc(
    title: "Hello \"world\"",
    ratio: 2,
    note: "implicit some",
    tags: ["a", r"b\c", ],
    kind: Plain,
    kinds: [Wrapped("w"), Pair(1, -2), Full(a: 3, b: None), Full(a: 4, b: Some("x"))],
    scores: {"x": -1, "y": 0x10},
    type: Some(Plain),
    pair: (7, 'z'),
    big: 18446744073709551615,
    small: -9223372036854775808,
    nested: Inner(name: "inner name", refs: ["r1", "r2"]),
)
"#;

    #[test]
    fn deserializes_a_full_document() {
        let doc: Doc = ok(DOC);
        assert_eq!(doc.title, "Hello \"world\"");
        assert_eq!(doc.count, 0);
        assert_eq!(doc.ratio, 2.0);
        assert_eq!(doc.note.as_deref(), Some("implicit some"));
        assert_eq!(doc.tags, ["a", "b\\c"]);
        assert_eq!(doc.kind, Kind::Plain);
        assert_eq!(
            doc.kinds,
            [
                Kind::Wrapped("w".into()),
                Kind::Pair(1, -2),
                Kind::Full { a: 3, b: None },
                Kind::Full {
                    a: 4,
                    b: Some("x".into())
                },
            ]
        );
        assert_eq!(
            doc.scores,
            BTreeMap::from([("x".into(), -1), ("y".into(), 16)])
        );
        assert_eq!(doc.ty, Some(Kind::Plain));
        assert_eq!(doc.pair, (7, 'z'));
        assert_eq!(doc.big, u64::MAX);
        assert_eq!(doc.small, i64::MIN);
        let inner = doc.nested.expect("nested");
        assert!(!inner.flag);
        // Spans are the exact literals, quotes included.
        assert_eq!(inner.name.span, span_of(DOC, "\"inner name\""));
        assert_eq!(&DOC[inner.refs[1].span.range()], "\"r2\"");
        // The thread-local span is cleared afterwards.
        let json: Spanned<String> = serde_json::from_str("\"j\"").expect("json");
        assert!(json.span.is_unknown());
    }

    #[test]
    fn spanned_values_everywhere() {
        let text = r#"{"k": Some("v"), r"raw": "w", "n": None}"#;
        let Pairs(m) = ok::<Pairs<Spanned<String>, Option<Spanned<String>>>>(text);
        assert_eq!(m.len(), 3);
        assert_eq!(m[0].0.span, span_of(text, "\"k\""));
        assert_eq!(
            m[0].1.as_ref().map(|v| v.span),
            Some(span_of(text, "\"v\""))
        );
        assert_eq!(m[1].0.span, span_of(text, "r\"raw\""));
        assert_eq!(
            m[1].1.as_ref().map(|v| v.span),
            Some(span_of(text, "\"w\""))
        );
        assert!(m[2].1.is_none());
        let whole: Spanned<Vec<Spanned<u32>>> = ok("  [1, 22]  ");
        assert_eq!(whole.span, Span::new(2, 9));
        assert_eq!(whole.value[1].span, Span::new(6, 8));
        let kind: Spanned<Kind> = ok("Pair(1, 2)");
        assert_eq!(kind.span, Span::new(0, 10));
    }

    #[test]
    fn options_structs_and_shapes() {
        assert_eq!(ok::<Option<u8>>("None"), None);
        assert_eq!(ok::<Option<u8>>("Some(3)"), Some(3));
        assert_eq!(ok::<Option<u8>>("3"), Some(3));
        assert_eq!(ok::<Option<Option<u8>>>("Some(None)"), Some(None));
        assert_eq!(ok::<Settings>("Settings()"), Settings::default());
        assert_eq!(ok::<Settings>("()"), Settings::default());
        assert_eq!(ok::<Settings>("(volume: 3)").volume, 3);
        assert_eq!(ok::<Meters>("1.5"), Meters(1.5));
        assert_eq!(ok::<Meters>("Meters(2)"), Meters(2.0));
        assert_eq!(ok::<Point>("Point(1, 2)"), Point(1, 2));
        assert_eq!(ok::<Point>("(1, 2)"), Point(1, 2));
        assert_eq!(ok::<Point>("[1, 2]"), Point(1, 2));
        assert_eq!(ok::<Marker>("Marker"), Marker);
        assert_eq!(ok::<Marker>("()"), Marker);
        assert_eq!(ok::<()>("()"), ());
        assert_eq!(ok::<char>("\"x\""), 'x');
        assert_eq!(ok::<f32>("1"), 1.0);
        assert_eq!(
            ok::<i128>("-170141183460469231731687303715884105728"),
            i128::MIN
        );
        assert_eq!(
            ok::<u128>("170141183460469231731687303715884105727"),
            i128::MAX as u128
        );
        assert_eq!(ok::<(u8, String)>("(1, \"a\")"), (1, "a".into()));
        let h: HashMap<String, Vec<u8>> = ok("(a: [1], b: [])");
        assert_eq!(h["a"], [1]);
        let k: BTreeMap<Kind, u8> = ok("{Plain: 1, Wrapped(\"x\"): 2}");
        assert_eq!(k.len(), 2);
        // A newtype variant holding a struct may leave out the inner parentheses.
        #[derive(Debug, PartialEq, Deserialize)]
        enum Wrap {
            S(Settings),
        }
        let Wrap::S(settings) = ok::<Wrap>("S(volume: 1)");
        assert_eq!(settings.volume, 1);
        let Wrap::S(settings) = ok::<Wrap>("S((name: \"n\"))");
        assert_eq!(settings.name, "n");
    }

    /// `DOC` with `from` replaced by `to`.
    fn doc_with(from: &str, to: &str) -> String {
        assert!(DOC.contains(from), "{from:?} not in DOC");
        DOC.replacen(from, to, 1)
    }

    #[test]
    fn unknown_field_points_at_the_key() {
        let text = doc_with("title:", "titel:");
        let e = fail::<Doc>(&text);
        assert_eq!(e.code, "unknown-field");
        assert_eq!(e.message, "unknown field `titel` in `Doc`");
        assert_eq!(e.span, Some(span_of(&text, "titel")));
        assert!(
            e.help
                .as_deref()
                .is_some_and(|h| h.contains("did you mean `title`"))
        );

        let text = doc_with("refs:", "zzz:");
        let e = fail::<Doc>(&text);
        assert_eq!(e.message, "unknown field `zzz` in `Inner`");
        assert_eq!(e.span, Some(span_of(&text, "zzz")));
        assert_eq!(
            e.help.as_deref(),
            Some("expected one of `name`, `flag`, `refs`")
        );
    }

    #[test]
    fn missing_and_duplicate_fields() {
        let text = doc_with("    ratio: 2,\n", "");
        let e = fail::<Doc>(&text);
        assert_eq!(e.code, "missing-field");
        assert_eq!(e.message, "missing field `ratio` in `Doc`");
        let start = text.find("Doc(").expect("Doc(");
        assert_eq!(e.span, Some(Span::new(start, text.trim_end().len())));

        // A nested struct's error names the nested struct only, and points at it.
        let text = doc_with("Inner(name: \"inner name\", ", "Inner(");
        let e = fail::<Doc>(&text);
        assert_eq!(e.message, "missing field `name` in `Inner`");
        assert_eq!(
            e.span,
            Some(span_of(&text, "Inner(refs: [\"r1\", \"r2\"])"))
        );

        let text = "Inner(name: \"a\", flag: true, name: \"b\")";
        let e = fail::<Inner>(text);
        assert_eq!(e.code, "duplicate-field");
        assert_eq!(e.message, "field `name` is given twice in `Inner`");
        assert_eq!(e.span, Some(Span::new(29, 33)));
    }

    #[test]
    fn wrong_struct_name() {
        let text = doc_with("Inner(", "Iner(");
        let e = fail::<Doc>(&text);
        assert_eq!(e.code, "wrong-name");
        assert_eq!(e.message, "expected `Inner(...)`, found `Iner(...)`");
        assert_eq!(e.span, Some(span_of(&text, "Iner")));
        assert_eq!(e.help.as_deref(), Some("did you mean `Inner`?"));
        let e = fail::<Point>("Pt(1, 2)");
        assert_eq!(e.code, "wrong-name");
        assert_eq!(e.span, Some(Span::new(0, 2)));
        assert_eq!(fail::<Marker>("Mark").code, "wrong-name");
    }

    #[test]
    fn unknown_variant_points_at_its_name() {
        let text = doc_with("kind: Plain", "kind: Plian");
        let e = fail::<Doc>(&text);
        assert_eq!(e.code, "unknown-variant");
        assert_eq!(e.message, "unknown variant `Plian`");
        assert_eq!(e.span, Some(span_of(&text, "Plian")));
        assert_eq!(e.help.as_deref(), Some("did you mean `Plain`?"));
        let e = fail::<Kind>("Zebra(1)");
        assert_eq!(e.span, Some(Span::new(0, 5)));
        assert_eq!(
            e.help.as_deref(),
            Some("expected one of `Plain`, `Wrapped`, `Pair`, `Full`")
        );
    }

    #[test]
    fn invalid_types_point_at_the_value() {
        let text = doc_with("ratio: 2", "ratio: \"two\"");
        let e = fail::<Doc>(&text);
        assert_eq!(e.code, "invalid-type");
        assert_eq!(e.message, "expected f64, found string \"two\"");
        assert_eq!(e.span, Some(span_of(&text, "\"two\"")));

        // A string is not a unit variant.
        let e = fail::<Kind>("\"Plain\"");
        assert_eq!(e.code, "invalid-type");
        assert_eq!(e.span, Some(Span::new(0, 7)));

        // An identifier is not a string.
        let e = fail::<String>("hello");
        assert_eq!(e.message, "expected a string, found identifier `hello`");

        let text = "[1, 2, -3]";
        let e = fail::<Vec<u8>>(text);
        assert_eq!(e.code, "invalid-value");
        assert_eq!(e.span, Some(Span::new(7, 9)));

        let e = fail::<Kind>("Pair(1, true)");
        assert_eq!(e.message, "expected i32, found boolean `true`");
        assert_eq!(e.span, Some(Span::new(8, 12)));

        let e = fail::<Kind>("Plain(1)");
        assert_eq!(e.code, "invalid-type");
        assert_eq!(e.span, Some(Span::new(0, 8)));

        let e = fail::<(u8, u8)>("(1, 2, 3)");
        assert_eq!(e.code, "invalid-length");
        assert_eq!(e.message, "expected 2 items, found 3 items");
        assert_eq!(e.span, Some(Span::new(7, 8)));
        let e = fail::<(u8, u8)>("(1)");
        assert_eq!(e.code, "invalid-length");

        let e = fail::<Settings>("Settings(volume: 300)");
        assert_eq!(e.code, "invalid-value");
        assert_eq!(e.span, Some(Span::new(17, 20)));
        // An error inside a field value is not renamed after the struct.
        assert_eq!(e.message, "expected u8, found integer `300`");
    }

    #[test]
    fn parse_errors_pass_through() {
        let e = fail::<Doc>("Doc(title: \"x)");
        assert_eq!(e.code, "unterminated-string");
        assert_eq!(e.span, Some(Span::new(11, 12)));
        assert_eq!(e.message, "unterminated string (opened here)");
        assert_eq!(e.to_string(), e.message);
    }

    #[test]
    fn deserialize_any_is_self_describing() {
        let v: serde_json::Value = ok(r#"{"a": [1, -2, 1.5, "s", 'c', true, (), None, Some(3), x],
                "b": Name(k: (1, 2)), "c": Pair(3, 4)}"#);
        let expected = serde_json::json!({
            "a": [1, -2, 1.5, "s", "c", true, null, null, 3, "x"],
            "b": {"k": [1, 2]},
            "c": [3, 4],
        });
        assert_eq!(v, expected);

        /// A custom impl using `deserialize_any`: a number or a string.
        #[derive(Debug, PartialEq)]
        enum Id {
            Num(u64),
            Text(String),
        }
        impl<'de> Deserialize<'de> for Id {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl Visitor<'_> for V {
                    type Value = Id;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("a number or a string")
                    }
                    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Id, E> {
                        Ok(Id::Num(v))
                    }
                    fn visit_string<E: de::Error>(self, v: String) -> Result<Id, E> {
                        Ok(Id::Text(v))
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<Id, E> {
                        Ok(Id::Text(v.to_owned()))
                    }
                }
                d.deserialize_any(V)
            }
        }
        assert_eq!(
            ok::<Vec<Id>>("[1, \"a\"]"),
            [Id::Num(1), Id::Text("a".into())]
        );
        let e = fail::<Vec<Id>>("[1, 2.5]");
        assert_eq!(
            e.message,
            "expected a number or a string, found floating point `2.5`"
        );
        assert_eq!(e.span, Some(Span::new(4, 7)));
    }

    #[test]
    fn unit_files_match_ron() {
        use crate::scenario::raw_unit::UnitFile;
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/units");
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let text = std::fs::read_to_string(entry.path()).expect("read unit");
            let ours: UnitFile = ok(&text);
            let theirs: UnitFile = ron::from_str(&text).expect("ron parses unit");
            assert_eq!(format!("{ours:?}"), format!("{theirs:?}"));
            assert_eq!(
                &text[ours.id.span.range()],
                format!("\"{}\"", ours.id.value)
            );
        }
    }

    fn text_strategy() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[a-z \"\\\\\n\t'#{}()é😀\u{301}\u{0}\r]{0,12}",
        ]
    }

    fn float_strategy() -> impl Strategy<Value = f64> {
        prop_oneof![
            prop::num::f64::NORMAL | prop::num::f64::SUBNORMAL | prop::num::f64::ZERO,
            (-1000i32..1000).prop_map(f64::from),
            (-1_000_000i64..1_000_000).prop_map(|i| i as f64 / 1000.0),
        ]
    }

    fn kind_strategy() -> impl Strategy<Value = Kind> {
        prop_oneof![
            Just(Kind::Plain),
            text_strategy().prop_map(Kind::Wrapped),
            (any::<i32>(), any::<i32>()).prop_map(|(a, b)| Kind::Pair(a, b)),
            (any::<u8>(), proptest::option::of(text_strategy()))
                .prop_map(|(a, b)| Kind::Full { a, b }),
        ]
    }

    fn inner_strategy() -> impl Strategy<Value = Inner> {
        (
            text_strategy(),
            any::<bool>(),
            prop::collection::vec(text_strategy(), 0..3),
        )
            .prop_map(|(name, flag, refs)| Inner {
                name: Spanned::new(name, Span::default()),
                flag,
                refs: refs
                    .into_iter()
                    .map(|r| Spanned::new(r, Span::default()))
                    .collect(),
            })
    }

    prop_compose! {
        fn doc_strategy()(
            title in text_strategy(),
            count in any::<u32>(),
            ratio in float_strategy(),
            note in proptest::option::of(text_strategy()),
            tags in prop::collection::vec(text_strategy(), 0..4),
            kind in kind_strategy(),
            kinds in prop::collection::vec(kind_strategy(), 0..4),
            scores in prop::collection::btree_map(text_strategy(), any::<i64>(), 0..4),
            ty in proptest::option::of(kind_strategy()),
            pair in (any::<i32>(), any::<char>()),
            big in any::<u64>(),
            small in any::<i64>(),
            nested in proptest::option::of(inner_strategy()),
        ) -> Doc {
            Doc { title, count, ratio, note, tags, kind, kinds, scores, ty, pair, big, small, nested }
        }
    }

    proptest! {
        #[test]
        fn round_trips_what_ron_writes(doc in doc_strategy()) {
            let compact = ron::ser::to_string(&doc).expect("ron serializes");
            let pretty =
                ron::ser::to_string_pretty(&doc, Default::default()).expect("ron serializes");
            for text in [compact, pretty] {
                let back = from_str::<Doc>(&text)
                    .map_err(|e| TestCaseError::fail(format!("{e:?}\n{text}")))?;
                prop_assert_eq!(&back, &doc);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]

        /// Every prefix of a valid document fails cleanly (or parses).
        #[test]
        fn truncated_documents_never_panic(doc in doc_strategy()) {
            let text =
                ron::ser::to_string_pretty(&doc, Default::default()).expect("ron serializes");
            for at in 0..text.len() {
                if let Some(prefix) = text.get(..at)
                    && let Err(e) = from_str::<Doc>(prefix)
                {
                    prop_assert!(e.span.is_some_and(|s| s.end as usize <= prefix.len()));
                }
            }
        }
    }
}
