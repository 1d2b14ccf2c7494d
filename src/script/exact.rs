//! Exact fractions: every intermediate value of a script's arithmetic, never rounded before a
//! rounding function says so.
//!
//! A [`Fraction`] is `num / den` in `i128`, kept in lowest terms with a positive denominator,
//! so equal values have one representation. Every operation is checked: a result that does not
//! fit is an [`ExactError`], never a panic and never a silently rounded value. Comparisons
//! never overflow (they fall back to continued fractions when cross-products would).

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Why an exact computation could not be done.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ExactError {
    /// A numerator or denominator went beyond `i128` (about 1.7 × 10^38).
    #[error("too large to compute exactly")]
    TooLarge,
    /// A division by zero.
    #[error("division by zero")]
    DivisionByZero,
}

/// An exact rational number in lowest terms (`den > 0`, `gcd(num, den) = 1`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Fraction {
    num: i128,
    den: i128,
}

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    // Operands are never i128::MIN (see `Fraction::new`), so the gcd fits.
    a as i128
}

impl Fraction {
    /// Zero.
    pub const ZERO: Fraction = Fraction { num: 0, den: 1 };
    /// One.
    pub const ONE: Fraction = Fraction { num: 1, den: 1 };

    /// `num / den` in lowest terms.
    pub fn new(num: i128, den: i128) -> Result<Fraction, ExactError> {
        if den == 0 {
            return Err(ExactError::DivisionByZero);
        }
        // i128::MIN has no positive counterpart: refused so that negation never overflows.
        if num == i128::MIN || den == i128::MIN {
            return Err(ExactError::TooLarge);
        }
        Ok(if den < 0 {
            Fraction::reduced(-num, -den)
        } else {
            Fraction::reduced(num, den)
        })
    }

    /// `num / den` in lowest terms, for `den > 0` and `num > i128::MIN`.
    fn reduced(num: i128, den: i128) -> Fraction {
        let g = gcd(num, den);
        Fraction {
            num: num / g,
            den: den / g,
        }
    }

    /// A whole number.
    pub fn from_int(n: i64) -> Fraction {
        Fraction {
            num: i128::from(n),
            den: 1,
        }
    }

    /// A decimal, exactly: its mantissa over 10^scale (at most 2^96 over 10^28, so it fits).
    pub fn from_decimal(d: Decimal) -> Fraction {
        Fraction::reduced(d.mantissa(), 10_i128.pow(d.scale()))
    }

    /// The numerator (carries the sign).
    pub fn numer(self) -> i128 {
        self.num
    }

    /// The denominator (always positive).
    pub fn denom(self) -> i128 {
        self.den
    }

    /// Whether this is a whole number.
    pub fn is_integer(self) -> bool {
        self.den == 1
    }

    /// The sum.
    pub fn checked_add(self, rhs: Fraction) -> Result<Fraction, ExactError> {
        let g = gcd(self.den, rhs.den);
        let (l, r) = (self.den / g, rhs.den / g);
        let num = self
            .num
            .checked_mul(r)
            .zip(rhs.num.checked_mul(l))
            .and_then(|(a, b)| a.checked_add(b))
            .ok_or(ExactError::TooLarge)?;
        let den = self.den.checked_mul(r).ok_or(ExactError::TooLarge)?;
        Fraction::new(num, den)
    }

    /// The difference.
    pub fn checked_sub(self, rhs: Fraction) -> Result<Fraction, ExactError> {
        self.checked_add(rhs.checked_neg()?)
    }

    /// The product, cross-reduced first so that intermediate values stay small.
    pub fn checked_mul(self, rhs: Fraction) -> Result<Fraction, ExactError> {
        let g1 = gcd(self.num, rhs.den);
        let g2 = gcd(rhs.num, self.den);
        if g1 == 0 || g2 == 0 {
            // One numerator is 0 (gcd(0, d) = d > 0 otherwise).
            return Ok(Fraction::ZERO);
        }
        let num = (self.num / g1)
            .checked_mul(rhs.num / g2)
            .ok_or(ExactError::TooLarge)?;
        let den = (self.den / g2)
            .checked_mul(rhs.den / g1)
            .ok_or(ExactError::TooLarge)?;
        Fraction::new(num, den)
    }

    /// The quotient.
    pub fn checked_div(self, rhs: Fraction) -> Result<Fraction, ExactError> {
        self.checked_mul(rhs.recip()?)
    }

    /// `1 / self`.
    pub fn recip(self) -> Result<Fraction, ExactError> {
        Fraction::new(self.den, self.num)
    }

