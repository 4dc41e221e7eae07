//! Key sets an issuer rotates through: a JWK set file edited in place, or a folder of key files.
//!
//! A set file's members are JWKs with `kid`, `alg` and `use: "sig"`, plus two members of
//! jwtctl's own that other readers ignore: `created` (RFC 3339, when the key was added) and
//! `status: "next"` for a key that is published but does not sign yet. The key that signs is
//! the newest private member not marked next (by `created`; a later member wins a tie). Members
//! without `created` rank below dated ones, and among them the first in the file signs, so a
//! hand-made set signs with its first private key.
//!
//! In a folder, every `*.pem`, `*.der`, `*.jwk` and `*.json` file is a member (hidden files are
//! not); the newest private key by modification time signs, and a public key file publishes a
//! key before its private half is dropped in.
//!
//! Edits take the users file's lock and atomic write, and keep unknown members and order.

use std::fs::Metadata;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use jiff::Timestamp;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::alg::Alg;
use crate::error::{Diagnose, ExitCode};
use crate::jwks::{member_key, member_kid, SetDocument};
use crate::keys::{Jwk, Key, KeyError, Material, PassphraseSource};
use crate::users::StoreError;
use crate::warning::Warnings;

#[derive(Debug, thiserror::Error)]
pub enum KeySetError {
    #[error(transparent)]
    Key(#[from] KeyError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{path} does not exist")]
    Missing { path: PathBuf },
    #[error("{path} already has a key with kid \"{kid}\"")]
    KidTaken { path: PathBuf, kid: String },
    #[error("{path} already holds this key, as kid \"{kid}\"")]
    SameKey { path: PathBuf, kid: String },
    #[error("{path} has no key with kid \"{kid}\"")]
    UnknownKid { path: PathBuf, kid: String },
    #[error("kid \"{kid}\" is the key {path} signs with")]
    RemovingSigner { path: PathBuf, kid: String },
    #[error("{path} holds no private key that can sign")]
    NoSigner { path: PathBuf },
    #[error("kid \"{kid}\" in {path} is a public key, which cannot sign")]
    PublicMember { path: PathBuf, kid: String },
    #[error("{path} holds private keys, but {why}")]
    PrivateInPublic { path: PathBuf, why: String },
    #[error("an HMAC secret does not belong in a key set file")]
    Secret,
    #[error("--alg {alg} does not fit the key ({family})")]
    AlgMismatch { alg: Alg, family: String },
    #[error("{path} is a folder of key files; edit it by adding or removing files")]
    Folder { path: PathBuf },
}

impl Diagnose for KeySetError {
    fn exit_code(&self) -> ExitCode {
        match self {
            KeySetError::Key(e) => e.exit_code(),
            KeySetError::Store(e) => e.exit_code(),
            KeySetError::Missing { .. }
            | KeySetError::NoSigner { .. }
            | KeySetError::PrivateInPublic { .. } => ExitCode::Runtime,
            _ => ExitCode::Usage,
        }
    }

    fn hint(&self) -> Option<String> {
        Some(match self {
            KeySetError::Key(e) => return e.hint(),
            KeySetError::Store(e) => return e.hint(),
            KeySetError::Missing { path } => format!(
                "create it with `jwtctl keyset add {} KEY`",
                path.display()
            ),
            KeySetError::KidTaken { .. } => "choose another --kid".into(),
            KeySetError::SameKey { path, .. } => format!(
                "a key is added once; `jwtctl keyset list {}` shows it",
                path.display()
            ),
            KeySetError::UnknownKid { path, .. } => {
                format!("`jwtctl keyset list {}` shows the kids", path.display())
            }
            KeySetError::RemovingSigner { path, .. } => format!(
                "let the next key sign first (`jwtctl keyset activate {} KID`), or pass --force",
                path.display()
            ),
            KeySetError::NoSigner { path } => format!(
                "add a private key (`jwtctl keyset add {} KEY`), or activate one added with --next",
                path.display()
            ),
            KeySetError::PublicMember { .. } => "pick a private member with --kid".into(),
            KeySetError::PrivateInPublic { path, .. } => format!(
                "keep private keys in a file of mode 0600 whose name does not say public (chmod 600 {}), and publish the public halves",
                path.display()
            ),
            KeySetError::Secret => "key sets hold key pairs; share HMAC secrets out of band".into(),
            KeySetError::AlgMismatch { .. } => "drop --alg to use the key's own".into(),
            KeySetError::Folder { .. } => {
                "`jwtctl keyset` edits a JWK set file; a folder's members are its files".into()
            }
        })
    }
}

/// Why a file must not hold private keys: its name or its mode says it is public. Names are
/// split at `.`, `-` and `_`; a part `pub`, `public` or `published` says public.
pub fn says_public(path: &Path, meta: Option<&Metadata>) -> Option<String> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if name
        .split(['.', '-', '_'])
        .any(|part| matches!(part, "pub" | "public" | "published"))
    {
        return Some(format!("its name ({name}) says it is public"));
    }
    #[cfg(unix)]
    if let Some(m) = meta {
        use std::os::unix::fs::PermissionsExt;
        let mode = m.permissions().mode() & 0o777;
        if mode & 0o044 != 0 {
            return Some(format!("its mode ({mode:o}) lets others read it"));
        }
    }
    #[cfg(not(unix))]
    let _ = meta;
    None
}

