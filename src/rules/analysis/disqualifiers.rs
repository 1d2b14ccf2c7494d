//! A policy's disqualifiers looked at before any unit is: a script that holds with no incident,
//! one that holds on no register of its own kinds, one that names a kind its `kinds` filter
//! never lets through; and derived counts of the set that disagree with a disqualifier about
//! which kinds count together.
//!
//! A script is run on registers the analysis makes: no incident; one incident of each of its
//! kinds, fatal or not, without a support plan or with one approved by each office, on the set's
//! first day and on every date the script writes (and the days around them); all of these at
//! once, as many times as `at_least` asks. Each register is tried with three sets of inputs: every input at its
//! smallest, at a middle value, and at its largest.

use std::collections::BTreeSet;
use std::ops::Range;

use super::grid::{Val, Var};
use crate::base::date::Date;
use crate::base::diag::{ProbeValue, RuleRef, RulesProblem};
use crate::base::fault::{EvalError, ScriptError};
use crate::form::Role;
use crate::rules::criteria::{CriteriaSet, IncidentKind};
use crate::rules::policy::{Condition, Disqualifier, Policy};
use crate::rules::register::Incident;

/// What the analysis finds in one disqualifier: a problem of the disqualifier (at its `script`
/// field), one located in its script, or a run-time error.
pub(super) enum Found {
    AtScript(RulesProblem),
    InScript(Range<usize>, RulesProblem),
    Failed(ScriptError, RulesProblem),
}

/// The three sets of inputs a condition is tried with: every variable at its smallest, at its
/// second value, at its largest.
fn input_sets(set: &CriteriaSet) -> Vec<Vec<(String, Val)>> {
    let vars: Vec<Var> = set
        .inputs()
        .iter()
        .map(Var::Input)
        .chain(set.derived().iter().map(Var::Derived))
        .collect();
    let pick = |which: fn(&[Val]) -> Option<&Val>| {
        vars.iter()
            .filter_map(|v| which(&v.base()).map(|x| (v.name().to_string(), *x)))
            .collect::<Vec<_>>()
    };
    vec![pick(|b| b.first()), pick(|b| b.get(1)), pick(|b| b.last())]
}

