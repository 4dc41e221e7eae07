//! JWK Sets: reading them (file now; URLs in `remote`) and building them from keys.

use serde_json::{json, Value};

use crate::keys::{Jwk, Key, KeyError};
use crate::remote::{Fetcher, Origin};
use crate::warning::{Level, Warning, Warnings};

/// Loads every usable key of a JWKS document. Keys jwtctl cannot use (other kty, encryption
/// keys) are skipped; a set with none left is an error.
pub fn from_document(
    doc: &[u8],
    source: &str,
    warnings: &mut Warnings,
) -> Result<Vec<Key>, KeyError> {
    let v: Value = crate::token::parse_strict(doc)
        .map_err(|e| KeyError::Jwk(format!("{source} is not JSON: {e}")))?;
    let keys = v
        .get("keys")
        .and_then(Value::as_array)
        .ok_or_else(|| KeyError::Jwk(format!("{source} has no \"keys\" array")))?;
    // A local set may hold HMAC secrets (RFC 7517 A.3); one fetched from a URL is published,
    // so a secret in it is never used.
    let local = !(source.starts_with("https://") || source.starts_with("http://"));
    // RFC 7517 4.5: kids in a set should be distinct. When two signature keys share one,
    // which the issuer meant is a guess, so neither is used.
    fn signing_kid(k: &Value) -> Option<&str> {
        k.get("kid")
            .and_then(Value::as_str)
            .filter(|_| k.get("use").and_then(Value::as_str) != Some("enc"))
    }
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        if let Some(kid) = signing_kid(k) {
            let n = keys.iter().filter(|o| signing_kid(o) == Some(kid)).count();
            if n > 1 {
                skipped.push(format!("key #{i}: kid \"{kid}\" is on {n} signature keys"));
                continue;
            }
        }
        let parsed = serde_json::from_value::<Jwk>(k.clone())
            .map_err(|e| KeyError::Jwk(e.to_string()))
            .and_then(|jwk| {
                if jwk.kty == "oct" && local {
                    jwk.to_key()
                } else if jwk.is_private() {
                    // A published set must hold public keys; use only the public half.
                    jwk.public_only().to_key()
                } else {
                    jwk.to_key()
                }
            });
        match parsed {
            Ok(mut key) => {
                key.source = match &key.kid {
                    Some(kid) => format!("{source} kid \"{kid}\""),
                    None => format!("{source} key #{i}"),
                };
                out.push(key);
            }
            Err(e) => skipped.push(format!("key #{i}: {e}")),
        }
    }
    for s in &skipped {
        warnings.push(Warning::new(
            Level::Low,
            "jwks-key-skipped",
            format!("{source}: skipped {s}"),
        ));
    }
    if out.is_empty() {
        return Err(KeyError::Jwk(format!("{source} holds no usable key")));
    }
    let secrets = out.iter().filter(|k| k.public().is_none()).count();
    if secrets > 0 && secrets < out.len() {
        return Err(KeyError::Jwk(format!(
            "{source} mixes HMAC secrets with public keys; keep secrets out of a set that holds public keys"
        )));
    }
    Ok(out)
}

/// Loads a JWKS from a file or an http(s) URL. For a URL served from the cache, a `kid` the
/// cached set lacks triggers one refetch: that is how a key rotation is picked up.
pub fn load(
    location: &str,
    fetcher: &Fetcher,
    kid: Option<&str>,
    warnings: &mut Warnings,
) -> crate::error::Result<Vec<Key>> {
    if location.starts_with("https://") || location.starts_with("http://") {
        let (body, origin) = fetcher.jwks(location, false, warnings)?;
        let keys = from_document(body.as_bytes(), location, warnings)?;
        let missing = kid.is_some_and(|k| !keys.iter().any(|key| key.kid.as_deref() == Some(k)));
        if missing && origin != Origin::Network {
            let (body, _) = fetcher.jwks(location, true, warnings)?;
            return Ok(from_document(body.as_bytes(), location, warnings)?);
        }
        return Ok(keys);
    }
    let path = std::path::Path::new(location);
    let bytes = std::fs::read(path).map_err(|source| KeyError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(from_document(&bytes, location, warnings)?)
}

/// A JWKS document of public keys, each with `kid`, `alg` and `use: "sig"`.
pub fn document(entries: &[(Jwk, String, String)]) -> Value {
    let keys: Vec<Value> = entries
        .iter()
        .map(|(jwk, kid, alg)| {
            let mut j = jwk.public_only();
            j.kid = Some(kid.clone());
            j.alg = Some(alg.clone());
            j.use_ = Some("sig".into());
            serde_json::to_value(j).expect("JWK serialises")
        })
        .collect();
    json!({ "keys": keys })
}
