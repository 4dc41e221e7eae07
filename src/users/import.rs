//! Users from the FastAPI tutorial's `fake_users_db` shape:
//! `{"alice": {"username": "alice", "full_name": ..., "email": ..., "hashed_password": ...,
//! "disabled": false}}`, for `jwtctl users import`. Every entry is checked before anything is
//! written.

use serde_json::Value;

use super::{check_name, User};
use crate::error::Failure;
use crate::warning::{Level, Warning, Warnings};

/// The users of a FastAPI tutorial `fake_users_db` document, and what is worth a warning;
/// `shown` names the document in errors.
pub fn from_fastapi(text: &str, shown: &str) -> crate::error::Result<(Vec<User>, Warnings)> {
    let mut warnings = Warnings::new();
    let shape_hint = "expected {\"alice\": {\"username\": \"alice\", \"hashed_password\": \"$2b$12$...\", \"disabled\": false}, ...}";
    let root: Value = serde_json::from_str(text).map_err(|e| {
        Failure::runtime(format!(
            "{shown} is not valid JSON (line {}, column {})",
            e.line(),
            e.column()
        ))
        .hint(shape_hint)
    })?;
    let Value::Object(entries) = root else {
        return Err(
            Failure::runtime(format!("{shown} is not a JSON object of users"))
                .hint(shape_hint)
                .into(),
        );
    };
    let bad = |name: &str, what: String| {
        Failure::runtime(format!("{shown}: user \"{name}\": {what}")).hint(shape_hint)
    };
    let mut users = Vec::with_capacity(entries.len());
    for (name, entry) in entries {
        check_name(&name).map_err(|e| bad(&name, e.to_string()))?;
        let Value::Object(fields) = entry else {
            return Err(bad(&name, "is not an object".into()).into());
        };
        let mut user = User::new(&name, "");
        for (k, v) in fields {
            match (k.as_str(), v) {
                ("hashed_password" | "password_hash", Value::String(h)) => user.password_hash = h,
                ("disabled", Value::Bool(b)) => user.disabled = b,
                ("disabled", Value::Null) => {}
                ("scopes", Value::Array(items)) if items.iter().all(Value::is_string) => {
                    user.scopes = crate::claims::split_scopes(
                        &items.iter().flat_map(Value::as_str).collect::<Vec<_>>(),
                    )
                }
                ("username", Value::String(u)) => {
                    if u != name {
                        warnings.push(Warning::new(
                            Level::Low,
                            "import-username-differs",
                            format!(
                                "{shown}: entry \"{name}\" has username \"{u}\"; the key \
                                 \"{name}\" is the login name, as in the tutorial's lookup"
                            ),
                        ));
                    }
                }
                ("hashed_password" | "password_hash" | "disabled" | "scopes" | "username", _) => {
                    return Err(bad(&name, format!("{k} has the wrong type")).into())
                }
                // Null fields (full_name: None in the tutorial) say nothing worth keeping, and
                // TOML could not store them.
                (_, Value::Null) => {}
                (_, v) => {
                    user.other.insert(k, v);
                }
            }
        }
        if let Err(e) = crate::hashing::inspect(&user.password_hash) {
            return Err(bad(&name, e.to_string())
                .hint("only argon2 and bcrypt $2a$/$2b$/$2y$ hashes can be imported")
                .into());
        }
        users.push(user);
    }
    Ok((users, warnings))
}
