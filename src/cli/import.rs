//! `cfc import`: filled workbooks to evidence files.
//!
//! Three steps, so that nothing is half-written: every workbook is read and validated; then
//! what each would write is checked against the others and against the folder; then each
//! accepted workbook is written whole ([`write_all_atomic`]). A bad workbook, or two workbooks
//! for the same unit, write nothing; the other workbooks are still imported, as one bad unit
//! never stops the others.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use cfc::output::write_all_atomic;
use cfc::round::tidy_path;
use cfc::xlsx::{Imported, Layout, limits};
use cfc::{CriteriaSet, Round};

use super::{Status, report_problems};

/// Why `path` may not be written: it exists and `force` does not say to replace it, or it is
/// a folder, which no file replaces. Checked before anything is written, so that a run never
/// stops half-way through its files.
pub(crate) fn overwrite_refused(path: &Path, force: bool) -> Option<String> {
    // `symlink_metadata`: a dangling link is still a file that would be replaced.
    let meta = path.symlink_metadata().ok()?;
    if meta.is_dir() {
        return Some(format!(
            "{} is a folder: no file can be written in its place",
            path.display()
        ));
    }
    (!force).then(|| {
        format!(
            "{} already exists: not replaced (use --force to replace it)",
            path.display()
        )
    })
}

/// At most `max + 1` bytes of a regular file: the importer refuses a larger one by its size,
/// and a device or a pipe is never read without end.
fn read_bounded(path: &Path, max: u64) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read the file: {e}"))?;
    if !meta.is_file() {
        return Err("not a file: expected a workbook (.xlsx)".to_string());
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(max + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("cannot read the file: {e}"))?;
    Ok(bytes)
}

/// The longest evidence file whose unit code is looked for in the folder; a longer one is
/// left to `cfc check`, which refuses it.
const EVIDENCE_BYTES: u64 = 1 << 20;

/// The unit codes of the evidence files already in the folder, with their file names: a unit
/// imported beside an older file of the same code (named by an earlier layout, or before the
/// unit was renamed) would make the round refuse both.
fn codes_in_folder(dir: &Path) -> BTreeMap<String, Vec<String>> {
    let mut codes: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return codes;
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".toml") && n != "round.toml")
        .collect();
    names.sort();
    for name in names {
        let Ok(bytes) = read_bounded(&dir.join(&name), EVIDENCE_BYTES) else {
            continue;
        };
        let code = std::str::from_utf8(&bytes)
            .ok()
            .and_then(|t| t.parse::<toml::Table>().ok())
            .and_then(|t| Some(t.get("unit")?.get("code")?.as_str()?.to_string()));
        if let Some(code) = code {
            codes.entry(code).or_default().push(name);
        }
    }
    codes
}

/// Why a workbook's files may not be written, every reason at once.
fn refusals(
    i: usize,
    books: &[(String, Imported)],
    claims: &BTreeMap<&str, Vec<usize>>,
    existing: &BTreeMap<String, Vec<String>>,
    out: &Path,
    round_toml: bool,
    force: bool,
) -> Vec<String> {
    let (_, book) = &books[i];
    let mut refused = Vec::new();
    let others = |key: &str| -> Vec<&str> {
        claims[key]
            .iter()
            .filter(|&&j| j != i)
            .map(|&j| books[j].0.as_str())
            .collect()
    };
    for u in &book.units {
        let code = u.evidence.unit().code.as_str();
        let also = others(code);
        if !also.is_empty() {
            refused.push(format!(
                "unit {code} is also in {}: neither workbook is imported",
                also.join(", ")
            ));
        }
        for other in existing.get(code).into_iter().flatten() {
            if *other != u.file_name {
                refused.push(format!(
                    "unit {code} already has the evidence file {}: remove it first, so that the round holds one file per unit",
                    out.join(other).display()
                ));
            }
        }
        refused.extend(overwrite_refused(&out.join(&u.file_name), force));
    }
    if round_toml && book.layout == Layout::Round {
        if book.round_toml.is_none() {
            refused.push(
                "round.toml asked for, but the \"Thông tin\" sheet is not complete".to_string(),
            );
        } else {
            let also = others("round.toml");
            if !also.is_empty() {
                refused.push(format!(
                    "round.toml would also be written from {}: neither workbook is imported",
                    also.join(", ")
                ));
            }
            refused.extend(overwrite_refused(&out.join("round.toml"), force));
        }
    }
    refused
}

