//! HMAC secrets, wiped from memory when dropped and never shown by `Debug`.

use std::fmt;

use base64::Engine;
use zeroize::Zeroizing;

use super::KeyError;

/// An HMAC secret; wiped from memory when dropped.
#[derive(Clone)]
pub struct Secret {
    bytes: Zeroizing<Vec<u8>>,
    /// Decoded from base64 text (`--secret-base64`) rather than used as given.
    decoded: bool,
}

impl Secret {
    pub fn new(bytes: Vec<u8>) -> Result<Secret, KeyError> {
        if bytes.is_empty() {
            return Err(KeyError::EmptySecret);
        }
        Ok(Secret {
            bytes: Zeroizing::new(bytes),
            decoded: false,
        })
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// Whether the secret was base64-decoded before use.
    pub fn was_decoded(&self) -> bool {
        self.decoded
    }

    /// Whether the secret as given is text that could also be read as base64: then an issuer
    /// that decodes it signs with other bytes, and a signature mismatch may be just that.
    pub fn looks_like_base64(&self) -> bool {
        let t = self.bytes.trim_ascii();
        let body = t.strip_suffix(b"==").or(t.strip_suffix(b"=")).unwrap_or(t);
        body.len() >= 16
            && body
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || b"+/-_".contains(b))
            && body.len() % 4 != 1
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
        let mut secret = Secret::new(bytes)?;
        secret.decoded = true;
        Ok(secret)
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
        write!(f, "Secret({} bytes)", self.bytes.len())
    }
}
