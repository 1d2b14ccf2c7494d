//! `cfc dossier`: one unit's PDF dossier.

use std::path::Path;

use cfc::render::dossier::{self, Context};
use cfc::{Round, output::write_atomic};

use super::{Status, report_problems, report_round_error};

pub(crate) fn run(dir: &Path, code: &str, out: Option<&Path>) -> Status {
    let round = match Round::load(dir) {
        Ok(r) => r,
        Err(e) => {
            report_round_error(&e);
            return Status::RuleErrors;
        }
    };
    let Some(ev) = round.units.iter().find(|u| u.unit().code == code) else {
        report_problems(&round.errors);
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
    let ctx = Context {
        settings: &round.settings,
        criteria: round.evaluator.criteria(),
        policy: round.evaluator.policy(),
    };
    let rendered = match dossier::dossier(&result, &ctx) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("unit {code}: cannot render the dossier: {e}");
            return Status::RuleErrors;
        }
    };
    let file = out.map_or_else(
        || Path::new(&dossier::file_name(&result)).to_path_buf(),
        Path::to_path_buf,
    );
    if let Err(e) = write_atomic(&file, &rendered.bytes) {
        eprintln!("{}: cannot write the dossier: {e}", file.display());
        return Status::RuleErrors;
    }
    eprintln!(
        "wrote {} ({} pages)",
        file.display(),
        rendered.model.pages.len()
    );
    Status::Ok
}
