//! What would it take? The smallest change of evidence that makes a unit recognised, found by
//! re-evaluating candidate evidence — the scripts are black boxes, never read.
//!
//! The criteria set declares which inputs are levers and which way each helps (`lever = "up"`
//! or `"down"`). For each lever the search finds, by binary search, the values at which the
//! unit's total next rises (its *steps*, up to the lever's bound: its `at_most` whole, 0, its
//! `min` or its `at_least`); then it tries combinations of one step per lever, fewest levers
//! first, and keeps the recognised candidate with the smallest changes. Disqualifiers and
//! incidents are facts of the year, never levers: when one holds, recognition is impossible this
//! round, and the search still says what the score would need. "Recognised" means every
//! condition the criteria set declares; the criteria those conditions refuse must rise.

use serde::{Deserialize, Serialize};

use crate::criteria::{CriteriaSet, InputType, Lever};
use crate::decide::{Failure, UnitResult};
use crate::evaluate::{EvalError, Evaluator};
use crate::evidence::{Evidence, Value};
use crate::points::Points;

/// Levers combined at most; beyond, the unit is too far from recognition for a "smallest
/// change" to mean much, and the search says so.
pub const MAX_LEVERS: usize = 4;
/// Steps kept per lever (the first rises of its total).
const MAX_STEPS: usize = 4;

/// One input to change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// The input's name.
    pub input: String,
    /// Its value in the evidence.
    pub from: Value,
    /// The value that, with the other changes, gives recognition.
    pub to: Value,
}

/// The answer for one unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WhatIf {
    /// The unit's code.
    pub code: String,
    /// Whether the changes make the unit recognised this round.
    pub achievable: bool,
    /// The changes (empty when already recognised, or when no combination was found).
    pub changes: Vec<Change>,
    /// What no change of evidence can lift: disqualifiers that hold, or a score out of reach.
    pub blocking: Vec<String>,
    /// The total after the changes (the current total when there are none).
    pub total_after: Points,
}

/// A recognised candidate: its cost, its changes (input position, new value), its total.
type Candidate = (u64, Vec<(usize, Value)>, Points);

/// A lever and the values at which the total rises, nearest first.
struct Steps {
    index: usize,
    values: Vec<Value>,
}

fn total(evaluator: &Evaluator, ev: &Evidence) -> Result<Points, EvalError> {
    evaluator.evaluate(ev).map(|r| r.total)
}

/// The smallest value in `lo..=hi` (or largest, going down) whose total beats `base`, by
/// binary search: moving a lever its way never lowers the total (a property test holds the
/// shipped rules to it), so "beats `base`" is monotone along the range.
fn next_step(
    evaluator: &Evaluator,
    ev: &Evidence,
    index: usize,
    (from, to): (u64, u64),
    base: Points,
) -> Result<Option<u64>, EvalError> {
    let set = evaluator.criteria();
    let beats = |v: u64| -> Result<bool, EvalError> {
        match ev.with_values(set, &[(index, Value::Number(v))]) {
            Ok(candidate) => Ok(total(evaluator, &candidate)? > base),
            Err(_) => Ok(false),
        }
    };
    if from == to || !beats(to)? {
        return Ok(None);
    }
    let up = to > from;
    let (mut near, mut far) = (from, to);
    // Invariant: `near` does not beat base, `far` does.
    while near.abs_diff(far) > 1 {
        let mid = if up {
            near + (far - near) / 2
        } else {
            near - (near - far) / 2
        };
        if beats(mid)? {
            far = mid;
        } else {
            near = mid;
        }
    }
    Ok(Some(far))
}

/// The bound a lever may move to: its whole (or a generous ceiling) going up; 0, its `min` or
/// its `at_least` going down.
fn bound(evaluator: &Evaluator, ev: &Evidence, index: usize, current: u64) -> u64 {
    let set = evaluator.criteria();
    let input = &set.inputs()[index];
    let named = |name: &str| match set.input_index(name).map(|i| ev.values()[i]) {
        Some(Value::Number(n)) => Some(n),
        _ => set
            .derived()
            .iter()
            .position(|d| d.name == name)
            .map(|i| ev.derived()[i].value),
    };
    match input.lever {
        Some(Lever::Up) => input
            .at_most
            .as_deref()
            .and_then(named)
            .unwrap_or_else(|| current.saturating_mul(4).max(current + 100)),
        _ => input
            .at_least
            .as_deref()
            .and_then(named)
            .unwrap_or(0)
            .max(input.min.unwrap_or(0)),
    }
}

