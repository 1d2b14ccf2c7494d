//! The sandbox in which criteria and policy scripts run, and the vocabulary they are given.
//!
//! Scripts are untrusted data: every engine made here limits operations, call depth,
//! expression depth, string, array and map sizes, forbids `eval` and module imports, and
//! swallows `print`/`debug` so a script cannot write to the council's terminal or logs.
//!
//! An indicator script reads the declared inputs (whole numbers and booleans, as constants)
//! and must end with an *outcome*, built by one of:
//!
//! - `steps(x, "≥ 98 → 50; ≥ 95 → 30; ≥ 90 → 15; else 0; n/a → 50")` — a step table written
//!   as the decree writes it: the first row that holds gives the points (`≥ > ≤ < =`), then
//!   `else`; `n/a` is the row for a rate whose whole is 0;
//! - `award(points, "why")` — points and the rule that applied, for yes/no rules;
//! - `at_least(x, [[98.0, 50], [95.0, 30]], 0)` / `at_most(x, [[0.5, 50]], 0)` — the same
//!   steps as arrays, kept for sets written that way.
//!
//! `x` is a count, a decimal, an exact fraction or a rate made by `pct(part, whole)`
//! (part × 100 / whole) or `per(part, whole, n)` (part × n / whole), compared exactly (by
//! cross-multiplication, never on a rounded value). A rate whose whole is 0 is *n/a*: a table
//! without an `n/a` row, or `at_least`/`at_most`, refuse it with an error — never a silent 0;
//! `is_na(r)` tests it.
//!
//! Arithmetic is exact: `/` gives a fraction, and only the rounding functions
//! (`round_half_up`, `round_half_even`, `round_down`, `round_up`) round, recording the exact
//! value for the trace.
//!
//! The shapes most indicators are written in (a step table over a rate, a count or an amount;
//! a yes/no `award`; early answers before a table) are also recognised at load and run natively
//! (`Program`, in `native.rs`), with the identical outcome; rhai runs the rest.

mod arith;
mod exact;
mod measure;
mod native;
pub(crate) mod table;

pub use arith::Rounding;
pub(crate) use arith::forget_roundings;
pub use exact::{ExactError, Fraction, ParseFractionError, RoundingRule};
use measure::Fallible;
pub use measure::{Measure, Ratio};
pub(crate) use native::{Answer, Program, Slot, VarType};
// The recognised structure as a whole, for readings of the rules beyond scoring (which rows
// can apply, gaps, thresholds outside a measure's range).
#[allow(
    unused_imports,
    reason = "the recognised structure is one crate-wide vocabulary"
)]
pub(crate) use native::{Cmp, Cond, Measured, Operand};
#[allow(
    unused_imports,
    reason = "the recognised structure is one crate-wide vocabulary"
)]
pub(crate) use table::{Op, Row, StepTable};

use std::cell::Cell;
use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;
use std::time::{Duration, Instant};

use rhai::{Array, Dynamic, Engine, EvalAltResult, INT, ImmutableString, Position};
use rust_decimal::Decimal;

use crate::base::diag::ScriptValue;
use crate::base::label::Label;

use self::arith::exact_decimal;

/// Operations one script run may take; a step script needs a few dozen, a disqualifier over a
/// year's incidents a few thousand. `loop {}` stops here in milliseconds.
pub const MAX_OPERATIONS: u64 = 200_000;
/// Nested function calls a script may make.
pub const MAX_CALL_LEVELS: usize = 24;
/// Longest string a script may build, in bytes.
pub const MAX_STRING_SIZE: usize = 4_096;
/// Largest array a script may build.
pub const MAX_ARRAY_SIZE: usize = 10_000;
/// Deepest nesting of expressions (values, brackets, calls) at the top level of a script; 32 in
/// functions. Checked while parsing, so `[[[[…]]]]` 100,000 deep is a located error, never a
/// stack overflow.
pub const MAX_EXPR_DEPTH: usize = 64;
/// Deepest nesting of expressions inside a script's functions.
pub const MAX_FN_EXPR_DEPTH: usize = 32;
/// Largest map a script may build.
pub const MAX_MAP_SIZE: usize = 256;

/// Wall-clock time all the scripts of one unit may take together (every indicator and every
/// disqualifier), plus [`TIME_PER_INCIDENT`] for each incident of its register. The operations limit alone does not bound time: one operation may be a
/// built-in such as `contains` over a 10,000-item array, so a loop of them ran for minutes.
/// Legitimate scripts take microseconds (a 12,000-incident register: a few milliseconds in
/// a release build), so this only ever stops a hostile or broken script.
pub const MAX_UNIT_TIME: Duration = Duration::from_millis(250);

