//! `cfc evaluate`.

use std::io::IsTerminal;
use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};

use crate::words::cli as words;
use crate::words::results::Vocabulary;
use crate::{Lang, RoundReport, render};

use super::common::{Format, Open, Status, open_round, print, print_with, report_problems, warn};

pub(crate) fn run(
    dir: &Path,
    format: Format,
    out: Option<&Path>,
    lang: Lang,
    open: Open,
) -> Status {
    let round = match open_round(dir, open, lang) {
        Ok(r) => r,
        Err(status) => return status,
    };
    // The document or the CSV alone is written as the units are evaluated: no round's results
    // are held.
    if matches!(format, Format::Json | Format::Csv) && out.is_none() {
        let vocabulary = Vocabulary::of(&round);
        let mut streamed = None;
        let printed = print_with(format == Format::Json, lang, &mut |w| {
            streamed = Some(if format == Format::Json {
                render::evaluate_to_json(&round, w)?
            } else {
                render::evaluate_to_csv(&round, &vocabulary, lang, w)?
            });
            Ok(())
        });
        let Some((report, evaluated)) = streamed else {
            return printed.err().unwrap_or(Status::Unprinted);
        };
        report_problems(&report.errors, lang);
        if let Err(status) = printed {
            return status;
        }
        return if evaluated < round.units.len() {
            Status::RuleErrors
        } else if report.errors.is_empty() {
            Status::Ok
        } else {
            Status::InputErrors
        };
    }
    let evaluated = round.evaluate();
    let script_failures = !evaluated.failures.is_empty();
    let mut report = RoundReport::new(&round, evaluated);
    report_problems(&report.errors, lang);
    // The folder is written before anything is printed, and whole: a closed standard output
    // can then never leave half of it.
    if let Some(out) = out {
        let bar = progress(report.units.len() as u64 + 1, lang);
        let tick = || {
            if let Some(b) = &bar {
                b.inc(1);
            }
        };
        let written = crate::output::write_round(&round, &mut report, out, lang, &tick);
        if let Some(b) = bar {
            b.finish_and_clear();
        }
        match written {
            Ok(w) => warn(&words::wrote_round(
                &out.display().to_string(),
                w.dossiers.saturating_sub(1),
                lang,
            )),
            Err(e) => {
                warn(&e.words(lang));
                return Status::RuleErrors;
            }
        }
    }
    let vocabulary = Vocabulary::of(&round);
    let printed = match format {
        Format::Table => print(&render::table(&report, &vocabulary, lang), false, lang),
        Format::Json => print_with(true, lang, &mut |w| render::write_json(&report, w)),
        Format::Csv => print(&render::csv(&report, &vocabulary, lang), false, lang),
    };
    if let Err(status) = printed {
        return status;
    }
    if script_failures {
        Status::RuleErrors
    } else if report.errors.is_empty() {
        Status::Ok
    } else {
        Status::InputErrors
    }
}

/// A progress bar for the PDFs on a terminal, when there are many.
fn progress(total: u64, lang: Lang) -> Option<ProgressBar> {
    (std::io::stderr().is_terminal() && total > 50).then(|| {
        let bar = ProgressBar::new(total).with_message(words::progress(lang));
        if let Ok(style) = ProgressStyle::with_template("{msg} {bar:40} {pos}/{len} [{elapsed}]") {
            bar.set_style(style);
        }
        bar
    })
}
