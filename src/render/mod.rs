//! Renderings of a round's results: JSON (the interchange format), CSV, a terminal table, and
//! the PDF layer the dossiers are drawn with.

mod csv;
pub mod pdf;
mod table;

pub use csv::csv;
pub use table::table;

use crate::report::RoundReport;

/// The results document as pretty JSON; decimals are strings, the same bytes every run.
pub fn json(report: &RoundReport) -> String {
    let mut s =
        serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
