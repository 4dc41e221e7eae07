//! Token text → parse, diagnostics, verification against a fixed key: never a panic. A token
//! batch verify can read in place is judged and written exactly as the parsed token is.
#![no_main]

use libfuzzer_sys::fuzz_target;

use jwtctl::checks::{verify, KeySet, Policy};
use jwtctl::{write_report_line, write_view_line};
use jwtctl::keys::{Key, Material, Secret, Usage};
use jwtctl::token::{normalize, Scratch, Token, TokenView};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut scratch = Scratch::default();
    let view = TokenView::parse(normalize(text), &mut scratch);
    let Ok(token) = Token::parse(normalize(text)) else {
        assert!(view.is_none(), "read in place, but not parsed");
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
    let keys = KeySet::single(key);
    let report = verify(&token, &keys, &policy, jiff::Timestamp::UNIX_EPOCH);
    // Random input never carries a valid MAC for this key.
    assert!(!report.signature_valid);
    if let Some(view) = view {
        let lean = verify(&view, &keys, &policy, jiff::Timestamp::UNIX_EPOCH);
        let (mut parsed, mut in_place) = (Vec::new(), Vec::new());
        write_report_line(&mut parsed, &token, &report, 1);
        write_view_line(&mut in_place, &view, &lean, 1);
        assert_eq!(parsed, in_place);
    }
});
