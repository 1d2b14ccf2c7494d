//! Every indicator run on a grid of inputs before any unit is: for each input and derived count
//! its script reads, its smallest values, its largest, n/a (a whole of 0), each step's edges
//! (just below, on and just above every threshold, for a rate as a part and a whole that give
//! it exactly) and the whole numbers the script itself writes; then every combination that is
//! valid evidence (parts at most their wholes, a derived count at most one that counts more).
//! A run-time error, a missing outcome or points outside [0, max] on any of them is a finding
//! naming the values; so is a lever that lowers the points when moved its way.
//!
//! The grid is bounded ([`MAX_GRID`] points per indicator) and every script was compiled once:
//! the shipped set's 25 indicators take a few thousand runs.

use std::collections::HashMap;

use rhai::Dynamic;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::calls::{Compared, StepCall};
use crate::base::diag::{LeverWay, ProbeValue, RulesProblem};
use crate::base::fault::ScriptError;
use crate::rules::criteria::{CriteriaSet, Derived, Indicator, Input, InputType, Lever};
use crate::rules::parts::Misfit;
use crate::script::table::StepTable;

/// The most points of the grid tried for one indicator; beyond, the lists of values are cut
/// from their ends (the edges of the last thresholds first).
pub const MAX_GRID: usize = 4096;
/// Counts without a declared maximum are tried up to a million (more than the children of any
/// commune), money up to 10^12 VND, derived counts (incidents of a year) up to 1,000: the
/// type's limit (2^63 − 1) would only find that adding two such counts overflows.
pub const COUNT_CEILING: i64 = 1_000_000;
/// See [`COUNT_CEILING`].
pub const MONEY_CEILING: i64 = 1_000_000_000_000;
/// See [`COUNT_CEILING`].
pub const DERIVED_CEILING: i64 = 1_000;

/// A value of the grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Val {
    Bool(bool),
    Whole(i64),
    Dec(Decimal),
}

impl Val {
    pub(super) fn dynamic(self) -> Dynamic {
        match self {
            Val::Bool(b) => Dynamic::from_bool(b),
            Val::Whole(n) => Dynamic::from_int(n),
            Val::Dec(d) => Dynamic::from_decimal(d),
        }
    }

    /// As an evidence file writes it.
    pub(super) fn shown(self) -> String {
        match self {
            Val::Bool(b) => b.to_string(),
            Val::Whole(n) => n.to_string(),
            Val::Dec(d) => d.to_string(),
        }
    }
}

