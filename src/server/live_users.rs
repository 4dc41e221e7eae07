//! The users file as the server sees it: reloaded when it changes on disk, no restart needed.
//!
//! Each request that needs users stats the file (a microsecond, on the async worker) and
//! reloads when its modification time, size or inode changed. Reading and parsing run on the
//! blocking pool: a large file takes milliseconds, which no other request should wait for. `jwtctl users` writes by atomic rename, so a new
//! inode is the usual signal; an editor saving in place changes mtime and usually size. A
//! version that does not parse (a half-saved hand edit) is reported once and the previous one
//! stays in service.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError, RwLock};
use std::time::SystemTime;

use crate::output::Stderr;
use crate::users::{Format, User, Users};

/// One version of the users file, indexed by name: `/me` looks a user up on every request.
pub struct Snapshot {
    pub users: Users,
    index: HashMap<String, usize>,
}

impl Snapshot {
    fn new(users: Users) -> Snapshot {
        let mut index = HashMap::with_capacity(users.users.len());
        for (i, u) in users.users.iter().enumerate() {
            // The first entry wins, as in `Users::get`.
            index.entry(u.name.clone()).or_insert(i);
        }
        Snapshot { users, index }
    }

    pub fn user(&self, name: &str) -> Option<&User> {
        self.index.get(name).map(|&i| &self.users.users[i])
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
    inode: u64,
}

fn stamp(path: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&m);
    #[cfg(not(unix))]
    let inode = 0;
    Some(Stamp {
        modified: m.modified().ok(),
        len: m.len(),
        inode,
    })
}

/// Reads the users file, telling on stderr what is worth a warning.
fn read(
    path: &Path,
    format: Option<Format>,
    stderr: &Stderr,
) -> Result<Users, crate::users::StoreError> {
    let users = Users::read(path, format)?;
    if let Some(w) = users.permission_warning() {
        stderr.tell(&w);
    }
    Ok(users)
}

pub struct LiveUsers {
    path: PathBuf,
    format: Option<Format>,
    stderr: Stderr,
    current: RwLock<(Option<Stamp>, Arc<Snapshot>)>,
    /// Held while reloading, so a burst of requests after an edit parses the file once; the
    /// others wait for it without holding a worker.
    reloading: tokio::sync::Mutex<()>,
}

impl LiveUsers {
    /// Loads the file once; a server without a readable users file refuses to start.
    pub fn open(
        path: &Path,
        format: Option<Format>,
        stderr: Stderr,
    ) -> crate::error::Result<LiveUsers> {
        let before = stamp(path);
        let users = read(path, format, &stderr)?;
        Ok(LiveUsers {
            path: path.to_path_buf(),
            format,
            stderr,
            current: RwLock::new((before, Arc::new(Snapshot::new(users)))),
            reloading: tokio::sync::Mutex::new(()),
        })
    }

    /// The snapshot in service if the file still has stamp `now`. The lock is only ever held
    /// to copy or swap an `Arc`, so a poisoned one still holds a whole snapshot.
    fn current_if(&self, now: Option<Stamp>) -> Option<Arc<Snapshot>> {
        let cur = self.current.read().unwrap_or_else(PoisonError::into_inner);
        (cur.0 == now).then(|| cur.1.clone())
    }

    /// The users as of now: the file is reloaded first if it changed.
    pub async fn get(&self) -> Arc<Snapshot> {
        if let Some(s) = self.current_if(stamp(&self.path)) {
            return s;
        }
        let _guard = self.reloading.lock().await;
        // Another request may have reloaded while this one waited.
        let now = stamp(&self.path);
        if let Some(s) = self.current_if(now) {
            return s;
        }
        let outcome = match now {
            // A file that vanished (removed, or between unlink and rename) keeps the last users:
            // taking everyone's access away because of a moment of absence would be worse.
            None => Err("it is missing".to_string()),
            Some(_) => {
                let (path, format, stderr) = (self.path.clone(), self.format, self.stderr);
                tokio::task::spawn_blocking(move || {
                    read(&path, format, &stderr)
                        .map(Snapshot::new)
                        .map_err(|e| e.to_string())
                })
                .await
                .unwrap_or_else(|e| Err(format!("reading it failed: {e}")))
            }
        };
        let mut cur = self.current.write().unwrap_or_else(PoisonError::into_inner);
        cur.0 = now;
        match outcome {
            Ok(snapshot) => {
                cur.1 = Arc::new(snapshot);
                self.stderr
                    .note(&format!("reloaded {}", self.path.display()));
            }
            Err(e) => self.stderr.note(&format!(
                "cannot reload {}: {e}; still serving the previous version",
                self.path.display()
            )),
        }
        cur.1.clone()
    }
}
