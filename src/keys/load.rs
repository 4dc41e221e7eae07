//! Reading keys and secrets from files, command-line values and the environment, with the
//! type detected from the content and a size limit on every read.

use std::path::{Path, PathBuf};

use serde_json::Value;
use x509_cert::der::Decode;
use zeroize::Zeroizing;

use super::encrypted::{self, PassphraseSource};
use super::{material_from_der, Jwk, Key, KeyError, Material, Secret, SecretArg, Usage};
use crate::warning::{Level, Warning, Warnings};

/// Largest key file read. Keys are a few KiB; a JWKS with hundreds of keys still fits.
pub(super) const MAX_KEY_FILE: u64 = 4 * 1024 * 1024;
/// Reads a key file: PEM, DER or JWK, detected from the content. An encrypted PKCS#8 key is
/// decrypted with the passphrase from `passphrase`.
pub fn load_key_file(
    path: &Path,
    passphrase: &PassphraseSource,
    warnings: &mut Warnings,
) -> Result<Key, KeyError> {
    let bytes = read_limited(path)?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(KeyError::EmptyFile {
            path: path.to_path_buf(),
        });
    }
    let source = path.display().to_string();
    let unrecognized = |detail: &str| unrecognized(path, detail);
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
            warnings.extend(exposure(path, "private key"));
        }
        return Ok(key);
    }
    let material = material_from_content(&bytes, path, Some(passphrase), warnings)?;
    if matches!(
        material,
        Material::Private(_) | Material::SmallRsaPrivate(_)
    ) {
        warnings.extend(exposure(path, "private key"));
    }
    Ok(Key {
        material,
        kid: None,
        usage: Usage::default(),
        source,
    })
}

fn unrecognized(path: &Path, detail: &str) -> KeyError {
    KeyError::Unrecognized {
        path: path.to_path_buf(),
        detail: detail.to_string(),
    }
}

const NO_KEY: &str = ": no RSA, EC P-256/384/521 or Ed25519 key in it";

/// What a PEM block holds, by its label (RFC 7468).
#[derive(PartialEq)]
enum Block {
    /// Any private or public key label, including ones jwtctl cannot read (`OPENSSH PRIVATE
    /// KEY`): those are still the file's key, and get the error that says so.
    Key,
    Certificate,
    /// `EC PARAMETERS` (written by `openssl ecparam -genkey`), requests, CRLs, ...
    Other,
}

fn block_kind(label: &str) -> Block {
    match label {
        "CERTIFICATE" | "X509 CERTIFICATE" => Block::Certificate,
        l if l.ends_with("PRIVATE KEY") || l.ends_with("PUBLIC KEY") => Block::Key,
        _ => Block::Other,
    }
}

