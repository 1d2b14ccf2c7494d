//! The walk over an evidence file's spanned TOML that finds every problem at once.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use rust_decimal::Decimal;

use super::record::{DerivedCount, Evidence, MAX_CODE_LEN, MAX_FILE_BYTES, Unit, Value};
use crate::base::date::{Date, Period};
use crate::base::diag::{
    Diagnostic, Diagnostics, EvidenceProblem, FieldPath, FileProblem, Problem, Source, ValueKind,
    ValueProblem,
};
use crate::base::diag::{closest, whole_file};
use crate::base::hash::sha256_hex;
use crate::base::points::{exact_decimal, significant_decimals};
use crate::base::printable::{self as text, MAX_ID_CHARS, MAX_NAME_CHARS, MAX_NOTE_CHARS};
use crate::form::{Field, INCIDENT_KEYS, PERIOD_KEYS, Role, SECTIONS, Section, UNIT_KEYS};
use crate::rules::criteria::{CriteriaSet, InputType, Named, UnitKind};
use crate::rules::criteria::{IncidentKind, KindDef};
use crate::rules::register::Incident;

/// The bytes of the evidence file at `real`, its problems located at the name `shown` (the
/// same file, or the original an output folder's copy stands for); refused beyond
/// [`MAX_FILE_BYTES`].
pub(crate) fn read_bytes(real: &Path, shown: &Path) -> Result<Vec<u8>, Diagnostics> {
    let refuse = |problem: FileProblem| Diagnostics(vec![whole_file(shown, problem)]);
    let unreadable = |e: std::io::Error| refuse(FileProblem::unreadable(&e));
    // Looked at before it is opened: opening a FIFO would wait for a writer forever.
    let file = crate::base::fsio::open_regular(real)
        .map_err(unreadable)?
        .ok_or_else(|| {
            Diagnostics(vec![whole_file(
                shown,
                crate::base::diag::RoundProblem::NotRegularFile,
            )])
        })?;
    let bytes = crate::base::fsio::read_at_most(file, MAX_FILE_BYTES).map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let size = std::fs::metadata(real).map_or(bytes.len() as u64, |m| m.len());
        return Err(refuse(FileProblem::TooLarge {
            bytes: size.max(bytes.len() as u64),
            max: MAX_FILE_BYTES,
        }));
    }
    Ok(bytes)
}

impl Evidence {
    /// Validates evidence text against a criteria set (and, when given, the round's year).
    /// Every problem of the text is reported together. Unit and incident kinds must be those
    /// `set` declares: to accept the incident kinds a round's policy adds, pass
    /// [`crate::Evaluator::criteria`] (or [`CriteriaSet::extended_by`] the policy).
    pub fn parse(
        path: impl AsRef<Path>,
        text: &str,
        set: &CriteriaSet,
        year: Option<u16>,
    ) -> Result<Evidence, Diagnostics> {
        parse(path.as_ref(), text, set, year)
    }

    /// Reads and validates an evidence file.
    pub fn load(
        path: impl AsRef<Path>,
        set: &CriteriaSet,
        year: Option<u16>,
    ) -> Result<Evidence, Diagnostics> {
        let path = path.as_ref();
        let bytes = read_bytes(path, path)?;
        Evidence::from_bytes(path, &bytes, set, year)
    }

    /// Validates the bytes of an evidence file named `path`: refused when not UTF-8.
    pub(crate) fn from_bytes(
        path: &Path,
        bytes: &[u8],
        set: &CriteriaSet,
        year: Option<u16>,
    ) -> Result<Evidence, Diagnostics> {
        let text = std::str::from_utf8(bytes)
            .map_err(|_| Diagnostics(vec![whole_file(path, FileProblem::NotUtf8)]))?;
        Evidence::parse(path, text, set, year)
    }

    /// The same evidence with some input values changed (by position, as in [`Self::values`]),
    /// checked again against every constraint of the set; the incidents stay as they are.
    /// Returns the broken constraints, each with its input's field, when the change is not
    /// valid evidence.
    pub fn with_values(
        &self,
        set: &CriteriaSet,
        changes: &[(usize, Value)],
    ) -> Result<Evidence, Vec<(FieldPath, Problem)>> {
        Ok(Evidence {
            values: self.changed_values(set, changes)?,
            ..self.clone()
        })
    }

