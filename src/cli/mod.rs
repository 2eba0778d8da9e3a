//! The command-line interface: one file per subcommand.

pub mod check;
pub mod judge;
pub mod map;
pub mod play;

use std::path::PathBuf;

/// The folder of bundled scenarios, used when no path is given.
pub fn default_paths(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from("scenarios")]
    } else {
        paths
    }
}
