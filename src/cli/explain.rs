//! `cfc explain`.

use std::path::Path;

use cfc::explain::explain;
use cfc::{Lang, Round};

use super::{Format, Status, report_round_error};

pub(crate) fn run(dir: &Path, code: &str, format: Format, lang: Lang) -> Status {
    let round = match Round::load(dir) {
        Ok(r) => r,
        Err(e) => {
            report_round_error(&e);
            return Status::RuleErrors;
        }
    };
    let Some(ev) = round.units.iter().find(|u| u.unit().code == code) else {
        eprintln!(
            "{}: no valid evidence for unit {code} in this round (its file is missing or has errors)",
            dir.display()
        );
        return Status::InputErrors;
    };
    let result = match round.evaluator.evaluate(ev) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("unit {code} could not be evaluated: {e}");
            return Status::RuleErrors;
        }
    };
    let explanation = explain(
        &result,
        round.evaluator.criteria(),
        round.evaluator.policy(),
        lang,
    );
    match format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&explanation).unwrap_or_default()
        ),
        _ => print!("{}", explanation.text(lang)),
    }
    Status::Ok
}
