//! Writing output files whole or not at all, and a round's output folder as one.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::base::fsio::slashed;
use crate::base::hash::{HashingWriter, sha256_hex};
use crate::base::lang::Lang;
use crate::base::lock;
use crate::evaluate::report::{DossierRecord, OutputRecord, RoundReport};
use crate::evaluate::round::Round;
use crate::render::manifest::{Entry, INPUTS, MANIFEST, Manifest, Role, RulesCopy, copy_place};
use crate::render::{self, dossier, dossier::Context};
use crate::rules::criteria::FileHash;
use crate::words::results::Vocabulary;

pub use crate::base::fsio::{write_all_atomic, write_atomic};

/// Why an output folder could not be written. Whatever the reason, the folder is left as it
/// was: the previous results whole, or no folder.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OutputError {
    /// The folder holds files cfc did not write; they are never deleted.
    Foreign {
        /// The output folder.
        dir: PathBuf,
        /// The foreign entries, comma-separated.
        files: String,
    },
    /// `--out` names something that is not a folder.
    NotAFolder(PathBuf),
    /// An input file is no longer what the round read: its copy would not be what was
    /// evaluated.
    InputChanged(PathBuf),
    /// A PDF could not be rendered.
    Render(#[from] crate::render::pdf::PdfError),
    /// The workbook could not be made.
    Xlsx(#[from] crate::xlsx::XlsxError),
    /// A file system operation failed.
    Io {
        /// The file or folder concerned.
        path: PathBuf,
        /// The system's error.
        source: std::io::Error,
    },
}

impl OutputError {
    /// Why the folder could not be written, in `lang` (the words are `words::errors`'; the
    /// renderers' own details stay in theirs).
    pub fn words(&self, lang: Lang) -> String {
        use crate::words::errors as w;
        match self {
            OutputError::Foreign { dir, files } => {
                w::foreign_files(&dir.display().to_string(), files, lang)
            }
            OutputError::NotAFolder(p) => w::not_a_folder(&p.display().to_string(), lang),
            OutputError::InputChanged(p) => w::input_changed(&p.display().to_string(), lang),
            OutputError::Render(e) => w::render_failed(&e.words(lang), lang),
            OutputError::Xlsx(e) => w::xlsx_failed(&e.to_string(), lang),
            OutputError::Io { path, source } => {
                format!("{}: {}", path.display(), w::io(source, lang))
            }
        }
    }
}

/// In the default language, Vietnamese.
impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.words(Lang::default()))
    }
}

/// The fixed files of an output folder besides the PDFs.
pub const RESULTS_JSON: &str = "results.json";
/// The CSV of the results.
pub const RESULTS_CSV: &str = "results.csv";
/// The workbook of the results.
pub const RESULTS_XLSX: &str = "results.xlsx";

/// What [`write_round`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The PDFs, summary last.
    pub dossiers: usize,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes a round's whole output folder — a dossier per unit, `summary.pdf`, `results.csv`,
