//! Tokens read in place, for batch verification: no maps, nothing parsed that no check needs.

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::Value;

use super::{Jws, PayloadRef, MAX_TOKEN_LEN};
use crate::alg::{Alg, AlgError};
use crate::claims::{Member, Object};

/// A token read in place: its parts decoded into a buffer the caller reuses, the header and
/// claims read as [`Members`] of that buffer, nothing parsed that no check asks for. Batch
/// verification's way through a token, for the tokens it can take: a claims set and a header of
/// at most [`MAX_MEMBERS`] members each, on one line (no control characters), with unescaped
/// names and `alg`/`kid`, nested only as arrays of plain values. Every other token, and every
/// malformed one, yields `None`: `Token::parse` reads it (and words its errors) instead, so
/// what a token is found to be never depends on which way it took.
pub struct TokenView<'a> {
    text: &'a str,
    signing_len: usize,
    header: Members<'a>,
    claims: Members<'a>,
    signature: &'a [u8],
    alg: Result<Alg, AlgError>,
    alg_name: &'a str,
    kid: Option<&'a str>,
}

/// What [`TokenView::parse`] writes into, kept from token to token: no allocation per token
/// once it has grown to the size of one.
#[derive(Debug, Default)]
pub struct Scratch {
    /// The decoded header, claims and signature, in that order.
    bytes: Vec<u8>,
    /// The header's members, then the claims'.
    spans: Vec<Span>,
    /// The last header read (its base64url text; empty when none was), its decoded length and
    /// its members' count: the start of `bytes` and `spans` while it is kept.
    header_b64: Vec<u8>,
    header_len: usize,
    header_spans: usize,
}

/// Where a member's name and value lie in the object's text.
#[derive(Debug, Clone, Copy)]
struct Span {
    /// The name's [`tag`]: lookups compare names only when their tags agree.
    tag: u64,
    name: (u32, u32),
    value: (u32, u32),
}

/// A name's length with its first and last bytes: few names share one, and comparing it costs
/// less than a call to compare the bytes (the checks look up about twenty names per token).
fn tag(name: &str) -> u64 {
    let b = name.as_bytes();
    let edge = |i: Option<&u8>| u64::from(i.copied().unwrap_or(0));
    b.len() as u64 | edge(b.first()) << 32 | edge(b.last()) << 40
}

impl<'a> TokenView<'a> {
    /// Reads token text after `normalize`, decoding into `scratch`.
    pub fn parse(text: &'a str, scratch: &'a mut Scratch) -> Option<TokenView<'a>> {
        if text.is_empty() || text.len() > MAX_TOKEN_LEN {
            return None;
        }
        if !text.bytes().fold(true, |ok, b| ok & b.is_ascii_graphic()) {
            return None;
        }
        let bytes = text.as_bytes();
        let first = memchr::memchr(b'.', bytes)?;
        let second = first + 1 + memchr::memchr(b'.', &bytes[first + 1..])?;
        if memchr::memchr(b'.', &bytes[second + 1..]).is_some() {
            return None;
        }
        let Scratch {
            bytes: decoded,
            spans,
            header_b64,
            header_len,
            header_spans,
        } = scratch;
        let one_line = |json: &[u8]| json.iter().fold(true, |ok, &b| ok & (b >= 0x20));
        // The tokens of a batch mostly share their header: the one read last is kept, bytes
        // and members, and read again only when this token's differs.
        if !header_b64.is_empty() && *header_b64 == bytes[..first] {
            decoded.truncate(*header_len);
            spans.truncate(*header_spans);
        } else {
            header_b64.clear();
            (*header_len, *header_spans) = (0, 0);
            decoded.clear();
            spans.clear();
            URL_SAFE_NO_PAD.decode_vec(&text[..first], decoded).ok()?;
            if !one_line(decoded) {
                return None;
            }
            read_members(std::str::from_utf8(decoded).ok()?, spans)?;
            header_b64.extend_from_slice(&bytes[..first]);
            *header_len = decoded.len();
            *header_spans = spans.len();
        }
        URL_SAFE_NO_PAD
            .decode_vec(&text[first + 1..second], decoded)
            .ok()?;
        let claims_end = decoded.len();
        URL_SAFE_NO_PAD
            .decode_vec(&text[second + 1..], decoded)
            .ok()?;
        let decoded: &'a [u8] = decoded;
        let header_json = std::str::from_utf8(&decoded[..*header_len]).ok()?;
        let claims_json = &decoded[*header_len..claims_end];
        let signature = &decoded[claims_end..];
        if !one_line(claims_json) {
            return None;
        }
        let claims_json = std::str::from_utf8(claims_json).ok()?;
        let in_header = *header_spans;
        read_members(claims_json, spans)?;
        let spans: &'a [Span] = spans;
        let header = Members {
            json: header_json,
            spans: &spans[..in_header],
        };
        let claims = Members {
            json: claims_json,
            spans: &spans[in_header..],
        };
        let alg_name = header.plain_str("alg")??;
        let kid = match header.member("kid") {
            Some(m) if m.is_string() => Some(header.plain_str("kid")??),
            _ => None,
        };
        Some(TokenView {
            text,
            signing_len: second,
            header,
            claims,
            signature,
            alg: alg_name.parse::<Alg>(),
            alg_name,
            kid,
        })
    }

    /// The header as decoded: one JSON object on one line.
    pub fn header_json(&self) -> &'a [u8] {
        self.header.json.as_bytes()
    }

    /// The claims set as decoded: one JSON object on one line.
    pub fn claims_json(&self) -> &'a [u8] {
        self.claims.json.as_bytes()
    }

    pub fn as_str(&self) -> &'a str {
        self.text
    }
}

