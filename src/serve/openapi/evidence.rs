//! The JSON Schema of a unit's evidence under a loaded round: the fields the form fixes, the
//! inputs the criteria set declares, the kinds and classes it (and its policy) declares, the
//! round's year. Every rule of the parser a schema can state is stated; what it cannot (a part
//! above its whole, a period that ends before it starts, an incident id used twice) is said
//! in the description and answered 400.

use std::sync::OnceLock;

use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::base::printable::{MAX_ID_CHARS, MAX_NAME_CHARS, MAX_NOTE_CHARS, printable_ranges};
use crate::evidence::MAX_CODE_LEN;
use crate::form::{Field, Role, Section, Shape};
use crate::rules::criteria::{CriteriaSet, Input, InputType};

/// The schema of the evidence a round reads, as JSON (`set` with its policy's incident kinds,
/// as [`crate::Evaluator::criteria`] gives it).
pub(super) fn schema(set: &CriteriaSet, year: u16) -> Value {
    let section = |s: Section, extra: Option<Value>| {
        let mut properties = serde_json::Map::new();
        let mut required = Vec::new();
        for field in s.fields() {
            properties.insert(field.key().to_string(), field_schema(*field, set, year));
            if field.required() {
                required.push(field.key());
            }
        }
        let mut object = json!({
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": false,
        });
        if let Some(extra) = extra {
            object["anyOf"] = extra;
        }
        object
    };
    let inputs: serde_json::Map<String, Value> = set
        .inputs()
        .iter()
        .map(|i| {
            let schema = input_schema(i);
            // Left out with null, like any field the evidence may omit.
            let schema = match i.default {
                Some(_) => json!({ "anyOf": [schema, { "type": "null" }] }),
                None => schema,
            };
            (i.name.clone(), schema)
        })
        .collect();
    // An input with a default may be left out: the evidence then holds its default.
    let names: Vec<&str> = set
        .inputs()
        .iter()
        .filter(|i| i.default.is_none())
        .map(|i| i.name.as_str())
        .collect();
    json!({
        "type": "object",
        "description": format!(
            "A unit's evidence under criteria set {} for the round's year {year}: the sections \
             of an evidence file as JSON objects, dates as \"YYYY-MM-DD\". A null field is a \
             field left out. Refused with 400 although the schema cannot say it: a part above \
             its whole (an input's at_most or at_least), a period whose end is before its \
             start, an incident id used twice.",
            set.id()
        ),
        "properties": {
            Section::Unit.key(): section(Section::Unit, classes_and_kinds(set)),
            Section::Period.key(): section(Section::Period, None),
            Section::Inputs.key(): {
                "type": "object",
                "description": "Every input the criteria set declares; one with a default may be left out.",
                "properties": inputs,
                "required": names,
                "additionalProperties": false,
            },
            Section::Incidents.key(): {
                "type": ["array", "null"],
                "description": "The incident register: no name, no personal data.",
                "items": section(Section::Incidents, None),
            },
        },
        "required": [Section::Unit.key(), Section::Period.key(), Section::Inputs.key()],
        "additionalProperties": false,
    })
}

/// A field of `[unit]`, `[period]` or an incident. An optional field may be null (left out).
fn field_schema(field: Field, set: &CriteriaSet, year: u16) -> Value {
    let mut schema = match field.shape() {
        Shape::Code => json!({
            "type": "string",
            "pattern": format!("^[0-9]{{1,{MAX_CODE_LEN}}}$"),
            "description": "The official administrative code: digits.",
        }),
        Shape::Name => json!({
            "type": "string",
            "pattern": printable(MAX_NAME_CHARS, true),
            "description": format!(
                "Printable text (what the dossier's font draws), at most {MAX_NAME_CHARS} \
                 characters once trimmed."
            ),
        }),
        Shape::UnitKind => json!({
            "type": "string",
            "enum": set.unit_kinds().iter().map(|k| k.id.id()).collect::<Vec<_>>(),
        }),
        Shape::Class => json!({
            "type": "string",
            "enum": set.classes().iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        }),
        Shape::Flag => json!({ "type": "boolean" }),
        Shape::Date if field.section() == Section::Period => json!({
            "type": "string",
            "pattern": format!("^{}$", date_in(year)),
            "description": format!("A day of the round's year {year}, YYYY-MM-DD."),
        }),
        Shape::Date => json!({
            "type": "string",
            "format": "date",
            "pattern": format!("^{}$", any_date()),
        }),
        Shape::ShortCode => json!({
            "type": "string",
            "pattern": format!("^[A-Za-z0-9][A-Za-z0-9._/-]{{0,{}}}$", MAX_ID_CHARS - 1),
            "description": "A short code, never a name.",
        }),
        Shape::IncidentKind => json!({
            "type": "string",
            "enum": set.incident_kinds().iter().map(|k| k.id.id()).collect::<Vec<_>>(),
        }),
        Shape::Role => json!({
            "type": "string",
            "enum": Role::ALL.map(Role::id),
            "description": "Who approved the support plan, by office: never a person's name.",
        }),
        Shape::Note => json!({
            "type": "string",
            "pattern": printable(MAX_NOTE_CHARS, false),
            "description": format!(
                "Free text for the council, at most {MAX_NOTE_CHARS} characters; never copied \
                 into results."
            ),
        }),
    };
    if !field.required() {
        let ty = schema["type"].as_str().unwrap_or("string").to_string();
        schema["type"] = json!([ty, "null"]);
    }
    schema
}

