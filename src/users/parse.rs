//! The users file: TOML or JSON, one table per user under `users`.
//!
//! ```toml
//! upgrade_hashes = true          # optional: re-hash bcrypt/weak argon2 hashes on login
//!
//! [users.alice]
//! password_hash = "$argon2id$v=19$m=19456,t=2,p=1$..."
//! scopes = ["items:read", "items:write"]
//! disabled = false
//! claims = { role = "admin" }
//! full_name = "Alice"            # fields jwtctl does not know are kept
//! ```
//!
//! Readers ([`Users::read`]) take no lock: every write replaces the file with an atomic rename,
//! so a reader sees one whole version. Writers ([`Store`]) serialise on an exclusive lock of a
//! sidecar `FILE.lock` (the data file's inode changes with every rename, so it cannot carry the
//! lock), re-read the file under the lock, edit it in place (toml_edit keeps comments, order and
//! unknown keys; JSON keeps key order) and write a temp file in the same folder, fsync it, rename
//! it over the old one and fsync the folder. A file that does not parse is never written.
//! A writer killed before its rename leaves only its temp file, which the next writer removes.
//! A symlinked users file is followed: the file it ends at is replaced, the link stays.

use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{self, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};
use toml_edit::{DocumentMut, Item, TableLike};

use crate::cli::UsersFormat;
use crate::error::ExitCode;

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
    pub fn detect(path: &Path, flag: Option<UsersFormat>, text: Option<&str>) -> Format {
        if let Some(f) = flag {
            return match f {
                UsersFormat::Toml => Format::Toml,
                UsersFormat::Json => Format::Json,
            };
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
    #[error("invalid user name: {0}")]
    BadName(String),
    #[error("{0}")]
    Unrepresentable(String),
}

fn location(at: Option<(usize, usize)>) -> String {
    at.map(|(l, c)| format!(" (line {l}, column {c})"))
        .unwrap_or_default()
}

impl StoreError {
    pub fn hint(&self) -> String {
        match self {
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
            StoreError::BadName(_) => {
                "use a non-empty name of at most 256 bytes without control characters".into()
            }
            StoreError::Unrepresentable(_) => {
                "TOML has no null: leave the claim out, or keep users in a .json file".into()
            }
        }
    }

    pub fn exit_code(&self) -> ExitCode {
        match self {
            StoreError::BadName(_) | StoreError::Unrepresentable(_) => ExitCode::Usage,
            _ => ExitCode::Runtime,
        }
    }
}

/// What to do about a failed read or write; every write failure leaves the old file as it was.
fn io_hint(kind: io::ErrorKind, path: &Path) -> String {
    let path = path.display();
    match kind {
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => format!(
            "free some space on the disk holding {path} (an edit writes a whole new copy \
             beside it); the file is unchanged"
        ),
        io::ErrorKind::ReadOnlyFilesystem => format!(
            "the folder of {path} is on a read-only file system; edit a copy elsewhere with \
             --users, or remount it read-write; the file is unchanged"
        ),
        io::ErrorKind::PermissionDenied => format!(
            "an edit needs write access to the folder of {path} (for a temp file and \
             {path}.lock), not only to the file; the file is unchanged"
        ),
        _ => "check the path and its permissions".into(),
    }
}

fn io_err<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(io::Error) -> StoreError + 'a {
    move |source| StoreError::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}

/// The users of one users file, as read at one moment.
#[derive(Debug, Clone)]
pub struct Users {
    pub path: PathBuf,
    pub format: Format,
    pub users: Vec<User>,
    /// The file's `upgrade_hashes = true`: replace outdated hashes after a successful login.
    pub upgrade_hashes: bool,
    /// Unix permission bits of the file.
    pub mode: Option<u32>,
}

