//! `explain`: a readable account of one unit's result, in Vietnamese or English — every
//! criterion and indicator with the legal reference of its rule, the evidence it read, the
//! exact and displayed rate, the step reached and whether the rule is provisional; every failing
//! condition; every disqualifier with its incidents. Built from the result's trace, never by
//! scoring again.

use std::fmt::Write;

use serde::Serialize;

use rust_decimal::Decimal;

use crate::criteria::{Condition, ConditionRule, CriteriaSet, MetRule, reaches_share};
use crate::date::{Date, Period};
use crate::decide::{Failure, IncidentTrace, IncidentWindow, UnitResult};
use crate::evidence::Value;
use crate::lang::Lang;
use crate::points::Points;
use crate::policy::Policy;
use crate::policy::Window;
use crate::script::{Fraction, Measure, Rounding, RoundingRule};
use crate::words::format::fixed;

/// One value an indicator read.
#[derive(Clone, Debug, Serialize)]
pub struct EvidenceLine {
    /// The input or derived count.
    pub name: String,
    /// Its label in the chosen language.
    pub label: String,
    /// Its value.
    pub value: Value,
}

/// One indicator, explained.
#[derive(Clone, Debug, Serialize)]
pub struct IndicatorLine {
    /// Indicator id.
    pub id: String,
    /// Title in the chosen language.
    pub title: String,
    /// Legal reference of its rule.
    pub reference: String,
    /// Whether the rule is provisional.
    pub provisional: bool,
    /// What part of the rule is confirmed, when only part is.
    pub status_note: Option<String>,
    /// The values it read.
    pub evidence: Vec<EvidenceLine>,
    /// The rate or count compared (with `exact` and `display` for a rate).
    pub measure: Option<Measure>,
    /// The step reached.
    pub row: String,
    /// The exact value before rounding, when the points came from a rounding function.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rounding: Option<Rounding>,
    /// Points earned.
    pub points: Points,
    /// Most points possible.
    pub max: Points,
}

/// One criterion, explained.
#[derive(Clone, Debug, Serialize)]
pub struct CriterionLine {
    /// Criterion id.
    pub id: String,
    /// Title in the chosen language.
    pub title: String,
    /// Points earned.
    pub points: Points,
    /// Most points possible.
    pub max: Points,
    /// Whether it is met.
    pub met: bool,
    /// Its indicators.
    pub indicators: Vec<IndicatorLine>,
}

/// One disqualifier of the policy, held or not.
#[derive(Clone, Debug, Serialize)]
pub struct DisqualifierLine {
    /// Its id.
    pub id: String,
    /// What it refuses.
    pub title: String,
    /// Its provision.
    pub reference: String,
    /// Whether it holds for this unit.
    pub held: bool,
    /// The incidents that made it hold.
    pub incidents: Vec<String>,
    /// Its window, when the policy looks beyond the evaluation period (absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window: Option<Window>,
    /// The days of that window for this unit (when the register holds an incident to judge).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window_days: Option<Period>,
    /// How that window judged every incident of the register (empty for a period-only policy).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub judged: Vec<JudgedIncident>,
}

/// One incident as a disqualifier's window judged it.
#[derive(Clone, Debug, Serialize)]
pub struct JudgedIncident {
    /// The incident id.
    pub id: String,
    /// Its date.
    pub date: Date,
    /// Whether its date falls inside the window.
    pub inside: bool,
    /// Whether the disqualifier held on it.
    pub counted: bool,
}

/// A unit's result, explained.
#[derive(Clone, Debug, Serialize)]
pub struct Explanation {
    /// Unit code.
    pub code: String,
    /// Unit name.
    pub name: String,
    /// Class id and its label in the chosen language.
    pub class: String,
    /// The class label.
    pub class_label: String,
    /// The unit's total.
    pub total: Points,
    /// The class threshold.
    pub threshold: Points,
    /// The decision.
    pub recognised: bool,
    /// Every criterion with its indicators.
    pub criteria: Vec<CriterionLine>,
    /// Every failing condition, in the chosen language.
    pub reasons: Vec<String>,
    /// The policy's disqualifiers, held or not.
    pub disqualifiers: Vec<DisqualifierLine>,
    /// Provisional rules used.
    pub provisional_rules: Vec<String>,
    /// Whether the data is illustrative.
    pub synthetic: bool,
    /// The notice of a round evaluated outside its criteria set's period in force.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outside_effect: Option<String>,
}

