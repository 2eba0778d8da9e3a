//! Checking a scenario beyond its syntax: every reference resolves, every dialogue can be walked
//! and left, every evidence rule can fire, numbers make sense, and every performance criterion of
//! the scenario's units is evidenced. All problems are reported together, each at its span.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};

use super::diagnostic::{Diagnostic, Source};
use super::raw::*;
use super::span::{Span, Spanned};
use super::suggest::did_you_mean;
use crate::model::{Method, Scenario, Unit};

/// The id that stands for the client wherever a person is named (`with`, `from`).
pub const CLIENT: &str = "client";

/// Check a parsed scenario file against the loaded units; `None` if it has errors (all pushed
/// to `out`, with warnings).
pub fn check_scenario(
    file: ScenarioFile,
    source: &Source,
    units: &[Unit],
    placeholders: &[(String, Span)],
    out: &mut Vec<Diagnostic>,
) -> Option<Scenario> {
    let errors_before = out.iter().filter(|d| d.is_error()).count();
    {
        let mut c = Checker::new(&file, source, out);
        c.units(units);
        c.header();
        c.definitions();
        c.variations(placeholders);
        c.client_and_office();
        c.tasks();
        c.events();
        c.rules();
    }
    let errors_after = out.iter().filter(|d| d.is_error()).count();
    (errors_after == errors_before)
        .then(|| Scenario::from_checked(file, source.path.clone(), &source.text))
}

/// Ids a scenario defines, by kind, with where each was first defined.
#[derive(Default)]
struct Names {
    by_id: HashMap<String, Span>,
    order: Vec<String>,
}

impl Names {
    fn contains(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }
    fn iter(&self) -> impl Iterator<Item = &str> {
        self.order.iter().map(String::as_str)
    }
}

struct Checker<'a, 'o> {
    file: &'a ScenarioFile,
    source: &'a Source,
    out: &'o mut Vec<Diagnostic>,
    units: Vec<&'a Unit>,
    unit_spans: HashMap<&'a str, Span>,
    facts: Names,
    documents: Names,
    records: Names,
    services: Names,
    people: Names,
    policies: Names,
    variations: HashMap<&'a str, &'a VariationFile>,
    steps: HashMap<&'a str, &'a StepFile>,
    step_names: Names,
    events: Names,
    flags_set: HashSet<&'a str>,
    disclosed: HashSet<&'a str>,
    flaggable: HashSet<&'a str>,
    unreachable: HashSet<(&'a str, &'a str)>,
    start: Option<NaiveDateTime>,
    /// How many `Not`s enclose the condition being checked.
    negations: usize,
}

impl<'a, 'o> Checker<'a, 'o> {
    fn new(file: &'a ScenarioFile, source: &'a Source, out: &'o mut Vec<Diagnostic>) -> Self {
        Checker {
            file,
            source,
            out,
            units: Vec::new(),
            unit_spans: HashMap::new(),
            facts: Names::default(),
            documents: Names::default(),
            records: Names::default(),
            services: Names::default(),
            people: Names::default(),
            policies: Names::default(),
            variations: HashMap::new(),
            steps: HashMap::new(),
            step_names: Names::default(),
            events: Names::default(),
            flags_set: HashSet::new(),
            disclosed: HashSet::new(),
            flaggable: HashSet::new(),
            unreachable: HashSet::new(),
            start: None,
            negations: 0,
        }
    }

    // -- reporting ------------------------------------------------------------------------

    fn error(&mut self, code: &'static str, span: Span, message: impl Into<String>) {
        let d = self.source.error(code, span, message);
        self.out.push(d);
    }

    fn error_help(
        &mut self,
        code: &'static str,
        span: Span,
        message: impl Into<String>,
        help: Option<String>,
    ) {
        let mut d = self.source.error(code, span, message);
        d.help = help;
        self.out.push(d);
    }

    fn warning(&mut self, code: &'static str, span: Span, message: impl Into<String>) {
        let d = self.source.warning(code, span, message);
        self.out.push(d);
    }

    /// Record an id as defined in `names`; a second definition is an error.
    fn define(&mut self, names: fn(&mut Self) -> &mut Names, what: &str, id: &Id) {
        if id.value.trim().is_empty() {
            self.error("bad-id", id.span, format!("a {what} needs a non-empty id"));
            return;
        }
        let first = names(self).by_id.get(&id.value).copied();
        match first {
            Some(first) => {
                let note = format!("first defined at {}", self.source.location(first));
                let d = self
                    .source
                    .error(
                        "duplicate-id",
                        id.span,
                        format!("{what} id `{}` is defined twice", id.value),
                    )
                    .with_note(note);
                self.out.push(d);
            }
            None => {
                let n = names(self);
                n.by_id.insert(id.value.clone(), id.span);
                n.order.push(id.value.clone());
            }
        }
    }