/// Which classes take which kinds of unit, when a class takes only some: one alternative per
/// such class, and one for the classes that take any kind.
fn classes_and_kinds(set: &CriteriaSet) -> Option<Value> {
    if set.classes().iter().all(|c| c.kinds.is_none()) {
        return None;
    }
    let open: Vec<&str> = set
        .classes()
        .iter()
        .filter(|c| c.kinds.is_none())
        .map(|c| c.id.as_str())
        .collect();
    let mut alternatives: Vec<Value> = set
        .classes()
        .iter()
        .filter_map(|c| {
            let kinds: Vec<&str> = c.kinds.as_ref()?.iter().map(|k| k.id()).collect();
            Some(json!({
                "properties": { "class": { "const": c.id }, "kind": { "enum": kinds } }
            }))
        })
        .collect();
    if !open.is_empty() {
        alternatives.push(json!({ "properties": { "class": { "enum": open } } }));
    }
    Some(Value::Array(alternatives))
}

/// An input: a whole number or an amount of VND within its range, a yes/no, or an exact
/// decimal with at most its declared digits (a JSON number, or a string to keep it exact).
fn input_schema(input: &Input) -> Value {
    let mut description = input.label.vi.clone();
    if let Some(en) = &input.label.en {
        description = format!("{description} — {en}");
    }
    let (low, high) = (number(input.lowest()), number(input.highest()));
    let mut schema = match input.ty {
        InputType::Bool => json!({ "type": "boolean" }),
        InputType::Count | InputType::Money => json!({
            "type": "integer",
            "minimum": low,
            "maximum": high,
        }),
        InputType::Decimal | InputType::Percent => {
            let digits = input.decimals.unwrap_or(0);
            let mut as_number = json!({ "type": "number", "minimum": low, "maximum": high });
            if digits > 0 {
                as_number["multipleOf"] = number(Decimal::new(1, digits));
            } else {
                as_number["type"] = json!("integer");
            }
            let fraction = match digits {
                0 => String::new(),
                d => format!("(\\.[0-9]{{1,{d}}})?"),
            };
            json!({
                "anyOf": [
                    as_number,
                    {
                        "type": "string",
                        "pattern": format!("^\\s*-?[0-9]+{fraction}\\s*$"),
                        "description": "The same decimal written exactly, e.g. \"7.5\"; its range as the number's.",
                    },
                ],
            })
        }
    };
    schema["description"] = json!(description);
    if input.at_most.is_some() || input.at_least.is_some() {
        let bound = |word: &str, other: &Option<String>| {
            other
                .as_ref()
                .map(|o| format!(" It may not be {word} {o} (refused with 400)."))
                .unwrap_or_default()
        };
        schema["description"] = json!(format!(
            "{description}.{}{}",
            bound("above", &input.at_most),
            bound("below", &input.at_least)
        ));
    }
    schema
}

/// A decimal as a JSON number: exact for whole numbers, the nearest binary number otherwise
/// (a schema's bound, never a value that is evaluated).
fn number(d: Decimal) -> Value {
    serde_json::from_str(&d.normalize().to_string()).unwrap_or(Value::Null)
}

/// Printable text of at most `max` characters once trimmed: whitespace around it, then a
/// printable character that is not whitespace, then up to `max - 2` printable characters and
/// one more that is not whitespace; empty allowed unless `required`.
fn printable(max: usize, required: bool) -> String {
    let (any, solid, space) = classes();
    let inner = max.saturating_sub(2);
    let body = format!("{solid}(?:{any}{{0,{inner}}}{solid})?");
    let body = if required {
        body
    } else {
        format!("(?:{body})?")
    };
    format!("^{space}*{body}{space}*$")
}

