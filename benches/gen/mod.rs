//! A deterministic generator of realistic CHCMGT006 scenario files, for the load benchmark.
//!
//! Each file is what a trainer might write for one client: a persona with facts to disclose, an
//! office (documents, records, services, staff, stakeholders, policies), three variations, one
//! task per element with steps of every kind, events, and an evidence rule for every
//! performance criterion, with comments. Files vary by index (names, prose, fees, counts) but
//! every one loads with no errors or warnings.

mod text;

use std::fmt::Write as _;

use text::*;

/// splitmix64: small, fast and good enough to vary prose.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03)
    }
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

/// A document on the shelf: id, title, kind, dated, review_by, out_of_date, text pool, sentences.
type DocRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static [&'static str],
    usize,
);

/// A RON string literal.
fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A RON list of string literals.
fn qs<S: AsRef<str>>(items: &[S]) -> String {
    let inner: Vec<String> = items.iter().map(|s| q(s.as_ref())).collect();
    format!("[{}]", inner.join(", "))
}

struct Gen {
    out: String,
    depth: usize,
    rng: Rng,
    index: usize,
    persona: &'static Persona,
    org: &'static str,
    suburb: &'static str,
    coordinator: &'static str,
}

impl Gen {
    // -- writing --------------------------------------------------------------------------

