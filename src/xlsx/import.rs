//! Reading a filled workbook back into evidence TOML, validated by the engine.
//!
//! The importer only reads cells and writes TOML text in the format of `evidence-format.md`;
//! every rule about the evidence is checked by [`Evidence::parse`], whose located problems are
//! mapped back to the cell the TOML line came from. What the importer checks itself is what
//! only a spreadsheet can get wrong: text in a number cell, a date typed in a shape no one can
//! read, a row whose field id was edited; and a file no form can be (see [`limits`]), refused
//! before it can exhaust memory.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io::{Cursor, Read, Seek};

use calamine::{Data, ExcelDateTimeType, Reader, Xlsx, XlsxError};
use rust_decimal::Decimal;

use super::template::{
    HEADER_ROW, ID_COL, INFO_VALUE_COL, INPUT_VALUE_COL, META_CRITERIA, META_LAYOUT, ROUND_ID_ROW,
};
use super::{HEADER_FIELDS, round_fields};
use super::{
    Layout, MAX_CODE_LEN, SHEET_INCIDENTS, SHEET_INFO, SHEET_INPUTS, SHEET_META, clean,
    unit_file_name,
};
use crate::base::date::Date;
use crate::base::diag::{
    CellKind, CellValue, Diagnostic, FieldPath, FileProblem, Label, Problem, ValueProblem,
    WorkbookProblem,
};
use crate::base::lang::Lang;
use crate::evaluate::round::RoundSettings;
use crate::evidence::{Evidence, KindDef};
use crate::form::{Field, INCIDENT_FIELDS, Role, Section, Setting, Shape};
use crate::rules::criteria::{CriteriaSet, InputType};

/// What a workbook may hold. Beyond these bounds it is refused before its cells are kept, so a
/// hostile or damaged file cannot exhaust memory. Each is far above any real form: a
/// province's round workbook has about a thousand rows of sixty columns and weighs under 1 MB.
pub mod limits {
    /// The workbook file, in bytes.
    pub const FILE_BYTES: u64 = 16 << 20;
    /// One part of the workbook's zip archive (a sheet, the shared strings), decompressed.
    pub const PART_BYTES: u64 = 64 << 20;
    /// All parts together, decompressed: a zip bomb is refused here.
    pub const TOTAL_BYTES: u64 = 256 << 20;
    /// Parts of the zip archive.
    pub const PARTS: usize = 1_000;
    /// Sheets of the workbook (a form has five).
    pub const SHEETS: usize = 32;
    /// Rows read on a sheet; a value below them is refused.
    pub const ROWS: u32 = 100_000;
    /// Columns read on a sheet; a value right of them is refused.
    pub const COLUMNS: u32 = 1_000;
    /// Filled cells kept of one sheet.
    pub const CELLS: usize = 500_000;
    /// Characters of one cell's text.
    pub const TEXT_CHARS: usize = 4_096;
}

pub use crate::base::diag::CellProblem;

/// Every problem of a workbook; nothing of it may be written.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
pub struct ImportError(pub Vec<CellProblem>);

impl ImportError {
    /// Every problem in words, one per line, in the reader's language.
    pub fn words(&self, lang: crate::base::lang::Lang) -> String {
        self.0
            .iter()
            .map(|p| crate::words::problems::cell(p, lang))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// One unit read from a workbook: its evidence file, already validated.
#[derive(Clone, Debug)]
pub struct ImportedUnit {
    /// The evidence file's name, e.g. `21202-son-bao.toml` (see [`unit_file_name`]).
    pub file_name: String,
    /// The evidence text, in the format of `evidence-format.md`.
    pub toml: String,
    /// The same text, validated.
    pub evidence: Evidence,
}

/// What a workbook holds.
#[derive(Clone, Debug)]
pub struct Imported {
    /// The layout it was made with.
    pub layout: Layout,
    /// Its units, in the order of the workbook.
    pub units: Vec<ImportedUnit>,
    /// A round workbook's settings as `round.toml` text (validated), if it is one.
    pub round_toml: Option<String>,
}

/// `A1`-style name of a 0-based cell.
pub fn cell_name(row: u32, col: u16) -> String {
    any_cell_name(row, u32::from(col))
}

/// [`cell_name`] of any cell a file can name, even far outside a sheet's columns.
fn any_cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut c = u64::from(col) + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        c = (c - 1) / 26;
    }
    format!(
        "{}{}",
        letters.iter().rev().collect::<String>(),
        u64::from(row) + 1
    )
}

/// Where a value came from.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Loc {
    sheet: &'static str,
    cell: Option<(u32, u16)>,
}

fn at(sheet: &'static str, row: u32, col: u16) -> Loc {
    Loc {
        sheet,
        cell: Some((row, col)),
    }
}

/// The order problems are listed in: workbook problems, then sheet by sheet in the order of
/// the workbook, row by row.
type Order = (usize, u32, u16);

struct Problems {
    file: String,
    list: Vec<(Order, CellProblem)>,
}

impl Problems {
    /// A problem of the importer's own, of no one field.
    fn add(&mut self, loc: Option<&Loc>, problem: WorkbookProblem) {
        self.put(loc, FieldPath::whole_file(), problem);
    }

    /// A problem of the cell holding `field`.
    fn field(&mut self, loc: &Loc, field: &str, problem: WorkbookProblem) {
        self.put(Some(loc), FieldPath::from(field), problem);
    }

    fn put(&mut self, loc: Option<&Loc>, field: FieldPath, problem: impl Into<Problem>) {
        let sheet = loc.map_or(0, |l| {
            1 + [SHEET_INFO, SHEET_INPUTS, SHEET_INCIDENTS, SHEET_META]
                .iter()
                .position(|s| *s == l.sheet)
                .unwrap_or(4)
        });
        let (row, col) = loc.and_then(|l| l.cell).unwrap_or((0, 0));
        self.list.push((
            (sheet, row, col),
            CellProblem::new(
                self.file.clone(),
                (
                    loc.map(|l| l.sheet.to_string()),
                    loc.and_then(|l| l.cell).map(|(r, c)| cell_name(r, c)),
                ),
                field,
                problem,
            ),
        ));
    }

    fn finish(mut self) -> ImportError {
        self.list.sort();
        self.list.dedup();
        ImportError(self.list.into_iter().map(|(_, p)| p).collect())
    }
}

