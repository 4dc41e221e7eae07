//! OAuth2 clients of the users file: machines that get tokens with the `client_credentials`
//! grant, one table per client under `clients`.
//!
//! ```toml
//! [clients.billing-job]
//! secret_hash = "$argon2id$v=19$m=19456,t=2,p=1$..."
//! scopes = ["invoices:read"]
//! claims = { tenant = "acme" }
//! disabled = false
//! ```
//!
//! A name is a user or a client, never both: a token's `sub` names one of them, and a
//! resource server that looks `sub` up among the users must not take a client's token for a
//! user's. A file that has a name in both is refused like any other invalid file.
//!
//! Clients are read beside the users, not by the readers of users: a large file's users are
//! read in pieces, and its clients, a handful of tables, are found without parsing them.

use std::path::Path;
use std::time::Duration;

use serde_json::{Map, Value};

use super::parse::{line_col, toml_item_to_json, toml_span, Doc, Problem};
use super::scan::{self, Owner};
use super::{Format, StoreError, User};

#[derive(Debug, Clone, PartialEq)]
pub struct Client {
    /// The client id: `client_id` at `/token`, and `sub` of its tokens.
    pub name: String,
    /// PHC or bcrypt string of the client secret; empty when the file has none.
    pub secret_hash: String,
    pub scopes: Vec<String>,
    /// Put into the client's tokens.
    pub claims: Map<String, Value>,
    pub disabled: bool,
    /// Lifetime of the client's tokens (`ttl = "5m"`), instead of serve's `--ttl`.
    pub ttl: Option<Duration>,
    /// Fields jwtctl does not use, kept as they are.
    pub other: Map<String, Value>,
}

impl Client {
    pub fn new(name: impl Into<String>, secret_hash: impl Into<String>) -> Client {
        Client {
            name: name.into(),
            secret_hash: secret_hash.into(),
            scopes: Vec::new(),
            claims: Map::new(),
            disabled: false,
            ttl: None,
            other: Map::new(),
        }
    }

    /// The client as the password check sees a user: its secret is its password.
    pub fn as_login(&self) -> User {
        let mut u = User::new(&self.name, &self.secret_hash);
        u.scopes = self.scopes.clone();
        u.claims = self.claims.clone();
        u.disabled = self.disabled;
        u
    }
}

/// The clients of a users file's text, in file order.
pub(super) fn read(path: &Path, format: Format, text: &str) -> Result<Vec<Client>, StoreError> {
    // Most files have no clients: a byte search (memchr, gigabytes a second) spares them a
    // second pass of the parser over a large file.
    if memchr::memmem::find(text.as_bytes(), b"clients").is_none() {
        return Ok(Vec::new());
    }
    let invalid = |at, p: Problem| StoreError::Invalid {
        path: path.to_path_buf(),
        at,
        message: p.message,
    };
    match format {
        Format::Toml => {
            // A large file is mostly user tables: only the rest is parsed, when the lexer can
            // cut the file (a file it cannot cut is parsed whole).
            let part = if text.len() >= scan::LARGE {
                scan::sections(text, scan::Want::Nobody).map(|sections| {
                    sections
                        .iter()
                        .filter(|s| !matches!(s.owner, Owner::User(_)))
                        .map(|s| &text[s.range.clone()])
                        .collect::<String>()
                })
            } else {
                None
            };
            let (source, cut) = match &part {
                Some(p) => (p.as_str(), true),
                None => (text, false),
            };
            // The users' read has already refused a file that does not parse.
            let Ok(doc) = toml_edit::Document::parse(source.to_string()) else {
                return Ok(Vec::new());
            };
            let root = match doc.as_table().get("clients") {
                None => return Ok(Vec::new()),
                Some(item) => toml_item_to_json(item),
            };
            read_value(root.as_ref()).map_err(|p| {
                // Lines counted in the part would not be the file's.
                let at = (!cut)
                    .then(|| toml_span(doc.as_table(), &p.at))
                    .flatten()
                    .map(|s| line_col(source, s.start));
                invalid(at, p)
            })
        }
        Format::Json => {
            #[derive(serde::Deserialize)]
            struct Top {
                #[serde(default)]
                clients: Option<crate::token::StrictValue>,
            }
            // The users' read has already refused a file that does not parse; serde skips
            // the users here without building them.
            let Ok(top) = serde_json::from_str::<Top>(text) else {
                return Ok(Vec::new());
            };
            read_value(top.clients.map(|v| v.0).as_ref()).map_err(|p| invalid(None, p))
        }
    }
}

