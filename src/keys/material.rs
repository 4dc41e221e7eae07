//! Key material: loading secrets and key files (PEM, DER, JWK) with the type detected from the
//! content, and turning them into signers and verifiers for one algorithm.
//!
//! Signatures are computed with aws-lc-rs directly. It is the backend jsonwebtoken uses too, but
//! jsonwebtoken has no ES512 and re-parses the key on every call; a pre-parsed key is what makes
//! batch verification run at the speed of the primitive.

use std::fmt;
use std::path::{Path, PathBuf};

use aws_lc_rs::encoding::{AsDer, Pkcs8V1Der, PublicKeyX509Der};
use aws_lc_rs::rsa::{KeyPairComponents, PublicKeyComponents};
use aws_lc_rs::signature::{self as sig, EcdsaKeyPair, Ed25519KeyPair, KeyPair, ParsedPublicKey};
use aws_lc_rs::{digest, hmac};
use base64::Engine;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use zeroize::{Zeroize, Zeroizing};

use crate::alg::{Alg, Curve, Family};
use crate::error::ExitCode;
use crate::token::b64url;

/// Largest key file read. Keys are a few KiB; a JWKS with hundreds of keys still fits.
const MAX_KEY_FILE: u64 = 4 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is empty")]
    EmptyFile { path: PathBuf },
    #[error("{path} is not a key jwtctl can read{detail}")]
    Unrecognized { path: PathBuf, detail: String },
    #[error("{path} holds an encrypted private key")]
    Encrypted { path: PathBuf },
    #[error("{path} holds a certificate, not a key")]
    Certificate { path: PathBuf },
    #[error("invalid JWK: {0}")]
    Jwk(String),
    #[error("no HMAC secret: ${var} is not set")]
    NoSecret { var: String },
    #[error("the HMAC secret is empty")]
    EmptySecret,
    #[error("the HMAC secret is not valid base64: {0}")]
    SecretBase64(String),
    #[error("{alg} needs {need}, but the key is {have}")]
    WrongFamily {
        alg: Alg,
        need: Family,
        have: Family,
    },
    #[error("algorithm confusion: the token asks for {alg} (HMAC) but the key is {have}; a public key is never used as an HMAC secret")]
    Confusion { alg: Alg, have: Family },
    #[error("the HMAC secret is {len} bytes; {alg} needs at least {min}")]
    WeakSecret { alg: Alg, len: usize, min: usize },
    #[error("{path} holds a public key, which cannot sign")]
    PublicForSigning { path: PathBuf },
    #[error("the RSA key has {bits} bits; signing needs at least 2048")]
    RsaTooSmall { bits: usize },
    #[error("the key is limited to {allowed}, not {alg}")]
    JwkRestricted { alg: Alg, allowed: String },
    #[error("the key's {field} does not allow {wanted}")]
    JwkUse {
        field: &'static str,
        wanted: &'static str,
    },
    #[error("cannot use this key: {0}")]
    Rejected(String),
    #[error("{origin} holds {what}, not an HMAC secret; a key is never used as an HMAC secret")]
    SecretIsKey { origin: String, what: &'static str },
    #[error("the RSA key has the ROCA weakness (CVE-2017-15361): its private key can be computed from the public key")]
    Roca,
}

impl KeyError {
    pub fn exit_code(&self) -> ExitCode {
        match self {
            KeyError::WrongFamily { .. }
            | KeyError::Confusion { .. }
            | KeyError::JwkRestricted { .. }
            | KeyError::JwkUse { .. }
            | KeyError::SecretIsKey { .. }
            | KeyError::Roca => ExitCode::Signature,
            _ => ExitCode::Runtime,
        }
    }

