//! The working days of Vietnamese public offices, as data: Monday to Friday, less the days off
//! of public holidays and Tết, plus the Saturdays worked instead, year by year
//! (`assets/calendar/vn-days-off.toml`, with its legal basis). A rule that counts time in
//! working days (Decree 56/2017/NĐ-CP Art. 28, for indicator 6.2's support plans) counts them
//! here; a day in a year the file does not hold, or after the day a year is known through, is
//! never guessed.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use serde::Deserialize;

use crate::base::date::Date;

const DATA: &str = include_str!("../../assets/calendar/vn-days-off.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    years: Vec<Year>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Year {
    year: u16,
    days_off: Vec<Date>,
    saturdays_worked: Vec<Date>,
    /// The last day known of a year whose schedule is known only in part.
    #[serde(default)]
    known_through: Option<Date>,
}

/// What the calendar holds of one year.
#[derive(Debug)]
struct Known {
    off: BTreeSet<Date>,
    worked: BTreeSet<Date>,
    through: Option<Date>,
}

/// The working days of public offices for the years the calendar holds.
#[derive(Debug)]
pub struct Calendar {
    years: BTreeMap<u16, Known>,
}

/// The calendar shipped with the engine.
pub fn calendar() -> &'static Calendar {
    static CALENDAR: OnceLock<Calendar> = OnceLock::new();
    CALENDAR.get_or_init(|| {
        let file: File = toml::from_str(DATA)
            .expect("assets/calendar/vn-days-off.toml is valid (a unit test reads it)");
        Calendar {
            years: file
                .years
                .into_iter()
                .map(|y| {
                    let known = Known {
                        off: y.days_off.into_iter().collect(),
                        worked: y.saturdays_worked.into_iter().collect(),
                        through: y.known_through,
                    };
                    (y.year, known)
                })
                .collect(),
        }
    })
}

impl Calendar {
    /// The first and last years it holds.
    pub fn years(&self) -> (u16, u16) {
        let first = self.years.keys().next().copied().unwrap_or_default();
        let last = self.years.keys().next_back().copied().unwrap_or_default();
        (first, last)
    }

    /// The last day it holds: the day its last year is known through, else that year's
    /// 31 December.
    pub fn known_through(&self) -> Option<Date> {
        let (year, known) = self.years.iter().next_back()?;
        known.through.or_else(|| Date::new(*year, 12, 31))
    }

    /// Whether it holds a year (in part, for a year known through a day).
    pub fn covers(&self, year: u16) -> bool {
        self.years.contains_key(&year)
    }

    /// Whether public offices work on a day; `None` in a year it does not hold, or after the
    /// day a year is known through.
    pub fn is_working_day(&self, day: Date) -> Option<bool> {
        let known = self.years.get(&day.year())?;
        if known.through.is_some_and(|through| day > through) {
            return None;
        }
        Some(match day.weekday() {
            5 => known.worked.contains(&day),
            6 => false,
            _ => !known.off.contains(&day),
        })
    }

    /// The working days after `from` up to `to`, both counted as Decree 56/2017 counts a time
    /// limit (the day it starts from is not one of them): 0 when `to` is not after `from`;
    /// `None` when a day between lies in a year the calendar does not hold.
    ///
    /// ```
    /// use cfc::Date;
    /// use cfc::rules::calendar::calendar;
    /// let d = |s: &str| s.parse::<Date>().unwrap();
    /// // Friday 26/4/2024 to Tuesday 7/5/2024: 29/4 to 1/5 off, Saturday 4/5 worked.
    /// assert_eq!(calendar().working_days_between(d("2024-04-26"), d("2024-05-07")), Some(5));
    /// assert_eq!(calendar().working_days_between(d("2031-01-01"), d("2031-01-09")), None);
    /// ```
    pub fn working_days_between(&self, from: Date, to: Date) -> Option<u32> {
        let mut day = from;
        let mut n = 0;
        while day < to {
            day = day.day_after()?;
            if self.is_working_day(day)? {
                n += 1;
            }
        }
        Some(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_day_off_is_a_weekday_and_every_saturday_worked_a_saturday_of_its_year() {
        let file: File = toml::from_str(DATA).unwrap();
        assert!(!file.years.is_empty());
        for y in &file.years {
            for d in &y.days_off {
                assert_eq!(d.year(), y.year, "{d}");
                assert!(d.weekday() < 5, "{d} is not a weekday");
            }
            for d in &y.saturdays_worked {
                assert_eq!((d.year(), d.weekday()), (y.year, 5), "{d}");
            }
            // A year known in part lists no day after its last known one.
            if let Some(through) = y.known_through {
                assert_eq!(through.year(), y.year);
                assert!(
                    y.days_off
                        .iter()
                        .chain(&y.saturdays_worked)
                        .all(|d| *d <= through)
                );
            }
        }
        assert_eq!(calendar().years(), (2023, 2026));
        assert_eq!(calendar().known_through(), "2026-07-31".parse().ok());
    }

    #[test]
    fn working_days_skip_weekends_and_days_off() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        let c = calendar();
        // Tết Giáp Thìn: Wednesday 7/2/2024 to Thursday 15/2/2024 is one working day.
        assert_eq!(
            c.working_days_between(d("2024-02-07"), d("2024-02-15")),
            Some(1)
        );
        // An ordinary week: Monday to the next Monday, five.
        assert_eq!(
            c.working_days_between(d("2024-06-03"), d("2024-06-10")),
            Some(5)
        );
        assert_eq!(
            c.working_days_between(d("2024-06-10"), d("2024-06-10")),
            Some(0)
        );
        // Across the new year into 2025.
        assert_eq!(
            c.working_days_between(d("2024-12-30"), d("2025-01-02")),
            Some(2)
        );
        // 2026, known through 31 July: Friday 2/1 off, Saturday 10/1 worked, Tết Bính Ngọ
        // (Friday 13/2 to Monday 23/2 is one working day), Giỗ Tổ's Monday 27/4 off.
        assert_eq!(c.is_working_day(d("2026-01-02")), Some(false));
        assert_eq!(c.is_working_day(d("2026-01-10")), Some(true));
        assert_eq!(
            c.working_days_between(d("2026-02-13"), d("2026-02-23")),
            Some(1)
        );
        assert_eq!(
            c.working_days_between(d("2026-04-24"), d("2026-05-04")),
            Some(3)
        );
        assert_eq!(c.is_working_day(d("2026-07-31")), Some(true));
        // After the last day known, nothing is guessed.
        assert_eq!(c.is_working_day(d("2026-08-03")), None);
        assert_eq!(
            c.working_days_between(d("2026-07-30"), d("2026-08-03")),
            None
        );
        assert_eq!(c.is_working_day(d("2027-01-05")), None);
    }
}
