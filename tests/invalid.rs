//! The round `fixtures/invalid`: every validation check of `evidence-format.md` gets a file,
//! and each problem comes back located at file:line:column, naming the field and what was
//! expected, while the valid units of the round are still evaluated.

use std::collections::BTreeSet;
use std::path::PathBuf;

use cfc::Round;

const DIR: &str = "fixtures/invalid";

fn round() -> Round {
    match Round::load(DIR) {
        Ok(r) => r,
        Err(e) => panic!("the round itself must load: {e}"),
    }
}

/// Every error of the round as `file:line:column: message`.
fn errors(round: &Round) -> Vec<String> {
    round.errors.iter().map(ToString::to_string).collect()
}

/// Asserts one exact located message, showing the whole list when it is absent.
#[track_caller]
fn expect(errors: &[String], file: &str, line: usize, column: usize, message: &str) {
    let want = format!("{DIR}/{file}:{line}:{column}: {message}");
    assert!(
        errors.contains(&want),
        "missing:\n  {want}\nall errors:\n  {}",
        errors.join("\n  ")
    );
}

fn errors_of(errors: &[String], file: &str) -> Vec<String> {
    let prefix = format!("{DIR}/{file}:");
    errors
        .iter()
        .filter(|e| e.starts_with(&prefix))
        .cloned()
        .collect()
}

#[test]
fn a_toml_syntax_error_is_located_and_nothing_else_is_guessed() {
    let e = errors(&round());
    expect(
        &e,
        "toml-syntax-error.toml",
        6,
        16,
        "TOML syntax: invalid basic string, expected `\"`",
    );
    assert_eq!(errors_of(&e, "toml-syntax-error.toml").len(), 1, "{e:#?}");
}

#[test]
fn unknown_sections_and_fields_are_errors_not_ignored_data() {
    let e = errors(&round());
    expect(
        &e,
        "unknown-section.toml",
        53,
        2,
        "unknown section `contact`: expected [unit], [period], [inputs] or [[incidents]]",
    );
    expect(
        &e,
        "typo-field.toml",
        16,
        1,
        "unknown input `childen_total` (did you mean `children_total`?): criteria set qd-06-2019 declares no such input",
    );
    // The typo also leaves the real input missing: both are said.
    expect(
        &e,
        "typo-field.toml",
        15,
        2,
        "missing input `children_total` (Số trẻ em dưới 16 tuổi đang sinh sống trên địa bàn): expected a whole number ≥ 0",
    );
}

#[test]
fn wrong_types_name_the_field_the_type_expected_and_the_value_found() {
    let e = errors(&round());
    expect(
        &e,
        "wrong-type-text-count.toml",
        21,
        28,
        "inputs.protection_board_reviews: expected a whole number ≥ 0, found the text \"12\"",
    );
    expect(
        &e,
        "wrong-type-fraction-count.toml",
        21,
        28,
        "inputs.protection_board_reviews: expected a whole number ≥ 0, found 12.5",
    );
    expect(
        &e,
        "wrong-type-negative-count.toml",
        45,
        18,
        "inputs.children_clubs: expected a whole number ≥ 0, found -3",
    );
    expect(
        &e,
        "wrong-type-text-bool.toml",
        46,
        24,
        "inputs.play_space_available: expected true or false, found the text \"yes\"",
    );
}

#[test]
fn missing_inputs_fields_and_sections_are_named() {
    let e = errors(&round());
    expect(
        &e,
        "missing-input.toml",
        15,
        2,
        "missing input `adults_satisfied` (Số người dân hài lòng): expected a whole number ≥ 0",
    );
    expect(
        &e,
        "missing-unit-field.toml",
        4,
        2,
        "missing field `name` in [unit]: expected the unit's name as text",
    );
    expect(&e, "missing-section.toml", 1, 1, "missing section [period]");
}