    /// `-self`.
    pub fn checked_neg(self) -> Result<Fraction, ExactError> {
        // `num` is never i128::MIN, so this cannot overflow; checked all the same.
        let num = self.num.checked_neg().ok_or(ExactError::TooLarge)?;
        Ok(Fraction { num, den: self.den })
    }

    /// Whether this is below zero.
    pub fn is_negative(self) -> bool {
        self.num < 0
    }

    /// The value as `(mantissa, scale)` with the fewest decimals that write it exactly, when
    /// its decimal expansion ends (the denominator has no prime factor but 2 and 5) and fits.
    fn decimal_parts(self) -> Option<(i128, u32)> {
        let (mut twos, mut fives, mut rest) = (0u32, 0u32, self.den);
        while rest % 2 == 0 {
            rest /= 2;
            twos += 1;
        }
        while rest % 5 == 0 {
            rest /= 5;
            fives += 1;
        }
        if rest != 1 {
            return None;
        }
        let scale = twos.max(fives);
        let factor = 2_i128
            .checked_pow(scale - twos)?
            .checked_mul(5_i128.checked_pow(scale - fives)?)?;
        Some((self.num.checked_mul(factor)?, scale))
    }

    /// The value as a decimal, when it is one exactly (and fits `rust_decimal`'s 96 bits and
    /// 28 decimals); `None` otherwise — never a rounded value.
    pub fn to_decimal(self) -> Option<Decimal> {
        let (mantissa, scale) = self.decimal_parts()?;
        Decimal::try_from_i128_with_scale(mantissa, scale).ok()
    }

    /// Rounds to a multiple of `step` (> 0) by `rule`.
    pub fn round_to(self, step: Fraction, rule: RoundingRule) -> Result<Fraction, ExactError> {
        let multiples = self.checked_div(step)?;
        Fraction::new(multiples.round_integer(rule), 1)?.checked_mul(step)
    }

    /// The nearest whole number by `rule`.
    fn round_integer(self, rule: RoundingRule) -> i128 {
        let floor = self.num.div_euclid(self.den);
        let rem = self.num.rem_euclid(self.den);
        if rem == 0 {
            return floor;
        }
        // `den ≥ 2` here, so |floor| ≤ i128::MAX / 2 and `floor + 1` cannot overflow.
        let ceil = floor + 1;
        let negative = self.num < 0;
        // `rem` against `den - rem`: which of floor and ceil is nearer, without `2 × rem`.
        let half = rem.cmp(&(self.den - rem));
        match (rule, half) {
            (RoundingRule::Down, _) => {
                if negative {
                    ceil
                } else {
                    floor
                }
            }
            (RoundingRule::Up, _) => {
                if negative {
                    floor
                } else {
                    ceil
                }
            }
            (_, Ordering::Less) => floor,
            (_, Ordering::Greater) => ceil,
            (RoundingRule::HalfUp, Ordering::Equal) => {
                if negative {
                    floor
                } else {
                    ceil
                }
            }
            (RoundingRule::HalfEven, Ordering::Equal) => {
                if floor % 2 == 0 {
                    floor
                } else {
                    ceil
                }
            }
        }
    }
}

/// How a rounding function breaks the tie between the two nearest multiples.
///
/// Serialised as the name of its script function (`round_half_up`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub enum RoundingRule {
    /// The nearer multiple; halves away from zero (2.25 → 2.5 to a step of 0.5).
    #[serde(rename = "round_half_up")]
    HalfUp,
    /// The nearer multiple; halves to the even multiple (2.5 → 2, 3.5 → 4).
    #[serde(rename = "round_half_even")]
    HalfEven,
    /// Towards zero (2.9 → 2).
    #[serde(rename = "round_down")]
    Down,
    /// Away from zero (2.1 → 3).
    #[serde(rename = "round_up")]
    Up,
}

impl RoundingRule {
    /// Every rule with the name of its script function.
    pub const ALL: [(RoundingRule, &'static str); 4] = [
        (RoundingRule::HalfUp, "round_half_up"),
        (RoundingRule::HalfEven, "round_half_even"),
        (RoundingRule::Down, "round_down"),
        (RoundingRule::Up, "round_up"),
    ];

    /// The name of the script function that rounds by this rule.
    pub fn function(self) -> &'static str {
        RoundingRule::ALL
            .iter()
            .find(|(r, _)| *r == self)
            .map_or("", |(_, name)| name)
    }
}

impl From<i64> for Fraction {
    fn from(n: i64) -> Fraction {
        Fraction::from_int(n)
    }
}

impl From<Decimal> for Fraction {
    fn from(d: Decimal) -> Fraction {
        Fraction::from_decimal(d)
    }
}

