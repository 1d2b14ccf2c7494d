//! Recognition conditions are declared by the set: each rule holding and failing, the order of
//! failures, a criterion met at 0 that is not refused, every contradiction refused at its line,
//! and no sentence of Decision 06 written in the engine.
//!
//! The sets are `tests/data/conditions/set.toml` (four criteria of 10 points, each scoring the
//! input of its letter; B is met from 0 points, C from 5) with the conditions under test
//! appended, written to a folder of their own.

use std::path::{Path, PathBuf};

use cfc::criteria::{ConditionRule, LoadError};
use cfc::diag::Problem;
use cfc::{CriteriaSet, Evaluator, Evidence, Failure, Lang, Points, UnitResult};
use rust_decimal::Decimal;

const BASE: &str = "tests/data/conditions/set.toml";

/// The base set with `conditions` appended (and `edit` applied to the base text), written to
/// a folder named after the test; returns the file, its text and the load result.
fn load_with(
    name: &str,
    edit: &dyn Fn(String) -> String,
    conditions: &str,
) -> (PathBuf, String, Result<CriteriaSet, LoadError>) {
    let dir = std::env::temp_dir().join(format!("cfc-conditions-{}-{name}", std::process::id()));
    std::fs::create_dir_all(dir.join("scripts")).unwrap();
    for s in ["a", "b", "c", "d"] {
        let from = format!("tests/data/conditions/scripts/{s}.rhai");
        std::fs::copy(&from, dir.join(format!("scripts/{s}.rhai"))).unwrap();
    }
    let text = edit(std::fs::read_to_string(BASE).unwrap()) + conditions;
    let path = dir.join("set.toml");
    std::fs::write(&path, &text).unwrap();
    let set = CriteriaSet::load(&path);
    (path, text, set)
}

