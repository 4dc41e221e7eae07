//! The users file as the server sees it: reloaded when it changes on disk, no restart needed.
//!
//! Each request that needs users stats the file (a microsecond) and reloads when its
//! modification time, size or inode changed. `jwtctl users` writes by atomic rename, so a new
//! inode is the usual signal; an editor saving in place changes mtime and usually size. A
//! version that does not parse (a half-saved hand edit) is reported once and the previous one
//! stays in service.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::SystemTime;

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
fn read(path: &Path, format: Option<Format>) -> Result<Users, crate::users::StoreError> {
    let users = Users::read(path, format)?;
    if let Some(w) = users.permission_warning() {
        crate::output::tell(&w);
    }
    Ok(users)
}

pub struct LiveUsers {
    path: PathBuf,
    format: Option<Format>,
    current: RwLock<(Option<Stamp>, Arc<Snapshot>)>,
    /// Held while reloading, so a burst of requests after an edit parses the file once.
    reloading: Mutex<()>,
}

impl LiveUsers {
    /// Loads the file once; a server without a readable users file refuses to start.
    pub fn open(path: &Path, format: Option<Format>) -> crate::error::Result<LiveUsers> {
        let before = stamp(path);
        let users = read(path, format)?;
        Ok(LiveUsers {
            path: path.to_path_buf(),
            format,
            current: RwLock::new((before, Arc::new(Snapshot::new(users)))),
            reloading: Mutex::new(()),
        })
    }

    /// The users as of now: the file is reloaded first if it changed.
    pub fn get(&self) -> Arc<Snapshot> {
        let now = stamp(&self.path);
        {
            let cur = self.current.read().expect("users lock");
            if cur.0 == now {
                return cur.1.clone();
            }
        }
        let _guard = self.reloading.lock().expect("reload lock");
        // Another request may have reloaded while this one waited.
        let now = stamp(&self.path);
        {
            let cur = self.current.read().expect("users lock");
            if cur.0 == now {
                return cur.1.clone();
            }
        }
        let outcome = match now {
            // A file that vanished (removed, or between unlink and rename) keeps the last users:
            // taking everyone's access away because of a moment of absence would be worse.
            None => Err("it is missing".to_string()),
            Some(_) => read(&self.path, self.format).map_err(|e| e.to_string()),
        };
        let mut cur = self.current.write().expect("users lock");
        cur.0 = now;
        match outcome {
            Ok(users) => {
                cur.1 = Arc::new(Snapshot::new(users));
                crate::output::note(&format!("reloaded {}", self.path.display()));
            }
            Err(e) => crate::output::note(&format!(
                "cannot reload {}: {e}; still serving the previous version",
                self.path.display()
            )),
        }
        cur.1.clone()
    }
}
