//! `cfc check`.

use std::path::Path;

use cfc::{CriteriaSet, Policy, Round};

use super::{Status, report_problems, report_round_error};

fn describe(set: &CriteriaSet, policy: Option<&Policy>) {
    let indicators = set.indicators().count();
    println!(
        "criteria set {} — {}: {} criteria, {indicators} indicators, {} inputs, {} points",
        set.id(),
        set.title().vi,
        set.criteria().len(),
        set.inputs().len(),
        set.max_points()
    );
    let classes: Vec<String> = set
        .classes()
        .iter()
        .map(|c| format!("{} {}", c.id, c.threshold))
        .collect();
    println!("thresholds: {}", classes.join(", "));
    if let Some(p) = policy {
        let ids: Vec<&str> = p.disqualifiers().iter().map(|d| d.id.as_str()).collect();
        println!("policy {}: disqualifiers {}", p.id(), ids.join(", "));
    }
    let provisional = set.provisional_rules();
    if !provisional.is_empty() {
        println!(
            "provisional rules ({} of {indicators}, not confirmed against the official text): {}",
            provisional.len(),
            provisional.join(", ")
        );
    }
}

pub(crate) fn run(round: Option<&Path>, criteria: Option<&Path>, policy: Option<&Path>) -> Status {
    if let Some(path) = criteria {
        let loaded = CriteriaSet::load(path)
            .map_err(|e| e.diagnostics())
            .and_then(|set| {
                let policy = policy
                    .map(|p| Policy::load(p, &set))
                    .transpose()
                    .map_err(|e| e.diagnostics())?;
                Ok((set, policy))
            });
        return match loaded {
            Ok((set, policy)) => {
                describe(&set, policy.as_ref());
                println!("ok");
                Status::Ok
            }
            Err(problems) => {
                report_problems(&problems);
                Status::RuleErrors
            }
        };
    }
    let Some(dir) = round else {
        return Status::RuleErrors;
    };
    match Round::load(dir) {
        Err(e) => {
            report_round_error(&e);
            Status::RuleErrors
        }
        Ok(round) => {
            describe(round.evaluator.criteria(), round.evaluator.policy());
            report_problems(&round.errors);
            let mut bad: Vec<_> = round.errors.iter().map(|e| &e.file).collect();
            bad.dedup();
            println!(
                "{} unit file(s) valid, {} file(s) with {} problem(s)",
                round.units.len(),
                bad.len(),
                round.errors.len()
            );
            if round.errors.is_empty() {
                Status::Ok
            } else {
                Status::InputErrors
            }
        }
    }
}
