//! What would it take? The smallest change of evidence that makes a unit recognised, found by
//! re-evaluating candidate evidence — the scripts are black boxes, never read.
//!
//! The criteria set declares which inputs are levers and which way each helps (`lever = "up"`
//! or `"down"`). For each lever the search finds the values at which the unit's total next
//! rises (its *steps*), up to the lever's bound: the `lever_max` or `lever_min` the set
//! declares, else the input's whole valid range (`max`, `min` or 0, its `at_most` whole or
//! `at_least`, the type's limit); and the nearest value of the highest total the lever
//! reaches. Decimal inputs step by 10^-decimals. Then it tries combinations of one step per
//! lever, fewest levers first, and keeps the recognised candidate with the smallest changes.
//! Disqualifiers and incidents are facts of the year, never levers: when one holds,
//! recognition is impossible this round, and the search still says what the score would need.
//! "Recognised" means every condition the criteria set declares; the criteria those
//! conditions refuse must rise.
//!
//! The search is exhaustive within those bounds but skips what cannot change its answer: a
//! combination whose highest possible total (each indicator at its best over the levers'
//! steps) stays below the threshold, and a candidate that would cost no less than the best
//! found so far. Candidates are scored points only, each script's answer remembered for the
//! values it read (`crate::evaluate::probe`), so a combination of steps already tried alone runs no
//! script at all.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::base::points::Points;
use crate::evaluate::decide::{Failure, UnitResult};
use crate::evaluate::evaluator::{EvalError, Evaluator};
use crate::evaluate::probe::Probe;
use crate::evidence::{Evidence, Value};
use crate::rules::criteria::{ConditionRule, CriteriaSet, InputType, Lever, OutsideEffect};

/// Levers combined at most; beyond, the unit is too far from recognition for a "smallest
/// change" to mean much, and the search says so.
pub const MAX_LEVERS: usize = 4;
/// Steps kept per lever (the first rises of its total).
const MAX_STEPS: usize = 4;

/// One input to change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub struct Change {
    /// The input's name.
    pub input: String,
    /// Its value in the evidence.
    pub from: Value,
    /// The value that, with the other changes, gives recognition.
    pub to: Value,
}

/// What no change of evidence can lift. Its words are [`crate::words::audit`]'s; in JSON it
/// is its English sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Blocking {
    /// A disqualifier holds: the incidents are facts of the year.
    Disqualified(Failure),
    /// A criterion a condition refuses, which no lever within its bounds raises.
    NoLever {
        /// The criterion.
        criterion: String,
        /// Its points now.
        points: Points,
        /// The bounds the set declares for its levers.
        bounds: Vec<DeclaredBound>,
    },
    /// A criterion a condition refuses, whose inputs that are not levers are 0: there is no
    /// data to rate, and collecting it is a fact of the year.
    NoData {
        /// The criterion.
        criterion: String,
        /// Its points now.
        points: Points,
        /// The inputs at 0, in the order the criterion's indicators read them.
        inputs: Vec<String>,
    },
    /// No combination of at most `levers` levers within their bounds reaches recognition.
    OutOfReach {
        /// The most levers combined ([`MAX_LEVERS`]).
        levers: usize,
        /// The set-level conditions that still fail (not a criterion's, not a disqualifier).
        failing: Vec<Failure>,
        /// The bounds the set declares for its levers.
        bounds: Vec<DeclaredBound>,
    },
}

/// A bound the criteria set declares for a lever (`lever_max` of an up lever, `lever_min` of
/// a down one): an answer that found no change holds only within it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeclaredBound {
    /// The input.
    pub input: String,
    /// Which way it helps.
    pub lever: Lever,
    /// The bound.
    pub value: Decimal,
}

/// The answer for one unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub struct WhatIf {
    /// The unit's code.
    pub code: String,
    /// Whether the changes make the unit recognised this round.
    pub achievable: bool,
    /// The changes (empty when already recognised, or when no combination was found).
    pub changes: Vec<Change>,
    /// What no change of evidence can lift: disqualifiers that hold, or a score out of reach.
    pub blocking: Vec<Blocking>,
    /// The total after the changes (the current total when there are none).
    pub total_after: Points,
    /// Set when the unit's year lies outside its criteria set's period in force: the answer
    /// then decides nothing either.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outside_effect: Option<OutsideEffect>,
}

