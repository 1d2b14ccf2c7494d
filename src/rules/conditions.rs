//! Recognition conditions: what a unit must satisfy besides its points, declared by the set.
//!
//! Decrees differ in what they ask: Decision 06 asks that every criterion is met, that none is
//! at 0 points and that the total reaches the class threshold; another decree may ask that 7 of
//! 9 criteria reach 60 % of their maximum, or that one mandatory criterion reaches its own
//! minimum. The set declares its conditions, each with the decree's words and provision; the
//! engine applies those and no other.
//!
//! Every condition is a lower bound on points (of a criterion, of several, or of the total), so
//! conditions that each hold for a unit at every maximum hold there all at once: checking each
//! one at the maximum is enough to refuse a set whose conditions can never hold together.

use std::collections::BTreeMap;
use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer};
use toml::Spanned;

use super::parts::Criterion;
use super::text::Text;
use crate::base::diag::{
    ConditionField, Diagnostic, FieldPath, RulesProblem, Source, ValueProblem, closest,
};
use crate::base::points::Points;

/// Most digits after the point of a `share`: with a share ≤ 100 and maxima ≤ 10^12, the
/// products compared stay far inside a `Decimal`'s 28 digits, so the comparison is exact.
const SHARE_DECIMALS: u32 = 6;

/// One condition of recognition, in the decree's words, with its provision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Condition {
    /// What it requires.
    pub rule: ConditionRule,
    /// The condition in the decree's own words (reasons and dossiers print it).
    pub label: Text,
    /// The legal provision it encodes.
    pub reference: String,
}

/// What a condition requires of a unit.
///
/// Criteria are named by id and listed in the set's order; a rule written without `criteria`
/// lists every criterion of the set.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConditionRule {
    /// The total reaches the threshold of the unit's class.
    ClassThreshold,
    /// No listed criterion scores 0 points — except one whose `met` rule holds at 0 points,
    /// which the set itself declares acceptable at 0.
    NoCriterionAtZero {
        /// The criteria it looks at.
        criteria: Vec<String>,
    },
    /// Every listed criterion meets its own `met` rule.
    CriteriaMet {
        /// The criteria it looks at.
        criteria: Vec<String>,
    },
    /// At least `count` of the listed criteria reach `share` percent of their own maximum.
    CriteriaReaching {
        /// How many must reach it.
        count: usize,
        /// The percentage of each criterion's maximum, exact (e.g. 60 or 62.5).
        share: Decimal,
        /// The criteria it counts.
        criteria: Vec<String>,
    },
    /// One mandatory criterion reaches a minimum of its own.
    CriterionMinimum {
        /// The criterion.
        criterion: String,
        /// The points it must reach.
        min_points: Points,
    },
}

impl ConditionRule {
    /// The rule's name, as the set file writes it (`rule = "criteria_reaching"`).
    pub fn name(&self) -> &'static str {
        self.kind().name()
    }

    fn kind(&self) -> RuleName {
        match self {
            ConditionRule::ClassThreshold => RuleName::ClassThreshold,
            ConditionRule::NoCriterionAtZero { .. } => RuleName::NoCriterionAtZero,
            ConditionRule::CriteriaMet { .. } => RuleName::CriteriaMet,
            ConditionRule::CriteriaReaching { .. } => RuleName::CriteriaReaching,
            ConditionRule::CriterionMinimum { .. } => RuleName::CriterionMinimum,
        }
    }
}

/// Whether `points` reach `share` percent of `max`, compared exactly (never after rounding).
///
/// ```
/// use cfc::Points;
/// use cfc::criteria::reaches_share;
/// use rust_decimal::Decimal;
/// let p = |n: u32| Points::from(n);
/// assert!(reaches_share(p(60), p(100), Decimal::from(60)));
/// assert!(!reaches_share(p(59), p(100), Decimal::from(60)));
/// assert!(reaches_share(p(25), p(40), Decimal::new(625, 1))); // 62.5 % of 40 is 25
/// ```
pub fn reaches_share(points: Points, max: Points, share: Decimal) -> bool {
    // Points ≤ 10^12, share ≤ 100 with few decimals (checked at load): no product overflows.
    points.value() * Decimal::ONE_HUNDRED >= share * max.value()
}

