//! Minting tokens: header and claims serialised and signed into a compact JWS, and the random
//! ids (`jti`) they carry. `issue` and `serve` both mint through here.

use serde_json::{Map, Value};

use crate::error::Failure;
use crate::keys::Signer;
use crate::token::b64url;

/// Serialises and signs header and claims into a compact JWS.
pub fn sign(
    signer: &Signer,
    header: &Map<String, Value>,
    claims: &Map<String, Value>,
) -> crate::error::Result<String> {
    let mut text = signing_input(header, claims)?;
    let sig = signer.sign(text.as_bytes())?;
    text.push('.');
    text.push_str(&b64url(&sig));
    Ok(text)
}

/// An unsigned JWS (`alg: none`, RFC 7518 3.6: an empty signature), for negative tests only.
pub fn unsigned(
    header: &Map<String, Value>,
    claims: &Map<String, Value>,
) -> crate::error::Result<String> {
    let mut text = signing_input(header, claims)?;
    text.push('.');
    Ok(text)
}

/// `BASE64URL(header) . BASE64URL(claims)`.
fn signing_input(
    header: &Map<String, Value>,
    claims: &Map<String, Value>,
) -> crate::error::Result<String> {
    let mut text = b64url(serde_json::to_string(header)?.as_bytes());
    text.push('.');
    text.push_str(&b64url(serde_json::to_string(claims)?.as_bytes()));
    Ok(text)
}

/// A random 128-bit id.
pub fn random_id() -> Result<String, Failure> {
    let mut bytes = [0u8; 16];
    aws_lc_rs::rand::fill(&mut bytes)
        .map_err(|e| Failure::runtime(format!("no randomness: {e}")))?;
    Ok(b64url(&bytes))
}
