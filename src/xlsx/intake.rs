//! Filled workbooks into a round folder: the one way `cfc import` and the import page write
//! evidence.
//!
//! Three steps, so that nothing is half-written: every workbook is read and validated
//! ([`import`](super::import())); then what each would write is checked against the others
//! and against the folder; then each accepted workbook is written whole (temporary files
//! renamed into place). A bad workbook, or two workbooks for the same unit, write nothing; the
//! other workbooks are still imported, as one bad unit never stops the others. A unit is
//! written into the file of the folder that already holds its code, whatever its name (when
//! replacing is asked for), never beside it. Why a workbook is refused is data ([`Refusal`]),
//! said in words by [`Refusal::words`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::import::{ImportError, Imported, import, limits};
use super::template::Layout;
use crate::base::diag::RuleFile;
use crate::base::fsio::write_all_atomic;
use crate::base::lang::Lang;
use crate::evaluate::round::RoundSettings;
use crate::rules::criteria::CriteriaSet;
use crate::rules::shipped::RuleRef;
use crate::rules::travel::{self, PlaceError, Placed};
use crate::words::web::{self as words, Door};

/// How workbooks are taken into the folder.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IntakeOptions {
    /// Also write `round.toml` from a round workbook's settings.
    pub round_toml: bool,
    /// Replace the files of the same units (and `round.toml`) already in the folder.
    pub force: bool,
}

/// Why the files of a workbook may not be written. File names are relative to the round
/// folder, so that the web shows no path of the server's disk.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Refusal {
    /// A unit is also in other workbooks of the same import: neither is imported.
    UnitAlsoIn {
        /// The unit's code.
        code: String,
        /// The other workbooks, as named.
        others: Vec<String>,
    },
    /// The unit already has several evidence files, this one beside the one the import would
    /// replace: the round refuses them all, and which to keep is for the council to say.
    OlderFile {
        /// The unit's code.
        code: String,
        /// The existing file's name in the folder.
        file: String,
    },
    /// The file exists and replacing was not asked for.
    Exists {
        /// The file's name in the folder.
        file: String,
    },
    /// A folder stands where the file would be written: no rename replaces it.
    Folder {
        /// Its name in the folder.
        file: String,
    },
    /// `round.toml` was asked for but the round workbook's settings are not complete.
    SettingsIncomplete,
    /// `round.toml` would also be written from other workbooks: neither is imported.
    SettingsAlsoIn {
        /// The other workbooks.
        others: Vec<String>,
    },
    /// A rule file `round.toml` would name cannot be made part of the round folder (copied
    /// into it when it is not shipped with cfc).
    Rules {
        /// The criteria set or the policy.
        rule: RuleFile,
        /// Why.
        problem: PlaceError,
    },
}

impl Refusal {
    /// The refusal in the reader's language. `dir` is the folder as the reader should see it
    /// before a file name (the CLI's `--out`; empty on the web, which shows no server path).
    pub fn words(&self, dir: &Path, door: Door, lang: Lang) -> String {
        let at = |file: &str| dir.join(file).display().to_string();
        match self {
            Refusal::UnitAlsoIn { code, others } => {
                words::unit_also_in(code, &others.join(", "), lang)
            }
            Refusal::OlderFile { code, file } => words::older_file(code, &at(file), lang),
            Refusal::Exists { file } => words::exists(&at(file), door, lang),
            Refusal::Folder { file } => words::folder_in_the_way(&at(file), lang),
            Refusal::SettingsIncomplete => words::settings_incomplete(lang).to_string(),
            Refusal::SettingsAlsoIn { others } => words::settings_also_in(&others.join(", "), lang),
            Refusal::Rules { rule, problem } => crate::words::cli::not_placed(*rule, problem, lang),
        }
    }
}

/// What happened to one workbook.
#[derive(Debug)]
pub enum Outcome {
    /// Its files were written; their names in the folder, `round.toml` last if written.
    Written(Vec<String>),
    /// It has problems, every one located to its sheet and cell: nothing of it was written.
    Invalid(ImportError),
    /// It is valid but may not be written, for every reason given: nothing of it was written.
    Refused(Vec<Refusal>),
    /// It was accepted but the folder could not take its files: none of them was written.
    Failed(std::io::Error),
}

