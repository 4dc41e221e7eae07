//! Encrypted PKCS#8 private keys (RFC 5958 `EncryptedPrivateKeyInfo`, PBES2 of RFC 8018): the
//! form `openssl genpkey -aes256` and `openssl pkcs8 -topk8 -v2 aes-256-cbc` write. Decryption
//! and encryption are RustCrypto's `pkcs8`/`pkcs5`; this module picks parameters, caps the work
//! a file may ask for, and finds the passphrase.

use std::path::{Path, PathBuf};

use pkcs8::pkcs5::pbes2::{self, EncryptionScheme as Cipher, Kdf};
use pkcs8::pkcs5::EncryptionScheme;
use pkcs8::{EncryptedPrivateKeyInfoRef, PrivateKeyInfoRef};
use zeroize::Zeroizing;

use super::KeyError;
use crate::warning::Warnings;

/// The environment variable a key passphrase is read from.
pub const PASSPHRASE_ENV: &str = "JWTCTL_KEY_PASSPHRASE";

/// PBKDF2 iterations `keygen --encrypt` uses: OWASP's figure for PBKDF2-HMAC-SHA256.
const PBKDF2_ITERATIONS: u32 = 600_000;

/// The most work a key file may ask for. A file is input: without a cap, one with a PBKDF2
/// count of 10^8 or an scrypt cost of 2^30 would hang jwtctl or exhaust memory.
const MAX_PBKDF2_ITERATIONS: u32 = 10_000_000;
const MAX_SCRYPT_BYTES: u64 = 256 * 1024 * 1024;

/// A function that asks a person for the passphrase of `path`; supplied by the command line,
/// which owns the terminal.
pub type Prompt = fn(&Path) -> Result<Zeroizing<String>, KeyError>;

/// Where the passphrase of an encrypted key comes from: a file, else the environment, else a
/// prompt when there is one. Never a command-line value.
#[derive(Debug, Clone)]
pub struct PassphraseSource {
    pub file: Option<PathBuf>,
    pub env_var: String,
    pub prompt: Option<Prompt>,
}

impl Default for PassphraseSource {
    fn default() -> Self {
        PassphraseSource {
            file: None,
            env_var: PASSPHRASE_ENV.to_string(),
            prompt: None,
        }
    }
}

impl PassphraseSource {
    /// The passphrase for the key in `path`, wiped when dropped.
    pub fn get(
        &self,
        path: &Path,
        warnings: &mut Warnings,
    ) -> Result<Zeroizing<Vec<u8>>, KeyError> {
        let pass = if let Some(file) = &self.file {
            warnings.extend(super::load::exposure(file, "passphrase"));
            let mut b = super::load::read_limited(file)?;
            // Files made with `echo` end in a newline that is not part of the passphrase.
            if b.ends_with(b"\n") {
                b.pop();
                if b.ends_with(b"\r") {
                    b.pop();
                }
            }
            b
        } else if let Some(v) = std::env::var_os(&self.env_var) {
            Zeroizing::new(v.into_encoded_bytes())
        } else if let Some(prompt) = self.prompt {
            let text = prompt(path)?;
            Zeroizing::new(text.as_bytes().to_vec())
        } else {
            return Err(KeyError::NoPassphrase {
                path: path.to_path_buf(),
                env: self.env_var.clone(),
            });
        };
        if pass.is_empty() {
            return Err(KeyError::EmptyPassphrase);
        }
        Ok(pass)
    }
}

/// True when `der` is an `EncryptedPrivateKeyInfo`.
pub fn is_encrypted(der: &[u8]) -> bool {
    EncryptedPrivateKeyInfoRef::try_from(der).is_ok()
}

