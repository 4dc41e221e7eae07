//! What a key file holds, at a glance: type, size or curve, public or private, encrypted or
//! not, its RFC 7638 thumbprint, the algorithms it can serve and what is wrong with it.

use std::path::Path;

use serde::Serialize;

use super::encrypted::{self, PassphraseSource};
use super::{load_key_file, Jwk, Key, KeyError, Material};
use crate::alg::{Alg, Family};

#[derive(Debug, Serialize)]
pub struct Inspection {
    pub file: String,
    /// `PEM`, `DER` or `JWK`.
    pub format: &'static str,
    /// `private`, `public` or `secret`.
    pub holds: &'static str,
    /// JWK key type: `RSA`, `EC`, `OKP`, `oct`; `null` while an encrypted key stays locked.
    pub kty: Option<&'static str>,
    /// RSA modulus or HMAC secret size.
    pub bits: Option<usize>,
    /// EC or OKP curve.
    pub curve: Option<&'static str>,
    pub encrypted: bool,
    /// The PBES2 scheme of an encrypted key.
    pub encryption: Option<String>,
    /// The `kid` a JWK carries.
    pub kid: Option<String>,
    pub thumbprint: Option<String>,
    /// Algorithms jwtctl will sign or verify with this key.
    pub algorithms: Vec<&'static str>,
    pub weaknesses: Vec<String>,
    /// Why some facts are missing (an encrypted key without its passphrase).
    pub note: Option<String>,
}

/// Inspects the key in `path`. An encrypted key is decrypted when a passphrase is at hand;
/// without one, what the file shows unencrypted is reported. A wrong passphrase is an error.
pub fn inspect(path: &Path, passphrase: &PassphraseSource) -> Result<Inspection, KeyError> {
    let bytes = super::load::read_limited(path)?;
    let trimmed = bytes.trim_ascii_start();
    let (format, der) = if trimmed.starts_with(b"{") {
        ("JWK", None)
    } else if trimmed.starts_with(b"-----BEGIN") {
        ("PEM", pem::parse(trimmed).ok().map(pem::Pem::into_contents))
    } else {
        ("DER", Some(bytes.to_vec()))
    };
    let encryption = der.as_deref().and_then(encrypted::describe);
    let mut out = Inspection {
        file: path.display().to_string(),
        format,
        holds: "private",
        kty: None,
        bits: None,
        curve: None,
        encrypted: encryption.is_some(),
        encryption,
        kid: None,
        thumbprint: None,
        algorithms: Vec::new(),
        weaknesses: Vec::new(),
        note: None,
    };
    // The file's mode is reported below as a weakness, so of the loader's warnings only a
    // certificate's dates are kept.
    let mut loaded = crate::warning::Warnings::new();
    let key = match load_key_file(path, passphrase, &mut loaded) {
        Ok(k) => k,
        Err(KeyError::NoPassphrase { env, .. }) if out.encrypted => {
            out.note = Some(format!(
                "encrypted: set {env} or pass --passphrase-file to see the rest"
            ));
            exposed(path, &mut out);
            return Ok(out);
        }
        Err(e @ KeyError::Unrecognized { .. }) => {
            // RSA keys below 2048 bits are refused by the loader; name them rather than
            // calling them unreadable.
            let Some((kind, bits)) = der.as_deref().and_then(small_rsa) else {
                return Err(e);
            };
            out.holds = kind;
            out.kty = Some("RSA");
            out.bits = Some(bits);
            out.weaknesses.push(format!(
                "RSA-{bits} is too small: RFC 7518 requires 2048 bits or more, and jwtctl does not sign with it"
            ));
            if kind == "private" {
                exposed(path, &mut out);
            }
            return Ok(out);
        }
        Err(e) => return Err(e),
    };
    if format == "JWK" {
        let jwk: Option<Jwk> = serde_json::from_slice(&bytes).ok();
        out.kid = jwk.and_then(|j| j.kid.clone());
    }
    describe_key(&key, &mut out)?;
    out.weaknesses.extend(
        loaded
            .into_iter()
            .filter(|w| w.id.starts_with("key-certificate-"))
            .map(|w| w.message),
    );
    if out.holds != "public" {
        exposed(path, &mut out);
    }
    Ok(out)
}

