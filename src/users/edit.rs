//! Locked read-modify-write edits of a users file.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::doc::user_fields;
use super::model::{mode, permission_warning};
use super::parse::{parse, read_root, read_text, toml_table_to_json, Doc};
use super::scan;
use super::write::{lock, remove_stale_temps, resolve_links, write_atomic};
use super::{check_name, Format, StoreError, User, Users};
use crate::warning::Warnings;

/// Edits a users file: each method is one locked read-modify-write.
#[derive(Debug, Clone)]
pub struct Store {
    path: PathBuf,
    format: Option<Format>,
    /// What the edits found to warn about, for the caller to take and tell.
    warnings: RefCell<Warnings>,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub added: Vec<String>,
    pub replaced: Vec<String>,
}

impl Store {
    pub fn new(path: impl Into<PathBuf>, format: Option<Format>) -> Store {
        Store {
            path: path.into(),
            format,
            warnings: RefCell::default(),
        }
    }

    /// The warnings the edits so far found (a users file others can read or write).
    pub fn take_warnings(&self) -> Warnings {
        self.warnings.take()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Adds a user, creating the file (mode 0600) when it does not exist.
    pub fn add(&self, user: &User) -> Result<(), StoreError> {
        check_name(&user.name)?;
        self.edit_user(Some(&user.name), true, |doc| {
            if doc.has_user(&user.name) {
                return Err(self.exists(&user.name));
            }
            if doc.has_client(&user.name) {
                return Err(self.taken(&user.name, "client"));
            }
            doc.insert_user(user)
        })
    }

    pub fn set_password_hash(&self, name: &str, hash: &str) -> Result<(), StoreError> {
        self.edit_user(Some(name), false, |doc| {
            self.found(
                doc.set_field(name, "password_hash", &Value::from(hash))?,
                name,
            )
        })
    }

    /// Replaces the hash only if it is still `old`, so an upgrade after a login cannot undo a
    /// `passwd` that ran meanwhile. `true` when it was replaced.
    pub fn replace_password_hash(
        &self,
        name: &str,
        old: &str,
        new: &str,
    ) -> Result<bool, StoreError> {
        let path = self.path.clone();
        self.edit_user(Some(name), false, |doc| {
            let current = Users::current(doc, &path)?;
            if current.get(name).map(|u| u.password_hash.as_str()) != Some(old) {
                return Ok(false);
            }
            doc.set_field(name, "password_hash", &Value::from(new))
        })
    }

    /// `true` when the flag changed (the file is not rewritten otherwise).
    pub fn set_disabled(&self, name: &str, disabled: bool) -> Result<bool, StoreError> {
        let path = self.path.clone();
        self.edit_user(Some(name), false, |doc| {
            let current = Users::current(doc, &path)?;
            let user = current.get(name).ok_or_else(|| self.unknown(name))?;
            if user.disabled == disabled {
                return Ok(false);
            }
            doc.set_field(name, "disabled", &Value::Bool(disabled))?;
            Ok(true)
        })
    }

    pub fn remove(&self, name: &str) -> Result<(), StoreError> {
        self.edit_user(Some(name), false, |doc| {
            self.found(doc.remove_user(name), name)
        })
    }

    /// Adds all users in one write, or none: an existing name fails the whole import unless
    /// `replace`, which then updates the fields the import carries and keeps the rest.
    pub fn import(&self, users: &[User], replace: bool) -> Result<ImportSummary, StoreError> {
        for u in users {
            check_name(&u.name)?;
        }
        self.edit(true, |doc| {
            let mut summary = ImportSummary::default();
            if !replace {
                if let Some(u) = users.iter().find(|u| doc.has_user(&u.name)) {
                    return Err(self.exists(&u.name));
                }
            }
            if let Some(u) = users.iter().find(|u| doc.has_client(&u.name)) {
                return Err(self.taken(&u.name, "client"));
            }
            for u in users {
                if doc.has_user(&u.name) {
                    for (k, v) in user_fields(u) {
                        let keep = (k == "scopes" && u.scopes.is_empty()) || k == "claims";
                        if !keep {
                            doc.set_field(&u.name, &k, &v)?;
                        }
                    }
                    summary.replaced.push(u.name.clone());
                } else {
                    doc.insert_user(u)?;
                    summary.added.push(u.name.clone());
                }
            }
            Ok(summary)
        })
    }

    fn exists(&self, name: &str) -> StoreError {
        StoreError::Exists {
            name: name.to_string(),
            path: self.path.clone(),
        }
    }

    /// `name` is already taken by the other kind (`"user"` or `"client"`).
    pub(super) fn taken(&self, name: &str, by: &'static str) -> StoreError {
        StoreError::NameTaken {
            name: name.to_string(),
            path: self.path.clone(),
            by,
        }
    }

    fn unknown(&self, name: &str) -> StoreError {
        StoreError::UnknownUser {
            name: name.to_string(),
            path: self.path.clone(),
        }
    }

    fn found(&self, found: bool, name: &str) -> Result<(), StoreError> {
        if found {
            Ok(())
        } else {
            Err(self.unknown(name))
        }
    }

    /// Lock, read, edit, write if the text changed, unlock.
    pub(super) fn edit<T>(
        &self,
        create: bool,
        f: impl FnMut(&mut Doc) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.edit_user(None, create, f)
    }

    /// [`Store::edit`]; with `user`, a large file is still read and checked whole but only
    /// that user becomes an editable document, and only its bytes are rewritten: the result is
    /// the same as editing the whole document, without building it. Should the splice not
    /// come out right, the edit is made again on the whole document.
    fn edit_user<T>(
        &self,
        user: Option<&str>,
        create: bool,
        mut f: impl FnMut(&mut Doc) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let target = resolve_links(&self.path);
        let _lock = lock(&target, &self.path)?;
        remove_stale_temps(&target);
        let existing = read_text(&target).map_err(|e| self.renamed(e))?;
        let (mut doc, original, meta, part) = match existing {
            Some((text, meta)) => {
                let format = Format::detect(&self.path, self.format, Some(&text));
                match user.and_then(|name| scan::user_part(format, &text, name)) {
                    Some((doc, range)) => (doc, Some(text), Some(meta), Some(range)),
                    None => {
                        let parsed = parse(&self.path, format, &text)?;
                        (parsed.doc, Some(text), Some(meta), None)
                    }
                }
            }
            None if create => (
                Doc::new(Format::detect(&self.path, self.format, None)),
                None,
                None,
                None,
            ),
            None => {
                return Err(StoreError::Missing {
                    path: self.path.clone(),
                })
            }
        };
        let mut out = f(&mut doc)?;
        let text = match (&part, &original) {
            (Some(place), Some(original)) => match scan::splice(original, place, &doc) {
                Some(text) => text,
                None => {
                    let format = Format::detect(&self.path, self.format, Some(original));
                    let mut whole = parse(&self.path, format, original)?.doc;
                    out = f(&mut whole)?;
                    whole.render()
                }
            },
            _ => doc.render(),
        };
        if original.as_deref() != Some(text.as_str()) {
            if let Some(m) = &meta {
                self.check_writable(&target, m)?;
            }
            write_atomic(&target, &self.path, text.as_bytes(), meta.as_ref())?;
        }
        if let Some(w) = meta
            .as_ref()
            .and_then(mode)
            .and_then(|m| permission_warning(&self.path, m))
        {
            self.warnings.borrow_mut().push(w);
        }
        Ok(out)
    }

    /// An edit replaces the file by renaming a new one over it, which needs write access to
    /// the folder only: without this check a file made read-only (or another user's file in a
    /// shared folder) would be replaced all the same. A file whose owner has no write bit is
    /// refused even for root, who may write anything, as `vi` and `rm` treat it; otherwise
    /// the kernel is asked by opening the file for writing (without truncating it), which
    /// honours the caller's uid, groups and ACLs as an edit in place would.
    fn check_writable(&self, target: &Path, meta: &std::fs::Metadata) -> Result<(), StoreError> {
        let read_only = |detail: String| StoreError::ReadOnly {
            path: self.path.clone(),
            detail,
        };
        if let Some(m) = mode(meta) {
            if m & 0o200 == 0 {
                return Err(read_only(format!(
                    "it is read-only (mode {:03o})",
                    m & 0o777
                )));
            }
        }
        match std::fs::OpenOptions::new().write(true).open(target) {
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => Err(read_only(
                "you may not write it (permission denied)".to_string(),
            )),
            _ => Ok(()),
        }
    }

    /// Errors name the path the user gave, not the canonical one.
    fn renamed(&self, e: StoreError) -> StoreError {
        match e {
            StoreError::Io { action, source, .. } => StoreError::Io {
                action,
                path: self.path.clone(),
                source,
            },
            other => other,
        }
    }
}

impl Users {
    /// The users of a document being edited (already validated when it was parsed).
    pub(super) fn current(doc: &Doc, path: &Path) -> Result<Users, StoreError> {
        let root = match doc {
            Doc::Toml(d) => toml_table_to_json(d.as_table()),
            Doc::Json(m) => m.clone(),
        };
        let (users, upgrade_hashes) = read_root(&root).map_err(|p| StoreError::Invalid {
            path: path.to_path_buf(),
            at: None,
            message: p.message,
        })?;
        let clients = super::clients::of_doc(doc).map_err(|p| StoreError::Invalid {
            path: path.to_path_buf(),
            at: None,
            message: p.message,
        })?;
        Ok(Users {
            path: path.to_path_buf(),
            clients,
            format: match doc {
                Doc::Toml(_) => Format::Toml,
                Doc::Json(_) => Format::Json,
            },
            users,
            upgrade_hashes,
            mode: None,
        })
    }
}
