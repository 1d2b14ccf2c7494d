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

pub use csv::{CSV_BOM, CsvRows, csv, csv_file};
pub use table::{Escapes, table, terminal_safe};
pub use template::evidence_template;

use rayon::prelude::*;

use crate::evaluate::document::LeanUnit;
use crate::evaluate::report::RoundReport;

pub use crate::evidence::slug;

/// The results document ([`crate::evaluate::document`], format 2), the same bytes every run:
/// the round, the rules and the errors pretty-printed, each unit on a line of its own.
///
/// ```
/// let round = cfc::Round::load("fixtures/son-ha-2024")?;
/// let report = cfc::RoundReport::new(&round, round.evaluate());
/// let json = cfc::render::json(&report);
/// assert!(json.starts_with("{\n  \"format_version\": 2,"));
/// let back: cfc::RoundReport = serde_json::from_str(&json)?;
/// assert_eq!((back.units, back.errors), (report.units, report.errors));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn json(report: &RoundReport) -> String {
    let mut out = Vec::with_capacity(64 * 1024 + 6 * 1024 * report.units.len());
    // Writing to memory cannot fail.
    let _ = write_json(report, &mut out);
    // serde_json writes only UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

/// Units serialised together, in parallel, before they are written: enough to keep both cores
/// busy, few enough that memory holds only this many units' JSON at a time.
const UNITS_AT_ONCE: usize = 512;

/// Writes the results document ([`json`]'s bytes) to `w` as it is made: the units are
/// serialised a batch at a time, in parallel, and written in order, so the whole document is
/// never held in memory.
pub fn write_json(report: &RoundReport, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut units = JsonUnits::begin(report, w)?;
    for batch in report.units.chunks(UNITS_AT_ONCE) {
        units.write(&report.rules, batch, w)?;
    }
    units.finish(report, w)
}

/// Evaluates a round and writes its results document to `w` as the units are evaluated, a
/// batch at a time, each batch written (from the calling thread) while the next is evaluated:
/// a unit's result is freed once its line is made, and no more than three batches' lines are
/// held, whatever the size of the round. The bytes are [`json`]'s of
/// `RoundReport::new(round, round.evaluate())`. Gives that document without its units (its
/// errors name the units whose evaluation failed) and how many units were evaluated.
pub fn evaluate_to_json(
    round: &crate::evaluate::round::Round,
    w: &mut dyn std::io::Write,
) -> std::io::Result<(RoundReport, usize)> {
    let head = RoundReport::without_units(round, round.errors.clone(), &[]);
    let mut units = JsonUnits::begin(&head, w)?;
    // Each unit's line is made, and its result freed, on the core that evaluated it.
    let (report, evaluated) =
        evaluate_in_batches(round, &|u| line(&u, &head.rules), &mut |lines| {
            units.write_lines(lines, w)
        })?;
    units.finish(&report, w)?;
    Ok((report, evaluated))
}

/// Evaluates a round and writes its CSV (without byte order mark) to `w` as the units are
/// evaluated, a batch at a time, as [`evaluate_to_json`] writes its document. The bytes are
/// [`csv`]'s of `RoundReport::new(round, round.evaluate())`; gives what
/// [`evaluate_to_json`] gives.
///
/// ```
/// let round = cfc::Round::load("fixtures/son-ha-2024")?;
/// let words = cfc::words::results::Vocabulary::of(&round);
/// let mut streamed = Vec::new();
/// let (_, evaluated) =
///     cfc::render::evaluate_to_csv(&round, &words, cfc::Lang::Vi, &mut streamed)?;
/// let report = cfc::RoundReport::new(&round, round.evaluate());
/// assert_eq!(evaluated, report.units.len());
/// assert_eq!(streamed, cfc::render::csv(&report, &words, cfc::Lang::Vi).into_bytes());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn evaluate_to_csv(
    round: &crate::evaluate::round::Round,
    words: &crate::words::results::Vocabulary,
    lang: crate::Lang,
    w: &mut dyn std::io::Write,
) -> std::io::Result<(RoundReport, usize)> {
    let head = RoundReport::without_units(round, round.errors.clone(), &[]);
    let rows = csv::CsvRows::begin(&head.round, words, lang);
    // The columns are the set's criteria, as every unit's result has them.
    let criteria = round.evaluator.criteria().criteria();
    let (mut text, mut headed) = (String::new(), false);
    // Each unit's line is made, and its result freed, on the core that evaluated it.
    let evaluated = evaluate_in_batches(
        round,
        &|u| {
            let mut line = String::with_capacity(512);
            rows.row(&u, &mut line);
            line
        },
        &mut |lines| {
            text.clear();
            if !headed && !lines.is_empty() {
                rows.header(criteria.iter().map(|c| c.id.as_str()), &mut text);
                headed = true;
            }
            lines.iter().for_each(|line| text.push_str(line));
            w.write_all(text.as_bytes())
        },
    )?;
    if !headed {
        text.clear();
        rows.header(std::iter::empty(), &mut text);
        w.write_all(text.as_bytes())?;
    }
    Ok(evaluated)
}

