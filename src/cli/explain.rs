//! `cfc explain`.

use std::path::Path;

use cfc::Lang;
use cfc::explain::explain;

use super::{Format, Open, Status, one_unit, print};

pub(crate) fn run(dir: &Path, code: &str, format: Format, lang: Lang, open: Open) -> Status {
    let (round, _, result) = match one_unit(dir, code, open) {
        Ok(found) => found,
        Err(status) => return status,
    };
    let explanation = explain(
        &result,
        round.evaluator.criteria(),
        round.evaluator.policy(),
        lang,
    );
    let text = match format {
        Format::Json => serde_json::to_string_pretty(&explanation).unwrap_or_default() + "\n",
        _ => explanation.text(lang),
    };
    print(&text, format == Format::Json)
        .err()
        .unwrap_or(Status::Ok)
}