/// Dates a condition may turn on: the set's first day, and every `YYYY-MM-DD` the script
/// writes with the days around it.
fn dates(set: &CriteriaSet, text: &str) -> Vec<Date> {
    let mut out = vec![set.effective()];
    for (_, s) in crate::script::string_literals(text) {
        if let Ok(d) = s.parse::<Date>() {
            out.extend(d.day_before());
            out.push(d);
            out.extend(d.day_after());
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The registers of incidents a condition is tried on (never the empty one).
fn registers(
    set: &CriteriaSet,
    d: &Disqualifier,
    kinds: &[IncidentKind],
    text: &str,
) -> Vec<Vec<Incident>> {
    let fatal: &[bool] = match d.fatal {
        Some(true) => &[true],
        Some(false) => &[false],
        None => &[false, true],
    };
    let mut each = Vec::new();
    for kind in kinds {
        for &f in fatal {
            // No plan; or a plan approved by each office, on the incident's day.
            let plans = std::iter::once(None).chain(Role::ALL.into_iter().map(Some));
            for by in plans {
                for date in dates(set, text) {
                    each.push(Incident {
                        id: format!("P-{}", each.len() + 1),
                        date,
                        kind: kind.clone(),
                        fatal: f,
                        support_plan_approved: by.is_some(),
                        support_plan_approved_by: by,
                        support_plan_approved_on: by.map(|_| date),
                    });
                }
            }
        }
    }
    let mut all = Vec::new();
    for copy in 0..d.at_least.max(1) {
        for i in &each {
            all.push(Incident {
                id: format!("{}-{copy}", i.id),
                ..i.clone()
            });
        }
    }
    let mut out: Vec<Vec<Incident>> = each.into_iter().map(|i| vec![i]).collect();
    out.push(all);
    out
}

/// The values of the inputs a condition reads, as a problem names them.
fn read_values(text: &str, inputs: &[(String, Val)]) -> Vec<ProbeValue> {
    let names = crate::script::identifiers(text);
    inputs
        .iter()
        .filter(|(n, _)| names.contains(n.as_str()))
        .map(|(n, v)| ProbeValue {
            name: n.clone(),
            value: v.shown(),
        })
        .collect()
}

/// Whether the condition holds on a register with these inputs; a failure as a finding.
fn holds(
    policy: &Policy,
    d: &Disqualifier,
    c: &Condition,
    register: &[Incident],
    inputs: &[(String, Val)],
) -> Result<bool, Found> {
    let mut scope = rhai::Scope::new();
    for (name, v) in inputs {
        scope.push_constant_dynamic(name.clone(), v.dynamic());
    }
    let selected: Vec<&Incident> = register.iter().collect();
    let ran = crate::script::within_deadline(register.len(), || {
        d.run_condition(&policy.engine, c, &selected, &mut scope)
    });
    match ran {
        Ok(held) => Ok(held.is_some()),
        Err(EvalError::Disqualifier { error, .. }) => {
            let mut values = read_values(&c.text, inputs);
            values.push(ProbeValue {
                name: "incidents".into(),
                // The register's kinds and flags, as a list: `[]` when empty.
                value: format!(
                    "[{}]",
                    register
                        .iter()
                        .map(|i| {
                            format!(
                                "{}{}{}",
                                i.kind.id(),
                                if i.fatal { " fatal" } else { "" },
                                if i.support_plan_approved {
                                    " support_plan_approved"
                                } else {
                                    ""
                                }
                            )
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
            let problem = RulesProblem::ProbeFailed {
                rule: RuleRef::Disqualifier(d.id.clone()),
                inputs: values,
                detail: error.message.clone(),
            };
            Err(Found::Failed(error, problem))
        }
        // A condition's run fails only in its script.
        Err(_) => Ok(false),
    }
}

/// Every finding of one disqualifier with a script.
pub(super) fn of_disqualifier(
    set: &CriteriaSet,
    policy: &Policy,
    d: &Disqualifier,
    declared: &[&str],
) -> Vec<Found> {
    let Some(c) = &d.condition else {
        return Vec::new();
    };
    let mut out = Vec::new();
    // A kind the script names that its filter never lets through.
    if let Some(kinds) = &d.kinds {
        let lets: Vec<String> = kinds.iter().map(|k| k.id().to_string()).collect();
        for (span, named) in crate::script::string_literals(&c.text) {
            if declared.contains(&named) && !lets.iter().any(|k| k == named) {
                out.push(Found::InScript(
                    span,
                    RulesProblem::ScriptKindExcluded {
                        disqualifier: d.id.clone(),
                        named: named.to_string(),
                        kinds: lets.clone(),
                    },
                ));
            }
        }
    }
    let inputs = input_sets(set);
    // With no incident at all.
    let mut without = Vec::new();
    for values in &inputs {
        match holds(policy, d, c, &[], values) {
            Ok(held) => without.push(held),
            Err(found) => {
                out.push(found);
                return out;
            }
        }
    }
    if without.iter().all(|h| *h) {
        out.push(Found::AtScript(
            RulesProblem::DisqualifierHoldsWithoutIncidents {
                disqualifier: d.id.clone(),
                inputs: Vec::new(),
            },
        ));
        return out;
    }
    if let Some(i) = without.iter().position(|h| *h) {
        out.push(Found::AtScript(
            RulesProblem::DisqualifierHoldsWithoutIncidents {
                disqualifier: d.id.clone(),
                inputs: read_values(&c.text, &inputs[i]),
            },
        ));
    }
    // On registers of its own kinds.
    let kinds: Vec<IncidentKind> = match &d.kinds {
        Some(k) => k.clone(),
        None => set
            .incident_kinds()
            .iter()
            .chain(policy.incident_kinds())
            .map(|k| k.id.clone())
            .collect(),
    };
    for register in registers(set, d, &kinds, &c.text) {
        for values in &inputs {
            match holds(policy, d, c, &register, values) {
                Ok(true) => return out,
                Ok(false) => {}
                Err(found) => {
                    out.push(found);
                    return out;
                }
            }
        }
    }
    out.push(Found::AtScript(RulesProblem::DisqualifierNeverHolds {
        disqualifier: d.id.clone(),
        kinds: kinds.iter().map(|k| k.id().to_string()).collect(),
    }));
    out
}

/// A derived count and a disqualifier that share kinds while each looks at kinds the other
/// leaves out (the policy's own kinds aside, which the set cannot count): `(derived index,
/// problem)`.
pub(super) fn disagreements(set: &CriteriaSet, policy: &Policy) -> Vec<(usize, RulesProblem)> {
    let of_set: BTreeSet<&str> = set.incident_kinds().iter().map(|k| k.id.id()).collect();
    let mut out = Vec::new();
    for (i, derived) in set.derived().iter().enumerate() {
        let counts: BTreeSet<&str> = derived.kinds.iter().map(|k| k.id()).collect();
        for d in policy.disqualifiers() {
            let Some(kinds) = &d.kinds else { continue };
            let looks: BTreeSet<&str> = kinds
                .iter()
                .map(|k| k.id())
                .filter(|k| of_set.contains(k))
                .collect();
            let missing: Vec<String> = looks.difference(&counts).map(|k| k.to_string()).collect();
            let extra: Vec<String> = counts.difference(&looks).map(|k| k.to_string()).collect();
            if counts.intersection(&looks).next().is_some()
                && !missing.is_empty()
                && !extra.is_empty()
            {
                out.push((
                    i,
                    RulesProblem::DerivedKindsDisagree {
                        derived: derived.name.to_string(),
                        disqualifier: d.id.clone(),
                        missing,
                        extra,
                    },
                ));
            }
        }
    }
    out
}
