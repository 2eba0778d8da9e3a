//! What a trainee does: the actions an attempt is made of.
//!
//! The same actions come from the desktop window, from `casesim play --script` and from the
//! random bot. In a script file they are written in RON, one per line:
//!
//! ```text
//! [
//!     Open("fee-schedule-2025"),
//!     Flag(step: "check-shelf", document: "meals-brochure"),
//!     Finish("check-shelf"),
//!     Reply(step: "first-meeting", reply: "ask-family"),
//!     Reply(step: "first-meeting", reply: "own-words", text: "I asked what matters most to her."),
//!     Fill(step: "proposal", field: "summary", value: "Personal care three mornings a week"),
//!     Submit("proposal"),
//!     WaitUntil(day: 8),
//!     HandIn,
//! ]
//! ```
//!
//! In a script, text may name a variation as `{name}`: it is filled in from the attempt's seed
//! before the action is applied (see [`Action::map_text`]); the attempt records the result.

use serde::{Deserialize, Serialize};

/// One thing a trainee does. Steps, documents, answers and the rest are named by their ids in
/// the scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Action {
    /// Open a document on the reference shelf or a record in the client file.
    Open(String),
    /// In a `Documents` step that allows it, flag a document as out of date.
    Flag { step: String, document: String },
    /// Take a flag off again.
    Unflag { step: String, document: String },
    /// Finish a `Documents` step.
    Finish(String),
    /// Choose the answers of a `Choice` step (one, or several where `multiple`).
    Choose { step: String, answers: Vec<String> },
    /// Give a reply in a dialogue. A typed reply carries the trainee's own words.
    Reply {
        step: String,
        reply: String,
        #[serde(default)]
        text: Option<String>,
    },
    /// End a dialogue at a node where it may end.
    EndConversation(String),
    /// Set a field of a form (lists of options are separated by `;`).
    Fill {
        step: String,
        field: String,
        value: String,
    },
    /// Set the quantity of a service in a financial plan (0 takes the line out).
    Plan {
        step: String,
        service: String,
        quantity: f64,
    },
    /// Book a `Schedule` step on a simulated day, at "HH:MM".
    Book {
        step: String,
        day: u32,
        time: String,
    },
    /// Put the items of a `Rank` step in order.
    Order { step: String, items: Vec<String> },
    /// In a `Match` step, pair each left item (by pair id) with a right item (by pair id).
    Pair {
        step: String,
        pairs: Vec<(String, String)>,
    },
    /// Write the text of a `FreeText` step.
    Write { step: String, text: String },
    /// Answer a question: option ids, or words for a short answer.
    Answer {
        step: String,
        question: String,
        answer: Given,
    },
    /// Ask for the report of a `ThirdPartyReport` step.
    RequestReport(String),
    /// Submit a form, financial plan or set of answers: the step is done.
    Submit(String),
    /// Let simulated time pass until 09:00 on this day.
    WaitUntil { day: u32 },
    /// Hand the attempt in for judging. Nothing can be done after it.
    HandIn,
}

/// An answer to a question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Given {
    Options(Vec<String>),
    Words(String),
}

impl Action {
    /// The same action with `f` applied to every text in it: ids, values and words. Scripts use
    /// it to fill in `{variation}` placeholders from the seed, e.g. flagging
    /// `"{stale_brochure}"` whichever brochure the seed made stale.
    pub fn map_text(&self, f: impl Fn(&str) -> String) -> Action {
        let list = |v: &[String]| v.iter().map(|s| f(s)).collect::<Vec<_>>();
        match self {
            Action::Open(d) => Action::Open(f(d)),
            Action::Flag { step, document } => Action::Flag {
                step: f(step),
                document: f(document),
            },
            Action::Unflag { step, document } => Action::Unflag {
                step: f(step),
                document: f(document),
            },
            Action::Finish(s) => Action::Finish(f(s)),
            Action::Choose { step, answers } => Action::Choose {
                step: f(step),
                answers: list(answers),
            },
            Action::Reply { step, reply, text } => Action::Reply {
                step: f(step),
                reply: f(reply),
                text: text.as_deref().map(&f),
            },
            Action::EndConversation(s) => Action::EndConversation(f(s)),
            Action::Fill { step, field, value } => Action::Fill {
                step: f(step),
                field: f(field),
                value: f(value),
            },
            Action::Plan {
                step,
                service,
                quantity,
            } => Action::Plan {
                step: f(step),
                service: f(service),
                quantity: *quantity,
            },
            Action::Book { step, day, time } => Action::Book {
                step: f(step),
                day: *day,
                time: f(time),
            },
            Action::Order { step, items } => Action::Order {
                step: f(step),
                items: list(items),
            },
            Action::Pair { step, pairs } => Action::Pair {
                step: f(step),
                pairs: pairs.iter().map(|(l, r)| (f(l), f(r))).collect(),
            },
            Action::Write { step, text } => Action::Write {
                step: f(step),
                text: f(text),
            },
            Action::Answer {
                step,
                question,
                answer,
            } => Action::Answer {
                step: f(step),
                question: f(question),
                answer: match answer {
                    Given::Options(o) => Given::Options(list(o)),
                    Given::Words(w) => Given::Words(f(w)),
                },
            },
            Action::RequestReport(s) => Action::RequestReport(f(s)),
            Action::Submit(s) => Action::Submit(f(s)),
            Action::WaitUntil { day } => Action::WaitUntil { day: *day },
            Action::HandIn => Action::HandIn,
        }
    }

    /// The step the action works on, if any.
    pub fn step(&self) -> Option<&str> {
        match self {
            Action::Flag { step, .. }
            | Action::Unflag { step, .. }
            | Action::Choose { step, .. }
            | Action::Reply { step, .. }
            | Action::Fill { step, .. }
            | Action::Plan { step, .. }
            | Action::Book { step, .. }
            | Action::Order { step, .. }
            | Action::Pair { step, .. }
            | Action::Write { step, .. }
            | Action::Answer { step, .. } => Some(step),
            Action::Finish(step)
            | Action::EndConversation(step)
            | Action::RequestReport(step)
            | Action::Submit(step) => Some(step),
            Action::Open(_) | Action::WaitUntil { .. } | Action::HandIn => None,
        }
    }
}