    /// Report `id` as unknown unless `known`, suggesting the closest candidate.
    fn known<'c>(
        &mut self,
        known: bool,
        what: &str,
        id: &Id,
        candidates: impl IntoIterator<Item = &'c str>,
    ) -> bool {
        if !known {
            let candidates: Vec<&str> = candidates.into_iter().collect();
            let help = did_you_mean(&id.value, candidates.iter().copied())
                .map(|s| format!("did you mean `{s}`?"))
                .or_else(|| match candidates.len() {
                    0 => Some(format!("this scenario defines no {what}")),
                    1..=12 => Some(format!("the ids are: {}", candidates.join(", "))),
                    _ => None,
                });
            self.error_help(
                "unknown-reference",
                id.span,
                format!("no {what} has the id `{}`", id.value),
                help,
            );
        }
        known
    }

    /// [`Checker::known`] with candidates built only when the id is unknown: most references
    /// resolve, and copying every id list for each would cost more than the checking.
    fn known_by(
        &mut self,
        known: bool,
        what: &str,
        id: &Id,
        candidates: impl FnOnce(&Self) -> Vec<String>,
    ) -> bool {
        if !known {
            let names = candidates(self);
            self.known(false, what, id, names.iter().map(String::as_str));
        }
        known
    }

    fn date(&mut self, s: &Spanned<String>, what: &str) -> Option<NaiveDate> {
        if s.value.contains('{') {
            return None;
        }
        match NaiveDate::parse_from_str(&s.value, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                let shaped = s.value.len() == 10
                    && s.value.char_indices().all(|(i, c)| {
                        if i == 4 || i == 7 {
                            c == '-'
                        } else {
                            c.is_ascii_digit()
                        }
                    });
                let message = if shaped {
                    format!("{what} `{}` is not a real date", s.value)
                } else {
                    format!(
                        "{what} `{}` is not a date: expected YYYY-MM-DD, e.g. \"2026-03-02\"",
                        s.value
                    )
                };
                self.error("bad-date", s.span, message);
                None
            }
        }
    }

    fn not_negative(&mut self, q: &Spanned<Quantity>, what: &str) {
        if let Quantity::Number(n) = q.value
            && (n < 0.0 || !n.is_finite())
        {
            self.error(
                "negative-number",
                q.span,
                format!("{what} cannot be negative (found {n})"),
            );
        }
    }

    // -- passes ---------------------------------------------------------------------------

    fn units(&mut self, all: &'a [Unit]) {
        let file = self.file;
        if file.units.is_empty() {
            self.error(
                "empty",
                file.units.span,
                "the scenario assesses no units: list them in `units`, e.g. [\"CHCMGT006\"]",
            );
        }
        for u in &file.units {
            match all.iter().find(|x| x.id == u.value) {
                Some(unit) => {
                    if self.unit_spans.insert(unit.id.as_str(), u.span).is_some() {
                        self.warning(
                            "duplicate-id",
                            u.span,
                            format!("unit `{}` is listed twice", u.value),
                        );
                    } else {
                        self.units.push(unit);
                    }
                }
                None => {
                    let loaded: Vec<&str> = all.iter().map(|x| x.id.as_str()).collect();
                    let help = did_you_mean(&u.value, loaded.iter().copied())
                        .map(|s| format!("did you mean `{s}`?"))
                        .unwrap_or_else(|| format!("the loaded units are: {}", loaded.join(", ")));
                    self.error_help(
                        "unknown-unit",
                        u.span,
                        format!("no loaded unit has the id `{}`", u.value),
                        Some(help),
                    );
                }
            }
        }
    }

    fn header(&mut self) {
        let file = self.file;
        if file.title.value.trim().is_empty() {
            self.error("empty", file.title.span, "the scenario needs a title");
        }
        let c = &file.currency;
        if c.value.len() != 3 || !c.value.chars().all(|ch| ch.is_ascii_uppercase()) {
            self.error(
                "bad-currency",
                c.span,
                format!("currency `{}` is not an ISO 4217 code: expected three capital letters, e.g. \"AUD\" or \"KES\"", c.value),
            );
        }
        match NaiveDateTime::parse_from_str(&file.starts.value, "%Y-%m-%d %H:%M") {
            Ok(t) => self.start = Some(t),
            Err(_) => self.error(
                "bad-date",
                file.starts.span,
                format!("`starts` is `{}`: expected a date and time as YYYY-MM-DD HH:MM, e.g. \"2026-03-02 09:00\"", file.starts.value),
            ),
        }
        if let Some(m) = &file.estimated_minutes
            && m.value == 0
        {
            self.error(
                "bad-number",
                m.span,
                "`estimated_minutes` must be more than 0",
            );
        }
    }

    /// Define every id first, so references may come before or after what they name.
    fn definitions(&mut self) {
        let file = self.file;
        for f in &file.client.facts {
            self.define(|c| &mut c.facts, "fact", &f.id);
        }
        for d in &file.office.documents {
            self.define(|c| &mut c.documents, "document", &d.id);
        }
        for r in &file.office.client_file {
            if self.documents.contains(&r.id.value) {
                self.define(|c| &mut c.documents, "document or record", &r.id);
            } else {
                self.define(|c| &mut c.records, "record", &r.id);
            }
        }
        for s in &file.office.services {
            self.define(|c| &mut c.services, "service", &s.id);
        }
        for p in &file.office.staff {
            self.define(|c| &mut c.people, "staff member or stakeholder", &p.id);
        }
        for p in &file.office.stakeholders {
            self.define(|c| &mut c.people, "staff member or stakeholder", &p.id);
        }
        for p in &file.office.policies {
            self.define(|c| &mut c.policies, "policy", &p.id);
        }
        for id in self.people.order.clone() {
            if id == CLIENT {
                let span = self.people.by_id[&id];
                self.error(
                    "bad-id",
                    span,
                    "`client` is reserved for the client: choose another id",
                );
            }
        }
        for t in &file.tasks {
            self.define(|c| &mut c.step_names, "task or step", &t.id);
            for s in &t.steps {
                self.define(|c| &mut c.step_names, "task or step", &s.id);
                self.steps.entry(s.id.value.as_str()).or_insert(s);
            }
        }
        for e in &file.events {
            self.define(|c| &mut c.events, "event", &e.id);
        }
        // What effects anywhere can bring about.
        let mut flags = HashSet::new();
        let mut disclosed = HashSet::new();
        for_each_effect(file, |e| match e {
            Effect::SetFlag(f) => {
                flags.insert(f.value.as_str());
            }
            Effect::Disclose(f) => {
                disclosed.insert(f.value.as_str());
            }
            _ => {}
        });
        self.flags_set = flags;
        self.disclosed = disclosed;
        for t in &file.tasks {
            for s in &t.steps {
                if let StepKind::Dialogue { start, nodes } = &s.kind {
                    let reached = reachable(start, nodes);
                    for n in nodes {
                        if !reached.contains(n.id.value.as_str()) {
                            self.unreachable
                                .insert((s.id.value.as_str(), n.id.value.as_str()));
                        }
                    }
                }
                if let StepKind::Documents {
                    documents,
                    flag_out_of_date: true,
                } = &s.kind
                {
                    self.flaggable
                        .extend(documents.iter().map(|d| d.value.as_str()));
                }
            }
        }
    }

    fn variations(&mut self, placeholders: &[(String, Span)]) {
        let file = self.file;
        let mut names = Names::default();
        for v in &file.variations {
            let n = &v.name;
            if n.value.is_empty() || !n.value.chars().all(|c| c.is_alphanumeric() || c == '_') {
                self.error(
                    "bad-id",
                    n.span,
                    format!(
                        "variation name `{}` may use only letters, digits and `_`",
                        n.value
                    ),
                );
            }
            if let Some(first) = names.by_id.get(&n.value) {
                let note = format!("first defined at {}", self.source.location(*first));
                let d = self
                    .source
                    .error(
                        "duplicate-id",
                        n.span,
                        format!("variation `{}` is defined twice", n.value),
                    )
                    .with_note(note);
                self.out.push(d);
                continue;
            }
            names.by_id.insert(n.value.clone(), n.span);
            names.order.push(n.value.clone());
            self.variations.insert(n.value.as_str(), v);
            match &v.pick {
                Pick::OneOf(options) => {
                    if options.is_empty() {
                        self.error(
                            "empty",
                            n.span,
                            format!("variation `{}` has nothing to pick from", n.value),
                        );
                    }
                }
                Pick::Between { min, max, step } => {
                    if min.value > max.value {
                        self.error(
                            "bad-range",
                            min.span,
                            format!("`min` ({}) is more than `max` ({})", min.value, max.value),
                        );
                    }
                    if let Some(step) = step
                        && step.value <= 0.0
                    {
                        self.error("bad-number", step.span, "`step` must be more than 0");
                    }
                }
            }
        }
        for (name, span) in placeholders {
            if !self.variations.contains_key(name.as_str()) {
                let help =
                    did_you_mean(name, names.iter()).map(|s| format!("did you mean `{{{s}}}`?"));
                let help = help.or_else(|| {
                    Some("declare it in `variations`, or write `{{` for a literal brace".to_owned())
                });
                self.error_help(
                    "unknown-variation",
                    *span,
                    format!("`{{{name}}}` names no variation"),
                    help,
                );
            }
        }
    }

    /// A quantity that names a variation must name a numeric one.
    fn quantity(&mut self, q: &Spanned<Quantity>, what: &str) {
        self.not_negative(q, what);
        if let Quantity::Variation(name) = &q.value {
            match self.variations.get(name.as_str()).map(|v| &v.pick) {
                None => {} // reported with the placeholders
                Some(Pick::Between { min, .. }) if min.value < 0.0 => {
                    self.error(
                        "negative-number",
                        q.span,
                        format!("{what} cannot be negative, but `{{{name}}}` can be"),
                    );
                }
                Some(Pick::Between { .. }) => {}
                Some(Pick::OneOf(options)) => {
                    if let Some(bad) = options
                        .iter()
                        .find(|o| o.value.trim().parse::<f64>().is_err())
                    {
                        let bad = bad.value.clone();
                        self.error(
                            "invalid-type",
                            q.span,
                            format!("{what} must be a number, but `{{{name}}}` can be \"{bad}\""),
                        );
                    }
                }
            }
        }
    }

    fn client_and_office(&mut self) {
        let file = self.file;
        let client = &file.client;
        if client.name.value.trim().is_empty() {
            self.error("empty", client.name.span, "the client needs a name");
        }
        if let Some(age) = &client.age {
            self.quantity(age, "the client's age");
            if let Quantity::Number(n) = age.value
                && n > 120.0
            {
                self.error(
                    "bad-number",
                    age.span,
                    format!("an age of {n} is not plausible"),
                );
            }
        }
        for (v, what) in [(&client.rapport, "rapport"), (&client.trust, "trust")] {
            if !(0..=100).contains(&v.value) {
                self.error(
                    "bad-number",
                    v.span,
                    format!("starting {what} must be from 0 to 100 (found {})", v.value),
                );
            }
        }
        if let Some(b) = &client.budget {
            self.quantity(&b.amount, "the budget");
        }
        for f in &client.facts {
            if !self.disclosed.contains(f.id.value.as_str()) {
                self.warning(
                    "never-disclosed",
                    f.id.span,
                    format!("no `Disclose(\"{}\")` effect anywhere: the client can never tell this fact", f.id.value),
                );
            }
        }
        let start_date = self.start.map(|t| t.date());
        for d in &file.office.documents {
            let dated = self.date(&d.dated, "`dated`");
            if let (Some(dated), Some(start)) = (dated, start_date)
                && dated > start
            {
                self.warning(
                    "future-date",
                    d.dated.span,
                    "the document is dated after the scenario starts",
                );
            }
            let review = d
                .review_by
                .as_ref()
                .and_then(|r| self.date(r, "`review_by`"));
            match &d.out_of_date.value {
                OutOfDate::No => {
                    if let (Some(review), Some(start), Some(r)) = (review, start_date, &d.review_by)
                        && review < start
                    {
                        self.warning(
                            "stale-document",
                            r.span,
                            "the review date has passed when the scenario starts, but the document is not marked `out_of_date`",
                        );
                    }
                }
                OutOfDate::Yes(_) => {}
                OutOfDate::WhenPicked(var) => match self.variations.get(var.value.as_str()).map(|v| &v.pick) {
                    Some(Pick::OneOf(options)) => {
                        if !options.iter().any(|o| o.value == d.id.value) {
                            self.error(
                                "never-picked",
                                var.span,
                                format!("variation `{}` never picks `{}`, so this document is never out of date", var.value, d.id.value),
                            );
                        }
                    }
                    Some(Pick::Between { .. }) => self.error(
                        "invalid-type",
                        var.span,
                        format!("variation `{}` picks a number; `WhenPicked` needs one that picks document ids", var.value),
                    ),
                    None => {
                        let names: Vec<&str> = self.variations.keys().copied().collect();
                        self.known(false, "variation", var, names);
                    }
                },
            }
            if d.out_of_date.value != OutOfDate::No && !self.flaggable.contains(d.id.value.as_str())
            {
                self.warning(
                    "cannot-flag",
                    d.id.span,
                    "this document can be out of date, but no `Documents` step with `flag_out_of_date: true` shows it",
                );
            }
        }
        for r in &file.office.client_file {
            self.date(&r.dated, "`dated`");
        }
        for s in &file.office.services {
            self.quantity(&s.fee, "a fee");
            self.quantity(&s.waitlist_days, "a waiting time");
            if let Some(p) = &s.provider {
                let known = self.people.contains(&p.value);
                self.known_by(known, "staff member or stakeholder", p, |c| {
                    c.people.order.clone()
                });
            }
        }
    }

    fn tasks(&mut self) {
        let file = self.file;
        let mut covered_elements = HashSet::new();
        if file.tasks.is_empty() {
            self.error(
                "empty",
                file.tasks.span,
                "the scenario has no tasks: a trainee would have nothing to do",
            );
        }
        for t in &file.tasks {
            self.element(&t.element);
            covered_elements.insert(t.element.value.as_str());
            if let (Some(o), Some(d)) = (&t.opens_day, &t.due_day)
                && o.value > d.value
            {
                self.error(
                    "bad-range",
                    d.span,
                    format!(
                        "the task is due on day {} but opens on day {}",
                        d.value, o.value
                    ),
                );
            }
            for day in [&t.opens_day, &t.due_day].into_iter().flatten() {
                if day.value == 0 {
                    self.error("bad-number", day.span, "days are counted from 1");
                }
            }
            if t.steps.is_empty() {
                self.error(
                    "empty",
                    t.id.span,
                    format!("task `{}` has no steps", t.id.value),
                );
            }
            for s in &t.steps {
                if let Some(c) = &s.requires {
                    self.condition(c);
                }
                self.step(s);
            }
        }
        for unit in self.units.clone() {
            for e in &unit.elements {
                if !covered_elements.contains(e.id.as_str()) {
                    let span = self
                        .unit_spans
                        .get(unit.id.as_str())
                        .copied()
                        .unwrap_or_default();
                    self.warning(
                        "element-without-task",
                        span,
                        format!(
                            "element {} ({}) has no task in this scenario",
                            e.id, e.title
                        ),
                    );
                }
            }
        }
    }

    /// A task's element: an element of one of the scenario's units.
    fn element(&mut self, id: &Id) {
        let unit_id = crate::model::unit::unit_of(&id.value);
        let Some(unit) = self.units.iter().find(|u| u.id == unit_id).copied() else {
            self.not_listed_unit(id);
            return;
        };
        if unit.element(&id.value).is_none() {
            let range = format!(
                "unit {} has elements {}/E1 to {}/E{}",
                unit.id,
                unit.id,
                unit.id,
                unit.elements.len()
            );
            // `…/E7` is a number past the end, not a typo of `…/E1`: name the range instead.
            let numbered = id
                .value
                .rsplit_once("/E")
                .is_some_and(|(_, n)| n.parse::<u32>().is_ok());
            let help = if numbered {
                Some(range)
            } else {
                did_you_mean(&id.value, unit.elements.iter().map(|e| e.id.as_str()))
                    .map(|s| format!("did you mean `{s}`?"))
                    .or(Some(range))
            };
            self.error_help(
                "unknown-element",
                id.span,
                format!("unit {} has no element `{}`", unit.id, id.value),
                help,
            );
        }
    }

    fn not_listed_unit(&mut self, id: &Id) {
        let unit_id = crate::model::unit::unit_of(&id.value);
        // A unit the scenario lists but that is not loaded has been reported once already.
        if self.units.is_empty() || self.file.units.iter().any(|u| u.value == unit_id) {
            return;
        }
        let listed: Vec<&str> = self.units.iter().map(|u| u.id.as_str()).collect();
        let help = did_you_mean(unit_id, listed.iter().copied())
            .map(|s| format!("did you mean `{s}`?"))
            .or_else(|| Some(format!("this scenario's units are: {}", listed.join(", "))));
        self.error_help(
            "unknown-unit",
            id.span,
            format!(
                "`{}` belongs to unit `{unit_id}`, which is not in this scenario's `units`",
                id.value
            ),
            help,
        );
    }

    fn people_ref(&mut self, id: &Id, allow_client: bool) {
        let known = self.people.contains(&id.value) || (allow_client && id.value == CLIENT);
        self.known_by(known, "staff member or stakeholder", id, |c| {
            let mut names = c.people.order.clone();
            if allow_client {
                names.push(CLIENT.to_owned());
            }
            names
        });
    }

    fn step(&mut self, s: &'a StepFile) {
        match &s.kind {
            StepKind::Documents {
                documents,
                flag_out_of_date,
            } => {
                if documents.is_empty() {
                    self.error(
                        "empty",
                        s.id.span,
                        "a `Documents` step needs at least one document",
                    );
                }
                for d in documents {
                    let known =
                        self.documents.contains(&d.value) || self.records.contains(&d.value);
                    self.known_by(known, "document or record", d, |c| {
                        c.documents
                            .order
                            .iter()
                            .chain(&c.records.order)
                            .cloned()
                            .collect()
                    });
                }
                let _ = flag_out_of_date;
            }
            StepKind::Choice { answers, .. } => {
                let mut names = Names::default();
                for a in answers {
                    self.local(&mut names, "answer", &a.id);
                    self.effects(&a.effects);
                }
                if answers.len() < 2 {
                    self.error(
                        "empty",
                        s.id.span,
                        "a `Choice` step needs at least two answers",
                    );
                }
            }
            StepKind::Dialogue { start, nodes } => self.dialogue(start, nodes),
            StepKind::Form { fields, .. } => {
                if fields.is_empty() {
                    self.error("empty", s.id.span, "a `Form` step needs at least one field");
                }
                let mut names = Names::default();
                for f in fields {
                    self.local(&mut names, "field", &f.id);
                    if let Some(e) = &f.expect {
                        self.expect(f, e);
                    }
                }
            }
            StepKind::FinancialPlan {
                services,
                budget,
                period,
            } => {
                if let (None, Some(p), Some(b)) = (budget, period, &self.file.client.budget)
                    && *p != b.per
                {
                    self.warning(
                        "period-mismatch",
                        s.id.span,
                        format!(
                            "the plan covers a {p:?} but the client's budget is per {:?}: totals will not compare like with like",
                            b.per
                        ),
                    );
                }
                for svc in services {
                    let known = self.services.contains(&svc.value);
                    self.known_by(known, "service", svc, |c| c.services.order.clone());
                }
                if self.services.order.is_empty() {
                    self.error(
                        "empty",
                        s.id.span,
                        "a `FinancialPlan` step needs services in the office",
                    );
                }
                match budget {
                    Some(b) => self.quantity(b, "a budget"),
                    None if self.file.client.budget.is_none() => self.error(
                        "no-budget",
                        s.id.span,
                        "the financial plan has no budget: give the client a `budget` or the step a `budget`",
                    ),
                    None => {}
                }
            }
            StepKind::Schedule {
                with,
                earliest_day,
                latest_day,
                ..
            } => {
                for p in with {
                    self.people_ref(p, true);
                }
                if earliest_day.value == 0 {
                    self.error("bad-number", earliest_day.span, "days are counted from 1");
                }
                if earliest_day.value > latest_day.value {
                    self.error(
                        "bad-range",
                        latest_day.span,
                        format!(
                            "`latest_day` ({}) is before `earliest_day` ({})",
                            latest_day.value, earliest_day.value
                        ),
                    );
                }
            }
            StepKind::Rank { items, order, .. } => {
                let mut names = Names::default();
                for i in items {
                    self.local(&mut names, "item", &i.id);
                }
                let mut seen = HashSet::new();
                for o in order {
                    let known = names.contains(&o.value);
                    if self.known(known, "item of this step", o, names.iter())
                        && !seen.insert(o.value.as_str())
                    {
                        self.error(
                            "duplicate-id",
                            o.span,
                            format!("`{}` is in `order` twice", o.value),
                        );
                    }
                }
                for i in items {
                    if !order.iter().any(|o| o.value == i.id.value) {
                        self.error(
                            "missing-item",
                            i.id.span,
                            format!("item `{}` is not in `order`", i.id.value),
                        );
                    }
                }
                if items.len() < 2 {
                    self.error("empty", s.id.span, "a `Rank` step needs at least two items");
                }
            }
            StepKind::Match { pairs, .. } => {
                let mut names = Names::default();
                for p in pairs {
                    self.local(&mut names, "pair", &p.id);
                }
                if pairs.len() < 2 {
                    self.error(
                        "empty",
                        s.id.span,
                        "a `Match` step needs at least two pairs",
                    );
                }
            }
            StepKind::FreeText { rubric, .. } => self.rubric(rubric),
            StepKind::Questions { questions, .. } => {
                if questions.is_empty() {
                    self.error(
                        "empty",
                        s.id.span,
                        "a `Questions` step needs at least one question",
                    );
                }
                let mut names = Names::default();
                for q in questions {
                    self.local(&mut names, "question", &q.id);
                    match &q.answer {
                        QuestionAnswer::Single { options, correct } => {
                            let opts = self.options(options);
                            let known = opts.contains(&correct.value);
                            self.known(known, "option of this question", correct, opts.iter());
                        }
                        QuestionAnswer::Multiple { options, correct } => {
                            let opts = self.options(options);
                            if correct.is_empty() {
                                self.error("empty", q.id.span, "`correct` names no option");
                            }
                            for c in correct {
                                let known = opts.contains(&c.value);
                                self.known(known, "option of this question", c, opts.iter());
                            }
                        }
                        QuestionAnswer::Short(r) => self.rubric(r),
                    }
                }
            }
            StepKind::ThirdPartyReport { from, reports, .. } => {
                self.people_ref(from, false);
                if reports.is_empty() {
                    self.error(
                        "empty",
                        s.id.span,
                        "a `ThirdPartyReport` step needs at least one report",
                    );
                }
                for (i, r) in reports.iter().enumerate() {
                    match &r.when {
                        Some(c) => self.condition(c),
                        None if i + 1 < reports.len() => self.warning(
                            "unreachable",
                            r.text.span,
                            "this report has no `when`, so the reports after it are never sent",
                        ),
                        None => {}
                    }
                }
            }
        }
    }

    fn options(&mut self, options: &'a [ItemFile]) -> Names {
        let mut names = Names::default();
        for o in options {
            self.local(&mut names, "option", &o.id);
        }
        if options.len() < 2
            && let Some(o) = options.first()
        {
            self.error("empty", o.id.span, "a question needs at least two options");
        }
        names
    }

    /// An id unique within one step.
    fn local(&mut self, names: &mut Names, what: &str, id: &Id) {
        if let Some(first) = names.by_id.get(&id.value) {
            let note = format!("first defined at {}", self.source.location(*first));
            let d = self
                .source
                .error(
                    "duplicate-id",
                    id.span,
                    format!("{what} id `{}` is used twice in this step", id.value),
                )
                .with_note(note);
            self.out.push(d);
        } else {
            names.by_id.insert(id.value.clone(), id.span);
            names.order.push(id.value.clone());
        }
    }

    fn rubric(&mut self, r: &RubricFile) {
        let mut names = Names::default();
        if r.concepts.is_empty() {
            self.error(
                "empty",
                r.concepts.span,
                "a rubric needs at least one concept",
            );
        }
        for c in r.concepts.iter() {
            self.local(&mut names, "concept", &c.id);
            if c.phrases.iter().all(|p| p.value.trim().is_empty()) {
                self.error(
                    "empty",
                    c.id.span,
                    format!("concept `{}` has no phrases to look for", c.id.value),
                );
            }
        }
        if let Some(p) = &r.pass {
            if p.value as usize > r.concepts.len() {
                self.error(
                    "never-fires",
                    p.span,
                    format!(
                        "`pass` asks for {} concepts but the rubric has {}",
                        p.value,
                        r.concepts.len()
                    ),
                );
            }
            if p.value == 0 {
                self.error("bad-number", p.span, "`pass` must be at least 1");
            }
        }
    }

    fn expect(&mut self, field: &FieldFile, e: &Expect) {
        let kind = &field.kind;
        let mismatch = |what: &str| {
            format!(
                "`{what}` does not fit a field of kind `{}`",
                field_kind_name(kind)
            )
        };
        match e {
            Expect::Is(v) => match kind {
                FieldKind::OneOf(opts) | FieldKind::AnyOf(opts) => self.option_value(v, opts),
                FieldKind::Service => {
                    let known = self.services.contains(&v.value);
                    self.known_by(known, "service", v, |c| c.services.order.clone());
                }
                FieldKind::Contact => self.people_ref(v, false),
                FieldKind::YesNo => {
                    if v.value != "yes" && v.value != "no" {
                        self.error(
                            "invalid-value",
                            v.span,
                            "a yes/no field expects \"yes\" or \"no\"",
                        );
                    }
                }
                _ => self.error("invalid-type", field.id.span, mismatch("Is")),
            },
            Expect::Includes(vs) | Expect::Excludes(vs) => match kind {
                FieldKind::AnyOf(opts) | FieldKind::OneOf(opts) => {
                    for v in vs {
                        self.option_value(v, opts);
                    }
                }
                FieldKind::Directory => {
                    for v in vs {
                        self.people_ref(v, false);
                    }
                }
                _ => self.error("invalid-type", field.id.span, mismatch("Includes")),
            },
            Expect::Between { min, max } => {
                if !matches!(kind, FieldKind::Number | FieldKind::Money) {
                    self.error("invalid-type", field.id.span, mismatch("Between"));
                }
                self.quantity(min, "a minimum");
                self.quantity(max, "a maximum");
                if let (Quantity::Number(a), Quantity::Number(b)) = (&min.value, &max.value)
                    && a > b
                {
                    self.error(
                        "bad-range",
                        min.span,
                        format!("`min` ({a}) is more than `max` ({b})"),
                    );
                }
            }
            Expect::DayBetween { first, last } => {
                if !matches!(kind, FieldKind::Date) {
                    self.error("invalid-type", field.id.span, mismatch("DayBetween"));
                }
                if first.value == 0 {
                    self.error("bad-number", first.span, "days are counted from 1");
                }
                if first.value > last.value {
                    self.error(
                        "bad-range",
                        last.span,
                        format!(
                            "`last` ({}) is before `first` ({})",
                            last.value, first.value
                        ),
                    );
                }
            }
            Expect::Covers(r) => {
                if !matches!(kind, FieldKind::Text | FieldKind::Paragraph) {
                    self.error("invalid-type", field.id.span, mismatch("Covers"));
                }
                self.rubric(r);
            }
            Expect::NotEmpty => {}
        }
    }

    fn option_value(&mut self, v: &Id, opts: &[Spanned<String>]) {
        let known = opts.iter().any(|o| o.value == v.value);
        self.known(
            known,
            "option of this field",
            v,
            opts.iter().map(|o| o.value.as_str()),
        );
    }

    fn dialogue(&mut self, start: &Id, nodes: &'a [NodeFile]) {
        let mut names = Names::default();
        let mut replies = Names::default();
        for n in nodes {
            self.local(&mut names, "dialogue node", &n.id);
            self.effects(&n.effects);
            for r in &n.replies {
                self.local(&mut replies, "reply", &r.id);
                self.effects(&r.effects);
                if let Some(c) = &r.when {
                    self.condition(c);
                }
                if let Some(t) = &r.typed {
                    self.rubric(t);
                }
            }
        }
        let known_start = names.contains(&start.value);
        self.known(known_start, "dialogue node", start, names.iter());
        let index: HashMap<&str, &NodeFile> =
            nodes.iter().map(|n| (n.id.value.as_str(), n)).collect();
        for n in nodes {
            for r in &n.replies {
                if let Some(next) = &r.next {
                    let known = index.contains_key(next.value.as_str());
                    self.known(known, "dialogue node", next, names.iter());
                }
            }
            if n.replies.is_empty() && !n.end {
                self.error(
                    "dead-end",
                    n.id.span,
                    format!("node `{}` has no replies and is not an `end`: the conversation would be stuck here", n.id.value),
                );
            }
        }
        if !known_start {
            return;
        }
        let reached = reachable(start, nodes);
        // Backward: what can reach a way out (an `end` node or a reply with no `next`).
        let mut can_leave: HashSet<&str> = nodes
            .iter()
            .filter(|n| {
                // Dead ends and replies to unknown nodes are reported on their own; counting them
                // as exits here keeps one mistake from being reported twice.
                n.end
                    || n.replies.is_empty()
                    || n.replies.iter().any(|r| {
                        r.next
                            .as_ref()
                            .is_none_or(|x| !index.contains_key(x.value.as_str()))
                    })
            })
            .map(|n| n.id.value.as_str())
            .collect();
        loop {
            let before = can_leave.len();
            for n in nodes {
                if n.replies.iter().any(|r| {
                    r.next
                        .as_ref()
                        .is_some_and(|x| can_leave.contains(x.value.as_str()))
                }) {
                    can_leave.insert(n.id.value.as_str());
                }
            }
            if can_leave.len() == before {
                break;
            }
        }
        for n in nodes {
            let id = n.id.value.as_str();
            if !reached.contains(id) {
                self.error(
                    "unreachable-node",
                    n.id.span,
                    format!(
                        "node `{id}` cannot be reached from the start node `{}`",
                        start.value
                    ),
                );
            } else if !can_leave.contains(id) && (!n.replies.is_empty() || n.end) {
                self.error(
                    "no-way-out",
                    n.id.span,
                    format!(
                        "from node `{id}` the conversation can never end: every path loops back"
                    ),
                );
            }
        }
    }

    fn effects(&mut self, effects: &'a [Effect]) {
        for e in effects {
            match e {
                Effect::Rapport(d) | Effect::Trust(d) => {
                    if !(-100..=100).contains(&d.value) {
                        self.error(
                            "bad-number",
                            d.span,
                            format!("a change of {} is outside -100 to 100", d.value),
                        );
                    }
                }
                Effect::Disclose(f) => {
                    let known = self.facts.contains(&f.value);
                    self.known_by(known, "fact", f, |c| c.facts.order.clone());
                }
                Effect::SetFlag(f) => {
                    if f.value.trim().is_empty() {
                        self.error("bad-id", f.span, "a flag needs a name");
                    }
                }
                Effect::ClearFlag(f) => {
                    if !self.flags_set.contains(f.value.as_str()) {
                        let names: Vec<&str> = self.flags_set.iter().copied().collect();
                        let help =
                            did_you_mean(&f.value, names).map(|s| format!("did you mean `{s}`?"));
                        self.error_help(
                            "unknown-reference",
                            f.span,
                            format!("no effect sets flag `{}`", f.value),
                            help,
                        );
                    }
                }
            }
        }
    }

    fn events(&mut self) {
        for e in &self.file.events {
            if let Some(from) = &e.from {
                self.people_ref(from, true);
            }
            match &e.at {
                Trigger::Day(d) => {
                    if d.value == 0 {
                        self.error("bad-number", d.span, "days are counted from 1");
                    }
                }
                Trigger::When(c) => self.condition(c),
            }
            self.effects(&e.effects);
            if let Some(step) = &e.respond_with {
                self.step_ref(step);
            }
        }
    }

    fn step_ref(&mut self, id: &Id) -> Option<&'a StepFile> {
        let step = self.steps.get(id.value.as_str()).copied();
        if step.is_none() {
            let names: Vec<&str> = self.steps.keys().copied().collect();
            self.known(false, "step", id, names);
        }
        step
    }

    fn wrong_kind(&mut self, condition: &str, id: &Id, step: &StepFile, wanted: &str) {
        self.error(
            "wrong-step-kind",
            id.span,
            format!(
                "`{condition}` needs {wanted} step, but `{}` is a `{}` step",
                id.value,
                step.kind.name()
            ),
        );
    }

    fn never(&mut self, span: Span, why: impl Into<String>) {
        self.never_help(span, why, None);
    }

    /// A condition that can never hold: an error, unless it sits under an odd number of `Not`s,
    /// where it always holds instead (a warning: the rule does not test anything).
    fn never_help(&mut self, span: Span, why: impl Into<String>, help: Option<String>) {
        let why = why.into();
        if self.negations % 2 == 1 {
            let mut d = self.source.warning(
                "always-holds",
                span,
                format!("this `Not` always holds: what it negates can never hold ({why})"),
            );
            d.help = help;
            self.out.push(d);
        } else {
            self.error_help(
                "never-fires",
                span,
                format!("this can never hold: {why}"),
                help,
            );
        }
    }

    fn compare(&mut self, c: &Spanned<Compare>, lo: f64, hi: f64, what: &str) {
        let impossible = match c.value {
            Compare::AtLeast(n) => n > hi,
            Compare::AtMost(n) => n < lo,
            Compare::Exactly(n) => n < lo || n > hi,
        };
        if impossible {
            self.never(c.span, format!("{what} is always from {lo} to {hi}"));
        }
    }

    fn condition(&mut self, c: &'a Condition) {
        use Condition::*;
        match c {
            Done(s) => {
                self.step_ref(s);
            }
            Chose(s, x) => match self.step_ref(s).map(|st| (st, &st.kind)) {
                Some((_, StepKind::Choice { answers, .. })) => {
                    let known = answers.iter().any(|a| a.id.value == x.value);
                    self.known(
                        known,
                        "answer of this step",
                        x,
                        answers.iter().map(|a| a.id.value.as_str()),
                    );
                }
                Some((_, StepKind::Dialogue { nodes, .. })) => {
                    let all = || nodes.iter().flat_map(|n| &n.replies);
                    let known = all().any(|r| r.id.value == x.value);
                    if self.known(
                        known,
                        "reply of this dialogue",
                        x,
                        all().map(|r| r.id.value.as_str()),
                    ) {
                        let from = nodes
                            .iter()
                            .find(|n| n.replies.iter().any(|r| r.id.value == x.value));
                        if let Some(n) = from
                            && self
                                .unreachable
                                .contains(&(s.value.as_str(), n.id.value.as_str()))
                        {
                            self.never(
                                x.span,
                                format!(
                                    "reply `{}` belongs to a node the dialogue never reaches",
                                    x.value
                                ),
                            );
                        }
                    }
                }
                Some((st, _)) => self.wrong_kind("Chose", s, st, "a `Choice` or `Dialogue`"),
                None => {}
            },
            Reached(s, n) => match self.step_ref(s).map(|st| (st, &st.kind)) {
                Some((_, StepKind::Dialogue { nodes, .. })) => {
                    let known = nodes.iter().any(|x| x.id.value == n.value);
                    if self.known(
                        known,
                        "node of this dialogue",
                        n,
                        nodes.iter().map(|x| x.id.value.as_str()),
                    ) && self
                        .unreachable
                        .contains(&(s.value.as_str(), n.value.as_str()))
                    {
                        self.never(n.span, format!("node `{}` is never reached", n.value));
                    }
                }
                Some((st, _)) => self.wrong_kind("Reached", s, st, "a `Dialogue`"),
                None => {}
            },
            Disclosed(f) => {
                let known = self.facts.contains(&f.value);
                if self.known_by(known, "fact", f, |c| c.facts.order.clone())
                    && !self.disclosed.contains(f.value.as_str())
                {
                    self.never(f.span, format!("no effect discloses `{}`", f.value));
                }
            }
            Flag(f) => {
                if !self.flags_set.contains(f.value.as_str()) {
                    let names: Vec<&str> = self.flags_set.iter().copied().collect();
                    let help =
                        did_you_mean(&f.value, names).map(|s| format!("did you mean `{s}`?"));
                    self.never_help(f.span, format!("no effect sets flag `{}`", f.value), help);
                }
            }
            Read(d) => {
                let known = self.documents.contains(&d.value) || self.records.contains(&d.value);
                if self.known_by(known, "document or record", d, |c| {
                    c.documents.order.iter().chain(&c.records.order).cloned().collect()
                }) && !self.steps.values().any(|s| matches!(&s.kind, StepKind::Documents { documents, .. } if documents.iter().any(|x| x.value == d.value)))
                {
                    self.never(d.span, format!("no `Documents` step shows `{}`", d.value));
                }
            }
            FlaggedOutOfDate(d) => {
                let known = self.documents.contains(&d.value);
                if self.known_by(known, "document", d, |c| c.documents.order.clone())
                    && !self.flaggable.contains(d.value.as_str())
                {
                    self.never(
                        d.span,
                        format!(
                            "no `Documents` step with `flag_out_of_date: true` shows `{}`",
                            d.value
                        ),
                    );
                }
            }
            FlagsCorrect(s) => match self.step_ref(s) {
                Some(StepFile {
                    kind:
                        StepKind::Documents {
                            flag_out_of_date: true,
                            ..
                        },
                    ..
                })
                | None => {}
                Some(st) => self.wrong_kind(
                    "FlagsCorrect",
                    s,
                    st,
                    "a `Documents` (with `flag_out_of_date: true`)",
                ),
            },
            FieldOk(s, f) => match self.step_ref(s).map(|st| (st, &st.kind)) {
                Some((_, StepKind::Form { fields, .. })) => {
                    let field = fields.iter().find(|x| x.id.value == f.value);
                    let known = field.is_some();
                    if self.known(
                        known,
                        "field of this form",
                        f,
                        fields.iter().map(|x| x.id.value.as_str()),
                    ) && field.is_some_and(|x| x.expect.is_none())
                    {
                        self.never(
                            f.span,
                            format!("field `{}` has no `expect` to meet", f.value),
                        );
                    }
                }
                Some((st, _)) => self.wrong_kind("FieldOk", s, st, "a `Form`"),
                None => {}
            },
            FormOk(s) => match self.step_ref(s) {
                Some(StepFile {
                    kind: StepKind::Form { .. },
                    ..
                })
                | None => {}
                Some(st) => self.wrong_kind("FormOk", s, st, "a `Form`"),
            },
            WithinBudget(s) => match self.step_ref(s) {
                Some(StepFile {
                    kind: StepKind::FinancialPlan { .. },
                    ..
                })
                | None => {}
                Some(st) => self.wrong_kind("WithinBudget", s, st, "a `FinancialPlan`"),
            },
            Includes(s, svc) => match self.step_ref(s).map(|st| (st, &st.kind)) {
                Some((_, StepKind::FinancialPlan { services, .. })) => {
                    let known = if services.is_empty() {
                        self.services.contains(&svc.value)
                    } else {
                        services.iter().any(|x| x.value == svc.value)
                    };
                    self.known_by(known, "service offered in this plan", svc, |c| {
                        if services.is_empty() {
                            c.services.order.clone()
                        } else {
                            services.iter().map(|x| x.value.clone()).collect()
                        }
                    });
                }
                Some((st, _)) => self.wrong_kind("Includes", s, st, "a `FinancialPlan`"),
                None => {}
            },
            ScheduledInTime(s) => match self.step_ref(s) {
                Some(StepFile {
                    kind: StepKind::Schedule { .. },
                    ..
                })
                | None => {}
                Some(st) => self.wrong_kind("ScheduledInTime", s, st, "a `Schedule`"),
            },
            Correct(s, x) => {
                if let Some(st) = self.step_ref(s) {
                    match scored_items(&st.kind) {
                        Some(items) => {
                            let known = items.contains(&x.value.as_str());
                            self.known(known, "question, item or pair of this step", x, items);
                        }
                        None => {
                            self.wrong_kind("Correct", s, st, "a `Questions`, `Rank` or `Match`")
                        }
                    }
                }
            }
            Score(s, cmp) => {
                if let Some(st) = self.step_ref(s) {
                    match scored_items(&st.kind) {
                        Some(items) => {
                            self.compare(cmp, 0.0, items.len() as f64, "the score of this step")
                        }
                        None => self.wrong_kind("Score", s, st, "a `Questions`, `Rank` or `Match`"),
                    }
                }
            }
            Concept(s, k) => {
                if let Some(st) = self.step_ref(s) {
                    let concepts = step_concepts(&st.kind);
                    if concepts.is_empty() {
                        self.wrong_kind("Concept", s, st, "a step with a rubric (`FreeText`, a typed reply, a `Covers` field or a short answer) in a");
                    } else {
                        let known = concepts.contains(&k.value.as_str());
                        self.known(known, "concept of this step", k, concepts);
                    }
                }
            }
            RubricMet(s) => match self.step_ref(s) {
                Some(StepFile {
                    kind: StepKind::FreeText { .. },
                    ..
                })
                | None => {}
                Some(st) => self.wrong_kind("RubricMet", s, st, "a `FreeText`"),
            },
            ReportClear(s) => match self.step_ref(s).map(|st| (st, &st.kind)) {
                Some((_, StepKind::ThirdPartyReport { reports, .. }))
                    if reports.iter().all(|r| r.concern) =>
                {
                    self.never(s.span, "every report of this step raises a concern");
                }
                Some((_, StepKind::ThirdPartyReport { .. })) => {}
                Some((st, _)) => self.wrong_kind("ReportClear", s, st, "a `ThirdPartyReport`"),
                None => {}
            },
            Rapport(cmp) => self.compare(cmp, 0.0, 100.0, "rapport"),
            Trust(cmp) => self.compare(cmp, 0.0, 100.0, "trust"),
            Day(cmp) => {
                if let Compare::AtMost(n) | Compare::Exactly(n) = cmp.value
                    && n < 1.0
                {
                    self.never(cmp.span, "days are counted from 1");
                }
            }
            Arrived(e) => {
                let known = self.events.contains(&e.value);
                self.known_by(known, "event", e, |c| c.events.order.clone());
            }
            All(cs) => {
                for (i, a) in cs.iter().enumerate() {
                    self.condition(a);
                    if let Not(inner) = a
                        && cs
                            .iter()
                            .enumerate()
                            .any(|(j, b)| j != i && b == inner.as_ref())
                    {
                        let span = first_span(inner).unwrap_or_default();
                        self.never(span, "`All` asks for a condition and its `Not` together");
                    }
                }
            }
            Any(cs) => {
                if cs.is_empty() {
                    self.never(cs.span, "`Any([])` has nothing that could hold");
                }
                for a in cs.iter() {
                    self.condition(a);
                }
            }
            Not(inner) => {
                self.negations += 1;
                self.condition(inner);
                self.negations -= 1;
            }
        }
    }

    fn rules(&mut self) {
        let file = self.file;
        let mut evidenced: HashSet<&str> = HashSet::new();
        for r in &file.evidence {
            if self.criterion(&r.criterion) {
                evidenced.insert(r.criterion.value.as_str());
            }
            for item in &r.range {
                self.range_item(item);
            }
            self.method(r);
            self.condition(&r.requires);
            for a in &r.against {
                self.condition(&a.when);
            }
            if matches!(&r.requires, Condition::All(cs) if cs.is_empty()) {
                self.warning(
                    "always-holds",
                    r.criterion.span,
                    "`requires: All([])` always holds: this rule gives evidence for nothing done",
                );
            }
        }
        for unit in self.units.clone() {
            let span = self
                .unit_spans
                .get(unit.id.as_str())
                .copied()
                .unwrap_or_default();
            for (_, c) in unit.criteria() {
                if !evidenced.contains(c.id.as_str()) {
                    self.warning(
                        "not-evidenced",
                        span,
                        format!("no evidence rule for {} \"{}\"", c.id, c.text),
                    );
                }
            }
        }
    }

    /// A rule's criterion: a performance criterion of one of the scenario's units.
    fn criterion(&mut self, id: &Id) -> bool {
        let unit_id = crate::model::unit::unit_of(&id.value);
        let Some(unit) = self.units.iter().find(|u| u.id == unit_id).copied() else {
            self.not_listed_unit(id);
            return false;
        };
        if unit.criterion(&id.value).is_some() {
            return true;
        }
        let mut aspect_help = String::new();
        let what = if unit.element(&id.value).is_some() {
            Some("an element: rules evidence its performance criteria")
        } else if unit.critical_aspect(&id.value).is_some() {
            unit.critical_aspect(&id.value).map(|a| {
                aspect_help = a.criteria.join(", ");
                "a critical aspect, judged from the criteria it maps to: evidence those criteria"
            })
        } else if unit.range_item(&id.value).is_some() {
            Some("a range item: list it in the rule's `range`")
        } else {
            None
        };
        match what {
            Some(what) => {
                let help = (!aspect_help.is_empty()).then(|| format!("it maps to {aspect_help}"));
                self.error_help(
                    "not-a-criterion",
                    id.span,
                    format!("`{}` is {what}", id.value),
                    help,
                )
            }
            None => {
                let help = criterion_help(unit, &id.value);
                self.error_help(
                    "unknown-criterion",
                    id.span,
                    format!(
                        "unit {} has no performance criterion `{}`",
                        unit.id, id.value
                    ),
                    help,
                );
            }
        }
        false
    }

    fn range_item(&mut self, id: &Id) {
        let unit_id = crate::model::unit::unit_of(&id.value);
        let Some(unit) = self.units.iter().find(|u| u.id == unit_id).copied() else {
            self.not_listed_unit(id);
            return;
        };
        if unit.range_item(&id.value).is_none() {
            let help = did_you_mean(&id.value, unit.range_items().map(|(_, i)| i.id.as_str()))
                .map(|s| format!("did you mean `{s}`?"));
            self.error_help(
                "unknown-range-item",
                id.span,
                format!("unit {} has no range item `{}`", unit.id, id.value),
                help,
            );
        }
    }

    fn method(&mut self, r: &RuleFile) {
        let unit_id = crate::model::unit::unit_of(&r.criterion.value);
        let Some(unit) = self.units.iter().find(|u| u.id == unit_id) else {
            return;
        };
        let methods = &unit.evidence_guide.methods;
        let m = r.method.value;
        if !methods.is_empty() && m != Method::WorkProduct && !methods.contains(&m) {
            let listed: Vec<&str> = methods.iter().map(|m| m.label()).collect();
            self.warning(
                "method-not-in-guide",
                r.method.span,
                format!(
                    "the evidence guide of {} does not name {} (it names: {})",
                    unit.id,
                    m.label(),
                    listed.join(", ")
                ),
            );
        }
    }
}

