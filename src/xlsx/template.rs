//! The workbook to fill in, generated from a criteria set (optionally pre-filled from a round).

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Formula, ProtectionOptions, Workbook, Worksheet,
};

use super::{
    HEADER_FIELDS, SHEET_GUIDE, SHEET_INCIDENTS, SHEET_INFO, SHEET_INPUTS, SHEET_META, XlsxError,
    round_fields,
};
use crate::base::date::Date;
use crate::base::lang::Lang;
use crate::evaluate::round::RoundSettings;
use crate::evidence::{Evidence, Value};
use crate::form::{Field, INCIDENT_FIELDS, Role, Setting};
use crate::rules::criteria::{CriteriaSet, Input, InputType};
use crate::words::form::{self, GuideLayout, Invalid, Requirement};

/// Which workbook to make.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// One unit: the unit header on "Thông tin", one row per input on "Chỉ tiêu".
    Unit,
    /// A district's compilation: one row per unit and one column per input on "Chỉ tiêu".
    Round,
}

impl Layout {
    pub(crate) fn id(self) -> &'static str {
        match self {
            Layout::Unit => "unit",
            Layout::Round => "round",
        }
    }
}

/// Values to start from: last year's round, so that a council only edits what changed.
#[derive(Clone, Debug, Default)]
pub struct Prefill {
    /// The round's settings, shown on the round workbook's "Thông tin".
    pub settings: Option<RoundSettings>,
    /// The units' evidence; a unit workbook takes the first.
    pub units: Vec<Evidence>,
}

/// What [`template`] needs besides the criteria set.
#[derive(Clone, Debug)]
pub struct TemplateOptions {
    /// Per unit or per round.
    pub layout: Layout,
    /// The year of the period offered when nothing is pre-filled.
    pub year: u16,
    /// The criteria path offered on a round workbook when nothing is pre-filled.
    pub criteria_path: String,
    /// Values to pre-fill.
    pub prefill: Prefill,
}

// Layout coordinates shared with the importer (0-based rows and columns).
/// Header row of "Thông tin", "Chỉ tiêu" (per unit) and "Sự việc"; data starts below it.
pub(crate) const HEADER_ROW: u32 = 1;
/// Per unit: the column holding each row's field id ("Thông tin", "Chỉ tiêu").
pub(crate) const ID_COL: u16 = 1;
/// Per unit: the value column of "Thông tin".
pub(crate) const INFO_VALUE_COL: u16 = 2;
/// Per unit: the value column of "Chỉ tiêu".
pub(crate) const INPUT_VALUE_COL: u16 = 3;
/// Per round: the row of field ids on "Chỉ tiêu", under the labels.
pub(crate) const ROUND_ID_ROW: u32 = 1;

/// The widths of the incident register's columns, in the order of [`INCIDENT_FIELDS`].
const INCIDENT_WIDTHS: [f64; INCIDENT_FIELDS.len()] =
    [14.0, 13.0, 24.0, 11.0, 14.0, 34.0, 30.0, 14.0];

/// The hidden sheet's keys, read back by the importer.
pub(crate) const META_LAYOUT: (u32, u16) = (0, 1);
pub(crate) const META_CRITERIA: (u32, u16) = (1, 1);

/// Widths of the label and constraint columns of a unit's "Chỉ tiêu".
const LABEL_WIDTH: f64 = 50.0;
const RULE_WIDTH: f64 = 42.0;

/// Empty rows offered below pre-filled ones.
const SPARE_ROWS: u32 = 40;

/// The formats of a workbook, made once.
struct Styles {
    title: Format,
    header: Format,
    label: Format,
    id: Format,
    text_value: Format,
    number_value: Format,
    money_value: Format,
    date_value: Format,
    note: Format,
    warning: Format,
}

impl Styles {
    fn new() -> Styles {
        let base = Format::new().set_font_name("Arial").set_font_size(10);
        let cell = base.clone().set_border(FormatBorder::Thin).set_text_wrap();
        let value = cell
            .clone()
            .set_unlocked()
            .set_background_color(Color::RGB(0xFFF8DC));
        Styles {
            title: base.clone().set_bold().set_font_size(13),
            header: cell
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0xD9E1F2))
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            label: cell.clone().set_align(FormatAlign::VerticalCenter),
            id: cell
                .clone()
                .set_font_name("Consolas")
                .set_font_size(9)
                .set_font_color(Color::RGB(0x595959)),
            text_value: value.clone().set_num_format("@"),
            number_value: value.clone().set_num_format("0"),
            money_value: value.clone().set_num_format("#,##0"),
            date_value: value.set_num_format("dd/mm/yyyy"),
            note: base.clone().set_text_wrap().set_align(FormatAlign::Top),
            warning: base
                .set_bold()
                .set_font_color(Color::RGB(0xC00000))
                .set_text_wrap(),
        }
    }
}

