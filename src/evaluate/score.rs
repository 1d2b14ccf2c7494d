//! Scoring: every indicator script run over a unit's evidence, with the trace of every point.

use rhai::{Dynamic, Scope};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::base::label::{Label, LabelList};
use crate::base::points::Points;
use crate::evidence::{Evidence, Value};
use crate::rules::criteria::{CriteriaSet, Criterion, Indicator, Status, VarRef};
use crate::script::{Measure, Outcome, Rounding, Slot};

/// One value a script read, as the trace shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub struct Reading {
    /// The input or derived count.
    #[cfg_attr(feature = "serve", schema(value_type = String))]
    pub name: Label,
    /// Its value for this unit.
    pub value: Value,
}

/// The values one indicator's script read, in the order of its `reads`: each a [`Reading`],
/// its name and its value.
///
/// The names are the rules' own, the same for every unit: a [`LabelList`] shared with the
/// rules when they were loaded, so that scoring a unit copies a pointer for them. The values
/// are the unit's, held in place when there are at most two (as most indicators read), so that
/// a trace allocates nothing for them. Serialised as a list of readings.
///
/// ```
/// use cfc::{Reading, Reads};
/// use cfc::evidence::Value;
/// let reads: Reads = vec![Reading { name: "births_in_period".into(), value: Value::Number(40) }].into();
/// assert_eq!(reads.len(), 1);
/// assert_eq!(reads.names()[0], "births_in_period");
/// assert_eq!(reads.values(), [Value::Number(40)]);
/// assert_eq!(reads.iter().next().map(|r| r.value), Some(Value::Number(40)));
/// assert_eq!(serde_json::to_string(&reads)?, r#"[{"name":"births_in_period","value":40}]"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Reads {
    names: LabelList,
    values: Values,
}

/// The values of a [`Reads`]: in place up to two, else on the heap. One variant per count
/// rather than a length beside an array, so that the tag of a value is the enum's and a trace
/// is 8 bytes smaller: 240, so that a criterion's four traces fit glibc's per-thread cache.
#[derive(Clone, Default)]
enum Values {
    #[default]
    None,
    One(Value),
    Two([Value; 2]),
    Heap(Box<[Value]>),
}

impl Values {
    fn new(values: impl ExactSizeIterator<Item = Value>) -> Values {
        let mut values = values;
        match values.len() {
            0 => Values::None,
            1 => values.next().map_or(Values::None, Values::One),
            2 => match (values.next(), values.next()) {
                (Some(a), Some(b)) => Values::Two([a, b]),
                _ => Values::None,
            },
            _ => Values::Heap(values.collect()),
        }
    }

    /// The values of `ev` at `refs`, in order: written out for the usual one or two, which
    /// every indicator of a unit copies.
    fn read(ev: &Evidence, refs: &[VarRef]) -> Values {
        match *refs {
            [] => Values::None,
            [a] => Values::One(ev.variable(a)),
            [a, b] => Values::Two([ev.variable(a), ev.variable(b)]),
            _ => Values::Heap(refs.iter().map(|at| ev.variable(*at)).collect()),
        }
    }

    fn as_slice(&self) -> &[Value] {
        match self {
            Values::None => &[],
            Values::One(value) => std::slice::from_ref(value),
            Values::Two(values) => values,
            Values::Heap(values) => values,
        }
    }
}

impl PartialEq for Values {
    fn eq(&self, other: &Values) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for Values {}

impl Reads {
    /// The readings of `names`, read from `ev` at `refs`. Both come from the loaded set (its
    /// load checks that an indicator's reads and their places agree), so they have the same
    /// length; a surplus of either is dropped rather than paired wrongly.
    fn new(names: &LabelList, refs: &[VarRef], ev: &Evidence) -> Reads {
        if names.len() == refs.len() {
            return Reads {
                names: names.clone(),
                values: Values::read(ev, refs),
            };
        }
        let n = names.len().min(refs.len());
        Reads {
            names: names.iter().take(n).cloned().collect(),
            values: Values::read(ev, refs.get(..n).unwrap_or_default()),
        }
    }

