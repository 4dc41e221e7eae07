//! JSON Web Keys (RFC 7517): the model jwtctl reads and writes, and the key each describes.

use std::fmt;

use aws_lc_rs::encoding::{AsDer, PublicKeyX509Der};
use aws_lc_rs::rsa::{KeyPairComponents, PublicKeyComponents};
use aws_lc_rs::signature::{self as sig, EcdsaKeyPair, Ed25519KeyPair, ParsedPublicKey};
use base64::Engine;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use zeroize::{Zeroize, Zeroizing};

use super::material::public_from_parsed;
use super::sign::{ecdsa_signing_alg, ecdsa_verify_alg};
use super::{Key, KeyError, Material, PrivateKey, PublicKey, Secret, Usage};
use crate::alg::{Curve, Family};

/// A JSON Web Key (RFC 7517), public or private. jsonwebtoken's `Jwk` has no private members,
/// so jwtctl keeps its own model: one type to read, write and thumbprint.
#[derive(Clone, Default, Serialize, Deserialize)]
pub struct Jwk {
    pub kty: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
    #[serde(rename = "use", skip_serializing_if = "Option::is_none")]
    pub use_: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_ops: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alg: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crv: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub n: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub e: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub x: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub y: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub d: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dp: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dq: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qi: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub k: Option<String>,
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl Jwk {
    fn member(&self, name: &'static str, v: &Option<String>) -> Result<Vec<u8>, KeyError> {
        let text = v
            .as_deref()
            .ok_or_else(|| KeyError::Jwk(format!("kty {} needs \"{name}\"", self.kty)))?;
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(text)
            .map_err(|_| KeyError::Jwk(format!("\"{name}\" is not base64url")))
    }

    pub fn is_private(&self) -> bool {
        self.d.is_some() || self.k.is_some()
    }

    /// The key this JWK describes, checked by aws-lc (points on the curve, consistent halves).
    pub fn to_key(&self) -> Result<Key, KeyError> {
        let rejected = |e: aws_lc_rs::error::KeyRejected| KeyError::Jwk(e.to_string());
        let curve = || -> Result<Curve, KeyError> {
            match self.crv.as_deref() {
                Some("P-256") => Ok(Curve::P256),
                Some("P-384") => Ok(Curve::P384),
                Some("P-521") => Ok(Curve::P521),
                other => Err(KeyError::Jwk(format!("unsupported EC curve {other:?}"))),
            }
        };
        let material = match self.kty.as_str() {
            "oct" => Material::Secret(Secret::new(self.member("k", &self.k)?)?),
            "RSA" => {
                let n = self.member("n", &self.n)?;
                let e = self.member("e", &self.e)?;
                if self.d.is_some() {
                    let comps = KeyPairComponents {
                        public_key: PublicKeyComponents {
                            n: &n[..],
                            e: &e[..],
                        },
                        d: Zeroizing::new(self.member("d", &self.d)?),
                        p: Zeroizing::new(self.member("p", &self.p)?),
                        q: Zeroizing::new(self.member("q", &self.q)?),
                        dP: Zeroizing::new(self.member("dp", &self.dp)?),
                        dQ: Zeroizing::new(self.member("dq", &self.dq)?),
                        qInv: Zeroizing::new(self.member("qi", &self.qi)?),
                    };
                    let k = sig::RsaKeyPair::from_components(&KeyPairComponents {
                        public_key: comps.public_key,
                        d: &comps.d[..],
                        p: &comps.p[..],
                        q: &comps.q[..],
                        dP: &comps.dP[..],
                        dQ: &comps.dQ[..],
                        qInv: &comps.qInv[..],
                    })
                    .map_err(rejected)?;
                    Material::Private(PrivateKey::Rsa(k))
                } else {
                    let comps = PublicKeyComponents {
                        n: &n[..],
                        e: &e[..],
                    };
                    let spki = AsDer::<PublicKeyX509Der>::as_der(&comps)
                        .map_err(|e| KeyError::Jwk(e.to_string()))?;
                    let spki = spki.as_ref().to_vec();
                    aws_lc_rs::rsa::PublicKey::from_der(&spki).map_err(rejected)?;
                    Material::Public(PublicKey {
                        family: Family::Rsa,
                        spki,
                    })
                }
            }
            "EC" => {
                let c = curve()?;
                let x = self.member("x", &self.x)?;
                let y = self.member("y", &self.y)?;
                if x.len() != c.coordinate_len() || y.len() != c.coordinate_len() {
                    return Err(KeyError::Jwk(format!(
                        "x and y of a {} key are {} bytes each",
                        c.jwk_name(),
                        c.coordinate_len()
                    )));
                }
                let mut point = vec![4u8];
                point.extend_from_slice(&x);
                point.extend_from_slice(&y);
                if self.d.is_some() {
                    let d = Zeroizing::new(self.member("d", &self.d)?);
                    let k = EcdsaKeyPair::from_private_key_and_public_key(
                        ecdsa_signing_alg(c),
                        &d,
                        &point,
                    )
                    .map_err(rejected)?;
                    Material::Private(PrivateKey::Ec(c, k))
                } else {
                    let k = ParsedPublicKey::new(ecdsa_verify_alg(c), &point).map_err(rejected)?;
                    Material::Public(
                        public_from_parsed(Family::Ec(c), &k)
                            .ok_or_else(|| KeyError::Jwk("cannot encode the EC key".into()))?,
                    )
                }
            }
            "OKP" => {
                if self.crv.as_deref() != Some("Ed25519") {
                    return Err(KeyError::Jwk(format!(
                        "unsupported OKP curve {:?} (only Ed25519)",
                        self.crv
                    )));
                }
                let x = self.member("x", &self.x)?;
                if self.d.is_some() {
                    let d = Zeroizing::new(self.member("d", &self.d)?);
                    let k = Ed25519KeyPair::from_seed_and_public_key(&d, &x).map_err(rejected)?;
                    Material::Private(PrivateKey::Ed25519(k))
                } else {
                    if x.len() != 32 {
                        return Err(KeyError::Jwk("an Ed25519 \"x\" is 32 bytes".into()));
                    }
                    let k = ParsedPublicKey::new(&sig::ED25519, &x).map_err(rejected)?;
                    Material::Public(
                        public_from_parsed(Family::Ed25519, &k)
                            .ok_or_else(|| KeyError::Jwk("cannot encode the Ed25519 key".into()))?,
                    )
                }
            }
            other => return Err(KeyError::Jwk(format!("unsupported kty {other:?}"))),
        };
        Ok(Key {
            material,
            kid: self.kid.clone(),
            usage: Usage {
                alg: self.alg.clone(),
                use_: self.use_.clone(),
                key_ops: self.key_ops.clone(),
            },
            source: match &self.kid {
                Some(k) => format!("JWK \"{k}\""),
                None => "JWK".into(),
            },
        })
    }
}

impl Jwk {
    /// The public part only: what may be published in a JWKS.
    pub fn public_only(&self) -> Jwk {
        let mut public = self.clone();
        public.wipe_private();
        public
    }

    fn wipe_private(&mut self) {
        for member in [
            &mut self.d,
            &mut self.p,
            &mut self.q,
            &mut self.dp,
            &mut self.dq,
            &mut self.qi,
            &mut self.k,
        ] {
            // Overwrites the text, then leaves None.
            member.zeroize();
        }
    }
}

/// Public members only: a private JWK must not end up in a log or an error message.
impl fmt::Debug for Jwk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Jwk")
            .field("kty", &self.kty)
            .field("kid", &self.kid)
            .field("alg", &self.alg)
            .field("crv", &self.crv)
            .field("private", &self.is_private())
            .finish_non_exhaustive()
    }
}

/// The private members (`d`, the RSA CRT values, an `oct` key's `k`) are wiped on drop.
impl Drop for Jwk {
    fn drop(&mut self) {
        self.wipe_private();
    }
}
