//! `cfc whatif`.

use std::path::Path;

use crate::Lang;
use crate::whatif::whatif;
use crate::words::{audit, cli as words};

use super::common::{Format, Open, Status, one_unit, print, warn};

pub(crate) fn run(dir: &Path, code: &str, format: Format, open: Open, lang: Lang) -> Status {
    let (round, index, result) = match one_unit(dir, code, open, lang) {
        Ok(found) => found,
        Err(status) => return status,
    };
    let answer = match whatif(&round.evaluator, &round.units[index]) {
        Ok(a) => a,
        Err(e) => {
            warn(&words::not_evaluated(
                code,
                &crate::words::errors::eval(&e, lang),
                lang,
            ));
            return Status::RuleErrors;
        }
    };
    let json = format == Format::Json;
    let text = if json {
        serde_json::to_string_pretty(&answer).unwrap_or_default() + "\n"
    } else {
        let (set, policy) = (round.evaluator.criteria(), round.evaluator.policy());
        audit::whatif(&answer, &result, set, policy, lang)
    };
    print(&text, json, lang).err().unwrap_or(Status::Ok)
}
