//! The crate's one error type: every fallible function of the library returns an error that
//! converts into [`Error`], so an embedder propagates all of them with `?` and matches on the
//! stage that failed.

use crate::criteria::LoadError;
use crate::diag::Diagnostics;
use crate::evaluate::{EvalError, MismatchError};
use crate::round::RoundError;

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
    Files(#[from] Diagnostics),
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
    Output(#[from] crate::output::OutputError),
    /// A PDF could not be rendered.
    #[cfg(feature = "pdf")]
    #[error(transparent)]
    Pdf(#[from] crate::render::pdf::PdfError),
    /// A workbook could not be written.
    #[cfg(feature = "xlsx")]
    #[error(transparent)]
    Xlsx(#[from] crate::xlsx::XlsxError),
    /// A filled-in workbook holds problems; nothing of it was imported.
    #[cfg(feature = "xlsx")]
    #[error(transparent)]
    Import(#[from] crate::xlsx::import::ImportError),
}

/// A result whose error is the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
