//! What a council or an inspector asks of results: why a unit got its result ([`explain`]),
//! the smallest change that would recognise it ([`whatif`]), what changed between two results
//! ([`diff`]), and what `cfc verify` finds in an output folder, as data (`findings`).

pub mod diff;
pub mod explain;
pub(crate) mod findings;
pub mod whatif;
