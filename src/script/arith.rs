//! Exact arithmetic in scripts: the operators between whole numbers, decimals, rates and
//! fractions, the rounding functions named by their rule, and `linear`.
//!
//! rhai divides two whole numbers as integers (`7 / 2` is 3) and rounds decimals at 28
//! digits; a decree's formula must never be decided by either. So here `/` between any two
//! numbers gives an exact [`Fraction`], `*` is exact between any two (a decimal or an error
//! between decimals), and `+ -` and comparisons with a fraction or a rate are exact.
//!
//! rhai's fast built-in operators stay on: turned off, every `+` and `==` of every script
//! looks its function up, which measured +40 % on a step script and ×2.3 on a loop. Instead `/`
//! and `*` are disabled as built-ins and registered again as custom operators with the same
//! precedence, so only they go through the registry; whole numbers keep rhai's own checked
//! `+ -` and comparisons, decimals rhai's `+ -` (exact while a sum has at most 28
//! significant digits). `/=` and `*=` are refused when a script loads (they would use the
//! built-ins): a script writes `x = x / y`.
//!
//! A value only ever loses precision in a rounding function, which records the exact value it
//! rounded so that the trace can show it.

use std::cell::RefCell;
use std::cmp::Ordering;

use rhai::{Dynamic, Engine, INT};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::exact::{ExactError, Fraction, RoundingRule};
use super::measure::{Fallible, Ratio};

/// A value a script can compute with exactly.
trait Number: Clone + Send + Sync + 'static {
    fn exact(&self) -> Fallible<Fraction>;
}

impl Number for INT {
    fn exact(&self) -> Fallible<Fraction> {
        Ok(Fraction::from_int(*self))
    }
}

impl Number for Decimal {
    fn exact(&self) -> Fallible<Fraction> {
        Ok(Fraction::from_decimal(*self))
    }
}

impl Number for Fraction {
    fn exact(&self) -> Fallible<Fraction> {
        Ok(*self)
    }
}

impl Number for Ratio {
    fn exact(&self) -> Fallible<Fraction> {
        Ratio::exact(self).ok_or_else(|| {
            format!(
                "the rate {}/{} has a whole of 0 (n/a): test is_na(…) before computing with it",
                self.part, self.whole
            )
            .into()
        })
    }
}

/// Any number a script passes (whole, decimal, fraction or rate), read exactly.
pub(crate) fn exact_value(d: &Dynamic, what: &str) -> Fallible<Fraction> {
    if let Ok(n) = d.as_int() {
        n.exact()
    } else if let Ok(x) = d.as_decimal() {
        x.exact()
    } else if let Some(f) = d.read_lock::<Fraction>() {
        Ok(*f)
    } else if let Some(r) = d.read_lock::<Ratio>() {
        Number::exact(&*r)
    } else {
        Err(format!("{what} must be a number, got {}", d.type_name()).into())
    }
}

/// Any number a script passes, as an exact decimal: a fraction whose expansion does not end
/// (1/3) is refused with the advice to round it.
pub(crate) fn exact_decimal(d: &Dynamic, what: &str) -> Fallible<Decimal> {
    if let Ok(x) = d.as_decimal() {
        return Ok(x);
    }
    let x = exact_value(d, what)?;
    x.to_decimal().ok_or_else(|| {
        format!(
            "{what} {x} is not an exact decimal: round it with round_half_up(x, 0.5), round_half_even, round_down or round_up"
        )
        .into()
    })
}

/// The words for a failed exact operation `a op b`.
fn failed(err: ExactError, a: Fraction, op: &str, b: Fraction) -> Box<rhai::EvalAltResult> {
    match err {
        ExactError::TooLarge => {
            format!("{a} {op} {b} is too large to compute exactly (numerators and denominators must stay below 1.7 × 10^38)")
        }
        ExactError::DivisionByZero => format!("division by zero: {a} {op} {b}"),
    }
    .into()
}