    /// The values of [`Self::with_values`], without the rest of the evidence: the inputs,
    /// then the derived counts, as [`Self::variable`] reads them.
    pub(crate) fn changed_values(
        &self,
        set: &CriteriaSet,
        changes: &[(usize, Value)],
    ) -> Result<Vec<Value>, Vec<(FieldPath, Problem)>> {
        let inputs = FieldPath::from(Section::Inputs.key());
        let field = |i: usize| match set.inputs().get(i) {
            Some(input) => inputs.key(&input.name),
            None => inputs.index(i),
        };
        let mut values = self.values.clone();
        let inputs = self.inputs();
        for &(i, v) in changes {
            // Only an input can change: the derived counts after them are the incidents'.
            match values[..inputs].get_mut(i) {
                Some(slot) if std::mem::discriminant(slot) == std::mem::discriminant(&v) => {
                    *slot = v
                }
                _ => {
                    let problem = ValueProblem::WrongType {
                        expected: set
                            .inputs()
                            .get(i)
                            .map_or(ValueKind::Decimal, |input| value_kind(input.ty)),
                        found: v.to_string(),
                    };
                    return Err(vec![(field(i), problem.into())]);
                }
            }
        }
        let problems = constraint_problems(set, &values[..inputs], &self.derived);
        if !problems.is_empty() {
            return Err(problems.into_iter().map(|(i, p)| (field(i), p)).collect());
        }
        Ok(values)
    }
}

type Entry<'t, 'i> = (
    &'t Spanned<toml::de::DeString<'i>>,
    &'t Spanned<DeValue<'i>>,
);

struct Reader<'a> {
    src: Source<'a>,
    problems: Vec<Diagnostic>,
    code_position: (usize, usize),
}

/// A value as the file wrote it, for a problem to show: text quoted (and cut), a number or a
/// date as written, a list or a table by its brackets.
fn found(v: &DeValue) -> String {
    match v {
        DeValue::String(s) => shown(s),
        DeValue::Integer(i) => i.as_str().to_string(),
        DeValue::Float(f) => f.as_str().to_string(),
        DeValue::Boolean(b) => b.to_string(),
        DeValue::Datetime(d) => d.to_string(),
        DeValue::Array(_) => "[…]".to_string(),
        DeValue::Table(_) => "{…}".to_string(),
    }
}

/// Text quoted for a problem: Rust's debug form escapes control characters, and a long text
/// is cut so that a pasted paragraph does not flood the report.
fn shown(text: &str) -> String {
    const MAX: usize = 40;
    if text.chars().count() <= MAX {
        format!("{text:?}")
    } else {
        let head: String = text.chars().take(MAX).collect();
        format!("{head:?}…")
    }
}

fn integer(v: &DeValue) -> Option<i128> {
    match v {
        DeValue::Integer(i) => {
            i128::from_str_radix(&without_underscores(i.as_str()), i.radix()).ok()
        }
        _ => None,
    }
}

/// A TOML number as written without the `_` it may have between digits; most numbers have
/// none, and are not copied.
fn without_underscores(written: &str) -> std::borrow::Cow<'_, str> {
    if written.contains('_') {
        written.replace('_', "").into()
    } else {
        written.into()
    }
}

/// A name not in `allowed`, with the allowed one nearest to it for a typo.
fn unknown(name: &str, allowed: &[&str]) -> ValueProblem {
    ValueProblem::Unknown {
        allowed: allowed.iter().map(ToString::to_string).collect(),
        closest: closest(name, allowed.iter().copied()).map(str::to_string),
    }
}

/// What a value of this input type is, as problems name it.
pub(crate) fn value_kind(ty: InputType) -> ValueKind {
    match ty {
        InputType::Bool => ValueKind::Boolean,
        InputType::Count | InputType::Money => ValueKind::WholeNumber,
        InputType::Decimal | InputType::Percent => ValueKind::Decimal,
    }
}

/// The value an optional input holds when a file does not write it (loading checked that its
/// default fits its type and range).
pub(crate) fn default_value(input: &crate::rules::criteria::Input) -> Option<Value> {
    use crate::rules::criteria::InputDefault;
    use rust_decimal::prelude::ToPrimitive;
    match (input.default?, input.ty) {
        (InputDefault::Bool(b), InputType::Bool) => Some(Value::Bool(b)),
        (InputDefault::Number(n), InputType::Count | InputType::Money) => {
            n.to_u64().map(Value::Number)
        }
        (InputDefault::Number(mut n), InputType::Decimal | InputType::Percent) => {
            n.rescale(input.decimals.unwrap_or(0));
            Some(Value::Decimal(n))
        }
        _ => None,
    }
}