fn set_with(name: &str, conditions: &str) -> CriteriaSet {
    load_with(name, &|t| t, conditions)
        .2
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Every problem of a set that must not load, as (line, field path, problem).
fn refused(
    name: &str,
    edit: &dyn Fn(String) -> String,
    conditions: &str,
) -> Vec<(usize, String, Problem)> {
    let (path, _, set) = load_with(name, edit, conditions);
    let Err(e) = set else {
        panic!("{name}: the set loaded")
    };
    e.diagnostics()
        .into_iter()
        .map(|d| {
            assert_eq!(d.file, path);
            (d.line, d.field.to_string(), d.problem)
        })
        .collect()
}

/// The 1-based line of the `nth` (from 0) line of `text` that starts with `start`, after the
/// base set.
fn line(text: &str, start: &str, nth: usize) -> usize {
    let base = std::fs::read_to_string(BASE).unwrap().lines().count();
    text.lines()
        .enumerate()
        .skip(base)
        .filter(|(_, l)| l.starts_with(start))
        .nth(nth)
        .map(|(i, _)| i + 1)
        .unwrap_or_else(|| panic!("no line {start:?}"))
}

fn condition(rule: &str, extra: &str) -> String {
    format!(
        "\n[[conditions]]\nrule = \"{rule}\"\nlabel = {{ vi = \"Điều kiện {rule}\", en = \"Condition {rule}\" }}\nreference = \"Điều kiện thử {rule}\"\n{extra}"
    )
}

/// A unit of the test set with these points for A, B, C and D.
fn evaluate(set: CriteriaSet, [a, b, c, d]: [u32; 4]) -> UnitResult {
    let text = format!(
        "[unit]\ncode = \"10001\"\nname = \"Thử\"\nkind = \"xa\"\nclass = \"any\"\nsynthetic = true\n\n\
         [period]\nfrom = 2024-01-01\nto = 2024-12-31\n\n[inputs]\na = {a}\nb = {b}\nc = {c}\nd = {d}\n"
    );
    let ev =
        Evidence::parse("unit.toml", &text, &set, Some(2024)).unwrap_or_else(|e| panic!("{e}"));
    let evaluator = Evaluator::new(set, None).unwrap();
    evaluator.evaluate(&ev).unwrap_or_else(|e| panic!("{e}"))
}

fn p(n: u32) -> Points {
    Points::from(n)
}

#[test]
fn decision_06_declares_its_three_conditions_with_their_words_and_references() {
    let set = CriteriaSet::load("criteria/qd-06-2019.toml").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(set.subject().vi, "xã, phường, thị trấn phù hợp với trẻ em");
    let rules: Vec<&str> = set.conditions().iter().map(|c| c.rule.name()).collect();
    assert_eq!(
        rules,
        ["criteria_met", "no_criterion_at_zero", "class_threshold"]
    );
    let labels: Vec<&str> = set
        .conditions()
        .iter()
        .map(|c| c.label.vi.as_str())
        .collect();
    assert_eq!(
        labels,
        [
            "Đạt tất cả 13 tiêu chí",
            "Không có tiêu chí nào 0 điểm",
            "Tổng điểm đạt ngưỡng công nhận của nhóm đơn vị"
        ]
    );
    assert!(set.conditions().iter().all(|c| {
        c.reference
            .starts_with("Quyết định số 06/QĐ-TTg ngày 03/01/2019")
    }));
    // Written without `criteria`, a rule lists every criterion of the set.
    let every: Vec<String> = set.criteria().iter().map(|c| c.id.to_string()).collect();
    assert_eq!(
        set.conditions()[1].rule,
        ConditionRule::NoCriterionAtZero { criteria: every }
    );
    assert!(set.applies_class_threshold());
}

#[test]
fn class_threshold_holds_and_fails() {
    let conditions = condition("class_threshold", "");
    let r = evaluate(set_with("threshold-holds", &conditions), [5, 5, 5, 5]);
    assert!(r.recognised, "{:?}", r.reasons);
    let r = evaluate(set_with("threshold-fails", &conditions), [5, 5, 5, 4]);
    assert!(!r.recognised);
    assert_eq!(
        r.failures,
        [Failure::BelowThreshold {
            total: p(19),
            threshold: p(20)
        }]
    );
    assert_eq!(r.reasons, ["total 19 < 20"]);
}

#[test]
fn without_a_class_threshold_condition_the_threshold_decides_nothing() {
    let set = set_with("no-threshold", &condition("no_criterion_at_zero", ""));
    assert!(!set.applies_class_threshold());
    let r = evaluate(set, [1, 1, 1, 1]);
    assert!(r.recognised, "{:?}", r.reasons);
    assert_eq!(r.total, p(4));
}

#[test]
fn no_criterion_at_zero_holds_fails_and_spares_a_criterion_met_at_zero() {
    let conditions = condition("no_criterion_at_zero", "");
    let r = evaluate(set_with("zero-fails", &conditions), [0, 5, 5, 5]);
    assert_eq!(
        r.failures,
        [Failure::CriterionAtZero {
            criterion: "A".into()
        }]
    );
    // B declares itself met at 0 points (`points_at_least = 0`): 0 does not refuse it.
    let set = set_with("zero-spared", &conditions);
    let r = evaluate(set.clone(), [5, 0, 5, 5]);
    assert!(r.recognised, "{:?}", r.reasons);
    assert!(r.criteria[1].met && r.criteria[1].points.is_zero());
    // The dossier's conclusion says why B at 0 does not refuse.
    assert_eq!(
        cfc::words::reasons::figures(&set.conditions()[0], &r, Lang::Vi),
        "3/4 tiêu chí có điểm trên 0; B ở 0 điểm vẫn đạt theo quy tắc đạt của tiêu chí"
    );
    // Listed criteria only.
    let only_d = condition("no_criterion_at_zero", "criteria = [\"D\"]\n");
    let r = evaluate(set_with("zero-listed", &only_d), [0, 0, 0, 5]);
    assert!(r.recognised, "{:?}", r.reasons);
}

#[test]
fn a_set_may_omit_no_criterion_at_zero() {
    // The default met rule (points > 0) still refuses A at 0 — as "not met", once.
    let r = evaluate(
        set_with("met-only", &condition("criteria_met", "")),
        [0, 0, 5, 5],
    );
    assert_eq!(
        r.failures,
        [Failure::CriterionNotMet {
            criterion: "A".into(),
            points: p(0),
            rule: "points > 0".into()
        }]
    );
}

#[test]
fn criteria_met_holds_and_fails() {
    let conditions = condition("criteria_met", "");
    let r = evaluate(set_with("met-holds", &conditions), [1, 0, 5, 1]);
    assert!(r.recognised, "{:?}", r.reasons);
    let r = evaluate(set_with("met-fails", &conditions), [1, 0, 4, 1]);
    assert_eq!(r.reasons, ["C not met (4 points; met when points ≥ 5)"]);
}

#[test]
fn criteria_reaching_holds_and_fails_exactly() {
    let conditions = condition("criteria_reaching", "count = 3\nshare = 60\n");
    let r = evaluate(set_with("reaching-holds", &conditions), [6, 6, 6, 5]);
    assert!(r.recognised, "{:?}", r.reasons);
    let r = evaluate(set_with("reaching-fails", &conditions), [6, 5, 5, 10]);
    assert_eq!(
        r.failures,
        [Failure::TooFewCriteriaReaching {
            condition: 0,
            reaching: 2,
            count: 3,
            of: 4,
            share: Decimal::from(60),
            below: vec!["B".into(), "C".into()],
        }]
    );
    assert_eq!(
        r.reasons,
        ["2 of 4 criteria reach 60 % of their maximum, at least 3 needed (below: B, C)"]
    );
    // 62.5 % of 10 is 6.25: 6 points fall short, exactly.
    let share = condition(
        "criteria_reaching",
        "count = 1\nshare = \"62.5\"\ncriteria = [\"A\", \"D\"]\n",
    );
    let r = evaluate(set_with("reaching-share", &share), [6, 0, 0, 6]);
    assert!(matches!(
        r.failures.as_slice(),
        [Failure::TooFewCriteriaReaching {
            reaching: 0,
            of: 2,
            ..
        }]
    ));
    let r = evaluate(set_with("reaching-share-2", &share), [6, 0, 0, 7]);
    assert!(r.recognised, "{:?}", r.reasons);
}

#[test]
fn criterion_minimum_holds_and_fails() {
    let conditions = condition("criterion_minimum", "criterion = \"C\"\nmin_points = 7\n");
    let r = evaluate(set_with("minimum-holds", &conditions), [0, 0, 7, 0]);
    assert!(r.recognised, "{:?}", r.reasons);
    let r = evaluate(set_with("minimum-fails", &conditions), [10, 10, 6, 10]);
    assert_eq!(
        r.failures,
        [Failure::CriterionBelowMinimum {
            criterion: "C".into(),
            points: p(6),
            min_points: p(7)
        }]
    );
    assert_eq!(
        r.reasons,
        ["C below its minimum (6 points; at least 7 needed)"]
    );
}

#[test]
fn failures_come_criterion_by_criterion_then_in_declared_order_each_criterion_once() {
    let conditions = [
        condition("criteria_reaching", "count = 4\nshare = 50\n"),
        condition("class_threshold", ""),
        condition("criterion_minimum", "criterion = \"A\"\nmin_points = 3\n"),
        condition("criteria_met", ""),
        condition("criterion_minimum", "criterion = \"C\"\nmin_points = 8\n"),
        condition("no_criterion_at_zero", ""),
        condition("criterion_minimum", "criterion = \"D\"\nmin_points = 2\n"),
    ]
    .concat();
    // A at 0: at 0, not met and below its minimum — reported once, as at 0. C at 4: not met
    // and below its minimum — reported as not met. D at 1: below its minimum only.
    let r = evaluate(set_with("order", &conditions), [0, 10, 4, 1]);
    assert_eq!(
        r.reasons,
        [
            "A at 0 points",
            "C not met (4 points; met when points ≥ 5)",
            "D below its minimum (1 points; at least 2 needed)",
            "1 of 4 criteria reach 50 % of their maximum, at least 4 needed (below: A, C, D)",
            "total 15 < 20",
        ]
    );
}

#[test]
fn reasons_and_conclusions_speak_the_declared_labels() {
    let conditions = [
        condition("criteria_reaching", "count = 4\nshare = \"62.5\"\n"),
        condition("criterion_minimum", "criterion = \"C\"\nmin_points = 8\n"),
    ]
    .concat();
    let set = set_with("words", &conditions);
    let r = evaluate(set.clone(), [10, 10, 6, 10]);
    let words: Vec<String> = r
        .failures
        .iter()
        .map(|f| cfc::words::reasons::reason(f, Lang::Vi, &set, None, &r.class))
        .collect();
    assert_eq!(
        words,
        [
            "Tiêu chí C (Tiêu chí C) đạt 6 điểm, thấp hơn mức tối thiểu 8 điểm — Điều kiện criterion_minimum (Điều kiện thử criterion_minimum).",
            "Điều kiện criteria_reaching (Điều kiện thử criteria_reaching): 3/4 tiêu chí đạt từ 62,5 % số điểm tối đa, cần ít nhất 4; chưa đạt: C.",
        ]
    );
    let ok = evaluate(set.clone(), [10, 10, 9, 10]);
    let figures: Vec<String> = set
        .conditions()
        .iter()
        .map(|c| cfc::words::reasons::figures(c, &ok, Lang::En))
        .collect();
    assert_eq!(
        figures,
        [
            "4 of 4 criteria reach 62.5 % of their maximum, at least 4 needed",
            "criterion C at 9 points, minimum 8",
        ]
    );
}

#[test]
fn whatif_finds_the_change_a_condition_asks_for() {
    let set = set_with(
        "whatif",
        &condition("criterion_minimum", "criterion = \"C\"\nmin_points = 8\n"),
    );
    let text = "[unit]\ncode = \"10001\"\nname = \"Thử\"\nkind = \"xa\"\nclass = \"any\"\nsynthetic = true\n\n\
                [period]\nfrom = 2024-01-01\nto = 2024-12-31\n\n[inputs]\na = 10\nb = 10\nc = 6\nd = 10\n";
    let ev = Evidence::parse("unit.toml", text, &set, Some(2024)).unwrap();
    let evaluator = Evaluator::new(set, None).unwrap();
    let answer = cfc::whatif::whatif(&evaluator, &ev).unwrap();
    assert!(answer.achievable, "{:?}", answer.blocking);
    let changes: Vec<(String, String)> = answer
        .changes
        .iter()
        .map(|c| (c.input.clone(), format!("{:?}", c.to)))
        .collect();
    assert_eq!(changes, [("c".to_string(), "Number(8)".to_string())]);
}

#[test]
fn every_contradiction_is_refused_at_its_line() {
    use cfc::diag::{ConditionField, RulesProblem as R, ValueProblem as V};
    let same = |t: String| t;
    let dec = |s: &str| s.parse::<Decimal>().unwrap();
    // (name, conditions, each problem in order: located at the nth line that starts with the
    // given text, with its field path and problem; a first line given as (start, nth) too)
    type Case<'a> = (&'a str, String, Vec<(&'a str, usize, &'a str, Problem)>);
    let dup = |value: &str, first_line: usize| -> Problem {
        V::Duplicate {
            value: value.into(),
            first_line,
        }
        .into()
    };
    let cases: Vec<Case> = vec![
        (
            "duplicate-threshold",
            [
                condition("class_threshold", ""),
                condition("class_threshold", ""),
            ]
            .concat(),
            vec![("rule =", 1, "conditions[1].rule", dup("class_threshold", 0))],
        ),
        (
            "duplicate-zero",
            [
                condition("no_criterion_at_zero", ""),
                condition("no_criterion_at_zero", "criteria = [\"A\"]\n"),
            ]
            .concat(),
            vec![(
                "rule =",
                1,
                "conditions[1].rule",
                dup("no_criterion_at_zero", 0),
            )],
        ),
        (
            "minimum-above-max",
            condition(
                "criterion_minimum",
                "criterion = \"C\"\nmin_points = \"10.5\"\n",
            ),
            vec![(
                "min_points",
                0,
                "conditions[0].min_points",
                R::MinimumAboveMax {
                    min_points: dec("10.5"),
                    criterion: "C".into(),
                    max_points: dec("10"),
                }
                .into(),
            )],
        ),
        (
            "second-minimum",
            [
                condition("criterion_minimum", "criterion = \"C\"\nmin_points = 5\n"),
                condition("criterion_minimum", "criterion = \"C\"\nmin_points = 6\n"),
            ]
            .concat(),
            vec![(
                "criterion =",
                1,
                "conditions[1].criterion",
                R::SecondMinimum {
                    criterion: "C".into(),
                    first_line: 0,
                }
                .into(),
            )],
        ),
        (
            "count-zero",
            condition("criteria_reaching", "count = 0\nshare = 60\n"),
            vec![(
                "count",
                0,
                "conditions[0].count",
                R::CountOutOfRange {
                    found: 0,
                    criteria: 4,
                }
                .into(),
            )],
        ),
        (
            "count-above",
            condition(
                "criteria_reaching",
                "count = 3\nshare = 60\ncriteria = [\"A\", \"B\"]\n",
            ),
            vec![(
                "count",
                0,
                "conditions[0].count",
                R::CountOutOfRange {
                    found: 3,
                    criteria: 2,
                }
                .into(),
            )],
        ),
        (
            "share-zero",
            condition("criteria_reaching", "count = 1\nshare = 0\n"),
            vec![(
                "share",
                0,
                "conditions[0].share",
                R::ShareOutOfRange { found: dec("0") }.into(),
            )],
        ),
        (
            "share-above",
            condition("criteria_reaching", "count = 1\nshare = \"100.5\"\n"),
            vec![(
                "share",
                0,
                "conditions[0].share",
                R::ShareOutOfRange {
                    found: dec("100.5"),
                }
                .into(),
            )],
        ),
        (
            "share-digits",
            condition("criteria_reaching", "count = 1\nshare = \"60.1234567\"\n"),
            vec![(
                "share",
                0,
                "conditions[0].share",
                R::ShareTooPrecise {
                    found: dec("60.1234567"),
                    max: 6,
                }
                .into(),
            )],
        ),
        (
            "unknown-criteria",
            [
                condition("criteria_met", "criteria = [\"A\", \"E\"]\n"),
                condition("criterion_minimum", "criterion = \"F\"\nmin_points = 1\n"),
            ]
            .concat(),
            vec![
                (
                    "criteria =",
                    0,
                    "conditions[0].criteria[1]",
                    V::NotOneOf {
                        found: "E".into(),
                        allowed: vec!["A".into(), "B".into(), "C".into(), "D".into()],
                        closest: Some("A".into()),
                    }
                    .into(),
                ),
                (
                    "criterion =",
                    0,
                    "conditions[1].criterion",
                    V::NotOneOf {
                        found: "F".into(),
                        allowed: vec!["A".into(), "B".into(), "C".into(), "D".into()],
                        closest: Some("A".into()),
                    }
                    .into(),
                ),
            ],
        ),
        (
            "listed-twice-and-empty",
            [
                condition("criteria_met", "criteria = [\"A\", \"A\"]\n"),
                condition("no_criterion_at_zero", "criteria = []\n"),
            ]
            .concat(),
            vec![
                ("criteria =", 0, "conditions[0].criteria[1]", dup("A", 0)),
                (
                    "criteria =",
                    1,
                    "conditions[1].criteria",
                    R::EmptyCriteriaList.into(),
                ),
            ],
        ),
        (
            "field-that-does-not-apply",
            condition("class_threshold", "count = 2\n"),
            vec![(
                "count",
                0,
                "conditions[0].count",
                R::ConditionField {
                    rule: "class_threshold".into(),
                    takes: vec![],
                }
                .into(),
            )],
        ),
        (
            "missing-fields",
            condition("criteria_reaching", ""),
            vec![
                (
                    "rule =",
                    0,
                    "conditions[0].count",
                    R::ConditionFieldMissing {
                        rule: "criteria_reaching".into(),
                        field: ConditionField::Count,
                    }
                    .into(),
                ),
                (
                    "rule =",
                    0,
                    "conditions[0].share",
                    R::ConditionFieldMissing {
                        rule: "criteria_reaching".into(),
                        field: ConditionField::Share,
                    }
                    .into(),
                ),
            ],
        ),
    ];
    for (name, conditions, expected) in cases {
        let (_, text, _) = load_with(name, &same, &conditions);
        let problems = refused(name, &same, &conditions);
        assert_eq!(problems.len(), expected.len(), "{name}: {problems:#?}");
        for ((at, field, problem), (start, nth, want_field, want)) in problems.iter().zip(expected)
        {
            assert_eq!(*at, line(&text, start, nth), "{name}: {problem:?}");
            assert_eq!(field, want_field, "{name}");
            // A first line of 0 stands for "the line of the first such entry": the one before.
            let want = match want {
                Problem::Value(V::Duplicate {
                    value,
                    first_line: 0,
                }) => V::Duplicate {
                    value,
                    first_line: line(&text, start, nth.saturating_sub(1)),
                }
                .into(),
                Problem::Rules(R::SecondMinimum {
                    criterion,
                    first_line: 0,
                }) => R::SecondMinimum {
                    criterion,
                    first_line: line(&text, start, nth - 1),
                }
                .into(),
                other => other,
            };
            assert_eq!(problem, &want, "{name}");
        }
    }
}

