//! A problem and where it is: a file's line and column with the field at fault
//! ([`Diagnostic`]), or a workbook's sheet and cell ([`CellProblem`]); the problem itself is
//! typed, by family ([`Problem`]).

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::evidence::EvidenceProblem;
use super::file::{FileProblem, ValueProblem};
use super::round::RoundProblem;
use super::rules::{RulesProblem, ScriptFileProblem, Severity};
use super::workbook::WorkbookProblem;

/// One problem found in an input file: where it is, which field, and what is wrong, as data.
///
/// Lines and columns count from 1; a column counts characters, not bytes, so that it
/// points at the right letter in Vietnamese text. The problem is typed, with the values
/// involved; it becomes words only at the edge, in the reader's language
/// ([`words::problems`](crate::words::problems)), so that a program (the Excel importer, a
/// web page) can act on the field path and the kind without reading a sentence.
///
/// ```
/// use cfc::diag::{Diagnostic, FieldPath, Problem, ValueKind, ValueProblem};
/// let d = Diagnostic::new(
///     "son-bao.toml",
///     (12, 3),
///     FieldPath::from("inputs.tre_em_duoi_6"),
///     ValueProblem::WrongType { expected: ValueKind::WholeNumber, found: "\"12\"".into() },
/// );
/// assert_eq!(d.field.as_str(), "inputs.tre_em_duoi_6");
/// assert!(matches!(d.problem, Problem::Value(ValueProblem::WrongType { .. })));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Diagnostic {
    /// The file, as the user named it (or as found in the round folder).
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The field at fault, `unit.code` or `incidents[2].date`; empty for the whole file.
    #[serde(default, skip_serializing_if = "FieldPath::is_whole_file")]
    pub field: FieldPath,
    /// What is wrong, with the values involved.
    pub problem: Problem,
}

impl Diagnostic {
    /// A problem at a known (line, column) of a field.
    pub fn new(
        file: impl Into<PathBuf>,
        (line, column): (usize, usize),
        field: FieldPath,
        problem: impl Into<Problem>,
    ) -> Self {
        Diagnostic {
            file: file.into(),
            line,
            column,
            field,
            problem: problem.into(),
        }
    }
}

/// The path of a field inside a file, as the file's own keys spell it: `unit.code`,
/// `inputs.tre_em_duoi_6`, `incidents[2].date` (indexes count from 0, in file order),
/// `criteria[0].indicators[1].script`. Empty for a problem of the whole file.
///
/// The Excel importer maps a problem to its cell through this path, never through words.
///
/// ```
/// use cfc::diag::FieldPath;
/// let p = FieldPath::from("incidents").index(2).key("date");
/// assert_eq!(p.as_str(), "incidents[2].date");
/// assert!(FieldPath::whole_file().is_whole_file());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub struct FieldPath(String);

impl FieldPath {
    /// The whole file: no field.
    pub fn whole_file() -> FieldPath {
        FieldPath(String::new())
    }

    /// This path followed by a key.
    #[must_use]
    pub fn key(&self, key: &str) -> FieldPath {
        if self.0.is_empty() {
            FieldPath(key.to_string())
        } else {
            FieldPath(format!("{}.{key}", self.0))
        }
    }

    /// This path followed by an index into an array.
    #[must_use]
    pub fn index(&self, i: usize) -> FieldPath {
        FieldPath(format!("{}[{i}]", self.0))
    }

