//! The round `fixtures/invalid`: every validation check of `evidence-format.md` gets a file,
//! and each problem comes back located at file:line:column, naming the field (as a path) and
//! what is wrong as typed data, while the valid units of the round are still evaluated. The
//! words of every problem, in Vietnamese and in English, are one snapshot per language.

use std::collections::BTreeSet;
use std::path::PathBuf;

use cfc::diag::{Diagnostic, EvidenceProblem, FileProblem, Problem, ValueKind, ValueProblem};
use cfc::words::problems::diagnostic;
use cfc::{Date, Lang, Round};
use rust_decimal::Decimal;

const DIR: &str = "fixtures/invalid";

fn round() -> Round {
    match Round::load(DIR) {
        Ok(r) => r,
        Err(e) => panic!("the round itself must load: {e}"),
    }
}

/// Every error of the round as `file:line:column: field: words`, in the default language.
/// The problems of one file: (line, column, field, problem).
fn of(round: &Round, file: &str) -> Vec<(usize, usize, String, Problem)> {
    let path = PathBuf::from(DIR).join(file);
    round
        .errors
        .iter()
        .filter(|d| d.file == path)
        .map(|d| (d.line, d.column, d.field.to_string(), d.problem.clone()))
        .collect()
}

/// Asserts one problem at its place and field, showing the file's list when it is absent.
#[track_caller]
fn expect(
    round: &Round,
    file: &str,
    (line, column): (usize, usize),
    field: &str,
    p: impl Into<Problem>,
) {
    let want = (line, column, field.to_string(), p.into());
    let got = of(round, file);
    assert!(
        got.contains(&want),
        "{file}: missing\n  {want:?}\nall:\n  {got:#?}"
    );
}

fn date(y: u16, m: u8, d: u8) -> Date {
    Date::new(y, m, d).expect("a real day")
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(ToString::to_string).collect()
}

const UNIT_KINDS: [&str; 4] = ["xa", "phuong", "thi_tran", "dac_khu"];
const INCIDENT_KINDS: [&str; 10] = [
    "drowning",
    "traffic",
    "other_injury",
    "violence",
    "sexual_abuse",
    "exploitation",
    "trafficking",
    "abandonment",
    "neglect",
    "other_abuse",
];

fn missing(expected: ValueKind) -> ValueProblem {
    ValueProblem::Missing { expected }
}

fn wrong(expected: ValueKind, found: &str) -> ValueProblem {
    ValueProblem::WrongType {
        expected,
        found: found.to_string(),
    }
}

fn unknown_input(closest: Option<&str>) -> EvidenceProblem {
    EvidenceProblem::UnknownInput {
        set: "qd-06-2019".into(),
        closest: closest.map(str::to_string),
    }
}

#[test]
fn a_toml_syntax_error_is_located_and_nothing_else_is_guessed() {
    let round = round();
    let detail = "invalid basic string, expected `\"`".to_string();
    expect(
        &round,
        "toml-syntax-error.toml",
        (6, 16),
        "",
        FileProblem::Syntax { detail },
    );
    assert_eq!(of(&round, "toml-syntax-error.toml").len(), 1);
}

#[test]
fn unknown_sections_and_fields_are_errors_not_ignored_data() {
    let round = round();
    let sections = ValueProblem::Unknown {
        allowed: strings(&["unit", "period", "inputs", "incidents"]),
        closest: None,
    };
    expect(&round, "unknown-section.toml", (53, 2), "contact", sections);
    let typo = unknown_input(Some("children_total"));
    expect(
        &round,
        "typo-field.toml",
        (16, 1),
        "inputs.childen_total",
        typo,
    );
    // The typo also leaves the real input missing: both are said.
    let gone = missing(ValueKind::WholeNumber);
    expect(
        &round,
        "typo-field.toml",
        (15, 2),
        "inputs.children_total",
        gone,
    );
}

#[test]
fn wrong_types_name_the_field_the_type_expected_and_the_value_found() {
    let round = round();
    let reviews = "inputs.protection_board_reviews";
    let count = ValueKind::WholeNumber;
    expect(
        &round,
        "wrong-type-text-count.toml",
        (21, 28),
        reviews,
        wrong(count, "\"12\""),
    );
    expect(
        &round,
        "wrong-type-fraction-count.toml",
        (21, 28),
        reviews,
        wrong(count, "12.5"),
    );
    let clubs = "inputs.children_clubs";
    expect(
        &round,
        "wrong-type-negative-count.toml",
        (45, 18),
        clubs,
        wrong(count, "-3"),
    );
    let play = "inputs.play_space_available";
    let yes = wrong(ValueKind::Boolean, "\"yes\"");
    expect(&round, "wrong-type-text-bool.toml", (46, 24), play, yes);
}

