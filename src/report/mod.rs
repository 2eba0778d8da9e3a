//! Reports derived from the library: the assessment mapping matrix.

pub mod mapping;
