//! Units of competency: elements, performance criteria, range and evidence guide.
//!
//! Ids are stable and built from the unit id and the published numbering:
//! - unit `CHCMGT006`, `COD-OS-SW-CR-11-6-A` (the published code with `/` written as `-`);
//! - element `CHCMGT006/E2`;
//! - performance criterion `CHCMGT006/2.4`;
//! - critical aspect of competency `COD-OS-SW-CR-11-6-A/CA1.5`;
//! - range item `COD-OS-SW-CR-11-6-A/R1.3` (range variable 1, its third item).

use serde::Serialize;

use super::method::Method;

/// A checked unit of competency.
#[derive(Clone, Debug, Serialize)]
pub struct Unit {
    pub id: String,
    /// The code as published, e.g. `COD/OS/SW/CR/11/6/A`.
    pub code: String,
    pub title: String,
    pub application: Vec<String>,
    pub elements: Vec<Element>,
    pub foundation_skills: Vec<String>,
    pub range: Vec<RangeVariable>,
    pub required_skills: Vec<String>,
    pub required_knowledge: Vec<String>,
    pub evidence_guide: EvidenceGuide,
}

#[derive(Clone, Debug, Serialize)]
pub struct Element {
    pub id: String,
    pub number: String,
    pub title: String,
    pub criteria: Vec<Criterion>,
}

/// A performance criterion.
#[derive(Clone, Debug, Serialize)]
pub struct Criterion {
    pub id: String,
    pub number: String,
    pub text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct RangeVariable {
    pub number: String,
    pub term: String,
    /// Full ids of the criteria whose wording uses this term.
    pub criteria: Vec<String>,
    pub items: Vec<RangeItem>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RangeItem {
    pub id: String,
    pub number: String,
    pub text: String,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct EvidenceGuide {
    pub critical_aspects: Vec<CriticalAspect>,
    pub resource_implications: Vec<String>,
    pub methods: Vec<Method>,
    pub context: Vec<String>,
    pub guidance: String,
}

/// A critical aspect of competency and the criteria it is judged from.
#[derive(Clone, Debug, Serialize)]
pub struct CriticalAspect {
    pub id: String,
    pub number: String,
    pub text: String,
    /// Full ids of the performance criteria this aspect is judged from.
    pub criteria: Vec<String>,
}

impl Unit {
    pub fn criteria(&self) -> impl Iterator<Item = (&Element, &Criterion)> {
        self.elements
            .iter()
            .flat_map(|e| e.criteria.iter().map(move |c| (e, c)))
    }

    pub fn element(&self, id: &str) -> Option<&Element> {
        self.elements.iter().find(|e| e.id == id)
    }

    pub fn criterion(&self, id: &str) -> Option<(&Element, &Criterion)> {
        self.criteria().find(|(_, c)| c.id == id)
    }

    pub fn critical_aspect(&self, id: &str) -> Option<&CriticalAspect> {
        self.evidence_guide
            .critical_aspects
            .iter()
            .find(|a| a.id == id)
    }

    pub fn range_items(&self) -> impl Iterator<Item = (&RangeVariable, &RangeItem)> {
        self.range
            .iter()
            .flat_map(|v| v.items.iter().map(move |i| (v, i)))
    }

    pub fn range_item(&self, id: &str) -> Option<&RangeItem> {
        self.range_items().map(|(_, i)| i).find(|i| i.id == id)
    }

    /// Every id of this unit that a scenario may name: elements, criteria, critical aspects and
    /// range items.
    pub fn all_ids(&self) -> impl Iterator<Item = &str> {
        self.elements
            .iter()
            .map(|e| e.id.as_str())
            .chain(self.criteria().map(|(_, c)| c.id.as_str()))
            .chain(
                self.evidence_guide
                    .critical_aspects
                    .iter()
                    .map(|a| a.id.as_str()),
            )
            .chain(self.range_items().map(|(_, i)| i.id.as_str()))
    }
}

/// The unit id part of a full id: `CHCMGT006/2.4` → `CHCMGT006`.
pub fn unit_of(id: &str) -> &str {
    id.split_once('/').map(|(u, _)| u).unwrap_or(id)
}
