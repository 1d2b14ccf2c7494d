//! Criteria sets as data: what a decree asks, read from TOML and compiled once.
//!
//! A set declares its inputs (the evidence fields), the counts it derives from the incident
//! register, the classes of unit with their thresholds, its criteria, each made of
//! indicators scored by a rhai script, and the conditions of recognition it applies. The file
//! format is documented in `criteria/README.md`.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::base::date::{Date, Period};
use crate::base::label::Label;
use crate::base::lang::Lang;
use crate::base::points::Points;

pub(crate) use super::conditions::CriterionChecks;
pub use super::conditions::{Condition, ConditionRule, reaches_share};
pub use super::kinds::{IncidentKind, KindDef, UnitKind};
pub use super::load::LoadError;
pub(crate) use super::parts::VarRef;
pub use super::parts::{
    Class, Criterion, Derived, Indicator, Input, InputDefault, InputType, Lever, MAX_DECIMALS,
    MetRule, Status,
};
pub use super::text::Text;
pub use crate::base::diag::Named;

/// A round evaluated, on explicit request, under a criteria set that is in force on no day of
/// its year. Every output of such a round carries [`OutsideEffect::notice`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub struct OutsideEffect {
    /// The criteria set's id.
    pub criteria: String,
    /// The day the set takes effect.
    pub effective: Date,
    /// The last day the set is in force, when it declares one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
    /// The round's year.
    pub year: u16,
    /// The notice, in Vietnamese and English.
    pub notice: String,
}

impl OutsideEffect {
    /// The short mark printed on every page of a dossier of such a round.
    pub const MARK: &'static str = "NGOÀI HIỆU LỰC CỦA BỘ TIÊU CHÍ";

    fn new(criteria: &str, effective: Date, until: Option<Date>, year: u16) -> OutsideEffect {
        let (vi, en) = match until {
            Some(u) => (
                format!("từ {} đến {}", effective.vietnamese(), u.vietnamese()),
                format!("from {effective} to {u}"),
            ),
            None => (
                format!("từ {}", effective.vietnamese()),
                format!("from {effective}"),
            ),
        };
        OutsideEffect {
            criteria: criteria.to_string(),
            effective,
            until,
            year,
            notice: format!(
                "NGOÀI HIỆU LỰC — bộ tiêu chí {criteria} có hiệu lực {vi}, không áp dụng cho năm {year}: \
                 kết quả chỉ để tham khảo — outside the set's period: {criteria} is in force {en}, \
                 not in {year}; evaluated on request, the results decide nothing"
            ),
        }
    }
}

/// A file that went into a loaded set or policy, with its SHA-256, for provenance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub struct FileHash {
    /// The path as loaded.
    pub path: String,
    /// Lower-case hex SHA-256 of its bytes.
    pub sha256: String,
}

/// A loaded, validated and compiled criteria set.
///
/// ```
/// let set = cfc::CriteriaSet::load("criteria/qd-06-2019.toml").unwrap();
/// assert_eq!(set.id(), "qd-06-2019");
/// assert_eq!(set.criteria().len(), 13);
/// assert_eq!(set.max_points().to_string(), "1000");
/// assert_eq!(set.class("other").unwrap().threshold.to_string(), "850");
/// ```
#[derive(Clone, Debug)]
pub struct CriteriaSet {
    pub(super) id: String,
    pub(super) title: Text,
    pub(super) subject: Text,
    pub(super) legal_basis: String,
    pub(super) effective: Date,
    pub(super) until: Option<Date>,
    pub(super) max_points: Points,
    pub(super) conditions: Vec<Condition>,
    pub(super) checks: Vec<CriterionChecks>,
    pub(super) classes: Vec<Class>,
    pub(super) unit_kinds: Vec<KindDef<UnitKind>>,
    pub(super) incident_kinds: Vec<KindDef<IncidentKind>>,
    pub(super) inputs: Vec<Input>,
    pub(super) derived: Vec<Derived>,
    pub(super) criteria: Vec<Criterion>,
    pub(super) files: Vec<FileHash>,
    pub(super) path: PathBuf,
    pub(super) engine: std::sync::Arc<rhai::Engine>,
    pub(crate) places: super::places::SetPlaces,
    pub(super) warnings: Vec<crate::base::diag::Diagnostic>,
}

