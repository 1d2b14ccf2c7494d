//! `cfc import`: filled workbooks to evidence files, through [`crate::xlsx::intake`] (the same
//! steps as the import page of `cfc serve`); this edge reads the files, finds the criteria
//! set, and says what happened in the reader's language.

use std::path::{Path, PathBuf};

use crate::diag::RuleFile;
use crate::rules::shipped::RuleRef;
use crate::words::web::{self as w, Door};
use crate::xlsx::intake::{self, IntakeOptions, Outcome};
use crate::{CriteriaSet, Lang, Round};

use super::common::{Status, report_problems};

/// Why `path` may not be written (it exists and `force` does not say to replace it, or it is
/// a folder), in English as `cfc template`'s other refusals are.
pub(crate) fn overwrite_refused(path: &Path, force: bool, lang: Lang) -> Option<String> {
    let dir = path.parent().unwrap_or(Path::new(""));
    let file = path.file_name()?.to_string_lossy();
    intake::overwrite_refusal(dir, &file, force).map(|r| r.words(dir, Door::Cli, lang))
}

pub(crate) fn run(
    files: &[PathBuf],
    out: &Path,
    criteria: Option<&Path>,
    year: Option<u16>,
    round_toml: bool,
    force: bool,
    lang: Lang,
) -> Status {
    let settings = if out.join("round.toml").is_file() {
        match Round::settings(out) {
            Ok(s) => Some(s),
            Err(e) => {
                report_problems(&e.diagnostics(), lang);
                return Status::RuleErrors;
            }
        }
    } else {
        None
    };
    let criteria_arg_absent = criteria.is_none();
    let set = match (criteria, &settings) {
        (Some(c), _) => match super::common::load_criteria(c, lang) {
            Ok(set) => set,
            Err(status) => return status,
        },
        (None, Some(s)) => {
            let named = RuleRef::named(&s.criteria, out, RuleFile::Criteria);
            match CriteriaSet::open(&named) {
                Ok(set) => set,
                Err(e) => {
                    report_problems(&e.diagnostics(), lang);
                    return Status::RuleErrors;
                }
            }
        }
        (None, None) => {
            super::common::warn(&w::no_criteria(&out.display().to_string(), lang));
            return Status::RuleErrors;
        }
    };
    // The round's policy may add incident kinds its registers record.
    let policy = settings
        .as_ref()
        .filter(|_| criteria_arg_absent)
        .and_then(|s| s.policy.as_ref());
    let set = match policy
        .map(|p| crate::Policy::open(&RuleRef::named(p, out, RuleFile::Policy), &set))
    {
        None => set,
        Some(Ok(policy)) => set.extended_by(policy.incident_kinds()),
        Some(Err(e)) => {
            report_problems(&e.diagnostics(), lang);
            return Status::RuleErrors;
        }
    };
    let year = year.or(settings.as_ref().map(|s| s.year));
    let mut status = Status::Ok;

    let mut workbooks = Vec::new();
    for file in files {
        let name = file.display().to_string();
        match intake::read_workbook(file) {
            Ok(bytes) => workbooks.push((name, bytes)),
            Err(e) => {
                super::common::warn(&format!("{name}: {}", e.words(lang)));
                status = status.max(Status::InputErrors);
            }
        }
    }
    let options = IntakeOptions { round_toml, force };
    let done = intake::intake(out, &workbooks, &set, year, options);
    let dir = out.display().to_string();
    for book in &done.books {
        let name = &book.name;
        match &book.outcome {
            Outcome::Written(_) => {}
            Outcome::Invalid(e) => {
                for p in &e.0 {
                    super::common::warn(&crate::words::problems::cell(p, lang));
                }
                super::common::warn(&format!(
                    "{name}: {}",
                    w::not_imported(Some(e.0.len()), lang)
                ));
                status = status.max(Status::InputErrors);
            }
            Outcome::Refused(refused) => {
                for r in refused {
                    super::common::warn(&format!("{name}: {}", r.words(out, Door::Cli, lang)));
                }
                super::common::warn(&format!("{name}: {}", w::not_imported(None, lang)));
                status = status.max(Status::InputErrors);
            }
            Outcome::Failed(e) => {
                super::common::warn(&format!(
                    "{name}: {}",
                    w::not_written(&dir, &crate::words::errors::io(e, lang), lang)
                ));
                status = Status::RuleErrors;
            }
        }
    }
    if done.no_round_workbook {
        super::common::warn(w::no_round_workbook(lang));
        status = status.max(Status::InputErrors);
    }
    super::common::warn(&w::wrote_evidence(done.evidence_written(), &dir, lang));
    status
}
