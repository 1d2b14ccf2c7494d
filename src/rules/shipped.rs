//! The criteria sets and policies shipped inside cfc: every file of `criteria/` (the cases files
//! apart) and of `scripts/`, compiled into the binary by `build.rs`. A round names a shipped set
//! by its id (`criteria = "qd-06-2019"`) and so needs no rule file beside it: the folder travels
//! alone. A shipped set is loaded with the same validation and limits as a file; its files are
//! named `cfc:criteria/qd-06-2019.toml` in results and dossiers, with the SHA-256 of the file in
//! the sources.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::base::diag::RuleFile;
use crate::base::fsio::tidy_path;

include!(concat!(env!("OUT_DIR"), "/shipped.rs"));

/// How the files of a shipped set are named in results, dossiers and problems:
/// `cfc:criteria/qd-06-2019.toml`, `cfc:scripts/qd-06-2019/7.1.rhai`.
pub const PREFIX: &str = "cfc:";

/// A criteria set or a policy shipped inside cfc.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Shipped {
    /// Its id, what `round.toml` writes: the file's name without `.toml` (`qd-06-2019`).
    pub id: &'static str,
    /// A criteria set or a policy.
    pub kind: RuleFile,
    /// Its file in cfc's sources (`criteria/qd-06-2019.toml`).
    pub file: &'static str,
}

/// Every shipped criteria set and policy: criteria sets first, each kind by id.
///
/// ```
/// use cfc::diag::RuleFile;
/// let ids: Vec<_> = cfc::rules::shipped::all().iter().map(|s| (s.id, s.kind)).collect();
/// assert_eq!(ids, [("qd-06-2019", RuleFile::Criteria), ("son-ha-2024", RuleFile::Policy)]);
/// ```
pub fn all() -> &'static [Shipped] {
    static ALL: OnceLock<Vec<Shipped>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut sets: Vec<Shipped> = FILES
            .iter()
            .filter_map(|(file, bytes)| {
                let id = file.strip_prefix("criteria/")?.strip_suffix(".toml")?;
                // A criteria set declares its `max_points`; a policy does not.
                let table: toml::Table = std::str::from_utf8(bytes).ok()?.parse().ok()?;
                let kind = if table.contains_key("max_points") {
                    RuleFile::Criteria
                } else {
                    RuleFile::Policy
                };
                Some(Shipped { id, kind, file })
            })
            .collect();
        sets.sort_by_key(|s| (s.kind, s.id));
        sets
    })
}

/// The shipped set of this kind with this id.
pub fn find(id: &str, kind: RuleFile) -> Option<Shipped> {
    all().iter().copied().find(|s| s.id == id && s.kind == kind)
}

/// The ids of the shipped sets of a kind, for a problem that names them.
pub fn ids(kind: RuleFile) -> Vec<String> {
    all()
        .iter()
        .filter(|s| s.kind == kind)
        .map(|s| s.id.to_string())
        .collect()
}

/// A criteria set or a policy as a round or a command names it: a shipped set by its id, or a
/// file by its path.
///
/// ```
/// use std::path::Path;
/// use cfc::diag::RuleFile;
/// use cfc::rules::shipped::RuleRef;
/// let round = Path::new("fixtures/son-ha-2024");
/// let set = RuleRef::named(Path::new("qd-06-2019"), round, RuleFile::Criteria);
/// assert_eq!(set.shown(), "cfc:criteria/qd-06-2019.toml");
/// let file = RuleRef::named(Path::new("rules/set.toml"), round, RuleFile::Criteria);
/// assert_eq!(file, RuleRef::File("fixtures/son-ha-2024/rules/set.toml".into()));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RuleRef {
    /// A set shipped inside cfc.
    Shipped(Shipped),
    /// A file (its scripts are resolved from its folder), by its path.
    File(PathBuf),
}

impl RuleRef {
    /// What `written` names, as `round.toml` writes it (`base`: the round folder) or a command's
    /// option (`base`: empty, the current folder): the shipped set of that kind with that id,
    /// else the path from `base`.
    pub fn named(written: &Path, base: &Path, kind: RuleFile) -> RuleRef {
        match written.to_str().and_then(|id| find(id, kind)) {
            Some(shipped) => RuleRef::Shipped(shipped),
            None => RuleRef::File(tidy_path(&base.join(written))),
        }
    }

    /// What a loaded set's path (as results name it) came from.
    pub(crate) fn of_shown(path: &Path) -> RuleRef {
        let file = path.to_str().and_then(|p| p.strip_prefix(PREFIX));
        match file.and_then(|f| all().iter().find(|s| s.file == f)) {
            Some(s) => RuleRef::Shipped(*s),
            None => RuleRef::File(path.to_path_buf()),
        }
    }

    /// How results and dossiers name its TOML file: `cfc:criteria/qd-06-2019.toml`, or the
    /// path.
    pub fn shown(&self) -> String {
        match self {
            RuleRef::Shipped(s) => format!("{PREFIX}{}", s.file),
            RuleRef::File(path) => path.display().to_string(),
        }
    }
}

/// Whether what a round or a command writes has the shape of an id rather than of a path (no
/// folder, no extension): when it names no file either, the problem lists the shipped sets.
pub fn id_shaped(written: &Path) -> bool {
    written.components().count() == 1 && written.extension().is_none()
}

/// The bytes of a shipped file, by its `/`-separated path in cfc's sources.
pub(crate) fn bytes(file: &str) -> Option<&'static [u8]> {
    FILES.iter().find(|(f, _)| *f == file).map(|(_, b)| *b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_file_is_the_file_of_the_sources() {
        for (file, bytes) in FILES {
            assert_eq!(
                std::fs::read(file).unwrap(),
                *bytes,
                "{file} differs from the sources"
            );
        }
        assert!(
            FILES
                .iter()
                .any(|(f, _)| *f == "scripts/qd-06-2019/7.1.rhai")
        );
        assert!(!FILES.iter().any(|(f, _)| f.ends_with(".cases.toml")));
    }
}
