//! Calendar dates as the evidence files write them (TOML local dates), without a clock.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date (`2024-07-02`). Ordered chronologically; printed in ISO form.
///
/// ```
/// use cfc::Date;
/// let d: Date = "2024-07-02".parse().unwrap();
/// assert_eq!(d.to_string(), "2024-07-02");
/// assert_eq!(d.vietnamese(), "02/07/2024");
/// assert!("2024-02-30".parse::<Date>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// A date, if it exists in the Gregorian calendar.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        (1..=days_in_month(year, month)?)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// The first day of a year.
    pub fn first_of_year(year: u16) -> Date {
        Date {
            year,
            month: 1,
            day: 1,
        }
    }

    /// The last day of a year.
    pub fn last_of_year(year: u16) -> Date {
        Date {
            year,
            month: 12,
            day: 31,
        }
    }

    /// The day before, if the calendar has one (it starts on 0000-01-01).
    ///
    /// ```
    /// use cfc::Date;
    /// let d = |s: &str| s.parse::<Date>().unwrap();
    /// assert_eq!(d("2024-03-01").day_before(), Some(d("2024-02-29")));
    /// assert_eq!(d("2025-01-01").day_before(), Some(d("2024-12-31")));
    /// ```
    pub fn day_before(self) -> Option<Date> {
        if self.day > 1 {
            return Some(Date {
                day: self.day - 1,
                ..self
            });
        }
        let (year, month) = match self.month {
            1 => (self.year.checked_sub(1)?, 12),
            m => (self.year, m - 1),
        };
        Some(Date {
            year,
            month,
            day: days_in_month(year, month)?,
        })
    }

    /// The day after, if the calendar has one (it ends with the year 65535).
    ///
    /// ```
    /// use cfc::Date;
    /// let d = |s: &str| s.parse::<Date>().unwrap();
    /// assert_eq!(d("2024-02-28").day_after(), Some(d("2024-02-29")));
    /// assert_eq!(d("2024-12-31").day_after(), Some(d("2025-01-01")));
    /// ```
    pub fn day_after(self) -> Option<Date> {
        if self.day < days_in_month(self.year, self.month)? {
            return Some(Date {
                day: self.day + 1,
                ..self
            });
        }
        let (year, month) = match self.month {
            12 => (self.year.checked_add(1)?, 1),
            m => (self.year, m + 1),
        };
        Some(Date {
            year,
            month,
            day: 1,
        })
    }

    /// The same day `months` months earlier, or the last day of that month when it is
    /// shorter: a period counted in months ends on the corresponding day of the last month,
    /// or on that month's last day when it has none (Bộ luật Dân sự 2015, Điều 148). `None`
    /// when that lies before the calendar's start.
    ///
    /// ```
    /// use cfc::Date;
    /// let d = |s: &str| s.parse::<Date>().unwrap();
    /// assert_eq!(d("2024-12-05").months_earlier(12), Some(d("2023-12-05")));
    /// assert_eq!(d("2024-03-31").months_earlier(1), Some(d("2024-02-29")));
    /// assert_eq!(d("2025-01-15").months_earlier(13), Some(d("2023-12-15")));
    /// ```
    pub fn months_earlier(self, months: u16) -> Option<Date> {
        let index = u32::from(self.year) * 12 + u32::from(self.month - 1);
        let index = index.checked_sub(u32::from(months))?;
        let year = u16::try_from(index / 12).ok()?;
        let month = (index % 12) as u8 + 1;
        Some(Date {
            year,
            month,
            day: self.day.min(days_in_month(year, month)?),
        })
    }

    /// The day of the week, 0 for Monday to 6 for Sunday (proleptic Gregorian calendar).
    ///
    /// ```
    /// use cfc::Date;
    /// let d = |s: &str| s.parse::<Date>().unwrap();
    /// assert_eq!(d("2024-07-02").weekday(), 1); // a Tuesday
    /// assert_eq!(d("2025-01-01").weekday(), 2); // a Wednesday
    /// ```
    pub fn weekday(self) -> u8 {
        // Days from 1970-01-01 (a Thursday), by the civil-calendar count of eras of 400 years.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (i64::from(self.month) + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days = era * 146_097 + doe - 719_468;
        (days + 3).rem_euclid(7) as u8
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month.
    pub fn day(self) -> u8 {
        self.day
    }

    /// `dd/mm/yyyy`, the form of Vietnamese documents.
    pub fn vietnamese(self) -> String {
        format!("{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }

    pub(crate) fn from_toml(value: &toml::value::Datetime) -> Option<Date> {
        match (value.date, value.time, value.offset) {
            (Some(d), None, None) => Date::new(d.year, d.month, d.day),
            _ => None,
        }
    }
}

/// The number of days of a month of the Gregorian calendar; `None` for a month outside 1–12.
fn days_in_month(year: u16, month: u8) -> Option<u8> {
    Some(match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => return None,
    })
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Date {
    /// Appends the date as `Display` writes it, `YYYY-MM-DD`, without the formatter: the
    /// reasons of every unit with an incident name its date.
    pub(crate) fn push_to(&self, out: &mut String) {
        if self.year > 9999 {
            use fmt::Write;
            // Writing into a `String` cannot fail.
            let _ = write!(out, "{self}");
            return;
        }
        let digit = |n: u16| char::from(b'0' + (n % 10) as u8);
        let y = self.year;
        for c in [digit(y / 1000), digit(y / 100), digit(y / 10), digit(y)] {
            out.push(c);
        }
        for part in [self.month, self.day] {
            out.push('-');
            out.push(digit(u16::from(part) / 10));
            out.push(digit(u16::from(part)));
        }
    }
}

/// The text was not a date of the form `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected a date YYYY-MM-DD, found {0:?}")]
pub struct DateError(pub(crate) String);

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Date, DateError> {
        let err = || DateError(s.to_string());
        let mut parts = s.splitn(3, '-');
        let mut field = |len: usize| {
            parts
                .next()
                .filter(|p| p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|p| p.parse::<u16>().ok())
        };
        let (y, m, d) = (field(4), field(2), field(2));
        match (y, m, d) {
            (Some(y), Some(m), Some(d)) => Date::new(y, m as u8, d as u8).ok_or_else(err),
            _ => Err(err()),
        }
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// In JSON, a date is `YYYY-MM-DD`.
#[cfg(feature = "serve")]
impl utoipa::PartialSchema for Date {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        crate::base::schema::text(
            "A day, YYYY-MM-DD.",
            Some(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"),
            Some(utoipa::openapi::KnownFormat::Date),
        )
    }
}

#[cfg(feature = "serve")]
impl utoipa::ToSchema for Date {}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        // TOML gives a datetime, JSON a string: accept both.
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Toml(toml::value::Datetime),
            Text(String),
        }
        match Raw::deserialize(d)? {
            Raw::Toml(dt) => Date::from_toml(&dt).ok_or_else(|| {
                serde::de::Error::custom("expected a date without time, e.g. 2024-12-05")
            }),
            Raw::Text(s) => s.parse().map_err(serde::de::Error::custom),
        }
    }
}

