//! `cfc diff`.

use std::path::Path;

use cfc::Lang;

use super::{Format, Open, Status, print, warn};

pub(crate) fn run(old: &Path, new: &Path, format: Format, open: Open, lang: Lang) -> Status {
    let results = |path| {
        cfc::diff::results(path, &open.options()).map_err(|e| cfc::words::errors::results(&e, lang))
    };
    let (a, b) = match (results(old), results(new)) {
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
