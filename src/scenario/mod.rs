//! Loading and checking scenario and unit files: RON text → raw types → checked types.

pub mod de;
pub mod raw_unit;
pub mod ron_parse;
pub mod span;
pub mod suggest;

pub use span::{LineIndex, Span, Spanned};