impl Users {
    /// Reads and validates the file; prints nothing. A missing file is an error.
    pub fn read(path: &Path, format: Option<UsersFormat>) -> Result<Users, StoreError> {
        let (text, meta) = match read_text(path)? {
            Some(x) => x,
            None => {
                return Err(StoreError::Missing {
                    path: path.to_path_buf(),
                })
            }
        };
        let format = Format::detect(path, format, Some(&text));
        let parsed = parse(path, format, &text)?;
        Ok(Users {
            path: path.to_path_buf(),
            format,
            users: parsed.users,
            upgrade_hashes: parsed.upgrade_hashes,
            mode: mode(&meta),
        })
    }

    /// Parses the bytes of a users file as [`Users::read`] does (UTF-8, then TOML or JSON,
    /// then every user), without touching the disk; `path` only names it in errors.
    pub fn from_bytes(bytes: &[u8], path: &Path, format: Format) -> Result<Users, StoreError> {
        let text = utf8_text(path, bytes.to_vec())?;
        let parsed = parse(path, format, &text)?;
        Ok(Users {
            path: path.to_path_buf(),
            format,
            users: parsed.users,
            upgrade_hashes: parsed.upgrade_hashes,
            mode: None,
        })
    }

    /// [`Users::read`], then a warning on stderr when the file is readable by other users.
    pub fn load(path: &Path, format: Option<UsersFormat>) -> Result<Users, StoreError> {
        let users = Users::read(path, format)?;
        if let Some(w) = users.permission_warning() {
            crate::output::warn(&w);
        }
        Ok(users)
    }

    pub fn get(&self, name: &str) -> Option<&User> {
        self.users.iter().find(|u| u.name == name)
    }

    /// Password hashes are offline-crackable; group or world read access deserves a word.
    pub fn permission_warning(&self) -> Option<String> {
        permission_warning(&self.path, self.mode?)
    }

    /// For `verify --check-user`: what is wrong with the token's `sub` as a user, if anything.
    pub fn check_subject(&self, claims: &Map<String, Value>) -> Option<String> {
        let path = self.path.display();
        match claims.get("sub") {
            None => Some("the token has no sub claim, so it names no user".into()),
            Some(Value::String(sub)) => match self.get(sub) {
                None => Some(format!("sub \"{sub}\" is not a user in {path}")),
                Some(u) if u.disabled => Some(format!("user \"{sub}\" is disabled in {path}")),
                Some(_) => None,
            },
            Some(other) => Some(format!("sub is not a string but {other}")),
        }
    }
}

fn permission_warning(path: &Path, mode: u32) -> Option<String> {
    let (path, bits) = (path.display(), mode & 0o777);
    if mode & 0o044 != 0 {
        Some(format!(
            "{path} is readable by other users (mode {bits:o}) and holds password hashes; run chmod 600 {path}"
        ))
    } else if mode & 0o022 != 0 {
        Some(format!(
            "{path} is writable by other users (mode {bits:o}), who could add users or set passwords; run chmod 600 {path}"
        ))
    } else {
        None
    }
}

#[cfg(unix)]
fn mode(meta: &Metadata) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    Some(meta.permissions().mode() & 0o7777)
}

#[cfg(not(unix))]
fn mode(_meta: &Metadata) -> Option<u32> {
    None
}

/// The file's text and metadata, or `None` when it does not exist.
fn read_text(path: &Path) -> Result<Option<(String, Metadata)>, StoreError> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_err("read", path)(e)),
    };
    let meta = fs::metadata(path).map_err(io_err("read", path))?;
    Ok(Some((utf8_text(path, bytes)?, meta)))
}

/// The text of a users file; the error names where the first byte that is not UTF-8 is.
fn utf8_text(path: &Path, bytes: Vec<u8>) -> Result<String, StoreError> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            let (line, column) = line_col(&text, valid);
            Err(StoreError::Parse {
                path: path.to_path_buf(),
                format: Format::detect(path, None, None),
                line,
                column,
                message: "the file is not UTF-8 text".into(),
            })
        }
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

/// A parsed users file, ready to be edited in place.
enum Doc {
    Toml(DocumentMut),
    Json(Map<String, Value>),
}

struct Parsed {
    doc: Doc,
    users: Vec<User>,
    upgrade_hashes: bool,
}

