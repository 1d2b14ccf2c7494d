//! The results document's shape: what is written once for the round (the [`RulesSection`]),
//! what each unit keeps of its own, and the reading of both shapes a document may have.
//!
//! Format 2 (`"format_version": 2`) writes what is the same for every unit once, in `rules`:
//! each criterion and indicator with its title, maximum, status, legal reference, the names of
//! the values its script reads and the rows its rule can apply; the names of the derived
//! counts; the labels of the unit kinds, incident kinds and disqualifiers. Each unit keeps what
//! is its own: the values read (in the order of the rules' `reads`), the rate or count compared
//! with its exact and displayed value, the row applied (its number in the rules' `rows`, or its
//! words when the rule gave others), the points, and the rest of its trace. An indicator or a
//! derived count whose fixed part differs from the rules (it cannot, for a document cfc wrote)
//! is written whole, so nothing is ever lost.
//!
//! Format 1 (no `format_version`) wrote every unit's trace whole; it is still read.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::base::date::Period;
use crate::base::diag::Diagnostic;
use crate::base::label::Label;
use crate::base::points::Points;
use crate::evaluate::decide::{DerivedTrace, Failure, IncidentTrace, UnitResult};
use crate::evaluate::report::{DossierRecord, OutputRecord, RoundInfo, RoundReport};
use crate::evaluate::score::{CriterionScore, IndicatorScore, Reading, Reads};
use crate::evidence::{UnitKind, Value};
use crate::rules::criteria::FileHash;
use crate::rules::policy::DisqualifierHit;
use crate::script::{Measure, Rounding};

pub use crate::evaluate::rules_section::{
    CriterionRules, DisqualifierRules, IndicatorRules, KindLabel, RulesSection,
};

/// The shape of the results document this engine writes: `format_version` in the document.
pub const FORMAT_VERSION: u32 = 2;

/// Whether a unit's indicator agrees with the rules on everything the rules write once.
fn agrees(i: &IndicatorScore, rules: &IndicatorRules) -> bool {
    i.id == rules.id
        && i.max == rules.max
        && i.provisional == rules.provisional
        && i.reference == rules.reference
        && i.reads.names() == rules.reads
}

// ---------------------------------------------------------------------------------------------
// Writing: a unit as format 2 keeps it.

/// A unit of the document, lean: what is its own, the rest by its place in `rules`.
#[derive(Serialize)]
pub(crate) struct LeanUnit<'a> {
    code: &'a str,
    name: &'a str,
    class: &'a str,
    total: Points,
    threshold: Points,
    recognised: bool,
    criteria: Vec<LeanCriterion<'a>>,
    disqualifiers: &'a [DisqualifierHit],
    reasons: &'a [String],
    provisional_rules: &'a [Label],
    kind: &'a UnitKind,
    synthetic: bool,
    period: Period,
    failures: &'a [Failure],
    incidents: &'a [IncidentTrace],
    derived: Vec<LeanDerived<'a>>,
    evidence_file: &'a str,
    evidence_sha256: &'a str,
}

#[derive(Serialize)]
struct LeanCriterion<'a> {
    id: &'a str,
    points: Points,
    met: bool,
    /// Only when it differs from the rules'.
    #[serde(skip_serializing_if = "Option::is_none")]
    max: Option<Points>,
    indicators: Vec<LeanIndicator<'a>>,
}

#[derive(Serialize)]
struct LeanIndicator<'a> {
    id: &'a str,
    points: Points,
    /// The fixed part, only when it differs from the rules' (then `reads` are named too).
    #[serde(skip_serializing_if = "Option::is_none")]
    max: Option<Points>,
    #[serde(skip_serializing_if = "Option::is_none")]
    provisional: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reference: Option<&'a str>,
    reads: LeanReads<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    measure: Option<&'a Measure>,
    row: Row<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rounding: Option<&'a Rounding>,
}

