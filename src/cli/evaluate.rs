//! `cfc evaluate`.

use std::io::IsTerminal;
use std::path::Path;

use cfc::render::dossier::{self, Context};
use cfc::report::DossierRecord;
use indicatif::{ProgressBar, ProgressStyle};

use cfc::{Lang, Round, RoundReport, output::write_atomic, render};

use super::{Format, Status, report_problems, report_round_error};

pub(crate) fn run(dir: &Path, format: Format, out: Option<&Path>, lang: Lang) -> Status {
    let round = match Round::load(dir) {
        Ok(r) => r,
        Err(e) => {
            report_round_error(&e);
            return Status::RuleErrors;
        }
    };
    let evaluated = round.evaluate();
    let script_failures = !evaluated.failures.is_empty();
    let mut report = RoundReport::new(&round, evaluated);
    report_problems(&report.errors);
    // The dossiers come first so that results.json records their hashes.
    if let Some(out) = out {
        match write_dossiers(&round, &report, out) {
            Ok(records) => report.dossiers = records,
            Err(e) => {
                eprintln!("{}: cannot write the dossiers: {e}", out.display());
                return Status::RuleErrors;
            }
        }
    }
    // Each document is rendered at most once, and only when printed or written.
    let wanted = |f: Format| format == f || out.is_some();
    let json = wanted(Format::Json).then(|| render::json(&report));
    let csv = wanted(Format::Csv).then(|| render::csv(&report));
    match format {
        Format::Table => print!("{}", render::table(&report, lang)),
        Format::Json => print!("{}", json.as_deref().unwrap_or_default()),
        Format::Csv => print!("{}", csv.as_deref().unwrap_or_default()),
    }
    if let Some(out) = out {
        let (json, csv) = (json.unwrap_or_default(), csv.unwrap_or_default());
        let written = std::fs::create_dir_all(out)
            .and_then(|_| write_atomic(&out.join("results.json"), json.as_bytes()))
            .and_then(|_| write_atomic(&out.join("results.csv"), csv.as_bytes()))
            .and_then(|_| {
                let xlsx = cfc::xlsx::results(&report).map_err(std::io::Error::other)?;
                write_atomic(&out.join("results.xlsx"), &xlsx)
            });
        if let Err(e) = written {
            eprintln!("{}: cannot write the results: {e}", out.display());
            return Status::RuleErrors;
        }
        eprintln!(
            "wrote {}, {} and {}, {} dossiers and summary.pdf",
            out.join("results.json").display(),
            out.join("results.csv").display(),
            out.join("results.xlsx").display(),
            report.dossiers.len().saturating_sub(1)
        );
    }
    if script_failures {
        Status::RuleErrors
    } else if report.errors.is_empty() {
        Status::Ok
    } else {
        Status::InputErrors
    }
}

/// Renders every unit's dossier and the summary in parallel (a progress bar on a terminal when
/// there are many) and writes each file atomically; returns what was written, with hashes.
fn write_dossiers(
    round: &Round,
    report: &RoundReport,
    out: &Path,
) -> Result<Vec<DossierRecord>, String> {
    let ctx = Context {
        settings: &round.settings,
        criteria: round.evaluator.criteria(),
        policy: round.evaluator.policy(),
    };
    let total = report.units.len() as u64 + 1;
    let bar = (std::io::stderr().is_terminal() && total > 50).then(|| {
        let bar = ProgressBar::new(total).with_message("hồ sơ PDF");
        if let Ok(style) = ProgressStyle::with_template("{msg} {bar:40} {pos}/{len} [{elapsed}]") {
            bar.set_style(style);
        }
        bar
    });
    let tick = || {
        if let Some(b) = &bar {
            b.inc(1);
        }
    };
    let docs = dossier::round_documents(report, &ctx, &tick).map_err(|e| e.to_string())?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    std::fs::create_dir_all(out).map_err(|e| e.to_string())?;
    docs.into_iter()
        .map(|d| {
            write_atomic(&out.join(&d.file), &d.bytes).map_err(|e| format!("{}: {e}", d.file))?;
            Ok(DossierRecord {
                code: d.code,
                sha256: cfc::hash::sha256_hex(&d.bytes),
                file: d.file,
            })
        })
        .collect()
}
