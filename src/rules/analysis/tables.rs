//! What a step table can never do right, read from its text before any unit reaches it: a row
//! the rows above it shadow, a threshold outside the values its measure takes, rows that
//! overlap without one containing the other, values no row covers, a rate that can be n/a
//! without an `n/a` row, a fraction among percentages, points outside the indicator's range.
//!
//! Rows apply in order, the first that holds (a DMN "first hit" table): `≥ 98; ≥ 95` is the
//! usual staircase, not an overlap, since every value of the first row is one of the second's.

use rust_decimal::Decimal;

use super::calls::{Compared, StepCall};
use super::interval::{End, Interval, Ranges};
use crate::base::diag::RulesProblem;
use crate::rules::criteria::{CriteriaSet, Indicator, InputType};
use crate::script::table::{Op, StepTable};

/// The values a compared measure can take, as far as the set says.
#[derive(Clone, Debug)]
pub(super) struct Domain {
    pub(super) values: Interval,
    /// Whole numbers only (a count): `> 2` is then `≥ 3`.
    pub(super) whole: bool,
    /// Percentages: thresholds are written in percent.
    pub(super) percent: bool,
    /// The whole of a rate that can be 0 (n/a).
    pub(super) na_whole: Option<String>,
    /// Whether the set says anything of it (a value the script computes: nothing).
    pub(super) known: bool,
}

impl Domain {
    const UNKNOWN: Domain = Domain {
        values: Interval::ALL,
        whole: false,
        percent: false,
        na_whole: None,
        known: false,
    };
}

fn closed(lo: Decimal, hi: Option<Decimal>) -> Interval {
    Interval {
        lo: End::Closed(lo),
        hi: hi.map_or(End::Unbounded, End::Closed),
    }
}

/// What the set says of the values a measure can take.
pub(super) fn domain(set: &CriteriaSet, compared: &Compared) -> Domain {
    let input = |name: &str| set.inputs().iter().find(|i| i.name == name);
    let derived = |name: &str| set.derived().iter().any(|d| d.name == name);
    match compared {
        Compared::Name(name) => match input(name) {
            Some(i) if i.ty == InputType::Bool => Domain::UNKNOWN,
            Some(i) => Domain {
                values: closed(i.lowest(), Some(i.highest())),
                whole: !i.ty.is_decimal(),
                percent: i.ty == InputType::Percent,
                na_whole: None,
                known: true,
            },
            None if derived(name) => Domain {
                values: closed(Decimal::ZERO, None),
                whole: true,
                percent: false,
                na_whole: None,
                known: true,
            },
            None => Domain::UNKNOWN,
        },
        Compared::Rate { part, whole, scale } => {
            // A part declared at most its whole makes a rate of at most its scale (100 %).
            let bounded = input(part).is_some_and(|p| p.at_most.as_deref() == Some(whole));
            let na = match input(whole) {
                Some(w) => w.lowest().is_zero(),
                None => derived(whole),
            };
            Domain {
                values: closed(Decimal::ZERO, bounded.then(|| Decimal::from(*scale))),
                whole: false,
                percent: *scale == 100,
                na_whole: na.then(|| whole.clone()),
                known: true,
            }
        }
        Compared::Other => Domain::UNKNOWN,
    }
}

/// The values a row catches: on whole numbers, `> 2` is `≥ 3` and `= 2.5` is nothing.
fn caught(op: Op, t: Decimal, whole: bool) -> Interval {
    let (floor, ceil) = (t.floor(), t.ceil());
    let (lo, hi) = match (op, whole) {
        (Op::AtLeast, false) => (End::Closed(t), End::Unbounded),
        (Op::AtLeast, true) => (End::Closed(ceil), End::Unbounded),
        (Op::Above, false) => (End::Open(t), End::Unbounded),
        (Op::Above, true) => (End::Closed(floor + Decimal::ONE), End::Unbounded),
        (Op::AtMost, false) => (End::Unbounded, End::Closed(t)),
        (Op::AtMost, true) => (End::Unbounded, End::Closed(floor)),
        (Op::Below, false) => (End::Unbounded, End::Open(t)),
        (Op::Below, true) => (End::Unbounded, End::Closed(ceil - Decimal::ONE)),
        (Op::Equal, true) if floor != t => (End::Open(t), End::Open(t)),
        (Op::Equal, _) => (End::Closed(t), End::Closed(t)),
    };
    Interval { lo, hi }
}