impl<'a> Jws for TokenView<'a> {
    type Object = Members<'a>;
    fn alg(&self) -> &Result<Alg, AlgError> {
        &self.alg
    }
    fn alg_name(&self) -> &str {
        self.alg_name
    }
    fn kid(&self) -> Option<&str> {
        self.kid
    }
    fn header(&self) -> &Members<'a> {
        &self.header
    }
    fn payload(&self) -> PayloadRef<'_, Members<'a>> {
        PayloadRef::Claims(&self.claims)
    }
    fn signing_input(&self) -> &[u8] {
        &self.text.as_bytes()[..self.signing_len]
    }
    fn signature(&self) -> &[u8] {
        self.signature
    }
}

/// Members a [`Members`] holds at most: a header or a claims set, with room. Duplicates are
/// found by comparing each name with those before it, so the count stays small.
pub const MAX_MEMBERS: usize = 48;

/// A JSON object's members as they lie in its text: names and values borrowed, values kept as
/// their JSON text. Read as strictly as `parse_strict` reads (no duplicate name, numbers in
/// range, valid escapes); what that would need a parsed value to check is not taken.
#[derive(Debug, Clone, Copy)]
pub struct Members<'a> {
    json: &'a str,
    spans: &'a [Span],
}

impl<'a> Members<'a> {
    /// The value of the member named `name`, as JSON text.
    fn raw(&self, name: &str) -> Option<&'a str> {
        let json = self.json;
        let tag = tag(name);
        self.spans
            .iter()
            .find(|s| s.tag == tag && &json[s.name.0 as usize..s.name.1 as usize] == name)
            .map(|s| &json[s.value.0 as usize..s.value.1 as usize])
    }

    /// A member that is a string without escapes, as written; `Some(None)` for one that is
    /// escaped, `None` when it is absent or not a string.
    fn plain_str(&self, name: &str) -> Option<Option<&'a str>> {
        let raw = self.raw(name)?;
        let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
        Some((!inner.contains('\\')).then_some(inner))
    }
}

impl Object for Members<'_> {
    fn member(&self, name: &str) -> Option<Member<'_>> {
        self.raw(name).map(Member::Raw)
    }
}

/// Appends the spans of the members of the JSON object `json` (its text: a token is at most
/// [`MAX_TOKEN_LEN`] bytes, so offsets fit in `u32`), or `None` when [`Members`] cannot take it.
fn read_members(json: &str, spans: &mut Vec<Span>) -> Option<()> {
    let mut de = serde_json::Deserializer::from_str(json);
    let first = spans.len();
    de.deserialize_map(MembersVisitor {
        base: json.as_ptr() as usize,
        json,
        first,
        spans,
    })
    .ok()?;
    de.end().ok()
}

struct MembersVisitor<'s, 'j> {
    /// Where `json` starts, to turn the borrowed names and values into offsets.
    base: usize,
    json: &'j str,
    first: usize,
    spans: &'s mut Vec<Span>,
}

impl<'de> Visitor<'de> for MembersVisitor<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let at = |s: &str| {
            let start = (s.as_ptr() as usize - self.base) as u32;
            (start, start + s.len() as u32)
        };
        let refuse = || de::Error::custom("not for TokenView");
        // A name with escapes cannot be borrowed: an error here, and the token goes the
        // other way.
        while let Some(name) = map.next_key::<&'de str>()? {
            let value: &'de RawValue = map.next_value()?;
            let seen = Members {
                json: self.json,
                spans: &self.spans[self.first..],
            };
            if seen.spans.len() == MAX_MEMBERS
                || seen.raw(name).is_some()
                || !as_strict(value.get())
            {
                return Err(refuse());
            }
            self.spans.push(Span {
                tag: tag(name),
                name: at(name),
                value: at(value.get()),
            });
        }
        Ok(())
    }
}

/// Whether a value the parser took as JSON text would also pass `parse_strict`: taking it
/// as text checks its syntax, but not the range of numbers, the escapes of strings (surrogate
/// pairs) or duplicates in nested objects.
fn as_strict(json: &str) -> bool {
    let bytes = json.as_bytes();
    match bytes.first() {
        Some(b'"') if !json.contains('\\') => true,
        Some(b't' | b'f' | b'n') => true,
        // Digits only, fewer than 19: within i64, nothing to check.
        Some(b'0'..=b'9') if bytes.len() < 19 && bytes.iter().all(u8::is_ascii_digit) => true,
        // An array of plain values: nothing to hold a duplicate, and no deeper than the
        // parser's recursion limit allows.
        Some(b'[') if !json[1..].contains(['[', '{']) => {
            serde_json::from_str::<Value>(json).is_ok()
        }
        Some(b'[' | b'{') => false,
        // Any other number, or an escaped string: parsed as the map would be (no allocation
        // for a number).
        _ => serde_json::from_str::<Value>(json).is_ok(),
    }
}