/// The clients of an already parsed document (for edits).
pub(super) fn of_doc(doc: &Doc) -> Result<Vec<Client>, Problem> {
    let value = match doc {
        Doc::Toml(d) => d.get("clients").and_then(toml_item_to_json),
        Doc::Json(m) => m.get("clients").cloned(),
    };
    read_value(value.as_ref())
}

fn read_value(value: Option<&Value>) -> Result<Vec<Client>, Problem> {
    match value {
        None => Ok(Vec::new()),
        Some(Value::Object(m)) => m.iter().map(|(k, v)| read_client(k, v)).collect(),
        Some(_) => Err(Problem {
            at: vec!["clients".into()],
            message: "clients must be a table of clients ([clients.NAME])".into(),
        }),
    }
}

fn read_client(name: &str, value: &Value) -> Result<Client, Problem> {
    let problem = |field: Option<&str>, message: String| Problem {
        at: ["clients", name]
            .into_iter()
            .chain(field)
            .map(String::from)
            .collect(),
        message,
    };
    let Value::Object(fields) = value else {
        return Err(problem(
            None,
            format!("client \"{name}\" must be a table with secret_hash, scopes, ..."),
        ));
    };
    // The fields clients share with users are read, and checked, as a user's are.
    let mut as_user = Map::new();
    let mut client = Client::new(name, "");
    for (key, v) in fields {
        match key.as_str() {
            "secret_hash" => match v {
                Value::String(s) => client.secret_hash = s.clone(),
                _ => {
                    return Err(problem(
                        Some(key),
                        format!("secret_hash of client \"{name}\" must be a string"),
                    ))
                }
            },
            "ttl" => match v.as_str().map(crate::claims::parse_ttl) {
                Some(Ok(d)) => client.ttl = Some(d),
                Some(Err(e)) => {
                    return Err(problem(Some(key), format!("ttl of client \"{name}\": {e}")))
                }
                None => {
                    return Err(problem(
                        Some(key),
                        format!("ttl of client \"{name}\" must be a duration such as \"15m\""),
                    ))
                }
            },
            "scopes" | "claims" | "disabled" => {
                as_user.insert(key.clone(), v.clone());
            }
            _ => {
                client.other.insert(key.clone(), v.clone());
            }
        }
    }
    let user = super::parse::read_user(name, &Value::Object(as_user)).map_err(|p| Problem {
        at: ["clients".to_string()]
            .into_iter()
            .chain(p.at.into_iter().skip(1))
            .collect(),
        message: p.message.replacen("of user", "of client", 1),
    })?;
    client.scopes = user.scopes;
    client.claims = user.claims;
    client.disabled = user.disabled;
    Ok(client)
}

/// The first name that is both a user and a client, as an error.
pub(super) fn check_apart(
    path: &Path,
    users: &[User],
    clients: &[Client],
) -> Result<(), StoreError> {
    if clients.is_empty() {
        return Ok(());
    }
    let names: std::collections::HashSet<&str> = clients.iter().map(|c| c.name.as_str()).collect();
    match users.iter().find(|u| names.contains(u.name.as_str())) {
        None => Ok(()),
        Some(u) => Err(StoreError::Invalid {
            path: path.to_path_buf(),
            at: None,
            message: format!(
                "\"{}\" is both a user and a client; a token's sub must name one of them",
                u.name
            ),
        }),
    }
}

/// A lifetime as the file holds it: jiff's friendly format ("15m", "1h 30m").
pub fn ttl_text(ttl: Duration) -> String {
    match jiff::SignedDuration::try_from(ttl) {
        Ok(d) => format!("{d:#}"),
        Err(_) => format!("{}s", ttl.as_secs()),
    }
}

/// The fields of a new client, in the order of the documented layout.
fn client_fields(client: &Client) -> Vec<(String, Value)> {
    let mut fields: Vec<(String, Value)> = client
        .other
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    fields.push((
        "secret_hash".into(),
        Value::String(client.secret_hash.clone()),
    ));
    fields.push(("scopes".into(), Value::from(client.scopes.clone())));
    fields.push(("disabled".into(), Value::Bool(client.disabled)));
    if let Some(ttl) = client.ttl {
        fields.push(("ttl".into(), Value::String(ttl_text(ttl))));
    }
    if !client.claims.is_empty() {
        fields.push(("claims".into(), Value::Object(client.claims.clone())));
    }
    fields
}