/// `found` outside the valid range of `input`: its lowest value, and its highest unless
/// only the type bounds it.
fn out_of_range(input: &crate::rules::criteria::Input, found: String) -> ValueProblem {
    ValueProblem::OutOfRange {
        found,
        min: Some(input.lowest()),
        max: (!input.unbounded_above()).then(|| input.highest()),
    }
}

fn in_bounds(input: &crate::rules::criteria::Input, value: Decimal) -> bool {
    (input.lowest()..=input.highest()).contains(&value)
}

impl<'a> Reader<'a> {
    fn err(&mut self, span: &Range<usize>, field: &FieldPath, problem: impl Into<Problem>) {
        let d = self.src.problem(span, field.clone(), problem);
        self.problems.push(d);
    }

    /// The fields of a table, each checked against the allowed names.
    fn fields<'t, 'i>(
        &mut self,
        table: &'t DeTable<'i>,
        section: &FieldPath,
        allowed: &[&str],
    ) -> BTreeMap<&'t str, &'t Spanned<DeValue<'i>>> {
        let mut out = BTreeMap::new();
        for (key, value) in table.iter() {
            let name: &str = key.get_ref();
            if allowed.contains(&name) {
                out.insert(name, value);
            } else {
                self.err(&key.span(), &section.key(name), unknown(name, allowed));
            }
        }
        out
    }

    /// A field that must be present, reported at its table's header when it is not.
    fn required<'t, 'i>(
        &mut self,
        fields: &BTreeMap<&str, &'t Spanned<DeValue<'i>>>,
        (section, field): (&FieldPath, Field),
        at: &Range<usize>,
    ) -> Option<&'t Spanned<DeValue<'i>>> {
        let v = fields.get(field.key()).copied();
        if v.is_none() {
            let expected = field.shape().value_kind();
            self.err(
                at,
                &section.key(field.key()),
                ValueProblem::Missing { expected },
            );
        }
        v
    }

    fn wrong_type(&mut self, v: &Spanned<DeValue>, field: &FieldPath, expected: ValueKind) {
        let found = found(v.get_ref());
        self.err(
            &v.span(),
            field,
            ValueProblem::WrongType { expected, found },
        );
    }

    fn text(&mut self, v: &Spanned<DeValue>, field: &FieldPath) -> Option<String> {
        match v.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            _ => {
                self.wrong_type(v, field, ValueKind::Text);
                None
            }
        }
    }

    /// A kind among those declared (by the set, or the set extended by the policy), with the
    /// nearest one for a typo.
    fn choice<K: Clone>(
        &mut self,
        v: &Spanned<DeValue>,
        field: &FieldPath,
        declared: &[KindDef<K>],
        id: fn(&K) -> &str,
    ) -> Option<K> {
        let text = self.text(v, field)?;
        let found = declared.iter().find(|k| id(&k.id) == text);
        if found.is_none() {
            let ids: Vec<&str> = declared.iter().map(|k| id(&k.id)).collect();
            let closest = closest(&text, ids.iter().copied()).map(str::to_string);
            self.err(
                &v.span(),
                field,
                ValueProblem::NotOneOf {
                    found: text,
                    allowed: ids.iter().map(ToString::to_string).collect(),
                    closest,
                },
            );
        }
        found.map(|k| k.id.clone())
    }

    fn boolean(&mut self, v: &Spanned<DeValue>, field: &FieldPath) -> Option<bool> {
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(v, field, ValueKind::Boolean);
                None
            }
        }
    }

    /// Text that must also be printable (see `printable`), composed to NFC.
    fn printable(
        &mut self,
        v: &Spanned<DeValue>,
        field: &FieldPath,
        max_chars: usize,
    ) -> Option<String> {
        let raw = self.text(v, field)?;
        match text::printable(raw.trim(), max_chars) {
            Ok(t) => Some(t),
            Err(problem) => {
                self.err(&v.span(), field, problem);
                None
            }
        }
    }

    /// A whole number a script can hold: rhai's INT is i64, so anything above `i64::MAX`
    /// would wrap negative inside the rules.
    fn number(&mut self, v: &Spanned<DeValue>, field: &FieldPath) -> Option<u64> {
        let value = v.get_ref();
        let beyond = match (integer(value), value) {
            (Some(n), _) if (0..=i128::from(i64::MAX)).contains(&n) => {
                return u64::try_from(n).ok();
            }
            (Some(n), _) if n > 0 => Some(n.to_string()),
            // Too many digits even for i128: still a number, so the range is what to say.
            (None, DeValue::Integer(i)) if !i.as_str().starts_with('-') => Some(shown(i.as_str())),
            _ => None,
        };
        match beyond {
            Some(found) => self.err(
                &v.span(),
                field,
                ValueProblem::OutOfRange {
                    found,
                    min: Some(Decimal::ZERO),
                    max: Some(Decimal::from(i64::MAX)),
                },
            ),
            None => self.wrong_type(v, field, ValueKind::WholeNumber),
        }
        None
    }

    /// A decimal or percentage, read exactly from the text of the file: a TOML number
    /// (`7.5`, `7`) or a quoted `"7.5"`, never through binary floating point. It keeps the
    /// input's declared digits (`7` becomes `7.0` when one decimal is declared), so that the
    /// same value always prints the same.
    fn decimal(
        &mut self,
        v: &Spanned<DeValue>,
        field: &FieldPath,
        input: &crate::rules::criteria::Input,
    ) -> Option<Decimal> {
        let decimals = input.decimals.unwrap_or(0);
        // The text as written: TOML allows `_` between digits, which a decimal does not need.
        let written = match v.get_ref() {
            DeValue::Integer(i) if i.radix() == 10 => Some(without_underscores(i.as_str()).into()),
            DeValue::Float(f) => Some(without_underscores(f.as_str()).into()),
            DeValue::String(s) => Some(s.trim().to_string()),
            _ => None,
        };
        let Some(mut value) = written.as_deref().and_then(exact_decimal) else {
            self.wrong_type(v, field, ValueKind::Decimal);
            return None;
        };
        let shown = written.unwrap_or_default();
        let digits = significant_decimals(value);
        if digits > decimals {
            self.err(
                &v.span(),
                field,
                EvidenceProblem::TooManyDecimals {
                    found: shown,
                    digits,
                    max: decimals,
                },
            );
            return None;
        }
        if !in_bounds(input, value) {
            self.err(&v.span(), field, out_of_range(input, shown));
            return None;
        }
        value.rescale(decimals);
        Some(value)
    }

    fn date(&mut self, v: &Spanned<DeValue>, field: &FieldPath) -> Option<Date> {
        let date = match v.get_ref() {
            DeValue::Datetime(d) => Date::from_toml(d),
            _ => None,
        };
        if date.is_none() {
            self.wrong_type(v, field, ValueKind::Date);
        }
        date
    }

    fn table<'t, 'i>(
        &mut self,
        v: &'t Spanned<DeValue<'i>>,
        field: &FieldPath,
    ) -> Option<&'t DeTable<'i>> {
        match v.get_ref() {
            DeValue::Table(t) => Some(t),
            _ => {
                self.wrong_type(v, field, ValueKind::Table);
                None
            }
        }
    }

    fn unit(&mut self, entry: Option<Entry>, set: &CriteriaSet) -> Option<Unit> {
        let section = FieldPath::from(Section::Unit.key());
        let (key, value) = self.section(entry, &section)?;
        let table = self.table(value, &section)?;
        let f = self.fields(table, &section, &UNIT_KEYS);
        let at = key.span();
        let field = |f: Field| section.key(f.key());
        let code = self
            .required(&f, (&section, Field::UnitCode), &at)
            .and_then(|v| {
                self.code_position = self.src.position(v.span().start);
                let code = self.text(v, &field(Field::UnitCode))?;
                let ok = !code.is_empty() && code.bytes().all(|b| b.is_ascii_digit());
                if !ok {
                    let found = shown(&code);
                    self.err(
                        &v.span(),
                        &field(Field::UnitCode),
                        EvidenceProblem::NotACode { found },
                    );
                } else if code.len() > MAX_CODE_LEN {
                    let problem = ValueProblem::TooLong {
                        chars: code.len(),
                        max: MAX_CODE_LEN,
                    };
                    self.err(&v.span(), &field(Field::UnitCode), problem);
                    return None;
                }
                ok.then_some(code)
            });
        let name = self
            .required(&f, (&section, Field::UnitName), &at)
            .and_then(|v| {
                let name = self.printable(v, &field(Field::UnitName), MAX_NAME_CHARS)?;
                if name.is_empty() {
                    self.err(&v.span(), &field(Field::UnitName), EvidenceProblem::Empty);
                    return None;
                }
                Some(name)
            });
        let kind = self
            .required(&f, (&section, Field::UnitKind), &at)
            .and_then(|v| self.choice(v, &field(Field::UnitKind), set.unit_kinds(), UnitKind::id));
        let class = self
            .required(&f, (&section, Field::UnitClass), &at)
            .and_then(|v| {
                let class = self.text(v, &field(Field::UnitClass))?;
                let Some(declared) = set.class(&class) else {
                    let problem = EvidenceProblem::UnknownClass {
                        found: class,
                        set: set.id().to_string(),
                        allowed: set.classes().iter().map(|c| c.id.clone()).collect(),
                    };
                    self.err(&v.span(), &field(Field::UnitClass), problem);
                    return None;
                };
                if let Some(kind) = &kind
                    && !declared.allows(kind)
                {
                    let class_named = |c: &crate::rules::criteria::Class| c.label.naming(&c.id);
                    let kind_named = |k: &UnitKind| match set.unit_kind(k.id()) {
                        Some(d) => d.label.naming(k.id()),
                        None => Named {
                            id: k.id().to_string(),
                            vi: k.id().to_string(),
                            en: None,
                        },
                    };
                    let problem = EvidenceProblem::ClassRefusesKind {
                        class: Box::new(class_named(declared)),
                        takes: declared.kinds.iter().flatten().map(kind_named).collect(),
                        unit_kind: Box::new(kind_named(kind)),
                        fitting: set
                            .classes()
                            .iter()
                            .filter(|c| c.allows(kind))
                            .map(class_named)
                            .collect(),
                    };
                    self.err(&v.span(), &field(Field::UnitClass), problem);
                    return None;
                }
                Some(class)
            });
        let synthetic = match f.get(Field::UnitSynthetic.key()) {
            Some(v) => self.boolean(v, &field(Field::UnitSynthetic)),
            None => Some(false),
        };
        Some(Unit {
            code: code?,
            name: name?,
            kind: kind?,
            class: class?,
            synthetic: synthetic?,
        })
    }

    fn section<'t, 'i>(
        &mut self,
        entry: Option<Entry<'t, 'i>>,
        section: &FieldPath,
    ) -> Option<Entry<'t, 'i>> {
        if entry.is_none() {
            let problem = ValueProblem::Missing {
                expected: ValueKind::Table,
            };
            self.err(&(0..0), section, problem);
        }
        entry
    }

    fn period(&mut self, entry: Option<Entry>, year: Option<u16>) -> Option<Period> {
        let section = FieldPath::from(Section::Period.key());
        let (key, value) = self.section(entry, &section)?;
        let table = self.table(value, &section)?;
        let f = self.fields(table, &section, &PERIOD_KEYS);
        let at = key.span();
        let day = |r: &mut Self, field: Field| {
            r.required(&f, (&section, field), &at)
                .map(|v| (r.date(v, &section.key(field.key())), v.span()))
        };
        let from = day(self, Field::PeriodFrom);
        let to = day(self, Field::PeriodTo);
        let ((Some(from), from_span), (Some(to), to_span)) = (from?, to?) else {
            return None;
        };
        if from > to {
            let problem = EvidenceProblem::PeriodReversed { from, to };
            self.err(&from_span, &section.key(Field::PeriodFrom.key()), problem);
            return None;
        }
        if let Some(year) = year {
            for (day, span, name) in [
                (from, from_span, Field::PeriodFrom),
                (to, to_span, Field::PeriodTo),
            ] {
                if day.year() != year {
                    let problem = EvidenceProblem::OutsideYear { day, year };
                    self.err(&span, &section.key(name.key()), problem);
                }
            }
        }
        Some(Period { from, to })
    }

    fn inputs(
        &mut self,
        entry: Option<Entry>,
        set: &CriteriaSet,
    ) -> Option<Vec<(Value, Range<usize>)>> {
        let section = FieldPath::from(Section::Inputs.key());
        let (key, value) = self.section(entry, &section)?;
        let table = self.table(value, &section)?;
        let names: Vec<&str> = set.inputs().iter().map(|i| i.name.as_str()).collect();
        let mut f = BTreeMap::new();
        for (k, v) in table.iter() {
            let name: &str = k.get_ref();
            if names.contains(&name) {
                f.insert(name, v);
            } else {
                let problem = EvidenceProblem::UnknownInput {
                    set: set.id().to_string(),
                    closest: closest(name, names.iter().copied()).map(str::to_string),
                };
                self.err(&k.span(), &section.key(name), problem);
            }
        }
        let mut values = Vec::with_capacity(set.inputs().len());
        let mut complete = true;
        for input in set.inputs() {
            let field = section.key(&input.name);
            let Some(v) = f.get(input.name.as_str()) else {
                // An optional input a file does not write holds its default.
                if let Some(default) = default_value(input) {
                    values.push((default, key.span()));
                    continue;
                }
                let problem = ValueProblem::Missing {
                    expected: value_kind(input.ty),
                };
                self.err(&key.span(), &field, problem);
                complete = false;
                continue;
            };
            let value = match input.ty {
                InputType::Bool => self.boolean(v, &field).map(Value::Bool),
                InputType::Count | InputType::Money => self.number(v, &field).map(Value::Number),
                InputType::Decimal | InputType::Percent => {
                    self.decimal(v, &field, input).map(Value::Decimal)
                }
            };
            match value {
                Some(value) => values.push((value, v.span())),
                None => complete = false,
            }
        }
        complete.then_some(values)
    }

    fn incidents(&mut self, entry: Option<Entry>, set: &CriteriaSet) -> Option<Vec<Incident>> {
        let section = FieldPath::from(Section::Incidents.key());
        let Some((_, value)) = entry else {
            return Some(Vec::new());
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(value, &section, ValueKind::ArrayOfTables);
            return None;
        };
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        let mut out = Vec::new();
        let mut complete = true;
        for (index, item) in items.iter().enumerate() {
            let entry = section.index(index);
            let Some(table) = self.table(item, &entry) else {
                complete = false;
                continue;
            };
            let f = self.fields(table, &entry, &INCIDENT_KEYS);
            let at = item.span();
            let field = |f: Field| entry.key(f.key());
            let id = self
                .required(&f, (&entry, Field::IncidentId), &at)
                .and_then(|v| {
                    let id = self.text(v, &field(Field::IncidentId))?;
                    let line = self.src.line_of(&v.span());
                    if let Some(problem) = not_an_id(&id) {
                        self.err(&v.span(), &field(Field::IncidentId), problem);
                        return None;
                    }
                    if let Some(first_line) = seen.insert(id.clone(), line) {
                        let problem = ValueProblem::Duplicate {
                            value: id,
                            first_line,
                        };
                        self.err(&v.span(), &field(Field::IncidentId), problem);
                        return None;
                    }
                    Some(id)
                });
            let date = self
                .required(&f, (&entry, Field::IncidentDate), &at)
                .and_then(|v| self.date(v, &field(Field::IncidentDate)));
            let kind = self
                .required(&f, (&entry, Field::IncidentKind), &at)
                .and_then(|v| {
                    self.choice(
                        v,
                        &field(Field::IncidentKind),
                        set.incident_kinds(),
                        IncidentKind::id,
                    )
                });
            let flag = |r: &mut Self, flag: Field| match f.get(flag.key()) {
                Some(v) => r.boolean(v, &field(flag)),
                None => Some(false),
            };
            let fatal = flag(self, Field::IncidentFatal);
            let plan = flag(self, Field::IncidentSupportPlanApproved);
            if let Some(v) = f.get(Field::IncidentNote.key()) {
                self.printable(v, &field(Field::IncidentNote), MAX_NOTE_CHARS);
            }
            let approval = self.approval(&f, &field, (plan, date), set);
            match (id, date, kind, fatal, plan, approval) {
                (
                    Some(id),
                    Some(date),
                    Some(kind),
                    Some(fatal),
                    Some(support_plan_approved),
                    Some((support_plan_approved_by, support_plan_approved_on)),
                ) => out.push(Incident {
                    id,
                    date,
                    kind,
                    fatal,
                    support_plan_approved,
                    support_plan_approved_by,
                    support_plan_approved_on,
                }),
                _ => complete = false,
            }
        }
        complete.then_some(out)
    }
}