/// What a variable of the scripts is, with the values the grid gives it.
#[derive(Clone, Debug)]
pub(super) enum Var<'s> {
    Input(&'s Input),
    Derived(&'s Derived),
}

impl<'s> Var<'s> {
    pub(super) fn of(set: &'s CriteriaSet, name: &str) -> Option<Var<'s>> {
        set.inputs()
            .iter()
            .find(|i| i.name == name)
            .map(Var::Input)
            .or_else(|| {
                set.derived()
                    .iter()
                    .find(|d| d.name == name)
                    .map(Var::Derived)
            })
    }

    pub(super) fn name(&self) -> &'s str {
        match self {
            Var::Input(i) => &i.name,
            Var::Derived(d) => &d.name,
        }
    }

    fn whole(&self) -> bool {
        match self {
            Var::Input(i) => matches!(i.ty, InputType::Count | InputType::Money),
            Var::Derived(_) => true,
        }
    }

    /// The smallest and largest values tried, for whole numbers.
    fn whole_range(&self) -> (i64, i64) {
        match self {
            Var::Input(i) => {
                let ceiling = if i.ty == InputType::Money {
                    MONEY_CEILING
                } else {
                    COUNT_CEILING
                };
                let lo = i.lowest().to_i64().unwrap_or(0);
                let hi = i.highest().min(Decimal::from(ceiling.max(lo)));
                (lo, hi.to_i64().unwrap_or(ceiling))
            }
            Var::Derived(_) => (0, DERIVED_CEILING),
        }
    }

    /// Whether a value is one evidence may hold.
    fn valid(&self, v: Val) -> bool {
        match (self, v) {
            (Var::Input(i), Val::Whole(n)) if self.whole() => {
                let (lo, hi) = self.whole_range();
                (lo..=hi).contains(&n) && Decimal::from(n) <= i.highest()
            }
            (Var::Derived(_), Val::Whole(n)) => (0..=DERIVED_CEILING).contains(&n),
            (Var::Input(i), Val::Dec(d)) if i.ty.is_decimal() => {
                let digits = i.decimals.unwrap_or(0);
                (i.lowest()..=i.highest()).contains(&d) && d.normalize().scale() <= digits
            }
            (Var::Input(i), Val::Bool(_)) => i.ty == InputType::Bool,
            _ => false,
        }
    }

    /// The values every grid tries: the smallest (0, n/a), the next ones, the largest.
    pub(super) fn base(&self) -> Vec<Val> {
        match self {
            Var::Input(i) if i.ty == InputType::Bool => vec![Val::Bool(false), Val::Bool(true)],
            Var::Input(i) if i.ty.is_decimal() => {
                let step = Decimal::new(1, i.decimals.unwrap_or(0));
                let hi = i.highest().min(Decimal::from(COUNT_CEILING));
                decimals(i, [i.lowest(), i.lowest() + step, i.example_decimal(), hi])
            }
            _ => {
                let (lo, hi) = self.whole_range();
                [lo, lo + 1, lo + 2, hi]
                    .into_iter()
                    .map(Val::Whole)
                    .collect()
            }
        }
    }

    /// The values just below, on and just above a threshold `t` compared with this variable.
    fn around(&self, t: Decimal) -> Vec<Val> {
        match self {
            Var::Input(i) if i.ty == InputType::Bool => Vec::new(),
            Var::Input(i) if i.ty.is_decimal() => {
                let digits = i.decimals.unwrap_or(0);
                let step = Decimal::new(1, digits);
                let (down, up) = (
                    t.round_dp_with_strategy(digits, rust_decimal::RoundingStrategy::ToZero),
                    t.round_dp_with_strategy(digits, rust_decimal::RoundingStrategy::AwayFromZero),
                );
                decimals(i, [down - step, down, up, up + step])
            }
            _ => {
                let (Some(floor), Some(ceil)) = (t.floor().to_i64(), t.ceil().to_i64()) else {
                    return Vec::new();
                };
                [floor - 1, floor, ceil, ceil + 1]
                    .into_iter()
                    .map(Val::Whole)
                    .collect()
            }
        }
    }
}

/// Values of a decimal input, with its declared digits (`7` is `7.0`, as evidence holds it).
fn decimals<const N: usize>(input: &Input, values: [Decimal; N]) -> Vec<Val> {
    let digits = input.decimals.unwrap_or(0);
    values
        .into_iter()
        .map(|mut d| {
            d.rescale(digits);
            Val::Dec(d)
        })
        .collect()
}

/// A variable of an indicator's grid with the values it takes, in the order they were found.
struct Axis<'s> {
    var: Var<'s>,
    values: Vec<Val>,
}

impl Axis<'_> {
    fn add(&mut self, v: Val) {
        if self.var.valid(v) && !self.values.contains(&v) {
            self.values.push(v);
        }
    }
}

/// `t / scale` as a reduced fraction of whole numbers (numerator, denominator).
fn ratio(t: Decimal, scale: u64) -> Option<(i128, i128)> {
    fn gcd(a: i128, b: i128) -> i128 {
        if b == 0 { a.abs() } else { gcd(b, a % b) }
    }
    let t = t.normalize();
    let num = t.mantissa();
    let den = 10i128
        .checked_pow(t.scale())?
        .checked_mul(i128::from(scale))?;
    let g = gcd(num, den).max(1);
    Some((num / g, den / g))
}

/// A rate's part and whole that give `t` exactly, and parts just below and above it.
fn rate_edges(t: Decimal, scale: u64) -> Vec<(i64, Vec<i64>)> {
    let Some((num, den)) = ratio(t, scale) else {
        return Vec::new();
    };
    [10i128, 1]
        .into_iter()
        .filter_map(|k| {
            let whole = i64::try_from(den.checked_mul(k)?).ok()?;
            let part = i64::try_from(num.checked_mul(k)?).ok()?;
            Some((whole, vec![part - 1, part, part + 1]))
        })
        .collect()
}

