//! Located problems: every error a person must act on names its file, line and column.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// One problem found in an input file, printed as `file:line:column: message`.
///
/// Lines and columns count from 1; a column counts characters, not bytes, so that it
/// points at the right letter in Vietnamese text.
///
/// ```
/// use cfc::Diagnostic;
/// let d = Diagnostic::new("son-bao.toml", 12, 3, "expected a whole number ≥ 0, found \"12\"");
/// assert_eq!(d.to_string(), "son-bao.toml:12:3: expected a whole number ≥ 0, found \"12\"");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Diagnostic {
    /// The file, as the user named it (or as found in the round folder).
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong and what was expected, in plain words.
    pub message: String,
}

impl Diagnostic {
    /// A problem at a known position.
    pub fn new(
        file: impl Into<PathBuf>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            file: file.into(),
            line,
            column,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

/// A list of diagnostics shown one per line; the error type of everything that reads files.
#[derive(Clone, Debug, Default, PartialEq, Eq, thiserror::Error)]
#[error("{}", join_lines(.0))]
pub struct Diagnostics(pub Vec<Diagnostic>);

fn join_lines(list: &[Diagnostic]) -> String {
    list.iter()
        .map(Diagnostic::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

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
    line_starts: Vec<usize>,
}

impl<'a> Source<'a> {
    pub(crate) fn new(path: &'a Path, text: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Source {
            path,
            text,
            line_starts,
        }
    }

    pub(crate) fn path(&self) -> &'a Path {
        self.path
    }

    /// 1-based (line, column) of a byte offset.
    pub(crate) fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, column + 1)
    }

    pub(crate) fn at(&self, span: &Range<usize>, message: impl Into<String>) -> Diagnostic {
        let (line, column) = self.position(span.start);
        Diagnostic::new(self.path, line, column, message)
    }

    /// The 1-based line of a byte offset, for messages that point at another field.
    pub(crate) fn line_of(&self, span: &Range<usize>) -> usize {
        self.position(span.start).0
    }
}

/// A diagnostic for a whole file (it could not be read, or has no position).
pub(crate) fn whole_file(path: &Path, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(path, 1, 1, message)
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
    fn display_is_file_line_column_message() {
        let d = Diagnostics(vec![
            Diagnostic::new("b.toml", 2, 1, "two"),
            Diagnostic::new("a.toml", 9, 4, "one"),
        ])
        .sorted();
        assert_eq!(d.to_string(), "a.toml:9:4: one\nb.toml:2:1: two");
    }
}
