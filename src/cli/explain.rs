//! `cfc explain`.

use std::path::Path;

use crate::Lang;
use crate::explain::explain;
use crate::words::explain as words;

use super::common::{Format, Open, Status, one_unit, print};

pub(crate) fn run(dir: &Path, code: &str, format: Format, lang: Lang, open: Open) -> Status {
    let (round, _, result) = match one_unit(dir, code, open, lang) {
        Ok(found) => found,
        Err(status) => return status,
    };
    let (set, policy) = (round.evaluator.criteria(), round.evaluator.policy());
    let explanation = explain(&result, set, policy, lang);
    let text = match format {
        Format::Json => words::json(&explanation, set, policy),
        _ => words::text(&explanation, set, policy),
    };
    print(&text, format == Format::Json, lang)
        .err()
        .unwrap_or(Status::Ok)
}
