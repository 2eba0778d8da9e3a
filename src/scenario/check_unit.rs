//! Checking a unit file and building the checked [`Unit`] with its full ids.

use std::collections::HashMap;

use super::diagnostic::{Diagnostic, Source};
use super::raw_unit::UnitFile;
use super::span::Spanned;
use super::suggest::did_you_mean;
use crate::model::{
    Criterion, CriticalAspect, Element, EvidenceGuide, RangeItem, RangeVariable, Unit,
};

/// Check a unit file; `None` when it has errors (all of them are pushed to `out`).
pub fn check_unit(file: UnitFile, source: &Source, out: &mut Vec<Diagnostic>) -> Option<Unit> {
    let errors_before = out.iter().filter(|d| d.is_error()).count();
    let id = file.id.value.clone();
    if id.is_empty() || id.contains(['/', ' ', '{', '}']) {
        out.push(
            source
                .error(
                    "bad-id",
                    file.id.span,
                    format!("`{id}` cannot be a unit id"),
                )
                .with_help(
                    "write the unit code with `-` in place of `/`, e.g. `COD-OS-SW-CR-11-6-A`",
                ),
        );
    }

    let mut numbers = Numbers::default();
    let mut elements = Vec::new();
    for e in file.elements {
        numbers.unique(source, "element", &e.number, out);
        let mut criteria = Vec::new();
        for c in e.criteria {
            let prefix = format!("{}.", e.number.value);
            if !c.number.value.starts_with(&prefix) || c.number.value.len() == prefix.len() {
                out.push(source.error(
                    "bad-number",
                    c.number.span,
                    format!(
                        "criterion `{}` is under element {}: its number should start with `{prefix}`",
                        c.number.value, e.number.value
                    ),
                ));
            }
            numbers.unique(source, "criterion", &c.number, out);
            criteria.push(Criterion {
                id: format!("{id}/{}", c.number.value),
                number: c.number.value,
                text: c.text,
            });
        }
        if criteria.is_empty() {
            out.push(source.error(
                "empty",
                e.number.span,
                format!("element {} has no performance criteria", e.number.value),
            ));
        }
        elements.push(Element {
            id: format!("{id}/E{}", e.number.value),
            number: e.number.value,
            title: e.title,
            criteria,
        });
    }
    if elements.is_empty() {
        out.push(source.error("empty", file.id.span, "the unit has no elements"));
    }
    let criterion_numbers: Vec<&str> = elements
        .iter()
        .flat_map(|e| e.criteria.iter().map(|c| c.number.as_str()))
        .collect();

    let resolve = |refs: Vec<Spanned<String>>, what: &str, out: &mut Vec<Diagnostic>| {
        let mut ids = Vec::new();
        for r in refs {
            if criterion_numbers.contains(&r.value.as_str()) {
                ids.push(format!("{id}/{}", r.value));
            } else {
                let d = source.error(
                    "unknown-criterion",
                    r.span,
                    format!(
                        "{what} names criterion `{}`, which this unit does not have",
                        r.value
                    ),
                );
                out.push(
                    match did_you_mean(&r.value, criterion_numbers.iter().copied()) {
                        Some(s) => d.with_help(format!("did you mean `{s}`?")),
                        None => d,
                    },
                );
            }
        }
        ids
    };

    let mut range = Vec::new();
    for v in file.range {
        numbers.unique(source, "range variable", &v.number, out);
        let criteria = resolve(v.criteria, "the range", out);
        let mut items = Vec::new();
        for i in v.items {
            numbers.unique(source, "range item", &i.number, out);
            items.push(RangeItem {
                id: format!("{id}/R{}", i.number.value),
                number: i.number.value,
                text: i.text,
            });
        }
        range.push(RangeVariable {
            number: v.number.value,
            term: v.term,
            criteria,
            items,
        });
    }

    let evidence_guide = match file.evidence_guide {
        None => EvidenceGuide::default(),
        Some(g) => {
            let mut critical_aspects = Vec::new();
            for a in g.critical_aspects {
                numbers.unique(source, "critical aspect", &a.number, out);
                let span = a.number.span;
                let criteria = resolve(a.criteria, "this critical aspect", out);
                if criteria.is_empty() {
                    out.push(source.error(
                        "unmapped-aspect",
                        span,
                        format!(
                            "critical aspect {} maps to no performance criterion, so it can never be judged",
                            a.number.value
                        ),
                    ));
                }
                critical_aspects.push(CriticalAspect {
                    id: format!("{id}/CA{}", a.number.value),
                    number: a.number.value,
                    text: a.text,
                    criteria,
                });
            }
            EvidenceGuide {
                critical_aspects,
                resource_implications: g.resource_implications,
                methods: g.methods.into_iter().map(|m| m.value).collect(),
                context: g.context,
                guidance: g.guidance,
            }
        }
    };

    let errors_after = out.iter().filter(|d| d.is_error()).count();
    (errors_after == errors_before).then_some(Unit {
        id,
        code: file.code,
        title: file.title,
        application: file.application,
        elements,
        foundation_skills: file.foundation_skills,
        range,
        required_skills: file.required_skills,
        required_knowledge: file.required_knowledge,
        evidence_guide,
    })
}

/// Reports a number used twice within one kind of thing.
#[derive(Default)]
struct Numbers {
    seen: HashMap<(String, String), String>,
}

impl Numbers {
    fn unique(
        &mut self,
        source: &Source,
        what: &str,
        n: &Spanned<String>,
        out: &mut Vec<Diagnostic>,
    ) {
        let key = (what.to_owned(), n.value.clone());
        if let Some(first) = self.seen.get(&key) {
            out.push(
                source
                    .error(
                        "duplicate-id",
                        n.span,
                        format!("{what} number `{}` is used twice", n.value),
                    )
                    .with_note(format!("first used at {first}")),
            );
        } else {
            self.seen.insert(key, source.location(n.span));
        }
    }
}