/// `results.xlsx`, and `results.json` recording the hashes of all of them and of `round.toml`
/// — as one: the folder is built under a temporary sibling name and renamed into place, so
/// `out` holds either the previous results whole or these results whole, never a mix.
///
/// Two runs writing the same folder are serialised by an advisory lock on a sibling lock file
/// (`.<name>.cfc-lock`, released by the system even when a run is killed); what a killed run
/// left (temporary folders and files) is removed first. A folder holding files cfc did not
/// write is refused, never emptied. `report.dossiers`, `outputs` and `settings` are filled in.
/// The CSV, the workbook (and the dossiers) are in `lang`; `results.json` is the same in
/// either. `tick` is called once per finished PDF.
pub fn write_round(
    round: &Round,
    report: &mut RoundReport,
    out: &Path,
    lang: Lang,
    tick: &(dyn Fn() + Sync),
) -> Result<Written, OutputError> {
    let out = if out.as_os_str().is_empty() {
        Path::new(".")
    } else {
        out
    };
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| OutputError::NotAFolder(out.to_path_buf()))?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(io(&parent))?;
    let lock_path = parent.join(format!(".{name}.cfc-lock"));
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(io(&lock_path))?;
    lock.lock().map_err(io(&lock_path))?;
    clean_leftovers(&parent, &name, out);
    check_only_ours(out)?;

    // Everything is written into a temporary sibling folder, removed whole (when `staging` is
    // dropped) if anything fails: a failure leaves nothing behind.
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.cfc-new-"))
        .suffix(".tmp")
        .tempdir_in(&parent)
        .map_err(io(&parent))?;
    let syncer = Syncer::start().map_err(io(out))?;
    let write = |file: &str, bytes: &[u8]| -> Result<String, OutputError> {
        let path = staging.path().join(file);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io(dir))?;
        }
        let mut f = std::fs::File::create(&path).map_err(io(&path))?;
        f.write_all(bytes).map_err(io(&path))?;
        syncer.sync(path, f)?;
        Ok(sha256_hex(bytes))
    };
    let ctx = Context {
        settings: &round.settings,
        criteria: round.evaluator.criteria(),
        policy: round.evaluator.policy(),
        lang,
    };
    // The copies of the inputs are written while the PDFs (the round's work) render: copying is
    // mostly waiting on the disk. Each PDF is written as soon as it is rendered: the folder's
    // PDFs are never all in memory.
    let plan = copies(round)?;
    let (dossiers, copied) = rayon::join(
        || {
            dossier::each_round_document(report, &ctx, tick, &|d| {
                Ok::<_, OutputError>(DossierRecord {
                    sha256: write(&d.file, &d.bytes)?,
                    code: d.code,
                    file: d.file,
                })
            })
        },
        || write_copies(&plan, &write),
    );
    // The first failure in the order the files were always written: dossiers, then copies.
    report.dossiers = dossiers?;
    let copied = copied?;
    // The CSV and the workbook after: built beside the rendering, they raised the peak memory
    // of the national round by a quarter for a tenth of a second.
    let words = Vocabulary::of(round);
    let csv = render::csv_file(report, &words, lang);
    let xlsx = crate::xlsx::results(report, &words, lang)?;
    report.outputs = vec![
        OutputRecord {
            file: RESULTS_CSV.to_string(),
            sha256: write(RESULTS_CSV, csv.as_bytes())?,
        },
        OutputRecord {
            file: RESULTS_XLSX.to_string(),
            sha256: write(RESULTS_XLSX, &xlsx)?,
        },
    ];
    drop((csv, xlsx));
    let settings_path = round.dir.join("round.toml");
    let inputs = round.inputs();
    report.settings = Some(FileHash {
        path: crate::evaluate::round::tidy_path(&settings_path)
            .display()
            .to_string(),
        sha256: inputs.first().map(|f| f.sha256.clone()).unwrap_or_default(),
    });
    // The document is written as it is made, never held whole, and hashed as it is written.
    let json_path = staging.path().join(RESULTS_JSON);
    let file = std::fs::File::create(&json_path).map_err(io(&json_path))?;
    let mut json = HashingWriter::new(std::io::BufWriter::with_capacity(1 << 20, file));
    render::write_json(report, &mut json)
        .and_then(|_| json.flush())
        .map_err(io(&json_path))?;
    let (json, json_sha) = json.finish();
    let json = json
        .into_inner()
        .map_err(|e| io(&json_path)(e.into_error()))?;
    syncer.sync(json_path, json)?;
    // A copy of every input the results were made from, and the manifest of every file.
    let mut written: Vec<(String, String)> = report
        .dossiers
        .iter()
        .map(|d| (d.file.clone(), d.sha256.clone()))
        .chain(
            report
                .outputs
                .iter()
                .map(|o| (o.file.clone(), o.sha256.clone())),
        )
        .collect();
    written.push((RESULTS_JSON.to_string(), json_sha));
    written.extend(copied);
    let manifest = manifest(round, &written, &plan);
    write(MANIFEST, manifest.as_bytes())?;
    // Every file is on the disk before the folder takes its place.
    syncer.finish()?;
    // A temporary folder is private (0700); the results are meant to be read by others.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(staging.path(), std::fs::Permissions::from_mode(0o755))
            .map_err(io(staging.path()))?;
    }
    let dossiers = report.dossiers.len();
    swap_in(staging, out, &parent, &name)?;
    drop(lock);
    Ok(Written { dossiers })
}

/// Makes the files written durable (`fsync`) on a thread of its own, in the order they were
/// written. Waiting on the disk for each file, on the cores that render the PDFs, left them
/// idle for a tenth of the national round.
struct Syncer {
    files: std::sync::mpsc::SyncSender<(PathBuf, std::fs::File)>,
    /// The first failure. The thread stops at it, so the next file given is refused at once
    /// with it: a full disk stops the run then, not after the last PDF.
    failed: std::sync::Arc<std::sync::Mutex<Option<OutputError>>>,
    done: std::thread::JoinHandle<()>,
}

