//! `cfc check`.

use std::fmt::Write;
use std::path::Path;

use crate::diag::RuleFile;
use crate::words::cli as words;
use crate::{CriteriaSet, Lang, Policy};

use super::common::{Open, Status, open_round, print, report_problems, warn};

/// What the set and policy hold, as lines of text.
fn describe(set: &CriteriaSet, policy: Option<&Policy>, lang: Lang) -> String {
    let mut out = String::new();
    let indicators = set.indicators().count();
    let _ = writeln!(
        out,
        "{}",
        words::set_summary(
            set.id(),
            set.title().get(lang),
            (set.criteria().len(), indicators, set.inputs().len()),
            set.max_points(),
            lang
        )
    );
    let classes: Vec<(String, crate::Points)> = set
        .classes()
        .iter()
        .map(|c| (c.label.get(lang).to_string(), c.threshold))
        .collect();
    let _ = writeln!(out, "{}", words::thresholds(&classes, lang));
    if let Some(p) = policy {
        let titles: Vec<String> = p
            .disqualifiers()
            .iter()
            .map(|d| d.title.get(lang).to_string())
            .collect();
        let _ = writeln!(
            out,
            "{}",
            words::policy_summary(p.title().get(lang), &titles, lang)
        );
    }
    let provisional = set.provisional_rules();
    if !provisional.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            words::provisional(&provisional, indicators, lang)
        );
    }
    out
}

/// The line that counts the warnings of the analysis (said on standard error when the rules
/// were opened); `Some(status)` when `--deny-warnings` makes them errors.
fn warnings(
    found: &[crate::Diagnostic],
    deny: bool,
    text: &mut String,
    lang: Lang,
) -> Option<Status> {
    if found.is_empty() {
        return None;
    }
    let _ = writeln!(text, "{}", words::check_warnings(found.len(), deny, lang));
    deny.then_some(Status::RuleErrors)
}

pub(crate) fn run(
    round: Option<&Path>,
    (criteria, policy): (Option<&Path>, Option<&Path>),
    open: Open,
    deny_warnings: bool,
    lang: Lang,
) -> Status {
    if let Some(path) = criteria {
        let loaded = super::common::load_criteria(path, lang).and_then(|set| {
            let policy = policy
                .map(|p| super::common::load_policy(p, &set, lang))
                .transpose()?;
            Ok((set, policy))
        });
        return match loaded {
            Ok((set, policy)) => {
                let mut text = describe(&set, policy.as_ref(), lang);
                let found = crate::rules::analysis::warnings(&set, policy.as_ref());
                report_problems(&found, lang);
                let denied = warnings(&found, deny_warnings, &mut text, lang);
                if denied.is_none() {
                    text += words::check_ok(lang);
                    text += "\n";
                }
                print(&text, false, lang)
                    .err()
                    .or(denied)
                    .unwrap_or(Status::Ok)
            }
            Err(status) => status,
        };
    }
    let Some(dir) = round else {
        return Status::RuleErrors;
    };
    match open_round(dir, open, lang) {
        Err(status) => status,
        Ok(round) => {
            warn_leaving(&round, lang);
            let mut text = describe(round.evaluator.criteria(), round.evaluator.policy(), lang);
            report_problems(&round.errors, lang);
            let mut bad: Vec<_> = round.errors.iter().map(|e| &e.file).collect();
            bad.dedup();
            let _ = writeln!(
                text,
                "{}",
                words::check_round(round.units.len(), bad.len(), round.errors.len(), lang)
            );
            let denied = warnings(&round.warnings, deny_warnings, &mut text, lang);
            if let Err(status) = print(&text, false, lang) {
                status
            } else if let Some(status) = denied {
                status
            } else if round.errors.is_empty() {
                Status::Ok
            } else {
                Status::InputErrors
            }
        }
    }
}

/// A warning for each rule file of the round that lies outside its folder: the round opens
/// here, but a copy of the folder alone will not. Not an error: the council may keep its rules
/// beside its rounds on purpose.
fn warn_leaving(round: &crate::Round, lang: Lang) {
    let abs =
        |p: &Path| crate::round::tidy_path(&std::path::absolute(p).unwrap_or(p.to_path_buf()));
    let dir = abs(&round.dir);
    let settings = round.dir.join("round.toml").display().to_string();
    let rules = [
        (
            RuleFile::Criteria,
            Some(&round.settings.criteria),
            round.evaluator.criteria().files(),
        ),
        (
            RuleFile::Policy,
            round.settings.policy.as_ref(),
            round.evaluator.policy().map_or(&[][..], |p| p.files()),
        ),
    ];
    for (rule, written, files) in rules {
        let Some(written) = written else { continue };
        let outside = files
            .iter()
            .filter(|f| !f.path.starts_with(crate::rules::shipped::PREFIX))
            .map(|f| abs(Path::new(&f.path)))
            .find(|f| !f.starts_with(&dir));
        if let Some(file) = outside {
            warn(&words::leaves_folder(
                &settings,
                rule,
                &written.display().to_string(),
                &file.display().to_string(),
                lang,
            ));
        }
    }
}
