//! From validated evidence to a decision: scoring (run the scripts, keep the trace), the
//! disqualifiers, the decision with its reasons, the [`Evaluator`] that does all of it for one
//! unit, the [`round::Round`] folder that feeds it, the report of a round, and the what-if
//! probe that scores changed evidence quickly.

pub mod decide;
mod disqualify;
pub mod document;
pub mod evaluator;
pub(crate) mod probe;
pub mod report;
pub mod round;
mod rules_section;
pub(crate) mod score;

pub use evaluator::{EvalError, Evaluator, MismatchError};
