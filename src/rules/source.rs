//! Where the files of a criteria set or a policy are read from: the file system, the sets
//! shipped inside cfc, or the copies an output folder keeps of the files once evaluated. The
//! loader reads every file, and resolves every script, through one [`Tree`], so the same
//! validation, the same limits and the same located problems apply to all three.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::base::diag::{FileProblem, Problem, RulesProblem, ScriptFileProblem};
use crate::base::fsio::{slashed, tidy_path};
use crate::base::hash::sha256_hex;
use crate::rules::shipped;

/// The largest criteria set, policy, round settings file or script that is read: 64 KiB. The
/// national set is 21 KiB and a script a few hundred bytes; the bound keeps a set that names a
/// huge or endless file (`/dev/zero`) from exhausting memory.
pub const MAX_RULE_FILE_BYTES: u64 = 64 * 1024;

/// The tree a set's files are read from. A file is known by its *key*: its path in the tree
/// (the path as given, for the file system; the path in cfc's sources, for a shipped set). Its
/// name in results, dossiers and problems is [`Tree::shown`].
#[derive(Clone, Debug)]
pub(crate) enum Tree {
    /// The file system.
    Disk,
    /// The files compiled into cfc ([`shipped`]).
    Shipped,
    /// Copies of the files of a set once loaded, by the name each was shown as then (`shipped`:
    /// whether that set was a shipped one), so that a set loaded from them is named, resolved
    /// and hashed exactly as the original was. (Only `verify` reads copies: it needs the `pdf`
    /// and `xlsx` features.)
    #[cfg_attr(not(all(feature = "pdf", feature = "xlsx")), allow(dead_code))]
    Copies {
        shipped: bool,
        files: Arc<BTreeMap<String, PathBuf>>,
    },
}

/// Why a rule file's text could not be had, before anything in it is looked at.
pub(crate) enum Unread {
    Io(std::io::Error),
    Refused(ScriptFileProblem),
}

impl Tree {
    /// How a file of this tree is named in results, dossiers and problems.
    pub(crate) fn shown(&self, key: &Path) -> PathBuf {
        match self {
            Tree::Disk | Tree::Copies { shipped: false, .. } => key.to_path_buf(),
            Tree::Shipped | Tree::Copies { shipped: true, .. } => {
                PathBuf::from(format!("{}{}", shipped::PREFIX, slashed(key)))
            }
        }
    }

    /// A file's text and its SHA-256, within [`MAX_RULE_FILE_BYTES`].
    pub(crate) fn read(&self, key: &Path) -> Result<(String, String), Unread> {
        match self {
            Tree::Disk => read_file(key),
            Tree::Shipped => {
                let bytes = shipped::bytes(&slashed(key)).ok_or_else(not_found)?;
                bounded(bytes.to_vec(), bytes.len() as u64)
            }
            Tree::Copies { files, .. } => {
                let shown = self.shown(key).display().to_string();
                read_file(files.get(&shown).ok_or_else(not_found)?)
            }
        }
    }

    /// Checks that a script a rule file names (`named`, resolved to the key `script`) is
    /// relative, a `.rhai` file, and inside the tree the rule file may draw on: the folder
    /// that holds the rule file's folder. The shipped sets keep their scripts beside the
    /// folder of their TOML files (`criteria/x.toml` names `../scripts/x/…`), so the bound is
    /// that parent folder, one level up and never further. On the file system the bound is
    /// checked through symbolic links. The problem never quotes the file's content.
    pub(crate) fn contain(
        &self,
        rule_file: &Path,
        named: &Path,
        script: &Path,
    ) -> Result<(), Problem> {
        let written = named.display().to_string();
        if named.is_absolute() || named.has_root() {
            return Err(RulesProblem::ScriptPathAbsolute { path: written }.into());
        }
        if named.extension().is_none_or(|e| e != "rhai") {
            return Err(RulesProblem::ScriptNotRhai { path: written }.into());
        }
        let (root, inside) = match self {
            Tree::Disk => {
                let unreadable =
                    |e: std::io::Error| -> Problem { FileProblem::unreadable(&e).into() };
                let root = script_root(&std::fs::canonicalize(rule_file).map_err(unreadable)?);
                let real = std::fs::canonicalize(script).map_err(|e| RulesProblem::ScriptFile {
                    path: script.display().to_string(),
                    written: written.clone(),
                    problem: ScriptFileProblem::File(FileProblem::unreadable(&e)),
                })?;
                let inside = real.starts_with(&root);
                (root, inside)
            }
            // A tree without links: the bound is checked on the paths themselves.
            Tree::Shipped | Tree::Copies { .. } => {
                let root = script_root(&tidy_path(rule_file));
                let inside = script
                    .strip_prefix(&root)
                    .is_ok_and(|rest| !rest.components().any(|c| c == Component::ParentDir));
                (self.shown(&root), inside)
            }
        };
        if !inside {
            return Err(RulesProblem::ScriptOutside {
                path: written,
                root: root.display().to_string(),
            }
            .into());
        }
        Ok(())
    }
}

/// The folder that holds the rule file's folder.
fn script_root(rule_file: &Path) -> PathBuf {
    let folder = rule_file
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    folder.parent().map_or(folder.clone(), Path::to_path_buf)
}

fn not_found() -> Unread {
    Unread::Io(std::io::Error::from(std::io::ErrorKind::NotFound))
}

/// A rule file's text and its SHA-256, from the file system.
pub(crate) fn read_file(path: &Path) -> Result<(String, String), Unread> {
    // Looked at before it is opened: opening a FIFO would wait for a writer forever.
    let file = crate::base::fsio::open_regular(path)
        .map_err(Unread::Io)?
        .ok_or(Unread::Refused(ScriptFileProblem::NotRegularFile))?;
    let meta = file.metadata().map_err(Unread::Io)?;
    let bytes = crate::base::fsio::read_at_most(file, MAX_RULE_FILE_BYTES).map_err(Unread::Io)?;
    bounded(bytes, meta.len())
}

/// The text of a rule file's bytes, refused beyond [`MAX_RULE_FILE_BYTES`] or when not UTF-8.
fn bounded(bytes: Vec<u8>, size: u64) -> Result<(String, String), Unread> {
    if bytes.len() as u64 > MAX_RULE_FILE_BYTES {
        return Err(Unread::Refused(ScriptFileProblem::File(
            FileProblem::TooLarge {
                bytes: size.max(bytes.len() as u64),
                max: MAX_RULE_FILE_BYTES,
            },
        )));
    }
    let sha = sha256_hex(&bytes);
    // The bytes are never quoted: the file may be anything a hostile set points at.
    let text = String::from_utf8(bytes)
        .map_err(|_| Unread::Refused(ScriptFileProblem::File(FileProblem::NotUtf8)))?;
    Ok((text, sha))
}