/// The filled cells of a sheet, inside [`limits::ROWS`] × [`limits::COLUMNS`].
///
/// Kept sparse: calamine's `worksheet_range` allocates the whole rectangle up to the last
/// used cell, 512 GB for a single value at XFD1048576.
#[derive(Default)]
struct Sheet {
    cells: BTreeMap<(u32, u16), Data>,
    last_row: u32,
    last_col: u16,
}

impl Sheet {
    fn get(&self, row: u32, col: u16) -> &Data {
        self.cells.get(&(row, col)).unwrap_or(&Data::Empty)
    }
    fn last_row(&self) -> u32 {
        self.last_row
    }
    fn last_col(&self) -> u16 {
        self.last_col
    }
}

/// Why a file is not read as a workbook. Only `.xlsx` is read: the other formats calamine
/// knows (`.xls`, `.xlsb`, `.ods`) have no cell-by-cell reader to bound what they hold.
fn not_xlsx(e: &dyn fmt::Display) -> WorkbookProblem {
    WorkbookProblem::NotXlsx {
        detail: e.to_string(),
    }
}

/// Checks the workbook's zip archive by decompressing every part with a bound, before
/// calamine reads it: the sizes a zip declares may lie, the bytes it expands to do not.
fn check_archive(bytes: &[u8]) -> Result<(), WorkbookProblem> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| not_xlsx(&e))?;
    if zip.len() > limits::PARTS {
        return Err(WorkbookProblem::TooManyParts {
            parts: zip.len(),
            max: limits::PARTS,
        });
    }
    let mut total = 0;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|e| not_xlsx(&e))?;
        let name = part.name().map_err(|e| not_xlsx(&e))?.into_owned();
        let size = std::io::copy(
            &mut (&mut part).take(limits::PART_BYTES + 1),
            &mut std::io::sink(),
        )
        .map_err(|e| not_xlsx(&e))?;
        total += size;
        let bound = if size > limits::PART_BYTES {
            limits::PART_BYTES
        } else {
            limits::TOTAL_BYTES
        };
        if total > bound {
            return Err(WorkbookProblem::TooExpanded {
                part: name,
                max: bound,
            });
        }
    }
    Ok(())
}

/// Reads the filled cells of a sheet one by one, refusing values outside the bounds.
fn read_sheet<RS: Read + Seek>(
    wb: &mut Xlsx<RS>,
    name: &'static str,
    p: &mut Problems,
) -> Option<Sheet> {
    let whole_sheet = Loc {
        sheet: name,
        cell: None,
    };
    let mut reader = match wb.worksheet_cells_reader(name) {
        Ok(r) => r,
        Err(XlsxError::WorksheetNotFound(_)) => {
            p.add(
                None,
                WorkbookProblem::NoSheet {
                    sheet: name.to_string(),
                },
            );
            return None;
        }
        Err(e) => {
            let detail = e.to_string();
            p.add(
                Some(&whole_sheet),
                WorkbookProblem::SheetUnreadable { detail },
            );
            return None;
        }
    };
    let mut sheet = Sheet::default();
    // The first value outside the bounds, and how many there are.
    let mut outside: Option<(u32, u32)> = None;
    let mut outside_count = 0usize;
    loop {
        let cell = match reader.next_cell() {
            Ok(Some(cell)) => cell,
            Ok(None) => break,
            Err(e) => {
                let detail = e.to_string();
                p.add(
                    Some(&whole_sheet),
                    WorkbookProblem::SheetUnreadable { detail },
                );
                return None;
            }
        };
        let (row, col) = cell.get_position();
        let value = Data::from(cell.get_value().clone());
        if value == Data::Empty {
            continue;
        }
        let Some(col) = u16::try_from(col)
            .ok()
            .filter(|_| row < limits::ROWS && col < limits::COLUMNS)
        else {
            outside.get_or_insert((row, col));
            outside_count += 1;
            continue;
        };
        if sheet.cells.len() == limits::CELLS {
            p.add(
                Some(&whole_sheet),
                WorkbookProblem::TooManyCells { max: limits::CELLS },
            );
            return None;
        }
        if let Data::String(s) = &value {
            let chars = s.chars().count();
            if chars > limits::TEXT_CHARS {
                let problem = ValueProblem::TooLong {
                    chars,
                    max: limits::TEXT_CHARS,
                };
                p.put(Some(&at(name, row, col)), FieldPath::whole_file(), problem);
            }
        }
        sheet.last_row = sheet.last_row.max(row);
        sheet.last_col = sheet.last_col.max(col);
        sheet.cells.insert((row, col), value);
    }
    if let Some((row, col)) = outside {
        p.add(
            Some(&whole_sheet),
            WorkbookProblem::OutsideForm {
                cell: any_cell_name(row, col),
                more: outside_count - 1,
                rows: limits::ROWS,
                columns: limits::COLUMNS,
            },
        );
    }
    Some(sheet)
}

/// What a cell holds, for a problem to show.
fn found(d: &Data) -> CellValue {
    match d {
        Data::String(s) => {
            // A problem quotes the start of a long text, not all of it.
            let s = clean(s);
            CellValue::Text(match s.char_indices().nth(60) {
                Some((cut, _)) => format!("{:?}…", &s[..cut]),
                None => format!("{s:?}"),
            })
        }
        Data::Float(f) => CellValue::Number(f.to_string()),
        Data::Int(i) => CellValue::Number(i.to_string()),
        Data::Bool(b) => CellValue::Bool(*b),
        Data::DateTime(_) | Data::DateTimeIso(_) => CellValue::Date,
        Data::DurationIso(_) => CellValue::Duration,
        Data::Error(e) => CellValue::Error(e.to_string()),
        Data::Empty => CellValue::Empty,
    }
}

/// A cell of the wrong content.
fn wrong(expected: CellKind, cell: &Data) -> WorkbookProblem {
    WorkbookProblem::Wrong {
        expected,
        found: found(cell),
    }
}

fn is_blank(d: &Data) -> bool {
    match d {
        Data::Empty => true,
        Data::String(s) => clean(s).is_empty(),
        _ => false,
    }
}