thread_local! {
    /// When the scripts of the unit being evaluated on this thread must have ended.
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// Time added to a unit's budget per incident of its register: conditions go over the
/// register, and the evidence must never count against the sandbox. A 10,000-incident
/// register took ~60 µs per incident in an unoptimised (test) build on a loaded machine; the
/// allowance leaves room for that, so legitimate evidence never runs out of time.
pub const TIME_PER_INCIDENT: Duration = Duration::from_micros(100);

/// The wall-clock budget of a unit's scripts with a register of `incidents` entries.
pub fn unit_time(incidents: usize) -> Duration {
    let n = u32::try_from(incidents).unwrap_or(u32::MAX);
    MAX_UNIT_TIME.saturating_add(TIME_PER_INCIDENT.saturating_mul(n))
}

/// Runs `f` (the scripts of one unit, with a register of `incidents` entries) under the
/// [`unit_time`] deadline. Nested calls share the outer deadline, so a unit's indicators and
/// disqualifiers have one budget together.
pub(crate) fn within_deadline<T>(incidents: usize, f: impl FnOnce() -> T) -> T {
    let outer = DEADLINE.get();
    if outer.is_none() {
        DEADLINE.set(Instant::now().checked_add(unit_time(incidents)));
    }
    // Restored even if `f` unwinds, so the thread's next unit gets its own budget.
    struct Restore(Option<Instant>);
    impl Drop for Restore {
        fn drop(&mut self) {
            DEADLINE.set(self.0);
        }
    }
    let _restore = Restore(outer);
    f()
}

/// The token `on_progress` stops a script with when its unit's time is up.
const OUT_OF_TIME: &str = "cfc: out of time";

/// The result of one indicator script: points, the rule row that gave them, what was measured.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Points as the script gave them; checked against the indicator's maximum by the caller.
    pub points: Decimal,
    /// The row of the rule that applied, e.g. `≥ 98 → 50` or the script's own words.
    pub row: Label,
    /// The value compared, when the outcome came from a step table.
    pub measure: Option<Measure>,
    /// The exact value before rounding, when the points came straight from a rounding
    /// function.
    pub rounding: Option<Box<Rounding>>,
}

fn count(n: INT, what: &str) -> Fallible<u64> {
    u64::try_from(n).map_err(|_| format!("{what} must be a whole number ≥ 0, got {n}").into())
}

fn pct(part: INT, whole: INT) -> Fallible<Ratio> {
    per(part, whole, 100)
}

fn per(part: INT, whole: INT, scale: INT) -> Fallible<Ratio> {
    let rate = Ratio {
        part: count(part, "the part of a rate")?,
        whole: count(whole, "the whole of a rate")?,
        scale: count(scale, "the scale of a rate")?,
    };
    // Refused here, where the script's line is known, rather than overflow later in a
    // comparison or in the trace.
    if Decimal::from(rate.part)
        .checked_mul(Decimal::from(rate.scale))
        .is_none()
    {
        return Err(format!(
            "the rate {part} × {scale} / {whole} is too large to compute exactly (part × scale must stay below 7.9 × 10^28)"
        )
        .into());
    }
    Ok(rate)
}

fn award(points: Dynamic, row: &str) -> Fallible<Outcome> {
    let value = exact_decimal(&points, "points")?;
    Ok(Outcome {
        points: value,
        row: row.into(),
        measure: None,
        rounding: arith::rounding_of(&points, value).map(Box::new),
    })
}

#[derive(Clone, Copy)]
enum Direction {
    AtLeast,
    AtMost,
}

/// The first row of a step table that holds, else `otherwise`.
fn steps(
    measure: Measure,
    rows: Array,
    otherwise: Dynamic,
    direction: Direction,
) -> Fallible<Outcome> {
    let (wanted, sign, else_sign) = match direction {
        Direction::AtLeast => ([Ordering::Greater, Ordering::Equal], "≥", "<"),
        Direction::AtMost => ([Ordering::Less, Ordering::Equal], "≤", ">"),
    };
    let mut last = None;
    for row in rows {
        let pair = row
            .into_array()
            .map_err(|_| "each step must be [threshold, points]".to_string())?;
        let [threshold, points] = <[Dynamic; 2]>::try_from(pair)
            .map_err(|_| "each step must be [threshold, points]".to_string())?;
        let threshold = exact_decimal(&threshold, "a step's threshold")?;
        let points = exact_decimal(&points, "a step's points")?;
        let Some(order) = measure.compare(threshold) else {
            let Measure::Rate(r) = &measure else { break };
            return Err(format!(
                "the rate {}/{} has a whole of 0 (n/a): test is_na(…) before comparing it",
                r.part, r.whole
            )
            .into());
        };
        if wanted.contains(&order) {
            return Ok(Outcome {
                row: format!("{sign} {} → {}", threshold.normalize(), points.normalize()).into(),
                points,
                measure: Some(measure),
                rounding: None,
            });
        }
        last = Some(threshold);
    }
    let points = exact_decimal(&otherwise, "the points when no step holds")?;
    let row = match last {
        Some(t) => format!("{else_sign} {} → {}", t.normalize(), points.normalize()),
        None => format!("→ {}", points.normalize()),
    }
    .into();
    Ok(Outcome {
        points,
        row,
        measure: Some(measure),
        rounding: None,
    })
}

/// A step table given as text (see [`table`]).
fn step_table(measure: Measure, text: ImmutableString) -> Fallible<Outcome> {
    let table = table::cached(text)?;
    let (points, row) = table.apply(&measure)?;
    Ok(Outcome {
        points,
        row: row.clone(),
        measure: Some(measure),
        rounding: None,
    })
}

