//! Every step of every indicator of qd-06-2019: just below, on and above each threshold, and
//! the n/a cases — each case read as "these inputs → this indicator scores that".

mod support;

use support::{IncidentSpec, evaluator, evidence, evidence_text};

/// Points of one indicator for the perfect unit with some inputs changed.
fn points_with(indicator: &str, overrides: &[(&str, &str)], incidents: &[IncidentSpec]) -> String {
    let ev = evidence(&evidence_text("10000", overrides, incidents));
    let result = evaluator().evaluate(&ev).expect("evaluates");
    let score = result
        .criteria
        .iter()
        .flat_map(|c| &c.indicators)
        .find(|i| i.id == indicator)
        .unwrap_or_else(|| panic!("no indicator {indicator}"));
    score.points.to_string()
}

/// Checks a table of (inputs, expected points) for one indicator.
fn check(indicator: &str, cases: &[(&[(&str, &str)], &str)]) {
    for (overrides, expected) in cases {
        assert_eq!(
            points_with(indicator, overrides, &[]),
            *expected,
            "indicator {indicator} with {overrides:?}"
        );
    }
}

/// A rate `part/whole` for two inputs, as overrides.
macro_rules! rate {
    ($part:literal / $whole:literal of $p:literal, $w:literal) => {
        &[($p, stringify!($part)), ($w, stringify!($whole))][..]
    };
}

#[test]
fn perfect_unit_scores_1000_and_is_recognised() {
    let ev = evidence(&evidence_text("10000", &[], &[]));
    let r = evaluator().evaluate(&ev).unwrap();
    assert_eq!(r.total.to_string(), "1000");
    assert!(r.recognised, "{:?}", r.reasons);
    assert!(r.reasons.is_empty());
}

#[test]
fn c01_resources() {
    check(
        "1.1",
        &[
            (&[("protection_officer_assigned", "true")], "50"),
            (&[("protection_officer_assigned", "false")], "0"),
        ],
    );
    check(
        "1.2",
        &[
            (
                rate!(10 / 10 of "villages_with_collaborator", "villages_total"),
                "15",
            ),
            (
                rate!(999 / 1000 of "villages_with_collaborator", "villages_total"),
                "10",
            ),
            (
                rate!(8 / 10 of "villages_with_collaborator", "villages_total"),
                "10",
            ),
            (
                rate!(799 / 1000 of "villages_with_collaborator", "villages_total"),
                "5",
            ),
            (
                rate!(5 / 10 of "villages_with_collaborator", "villages_total"),
                "5",
            ),
            (
                rate!(499 / 1000 of "villages_with_collaborator", "villages_total"),
                "0",
            ),
            (
                rate!(0 / 7 of "villages_with_collaborator", "villages_total"),
                "0",
            ),
        ],
    );
    check(
        "1.3",
        &[
            (
                &[
                    ("protection_board_established", "false"),
                    ("protection_board_reviews", "12"),
                ],
                "0",
            ),
            (&[("protection_board_reviews", "13")], "15"),
            (&[("protection_board_reviews", "12")], "15"),
            (&[("protection_board_reviews", "11")], "10"),
            (&[("protection_board_reviews", "4")], "10"),
            (&[("protection_board_reviews", "3")], "5"),
            (&[("protection_board_reviews", "0")], "5"),
        ],
    );
    check(
        "1.4",
        &[
            (&[("child_budget_vnd", "0")], "0"),
            (&[("child_budget_vnd", "1")], "20"),
        ],
    );
}

#[test]
fn c02_birth_registration() {
    let p = "births_registered_on_time";
    let w = "births_in_period";
    check(
        "2.1",
        &[
            (&[(p, "0"), (w, "0")], "50"),
            (&[(p, "981"), (w, "1000")], "50"),
            (&[(p, "980"), (w, "1000")], "50"),
            (&[(p, "97999"), (w, "100000")], "30"),
            (&[(p, "950"), (w, "1000")], "30"),
            (&[(p, "949"), (w, "1000")], "15"),
            (&[(p, "900"), (w, "1000")], "15"),
            (&[(p, "899"), (w, "1000")], "0"),
        ],
    );
}