/// An evaluation period; both days inclusive, `from ≤ to`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub struct Period {
    /// First day, inclusive.
    pub from: Date,
    /// Last day, inclusive.
    pub to: Date,
}

impl Period {
    /// Whether a day falls inside the period.
    pub fn contains(&self, day: Date) -> bool {
        self.from <= day && day <= self.to
    }

    /// A whole calendar year, 1 January to 31 December.
    pub fn year(year: u16) -> Period {
        Period {
            from: Date::first_of_year(year),
            to: Date::last_of_year(year),
        }
    }

    /// Whether the two periods share at least one day.
    pub fn overlaps(&self, other: &Period) -> bool {
        self.from <= other.to && other.from <= self.to
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A date appended by `push_to` reads as `Display` writes it, of every width of year.
    #[test]
    fn dates_pushed_are_dates_displayed() {
        for year in [
            0,
            1,
            9,
            10,
            99,
            100,
            999,
            1000,
            2024,
            9999,
            10_000,
            u16::MAX,
        ] {
            for (month, day) in [(1, 1), (2, 9), (10, 10), (12, 31)] {
                let Some(date) = Date::new(year, month, day) else {
                    continue;
                };
                let mut pushed = String::from("on ");
                date.push_to(&mut pushed);
                assert_eq!(pushed, format!("on {date}"));
            }
        }
    }

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn months_earlier_keeps_the_day_or_ends_the_shorter_month() {
        assert_eq!(d("2024-12-05").months_earlier(12), Some(d("2023-12-05")));
        assert_eq!(d("2024-12-05").months_earlier(120), Some(d("2014-12-05")));
        assert_eq!(d("2025-03-31").months_earlier(1), Some(d("2025-02-28")));
        assert_eq!(d("2024-05-31").months_earlier(3), Some(d("2024-02-29")));
        assert_eq!(d("2024-01-31").months_earlier(2), Some(d("2023-11-30")));
        assert_eq!(d("2024-02-29").months_earlier(12), Some(d("2023-02-28")));
        assert_eq!(d("0000-06-01").months_earlier(5), Some(d("0000-01-01")));
        assert_eq!(d("0000-06-01").months_earlier(6), None);
    }

    #[test]
    fn the_day_before_crosses_months_years_and_leap_days() {
        assert_eq!(d("2024-12-05").day_before(), Some(d("2024-12-04")));
        assert_eq!(d("2024-03-01").day_before(), Some(d("2024-02-29")));
        assert_eq!(d("2023-03-01").day_before(), Some(d("2023-02-28")));
        assert_eq!(d("2024-01-01").day_before(), Some(d("2023-12-31")));
        assert_eq!(d("0000-01-01").day_before(), None);
    }

    #[test]
    fn periods_overlap_when_they_share_a_day() {
        let year = Period::year(2024);
        assert_eq!(year.from, d("2024-01-01"));
        assert_eq!(year.to, d("2024-12-31"));
        let p = |a: &str, b: &str| Period {
            from: d(a),
            to: d(b),
        };
        assert!(year.overlaps(&p("2024-12-31", "2030-01-01")));
        assert!(year.overlaps(&p("2019-01-03", "2024-01-01")));
        assert!(!year.overlaps(&p("2025-01-01", "2030-01-01")));
        assert!(!year.overlaps(&p("2010-01-01", "2023-12-31")));
    }
}