impl Doc {
    pub(super) fn has_client(&self, name: &str) -> bool {
        self.has_entry("clients", name)
    }

    pub(super) fn insert_client(&mut self, client: &Client) -> Result<(), StoreError> {
        self.insert_entry("clients", "client", &client.name, &client_fields(client))
    }

    pub(super) fn remove_client(&mut self, name: &str) -> bool {
        self.remove_entry("clients", name)
    }
}

impl super::Store {
    /// Adds a client, creating the file (mode 0600) when it does not exist. The whole file is
    /// edited: clients are few and added rarely.
    pub fn add_client(&self, client: &Client) -> Result<(), StoreError> {
        super::check_name(&client.name)?;
        self.edit(true, |doc| {
            if doc.has_client(&client.name) {
                return Err(StoreError::ClientExists {
                    name: client.name.clone(),
                    path: self.path().to_path_buf(),
                });
            }
            if doc.has_user(&client.name) {
                return Err(self.taken(&client.name, "user"));
            }
            doc.insert_client(client)
        })
    }

    pub fn remove_client(&self, name: &str) -> Result<(), StoreError> {
        self.edit(false, |doc| {
            if doc.remove_client(name) {
                Ok(())
            } else {
                Err(StoreError::UnknownClient {
                    name: name.to_string(),
                    path: self.path().to_path_buf(),
                })
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HASH: &str = "$2b$04$abcdefghijklmnopqrstuu";

    #[test]
    fn clients_are_read_from_toml_and_json_with_unknown_fields_kept() {
        let toml = format!(
            "[users.alice]\npassword_hash = \"{HASH}\"\n\n[clients.job]\nsecret_hash = \"{HASH}\"\n\
             scopes = \"a b\"\nowner = \"ops\"\nclaims = {{ tenant = \"acme\" }}\n"
        );
        let c = read(Path::new("u.toml"), Format::Toml, &toml).unwrap();
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].name, "job");
        assert_eq!(c[0].scopes, ["a", "b"]);
        assert_eq!(c[0].other["owner"], "ops");
        assert_eq!(c[0].claims["tenant"], "acme");
        assert_eq!(c[0].ttl, None);
        let with_ttl = toml.replace("owner =", "ttl = \"1h 30m\"\nowner =");
        let c = read(Path::new("u.toml"), Format::Toml, &with_ttl).unwrap();
        assert_eq!(c[0].ttl, Some(Duration::from_secs(5400)));
        assert_eq!(ttl_text(Duration::from_secs(5400)), "1h 30m");
        let bad = toml.replace("owner =", "ttl = 60\nowner =");
        let e = read(Path::new("u.toml"), Format::Toml, &bad).unwrap_err();
        assert!(e.to_string().contains("ttl of client \"job\""), "{e}");
        let json = format!(
            "{{\"users\": {{}}, \"clients\": {{\"job\": {{\"secret_hash\": \"{HASH}\", \
             \"disabled\": true}}}}}}"
        );
        let c = read(Path::new("u.json"), Format::Json, &json).unwrap();
        assert!(c[0].disabled);
    }

    #[test]
    fn a_bad_client_field_names_the_client_and_the_line() {
        let toml = "[clients.job]\nsecret_hash = \"x\"\ndisabled = \"no\"\n";
        let e = read(Path::new("u.toml"), Format::Toml, toml).unwrap_err();
        let text = e.to_string();
        assert!(text.contains("(line 3"), "{text}");
        assert!(text.contains("disabled of client \"job\""), "{text}");
        let e = read(Path::new("u.toml"), Format::Toml, "clients = 3\n").unwrap_err();
        assert!(e.to_string().contains("clients must be a table"), "{e}");
    }

    #[test]
    fn a_name_in_both_is_refused() {
        let users = [User::new("svc", HASH)];
        let clients = [Client::new("svc", HASH)];
        let e = check_apart(Path::new("u.toml"), &users, &clients).unwrap_err();
        assert!(e.to_string().contains("both a user and a client"), "{e}");
        assert!(check_apart(Path::new("u.toml"), &users, &[]).is_ok());
    }
}