    pub fn hint(&self) -> Option<String> {
        Some(match self {
            KeyError::Read { .. } => "check the path and its permissions".into(),
            KeyError::EmptyFile { .. } | KeyError::Unrecognized { .. } => {
                "expected PEM (PKCS#1, PKCS#8, SEC1, SPKI), DER, or a JWK; make one with `jwtctl keygen`".into()
            }
            KeyError::Encrypted { .. } => {
                "decrypt it first: openssl pkcs8 -in KEY -out plain.pem".into()
            }
            KeyError::Certificate { .. } => {
                "extract the public key: openssl x509 -in CERT -pubkey -noout > public.pem".into()
            }
            KeyError::Jwk(_) => "see RFC 7517/7518 for the members each kty needs".into(),
            KeyError::NoSecret { var } => format!(
                "export {var}=..., or pass --secret-file FILE or --key FILE; `jwtctl keygen --alg HS256` makes a secret"
            ),
            KeyError::EmptySecret => "generate one with `jwtctl keygen --alg HS256`".into(),
            KeyError::SecretBase64(_) => "drop --secret-base64 if the secret is plain text".into(),
            KeyError::WrongFamily { alg, need, .. } => {
                format!("{alg} needs {need}; pass the matching key with --key, or a different --alg")
            }
            KeyError::Confusion { .. } => {
                "this is the RS256-to-HS256 key-confusion attack pattern; verify with the algorithm the key is for".into()
            }
            KeyError::WeakSecret { alg, .. } => format!(
                "generate a strong one with `jwtctl keygen --alg {alg}`, or pass --allow-weak-secret to sign anyway"
            ),
            KeyError::PublicForSigning { .. } => "pass the private key with --key".into(),
            KeyError::RsaTooSmall { .. } => "`jwtctl keygen --alg RS256` makes a 2048-bit key".into(),
            KeyError::JwkRestricted { .. } | KeyError::JwkUse { .. } => {
                "a JWK's alg, use and key_ops limit what it may be used for".into()
            }
            KeyError::Rejected(_) => return None,
            KeyError::SecretIsKey { .. } => {
                "an HMAC key made from a public key is the RS256-to-HS256 key-confusion attack; pass the key with --key so its type fixes the algorithm".into()
            }
            KeyError::Roca => {
                "the key came from a vulnerable Infineon chip (2012-2017); the issuer must replace it".into()
            }
        })
    }
}

/// An HMAC secret; wiped from memory when dropped.
#[derive(Clone)]
pub struct Secret(Zeroizing<Vec<u8>>);

impl Secret {
    pub fn new(bytes: Vec<u8>) -> Result<Secret, KeyError> {
        if bytes.is_empty() {
            return Err(KeyError::EmptySecret);
        }
        Ok(Secret(Zeroizing::new(bytes)))
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Decodes a base64 or base64url secret (padding optional).
    pub fn from_base64(text: &str) -> Result<Secret, KeyError> {
        let t = text.trim().trim_end_matches('=');
        let bytes = if t.contains(['+', '/']) {
            base64::engine::general_purpose::STANDARD_NO_PAD.decode(t)
        } else {
            base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(t)
        }
        .map_err(|e| KeyError::SecretBase64(base64_problem(e)))?;
        Secret::new(bytes)
    }
}

/// Why text is not base64, without the offending character: it is a character of the secret.
fn base64_problem(e: base64::DecodeError) -> String {
    use base64::DecodeError as E;
    match e {
        E::InvalidByte(at, _) => format!("a character that is not base64 at offset {at}"),
        E::InvalidLastSymbol(at, _) => {
            format!("the last character (offset {at}) is not a valid end of base64 text")
        }
        E::InvalidLength(len) => format!("{len} base64 characters cannot be decoded"),
        E::InvalidPadding => "bad padding".into(),
    }
}

/// A secret given as a command-line value (`--secret`): wiped from memory when dropped, and
/// never shown by `Debug`.
#[derive(Clone, Default)]
pub struct SecretArg(Zeroizing<String>);

impl From<String> for SecretArg {
    fn from(s: String) -> SecretArg {
        SecretArg(Zeroizing::new(s))
    }
}

impl SecretArg {
    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl fmt::Debug for SecretArg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretArg(..)")
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({} bytes)", self.0.len())
    }
}

