//! Why a users file cannot be read or edited, with the exit code and the fix.

use std::io;
use std::path::{Path, PathBuf};

use super::Format;
use crate::error::ExitCode;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the users file {} does not exist", .path.display())]
    Missing { path: PathBuf },
    #[error("cannot {action} {}: {source}", .path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    #[error("{} is not valid {format} (line {line}, column {column}): {message}", .path.display())]
    Parse {
        path: PathBuf,
        format: Format,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{}{}: {message}", .path.display(), location(*.at))]
    Invalid {
        path: PathBuf,
        at: Option<(usize, usize)>,
        message: String,
    },
    #[error("user \"{name}\" already exists in {}", .path.display())]
    Exists { name: String, path: PathBuf },
    #[error("no user \"{name}\" in {}", .path.display())]
    UnknownUser { name: String, path: PathBuf },
    #[error("client \"{name}\" already exists in {}", .path.display())]
    ClientExists { name: String, path: PathBuf },
    #[error("no client \"{name}\" in {}", .path.display())]
    UnknownClient { name: String, path: PathBuf },
    #[error("\"{name}\" is already a {by} in {}; a name is a user or a client, not both", .path.display())]
    NameTaken {
        name: String,
        path: PathBuf,
        by: &'static str,
    },
    #[error("invalid user name: {0}")]
    BadName(String),
    #[error("{0}")]
    Unrepresentable(String),
    #[error("will not edit {}: {detail}", .path.display())]
    ReadOnly { path: PathBuf, detail: String },
}

pub(super) fn location(at: Option<(usize, usize)>) -> String {
    at.map(|(l, c)| format!(" (line {l}, column {c})"))
        .unwrap_or_default()
}

impl crate::error::Diagnose for StoreError {
    fn hint(&self) -> Option<String> {
        Some(match self {
            StoreError::Missing { .. } => {
                "create it with `jwtctl users add NAME`, or point --users \
                 or JWTCTL_USERS at an existing file"
                    .into()
            }
            StoreError::Io { source, path, .. } => io_hint(source.kind(), path),
            StoreError::Parse { .. } | StoreError::Invalid { .. } => {
                "fix the file by hand; jwtctl does not rewrite a users file it cannot read".into()
            }
            StoreError::Exists { name, .. } => format!(
                "pick another name, change the password with `jwtctl users passwd {name}`, or \
                 remove the user first"
            ),
            StoreError::UnknownUser { .. } => "`jwtctl users list` shows the users".into(),
            StoreError::ClientExists { name, .. } => format!(
                "pick another name, or remove the client first with \
                 `jwtctl users client remove {name}`"
            ),
            StoreError::UnknownClient { .. } => {
                "`jwtctl users client list` shows the clients".into()
            }
            StoreError::NameTaken { .. } => {
                "pick another name: a token's sub names either a user or a client".into()
            }
            StoreError::BadName(_) => {
                "use a non-empty name of at most 256 bytes without control characters".into()
            }
            StoreError::Unrepresentable(_) => {
                "TOML has no null: leave the claim out, or keep users in a .json file".into()
            }
            StoreError::ReadOnly { path, .. } => format!(
                "make it writable first (chmod u+w {}, as its owner), or edit a copy and \
                 point jwtctl at it; the file is unchanged",
                path.display()
            ),
        })
    }

    fn exit_code(&self) -> ExitCode {
        match self {
            StoreError::BadName(_) | StoreError::Unrepresentable(_) => ExitCode::Usage,
            // Provisioning scripts branch on these three, so each has its own code.
            StoreError::UnknownUser { .. } | StoreError::UnknownClient { .. } => {
                ExitCode::NoSuchUser
            }
            StoreError::Exists { .. }
            | StoreError::ClientExists { .. }
            | StoreError::NameTaken { .. } => ExitCode::UserExists,
            StoreError::Missing { .. } => ExitCode::NoUsersFile,
            _ => ExitCode::Runtime,
        }
    }
}

/// What to do about a failed read or write; every write failure leaves the old file as it was.
pub(super) fn io_hint(kind: io::ErrorKind, path: &Path) -> String {
    let path = path.display();
    match kind {
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => format!(
            "free some space on the disk holding {path} (an edit writes a whole new copy \
             beside it); the file is unchanged"
        ),
        io::ErrorKind::ReadOnlyFilesystem => format!(
            "the folder of {path} is on a read-only file system; edit a copy elsewhere and \
             point jwtctl at it, or remount it read-write; the file is unchanged"
        ),
        io::ErrorKind::PermissionDenied => format!(
            "an edit needs write access to the folder of {path} (for a temp file and \
             {path}.lock), not only to the file; the file is unchanged"
        ),
        _ => "check the path and its permissions".into(),
    }
}

pub(super) fn io_err<'a>(
    action: &'static str,
    path: &'a Path,
) -> impl FnOnce(io::Error) -> StoreError + 'a {
    move |source| StoreError::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}
