//! One panel per kind of step, for the trainee's office.
//!
//! [`step_ui`] draws a step: its title, the task's brief, in practice mode the hint and the
//! feedback so far, then what the kind of step asks for. The panel never changes the session:
//! what the trainee does becomes [`Action`]s pushed into [`StepCtx::actions`], which the office
//! applies after drawing (and shows any refusal above the panel). Text being typed stays a draft
//! until it is entered.
//!
//! Every input has an accessible name, unique within the panel, so the office can be driven by
//! name: `Open <title>`, `Out of date: <title>`, `<field label>: <option>`,
//! `Quantity: <service>`, `Question <n>: <option>`, `Move up: <item>`, `<left> → <right>`,
//! `Say: <reply>`…

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use egui::{
    Align, Button, Color32, Frame, Grid, Id, Label, Layout, ProgressBar, Response, RichText,
    TextEdit, Ui,
};

use super::work::{StepCtx, draft_key};
use super::{theme, widgets};
use crate::model::{Action, Given};
use crate::scenario::Spanned;
use crate::scenario::raw::{
    AnswerFile, FeeUnit, FieldFile, FieldKind, Id as FileId, ItemFile, PairFile, Period,
    QuestionAnswer, QuestionFile, ScenarioFile, ServiceFile, StepFile, StepKind, TaskFile,
};
use crate::sim::{Session, Speaker, StepState, StepStatus};

/// Shown when a draft marked in red keeps a step from being submitted.
const FIX_FIELDS: &str = "Fix the fields marked in red first";
/// Shown under a quantity that is not one.
const QUANTITY_PROBLEM: &str = "Enter a number from 0 to 10000";
/// The largest quantity of a plan line (the session refuses more).
const MAX_QUANTITY: f64 = 10_000.0;
/// The time a meeting is booked at unless the trainee types another.
const DEFAULT_TIME: &str = "10:00";

/// Draw one step of `task` for the trainee, pushing what they do into `cx.actions`.
///
/// A locked step shows why and nothing to act on; a done step shows what was entered, read
/// only. In practice mode the hint, the feedback so far and, once the step is done, the
/// judgement of the evidence gathered in it are shown; in assessment mode none of them, nor
/// whether anything was right.
pub fn step_ui(ui: &mut Ui, task: &TaskFile, step: &StepFile, cx: &mut StepCtx<'_, '_>) {
    let session = cx.session;
    let id = step.id.value.as_str();

    ui.heading(session.render(&step.title.value));
    let brief = session.render(&task.brief.value);
    if !brief.trim().is_empty() {
        ui.add(Label::new(RichText::new(brief).weak()).wrap());
    }
    if cx.practice {
        practice_notes_ui(ui, session, step, cx.feedback);
    }
    ui.add_space(theme::SECTION_GAP);

    let done = match session.step_status(id) {
        StepStatus::Locked(why) => {
            ui.label(RichText::new("Not available yet").strong());
            ui.add(Label::new(format!("Why: {why}.")).wrap());
            return;
        }
        StepStatus::Done => {
            ui.label(
                RichText::new("Done")
                    .strong()
                    .color(theme::ok_color(ui.visuals())),
            );
            ui.add_space(theme::ITEM_GAP);
            true
        }
        StepStatus::Open => false,
    };

    match &step.kind {
        StepKind::Documents {
            documents,
            flag_out_of_date,
        } => documents_ui(ui, id, documents, *flag_out_of_date, cx, done),
        StepKind::Choice {
            prompt,
            answers,
            multiple,
        } => choice_ui(ui, id, &prompt.value, answers, *multiple, cx, done),
        StepKind::Dialogue { .. } => dialogue_ui(ui, id, cx, done),
        StepKind::Form { fields, .. } => form_ui(ui, id, fields, cx, done),
        StepKind::FinancialPlan {
            services, period, ..
        } => plan_ui(ui, id, services, *period, cx, done),
        StepKind::Schedule {
            what,
            with,
            earliest_day,
            latest_day,
            ..
        } => schedule_ui(
            ui,
            id,
            &what.value,
            with,
            (earliest_day.value, latest_day.value),
            cx,
            done,
        ),
        StepKind::Rank { prompt, items, .. } => rank_ui(ui, id, &prompt.value, items, cx, done),
        StepKind::Match { prompt, pairs } => match_ui(ui, id, &prompt.value, pairs, cx, done),
        StepKind::FreeText { prompt, .. } => free_text_ui(ui, id, &prompt.value, cx, done),
        StepKind::Questions { questions, .. } => questions_ui(ui, id, questions, cx, done),
        StepKind::ThirdPartyReport {
            from,
            about,
            delay_days,
            ..
        } => report_ui(ui, id, &from.value, &about.value, *delay_days, cx),
    }
    message_ui(ui, id);

    if done && cx.practice {
        rubric_results_ui(ui, session, id);
        judgement_ui(ui, id, cx);
    }
    ui.add_space(theme::SECTION_GAP);
}

// ---------------------------------------------------------------------------------------------
// What every panel shares

/// The hint and the feedback so far, in practice mode.
fn practice_notes_ui(ui: &mut Ui, session: &Session<'_>, step: &StepFile, feedback: &[String]) {
    let hint = session.render(&step.hint.value);
    if hint.trim().is_empty() && feedback.is_empty() {
        return;
    }
    ui.add_space(theme::ITEM_GAP);
    Frame::new()
        .fill(theme::hint_background(ui.visuals()))
        .inner_margin(theme::BUBBLE_MARGIN)
        .corner_radius(theme::CARD_RADIUS)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            if !hint.trim().is_empty() {
                ui.label(RichText::new("Hint").strong());
                ui.add(Label::new(hint).wrap());
            }
            if !feedback.is_empty() {
                ui.label(RichText::new("Feedback").strong());
                for line in feedback {
                    ui.add(Label::new(line.as_str()).wrap());
                }
            }
        });
}

/// Where a step keeps the message of a refusal made here, before any action (egui temp data).
fn message_id(step: &str) -> Id {
    Id::unique(("casesim-step-message", step))
}

fn set_message(ui: &Ui, step: &str, message: &str) {
    ui.data_mut(|d| d.insert_temp(message_id(step), message.to_owned()));
}

fn message_ui(ui: &mut Ui, step: &str) {
    if let Some(message) = ui.data(|d| d.get_temp::<String>(message_id(step))) {
        ui.add_space(theme::ITEM_GAP);
        ui.label(RichText::new(message).color(theme::error_color(ui.visuals())));
    }
}

/// Ask for `action`, and forget any message of this step's earlier refusals.
fn act(ui: &Ui, cx: &mut StepCtx<'_, '_>, action: Action) {
    if let Some(step) = action.step() {
        let id = message_id(step);
        ui.data_mut(|d| d.remove::<String>(id));
    }
    cx.actions.push(action);
}

/// An error under a field.
fn problem_ui(ui: &mut Ui, problem: &str) {
    ui.label(RichText::new(problem).color(theme::error_color(ui.visuals())));
}

/// The state of a step, or an untouched one.
fn step_state<'a>(session: &'a Session<'_>, step: &str) -> std::borrow::Cow<'a, StepState> {
    match session.state().steps.get(step) {
        Some(state) => std::borrow::Cow::Borrowed(state),
        None => std::borrow::Cow::Owned(StepState::default()),
    }
}

/// How a draft text field is shaped.
#[derive(Clone, Copy)]
enum Shape {
    /// One line, this wide.
    Line(f32),
    /// Several lines, the panel's width.
    Area,
}

/// A text field holding a draft: it shows the draft under `key` if there is one, else
/// `committed`, and keeps every edit as the draft. The caller names it.
fn draft_field_ui(
    ui: &mut Ui,
    cx: &mut StepCtx<'_, '_>,
    key: &str,
    committed: &str,
    shape: Shape,
) -> Response {
    let mut text = cx.drafts.get(key).unwrap_or(committed).to_owned();
    let edit = match shape {
        Shape::Line(width) => TextEdit::singleline(&mut text).desired_width(width),
        Shape::Area => TextEdit::multiline(&mut text)
            .desired_rows(theme::TEXT_AREA_ROWS)
            .desired_width(f32::INFINITY),
    };
    let response = ui.add(edit);
    if response.changed() {
        cx.drafts.set(key, &text);
    }
    response
}

/// A strong label naming the input below it, with a red `*` when the input is required.
/// Returns the label's id, for [`Response::labelled_by`].
fn input_label_ui(ui: &mut Ui, text: &str, required: bool) -> Id {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(RichText::new(text).strong());
        if required {
            ui.label(RichText::new("*").color(theme::error_color(ui.visuals())))
                .on_hover_text("Required");
        }
        label.id
    })
    .inner
}

/// Radio buttons, one per `(value, shown)` option, named `<name>: <shown>`. Returns the value
/// clicked, if it is not the current one.
fn pick_one_ui(
    ui: &mut Ui,
    name: &str,
    options: &[(String, String)],
    current: Option<&str>,
) -> Option<String> {
    let mut picked = None;
    for (value, shown) in options {
        let selected = current == Some(value.as_str());
        let response = ui
            .radio(selected, shown.as_str())
            .accessible_name(format!("{name}: {shown}"));
        if response.clicked() && !selected {
            picked = Some(value.clone());
        }
    }
    picked
}