    /// How many values were read.
    pub fn len(&self) -> usize {
        self.values.as_slice().len()
    }

    /// Whether the script read nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The names of the values read, in order.
    pub fn names(&self) -> &[Label] {
        &self.names
    }

    /// The values read, in the order of [`Reads::names`].
    pub fn values(&self) -> &[Value] {
        self.values.as_slice()
    }

    /// The `k`-th reading.
    pub fn get(&self, k: usize) -> Option<Reading> {
        Some(Reading {
            name: self.names.get(k)?.clone(),
            value: *self.values().get(k)?,
        })
    }

    /// Each reading, name and value, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Reading> + '_ {
        self.names
            .iter()
            .zip(self.values())
            .map(|(name, value)| Reading {
                name: name.clone(),
                value: *value,
            })
    }
}

impl From<Vec<Reading>> for Reads {
    fn from(readings: Vec<Reading>) -> Reads {
        Reads {
            values: Values::new(readings.iter().map(|r| r.value)),
            names: readings.into_iter().map(|r| r.name).collect(),
        }
    }
}

impl FromIterator<Reading> for Reads {
    fn from_iter<I: IntoIterator<Item = Reading>>(iter: I) -> Reads {
        Reads::from(iter.into_iter().collect::<Vec<_>>())
    }
}

impl std::fmt::Debug for Reads {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Reads {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Reads {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Reads, D::Error> {
        Vec::<Reading>::deserialize(d).map(Reads::from)
    }
}

/// How one indicator scored, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub struct IndicatorScore {
    /// Indicator id, e.g. `7.1`.
    #[cfg_attr(feature = "serve", schema(value_type = String))]
    pub id: Label,
    /// Points earned.
    pub points: Points,
    /// Most points possible.
    pub max: Points,
    /// Whether the rule that scored it is provisional.
    pub provisional: bool,
    /// The legal reference of the rule.
    #[cfg_attr(feature = "serve", schema(value_type = String))]
    pub reference: Label,
    /// The inputs and derived counts the script read.
    #[cfg_attr(feature = "serve", schema(value_type = Vec<Reading>))]
    pub reads: Reads,
    /// The rate or count compared, with its exact and displayed value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<Measure>,
    /// The row of the rule that applied.
    #[cfg_attr(feature = "serve", schema(value_type = String))]
    pub row: Label,
    /// When the points came straight from a rounding function: the exact value it rounded,
    /// its rule and step. Absent otherwise, so results without rounding read as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rounding: Option<Box<Rounding>>,
}

/// How one criterion scored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub struct CriterionScore {
    /// Criterion id, e.g. `C03`.
    #[cfg_attr(feature = "serve", schema(value_type = String))]
    pub id: Label,
    /// Sum of its indicators' points.
    pub points: Points,
    /// Whether it is met under its set's rule.
    pub met: bool,
    /// Most points possible.
    pub max: Points,
    /// Its indicators, in order.
    pub indicators: Vec<IndicatorScore>,
}

pub use crate::base::fault::ScoreError;

/// Every input and derived count as rhai constants (so no script can change them for the next),
/// for evidence validated against this very set.
pub(crate) fn scope_for(set: &CriteriaSet, ev: &Evidence) -> Result<Scope<'static>, ScoreError> {
    same_set(set, ev)?;
    Ok(filled_scope(set, ev))
}

fn filled_scope(set: &CriteriaSet, ev: &Evidence) -> Scope<'static> {
    let mut scope = Scope::with_capacity(set.inputs().len() + set.derived().len() + 1);
    for (input, value) in set.inputs().iter().zip(ev.values()) {
        scope.push_constant_dynamic(input.name.clone(), dynamic(*value));
    }
    for (d, count) in set.derived().iter().zip(ev.derived()) {
        scope.push_constant(d.name.as_str(), count.value as rhai::INT);
    }
    scope
}

