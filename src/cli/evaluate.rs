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
    let json = render::json(&report);
    let text = match format {
        Format::Table => render::table(&report, lang),
        Format::Json => json.clone(),
        Format::Csv => render::csv(&report),
    };
    print!("{text}");
    if let Some(out) = out {
        let written = std::fs::create_dir_all(out)
            .and_then(|_| write_atomic(&out.join("results.json"), json.as_bytes()))
            .and_then(|_| write_atomic(&out.join("results.csv"), render::csv(&report).as_bytes()))
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
