//! The parts a criteria set is made of: its inputs, the counts it derives from the incident
//! register, its classes of unit, its criteria and their indicators, each with its status.

use std::fmt;
use std::path::PathBuf;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::kinds::{IncidentKind, UnitKind};
use super::text::Text;
use crate::base::fault::ScoreError;
use crate::base::label::Label;
use crate::base::points::Points;
use crate::form::Role;
use crate::script::{Outcome, ScriptError};

/// Whether a rule is confirmed from the public text of the law or provisional.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Checked against the published text.
    Confirmed,
    /// Written in the style of the law, pending the official table: never present it as law.
    Provisional,
}

/// The type of an input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum InputType {
    /// A whole number ≥ 0.
    Count,
    /// Whole VND ≥ 0.
    Money,
    /// `true` or `false`.
    Bool,
    /// An exact decimal with at most `decimals` digits after the point (e.g. 7.5).
    Decimal,
    /// A percentage: a decimal from 0 to 100 unless the input declares another range.
    Percent,
}

impl InputType {
    /// Whether values of this type are exact decimals with declared digits.
    pub fn is_decimal(self) -> bool {
        matches!(self, InputType::Decimal | InputType::Percent)
    }
}

/// In which direction an input helps a unit's score (used by what-if searches).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lever {
    /// More is better (e.g. children vaccinated), bounded by the input's `lever_max`,
    /// `max` or `at_most`, else by its type's limit.
    Up,
    /// Less is better (e.g. children stunted), bounded by `lever_min`, `min` or `at_least`,
    /// else by 0.
    Down,
}

/// An evidence field the set declares.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Input {
    /// The field name in evidence files and scripts.
    pub name: String,
    /// Its type.
    #[serde(rename = "type")]
    pub ty: InputType,
    /// What it counts, for forms and tables.
    pub label: Text,
    /// The unit of a count (e.g. "trẻ em", "thôn"), for forms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Text>,
    /// Decimal and percent inputs: the most digits after the point.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decimals: Option<u32>,
    /// The smallest value allowed (e.g. 1 for a total that divides); a percentage defaults
    /// to 0. Written as a whole number or an exact decimal in quotes (`"2.5"`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "exact_bound"
    )]
    pub min: Option<Decimal>,
    /// The largest value allowed; a percentage defaults to 100.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "exact_bound"
    )]
    pub max: Option<Decimal>,
    /// Another input or derived count this one may not exceed (a part and its whole).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_most: Option<String>,
    /// Another input or derived count this one may not be below.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<String>,
    /// Whether and how a council could act on it, for what-if searches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lever: Option<Lever>,
    /// An up lever's realistic ceiling: the furthest a what-if may propose.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "exact_bound"
    )]
    pub lever_max: Option<Decimal>,
    /// A down lever's realistic floor: the lowest a what-if may propose.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "exact_bound"
    )]
    pub lever_min: Option<Decimal>,
    /// What an evidence file that does not write the input holds: the input is optional. A
    /// rule that needs a fact older files did not record takes it this way, with the value
    /// that scores those files as before.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "input_default"
    )]
    pub default: Option<InputDefault>,
}

/// The value an optional input takes when an evidence file does not write it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum InputDefault {
    /// For a bool.
    Bool(bool),
    /// For a number: a whole number, or an exact decimal written in quotes (`"2.5"`).
    Number(Decimal),
}

impl fmt::Display for InputDefault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputDefault::Bool(b) => write!(f, "{b}"),
            InputDefault::Number(n) => write!(f, "{n}"),
        }
    }
}

