//! An attempt: who, which scenario (and which version of it), which seed, which mode, and the
//! append-only list of actions, each chained to the one before by a SHA-256 hash.
//!
//! Nothing derived (state, verdicts) is stored: replaying the actions reproduces the state, and
//! the judge works from the actions alone.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::action::Action;

/// The format version written in every attempt header.
pub const FORMAT: u32 = 1;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Hints and feedback as the trainee goes.
    Practice,
    /// Nothing shown until submission; the attempt is locked once handed in.
    Assessment,
}

/// The first line of an attempt file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub format: u32,
    pub trainee: String,
    pub scenario: String,
    /// SHA-256 of the scenario file's text when the attempt began.
    pub scenario_hash: String,
    pub seed: u64,
    pub mode: Mode,
    /// Wall time the attempt began (RFC 3339); recorded, never used by the simulation.
    pub started: String,
}

/// One action as recorded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// 0, 1, 2, ... in order.
    pub index: usize,
    /// Wall time (RFC 3339), for the record only.
    pub wall: String,
    /// The simulated time before the action ("2026-03-02 09:14").
    pub sim: String,
    pub action: Action,
    /// SHA-256 over the previous record's hash (the header's for the first) and this record's
    /// index, times and action.
    pub hash: String,
}

/// A whole attempt.
#[derive(Clone, Debug, PartialEq)]
pub struct Attempt {
    pub header: Header,
    pub records: Vec<Record>,
}

/// What is wrong with an attempt's log, if anything.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "status", content = "detail")]
pub enum Integrity {
    Ok,
    /// A record was edited, removed, reordered or inserted: its hash does not follow.
    Tampered(String),
    /// The scenario file has changed since the attempt began.
    ScenarioChanged(String),
    /// The attempt was never handed in (in progress, or its end was cut off).
    Incomplete,
    /// A recorded action is not possible when replayed.
    InvalidAction(String),
}

impl Integrity {
    pub fn label(&self) -> &'static str {
        match self {
            Integrity::Ok => "ok",
            Integrity::Tampered(_) => "tampered",
            Integrity::ScenarioChanged(_) => "scenario-changed",
            Integrity::Incomplete => "incomplete",
            Integrity::InvalidAction(_) => "invalid-action",
        }
    }
}

const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";

/// Hex digits as a string (they are ASCII).
fn hex_string(hex: &[u8; 64]) -> String {
    String::from_utf8_lossy(hex).into_owned()
}

/// Lower-case hex of a SHA-256 digest, on the stack.
fn hex32(digest: &[u8]) -> [u8; 64] {
    let mut out = [0u8; 64];
    for (pair, &b) in out.chunks_exact_mut(2).zip(digest) {
        pair[0] = HEX_DIGITS[usize::from(b >> 4)];
        pair[1] = HEX_DIGITS[usize::from(b & 0xf)];
    }
    out
}

/// Lower-case hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex_string(&hex32(&Sha256::digest(bytes)))
}

impl Header {
    /// The hash the first record chains to.
    pub fn hash(&self) -> String {
        sha256_hex(serde_json::to_string(self).unwrap_or_default().as_bytes())
    }
}

/// The hash of a record given the hash before it: SHA-256 of the previous hash, the index, the
/// wall and simulated times and the action as JSON, separated by newlines.
pub fn record_hash(previous: &str, index: usize, wall: &str, sim: &str, action: &Action) -> String {
    let mut buffer = Vec::with_capacity(128);
    hex_string(&record_hash_with(
        &mut buffer,
        previous,
        index,
        wall,
        sim,
        action,
    ))
}

/// [`record_hash`] reusing a buffer for the action's JSON.
fn record_hash_with(
    buffer: &mut Vec<u8>,
    previous: &str,
    index: usize,
    wall: &str,
    sim: &str,
    action: &Action,
) -> [u8; 64] {
    use std::io::Write;
    buffer.clear();
    // The index in decimal, then the action's JSON. Writing to memory cannot fail, and an
    // action holds only strings and numbers.
    let _ = write!(buffer, "{index}");
    let digits = buffer.len();
    let _ = serde_json::to_writer(&mut *buffer, action);
    let (index, json) = buffer.split_at(digits);
    let mut h = Sha256::new();
    h.update(previous.as_bytes());
    h.update(b"\n");
    h.update(index);
    h.update(b"\n");
    h.update(wall.as_bytes());
    h.update(b"\n");
    h.update(sim.as_bytes());
    h.update(b"\n");
    h.update(json);
    hex32(&h.finalize())
}