impl Syncer {
    /// At most this many files wait, open, for their turn.
    const WAITING: usize = 256;

    /// Starts the thread; a system that cannot start one more gives its error, not a panic.
    fn start() -> std::io::Result<Syncer> {
        let (files, waiting) =
            std::sync::mpsc::sync_channel::<(PathBuf, std::fs::File)>(Self::WAITING);
        let failed = std::sync::Arc::new(std::sync::Mutex::new(None));
        let said = std::sync::Arc::clone(&failed);
        let done = std::thread::Builder::new().spawn(move || {
            for (path, file) in waiting {
                if let Err(e) = file.sync_all() {
                    *lock(&said) = Some(io(&path)(e));
                    return;
                }
            }
        })?;
        Ok(Syncer {
            files,
            failed,
            done,
        })
    }

    /// Makes `file` (at `path`) durable before [`Syncer::finish`] returns; the first failure
    /// of a file given before, if there was one.
    fn sync(&self, path: PathBuf, file: std::fs::File) -> Result<(), OutputError> {
        match self.files.send((path, file)) {
            Ok(()) => Ok(()),
            Err(std::sync::mpsc::SendError((path, file))) => match lock(&self.failed).take() {
                Some(failure) => Err(failure),
                // The thread is gone without a failure (it cannot be, short of a panic):
                // synced here instead.
                None => file.sync_all().map_err(io(&path)),
            },
        }
    }

    /// Waits until every file given is durable; the first failure, if any.
    fn finish(self) -> Result<(), OutputError> {
        drop(self.files);
        self.done
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        lock(&self.failed).take().map_or(Ok(()), Err)
    }
}