/// Checkboxes, one per `(value, shown)` option, named `<name>: <shown>`. Returns the new set of
/// values, in the options' order, when one is toggled.
fn pick_any_ui(
    ui: &mut Ui,
    name: &str,
    options: &[(String, String)],
    current: &BTreeSet<&str>,
) -> Option<Vec<String>> {
    let mut toggled = None;
    for (value, shown) in options {
        let mut on = current.contains(value.as_str());
        let response = ui
            .checkbox(&mut on, shown.as_str())
            .accessible_name(format!("{name}: {shown}"));
        if response.changed() {
            toggled = Some(value.as_str());
        }
    }
    let toggled = toggled?;
    Some(
        options
            .iter()
            .map(|(value, _)| value)
            .filter(|v| {
                let was = current.contains(v.as_str());
                if v.as_str() == toggled { !was } else { was }
            })
            .cloned()
            .collect(),
    )
}

/// "correct" or "not correct", in practice mode only.
fn correctness_ui(ui: &mut Ui, practice: bool, correct: bool) {
    if !practice {
        return;
    }
    let (text, color) = if correct {
        ("correct", theme::ok_color(ui.visuals()))
    } else {
        ("not correct", theme::error_color(ui.visuals()))
    };
    ui.label(RichText::new(text).color(color));
}

/// Every staff member and stakeholder as `(id, rendered name)`.
fn people(session: &Session<'_>) -> Vec<(String, String)> {
    let office = &session.scenario().file().office;
    office
        .staff
        .iter()
        .map(|p| (p.id.value.clone(), session.render(&p.name.value)))
        .chain(
            office
                .stakeholders
                .iter()
                .map(|p| (p.id.value.clone(), session.render(&p.name.value))),
        )
        .collect()
}

/// A simulated day with its date: "day 3 (Wed 5 Mar)".
fn day_text(session: &Session<'_>, day: u32) -> String {
    format!("day {day} ({})", short_date(session.date_of(day)))
}

/// "Tue 10 Mar".
fn short_date(date: NaiveDate) -> String {
    date.format("%a %-d %b").to_string()
}

// ---------------------------------------------------------------------------------------------
// Documents

/// What the panel shows of a shelf document or a client-file record.
struct DocumentInfo {
    title: String,
    dated: String,
    review_by: Option<String>,
    author: String,
    /// On the shelf (only those can be flagged out of date).
    shelf: bool,
}

fn document_info(session: &Session<'_>, file: &ScenarioFile, id: &str) -> Option<DocumentInfo> {
    if let Some(d) = file.office.documents.iter().find(|d| d.id.value == id) {
        return Some(DocumentInfo {
            title: session.render(&d.title.value),
            dated: d.dated.value.clone(),
            review_by: d.review_by.as_ref().map(|r| r.value.clone()),
            author: String::new(),
            shelf: true,
        });
    }
    file.office
        .client_file
        .iter()
        .find(|r| r.id.value == id)
        .map(|r| DocumentInfo {
            title: session.render(&r.title.value),
            dated: r.dated.value.clone(),
            review_by: None,
            author: session.render(&r.author.value),
            shelf: false,
        })
}