fn same_set(set: &CriteriaSet, ev: &Evidence) -> Result<(), ScoreError> {
    if ev.criteria_id() != set.id() {
        return Err(ScoreError::WrongCriteriaSet {
            expected: set.id().to_string(),
            found: ev.criteria_id().to_string(),
        });
    }
    Ok(())
}

/// A unit's rhai scope ([`scope_for`]), made the first time a script needs rhai: a unit whose
/// indicators all run natively and whose policy runs no script never builds one.
pub(crate) struct LazyScope<'a> {
    set: &'a CriteriaSet,
    ev: &'a Evidence,
    scope: Option<Scope<'static>>,
}

impl<'a> LazyScope<'a> {
    /// For evidence validated against this very set (checked here, as [`scope_for`] does).
    pub(crate) fn new(set: &'a CriteriaSet, ev: &'a Evidence) -> Result<Self, ScoreError> {
        same_set(set, ev)?;
        Ok(LazyScope {
            set,
            ev,
            scope: None,
        })
    }

    /// The scope, made now if it was not yet.
    pub(crate) fn get(&mut self) -> &mut Scope<'static> {
        let (set, ev) = (self.set, self.ev);
        self.scope.get_or_insert_with(|| filled_scope(set, ev))
    }
}

/// A variable of an indicator's native program (numbered as its `reads`) for one unit.
pub(crate) fn slot(value: Value) -> Slot {
    match value {
        Value::Number(n) => Slot::Whole(n),
        Value::Bool(b) => Slot::Bool(b),
        Value::Decimal(_) => Slot::Other,
    }
}

/// Runs one indicator's script: its outcome, and its points checked against the indicator's
/// maximum. A recognised script runs natively on the values `read` gives (numbered as the
/// indicator's reads); any other, or a native run that defers, runs in rhai in `scope`
/// ([`Indicator::run`]). The scoring of a unit takes the same two ways in
/// [`score_in`], where each pushes its own trace.
fn outcome<'s>(
    set: &CriteriaSet,
    ind: &Indicator,
    read: &dyn Fn(usize) -> Slot,
    scope: impl FnOnce() -> &'s mut Scope<'static>,
) -> Result<(Outcome, Points), ScoreError> {
    match ind.native.as_ref().and_then(|program| program.run(read)) {
        Some(outcome) => ind.within(outcome).map_err(|m| ind.misfit_error(m)),
        None => ind.run(set.engine(), scope()),
    }
}

/// One indicator's points alone, without its trace: what the what-if search needs of the
/// thousands of candidates it tries. `read` gives the candidate's values to a native program;
/// `scope` holds them for rhai.
pub(crate) fn points_of(
    set: &CriteriaSet,
    scope: &mut Scope<'static>,
    ind: &Indicator,
    read: &dyn Fn(usize) -> Slot,
) -> Result<Points, ScoreError> {
    outcome(set, ind, read, || scope).map(|(_, points)| points)
}

/// An input's value as the scripts' scope holds it.
pub(crate) fn dynamic(value: Value) -> Dynamic {
    match value {
        Value::Number(n) => Dynamic::from_int(n as rhai::INT),
        Value::Bool(b) => Dynamic::from_bool(b),
        // A decimal as a decimal, never a string: `to_dynamic` would make it text, and text
        // compares with numbers silently wrong.
        Value::Decimal(d) => Dynamic::from_decimal(d),
    }
}

/// The names of the values each indicator of a set reads, in the order of its indicators:
/// interned once per evaluator, so that a unit's trace copies a pointer for each ([`Reads`]).
#[derive(Clone, Debug, Default)]
pub(crate) struct ReadPlan(Vec<LabelList>);

impl ReadPlan {
    pub(crate) fn of(set: &CriteriaSet) -> ReadPlan {
        ReadPlan(
            set.indicators()
                .map(|i| LabelList::interned(&i.reads))
                .collect(),
        )
    }
}

