//! Edits of a parsed users file in place: toml_edit keeps comments, order and unknown keys;
//! JSON keeps key order.

use serde_json::{Map, Value};
use toml_edit::{DocumentMut, Item};

use super::parse::Doc;
use super::{Format, StoreError, User};

/// A JSON value as TOML; `what` names it in the error for a null.
pub(super) fn json_to_toml(v: &Value, what: &str) -> Result<toml_edit::Value, StoreError> {
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
pub(super) fn user_fields(user: &User) -> Vec<(String, Value)> {
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

pub(super) const NEW_TOML_HEADER: &str =
    "# Users for jwtctl: `jwtctl users --help`. Edits by jwtctl keep \
comments, order and fields it does not know.\n\n";

impl Doc {
    pub(super) fn new(format: Format) -> Doc {
        match format {
            Format::Toml => {
                let mut doc = DocumentMut::new();
                doc.decor_mut().set_prefix(NEW_TOML_HEADER);
                Doc::Toml(doc)
            }
            Format::Json => Doc::Json(Map::new()),
        }
    }

    pub(super) fn render(&self) -> String {
        match self {
            Doc::Toml(d) => d.to_string(),
            Doc::Json(m) => {
                let mut s = serde_json::to_string_pretty(m).unwrap_or_default();
                s.push('\n');
                s
            }
        }
    }

    pub(super) fn has_user(&self, name: &str) -> bool {
        self.has_entry("users", name)
    }

    pub(super) fn insert_user(&mut self, user: &User) -> Result<(), StoreError> {
        self.insert_entry("users", "user", &user.name, &user_fields(user))
    }

    pub(super) fn remove_user(&mut self, name: &str) -> bool {
        self.remove_entry("users", name)
    }

    /// Whether the table `section` (`users`, `clients`) has an entry `name`.
    pub(super) fn has_entry(&self, section: &str, name: &str) -> bool {
        match self {
            Doc::Toml(d) => d
                .get(section)
                .and_then(Item::as_table_like)
                .is_some_and(|t| t.contains_key(name)),
            Doc::Json(m) => m
                .get(section)
                .and_then(Value::as_object)
                .is_some_and(|u| u.contains_key(name)),
        }
    }

    /// Adds the entry `name` of kind `kind` (`user`, `client`) to `section`, as a table of its
    /// own in TOML (inline when the section is an inline table).
    pub(super) fn insert_entry(
        &mut self,
        section: &str,
        kind: &str,
        name: &str,
        fields: &[(String, Value)],
    ) -> Result<(), StoreError> {
        match self {
            Doc::Toml(d) => {
                let entries = d.entry(section).or_insert_with(|| {
                    let mut t = toml_edit::Table::new();
                    t.set_implicit(true);
                    Item::Table(t)
                });
                let mut inline = toml_edit::InlineTable::new();
                for (k, v) in fields {
                    inline.insert(k, json_to_toml(v, &format!("{k} of {kind} {name}"))?);
                }
                match entries {
                    Item::Table(t) => {
                        let mut table = inline.into_table();
                        table.set_implicit(false);
                        t.insert(name, Item::Table(table));
                    }
                    Item::Value(toml_edit::Value::InlineTable(t)) => {
                        t.insert(name, toml_edit::Value::InlineTable(inline));
                    }
                    // The read has already refused any other shape when the file was read.
                    _ => {
                        return Err(StoreError::Unrepresentable(format!(
                            "{section} is not a table, so no {kind} can be added to it"
                        )))
                    }
                }
            }
            Doc::Json(m) => {
                let entries = m
                    .entry(section)
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(u) = entries {
                    u.insert(
                        name.to_string(),
                        Value::Object(fields.iter().cloned().collect()),
                    );
                }
            }
        }
        Ok(())
    }

    pub(super) fn remove_entry(&mut self, section: &str, name: &str) -> bool {
        match self {
            Doc::Toml(d) => d
                .get_mut(section)
                .and_then(Item::as_table_like_mut)
                .and_then(|t| t.remove(name))
                .is_some(),
            Doc::Json(m) => m
                .get_mut(section)
                .and_then(Value::as_object_mut)
                .and_then(|u| u.shift_remove(name))
                .is_some(),
        }
    }

    /// Sets one field of an existing user, keeping the comments around a replaced value.
    /// `false` when there is no such user.
    pub(super) fn set_field(
        &mut self,
        name: &str,
        key: &str,
        value: &Value,
    ) -> Result<bool, StoreError> {
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
