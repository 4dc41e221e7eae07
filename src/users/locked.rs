//! The users file's lock and atomic replacement, offered to the other files jwtctl edits in
//! place (key sets), so every edited file gets the same guarantees: one writer at a time, and
//! a reader sees the old file or the new one, never half of either.

use std::fs::Metadata;
use std::path::{Path, PathBuf};

use super::write::{lock, remove_stale_temps, resolve_links, write_atomic};
use super::StoreError;

/// Under the lock of `path` (symlinks followed), calls `edit` with the file the links end at
/// and its metadata (`None` when it does not exist yet); writes the bytes it returns atomically
/// (a new file gets mode 0600, an old one keeps its mode and owner). The bytes stay in the
/// caller's buffer, which may wipe itself on drop. `edit` returning `None` leaves the file
/// alone. Returns the file written.
pub fn edit_locked<E: From<StoreError>, B: AsRef<[u8]>>(
    path: &Path,
    edit: impl FnOnce(&Path, Option<&Metadata>) -> Result<Option<B>, E>,
) -> Result<PathBuf, E> {
    let target = resolve_links(path);
    let _lock = lock(&target, path)?;
    remove_stale_temps(&target);
    let meta = std::fs::metadata(&target).ok();
    if let Some(bytes) = edit(&target, meta.as_ref())? {
        write_atomic(&target, path, bytes.as_ref(), meta.as_ref())?;
    }
    Ok(target)
}