/// Where in the file a value is, for error messages: a path of keys.
type KeyPath = Vec<String>;

struct Problem {
    at: KeyPath,
    message: String,
}

fn parse(path: &Path, format: Format, text: &str) -> Result<Parsed, StoreError> {
    let parse_error = |offset: usize, line_col_given: Option<(usize, usize)>, message: String| {
        let (line, column) = line_col_given.unwrap_or_else(|| line_col(text, offset));
        StoreError::Parse {
            path: path.to_path_buf(),
            format,
            line,
            column,
            message,
        }
    };
    match format {
        Format::Toml => {
            let spanned = toml_edit::Document::parse(text.to_string()).map_err(|e| {
                let offset = e.span().map(|s| s.start).unwrap_or(0);
                parse_error(offset, None, e.message().trim().to_string())
            })?;
            let root = toml_table_to_json(spanned.as_table());
            let (users, upgrade_hashes) = read_root(&root).map_err(|p| StoreError::Invalid {
                path: path.to_path_buf(),
                at: toml_span(spanned.as_table(), &p.at).map(|s| line_col(text, s.start)),
                message: p.message,
            })?;
            Ok(Parsed {
                doc: Doc::Toml(spanned.into_mut()),
                users,
                upgrade_hashes,
            })
        }
        Format::Json => {
            let root: Value = if text.trim().is_empty() {
                Value::Object(Map::new())
            } else {
                serde_json::from_str(text).map_err(|e| {
                    let message = e.to_string();
                    let message = match message.find(" at line ") {
                        Some(i) => message[..i].to_string(),
                        None => message,
                    };
                    parse_error(0, Some((e.line(), e.column())), message)
                })?
            };
            let Value::Object(root) = root else {
                return Err(StoreError::Invalid {
                    path: path.to_path_buf(),
                    at: None,
                    message: "the file must hold a JSON object with a \"users\" object".into(),
                });
            };
            let (users, upgrade_hashes) = read_root(&root).map_err(|p| StoreError::Invalid {
                path: path.to_path_buf(),
                at: None,
                message: p.message,
            })?;
            Ok(Parsed {
                doc: Doc::Json(root),
                users,
                upgrade_hashes,
            })
        }
    }
}

/// Reads the users out of the file's top level, in file order.
fn read_root(root: &Map<String, Value>) -> Result<(Vec<User>, bool), Problem> {
    let upgrade_hashes = match root.get("upgrade_hashes") {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            return Err(Problem {
                at: vec!["upgrade_hashes".into()],
                message: "upgrade_hashes must be true or false".into(),
            })
        }
    };
    let users = match root.get("users") {
        None => return Ok((Vec::new(), upgrade_hashes)),
        Some(Value::Object(m)) => m,
        Some(_) => {
            return Err(Problem {
                at: vec!["users".into()],
                message: "users must be a table of users ([users.NAME])".into(),
            })
        }
    };
    let mut out = Vec::with_capacity(users.len());
    for (name, value) in users {
        out.push(read_user(name, value)?);
    }
    Ok((out, upgrade_hashes))
}

fn read_user(name: &str, value: &Value) -> Result<User, Problem> {
    let problem = |field: Option<&str>, message: String| Problem {
        at: ["users", name]
            .into_iter()
            .chain(field)
            .map(String::from)
            .collect(),
        message,
    };
    let Value::Object(fields) = value else {
        return Err(problem(
            None,
            format!("user \"{name}\" must be a table with password_hash, scopes, ..."),
        ));
    };
    let mut user = User::new(name, "");
    for (key, v) in fields {
        match key.as_str() {
            "password_hash" => match v {
                Value::String(s) => user.password_hash = s.clone(),
                _ => {
                    return Err(problem(
                        Some(key),
                        format!("password_hash of user \"{name}\" must be a string"),
                    ))
                }
            },
            "scopes" => match v {
                Value::String(s) => user.scopes = crate::claims::split_scopes(&[s]),
                Value::Array(items) if items.iter().all(Value::is_string) => {
                    user.scopes = crate::claims::split_scopes(
                        &items.iter().flat_map(Value::as_str).collect::<Vec<_>>(),
                    )
                }
                _ => {
                    return Err(problem(
                        Some(key),
                        format!("scopes of user \"{name}\" must be a list of strings"),
                    ))
                }
            },
            "disabled" => match v {
                Value::Bool(b) => user.disabled = *b,
                _ => {
                    return Err(problem(
                        Some(key),
                        format!("disabled of user \"{name}\" must be true or false"),
                    ))
                }
            },
            "claims" => match v {
                Value::Object(m) => user.claims = m.clone(),
                _ => {
                    return Err(problem(
                        Some(key),
                        format!("claims of user \"{name}\" must be a table"),
                    ))
                }
            },
            _ => {
                user.other.insert(key.clone(), v.clone());
            }
        }
    }
    Ok(user)
}

