//! A unit's evaluation tried again with other values of some inputs, for the what-if search:
//! points and failures only, no trace, and every script run remembered.
//!
//! The search tries thousands of candidates per unit, most of them combinations of the same
//! few values of a few inputs. A script sees only the names it reads (an indicator's `reads`
//! lists every declared name its text names), so an indicator's points are a function of the
//! values it reads: an indicator that reads no changed input keeps its points, and one whose
//! read values were tried before gives the points it gave then, without running again.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;

use rhai::Scope;

use crate::base::points::Points;
use crate::evaluate::decide::{self, Failure, UnitResult};
use crate::evaluate::evaluator::{EvalError, Evaluator};
use crate::evaluate::score;
use crate::evidence::{Evidence, Value};
use crate::rules::criteria::{CriteriaSet, Indicator, VarRef};

/// A value as a script sees it, scale included: `7.5` and `7.50` are equal decimals but need
/// not be the same to a script that prints them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Seen {
    Number(u64),
    Bool(bool),
    Decimal(i128, u32),
}

impl From<Value> for Seen {
    fn from(v: Value) -> Seen {
        match v {
            Value::Number(n) => Seen::Number(n),
            Value::Bool(b) => Seen::Bool(b),
            Value::Decimal(d) => Seen::Decimal(d.mantissa(), d.scale()),
        }
    }
}

/// A candidate scored: each criterion's points, their total, and what refuses recognition.
pub(crate) struct Tried {
    /// Every indicator's points, in the set's order (criterion by criterion).
    pub(crate) indicators: Vec<Points>,
    /// Every criterion's points, in the set's order.
    pub(crate) criteria: Vec<Points>,
    /// Their sum.
    pub(crate) total: Points,
    /// What refuses recognition, the disqualifiers of the unchanged evidence included
    /// (inputs do not change incidents).
    pub(crate) failures: Vec<Failure>,
}

/// One unit's evidence and evaluation, ready to be tried with other input values.
pub(crate) struct Probe<'a> {
    set: &'a CriteriaSet,
    ev: &'a Evidence,
    now: &'a UnitResult,
    /// The unit's inputs and derived counts as the scripts see them, made once; a tried value
    /// shadows its input's constant while one script runs (rhai finds the latest of a name).
    scope: RefCell<Scope<'static>>,
    /// Every indicator of the set, in order, with its criterion's position.
    indicators: Vec<(usize, &'a Indicator)>,
    /// Each criterion's indicators, as positions in `indicators`.
    spans: Vec<Range<usize>>,
    /// For each input, the indicators whose script reads it.
    readers: Vec<Vec<usize>>,
    /// The points of every indicator now.
    base: Vec<Points>,
    /// For each indicator, the points it gave for the values it read.
    memo: RefCell<Vec<HashMap<Vec<Seen>, Points>>>,
}

