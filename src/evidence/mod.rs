//! A unit's evidence for the year: parsed and validated against a criteria set.
//!
//! An [`Evidence`] can only be made by [`Evidence::parse`] (or [`Evidence::load`]), so holding
//! one means every check of `evidence-format.md` passed: known fields only, right types, every
//! declared input present, parts within wholes, a period inside the round's year.

mod naming;
mod parse;
pub(crate) mod roster;

use std::io::Read;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::base::date::{Date, Period};
use crate::base::diag::{
    Diagnostics, FieldPath, FileProblem, Problem, ValueKind, ValueProblem, whole_file,
};
use crate::rules::criteria::CriteriaSet;

/// The sections of an evidence file, in the order `evidence-format.md` gives them.
pub const SECTIONS: [&str; 4] = ["unit", "period", "inputs", "incidents"];
/// The fields of `[unit]`.
pub const UNIT_KEYS: [&str; 5] = ["code", "name", "kind", "class", "synthetic"];
/// The fields of `[period]`: both days inclusive.
pub const PERIOD_KEYS: [&str; 2] = ["from", "to"];
/// The fields of an `[[incidents]]` entry. There is no field for a name, an address or an
/// identity number: the register cannot carry personal data.
pub const INCIDENT_KEYS: [&str; 6] = [
    "id",
    "date",
    "kind",
    "fatal",
    "support_plan_approved",
    "note",
];

/// The longest unit code: administrative codes have five digits, and a file name carries
/// the code.
pub const MAX_CODE_LEN: usize = 32;

/// The largest evidence file read. A unit with 10,000 incidents takes 0.7–1.5 MiB with notes;
/// this leaves room for comments while a file cannot exhaust memory.
pub const MAX_FILE_BYTES: u64 = 8 << 20;

pub use crate::base::points::{exact_decimal, significant_decimals};
pub use crate::rules::criteria::{IncidentKind, KindDef, UnitKind};
pub use naming::{slug, unit_file_name};

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

/// One entry of the incident register. It holds no personal data by construction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Incident {
    /// Unique within the file.
    pub id: String,
    /// When it happened.
    pub date: Date,
    /// What happened: a kind the criteria set or the policy declares.
    pub kind: IncidentKind,
    /// Whether a child died.
    pub fatal: bool,
    /// Whether a support plan was approved for the child.
    pub support_plan_approved: bool,
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
    source: PathBuf,
    sha256: String,
    criteria_id: String,
    code_position: (usize, usize),
    unit: Unit,
    period: Period,
    values: Vec<Value>,
    derived: Vec<DerivedCount>,
    incidents: Vec<Incident>,
}

impl Evidence {
    /// Validates evidence text against a criteria set (and, when given, the round's year).
    /// Every problem of the text is reported together. Unit and incident kinds must be those
    /// `set` declares: to accept the incident kinds a round's policy adds, pass
    /// [`crate::Evaluator::criteria`] (or [`CriteriaSet::extended_by`] the policy).
    pub fn parse(
        path: impl AsRef<Path>,
        text: &str,
        set: &CriteriaSet,
        year: Option<u16>,
    ) -> Result<Evidence, Diagnostics> {
        parse::parse(path.as_ref(), text, set, year)
    }

    /// Reads and validates an evidence file.
    pub fn load(
        path: impl AsRef<Path>,
        set: &CriteriaSet,
        year: Option<u16>,
    ) -> Result<Evidence, Diagnostics> {
        let path = path.as_ref();
        let refuse = |problem: FileProblem| Diagnostics(vec![whole_file(path, problem)]);
        let unreadable = |e: std::io::Error| refuse(FileProblem::unreadable(&e));
        let file = std::fs::File::open(path).map_err(unreadable)?;
        let mut text = Vec::new();
        // One byte more than allowed tells a file at the limit from one beyond it, without
        // reading a huge or endless file (a FIFO, /dev/zero behind a link) to the end.
        file.take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut text)
            .map_err(unreadable)?;
        if text.len() as u64 > MAX_FILE_BYTES {
            let bytes = std::fs::metadata(path).map_or(text.len() as u64, |m| m.len());
            return Err(refuse(FileProblem::TooLarge {
                bytes: bytes.max(text.len() as u64),
                max: MAX_FILE_BYTES,
            }));
        }
        let text = String::from_utf8(text).map_err(|_| refuse(FileProblem::NotUtf8))?;
        Evidence::parse(path, &text, set, year)
    }

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
    /// Input values, aligned with [`CriteriaSet::inputs`].
    pub fn values(&self) -> &[Value] {
        &self.values
    }
    /// Derived counts, aligned with [`CriteriaSet::derived`].
    pub fn derived(&self) -> &[DerivedCount] {
        &self.derived
    }
    /// The whole incident register, in and out of the period.
    pub fn incidents(&self) -> &[Incident] {
        &self.incidents
    }
    /// The same evidence with some input values changed (by position, as in [`Self::values`]),
    /// checked again against every constraint of the set; the incidents stay as they are.
    /// Returns the broken constraints, each with its input's field, when the change is not
    /// valid evidence.
    pub fn with_values(
        &self,
        set: &CriteriaSet,
        changes: &[(usize, Value)],
    ) -> Result<Evidence, Vec<(FieldPath, Problem)>> {
        Ok(Evidence {
            values: self.changed_values(set, changes)?,
            ..self.clone()
        })
    }

    /// The values of [`Self::with_values`], without the rest of the evidence.
    pub(crate) fn changed_values(
        &self,
        set: &CriteriaSet,
        changes: &[(usize, Value)],
    ) -> Result<Vec<Value>, Vec<(FieldPath, Problem)>> {
        let inputs = FieldPath::from("inputs");
        let field = |i: usize| match set.inputs().get(i) {
            Some(input) => inputs.key(&input.name),
            None => inputs.index(i),
        };
        let mut values = self.values.clone();
        for &(i, v) in changes {
            match values.get_mut(i) {
                Some(slot) if std::mem::discriminant(slot) == std::mem::discriminant(&v) => {
                    *slot = v
                }
                _ => {
                    let problem = ValueProblem::WrongType {
                        expected: set
                            .inputs()
                            .get(i)
                            .map_or(ValueKind::Decimal, |input| parse::value_kind(input.ty)),
                        found: v.to_string(),
                    };
                    return Err(vec![(field(i), problem.into())]);
                }
            }
        }
        let problems = parse::constraint_problems(set, &values, &self.derived);
        if !problems.is_empty() {
            return Err(problems.into_iter().map(|(i, p)| (field(i), p)).collect());
        }
        Ok(values)
    }

    /// The incidents inside the period: the only ones that count.
    pub fn incidents_in_period(&self) -> impl Iterator<Item = &Incident> {
        self.incidents
            .iter()
            .filter(|i| self.period.contains(i.date))
    }
}
