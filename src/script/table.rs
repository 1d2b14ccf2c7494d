//! Step tables written as text, the way the decree's scoring tables read:
//! `"≥ 98 → 50; ≥ 95 → 30; ≥ 90 → 15; else 0; n/a → 50"`.
//!
//! A table is parsed once per thread and kept with its rows already rendered for the trace, so
//! applying it to a unit is a few exact comparisons and no parsing or formatting.
//!
//! [`StepTable`] is the one reading of a table's text: the rhai vocabulary's `steps` applies it,
//! the native evaluators ([`super::native`]) hold it parsed at load, and a reading of the rules
//! (rows that can never apply, gaps, points above the maximum) can walk its rows.

use std::cell::RefCell;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::rc::Rc;

use rhai::ImmutableString;
use rust_decimal::Decimal;

use super::measure::{Measure, Threshold};
use crate::base::label::Label;

/// How a row compares the measured value with its threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    /// `≥` (or `>=`)
    AtLeast,
    /// `>`
    Above,
    /// `≤` (or `<=`)
    AtMost,
    /// `<`
    Below,
    /// `=` (or `==`)
    Equal,
}

impl Op {
    const SPELLINGS: [(&'static str, Op); 8] = [
        ("≥", Op::AtLeast),
        (">=", Op::AtLeast),
        (">", Op::Above),
        ("≤", Op::AtMost),
        ("<=", Op::AtMost),
        ("<", Op::Below),
        ("==", Op::Equal),
        ("=", Op::Equal),
    ];

    /// Whether a value that compares `order` with the threshold is caught by the row.
    pub(crate) fn holds(self, order: Ordering) -> bool {
        match self {
            Op::AtLeast => order.is_ge(),
            Op::Above => order.is_gt(),
            Op::AtMost => order.is_le(),
            Op::Below => order.is_lt(),
            Op::Equal => order.is_eq(),
        }
    }

    fn sign(self) -> &'static str {
        match self {
            Op::AtLeast => "≥",
            Op::Above => ">",
            Op::AtMost => "≤",
            Op::Below => "<",
            Op::Equal => "=",
        }
    }

    /// The sign of the values no row catches, to name the `else` row in the trace.
    fn complement(self) -> &'static str {
        match self {
            Op::AtLeast => "<",
            Op::Above => "≤",
            Op::AtMost => ">",
            Op::Below => "≥",
            Op::Equal => "≠",
        }
    }
}

/// One row of a step table: `≥ 98 → 50`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Row {
    /// How the measured value is compared with the threshold.
    pub(crate) op: Op,
    /// The threshold, normalised (`98`, `0.5`), in the measure's own unit: a percentage for
    /// `pct`, per so many for `per`, the count itself for a count.
    pub(crate) threshold: Threshold,
    /// The points the row gives.
    pub(crate) points: Decimal,
    /// The row as the trace shows it: `≥ 98 → 50`. Interned: every unit it applies to copies
    /// it into its trace.
    pub(crate) text: Label,
}

/// A parsed step table: its rows in order (the first that holds applies), the `else` row, and
/// the `n/a` row for a rate whose whole is 0. Each of the last two is its points and its text
/// as the trace shows it (`< 90 → 0`, `n/a → 50`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct StepTable {
    /// The rows, in order.
    pub(crate) rows: Vec<Row>,
    /// The `else` row, if any.
    pub(crate) otherwise: Option<(Decimal, Label)>,
    /// The `n/a` row, if any.
    pub(crate) na: Option<(Decimal, Label)>,
}

fn number(s: &str, what: &str, row: &str) -> Result<Decimal, String> {
    // Exactly as written or refused: a threshold with more digits than a decimal holds is
    // never rounded to a neighbouring one.
    crate::base::points::exact_decimal(s.trim())
        .map(|d| d.normalize())
        .ok_or_else(|| {
            format!(
                "step table row {row:?}: {what} {:?} is not a number a decimal holds exactly (write 98 or 0.5, at most 28 digits after the point)",
                s.trim()
            )
        })
}

