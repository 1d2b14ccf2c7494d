//! `cfc dossier`: one unit's PDF dossier.

use std::path::Path;

use cfc::output::write_atomic;
use cfc::render::dossier::{self, Context};

use super::{Open, Status, one_unit, warn};

pub(crate) fn run(dir: &Path, code: &str, out: Option<&Path>, open: Open) -> Status {
    let (round, _, result) = match one_unit(dir, code, open, cfc::Lang::default()) {
        Ok(found) => found,
        Err(status) => return status,
    };
    let ctx = Context {
        settings: &round.settings,
        criteria: round.evaluator.criteria(),
        policy: round.evaluator.policy(),
    };
    let rendered = match dossier::dossier(&result, &ctx) {
        Ok(r) => r,
        Err(e) => {
            warn(&format!("unit {code}: cannot render the dossier: {e}"));
            return Status::RuleErrors;
        }
    };
    let file = out.map_or_else(
        || Path::new(&dossier::file_name(&result)).to_path_buf(),
        Path::to_path_buf,
    );
    if let Err(e) = write_atomic(&file, &rendered.bytes) {
        warn(&format!(
            "{}: cannot write the dossier: {e}",
            file.display()
        ));
        return Status::RuleErrors;
    }
    warn(&format!(
        "wrote {} ({} pages)",
        file.display(),
        rendered.model.pages.len()
    ));
    Status::Ok
}
