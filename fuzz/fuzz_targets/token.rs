//! Token text → parse, diagnostics, verification against a fixed key: never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

use jwtctl::checks::{verify, KeySet, Policy};
use jwtctl::keys::{Key, Material, Secret, Usage};
use jwtctl::token::{normalize, Token};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(token) = Token::parse(normalize(text)) else {
        return;
    };
    let _ = jwtctl::diagnostics::findings(&token, 1_700_000_000, 86_400);
    let key = Key {
        material: Material::Secret(Secret::new(b"0123456789abcdef0123456789abcdef".to_vec()).unwrap()),
        kid: None,
        usage: Usage::default(),
        source: "fuzz".into(),
    };
    let policy = Policy {
        aud: vec!["api".into()],
        iss: Some("me".into()),
        scopes: vec!["read".into()],
        ..Policy::default()
    };
    let report = verify(&token, &KeySet::single(key), &policy, jiff::Timestamp::UNIX_EPOCH);
    // Random input never carries a valid MAC for this key.
    assert!(!report.signature_valid);
});
