//! `cfc check`.

use std::fmt::Write;
use std::path::Path;

use cfc::{CriteriaSet, Policy};

use super::{Open, Status, open_round, print, report_problems};

/// What the set and policy hold, as lines of text.
fn describe(set: &CriteriaSet, policy: Option<&Policy>) -> String {
    let mut out = String::new();
    let indicators = set.indicators().count();
    let _ = writeln!(
        out,
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
    let _ = writeln!(out, "thresholds: {}", classes.join(", "));
    if let Some(p) = policy {
        let ids: Vec<&str> = p.disqualifiers().iter().map(|d| d.id.as_str()).collect();
        let _ = writeln!(out, "policy {}: disqualifiers {}", p.id(), ids.join(", "));
    }
    let provisional = set.provisional_rules();
    if !provisional.is_empty() {
        let _ = writeln!(
            out,
            "provisional rules ({} of {indicators}, not confirmed against the official text): {}",
            provisional.len(),
            provisional.join(", ")
        );
    }
    out
}

pub(crate) fn run(
    round: Option<&Path>,
    criteria: Option<&Path>,
    policy: Option<&Path>,
    open: Open,
) -> Status {
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
                let text = describe(&set, policy.as_ref()) + "ok\n";
                print(&text, false).err().unwrap_or(Status::Ok)
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
    match open_round(dir, open) {
        Err(status) => status,
        Ok(round) => {
            let mut text = describe(round.evaluator.criteria(), round.evaluator.policy());
            report_problems(&round.errors);
            let mut bad: Vec<_> = round.errors.iter().map(|e| &e.file).collect();
            bad.dedup();
            let _ = writeln!(
                text,
                "{} unit file(s) valid, {} file(s) with {} problem(s)",
                round.units.len(),
                bad.len(),
                round.errors.len()
            );
            if let Err(status) = print(&text, false) {
                status
            } else if round.errors.is_empty() {
                Status::Ok
            } else {
                Status::InputErrors
            }
        }
    }
}
