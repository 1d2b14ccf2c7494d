//! Problems any file can have: the file itself, and values of the wrong shape.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The file itself cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub enum FileProblem {
    /// It could not be read: absent, not permitted, or another error of the system.
    Unreadable {
        /// Why, as far as the engine can tell.
        #[serde(default)]
        cause: IoCause,
        /// The operating system's own words (they are in the system's language, not ours):
        /// said only when the cause is [`IoCause::Other`].
        reason: String,
    },
    /// It is larger than any file of its kind should be.
    TooLarge {
        /// Its size.
        bytes: u64,
        /// The largest size accepted.
        max: u64,
    },
    /// It is not UTF-8 text.
    NotUtf8,
    /// It is not valid TOML: the parser's own description, which is in English.
    Syntax {
        /// What the parser said.
        detail: String,
    },
    /// It is not valid JSON (evidence sent to `cfc serve`'s API as JSON): the parser's own
    /// description, which is in English.
    JsonSyntax {
        /// What the parser said.
        detail: String,
    },
    /// It is JSON, but not an object holding the document's sections.
    JsonNotObject,
}

/// Why a file could not be read, for the words a reader gets in their language; the system's
/// own words are kept beside it for the causes the engine does not name.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub enum IoCause {
    /// There is no such file (or folder on its path).
    NotFound,
    /// The system does not let this program read it.
    PermissionDenied,
    /// It is a folder, where a file was expected.
    IsAFolder,
    /// Another error of the system.
    #[default]
    Other,
}

impl IoCause {
    /// The cause of `e`.
    pub fn of(e: &std::io::Error) -> IoCause {
        match e.kind() {
            std::io::ErrorKind::NotFound => IoCause::NotFound,
            std::io::ErrorKind::PermissionDenied => IoCause::PermissionDenied,
            std::io::ErrorKind::IsADirectory => IoCause::IsAFolder,
            _ => IoCause::Other,
        }
    }
}

impl FileProblem {
    /// A file that could not be read because of `e`.
    pub fn unreadable(e: &std::io::Error) -> FileProblem {
        FileProblem::Unreadable {
            cause: IoCause::of(e),
            reason: e.to_string(),
        }
    }
}

/// The kind of value a field expects, as messages name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub enum ValueKind {
    /// Text in quotes.
    Text,
    /// A whole number ≥ 0.
    WholeNumber,
    /// A decimal number.
    Decimal,
    /// `true` or `false`.
    Boolean,
    /// A date `YYYY-MM-DD`.
    Date,
    /// A table (`[section]` or `{ … }`).
    Table,
    /// An array (`[ … ]`).
    Array,
    /// An array of tables (`[[section]]`).
    ArrayOfTables,
}

/// A value of the wrong shape. The field is the diagnostic's [`FieldPath`](super::FieldPath).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub enum ValueProblem {
    /// A required field is absent.
    Missing {
        /// What it should hold.
        expected: ValueKind,
    },
    /// A field the format does not have.
    Unknown {
        /// The fields allowed here.
        allowed: Vec<String>,
        /// The allowed field nearest to the one written, for a typo.
        closest: Option<String>,
    },
    /// A value of the wrong type.
    WrongType {
        /// What was expected.
        expected: ValueKind,
        /// What was found, described briefly ("text \"12\"", "a decimal").
        found: String,
    },
    /// A value outside its bounds.
    OutOfRange {
        /// The value found, as written.
        found: String,
        /// The smallest value accepted, if any.
        min: Option<Decimal>,
        /// The largest value accepted, if any.
        max: Option<Decimal>,
    },
    /// A value that is not one of a fixed list (a kind, a class).
    NotOneOf {
        /// The value found.
        found: String,
        /// The values accepted.
        allowed: Vec<String>,
        /// The accepted value nearest to the one written, for a typo.
        closest: Option<String>,
    },
    /// Text longer than its field holds.
    TooLong {
        /// Its length in characters.
        chars: usize,
        /// The most accepted.
        max: usize,
    },
    /// Text with a character that cannot be printed (a control character).
    NotPrintable {
        /// The character, by its code point.
        code_point: u32,
    },
    /// A value given twice where it must be unique.
    Duplicate {
        /// The value repeated.
        value: String,
        /// The line of its first occurrence.
        first_line: usize,
    },
}

#[cfg(test)]
mod tests {
    use super::{FileProblem, IoCause};

    /// The causes the engine names are told from the system's errors; results written before
    /// causes were recorded still read, as an error of the system.
    #[test]
    fn a_cause_is_named_and_old_results_still_read() {
        let dir = tempfile::tempdir().unwrap();
        let missing = std::fs::read(dir.path().join("absent.toml")).unwrap_err();
        assert_eq!(IoCause::of(&missing), IoCause::NotFound);
        let folder = std::fs::read(dir.path()).unwrap_err();
        assert_eq!(IoCause::of(&folder), IoCause::IsAFolder);
        let json = serde_json::to_string(&FileProblem::unreadable(&missing)).unwrap();
        assert!(json.contains(r#""cause":"not_found""#), "{json}");
        let old: FileProblem =
            serde_json::from_str(r#"{"kind": "unreadable", "reason": "Input/output error"}"#)
                .unwrap();
        assert_eq!(
            old,
            FileProblem::Unreadable {
                cause: IoCause::Other,
                reason: "Input/output error".into()
            }
        );
    }
}