fn register_vocabulary(engine: &mut Engine) {
    let rate = |direction| {
        move |r: Ratio, rows: Array, otherwise: Dynamic| -> Fallible<Outcome> {
            steps(Measure::Rate(r), rows, otherwise, direction)
        }
    };
    let count_steps = |direction| {
        move |n: INT, rows: Array, otherwise: Dynamic| -> Fallible<Outcome> {
            let value = count(n, "the compared count")?;
            steps(Measure::Count { value }, rows, otherwise, direction)
        }
    };
    engine
        .register_type_with_name::<Ratio>("Rate")
        .register_type_with_name::<Outcome>("Outcome")
        .register_fn("pct", pct)
        .register_fn("per", per)
        .register_fn("is_na", |r: &mut Ratio| r.whole == 0)
        .register_get("value", |r: &mut Ratio| -> Dynamic {
            r.exact().map_or(Dynamic::UNIT, Dynamic::from)
        })
        .register_get("part", |r: &mut Ratio| r.part as INT)
        .register_get("whole", |r: &mut Ratio| r.whole as INT)
        .register_fn("award", award)
        .register_fn("steps", |r: Ratio, table: ImmutableString| {
            step_table(Measure::Rate(r), table)
        })
        .register_fn(
            "steps",
            |n: INT, table: ImmutableString| -> Fallible<Outcome> {
                let value = count(n, "the compared count")?;
                step_table(Measure::Count { value }, table)
            },
        )
        .register_fn("at_least", rate(Direction::AtLeast))
        .register_fn("at_most", rate(Direction::AtMost))
        .register_fn("at_least", count_steps(Direction::AtLeast))
        .register_fn("at_most", count_steps(Direction::AtMost));
    // A decimal or a fraction the script computed, compared exactly.
    let value = |direction| {
        move |x: Fraction, rows: Array, otherwise: Dynamic| -> Fallible<Outcome> {
            steps(Measure::Value(x), rows, otherwise, direction)
        }
    };
    let decimal = |direction| {
        move |x: Decimal, rows: Array, otherwise: Dynamic| -> Fallible<Outcome> {
            steps(Measure::Value(x.into()), rows, otherwise, direction)
        }
    };
    engine
        .register_fn("steps", |x: Fraction, table: ImmutableString| {
            step_table(Measure::Value(x), table)
        })
        .register_fn("steps", |x: Decimal, table: ImmutableString| {
            step_table(Measure::Value(x.into()), table)
        })
        .register_fn("at_least", value(Direction::AtLeast))
        .register_fn("at_most", value(Direction::AtMost))
        .register_fn("at_least", decimal(Direction::AtLeast))
        .register_fn("at_most", decimal(Direction::AtMost));
    arith::register(engine);
}

/// Names a script may not use for an input: the vocabulary above and rhai's own keywords.
pub(crate) const RESERVED: &[&str] = &[
    "pct",
    "per",
    "is_na",
    "award",
    "at_least",
    "steps",
    "at_most",
    "incidents",
    "value",
    "part",
    "whole",
    "round_half_up",
    "round_half_even",
    "round_down",
    "round_up",
    "linear",
    "let",
    "const",
    "if",
    "else",
    "switch",
    "do",
    "while",
    "until",
    "loop",
    "for",
    "in",
    "continue",
    "break",
    "return",
    "throw",
    "try",
    "catch",
    "fn",
    "private",
    "import",
    "export",
    "as",
    "true",
    "false",
    "this",
    "is_def_var",
    "is_def_fn",
    "is_shared",
    "eval",
    "global",
    "Fn",
    "call",
    "curry",
    "type_of",
    "print",
    "debug",
    "static",
    "var",
    "new",
    "use",
    "with",
    "module",
];

/// A rhai engine with the sandbox limits and the scripts' vocabulary.
pub fn sandbox() -> Engine {
    let mut engine = Engine::new();
    engine
        .set_strict_variables(true)
        .set_max_operations(MAX_OPERATIONS)
        .set_max_call_levels(MAX_CALL_LEVELS)
        .set_max_expr_depths(MAX_EXPR_DEPTH, MAX_FN_EXPR_DEPTH)
        .set_max_string_size(MAX_STRING_SIZE)
        .set_max_array_size(MAX_ARRAY_SIZE)
        .set_max_map_size(MAX_MAP_SIZE)
        .set_max_variables(256)
        .set_max_functions(64)
        .set_max_modules(0)
        .set_module_resolver(rhai::module_resolvers::DummyModuleResolver::new())
        .disable_symbol("eval")
        // Refused when the set loads, not when a unit happens to reach the line.
        .disable_symbol("import")
        .on_progress(|ops| {
            // Reading the clock costs about as much as a step script's operation: look every
            // 256 operations (a few µs of the most expensive built-ins) — the scoring loop
            // stays as fast as without a clock, and a slow script still stops in time.
            if ops % 256 != 0 {
                return None;
            }
            let late = DEADLINE.get().is_some_and(|d| Instant::now() >= d);
            late.then(|| Dynamic::from(OUT_OF_TIME))
        })
        .on_print(|_| {})
        .on_debug(|_, _, _| {});
    register_vocabulary(&mut engine);
    engine
}

