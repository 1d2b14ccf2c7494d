//! The evidence template as TOML (`cfc template`, and the unit files of `cfc new-round`): every
//! field of the criteria set with a placeholder that passes validation once the unit's code
//! and name are filled in, and a comment in the reader's language saying what each takes.

use std::fmt::Write;

use rust_decimal::Decimal;

use crate::base::lang::Lang;
use crate::form::{Field, INCIDENT_FIELDS, PERIOD_FIELDS, Role, UNIT_FIELDS};
use crate::rules::criteria::{CriteriaSet, Input, InputType, UnitKind};
use crate::words::{form, format, template as words};

/// The evidence template of a criteria set for a round year.
///
/// ```
/// use cfc::{CriteriaSet, Evidence, Lang};
/// let set = CriteriaSet::load("criteria/qd-06-2019.toml")?;
/// let text = cfc::render::evidence_template(&set, 2024, Lang::Vi);
/// assert!(text.contains("[inputs]"));
/// // Filled in, the template is a valid evidence file.
/// let filled = text.replacen("code = \"\"", "code = \"21211\"", 1).replacen("name = \"\"", "name = \"Sơn Hà\"", 1);
/// assert!(Evidence::parse("unit.toml", &filled, &set, Some(2024)).is_ok());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn evidence_template(set: &CriteriaSet, year: u16, lang: Lang) -> String {
    let mut out = words::header(set.id(), set.title().get(lang), set.legal_basis(), lang);
    out += "[unit]\n";
    for &field in UNIT_FIELDS {
        out += &field_line(field, set, year, lang, "");
    }
    out += "\n";
    out += &commented("[period]", words::period(lang));
    for &field in PERIOD_FIELDS {
        out += &field_line(field, set, year, lang, "");
    }
    out += "\n[inputs]\n";
    for input in set.inputs() {
        let unit = input
            .unit
            .as_ref()
            .map(|u| format!(" ({})", u.get(lang)))
            .unwrap_or_default();
        let constraint: Vec<String> = form::requirements(set, input, lang)
            .into_iter()
            .map(|r| toml_requirement(r, lang))
            .collect();
        let constraint = constraint.join("; ");
        let _ = writeln!(out, "# {}{unit} — {constraint}", input.label.get(lang));
        // An optional input is shown commented out with its default: a file that keeps it so
        // holds the default, as files written before it was declared do.
        match input.default {
            Some(default) => {
                let _ = writeln!(out, "# {} = {default}", input.name);
            }
            None => {
                let placeholder = match input.ty {
                    InputType::Bool => "false".to_string(),
                    _ => placeholder(set, input).to_string(),
                };
                let _ = writeln!(out, "{} = {placeholder}", input.name);
            }
        }
    }
    // The register is optional: its entry is shown commented out, to copy.
    let _ = write!(out, "\n# {}\n# [[incidents]]\n", words::incidents(lang));
    for &field in INCIDENT_FIELDS {
        out += &field_line(field, set, year, lang, "# ");
    }
    out
}