fn is_private(v: &Value) -> bool {
    v.get("d").is_some() || v.get("k").is_some()
}

fn is_next(v: &Value) -> bool {
    v.get("status").and_then(Value::as_str) == Some("next")
}

fn can_sign(v: &Value) -> bool {
    is_private(v)
        && !is_next(v)
        && v.get("use").and_then(Value::as_str) != Some("enc")
        && v.get("key_ops")
            .and_then(Value::as_array)
            .is_none_or(|ops| ops.iter().any(|o| o == "sign"))
}

fn created(v: &Value) -> Option<Timestamp> {
    v.get("created")
        .and_then(Value::as_str)
        .and_then(|s| s.parse().ok())
}

/// Index of the newest candidate. Dated ones beat undated ones; among dated, the later one
/// wins a tie (added after); among undated, the first.
fn newest<T: PartialOrd + Copy>(
    candidates: impl Iterator<Item = (usize, Option<T>)>,
) -> Option<usize> {
    let mut best: Option<(usize, Option<T>)> = None;
    for (i, c) in candidates {
        let better = match (best, c) {
            (None, _) => true,
            (Some((_, None)), Some(_)) => true,
            (Some((_, Some(b))), Some(c)) => c >= b,
            _ => false,
        };
        if better {
            best = Some((i, c));
        }
    }
    best.map(|(i, _)| i)
}

/// Index of the member that signs: the newest private one not marked next.
pub fn signer_index(members: &[Value]) -> Option<usize> {
    newest(
        members
            .iter()
            .enumerate()
            .filter(|(_, m)| can_sign(m))
            .map(|(i, m)| (i, created(m))),
    )
}

/// One member, as `list` shows it.
#[derive(Debug, serde::Serialize)]
pub struct MemberInfo {
    pub kid: Option<String>,
    pub kty: String,
    pub alg: Option<String>,
    #[serde(rename = "use")]
    pub use_: Option<String>,
    pub created: Option<String>,
    pub private: bool,
    /// `signing` (the key that signs), `next` (published, not signing yet) or `verify`.
    pub role: &'static str,
}

