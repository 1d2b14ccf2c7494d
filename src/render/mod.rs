//! Renderings of a round's results: JSON (the interchange format), CSV, a terminal table, and
//! the PDF layer the dossiers are drawn with.

mod csv;
#[cfg(feature = "pdf")]
pub mod dossier;
#[cfg(all(feature = "pdf", feature = "xlsx"))]
pub mod manifest;
#[cfg(all(feature = "pdf", feature = "xlsx"))]
pub mod output;
#[cfg(feature = "pdf")]
pub mod pdf;
mod table;
pub mod template;
#[cfg(all(feature = "pdf", feature = "xlsx"))]
mod unzip;
#[cfg(all(feature = "pdf", feature = "xlsx"))]
pub mod verify;

pub use csv::{CSV_BOM, csv, csv_file};
pub use table::{Escapes, table, terminal_safe};
pub use template::evidence_template;

use rayon::prelude::*;

use crate::evaluate::report::RoundReport;

pub use crate::evidence::slug;

/// The results document as pretty JSON; decimals are strings, the same bytes every run.
///
/// The units are nearly all of the document, so they are serialised in parallel, each already
/// indented for its place, and assembled once: the bytes are those of `to_string_pretty`.
pub fn json(report: &RoundReport) -> String {
    let frame = pretty(&Frame::new(report, &[]), 0);
    const EMPTY: &str = "\n  \"units\": [],";
    let at = match frame.find(EMPTY) {
        Some(at) if !report.units.is_empty() => at,
        _ => return frame + "\n",
    };
    let units: Vec<String> = report.units.par_iter().map(|u| pretty(u, 2)).collect();
    let (head, tail) = (&frame[..at], &frame[at + EMPTY.len()..]);
    let body: usize = units.iter().map(|u| u.len() + 2).sum();
    let mut out = String::with_capacity(head.len() + body + tail.len() + 32);
    out.push_str(head);
    out.push_str("\n  \"units\": [\n");
    for (i, u) in units.iter().enumerate() {
        if i > 0 {
            out.push_str(",\n");
        }
        out.push_str(u);
    }
    out.push_str("\n  ],");
    out.push_str(tail);
    out.push('\n');
    out
}

/// The document without its units, which are serialised apart; the fields and their order are
/// those of [`RoundReport`], which reads the document back.
#[derive(serde::Serialize)]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "serve", schema(as = RoundDocument))]
pub(crate) struct Frame<'a> {
    round: &'a crate::evaluate::report::RoundInfo,
    units: &'a [crate::evaluate::decide::UnitResult],
    errors: Vec<ErrorView<'a>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    dossiers: &'a [crate::evaluate::report::DossierRecord],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    outputs: &'a [crate::evaluate::report::OutputRecord],
    #[serde(skip_serializing_if = "Option::is_none")]
    settings: &'a Option<crate::rules::criteria::FileHash>,
}

impl<'a> Frame<'a> {
    fn new(report: &'a RoundReport, units: &'a [crate::evaluate::decide::UnitResult]) -> Self {
        Frame {
            round: &report.round,
            units,
            errors: report
                .errors
                .iter()
                .map(|d| ErrorView::new(d, crate::Lang::En))
                .collect(),
            dossiers: &report.dossiers,
            outputs: &report.outputs,
            settings: &report.settings,
        }
    }
}

/// A located problem in the results document: the typed problem for programs, and its words
/// (in English, the language of the document's other keys) for the people reading it. A
/// refusal of the HTTP API words it in the request's language.
#[derive(serde::Serialize)]
#[cfg_attr(feature = "serve", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "serve", schema(as = LocatedProblem))]
pub(crate) struct ErrorView<'a> {
    #[cfg_attr(feature = "serve", schema(value_type = String))]
    file: &'a std::path::Path,
    line: usize,
    column: usize,
    message: String,
    #[serde(skip_serializing_if = "crate::base::diag::FieldPath::is_whole_file")]
    field: &'a crate::base::diag::FieldPath,
    problem: &'a crate::base::diag::Problem,
}

impl<'a> ErrorView<'a> {
    pub(crate) fn new(d: &'a crate::base::diag::Diagnostic, lang: crate::Lang) -> Self {
        ErrorView {
            file: &d.file,
            line: d.line,
            column: d.column,
            message: crate::words::problems::problem(&d.problem, lang),
            field: &d.field,
            problem: &d.problem,
        }
    }
}

/// Pretty JSON of one part of the document, as serde_json's pretty printer writes it at
/// nesting `depth` (the first line indented too).
///
/// The types serialise infallibly (string keys only, no failing `Serialize`), so an error can
/// only be a bug: it is shown in the output rather than hidden.
fn pretty<T: serde::Serialize>(value: &T, depth: usize) -> String {
    // A unit's trace is about 20 KB: one allocation instead of a dozen doublings.
    let mut out = Vec::with_capacity(32 * 1024);
    out.resize(2 * depth, b' ');
    let formatter = Nested {
        depth,
        has_value: false,
    };
    let mut ser = serde_json::Serializer::with_formatter(&mut out, formatter);
    match value.serialize(&mut ser) {
        // serde_json writes only UTF-8, and the indent is ASCII.
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(e) => format!("{{\"error\": \"{e}\"}}"),
    }
}

/// serde_json's `PrettyFormatter` (two-space indent), starting at a given depth so that a value
/// comes out already indented for its place in the document.
struct Nested {
    depth: usize,
    has_value: bool,
}

impl Nested {
    fn newline<W: ?Sized + std::io::Write>(&self, w: &mut W, comma: bool) -> std::io::Result<()> {
        w.write_all(if comma { b",\n" } else { b"\n" })?;
        (0..self.depth).try_for_each(|_| w.write_all(b"  "))
    }

    fn open<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.newline(w, false)?;
        }
        w.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.newline(w, !first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.newline(w, !first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::round::Round;

    #[test]
    fn parallel_json_is_byte_identical_to_serde_pretty() {
        for dir in ["fixtures/son-ha-2024", "fixtures/invalid"] {
            let round = Round::load(dir).unwrap();
            let report = RoundReport::new(&round, round.evaluate());
            let mut expected =
                serde_json::to_string_pretty(&Frame::new(&report, &report.units)).unwrap();
            expected.push('\n');
            assert_eq!(json(&report), expected, "{dir}");
        }
        let round = Round::load("fixtures/son-ha-2024").unwrap();
        let mut empty = RoundReport::new(&round, round.evaluate());
        empty.units.clear();
        assert_eq!(
            json(&empty),
            serde_json::to_string_pretty(&Frame::new(&empty, &[])).unwrap() + "\n"
        );
    }
}