impl CriteriaSet {
    /// Its id, e.g. `qd-06-2019`.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Its title.
    pub fn title(&self) -> &Text {
        &self.title
    }
    /// What it recognises, in lower case as a title prints it inside a sentence ("HỒ SƠ ĐÁNH
    /// GIÁ {subject} NĂM 2024"): dossiers, summaries and new rounds take their titles from it.
    pub fn subject(&self) -> &Text {
        &self.subject
    }
    /// The conditions of recognition, in declared order: a unit is recognised when it meets
    /// every one of them and no disqualifier of the round's policy holds.
    pub fn conditions(&self) -> &[Condition] {
        &self.conditions
    }
    /// Whether the set declares a `class_threshold` condition (otherwise the class threshold
    /// is shown, never applied).
    pub fn applies_class_threshold(&self) -> bool {
        self.conditions
            .iter()
            .any(|c| c.rule == ConditionRule::ClassThreshold)
    }
    /// What the criterion-level conditions ask of each criterion, in the criteria's order.
    pub(crate) fn criterion_checks(&self) -> &[CriterionChecks] {
        &self.checks
    }
    /// The legal act it encodes.
    pub fn legal_basis(&self) -> &str {
        &self.legal_basis
    }
    /// When that act took effect.
    pub fn effective(&self) -> Date {
        self.effective
    }
    /// The last day the set is in force (inclusive), when it declares one.
    pub fn until(&self) -> Option<Date> {
        self.until
    }
    /// The days the set is in force: from `effective` to `until` (or without end).
    pub fn in_force(&self) -> Period {
        Period {
            from: self.effective,
            to: self.until.unwrap_or(Date::last_of_year(u16::MAX)),
        }
    }
    /// `None` when the set is in force on at least one day of `year`; otherwise what every
    /// output of a round of that year, evaluated anyway, must say.
    ///
    /// ```
    /// let set = cfc::CriteriaSet::load("criteria/qd-06-2019.toml").unwrap();
    /// assert!(set.outside_effect(2019).is_none());
    /// let outside = set.outside_effect(2018).unwrap();
    /// assert_eq!(outside.year, 2018);
    /// assert!(outside.notice.starts_with("NGOÀI HIỆU LỰC"));
    /// ```
    pub fn outside_effect(&self, year: u16) -> Option<OutsideEffect> {
        if self.in_force().overlaps(&Period::year(year)) {
            return None;
        }
        Some(OutsideEffect::new(
            self.id(),
            self.effective,
            self.until,
            year,
        ))
    }
    /// The scale: the sum of all criteria maxima.
    pub fn max_points(&self) -> Points {
        self.max_points
    }
    /// Classes of unit with thresholds.
    pub fn classes(&self) -> &[Class] {
        &self.classes
    }
    /// A class by id.
    pub fn class(&self, id: &str) -> Option<&Class> {
        self.classes.iter().find(|c| c.id == id)
    }
    /// The unit kinds the set declares, in order.
    pub fn unit_kinds(&self) -> &[KindDef<UnitKind>] {
        &self.unit_kinds
    }
    /// A declared unit kind by id.
    pub fn unit_kind(&self, id: &str) -> Option<&KindDef<UnitKind>> {
        self.unit_kinds.iter().find(|k| k.id.id() == id)
    }
    /// The incident kinds evidence may record: the set's, then those of the policy it was
    /// extended with ([`CriteriaSet::extended_by`]).
    pub fn incident_kinds(&self) -> &[KindDef<IncidentKind>] {
        &self.incident_kinds
    }
    /// A declared incident kind by id.
    pub fn incident_kind(&self, id: &str) -> Option<&KindDef<IncidentKind>> {
        self.incident_kinds.iter().find(|k| k.id.id() == id)
    }
    /// The name of a unit kind in a language (its id when the set does not declare it, as
    /// for results read back under another set).
    pub fn unit_kind_word<'a>(&'a self, kind: &'a UnitKind, lang: Lang) -> &'a str {
        self.unit_kind(kind.id())
            .map_or(kind.id(), |k| k.label.get(lang))
    }
    /// The name of an incident kind in a language (its id when undeclared).
    pub fn incident_kind_word<'a>(&'a self, kind: &'a IncidentKind, lang: Lang) -> &'a str {
        self.incident_kind(kind.id())
            .map_or(kind.id(), |k| k.label.get(lang))
    }
    /// The set with the incident kinds a policy adds ([`crate::Policy::incident_kinds`]): the
    /// vocabulary of a round evaluated under that policy. [`crate::Evaluator::new`] extends its set this way, so evidence
    /// validated against [`crate::Evaluator::criteria`] may record the policy's kinds, and
    /// dossiers and tables find their labels there.
    pub fn extended_by(mut self, kinds: &[KindDef<IncidentKind>]) -> CriteriaSet {
        for k in kinds {
            if self.incident_kind(k.id.id()).is_none() {
                self.incident_kinds.push(k.clone());
            }
        }
        self
    }

