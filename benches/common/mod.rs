//! Clocks and statistics shared by the benchmarks' summaries.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// User + system CPU time from a Linux `stat` file (10 ms ticks). On a shared machine CPU time
/// is far steadier than wall time, which counts time spent waiting for a core.
fn cpu_from(stat_file: &str) -> Option<Duration> {
    let stat = std::fs::read_to_string(stat_file).ok()?;
    // After the command name: state is field 3, utime and stime are fields 14 and 15.
    let mut fields = stat.rsplit_once(')')?.1.split_whitespace();
    let utime: u64 = fields.nth(11)?.parse().ok()?;
    let stime: u64 = fields.next()?.parse().ok()?;
    Some(Duration::from_millis((utime + stime) * 10))
}

/// CPU time of this thread so far, where it can be read.
#[allow(dead_code)] // each benchmark uses some of these
pub fn thread_cpu() -> Option<Duration> {
    cpu_from("/proc/thread-self/stat")
}

/// CPU time of the whole process so far (all threads), where it can be read.
#[allow(dead_code)]
pub fn process_cpu() -> Option<Duration> {
    cpu_from("/proc/self/stat")
}

/// This thread's CPU time, or wall time where that cannot be read.
#[allow(dead_code)]
pub fn thread_clock() -> Duration {
    static START: OnceLock<Instant> = OnceLock::new();
    thread_cpu().unwrap_or_else(|| START.get_or_init(Instant::now).elapsed())
}

/// The median of some times (the upper one of an even count).
pub fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}