/// Digits grouped by thousands with one separator (`45.000.000`, `45,000,000`, `45 000 000`),
/// or plain digits, as the digits alone. `12,5` is not a grouping: it is a decimal, and refused.
fn grouped_digits(s: &str) -> Option<String> {
    let sep = s.chars().find(|c| !c.is_ascii_digit());
    let groups: Vec<&str> = match sep {
        None => vec![s],
        Some(sep) if matches!(sep, '.' | ',' | ' ' | '\u{a0}') => s.split(sep).collect(),
        Some(_) => return None,
    };
    let ok = groups.iter().enumerate().all(|(i, g)| {
        g.bytes().all(|b| b.is_ascii_digit())
            && if i == 0 {
                !g.is_empty() && (groups.len() == 1 || g.len() <= 3)
            } else {
                g.len() == 3
            }
    });
    if !ok {
        return None;
    }
    Some(groups.concat())
}

/// The largest whole number an Excel number cell holds exactly (2^53).
const EXACT: f64 = 9_007_199_254_740_992.0;

/// The largest whole number evidence holds: a count is an `i64` in the scripts.
const LARGEST: u64 = i64::MAX as u64;

/// Why a cell is not a whole number ≥ 0.
#[derive(Debug, PartialEq, Eq)]
enum NotWhole {
    /// Text, a fraction, a negative number, a date…
    Other,
    /// A whole number above this largest one the cell can carry exactly.
    TooLarge(u64),
}

/// A whole number ≥ 0, as typed or as stored: `None` for a blank cell.
fn whole(d: &Data, money: bool) -> Result<Option<u64>, NotWhole> {
    match d {
        Data::Int(i) => u64::try_from(*i).map(Some).map_err(|_| NotWhole::Other),
        Data::Float(f) if f.fract() == 0.0 && (0.0..=EXACT).contains(f) => Ok(Some(*f as u64)),
        Data::Float(f) if f.fract() == 0.0 && *f > EXACT => Err(NotWhole::TooLarge(EXACT as u64)),
        Data::String(s) => {
            let mut t = clean(s);
            if money {
                for unit in ["đồng", "đ", "vnđ", "vnd"] {
                    if let Some(rest) = t.to_lowercase().strip_suffix(unit) {
                        t = rest.trim_end().to_string();
                        break;
                    }
                }
            }
            if t.is_empty() {
                return Ok(None);
            }
            let digits = grouped_digits(&t).ok_or(NotWhole::Other)?;
            // Only digits are left: a failed parse is a number beyond u64.
            match digits.parse::<u64>() {
                Ok(n) if n <= LARGEST => Ok(Some(n)),
                _ => Err(NotWhole::TooLarge(LARGEST)),
            }
        }
        Data::Empty => Ok(None),
        _ => Err(NotWhole::Other),
    }
}

/// A decimal or percentage exactly as the council typed it: `None` for a blank cell.
///
/// A number cell holds a double, and calamine hands over the double parsed from the cell's
/// stored text. Excel keeps at most 15 significant digits of a typed number and stores those
/// digits as the cell's text; the shortest text that reads back as the same double is then
/// exactly that text (two decimals of at most 15 digits never share a double), so it is taken,
/// never the double's binary expansion. A text cell is read as written: `7,5` or `7.5`, with
/// an optional `%`.
fn decimal(d: &Data) -> Result<Option<Decimal>, ()> {
    let text = match d {
        Data::Int(i) => return Ok(Some(Decimal::from(*i))),
        // `{}` prints the shortest round-trip digits, never an exponent.
        Data::Float(f) if f.is_finite() => format!("{f}"),
        Data::String(s) => {
            let t = clean(s);
            let t = t.strip_suffix('%').unwrap_or(&t).trim_end();
            if t.is_empty() {
                return Ok(None);
            }
            // One separator is the decimal one; `1.234,5` is a grouping the form never asks for.
            if t.contains('.') && t.contains(',') {
                return Err(());
            }
            t.replace(',', ".")
        }
        Data::Empty => return Ok(None),
        _ => return Err(()),
    };
    crate::evidence::exact_decimal(&text).map(Some).ok_or(())
}

/// A yes/no as people type it: `None` for a blank cell.
fn flag(d: &Data) -> Result<Option<bool>, ()> {
    match d {
        Data::Bool(b) => Ok(Some(*b)),
        Data::Int(1) => Ok(Some(true)),
        Data::Int(0) => Ok(Some(false)),
        Data::Float(f) if *f == 1.0 => Ok(Some(true)),
        Data::Float(f) if *f == 0.0 => Ok(Some(false)),
        Data::String(s) => match clean(s).to_lowercase().as_str() {
            "" => Ok(None),
            "có" | "co" | "x" | "✓" | "✔" | "✅" | "yes" | "y" | "true" | "đúng" | "1" => {
                Ok(Some(true))
            }
            "không" | "khong" | "no" | "n" | "false" | "sai" | "0" | "-" => Ok(Some(false)),
            _ => Err(()),
        },
        Data::Empty => Ok(None),
        _ => Err(()),
    }
}

/// The serial number of 31/12/9999, the last day Excel knows.
const MAX_SERIAL: f64 = 2_958_465.0;

/// A date from a date cell, an Excel serial number, or text `dd/mm/yyyy` or `yyyy-mm-dd`.
fn day(d: &Data) -> Result<Option<Date>, ()> {
    let from_serial = |v: f64| {
        if !(1.0..=MAX_SERIAL).contains(&v) {
            return Err(());
        }
        let (y, m, d, ..) =
            calamine::ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false).to_ymd_hms_milli();
        Date::new(y, m, d).map(Some).ok_or(())
    };
    match d {
        // calamine turns a serial outside 1900–9999 (negative, NaN, huge) into its nearest
        // end date without a word: the range is checked first. The time of day is ignored.
        Data::DateTime(dt) => {
            if !dt.is_datetime() || !(1.0..MAX_SERIAL + 1.0).contains(&dt.as_f64()) {
                return Err(());
            }
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            Date::new(y, m, d).map(Some).ok_or(())
        }
        Data::Float(f) if f.fract() == 0.0 => from_serial(*f),
        Data::Int(i) => from_serial(*i as f64),
        Data::DateTimeIso(s) => s.get(..10).and_then(|s| s.parse().ok()).map(Some).ok_or(()),
        Data::String(s) => {
            let t = clean(s);
            if t.is_empty() {
                return Ok(None);
            }
            if let Ok(d) = t.parse::<Date>() {
                return Ok(Some(d));
            }
            let parts: Vec<&str> = t.split(['/', '-', '.']).map(str::trim).collect();
            match parts.as_slice() {
                [d, m, y] if y.len() == 4 => match (d.parse(), m.parse(), y.parse()) {
                    (Ok(d), Ok(m), Ok(y)) => Date::new(y, m, d).map(Some).ok_or(()),
                    _ => Err(()),
                },
                _ => Err(()),
            }
        }
        Data::Empty => Ok(None),
        _ => Err(()),
    }
}

