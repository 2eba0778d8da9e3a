//! Judging: attempts against evidence rules, and free text by concept rubrics.

pub mod judge;
pub mod rubric;

pub use judge::judge;