fn describe_key(key: &Key, out: &mut Inspection) -> Result<(), KeyError> {
    let family = key.family();
    out.holds = match &key.material {
        Material::Secret(_) => "secret",
        Material::Private(_) | Material::SmallRsaPrivate(_) => "private",
        Material::Public(_) => "public",
    };
    let candidates = Alg::for_family(family);
    match family {
        Family::Rsa => {
            out.kty = Some("RSA");
            let public = key.public().expect("RSA has a public half");
            out.bits = public.rsa_bits();
            if let Some(bits) = out.bits.filter(|&b| b < 2048) {
                out.weaknesses.push(format!(
                    "RSA-{bits} is too small: RFC 7518 requires 2048 bits or more"
                ));
            }
            if public.has_roca_fingerprint() {
                out.weaknesses.push(
                    "ROCA (CVE-2017-15361): the private key can be computed from the public key"
                        .into(),
                );
            }
        }
        Family::Ec(c) => {
            out.kty = Some("EC");
            out.curve = Some(c.jwk_name());
        }
        Family::Ed25519 => {
            out.kty = Some("OKP");
            out.curve = Some("Ed25519");
        }
        Family::Hmac => {
            out.kty = Some("oct");
            if let Material::Secret(s) = &key.material {
                let len = s.as_bytes().len();
                out.bits = Some(len * 8);
                if len < 32 {
                    out.weaknesses.push(format!(
                        "a {len}-byte secret is shorter than the 32 bytes HS256 needs; it can be guessed offline from one token"
                    ));
                }
            }
        }
    }
    out.algorithms = candidates
        .into_iter()
        .filter(|&alg| key.verifier(alg).is_ok())
        .filter(|alg| {
            alg.min_secret_len()
                .is_none_or(|min| out.bits >= Some(min * 8))
        })
        .map(Alg::name)
        .collect();
    // A secret gets none: its thumbprint would be a hash of the secret.
    if let Some(public) = key.public() {
        out.thumbprint = Some(public.to_jwk().thumbprint()?);
    }
    Ok(())
}

/// A private key file others can read is a weakness whatever the key.
fn exposed(path: &Path, out: &mut Inspection) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path) {
            let mode = meta.permissions().mode() & 0o777;
            if mode & 0o077 != 0 {
                out.weaknesses.push(format!(
                    "the file holds a {} key but is readable by others (mode {mode:o}); chmod 600 it",
                    out.holds
                ));
            }
        }
    }
}

/// The size of an RSA key below 2048 bits, read from SPKI, PKCS#8 or PKCS#1 DER.
fn small_rsa(der: &[u8]) -> Option<(&'static str, usize)> {
    use pkcs8::der::Decode;
    const RSA: pkcs8::ObjectIdentifier =
        pkcs8::ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
    let (kind, pkcs1) = if let Ok(spki) = pkcs8::SubjectPublicKeyInfoRef::from_der(der) {
        if spki.algorithm.oid != RSA {
            return None;
        }
        ("public", spki.subject_public_key.raw_bytes().to_vec())
    } else if let Ok(info) = pkcs8::PrivateKeyInfoRef::from_der(der) {
        if info.algorithm.oid != RSA {
            return None;
        }
        ("private", info.private_key.as_bytes().to_vec())
    } else {
        // PKCS#1 RSAPublicKey (n, e) or RSAPrivateKey (version, n, e, ...).
        let (_, seq, _) = super::der::read_tlv(der)?;
        let (_, first, rest) = super::der::read_tlv(seq)?;
        let (_, second, _) = super::der::read_tlv(rest)?;
        let kind = if first == [0] { "private" } else { "public" };
        let n = if kind == "private" { second } else { first };
        return Some((kind, int_bits(n)?)).filter(|&(_, b)| b < 2048);
    };
    let (_, seq, _) = super::der::read_tlv(&pkcs1)?;
    let (_, first, rest) = super::der::read_tlv(seq)?;
    let n = if kind == "private" {
        super::der::read_tlv(rest)?.1
    } else {
        first
    };
    Some((kind, int_bits(n)?)).filter(|&(_, b)| b < 2048)
}

fn int_bits(n: &[u8]) -> Option<usize> {
    let i = n.iter().position(|&b| b != 0)?;
    Some((n.len() - i) * 8 - n[i].leading_zeros() as usize)
}
