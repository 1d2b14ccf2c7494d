//! The TOML reader's errors as typed problems at a field path.
//!
//! serde says what went wrong in an English sentence of a known shape ("unknown field `x`,
//! expected one of `a`, `b`", "missing field `x`", "invalid type: …, expected …", "unknown
//! variant …"); those shapes become [`ValueProblem`]s with their values, and everything else
//! (TOML syntax, the checks of our own deserialisers) travels as the parser's `detail`. The
//! field path comes from the error's span, found again in the document's own spans, since
//! toml does not expose the keys it knows.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::base::diag::{FieldPath, FileProblem, Problem, ValueKind, ValueProblem, closest};

/// The field path and the typed problem of one error of the TOML reader. `kind_of` says what
/// a key of this kind of file holds, for a missing field.
pub(crate) fn typed(
    text: &str,
    error: &toml::de::Error,
    kind_of: fn(&str) -> Option<ValueKind>,
) -> (FieldPath, Problem) {
    let message = error.message().trim().replace('\n', " ");
    let at = |leaf| {
        error
            .span()
            .map_or_else(FieldPath::whole_file, |s| field_at(text, s.start, leaf))
    };
    let names = quoted(&message);
    if message.starts_with("missing field ")
        && let Some(name) = names.first()
        && let Some(expected) = kind_of(name)
    {
        // serde spans a missing field by the table that lacks it.
        return (
            at(false).key(name),
            ValueProblem::Missing { expected }.into(),
        );
    }
    let path = at(true);
    if message.starts_with("unknown field ")
        && let Some((_, allowed)) = names.split_first()
    {
        let allowed_names: Vec<&str> = allowed.iter().map(String::as_str).collect();
        let closest = closest(&names[0], allowed_names.iter().copied()).map(str::to_string);
        return (
            path,
            ValueProblem::Unknown {
                allowed: allowed.to_vec(),
                closest,
            }
            .into(),
        );
    }
    if message.starts_with("unknown variant ")
        && let Some((found, allowed)) = names.split_first()
    {
        let allowed_names: Vec<&str> = allowed.iter().map(String::as_str).collect();
        let closest = closest(found, allowed_names.iter().copied()).map(str::to_string);
        return (
            path,
            ValueProblem::NotOneOf {
                found: found.clone(),
                allowed: allowed.to_vec(),
                closest,
            }
            .into(),
        );
    }
    if let Some(rest) = message.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
        && let Some(expected) = serde_kind(expected)
    {
        return (
            path,
            ValueProblem::WrongType {
                expected,
                found: found.to_string(),
            }
            .into(),
        );
    }
    (path, FileProblem::Syntax { detail: message }.into())
}

/// The names serde quotes in backticks, in order.
fn quoted(message: &str) -> Vec<String> {
    message
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The kind of value serde's description of an expected type names.
fn serde_kind(expected: &str) -> Option<ValueKind> {
    let e = expected
        .trim()
        .trim_start_matches("a ")
        .trim_start_matches("an ");
    let integer = |s: &str| {
        s.len() > 1
            && (s.starts_with('u') || s.starts_with('i'))
            && s[1..].chars().all(|c| c.is_ascii_digit())
    };
    Some(if e.contains("decimal") {
        ValueKind::Decimal
    } else if e.contains("date") {
        ValueKind::Date
    } else if integer(e) || e == "usize" || e.contains("integer") {
        ValueKind::WholeNumber
    } else if e.contains("boolean") {
        ValueKind::Boolean
    } else if e.contains("sequence") {
        ValueKind::Array
    } else if e.contains("string") || e.contains("path") {
        ValueKind::Text
    } else if e.starts_with("struct") || e.contains("map") {
        ValueKind::Table
    } else {
        return None;
    })
}

/// The path of the deepest field of `text` at byte `offset`; with `leaf` false, of the
/// deepest table.
fn field_at(text: &str, offset: usize, leaf: bool) -> FieldPath {
    let Ok(doc) = DeTable::parse(text) else {
        return FieldPath::whole_file();
    };
    table_at(doc.get_ref(), offset, FieldPath::whole_file(), leaf)
}

fn holds(span: &Range<usize>, offset: usize) -> bool {
    span.start <= offset && offset < span.end.max(span.start + 1)
}

fn table_at(table: &DeTable, offset: usize, path: FieldPath, leaf: bool) -> FieldPath {
    for (key, value) in table.iter() {
        if let Some(found) = value_at(value, offset, &path.key(key.get_ref()), leaf) {
            return found;
        }
    }
    if leaf && let Some((key, _)) = table.iter().find(|(k, _)| holds(&k.span(), offset)) {
        return path.key(key.get_ref());
    }
    // The parser spans a `[table]` or `[[table]]` by its header only: a problem in its body
    // belongs to the last one whose header comes before it.
    let mut last: Option<(usize, FieldPath, &DeValue)> = None;
    let mut consider = |start: usize, at: FieldPath, v| {
        if start <= offset && last.as_ref().is_none_or(|(s, _, _)| start > *s) {
            last = Some((start, at, v));
        }
    };
    for (key, value) in table.iter() {
        let at = path.key(key.get_ref());
        match value.get_ref() {
            DeValue::Table(_) => consider(value.span().start, at, value.get_ref()),
            DeValue::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    if matches!(item.get_ref(), DeValue::Table(_)) {
                        consider(item.span().start, at.index(i), item.get_ref());
                    }
                }
            }
            _ => {}
        }
    }
    match last {
        Some((_, at, DeValue::Table(t))) => table_at(t, offset, at, leaf),
        Some((_, at, _)) => at,
        None => path,
    }
}

/// The path inside `value` (at `path`) that holds `offset`, if it does.
fn value_at(
    value: &toml::Spanned<DeValue>,
    offset: usize,
    path: &FieldPath,
    leaf: bool,
) -> Option<FieldPath> {
    if let DeValue::Array(items) = value.get_ref() {
        for (i, item) in items.iter().enumerate() {
            if let Some(found) = value_at(item, offset, &path.index(i), leaf) {
                return Some(found);
            }
        }
    }
    if !holds(&value.span(), offset) {
        return None;
    }
    match value.get_ref() {
        DeValue::Table(t) => Some(table_at(t, offset, path.clone(), leaf)),
        _ => leaf.then(|| path.clone()),
    }
}
