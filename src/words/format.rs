//! Numbers, money, shares and dates as a reader of each language writes them: one function
//! for each, so that a figure reads the same in the table, the workbook, `explain` and the
//! dossier.
//!
//! Vietnamese writes a dot between thousands and a comma before decimals (84,5; 45.000.000 đ;
//! 97,96 %; 05/12/2024); English the other way round (84.5; 45,000,000 VND; 97.96%;
//! 2024-12-05). Every function works on the decimal's digits: no value passes through binary
//! floating point.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::base::date::Date;
use crate::base::lang::Lang;
use crate::base::points::Points;

/// The separators of a language: (thousands, decimals).
fn separators(lang: Lang) -> (char, char) {
    lang.pick(('.', ','), (',', '.'))
}

/// `value` with exactly `decimals` decimal places, rounded half away from zero (2,345 →
/// 2,35, as people expect on paper, not banker's rounding).
///
/// ```
/// use cfc::{Lang, words::format::fixed};
/// use rust_decimal::Decimal;
/// assert_eq!(fixed(Decimal::new(9125, 1), 2, Lang::Vi), "912,50");
/// assert_eq!(fixed(Decimal::new(1_234_567_891, 3), 1, Lang::En), "1,234,567.9");
/// ```
pub fn fixed(value: Decimal, decimals: u32, lang: Lang) -> String {
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
    let (thousands, point) = separators(lang);

    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 2);
    if negative {
        out.push('-');
    }
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            out.push(thousands);
        }
        out.push(ch);
    }
    if !frac_part.is_empty() {
        out.push(point);
        out.push_str(frac_part);
    }
    out
}

/// An exact number with every significant decimal it has and none more (a share such as 62,5
/// is never rounded, 800 never becomes 800,00).
///
/// ```
/// use cfc::{Lang, words::format::number};
/// use rust_decimal::Decimal;
/// assert_eq!(number(Decimal::new(845, 1), Lang::Vi), "84,5");
/// assert_eq!(number(Decimal::new(250, 2), Lang::Vi), "2,5");
/// assert_eq!(number(Decimal::new(1000, 0), Lang::Vi), "1.000");
/// assert_eq!(number(Decimal::new(1000, 0), Lang::En), "1,000");
/// ```
pub fn number(value: Decimal, lang: Lang) -> String {
    let value = value.normalize();
    fixed(value, value.scale(), lang)
}

