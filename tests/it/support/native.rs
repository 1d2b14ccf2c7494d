//! The rules of qd-06-2019 written by hand in Rust, exact integer arithmetic, no scripts.
//!
//! Two uses: an independent oracle (property tests check the scripted engine against it on
//! thousands of generated units) and the "native floor" of the benchmark.

use cfc::CriteriaSet;
use cfc::evidence::{Evidence, Value};

const INPUTS: [&str; 36] = [
    "children_total",
    "protection_officer_assigned",
    "villages_total",
    "villages_with_collaborator",
    "protection_board_established",
    "protection_board_reviews",
    "child_budget_vnd",
    "births_in_period",
    "births_registered_on_time",
    "children_in_conflict_with_law",
    "children_using_drugs",
    "children_injured",
    "special_circumstances_children",
    "special_circumstances_supported",
    "under1_children",
    "under1_fully_vaccinated",
    "under5_measured",
    "under5_underweight",
    "under5_stunted",
    "children_checkup_target",
    "children_checked",
    "age5_children",
    "age5_in_preschool",
    "primary_age_children",
    "primary_age_enrolled",
    "lower_secondary_age_children",
    "lower_secondary_age_enrolled",
    "children_forums_held",
    "children_consulted",
    "children_clubs",
    "play_space_available",
    "children_events_held",
    "children_surveyed",
    "children_satisfied",
    "adults_surveyed",
    "adults_satisfied",
];
const DERIVED: [&str; 4] = [
    "abuse_victims",
    "injury_deaths",
    "severe_cases",
    "severe_cases_with_plan",
];

/// Input positions resolved once, as an embedding team would.
pub struct Native {
    inputs: [usize; 36],
    derived: [usize; 4],
}

/// `part × scale / whole` compared exactly with `num / den` by cross-multiplication.
fn cmp(part: u64, whole: u64, scale: u64, num: u64, den: u64) -> std::cmp::Ordering {
    (u128::from(part) * u128::from(scale) * u128::from(den))
        .cmp(&(u128::from(num) * u128::from(whole)))
}

/// Steps "≥ t → p", first that holds; `None` when the whole is 0 (n/a).
fn at_least(part: u64, whole: u64, rows: &[(u64, u32)], otherwise: u32) -> Option<u32> {
    (whole != 0).then(|| {
        rows.iter()
            .find(|(t, _)| cmp(part, whole, 100, *t, 1).is_ge())
            .map_or(otherwise, |r| r.1)
    })
}

/// Steps "≤ num/den → p" for a ratio per `scale`.
fn at_most(part: u64, whole: u64, scale: u64, rows: &[(u64, u64, u32)], otherwise: u32) -> u32 {
    rows.iter()
        .find(|(n, d, _)| cmp(part, whole, scale, *n, *d).is_le())
        .map_or(otherwise, |r| r.2)
}

impl Native {
    /// Resolves every input of the shipped set by name.
    pub fn new(set: &CriteriaSet) -> Native {
        let pos = |n: &str| set.input_index(n).unwrap_or_else(|| panic!("input {n}"));
        let dpos = |n: &str| {
            set.derived()
                .iter()
                .position(|d| d.name == n)
                .unwrap_or_else(|| panic!("derived {n}"))
        };
        Native {
            inputs: INPUTS.map(pos),
            derived: DERIVED.map(dpos),
        }
    }

    /// Points of the 13 criteria.
    pub fn criteria(&self, ev: &Evidence) -> [u32; 13] {
        let v = ev.values();
        let n = |i: usize| match v[self.inputs[i]] {
            Value::Number(n) => n,
            Value::Bool(b) => u64::from(b),
            // The national set declares no decimal input.
            Value::Decimal(d) => panic!("qd-06-2019 has no decimal input, found {d}"),
        };
        let b = |i: usize| n(i) != 0;
        let d = |i: usize| ev.derived()[self.derived[i]].value;
        let children = n(0);
        let c01 = if b(1) { 50 } else { 0 }
            + at_least(n(3), n(2), &[(100, 15), (80, 10), (50, 5)], 0).unwrap_or(0)
            + if !b(4) {
                0
            } else if n(5) >= 12 {
                15
            } else if n(5) >= 4 {
                10
            } else {
                5
            }
            + if n(6) > 0 { 20 } else { 0 };
        let c02 = at_least(n(8), n(7), &[(98, 50), (95, 30), (90, 15)], 0).unwrap_or(50);
        let c03 = if d(0) == 0 {
            100
        } else {
            at_most(d(0), children, 1000, &[(1, 2, 50), (1, 1, 25)], 0)
        };
        let bad = n(9) + n(10);
        let c04 = if bad == 0 {
            50
        } else {
            at_most(bad, children, 1000, &[(1, 1, 25), (2, 1, 10)], 0)
        };
        let c05 = if d(1) == 0 { 50 } else { 0 }
            + at_most(n(11), children, 100_000, &[(550, 1, 50), (800, 1, 25)], 0);
        let c06 = at_least(n(13), n(12), &[(95, 50), (90, 25)], 0).unwrap_or(50)
            + if d(2) == 0 || d(3) == d(2) { 75 } else { 0 };
        let c07 = at_least(n(15), n(14), &[(98, 50), (95, 30), (90, 15)], 0).unwrap_or(50);
        let low = |part, whole, a: u64, b: u64| {
            if whole == 0 {
                0
            } else {
                at_most(part, whole, 100, &[(a, 1, 50), (b, 1, 25)], 0)
            }
        };
        let c08 = low(n(17), n(16), 10, 15) + low(n(18), n(16), 20, 25);
        let c09 = at_least(n(20), n(19), &[(90, 50), (80, 30), (70, 15)], 0).unwrap_or(0);
        let c10 = at_least(n(22), n(21), &[(99, 40), (95, 20)], 0).unwrap_or(40)
            + at_least(n(24), n(23), &[(99, 45), (95, 25)], 0).unwrap_or(45)
            + at_least(n(26), n(25), &[(95, 40), (90, 20)], 0).unwrap_or(40);
        let c11 = if n(27) >= 1 { 25 } else { 0 }
            + if b(28) { 15 } else { 0 }
            + if n(29) >= 1 { 10 } else { 0 };
        let c12 = if b(30) { 25 } else { 0 }
            + if n(31) >= 3 {
                25
            } else if n(31) >= 1 {
                10
            } else {
                0
            };
        let survey =
            |part, whole| at_least(part, whole, &[(80, 25), (70, 15), (60, 5)], 0).unwrap_or(0);
        let c13 = survey(n(33), n(32)) + survey(n(35), n(34));
        [
            c01, c02, c03, c04, c05, c06, c07, c08, c09, c10, c11, c12, c13,
        ]
    }

    /// The total.
    pub fn total(&self, ev: &Evidence) -> u32 {
        self.criteria(ev).iter().sum()
    }
}
