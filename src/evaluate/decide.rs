//! The decision: the conditions of recognition the criteria set declares, then the local
//! disqualifiers, with every reason.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::base::date::{Date, Period};
use crate::base::label::{Label, LabelList};
use crate::base::points::Points;
use crate::evaluate::score::{CriterionScore, IndicatorScore};
use crate::evidence::{Evidence, IncidentKind, UnitKind};
use crate::rules::criteria::{ConditionRule, CriteriaSet, Criterion, reaches_share};
use crate::rules::policy::{DisqualifierHit, Window};

/// One condition of recognition that a unit fails. Its English `Display` (in
/// [`crate::words::reasons`]) makes the `reasons` of `results.json`; a reader's sentences are
/// [`crate::words::reasons::reason`]'s.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub enum Failure {
    /// A criterion scored 0 (so it is not met either).
    CriterionAtZero {
        /// The criterion.
        #[cfg_attr(feature = "serve", schema(value_type = String))]
        criterion: Label,
    },
    /// A criterion scored above 0 but below its set's "met" rule.
    CriterionNotMet {
        /// The criterion.
        #[cfg_attr(feature = "serve", schema(value_type = String))]
        criterion: Label,
        /// Its points.
        points: Points,
        /// The rule it misses, e.g. `points ≥ 20`.
        rule: String,
    },
    /// A criterion scored below the minimum a `criterion_minimum` condition sets for it.
    CriterionBelowMinimum {
        /// The criterion.
        #[cfg_attr(feature = "serve", schema(value_type = String))]
        criterion: Label,
        /// Its points.
        points: Points,
        /// The minimum it must reach.
        min_points: Points,
    },
    /// Fewer criteria than a `criteria_reaching` condition asks reach their share of their
    /// maximum.
    TooFewCriteriaReaching {
        /// The condition's position among the set's conditions (from 0).
        condition: usize,
        /// How many of the counted criteria reach the share.
        reaching: usize,
        /// How many must reach it.
        count: usize,
        /// How many criteria the condition counts.
        of: usize,
        /// The percentage of each criterion's maximum.
        share: Decimal,
        /// The counted criteria below the share, in the set's order.
        below: Vec<String>,
    },
    /// The total is below the class threshold.
    BelowThreshold {
        /// The unit's total.
        total: Points,
        /// Its class threshold.
        threshold: Points,
    },
    /// A disqualifier of the local policy holds.
    Disqualified {
        /// The disqualifier.
        disqualifier: String,
        /// The incidents that made it hold.
        incidents: Vec<IncidentRef>,
    },
}

/// An incident named in a reason: its id and date, nothing else.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub struct IncidentRef {
    /// The incident id.
    pub id: String,
    /// Its date.
    pub date: Date,
}

/// An incident of the register as results show it: no note, no personal data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub struct IncidentTrace {
    /// Its id.
    pub id: String,
    /// Its date.
    pub date: Date,
    /// Its kind.
    pub kind: IncidentKind,
    /// Whether a child died.
    pub fatal: bool,
    /// Whether a support plan was approved.
    pub support_plan_approved: bool,
    /// Who approved it, by office, when the evidence records it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_plan_approved_by: Option<crate::form::Role>,
    /// When it was approved, when the evidence records it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_plan_approved_on: Option<Date>,
    /// Whether it falls inside the period; incidents outside are shown, never counted (by the
    /// criteria, and by disqualifiers that look at the period).
    pub in_period: bool,
    /// When a disqualifier of the policy looks at another window than the period: how every
    /// disqualifier's window judged this incident, in policy order. Empty (and absent from
    /// JSON) otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub windows: Vec<IncidentWindow>,
}

/// How one disqualifier's window judged one incident.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub struct IncidentWindow {
    /// The disqualifier.
    pub disqualifier: String,
    /// Its window.
    pub window: Window,
    /// The window's first day, inclusive.
    pub from: Date,
    /// The window's last day, inclusive.
    pub to: Date,
    /// Whether the incident's date falls inside the window (the condition saw it).
    pub inside: bool,
    /// Whether the disqualifier held on this incident (it is among the incidents it returned).
    pub counted: bool,
}

