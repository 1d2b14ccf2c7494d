//! # cfc — the child-friendly commune evaluation engine
//!
//! Scores Vietnamese commune-level units against a criteria set (Decision 06/QĐ-TTg of 2019
//! ships with the engine), applies a local policy's disqualifiers, and decides recognition
//! with a trace of every point.
//!
//! Data flows through one module per stage: [`criteria`] (load, validate, compile the rules)
//! → [`evidence`] (parse and validate a unit's file) → scoring (run the scripts, trace:
//! [`IndicatorScore`]) → [`decide`] (thresholds, zero criteria, disqualifiers, reasons) → [`render`] (JSON, CSV,
//! table). [`Round`] reads a whole round folder; [`Evaluator`] is the embedding entry point.
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
//! The modules public here are the stages an embedder calls or whose data it reads; their
//! main types are also at the crate root. The helpers behind them (dates, points, hashing,
//! printable-text checks, the roster of official units checked against a round, the scoring
//! loop) are private: their types that appear in results ([`Date`], [`Points`],
//! [`IndicatorScore`], …) are re-exported here, so that the helpers can change without
//! breaking an embedder. [`script`] stays public because it is the contract of the criteria
//! scripts (the sandbox and its limits, the exact fractions, the measures).

// Every public item is documented; an embedder reads the API on docs.rs-style pages.
#![warn(missing_docs)]

pub mod criteria;
mod date;
pub mod decide;
pub mod diag;
pub mod diff;
mod error;
pub mod evaluate;
pub mod evidence;
pub mod explain;
mod fault;
mod findings;
// Without the output folder (`pdf` and `xlsx`), only the path tidying is used.
#[cfg_attr(not(all(feature = "pdf", feature = "xlsx")), allow(dead_code))]
mod fsio;
mod glyphs;
mod hash;
mod lang;
#[cfg(all(feature = "pdf", feature = "xlsx"))]
pub mod output;
mod points;
pub mod policy;
mod printable;
mod probe;
pub mod render;
pub mod report;
mod roster;
pub mod round;
mod score;
pub mod script;
#[cfg(feature = "serve")]
pub mod serve;
pub mod units;
#[cfg(all(feature = "pdf", feature = "xlsx"))]
pub mod verify;
pub mod whatif;
pub mod words;
#[cfg(feature = "xlsx")]
pub mod xlsx;

pub use criteria::CriteriaSet;
pub use date::{Date, DateError, Period};
pub use decide::{Failure, UnitResult};
pub use diag::{Diagnostic, Diagnostics};
pub use error::{Error, Result};
pub use evaluate::{EvalError, Evaluator};
pub use evidence::Evidence;
pub use lang::Lang;
pub use points::Points;
pub use policy::Policy;
pub use report::RoundReport;
pub use round::{Round, RoundError, RoundSettings};
pub use score::{CriterionScore, IndicatorScore, Reading, ScoreError};