/// The span of the value at `path` in a parsed (spanned) TOML document.
fn toml_span(root: &toml_edit::Table, path: &[String]) -> Option<Range<usize>> {
    let (last, parents) = path.split_last()?;
    let mut table: &dyn TableLike = root;
    for key in parents {
        table = table.get(key)?.as_table_like()?;
    }
    match table.get(last)? {
        Item::Value(v) => v.span(),
        Item::Table(t) => t.span(),
        Item::ArrayOfTables(a) => a.span(),
        Item::None => None,
    }
    .or_else(|| table.key(last).and_then(|k| k.span()))
}

fn toml_table_to_json(table: &dyn TableLike) -> Map<String, Value> {
    table
        .iter()
        .filter_map(|(k, item)| toml_item_to_json(item).map(|v| (k.to_string(), v)))
        .collect()
}

fn toml_item_to_json(item: &Item) -> Option<Value> {
    match item {
        Item::None => None,
        Item::Value(v) => Some(toml_value_to_json(v)),
        Item::Table(t) => Some(Value::Object(toml_table_to_json(t))),
        Item::ArrayOfTables(a) => Some(Value::Array(
            a.iter()
                .map(|t| Value::Object(toml_table_to_json(t)))
                .collect(),
        )),
    }
}

fn toml_value_to_json(v: &toml_edit::Value) -> Value {
    use toml_edit::Value as T;
    match v {
        T::String(s) => Value::String(s.value().clone()),
        T::Integer(i) => Value::from(*i.value()),
        T::Float(f) => serde_json::Number::from_f64(*f.value())
            .map(Value::Number)
            .unwrap_or_else(|| Value::String(f.value().to_string())),
        T::Boolean(b) => Value::Bool(*b.value()),
        T::Datetime(d) => Value::String(d.value().to_string()),
        T::Array(a) => Value::Array(a.iter().map(toml_value_to_json).collect()),
        T::InlineTable(t) => Value::Object(toml_table_to_json(t)),
    }
}

/// A JSON value as TOML; `what` names it in the error for a null.
fn json_to_toml(v: &Value, what: &str) -> Result<toml_edit::Value, StoreError> {
    Ok(match v {
        Value::Null => {
            return Err(StoreError::Unrepresentable(format!(
                "{what} is null, which TOML cannot store"
            )))
        }
        Value::Bool(b) => (*b).into(),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => i.into(),
            (None, Some(f)) if n.is_f64() => f.into(),
            _ => {
                return Err(StoreError::Unrepresentable(format!(
                    "{what} is {n}, beyond TOML's 64-bit signed integers"
                )))
            }
        },
        Value::String(s) => s.as_str().into(),
        Value::Array(items) => {
            let mut a = toml_edit::Array::new();
            for item in items {
                a.push(json_to_toml(item, what)?);
            }
            toml_edit::Value::Array(a)
        }
        Value::Object(m) => {
            let mut t = toml_edit::InlineTable::new();
            for (k, item) in m {
                t.insert(k, json_to_toml(item, &format!("{what}.{k}"))?);
            }
            toml_edit::Value::InlineTable(t)
        }
    })
}

