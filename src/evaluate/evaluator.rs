//! The evaluator: a criteria set and a policy loaded once, applied to many units.

use std::sync::OnceLock;

use rayon::prelude::*;

use crate::base::date::{Date, Period};
use crate::base::label::LabelList;
use crate::base::points::Points;
use crate::evaluate::decide::{self, DerivedTrace, IncidentTrace, IncidentWindow, UnitResult};
use crate::evaluate::score;
use crate::evidence::{Evidence, Incident};
use crate::rules::criteria::CriteriaSet;
use crate::rules::policy::{DisqualifierHit, Policy};

pub use crate::rules::policy::EvalError;

/// Why an evaluator could not be built.
#[derive(Debug, thiserror::Error)]
#[error("policy {policy} was compiled against criteria set {policy_criteria}, not {criteria}")]
pub struct MismatchError {
    pub(crate) policy: String,
    pub(crate) policy_criteria: String,
    pub(crate) criteria: String,
}

/// A criteria set and an optional local policy, ready to evaluate units.
///
/// Scripts were compiled when the set was loaded; evaluating a unit only runs them.
///
/// ```
/// use cfc::{CriteriaSet, Evaluator, Evidence, Policy};
///
/// let set = CriteriaSet::load("criteria/qd-06-2019.toml")?;
/// let policy = Policy::load("criteria/son-ha-2024.toml", &set)?;
/// let evaluator = Evaluator::new(set, Some(policy))?;
///
/// let ev = Evidence::load("fixtures/son-ha-2024/di-lang.toml", evaluator.criteria(), Some(2024))?;
/// let result = evaluator.evaluate(&ev)?;
/// assert_eq!(result.name, "Di Lăng");
/// println!("{} {} / {}: {}", result.name, result.total, result.threshold, result.recognised);
/// for reason in &result.reasons {
///     println!("  {reason}");
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Evaluator {
    criteria: CriteriaSet,
    policy: Option<Policy>,
    decision_date: Option<Date>,
    /// The set's provisional rules, which every unit's result lists: found and interned once,
    /// so that each unit copies a pointer.
    provisional: LabelList,
    /// Where each reading of a unit's trace comes from, in order: found once, not per unit.
    reads: score::ReadPlan,
    /// The policy's windows for the period of the first unit that had them: the units of a
    /// round share their period, so each finds them here instead of working them out again.
    windows: OnceLock<(Period, Vec<Period>)>,
}

impl Evaluator {
    /// Pairs a set with a policy compiled against it.
    pub fn new(criteria: CriteriaSet, policy: Option<Policy>) -> Result<Evaluator, MismatchError> {
        if let Some(p) = &policy
            && p.criteria_id() != criteria.id()
        {
            return Err(MismatchError {
                policy: p.id().to_string(),
                policy_criteria: p.criteria_id().to_string(),
                criteria: criteria.id().to_string(),
            });
        }
        // Evidence validated against this evaluator's set may record the policy's kinds.
        let criteria = match &policy {
            Some(p) => criteria.extended_by(p.incident_kinds()),
            None => criteria,
        };
        Ok(Evaluator {
            provisional: LabelList::interned(&criteria.provisional_rules()),
            reads: score::ReadPlan::of(&criteria),
            criteria,
            policy,
            decision_date: None,
            windows: OnceLock::new(),
        })
    }

    /// The same evaluator with the round's decision date, which a disqualifier whose window
    /// counts back from it needs ([`crate::rules::policy::Window::MonthsBeforeDecision`]); without
    /// one, evaluating under such a policy is an error naming the disqualifier.
    /// [`crate::Round::load`] sets it from `round.toml`.
    pub fn with_decision_date(mut self, date: Date) -> Evaluator {
        self.decision_date = Some(date);
        // Windows that count back from the decision date change with it.
        self.windows = OnceLock::new();
        self
    }

    /// The decision date windows count back from, if one was given.
    pub fn decision_date(&self) -> Option<Date> {
        self.decision_date
    }

    /// The same evaluator with every indicator's script run by rhai
    /// ([`CriteriaSet::rhai_only`]): the reference its native evaluators are proven against.
    pub fn rhai_only(&self) -> Evaluator {
        Evaluator {
            criteria: self.criteria.clone().rhai_only(),
            policy: self.policy.clone(),
            decision_date: self.decision_date,
            provisional: self.provisional.clone(),
            reads: self.reads.clone(),
            windows: self.windows.clone(),
        }
    }

