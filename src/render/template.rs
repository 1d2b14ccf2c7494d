//! The evidence template as TOML (`cfc template`, and the unit files of `cfc new-round`): every
//! field of the criteria set with a placeholder that passes validation once the unit's code
//! and name are filled in, and a comment in the reader's language saying what each takes.

use std::fmt::Write;

use rust_decimal::Decimal;

use crate::base::lang::Lang;
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
    let kinds: Vec<&str> = set.unit_kinds().iter().map(|k| k.id.id()).collect();
    out += "[unit]\n";
    out += &commented("code = \"\"", words::code(lang));
    out += &commented("name = \"\"", words::name(lang));
    let kind_line = format!("kind = \"{}\"", kinds.first().copied().unwrap_or_default());
    out += &commented(&kind_line, &kinds.join(" | "));
    out += &class_line(set, set.unit_kinds().first().map(|k| &k.id), lang);
    out += &commented("synthetic = false", words::synthetic(lang));
    out += "\n";
    out += &commented("[period]", words::period(lang));
    let _ = write!(out, "from = {year}-01-01\nto = {year}-12-31\n\n[inputs]\n");
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
        let placeholder = match input.ty {
            InputType::Bool => "false".to_string(),
            _ => placeholder(set, input).to_string(),
        };
        let _ = writeln!(out, "{} = {placeholder}", input.name);
    }
    let incident_kinds: Vec<&str> = set.incident_kinds().iter().map(|k| k.id.id()).collect();
    let kind_line = format!(
        "# kind = \"{}\"",
        incident_kinds.first().copied().unwrap_or_default()
    );
    let _ = write!(
        out,
        "\n# {}\n# [[incidents]]\n{}# date = {year}-07-02\n{}# fatal = false\n\
         # support_plan_approved = false\n{}",
        words::incidents(lang),
        commented(
            &format!("# id = \"XX-{year}-01\""),
            words::incident_id(lang)
        ),
        commented(&kind_line, &incident_kinds.join(" | ")),
        commented("# note = \"\"", words::incident_note(lang)),
    );
    out
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