#[test]
fn c03_abuse_victims_per_1000() {
    let violence = |n: usize| -> Vec<(String, &str, &str, bool, bool)> {
        (0..n)
            .map(|i| (format!("V-{i}"), "2024-05-01", "violence", false, false))
            .collect()
    };
    let case = |children: &str, n: usize| {
        let list = violence(n);
        let incidents: Vec<IncidentSpec> = list
            .iter()
            .map(|(a, b, c, d, e)| (a.as_str(), *b, *c, *d, *e))
            .collect();
        points_with("3.1", &[("children_total", children)], &incidents)
    };
    assert_eq!(case("2000", 0), "100");
    assert_eq!(case("2000", 1), "50", "0.5 per 1000 is on the step");
    assert_eq!(case("1999", 1), "25", "0.50025 per 1000 is above 0.5");
    assert_eq!(case("2000", 2), "25", "1 per 1000 is on the step");
    assert_eq!(case("1999", 2), "0", "1.0005 per 1000 is above 1");
    // Abuse of every kind counts; an incident outside the period does not.
    for kind in [
        "sexual_abuse",
        "exploitation",
        "trafficking",
        "abandonment",
        "neglect",
        "other_abuse",
    ] {
        assert_eq!(
            points_with("3.1", &[], &[("A-1", "2024-03-03", kind, false, true)]),
            "50",
            "{kind}"
        );
    }
    assert_eq!(
        points_with(
            "3.1",
            &[],
            &[("A-1", "2023-12-31", "violence", false, false)]
        ),
        "100"
    );
    assert_eq!(
        points_with(
            "3.1",
            &[],
            &[("A-1", "2024-03-03", "drowning", false, false)]
        ),
        "100"
    );
}

#[test]
fn c04_conflict_with_law_and_drugs_per_1000() {
    let (law, drugs) = ("children_in_conflict_with_law", "children_using_drugs");
    check(
        "4.1",
        &[
            (&[(law, "0"), (drugs, "0")], "50"),
            (&[("children_total", "1000"), (law, "1")], "25"),
            (&[("children_total", "999"), (law, "1")], "10"),
            (
                &[("children_total", "1000"), (law, "1"), (drugs, "1")],
                "10",
            ),
            (&[("children_total", "999"), (drugs, "2")], "0"),
            (&[("children_total", "1000"), (law, "3")], "0"),
        ],
    );
}

#[test]
fn c05_accidents_and_injuries() {
    let drowning = |date, fatal| [("D-1", date, "drowning", fatal, false)];
    assert_eq!(points_with("5.1", &[], &[]), "50");
    assert_eq!(
        points_with("5.1", &[], &drowning("2024-06-01", false)),
        "50"
    );
    assert_eq!(points_with("5.1", &[], &drowning("2024-06-01", true)), "0");
    assert_eq!(
        points_with("5.1", &[], &[("T-1", "2024-06-01", "traffic", true, false)]),
        "0"
    );
    assert_eq!(
        points_with(
            "5.1",
            &[],
            &[("T-1", "2024-06-01", "other_injury", true, false)]
        ),
        "0"
    );
    assert_eq!(
        points_with("5.1", &[], &drowning("2025-01-01", true)),
        "50",
        "outside the period"
    );
    check(
        "5.2",
        &[
            (
                &[("children_total", "2000"), ("children_injured", "11")],
                "50",
            ),
            (
                &[("children_total", "1999"), ("children_injured", "11")],
                "25",
            ),
            (
                &[("children_total", "2000"), ("children_injured", "16")],
                "25",
            ),
            (
                &[("children_total", "1999"), ("children_injured", "16")],
                "0",
            ),
            (
                &[("children_total", "2000"), ("children_injured", "0")],
                "50",
            ),
        ],
    );
}