/// Text as typed; a number typed into a text cell is read as its digits.
fn text(d: &Data) -> Option<String> {
    let t = match d {
        Data::String(s) => clean(s),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < EXACT => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        _ => String::new(),
    };
    (!t.is_empty()).then_some(t)
}

/// A unit code: digits; a code Excel stored as a number lost its leading zeros, which the
/// 5-digit administrative code list restores.
fn code(d: &Data) -> Option<String> {
    let t = text(d)?;
    match d {
        Data::Int(_) | Data::Float(_) if t.len() < 5 => Some(format!("{t:0>5}")),
        _ => Some(t),
    }
}

fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// TOML text built line by line, remembering the cell each field came from and the line
/// each field was written on, so that a problem of the evidence finds its cell by its field.
struct Toml {
    text: String,
    /// The cell (or sheet) of every field path written.
    cells: BTreeMap<FieldPath, Loc>,
    /// The field written on each line (0-based), if any.
    lines: Vec<Option<FieldPath>>,
}

impl Toml {
    fn line(&mut self, line: String, field: Option<(FieldPath, Loc)>) {
        self.text.push_str(&line);
        self.text.push('\n');
        self.lines.push(field.as_ref().map(|(f, _)| f.clone()));
        if let Some((field, loc)) = field {
            self.cells.insert(field, loc);
        }
    }

    /// The cell of a field, or of the nearest enclosing field written (`incidents[2]` for
    /// `incidents[2].note`, `inputs` for an input left out).
    fn cell_of(&self, field: &FieldPath) -> Option<&Loc> {
        let mut path = field.as_str();
        loop {
            if let Some(loc) = self.cells.get(&FieldPath::from(path)) {
                return Some(loc);
            }
            path = &path[..path.rfind(['.', '['])?];
        }
    }

    /// The field and cell of a line of the text, 1-based as diagnostics count.
    fn at_line(&self, line: usize) -> Option<(&FieldPath, &Loc)> {
        let field = self.lines.get(line.checked_sub(1)?)?.as_ref()?;
        Some((field, self.cells.get(field)?))
    }
}

