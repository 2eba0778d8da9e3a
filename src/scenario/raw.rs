//! The scenario file format, v1, as written by trainers (`scenarios/*.ron`).
//!
//! These types are the raw shape of the file: every id and reference keeps its [`Spanned`]
//! position so that the checker can point at it. `scenario::check` turns a [`ScenarioFile`] into
//! a checked [`crate::model::Scenario`]; nothing else may. The format guide is
//! `scenarios/README.md`; keep the two in step.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

use super::span::Spanned;
use crate::model::Method;

/// An id this file defines, or a reference to one.
pub type Id = Spanned<String>;
/// Text shown to the trainee; may contain `{variation}` placeholders.
pub type Text = Spanned<String>;

fn one() -> u32 {
    1
}
fn default_minutes() -> u32 {
    5
}
fn default_meeting_minutes() -> u32 {
    60
}
fn default_rapport() -> Spanned<i32> {
    Spanned::new(30, Default::default())
}

/// A whole scenario file.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Scenario", deny_unknown_fields)]
pub struct ScenarioFile {
    pub id: Id,
    pub title: Text,
    /// Bumped by the trainer when the scenario changes in a way that matters for judging.
    #[serde(default = "one")]
    pub version: u32,
    /// The units of competency this scenario assesses, by id (`"CHCMGT006"`).
    pub units: Spanned<Vec<Id>>,
    #[serde(default)]
    pub summary: Text,
    /// Where the case happens: "Home care, Western Sydney".
    #[serde(default)]
    pub setting: Text,
    #[serde(default)]
    pub estimated_minutes: Option<Spanned<u32>>,
    /// ISO 4217 code for every amount in the file: "AUD", "KES".
    pub currency: Spanned<String>,
    /// The simulated clock at the start: "2026-03-02 09:00".
    pub starts: Spanned<String>,
    pub client: ClientFile,
    #[serde(default)]
    pub office: OfficeFile,
    #[serde(default)]
    pub variations: Vec<VariationFile>,
    pub tasks: Spanned<Vec<TaskFile>>,
    #[serde(default)]
    pub events: Vec<EventFile>,
    pub evidence: Vec<RuleFile>,
}