#[test]
fn missing_inputs_fields_and_sections_are_named() {
    let round = round();
    let count = missing(ValueKind::WholeNumber);
    expect(
        &round,
        "missing-input.toml",
        (15, 2),
        "inputs.adults_satisfied",
        count,
    );
    let name = missing(ValueKind::Text);
    expect(&round, "missing-unit-field.toml", (4, 2), "unit.name", name);
    let section = missing(ValueKind::Table);
    expect(&round, "missing-section.toml", (1, 1), "period", section);
}

#[test]
fn unit_class_kind_and_code_are_checked() {
    let round = round();
    let class = EvidenceProblem::UnknownClass {
        found: "mountain".into(),
        set: "qd-06-2019".into(),
        allowed: strings(&["urban_ward", "mountain_island_difficult", "other"]),
    };
    expect(&round, "unknown-class.toml", (8, 9), "unit.class", class);
    let kind = ValueProblem::NotOneOf {
        found: "huyen".into(),
        allowed: strings(&UNIT_KINDS),
        closest: None,
    };
    expect(&round, "unknown-unit-kind.toml", (7, 8), "unit.kind", kind);
    let code = EvidenceProblem::NotACode {
        found: "\"SH-14\"".into(),
    };
    expect(&round, "non-digit-code.toml", (5, 8), "unit.code", code);
    let long = ValueProblem::TooLong { chars: 33, max: 32 };
    expect(&round, "code-too-long.toml", (5, 8), "unit.code", long);
}

#[test]
fn a_unit_code_used_twice_in_the_round_refuses_both_files() {
    let round = round();
    for file in ["duplicate-code-a.toml", "duplicate-code-b.toml"] {
        let got = of(&round, file);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!((got[0].0, got[0].1), (6, 8), "{got:?}");
    }
    assert!(round.units.iter().all(|u| u.unit().code != "99015"));
}

#[test]
fn the_incident_register_is_checked() {
    let round = round();
    let twice = ValueProblem::Duplicate {
        value: "TS-2024-01".into(),
        first_line: 54,
    };
    expect(
        &round,
        "duplicate-incident-id.toml",
        (59, 6),
        "incidents[1].id",
        twice,
    );
    let kind = ValueProblem::NotOneOf {
        found: "drownign".into(),
        allowed: strings(&INCIDENT_KINDS),
        closest: Some("drowning".into()),
    };
    expect(
        &round,
        "unknown-incident-kind.toml",
        (56, 8),
        "incidents[0].kind",
        kind,
    );
    let time = wrong(ValueKind::Date, "2024-07-02T08:30:00");
    expect(
        &round,
        "incident-date-with-time.toml",
        (55, 8),
        "incidents[0].date",
        time,
    );
}

#[test]
fn who_approved_a_support_plan_and_when_are_checked() {
    let round = round();
    let field = |key: &str| format!("incidents[0].support_plan_approved_{key}");
    expect(
        &round,
        "plan-approved-by-a-name.toml",
        (59, 28),
        &field("by"),
        EvidenceProblem::UnknownRole {
            allowed: strings(&["commune_chair", "commune_vice_chair", "other"]),
        },
    );
    // The name written never reaches the words.
    let said = round
        .errors
        .iter()
        .filter(|d| d.file.ends_with("plan-approved-by-a-name.toml"))
        .map(|d| diagnostic(d, Lang::Vi) + diagnostic(d, Lang::En).as_str())
        .collect::<String>();
    assert!(!said.contains("Bình"), "{said}");
    expect(
        &round,
        "plan-approval-without-plan.toml",
        (57, 28),
        &field("on"),
        EvidenceProblem::ApprovalWithoutPlan,
    );
    expect(
        &round,
        "plan-approved-before-incident.toml",
        (58, 28),
        &field("on"),
        EvidenceProblem::ApprovedBeforeIncident {
            approved: date(2024, 5, 10),
            incident: date(2024, 5, 14),
        },
    );
    expect(
        &round,
        "plan-approved-beyond-calendar.toml",
        (59, 28),
        &field("on"),
        EvidenceProblem::CalendarDoesNotCover {
            date: date(2026, 9, 7),
            first: 2023,
            last: 2026,
            through: date(2026, 7, 31),
        },
    );
}

