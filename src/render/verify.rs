//! `verify`: are these results still what the rules and the evidence give?
//!
//! Re-reads an output folder written by `cfc evaluate --out`. The folder carries a copy of
//! every input it was made from and `manifest.json` (every file with its SHA-256,
//! [`crate::render::manifest`]): verify checks every file against the manifest, the SHA-256 of
//! every copied rule file, evidence file and `round.toml`, every PDF, `results.csv` and
//! `results.xlsx` against those recorded in `results.json`, re-evaluates the round from the
//! copies alone with this engine, and compares every result, every round setting and, byte for
//! byte, the CSV, the workbook and `results.json` itself with what the recorded results give.
//! Each difference is reported naming the file that changed; none means the results still
//! stand. Nothing outside the folder is read, so it works from any folder, after the folder is
//! moved, copied or unzipped ([`verify`] takes a `.zip` of it too), with the round deleted.
//!
//! A folder written before outputs carried their inputs has no manifest: its rule and evidence
//! files are read where `results.json` says they were, from the current folder, and the
//! verdict says that it predates the copies.
//!
//! Nothing is read without a bound: `results.json` up to [`MAX_RESULTS`], other files are
//! hashed as streams of at most [`MAX_FILE`].

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest, Sha256};

use crate::base::lang::Lang;
use crate::evaluate::decide::UnitResult;
use crate::evaluate::document::FORMAT_VERSION;
use crate::evaluate::report::{ENGINE, RoundInfo, RoundReport};
use crate::evaluate::round::{Round, RoundError, RoundOptions};
use crate::render::dossier::{self, Context};
use crate::render::manifest::{INPUTS, MANIFEST, Manifest, Role, RulesCopy, inside};
use crate::render::output::{RESULTS_CSV, RESULTS_JSON, RESULTS_XLSX};
use crate::rules::load::load_set;
use crate::rules::policy::Policy;
use crate::rules::shipped::PREFIX;
use crate::rules::source::Tree;
use crate::words::results::Vocabulary;

pub use crate::audit::findings::{Finding, Part, Setting};

pub use crate::base::fsio::MAX_RESULTS;
/// The largest file hashed (a PDF, a workbook, an evidence or rule file).
pub const MAX_FILE: u64 = 1 << 30;

pub use crate::base::fsio::read_capped;
use crate::base::fsio::too_large;