/// A recognised candidate: its cost, its changes (input position, new value), its total.
type Candidate = (u64, Vec<(usize, Value)>, Points);

/// A lever and the values at which the total rises, nearest first.
struct Steps {
    index: usize,
    values: Vec<Value>,
}

/// The total with one input at another value; `None` when that value is invalid.
fn total(probe: &Probe, index: usize, v: Value) -> Result<Option<Points>, EvalError> {
    Ok(probe.run(&[(index, v)])?.map(|r| r.total))
}

/// A numeric lever's values as whole steps: a count in units, a decimal in steps of
/// 10^-decimals, so that one search serves both and never leaves the declared digits.
fn ticks(v: Value) -> Option<i128> {
    match v {
        Value::Number(n) => Some(i128::from(n)),
        Value::Decimal(d) => Some(d.mantissa()),
        Value::Bool(_) => None,
    }
}

/// The value `t` steps from zero of an input (see [`ticks`]).
fn value_at(set: &CriteriaSet, index: usize, t: i128) -> Option<Value> {
    let input = &set.inputs()[index];
    if input.ty.is_decimal() {
        // Within the mantissa's range by the bounds of the search.
        Some(Value::Decimal(Decimal::from_i128_with_scale(
            t,
            input.decimals.unwrap_or(0),
        )))
    } else {
        u64::try_from(t).ok().map(Value::Number)
    }
}

/// A bound of an input in its steps. Bounds are checked at load to have no more digits than
/// the input declares, so nothing is rounded.
fn to_ticks(set: &CriteriaSet, index: usize, bound: Decimal) -> i128 {
    let mut at = bound;
    at.rescale(set.inputs()[index].decimals.unwrap_or(0));
    at.mantissa()
}

/// The smallest move from `from` towards `to` (inclusive) whose total satisfies `wanted`,
/// or `None`. Moving a lever its way never lowers the total (a property test holds the
/// shipped rules to it), so `wanted` is monotone along the range; the search gallops out
/// (1, 2, 4, … steps) and then halves, so a unit far below its bound costs a few dozen
/// evaluations and values far beyond the evidence are tried only when nearer ones fail. A
/// value the rules cannot evaluate (a script overflowing on an absurd budget) ends the range.
fn next_step(
    probe: &Probe,
    index: usize,
    (from, to): (i128, i128),
    wanted: &dyn Fn(Points) -> bool,
) -> Option<i128> {
    let beats = |t: i128| -> Option<bool> {
        let v = value_at(probe.set(), index, t)?;
        match total(probe, index, v) {
            Ok(Some(total)) => Some(wanted(total)),
            Ok(None) => Some(false),
            Err(_) => None,
        }
    };
    // Most levers do not rise at all: one evaluation at the bound says so. Where the rules
    // cannot evaluate the bound, the gallop below finds how far they can.
    if from == to || beats(to) == Some(false) {
        return None;
    }
    let dir: i128 = if to > from { 1 } else { -1 };
    let (mut near, mut delta) = (from, 1i128);
    let far = loop {
        if near == to {
            return None;
        }
        let probe = if (to - near).abs() <= delta {
            to
        } else {
            near + dir * delta
        };
        match beats(probe)? {
            true => break probe,
            false => near = probe,
        }
        delta = delta.saturating_mul(2);
    };
    // Invariant: `near` does not satisfy `wanted`, `far` does.
    let mut far = far;
    while (far - near).abs() > 1 {
        let mid = near + (far - near) / 2;
        if beats(mid).unwrap_or(false) {
            far = mid;
        } else {
            near = mid;
        }
    }
    Some(far)
}

/// The value of another input or derived count, for `at_most` and `at_least`.
fn named(set: &CriteriaSet, ev: &Evidence, name: &str) -> Option<u64> {
    match set.input_index(name).map(|i| ev.values()[i]) {
        Some(Value::Number(n)) => Some(n),
        _ => set
            .derived()
            .iter()
            .position(|d| d.name == name)
            .map(|i| ev.derived()[i].value),
    }
}

