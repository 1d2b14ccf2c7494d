//! The walk over an evidence file's spanned TOML that finds every problem at once.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::MAX_CODE_LEN;
use super::{DerivedCount, Evidence, Incident, KindDef, Unit, Value};
use crate::criteria::{CriteriaSet, InputType};
use crate::date::{Date, Period};
use crate::diag::closest;
use crate::diag::{Diagnostic, Diagnostics, Source};
use crate::hash::sha256_hex;
use crate::printable::{self as text, MAX_ID_CHARS, MAX_NAME_CHARS, MAX_NOTE_CHARS};

type Entry<'t, 'i> = (
    &'t Spanned<toml::de::DeString<'i>>,
    &'t Spanned<DeValue<'i>>,
);

struct Reader<'a> {
    src: Source<'a>,
    problems: Vec<Diagnostic>,
    code_position: (usize, usize),
}

fn describe(v: &DeValue) -> String {
    match v {
        DeValue::String(s) => format!("the text {s:?}"),
        DeValue::Integer(i) => i.to_string(),
        DeValue::Float(f) => f.to_string(),
        DeValue::Boolean(b) => b.to_string(),
        DeValue::Datetime(d) => d.to_string(),
        DeValue::Array(_) => "a list".to_string(),
        DeValue::Table(_) => "a table".to_string(),
    }
}

/// Text quoted for a message: Rust's debug form escapes control characters, and a long text
/// is cut so that a pasted paragraph does not flood the report.
fn shown(text: &str) -> String {
    const MAX: usize = 40;
    if text.chars().count() <= MAX {
        format!("{text:?}")
    } else {
        let head: String = text.chars().take(MAX).collect();
        format!("{head:?}… ({} characters)", text.chars().count())
    }
}

fn integer(v: &DeValue) -> Option<i128> {
    match v {
        DeValue::Integer(i) => i128::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok(),
        _ => None,
    }
}

impl<'a> Reader<'a> {
    fn err(&mut self, span: &Range<usize>, message: impl Into<String>) {
        let d = self.src.at(span, message);
        self.problems.push(d);
    }