    /// The criteria set.
    pub fn criteria(&self) -> &CriteriaSet {
        &self.criteria
    }

    /// The policy, if any.
    pub fn policy(&self) -> Option<&Policy> {
        self.policy.as_ref()
    }

    /// Scores one unit and decides, with the full trace.
    pub fn evaluate(&self, ev: &Evidence) -> Result<UnitResult, EvalError> {
        crate::script::within_deadline(ev.incidents().len(), || self.evaluate_in_time(ev))
    }

    fn evaluate_in_time(&self, ev: &Evidence) -> Result<UnitResult, EvalError> {
        let set = &self.criteria;
        let worked_out;
        let windows: &[Period] = match (&self.policy, self.windows.get()) {
            (Some(_), Some((period, kept))) if *period == ev.period() => kept,
            (Some(p), kept) => {
                worked_out = p.windows(ev.period(), self.decision_date)?;
                if kept.is_none() {
                    // Another thread may have kept the same windows first: equal either way.
                    let _ = self.windows.set((ev.period(), worked_out.clone()));
                }
                &worked_out
            }
            (None, _) => &[],
        };
        let mut scope = score::LazyScope::new(set, ev)?;
        let criteria = score::score_in(set, ev, &mut scope, &self.reads)?;
        let hits = match &self.policy {
            Some(p) => p.check_in(ev, &mut scope, windows)?,
            None => Vec::new(),
        };
        let unit = ev.unit();
        let threshold = set
            .class(&unit.class)
            .map_or(set.max_points(), |c| c.threshold);
        let total: Points = criteria.iter().map(|c| c.points).sum();
        let failures = decide::failures(set, &criteria, total, threshold, &hits, ev);
        let period = ev.period();
        let incidents = ev
            .incidents()
            .iter()
            .map(|i| IncidentTrace {
                id: i.id.clone(),
                date: i.date,
                kind: i.kind.clone(),
                fatal: i.fatal,
                support_plan_approved: i.support_plan_approved,
                support_plan_approved_by: i.support_plan_approved_by,
                support_plan_approved_on: i.support_plan_approved_on,
                in_period: period.contains(i.date),
                windows: self.judged(i, windows, &hits),
            })
            .collect();
        Ok(UnitResult {
            code: unit.code.clone(),
            name: unit.name.clone(),
            class: unit.class.clone(),
            total,
            threshold,
            recognised: failures.is_empty(),
            criteria,
            disqualifiers: hits,
            reasons: failures.iter().map(decide::Failure::words).collect(),
            provisional_rules: self.provisional.clone(),
            kind: unit.kind.clone(),
            synthetic: unit.synthetic,
            period,
            failures,
            incidents,
            derived: set
                .derived()
                .iter()
                .zip(ev.derived())
                .map(|(d, c)| DerivedTrace {
                    name: d.name.clone(),
                    value: c.value,
                    incidents: c.incidents.clone(),
                })
                .collect(),
            // As `display()` writes it, without its formatting machinery for the usual UTF-8 path.
            evidence_file: ev
                .source()
                .to_str()
                .map_or_else(|| ev.source().display().to_string(), str::to_owned),
            evidence_sha256: ev.sha256().to_string(),
        })
    }

    /// How each disqualifier's window judged an incident — only when the policy looks beyond
    /// the period: otherwise `in_period` and the hits say it all, and the trace stays as it was.
    fn judged(
        &self,
        incident: &Incident,
        windows: &[Period],
        hits: &[DisqualifierHit],
    ) -> Vec<IncidentWindow> {
        let Some(policy) = self.policy.as_ref().filter(|p| p.has_other_windows()) else {
            return Vec::new();
        };
        policy
            .disqualifiers()
            .iter()
            .zip(windows)
            .map(|(d, span)| IncidentWindow {
                disqualifier: d.id.clone(),
                window: d.window,
                from: span.from,
                to: span.to,
                inside: span.contains(incident.date),
                counted: hits
                    .iter()
                    .any(|h| h.id == d.id && h.incidents.contains(&incident.id)),
            })
            .collect()
    }

    /// Evaluates many units in parallel; results keep the order of the input.
    pub fn evaluate_all(&self, evidence: &[Evidence]) -> Vec<Result<UnitResult, EvalError>> {
        evidence.par_iter().map(|ev| self.evaluate(ev)).collect()
    }
}
