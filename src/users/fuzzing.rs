//! Built only for the fuzzer (cargo fuzz sets `cfg(fuzzing)`), so it never ships in the binary.

use std::path::Path;

use serde_json::Value;

use super::parse::{parse, Parsed};
use super::{Format, User};

/// For the `users` fuzz target: parses `bytes`, then makes the edits `jwtctl users` makes (add a
/// user, set a field of the first one, remove the second) and parses the result again. Panics
/// when an edit of a file jwtctl could read would write one it cannot read back, or one that
/// lost, changed or invented a user.
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