impl Reader<'_> {
    /// Who approved an incident's support plan and when, when the file writes them: a role,
    /// never a name; a day on or after the incident's, within the years the calendar of working
    /// days holds when the set counts working days; only for a plan that was approved.
    fn approval(
        &mut self,
        f: &BTreeMap<&str, &Spanned<DeValue>>,
        field: &dyn Fn(Field) -> FieldPath,
        (plan, date): (Option<bool>, Option<Date>),
        set: &CriteriaSet,
    ) -> Option<(Option<Role>, Option<Date>)> {
        let by_key = Field::IncidentSupportPlanApprovedBy;
        let on_key = Field::IncidentSupportPlanApprovedOn;
        let mut ok = true;
        let mut by = None;
        if let Some(v) = f.get(by_key.key()) {
            let text = self.text(v, &field(by_key));
            by = text.as_deref().and_then(Role::of);
            if text.is_some() && by.is_none() {
                // What was written is never repeated: it may be a person's name.
                let problem = EvidenceProblem::UnknownRole {
                    allowed: Role::ALL.iter().map(|r| r.id().to_string()).collect(),
                };
                self.err(&v.span(), &field(by_key), problem);
            }
            ok &= by.is_some();
        }
        let mut on = None;
        if let Some(v) = f.get(on_key.key()) {
            on = self.date(v, &field(on_key));
            let counts_working_days = set
                .derived()
                .iter()
                .any(|d| d.support_plan_within_working_days.is_some());
            let calendar = crate::rules::calendar::calendar();
            match (on, date) {
                (Some(day), Some(incident)) if day < incident => {
                    let problem = EvidenceProblem::ApprovedBeforeIncident {
                        approved: day,
                        incident,
                    };
                    self.err(&v.span(), &field(on_key), problem);
                    on = None;
                }
                (Some(day), Some(incident))
                    if counts_working_days
                        && calendar.working_days_between(incident, day).is_none() =>
                {
                    let (first, last) = calendar.years();
                    let problem = EvidenceProblem::CalendarDoesNotCover {
                        date: day,
                        first,
                        last,
                        through: calendar.known_through().unwrap_or(day),
                    };
                    self.err(&v.span(), &field(on_key), problem);
                    on = None;
                }
                _ => {}
            }
            ok &= on.is_some();
        }
        for (written, key) in [(by.is_some(), by_key), (on.is_some(), on_key)] {
            if written && plan == Some(false) {
                self.err(
                    &f[key.key()].span(),
                    &field(key),
                    EvidenceProblem::ApprovalWithoutPlan,
                );
                ok = false;
            }
        }
        ok.then_some((by, on))
    }
}

