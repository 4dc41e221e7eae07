//! Parsing compact JWS/JWT text into its parts, strictly: attacker-controlled input.

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::alg::{Alg, AlgError};
use crate::claims::Object;
use crate::error::ExitCode;

mod view;
pub use view::{Members, Scratch, TokenView, MAX_MEMBERS};

/// Longest token text accepted. Real bearer tokens are a few KiB; a cap keeps a hostile or
/// mistaken input (a whole log file on stdin) from being buffered and parsed.
pub const MAX_TOKEN_LEN: usize = 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("the input is empty: no token to read")]
    Empty,
    #[error("the token is {0} bytes, over the {MAX_TOKEN_LEN}-byte limit")]
    TooLong(usize),
    #[error("a token has 3 dot-separated parts, this one has {0}")]
    Parts(usize),
    /// Five parts: RFC 7516's compact JWE. The header, when it decodes, as compact JSON.
    #[error("this is a JWE (encrypted JWT); jwtctl verifies JWS (signed tokens){}", match .0 {
        Some(h) => format!("; its header: {h}"),
        None => String::new(),
    })]
    Jwe(Option<String>),
    #[error("the input is JSON without an \"access_token\" string, not a token")]
    Json,
    #[error("the {0} is not valid base64url")]
    Base64(Part),
    #[error("the header is not JSON: {0}")]
    HeaderJson(String),
    #[error("the header is JSON but not an object")]
    HeaderNotObject,
    #[error("the header has no \"alg\"")]
    MissingAlg,
    #[error("the header's \"alg\" is not a string")]
    AlgNotString,
    #[error("the token contains characters that are not printable ASCII")]
    NotAscii,
}

impl TokenError {
    pub fn hint(&self) -> &'static str {
        match self {
            TokenError::Empty => "pass the token as an argument, or pipe it on stdin",
            TokenError::TooLong(_) => "for many tokens, one per line, use --file or --batch",
            TokenError::Jwe(_) => {
                "its claims are encrypted: decrypt it with the recipient's key first, or ask the issuer for a signed (JWS) token"
            }
            TokenError::Json => {
                "a /token response ({\"access_token\": \"eyJ...\", ...}) is read for its access_token; otherwise pass the token itself"
            }
            TokenError::Parts(_) | TokenError::NotAscii => {
                "a JWT looks like xxxxx.yyyyy.zzzzz; check that the whole token was copied"
            }
            TokenError::Base64(_) => {
                "JWT parts use base64url without padding (A-Z a-z 0-9 - _); check for truncation or quoting"
            }
            TokenError::HeaderJson(_) | TokenError::HeaderNotObject => {
                "the first part must decode to a JSON object such as {\"alg\":\"HS256\"}"
            }
            TokenError::MissingAlg | TokenError::AlgNotString => {
                "every JWS header names its algorithm, e.g. \"alg\": \"HS256\""
            }
        }
    }
}

impl crate::error::Diagnose for TokenError {
    fn exit_code(&self) -> ExitCode {
        ExitCode::Malformed
    }

    fn hint(&self) -> Option<String> {
        Some(TokenError::hint(self).to_string())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Header,
    Payload,
    Signature,
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Part::Header => "header",
            Part::Payload => "payload",
            Part::Signature => "signature",
        })
    }
}

/// The payload of a JWS: a JWT claims set, or something else (RFC 7515 A.4 signs plain text).
#[derive(Debug, Clone)]
pub enum Payload {
    Claims(Map<String, Value>),
    /// Not a JWT: the bytes as signed, and why they are not a claims set.
    Other {
        bytes: Vec<u8>,
        reason: String,
        /// JSON with a duplicate key: a claims set that parsers read differently, refused
        /// outright rather than signature-checked as an opaque payload.
        ambiguous: bool,
    },
}

impl Payload {
    pub fn claims(&self) -> Option<&Map<String, Value>> {
        match self {
            Payload::Claims(m) => Some(m),
            Payload::Other { .. } => None,
        }
    }
}

