//! Located problems in words: `file:line:column: field: what is wrong and what was expected`.

mod evidence;
mod file;
mod round;
mod rules;
mod workbook;

// Why a file could not be read, for the command line's sentences that say it too.
#[cfg(feature = "cli")]
pub(crate) use file::io_cause;

use crate::base::diag::{CellProblem, Diagnostic, Diagnostics, Problem};
use crate::base::lang::Lang;

/// A diagnostic as a person reads it, one line:
/// `file:line:column: field: what is wrong and what was expected`.
///
/// ```
/// use cfc::Lang;
/// use cfc::diag::{Diagnostic, FieldPath, ValueKind, ValueProblem};
/// use cfc::words::problems::diagnostic;
/// let d = Diagnostic::new(
///     "son-bao.toml",
///     (12, 3),
///     FieldPath::from("period.start"),
///     ValueProblem::Missing { expected: ValueKind::Date },
/// );
/// assert_eq!(
///     diagnostic(&d, Lang::En),
///     "son-bao.toml:12:3: period.start: missing: expected a date YYYY-MM-DD"
/// );
/// assert_eq!(
///     diagnostic(&d, Lang::Vi),
///     "son-bao.toml:12:3: period.start: thiếu trường này: cần một ngày dạng YYYY-MM-DD"
/// );
/// ```
pub fn diagnostic(d: &Diagnostic, lang: Lang) -> String {
    let mut place = format!("{}:{}:{}", d.file.display(), d.line, d.column);
    // A warning of the analysis says so where a compiler's would: before the field.
    if d.problem.severity() == crate::base::diag::Severity::Warning {
        place += lang.pick(": cảnh báo", ": warning");
    }
    if d.field.is_whole_file() {
        format!("{place}: {}", problem(&d.problem, lang))
    } else {
        format!("{place}: {}: {}", d.field, problem(&d.problem, lang))
    }
}

/// Every diagnostic of a list, one per line.
pub fn diagnostics(list: &Diagnostics, lang: Lang) -> String {
    list.0
        .iter()
        .map(|d| diagnostic(d, lang))
        .collect::<Vec<_>>()
        .join("\n")
}

/// What is wrong and what was expected, without the place.
pub fn problem(p: &Problem, lang: Lang) -> String {
    match p {
        Problem::File(p) => file::file(p, lang),
        Problem::Value(p) => file::value(p, lang),
        Problem::Rules(p) => rules::render(p, lang),
        Problem::Evidence(p) => evidence::render(p, lang),
        Problem::Round(p) => round::render(p, lang),
        Problem::Workbook(p) => workbook::render(p, lang),
    }
}

/// A problem of a workbook as a clerk reads it, one line:
/// `file.xlsx › sheet › cell: field: what is wrong and what was expected`.
pub fn cell(p: &CellProblem, lang: Lang) -> String {
    let mut out = p.file.clone();
    for part in [&p.sheet, &p.cell].into_iter().flatten() {
        out += " › ";
        out += part;
    }
    if !p.field.is_whole_file() {
        out += &format!(": {}", p.field);
    }
    format!("{out}: {}", problem(&p.problem, lang))
}