    /// The dotted text of the path.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the problem is about the whole file rather than one field.
    pub fn is_whole_file(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<&str> for FieldPath {
    fn from(path: &str) -> FieldPath {
        FieldPath(path.to_string())
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What is wrong, as data: the families of problems, each an enum with the values involved.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "family", content = "problem", rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
pub enum Problem {
    /// The file itself: unreadable, too large, not text, not TOML.
    File(FileProblem),
    /// A value of the wrong shape, in any file: missing, unknown, wrong type, out of range.
    Value(ValueProblem),
    /// A criteria set, a policy or a script.
    Rules(RulesProblem),
    /// A unit's evidence file.
    Evidence(EvidenceProblem),
    /// A round folder: `round.toml`, the official list of units.
    Round(RoundProblem),
    /// A filled-in Excel form.
    Workbook(WorkbookProblem),
}

impl Problem {
    /// An error (the file cannot be used as it is) or a warning (the analysis of the rules
    /// found something that may be meant: `cfc check` says it, `--deny-warnings` refuses it).
    pub fn severity(&self) -> Severity {
        match self {
            Problem::Rules(p) => p.severity(),
            Problem::Round(p) => p.severity(),
            _ => Severity::Error,
        }
    }
}

macro_rules! family {
    ($($family:ident($ty:ty)),*) => {$(
        impl From<$ty> for Problem {
            fn from(p: $ty) -> Problem {
                Problem::$family(p)
            }
        }
    )*};
}
family!(
    File(FileProblem),
    Value(ValueProblem),
    Rules(RulesProblem),
    Evidence(EvidenceProblem),
    Round(RoundProblem),
    Workbook(WorkbookProblem)
);

/// A problem of a workbook, located as a clerk finds it: `file.xlsx › sheet › cell`.
///
/// The problem is either the importer's own ([`WorkbookProblem`]: a cell of the wrong type, a
/// missing sheet) or the evidence's, mapped to the cell its field came from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CellProblem {
    /// The workbook, as named by the user.
    pub file: String,
    /// The sheet, when known.
    pub sheet: Option<String>,
    /// The cell (`D14`), when known.
    pub cell: Option<String>,
    /// The evidence field the cell holds, empty when the problem is not about one field.
    pub field: FieldPath,
    /// What is wrong.
    pub problem: Problem,
}

/// The English of a developer's log: `file.xlsx › sheet › cell: field: ` and the problem as
/// its data (a clerk's words are `words::problems::cell`).
impl fmt::Display for CellProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        for part in [&self.sheet, &self.cell].into_iter().flatten() {
            write!(f, " › {part}")?;
        }
        if !self.field.is_whole_file() {
            write!(f, ": {}", self.field)?;
        }
        write!(
            f,
            ": {}",
            serde_json::to_string(&self.problem).map_err(|_| fmt::Error)?
        )
    }
}

impl CellProblem {
    /// A problem at a sheet and cell of a workbook.
    pub fn new(
        file: impl Into<String>,
        (sheet, cell): (Option<String>, Option<String>),
        field: FieldPath,
        problem: impl Into<Problem>,
    ) -> Self {
        CellProblem {
            file: file.into(),
            sheet,
            cell,
            field,
            problem: problem.into(),
        }
    }
}

impl From<ScriptFileProblem> for Problem {
    fn from(p: ScriptFileProblem) -> Problem {
        match p {
            ScriptFileProblem::File(p) => Problem::File(p),
            ScriptFileProblem::NotRegularFile => Problem::Rules(RulesProblem::NotRegularFile),
        }
    }
}

/// A list of diagnostics shown one per line; the error type of everything that reads files.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

/// The English of a developer's log: where, the field, and the problem as its data (a
/// reader's words, in their language, are `words::problems`).
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file.display(), self.line, self.column)?;
        if !self.field.is_whole_file() {
            write!(f, "{}: ", self.field)?;
        }
        f.write_str(&serde_json::to_string(&self.problem).map_err(|_| fmt::Error)?)
    }
}

/// One diagnostic a line, as [`Diagnostic`]'s `Display`.
impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

impl Diagnostics {
    /// Sorted by file, line, column so that reports are stable.
    pub fn sorted(mut self) -> Self {
        self.0.sort();
        self.0.dedup();
        self
    }
}

/// Turns byte offsets of one source text into diagnostics at line:column.
#[derive(Debug)]
pub(crate) struct Source<'a> {
    path: &'a Path,
    text: &'a str,
    /// Where each line starts, made when a second position is asked: a valid evidence file is
    /// asked one (its unit's code, near the top), which a scan up to it answers for less than
    /// a table of every line would cost.
    line_starts: std::cell::OnceCell<Vec<usize>>,
    asked: std::cell::Cell<bool>,
}