/// A parsed compact JWS. The signing input is kept as received: re-serialising the JSON would
/// change the bytes (RFC 7515 A.1's header holds CR LF).
#[derive(Debug, Clone)]
pub struct Token {
    text: String,
    dots: (usize, usize),
    pub header: Map<String, Value>,
    pub payload: Payload,
    pub signature: Vec<u8>,
    /// The header's `alg`, or why it is not one we implement.
    pub alg: Result<Alg, AlgError>,
    /// The header and claims JSON as decoded (the claims empty when the payload is not a claims
    /// set), for output that can pass them on without serialising the maps again.
    header_json: Vec<u8>,
    claims_json: Vec<u8>,
}

impl Token {
    /// Parses token text after `normalize`.
    pub fn parse(text: &str) -> Result<Token, TokenError> {
        if text.is_empty() {
            return Err(TokenError::Empty);
        }
        if text.starts_with('{') {
            return Err(TokenError::Json);
        }
        if text.len() > MAX_TOKEN_LEN {
            return Err(TokenError::TooLong(text.len()));
        }
        // Branch-free over the bytes (the compiler vectorises it), then the dots with std's
        // memchr: no run-time CPU detection (`cpuid` is slow under a hypervisor) for one token.
        if !text.bytes().fold(true, |ok, b| ok & b.is_ascii_graphic()) {
            return Err(TokenError::NotAscii);
        }
        let dot = |from: usize| text[from..].find('.').map(|i| from + i);
        let (first, second) = match dot(0).and_then(|a| Some((a, dot(a + 1)?))) {
            Some((a, b)) if dot(b + 1).is_none() => (a, b),
            _ => {
                let parts = text.split('.').count();
                if parts == 5 {
                    return Err(TokenError::Jwe(jwe_header(text)));
                }
                return Err(TokenError::Parts(parts));
            }
        };
        let (h, p, s) = (
            &text[..first],
            &text[first + 1..second],
            &text[second + 1..],
        );

        let header_bytes = b64(h, Part::Header)?;
        let header = match parse_strict(&header_bytes) {
            Ok(Value::Object(m)) => m,
            Ok(_) => return Err(TokenError::HeaderNotObject),
            Err(e) => return Err(TokenError::HeaderJson(e)),
        };
        let alg = match header.get("alg") {
            None => return Err(TokenError::MissingAlg),
            Some(Value::String(a)) => a.parse::<Alg>(),
            Some(_) => return Err(TokenError::AlgNotString),
        };

        let payload_bytes = b64(p, Part::Payload)?;
        let (payload, claims_json) = match parse_strict(&payload_bytes) {
            Ok(Value::Object(m)) => (Payload::Claims(m), payload_bytes),
            Ok(other) => (
                Payload::Other {
                    bytes: payload_bytes,
                    reason: format!("the payload is JSON {}, not an object", json_kind(&other)),
                    ambiguous: false,
                },
                Vec::new(),
            ),
            Err(e) => (
                Payload::Other {
                    bytes: payload_bytes,
                    ambiguous: e.starts_with(DUPLICATE_KEY),
                    reason: format!("the payload is not JSON ({e})"),
                },
                Vec::new(),
            ),
        };
        let signature = b64(s, Part::Signature)?;

        Ok(Token {
            text: text.to_string(),
            dots: (first, second),
            header,
            payload,
            signature,
            alg,
            header_json: header_bytes,
            claims_json,
        })
    }

    /// The header as decoded: one JSON object, valid UTF-8, no duplicate keys.
    pub fn header_json(&self) -> &[u8] {
        &self.header_json
    }

    /// The claims set as decoded, when the payload is one.
    pub fn claims_json(&self) -> Option<&[u8]> {
        self.claims().map(|_| self.claims_json.as_slice())
    }