impl Ord for Fraction {
    fn cmp(&self, other: &Fraction) -> Ordering {
        if let (Some(l), Some(r)) = (
            self.num.checked_mul(other.den),
            other.num.checked_mul(self.den),
        ) {
            return l.cmp(&r);
        }
        // Cross-products beyond i128: compare whole parts, then the remainders by their
        // reciprocals (a continued-fraction expansion), which only ever shrinks the numbers.
        let (mut a, mut b, mut c, mut d) = (self.num, self.den, other.num, other.den);
        let mut flipped = false;
        loop {
            let (qa, ra) = (a.div_euclid(b), a.rem_euclid(b));
            let (qc, rc) = (c.div_euclid(d), c.rem_euclid(d));
            let order = match (qa.cmp(&qc), ra == 0, rc == 0) {
                (Ordering::Equal, true, true) => Ordering::Equal,
                (Ordering::Equal, true, false) => Ordering::Less,
                (Ordering::Equal, false, true) => Ordering::Greater,
                (Ordering::Equal, false, false) => {
                    // ra/b against rc/d (both in (0, 1)) is d/rc against b/ra, reversed.
                    (a, b, c, d) = (b, ra, d, rc);
                    flipped = !flipped;
                    continue;
                }
                (order, _, _) => order,
            };
            return if flipped { order.reverse() } else { order };
        }
    }
}

impl PartialOrd for Fraction {
    fn partial_cmp(&self, other: &Fraction) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A decimal when the expansion ends (`2.25`, `-0.5`, `3`), else `num/den` (`1/3`).
impl fmt::Display for Fraction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some((mantissa, scale)) = self.decimal_parts() else {
            return write!(f, "{}/{}", self.num, self.den);
        };
        if scale == 0 {
            return write!(f, "{mantissa}");
        }
        let digits = mantissa.unsigned_abs().to_string();
        let scale = scale as usize;
        let digits = format!("{digits:0>width$}", width = scale + 1);
        let (whole, frac) = digits.split_at(digits.len() - scale);
        let sign = if mantissa < 0 { "-" } else { "" };
        write!(f, "{sign}{whole}.{frac}")
    }
}

/// Why a text is not a fraction.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("expected a decimal (2.25) or a fraction (9/4), found {0:?}")]
pub struct ParseFractionError(pub(crate) String);

impl FromStr for Fraction {
    type Err = ParseFractionError;

    /// Reads what [`Display`](fmt::Display) writes: `2.25`, `-3` or `1/3`.
    fn from_str(s: &str) -> Result<Fraction, ParseFractionError> {
        let bad = || ParseFractionError(s.to_string());
        match s.split_once('/') {
            Some((n, d)) => {
                let n = n.trim().parse::<i128>().map_err(|_| bad())?;
                let d = d.trim().parse::<i128>().map_err(|_| bad())?;
                Fraction::new(n, d).map_err(|_| bad())
            }
            None => crate::base::points::exact_decimal(s.trim())
                .map(Fraction::from_decimal)
                .ok_or_else(bad),
        }
    }
}

impl Serialize for Fraction {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// In JSON a fraction is its text: a decimal, or `n/d` in lowest terms.
#[cfg(feature = "serve")]
impl utoipa::PartialSchema for Fraction {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        crate::base::schema::text(
            "An exact number: a decimal (\"97.96\") or a fraction in lowest terms (\"4800/49\").",
            Some(r"^-?[0-9]+(\.[0-9]+|/[0-9]+)?$"),
            None,
        )
    }
}

#[cfg(feature = "serve")]
impl utoipa::ToSchema for Fraction {}

impl<'de> Deserialize<'de> for Fraction {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Fraction, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(n: i128, d: i128) -> Fraction {
        Fraction::new(n, d).unwrap()
    }

    #[test]
    fn lowest_terms_and_a_positive_denominator() {
        assert_eq!(f(6, -4), f(-3, 2));
        assert_eq!((f(6, -4).numer(), f(6, -4).denom()), (-3, 2));
        assert_eq!(f(0, -7), Fraction::ZERO);
        assert_eq!(Fraction::new(1, 0), Err(ExactError::DivisionByZero));
        assert_eq!(Fraction::new(i128::MIN, 1), Err(ExactError::TooLarge));
    }

    #[test]
    fn the_interpolation_that_rounded_wrong_is_exact() {
        // (r − 20) / (60 − 20) × 3.5 with r = 16 × 100 / 35: exactly 2.25.
        let r = f(1600, 35);
        let x = r
            .checked_sub(20.into())
            .and_then(|v| v.checked_div(40.into()))
            .and_then(|v| v.checked_mul(Decimal::new(35, 1).into()))
            .unwrap();
        assert_eq!(x, f(9, 4));
        assert_eq!(x.to_decimal(), Some(Decimal::new(225, 2)));
        let half = Fraction::from_decimal(Decimal::new(5, 1));
        assert_eq!(
            x.round_to(half, RoundingRule::HalfUp).unwrap(),
            Fraction::from_decimal(Decimal::new(25, 1))
        );
    }

