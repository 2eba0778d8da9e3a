//! What a step panel works with: the session (read only), the drafts of text being typed, and
//! the list of actions the panel asks for. The office applies the actions after drawing.

use std::collections::BTreeMap;

use crate::model::{Action, Judgement};
use crate::sim::Session;

/// Text typed into fields but not yet entered as an action, by key (`"<step>/<field>"`).
/// The office saves it to the attempt's drafts file soon after each change, so a crash loses at
/// most the last keystrokes; a draft is dropped once its value has been entered.
#[derive(Clone, Debug, Default)]
pub struct Drafts {
    map: BTreeMap<String, String>,
    dirty: bool,
}

impl Drafts {
    pub fn from_map(map: BTreeMap<String, String>) -> Self {
        Drafts { map, dirty: false }
    }

    pub fn map(&self) -> &BTreeMap<String, String> {
        &self.map
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.map.get(key).map(String::as_str)
    }

    /// Set a draft (only marks the drafts changed if the text differs).
    pub fn set(&mut self, key: &str, text: &str) {
        if self.map.get(key).map(String::as_str) != Some(text) {
            self.map.insert(key.to_owned(), text.to_owned());
            self.dirty = true;
        }
    }

    pub fn remove(&mut self, key: &str) {
        if self.map.remove(key).is_some() {
            self.dirty = true;
        }
    }

    /// Whether drafts changed since [`Drafts::saved`].
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    pub fn saved(&mut self) {
        self.dirty = false;
    }
}

/// The key of a draft: a step and a part of it (a field, a question, a reply...).
pub fn draft_key(step: &str, part: &str) -> String {
    format!("{step}/{part}")
}

/// Everything a step panel may read, and where it puts what the trainee does.
pub struct StepCtx<'a, 's> {
    pub session: &'a Session<'s>,
    /// Practice mode: hints and feedback are shown.
    pub practice: bool,
    pub drafts: &'a mut Drafts,
    /// Actions to apply, in order, after drawing.
    pub actions: &'a mut Vec<Action>,
    /// Practice mode: feedback the trainee's actions in this step have had so far.
    pub feedback: &'a [String],
    /// Practice mode: the judgement of the attempt so far.
    pub judgement: Option<&'a Judgement>,
}