    /// `BASE64URL(header) . BASE64URL(payload)` exactly as received.
    pub fn signing_input(&self) -> &[u8] {
        &self.text.as_bytes()[..self.dots.1]
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn claims(&self) -> Option<&Map<String, Value>> {
        self.payload.claims()
    }

    /// The header's `alg` as written, for messages.
    pub fn alg_name(&self) -> &str {
        self.header.get("alg").and_then(Value::as_str).unwrap_or("")
    }

    pub fn kid(&self) -> Option<&str> {
        self.header.get("kid").and_then(Value::as_str)
    }
}

/// What verification and output read of a token, whether it was parsed into maps ([`Token`]) or
/// read in place ([`TokenView`]).
pub trait Jws {
    type Object: Object;
    fn alg(&self) -> &Result<Alg, AlgError>;
    /// The header's `alg` as written, for messages.
    fn alg_name(&self) -> &str;
    fn kid(&self) -> Option<&str>;
    fn header(&self) -> &Self::Object;
    fn payload(&self) -> PayloadRef<'_, Self::Object>;
    fn signing_input(&self) -> &[u8];
    fn signature(&self) -> &[u8];

    /// The claims set, when the payload is one.
    fn claims(&self) -> Option<&Self::Object> {
        match self.payload() {
            PayloadRef::Claims(c) => Some(c),
            PayloadRef::Other { .. } => None,
        }
    }
}

/// The payload as [`Jws`] gives it.
pub enum PayloadRef<'a, O: ?Sized> {
    Claims(&'a O),
    /// Not a claims set: why, and whether it is JSON with a duplicate key.
    Other {
        reason: &'a str,
        ambiguous: bool,
    },
}

impl Jws for Token {
    type Object = Map<String, Value>;
    fn alg(&self) -> &Result<Alg, AlgError> {
        &self.alg
    }
    fn alg_name(&self) -> &str {
        Token::alg_name(self)
    }
    fn kid(&self) -> Option<&str> {
        Token::kid(self)
    }
    fn header(&self) -> &Map<String, Value> {
        &self.header
    }
    fn payload(&self) -> PayloadRef<'_, Map<String, Value>> {
        match &self.payload {
            Payload::Claims(c) => PayloadRef::Claims(c),
            Payload::Other {
                reason, ambiguous, ..
            } => PayloadRef::Other {
                reason,
                ambiguous: *ambiguous,
            },
        }
    }
    fn signing_input(&self) -> &[u8] {
        Token::signing_input(self)
    }
    fn signature(&self) -> &[u8] {
        &self.signature
    }
}

/// Strips what surrounds a token in the places people copy it from: whitespace, a `Bearer `
/// prefix, a whole `Authorization: Bearer …` header line, or an OAuth2 token response
/// (`{"access_token": "…", "token_type": "bearer", …}`, RFC 6749 5.1) as `/token` returns it.
pub fn normalize(input: &str) -> &str {
    // A byte order mark, as Windows editors save a file's first line, is not part of a token.
    let mut s = input.strip_prefix('\u{feff}').unwrap_or(input).trim();
    if s.starts_with('{') {
        return access_token(s).map_or(s, str::trim);
    }
    if let Some(rest) = strip_prefix_ci(s, "authorization:") {
        s = rest.trim_start();
    }
    if let Some(rest) = strip_prefix_ci(s, "bearer") {
        if rest.starts_with([' ', '\t']) {
            s = rest.trim_start();
        }
    }
    s
}

/// The protected header of a compact JWE, re-serialised on one line, when it is a JSON object.
/// Only its printable ASCII is kept: it goes into an error message.
fn jwe_header(text: &str) -> Option<String> {
    let first = text.split('.').next()?;
    let bytes = URL_SAFE_NO_PAD.decode(first).ok()?;
    match parse_strict(&bytes).ok()? {
        v @ Value::Object(_) => Some(
            v.to_string()
                .chars()
                .filter(|c| c.is_ascii_graphic() || *c == ' ')
                .collect(),
        ),
        _ => None,
    }
}

/// The `access_token` of a token response. Borrowed, so a token written with JSON escapes (which
/// no token needs) is not taken; a duplicate `access_token` fails, as any ambiguity should.
fn access_token(json: &str) -> Option<&str> {
    #[derive(serde::Deserialize)]
    struct Response<'a> {
        #[serde(borrow)]
        access_token: &'a str,
    }
    serde_json::from_str::<Response>(json)
        .ok()
        .map(|r| r.access_token)
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