/// The key in the content of a key file: DER, or PEM of which every block is read, a key or an
/// X.509 certificate. With several blocks, an `Info` warning names the one used. Without a
/// passphrase source (a key pasted into the web page), an encrypted key is refused.
pub fn material_from_content(
    bytes: &[u8],
    path: &Path,
    passphrase: Option<&PassphraseSource>,
    warnings: &mut Warnings,
) -> Result<Material, KeyError> {
    let decrypt = |der: &[u8], warnings: &mut Warnings| match passphrase {
        Some(p) => encrypted::decrypt(der, path, p, warnings),
        None => Err(KeyError::Encrypted {
            path: path.to_path_buf(),
        }),
    };
    // Text may precede the first block (openssl's `Bag Attributes`, `x509 -text`); DER is
    // binary and never holds this marker in practice.
    if memchr::memmem::find(bytes, b"-----BEGIN ").is_none() {
        if encrypted::is_encrypted(bytes) {
            let der = decrypt(bytes, warnings)?;
            return material_from_der(&der).ok_or_else(|| unrecognized(path, NO_KEY));
        }
        if let Some(material) = material_from_der(bytes) {
            return Ok(material);
        }
        return match x509_cert::Certificate::from_der(bytes) {
            Ok(cert) => certificate_key(&cert, path, warnings),
            Err(_) => Err(unrecognized(path, NO_KEY)),
        };
    }
    let blocks: Vec<(String, Zeroizing<Vec<u8>>)> = pem::parse_many(bytes)
        .map_err(|e| unrecognized(path, &format!(": bad PEM ({e})")))?
        .into_iter()
        .map(|b| (b.tag().to_string(), Zeroizing::new(b.into_contents())))
        .collect();
    let named = |i: usize| format!("block {} ({})", i + 1, blocks[i].0);
    let of_kind = |kind: Block| -> Vec<usize> {
        (0..blocks.len())
            .filter(|&i| block_kind(&blocks[i].0) == kind)
            .collect()
    };
    let keys = of_kind(Block::Key);
    // A chain lists the leaf first (RFC 8446 4.4.2, as x5c does): its key is the signer's.
    let chosen = match (keys.as_slice(), of_kind(Block::Certificate).first()) {
        ([one], _) => *one,
        ([], Some(&cert)) => cert,
        ([], None) if blocks.is_empty() => {
            return Err(unrecognized(
                path,
                ": bad PEM (no complete -----BEGIN/-----END block)",
            ))
        }
        ([], None) => {
            let all: Vec<String> = (0..blocks.len()).map(named).collect();
            return Err(unrecognized(
                path,
                &format!(": its PEM blocks hold no key: {}", all.join(", ")),
            ));
        }
        (several, _) => {
            return Err(KeyError::SeveralKeys {
                path: path.to_path_buf(),
                blocks: several
                    .iter()
                    .map(|&i| named(i))
                    .collect::<Vec<_>>()
                    .join(", "),
            })
        }
    };
    if blocks.len() > 1 {
        let skipped: Vec<String> = (0..blocks.len())
            .filter(|&i| i != chosen)
            .map(named)
            .collect();
        warnings.push(Warning::new(
            Level::Info,
            "key-pem-block",
            format!(
                "{}: using block {} of {} ({}); skipped {}",
                path.display(),
                chosen + 1,
                blocks.len(),
                blocks[chosen].0,
                skipped.join(", ")
            ),
        ));
    }
    let (label, der) = &blocks[chosen];
    if block_kind(label) == Block::Certificate {
        let cert = x509_cert::Certificate::from_der(der)
            .map_err(|e| unrecognized(path, &format!(": its certificate does not parse ({e})")))?;
        return certificate_key(&cert, path, warnings);
    }
    let der = if label == "ENCRYPTED PRIVATE KEY" || encrypted::is_encrypted(der) {
        decrypt(der, warnings)?
    } else {
        der.clone()
    };
    material_from_der(&der).ok_or_else(|| unrecognized(path, NO_KEY))
}

/// The public key of an X.509 certificate, for verifying. Its dates are checked only to
/// warn: a token's signature is as good as the key, and the certificate's validity is the
/// issuer's bookkeeping (no chain is built either; the file is trusted as the key would be).
fn certificate_key(
    cert: &x509_cert::Certificate,
    path: &Path,
    warnings: &mut Warnings,
) -> Result<Material, KeyError> {
    use x509_cert::der::Encode;
    let tbs = cert.tbs_certificate();
    let spki = tbs
        .subject_public_key_info()
        .to_der()
        .map_err(|e| unrecognized(path, &format!(": its certificate does not parse ({e})")))?;
    let material = match material_from_der(&spki) {
        Some(m @ Material::Public(_)) => m,
        _ => {
            return Err(unrecognized(
                path,
                &format!(
                    ": the certificate's key ({}) is not RSA, EC P-256/384/521 or Ed25519",
                    tbs.subject_public_key_info().algorithm.oid
                ),
            ))
        }
    };
    let validity = tbs.validity();
    let secs = |t: x509_cert::time::Time| t.to_unix_duration().as_secs() as i64;
    let (not_before, not_after) = (secs(validity.not_before), secs(validity.not_after));
    let now = jiff::Timestamp::now().as_second();
    let dated = |id, what: &str, at: i64| {
        Warning::new(
            Level::Medium,
            id,
            format!(
                "{}: the certificate for {} {what} {} ({}); its public key is used all the same",
                path.display(),
                tbs.subject(),
                crate::time_text::utc(at),
                crate::time_text::relative(at - now)
            ),
        )
    };
    if now > not_after {
        warnings.push(dated("key-certificate-expired", "expired", not_after));
    } else if now < not_before {
        warnings.push(dated(
            "key-certificate-not-yet-valid",
            "is valid from",
            not_before,
        ));
    }
    Ok(material)
}