/// A sandbox limit that stopped a script, in plain words; `None` for any other failure.
fn limit_message(err: &EvalAltResult) -> Option<String> {
    Some(match err {
        EvalAltResult::ErrorTooManyOperations(_) => format!(
            "the script ran more than {MAX_OPERATIONS} operations and was stopped (an endless loop?)"
        ),
        EvalAltResult::ErrorTerminated(token, _)
            if token.clone().into_immutable_string().ok().as_deref() == Some(OUT_OF_TIME) =>
        {
            format!(
                "the scripts of this unit ran out of their time ({} ms, and {} µs more per incident) and this one was stopped (an expensive loop?)",
                MAX_UNIT_TIME.as_millis(),
                TIME_PER_INCIDENT.as_micros()
            )
        }
        EvalAltResult::ErrorStackOverflow(_) => format!(
            "the script nested calls deeper than {MAX_CALL_LEVELS} levels and was stopped (endless recursion?)"
        ),
        EvalAltResult::ErrorDataTooLarge(what, _) => {
            let what = what.to_lowercase();
            let limit = if what.contains("string") {
                format!("a string longer than {MAX_STRING_SIZE} bytes")
            } else if what.contains("array") {
                format!("an array of more than {MAX_ARRAY_SIZE} items")
            } else {
                format!("a map of more than {MAX_MAP_SIZE} entries")
            };
            format!("the script built {limit} and was stopped")
        }
        _ => return None,
    })
}

/// What kind of value a script gave, for "the script must end with …" problems.
pub(crate) fn value_kind(v: &Dynamic) -> ScriptValue {
    if v.is_int() {
        ScriptValue::WholeNumber
    } else if v.is_decimal() {
        ScriptValue::Decimal
    } else if v.is_string() {
        ScriptValue::Text
    } else if v.is_bool() {
        ScriptValue::Bool
    } else if v.is_unit() {
        ScriptValue::Nothing
    } else if v.is::<Fraction>() {
        ScriptValue::Fraction
    } else {
        ScriptValue::Other {
            type_name: v.type_name().to_string(),
        }
    }
}

/// [`value_kind`] in the English of a run-time [`ScriptError`] (whose message is still a
/// sentence: it travels in evaluation errors, not in load diagnostics).
pub(crate) fn describe_value(v: &Dynamic) -> String {
    match value_kind(v) {
        ScriptValue::WholeNumber => "a whole number".into(),
        ScriptValue::Decimal => "a decimal number".into(),
        ScriptValue::Text => "text".into(),
        ScriptValue::Bool => "true or false".into(),
        ScriptValue::Nothing => "nothing".into(),
        ScriptValue::Fraction => "an exact fraction".into(),
        ScriptValue::Other { type_name } => format!("a value of type {type_name}"),
    }
}

/// The 1-based (line, column) of a position in a script; (1, 1) when rhai gave none.
pub(crate) fn line_column(pos: Position) -> (usize, usize) {
    (pos.line().unwrap_or(1), pos.position().unwrap_or(1))
}

/// The name and the argument types of a call rhai found no function for, from its signature
/// (`name (type, type)`).
pub(crate) fn called(signature: &str) -> (String, String) {
    let name = signature.split(" (").next().unwrap_or(signature);
    let arguments = signature
        .trim_start_matches(name)
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .replace("&str | ImmutableString | String", "text");
    (name.to_string(), arguments)
}

pub use crate::base::fault::ScriptError;

impl ScriptError {
    pub(crate) fn new(path: &Path, pos: Position, message: impl fmt::Display) -> Self {
        let (line, column) = line_column(pos);
        ScriptError {
            path: path.display().to_string(),
            line,
            column,
            message: message.to_string(),
        }
    }

    /// From a run-time error, with the sandbox's limits said in plain words, as one located
    /// line.
    pub(crate) fn from_eval(path: &Path, err: &EvalAltResult) -> Self {
        // An error inside a closure or a script function comes wrapped in the calls that led
        // to it, which rhai prints on lines of their own ("in closure call (line 1, position
        // 11)"); the innermost error and its line say what went wrong, once.
        let mut inner = err;
        while let EvalAltResult::ErrorInFunctionCall(_, _, e, _) = inner {
            inner = e;
        }
        let pos = if inner.position().is_none() {
            err.position()
        } else {
            inner.position()
        };
        if let Some(message) = limit_message(inner) {
            return ScriptError::new(path, pos, message);
        }
        let message = match inner {
            EvalAltResult::ErrorAssignmentToConstant(name, _) => format!(
                "the script tried to change `{name}`: inputs, derived counts and incidents are read-only"
            ),
            EvalAltResult::ErrorFunctionNotFound(signature, _) => {
                let (name, arguments) = called(signature);
                format!(
                    "no function `{name}` takes these arguments ({arguments}); scripts may call award, steps, at_least, at_most, pct, per, is_na, round_half_up, round_half_even, round_down, round_up, linear and rhai's built-in functions"
                )
            }
            EvalAltResult::ErrorRuntime(value, _) => value.to_string(),
            // The position is given once, as file:line:column, not again in the words.
            other => {
                let text = other.to_string();
                let suffix = format!(" ({})", other.position());
                text.strip_suffix(&suffix).unwrap_or(&text).to_string()
            }
        };
        // One line: a value a script threw may hold line breaks of its own.
        ScriptError::new(path, pos, message.replace(['\n', '\r'], " "))
    }
}