/// Evaluates the round's units in order, [`UNITS_AT_ONCE`] at a time on every core, each
/// unit's result turned by `render` into what is written, on the core that evaluated it; and
/// hands each batch, in order, to `write` on the calling thread while the next batch is being
/// evaluated. At most two batches are held beside the one being evaluated. Gives the document
/// without its units (its errors name the units whose evaluation failed) and how many units
/// were evaluated; stops at the first error of `write`.
///
/// Why a thread: evaluating a batch and writing the one before it overlap, so the writing
/// (and the freeing of what was written) no longer waits for the cores, nor they for it.
fn evaluate_in_batches<T: Send>(
    round: &crate::evaluate::round::Round,
    render: &(dyn Fn(crate::evaluate::decide::UnitResult) -> T + Sync),
    write: &mut dyn FnMut(Vec<T>) -> std::io::Result<()>,
) -> std::io::Result<(RoundReport, usize)> {
    type Failed = (String, crate::evaluate::evaluator::EvalError);
    let (mut failures, mut evaluated) = (Vec::<Failed>::new(), 0);
    let (batches, done) = std::sync::mpsc::sync_channel::<Vec<Result<T, Failed>>>(1);
    std::thread::scope(|scope| {
        // A system that cannot start one more thread gets its error, not a panic.
        std::thread::Builder::new().spawn_scoped(scope, move || {
            for batch in round.units.chunks(UNITS_AT_ONCE) {
                let results = batch
                    .par_iter()
                    .map(|ev| match round.evaluator.evaluate(ev) {
                        Ok(r) => Ok(render(r)),
                        Err(e) => Err((ev.unit().code.clone(), e)),
                    })
                    .collect();
                // The receiver is gone when writing failed: nothing more is wanted.
                if batches.send(results).is_err() {
                    break;
                }
            }
        })?;
        for results in done {
            let mut written = Vec::with_capacity(results.len());
            for r in results {
                match r {
                    Ok(t) => written.push(t),
                    Err(failed) => failures.push(failed),
                }
            }
            evaluated += written.len();
            write(written)?;
        }
        Ok::<(), std::io::Error>(())
    })?;
    let report = RoundReport::without_units(round, round.errors.clone(), &failures);
    Ok((report, evaluated))
}

/// Where a frame without units has them: its `"units": []`.
const EMPTY: &str = "\n  \"units\": [],";

/// A results document being written unit by unit: its head (round, rules) is written by
/// [`JsonUnits::begin`], then each batch of units in order, then its tail (errors, and the
/// records of an output folder) by [`JsonUnits::finish`].
pub struct JsonUnits {
    first: bool,
}

impl JsonUnits {
    /// Writes the head of `report`'s document: its round and rules (its units are those given
    /// to [`JsonUnits::write`]).
    pub fn begin(report: &RoundReport, w: &mut dyn std::io::Write) -> std::io::Result<Self> {
        let frame = pretty(&Frame::new(report), 0);
        let at = frame.find(EMPTY).unwrap_or(frame.len());
        w.write_all(&frame.as_bytes()[..at])?;
        w.write_all(b"\n  \"units\": [")?;
        Ok(JsonUnits { first: true })
    }

    /// Writes a batch of units, in order, after those already written, lean under `rules`
    /// (the report's, as given to [`JsonUnits::begin`]).
    pub fn write(
        &mut self,
        rules: &crate::evaluate::document::RulesSection,
        units: &[crate::evaluate::decide::UnitResult],
        w: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        let lines: Vec<Vec<u8>> = units.par_iter().map(|u| line(u, rules)).collect();
        self.write_lines(lines, w)
    }

    /// Writes the lines [`line`] made of a batch of units, in order, after those already
    /// written.
    fn write_lines(
        &mut self,
        lines: Vec<Vec<u8>>,
        w: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        for line in lines {
            if !self.first {
                w.write_all(b",")?;
            }
            self.first = false;
            w.write_all(&line)?;
        }
        Ok(())
    }