/// The points after an arrow (`→ 50`, `-> 50`) or, for `else`, a bare number.
fn points(rest: &str, row: &str, arrow_optional: bool) -> Result<Decimal, String> {
    let rest = rest.trim();
    let after = rest
        .strip_prefix('→')
        .or_else(|| rest.strip_prefix("->"))
        .or(arrow_optional.then_some(rest))
        .ok_or_else(|| format!("step table row {row:?}: expected → before the points"))?;
    number(after, "the points", row)
}

impl StepTable {
    /// Reads a table's text; the error says which row is wrong and what was expected.
    pub(crate) fn parse(text: &str) -> Result<StepTable, String> {
        let mut table = StepTable {
            rows: Vec::new(),
            otherwise: None,
            na: None,
        };
        for row in text.split(';').map(str::trim).filter(|r| !r.is_empty()) {
            if let Some(rest) = row.strip_prefix("n/a") {
                let p = points(rest, row, false)?;
                table.na = Some((p, Label::interned(&format!("n/a → {p}"))));
            } else if let Some(rest) = row.strip_prefix("else") {
                let p = points(rest, row, true)?;
                let text = match table.rows.last() {
                    Some(last) => {
                        format!("{} {} → {p}", last.op.complement(), last.threshold.value())
                    }
                    None => format!("→ {p}"),
                };
                table.otherwise = Some((p, Label::interned(&text)));
            } else if table.otherwise.is_some() {
                return Err(format!(
                    "step table row {row:?}: comes after `else`, so it can never apply"
                ));
            } else {
                let (spelling, op) = Op::SPELLINGS
                    .into_iter()
                    .find(|(s, _)| row.starts_with(s))
                    .ok_or_else(|| {
                        format!("step table row {row:?}: expected ≥, >, ≤, <, =, else or n/a")
                    })?;
                let rest = &row[spelling.len()..];
                let arrow = rest.find('→').or_else(|| rest.find("->")).ok_or_else(|| {
                    format!("step table row {row:?}: expected → before the points")
                })?;
                let threshold = number(&rest[..arrow], "the threshold", row)?;
                let points = points(&rest[arrow..], row, false)?;
                let text = Label::interned(&format!("{} {threshold} → {points}", op.sign()));
                table.rows.push(Row {
                    op,
                    threshold: Threshold::new(threshold),
                    points,
                    text,
                });
            }
        }
        if table.rows.is_empty() && table.otherwise.is_none() {
            return Err(format!("step table {text:?} has no row"));
        }
        Ok(table)
    }

    /// The points and the row's text for a measured value: the first row that holds, else the
    /// `else` row; the `n/a` row for a rate whose whole is 0.
    pub(crate) fn apply(&self, measure: &Measure) -> Result<(Decimal, &Label), String> {
        let na = || match measure {
            Measure::Rate(r) => format!(
                "the rate {}/{} has a whole of 0 (n/a) and the step table has no `n/a → points` row",
                r.part, r.whole
            ),
            Measure::Count { .. } | Measure::Value(_) => String::new(),
        };
        if measure.is_na() {
            return self.na.as_ref().map(|(p, t)| (*p, t)).ok_or_else(na);
        }
        let compare = measure.comparer();
        for row in &self.rows {
            let order = compare(&row.threshold).ok_or_else(na)?;
            if row.op.holds(order) {
                return Ok((row.points, &row.text));
            }
        }
        self.otherwise
            .as_ref()
            .map(|(p, t)| (*p, t))
            .ok_or_else(|| "no row of the step table holds and it has no `else` row".to_string())
    }
}

/// What the analysis of the rules reads of a table (`rules::analysis`): its rows in order,
/// its `else` and its `n/a` points; the same parse as scoring uses.
impl StepTable {
    /// Each row: how it compares, its threshold, its points, its text as the trace prints it.
    pub(crate) fn rows(&self) -> impl Iterator<Item = (Op, Decimal, Decimal, &str)> {
        self.rows
            .iter()
            .map(|r| (r.op, r.threshold.value(), r.points, r.text.as_str()))
    }

    /// The points of the `else` row, when there is one.
    pub(crate) fn otherwise(&self) -> Option<Decimal> {
        self.otherwise.as_ref().map(|(p, _)| *p)
    }

