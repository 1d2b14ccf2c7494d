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
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
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
        // Whole points, most of them: already normal, and bounded by comparing integers.
        if value.scale() == 0 && !value.is_sign_negative() {
            return (value.mantissa() <= Points::MAX.0.mantissa()).then_some(Points(value));
        }
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

impl Ord for Points {
    fn cmp(&self, other: &Points) -> std::cmp::Ordering {
        // At one scale the mantissas order as the values do, without the decimal's rescaling
        // (whole points against a whole maximum or threshold, most comparisons).
        if self.0.scale() == other.0.scale() {
            self.0.mantissa().cmp(&other.0.mantissa())
        } else {
            self.0.cmp(&other.0)
        }
    }
}

impl PartialOrd for Points {
    fn partial_cmp(&self, other: &Points) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
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
        // Whole points, most sums: added as integers and made a decimal once. The first value
        // that is not whole, or a sum past a decimal's 96 bits, continues in decimals from
        // there with `Add`, so the result is the fold's, value for value.
        const FITS: u128 = 1 << 96;
        let mut iter = iter;
        let mut whole: u128 = 0;
        for p in iter.by_ref() {
            if p.0.scale() == 0 {
                // Both below 2^96: no u128 overflow.
                let sum = whole + p.0.mantissa().unsigned_abs();
                if sum < FITS {
                    whole = sum;
                    continue;
                }
            }
            return iter.fold(Points::whole(whole) + p, Add::add);
        }
        Points::whole(whole)
    }
}

impl Points {
    /// A whole number of points below 2^96, as [`Sum`] keeps them.
    fn whole(n: u128) -> Points {
        let exact = i128::try_from(n)
            .ok()
            .and_then(|n| Decimal::try_from_i128_with_scale(n, 0).ok());
        // Unreachable fallback: `sum` keeps `n` below 2^96.
        Points(exact.unwrap_or(Decimal::MAX))
    }
}

impl Points {
    /// Appends the points as `Display` writes them: whole points digit by digit, without the
    /// formatter that every reason of every unit otherwise goes through.
    pub(crate) fn push_to(&self, out: &mut String) {
        match u64::try_from(self.0.mantissa()) {
            Ok(n) if self.0.scale() == 0 => push_whole(out, n),
            _ => {
                use fmt::Write;
                // Writing into a `String` cannot fail.
                let _ = write!(out, "{self}");
            }
        }
    }
}

/// Appends `n` in decimal digits, as `Display` writes a `u64`.
pub(crate) fn push_whole(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        // `n % 10` is a digit.
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // ASCII digits.
    out.push_str(std::str::from_utf8(&digits[at..]).unwrap_or_default());
}

impl fmt::Display for Points {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Whole points print as the integer they are, padded as the decimal pads them; the
        // decimal's own printing divides by ten digit by digit. A precision is the decimal's.
        if self.0.scale() == 0
            && self.0.is_sign_positive()
            && f.precision().is_none()
            && let Ok(n) = u64::try_from(self.0.mantissa())
        {
            return fmt::Display::fmt(&n, f);
        }
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

