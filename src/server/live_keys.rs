//! The key set `serve --jwks` signs with, reloaded when it changes on disk, no restart needed:
//! `jwtctl keyset add|activate|remove` (an atomic rename, so a new inode) or files dropped into
//! a folder of keys take effect at the next request. Checking costs a stat of the file, or of
//! the folder's key files; a version that cannot sign is reported once and the previous keys
//! stay in service.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use super::stamp::FileStamp;
use crate::keys::{Key, PassphraseSource};
use crate::output::Stderr;
use crate::warning::Warnings;

/// One version of a key set file, or of every member file of a folder.
fn stamp(path: &Path) -> Vec<(PathBuf, Option<FileStamp>)> {
    if path.is_dir() {
        crate::keyset::folder_members(path)
            .unwrap_or_default()
            .into_iter()
            .map(|f| {
                let s = FileStamp::of(&f);
                (f, s)
            })
            .collect()
    } else {
        vec![(path.to_path_buf(), FileStamp::of(path))]
    }
}

pub struct LiveKeys {
    pub path: PathBuf,
    passphrase: PassphraseSource,
    pub stderr: Stderr,
    /// The version last loaded (or last found unusable), held while reloading so that a burst
    /// of requests after an edit reads the set once.
    seen: Mutex<Vec<(PathBuf, Option<FileStamp>)>>,
}

impl LiveKeys {
    /// Watches `path` from its current version on. Reloads never prompt: an encrypted key
    /// dropped into a folder needs its passphrase from the file or environment serve was given.
    pub fn new(path: &Path, passphrase: &PassphraseSource, stderr: Stderr) -> LiveKeys {
        LiveKeys {
            path: path.to_path_buf(),
            passphrase: PassphraseSource {
                prompt: None,
                ..passphrase.clone()
            },
            stderr,
            seen: Mutex::new(stamp(path)),
        }
    }

    /// When the set changed since the last look, loads it, builds what serves it with `build`
    /// and hands that to `install`; a set that does not load or build is reported instead.
    pub fn refresh<T>(
        &self,
        build: impl FnOnce(Vec<Key>) -> Result<T, String>,
        install: impl FnOnce(T),
    ) {
        let mut seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        let now = stamp(&self.path);
        if *seen == now {
            return;
        }
        *seen = now;
        let mut warnings = Warnings::new();
        let loaded = crate::keyset::signing_keys(&self.path, None, &self.passphrase, &mut warnings)
            .map_err(|e| e.to_string())
            .and_then(build);
        for w in &warnings {
            self.stderr.tell(w);
        }
        match loaded {
            Ok(built) => install(built),
            Err(e) => self.stderr.note(&format!(
                "cannot reload {}: {e}; still signing with the previous keys",
                self.path.display()
            )),
        }
    }
}