fn read_set(path: &Path) -> Result<Option<SetDocument>, KeySetError> {
    if path.is_dir() {
        return Err(KeySetError::Folder {
            path: path.to_path_buf(),
        });
    }
    let bytes = match crate::keys::read_key_file(path) {
        Ok(b) => b,
        Err(KeyError::Read { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            return Ok(None)
        }
        Err(e) => return Err(e.into()),
    };
    Ok(Some(SetDocument::parse(
        &bytes,
        &path.display().to_string(),
    )?))
}

fn read_existing(path: &Path) -> Result<SetDocument, KeySetError> {
    read_set(path)?.ok_or_else(|| KeySetError::Missing {
        path: path.to_path_buf(),
    })
}

/// The members of the set in `path`, in file order.
pub fn list(path: &Path) -> Result<Vec<MemberInfo>, KeySetError> {
    let doc = read_existing(path)?;
    let members = doc.members();
    let signer = signer_index(members);
    let text = |m: &Value, name: &str| m.get(name).and_then(Value::as_str).map(str::to_string);
    Ok(members
        .iter()
        .enumerate()
        .map(|(i, m)| MemberInfo {
            kid: member_kid(m).map(str::to_string),
            kty: text(m, "kty").unwrap_or_else(|| "?".into()),
            alg: text(m, "alg"),
            use_: text(m, "use"),
            created: text(m, "created"),
            private: is_private(m),
            role: if Some(i) == signer {
                "signing"
            } else if is_next(m) && is_private(m) {
                "next"
            } else {
                "verify"
            },
        })
        .collect())
}

pub struct AddOptions {
    pub kid: Option<String>,
    pub alg: Option<Alg>,
    pub next: bool,
    pub now: Timestamp,
}

pub struct Added {
    pub kid: String,
    pub alg: Alg,
    pub private: bool,
    /// Set when a private key was written as its public half: why.
    pub public_only: Option<String>,
    pub created_file: bool,
    /// Whether this key is now the one that signs.
    pub signs: bool,
}

/// Adds `key` to the set in `path` (created when missing), under the lock.
pub fn add(path: &Path, key: &Key, opts: AddOptions) -> Result<Added, KeySetError> {
    let public = key.public().ok_or(KeySetError::Secret)?;
    let alg = opts.alg.unwrap_or_else(|| key.default_alg());
    if alg.family() != key.family() {
        return Err(KeySetError::AlgMismatch {
            alg,
            family: key.family().to_string(),
        });
    }
    let public_jwk = public.to_jwk();
    let thumb = public_jwk.thumbprint()?;
    let kid = opts
        .kid
        .clone()
        .or_else(|| key.kid.clone())
        .unwrap_or_else(|| thumb.clone());
    let mut outcome = None;
    let target = crate::users::edit_locked(path, |target, meta| {
        let mut doc = read_set(target)?.unwrap_or_else(SetDocument::empty);
        // The same key under another kid is the likelier mistake, so it is named first.
        for m in doc.members() {
            let same = Jwk::deserialize(m)
                .ok()
                .and_then(|j| j.public_only().thumbprint().ok())
                .is_some_and(|t| t == thumb);
            if same {
                return Err(KeySetError::SameKey {
                    path: path.to_path_buf(),
                    kid: member_kid(m).unwrap_or("(none)").to_string(),
                });
            }
        }
        if doc
            .members()
            .iter()
            .any(|m| member_kid(m) == Some(kid.as_str()))
        {
            return Err(KeySetError::KidTaken {
                path: path.to_path_buf(),
                kid: kid.clone(),
            });
        }
        let public_only = match &key.material {
            Material::Private(_) => says_public(path, meta),
            _ => None,
        };
        let mut jwk = match (&key.material, &public_only) {
            (Material::Private(p), None) => p.to_jwk(),
            _ => public_jwk.public_only(),
        };
        jwk.kid = Some(kid.clone());
        jwk.alg = Some(alg.name().to_string());
        jwk.use_ = Some("sig".into());
        let private = jwk.is_private();
        let mut member = serde_json::to_value(&jwk).map_err(|e| KeyError::Jwk(e.to_string()))?;
        member["created"] = json!(opts.now.to_string());
        if opts.next && private {
            member["status"] = json!("next");
        }
        doc.members_mut().push(member);
        check_not_public(path, meta, &doc)?;
        let signer = signer_index(doc.members());
        outcome = Some(Added {
            kid: kid.clone(),
            alg,
            private,
            public_only,
            created_file: meta.is_none(),
            signs: signer == Some(doc.members().len() - 1),
        });
        Ok(Some(doc.render()))
    })?;
    let added = outcome.expect("set by the edit");
    if added.created_file {
        publish_mode(&target, path, !added.private)?;
    }
    Ok(added)
}

/// A new set file named public is for publishing: readable by all (0644). Any other new set
/// keeps the 0600 the atomic write gave it.
fn publish_mode(target: &Path, shown: &Path, public: bool) -> Result<(), KeySetError> {
    #[cfg(unix)]
    if public && says_public(shown, None).is_some() {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(target, std::fs::Permissions::from_mode(0o644)).map_err(
            |source| StoreError::Io {
                action: "set the permissions of",
                path: shown.to_path_buf(),
                source,
            },
        )?;
    }
    #[cfg(not(unix))]
    let _ = (target, shown, public);
    Ok(())
}

/// Refuses to write private members into a file whose name or mode says public.
fn check_not_public(
    path: &Path,
    meta: Option<&Metadata>,
    doc: &SetDocument,
) -> Result<(), KeySetError> {
    if doc.members().iter().any(is_private) {
        if let Some(why) = says_public(path, meta) {
            return Err(KeySetError::PrivateInPublic {
                path: path.to_path_buf(),
                why,
            });
        }
    }
    Ok(())
}

/// What `remove` did.
pub struct Removed {
    /// The kid of the key that signs afterwards, if any.
    pub signer: Option<String>,
}

/// Removes the member `kid`. The key that signs is kept unless `force`.
pub fn remove(path: &Path, kid: &str, force: bool) -> Result<Removed, KeySetError> {
    let mut signer = None;
    edit(path, kid, |members, i| {
        if !force && signer_index(members) == Some(i) {
            return Err(KeySetError::RemovingSigner {
                path: path.to_path_buf(),
                kid: kid.to_string(),
            });
        }
        let mut gone = members.remove(i);
        crate::jwks::wipe(&mut gone);
        signer = signer_index(members).and_then(|s| member_kid(&members[s]).map(str::to_string));
        Ok(())
    })?;
    Ok(Removed { signer })
}

/// Clears the `next` mark of `kid`, so that it signs if it is the newest. Returns the kid of
/// the key that signs afterwards.
pub fn activate(path: &Path, kid: &str) -> Result<Option<String>, KeySetError> {
    let mut signer = None;
    edit(path, kid, |members, i| {
        if !is_private(&members[i]) {
            return Err(KeySetError::PublicMember {
                path: path.to_path_buf(),
                kid: kid.to_string(),
            });
        }
        if let Some(m) = members[i].as_object_mut() {
            m.remove("status");
        }
        signer = signer_index(members).and_then(|s| member_kid(&members[s]).map(str::to_string));
        Ok(())
    })?;
    Ok(signer)
}

fn edit(
    path: &Path,
    kid: &str,
    f: impl FnOnce(&mut Vec<Value>, usize) -> Result<(), KeySetError>,
) -> Result<(), KeySetError> {
    crate::users::edit_locked(path, |target, meta| {
        let mut doc = read_existing(target).map_err(|e| match e {
            KeySetError::Missing { .. } => KeySetError::Missing {
                path: path.to_path_buf(),
            },
            e => e,
        })?;
        let members = doc.members_mut();
        let i = members
            .iter()
            .position(|m| member_kid(m) == Some(kid))
            .ok_or_else(|| KeySetError::UnknownKid {
                path: path.to_path_buf(),
                kid: kid.to_string(),
            })?;
        f(members, i)?;
        check_not_public(path, meta, &doc)?;
        Ok::<_, KeySetError>(Some(doc.render()))
    })?;
    Ok(())
}

/// The keys of the set in `path` (a JWK set file or a folder of key files) for signing: the
/// member `kid`, or the one that signs, first; then every other member, each verifying and
/// published. Encrypted key files in a folder are decrypted with `passphrase`.
pub fn signing_keys(
    path: &Path,
    kid: Option<&str>,
    passphrase: &PassphraseSource,
    warnings: &mut Warnings,
) -> Result<Vec<Key>, KeySetError> {
    if path.is_dir() {
        return folder_keys(path, kid, passphrase, warnings);
    }
    let doc = read_existing(path)?;
    let name = path.display().to_string();
    let members = doc.members();
    if members.iter().any(is_private) {
        warnings.extend(crate::keys::exposure(path, "private key set"));
    }
    let first = match kid {
        Some(k) => {
            let i = members
                .iter()
                .position(|m| member_kid(m) == Some(k))
                .ok_or_else(|| KeySetError::UnknownKid {
                    path: path.to_path_buf(),
                    kid: k.to_string(),
                })?;
            if !is_private(&members[i]) {
                return Err(KeySetError::PublicMember {
                    path: path.to_path_buf(),
                    kid: k.to_string(),
                });
            }
            i
        }
        None => signer_index(members).ok_or_else(|| KeySetError::NoSigner {
            path: path.to_path_buf(),
        })?,
    };
    let mut keys = vec![member_key(&members[first], &name, first, false)?];
    for i in (0..members.len()).filter(|&i| i != first) {
        keys.push(member_key(&members[i], &name, i, false)?);
    }
    crate::jwks::check_one_kind(&keys, &name)?;
    Ok(keys)
}

/// The files of a folder that are members of its key set, sorted by name.
pub fn folder_members(dir: &Path) -> Result<Vec<PathBuf>, KeySetError> {
    let read_err = |source| KeyError::Read {
        path: dir.to_path_buf(),
        source,
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(read_err)? {
        let entry = entry.map_err(read_err)?;
        let p = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !name.starts_with('.') && matches!(ext, "pem" | "der" | "jwk" | "json") && p.is_file() {
            files.push(p);
        }
    }
    files.sort();
    Ok(files)
}

fn folder_keys(
    dir: &Path,
    kid: Option<&str>,
    passphrase: &PassphraseSource,
    warnings: &mut Warnings,
) -> Result<Vec<Key>, KeySetError> {
    let mut keys: Vec<(Key, Option<SystemTime>)> = Vec::new();
    for file in folder_members(dir)? {
        let key = crate::keys::load_key_file(&file, passphrase, warnings)?;
        let Some(public) = key.public() else {
            return Err(KeySetError::Secret);
        };
        let thumb = public.to_jwk().thumbprint()?;
        let mut key = key;
        key.kid = key.kid.or(Some(thumb));
        let modified = std::fs::metadata(&file).and_then(|m| m.modified()).ok();
        // A key's private file and its public file are one member: the private one stays.
        match keys
            .iter()
            .position(|(k, _)| k.public().as_ref() == Some(&public))
        {
            Some(i) if !matches!(keys[i].0.material, Material::Private(_)) => {
                keys[i] = (key, modified)
            }
            Some(_) => {}
            None => keys.push((key, modified)),
        }
    }
    let private = |k: &Key| matches!(k.material, Material::Private(_));
    let first = match kid {
        Some(want) => keys
            .iter()
            .position(|(k, _)| k.kid.as_deref() == Some(want))
            .ok_or_else(|| KeySetError::UnknownKid {
                path: dir.to_path_buf(),
                kid: want.to_string(),
            })
            .and_then(|i| {
                if private(&keys[i].0) {
                    Ok(i)
                } else {
                    Err(KeySetError::PublicMember {
                        path: dir.to_path_buf(),
                        kid: want.to_string(),
                    })
                }
            })?,
        None => newest(
            keys.iter()
                .enumerate()
                .filter(|(_, (k, _))| private(k))
                .map(|(i, (_, m))| (i, *m)),
        )
        .ok_or_else(|| KeySetError::NoSigner {
            path: dir.to_path_buf(),
        })?,
    };
    let signer = keys.remove(first);
    Ok(std::iter::once(signer.0)
        .chain(keys.into_iter().map(|(k, _)| k))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_active_private_member_signs() {
        let m = |kid: &str, created: Option<&str>, private: bool, next: bool| {
            let mut v = json!({"kty": "EC", "kid": kid});
            if private {
                v["d"] = json!("x");
            }
            if let Some(c) = created {
                v["created"] = json!(c);
            }
            if next {
                v["status"] = json!("next");
            }
            v
        };
        let set = vec![m("a", None, true, false), m("b", None, true, false)];
        assert_eq!(signer_index(&set), Some(0), "undated: the first signs");
        let set = vec![
            m("old", Some("2026-01-01T00:00:00Z"), true, false),
            m("new", Some("2026-06-01T00:00:00Z"), true, false),
            m("next", Some("2026-09-01T00:00:00Z"), true, true),
            m("pub", Some("2026-10-01T00:00:00Z"), false, false),
            m("undated", None, true, false),
        ];
        assert_eq!(signer_index(&set), Some(1));
        assert_eq!(signer_index(&set[3..4]), None);
        let tie = vec![
            m("a", Some("2026-01-01T00:00:00Z"), true, false),
            m("b", Some("2026-01-01T00:00:00Z"), true, false),
        ];
        assert_eq!(
            signer_index(&tie),
            Some(1),
            "a tie goes to the later member"
        );
    }

    #[test]
    fn names_and_modes_that_say_public() {
        for name in ["jwks.pub.json", "public-keys.json", "keys_published.jwks"] {
            assert!(says_public(Path::new(name), None).is_some(), "{name}");
        }
        for name in ["signing.jwks.json", "republic.json", "keys.json"] {
            assert!(says_public(Path::new(name), None).is_none(), "{name}");
        }
    }
}
