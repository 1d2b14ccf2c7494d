//! A criteria set, a policy or a script is wrong.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::base::date::Date;

use super::file::FileProblem;

/// Which vocabulary a kind belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub enum KindFamily {
    /// A kind of unit (`[[unit_kinds]]`: xã, phường, đặc khu).
    Unit,
    /// A kind of incident (`[[incident_kinds]]`: drowning, violence).
    Incident,
}

/// What a script must give as its last value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub enum ScriptOutcome {
    /// An indicator's script: `award(…)`, `at_least(…)` or `at_most(…)`.
    Award,
    /// A disqualifier's condition: an array of incidents or a bool.
    IncidentsOrBool,
}

/// The kind of value a script gave, as the check describes it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub enum ScriptValue {
    /// A whole number.
    WholeNumber,
    /// A decimal number.
    Decimal,
    /// Text.
    Text,
    /// `true` or `false`.
    Bool,
    /// Nothing (the unit value `()`).
    Nothing,
    /// An exact fraction (`per(…)`).
    Fraction,
    /// Another value, by rhai's name of its type.
    Other {
        /// rhai's name of the type.
        type_name: String,
    },
}

/// Which sum of maxima does not add up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub enum SumOf {
    /// A criterion's `max_points` against its indicators' maxima.
    Indicators,
    /// The set's `max_points` against its criteria's maxima.
    Criteria,
}

/// A field some condition rules need.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub enum ConditionField {
    /// `count`: how many criteria must reach the share.
    Count,
    /// `share`: the percentage of each criterion's maximum.
    Share,
    /// `criterion`: the mandatory criterion.
    Criterion,
    /// `min_points`: the points it must reach.
    MinPoints,
}

impl ConditionField {
    /// Its key as the file writes it.
    pub fn key(self) -> &'static str {
        match self {
            ConditionField::Count => "count",
            ConditionField::Share => "share",
            ConditionField::Criterion => "criterion",
            ConditionField::MinPoints => "min_points",
        }
    }
}

/// A lever's direction (`lever = "up"` or `"down"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub enum LeverWay {
    /// More is better.
    Up,
    /// Less is better.
    Down,
}