/// Whole numbers the script writes (`if n == 0`, `>= 3`), which its branches turn on.
fn script_wholes(text: &str) -> Vec<i64> {
    crate::script::tokens(text)
        .into_iter()
        .filter_map(|t| match t {
            crate::script::Token::Number(_, n) if !n.contains('.') => {
                n.replace('_', "").parse::<i64>().ok()
            }
            _ => None,
        })
        .filter(|n| *n <= COUNT_CEILING)
        .take(8)
        .collect()
}

/// The axes of an indicator's grid: each variable it reads, with its values.
fn axes<'s>(set: &'s CriteriaSet, ind: &Indicator, calls: &[StepCall]) -> Vec<Axis<'s>> {
    let mut axes: Vec<Axis> = ind
        .reads
        .iter()
        .filter_map(|name| Var::of(set, name))
        .map(|var| {
            let values = Vec::new();
            let mut axis = Axis { var, values };
            for v in axis.var.base() {
                axis.add(v);
            }
            axis
        })
        .collect();
    let index = |axes: &[Axis], name: &str| axes.iter().position(|a| a.var.name() == name);
    for call in calls {
        let Ok(table) = StepTable::parse(call.table) else {
            continue;
        };
        for (_, t, _, _) in table.rows() {
            match &call.compared {
                Compared::Name(name) => {
                    if let Some(a) = index(&axes, name) {
                        for v in axes[a].var.around(t) {
                            axes[a].add(v);
                        }
                    }
                }
                Compared::Rate { part, whole, scale } => {
                    let (p, w) = (index(&axes, part), index(&axes, whole));
                    for (whole_value, parts) in rate_edges(t, *scale) {
                        if let Some(w) = w {
                            axes[w].add(Val::Whole(whole_value));
                        }
                        if let Some(p) = p {
                            for part in parts {
                                axes[p].add(Val::Whole(part));
                            }
                        }
                    }
                }
                Compared::Other => {}
            }
        }
    }
    for n in script_wholes(&ind.text) {
        for axis in axes.iter_mut().filter(|a| a.var.whole()) {
            for v in [n - 1, n, n + 1] {
                axis.add(Val::Whole(v));
            }
        }
    }
    // Bounded: the latest values found go first.
    while axes.iter().map(|a| a.values.len()).product::<usize>() > MAX_GRID {
        let Some(longest) = axes
            .iter_mut()
            .filter(|a| a.values.len() > 2)
            .max_by_key(|a| a.values.len())
        else {
            break;
        };
        longest.values.pop();
    }
    axes
}

/// Whether one derived count counts only incidents another counts too (so it is at most it).
pub(super) fn counted_within(a: &Derived, b: &Derived) -> bool {
    a.kinds.iter().all(|k| b.kinds.contains(k))
        && b.fatal.is_none_or(|f| a.fatal == Some(f))
        && b.support_plan_approved
            .is_none_or(|p| a.support_plan_approved == Some(p))
        && b.support_plan_approved_by.as_ref().is_none_or(|roles| {
            a.support_plan_approved_by
                .as_ref()
                .is_some_and(|mine| mine.iter().all(|r| roles.contains(r)))
        })
        && b.support_plan_within_working_days
            .is_none_or(|n| a.support_plan_within_working_days.is_some_and(|m| m <= n))
}

/// Whether the values of a point are valid evidence together: a part at most its whole, a
/// count at least its floor, a derived count at most one that counts more.
fn consistent(axes: &[Axis], point: &[Val]) -> bool {
    let value = |name: &str| {
        axes.iter()
            .position(|a| a.var.name() == name)
            .map(|i| point[i])
    };
    axes.iter().zip(point).all(|(axis, v)| match &axis.var {
        Var::Input(i) => {
            let at_most = i.at_most.as_deref().and_then(value).is_none_or(|w| *v <= w);
            let at_least = i
                .at_least
                .as_deref()
                .and_then(value)
                .is_none_or(|f| *v >= f);
            at_most && at_least
        }
        Var::Derived(d) => axes.iter().zip(point).all(|(other, w)| match &other.var {
            Var::Derived(e) if e.name != d.name && counted_within(d, e) => v <= w,
            _ => true,
        }),
    })
}

/// The values of a point as a problem names them.
fn shown(axes: &[Axis], point: &[Val], skip: Option<usize>) -> Vec<ProbeValue> {
    axes.iter()
        .zip(point)
        .enumerate()
        .filter(|(i, _)| Some(*i) != skip)
        .map(|(_, (a, v))| ProbeValue {
            name: a.var.name().to_string(),
            value: v.shown(),
        })
        .collect()
}

