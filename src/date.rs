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
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if year.is_multiple_of(4)
                && (!year.is_multiple_of(100) || year.is_multiple_of(400)) =>
            {
                29
            }
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
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

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The text was not a date of the form `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected a date YYYY-MM-DD, found {0:?}")]
pub struct DateError(String);

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
}