/// A piece of a script that the load-time checks look at; comments are skipped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Token<'s> {
    /// A name (a variable, a function, a keyword).
    Identifier(&'s str),
    /// A string literal (`"…"` or `` `…` ``; not a character literal): its span in the script,
    /// quotes included, and its text between the quotes, escapes as written.
    Text(std::ops::Range<usize>, &'s str),
    /// A number literal (`98`, `0.5`, `45_000`): its span and its text as written.
    Number(std::ops::Range<usize>, &'s str),
}

/// The identifiers, string and number literals of a script, in order, outside comments: the
/// one reading of a script's text that the trace (which inputs an indicator reads), the policy
/// check (which incident kinds a condition names) and the analysis of the rules (step tables,
/// numbers a decimal cannot hold) use.
pub(crate) fn tokens(script: &str) -> Vec<Token<'_>> {
    let bytes = script.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = script[i..].find('\n').map_or(bytes.len(), |n| i + n);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = script[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |n| i + n + 4);
            }
            quote @ (b'"' | b'`' | b'\'') => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != quote {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                let close = i.min(bytes.len());
                if quote != b'\''
                    && let Some(inner) = script.get(start + 1..close)
                {
                    out.push(Token::Text(start..close + 1, inner));
                }
                i = close + 1;
            }
            b if b.is_ascii_alphabetic() || b == b'_' => {
                let start = i;
                while i < bytes.len() && word(bytes[i]) {
                    i += 1;
                }
                out.push(Token::Identifier(&script[start..i]));
            }
            b if b.is_ascii_digit() => {
                let start = i;
                while i < bytes.len() && word(bytes[i]) {
                    i += 1;
                }
                // A point followed by a digit continues the number (`0.5`); `1..9` is a range
                // and `2.round_up()` a call.
                if bytes.get(i) == Some(&b'.') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                    while i < bytes.len() && word(bytes[i]) {
                        i += 1;
                    }
                }
                out.push(Token::Number(start..i, &script[start..i]));
            }
            _ => i += 1,
        }
    }
    out
}

/// The string literals of a script (`"…"` and `` `…` ``) with their spans, quotes included;
/// comments and character literals are skipped.
pub(crate) fn string_literals(text: &str) -> Vec<(std::ops::Range<usize>, &str)> {
    tokens(text)
        .into_iter()
        .filter_map(|t| match t {
            Token::Text(span, inner) => Some((span, inner)),
            Token::Identifier(_) | Token::Number(..) => None,
        })
        .collect()
}