/// An input's `default`: `true`/`false`, a TOML integer, or an exact decimal in quotes; a TOML
/// float is refused as for the bounds.
fn input_default<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<InputDefault>, D::Error> {
    struct Default;
    impl serde::de::Visitor<'_> for Default {
        type Value = InputDefault;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(
                "true, false, a whole number or an exact decimal in quotes, such as \"2.5\"",
            )
        }
        fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<InputDefault, E> {
            Ok(InputDefault::Bool(v))
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<InputDefault, E> {
            Ok(InputDefault::Number(Decimal::from(v)))
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<InputDefault, E> {
            Ok(InputDefault::Number(Decimal::from(v)))
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<InputDefault, E> {
            Err(E::custom(format!(
                "{v} is a TOML float, which is not exact: write it in quotes, such as \"{v}\""
            )))
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<InputDefault, E> {
            crate::base::points::exact_decimal(v)
                .map(InputDefault::Number)
                .ok_or_else(|| {
                    E::custom(format!(
                        "{v:?} is not a decimal number: expected digits with at most one point, such as \"2.5\""
                    ))
                })
        }
    }
    d.deserialize_any(Default).map(Some)
}

impl Input {
    /// The smallest valid value: the declared `min`, else 0 (no type takes negatives
    /// An example value of a decimal input for messages and templates: 7.5 written with the
    /// input's declared digits (`7.5`, `7.50`, `8` for none), moved inside its range.
    pub(crate) fn example_decimal(&self) -> Decimal {
        let mut v = Decimal::new(75, 1).max(self.lowest()).min(self.highest());
        v.rescale(self.decimals.unwrap_or(0));
        v
    }

    /// unless a decimal's `min` says so).
    pub fn lowest(&self) -> Decimal {
        self.min.unwrap_or(Decimal::ZERO)
    }

    /// Whether the largest valid value is only the type's limit, too large to be worth
    /// stating in a form or a message.
    pub fn unbounded_above(&self) -> bool {
        self.max.is_none() && self.ty != InputType::Percent
    }

    /// The largest valid value: the declared `max`, else 100 for a percentage, else the
    /// type's limit (the largest whole number a script holds, or the largest decimal with
    /// the declared digits).
    pub fn highest(&self) -> Decimal {
        if let Some(max) = self.max {
            return max;
        }
        match self.ty {
            InputType::Percent => Decimal::ONE_HUNDRED,
            InputType::Decimal => {
                // Loading refuses more digits than a decimal holds; clamped until it has.
                let digits = self.decimals.unwrap_or(0).min(MAX_DECIMALS);
                Decimal::from_i128_with_scale(DECIMAL_MANTISSA_MAX, digits)
            }
            _ => Decimal::from(i64::MAX),
        }
    }
}

/// The largest mantissa a `rust_decimal` holds (2^96 − 1): a decimal input's type limit is
/// this many steps of 10^-decimals.
pub(crate) const DECIMAL_MANTISSA_MAX: i128 = (1 << 96) - 1;

/// Most digits after the point a decimal input may declare: what `rust_decimal` holds.
pub const MAX_DECIMALS: u32 = 28;

/// A bound of a rule file: a TOML integer, or an exact decimal written in quotes. A TOML
/// float is refused, because it has passed through binary floating point already.
fn exact_bound<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    struct Bound;
    impl serde::de::Visitor<'_> for Bound {
        type Value = Decimal;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a whole number or an exact decimal in quotes, such as \"2.5\"")
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Decimal, E> {
            Ok(Decimal::from(v))
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Decimal, E> {
            Ok(Decimal::from(v))
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Decimal, E> {
            Err(E::custom(format!(
                "{v} is a TOML float, which is not exact: write it in quotes, such as \"{v}\""
            )))
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Decimal, E> {
            crate::base::points::exact_decimal(v).ok_or_else(|| {
                E::custom(format!(
                    "{v:?} is not a decimal number: expected digits with at most one point, such as \"2.5\""
                ))
            })
        }
    }
    d.deserialize_any(Bound).map(Some)
}

/// A count derived from the incident register, over incidents inside the period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Derived {
    /// The name scripts use.
    pub name: Label,
    /// What it counts.
    pub label: Text,
    /// The incident kinds counted.
    pub kinds: Vec<IncidentKind>,
    /// Count only fatal (`true`) or non-fatal (`false`) incidents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fatal: Option<bool>,
    /// Count only incidents with (`true`) or without (`false`) an approved support plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_plan_approved: Option<bool>,
    /// Count only plans approved by one of these offices; a plan that records no approver is
    /// counted (evidence written before the field existed scores as it did).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_plan_approved_by: Option<Vec<Role>>,
    /// Count only plans approved within this many working days of the incident
    /// (`rules::calendar`); a plan that records no approval date is counted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_plan_within_working_days: Option<u32>,
}

impl Derived {
    /// Whether an incident's recorded approval passes the count's filters on who approved its
    /// plan and when; what is not recorded passes.
    pub(crate) fn counts_approval(&self, i: &super::register::Incident) -> bool {
        let by = match (&self.support_plan_approved_by, i.support_plan_approved_by) {
            (Some(roles), Some(role)) => roles.contains(&role),
            _ => true,
        };
        let in_time = match (
            self.support_plan_within_working_days,
            i.support_plan_approved_on,
        ) {
            (Some(limit), Some(on)) => super::calendar::calendar()
                .working_days_between(i.date, on)
                .is_some_and(|n| n <= limit),
            _ => true,
        };
        by && in_time
    }
}

/// A class of unit and its recognition threshold.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub struct Class {
    /// The id evidence files use (`urban_ward`, …).
    pub id: String,
    /// Who belongs to it.
    pub label: Text,
    /// The total a unit of this class must reach.
    pub threshold: Points,
    /// The unit kinds this class may take (`None`: any declared kind). Not written into
    /// results: evidence was checked against it, and the set's hash records it.
    #[serde(default, skip_serializing)]
    pub kinds: Option<Vec<UnitKind>>,
}

