//! Criteria sets of other shapes than QĐ 06, evaluated by the same engine with no Rust written
//! for them (their points are checked case by case in their own cases files, see `cases`).
//!
//! `tests/data/other-shape/example-400.toml`: 4 criteria on 400 points, an "online safety"
//! criterion QĐ 06 does not have, classes `lowland` 320 / `highland` 280, a criterion met only
//! from 60 points, its own inputs, derived counts and scripts, and a policy whose disqualifier
//! reads an input.
//!
//! `tests/data/draft-100/draft-100.toml`: an invented 100-point set (no legal act says it)
//! written only from `criteria/README.md`, for two-level local government: no thị trấn, each
//! kind in its class, a period in force that ends.

use cfc::{CriteriaSet, Evaluator, Failure, Policy, Round, RoundReport, UnitResult, render};

const SET: &str = "tests/data/other-shape/example-400.toml";
const ROUND: &str = "tests/data/other-shape/round";

fn results() -> (Round, Vec<UnitResult>) {
    let round = Round::load(ROUND).unwrap_or_else(|e| panic!("{e}"));
    assert!(round.errors.is_empty(), "{:#?}", round.errors);
    let evaluated = round.evaluate();
    assert!(evaluated.failures.is_empty(), "{:?}", evaluated.failures);
    let results = evaluated.results;
    (round, results)
}

/// `code name (class): total / threshold → decision`, the line a council reads first.
fn summary(r: &UnitResult) -> String {
    let decision = if r.recognised {
        "recognised"
    } else {
        "not recognised"
    };
    format!(
        "{} {} ({}): {} / {} → {decision}",
        r.code, r.name, r.class, r.total, r.threshold
    )
}

/// `criterion=points(met)` for each criterion, in order.
fn criteria(r: &UnitResult) -> Vec<String> {
    r.criteria
        .iter()
        .map(|c| {
            let met = if c.met { "met" } else { "not met" };
            format!("{}={}({met})", c.id, c.points)
        })
        .collect()
}

/// `indicator=points` for each indicator, in order.
fn indicators(r: &UnitResult) -> Vec<String> {
    r.criteria
        .iter()
        .flat_map(|c| &c.indicators)
        .map(|i| format!("{}={}", i.id, i.points))
        .collect()
}

#[test]
fn the_set_has_its_own_shape() {
    let set = CriteriaSet::load(SET).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(set.max_points().to_string(), "400");
    let ids: Vec<&str> = set.criteria().iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        ["protection", "education", "online_safety", "participation"]
    );
    let classes: Vec<String> = set
        .classes()
        .iter()
        .map(|c| format!("{} {}", c.id, c.threshold))
        .collect();
    assert_eq!(classes, ["lowland 320", "highland 280"]);
    let met: Vec<String> = set.criteria().iter().map(|c| c.met.to_string()).collect();
    assert_eq!(
        met,
        ["points > 0", "points ≥ 60", "points > 0", "points > 0"]
    );
    assert_eq!(set.inputs().len(), 10);
    let derived: Vec<&str> = set.derived().iter().map(|d| d.name.as_str()).collect();
    assert_eq!(derived, ["abuse_cases", "exploitation_cases"]);
    assert_eq!(
        set.provisional_rules(),
        ["P1", "P2", "E1", "O1", "O2", "V1"]
    );
    let policy =
        Policy::load("tests/data/other-shape/policy.toml", &set).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(policy.disqualifiers().len(), 1);
    assert_eq!(policy.disqualifiers()[0].id, "child_labour");
}

#[test]
fn a_unit_at_every_maximum_is_recognised() {
    let (_, results) = results();
    let r = &results[0];
    assert_eq!(
        summary(r),
        "80001 Đồng Bằng (lowland): 400 / 320 → recognised"
    );
    assert_eq!(
        indicators(r),
        ["P1=60", "P2=40", "E1=100", "O1=50", "O2=50", "V1=100"]
    );
    // No case reported: the rate is n/a and the script's own row says what it gives.
    assert_eq!(r.criteria[0].indicators[0].row, "no case reported → 60");
    assert!(r.reasons.is_empty());
}

#[test]
fn a_criterion_at_zero_and_a_low_total_are_both_reasons() {
    let (_, results) = results();
    let r = &results[1];
    assert_eq!(
        summary(r),
        "80002 Vùng Cao (highland): 160 / 280 → not recognised"
    );
    assert_eq!(
        indicators(r),
        ["P1=20", "P2=20", "E1=60", "O1=0", "O2=0", "V1=60"]
    );
    // Education at exactly 60 meets its `points_at_least = 60` rule.
    assert_eq!(
        criteria(r),
        [
            "protection=40(met)",
            "education=60(met)",
            "online_safety=0(not met)",
            "participation=60(met)"
        ]
    );
    assert_eq!(r.reasons, ["online_safety at 0 points", "total 160 < 280"]);
    // The 2025 abuse incident is shown, out of period, and not counted: 1 abuse case, 0.5 ‰.
    let in_period: Vec<(&str, bool)> = r
        .incidents
        .iter()
        .map(|i| (i.id.as_str(), i.in_period))
        .collect();
    assert_eq!(in_period, [("VC-2025-07", false), ("VC-2026-01", true)]);
    assert_eq!(r.derived[0].name, "abuse_cases");
    assert_eq!(
        (r.derived[0].value, r.derived[0].incidents.as_slice()),
        (1, &["VC-2026-01".to_string()][..])
    );
    assert_eq!(r.criteria[0].indicators[1].row, "≤ 0.5 → 20");
}