/// One workbook's name and outcome.
#[derive(Debug)]
pub struct BookOutcome {
    /// The workbook, as named by the user (a path, or an uploaded file's name).
    pub name: String,
    /// What happened to it.
    pub outcome: Outcome,
}

/// The outcome of one import, workbook by workbook, in the order given.
#[derive(Debug)]
pub struct Intake {
    /// Every workbook.
    pub books: Vec<BookOutcome>,
    /// `round.toml` was asked for, but no round workbook was among the valid ones.
    pub no_round_workbook: bool,
}

impl Intake {
    /// Evidence files written, over every workbook (`round.toml` not counted).
    pub fn evidence_written(&self) -> usize {
        self.books
            .iter()
            .map(|b| match &b.outcome {
                Outcome::Written(files) => files.iter().filter(|f| *f != "round.toml").count(),
                _ => 0,
            })
            .sum()
    }

    /// Whether every workbook was written (and `round.toml` found when asked for).
    pub fn all_written(&self) -> bool {
        !self.no_round_workbook
            && self
                .books
                .iter()
                .all(|b| matches!(b.outcome, Outcome::Written(_)))
    }
}

/// Why a workbook file could not be read from the disk.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Unreadable {
    /// A folder, a device or a pipe.
    #[error("not a file: expected a workbook (.xlsx)")]
    NotAFile,
    /// The system's reason.
    #[error("cannot read the file: {0}")]
    Io(#[from] std::io::Error),
}

impl Unreadable {
    /// Why, in the reader's language.
    pub fn words(&self, lang: Lang) -> String {
        match self {
            Unreadable::NotAFile => words::not_a_file(lang).to_string(),
            Unreadable::Io(e) => words::cannot_read(&crate::words::errors::io(e, lang), lang),
        }
    }
}

/// At most `max + 1` bytes of a regular file: a larger one is refused by its size, and a
/// device or a pipe is never read without end.
fn read_bounded(path: &Path, max: u64) -> Result<Vec<u8>, Unreadable> {
    let file = crate::base::fsio::open_regular(path)?.ok_or(Unreadable::NotAFile)?;
    Ok(crate::base::fsio::read_at_most(file, max)?)
}

/// A workbook file's bytes, for [`intake`]: one byte past the importer's limit is read, which
/// is enough for it to refuse the file by its size.
pub fn read_workbook(path: &Path) -> Result<Vec<u8>, Unreadable> {
    read_bounded(path, limits::FILE_BYTES)
}

/// Why `file` (a name in `dir`) may not be written: it exists and `force` does not say to
/// replace it, or it is a folder, which no file replaces. Checked before anything is
/// written, so that a run never stops half-way through its files.
pub fn overwrite_refusal(dir: &Path, file: &str, force: bool) -> Option<Refusal> {
    // `symlink_metadata`: a dangling link is still a file that would be replaced.
    let meta = dir.join(file).symlink_metadata().ok()?;
    if meta.is_dir() {
        return Some(Refusal::Folder {
            file: file.to_string(),
        });
    }
    (!force).then(|| Refusal::Exists {
        file: file.to_string(),
    })
}

/// The longest evidence file whose unit code is looked for in the folder; a longer one is
/// left to `cfc check`, which refuses it.
const EVIDENCE_BYTES: u64 = 1 << 20;

/// The unit codes of the evidence files already in the folder, with their file names: a unit
/// is imported into the file that already holds its code, whatever that file is called (an
/// earlier layout's name, a name from before the unit was renamed), so that a round never
/// holds two files of one unit, which it would refuse both of.
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

/// The key under which a workbook claims `round.toml` among the unit codes (never a code:
/// codes are digits).
const SETTINGS: &str = "round.toml";

/// The file a unit is written to: the one of the folder that already holds its code (its
/// usual name first, when several do), else its usual name; and the other files that hold
/// the code.
fn target<'a>(
    code: &str,
    usual: &'a str,
    existing: &'a BTreeMap<String, Vec<String>>,
) -> (&'a str, Vec<&'a str>) {
    let held: Vec<&str> = existing
        .get(code)
        .map(|files| files.iter().map(String::as_str).collect())
        .unwrap_or_default();
    let chosen = if held.is_empty() || held.contains(&usual) {
        usual
    } else {
        held[0]
    };
    let others = held.into_iter().filter(|f| *f != chosen).collect();
    (chosen, others)
}

