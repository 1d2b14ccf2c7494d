//! A text a rule file writes in Vietnamese and, optionally, English.

use serde::{Deserialize, Serialize};

use crate::base::diag::Named;
use crate::base::lang::Lang;

/// A text in Vietnamese, optionally with an English version.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub struct Text {
    /// Vietnamese: the legal language; always present.
    #[serde(deserialize_with = "crate::base::printable::rule_text")]
    pub vi: String,
    /// English, for software teams and foreign readers.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::base::printable::optional_rule_text"
    )]
    pub en: Option<String>,
}

impl Text {
    /// The text in a language, falling back to Vietnamese.
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.vi, self.en.as_deref().unwrap_or(&self.vi))
    }

    /// The same text as a declared thing's label, with its id.
    pub fn naming(&self, id: &str) -> Named {
        Named {
            id: id.to_string(),
            vi: self.vi.clone(),
            en: self.en.clone(),
        }
    }
}