/// A public key in one canonical form: SubjectPublicKeyInfo DER.
#[derive(Clone, PartialEq, Eq)]
pub struct PublicKey {
    pub family: Family,
    spki: Vec<u8>,
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

impl Key {
    pub fn family(&self) -> Family {
        match &self.material {
            Material::Secret(_) => Family::Hmac,
            Material::Private(p) => p.family(),
            Material::Public(p) => p.family,
        }
    }

    /// The public half, for verification, JWKS and thumbprints. `None` for a secret.
    pub fn public(&self) -> Option<PublicKey> {
        match &self.material {
            Material::Secret(_) => None,
            Material::Private(p) => Some(p.public()),
            Material::Public(p) => Some(p.clone()),
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

    /// Every algorithm this key may verify or sign.
    pub fn allowed_algs(&self) -> Vec<Alg> {
        Alg::for_family(self.family())
            .into_iter()
            .filter(|a| self.check_usage(*a, Op::Verify).is_ok())
            .collect()
    }

    fn check_family(&self, alg: Alg) -> Result<(), KeyError> {
        let have = self.family();
        if alg.family() == have {
            return Ok(());
        }
        if alg.family() == Family::Hmac {
            return Err(KeyError::Confusion { alg, have });
        }
        Err(KeyError::WrongFamily {
            alg,
            need: alg.family(),
            have,
        })
    }

    /// Refuses keys whose private half is known to be recoverable (ROCA RSA moduli).
    fn check_strength(&self) -> Result<(), KeyError> {
        if self.public().is_some_and(|p| p.has_roca_fingerprint()) {
            return Err(KeyError::Roca);
        }
        Ok(())
    }

    fn check_usage(&self, alg: Alg, op: Op) -> Result<(), KeyError> {
        if let Some(a) = &self.usage.alg {
            if a != alg.name() {
                return Err(KeyError::JwkRestricted {
                    alg,
                    allowed: a.clone(),
                });
            }
        }
        if let Some(u) = &self.usage.use_ {
            if u != "sig" {
                return Err(KeyError::JwkUse {
                    field: "use",
                    wanted: "signatures",
                });
            }
        }
        if let Some(ops) = &self.usage.key_ops {
            let want = match op {
                Op::Sign => "sign",
                Op::Verify => "verify",
            };
            if !ops.iter().any(|o| o == want) {
                return Err(KeyError::JwkUse {
                    field: "key_ops",
                    wanted: want,
                });
            }
        }
        Ok(())
    }

    /// A verifier for one algorithm, refusing any algorithm outside the key's family.
    pub fn verifier(&self, alg: Alg) -> Result<Verifier, KeyError> {
        self.check_family(alg)?;
        self.check_usage(alg, Op::Verify)?;
        self.check_strength()?;
        let inner = match &self.material {
            Material::Secret(s) => {
                VerifierKind::Hmac(Box::new(hmac::Key::new(hmac_alg(alg), s.as_bytes())))
            }
            _ => {
                let public = self.public().expect("asymmetric key has a public half");
                let parsed =
                    ParsedPublicKey::new(verification_alg(alg, public.rsa_bits()), &public.spki)
                        .map_err(|e| KeyError::Rejected(e.to_string()))?;
                VerifierKind::Public(parsed)
            }
        };
        Ok(Verifier { alg, inner })
    }

    /// A signer for one algorithm, enforcing the minimum key strength.
    pub fn signer(&self, alg: Alg, allow_weak_secret: bool) -> Result<Signer, KeyError> {
        self.check_family(alg)?;
        self.check_usage(alg, Op::Sign)?;
        self.check_strength()?;
        let inner = match &self.material {
            Material::Secret(s) => {
                let min = alg.min_secret_len().expect("HMAC alg");
                if s.len() < min && !allow_weak_secret {
                    return Err(KeyError::WeakSecret {
                        alg,
                        len: s.len(),
                        min,
                    });
                }
                SignerKind::Hmac(Box::new(hmac::Key::new(hmac_alg(alg), s.as_bytes())))
            }
            Material::Public(_) => {
                return Err(KeyError::PublicForSigning {
                    path: PathBuf::from(&self.source),
                })
            }
            Material::Private(PrivateKey::Rsa(k)) => {
                let bits = k.public_modulus_len() * 8;
                if bits < 2048 {
                    return Err(KeyError::RsaTooSmall { bits });
                }
                // RsaKeyPair is not Clone; re-derive it from its own PKCS#8 encoding.
                let der = AsDer::<Pkcs8V1Der>::as_der(k)
                    .map_err(|e| KeyError::Rejected(e.to_string()))?;
                SignerKind::Rsa(
                    rsa_encoding(alg),
                    sig::RsaKeyPair::from_pkcs8(der.as_ref())
                        .map_err(|e| KeyError::Rejected(e.to_string()))?,
                )
            }
            Material::Private(PrivateKey::Ec(curve, k)) => {
                let der = k
                    .to_pkcs8v1()
                    .map_err(|e| KeyError::Rejected(e.to_string()))?;
                SignerKind::Ec(
                    EcdsaKeyPair::from_pkcs8(ecdsa_signing_alg(*curve), der.as_ref())
                        .map_err(|e| KeyError::Rejected(e.to_string()))?,
                )
            }
            Material::Private(PrivateKey::Ed25519(k)) => {
                let der = k
                    .to_pkcs8v1()
                    .map_err(|e| KeyError::Rejected(e.to_string()))?;
                SignerKind::Ed25519(
                    Ed25519KeyPair::from_pkcs8(der.as_ref())
                        .map_err(|e| KeyError::Rejected(e.to_string()))?,
                )
            }
        };
        Ok(Signer { alg, inner })
    }
}

#[derive(Clone, Copy)]
enum Op {
    Sign,
    Verify,
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

pub struct Verifier {
    pub alg: Alg,
    inner: VerifierKind,
}

enum VerifierKind {
    Hmac(Box<hmac::Key>),
    Public(ParsedPublicKey),
}

impl Verifier {
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        match &self.inner {
            VerifierKind::Hmac(k) => hmac::verify(k, message, signature).is_ok(),
            VerifierKind::Public(k) => k.verify_sig(message, signature).is_ok(),
        }
    }
}

pub struct Signer {
    pub alg: Alg,
    inner: SignerKind,
}

enum SignerKind {
    Hmac(Box<hmac::Key>),
    Rsa(&'static dyn sig::RsaEncoding, sig::RsaKeyPair),
    Ec(EcdsaKeyPair),
    Ed25519(Ed25519KeyPair),
}

impl Signer {
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>, KeyError> {
        let failed = |e: aws_lc_rs::error::Unspecified| KeyError::Rejected(e.to_string());
        let rng = aws_lc_rs::rand::SystemRandom::new();
        Ok(match &self.inner {
            SignerKind::Hmac(k) => hmac::sign(k, message).as_ref().to_vec(),
            SignerKind::Rsa(enc, k) => {
                let mut out = vec![0u8; k.public_modulus_len()];
                k.sign(*enc, &rng, message, &mut out).map_err(failed)?;
                out
            }
            SignerKind::Ec(k) => k.sign(&rng, message).map_err(failed)?.as_ref().to_vec(),
            SignerKind::Ed25519(k) => k.sign(message).as_ref().to_vec(),
        })
    }
}

fn hmac_alg(alg: Alg) -> hmac::Algorithm {
    match alg {
        Alg::HS384 => hmac::HMAC_SHA384,
        Alg::HS512 => hmac::HMAC_SHA512,
        _ => hmac::HMAC_SHA256,
    }
}

fn rsa_encoding(alg: Alg) -> &'static dyn sig::RsaEncoding {
    match alg {
        Alg::RS384 => &sig::RSA_PKCS1_SHA384,
        Alg::RS512 => &sig::RSA_PKCS1_SHA512,
        Alg::PS256 => &sig::RSA_PSS_SHA256,
        Alg::PS384 => &sig::RSA_PSS_SHA384,
        Alg::PS512 => &sig::RSA_PSS_SHA512,
        _ => &sig::RSA_PKCS1_SHA256,
    }
}

fn ecdsa_signing_alg(curve: Curve) -> &'static sig::EcdsaSigningAlgorithm {
    match curve {
        Curve::P256 => &sig::ECDSA_P256_SHA256_FIXED_SIGNING,
        Curve::P384 => &sig::ECDSA_P384_SHA384_FIXED_SIGNING,
        Curve::P521 => &sig::ECDSA_P521_SHA512_FIXED_SIGNING,
    }
}

fn verification_alg(alg: Alg, rsa_bits: Option<usize>) -> &'static dyn sig::VerificationAlgorithm {
    // RSA keys under 2048 bits still verify (with a warning from the caller): tokens from
    // existing systems must stay checkable. aws-lc only offers PKCS#1 v1.5 for them.
    let legacy = rsa_bits.is_some_and(|b| b < 2048);
    match alg {
        Alg::RS256 if legacy => &sig::RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY,
        Alg::RS512 if legacy => &sig::RSA_PKCS1_1024_8192_SHA512_FOR_LEGACY_USE_ONLY,
        Alg::RS256 => &sig::RSA_PKCS1_2048_8192_SHA256,
        Alg::RS384 => &sig::RSA_PKCS1_2048_8192_SHA384,
        Alg::RS512 => &sig::RSA_PKCS1_2048_8192_SHA512,
        Alg::PS256 => &sig::RSA_PSS_2048_8192_SHA256,
        Alg::PS384 => &sig::RSA_PSS_2048_8192_SHA384,
        Alg::PS512 => &sig::RSA_PSS_2048_8192_SHA512,
        Alg::ES256 => &sig::ECDSA_P256_SHA256_FIXED,
        Alg::ES384 => &sig::ECDSA_P384_SHA384_FIXED,
        Alg::ES512 => &sig::ECDSA_P521_SHA512_FIXED,
        Alg::EdDSA => &sig::ED25519,
        Alg::HS256 | Alg::HS384 | Alg::HS512 => unreachable!("HMAC has no public key"),
    }
}

const CURVES: [Curve; 3] = [Curve::P256, Curve::P384, Curve::P521];

fn ecdsa_verify_alg(curve: Curve) -> &'static sig::EcdsaVerificationAlgorithm {
    match curve {
        Curve::P256 => &sig::ECDSA_P256_SHA256_FIXED,
        Curve::P384 => &sig::ECDSA_P384_SHA384_FIXED,
        Curve::P521 => &sig::ECDSA_P521_SHA512_FIXED,
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

fn public_from_parsed(family: Family, k: &ParsedPublicKey) -> Option<PublicKey> {
    Some(PublicKey {
        family,
        spki: AsDer::<PublicKeyX509Der>::as_der(k).ok()?.as_ref().to_vec(),
    })
}

/// Reads a key file: PEM, DER or JWK, detected from the content.
pub fn load_key_file(path: &Path) -> Result<Key, KeyError> {
    let bytes = read_limited(path)?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(KeyError::EmptyFile {
            path: path.to_path_buf(),
        });
    }
    let source = path.display().to_string();
    let unrecognized = |detail: &str| KeyError::Unrecognized {
        path: path.to_path_buf(),
        detail: detail.to_string(),
    };
    let trimmed = bytes.trim_ascii_start();
    if trimmed.starts_with(b"{") {
        let value: Value = crate::token::parse_strict(trimmed)
            .map_err(|e| unrecognized(&format!(": it looks like JSON but does not parse ({e})")))?;
        if value.get("keys").is_some() {
            return Err(unrecognized(
                ": it is a JWKS (a key set); pass it with --jwks",
            ));
        }
        let jwk: Jwk = serde_json::from_value(value).map_err(|e| KeyError::Jwk(e.to_string()))?;
        let mut key = jwk.to_key()?;
        key.source = source;
        if jwk.is_private() {
            warn_if_exposed(path, "private key");
        }
        return Ok(key);
    }
    let der = if trimmed.starts_with(b"-----BEGIN") {
        let block = pem::parse(trimmed).map_err(|e| unrecognized(&format!(": bad PEM ({e})")))?;
        match block.tag() {
            "ENCRYPTED PRIVATE KEY" => {
                return Err(KeyError::Encrypted {
                    path: path.to_path_buf(),
                })
            }
            "CERTIFICATE" => {
                return Err(KeyError::Certificate {
                    path: path.to_path_buf(),
                })
            }
            _ => Zeroizing::new(block.into_contents()),
        }
    } else {
        Zeroizing::new(bytes.to_vec())
    };
    let material = material_from_der(&der).ok_or_else(|| {
        unrecognized(": no RSA (2048+ bits), EC P-256/384/521 or Ed25519 key in it")
    })?;
    if matches!(material, Material::Private(_)) {
        warn_if_exposed(path, "private key");
    }
    Ok(Key {
        material,
        kid: None,
        usage: Usage::default(),
        source,
    })
}

/// PEM with LF line endings, as OpenSSL writes it; the pem crate defaults to CRLF.
pub fn pem_lf(block: &pem::Pem) -> String {
    pem::encode_config(
        block,
        pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF),
    )
}