fn documents_ui(
    ui: &mut Ui,
    step: &str,
    documents: &[FileId],
    flag_out_of_date: bool,
    cx: &mut StepCtx<'_, '_>,
    done: bool,
) {
    let session = cx.session;
    let file = session.scenario().file();
    let state = step_state(session, step);
    ui.label(if flag_out_of_date {
        "Open each document. Flag any that is out of date."
    } else {
        "Open each document."
    });
    for doc in documents {
        let Some(info) = document_info(session, file, &doc.value) else {
            continue;
        };
        ui.add_space(theme::ITEM_GAP);
        ui.add(Label::new(RichText::new(&info.title).strong()).wrap());
        let mut facts = vec![format!("dated {}", info.dated)];
        if let Some(review_by) = &info.review_by {
            facts.push(format!("review by {review_by}"));
        }
        if !info.author.trim().is_empty() {
            facts.push(format!("by {}", info.author));
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(facts.join(" · ")).weak());
            if session.state().read.contains(&doc.value) {
                ui.label(RichText::new("read").color(theme::ok_color(ui.visuals())));
            } else {
                ui.label(RichText::new("not opened yet").weak());
            }
        });
        ui.horizontal_wrapped(|ui| {
            // Opening a document does not change the step, so it stays possible once done.
            let open = ui
                .button("Open")
                .accessible_name(format!("Open {}", info.title));
            if open.clicked() {
                act(ui, cx, Action::Open(doc.value.clone()));
            }
            if flag_out_of_date && info.shelf {
                let flagged = state.flagged.contains(&doc.value);
                if done {
                    if flagged {
                        ui.label(RichText::new("flagged out of date").strong());
                    }
                } else {
                    let mut on = flagged;
                    let response = ui
                        .checkbox(&mut on, "Out of date")
                        .accessible_name(format!("Out of date: {}", info.title));
                    if response.changed() {
                        let (step, document) = (step.to_owned(), doc.value.clone());
                        let action = if on {
                            Action::Flag { step, document }
                        } else {
                            Action::Unflag { step, document }
                        };
                        act(ui, cx, action);
                    }
                }
            }
        });
    }
    if !done {
        ui.add_space(theme::SECTION_GAP);
        if ui.button("Finish").clicked() {
            act(ui, cx, Action::Finish(step.to_owned()));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Choice

fn choice_ui(
    ui: &mut Ui,
    step: &str,
    prompt: &str,
    answers: &[AnswerFile],
    multiple: bool,
    cx: &mut StepCtx<'_, '_>,
    done: bool,
) {
    let session = cx.session;
    ui.add(Label::new(session.render(prompt)).wrap());
    ui.add_space(theme::ITEM_GAP);
    if done {
        let state = step_state(session, step);
        ui.label(RichText::new("You chose:").weak());
        for chosen in &state.chosen {
            if let Some(a) = answers.iter().find(|a| a.id.value == *chosen) {
                ui.add(Label::new(session.render(&a.text.value)).wrap());
            }
        }
        return;
    }
    if multiple {
        ui.label(RichText::new("Choose every answer that applies.").weak());
    }
    let key = draft_key(step, "choice");
    let mut chosen: Vec<String> = cx
        .drafts
        .get(&key)
        .map(|d| {
            d.split('\n')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    let mut changed = false;
    for a in answers {
        let text = session.render(&a.text.value);
        let on = chosen.contains(&a.id.value);
        if multiple {
            let mut now = on;
            if ui.checkbox(&mut now, text).changed() {
                if now {
                    chosen.push(a.id.value.clone());
                } else {
                    chosen.retain(|c| *c != a.id.value);
                }
                changed = true;
            }
        } else if ui.radio(on, text).clicked() && !on {
            chosen = vec![a.id.value.clone()];
            changed = true;
        }
    }
    // In the file's order, whatever order they were ticked in.
    let chosen: Vec<String> = answers
        .iter()
        .map(|a| a.id.value.clone())
        .filter(|id| chosen.contains(id))
        .collect();
    if changed {
        cx.drafts.set(&key, &chosen.join("\n"));
    }
    ui.add_space(theme::ITEM_GAP);
    if ui.button("Confirm choice").clicked() {
        if chosen.is_empty() {
            set_message(ui, step, "Choose an answer first");
        } else {
            cx.drafts.remove(&key);
            let action = Action::Choose {
                step: step.to_owned(),
                answers: chosen,
            };
            act(ui, cx, action);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Dialogue

fn dialogue_ui(ui: &mut Ui, step: &str, cx: &mut StepCtx<'_, '_>, done: bool) {
    let session = cx.session;
    let client = session.render(&session.scenario().file().client.name.value);

    if cx.practice {
        let c = &session.state().client;
        meter_ui(ui, "Rapport", c.rapport);
        meter_ui(ui, "Trust", c.trust);
        ui.add_space(theme::ITEM_GAP);
    }

    for line in session.transcript(step) {
        bubble_ui(ui, line.speaker, &line.text, &client);
        ui.add_space(theme::ITEM_GAP);
    }
    if done {
        return;
    }

    ui.add_space(theme::ITEM_GAP);
    let replies = session.replies_now(step);
    if !replies.is_empty() {
        ui.label(RichText::new("You say:").weak());
    }
    for reply in replies {
        let say = session.render(&reply.say.value);
        if reply.typed.is_none() {
            let response = ui.add(Button::new(say.as_str()).wrap());
            if response.clicked() {
                let action = Action::Reply {
                    step: step.to_owned(),
                    reply: reply.id.value.clone(),
                    text: None,
                };
                act(ui, cx, action);
            }
            continue;
        }
        ui.add_space(theme::ITEM_GAP);
        let prompt = ui.add(Label::new(RichText::new(say.as_str()).italics()).wrap());
        let key = draft_key(step, &format!("reply:{}", reply.id.value));
        draft_field_ui(ui, cx, &key, "", Shape::Area)
            .labelled_by(prompt.id)
            .accessible_name(say.as_str());
        let button = ui.button("Say").accessible_name(format!("Say: {say}"));
        if button.clicked() {
            let words = cx.drafts.get(&key).unwrap_or("").trim().to_owned();
            if words.is_empty() {
                set_message(ui, step, "Write what you would say first");
            } else {
                cx.drafts.remove(&key);
                let action = Action::Reply {
                    step: step.to_owned(),
                    reply: reply.id.value.clone(),
                    text: Some(words),
                };
                act(ui, cx, action);
            }
        }
        ui.add_space(theme::ITEM_GAP);
    }
    if session.can_end(step) {
        ui.add_space(theme::ITEM_GAP);
        if ui.button("End the conversation").clicked() {
            act(ui, cx, Action::EndConversation(step.to_owned()));
        }
    }
}

/// A 0–100 measure of the client's state as a small bar, named `name`.
fn meter_ui(ui: &mut Ui, name: &str, value: i32) {
    ui.horizontal(|ui| {
        let label = ui.label(name);
        let fraction = value.clamp(0, 100) as f32 / 100.0;
        ui.add(
            ProgressBar::new(fraction)
                .desired_width(theme::METER_WIDTH)
                .text(format!("{value} / 100")),
        )
        .labelled_by(label.id)
        .accessible_name(name);
    });
}

/// One line of a conversation: the client's on the left beside their initials, the
/// trainee's on the right.
fn bubble_ui(ui: &mut Ui, speaker: Speaker, text: &str, client: &str) {
    let max_width = ui.available_width() * theme::BUBBLE_WIDTH_FRACTION;
    match speaker {
        Speaker::Client => {
            ui.horizontal_top(|ui| {
                widgets::initials_ui(ui, client, theme::AVATAR_SIZE);
                let fill = theme::client_bubble_fill(ui.visuals());
                bubble_frame_ui(ui, fill, text, max_width);
            });
        }
        Speaker::Trainee => {
            ui.with_layout(Layout::right_to_left(Align::TOP), |ui| {
                let fill = theme::trainee_bubble_fill(ui.visuals());
                bubble_frame_ui(ui, fill, text, max_width);
            });
        }
    }
}

fn bubble_frame_ui(ui: &mut Ui, fill: Color32, text: &str, max_width: f32) {
    Frame::new()
        .fill(fill)
        .inner_margin(theme::BUBBLE_MARGIN)
        .corner_radius(theme::BUBBLE_RADIUS)
        .show(ui, |ui| {
            ui.set_max_width(max_width);
            ui.with_layout(Layout::top_down(Align::Min), |ui| {
                ui.add(Label::new(text).wrap());
            });
        });
}

// ---------------------------------------------------------------------------------------------
// Form

/// Why the session would refuse `value` for a field of this kind, if it would; `None` for a
/// value it takes (an empty one clears the field).
///
/// The same rules as the session's `Fill`: surrounding spaces do not count; a number or an
/// amount may have thousands separators and a leading currency code or `$` ("$1,250.50",
/// "KES 9,000"); a date is written YYYY-MM-DD and must exist.
fn field_problem(kind: &FieldKind, value: &str) -> Option<&'static str> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    match kind {
        FieldKind::Number | FieldKind::Money => {
            // What the session stores: without a leading currency, separators and spaces when
            // that leaves a number, else the text as typed.
            let stripped = v
                .trim_start_matches(|c: char| c.is_alphabetic() || c == '$' || c.is_whitespace())
                .replace([',', ' '], "");
            let stored = if stripped.parse::<f64>().is_ok() {
                stripped.as_str()
            } else {
                v
            };
            let number = stored.trim().replace(',', "").parse::<f64>();
            match number {
                Ok(n) if n.is_finite() => None,
                _ if matches!(kind, FieldKind::Money) => Some("Enter an amount, e.g. 1250.50"),
                _ => Some("Enter a number, e.g. 12"),
            }
        }
        FieldKind::Date => match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
            Ok(_) => None,
            Err(_) => Some("Enter a date as YYYY-MM-DD, e.g. 2026-03-09"),
        },
        _ => None,
    }
}

/// Whether a field is typed into (rather than picked from options).
fn is_typed(kind: &FieldKind) -> bool {
    matches!(
        kind,
        FieldKind::Text
            | FieldKind::Paragraph
            | FieldKind::Number
            | FieldKind::Money
            | FieldKind::Date
    )
}

/// What a typed field's draft asks for.
#[derive(Debug, PartialEq)]
enum Pending {
    /// Nothing: no draft, or the draft is what is entered already.
    Nothing,
    /// The draft would be refused.
    Invalid,
    /// Enter the draft.
    Enter(String),
}

fn pending(kind: &FieldKind, draft: Option<&str>, committed: &str) -> Pending {
    let Some(draft) = draft else {
        return Pending::Nothing;
    };
    if field_problem(kind, draft).is_some() {
        Pending::Invalid
    } else if draft.trim() == committed.trim() {
        Pending::Nothing
    } else {
        Pending::Enter(draft.to_owned())
    }
}

/// Enter a typed field's draft if it is valid and new (dropping a draft that is what is
/// entered already). Returns false if the draft is invalid.
fn commit_field(ui: &Ui, cx: &mut StepCtx<'_, '_>, step: &str, f: &FieldFile) -> bool {
    let key = draft_key(step, &f.id.value);
    let state = step_state(cx.session, step);
    let committed = state.texts.get(&f.id.value).map_or("", String::as_str);
    match pending(&f.kind, cx.drafts.get(&key), committed) {
        Pending::Invalid => false,
        Pending::Nothing => {
            cx.drafts.remove(&key);
            true
        }
        Pending::Enter(value) => {
            cx.drafts.remove(&key);
            let action = Action::Fill {
                step: step.to_owned(),
                field: f.id.value.clone(),
                value,
            };
            act(ui, cx, action);
            true
        }
    }
}

/// A field's options as (value, shown) pairs: both the option's text with variations filled in.
fn rendered_options(session: &Session<'_>, opts: &[Spanned<String>]) -> Vec<(String, String)> {
    opts.iter()
        .map(|o| {
            let shown = session.render(&o.value);
            (shown.clone(), shown)
        })
        .collect()
}

fn form_ui(ui: &mut Ui, step: &str, fields: &[FieldFile], cx: &mut StepCtx<'_, '_>, done: bool) {
    let session = cx.session;
    let state = step_state(session, step);
    if done {
        for f in fields {
            ui.add_space(theme::ITEM_GAP);
            ui.label(RichText::new(session.render(&f.label.value)).strong());
            let value = state.texts.get(&f.id.value).map_or("", String::as_str);
            let shown = field_value_text(session, &f.kind, value);
            if shown.trim().is_empty() {
                ui.label(RichText::new("(left empty)").weak());
            } else {
                ui.add(Label::new(shown).wrap());
            }
        }
        return;
    }

    for f in fields {
        ui.add_space(theme::FIELD_GAP);
        let label = session.render(&f.label.value);
        let label_id = input_label_ui(ui, &label, f.required);
        let hint = session.render(&f.hint.value);
        if !hint.trim().is_empty() {
            ui.add(Label::new(RichText::new(hint).weak()).wrap());
        }
        let committed = state.texts.get(&f.id.value).map_or("", String::as_str);
        let fill = |value: String| Action::Fill {
            step: step.to_owned(),
            field: f.id.value.clone(),
            value,
        };
        match &f.kind {
            kind if is_typed(kind) => {
                let key = draft_key(step, &f.id.value);
                let shape = if matches!(kind, FieldKind::Paragraph) {
                    Shape::Area
                } else {
                    Shape::Line(theme::FIELD_WIDTH)
                };
                let response = draft_field_ui(ui, cx, &key, committed, shape)
                    .labelled_by(label_id)
                    .accessible_name(label.as_str());
                if let Some(problem) = cx.drafts.get(&key).and_then(|d| field_problem(kind, d)) {
                    problem_ui(ui, problem);
                }
                if response.lost_focus() {
                    commit_field(ui, cx, step, f);
                }
            }
            FieldKind::YesNo => {
                let options = [
                    ("yes".to_owned(), "Yes".to_owned()),
                    ("no".to_owned(), "No".to_owned()),
                ];
                let current = committed.to_lowercase();
                let picked = ui
                    .horizontal(|ui| pick_one_ui(ui, &label, &options, Some(current.as_str())))
                    .inner;
                if let Some(value) = picked {
                    act(ui, cx, fill(value));
                }
            }
            FieldKind::OneOf(opts) => {
                let options = rendered_options(session, opts);
                if let Some(value) = pick_one_ui(ui, &label, &options, Some(committed)) {
                    act(ui, cx, fill(value));
                }
            }
            FieldKind::AnyOf(opts) => {
                let options = rendered_options(session, opts);
                if let Some(set) = pick_any_ui(ui, &label, &options, &list_items(committed)) {
                    act(ui, cx, fill(set.join("; ")));
                }
            }
            FieldKind::Contact => {
                if let Some(value) = pick_one_ui(ui, &label, &people(session), Some(committed)) {
                    act(ui, cx, fill(value));
                }
            }
            FieldKind::Service => {
                let options: Vec<(String, String)> = session
                    .scenario()
                    .file()
                    .office
                    .services
                    .iter()
                    .map(|s| (s.id.value.clone(), session.render(&s.name.value)))
                    .collect();
                if let Some(value) = pick_one_ui(ui, &label, &options, Some(committed)) {
                    act(ui, cx, fill(value));
                }
            }
            FieldKind::Directory => {
                let current = list_items(committed);
                if let Some(set) = pick_any_ui(ui, &label, &people(session), &current) {
                    act(ui, cx, fill(set.join("; ")));
                }
            }
            // `is_typed` took the rest.
            _ => {}
        }
    }

    ui.add_space(theme::SECTION_GAP);
    if ui.button("Submit").clicked() {
        let typed = fields.iter().filter(|f| is_typed(&f.kind));
        let invalid = typed.clone().any(|f| {
            let committed = state.texts.get(&f.id.value).map_or("", String::as_str);
            let key = draft_key(step, &f.id.value);
            pending(&f.kind, cx.drafts.get(&key), committed) == Pending::Invalid
        });
        if invalid {
            set_message(ui, step, FIX_FIELDS);
        } else {
            for f in typed {
                commit_field(ui, cx, step, f);
            }
            act(ui, cx, Action::Submit(step.to_owned()));
        }
    }
}

/// The items of a `;`-separated answer.
fn list_items(value: &str) -> BTreeSet<&str> {
    value
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// An entered field value as the trainee reads it: names rather than ids.
fn field_value_text(session: &Session<'_>, kind: &FieldKind, value: &str) -> String {
    let office = &session.scenario().file().office;
    match kind {
        FieldKind::Contact => session.person_name(value.trim()),
        FieldKind::Directory => value
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|id| session.person_name(id))
            .collect::<Vec<_>>()
            .join(", "),
        FieldKind::Service => office
            .services
            .iter()
            .find(|s| s.id.value == value.trim())
            .map_or_else(|| value.to_owned(), |s| session.render(&s.name.value)),
        FieldKind::YesNo => match value {
            "yes" => "Yes".to_owned(),
            "no" => "No".to_owned(),
            other => other.to_owned(),
        },
        _ => value.to_owned(),
    }
}

// ---------------------------------------------------------------------------------------------
// Financial plan

/// A quantity as typed, if the session takes it (empty is 0: no line).
fn parse_quantity(text: &str) -> Option<f64> {
    let t = text.trim();
    if t.is_empty() {
        return Some(0.0);
    }
    t.parse::<f64>()
        .ok()
        .filter(|q| q.is_finite() && (0.0..=MAX_QUANTITY).contains(q))
}

/// A quantity as the trainee writes it: "3", "2.5".
fn quantity_text(q: f64) -> String {
    if (q - q.round()).abs() < 1e-9 {
        format!("{}", q.round() as i64)
    } else {
        format!("{q}")
    }
}

/// An amount with its currency, two decimals and thousands separators: "AUD 1,250.50".
fn money(currency: &str, amount: f64) -> String {
    let cents = (amount.abs() * 100.0).round() as u64;
    let digits = (cents / 100).to_string();
    let mut whole = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            whole.push(',');
        }
        whole.push(c);
    }
    let sign = if amount < 0.0 && cents > 0 { "-" } else { "" };
    format!("{sign}{currency} {whole}.{:02}", cents % 100)
}

fn fee_unit_text(unit: FeeUnit) -> &'static str {
    match unit {
        FeeUnit::Hour => "an hour",
        FeeUnit::Visit => "a visit",
        FeeUnit::Session => "a session",
        FeeUnit::Day => "a day",
        FeeUnit::Week => "a week",
        FeeUnit::Month => "a month",
        FeeUnit::Item => "an item",
        FeeUnit::Once => "once",
    }
}

fn period_text(period: Period) -> &'static str {
    match period {
        Period::Week => "a week",
        Period::Fortnight => "a fortnight",
        Period::Month => "a month",
        Period::Year => "a year",
        Period::Total => "in all",
    }
}

