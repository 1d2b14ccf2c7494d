//! A filled-in Excel form cannot become evidence.

use serde::{Deserialize, Serialize};

/// A name in both languages of the output (a kind's label), for a problem that lists them.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub struct Label {
    /// Vietnamese.
    pub vi: String,
    /// English.
    pub en: String,
}

/// What a cell of the form is for, as a problem names what it expected.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub enum CellKind {
    /// Any text.
    Text,
    /// The official administrative code, digits.
    UnitCode,
    /// A class of the criteria set.
    Class,
    /// A whole number ≥ 0.
    WholeNumber,
    /// An amount in đồng, a whole number ≥ 0.
    Money,
    /// A decimal number.
    Decimal,
    /// A percentage.
    Percent,
    /// Yes or no.
    YesNo,
    /// A day.
    Date,
    /// A year.
    Year,
    /// A unit kind of the set.
    UnitKind {
        /// The kinds' names.
        allowed: Vec<Label>,
    },
    /// An incident kind of the set (or its policy).
    IncidentKind {
        /// The kinds' names.
        allowed: Vec<Label>,
    },
    /// An incident id, unique in the unit.
    IncidentId,
    /// An office that approves a support plan (never a person's name).
    Role {
        /// The offices' names.
        allowed: Vec<Label>,
    },
}

/// What a cell holds, as a problem shows it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub enum CellValue {
    /// Text, quoted and cut if long.
    Text(String),
    /// A number, as written.
    Number(String),
    /// A logical value.
    Bool(bool),
    /// A date or a time.
    Date,
    /// A duration.
    Duration,
    /// A spreadsheet error (`#DIV/0!`).
    Error(String),
    /// Nothing.
    Empty,
}

/// A filled-in Excel form cannot become evidence.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub enum WorkbookProblem {
    /// The file is not an Excel workbook (`.xlsx`) that can be read.
    NotXlsx {
        /// The reader's own words (in English).
        detail: String,
    },
    /// The workbook's archive has more parts than any form.
    TooManyParts {
        /// Its parts.
        parts: usize,
        /// The most read.
        max: usize,
    },
    /// The archive expands to more than a form can: a possible zip bomb.
    TooExpanded {
        /// The part being expanded when the bound was passed.
        part: String,
        /// The bound, in bytes.
        max: u64,
    },
    /// More sheets than any form.
    TooManySheets {
        /// Its sheets.
        sheets: usize,
        /// The most allowed.
        max: usize,
    },
    /// A sheet of the form is absent.
    NoSheet {
        /// The sheet's name.
        sheet: String,
    },
    /// A sheet could not be read.
    SheetUnreadable {
        /// The reader's own words (in English).
        detail: String,
    },
    /// More filled cells on a sheet than any form.
    TooManyCells {
        /// The most kept.
        max: usize,
    },
    /// Values outside the rows and columns a form may use.
    OutsideForm {
        /// The first such cell.
        cell: String,
        /// How many more there are.
        more: usize,
        /// The rows a form may use.
        rows: u32,
        /// The columns a form may use.
        columns: u32,
    },
    /// The hidden sheet does not name a layout the importer knows.
    UnknownLayout {
        /// What it names.
        found: Option<String>,
    },
    /// The workbook was made for another criteria set.
    OtherCriteria {
        /// The set it was made for.
        found: String,
        /// The set the import reads against.
        expected: String,
    },
    /// Per unit: the row holding a field's id is gone.
    NoRow {
        /// The field id.
        field: String,
    },
    /// Per round: the column holding a field's id is gone.
    NoColumn {
        /// The field id.
        field: String,
    },
    /// A round workbook with no unit filled in.
    NoUnit,
    /// An incident row names no unit of the round workbook.
    NotAUnitOfTheSheet {
        /// The code written.
        found: CellValue,
        /// The sheet listing the units.
        sheet: String,
    },
    /// A cell left blank that must be filled in.
    Blank {
        /// What it should hold.
        expected: CellKind,
    },
    /// A cell holding something else than it should.
    Wrong {
        /// What it should hold.
        expected: CellKind,
        /// What it holds.
        found: CellValue,
    },
    /// A number too large to be held exactly.
    TooLarge {
        /// What the cell holds.
        found: CellValue,
        /// The largest accepted.
        max: u64,
    },
    /// A value given twice where it must be unique; the first is at another cell.
    Duplicate {
        /// The value.
        value: String,
        /// The sheet of the first occurrence.
        first_sheet: String,
        /// The cell of the first occurrence.
        first_cell: String,
    },
}