/// Warns when a file holding a secret can be read by other users: the same check ssh makes
/// for its keys, as a warning because the key may legitimately live on a shared mount.
pub fn warn_if_exposed(path: &Path, what: &str) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path) {
            let mode = meta.permissions().mode() & 0o777;
            if mode & 0o077 != 0 {
                crate::output::warn(&format!(
                    "{} holds a {what} but is readable by others (mode {mode:o}); run: chmod 600 {}",
                    path.display(),
                    path.display()
                ));
            }
        }
    }
}

fn read_limited(path: &Path) -> Result<Zeroizing<Vec<u8>>, KeyError> {
    use std::io::Read;
    let read_err = |source| KeyError::Read {
        path: path.to_path_buf(),
        source,
    };
    let mut file = std::fs::File::open(path).map_err(read_err)?;
    // Sized from the metadata and grown by hand, never by `Vec`'s own reallocation, which would
    // free the smaller buffers with the secret still in them.
    let size = file
        .metadata()
        .map(|m| m.len())
        .unwrap_or(0)
        .min(MAX_KEY_FILE) as usize;
    let mut buf = Zeroizing::new(vec![0u8; size + 1]);
    let mut filled = 0;
    loop {
        if filled == buf.len() {
            if filled as u64 >= MAX_KEY_FILE {
                break;
            }
            let mut bigger = Zeroizing::new(vec![0u8; (filled * 2).min(MAX_KEY_FILE as usize)]);
            bigger[..filled].copy_from_slice(&buf[..filled]);
            buf = bigger;
        }
        match file.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(read_err(e)),
        }
    }
    buf.truncate(filled);
    Ok(buf)
}