/// The quantity draft of a plan line.
fn quantity_key(step: &str, service: &str) -> String {
    draft_key(step, &format!("qty:{service}"))
}

/// Enter a plan line's quantity draft if it is valid and new (dropping one that is what is
/// entered already). Returns false if the draft is invalid.
fn commit_quantity(
    ui: &Ui,
    cx: &mut StepCtx<'_, '_>,
    step: &str,
    service: &str,
    committed: f64,
) -> bool {
    let key = quantity_key(step, service);
    let Some(draft) = cx.drafts.get(&key) else {
        return true;
    };
    let Some(quantity) = parse_quantity(draft) else {
        return false;
    };
    cx.drafts.remove(&key);
    if (quantity - committed).abs() > 1e-9 {
        let action = Action::Plan {
            step: step.to_owned(),
            service: service.to_owned(),
            quantity,
        };
        act(ui, cx, action);
    }
    true
}

fn plan_ui(
    ui: &mut Ui,
    step: &str,
    allowed: &[FileId],
    period: Option<Period>,
    cx: &mut StepCtx<'_, '_>,
    done: bool,
) {
    let session = cx.session;
    let file = session.scenario().file();
    let currency = file.currency.value.as_str();
    let services: Vec<&ServiceFile> = if allowed.is_empty() {
        file.office.services.iter().collect()
    } else {
        allowed
            .iter()
            .filter_map(|id| file.office.services.iter().find(|s| s.id.value == id.value))
            .collect()
    };
    let state = step_state(session, step);
    let fee = |s: &ServiceFile| crate::sim::variation::amount(&s.fee.value, session.values());

    let mut overrides = BTreeMap::new();
    let mut invalid = Vec::new();
    let mut sum = 0.0;
    Grid::new(("plan", step))
        .num_columns(4)
        .striped(true)
        .spacing([theme::ID_TEXT_GAP, theme::ITEM_GAP])
        .show(ui, |ui| {
            for heading in ["Service", "Fee", "Quantity", "Line total"] {
                ui.label(RichText::new(heading).strong());
            }
            ui.end_row();
            for s in &services {
                let id = s.id.value.as_str();
                let name = session.render(&s.name.value);
                let fee = fee(s);
                ui.label(name.as_str());
                ui.label(format!("{} {}", money(currency, fee), fee_unit_text(s.per)));
                let committed = state.lines.get(id).copied().unwrap_or(0.0);
                let quantity = if done {
                    ui.label(quantity_text(committed));
                    committed
                } else {
                    let key = quantity_key(step, id);
                    ui.vertical(|ui| {
                        let response = draft_field_ui(
                            ui,
                            cx,
                            &key,
                            &quantity_text(committed),
                            Shape::Line(theme::NUMBER_FIELD_WIDTH),
                        )
                        .accessible_name(format!("Quantity: {name}"));
                        let typed = cx.drafts.get(&key).map(parse_quantity);
                        if typed == Some(None) {
                            // Said below the table: in the narrow column it would wrap.
                            invalid.push(name.clone());
                        }
                        if response.lost_focus() {
                            commit_quantity(ui, cx, step, id, committed);
                        }
                        match typed {
                            Some(Some(q)) => {
                                overrides.insert(id.to_owned(), q);
                                q
                            }
                            _ => committed,
                        }
                    })
                    .inner
                };
                sum += quantity * fee;
                ui.label(money(currency, quantity * fee));
                ui.end_row();
            }
        });

    for name in &invalid {
        problem_ui(ui, &format!("{name}: {QUANTITY_PROBLEM}"));
    }
    ui.add_space(theme::ITEM_GAP);
    let preview = session.plan_preview(step, &overrides);
    let total = preview.map_or(sum, |(total, _)| total);
    ui.label(RichText::new(format!("Total {}", money(currency, total))).strong());
    if let Some((total, budget)) = preview {
        let per = period.or_else(|| file.client.budget.as_ref().map(|b| b.per));
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("Budget {}", money(currency, budget)));
            if let Some(per) = per {
                ui.label(RichText::new(period_text(per)).weak());
            }
        });
        if total <= budget + 1e-9 {
            ui.label(format!("Left {}", money(currency, budget - total)));
        } else {
            ui.label(
                RichText::new(format!(
                    "Over budget by {}",
                    money(currency, total - budget)
                ))
                .color(theme::error_color(ui.visuals())),
            );
        }
    }

    if !done {
        ui.add_space(theme::SECTION_GAP);
        if ui.button("Submit").clicked() {
            let invalid = services.iter().any(|s| {
                cx.drafts
                    .get(&quantity_key(step, &s.id.value))
                    .is_some_and(|d| parse_quantity(d).is_none())
            });
            if invalid {
                set_message(ui, step, FIX_FIELDS);
            } else {
                for s in &services {
                    let committed = state.lines.get(&s.id.value).copied().unwrap_or(0.0);
                    commit_quantity(ui, cx, step, &s.id.value, committed);
                }
                act(ui, cx, Action::Submit(step.to_owned()));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Schedule

fn schedule_ui(
    ui: &mut Ui,
    step: &str,
    what: &str,
    with: &[FileId],
    (earliest, latest): (u32, u32),
    cx: &mut StepCtx<'_, '_>,
    done: bool,
) {
    let session = cx.session;
    widgets::field_ui(ui, "What", &session.render(what));
    let names: Vec<String> = with.iter().map(|w| session.person_name(&w.value)).collect();
    widgets::field_ui(ui, "With", &names.join(", "));
    widgets::field_ui(
        ui,
        "When",
        &format!(
            "from {} to {}",
            day_text(session, earliest),
            day_text(session, latest)
        ),
    );
    widgets::field_ui(ui, "Today", &day_text(session, session.day()));
    ui.add_space(theme::ITEM_GAP);

    if done {
        if let Some((day, time)) = &step_state(session, step).booked {
            ui.label(
                RichText::new(format!("Booked for {} at {time}", day_text(session, *day))).strong(),
            );
        }
        return;
    }

    let day_key = draft_key(step, "day");
    let time_key = draft_key(step, "time");
    ui.horizontal(|ui| {
        let label = ui.label("Day");
        draft_field_ui(ui, cx, &day_key, "", Shape::Line(theme::NUMBER_FIELD_WIDTH))
            .labelled_by(label.id)
            .accessible_name("Day");
        ui.add_space(theme::ID_TEXT_GAP);
        let label = ui.label("Time (HH:MM)");
        draft_field_ui(
            ui,
            cx,
            &time_key,
            DEFAULT_TIME,
            Shape::Line(theme::NUMBER_FIELD_WIDTH),
        )
        .labelled_by(label.id)
        .accessible_name("Time (HH:MM)");
    });
    ui.add_space(theme::ITEM_GAP);
    if ui.button("Book").clicked() {
        let day = cx.drafts.get(&day_key).unwrap_or("").trim().parse::<u32>();
        match day {
            Ok(day) => {
                let time = cx
                    .drafts
                    .get(&time_key)
                    .unwrap_or(DEFAULT_TIME)
                    .trim()
                    .to_owned();
                cx.drafts.remove(&day_key);
                cx.drafts.remove(&time_key);
                let action = Action::Book {
                    step: step.to_owned(),
                    day,
                    time,
                };
                act(ui, cx, action);
            }
            Err(_) => set_message(
                ui,
                step,
                &format!("Enter the day as a number, e.g. {earliest}"),
            ),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Rank

fn rank_ui(
    ui: &mut Ui,
    step: &str,
    prompt: &str,
    items: &[ItemFile],
    cx: &mut StepCtx<'_, '_>,
    done: bool,
) {
    let session = cx.session;
    ui.add(Label::new(session.render(prompt)).wrap());
    ui.add_space(theme::ITEM_GAP);
    let text = |id: &str| {
        items
            .iter()
            .find(|i| i.id.value == id)
            .map_or_else(|| id.to_owned(), |i| session.render(&i.text.value))
    };

    if done {
        let correct = session.correct_items(step);
        for (n, id) in step_state(session, step).order.iter().enumerate() {
            ui.horizontal_wrapped(|ui| {
                ui.label(format!("{}. {}", n + 1, text(id)));
                correctness_ui(ui, cx.practice, correct.contains(id));
            });
        }
        return;
    }

    let key = draft_key(step, "order");
    let file_order: Vec<String> = items.iter().map(|i| i.id.value.clone()).collect();
    let same_items = |order: &[String]| {
        let mut a: Vec<&String> = order.iter().collect();
        let mut b: Vec<&String> = file_order.iter().collect();
        a.sort();
        b.sort();
        a == b
    };
    let mut order: Vec<String> = cx
        .drafts
        .get(&key)
        .map(|d| d.split('\n').map(str::to_owned).collect::<Vec<_>>())
        .filter(|o| same_items(o))
        .unwrap_or_else(|| file_order.clone());

    let mut swap = None;
    let last = order.len().saturating_sub(1);
    for (i, id) in order.iter().enumerate() {
        let text = text(id);
        ui.horizontal_wrapped(|ui| {
            let up = ui
                .add_enabled(i > 0, Button::new("Move up"))
                .accessible_name(format!("Move up: {text}"));
            if up.clicked() {
                swap = Some((i - 1, i));
            }
            let down = ui
                .add_enabled(i < last, Button::new("Move down"))
                .accessible_name(format!("Move down: {text}"));
            if down.clicked() {
                swap = Some((i, i + 1));
            }
            ui.label(format!("{}. {text}", i + 1));
        });
    }
    if let Some((a, b)) = swap {
        order.swap(a, b);
        cx.drafts.set(&key, &order.join("\n"));
    }
    ui.add_space(theme::ITEM_GAP);
    if ui.button("Save order").clicked() {
        cx.drafts.remove(&key);
        let action = Action::Order {
            step: step.to_owned(),
            items: order,
        };
        act(ui, cx, action);
    }
}

// ---------------------------------------------------------------------------------------------
// Match

fn match_ui(
    ui: &mut Ui,
    step: &str,
    prompt: &str,
    pairs: &[PairFile],
    cx: &mut StepCtx<'_, '_>,
    done: bool,
) {
    let session = cx.session;
    ui.add(Label::new(session.render(prompt)).wrap());
    let left = |id: &str| {
        pairs
            .iter()
            .find(|p| p.id.value == id)
            .map(|p| session.render(&p.left.value))
    };
    let right = |id: &str| {
        pairs
            .iter()
            .find(|p| p.id.value == id)
            .map(|p| session.render(&p.right.value))
    };

    if done {
        let correct = session.correct_items(step);
        for (l, r) in &step_state(session, step).pairs {
            ui.add_space(theme::ITEM_GAP);
            ui.horizontal_wrapped(|ui| {
                let (l_text, r_text) = (left(l).unwrap_or_default(), right(r).unwrap_or_default());
                ui.add(Label::new(format!("{l_text} → {r_text}")).wrap());
                correctness_ui(ui, cx.practice, correct.contains(l));
            });
        }
        return;
    }

    let rights: Vec<(String, String)> = pairs
        .iter()
        .map(|p| (p.id.value.clone(), session.render(&p.right.value)))
        .collect();
    for p in pairs {
        ui.add_space(theme::FIELD_GAP);
        let l_text = session.render(&p.left.value);
        ui.add(Label::new(RichText::new(l_text.as_str()).strong()).wrap());
        let key = draft_key(step, &format!("pair:{}", p.id.value));
        let chosen = cx.drafts.get(&key).map(str::to_owned);
        ui.indent(("pair", &p.id.value), |ui| {
            for (r_id, r_text) in &rights {
                let selected = chosen.as_deref() == Some(r_id.as_str());
                let response = ui
                    .radio(selected, r_text.as_str())
                    .accessible_name(format!("{l_text} → {r_text}"));
                if response.clicked() && !selected {
                    cx.drafts.set(&key, r_id);
                }
            }
        });
    }
    ui.add_space(theme::ITEM_GAP);
    if ui.button("Save matches").clicked() {
        let keys: Vec<(String, String)> = pairs
            .iter()
            .map(|p| {
                (
                    p.id.value.clone(),
                    draft_key(step, &format!("pair:{}", p.id.value)),
                )
            })
            .collect();
        let matched: Option<Vec<(String, String)>> = keys
            .iter()
            .map(|(l, key)| {
                let r = cx.drafts.get(key)?;
                rights
                    .iter()
                    .any(|(id, _)| id == r)
                    .then(|| (l.clone(), r.to_owned()))
            })
            .collect();
        match matched {
            Some(matched) => {
                for (_, key) in &keys {
                    cx.drafts.remove(key);
                }
                let action = Action::Pair {
                    step: step.to_owned(),
                    pairs: matched,
                };
                act(ui, cx, action);
            }
            None => set_message(ui, step, "Match every item first"),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Free text

fn free_text_ui(ui: &mut Ui, step: &str, prompt: &str, cx: &mut StepCtx<'_, '_>, done: bool) {
    let session = cx.session;
    ui.add(Label::new(session.render(prompt)).wrap());
    ui.add_space(theme::ITEM_GAP);
    if done {
        ui.label(RichText::new("Your answer").strong());
        let state = step_state(session, step);
        ui.add(Label::new(state.texts.get("text").map_or("", String::as_str)).wrap());
        return;
    }
    let key = draft_key(step, "text");
    let label = ui.label(RichText::new("Your answer").strong());
    draft_field_ui(ui, cx, &key, "", Shape::Area)
        .labelled_by(label.id)
        .accessible_name("Your answer");
    ui.add_space(theme::ITEM_GAP);
    if ui.button("Submit").clicked() {
        let text = cx.drafts.get(&key).unwrap_or("").to_owned();
        if text.trim().is_empty() {
            set_message(ui, step, "Write your answer first");
        } else {
            cx.drafts.remove(&key);
            let action = Action::Write {
                step: step.to_owned(),
                text,
            };
            act(ui, cx, action);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Questions

/// The short-answer draft of a question.
fn answer_key(step: &str, question: &str) -> String {
    draft_key(step, &format!("q:{question}"))
}

/// Enter a short answer's draft if it has words and is new (dropping one that is what is
/// entered already).
fn commit_answer(ui: &Ui, cx: &mut StepCtx<'_, '_>, step: &str, q: &QuestionFile) {
    let key = answer_key(step, &q.id.value);
    let Some(draft) = cx.drafts.get(&key).map(str::to_owned) else {
        return;
    };
    if draft.trim().is_empty() {
        return;
    }
    let state = step_state(cx.session, step);
    let committed = state.texts.get(&q.id.value).map_or("", String::as_str);
    cx.drafts.remove(&key);
    if draft.trim() != committed.trim() {
        let action = Action::Answer {
            step: step.to_owned(),
            question: q.id.value.clone(),
            answer: Given::Words(draft),
        };
        act(ui, cx, action);
    }
}

fn questions_ui(
    ui: &mut Ui,
    step: &str,
    questions: &[QuestionFile],
    cx: &mut StepCtx<'_, '_>,
    done: bool,
) {
    let session = cx.session;
    let state = step_state(session, step);
    let correct = if done {
        session.correct_items(step)
    } else {
        BTreeSet::new()
    };
    for (i, q) in questions.iter().enumerate() {
        let n = i + 1;
        ui.add_space(theme::FIELD_GAP);
        let ask = ui.add(
            Label::new(RichText::new(format!("{n}. {}", session.render(&q.ask.value))).strong())
                .wrap(),
        );
        let name = format!("Question {n}");
        let chosen: Vec<&str> = state
            .options
            .get(&q.id.value)
            .map(|c| c.iter().map(String::as_str).collect())
            .unwrap_or_default();
        let answer = |chosen: Vec<String>| Action::Answer {
            step: step.to_owned(),
            question: q.id.value.clone(),
            answer: Given::Options(chosen),
        };
        match &q.answer {
            QuestionAnswer::Single { options, .. } | QuestionAnswer::Multiple { options, .. }
                if done =>
            {
                for o in options
                    .iter()
                    .filter(|o| chosen.contains(&o.id.value.as_str()))
                {
                    ui.add(Label::new(session.render(&o.text.value)).wrap());
                }
            }
            QuestionAnswer::Single { options, .. } => {
                let options: Vec<(String, String)> = options
                    .iter()
                    .map(|o| (o.id.value.clone(), session.render(&o.text.value)))
                    .collect();
                if let Some(id) = pick_one_ui(ui, &name, &options, chosen.first().copied()) {
                    act(ui, cx, answer(vec![id]));
                }
            }
            QuestionAnswer::Multiple { options, .. } => {
                let options: Vec<(String, String)> = options
                    .iter()
                    .map(|o| (o.id.value.clone(), session.render(&o.text.value)))
                    .collect();
                let current: BTreeSet<&str> = chosen.iter().copied().collect();
                match pick_any_ui(ui, &name, &options, &current) {
                    Some(set) if set.is_empty() => {
                        set_message(ui, step, "Keep at least one option ticked");
                    }
                    Some(set) => act(ui, cx, answer(set)),
                    None => {}
                }
            }
            QuestionAnswer::Short(_) if done => {
                let text = state.texts.get(&q.id.value).map_or("", String::as_str);
                ui.add(Label::new(text).wrap());
            }
            QuestionAnswer::Short(_) => {
                let key = answer_key(step, &q.id.value);
                let committed = state.texts.get(&q.id.value).map_or("", String::as_str);
                let response = draft_field_ui(ui, cx, &key, committed, Shape::Area)
                    .labelled_by(ask.id)
                    .accessible_name(format!("{name} answer"));
                if response.lost_focus() {
                    commit_answer(ui, cx, step, q);
                }
            }
        }
        if done {
            ui.horizontal(|ui| correctness_ui(ui, cx.practice, correct.contains(&q.id.value)));
        }
    }
    if !done {
        ui.add_space(theme::SECTION_GAP);
        if ui.button("Submit").clicked() {
            for q in questions {
                commit_answer(ui, cx, step, q);
            }
            act(ui, cx, Action::Submit(step.to_owned()));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Third-party report

fn report_ui(
    ui: &mut Ui,
    step: &str,
    from: &str,
    about: &str,
    delay_days: u32,
    cx: &mut StepCtx<'_, '_>,
) {
    let session = cx.session;
    widgets::field_ui(ui, "From", &session.person_name(from));
    widgets::field_ui(ui, "About", &session.render(about));
    let delay = match delay_days {
        0 => "the same day".to_owned(),
        1 => "1 day after it is asked for".to_owned(),
        n => format!("{n} days after it is asked for"),
    };
    widgets::field_ui(ui, "Comes", &delay);
    ui.add_space(theme::ITEM_GAP);

    let state = step_state(session, step);
    if state.report.is_some() {
        let arrival = session.state().inbox.iter().find(|a| a.id == step);
        if let Some(arrival) = arrival {
            ui.label(RichText::new(format!("Arrived on day {}", arrival.day)).weak());
            Frame::new()
                .fill(theme::client_bubble_fill(ui.visuals()))
                .inner_margin(theme::CARD_MARGIN)
                .corner_radius(theme::CARD_RADIUS)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.add(Label::new(arrival.text.as_str()).wrap());
                });
        }
    } else if let Some(due) = state.report_due {
        ui.label(format!(
            "Requested on day {}; expected on day {due}",
            due.saturating_sub(delay_days)
        ));
    } else if ui.button("Request the report").clicked() {
        act(ui, cx, Action::RequestReport(step.to_owned()));
    }
}

// ---------------------------------------------------------------------------------------------
// Practice mode, once a step is done

/// The rubric verdicts on the text written in the step.
fn rubric_results_ui(ui: &mut Ui, session: &Session<'_>, step: &str) {
    let results = session.rubric_results(step);
    if results.is_empty() {
        return;
    }
    widgets::section_heading_ui(ui, "What your writing shows");
    for result in results {
        ui.add_space(theme::ITEM_GAP);
        for concept in &result.concepts {
            ui.horizontal_wrapped(|ui| {
                let (mark, color) = if concept.shown {
                    ("shown", theme::ok_color(ui.visuals()))
                } else {
                    ("not shown", theme::warning_color(ui.visuals()))
                };
                ui.label(RichText::new(mark).color(color));
                ui.add(Label::new(session.render(&concept.label)).wrap());
            });
        }
        if result.keyword_list {
            ui.label(
                RichText::new("It reads as a list of keywords, so nothing in it counts.").weak(),
            );
        }
        let verdict = if result.met {
            "Rubric met".to_owned()
        } else {
            format!("Rubric not met: {} concepts needed", result.pass)
        };
        ui.label(RichText::new(verdict).strong());
    }
}

/// The judgement so far of the evidence rules whose evidence is gathered in this step.
fn judgement_ui(ui: &mut Ui, step: &str, cx: &StepCtx<'_, '_>) {
    let Some(judgement) = cx.judgement else {
        return;
    };
    let scenario = cx.session.scenario();
    let here = |rule: usize| {
        scenario
            .rule_info(rule)
            .is_some_and(|info| info.steps.iter().any(|s| s == step))
    };
    let rows: Vec<_> = judgement
        .criteria
        .iter()
        .flat_map(|c| c.evidence.iter().map(move |e| (c.id.as_str(), e)))
        .filter(|(_, e)| here(e.rule) && (!e.contrary || e.held))
        .collect();
    if rows.is_empty() {
        return;
    }
    widgets::section_heading_ui(ui, "Evidence so far");
    let width = widgets::id_column_width(ui, rows.iter().map(|(pc, _)| *pc));
    for (pc, e) in rows {
        let (mark, color) = match (e.contrary, e.held) {
            (true, _) => ("against", theme::error_color(ui.visuals())),
            (false, true) => ("held", theme::ok_color(ui.visuals())),
            (false, false) => ("not yet", theme::warning_color(ui.visuals())),
        };
        ui.horizontal_top(|ui| {
            ui.label(RichText::new(pc).monospace());
            let pad = (width - ui.min_rect().width()).max(0.0);
            ui.add_space(pad);
            ui.label(RichText::new(mark).color(color));
            ui.add(Label::new(e.feedback.as_str()).wrap());
        });
    }
}

#[cfg(test)]
mod tests {
    use egui::Key;
    use egui::accesskit::Role;
    use egui_kittest::Harness;
    use egui_kittest::kittest::{NodeT as _, Queryable as _};

    use super::*;
    use crate::model::judgement::{CriterionJudgement, Evidence};
    use crate::model::{Judgement, Overall, Scenario, Verdict};
    use crate::sim::testing::{scenario, session_at, session_until};
    use crate::ui::work::Drafts;

    // -- the pure parts ----------------------------------------------------------------------

    #[test]
    fn numbers_and_amounts_are_checked_as_the_session_checks_them() {
        for ok in [
            "12",
            " 12 ",
            "1,250.50",
            "1250.5",
            "-3",
            "$1,250",
            "AUD 99",
            "KES 9,000",
            "",
        ] {
            assert_eq!(field_problem(&FieldKind::Money, ok), None, "{ok:?}");
            assert_eq!(field_problem(&FieldKind::Number, ok), None, "{ok:?}");
        }
        for bad in ["12abc", "abc", "1.2.3", "inf", "NaN", "12 apples"] {
            assert_eq!(
                field_problem(&FieldKind::Money, bad),
                Some("Enter an amount, e.g. 1250.50"),
                "{bad:?}"
            );
            assert_eq!(
                field_problem(&FieldKind::Number, bad),
                Some("Enter a number, e.g. 12"),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn dates_are_checked_as_the_session_checks_them() {
        let problem = Some("Enter a date as YYYY-MM-DD, e.g. 2026-03-09");
        for ok in ["2026-03-09", " 2026-03-09 ", "2024-02-29", ""] {
            assert_eq!(field_problem(&FieldKind::Date, ok), None, "{ok:?}");
        }
        for bad in [
            "2026-02-30",
            "09/03/2026",
            "2026-13-01",
            "tomorrow",
            "2025-02-29",
        ] {
            assert_eq!(field_problem(&FieldKind::Date, bad), problem, "{bad:?}");
        }
        assert_eq!(field_problem(&FieldKind::Text, "anything"), None);
    }

    #[test]
    fn a_draft_is_entered_only_when_valid_and_new() {
        let money = FieldKind::Money;
        assert_eq!(pending(&money, None, "5"), Pending::Nothing);
        assert_eq!(pending(&money, Some(" 5 "), "5"), Pending::Nothing);
        assert_eq!(pending(&money, Some("5x"), ""), Pending::Invalid);
        assert_eq!(
            pending(&money, Some("1,250"), ""),
            Pending::Enter("1,250".into())
        );
        assert_eq!(
            pending(&money, Some(""), "5"),
            Pending::Enter(String::new())
        );
    }

    #[test]
    fn money_quantities_and_initials_are_written_for_people() {
        assert_eq!(money("AUD", 1250.5), "AUD 1,250.50");
        assert_eq!(money("KES", 1_234_567.0), "KES 1,234,567.00");
        assert_eq!(money("AUD", 0.0), "AUD 0.00");
        assert_eq!(money("AUD", 999.999), "AUD 1,000.00");
        assert_eq!(money("AUD", -42.1), "-AUD 42.10");
        assert_eq!(quantity_text(3.0), "3");
        assert_eq!(quantity_text(2.5), "2.5");
        assert_eq!(parse_quantity(""), Some(0.0));
        assert_eq!(parse_quantity(" 4 "), Some(4.0));
        assert_eq!(parse_quantity("10001"), None);
        assert_eq!(parse_quantity("-1"), None);
        assert_eq!(parse_quantity("two"), None);
    }

    // -- the panels, driven by their accessible names ----------------------------------------

    /// What a harness draws: one step panel, and what it asked for.
    struct Panel {
        session: Session<'static>,
        step: String,
        practice: bool,
        drafts: Drafts,
        actions: Vec<Action>,
        judgement: Option<Judgement>,
    }

    fn harness(session: Session<'static>, step: &str, practice: bool) -> Harness<'static, Panel> {
        let panel = Panel {
            session,
            step: step.to_owned(),
            practice,
            drafts: Drafts::default(),
            actions: Vec::new(),
            judgement: None,
        };
        let mut harness = Harness::builder()
            .with_size([900.0, 2600.0])
            .build_ui_state(
                |ui, p: &mut Panel| {
                    let Some((task, step)) = p.session.scenario().step(&p.step) else {
                        return;
                    };
                    let mut cx = StepCtx {
                        session: &p.session,
                        practice: p.practice,
                        drafts: &mut p.drafts,
                        actions: &mut p.actions,
                        feedback: &[],
                        judgement: p.judgement.as_ref(),
                    };
                    step_ui(ui, task, step, &mut cx);
                },
                panel,
            );
        harness.run();
        harness
    }

    fn fills(actions: &[Action]) -> Vec<(&str, &str)> {
        actions
            .iter()
            .filter_map(|a| match a {
                Action::Fill { field, value, .. } => Some((field.as_str(), value.as_str())),
                _ => None,
            })
            .collect()
    }

    fn type_into(harness: &mut Harness<'static, Panel>, label: &str, text: &str) {
        harness.get_by_label(label).focus();
        harness.run();
        harness.get_by_label(label).type_text(text);
        harness.run();
    }

    const ESTIMATE: &str = "Estimated weekly cost (AUD)";
    const HOURS: &str = "Personal care hours a week";

    #[test]
    fn an_amount_that_is_not_one_is_marked_and_not_entered_until_fixed() {
        let session = session_at(scenario("home-after-hospital"), "proposal");
        let mut harness = harness(session, "proposal", false);

        type_into(&mut harness, ESTIMATE, "abc");
        harness.get_by_label("Enter an amount, e.g. 1250.50");
        harness.key_press(Key::Tab);
        harness.run();
        assert!(
            fills(&harness.state().actions).is_empty(),
            "nothing entered"
        );
        harness.get_by_label("Enter an amount, e.g. 1250.50");

        harness.get_by_label(ESTIMATE).focus();
        harness.run();
        harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
        harness.get_by_label(ESTIMATE).type_text("1,250.50");
        harness.run();
        assert!(
            harness
                .query_by_label("Enter an amount, e.g. 1250.50")
                .is_none()
        );
        assert!(
            fills(&harness.state().actions).is_empty(),
            "not until it is left"
        );
        harness.key_press(Key::Tab);
        harness.run();
        assert_eq!(
            fills(&harness.state().actions),
            vec![("estimate", "1,250.50")],
            "entered once, when the field is left"
        );
        assert_eq!(harness.state().drafts.get("proposal/estimate"), None);
    }

    #[test]
    fn submit_enters_a_typed_value_first_and_refuses_while_one_is_marked() {
        let session = session_at(scenario("home-after-hospital"), "proposal");
        let mut harness = harness(session, "proposal", false);

        type_into(&mut harness, HOURS, "3x");
        harness
            .get_by_role_and_label(Role::Button, "Submit")
            .click();
        harness.run();
        assert!(
            harness.state().actions.is_empty(),
            "{:?}",
            harness.state().actions
        );
        harness.get_by_label(FIX_FIELDS);
        harness.get_by_label("Enter a number, e.g. 12");

        harness.get_by_label(HOURS).focus();
        harness.run();
        harness.key_press(Key::Backspace);
        harness.run();
        harness
            .get_by_role_and_label(Role::Button, "Submit")
            .click();
        harness.run();
        assert_eq!(
            harness.state().actions,
            vec![
                Action::Fill {
                    step: "proposal".into(),
                    field: "hours".into(),
                    value: "3".into(),
                },
                Action::Submit("proposal".into()),
            ]
        );
        assert!(harness.query_by_label(FIX_FIELDS).is_none(), "message gone");
    }

    #[test]
    fn options_are_entered_on_click_by_their_names() {
        let session = session_at(scenario("home-after-hospital"), "proposal");
        let mut harness = harness(session, "proposal", false);
        harness
            .get_by_label("Interpreter needed for the meeting?: Yes")
            .click();
        harness.run();
        harness
            .get_by_label("Worker preference: Female, Vietnamese-speaking")
            .click();
        harness.run();
        assert_eq!(
            fills(&harness.state().actions),
            vec![
                ("interpreter", "yes"),
                ("worker", "Female, Vietnamese-speaking")
            ]
        );
    }

    fn meeting_hint() -> String {
        let (_, step) = scenario("home-after-hospital")
            .step("meeting")
            .expect("the meeting step");
        step.hint.value.clone()
    }

    #[test]
    fn assessment_shows_no_hint_and_no_rapport_practice_shows_both() {
        let hint = meeting_hint();
        assert!(!hint.is_empty());

        let session = session_at(scenario("home-after-hospital"), "meeting");
        let harness_assessment = harness(session.clone(), "meeting", false);
        assert!(harness_assessment.query_by_label("Rapport").is_none());
        assert!(harness_assessment.query_by_label("Trust").is_none());
        assert!(harness_assessment.query_by_label(&hint).is_none());

        let harness_practice = harness(session, "meeting", true);
        harness_practice.get_by_label("Rapport");
        harness_practice.get_by_label("Trust");
        harness_practice.get_by_label(&hint);
    }

    #[test]
    fn a_typed_reply_is_said_in_the_trainees_words() {
        let scenario = scenario("home-after-hospital");
        let mut session = session_at(scenario, "meeting");
        for reply in [
            "intro-respectful",
            "ask-day",
            "ask-food",
            "food-vn",
            "h-options",
        ] {
            let action = Action::Reply {
                step: "meeting".into(),
                reply: reply.into(),
                text: None,
            };
            session.apply(&action).expect("a reply offered");
        }
        let typed = session
            .replies_now("meeting")
            .into_iter()
            .find(|r| r.typed.is_some())
            .expect("a typed reply is offered");
        let say = session.render(&typed.say.value);
        let reply_id = typed.id.value.clone();
        let mut harness = harness(session, "meeting", false);
        let button = format!("Say: {say}");

        harness.get_by_role_and_label(Role::Button, &button).click();
        harness.run();
        assert!(harness.state().actions.is_empty(), "nothing said yet");
        harness.get_by_label("Write what you would say first");

        let words = "A female worker who speaks Vietnamese could help you shower.";
        type_into(&mut harness, &say, words);
        harness.get_by_role_and_label(Role::Button, &button).click();
        harness.run();
        assert_eq!(
            harness.state().actions,
            vec![Action::Reply {
                step: "meeting".into(),
                reply: reply_id,
                text: Some(words.into()),
            }]
        );
    }

    #[test]
    fn a_plan_counts_typed_quantities_and_enters_them_on_submit() {
        let scenario = scenario("home-after-hospital");
        let session = session_at(scenario, "plan");
        let service = &scenario.file().office.services[0];
        let name = session.render(&service.name.value);
        let mut harness = harness(session, "plan", false);
        let label = format!("Quantity: {name}");

        type_into(&mut harness, &label, "x");
        harness.get_by_label(&format!("{name}: {QUANTITY_PROBLEM}"));
        harness.get_by_label("Total AUD 0.00");

        harness.get_by_label(&label).focus();
        harness.run();
        harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
        harness.get_by_label(&label).type_text("2");
        harness.run();
        let fee =
            crate::sim::variation::amount(&service.fee.value, harness.state().session.values());
        harness.get_by_label(&format!("Total {}", money("AUD", 2.0 * fee)));

        harness
            .get_by_role_and_label(Role::Button, "Submit")
            .click();
        harness.run();
        assert_eq!(
            harness.state().actions,
            vec![
                Action::Plan {
                    step: "plan".into(),
                    service: service.id.value.clone(),
                    quantity: 2.0,
                },
                Action::Submit("plan".into()),
            ]
        );
    }

    #[test]
    fn a_locked_step_says_why_and_offers_nothing() {
        let scenario = scenario("home-after-hospital");
        let session = Session::new(scenario, 1);
        assert!(matches!(
            session.step_status("proposal"),
            StepStatus::Locked(_)
        ));
        let harness = harness(session, "proposal", true);
        harness.get_by_label("Not available yet");
        assert!(harness.query_by_label(ESTIMATE).is_none());
        assert!(
            harness
                .query_by_role_and_label(Role::Button, "Submit")
                .is_none()
        );
    }

    #[test]
    fn documents_are_opened_and_flagged_by_title() {
        let scenario = scenario("home-after-hospital");
        let session = session_at(scenario, "shelf");
        let StepKind::Documents { documents, .. } = kind(scenario, "shelf") else {
            panic!("a documents step");
        };
        let doc = &documents[0].value;
        let title = document_info(&session, scenario.file(), doc)
            .expect("a document")
            .title;
        let mut harness = harness(session, "shelf", false);
        harness.get_by_label(&format!("Open {title}")).click();
        harness.run();
        harness
            .get_by_label(&format!("Out of date: {title}"))
            .click();
        harness.run();
        harness
            .get_by_role_and_label(Role::Button, "Finish")
            .click();
        harness.run();
        assert_eq!(
            harness.state().actions,
            vec![
                Action::Open(doc.clone()),
                Action::Flag {
                    step: "shelf".into(),
                    document: doc.clone(),
                },
                Action::Finish("shelf".into()),
            ]
        );
    }

    /// What kind of step `id` is in `scenario`.
    fn kind<'s>(scenario: &'s Scenario, id: &str) -> &'s StepKind {
        &scenario
            .step(id)
            .expect("the step is in the scenario")
            .1
            .kind
    }

    fn item_text(session: &Session<'_>, items: &[ItemFile], index: usize) -> String {
        session.render(&items[index].text.value)
    }

    #[test]
    fn rank_items_move_by_name_and_the_order_is_saved() {
        let scenario = scenario("home-after-hospital");
        let session = session_at(scenario, "follow-up");
        let StepKind::Rank { items, .. } = kind(scenario, "follow-up") else {
            panic!("a rank step");
        };
        let first = item_text(&session, items, 0);
        let mut harness = harness(session, "follow-up", false);
        assert!(
            harness
                .get_by_label(&format!("Move up: {first}"))
                .accesskit_node()
                .is_disabled(),
            "the first item cannot go up"
        );
        harness.get_by_label(&format!("Move down: {first}")).click();
        harness.run();
        harness
            .get_by_role_and_label(Role::Button, "Save order")
            .click();
        harness.run();
        let mut expected: Vec<String> = items.iter().map(|i| i.id.value.clone()).collect();
        expected.swap(0, 1);
        assert_eq!(
            harness.state().actions,
            vec![Action::Order {
                step: "follow-up".into(),
                items: expected,
            }]
        );
    }

    #[test]
    fn matches_are_saved_only_when_every_item_is_matched() {
        let scenario = scenario("home-after-hospital");
        let session = session_at(scenario, "needs-match");
        let StepKind::Match { pairs, .. } = kind(scenario, "needs-match") else {
            panic!("a match step");
        };
        let names: Vec<String> = pairs
            .iter()
            .map(|p| {
                format!(
                    "{} → {}",
                    session.render(&p.left.value),
                    session.render(&p.right.value)
                )
            })
            .collect();
        let mut harness = harness(session, "needs-match", false);
        harness.get_by_label(&names[0]).click();
        harness.run();
        harness
            .get_by_role_and_label(Role::Button, "Save matches")
            .click();
        harness.run();
        assert!(harness.state().actions.is_empty());
        harness.get_by_label("Match every item first");

        for name in &names[1..] {
            harness.get_by_label(name).click();
            harness.run();
        }
        harness
            .get_by_role_and_label(Role::Button, "Save matches")
            .click();
        harness.run();
        assert_eq!(
            harness.state().actions,
            vec![Action::Pair {
                step: "needs-match".into(),
                pairs: pairs
                    .iter()
                    .map(|p| (p.id.value.clone(), p.id.value.clone()))
                    .collect(),
            }]
        );
    }

    #[test]
    fn questions_are_answered_on_click_and_short_answers_entered_on_submit() {
        let scenario = scenario("home-after-hospital");
        let session = session_at(scenario, "oral-check");
        let StepKind::Questions { questions, .. } = kind(scenario, "oral-check") else {
            panic!("a questions step");
        };
        let QuestionAnswer::Single { options, .. } = &questions[0].answer else {
            panic!("the first question has options");
        };
        assert!(matches!(questions[1].answer, QuestionAnswer::Short(_)));
        let option = format!("Question 1: {}", item_text(&session, options, 0));
        let mut harness = harness(session, "oral-check", false);
        harness.get_by_label(&option).click();
        harness.run();
        let words = "I would ask Bà Lan what she wants: the decisions are hers.";
        type_into(&mut harness, "Question 2 answer", words);
        harness
            .get_by_role_and_label(Role::Button, "Submit")
            .click();
        harness.run();
        let answer = |q: &QuestionFile, answer| Action::Answer {
            step: "oral-check".into(),
            question: q.id.value.clone(),
            answer,
        };
        let actions = &harness.state().actions;
        assert_eq!(
            actions[..2],
            [
                answer(
                    &questions[0],
                    Given::Options(vec![options[0].id.value.clone()])
                ),
                answer(&questions[1], Given::Words(words.into())),
            ]
        );
        assert_eq!(actions.last(), Some(&Action::Submit("oral-check".into())));
    }

    #[test]
    fn several_answers_are_chosen_then_confirmed_in_file_order() {
        let scenario = scenario("home-after-hospital");
        let session = session_at(scenario, "options");
        let StepKind::Choice { answers, .. } = kind(scenario, "options") else {
            panic!("a choice step");
        };
        let text = |i: usize| session.render(&answers[i].text.value);
        let (first, second) = (text(0), text(1));
        let mut harness = harness(session, "options", false);
        harness.get_by_label(&second).click();
        harness.run();
        harness.get_by_label(&first).click();
        harness.run();
        assert!(harness.state().actions.is_empty(), "only once confirmed");
        harness
            .get_by_role_and_label(Role::Button, "Confirm choice")
            .click();
        harness.run();
        assert_eq!(
            harness.state().actions,
            vec![Action::Choose {
                step: "options".into(),
                answers: vec![answers[0].id.value.clone(), answers[1].id.value.clone()],
            }]
        );
    }

    #[test]
    fn a_meeting_is_booked_on_a_day_typed_as_a_number() {
        let session = session_at(scenario("home-after-hospital"), "book-meeting");
        let mut harness = harness(session, "book-meeting", false);
        type_into(&mut harness, "Day", "Wednesday");
        harness.get_by_role_and_label(Role::Button, "Book").click();
        harness.run();
        assert!(harness.state().actions.is_empty());
        harness.get_by_label("Enter the day as a number, e.g. 2");

        harness.get_by_label("Day").focus();
        harness.run();
        harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
        harness.get_by_label("Day").type_text("3");
        harness.run();
        harness.get_by_role_and_label(Role::Button, "Book").click();
        harness.run();
        assert_eq!(
            harness.state().actions,
            vec![Action::Book {
                step: "book-meeting".into(),
                day: 3,
                time: DEFAULT_TIME.into(),
            }]
        );
    }

    #[test]
    fn free_text_and_a_report_request_are_asked_for_by_name() {
        let scenario = scenario("home-after-hospital");
        let mut harness = harness(session_at(scenario, "handover"), "handover", false);
        type_into(
            &mut harness,
            "Your answer",
            "Thu: she prefers a female worker.",
        );
        harness
            .get_by_role_and_label(Role::Button, "Submit")
            .click();
        harness.run();
        assert_eq!(
            harness.state().actions,
            vec![Action::Write {
                step: "handover".into(),
                text: "Thu: she prefers a female worker.".into(),
            }]
        );

        let mut harness = harness_for_report(scenario);
        harness
            .get_by_role_and_label(Role::Button, "Request the report")
            .click();
        harness.run();
        assert_eq!(
            harness.state().actions,
            vec![Action::RequestReport("worker-report".into())]
        );
    }

    fn harness_for_report(scenario: &'static Scenario) -> Harness<'static, Panel> {
        harness(
            session_at(scenario, "worker-report"),
            "worker-report",
            false,
        )
    }

    /// A judgement with one piece of evidence, for `rule`.
    fn judgement_with(scenario: &Scenario, rule: usize, feedback: &str) -> Judgement {
        let r = &scenario.rules()[rule];
        Judgement {
            scenario: scenario.id().to_owned(),
            trainee: "test".into(),
            seed: 1,
            overall: Overall::NotYetCompetent,
            integrity: "incomplete".into(),
            integrity_detail: None,
            criteria: vec![CriterionJudgement {
                id: r.criterion.value.clone(),
                element: String::new(),
                text: String::new(),
                verdict: Verdict::S,
                provisional: false,
                evidence: vec![Evidence {
                    rule,
                    line: 1,
                    method: r.method.value,
                    expected: String::new(),
                    held: true,
                    actions: Vec::new(),
                    contrary: false,
                    feedback: feedback.into(),
                }],
                feedback: Vec::new(),
            }],
            critical_aspects: Vec::new(),
        }
    }

    #[test]
    fn a_done_step_shows_its_values_and_in_practice_only_the_evidence_so_far() {
        let scenario = scenario("home-after-hospital");
        let rule = (0..scenario.rules().len())
            .find(|&i| {
                scenario
                    .rule_info(i)
                    .is_some_and(|info| info.steps.iter().any(|s| s == "proposal"))
            })
            .expect("a rule gathers evidence in the proposal");
        let criterion = scenario.rules()[rule].criterion.value.clone();
        let session = session_until(scenario, |s| s.step_status("proposal") == StepStatus::Done);
        let feedback = "You proposed what she needs.";

        for practice in [true, false] {
            let mut harness = harness(session.clone(), "proposal", practice);
            harness.state_mut().judgement = Some(judgement_with(scenario, rule, feedback));
            harness.run();
            harness.get_by_label("Done");
            harness.get_by_label(ESTIMATE);
            assert!(
                harness
                    .query_by_role_and_label(Role::Button, "Submit")
                    .is_none()
            );
            assert_eq!(
                harness.query_by_label(feedback).is_some(),
                practice,
                "evidence feedback in practice only"
            );
            assert_eq!(harness.query_by_label(&criterion).is_some(), practice);
            assert_eq!(harness.query_by_label("held").is_some(), practice);
            assert_eq!(
                harness.query_by_label("What your writing shows").is_some(),
                practice,
                "rubric results in practice only"
            );
        }
    }
}
