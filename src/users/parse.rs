//! Reading a users file: UTF-8, then TOML or JSON, then every user, with the line and column
//! of the first problem.

use std::fs::{self, Metadata};
use std::io;
use std::ops::Range;
use std::path::Path;

use serde_json::{Map, Value};
use toml_edit::{DocumentMut, Item, TableLike};

use super::error::io_err;
use super::{Format, StoreError, User};

/// The file's text and metadata, or `None` when it does not exist.
pub(super) fn read_text(path: &Path) -> Result<Option<(String, Metadata)>, StoreError> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_err("read", path)(e)),
    };
    let meta = fs::metadata(path).map_err(io_err("read", path))?;
    Ok(Some((utf8_text(path, bytes)?, meta)))
}

/// The text of a users file; the error names where the first byte that is not UTF-8 is.
pub(super) fn utf8_text(path: &Path, bytes: Vec<u8>) -> Result<String, StoreError> {
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

/// The lines of the two entries behind a `duplicate key "K"` error, found by scanning the text:
/// the parser knows the position where it noticed (after the second value), not where the keys
/// are. The last two `"K":` at or before that line are the pair, since a duplicate is caught as
/// soon as its object holds both.
fn duplicate_lines(text: &str, message: &str, upto: usize) -> Option<String> {
    let key = message.strip_prefix("duplicate key ")?;
    let mut found = Vec::new();
    for (i, _) in text.match_indices(key) {
        let after = text[i + key.len()..].trim_start();
        let line = text[..i].matches('\n').count() + 1;
        if after.starts_with(':') && line <= upto {
            found.push(line);
        }
    }
    match found.as_slice() {
        [.., a, b] => Some(format!("{a} and {b}")),
        _ => None,
    }
}

pub(super) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

/// A parsed users file, ready to be edited in place.
pub(super) enum Doc {
    Toml(DocumentMut),
    Json(Map<String, Value>),
}

pub(super) struct Parsed {
    pub(super) doc: Doc,
    pub(super) users: Vec<User>,
    pub(super) upgrade_hashes: bool,
}

/// Where in the file a value is, for error messages: a path of keys.
pub(super) type KeyPath = Vec<String>;

pub(super) struct Problem {
    pub(super) at: KeyPath,
    pub(super) message: String,
}

pub(super) fn parse(path: &Path, format: Format, text: &str) -> Result<Parsed, StoreError> {
    Ok(match format {
        Format::Toml => {
            let (spanned, users, upgrade_hashes) = parse_toml(path, text)?;
            Parsed {
                doc: Doc::Toml(spanned.into_mut()),
                users,
                upgrade_hashes,
            }
        }
        Format::Json => {
            let (root, users, upgrade_hashes) = parse_json(path, text)?;
            Parsed {
                doc: Doc::Json(root),
                users,
                upgrade_hashes,
            }
        }
    })
}

/// [`parse`] without the editable document: the users and `upgrade_hashes`.
pub(super) fn parse_users(
    path: &Path,
    format: Format,
    text: &str,
) -> Result<(Vec<User>, bool), StoreError> {
    Ok(match format {
        Format::Toml => {
            let (_, users, upgrade_hashes) = parse_toml(path, text)?;
            (users, upgrade_hashes)
        }
        Format::Json => {
            let (_, users, upgrade_hashes) = parse_json(path, text)?;
            (users, upgrade_hashes)
        }
    })
}

fn parse_error(
    path: &Path,
    format: Format,
    text: &str,
    at: Result<(usize, usize), usize>,
    message: String,
) -> StoreError {
    let (line, column) = at.unwrap_or_else(|offset| line_col(text, offset));
    StoreError::Parse {
        path: path.to_path_buf(),
        format,
        line,
        column,
        message,
    }
}

type TomlParsed = (toml_edit::Document<String>, Vec<User>, bool);
type JsonParsed = (Map<String, Value>, Vec<User>, bool);

fn parse_toml(path: &Path, text: &str) -> Result<TomlParsed, StoreError> {
    let spanned = toml_edit::Document::parse(text.to_string()).map_err(|e| {
        let offset = e.span().map(|s| s.start).unwrap_or(0);
        parse_error(
            path,
            Format::Toml,
            text,
            Err(offset),
            e.message().trim().to_string(),
        )
    })?;
    let root = toml_table_to_json(spanned.as_table());
    let (users, upgrade_hashes) = read_root(&root).map_err(|p| StoreError::Invalid {
        path: path.to_path_buf(),
        at: toml_span(spanned.as_table(), &p.at).map(|s| line_col(text, s.start)),
        message: p.message,
    })?;
    Ok((spanned, users, upgrade_hashes))
}

fn parse_json(path: &Path, text: &str) -> Result<JsonParsed, StoreError> {
    let root: Value = if text.trim().is_empty() {
        Value::Object(Map::new())
    } else {
        // Strict: a name given twice would otherwise let the last entry win silently
        // (a `disabled` first entry overridden by an enabled second one).
        crate::token::parse_strict_text(text).map_err(|e| {
            let message = e.to_string();
            let mut message = match message.find(" at line ") {
                Some(i) => message[..i].to_string(),
                None => message,
            };
            if let Some(lines) = duplicate_lines(text, &message, e.line()) {
                message.push_str(&format!(" (lines {lines})"));
            }
            parse_error(
                path,
                Format::Json,
                text,
                Ok((e.line(), e.column())),
                message,
            )
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
    Ok((root, users, upgrade_hashes))
}

/// Reads the users out of the file's top level, in file order.
pub(super) fn read_root(root: &Map<String, Value>) -> Result<(Vec<User>, bool), Problem> {
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

pub(super) fn read_user(name: &str, value: &Value) -> Result<User, Problem> {
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
pub(super) fn toml_span(root: &toml_edit::Table, path: &[String]) -> Option<Range<usize>> {
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

pub(super) fn toml_table_to_json(table: &dyn TableLike) -> Map<String, Value> {
    table
        .iter()
        .filter_map(|(k, item)| toml_item_to_json(item).map(|v| (k.to_string(), v)))
        .collect()
}

pub(super) fn toml_item_to_json(item: &Item) -> Option<Value> {
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

pub(super) fn toml_value_to_json(v: &toml_edit::Value) -> Value {
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
