//! Reports derived from the library and from judgements: the assessment mapping matrix and
//! the judgement report.

pub mod html;
pub mod mapping;