pub(crate) fn run(
    files: &[PathBuf],
    out: &Path,
    criteria: Option<&Path>,
    year: Option<u16>,
    round_toml: bool,
    force: bool,
    lang: cfc::Lang,
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
            report_problems(&e.diagnostics(), lang);
            return Status::RuleErrors;
        }
    };
    // The round's policy may add incident kinds its registers record.
    let policy = settings
        .as_ref()
        .filter(|_| criteria_arg_absent)
        .and_then(|s| s.policy.as_ref());
    let set = match policy.map(|p| cfc::Policy::load(tidy_path(&out.join(p)), &set)) {
        None => set,
        Some(Ok(policy)) => set.extended_by(&policy),
        Some(Err(e)) => {
            report_problems(&e.diagnostics(), lang);
            return Status::RuleErrors;
        }
    };
    let year = year.or(settings.as_ref().map(|s| s.year));
    let mut status = Status::Ok;

    // 1. Every workbook read and validated; nothing is written yet.
    let mut books: Vec<(String, Imported)> = Vec::new();
    for file in files {
        let name = file.display().to_string();
        // The importer refuses a file above its limit: one byte more is enough to tell.
        let read = read_bounded(file, limits::FILE_BYTES).and_then(|bytes| {
            cfc::xlsx::import(&name, &bytes, &set, year).map_err(|e| {
                for p in &e.0 {
                    super::warn(&cfc::words::problems::cell(p, lang));
                }
                match e.0.len() {
                    1 => "not imported (1 problem)".to_string(),
                    n => format!("not imported ({n} problems)"),
                }
            })
        });
        match read {
            Ok(imported) => books.push((name, imported)),
            Err(message) => {
                eprintln!("{name}: {message}");
                status = status.max(Status::InputErrors);
            }
        }
    }

    // 2. What each workbook would write, against the others and the folder.
    let mut claims: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, (_, book)) in books.iter().enumerate() {
        for u in &book.units {
            claims.entry(&u.evidence.unit().code).or_default().push(i);
        }
        if round_toml && book.round_toml.is_some() {
            claims.entry("round.toml").or_default().push(i);
        }
    }
    if round_toml && !books.iter().any(|(_, b)| b.layout == Layout::Round) {
        eprintln!("round.toml asked for, but no round workbook (`template --round`) was imported");
        status = status.max(Status::InputErrors);
    }
    let existing = codes_in_folder(out);
    let mut accepted = Vec::new();
    for (i, (name, _)) in books.iter().enumerate() {
        let refused = refusals(i, &books, &claims, &existing, out, round_toml, force);
        if refused.is_empty() {
            accepted.push(i);
        } else {
            for r in refused {
                eprintln!("{name}: {r}");
            }
            eprintln!("{name}: not imported");
            status = status.max(Status::InputErrors);
        }
    }

    // 3. Each accepted workbook written whole.
    if !accepted.is_empty()
        && let Err(e) = std::fs::create_dir_all(out)
    {
        eprintln!("{}: cannot create the folder: {e}", out.display());
        return Status::RuleErrors;
    }
    let mut written = 0;
    for i in accepted {
        let (name, book) = &books[i];
        let mut files: Vec<(PathBuf, &[u8])> = book
            .units
            .iter()
            .map(|u| (out.join(&u.file_name), u.toml.as_bytes()))
            .collect();
        if let (true, Some(text)) = (round_toml, &book.round_toml) {
            files.push((out.join("round.toml"), text.as_bytes()));
        }
        let files: Vec<(&Path, &[u8])> = files.iter().map(|(p, b)| (p.as_path(), *b)).collect();
        if let Err(e) = write_all_atomic(&files) {
            eprintln!("{name}: cannot write into {}: {e}", out.display());
            return Status::RuleErrors;
        }
        written += book.units.len();
    }
    eprintln!("wrote {written} evidence files into {}", out.display());
    status
}