/// Scores with a scope made by [`LazyScope::new`] (the evaluator shares it with the policy)
/// and the set's [`ReadPlan`].
pub(crate) fn score_in(
    set: &CriteriaSet,
    ev: &Evidence,
    scope: &mut LazyScope,
    plan: &ReadPlan,
) -> Result<Vec<CriterionScore>, ScoreError> {
    let mut names = plan.0.iter();
    // Sized once: collecting `Result`s cannot know the length, and grew each vector two or
    // three times per unit.
    let mut criteria = Vec::with_capacity(set.criteria().len());
    for c in set.criteria() {
        let mut indicators = Vec::with_capacity(c.indicators.len());
        for i in &c.indicators {
            // The plan has one list per indicator, made from this very set.
            let names = names.next().unwrap_or(&EMPTY);
            // The trace's readings are read from the evidence once, and the native program
            // reads them there.
            let reads = Reads::new(names, &i.read_refs, ev);
            let read = |v: usize| reads.values().get(v).map_or(Slot::Other, |x| slot(*x));
            // `outcome`'s two ways, each pushing its trace: an outcome merged from both went
            // through the stack in pieces the next read could not take from the store buffer,
            // a stall per indicator.
            match i.native.as_ref().and_then(|program| program.run(&read)) {
                Some(outcome) => match i.within(outcome) {
                    Ok((outcome, points)) => indicators.push(trace(i, outcome, points, reads)),
                    Err(misfit) => return Err(i.misfit_error(misfit)),
                },
                None => {
                    let (outcome, points) = i.run(set.engine(), scope.get())?;
                    indicators.push(trace(i, outcome, points, reads))
                }
            }
        }
        criteria.push(criterion_score(c, indicators));
    }
    Ok(criteria)
}

/// No names: what a plan made from another set would give past its end.
static EMPTY: LabelList = LabelList::EMPTY;

/// An indicator's trace from its outcome. Inlined where it is pushed: a trace returned from a
/// function was copied into the vector, 200 bytes per indicator.
#[inline(always)]
fn trace(i: &Indicator, outcome: Outcome, points: Points, reads: Reads) -> IndicatorScore {
    IndicatorScore {
        id: i.id.clone(),
        points,
        max: i.max_points,
        provisional: i.status == Status::Provisional,
        reference: i.reference.clone(),
        reads,
        measure: outcome.measure,
        row: outcome.row,
        rounding: outcome.rounding,
    }
}

