//! `verify`: are these results still what the rules and the evidence give?
//!
//! Re-reads an output folder written by `cfc evaluate --out`: checks the SHA-256 of every rule
//! file, every evidence file, `round.toml`, every PDF, `results.csv` and `results.xlsx` against
//! those recorded in `results.json`, re-evaluates the round with the files as they are now, and
//! compares every result, every round setting and, byte for byte, the CSV, the workbook and
//! `results.json` itself with what the recorded results give. Each difference is reported
//! naming the file that changed; none means the results still stand.
//!
//! Nothing is read without a bound: `results.json` up to [`MAX_RESULTS`], other files are
//! hashed as streams of at most [`MAX_FILE`].

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::decide::UnitResult;
use crate::output::{RESULTS_CSV, RESULTS_JSON, RESULTS_XLSX};
use crate::render::dossier::{self, Context};
use crate::report::{ENGINE, RoundInfo, RoundReport};
use crate::round::{Round, RoundOptions};

/// The largest `results.json` read: 10,000 units make about 215 MB.
pub const MAX_RESULTS: u64 = 1 << 30;
/// The largest file hashed (a PDF, a workbook, an evidence or rule file).
pub const MAX_FILE: u64 = 1 << 30;

fn too_large(limit: u64) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        format!(
            "larger than {} MiB, more than any output of cfc",
            limit >> 20
        ),
    )
}

/// A file read whole, refused beyond [`MAX_RESULTS`] bytes (a FIFO or `/dev/zero` too).
pub fn read_capped(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_RESULTS + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_RESULTS {
        return Err(too_large(MAX_RESULTS));
    }
    Ok(bytes)
}

/// Lower-case hex SHA-256 of a file, read as a stream of at most [`MAX_FILE`] bytes.
pub fn hash_file(path: &Path) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?.take(MAX_FILE + 1);
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        total += n as u64;
        if total > MAX_FILE {
            return Err(too_large(MAX_FILE));
        }
        hasher.update(&buf[..n]);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// The round settings printed in the dossiers and the results, by the name `round.toml` gives