/// The fields of a new user, in the order of the documented layout.
fn user_fields(user: &User) -> Vec<(String, Value)> {
    let mut fields = Vec::new();
    // Unknown fields (an import's full_name, email) read best above the ones jwtctl manages.
    for (k, v) in &user.other {
        fields.push((k.clone(), v.clone()));
    }
    fields.push((
        "password_hash".into(),
        Value::String(user.password_hash.clone()),
    ));
    fields.push(("scopes".into(), Value::from(user.scopes.clone())));
    fields.push(("disabled".into(), Value::Bool(user.disabled)));
    if !user.claims.is_empty() {
        fields.push(("claims".into(), Value::Object(user.claims.clone())));
    }
    fields
}

const NEW_TOML_HEADER: &str = "# Users for jwtctl: `jwtctl users --help`. Edits by jwtctl keep \
comments, order and fields it does not know.\n\n";

impl Doc {
    fn new(format: Format) -> Doc {
        match format {
            Format::Toml => {
                let mut doc = DocumentMut::new();
                doc.decor_mut().set_prefix(NEW_TOML_HEADER);
                Doc::Toml(doc)
            }
            Format::Json => Doc::Json(Map::new()),
        }
    }

    fn render(&self) -> String {
        match self {
            Doc::Toml(d) => d.to_string(),
            Doc::Json(m) => {
                let mut s = serde_json::to_string_pretty(m).unwrap_or_default();
                s.push('\n');
                s
            }
        }
    }

    fn has_user(&self, name: &str) -> bool {
        match self {
            Doc::Toml(d) => d
                .get("users")
                .and_then(Item::as_table_like)
                .is_some_and(|t| t.contains_key(name)),
            Doc::Json(m) => m
                .get("users")
                .and_then(Value::as_object)
                .is_some_and(|u| u.contains_key(name)),
        }
    }

    fn insert_user(&mut self, user: &User) -> Result<(), StoreError> {
        let fields = user_fields(user);
        match self {
            Doc::Toml(d) => {
                let users = d.entry("users").or_insert_with(|| {
                    let mut t = toml_edit::Table::new();
                    t.set_implicit(true);
                    Item::Table(t)
                });
                let mut inline = toml_edit::InlineTable::new();
                for (k, v) in &fields {
                    inline.insert(k, json_to_toml(v, &format!("{k} of user {}", user.name))?);
                }
                match users {
                    Item::Table(t) => {
                        let mut table = inline.into_table();
                        table.set_implicit(false);
                        t.insert(&user.name, Item::Table(table));
                    }
                    Item::Value(toml_edit::Value::InlineTable(t)) => {
                        t.insert(&user.name, toml_edit::Value::InlineTable(inline));
                    }
                    // read_root has already refused any other shape when the file was read.
                    _ => {
                        return Err(StoreError::Unrepresentable(
                            "users is not a table, so no user can be added to it".into(),
                        ))
                    }
                }
            }
            Doc::Json(m) => {
                let users = m
                    .entry("users")
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(u) = users {
                    u.insert(
                        user.name.clone(),
                        Value::Object(fields.into_iter().collect()),
                    );
                }
            }
        }
        Ok(())
    }

    fn remove_user(&mut self, name: &str) -> bool {
        match self {
            Doc::Toml(d) => d
                .get_mut("users")
                .and_then(Item::as_table_like_mut)
                .and_then(|t| t.remove(name))
                .is_some(),
            Doc::Json(m) => m
                .get_mut("users")
                .and_then(Value::as_object_mut)
                .and_then(|u| u.shift_remove(name))
                .is_some(),
        }
    }

