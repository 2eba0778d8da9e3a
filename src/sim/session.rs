//! A session: one scenario, instantiated with a seed, advanced by actions.
//!
//! [`Session::apply`] is the only way the state changes. An action that is not possible now is
//! refused with a reason and changes nothing. The session never reads the wall clock: time is the
//! simulated clock, which actions advance.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

use super::variation::{self, Values};
use crate::model::Scenario;
use crate::model::action::{Action, Given};
use crate::scenario::raw::*;
use crate::scoring::rubric::{RubricResult, judge_text, meets, shows};

/// Why an action was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ActionError(pub String);

fn refuse<T>(why: impl Into<String>) -> Result<T, ActionError> {
    Err(ActionError(why.into()))
}

/// What an accepted action did, for the trainee's screen and the log.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Outcome {
    /// What the client said (dialogue), rendered.
    pub client_says: Option<String>,
    /// Practice-mode feedback for the answer or reply chosen.
    pub feedback: Option<String>,
    /// Facts the client disclosed.
    pub disclosed: Vec<String>,
    /// Events that arrived (ids).
    pub arrived: Vec<String>,
    /// Steps that became done.
    pub completed: Vec<String>,
}

/// The client's state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClientState {
    pub rapport: i32,
    pub trust: i32,
    pub disclosed: BTreeSet<String>,
    pub flags: BTreeSet<String>,
}

/// Where a step is up to and what the trainee has put in it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct StepState {
    pub started: bool,
    pub done: bool,
    /// Documents: flagged out of date.
    pub flagged: BTreeSet<String>,
    /// Choice: answers chosen. Dialogue: replies given, in order.
    pub chosen: Vec<String>,
    /// Dialogue: the node the conversation is at, and every node reached.
    pub node: Option<String>,
    pub reached: BTreeSet<String>,
    /// Dialogue typed replies, Form fields, FreeText ("text"), Questions (question → answer).
    pub texts: BTreeMap<String, String>,
    /// Financial plan: service → quantity.
    pub lines: BTreeMap<String, f64>,
    /// Schedule: booked day and time.
    pub booked: Option<(u32, String)>,
    /// Rank: the order given. Match: (left pair id, right pair id).
    pub order: Vec<String>,
    pub pairs: Vec<(String, String)>,
    /// Questions: options chosen per question.
    pub options: BTreeMap<String, Vec<String>>,
    /// Third-party report: the day it arrives, then which report (index) arrived.
    pub report_due: Option<u32>,
    pub report: Option<usize>,
}

/// A report or event that will arrive later.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Arrival {
    pub id: String,
    pub day: u32,
    pub title: String,
    pub from: Option<String>,
    pub text: String,
}

/// The whole state of an attempt at one moment.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct State {
    pub clock: NaiveDateTime,
    pub client: ClientState,
    pub read: BTreeSet<String>,
    /// The steps worked on so far; a step with no entry is untouched (its state is the default).
    pub steps: BTreeMap<String, StepState>,
    /// Events and reports that have arrived, in order: the inbox.
    pub inbox: Vec<Arrival>,
    pub arrived: BTreeSet<String>,
    pub handed_in: bool,
}

/// A scenario being worked.
#[derive(Clone, Debug)]
pub struct Session<'s> {
    scenario: &'s Scenario,
    seed: u64,
    values: Values,
    start: NaiveDateTime,
    state: State,
    /// Positions of the events that have not arrived yet, in file order: the complement of
    /// `state.arrived`, kept so that each action need not look every event up there. Both change
    /// together, only in `arrivals`.
    pending: Vec<usize>,
}

/// A session without its scenario: what a long-lived owner (the desktop window) keeps between
/// frames, since a [`Session`] borrows its scenario. [`Parked::attach`] gives the session back.
#[derive(Clone, Debug)]
pub struct Parked {
    /// The content hash of the scenario it was parked from.
    scenario_hash: String,
    seed: u64,
    values: Values,
    start: NaiveDateTime,
    state: State,
    pending: Vec<usize>,
}

impl Parked {
    /// The session again, on the scenario it was parked from. `None` if `scenario` is another
    /// one (or another version of it): the state would not fit it.
    pub fn attach(self, scenario: &Scenario) -> Option<Session<'_>> {
        if scenario.content_hash() != self.scenario_hash {
            return None;
        }
        let Parked {
            seed,
            values,
            start,
            state,
            pending,
            ..
        } = self;
        Some(Session {
            scenario,
            seed,
            values,
            start,
            state,
            pending,
        })
    }
}

/// The last simulated day an attempt may run to.
pub const MAX_DAY: u32 = 366;

impl<'s> Session<'s> {
    /// Start a session: variations drawn from `seed`, the clock at the scenario's start.
    pub fn new(scenario: &'s Scenario, seed: u64) -> Self {
        let file = scenario.file();
        let values = variation::draw(&file.variations, seed);
        let start =
            NaiveDateTime::parse_from_str(&file.starts.value, "%Y-%m-%d %H:%M").unwrap_or_default();
        let mut session = Session {
            scenario,
            seed,
            values,
            start,
            state: State {
                clock: start,
                client: ClientState {
                    rapport: file.client.rapport.value.clamp(0, 100),
                    trust: file.client.trust.value.clamp(0, 100),
                    disclosed: BTreeSet::new(),
                    flags: BTreeSet::new(),
                },
                read: BTreeSet::new(),
                steps: BTreeMap::new(),
                inbox: Vec::new(),
                arrived: BTreeSet::new(),
                handed_in: false,
            },
            pending: (0..file.events.len()).collect(),
        };
        let mut outcome = Outcome::default();
        session.arrivals(&mut outcome);
        session
    }

    /// Put the session aside without its scenario (see [`Parked`]).
    pub fn park(self) -> Parked {
        let Session {
            scenario,
            seed,
            values,
            start,
            state,
            pending,
        } = self;
        Parked {
            scenario_hash: scenario.content_hash().to_owned(),
            seed,
            values,
            start,
            state,
            pending,
        }
    }

