//! Judging: free text by concept rubrics (the judge of attempts builds on it).

pub mod rubric;