/// Whether a threshold lies outside the values the measure can take.
fn outside(t: Decimal, values: &Interval) -> bool {
    let below = matches!(values.lo, End::Closed(lo) | End::Open(lo) if t < lo);
    let above = matches!(values.hi, End::Closed(hi) | End::Open(hi) if t > hi);
    below || above
}

fn value(end: End) -> Option<Decimal> {
    match end {
        End::Closed(v) | End::Open(v) => Some(v.normalize()),
        End::Unbounded => None,
    }
}

/// Every problem of one table of an indicator, with what its measure can take.
pub(super) fn findings(ind: &Indicator, call: &StepCall, domain: &Domain) -> Vec<RulesProblem> {
    let indicator = || ind.id.to_string();
    let table = match StepTable::parse(call.table) {
        Ok(t) => t,
        Err(detail) => {
            return vec![RulesProblem::StepTableInvalid {
                indicator: indicator(),
                detail,
            }];
        }
    };
    let mut out = Vec::new();
    let max = ind.max_points.value();
    let rows: Vec<(Op, Decimal, Decimal, String)> = table
        .rows()
        .map(|(op, t, p, text)| (op, t, p, text.to_string()))
        .collect();
    let else_row = table.otherwise().map(|p| format!("else {}", p.normalize()));
    let na_row = table.na().map(|p| format!("n/a → {}", p.normalize()));
    let all_points = rows
        .iter()
        .map(|(_, _, p, text)| (*p, text.clone()))
        .chain(table.otherwise().zip(else_row.clone()))
        .chain(table.na().zip(na_row));
    for (points, row) in all_points {
        if points.is_sign_negative() && !points.is_zero() || points > max {
            out.push(RulesProblem::StepPointsOutOfRange {
                indicator: indicator(),
                row,
                points: points.normalize(),
                max: max.normalize(),
            });
        }
    }
    // Row by row: what it catches that the rows above have not.
    let mut above: Vec<(Interval, &str)> = Vec::new();
    let mut left = Ranges::of(domain.values);
    for (op, t, _, text) in &rows {
        let catches = caught(*op, *t, domain.whole).intersect(&domain.values);
        if domain.known && outside(*t, &domain.values) {
            out.push(RulesProblem::StepThresholdOutside {
                indicator: indicator(),
                row: text.clone(),
                lowest: value(domain.values.lo),
                highest: value(domain.values.hi),
            });
        } else if catches.is_empty() || !left.meets(&catches) {
            out.push(RulesProblem::StepRowUnreachable {
                indicator: indicator(),
                row: text.clone(),
                by: above
                    .iter()
                    .find(|(a, _)| !catches.is_empty() && a.contains(&catches))
                    .map(|(_, r)| r.to_string()),
            });
        } else if let Some((shared, earlier)) = above.iter().find_map(|(a, r)| {
            let shared = a.intersect(&catches);
            (!shared.is_empty() && !a.contains(&catches) && !catches.contains(a))
                .then_some((shared, *r))
        }) {
            out.push(RulesProblem::StepRowsOverlap {
                indicator: indicator(),
                row: text.clone(),
                earlier: earlier.to_string(),
                values: shared.range(),
            });
        }
        left = left.minus(&catches, domain.whole);
        above.push((catches, text));
    }
    match else_row {
        Some(row) if domain.known && left.is_empty() => {
            out.push(RulesProblem::StepRowUnreachable {
                indicator: indicator(),
                row,
                by: None,
            })
        }
        None if domain.known && !left.is_empty() => out.push(RulesProblem::StepGap {
            indicator: indicator(),
            values: left.0[0].range(),
        }),
        _ => {}
    }
    if let (Some(whole), None) = (&domain.na_whole, table.na()) {
        out.push(RulesProblem::StepNoNaRow {
            indicator: indicator(),
            whole: whole.clone(),
        });
    }
    if domain.percent {
        for (_, t, _, text) in &rows {
            if *t > Decimal::ZERO && *t < Decimal::ONE {
                out.push(RulesProblem::StepFractionOfPercent {
                    indicator: indicator(),
                    row: text.clone(),
                    meant: (*t * Decimal::ONE_HUNDRED).normalize(),
                });
            }
        }
    }
    out
}