/// Why the `i`-th valid workbook's files may not be written, every reason at once.
fn refusals(
    i: usize,
    books: &[(&str, &Imported)],
    claims: &BTreeMap<&str, Vec<usize>>,
    existing: &BTreeMap<String, Vec<String>>,
    out: &Path,
    options: IntakeOptions,
) -> Vec<Refusal> {
    let (_, book) = books[i];
    let mut refused = Vec::new();
    let others = |key: &str| -> Vec<String> {
        claims[key]
            .iter()
            .filter(|&&j| j != i)
            .map(|&j| books[j].0.to_string())
            .collect()
    };
    for u in &book.units {
        let code = u.evidence.unit().code.as_str();
        let also = others(code);
        if !also.is_empty() {
            refused.push(Refusal::UnitAlsoIn {
                code: code.to_string(),
                others: also,
            });
        }
        let (file, others) = target(code, &u.file_name, existing);
        refused.extend(others.into_iter().map(|other| Refusal::OlderFile {
            code: code.to_string(),
            file: other.to_string(),
        }));
        refused.extend(overwrite_refusal(out, file, options.force));
    }
    if options.round_toml && book.layout == Layout::Round {
        if book.round_toml.is_none() {
            refused.push(Refusal::SettingsIncomplete);
        } else {
            let also = others(SETTINGS);
            if !also.is_empty() {
                refused.push(Refusal::SettingsAlsoIn { others: also });
            }
            refused.extend(overwrite_refusal(out, SETTINGS, options.force));
        }
    }
    refused
}

/// Takes filled workbooks (name, bytes) into the round folder `out` (created if needed), as
/// the module says. `set` is the criteria set extended by the round's policy; `year`, when
/// given, is the round's year every period must lie in.
///
/// Two imports into one folder at once must be serialised by the caller: the folder is read
/// before it is written.
pub fn intake(
    out: &Path,
    workbooks: &[(String, Vec<u8>)],
    set: &CriteriaSet,
    year: Option<u16>,
    options: IntakeOptions,
) -> Intake {
    // 1. Every workbook read and validated; nothing is written yet.
    let read: Vec<Result<Imported, ImportError>> = workbooks
        .iter()
        .map(|(name, bytes)| import(name, bytes, set, year))
        .collect();
    let valid: Vec<(&str, &Imported)> = workbooks
        .iter()
        .zip(&read)
        .filter_map(|((name, _), r)| Some((name.as_str(), r.as_ref().ok()?)))
        .collect();

    // 2. What each workbook would write, against the others and the folder.
    let mut claims: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, (_, book)) in valid.iter().enumerate() {
        for u in &book.units {
            claims.entry(&u.evidence.unit().code).or_default().push(i);
        }
        if options.round_toml && book.round_toml.is_some() {
            claims.entry(SETTINGS).or_default().push(i);
        }
    }
    let no_round_workbook = options.round_toml
        && !workbooks.is_empty()
        && !valid.iter().any(|(_, b)| b.layout == Layout::Round);
    let existing = codes_in_folder(out);
    let mut verdicts = (0..valid.len())
        .map(|i| {
            let mut refused = refusals(i, &valid, &claims, &existing, out, options);
            let rules = match (options.round_toml, &valid[i].1.round_toml) {
                (true, Some(text)) => match travelling(text, set, out) {
                    Ok(rules) => Some(rules),
                    Err(r) => {
                        refused.extend(r);
                        None
                    }
                },
                _ => None,
            };
            (refused, rules)
        })
        .collect::<Vec<_>>()
        .into_iter();

    // 3. Each accepted workbook written whole.
    let mut folder_ready: Option<Result<(), std::io::ErrorKind>> = None;
    let books = workbooks
        .iter()
        .zip(read)
        .map(|((name, _), r)| {
            let outcome = match r {
                Err(e) => Outcome::Invalid(e),
                Ok(book) => {
                    let (refused, rules) = verdicts.next().unwrap_or_default();
                    if refused.is_empty() {
                        let ready = folder_ready.get_or_insert_with(|| {
                            std::fs::create_dir_all(out).map_err(|e| e.kind())
                        });
                        match ready {
                            Ok(()) => write_book(out, &book, &existing, options, rules.as_ref()),
                            Err(kind) => Outcome::Failed((*kind).into()),
                        }
                    } else {
                        Outcome::Refused(refused)
                    }
                }
            };
            BookOutcome {
                name: name.clone(),
                outcome,
            }
        })
        .collect();
    Intake {
        books,
        no_round_workbook,
    }
}