#[test]
fn every_part_greater_than_its_whole_is_reported() {
    let round = round();
    let file = "part-greater-than-whole.toml";
    let part = |value, whole: &str, whole_value| EvidenceProblem::PartExceedsWhole {
        value,
        whole: whole.into(),
        derived: false,
        whole_value,
    };
    let villages = part(9, "villages_total", 8);
    expect(
        &round,
        file,
        (20, 30),
        "inputs.villages_with_collaborator",
        villages,
    );
    let births = part(85, "births_in_period", 80);
    expect(
        &round,
        file,
        (25, 29),
        "inputs.births_registered_on_time",
        births,
    );
    let satisfied = part(151, "children_surveyed", 150);
    expect(
        &round,
        file,
        (50, 22),
        "inputs.children_satisfied",
        satisfied,
    );
    assert_eq!(of(&round, file).len(), 3);
}

#[test]
fn the_other_declared_constraints_hold() {
    let round = round();
    // Two injury incidents in the period; the third, dated 2023, does not count.
    let floor = EvidenceProblem::BelowFloor {
        value: 1,
        floor: "injury_incidents".into(),
        derived: true,
        floor_value: 2,
    };
    let injured = "inputs.children_injured";
    expect(
        &round,
        "injured-below-injury-incidents.toml",
        (28, 20),
        injured,
        floor,
    );
    let low = ValueProblem::OutOfRange {
        found: "0".into(),
        min: Some(Decimal::ONE),
        max: None,
    };
    expect(
        &round,
        "below-minimum.toml",
        (16, 18),
        "inputs.children_total",
        low,
    );
}

#[test]
fn the_period_must_be_ordered_and_in_the_rounds_year() {
    let round = round();
    let reversed = EvidenceProblem::PeriodReversed {
        from: date(2024, 12, 31),
        to: date(2024, 1, 1),
    };
    expect(
        &round,
        "period-reversed.toml",
        (12, 8),
        "period.from",
        reversed,
    );
    let outside = |day| EvidenceProblem::OutsideYear { day, year: 2024 };
    let file = "period-wrong-year.toml";
    expect(
        &round,
        file,
        (12, 8),
        "period.from",
        outside(date(2023, 1, 1)),
    );
    expect(
        &round,
        file,
        (13, 6),
        "period.to",
        outside(date(2023, 12, 31)),
    );
}

#[test]
fn all_problems_of_one_file_are_reported_together() {
    let round = round();
    let p = |p: Problem| p;
    let want: Vec<(usize, usize, &str, Problem)> = vec![
        (
            8,
            8,
            "unit.code",
            EvidenceProblem::NotACode {
                found: "\"99-25\"".into(),
            }
            .into(),
        ),
        (
            10,
            8,
            "unit.kind",
            ValueProblem::NotOneOf {
                found: "village".into(),
                allowed: strings(&UNIT_KINDS),
                closest: None,
            }
            .into(),
        ),
        // A phone number is personal data: the unknown field keeps it out. No far-fetched hint.
        (
            13,
            1,
            "unit.phone",
            ValueProblem::Unknown {
                allowed: strings(&["code", "name", "kind", "class", "synthetic"]),
                closest: None,
            }
            .into(),
        ),
        (
            19,
            2,
            "inputs.children_total",
            missing(ValueKind::WholeNumber).into(),
        ),
        (
            20,
            1,
            "inputs.children_totl",
            unknown_input(Some("children_total")).into(),
        ),
        (
            25,
            28,
            "inputs.protection_board_reviews",
            wrong(ValueKind::WholeNumber, "\"12\"").into(),
        ),
        (
            48,
            22,
            "inputs.children_consulted",
            wrong(ValueKind::Boolean, "1").into(),
        ),
        (
            60,
            8,
            "incidents[0].kind",
            ValueProblem::NotOneOf {
                found: "violense".into(),
                allowed: strings(&INCIDENT_KINDS),
                closest: Some("violence".into()),
            }
            .into(),
        ),
        (
            63,
            6,
            "incidents[1].id",
            ValueProblem::Duplicate {
                value: "NL-2024-01".into(),
                first_line: 58,
            }
            .into(),
        ),
        (
            64,
            8,
            "incidents[1].date",
            wrong(ValueKind::Date, "2024-04-02T10:00:00").into(),
        ),
    ];
    let want: Vec<(usize, usize, String, Problem)> = want
        .into_iter()
        .map(|(l, c, f, pr)| (l, c, f.to_string(), p(pr)))
        .collect();
    assert_eq!(of(&round, "many-problems.toml"), want);
}