#[test]
fn a_met_rule_that_can_never_hold_is_refused_where_criteria_met_asks_for_it() {
    let impossible = |t: String| {
        t.replace(
            "title = { vi = \"Tiêu chí D\", en = \"Criterion D\" }\nmax_points = 10\n",
            "title = { vi = \"Tiêu chí D\", en = \"Criterion D\" }\nmax_points = 10\nmet = { points_above = 10 }\n",
        )
    };
    let conditions = condition("criteria_met", "criteria = [\"C\", \"D\"]\n");
    let (_, text, _) = load_with("met-never", &impossible, &conditions);
    assert_eq!(
        refused("met-never", &impossible, &conditions),
        [(
            line(&text, "criteria =", 0),
            "conditions[0].criteria".to_string(),
            cfc::diag::RulesProblem::NeverMet {
                criterion: "D".into(),
                met: "points > 10".into(),
                max_points: Decimal::from(10),
            }
            .into()
        )]
    );
    // Where no condition asks for it, the criterion would still say "not met" on every unit:
    // the analysis of the rules refuses it at the criterion.
    let unasked = condition("class_threshold", "");
    let (_, text, _) = load_with("met-never-unasked", &impossible, &unasked);
    assert_eq!(
        refused("met-never-unasked", &impossible, &unasked),
        [(
            text.lines().position(|l| l == "id = \"D\"").unwrap() + 1,
            "criteria[3].met".to_string(),
            cfc::diag::RulesProblem::NeverMet {
                criterion: "D".into(),
                met: "points > 10".into(),
                max_points: Decimal::from(10),
            }
            .into()
        )]
    );
}