/// Puts the finished folder at `out`: the old one (if any) is first moved aside under a
/// temporary name, and put back if the new one cannot take its place.
fn swap_in(
    staging: tempfile::TempDir,
    out: &Path,
    parent: &Path,
    name: &str,
) -> Result<(), OutputError> {
    let new = staging.keep();
    let old = if out.exists() {
        let aside = tempfile::Builder::new()
            .prefix(&format!(".{name}.cfc-old-"))
            .suffix(".tmp")
            .tempdir_in(parent)
            .map_err(io(parent))?
            .keep();
        // `aside` is an empty folder: rename replaces it.
        std::fs::rename(out, &aside).map_err(io(out))?;
        Some(aside)
    } else {
        None
    };
    if let Err(source) = std::fs::rename(&new, out) {
        if let Some(aside) = &old {
            let _ = std::fs::rename(aside, out);
        }
        let _ = std::fs::remove_dir_all(&new);
        return Err(OutputError::Io {
            path: out.to_path_buf(),
            source,
        });
    }
    if let Some(aside) = old {
        // The new results stand; failing to delete the old copy only leaves a leftover that the
        // next run removes.
        let _ = std::fs::remove_dir_all(aside);
    }
    if let Ok(dir) = std::fs::File::open(parent) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// The copy of one input of the round: what it is, what results name it, where it goes in
/// the output folder, where its bytes come from and the SHA-256 of the bytes evaluated.
struct Copy {
    role: Role,
    of: String,
    place: PathBuf,
    from: Source,
    sha256: String,
}

/// Where the bytes of a copy are read.
enum Source {
    /// A file on disk.
    Disk(PathBuf),
    /// A file shipped inside cfc.
    Shipped(&'static [u8]),
}

impl Copy {
    /// The bytes to copy, refused when they are not those evaluated.
    fn bytes(&self) -> Result<std::borrow::Cow<'static, [u8]>, OutputError> {
        match &self.from {
            Source::Disk(path) => read_input(path, &self.sha256).map(Into::into),
            Source::Shipped(bytes) => {
                checked(Path::new(&self.of), bytes, &self.sha256)?;
                Ok((*bytes).into())
            }
        }
    }
}

/// The copies of every input the round was evaluated from — `round.toml`, every evidence file
/// that could be read, the criteria set and the policy with their scripts — planned, not yet
/// read: [`write_copies`] reads each and checks it against the SHA-256 of what was read, so
/// that the copies hold exactly what was evaluated.
fn copies(round: &Round) -> Result<Vec<Copy>, OutputError> {
    let mut out = Vec::new();
    for (i, f) in round.inputs().iter().enumerate() {
        let real = Path::new(&f.path);
        let name = real.file_name().unwrap_or_default();
        out.push(Copy {
            role: if i == 0 {
                Role::Settings
            } else {
                Role::Evidence
            },
            of: round.dir.join(name).display().to_string(),
            place: Path::new(INPUTS).join("round").join(name),
            from: Source::Disk(real.to_path_buf()),
            sha256: f.sha256.clone(),
        });
    }
    let sets = [
        (Role::Criteria, round.evaluator.criteria().files()),
        (
            Role::Policy,
            round.evaluator.policy().map_or(&[][..], |p| p.files()),
        ),
    ];
    for (role, files) in sets {
        let root = files
            .first()
            .and_then(|f| Path::new(&f.path).parent()?.parent().map(Path::to_path_buf));
        for f in files {
            let from = match f.path.strip_prefix(crate::rules::shipped::PREFIX) {
                Some(key) => Source::Shipped(
                    crate::rules::shipped::bytes(key)
                        .ok_or_else(|| OutputError::InputChanged(PathBuf::from(&f.path)))?,
                ),
                None => Source::Disk(PathBuf::from(&f.path)),
            };
            let place = copy_place(&f.path, &round.dir, root.as_deref(), role);
            // A file kept inside the round folder is one of its inputs already copied there.
            if !out.iter().any(|c: &Copy| c.place == place) {
                out.push(Copy {
                    role,
                    of: f.path.clone(),
                    place,
                    from,
                    sha256: f.sha256.clone(),
                });
            }
        }
    }
    Ok(out)
}

/// Writes a file of the staging folder and gives the SHA-256 of its bytes.
type WriteFile<'a> = dyn Fn(&str, &[u8]) -> Result<String, OutputError> + Sync + 'a;

/// Reads and writes every copy, in parallel; gives each file written with its SHA-256, in the
/// order of `plan`.
fn write_copies(
    plan: &[Copy],
    write: &WriteFile<'_>,
) -> Result<Vec<(String, String)>, OutputError> {
    use rayon::prelude::*;
    plan.par_iter()
        .map(|c| {
            let file = slashed(&c.place);
            let sha256 = write(&file, &c.bytes()?)?;
            Ok((file, sha256))
        })
        .collect()
}

/// The bytes of an input file, refused when they are not those evaluated.
fn read_input(path: &Path, sha256: &str) -> Result<Vec<u8>, OutputError> {
    let bytes = std::fs::File::open(path)
        .and_then(|f| crate::base::fsio::read_at_most(f, crate::evidence::MAX_FILE_BYTES))
        .map_err(io(path))?;
    checked(path, &bytes, sha256)?;
    Ok(bytes)
}

/// Refuses the bytes of `path` when they are not those evaluated (their SHA-256 is not
/// `sha256`).
fn checked(path: &Path, bytes: &[u8], sha256: &str) -> Result<(), OutputError> {
    if sha256_hex(bytes) != sha256 {
        return Err(OutputError::InputChanged(path.to_path_buf()));
    }
    Ok(())
}

/// `manifest.json`: every file written (`files`), each with its SHA-256 and role, the copies
/// with what they stand for.
fn manifest(round: &Round, files: &[(String, String)], copies: &[Copy]) -> String {
    let rules = |f: Option<&FileHash>| {
        f.map(|f| RulesCopy {
            file: f.path.clone(),
            shipped: f.path.starts_with(crate::rules::shipped::PREFIX),
        })
    };
    // By file (the first copy of a place, as the files were written): a round of the whole
    // country has thousands of copies.
    let mut by_file = std::collections::HashMap::with_capacity(copies.len());
    for c in copies {
        by_file.entry(slashed(&c.place)).or_insert(c);
    }
    let mut entries: Vec<Entry> = files
        .iter()
        .map(|(file, sha256)| {
            let copy = by_file.get(file).copied();
            let role = match copy {
                Some(c) => c.role,
                None if [RESULTS_JSON, RESULTS_CSV, RESULTS_XLSX].contains(&file.as_str()) => {
                    Role::Results
                }
                None => Role::Dossier,
            };
            Entry {
                file: file.clone(),
                sha256: sha256.clone(),
                role,
                copy_of: copy.map(|c| c.of.clone()),
            }
        })
        .collect();
    entries.sort_by(|a, b| a.file.cmp(&b.file));
    let manifest = Manifest {
        format: crate::render::manifest::FORMAT.to_string(),
        engine: crate::evaluate::report::ENGINE.to_string(),
        round: round.dir.display().to_string(),
        criteria: rules(round.evaluator.criteria().files().first()).unwrap_or(RulesCopy {
            file: String::new(),
            shipped: false,
        }),
        policy: rules(round.evaluator.policy().and_then(|p| p.files().first())),
        files: entries,
    };
    let mut text = serde_json::to_string_pretty(&manifest).unwrap_or_default();
    text.push('\n');
    text
}

/// Whether `file` is a temporary file or folder of cfc's (`.cfc-*.tmp`, or this output
/// folder's `.<name>.cfc-new-*.tmp` and `.<name>.cfc-old-*.tmp`).
fn is_leftover(file: &str, name: &str) -> bool {
    file.ends_with(".tmp")
        && (file.starts_with(".cfc-")
            || file.starts_with(&format!(".{name}.cfc-new-"))
            || file.starts_with(&format!(".{name}.cfc-old-")))
}

/// Removes what a killed run left: its temporary folders beside `out`, and temporary files in
/// `out`. Called under the lock, so no running writer owns them.
fn clean_leftovers(parent: &Path, name: &str, out: &Path) {
    for dir in [parent, out] {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let file = entry.file_name().to_string_lossy().into_owned();
            let own = if dir == out {
                file.starts_with(".cfc-") && file.ends_with(".tmp")
            } else {
                is_leftover(&file, name) && !file.starts_with(".cfc-")
            };
            if !own {
                continue;
            }
            let path = entry.path();
            // A leftover that cannot be removed is harmless: it is never read.
            let _ = match entry.file_type() {
                Ok(t) if t.is_dir() => std::fs::remove_dir_all(&path),
                _ => std::fs::remove_file(&path),
            };
        }
    }
}

