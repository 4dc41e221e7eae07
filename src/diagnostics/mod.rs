//! What `decode` (and `lint`) point out about a token without any key.

use serde_json::Value;

use crate::alg::AlgError;
use crate::claims::numeric_date;
use crate::token::Token;
use crate::warning::Warning;

pub use crate::warning::Level;

mod lint;
pub use lint::Linter;

/// What `decode` and `lint` find: a [`Warning`] with a level and a stable id.
pub type Finding = Warning;

/// Lifetime above which a token is worth a second look.
pub const LONG_LIFETIME: i64 = 24 * 3600;

/// Claim names that suggest data which should not ride in a readable payload.
const SENSITIVE: [&str; 14] = [
    "password", "passwd", "pwd", "secret", "phone", "email", "card", "ssn", "cvv", "iban", "birth",
    "dob", "address", "credit",
];

pub fn findings(token: &Token, now: i64, max_lifetime: i64) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut add = |level, id, message: String| out.push(Finding { level, id, message });

    match &token.alg {
        Err(AlgError::Unsecured(a)) => add(
            Level::Critical,
            "alg-none",
            format!("alg \"{a}\": the token is unsigned and anyone can forge it"),
        ),
        Err(AlgError::Unknown(a)) => add(
            Level::High,
            "alg-unknown",
            format!("alg \"{a}\" is not a JWS algorithm jwtctl knows"),
        ),
        Ok(_) => {}
    }
    for h in ["jku", "x5u"] {
        if let Some(v) = token.header.get(h) {
            add(
                Level::High,
                "header-url",
                format!("header \"{h}\" points at {v}: a verifier that fetches keys from it can be made to trust an attacker's key"),
            );
        }
    }
    for h in ["jwk", "x5c"] {
        if token.header.contains_key(h) {
            add(
                Level::High,
                "header-key",
                format!("header \"{h}\" embeds a key: a verifier that uses it accepts any self-signed token"),
            );
        }
    }
    if let Some(kid) = token.header.get("kid") {
        match kid.as_str() {
            Some(k) if odd_kid(k) => add(
                Level::Medium,
                "kid-odd",
                format!("\"kid\" {kid} looks like a path or an injection string; make sure servers only look it up, never use it in a path or query"),
            ),
            Some(_) => {}
            None => add(Level::Medium, "kid-odd", format!("\"kid\" is {kid}, not a string")),
        }
    }
    if let Some(crit) = token.header.get("crit") {
        add(
            Level::Medium,
            "crit",
            format!(
                "header \"crit\" {crit}: verifiers must reject extensions they do not understand"
            ),
        );
    }

    if let crate::token::Payload::Other { reason, .. } = &token.payload {
        // Parsers disagree on which duplicate wins (serde_json and PyJWT keep the last, some
        // keep the first): a token can say one subject to the checker and another to the API.
        if reason.contains("duplicate key") {
            add(
                Level::High,
                "duplicate-claim",
                format!("{reason}: parsers disagree on which value counts, so a checker and an API can see different claims"),
            );
            return out;
        }
    }
    let Some(claims) = token.claims() else {
        add(
            Level::Info,
            "not-jwt",
            "the payload is not a JSON object: this is a JWS, not a JWT".into(),
        );
        return out;
    };
    let exp = claims.get("exp").and_then(numeric_date).map(|f| f as i64);
    let iat = claims.get("iat").and_then(numeric_date).map(|f| f as i64);
    let nbf = claims.get("nbf").and_then(numeric_date).map(|f| f as i64);
    for name in crate::claims::TIME_CLAIMS {
        if let Some(v) = claims.get(name) {
            if numeric_date(v).is_none() {
                add(
                    Level::High,
                    "time-type",
                    format!(
                        "\"{name}\" is {v}, not a NumericDate: verifiers disagree on what it means"
                    ),
                );
            }
        }
    }
    match exp {
        None if !claims.contains_key("exp") => add(
            Level::High,
            "no-exp",
            "no \"exp\": the token never expires".into(),
        ),
        Some(e) => {
            let start = iat.or(nbf);
            if let Some(s) = start {
                if e - s > max_lifetime {
                    add(
                        Level::Medium,
                        "long-lifetime",
                        format!(
                            "lifetime is {}, over {}: a stolen token stays useful that long",
                            crate::time_text::span_text((e - s).unsigned_abs()),
                            crate::time_text::span_text(max_lifetime.unsigned_abs())
                        ),
                    );
                }
            } else if e - now > max_lifetime {
                add(
                    Level::Medium,
                    "long-lifetime",
                    format!(
                        "expires {}, more than {} from now",
                        crate::time_text::relative(e - now),
                        crate::time_text::span_text(max_lifetime.unsigned_abs())
                    ),
                );
            }
            if e <= now {
                add(
                    Level::Info,
                    "expired",
                    format!("expired {}", crate::time_text::relative(e - now)),
                );
            }
        }
        None => {}
    }
    if let Some(i) = iat {
        if i > now + 60 {
            add(
                Level::Medium,
                "iat-future",
                format!(
                    "\"iat\" is {}: the issuer's clock is ahead, or the token was made for later",
                    crate::time_text::relative(i - now)
                ),
            );
        }
    }
    if let Some(n) = nbf {
        if n > now {
            add(
                Level::Info,
                "not-yet-valid",
                format!("not valid until {}", crate::time_text::relative(n - now)),
            );
        }
    }
    let mut sensitive: Vec<&str> = Vec::new();
    collect_sensitive(claims, &mut sensitive);
    for name in sensitive {
        add(
            Level::Medium,
            "sensitive-claim",
            format!("claim \"{name}\" looks sensitive: JWT payloads are only base64, anyone holding the token can read it"),
        );
    }
    out
}

fn collect_sensitive<'a>(claims: &'a serde_json::Map<String, Value>, out: &mut Vec<&'a str>) {
    for (k, v) in claims {
        let lower = k.to_ascii_lowercase();
        if SENSITIVE.iter().any(|s| lower.contains(s)) {
            out.push(k);
        }
        if let Value::Object(inner) = v {
            collect_sensitive(inner, out);
        }
    }
}

fn odd_kid(kid: &str) -> bool {
    kid.len() > 128
        || kid.contains("..")
        || kid.contains(['/', '\\', '\'', '"', ';', '|', '`', '$', '\0', '\n'])
        || kid.to_ascii_lowercase().contains(" or ")
        || kid.to_ascii_lowercase().contains("union")
}

/// Claims that look sensitive, before they are signed into a token.
pub fn sensitive_claims(claims: &serde_json::Map<String, Value>) -> Vec<Warning> {
    let mut names = Vec::new();
    collect_sensitive(claims, &mut names);
    names
        .into_iter()
        .map(|name| {
            Warning::new(
                Level::Medium,
                "sensitive-claim",
                format!("claim \"{name}\" looks sensitive: JWT payloads are only base64, anyone holding the token can read it"),
            )
        })
        .collect()
}
