//! `manifest.json`: every file of an output folder with its SHA-256, and where the copies of the
//! round's inputs stand for their originals. `cfc evaluate --out` writes it last; `cfc verify`
//! reads it to find the copies, so that an output folder proves itself alone — moved, copied to
//! another machine or unzipped, with the round it was made from deleted.
//!
//! The copies are under `inputs/`: `inputs/round/` holds `round.toml` and the evidence files as
//! they were read (and the rule files kept inside the round folder, at their place), so that a
//! round naming its rules by a shipped set's id or an in-folder path evaluates again from it;
//! `inputs/cfc/` the files of the sets shipped inside cfc (`cfc:criteria/…` → `criteria/…`);
//! `inputs/outside/criteria/` and `inputs/outside/policy/` the sets kept outside the round
//! folder, with the layout below the folder that holds their folder.

use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The name of the manifest in an output folder.
pub const MANIFEST: &str = "manifest.json";

/// The folder of an output folder that holds the copies of the inputs.
pub const INPUTS: &str = "inputs";

/// What this manifest's format is called; a later format gets another number.
pub const FORMAT: &str = "cfc-output/1";

/// The manifest of an output folder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Manifest {
    /// The format, [`FORMAT`].
    pub format: String,
    /// The engine that wrote the folder.
    pub engine: String,
    /// The round folder as it was given when evaluating: the copies are named after it.
    pub round: String,
    /// The criteria set: its TOML file as results name it, and whether it is shipped with cfc.
    pub criteria: RulesCopy,
    /// The policy, if any, likewise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<RulesCopy>,
    /// Every file of the folder but this one, sorted by name.
    pub files: Vec<Entry>,
}

/// How the results name a set's TOML file, and where it came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RulesCopy {
    /// The TOML file, as results name it (`cfc:criteria/qd-06-2019.toml`, or a path).
    pub file: String,
    /// Whether it is a set shipped with cfc.
    pub shipped: bool,
}

/// One file of the output folder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Its path in the folder, `/`-separated.
    pub file: String,
    /// Lower-case hex SHA-256 of its bytes.
    pub sha256: String,
    /// What it is.
    pub role: Role,
    /// For a copy, the file it is a copy of, as results name it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_of: Option<String>,
}

/// What a file of an output folder is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Role {
    /// `results.json`, `results.csv` or `results.xlsx`.
    Results,
    /// A unit's dossier or the summary.
    Dossier,
    /// The copy of `round.toml`.
    Settings,
    /// The copy of an evidence file.
    Evidence,
    /// The copy of a file of the criteria set (its TOML file or a script).
    Criteria,
    /// The copy of a file of the policy.
    Policy,
}

impl Manifest {
    /// The entries of a role.
    pub fn of(&self, role: Role) -> impl Iterator<Item = &Entry> {
        self.files.iter().filter(move |e| e.role == role)
    }
}

/// Where the copy of an input goes in the output folder, from its path as results name it.
/// `round` is the round folder as given; `set_root` the folder that holds the folder of the
/// TOML file of the set the file belongs to (for a rule file); `role` what the file is.
pub(crate) fn copy_place(file: &str, round: &Path, set_root: Option<&Path>, role: Role) -> PathBuf {
    let inputs = Path::new(INPUTS);
    if let Some(key) = file.strip_prefix(crate::rules::shipped::PREFIX) {
        return inputs.join("cfc").join(key);
    }
    // An empty path (a set in the current folder's subfolder has no folder above) is the
    // current folder.
    let abs = |p: &Path| {
        let p = if p.as_os_str().is_empty() {
            Path::new(".")
        } else {
            p
        };
        crate::base::fsio::tidy_path(&std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()))
    };
    let path = abs(Path::new(file));
    if let Ok(rest) = path.strip_prefix(abs(round)) {
        return inputs.join("round").join(rest);
    }
    let kind = if role == Role::Policy {
        "policy"
    } else {
        "criteria"
    };
    let outside = inputs.join("outside").join(kind);
    match set_root.map(|r| path.strip_prefix(abs(r))) {
        Some(Ok(rest)) => outside.join(rest),
        // Not below its set's folder (a link the set followed): under its own name.
        _ => outside.join(path.file_name().unwrap_or_default()),
    }
}

/// A manifest path as written (`/`-separated), or `None` when it would leave the folder.
pub(crate) fn inside(out: &Path, file: &str) -> Option<PathBuf> {
    let rel = Path::new(file);
    let plain = rel.components().all(|c| matches!(c, Component::Normal(_)));
    (plain && !file.is_empty() && !file.contains('\\')).then(|| out.join(rel))
}
