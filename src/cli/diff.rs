//! `cfc diff`.

use std::path::Path;

use crate::Lang;

use super::common::{Format, Open, Status, print, warn};

pub(crate) fn run(old: &Path, new: &Path, format: Format, open: Open, lang: Lang) -> Status {
    let results = |path| {
        crate::diff::results(path, &open.options())
            .map_err(|e| crate::words::errors::results(&e, lang))
    };
    let (a, b) = match (results(old), results(new)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => {
            warn(&e);
            return Status::RuleErrors;
        }
    };
    let diff = crate::diff::diff(&a, &b);
    let text = match format {
        Format::Json => serde_json::to_string_pretty(&diff).unwrap_or_default() + "\n",
        _ => crate::words::audit::diff(&diff, lang),
    };
    print(&text, format == Format::Json, lang)
        .err()
        .unwrap_or(Status::Ok)
}
