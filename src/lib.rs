//! casesim: a simulated office for training and assessing community-services workers.
//!
//! The core (everything but `ui`) has no GUI dependency and builds with
//! `--no-default-features`.

pub mod cli;
pub mod model;
pub mod report;
pub mod scenario;
pub mod scoring;
pub mod sim;
pub mod store;
#[cfg(feature = "gui")]
pub mod ui;
