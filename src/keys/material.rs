//! Key material in memory: secrets, private and public keys, and what a key may be used for;
//! DER classified by content, and the conversions to PKCS#8, SPKI and JWK.

use std::fmt;

use aws_lc_rs::encoding::{AsDer, Pkcs8V1Der, PublicKeyX509Der};
use aws_lc_rs::signature::{self as sig, EcdsaKeyPair, Ed25519KeyPair, KeyPair, ParsedPublicKey};
use zeroize::Zeroizing;

use super::der;
use super::roca;
use super::sign::{ecdsa_signing_alg, ecdsa_verify_alg, CURVES};
use super::{Jwk, KeyError, Secret};
use crate::alg::{Alg, Curve, Family};
use crate::token::b64url;

/// A public key in one canonical form: SubjectPublicKeyInfo DER.
#[derive(Clone, PartialEq, Eq)]
pub struct PublicKey {
    pub family: Family,
    pub(super) spki: Vec<u8>,
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({:?})", self.family)
    }
}

pub enum PrivateKey {
    Rsa(sig::RsaKeyPair),
    Ec(Curve, EcdsaKeyPair),
    Ed25519(Ed25519KeyPair),
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PrivateKey({:?})", self.family())
    }
}

#[derive(Debug)]
pub enum Material {
    Secret(Secret),
    Private(PrivateKey),
    Public(PublicKey),
    /// An RSA private key under 2048 bits. aws-lc will not load it as a key pair, so only its
    /// public half is kept: it verifies (with a warning, as the public key file does) and
    /// refuses to sign.
    SmallRsaPrivate(PublicKey),
}

/// Limits a JWK puts on its own use (RFC 7517 4.2–4.4).
#[derive(Debug, Clone, Default)]
pub struct Usage {
    pub alg: Option<String>,
    pub use_: Option<String>,
    pub key_ops: Option<Vec<String>>,
}

/// Key material with where it came from and what it may be used for.
#[derive(Debug)]
pub struct Key {
    pub material: Material,
    pub kid: Option<String>,
    pub usage: Usage,
    /// For messages: a file name, `$JWTCTL_SECRET`, or a JWKS entry.
    pub source: String,
}

impl Material {
    /// The HMAC secret, when this is one.
    pub fn secret(&self) -> Option<&Secret> {
        match self {
            Material::Secret(s) => Some(s),
            _ => None,
        }
    }
}

impl Key {
    pub fn family(&self) -> Family {
        match &self.material {
            Material::Secret(_) => Family::Hmac,
            Material::Private(p) => p.family(),
            Material::Public(p) | Material::SmallRsaPrivate(p) => p.family,
        }
    }

    /// The public half, for verification, JWKS and thumbprints. `None` for a secret.
    pub fn public(&self) -> Option<PublicKey> {
        match &self.material {
            Material::Secret(_) => None,
            Material::Private(p) => Some(p.public()),
            Material::Public(p) | Material::SmallRsaPrivate(p) => Some(p.clone()),
        }
    }

    /// The algorithm a key implies when none is asked for. RSA keys default to RS256.
    pub fn default_alg(&self) -> Alg {
        if let Some(a) = self.usage.alg.as_deref().and_then(|a| a.parse().ok()) {
            return a;
        }
        match self.family() {
            Family::Hmac => Alg::HS256,
            Family::Rsa => Alg::RS256,
            Family::Ec(c) => c.alg(),
            Family::Ed25519 => Alg::EdDSA,
        }
    }
}

impl PrivateKey {
    pub fn family(&self) -> Family {
        match self {
            PrivateKey::Rsa(_) => Family::Rsa,
            PrivateKey::Ec(c, _) => Family::Ec(*c),
            PrivateKey::Ed25519(_) => Family::Ed25519,
        }
    }

    pub fn public(&self) -> PublicKey {
        let spki = match self {
            PrivateKey::Rsa(k) => AsDer::<PublicKeyX509Der>::as_der(k.public_key())
                .expect("RSA public key encodes")
                .as_ref()
                .to_vec(),
            PrivateKey::Ec(_, k) => AsDer::<PublicKeyX509Der>::as_der(k.public_key())
                .expect("EC public key encodes")
                .as_ref()
                .to_vec(),
            PrivateKey::Ed25519(k) => AsDer::<PublicKeyX509Der>::as_der(k.public_key())
                .expect("Ed25519 public key encodes")
                .as_ref()
                .to_vec(),
        };
        PublicKey {
            family: self.family(),
            spki,
        }
    }