impl Class {
    /// Whether a unit of this kind may be in this class.
    pub fn allows(&self, kind: &UnitKind) -> bool {
        self.kinds.as_ref().is_none_or(|k| k.contains(kind))
    }
}

/// When a criterion counts as met (đạt).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum MetRule {
    /// Met when the criterion's points are strictly above this value.
    PointsAbove(Points),
    /// Met when the criterion's points reach this value.
    PointsAtLeast(Points),
}

impl Default for MetRule {
    /// The working reading of QĐ 06: a criterion is met when it scores more than 0.
    fn default() -> Self {
        MetRule::PointsAbove(Points::ZERO)
    }
}

impl MetRule {
    /// Whether a criterion with these points is met.
    pub fn holds(self, points: Points) -> bool {
        match self {
            MetRule::PointsAbove(p) => points > p,
            MetRule::PointsAtLeast(p) => points >= p,
        }
    }
}

impl fmt::Display for MetRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MetRule::PointsAbove(p) => write!(f, "points > {p}"),
            MetRule::PointsAtLeast(p) => write!(f, "points ≥ {p}"),
        }
    }
}

/// Where a variable of the scripts lives: a declared input or a derived count (by position).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum VarRef {
    Input(usize),
    Derived(usize),
}

/// One indicator (chỉ tiêu) of a criterion, scored by its script.
#[derive(Clone, Debug)]
pub struct Indicator {
    /// Its id, e.g. `2.1`.
    pub id: Label,
    /// What it measures.
    pub title: Text,
    /// The most points it can earn.
    pub max_points: Points,
    /// Whether its rule is confirmed or provisional.
    pub status: Status,
    /// What part of a rule is confirmed, when only part of it is.
    pub status_note: Option<Text>,
    /// The legal reference of its rule.
    pub reference: Label,
    /// The script file, as resolved from the criteria file.
    pub script: PathBuf,
    /// The names of the inputs and derived counts its script reads, in declaration order.
    pub reads: Vec<Label>,
    /// The same, resolved once at load so the trace needs no lookup by name per unit.
    pub(crate) read_refs: Vec<VarRef>,
    pub(crate) ast: rhai::AST,
    /// The script's text, for the analysis of its step tables.
    pub(crate) text: String,
    /// The script read as a native program when it has one of the recognised shapes (a step
    /// table, an `award` on a yes/no input, …); its variables are numbered as `reads`. It gives
    /// the outcome rhai would, and defers to rhai for anything else.
    pub(crate) native: Option<std::sync::Arc<crate::script::Program>>,
}

