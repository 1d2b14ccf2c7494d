//! Something a set declares, named for a problem: plain strings, so that problems stay in the
//! base layer.

use serde::{Deserialize, Serialize};

use crate::base::lang::Lang;

/// Something a set declares, by its id (what a file writes) and its label (what a person
/// reads) in Vietnamese and, when the set gives one, English: a class, a unit kind. Plain
/// strings here, not the set's `Text`, so that problems stay in the base layer.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub struct Named {
    /// The id, e.g. `urban_ward`.
    pub id: String,
    /// The label in Vietnamese.
    pub vi: String,
    /// The label in English, when the set has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Named {
    /// The label in a language, falling back to Vietnamese.
    pub fn label(&self, lang: Lang) -> &str {
        lang.pick(&self.vi, self.en.as_deref().unwrap_or(&self.vi))
    }
}