    /// Sets one field of an existing user, keeping the comments around a replaced value.
    /// `false` when there is no such user.
    fn set_field(&mut self, name: &str, key: &str, value: &Value) -> Result<bool, StoreError> {
        match self {
            Doc::Toml(d) => {
                let Some(user) = d
                    .get_mut("users")
                    .and_then(Item::as_table_like_mut)
                    .and_then(|t| t.get_mut(name))
                    .and_then(Item::as_table_like_mut)
                else {
                    return Ok(false);
                };
                let mut new = json_to_toml(value, &format!("{key} of user {name}"))?;
                match user.get_mut(key) {
                    Some(Item::Value(old)) => {
                        *new.decor_mut() = old.decor().clone();
                        *old = new;
                    }
                    Some(other) => *other = Item::Value(new),
                    None => {
                        user.insert(key, Item::Value(new));
                    }
                }
                Ok(true)
            }
            Doc::Json(m) => {
                let Some(user) = m
                    .get_mut("users")
                    .and_then(Value::as_object_mut)
                    .and_then(|u| u.get_mut(name))
                    .and_then(Value::as_object_mut)
                else {
                    return Ok(false);
                };
                user.insert(key.to_string(), value.clone());
                Ok(true)
            }
        }
    }
}

/// Edits a users file: each method is one locked read-modify-write.
#[derive(Debug, Clone)]
pub struct Store {
    path: PathBuf,
    format: Option<UsersFormat>,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub added: Vec<String>,
    pub replaced: Vec<String>,
}

