//! A unit's evidence contradicts itself or its criteria set.

use serde::{Deserialize, Serialize};

use crate::base::date::Date;

/// A unit's evidence contradicts itself or its criteria set. The field at fault is the
/// diagnostic's [`FieldPath`](super::FieldPath); the generic shapes (missing, unknown field,
/// wrong type, out of range, duplicate) are [`ValueProblem`](super::ValueProblem)s.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub enum EvidenceProblem {
    /// An input the criteria set does not declare (a typo, or a file for another set).
    UnknownInput {
        /// The criteria set read against.
        set: String,
        /// The declared input nearest to the name written, for a typo.
        closest: Option<String>,
    },
    /// `unit.code` is not the official administrative code: digits only.
    NotACode {
        /// The text written, cut if long.
        found: String,
    },
    /// A text that must say something is empty (`unit.name`, `incidents[0].id`).
    Empty,
    /// `unit.class` is not a class of the criteria set.
    UnknownClass {
        /// The class written.
        found: String,
        /// The criteria set read against.
        set: String,
        /// The classes it declares.
        allowed: Vec<String>,
    },
    /// The unit's class takes only some kinds of unit, and not this unit's.
    ClassRefusesKind {
        /// The class written (boxed, as the unit's kind: a problem stays small).
        class: Box<super::named::Named>,
        /// The unit kinds the class takes.
        takes: Vec<super::named::Named>,
        /// The unit's kind.
        unit_kind: Box<super::named::Named>,
        /// The classes of the set that take this kind.
        fitting: Vec<super::named::Named>,
    },
    /// An incident id that is not a short code: a character other than a letter, a digit or
    /// `.`, `_`, `/`, `-` (or one of those first). The id itself is never repeated: a long one
    /// may be a child's name.
    IdCharacter {
        /// The refused character, by its code point.
        code_point: u32,
        /// Its position in the id, counted in characters from 1.
        position: usize,
        /// The longest id accepted, in characters.
        max: usize,
    },
    /// An incident id longer than a short code.
    IdTooLong {
        /// Its length in characters.
        chars: usize,
        /// The longest accepted.
        max: usize,
    },
    /// A decimal with more digits after the point than its input declares.
    TooManyDecimals {
        /// The value as written.
        found: String,
        /// Its digits after the point (trailing zeros dropped).
        digits: u32,
        /// The digits the input declares.
        max: u32,
    },
    /// `period.from` is after `period.to`.
    PeriodReversed {
        /// The first day written.
        from: Date,
        /// The last day written.
        to: Date,
    },
    /// A day of the period outside the round's year.
    OutsideYear {
        /// The day written.
        day: Date,
        /// The round's year.
        year: u16,
    },
    /// A part greater than its whole (`at_most`): 9 villages with a collaborator of 8.
    PartExceedsWhole {
        /// The part's value.
        value: u64,
        /// The whole: an input, or a count derived from the incident register.
        whole: String,
        /// Whether the whole is counted from the incidents of the period.
        derived: bool,
        /// The whole's value.
        whole_value: u64,
    },
    /// A value below the one it may not be less than (`at_least`).
    BelowFloor {
        /// The value.
        value: u64,
        /// The floor: an input, or a count derived from the incident register.
        floor: String,
        /// Whether the floor is counted from the incidents of the period.
        derived: bool,
        /// The floor's value.
        floor_value: u64,
    },
    /// Parts of the file are unusable although no other problem says why: a fault of the
    /// reader, never of the file, kept so that a reading always ends in a result.
    Incomplete,
    /// Who approved a support plan is not one of the offices of the form. What was written is
    /// never repeated: it may be a person's name.
    UnknownRole {
        /// The offices' ids.
        allowed: Vec<String>,
    },
    /// Who approved a support plan, or when, is written for an incident whose plan was not
    /// approved (`support_plan_approved` false or absent).
    ApprovalWithoutPlan,
    /// A support plan approved before the incident it is for.
    ApprovedBeforeIncident {
        /// The day written.
        approved: Date,
        /// The incident's day.
        incident: Date,
    },
    /// Working days must be counted to a day of a year the calendar of days off does not hold.
    CalendarDoesNotCover {
        /// The day written.
        date: Date,
        /// The first year the calendar holds.
        first: u16,
        /// The last.
        last: u16,
        /// The last day it holds: 31 December of `last`, or, when that year's schedule is
        /// known only in part, its last day known.
        through: Date,
    },
}