/// The character classes of printable text: any printable character, one that is not
/// whitespace, and the whitespace trimmed around a text (as `str::trim` does).
fn classes() -> &'static (String, String, String) {
    static CLASSES: OnceLock<(String, String, String)> = OnceLock::new();
    CLASSES.get_or_init(|| {
        let printable = printable_ranges();
        let space: Vec<(u32, u32)> =
            ranges((0..=0x3000).filter(|u| char::from_u32(*u).is_some_and(char::is_whitespace)));
        let solid = ranges(
            printable
                .iter()
                .flat_map(|&(a, b)| a..=b)
                .filter(|u| !space.iter().any(|&(a, b)| (a..=b).contains(u))),
        );
        (class(&printable), class(&solid), class(&space))
    })
}

/// Consecutive code points gathered into inclusive ranges.
fn ranges(points: impl Iterator<Item = u32>) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    for u in points {
        match out.last_mut() {
            Some(last) if last.1 + 1 == u => last.1 = u,
            _ => out.push((u, u)),
        }
    }
    out
}

/// A regular expression's character class of ranges, each character as `\uXXXX` (read alike
/// by ECMA-262 and Python; every printable character is in the Basic Multilingual Plane).
fn class(ranges: &[(u32, u32)]) -> String {
    let mut out = String::from("[");
    for &(a, b) in ranges {
        out.push_str(&format!("\\u{a:04X}"));
        if b > a {
            out.push_str(&format!("-\\u{b:04X}"));
        }
    }
    out.push(']');
    out
}

/// Every valid day of a year, `YYYY-MM-DD`, as a regular expression.
fn date_in(year: u16) -> String {
    let february = if is_leap(year) { "2[0-9]" } else { "2[0-8]" };
    format!("{year:04}-{}", month_days(february))
}

/// Every valid day of the Gregorian calendar, years 0000 to 9999, as a regular expression.
fn any_date() -> String {
    // 29 February in the years divisible by 4, but not by 100 unless by 400.
    let leap = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)";
    format!("(?:[0-9]{{4}}-{}|{leap}-02-29)", month_days("2[0-8]"))
}

/// The months and their days, February's last days as given.
fn month_days(february: &str) -> String {
    format!(
        "(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|{february}))"
    )
}

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, text: &str) -> bool {
        regex_lite::Regex::new(pattern).unwrap().is_match(text)
    }

    /// The days the parser takes are the days the patterns take.
    #[test]
    fn date_patterns_take_exactly_the_valid_days() {
        for (text, ok) in [
            ("2024-02-29", true),
            ("2023-02-29", false),
            ("2000-02-29", true),
            ("1900-02-29", false),
            ("0000-02-29", true),
            ("2024-04-31", false),
            ("2024-04-30", true),
            ("2024-12-31", true),
            ("2024-13-01", false),
            ("2024-00-10", false),
        ] {
            let parsed = text.parse::<crate::base::date::Date>().is_ok();
            assert_eq!(parsed, ok, "{text}");
            assert_eq!(matches(&format!("^{}$", any_date()), text), ok, "{text}");
        }
        assert!(matches(&format!("^{}$", date_in(2024)), "2024-02-29"));
        assert!(!matches(&format!("^{}$", date_in(2024)), "2023-02-28"));
        assert!(!matches(&format!("^{}$", date_in(2023)), "2023-02-29"));
    }

    /// A text the parser takes matches the pattern, and one it refuses does not.
    #[test]
    fn the_text_pattern_is_the_parsers_rule() {
        let name = printable(MAX_NAME_CHARS, true);
        let note = printable(MAX_NOTE_CHARS, false);
        for (text, ok) in [
            ("Sơn Thượng", true),
            ("  Sơn Hà\t", true),
            ("Sơn\tHà", false),
            ("", false),
            ("   ", false),
            ("😀", false),
            ("\u{202E}abc", false),
            ("Son Ha\u{301}", true),
        ] {
            let parsed = crate::base::printable::printable(text.trim(), MAX_NAME_CHARS)
                .is_ok_and(|t| !t.is_empty());
            assert_eq!(parsed, ok, "{text:?}");
            assert_eq!(matches(&name, text), ok, "{text:?}");
        }
        let long = "a".repeat(MAX_NAME_CHARS);
        assert!(matches(&name, &format!("  {long} ")));
        assert!(!matches(&name, &format!("{long}a")));
        assert!(matches(&note, ""));
        assert!(matches(&note, "  "));
    }
}
