//! Why a unit is not recognised, in words: every failing condition of [`Failure`] as a
//! sentence in the reader's language, with the titles, labels and provisions the criteria set
//! and the policy declare; and the unit's figures for a declared condition.
//!
//! The English `Display` of a failure (beside [`Failure`]) is the other form: terse, with ids,
//! and fixed, because the `reasons` of `results.json` are made of it and programs compare them.

use crate::base::lang::Lang;
use crate::base::points::Points;
use crate::evaluate::decide::{Failure, UnitResult};
use crate::rules::criteria::{Condition, ConditionRule, CriteriaSet, MetRule, reaches_share};
use crate::rules::policy::Policy;
use crate::words::format::{date, number, points};

/// A declared condition as reasons and conclusions name it: its label and its provision.
fn named(c: &Condition, lang: Lang) -> String {
    format!("{} ({})", c.label.get(lang), c.reference)
}

/// A criterion's title in a language (empty when the set does not know the id).
fn title(set: &CriteriaSet, id: &str, lang: Lang) -> String {
    set.criteria()
        .iter()
        .find(|c| c.id == id)
        .map(|c| c.title.get(lang).to_string())
        .unwrap_or_default()
}

/// The label of a class in a language; its id when the set does not declare it (results read
/// back under another set).
pub fn class_label<'a>(set: &'a CriteriaSet, class: &'a str, lang: Lang) -> &'a str {
    set.class(class).map_or(class, |c| c.label.get(lang))
}

/// What a disqualifier refuses, with its provision (`Trẻ em bị đuối nước (Điều 3)`); its id
/// when the policy does not declare it.
pub fn disqualifier(policy: Option<&Policy>, id: &str, lang: Lang) -> String {
    policy
        .and_then(|p| p.disqualifiers().iter().find(|d| d.id == id))
        .map_or(id.to_string(), |d| {
            format!("{} ({})", d.title.get(lang), d.reference)
        })
}

/// The rule that makes a criterion met, in words ("trên 0 điểm", "at least 20 points").
fn met_rule(rule: MetRule, lang: Lang) -> String {
    match rule {
        MetRule::PointsAbove(p) => lang.pick(
            format!("trên {} điểm", points(p, lang)),
            format!("more than {} points", points(p, lang)),
        ),
        MetRule::PointsAtLeast(p) => lang.pick(
            format!("từ {} điểm trở lên", points(p, lang)),
            format!("at least {} points", points(p, lang)),
        ),
    }
}

/// A failing condition as a sentence, with the titles and references of the rules and the
/// label of the unit's class.
pub fn reason(
    f: &Failure,
    lang: Lang,
    set: &CriteriaSet,
    policy: Option<&Policy>,
    class: &str,
) -> String {
    let n = |p: Points| points(p, lang);
    match f {
        Failure::CriterionAtZero { criterion } => {
            let t = title(set, criterion, lang);
            lang.pick(
                format!("Tiêu chí {criterion} ({t}) đạt 0 điểm."),
                format!("Criterion {criterion} ({t}) scores 0 points."),
            )
        }
        Failure::CriterionNotMet {
            criterion,
            points: p,
            ..
        } => {
            let rule = set
                .criteria()
                .iter()
                .find(|c| &c.id == criterion)
                .map(|c| met_rule(c.met, lang))
                .unwrap_or_default();
            let t = title(set, criterion, lang);
            lang.pick(
                format!(
                    "Tiêu chí {criterion} ({t}) không đạt: {} điểm, điều kiện đạt là {rule}.",
                    n(*p)
                ),
                format!(
                    "Criterion {criterion} ({t}) is not met: {} points; it needs {rule}.",
                    n(*p)
                ),
            )
        }
        Failure::CriterionBelowMinimum {
            criterion,
            points: p,
            min_points,
        } => {
            let condition = set
                .conditions()
                .iter()
                .find(|c| {
                    matches!(&c.rule, ConditionRule::CriterionMinimum { criterion: id, .. } if id == criterion)
                })
                .map(|c| named(c, lang))
                .unwrap_or_default();
            let t = title(set, criterion, lang);
            lang.pick(
                format!(
                    "Tiêu chí {criterion} ({t}) đạt {} điểm, thấp hơn mức tối thiểu {} điểm — {condition}.",
                    n(*p),
                    n(*min_points)
                ),
                format!(
                    "Criterion {criterion} ({t}) scores {} points, below its minimum of {} — {condition}.",
                    n(*p),
                    n(*min_points)
                ),
            )
        }
        Failure::TooFewCriteriaReaching {
            condition,
            reaching,
            count,
            of,
            share,
            below,
        } => {
            let condition = set
                .conditions()
                .get(*condition)
                .map(|c| named(c, lang))
                .unwrap_or_default();
            let share = number(*share, lang);
            let below = below.join(", ");
            lang.pick(
                format!(
                    "{condition}: {reaching}/{of} tiêu chí đạt từ {share} % số điểm tối đa, cần ít nhất {count}; chưa đạt: {below}."
                ),
                format!(
                    "{condition}: {reaching} of {of} criteria reach {share} % of their maximum, at least {count} needed; below: {below}."
                ),
            )
        }
        Failure::BelowThreshold { total, threshold } => {
            let class = class_label(set, class, lang);
            lang.pick(
                format!(
                    "Tổng điểm {} thấp hơn ngưỡng công nhận {} điểm của nhóm {class}.",
                    n(*total),
                    n(*threshold)
                ),
                format!(
                    "The total {} is below the threshold {} of the class {class}.",
                    n(*total),
                    n(*threshold)
                ),
            )
        }
        Failure::Disqualified {
            disqualifier: id,
            incidents,
        } => {
            let what = disqualifier(policy, id, lang);
            let list: Vec<String> = incidents
                .iter()
                .map(|i| {
                    let on = date(i.date, lang);
                    lang.pick(
                        format!("sự việc {} ngày {on}", i.id),
                        format!("incident {} on {on}", i.id),
                    )
                })
                .collect();
            if list.is_empty() {
                lang.pick(
                    format!("Điều kiện loại trừ: {what}."),
                    format!("Disqualifier: {what}."),
                )
            } else {
                let list = list.join(", ");
                lang.pick(
                    format!("Điều kiện loại trừ: {what}: {list}."),
                    format!("Disqualifier: {what}: {list}."),
                )
            }
        }
    }
}