/// Where an HMAC secret or key file is to be found, as the user gave it.
#[derive(Debug, Clone, Default)]
pub struct KeySource {
    pub key_file: Option<PathBuf>,
    pub secret_file: Option<PathBuf>,
    pub secret_arg: Option<SecretArg>,
    pub secret_env: String,
    pub base64: bool,
}

impl KeySource {
    /// Loads the key: `--key`, else `--secret-file`, else `--secret`, else the environment.
    pub fn load(&self) -> Result<Key, KeyError> {
        if let Some(path) = &self.key_file {
            return load_key_file(path);
        }
        let (bytes, source) = if let Some(path) = &self.secret_file {
            warn_if_exposed(path, "secret");
            let mut b = read_limited(path)?;
            // Files made with `echo` end in a newline that is not part of the secret.
            if b.ends_with(b"\n") {
                b.pop();
                if b.ends_with(b"\r") {
                    b.pop();
                }
            }
            (b, path.display().to_string())
        } else if let Some(s) = &self.secret_arg {
            (
                Zeroizing::new(s.as_bytes().to_vec()),
                "--secret".to_string(),
            )
        } else {
            match std::env::var_os(&self.secret_env) {
                Some(v) => (
                    Zeroizing::new(v.into_encoded_bytes()),
                    format!("${}", self.secret_env),
                ),
                None => {
                    return Err(KeyError::NoSecret {
                        var: self.secret_env.clone(),
                    })
                }
            }
        };
        let secret = if self.base64 {
            let text = Zeroizing::new(String::from_utf8_lossy(&bytes).into_owned());
            Secret::from_base64(&text)?
        } else {
            Secret::new(bytes.to_vec())?
        };
        // A public key file passed as the HMAC secret is the key-confusion attack: whoever
        // has the public key could then sign tokens. Raw and decoded forms are both checked.
        for candidate in [&bytes[..], secret.as_bytes()] {
            if let Some(what) = key_material_kind(candidate) {
                return Err(KeyError::SecretIsKey {
                    origin: source,
                    what,
                });
            }
        }
        Ok(Key {
            material: Material::Secret(secret),
            kid: None,
            usage: Usage::default(),
            source,
        })
    }
}

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

    /// RFC 7638 thumbprint: SHA-256 over the required members in lexicographic order, no
    /// whitespace. The members are base64url text or fixed names, so no JSON escaping arises.
    pub fn thumbprint(&self) -> Result<String, KeyError> {
        let need = |v: &Option<String>, name: &str| {
            v.clone()
                .ok_or_else(|| KeyError::Jwk(format!("thumbprint needs \"{name}\"")))
        };
        let canonical = match self.kty.as_str() {
            "RSA" => format!(
                r#"{{"e":"{}","kty":"RSA","n":"{}"}}"#,
                need(&self.e, "e")?,
                need(&self.n, "n")?
            ),
            "EC" => format!(
                r#"{{"crv":"{}","kty":"EC","x":"{}","y":"{}"}}"#,
                need(&self.crv, "crv")?,
                need(&self.x, "x")?,
                need(&self.y, "y")?
            ),
            "OKP" => format!(
                r#"{{"crv":"{}","kty":"OKP","x":"{}"}}"#,
                need(&self.crv, "crv")?,
                need(&self.x, "x")?
            ),
            "oct" => format!(r#"{{"k":"{}","kty":"oct"}}"#, need(&self.k, "k")?),
            other => return Err(KeyError::Jwk(format!("unsupported kty {other:?}"))),
        };
        Ok(b64url(
            digest::digest(&digest::SHA256, canonical.as_bytes()).as_ref(),
        ))
    }

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

/// What kind of key material `bytes` hold, if they are a key rather than a secret: PEM, a
/// JWK, an OpenSSH public key line, or DER that parses as a key.
fn key_material_kind(bytes: &[u8]) -> Option<&'static str> {
    let t = bytes.trim_ascii();
    if t.starts_with(b"-----BEGIN") {
        return Some("a PEM key or certificate");
    }
    if t.starts_with(b"{")
        && matches!(crate::token::parse_strict(t), Ok(Value::Object(m)) if m.contains_key("kty") || m.contains_key("keys"))
    {
        return Some("a JWK");
    }
    for prefix in [&b"ssh-"[..], b"ecdsa-sha2-"] {
        if t.starts_with(prefix) {
            return Some("an OpenSSH public key");
        }
    }
    // Every DER key structure is a SEQUENCE (0x30). Checking that first matters: aws-lc also
    // reads raw EC points, and a random 33-byte secret can be a valid compressed point.
    if bytes.first() == Some(&0x30) {
        return material_from_der(bytes).map(|_| "a DER key");
    }
    None
}