fn steps(evaluator: &Evaluator, ev: &Evidence, base: Points) -> Result<Vec<Steps>, EvalError> {
    let set = evaluator.criteria();
    let mut out = Vec::new();
    for (index, input) in set.inputs().iter().enumerate() {
        let Some(lever) = input.lever else { continue };
        let values = match (input.ty, ev.values()[index]) {
            (InputType::Bool, Value::Bool(b)) => {
                let wanted = lever == Lever::Up;
                if b == wanted {
                    vec![]
                } else {
                    vec![Value::Bool(wanted)]
                }
            }
            (_, Value::Number(current)) => {
                let limit = bound(evaluator, ev, index, current);
                let mut found = Vec::new();
                let (mut at, mut level) = (current, base);
                while found.len() < MAX_STEPS {
                    let Some(v) = next_step(evaluator, ev, index, (at, limit), level)? else {
                        break;
                    };
                    found.push(Value::Number(v));
                    let moved = ev.with_values(set, &[(index, Value::Number(v))]);
                    level = match moved {
                        Ok(candidate) => total(evaluator, &candidate)?,
                        Err(_) => break,
                    };
                    at = v;
                }
                found
            }
            _ => vec![],
        };
        if !values.is_empty() {
            out.push(Steps { index, values });
        }
    }
    Ok(out)
}

/// How big a change is, comparable across inputs: the share of its whole (or of itself) it
/// moves, in thousandths; a yes/no change counts as a whole.
fn cost(evaluator: &Evaluator, ev: &Evidence, index: usize, to: Value) -> u64 {
    match (ev.values()[index], to) {
        (Value::Number(a), Value::Number(b)) => {
            let scale = bound(evaluator, ev, index, a).max(a).max(b).max(1);
            a.abs_diff(b) * 1000 / scale
        }
        _ => 1000,
    }
}

/// Whether a result would be recognised on its score alone (ignoring disqualifiers).
fn score_ok(r: &UnitResult) -> bool {
    r.failures
        .iter()
        .all(|f| matches!(f, Failure::Disqualified { .. }))
}

/// Calls `visit` with every combination of `k` distinct positions of `0..n`, in order.
fn combinations(n: usize, k: usize, visit: &mut dyn FnMut(&[usize]) -> bool) {
    fn go(
        start: usize,
        n: usize,
        k: usize,
        chosen: &mut Vec<usize>,
        visit: &mut dyn FnMut(&[usize]) -> bool,
    ) -> bool {
        if chosen.len() == k {
            return visit(chosen);
        }
        for i in start..n {
            chosen.push(i);
            if !go(i + 1, n, k, chosen, visit) {
                return false;
            }
            chosen.pop();
        }
        true
    }
    go(0, n, k, &mut Vec::with_capacity(k), visit);
}

/// Finds the smallest change of evidence that makes the unit recognised.
///
/// ```
/// let round = cfc::Round::load("fixtures/son-ha-2024")?;
/// let nham = round.units.iter().find(|u| u.unit().name == "Sơn Nham").unwrap();
/// let answer = cfc::whatif::whatif(&round.evaluator, nham)?;
/// assert!(answer.achievable);             // 795 < 800: one indicator's next step is enough
/// assert_eq!(answer.changes.len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn whatif(evaluator: &Evaluator, ev: &Evidence) -> Result<WhatIf, EvalError> {
    let set = evaluator.criteria();
    let now = evaluator.evaluate(ev)?;
    let blocking: Vec<String> = now
        .failures
        .iter()
        .filter(|f| matches!(f, Failure::Disqualified { .. }))
        .map(ToString::to_string)
        .collect();
    let answer = |changes, total_after, mut extra: Vec<String>| {
        let mut blocking = blocking.clone();
        blocking.append(&mut extra);
        WhatIf {
            code: now.code.clone(),
            achievable: blocking.is_empty(),
            changes,
            blocking,
            total_after,
        }
    };
    if score_ok(&now) {
        return Ok(answer(Vec::new(), now.total, Vec::new()));
    }
    let levers = steps(evaluator, ev, now.total)?;
    let reach = reach(evaluator, ev, &now, &levers)?;
    let needed = needed(&now);
    let mut best: Option<Candidate> = None;
    let mut failure = None;
    for k in 1..=MAX_LEVERS.min(levers.len()) {
        combinations(levers.len(), k, &mut |chosen| {
            // A combination that leaves a needed criterion without a lever cannot succeed.
            if !needed.iter().all(|&c| chosen.iter().any(|&l| reach[l][c])) {
                return true;
            }
            // Every choice of one step per chosen lever, nearest steps first.
            let mut pick = vec![0usize; chosen.len()];
            loop {
                let changes: Vec<(usize, Value)> = chosen
                    .iter()
                    .zip(&pick)
                    .map(|(&l, &s)| (levers[l].index, levers[l].values[s]))
                    .collect();
                if let Ok(candidate) = ev.with_values(set, &changes) {
                    match evaluator.evaluate(&candidate) {
                        Ok(r) if score_ok(&r) => {
                            let c: u64 = changes
                                .iter()
                                .map(|&(i, v)| cost(evaluator, ev, i, v))
                                .sum();
                            if best.as_ref().is_none_or(|(b, ..)| c < *b) {
                                best = Some((c, changes, r.total));
                            }
                        }
                        Ok(_) => {}
                        Err(e) => {
                            failure = Some(e);
                            return false;
                        }
                    }
                }
                // Next combination of steps (odometer).
                let mut d = 0;
                while d < pick.len() {
                    pick[d] += 1;
                    if pick[d] < levers[chosen[d]].values.len() {
                        break;
                    }
                    pick[d] = 0;
                    d += 1;
                }
                if d == pick.len() {
                    return true;
                }
            }
        });
        if let Some(e) = failure {
            return Err(e);
        }
        if best.is_some() {
            break;
        }
    }
    Ok(match best {
        Some((_, changes, total_after)) => {
            let changes = changes
                .into_iter()
                .map(|(i, to)| Change {
                    input: set.inputs()[i].name.clone(),
                    from: ev.values()[i],
                    to,
                })
                .collect();
            answer(changes, total_after, Vec::new())
        }
        None => answer(Vec::new(), now.total, out_of_reach(set, &now, &reach)),
    })
}