/// A unit as read from cells, before TOML: every value with its cell.
#[derive(Default)]
struct RawUnit {
    header: Vec<(&'static str, String, Loc)>,
    inputs: Vec<(String, String, Loc)>,
    incidents: Vec<Vec<(&'static str, String, Loc)>>,
    /// Fields already reported as bad or missing; the engine's "missing" reports about them
    /// would say the same again.
    reported: BTreeSet<FieldPath>,
    code: Option<(String, Loc)>,
    name: Option<String>,
    first_loc: Option<Loc>,
}

impl RawUnit {
    fn toml(&self, file: &str, set: &CriteriaSet) -> Toml {
        let mut t = Toml {
            text: String::new(),
            cells: BTreeMap::new(),
            lines: Vec::new(),
        };
        t.line(
            format!(
                "# Imported from {} by {} — criteria set {}",
                std::path::Path::new(file)
                    .file_name()
                    .map_or(file.into(), |n| n.to_string_lossy()),
                crate::evaluate::report::ENGINE,
                set.id()
            ),
            None,
        );
        let sheet_of = |loc: &Loc| Loc {
            sheet: loc.sheet,
            cell: None,
        };
        let mut section = "";
        for (field, value, loc) in &self.header {
            let (sec, key) = field.split_once('.').unwrap_or(("", field));
            if sec != section {
                if !section.is_empty() {
                    t.line(String::new(), None);
                }
                t.line(
                    format!("[{sec}]"),
                    Some((FieldPath::from(sec), sheet_of(loc))),
                );
                section = sec;
            }
            t.line(
                format!("{key} = {value}"),
                Some((FieldPath::from(*field), loc.clone())),
            );
        }
        if !section.is_empty() {
            t.line(String::new(), None);
        }
        let inputs = FieldPath::from("inputs");
        let inputs_sheet = Loc {
            sheet: self
                .inputs
                .first()
                .map_or(SHEET_INPUTS, |(_, _, l)| l.sheet),
            cell: None,
        };
        t.line("[inputs]".to_string(), Some((inputs.clone(), inputs_sheet)));
        for (name, value, loc) in &self.inputs {
            t.line(
                format!("{name} = {value}"),
                Some((inputs.key(name), loc.clone())),
            );
        }
        for (i, incident) in self.incidents.iter().enumerate() {
            let entry = FieldPath::from("incidents").index(i);
            t.line(String::new(), None);
            let row = incident.first().map(|(_, _, l)| Loc {
                sheet: l.sheet,
                cell: l.cell.map(|(r, _)| (r, 0)),
            });
            t.line(
                "[[incidents]]".to_string(),
                row.map(|row| (entry.clone(), row)),
            );
            for (key, value, loc) in incident {
                t.line(
                    format!("{key} = {value}"),
                    Some((entry.key(key), loc.clone())),
                );
            }
        }
        t
    }
}

/// Reads one workbook: every unit it holds, validated; or every problem it has.
///
/// `year`, when given, is the round's year every period must lie in; a round workbook
/// otherwise uses the year on its "Thông tin" sheet.
pub fn import(
    file: &str,
    bytes: &[u8],
    set: &CriteriaSet,
    year: Option<u16>,
) -> Result<Imported, ImportError> {
    let mut p = Problems {
        file: file.to_string(),
        list: Vec::new(),
    };
    if bytes.len() as u64 > limits::FILE_BYTES {
        let problem = FileProblem::TooLarge {
            bytes: bytes.len() as u64,
            max: limits::FILE_BYTES,
        };
        p.put(None, FieldPath::whole_file(), problem);
        return Err(p.finish());
    }
    if let Err(problem) = check_archive(bytes) {
        p.add(None, problem);
        return Err(p.finish());
    }
    let mut wb = match Xlsx::new(Cursor::new(bytes)) {
        Ok(wb) => wb,
        Err(e) => {
            p.add(None, not_xlsx(&e));
            return Err(p.finish());
        }
    };
    let sheets = wb.sheet_names().len();
    if sheets > limits::SHEETS {
        p.add(
            None,
            WorkbookProblem::TooManySheets {
                sheets,
                max: limits::SHEETS,
            },
        );
        return Err(p.finish());
    }
    let sheets = [SHEET_META, SHEET_INFO, SHEET_INPUTS, SHEET_INCIDENTS]
        .map(|name| read_sheet(&mut wb, name, &mut p));
    let [Some(meta), Some(info), Some(inputs), Some(register)] = sheets else {
        return Err(p.finish());
    };
    let layout = match text(meta.get(META_LAYOUT.0, META_LAYOUT.1)).as_deref() {
        Some("unit") => Layout::Unit,
        Some("round") => Layout::Round,
        other => {
            p.add(
                Some(&Loc {
                    sheet: SHEET_META,
                    cell: Some(META_LAYOUT),
                }),
                WorkbookProblem::UnknownLayout {
                    found: other.map(str::to_string),
                },
            );
            return Err(p.finish());
        }
    };
    let made_for = text(meta.get(META_CRITERIA.0, META_CRITERIA.1)).unwrap_or_default();
    if made_for != set.id() {
        p.add(
            Some(&Loc {
                sheet: SHEET_META,
                cell: Some(META_CRITERIA),
            }),
            WorkbookProblem::OtherCriteria {
                found: made_for,
                expected: set.id().to_string(),
            },
        );
        return Err(p.finish());
    }
    let (mut units, round_toml, year) = match layout {
        Layout::Unit => (vec![read_unit(&info, &inputs, set, &mut p)], None, year),
        Layout::Round => {
            let (settings_toml, sheet_year) = read_round_info(&info, &mut p);
            let units = read_round_units(&inputs, set, year.or(sheet_year), &mut p);
            (units, settings_toml, year.or(sheet_year))
        }
    };
    read_incidents(&register, (layout, set), &mut units, &mut p);
    check_codes(&units, &mut p);
    let mut out = Vec::new();
    for raw in &units {
        let toml = raw.toml(file, set);
        let provisional = raw
            .code
            .as_ref()
            .and_then(|(c, _)| unit_file_name(c, raw.name.as_deref().unwrap_or(""), "toml"))
            .unwrap_or_else(|| "unit.toml".to_string());
        match Evidence::parse(&provisional, &toml.text, set, year) {
            Ok(evidence) => {
                let unit = evidence.unit();
                match unit_file_name(&unit.code, &unit.name, "toml") {
                    Some(file_name) => out.push(ImportedUnit {
                        file_name,
                        toml: toml.text,
                        evidence,
                    }),
                    None => {
                        let problem = ValueProblem::TooLong {
                            chars: unit.code.len(),
                            max: MAX_CODE_LEN,
                        };
                        let loc = raw.code.as_ref().map(|(_, l)| l);
                        p.put(loc, FieldPath::from(Field::UnitCode.id()), problem);
                    }
                }
            }
            Err(diags) => {
                for d in diags.0 {
                    evidence_problem(d, raw, &toml, &mut p);
                }
            }
        }
    }
    if !p.list.is_empty() {
        p.list.sort();
        p.list.dedup();
        return Err(p.finish());
    }
    Ok(Imported {
        layout,
        units: out,
        round_toml,
    })
}

/// A problem the evidence found in the TOML a unit's cells became, at the cell its field
/// came from. A duplicate names the cell of its first occurrence, found by the line the
/// problem gives, instead of that TOML line no clerk has seen.
fn evidence_problem(d: Diagnostic, raw: &RawUnit, toml: &Toml, p: &mut Problems) {
    // A cell reported blank or wrong is not missing from the evidence a second time, nor is
    // the section it would have opened (`[period]` when both its days are unreadable).
    let inside = |f: &FieldPath| {
        f.as_str()
            .strip_prefix(d.field.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
    };
    if matches!(d.problem, Problem::Value(ValueProblem::Missing { .. }))
        && raw.reported.iter().any(inside)
    {
        return;
    }
    let loc = toml.cell_of(&d.field).or(raw.first_loc.as_ref());
    let problem = match d.problem {
        Problem::Value(ValueProblem::Duplicate { value, first_line }) => {
            match toml.at_line(first_line) {
                Some((_, first)) => WorkbookProblem::Duplicate {
                    value,
                    first_sheet: first.sheet.to_string(),
                    first_cell: first.cell.map(|(r, c)| cell_name(r, c)).unwrap_or_default(),
                }
                .into(),
                None => ValueProblem::Duplicate { value, first_line }.into(),
            }
        }
        other => other,
    };
    p.put(loc, d.field, problem);
}

/// Rows of a per-unit sheet by the field id in column B.
fn rows_by_id(sheet: &Sheet) -> BTreeMap<String, u32> {
    (HEADER_ROW + 1..=sheet.last_row())
        .filter_map(|r| text(sheet.get(r, ID_COL)).map(|id| (id, r)))
        .collect()
}

/// The names of declared kinds, in both languages, for a problem that lists them.
fn labels<K>(declared: &[KindDef<K>]) -> Vec<Label> {
    declared
        .iter()
        .map(|k| Label {
            vi: k.label.vi.clone(),
            en: k.label.get(Lang::En).to_string(),
        })
        .collect()
}

/// What the cell of a field of the form holds.
fn cell_kind(field: Field, set: &CriteriaSet) -> CellKind {
    match field.shape() {
        Shape::Code => CellKind::UnitCode,
        Shape::Name | Shape::Note => CellKind::Text,
        Shape::UnitKind => CellKind::UnitKind {
            allowed: labels(set.unit_kinds()),
        },
        Shape::Class => CellKind::Class,
        Shape::Flag => CellKind::YesNo,
        Shape::Date => CellKind::Date,
        Shape::ShortCode => CellKind::IncidentId,
        Shape::IncidentKind => CellKind::IncidentKind {
            allowed: labels(set.incident_kinds()),
        },
        Shape::Role => CellKind::Role {
            allowed: Role::ALL
                .iter()
                .map(|r| Label {
                    vi: crate::words::form::role(*r, Lang::Vi).to_string(),
                    en: crate::words::form::role(*r, Lang::En).to_string(),
                })
                .collect(),
        },
    }
}

/// What the cell of an input holds.
fn input_kind(ty: InputType) -> CellKind {
    match ty {
        InputType::Count => CellKind::WholeNumber,
        InputType::Money => CellKind::Money,
        InputType::Bool => CellKind::YesNo,
        InputType::Decimal => CellKind::Decimal,
        InputType::Percent => CellKind::Percent,
    }
}

/// Reads a header field (unit or period) into TOML, or reports why it cannot be.
fn header_value(
    field: Field,
    (cell, loc): (&Data, &Loc),
    set: &CriteriaSet,
    raw: &mut RawUnit,
    p: &mut Problems,
) {
    // Ok(None): blank; Err(()): not what the cell is for.
    let value: Result<Option<String>, ()> = match field.shape() {
        Shape::Code => Ok(code(cell).map(|c| quote(&c))),
        Shape::UnitKind => match text(cell) {
            None => Ok(None),
            Some(t) => super::unit_kind(set, &t)
                .map(|k| Some(quote(k.id())))
                .ok_or(()),
        },
        Shape::Flag => flag(cell).map(|b| Some(b.unwrap_or(false).to_string())),
        Shape::Date => day(cell).map(|d| d.map(|d| d.to_string())),
        _ => Ok(text(cell).map(|t| quote(&t))),
    };
    let problem = match value {
        Ok(Some(v)) => {
            if field == Field::UnitCode {
                raw.code = code(cell).map(|c| (c, loc.clone()));
            }
            if field == Field::UnitName {
                raw.name = text(cell);
            }
            raw.header.push((field.id(), v, loc.clone()));
            return;
        }
        Ok(None) => WorkbookProblem::Blank {
            expected: cell_kind(field, set),
        },
        Err(()) => wrong(cell_kind(field, set), cell),
    };
    p.field(loc, field.id(), problem);
    raw.reported.insert(FieldPath::from(field.id()));
}

/// Reads an input's cell into TOML, or reports why it cannot be.
fn input_value(
    input: &crate::rules::criteria::Input,
    cell: &Data,
    loc: Loc,
    raw: &mut RawUnit,
    p: &mut Problems,
) {
    let value = match input.ty {
        InputType::Bool => flag(cell)
            .map(|b| b.map(|b| b.to_string()))
            .map_err(|()| NotWhole::Other),
        InputType::Count | InputType::Money => {
            whole(cell, input.ty == InputType::Money).map(|n| n.map(|n| n.to_string()))
        }
        // Written unquoted into the evidence, which checks its digits and range at its line.
        InputType::Decimal | InputType::Percent => decimal(cell)
            .map(|d| d.map(|d| d.to_string()))
            .map_err(|()| NotWhole::Other),
    };
    let expected = input_kind(input.ty);
    let problem = match value {
        Ok(Some(v)) => {
            raw.inputs.push((input.name.clone(), v, loc));
            return;
        }
        // An optional input left blank holds its default, as in a TOML file that omits it.
        Ok(None) if input.default.is_some() => return,
        Ok(None) => WorkbookProblem::Blank { expected },
        Err(NotWhole::TooLarge(max)) => WorkbookProblem::TooLarge {
            found: found(cell),
            max,
        },
        Err(NotWhole::Other) => wrong(expected, cell),
    };
    let field = FieldPath::from("inputs").key(&input.name);
    p.put(Some(&loc), field.clone(), problem);
    raw.reported.insert(field);
}

fn read_unit(info: &Sheet, inputs: &Sheet, set: &CriteriaSet, p: &mut Problems) -> RawUnit {
    let mut raw = RawUnit::default();
    let rows = rows_by_id(info);
    for &field in HEADER_FIELDS {
        match rows.get(field.id()) {
            Some(&r) => {
                let loc = at(SHEET_INFO, r, INFO_VALUE_COL);
                header_value(field, (info.get(r, INFO_VALUE_COL), &loc), set, &mut raw, p);
            }
            None => p.add(
                Some(&Loc {
                    sheet: SHEET_INFO,
                    cell: None,
                }),
                WorkbookProblem::NoRow {
                    field: field.id().to_string(),
                },
            ),
        }
    }
    let rows = rows_by_id(inputs);
    for input in set.inputs() {
        match rows.get(&input.name) {
            Some(&r) => {
                let loc = at(SHEET_INPUTS, r, INPUT_VALUE_COL);
                input_value(input, inputs.get(r, INPUT_VALUE_COL), loc, &mut raw, p);
            }
            // A form made before an optional input was declared: it holds its default.
            None if input.default.is_some() => {}
            None => {
                p.add(
                    Some(&Loc {
                        sheet: SHEET_INPUTS,
                        cell: None,
                    }),
                    WorkbookProblem::NoRow {
                        field: input.name.clone(),
                    },
                );
                raw.reported
                    .insert(FieldPath::from("inputs").key(&input.name));
            }
        }
    }
    raw.first_loc = Some(Loc {
        sheet: SHEET_INFO,
        cell: None,
    });
    raw
}

/// The round settings as `round.toml` text (validated) and the year, if readable.
fn read_round_info(info: &Sheet, p: &mut Problems) -> (Option<String>, Option<u16>) {
    let rows = rows_by_id(info);
    let mut out = String::new();
    let mut year = None;
    let mut complete = true;
    for setting in round_fields() {
        let field = setting.id();
        let Some(&r) = rows.get(field) else {
            complete = false;
            continue;
        };
        let cell = info.get(r, INFO_VALUE_COL);
        let loc = at(SHEET_INFO, r, INFO_VALUE_COL);
        let key = setting.key();
        let value = match setting {
            Setting::Year => match whole(cell, false) {
                Ok(Some(y)) => {
                    year = u16::try_from(y).ok();
                    Some(y.to_string())
                }
                Ok(None) => None,
                Err(_) => {
                    p.field(&loc, field, wrong(CellKind::Year, cell));
                    complete = false;
                    continue;
                }
            },
            Setting::DecisionDate => match day(cell) {
                Ok(d) => d.map(|d| d.to_string()),
                Err(()) => {
                    p.field(&loc, field, wrong(CellKind::Date, cell));
                    complete = false;
                    continue;
                }
            },
            _ => text(cell).map(|t| quote(&t)),
        };
        match value {
            Some(v) => out += &format!("{key} = {v}\n"),
            // Blank round settings only matter when round.toml is asked for.
            None if setting == Setting::Policy => {}
            None => complete = false,
        }
    }
    let settings = complete
        .then(|| toml::from_str::<RoundSettings>(&out).ok().map(|_| out))
        .flatten();
    (settings, year)
}

fn read_round_units(
    sheet: &Sheet,
    set: &CriteriaSet,
    year: Option<u16>,
    p: &mut Problems,
) -> Vec<RawUnit> {
    let cols: BTreeMap<String, u16> = (0..=sheet.last_col())
        .filter_map(|c| text(sheet.get(ROUND_ID_ROW, c)).map(|id| (id, c)))
        .collect();
    let mut missing = false;
    // An optional input may have no column (a workbook made before it was declared).
    let wanted = HEADER_FIELDS.iter().map(|f| f.id()).chain(
        set.inputs()
            .iter()
            .filter(|i| i.default.is_none())
            .map(|i| i.name.as_str()),
    );
    for field in wanted {
        if !cols.contains_key(field) {
            p.add(
                Some(&Loc {
                    sheet: SHEET_INPUTS,
                    cell: None,
                }),
                WorkbookProblem::NoColumn {
                    field: field.to_string(),
                },
            );
            missing = true;
        }
    }
    if missing {
        return Vec::new();
    }
    let mut units = Vec::new();
    for r in ROUND_ID_ROW + 1..=sheet.last_row() {
        if cols.values().all(|&c| is_blank(sheet.get(r, c))) {
            continue;
        }
        let mut raw = RawUnit::default();
        for &field in HEADER_FIELDS {
            let c = cols[field.id()];
            let loc = at(SHEET_INPUTS, r, c);
            let cell = sheet.get(r, c);
            // A blank period means the whole round year, the usual case.
            if field.section() == Section::Period
                && is_blank(cell)
                && let Some(y) = year
            {
                let d = if field == Field::PeriodFrom {
                    Date::new(y, 1, 1)
                } else {
                    Date::new(y, 12, 31)
                };
                if let Some(d) = d {
                    raw.header.push((field.id(), d.to_string(), loc));
                    continue;
                }
            }
            header_value(field, (cell, &loc), set, &mut raw, p);
        }
        for input in set.inputs() {
            if let Some(&c) = cols.get(&input.name) {
                input_value(input, sheet.get(r, c), at(SHEET_INPUTS, r, c), &mut raw, p);
            }
        }
        raw.first_loc = Some(at(SHEET_INPUTS, r, 0));
        units.push(raw);
    }
    if units.is_empty() {
        p.add(
            Some(&Loc {
                sheet: SHEET_INPUTS,
                cell: None,
            }),
            WorkbookProblem::NoUnit,
        );
    }
    units
}

fn read_incidents(
    sheet: &Sheet,
    (layout, set): (Layout, &CriteriaSet),
    units: &mut [RawUnit],
    p: &mut Problems,
) {
    let offset = u16::from(layout == Layout::Round);
    // Each field at its column; the note column is never read: it must not carry personal
    // data into the evidence.
    let read_fields: Vec<(u16, Field)> = INCIDENT_FIELDS
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, f)| *f != Field::IncidentNote)
        .map(|(i, f)| (offset + i as u16, f))
        .collect();
    let mut entries = vec![0; units.len().max(1)];
    for r in HEADER_ROW + 1..=sheet.last_row() {
        let mut read: Vec<u16> = read_fields.iter().map(|(c, _)| *c).collect();
        read.extend((offset > 0).then_some(0));
        if read.iter().all(|&c| is_blank(sheet.get(r, c))) {
            continue;
        }
        let target = if layout == Layout::Round {
            let cell = sheet.get(r, 0);
            let wanted = code(cell);
            match units
                .iter()
                .position(|u| u.code.as_ref().map(|(c, _)| c) == wanted.as_ref())
            {
                Some(i) if wanted.is_some() => i,
                _ => {
                    p.add(
                        Some(&at(SHEET_INCIDENTS, r, 0)),
                        WorkbookProblem::NotAUnitOfTheSheet {
                            found: found(cell),
                            sheet: SHEET_INPUTS.to_string(),
                        },
                    );
                    continue;
                }
            }
        } else {
            0
        };
        // The entry this row is in its unit's register, counting the rows in error too.
        let entry = FieldPath::from("incidents").index(entries[target]);
        entries[target] += 1;
        let mut fields = Vec::new();
        let mut whole = true;
        for &(c, field) in &read_fields {
            let cell = sheet.get(r, c);
            let loc = at(SHEET_INCIDENTS, r, c);
            let kind = || cell_kind(Field::IncidentKind, set);
            let value = match field.shape() {
                Shape::ShortCode => text(cell).map(|t| quote(&t)).ok_or(WorkbookProblem::Blank {
                    expected: CellKind::IncidentId,
                }),
                // Who approved a plan and when may be left blank: unknown.
                _ if !field.required() && is_blank(cell) => continue,
                Shape::Date => match day(cell) {
                    Ok(Some(d)) => Ok(d.to_string()),
                    Ok(None) => Err(WorkbookProblem::Blank {
                        expected: CellKind::Date,
                    }),
                    Err(()) => Err(wrong(CellKind::Date, cell)),
                },
                Shape::Role => match text(cell).and_then(|t| role(&t)) {
                    Some(r) => Ok(quote(r.id())),
                    None => Err(wrong(cell_kind(field, set), cell)),
                },
                Shape::IncidentKind => match text(cell).map(|t| super::incident_kind(set, &t)) {
                    Some(Some(k)) => Ok(quote(k.id())),
                    Some(None) => Err(wrong(kind(), cell)),
                    None => Err(WorkbookProblem::Blank { expected: kind() }),
                },
                _ => match flag(cell) {
                    Ok(b) => Ok(b.unwrap_or(false).to_string()),
                    Err(()) => Err(wrong(CellKind::YesNo, cell)),
                },
            };
            match value {
                Ok(v) => fields.push((field.key(), v, loc)),
                Err(problem) => {
                    p.put(Some(&loc), entry.key(field.key()), problem);
                    whole = false;
                }
            }
        }
        if let Some(unit) = units.get_mut(target)
            && whole
        {
            unit.incidents.push(fields);
        }
    }
}

/// An office from its id or its name in either language (as the form's list offers it).
fn role(text: &str) -> Option<Role> {
    let text = crate::base::printable::nfc(text.trim());
    Role::ALL.into_iter().find(|r| {
        r.id() == text
            || [Lang::Vi, Lang::En]
                .iter()
                .any(|l| crate::words::form::role(*r, *l) == text)
    })
}

/// A code used twice in one workbook: both rows are reported.
fn check_codes(units: &[RawUnit], p: &mut Problems) {
    let mut seen: BTreeMap<&str, &Loc> = BTreeMap::new();
    for (code, loc) in units.iter().filter_map(|u| u.code.as_ref()) {
        if let Some(first) = seen.insert(code, loc) {
            let problem = WorkbookProblem::Duplicate {
                value: code.clone(),
                first_sheet: first.sheet.to_string(),
                first_cell: first.cell.map(|(r, c)| cell_name(r, c)).unwrap_or_default(),
            };
            p.field(loc, Field::UnitCode.id(), problem);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names_are_a1_style() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(13, 3), "D14");
        assert_eq!(cell_name(1, 25), "Z2");
        assert_eq!(cell_name(1, 26), "AA2");
        assert_eq!(cell_name(9, 701), "ZZ10");
        assert_eq!(cell_name(9, 702), "AAA10");
    }

    #[test]
    fn numbers_as_people_type_them() {
        let s = |t: &str| Data::String(t.to_string());
        assert_eq!(whole(&s(" 1960 "), false), Ok(Some(1960)));
        assert_eq!(whole(&s("45.000.000"), true), Ok(Some(45_000_000)));
        assert_eq!(whole(&s("45,000,000 đ"), true), Ok(Some(45_000_000)));
        assert_eq!(whole(&Data::Float(64.0), false), Ok(Some(64)));
        assert_eq!(whole(&Data::Empty, false), Ok(None));
        assert_eq!(whole(&s("12,5"), false), Err(NotWhole::Other));
        assert_eq!(whole(&s("1.96"), false), Err(NotWhole::Other));
        assert_eq!(whole(&Data::Float(12.5), false), Err(NotWhole::Other));
        assert_eq!(whole(&Data::Float(-3.0), false), Err(NotWhole::Other));
        assert_eq!(whole(&s("12 trẻ"), false), Err(NotWhole::Other));
        assert_eq!(whole(&Data::Float(f64::NAN), false), Err(NotWhole::Other));
        assert_eq!(whole(&Data::Int(-1), false), Err(NotWhole::Other));
        let too_large = Err(NotWhole::TooLarge(LARGEST));
        assert_eq!(whole(&s("9223372036854775807"), false), Ok(Some(LARGEST)));
        assert_eq!(whole(&s("9223372036854775808"), false), too_large);
        assert_eq!(whole(&s("18446744073709551616"), false), too_large);
        assert_eq!(whole(&s(&"9".repeat(400)), false), too_large);
        assert_eq!(
            whole(&Data::Float(1e20), false),
            Err(NotWhole::TooLarge(EXACT as u64))
        );
    }

    #[test]
    fn decimals_as_people_type_them() {
        let s = |t: &str| Data::String(t.to_string());
        let d = |t: &str| Ok(Some(t.parse::<Decimal>().unwrap()));
        assert_eq!(decimal(&Data::Float(7.5)), d("7.5"));
        assert_eq!(decimal(&Data::Float(0.1)), d("0.1"));
        assert_eq!(decimal(&Data::Int(12)), d("12"));
        assert_eq!(decimal(&s("7,5")), d("7.5"));
        assert_eq!(decimal(&s(" 7.5 % ")), d("7.5"));
        assert_eq!(decimal(&s("")), Ok(None));
        assert_eq!(decimal(&Data::Empty), Ok(None));
        // A computed 0.1 + 0.2 is not 0.3: its digits are kept, and the evidence refuses them.
        assert_eq!(decimal(&Data::Float(0.1 + 0.2)), d("0.30000000000000004"));
        assert_eq!(decimal(&s("1.234,5")), Err(()));
        assert_eq!(decimal(&s("bảy")), Err(()));
        assert_eq!(decimal(&Data::Float(f64::NAN)), Err(()));
        assert_eq!(decimal(&Data::Bool(true)), Err(()));
    }

    /// Every decimal of at most 15 significant digits (all Excel keeps of a typed number),
    /// stored as the nearest double, reads back as exactly the digits typed.
    #[test]
    fn a_typed_decimal_reads_back_exactly_from_its_double() {
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..200_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let digits = 1 + (seed % 15) as u32;
            let mantissa = (seed >> 8) % 10u64.pow(digits);
            let scale = ((seed >> 4) % 16) as u32;
            let typed = Decimal::from_i128_with_scale(i128::from(mantissa), scale.min(28));
            let stored: f64 = typed.to_string().parse().unwrap();
            assert_eq!(
                decimal(&Data::Float(stored)).map(|v| v.map(|v| v.normalize())),
                Ok(Some(typed.normalize())),
                "{typed}"
            );
        }
    }