/// The ROCA fingerprint test (Nemec et al., CCS 2017): the moduli RSALib makes are, modulo
/// each of these small primes, in the subgroup generated by 65537. A random modulus passes
/// all 38 tests with negligible probability.
mod roca {
    const PRIMES: [u32; 38] = [
        3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89,
        97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167,
    ];

    pub fn fingerprint(modulus: &[u8]) -> bool {
        !modulus.is_empty()
            && PRIMES.iter().all(|&p| {
                let r = modulus
                    .iter()
                    .fold(0u32, |acc, &b| (acc * 256 + b as u32) % p);
                in_subgroup_of_65537(r, p)
            })
    }

    fn in_subgroup_of_65537(r: u32, p: u32) -> bool {
        let g = 65537 % p;
        let mut x = 1;
        loop {
            if x == r {
                return true;
            }
            x = x * g % p;
            if x == 1 {
                return false;
            }
        }
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn masks_match_the_published_detector() {
            // The first bit masks of the reference detector (crocs-muni/roca): bit r set when
            // r is in the subgroup generated by 65537 modulo p.
            for (p, mask) in [(3u32, 6u64), (5, 30), (7, 126), (11, 1026), (13, 5658)] {
                let got = (0..p)
                    .filter(|&r| super::in_subgroup_of_65537(r, p))
                    .fold(0u64, |m, r| m | 1 << r);
                assert_eq!(got, mask, "p = {p}");
            }
        }

        #[test]
        fn random_looking_modulus_has_no_fingerprint() {
            assert!(!super::fingerprint(&[0xc3; 256]));
            assert!(!super::fingerprint(&[]));
        }
    }
}