fn excel_date(d: Date) -> Result<ExcelDateTime, XlsxError> {
    Ok(ExcelDateTime::from_ymd(d.year(), d.month(), d.day())?)
}

fn list(range: &str, message: &str, lang: Lang) -> Result<DataValidation, XlsxError> {
    Ok(DataValidation::new()
        .allow_list_formula(Formula::new(format!("={SHEET_META}!{range}")))
        .set_error_title(form::invalid_title(lang))?
        .set_error_message(message)?)
}

/// The validations of the workbook, keyed by what a cell holds.
struct Rules {
    count: DataValidation,
    money: DataValidation,
    yes_no: DataValidation,
    date: DataValidation,
    incident_kind: DataValidation,
    role: DataValidation,
    unit_kind: DataValidation,
    class: DataValidation,
    /// Per input, in declaration order: the number format and validation of a decimal, a
    /// percentage or a number with a declared `max` (the others share the rules above).
    bounded: Vec<Option<(String, DataValidation)>>,
}

/// The number format and validation of an input with a range of its own, if it has one.
fn bounded_rule(input: &Input, lang: Lang) -> Result<Option<(String, DataValidation)>, XlsxError> {
    use rust_decimal::prelude::ToPrimitive;
    if !input.ty.is_decimal() && input.max.is_none() || input.ty == InputType::Bool {
        return Ok(None);
    }
    let digits = input.decimals.unwrap_or(0) as usize;
    let format = match (input.ty, digits) {
        (InputType::Money, _) => "#,##0".to_string(),
        (_, 0) => "0".to_string(),
        (_, d) => format!("0.{}", "0".repeat(d)),
    };
    // Only the form's own check, as Excel can hold it: the import reads the value exactly
    // and checks the range and digits again.
    let (lo, hi) = (
        input.lowest().to_f64().unwrap_or(0.0),
        input.highest().to_f64().unwrap_or(f64::MAX),
    );
    let (rule, message) =
        match input.ty {
            InputType::Count => (
                match (
                    i32::try_from(input.lowest().to_i64().unwrap_or(0)),
                    i32::try_from(input.highest().to_i64().unwrap_or(i64::MAX)),
                ) {
                    (Ok(lo), Ok(hi)) => DataValidation::new()
                        .allow_whole_number(DataValidationRule::Between(lo, hi)),
                    _ => DataValidation::new()
                        .allow_decimal_number(DataValidationRule::Between(lo, hi)),
                },
                form::enter_whole(&form::input_range(input, lang), false, lang),
            ),
            InputType::Money => (
                DataValidation::new().allow_decimal_number(DataValidationRule::Between(lo, hi)),
                form::enter_whole(&form::input_range(input, lang), true, lang),
            ),
            _ => (
                if input.unbounded_above() {
                    DataValidation::new()
                        .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(lo))
                } else {
                    DataValidation::new().allow_decimal_number(DataValidationRule::Between(lo, hi))
                },
                form::enter(
                    &Requirement::Decimal {
                        percent: input.ty == InputType::Percent,
                        range: form::input_range(input, lang),
                        digits: digits as u32,
                    },
                    lang,
                ),
            ),
        };
    Ok(Some((
        format,
        rule.set_error_title(form::invalid_title(lang))?
            .set_error_message(message)?,
    )))
}