    pub fn scenario(&self) -> &'s Scenario {
        self.scenario
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    /// The drawn variation values.
    pub fn values(&self) -> &Values {
        &self.values
    }

    /// Text with this attempt's variations filled in.
    pub fn render(&self, text: &str) -> String {
        variation::render(text, &self.values)
    }

    /// The simulated day, 1 on the day the scenario starts.
    pub fn day(&self) -> u32 {
        let days = (self.state.clock.date() - self.start.date()).num_days();
        u32::try_from(days + 1).unwrap_or(1)
    }

    /// The date of day 1.
    pub fn start_date(&self) -> NaiveDate {
        self.start.date()
    }

    /// Whether a shelf document is out of date in this attempt.
    pub fn is_out_of_date(&self, document: &str) -> bool {
        let Some(d) = self
            .scenario
            .file()
            .office
            .documents
            .iter()
            .find(|d| d.id.value == document)
        else {
            return false;
        };
        match &d.out_of_date.value {
            OutOfDate::No => false,
            OutOfDate::Yes(_) => true,
            OutOfDate::WhenPicked(var) => self.values.get(&var.value) == Some(&d.id.value),
        }
    }

    fn step_file(&self, id: &str) -> Result<(&'s TaskFile, &'s StepFile), ActionError> {
        match self.scenario.step(id) {
            Some(found) => Ok(found),
            None => refuse(format!("there is no step `{id}`")),
        }
    }

