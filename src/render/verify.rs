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

use crate::base::lang::Lang;
use crate::evaluate::decide::UnitResult;
use crate::evaluate::document::FORMAT_VERSION;
use crate::evaluate::report::{ENGINE, RoundInfo, RoundReport};
use crate::evaluate::round::{Round, RoundOptions};
use crate::render::dossier::{self, Context};
use crate::render::output::{RESULTS_CSV, RESULTS_JSON, RESULTS_XLSX};
use crate::words::results::Vocabulary;

pub use crate::audit::findings::{Finding, Part, Setting};

pub use crate::base::fsio::MAX_RESULTS;
/// The largest file hashed (a PDF, a workbook, an evidence or rule file).
pub const MAX_FILE: u64 = 1 << 30;

pub use crate::base::fsio::read_capped;
use crate::base::fsio::too_large;

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
fn settings_fields(r: &RoundInfo) -> [(Setting, String); 6] {
    [
        (Setting::Name, r.name.clone()),
        (Setting::Year, r.year.to_string()),
        (Setting::Authority, r.authority.clone()),
        (Setting::Council, r.council.clone()),
        (Setting::Place, r.place.clone()),
        (Setting::DecisionDate, r.decision_date.to_string()),
    ]
}

/// Re-derives an output folder and lists every difference (empty: everything matches).
///
/// Paths in `results.json` are as they were given when evaluating, so run it from the same
/// folder as `cfc evaluate` was.
pub fn verify(out: &Path) -> Vec<Finding> {
    let file = out.join(RESULTS_JSON);
    let unreadable = |detail: String| {
        vec![Finding::ResultsUnreadable {
            file: file.display().to_string(),
            detail,
        }]
    };
    let json_bytes = match read_capped(&file) {
        Ok(b) => b,
        Err(e) => return unreadable(e.to_string()),
    };
    let recorded: RoundReport = match serde_json::from_slice(&json_bytes) {
        Ok(r) => r,
        Err(e) => return unreadable(e.to_string()),
    };
    let mut findings = Vec::new();
    if recorded.round.engine != ENGINE {
        findings.push(Finding::OtherEngine {
            recorded: recorded.round.engine.clone(),
        });
    }
    // Rule files: criteria set, scripts, policy.
    let mut changed_files = Vec::new();
    for f in &recorded.round.files {
        match hash_file(Path::new(&f.path)) {
            Ok(hash) if hash == f.sha256 => {}
            Ok(_) => changed_files.push(f.path.clone()),
            Err(_) => findings.push(Finding::RuleFileMissing {
                path: f.path.clone(),
            }),
        }
    }
    let settings_changed = match &recorded.settings {
        Some(f) => match hash_file(Path::new(&f.path)) {
            Ok(hash) => hash != f.sha256,
            Err(e) => {
                findings.push(Finding::SettingsUnreadable {
                    path: f.path.clone(),
                    detail: e.to_string(),
                });
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
            check_outputs(out, &recorded, None, false, &mut findings);
            findings.extend(
                changed_files
                    .iter()
                    .map(|p| Finding::RuleFileChanged { path: p.clone() }),
            );
            findings.push(Finding::RoundNotEvaluable {
                dir: recorded.round.dir.clone(),
                detail: e.to_string(),
            });
            return findings;
        }
    };
    let now = RoundReport::new(&round, round.evaluate());
    // The labels of the CSV and the workbook come from the rule files: they are re-derived
    // only when those are as they were.
    check_outputs(
        out,
        &recorded,
        Some(&round),
        changed_files.is_empty(),
        &mut findings,
    );
    let settings_file = recorded
        .settings
        .as_ref()
        .map_or_else(|| "round.toml".to_string(), |f| f.path.clone());
    for ((setting, was), (_, is)) in settings_fields(&recorded.round)
        .into_iter()
        .zip(settings_fields(&now.round))
    {
        if was == is {
            continue;
        }
        let file = settings_file.clone();
        findings.push(if settings_changed || recorded.settings.is_none() {
            Finding::SettingChanged {
                file,
                setting,
                was,
                is,
            }
        } else {
            Finding::SettingChangedInResults {
                file,
                setting,
                was,
                is,
            }
        });
    }
    if settings_changed && settings_fields(&recorded.round) == settings_fields(&now.round) {
        findings.push(Finding::SettingsFileChanged {
            file: settings_file,
        });
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
            findings.push(Finding::UnitGone {
                code: old.code.clone(),
                name: old.name.clone(),
            });
            continue;
        };
        let evidence_changed = match hash_file(Path::new(&old.evidence_file)) {
            Ok(hash) => hash != old.evidence_sha256,
            Err(_) => true,
        };
        any_evidence_changed |= evidence_changed;
        if evidence_changed {
            findings.push(Finding::EvidenceChanged {
                code: old.code.clone(),
                file: old.evidence_file.clone(),
            });
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
            unexplained.push(Finding::ResultAltered {
                code: old.code.clone(),
                total_was: old.total,
                total_now: new.total,
                recognised_was: old.recognised,
                recognised_now: new.recognised,
            });
        }
    }
    for path in &changed_files {
        match impact.get(path.as_str()) {
            Some(criteria) => findings.push(Finding::ScriptChanged {
                path: path.clone(),
                impact: criteria.iter().map(|(c, n)| (c.to_string(), *n)).collect(),
            }),
            None => findings.push(Finding::RuleFileChangedNoEffect { path: path.clone() }),
        }
    }
    for u in &now.units {
        if !recorded.units.iter().any(|r| r.code == u.code) {
            findings.push(Finding::UnitNew {
                code: u.code.clone(),
                name: u.name.clone(),
            });
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
        // A document of this engine's format is compared byte for byte; one of an earlier
        // format (written before `format_version`) by what it says.
        let same = if written_in_this_format(&json_bytes) {
            crate::render::json(&expected).as_bytes() == json_bytes.as_slice()
        } else {
            first_difference(&expected, &recorded) == Part::Layout
        };
        if !same {
            findings.push(Finding::ResultsChanged {
                part: first_difference(&expected, &recorded),
            });
        }
    }
    findings
}

/// Whether a results document has the shape this engine writes ([`FORMAT_VERSION`]).
fn written_in_this_format(json: &[u8]) -> bool {
    #[derive(serde::Deserialize)]
    struct Version {
        #[serde(default)]
        format_version: Option<u64>,
    }
    serde_json::from_slice::<Version>(json)
        .is_ok_and(|v| v.format_version == Some(u64::from(FORMAT_VERSION)))
}

/// Which part of two results documents differs.
fn first_difference(expected: &RoundReport, recorded: &RoundReport) -> Part {
    // The kinds a class allows are not written into results (evidence was checked against
    // them): a document read back has none.
    let as_written = |r: &RoundInfo| {
        let mut r = r.clone();
        r.classes.iter_mut().for_each(|c| c.kinds = None);
        r
    };
    if as_written(&expected.round) != as_written(&recorded.round) {
        Part::Round
    } else if expected.units != recorded.units {
        Part::Units
    } else if expected.errors != recorded.errors {
        Part::Errors
    } else {
        Part::Layout
    }
}

/// Checks the PDFs, the CSV and the workbook against the hashes `results.json` records, and
/// tells which file changed: a file that no longer matches its hash but is still exactly what
/// the recorded results give means that the hash in `results.json` was changed. The CSV and
/// the workbook are re-derived from the recorded results with the labels of the round's rule
/// files, when `labels_hold` (they are unchanged), in either language; a PDF only when its
/// hash differs (with the round as it is now, when it can be loaded).
fn check_outputs(
    out: &Path,
    recorded: &RoundReport,
    round: Option<&Round>,
    labels_hold: bool,
    findings: &mut Vec<Finding>,
) {
    // Whether `bytes` are what the recorded results give, in a language the folder may have
    // been written in; `None` when that cannot be told.
    let gives = |file: &str, bytes: &[u8]| -> Option<bool> {
        let round = round?;
        let words = Vocabulary::of(round);
        let derive = |lang: Lang| -> Option<Vec<u8>> {
            match file {
                RESULTS_CSV if labels_hold => {
                    Some(crate::render::csv_file(recorded, &words, lang).into_bytes())
                }
                RESULTS_XLSX if labels_hold => crate::xlsx::results(recorded, &words, lang).ok(),
                RESULTS_CSV | RESULTS_XLSX => None,
                _ => {
                    let ctx = Context {
                        settings: &round.settings,
                        criteria: round.evaluator.criteria(),
                        policy: round.evaluator.policy(),
                        lang,
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
        let mut told = None;
        for lang in [Lang::Vi, Lang::En] {
            match derive(lang) {
                Some(derived) if derived == bytes => return Some(true),
                Some(_) => told = Some(false),
                None => {}
            }
        }
        told
    };
    let files = recorded
        .dossiers
        .iter()
        .map(|d| (d.file.as_str(), d.sha256.as_str(), true))
        .chain(
            recorded
                .outputs
                .iter()
                .map(|o| (o.file.as_str(), o.sha256.as_str(), false)),
        );
    for (file, sha256, is_dossier) in files {
        // A file name from results.json stays inside the output folder.
        if file.contains(['/', '\\']) || file.starts_with('.') {
            findings.push(Finding::NotInFolder {
                file: file.to_string(),
            });
            continue;
        }
        let path = out.join(file);
        let hash = match hash_file(&path) {
            Ok(h) => h,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                findings.push(Finding::OutputMissing {
                    file: file.to_string(),
                    dossier: is_dossier,
                });
                continue;
            }
            Err(e) => {
                findings.push(Finding::OutputUnreadable {
                    file: file.to_string(),
                    dossier: is_dossier,
                    detail: e.to_string(),
                });
                continue;
            }
        };
        let re_derived = || {
            let bytes = read_capped(&path).ok()?;
            gives(file, &bytes)
        };
        let file = file.to_string();
        if hash == sha256 {
            // The file is as written; results.json's content must still give it.
            if matches!(file.as_str(), RESULTS_CSV | RESULTS_XLSX) && re_derived() == Some(false) {
                findings.push(Finding::NoLongerGives { file });
            }
        } else if re_derived() == Some(true) {
            findings.push(Finding::RecordedHashChanged { file });
        } else {
            findings.push(Finding::OutputChanged {
                file,
                dossier: is_dossier,
            });
        }
    }
}