impl Rules {
    fn new(set: &CriteriaSet, lang: Lang) -> Result<Rules, XlsxError> {
        let error = |v: DataValidation, msg: &str| -> Result<DataValidation, XlsxError> {
            Ok(v.set_error_title(form::invalid_title(lang))?
                .set_error_message(msg)?)
        };
        let kinds: Vec<&str> = set.unit_kinds().iter().map(|k| k.label.get(lang)).collect();
        let first = ExcelDateTime::from_ymd(1990, 1, 1)?;
        let last = ExcelDateTime::from_ymd(2099, 12, 31)?;
        Ok(Rules {
            count: error(
                DataValidation::new()
                    .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0)),
                form::invalid(Invalid::Count, lang),
            )?,
            money: error(
                DataValidation::new()
                    .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0)),
                form::invalid(Invalid::Money, lang),
            )?,
            yes_no: list("$B$4:$B$5", form::invalid(Invalid::YesNo, lang), lang)?,
            date: error(
                DataValidation::new().allow_date(DataValidationRule::Between(first, last)),
                form::invalid(Invalid::Date, lang),
            )?,
            incident_kind: list(
                &format!("$D$1:$D${}", set.incident_kinds().len().max(1)),
                form::invalid(Invalid::IncidentKind, lang),
                lang,
            )?,
            role: list(
                &format!("$G$1:$G${}", Role::ALL.len()),
                form::invalid(Invalid::Role, lang),
                lang,
            )?,
            unit_kind: list(
                &format!("$E$1:$E${}", set.unit_kinds().len().max(1)),
                &form::choose(&kinds, lang),
                lang,
            )?,
            class: list(
                &format!("$F$1:$F${}", set.classes().len().max(1)),
                form::invalid(Invalid::Class, lang),
                lang,
            )?,
            bounded: set
                .inputs()
                .iter()
                .map(|i| bounded_rule(i, lang))
                .collect::<Result<_, _>>()?,
        })
    }
}

/// A value written into an editable cell.
enum Cell<'a> {
    Text(&'a str),
    Number(u64),
    Money(u64),
    Decimal(rust_decimal::Decimal),
    Flag(Option<bool>),
    Day(Option<Date>),
    Blank,
}

/// What an empty editable cell is for, to give it the right format and validation.
#[derive(Clone, Copy)]
enum Kind {
    Text,
    Count,
    Money,
    Flag,
    Day,
    UnitType,
    Class,
    IncidentType,
    Role,
    /// The input at this position, with its own format and range (see `Rules::bounded`).
    Bounded(usize),
}

fn text_cell(t: Option<&str>) -> Cell<'_> {
    t.map_or(Cell::Blank, Cell::Text)
}

fn input_kind(rules: &Rules, index: usize, input: &Input) -> Kind {
    if rules.bounded.get(index).is_some_and(Option::is_some) {
        return Kind::Bounded(index);
    }
    match input.ty {
        InputType::Count => Kind::Count,
        InputType::Money => Kind::Money,
        InputType::Bool => Kind::Flag,
        // Always bounded (see `bounded_rule`); a plain number cell otherwise.
        InputType::Decimal | InputType::Percent => Kind::Count,
    }
}

fn input_cell(input: &Input, value: Option<Value>) -> Cell<'static> {
    match (input.ty, value) {
        (InputType::Bool, Some(Value::Bool(b))) => Cell::Flag(Some(b)),
        (InputType::Count, Some(Value::Number(n))) => Cell::Number(n),
        (InputType::Money, Some(Value::Number(n))) => Cell::Money(n),
        (InputType::Decimal | InputType::Percent, Some(Value::Decimal(d))) => Cell::Decimal(d),
        _ => Cell::Blank,
    }
}

/// The most significant digits an Excel number keeps: a decimal with more is written as
/// text, which the import reads as exactly.
const EXCEL_DIGITS: usize = 15;

/// Writes an editable cell with its format and validation.
fn put(
    ws: &mut Worksheet,
    st: &Styles,
    rules: &Rules,
    (row, col): (u32, u16),
    (kind, cell): (Kind, Cell),
    lang: Lang,
) -> Result<(), XlsxError> {
    let own;
    let (format, rule) = match kind {
        Kind::Bounded(i) => match rules.bounded.get(i).and_then(Option::as_ref) {
            Some((pattern, rule)) => {
                own = st.number_value.clone().set_num_format(pattern);
                (&own, Some(rule))
            }
            None => (&st.number_value, None),
        },
        Kind::Text => (&st.text_value, None),
        Kind::Count => (&st.number_value, Some(&rules.count)),
        Kind::Money => (&st.money_value, Some(&rules.money)),
        Kind::Flag => (&st.text_value, Some(&rules.yes_no)),
        Kind::Day => (&st.date_value, Some(&rules.date)),
        Kind::UnitType => (&st.text_value, Some(&rules.unit_kind)),
        Kind::Class => (&st.text_value, Some(&rules.class)),
        Kind::IncidentType => (&st.text_value, Some(&rules.incident_kind)),
        Kind::Role => (&st.text_value, Some(&rules.role)),
    };
    match cell {
        Cell::Text(t) => ws.write_string_with_format(row, col, t, format)?,
        // Counts and VND are far below 2^53, where an Excel number is exact.
        Cell::Number(n) | Cell::Money(n) => {
            ws.write_number_with_format(row, col, n as f64, format)?
        }
        // A number of at most 15 significant digits is the nearest double to the decimal,
        // and Excel stores and shows it as those very digits; the import reads it back exactly.
        Cell::Decimal(d) => match d.normalize().mantissa().unsigned_abs().to_string().len() {
            n if n <= EXCEL_DIGITS => {
                let number: f64 = d.to_string().parse().unwrap_or(0.0);
                ws.write_number_with_format(row, col, number, format)?
            }
            _ => ws.write_string_with_format(row, col, d.to_string(), format)?,
        },
        Cell::Flag(Some(b)) => {
            let (yes, no) = form::yes_no(lang);
            ws.write_string_with_format(row, col, if b { yes } else { no }, format)?
        }
        Cell::Day(Some(d)) => ws.write_datetime_with_format(row, col, excel_date(d)?, format)?,
        Cell::Flag(None) | Cell::Day(None) | Cell::Blank => ws.write_blank(row, col, format)?,
    };
    if let Some(rule) = rule {
        ws.add_data_validation(row, col, row, col, rule)?;
    }
    Ok(())
}

