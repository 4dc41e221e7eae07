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
//!
//! [clients.billing]              # OAuth2 clients (`clients`): secret_hash instead of password_hash
//! secret_hash = "$argon2id$v=19$m=19456,t=2,p=1$..."
//! scopes = ["invoices:read"]
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
//!
//! A large file (256 KiB and over: thousands of users) is not built into one document: `scan`
//! finds each user's bytes (TOML tables by toml_parser's lexer, JSON values by serde_json's raw
//! values), reads parse only the users they need (`quick` reads the layout `users add` writes
//! without toml_edit), and an edit checks every user, edits a document of its user alone and
//! splices it in, keeping every other byte; the result is what editing the whole document
//! writes.

mod clients;
mod doc;
mod edit;
mod error;
#[cfg(fuzzing)]
mod fuzzing;
mod import;
mod json_spans;
mod lines;
mod locked;
mod model;
mod parse;
mod quick;
mod scan;
mod write;

pub use clients::{ttl_text, Client};
pub use edit::{ImportSummary, Store};
pub use error::StoreError;
#[cfg(fuzzing)]
pub use fuzzing::check_edit_round_trip;
pub use import::from_fastapi;
pub use locked::edit_locked;
pub use model::{check_name, Format, User, Users, MAX_NAME_LEN};

#[cfg(test)]
mod tests {
    use std::path::Path;

    use serde_json::Value;

    use super::parse::*;
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