/// How far a lever may move, in its steps: going up, its `lever_max` (the set's realistic
/// ceiling), else the whole of the valid range — `max`, a percentage's 100, the type's limit —
/// and never past its `at_most` whole; going down, its `lever_min`, else `min` or 0, and never
/// below its `at_least`.
fn bound(set: &CriteriaSet, ev: &Evidence, index: usize) -> i128 {
    let input = &set.inputs()[index];
    match input.lever {
        Some(Lever::Up) => {
            let ceiling = to_ticks(set, index, input.lever_max.unwrap_or(input.highest()));
            input
                .at_most
                .as_deref()
                .and_then(|w| named(set, ev, w))
                .map_or(ceiling, |w| ceiling.min(i128::from(w)))
        }
        _ => {
            let floor = to_ticks(set, index, input.lever_min.unwrap_or(input.lowest()));
            input
                .at_least
                .as_deref()
                .and_then(|w| named(set, ev, w))
                .map_or(floor, |w| floor.max(i128::from(w)))
        }
    }
}

fn steps(probe: &Probe) -> Result<Vec<Steps>, EvalError> {
    let (set, ev, base) = (probe.set(), probe.evidence(), probe.now().total);
    let mut out = Vec::new();
    for (index, input) in set.inputs().iter().enumerate() {
        let Some(lever) = input.lever else { continue };
        let current = ev.values()[index];
        let values = match (input.ty, ticks(current)) {
            (InputType::Bool, _) => {
                let wanted = Value::Bool(lever == Lever::Up);
                if current == wanted {
                    vec![]
                } else {
                    vec![wanted]
                }
            }
            (_, Some(now)) => {
                let limit = bound(set, ev, index);
                let up = lever == Lever::Up;
                // A value already past the bound (a budget above `lever_max`) has nowhere to go.
                if (up && limit <= now) || (!up && limit >= now) {
                    vec![]
                } else {
                    lever_steps(probe, index, (now, limit), base)?
                }
            }
            _ => vec![],
        };
        if !values.is_empty() {
            out.push(Steps { index, values });
        }
    }
    Ok(out)
}

/// The first [`MAX_STEPS`] rises of a numeric lever's total between its value and its bound,
/// and, when the total rises further before the bound, the nearest value of the highest total
/// the lever reaches: a unit whose recognition needs a budget many steps away is found.
fn lever_steps(
    probe: &Probe,
    index: usize,
    (now, limit): (i128, i128),
    base: Points,
) -> Result<Vec<Value>, EvalError> {
    let set = probe.set();
    let total_at = |t: i128| -> Result<Option<Points>, EvalError> {
        match value_at(set, index, t) {
            Some(v) => total(probe, index, v),
            None => Ok(None),
        }
    };
    let mut found = Vec::new();
    let (mut at, mut level) = (now, base);
    while found.len() < MAX_STEPS {
        let Some(t) = next_step(probe, index, (at, limit), &|p| p > level) else {
            return Ok(found);
        };
        let Some(reached) = total_at(t)? else {
            return Ok(found);
        };
        found.extend(value_at(set, index, t));
        (at, level) = (t, reached);
    }
    // The highest total is found where the total stops rising: at the bound, or where the
    // rules stop evaluating (then the last step stands).
    if let Ok(Some(top)) = total_at(limit)
        && top > level
        && let Some(t) = next_step(probe, index, (at, limit), &|p| p >= top)
    {
        found.extend(value_at(set, index, t));
    }
    Ok(found)
}

/// How big a change is, comparable across inputs: the share of its whole (or of itself) it
/// moves, in thousandths; a yes/no change counts as a whole. The yardstick of an up lever
/// with no whole is four times its value (at least 100 steps more), whatever its bound.
fn cost(set: &CriteriaSet, ev: &Evidence, index: usize, to: Value) -> u64 {
    let input = &set.inputs()[index];
    match (ticks(ev.values()[index]), ticks(to)) {
        (Some(a), Some(b)) => {
            let yardstick = match input.lever {
                Some(Lever::Up) => input
                    .at_most
                    .as_deref()
                    .and_then(|w| named(set, ev, w))
                    .map_or_else(|| a.saturating_mul(4).max(a + 100), i128::from),
                _ => a,
            };
            let scale = yardstick.max(a).max(b).max(1);
            u64::try_from((a - b).abs().saturating_mul(1000) / scale).unwrap_or(u64::MAX)
        }
        _ => 1000,
    }
}

