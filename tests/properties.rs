//! Properties of the library core: what holds for every claim set and every tampering.

use jwtctl::alg::Alg;
use jwtctl::checks::{verify, KeySet, Policy};
use jwtctl::commands::issue::sign;
use jwtctl::keys::{Key, Material, PrivateKey, Secret, Usage};
use jwtctl::token::Token;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

fn secret_key() -> Key {
    Key {
        material: Material::Secret(
            Secret::new(b"0123456789abcdef0123456789abcdef".to_vec()).unwrap(),
        ),
        kid: None,
        usage: Usage::default(),
        source: "test".into(),
    }
}

fn private_key(alg: Alg) -> Key {
    Key {
        material: Material::Private(PrivateKey::generate(alg, 2048).unwrap()),
        kid: None,
        usage: Usage::default(),
        source: "test".into(),
    }
}

fn claims(sub: &str, extra: &[(String, i64)]) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("sub".into(), json!(sub));
    m.insert("exp".into(), json!(4_102_444_800i64));
    for (k, v) in extra {
        m.insert(format!("x_{k}"), json!(v));
    }
    m
}

fn header(alg: Alg) -> Map<String, Value> {
    let mut h = Map::new();
    h.insert("alg".into(), json!(alg.name()));
    h.insert("typ".into(), json!("JWT"));
    h
}

fn check(text: &str, keys: &KeySet) -> bool {
    match Token::parse(text) {
        Ok(t) => verify(&t, keys, &Policy::default(), jiff::Timestamp::now()).valid(),
        Err(_) => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn signed_tokens_verify(sub in "\\PC{0,40}", extra in proptest::collection::vec(("[a-z]{1,8}", any::<i64>()), 0..6)) {
        let key = secret_key();
        let signer = key.signer(Alg::HS256, false).unwrap();
        let text = sign(&signer, &header(Alg::HS256), &claims(&sub, &extra)).unwrap();
        let keys = KeySet::single(key);
        prop_assert!(check(&text, &keys));
    }

    #[test]
    fn any_single_byte_change_breaks_verification(index in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let key = secret_key();
        let signer = key.signer(Alg::HS256, false).unwrap();
        let text = sign(&signer, &header(Alg::HS256), &claims("alice", &[])).unwrap();
        let mut bytes = text.clone().into_bytes();
        let i = index.index(bytes.len());
        prop_assume!(bytes[i] != byte);
        bytes[i] = byte;
        let keys = KeySet::single(key);
        match String::from_utf8(bytes) {
            Ok(changed) => prop_assert!(!check(&changed, &keys), "accepted {changed}"),
            Err(_) => {} // not even text: nothing to accept
        }
    }
}

/// The same tampering property for every asymmetric algorithm, with fewer cases (key
/// generation and RSA signing are slow).
#[test]
fn tampering_fails_for_every_asymmetric_algorithm() {
    for alg in [
        Alg::RS256,
        Alg::PS256,
        Alg::ES256,
        Alg::ES384,
        Alg::ES512,
        Alg::EdDSA,
    ] {
        let key = private_key(alg);
        let signer = key.signer(alg, false).unwrap();
        let text = sign(&signer, &header(alg), &claims("alice", &[])).unwrap();
        let keys = KeySet::single(key);
        assert!(check(&text, &keys), "{alg}");
        let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(64));
        runner
            .run(
                &(any::<prop::sample::Index>(), any::<u8>()),
                |(index, byte)| {
                    let mut bytes = text.clone().into_bytes();
                    let i = index.index(bytes.len());
                    prop_assume!(bytes[i] != byte);
                    bytes[i] = byte;
                    if let Ok(changed) = String::from_utf8(bytes) {
                        prop_assert!(!check(&changed, &keys), "{alg} accepted {changed}");
                    }
                    Ok(())
                },
            )
            .unwrap();
    }
}