/// PEM with LF line endings, as OpenSSL writes it; the pem crate defaults to CRLF.
pub fn pem_lf(block: &pem::Pem) -> String {
    pem::encode_config(
        block,
        pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF),
    )
}

/// A warning when a file holding a secret can be read by other users: the same check ssh
/// makes for its keys, a warning because the key may legitimately live on a shared mount.
pub fn exposure(path: &Path, what: &str) -> Option<Warning> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).ok()?.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Some(Warning::new(
                Level::Medium,
                "key-file-mode",
                format!(
                    "{} holds a {what} but is readable by others (mode {mode:o}); run: chmod 600 {}",
                    path.display(),
                    path.display()
                ),
            ));
        }
    }
    #[cfg(not(unix))]
    let _ = (path, what);
    None
}

pub(super) fn read_limited(path: &Path) -> Result<Zeroizing<Vec<u8>>, KeyError> {
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
            // One byte past the limit is enough to know the file is over it.
            if filled as u64 > MAX_KEY_FILE {
                break;
            }
            let mut bigger = Zeroizing::new(vec![
                0u8;
                (filled * 2).max(1).min(MAX_KEY_FILE as usize + 1)
            ]);
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
    // Over the limit: refused, not cut (a truncated secret would verify nothing, silently).
    if filled as u64 > MAX_KEY_FILE {
        return Err(KeyError::TooLarge {
            path: path.to_path_buf(),
            limit: MAX_KEY_FILE,
        });
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
    pub passphrase: PassphraseSource,
}

impl KeySource {
    /// Loads the key: `--key`, else `--secret-file`, else `--secret`, else the environment.
    pub fn load(&self, warnings: &mut Warnings) -> Result<Key, KeyError> {
        if let Some(path) = &self.key_file {
            return load_key_file(path, &self.passphrase, warnings);
        }
        let (bytes, source) = if let Some(path) = &self.secret_file {
            let mut b = read_limited(path)?;
            // Checked as read, before the newline goes: a DER key or certificate may end in
            // 0x0a, and cut short it would pass for a secret.
            if let Some(what) = key_material_kind(&b) {
                return Err(KeyError::SecretIsKey {
                    origin: path.display().to_string(),
                    what,
                });
            }
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
        // Only a file that turned out to hold a usable secret is worth a warning about who
        // can read it: a folder or a public key given by mistake fails above instead.
        if let Some(path) = &self.secret_file {
            warnings.extend(exposure(path, "secret"));
        }
        Ok(Key {
            material: Material::Secret(secret),
            kid: None,
            usage: Usage::default(),
            source,
        })
    }
}
/// What kind of key material `bytes` hold, if they are a key rather than a secret: PEM, a
/// JWK, an OpenSSH public key line, or DER that parses as a key.
pub(super) fn key_material_kind(bytes: &[u8]) -> Option<&'static str> {
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
        if material_from_der(bytes).is_some() {
            return Some("a DER key");
        }
        if x509_cert::Certificate::from_der(bytes).is_ok() {
            return Some("a DER certificate");
        }
    }
    None
}
