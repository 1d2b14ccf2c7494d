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
        self.compare_at(&Threshold::new(threshold))
    }

    /// [`Ratio::compare`] with a threshold prepared once.
    fn compare_at(&self, threshold: &Threshold) -> Option<Ordering> {
        if self.whole == 0 {
            return None;
        }
        self.compare_scaled(self.part_scaled(), threshold)
    }

    /// `part × scale`, the left side of every comparison: at most 64 + 64 bits.
    fn part_scaled(&self) -> u128 {
        u128::from(self.part) * u128::from(self.scale)
    }

    /// [`Ratio::compare_at`] of a ratio whose whole is not 0, with its
    /// [`Ratio::part_scaled`] worked out by the caller (once for a table's rows).
    fn compare_scaled(&self, part_scaled: u128, threshold: &Threshold) -> Option<Ordering> {
        against(part_scaled, threshold, self.whole)
            .or_else(|| self.compare_in_decimals(threshold.value))
    }

    /// [`Ratio::compare`] in decimals, for what does not fit [`against`]'s integers.
    fn compare_in_decimals(&self, threshold: Decimal) -> Option<Ordering> {
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

/// A threshold of a step table, with what [`against`] needs of it worked out once (when the
/// table is parsed) instead of at every comparison: its mantissa's magnitude and sign, and
/// `10^scale`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Threshold {
    value: Decimal,
    magnitude: u128,
    negative: bool,
    /// `10^scale`; `None` where it does not fit `u128` (no decimal's scale is that large).
    power: Option<u128>,
}

impl Threshold {
    pub(crate) fn new(value: Decimal) -> Threshold {
        let mantissa = value.mantissa();
        Threshold {
            value,
            magnitude: mantissa.unsigned_abs(),
            negative: mantissa < 0,
            power: 10u128.checked_pow(value.scale()),
        }
    }

    /// The threshold as written.
    pub(crate) fn value(&self) -> Decimal {
        self.value
    }
}

/// `left` against `threshold × whole` in integers, exactly, when both sides fit the 96 bits of
/// a `Decimal` — where the decimal arithmetic is exact as well, so the two always agree; `None`
/// otherwise, for the caller's decimal path. The comparison of every step of every table: in
/// integers it is a few multiplications instead of two decimal products.
fn against(left: u128, threshold: &Threshold, whole: u64) -> Option<Ordering> {
    const FITS: u128 = 1 << 96;
    let right = times(threshold.magnitude, whole).filter(|r| *r < FITS)?;
    if left >= FITS {
        return None;
    }
    if threshold.negative {
        // A negative threshold: below any count or rate.
        return Some(Ordering::Greater);
    }
    // left against right / 10^scale, as left × 10^scale against right; a product beyond
    // u128 is beyond any right side.
    let scaled = match threshold.power {
        Some(1) => Some(left),
        Some(p) => left.checked_mul(p),
        None => None,
    };
    Some(scaled.map_or(Ordering::Greater, |l| l.cmp(&right)))
}