impl<'a> Probe<'a> {
    /// Prepares `ev`, whose evaluation under `evaluator` is `now`.
    pub(crate) fn new(
        evaluator: &'a Evaluator,
        ev: &'a Evidence,
        now: &'a UnitResult,
    ) -> Result<Probe<'a>, EvalError> {
        let set = evaluator.criteria();
        let scope = score::scope_for(set, ev)?;
        let mut indicators = Vec::new();
        let mut spans = Vec::new();
        let mut readers = vec![Vec::new(); set.inputs().len()];
        for (c, criterion) in set.criteria().iter().enumerate() {
            let start = indicators.len();
            for ind in &criterion.indicators {
                for at in &ind.read_refs {
                    if let VarRef::Input(i) = *at {
                        readers[i].push(indicators.len());
                    }
                }
                indicators.push((c, ind));
            }
            spans.push(start..indicators.len());
        }
        let base = now
            .criteria
            .iter()
            .flat_map(|c| c.indicators.iter().map(|i| i.points))
            .collect();
        Ok(Probe {
            set,
            ev,
            now,
            scope: RefCell::new(scope),
            spans,
            readers,
            base,
            memo: RefCell::new(vec![HashMap::new(); indicators.len()]),
            indicators,
        })
    }

    /// The criteria set.
    pub(crate) fn set(&self) -> &'a CriteriaSet {
        self.set
    }

    /// The evidence tried.
    pub(crate) fn evidence(&self) -> &'a Evidence {
        self.ev
    }

    /// Its evaluation as it is.
    pub(crate) fn now(&self) -> &'a UnitResult {
        self.now
    }

    /// The indicators whose script reads input `index`, as positions in
    /// [`Tried::indicators`].
    pub(crate) fn readers(&self, index: usize) -> &[usize] {
        &self.readers[index]
    }

    /// Indicator `f`'s points now, and the most it can have.
    pub(crate) fn indicator(&self, f: usize) -> (Points, Points) {
        (self.base[f], self.indicators[f].1.max_points)
    }

    /// The evidence with `changes` (input position, value) scored and decided; `None` when
    /// the changes make it invalid evidence.
    pub(crate) fn run(&self, changes: &[(usize, Value)]) -> Result<Option<Tried>, EvalError> {
        let Ok(values) = self.ev.changed_values(self.set, changes) else {
            return Ok(None);
        };
        let mut touched: Vec<usize> = changes
            .iter()
            .flat_map(|&(i, _)| &self.readers[i])
            .copied()
            .collect();
        touched.sort_unstable();
        touched.dedup();
        let mut points = self.base.clone();
        crate::script::within_deadline(self.ev.incidents().len(), || {
            for &f in &touched {
                points[f] = self.points(f, &values, changes)?;
            }
            Ok::<_, EvalError>(())
        })?;
        let criteria: Vec<Points> = self
            .spans
            .iter()
            .map(|span| points[span.clone()].iter().copied().sum())
            .collect();
        let total: Points = criteria.iter().copied().sum();
        let failures = decide::failures_at(
            self.set,
            decide::Scores::points(&criteria),
            total,
            self.now.threshold,
            &self.now.disqualifiers,
            self.ev,
        );
        Ok(Some(Tried {
            indicators: points,
            criteria,
            total,
            failures,
        }))
    }

    /// The points of indicator `f` with the inputs at `values`, of which those at `changes`
    /// differ from the evidence: remembered, or its script run with the changed values
    /// shadowing the evidence's.
    fn points(
        &self,
        f: usize,
        values: &[Value],
        changes: &[(usize, Value)],
    ) -> Result<Points, EvalError> {
        let (_, ind) = self.indicators[f];
        let key: Vec<Seen> = ind
            .read_refs
            .iter()
            .map(|at| match *at {
                VarRef::Input(i) => Seen::from(values[i]),
                VarRef::Derived(i) => Seen::Number(self.ev.derived()[i].value),
            })
            .collect();
        if let Some(&points) = self.memo.borrow()[f].get(key.as_slice()) {
            return Ok(points);
        }
        let mut scope = self.scope.borrow_mut();
        let mark = scope.len();
        for &(i, _) in changes {
            if ind.read_refs.contains(&VarRef::Input(i)) {
                scope.push_constant_dynamic(
                    self.set.inputs()[i].name.clone(),
                    score::dynamic(values[i]),
                );
            }
        }
        let read = |v: usize| {
            ind.read_refs
                .get(v)
                .map_or(crate::script::Slot::Other, |at| {
                    score::slot(match *at {
                        VarRef::Input(i) => values[i],
                        VarRef::Derived(i) => Value::Number(self.ev.derived()[i].value),
                    })
                })
        };
        let points = score::points_of(self.set, &mut scope, ind, &read);
        scope.rewind(mark);
        let points = points?;
        self.memo.borrow_mut()[f].insert(key, points);
        Ok(points)
    }
}

#[cfg(test)]
mod tests {
    use super::Probe;
    use crate::evaluate::round::Round;
    use crate::evidence::Value;

    /// A candidate tried through the probe scores and decides as a whole evaluation of the
    /// changed evidence does: every input of every fixture unit, moved up and down, alone and
    /// in pairs, each tried twice (the second time from memory).
    #[test]
    fn a_probe_is_a_whole_evaluation() {
        let round = Round::load("fixtures/son-ha-2024").unwrap();
        let (evaluator, set) = (&round.evaluator, round.evaluator.criteria());
        let mut compared = 0;
        for ev in &round.units {
            let base = evaluator.evaluate(ev).unwrap();
            let probe = Probe::new(evaluator, ev, &base).unwrap();
            let moved = |i: usize, up: bool| match ev.values()[i] {
                Value::Number(n) => Value::Number(if up { n.saturating_mul(2) + 1 } else { n / 2 }),
                Value::Decimal(d) => Value::Decimal(if up {
                    d + d
                } else {
                    d / rust_decimal::Decimal::TWO
                }),
                Value::Bool(b) => Value::Bool(!b),
            };
            let n = set.inputs().len();
            let mut changes: Vec<Vec<(usize, Value)>> = Vec::new();
            for i in 0..n {
                for up in [true, false] {
                    changes.push(vec![(i, moved(i, up))]);
                    changes.push(vec![
                        (i, moved(i, up)),
                        ((i + 1) % n, moved((i + 1) % n, !up)),
                    ]);
                }
            }
            for change in changes.iter().chain(&changes) {
                let Ok(candidate) = ev.with_values(set, change) else {
                    assert!(probe.run(change).unwrap().is_none(), "{change:?}");
                    continue;
                };
                let whole = evaluator.evaluate(&candidate).unwrap();
                let tried = probe.run(change).unwrap().expect("valid evidence");
                let points: Vec<_> = whole.criteria.iter().map(|c| c.points).collect();
                assert_eq!(tried.criteria, points, "{} {change:?}", whole.code);
                assert_eq!(tried.total, whole.total);
                assert_eq!(tried.failures, whole.failures);
                compared += 1;
            }
        }
        assert!(compared > 1000, "{compared}");
    }
}