/// A derived count as results show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub struct DerivedTrace {
    /// Its name.
    #[cfg_attr(feature = "serve", schema(value_type = String))]
    pub name: Label,
    /// Its value.
    pub value: u64,
    /// The in-period incidents it counted.
    pub incidents: Vec<String>,
}

/// The full result for one unit: scores, decision, reasons and trace.
///
/// The first fields are those of the JSON format in `evidence-format.md`; the rest is the trace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub struct UnitResult {
    /// Administrative code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Class id.
    pub class: String,
    /// Sum of the criteria.
    pub total: Points,
    /// The class threshold.
    pub threshold: Points,
    /// The decision.
    pub recognised: bool,
    /// Every criterion with its indicators' trace.
    pub criteria: Vec<CriterionScore>,
    /// The disqualifiers that hold.
    pub disqualifiers: Vec<DisqualifierHit>,
    /// Every failing condition, in words (empty when recognised).
    pub reasons: Vec<String>,
    /// Ids of the provisional rules this evaluation used.
    #[cfg_attr(feature = "serve", schema(value_type = Vec<String>))]
    pub provisional_rules: LabelList,
    /// Kind of unit.
    pub kind: UnitKind,
    /// Whether the evidence is illustrative (every output must say so).
    pub synthetic: bool,
    /// The evaluation period.
    pub period: Period,
    /// The failing conditions as data.
    pub failures: Vec<Failure>,
    /// The incident register, in and out of the period.
    pub incidents: Vec<IncidentTrace>,
    /// The counts derived from the register.
    pub derived: Vec<DerivedTrace>,
    /// The evidence file.
    pub evidence_file: String,
    /// SHA-256 of the evidence file.
    pub evidence_sha256: String,
}

impl UnitResult {
    /// A criterion's score by its id (`"C07"`).
    pub fn criterion(&self, id: &str) -> Option<&CriterionScore> {
        self.criteria.iter().find(|c| c.id == id)
    }

    /// An indicator's score and trace by its id (`"7.1"`), whichever criterion holds it.
    ///
    /// ```
    /// let round = cfc::Round::load("fixtures/son-ha-2024")?;
    /// let results = round.evaluate();
    /// let son_thuong = results.unit("21238").expect("in the fixture");
    /// assert_eq!(son_thuong.indicator("7.1").map(|i| i.max.to_string()), Some("50".into()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn indicator(&self, id: &str) -> Option<&IndicatorScore> {
        self.criteria
            .iter()
            .flat_map(|c| &c.indicators)
            .find(|i| i.id == id)
    }
}

impl Failure {
    /// The criterion a criterion-level failure is about (at 0, not met, below its minimum).
    pub fn criterion(&self) -> Option<&str> {
        match self {
            Failure::CriterionAtZero { criterion }
            | Failure::CriterionNotMet { criterion, .. }
            | Failure::CriterionBelowMinimum { criterion, .. } => Some(criterion),
            _ => None,
        }
    }
}

/// The failing conditions of the set, in a fixed order — criterion-level failures in the
/// criteria's order (one per criterion: at 0 before not met before below its minimum), then
/// the set-level conditions in declared order — and then the disqualifiers that hold. Whether
/// a criterion is met is its score's `met`, as scoring found it under the criterion's rule.
pub fn failures(
    set: &CriteriaSet,
    criteria: &[CriterionScore],
    total: Points,
    threshold: Points,
    hits: &[DisqualifierHit],
    ev: &Evidence,
) -> Vec<Failure> {
    let scores = Scores {
        of: criteria,
        points: |c| c.points,
        met: |c, _| c.met,
    };
    failures_at(set, scores, total, threshold, hits, ev)
}