/// A criteria set, a policy or a script is wrong. Input types (`count`, `decimal`…), rule
/// names (`criteria_reaching`) and field names are carried as the file writes them.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub enum RulesProblem {
    /// A rule file or script names something that is not a regular file (a folder, a device).
    NotRegularFile,
    /// A script path is absolute: it must be relative to the rule file's folder.
    ScriptPathAbsolute {
        /// The path as written.
        path: String,
    },
    /// A script path does not name a `.rhai` file.
    ScriptNotRhai {
        /// The path as written.
        path: String,
    },
    /// A script resolves outside the folder that holds the rule files.
    ScriptOutside {
        /// The path as written.
        path: String,
        /// The folder scripts must stay under.
        root: String,
    },
    /// The script file named cannot be used: unreadable, too large, not text, not a file.
    ScriptFile {
        /// The script, as resolved from the rule file.
        path: String,
        /// The script's path as the rule file writes it.
        #[serde(default)]
        written: String,
        /// What is wrong with it.
        problem: ScriptFileProblem,
    },
    /// rhai refused to compile the script: its own description.
    ScriptSyntax {
        /// What rhai said (in English).
        detail: String,
    },
    /// The script reads a variable that is neither an input nor a derived count of the set.
    UndeclaredVariable {
        /// The name the script reads.
        name: String,
        /// The names the set declares.
        declared: Vec<String>,
        /// The declared name nearest to it, for a typo.
        closest: Option<String>,
    },
    /// The script nests values or expressions too deeply.
    ScriptTooDeep {
        /// The deepest nesting allowed.
        max: usize,
    },
    /// The script calls a function that does not exist with these arguments.
    UnknownFunction {
        /// The function's name.
        name: String,
        /// The types of the arguments it was given, as rhai names them.
        arguments: String,
    },
    /// The script's last value is not what its rule needs.
    ScriptGives {
        /// What it must give.
        expected: ScriptOutcome,
        /// What it gave on sample values.
        found: ScriptValue,
    },
    /// A kind id is not of the shape ids take.
    KindIdShape {
        /// Unit or incident kind.
        family: KindFamily,
        /// The id as written.
        id: String,
        /// The longest id, in characters.
        max_chars: usize,
    },
    /// A policy declares an incident kind its criteria set already declares.
    KindOfTheSet {
        /// The id.
        id: String,
    },
    /// A rule names a kind that is not declared.
    UndeclaredKind {
        /// Unit or incident kind.
        family: KindFamily,
        /// The id as written.
        id: String,
        /// The declared kinds.
        declared: Vec<String>,
        /// The declared kind nearest to it, for a typo.
        closest: Option<String>,
    },
    /// A text literal of a policy script has the shape of a kind id but no such incident kind
    /// is declared (it would never match).
    UndeclaredKindInScript {
        /// The literal, between its quotes.
        id: String,
        /// The declared incident kinds.
        declared: Vec<String>,
        /// The declared kind nearest to it, for a typo.
        closest: Option<String>,
    },
    /// A list of kinds is written but empty.
    EmptyKinds {
        /// Unit or incident kinds.
        family: KindFamily,
        /// Whether leaving the field out is allowed (and means every kind).
        may_omit: bool,
    },
    /// The set declares no `[[unit_kinds]]`.
    NoUnitKinds,
    /// The set declares no `[[classes]]`.
    NoClasses,
    /// The set declares no `[[conditions]]`.
    NoConditions,
    /// A criterion has no indicators.
    NoIndicators,
    /// An id of a criterion or indicator is not a short code.
    NotShortCode {
        /// Its length in characters.
        chars: usize,
    },
    /// An indicator's `max_points` is 0.
    ZeroMaxPoints,
    /// A `max_points` is not the sum of the maxima below it.
    SumMismatch {
        /// Which sum.
        of: SumOf,
        /// The `max_points` declared.
        declared: Decimal,
        /// What the maxima below add up to.
        sum: Decimal,
    },
    /// A class's threshold is above the set's maximum.
    ThresholdAboveMax {
        /// The threshold.
        threshold: Decimal,
        /// The set's `max_points`.
        max_points: Decimal,
    },
    /// `until` is before `effective`.
    UntilBeforeEffective {
        /// The last day written.
        until: Date,
        /// The first day in force.
        effective: Date,
    },
    /// An input or derived count's name is not a valid script variable name.
    InvalidName {
        /// The name.
        name: String,
    },
    /// `at_most`/`at_least` of an input does not name another count, or the input is no count.
    BoundTarget {
        /// The name written.
        target: String,
    },
    /// A `bool` input has a numeric bound (`min`, `max`, `lever_max`, `lever_min`).
    BoolBound,
    /// A decimal or percent input has no `decimals`.
    DecimalsNeeded {
        /// The input's type, as written.
        input_type: String,
        /// The most decimals allowed.
        max: u32,
    },
    /// `decimals` on an input that is not decimal or percent.
    DecimalsNotApplicable {
        /// The input's type, as written.
        input_type: String,
    },
    /// `decimals` is above what an exact decimal holds.
    TooManyDecimals {
        /// The value written.
        found: u32,
        /// The most allowed.
        max: u32,
    },
    /// A bound of a whole-number input is not whole.
    BoundNotWhole {
        /// The bound.
        value: Decimal,
        /// The input's type, as written.
        input_type: String,
    },
    /// A bound has more digits after the point than the input's `decimals`.
    BoundTooPrecise {
        /// The bound.
        value: Decimal,
        /// The input's `decimals`.
        decimals: u32,
    },
    /// A bound is too large to hold its digits after the point.
    BoundTooLarge {
        /// The bound.
        value: Decimal,
        /// The input's `decimals`.
        decimals: u32,
    },
    /// A bound of a count or money input is negative.
    BoundNegative {
        /// The bound.
        value: Decimal,
        /// The input's type, as written.
        input_type: String,
    },
    /// A bound is above the largest whole number evidence holds.
    BoundAboveLargest {
        /// The bound.
        value: Decimal,
        /// The largest whole number.
        largest: Decimal,
    },
    /// `min` is above `max`.
    MinAboveMax {
        /// The minimum.
        min: Decimal,
        /// The maximum.
        max: Decimal,
    },
    /// `max` is below the smallest value the input can take.
    MaxBelowLowest {
        /// The maximum.
        max: Decimal,
        /// The smallest valid value.
        lowest: Decimal,
    },
    /// `min` is above the largest value the input can take.
    MinAboveHighest {
        /// The minimum.
        min: Decimal,
        /// The largest valid value.
        highest: Decimal,
    },
    /// `lever_max`/`lever_min` on an input whose lever goes the other way, or has none.
    LeverBoundWay {
        /// The lever the bound belongs to.
        bounds: LeverWay,
        /// The input's lever.
        lever: Option<LeverWay>,
    },
    /// A lever bound outside the input's valid range.
    LeverBoundOutside {
        /// The bound.
        value: Decimal,
        /// The smallest valid value.
        lowest: Decimal,
        /// The largest valid value.
        highest: Decimal,
    },
    /// A field of a condition its rule does not take.
    ConditionField {
        /// The rule, as written.
        rule: String,
        /// The fields the rule takes besides `rule`, `label` and `reference`.
        takes: Vec<String>,
    },
    /// A field a condition's rule needs is absent (the field path names it too).
    ConditionFieldMissing {
        /// The rule, as written.
        rule: String,
        /// The field.
        field: ConditionField,
    },
    /// A condition's `criteria` is written but empty.
    EmptyCriteriaList,
    /// A criterion a condition lists can never be met within its maximum.
    NeverMet {
        /// The criterion.
        criterion: String,
        /// Its `met` rule, as written.
        met: String,
        /// Its maximum.
        max_points: Decimal,
    },
    /// A condition's `count` is not from 1 to the number of criteria it counts.
    CountOutOfRange {
        /// The count written.
        found: i64,
        /// How many criteria it counts.
        criteria: usize,
    },
    /// A condition's `share` is not above 0 and at most 100.
    ShareOutOfRange {
        /// The share written.
        found: Decimal,
    },
    /// A condition's `share` has too many digits after the point.
    ShareTooPrecise {
        /// The share written.
        found: Decimal,
        /// The most digits after the point.
        max: u32,
    },
    /// A second `criterion_minimum` for the same criterion.
    SecondMinimum {
        /// The criterion.
        criterion: String,
        /// The line of the first.
        first_line: usize,
    },
    /// A minimum above the criterion's maximum: it can never hold.
    MinimumAboveMax {
        /// The minimum.
        min_points: Decimal,
        /// The criterion.
        criterion: String,
        /// Its maximum.
        max_points: Decimal,
    },
    /// A policy written for another criteria set than the round's.
    PolicyForOtherSet {
        /// The set the policy names.
        written_for: String,
        /// The set the round uses.
        used: String,
    },
    /// `window = { months_before_decision = n }` out of range.
    WindowMonths {
        /// The months written.
        found: u16,
        /// The most months.
        max: u16,
    },
    /// A disqualifier with neither `kinds` nor `script`.
    DisqualifierLooksAtNothing,
    /// `at_least = 0` would refuse every unit.
    AtLeastZero,
    /// An input's `default` is not a value of its type (`true` for a count, 3 for a bool).
    DefaultType {
        /// The input's type, as written.
        input_type: String,
    },
    /// An input's `default` lies outside its valid range.
    DefaultOutOfRange {
        /// The default.
        value: Decimal,
        /// The smallest valid value.
        lowest: Decimal,
        /// The largest valid value.
        highest: Decimal,
    },
    /// A number of a script has more digits than an exact decimal holds: it would be rounded.
    InexactNumber {
        /// The number as written.
        written: String,
    },
    // ── What the analysis of the rules finds (`cfc check`): the rule loads, but cannot be
    // right (an error) or may not be what was meant (a warning, see `Problem::severity`).
    /// A step table's text cannot be read (found when the set loads, not when a unit first
    /// reaches it).
    StepTableInvalid {
        /// The indicator.
        indicator: String,
        /// What is wrong with it (in English: the table reader's words).
        detail: String,
    },
    /// A row of a step table can never apply: the rows above it catch every value it would,
    /// or no value the measure can take satisfies it.
    StepRowUnreachable {
        /// The indicator.
        indicator: String,
        /// The row, as the trace prints it (`≥ 95 → 50`, `else 0`).
        row: String,
        /// The one earlier row that already catches every value it would, when there is one.
        by: Option<String>,
    },
    /// A row's threshold lies outside the values its measure can take (a rate above 100 %).
    StepThresholdOutside {
        /// The indicator.
        indicator: String,
        /// The row.
        row: String,
        /// The smallest value the measure can take, when it has one.
        lowest: Option<Decimal>,
        /// The largest value the measure can take, when it has one.
        highest: Option<Decimal>,
    },
    /// Two rows of a step table hold together on some values without one containing the
    /// other: the first wins there, which may not be what was meant.
    StepRowsOverlap {
        /// The indicator.
        indicator: String,
        /// The later row.
        row: String,
        /// The earlier row that takes the values they share.
        earlier: String,
        /// The values they share.
        values: ValueRange,
    },
    /// Values the measure can take that no row of a table without `else` covers: a unit with
    /// such a value cannot be scored.
    StepGap {
        /// The indicator.
        indicator: String,
        /// The first values no row covers.
        values: ValueRange,
    },
    /// A rate whose whole can be 0 (n/a) in a table without an `n/a` row.
    StepNoNaRow {
        /// The indicator.
        indicator: String,
        /// The whole of the rate.
        whole: String,
    },
    /// A threshold between 0 and 1 in a table of percentages: probably a fraction written
    /// for a percentage (0.9 for 90 %).
    StepFractionOfPercent {
        /// The indicator.
        indicator: String,
        /// The row.
        row: String,
        /// The percentage it probably means.
        meant: Decimal,
    },
    /// A row of a step table gives points outside [0, the indicator's maximum].
    StepPointsOutOfRange {
        /// The indicator.
        indicator: String,
        /// The row.
        row: String,
        /// Its points.
        points: Decimal,
        /// The indicator's maximum.
        max: Decimal,
    },
    /// A rule failed on inputs of the grid the analysis tries (each step's edges, 0, the
    /// maxima, n/a): a unit with these values could not be evaluated.
    ProbeFailed {
        /// The indicator or disqualifier.
        rule: RuleRef,
        /// The values that make it fail.
        inputs: Vec<ProbeValue>,
        /// What the sandbox or the script said (in English).
        detail: String,
    },
    /// An indicator's script gives no outcome on inputs of the grid.
    ProbeNoOutcome {
        /// The indicator.
        indicator: String,
        /// The values.
        inputs: Vec<ProbeValue>,
        /// What it gave instead.
        found: ScriptValue,
    },
    /// An indicator gives points outside [0, its maximum] on inputs of the grid.
    ProbePointsOutOfRange {
        /// The indicator.
        indicator: String,
        /// The values.
        inputs: Vec<ProbeValue>,
        /// The points it gave.
        points: Decimal,
        /// Its maximum.
        max: Decimal,
    },
    /// Moving a lever in its declared direction lowers an indicator's points: the what-if
    /// search, which only moves it that way, would miss what helps.
    LeverLowers {
        /// The lever.
        input: String,
        /// Its declared direction.
        lever: LeverWay,
        /// The indicator whose points fall.
        indicator: String,
        /// The lever's value before the move.
        from: String,
        /// Its value after the move.
        to: String,
        /// The indicator's points before.
        points_from: Decimal,
        /// Its points after.
        points_to: Decimal,
        /// The other values the indicator read.
        others: Vec<ProbeValue>,
    },
    /// An input or derived count that no script reads and no other input is bounded by.
    InputUnread {
        /// Its name.
        name: String,
        /// Whether it is a derived count.
        derived: bool,
    },
    /// The set declares no `class_threshold` condition: class thresholds are shown, never
    /// applied.
    NoClassThreshold,
    /// A disqualifier's script holds on an empty register of incidents.
    DisqualifierHoldsWithoutIncidents {
        /// The disqualifier.
        disqualifier: String,
        /// The inputs with which it holds; empty when it holds whatever the inputs.
        inputs: Vec<ProbeValue>,
    },
    /// A disqualifier's script holds on no register of its kinds that the analysis tries.
    DisqualifierNeverHolds {
        /// The disqualifier.
        disqualifier: String,
        /// The kinds it looks at.
        kinds: Vec<String>,
    },
    /// A disqualifier's script names a kind its `kinds` filter excludes: the script never
    /// sees such an incident.
    ScriptKindExcluded {
        /// The disqualifier.
        disqualifier: String,
        /// The kind the script names.
        named: String,
        /// The kinds its filter lets through.
        kinds: Vec<String>,
    },
    /// A derived count and a disqualifier share incident kinds, but each counts kinds the
    /// other leaves out (a count of abuse victims without a kind the policy treats as abuse).
    DerivedKindsDisagree {
        /// The derived count.
        derived: String,
        /// The disqualifier.
        disqualifier: String,
        /// Kinds the disqualifier looks at that the count leaves out.
        missing: Vec<String>,
        /// Kinds the count counts that the disqualifier leaves out.
        extra: Vec<String>,
    },
}