/// Lower-case hex SHA-256 of a file, read as a stream of at most [`MAX_FILE`] bytes.
pub fn hash_file(path: &Path) -> std::io::Result<String> {
    let mut file = crate::base::fsio::open_file(path)?.take(MAX_FILE + 1);
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
    Ok(crate::base::hash::hex(&hasher.finalize()))
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

/// Re-derives an output folder (or a `.zip` of one) and lists every difference and note; the
/// results stand when every finding is a note ([`Finding::is_note`]).
pub fn verify(out: &Path) -> Vec<Finding> {
    if is_zip(out) {
        return crate::render::unzip::verify_zip(out, verify);
    }
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
    let inputs = match Inputs::of(out, &mut findings) {
        Some(inputs) => inputs,
        None => return findings,
    };
    // Rule files: criteria set, scripts, policy.
    let mut changed_files = Vec::new();
    for f in &recorded.round.files {
        match inputs.file(&f.path).map(|p| hash_file(&p)) {
            Some(Ok(hash)) if hash == f.sha256 => {}
            Some(Ok(_)) => changed_files.push(f.path.clone()),
            _ => findings.push(Finding::RuleFileMissing {
                path: inputs.shown(&f.path),
            }),
        }
    }
    let settings_changed = match &recorded.settings {
        Some(f) => match inputs.settings(&f.path).map(|p| hash_file(&p)) {
            Some(Ok(hash)) => hash != f.sha256,
            Some(Err(e)) => {
                findings.push(Finding::SettingsUnreadable {
                    path: inputs.shown_settings(&f.path),
                    detail: e.to_string(),
                });
                true
            }
            None => {
                findings.push(Finding::SettingsUnreadable {
                    path: inputs.shown_settings(&f.path),
                    detail: std::io::Error::from(std::io::ErrorKind::NotFound).to_string(),
                });
                true
            }
        },
        None => false,
    };
    // Results made on request outside the set's period in force are re-derived the same way.
    let options = RoundOptions::default().outside_effect(recorded.round.outside_effect.is_some());
    let round = match inputs.round(&recorded, &options) {
        Ok(r) => r,
        Err(e) => {
            check_outputs(out, &recorded, None, false, &mut findings);
            findings.extend(changed_files.iter().map(|p| Finding::RuleFileChanged {
                path: inputs.shown(p),
            }));
            findings.push(Finding::RoundNotEvaluable {
                dir: inputs.shown_dir(&recorded.round.dir),
                detail: e.to_string(),
            });
            inputs.check_manifest(&recorded, None, &mut findings);
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
    let settings_file = recorded.settings.as_ref().map_or_else(
        || "round.toml".to_string(),
        |f| inputs.shown_settings(&f.path),
    );
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
    let is_script = |path: &str| {
        set.indicators()
            .any(|i| i.script.display().to_string() == path)
    };
    let other_rules_changed: Vec<&String> =
        changed_files.iter().filter(|p| !is_script(p)).collect();
    let mut results_moved = false;
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
        let evidence_changed = match inputs.file(&old.evidence_file).map(|p| hash_file(&p)) {
            Some(Ok(hash)) => hash != old.evidence_sha256,
            _ => true,
        };
        any_evidence_changed |= evidence_changed;
        if evidence_changed {
            findings.push(Finding::EvidenceChanged {
                code: old.code.clone(),
                file: inputs.shown(&old.evidence_file),
            });
        }
        if old == *new {
            continue;
        }
        results_moved = true;
        let moved: Vec<&str> = old
            .criteria
            .iter()
            .zip(&new.criteria)
            .filter(|(a, b)| a.points != b.points)
            .map(|(a, _)| a.id.as_str())
            .collect();
        // A rule file other than an indicator's script (the set's TOML file, the policy and
        // its conditions) may move any result: one changed explains every difference.
        let mut explained = evidence_changed || !other_rules_changed.is_empty();
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
        let shown = inputs.shown(path);
        match impact.get(path.as_str()) {
            Some(criteria) => findings.push(Finding::ScriptChanged {
                path: shown,
                impact: criteria.iter().map(|(c, n)| (c.to_string(), *n)).collect(),
            }),
            None if !is_script(path) && results_moved => {
                findings.push(Finding::RuleFileChanged { path: shown })
            }
            None => findings.push(Finding::RuleFileChangedNoEffect { path: shown }),
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
        || inputs.copy_changed()
        || recorded.units.len() != now.units.len();
    let mut rederived = None;
    if !inputs_changed && findings.iter().all(Finding::is_note) {
        let mut expected = RoundReport {
            dossiers: recorded.dossiers.clone(),
            outputs: recorded.outputs.clone(),
            settings: recorded.settings.clone(),
            ..now
        };
        // Another engine is said apart; the rest of the document must still be the same. A
        // document of this engine's format is compared byte for byte; one of an earlier format
        // (written before `format_version`) by what it says.
        expected.round.engine = recorded.round.engine.clone();
        // A document without `warnings` may predate them (cfc wrote none before 2026-12-07):
        // they change no result, so their absence is not a change. Warnings recorded are
        // compared as the rest.
        if recorded.warnings.is_empty() {
            expected.warnings.clear();
        }
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
        rederived = Some(same);
    }
    inputs.check_manifest(&recorded, rederived, &mut findings);
    findings
}

/// Whether `path` is a zip file (by its first bytes, whatever its name), not a folder.
fn is_zip(path: &Path) -> bool {
    let mut magic = [0u8; 4];
    path.is_file()
        && std::fs::File::open(path)
            .and_then(|mut f| f.read_exact(&mut magic))
            .is_ok()
        && magic == *b"PK\x03\x04"
}

/// Where verify reads the inputs `results.json` records.
enum Inputs {
    /// Where they were when evaluating, from the current folder: a folder written before
    /// output folders carried copies of their inputs.
    Originals,
    /// The copies the output folder keeps.
    Copies(Box<Copies>),
}

/// An output folder's manifest, and every file it lists as it is now.
struct Copies {
    out: PathBuf,
    manifest: Manifest,
    /// The SHA-256 of each listed file now (`None`: missing, unreadable or outside), by file.
    now: BTreeMap<String, Option<String>>,
}

impl Inputs {
    /// The inputs of the output folder `out`: its copies, as its manifest lists them (every
    /// listed file hashed now), or the originals of a folder without a manifest (said as a
    /// note). `None` when the manifest cannot be read: nothing can be found then.
    fn of(out: &Path, findings: &mut Vec<Finding>) -> Option<Inputs> {
        let bytes = match read_capped(&out.join(MANIFEST)) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                findings.push(Finding::PredatesCopies);
                return Some(Inputs::Originals);
            }
            Err(e) => {
                findings.push(Finding::ManifestUnreadable {
                    detail: e.to_string(),
                });
                return None;
            }
        };
        let manifest: Manifest = match serde_json::from_slice(&bytes) {
            Ok(m) => m,
            Err(e) => {
                findings.push(Finding::ManifestUnreadable {
                    detail: e.to_string(),
                });
                return None;
            }
        };
        let mut now = BTreeMap::new();
        for e in &manifest.files {
            let hash = match inside(out, &e.file) {
                Some(path) => hash_file(&path).ok(),
                None => {
                    findings.push(Finding::ManifestNamesOutside {
                        file: e.file.clone(),
                    });
                    None
                }
            };
            now.insert(e.file.clone(), hash);
        }
        Some(Inputs::Copies(Box::new(Copies {
            out: out.to_path_buf(),
            manifest,
            now,
        })))
    }

    /// The copy standing for a file results name (or the file itself), to read.
    fn file(&self, recorded: &str) -> Option<PathBuf> {
        match self {
            Inputs::Originals => Some(PathBuf::from(recorded)),
            Inputs::Copies(c) => c.copy_of(recorded).and_then(|e| inside(&c.out, &e.file)),
        }
    }

    /// How a finding names a file results name: its copy in the folder, when there is one.
    fn shown(&self, recorded: &str) -> String {
        match self {
            Inputs::Originals => recorded.to_string(),
            Inputs::Copies(c) => c
                .copy_of(recorded)
                .map_or_else(|| recorded.to_string(), |e| e.file.clone()),
        }
    }

    /// The round's settings file (`recorded`: as results name it), to read.
    fn settings(&self, recorded: &str) -> Option<PathBuf> {
        match self {
            Inputs::Originals => Some(PathBuf::from(recorded)),
            Inputs::Copies(c) => c
                .manifest
                .of(Role::Settings)
                .next()
                .and_then(|e| inside(&c.out, &e.file)),
        }
    }

    /// How a finding names the round's settings file.
    fn shown_settings(&self, recorded: &str) -> String {
        match self {
            Inputs::Originals => recorded.to_string(),
            Inputs::Copies(c) => c
                .manifest
                .of(Role::Settings)
                .next()
                .map_or_else(|| recorded.to_string(), |e| e.file.clone()),
        }
    }

    /// How a finding names the round folder.
    fn shown_dir(&self, recorded: &str) -> String {
        match self {
            Inputs::Originals => recorded.to_string(),
            Inputs::Copies(_) => format!("{INPUTS}/round"),
        }
    }

    /// The round again: from where it was, or from the copies alone, every file named as
    /// the original it stands for.
    fn round(&self, recorded: &RoundReport, options: &RoundOptions) -> Result<Round, RoundError> {
        let c = match self {
            Inputs::Originals => return Round::load_with(&recorded.round.dir, options),
            Inputs::Copies(c) => c,
        };
        let m = &c.manifest;
        let tree = |rules: &RulesCopy, role: Role| {
            let files = m
                .of(role)
                .filter_map(|e| Some((e.copy_of.clone()?, inside(&c.out, &e.file)?)))
                .collect();
            let key = match rules.shipped {
                true => rules.file.strip_prefix(PREFIX).unwrap_or(&rules.file),
                false => rules.file.as_str(),
            };
            (
                Tree::Copies {
                    shipped: rules.shipped,
                    files: Arc::new(files),
                },
                PathBuf::from(key),
            )
        };
        let (set_tree, set_key) = tree(&m.criteria, Role::Criteria);
        let set = load_set(&set_tree, &set_key)?;
        let policy = match &m.policy {
            Some(p) => {
                let (tree, key) = tree(p, Role::Policy);
                Some(Policy::load_in(&tree, &key, &set)?)
            }
            None => None,
        };
        let copy = self
            .settings("")
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| c.out.join(INPUTS).join("round"));
        Round::from_copy(&copy, Path::new(&m.round), (set, policy), options)
    }

    /// Whether any copy of an input is not as the manifest lists it.
    fn copy_changed(&self) -> bool {
        match self {
            Inputs::Originals => false,
            Inputs::Copies(c) => c.manifest.files.iter().any(|e| {
                !matches!(e.role, Role::Results | Role::Dossier)
                    && c.now.get(&e.file) != Some(&Some(e.sha256.clone()))
            }),
        }
    }

    /// Every file of the folder against the manifest, once the other checks are made: a file
    /// that is as `results.json` records it but not as the manifest does says the manifest
    /// changed; a file the manifest does not list is not cfc's; a copy no result records
    /// (an evidence file with errors) is said changed on its own. `rederived`: whether
    /// `results.json` is, byte for byte, what evaluating the copies gives, when that was told.
    fn check_manifest(
        &self,
        recorded: &RoundReport,
        rederived: Option<bool>,
        findings: &mut Vec<Finding>,
    ) {
        let Inputs::Copies(c) = self else {
            return;
        };
        let results_named = findings.iter().any(names_results);
        for e in &c.manifest.files {
            let Some(now) = c.now.get(&e.file) else {
                continue;
            };
            if now.as_deref() == Some(e.sha256.as_str()) {
                continue;
            }
            let of = e.copy_of.as_deref().unwrap_or_default();
            let results_record: Option<&str> = match e.role {
                Role::Results if e.file == RESULTS_JSON => {
                    if rederived == Some(true) {
                        findings.push(Finding::ManifestChanged {
                            file: e.file.clone(),
                        });
                    } else if !results_named {
                        findings.push(Finding::OutputChanged {
                            file: e.file.clone(),
                            dossier: false,
                        });
                    }
                    continue;
                }
                Role::Results => recorded
                    .outputs
                    .iter()
                    .find(|o| o.file == e.file)
                    .map(|o| o.sha256.as_str()),
                Role::Dossier => recorded
                    .dossiers
                    .iter()
                    .find(|d| d.file == e.file)
                    .map(|d| d.sha256.as_str()),
                Role::Settings => recorded.settings.as_ref().map(|f| f.sha256.as_str()),
                Role::Criteria | Role::Policy => recorded
                    .round
                    .files
                    .iter()
                    .find(|f| f.path == of)
                    .map(|f| f.sha256.as_str()),
                Role::Evidence => match recorded.units.iter().find(|u| u.evidence_file == of) {
                    Some(u) => Some(u.evidence_sha256.as_str()),
                    None => {
                        findings.push(Finding::CopyChanged {
                            file: e.file.clone(),
                            of: of.to_string(),
                        });
                        continue;
                    }
                },
            };
            // Otherwise the file itself changed, and the check of its kind said so.
            if now.is_some() && now.as_deref() == results_record {
                findings.push(Finding::ManifestChanged {
                    file: e.file.clone(),
                });
            }
        }
        let mut unlisted = Vec::new();
        listed_or_not(&c.out, "", &c.now, &mut unlisted);
        unlisted.sort();
        findings.extend(unlisted.into_iter().map(|file| Finding::NotListed { file }));
    }
}

impl Copies {
    /// The manifest's entry of the copy of a file results name.
    fn copy_of(&self, recorded: &str) -> Option<&crate::render::manifest::Entry> {
        self.manifest
            .files
            .iter()
            .find(|e| e.copy_of.as_deref() == Some(recorded))
    }
}

/// Whether a finding names `results.json` as the file that changed.
fn names_results(f: &Finding) -> bool {
    matches!(
        f,
        Finding::ResultsUnreadable { .. }
            | Finding::SettingChangedInResults { .. }
            | Finding::ResultAltered { .. }
            | Finding::ResultsChanged { .. }
            | Finding::NoLongerGives { .. }
            | Finding::RecordedHashChanged { .. }
            | Finding::NotInFolder { .. }
    )
}

/// The files under `dir` (named `prefix` in the folder) that the manifest does not list, the
/// manifest itself apart.
fn listed_or_not(
    dir: &Path,
    prefix: &str,
    listed: &BTreeMap<String, Option<String>>,
    out: &mut Vec<String>,
) {
    let Ok(entries) = std::fs::read_dir(dir.join(prefix)) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let file = if prefix.is_empty() {
            name
        } else {
            format!("{prefix}/{name}")
        };
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            listed_or_not(dir, &file, listed, out);
        } else if file != MANIFEST && !listed.contains_key(&file) {
            out.push(file);
        }
    }
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
    } else if expected.errors != recorded.errors || expected.warnings != recorded.warnings {
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
