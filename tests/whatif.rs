//! `whatif`: the changes it proposes, applied to the evidence file, give recognition.

mod support;

use cfc::evidence::Value;
use cfc::whatif::{WhatIf, whatif};
use cfc::{Evidence, Round};

/// The evidence text with each change written into its `input = value` line, as a clerk would.
fn apply(text: &str, answer: &WhatIf) -> String {
    text.lines()
        .map(|line| {
            let name = line.split('=').next().unwrap_or("").trim();
            match answer.changes.iter().find(|c| c.input == name) {
                Some(c) => format!(
                    "{name} = {}",
                    match c.to {
                        Value::Number(n) => n.to_string(),
                        Value::Bool(b) => b.to_string(),
                        Value::Decimal(d) => d.to_string(),
                    }
                ),
                None => line.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Checks one unit: an achievable answer, applied, is recognised; changes listed despite a
/// disqualifier lift every condition but the disqualifiers.
fn check(path: &str, text: &str, year: u16) -> WhatIf {
    let evaluator = support::evaluator();
    let ev = Evidence::parse(path, text, evaluator.criteria(), Some(year)).unwrap();
    let answer = whatif(evaluator, &ev).unwrap();
    let changed = Evidence::parse(
        path,
        &apply(text, &answer),
        evaluator.criteria(),
        Some(year),
    )
    .unwrap_or_else(|e| panic!("{path}: the changes break the evidence: {e}"));
    let after = evaluator.evaluate(&changed).unwrap();
    if answer.achievable {
        assert!(
            after.recognised,
            "{path}: achievable, but {:?}",
            after.reasons
        );
        assert_eq!(after.total, answer.total_after, "{path}");
    }
    if !answer.changes.is_empty() {
        assert!(
            after.reasons.iter().all(|r| r.starts_with("disqualifier")),
            "{path}: {:?}",
            after.reasons
        );
    }
    answer
}

#[test]
fn fixture_answers_are_reviewed_snapshots_and_hold_when_applied() {
    let round = Round::load("fixtures/son-ha-2024").unwrap();
    let mut answers = Vec::new();
    for ev in &round.units {
        let text = std::fs::read_to_string(ev.source()).unwrap();
        let answer = check(&ev.source().display().to_string(), &text, 2024);
        if !round.evaluator.evaluate(ev).unwrap().recognised {
            answers.push(answer);
        } else {
            assert!(
                answer.achievable && answer.changes.is_empty(),
                "{}",
                ev.unit().code
            );
        }
    }
    assert_eq!(answers.len(), 5);
    insta::assert_snapshot!(
        "fixture-answers",
        serde_json::to_string_pretty(&answers).unwrap()
    );
}

#[test]
fn generated_answers_hold_when_applied() {
    let (mut achievable, mut refused) = (0, 0);
    for seed in 0..300u64 {
        let text = support::random_unit(50_000 + seed, seed);
        let answer = check(&format!("generated-{seed}.toml"), &text, 2024);
        if answer.achievable && !answer.changes.is_empty() {
            achievable += 1;
        } else if !answer.achievable {
            refused += 1;
        }
    }
    // The generator spreads units widely: both outcomes must be well represented.
    assert!(
        achievable >= 30 && refused >= 30,
        "achievable {achievable}, refused {refused}"
    );
}
