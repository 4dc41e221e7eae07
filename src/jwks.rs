//! JWK Sets: reading them (file now; URLs in `remote`) and building them from keys.

use serde::Deserialize;
use serde_json::{json, Map, Value};
use zeroize::{Zeroize, Zeroizing};

use crate::keys::{Jwk, Key, KeyError};
use crate::remote::{Fetcher, Origin};
use crate::warning::{Level, Warning, Warnings};

/// A parsed JWK set: a JSON object with a `"keys"` array (RFC 7517 section 5). A local set
/// may hold private members (`d`, an `oct` key's `k`): every string in it is wiped on drop, and
/// members are read from it by reference, never cloned into plain buffers.
pub struct SetDocument {
    root: Map<String, Value>,
}

impl SetDocument {
    pub fn parse(bytes: &[u8], source: &str) -> Result<SetDocument, KeyError> {
        let mut doc = SetDocument { root: Map::new() };
        match crate::token::parse_strict(bytes) {
            Ok(Value::Object(root)) => doc.root = root,
            Ok(mut other) => {
                wipe(&mut other);
                return Err(KeyError::Jwk(format!("{source} is not a JSON object")));
            }
            Err(e) => return Err(KeyError::Jwk(format!("{source} is not JSON: {e}"))),
        }
        if !doc.root.get("keys").is_some_and(Value::is_array) {
            return Err(KeyError::Jwk(format!("{source} has no \"keys\" array")));
        }
        Ok(doc)
    }

    /// An empty set, for a file about to be created.
    pub fn empty() -> SetDocument {
        let mut root = Map::new();
        root.insert("keys".into(), Value::Array(Vec::new()));
        SetDocument { root }
    }

    pub fn members(&self) -> &[Value] {
        self.root["keys"].as_array().expect("checked when parsed")
    }

    pub fn members_mut(&mut self) -> &mut Vec<Value> {
        self.root
            .get_mut("keys")
            .and_then(Value::as_array_mut)
            .expect("checked when parsed")
    }

    /// Pretty JSON with a final newline, in a buffer wiped on drop.
    pub fn render(&self) -> Zeroizing<String> {
        let mut out = json_wiped(&self.root, true);
        out.push('\n');
        out
    }
}

impl Drop for SetDocument {
    fn drop(&mut self) {
        for v in self.root.values_mut() {
            wipe(v);
        }
    }
}

/// JSON of `value`, pretty or compact, (and one spare byte) in a buffer wiped on drop. The size
/// is measured first so the buffer is allocated once: a `Vec` grown while writing would free its
/// smaller copies, private members in them, without wiping them.
pub fn json_wiped<T: serde::Serialize + ?Sized>(value: &T, pretty: bool) -> Zeroizing<String> {
    fn write<T: serde::Serialize + ?Sized>(w: impl std::io::Write, v: &T, pretty: bool) {
        let done = if pretty {
            serde_json::to_writer_pretty(w, v)
        } else {
            serde_json::to_writer(w, v)
        };
        done.expect("a JSON value serialises");
    }
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0 += b.len();
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    write(&mut count, value, pretty);
    let mut out = Vec::with_capacity(count.0 + 1);
    write(&mut out, value, pretty);
    Zeroizing::new(String::from_utf8(out).expect("JSON is UTF-8"))
}

/// Overwrites every string of a JSON value in place.
pub fn wipe(v: &mut Value) {
    match v {
        Value::String(s) => s.zeroize(),
        Value::Array(a) => a.iter_mut().for_each(wipe),
        Value::Object(m) => m.values_mut().for_each(wipe),
        _ => {}
    }
}

/// The member's `kid`, when it is a string.
pub fn member_kid(member: &Value) -> Option<&str> {
    member.get("kid").and_then(Value::as_str)
}

/// The key member `i` of a set describes, named after the set and its kid for messages. With
/// `public_only`, a private member yields its public half.
pub fn member_key(
    member: &Value,
    source: &str,
    i: usize,
    public_only: bool,
) -> Result<Key, KeyError> {
    let jwk =
        Jwk::deserialize(member).map_err(|e| KeyError::Jwk(format!("{source} key #{i}: {e}")))?;
    let key = if public_only && jwk.is_private() {
        jwk.public_only().to_key()
    } else {
        jwk.to_key()
    };
    let mut key = key.map_err(|e| KeyError::Jwk(format!("{source} key #{i}: {e}")))?;
    key.source = match &key.kid {
        Some(kid) => format!("{source} kid \"{kid}\""),
        None => format!("{source} key #{i}"),
    };
    Ok(key)
}

/// Refuses a set that mixes HMAC secrets with key pairs: a published set would have to leave the
/// secrets out, and then tokens would verify here but nowhere else.
pub fn check_one_kind(keys: &[Key], source: &str) -> Result<(), KeyError> {
    let secrets = keys.iter().filter(|k| k.public().is_none()).count();
    if secrets > 0 && secrets < keys.len() {
        return Err(KeyError::Jwk(format!(
            "{source} mixes HMAC secrets with public keys; keep secrets out of a set that holds public keys"
        )));
    }
    Ok(())
}

/// Loads every usable key of a JWKS document. Keys jwtctl cannot use (other kty, encryption
/// keys) are skipped; a set with none left is an error.
pub fn from_document(
    doc: &[u8],
    source: &str,
    warnings: &mut Warnings,
) -> Result<Vec<Key>, KeyError> {
    let set = SetDocument::parse(doc, source)?;
    let keys = set.members();
    // A local set may hold HMAC secrets (RFC 7517 A.3); one fetched from a URL is published,
    // so a secret in it is never used.
    let local = !(source.starts_with("https://") || source.starts_with("http://"));
    // RFC 7517 4.5: kids in a set should be distinct. When two signature keys share one,
    // which the issuer meant is a guess, so neither is used.
    fn signing_kid(k: &Value) -> Option<&str> {
        member_kid(k).filter(|_| k.get("use").and_then(Value::as_str) != Some("enc"))
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
        // A published set must hold public keys; of a private member only the public half is
        // used, except for a local set's HMAC secrets.
        let is_oct = k.get("kty").and_then(Value::as_str) == Some("oct");
        match member_key(k, source, i, !(is_oct && local)) {
            Ok(key) => out.push(key),
            Err(KeyError::Jwk(e)) => {
                let detail = e
                    .strip_prefix(&format!("{source} key #{i}: "))
                    .unwrap_or(&e);
                skipped.push(format!("key #{i}: invalid JWK: {detail}"));
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
    check_one_kind(&out, source)?;
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
    let bytes = crate::keys::read_key_file(path)?;
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
