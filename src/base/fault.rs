//! The faults of rules at run time, as data: a script that failed, an indicator that could not
//! be scored, a disqualifier's window with no days, a unit that could not be evaluated.
//!
//! They sit in the base layer, below the stages that raise them (`script`, `score`, `policy`),
//! so that a round's problem list ([`crate::base::diag::RoundProblem::NotEvaluated`]) can carry the
//! typed cause and words can say it in either language (`words::errors`). Their `Display`
//! is the English of a developer's log.

use serde::{Deserialize, Serialize};

use crate::base::date::{Date, Period};
use crate::base::points::Points;

/// The most months a decision-relative window may reach back: ten years.
pub const MAX_WINDOW_MONTHS: u16 = 120;

/// The incidents a disqualifier looks at, by date.
///
/// In a policy file: `window = "period"` (the default), `window = "previous_year"` or
/// `window = { months_before_decision = 12 }`.
///
/// ```
/// use cfc::policy::Window;
/// use cfc::{Date, Period};
/// let d = |s: &str| s.parse::<Date>().unwrap();
/// let period = Period { from: d("2024-01-01"), to: d("2024-12-31") };
/// let rolling = Window::MonthsBeforeDecision(12).span(period, Some(d("2024-12-05")))?;
/// assert_eq!((rolling.from, rolling.to), (d("2023-12-05"), d("2024-12-04")));
/// let previous = Window::PreviousYear.span(period, None)?;
/// assert_eq!((previous.from, previous.to), (d("2023-01-01"), d("2023-12-31")));
/// # Ok::<(), cfc::policy::WindowError>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub enum Window {
    /// The unit's evaluation period.
    #[default]
    Period,
    /// The calendar year before the period's year.
    PreviousYear,
    /// The N months before the round's decision date: from the same day N months earlier (or
    /// that month's last day when it is shorter) to the day before the decision date, both
    /// inclusive. N is 1 to [`MAX_WINDOW_MONTHS`].
    MonthsBeforeDecision(u16),
}

/// Why a disqualifier's window has no days to give.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, thiserror::Error, Serialize, Deserialize,
)]
#[non_exhaustive]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub enum WindowError {
    /// A decision-relative window, and no decision date to count from.
    #[error(
        "its window is the {months} months before the round's decision date, but no decision date was given"
    )]
    NoDecisionDate {
        /// The window's months.
        months: u16,
    },
    /// The window would begin before the calendar's first day (0000-01-01).
    #[error("its window ({window}) would begin before 0000-01-01")]
    BeforeCalendar {
        /// The window.
        window: Window,
    },
}

impl Window {
    /// The days the window covers, for a unit's evaluation period and the round's decision
    /// date (needed only by [`Window::MonthsBeforeDecision`]).
    pub fn span(self, period: Period, decision: Option<Date>) -> Result<Period, WindowError> {
        let before_calendar = || WindowError::BeforeCalendar { window: self };
        match self {
            Window::Period => Ok(period),
            Window::PreviousYear => period
                .from
                .year()
                .checked_sub(1)
                .map(Period::year)
                .ok_or_else(before_calendar),
            Window::MonthsBeforeDecision(months) => {
                let decision = decision.ok_or(WindowError::NoDecisionDate { months })?;
                match (decision.months_earlier(months), decision.day_before()) {
                    (Some(from), Some(to)) => Ok(Period { from, to }),
                    _ => Err(before_calendar()),
                }
            }
        }
    }
}

impl std::fmt::Display for Window {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Window::Period => write!(f, "the evaluation period"),
            Window::PreviousYear => write!(f, "the previous calendar year"),
            Window::MonthsBeforeDecision(n) => write!(f, "the {n} months before the decision date"),
        }
    }
}

/// A failure inside a script, located in the script file.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, thiserror::Error, Serialize, Deserialize,
)]
#[error("{path}:{line}:{column}: {message}")]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub struct ScriptError {
    /// The script file.
    pub path: String,
    /// 1-based line in the script (1 when rhai gave no position).
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What went wrong.
    pub message: String,
}

/// Why a unit could not be scored: always a fault of the criteria set, not of the evidence.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, thiserror::Error, Serialize, Deserialize,
)]
#[non_exhaustive]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub enum ScoreError {
    /// A script failed while running.
    #[error("indicator {indicator}: {error}")]
    Script {
        /// The indicator.
        indicator: String,
        /// Where and why.
        error: ScriptError,
    },
    /// A script returned points outside [0, max]; never clamped.
    #[error("{script}: indicator {indicator} gave {points} points, outside [0, {max}]")]
    OutOfRange {
        /// The indicator.
        indicator: String,
        /// Its script.
        script: String,
        /// What it returned.
        points: String,
        /// Its maximum.
        max: Points,
    },
    /// The evidence was validated against another criteria set.
    #[error("the evidence was validated against criteria set {found}, not {expected}")]
    WrongCriteriaSet {
        /// The evaluator's set.
        expected: String,
        /// The evidence's set.
        found: String,
    },
}

/// Why a unit could not be evaluated: a fault of the criteria set or policy, not of the evidence.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, thiserror::Error, Serialize, Deserialize,
)]
#[non_exhaustive]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub enum EvalError {
    /// An indicator could not be scored.
    #[error(transparent)]
    Score(#[from] ScoreError),
    /// A disqualifier's condition failed.
    #[error("disqualifier {disqualifier}: {error}")]
    Disqualifier {
        /// The disqualifier.
        disqualifier: String,
        /// Where and why.
        error: ScriptError,
    },
    /// A disqualifier's window has no days to give (no decision date to count from).
    #[error("disqualifier {disqualifier}: {error}")]
    Window {
        /// The disqualifier.
        disqualifier: String,
        /// Why.
        error: WindowError,
    },
}