#[test]
fn c06_special_circumstances() {
    let (p, w) = (
        "special_circumstances_supported",
        "special_circumstances_children",
    );
    check(
        "6.1",
        &[
            (&[(p, "0"), (w, "0")], "50"),
            (&[(p, "95"), (w, "100")], "50"),
            (&[(p, "9499"), (w, "10000")], "25"),
            (&[(p, "90"), (w, "100")], "25"),
            (&[(p, "89"), (w, "100")], "0"),
        ],
    );
    let severe = |plans: &[bool]| -> String {
        let ids: Vec<String> = (0..plans.len()).map(|i| format!("S-{i}")).collect();
        let incidents: Vec<IncidentSpec> = plans
            .iter()
            .zip(&ids)
            .map(|(plan, id)| (id.as_str(), "2024-04-04", "sexual_abuse", false, *plan))
            .collect();
        points_with("6.2", &[], &incidents)
    };
    assert_eq!(severe(&[]), "75");
    assert_eq!(severe(&[true]), "75");
    assert_eq!(severe(&[false]), "0");
    assert_eq!(severe(&[true, false]), "0");
    assert_eq!(severe(&[true, true]), "75");
    assert_eq!(
        points_with(
            "6.2",
            &[],
            &[("S-1", "2024-04-04", "trafficking", false, false)]
        ),
        "0"
    );
    assert_eq!(
        points_with(
            "6.2",
            &[],
            &[("S-1", "2024-04-04", "abandonment", false, true)]
        ),
        "75"
    );
    assert_eq!(
        points_with(
            "6.2",
            &[],
            &[("S-1", "2024-04-04", "violence", false, false)]
        ),
        "75",
        "not a severe kind"
    );
    assert_eq!(
        points_with(
            "6.2",
            &[],
            &[("S-1", "2023-04-04", "sexual_abuse", false, false)]
        ),
        "75",
        "outside the period"
    );
}

#[test]
fn c07_immunisation() {
    let (p, w) = ("under1_fully_vaccinated", "under1_children");
    check(
        "7.1",
        &[
            (&[(p, "0"), (w, "0")], "50"),
            (&[(p, "980"), (w, "1000")], "50"),
            (&[(p, "48"), (w, "49")], "30"),
            (&[(p, "979"), (w, "1000")], "30"),
            (&[(p, "950"), (w, "1000")], "30"),
            (&[(p, "949"), (w, "1000")], "15"),
            (&[(p, "900"), (w, "1000")], "15"),
            (&[(p, "899"), (w, "1000")], "0"),
        ],
    );
}

#[test]
fn c08_malnutrition() {
    let w = "under5_measured";
    check(
        "8.1",
        &[
            (
                &[
                    ("under5_underweight", "0"),
                    ("under5_stunted", "0"),
                    (w, "0"),
                ],
                "0",
            ),
            (&[("under5_underweight", "100"), (w, "1000")], "50"),
            (&[("under5_underweight", "101"), (w, "1000")], "25"),
            (&[("under5_underweight", "150"), (w, "1000")], "25"),
            (&[("under5_underweight", "151"), (w, "1000")], "0"),
        ],
    );
    check(
        "8.2",
        &[
            (
                &[
                    ("under5_underweight", "0"),
                    ("under5_stunted", "0"),
                    (w, "0"),
                ],
                "0",
            ),
            (&[("under5_stunted", "200"), (w, "1000")], "50"),
            (&[("under5_stunted", "201"), (w, "1000")], "25"),
            (&[("under5_stunted", "250"), (w, "1000")], "25"),
            (&[("under5_stunted", "251"), (w, "1000")], "0"),
        ],
    );
}

#[test]
fn c09_checkups() {
    let (p, w) = ("children_checked", "children_checkup_target");
    check(
        "9.1",
        &[
            (&[(p, "0"), (w, "0")], "0"),
            (&[(p, "900"), (w, "1000")], "50"),
            (&[(p, "899"), (w, "1000")], "30"),
            (&[(p, "800"), (w, "1000")], "30"),
            (&[(p, "799"), (w, "1000")], "15"),
            (&[(p, "700"), (w, "1000")], "15"),
            (&[(p, "699"), (w, "1000")], "0"),
        ],
    );
}