#[test]
fn unit_class_kind_and_code_are_checked() {
    let e = errors(&round());
    expect(
        &e,
        "unknown-class.toml",
        8,
        9,
        "unit.class: \"mountain\" is not a class of criteria set qd-06-2019: expected one of urban_ward, mountain_island_difficult, other",
    );
    expect(
        &e,
        "unknown-unit-kind.toml",
        7,
        8,
        "unit.kind: unknown kind \"huyen\": expected one of xa, phuong, thi_tran, dac_khu",
    );
    expect(
        &e,
        "non-digit-code.toml",
        5,
        8,
        "unit.code: expected the official administrative code in digits, e.g. \"21238\", found \"SH-14\"",
    );
}

#[test]
fn a_unit_code_used_twice_in_the_round_refuses_both_files() {
    let round = round();
    let e = errors(&round);
    expect(
        &e,
        "duplicate-code-a.toml",
        6,
        8,
        "unit.code: duplicate code \"99015\", also used by fixtures/invalid/duplicate-code-b.toml: expected a code unique in the round, so neither file is evaluated",
    );
    expect(
        &e,
        "duplicate-code-b.toml",
        6,
        8,
        "unit.code: duplicate code \"99015\", also used by fixtures/invalid/duplicate-code-a.toml: expected a code unique in the round, so neither file is evaluated",
    );
    assert!(round.units.iter().all(|u| u.unit().code != "99015"));
}

#[test]
fn the_incident_register_is_checked() {
    let e = errors(&round());
    expect(
        &e,
        "duplicate-incident-id.toml",
        59,
        6,
        "incidents.id: duplicate id \"TS-2024-01\" (first on line 54): expected an id unique in the file",
    );
    expect(
        &e,
        "unknown-incident-kind.toml",
        56,
        8,
        "incidents.kind: unknown kind \"drownign\" (did you mean `drowning`?): expected one of drowning, traffic, other_injury, violence, sexual_abuse, exploitation, trafficking, abandonment, neglect, other_abuse",
    );
    expect(
        &e,
        "incident-date-with-time.toml",
        55,
        8,
        "incidents.date: expected a date like 2024-07-02 (no quotes, no time), found 2024-07-02T08:30:00",
    );
}

#[test]
fn every_part_greater_than_its_whole_is_reported() {
    let e = errors(&round());
    let file = "part-greater-than-whole.toml";
    expect(
        &e,
        file,
        20,
        30,
        "inputs.villages_with_collaborator = 9 is greater than villages_total = 8: a part cannot exceed its whole",
    );
    expect(
        &e,
        file,
        25,
        29,
        "inputs.births_registered_on_time = 85 is greater than births_in_period = 80: a part cannot exceed its whole",
    );
    expect(
        &e,
        file,
        50,
        22,
        "inputs.children_satisfied = 151 is greater than children_surveyed = 150: a part cannot exceed its whole",
    );
    assert_eq!(errors_of(&e, file).len(), 3);
}

#[test]
fn the_other_declared_constraints_hold() {
    let e = errors(&round());
    // Two injury incidents in the period; the third, dated 2023, does not count.
    expect(
        &e,
        "injured-below-injury-incidents.toml",
        28,
        20,
        "inputs.children_injured = 1 is less than injury_incidents (incidents in the period) = 2",
    );
    expect(
        &e,
        "below-minimum.toml",
        16,
        18,
        "inputs.children_total = 0: expected at least 1",
    );
}

#[test]
fn the_period_must_be_ordered_and_in_the_rounds_year() {
    let e = errors(&round());
    expect(
        &e,
        "period-reversed.toml",
        12,
        8,
        "period.from (2024-12-31) is after period.to (2024-01-01): expected from ≤ to",
    );
    expect(
        &e,
        "period-wrong-year.toml",
        12,
        8,
        "period.from (2023-01-01) is not in the round's year 2024",
    );
    expect(
        &e,
        "period-wrong-year.toml",
        13,
        6,
        "period.to (2023-12-31) is not in the round's year 2024",
    );
}