#[test]
fn a_criterion_below_its_met_rule_refuses_a_unit_above_the_threshold() {
    let (_, results) = results();
    let r = &results[2];
    assert_eq!(
        summary(r),
        "80003 Trung Du (highland): 305 / 280 → not recognised"
    );
    assert_eq!(
        criteria(r),
        [
            "protection=100(met)",
            "education=30(not met)",
            "online_safety=75(met)",
            "participation=100(met)"
        ]
    );
    assert_eq!(
        r.reasons,
        ["education not met (30 points; met when points ≥ 60)"]
    );
    assert!(matches!(
        r.failures.as_slice(),
        [Failure::CriterionNotMet { criterion, .. }] if criterion == "education"
    ));
}

#[test]
fn a_disqualifier_on_an_input_refuses_a_unit_that_meets_everything_else() {
    let (_, results) = results();
    let r = &results[3];
    assert_eq!(
        summary(r),
        "80004 Ven Sông (lowland): 380 / 320 → not recognised"
    );
    assert_eq!(
        indicators(r),
        ["P1=40", "P2=40", "E1=100", "O1=50", "O2=50", "V1=100"]
    );
    assert!(r.criteria.iter().all(|c| c.met));
    assert_eq!(r.disqualifiers.len(), 1);
    assert_eq!(r.disqualifiers[0].id, "child_labour");
    // It reads an input, so no incident is named.
    assert!(r.disqualifiers[0].incidents.is_empty());
    assert_eq!(r.reasons, ["disqualifier child_labour holds"]);
    // The exploitation incident feeds the derived count that bounds child_labour_cases.
    assert_eq!(r.derived[1].name, "exploitation_cases");
    assert_eq!(r.derived[1].value, 1);
}

#[test]
fn the_evaluator_alone_gives_the_same_results_as_the_round() {
    let (round, results) = results();
    let set = CriteriaSet::load(SET).unwrap_or_else(|e| panic!("{e}"));
    let policy =
        Policy::load("tests/data/other-shape/policy.toml", &set).unwrap_or_else(|e| panic!("{e}"));
    let evaluator = Evaluator::new(set, Some(policy)).unwrap_or_else(|e| panic!("{e}"));
    let again: Vec<UnitResult> = evaluator
        .evaluate_all(&round.units)
        .into_iter()
        .map(|r| r.unwrap_or_else(|e| panic!("{e}")))
        .collect();
    assert_eq!(again, results);
}

#[test]
fn the_rounds_json_is_the_reviewed_record() {
    let (round, _) = results();
    let report = RoundReport::new(&round, round.evaluate());
    assert_eq!(report.counts(), (1, 3));
    insta::assert_snapshot!("other_shape_round_json", render::json(&report));
}

// ── draft-100 ────────────────────────────────────────────────────────────────────────────

/// Copies the round folder (and the rules beside it) to a temporary place, with `edit` applied
/// to one evidence file or to `round.toml`.
fn edited_round(file: &str, edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let dir = crate::support::draft_100_copy();
    let target = dir.path().join("draft-100/round").join(file);
    let text = std::fs::read_to_string(&target).unwrap();
    std::fs::write(&target, edit(text)).unwrap();
    dir
}

#[test]
fn the_set_knows_no_township_and_keeps_each_kind_in_its_class() {
    // No thị trấn since 1 July 2025: the set does not declare it, so evidence naming it is an
    // error at its line, and the other units are still evaluated.
    let dir = edited_round("an-hoa.toml", |t| {
        t.replace("kind = \"phuong\"", "kind = \"thi_tran\"")
    });
    let round = Round::load(dir.path().join("draft-100/round")).unwrap();
    assert_eq!(round.units.len(), 9);
    let problems: Vec<String> = round
        .errors
        .iter()
        .map(|d| {
            format!(
                "{}:{}",
                d.line,
                cfc::words::problems::problem(&d.problem, cfc::Lang::En)
            )
        })
        .collect();
    assert!(
        problems.len() == 1 && problems[0].starts_with("8:") && problems[0].contains("thi_tran"),
        "{problems:?}"
    );
    // A ward declared in the class of communes is refused too, not given the lower threshold.
    let dir = edited_round("an-hoa.toml", |t| {
        t.replace("class = \"ward\"", "class = \"commune\"")
    });
    let round = Round::load(dir.path().join("draft-100/round")).unwrap();
    assert_eq!(round.units.len(), 9);
    assert!(
        round.errors.iter().any(|d| d.line == 9
            && cfc::words::problems::problem(&d.problem, cfc::Lang::En).contains("phuong")),
        "{:?}",
        round.errors
    );
}

#[test]
fn a_round_after_the_set_ends_is_refused_unless_asked_for() {
    // The set is in force from 2026-01-01 to 2030-12-31.
    let dir = edited_round("round.toml", |t| {
        t.replace("year = 2026", "year = 2031")
            .replace("decision_date = 2026-12-10", "decision_date = 2031-12-10")
    });
    let folder = dir.path().join("draft-100/round");
    let err = Round::load(&folder).unwrap_err();
    let cfc::RoundError::OutsideEffect(d) = &err else {
        panic!("{err}")
    };
    assert!(
        matches!(
            &d.problem,
            cfc::diag::Problem::Round(cfc::diag::RoundProblem::OutsideEffect { until, year: 2031, .. })
                if until.is_some_and(|u| u.to_string() == "2030-12-31")
        ),
        "{d:?}"
    );
    let round = Round::load_with(
        &folder,
        &cfc::round::RoundOptions::default().outside_effect(true),
    )
    .unwrap();
    assert!(round.outside_effect().is_some());
}