    /// PKCS#8 v1: the layout OpenSSL 3 and Python's cryptography read for every key type.
    pub fn to_pkcs8(&self) -> Zeroizing<Vec<u8>> {
        let der = match self {
            PrivateKey::Rsa(k) => AsDer::<Pkcs8V1Der>::as_der(k)
                .expect("RSA key encodes")
                .as_ref()
                .to_vec(),
            PrivateKey::Ec(_, k) => k.to_pkcs8v1().expect("EC key encodes").as_ref().to_vec(),
            PrivateKey::Ed25519(k) => k
                .to_pkcs8v1()
                .expect("Ed25519 key encodes")
                .as_ref()
                .to_vec(),
        };
        Zeroizing::new(der)
    }

    /// Generates a new key for an asymmetric algorithm.
    pub fn generate(alg: Alg, rsa_bits: u32) -> Result<PrivateKey, KeyError> {
        let rejected = |e: aws_lc_rs::error::Unspecified| KeyError::Rejected(e.to_string());
        Ok(match alg.family() {
            Family::Rsa => {
                let size = match rsa_bits {
                    3072 => aws_lc_rs::rsa::KeySize::Rsa3072,
                    4096 => aws_lc_rs::rsa::KeySize::Rsa4096,
                    _ => aws_lc_rs::rsa::KeySize::Rsa2048,
                };
                PrivateKey::Rsa(sig::RsaKeyPair::generate(size).map_err(rejected)?)
            }
            Family::Ec(c) => PrivateKey::Ec(
                c,
                EcdsaKeyPair::generate(ecdsa_signing_alg(c)).map_err(rejected)?,
            ),
            Family::Ed25519 => PrivateKey::Ed25519(Ed25519KeyPair::generate().map_err(rejected)?),
            Family::Hmac => return Err(KeyError::Rejected("HMAC keys are secrets".into())),
        })
    }

    /// The private JWK (public members plus `d` and, for RSA, the CRT values).
    pub fn to_jwk(&self) -> Jwk {
        let mut jwk = self.public().to_jwk();
        let pkcs8 = self.to_pkcs8();
        match self {
            PrivateKey::Rsa(_) => {
                // aws-lc-rs does not expose private RSA components; read them from PKCS#1.
                let fields = der::rsa_private_fields(&pkcs8).expect("our own PKCS#8 parses");
                jwk.d = Some(b64url(fields[3]));
                jwk.p = Some(b64url(fields[4]));
                jwk.q = Some(b64url(fields[5]));
                jwk.dp = Some(b64url(fields[6]));
                jwk.dq = Some(b64url(fields[7]));
                jwk.qi = Some(b64url(fields[8]));
            }
            PrivateKey::Ec(c, k) => {
                let _ = c;
                use aws_lc_rs::encoding::{AsBigEndian, EcPrivateKeyBin};
                let d: EcPrivateKeyBin = k.private_key().as_be_bytes().expect("EC scalar encodes");
                jwk.d = Some(b64url(d.as_ref()));
            }
            PrivateKey::Ed25519(k) => {
                use aws_lc_rs::encoding::{AsBigEndian, Curve25519SeedBin};
                let seed: Curve25519SeedBin =
                    k.seed().expect("seed").as_be_bytes().expect("seed encodes");
                jwk.d = Some(b64url(seed.as_ref()));
            }
        }
        jwk
    }
}

impl PublicKey {
    pub fn spki_der(&self) -> &[u8] {
        &self.spki
    }

    /// True for an RSA modulus with the ROCA fingerprint (CVE-2017-15361): such keys, made by
    /// Infineon's RSALib, can be factored from the public key alone.
    pub fn has_roca_fingerprint(&self) -> bool {
        if self.family != Family::Rsa {
            return false;
        }
        aws_lc_rs::rsa::PublicKey::from_der(&self.spki)
            .is_ok_and(|k| roca::fingerprint(k.modulus().big_endian_without_leading_zero()))
    }