/// `round.toml` as the folder will name its rules, and the copies that takes.
struct Travelling {
    text: String,
    copies: Vec<(std::path::PathBuf, Vec<u8>)>,
}

/// The round workbook's `round.toml` with its rules named as a folder that travels names them:
/// the criteria set the workbooks were read with, and the policy the workbook names (from the
/// folder), each by a shipped set's id or a path inside the folder, copied into it when it is
/// not shipped.
fn travelling(text: &str, set: &CriteriaSet, out: &Path) -> Result<Travelling, Vec<Refusal>> {
    let settings: Option<RoundSettings> = toml::from_str(text).ok();
    let mut refused = Vec::new();
    let mut place = |rule: RuleFile, named: RuleRef| match travel::place(&named, rule, out) {
        Ok(placed) => Some(placed),
        Err(problem) => {
            refused.push(Refusal::Rules { rule, problem });
            None
        }
    };
    let criteria = place(RuleFile::Criteria, set.origin());
    let policy = settings
        .and_then(|s| s.policy)
        .map(|p| place(RuleFile::Policy, RuleRef::named(&p, out, RuleFile::Policy)));
    if !refused.is_empty() {
        return Err(refused);
    }
    let quoted = |p: &Placed| toml::Value::String(p.written.clone()).to_string();
    let mut copies = Vec::new();
    let mut lines = Vec::new();
    for line in text.lines() {
        match (&criteria, &policy) {
            (Some(c), _) if line.starts_with("criteria = ") => {
                lines.push(format!("criteria = {}", quoted(c)));
            }
            (_, Some(Some(p))) if line.starts_with("policy = ") => {
                lines.push(format!("policy = {}", quoted(p)));
            }
            _ => lines.push(line.to_string()),
        }
    }
    for placed in criteria.into_iter().chain(policy.flatten()) {
        for (path, bytes) in placed.copies {
            if copies.iter().all(|(p, _)| *p != path) {
                copies.push((path, bytes));
            }
        }
    }
    Ok(Travelling {
        text: lines.join("\n") + "\n",
        copies,
    })
}

/// One accepted workbook's files, written together or not at all: each unit into the file
/// that holds its code, and with `round.toml`, the copies of the rules it names.
fn write_book(
    out: &Path,
    book: &Imported,
    existing: &BTreeMap<String, Vec<String>>,
    options: IntakeOptions,
    rules: Option<&Travelling>,
) -> Outcome {
    let mut files: Vec<(String, &[u8])> = book
        .units
        .iter()
        .map(|u| {
            let (file, _) = target(&u.evidence.unit().code, &u.file_name, existing);
            (file.to_string(), u.toml.as_bytes())
        })
        .collect();
    let mut copies = Vec::new();
    if let (true, Some(text)) = (options.round_toml, &book.round_toml) {
        let text = rules.map_or(text.as_str(), |r| r.text.as_str());
        files.push((SETTINGS.to_string(), text.as_bytes()));
        copies = rules.map_or(&[][..], |r| &r.copies).iter().collect();
    }
    let mut paths: Vec<PathBuf> = files.iter().map(|(name, _)| out.join(name)).collect();
    paths.extend(copies.iter().map(|(p, _)| out.join(p)));
    for dir in paths.iter().filter_map(|p| p.parent()) {
        if let Err(e) = std::fs::create_dir_all(dir) {
            return Outcome::Failed(e);
        }
    }
    let staged: Vec<(&Path, &[u8])> = paths
        .iter()
        .zip(
            files
                .iter()
                .map(|(_, b)| *b)
                .chain(copies.iter().map(|(_, b)| b.as_slice())),
        )
        .map(|(p, b)| (p.as_path(), b))
        .collect();
    match write_all_atomic(&staged) {
        Ok(()) => Outcome::Written(files.into_iter().map(|(name, _)| name).collect()),
        Err(e) => Outcome::Failed(e),
    }
}
