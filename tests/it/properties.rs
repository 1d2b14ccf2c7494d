//! Properties that hold for every valid unit, checked on generated evidence.

use crate::support::native::Native;
use crate::support::{UnitSpec, evaluator, evidence, random_spec};
use cfc::criteria::{InputType, Lever};
use cfc::{Evaluator, Points, UnitResult};
use proptest::prelude::*;
use std::path::PathBuf;
use std::sync::OnceLock;

/// A generated unit's result, checked on the way to be, trace included, what every script
/// run by rhai gives: the native evaluators are proven on every unit these properties make.
fn evaluate(spec: &UnitSpec) -> UnitResult {
    evaluate_ev(&evidence(&spec.text(12345)))
}

fn evaluate_ev(ev: &cfc::Evidence) -> UnitResult {
    let r = evaluator().evaluate(ev).expect("evaluates");
    assert_eq!(
        r,
        rhai_only().evaluate(ev).expect("evaluates in rhai"),
        "{}",
        ev.unit().code
    );
    r
}

/// The shared evaluator with every script run by rhai.
fn rhai_only() -> &'static Evaluator {
    static E: OnceLock<Evaluator> = OnceLock::new();
    E.get_or_init(|| evaluator().rhai_only())
}

/// Every round folder of the fixtures and the test sets evaluates to the same results, trace
/// included, with the native evaluators and with every script in rhai.
#[test]
fn every_round_gives_the_same_trace_natively_and_in_rhai() {
    let mut dirs: Vec<PathBuf> = Vec::new();
    for parent in ["fixtures", "tests/data"] {
        for entry in std::fs::read_dir(parent).unwrap().flatten() {
            let path = entry.path();
            dirs.push(path.clone());
            dirs.push(path.join("round"));
        }
    }
    dirs.sort();
    let mut units = 0;
    for dir in dirs.iter().filter(|d| d.join("round.toml").is_file()) {
        let Ok(round) = cfc::Round::load(dir) else {
            continue;
        };
        let rhai = round.evaluator.rhai_only();
        for (ev, native) in round
            .units
            .iter()
            .zip(round.evaluator.evaluate_all(&round.units))
        {
            let by_rhai = rhai.evaluate(ev);
            match (native, by_rhai) {
                (Ok(a), Ok(b)) => assert_eq!(a, b, "{} {}", dir.display(), ev.unit().code),
                (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "{}", dir.display()),
                (a, b) => panic!("{}: {a:?} natively, {b:?} in rhai", dir.display()),
            }
            units += 1;
        }
    }
    assert!(units > 100, "{units} units compared");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Totals are the sum of criteria, criteria the sum of indicators, all within [0, max].
    #[test]
    fn totals_add_up_and_points_stay_in_range(seed in any::<u64>()) {
        let r = evaluate(&random_spec(seed));
        let sum: Points = r.criteria.iter().map(|c| c.points).sum();
        prop_assert_eq!(r.total, sum);
        for c in &r.criteria {
            let s: Points = c.indicators.iter().map(|i| i.points).sum();
            prop_assert_eq!(c.points, s);
            prop_assert!(c.points <= c.max);
            for i in &c.indicators {
                prop_assert!(i.points <= i.max, "{} {} > {}", i.id, i.points, i.max);
            }
        }
        prop_assert_eq!(r.recognised, r.reasons.is_empty());
    }

    /// The scripted engine agrees, criterion by criterion, with the hand-written rules.
    #[test]
    fn scripts_agree_with_the_native_rules(seed in any::<u64>()) {
        let ev = evidence(&random_spec(seed).text(1));
        let r = evaluate_ev(&ev);
        let native = Native::new(evaluator().criteria()).criteria(&ev);
        let engine: Vec<String> = r.criteria.iter().map(|c| c.points.to_string()).collect();
        let expected: Vec<String> = native.iter().map(u32::to_string).collect();
        prop_assert_eq!(engine, expected);
    }

    /// Moving any lever in its helpful direction, within its bounds, never lowers the total.
    #[test]
    fn levers_never_lower_the_total(seed in any::<u64>(), step in 1u64..400, pick in any::<prop::sample::Index>()) {
        let spec = random_spec(seed);
        let set = evaluator().criteria();
        let levers: Vec<_> = set.inputs().iter().filter(|i| i.lever.is_some()).collect();
        let input = pick.get(&levers);
        let mut better = spec.clone();
        let now = spec.get(&input.name).to_string();
        let moved = match (input.ty, input.lever) {
            (InputType::Bool, _) => "true".to_string(),
            (_, Some(Lever::Up)) => {
                let cap = input.at_most.as_ref().map_or(u64::MAX, |w| spec.get(w).parse().unwrap());
                (now.parse::<u64>().unwrap().saturating_add(step)).min(cap).to_string()
            }
            _ => {
                let floor = if input.at_least.is_some() { now.parse::<u64>().unwrap() } else { 0 };
                now.parse::<u64>().unwrap().saturating_sub(step).max(floor).to_string()
            }
        };
        better.set(&input.name, moved.clone());
        let (before, after) = (evaluate(&spec), evaluate(&better));
        prop_assert!(after.total >= before.total, "{}: {} → {} lowered {} → {}", input.name, now, moved, before.total, after.total);
    }

    /// Incidents dated outside the period are shown but change no point and no decision.
    #[test]
    fn incidents_outside_the_period_change_nothing(seed in any::<u64>(), kinds in prop::collection::vec(0usize..10, 1..5), after in any::<bool>()) {
        let spec = random_spec(seed);
        let mut more = spec.clone();
        let all = crate::support::incident_kinds();
        for (i, k) in kinds.iter().enumerate() {
            let date = if after { "2025-01-01" } else { "2023-12-31" };
            more.incidents.push((format!("OUT-{i}"), date.to_string(), all[*k], true, false));
        }
        let (a, b) = (evaluate(&spec), evaluate(&more));
        prop_assert_eq!(&a.criteria, &b.criteria);
        prop_assert_eq!((a.total, a.recognised), (b.total, b.recognised));
        prop_assert_eq!(&a.disqualifiers, &b.disqualifiers);
        prop_assert_eq!(&a.reasons, &b.reasons);
        prop_assert_eq!(b.incidents.iter().filter(|i| !i.in_period).count(), a.incidents.iter().filter(|i| !i.in_period).count() + kinds.len());
    }
}
