//! What a users file holds: users, their names, and the file's format.

use std::fs::Metadata;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::clients::{self, Client};
use super::parse::{parse, parse_users, read_text, utf8_text};
use super::scan;
use super::StoreError;
use crate::warning::{Level, Warning};

/// Longest user name, in bytes.
pub const MAX_NAME_LEN: usize = 256;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Json,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Toml => "TOML",
            Format::Json => "JSON",
        }
    }

    /// The `--users-format` flag, else the extension, else the content (`{` starts JSON),
    /// else TOML.
    pub fn detect(path: &Path, flag: Option<Format>, text: Option<&str>) -> Format {
        if let Some(f) = flag {
            return f;
        }
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("json") => Format::Json,
            Some(e) if e.eq_ignore_ascii_case("toml") => Format::Toml,
            _ if text.is_some_and(|t| t.trim_start().starts_with('{')) => Format::Json,
            _ => Format::Toml,
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub name: String,
    /// PHC or bcrypt string; empty when the file has none.
    pub password_hash: String,
    pub scopes: Vec<String>,
    /// Put into the user's tokens.
    pub claims: Map<String, Value>,
    pub disabled: bool,
    /// Fields jwtctl does not use (`full_name`, `email`, ...), kept as they are.
    pub other: Map<String, Value>,
}

impl User {
    pub fn new(name: impl Into<String>, password_hash: impl Into<String>) -> User {
        User {
            name: name.into(),
            password_hash: password_hash.into(),
            scopes: Vec::new(),
            claims: Map::new(),
            disabled: false,
            other: Map::new(),
        }
    }
}

/// Refuses names that cannot be a user: empty, over [`MAX_NAME_LEN`] bytes, or holding control
/// characters (they would garble terminals and logs).
pub fn check_name(name: &str) -> Result<(), StoreError> {
    let reason = if name.is_empty() {
        "it is empty".to_string()
    } else if name.len() > MAX_NAME_LEN {
        format!(
            "it is {} bytes, over the {MAX_NAME_LEN}-byte limit",
            name.len()
        )
    } else if name.chars().any(char::is_control) {
        "it contains control characters".to_string()
    } else {
        return Ok(());
    };
    Err(StoreError::BadName(reason))
}

/// The users of one users file, as read at one moment.
#[derive(Debug, Clone)]
pub struct Users {
    pub path: PathBuf,
    pub format: Format,
    pub users: Vec<User>,
    /// The OAuth2 clients (`[clients.NAME]`), for the `client_credentials` grant.
    pub clients: Vec<Client>,
    /// The file's `upgrade_hashes = true`: replace outdated hashes after a successful login.
    pub upgrade_hashes: bool,
    /// Unix permission bits of the file.
    pub mode: Option<u32>,
}

impl Users {
    /// Reads and validates the file; prints nothing. A missing file is an error.
    pub fn read(path: &Path, format: Option<Format>) -> Result<Users, StoreError> {
        Users::read_with(path, format, scan::all_users)
    }

    /// [`Users::read`] for a command that needs one user. A large file is not parsed whole:
    /// only its top and that user's own entries are, so the answer holds that user (when there
    /// is one) and the file's settings, not every user.
    pub fn read_one(path: &Path, format: Option<Format>, name: &str) -> Result<Users, StoreError> {
        Users::read_with(path, format, |format, text| {
            scan::one_user(format, text, name)
        })
    }

    fn read_with(
        path: &Path,
        format: Option<Format>,
        large: impl FnOnce(Format, &str) -> Option<(Vec<User>, bool)>,
    ) -> Result<Users, StoreError> {
        let (text, meta) = match read_text(path)? {
            Some(x) => x,
            None => {
                return Err(StoreError::Missing {
                    path: path.to_path_buf(),
                })
            }
        };
        let format = Format::detect(path, format, Some(&text));
        let fast = if text.len() >= scan::LARGE {
            large(format, &text)
        } else {
            None
        };
        let (users, upgrade_hashes) = match fast {
            Some(read) => read,
            None => parse_users(path, format, &text)?,
        };
        let clients = clients::read(path, format, &text)?;
        clients::check_apart(path, &users, &clients)?;
        Ok(Users {
            path: path.to_path_buf(),
            format,
            users,
            clients,
            upgrade_hashes,
            mode: mode(&meta),
        })
    }

    /// Parses the bytes of a users file as [`Users::read`] does (UTF-8, then TOML or JSON,
    /// then every user), without touching the disk; `path` only names it in errors.
    pub fn from_bytes(bytes: &[u8], path: &Path, format: Format) -> Result<Users, StoreError> {
        let text = utf8_text(path, bytes.to_vec())?;
        let parsed = parse(path, format, &text)?;
        let clients = clients::read(path, format, &text)?;
        clients::check_apart(path, &parsed.users, &clients)?;
        Ok(Users {
            path: path.to_path_buf(),
            format,
            users: parsed.users,
            clients,
            upgrade_hashes: parsed.upgrade_hashes,
            mode: None,
        })
    }

    pub fn get(&self, name: &str) -> Option<&User> {
        self.users.iter().find(|u| u.name == name)
    }

    pub fn client(&self, name: &str) -> Option<&Client> {
        self.clients.iter().find(|c| c.name == name)
    }

    /// Password hashes are offline-crackable; group or world read access deserves a word.
    pub fn permission_warning(&self) -> Option<Warning> {
        permission_warning(&self.path, self.mode?)
    }

    /// For `verify --check-user`: what is wrong with the token's `sub` as a user, if anything.
    pub fn check_subject(&self, claims: &Map<String, Value>) -> Option<String> {
        let path = self.path.display();
        match claims.get("sub") {
            None => Some("the token has no sub claim, so it names no user".into()),
            // A client_credentials token names its client in sub: the client must still be
            // there and enabled, as a user must.
            Some(Value::String(sub)) => match (self.get(sub), self.client(sub)) {
                (Some(u), _) if u.disabled => Some(format!("user \"{sub}\" is disabled in {path}")),
                (Some(_), _) => None,
                (None, Some(c)) if c.disabled => {
                    Some(format!("client \"{sub}\" is disabled in {path}"))
                }
                (None, Some(_)) => None,
                (None, None) => Some(format!("sub \"{sub}\" is not a user or a client in {path}")),
            },
            Some(other) => Some(format!("sub is not a string but {other}")),
        }
    }
}

pub(super) fn permission_warning(path: &Path, mode: u32) -> Option<Warning> {
    let (path, bits) = (path.display(), mode & 0o777);
    let message = if mode & 0o044 != 0 {
        format!(
            "{path} is readable by other users (mode {bits:o}) and holds password hashes; run chmod 600 {path}"
        )
    } else if mode & 0o022 != 0 {
        format!(
            "{path} is writable by other users (mode {bits:o}), who could add users or set passwords; run chmod 600 {path}"
        )
    } else {
        return None;
    };
    Some(Warning::new(Level::Medium, "users-file-mode", message))
}

#[cfg(unix)]
pub(super) fn mode(meta: &Metadata) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    Some(meta.permissions().mode() & 0o7777)
}

#[cfg(not(unix))]
pub(super) fn mode(_meta: &Metadata) -> Option<u32> {
    None
}
