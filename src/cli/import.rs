//! `cfc import`: filled workbooks to evidence files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use cfc::output::write_atomic;
use cfc::round::tidy_path;
use cfc::{CriteriaSet, Round};

use super::{Status, report_problems};

pub(crate) fn run(
    files: &[PathBuf],
    out: &Path,
    criteria: Option<&Path>,
    year: Option<u16>,
    round_toml: bool,
    force: bool,
) -> Status {
    let settings = if out.join("round.toml").is_file() {
        match Round::settings(out) {
            Ok(s) => Some(s),
            Err(e) => {
                report_problems(&e.diagnostics());
                return Status::RuleErrors;
            }
        }
    } else {
        None
    };
    let criteria = match (criteria, &settings) {
        (Some(c), _) => c.to_path_buf(),
        (None, Some(s)) => tidy_path(&out.join(&s.criteria)),
        (None, None) => {
            eprintln!(
                "{}: no round.toml there to name the criteria set: give --criteria FILE",
                out.display()
            );
            return Status::RuleErrors;
        }
    };
    let set = match CriteriaSet::load(&criteria) {
        Ok(set) => set,
        Err(e) => {
            report_problems(&e.diagnostics());
            return Status::RuleErrors;
        }
    };
    let year = year.or(settings.as_ref().map(|s| s.year));
    if let Err(e) = std::fs::create_dir_all(out) {
        eprintln!("{}: cannot create the folder: {e}", out.display());
        return Status::RuleErrors;
    }
    let mut status = Status::Ok;
    let mut codes: BTreeMap<String, String> = BTreeMap::new();
    let mut written = 0;
    for file in files {
        let name = file.display().to_string();
        let fail = |message: String| {
            eprintln!("{name}: {message}");
            Status::InputErrors
        };
        let bytes = match std::fs::read(file) {
            Ok(b) => b,
            Err(e) => {
                status = status.max(fail(format!("cannot read the file: {e}")));
                continue;
            }
        };
        let imported = match cfc::xlsx::import(&name, &bytes, &set, year) {
            Ok(i) => i,
            Err(e) => {
                for p in &e.0 {
                    eprintln!("{p}");
                }
                eprintln!("{name}: not imported ({} problems)", e.0.len());
                status = status.max(Status::InputErrors);
                continue;
            }
        };
        // Checks across workbooks and against the folder, before writing anything of this one.
        let mut refused = Vec::new();
        for u in &imported.units {
            let code = &u.evidence.unit().code;
            if let Some(other) = codes.get(code) {
                refused.push(format!("unit code {code} is also in {other}"));
            }
            if !force && out.join(&u.file_name).exists() {
                refused.push(format!(
                    "{} already exists (use --force to replace it)",
                    out.join(&u.file_name).display()
                ));
            }
        }
        let round_file = out.join("round.toml");
        if round_toml {
            match &imported.round_toml {
                None => refused.push(
                    "round.toml asked for, but this is not a round workbook with a complete \"Thông tin\" sheet".to_string(),
                ),
                Some(_) if round_file.exists() && !force => refused.push(format!(
                    "{} already exists (use --force to replace it)",
                    round_file.display()
                )),
                Some(_) => {}
            }
        }
        if !refused.is_empty() {
            for r in refused {
                status = status.max(fail(r));
            }
            eprintln!("{name}: not imported");
            continue;
        }
        let mut result = Ok(());
        for u in &imported.units {
            codes.insert(u.evidence.unit().code.clone(), name.clone());
            result = result.and_then(|_| write_atomic(&out.join(&u.file_name), u.toml.as_bytes()));
            written += 1;
        }
        if let (true, Some(text)) = (round_toml, &imported.round_toml) {
            result = result.and_then(|_| write_atomic(&round_file, text.as_bytes()));
        }
        if let Err(e) = result {
            eprintln!("{}: cannot write: {e}", out.display());
            return Status::RuleErrors;
        }
    }
    eprintln!("wrote {written} evidence files into {}", out.display());
    status
}