/// One field of the form as a template line: a value that passes validation once the code and
/// name are filled in, and what it takes when a person needs telling.
fn field_line(field: Field, set: &CriteriaSet, year: u16, lang: Lang, prefix: &str) -> String {
    let kinds = |ids: Vec<&str>| {
        (
            ids.first().copied().unwrap_or_default().to_string(),
            ids.join(" | "),
        )
    };
    let key = field.key();
    let (value, comment) = match field {
        Field::UnitCode => ("\"\"".to_string(), Some(words::code(lang).to_string())),
        Field::UnitName => ("\"\"".to_string(), Some(words::name(lang).to_string())),
        Field::UnitKind => {
            let (first, all) = kinds(set.unit_kinds().iter().map(|k| k.id.id()).collect());
            (format!("\"{first}\""), Some(all))
        }
        Field::UnitClass => return class_line(set, set.unit_kinds().first().map(|k| &k.id), lang),
        Field::UnitSynthetic => (
            "false".to_string(),
            Some(words::synthetic(lang).to_string()),
        ),
        Field::PeriodFrom => (format!("{year}-01-01"), None),
        Field::PeriodTo => (format!("{year}-12-31"), None),
        Field::IncidentId => (
            format!("\"XX-{year}-01\""),
            Some(words::incident_id(lang).to_string()),
        ),
        Field::IncidentDate => (format!("{year}-07-02"), None),
        Field::IncidentKind => {
            let (first, all) = kinds(set.incident_kinds().iter().map(|k| k.id.id()).collect());
            (format!("\"{first}\""), Some(all))
        }
        Field::IncidentFatal | Field::IncidentSupportPlanApproved => ("false".to_string(), None),
        Field::IncidentNote => (
            "\"\"".to_string(),
            Some(words::incident_note(lang).to_string()),
        ),
        Field::IncidentSupportPlanApprovedBy => {
            let roles: Vec<&str> = Role::ALL.iter().map(|r| r.id()).collect();
            (
                format!("\"{}\"", Role::CommuneChair.id()),
                Some(format!(
                    "{} — {}",
                    words::approved_by(lang),
                    roles.join(" | ")
                )),
            )
        }
        Field::IncidentSupportPlanApprovedOn => (
            format!("{year}-07-04"),
            Some(words::approved_on(lang).to_string()),
        ),
    };
    let line = format!("{prefix}{key} = {value}");
    match comment {
        Some(c) => commented(&line, &c),
        None => line + "\n",
    }
}

/// The `class = …` line of a template: the first class a unit of `kind` may take, and every
/// class with its threshold (and the kinds it is restricted to) in the comment.
pub fn class_line(set: &CriteriaSet, kind: Option<&UnitKind>, lang: Lang) -> String {
    let classes: Vec<String> = set
        .classes()
        .iter()
        .map(|c| {
            let threshold = format::points(c.threshold, lang);
            let only = c.kinds.as_ref().map(|kinds| {
                kinds
                    .iter()
                    .map(UnitKind::id)
                    .collect::<Vec<_>>()
                    .join(", ")
            });
            words::class_choice(&c.id, &threshold, only.as_deref(), lang)
        })
        .collect();
    let first = set
        .classes()
        .iter()
        .find(|c| kind.is_none_or(|k| c.allows(k)))
        .map_or("", |c| c.id.as_str());
    commented(&format!("class = \"{first}\""), &classes.join(" | "))
}

/// A requirement as a TOML file takes it: a yes-or-no is written `true` or `false`, and a
/// percentage as its number, with a point, not as a spreadsheet cell takes them.
fn toml_requirement(r: form::Requirement, lang: Lang) -> String {
    match r {
        form::Requirement::YesNo => words::true_or_false(lang).to_string(),
        form::Requirement::Decimal {
            percent: true,
            range,
            digits,
        } => {
            let number = form::Requirement::Decimal {
                percent: false,
                range,
                digits,
            };
            words::percent(&form::requirement(&number, lang), lang)
        }
        other => form::requirement(&other, lang),
    }
}

/// A line with a comment after it, the comments of a file aligned in one column.
fn commented(line: &str, comment: &str) -> String {
    format!("{line:<31} # {comment}\n")
}

/// The number a blank count starts at: its `min` (and that of an input it may not be below),
/// so that a template whose code and name are filled in already passes validation.
fn placeholder(set: &CriteriaSet, input: &Input) -> Decimal {
    let floor = input
        .at_least
        .as_deref()
        .and_then(|n| set.input_index(n))
        .map(|i| set.inputs()[i].lowest());
    let mut at = input.lowest().max(floor.unwrap_or_default());
    // A decimal starts with its declared digits (`0.0`), so the file shows what to write.
    at.rescale(input.decimals.unwrap_or(0));
    at
}
