//! `cfc diff`.

use std::path::Path;

use cfc::words::cli as words;
use cfc::{Lang, Round, RoundReport};

use super::{Format, Open, Status, print, warn};

/// Results from a `results.json`, a folder holding one, or a round folder (evaluated now).
fn results(path: &Path, open: Open, lang: Lang) -> Result<RoundReport, String> {
    let file = if path.is_dir() {
        path.join("results.json")
    } else {
        path.to_path_buf()
    };
    if file.is_file() {
        let text =
            std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        return serde_json::from_str(&text)
            .map_err(|e| words::not_results(&file.display().to_string(), &e.to_string(), lang));
    }
    let round =
        Round::load_with(path, &open.options()).map_err(|e| cfc::words::errors::round(&e, lang))?;
    Ok(RoundReport::new(&round, round.evaluate()))
}

pub(crate) fn run(old: &Path, new: &Path, format: Format, open: Open, lang: Lang) -> Status {
    let (a, b) = match (results(old, open, lang), results(new, open, lang)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => {
            warn(&e);
            return Status::RuleErrors;
        }
    };
    let diff = cfc::diff::diff(&a, &b);
    let text = match format {
        Format::Json => serde_json::to_string_pretty(&diff).unwrap_or_default() + "\n",
        _ => cfc::words::audit::diff(&diff, lang),
    };
    print(&text, format == Format::Json, lang)
        .err()
        .unwrap_or(Status::Ok)
}
