//! The local disqualifiers applied to a unit: which incidents of the register each one sees
//! (its window, its declarative filter) and whether it holds, its script run in the sandbox.

use crate::base::date::{Date, Period};
use crate::evidence::{Evidence, Incident};
use crate::rules::criteria::CriteriaSet;
use crate::rules::policy::{
    Disqualifier, DisqualifierHit, EvalError, OPERATIONS_PER_INCIDENT, Policy, SHARED_REGISTER,
    register_incident,
};
use crate::script;

impl Policy {
    /// The disqualifiers that hold for a unit, in policy order, with their incidents;
    /// `decision_date` is the round's, which windows counted from it need.
    pub fn check(
        &self,
        set: &CriteriaSet,
        ev: &Evidence,
        decision_date: Option<Date>,
    ) -> Result<Vec<DisqualifierHit>, EvalError> {
        let windows = self.windows(ev.period(), decision_date)?;
        let mut scope = super::score::LazyScope::new(set, ev)?;
        script::within_deadline(ev.incidents().len(), || {
            self.check_in(ev, &mut scope, &windows)
        })
    }

    /// Checks with the evaluator's scope (the unit's inputs and derived counts already in it)
    /// and the days of each disqualifier's window ([`Policy::windows`]).
    pub(crate) fn check_in(
        &self,
        ev: &Evidence,
        scope: &mut super::score::LazyScope,
        windows: &[Period],
    ) -> Result<Vec<DisqualifierHit>, EvalError> {
        let with_windows = || self.disqualifiers().iter().zip(windows);
        // The register may be longer than any array a script may build; a unit with such a
        // register gets an engine whose array limit makes room for it (rare: a year's register
        // is far below the limit), so the evidence never counts against the script. Only a
        // condition's script sees the array: a declarative disqualifier counts and needs none.
        let longest = with_windows()
            .filter(|(d, _)| d.condition.is_some())
            .map(|(d, window)| selected(ev, d, *window).count())
            .max()
            .unwrap_or(0);
        let roomy;
        let engine = if longest > SHARED_REGISTER {
            let mut e = script::sandbox();
            register_incident(&mut e);
            let n = longest;
            e.set_max_array_size(script::MAX_ARRAY_SIZE + n)
                .set_max_operations(script::MAX_OPERATIONS + OPERATIONS_PER_INCIDENT * n as u64);
            roomy = e;
            &roomy
        } else {
            &*self.engine
        };
        let mut hits = Vec::new();
        for (d, window) in with_windows() {
            // A script always runs: it may hold on the unit's inputs alone.
            let held = match &d.condition {
                None => {
                    let ids: Vec<String> = selected(ev, d, *window).map(|i| i.id.clone()).collect();
                    (ids.len() >= d.at_least).then_some(ids)
                }
                Some(c) => {
                    let chosen: Vec<&Incident> = selected(ev, d, *window).collect();
                    d.run_condition(engine, c, &chosen, scope.get())?
                }
            };
            if let Some(incidents) = held {
                hits.push(DisqualifierHit {
                    id: d.id.clone(),
                    incidents,
                });
            }
        }
        Ok(hits)
    }
}

/// The one place that decides which incidents of the register a disqualifier sees: those
/// inside its window that pass its declarative filter.
fn selected<'a>(
    ev: &'a Evidence,
    d: &'a Disqualifier,
    window: Period,
) -> impl Iterator<Item = &'a Incident> {
    ev.incidents()
        .iter()
        .filter(move |i| window.contains(i.date) && d.selects(i))
}
