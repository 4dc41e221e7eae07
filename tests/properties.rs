//! Library-level tests: properties that hold for every claim set and tampering, and a cross-check
//! against jsonwebtoken, an independent JWT implementation.

use jwtctl::alg::Alg;
use jwtctl::checks::{verify, KeySet, Policy};
use jwtctl::keys::{Key, Material, PrivateKey, Secret, Usage};
use jwtctl::mint::sign;
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
    fn any_single_byte_change_breaks_verification(index in any::<prop::sample::Index>(), byte in printable()) {
        let key = secret_key();
        let signer = key.signer(Alg::HS256, false).unwrap();
        let text = sign(&signer, &header(Alg::HS256), &claims("alice", &[])).unwrap();
        let mut bytes = text.clone().into_bytes();
        let i = index.index(bytes.len());
        prop_assume!(bytes[i] != byte);
        bytes[i] = byte;
        let keys = KeySet::single(key);
        let changed = String::from_utf8(bytes).expect("ASCII in, ASCII out");
        prop_assert!(!check(&changed, &keys), "accepted {changed}");
    }
}

/// Replacement bytes: every printable ASCII character, so each case is a token text a person
/// could paste (a non-UTF-8 byte would only test that the input is rejected as text).
fn printable() -> impl Strategy<Value = u8> {
    0x20u8..0x7f
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
                &(any::<prop::sample::Index>(), printable()),
                |(index, byte)| {
                    let mut bytes = text.clone().into_bytes();
                    let i = index.index(bytes.len());
                    prop_assume!(bytes[i] != byte);
                    bytes[i] = byte;
                    let changed = String::from_utf8(bytes).expect("ASCII in, ASCII out");
                    prop_assert!(!check(&changed, &keys), "{alg} accepted {changed}");
                    Ok(())
                },
            )
            .unwrap();
    }
}

/// jsonwebtoken, an independent implementation, accepts jwtctl's tokens and makes tokens jwtctl
/// accepts, for each algorithm both implement.
#[test]
fn tokens_cross_check_with_jsonwebtoken() {
    use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
    let _ = jsonwebtoken::crypto::aws_lc::DEFAULT_PROVIDER.install_default();
    let cases = [
        (Alg::RS256, Algorithm::RS256),
        (Alg::PS384, Algorithm::PS384),
        (Alg::ES256, Algorithm::ES256),
        (Alg::ES384, Algorithm::ES384),
        (Alg::EdDSA, Algorithm::EdDSA),
    ];
    for (ours, theirs) in cases {
        let key = private_key(ours);
        let Material::Private(private) = &key.material else {
            unreachable!()
        };
        let pkcs8 = private.to_pkcs8();
        let public_pem = private.public().to_pem();
        let private_pem = jwtctl::keys::pem_lf(&pem::Pem::new("PRIVATE KEY", pkcs8.to_vec()));
        let (enc, dec) = match ours.family() {
            jwtctl::alg::Family::Rsa => (
                EncodingKey::from_rsa_pem(private_pem.as_bytes()).unwrap(),
                DecodingKey::from_rsa_pem(public_pem.as_bytes()).unwrap(),
            ),
            jwtctl::alg::Family::Ec(_) => (
                EncodingKey::from_ec_pem(private_pem.as_bytes()).unwrap(),
                DecodingKey::from_ec_pem(public_pem.as_bytes()).unwrap(),
            ),
            _ => (
                EncodingKey::from_ed_pem(private_pem.as_bytes()).unwrap(),
                DecodingKey::from_ed_pem(public_pem.as_bytes()).unwrap(),
            ),
        };
        // jwtctl → jsonwebtoken, with its strictest validation.
        let signer = key.signer(ours, false).unwrap();
        let text = sign(&signer, &header(ours), &claims("alice", &[])).unwrap();
        let mut validation = Validation::new(theirs);
        validation.leeway = 0;
        validation.validate_nbf = true;
        validation.set_required_spec_claims(&["exp", "sub"]);
        let data = jsonwebtoken::decode::<Value>(&text, &dec, &validation)
            .unwrap_or_else(|e| panic!("{ours}: jsonwebtoken rejected jwtctl's token: {e}"));
        assert_eq!(data.claims["sub"], "alice");
        // jsonwebtoken → jwtctl.
        let theirs_token =
            jsonwebtoken::encode(&Header::new(theirs), &claims("bob", &[]), &enc).unwrap();
        assert!(check(&theirs_token, &KeySet::single(key)), "{ours}");
    }
    // HS256 both ways.
    let secret = b"0123456789abcdef0123456789abcdef";
    let t = jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &claims("carol", &[]),
        &EncodingKey::from_secret(secret),
    )
    .unwrap();
    assert!(check(&t, &KeySet::single(secret_key())));
    let signer = secret_key().signer(Alg::HS256, false).unwrap();
    let ours = sign(&signer, &header(Alg::HS256), &claims("dave", &[])).unwrap();
    jsonwebtoken::decode::<Value>(
        &ours,
        &DecodingKey::from_secret(secret),
        &Validation::new(Algorithm::HS256),
    )
    .unwrap();
}