/// Help for an unknown criterion id: the criteria of its element when the element exists (typos
/// in the number are usually a criterion past the end), else the closest id.
fn criterion_help(unit: &Unit, id: &str) -> Option<String> {
    let number = id.rsplit_once('/').map(|(_, n)| n).unwrap_or(id);
    let element = number.split_once('.').map(|(e, _)| e).unwrap_or(number);
    if let Some(e) = unit.elements.iter().find(|e| e.number == element)
        && let (Some(first), Some(last)) = (e.criteria.first(), e.criteria.last())
    {
        return Some(format!(
            "element {} of {} has criteria {} to {}",
            e.number, unit.id, first.number, last.number
        ));
    }
    did_you_mean(id, unit.criteria().map(|(_, c)| c.id.as_str()))
        .map(|s| format!("did you mean `{s}`?"))
        .or_else(|| Some(format!("criteria are written `{}/1.1`", unit.id)))
}

fn field_kind_name(k: &FieldKind) -> &'static str {
    match k {
        FieldKind::Text => "Text",
        FieldKind::Paragraph => "Paragraph",
        FieldKind::Number => "Number",
        FieldKind::Money => "Money",
        FieldKind::Date => "Date",
        FieldKind::YesNo => "YesNo",
        FieldKind::OneOf(_) => "OneOf",
        FieldKind::AnyOf(_) => "AnyOf",
        FieldKind::Contact => "Contact",
        FieldKind::Service => "Service",
        FieldKind::Directory => "Directory",
    }
}