/// Refuses an existing `out` that holds anything cfc would not have written there: the
/// results files, and the PDFs its `results.json` lists (or, without one, nothing).
fn check_only_ours(out: &Path) -> Result<(), OutputError> {
    let entries = match std::fs::read_dir(out) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => {
            return Err(OutputError::NotAFolder(out.to_path_buf()));
        }
        Err(source) => {
            return Err(OutputError::Io {
                path: out.to_path_buf(),
                source,
            });
        }
    };
    if !out.is_dir() {
        return Err(OutputError::NotAFolder(out.to_path_buf()));
    }
    let mut listed: Vec<String> = crate::base::fsio::read_capped(&out.join(RESULTS_JSON))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<RoundReport>(&bytes).ok())
        .map(|r| r.dossiers.into_iter().map(|d| d.file).collect())
        .unwrap_or_default();
    // The copies of the inputs, as the manifest lists them.
    listed.extend(
        crate::base::fsio::read_capped(&out.join(MANIFEST))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Manifest>(&bytes).ok())
            .map(|m| m.files.into_iter().map(|e| e.file).collect::<Vec<_>>())
            .unwrap_or_default(),
    );
    let mut foreign: Vec<String> = Vec::new();
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().into_owned();
        let kind = e.file_type().ok();
        if kind.is_some_and(|t| t.is_dir()) && file == INPUTS {
            foreign.extend(unlisted(&e.path(), INPUTS, &listed));
            continue;
        }
        let regular = kind.is_some_and(|t| t.is_file());
        let ours = [RESULTS_JSON, RESULTS_CSV, RESULTS_XLSX, MANIFEST].contains(&file.as_str())
            || listed.contains(&file);
        if !(regular && ours) {
            foreign.push(file);
        }
    }
    if foreign.is_empty() {
        return Ok(());
    }
    foreign.sort();
    Err(OutputError::Foreign {
        dir: out.to_path_buf(),
        files: foreign.join(", "),
    })
}