/// The identifiers a script names, outside comments and string literals; used to list in the
/// trace the inputs each indicator read.
pub(crate) fn identifiers(script: &str) -> BTreeSet<&str> {
    tokens(script)
        .into_iter()
        .filter_map(|t| match t {
            Token::Identifier(name) => Some(name),
            Token::Text(..) | Token::Number(..) => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(script: &str) -> Result<Outcome, Box<EvalAltResult>> {
        let engine = sandbox();
        engine.eval::<Outcome>(script)
    }

    #[test]
    fn steps_pick_the_first_row_that_holds_on_exact_values() {
        let o = run("at_least(pct(118, 120), [[98.0, 50], [95.0, 30]], 0)").unwrap();
        assert_eq!(o.points, Decimal::from(50));
        assert_eq!(o.row, "≥ 98 → 50");
        // 97.999 % is below 98 %: never decided on a rounded value.
        let o = run("at_least(pct(97999, 100000), [[98.0, 50], [95.0, 30]], 0)").unwrap();
        assert_eq!(o.row, "≥ 95 → 30");
        let o = run("at_most(per(3, 2140, 1000), [[0.5, 50], [1.0, 25]], 0)").unwrap();
        assert_eq!((o.points, o.row.as_str()), (Decimal::from(0), "> 1 → 0"));
    }

    #[test]
    fn counts_compare_with_integer_thresholds() {
        let o = run("at_least(2, [[3, 25], [1, 10]], 0)").unwrap();
        assert_eq!(o.points, Decimal::from(10));
        assert_eq!(o.measure, Some(Measure::Count { value: 2 }));
    }

    #[test]
    fn na_rates_must_be_handled() {
        let err = run("at_least(pct(0, 0), [[98.0, 50]], 0)").unwrap_err();
        assert!(err.to_string().contains("n/a"), "{err}");
        let o =
            run(r#"let r = pct(0, 0); if is_na(r) { award(50, "n/a") } else { award(0, "x") }"#)
                .unwrap();
        assert_eq!(o.row, "n/a");
    }

    #[test]
    fn the_sandbox_stops_hostile_scripts() {
        let engine = sandbox();
        let path = Path::new("evil.rhai");
        for (script, words) in [
            ("loop {}", "operations"),
            ("fn f(x) { f(x + 1) } f(0)", "deeper"),
            (r#"let s = "x"; loop { s += s; }"#, "longer"),
            (r#"eval("1")"#, "eval"),
        ] {
            let err = match engine.compile(script) {
                Ok(ast) => {
                    ScriptError::from_eval(path, &engine.eval_ast::<Dynamic>(&ast).unwrap_err())
                }
                Err(e) => ScriptError::new(path, e.position(), e),
            };
            assert!(err.to_string().contains(words), "{script}: {err}");
        }
    }

    /// Runs a script that must fail, as a located sandbox error.
    fn failure(script: &str) -> ScriptError {
        let engine = sandbox();
        let path = Path::new("big.rhai");
        match engine.eval::<Dynamic>(script) {
            Err(err) => ScriptError::from_eval(path, &err),
            Ok(v) => panic!("{script}: gave {v} instead of an error"),
        }
    }

    #[test]
    fn overflow_in_rates_and_script_arithmetic_is_a_located_error() {
        let max = INT::MAX;
        // part × scale beyond a Decimal: refused at the call, on its line.
        let err = failure(&format!(
            "let a = 1;\nat_least(per({max}, 1, {max}), [[1.0, 5]], 0)"
        ));
        assert_eq!((err.line, err.column), (2, 10), "{err}");
        assert!(
            err.message.contains("too large to compute exactly"),
            "{err}"
        );
        // The largest rate that fits still compares exactly, against a huge threshold too.
        let o = run(&format!(
            "at_least(per({max}, 1, 1000000000), [[79228162514264337593543950335.0, 5]], 0)"
        ))
        .unwrap();
        assert_eq!(o.points, Decimal::ZERO);
        let o = run(&format!("at_most(pct({max}, 3), [[1.0, 5]], 1)")).unwrap();
        assert_eq!(o.points, Decimal::ONE);
        // Decimal and integer arithmetic in a script: rhai's checked operators.
        for (script, line) in [
            ("let x = 79228162514264337593543950335.0;\nx * 2.0", 2),
            ("let x = 79228162514264337593543950335.0;\nx + x", 2),
            // The quotient is an exact fraction now; its product overflows.
            (
                "let x = 79228162514264337593543950335.0;\nx / 0.0000001 * 1000000.0",
                2,
            ),
            ("let x = 1.0;\nx / 0.0", 2),
            (&format!("let x = {max};\nx + 1"), 2),
            (&format!("let x = {max};\nx * 2"), 2),
        ] {
            let err = failure(script);
            assert_eq!(err.line, line, "{script}: {err}");
        }
        // Points beyond any maximum are refused by the caller; the exact value is kept.
        let o = run("award(79228162514264337593543950335.0, \"x\")").unwrap();
        assert!(crate::Points::new(o.points).is_none());
    }

    fn value(script: &str) -> Dynamic {
        sandbox()
            .eval::<Dynamic>(script)
            .unwrap_or_else(|e| panic!("{script}: {e}"))
    }

    fn fraction(script: &str) -> Fraction {
        let v = value(script);
        v.clone()
            .try_cast::<Fraction>()
            .unwrap_or_else(|| panic!("{script}: gave {} {v}", v.type_name()))
    }

    fn frac(n: i128, d: i128) -> Fraction {
        Fraction::new(n, d).unwrap()
    }

    #[test]
    fn division_is_exact_between_every_kind_of_number() {
        assert_eq!(fraction("7 / 2"), frac(7, 2));
        assert_eq!(fraction("let a = 7; let b = 2; a / b"), frac(7, 2));
        assert_eq!(fraction("1.0 / 3"), frac(1, 3));
        assert_eq!(fraction("1 / 3.0"), frac(1, 3));
        assert_eq!(fraction("0.1 / 0.3"), frac(1, 3));
        assert_eq!(fraction("pct(1, 3) / 100"), frac(1, 3));
        assert_eq!(fraction("100 / pct(1, 3)"), frac(3, 1));
        assert_eq!(fraction("(1 / 3) / (2 / 3)"), frac(1, 2));
        assert_eq!(fraction("pct(1, 3) / pct(2, 3)"), frac(1, 2));
        // `+ - *` with a fraction or a rate stay exact; three thirds are one.
        assert_eq!(fraction("1 / 3 + 1 / 3 + 1 / 3"), Fraction::ONE);
        assert_eq!(fraction("pct(1, 3) - 1 / 3"), frac(99, 3));
        assert_eq!(fraction("pct(1, 3) * 3"), frac(100, 1));
        assert_eq!(fraction("0.5 * (1 / 3)"), frac(1, 6));
        assert_eq!(fraction("-(1 / 3)"), frac(-1, 3));
        assert_eq!(fraction("-pct(1, 4)"), frac(-25, 1));
        assert_eq!(fraction("pct(1, 3).value"), frac(100, 3));
        assert_eq!(fraction("let x = 1 / 3; x += 1; x"), frac(4, 3));
        // Whole numbers keep their own `+ - *`; decimals stay decimals, exactly.
        assert_eq!(value("7 * 2 - 1").as_int(), Ok(13));
        assert_eq!(value("1.5 + 1").as_decimal(), Ok(Decimal::new(25, 1)));
        assert_eq!(
            value("let d = 1.5; d = d * 3; d").as_decimal(),
            Ok(Decimal::new(45, 1))
        );
        assert_eq!(value("7 * 3").as_int(), Ok(21));
        assert_eq!(fraction("2 + 3 * 4 / 6 * 3 - 2"), frac(6, 1));
        assert_eq!(fraction("12 / 3 / 2"), frac(2, 1));
        assert_eq!(fraction("let a=7;let b=2;a/b*b/b"), frac(7, 2));
        assert_eq!(
            value("let d = 1; d += 0.5; d").as_decimal(),
            Ok(Decimal::new(15, 1))
        );
        assert_eq!(value("(1 / 3).to_string()").into_string().unwrap(), "1/3");
        assert_eq!(value("`${7 / 4}`").into_string().unwrap(), "1.75");
    }

    #[test]
    fn comparisons_are_exact_between_every_kind_of_number() {
        for script in [
            "7 / 2 == 3.5",
            "7 / 2 > 3",
            "1 / 3 < 0.3333333333333333333333333334",
            "1 / 3 > 0.3333333333333333333333333333",
            "pct(1, 3) < 33.34",
            "pct(1, 3) > 33",
            "pct(1, 3) == 100 / 3",
            "pct(2, 6) == pct(1, 3)",
            "100 / 3 != 33",
            "pct(1, 2) >= 50",
            "pct(1, 2) <= 50.0",
            "2 / 4 == 0.5",
        ] {
            assert_eq!(value(script).as_bool(), Ok(true), "{script}");
        }
    }

    #[test]
    fn the_interpolation_that_rounded_to_2_gives_2_5() {
        // (r − 20) / (60 − 20) × 3.5 with r = 16/35 of parents: exactly 2.25, so 2.5 half up.
        let script = "let r = pct(16, 35);\nlet x = (r - 20) / (60 - 20) * 3.5;\naward(round_half_up(x, 0.5), \"linear, half points\")";
        let o = run(script).unwrap();
        assert_eq!(o.points, Decimal::new(25, 1));
        let rounding = o.rounding.expect("the exact value is recorded");
        assert_eq!(rounding.exact, frac(9, 4));
        assert_eq!(rounding.function, RoundingRule::HalfUp);
        assert_eq!(rounding.step, Some(frac(1, 2)));
        // The same through linear, and through a variable.
        let o =
            run("let p = round_half_up(linear(pct(16, 35), 20, 60, 0, 3.5), 0.5); award(p, \"x\")")
                .unwrap();
        assert_eq!(
            (o.points, o.rounding.map(|r| r.exact)),
            (Decimal::new(25, 1), Some(frac(9, 4)))
        );
        // Half even goes to 2; points computed after the rounding are not the rounding's.
        let o = run("award(round_half_even(9 / 4, 0.5), \"x\")").unwrap();
        assert_eq!(o.points, Decimal::from(2));
        // A decimal rounded to a whole number is traced too.
        let o = run("award(round_half_up(2.5), \"x\")").unwrap();
        assert_eq!(
            o.rounding.map(|r| (r.exact, r.step)),
            Some((frac(5, 2), None))
        );
        let o = run("award(round_half_up(9 / 4, 0.5) + 0, \"x\")").unwrap();
        assert_eq!((o.points, o.rounding), (Decimal::new(25, 1), None));
    }

    #[test]
    fn rounding_functions_and_linear_follow_their_rules() {
        for (script, expected) in [
            ("round_half_up(5 / 2)", "3"),
            ("round_half_even(5 / 2)", "2"),
            ("round_down(29 / 10)", "2"),
            ("round_up(21 / 10)", "3"),
            ("round_half_up(-5 / 2)", "-3"),
            ("round_down(-29 / 10)", "-2"),
            ("round_half_up(2.24, 0.5)", "2"),
            ("round_half_up(2.25, 0.5)", "2.5"),
            ("round_half_up(pct(1, 3), 0.01)", "33.33"),
            ("round_up(pct(1, 3), 0.25)", "33.5"),
            ("round_half_up(7)", "7"),
            // rhai's own round_half_up(decimal, digits) counts decimals: here it is a step.
            ("round_half_up(2.25, 1)", "2"),
            ("round_half_up(2.25)", "2"),
            ("round_half_even(2.5)", "2"),
            ("round_down(7.9, 2)", "6"),
            ("round_up(7.1, 2)", "8"),
            ("2.25.round_half_up(1)", "2"),
            ("round_half_up(7, 2)", "8"),
            // The examples of criteria/README.md.
            ("round_half_up(9 / 4, 0.5)", "2.5"),
            ("round_half_even(9 / 4, 0.5)", "2"),
            ("round_down(pct(2, 3), 0.1)", "66.6"),
            ("round_up(pct(1, 3))", "34"),
            (
                "round_half_up(linear(pct(16, 35), 20, 60, 0, 3.5), 0.5)",
                "2.5",
            ),
        ] {
            let v = value(script);
            assert_eq!(
                v.as_decimal().map(|d| d.normalize().to_string()),
                Ok(expected.to_string()),
                "{script}"
            );
        }
        for (script, expected) in [
            ("linear(10, 20, 60, 0, 3.5)", Fraction::ZERO),
            ("linear(20, 20, 60, 0, 3.5)", Fraction::ZERO),
            ("linear(61, 20, 60, 0, 3.5)", frac(7, 2)),
            ("linear(40, 20, 60, 0, 3.5)", frac(7, 4)),
            ("linear(30, 20, 50, 10, 0)", frac(20, 3)),
            ("linear(pct(1, 3), 0, 100, 0, 3)", Fraction::ONE),
        ] {
            assert_eq!(fraction(script), expected, "{script}");
        }
    }

    #[test]
    fn outcomes_accept_decimals_and_exact_fractions() {
        let o = run("award(7 / 2, \"x\")").unwrap();
        assert_eq!(o.points, Decimal::new(35, 1));
        assert_eq!(o.rounding, None);
        let err = run("award(1 / 3, \"x\")").unwrap_err().to_string();
        assert!(
            err.contains("not an exact decimal") && err.contains("round_half_up"),
            "{err}"
        );
        let o = run("steps(7 / 2, \"≥ 3.5 → 5; else 0\")").unwrap();
        assert_eq!(
            (o.points, o.measure),
            (Decimal::from(5), Some(Measure::Value(frac(7, 2))))
        );
        let o = run("steps(3.49, \"≥ 3.5 → 5; else 0\")").unwrap();
        assert_eq!(o.points, Decimal::ZERO);
        let o = run("at_least(100 / 3, [[33.34, 5], [33.33, 3]], 0)").unwrap();
        assert_eq!(o.points, Decimal::from(3));
        let o = run("at_most(2.5, [[2.5, 5]], 0)").unwrap();
        assert_eq!(o.points, Decimal::from(5));
        // The trace's value: exact, and rounded half up to 2 decimals for display.
        let json = serde_json::to_string(&Measure::Value(frac(200, 3))).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"value","exact":"200/3","display":"66.67"}"#
        );
        let back: Measure = serde_json::from_str(&json).unwrap();
        assert_eq!(back, Measure::Value(frac(200, 3)));
    }

    #[test]
    fn hostile_arithmetic_is_a_located_error() {
        for (script, words) in [
            ("let a = 1;\na / 0", "division by zero"),
            ("let a = 1;\n(1 / 3) / 0.0", "division by zero"),
            (
                "let a = 1;\npct(1, 3) / (1 / 3 - 1 / 3)",
                "division by zero",
            ),
            (
                "let a = 1;\nlet x = 9223372036854775807 / 3; x * x * x",
                "too large to compute exactly",
            ),
            (
                "let a = 1;\n79228162514264337593543950335.0 + 0.5",
                "overflow",
            ),
            (
                "let a = 1;\n0.0000000000000001 * 0.0000000000001",
                "too large to compute exactly",
            ),
            (
                "let a = 1;\nlet d = 7 * 9223372036854775807",
                "too large to compute exactly",
            ),
            ("let a = 1;\npct(0, 0) + 1", "n/a"),
            ("let a = 1;\nround_half_up(1 / 3, 0)", "above 0"),
            ("let a = 1;\nround_half_up(1 / 2, 1 / 3)", "not a decimal"),
            ("let a = 1;\nlinear(1, 5, 5, 0, 1)", "x0 below x1"),
            ("let a = 1;\n(1 / 3) * \"x\"", "no function"),
        ] {
            let err = failure(script);
            assert_eq!(err.line, 2, "{script}: {err}");
            assert!(err.message.contains(words), "{script}: {err}");
        }
        // A loop of fractions whose denominators grow stops with the same error, never a panic.
        let err = failure("let a = 1;\nlet x = 0;\nfor i in 1..200 { x += 1 / (i * 7919); }");
        assert!(
            err.message.contains("too large to compute exactly"),
            "{err}"
        );
        assert_eq!(err.line, 3, "{err}");
    }

    #[test]
    fn a_rate_read_back_beyond_a_decimal_never_panics() {
        let r = Ratio {
            part: u64::MAX,
            whole: 1,
            scale: u64::MAX,
        };
        assert_eq!(r.value(), None);
        assert_eq!(r.display(), None);
    }

    #[test]
    fn string_literals_skip_comments_and_chars_and_keep_escapes() {
        let script = "// \"drowing\" in a comment\n/* \"x\" */ incidents.filter(|i| i.kind == \"drowning\" || i['k'] == `traffic`)\n\"a \\\" b\"";
        let found: Vec<&str> = string_literals(script)
            .into_iter()
            .map(|(_, s)| s)
            .collect();
        assert_eq!(found, ["drowning", "traffic", "a \\\" b"]);
        let (span, _) = string_literals(script)[0].clone();
        assert_eq!(&script[span], "\"drowning\"");
    }

    #[test]
    fn identifiers_skip_comments_and_strings() {
        let ids = identifiers("// births_total\nlet r = pct(a_b, c1); /* x */ award(5, \"y z\")");
        assert_eq!(
            ids.into_iter().collect::<Vec<_>>(),
            ["a_b", "award", "c1", "let", "pct", "r"]
        );
    }
}