/// The values read: bare, in the order of the rules' names, or named when they differ.
enum LeanReads<'a> {
    Values(&'a Reads),
    Named(&'a Reads),
}

impl Serialize for LeanReads<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            LeanReads::Values(reads) => reads.values().serialize(s),
            LeanReads::Named(reads) => reads.serialize(s),
        }
    }
}

/// The row applied: its number in the rules' rows, or its words.
#[derive(Serialize)]
#[serde(untagged)]
enum Row<'a> {
    Number(usize),
    Words(&'a str),
}

#[derive(Serialize)]
struct LeanDerived<'a> {
    /// Only when it differs from the rules'.
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    value: u64,
    incidents: &'a [String],
}

impl<'a> LeanUnit<'a> {
    /// `u` as format 2 writes it under `rules`.
    pub(crate) fn new(u: &'a UnitResult, rules: &'a RulesSection) -> LeanUnit<'a> {
        let criteria = u
            .criteria
            .iter()
            .enumerate()
            .map(|(c, score)| lean_criterion(score, c, rules))
            .collect();
        let derived = u
            .derived
            .iter()
            .enumerate()
            .map(|(k, d)| LeanDerived {
                name: (rules.derived.get(k) != Some(&d.name)).then_some(d.name.as_str()),
                value: d.value,
                incidents: &d.incidents,
            })
            .collect();
        LeanUnit {
            code: &u.code,
            name: &u.name,
            class: &u.class,
            total: u.total,
            threshold: u.threshold,
            recognised: u.recognised,
            criteria,
            disqualifiers: &u.disqualifiers,
            reasons: &u.reasons,
            provisional_rules: &u.provisional_rules,
            kind: &u.kind,
            synthetic: u.synthetic,
            period: u.period,
            failures: &u.failures,
            incidents: &u.incidents,
            derived,
            evidence_file: &u.evidence_file,
            evidence_sha256: &u.evidence_sha256,
        }
    }
}

fn lean_criterion<'a>(
    score: &'a CriterionScore,
    c: usize,
    rules: &'a RulesSection,
) -> LeanCriterion<'a> {
    let declared = rules.criteria.get(c);
    LeanCriterion {
        id: &score.id,
        points: score.points,
        met: score.met,
        max: (declared.map(|d| (&d.id, d.max)) != Some((&score.id, score.max)))
            .then_some(score.max),
        indicators: score
            .indicators
            .iter()
            .enumerate()
            .map(|(i, ind)| {
                let fixed = rules.indicator(c, i).filter(|r| agrees(ind, r));
                let row = fixed
                    .and_then(|r| r.rows.iter().position(|text| *text == ind.row))
                    .map_or(Row::Words(&ind.row), Row::Number);
                LeanIndicator {
                    id: &ind.id,
                    points: ind.points,
                    max: fixed.is_none().then_some(ind.max),
                    provisional: fixed.is_none().then_some(ind.provisional),
                    reference: fixed.is_none().then_some(ind.reference.as_str()),
                    reads: match fixed {
                        Some(_) => LeanReads::Values(&ind.reads),
                        None => LeanReads::Named(&ind.reads),
                    },
                    measure: ind.measure.as_ref(),
                    row,
                    rounding: ind.rounding.as_deref(),
                }
            })
            .collect(),
    }
}

/// The document without its units' layout: what [`RoundReport`]'s `Serialize` writes (the
/// errors as their typed problems; `render::json` adds each one's words and lays units out one
/// a line).
#[derive(Serialize)]
struct DocumentOut<'a> {
    format_version: u32,
    round: &'a RoundInfo,
    rules: &'a RulesSection,
    units: Vec<LeanUnit<'a>>,
    errors: &'a [Diagnostic],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    warnings: &'a [Diagnostic],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    dossiers: &'a [DossierRecord],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    outputs: &'a [OutputRecord],
    #[serde(skip_serializing_if = "Option::is_none")]
    settings: &'a Option<FileHash>,
}