    /// Points appended by `push_to` read as `Display` writes them: whole and not, of every
    /// scale, up to the largest mantissa.
    #[test]
    fn points_pushed_are_points_displayed() {
        let mantissas = [
            0i128,
            1,
            9,
            10,
            99,
            100,
            1000,
            912_500,
            (1 << 64) - 1,
            1 << 64,
            (1 << 96) - 1,
        ];
        for m in mantissas {
            for scale in [0, 1, 2, 5, 28] {
                let Some(points) = Decimal::try_from_i128_with_scale(m, scale)
                    .ok()
                    .and_then(Points::new)
                else {
                    continue;
                };
                let mut pushed = String::from("x");
                points.push_to(&mut pushed);
                assert_eq!(pushed, format!("x{points}"), "{m} at scale {scale}");
            }
        }
        for n in [0, 7, 10, 4_294_967_296, u64::MAX] {
            let mut pushed = String::new();
            push_whole(&mut pushed, n);
            assert_eq!(pushed, n.to_string());
        }
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

    /// Values of every shape the fast paths distinguish: whole and not, each scale, zero
    /// written with a scale, the bounds.
    fn shapes() -> Vec<Decimal> {
        let mut out = Vec::new();
        for m in [
            0i64,
            1,
            5,
            9,
            10,
            49,
            50,
            51,
            100,
            125,
            999,
            1_000_000_000_000,
        ] {
            for scale in [0, 1, 2, 3, 12] {
                out.push(Decimal::new(m, scale));
            }
        }
        out.extend([
            Points::MAX.0,
            Decimal::MAX,
            Decimal::NEGATIVE_ONE,
            -Decimal::ZERO,
        ]);
        out.push(Decimal::from_i128_with_scale((1 << 96) - 1, 0));
        out.push(Decimal::new(1_000_000_000_001, 0));
        out
    }

    /// The general paths the fast ones must equal.
    fn new_in_decimals(value: Decimal) -> Option<Points> {
        ((!value.is_sign_negative() || value.is_zero()) && value <= Points::MAX.0)
            .then(|| Points(value.normalize()))
    }

    /// `new` takes whole values without normalising or comparing decimals: the same points,
    /// bit for bit, and the same refusals, as the general path.
    #[test]
    fn new_takes_whole_values_as_the_general_path_does() {
        for value in shapes() {
            assert_eq!(
                Points::new(value).map(|p| p.0.serialize()),
                new_in_decimals(value).map(|p| p.0.serialize()),
                "{value}"
            );
        }
    }

    /// Points compare as their decimals do, at one scale and across scales.
    #[test]
    fn points_order_as_their_decimals_do() {
        // Not normalised on purpose: `50.0` against `50` is the cross-scale path.
        let all: Vec<Points> = shapes()
            .into_iter()
            .filter(|d| !d.is_sign_negative())
            .map(Points)
            .collect();
        for a in &all {
            for b in &all {
                assert_eq!(a.cmp(b), a.0.cmp(&b.0), "{} against {}", a.0, b.0);
                assert_eq!(a.partial_cmp(b), Some(a.0.cmp(&b.0)));
            }
        }
    }

    /// A sum in integers equals the fold of `Add` bit for bit: all whole, whole then a
    /// fraction then whole again, and sums that pass 96 bits.
    #[test]
    fn sums_equal_the_fold_of_add() {
        let fold = |ps: &[Points]| ps.iter().copied().fold(Points::ZERO, Add::add);
        let valid: Vec<Points> = shapes().into_iter().filter_map(Points::new).collect();
        for a in &valid {
            for b in &valid {
                for c in &valid {
                    let ps = [*a, *b, *c, *a];
                    let sum: Points = ps.iter().copied().sum();
                    assert_eq!(sum.0.serialize(), fold(&ps).0.serialize(), "{ps:?}");
                }
            }
        }
        let huge = Points(Decimal::from_i128_with_scale((1 << 96) - 1, 0));
        for ps in [
            vec![huge, Points::from(1)],
            vec![
                Points::from(1),
                huge,
                Points::from(2),
                Points::new(Decimal::new(5, 1)).unwrap(),
            ],
            vec![Points::new(Decimal::new(5, 1)).unwrap(), huge, huge],
        ] {
            let sum: Points = ps.iter().copied().sum();
            assert_eq!(sum.0.serialize(), fold(&ps).0.serialize(), "{ps:?}");
        }
    }

    /// Whole points print as the decimal prints them, under every width, fill, alignment,
    /// sign and precision a format may ask for.
    #[test]
    fn whole_points_print_as_their_decimal_does() {
        for value in [0u32, 7, 50, 1000] {
            let (p, d) = (Points::from(value), Decimal::from(value));
            let pairs = [
                (format!("{p}"), format!("{d}")),
                (format!("{p:>6}"), format!("{d:>6}")),
                (format!("{p:<6}|"), format!("{d:<6}|")),
                (format!("{p:^7}"), format!("{d:^7}")),
                (format!("{p:*>8}"), format!("{d:*>8}")),
                (format!("{p:+}"), format!("{d:+}")),
                (format!("{p:06}"), format!("{d:06}")),
                (format!("{p:.2}"), format!("{d:.2}")),
                (format!("{p:8.1}"), format!("{d:8.1}")),
            ];
            for (ours, theirs) in pairs {
                assert_eq!(ours, theirs);
            }
        }
        assert_eq!(Points::MAX.to_string(), Points::MAX.0.to_string());
    }

    #[test]
    fn display_rounds_half_up_not_bankers() {
        assert_eq!(display_2dp(Decimal::new(2345, 3)), "2.35");
        assert_eq!(display_2dp(Decimal::new(2355, 3)), "2.36");
        assert_eq!(display_2dp(Decimal::from(98)), "98.00");
    }
}