fn number(p: Points, lang: Lang) -> String {
    match lang {
        Lang::Vi => {
            let v = p.value();
            fixed(v, if v.scale() == 0 { 0 } else { 2 }, Lang::Vi)
        }
        Lang::En => p.to_string(),
    }
}

/// An exact decimal in the language's digits, every significant decimal kept (a share such as
/// 62.5 % is never rounded).
fn exact(v: Decimal, lang: Lang) -> String {
    let v = v.normalize();
    match lang {
        Lang::Vi => fixed(v, v.scale(), Lang::Vi),
        Lang::En => v.to_string(),
    }
}

/// A declared condition as reasons and conclusions name it: its label and its provision.
fn named(c: &Condition, lang: Lang) -> String {
    format!("{} ({})", c.label.get(lang), c.reference)
}

/// The unit's figures for one declared condition ("13/13 tiêu chí đạt", "tổng điểm 912,
/// ngưỡng 850 điểm"): what a conclusion shows beside the condition's label.
pub fn figures(condition: &Condition, result: &UnitResult, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let n = |p: Points| number(p, lang);
    let listed = |ids: &[String]| {
        result
            .criteria
            .iter()
            .filter(|c| ids.contains(&c.id))
            .collect::<Vec<_>>()
    };
    match &condition.rule {
        ConditionRule::ClassThreshold if vi => format!(
            "tổng điểm {}, ngưỡng {} điểm",
            n(result.total),
            n(result.threshold)
        ),
        ConditionRule::ClassThreshold => {
            format!("total {}, threshold {}", result.total, result.threshold)
        }
        ConditionRule::NoCriterionAtZero { criteria } => {
            let listed = listed(criteria);
            let above = listed.iter().filter(|c| !c.points.is_zero()).count();
            // At 0 but met: the set declares these acceptable at 0 (`points_at_least = 0`).
            let exempt: Vec<&str> = listed
                .iter()
                .filter(|c| c.points.is_zero() && c.met)
                .map(|c| c.id.as_str())
                .collect();
            let mut out = if vi {
                format!("{above}/{} tiêu chí có điểm trên 0", listed.len())
            } else {
                format!("{above} of {} criteria above 0 points", listed.len())
            };
            if !exempt.is_empty() {
                out += &if vi {
                    format!(
                        "; {} ở 0 điểm vẫn đạt theo quy tắc đạt của tiêu chí",
                        exempt.join(", ")
                    )
                } else {
                    format!("; {} at 0 points, met by their own rule", exempt.join(", "))
                };
            }
            out
        }
        ConditionRule::CriteriaMet { criteria } => {
            let listed = listed(criteria);
            let met = listed.iter().filter(|c| c.met).count();
            if vi {
                format!("{met}/{} tiêu chí đạt", listed.len())
            } else {
                format!("{met} of {} criteria met", listed.len())
            }
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
            if vi {
                format!(
                    "{reaching}/{} tiêu chí đạt từ {} % số điểm tối đa, cần ít nhất {count}",
                    listed.len(),
                    exact(*share, lang)
                )
            } else {
                format!(
                    "{reaching} of {} criteria reach {share} % of their maximum, at least {count} needed",
                    listed.len()
                )
            }
        }
        ConditionRule::CriterionMinimum {
            criterion,
            min_points,
        } => {
            let points = result
                .criteria
                .iter()
                .find(|c| &c.id == criterion)
                .map_or(Points::ZERO, |c| c.points);
            if vi {
                format!(
                    "tiêu chí {criterion} đạt {} điểm, tối thiểu {} điểm",
                    n(points),
                    n(*min_points)
                )
            } else {
                format!("criterion {criterion} at {points} points, minimum {min_points}")
            }
        }
    }
}

/// An exact value as the reader's language writes it: `2,25` or `2.25`; a fraction whose
/// decimals never end as `1/3`.
fn exact_text(x: Fraction, lang: Lang) -> String {
    let text = x.to_string();
    match lang {
        Lang::Vi if !text.contains('/') => text.replace('.', ","),
        _ => text,
    }
}