#[test]
fn a_set_without_conditions_or_subject_is_refused() {
    use cfc::diag::{RulesProblem, ValueKind, ValueProblem};
    let same = |t: String| t;
    let problems = refused("none", &same, "");
    assert_eq!(
        problems,
        [(
            4,
            "conditions".to_string(),
            RulesProblem::NoConditions.into()
        )]
    );
    let no_subject = |t: String| {
        t.lines()
            .filter(|l| !l.starts_with("subject ="))
            .collect::<Vec<_>>()
            .join("\n")
            + "\n"
    };
    let problems = refused("no-subject", &no_subject, &condition("class_threshold", ""));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].1, "subject");
    assert_eq!(
        problems[0].2,
        ValueProblem::Missing {
            expected: ValueKind::Table
        }
        .into()
    );
    let problems = refused("bad-rule", &same, &condition("criteria_rule", ""));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].1, "conditions[0].rule");
    assert!(
        matches!(
            &problems[0].2,
            Problem::Value(ValueProblem::NotOneOf { found, allowed, .. })
                if found == "criteria_rule" && allowed.contains(&"criteria_reaching".to_string())
        ),
        "{problems:?}"
    );
}

/// Decision 06's sentences live in `criteria/qd-06-2019.toml`, never in the engine.
#[test]
fn no_sentence_of_decision_06_is_written_in_src() {
    const PHRASES: [&str; 4] = [
        "không có tiêu chí nào 0 điểm",
        "XÃ, PHƯỜNG, THỊ TRẤN",
        "PHÙ HỢP VỚI TRẺ EM",
        "xã, phường, thị trấn",
    ];
    fn files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                files(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let mut all = Vec::new();
    files(Path::new("src"), &mut all);
    assert!(all.len() > 40, "src/ holds the engine's files");
    let mut found = Vec::new();
    for path in all {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let lower = text.to_lowercase();
        for (n, line) in lower.lines().enumerate() {
            for phrase in PHRASES {
                if line.contains(&phrase.to_lowercase()) {
                    found.push(format!("{}:{}: {phrase}", path.display(), n + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "Decision 06's words in src/:\n{}",
        found.join("\n")
    );
}
