//! Exact numbers on the path from evidence to decision: points and their display.

use std::fmt;
use std::iter::Sum;
use std::ops::Add;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A number of points: an exact decimal that is never negative.
///
/// ```
/// use cfc::Points;
/// use rust_decimal::Decimal;
/// let p = Points::new(Decimal::new(9125, 1)).unwrap();
/// assert_eq!(p.to_string(), "912.5");
/// assert!(Points::new(Decimal::NEGATIVE_ONE).is_none());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Points(Decimal);

impl Points {
    /// Zero points.
    pub const ZERO: Points = Points(Decimal::ZERO);

    /// The most points one value may carry (a maximum, a threshold, an indicator's points):
    /// 10^12. Bounded so that no sum can overflow a `Decimal` (about 7.9 × 10^28): a sum of
    /// fewer than 10^16 such values cannot, and no criteria set holds that many.
    pub const MAX: Points = Points(Decimal::from_parts(3_567_587_328, 232, 0, false, 0));

    /// Points, if the value is between 0 and [`Points::MAX`]. The value is normalised (`50.0`
    /// → `50`) so that equal scores print the same.
    pub fn new(value: Decimal) -> Option<Points> {
        ((!value.is_sign_negative() || value.is_zero()) && value <= Points::MAX.0)
            .then(|| Points(value.normalize()))
    }

    /// The exact value.
    pub fn value(self) -> Decimal {
        self.0
    }

    /// Whether this is zero.
    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }
}

impl From<u32> for Points {
    fn from(n: u32) -> Points {
        Points(Decimal::from(n))
    }
}

impl Add for Points {
    type Output = Points;
    fn add(self, rhs: Points) -> Points {
        // Whole points, most scores: the sum of the two integers is already normal. (Each is
        // below 2^96, so their sum fits an i128; one that does not fit a `Decimal` takes the
        // general path below.)
        if self.0.scale() == 0
            && rhs.0.scale() == 0
            && let Ok(sum) =
                Decimal::try_from_i128_with_scale(self.0.mantissa() + rhs.0.mantissa(), 0)
        {
            return Points(sum);
        }
        // Unreachable saturation, never a panic: operands come from `Points::new` (≤ 10^12)
        // or from sums of them, and no set has the 10^16 values that could reach the limit.
        Points(self.0.saturating_add(rhs.0).normalize())
    }
}

impl Sum for Points {
    fn sum<I: Iterator<Item = Points>>(iter: I) -> Points {
        iter.fold(Points::ZERO, Add::add)
    }
}

impl fmt::Display for Points {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Serialize for Points {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

/// In JSON, points are an exact decimal written as a string.
#[cfg(feature = "serve")]
impl utoipa::PartialSchema for Points {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        crate::base::schema::text(
            "Points: an exact decimal ≥ 0, as a string (\"912.5\").",
            Some(r"^[0-9]+(\.[0-9]+)?$"),
            None,
        )
    }
}

#[cfg(feature = "serve")]
impl utoipa::ToSchema for Points {}

impl<'de> Deserialize<'de> for Points {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Points, D::Error> {
        let value = exact::deserialize(d)?;
        Points::new(value).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "points must be between 0 and {}, got {value}",
                Points::MAX
            ))
        })
    }
}

/// Rounds half away from zero to two decimals, for display only (`rust_decimal`'s `round_dp`
/// is banker's rounding, which would print 2.345 as 2.34).
pub fn display_2dp(value: Decimal) -> String {
    let mut r = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(2);
    r.to_string()
}

/// A decimal written as text (`7.5`, `-0.25`, `12`), read exactly: digits with at most one
/// point and an optional sign, nothing else (no exponent, no spaces, no separators). `None`
/// when the text is not such a number or does not fit a decimal.
pub fn exact_decimal(text: &str) -> Option<Decimal> {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let plain = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !plain(whole) || !plain(fraction) || digits.ends_with('.') {
        return None;
    }
    // `from_str_exact` refuses what it would have to round, where `from_str` rounds silently.
    Decimal::from_str_exact(text.strip_prefix('+').unwrap_or(text)).ok()
}

