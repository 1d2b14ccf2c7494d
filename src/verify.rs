//! `verify`: are these results still what the rules and the evidence give?
//!
//! Re-reads an output folder written by `cfc evaluate --out`: checks the SHA-256 of every rule
//! file, every evidence file and every PDF against those recorded in `results.json`,
//! re-evaluates the round with the files as they are now, and compares every result. Each
//! difference is reported precisely; none means the results still stand.

use std::collections::BTreeMap;
use std::path::Path;

use crate::decide::UnitResult;
use crate::hash::sha256_hex;
use crate::report::{ENGINE, RoundReport};
use crate::round::Round;

/// Re-derives an output folder and lists every difference (empty: everything matches).
///
/// Paths in `results.json` are as they were given when evaluating, so run it from the same
/// folder as `cfc evaluate` was.
pub fn verify(out: &Path) -> Vec<String> {
    let file = out.join("results.json");
    let recorded: RoundReport = match std::fs::read_to_string(&file)
        .map_err(|e| e.to_string())
        .and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string()))
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
        match std::fs::read(&f.path) {
            Ok(bytes) if sha256_hex(&bytes) == f.sha256 => {}
            Ok(_) => changed_files.push(f.path.clone()),
            Err(_) => findings.push(format!("rule file {} is missing", f.path)),
        }
    }
    // PDFs written with the results.
    for d in &recorded.dossiers {
        match std::fs::read(out.join(&d.file)) {
            Ok(bytes) if sha256_hex(&bytes) == d.sha256 => {}
            Ok(_) => findings.push(format!("dossier {} changed since evaluation", d.file)),
            Err(_) => findings.push(format!("dossier {} is missing", d.file)),
        }
    }
    let round = match Round::load(&recorded.round.dir) {
        Ok(r) => r,
        Err(e) => {
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
    let now_units: BTreeMap<&str, &UnitResult> =
        now.units.iter().map(|u| (u.code.as_str(), u)).collect();
    // Which criteria each changed script feeds, to say what a rule change does.
    let set = round.evaluator.criteria();
    let mut impact: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    let mut unexplained = Vec::new();
    for old in &recorded.units {
        let Some(new) = now_units.get(old.code.as_str()) else {
            findings.push(format!(
                "unit {} ({}) is no longer evaluated: its evidence is missing or invalid",
                old.code, old.name
            ));
            continue;
        };
        let evidence_changed = match std::fs::read(&old.evidence_file) {
            Ok(bytes) => sha256_hex(&bytes) != old.evidence_sha256,
            Err(_) => true,
        };
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
                "the recorded result of {} differs from a re-evaluation of the same files (total {} recorded, {} now; decision {} recorded, {} now): the results file was changed",
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
    findings
}
