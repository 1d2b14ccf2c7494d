//! Scoring: every indicator script run over a unit's evidence, with the trace of every point.

use rhai::{Dynamic, Scope};
use serde::{Deserialize, Serialize};

use crate::base::points::Points;
use crate::evidence::{Evidence, Value};
use crate::rules::criteria::{CriteriaSet, Criterion, Indicator, Status, VarRef};
use crate::script::{Measure, Outcome, Rounding};

/// One value a script read, as the trace shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub struct Reading {
    /// The input or derived count.
    pub name: String,
    /// Its value for this unit.
    pub value: Value,
}

/// How one indicator scored, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub struct IndicatorScore {
    /// Indicator id, e.g. `7.1`.
    pub id: String,
    /// Points earned.
    pub points: Points,
    /// Most points possible.
    pub max: Points,
    /// Whether the rule that scored it is provisional.
    pub provisional: bool,
    /// The legal reference of the rule.
    pub reference: String,
    /// The inputs and derived counts the script read.
    pub reads: Vec<Reading>,
    /// The rate or count compared, with its exact and displayed value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<Measure>,
    /// The row of the rule that applied.
    pub row: String,
    /// When the points came straight from a rounding function: the exact value it rounded,
    /// its rule and step. Absent otherwise, so results without rounding read as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rounding: Option<Rounding>,
}

/// How one criterion scored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub struct CriterionScore {
    /// Criterion id, e.g. `C03`.
    pub id: String,
    /// Sum of its indicators' points.
    pub points: Points,
    /// Whether it is met under its set's rule.
    pub met: bool,
    /// Most points possible.
    pub max: Points,
    /// Its indicators, in order.
    pub indicators: Vec<IndicatorScore>,
}

pub use crate::base::fault::ScoreError;

/// Every input and derived count as rhai constants (so no script can change them for the next),
/// for evidence validated against this very set.
pub(crate) fn scope_for(set: &CriteriaSet, ev: &Evidence) -> Result<Scope<'static>, ScoreError> {
    if ev.criteria_id() != set.id() {
        return Err(ScoreError::WrongCriteriaSet {
            expected: set.id().to_string(),
            found: ev.criteria_id().to_string(),
        });
    }
    let mut scope = Scope::with_capacity(set.inputs().len() + set.derived().len() + 1);
    for (input, value) in set.inputs().iter().zip(ev.values()) {
        scope.push_constant_dynamic(input.name.clone(), dynamic(*value));
    }
    for (d, count) in set.derived().iter().zip(ev.derived()) {
        scope.push_constant(d.name.clone(), count.value as rhai::INT);
    }
    Ok(scope)
}

/// Runs one indicator's script in `scope` ([`Indicator::run`], with the set's engine).
fn outcome(
    set: &CriteriaSet,
    scope: &mut Scope,
    ind: &Indicator,
) -> Result<(Outcome, Points), ScoreError> {
    ind.run(set.engine(), scope)
}

/// One indicator's points alone, without its trace: what the what-if search needs of the
/// thousands of candidates it tries.
pub(crate) fn points_of(
    set: &CriteriaSet,
    scope: &mut Scope,
    ind: &Indicator,
) -> Result<Points, ScoreError> {
    outcome(set, scope, ind).map(|(_, points)| points)
}

/// An input's value as the scripts' scope holds it.
pub(crate) fn dynamic(value: Value) -> Dynamic {
    match value {
        Value::Number(n) => Dynamic::from_int(n as rhai::INT),
        Value::Bool(b) => Dynamic::from_bool(b),
        // A decimal as a decimal, never a string: `to_dynamic` would make it text, and text
        // compares with numbers silently wrong.
        Value::Decimal(d) => Dynamic::from_decimal(d),
    }
}

fn run(
    set: &CriteriaSet,
    ev: &Evidence,
    scope: &mut Scope,
    ind: &Indicator,
) -> Result<IndicatorScore, ScoreError> {
    let (outcome, points) = outcome(set, scope, ind)?;
    Ok(IndicatorScore {
        id: ind.id.clone(),
        points,
        max: ind.max_points,
        provisional: ind.status == Status::Provisional,
        reference: ind.reference.clone(),
        reads: ind
            .reads
            .iter()
            .zip(&ind.read_refs)
            .map(|(name, at)| Reading {
                name: name.clone(),
                value: match *at {
                    VarRef::Input(i) => ev.values()[i],
                    VarRef::Derived(i) => Value::Number(ev.derived()[i].value),
                },
            })
            .collect(),
        measure: outcome.measure,
        row: outcome.row,
        rounding: outcome.rounding,
    })
}

/// Scores with a scope already made by [`scope_for`] (the evaluator shares it with the policy).
pub(crate) fn score_in(
    set: &CriteriaSet,
    ev: &Evidence,
    scope: &mut Scope,
) -> Result<Vec<CriterionScore>, ScoreError> {
    set.criteria()
        .iter()
        .map(|c| {
            let indicators = c
                .indicators
                .iter()
                .map(|i| run(set, ev, scope, i))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(criterion_score(c, indicators))
        })
        .collect()
}

/// A criterion's score from its indicators' scores.
fn criterion_score(c: &Criterion, indicators: Vec<IndicatorScore>) -> CriterionScore {
    let points: Points = indicators.iter().map(|i| i.points).sum();
    CriterionScore {
        id: c.id.clone(),
        points,
        met: c.met.holds(points),
        max: c.max_points,
        indicators,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::{Fraction, RoundingRule};
    use rust_decimal::Decimal;

    #[test]
    fn the_exact_value_before_rounding_is_serialised_only_when_there_is_one() {
        let mut score = IndicatorScore {
            id: "1.1".into(),
            points: Points::new(Decimal::new(25, 1)).unwrap(),
            max: Points::from(5),
            provisional: false,
            reference: "r".into(),
            reads: Vec::new(),
            measure: None,
            row: "x".into(),
            rounding: None,
        };
        let plain = serde_json::to_string(&score).unwrap();
        assert_eq!(
            plain,
            r#"{"id":"1.1","points":"2.5","max":"5","provisional":false,"reference":"r","reads":[],"row":"x"}"#
        );
        score.rounding = Some(Rounding {
            function: RoundingRule::HalfUp,
            step: Some(Fraction::new(1, 2).unwrap()),
            exact: Fraction::new(9, 4).unwrap(),
        });
        let json = serde_json::to_string(&score).unwrap();
        assert!(
            json.ends_with(
                r#""row":"x","rounding":{"function":"round_half_up","step":"0.5","exact":"2.25"}}"#
            ),
            "{json}"
        );
        let back: IndicatorScore = serde_json::from_str(&json).unwrap();
        assert_eq!(back, score);
        let back: IndicatorScore = serde_json::from_str(&plain).unwrap();
        assert_eq!(back.rounding, None);
    }
}
