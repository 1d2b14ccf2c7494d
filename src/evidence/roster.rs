//! Checks a round of 2025 or later against the official list of units ([`crate::rules::units`]):
//! every evidence file must name a unit of the round's province by its code, official name
//! and kind, and every unit of the province must have a file.
//!
//! Every finding is an error, not a warning: a file filed under the wrong code, name or kind
//! would be a decision about the wrong commune, so that unit is refused (the others are still
//! evaluated); a unit with no file is reported so that no commune is left out of a province's
//! decision without anyone noticing.

use std::collections::BTreeSet;
use std::path::Path;

use crate::base::diag::{Diagnostic, FieldPath, RoundProblem};
use crate::evidence::Evidence;
use crate::rules::units::{FIRST_YEAR, OfficialList, OfficialUnit};

/// Checks the valid units of a round against the official list, moving every unit that
/// disagrees with it from `units` to `errors`; `round_toml` locates the `province` field for
/// units that have no evidence file. Rounds of a `year` before [`FIRST_YEAR`], or that name no
/// `province`, are left alone.
pub fn check(
    round_toml: &Path,
    (province, year): (Option<&str>, u16),
    units: &mut Vec<Evidence>,
    errors: &mut Vec<Diagnostic>,
) {
    let Some(code) = province else {
        return;
    };
    if year < FIRST_YEAR {
        return;
    }
    let list = OfficialList::embedded();
    let round_text = std::fs::read_to_string(round_toml).unwrap_or_default();
    let (line, column) = field_position(&round_text, None, "province").unwrap_or((1, 1));
    let at_province = |problem: RoundProblem| {
        Diagnostic::new(
            round_toml,
            (line, column),
            FieldPath::from("province"),
            problem,
        )
    };
    let Some(province) = list.province(code) else {
        errors.push(at_province(RoundProblem::UnknownProvince {
            code: code.to_string(),
            in_force: list.in_force.clone(),
        }));
        return;
    };
    let present: BTreeSet<String> = units.iter().map(|e| e.unit().code.clone()).collect();
    units.retain(|ev| {
        let found = disagreements(ev, list, &province.code, &province.name);
        let keep = found.is_empty();
        errors.extend(found);
        keep
    });
    for unit in province.units.iter().filter(|u| !present.contains(&u.code)) {
        errors.push(at_province(RoundProblem::NoEvidenceFile {
            code: unit.code.clone(),
            name: unit.name.clone(),
            unit_kind: unit.kind.id().to_string(),
            province: province.name.clone(),
        }));
    }
}

/// What is wrong with one evidence file's `[unit]` against the list, located.
fn disagreements(
    ev: &Evidence,
    list: &OfficialList,
    province: &str,
    province_name: &str,
) -> Vec<Diagnostic> {
    let unit = ev.unit();
    let file = ev.source();
    let text = std::fs::read_to_string(file).unwrap_or_default();
    let at = |key: &str, problem: RoundProblem| {
        let (line, column) = field_position(&text, Some("unit"), key).unwrap_or((1, 1));
        Diagnostic::new(
            file,
            (line, column),
            FieldPath::from("unit").key(key),
            problem,
        )
    };
    let Some(official) = list.unit(&unit.code) else {
        return vec![at(
            "code",
            RoundProblem::NotInOfficialList {
                code: unit.code.clone(),
                in_force: list.in_force.clone(),
                province: province_name.to_string(),
            },
        )];
    };
    if official.province != province {
        let other = list
            .province(&official.province)
            .map_or(official.province.as_str(), |p| p.name.as_str());
        return vec![at(
            "code",
            RoundProblem::OtherProvince {
                code: unit.code.clone(),
                name: official.name.clone(),
                belongs_to: other.to_string(),
                province: province_name.to_string(),
            },
        )];
    }
    let mut found = Vec::new();
    if !official.name_matches(&unit.name) {
        found.push(at(
            "name",
            RoundProblem::NotOfficialName {
                found: unit.name.clone(),
                code: unit.code.clone(),
                official: official.name.clone(),
                short: official.short_name().to_string(),
            },
        ));
    }
    if unit.kind != official.kind {
        found.push(at("kind", kind_problem(unit.kind.id(), official)));
    }
    found
}

/// A unit kind other than the official list's.
fn kind_problem(given: &str, official: &OfficialUnit) -> RoundProblem {
    RoundProblem::NotOfficialKind {
        found: given.to_string(),
        code: official.code.clone(),
        name: official.name.clone(),
        kind_word: official.kind_word.to_string(),
        expected: official.kind.id().to_string(),
    }
}

/// The line and column (1-based, in characters) of the value of `key` in `table` (`None`:
/// the top level), found by reading the lines; evidence and round files are flat enough
/// for that, and a position not found falls back to the file's start rather than failing.
pub(crate) fn field_position(text: &str, table: Option<&str>, key: &str) -> Option<(usize, usize)> {
    let mut current: Option<String> = None;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            let name = trimmed
                .trim_start_matches('[')
                .split(']')
                .next()
                .unwrap_or("");
            current = Some(name.trim().to_string());
            continue;
        }
        if current.as_deref() != table {
            continue;
        }
        let Some(rest) = trimmed.strip_prefix(key) else {
            continue;
        };
        let Some(value) = rest.trim_start().strip_prefix('=') else {
            continue;
        };
        let value_bytes = line.len() - value.trim_start().len();
        return Some((i + 1, line[..value_bytes].chars().count() + 1));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_point_at_the_value_in_the_right_table() {
        let text = "province = \"51\"\n[unit]\ncode = \"21289\"\n  name   = \"Sơn Hà\"\n[inputs]\nname = 1\n";
        assert_eq!(field_position(text, None, "province"), Some((1, 12)));
        assert_eq!(field_position(text, Some("unit"), "code"), Some((3, 8)));
        assert_eq!(field_position(text, Some("unit"), "name"), Some((4, 12)));
        assert_eq!(field_position(text, Some("unit"), "kind"), None);
    }
}
