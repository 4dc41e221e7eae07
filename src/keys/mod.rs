//! Key material: loading secrets and key files (PEM, DER, JWK) with the type detected from the
//! content, and turning them into signers and verifiers for one algorithm.
//!
//! Signatures are computed with aws-lc-rs directly. It is the backend jsonwebtoken uses too, but
//! jsonwebtoken has no ES512 and re-parses the key on every call; a pre-parsed key is what makes
//! batch verification run at the speed of the primitive.

mod der;
mod encrypted;
mod error;
mod inspect;
mod jwk;
mod load;
mod material;
mod roca;
mod secret;
mod sign;
mod thumbprint;

pub use encrypted::{encrypt_pem, private_pem, PassphraseSource, Prompt, PASSPHRASE_ENV};
pub use error::KeyError;
pub use inspect::{inspect, Inspection};
pub use jwk::Jwk;
pub use load::{exposure, load_key_file, material_from_content, pem_lf, KeySource};
pub use material::{material_from_der, Key, Material, PrivateKey, PublicKey, Usage};
pub use secret::{Secret, SecretArg};
pub use sign::{Signer, Verifier};

/// Reads a file that may hold key material: size-limited, into a buffer wiped on drop.
pub fn read_key_file(path: &std::path::Path) -> Result<zeroize::Zeroizing<Vec<u8>>, KeyError> {
    load::read_limited(path)
}

#[cfg(test)]
mod tests {
    use super::load::key_material_kind;
    use super::*;
    use crate::alg::Alg;

    #[test]
    fn rfc7638_thumbprint() {
        let jwk: Jwk = serde_json::from_str(r#"{"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"}"#).unwrap();
        assert_eq!(
            jwk.thumbprint().unwrap(),
            "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
        );
    }

    #[test]
    fn generated_keys_round_trip_through_jwk_and_der() {
        for alg in [Alg::RS256, Alg::ES256, Alg::ES384, Alg::ES512, Alg::EdDSA] {
            let k = PrivateKey::generate(alg, 2048).unwrap();
            let der = k.to_pkcs8();
            let back = material_from_der(&der).unwrap();
            assert!(matches!(back, Material::Private(_)), "{alg}");
            let jwk = k.to_jwk();
            let key = jwk.to_key().unwrap();
            assert_eq!(key.public().unwrap(), k.public(), "{alg}");
            let pubkey = material_from_der(k.public().spki_der()).unwrap();
            assert!(matches!(pubkey, Material::Public(_)), "{alg}");
        }
    }

    #[test]
    fn key_material_is_told_from_secrets() {
        let k = PrivateKey::generate(Alg::ES256, 2048).unwrap();
        let public = k.public();
        assert!(key_material_kind(public.to_pem().as_bytes()).is_some());
        assert!(key_material_kind(public.spki_der()).is_some());
        assert!(key_material_kind(&k.to_pkcs8()).is_some());
        let jwk = serde_json::to_vec(&public.to_jwk()).unwrap();
        assert!(key_material_kind(&jwk).is_some());
        assert!(key_material_kind(b"ssh-ed25519 AAAAC3Nza... me@host").is_some());
        // Secrets, including bytes that aws-lc would read as a raw compressed EC point.
        let point = &public.spki_der()[public.spki_der().len() - 65..];
        let mut compressed = vec![2 + (point[64] & 1)];
        compressed.extend_from_slice(&point[1..33]);
        assert!(key_material_kind(&compressed).is_none());
        assert!(key_material_kind(b"0123456789abcdef0123456789abcdef").is_none());
        assert!(key_material_kind(br#"{"not":"a key"}"#).is_none());
        assert!(key_material_kind(&[0x30; 64]).is_none());
    }

    #[test]
    fn a_der_key_ending_in_a_newline_is_no_secret_file() {
        // One P-256 key in 256 has an SPKI whose last byte is 0x0a.
        let spki = std::iter::repeat_with(|| PrivateKey::generate(Alg::ES256, 2048).unwrap())
            .map(|k| k.public().spki_der().to_vec())
            .find(|der| der.ends_with(b"\n"))
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secret");
        std::fs::write(&path, &spki).unwrap();
        let source = KeySource {
            secret_file: Some(path),
            ..KeySource::default()
        };
        assert!(matches!(
            source.load(&mut Vec::new()),
            Err(KeyError::SecretIsKey {
                what: "a DER key",
                ..
            })
        ));
    }

    #[test]
    fn hmac_key_refuses_other_families() {
        let key = Key {
            material: Material::Public(PrivateKey::generate(Alg::RS256, 2048).unwrap().public()),
            kid: None,
            usage: Usage::default(),
            source: "t".into(),
        };
        assert!(matches!(
            key.verifier(Alg::HS256),
            Err(KeyError::Confusion { .. })
        ));
        assert!(matches!(
            key.verifier(Alg::ES256),
            Err(KeyError::WrongFamily { .. })
        ));
    }
}