    #[test]
    fn yes_no_and_dates_as_people_type_them() {
        let s = |t: &str| Data::String(t.to_string());
        for yes in ["Có", "có ", "X", "x", "✓", "TRUE"] {
            assert_eq!(flag(&s(yes)), Ok(Some(true)), "{yes}");
        }
        assert_eq!(flag(&s("Không")), Ok(Some(false)));
        assert_eq!(flag(&Data::Bool(false)), Ok(Some(false)));
        assert_eq!(flag(&s("có lẽ")), Err(()));
        let d = |t| Date::new(2024, 7, t);
        assert_eq!(day(&s("02/07/2024")), Ok(d(2)));
        assert_eq!(day(&s("2/7/2024")), Ok(d(2)));
        assert_eq!(day(&s("2024-07-02")), Ok(d(2)));
        assert_eq!(day(&Data::Float(45475.0)), Ok(d(2)));
        assert_eq!(day(&s("31/02/2024")), Err(()));
        assert_eq!(day(&s("tháng 7")), Err(()));
        for serial in [-1.0, 0.0, 0.5, 2_958_466.0, 1e300, f64::NAN, f64::INFINITY] {
            assert_eq!(day(&Data::Float(serial)), Err(()), "{serial}");
            let cell = calamine::ExcelDateTime::new(serial, ExcelDateTimeType::DateTime, false);
            assert_eq!(day(&Data::DateTime(cell)), Err(()), "{serial}");
        }
        assert_eq!(day(&Data::Float(45475.25)), Err(()));
        assert_eq!(day(&Data::Int(-45475)), Err(()));
        let noon = calamine::ExcelDateTime::new(45475.5, ExcelDateTimeType::DateTime, false);
        assert_eq!(day(&Data::DateTime(noon)), Ok(d(2)));
        let last = calamine::ExcelDateTime::new(2_958_465.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(day(&Data::DateTime(last)), Ok(Date::new(9999, 12, 31)));
    }
}