impl<'a> Source<'a> {
    pub(crate) fn new(path: &'a Path, text: &'a str) -> Self {
        Source {
            path,
            text,
            line_starts: std::cell::OnceCell::new(),
            asked: std::cell::Cell::new(false),
        }
    }

    /// 1-based (line, column) of a byte offset.
    pub(crate) fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let (line, start) = if self.line_starts.get().is_none() && !self.asked.replace(true) {
            let before = &self.text.as_bytes()[..offset];
            let line = before.iter().filter(|&&b| b == b'\n').count();
            let start = before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            (line, start)
        } else {
            let starts = self.line_starts.get_or_init(|| {
                std::iter::once(0)
                    .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                    .collect()
            });
            let line = starts.partition_point(|&s| s <= offset) - 1;
            (line, starts[line])
        };
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, column + 1)
    }

    /// A problem of `field`, at the start of `span`.
    pub(crate) fn problem(
        &self,
        span: &Range<usize>,
        field: FieldPath,
        problem: impl Into<Problem>,
    ) -> Diagnostic {
        Diagnostic::new(self.path, self.position(span.start), field, problem)
    }

    /// The 1-based line of a byte offset, for messages that point at another field.
    pub(crate) fn line_of(&self, span: &Range<usize>) -> usize {
        self.position(span.start).0
    }
}

/// A diagnostic for a whole file (it could not be read, or has no position).
pub(crate) fn whole_file(path: &Path, problem: impl Into<Problem>) -> Diagnostic {
    Diagnostic::new(path, (1, 1), FieldPath::whole_file(), problem)
}

/// The closest known name, to suggest for a typo.
pub(crate) fn closest<'n>(name: &str, known: impl Iterator<Item = &'n str>) -> Option<&'n str> {
    fn distance(a: &str, b: &str) -> usize {
        let b: Vec<char> = b.chars().collect();
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.chars().enumerate() {
            let mut prev = row[0];
            row[0] = i + 1;
            for (j, cb) in b.iter().enumerate() {
                let cur = row[j + 1];
                row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
                prev = cur;
            }
        }
        row[b.len()]
    }
    known
        .map(|k| (distance(name, k), k))
        // One edit in three letters at most: `childen_total` → `children_total`, but never
        // `phone` → `code`, which would send the clerk the wrong way.
        .filter(|(d, k)| *d <= 1.max(k.chars().count() / 3))
        .min()
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "a = 1\nname = \"Sơn Thượng\" x\n";
        let src = Source::new(Path::new("f.toml"), text);
        let x = text.find(" x").unwrap() + 1;
        assert_eq!(src.position(0), (1, 1));
        assert_eq!(src.position(6), (2, 1));
        assert_eq!(src.position(x), (2, 21));
    }

    #[test]
    fn the_first_position_scanned_is_the_one_the_table_gives() {
        let text = "a = 1\n\nname = \"Sơn Thượng\"\r\nx = [\n  2,\n]";
        for offset in 0..=text.len() + 2 {
            let src = Source::new(Path::new("f.toml"), text);
            let scanned = src.position(offset);
            src.position(0);
            assert_eq!(src.position(offset), scanned, "offset {offset}");
        }
    }

    #[test]
    fn a_script_files_problem_reads_and_writes_as_the_problem_it_stands_for() {
        use super::super::rules::ScriptFileProblem;
        for p in [
            ScriptFileProblem::NotRegularFile,
            ScriptFileProblem::File(FileProblem::NotUtf8),
        ] {
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(
                json,
                serde_json::to_string(&Problem::from(p.clone())).unwrap()
            );
            assert_eq!(serde_json::from_str::<ScriptFileProblem>(&json).unwrap(), p);
        }
    }

    #[test]
    fn diagnostics_sort_by_file_line_column() {
        let at = |file: &str, line| {
            Diagnostic::new(
                file,
                (line, 1),
                FieldPath::whole_file(),
                FileProblem::NotUtf8,
            )
        };
        let d = Diagnostics(vec![at("b.toml", 2), at("a.toml", 9), at("a.toml", 9)]).sorted();
        assert_eq!(d.0, vec![at("a.toml", 9), at("b.toml", 2)]);
    }
}