#[derive(Clone, Copy)]
enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

impl Op {
    const ALL: [Op; 4] = [Op::Add, Op::Sub, Op::Mul, Op::Div];

    fn symbol(self) -> &'static str {
        match self {
            Op::Add => "+",
            Op::Sub => "-",
            Op::Mul => "*",
            Op::Div => "/",
        }
    }

    fn apply(self, a: Fraction, b: Fraction) -> Fallible<Fraction> {
        match self {
            Op::Add => a.checked_add(b),
            Op::Sub => a.checked_sub(b),
            Op::Mul => a.checked_mul(b),
            Op::Div => a.checked_div(b),
        }
        .map_err(|e| failed(e, a, self.symbol(), b))
    }

    /// The exact result as a decimal, for `+ - *` between decimals and whole numbers, which
    /// keep their type; an error rather than the rounded value when it does not fit.
    fn apply_decimal(self, a: Fraction, b: Fraction) -> Fallible<Decimal> {
        let x = self.apply(a, b)?;
        x.to_decimal()
            .ok_or_else(|| failed(ExactError::TooLarge, a, self.symbol(), b))
    }
}

/// An operator's symbol and the orderings for which it holds.
type Comparison = (&'static str, fn(Ordering) -> bool);

/// Comparisons between two numbers, at least one a fraction or a rate.
const COMPARISONS: [Comparison; 6] = [
    ("<", Ordering::is_lt),
    ("<=", Ordering::is_le),
    (">", Ordering::is_gt),
    (">=", Ordering::is_ge),
    ("==", Ordering::is_eq),
    ("!=", Ordering::is_ne),
];

/// `+ - * /` and comparisons giving fractions, for a pair where one is a fraction or a rate.
fn register_exact_pair<A: Number, B: Number>(engine: &mut Engine) {
    for op in Op::ALL {
        engine.register_fn(op.symbol(), move |a: A, b: B| -> Fallible<Fraction> {
            op.apply(a.exact()?, b.exact()?)
        });
    }
    for (symbol, holds) in COMPARISONS {
        engine.register_fn(symbol, move |a: A, b: B| -> Fallible<bool> {
            Ok(holds(a.exact()?.cmp(&b.exact()?)))
        });
    }
}

/// `/` and `*` between decimals and whole numbers: `/` gives a fraction, `*` an exact decimal
/// (rhai's own rounds beyond 28 digits).
fn register_decimal_pair<A: Number, B: Number>(engine: &mut Engine) {
    engine
        .register_fn("/", |a: A, b: B| -> Fallible<Fraction> {
            Op::Div.apply(a.exact()?, b.exact()?)
        })
        .register_fn("*", |a: A, b: B| -> Fallible<Decimal> {
            Op::Mul.apply_decimal(a.exact()?, b.exact()?)
        });
}

/// The pairs of every kind of number, each registered once.
macro_rules! exact_pairs {
    ($engine:expr; $($a:ty),*) => {
        $(
            register_exact_pair::<$a, Fraction>($engine);
            register_exact_pair::<$a, Ratio>($engine);
        )*
        register_exact_pair::<Fraction, INT>($engine);
        register_exact_pair::<Fraction, Decimal>($engine);
        register_exact_pair::<Ratio, INT>($engine);
        register_exact_pair::<Ratio, Decimal>($engine);
    };
}

/// A rounding function for one kind of value, alone and with a step of every kind.
fn register_rounding<A: Number, B: Number>(engine: &mut Engine, rule: RoundingRule, name: &str) {
    engine
        .register_fn(name, move |x: A| round_exact(x.exact()?, None, rule))
        .register_fn(name, move |x: A, step: B| {
            round_exact(x.exact()?, Some(step.exact()?), rule)
        });
}

/// [`register_rounding`] for every pair of kinds of number.
macro_rules! rounding_pairs {
    ($engine:expr, $rule:expr, $name:expr; $($a:ty),*) => {
        $(
            register_rounding::<$a, INT>($engine, $rule, $name);
            register_rounding::<$a, Decimal>($engine, $rule, $name);
            register_rounding::<$a, Fraction>($engine, $rule, $name);
            register_rounding::<$a, Ratio>($engine, $rule, $name);
        )*
    };
}

/// A rounding a script did: the exact value, the rule and the step, for the trace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub struct Rounding {
    /// The function that rounded, e.g. `round_half_up`.
    pub function: RoundingRule,
    /// The step it rounded to; absent for whole numbers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<Fraction>,
    /// The exact value before rounding.
    pub exact: Fraction,
}

