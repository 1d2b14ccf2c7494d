//! Errors that stop a load, an evaluation or a write, in words. Their types (in the modules
//! that raise them) hold data only; `Display` here gives the default language, Vietnamese, and
//! each function gives either language.

use std::fmt;

use crate::date::DateError;
use crate::lang::Lang;

/// `Display` in the default language for a type whose words a function here gives.
macro_rules! display_in_default_language {
    ($($ty:ty => $words:path),* $(,)?) => {$(
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&$words(self, Lang::default()))
            }
        }
    )*};
}

display_in_default_language!(
    DateError => date,
);

/// A text that is not a date.
pub fn date(e: &DateError, lang: Lang) -> String {
    lang.pick(
        format!("cần một ngày dạng YYYY-MM-DD, nhưng gặp {:?}", e.0),
        format!("expected a date YYYY-MM-DD, found {:?}", e.0),
    )
}