/// How the key in `der` is encrypted, for people: "PBES2: PBKDF2-HMAC-SHA256, 2048
/// iterations; AES-256-CBC".
pub fn describe(der: &[u8]) -> Option<String> {
    let info = EncryptedPrivateKeyInfoRef::try_from(der).ok()?;
    Some(match &info.encryption_algorithm {
        EncryptionScheme::Pbes1(_) => "PBES1 (obsolete, not supported)".into(),
        EncryptionScheme::Pbes2(p) => {
            let kdf = match &p.kdf {
                Kdf::Pbkdf2(k) => format!(
                    "PBKDF2-{}, {} iterations",
                    prf_name(k.prf),
                    k.iteration_count
                ),
                Kdf::Scrypt(s) => format!(
                    "scrypt N={} r={} p={}",
                    s.cost_parameter, s.block_size, s.parallelization
                ),
                _ => "another key derivation".into(),
            };
            format!("PBES2: {kdf}; {}", cipher_name(&p.encryption))
        }
        _ => "PBES1 (obsolete, not supported)".into(),
    })
}

fn prf_name(prf: pbes2::Pbkdf2Prf) -> &'static str {
    match prf {
        pbes2::Pbkdf2Prf::HmacWithSha1 => "HMAC-SHA1",
        pbes2::Pbkdf2Prf::HmacWithSha224 => "HMAC-SHA224",
        pbes2::Pbkdf2Prf::HmacWithSha256 => "HMAC-SHA256",
        pbes2::Pbkdf2Prf::HmacWithSha384 => "HMAC-SHA384",
        pbes2::Pbkdf2Prf::HmacWithSha512 => "HMAC-SHA512",
        _ => "HMAC",
    }
}

fn cipher_name(c: &Cipher) -> &'static str {
    match c {
        Cipher::Aes128Cbc { .. } => "AES-128-CBC",
        Cipher::Aes192Cbc { .. } => "AES-192-CBC",
        Cipher::Aes256Cbc { .. } => "AES-256-CBC",
        Cipher::Aes128Gcm { .. } => "AES-128-GCM",
        Cipher::Aes256Gcm { .. } => "AES-256-GCM",
        _ => "another cipher",
    }
}

/// Decrypts an `EncryptedPrivateKeyInfo` into the PKCS#8 DER inside it.
pub fn decrypt(
    der: &[u8],
    path: &Path,
    source: &PassphraseSource,
    warnings: &mut Warnings,
) -> Result<Zeroizing<Vec<u8>>, KeyError> {
    let unsupported = |detail: String| KeyError::EncryptionUnsupported {
        path: path.to_path_buf(),
        detail,
    };
    let info = EncryptedPrivateKeyInfoRef::try_from(der)
        .map_err(|e| unsupported(format!("it does not parse as encrypted PKCS#8 ({e})")))?;
    let EncryptionScheme::Pbes2(params) = &info.encryption_algorithm else {
        return Err(unsupported("it uses PBES1".into()));
    };
    match &params.kdf {
        Kdf::Pbkdf2(k) if k.iteration_count > MAX_PBKDF2_ITERATIONS => {
            return Err(unsupported(format!(
                "it asks for {} PBKDF2 iterations (at most {MAX_PBKDF2_ITERATIONS} are done)",
                k.iteration_count
            )))
        }
        Kdf::Scrypt(s) => {
            let bytes = 128u64
                .saturating_mul(u64::from(s.block_size))
                .saturating_mul(s.cost_parameter)
                .saturating_mul(u64::from(s.parallelization).max(1));
            if bytes > MAX_SCRYPT_BYTES {
                return Err(unsupported(format!(
                    "its scrypt parameters need {} MiB (at most {} MiB are used)",
                    bytes >> 20,
                    MAX_SCRYPT_BYTES >> 20
                )));
            }
        }
        _ => {}
    }
    let passphrase = source.get(path, warnings)?;
    match info.decrypt(&passphrase[..]) {
        Ok(doc) => Ok(Zeroizing::new(doc.as_bytes().to_vec())),
        Err(pkcs8::Error::EncryptedPrivateKey(
            e @ (pkcs8::pkcs5::Error::UnsupportedAlgorithm { .. }
            | pkcs8::pkcs5::Error::AlgorithmParametersInvalid { .. }
            | pkcs8::pkcs5::Error::NoPbes1CryptSupport),
        )) => Err(unsupported(e.to_string())),
        // A wrong passphrase shows as bad padding (CBC), a bad tag (GCM), or, one time in a few
        // hundred with CBC, as padding that happens to be valid around bytes that are not DER.
        Err(_) => Err(KeyError::WrongPassphrase {
            path: path.to_path_buf(),
        }),
    }
}