/// Minimal DER reading for the one thing aws-lc-rs does not expose: the private integers of an
/// RSA key, needed to write a private RSA JWK. Only ever run on DER that aws-lc just produced.
mod der {
    fn read_tlv(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
        let tag = *input.first()?;
        let first = *input.get(1)? as usize;
        let (len, header) = if first < 0x80 {
            (first, 2)
        } else {
            let n = first & 0x7f;
            if n == 0 || n > 4 {
                return None;
            }
            let mut len = 0usize;
            for i in 0..n {
                len = (len << 8) | *input.get(2 + i)? as usize;
            }
            (len, 2 + n)
        };
        let body = input.get(header..header + len)?;
        Some((tag, body, &input[header + len..]))
    }

    /// The nine INTEGERs of PKCS#1 RSAPrivateKey inside PKCS#8 PrivateKeyInfo, leading zeros
    /// stripped: version, n, e, d, p, q, dp, dq, qi.
    pub fn rsa_private_fields(pkcs8: &[u8]) -> Option<Vec<&[u8]>> {
        let (_, info, _) = read_tlv(pkcs8)?;
        let (_, _version, rest) = read_tlv(info)?;
        let (_, _alg_id, rest) = read_tlv(rest)?;
        let (tag, octets, _) = read_tlv(rest)?;
        if tag != 0x04 {
            return None;
        }
        let (_, mut seq, _) = read_tlv(octets)?;
        let mut out = Vec::with_capacity(9);
        while !seq.is_empty() && out.len() < 9 {
            let (tag, int, rest) = read_tlv(seq)?;
            if tag != 0x02 {
                return None;
            }
            let stripped = match int.iter().position(|&b| b != 0) {
                Some(i) => &int[i..],
                None => &int[int.len().saturating_sub(1)..],
            };
            out.push(stripped);
            seq = rest;
        }
        (out.len() == 9).then_some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