/// Why `id` is not an incident id: empty, a character a short code does not hold, or too
/// long. The id itself is never repeated: a long one may be a child's name.
fn not_an_id(id: &str) -> Option<Problem> {
    if id.trim().is_empty() {
        return Some(EvidenceProblem::Empty.into());
    }
    if text::is_short_code(id) {
        return None;
    }
    let bad = id
        .chars()
        .enumerate()
        .find(|(i, c)| !(c.is_ascii_alphanumeric() || (*i > 0 && "._/-".contains(*c))));
    Some(
        match bad {
            Some((i, c)) => EvidenceProblem::IdCharacter {
                code_point: u32::from(c),
                position: i + 1,
                max: MAX_ID_CHARS,
            },
            None => EvidenceProblem::IdTooLong {
                chars: id.chars().count(),
                max: MAX_ID_CHARS,
            },
        }
        .into(),
    )
}

/// The derived counts of a set over the incidents inside a period.
pub(crate) fn derive(
    set: &CriteriaSet,
    period: Period,
    incidents: &[Incident],
) -> Vec<DerivedCount> {
    set.derived()
        .iter()
        .map(|d| {
            let ids: Vec<String> = incidents
                .iter()
                .filter(|i| {
                    period.contains(i.date)
                        && d.kinds.contains(&i.kind)
                        && d.fatal.is_none_or(|f| f == i.fatal)
                        && d.support_plan_approved
                            .is_none_or(|p| p == i.support_plan_approved)
                        && d.counts_approval(i)
                })
                .map(|i| i.id.clone())
                .collect();
            DerivedCount {
                value: ids.len() as u64,
                incidents: ids,
            }
        })
        .collect()
}

