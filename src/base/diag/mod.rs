//! Located problems: every error a person must act on names its file, line and column.

mod evidence;
mod file;
mod located;
mod named;
mod round;
mod rules;
mod workbook;

pub use evidence::EvidenceProblem;
pub use file::{FileProblem, IoCause, ValueKind, ValueProblem};
pub use located::{CellProblem, Diagnostic, Diagnostics, FieldPath, Problem};
pub(crate) use located::{Source, closest, whole_file};
pub use named::Named;
pub use round::{RoundProblem, RuleFile};
pub use rules::{
    ConditionField, KindFamily, LeverWay, ProbeValue, RuleRef, RulesProblem, ScriptFileProblem,
    ScriptOutcome, ScriptValue, Severity, SumOf, ValueRange,
};
pub use workbook::{CellKind, CellValue, Label, WorkbookProblem};