/// A failing condition in words, with the titles and references of the rules.
pub fn reason(
    f: &Failure,
    lang: Lang,
    set: &CriteriaSet,
    policy: Option<&Policy>,
    class: &str,
) -> String {
    let title = |id: &str| {
        set.criteria()
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.title.get(lang).to_string())
            .unwrap_or_default()
    };
    let vi = lang == Lang::Vi;
    match f {
        Failure::CriterionAtZero { criterion } if vi => {
            format!("Tiêu chí {criterion} ({}) đạt 0 điểm.", title(criterion))
        }
        Failure::CriterionAtZero { criterion } => format!(
            "Criterion {criterion} ({}) scores 0 points.",
            title(criterion)
        ),
        Failure::CriterionNotMet {
            criterion, points, ..
        } => {
            let rule = set
                .criteria()
                .iter()
                .find(|c| &c.id == criterion)
                .map(|c| c.met);
            let rule = match (rule, vi) {
                (Some(MetRule::PointsAbove(p)), true) => format!("trên {} điểm", number(p, lang)),
                (Some(MetRule::PointsAtLeast(p)), true) => {
                    format!("từ {} điểm trở lên", number(p, lang))
                }
                (Some(MetRule::PointsAbove(p)), false) => format!("more than {p} points"),
                (Some(MetRule::PointsAtLeast(p)), false) => format!("at least {p} points"),
                (None, _) => String::new(),
            };
            if vi {
                format!(
                    "Tiêu chí {criterion} ({}) không đạt: {} điểm, điều kiện đạt là {rule}.",
                    title(criterion),
                    number(*points, lang)
                )
            } else {
                format!(
                    "Criterion {criterion} ({}) is not met: {points} points; it needs {rule}.",
                    title(criterion)
                )
            }
        }
        Failure::CriterionBelowMinimum {
            criterion,
            points,
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
            if vi {
                format!(
                    "Tiêu chí {criterion} ({}) đạt {} điểm, thấp hơn mức tối thiểu {} điểm — {condition}.",
                    title(criterion),
                    number(*points, lang),
                    number(*min_points, lang)
                )
            } else {
                format!(
                    "Criterion {criterion} ({}) scores {points} points, below its minimum of {min_points} — {condition}.",
                    title(criterion)
                )
            }
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
            if vi {
                format!(
                    "{condition}: {reaching}/{of} tiêu chí đạt từ {} % số điểm tối đa, cần ít nhất {count}; chưa đạt: {}.",
                    exact(*share, lang),
                    below.join(", ")
                )
            } else {
                format!(
                    "{condition}: {reaching} of {of} criteria reach {share} % of their maximum, at least {count} needed; below: {}.",
                    below.join(", ")
                )
            }
        }
        Failure::BelowThreshold { total, threshold } if vi => format!(
            "Tổng điểm {} thấp hơn ngưỡng công nhận {} điểm của nhóm {class}.",
            number(*total, lang),
            number(*threshold, lang)
        ),
        Failure::BelowThreshold { total, threshold } => {
            format!("The total {total} is below the threshold {threshold} of class {class}.")
        }
        Failure::Disqualified {
            disqualifier,
            incidents,
        } => {
            let d = policy.and_then(|p| p.disqualifiers().iter().find(|d| &d.id == disqualifier));
            let what = d.map_or(disqualifier.clone(), |d| {
                format!("{} ({})", d.title.get(lang), d.reference)
            });
            let list: Vec<String> = incidents
                .iter()
                .map(|i| {
                    if vi {
                        format!("sự việc {} ngày {}", i.id, i.date.vietnamese())
                    } else {
                        format!("incident {} on {}", i.id, i.date)
                    }
                })
                .collect();
            if vi {
                format!("Điều kiện loại trừ: {what}: {}.", list.join(", "))
            } else {
                format!("Disqualifier: {what}: {}.", list.join(", "))
            }
        }
    }
}