/// A new attempt, with no actions yet, at a seed and in a mode, begun now.
pub fn new_attempt(scenario: &super::Scenario, trainee: &str, seed: u64, mode: Mode) -> Attempt {
    Attempt::new(Header {
        format: FORMAT,
        trainee: trainee.to_owned(),
        scenario: scenario.id().to_owned(),
        scenario_hash: scenario.content_hash().to_owned(),
        seed,
        mode,
        started: chrono::Utc::now().to_rfc3339(),
    })
}

impl Attempt {
    pub fn new(header: Header) -> Self {
        Attempt {
            header,
            records: Vec::new(),
        }
    }

    /// The hash the next record chains to.
    pub fn last_hash(&self) -> String {
        self.records
            .last()
            .map(|r| r.hash.clone())
            .unwrap_or_else(|| self.header.hash())
    }

    /// Append an action with its times, chaining its hash.
    pub fn push(&mut self, action: Action, wall: String, sim: String) -> &Record {
        let index = self.records.len();
        let hash = record_hash(&self.last_hash(), index, &wall, &sim, &action);
        self.records.push(Record {
            index,
            wall,
            sim,
            action,
            hash,
        });
        &self.records[index]
    }

    /// Check the chain: every record's index and hash follow from the one before.
    pub fn verify_chain(&self) -> Integrity {
        let mut buffer = Vec::with_capacity(256);
        let header = self.header.hash();
        let mut previous = header.as_str();
        for (i, r) in self.records.iter().enumerate() {
            if r.index != i {
                return Integrity::Tampered(format!(
                    "record {} is numbered {}: records were removed, inserted or reordered",
                    i, r.index
                ));
            }
            let expected =
                record_hash_with(&mut buffer, previous, r.index, &r.wall, &r.sim, &r.action);
            if expected.as_slice() != r.hash.as_bytes() {
                return Integrity::Tampered(format!(
                    "record {i} does not match its hash: it or one before it was changed"
                ));
            }
            previous = &r.hash;
        }
        Integrity::Ok
    }

    pub fn handed_in(&self) -> bool {
        self.records
            .last()
            .is_some_and(|r| r.action == Action::HandIn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attempt() -> Attempt {
        let mut a = Attempt::new(Header {
            format: FORMAT,
            trainee: "Sam".into(),
            scenario: "s".into(),
            scenario_hash: sha256_hex(b"text"),
            seed: 3,
            mode: Mode::Practice,
            started: "2026-11-24T10:00:00Z".into(),
        });
        a.push(
            Action::Open("doc".into()),
            "w1".into(),
            "2026-03-02 09:00".into(),
        );
        a.push(
            Action::Finish("shelf".into()),
            "w2".into(),
            "2026-03-02 09:01".into(),
        );
        a.push(Action::HandIn, "w3".into(), "2026-03-02 09:06".into());
        a
    }

    #[test]
    fn hashes_are_sha256_of_the_documented_text() {
        let action = Action::Open("doc".into());
        let text = format!(
            "prev\n7\nwall\nsim\n{}",
            serde_json::to_string(&action).unwrap()
        );
        assert_eq!(
            record_hash("prev", 7, "wall", "sim", &action),
            sha256_hex(text.as_bytes())
        );
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn an_untouched_chain_verifies() {
        let a = attempt();
        assert_eq!(a.verify_chain(), Integrity::Ok);
        assert!(a.handed_in());
    }

    #[test]
    fn edits_reorders_and_removals_are_detected() {
        let mut edited = attempt();
        edited.records[1].action = Action::Finish("other".into());
        assert_eq!(edited.verify_chain().label(), "tampered");

        let mut reordered = attempt();
        reordered.records.swap(0, 1);
        assert_eq!(reordered.verify_chain().label(), "tampered");

        let mut removed = attempt();
        removed.records.remove(1);
        assert_eq!(removed.verify_chain().label(), "tampered");

        let mut header = attempt();
        header.header.seed = 4;
        assert_eq!(header.verify_chain().label(), "tampered");

        let mut wall = attempt();
        wall.records[2].wall = "w9".into();
        assert_eq!(wall.verify_chain().label(), "tampered");
    }

    #[test]
    fn a_cut_off_end_is_not_handed_in() {
        let mut a = attempt();
        a.records.pop();
        assert_eq!(a.verify_chain(), Integrity::Ok);
        assert!(!a.handed_in());
    }
}
