//! A round folder that travels whole: its `round.toml` names each rule file either by the id of
//! a set shipped inside cfc or by a path inside the folder, never by a path of the machine it
//! was made on. [`place`] says how a folder should name a set, and which files to copy into it
//! (under `rules/`) when the set is neither shipped nor already inside.

use std::path::{Component, Path, PathBuf};

use crate::base::diag::{IoCause, RuleFile};
use crate::base::fsio::{slashed, tidy_path};
use crate::rules::shipped::{self, RuleRef};
use crate::rules::source::{Unread, read_file};

/// The folder of a round a set that is not shipped is copied into.
pub const RULES_FOLDER: &str = "rules";

/// How a round folder names a criteria set or a policy, and what to copy into it for that.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Placed {
    /// What `round.toml` writes: a shipped set's id, or a `/`-separated path from the folder.
    pub written: String,
    /// The files to write into the folder (paths from the folder, bytes), each a copy of a
    /// file of the set; empty when nothing needs copying (or every copy is already there).
    pub copies: Vec<(PathBuf, Vec<u8>)>,
}

/// Why a set cannot be made part of a round folder.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PlaceError {
    /// A file of the set cannot be read.
    #[error("{file}: cannot read the file: {reason}")]
    Unreadable {
        /// The file.
        file: String,
        /// Why, as far as the engine can tell.
        cause: IoCause,
        /// The operating system's words.
        reason: String,
    },
    /// The set's TOML file is not TOML: its scripts cannot be found.
    #[error("{file}: not a rule file: {detail}")]
    NotRules {
        /// The file.
        file: String,
        /// The parser's words.
        detail: String,
    },
    /// A script lies outside the folder that holds the set's folder: it cannot be copied
    /// beside the set (and the set would not load either).
    #[error("{file}: outside {root}, where the scripts of this set must be")]
    Outside {
        /// The script.
        file: String,
        /// The folder it should be in.
        root: String,
    },
    /// The round folder already holds another file where a copy would go: it is never
    /// replaced.
    #[error("{file}: already in the round folder, and different from the set's file")]
    Conflict {
        /// The file in the round folder.
        file: String,
    },
}

/// How the round folder `round_dir` should name `rules` (a `kind` of rule file): the id of a
/// shipped set — also for a file identical, byte for byte with every script, to a shipped one
/// — or the path of a set already inside the folder, or else `rules/…`, where its TOML file
/// and its scripts are copied with their layout.
pub fn place(rules: &RuleRef, kind: RuleFile, round_dir: &Path) -> Result<Placed, PlaceError> {
    let main = match rules {
        RuleRef::Shipped(s) => {
            return Ok(Placed {
                written: s.id.to_string(),
                copies: Vec::new(),
            });
        }
        RuleRef::File(main) => main,
    };
    let (id, files) = files_of(main)?;
    if let Some(id) = shipped_twin(&id, kind, main, &files) {
        return Ok(Placed {
            written: id,
            copies: Vec::new(),
        });
    }
    let abs = |p: &Path| tidy_path(&std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()));
    let dir = abs(round_dir);
    let paths: Vec<PathBuf> = files.iter().map(|(p, _)| abs(p)).collect();
    if paths.iter().all(|p| p.starts_with(&dir)) {
        return Ok(Placed {
            written: slashed(paths[0].strip_prefix(&dir).unwrap_or(&paths[0])),
            copies: Vec::new(),
        });
    }
    // The folder that holds the set's folder: where its scripts must be, so the layout below it
    // is copied as it is, and the copy loads as the original does.
    let root = paths[0]
        .parent()
        .and_then(Path::parent)
        .unwrap_or(Path::new(""))
        .to_path_buf();
    let mut copies = Vec::new();
    let mut written = String::new();
    for (path, (shown, bytes)) in paths.iter().zip(files) {
        let Ok(rest) = path.strip_prefix(&root) else {
            return Err(PlaceError::Outside {
                file: shown.display().to_string(),
                root: root.display().to_string(),
            });
        };
        let target = Path::new(RULES_FOLDER).join(rest);
        if written.is_empty() {
            written = slashed(&target);
        }
        match std::fs::read(round_dir.join(&target)) {
            Ok(there) if there == bytes => {}
            Ok(_) => {
                return Err(PlaceError::Conflict {
                    file: round_dir.join(&target).display().to_string(),
                });
            }
            Err(_) if round_dir.join(&target).symlink_metadata().is_ok() => {
                return Err(PlaceError::Conflict {
                    file: round_dir.join(&target).display().to_string(),
                });
            }
            Err(_) => copies.push((target, bytes)),
        }
    }
    Ok(Placed { written, copies })
}