/// The entries under the folder `dir` (named `name` in the output folder) that are not files
/// `listed`: what cfc did not write there.
fn unlisted(dir: &Path, name: &str, listed: &[String]) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return vec![name.to_string()];
    };
    let mut out = Vec::new();
    for e in entries.flatten() {
        let file = format!("{name}/{}", e.file_name().to_string_lossy());
        match e.file_type() {
            Ok(t) if t.is_dir() => out.extend(unlisted(&e.path(), &file, listed)),
            Ok(t) if t.is_file() && listed.contains(&file) => {}
            _ => out.push(file),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::Reader;

    /// A file the system cannot make durable (Linux refuses `fsync` on `/dev/null`) stops the
    /// run at the next file given, with that file's failure, and `finish` says it too.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_that_cannot_be_synced_stops_the_files_after_it() {
        let null = || std::fs::File::open("/dev/null").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good");
        std::fs::write(&good, b"x").unwrap();

        let syncer = Syncer::start().unwrap();
        syncer.sync(PathBuf::from("/dev/null"), null()).unwrap();
        let refused = (0..100_000)
            .find_map(|_| {
                syncer
                    .sync(good.clone(), std::fs::File::open(&good).unwrap())
                    .err()
            })
            .expect("a file given after the failure is refused");
        assert!(
            matches!(&refused, OutputError::Io { path, .. } if path == Path::new("/dev/null")),
            "{refused:?}"
        );

        let syncer = Syncer::start().unwrap();
        syncer
            .sync(good.clone(), std::fs::File::open(&good).unwrap())
            .unwrap();
        syncer.sync(PathBuf::from("/dev/null"), null()).unwrap();
        let failed = syncer.finish().unwrap_err();
        assert!(
            matches!(&failed, OutputError::Io { path, .. } if path == Path::new("/dev/null")),
            "{failed:?}"
        );
        let fine = Syncer::start().unwrap();
        fine.sync(good.clone(), std::fs::File::open(&good).unwrap())
            .unwrap();
        assert!(fine.finish().is_ok());
    }

    #[test]
    fn an_evidence_file_changed_after_it_was_read_writes_no_folder() {
        let dir = tempfile::tempdir().unwrap();
        let round_dir = dir.path().join("round");
        std::fs::create_dir(&round_dir).unwrap();
        for entry in std::fs::read_dir("fixtures/son-ha-2024").unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                std::fs::copy(&path, round_dir.join(path.file_name().unwrap())).unwrap();
            }
        }
        let round = Round::load(&round_dir).unwrap();
        let mut report = RoundReport::new(&round, round.evaluate());
        // The copies are written beside the PDFs: the change must still be caught there.
        let changed = round_dir.join("son-ky.toml");
        let mut text = std::fs::read_to_string(&changed).unwrap();
        text.push_str("\n# edited during the evaluation\n");
        std::fs::write(&changed, text).unwrap();
        let out = dir.path().join("out");
        match write_round(&round, &mut report, &out, Lang::En, &|| {}) {
            Err(OutputError::InputChanged(path)) => assert_eq!(path, changed),
            other => panic!("expected the changed input to be refused, got {other:?}"),
        }
        assert!(!out.exists(), "nothing is written");
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".cfc-new-"))
            .collect();
        assert!(left.is_empty(), "no staging folder is left: {left:?}");
    }

    #[test]
    fn formula_like_text_stays_text_in_the_workbook_and_is_neutralised_in_the_csv() {
        let round = Round::load("fixtures/son-ha-2024").unwrap();
        let mut report = RoundReport::new(&round, round.evaluate());
        let hostile = "=HYPERLINK(\"http://x\",\"y\")";
        report.units[0].name = hostile.to_string();
        report.units[1].name = "@SUM(1+1)".to_string();
        let words = Vocabulary::of(&round);
        let xlsx = crate::xlsx::results(&report, &words, Lang::Vi).unwrap();
        let mut wb = calamine::Xlsx::new(std::io::Cursor::new(xlsx)).unwrap();
        let mut texts = Vec::new();
        for sheet in wb.sheet_names() {
            let formulas = wb.worksheet_formula(&sheet).unwrap();
            assert!(
                formulas.used_cells().all(|(_, _, f)| f.is_empty()),
                "{sheet}: a formula was written"
            );
            let cells = wb.worksheet_range(&sheet).unwrap();
            texts.extend(cells.used_cells().map(|(_, _, c)| c.to_string()));
        }
        assert!(
            texts.iter().any(|t| t == hostile),
            "the name is kept as text"
        );

        let csv = render::csv_file(&report, &words, Lang::Vi);
        assert!(csv.starts_with(render::CSV_BOM));
        assert!(
            csv.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","),
            "{csv}"
        );
        assert!(csv.contains(",'@SUM(1+1),"), "{csv}");
    }
}