/// What the criterion-level conditions ask of one criterion, resolved once when the set loads
/// so that deciding a unit needs no lookup by id.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct CriterionChecks {
    /// Refused at 0 points: listed by `no_criterion_at_zero` and its `met` rule fails at 0.
    pub(crate) not_at_zero: bool,
    /// Listed by `criteria_met`.
    pub(crate) met: bool,
    /// The minimum of its `criterion_minimum`, if any.
    pub(crate) minimum: Option<Points>,
}

/// The checks of every criterion, in the set's order.
pub(crate) fn criterion_checks(
    conditions: &[Condition],
    criteria: &[Criterion],
) -> Vec<CriterionChecks> {
    criteria
        .iter()
        .map(|c| {
            let mut checks = CriterionChecks::default();
            for condition in conditions {
                match &condition.rule {
                    ConditionRule::NoCriterionAtZero { criteria } if c.listed_in(criteria) => {
                        checks.not_at_zero = !c.met.holds(Points::ZERO);
                    }
                    ConditionRule::CriteriaMet { criteria } if c.listed_in(criteria) => {
                        checks.met = true;
                    }
                    ConditionRule::CriterionMinimum {
                        criterion,
                        min_points,
                    } if criterion == &c.id => checks.minimum = Some(*min_points),
                    _ => {}
                }
            }
            checks
        })
        .collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum RuleName {
    ClassThreshold,
    NoCriterionAtZero,
    CriteriaMet,
    CriteriaReaching,
    CriterionMinimum,
}

impl RuleName {
    fn name(self) -> &'static str {
        match self {
            RuleName::ClassThreshold => "class_threshold",
            RuleName::NoCriterionAtZero => "no_criterion_at_zero",
            RuleName::CriteriaMet => "criteria_met",
            RuleName::CriteriaReaching => "criteria_reaching",
            RuleName::CriterionMinimum => "criterion_minimum",
        }
    }

    /// The optional and required fields besides `rule`, `label` and `reference`.
    fn fields(self) -> &'static [&'static str] {
        match self {
            RuleName::ClassThreshold => &[],
            RuleName::NoCriterionAtZero | RuleName::CriteriaMet => &["criteria"],
            RuleName::CriteriaReaching => &["count", "share", "criteria"],
            RuleName::CriterionMinimum => &["criterion", "min_points"],
        }
    }

    /// Whether a set may declare it only once (a second one could only repeat or blur it).
    fn once(self) -> bool {
        matches!(
            self,
            RuleName::ClassThreshold | RuleName::NoCriterionAtZero | RuleName::CriteriaMet
        )
    }
}

impl fmt::Display for RuleName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A percentage read exactly: an integer or a decimal string, never a binary float.
#[derive(Clone, Copy, Debug)]
pub(super) struct Share(Decimal);

impl<'de> Deserialize<'de> for Share {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Share, D::Error> {
        crate::base::points::exact::deserialize(d).map(Share)
    }
}

/// A `[[conditions]]` entry as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCondition {
    rule: Spanned<RuleName>,
    label: Text,
    #[serde(deserialize_with = "crate::base::printable::rule_text")]
    reference: String,
    #[serde(default)]
    criteria: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    count: Option<Spanned<i64>>,
    #[serde(default)]
    share: Option<Spanned<Share>>,
    #[serde(default)]
    criterion: Option<Spanned<String>>,
    #[serde(default)]
    min_points: Option<Spanned<Points>>,
}

