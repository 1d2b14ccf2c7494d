//! `cfc dossier`: one unit's PDF dossier.

use std::path::Path;

use crate::Lang;
use crate::output::write_atomic;
use crate::render::dossier::{self, Context};
use crate::words::dossier as words;

use super::common::{Open, Status, one_unit, warn};

/// Writes the dossier of unit `code` of the round in `dir` to `out` (by default
/// `<code>-<slug>.pdf` in the working folder), in `lang`; its messages are in `lang` too.
pub(crate) fn run(dir: &Path, code: &str, out: Option<&Path>, open: Open, lang: Lang) -> Status {
    let (round, _, result) = match one_unit(dir, code, open, lang) {
        Ok(found) => found,
        Err(status) => return status,
    };
    let ctx = Context {
        settings: &round.settings,
        criteria: round.evaluator.criteria(),
        policy: round.evaluator.policy(),
        lang,
    };
    let rendered = match dossier::dossier(&result, &ctx) {
        Ok(r) => r,
        Err(e) => {
            warn(&words::cannot_render(code, &e.words(lang), lang));
            return Status::RuleErrors;
        }
    };
    let file = out.map_or_else(
        || Path::new(&dossier::file_name(&result)).to_path_buf(),
        Path::to_path_buf,
    );
    if let Err(e) = write_atomic(&file, &rendered.bytes) {
        warn(&words::cannot_write(
            &file.display().to_string(),
            &crate::words::errors::io(&e, lang),
            lang,
        ));
        return Status::RuleErrors;
    }
    warn(&words::wrote(
        &file.display().to_string(),
        rendered.model.pages.len(),
        lang,
    ));
    Status::Ok
}
