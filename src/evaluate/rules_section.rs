//! The `rules` section of a results document: what is the same for every unit, written once
//! (see [`crate::evaluate::document`]).

use serde::{Deserialize, Serialize};

use crate::base::label::Label;
use crate::base::points::Points;
use crate::evaluate::decide::UnitResult;
use crate::evaluate::score::IndicatorScore;
use crate::rules::criteria::{CriteriaSet, Status, Text};
use crate::rules::policy::Policy;
use crate::script::Answer;

/// What is the same for every unit of a results document, written once in its `rules`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RulesSection {
    /// The criteria, in the order of every unit's `criteria`.
    pub criteria: Vec<CriterionRules>,
    /// The names of the derived counts, in the order of every unit's `derived`.
    pub derived: Vec<Label>,
    /// The kinds of unit the criteria set declares, with their labels.
    #[serde(default)]
    pub unit_kinds: Vec<KindLabel>,
    /// The kinds of incident the set and the policy declare, with their labels.
    #[serde(default)]
    pub incident_kinds: Vec<KindLabel>,
    /// The policy's disqualifiers, with their titles and references.
    #[serde(default)]
    pub disqualifiers: Vec<DisqualifierRules>,
}

/// A criterion as the rules declare it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CriterionRules {
    /// Its id, e.g. `C07`.
    pub id: Label,
    /// Its title (absent in rules read back from a format 1 document).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// The most points it can earn.
    pub max: Points,
    /// Its indicators, in the order of every unit's.
    pub indicators: Vec<IndicatorRules>,
}

/// An indicator as the rules declare it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IndicatorRules {
    /// Its id, e.g. `7.1`.
    pub id: Label,
    /// What it measures (absent in rules read back from a format 1 document).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// The most points it can earn.
    pub max: Points,
    /// Whether its rule is provisional.
    pub provisional: bool,
    /// The legal reference of its rule.
    pub reference: Label,
    /// The inputs and derived counts its script reads: the names of each unit's `reads`.
    pub reads: Vec<Label>,
    /// Every row its rule can apply, as the trace words them (`≥ 98 → 50`, `n/a → 50`, an
    /// `award`'s words), when the script has a recognised shape; a unit's `row` is then the
    /// number of the row in this list. Empty for a script only rhai reads: its units' rows are
    /// words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<Label>,
}

/// A kind of unit or incident with its label.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindLabel {
    /// The id files use.
    pub id: String,
    /// Its names.
    pub label: Text,
}

/// A disqualifier of the policy as the rules declare it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DisqualifierRules {
    /// Its id, e.g. `drowning`.
    pub id: String,
    /// What it refuses, in words.
    pub title: Text,
    /// The provision it comes from.
    pub reference: String,
}

impl RulesSection {
    /// The rules of a criteria set and its policy, as a document writes them once.
    pub fn of(set: &CriteriaSet, policy: Option<&Policy>) -> RulesSection {
        let kind = |id: &str, label: &Text| KindLabel {
            id: id.to_string(),
            label: label.clone(),
        };
        RulesSection {
            criteria: set
                .criteria()
                .iter()
                .map(|c| CriterionRules {
                    id: c.id.clone(),
                    title: Some(c.title.clone()),
                    max: c.max_points,
                    indicators: c
                        .indicators
                        .iter()
                        .map(|i| IndicatorRules {
                            id: i.id.clone(),
                            title: Some(i.title.clone()),
                            max: i.max_points,
                            provisional: i.status == Status::Provisional,
                            reference: i.reference.clone(),
                            reads: i.reads.clone(),
                            rows: i.native.as_ref().map_or_else(Vec::new, |p| rows(p)),
                        })
                        .collect(),
                })
                .collect(),
            derived: set.derived().iter().map(|d| d.name.clone()).collect(),
            unit_kinds: set
                .unit_kinds()
                .iter()
                .map(|k| kind(k.id.id(), &k.label))
                .collect(),
            incident_kinds: set
                .incident_kinds()
                .iter()
                .map(|k| kind(k.id.id(), &k.label))
                .collect(),
            disqualifiers: policy
                .map(|p| {
                    p.disqualifiers()
                        .iter()
                        .map(|d| DisqualifierRules {
                            id: d.id.clone(),
                            title: d.title.clone(),
                            reference: d.reference.clone(),
                        })
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    /// The fixed part of the units' traces, read from a unit of a format 1 document (which
    /// wrote it with every unit). No titles, rows or labels: format 1 did not write them.
    pub(crate) fn from_unit(u: &UnitResult) -> RulesSection {
        RulesSection {
            criteria: u
                .criteria
                .iter()
                .map(|c| CriterionRules {
                    id: c.id.clone(),
                    title: None,
                    max: c.max,
                    indicators: c.indicators.iter().map(fixed_part).collect(),
                })
                .collect(),
            derived: u.derived.iter().map(|d| d.name.clone()).collect(),
            ..RulesSection::default()
        }
    }

    pub(crate) fn indicator(&self, c: usize, i: usize) -> Option<&IndicatorRules> {
        self.criteria.get(c)?.indicators.get(i)
    }
}

/// Every row a recognised script can apply, in the order of the script, each once.
fn rows(program: &crate::script::Program) -> Vec<Label> {
    let mut out: Vec<Label> = Vec::new();
    let mut add = |row: &Label| {
        if !out.contains(row) {
            out.push(row.clone());
        }
    };
    for answer in program.answers() {
        match answer {
            Answer::Award { row, .. } => add(row),
            Answer::Steps { table, .. } => {
                table.rows.iter().for_each(|r| add(&r.text));
                if let Some((_, text)) = &table.otherwise {
                    add(text);
                }
                if let Some((_, text)) = &table.na {
                    add(text);
                }
            }
        }
    }
    out
}

/// What the rules say of an indicator, as one unit's trace carries it.
fn fixed_part(i: &IndicatorScore) -> IndicatorRules {
    IndicatorRules {
        id: i.id.clone(),
        title: None,
        max: i.max,
        provisional: i.provisional,
        reference: i.reference.clone(),
        reads: i.reads.names().to_vec(),
        rows: Vec::new(),
    }
}