/// Digits after the point of a decimal once trailing zeros are dropped: `7.50` has 1.
pub fn significant_decimals(value: Decimal) -> u32 {
    value.normalize().scale()
}

/// Decimals read from TOML or JSON without passing through `f64`: an integer or a string
/// (`900`, `"912.5"`); a float is refused because TOML floats are binary.
pub mod exact {
    use super::*;

    /// Deserialises an exact decimal from an integer or a string.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Decimal;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an integer or a decimal written as a string, e.g. 900 or \"912.5\"")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Decimal, E> {
                Ok(Decimal::from(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Decimal, E> {
                Ok(Decimal::from(v))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Decimal, E> {
                // Exactly as written, or refused: never rounded to what a decimal holds.
                exact_decimal(v.trim()).ok_or_else(|| {
                    E::custom(format!(
                        "expected a decimal number that a 96-bit decimal holds exactly (at most 28 digits after the point), found {v:?}"
                    ))
                })
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Decimal, E> {
                Err(E::custom(format!(
                    "found the float {v}: write decimals as strings (\"{v}\") so they stay exact"
                )))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_written_with_more_digits_than_a_decimal_holds_are_refused_not_rounded() {
        #[derive(serde::Deserialize)]
        struct P {
            #[allow(dead_code)]
            p: Points,
        }
        let err = toml::from_str::<P>("p = \"0.12345678901234567890123456789\"")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("holds exactly"), "{err}");
        assert!(toml::from_str::<P>("p = \"12.5\"").is_ok());
    }

    #[test]
    fn two_places_round_half_away_from_zero() {
        assert_eq!(display_2dp(Decimal::new(2345, 3)), "2.35");
        assert_eq!(display_2dp(Decimal::new(97999, 3)), "98.00");
    }

    #[test]
    fn points_normalise_and_sum_exactly() {
        let a = Points::new(Decimal::new(500, 1)).unwrap();
        let b = Points::new(Decimal::new(125, 1)).unwrap();
        assert_eq!(a.to_string(), "50");
        assert_eq!([a, b].into_iter().sum::<Points>().to_string(), "62.5");
        assert_eq!(Points::new(Decimal::ZERO).unwrap(), Points::ZERO);
        assert_eq!(Points::MAX.to_string(), "1000000000000");
        assert!(Points::new(Decimal::MAX).is_none());
        // The largest sums a set can make do not overflow.
        let many = std::iter::repeat_n(Points::MAX, 10_000).sum::<Points>();
        assert_eq!(many.to_string(), "10000000000000000");
    }

    /// Whole points are summed in integers: the same points, printed the same, as the
    /// general sum gives, up to the sums that no longer fit and take the general path.
    #[test]
    fn whole_points_sum_as_decimals_do() {
        let general = |a: Points, b: Points| Points(a.0.saturating_add(b.0).normalize());
        let wholes = [0u64, 1, 5, 50, 75, 999, 1_000_000_000_000];
        for a in wholes {
            for b in wholes {
                let (a, b) = (Points(Decimal::from(a)), Points(Decimal::from(b)));
                // The same representation, bit for bit.
                assert_eq!(
                    (a + b).0.serialize(),
                    general(a, b).0.serialize(),
                    "{a} + {b}"
                );
                assert_eq!((a + b).to_string(), general(a, b).to_string());
            }
        }
        // A whole and a fraction, and two sums beyond 96 bits, go the general way.
        let half = Points::new(Decimal::new(5, 1)).unwrap();
        assert_eq!((Points::from(50) + half).to_string(), "50.5");
        let huge = Points(Decimal::MAX);
        assert_eq!((huge + Points::from(1)).0, Decimal::MAX);
    }

    #[test]
    fn display_rounds_half_up_not_bankers() {
        assert_eq!(display_2dp(Decimal::new(2345, 3)), "2.35");
        assert_eq!(display_2dp(Decimal::new(2355, 3)), "2.36");
        assert_eq!(display_2dp(Decimal::from(98)), "98.00");
    }
}