    /// Writes the tail: `report`'s errors, and the records of an output folder (dossiers,
    /// other outputs, settings).
    pub fn finish(self, report: &RoundReport, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        let frame = pretty(&Frame::new(report), 0);
        let tail = frame
            .find(EMPTY)
            .map_or("", |at| &frame[at + EMPTY.len()..]);
        w.write_all(if self.first { b"]," } else { b"\n  ]," })?;
        w.write_all(tail.as_bytes())?;
        w.write_all(b"\n")
    }
}

/// One unit of the document, lean under `rules`, on a line of its own.
fn line(
    unit: &crate::evaluate::decide::UnitResult,
    rules: &crate::evaluate::document::RulesSection,
) -> Vec<u8> {
    let mut line = Vec::with_capacity(6 * 1024);
    line.extend_from_slice(b"\n    ");
    // The types serialise infallibly (string keys only).
    let _ = serde_json::to_writer(&mut line, &LeanUnit::new(unit, rules));
    line
}

/// The document without its units, which are serialised apart; the fields and their order are
/// those [`RoundReport`] reads back.
#[derive(serde::Serialize)]
struct Frame<'a> {
    format_version: u32,
    round: &'a crate::evaluate::report::RoundInfo,
    rules: &'a crate::evaluate::document::RulesSection,
    units: [(); 0],
    errors: Vec<ErrorView<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<ErrorView<'a>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    dossiers: &'a [crate::evaluate::report::DossierRecord],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    outputs: &'a [crate::evaluate::report::OutputRecord],
    #[serde(skip_serializing_if = "Option::is_none")]
    settings: &'a Option<crate::rules::criteria::FileHash>,
}

impl<'a> Frame<'a> {
    fn new(report: &'a RoundReport) -> Self {
        Frame {
            format_version: crate::evaluate::document::FORMAT_VERSION,
            round: &report.round,
            rules: &report.rules,
            units: [],
            errors: words(&report.errors),
            warnings: words(&report.warnings),
            dossiers: &report.dossiers,
            outputs: &report.outputs,
            settings: &report.settings,
        }
    }
}

/// Located problems with their words, in English.
fn words(found: &[crate::base::diag::Diagnostic]) -> Vec<ErrorView<'_>> {
    found
        .iter()
        .map(|d| ErrorView::new(d, crate::Lang::En))
        .collect()
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
    fn the_document_reads_back_to_the_same_report_and_streams_the_same_bytes() {
        for dir in ["fixtures/son-ha-2024", "fixtures/invalid"] {
            let round = Round::load(dir).unwrap();
            let mut report = RoundReport::new(&round, round.evaluate());
            // The kinds a class allows are not written (evidence was checked against them).
            report.round.classes.iter_mut().for_each(|c| c.kinds = None);
            let text = json(&report);
            let back: RoundReport = serde_json::from_str(&text).unwrap();
            assert!(
                back == report,
                "{dir}: the document does not read back the same"
            );
            // Its own serialisation (without the errors' words) reads back the same too.
            let plain: RoundReport =
                serde_json::from_str(&serde_json::to_string(&report).unwrap()).unwrap();
            assert!(
                plain == report,
                "{dir}: its serialisation does not read back the same"
            );
            // Written in batches of one unit, the bytes are the same.
            let mut streamed = Vec::new();
            let mut units = JsonUnits::begin(&report, &mut streamed).unwrap();
            for u in report.units.chunks(1) {
                units.write(&report.rules, u, &mut streamed).unwrap();
            }
            units.finish(&report, &mut streamed).unwrap();
            assert_eq!(String::from_utf8(streamed).unwrap(), text, "{dir}");
            // Evaluated as it is written, the bytes are the same too.
            let mut evaluated = Vec::new();
            let (head, count) = evaluate_to_json(&round, &mut evaluated).unwrap();
            assert_eq!(String::from_utf8(evaluated).unwrap(), text, "{dir}");
            assert_eq!(
                (head.errors, count),
                (report.errors.clone(), report.units.len())
            );
        }
        let round = Round::load("fixtures/son-ha-2024").unwrap();
        let mut empty = RoundReport::new(&round, round.evaluate());
        empty.units.clear();
        empty.round.classes.iter_mut().for_each(|c| c.kinds = None);
        let text = json(&empty);
        assert!(text.contains("\n  \"units\": [],\n  \"errors\""), "{text}");
        assert!(serde_json::from_str::<RoundReport>(&text).unwrap() == empty);
    }
}
