//! Why a key or secret cannot be used, with the exit code and the fix.

use std::path::PathBuf;

use crate::alg::{Alg, Family};
use crate::error::ExitCode;

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is empty")]
    EmptyFile { path: PathBuf },
    #[error("{path} is over the {limit}-byte limit for a key or secret file")]
    TooLarge { path: PathBuf, limit: u64 },
    #[error("{path} is not a key jwtctl can read{detail}")]
    Unrecognized { path: PathBuf, detail: String },
    /// Where no passphrase can be given (a key pasted into the web page).
    #[error("{path} holds an encrypted private key")]
    Encrypted { path: PathBuf },
    #[error("{path} holds an encrypted private key and no passphrase was given")]
    NoPassphrase { path: PathBuf, env: String },
    #[error("the key passphrase is empty")]
    EmptyPassphrase,
    #[error("wrong passphrase for the encrypted private key in {path}")]
    WrongPassphrase { path: PathBuf },
    #[error("cannot decrypt the private key in {path}: {detail}")]
    EncryptionUnsupported { path: PathBuf, detail: String },
    #[error("{path} holds several keys: {blocks}")]
    SeveralKeys { path: PathBuf, blocks: String },
    #[error("invalid JWK: {0}")]
    Jwk(String),
    #[error("no HMAC secret: ${var} is not set")]
    NoSecret { var: String },
    #[error("no key given to verify this {alg} token, which needs {}", alg.family())]
    NoKey { alg: Alg },
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

impl crate::error::Diagnose for KeyError {
    fn exit_code(&self) -> ExitCode {
        match self {
            KeyError::WrongFamily { .. }
            | KeyError::Confusion { .. }
            | KeyError::JwkRestricted { .. }
            | KeyError::JwkUse { .. }
            | KeyError::SecretIsKey { .. }
            | KeyError::Roca => ExitCode::Signature,
            KeyError::WrongPassphrase { .. } => ExitCode::Auth,
            KeyError::NoPassphrase { .. } | KeyError::EmptyPassphrase => ExitCode::Usage,
            _ => ExitCode::Runtime,
        }
    }

    fn hint(&self) -> Option<String> {
        Some(match self {
            KeyError::Read { .. } => "check the path and its permissions".into(),
            KeyError::TooLarge { .. } => {
                "a key or secret is a few KiB at most; check that the right file was given".into()
            }
            KeyError::EmptyFile { .. } | KeyError::Unrecognized { .. } => {
                "expected PEM (PKCS#1, PKCS#8, SEC1, SPKI, an X.509 certificate), DER, or a JWK; make one with `jwtctl keygen`".into()
            }
            KeyError::Encrypted { .. } => {
                "decrypt it first: openssl pkcs8 -in KEY -out plain.pem".into()
            }
            KeyError::NoPassphrase { env, .. } => format!(
                "set {env}, pass --passphrase-file FILE, or run on a terminal to be asked"
            ),
            KeyError::EmptyPassphrase => {
                "give the passphrase the key was encrypted with; an empty one is never used".into()
            }
            KeyError::WrongPassphrase { .. } => {
                "check the passphrase (from --passphrase-file, $JWTCTL_KEY_PASSPHRASE or the prompt); a trailing newline in a passphrase file is ignored".into()
            }
            KeyError::EncryptionUnsupported { .. } => {
                "re-encrypt it with PBES2: openssl pkcs8 -topk8 -v2 aes-256-cbc -in KEY -out key.pem".into()
            }
            KeyError::SeveralKeys { .. } => {
                "keep one key per file (copy its BEGIN/END block to a file of its own); several public keys make a key set: jwtctl jwks A.pem B.pem > jwks.json".into()
            }
            KeyError::Jwk(_) => "see RFC 7517/7518 for the members each kty needs".into(),
            KeyError::NoSecret { var } => format!(
                "export {var}=..., or pass --secret-file FILE or --key FILE; `jwtctl keygen --alg HS256` makes a secret"
            ),
            KeyError::NoKey { .. } => "pass the issuer's public key with --key public.pem, its key set with --jwks FILE|URL, or its OpenID Connect issuer with --oidc URL".into(),
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