    /// Steps that only an event opens.
    fn opened_by_event(&self, step: &str) -> Option<&'s EventFile> {
        self.scenario.opened_by(step)
    }

    /// Why a step cannot be worked on now, if it cannot.
    pub fn step_blocked(&self, id: &str) -> Option<String> {
        let Ok((task, step)) = self.step_file(id) else {
            return Some(format!("there is no step `{id}`"));
        };
        if self.state.handed_in {
            return Some("the attempt has been handed in".into());
        }
        if self.state.steps.get(id).is_some_and(|s| s.done) {
            return Some(format!("step `{id}` is already done"));
        }
        if let Some(open) = &task.opens_day
            && self.day() < open.value
        {
            return Some(format!(
                "task `{}` opens on day {}",
                task.id.value, open.value
            ));
        }
        if let Some(e) = self.opened_by_event(id)
            && !self.state.arrived.contains(&e.id.value)
        {
            return Some(format!(
                "step `{id}` opens when \"{}\" arrives",
                self.render(&e.title.value)
            ));
        }
        if let Some(c) = &step.requires
            && !self.holds(c)
        {
            return Some(format!("step `{id}` is not possible yet"));
        }
        None
    }

    /// A step's state, made on first use. (Looked up before inserting: `entry` would allocate
    /// a key on every call.) Only a step id the scenario lacks, which `act` refuses before it
    /// gets here, could make it fail.
    fn step_state(&mut self, id: &str) -> Result<&mut StepState, ActionError> {
        if !self.state.steps.contains_key(id) {
            if self.scenario.step(id).is_none() {
                return refuse(format!("there is no step `{id}`"));
            }
            self.state.steps.insert(id.to_owned(), StepState::default());
        }
        match self.state.steps.get_mut(id) {
            Some(state) => Ok(state),
            None => refuse(format!("there is no step `{id}`")),
        }
    }

    /// Apply one action. Refused actions change nothing.
    pub fn apply(&mut self, action: &Action) -> Result<Outcome, ActionError> {
        if self.state.handed_in {
            return refuse("the attempt has been handed in: nothing more can be done");
        }
        // Work on a copy so that a refusal part-way leaves no trace.
        let mut next = self.clone();
        let mut outcome = Outcome::default();
        next.act(action, &mut outcome)?;
        next.arrivals(&mut outcome);
        *self = next;
        Ok(outcome)
    }

    /// Apply an action without keeping a copy to roll back to: faster, for replaying a log that
    /// stops at its first refused action (the judge). After an `Err` the state is unspecified.
    pub fn replay(&mut self, action: &Action) -> Result<Outcome, ActionError> {
        if self.state.handed_in {
            return refuse("the attempt has been handed in: nothing more can be done");
        }
        let mut outcome = Outcome::default();
        self.act(action, &mut outcome)?;
        self.arrivals(&mut outcome);
        Ok(outcome)
    }

    fn complete(&mut self, step: &StepFile, outcome: &mut Outcome) -> Result<(), ActionError> {
        let state = self.step_state(&step.id.value)?;
        state.started = true;
        state.done = true;
        self.state.clock += Duration::minutes(i64::from(step.minutes));
        outcome.completed.push(step.id.value.clone());
        Ok(())
    }

    fn effects(&mut self, effects: &[Effect], outcome: &mut Outcome) {
        let client = &mut self.state.client;
        for e in effects {
            match e {
                Effect::Rapport(d) => client.rapport = (client.rapport + d.value).clamp(0, 100),
                Effect::Trust(d) => client.trust = (client.trust + d.value).clamp(0, 100),
                Effect::Disclose(f) => {
                    if client.disclosed.insert(f.value.clone()) {
                        outcome.disclosed.push(f.value.clone());
                    }
                }
                Effect::SetFlag(f) => {
                    client.flags.insert(f.value.clone());
                }
                Effect::ClearFlag(f) => {
                    client.flags.remove(&f.value);
                }
            }
        }
    }

    fn act(&mut self, action: &Action, outcome: &mut Outcome) -> Result<(), ActionError> {
        if let Some(id) = action.step()
            && let Some(why) = self.step_blocked(id)
        {
            return refuse(why);
        }
        let step = match action.step() {
            Some(id) => Some(self.step_file(id)?.1),
            None => None,
        };
        match (action, step.map(|s| &s.kind)) {
            (Action::Open(doc), _) => {
                let office = &self.scenario.file().office;
                let exists = office.documents.iter().any(|d| d.id.value == *doc)
                    || office.client_file.iter().any(|r| r.id.value == *doc);
                if !exists {
                    return refuse(format!("there is no document or record `{doc}`"));
                }
                if !self.state.read.contains(doc) {
                    self.state.read.insert(doc.clone());
                }
                self.state.clock += Duration::minutes(1);
            }
            (
                Action::Flag { document, .. } | Action::Unflag { document, .. },
                Some(StepKind::Documents {
                    documents,
                    flag_out_of_date,
                }),
            ) => {
                if !flag_out_of_date {
                    return refuse("this step does not ask for documents to be flagged");
                }
                if !documents.iter().any(|d| d.value == *document)
                    || !self
                        .scenario
                        .file()
                        .office
                        .documents
                        .iter()
                        .any(|d| d.id.value == *document)
                {
                    return refuse(format!("`{document}` is not a shelf document of this step"));
                }
                let id = action.step().unwrap_or_default();
                let state = self.step_state(id)?;
                state.started = true;
                if matches!(action, Action::Flag { .. }) {
                    state.flagged.insert(document.clone());
                } else {
                    state.flagged.remove(document);
                }
            }
            (Action::Finish(_), Some(StepKind::Documents { .. })) => {
                self.complete(step.unwrap_or_else(|| unreachable_step()), outcome)?;
            }
            (
                Action::Choose { answers, .. },
                Some(StepKind::Choice {
                    answers: options,
                    multiple,
                    ..
                }),
            ) => {
                if answers.is_empty() {
                    return refuse("choose at least one answer");
                }
                if !multiple && answers.len() > 1 {
                    return refuse("choose one answer");
                }
                let mut feedback = Vec::new();
                let mut effects = Vec::new();
                for a in answers {
                    let Some(opt) = options.iter().find(|o| o.id.value == *a) else {
                        return refuse(format!("there is no answer `{a}`"));
                    };
                    if !opt.feedback.value.is_empty() {
                        feedback.push(self.render(&opt.feedback.value));
                    }
                    effects.extend(opt.effects.iter());
                }
                let mut unique = answers.clone();
                unique.sort();
                unique.dedup();
                if unique.len() != answers.len() {
                    return refuse("an answer is chosen twice");
                }
                for e in effects {
                    self.effects(std::slice::from_ref(e), outcome);
                }
                outcome.feedback = (!feedback.is_empty()).then(|| feedback.join(" "));
                let id = action.step().unwrap_or_default();
                self.step_state(id)?.chosen = answers.clone();
                self.complete(step.unwrap_or_else(|| unreachable_step()), outcome)?;
            }
            (Action::Reply { reply, text, .. }, Some(StepKind::Dialogue { start, nodes })) => {
                let id = action.step().unwrap_or_default();
                let step = step.unwrap_or_else(|| unreachable_step());
                if !self.state.steps.get(id).is_some_and(|s| s.started) {
                    self.enter_node(id, &start.value, nodes, outcome)?;
                }
                let at = self
                    .state
                    .steps
                    .get(id)
                    .and_then(|s| s.node.clone())
                    .unwrap_or_default();
                let Some(node) = nodes.iter().find(|n| n.id.value == at) else {
                    return refuse("the conversation is not at any node");
                };
                let Some(r) = node.replies.iter().find(|r| r.id.value == *reply) else {
                    return refuse(format!("`{reply}` is not a reply offered now"));
                };
                if let Some(c) = &r.when
                    && !self.holds(c)
                {
                    return refuse(format!("`{reply}` is not a reply offered now"));
                }
                match (&r.typed, text) {
                    (Some(_), Some(t)) if !t.trim().is_empty() => {
                        self.step_state(id)?.texts.insert(reply.clone(), t.clone());
                    }
                    (Some(_), _) => return refuse("this reply is in your own words: write it"),
                    (None, Some(_)) => return refuse("this reply is chosen, not written"),
                    (None, None) => {}
                }
                self.step_state(id)?.chosen.push(reply.clone());
                self.effects(&r.effects, outcome);
                if !r.feedback.value.is_empty() {
                    outcome.feedback = Some(self.render(&r.feedback.value));
                }
                self.state.clock += Duration::minutes(1);
                match &r.next {
                    Some(next) => self.enter_node(id, &next.value, nodes, outcome)?,
                    None => self.complete(step, outcome)?,
                }
            }
            (Action::EndConversation(id), Some(StepKind::Dialogue { nodes, .. })) => {
                let at = self.state.steps.get(id).and_then(|s| s.node.clone());
                let ends = at
                    .as_ref()
                    .and_then(|a| nodes.iter().find(|n| n.id.value == *a))
                    .is_some_and(|n| n.end);
                if !ends {
                    return refuse("the conversation cannot end here");
                }
                self.complete(step.unwrap_or_else(|| unreachable_step()), outcome)?;
            }
            (Action::Fill { field, value, .. }, Some(StepKind::Form { fields, .. })) => {
                let Some(f) = fields.iter().find(|f| f.id.value == *field) else {
                    return refuse(format!("the form has no field `{field}`"));
                };
                let value = normalise(f, value);
                self.check_field(f, &value)?;
                let id = action.step().unwrap_or_default();
                let state = self.step_state(id)?;
                state.started = true;
                if value.is_empty() {
                    state.texts.remove(field);
                } else {
                    state.texts.insert(field.clone(), value);
                }
            }
            (Action::Submit(id), Some(StepKind::Form { fields, .. })) => {
                let filled = self.state.steps.get(id).map(|s| &s.texts);
                let missing: Vec<&str> = fields
                    .iter()
                    .filter(|f| f.required && !filled.is_some_and(|t| t.contains_key(&f.id.value)))
                    .map(|f| f.label.value.as_str())
                    .collect();
                if !missing.is_empty() {
                    return refuse(format!(
                        "fill in the required fields first: {}",
                        missing.join(", ")
                    ));
                }
                self.complete(step.unwrap_or_else(|| unreachable_step()), outcome)?;
            }
            (
                Action::Plan {
                    service, quantity, ..
                },
                Some(StepKind::FinancialPlan { services, .. }),
            ) => {
                let office = &self.scenario.file().office.services;
                let allowed = if services.is_empty() {
                    office.iter().any(|s| s.id.value == *service)
                } else {
                    services.iter().any(|s| s.value == *service)
                };
                if !allowed {
                    return refuse(format!(
                        "`{service}` is not a service this plan can include"
                    ));
                }
                if !quantity.is_finite() || *quantity < 0.0 || *quantity > 10_000.0 {
                    return refuse("a quantity is a number from 0 to 10000");
                }
                let id = action.step().unwrap_or_default();
                let state = self.step_state(id)?;
                state.started = true;
                if *quantity == 0.0 {
                    state.lines.remove(service);
                } else {
                    state.lines.insert(service.clone(), *quantity);
                }
            }
            (Action::Submit(id), Some(StepKind::FinancialPlan { .. })) => {
                if self.state.steps.get(id).is_none_or(|s| s.lines.is_empty()) {
                    return refuse("the plan has no services in it yet");
                }
                self.complete(step.unwrap_or_else(|| unreachable_step()), outcome)?;
            }
            (Action::Book { day, time, .. }, Some(StepKind::Schedule { .. })) => {
                if *day < self.day() || *day > MAX_DAY {
                    return refuse(format!(
                        "day {day} cannot be booked: today is day {}",
                        self.day()
                    ));
                }
                let Ok(t) = NaiveTime::parse_from_str(time, "%H:%M") else {
                    return refuse("a time is written HH:MM, e.g. 10:30");
                };
                if t < NaiveTime::from_hms_opt(7, 0, 0).unwrap_or_default()
                    || t > NaiveTime::from_hms_opt(19, 0, 0).unwrap_or_default()
                {
                    return refuse("meetings are booked between 07:00 and 19:00");
                }
                if *day == self.day() && t < self.state.clock.time() {
                    return refuse(format!(
                        "{time} today has already passed (it is {})",
                        self.state.clock.format("%H:%M")
                    ));
                }
                let id = action.step().unwrap_or_default();
                self.step_state(id)?.booked = Some((*day, time.clone()));
                self.complete(step.unwrap_or_else(|| unreachable_step()), outcome)?;
            }
            (Action::Order { items, .. }, Some(StepKind::Rank { items: all, .. })) => {
                let mut given: Vec<&str> = items.iter().map(String::as_str).collect();
                given.sort_unstable();
                let mut expected: Vec<&str> = all.iter().map(|i| i.id.value.as_str()).collect();
                expected.sort_unstable();
                if given != expected {
                    return refuse("put every item in the order exactly once");
                }
                let id = action.step().unwrap_or_default();
                self.step_state(id)?.order = items.clone();
                self.complete(step.unwrap_or_else(|| unreachable_step()), outcome)?;
            }
            (Action::Pair { pairs, .. }, Some(StepKind::Match { pairs: all, .. })) => {
                let ids: BTreeSet<&str> = all.iter().map(|p| p.id.value.as_str()).collect();
                let lefts: BTreeSet<&str> = pairs.iter().map(|(l, _)| l.as_str()).collect();
                let rights: BTreeSet<&str> = pairs.iter().map(|(_, r)| r.as_str()).collect();
                if lefts != ids || rights != ids || pairs.len() != ids.len() {
                    return refuse("match every item on the left with exactly one on the right");
                }
                let id = action.step().unwrap_or_default();
                self.step_state(id)?.pairs = pairs.clone();
                self.complete(step.unwrap_or_else(|| unreachable_step()), outcome)?;
            }
            (Action::Write { text, .. }, Some(StepKind::FreeText { .. })) => {
                if text.trim().is_empty() {
                    return refuse("write something first");
                }
                let id = action.step().unwrap_or_default();
                self.step_state(id)?
                    .texts
                    .insert("text".into(), text.clone());
                self.complete(step.unwrap_or_else(|| unreachable_step()), outcome)?;
            }
            (
                Action::Answer {
                    question, answer, ..
                },
                Some(StepKind::Questions { questions, .. }),
            ) => {
                let Some(q) = questions.iter().find(|q| q.id.value == *question) else {
                    return refuse(format!("there is no question `{question}`"));
                };
                let id = action.step().unwrap_or_default();
                match (&q.answer, answer) {
                    (QuestionAnswer::Single { options, .. }, Given::Options(chosen))
                    | (QuestionAnswer::Multiple { options, .. }, Given::Options(chosen)) => {
                        if chosen.is_empty() {
                            return refuse("choose an option");
                        }
                        if matches!(q.answer, QuestionAnswer::Single { .. }) && chosen.len() != 1 {
                            return refuse("choose one option");
                        }
                        if let Some(bad) = chosen
                            .iter()
                            .find(|c| !options.iter().any(|o| o.id.value == **c))
                        {
                            return refuse(format!("there is no option `{bad}`"));
                        }
                        let state = self.step_state(id)?;
                        state.started = true;
                        state.options.insert(question.clone(), chosen.clone());
                    }
                    (QuestionAnswer::Short(_), Given::Words(words)) => {
                        if words.trim().is_empty() {
                            return refuse("write an answer");
                        }
                        let state = self.step_state(id)?;
                        state.started = true;
                        state.texts.insert(question.clone(), words.clone());
                    }
                    (QuestionAnswer::Short(_), Given::Options(_)) => {
                        return refuse("this question is answered in words");
                    }
                    (_, Given::Words(_)) => {
                        return refuse("this question is answered by choosing options");
                    }
                }
            }
            (Action::Submit(id), Some(StepKind::Questions { questions, .. })) => {
                let state = self.state.steps.get(id);
                let unanswered = questions.iter().filter(|q| {
                    !state.is_some_and(|s| {
                        s.options.contains_key(&q.id.value) || s.texts.contains_key(&q.id.value)
                    })
                });
                if unanswered.count() > 0 {
                    return refuse("answer every question first");
                }
                self.complete(step.unwrap_or_else(|| unreachable_step()), outcome)?;
            }
            (Action::RequestReport(id), Some(StepKind::ThirdPartyReport { delay_days, .. })) => {
                if self
                    .state
                    .steps
                    .get(id)
                    .is_some_and(|s| s.report_due.is_some())
                {
                    return refuse("the report has been asked for already");
                }
                let due = self.day() + delay_days;
                let state = self.step_state(id)?;
                state.started = true;
                state.report_due = Some(due);
                self.state.clock += Duration::minutes(5);
            }
            (Action::WaitUntil { day }, _) => {
                if *day <= self.day() || *day > MAX_DAY {
                    return refuse(format!(
                        "wait until a later day (today is day {})",
                        self.day()
                    ));
                }
                self.state.clock = self
                    .date_of(*day)
                    .and_time(NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default());
            }
            (Action::HandIn, _) => self.state.handed_in = true,
            (a, Some(kind)) => {
                return refuse(format!(
                    "{} cannot be done in a `{}` step",
                    action_name(a),
                    kind.name()
                ));
            }
            (a, None) => return refuse(format!("{} needs a step", action_name(a))),
        }
        Ok(())
    }

    fn enter_node(
        &mut self,
        step: &str,
        node: &str,
        nodes: &'s [NodeFile],
        outcome: &mut Outcome,
    ) -> Result<(), ActionError> {
        let state = self.step_state(step)?;
        state.started = true;
        state.node = Some(node.to_owned());
        state.reached.insert(node.to_owned());
        if let Some(n) = nodes.iter().find(|n| n.id.value == node) {
            self.effects(&n.effects, outcome);
            outcome.client_says = Some(self.render(&n.client.value));
        }
        Ok(())
    }

    fn check_field(&self, f: &FieldFile, value: &str) -> Result<(), ActionError> {
        let v = value.trim();
        if v.is_empty() {
            return Ok(());
        }
        let office = &self.scenario.file().office;
        let person = |id: &str| {
            office.staff.iter().any(|p| p.id.value == id)
                || office.stakeholders.iter().any(|p| p.id.value == id)
        };
        let ok = match &f.kind {
            FieldKind::Text | FieldKind::Paragraph => true,
            FieldKind::Number | FieldKind::Money => {
                v.replace(',', "").parse::<f64>().is_ok_and(f64::is_finite)
            }
            FieldKind::Date => NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok(),
            FieldKind::YesNo => v == "yes" || v == "no",
            // Options may name variations ("Her daughter {daughter_name}").
            FieldKind::OneOf(opts) => opts.iter().any(|o| self.render(&o.value) == v),
            FieldKind::AnyOf(opts) => {
                let opts: Vec<String> = opts.iter().map(|o| self.render(&o.value)).collect();
                items(v).all(|i| opts.iter().any(|o| o == i))
            }
            FieldKind::Contact => person(v),
            FieldKind::Service => office.services.iter().any(|s| s.id.value == v),
            FieldKind::Directory => items(v).all(person),
        };
        if ok {
            Ok(())
        } else {
            refuse(format!(
                "\"{v}\" is not a valid answer for \"{}\"",
                f.label.value
            ))
        }
    }

    /// Let events and reports arrive whose time or condition has come, repeatedly (one arrival
    /// can bring on another).
    fn arrivals(&mut self, outcome: &mut Outcome) {
        let file = self.scenario.file();
        // Arrivals take no time: the day is the same throughout.
        let day = self.day();
        loop {
            let mut changed = false;
            let mut i = 0;
            while let Some(&event) = self.pending.get(i) {
                let Some(e) = file.events.get(event) else {
                    self.pending.remove(i);
                    continue;
                };
                let due = match &e.at {
                    Trigger::Day(d) => day >= d.value,
                    Trigger::When(c) => self.holds(c),
                };
                if due {
                    self.state.arrived.insert(e.id.value.clone());
                    self.state.inbox.push(Arrival {
                        id: e.id.value.clone(),
                        day,
                        title: self.render(&e.title.value),
                        from: e.from.as_ref().map(|f| f.value.clone()),
                        text: self.render(&e.text.value),
                    });
                    self.effects(&e.effects, outcome);
                    outcome.arrived.push(e.id.value.clone());
                    changed = true;
                    // Keeps file order: the next event moves into place `i`.
                    self.pending.remove(i);
                } else {
                    i += 1;
                }
            }
            for step in self.scenario.report_steps() {
                let StepKind::ThirdPartyReport {
                    from,
                    about,
                    reports,
                    ..
                } = &step.kind
                else {
                    continue;
                };
                let id = &step.id.value;
                let Some(state) = self.state.steps.get(id) else {
                    continue;
                };
                let (Some(due), None) = (state.report_due, state.report) else {
                    continue;
                };
                if day < due {
                    continue;
                }
                let chosen = reports
                    .iter()
                    .position(|r| r.when.as_ref().is_none_or(|c| self.holds(c)));
                let text = chosen
                    .map(|i| self.render(&reports[i].text.value))
                    .unwrap_or_default();
                let arrival = Arrival {
                    id: id.clone(),
                    day,
                    title: self.render(&about.value),
                    from: Some(from.value.clone()),
                    text,
                };
                if let Some(state) = self.state.steps.get_mut(id) {
                    state.report = Some(chosen.unwrap_or(usize::MAX));
                    state.done = true;
                }
                self.state.inbox.push(arrival);
                outcome.arrived.push(id.clone());
                outcome.completed.push(id.clone());
                changed = true;
            }
            if !changed {
                break;
            }
        }
    }

    // -- conditions -----------------------------------------------------------------------

    fn step_state_of(&self, id: &str) -> Option<&StepState> {
        self.state.steps.get(id)
    }

    /// Whether a condition holds now.
    pub fn holds(&self, c: &Condition) -> bool {
        use Condition::*;
        let st = |id: &Id| self.step_state_of(&id.value);
        let kind = |id: &Id| self.scenario.step(&id.value).map(|(_, s)| &s.kind);
        match c {
            Done(s) => st(s).is_some_and(|s| s.done),
            Chose(s, x) => st(s).is_some_and(|s| s.chosen.contains(&x.value)),
            Reached(s, n) => st(s).is_some_and(|s| s.reached.contains(&n.value)),
            Disclosed(f) => self.state.client.disclosed.contains(&f.value),
            Flag(f) => self.state.client.flags.contains(&f.value),
            Read(d) => self.state.read.contains(&d.value),
            FlaggedOutOfDate(d) => self
                .state
                .steps
                .values()
                .any(|s| s.flagged.contains(&d.value)),
            FlagsCorrect(s) => match (kind(s), st(s)) {
                (Some(StepKind::Documents { documents, .. }), Some(state)) if state.done => {
                    documents
                        .iter()
                        .filter(|d| {
                            self.scenario
                                .file()
                                .office
                                .documents
                                .iter()
                                .any(|x| x.id.value == d.value)
                        })
                        .all(|d| self.is_out_of_date(&d.value) == state.flagged.contains(&d.value))
                }
                _ => false,
            },
            FieldOk(s, f) => match (kind(s), st(s)) {
                (Some(StepKind::Form { fields, .. }), Some(state)) if state.done => fields
                    .iter()
                    .find(|x| x.id.value == f.value)
                    .is_some_and(|field| self.field_ok(field, state.texts.get(&f.value))),
                _ => false,
            },
            FormOk(s) => match (kind(s), st(s)) {
                (Some(StepKind::Form { fields, .. }), Some(state)) if state.done => {
                    fields.iter().all(|f| {
                        let v = state.texts.get(&f.id.value);
                        (!f.required || v.is_some()) && (f.expect.is_none() || self.field_ok(f, v))
                    })
                }
                _ => false,
            },
            WithinBudget(s) => {
                st(s).is_some_and(|state| state.done)
                    && self
                        .plan_total(&s.value)
                        .is_some_and(|(total, budget)| total <= budget + 1e-9)
            }
            Includes(s, svc) => st(s).is_some_and(|state| {
                state.done && state.lines.get(&svc.value).is_some_and(|q| *q > 0.0)
            }),
            ScheduledInTime(s) => match (kind(s), st(s)) {
                (
                    Some(StepKind::Schedule {
                        earliest_day,
                        latest_day,
                        ..
                    }),
                    Some(state),
                ) => state
                    .booked
                    .as_ref()
                    .is_some_and(|(day, _)| (earliest_day.value..=latest_day.value).contains(day)),
                _ => false,
            },
            Correct(s, x) => self.correct_items(&s.value).contains(&x.value),
            Score(s, cmp) => compare(self.correct_items(&s.value).len() as f64, &cmp.value),
            Concept(s, k) => self.concept_shown(&s.value, &k.value),
            RubricMet(s) => match (kind(s), st(s)) {
                (Some(StepKind::FreeText { rubric, .. }), Some(state)) => {
                    state.texts.get("text").is_some_and(|t| meets(t, rubric))
                }
                _ => false,
            },
            ReportClear(s) => match (kind(s), st(s)) {
                (Some(StepKind::ThirdPartyReport { reports, .. }), Some(state)) => state
                    .report
                    .and_then(|i| reports.get(i))
                    .is_some_and(|r| !r.concern),
                _ => false,
            },
            Rapport(cmp) => compare(f64::from(self.state.client.rapport), &cmp.value),
            Trust(cmp) => compare(f64::from(self.state.client.trust), &cmp.value),
            Day(cmp) => compare(f64::from(self.day()), &cmp.value),
            Arrived(e) => self.state.arrived.contains(&e.value),
            All(cs) => cs.iter().all(|c| self.holds(c)),
            Any(cs) => cs.iter().any(|c| self.holds(c)),
            Not(c) => !self.holds(c),
        }
    }

    fn field_ok(&self, f: &FieldFile, value: Option<&String>) -> bool {
        let Some(expect) = &f.expect else {
            return true;
        };
        let v = value.map(|s| s.trim()).unwrap_or("");
        let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
        match expect {
            Expect::NotEmpty => !v.is_empty(),
            Expect::Is(x) => same(v, &self.render(&x.value)),
            Expect::Includes(xs) => xs
                .iter()
                .all(|x| items(v).any(|i| same(i, &self.render(&x.value)))),
            Expect::Excludes(xs) => {
                !v.is_empty()
                    && xs
                        .iter()
                        .all(|x| !items(v).any(|i| same(i, &self.render(&x.value))))
            }
            Expect::Between { min, max } => v.replace(',', "").parse::<f64>().is_ok_and(|n| {
                n >= variation::amount(&min.value, &self.values) - 1e-9
                    && n <= variation::amount(&max.value, &self.values) + 1e-9
            }),
            Expect::DayBetween { first, last } => NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .is_ok_and(|d| {
                    let day = (d - self.start.date()).num_days() + 1;
                    day >= i64::from(first.value) && day <= i64::from(last.value)
                }),
            Expect::Covers(rubric) => meets(v, rubric),
        }
    }

    /// A financial plan's total and its budget, in this attempt's money.
    pub fn plan_total(&self, step: &str) -> Option<(f64, f64)> {
        let (_, s) = self.scenario.step(step)?;
        let StepKind::FinancialPlan { budget, .. } = &s.kind else {
            return None;
        };
        let services = &self.scenario.file().office.services;
        let lines = &self.step_state_of(step)?.lines;
        let total = lines
            .iter()
            .map(|(id, q)| {
                services
                    .iter()
                    .find(|s| s.id.value == *id)
                    .map_or(0.0, |s| q * variation::amount(&s.fee.value, &self.values))
            })
            .sum();
        let limit = match budget {
            Some(b) => variation::amount(&b.value, &self.values),
            None => variation::amount(
                &self.scenario.file().client.budget.as_ref()?.amount.value,
                &self.values,
            ),
        };
        Some((total, limit))
    }

    /// The ids of questions, rank items or pairs of a step answered correctly.
    pub fn correct_items(&self, step: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let (Some((_, s)), Some(state)) = (self.scenario.step(step), self.step_state_of(step))
        else {
            return out;
        };
        match &s.kind {
            StepKind::Questions { questions, .. } if state.done => {
                for q in questions {
                    let right = match &q.answer {
                        QuestionAnswer::Single { correct, .. } => state
                            .options
                            .get(&q.id.value)
                            .is_some_and(|c| c.len() == 1 && c[0] == correct.value),
                        QuestionAnswer::Multiple { correct, .. } => {
                            state.options.get(&q.id.value).is_some_and(|c| {
                                let given: BTreeSet<&str> = c.iter().map(String::as_str).collect();
                                let want: BTreeSet<&str> =
                                    correct.iter().map(|x| x.value.as_str()).collect();
                                given == want
                            })
                        }
                        QuestionAnswer::Short(rubric) => state
                            .texts
                            .get(&q.id.value)
                            .is_some_and(|t| meets(t, rubric)),
                    };
                    if right {
                        out.insert(q.id.value.clone());
                    }
                }
            }
            StepKind::Rank { order, .. } => {
                for (i, item) in state.order.iter().enumerate() {
                    if order.get(i).is_some_and(|o| o.value == *item) {
                        out.insert(item.clone());
                    }
                }
            }
            StepKind::Match { .. } => {
                for (l, r) in &state.pairs {
                    if l == r {
                        out.insert(l.clone());
                    }
                }
            }
            _ => {}
        }
        out
    }

    /// The pieces of text written in a step that a rubric judges, each with its rubric: the
    /// free text, typed dialogue replies, and (once submitted) form fields judged by `Covers`
    /// and short answers.
    pub fn written_texts(&self, step: &str) -> Vec<(&'s RubricFile, &str)> {
        let (Some((_, s)), Some(state)) = (self.scenario.step(step), self.step_state_of(step))
        else {
            return Vec::new();
        };
        let text = |key: &str| state.texts.get(key).map(String::as_str);
        match &s.kind {
            StepKind::FreeText { rubric, .. } => {
                text("text").map(|t| (rubric, t)).into_iter().collect()
            }
            StepKind::Dialogue { nodes, .. } => nodes
                .iter()
                .flat_map(|n| &n.replies)
                .filter_map(|r| Some((r.typed.as_ref()?, text(&r.id.value)?)))
                .collect(),
            StepKind::Form { fields, .. } if state.done => fields
                .iter()
                .filter_map(|f| match &f.expect {
                    Some(Expect::Covers(rubric)) => Some((rubric, text(&f.id.value)?)),
                    _ => None,
                })
                .collect(),
            StepKind::Questions { questions, .. } if state.done => questions
                .iter()
                .filter_map(|q| match &q.answer {
                    QuestionAnswer::Short(rubric) => Some((rubric, text(&q.id.value)?)),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Whether any text written in a step shows a concept: `rubric_results(step)` has one that
    /// `shown(concept)`, judging only the rubrics that name the concept.
    pub fn concept_shown(&self, step: &str, concept: &str) -> bool {
        self.written_texts(step)
            .into_iter()
            .any(|(rubric, text)| shows(text, rubric, concept))
    }

    /// The rubric verdicts on every piece of text written in a step.
    pub fn rubric_results(&self, step: &str) -> Vec<RubricResult> {
        self.written_texts(step)
            .into_iter()
            .map(|(rubric, text)| judge_text(text, rubric))
            .collect()
    }

    /// Every action that is possible now, with placeholder text where words are needed (the
    /// random bot's menu; free text it writes is judged like any other).
    pub fn possible_actions(&self) -> Vec<Action> {
        let mut out = Vec::new();
        if self.state.handed_in {
            return out;
        }
        let office = &self.scenario.file().office;
        for d in &office.documents {
            out.push(Action::Open(d.id.value.clone()));
        }
        for r in &office.client_file {
            out.push(Action::Open(r.id.value.clone()));
        }
        for (_, step) in self.scenario.steps() {
            let id = step.id.value.clone();
            if self.step_blocked(&id).is_some() {
                continue;
            }
            let state = self.step_state_of(&id).cloned().unwrap_or_default();
            match &step.kind {
                StepKind::Documents {
                    documents,
                    flag_out_of_date,
                } => {
                    if *flag_out_of_date {
                        for d in documents {
                            if office.documents.iter().any(|x| x.id.value == d.value) {
                                let document = d.value.clone();
                                out.push(if state.flagged.contains(&document) {
                                    Action::Unflag {
                                        step: id.clone(),
                                        document,
                                    }
                                } else {
                                    Action::Flag {
                                        step: id.clone(),
                                        document,
                                    }
                                });
                            }
                        }
                    }
                    out.push(Action::Finish(id));
                }
                StepKind::Choice { answers, .. } => {
                    for a in answers {
                        out.push(Action::Choose {
                            step: id.clone(),
                            answers: vec![a.id.value.clone()],
                        });
                    }
                }
                StepKind::Dialogue { start, nodes } => {
                    let at = state.node.clone().unwrap_or_else(|| start.value.clone());
                    if let Some(node) = nodes.iter().find(|n| n.id.value == at) {
                        for r in &node.replies {
                            if r.when.as_ref().is_some_and(|c| !self.holds(c)) && state.started {
                                continue;
                            }
                            out.push(Action::Reply {
                                step: id.clone(),
                                reply: r.id.value.clone(),
                                text: r.typed.as_ref().map(|_| self.render(&r.say.value)),
                            });
                        }
                        if node.end && state.started {
                            out.push(Action::EndConversation(id.clone()));
                        }
                    }
                }
                StepKind::Form { fields, .. } => {
                    for f in fields {
                        if let Some(value) = sample_value(f, office).map(|v| self.render(&v)) {
                            out.push(Action::Fill {
                                step: id.clone(),
                                field: f.id.value.clone(),
                                value,
                            });
                        }
                    }
                    out.push(Action::Submit(id));
                }
                StepKind::FinancialPlan { services, .. } => {
                    let ids: Vec<String> = if services.is_empty() {
                        office.services.iter().map(|s| s.id.value.clone()).collect()
                    } else {
                        services.iter().map(|s| s.value.clone()).collect()
                    };
                    for s in ids {
                        for q in [0.0, 1.0, 2.0, 4.0] {
                            out.push(Action::Plan {
                                step: id.clone(),
                                service: s.clone(),
                                quantity: q,
                            });
                        }
                    }
                    out.push(Action::Submit(id));
                }
                StepKind::Schedule {
                    earliest_day,
                    latest_day,
                    ..
                } => {
                    let today = self.day();
                    let mut days: Vec<u32> = vec![
                        today,
                        earliest_day.value,
                        latest_day.value,
                        latest_day.value + 3,
                    ];
                    days.retain(|d| *d >= today && *d <= MAX_DAY);
                    days.sort_unstable();
                    days.dedup();
                    for day in days {
                        out.push(Action::Book {
                            step: id.clone(),
                            day,
                            time: "10:00".into(),
                        });
                    }
                }
                StepKind::Rank { items, .. } => {
                    let ids: Vec<String> = items.iter().map(|i| i.id.value.clone()).collect();
                    let mut reversed = ids.clone();
                    reversed.reverse();
                    out.push(Action::Order {
                        step: id.clone(),
                        items: ids,
                    });
                    out.push(Action::Order {
                        step: id,
                        items: reversed,
                    });
                }
                StepKind::Match { pairs, .. } => {
                    let ids: Vec<String> = pairs.iter().map(|p| p.id.value.clone()).collect();
                    let shifted: Vec<(String, String)> = ids
                        .iter()
                        .enumerate()
                        .map(|(i, l)| (l.clone(), ids[(i + 1) % ids.len()].clone()))
                        .collect();
                    out.push(Action::Pair {
                        step: id.clone(),
                        pairs: ids.iter().map(|l| (l.clone(), l.clone())).collect(),
                    });
                    out.push(Action::Pair {
                        step: id,
                        pairs: shifted,
                    });
                }
                StepKind::FreeText { prompt, .. } => {
                    out.push(Action::Write {
                        step: id,
                        text: self.render(&prompt.value),
                    });
                }
                StepKind::Questions { questions, .. } => {
                    for q in questions {
                        match &q.answer {
                            QuestionAnswer::Single { options, .. }
                            | QuestionAnswer::Multiple { options, .. } => {
                                for o in options {
                                    out.push(Action::Answer {
                                        step: id.clone(),
                                        question: q.id.value.clone(),
                                        answer: Given::Options(vec![o.id.value.clone()]),
                                    });
                                }
                            }
                            QuestionAnswer::Short(_) => out.push(Action::Answer {
                                step: id.clone(),
                                question: q.id.value.clone(),
                                answer: Given::Words(self.render(&q.ask.value)),
                            }),
                        }
                    }
                    out.push(Action::Submit(id));
                }
                StepKind::ThirdPartyReport { .. } => {
                    if state.report_due.is_none() {
                        out.push(Action::RequestReport(id));
                    }
                }
            }
        }
        if self.day() < MAX_DAY {
            out.push(Action::WaitUntil {
                day: self.day() + 1,
            });
        }
        out.push(Action::HandIn);
        // Only what would be accepted.
        out.retain(|a| self.clone().replay(a).is_ok());
        out
    }
}

/// A field's value as stored: trimmed; yes/no in lower case; numbers without currency signs,
/// codes or thousands separators ("$1,200" → "1200", "KES 9,000" → "9000").
fn normalise(f: &FieldFile, value: &str) -> String {
    let v = value.trim();
    match f.kind {
        FieldKind::YesNo => v.to_lowercase(),
        FieldKind::Number | FieldKind::Money => {
            let stripped = v
                .trim_start_matches(|c: char| c.is_alphabetic() || c == '$' || c.is_whitespace())
                .replace([',', ' '], "");
            if stripped.parse::<f64>().is_ok() {
                stripped
            } else {
                v.to_owned()
            }
        }
        _ => v.to_owned(),
    }
}

/// The items of a `;`-separated list answer.
fn items(v: &str) -> impl Iterator<Item = &str> {
    v.split(';').map(str::trim).filter(|s| !s.is_empty())
}

fn compare(x: f64, c: &Compare) -> bool {
    match *c {
        Compare::AtLeast(n) => x >= n - 1e-9,
        Compare::AtMost(n) => x <= n + 1e-9,
        Compare::Exactly(n) => (x - n).abs() < 1e-9,
    }
}

/// A valid answer for a field, for the bot (none for free text, which the bot leaves empty).
fn sample_value(f: &FieldFile, office: &OfficeFile) -> Option<String> {
    match &f.kind {
        FieldKind::Text | FieldKind::Paragraph => Some(f.label.value.clone()),
        FieldKind::Number | FieldKind::Money => Some("1".into()),
        FieldKind::Date => None,
        FieldKind::YesNo => Some("yes".into()),
        FieldKind::OneOf(opts) | FieldKind::AnyOf(opts) => opts.first().map(|o| o.value.clone()),
        FieldKind::Contact | FieldKind::Directory => {
            office.stakeholders.first().map(|p| p.id.value.clone())
        }
        FieldKind::Service => office.services.first().map(|s| s.id.value.clone()),
    }
}

fn action_name(a: &Action) -> &'static str {
    match a {
        Action::Open(_) => "Open",
        Action::Flag { .. } => "Flag",
        Action::Unflag { .. } => "Unflag",
        Action::Finish(_) => "Finish",
        Action::Choose { .. } => "Choose",
        Action::Reply { .. } => "Reply",
        Action::EndConversation(_) => "EndConversation",
        Action::Fill { .. } => "Fill",
        Action::Plan { .. } => "Plan",
        Action::Book { .. } => "Book",
        Action::Order { .. } => "Order",
        Action::Pair { .. } => "Pair",
        Action::Write { .. } => "Write",
        Action::Answer { .. } => "Answer",
        Action::RequestReport(_) => "RequestReport",
        Action::Submit(_) => "Submit",
        Action::WaitUntil { .. } => "WaitUntil",
        Action::HandIn => "HandIn",
    }
}

/// The step of an action whose step was found a moment before (never reached).
fn unreachable_step() -> &'static StepFile {
    unreachable!("the step was looked up before")
}
