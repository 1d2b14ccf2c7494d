//! The analysis of the rules: what a criteria set or a policy does, looked at when it loads,
//! before any unit is evaluated — in the spirit of the completeness and overlap checks of DMN
//! decision tables. A rule that loads may still be wrong in ways no syntax check sees: a step
//! row that can never fire, a threshold of 980 %, a script with no outcome on one branch, a
//! disqualifier that can never hold. Each finding is a located [`Diagnostic`] whose problem
//! says whether it is an error (the rule cannot be right: the set or policy is refused) or a
//! warning (it may be meant: `cfc check` says it, `--deny-warnings` refuses it); see
//! [`crate::diag::Problem::severity`] and `criteria/README.md`.
//!
//! What is looked at:
//! - every step table a script writes as text, read by the parser scoring uses
//!   (`tables`);
//! - every indicator run on a bounded grid of inputs (`grid`): each step's edges, 0, the
//!   maxima, n/a; and every lever moved its way on that grid;
//! - every disqualifier with a script run on made registers (`disqualifiers`);
//! - inputs and derived counts nothing reads, `met` rules that can never hold, a set without
//!   `class_threshold`, derived counts that disagree with the policy about which kinds count.

mod calls;
mod disqualifiers;
mod grid;
mod interval;
mod tables;

pub use grid::{COUNT_CEILING, DERIVED_CEILING, MAX_GRID, MONEY_CEILING};

use std::path::Path;

use crate::base::diag::{Diagnostic, FieldPath, RulesProblem, Severity, Source};
use crate::rules::criteria::{ConditionRule, CriteriaSet};
use crate::rules::policy::Policy;

/// The errors of a list of findings, and its warnings.
pub(crate) fn split(findings: Vec<Diagnostic>) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    findings
        .into_iter()
        .partition(|d| d.problem.severity() == Severity::Error)
}

fn in_script(
    path: &Path,
    text: &str,
    span: &std::ops::Range<usize>,
    p: RulesProblem,
) -> Diagnostic {
    Source::new(path, text).problem(span, FieldPath::whole_file(), p)
}

/// Everything the analysis finds in a criteria set that loaded.
pub(crate) fn of_set(set: &CriteriaSet) -> Vec<Diagnostic> {
    let places = &set.places;
    let file = set.path();
    let mut out = Vec::new();
    let mut k = 0;
    for (c, criterion) in set.criteria().iter().enumerate() {
        for (j, ind) in criterion.indicators.iter().enumerate() {
            let max_at = places.indicator_max.get(k).copied().unwrap_or((1, 1));
            k += 1;
            let calls = calls::step_calls(&ind.text);
            let mut wrong = false;
            for call in &calls {
                let domain = tables::domain(set, &call.compared);
                for p in tables::findings(ind, call, &domain) {
                    wrong |= p.severity() == Severity::Error;
                    out.push(in_script(&ind.script, &ind.text, &call.span, p));
                }
            }
            // A table that cannot be right is said once, not again on every point of the grid.
            if wrong {
                continue;
            }
            for found in grid::probe(set, ind, &calls) {
                out.push(match found {
                    grid::Found::Failed(error, inputs) => Diagnostic::new(
                        &ind.script,
                        (error.line, error.column),
                        FieldPath::whole_file(),
                        RulesProblem::ProbeFailed {
                            rule: crate::base::diag::RuleRef::Indicator(ind.id.to_string()),
                            inputs,
                            detail: error.message,
                        },
                    ),
                    grid::Found::Problem(p @ RulesProblem::ProbeNoOutcome { .. }) => {
                        Diagnostic::new(&ind.script, (1, 1), FieldPath::whole_file(), p)
                    }
                    grid::Found::Problem(p) => Diagnostic::new(
                        file,
                        max_at,
                        FieldPath::from("criteria")
                            .index(c)
                            .key("indicators")
                            .index(j)
                            .key("max_points"),
                        p,
                    ),
                    grid::Found::Lever(name, p) => {
                        let i = set.input_index(&name).unwrap_or(0);
                        Diagnostic::new(
                            file,
                            places.inputs.get(i).copied().unwrap_or((1, 1)),
                            FieldPath::from("inputs").index(i).key("lever"),
                            p,
                        )
                    }
                });
            }
        }
    }
    out.extend(unread(set, &[]));
    // A `met` rule no condition lists still says "not met" on every unit when it cannot hold.
    let listed: Vec<&str> = set
        .conditions()
        .iter()
        .filter_map(|c| match &c.rule {
            ConditionRule::CriteriaMet { criteria } => Some(criteria),
            _ => None,
        })
        .flatten()
        .map(String::as_str)
        .collect();
    for (i, c) in set.criteria().iter().enumerate() {
        if !listed.contains(&c.id.as_str()) && !c.met.holds(c.max_points) {
            out.push(Diagnostic::new(
                file,
                places.criteria.get(i).copied().unwrap_or((1, 1)),
                FieldPath::from("criteria").index(i).key("met"),
                RulesProblem::NeverMet {
                    criterion: c.id.to_string(),
                    met: c.met.to_string(),
                    max_points: c.max_points.value(),
                },
            ));
        }
    }
    if !set.applies_class_threshold() {
        out.push(Diagnostic::new(
            file,
            places.conditions.unwrap_or(places.id),
            FieldPath::from("conditions"),
            RulesProblem::NoClassThreshold,
        ));
    }
    out
}

