//! Verification: every check a token is put through, each reported, not only the first failure.

use jiff::Timestamp;
use serde::Serialize;
use serde_json::Value;

use crate::alg::{Alg, AlgError};
use crate::claims::{token_scopes, Object};
use crate::error::Diagnose;
use crate::error::{ExitCode, Failure};

use crate::token::{Jws, PayloadRef};
use crate::warning::{Level, Warning};

mod keyset;
pub use keyset::KeySet;

/// What the token must satisfy beyond its signature.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// Allowed algorithms; empty means every algorithm the key allows.
    pub algs: Vec<Alg>,
    pub leeway: i64,
    pub iss: Option<String>,
    pub aud: Vec<String>,
    pub sub: Option<String>,
    pub require: Vec<String>,
    pub scopes: Vec<String>,
    /// The use the token must have; `None` accepts any.
    pub token_use: Option<TokenUse>,
    /// Accept a token that names an audience when none is expected (RFC 7519 §4.1.3 says to
    /// reject it): for people who only look at signatures and times.
    pub ignore_aud: bool,
    /// Signature only: a payload that is not a claims set is fine, and claims are not judged.
    pub jws_only: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenUse {
    Access,
    Refresh,
}

impl TokenUse {
    /// jwtctl marks refresh tokens with `token_use: "refresh"`; anything else is an access token.
    pub fn of(claims: &(impl Object + ?Sized)) -> TokenUse {
        match claims.member("token_use").and_then(|m| m.as_str()) {
            Some(u) if u == "refresh" => TokenUse::Refresh,
            _ => TokenUse::Access,
        }
    }
}

/// One failed check: which check, and the failure with its exit code and hint.
#[derive(Debug, Clone, Serialize)]
pub struct FailedCheck {
    pub check: &'static str,
    #[serde(flatten)]
    pub failure: Failure,
}

#[derive(Debug, Default, Serialize)]
pub struct Report {
    pub failures: Vec<FailedCheck>,
    pub warnings: Vec<Warning>,
    /// Which key verified the signature, when one did.
    pub key: Option<String>,
    pub signature_valid: bool,
    /// Seconds from the judging time to `exp` (negative once expired).
    pub expires_in: Option<i64>,
}

impl Report {
    pub fn exit_code(&self) -> ExitCode {
        self.failures
            .iter()
            .fold(ExitCode::Ok, |acc, f| acc.worst(f.failure.code))
    }

    pub fn valid(&self) -> bool {
        self.failures.is_empty()
    }

    fn fail(&mut self, check: &'static str, code: ExitCode, message: String, hint: Option<String>) {
        self.failures.push(FailedCheck {
            check,
            failure: Failure {
                code,
                message,
                hint,
            },
        });
    }
}

/// Runs every check and returns the report; never stops at the first failure.
pub fn verify(token: &impl Jws, keys: &KeySet, policy: &Policy, now: Timestamp) -> Report {
    let mut r = Report::default();
    check_header(token, &mut r);
    check_signature(token, keys, policy, &mut r);
    match token.payload() {
        PayloadRef::Other { .. } if policy.jws_only => {}
        PayloadRef::Other { reason, ambiguous } => r.fail(
            "jwt",
            ExitCode::Malformed,
            format!("not a JWT: {reason}"),
            // No invitation to --jws for a duplicate key: the duplicate is the attack.
            Some(if ambiguous {
                "a claims set with a key twice is read differently by different parsers (which sub or exp counts?); the issuer must fix its tokens".into()
            } else {
                "to check only the signature of such a JWS, pass --jws".into()
            }),
        ),
        PayloadRef::Claims(claims) => {
            if !policy.jws_only {
                check_claims(claims, policy, now, &mut r);
            }
        }
    }
    r
}

/// Header parameters RFC 7515 defines as strings; a verifier that skipped a non-string `kid`
/// would pick keys as if there were none (PyJWT refuses them too).
fn check_header(token: &impl Jws, r: &mut Report) {
    for name in ["kid", "typ", "cty"] {
        match token.header().member(name) {
            None => {}
            Some(v) if v.is_string() => {}
            Some(v) => r.fail(
                "header",
                ExitCode::Malformed,
                format!("the header's \"{name}\" is {v}, not a string"),
                Some("RFC 7515 defines kid, typ and cty as strings".into()),
            ),
        }
    }
}