/// Roundings remembered per thread: a ring, so that a script rounding in a loop (or a caller
/// that never forgets them) keeps memory bounded; the newest always has a place.
const MAX_ROUNDINGS: usize = 1024;

/// The latest roundings on a thread, with their results, and where the next one goes.
struct Ring {
    records: Vec<(Decimal, Rounding)>,
    next: usize,
}

thread_local! {
    static ROUNDINGS: RefCell<Ring> = const {
        RefCell::new(Ring {
            records: Vec::new(),
            next: 0,
        })
    };
}

/// Forgets the roundings of the previous script; called before each indicator runs.
pub(crate) fn forget_roundings() {
    ROUNDINGS.with_borrow_mut(|r| {
        r.records.clear();
        r.next = 0;
    });
}

/// The rounding that produced `value`, when the value came straight from a rounding function
/// (its tag names the record, and the record's result must be this very value).
pub(crate) fn rounding_of(value: &Dynamic, points: Decimal) -> Option<Rounding> {
    let index = usize::try_from(value.tag()).ok()?.checked_sub(1)?;
    ROUNDINGS.with_borrow(|r| {
        r.records
            .get(index)
            .filter(|(result, _)| *result == points)
            .map(|(_, rounding)| rounding.clone())
    })
}

fn round(x: &Dynamic, step: Option<&Dynamic>, rule: RoundingRule) -> Fallible<Dynamic> {
    let exact = exact_value(x, "the value to round")?;
    let step = step.map(|s| exact_value(s, "the step")).transpose()?;
    round_exact(exact, step, rule)
}

fn round_exact(exact: Fraction, step: Option<Fraction>, rule: RoundingRule) -> Fallible<Dynamic> {
    let by = step.unwrap_or(Fraction::ONE);
    if by <= Fraction::ZERO {
        return Err(format!("the step to round to must be above 0, got {by}").into());
    }
    let name = rule.function();
    let rounded = exact
        .round_to(by, rule)
        .map_err(|e| failed(e, exact, name, by))?;
    let result = rounded.to_decimal().ok_or_else(|| {
        format!("{name}({exact}, {by}) gives {rounded}, which is not a decimal: round to a decimal step such as 0.5 or 0.25")
    })?;
    let mut value = Dynamic::from_decimal(result);
    ROUNDINGS.with_borrow_mut(|ring| {
        let record = (
            result,
            Rounding {
                function: rule,
                step,
                exact,
            },
        );
        let place = ring.next;
        if place < ring.records.len() {
            ring.records[place] = record;
        } else {
            ring.records.push(record);
        }
        ring.next = (place + 1) % MAX_ROUNDINGS;
        // The tag is the record's place counted from 1 (0 means untagged); below 1025, it
        // fits any rhai tag.
        if let Ok(tag) = (place + 1).try_into() {
            value.set_tag(tag);
        }
    });
    Ok(value)
}

