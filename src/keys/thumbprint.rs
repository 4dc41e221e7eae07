//! JWK thumbprints (RFC 7638), the key ids `keygen` and `jwks` give.

use aws_lc_rs::digest;

use super::{Jwk, KeyError};
use crate::token::b64url;

impl Jwk {
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
}