    #[test]
    fn rounding_rules_break_ties_as_named() {
        let one = Fraction::ONE;
        let cases = [
            // value, half up, half even, down, up
            (f(5, 2), [3, 2, 2, 3]),
            (f(7, 2), [4, 4, 3, 4]),
            (f(-5, 2), [-3, -2, -2, -3]),
            (f(21, 10), [2, 2, 2, 3]),
            (f(29, 10), [3, 3, 2, 3]),
            (f(-29, 10), [-3, -3, -2, -3]),
            (f(4, 1), [4, 4, 4, 4]),
            (f(1, 3), [0, 0, 0, 1]),
        ];
        for (x, expected) in cases {
            for ((rule, name), want) in RoundingRule::ALL.into_iter().zip(expected) {
                assert_eq!(x.round_to(one, rule).unwrap(), want.into(), "{name}({x})");
            }
        }
        // To a step: 2.25 → 2.5 half up, 2 half even; 0.26 to 0.25 steps → 0.25.
        let half = f(1, 2);
        assert_eq!(
            f(9, 4).round_to(half, RoundingRule::HalfEven).unwrap(),
            2.into()
        );
        assert_eq!(
            f(26, 100).round_to(f(1, 4), RoundingRule::HalfUp).unwrap(),
            f(1, 4)
        );
    }

    #[test]
    fn decimals_round_trip_and_only_terminating_values_are_decimals() {
        for text in [
            "2.25",
            "-0.5",
            "3",
            "0.0000000000000000000000000001",
            "79228162514264337593543950335",
        ] {
            let d: Decimal = text.parse().unwrap();
            let x = Fraction::from_decimal(d);
            assert_eq!(x.to_decimal(), Some(d.normalize()));
            assert_eq!(x.to_string(), d.normalize().to_string());
            assert_eq!(text.parse::<Fraction>().unwrap(), x);
        }
        assert_eq!(f(1, 3).to_decimal(), None);
        assert_eq!(f(1, 3).to_string(), "1/3");
        assert_eq!("1/3".parse::<Fraction>().unwrap(), f(1, 3));
        assert_eq!(f(-1, 8).to_string(), "-0.125");
        // Terminating but beyond 28 decimals: shown as a decimal, not a rust_decimal.
        let tiny = f(1, 2_i128.pow(40));
        assert_eq!(tiny.to_decimal(), None);
        assert_eq!(
            tiny.to_string(),
            "0.0000000000009094947017729282379150390625"
        );
        // Beyond i128 written out: the fraction.
        let tinier = f(1, 2_i128.pow(100));
        assert_eq!(tinier.to_string(), format!("1/{}", 2_i128.pow(100)));
        assert!("x".parse::<Fraction>().is_err());
        assert!("1/0".parse::<Fraction>().is_err());
    }

    #[test]
    fn overflow_is_an_error_never_a_panic() {
        let big = f(i128::MAX, 1);
        assert_eq!(big.checked_add(Fraction::ONE), Err(ExactError::TooLarge));
        assert_eq!(big.checked_mul(2.into()), Err(ExactError::TooLarge));
        assert_eq!(
            big.checked_neg().unwrap().checked_sub(2.into()),
            Err(ExactError::TooLarge)
        );
        let odd = f(1, i128::MAX);
        assert_eq!(
            odd.checked_add(f(1, i128::MAX - 1)),
            Err(ExactError::TooLarge)
        );
        assert_eq!(
            Fraction::ONE.checked_div(Fraction::ZERO),
            Err(ExactError::DivisionByZero)
        );
        assert_eq!(
            big.round_to(Fraction::ZERO, RoundingRule::Up),
            Err(ExactError::DivisionByZero)
        );
    }

    #[test]
    fn comparisons_never_overflow() {
        let a = f(i128::MAX, i128::MAX - 1);
        let b = f(i128::MAX - 1, i128::MAX - 2);
        // a = 1 + 1/(M−1) < b = 1 + 1/(M−2).
        assert_eq!(a.cmp(&b), Ordering::Less);
        assert_eq!(b.cmp(&a), Ordering::Greater);
        assert_eq!(a.cmp(&a), Ordering::Equal);
        let c = f(-(i128::MAX), i128::MAX - 1);
        assert_eq!(c.cmp(&a), Ordering::Less);
        assert_eq!(f(1, 3).cmp(&f(1, 2)), Ordering::Less);
        assert_eq!(f(-1, 3).cmp(&f(-1, 2)), Ordering::Greater);
    }
}
