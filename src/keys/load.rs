//! Reading keys and secrets from files, command-line values and the environment, with the
//! type detected from the content and a size limit on every read.

use std::path::{Path, PathBuf};

use serde_json::Value;
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
            warnings.extend(exposure(path, "private key"));
        }
        return Ok(key);
    }
    let der = if trimmed.starts_with(b"-----BEGIN") {
        let block = pem::parse(trimmed).map_err(|e| unrecognized(&format!(": bad PEM ({e})")))?;
        match block.tag() {
            "ENCRYPTED PRIVATE KEY" => {
                encrypted::decrypt(block.contents(), path, passphrase, warnings)?
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
    let der = if encrypted::is_encrypted(&der) {
        encrypted::decrypt(&der, path, passphrase, warnings)?
    } else {
        der
    };
    let material = material_from_der(&der)
        .ok_or_else(|| unrecognized(": no RSA, EC P-256/384/521 or Ed25519 key in it"))?;
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
        return material_from_der(bytes).map(|_| "a DER key");
    }
    None
}