/// Checks the declared conditions against the loaded criteria and resolves them; every problem
/// is pushed, located at the field that causes it. `anchor` locates "no conditions at all".
pub(super) fn resolve(
    src: &Source,
    raw: Vec<RawCondition>,
    criteria: &[Criterion],
    anchor: &std::ops::Range<usize>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Condition> {
    if raw.is_empty() {
        problems.push(src.problem(
            anchor,
            FieldPath::from("conditions"),
            RulesProblem::NoConditions,
        ));
    }
    let mut first_line: BTreeMap<RuleName, usize> = BTreeMap::new();
    let mut minimum_line: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = Vec::new();
    for (i, c) in raw.into_iter().enumerate() {
        let before = problems.len();
        let name = *c.rule.get_ref();
        let rule_span = c.rule.span();
        let at = FieldPath::from("conditions").index(i);
        if name.once()
            && let Some(first) = first_line.insert(name, src.line_of(&rule_span))
        {
            problems.push(src.problem(
                &rule_span,
                at.key("rule"),
                ValueProblem::Duplicate {
                    value: name.to_string(),
                    first_line: first,
                },
            ));
        }
        let given = [
            ("criteria", c.criteria.as_ref().map(Spanned::span)),
            ("count", c.count.as_ref().map(Spanned::span)),
            ("share", c.share.as_ref().map(Spanned::span)),
            ("criterion", c.criterion.as_ref().map(Spanned::span)),
            ("min_points", c.min_points.as_ref().map(Spanned::span)),
        ];
        for (field, span) in given {
            if let Some(span) = span
                && !name.fields().contains(&field)
            {
                problems.push(src.problem(
                    &span,
                    at.key(field),
                    RulesProblem::ConditionField {
                        rule: name.to_string(),
                        takes: name.fields().iter().map(|f| f.to_string()).collect(),
                    },
                ));
            }
        }
        let missing = |field: ConditionField, problems: &mut Vec<Diagnostic>| {
            problems.push(src.problem(
                &rule_span,
                at.key(field.key()),
                RulesProblem::ConditionFieldMissing {
                    rule: name.to_string(),
                    field,
                },
            ));
        };
        let listed = listed_criteria(src, &at, c.criteria.as_ref(), criteria, problems);
        let rule = match name {
            RuleName::ClassThreshold => Some(ConditionRule::ClassThreshold),
            RuleName::NoCriterionAtZero => Some(ConditionRule::NoCriterionAtZero {
                criteria: ids(criteria, &listed),
            }),
            RuleName::CriteriaMet => {
                for (i, span) in &listed {
                    let def = &criteria[*i];
                    if !def.met.holds(def.max_points) {
                        problems.push(src.problem(
                            span.as_ref().unwrap_or(&rule_span),
                            at.key("criteria"),
                            RulesProblem::NeverMet {
                                criterion: def.id.to_string(),
                                met: def.met.to_string(),
                                max_points: def.max_points.value(),
                            },
                        ));
                    }
                }
                Some(ConditionRule::CriteriaMet {
                    criteria: ids(criteria, &listed),
                })
            }
            RuleName::CriteriaReaching => {
                let count = match &c.count {
                    None => {
                        missing(ConditionField::Count, problems);
                        None
                    }
                    Some(n) => match usize::try_from(*n.get_ref()) {
                        Ok(k) if k >= 1 && k <= listed.len() => Some(k),
                        _ => {
                            problems.push(src.problem(
                                &n.span(),
                                at.key("count"),
                                RulesProblem::CountOutOfRange {
                                    found: *n.get_ref(),
                                    criteria: listed.len(),
                                },
                            ));
                            None
                        }
                    },
                };
                let share = match &c.share {
                    None => {
                        missing(ConditionField::Share, problems);
                        None
                    }
                    Some(s) => {
                        let v = s.get_ref().0;
                        if v <= Decimal::ZERO || v > Decimal::ONE_HUNDRED {
                            problems.push(src.problem(
                                &s.span(),
                                at.key("share"),
                                RulesProblem::ShareOutOfRange { found: v },
                            ));
                            None
                        } else if v.normalize().scale() > SHARE_DECIMALS {
                            problems.push(src.problem(
                                &s.span(),
                                at.key("share"),
                                RulesProblem::ShareTooPrecise {
                                    found: v,
                                    max: SHARE_DECIMALS,
                                },
                            ));
                            None
                        } else {
                            Some(v.normalize())
                        }
                    }
                };
                count
                    .zip(share)
                    .map(|(count, share)| ConditionRule::CriteriaReaching {
                        count,
                        share,
                        criteria: ids(criteria, &listed),
                    })
            }
            RuleName::CriterionMinimum => {
                let criterion = match &c.criterion {
                    None => {
                        missing(ConditionField::Criterion, problems);
                        None
                    }
                    Some(id) => match criteria.iter().find(|d| &d.id == id.get_ref()) {
                        None => {
                            problems.push(unknown(src, at.key("criterion"), id, criteria));
                            None
                        }
                        Some(def) => {
                            if let Some(first_line) =
                                minimum_line.insert(def.id.to_string(), src.line_of(&id.span()))
                            {
                                problems.push(src.problem(
                                    &id.span(),
                                    at.key("criterion"),
                                    RulesProblem::SecondMinimum {
                                        criterion: def.id.to_string(),
                                        first_line,
                                    },
                                ));
                            }
                            Some(def)
                        }
                    },
                };
                let min_points = match &c.min_points {
                    None => {
                        missing(ConditionField::MinPoints, problems);
                        None
                    }
                    Some(m) => Some(m),
                };
                match (criterion, min_points) {
                    (Some(def), Some(m)) if *m.get_ref() > def.max_points => {
                        problems.push(src.problem(
                            &m.span(),
                            at.key("min_points"),
                            RulesProblem::MinimumAboveMax {
                                min_points: m.get_ref().value(),
                                criterion: def.id.to_string(),
                                max_points: def.max_points.value(),
                            },
                        ));
                        None
                    }
                    (Some(def), Some(m)) => Some(ConditionRule::CriterionMinimum {
                        criterion: def.id.to_string(),
                        min_points: *m.get_ref(),
                    }),
                    _ => None,
                }
            }
        };
        if let Some(rule) = rule
            && problems.len() == before
        {
            out.push(Condition {
                rule,
                label: c.label,
                reference: c.reference,
            });
        }
    }
    out
}

/// The positions of the criteria a rule lists (every criterion when it lists none), each with
/// the span of its id when written; unknown, repeated or no ids are problems.
fn listed_criteria(
    src: &Source,
    at: &FieldPath,
    written: Option<&Spanned<Vec<Spanned<String>>>>,
    criteria: &[Criterion],
    problems: &mut Vec<Diagnostic>,
) -> Vec<(usize, Option<std::ops::Range<usize>>)> {
    let Some(written) = written else {
        return (0..criteria.len()).map(|i| (i, None)).collect();
    };
    let at = at.key("criteria");
    if written.get_ref().is_empty() {
        problems.push(src.problem(&written.span(), at.clone(), RulesProblem::EmptyCriteriaList));
    }
    let mut seen = BTreeMap::new();
    let mut out = Vec::new();
    for (k, id) in written.get_ref().iter().enumerate() {
        match criteria.iter().position(|d| &d.id == id.get_ref()) {
            None => problems.push(unknown(src, at.index(k), id, criteria)),
            Some(i) => {
                if let Some(first_line) = seen.insert(i, src.line_of(&id.span())) {
                    problems.push(src.problem(
                        &id.span(),
                        at.index(k),
                        ValueProblem::Duplicate {
                            value: id.get_ref().clone(),
                            first_line,
                        },
                    ));
                } else {
                    out.push((i, Some(id.span())));
                }
            }
        }
    }
    out
}

/// A condition names a criterion the set does not have.
fn unknown(
    src: &Source,
    field: FieldPath,
    id: &Spanned<String>,
    criteria: &[Criterion],
) -> Diagnostic {
    let known: Vec<&str> = criteria.iter().map(|c| c.id.as_str()).collect();
    src.problem(
        &id.span(),
        field,
        ValueProblem::NotOneOf {
            found: id.get_ref().clone(),
            allowed: known.iter().map(|k| k.to_string()).collect(),
            closest: closest(id.get_ref(), known.iter().copied()).map(str::to_string),
        },
    )
}

/// The ids of the listed criteria, in the set's order.
fn ids(criteria: &[Criterion], listed: &[(usize, Option<std::ops::Range<usize>>)]) -> Vec<String> {
    let mut at: Vec<usize> = listed.iter().map(|(i, _)| *i).collect();
    at.sort_unstable();
    at.into_iter().map(|i| criteria[i].id.to_string()).collect()
}