fn b64(part: &str, which: Part) -> Result<Vec<u8>, TokenError> {
    URL_SAFE_NO_PAD
        .decode(part)
        .map_err(|_| TokenError::Base64(which))
}

pub fn b64url(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// How [`parse_strict`]'s error for a duplicate key begins.
const DUPLICATE_KEY: &str = "duplicate key";

/// Parses JSON, rejecting duplicate object keys. serde_json keeps the last duplicate silently,
/// and two parsers that disagree on which `alg` or `sub` counts is a known JWT attack.
pub fn parse_strict(bytes: &[u8]) -> Result<Value, String> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let v = StrictValue::deserialize(&mut de).map_err(|e| e.to_string())?;
    de.end().map_err(|e| e.to_string())?;
    Ok(v.0)
}

/// `parse_strict` for text, keeping the parser's error (with its line and column).
pub fn parse_strict_text(text: &str) -> Result<Value, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let v = StrictValue::deserialize(&mut de)?;
    de.end()?;
    Ok(v.0)
}

/// A JSON value that refuses a key given twice in any object (`parse_strict`).
pub(crate) struct StrictValue(pub(crate) Value);

impl<'de> Deserialize<'de> for StrictValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = StrictValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<StrictValue, E> {
        Ok(StrictValue(Value::Bool(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<StrictValue, E> {
        Ok(StrictValue(Value::from(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<StrictValue, E> {
        Ok(StrictValue(Value::from(v)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<StrictValue, E> {
        Ok(StrictValue(Value::from(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<StrictValue, E> {
        Ok(StrictValue(Value::String(v.to_string())))
    }
    fn visit_string<E>(self, v: String) -> Result<StrictValue, E> {
        Ok(StrictValue(Value::String(v)))
    }
    fn visit_unit<E>(self) -> Result<StrictValue, E> {
        Ok(StrictValue(Value::Null))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<StrictValue, A::Error> {
        let mut out = Vec::new();
        while let Some(StrictValue(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(StrictValue(Value::Array(out)))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StrictValue, A::Error> {
        // Room for a typical claims set up front: no rehash or regrowth while it fills.
        let mut out = Map::with_capacity(8);
        while let Some(key) = map.next_key::<String>()? {
            let StrictValue(v) = map.next_value()?;
            // One hash per key: the entry both detects a duplicate and inserts.
            match out.entry(key) {
                serde_json::map::Entry::Occupied(o) => {
                    return Err(de::Error::custom(format_args!(
                        "{DUPLICATE_KEY} \"{}\"",
                        o.key()
                    )));
                }
                serde_json::map::Entry::Vacant(e) => {
                    e.insert(v);
                }
            }
        }
        Ok(StrictValue(Value::Object(out)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HS: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln";

    #[test]
    fn normalize_strips_bearer_and_header_name() {
        assert_eq!(normalize("  Bearer abc \n"), "abc");
        assert_eq!(normalize("Authorization: bearer abc"), "abc");
        assert_eq!(normalize("bearerabc"), "bearerabc");
    }

    #[test]
    fn parses_parts_and_keeps_signing_input() {
        let t = Token::parse(HS).unwrap();
        assert_eq!(t.alg, Ok(Alg::HS256));
        assert_eq!(t.signing_input(), b"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0");
        assert_eq!(t.signature, b"sig");
    }

    #[test]
    fn rejects_duplicate_keys() {
        assert!(parse_strict(br#"{"a":1,"a":2}"#).is_err());
        assert!(parse_strict(br#"{"a":{"b":1,"b":1}}"#).is_err());
        assert!(parse_strict(br#"{"a":1,"b":[1,{"c":2}]}"#).is_ok());
    }

    #[test]
    fn shape_errors() {
        assert_eq!(Token::parse("a.b").unwrap_err(), TokenError::Parts(2));
        assert_eq!(
            Token::parse("a*.b.c").unwrap_err(),
            TokenError::Base64(Part::Header)
        );
        assert_eq!(
            Token::parse("e30.e30.").unwrap_err(),
            TokenError::MissingAlg
        );
    }
}