fn check_signature(token: &impl Jws, keys: &KeySet, policy: &Policy, r: &mut Report) {
    let alg = match token.alg() {
        Ok(a) => *a,
        Err(e @ AlgError::Unsecured(_)) => {
            r.fail(
                "alg",
                ExitCode::Signature,
                e.to_string(),
                Some("an unsecured token proves nothing about who made it".into()),
            );
            return;
        }
        Err(e @ AlgError::Unknown(_)) => {
            r.fail(
                "alg",
                ExitCode::Malformed,
                e.to_string(),
                Some(format!(
                    "jwtctl verifies {}",
                    Alg::ALL.map(Alg::name).join(", ")
                )),
            );
            return;
        }
    };
    if let Some(crit) = token.header().member("crit") {
        r.fail(
            "crit",
            ExitCode::Signature,
            format!("the header marks {crit} as critical extensions, which jwtctl does not implement"),
            Some("RFC 7515 4.1.11 requires rejecting tokens with critical extensions the verifier does not understand".into()),
        );
    }
    for h in ["jwk", "jku", "x5u", "x5c"] {
        if token.header().member(h).is_some() {
            r.warnings.push(Warning::new(Level::Low, "header-key-ignored", format!(
                "the header carries \"{h}\"; keys named by the token itself are never trusted, only --key/--jwks"
            )));
        }
    }
    if !policy.algs.is_empty() && !policy.algs.contains(&alg) {
        r.fail(
            "alg",
            ExitCode::Signature,
            format!(
                "algorithm {alg} is not allowed (allowed: {})",
                policy
                    .algs
                    .iter()
                    .map(|a| a.name())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Some("add it with --alg if the issuer really uses it".into()),
        );
        return;
    }

    // Which keys to try: by kid in a JWKS, else every key of the right family.
    let candidates: Vec<usize> = if keys.is_jwks {
        match token.kid() {
            Some(kid) => {
                let found: Vec<usize> = (0..keys.keys.len())
                    .filter(|&i| keys.keys[i].kid.as_deref() == Some(kid))
                    .collect();
                if found.is_empty() {
                    let kids = keys.kids();
                    r.fail(
                        "kid",
                        ExitCode::Signature,
                        format!("no key with kid \"{kid}\" in the key set"),
                        Some(if kids.is_empty() {
                            "the key set has no kids".into()
                        } else {
                            format!("the key set has: {}", kids.join(", "))
                        }),
                    );
                    return;
                }
                found
            }
            None => (0..keys.keys.len())
                .filter(|&i| keys.keys[i].family() == alg.family())
                .collect(),
        }
    } else {
        (0..keys.keys.len()).collect()
    };

    let mut last_err = None;
    let mut tried = 0;
    for i in candidates {
        let verified = keys.with_verifier(i, alg, |c| {
            c.verifier
                .verify(token.signing_input(), token.signature())
                .then(|| c.warning.clone())
        });
        match verified {
            Err(e) => last_err = Some(e),
            Ok(None) => tried += 1,
            Ok(Some(warning)) => {
                r.signature_valid = true;
                r.key = Some(keys.keys[i].source.clone());
                r.warnings.extend(warning);
                return;
            }
        }
    }
    if tried == 0 {
        if let Some(e) = last_err {
            r.fail("key", e.exit_code(), e.to_string(), e.hint());
        } else {
            r.fail(
                "key",
                ExitCode::Signature,
                format!("no key in the set fits {alg}"),
                Some("the key set has no key of the family this algorithm needs".into()),
            );
        }
        return;
    }
    let which = if tried == 1 && !keys.is_jwks {
        format!("with {}", keys.keys[0].source)
    } else {
        format!("with any of the {tried} candidate keys")
    };
    // A single secret's encoding is a likely cause of a mismatch.
    let single_secret = match (keys.keys.as_slice(), keys.is_jwks) {
        ([key], false) => key.material.secret(),
        _ => None,
    };
    r.fail(
        "signature",
        ExitCode::Signature,
        format!("signature does not verify {which} ({alg})"),
        Some(match (token.kid(), single_secret) {
            (Some(kid), _) if !keys.is_jwks => {
                format!("the token names kid \"{kid}\"; pass --jwks to pick keys by kid, or check that this is the issuer's key")
            }
            (_, Some(s)) if s.was_decoded() => "the token was signed with another secret, or it was altered; the secret was base64-decoded (--secret-base64): drop that flag if the issuer uses the text as is".into(),
            (_, Some(s)) if s.looks_like_base64() => "the token was signed with another secret, or it was altered; if the issuer base64-decodes this secret before use, pass --secret-base64".into(),
            _ => "the token was signed with another key, or it was altered".into(),
        }),
    );
}

fn check_claims(claims: &impl Object, policy: &Policy, now: Timestamp, r: &mut Report) {
    let now_s = now.as_second();
    let leeway = policy.leeway;
    let hint_time = "judge it as of another moment with --at, or tolerate clock skew with --leeway";

    match claims.member("exp") {
        None => {
            if !policy.require.iter().any(|c| c == "exp") {
                r.warnings.push(Warning::new(
                    Level::Medium,
                    "no-exp",
                    "no \"exp\": the token never expires",
                ));
            }
        }
        Some(v) => match v.numeric_date() {
            None => r.fail(
                "exp",
                ExitCode::Malformed,
                format!("\"exp\" is {v}, not a NumericDate (seconds since 1970)"),
                None,
            ),
            Some(exp) => {
                let exp = exp.floor() as i64;
                r.expires_in = Some(exp.saturating_sub(now_s));
                if now_s.saturating_sub(leeway) >= exp {
                    r.fail(
                        "exp",
                        ExitCode::Expired,
                        format!(
                            "expired {} ({})",
                            crate::time_text::relative(exp.saturating_sub(now_s)),
                            crate::time_text::shown(exp)
                        ),
                        Some(hint_time.into()),
                    );
                }
            }
        },
    }
    if let Some(v) = claims.member("nbf") {
        match v.numeric_date() {
            None => r.fail(
                "nbf",
                ExitCode::Malformed,
                format!("\"nbf\" is {v}, not a NumericDate (seconds since 1970)"),
                None,
            ),
            Some(nbf) => {
                let nbf = nbf.ceil() as i64;
                if now_s.saturating_add(leeway) < nbf {
                    r.fail(
                        "nbf",
                        ExitCode::Expired,
                        format!(
                            "not valid yet: valid {} ({})",
                            crate::time_text::relative(nbf.saturating_sub(now_s)),
                            crate::time_text::shown(nbf)
                        ),
                        Some(hint_time.into()),
                    );
                }
            }
        }
    }
    if let Some(v) = claims.member("iat") {
        match v.numeric_date() {
            None => r.fail(
                "iat",
                ExitCode::Malformed,
                format!("\"iat\" is {v}, not a NumericDate (seconds since 1970)"),
                None,
            ),
            Some(iat) => {
                // A token issued after the judging time is not valid yet (PyJWT:
                // ImmatureSignatureError); the leeway allows for the issuer's clock.
                let iat = iat.ceil() as i64;
                if iat > now_s.saturating_add(leeway) {
                    r.fail(
                        "iat",
                        ExitCode::Expired,
                        format!(
                            "issued in the future: \"iat\" is {} ({}), beyond the leeway",
                            crate::time_text::relative(iat.saturating_sub(now_s)),
                            crate::time_text::shown(iat)
                        ),
                        Some(hint_time.into()),
                    );
                }
            }
        }
    }

    if let Some(want) = &policy.iss {
        match claims.member("iss").map(|v| (v, v.as_str())) {
            None => r.fail(
                "iss",
                ExitCode::Claims,
                "no \"iss\" claim, but --iss was given".into(),
                None,
            ),
            Some((_, Some(s))) if s == want.as_str() => {}
            Some((_, Some(s))) => r.fail(
                "iss",
                ExitCode::Claims,
                format!("issuer is \"{s}\", expected \"{want}\""),
                None,
            ),
            Some((v, None)) => r.fail(
                "iss",
                ExitCode::Claims,
                format!("\"iss\" is {v}, not a string"),
                None,
            ),
        }
    }

    let aud_value = claims.member("aud").map(|v| v.value());
    let token_aud: Option<Result<Vec<&str>, ()>> = aud_value.as_deref().map(|v| match v {
        Value::String(s) => Ok(vec![s.as_str()]),
        Value::Array(a) => a.iter().map(|x| x.as_str().ok_or(())).collect(),
        _ => Err(()),
    });
    if policy.aud.is_empty() {
        match &token_aud {
            None => {}
            Some(Ok(auds)) if policy.ignore_aud => r.warnings.push(Warning::new(
                Level::Info,
                "aud-unchecked",
                format!(
                    "--ignore-aud: the token is meant for audience {}, which was not checked",
                    auds.join(", ")
                ),
            )),
            Some(Err(())) if policy.ignore_aud => {}
            // RFC 7519 §4.1.3: a principal that does not identify itself with a value of
            // "aud" must reject the token; without --aud we identify with none.
            Some(Ok(auds)) => r.fail(
                "aud",
                ExitCode::Claims,
                format!(
                    "the token is meant for audience {}, but no --aud says who is checking",
                    if auds.is_empty() {
                        "(empty)".to_string()
                    } else {
                        auds.join(", ")
                    }
                ),
                Some(format!(
                    "pass --aud {} as the API would, or --ignore-aud to judge everything but the audience",
                    auds.first().copied().unwrap_or("AUD")
                )),
            ),
            Some(Err(())) => r.fail(
                "aud",
                ExitCode::Claims,
                "\"aud\" is neither a string nor an array of strings".into(),
                None,
            ),
        }
    } else {
        match token_aud {
            None => r.fail(
                "aud",
                ExitCode::Claims,
                "no \"aud\" claim, but --aud was given".into(),
                None,
            ),
            Some(Err(())) => r.fail(
                "aud",
                ExitCode::Claims,
                "\"aud\" is neither a string nor an array of strings".into(),
                None,
            ),
            Some(Ok(auds)) => {
                if !auds.iter().any(|a| policy.aud.iter().any(|w| w == a)) {
                    r.fail(
                        "aud",
                        ExitCode::Claims,
                        format!(
                            "audience {} is not among the accepted: {}",
                            if auds.is_empty() {
                                "(empty)".to_string()
                            } else {
                                auds.join(", ")
                            },
                            policy.aud.join(", ")
                        ),
                        None,
                    );
                }
            }
        }
    }

    // RFC 7519 4.1.2 and 4.1.7: StringOrURI and a case-sensitive string; a number is not a
    // subject or an id (PyJWT refuses both).
    for name in ["sub", "jti"] {
        match claims.member(name) {
            None => {}
            Some(v) if v.is_string() => {}
            Some(v) => r.fail(
                if name == "sub" { "sub" } else { "jti" },
                ExitCode::Malformed,
                format!("\"{name}\" is {v}, not a string"),
                Some("RFC 7519 defines sub and jti as strings".into()),
            ),
        }
    }

    if let Some(want) = &policy.sub {
        match claims.member("sub").map(|v| v.as_str()) {
            Some(Some(s)) if s == want.as_str() => {}
            Some(Some(s)) => r.fail(
                "sub",
                ExitCode::Claims,
                format!("subject is \"{s}\", expected \"{want}\""),
                None,
            ),
            // Reported above.
            Some(_) => {}
            None => r.fail(
                "sub",
                ExitCode::Claims,
                "no \"sub\" claim, but --sub was given".into(),
                None,
            ),
        }
    }

    for name in &policy.require {
        // `"exp": null` says nothing, so it satisfies nothing.
        match claims.member(name) {
            None => r.fail(
                "require",
                ExitCode::Claims,
                format!("required claim \"{name}\" is missing"),
                None,
            ),
            Some(v) if v.is_null() => r.fail(
                "require",
                ExitCode::Claims,
                format!("required claim \"{name}\" is null, which counts as missing"),
                None,
            ),
            Some(_) => {}
        }
    }

    if !policy.scopes.is_empty() {
        let have = token_scopes(claims);
        let missing: Vec<&str> = policy
            .scopes
            .iter()
            .filter(|s| !have.contains(s))
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            r.fail(
                "scope",
                ExitCode::Claims,
                format!(
                    "missing scope {} (the token grants: {})",
                    missing.join(" "),
                    if have.is_empty() {
                        "none".to_string()
                    } else {
                        have.join(" ")
                    }
                ),
                None,
            );
        }
    }

    if let Some(want) = policy.token_use {
        let have = TokenUse::of(claims);
        if have != want {
            r.fail(
                "token_use",
                ExitCode::Claims,
                format!(
                    "this is {} token, not {} token",
                    article(have),
                    article(want)
                ),
                Some(match have {
                    TokenUse::Refresh => {
                        "to check a refresh token, pass --token-use refresh (or --token-use any)"
                            .into()
                    }
                    TokenUse::Access => {
                        "to check an access token, pass --token-use access (or --token-use any)"
                            .into()
                    }
                }),
            );
        }
    }
}

fn article(u: TokenUse) -> &'static str {
    match u {
        TokenUse::Access => "an access",
        TokenUse::Refresh => "a refresh",
    }
}