/// Inputs and derived counts that no indicator script reads, no name of `also` is, and no
/// input is bounded by.
fn unread(set: &CriteriaSet, also: &[&str]) -> Vec<Diagnostic> {
    let read = |name: &str| {
        also.contains(&name)
            || set.indicators().any(|i| i.reads.iter().any(|r| r == name))
            || set
                .inputs()
                .iter()
                .any(|i| i.at_most.as_deref() == Some(name) || i.at_least.as_deref() == Some(name))
    };
    let inputs = set.inputs().iter().enumerate().map(|(i, x)| {
        (
            x.name.as_str(),
            false,
            set.places.inputs.get(i),
            FieldPath::from("inputs").index(i),
        )
    });
    let derived = set.derived().iter().enumerate().map(|(i, d)| {
        (
            d.name.as_str(),
            true,
            set.places.derived.get(i),
            FieldPath::from("derived").index(i),
        )
    });
    inputs
        .chain(derived)
        .filter(|(name, ..)| !read(name))
        .map(|(name, derived, at, field)| {
            Diagnostic::new(
                set.path(),
                at.copied().unwrap_or((1, 1)),
                field.key("name"),
                RulesProblem::InputUnread {
                    name: name.to_string(),
                    derived,
                },
            )
        })
        .collect()
}

/// Everything the analysis finds in a policy that loaded, against its set.
pub(crate) fn of_policy(policy: &Policy, set: &CriteriaSet) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let declared: Vec<&str> = set
        .incident_kinds()
        .iter()
        .chain(policy.incident_kinds())
        .map(|k| k.id.id())
        .collect();
    for (i, d) in policy.disqualifiers().iter().enumerate() {
        let Some(c) = &d.condition else { continue };
        let at = FieldPath::from("disqualifiers").index(i);
        let script_at = policy.places.scripts.get(i).copied().flatten();
        for found in disqualifiers::of_disqualifier(set, policy, d, &declared) {
            out.push(match found {
                disqualifiers::Found::AtScript(p) => Diagnostic::new(
                    policy.path(),
                    script_at.unwrap_or((1, 1)),
                    at.key("script"),
                    p,
                ),
                disqualifiers::Found::InScript(span, p) => in_script(&c.path, &c.text, &span, p),
                disqualifiers::Found::Failed(e, p) => {
                    Diagnostic::new(&c.path, (e.line, e.column), FieldPath::whole_file(), p)
                }
            });
        }
    }
    for (i, p) in disqualifiers::disagreements(set, policy) {
        out.push(Diagnostic::new(
            set.path(),
            set.places.derived.get(i).copied().unwrap_or((1, 1)),
            FieldPath::from("derived").index(i).key("kinds"),
            p,
        ));
    }
    out
}

/// The warnings of a set and its policy together: the set's (less the inputs only the policy's
/// scripts read) and the policy's. What `cfc check` prints and a round keeps.
///
/// ```
/// let set = cfc::CriteriaSet::load("criteria/qd-06-2019.toml").unwrap();
/// let policy = cfc::Policy::load("criteria/son-ha-2024.toml", &set).unwrap();
/// assert!(cfc::rules::analysis::warnings(&set, Some(&policy)).is_empty());
/// ```
pub fn warnings(set: &CriteriaSet, policy: Option<&Policy>) -> Vec<Diagnostic> {
    let read_by_policy: Vec<String> = policy
        .into_iter()
        .flat_map(|p| p.disqualifiers())
        .filter_map(|d| d.condition.as_ref())
        .flat_map(|c| {
            crate::script::identifiers(&c.text)
                .into_iter()
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .collect();
    let mut out: Vec<Diagnostic> = set
        .warnings()
        .iter()
        .filter(|d| {
            !matches!(&d.problem, crate::base::diag::Problem::Rules(RulesProblem::InputUnread { name, .. })
                if read_by_policy.contains(name))
        })
        .cloned()
        .collect();
    out.extend(
        policy
            .into_iter()
            .flat_map(|p| p.warnings().iter().cloned()),
    );
    out
}