/// `p0` at or below `x0`, `p1` at or above `x1`, the straight line between, exactly.
fn linear(
    x: &Dynamic,
    x0: &Dynamic,
    x1: &Dynamic,
    p0: &Dynamic,
    p1: &Dynamic,
) -> Fallible<Fraction> {
    let [x, x0, x1, p0, p1] = [
        (x, "linear's x"),
        (x0, "linear's x0"),
        (x1, "linear's x1"),
        (p0, "linear's p0"),
        (p1, "linear's p1"),
    ]
    .map(|(v, what)| exact_value(v, what));
    let (x, x0, x1, p0, p1) = (x?, x0?, x1?, p0?, p1?);
    if x0 >= x1 {
        return Err(format!(
            "linear(x, x0, x1, p0, p1) needs x0 below x1, got x0 = {x0} and x1 = {x1}"
        )
        .into());
    }
    if x <= x0 {
        return Ok(p0);
    }
    if x >= x1 {
        return Ok(p1);
    }
    let step = |r: Result<Fraction, ExactError>| {
        r.map_err(|_| -> Box<rhai::EvalAltResult> {
            format!("linear({x}, {x0}, {x1}, {p0}, {p1}) is too large to compute exactly").into()
        })
    };
    // p0 + (x − x0) × (p1 − p0) / (x1 − x0)
    let rise = step(p1.checked_sub(p0))?;
    let run = step(x1.checked_sub(x0))?;
    let along = step(x.checked_sub(x0))?;
    step(
        along
            .checked_mul(rise)
            .and_then(|v| v.checked_div(run))
            .and_then(|v| p0.checked_add(v)),
    )
}

/// Precedence of rhai's own `*` and `/`, kept by the custom operators that replace them.
const MULTIPLICATIVE: u8 = 180;

/// Registers exact arithmetic, the rounding functions and `linear`.
pub(crate) fn register(engine: &mut Engine) {
    for symbol in ["/", "*"] {
        engine.disable_symbol(symbol);
        // Cannot fail: the symbol was just disabled and the precedence is not zero.
        let _ = engine.register_custom_operator(symbol, MULTIPLICATIVE);
    }
    engine.disable_symbol("/=").disable_symbol("*=");
    engine
        .register_type_with_name::<Fraction>("Fraction")
        .register_fn("to_string", |f: &mut Fraction| f.to_string())
        .register_fn("to_debug", |f: &mut Fraction| f.to_string())
        .register_fn("-", |f: Fraction| -> Fallible<Fraction> {
            f.checked_neg()
                .map_err(|e| failed(e, Fraction::ZERO, "-", f))
        })
        .register_fn("-", |r: Ratio| -> Fallible<Fraction> {
            let f = Number::exact(&r)?;
            f.checked_neg()
                .map_err(|e| failed(e, Fraction::ZERO, "-", f))
        })
        .register_fn("*", |a: INT, b: INT| -> Fallible<INT> {
            a.checked_mul(b)
                .ok_or_else(|| failed(ExactError::TooLarge, a.into(), "*", b.into()))
        });
    exact_pairs!(engine; INT, Decimal, Fraction, Ratio);
    engine.register_fn("/", |a: INT, b: INT| -> Fallible<Fraction> {
        Op::Div.apply(a.into(), b.into())
    });
    register_decimal_pair::<INT, Decimal>(engine);
    register_decimal_pair::<Decimal, INT>(engine);
    register_decimal_pair::<Decimal, Decimal>(engine);
    for (rule, name) in RoundingRule::ALL {
        // rhai has its own `round_half_up(decimal, digits)` and the like, where the second
        // argument counts decimal places: every numeric pair is registered here, ahead of
        // them, so that the second argument is always the step and the rounding is traced.
        rounding_pairs!(engine, rule, name; INT, Decimal, Fraction, Ratio);
        engine
            .register_fn(name, move |x: Dynamic| round(&x, None, rule))
            .register_fn(name, move |x: Dynamic, step: Dynamic| {
                round(&x, Some(&step), rule)
            });
    }
    engine.register_fn(
        "linear",
        |x: Dynamic, x0: Dynamic, x1: Dynamic, p0: Dynamic, p1: Dynamic| {
            linear(&x, &x0, &x1, &p0, &p1)
        },
    );
}