/// The nodes of a dialogue that can be reached from its start.
fn reachable<'a>(start: &'a Id, nodes: &'a [NodeFile]) -> HashSet<&'a str> {
    let index: HashMap<&str, &NodeFile> = nodes.iter().map(|n| (n.id.value.as_str(), n)).collect();
    let mut reached: HashSet<&str> = HashSet::new();
    let mut stack = vec![start.value.as_str()];
    while let Some(id) = stack.pop() {
        let Some(n) = index.get(id) else {
            continue;
        };
        if reached.insert(id) {
            stack.extend(
                n.replies
                    .iter()
                    .filter_map(|r| r.next.as_ref())
                    .map(|x| x.value.as_str()),
            );
        }
    }
    reached
}

/// The ids that `Correct` and `Score` count in a step, if it is scored.
fn scored_items(kind: &StepKind) -> Option<Vec<&str>> {
    match kind {
        StepKind::Questions { questions, .. } => {
            Some(questions.iter().map(|q| q.id.value.as_str()).collect())
        }
        StepKind::Rank { items, .. } => Some(items.iter().map(|i| i.id.value.as_str()).collect()),
        StepKind::Match { pairs, .. } => Some(pairs.iter().map(|p| p.id.value.as_str()).collect()),
        _ => None,
    }
}