/// `a × b`, `None` beyond `u128`: a single multiplication when `a` fits 64 bits (every
/// threshold with fewer than 20 digits), where the product cannot overflow.
fn times(a: u128, b: u64) -> Option<u128> {
    match u64::try_from(a) {
        Ok(small) => Some(u128::from(small) * u128::from(b)),
        Err(_) => a.checked_mul(u128::from(b)),
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
        self.compare_at(&Threshold::new(threshold))
    }

    /// Compares the measured value with a threshold prepared once, exactly; `None` for an n/a
    /// rate.
    pub(super) fn compare_at(&self, threshold: &Threshold) -> Option<Ordering> {
        match self {
            Measure::Rate(r) => r.compare_at(threshold),
            Measure::Count { value } => Some(
                against(u128::from(*value), threshold, 1)
                    .unwrap_or_else(|| Decimal::from(*value).cmp(&threshold.value)),
            ),
            Measure::Value(x) => Some(x.cmp(&Fraction::from_decimal(threshold.value))),
        }
    }

    /// [`Measure::compare_at`] for many thresholds, the measure's side worked out once: a step
    /// table compares one measure with each of its rows.
    pub(super) fn comparer(&self) -> impl Fn(&Threshold) -> Option<Ordering> + '_ {
        let rate = match self {
            Measure::Rate(r) if r.whole != 0 => Some((r, r.part_scaled())),
            _ => None,
        };
        move |threshold| match rate {
            Some((r, part_scaled)) => r.compare_scaled(part_scaled, threshold),
            None => self.compare_at(threshold),
        }
    }

    /// Whether the measure is *n/a* — as `compare_at` with any threshold finds, and quickly for
    /// what a year's evidence gives: a rate whose whole is not 0 and whose `part × scale` fits.
    pub(super) fn is_na(&self) -> bool {
        match self {
            Measure::Rate(r) if r.whole != 0 && r.part_scaled() < 1 << 96 => false,
            Measure::Rate(_) => self.compare_at(&Threshold::new(Decimal::ZERO)).is_none(),
            Measure::Count { .. } | Measure::Value(_) => false,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic stream of numbers (xorshift), so a failure names a case that repeats.
    fn numbers(mut x: u64) -> impl FnMut() -> u64 {
        move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        }
    }

    /// Values around every edge: zero, small counts, powers of ten, the limits of the 96 bits
    /// and of u64.
    fn edge(next: &mut impl FnMut() -> u64) -> u64 {
        const EDGES: [u64; 12] = [
            0,
            1,
            2,
            9,
            10,
            99,
            100,
            1_000,
            100_000,
            1 << 32,
            (1 << 48) - 1,
            u64::MAX,
        ];
        match next() % 4 {
            0 => EDGES[(next() % EDGES.len() as u64) as usize],
            1 => next() % 200,
            2 => next() % 1_000_000,
            _ => next() >> (next() % 64),
        }
    }

    /// The comparison in integers gives the decimal comparison's answer wherever it answers,
    /// and answers the ordinary cases: rates and counts of a year's evidence against the
    /// thresholds of step tables, whole, with decimals, negative, of any scale.
    #[test]
    fn integers_compare_as_decimals_do() {
        let mut next = numbers(0x9E37_79B9_7F4A_7C15);
        let (mut answered, mut cases) = (0, 0);
        for _ in 0..200_000 {
            let mantissa = i64::try_from(edge(&mut next) >> 1).unwrap_or(i64::MAX);
            let mantissa = if next().is_multiple_of(8) {
                -mantissa
            } else {
                mantissa
            };
            let scale = (next() % 29) as u32;
            // One in 16 beyond 64 bits, up to the 96 of a decimal's mantissa.
            let threshold = if next().is_multiple_of(16) {
                let wide = (i128::from(mantissa) << 32) | i128::from(next() as u32);
                Decimal::from_i128_with_scale(wide, scale)
            } else {
                Decimal::new(mantissa, scale)
            };
            let rate = Ratio {
                part: edge(&mut next),
                whole: edge(&mut next),
                scale: [1, 100, 1_000, 100_000][(next() % 4) as usize],
            };
            let by_decimals = rate.compare_in_decimals(threshold);
            assert_eq!(
                rate.compare(threshold),
                by_decimals,
                "{rate:?} against {threshold}"
            );
            if rate.whole != 0
                && against(
                    u128::from(rate.part) * u128::from(rate.scale),
                    &Threshold::new(threshold),
                    rate.whole,
                )
                .is_some()
            {
                answered += 1;
            }
            // Compared with many thresholds, as with one.
            let t = Threshold::new(threshold);
            for m in [
                Measure::Rate(rate.clone()),
                Measure::Count { value: rate.part },
            ] {
                assert_eq!(
                    m.comparer()(&t),
                    m.compare(threshold),
                    "{m:?} against {threshold}"
                );
            }
            // The quick answer to "n/a?" is the comparison's.
            assert_eq!(
                Measure::Rate(rate.clone()).is_na(),
                rate.compare(Decimal::ZERO).is_none(),
                "{rate:?}"
            );
            let value = edge(&mut next);
            assert_eq!(
                Measure::Count { value }.compare(threshold),
                Some(Decimal::from(value).cmp(&threshold)),
                "{value} against {threshold}"
            );
            cases += 1;
        }
        // The integers answer most cases; the rest went to the decimals, and agreed.
        assert!(answered * 2 > cases, "{answered} of {cases}");
        // The rows of the shipped tables, exactly at their thresholds.
        let at = |part, whole, t: Decimal| {
            Ratio {
                part,
                whole,
                scale: 100,
            }
            .compare(t)
        };
        assert_eq!(at(98, 100, Decimal::from(98)), Some(Ordering::Equal));
        assert_eq!(at(97999, 100_000, Decimal::from(98)), Some(Ordering::Less));
        assert_eq!(at(1, 2, Decimal::new(50, 0)), Some(Ordering::Equal));
        assert_eq!(at(1, 3, Decimal::new(3333, 2)), Some(Ordering::Greater));
        assert_eq!(at(0, 0, Decimal::ZERO), None);
    }
}