#[test]
fn c10_school_and_preschool() {
    for (id, p, w, top, low, top_step, low_step) in [
        (
            "10.1",
            "age5_in_preschool",
            "age5_children",
            "40",
            "20",
            "990",
            "950",
        ),
        (
            "10.2",
            "primary_age_enrolled",
            "primary_age_children",
            "45",
            "25",
            "990",
            "950",
        ),
        (
            "10.3",
            "lower_secondary_age_enrolled",
            "lower_secondary_age_children",
            "40",
            "20",
            "950",
            "900",
        ),
    ] {
        let below = |s: &str| (s.parse::<u32>().unwrap() - 1).to_string();
        let (tb, lb) = (below(top_step), below(low_step));
        check(
            id,
            &[
                (&[(p, "0"), (w, "0")], top),
                (&[(p, "1000"), (w, "1000")], top),
                (&[(p, top_step), (w, "1000")], top),
                (&[(p, &tb), (w, "1000")], low),
                (&[(p, low_step), (w, "1000")], low),
                (&[(p, &lb), (w, "1000")], "0"),
            ],
        );
    }
}

#[test]
fn c11_participation_and_c12_play() {
    check(
        "11.1",
        &[
            (&[("children_forums_held", "0")], "0"),
            (&[("children_forums_held", "1")], "25"),
        ],
    );
    check(
        "11.2",
        &[
            (&[("children_consulted", "false")], "0"),
            (&[("children_consulted", "true")], "15"),
        ],
    );
    check(
        "11.3",
        &[
            (&[("children_clubs", "0")], "0"),
            (&[("children_clubs", "1")], "10"),
        ],
    );
    check(
        "12.1",
        &[
            (&[("play_space_available", "false")], "0"),
            (&[("play_space_available", "true")], "25"),
        ],
    );
    check(
        "12.2",
        &[
            (&[("children_events_held", "0")], "0"),
            (&[("children_events_held", "1")], "10"),
            (&[("children_events_held", "2")], "10"),
            (&[("children_events_held", "3")], "25"),
        ],
    );
}

#[test]
fn c13_satisfaction() {
    for (id, p, w) in [
        ("13.1", "children_satisfied", "children_surveyed"),
        ("13.2", "adults_satisfied", "adults_surveyed"),
    ] {
        check(
            id,
            &[
                (&[(p, "0"), (w, "0")], "0"),
                (&[(p, "800"), (w, "1000")], "25"),
                (&[(p, "799"), (w, "1000")], "15"),
                (&[(p, "700"), (w, "1000")], "15"),
                (&[(p, "699"), (w, "1000")], "5"),
                (&[(p, "600"), (w, "1000")], "5"),
                (&[(p, "599"), (w, "1000")], "0"),
            ],
        );
    }
}

#[test]
fn the_trace_shows_inputs_exact_and_displayed_rate_row_and_status() {
    let ev = evidence(&evidence_text(
        "10000",
        &[
            ("births_registered_on_time", "118"),
            ("births_in_period", "120"),
        ],
        &[],
    ));
    let r = evaluator().evaluate(&ev).unwrap();
    let i = r.criteria[1].indicators[0].clone();
    assert_eq!(i.id, "2.1");
    assert_eq!(i.row, "≥ 98 → 50");
    assert!(i.provisional);
    let reads: Vec<String> = i
        .reads
        .iter()
        .map(|r| format!("{}={}", r.name, r.value))
        .collect();
    assert_eq!(
        reads,
        ["births_in_period=120", "births_registered_on_time=118"]
    );
    match i.measure {
        Some(cfc::script::Measure::Rate(rate)) => {
            assert_eq!((rate.part, rate.whole, rate.scale), (118, 120, 100));
            assert_eq!(
                rate.value().unwrap().to_string(),
                "98.33333333333333333333333333"
            );
            assert_eq!(rate.display().as_deref(), Some("98.33"));
        }
        other => panic!("expected a rate, got {other:?}"),
    }
    let first = &r.criteria[0].indicators[0];
    assert!(!first.provisional, "1.1 is confirmed");
}
