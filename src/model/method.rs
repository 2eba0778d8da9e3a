//! Methods of assessment named by evidence guides.

use serde::{Deserialize, Serialize};

/// How evidence is gathered. The first five are the methods the COD/OS/SW/CR/11/6/A evidence
/// guide names (3.1–3.5); `WorkProduct` is a document the trainee produces (a form, a plan).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Method {
    WrittenTest,
    Interview,
    OralQuestioning,
    Observation,
    ThirdPartyReport,
    WorkProduct,
}

impl Method {
    pub const ALL: [Method; 6] = [
        Method::WrittenTest,
        Method::Interview,
        Method::OralQuestioning,
        Method::Observation,
        Method::ThirdPartyReport,
        Method::WorkProduct,
    ];

    /// The words a trainer or assessor reads.
    pub fn label(self) -> &'static str {
        match self {
            Method::WrittenTest => "written test",
            Method::Interview => "interview",
            Method::OralQuestioning => "oral questioning",
            Method::Observation => "observation",
            Method::ThirdPartyReport => "third-party report",
            Method::WorkProduct => "work product",
        }
    }
}
