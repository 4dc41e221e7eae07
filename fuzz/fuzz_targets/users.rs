//! Users-file bytes → the TOML and JSON parsers, the edits `jwtctl users` makes and the FastAPI
//! tutorial import: never a panic, and an edited file always parses back to the same users.
#![no_main]

use libfuzzer_sys::fuzz_target;

use jwtctl::users::{check_edit_round_trip, Format, Users};

fuzz_target!(|data: &[u8]| {
    let path = std::path::Path::new("fuzz.toml");
    for format in [Format::Toml, Format::Json] {
        if let Ok(users) = Users::from_bytes(data, path, format) {
            for user in &users.users {
                // What `users list` and a login read of each user.
                let _ = jwtctl::hashing::inspect(&user.password_hash);
                let mut claims = serde_json::Map::new();
                claims.insert("sub".into(), user.name.clone().into());
                let _ = users.check_subject(&claims);
            }
        }
        check_edit_round_trip(data, format);
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = jwtctl::users::from_fastapi(text, "fuzz.json");
    }
});
