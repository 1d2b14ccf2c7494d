//! Numbers as Vietnamese documents write them: dot for thousands, comma for decimals.

use rust_decimal::{Decimal, RoundingStrategy};

/// Formats `value` with exactly `decimals` decimal places, Vietnamese style:
/// `1000` → `"1.000"`, `912.5` with 2 decimals → `"912,50"`, `-1234.567` with 1 → `"-1.234,6"`.
///
/// Rounds half away from zero (2,345 → 2,35), as people expect on paper, not banker's rounding.
/// Works on the decimal's digits, so no value passes through binary floating point.
pub fn format_decimal_vi(value: Decimal, decimals: u32) -> String {
    let rounded = value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    let mut digits = rounded.mantissa().unsigned_abs().to_string();
    // After rounding the scale is at most `decimals`; pad so the string holds exactly that
    // many fractional digits and at least one integer digit.
    let scale = rounded.scale();
    digits.extend(std::iter::repeat_n(
        '0',
        (decimals - scale.min(decimals)) as usize,
    ));
    let decimals = decimals as usize;
    if digits.len() <= decimals {
        let pad = decimals + 1 - digits.len();
        digits.insert_str(0, &"0".repeat(pad));
    }
    let (int_part, frac_part) = digits.split_at(digits.len() - decimals);

    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 2);
    if negative {
        out.push('-');
    }
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(ch);
    }
    if !frac_part.is_empty() {
        out.push(',');
        out.push_str(frac_part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::format_decimal_vi;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("test literal")
    }

    #[test]
    fn formats_like_vietnamese_documents() {
        let cases = [
            ("1000", 0, "1.000"),
            ("912.5", 2, "912,50"),
            ("0", 0, "0"),
            ("0", 2, "0,00"),
            ("0.05", 2, "0,05"),
            ("0.005", 2, "0,01"),
            ("2.345", 2, "2,35"),
            ("-2.345", 2, "-2,35"),
            ("-0.001", 2, "0,00"),
            ("98.3333333333", 2, "98,33"),
            ("1234567.891", 1, "1.234.567,9"),
            ("100", 1, "100,0"),
            ("999999.995", 2, "1.000.000,00"),
            ("12", 0, "12"),
            ("123", 0, "123"),
            ("1234", 0, "1.234"),
        ];
        for (value, decimals, expected) in cases {
            assert_eq!(
                format_decimal_vi(d(value), decimals),
                expected,
                "{value} dp {decimals}"
            );
        }
    }

    #[test]
    fn huge_values_keep_every_digit() {
        assert_eq!(
            format_decimal_vi(Decimal::MAX, 0),
            "79.228.162.514.264.337.593.543.950.335"
        );
    }
}
