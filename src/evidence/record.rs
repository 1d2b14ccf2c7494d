//! What a unit's validated evidence holds: the unit, the period, the input values, the counts
//! derived from the incident register, and the register itself.

use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::base::date::Period;
use crate::rules::criteria::{UnitKind, VarRef};
use crate::rules::register::Incident;

/// The longest unit code: administrative codes have five digits, and a file name carries
/// the code.
pub const MAX_CODE_LEN: usize = 32;

/// The largest evidence file read. A unit with 10,000 incidents takes 0.7–1.5 MiB with notes;
/// this leaves room for comments while a file cannot exhaust memory.
pub const MAX_FILE_BYTES: u64 = 8 << 20;

/// Who the evidence is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    /// Official administrative code (digits), unique in a round.
    pub code: String,
    /// Name, e.g. "Sơn Thượng".
    pub name: String,
    /// A unit kind the criteria set declares, allowed by the unit's class.
    pub kind: UnitKind,
    /// A class id of the criteria set.
    pub class: String,
    /// Whether the data is illustrative.
    pub synthetic: bool,
}

/// The value of one declared input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    /// A count or an amount of VND.
    Number(u64),
    /// A yes/no fact.
    Bool(bool),
    /// A decimal or percentage input, exact, with as many digits after the point as its input
    /// declares (`7.5`); JSON shows it as a string, as every decimal of the results.
    Decimal(Decimal),
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Number(n) => n.fmt(f),
            Value::Bool(b) => b.fmt(f),
            Value::Decimal(d) => d.fmt(f),
        }
    }
}

/// A derived count and the in-period incidents it counted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DerivedCount {
    /// The count.
    pub value: u64,
    /// Ids of the incidents counted.
    pub incidents: Vec<String>,
}

/// A unit's validated evidence for one period.
///
/// ```
/// let set = cfc::CriteriaSet::load("criteria/qd-06-2019.toml").unwrap();
/// let ev = cfc::Evidence::load("fixtures/son-ha-2024/son-thuong.toml", &set, Some(2024)).unwrap();
/// assert_eq!(ev.unit().name, "Sơn Thượng");
/// assert!(ev.unit().synthetic);
/// ```
#[derive(Clone, Debug)]
pub struct Evidence {
    pub(super) source: PathBuf,
    pub(super) sha256: String,
    pub(super) criteria_id: String,
    pub(super) code_position: (usize, usize),
    pub(super) unit: Unit,
    pub(super) period: Period,
    /// The inputs, then each derived count as a [`Value::Number`]: every variable of the
    /// scripts in one slice, so that reading one is a copy at an index whichever it is.
    pub(super) values: Vec<Value>,
    pub(super) derived: Vec<DerivedCount>,
    pub(super) incidents: Vec<Incident>,
}

impl Evidence {
    /// The file it came from.
    pub fn source(&self) -> &Path {
        &self.source
    }
    /// SHA-256 of the file's bytes.
    pub fn sha256(&self) -> &str {
        &self.sha256
    }
    /// The id of the criteria set it was validated against.
    pub fn criteria_id(&self) -> &str {
        &self.criteria_id
    }
    pub(crate) fn code_position(&self) -> (usize, usize) {
        self.code_position
    }
    /// The unit.
    pub fn unit(&self) -> &Unit {
        &self.unit
    }
    /// The evaluation period.
    pub fn period(&self) -> Period {
        self.period
    }
    /// Input values, aligned with [`CriteriaSet::inputs`](crate::CriteriaSet::inputs).
    pub fn values(&self) -> &[Value] {
        &self.values[..self.inputs()]
    }
    /// How many of `values` are inputs: the derived counts follow them.
    pub(super) fn inputs(&self) -> usize {
        self.values.len().saturating_sub(self.derived.len())
    }
    /// The value of a variable of the scripts.
    pub(crate) fn variable(&self, at: VarRef) -> Value {
        // One copy from one slice: choosing between an input and a count built from a `u64`
        // made the compiler merge two shapes of `Value` on the stack, a stall per reading.
        self.values[match at {
            VarRef::Input(i) => i,
            VarRef::Derived(i) => self.inputs() + i,
        }]
    }
    /// Derived counts, aligned with [`CriteriaSet::derived`](crate::CriteriaSet::derived).
    pub fn derived(&self) -> &[DerivedCount] {
        &self.derived
    }
    /// The whole incident register, in and out of the period.
    pub fn incidents(&self) -> &[Incident] {
        &self.incidents
    }
    /// The incidents inside the period: the only ones that count.
    pub fn incidents_in_period(&self) -> impl Iterator<Item = &Incident> {
        self.incidents
            .iter()
            .filter(|i| self.period.contains(i.date))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CriteriaSet;

    fn son_thuong() -> (CriteriaSet, Evidence) {
        let set = CriteriaSet::load("criteria/qd-06-2019.toml").expect("shipped set");
        let ev = Evidence::load("fixtures/son-ha-2024/son-thuong.toml", &set, Some(2024))
            .expect("fixture");
        (set, ev)
    }

    #[test]
    fn a_variable_is_an_input_or_a_derived_count_and_values_are_the_inputs_alone() {
        let (set, ev) = son_thuong();
        assert_eq!(ev.values().len(), set.inputs().len());
        for (i, value) in ev.values().iter().enumerate() {
            assert_eq!(ev.variable(VarRef::Input(i)), *value);
        }
        assert!(!ev.derived().is_empty(), "the set derives counts");
        for (i, count) in ev.derived().iter().enumerate() {
            assert_eq!(ev.variable(VarRef::Derived(i)), Value::Number(count.value));
        }
    }

    #[test]
    fn a_change_past_the_inputs_is_refused_and_never_changes_a_derived_count() {
        let (set, ev) = son_thuong();
        let past = set.inputs().len();
        let refused = ev.with_values(&set, &[(past, Value::Number(99))]);
        assert!(
            refused.is_err(),
            "position {past} is the first derived count"
        );
        let changed = ev
            .with_values(&set, &[(0, ev.values()[0])])
            .expect("the same value is valid");
        assert_eq!(changed.values(), ev.values());
        for i in 0..ev.derived().len() {
            assert_eq!(
                changed.variable(VarRef::Derived(i)),
                ev.variable(VarRef::Derived(i))
            );
        }
    }
}
