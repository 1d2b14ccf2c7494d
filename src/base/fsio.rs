//! Files in and out, the same way everywhere: paths tidied for display, outputs written whole
//! or not at all.

use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};

/// Removes `.` and `dir/..` from a path without touching the file system, so that paths
/// printed in results are short and the same on every machine.
pub fn tidy_path(path: &Path) -> PathBuf {
    let mut out: Vec<Component> = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.last(), Some(Component::Normal(_))) => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out.iter().collect()
}

/// A relative path written with `/` on every system, as `round.toml`, the manifest and the
/// shipped rules write paths.
pub fn slashed(path: &Path) -> String {
    let parts: Vec<String> = path
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so a
/// reader never sees half a file and a failure leaves the old file in place.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_all_atomic(&[(path, bytes)])
}

/// Writes several files as one: each is written whole to a temporary file first, and only
/// when all are written are they renamed into place. A failure while writing (a full disk)
/// leaves every old file in place and no new one.
pub fn write_all_atomic(files: &[(&Path, &[u8])]) -> std::io::Result<()> {
    let staged = files
        .iter()
        .map(|(path, bytes)| stage(path, bytes))
        .collect::<std::io::Result<Vec<_>>>()?;
    for ((path, _), tmp) in files.iter().zip(staged) {
        tmp.persist(path).map_err(|e| e.error)?;
    }
    Ok(())
}

/// `bytes` in a temporary file beside `path`, synced, with the permissions of a result.
fn stage(path: &Path, bytes: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".cfc-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    // A temporary file is private (0600); the result is a report meant to be read by others.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// The largest `results.json` read: 10,000 units make about 215 MB.
pub const MAX_RESULTS: u64 = 1 << 30;

/// The error of a file larger than `limit` bytes: more than cfc ever writes, so not ours.
pub(crate) fn too_large(limit: u64) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        format!(
            "larger than {} MiB, more than any output of cfc",
            limit >> 20
        ),
    )
}

/// Opens a file to read only when it is a regular file (links followed), looked at BEFORE it
/// is opened: opening a FIFO waits for a writer that may never come, and a device may never
/// end. `Ok(None)` for anything else (a FIFO, a device, a socket, a folder).
pub(crate) fn open_regular(path: &Path) -> std::io::Result<Option<std::fs::File>> {
    if !std::fs::metadata(path)?.is_file() {
        return Ok(None);
    }
    std::fs::File::open(path).map(Some)
}

/// An opened file read to its end, or to one byte beyond `max`, so that a caller tells a file
/// at its limit from one beyond it by the length, and a file that grows without end is never
/// read whole. The buffer is sized once from the file's length: grown step by step from
/// nothing, it cost a third of reading a round of small evidence files.
pub(crate) fn read_at_most(file: std::fs::File, max: u64) -> std::io::Result<Vec<u8>> {
    let expected = file.metadata().map_or(0, |m| m.len()).min(max + 1);
    let mut bytes = Vec::with_capacity(usize::try_from(expected).unwrap_or(0));
    file.take(max + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// [`open_regular`] for readers whose only error is the system's: anything but a regular
/// file is an `InvalidInput` error.
pub(crate) fn open_file(path: &Path) -> std::io::Result<std::fs::File> {
    open_regular(path)?.ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file (a FIFO, a device or a folder)",
        )
    })
}

/// A file read whole, refused beyond [`MAX_RESULTS`] bytes; a FIFO or a device is refused
/// before it is opened.
pub fn read_capped(path: &Path) -> std::io::Result<Vec<u8>> {
    let bytes = read_at_most(open_file(path)?, MAX_RESULTS)?;
    if bytes.len() as u64 > MAX_RESULTS {
        return Err(too_large(MAX_RESULTS));
    }
    Ok(bytes)
}