/// A number as a reader of `lang` writes it, the way [`number`] shows it: `1.720` and
/// `84,5` in Vietnamese, `1,720` and `84.5` in English; thousands grouped by threes or not at
/// all, spaces ignored, a final `%`, `đ` or `VND` dropped. Anything else, a separator of the
/// other language's habit included (`1,720` in Vietnamese is one and 72 hundredths, `1.5` is
/// not a grouping), is `None` rather than a guess.
///
/// ```
/// use cfc::{Lang, words::format::read_number};
/// use rust_decimal::Decimal;
/// assert_eq!(read_number("1.720", Lang::Vi), Some(Decimal::new(1720, 0)));
/// assert_eq!(read_number("84,5 %", Lang::Vi), Some(Decimal::new(845, 1)));
/// assert_eq!(read_number("1,720", Lang::En), Some(Decimal::new(1720, 0)));
/// assert_eq!(read_number("1.5", Lang::Vi), None);
/// ```
pub fn read_number(text: &str, lang: Lang) -> Option<Decimal> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let lower = compact.to_lowercase();
    let bare = ["%", "đ", "vnd"]
        .iter()
        .find_map(|unit| lower.strip_suffix(unit))
        .unwrap_or(&lower);
    let (thousands, point) = separators(lang);
    let (whole, fraction) = match bare.split_once(point) {
        Some((w, f)) => (w, Some(f)),
        None => (bare, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let groups: Vec<&str> = whole.split(thousands).collect();
    let grouped = groups.iter().enumerate().all(|(i, g)| {
        digits(g) && (groups.len() == 1 || if i == 0 { g.len() <= 3 } else { g.len() == 3 })
    });
    if !grouped || fraction.is_some_and(|f| !digits(f)) {
        return None;
    }
    let plain = match fraction {
        Some(f) => format!("{}.{f}", groups.concat()),
        None => groups.concat(),
    };
    crate::base::points::exact_decimal(&plain)
}

/// Points, as [`number`] writes them.
pub fn points(value: Points, lang: Lang) -> String {
    number(value.value(), lang)
}

/// An amount of money in đồng.
///
/// ```
/// use cfc::{Lang, words::format::money};
/// use rust_decimal::Decimal;
/// assert_eq!(money(Decimal::new(45_000_000, 0), Lang::Vi), "45.000.000 đ");
/// assert_eq!(money(Decimal::new(45_000_000, 0), Lang::En), "45,000,000 VND");
/// ```
pub fn money(value: Decimal, lang: Lang) -> String {
    format!("{} {}", number(value, lang), lang.pick("đ", "VND"))
}

/// A percentage, given as the number of hundredths (97.96 for 97,96 %), every significant
/// decimal kept.
///
/// ```
/// use cfc::{Lang, words::format::percent};
/// use rust_decimal::Decimal;
/// assert_eq!(percent(Decimal::new(9796, 2), Lang::Vi), "97,96 %");
/// assert_eq!(percent(Decimal::new(9796, 2), Lang::En), "97.96%");
/// ```
pub fn percent(value: Decimal, lang: Lang) -> String {
    format!("{}{}", number(value, lang), lang.pick(" %", "%"))
}

/// A percentage shown to two decimals, rounded half away from zero (48/49 → 97,96 %): for a
/// share computed from two counts, whose exact value has no end.
pub fn percent_2dp(value: Decimal, lang: Lang) -> String {
    format!("{}{}", fixed(value, 2, lang), lang.pick(" %", "%"))
}

/// A date: `05/12/2024` in Vietnamese documents, ISO `2024-12-05` in English (unambiguous for
/// readers of either day-first or month-first conventions).
///
/// ```
/// use cfc::{Date, Lang, words::format::date};
/// let d = Date::new(2024, 12, 5).unwrap();
/// assert_eq!(date(d, Lang::Vi), "05/12/2024");
/// assert_eq!(date(d, Lang::En), "2024-12-05");
/// ```
pub fn date(value: Date, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "{:02}/{:02}/{:04}",
            value.day(),
            value.month(),
            value.year()
        ),
        Lang::En => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("test literal")
    }

    /// What a page shows is read back as the same number, in either language; the other
    /// language's habit is refused, never guessed.
    #[test]
    fn numbers_are_read_as_they_are_shown() {
        for value in [
            "0",
            "7",
            "1720",
            "45000000",
            "84.5",
            "97.96",
            "7.50",
            "1234567.891",
        ] {
            for lang in [Lang::Vi, Lang::En] {
                let v = d(value);
                let shown = fixed(v, v.scale(), lang);
                assert_eq!(read_number(&shown, lang), Some(v), "{shown} ({lang:?})");
            }
        }
        let read = |s: &str, lang| read_number(s, lang);
        assert_eq!(read("1 720", Lang::Vi), Some(d("1720")));
        assert_eq!(read("45.000.000 đ", Lang::Vi), Some(d("45000000")));
        assert_eq!(read("45,000,000 VND", Lang::En), Some(d("45000000")));
        assert_eq!(read("97,5%", Lang::Vi), Some(d("97.5")));
        assert_eq!(read("1,5", Lang::Vi), Some(d("1.5")));
        assert_eq!(read("1,720", Lang::Vi), Some(d("1.720")));
        for (text, lang) in [
            ("1.5", Lang::Vi),
            ("1,5", Lang::En),
            ("1.72.0", Lang::Vi),
            ("1.7200", Lang::Vi),
            ("1234.567", Lang::Vi),
            ("1.720,", Lang::Vi),
            (",5", Lang::Vi),
            ("-3", Lang::Vi),
            ("", Lang::Vi),
            ("ba", Lang::Vi),
            ("1.234,5.6", Lang::Vi),
        ] {
            assert_eq!(read(text, lang), None, "{text:?} ({lang:?})");
        }
    }

    #[test]
    fn fixed_decimals_like_vietnamese_documents() {
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
                fixed(d(value), decimals, Lang::Vi),
                expected,
                "{value} dp {decimals}"
            );
            let english: String = expected
                .chars()
                .map(|c| match c {
                    '.' => ',',
                    ',' => '.',
                    c => c,
                })
                .collect();
            assert_eq!(fixed(d(value), decimals, Lang::En), english);
        }
    }

    #[test]
    fn huge_values_keep_every_digit() {
        assert_eq!(
            fixed(Decimal::MAX, 0, Lang::Vi),
            "79.228.162.514.264.337.593.543.950.335"
        );
    }

    #[test]
    fn numbers_keep_their_significant_decimals_only() {
        assert_eq!(number(d("800.00"), Lang::Vi), "800");
        assert_eq!(number(d("62.50"), Lang::Vi), "62,5");
        assert_eq!(number(d("0.125"), Lang::En), "0.125");
        assert_eq!(percent_2dp(d("97.959183"), Lang::Vi), "97,96 %");
    }
}
