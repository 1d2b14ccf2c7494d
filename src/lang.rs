//! The language a person reads: the one switch every output obeys.

use serde::{Deserialize, Serialize};

/// A language of output. Vietnamese is the default: the council reads it, and it is the
/// language of the law; English serves donors, auditors and foreign software teams.
///
/// ```
/// use cfc::Lang;
/// assert_eq!(Lang::default(), Lang::Vi);
/// assert_eq!(Lang::En.pick("công nhận", "recognised"), "recognised");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// Vietnamese.
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// One of two versions of the same phrase: the only way code chooses words by language.
    pub fn pick<T>(self, vi: T, en: T) -> T {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    /// Its code as `--lang` and `?lang=` take it: `vi` or `en`.
    pub fn code(self) -> &'static str {
        self.pick("vi", "en")
    }
}

/// A text in Vietnamese, optionally with an English version.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Vietnamese: the legal language; always present.
    #[serde(deserialize_with = "crate::printable::rule_text")]
    pub vi: String,
    /// English, for software teams and foreign readers.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::printable::optional_rule_text"
    )]
    pub en: Option<String>,
}

impl Text {
    /// The text in a language, falling back to Vietnamese.
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.vi, self.en.as_deref().unwrap_or(&self.vi))
    }
}

/// Something a set declares, by its id (what a file writes) and its label (what a person
/// reads): a class, a unit kind.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Named {
    /// The id, e.g. `urban_ward`.
    pub id: String,
    /// Its label.
    pub label: Text,
}