#[test]
fn text_a_dossier_cannot_draw_is_refused_by_code_point() {
    let round = round();
    for (file, (line, column), field, code_point) in [
        ("text-emoji.toml", (6, 8), "unit.name", 0x1F600),
        ("text-cjk.toml", (6, 8), "unit.name", 0x5C71),
        ("text-byte-order-mark.toml", (6, 8), "unit.name", 0xFEFF),
        ("text-control.toml", (6, 8), "unit.name", 0x1B),
        ("text-bidi.toml", (6, 8), "unit.name", 0x202E),
        ("text-note-control.toml", (55, 8), "incidents[0].note", 0),
    ] {
        let p = ValueProblem::NotPrintable { code_point };
        expect(&round, file, (line, column), field, p);
        assert_eq!(of(&round, file).len(), 1, "{file}");
    }
    let long = ValueProblem::TooLong {
        chars: 121,
        max: 120,
    };
    expect(&round, "text-name-too-long.toml", (6, 8), "unit.name", long);
    // Nothing raw reaches the report, in either language: no escape, no override, no BOM.
    for d in &round.errors {
        for lang in [Lang::Vi, Lang::En] {
            let m = diagnostic(d, lang);
            assert!(
                !m.contains(['\u{1b}', '\u{202e}', '\u{feff}', '\0']),
                "{m:?}"
            );
        }
    }
}

#[test]
fn incident_ids_are_short_codes_and_never_quoted() {
    let round = round();
    let long = EvidenceProblem::IdTooLong {
        chars: 400,
        max: 32,
    };
    expect(
        &round,
        "incident-id-too-long.toml",
        (54, 6),
        "incidents[0].id",
        long,
    );
    let name = EvidenceProblem::IdCharacter {
        code_point: 0x1EC5,
        position: 5,
        max: 32,
    };
    expect(
        &round,
        "incident-id-personal-name.toml",
        (54, 6),
        "incidents[0].id",
        name,
    );
    for d in &round.errors {
        for lang in [Lang::Vi, Lang::En] {
            let m = diagnostic(d, lang);
            assert!(!m.contains("Nguyễn") && !m.contains("AAAA"), "{m}");
        }
    }
}

#[test]
fn whole_numbers_beyond_what_the_rules_hold_are_refused() {
    let round = round();
    for (file, n) in [
        ("number-above-i64.toml", "9223372036854775808"),
        ("number-above-u64.toml", "18446744073709551616"),
    ] {
        let p = ValueProblem::OutOfRange {
            found: n.into(),
            min: Some(Decimal::ZERO),
            max: Some(Decimal::from(i64::MAX)),
        };
        expect(&round, file, (16, 18), "inputs.children_total", p);
    }
}

#[test]
fn an_upper_case_extension_is_reported_not_skipped() {
    let round = round();
    let got = of(&round, "upper-case-extension.TOML");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!((got[0].0, got[0].1), (1, 1));
}

#[test]
fn every_problem_of_a_field_names_it() {
    let round = round();
    for d in &round.errors {
        let Diagnostic { field, problem, .. } = d;
        // Only a file that is not TOML has no field; the round's own problems name a field
        // when they are about one (a code used twice) and none when about the file's name.
        if matches!(problem, Problem::Round(_)) {
            continue;
        }
        let whole = matches!(problem, Problem::File(_));
        assert_eq!(field.is_whole_file(), whole, "{d:?}");
    }
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
    assert_eq!(files.len(), 43, "{files:#?}");
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
fn the_full_error_list_is_the_reviewed_record_in_both_languages() {
    let round = round();
    // Sorted by file, then line and column as numbers (line 8 before line 13).
    assert!(round.errors.is_sorted(), "Round::load sorts its errors");
    for (name, lang) in [
        ("invalid-words-vi", Lang::Vi),
        ("invalid-words-en", Lang::En),
    ] {
        let words: Vec<String> = round.errors.iter().map(|d| diagnostic(d, lang)).collect();
        insta::assert_snapshot!(name, words.join("\n"));
    }
    // Printed as is, a diagnostic is a developer's log line: the place, then the problem as
    // data; a reader's words come from `words::problems` only.
    let d = &round.errors[0];
    let logged = d.to_string();
    assert!(
        logged.starts_with(&format!("{}:{}:{}: ", d.file.display(), d.line, d.column)),
        "{logged}"
    );
    assert!(
        logged.ends_with(&serde_json::to_string(&d.problem).unwrap()),
        "{logged}"
    );
}