    /// The points of the `n/a` row, when there is one.
    pub(crate) fn na(&self) -> Option<Decimal> {
        self.na.as_ref().map(|(p, _)| *p)
    }
}

/// Distinct tables kept per thread; more than this means a script builds tables on the fly,
/// and the cache starts over rather than grow without bound.
const CACHE_LIMIT: usize = 512;

thread_local! {
    static CACHE: RefCell<HashMap<ImmutableString, Rc<StepTable>>> = RefCell::new(HashMap::new());
}

/// The parsed table for a text, from the thread's cache.
pub(crate) fn cached(text: ImmutableString) -> Result<Rc<StepTable>, String> {
    CACHE.with(|cache| {
        if let Some(t) = cache.borrow().get(&text) {
            return Ok(Rc::clone(t));
        }
        let table = Rc::new(StepTable::parse(&text)?);
        let mut cache = cache.borrow_mut();
        if cache.len() >= CACHE_LIMIT {
            cache.clear();
        }
        cache.insert(text, Rc::clone(&table));
        Ok(table)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::Ratio;

    fn rate(part: u64, whole: u64) -> Measure {
        Measure::Rate(Ratio {
            part,
            whole,
            scale: 100,
        })
    }

    #[test]
    fn rows_apply_in_order_on_exact_values() {
        let t = StepTable::parse("≥ 98 → 50; ≥ 95 → 30; >= 90 -> 15; else 0; n/a → 50").unwrap();
        assert_eq!(
            t.apply(&rate(98, 100))
                .map(|(p, r)| (p, r.as_str()))
                .unwrap(),
            (Decimal::from(50), "≥ 98 → 50")
        );
        assert_eq!(
            t.apply(&rate(97999, 100000))
                .map(|(p, r)| (p, r.as_str()))
                .unwrap(),
            (Decimal::from(30), "≥ 95 → 30")
        );
        assert_eq!(
            t.apply(&rate(90, 100))
                .map(|(p, r)| (p, r.as_str()))
                .unwrap(),
            (Decimal::from(15), "≥ 90 → 15")
        );
        assert_eq!(
            t.apply(&rate(899, 1000))
                .map(|(p, r)| (p, r.as_str()))
                .unwrap(),
            (Decimal::from(0), "< 90 → 0")
        );
        assert_eq!(
            t.apply(&rate(0, 0)).map(|(p, r)| (p, r.as_str())).unwrap(),
            (Decimal::from(50), "n/a → 50")
        );
        let low = StepTable::parse("≤ 0.5 → 50; ≤ 1 → 25; else 0").unwrap();
        assert_eq!(
            low.apply(&Measure::Count { value: 1 })
                .map(|(p, r)| (p, r.as_str()))
                .unwrap(),
            (Decimal::from(25), "≤ 1 → 25")
        );
        assert_eq!(
            low.apply(&Measure::Count { value: 2 })
                .map(|(p, r)| (p, r.as_str()))
                .unwrap(),
            (Decimal::from(0), "> 1 → 0")
        );
        let eq = StepTable::parse("= 0 → 50; else → 0").unwrap();
        assert_eq!(
            eq.apply(&Measure::Count { value: 3 })
                .map(|(p, r)| (p, r.as_str()))
                .unwrap(),
            (Decimal::from(0), "≠ 0 → 0")
        );
    }

    #[test]
    fn mistakes_are_named() {
        for (table, words) in [
            ("≥ 98 50", "expected →"),
            ("≥ x → 50", "threshold \"x\" is not a number"),
            ("about 98 → 50", "expected ≥"),
            ("else 0; ≥ 98 → 50", "after `else`"),
            ("", "has no row"),
        ] {
            let err = StepTable::parse(table).unwrap_err();
            assert!(err.contains(words), "{table}: {err}");
        }
        let no_na = StepTable::parse("≥ 98 → 50; else 0").unwrap();
        assert!(no_na.apply(&rate(0, 0)).unwrap_err().contains("n/a"));
        let no_else = StepTable::parse("≥ 98 → 50").unwrap();
        assert!(
            no_else
                .apply(&rate(1, 2))
                .unwrap_err()
                .contains("no `else` row")
        );
    }
}