/// them, with their values as text.
fn settings_fields(r: &RoundInfo) -> [(&'static str, String); 6] {
    [
        ("name", r.name.clone()),
        ("year", r.year.to_string()),
        ("authority", r.authority.clone()),
        ("council", r.council.clone()),
        ("place", r.place.clone()),
        ("decision_date", r.decision_date.to_string()),
    ]
}

/// Re-derives an output folder and lists every difference (empty: everything matches).
///
/// Paths in `results.json` are as they were given when evaluating, so run it from the same
/// folder as `cfc evaluate` was.
pub fn verify(out: &Path) -> Vec<String> {
    let file = out.join(RESULTS_JSON);
    let json_bytes = match read_capped(&file) {
        Ok(b) => b,
        Err(e) => return vec![format!("{}: cannot read the results: {e}", file.display())],
    };
    let recorded: RoundReport = match serde_json::from_slice(&json_bytes).map_err(|e| e.to_string())
    {
        Ok(r) => r,
        Err(e) => return vec![format!("{}: cannot read the results: {e}", file.display())],
    };
    let mut findings = Vec::new();
    if recorded.round.engine != ENGINE {
        findings.push(format!(
            "the results were made by {}, this is {ENGINE}",
            recorded.round.engine
        ));
    }
    // Rule files: criteria set, scripts, policy.
    let mut changed_files = Vec::new();
    for f in &recorded.round.files {
        match hash_file(Path::new(&f.path)) {
            Ok(hash) if hash == f.sha256 => {}
            Ok(_) => changed_files.push(f.path.clone()),
            Err(_) => findings.push(format!("rule file {} is missing", f.path)),
        }
    }
    let settings_changed = match &recorded.settings {
        Some(f) => match hash_file(Path::new(&f.path)) {
            Ok(hash) => hash != f.sha256,
            Err(e) => {
                findings.push(format!("round settings {}: cannot be read: {e}", f.path));
                true
            }
        },
        None => false,
    };
    // Results made on request outside the set's period in force are re-derived the same way.
    let options = RoundOptions::default().outside_effect(recorded.round.outside_effect.is_some());
    let round = match Round::load_with(&recorded.round.dir, &options) {
        Ok(r) => r,
        Err(e) => {
            check_outputs(out, &recorded, None, &mut findings);
            findings.extend(
                changed_files
                    .iter()
                    .map(|p| format!("rule file {p} changed since evaluation")),
            );
            findings.push(format!(
                "the round {} cannot be evaluated again: {e}",
                recorded.round.dir
            ));
            return findings;
        }
    };
    let now = RoundReport::new(&round, round.evaluate());
    check_outputs(out, &recorded, Some(&round), &mut findings);
    let settings_file = recorded
        .settings
        .as_ref()
        .map_or_else(|| "round.toml".to_string(), |f| f.path.clone());
    for ((field, was), (_, is)) in settings_fields(&recorded.round)
        .into_iter()
        .zip(settings_fields(&now.round))
    {
        if was == is {
            continue;
        }
        findings.push(if settings_changed || recorded.settings.is_none() {
            format!("round settings changed in {settings_file}: {field} was {was:?}, is now {is:?}")
        } else {
            format!(
                "{RESULTS_JSON}: round setting {field} changed ({was:?} recorded, {is:?} in the unchanged {settings_file})"
            )
        });
    }
    if settings_changed && settings_fields(&recorded.round) == settings_fields(&now.round) {
        findings.push(format!(
            "round settings {settings_file} changed since evaluation (no setting shown in the results changed)"
        ));
    }
    let now_units: BTreeMap<&str, &UnitResult> =
        now.units.iter().map(|u| (u.code.as_str(), u)).collect();
    // Which criteria each changed script feeds, to say what a rule change does.
    let set = round.evaluator.criteria();
    let mut impact: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    let mut unexplained = Vec::new();
    let mut any_evidence_changed = false;
    for old in &recorded.units {
        let Some(new) = now_units.get(old.code.as_str()) else {
            findings.push(format!(
                "unit {} ({}) is no longer evaluated: its evidence is missing or invalid",
                old.code, old.name
            ));
            continue;
        };
        let evidence_changed = match hash_file(Path::new(&old.evidence_file)) {
            Ok(hash) => hash != old.evidence_sha256,
            Err(_) => true,
        };
        any_evidence_changed |= evidence_changed;
        if evidence_changed {
            findings.push(format!(
                "evidence of {} changed since evaluation ({})",
                old.code, old.evidence_file
            ));
        }
        if old == *new {
            continue;
        }
        let moved: Vec<&str> = old
            .criteria
            .iter()
            .zip(&new.criteria)
            .filter(|(a, b)| a.points != b.points)
            .map(|(a, _)| a.id.as_str())
            .collect();
        let mut explained = evidence_changed;
        for path in &changed_files {
            for c in set.criteria() {
                let feeds = c
                    .indicators
                    .iter()
                    .any(|i| i.script.display().to_string() == *path);
                if feeds && moved.contains(&c.id.as_str()) {
                    *impact
                        .entry(path)
                        .or_default()
                        .entry(c.id.as_str())
                        .or_default() += 1;
                    explained = true;
                }
            }
        }
        if !explained {
            unexplained.push(format!(
                "{RESULTS_JSON}: the recorded result of {} differs from a re-evaluation of the same files (total {} recorded, {} now; decision {} recorded, {} now): the results file was changed",
                old.code, old.total, new.total, old.recognised, new.recognised
            ));
        }
    }
    for path in &changed_files {
        match impact.get(path.as_str()) {
            Some(criteria) => {
                let what: Vec<String> = criteria
                    .iter()
                    .map(|(c, n)| format!("{c} of {n} unit(s) would change"))
                    .collect();
                findings.push(format!(
                    "criteria script {path} changed: {}",
                    what.join(", ")
                ));
            }
            None => findings.push(format!(
                "rule file {path} changed since evaluation (no result would change)"
            )),
        }
    }
    for u in &now.units {
        if !recorded.units.iter().any(|r| r.code == u.code) {
            findings.push(format!(
                "unit {} ({}) was not in the results",
                u.code, u.name
            ));
        }
    }
    findings.extend(unexplained);
    // Whatever is left: with every input as it was, results.json must be, byte for byte, what
    // evaluating gives now with the hashes it records.
    let inputs_changed = any_evidence_changed
        || settings_changed
        || !changed_files.is_empty()
        || recorded.units.len() != now.units.len();
    if !inputs_changed && findings.is_empty() {
        let expected = RoundReport {
            dossiers: recorded.dossiers.clone(),
            outputs: recorded.outputs.clone(),
            settings: recorded.settings.clone(),
            ..now
        };
        if crate::render::json(&expected).as_bytes() != json_bytes.as_slice() {
            findings.push(format!(
                "{RESULTS_JSON} changed since evaluation: it is not what evaluating the same files gives{}",
                first_difference(&expected, &recorded)
            ));
        }
    }
    findings
}

/// Which part of two results documents differs, for a finding: " (in …)".
fn first_difference(expected: &RoundReport, recorded: &RoundReport) -> String {
    let part = if expected.round != recorded.round {
        "the round's details"
    } else if expected.units != recorded.units {
        "the units' results"
    } else if expected.errors != recorded.errors {
        "the list of problems"
    } else {
        "its layout"
    };
    format!(" (in {part})")
}

/// Checks the PDFs, the CSV and the workbook against the hashes `results.json` records, and
/// tells which file changed: a file that no longer matches its hash but is still exactly what
/// the recorded results give means that the hash in `results.json` was changed. The CSV and
/// the workbook are re-derived from the recorded results; a PDF only when its hash differs
/// (with the round as it is now, when it can be loaded).
fn check_outputs(
    out: &Path,
    recorded: &RoundReport,
    round: Option<&Round>,
    findings: &mut Vec<String>,
) {
    let derive = |file: &str| -> Option<Vec<u8>> {
        match file {
            RESULTS_CSV => Some(crate::render::csv_file(recorded).into_bytes()),
            RESULTS_XLSX => crate::xlsx::results(recorded).ok(),
            _ => {
                let round = round?;
                let ctx = Context {
                    settings: &round.settings,
                    criteria: round.evaluator.criteria(),
                    policy: round.evaluator.policy(),
                    lang: crate::Lang::default(),
                };
                let d = recorded.dossiers.iter().find(|d| d.file == file)?;
                let rendered = match &d.code {
                    None => dossier::summary(recorded, &ctx),
                    Some(code) => {
                        dossier::dossier(recorded.units.iter().find(|u| &u.code == code)?, &ctx)
                    }
                };
                rendered.ok().map(|r| r.bytes)
            }
        }
    };
    let files = recorded
        .dossiers
        .iter()
        .map(|d| (d.file.as_str(), d.sha256.as_str(), "dossier"))
        .chain(
            recorded
                .outputs
                .iter()
                .map(|o| (o.file.as_str(), o.sha256.as_str(), "results file")),
        );
    for (file, sha256, what) in files {
        // A file name from results.json stays inside the output folder.
        if file.contains(['/', '\\']) || file.starts_with('.') {
            findings.push(format!(
                "{RESULTS_JSON}: names {file:?} as a file of the output folder, which it cannot be"
            ));
            continue;
        }
        let path = out.join(file);
        let hash = match hash_file(&path) {
            Ok(h) => h,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                findings.push(format!("{what} {file} is missing"));
                continue;
            }
            Err(e) => {
                findings.push(format!("{what} {file}: cannot be read: {e}"));
                continue;
            }
        };
        let re_derived = || {
            let bytes = read_capped(&path).ok()?;
            Some(derive(file)? == bytes)
        };
        if hash == sha256 {
            // The file is as written; results.json's content must still give it.
            if matches!(file, RESULTS_CSV | RESULTS_XLSX) && re_derived() == Some(false) {
                findings.push(format!(
                    "{RESULTS_JSON} changed since evaluation: its results no longer give {file}"
                ));
            }
        } else if re_derived() == Some(true) {
            findings.push(format!(
                "{RESULTS_JSON} changed since evaluation: the hash it records for {file} was changed"
            ));
        } else if what == "dossier" {
            findings.push(format!("dossier {file} changed since evaluation"));
        } else {
            findings.push(format!("{file} changed since evaluation"));
        }
    }
}