    /// The same set with every indicator's script run by rhai, as if none had a recognised
    /// shape ([`Indicator::is_native`]): the reference the native evaluators are proven
    /// identical to (the tests compare both, trace included, on every shipped and test set).
    pub fn rhai_only(mut self) -> CriteriaSet {
        for c in &mut self.criteria {
            for i in &mut c.indicators {
                i.native = None;
            }
        }
        self
    }

    /// The declared inputs, in declaration order.
    pub fn inputs(&self) -> &[Input] {
        &self.inputs
    }
    /// The counts derived from incidents.
    pub fn derived(&self) -> &[Derived] {
        &self.derived
    }
    /// The criteria, in order.
    pub fn criteria(&self) -> &[Criterion] {
        &self.criteria
    }
    /// Every indicator of every criterion, in order.
    pub fn indicators(&self) -> impl Iterator<Item = &Indicator> {
        self.criteria.iter().flat_map(|c| &c.indicators)
    }
    /// The ids of the indicators whose rules are provisional.
    pub fn provisional_rules(&self) -> Vec<Label> {
        self.indicators()
            .filter(|i| i.status == Status::Provisional)
            .map(|i| i.id.clone())
            .collect()
    }
    /// The TOML file and every script, with their SHA-256.
    pub fn files(&self) -> &[FileHash] {
        &self.files
    }
    /// Where it was loaded from: a shipped set, or a file.
    pub fn origin(&self) -> crate::rules::shipped::RuleRef {
        crate::rules::shipped::RuleRef::of_shown(&self.path)
    }
    /// The path it was loaded from (`cfc:criteria/…` for a shipped set).
    pub fn path(&self) -> &Path {
        &self.path
    }
    /// The label of an input or derived count by name.
    pub fn label_of(&self, name: &str) -> Option<&Text> {
        self.inputs
            .iter()
            .find(|i| i.name == name)
            .map(|i| &i.label)
            .or_else(|| {
                self.derived
                    .iter()
                    .find(|d| d.name == name)
                    .map(|d| &d.label)
            })
    }

    /// Position of an input by name.
    pub fn input_index(&self, name: &str) -> Option<usize> {
        self.inputs.iter().position(|i| i.name == name)
    }
    pub(crate) fn engine(&self) -> &rhai::Engine {
        &self.engine
    }
    /// What the analysis of the rules found that may be meant (its errors refuse the set):
    /// located warnings, e.g. an input no script reads. A round adds its policy's
    /// ([`crate::rules::analysis::warnings`]).
    pub fn warnings(&self) -> &[crate::base::diag::Diagnostic] {
        &self.warnings
    }
}