impl Store {
    pub fn new(path: impl Into<PathBuf>, format: Option<UsersFormat>) -> Store {
        Store {
            path: path.into(),
            format,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Adds a user, creating the file (mode 0600) when it does not exist.
    pub fn add(&self, user: &User) -> Result<(), StoreError> {
        check_name(&user.name)?;
        self.edit(true, |doc| {
            if doc.has_user(&user.name) {
                return Err(self.exists(&user.name));
            }
            doc.insert_user(user)
        })
    }

    pub fn set_password_hash(&self, name: &str, hash: &str) -> Result<(), StoreError> {
        self.edit(false, |doc| {
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
        self.edit(false, |doc| {
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
        self.edit(false, |doc| {
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
        self.edit(false, |doc| self.found(doc.remove_user(name), name))
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
    fn edit<T>(
        &self,
        create: bool,
        f: impl FnOnce(&mut Doc) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let target = resolve_links(&self.path);
        let _lock = lock(&target, &self.path)?;
        remove_stale_temps(&target);
        let existing = read_text(&target).map_err(|e| self.renamed(e))?;
        let (mut doc, original, meta) = match existing {
            Some((text, meta)) => {
                let format = Format::detect(&self.path, self.format, Some(&text));
                let parsed = parse(&self.path, format, &text)?;
                (parsed.doc, Some(text), Some(meta))
            }
            None if create => (
                Doc::new(Format::detect(&self.path, self.format, None)),
                None,
                None,
            ),
            None => {
                return Err(StoreError::Missing {
                    path: self.path.clone(),
                })
            }
        };
        let out = f(&mut doc)?;
        let text = doc.render();
        if original.as_deref() != Some(text.as_str()) {
            write_atomic(&target, &self.path, text.as_bytes(), meta.as_ref())?;
        }
        if let Some(w) = meta
            .as_ref()
            .and_then(mode)
            .and_then(|m| permission_warning(&self.path, m))
        {
            crate::output::warn(&w);
        }
        Ok(out)
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
    fn current(doc: &Doc, path: &Path) -> Result<Users, StoreError> {
        let root = match doc {
            Doc::Toml(d) => toml_table_to_json(d.as_table()),
            Doc::Json(m) => m.clone(),
        };
        let (users, upgrade_hashes) = read_root(&root).map_err(|p| StoreError::Invalid {
            path: path.to_path_buf(),
            at: None,
            message: p.message,
        })?;
        Ok(Users {
            path: path.to_path_buf(),
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

/// The file a chain of symlinks ends at, existing or not, so that an edit writes there
/// instead of replacing the link with a plain file.
fn resolve_links(path: &Path) -> PathBuf {
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
fn lock(target: &Path, shown: &Path) -> Result<File, StoreError> {
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
const TEMP_RAND_LEN: usize = 6;

/// Removes the temp files of writers killed before their rename (SIGKILL, power loss), which
/// would otherwise pile up beside the file. Called under the lock, when no writer is
/// mid-write; only names of exactly our shape are touched.
fn remove_stale_temps(target: &Path) {
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

fn temp_prefix(file_name: &str) -> String {
    format!(".{file_name}.jwtctl-")
}

fn folder(target: &Path) -> &Path {
    match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Temp file in the same folder, same mode and owner as the old file (0600 for a new one),
/// fsync, rename over the target, fsync the folder. On any failure the temp file is removed
/// and the old file is as it was.
fn write_atomic(
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

/// For the `users` fuzz target: parses `bytes`, then makes the edits `jwtctl users` makes (add a
/// user, set a field of the first one, remove the second) and parses the result again. Panics
/// when an edit of a file jwtctl could read would write one it cannot read back, or one that
/// lost, changed or invented a user.
#[doc(hidden)]
pub fn check_edit_round_trip(bytes: &[u8], format: Format) {
    let path = Path::new("fuzz");
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let Ok(Parsed {
        mut doc, mut users, ..
    }) = parse(path, format, text)
    else {
        return;
    };
    let new = User::new("fuzz-new-user", "$2b$04$abcdefghijklmnopqrstuu");
    if doc.has_user(&new.name) || doc.insert_user(&new).is_err() {
        return;
    }
    users.push(new);
    if let Some(first) = users.first_mut() {
        assert!(doc
            .set_field(&first.name, "disabled", &Value::Bool(true))
            .expect("a bool is representable"));
        first.disabled = true;
    }
    if users.len() > 2 {
        assert!(doc.remove_user(&users[1].name));
        users.remove(1);
    }
    let out = doc.render();
    match parse(path, format, &out) {
        Ok(again) => assert_eq!(again.users, users, "an edit changed users\n{out}"),
        Err(e) => panic!("an edit wrote a file that does not parse: {e}\n{out}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one() {
        assert_eq!(line_col("ab\ncd", 0), (1, 1));
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
        assert_eq!(line_col("é\nx", 3), (2, 1));
    }

    #[test]
    fn names_are_checked() {
        assert!(check_name("alice").is_ok());
        assert!(check_name("ä-ö user@example.com").is_ok());
        assert!(check_name("").is_err());
        assert!(check_name("a\u{1b}[31m").is_err());
        assert!(check_name("a\nb").is_err());
        assert!(check_name(&"x".repeat(MAX_NAME_LEN)).is_ok());
        assert!(check_name(&"x".repeat(MAX_NAME_LEN + 1)).is_err());
    }

    #[test]
    fn toml_edits_keep_comments_and_unknown_fields() {
        let text = "# top\nupgrade_hashes = false\n\n[users.alice] # alice's table\n\
                    password_hash = \"x\" # old\nnickname = \"al\"\n\n[other]\nkeep = 1\n";
        let parsed = parse(Path::new("u.toml"), Format::Toml, text).ok().unwrap();
        let mut doc = parsed.doc;
        assert!(doc
            .set_field("alice", "password_hash", &Value::from("y"))
            .unwrap());
        doc.insert_user(&User::new("bob", "z")).unwrap();
        let out = doc.render();
        assert!(out.starts_with("# top\n"), "{out}");
        assert!(out.contains("# alice's table"), "{out}");
        assert!(out.contains("password_hash = \"y\" # old"), "{out}");
        assert!(out.contains("nickname = \"al\""), "{out}");
        assert!(out.contains("[other]\nkeep = 1"), "{out}");
        assert!(out.contains("[users.bob]"), "{out}");
        let again = parse(Path::new("u.toml"), Format::Toml, &out).ok().unwrap();
        let names: Vec<_> = again.users.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(names, ["alice", "bob"]);
    }

    #[test]
    fn structural_problems_name_the_line() {
        let text = "[users.alice]\npassword_hash = \"x\"\nscopes = 3\n";
        let e = parse(Path::new("u.toml"), Format::Toml, text)
            .err()
            .unwrap();
        assert!(
            matches!(
                e,
                StoreError::Invalid {
                    at: Some((3, _)),
                    ..
                }
            ),
            "{e}"
        );
    }
}