#[test]
fn all_problems_of_one_file_are_reported_together() {
    let e = errors(&round());
    let file = "many-problems.toml";
    let got = errors_of(&e, file);
    let want: Vec<String> = [
        "8:8: unit.code: expected the official administrative code in digits, e.g. \"21238\", found \"99-25\"",
        "10:8: unit.kind: unknown kind \"village\": expected one of xa, phuong, thi_tran, dac_khu",
        // A phone number is personal data: the unknown field keeps it out. No far-fetched hint.
        "13:1: unknown field `phone` in [unit]: expected one of code, name, kind, class, synthetic",
        "19:2: missing input `children_total` (Số trẻ em dưới 16 tuổi đang sinh sống trên địa bàn): expected a whole number ≥ 0",
        "20:1: unknown input `children_totl` (did you mean `children_total`?): criteria set qd-06-2019 declares no such input",
        "25:28: inputs.protection_board_reviews: expected a whole number ≥ 0, found the text \"12\"",
        "48:22: inputs.children_consulted: expected true or false, found 1",
        "60:8: incidents.kind: unknown kind \"violense\" (did you mean `violence`?): expected one of drowning, traffic, other_injury, violence, sexual_abuse, exploitation, trafficking, abandonment, neglect, other_abuse",
        "63:6: incidents.id: duplicate id \"NL-2024-01\" (first on line 58): expected an id unique in the file",
        "64:8: incidents.date: expected a date like 2024-07-02 (no quotes, no time), found 2024-04-02T10:00:00",
    ]
    .iter()
    .map(|m| format!("{DIR}/{file}:{m}"))
    .collect();
    assert_eq!(got, want);
}

#[test]
fn every_file_but_the_valid_ones_has_an_error_and_the_valid_ones_have_none() {
    let round = round();
    let bad: BTreeSet<PathBuf> = round.errors.iter().map(|e| e.file.clone()).collect();
    let mut files: Vec<PathBuf> = std::fs::read_dir(DIR)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|f| f.file_name().is_some_and(|n| n != "round.toml"));
    files.sort();
    assert_eq!(files.len(), 39, "{files:#?}");
    for f in &files {
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let valid = name.starts_with("valid");
        assert_eq!(
            bad.contains(f),
            !valid,
            "{name}: {}",
            if valid {
                "a valid file must have no error"
            } else {
                "every invalid file must be reported"
            }
        );
    }
    // No error is a panic or a Rust debug dump.
    for e in &round.errors {
        assert!(e.line >= 1 && e.column >= 1, "{e}");
        for dump in ["Error {", "Some(", "Spanned", "panicked", "DeValue"] {
            assert!(
                !cfc::words::problems::problem(&e.problem, cfc::Lang::En).contains(dump),
                "{e}"
            );
        }
    }
}

#[test]
fn the_valid_units_are_still_evaluated() {
    let round = round();
    let codes: Vec<&str> = round.units.iter().map(|u| u.unit().code.as_str()).collect();
    assert_eq!(codes, ["99001", "99002"]);
    let evaluated = round.evaluate();
    assert!(evaluated.failures.is_empty(), "{:?}", evaluated.failures);
    assert_eq!(evaluated.errors, round.errors);
    let [valid, out_of_period] = evaluated.results.as_slice() else {
        panic!("two results expected, got {}", evaluated.results.len());
    };
    assert_eq!(
        (valid.code.as_str(), valid.name.as_str()),
        ("99001", "Hợp Lệ")
    );
    assert!(valid.recognised, "{:?}", valid.reasons);
    assert!(valid.synthetic);
    assert_eq!(valid.incidents.len(), 1);
    assert!(valid.incidents[0].in_period);

    // The 2023 drowning is kept in the trace, out of period, and never counted: no
    // disqualifier, no injury incident, no injury death.
    assert_eq!(out_of_period.code, "99002");
    assert_eq!(out_of_period.incidents.len(), 1);
    let incident = &out_of_period.incidents[0];
    assert_eq!(incident.id, "NK-2023-09");
    assert_eq!(incident.date.to_string(), "2023-12-28");
    assert!(incident.fatal);
    assert!(!incident.in_period);
    assert!(out_of_period.disqualifiers.is_empty());
    for d in &out_of_period.derived {
        assert_eq!((d.value, d.incidents.len()), (0, 0), "{}", d.name);
    }
    assert!(out_of_period.recognised, "{:?}", out_of_period.reasons);
}