/// The set's id, and its files: its TOML file first, then every script it names (every
/// `script = …` of the file), each with its bytes.
#[allow(clippy::type_complexity)]
fn files_of(main: &Path) -> Result<(String, Vec<(PathBuf, Vec<u8>)>), PlaceError> {
    let text = read(main)?;
    let table: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| PlaceError::NotRules {
            file: main.display().to_string(),
            detail: e.message().to_string(),
        })?;
    let mut scripts = Vec::new();
    scripts_in(&toml::Value::Table(table.clone()), &mut scripts);
    let base = main.parent().unwrap_or(Path::new(""));
    let mut files = vec![(main.to_path_buf(), text.into_bytes())];
    for script in scripts {
        let named = Path::new(&script);
        if named.is_absolute() || named.has_root() {
            return Err(PlaceError::Outside {
                file: script.clone(),
                root: base.display().to_string(),
            });
        }
        let path = tidy_path(&base.join(named));
        if files.iter().all(|(p, _)| *p != path) {
            let bytes = read(&path)?.into_bytes();
            files.push((path, bytes));
        }
    }
    let id = table.get("id").and_then(|v| v.as_str()).unwrap_or_default();
    Ok((id.to_string(), files))
}

/// Every string written as `script = …`, anywhere in the file, in order.
fn scripts_in(value: &toml::Value, out: &mut Vec<String>) {
    match value {
        toml::Value::Table(t) => {
            for (key, v) in t {
                match (key.as_str(), v) {
                    ("script", toml::Value::String(s)) => out.push(s.clone()),
                    _ => scripts_in(v, out),
                }
            }
        }
        toml::Value::Array(items) => items.iter().for_each(|v| scripts_in(v, out)),
        _ => {}
    }
}

/// The id of the shipped set of `kind` that these files are, byte for byte, if any.
fn shipped_twin(
    id: &str,
    kind: RuleFile,
    main: &Path,
    files: &[(PathBuf, Vec<u8>)],
) -> Option<String> {
    let twin = shipped::find(id, kind)?;
    let base = main.parent().unwrap_or(Path::new(""));
    let twin_base = Path::new(twin.file).parent().unwrap_or(Path::new(""));
    let same = files.iter().all(|(path, bytes)| {
        let in_twin = if path == main {
            PathBuf::from(twin.file)
        } else {
            // The same steps from the twin's folder as from the set's (`../scripts/…`).
            tidy_path(&twin_base.join(relative(path, base)))
        };
        shipped::bytes(&slashed(&in_twin)).is_some_and(|b| b == bytes.as_slice())
    });
    same.then(|| twin.id.to_string())
}

/// `path` as seen from the folder `base`, both lexical paths from the same place.
fn relative(path: &Path, base: &Path) -> PathBuf {
    let p: Vec<Component> = path.components().collect();
    let b: Vec<Component> = base.components().collect();
    let common = p.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut rel: PathBuf = b[common..].iter().map(|_| Component::ParentDir).collect();
    rel.extend(&p[common..]);
    rel
}

/// A rule file's text, within the bounds of any rule file.
fn read(path: &Path) -> Result<String, PlaceError> {
    read_file(path).map(|(text, _)| text).map_err(|e| {
        let (cause, reason) = match e {
            Unread::Io(e) => (IoCause::of(&e), e.to_string()),
            Unread::Refused(_) => (IoCause::Other, "not a readable rule file".to_string()),
        };
        PlaceError::Unreadable {
            file: path.display().to_string(),
            cause,
            reason,
        }
    })
}