/// Each criterion's score as the decision reads it, in the set's order: its points, and
/// whether it is met under its rule. A scored criterion says both (its `met` found once, when it
/// was scored); the what-if search has points alone, and checks the rule.
pub(crate) struct Scores<'a, S> {
    pub(crate) of: &'a [S],
    pub(crate) points: fn(&S) -> Points,
    pub(crate) met: fn(&S, &Criterion) -> bool,
}

impl<'a> Scores<'a, Points> {
    /// Points alone: met follows from each criterion's rule.
    pub(crate) fn points(of: &'a [Points]) -> Self {
        Scores {
            of,
            points: |p| *p,
            met: |p, def| def.met.holds(*p),
        }
    }
}

/// [`failures`] from each criterion's score: a scored criterion, or its points alone. The
/// what-if search decides thousands of candidates per unit from their points without building
/// their traces.
pub(crate) fn failures_at<S>(
    set: &CriteriaSet,
    scores: Scores<S>,
    total: Points,
    threshold: Points,
    hits: &[DisqualifierHit],
    ev: &Evidence,
) -> Vec<Failure> {
    let mut out = Vec::new();
    for ((score, def), checks) in scores
        .of
        .iter()
        .zip(set.criteria())
        .zip(set.criterion_checks())
    {
        let points = (scores.points)(score);
        if checks.not_at_zero && points.is_zero() {
            out.push(Failure::CriterionAtZero {
                criterion: def.id.clone(),
            });
        } else if checks.met && !(scores.met)(score, def) {
            out.push(Failure::CriterionNotMet {
                criterion: def.id.clone(),
                points,
                rule: def.met.to_string(),
            });
        } else if let Some(min_points) = checks.minimum
            && points < min_points
        {
            out.push(Failure::CriterionBelowMinimum {
                criterion: def.id.clone(),
                points,
                min_points,
            });
        }
    }
    for (condition, declared) in set.conditions().iter().enumerate() {
        match &declared.rule {
            ConditionRule::ClassThreshold if total < threshold => {
                out.push(Failure::BelowThreshold { total, threshold });
            }
            ConditionRule::CriteriaReaching {
                count,
                share,
                criteria: counted,
            } => {
                let below: Vec<String> = set
                    .criteria()
                    .iter()
                    .zip(scores.of)
                    .filter(|(c, s)| {
                        c.listed_in(counted)
                            && !reaches_share((scores.points)(s), c.max_points, *share)
                    })
                    .map(|(c, _)| c.id.to_string())
                    .collect();
                let reaching = counted.len() - below.len();
                if reaching < *count {
                    out.push(Failure::TooFewCriteriaReaching {
                        condition,
                        reaching,
                        count: *count,
                        of: counted.len(),
                        share: *share,
                        below,
                    });
                }
            }
            _ => {}
        }
    }
    for hit in hits {
        let incidents = hit
            .incidents
            .iter()
            .filter_map(|id| ev.incidents().iter().find(|i| &i.id == id))
            .map(|i| IncidentRef {
                id: i.id.clone(),
                date: i.date,
            })
            .collect();
        out.push(Failure::Disqualified {
            disqualifier: hit.id.clone(),
            incidents,
        });
    }
    out
}

impl Failure {
    /// The failure in words, as `Display` writes it, into a string sized for most of them
    /// (`to_string` grows one from nothing, three or four times per reason).
    pub(crate) fn words(&self) -> String {
        let mut out = String::with_capacity(96);
        // The usual reasons of every unit, written piece by piece: the formatter cost more than
        // the rest of deciding. The rest as `Display` writes them; a test holds both equal.
        match self {
            Failure::CriterionAtZero { criterion } => {
                out.push_str(criterion);
                out.push_str(" at 0 points");
            }
            Failure::CriterionNotMet {
                criterion,
                points,
                rule,
            } => {
                out.push_str(criterion);
                out.push_str(" not met (");
                points.push_to(&mut out);
                out.push_str(" points; met when ");
                out.push_str(rule);
                out.push(')');
            }
            Failure::BelowThreshold { total, threshold } => {
                out.push_str("total ");
                total.push_to(&mut out);
                out.push_str(" < ");
                threshold.push_to(&mut out);
            }
            Failure::Disqualified {
                disqualifier,
                incidents,
            } if !incidents.is_empty() => {
                out.push_str("disqualifier ");
                out.push_str(disqualifier);
                out.push_str(": ");
                for (k, i) in incidents.iter().enumerate() {
                    if k > 0 {
                        out.push_str(", ");
                    }
                    out.push_str("incident ");
                    out.push_str(&i.id);
                    out.push_str(" on ");
                    i.date.push_to(&mut out);
                }
            }
            _ => {
                use std::fmt::Write;
                // Writing into a `String` cannot fail.
                let _ = write!(out, "{self}");
            }
        }
        out
    }
}