/// The value of a named input or derived count.
fn lookup(
    set: &CriteriaSet,
    values: &[Value],
    derived: &[DerivedCount],
    name: &str,
) -> Option<u64> {
    if let Some(i) = set.input_index(name) {
        return match values[i] {
            Value::Number(n) => Some(n),
            Value::Bool(_) | Value::Decimal(_) => None,
        };
    }
    set.derived()
        .iter()
        .position(|d| d.name == name)
        .map(|i| derived[i].value)
}

/// Checks the range (`min`, `max`), `at_most` and `at_least` of every input; returns (input
/// index, problem).
pub(crate) fn constraint_problems(
    set: &CriteriaSet,
    values: &[Value],
    derived: &[DerivedCount],
) -> Vec<(usize, Problem)> {
    let mut out = Vec::new();
    for (i, input) in set.inputs().iter().enumerate() {
        let n = match values[i] {
            Value::Number(n) => n,
            Value::Decimal(d) => {
                if !in_bounds(input, d) {
                    out.push((i, out_of_range(input, d.to_string()).into()));
                }
                continue;
            }
            Value::Bool(_) => continue,
        };
        if !in_bounds(input, Decimal::from(n)) {
            out.push((i, out_of_range(input, n.to_string()).into()));
        }
        let derived_count = |name: &str| set.input_index(name).is_none();
        if let Some(whole) = &input.at_most
            && let Some(w) = lookup(set, values, derived, whole).filter(|w| n > *w)
        {
            let problem = EvidenceProblem::PartExceedsWhole {
                value: n,
                whole: whole.clone(),
                derived: derived_count(whole),
                whole_value: w,
            };
            out.push((i, problem.into()));
        }
        if let Some(floor) = &input.at_least
            && let Some(w) = lookup(set, values, derived, floor).filter(|w| n < *w)
        {
            let problem = EvidenceProblem::BelowFloor {
                value: n,
                floor: floor.clone(),
                derived: derived_count(floor),
                floor_value: w,
            };
            out.push((i, problem.into()));
        }
    }
    out
}

