//! Loading and checking scenario and unit files: RON text → raw types → checked types.

pub mod check;
pub mod check_unit;
pub mod de;
pub mod diagnostic;
pub mod load;
pub mod raw;
pub mod raw_unit;
pub mod ron_parse;
pub mod span;
pub mod suggest;

pub use diagnostic::{Diagnostic, Severity, Source, Summary};
pub use load::Library;
pub use span::{LineIndex, Span, Spanned};