/// The results document in format 2 ([`FORMAT_VERSION`]).
impl Serialize for RoundReport {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        DocumentOut {
            format_version: FORMAT_VERSION,
            round: &self.round,
            rules: &self.rules,
            units: self
                .units
                .iter()
                .map(|u| LeanUnit::new(u, &self.rules))
                .collect(),
            errors: &self.errors,
            warnings: &self.warnings,
            dossiers: &self.dossiers,
            outputs: &self.outputs,
            settings: &self.settings,
        }
        .serialize(s)
    }
}

// ---------------------------------------------------------------------------------------------
// Reading: either format.

#[derive(Deserialize)]
struct DocumentIn {
    #[serde(default)]
    format_version: Option<u64>,
    round: RoundInfo,
    #[serde(default)]
    rules: Option<RulesSection>,
    units: Vec<UnitIn>,
    errors: Vec<Diagnostic>,
    #[serde(default)]
    warnings: Vec<Diagnostic>,
    #[serde(default)]
    dossiers: Vec<DossierRecord>,
    #[serde(default)]
    outputs: Vec<OutputRecord>,
    #[serde(default)]
    settings: Option<FileHash>,
}

#[derive(Deserialize)]
struct UnitIn {
    code: String,
    name: String,
    class: String,
    total: Points,
    threshold: Points,
    recognised: bool,
    criteria: Vec<CriterionIn>,
    disqualifiers: Vec<DisqualifierHit>,
    reasons: Vec<String>,
    provisional_rules: Vec<Label>,
    kind: UnitKind,
    synthetic: bool,
    period: Period,
    failures: Vec<Failure>,
    incidents: Vec<IncidentTrace>,
    derived: Vec<DerivedIn>,
    evidence_file: String,
    evidence_sha256: String,
}

#[derive(Deserialize)]
struct CriterionIn {
    id: Label,
    points: Points,
    met: bool,
    #[serde(default)]
    max: Option<Points>,
    indicators: Vec<IndicatorIn>,
}