    fn line(&mut self, text: &str) {
        for _ in 0..self.depth {
            self.out.push_str("    ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn blank(&mut self) {
        self.out.push('\n');
    }

    fn open(&mut self, head: &str) {
        self.line(head);
        self.depth += 1;
    }

    fn close(&mut self, tail: &str) {
        self.depth -= 1;
        self.line(tail);
    }

    /// `key: value,` with the value written as RON already.
    fn raw(&mut self, key: &str, value: impl std::fmt::Display) {
        let mut s = String::new();
        let _ = write!(s, "{key}: {value},");
        self.line(&s);
    }

    /// `key: "text",`
    fn text(&mut self, key: &str, value: &str) {
        let v = q(value);
        self.raw(key, v);
    }

    fn comment(&mut self, text: &str) {
        self.line(&format!("// {text}"));
    }

    /// Now and then, a trainer's comment.
    fn maybe_comment(&mut self, percent: u64) {
        if self.rng.chance(percent) {
            let c = *self.rng.pick(&COMMENTS);
            self.comment(c);
        }
    }

    // -- prose ----------------------------------------------------------------------------

    fn fill(&self, s: &str) -> String {
        let p = self.persona;
        s.replace("$F", &format!("{} {}", p.first, p.last))
            .replace("$N", p.first)
            .replace("$O", self.org)
            .replace("$S", self.suburb)
            .replace("$W", self.coordinator)
            .replace("$R", p.faith)
    }

    /// `n` different sentences from `pool`, in a varied order.
    fn prose(&mut self, pool: &[&str], n: usize) -> String {
        let n = n.min(pool.len());
        let mut idx: Vec<usize> = (0..pool.len()).collect();
        for i in 0..n {
            let j = i + self.rng.below(pool.len() - i);
            idx.swap(i, j);
        }
        let joined = idx[..n]
            .iter()
            .map(|&i| pool[i])
            .collect::<Vec<_>>()
            .join(" ");
        self.fill(&joined)
    }

    fn one(&mut self, pool: &[&str]) -> String {
        let s = *self.rng.pick(pool);
        self.fill(s)
    }

    fn count(&mut self, typical: usize) -> usize {
        self.rng
            .range(typical.saturating_sub(1).max(1), typical + 1)
    }

    // -- the file -------------------------------------------------------------------------

    fn scenario(&mut self) {
        let p = self.persona;
        let i = self.index;
        self.line("#![enable(implicit_some)]");
        self.comment(&format!(
            "Scenario {i:04}: coordinating home care for {} {} after a hospital stay.",
            p.first, p.last
        ));
        self.comment(&format!(
            "Written for CHCMGT006 by the {} training team. Every criterion has a rule at the end.",
            self.org
        ));
        self.comment("Days are counted from the first morning of the simulation (day 1).");
        self.open("Scenario(");
        self.text("id", &format!("home-care-{i:04}-{}", p.last.to_lowercase()));
        self.text(
            "title",
            &format!(
                "Home again: coordinating services for {} {}",
                p.first, p.last
            ),
        );
        self.raw("version", 1 + i % 3);
        self.raw("units", qs(&["CHCMGT006"]));
        let summary = format!(
            "{} {} has come home after a hip fracture and has a new Home Care Package with {}. \
             As the care coordinator you prepare for the first meeting, agree services and costs \
             with {}, work with the team and other providers, and keep the services right as \
             needs change.",
            p.first, p.last, self.org, p.first
        );
        self.text("summary", &summary);
        self.text(
            "setting",
            &format!("Home care, {}, New South Wales", self.suburb),
        );
        self.raw("estimated_minutes", 60 + 15 * (i % 5));
        self.text("currency", "AUD");
        self.text("starts", &format!("2026-03-{:02} 09:00", 2 + i % 5));
        self.blank();
        self.client();
        self.blank();
        self.office();
        self.blank();
        self.variations();
        self.blank();
        self.open("tasks: [");
        self.task_prepare();
        self.task_discuss();
        self.task_coordinate();
        self.task_ongoing();
        self.close("],");
        self.blank();
        self.events();
        self.blank();
        self.evidence();
        self.close(")");
    }

    fn client(&mut self) {
        let p = self.persona;
        self.comment(
            "The client. Facts are only told when the trainee asks well (see the dialogue).",
        );
        self.open("client: Client(");
        self.text("name", &format!("{} {}", p.first, p.last));
        if self.rng.chance(30) {
            self.text("age", "{age}");
        } else {
            self.raw("age", p.age);
        }
        self.text("pronouns", p.pronouns);
        if self.rng.chance(50) {
            self.text("portrait", &format!("{}.png", p.first.to_lowercase()));
        }
        let background = self.prose(&BACKGROUND, 3);
        self.text("background", &background);
        self.text("culture", p.culture);
        self.raw("languages", qs(p.languages));
        self.raw("interpreter", p.interpreter);
        let living = self.one(&LIVING);
        self.text("living_situation", &living);
        let health = self.prose(&HEALTH, 3);
        self.text("health", &health);
        let supports = [
            "A neighbour, Joan, who shops once a week".to_owned(),
            "The GP, who visits at home when asked".to_owned(),
            "Support from {carer}".to_owned(),
        ];
        self.raw("supports", qs(&supports));
        let goals: Vec<String> = (0..self.count(4)).map(|_| self.one(&GOALS)).collect();
        self.raw("goals", qs(&dedup(goals)));
        let mut prefs: Vec<String> = (0..self.count(4)).map(|_| self.one(&PREFERENCES)).collect();
        prefs.push(format!("Food: {}.", p.food));
        self.open("preferences: [");
        for pref in dedup(prefs) {
            self.line(&format!("{},", q(&pref)));
        }
        self.close("],");
        self.open("budget: Budget(");
        self.comment("Drawn per attempt, so the plan has to be worked out each time.");
        self.text("amount", "{budget}");
        self.raw("per", "Fortnight");
        self.text("funding", "Home Care Package level 3");
        self.close("),");
        self.raw(
            "previous_services",
            qs(&[
                "Council domestic assistance, 2019–2023",
                "Hospital outreach physiotherapy, 2025",
            ]),
        );
        let risks: Vec<String> = (0..self.count(3)).map(|_| self.one(&RISKS)).collect();
        self.open("risks: [");
        for r in dedup(risks) {
            self.line(&format!("{},", q(&r)));
        }
        self.close("],");
        self.open("facts: [");
        for (id, text, sensitive) in FACTS {
            let text = self.fill(text);
            if sensitive {
                self.line(&format!(
                    "Fact(id: {}, text: {}, sensitive: true),",
                    q(id),
                    q(&text)
                ));
            } else {
                self.line(&format!("Fact(id: {}, text: {}),", q(id), q(&text)));
            }
        }
        self.close("],");
        self.raw("rapport", 30 + (self.index % 4) * 5);
        self.raw("trust", 25 + (self.index % 3) * 5);
        self.close("),");
    }

    fn office(&mut self) {
        self.comment(
            "The office: what the trainee can read, who they can call, what they can offer.",
        );
        self.open("office: Office(");
        self.text("name", self.org);
        self.documents();
        self.records();
        self.services();
        self.staff();
        self.stakeholders();
        self.policies();
        self.close("),");
    }

    fn documents(&mut self) {
        const WHEN_PICKED: &str = "WhenPicked(\"stale_doc\")";
        let docs: [DocRow; 10] = [
            (
                "brochure",
                "Services for older people",
                "Brochure",
                "2025-08-01",
                "2026-08-01",
                None,
                &DOC_BROCHURE,
                3,
            ),
            (
                "brochure_2023",
                "Our services (2023 edition)",
                "Brochure",
                "2023-03-01",
                "2026-06-30",
                Some(WHEN_PICKED),
                &DOC_BROCHURE,
                2,
            ),
            (
                "fees_2025",
                "Fee schedule from 1 July 2025",
                "FeeSchedule",
                "2025-06-15",
                "2026-06-30",
                Some(WHEN_PICKED),
                &DOC_FEES,
                4,
            ),
            (
                "fees_2024",
                "Fee schedule from 1 July 2024",
                "FeeSchedule",
                "2024-06-14",
                "2025-06-30",
                Some("Yes(\"Replaced by the July 2025 schedule; the rates are a year old.\")"),
                &DOC_FEES,
                3,
            ),
            (
                "service_guide",
                "Service guide",
                "ServiceGuide",
                "2025-09-10",
                "2026-09-10",
                None,
                &DOC_GUIDE,
                3,
            ),
            (
                "intake_procedure",
                "Procedure: new clients and first visits",
                "Procedure",
                "2025-02-20",
                "2027-02-20",
                None,
                &DOC_PROCEDURE,
                4,
            ),
            (
                "review_procedure",
                "Procedure: reviewing and changing services",
                "Procedure",
                "2025-05-02",
                "2027-05-02",
                None,
                &DOC_PROCEDURE,
                3,
            ),
            (
                "agreement_form",
                "Home care agreement (blank form)",
                "Form",
                "2025-07-01",
                "2026-07-01",
                None,
                &POLICY_TEXT,
                2,
            ),
            (
                "newsletter",
                "Autumn newsletter",
                "Newsletter",
                "2026-02-20",
                "2026-05-31",
                None,
                &DOC_NEWSLETTER,
                3,
            ),
            (
                "charter",
                "Charter of Aged Care Rights",
                "Legislation",
                "2025-01-01",
                "2026-12-31",
                None,
                &DOC_LEGAL,
                3,
            ),
        ];
        self.open("documents: [");
        for (id, title, kind, dated, review_by, out_of_date, pool, n) in docs {
            match id {
                "brochure_2023" => self.comment(
                    "One of these two is out of date in each attempt (see the `stale_doc` variation).",
                ),
                "fees_2024" => {
                    self.comment("Always out of date: trainees who quote these fees get 2.2 wrong.")
                }
                _ => {}
            }
            self.open("Document(");
            self.text("id", id);
            if id == "brochure" {
                self.text("title", &format!("{}: {title}", self.org));
            } else {
                self.text("title", title);
            }
            self.raw("kind", kind);
            self.text("dated", dated);
            self.text("review_by", review_by);
            if let Some(o) = out_of_date {
                self.raw("out_of_date", o);
            }
            let body = self.prose(pool, n);
            self.text("text", &body);
            self.close("),");
        }
        if self.rng.chance(50) {
            self.open("Document(");
            self.text("id", "interpreter_guide");
            self.text("title", "Working with interpreters");
            self.text("dated", "2025-04-11");
            self.text("review_by", "2027-04-11");
            let body = self.prose(&DOC_GUIDE, 2);
            self.text("text", &body);
            self.close("),");
        }
        self.close("],");
    }

    fn records(&mut self) {
        self.open("client_file: [");
        for (k, (id, title, author)) in RECORDS.iter().enumerate() {
            self.open("Record(");
            self.text("id", id);
            self.text("title", title);
            self.text("dated", &format!("2026-02-{:02}", 10 + k * 3));
            self.text("author", author);
            let body = self.prose(&RECORD_TEXT, 2 + k % 2);
            self.text("text", &body);
            self.close("),");
        }
        self.close("],");
    }

    fn services(&mut self) {
        self.open("services: [");
        let providers = [
            "support_worker",
            "",
            "meals_provider",
            "",
            "nurse",
            "physio",
            "support_worker",
            "",
            "",
            "coordinator",
        ];
        for (k, (id, name, per, fee)) in SERVICES.iter().enumerate() {
            self.open("Service(");
            self.text("id", id);
            self.text("name", name);
            if !providers[k].is_empty() {
                self.text("provider", providers[k]);
            }
            self.text("description", SERVICE_TEXT[k]);
            let fee = fee + (self.index % 7) as f64 * 0.5;
            self.raw("fee", format!("{fee:.2}"));
            self.raw("per", per);
            let a = *self.rng.pick(&AVAILABILITY);
            self.text("availability", a);
            let wait = self.rng.below(15);
            if wait > 0 {
                self.raw("waitlist_days", wait);
            }
            if self.rng.chance(50) {
                let e = *self.rng.pick(&ELIGIBILITY);
                self.text("eligibility", e);
            }
            self.close("),");
        }
        self.close("],");
    }

    fn staff(&mut self) {
        self.open("staff: [");
        for (k, (id, role)) in STAFF_ROLES.iter().enumerate() {
            let name = if k == 0 {
                self.coordinator
            } else {
                OTHER_STAFF[(self.index + k * 5) % OTHER_STAFF.len()]
            };
            let contact = format!("extension {}", 200 + k * 11 + self.index % 9);
            self.line(&format!(
                "Person(id: {}, name: {}, role: {}, contact: {}),",
                q(id),
                q(name),
                q(role),
                q(&contact)
            ));
        }
        self.close("],");
    }

    fn stakeholders(&mut self) {
        self.open("stakeholders: [");
        for (k, (id, name, kind)) in STAKEHOLDERS.iter().enumerate() {
            self.open("Stakeholder(");
            self.text("id", id);
            self.text("name", name);
            self.raw("kind", kind);
            self.text(
                "contact",
                &format!(
                    "02 9{:03} {:04}",
                    (self.index * 7 + k * 13) % 1000,
                    (self.index * 31 + k * 97) % 10000
                ),
            );
            let offers = [OFFERS[k % OFFERS.len()], OFFERS[(k + 4) % OFFERS.len()]];
            self.raw("offers", qs(&offers));
            self.close("),");
        }
        self.close("],");
    }

    fn policies(&mut self) {
        self.open("policies: [");
        for (k, (id, title)) in POLICIES.iter().enumerate() {
            self.open("Policy(");
            self.text("id", id);
            self.text("title", title);
            let mut body = String::new();
            for j in 0..2 {
                if j > 0 {
                    body.push(' ');
                }
                body.push_str(POLICY_TEXT[(k * 3 + j) % POLICY_TEXT.len()]);
            }
            let extra = self.prose(&POLICY_TEXT, 1);
            body.push(' ');
            body.push_str(&extra);
            self.text("text", &body);
            self.close("),");
        }
        self.close("],");
    }

    fn variations(&mut self) {
        self.comment("Drawn from the attempt's seed; used in text as {name}.");
        self.open("variations: [");
        let lo = 900 + (self.index % 4) * 50;
        self.line(&format!(
            "Variation(name: \"budget\", pick: Between(min: {lo}, max: {}, step: 50)),",
            lo + 500
        ));
        self.line(
            "Variation(name: \"stale_doc\", pick: OneOf([\"brochure_2023\", \"fees_2025\"])),",
        );
        if self.rng.chance(50) {
            self.line("Variation(name: \"age\", pick: Between(min: 68, max: 92)),");
        } else {
            self.line("Variation(name: \"age\", pick: OneOf([\"71\", \"78\", \"84\", \"89\"])),");
        }
        self.line("Variation(name: \"carer\", pick: OneOf([\"a neighbour from church\", \"a nephew who works shifts\", \"a daughter-in-law nearby\"])),");
        self.close("],");
    }

    fn step_head(&mut self, id: &str, title: &str, minutes: usize, requires: Option<&str>) {
        self.open("Step(");
        self.text("id", id);
        self.text("title", title);
        if self.rng.chance(50) {
            let hint = self.one(&HINTS);
            self.text("hint", &hint);
        }
        self.raw("minutes", minutes);
        if let Some(r) = requires {
            self.raw("requires", r);
        }
    }

    fn task_head(&mut self, id: &str, title: &str, element: &str, opens: usize, due: usize) {
        self.open("Task(");
        self.text("id", id);
        let p = self.persona;
        self.text("title", &format!("{title} {}", p.first));
        self.text("element", element);
        let brief = self.prose(&DOC_PROCEDURE, 1);
        self.text("brief", &brief);
        self.raw("opens_day", opens);
        self.raw("due_day", due);
        self.open("steps: [");
    }

    fn task_end(&mut self) {
        self.close("],");
        self.close("),");
    }

    fn rubric(&mut self, concepts: &[(&str, &str, &[&str], bool)], pass: Option<usize>) -> String {
        let mut s = String::from("Rubric(concepts: [");
        for (k, (id, label, phrases, required)) in concepts.iter().enumerate() {
            if k > 0 {
                s.push_str(", ");
            }
            let _ = write!(
                s,
                "Concept(id: {}, label: {}, phrases: {}",
                q(id),
                q(label),
                qs(phrases)
            );
            if *required {
                s.push_str(", required: true");
            }
            s.push(')');
        }
        s.push(']');
        if let Some(p) = pass {
            let _ = write!(s, ", pass: {p}");
        }
        s.push(')');
        s
    }

    // -- element 1 ------------------------------------------------------------------------

    fn task_prepare(&mut self) {
        self.comment("Element 1: prepare for the client meeting.");
        self.task_head(
            "prepare",
            "Prepare for the first meeting with",
            "CHCMGT006/E1",
            1,
            3,
        );

        self.step_head("check_shelf", "Check the reference shelf", 15, None);
        self.maybe_comment(50);
        let mut docs = vec![
            "brochure",
            "brochure_2023",
            "fees_2025",
            "fees_2024",
            "service_guide",
            "intake_procedure",
            "review_procedure",
            "agreement_form",
            "newsletter",
            "charter",
        ];
        if self.out.contains("\"interpreter_guide\"") {
            docs.push("interpreter_guide");
        }
        self.raw(
            "kind",
            format!(
                "Documents(documents: {}, flag_out_of_date: true)",
                qs(&docs)
            ),
        );
        self.close("),");

        self.step_head("read_file", "Read the client file", 10, None);
        self.raw(
            "kind",
            format!(
                "Documents(documents: {})",
                qs(&RECORDS.iter().map(|r| r.0).collect::<Vec<_>>())
            ),
        );
        self.close("),");

        self.step_head(
            "pick_options",
            "Shortlist service options",
            10,
            Some("Done(\"read_file\")"),
        );
        self.open("kind: Choice(");
        let p = self.persona;
        self.text("prompt", &format!("From what you have read, which services should you put to {} as options? Choose all that apply.", p.first));
        self.open("answers: [");
        let answers = [
            (
                "a_personal_care",
                "Personal care three mornings a week, with the same worker",
                "SetFlag(\"options_fit\")",
            ),
            (
                "a_physio",
                "Physiotherapy at home, as the hospital recommended",
                "SetFlag(\"options_fit\")",
            ),
            (
                "a_meals",
                "Delivered meals that suit the client's diet",
                "SetFlag(\"options_fit\")",
            ),
            (
                "a_residential",
                "A tour of a residential care home, in case home does not work out",
                "SetFlag(\"ignored_goals\")",
            ),
            (
                "a_everything",
                "Every service in the guide, to be safe",
                "SetFlag(\"ignored_budget\")",
            ),
        ];
        for (k, (id, text, effect)) in answers.iter().enumerate() {
            let fb = if k < 3 {
                self.one(&GOOD_FEEDBACK)
            } else {
                self.one(&POOR_FEEDBACK)
            };
            self.line(&format!(
                "Answer(id: {}, text: {}, feedback: {}, effects: [{effect}]),",
                q(id),
                q(text),
                q(&fb)
            ));
        }
        self.close("],");
        self.raw("multiple", true);
        self.close("),");
        self.close("),");

        self.step_head("match_needs", "Match needs to services", 10, None);
        self.open("kind: Match(");
        self.text(
            "prompt",
            "Match each need from the discharge summary to the service that meets it.",
        );
        self.open("pairs: [");
        let pairs = [
            ("p_shower", "Supervision to shower safely", "Personal care"),
            (
                "p_strength",
                "Rebuild strength and balance after the fracture",
                "Physiotherapy at home",
            ),
            (
                "p_weight",
                "Weight loss and irregular meals",
                "Delivered meals",
            ),
            (
                "p_rails",
                "No grab rail beside the front steps",
                "Home maintenance",
            ),
            (
                "p_outings",
                "Lonely in the afternoons",
                "Social support, one to one",
            ),
            (
                "p_tablets",
                "Confusion about new medications",
                "Nursing visit",
            ),
        ];
        for (id, l, r) in pairs {
            self.line(&format!(
                "Pair(id: {}, left: {}, right: {}),",
                q(id),
                q(l),
                q(r)
            ));
        }
        self.close("],");
        self.close("),");
        self.close("),");

        self.step_head(
            "write_proposal",
            "Write the service proposal",
            25,
            Some("Done(\"pick_options\")"),
        );
        self.open("kind: Form(");
        self.raw("form", "ServiceProposal");
        self.open("fields: [");
        self.field("client_name", "Client name", "Text", true, Some("NotEmpty"));
        let r = self.rubric(
            &[
                (
                    "g_home",
                    "staying at home",
                    &["stay* at home", "remain at home", "living at home"],
                    true,
                ),
                ("g_safe", "safety", &["safe*", "fall*"], true),
                (
                    "g_own_words",
                    "the client's own words",
                    &[
                        "she said",
                        "he said",
                        "in her words",
                        "in his words",
                        "told me",
                    ],
                    false,
                ),
            ],
            Some(2),
        );
        self.field(
            "goals",
            "The client's goals, in their words",
            "Paragraph",
            true,
            Some(&format!("Covers({r})")),
        );
        self.field("services", "Services proposed", "AnyOf([\"Personal care\", \"Domestic assistance\", \"Delivered meals\", \"Physiotherapy\", \"Residential respite\", \"Social support\"])", true, Some("Includes([\"Personal care\", \"Physiotherapy\"])"));
        self.field(
            "not_proposed",
            "Services not proposed",
            "AnyOf([\"Residential respite\", \"Day centre\", \"Nursing\"])",
            false,
            Some("Includes([\"Residential respite\"])"),
        );
        self.field(
            "lead",
            "Who will coordinate",
            "Contact",
            true,
            Some("Is(\"coordinator\")"),
        );
        self.field(
            "fortnightly_cost",
            "Estimated cost per fortnight",
            "Money",
            true,
            Some("Between(min: 400, max: \"{budget}\")"),
        );
        self.field(
            "interpreter",
            "Interpreter needed?",
            "YesNo",
            true,
            Some(if self.persona.interpreter {
                "Is(\"yes\")"
            } else {
                "Is(\"no\")"
            }),
        );
        self.field(
            "start",
            "Proposed start date",
            "Date",
            true,
            Some("DayBetween(first: 3, last: 10)"),
        );
        self.close("],");
        self.close("),");
        self.close("),");

        self.task_end();
    }

    fn field(&mut self, id: &str, label: &str, kind: &str, required: bool, expect: Option<&str>) {
        let mut s = format!("Field(id: {}, label: {}, kind: {kind}", q(id), q(label));
        if required {
            s.push_str(", required: true");
        }
        if self.rng.chance(25) {
            let hint = self.one(&HINTS);
            let _ = write!(s, ", hint: {}", q(&hint));
        }
        if let Some(e) = expect {
            let _ = write!(s, ", expect: {e}");
        }
        s.push_str("),");
        self.line(&s);
    }

    // -- element 2 ------------------------------------------------------------------------

    fn task_discuss(&mut self) {
        self.blank();
        self.comment("Element 2: discuss service options with the client.");
        self.task_head(
            "discuss",
            "Meet and agree services with",
            "CHCMGT006/E2",
            2,
            7,
        );

        self.step_head(
            "first_visit",
            "First home visit",
            45,
            Some("Done(\"check_shelf\")"),
        );
        self.comment(
            "Fifteen nodes, one per topic. `a` replies are good practice, `b` replies are not.",
        );
        self.open("kind: Dialogue(");
        self.text("start", "n1");
        self.open("nodes: [");
        self.dialogue_nodes();
        self.close("],");
        self.close("),");
        self.close("),");

        self.step_head(
            "plan_costs",
            "Cost the services",
            20,
            Some("Done(\"first_visit\")"),
        );
        self.maybe_comment(60);
        self.raw(
            "kind",
            format!(
                "FinancialPlan(services: {}, period: Fortnight)",
                qs(&[
                    "personal_care",
                    "domestic",
                    "meals",
                    "transport",
                    "physio",
                    "social_support",
                    "care_management"
                ])
            ),
        );
        self.close("),");

        self.step_head(
            "explain_complaints",
            "Explain how to give feedback",
            10,
            None,
        );
        self.open("kind: Rank(");
        self.text("prompt", "Put the steps for raising a complaint in the order you would explain them to the client.");
        self.open("items: [");
        let items = [
            (
                "i_tell_us",
                "Tell your coordinator or any staff member, in person, by phone or in writing",
            ),
            (
                "i_ack",
                "We acknowledge the complaint within two business days",
            ),
            (
                "i_resolve",
                "We work with you to resolve it, and tell you what we did",
            ),
            (
                "i_escalate",
                "If you are not satisfied, ask for the manager to review it",
            ),
            (
                "i_commission",
                "You can contact the Aged Care Quality and Safety Commission at any time",
            ),
        ];
        for (id, t) in items {
            self.line(&format!("Item(id: {}, text: {}),", q(id), q(t)));
        }
        self.close("],");
        self.raw("order", qs(&items.iter().map(|x| x.0).collect::<Vec<_>>()));
        self.close("),");
        self.close("),");

        self.step_head(
            "agreement",
            "Complete the service agreement",
            30,
            Some("All([Done(\"first_visit\"), Done(\"plan_costs\")])"),
        );
        self.open("kind: Form(");
        self.raw("form", "ServiceAgreement");
        self.open("fields: [");
        self.field(
            "parties",
            "Parties to the agreement",
            "Text",
            true,
            Some("NotEmpty"),
        );
        self.field("services", "Services agreed", "AnyOf([\"Personal care\", \"Domestic assistance\", \"Delivered meals\", \"Transport\", \"Physiotherapy\", \"Social support\"])", true, Some("Includes([\"Personal care\"])"));
        self.field(
            "excluded",
            "Services declined",
            "AnyOf([\"Domestic assistance\", \"Transport\", \"Social support\"])",
            false,
            Some("Excludes([\"Social support\"])"),
        );
        self.field(
            "fortnightly",
            "Fortnightly cost",
            "Money",
            true,
            Some("Between(min: 0, max: \"{budget}\")"),
        );
        self.field(
            "start_day",
            "Start date",
            "Date",
            true,
            Some("DayBetween(first: 4, last: 12)"),
        );
        self.field(
            "consent",
            "Client consents to share information with providers",
            "YesNo",
            true,
            Some("Is(\"yes\")"),
        );
        self.field(
            "complaints",
            "How complaints and feedback were explained",
            "OneOf([\"In writing and verbally\", \"Verbally only\", \"Not yet\"])",
            true,
            Some("Is(\"In writing and verbally\")"),
        );
        let r = self.rubric(
            &[
                ("c_rights", "rights", &["right*", "charter"], true),
                (
                    "c_change",
                    "changing services",
                    &["change* at any time", "review*", "cancel*"],
                    false,
                ),
                (
                    "c_ethics",
                    "code of ethics",
                    &["ethic*", "code of conduct"],
                    false,
                ),
            ],
            None,
        );
        self.field(
            "discussion",
            "What was discussed before signing",
            "Paragraph",
            true,
            Some(&format!("Covers({r})")),
        );
        self.close("],");
        self.close("),");
        self.close("),");

        self.step_head(
            "book_follow_up",
            "Book the follow-up visit",
            5,
            Some("Done(\"agreement\")"),
        );
        self.open("kind: Schedule(");
        self.text(
            "what",
            "Follow-up visit to check the services have started well",
        );
        self.raw("with", qs(&["client", "coordinator"]));
        self.raw("earliest_day", 8);
        self.raw("latest_day", 14);
        self.raw("minutes", 45);
        self.close("),");
        self.close("),");

        self.task_end();
    }

    fn dialogue_nodes(&mut self) {
        // (topic line, good reply, poor reply, fact disclosed on the good path)
        const TOPICS: [(&str, &str, &str, &str); 15] = [
            (
                "Come in, come in. You must be from the agency. Mind the step.",
                "Thank you. I'm $W, your care coordinator. Is now still a good time to talk?",
                "Hi. I've got a lot to get through today, so let's start with the forms.",
                "",
            ),
            (
                "Yes, now is fine. Do I need to sign something first?",
                "Not today. First I'd like to explain what we write down about you and who sees it. Is that all right?",
                "Just a couple of signatures, it's all standard.",
                "",
            ),
            (
                "All right. What do you want to know?",
                "Can you tell me how things have been since you came home from hospital?",
                "Are you managing okay?",
                "f_fall_at_night",
            ),
            (
                "Well, the nights are the worst. I don't sleep well.",
                "What would make the nights feel safer for you?",
                "Lots of people don't sleep well at your age.",
                "",
            ),
            (
                "I suppose some help in the mornings would be nice.",
                "What matters most to you about how that help is given?",
                "We can send someone three times a week.",
                "f_lonely",
            ),
            (
                "I had help before, you know. It wasn't good.",
                "I'm sorry to hear that. What happened, if you don't mind telling me?",
                "Well, we're a different organisation.",
                "f_bad_experience",
            ),
            (
                "So what can you actually offer me?",
                "Here is a list of the options, with what each one costs. Shall we go through it together?",
                "Pretty much anything you need, we do it all.",
                "",
            ),
            (
                "Why should I choose you and not the others?",
                "We have workers who speak your language, and you'd have the same coordinator, me, the whole time.",
                "We're the best in the area, everyone says so.",
                "f_faith",
            ),
            (
                "And how much will all this cost me?",
                "Let's work it out together against your package, so you can decide what's worth it.",
                "Don't worry about money, the government pays.",
                "f_money_worries",
            ),
            (
                "My tablets have been a worry too.",
                "Tell me more about the tablets. What makes them hard?",
                "The nurse can deal with that.",
                "f_medication",
            ),
            (
                "What if I'm not happy with something?",
                "You can tell me or anyone here, and there's an outside Commission too. I'll leave it in writing.",
                "Oh, that won't happen.",
                "",
            ),
            (
                "When will I see you again?",
                "Shall we book a visit for about a week after services start, to check how it's going?",
                "Just call the office if you need anything.",
                "",
            ),
            (
                "My children keep arguing about where I should live.",
                "This is your decision. Who would you like involved, if anyone?",
                "I'll give your son a call and sort it out.",
                "f_family_conflict",
            ),
            (
                "And I need to keep Bella. That is not negotiable.",
                "Of course. We can include help to walk her while your hip heals.",
                "We'll see what the workers think about the dog.",
                "f_dog",
            ),
            (
                "Thank you for listening. It has been a long day.",
                "",
                "",
                "",
            ),
        ];
        for (k, (line, good, poor, fact)) in TOPICS.iter().enumerate() {
            let n = k + 1;
            let mut client = self.fill(line);
            if self.rng.chance(25) {
                let extra = self.one(&CLIENT_CHATTER);
                client = format!("{extra} {client}");
            }
            if n == 15 {
                self.line(&format!(
                    "Node(id: \"n15\", client: {}, effects: [Rapport(5)], end: true),",
                    q(&client)
                ));
                continue;
            }
            self.open("Node(");
            self.text("id", &format!("n{n}"));
            self.text("client", &client);
            if n == 1 {
                self.raw("effects", "[Rapport(2)]");
            }
            self.open("replies: [");
            let next = format!("n{}", n + 1);
            let good = self.fill(good);
            let effects = if fact.is_empty() {
                "[Rapport(5)]".to_owned()
            } else {
                format!("[Rapport(5), Trust(3), Disclose({})]", q(fact))
            };
            self.line(&format!(
                "Reply(id: {}, say: {}, next: {}, effects: {effects}),",
                q(&format!("r{n}a")),
                q(&good),
                q(&next),
            ));
            let poor = self.fill(poor);
            let fb = self.one(&POOR_FEEDBACK);
            self.line(&format!(
                "Reply(id: {}, say: {}, next: {}, effects: [Rapport(-5), Trust(-3)], feedback: {}),",
                q(&format!("r{n}b")),
                q(&poor),
                q(&next),
                q(&fb)
            ));
            match n {
                3 | 5 => {
                    let r = self.rubric(
                        &[
                            (
                                "k_open",
                                "open question",
                                &["how*", "what*", "tell me"],
                                true,
                            ),
                            (
                                "k_preferences",
                                "preferences",
                                &["prefer*", "matter*", "like*", "want*"],
                                false,
                            ),
                            (
                                "k_experience",
                                "previous experience",
                                &["before", "previous*", "last time"],
                                false,
                            ),
                        ],
                        Some(2),
                    );
                    let r = if n == 5 { r.replace("k_", "m_") } else { r };
                    self.open("Reply(");
                    self.text("id", &format!("r{n}c"));
                    self.text("say", "(Ask in your own words.)");
                    self.text("next", &next);
                    self.raw("effects", "[Rapport(3)]");
                    self.raw("typed", r);
                    self.close("),");
                }
                8 | 12 => {
                    self.open("Reply(");
                    self.text("id", &format!("r{n}c"));
                    self.text(
                        "say",
                        "I think that's enough for today. I'll come back another time.",
                    );
                    self.raw("when", "Rapport(AtMost(40))");
                    self.raw("effects", "[Trust(-2)]");
                    let fb = self.one(&POOR_FEEDBACK);
                    self.text("feedback", &fb);
                    self.close("),");
                }
                10 => {
                    self.open("Reply(");
                    self.text("id", "r10c");
                    self.text(
                        "say",
                        "Would it help if the nurse came with me next time to look at the packets?",
                    );
                    self.text("next", &next);
                    self.raw(
                        "when",
                        "All([Disclosed(\"f_medication\"), Trust(AtLeast(30))])",
                    );
                    self.raw("effects", "[Trust(4), SetFlag(\"nurse_offered\")]");
                    let fb = self.one(&GOOD_FEEDBACK);
                    self.text("feedback", &fb);
                    self.close("),");
                }
                _ => {}
            }
            self.close("],");
            self.close("),");
        }
    }

    // -- element 3 ------------------------------------------------------------------------

    fn task_coordinate(&mut self) {
        self.blank();
        self.comment("Element 3: communicate with support staff and other service providers.");
        self.task_head(
            "coordinate",
            "Set up and review services for",
            "CHCMGT006/E3",
            4,
            14,
        );

        self.step_head(
            "brief_team",
            "Brief the support team",
            15,
            Some("Done(\"agreement\")"),
        );
        self.open("kind: FreeText(");
        let p = self.persona;
        self.text(
            "prompt",
            &format!("Write the email to the rostering officer and the support worker who will visit {}. Say what has been agreed and what they need to know.", p.first),
        );
        let r = self.rubric(
            &[
                (
                    "c_roster",
                    "the agreed times",
                    &["morning*", "8am", "roster*", "times"],
                    true,
                ),
                (
                    "c_same_worker",
                    "continuity of worker",
                    &["same worker", "consisten*", "continuity"],
                    true,
                ),
                (
                    "c_risk",
                    "falls risk",
                    &["fall*", "frame", "unsteady"],
                    true,
                ),
                ("c_dog", "the dog", &["dog", "Bella"], false),
                (
                    "c_privacy",
                    "only what they need",
                    &["need to know", "confidential*", "privacy"],
                    false,
                ),
            ],
            Some(3),
        );
        self.raw("rubric", r);
        self.close("),");
        self.close("),");

        self.step_head(
            "case_plan",
            "Write the case plan",
            30,
            Some("Done(\"brief_team\")"),
        );
        self.open("kind: Form(");
        self.raw("form", "CasePlan");
        self.open("fields: [");
        let r = self.rubric(
            &[
                (
                    "g_home",
                    "stay at home",
                    &["stay* at home", "remain at home"],
                    true,
                ),
                (
                    "g_walk",
                    "walking",
                    &["walk*", "mobility", "strength"],
                    false,
                ),
                (
                    "g_social",
                    "social contact",
                    &["lonely", "friends", "social*"],
                    false,
                ),
            ],
            Some(2),
        );
        self.field(
            "goals",
            "Goals",
            "Paragraph",
            true,
            Some(&format!("Covers({r})")),
        );
        self.field(
            "providers",
            "Providers involved",
            "Directory",
            true,
            Some("Includes([\"physio\", \"gp\", \"meals_provider\"])"),
        );
        self.field(
            "directory",
            "Stakeholder directory",
            "Directory",
            true,
            Some("Includes([\"family\", \"advocacy\"])"),
        );
        self.field(
            "main_service",
            "Main service",
            "Service",
            true,
            Some("Is(\"personal_care\")"),
        );
        self.field(
            "key_worker",
            "Key worker",
            "Contact",
            true,
            Some("Is(\"support_worker\")"),
        );
        self.field(
            "hours",
            "Hours of personal care per fortnight",
            "Number",
            true,
            Some("Between(min: 4, max: 12)"),
        );
        self.field(
            "review_day",
            "Review by",
            "Date",
            true,
            Some("DayBetween(first: 10, last: 30)"),
        );
        self.field(
            "risks",
            "Risks and how they are managed",
            "Paragraph",
            true,
            Some("NotEmpty"),
        );
        self.close("],");
        self.close("),");
        self.close("),");

        self.step_head(
            "review_meeting",
            "Hold the review meeting",
            10,
            Some("Done(\"case_plan\")"),
        );
        self.open("kind: Schedule(");
        self.text(
            "what",
            "Case review with the client, the physiotherapist and the nurse",
        );
        self.raw("with", qs(&["client", "physio", "nurse", "support_worker"]));
        self.raw("earliest_day", 10);
        self.raw("latest_day", 16);
        self.raw("minutes", 60);
        self.close("),");
        self.close("),");

        self.step_head(
            "physio_report",
            "Ask the physiotherapist for a report",
            5,
            Some("Done(\"review_meeting\")"),
        );
        self.open("kind: ThirdPartyReport(");
        self.text("from", "physio");
        self.text(
            "about",
            "The coordinator's communication with the provider about the client's program",
        );
        self.raw("delay_days", 3);
        self.open("reports: [");
        let concern = self.one(&REPORT_CONCERN);
        self.line(&format!(
            "Report(when: Not(Disclosed(\"f_fall_at_night\")), text: {}, concern: true),",
            q(&concern)
        ));
        let concern = self.one(&REPORT_CONCERN);
        self.line(&format!(
            "Report(when: Chose(\"first_visit\", \"r13b\"), text: {}, concern: true),",
            q(&concern)
        ));
        let good = self.prose(&REPORT_GOOD, 2);
        self.line(&format!("Report(text: {}),", q(&good)));
        self.close("],");
        self.close("),");
        self.close("),");

        self.step_head(
            "approve_change",
            "Agree a change to the services",
            10,
            Some("Arrived(\"e_fee_change\")"),
        );
        self.open("kind: Choice(");
        self.text("prompt", "The fees change next month and the physiotherapist wants to add a second weekly session. What do you do?");
        self.open("answers: [");
        let answers = [
            (
                "a_consent_first",
                "Explain the new costs to the client, get agreement, update the agreement and tell the providers",
                "SetFlag(\"change_agreed\")",
            ),
            (
                "a_ask_family",
                "Ask the client's son to decide, as he is good with money",
                "Trust(-10)",
            ),
            (
                "a_just_do_it",
                "Add the session from Monday; the client will be pleased",
                "SetFlag(\"overstepped\")",
            ),
        ];
        for (k, (id, text, effect)) in answers.iter().enumerate() {
            let fb = if k == 0 {
                self.one(&GOOD_FEEDBACK)
            } else {
                self.one(&POOR_FEEDBACK)
            };
            self.line(&format!(
                "Answer(id: {}, text: {}, feedback: {}, effects: [{effect}]),",
                q(id),
                q(text),
                q(&fb)
            ));
        }
        self.close("],");
        self.close("),");
        self.close("),");

        self.task_end();
    }

    // -- element 4 ------------------------------------------------------------------------

    fn task_ongoing(&mut self) {
        self.blank();
        self.comment("Element 4: manage the ongoing requirements of the client load.");
        self.task_head(
            "ongoing",
            "Keep the services right for",
            "CHCMGT006/E4",
            8,
            21,
        );

        self.step_head(
            "satisfaction_check",
            "Satisfaction check with the client",
            20,
            Some("Done(\"book_follow_up\")"),
        );
        self.open("kind: Questions(");
        self.raw("method", "OralQuestioning");
        self.open("questions: [");
        let shorts = [
            (
                "q_what_changed",
                "What has changed for the client since services started, and how do you know?",
                "k_change",
                "change",
            ),
            (
                "q_act",
                "What will you do with the feedback the client gave you?",
                "k_act",
                "act",
            ),
        ];
        for (id, ask, kid, stem) in shorts {
            self.open("Question(");
            self.text("id", id);
            self.text("ask", ask);
            self.raw(
                "answer",
                format!(
                    "Short(Rubric(concepts: [Concept(id: {}, label: {}, phrases: [{}, \"client said\", \"feedback\"])]))",
                    q(kid),
                    q(stem),
                    q(&format!("{stem}*"))
                ),
            );
            self.close("),");
        }
        self.close("],");
        self.close("),");
        self.close("),");

        self.step_head("knowledge_test", "Knowledge check", 15, None);
        self.maybe_comment(70);
        self.open("kind: Questions(");
        self.raw("method", "WrittenTest");
        self.open("questions: [");
        let singles = [
            (
                "q1",
                "How often must a care plan be reviewed at least?",
                [
                    "Every month",
                    "Every twelve months",
                    "Only when the client asks",
                ],
                1,
            ),
            (
                "q2",
                "Who must agree to a change that affects what the client pays?",
                ["The client", "The team leader", "The client's family"],
                0,
            ),
            (
                "q3",
                "What is the cap on package and care management fees?",
                ["10 percent", "20 percent", "There is no cap"],
                1,
            ),
        ];
        for (id, ask, options, correct) in singles {
            self.open("Question(");
            self.text("id", id);
            self.text("ask", ask);
            let opts: Vec<String> = options
                .iter()
                .enumerate()
                .map(|(k, o)| format!("Item(id: \"o{k}\", text: {})", q(o)))
                .collect();
            self.raw(
                "answer",
                format!(
                    "Single(options: [{}], correct: \"o{correct}\")",
                    opts.join(", ")
                ),
            );
            self.close("),");
        }
        self.open("Question(");
        self.text("id", "q4");
        self.text(
            "ask",
            "Which of these records must be kept in the client file? Choose all that apply.",
        );
        self.raw(
            "answer",
            "Multiple(options: [Item(id: \"o0\", text: \"The signed service agreement\"), Item(id: \"o1\", text: \"Case notes of each contact\"), Item(id: \"o2\", text: \"The coordinator's personal opinions\"), Item(id: \"o3\", text: \"Review notes\")], correct: [\"o0\", \"o1\", \"o3\"])",
        );
        self.close("),");
        self.close("],");
        self.close("),");
        self.close("),");

        self.step_head(
            "feedback_record",
            "Record the feedback and what you did",
            20,
            Some("Done(\"satisfaction_check\")"),
        );
        self.open("kind: Form(");
        self.raw("form", "FeedbackRecord");
        self.open("fields: [");
        self.field(
            "source",
            "Feedback from",
            "OneOf([\"Client\", \"Family\", \"Provider\", \"Staff\"])",
            true,
            Some("Is(\"Client\")"),
        );
        self.field(
            "received",
            "Date received",
            "Date",
            true,
            Some("DayBetween(first: 8, last: 21)"),
        );
        self.field(
            "summary",
            "Summary of the feedback",
            "Paragraph",
            true,
            Some("NotEmpty"),
        );
        let r = self.rubric(
            &[
                (
                    "a_worker",
                    "worker change",
                    &["same worker", "roster*", "worker"],
                    true,
                ),
                (
                    "a_told",
                    "told the client",
                    &["told*", "inform*", "explain*", "call*"],
                    true,
                ),
            ],
            None,
        );
        self.field(
            "action",
            "Action taken",
            "Paragraph",
            true,
            Some(&format!("Covers({r})")),
        );
        let r = self.rubric(
            &[
                (
                    "r_org",
                    "to the organisation",
                    &["recommend*", "suggest*", "propos*"],
                    true,
                ),
                (
                    "r_evidence",
                    "based on evidence",
                    &["feedback", "survey*", "complaint*"],
                    false,
                ),
            ],
            Some(1),
        );
        self.field(
            "recommendation",
            "Recommendation to the organisation",
            "Paragraph",
            true,
            Some(&format!("Covers({r})")),
        );
        self.field(
            "satisfaction",
            "Client satisfaction, 1 to 5",
            "Number",
            true,
            Some("Between(min: 1, max: 5)"),
        );
        self.field(
            "closed",
            "Feedback resolved?",
            "YesNo",
            true,
            Some("Is(\"yes\")"),
        );
        self.field(
            "escalated_to",
            "Escalated to",
            "Contact",
            false,
            Some("Is(\"team_leader\")"),
        );
        self.close("],");
        self.close("),");
        self.close("),");

        self.step_head("improvement_idea", "Suggest an improvement", 20, None);
        self.open("kind: FreeText(");
        self.text("prompt", "From this case, suggest one improvement to how the organisation keeps clients and uses their feedback. Say how it fits the procedures and your role.");
        let r = self.rubric(
            &[
                (
                    "c_loyalty",
                    "retaining clients",
                    &["retain*", "loyal*", "keep clients", "stay with"],
                    true,
                ),
                (
                    "c_feedback",
                    "uses feedback",
                    &["feedback", "survey*", "ask* clients"],
                    true,
                ),
                (
                    "c_procedure",
                    "within procedure and role",
                    &["procedure*", "team leader", "my role", "approv*"],
                    true,
                ),
                (
                    "c_measure",
                    "how it will be measured",
                    &["measure*", "review*", "evaluat*"],
                    false,
                ),
            ],
            Some(3),
        );
        self.raw("rubric", r);
        self.close("),");
        self.close("),");

        self.step_head(
            "supervisor_report",
            "Report from the team leader",
            5,
            Some("Done(\"feedback_record\")"),
        );
        self.open("kind: ThirdPartyReport(");
        self.text("from", "team_leader");
        self.text(
            "about",
            "The trainee's documentation and reporting over the three weeks",
        );
        self.raw("delay_days", 2);
        self.open("reports: [");
        let concern = self.one(&REPORT_CONCERN);
        self.line(&format!(
            "Report(when: Not(FormOk(\"case_plan\")), text: {}, concern: true),",
            q(&concern)
        ));
        let good = self.prose(&REPORT_GOOD, 3);
        self.line(&format!("Report(text: {}),", q(&good)));
        self.close("],");
        self.close("),");
        self.close("),");

        self.task_end();
    }

    // -- events ---------------------------------------------------------------------------

    fn events(&mut self) {
        self.comment("Things that happen whatever the trainee does, or when something holds.");
        self.open("events: [");
        let evs: [(&str, &str, &str, &str, &str, &str); 6] = [
            (
                "e_discharge_call",
                "Call from the hospital",
                "hospital",
                "Day(1)",
                "[]",
                "read_file",
            ),
            (
                "e_family_email",
                "Email from the family",
                "family",
                "Day(3)",
                "[SetFlag(\"family_in_touch\")]",
                "",
            ),
            (
                "e_late_worker",
                "The client rings about a late worker",
                "client",
                "When(All([Done(\"agreement\"), Day(AtLeast(6))]))",
                "[Trust(-5)]",
                "satisfaction_check",
            ),
            (
                "e_fee_change",
                "New fee schedule",
                "finance",
                "Day(9)",
                "[]",
                "approve_change",
            ),
            (
                "e_second_fall",
                "Another fall overnight",
                "client",
                "When(Done(\"brief_team\"))",
                "[Rapport(-2), SetFlag(\"fell_again\")]",
                "review_meeting",
            ),
            (
                "e_audit",
                "Audit request",
                "team_leader",
                "Day(15)",
                "[]",
                "",
            ),
        ];
        let n = 5 + self.index % 2;
        for (k, (id, title, from, at, effects, respond)) in evs.iter().take(n).enumerate() {
            self.open("Event(");
            self.text("id", id);
            self.text("title", title);
            self.text("from", from);
            self.raw("at", at);
            let t = EVENT_TEXT[(k * 2 + self.index) % EVENT_TEXT.len()];
            let t = self.fill(t);
            self.text("text", &t);
            if *effects != "[]" {
                self.raw("effects", effects);
            }
            if !respond.is_empty() {
                self.text("respond_with", respond);
            }
            self.close("),");
        }
        self.close("],");
    }

    // -- evidence -------------------------------------------------------------------------

    fn evidence(&mut self) {
        self.comment("One rule per performance criterion of CHCMGT006.");
        self.open("evidence: [");
        let rules: [(&str, &str, &str, &[&str]); 21] = [
            (
                "1.1",
                "WorkProduct",
                "All([FlagsCorrect(\"check_shelf\"), FlaggedOutOfDate(\"fees_2024\")])",
                &["Read(\"brochure_2023\")"],
            ),
            (
                "1.2",
                "WorkProduct",
                "All([Read(\"discharge_summary\"), Read(\"acat_assessment\"), Done(\"read_file\")])",
                &[],
            ),
            (
                "1.3",
                "WorkProduct",
                "All([FormOk(\"write_proposal\"), FieldOk(\"write_proposal\", \"services\"), Flag(\"options_fit\")])",
                &["Flag(\"ignored_goals\")"],
            ),
            (
                "2.1",
                "Observation",
                "All([Reached(\"first_visit\", \"n6\"), Concept(\"first_visit\", \"k_preferences\"), Any([Disclosed(\"f_bad_experience\"), Concept(\"first_visit\", \"m_experience\")])])",
                &["Chose(\"first_visit\", \"r5b\")"],
            ),
            (
                "2.2",
                "Observation",
                "All([Chose(\"first_visit\", \"r7a\"), Score(\"match_needs\", AtLeast(5))])",
                &["Chose(\"first_visit\", \"r7b\")", "Read(\"fees_2024\")"],
            ),
            (
                "2.3",
                "Observation",
                "Any([Chose(\"first_visit\", \"r8a\"), Chose(\"first_visit\", \"r11a\")])",
                &["Chose(\"first_visit\", \"r8b\")"],
            ),
            (
                "2.4",
                "WorkProduct",
                "All([WithinBudget(\"plan_costs\"), Includes(\"plan_costs\", \"personal_care\"), Includes(\"plan_costs\", \"physio\")])",
                &["Flag(\"ignored_budget\")"],
            ),
            (
                "2.5",
                "Observation",
                "All([Score(\"explain_complaints\", AtLeast(4)), Chose(\"first_visit\", \"r11a\")])",
                &[],
            ),
            (
                "2.6",
                "WorkProduct",
                "All([ScheduledInTime(\"book_follow_up\"), Reached(\"first_visit\", \"n12\")])",
                &[],
            ),
            (
                "2.7",
                "WorkProduct",
                "All([FormOk(\"agreement\"), FieldOk(\"agreement\", \"consent\"), Concept(\"agreement\", \"c_rights\"), Rapport(AtLeast(45))])",
                &["Chose(\"first_visit\", \"r2b\")"],
            ),
            (
                "3.1",
                "WorkProduct",
                "All([RubricMet(\"brief_team\"), Concept(\"brief_team\", \"c_roster\")])",
                &[],
            ),
            (
                "3.2",
                "WorkProduct",
                "All([FieldOk(\"case_plan\", \"goals\"), FieldOk(\"case_plan\", \"providers\"), FieldOk(\"case_plan\", \"main_service\")])",
                &[],
            ),
            (
                "3.3",
                "ThirdPartyReport",
                "All([ScheduledInTime(\"review_meeting\"), ReportClear(\"physio_report\"), FieldOk(\"case_plan\", \"review_day\")])",
                &[],
            ),
            (
                "3.4",
                "WorkProduct",
                "All([Done(\"review_meeting\"), FieldOk(\"case_plan\", \"directory\"), Any([Arrived(\"e_second_fall\"), Flag(\"nurse_offered\")])])",
                &[],
            ),
            (
                "3.5",
                "WorkProduct",
                "All([Chose(\"approve_change\", \"a_consent_first\"), Arrived(\"e_fee_change\"), Flag(\"change_agreed\")])",
                &[
                    "Chose(\"approve_change\", \"a_just_do_it\")",
                    "Chose(\"approve_change\", \"a_ask_family\")",
                ],
            ),
            (
                "4.1",
                "WorkProduct",
                "All([Concept(\"improvement_idea\", \"c_loyalty\"), Trust(AtLeast(35))])",
                &[],
            ),
            (
                "4.2",
                "OralQuestioning",
                "All([Score(\"satisfaction_check\", AtLeast(2)), FieldOk(\"feedback_record\", \"action\"), Correct(\"satisfaction_check\", \"q_act\")])",
                &[],
            ),
            (
                "4.3",
                "ThirdPartyReport",
                "All([Done(\"physio_report\"), ReportClear(\"physio_report\")])",
                &[],
            ),
            (
                "4.4",
                "WorkProduct",
                "All([RubricMet(\"improvement_idea\"), FieldOk(\"feedback_record\", \"recommendation\")])",
                &[],
            ),
            (
                "4.5",
                "WorkProduct",
                "All([Concept(\"improvement_idea\", \"c_procedure\"), Not(Flag(\"overstepped\"))])",
                &[],
            ),
            (
                "4.6",
                "WrittenTest",
                "All([FormOk(\"case_plan\"), FormOk(\"feedback_record\"), Score(\"knowledge_test\", AtLeast(3)), ReportClear(\"supervisor_report\"), Day(AtMost(21))])",
                &[],
            ),
        ];
        for (pc, method, requires, against) in rules {
            if self.rng.chance(25) {
                let c = *self.rng.pick(&COMMENTS);
                self.comment(c);
            }
            self.open("Rule(");
            self.text("criterion", &format!("CHCMGT006/{pc}"));
            self.raw("method", method);
            self.raw("requires", requires);
            if !against.is_empty() {
                self.open("against: [");
                for a in against {
                    let fb = self.one(&POOR_FEEDBACK);
                    self.line(&format!("Against(when: {a}, feedback: {}),", q(&fb)));
                }
                self.close("],");
            }
            let s = self.prose(&SATISFIED, 1);
            self.text("satisfied", &s);
            let n = self.prose(&NOT_YET, 1);
            self.text("not_yet", &n);
            self.close("),");
        }
        self.close("],");
    }
}

fn dedup(mut v: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    v.retain(|s| seen.insert(s.clone()));
    v
}

/// The text of generated scenario number `index`.
pub fn scenario(index: usize) -> String {
    let mut rng = Rng::new(index as u64 + 1);
    let persona = &PERSONAS[index % PERSONAS.len()];
    let (org, suburb) = ORGS[rng.below(ORGS.len())];
    let coordinator = COORDINATORS[rng.below(COORDINATORS.len())];
    let mut g = Gen {
        out: String::with_capacity(64 * 1024),
        depth: 0,
        rng,
        index,
        persona,
        org,
        suburb,
        coordinator,
    };
    g.scenario();
    g.out
}