// ---------------------------------------------------------------------------------------------
// The client

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Client", deny_unknown_fields)]
pub struct ClientFile {
    pub name: Text,
    #[serde(default)]
    pub age: Option<Spanned<Quantity>>,
    #[serde(default)]
    pub pronouns: String,
    /// An image under `assets/portraits/`; initials are shown without one.
    #[serde(default)]
    pub portrait: Option<Spanned<String>>,
    #[serde(default)]
    pub background: Text,
    #[serde(default)]
    pub culture: Text,
    #[serde(default)]
    pub languages: Vec<Text>,
    #[serde(default)]
    pub interpreter: bool,
    #[serde(default)]
    pub living_situation: Text,
    #[serde(default)]
    pub health: Text,
    #[serde(default)]
    pub supports: Vec<Text>,
    #[serde(default)]
    pub goals: Vec<Text>,
    #[serde(default)]
    pub preferences: Vec<Text>,
    #[serde(default)]
    pub budget: Option<BudgetFile>,
    #[serde(default)]
    pub previous_services: Vec<Text>,
    #[serde(default)]
    pub risks: Vec<Text>,
    /// What the client tells only when asked well (revealed by `Disclose` effects).
    #[serde(default)]
    pub facts: Vec<FactFile>,
    /// Rapport at the start, 0–100 (default 30).
    #[serde(default = "default_rapport")]
    pub rapport: Spanned<i32>,
    /// Trust at the start, 0–100 (default 30).
    #[serde(default = "default_rapport")]
    pub trust: Spanned<i32>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Budget", deny_unknown_fields)]
pub struct BudgetFile {
    pub amount: Spanned<Quantity>,
    #[serde(default)]
    pub per: Period,
    /// Where the money comes from: "Home Care Package level 3".
    #[serde(default)]
    pub funding: Text,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
pub enum Period {
    Week,
    Fortnight,
    Month,
    Year,
    /// The whole amount, once.
    #[default]
    Total,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Fact", deny_unknown_fields)]
pub struct FactFile {
    pub id: Id,
    pub text: Text,
    /// Private information: sharing it without consent counts against privacy rules.
    #[serde(default)]
    pub sensitive: bool,
}

// ---------------------------------------------------------------------------------------------
// The office

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename = "Office", deny_unknown_fields)]
pub struct OfficeFile {
    #[serde(default)]
    pub name: Text,
    /// The reference shelf: brochures, fee schedules, procedures, guides.
    #[serde(default)]
    pub documents: Vec<DocumentFile>,
    /// Records already in the client's file.
    #[serde(default)]
    pub client_file: Vec<RecordFile>,
    #[serde(default)]
    pub services: Vec<ServiceFile>,
    #[serde(default)]
    pub staff: Vec<PersonFile>,
    #[serde(default)]
    pub stakeholders: Vec<StakeholderFile>,
    #[serde(default)]
    pub policies: Vec<PolicyFile>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Document", deny_unknown_fields)]
pub struct DocumentFile {
    pub id: Id,
    pub title: Text,
    #[serde(default)]
    pub kind: DocumentKind,
    /// "2025-07-01"
    pub dated: Spanned<String>,
    /// The date by which the document should have been reviewed.
    #[serde(default)]
    pub review_by: Option<Spanned<String>>,
    #[serde(default)]
    pub out_of_date: Spanned<OutOfDate>,
    pub text: Text,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
pub enum DocumentKind {
    Brochure,
    FeeSchedule,
    ServiceGuide,
    Procedure,
    Form,
    Newsletter,
    Legislation,
    #[default]
    Reference,
}

/// Whether a document on the shelf is out of date (the trainee is expected to notice).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub enum OutOfDate {
    #[default]
    No,
    /// Always out of date; the text says why (shown to assessors).
    Yes(String),
    /// Out of date when the named variation picks this document's id.
    WhenPicked(Id),
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Record", deny_unknown_fields)]
pub struct RecordFile {
    pub id: Id,
    pub title: Text,
    pub dated: Spanned<String>,
    #[serde(default)]
    pub author: Text,
    pub text: Text,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Service", deny_unknown_fields)]
pub struct ServiceFile {
    pub id: Id,
    pub name: Text,
    /// The staff member or stakeholder who delivers it (none: the organisation itself).
    #[serde(default)]
    pub provider: Option<Id>,
    #[serde(default)]
    pub description: Text,
    pub fee: Spanned<Quantity>,
    pub per: FeeUnit,
    /// "Mon–Fri 8am–4pm"
    #[serde(default)]
    pub availability: Text,
    /// Days until a place is free (0: now).
    #[serde(default)]
    pub waitlist_days: Spanned<Quantity>,
    #[serde(default)]
    pub eligibility: Text,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub enum FeeUnit {
    Hour,
    Visit,
    Session,
    Day,
    Week,
    Month,
    Item,
    Once,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Person", deny_unknown_fields)]
pub struct PersonFile {
    pub id: Id,
    pub name: Text,
    pub role: Text,
    #[serde(default)]
    pub contact: Text,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Stakeholder", deny_unknown_fields)]
pub struct StakeholderFile {
    pub id: Id,
    pub name: Text,
    pub kind: StakeholderKind,
    #[serde(default)]
    pub contact: Text,
    /// The resources this stakeholder can offer.
    #[serde(default)]
    pub offers: Vec<Text>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub enum StakeholderKind {
    Provider,
    Government,
    Health,
    Education,
    Legal,
    Police,
    Community,
    Faith,
    Family,
    Funder,
    Other,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Policy", deny_unknown_fields)]
pub struct PolicyFile {
    pub id: Id,
    pub title: Text,
    pub text: Text,
}

// ---------------------------------------------------------------------------------------------
// Variations

/// A value drawn from the attempt's seed, used in text as `{name}`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Variation", deny_unknown_fields)]
pub struct VariationFile {
    pub name: Id,
    pub pick: Pick,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum Pick {
    /// One of these texts (or ids), equally likely.
    OneOf(Vec<Spanned<String>>),
    /// A number from `min` to `max` inclusive, in steps of `step` (default 1).
    Between {
        min: Spanned<f64>,
        max: Spanned<f64>,
        #[serde(default)]
        step: Option<Spanned<f64>>,
    },
}

/// A number, or `"{variation}"` for a number drawn from the seed.
#[derive(Clone, Debug, PartialEq)]
pub enum Quantity {
    Number(f64),
    Variation(String),
}

impl Default for Quantity {
    fn default() -> Self {
        Quantity::Number(0.0)
    }
}

impl Serialize for Quantity {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Quantity::Number(n) => serializer.serialize_f64(*n),
            Quantity::Variation(name) => serializer.collect_str(&format_args!("{{{name}}}")),
        }
    }
}

impl<'de> Deserialize<'de> for Quantity {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct QuantityVisitor;
        impl Visitor<'_> for QuantityVisitor {
            type Value = Quantity;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number or a \"{variation}\"")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Quantity, E> {
                Ok(Quantity::Number(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Quantity, E> {
                Ok(Quantity::Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Quantity, E> {
                Ok(Quantity::Number(v as f64))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Quantity, E> {
                match v.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                    Some(name) if !name.is_empty() && !name.contains(['{', '}']) => {
                        Ok(Quantity::Variation(name.to_owned()))
                    }
                    _ => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
                }
            }
        }
        deserializer.deserialize_any(QuantityVisitor)
    }
}

// ---------------------------------------------------------------------------------------------
// Tasks and steps

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Task", deny_unknown_fields)]
pub struct TaskFile {
    pub id: Id,
    pub title: Text,
    /// The element of competency this task belongs to: "CHCMGT006/E1".
    pub element: Id,
    #[serde(default)]
    pub brief: Text,
    /// The simulated day (1 = the first) from which the task is open.
    #[serde(default)]
    pub opens_day: Option<Spanned<u32>>,
    /// The simulated day by which it should be done.
    #[serde(default)]
    pub due_day: Option<Spanned<u32>>,
    pub steps: Vec<StepFile>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Step", deny_unknown_fields)]
pub struct StepFile {
    pub id: Id,
    pub title: Text,
    /// Shown in practice mode only.
    #[serde(default)]
    pub hint: Text,
    /// Simulated minutes the step takes (default 5).
    #[serde(default = "default_minutes")]
    pub minutes: u32,
    /// The step can be started only when this holds.
    #[serde(default)]
    pub requires: Option<Condition>,
    pub kind: StepKind,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum StepKind {
    /// Read documents from the shelf or the client file; optionally flag any as out of date.
    Documents {
        documents: Vec<Id>,
        #[serde(default)]
        flag_out_of_date: bool,
    },
    /// Pick one answer (or several with `multiple: true`).
    Choice {
        prompt: Text,
        answers: Vec<AnswerFile>,
        #[serde(default)]
        multiple: bool,
    },
    /// A branching conversation with the client.
    Dialogue { start: Id, nodes: Vec<NodeFile> },
    /// A form with typed fields.
    Form {
        form: FormKind,
        fields: Vec<FieldFile>,
    },
    /// Quantities × rates of services against a budget.
    FinancialPlan {
        /// The services the trainee may put in the plan (empty: every service).
        #[serde(default)]
        services: Vec<Id>,
        /// The limit (default: the client's budget).
        #[serde(default)]
        budget: Option<Spanned<Quantity>>,
        /// The period the plan covers (default: the budget's `per`).
        #[serde(default)]
        period: Option<Period>,
    },
    /// Book a meeting or review on the simulated calendar.
    Schedule {
        what: Text,
        /// Who attends: staff or stakeholder ids, or "client".
        #[serde(default)]
        with: Vec<Id>,
        earliest_day: Spanned<u32>,
        latest_day: Spanned<u32>,
        #[serde(default = "default_meeting_minutes")]
        minutes: u32,
    },
    /// Put items in order; `order` is the expected order.
    Rank {
        prompt: Text,
        items: Vec<ItemFile>,
        order: Vec<Id>,
    },
    /// Match each left item to a right item; `pairs` is the expected matching.
    Match { prompt: Text, pairs: Vec<PairFile> },
    /// The trainee writes; judged by concepts, provisional for the assessor.
    FreeText { prompt: Text, rubric: RubricFile },
    /// Knowledge questions, as a written test or oral questioning.
    Questions {
        method: Spanned<Method>,
        questions: Vec<QuestionFile>,
    },
    /// A report about the trainee's work from a staff member or stakeholder.
    ThirdPartyReport {
        from: Id,
        about: Text,
        /// Days after the request until the report arrives.
        #[serde(default)]
        delay_days: u32,
        /// The first report whose condition holds is sent.
        reports: Vec<ReportFile>,
    },
}

impl StepKind {
    /// The name trainers write.
    pub fn name(&self) -> &'static str {
        match self {
            StepKind::Documents { .. } => "Documents",
            StepKind::Choice { .. } => "Choice",
            StepKind::Dialogue { .. } => "Dialogue",
            StepKind::Form { .. } => "Form",
            StepKind::FinancialPlan { .. } => "FinancialPlan",
            StepKind::Schedule { .. } => "Schedule",
            StepKind::Rank { .. } => "Rank",
            StepKind::Match { .. } => "Match",
            StepKind::FreeText { .. } => "FreeText",
            StepKind::Questions { .. } => "Questions",
            StepKind::ThirdPartyReport { .. } => "ThirdPartyReport",
        }
    }
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Answer", deny_unknown_fields)]
pub struct AnswerFile {
    pub id: Id,
    pub text: Text,
    /// Shown in practice mode after choosing.
    #[serde(default)]
    pub feedback: Text,
    #[serde(default)]
    pub effects: Vec<Effect>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Node", deny_unknown_fields)]
pub struct NodeFile {
    pub id: Id,
    /// What the client says on reaching this node.
    pub client: Text,
    /// Effects of reaching this node.
    #[serde(default)]
    pub effects: Vec<Effect>,
    #[serde(default)]
    pub replies: Vec<ReplyFile>,
    /// The conversation may end here (a node with no replies must say so).
    #[serde(default)]
    pub end: bool,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Reply", deny_unknown_fields)]
pub struct ReplyFile {
    pub id: Id,
    /// What the worker says (for a typed reply, the placeholder shown).
    pub say: Text,
    /// The node it leads to; none ends the conversation.
    #[serde(default)]
    pub next: Option<Id>,
    /// The reply is offered only when this holds.
    #[serde(default)]
    pub when: Option<Condition>,
    #[serde(default)]
    pub effects: Vec<Effect>,
    /// Shown in practice mode after choosing.
    #[serde(default)]
    pub feedback: Text,
    /// The trainee types the reply in their own words, judged by this rubric.
    #[serde(default)]
    pub typed: Option<RubricFile>,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub enum FormKind {
    IntakeReport,
    AssessmentTool,
    AssessmentReport,
    ServiceProposal,
    ServiceAgreement,
    CasePlan,
    StakeholderDirectory,
    MeetingRecord,
    ReviewNotes,
    ProgressReport,
    EvaluationPlan,
    EvaluationTool,
    EvaluationReport,
    FinancialReport,
    FinalReport,
    ExitStrategy,
    TerminationRecord,
    Referral,
    FeedbackRecord,
    ImprovementProposal,
    /// Any other form, by its title.
    Other(String),
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Field", deny_unknown_fields)]
pub struct FieldFile {
    pub id: Id,
    pub label: Text,
    pub kind: FieldKind,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub hint: Text,
    /// What a good answer is; judged by `FieldOk` conditions.
    #[serde(default)]
    pub expect: Option<Expect>,
}

#[derive(Debug, Deserialize, Serialize)]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// Several lines of text.
    Paragraph,
    Number,
    Money,
    /// "2026-03-09"
    Date,
    YesNo,
    /// One of these options.
    OneOf(Vec<Spanned<String>>),
    /// Any of these options.
    AnyOf(Vec<Spanned<String>>),
    /// A staff member or stakeholder of the office.
    Contact,
    /// A service of the office.
    Service,
    /// One row per stakeholder: name, kind, contact, what they offer.
    Directory,
}

/// What a field's answer must be.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum Expect {
    /// Exactly this option, service, contact or yes/no ("yes" / "no").
    Is(Spanned<String>),
    /// Every one of these options, services or contacts (and possibly others).
    Includes(Vec<Spanned<String>>),
    /// None of these.
    Excludes(Vec<Spanned<String>>),
    /// A number or amount in this range.
    Between {
        min: Spanned<Quantity>,
        max: Spanned<Quantity>,
    },
    /// A date from this simulated day to that one.
    DayBetween {
        first: Spanned<u32>,
        last: Spanned<u32>,
    },
    /// Text judged by concepts.
    Covers(RubricFile),
    /// Anything but empty.
    NotEmpty,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Item", deny_unknown_fields)]
pub struct ItemFile {
    pub id: Id,
    pub text: Text,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Pair", deny_unknown_fields)]
pub struct PairFile {
    pub id: Id,
    pub left: Text,
    pub right: Text,
}

/// Concepts a piece of free text should show. Each concept has alternative phrasings; a phrase
/// inside a negation ("did not ask about her family") does not count.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Rubric", deny_unknown_fields)]
pub struct RubricFile {
    pub concepts: Spanned<Vec<ConceptFile>>,
    /// How many concepts must be shown (default: all that are `required`, at least one).
    #[serde(default)]
    pub pass: Option<Spanned<u32>>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Concept", deny_unknown_fields)]
pub struct ConceptFile {
    pub id: Id,
    pub label: Text,
    /// Alternative phrasings; `*` matches any word ending ("prefer*").
    pub phrases: Vec<Spanned<String>>,
    #[serde(default)]
    pub required: bool,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Question", deny_unknown_fields)]
pub struct QuestionFile {
    pub id: Id,
    pub ask: Text,
    pub answer: QuestionAnswer,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum QuestionAnswer {
    /// One right option.
    Single { options: Vec<ItemFile>, correct: Id },
    /// Exactly these options.
    Multiple {
        options: Vec<ItemFile>,
        correct: Vec<Id>,
    },
    /// Answered in words, judged by concepts.
    Short(RubricFile),
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Report", deny_unknown_fields)]
pub struct ReportFile {
    /// Sent when this holds (none: always; put it last).
    #[serde(default)]
    pub when: Option<Condition>,
    pub text: Text,
    /// The report raises a concern about the trainee's work.
    #[serde(default)]
    pub concern: bool,
}

// ---------------------------------------------------------------------------------------------
// Events

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Event", deny_unknown_fields)]
pub struct EventFile {
    pub id: Id,
    pub title: Text,
    /// Who it comes from: staff, stakeholder, or "client".
    #[serde(default)]
    pub from: Option<Id>,
    pub at: Trigger,
    pub text: Text,
    #[serde(default)]
    pub effects: Vec<Effect>,
    /// The step that responds to this event, opened when it arrives.
    #[serde(default)]
    pub respond_with: Option<Id>,
}

#[derive(Debug, Deserialize, Serialize)]
pub enum Trigger {
    /// At 09:00 on this simulated day (1 = the first).
    Day(Spanned<u32>),
    /// As soon as this holds.
    When(Condition),
}

// ---------------------------------------------------------------------------------------------
// Conditions and effects

/// Something that holds, or not, in the state of an attempt.
#[derive(Debug, PartialEq, Deserialize, Serialize)]
pub enum Condition {
    /// The step was completed.
    Done(Id),
    /// In a choice step, this answer was chosen; in a dialogue, this reply was given.
    Chose(Id, Id),
    /// The dialogue reached this node.
    Reached(Id, Id),
    /// The client disclosed this fact.
    Disclosed(Id),
    /// An effect set this flag.
    Flag(Id),
    /// The trainee opened this document or record.
    Read(Id),
    /// The trainee flagged this document as out of date.
    FlaggedOutOfDate(Id),
    /// In a documents step, every out-of-date document was flagged and no current one.
    FlagsCorrect(Id),
    /// This field of a form step meets its `expect`.
    FieldOk(Id, Id),
    /// Every field of a form step with an `expect` meets it and every required field is filled.
    FormOk(Id),
    /// The financial plan's total is within its budget.
    WithinBudget(Id),
    /// The financial plan has a line for this service.
    Includes(Id, Id),
    /// The schedule step booked a time between its earliest and latest day.
    ScheduledInTime(Id),
    /// A question, rank item or pair of the step was answered correctly.
    Correct(Id, Id),
    /// The number of correct questions, items or pairs in the step.
    Score(Id, Spanned<Compare>),
    /// The free text (or typed reply, or `Covers` field) of the step shows this concept.
    Concept(Id, Id),
    /// The free text of the step meets its rubric.
    RubricMet(Id),
    /// The third-party report of the step raised no concern.
    ReportClear(Id),
    Rapport(Spanned<Compare>),
    Trust(Spanned<Compare>),
    /// The simulated day (1 = the first).
    Day(Spanned<Compare>),
    /// This event has arrived.
    Arrived(Id),
    All(Spanned<Vec<Condition>>),
    Any(Spanned<Vec<Condition>>),
    Not(Box<Condition>),
}

#[derive(Clone, Copy, Debug, PartialEq, Deserialize, Serialize)]
pub enum Compare {
    AtLeast(f64),
    AtMost(f64),
    Exactly(f64),
}

/// A change to the client's state.
#[derive(Debug, Deserialize, Serialize)]
pub enum Effect {
    /// Rapport up (or down, negative), kept within 0–100.
    Rapport(Spanned<i32>),
    Trust(Spanned<i32>),
    /// The client tells this fact.
    Disclose(Id),
    SetFlag(Id),
    ClearFlag(Id),
}

// ---------------------------------------------------------------------------------------------
// Evidence rules

/// How a performance criterion is evidenced in this scenario.
///
/// A criterion is Satisfactory when every one of its rules' `requires` holds and no `against`
/// holds; contrary evidence makes it Not Yet Satisfactory whatever else was done.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Rule", deny_unknown_fields)]
pub struct RuleFile {
    /// The performance criterion: "CHCMGT006/2.5".
    pub criterion: Id,
    /// Range items ("COD-OS-SW-CR-11-6-A/R1.1") this rule also evidences.
    #[serde(default)]
    pub range: Vec<Id>,
    pub method: Spanned<Method>,
    pub requires: Condition,
    /// Contrary evidence.
    #[serde(default)]
    pub against: Vec<AgainstFile>,
    /// Feedback when satisfied.
    pub satisfied: Text,
    /// Feedback when not yet satisfied.
    pub not_yet: Text,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Against", deny_unknown_fields)]
pub struct AgainstFile {
    pub when: Condition,
    pub feedback: Text,
}

impl Condition {
    /// The step a condition is about, for the conditions on one step (`Done("plan")`,
    /// `FieldOk("form", "field")`…); none for the others.
    pub fn step(&self) -> Option<&Id> {
        use Condition::*;
        match self {
            Done(s)
            | Chose(s, _)
            | Reached(s, _)
            | FlagsCorrect(s)
            | FieldOk(s, _)
            | FormOk(s)
            | WithinBudget(s)
            | Includes(s, _)
            | ScheduledInTime(s)
            | Correct(s, _)
            | Score(s, _)
            | Concept(s, _)
            | RubricMet(s)
            | ReportClear(s) => Some(s),
            Disclosed(_) | Flag(_) | Read(_) | FlaggedOutOfDate(_) | Arrived(_) | Rapport(_)
            | Trust(_) | Day(_) | All(_) | Any(_) | Not(_) => None,
        }
    }

    /// The condition in words, for assessors: "step `plan` done and `fees` read".
    pub fn describe(&self) -> String {
        use Condition::*;
        let c = self;
        let cmp = |c: &Compare| match *c {
            Compare::AtLeast(n) => format!("at least {n}"),
            Compare::AtMost(n) => format!("at most {n}"),
            Compare::Exactly(n) => format!("exactly {n}"),
        };
        let list = |cs: &[Condition], word: &str| {
            cs.iter()
                .map(|c| {
                    let d = c.describe();
                    if matches!(c, All(_) | Any(_)) {
                        format!("({d})")
                    } else {
                        d
                    }
                })
                .collect::<Vec<_>>()
                .join(word)
        };
        match c {
            Done(s) => format!("step `{s}` done"),
            Chose(s, a) => format!("`{a}` chosen in `{s}`"),
            Reached(s, n) => format!("`{s}` reached `{n}`"),
            Disclosed(f) => format!("the client disclosed `{f}`"),
            Flag(f) => format!("`{f}` set"),
            Read(d) => format!("`{d}` read"),
            FlaggedOutOfDate(d) => format!("`{d}` flagged out of date"),
            FlagsCorrect(s) => format!("exactly the out-of-date documents flagged in `{s}`"),
            FieldOk(s, f) => format!("field `{f}` of `{s}` meets its expectation"),
            FormOk(s) => format!("form `{s}` complete and correct"),
            WithinBudget(s) => format!("plan `{s}` within budget"),
            Includes(s, x) => format!("plan `{s}` includes `{x}`"),
            ScheduledInTime(s) => format!("`{s}` booked in time"),
            Correct(s, x) => format!("`{x}` correct in `{s}`"),
            Score(s, c) => format!("score in `{s}` {}", cmp(c)),
            Concept(s, k) => format!("`{s}` shows concept `{k}`"),
            RubricMet(s) => format!("`{s}` meets its rubric"),
            ReportClear(s) => format!("report `{s}` raises no concern"),
            Rapport(c) => format!("rapport {}", cmp(c)),
            Trust(c) => format!("trust {}", cmp(c)),
            Day(c) => format!("day {}", cmp(c)),
            Arrived(e) => format!("`{e}` arrived"),
            All(cs) => list(cs, " and "),
            Any(cs) => list(cs, " or "),
            Not(c) => format!("not ({})", c.describe()),
        }
    }
}