#[derive(Deserialize)]
struct IndicatorIn {
    id: Label,
    points: Points,
    #[serde(default)]
    max: Option<Points>,
    #[serde(default)]
    provisional: Option<bool>,
    #[serde(default)]
    reference: Option<Label>,
    reads: Vec<ReadIn>,
    #[serde(default)]
    measure: Option<Measure>,
    row: RowIn,
    #[serde(default)]
    rounding: Option<Box<Rounding>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum ReadIn {
    Named(Reading),
    Value(Value),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RowIn {
    Number(usize),
    Words(Label),
}

#[derive(Deserialize)]
struct DerivedIn {
    #[serde(default)]
    name: Option<Label>,
    value: u64,
    incidents: Vec<String>,
}

/// Why a results document could not be read back: every case names the unit and the part.
fn missing(code: &str, what: String) -> String {
    format!("unit {code}: {what}")
}

impl UnitIn {
    fn into_result(self, rules: Option<&RulesSection>) -> Result<UnitResult, String> {
        let code = self.code;
        let mut criteria = Vec::with_capacity(self.criteria.len());
        for (c, crit) in self.criteria.into_iter().enumerate() {
            let declared = rules.and_then(|r| r.criteria.get(c));
            let max = crit
                .max
                .or(declared.map(|d| d.max))
                .ok_or_else(|| missing(&code, format!("criterion {} has no `max`", crit.id)))?;
            let mut indicators = Vec::with_capacity(crit.indicators.len());
            for (i, ind) in crit.indicators.into_iter().enumerate() {
                let fixed = rules.and_then(|r| r.indicator(c, i));
                indicators.push(ind.into_score(fixed, &code)?);
            }
            criteria.push(CriterionScore {
                id: crit.id,
                points: crit.points,
                met: crit.met,
                max,
                indicators,
            });
        }
        let derived = self
            .derived
            .into_iter()
            .enumerate()
            .map(|(k, d)| {
                let name = d
                    .name
                    .or_else(|| rules.and_then(|r| r.derived.get(k).cloned()))
                    .ok_or_else(|| {
                        missing(&code, format!("derived count {} has no name", k + 1))
                    })?;
                Ok(DerivedTrace {
                    name,
                    value: d.value,
                    incidents: d.incidents,
                })
            })
            .collect::<Result<_, String>>()?;
        Ok(UnitResult {
            code,
            name: self.name,
            class: self.class,
            total: self.total,
            threshold: self.threshold,
            recognised: self.recognised,
            criteria,
            disqualifiers: self.disqualifiers,
            reasons: self.reasons,
            provisional_rules: self.provisional_rules.into(),
            kind: self.kind,
            synthetic: self.synthetic,
            period: self.period,
            failures: self.failures,
            incidents: self.incidents,
            derived,
            evidence_file: self.evidence_file,
            evidence_sha256: self.evidence_sha256,
        })
    }
}

impl IndicatorIn {
    fn into_score(
        self,
        fixed: Option<&IndicatorRules>,
        code: &str,
    ) -> Result<IndicatorScore, String> {
        let id = self.id;
        let lacks = |what: &str| missing(code, format!("indicator {id} has no `{what}`"));
        // Written whole (format 1, or a part that differs from the rules): its own fields.
        let fixed = if self.max.is_some() { None } else { fixed };
        let max = self
            .max
            .or(fixed.map(|f| f.max))
            .ok_or_else(|| lacks("max"))?;
        let provisional = self
            .provisional
            .or(fixed.map(|f| f.provisional))
            .ok_or_else(|| lacks("provisional"))?;
        let reference = self
            .reference
            .or_else(|| fixed.map(|f| f.reference.clone()))
            .ok_or_else(|| lacks("reference"))?;
        let mut reads = Vec::with_capacity(self.reads.len());
        for (k, read) in self.reads.into_iter().enumerate() {
            reads.push(match read {
                ReadIn::Named(r) => r,
                ReadIn::Value(value) => Reading {
                    name: fixed
                        .and_then(|f| f.reads.get(k).cloned())
                        .ok_or_else(|| lacks("reads' names"))?,
                    value,
                },
            });
        }
        let row = match self.row {
            RowIn::Words(w) => w,
            RowIn::Number(n) => fixed.and_then(|f| f.rows.get(n).cloned()).ok_or_else(|| {
                missing(code, format!("indicator {id}: row {n} is not in the rules"))
            })?,
        };
        Ok(IndicatorScore {
            id,
            points: self.points,
            max,
            provisional,
            reference,
            reads: reads.into(),
            measure: self.measure,
            row,
            rounding: self.rounding,
        })
    }
}

/// Reads a results document of either format ([`FORMAT_VERSION`] or the first, which had
/// none).
impl<'de> Deserialize<'de> for RoundReport {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let doc = DocumentIn::deserialize(d)?;
        match doc.format_version {
            None | Some(2) => {}
            Some(v) => {
                return Err(D::Error::custom(format!(
                    "format_version {v}: this cfc reads results documents of format 1 and {FORMAT_VERSION}"
                )));
            }
        }
        let rules = doc.rules.as_ref();
        let units = doc
            .units
            .into_iter()
            .map(|u| u.into_result(rules))
            .collect::<Result<Vec<_>, _>>()
            .map_err(D::Error::custom)?;
        let rules = match doc.rules {
            Some(r) => r,
            None => units
                .first()
                .map(RulesSection::from_unit)
                .unwrap_or_default(),
        };
        Ok(RoundReport {
            round: doc.round,
            rules,
            units,
            errors: doc.errors,
            warnings: doc.warnings,
            dossiers: doc.dossiers,
            outputs: doc.outputs,
            settings: doc.settings,
        })
    }
}
