//! # cfc — the child-friendly commune evaluation engine
//!
//! Scores Vietnamese commune-level units against a criteria set (Decision 06, Quyết định số
//! 06/QĐ-TTg ngày 03/01/2019, ships with the engine), applies a local policy's disqualifiers,
//! and decides recognition with a trace of every point.
//!
//! Data flows through one folder per stage: [`form`] (the fields of the files a council fills
//! in) → [`rules`] (criteria sets and policies: load, validate, compile) → [`evidence`] (parse
//! and validate a unit's file) → [`evaluate`] (score with a trace, disqualify, decide: the
//! [`Evaluator`]; a whole folder: [`Round`]) → [`audit`] (explain, what-if, diff) → [`words`]
//! (every phrase, Vietnamese and English) → [`render`] (JSON, CSV, table, PDF dossiers, the
//! output folder and its verification), then the Excel forms, the server and the command
//! line. Each stage uses only those before it. [`Evaluator`] is the embedding entry point.
//!
//! ```
//! use cfc::{Round, RoundReport, render};
//!
//! let round = Round::load("fixtures/son-ha-2024")?;
//! let report = RoundReport::new(&round, round.evaluate());
//! assert_eq!(report.units.len(), 14);
//! assert!(report.round.notice.is_some()); // the fixture data is illustrative, and says so
//! let json = render::json(&report);
//! assert!(json.contains("\"criteria\": \"qd-06-2019\""));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! All arithmetic from evidence to decision is exact decimal (`rust_decimal`); no `f64`.
//!
//! ## The public surface
//!
//! The folders public here are the stages an embedder calls or whose data it reads; their
//! main types are also at the crate root, and the module paths of earlier versions
//! (`cfc::criteria`, `cfc::decide`, `cfc::verify`, …) are re-exported. The helpers behind them (dates, points, hashing,
//! printable-text checks, the roster of official units checked against a round, the scoring
//! loop) are private: their types that appear in results ([`Date`], [`Points`], [`Label`],
//! [`IndicatorScore`], …) are re-exported here, so that the helpers can change without
//! breaking an embedder. [`script`] stays public because it is the contract of the criteria
//! scripts (the sandbox and its limits, the exact fractions, the measures).

// Every public item is documented; an embedder reads the API on docs.rs-style pages.
#![warn(missing_docs)]
#![forbid(unsafe_code)]

// The stages, a folder each. In the order data flows — base, script, form, rules, evidence,
// evaluate, audit, words, xlsx, render, serve, cli — each uses only those before it
// (tests/it/layers.rs checks it; rustfmt sorts the declarations below by name).
pub mod audit;
mod base;
#[cfg(feature = "cli")]
pub mod cli;
pub mod evaluate;
pub mod evidence;
pub mod form;
pub mod render;
pub mod rules;
pub mod script;
#[cfg(feature = "serve")]
pub mod serve;
pub mod words;
#[cfg(feature = "xlsx")]
pub mod xlsx;

// The paths embedders have used since before the stages were folders.
pub use audit::{diff, explain, whatif};
pub use base::diag;
pub use evaluate::{decide, document, report, round};
#[cfg(all(feature = "pdf", feature = "xlsx"))]
pub use render::{output, verify};
pub use rules::{criteria, policy, units};

pub use base::date::{Date, DateError, Period};
pub use base::diag::{Diagnostic, Diagnostics};
pub use base::label::{Label, LabelList};
pub use base::lang::Lang;
pub use base::points::Points;
pub use evaluate::decide::{Failure, UnitResult};
pub use evaluate::evaluator::{EvalError, Evaluator};
pub use evaluate::report::RoundReport;
pub use evaluate::round::{Round, RoundError, RoundSettings};
pub use evaluate::score::{CriterionScore, IndicatorScore, Reading, Reads, ScoreError};
pub use evidence::Evidence;
pub use rules::criteria::CriteriaSet;
pub use rules::policy::Policy;

// The crate's one error type: every fallible function of the library returns an error that
// converts into `Error`, so an embedder propagates all of them with `?` and matches on the
// stage that failed. It sits here, at the top of the library, because it names every stage.
use base::diag::Diagnostics as FileProblems;
use evaluate::evaluator::MismatchError;
use rules::criteria::LoadError;

/// Any error of the library, by the stage that failed.
///
/// Each variant holds the stage's own error, whose problems are data (located [`Diagnostics`]
/// with typed problems, the unit and indicator that failed); their words come from
/// [`crate::words`] in the reader's language.
///
/// ```
/// fn total(code: &str) -> cfc::Result<String> {
///     let round = cfc::Round::load("fixtures/son-ha-2024")?;
///     let results = round.evaluate();
///     Ok(results.unit(code).map(|u| u.total.to_string()).unwrap_or_default())
/// }
/// assert_eq!(total("21211").unwrap(), "795");
/// assert!(matches!(
///     cfc::Round::load("no-such-round").map_err(cfc::Error::from),
///     Err(cfc::Error::Round(_))
/// ));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Files with located problems (evidence, a criteria set, a policy, `round.toml`).
    #[error(transparent)]
    Files(#[from] FileProblems),
    /// A criteria set or a policy could not be loaded.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// A round folder could not be opened.
    #[error(transparent)]
    Round(#[from] RoundError),
    /// A policy was compiled against another criteria set.
    #[error(transparent)]
    Mismatch(#[from] MismatchError),
    /// A unit could not be evaluated: a fault of the rules, not of its evidence.
    #[error(transparent)]
    Eval(#[from] EvalError),
    /// An output folder could not be written.
    #[cfg(all(feature = "pdf", feature = "xlsx"))]
    #[error(transparent)]
    Output(#[from] render::output::OutputError),
    /// A PDF could not be rendered.
    #[cfg(feature = "pdf")]
    #[error(transparent)]
    Pdf(#[from] render::pdf::PdfError),
    /// A workbook could not be written.
    #[cfg(feature = "xlsx")]
    #[error(transparent)]
    Xlsx(#[from] xlsx::XlsxError),
    /// A filled-in workbook holds problems; nothing of it was imported.
    #[cfg(feature = "xlsx")]
    #[error(transparent)]
    Import(#[from] xlsx::import::ImportError),
}

/// A result whose error is the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
