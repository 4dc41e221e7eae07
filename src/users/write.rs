//! The lock writers take, and the atomic replacement of the file (temp file, fsync, rename,
//! fsync of the folder).

use std::fs::{self, File, Metadata, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::error::io_err;
use super::model::mode;
use super::StoreError;

/// The file a chain of symlinks ends at, existing or not, so that an edit writes there
/// instead of replacing the link with a plain file.
pub(super) fn resolve_links(path: &Path) -> PathBuf {
    let mut current = path.to_path_buf();
    // Linux gives up after 40 links too (ELOOP).
    for _ in 0..40 {
        match fs::read_link(&current) {
            Ok(target) => {
                current = match current.parent() {
                    Some(dir) => dir.join(target),
                    None => target,
                }
            }
            Err(_) => break,
        }
    }
    current
}

/// Takes the exclusive lock on `FILE.lock`, waiting for other writers. Released on drop.
pub(super) fn lock(target: &Path, shown: &Path) -> Result<File, StoreError> {
    let mut name = target.as_os_str().to_owned();
    name.push(".lock");
    let lock_path = PathBuf::from(name);
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(&lock_path).map_err(|source| StoreError::Io {
        action: "create the lock file for",
        path: shown.to_path_buf(),
        source,
    })?;
    file.lock().map_err(|source| StoreError::Io {
        action: "lock",
        path: shown.to_path_buf(),
        source,
    })?;
    Ok(file)
}

/// Random characters in a temp file's name (`.users.toml.jwtctl-AbC123.tmp`).
pub(super) const TEMP_RAND_LEN: usize = 6;

/// Removes the temp files of writers killed before their rename (SIGKILL, power loss), which
/// would otherwise pile up beside the file. Called under the lock, when no writer is
/// mid-write; only names of exactly our shape are touched.
pub(super) fn remove_stale_temps(target: &Path) {
    let Some(name) = target.file_name().and_then(|n| n.to_str()) else {
        return;
    };
    let prefix = temp_prefix(name);
    let Ok(entries) = fs::read_dir(folder(target)) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(middle) = file_name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .and_then(|n| n.strip_suffix(".tmp"))
        else {
            continue;
        };
        let ours = middle.len() == TEMP_RAND_LEN
            && middle.bytes().all(|b| b.is_ascii_alphanumeric())
            && entry.file_type().is_ok_and(|t| t.is_file());
        if ours {
            let _ = fs::remove_file(entry.path());
        }
    }
}

pub(super) fn temp_prefix(file_name: &str) -> String {
    format!(".{file_name}.jwtctl-")
}

pub(super) fn folder(target: &Path) -> &Path {
    match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Temp file in the same folder, same mode and owner as the old file (0600 for a new one),
/// fsync, rename over the target, fsync the folder. On any failure the temp file is removed
/// and the old file is as it was.
pub(super) fn write_atomic(
    target: &Path,
    shown: &Path,
    bytes: &[u8],
    old: Option<&Metadata>,
) -> Result<(), StoreError> {
    let dir = folder(target);
    let file_name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "users".into());
    let failed = |action: &'static str| io_err(action, shown);
    let mut tmp = tempfile::Builder::new()
        .prefix(&temp_prefix(&file_name))
        .suffix(".tmp")
        .rand_bytes(TEMP_RAND_LEN)
        .tempfile_in(dir)
        .map_err(failed("create a temporary file beside"))?;
    tmp.write_all(bytes).map_err(failed("write"))?;
    tmp.flush().map_err(failed("write"))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let mode = old.and_then(mode).unwrap_or(0o600);
        tmp.as_file()
            .set_permissions(fs::Permissions::from_mode(mode))
            .map_err(failed("set the permissions of"))?;
        if let Some(m) = old {
            // Only root can give a file away; for anyone else the owner is already theirs.
            let _ = std::os::unix::fs::fchown(tmp.as_file(), Some(m.uid()), Some(m.gid()));
        }
    }
    tmp.as_file().sync_all().map_err(failed("write"))?;
    tmp.persist(target).map_err(|e| StoreError::Io {
        action: "replace",
        path: shown.to_path_buf(),
        source: e.error,
    })?;
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(failed("sync the folder of"))?;
    Ok(())
}
