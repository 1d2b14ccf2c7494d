//! Decimal and percentage inputs: checked when the set loads, read exactly from evidence and
//! workbooks, pushed into scripts as decimals, shown with their digits; and the what-if search
//! over the whole valid range of a lever, or up to the bound the set declares.

use std::path::{Path, PathBuf};

use cfc::diag::{
    CellKind, CellValue, EvidenceProblem, Problem, ValueKind, ValueProblem, WorkbookProblem,
};
use cfc::evidence::Value;
use cfc::whatif::whatif;
use cfc::xlsx::{Layout, Prefill, TemplateOptions, import, template};
use cfc::{CriteriaSet, Evaluator, Evidence, Lang};
use rust_decimal::Decimal;

const SET: &str = "tests/data/inputs/set.toml";
const BOUNDED: &str = "tests/data/inputs/bounded.toml";
const UNIT: &str = "tests/data/inputs/unit.toml";

fn set() -> CriteriaSet {
    CriteriaSet::load(SET).expect("the test set loads")
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// The test unit with some `[inputs]` lines replaced, as `(name, TOML literal)`.
fn unit(changes: &[(&str, &str)]) -> String {
    std::fs::read_to_string(UNIT)
        .unwrap()
        .lines()
        .map(|line| {
            let name = line.split('=').next().unwrap_or("").trim();
            match changes.iter().find(|(n, _)| *n == name) {
                Some((n, v)) => format!("{n} = {v}"),
                None => line.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The line of an input's value in [`unit`]'s text.
fn line_of(text: &str, name: &str) -> usize {
    text.lines()
        .position(|l| l.starts_with(&format!("{name} =")))
        .unwrap()
        + 1
}

/// A copy of the test set with its `[[inputs]]` replaced, in a folder of its own (with the
/// scripts), loaded; the errors as `line: message`.
fn load_with_inputs(inputs: &str) -> (tempfile::TempDir, Result<CriteriaSet, Vec<String>>) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("set");
    std::fs::create_dir_all(folder.join("scripts")).unwrap();
    for script in ["poverty", "water", "budget"] {
        std::fs::copy(
            format!("tests/data/inputs/scripts/{script}.rhai"),
            folder.join(format!("scripts/{script}.rhai")),
        )
        .unwrap();
    }
    let text = std::fs::read_to_string(SET).unwrap();
    let start = text.find("[[inputs]]").unwrap();
    let end = text.find("[[criteria]]").unwrap();
    let text = format!("{}{inputs}\n{}", &text[..start], &text[end..]);
    let path: PathBuf = folder.join("set.toml");
    std::fs::write(&path, &text).unwrap();
    let loaded = CriteriaSet::load(&path).map_err(|e| {
        e.diagnostics()
            .iter()
            .map(|d| {
                format!(
                    "{}: {}",
                    d.line,
                    cfc::words::problems::problem(&d.problem, cfc::Lang::En)
                )
            })
            .collect()
    });
    (dir, loaded)
}

/// The inputs the scripts need, declared well; `extra` is appended.
fn inputs_with(extra: &str) -> String {
    let text = std::fs::read_to_string(SET).unwrap();
    let start = text.find("[[inputs]]").unwrap();
    let end = text.find("[[criteria]]").unwrap();
    format!("{}{extra}", &text[start..end])
}

#[test]
fn the_test_set_loads_and_declares_its_ranges() {
    let set = set();
    let pct = &set.inputs()[set.input_index("poor_households_pct").unwrap()];
    assert_eq!((pct.lowest(), pct.highest()), (dec("0"), dec("100")));
    assert_eq!(pct.decimals, Some(1));
    let ratio = &set.inputs()[set.input_index("clean_water_ratio").unwrap()];
    assert_eq!((ratio.lowest(), ratio.highest()), (dec("0"), dec("1")));
}

#[test]
fn loading_refuses_inconsistent_inputs_at_their_line() {
    let bad = r#"
[[inputs]]
name = "no_digits"
type = "percent"
label = { vi = "a" }

[[inputs]]
name = "too_many_digits"
type = "decimal"
label = { vi = "b" }
decimals = 29

[[inputs]]
name = "digits_on_count"
type = "count"
label = { vi = "c" }
decimals = 1

[[inputs]]
name = "upside_down"
type = "decimal"
label = { vi = "d" }
decimals = 1
min = 5
max = 2

[[inputs]]
name = "bound_too_fine"
type = "percent"
label = { vi = "e" }
decimals = 1
max = "7.55"

[[inputs]]
name = "lever_max_on_down"
type = "money"
label = { vi = "f" }
lever = "down"
lever_max = 100

[[inputs]]
name = "lever_max_outside"
type = "percent"
label = { vi = "g" }
decimals = 0
lever = "up"
lever_max = 150

[[inputs]]
name = "bool_with_max"
type = "bool"
label = { vi = "h" }
max = 1

[[inputs]]
name = "fractional_count_min"
type = "count"
label = { vi = "i" }
min = "2.5"

[[inputs]]
name = "huge_count_max"
type = "count"
label = { vi = "k" }
max = "10000000000000000000"

[[inputs]]
name = "percent_part"
type = "percent"
label = { vi = "j" }
decimals = 1
at_most = "children_total"
"#;
    let (_dir, loaded) = load_with_inputs(&inputs_with(bad));
    let errors = loaded.unwrap_err();
    let text = inputs_with(bad);
    // Each error is on the line of its input's `[[inputs]]`, in the file after the header.
    let header_lines = std::fs::read_to_string(SET)
        .unwrap()
        .find("[[inputs]]")
        .map(|at| std::fs::read_to_string(SET).unwrap()[..at].lines().count())
        .unwrap();
    let line_of_input = |name: &str| {
        let at = text.find(&format!("name = \"{name}\"")).unwrap();
        header_lines + text[..at].lines().count()
    };
    let expect = [
        (
            "no_digits",
            "input no_digits: a percent input needs `decimals`: the most digits after the point, 0 to 28",
        ),
        (
            "too_many_digits",
            "input too_many_digits: decimals = 29: expected at most 28 (what an exact decimal holds)",
        ),
        (
            "digits_on_count",
            "input digits_on_count: `decimals` applies to decimal and percent inputs only, not to a count",
        ),
        (
            "upside_down",
            "input upside_down: min = 5 is above max = 2: no value could be valid",
        ),
        (
            "bound_too_fine",
            "input bound_too_fine: 7.55 has more digits after the point than decimals = 1",
        ),
        (
            "lever_max_on_down",
            "input lever_max_on_down: this bounds a lever = \"up\" input; this input is a down lever",
        ),
        (
            "lever_max_outside",
            "input lever_max_outside: 150 lies outside the valid range 0 to 100",
        ),
        (
            "bool_with_max",
            "input bool_with_max: a bool takes no numeric bound: remove this field",
        ),
        (
            "fractional_count_min",
            "input fractional_count_min: 2.5: expected a whole number for a count",
        ),
        (
            "huge_count_max",
            "input huge_count_max: 10000000000000000000 is above 9223372036854775807, the largest whole number evidence holds",
        ),
        (
            "percent_part",
            "input percent_part: \"children_total\" must name another count (input or derived) and apply to a count",
        ),
    ];
    for (name, message) in expect {
        // The input and its field are named by the problem's field path, not inside its words.
        let message = message
            .strip_prefix(&format!("input {name}: "))
            .unwrap_or(message)
            .replace("10000000000000000000", "10,000,000,000,000,000,000")
            .replace("9223372036854775807", "9,223,372,036,854,775,807");
        let message = message.as_str();
        // The span of an `[[inputs]]` table starts on the line after its header.
        let line = line_of_input(name);
        assert!(
            errors.iter().any(|e| e.ends_with(message)
                && (line - 1..=line + 1).any(|l| e.starts_with(&format!("{l}: ")))),
            "{name}: expected {message:?} near line {line} in {errors:#?}"
        );
    }
    assert_eq!(errors.len(), expect.len(), "{errors:#?}");
}

#[test]
fn a_float_bound_in_a_rule_file_is_refused_as_inexact() {
    let bad = "\n[[inputs]]\nname = \"share\"\ntype = \"percent\"\nlabel = { vi = \"a\" }\ndecimals = 1\nmax = 7.5\n";
    let (_dir, loaded) = load_with_inputs(&inputs_with(bad));
    let errors = loaded.unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.contains("7.5 is a TOML float, which is not exact: write it in quotes")),
        "{errors:#?}"
    );
}

/// The problems of an evidence text as (line, field, problem): typed, never words.
fn evidence_problems(set: &CriteriaSet, text: &str) -> Vec<(usize, String, Problem)> {
    let err = Evidence::parse("unit.toml", text, set, Some(2024)).unwrap_err();
    err.0
        .iter()
        .map(|d| (d.line, d.field.to_string(), d.problem.clone()))
        .collect()
}

#[test]
fn evidence_values_are_checked_at_their_line() {
    let set = set();
    let pct = |found: &str| ValueProblem::OutOfRange {
        found: found.into(),
        min: Some(Decimal::ZERO),
        max: Some(Decimal::ONE_HUNDRED),
    };
    let not_decimal = |found: &str| ValueProblem::WrongType {
        expected: ValueKind::Decimal,
        found: found.into(),
    };
    let cases: [(&str, Problem); 6] = [
        (
            "7.55",
            EvidenceProblem::TooManyDecimals {
                found: "7.55".into(),
                digits: 2,
                max: 1,
            }
            .into(),
        ),
        ("101", pct("101").into()),
        ("-0.5", pct("-0.5").into()),
        ("\"abc\"", not_decimal("\"abc\"").into()),
        ("true", not_decimal("true").into()),
        ("7.5e0", not_decimal("7.5e0").into()),
    ];
    for (value, problem) in cases {
        let text = unit(&[("poor_households_pct", value)]);
        let line = line_of(&text, "poor_households_pct");
        let field = "inputs.poor_households_pct".to_string();
        assert_eq!(
            evidence_problems(&set, &text),
            vec![(line, field, problem)],
            "{value}"
        );
    }
    // A decimal's own range, and several problems of one file reported together.
    let text = unit(&[
        ("clean_water_ratio", "1.01"),
        ("poor_households_pct", "nan"),
    ]);
    let errors = evidence_problems(&set, &text);
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert_eq!(
        errors[1],
        (
            line_of(&text, "clean_water_ratio"),
            "inputs.clean_water_ratio".to_string(),
            ValueProblem::OutOfRange {
                found: "1.01".into(),
                min: Some(Decimal::ZERO),
                max: Some(Decimal::ONE),
            }
            .into()
        )
    );
    // In words, the problem names what was written and what is allowed, in both languages.
    for (lang, words) in [
        (
            Lang::En,
            "1.01 is out of range: expected a value from 0 to 1",
        ),
        (Lang::Vi, "1.01 nằm ngoài giới hạn: cần giá trị từ 0 đến 1"),
    ] {
        assert_eq!(cfc::words::problems::problem(&errors[1].2, lang), words);
    }
}

#[test]
fn decimals_are_read_exactly_in_every_written_form() {
    let set = set();
    let index = set.input_index("poor_households_pct").unwrap();
    for (written, value) in [
        ("7.5", "7.5"),
        ("\"7.5\"", "7.5"),
        ("7", "7.0"),
        ("7.50", "7.5"),
        ("0.1", "0.1"),
        ("1_0.5", "10.5"),
    ] {
        let ev = Evidence::parse(
            "u.toml",
            &unit(&[("poor_households_pct", written)]),
            &set,
            Some(2024),
        )
        .unwrap_or_else(|e| panic!("{written}: {e}"));
        let Value::Decimal(d) = ev.values()[index] else {
            panic!("{written}: not a decimal");
        };
        // Same value, same digits: the declared one decimal.
        assert_eq!(d.to_string(), value, "{written}");
    }
}

#[test]
fn a_decimal_with_many_digits_is_not_rounded_through_binary_floating_point() {
    let inputs = inputs_with(
        "\n[[inputs]]\nname = \"fine\"\ntype = \"decimal\"\nlabel = { vi = \"a\" }\ndecimals = 20\n",
    );
    let (dir, loaded) = load_with_inputs(&inputs);
    let set = loaded.unwrap();
    let path = dir.path().join("set/unit.toml");
    let text = format!("{}\nfine = 0.30000000000000004", unit(&[]));
    std::fs::write(&path, &text).unwrap();
    let ev = Evidence::load(&path, &set, Some(2024)).unwrap();
    let Value::Decimal(d) = ev.values()[set.input_index("fine").unwrap()] else {
        panic!("not a decimal");
    };
    // Through f64 this would be 0.3000000000000000444089209850…
    assert_eq!(d, dec("0.30000000000000004"));
    let text = format!("{}\nfine = 123456789.12345678901234567", unit(&[]));
    std::fs::write(&path, &text).unwrap();
    let ev = Evidence::load(&path, &set, Some(2024)).unwrap();
    assert_eq!(
        ev.values()[set.input_index("fine").unwrap()].to_string(),
        "123456789.12345678901234567000"
    );
}

#[test]
fn scripts_get_exact_decimals_and_results_show_them_as_strings() {
    let evaluator = Evaluator::new(set(), None).unwrap();
    let ev = Evidence::load(UNIT, evaluator.criteria(), Some(2024)).unwrap();
    let result = evaluator.evaluate(&ev).unwrap();
    let points: Vec<String> = result
        .criteria
        .iter()
        .map(|c| c.points.to_string())
        .collect();
    // 4.0 % ≤ 5.0 → 40; the ratio 0.30 ≥ 0.1 + 0.2 exactly → 10; the budget is short → 5.
    assert_eq!(points, ["40", "10", "5"]);
    let read = result.criteria[1].indicators[0]
        .reads
        .get(0)
        .expect("a reading");
    assert_eq!(read.value, Value::Decimal(dec("0.30")));
    assert_eq!(
        serde_json::to_string(&read.value).unwrap(),
        "\"0.30\"",
        "a decimal is a JSON string, as every decimal of the results"
    );
    // Counts and flags keep their JSON form.
    assert_eq!(serde_json::to_string(&Value::Number(7)).unwrap(), "7");
    assert_eq!(serde_json::to_string(&Value::Bool(true)).unwrap(), "true");
    let back: Value = serde_json::from_str("\"7.5\"").unwrap();
    assert_eq!(back, Value::Decimal(dec("7.5")));
    // One step below 0.3 misses it: no rounding anywhere between the file and the rule.
    let ev = Evidence::parse(
        "u.toml",
        &unit(&[("clean_water_ratio", "0.29")]),
        evaluator.criteria(),
        Some(2024),
    )
    .unwrap();
    assert_eq!(
        evaluator.evaluate(&ev).unwrap().criteria[1]
            .points
            .to_string(),
        "5"
    );
}

#[test]
fn explain_shows_decimals_with_the_decimal_comma_in_vietnamese() {
    let evaluator = Evaluator::new(set(), None).unwrap();
    let ev = Evidence::load(UNIT, evaluator.criteria(), Some(2024)).unwrap();
    let result = evaluator.evaluate(&ev).unwrap();
    let explained = |lang| {
        let e = cfc::explain::explain(&result, evaluator.criteria(), None, lang);
        cfc::words::explain::text(&e, evaluator.criteria(), None)
    };
    let vi = explained(Lang::Vi);
    assert!(vi.contains("poor_households_pct = 4,0 "), "{vi}");
    assert!(vi.contains("clean_water_ratio = 0,30 "), "{vi}");
    let en = explained(Lang::En);
    assert!(en.contains("poor_households_pct = 4.0 "), "{en}");
}

#[test]
fn the_dossier_prints_a_decimal_with_its_digits_and_the_decimal_comma() {
    let evaluator = Evaluator::new(set(), None).unwrap();
    let text = unit(&[("poor_households_pct", "12.5"), ("clean_water_ratio", "1")]);
    let ev = Evidence::parse("u.toml", &text, evaluator.criteria(), Some(2024)).unwrap();
    let result = evaluator.evaluate(&ev).unwrap();
    let settings = cfc::Round::load("fixtures/son-ha-2024").unwrap().settings;
    let ctx = cfc::render::dossier::Context {
        settings: &settings,
        criteria: evaluator.criteria(),
        policy: None,
        lang: cfc::Lang::Vi,
    };
    let blocks = format!("{:?}", cfc::render::dossier::dossier_blocks(&result, &ctx));
    assert!(blocks.contains("Tỷ lệ hộ nghèo: 12,5"), "{blocks}");
    assert!(blocks.contains("Tỷ số hộ dùng nước sạch: 1,00"), "{blocks}");
}

/// The answer of what-if for the test unit with some inputs changed, under a set.
fn answer(set_path: &str, changes: &[(&str, &str)]) -> cfc::whatif::WhatIf {
    let evaluator = Evaluator::new(CriteriaSet::load(set_path).unwrap(), None).unwrap();
    let ev = Evidence::parse("u.toml", &unit(changes), evaluator.criteria(), Some(2024)).unwrap();
    whatif(&evaluator, &ev).unwrap()
}

#[test]
fn whatif_searches_the_whole_range_of_a_lever_without_a_declared_bound() {
    // 10,000,000 VND for 1,000 children; 100,000,000 are needed: ten times today's budget,
    // beyond the four times the search used to stop at.
    let a = answer(SET, &[]);
    assert!(a.achievable, "{a:?}");
    assert_eq!(a.changes.len(), 1);
    assert_eq!(a.changes[0].input, "child_budget_vnd");
    assert_eq!(a.changes[0].to, Value::Number(100_000_000));
    assert_eq!(a.total_after.to_string(), "100");
}

#[test]
fn whatif_within_a_declared_lever_max_says_so_when_recognition_needs_more() {
    let a = answer(BOUNDED, &[]);
    assert!(!a.achievable, "{a:?}");
    assert!(a.changes.is_empty());
    assert_eq!(
        a.blocking
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        [
            "no change of at most 4 levers within their bounds makes the score reach recognition (total 55 < 70) (bounds declared by the set: child_budget_vnd ≤ lever_max 50000000)"
        ]
    );
    // Within the bound, the bound changes nothing.
    let a = answer(BOUNDED, &[("children_total", "400")]);
    assert!(a.achievable, "{a:?}");
    assert_eq!(a.changes[0].to, Value::Number(40_000_000));
}

#[test]
fn whatif_moves_a_decimal_lever_by_its_declared_step() {
    // 9.3 % poor households (5 points), the ratio (10), the budget met (50): 65 < 70.
    let a = answer(
        SET,
        &[
            ("poor_households_pct", "9.3"),
            ("child_budget_vnd", "100000000"),
        ],
    );
    assert!(a.achievable, "{a:?}");
    assert_eq!(a.changes.len(), 1, "{a:?}");
    assert_eq!(a.changes[0].input, "poor_households_pct");
    assert_eq!(a.changes[0].from, Value::Decimal(dec("9.3")));
    assert_eq!(a.changes[0].to, Value::Decimal(dec("7.5")));
    assert_eq!(a.total_after.to_string(), "80");
}

/// The test unit's evidence as the importer gives it back from a pre-filled unit workbook.
fn round_trip(ev: Evidence, set: &CriteriaSet) -> Evidence {
    let opts = TemplateOptions {
        layout: Layout::Unit,
        year: 2024,
        criteria_path: String::new(),
        prefill: Prefill {
            settings: None,
            units: vec![ev],
        },
    };
    let bytes = template(set, &opts).unwrap();
    let imported = import("form.xlsx", &bytes, set, Some(2024)).unwrap();
    imported.units.into_iter().next().unwrap().evidence
}

#[test]
fn a_decimal_survives_the_excel_round_trip_exactly() {
    let set = set();
    for (pct, ratio) in [
        ("4.0", "0.30"),
        ("7.5", "0.1"),
        ("99.9", "0.07"),
        ("0.1", "1"),
    ] {
        let text = unit(&[("poor_households_pct", pct), ("clean_water_ratio", ratio)]);
        let ev = Evidence::parse("u.toml", &text, &set, Some(2024)).unwrap();
        let back = round_trip(ev.clone(), &set);
        assert_eq!(back.values(), ev.values(), "{pct} {ratio}");
    }
}

/// A unit workbook of the test set filled in by hand: the template without pre-fill, with
/// the header and these input cells typed.
fn typed_workbook(set: &CriteriaSet, cells: &[(&str, Typed)]) -> Vec<u8> {
    use rust_xlsxwriter::Workbook;
    let mut wb = Workbook::new();
    let info = wb.add_worksheet().set_name("Thông tin").unwrap();
    for (i, (id, v)) in [
        ("unit.code", "99201"),
        ("unit.name", "Thử Số"),
        ("unit.kind", "xã"),
        ("unit.class", "any"),
        ("unit.synthetic", "Có"),
        ("period.from", "01/01/2024"),
        ("period.to", "31/12/2024"),
    ]
    .into_iter()
    .enumerate()
    {
        info.write_string(2 + i as u32, 1, id).unwrap();
        info.write_string(2 + i as u32, 2, v).unwrap();
    }
    let ws = wb.add_worksheet().set_name("Chỉ tiêu").unwrap();
    for (i, input) in set.inputs().iter().enumerate() {
        let row = 2 + i as u32;
        ws.write_string(row, 1, &input.name).unwrap();
        match cells.iter().find(|(n, _)| *n == input.name).map(|(_, v)| v) {
            Some(Typed::Number(n)) => ws.write_number(row, 3, *n).map(|_| ()),
            Some(Typed::Text(t)) => ws.write_string(row, 3, *t).map(|_| ()),
            None => Ok(()),
        }
        .unwrap();
    }
    wb.add_worksheet().set_name("Sự việc").unwrap();
    let meta = wb.add_worksheet().set_name("cfc").unwrap();
    meta.write_string(0, 1, "unit").unwrap();
    meta.write_string(1, 1, set.id()).unwrap();
    wb.save_to_buffer().unwrap()
}

enum Typed<'a> {
    Number(f64),
    Text(&'a str),
}

#[test]
fn the_import_reads_what_the_council_typed_and_locates_mistakes() {
    let set = set();
    let base = [
        ("children_total", Typed::Number(1000.0)),
        ("clean_water_ratio", Typed::Number(0.3)),
        ("child_budget_vnd", Typed::Number(1e7)),
    ];
    let index = set.input_index("poor_households_pct").unwrap();
    for (typed, value) in [
        (Typed::Number(7.5), "7.5"),
        (Typed::Number(0.1), "0.1"),
        (Typed::Number(7.0), "7.0"),
        (Typed::Text("7,5"), "7.5"),
        (Typed::Text("7.5 %"), "7.5"),
        (Typed::Text("12"), "12.0"),
    ] {
        let mut cells: Vec<(&str, Typed)> = vec![("poor_households_pct", typed)];
        cells.extend(base.iter().map(|(n, v)| {
            (
                *n,
                match v {
                    Typed::Number(x) => Typed::Number(*x),
                    Typed::Text(t) => Typed::Text(t),
                },
            )
        }));
        let bytes = typed_workbook(&set, &cells);
        let imported = import("form.xlsx", &bytes, &set, Some(2024))
            .unwrap_or_else(|e| panic!("{value}: {e}"));
        let ev = &imported.units[0].evidence;
        assert_eq!(ev.values()[index].to_string(), value);
        let Value::Decimal(_) = ev.values()[index] else {
            panic!("not a decimal")
        };
    }
    for (typed, value) in [
        (Typed::Number(7.5), "7.5"),
        (Typed::Number(0.1), "0.1"),
        (Typed::Number(7.0), "7.0"),
        (Typed::Text("7,5"), "7.5"),
        (Typed::Text("7.5 %"), "7.5"),
        (Typed::Text("12"), "12.0"),
    ] {
        let mut cells: Vec<(&str, Typed)> = vec![("poor_households_pct", typed)];
        cells.extend(base.iter().map(|(n, v)| {
            (
                *n,
                match v {
                    Typed::Number(x) => Typed::Number(*x),
                    Typed::Text(t) => Typed::Text(t),
                },
            )
        }));
        let bytes = typed_workbook(&set, &cells);
        let imported = import("form.xlsx", &bytes, &set, Some(2024))
            .unwrap_or_else(|e| panic!("{value}: {e}"));
        let ev = &imported.units[0].evidence;
        assert_eq!(ev.values()[index].to_string(), value);
        let Value::Decimal(_) = ev.values()[index] else {
            panic!("not a decimal")
        };
    }
    let pct = CellKind::Percent;
    let wrong = |found: &str| WorkbookProblem::Wrong {
        expected: pct.clone(),
        found: CellValue::Text(found.into()),
    };
    let digits = |found: &str, digits| EvidenceProblem::TooManyDecimals {
        found: found.into(),
        digits,
        max: 1,
    };
    let cases: [(Typed, Problem); 5] = [
        (Typed::Number(7.55), digits("7.55", 2).into()),
        (
            Typed::Number(0.1 + 0.2),
            digits("0.30000000000000004", 17).into(),
        ),
        (
            Typed::Number(101.0),
            ValueProblem::OutOfRange {
                found: "101".into(),
                min: Some(Decimal::ZERO),
                max: Some(Decimal::ONE_HUNDRED),
            }
            .into(),
        ),
        (Typed::Text("bảy"), wrong("\"bảy\"").into()),
        (Typed::Text("1.234,5"), wrong("\"1.234,5\"").into()),
    ];
    for (typed, expected) in cases {
        let mut cells: Vec<(&str, Typed)> = vec![("poor_households_pct", typed)];
        cells.extend(base.iter().map(|(n, v)| {
            (
                *n,
                match v {
                    Typed::Number(x) => Typed::Number(*x),
                    Typed::Text(t) => Typed::Text(t),
                },
            )
        }));
        let bytes = typed_workbook(&set, &cells);
        let err = import("form.xlsx", &bytes, &set, Some(2024)).unwrap_err();
        let cell = format!("D{}", 3 + index);
        let [p] = err.0.as_slice() else {
            panic!("one problem expected: {err}")
        };
        assert_eq!(
            (p.sheet.as_deref(), p.cell.as_deref(), p.field.as_str()),
            (
                Some("Chỉ tiêu"),
                Some(cell.as_str()),
                "inputs.poor_households_pct"
            ),
            "{err}"
        );
        assert_eq!(p.problem, expected, "{err}");
    }
}

#[test]
fn the_workbook_states_the_range_and_digits_of_a_decimal() {
    let set = set();
    let opts = TemplateOptions {
        layout: Layout::Unit,
        year: 2024,
        criteria_path: String::new(),
        prefill: Prefill::default(),
    };
    let bytes = template(&set, &opts).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("form.xlsx");
    std::fs::write(&path, &bytes).unwrap();
    let sheet = unzip_sheet(&path, "xl/worksheets/sheet2.xml");
    // The percentage: a decimal between 0 and 100, shown with one decimal.
    assert!(
        sheet.contains(r#"type="decimal""#)
            && sheet.contains("<formula1>0</formula1><formula2>100</formula2>"),
        "{sheet}"
    );
    assert!(sheet.contains("tối đa 1 chữ số sau dấu phẩy"), "{sheet}");
    let styles = unzip_sheet(&path, "xl/styles.xml");
    assert!(styles.contains(r#"formatCode="0.0""#) && styles.contains(r#"formatCode="0.00""#));
    let shared = unzip_sheet(&path, "xl/sharedStrings.xml");
    assert!(
        shared.contains(
            "tỷ lệ phần trăm (%, nhập 7,5 cho 7,5 %) từ 0 đến 100, tối đa 1 chữ số sau dấu phẩy"
        ),
        "{shared}"
    );
}

fn unzip_sheet(path: &Path, part: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = String::new();
    zip.by_name(part).unwrap().read_to_string(&mut out).unwrap();
    out
}

#[test]
fn the_toml_template_offers_a_decimal_with_its_digits_and_range() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cfc"))
        .args(["template", "--criteria", SET, "--year", "2024"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(
            "# Tỷ lệ hộ nghèo — tỷ lệ phần trăm (7.5 là 7,5 %), số thập phân từ 0 đến 100, tối đa 1 chữ số sau dấu phẩy\npoor_households_pct = 0.0\n"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "số thập phân từ 0 đến 1, tối đa 2 chữ số sau dấu phẩy\nclean_water_ratio = 0.00\n"
        ),
        "{text}"
    );
    // Filled in with a code and a name, the template is valid evidence.
    let filled = text
        .replace("code = \"\"", "code = \"99201\"")
        .replace("name = \"\"", "name = \"Thử Số\"");
    Evidence::parse("t.toml", &filled, &set(), Some(2024)).unwrap();
}