pub(super) fn parse(
    path: &Path,
    text: &str,
    set: &CriteriaSet,
    year: Option<u16>,
) -> Result<Evidence, Diagnostics> {
    let mut r = Reader {
        src: Source::new(path, text),
        problems: Vec::new(),
        code_position: (1, 1),
    };
    let (doc, syntax) = DeTable::parse_recoverable(text);
    for e in syntax {
        let span = e.span().unwrap_or(0..0);
        let detail = e.message().trim().replace('\n', " ");
        r.err(
            &span,
            &FieldPath::whole_file(),
            FileProblem::Syntax { detail },
        );
    }
    let mut sections: BTreeMap<&str, Entry> = BTreeMap::new();
    for (key, value) in doc.get_ref().iter() {
        let name: &str = key.get_ref();
        if SECTIONS.contains(&name) {
            sections.insert(name, (key, value));
        } else {
            r.err(
                &key.span(),
                &FieldPath::from(name),
                unknown(name, &SECTIONS),
            );
        }
    }
    let unit = r.unit(sections.get(Section::Unit.key()).copied(), set);
    let period = r.period(sections.get(Section::Period.key()).copied(), year);
    let values = r.inputs(sections.get(Section::Inputs.key()).copied(), set);
    let incidents = r.incidents(sections.get(Section::Incidents.key()).copied(), set);

    if let (Some(values), Some(period), Some(incidents)) = (&values, period, &incidents) {
        let plain: Vec<Value> = values.iter().map(|(v, _)| *v).collect();
        let derived = derive(set, period, incidents);
        for (i, problem) in constraint_problems(set, &plain, &derived) {
            let field = FieldPath::from(Section::Inputs.key()).key(&set.inputs()[i].name);
            r.err(&values[i].1, &field, problem);
        }
    }
    if !r.problems.is_empty() {
        return Err(Diagnostics(r.problems).sorted());
    }
    let (Some(unit), Some(period), Some(values), Some(incidents)) =
        (unit, period, values, incidents)
    else {
        // Every part that is None was reported above; this keeps the function total.
        return Err(Diagnostics(vec![crate::base::diag::whole_file(
            path,
            EvidenceProblem::Incomplete,
        )]));
    };
    let derived = derive(set, period, &incidents);
    let values: Vec<Value> = values
        .into_iter()
        .map(|(v, _)| v)
        .chain(derived.iter().map(|d| Value::Number(d.value)))
        .collect();
    Ok(Evidence {
        source: path.to_path_buf(),
        sha256: sha256_hex(text.as_bytes()),
        criteria_id: set.id().to_string(),
        code_position: r.code_position,
        unit,
        period,
        values,
        derived,
        incidents,
    })
}