/// Encrypts PKCS#8 DER with PBES2 (PBKDF2-HMAC-SHA256, 600,000 iterations, AES-256-CBC), the
/// scheme OpenSSL, Python's cryptography and Java all read, as PEM.
pub fn encrypt_pem(pkcs8_der: &[u8], passphrase: &[u8]) -> Result<Zeroizing<String>, KeyError> {
    let mut salt = [0u8; 16];
    let mut iv = [0u8; 16];
    aws_lc_rs::rand::fill(&mut salt)
        .map_err(|e| KeyError::Rejected(format!("no randomness: {e}")))?;
    aws_lc_rs::rand::fill(&mut iv)
        .map_err(|e| KeyError::Rejected(format!("no randomness: {e}")))?;
    let params = pbes2::Parameters::generate_pbkdf2_sha256_aes256cbc(PBKDF2_ITERATIONS, &salt, iv)
        .map_err(|e| KeyError::Rejected(e.to_string()))?;
    let info =
        PrivateKeyInfoRef::try_from(pkcs8_der).map_err(|e| KeyError::Rejected(e.to_string()))?;
    let doc = info
        .encrypt_with_params(params, passphrase)
        .map_err(|e| KeyError::Rejected(e.to_string()))?;
    let pem = doc
        .to_pem("ENCRYPTED PRIVATE KEY", pkcs8::LineEnding::LF)
        .map_err(|e| KeyError::Rejected(e.to_string()))?;
    Ok(Zeroizing::new(pem.to_string()))
}

/// Unencrypted PKCS#8 DER as PEM (`PRIVATE KEY`), every copy of it in buffers wiped on drop;
/// the `pem` crate's encoder would leave one in a plain `Vec`.
pub fn private_pem(pkcs8_der: &[u8]) -> Result<Zeroizing<String>, KeyError> {
    let doc = pkcs8::SecretDocument::try_from(pkcs8_der)
        .map_err(|e| KeyError::Rejected(e.to_string()))?;
    doc.to_pem("PRIVATE KEY", pkcs8::LineEnding::LF)
        .map_err(|e| KeyError::Rejected(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alg::Alg;
    use crate::keys::{material_from_der, Material, PrivateKey};

    fn fixed(pass: &'static str) -> PassphraseSource {
        PassphraseSource {
            file: None,
            env_var: "JWTCTL_TEST_UNSET_PASSPHRASE_VAR".into(),
            prompt: Some(match pass {
                "right" => |_| Ok(Zeroizing::new("right".into())),
                _ => |_| Ok(Zeroizing::new("wrong".into())),
            }),
        }
    }

    #[test]
    fn round_trip_and_wrong_passphrase() {
        let key = PrivateKey::generate(Alg::ES256, 2048).unwrap();
        let pem_text = encrypt_pem(&key.to_pkcs8(), b"right").unwrap();
        let block = pem::parse(pem_text.as_bytes()).unwrap();
        assert_eq!(block.tag(), "ENCRYPTED PRIVATE KEY");
        assert!(is_encrypted(block.contents()));
        let d = describe(block.contents()).unwrap();
        assert!(
            d.contains("600000 iterations") && d.contains("AES-256-CBC"),
            "{d}"
        );
        let der = decrypt(
            block.contents(),
            Path::new("k"),
            &fixed("right"),
            &mut Warnings::new(),
        )
        .unwrap();
        let Some(Material::Private(back)) = material_from_der(&der) else {
            panic!("not a private key")
        };
        assert_eq!(back.public(), key.public());
        assert!(matches!(
            decrypt(
                block.contents(),
                Path::new("k"),
                &fixed("wrong"),
                &mut Warnings::new()
            ),
            Err(KeyError::WrongPassphrase { .. })
        ));
    }
}