/// Every rubric concept id in a step.
fn step_concepts(kind: &StepKind) -> Vec<&str> {
    let mut rubrics: Vec<&RubricFile> = Vec::new();
    match kind {
        StepKind::FreeText { rubric, .. } => rubrics.push(rubric),
        StepKind::Dialogue { nodes, .. } => rubrics.extend(
            nodes
                .iter()
                .flat_map(|n| &n.replies)
                .filter_map(|r| r.typed.as_ref()),
        ),
        StepKind::Form { fields, .. } => {
            rubrics.extend(fields.iter().filter_map(|f| match &f.expect {
                Some(Expect::Covers(r)) => Some(r),
                _ => None,
            }))
        }
        StepKind::Questions { questions, .. } => {
            rubrics.extend(questions.iter().filter_map(|q| match &q.answer {
                QuestionAnswer::Short(r) => Some(r),
                _ => None,
            }))
        }
        _ => {}
    }
    rubrics
        .iter()
        .flat_map(|r| r.concepts.iter())
        .map(|c| c.id.value.as_str())
        .collect()
}

/// The span of the first id a condition names, to point at it.
fn first_span(c: &Condition) -> Option<Span> {
    use Condition::*;
    if let Some(s) = c.step() {
        return Some(s.span);
    }
    match c {
        Disclosed(s) | Flag(s) | Read(s) | FlaggedOutOfDate(s) | Arrived(s) => Some(s.span),
        All(cs) | Any(cs) => cs.iter().find_map(first_span),
        Not(c) => first_span(c),
        _ => None,
    }
}

/// Calls `f` on every effect in the file: answers, dialogue nodes and replies, events.
pub fn for_each_effect<'a>(file: &'a ScenarioFile, mut f: impl FnMut(&'a Effect)) {
    for t in &file.tasks {
        for s in &t.steps {
            match &s.kind {
                StepKind::Choice { answers, .. } => {
                    answers.iter().flat_map(|a| &a.effects).for_each(&mut f)
                }
                StepKind::Dialogue { nodes, .. } => {
                    for n in nodes {
                        n.effects.iter().for_each(&mut f);
                        n.replies.iter().flat_map(|r| &r.effects).for_each(&mut f);
                    }
                }
                _ => {}
            }
        }
    }
    file.events.iter().flat_map(|e| &e.effects).for_each(&mut f);
}
