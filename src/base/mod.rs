//! The ground every stage stands on: the reader's language, dates and periods, points,
//! hashing, the rules' labels as traces hold them, located problems, printable text and the
//! glyphs a dossier can draw, file reading and writing, and the typed faults of rules at run
//! time. Nothing here knows a criteria set.

pub mod date;
pub mod diag;
pub mod fault;
// Without the output folder (`pdf` and `xlsx`), only the path tidying is used.
#[cfg_attr(not(all(feature = "pdf", feature = "xlsx")), allow(dead_code))]
pub mod fsio;
pub mod glyphs;
pub mod hash;
pub mod label;
pub mod lang;
pub mod points;
pub mod printable;

/// The value behind a lock, even if a thread panicked holding it: what cfc keeps behind locks
/// (a cache of finished streams, a failure slot) is never left half-written.
#[cfg_attr(not(feature = "pdf"), allow(dead_code))]
pub(crate) fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}
#[cfg(feature = "serve")]
pub(crate) mod schema;