/// A criterion's score from its indicators' scores.
fn criterion_score(c: &Criterion, indicators: Vec<IndicatorScore>) -> CriterionScore {
    let points: Points = indicators.iter().map(|i| i.points).sum();
    CriterionScore {
        id: c.id.clone(),
        points,
        met: c.met.holds(points),
        max: c.max_points,
        indicators,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::{Fraction, RoundingRule};
    use rust_decimal::Decimal;

    /// Every loadable criteria set under `dir`, at any depth.
    fn sets(dir: &std::path::Path, out: &mut Vec<CriteriaSet>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            if path.is_dir() {
                sets(&path, out);
            } else if path.extension().is_some_and(|x| x == "toml")
                && let Ok(set) = CriteriaSet::load(&path)
            {
                out.push(set);
            }
        }
    }

    /// Whole numbers around the steps of the shipped tables, the edges, and the largest a
    /// script can hold (sums overflow, rates grow too large).
    const WHOLE: [u64; 24] = [
        0,
        1,
        2,
        3,
        4,
        5,
        6,
        9,
        10,
        11,
        12,
        19,
        20,
        49,
        50,
        90,
        98,
        99,
        100,
        101,
        1000,
        3150,
        1 << 40,
        i64::MAX as u64,
    ];

    /// The native evaluator of every recognised indicator of every shipped and test set gives
    /// rhai's outcome — points, row, measure, rounding — on a grid of its inputs' values, and
    /// defers to rhai exactly where rhai fails.
    #[test]
    fn native_evaluators_give_rhai_s_outcome_on_every_set() {
        let mut all = Vec::new();
        sets(std::path::Path::new("criteria"), &mut all);
        sets(std::path::Path::new("tests/data"), &mut all);
        let (mut native, mut rhai_only, mut runs) = (0, 0, 0);
        for set in &all {
            for ind in set.indicators() {
                let Some(program) = &ind.native else {
                    rhai_only += 1;
                    continue;
                };
                native += 1;
                let kinds: Vec<Vec<Slot>> = ind
                    .read_refs
                    .iter()
                    .map(|at| match *at {
                        VarRef::Input(i)
                            if set.inputs()[i].ty == crate::rules::criteria::InputType::Bool =>
                        {
                            vec![Slot::Bool(false), Slot::Bool(true)]
                        }
                        _ => WHOLE.iter().map(|n| Slot::Whole(*n)).collect(),
                    })
                    .collect();
                let mut at = vec![0usize; kinds.len()];
                loop {
                    let values: Vec<Slot> = at.iter().zip(&kinds).map(|(k, v)| v[*k]).collect();
                    let mut scope = Scope::new();
                    for (name, v) in ind.reads.iter().zip(&values) {
                        match *v {
                            Slot::Bool(b) => scope.push_constant(name.as_str(), b),
                            Slot::Whole(n) => scope.push_constant(name.as_str(), n as rhai::INT),
                            Slot::Other => unreachable!(),
                        };
                    }
                    let read = |v: usize| values[v];
                    // rhai's outcome before the indicator's maximum is applied: what a native
                    // program gives.
                    let by_rhai = ind
                        .eval(set.engine(), &mut scope)
                        .ok()
                        .filter(|v| v.is::<Outcome>())
                        .map(|v| v.cast::<Outcome>());
                    match program.run(&read) {
                        Some(o) => assert_eq!(
                            Some(&o),
                            by_rhai.as_ref(),
                            "{} {} on {values:?}",
                            set.id(),
                            ind.id
                        ),
                        None => assert!(
                            by_rhai.is_none(),
                            "{} {} deferred on {values:?}, where rhai gives {by_rhai:?}",
                            set.id(),
                            ind.id
                        ),
                    }
                    runs += 1;
                    // The next combination, the last read changing fastest.
                    let Some(k) = (0..at.len()).rev().find(|&k| at[k] + 1 < kinds[k].len()) else {
                        break;
                    };
                    at[k] += 1;
                    at[k + 1..].iter_mut().for_each(|x| *x = 0);
                }
            }
        }
        // Every indicator of the shipped set is native; the test sets keep rhai's own shapes.
        let shipped = all
            .iter()
            .find(|s| s.id() == "qd-06-2019")
            .expect("shipped set");
        assert!(shipped.indicators().all(Indicator::is_native));
        assert!(
            native >= 25 && rhai_only > 0 && runs > 10_000,
            "{native} {rhai_only} {runs}"
        );
    }

    #[test]
    fn the_exact_value_before_rounding_is_serialised_only_when_there_is_one() {
        let mut score = IndicatorScore {
            id: "1.1".into(),
            points: Points::new(Decimal::new(25, 1)).unwrap(),
            max: Points::from(5),
            provisional: false,
            reference: "r".into(),
            reads: Reads::default(),
            measure: None,
            row: "x".into(),
            rounding: None,
        };
        let plain = serde_json::to_string(&score).unwrap();
        assert_eq!(
            plain,
            r#"{"id":"1.1","points":"2.5","max":"5","provisional":false,"reference":"r","reads":[],"row":"x"}"#
        );
        score.rounding = Some(Box::new(Rounding {
            function: RoundingRule::HalfUp,
            step: Some(Fraction::new(1, 2).unwrap()),
            exact: Fraction::new(9, 4).unwrap(),
        }));
        let json = serde_json::to_string(&score).unwrap();
        assert!(
            json.ends_with(
                r#""row":"x","rounding":{"function":"round_half_up","step":"0.5","exact":"2.25"}}"#
            ),
            "{json}"
        );
        let back: IndicatorScore = serde_json::from_str(&json).unwrap();
        assert_eq!(back, score);
        let back: IndicatorScore = serde_json::from_str(&plain).unwrap();
        assert_eq!(back.rounding, None);
    }
}