    /// Modulus size for RSA keys.
    pub fn rsa_bits(&self) -> Option<usize> {
        if self.family != Family::Rsa {
            return None;
        }
        aws_lc_rs::rsa::PublicKey::from_der(&self.spki)
            .ok()
            .map(|k| k.modulus_len() * 8)
    }

    /// The public JWK members (RFC 7518 section 6).
    pub fn to_jwk(&self) -> Jwk {
        let mut jwk = Jwk::default();
        match self.family {
            Family::Rsa => {
                let k = aws_lc_rs::rsa::PublicKey::from_der(&self.spki).expect("parsed before");
                jwk.kty = "RSA".into();
                jwk.n = Some(b64url(k.modulus().big_endian_without_leading_zero()));
                jwk.e = Some(b64url(k.exponent().big_endian_without_leading_zero()));
            }
            Family::Ec(c) => {
                // aws-lc marshals EC keys with the uncompressed point (04 || x || y) at the end of
                // the SubjectPublicKeyInfo, so the coordinates are its last bytes.
                let n = c.coordinate_len();
                let point = &self.spki[self.spki.len() - 2 * n..];
                jwk.kty = "EC".into();
                jwk.crv = Some(c.jwk_name().into());
                jwk.x = Some(b64url(&point[..n]));
                jwk.y = Some(b64url(&point[n..]));
            }
            Family::Ed25519 => {
                jwk.kty = "OKP".into();
                jwk.crv = Some("Ed25519".into());
                jwk.x = Some(b64url(&self.spki[self.spki.len() - 32..]));
            }
            Family::Hmac => unreachable!("a public key is never HMAC"),
        }
        jwk
    }

    pub fn to_pem(&self) -> String {
        crate::keys::pem_lf(&pem::Pem::new("PUBLIC KEY", self.spki.clone()))
    }
}
/// Classifies DER by trying each structure jwtctl reads, so the format is detected from the
/// content and never from a file name.
pub fn material_from_der(der: &[u8]) -> Option<Material> {
    if let Ok(k) = sig::RsaKeyPair::from_pkcs8(der).or_else(|_| sig::RsaKeyPair::from_der(der)) {
        return Some(Material::Private(PrivateKey::Rsa(k)));
    }
    for c in CURVES {
        // Accepts PKCS#8 and SEC1 (RFC 5915), and checks the key is on the named curve.
        if let Ok(k) = EcdsaKeyPair::from_private_key_der(ecdsa_signing_alg(c), der) {
            return Some(Material::Private(PrivateKey::Ec(c, k)));
        }
    }
    if let Ok(k) = Ed25519KeyPair::from_pkcs8_maybe_unchecked(der) {
        return Some(Material::Private(PrivateKey::Ed25519(k)));
    }
    if let Some(public) = der::rsa_public_of_private(der) {
        if let Ok(k) = aws_lc_rs::rsa::PublicKey::from_der(&public) {
            let spki = AsDer::<PublicKeyX509Der>::as_der(&k)
                .ok()?
                .as_ref()
                .to_vec();
            return Some(Material::SmallRsaPrivate(PublicKey {
                family: Family::Rsa,
                spki,
            }));
        }
    }
    if let Ok(k) = aws_lc_rs::rsa::PublicKey::from_der(der) {
        let spki = AsDer::<PublicKeyX509Der>::as_der(&k)
            .ok()?
            .as_ref()
            .to_vec();
        return Some(Material::Public(PublicKey {
            family: Family::Rsa,
            spki,
        }));
    }
    for c in CURVES {
        if let Ok(k) = ParsedPublicKey::new(ecdsa_verify_alg(c), der) {
            return Some(Material::Public(public_from_parsed(Family::Ec(c), &k)?));
        }
    }
    // A raw 32-byte string would also parse as an Ed25519 point; only accept the SPKI form here.
    if der.len() > 32 {
        if let Ok(k) = ParsedPublicKey::new(&sig::ED25519, der) {
            return Some(Material::Public(public_from_parsed(Family::Ed25519, &k)?));
        }
    }
    None
}

pub(super) fn public_from_parsed(family: Family, k: &ParsedPublicKey) -> Option<PublicKey> {
    Some(PublicKey {
        family,
        spki: AsDer::<PublicKeyX509Der>::as_der(k).ok()?.as_ref().to_vec(),
    })
}
