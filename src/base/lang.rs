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
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
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
