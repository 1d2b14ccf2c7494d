//! A round folder is wrong: its `round.toml`, its list of units, its files.

use serde::{Deserialize, Serialize};

use super::IoCause;
use super::rules::Severity;
use crate::base::date::Date;

/// Which rule file `round.toml` names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub enum RuleFile {
    /// The criteria set (`criteria = …`).
    Criteria,
    /// The policy (`policy = …`).
    Policy,
}

/// A round folder is wrong: its `round.toml`, its list of units, its files.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub enum RoundProblem {
    /// The rule file `round.toml` names cannot be opened.
    RuleFileUnreadable {
        /// Which rule file.
        rule: RuleFile,
        /// The path, as resolved from the round folder.
        path: String,
        /// The value as `round.toml` writes it.
        #[serde(default)]
        written: String,
        /// The ids of the sets of this kind shipped inside cfc, which a round may name instead.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        shipped: Vec<String>,
        /// Why, as far as the engine can tell.
        #[serde(default)]
        cause: IoCause,
        /// The operating system's words, said only when the cause is [`IoCause::Other`].
        reason: String,
    },
    /// The rule file `round.toml` names has problems of its own, each located in it: this one
    /// says which file the round named, and how it was found.
    RuleFileInvalid {
        /// Which rule file.
        rule: RuleFile,
        /// The value as `round.toml` writes it.
        written: String,
        /// The file it was resolved to (`cfc:…` for a set shipped inside cfc).
        path: String,
        /// How many problems it has.
        problems: usize,
    },
    /// The criteria set is in force on no day of the round's year.
    OutsideEffect {
        /// The set's id.
        criteria: String,
        /// Its first day in force.
        effective: Date,
        /// Its last day in force, if it has one.
        until: Option<Date>,
        /// The round's year.
        year: u16,
    },
    /// A file whose name ends in `.TOML` (or another case): it is not read.
    UpperCaseExtension,
    /// A folder named like an evidence file.
    FolderNamedLikeEvidence,
    /// An entry named like an evidence file that is not a regular file.
    NotRegularFile,
    /// A symbolic link to a file that cannot be read.
    BrokenLink {
        /// Why, as far as the engine can tell.
        #[serde(default)]
        cause: IoCause,
        /// The operating system's words, said only when the cause is [`IoCause::Other`].
        reason: String,
    },
    /// Two or more evidence files claim one unit code: none is evaluated.
    DuplicateCode {
        /// The code.
        code: String,
        /// The other files that claim it.
        others: Vec<String>,
    },
    /// `province` is not a province code of the official list.
    UnknownProvince {
        /// The code written.
        code: String,
        /// The day the official list is in force from, as it says.
        in_force: String,
    },
    /// A unit of the province has no evidence file.
    NoEvidenceFile {
        /// The unit's code.
        code: String,
        /// Its official name.
        name: String,
        /// Its kind id.
        unit_kind: String,
        /// The province's name.
        province: String,
    },
    /// A unit code not in the official list.
    NotInOfficialList {
        /// The code written.
        code: String,
        /// The day the official list is in force from, as it says.
        in_force: String,
        /// The round's province's name.
        province: String,
    },
    /// A unit code of another province.
    OtherProvince {
        /// The code written.
        code: String,
        /// The unit's official name.
        name: String,
        /// The name of the province it belongs to.
        belongs_to: String,
        /// The round's province's name.
        province: String,
    },
    /// A unit name that is not the official name of its code.
    NotOfficialName {
        /// The name written.
        found: String,
        /// The code.
        code: String,
        /// The official name.
        official: String,
        /// The official name without its kind word.
        short: String,
    },
    /// A unit kind other than the official list's.
    NotOfficialKind {
        /// The kind written.
        found: String,
        /// The code.
        code: String,
        /// The official name.
        name: String,
        /// The official kind, in the list's words.
        kind_word: String,
        /// The official kind's id.
        expected: String,
    },
    /// A unit could not be evaluated (a script failed at run time); the other units were.
    NotEvaluated {
        /// The unit's code.
        unit: String,
        /// Why: which rule failed, where in its script, and how.
        cause: crate::base::fault::EvalError,
    },
    /// `decision_date` is before the round's year: a decision cannot come before the year it
    /// decides about, and a window counted back from it would look at the wrong year.
    DecisionBeforeYear {
        /// The decision date.
        date: Date,
        /// The round's year.
        year: u16,
    },
    /// `decision_date` is in a later year than the round's (a late decision, or a typo).
    DecisionAfterYear {
        /// The decision date.
        date: Date,
        /// The round's year.
        year: u16,
    },
    /// `decision_date` is before the end of units' evaluation periods, and a disqualifier
    /// looks at the months before the decision: incidents of the last days of the period are
    /// in none of its windows.
    DecisionBeforePeriodEnd {
        /// The decision date.
        date: Date,
        /// The latest end of an evaluation period.
        period_end: Date,
        /// How many units' periods end after the decision date.
        units: usize,
        /// The disqualifier whose window is counted from the decision.
        disqualifier: String,
        /// Its months.
        months: u16,
    },
}

impl RoundProblem {
    /// An error, or a warning where the setting may be what the council meant.
    pub fn severity(&self) -> Severity {
        match self {
            RoundProblem::DecisionAfterYear { .. }
            | RoundProblem::DecisionBeforePeriodEnd { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }
}