    /// The fields of a table, each checked against the allowed names.
    fn fields<'t, 'i>(
        &mut self,
        table: &'t DeTable<'i>,
        section: &str,
        allowed: &[&str],
    ) -> BTreeMap<&'t str, &'t Spanned<DeValue<'i>>> {
        let mut out = BTreeMap::new();
        for (key, value) in table.iter() {
            let name: &str = key.get_ref();
            if allowed.contains(&name) {
                out.insert(name, value);
            } else {
                let hint = closest(name, allowed.iter().copied())
                    .map(|k| format!(" (did you mean `{k}`?)"))
                    .unwrap_or_default();
                self.err(
                    &key.span(),
                    format!(
                        "unknown field `{name}` in {section}{hint}: expected one of {}",
                        allowed.join(", ")
                    ),
                );
            }
        }
        out
    }

    fn required<'t, 'i>(
        &mut self,
        fields: &BTreeMap<&str, &'t Spanned<DeValue<'i>>>,
        (name, expected): (&str, &str),
        section: &str,
        at: &Range<usize>,
    ) -> Option<&'t Spanned<DeValue<'i>>> {
        let v = fields.get(name).copied();
        if v.is_none() {
            self.err(
                at,
                format!("missing field `{name}` in {section}: expected {expected}"),
            );
        }
        v
    }

    fn text(&mut self, v: &Spanned<DeValue>, field: &str) -> Option<String> {
        match v.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            other => {
                self.err(
                    &v.span(),
                    format!(
                        "{field}: expected text in quotes, found {}",
                        describe(other)
                    ),
                );
                None
            }
        }
    }

    /// One of a fixed list of ids (a unit kind, an incident kind), with a hint for a typo.
    /// A kind among those declared (by the set, or the set extended by the policy).
    fn choice<K: Clone>(
        &mut self,
        v: &Spanned<DeValue>,
        field: &str,
        declared: &[KindDef<K>],
        id: fn(&K) -> &str,
    ) -> Option<K> {
        let text = self.text(v, field)?;
        let found = declared.iter().find(|k| id(&k.id) == text);
        if found.is_none() {
            let ids: Vec<&str> = declared.iter().map(|k| id(&k.id)).collect();
            let hint = closest(&text, ids.iter().copied())
                .map(|k| format!(" (did you mean `{k}`?)"))
                .unwrap_or_default();
            self.err(
                &v.span(),
                format!(
                    "{field}: unknown kind {text:?}{hint}: expected one of {}",
                    ids.join(", ")
                ),
            );
        }
        found.map(|k| k.id.clone())
    }

    fn boolean(&mut self, v: &Spanned<DeValue>, field: &str) -> Option<bool> {
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            other => {
                self.err(
                    &v.span(),
                    format!("{field}: expected true or false, found {}", describe(other)),
                );
                None
            }
        }
    }

    /// Text that must also be printable (see `text`), composed to NFC.
    fn printable(&mut self, v: &Spanned<DeValue>, field: &str, max_chars: usize) -> Option<String> {
        let raw = self.text(v, field)?;
        match text::printable(raw.trim(), field, max_chars) {
            Ok(t) => Some(t),
            Err(message) => {
                self.err(&v.span(), message);
                None
            }
        }
    }

    /// A whole number a script can hold: rhai's INT is i64, so anything above `i64::MAX`
    /// would wrap negative inside the rules.
    fn number(&mut self, v: &Spanned<DeValue>, field: &str, expected: &str) -> Option<u64> {
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
        let message = match beyond {
            Some(n) => format!(
                "{field}: {n} is out of range: expected a whole number from 0 to {}",
                i64::MAX
            ),
            None => format!("{field}: expected {expected}, found {}", describe(value)),
        };
        self.err(&v.span(), message);
        None
    }

    /// A decimal or percentage, read exactly from the text of the file: a TOML number
    /// (`7.5`, `7`) or a quoted `"7.5"`, never through binary floating point. It keeps the
    /// input's declared digits (`7` becomes `7.0` when one decimal is declared), so that the
    /// same value always prints the same.
    fn decimal(
        &mut self,
        v: &Spanned<DeValue>,
        field: &str,
        input: &crate::criteria::Input,
    ) -> Option<rust_decimal::Decimal> {
        let decimals = input.decimals.unwrap_or(0);
        let range = if input.unbounded_above() {
            format!("≥ {}", input.lowest())
        } else {
            format!("from {} to {}", input.lowest(), input.highest())
        };
        let expected = format!(
            "{} {range} with at most {decimals} digit{} after the point, such as {}",
            input.ty.expected(),
            if decimals == 1 { "" } else { "s" },
            input.example_decimal(),
        );
        // The text as written: TOML allows `_` between digits, which a decimal does not need.
        let written = match v.get_ref() {
            DeValue::Integer(i) if i.radix() == 10 => Some(i.as_str().replace('_', "")),
            DeValue::Float(f) => Some(f.as_str().replace('_', "")),
            DeValue::String(s) => Some(s.trim().to_string()),
            _ => None,
        };
        let Some(mut value) = written.as_deref().and_then(super::exact_decimal) else {
            self.err(
                &v.span(),
                format!(
                    "{field}: expected {expected}, found {}",
                    describe(v.get_ref())
                ),
            );
            return None;
        };
        let shown = written.unwrap_or_default();
        if super::significant_decimals(value) > decimals {
            self.err(
                &v.span(),
                format!(
                    "{field}: {shown} has {} digits after the point: expected {expected}",
                    super::significant_decimals(value)
                ),
            );
            return None;
        }
        if let Some(why) = out_of_bounds(input, value) {
            self.err(
                &v.span(),
                format!("{field} = {shown} is out of range: {why}; expected {expected}"),
            );
            return None;
        }
        value.rescale(decimals);
        Some(value)
    }

    fn date(&mut self, v: &Spanned<DeValue>, field: &str) -> Option<Date> {
        let date = match v.get_ref() {
            DeValue::Datetime(d) => Date::from_toml(d),
            _ => None,
        };
        if date.is_none() {
            self.err(
                &v.span(),
                format!(
                    "{field}: expected a date like 2024-07-02 (no quotes, no time), found {}",
                    describe(v.get_ref())
                ),
            );
        }
        date
    }

    fn table<'t, 'i>(
        &mut self,
        v: &'t Spanned<DeValue<'i>>,
        section: &str,
    ) -> Option<&'t DeTable<'i>> {
        match v.get_ref() {
            DeValue::Table(t) => Some(t),
            other => {
                self.err(
                    &v.span(),
                    format!("{section} must be a table, found {}", describe(other)),
                );
                None
            }
        }
    }

    fn unit(&mut self, entry: Option<Entry>, set: &CriteriaSet) -> Option<Unit> {
        let (key, value) = self.section(entry, "[unit]")?;
        let table = self.table(value, "[unit]")?;
        let f = self.fields(
            table,
            "[unit]",
            &["code", "name", "kind", "class", "synthetic"],
        );
        let at = key.span();
        let code = self.required(&f, ("code", "the official administrative code in digits, e.g. \"21238\""), "[unit]", &at).and_then(|v| {
            self.code_position = self.src.position(v.span().start);
            let code = self.text(v, "unit.code")?;
            let ok = !code.is_empty() && code.bytes().all(|b| b.is_ascii_digit());
            if !ok {
                self.err(&v.span(), format!("unit.code: expected the official administrative code in digits, e.g. \"21238\", found {}", shown(&code)));
            } else if code.len() > MAX_CODE_LEN {
                self.err(&v.span(), format!("unit.code: {} digits: expected at most {MAX_CODE_LEN}", code.len()));
                return None;
            }
            ok.then_some(code)
        });
        let name = self
            .required(&f, ("name", "the unit's name as text"), "[unit]", &at)
            .and_then(|v| {
                let name = self.printable(v, "unit.name", MAX_NAME_CHARS)?;
                if name.is_empty() {
                    self.err(
                        &v.span(),
                        "unit.name: expected the unit's name, found empty text",
                    );
                    return None;
                }
                Some(name)
            });
        let kinds: Vec<&str> = set.unit_kinds().iter().map(|k| k.id.id()).collect();
        let kind = self
            .required(
                &f,
                ("kind", &format!("one of {}", kinds.join(", "))),
                "[unit]",
                &at,
            )
            .and_then(|v| self.choice(v, "unit.kind", set.unit_kinds(), super::UnitKind::id));
        let class = self.required(&f, ("class", "a class id of the criteria set"), "[unit]", &at).and_then(|v| {
            let class = self.text(v, "unit.class")?;
            let Some(declared) = set.class(&class) else {
                let ids: Vec<&str> = set.classes().iter().map(|c| c.id.as_str()).collect();
                self.err(
                    &v.span(),
                    format!("unit.class: {class:?} is not a class of criteria set {}: expected one of {}", set.id(), ids.join(", ")),
                );
                return None;
            };
            if let Some(kind) = &kind
                && !declared.allows(kind)
            {
                let allowed: Vec<&str> = declared.kinds.iter().flatten().map(|k| k.id()).collect();
                let fitting: Vec<&str> = set.classes().iter().filter(|c| c.allows(kind)).map(|c| c.id.as_str()).collect();
                self.err(
                    &v.span(),
                    format!(
                        "unit.class: class {class:?} ({}) takes only units of kind {}, and this unit's kind is {:?} ({}): expected one of {}",
                        declared.label.vi,
                        allowed.join(", "),
                        kind.id(),
                        set.unit_kind_word(kind, crate::lang::Lang::Vi),
                        if fitting.is_empty() { "no class of this set".to_string() } else { fitting.join(", ") }
                    ),
                );
                return None;
            }
            Some(class)
        });
        let synthetic = match f.get("synthetic") {
            Some(v) => self.boolean(v, "unit.synthetic"),
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
        section: &str,
    ) -> Option<Entry<'t, 'i>> {
        if entry.is_none() {
            self.err(&(0..0), format!("missing section {section}"));
        }
        entry
    }

    fn period(&mut self, entry: Option<Entry>, year: Option<u16>) -> Option<Period> {
        let (key, value) = self.section(entry, "[period]")?;
        let table = self.table(value, "[period]")?;
        let f = self.fields(table, "[period]", &["from", "to"]);
        let at = key.span();
        let from = self
            .required(
                &f,
                ("from", "the first day, e.g. 2024-01-01"),
                "[period]",
                &at,
            )
            .map(|v| (self.date(v, "period.from"), v.span()));
        let to = self
            .required(&f, ("to", "the last day, e.g. 2024-12-31"), "[period]", &at)
            .map(|v| (self.date(v, "period.to"), v.span()));
        let ((Some(from), from_span), (Some(to), to_span)) = (from?, to?) else {
            return None;
        };
        if from > to {
            self.err(
                &from_span,
                format!("period.from ({from}) is after period.to ({to}): expected from ≤ to"),
            );
            return None;
        }
        if let Some(year) = year {
            for (day, span, name) in [(from, from_span, "from"), (to, to_span, "to")] {
                if day.year() != year {
                    self.err(
                        &span,
                        format!("period.{name} ({day}) is not in the round's year {year}"),
                    );
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
        let (key, value) = self.section(entry, "[inputs]")?;
        let table = self.table(value, "[inputs]")?;
        let names: Vec<&str> = set.inputs().iter().map(|i| i.name.as_str()).collect();
        let mut f = BTreeMap::new();
        for (k, v) in table.iter() {
            let name: &str = k.get_ref();
            if names.contains(&name) {
                f.insert(name, v);
            } else {
                let hint = closest(name, names.iter().copied())
                    .map(|k| format!(" (did you mean `{k}`?)"))
                    .unwrap_or_default();
                self.err(
                    &k.span(),
                    format!(
                        "unknown input `{name}`{hint}: criteria set {} declares no such input",
                        set.id()
                    ),
                );
            }
        }
        let mut values = Vec::with_capacity(set.inputs().len());
        let mut complete = true;
        for input in set.inputs() {
            let Some(v) = f.get(input.name.as_str()) else {
                self.err(
                    &key.span(),
                    format!(
                        "missing input `{}` ({}): expected {}",
                        input.name,
                        input.label.vi,
                        input.ty.expected()
                    ),
                );
                complete = false;
                continue;
            };
            let field = format!("inputs.{}", input.name);
            let value = match input.ty {
                InputType::Bool => self.boolean(v, &field).map(Value::Bool),
                InputType::Count | InputType::Money => self
                    .number(v, &field, input.ty.expected())
                    .map(Value::Number),
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
        let Some((_, value)) = entry else {
            return Some(Vec::new());
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.err(
                &value.span(),
                "incidents must be written as [[incidents]] tables",
            );
            return None;
        };
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        let mut out = Vec::new();
        let mut complete = true;
        for item in items.iter() {
            let Some(table) = self.table(item, "[[incidents]]") else {
                complete = false;
                continue;
            };
            let f = self.fields(
                table,
                "[[incidents]]",
                &[
                    "id",
                    "date",
                    "kind",
                    "fatal",
                    "support_plan_approved",
                    "note",
                ],
            );
            let at = item.span();
            let id = self.required(&f, ("id", "an id unique in the file, e.g. \"ST-2024-01\""), "[[incidents]]", &at).and_then(|v| {
                let id = self.text(v, "incidents.id")?;
                let line = self.src.line_of(&v.span());
                if id.trim().is_empty() {
                    self.err(
                        &v.span(),
                        "incidents.id: expected a non-empty id such as \"ST-2024-01\"",
                    );
                    return None;
                }
                if !text::is_short_code(&id) {
                    // The id is never quoted: a long one may be a child's name.
                    let why = match id.chars().enumerate().find(|(i, c)| !(c.is_ascii_alphanumeric() || (*i > 0 && "._/-".contains(*c)))) {
                        Some((i, c)) => format!("character {} at position {} is not allowed", text::code_point(c), i + 1),
                        None => format!("{} characters is too long", id.chars().count()),
                    };
                    self.err(
                        &v.span(),
                        format!("incidents.id: {why}: expected a short code such as \"ST-2024-01\" (a letter or digit, then letters, digits, '.', '_', '/' or '-'; at most {MAX_ID_CHARS} characters)"),
                    );
                    return None;
                }
                if let Some(first) = seen.insert(id.clone(), line) {
                    self.err(
                        &v.span(),
                        format!("incidents.id: duplicate id {id:?} (first on line {first}): expected an id unique in the file"),
                    );
                    return None;
                }
                Some(id)
            });
            let date = self
                .required(&f, ("date", "a date like 2024-07-02"), "[[incidents]]", &at)
                .and_then(|v| self.date(v, "incidents.date"));
            let kind = self
                .required(
                    &f,
                    ("kind", "an incident kind such as \"drowning\""),
                    "[[incidents]]",
                    &at,
                )
                .and_then(|v| {
                    self.choice(
                        v,
                        "incidents.kind",
                        set.incident_kinds(),
                        super::IncidentKind::id,
                    )
                });
            let flag = |r: &mut Self, name: &str| match f.get(name) {
                Some(v) => r.boolean(v, &format!("incidents.{name}")),
                None => Some(false),
            };
            let fatal = flag(self, "fatal");
            let plan = flag(self, "support_plan_approved");
            if let Some(v) = f.get("note") {
                self.printable(v, "incidents.note", MAX_NOTE_CHARS);
            }
            match (id, date, kind, fatal, plan) {
                (Some(id), Some(date), Some(kind), Some(fatal), Some(support_plan_approved)) => out
                    .push(Incident {
                        id,
                        date,
                        kind,
                        fatal,
                        support_plan_approved,
                    }),
                _ => complete = false,
            }
        }
        complete.then_some(out)
    }
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

/// Why a number lies outside its input's valid range (`min`, `max`, a percentage's 0..100,
/// the type's limit), in words: "expected at least 1".
pub(crate) fn out_of_bounds(
    input: &crate::criteria::Input,
    value: rust_decimal::Decimal,
) -> Option<String> {
    if value < input.lowest() {
        Some(format!("expected at least {}", input.lowest()))
    } else if value > input.highest() {
        Some(format!("expected at most {}", input.highest()))
    } else {
        None
    }
}

/// Checks the range (`min`, `max`), `at_most` and `at_least` of every input; returns (input
/// index, message).
pub(crate) fn constraint_problems(
    set: &CriteriaSet,
    values: &[Value],
    derived: &[DerivedCount],
) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (i, input) in set.inputs().iter().enumerate() {
        let n = match values[i] {
            Value::Number(n) => n,
            Value::Decimal(d) => {
                if let Some(why) = out_of_bounds(input, d) {
                    out.push((i, format!("inputs.{} = {d}: {why}", input.name)));
                }
                continue;
            }
            Value::Bool(_) => continue,
        };
        if let Some(why) = out_of_bounds(input, rust_decimal::Decimal::from(n)) {
            out.push((i, format!("inputs.{} = {n}: {why}", input.name)));
        }
        let describe = |name: &str| {
            if set.input_index(name).is_some() {
                name.to_string()
            } else {
                format!("{name} (incidents in the period)")
            }
        };
        if let Some(whole) = &input.at_most
            && let Some(w) = lookup(set, values, derived, whole).filter(|w| n > *w)
        {
            out.push((
                i,
                format!(
                    "inputs.{} = {n} is greater than {} = {w}: a part cannot exceed its whole",
                    input.name,
                    describe(whole)
                ),
            ));
        }
        if let Some(floor) = &input.at_least
            && let Some(w) = lookup(set, values, derived, floor).filter(|w| n < *w)
        {
            out.push((
                i,
                format!(
                    "inputs.{} = {n} is less than {} = {w}",
                    input.name,
                    describe(floor)
                ),
            ));
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
        r.err(
            &span,
            format!("TOML syntax: {}", e.message().trim().replace('\n', " ")),
        );
    }
    let mut sections: BTreeMap<&str, Entry> = BTreeMap::new();
    for (key, value) in doc.get_ref().iter() {
        let name: &str = key.get_ref();
        if ["unit", "period", "inputs", "incidents"].contains(&name) {
            sections.insert(name, (key, value));
        } else {
            r.err(
                &key.span(),
                format!(
                    "unknown section `{name}`: expected [unit], [period], [inputs] or [[incidents]]"
                ),
            );
        }
    }
    let unit = r.unit(sections.get("unit").copied(), set);
    let period = r.period(sections.get("period").copied(), year);
    let values = r.inputs(sections.get("inputs").copied(), set);
    let incidents = r.incidents(sections.get("incidents").copied(), set);

    if let (Some(values), Some(period), Some(incidents)) = (&values, period, &incidents) {
        let plain: Vec<Value> = values.iter().map(|(v, _)| *v).collect();
        let derived = derive(set, period, incidents);
        for (i, message) in constraint_problems(set, &plain, &derived) {
            r.err(&values[i].1, message);
        }
    }
    if !r.problems.is_empty() {
        return Err(Diagnostics(r.problems).sorted());
    }
    let (Some(unit), Some(period), Some(values), Some(incidents)) =
        (unit, period, values, incidents)
    else {
        // Every part that is None was reported above; this keeps the function total.
        return Err(Diagnostics(vec![crate::diag::whole_file(
            path,
            "the evidence is incomplete",
        )]));
    };
    let values: Vec<Value> = values.into_iter().map(|(v, _)| v).collect();
    let derived = derive(set, period, &incidents);
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