/// Every failing condition of a result, as sentences.
pub fn reasons(
    result: &UnitResult,
    lang: Lang,
    set: &CriteriaSet,
    policy: Option<&Policy>,
) -> Vec<String> {
    result
        .failures
        .iter()
        .map(|f| reason(f, lang, set, policy, &result.class))
        .collect()
}

/// The unit's figures for one declared condition ("13/13 tiêu chí đạt", "tổng điểm 912,
/// ngưỡng 850 điểm"): what a conclusion shows beside the condition's label.
pub fn figures(condition: &Condition, result: &UnitResult, lang: Lang) -> String {
    let n = |p: Points| points(p, lang);
    let listed = |ids: &[String]| {
        result
            .criteria
            .iter()
            .filter(|c| ids.iter().any(|id| *id == c.id))
            .collect::<Vec<_>>()
    };
    match &condition.rule {
        ConditionRule::ClassThreshold => lang.pick(
            format!(
                "tổng điểm {}, ngưỡng {} điểm",
                n(result.total),
                n(result.threshold)
            ),
            format!(
                "total {}, threshold {}",
                n(result.total),
                n(result.threshold)
            ),
        ),
        ConditionRule::NoCriterionAtZero { criteria } => {
            let listed = listed(criteria);
            let above = listed.iter().filter(|c| !c.points.is_zero()).count();
            // At 0 but met: the set declares these acceptable at 0 (`points_at_least = 0`).
            let exempt: Vec<&str> = listed
                .iter()
                .filter(|c| c.points.is_zero() && c.met)
                .map(|c| c.id.as_str())
                .collect();
            let of = listed.len();
            let mut out = lang.pick(
                format!("{above}/{of} tiêu chí có điểm trên 0"),
                format!("{above} of {of} criteria above 0 points"),
            );
            if !exempt.is_empty() {
                let exempt = exempt.join(", ");
                out += &lang.pick(
                    format!("; {exempt} ở 0 điểm vẫn đạt theo quy tắc đạt của tiêu chí"),
                    format!("; {exempt} at 0 points, met by their own rule"),
                );
            }
            out
        }
        ConditionRule::CriteriaMet { criteria } => {
            let listed = listed(criteria);
            let met = listed.iter().filter(|c| c.met).count();
            let of = listed.len();
            lang.pick(
                format!("{met}/{of} tiêu chí đạt"),
                format!("{met} of {of} criteria met"),
            )
        }
        ConditionRule::CriteriaReaching {
            count,
            share,
            criteria,
        } => {
            let listed = listed(criteria);
            let reaching = listed
                .iter()
                .filter(|c| reaches_share(c.points, c.max, *share))
                .count();
            let (of, share) = (listed.len(), number(*share, lang));
            lang.pick(
                format!(
                    "{reaching}/{of} tiêu chí đạt từ {share} % số điểm tối đa, cần ít nhất {count}"
                ),
                format!(
                    "{reaching} of {of} criteria reach {share} % of their maximum, at least {count} needed"
                ),
            )
        }
        ConditionRule::CriterionMinimum {
            criterion,
            min_points,
        } => {
            let p = result
                .criteria
                .iter()
                .find(|c| &c.id == criterion)
                .map_or(Points::ZERO, |c| c.points);
            lang.pick(
                format!(
                    "tiêu chí {criterion} đạt {} điểm, tối thiểu {} điểm",
                    n(p),
                    n(*min_points)
                ),
                format!(
                    "criterion {criterion} at {} points, minimum {}",
                    n(p),
                    n(*min_points)
                ),
            )
        }
    }
}