/// Sets a row tall enough for its wrapped texts: spreadsheet programs do not grow rows of a
/// generated file by themselves, and a cut label is a misread form.
fn fit_row(ws: &mut Worksheet, row: u32, texts: &[(&str, f64)]) -> Result<(), XlsxError> {
    let lines = texts
        .iter()
        .map(|(t, width)| {
            // About 1.15 characters of Arial 10 per unit of column width, less the padding.
            let per_line = ((width - 1.0) * 1.15).max(1.0) as usize;
            t.chars().count().div_ceil(per_line).max(1)
        })
        .max()
        .unwrap_or(1);
    if lines > 1 {
        ws.set_row_height(row, 13.0 * lines as f64 + 2.0)?;
    }
    Ok(())
}

fn protect(ws: &mut Worksheet) {
    ws.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    });
}

fn a4(ws: &mut Worksheet, landscape: bool, header_rows: u32, lang: Lang) -> Result<(), XlsxError> {
    ws.set_paper_size(9);
    if landscape {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_repeat_rows(0, header_rows.saturating_sub(1))?;
    ws.set_footer(form::footer(lang));
    Ok(())
}

fn headers(
    ws: &mut Worksheet,
    st: &Styles,
    row: u32,
    cols: &[(&str, f64)],
) -> Result<(), XlsxError> {
    for (c, (text, width)) in cols.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(row, c, *text, &st.header)?;
        ws.set_column_width(c, *width)?;
    }
    Ok(())
}

/// Generates the workbook in Vietnamese, the council's language: [`template_in`] with
/// [`Lang::Vi`].
///
/// ```
/// use cfc::xlsx::{Layout, TemplateOptions, template};
/// let set = cfc::CriteriaSet::load("criteria/qd-06-2019.toml").unwrap();
/// let opts = TemplateOptions { layout: Layout::Unit, year: 2025, criteria_path: String::new(), prefill: Default::default() };
/// let a = template(&set, &opts).unwrap();
/// assert_eq!(a, template(&set, &opts).unwrap());
/// assert_eq!(&a[..2], b"PK");
/// ```
pub fn template(set: &CriteriaSet, opts: &TemplateOptions) -> Result<Vec<u8>, XlsxError> {
    template_in(set, opts, Lang::Vi)
}

/// Generates the workbook with its words (titles, headers, labels, hints, validation
/// messages, the guide, the drop-down lists) in `lang`. Sheet names and field ids are the
/// same in every language, so that [`import`](super::import()) reads a form of either. The
/// bytes depend only on the arguments: the document date is the round's decision date (or
/// 1 January of the year), never the clock.
pub fn template_in(
    set: &CriteriaSet,
    opts: &TemplateOptions,
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let st = Styles::new();
    let rules = Rules::new(set, lang)?;
    let mut wb = Workbook::new();
    let date = match &opts.prefill.settings {
        Some(s) => excel_date(s.decision_date)?,
        None => ExcelDateTime::from_ymd(opts.year, 1, 1)?,
    };
    wb.set_properties(
        &DocProperties::new()
            .set_title(form::document_title(set.title().get(lang), lang))
            .set_subject(set.legal_basis())
            .set_author(crate::evaluate::report::ENGINE)
            .set_creation_datetime(&date),
    );
    let year = opts.prefill.settings.as_ref().map_or(opts.year, |s| s.year);
    let form = Form {
        set,
        st: &st,
        rules: &rules,
        lang,
    };
    match opts.layout {
        Layout::Unit => {
            let ev = opts.prefill.units.first();
            form.unit_info(wb.add_worksheet(), ev, year)?;
            form.unit_inputs(wb.add_worksheet(), ev)?;
        }
        Layout::Round => {
            form.round_info(wb.add_worksheet(), opts)?;
            form.round_inputs(wb.add_worksheet(), &opts.prefill.units)?;
        }
    }
    form.incidents(wb.add_worksheet(), opts)?;
    form.guide(wb.add_worksheet(), opts.layout)?;
    form.meta(wb.add_worksheet(), opts.layout)?;
    Ok(wb.save_to_buffer()?)
}

