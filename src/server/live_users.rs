//! The users file as the server sees it: reloaded when it changes on disk, no restart needed.
//!
//! Each request that needs users stats the file (a microsecond, on the async worker) and
//! reloads when its modification time, size or inode changed. `jwtctl users` writes by atomic
//! rename, so a new inode is the usual signal; an editor saving in place changes mtime and
//! usually size. Reading and parsing run on the blocking pool. A small file (under 256 KiB,
//! well under a millisecond to read) is waited for by the request that noticed the change, so
//! the request after an edit sees it; a large one (100,000 users take a few hundred
//! milliseconds) is read by a background task while every request, that one too, is answered
//! from the version in service, and the new version is swapped in whole when it is ready.
//! Requests take the version in service without a lock (`arc_swap`). A version that does not
//! parse (a half-saved hand edit) is reported once and the previous one stays in service.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use arc_swap::ArcSwap;

use super::stamp::FileStamp;
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

/// A file at least this large is reloaded in the background.
const BACKGROUND: u64 = 256 * 1024;

/// The version in service and the stamp of the file it was read from (or that was tried).
struct Loaded {
    stamp: Option<FileStamp>,
    snapshot: Arc<Snapshot>,
}

struct Shared {
    path: PathBuf,
    format: Option<Format>,
    stderr: Stderr,
    current: ArcSwap<Loaded>,
    /// A background reload is running.
    background: AtomicBool,
}

/// Ends a background reload however its task ends.
struct BackgroundDone(Arc<Shared>);

impl Drop for BackgroundDone {
    fn drop(&mut self) {
        self.0.background.store(false, Ordering::Release);
    }
}

impl Shared {
    /// Puts what reading the file at `stamp` gave into service (or keeps the version before
    /// when it failed), telling which on stderr.
    fn install(
        &self,
        stamp: Option<FileStamp>,
        outcome: Result<Snapshot, String>,
    ) -> Arc<Snapshot> {
        let snapshot = match outcome {
            Ok(snapshot) => {
                self.stderr
                    .note(&format!("reloaded {}", self.path.display()));
                Arc::new(snapshot)
            }
            Err(e) => {
                self.stderr.note(&format!(
                    "cannot reload {}: {e}; still serving the previous version",
                    self.path.display()
                ));
                self.current.load().snapshot.clone()
            }
        };
        self.current.store(Arc::new(Loaded {
            stamp,
            snapshot: snapshot.clone(),
        }));
        snapshot
    }

    fn read(&self) -> Result<Snapshot, String> {
        read(&self.path, self.format, &self.stderr)
            .map(Snapshot::new)
            .map_err(|e| e.to_string())
    }
}

pub struct LiveUsers {
    shared: Arc<Shared>,
    /// Held while a small file is reloaded, so a burst of requests after an edit parses the
    /// file once; the others wait for it without holding a worker.
    reloading: tokio::sync::Mutex<()>,
}

impl LiveUsers {
    /// Loads the file once; a server without a readable users file refuses to start.
    pub fn open(
        path: &Path,
        format: Option<Format>,
        stderr: Stderr,
    ) -> crate::error::Result<LiveUsers> {
        let before = FileStamp::of(path);
        let users = read(path, format, &stderr)?;
        Ok(LiveUsers {
            shared: Arc::new(Shared {
                path: path.to_path_buf(),
                format,
                stderr,
                current: ArcSwap::from_pointee(Loaded {
                    stamp: before,
                    snapshot: Arc::new(Snapshot::new(users)),
                }),
                background: AtomicBool::new(false),
            }),
            reloading: tokio::sync::Mutex::new(()),
        })
    }

    /// The snapshot in service if the file still has stamp `now`.
    fn current_if(&self, now: Option<FileStamp>) -> Option<Arc<Snapshot>> {
        let cur = self.shared.current.load();
        (cur.stamp == now).then(|| cur.snapshot.clone())
    }

    /// The users as of now: a changed small file is reloaded first; a changed large one is
    /// reloaded in the background and the version in service answers meanwhile.
    pub async fn get(&self) -> Arc<Snapshot> {
        let now = FileStamp::of(&self.shared.path);
        if let Some(s) = self.current_if(now) {
            return s;
        }
        match now {
            Some(s) if s.len() >= BACKGROUND => self.reload_in_background(now),
            _ => self.reload().await,
        }
    }

    async fn reload(&self) -> Arc<Snapshot> {
        let _guard = self.reloading.lock().await;
        // Another request may have reloaded while this one waited.
        let now = FileStamp::of(&self.shared.path);
        if let Some(s) = self.current_if(now) {
            return s;
        }
        let outcome = match now {
            // A file that vanished (removed, or between unlink and rename) keeps the last users:
            // taking everyone's access away because of a moment of absence would be worse.
            None => Err("it is missing".to_string()),
            Some(_) => {
                let shared = self.shared.clone();
                tokio::task::spawn_blocking(move || shared.read())
                    .await
                    .unwrap_or_else(|e| Err(format!("reading it failed: {e}")))
            }
        };
        self.shared.install(now, outcome)
    }

    fn reload_in_background(&self, now: Option<FileStamp>) -> Arc<Snapshot> {
        let in_service = self.shared.current.load().snapshot.clone();
        // One at a time: a change made while it reads is seen by the first request after it
        // is done, since what it installs carries the stamp taken before reading.
        if !self.shared.background.swap(true, Ordering::AcqRel) {
            let done = BackgroundDone(self.shared.clone());
            tokio::task::spawn_blocking(move || {
                let outcome = done.0.read();
                done.0.install(now, outcome);
            });
        }
        in_service
    }
}
