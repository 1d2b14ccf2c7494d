//! `cfc evaluate`.

use std::path::Path;

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
    let report = RoundReport::new(&round, evaluated);
    report_problems(&report.errors);
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
            "wrote {}, {} and {}",
            out.join("results.json").display(),
            out.join("results.csv").display(),
            out.join("results.xlsx").display()
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