/// Whether a result would be recognised on its score alone (ignoring disqualifiers).
fn score_ok(failures: &[Failure]) -> bool {
    failures
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
    search(evaluator, ev, Prune::Yes)
}

/// Whether the search skips what cannot beat the best change found or reach the threshold.
/// Skipping never changes the answer; the tests search without it to show that.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Prune {
    Yes,
    #[cfg(test)]
    No,
}

fn search(evaluator: &Evaluator, ev: &Evidence, prune: Prune) -> Result<WhatIf, EvalError> {
    let prune = prune == Prune::Yes;
    let set = evaluator.criteria();
    let now = evaluator.evaluate(ev)?;
    let blocking: Vec<Blocking> = now
        .failures
        .iter()
        .filter(|f| matches!(f, Failure::Disqualified { .. }))
        .cloned()
        .map(Blocking::Disqualified)
        .collect();
    let outside_effect = set.outside_effect(now.period.from.year());
    let answer = |changes, total_after, mut extra: Vec<Blocking>| {
        let mut blocking = blocking.clone();
        blocking.append(&mut extra);
        WhatIf {
            code: now.code.clone(),
            achievable: blocking.is_empty(),
            changes,
            blocking,
            total_after,
            outside_effect: outside_effect.clone(),
        }
    };
    if score_ok(&now.failures) {
        return Ok(answer(Vec::new(), now.total, Vec::new()));
    }
    let probe = Probe::new(evaluator, ev, &now)?;
    let levers = steps(&probe)?;
    let reach = reach(&probe, &levers)?;
    let needed = needed(&now);
    let peaks = peaks(&probe, &levers)?;
    let must_reach = set
        .conditions()
        .iter()
        .any(|c| matches!(c.rule, ConditionRule::ClassThreshold));
    // What each step costs; a candidate is tried only when it would cost less than the best
    // found so far, and a combination only when its cheapest steps would.
    let costs: Vec<Vec<u64>> = levers
        .iter()
        .map(|l| {
            l.values
                .iter()
                .map(|&v| cost(set, ev, l.index, v))
                .collect()
        })
        .collect();
    let cheapest: Vec<u64> = costs
        .iter()
        .map(|c| c.iter().copied().min().unwrap_or(0))
        .collect();
    let beaten = |best: &Option<Candidate>, c: u64| best.as_ref().is_some_and(|(b, ..)| c >= *b);
    let mut best: Option<Candidate> = None;
    let mut failure = None;
    for k in 1..=MAX_LEVERS.min(levers.len()) {
        combinations(levers.len(), k, &mut |chosen| {
            // A combination that leaves a needed criterion without a lever cannot succeed.
            if !needed.iter().all(|&c| chosen.iter().any(|&l| reach[l][c])) {
                return true;
            }
            // A combination whose every choice of steps stays below the threshold cannot
            // succeed either.
            if prune && must_reach && ceiling(&probe, &peaks, chosen) < now.threshold.value() {
                return true;
            }
            let least = chosen
                .iter()
                .fold(0u64, |sum, &l| sum.saturating_add(cheapest[l]));
            if prune && beaten(&best, least) {
                return true;
            }
            // Every choice of one step per chosen lever, nearest steps first.
            let mut pick = vec![0usize; chosen.len()];
            loop {
                let c = chosen
                    .iter()
                    .zip(&pick)
                    .fold(0u64, |sum, (&l, &s)| sum.saturating_add(costs[l][s]));
                if !prune || !beaten(&best, c) {
                    let changes: Vec<(usize, Value)> = chosen
                        .iter()
                        .zip(&pick)
                        .map(|(&l, &s)| (levers[l].index, levers[l].values[s]))
                        .collect();
                    match probe.run(&changes) {
                        Ok(Some(r)) if score_ok(&r.failures) && !beaten(&best, c) => {
                            best = Some((c, changes, r.total));
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

/// For each lever, the indicators it is read by, each with the most points it has at one of
/// the lever's steps (each step tried alone).
fn peaks(probe: &Probe, levers: &[Steps]) -> Result<Vec<Vec<(usize, Points)>>, EvalError> {
    levers
        .iter()
        .map(|l| {
            let readers = probe.readers(l.index);
            let mut peak: Vec<Option<Points>> = vec![None; readers.len()];
            for &v in &l.values {
                let tried = probe.run(&[(l.index, v)])?;
                for (p, &f) in peak.iter_mut().zip(readers) {
                    // A step not valid alone may be with other levers: its bound is the most.
                    let at = tried
                        .as_ref()
                        .map_or_else(|| probe.indicator(f).1, |t| t.indicators[f]);
                    *p = Some(p.map_or(at, |p| p.max(at)));
                }
            }
            Ok(readers
                .iter()
                .zip(peak)
                .filter_map(|(&f, p)| p.map(|p| (f, p)))
                .collect())
        })
        .collect()
}

/// The most total a combination of levers can reach at any choice of their steps: an
/// indicator read by one of them has at most its peak over that lever's steps; one read by
/// several, at most its maximum; the others keep their points. No assumption on the rules.
fn ceiling(probe: &Probe, peaks: &[Vec<(usize, Points)>], chosen: &[usize]) -> Decimal {
    let mut raised: Vec<(usize, Points, bool)> = Vec::new();
    for &l in chosen {
        for &(f, peak) in &peaks[l] {
            match raised.iter_mut().find(|r| r.0 == f) {
                Some(r) => r.2 = true,
                None => raised.push((f, peak, false)),
            }
        }
    }
    raised
        .iter()
        .fold(probe.now().total.value(), |sum, &(f, peak, shared)| {
            let (now, max) = probe.indicator(f);
            sum + if shared { max } else { peak }.value() - now.value()
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
fn reach(probe: &Probe, levers: &[Steps]) -> Result<Vec<Vec<bool>>, EvalError> {
    let now = probe.now();
    levers
        .iter()
        .map(|l| {
            let mut raised = vec![false; now.criteria.len()];
            let last = l.values.last().map(|&last| [(l.index, last)]);
            if let Some(r) = match last {
                Some(change) => probe.run(&change)?,
                None => None,
            } {
                for (flag, (after, before)) in
                    raised.iter_mut().zip(r.criteria.iter().zip(&now.criteria))
                {
                    *flag = *after > before.points;
                }
            }
            Ok(raised)
        })
        .collect()
}

/// Why no combination was found: the failing criteria that no lever raises — naming the
/// non-lever inputs at 0 that leave them without data — or else the reach of the search.
fn out_of_reach(set: &CriteriaSet, now: &UnitResult, reach: &[Vec<bool>]) -> Vec<Blocking> {
    let stuck: Vec<Blocking> = needed(now)
        .into_iter()
        .filter(|&c| !reach.iter().any(|l| l[c]))
        .map(|c| &now.criteria[c])
        .map(|c| {
            let mut empty: Vec<String> = c
                .indicators
                .iter()
                .flat_map(|i| i.reads.iter())
                .filter(|r| ticks(r.value) == Some(0))
                .filter(|r| {
                    set.inputs()
                        .iter()
                        .any(|i| i.name == r.name && i.lever.is_none())
                })
                .map(|r| r.name.to_string())
                .collect();
            empty.dedup();
            if empty.is_empty() {
                Blocking::NoLever {
                    criterion: c.id.to_string(),
                    points: c.points,
                    bounds: declared_bounds(set),
                }
            } else {
                Blocking::NoData {
                    criterion: c.id.to_string(),
                    points: c.points,
                    inputs: empty,
                }
            }
        })
        .collect();
    if !stuck.is_empty() {
        return stuck;
    }
    // The set-level conditions that still fail, named, so the council sees which one the
    // levers cannot lift.
    let failing: Vec<Failure> = now
        .failures
        .iter()
        .filter(|f| f.criterion().is_none() && !matches!(f, Failure::Disqualified { .. }))
        .cloned()
        .collect();
    vec![Blocking::OutOfReach {
        levers: MAX_LEVERS,
        failing,
        bounds: declared_bounds(set),
    }]
}

/// The bounds the set declares for its levers, named in an answer that says no change was
/// found: a larger budget than the set's realistic ceiling might still be recognised, and the
/// reader must know the answer holds only within it.
fn declared_bounds(set: &CriteriaSet) -> Vec<DeclaredBound> {
    set.inputs()
        .iter()
        .filter_map(|i| match (i.lever, i.lever_max, i.lever_min) {
            (Some(Lever::Up), Some(value), _) => Some(DeclaredBound {
                input: i.name.clone(),
                lever: Lever::Up,
                value,
            }),
            (Some(Lever::Down), _, Some(value)) => Some(DeclaredBound {
                input: i.name.clone(),
                lever: Lever::Down,
                value,
            }),
            _ => None,
        })
        .collect()
}

/// The bounds the set declares for its levers, named in an answer that says no change was
/// found: the answer holds only within them.
fn bounds_en(bounds: &[DeclaredBound]) -> String {
    if bounds.is_empty() {
        return String::new();
    }
    let named: Vec<String> = bounds
        .iter()
        .map(|b| match b.lever {
            Lever::Up => format!("{} ≤ lever_max {}", b.input, b.value),
            Lever::Down => format!("{} ≥ lever_min {}", b.input, b.value),
        })
        .collect();
    format!(" (bounds declared by the set: {})", named.join(", "))
}

/// The English of a blocking condition, as the `blocking` of `whatif --format json` has
/// always written it (programs read it); a reader's words are `words::audit::blocking`.
impl fmt::Display for Blocking {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Blocking::Disqualified(failure) => write!(f, "{failure}"),
            Blocking::NoLever {
                criterion,
                points,
                bounds,
            } => write!(
                f,
                "{criterion} at {points} points: no lever within its bounds raises it{}",
                bounds_en(bounds)
            ),
            Blocking::NoData {
                criterion,
                points,
                inputs,
            } => write!(
                f,
                "{criterion} at {points} points: {} = 0, so there is no data to rate; collecting it is a fact of the year, not a lever",
                inputs.join(" = 0, ")
            ),
            Blocking::OutOfReach {
                levers,
                failing,
                bounds,
            } => {
                let why = if failing.is_empty() {
                    String::new()
                } else {
                    let failing: Vec<String> = failing.iter().map(ToString::to_string).collect();
                    format!(" ({})", failing.join("; "))
                };
                write!(
                    f,
                    "no change of at most {levers} levers within their bounds makes the score reach recognition{why}{}",
                    bounds_en(bounds)
                )
            }
        }
    }
}

/// In JSON a blocking condition is its English sentence, as it has always been.
impl Serialize for Blocking {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// In JSON, a blocking condition is a sentence.
#[cfg(feature = "serve")]
impl utoipa::PartialSchema for Blocking {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        crate::base::schema::text(
            "What no change of evidence can lift, as an English sentence.",
            None,
            None,
        )
    }
}

#[cfg(feature = "serve")]
impl utoipa::ToSchema for Blocking {}

#[cfg(test)]
mod tests {
    use super::{Prune, search};
    use crate::evaluate::round::Round;
    use crate::evidence::Value;

    /// The skipping search finds the same change as the search that tries every candidate,
    /// on units made far from recognition: every fixture unit with each of its inputs, then
    /// each pair of neighbouring inputs, moved to a quarter of its value (or switched off).
    #[test]
    fn skipping_never_changes_an_answer() {
        let round = Round::load("fixtures/son-ha-2024").unwrap();
        let (evaluator, set) = (&round.evaluator, round.evaluator.criteria());
        let n = set.inputs().len();
        let (mut compared, mut multi) = (0, 0);
        for ev in &round.units {
            let lowered = |i: usize| match ev.values()[i] {
                Value::Number(v) => Value::Number(v / 4),
                Value::Decimal(d) => Value::Decimal(d / rust_decimal::Decimal::from(4)),
                Value::Bool(_) => Value::Bool(false),
            };
            for i in 0..n {
                for change in [
                    vec![(i, lowered(i))],
                    vec![(i, lowered(i)), ((i + 1) % n, lowered((i + 1) % n))],
                ] {
                    let Ok(unit) = ev.with_values(set, &change) else {
                        continue;
                    };
                    let skipping = search(evaluator, &unit, Prune::Yes).unwrap();
                    let every = search(evaluator, &unit, Prune::No).unwrap();
                    assert_eq!(skipping, every, "{change:?}");
                    compared += 1;
                    multi += usize::from(skipping.changes.len() > 1);
                }
            }
        }
        assert!(
            compared > 300 && multi > 10,
            "{compared} units, {multi} with several changes"
        );
    }
}