/// The positions of the criteria that must rise: those a criterion-level condition of the set
/// refuses (at 0, not met, below its minimum).
fn needed(now: &UnitResult) -> Vec<usize> {
    now.criteria
        .iter()
        .enumerate()
        .filter(|(_, c)| now.failures.iter().any(|f| f.criterion() == Some(&c.id)))
        .map(|(i, _)| i)
        .collect()
}

/// For each lever, which criteria its furthest step raises.
fn reach(
    evaluator: &Evaluator,
    ev: &Evidence,
    now: &UnitResult,
    levers: &[Steps],
) -> Result<Vec<Vec<bool>>, EvalError> {
    let set = evaluator.criteria();
    levers
        .iter()
        .map(|l| {
            let mut raised = vec![false; now.criteria.len()];
            if let Some(candidate) = l
                .values
                .last()
                .and_then(|&last| ev.with_values(set, &[(l.index, last)]).ok())
            {
                let r = evaluator.evaluate(&candidate)?;
                for (flag, (after, before)) in
                    raised.iter_mut().zip(r.criteria.iter().zip(&now.criteria))
                {
                    *flag = after.points > before.points;
                }
            }
            Ok(raised)
        })
        .collect()
}

/// Why no combination was found: the failing criteria that no lever raises — naming the
/// non-lever inputs at 0 that leave them without data — or else the reach of the search.
fn out_of_reach(set: &CriteriaSet, now: &UnitResult, reach: &[Vec<bool>]) -> Vec<String> {
    let stuck: Vec<String> = needed(now)
        .into_iter()
        .filter(|&c| !reach.iter().any(|l| l[c]))
        .map(|c| &now.criteria[c])
        .map(|c| {
            let mut empty: Vec<&str> = c
                .indicators
                .iter()
                .flat_map(|i| &i.reads)
                .filter(|r| r.value == Value::Number(0))
                .filter(|r| set.inputs().iter().any(|i| i.name == r.name && i.lever.is_none()))
                .map(|r| r.name.as_str())
                .collect();
            empty.dedup();
            if empty.is_empty() {
                format!("{} at {} points: no lever within its bounds raises it", c.id, c.points)
            } else {
                format!(
                    "{} at {} points: {} = 0, so there is no data to rate; collecting it is a fact of the year, not a lever",
                    c.id,
                    c.points,
                    empty.join(" = 0, ")
                )
            }
        })
        .collect();
    if !stuck.is_empty() {
        return stuck;
    }
    // The set-level conditions that still fail, named, so the council sees which one the
    // levers cannot lift.
    let failing: Vec<String> = now
        .failures
        .iter()
        .filter(|f| f.criterion().is_none() && !matches!(f, Failure::Disqualified { .. }))
        .map(ToString::to_string)
        .collect();
    let why = if failing.is_empty() {
        String::new()
    } else {
        format!(" ({})", failing.join("; "))
    };
    vec![format!(
        "no change of at most {MAX_LEVERS} levers within their bounds makes the score reach recognition{why}"
    )]
}
