//! The unit file format as written (`scenarios/units/*.ron`), before checking.

use serde::Deserialize;

use super::span::Spanned;
use crate::model::Method;

type Text = Spanned<String>;

#[derive(Debug, Deserialize)]
#[serde(rename = "Unit", deny_unknown_fields)]
pub struct UnitFile {
    /// Stable id used in references: the code with `/` written as `-`.
    pub id: Text,
    /// The code as published.
    pub code: String,
    pub title: String,
    /// The application (or unit description) paragraphs.
    #[serde(default)]
    pub application: Vec<String>,
    pub elements: Vec<ElementFile>,
    #[serde(default)]
    pub foundation_skills: Vec<String>,
    #[serde(default)]
    pub range: Vec<RangeVariableFile>,
    #[serde(default)]
    pub required_skills: Vec<String>,
    #[serde(default)]
    pub required_knowledge: Vec<String>,
    #[serde(default)]
    pub evidence_guide: Option<EvidenceGuideFile>,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Element", deny_unknown_fields)]
pub struct ElementFile {
    /// "1", "2", ...
    pub number: Text,
    pub title: String,
    pub criteria: Vec<CriterionFile>,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Criterion", deny_unknown_fields)]
pub struct CriterionFile {
    /// "1.1", "1.2", ...: begins with its element's number.
    pub number: Text,
    pub text: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "RangeVariable", deny_unknown_fields)]
pub struct RangeVariableFile {
    pub number: Text,
    /// The term in the criteria that the range elaborates, e.g. "Intake session".
    pub term: String,
    /// Numbers of the criteria that use the term, e.g. ["2.1"].
    #[serde(default)]
    pub criteria: Vec<Text>,
    pub items: Vec<RangeItemFile>,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "RangeItem", deny_unknown_fields)]
pub struct RangeItemFile {
    /// "<variable>.<n>", e.g. "1.3".
    pub number: Text,
    pub text: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "EvidenceGuide", deny_unknown_fields)]
pub struct EvidenceGuideFile {
    #[serde(default)]
    pub critical_aspects: Vec<CriticalAspectFile>,
    #[serde(default)]
    pub resource_implications: Vec<String>,
    #[serde(default)]
    pub methods: Vec<Spanned<Method>>,
    #[serde(default)]
    pub context: Vec<String>,
    #[serde(default)]
    pub guidance: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "CriticalAspect", deny_unknown_fields)]
pub struct CriticalAspectFile {
    /// "1.1", ... as numbered in the evidence guide.
    pub number: Text,
    pub text: String,
    /// Numbers of the performance criteria this aspect is judged from, e.g. ["1.1", "1.2"].
    pub criteria: Vec<Text>,
}
