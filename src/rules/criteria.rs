//! Criteria sets as data: what a decree asks, read from TOML and compiled once.
//!
//! A set declares its inputs (the evidence fields), the counts it derives from the incident
//! register, the classes of unit with their thresholds, its criteria, each made of
//! indicators scored by a rhai script, and the conditions of recognition it applies. The file
//! format is documented in `criteria/README.md`.

use std::fmt;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::base::date::{Date, Period};
use crate::base::lang::Lang;
use crate::base::points::Points;

pub(crate) use super::conditions::CriterionChecks;
pub use super::conditions::{Condition, ConditionRule, reaches_share};
pub use super::kinds::{IncidentKind, KindDef, UnitKind};
pub use super::load::LoadError;
pub use crate::base::diag::Named;

/// A text in Vietnamese, optionally with an English version.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Vietnamese: the legal language; always present.
    #[serde(deserialize_with = "crate::base::printable::rule_text")]
    pub vi: String,
    /// English, for software teams and foreign readers.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::base::printable::optional_rule_text"
    )]
    pub en: Option<String>,
}

impl Text {
    /// The text in a language, falling back to Vietnamese.
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.vi, self.en.as_deref().unwrap_or(&self.vi))
    }

    /// The same text as a declared thing's label, with its id.
    pub fn naming(&self, id: &str) -> Named {
        Named {
            id: id.to_string(),
            vi: self.vi.clone(),
            en: self.en.clone(),
        }
    }
}

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
    pub name: String,
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
}

/// A class of unit and its recognition threshold.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
    pub id: String,
    /// What it measures.
    pub title: Text,
    /// The most points it can earn.
    pub max_points: Points,
    /// Whether its rule is confirmed or provisional.
    pub status: Status,
    /// What part of a rule is confirmed, when only part of it is.
    pub status_note: Option<Text>,
    /// The legal reference of its rule.
    pub reference: String,
    /// The script file, as resolved from the criteria file.
    pub script: PathBuf,
    /// The names of the inputs and derived counts its script reads, in declaration order.
    pub reads: Vec<String>,
    /// The same, resolved once at load so the trace needs no lookup by name per unit.
    pub(crate) read_refs: Vec<VarRef>,
    pub(crate) ast: rhai::AST,
}

/// One criterion (tiêu chí).
#[derive(Clone, Debug)]
pub struct Criterion {
    /// Its id, e.g. `C01`.
    pub id: String,
    /// Its title.
    pub title: Text,
    /// The most points it can earn: the sum of its indicators' maxima.
    pub max_points: Points,
    /// When it counts as met.
    pub met: MetRule,
    /// Its indicators.
    pub indicators: Vec<Indicator>,
}

/// A round evaluated, on explicit request, under a criteria set that is in force on no day of
/// its year. Every output of such a round carries [`OutsideEffect::notice`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
}

impl CriteriaSet {
    /// Reads, validates and compiles a criteria set; every problem of the file and its
    /// scripts is reported together.
    pub fn load(path: impl AsRef<Path>) -> Result<CriteriaSet, LoadError> {
        super::load::load(path.as_ref())
    }

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
    /// The set with the incident kinds a policy adds: the vocabulary of a round evaluated
    /// under that policy. [`crate::Evaluator::new`] extends its set this way, so evidence
    /// validated against [`crate::Evaluator::criteria`] may record the policy's kinds, and
    /// dossiers and tables find their labels there.
    pub fn extended_by(mut self, policy: &crate::Policy) -> CriteriaSet {
        for k in policy.incident_kinds() {
            if self.incident_kind(k.id.id()).is_none() {
                self.incident_kinds.push(k.clone());
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
    pub fn provisional_rules(&self) -> Vec<String> {
        self.indicators()
            .filter(|i| i.status == Status::Provisional)
            .map(|i| i.id.clone())
            .collect()
    }
    /// The TOML file and every script, with their SHA-256.
    pub fn files(&self) -> &[FileHash] {
        &self.files
    }
    /// The path it was loaded from.
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
}
