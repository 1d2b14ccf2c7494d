//! What a script measured: a rate, a count or a computed value, exact, with its display.

use std::cmp::Ordering;

use rhai::EvalAltResult;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::exact::{Fraction, RoundingRule};
use crate::base::points::display_2dp;

/// What a script function returns: a value, or the error rhai reports at the call.
pub(super) type Fallible<T> = Result<T, Box<EvalAltResult>>;

/// A rate: `part × scale / whole`, exact; *n/a* when `whole` is 0.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ratio {
    /// The counted part.
    pub part: u64,
    /// The whole it is a part of.
    pub whole: u64,
    /// 100 for a percentage, 1 000 or 100 000 for a ratio per so many children.
    pub scale: u64,
}

impl Ratio {
    /// The exact value, or `None` when the whole is 0.
    ///
    /// Checked arithmetic: `per` refuses a rate whose `part × scale` does not fit a `Decimal`,
    /// and a rate read back from a file that does not fit is also `None`, never a panic.
    pub fn value(&self) -> Option<Decimal> {
        if self.whole == 0 {
            return None;
        }
        Decimal::from(self.part)
            .checked_mul(Decimal::from(self.scale))?
            .checked_div(Decimal::from(self.whole))
            .map(|v| v.normalize())
    }

    /// The exact value as a fraction, or `None` when the whole is 0.
    pub fn exact(&self) -> Option<Fraction> {
        let scaled = i128::from(self.part).checked_mul(i128::from(self.scale))?;
        Fraction::new(scaled, i128::from(self.whole)).ok()
    }

    /// The value rounded half-up to 2 decimals, for display only (`None` when n/a).
    pub fn display(&self) -> Option<String> {
        self.value().map(display_2dp)
    }

    /// Compares the exact value with a threshold by cross-multiplication
    /// (`part × scale` against `threshold × whole`), so no division rounds it; `None` when n/a.
    pub fn compare(&self, threshold: Decimal) -> Option<Ordering> {
        if self.whole == 0 {
            return None;
        }
        let left = Decimal::from(self.part).checked_mul(Decimal::from(self.scale));
        let right = threshold.checked_mul(Decimal::from(self.whole));
        match (left, right) {
            (Some(l), Some(r)) => Some(l.cmp(&r)),
            // Beyond 96 bits: fall back to the 28-digit quotient.
            _ => self.value().map(|v| v.cmp(&threshold)),
        }
    }
}

/// What an indicator script measured, for the trace.
///
/// Only the facts are stored; the exact value and its display are derived when the trace is
/// serialised (as `exact` and `display`), so they cannot disagree with the facts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "MeasureRepr", from = "MeasureRepr")]
#[non_exhaustive]
pub enum Measure {
    /// A rate from `pct` or `per`.
    Rate(Ratio),
    /// A plain count compared against steps.
    Count {
        /// The count.
        value: u64,
    },
    /// A value the script computed (a decimal or an exact fraction).
    Value(Fraction),
}

impl Measure {
    /// Compares the measured value with a threshold, exactly; `None` for an n/a rate.
    pub(super) fn compare(&self, threshold: Decimal) -> Option<Ordering> {
        match self {
            Measure::Rate(r) => r.compare(threshold),
            Measure::Count { value } => Some(Decimal::from(*value).cmp(&threshold)),
            Measure::Value(x) => Some(x.cmp(&Fraction::from_decimal(threshold))),
        }
    }
}

/// A computed value rounded half-up to 2 decimals, for display only; `None` beyond a decimal.
fn display_value(x: Fraction) -> Option<String> {
    let hundredth = Fraction::new(1, 100).ok()?;
    x.round_to(hundredth, RoundingRule::HalfUp)
        .ok()?
        .to_decimal()
        .map(display_2dp)
}

/// The serialised form of [`Measure`], with the derived values spelt out for readers.
#[derive(Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
enum MeasureRepr {
    Rate {
        part: u64,
        whole: u64,
        scale: u64,
        #[serde(default)]
        exact: Option<Decimal>,
        #[serde(default)]
        display: Option<String>,
    },
    Count {
        value: u64,
    },
    Value {
        exact: Fraction,
        #[serde(default)]
        display: Option<String>,
    },
}

/// In JSON a measure is written as its private representation: so is its schema.
#[cfg(feature = "serve")]
impl utoipa::PartialSchema for Measure {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        <MeasureRepr as utoipa::PartialSchema>::schema()
    }
}

#[cfg(feature = "serve")]
impl utoipa::ToSchema for Measure {}

impl From<Measure> for MeasureRepr {
    fn from(m: Measure) -> MeasureRepr {
        match m {
            Measure::Rate(r) => MeasureRepr::Rate {
                exact: r.value(),
                display: r.display(),
                part: r.part,
                whole: r.whole,
                scale: r.scale,
            },
            Measure::Count { value } => MeasureRepr::Count { value },
            Measure::Value(exact) => MeasureRepr::Value {
                display: display_value(exact),
                exact,
            },
        }
    }
}

impl From<MeasureRepr> for Measure {
    fn from(m: MeasureRepr) -> Measure {
        match m {
            MeasureRepr::Rate {
                part, whole, scale, ..
            } => Measure::Rate(Ratio { part, whole, scale }),
            MeasureRepr::Count { value } => Measure::Count { value },
            MeasureRepr::Value { exact, .. } => Measure::Value(exact),
        }
    }
}