/// What the grid finds for one indicator.
pub(super) enum Found {
    /// A run-time error, where the script says.
    Failed(ScriptError, Vec<ProbeValue>),
    /// Another problem of the rule.
    Problem(RulesProblem),
    /// A lever that lowers the points when moved its way (the lever's name).
    Lever(String, RulesProblem),
}

/// Runs an indicator on its grid; at most one failure, then every lever that lowers it.
pub(super) fn probe(set: &CriteriaSet, ind: &Indicator, calls: &[StepCall]) -> Vec<Found> {
    let axes = axes(set, ind, calls);
    let sizes: Vec<usize> = axes.iter().map(|a| a.values.len()).collect();
    let total: usize = sizes.iter().product();
    let mut points: HashMap<Vec<usize>, Decimal> = HashMap::new();
    let mut scope = rhai::Scope::new();
    let mut coords = vec![0usize; axes.len()];
    for n in 0..total {
        let mut rest = n;
        for (c, size) in coords.iter_mut().zip(&sizes) {
            *c = rest % size;
            rest /= size;
        }
        let point: Vec<Val> = coords
            .iter()
            .zip(&axes)
            .map(|(c, a)| a.values[*c])
            .collect();
        if !consistent(&axes, &point) {
            continue;
        }
        scope.clear();
        for (a, v) in axes.iter().zip(&point) {
            scope.push_constant_dynamic(a.var.name().to_string(), v.dynamic());
        }
        let ran = crate::script::within_deadline(0, || ind.eval(set.engine(), &mut scope));
        let value = match ran {
            Ok(v) => v,
            Err(e) => return vec![Found::Failed(e, shown(&axes, &point, None))],
        };
        match ind.outcome(value) {
            Ok((_, p)) => {
                points.insert(coords.clone(), p.value());
            }
            Err(Misfit::NotOutcome(value)) => {
                return vec![Found::Problem(RulesProblem::ProbeNoOutcome {
                    indicator: ind.id.to_string(),
                    inputs: shown(&axes, &point, None),
                    found: crate::script::value_kind(&value),
                })];
            }
            Err(Misfit::OutOfRange(p)) => {
                return vec![Found::Problem(RulesProblem::ProbePointsOutOfRange {
                    indicator: ind.id.to_string(),
                    inputs: shown(&axes, &point, None),
                    points: p.normalize(),
                    max: ind.max_points.value().normalize(),
                })];
            }
        }
    }
    levers(ind, &axes, &points)
}

/// Each lever the indicator reads, moved one value of the grid its way from every point: the
/// first move that lowers the points.
fn levers(ind: &Indicator, axes: &[Axis], points: &HashMap<Vec<usize>, Decimal>) -> Vec<Found> {
    let mut out = Vec::new();
    for (a, axis) in axes.iter().enumerate() {
        let Var::Input(input) = &axis.var else {
            continue;
        };
        let Some(lever) = input.lever else { continue };
        // The grid's values of the lever in the order it helps.
        let mut order: Vec<usize> = (0..axis.values.len()).collect();
        order.sort_by_key(|&i| axis.values[i]);
        if lever == Lever::Down {
            order.reverse();
        }
        let mut keys: Vec<&Vec<usize>> = points.keys().collect();
        keys.sort();
        let lowered = keys.into_iter().find_map(|from| {
            let at = order.iter().position(|&i| i == from[a])?;
            let mut to = from.clone();
            to[a] = *order.get(at + 1)?;
            let (before, after) = (points[from], *points.get(&to)?);
            (after < before).then(|| (from.clone(), to, before, after))
        });
        if let Some((from, to, before, after)) = lowered {
            let point: Vec<Val> = from.iter().zip(axes).map(|(c, x)| x.values[*c]).collect();
            out.push(Found::Lever(
                input.name.clone(),
                RulesProblem::LeverLowers {
                    input: input.name.clone(),
                    lever: match lever {
                        Lever::Up => LeverWay::Up,
                        Lever::Down => LeverWay::Down,
                    },
                    indicator: ind.id.to_string(),
                    from: axis.values[from[a]].shown(),
                    to: axis.values[to[a]].shown(),
                    points_from: before.normalize(),
                    points_to: after.normalize(),
                    others: shown(axes, &point, Some(a)),
                },
            ));
        }
    }
    out
}