/// The `reasons` of `results.json`: English, with ids, byte for byte as they have always been
/// written (a results document is compared by programs and by `cfc verify`).
impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::CriterionAtZero { criterion } => write!(f, "{criterion} at 0 points"),
            Failure::CriterionNotMet {
                criterion,
                points,
                rule,
            } => {
                write!(f, "{criterion} not met ({points} points; met when {rule})")
            }
            Failure::CriterionBelowMinimum {
                criterion,
                points,
                min_points,
            } => write!(
                f,
                "{criterion} below its minimum ({points} points; at least {min_points} needed)"
            ),
            Failure::TooFewCriteriaReaching {
                reaching,
                count,
                of,
                share,
                below,
                ..
            } => write!(
                f,
                "{reaching} of {of} criteria reach {share} % of their maximum, at least {count} \
                 needed (below: {})",
                below.join(", ")
            ),
            Failure::BelowThreshold { total, threshold } => {
                write!(f, "total {total} < {threshold}")
            }
            Failure::Disqualified {
                disqualifier,
                incidents,
            } if incidents.is_empty() => {
                write!(f, "disqualifier {disqualifier} holds")
            }
            Failure::Disqualified {
                disqualifier,
                incidents,
            } => {
                let list: Vec<String> = incidents
                    .iter()
                    .map(|i| format!("incident {} on {}", i.id, i.date))
                    .collect();
                write!(f, "disqualifier {disqualifier}: {}", list.join(", "))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reasons written piece by piece are the words `Display` writes, for every kind of
    /// failure, whole points and not.
    #[test]
    fn words_are_what_display_writes() {
        let points = |m, scale| Points::new(Decimal::new(m, scale)).expect("points");
        let mut failures = Vec::new();
        for p in [
            points(0, 0),
            points(7, 0),
            points(1000, 0),
            points(125, 1),
            points(912_500, 3),
        ] {
            failures.push(Failure::CriterionAtZero {
                criterion: "C07".into(),
            });
            failures.push(Failure::CriterionNotMet {
                criterion: "C03".into(),
                points: p,
                rule: "points ≥ 20".into(),
            });
            failures.push(Failure::CriterionBelowMinimum {
                criterion: "C03".into(),
                points: p,
                min_points: points(20, 0),
            });
            failures.push(Failure::BelowThreshold {
                total: p,
                threshold: points(750, 0),
            });
            failures.push(Failure::BelowThreshold {
                total: points(749, 0),
                threshold: p,
            });
        }
        failures.push(Failure::TooFewCriteriaReaching {
            condition: 1,
            reaching: 9,
            count: 10,
            of: 13,
            share: Decimal::new(50, 0),
            below: vec!["C01".into(), "C02".into()],
        });
        failures.push(Failure::Disqualified {
            disqualifier: "drowning".into(),
            incidents: vec![],
        });
        for n in 1..4 {
            failures.push(Failure::Disqualified {
                disqualifier: "drowning".into(),
                incidents: ["2024-03-01", "0999-12-31", "2025-10-09"]
                    .iter()
                    .take(n)
                    .enumerate()
                    .map(|(k, d)| IncidentRef {
                        id: format!("I-{k}"),
                        date: d.parse().expect("date"),
                    })
                    .collect(),
            });
        }
        for f in &failures {
            assert_eq!(f.words(), f.to_string(), "{f:?}");
        }
    }
}