#[test]
fn the_full_error_list_is_the_reviewed_record() {
    let round = round();
    // Sorted by file, then line and column as numbers (line 8 before line 13).
    assert!(round.errors.is_sorted(), "Round::load sorts its errors");
    insta::assert_snapshot!("invalid_round_errors", errors(&round).join("\n"));
}

#[test]
fn text_a_dossier_cannot_draw_is_refused_by_code_point() {
    let e = errors(&round());
    let printable = "expected printable text (see docs/evidence-format.md)";
    for (file, line, column, what) in [
        (
            "text-emoji.toml",
            6,
            8,
            "unit.name: character U+1F600 at position 8 is a character the dossier font (Liberation Serif) cannot draw",
        ),
        (
            "text-cjk.toml",
            6,
            8,
            "unit.name: character U+5C71 at position 8 is a character the dossier font (Liberation Serif) cannot draw",
        ),
        (
            "text-byte-order-mark.toml",
            6,
            8,
            "unit.name: character U+FEFF at position 1 is a byte order mark",
        ),
        (
            "text-control.toml",
            6,
            8,
            "unit.name: character U+001B at position 4 is a control character",
        ),
        (
            "text-bidi.toml",
            6,
            8,
            "unit.name: character U+202E at position 5 is a bidirectional control",
        ),
        (
            "text-note-control.toml",
            55,
            8,
            "incidents.note: character U+0000 at position 3 is a control character",
        ),
    ] {
        expect(&e, file, line, column, &format!("{what}: {printable}"));
        assert_eq!(errors_of(&e, file).len(), 1, "{file}: {e:#?}");
    }
    expect(
        &e,
        "text-name-too-long.toml",
        6,
        8,
        "unit.name: text of 121 characters: expected at most 120",
    );
    expect(
        &e,
        "code-too-long.toml",
        5,
        8,
        "unit.code: 33 digits: expected at most 32",
    );
    // Nothing raw reaches the report: no escape, no override, no BOM.
    for m in &e {
        assert!(
            !m.contains(['\u{1b}', '\u{202e}', '\u{feff}', '\0']),
            "{m:?}"
        );
    }
}

#[test]
fn incident_ids_are_short_codes_and_never_quoted() {
    let e = errors(&round());
    let rule = "expected a short code such as \"ST-2024-01\" (a letter or digit, then letters, digits, '.', '_', '/' or '-'; at most 32 characters)";
    expect(
        &e,
        "incident-id-too-long.toml",
        54,
        6,
        &format!("incidents.id: 400 characters is too long: {rule}"),
    );
    expect(
        &e,
        "incident-id-personal-name.toml",
        54,
        6,
        &format!("incidents.id: character U+1EC5 at position 5 is not allowed: {rule}"),
    );
    assert!(
        !e.iter().any(|m| m.contains("Nguyễn") || m.contains("AAAA")),
        "{e:#?}"
    );
}

#[test]
fn whole_numbers_beyond_what_the_rules_hold_are_refused() {
    let e = errors(&round());
    for (file, n) in [
        ("number-above-i64.toml", "9223372036854775808"),
        ("number-above-u64.toml", "18446744073709551616"),
    ] {
        expect(
            &e,
            file,
            16,
            18,
            &format!(
                "inputs.children_total: {n} is out of range: expected a whole number from 0 to 9223372036854775807"
            ),
        );
    }
}

#[test]
fn an_upper_case_extension_is_reported_not_skipped() {
    let e = errors(&round());
    expect(
        &e,
        "upper-case-extension.TOML",
        1,
        1,
        "the name ends in an upper-case extension: expected `.toml` in lower case; the file is not read",
    );
}
