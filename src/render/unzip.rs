//! `cfc verify OUT.zip`: an output folder sent or archived as a zip verifies as the folder does.
//! The zip is unpacked into a temporary folder (removed afterwards) with bounds — every name
//! kept inside the folder, no link, at most [`MAX_ENTRIES`] entries and [`MAX_TOTAL`] bytes
//! however the zip declares its sizes — and the folder is verified there.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::audit::findings::Finding;
use crate::render::output::RESULTS_JSON;

/// The most entries a zip of an output folder is read with: a round of 10,000 units writes
/// about 20,000 files.
pub const MAX_ENTRIES: usize = 100_000;

/// The most bytes a zip of an output folder is unpacked to: 10,000 units make about 1 GiB.
pub const MAX_TOTAL: u64 = 4 << 30;

/// Unpacks the zip and verifies the output folder it holds (at its root, or in its one
/// folder) with `verify`.
pub(crate) fn verify_zip(zip: &Path, verify: fn(&Path) -> Vec<Finding>) -> Vec<Finding> {
    let tmp = match tempfile::Builder::new().prefix(".cfc-verify-").tempdir() {
        Ok(t) => t,
        Err(e) => return unreadable(&e),
    };
    if let Err(finding) = unpack(zip, tmp.path()) {
        return vec![finding];
    }
    let Some(root) = folder_of_results(tmp.path()) else {
        return vec![Finding::ZipNoResults];
    };
    verify(&root)
        .into_iter()
        .map(|f| match f {
            // The only finding that names a path: said inside the zip, not in the temporary
            // folder.
            Finding::ResultsUnreadable { detail, .. } => Finding::ResultsUnreadable {
                file: format!("{}:{RESULTS_JSON}", zip.display()),
                detail,
            },
            other => other,
        })
        .collect()
}

fn unreadable(e: &dyn std::fmt::Display) -> Vec<Finding> {
    vec![Finding::ZipUnreadable {
        detail: e.to_string(),
    }]
}

/// Every entry of the zip into `to`, or the first reason not to.
fn unpack(zip: &Path, to: &Path) -> Result<(), Finding> {
    let bad = |e: &dyn std::fmt::Display| Finding::ZipUnreadable {
        detail: e.to_string(),
    };
    let file = std::fs::File::open(zip).map_err(|e| bad(&e))?;
    let mut archive = zip::ZipArchive::new(file).map_err(|e| bad(&e))?;
    if archive.len() > MAX_ENTRIES {
        return Err(bad(&format!(
            "{} entries, more than the {MAX_ENTRIES} of any output folder",
            archive.len()
        )));
    }
    let mut total = 0u64;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| bad(&e))?;
        let refused = || Finding::ZipEntryRefused {
            entry: entry.name().map(|n| n.into_owned()).unwrap_or_default(),
        };
        let Some(name) = entry.enclosed_name() else {
            return Err(refused());
        };
        if entry.is_symlink() {
            return Err(refused());
        }
        let path = to.join(&name);
        if entry.is_dir() {
            std::fs::create_dir_all(&path).map_err(|e| bad(&e))?;
            continue;
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| bad(&e))?;
        }
        let mut out = std::fs::File::create(&path).map_err(|e| bad(&e))?;
        // The bytes it expands to, not the size it declares, count against the bound.
        let left = MAX_TOTAL - total;
        let n = std::io::copy(&mut (&mut entry).take(left + 1), &mut out).map_err(|e| bad(&e))?;
        total += n;
        if total > MAX_TOTAL {
            return Err(Finding::ZipTooLarge { max: MAX_TOTAL });
        }
    }
    Ok(())
}

/// The folder holding `results.json`: the zip's root, or its one folder (a zip of the output
/// folder itself rather than of its files).
fn folder_of_results(root: &Path) -> Option<PathBuf> {
    if root.join(RESULTS_JSON).is_file() {
        return Some(root.to_path_buf());
    }
    let folders: Vec<PathBuf> = std::fs::read_dir(root)
        .ok()?
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.path())
        .collect();
    match folders.as_slice() {
        [one] if one.join(RESULTS_JSON).is_file() => Some(one.clone()),
        _ => None,
    }
}