/// Why the last value of an indicator's script is not points for it.
#[derive(Clone, Debug)]
pub(crate) enum Misfit {
    /// Not an outcome (`award`, `steps`, …): what it is.
    NotOutcome(rhai::Dynamic),
    /// Points outside [0, the indicator's maximum], as the script gave them.
    OutOfRange(rust_decimal::Decimal),
}

impl Indicator {
    /// Runs its script in `scope` (every input and derived count it reads pushed) and gives
    /// its last value; the scope is left as it was.
    pub(crate) fn eval(
        &self,
        engine: &rhai::Engine,
        scope: &mut rhai::Scope,
    ) -> Result<rhai::Dynamic, ScriptError> {
        let mark = scope.len();
        crate::script::forget_roundings();
        let result = engine.eval_ast_with_scope::<rhai::Dynamic>(scope, &self.ast);
        scope.rewind(mark);
        result.map_err(|e| ScriptError::from_eval(&self.script, &e))
    }

    /// A script's last value as this indicator's outcome and points, checked against its
    /// maximum, never clamped.
    pub(crate) fn outcome(&self, value: rhai::Dynamic) -> Result<(Outcome, Points), Misfit> {
        if !value.is::<Outcome>() {
            return Err(Misfit::NotOutcome(value));
        }
        self.within(value.cast())
    }

    /// An outcome's points checked against this indicator's maximum, never clamped: the check
    /// every outcome passes, a script's or a native program's.
    // Inlined so that the scoring loop keeps the outcome in registers: a call returned it
    // through the stack, where the caller's wider reads stalled on the callee's stores.
    #[inline(always)]
    pub(crate) fn within(&self, outcome: Outcome) -> Result<(Outcome, Points), Misfit> {
        match Points::new(outcome.points).filter(|p| *p <= self.max_points) {
            Some(points) => Ok((outcome, points)),
            None => Err(Misfit::OutOfRange(outcome.points)),
        }
    }

    /// Runs its script in `scope`: its outcome, and its points checked against its maximum.
    /// The one way an indicator is scored, for a unit and for the analysis of the rules.
    pub(crate) fn run(
        &self,
        engine: &rhai::Engine,
        scope: &mut rhai::Scope,
    ) -> Result<(Outcome, Points), ScoreError> {
        let script_error = |error| ScoreError::Script {
            indicator: self.id.to_string(),
            error,
        };
        let value = self.eval(engine, scope).map_err(script_error)?;
        self.outcome(value)
            .map_err(|misfit| self.misfit_error(misfit))
    }

    /// Why an outcome is not this indicator's points, as the error of the unit scored.
    pub(crate) fn misfit_error(&self, misfit: Misfit) -> ScoreError {
        let script_error = |error| ScoreError::Script {
            indicator: self.id.to_string(),
            error,
        };
        match misfit {
            Misfit::NotOutcome(value) => script_error(ScriptError::new(
                &self.script,
                rhai::Position::NONE,
                format!(
                    "the script must end with award(…), at_least(…) or at_most(…); it gave {}",
                    crate::script::describe_value(&value)
                ),
            )),
            Misfit::OutOfRange(points) => ScoreError::OutOfRange {
                indicator: self.id.to_string(),
                script: self.script.display().to_string(),
                points: points.to_string(),
                max: self.max_points,
            },
        }
    }

    /// Whether its script has one of the shapes run natively (a step table over a rate, a
    /// count or an amount; an `award` on a yes/no input; early answers before them), with
    /// the outcome rhai would give; otherwise rhai runs it.
    pub fn is_native(&self) -> bool {
        self.native.is_some()
    }
}

/// One criterion (tiêu chí).
#[derive(Clone, Debug)]
pub struct Criterion {
    /// Its id, e.g. `C01`.
    pub id: Label,
    /// Its title.
    pub title: Text,
    /// The most points it can earn: the sum of its indicators' maxima.
    pub max_points: Points,
    /// When it counts as met.
    pub met: MetRule,
    /// Its indicators.
    pub indicators: Vec<Indicator>,
}

impl Criterion {
    /// Whether a condition's list of criteria ids names it.
    pub(crate) fn listed_in(&self, ids: &[String]) -> bool {
        ids.iter().any(|id| *id == self.id)
    }
}
