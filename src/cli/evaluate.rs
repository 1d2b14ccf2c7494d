//! `cfc evaluate`.

use std::io::IsTerminal;
use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};

use cfc::{Lang, RoundReport, render};

use super::{Format, Open, Status, open_round, print, report_problems, warn};

pub(crate) fn run(
    dir: &Path,
    format: Format,
    out: Option<&Path>,
    lang: Lang,
    open: Open,
) -> Status {
    let round = match open_round(dir, open) {
        Ok(r) => r,
        Err(status) => return status,
    };
    let evaluated = round.evaluate();
    let script_failures = !evaluated.failures.is_empty();
    let mut report = RoundReport::new(&round, evaluated);
    report_problems(&report.errors);
    // The folder is written before anything is printed, and whole: a closed standard output
    // can then never leave half of it.
    if let Some(out) = out {
        let bar = progress(report.units.len() as u64 + 1);
        let tick = || {
            if let Some(b) = &bar {
                b.inc(1);
            }
        };
        let written = cfc::output::write_round(&round, &mut report, out, &tick);
        if let Some(b) = bar {
            b.finish_and_clear();
        }
        match written {
            Ok(w) => warn(&format!(
                "wrote {}: results.json, results.csv, results.xlsx, {} dossiers and summary.pdf",
                out.display(),
                w.dossiers.saturating_sub(1)
            )),
            Err(e) => {
                warn(&e.to_string());
                return Status::RuleErrors;
            }
        }
    }
    let printed = match format {
        Format::Table => render::table(&report, lang),
        Format::Json => render::json(&report),
        Format::Csv => render::csv(&report),
    };
    if let Err(status) = print(&printed, format == Format::Json) {
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
fn progress(total: u64) -> Option<ProgressBar> {
    (std::io::stderr().is_terminal() && total > 50).then(|| {
        let bar = ProgressBar::new(total).with_message("hồ sơ PDF");
        if let Ok(style) = ProgressStyle::with_template("{msg} {bar:40} {pos}/{len} [{elapsed}]") {
            bar.set_style(style);
        }
        bar
    })
}