/// What every sheet of one workbook is made with.
struct Form<'a> {
    set: &'a CriteriaSet,
    st: &'a Styles,
    rules: &'a Rules,
    lang: Lang,
}

fn title(
    ws: &mut Worksheet,
    st: &Styles,
    name: &str,
    text: &str,
    last_col: u16,
) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    ws.merge_range(0, 0, 0, last_col, text, &st.title)?;
    ws.set_row_height(0, 22)?;
    Ok(())
}

impl Form<'_> {
    fn put(&self, ws: &mut Worksheet, at: (u32, u16), cell: (Kind, Cell)) -> Result<(), XlsxError> {
        put(ws, self.st, self.rules, at, cell, self.lang)
    }

    fn finish(
        &self,
        ws: &mut Worksheet,
        landscape: bool,
        header_rows: u32,
    ) -> Result<(), XlsxError> {
        ws.set_freeze_panes(header_rows, 0)?;
        a4(ws, landscape, header_rows, self.lang)?;
        protect(ws);
        Ok(())
    }

    fn unit_info(
        &self,
        ws: &mut Worksheet,
        ev: Option<&Evidence>,
        year: u16,
    ) -> Result<(), XlsxError> {
        let (set, st, lang) = (self.set, self.st, self.lang);
        title(ws, st, SHEET_INFO, form::unit_info_title(lang), 3)?;
        let widths = [30.0, 16.0, 28.0, 36.0];
        let cols: Vec<(&str, f64)> = form::info_headers(lang).into_iter().zip(widths).collect();
        headers(ws, st, HEADER_ROW, &cols)?;
        let period_from = ev
            .map(|e| e.period().from)
            .or_else(|| Date::new(year, 1, 1));
        let period_to = ev
            .map(|e| e.period().to)
            .or_else(|| Date::new(year, 12, 31));
        let kinds: Vec<&str> = set.unit_kinds().iter().map(|k| k.label.get(lang)).collect();
        let kinds = form::either(&kinds, lang);
        for (i, field) in HEADER_FIELDS.iter().copied().enumerate() {
            let row = HEADER_ROW + 1 + i as u32;
            let (label, hint) = form::field_label(field, lang);
            ws.write_string_with_format(row, 0, label, &st.label)?;
            ws.write_string_with_format(row, ID_COL, field.id(), &st.id)?;
            let hint = if field == Field::UnitKind {
                &kinds
            } else {
                hint
            };
            ws.write_string_with_format(row, 3, hint, &st.label)?;
            let u = ev.map(|e| e.unit());
            let cell = match field {
                Field::UnitCode => (Kind::Text, u.map_or(Cell::Blank, |u| Cell::Text(&u.code))),
                Field::UnitName => (Kind::Text, u.map_or(Cell::Blank, |u| Cell::Text(&u.name))),
                Field::UnitKind => (
                    Kind::UnitType,
                    u.map_or(Cell::Blank, |u| {
                        Cell::Text(set.unit_kind_word(&u.kind, lang))
                    }),
                ),
                Field::UnitClass => (Kind::Class, u.map_or(Cell::Blank, |u| Cell::Text(&u.class))),
                Field::UnitSynthetic => {
                    (Kind::Flag, Cell::Flag(Some(u.is_some_and(|u| u.synthetic))))
                }
                Field::PeriodFrom => (Kind::Day, Cell::Day(period_from)),
                _ => (Kind::Day, Cell::Day(period_to)),
            };
            self.put(ws, (row, INFO_VALUE_COL), cell)?;
        }
        self.finish(ws, false, HEADER_ROW + 1)
    }

    fn unit_inputs(&self, ws: &mut Worksheet, ev: Option<&Evidence>) -> Result<(), XlsxError> {
        let (set, st, lang) = (self.set, self.st, self.lang);
        title(
            ws,
            st,
            SHEET_INPUTS,
            &form::inputs_title(set.title().get(lang), lang),
            4,
        )?;
        let widths = [LABEL_WIDTH, 27.0, 10.0, 13.0, RULE_WIDTH];
        let cols: Vec<(&str, f64)> = form::inputs_headers(lang).into_iter().zip(widths).collect();
        headers(ws, st, HEADER_ROW, &cols)?;
        for (i, input) in set.inputs().iter().enumerate() {
            let row = HEADER_ROW + 1 + i as u32;
            let label = input.label.get(lang);
            ws.write_string_with_format(row, 0, label, &st.label)?;
            ws.write_string_with_format(row, ID_COL, &input.name, &st.id)?;
            let unit = input.unit.as_ref().map_or("", |u| u.get(lang));
            ws.write_string_with_format(row, 2, unit, &st.label)?;
            let words = form::constraint_words(set, input, lang);
            ws.write_string_with_format(row, 4, &words, &st.label)?;
            fit_row(ws, row, &[(label, LABEL_WIDTH), (&words, RULE_WIDTH)])?;
            let value = ev.map(|e| e.values()[i]);
            let cell = (input_kind(self.rules, i, input), input_cell(input, value));
            self.put(ws, (row, INPUT_VALUE_COL), cell)?;
        }
        self.finish(ws, false, HEADER_ROW + 1)
    }

    fn round_info(&self, ws: &mut Worksheet, opts: &TemplateOptions) -> Result<(), XlsxError> {
        let (st, lang) = (self.st, self.lang);
        title(ws, st, SHEET_INFO, form::round_info_title(lang), 3)?;
        let widths = [30.0, 22.0, 60.0, 36.0];
        let cols: Vec<(&str, f64)> = form::info_headers(lang).into_iter().zip(widths).collect();
        headers(ws, st, HEADER_ROW, &cols)?;
        let rules_unused = DataValidation::new().allow_any_value();
        let s = opts.prefill.settings.as_ref();
        for (i, setting) in round_fields().enumerate() {
            let row = HEADER_ROW + 1 + i as u32;
            let (label, hint) = form::setting_label(setting, lang);
            ws.write_string_with_format(row, 0, label, &st.label)?;
            ws.write_string_with_format(row, ID_COL, setting.id(), &st.id)?;
            ws.write_string_with_format(row, 3, hint, &st.label)?;
            let text = |f: fn(&RoundSettings) -> String| s.map(f).unwrap_or_default();
            let col = INFO_VALUE_COL;
            match setting {
                Setting::Year => {
                    let year = s.map_or(opts.year, |s| s.year);
                    ws.write_number_with_format(row, col, f64::from(year), &st.number_value)?;
                }
                Setting::DecisionDate => match s {
                    Some(s) => {
                        ws.write_datetime_with_format(
                            row,
                            col,
                            excel_date(s.decision_date)?,
                            &st.date_value,
                        )?;
                    }
                    None => {
                        ws.write_blank(row, col, &st.date_value)?;
                    }
                },
                other => {
                    let value = match other {
                        Setting::Name => text(|s| s.name.clone()),
                        Setting::Criteria => s.map_or(opts.criteria_path.clone(), |s| {
                            s.criteria.display().to_string()
                        }),
                        Setting::Policy => text(|s| {
                            s.policy
                                .as_ref()
                                .map(|p| p.display().to_string())
                                .unwrap_or_default()
                        }),
                        Setting::Authority => text(|s| s.authority.clone()),
                        Setting::Council => text(|s| s.council.clone()),
                        _ => text(|s| s.place.clone()),
                    };
                    ws.write_string_with_format(row, col, value, &st.text_value)?;
                }
            }
            ws.add_data_validation(row, col, row, col, &rules_unused)?;
        }
        self.finish(ws, false, HEADER_ROW + 1)
    }

    fn round_inputs(&self, ws: &mut Worksheet, units: &[Evidence]) -> Result<(), XlsxError> {
        let (set, st, lang) = (self.set, self.st, self.lang);
        ws.set_name(SHEET_INPUTS)?;
        let first = HEADER_FIELDS.len() as u16;
        for (c, (field, width)) in HEADER_FIELDS
            .iter()
            .copied()
            .zip(ROUND_HEADER_WIDTHS)
            .enumerate()
        {
            let c = c as u16;
            let label = form::field_column(field, lang);
            ws.write_string_with_format(0, c, label, &st.header)?;
            ws.write_string_with_format(ROUND_ID_ROW, c, field.id(), &st.id)?;
            ws.set_column_width(c, width)?;
        }
        for (i, input) in set.inputs().iter().enumerate() {
            let c = first + i as u16;
            let unit = input
                .unit
                .as_ref()
                .map(|u| format!(" ({})", u.get(lang)))
                .unwrap_or_default();
            let label = format!("{}{unit}", input.label.get(lang));
            ws.write_string_with_format(0, c, label, &st.header)?;
            ws.write_string_with_format(ROUND_ID_ROW, c, &input.name, &st.id)?;
            ws.set_column_width(c, 14.0)?;
        }
        ws.set_row_height(0, 96)?;
        let rows = units.len() as u32 + SPARE_ROWS;
        for r in 0..rows {
            let row = ROUND_ID_ROW + 1 + r;
            let ev = units.get(r as usize);
            let u = ev.map(|e| e.unit());
            let cells = [
                (Kind::Text, text_cell(u.map(|u| u.code.as_str()))),
                (Kind::Text, text_cell(u.map(|u| u.name.as_str()))),
                (
                    Kind::UnitType,
                    text_cell(u.map(|u| set.unit_kind_word(&u.kind, lang))),
                ),
                (Kind::Class, text_cell(u.map(|u| u.class.as_str()))),
                (Kind::Flag, Cell::Flag(u.map(|u| u.synthetic))),
                (Kind::Day, Cell::Day(ev.map(|e| e.period().from))),
                (Kind::Day, Cell::Day(ev.map(|e| e.period().to))),
            ];
            for (c, cell) in cells.into_iter().enumerate() {
                self.put(ws, (row, c as u16), cell)?;
            }
            for (i, input) in set.inputs().iter().enumerate() {
                let value = ev.map(|e| e.values()[i]);
                let cell = (input_kind(self.rules, i, input), input_cell(input, value));
                self.put(ws, (row, first + i as u16), cell)?;
            }
        }
        ws.set_freeze_panes(ROUND_ID_ROW + 1, 2)?;
        a4(ws, true, ROUND_ID_ROW + 1, lang)?;
        protect(ws);
        Ok(())
    }

    fn incidents(&self, ws: &mut Worksheet, opts: &TemplateOptions) -> Result<(), XlsxError> {
        let (set, st, lang) = (self.set, self.st, self.lang);
        let round = opts.layout == Layout::Round;
        let offset = u16::from(round);
        title(
            ws,
            st,
            SHEET_INCIDENTS,
            form::incidents_title(lang),
            5 + offset,
        )?;
        let mut cols: Vec<(&str, f64)> = Vec::new();
        if round {
            cols.push((form::unit_code_column(lang), 10.0));
        }
        cols.extend(
            INCIDENT_FIELDS
                .iter()
                .copied()
                .zip(INCIDENT_WIDTHS)
                .map(|(field, w)| (form::field_column(field, lang), w)),
        );
        headers(ws, st, HEADER_ROW, &cols)?;
        let units: &[Evidence] = match opts.layout {
            Layout::Unit => opts.prefill.units.get(..1).unwrap_or_default(),
            Layout::Round => &opts.prefill.units,
        };
        let register: Vec<(&str, &crate::evidence::Incident)> = units
            .iter()
            .flat_map(|e| {
                e.incidents()
                    .iter()
                    .map(move |i| (e.unit().code.as_str(), i))
            })
            .collect();
        for r in 0..register.len() as u32 + SPARE_ROWS {
            let row = HEADER_ROW + 1 + r;
            let entry = register.get(r as usize);
            if round {
                let code = entry.map_or(Cell::Blank, |(c, _)| Cell::Text(c));
                self.put(ws, (row, 0), (Kind::Text, code))?;
            }
            let i = entry.map(|(_, i)| *i);
            let cells = INCIDENT_FIELDS.iter().map(|field| match field {
                Field::IncidentId => (Kind::Text, i.map_or(Cell::Blank, |i| Cell::Text(&i.id))),
                Field::IncidentDate => (Kind::Day, Cell::Day(i.map(|i| i.date))),
                Field::IncidentKind => (
                    Kind::IncidentType,
                    i.map_or(Cell::Blank, |i| {
                        Cell::Text(set.incident_kind_word(&i.kind, lang))
                    }),
                ),
                Field::IncidentFatal => (Kind::Flag, Cell::Flag(i.map(|i| i.fatal))),
                Field::IncidentSupportPlanApproved => {
                    (Kind::Flag, Cell::Flag(i.map(|i| i.support_plan_approved)))
                }
                Field::IncidentSupportPlanApprovedBy => (
                    Kind::Role,
                    text_cell(
                        i.and_then(|i| i.support_plan_approved_by)
                            .map(|r| form::role(r, lang)),
                    ),
                ),
                Field::IncidentSupportPlanApprovedOn => (
                    Kind::Day,
                    Cell::Day(i.and_then(|i| i.support_plan_approved_on)),
                ),
                // The note is never prefilled: evidence notes stay with the council.
                Field::IncidentNote => (Kind::Text, Cell::Blank),
                // The unit's and the period's fields are not the register's.
                Field::UnitCode
                | Field::UnitName
                | Field::UnitKind
                | Field::UnitClass
                | Field::UnitSynthetic
                | Field::PeriodFrom
                | Field::PeriodTo => (Kind::Text, Cell::Blank),
            });
            for (c, cell) in cells.into_iter().enumerate() {
                self.put(ws, (row, offset + c as u16), cell)?;
            }
        }
        self.finish(ws, true, HEADER_ROW + 1)
    }

    fn guide(&self, ws: &mut Worksheet, layout: Layout) -> Result<(), XlsxError> {
        let (set, st, lang) = (self.set, self.st, self.lang);
        ws.set_name(SHEET_GUIDE)?;
        ws.set_column_width(0, 110.0)?;
        let layout = match layout {
            Layout::Unit => GuideLayout::Unit,
            Layout::Round => GuideLayout::Round,
        };
        let lines = form::guide(
            set.title().get(lang),
            set.id(),
            set.legal_basis(),
            layout,
            lang,
        );
        let mut row = 0;
        for (i, text) in lines.iter().enumerate() {
            // The title, then the notes; the privacy rule (4.) stands out.
            let format = match i {
                0 => &st.title,
                5 => &st.warning,
                _ => &st.note,
            };
            ws.write_string_with_format(row, 0, text, format)?;
            row += 1;
        }
        for c in set.classes() {
            let threshold = c.threshold.to_string();
            let line = form::class_line(&c.id, c.label.get(lang), &threshold, lang);
            ws.write_string_with_format(row, 0, line, &st.note)?;
            row += 1;
        }
        a4(ws, false, 1, lang)?;
        protect(ws);
        Ok(())
    }

    fn meta(&self, ws: &mut Worksheet, layout: Layout) -> Result<(), XlsxError> {
        let (set, lang) = (self.set, self.lang);
        let (yes, no) = form::yes_no(lang);
        ws.set_name(SHEET_META)?;
        ws.write_string(META_LAYOUT.0, 0, "layout")?;
        ws.write_string(META_LAYOUT.0, META_LAYOUT.1, layout.id())?;
        ws.write_string(META_CRITERIA.0, 0, "criteria")?;
        ws.write_string(META_CRITERIA.0, META_CRITERIA.1, set.id())?;
        ws.write_string(2, 0, "engine")?;
        ws.write_string(2, 1, crate::evaluate::report::ENGINE)?;
        ws.write_string(3, 0, "yes")?;
        ws.write_string(3, 1, yes)?;
        ws.write_string(4, 0, "no")?;
        ws.write_string(4, 1, no)?;
        for (i, k) in set.incident_kinds().iter().enumerate() {
            ws.write_string(i as u32, 3, k.label.get(lang))?;
        }
        for (i, k) in set.unit_kinds().iter().enumerate() {
            ws.write_string(i as u32, 4, k.label.get(lang))?;
        }
        for (i, c) in set.classes().iter().enumerate() {
            ws.write_string(i as u32, 5, &c.id)?;
        }
        for (i, r) in Role::ALL.iter().enumerate() {
            ws.write_string(i as u32, 6, form::role(*r, lang))?;
        }
        ws.set_hidden(true);
        protect(ws);
        Ok(())
    }
}

/// Widths of the round sheet's header columns, in the order of [`HEADER_FIELDS`].
const ROUND_HEADER_WIDTHS: [f64; 7] = [9.0, 16.0, 9.0, 16.0, 8.0, 11.0, 11.0];