/// An indicator or a disqualifier, by id.
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "type", content = "id", rename_all = "snake_case")]
#[non_exhaustive]
pub enum RuleRef {
    /// An indicator of the criteria set.
    Indicator(String),
    /// A disqualifier of the policy.
    Disqualifier(String),
}

/// One value the analysis gave an input, a derived count or the register, as an evidence file
/// would write it.
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ProbeValue {
    /// The input or derived count (`incidents` for the register).
    pub name: String,
    /// Its value (`0`, `true`, `7.5`; the register's kinds).
    pub value: String,
}

/// A range of values of a measure: from a lower bound to an upper one, each included or not,
/// or without end.
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ValueRange {
    /// The lower bound, and whether it is included; `None`: no lower bound.
    pub from: Option<(Decimal, bool)>,
    /// The upper bound, and whether it is included; `None`: no upper bound.
    pub to: Option<(Decimal, bool)>,
}

/// Whether a problem stops the file from being used or only asks to be looked at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The rule cannot be right: the file is refused.
    Error,
    /// The rule may be meant: it is said, and `cfc check --deny-warnings` refuses it.
    Warning,
}

impl RulesProblem {
    /// An error, or a warning where the rule may be what its author meant (criteria/README.md
    /// says why for each).
    pub fn severity(&self) -> Severity {
        match self {
            RulesProblem::StepRowsOverlap { .. }
            | RulesProblem::StepFractionOfPercent { .. }
            | RulesProblem::InputUnread { .. }
            | RulesProblem::NoClassThreshold
            | RulesProblem::DerivedKindsDisagree { .. } => Severity::Warning,
            RulesProblem::DisqualifierHoldsWithoutIncidents { inputs, .. }
                if !inputs.is_empty() =>
            {
                Severity::Warning
            }
            _ => Severity::Error,
        }
    }
}

/// Why a script file named by a rule file cannot be used: what any file can have, or not
/// being a file at all. Serialised as a [`Problem`](super::Problem) of the same kind is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "family", content = "problem", rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub enum ScriptFileProblem {
    /// Unreadable, too large, not text.
    File(FileProblem),
    /// A folder, a device or another file that is not a regular one.
    #[serde(rename = "rules", with = "not_regular_file")]
    NotRegularFile,
}

/// `ScriptFileProblem::NotRegularFile` reads and writes as `RulesProblem::NotRegularFile` does.
mod not_regular_file {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::RulesProblem;

    pub(super) fn serialize<S: Serializer>(s: S) -> Result<S::Ok, S::Error> {
        RulesProblem::NotRegularFile.serialize(s)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<(), D::Error> {
        match RulesProblem::deserialize(d)? {
            RulesProblem::NotRegularFile => Ok(()),
            _ => Err(serde::de::Error::custom("expected not_regular_file")),
        }
    }
}