/// Explains a unit's result with the rules it was decided by.
pub fn explain(
    result: &UnitResult,
    set: &CriteriaSet,
    policy: Option<&Policy>,
    lang: Lang,
) -> Explanation {
    let criteria = result
        .criteria
        .iter()
        .zip(set.criteria())
        .map(|(c, def)| CriterionLine {
            id: c.id.clone(),
            title: def.title.get(lang).to_string(),
            points: c.points,
            max: c.max,
            met: c.met,
            indicators: c
                .indicators
                .iter()
                .zip(&def.indicators)
                .map(|(i, idef)| IndicatorLine {
                    id: i.id.clone(),
                    title: idef.title.get(lang).to_string(),
                    reference: i.reference.clone(),
                    provisional: i.provisional,
                    status_note: idef.status_note.clone(),
                    evidence: i
                        .reads
                        .iter()
                        .map(|r| EvidenceLine {
                            name: r.name.clone(),
                            label: set
                                .label_of(&r.name)
                                .map_or(r.name.clone(), |t| t.get(lang).to_string()),
                            value: r.value,
                        })
                        .collect(),
                    measure: i.measure.clone(),
                    row: i.row.clone(),
                    rounding: i.rounding.clone(),
                    points: i.points,
                    max: i.max,
                })
                .collect(),
        })
        .collect();
    let disqualifiers = policy
        .map(|p| {
            p.disqualifiers()
                .iter()
                .map(|d| {
                    let hit = result.disqualifiers.iter().find(|h| h.id == d.id);
                    let judged: Vec<(&IncidentTrace, &IncidentWindow)> = result
                        .incidents
                        .iter()
                        .filter_map(|i| {
                            i.windows
                                .iter()
                                .find(|w| w.disqualifier == d.id)
                                .map(|w| (i, w))
                        })
                        .collect();
                    DisqualifierLine {
                        id: d.id.clone(),
                        title: d.title.get(lang).to_string(),
                        reference: d.reference.clone(),
                        held: hit.is_some(),
                        incidents: hit.map(|h| h.incidents.clone()).unwrap_or_default(),
                        window: p.has_other_windows().then_some(d.window),
                        window_days: judged.first().map(|(_, w)| Period {
                            from: w.from,
                            to: w.to,
                        }),
                        judged: judged
                            .iter()
                            .map(|(i, w)| JudgedIncident {
                                id: i.id.clone(),
                                date: i.date,
                                inside: w.inside,
                                counted: w.counted,
                            })
                            .collect(),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    Explanation {
        code: result.code.clone(),
        name: result.name.clone(),
        class: result.class.clone(),
        class_label: set
            .class(&result.class)
            .map_or(String::new(), |c| c.label.get(lang).to_string()),
        total: result.total,
        threshold: result.threshold,
        recognised: result.recognised,
        criteria,
        reasons: result
            .failures
            .iter()
            .map(|f| reason(f, lang, set, policy, &result.class))
            .collect(),
        disqualifiers,
        provisional_rules: result.provisional_rules.clone(),
        synthetic: result.synthetic,
        outside_effect: set
            .outside_effect(result.period.from.year())
            .map(|o| o.notice),
    }
}

impl DisqualifierLine {
    /// The window and how it judged every incident, as lines under the disqualifier.
    fn window_text(&self, out: &mut String, window: Window, lang: Lang) {
        let vi = lang == Lang::Vi;
        let name = if vi {
            window.vietnamese()
        } else {
            window.to_string()
        };
        let days = self.window_days.map_or_else(String::new, |p| {
            if vi {
                format!(": {} – {}", p.from.vietnamese(), p.to.vietnamese())
            } else {
                format!(": {} to {}", p.from, p.to)
            }
        });
        let label = if vi { "thời gian xét" } else { "window" };
        let _ = writeln!(out, "      {label}: {name}{days}");
        for j in &self.judged {
            let verdict = match (j.inside, j.counted, vi) {
                (true, true, true) => "trong thời gian xét, tính",
                (true, false, true) => "trong thời gian xét, không tính",
                (false, _, true) => "ngoài thời gian xét",
                (true, true, false) => "inside, counted",
                (true, false, false) => "inside, not counted",
                (false, _, false) => "outside",
            };
            let date = if vi {
                j.date.vietnamese()
            } else {
                j.date.to_string()
            };
            let _ = writeln!(out, "        {} ({date}): {verdict}", j.id);
        }
    }
}

impl Explanation {
    /// The account as text for the terminal.
    pub fn text(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        let t = |a: &'static str, b: &'static str| if vi { a } else { b };
        let n = |p: Points| number(p, lang);
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} ({}) — {} {}: {}",
            self.name,
            self.code,
            t("nhóm", "class"),
            self.class,
            self.class_label
        );
        let verdict = match (self.recognised, vi) {
            (true, true) => "ĐỦ ĐIỀU KIỆN CÔNG NHẬN",
            (false, true) => "KHÔNG ĐỦ ĐIỀU KIỆN CÔNG NHẬN",
            (true, false) => "RECOGNISED",
            (false, false) => "NOT RECOGNISED",
        };
        let _ = writeln!(
            out,
            "{} {} / {} {} — {verdict}",
            t("Tổng điểm", "Total"),
            n(self.total),
            t("ngưỡng", "threshold"),
            n(self.threshold)
        );
        if self.synthetic {
            let _ = writeln!(out, "{}", crate::report::SYNTHETIC_NOTICE);
        }
        if let Some(notice) = &self.outside_effect {
            let _ = writeln!(out, "{notice}");
        }
        for c in &self.criteria {
            let met = if c.met {
                t("đạt", "met")
            } else {
                t("không đạt", "not met")
            };
            let _ = writeln!(
                out,
                "\n{} {}: {}/{} — {met}",
                c.id,
                c.title,
                n(c.points),
                n(c.max)
            );
            for i in &c.indicators {
                let status = if i.provisional {
                    t("tạm thời", "provisional")
                } else {
                    t("đã xác nhận", "confirmed")
                };
                let _ = writeln!(
                    out,
                    "  {} {} — {}/{} [{status}]",
                    i.id,
                    i.title,
                    n(i.points),
                    n(i.max)
                );
                let _ = writeln!(out, "      {}: {}", t("căn cứ", "basis"), i.reference);
                if let Some(note) = &i.status_note {
                    let _ = writeln!(out, "      {}: {note}", t("ghi chú", "note"));
                }
                let values: Vec<String> = i
                    .evidence
                    .iter()
                    .map(|e| {
                        let v = match e.value {
                            Value::Bool(b) => if b {
                                t("có", "yes")
                            } else {
                                t("không", "no")
                            }
                            .to_string(),
                            Value::Number(x) => x.to_string(),
                            // The decimal comma of the Vietnamese text, as its rates use.
                            Value::Decimal(d) if vi => fixed(d, d.scale(), Lang::Vi),
                            Value::Decimal(d) => d.to_string(),
                        };
                        format!("{} = {v} ({})", e.name, e.label)
                    })
                    .collect();
                let _ = writeln!(
                    out,
                    "      {}: {}",
                    t("số liệu", "evidence"),
                    values.join("; ")
                );
                match &i.measure {
                    Some(Measure::Rate(r)) => {
                        let what = match (r.value(), r.display()) {
                            (Some(exact), Some(shown)) => {
                                let shown = if vi { shown.replace('.', ",") } else { shown };
                                let shown = if r.scale == 100 { shown + " %" } else { shown };
                                format!(
                                    "{}/{} × {} = {exact} ({} {shown})",
                                    r.part,
                                    r.whole,
                                    r.scale,
                                    t("hiển thị", "shown as")
                                )
                            }
                            _ => format!("{}/{}: n/a", r.part, r.whole),
                        };
                        let _ = writeln!(out, "      {}: {what}", t("tỷ lệ", "rate"));
                    }
                    Some(Measure::Count { value }) => {
                        let _ = writeln!(out, "      {}: {value}", t("so sánh", "compared"));
                    }
                    Some(Measure::Value(x)) => {
                        let _ = writeln!(
                            out,
                            "      {}: {}",
                            t("so sánh", "compared"),
                            exact_text(*x, lang)
                        );
                    }
                    None => {}
                }
                if let Some(r) = &i.rounding {
                    let rule = match (r.function, vi) {
                        (RoundingRule::HalfUp, true) => "làm tròn nửa lên",
                        (RoundingRule::HalfEven, true) => "làm tròn nửa về số chẵn",
                        (RoundingRule::Down, true) => "làm tròn xuống",
                        (RoundingRule::Up, true) => "làm tròn lên",
                        (RoundingRule::HalfUp, false) => "rounded half up",
                        (RoundingRule::HalfEven, false) => "rounded half to even",
                        (RoundingRule::Down, false) => "rounded down",
                        (RoundingRule::Up, false) => "rounded up",
                    };
                    let step = match r.step {
                        Some(s) => format!(
                            " {} {}",
                            t("theo bước", "to a multiple of"),
                            exact_text(s, lang)
                        ),
                        None => format!(" {}", t("đến số nguyên", "to a whole number")),
                    };
                    let _ = writeln!(
                        out,
                        "      {}: {} ({}: {rule}{step}, {}())",
                        t(
                            "giá trị chính xác trước khi làm tròn",
                            "exact value before rounding"
                        ),
                        exact_text(r.exact, lang),
                        t("quy tắc", "rule"),
                        r.function.function()
                    );
                }
                let _ = writeln!(
                    out,
                    "      {}: {}",
                    t("bậc đạt được", "step reached"),
                    i.row
                );
            }
        }
        if !self.disqualifiers.is_empty() {
            let _ = writeln!(
                out,
                "\n{}:",
                t("Điều kiện loại trừ của địa phương", "Local disqualifiers")
            );
            for d in &self.disqualifiers {
                let held = if d.held {
                    format!("{} — {}", t("CÓ", "HOLDS"), d.incidents.join(", "))
                } else {
                    t("không", "no").to_string()
                };
                let _ = writeln!(out, "  {} {} ({}): {held}", d.id, d.title, d.reference);
                if let Some(window) = d.window {
                    d.window_text(&mut out, window, lang);
                }
            }
        }
        if !self.reasons.is_empty() {
            let _ = writeln!(
                out,
                "\n{}:",
                t(
                    "Lý do không công nhận (tất cả)",
                    "Why not recognised (every failing condition)"
                )
            );
            for r in &self.reasons {
                let _ = writeln!(out, "  – {r}");
            }
        }
        if !self.provisional_rules.is_empty() {
            let _ = writeln!(
                out,
                "\n{}: {}",
                t(
                    "Quy tắc tạm thời (chưa xác nhận với văn bản chính thức)",
                    "Provisional rules (not confirmed against the official text)"
                ),
                self.provisional_rules.join(", ")
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn explanation(rounding: Option<Rounding>, measure: Option<Measure>) -> Explanation {
        let points = |n: i64, scale: u32| Points::new(Decimal::new(n, scale)).unwrap();
        Explanation {
            code: "00001".into(),
            name: "Xã A".into(),
            class: "rural".into(),
            outside_effect: None,
            class_label: "nông thôn".into(),
            total: points(25, 1),
            threshold: points(2, 0),
            recognised: true,
            criteria: vec![CriterionLine {
                id: "C01".into(),
                title: "T".into(),
                points: points(25, 1),
                max: points(35, 1),
                met: true,
                indicators: vec![IndicatorLine {
                    id: "1.1".into(),
                    title: "Cha mẹ được tập huấn".into(),
                    reference: "Điều 1".into(),
                    provisional: false,
                    status_note: None,
                    evidence: Vec::new(),
                    measure,
                    row: "nội suy tuyến tính, làm tròn nửa điểm".into(),
                    rounding,
                    points: points(25, 1),
                    max: points(35, 1),
                }],
            }],
            reasons: Vec::new(),
            disqualifiers: Vec::new(),
            provisional_rules: Vec::new(),
            synthetic: false,
        }
    }

    #[test]
    fn the_exact_value_before_rounding_is_shown_in_both_languages() {
        let rounding = Rounding {
            function: RoundingRule::HalfUp,
            step: Some(Fraction::new(1, 2).unwrap()),
            exact: Fraction::new(9, 4).unwrap(),
        };
        let e = explanation(
            Some(rounding),
            Some(Measure::Value(Fraction::new(1, 3).unwrap())),
        );
        let vi = e.text(Lang::Vi);
        assert!(
            vi.contains(
                "giá trị chính xác trước khi làm tròn: 2,25 (quy tắc: làm tròn nửa lên theo bước 0,5, round_half_up())"
            ),
            "{vi}"
        );
        assert!(vi.contains("so sánh: 1/3"), "{vi}");
        let en = e.text(Lang::En);
        assert!(
            en.contains(
                "exact value before rounding: 2.25 (rule: rounded half up to a multiple of 0.5, round_half_up())"
            ),
            "{en}"
        );
        let whole = Rounding {
            function: RoundingRule::Down,
            step: None,
            exact: Fraction::new(7, 3).unwrap(),
        };
        let en = explanation(Some(whole), None).text(Lang::En);
        assert!(
            en.contains("exact value before rounding: 7/3 (rule: rounded down to a whole number, round_down())"),
            "{en}"
        );
        // Without a rounding, nothing is added.
        let plain = explanation(None, None);
        assert!(!plain.text(Lang::En).contains("before rounding"));
        assert!(!serde_json::to_string(&plain).unwrap().contains("rounding"));
    }
}
