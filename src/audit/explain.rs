//! `explain`: a readable account of one unit's result, in Vietnamese or English — every
//! criterion and indicator with the legal reference of its rule, the evidence it read, the
//! exact and displayed rate, the step reached and whether the rule is provisional; every failing
//! condition; every disqualifier with its incidents. Built from the result's trace, never by
//! scoring again.

use serde::Serialize;

use crate::base::date::{Date, Period};
use crate::base::lang::Lang;
use crate::base::points::Points;
use crate::evaluate::decide::{Failure, IncidentTrace, IncidentWindow, UnitResult};
use crate::evidence::Value;
use crate::rules::criteria::{CriteriaSet, OutsideEffect};
use crate::rules::policy::Policy;
use crate::rules::policy::Window;
use crate::script::{Measure, Rounding};

/// One value an indicator read.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub struct IndicatorLine {
    /// Indicator id.
    pub id: String,
    /// Title in the chosen language.
    pub title: String,
    /// Legal reference of its rule.
    pub reference: String,
    /// Whether the rule is provisional.
    pub provisional: bool,
    /// What part of the rule is confirmed, when only part is, in the chosen language.
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
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
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

/// A unit's result, explained: data in the chosen language's labels, its failing conditions
/// as data. Its words — the terminal text and the `--format json` document — are
/// [`crate::words::explain`]'s.
#[derive(Clone, Debug)]
pub struct Explanation {
    /// The language of its titles and labels.
    pub lang: Lang,
    /// Unit code.
    pub code: String,
    /// Unit name.
    pub name: String,
    /// Class id.
    pub class: String,
    /// The class label in the chosen language.
    pub class_label: String,
    /// The unit's total.
    pub total: Points,
    /// The class threshold.
    pub threshold: Points,
    /// The decision.
    pub recognised: bool,
    /// Every criterion with its indicators.
    pub criteria: Vec<CriterionLine>,
    /// Every failing condition.
    pub failures: Vec<Failure>,
    /// The policy's disqualifiers, held or not.
    pub disqualifiers: Vec<DisqualifierLine>,
    /// Provisional rules used.
    pub provisional_rules: Vec<String>,
    /// Whether the data is illustrative.
    pub synthetic: bool,
    /// Set when the round is evaluated outside its criteria set's period in force.
    pub outside_effect: Option<OutsideEffect>,
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
            id: c.id.to_string(),
            title: def.title.get(lang).to_string(),
            points: c.points,
            max: c.max,
            met: c.met,
            indicators: c
                .indicators
                .iter()
                .zip(&def.indicators)
                .map(|(i, idef)| IndicatorLine {
                    id: i.id.to_string(),
                    title: idef.title.get(lang).to_string(),
                    reference: i.reference.to_string(),
                    provisional: i.provisional,
                    status_note: idef.status_note.as_ref().map(|n| n.get(lang).to_string()),
                    evidence: i
                        .reads
                        .iter()
                        .map(|r| EvidenceLine {
                            name: r.name.to_string(),
                            label: set
                                .label_of(&r.name)
                                .map_or(r.name.to_string(), |t| t.get(lang).to_string()),
                            value: r.value,
                        })
                        .collect(),
                    measure: i.measure.clone(),
                    row: i.row.to_string(),
                    rounding: i.rounding.as_deref().cloned(),
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
        lang,
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
        failures: result.failures.clone(),
        disqualifiers,
        provisional_rules: result
            .provisional_rules
            .iter()
            .map(ToString::to_string)
            .collect(),
        synthetic: result.synthetic,
        outside_effect: set.outside_effect(result.period.from.year()),
    }
}
