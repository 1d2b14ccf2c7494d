//! `cfc template`.

use std::path::Path;

use crate::words::cli as words;

use super::common::{Status, report_problems, warn};

pub(crate) fn run(criteria: &Path, year: Option<u16>, lang: crate::Lang) -> Status {
    match super::common::load_criteria(criteria, lang) {
        Ok(set) => {
            let year = year.unwrap_or_else(current_year);
            match super::common::print(
                &crate::render::evidence_template(&set, year, lang),
                false,
                lang,
            ) {
                Ok(()) => Status::Ok,
                Err(status) => status,
            }
        }
        Err(status) => status,
    }
}

/// The current year, only to pre-fill a template's period.
fn current_year() -> u16 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    // 365.2425 days a year on average; exact enough to name the year.
    (1970 + secs / 31_556_952) as u16
}

/// `cfc template --xlsx`: the workbook, optionally pre-filled from a round.
#[expect(
    clippy::too_many_arguments,
    reason = "one per flag of `cfc template --xlsx`, each passed through from clap"
)]
pub(crate) fn run_xlsx(
    criteria: &Path,
    year: Option<u16>,
    out: &Path,
    round: bool,
    from: Option<(&Path, super::common::Open)>,
    unit: Option<&str>,
    force: bool,
    lang: crate::Lang,
) -> Status {
    use crate::xlsx::{Layout, Prefill, TemplateOptions};

    let set = match super::common::load_criteria(criteria, lang) {
        Ok(set) => set,
        Err(status) => return status,
    };
    // The round workbook names the set as a round folder would: a shipped set by its id.
    let criteria_path = match set.origin() {
        crate::rules::shipped::RuleRef::Shipped(s) => s.id.to_string(),
        _ => criteria.display().to_string(),
    };
    let mut status = Status::Ok;
    // A round's evaluator holds the set extended by its policy: its workbooks offer the
    // policy's incident kinds too.
    let mut vocabulary = None;
    let prefill = match from {
        None => Prefill::default(),
        Some((dir, open)) => match super::common::open_round(dir, open, lang) {
            Ok(r) if r.evaluator.criteria().id() != set.id() => {
                warn(&words::other_criteria(
                    &dir.display().to_string(),
                    r.evaluator.criteria().id(),
                    set.id(),
                    lang,
                ));
                return Status::RuleErrors;
            }
            Ok(r) => {
                if !r.errors.is_empty() {
                    report_problems(&r.errors, lang);
                    warn(words::left_out_of_workbooks(lang));
                    status = Status::InputErrors;
                }
                vocabulary = Some(r.evaluator.criteria().clone());
                Prefill {
                    settings: Some(r.settings),
                    units: r.units,
                }
            }
            Err(status) => return status,
        },
    };
    let year = year
        .or(prefill.settings.as_ref().map(|s| s.year))
        .unwrap_or_else(current_year);
    let opts = |layout, units: Vec<crate::Evidence>| TemplateOptions {
        layout,
        year,
        criteria_path: criteria_path.clone(),
        prefill: Prefill {
            settings: prefill.settings.clone(),
            units,
        },
    };
    // (file, options) for every workbook to write.
    let jobs: Vec<(std::path::PathBuf, TemplateOptions)> = if round {
        vec![(
            out.to_path_buf(),
            opts(Layout::Round, prefill.units.clone()),
        )]
    } else if let Some(code) = unit {
        match prefill.units.iter().find(|e| e.unit().code == code) {
            Some(ev) => vec![(out.to_path_buf(), opts(Layout::Unit, vec![ev.clone()]))],
            None => {
                warn(&words::no_such_unit(
                    &from.map_or(String::new(), |(d, _)| d.display().to_string()),
                    code,
                    lang,
                ));
                return Status::RuleErrors;
            }
        }
    } else if from.is_some() {
        let mut jobs = Vec::new();
        for ev in &prefill.units {
            let unit = ev.unit();
            match crate::xlsx::unit_file_name(&unit.code, &unit.name, "xlsx") {
                Some(name) => jobs.push((out.join(name), opts(Layout::Unit, vec![ev.clone()]))),
                None => {
                    warn(&words::code_not_a_file_name(false, &unit.code, lang));
                    return Status::RuleErrors;
                }
            }
        }
        jobs
    } else {
        vec![(out.to_path_buf(), opts(Layout::Unit, Vec::new()))]
    };
    // Every target checked and every workbook made before any is written.
    let mut refused: Vec<String> = jobs
        .iter()
        .filter_map(|(path, _)| super::import::overwrite_refused(path, force, lang))
        .collect();
    let mut targets = std::collections::BTreeSet::new();
    for (path, _) in &jobs {
        if !targets.insert(path) {
            refused.push(words::written_twice(&path.display().to_string(), lang));
        }
    }
    if !refused.is_empty() {
        for r in refused {
            warn(&r);
        }
        warn(words::no_workbook_written(lang));
        return Status::RuleErrors;
    }
    let set = vocabulary.unwrap_or(set);
    let mut books = Vec::new();
    for (path, opts) in &jobs {
        match crate::xlsx::template_in(&set, opts, lang) {
            Ok(bytes) => books.push((path.as_path(), bytes)),
            Err(e) => {
                warn(&words::workbook_failed(
                    &path.display().to_string(),
                    &e.to_string(),
                    lang,
                ));
                return Status::RuleErrors;
            }
        }
    }
    if from.is_some()
        && unit.is_none()
        && !round
        && let Err(e) = std::fs::create_dir_all(out)
    {
        warn(&words::cannot_create(
            &out.display().to_string(),
            &crate::words::errors::io(&e, lang),
            lang,
        ));
        return Status::RuleErrors;
    }
    let files: Vec<(&Path, &[u8])> = books.iter().map(|(p, b)| (*p, b.as_slice())).collect();
    if let Err(e) = crate::output::write_all_atomic(&files) {
        warn(&words::cannot_write_workbooks(
            &out.display().to_string(),
            &crate::words::errors::io(&e, lang),
            lang,
        ));
        return Status::RuleErrors;
    }
    for (path, _) in &books {
        warn(&words::wrote_file(&path.display().to_string(), lang));
    }
    status
}
