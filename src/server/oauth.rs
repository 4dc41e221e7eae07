//! OAuth2 answers: RFC 6749 §5.1/§5.2 token responses and errors, RFC 6750 §3 bearer challenges.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

/// The `error` codes of RFC 6749 §5.2 that `/token` and `/introspect` answer with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    InvalidRequest,
    InvalidClient,
    InvalidGrant,
    UnsupportedGrantType,
    InvalidScope,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::InvalidRequest => "invalid_request",
            Code::InvalidClient => "invalid_client",
            Code::InvalidGrant => "invalid_grant",
            Code::UnsupportedGrantType => "unsupported_grant_type",
            Code::InvalidScope => "invalid_scope",
        }
    }
}

/// An RFC 6749 §5.2 error response. The status is 400 for every code jwtctl uses but
/// `invalid_client` (401); 413 and 429 are the transport-level exceptions (body too large,
/// login backoff).
#[derive(Debug)]
pub struct OAuthError {
    pub status: StatusCode,
    pub code: Code,
    pub description: String,
    /// Seconds for `Retry-After` (only with 429).
    pub retry_after: Option<u64>,
    /// Answer with `WWW-Authenticate: Basic` (§5.2: the client authenticated with Basic).
    pub basic_challenge: bool,
}

impl OAuthError {
    pub fn new(code: Code, description: impl Into<String>) -> OAuthError {
        OAuthError {
            status: StatusCode::BAD_REQUEST,
            code,
            description: description.into(),
            retry_after: None,
            basic_challenge: false,
        }
    }

    /// `invalid_client` (§5.2): 401, with a Basic challenge when `basic` was how the client
    /// tried.
    pub fn invalid_client(description: impl Into<String>, basic: bool) -> OAuthError {
        OAuthError {
            basic_challenge: basic,
            ..OAuthError::new(Code::InvalidClient, description).status(StatusCode::UNAUTHORIZED)
        }
    }

    pub fn status(mut self, status: StatusCode) -> OAuthError {
        self.status = status;
        self
    }
}

impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        let body = json!({
            "error": self.code.as_str(),
            "error_description": description_text(&self.description),
        });
        let mut r = no_store((self.status, axum::Json(body)).into_response());
        if let Some(secs) = self.retry_after {
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        if self.basic_challenge {
            r.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"jwtctl\""),
            );
        }
        r
    }
}

/// RFC 6749 §5.1: responses carrying tokens or credentials must not be cached.
pub fn no_store(mut r: Response) -> Response {
    let h = r.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    r
}

/// A JSON body that must not be cached.
pub fn json_no_store(status: StatusCode, body: Value) -> Response {
    no_store((status, axum::Json(body)).into_response())
}

/// A rejected bearer token (RFC 6750 §3). `error` is `None` when the request carried no
/// credentials at all: §3.1 says the challenge should then name no error.
pub fn bearer_challenge(status: StatusCode, error: Option<&str>, description: &str) -> Response {
    let text = description_text(description);
    let challenge = match error {
        Some(e) => format!("Bearer realm=\"jwtctl\", error=\"{e}\", error_description=\"{text}\""),
        None => "Bearer realm=\"jwtctl\"".to_string(),
    };
    let body = match error {
        Some(e) => json!({ "error": e, "error_description": text }),
        None => json!({ "error_description": text }),
    };
    let mut r = json_no_store(status, body);
    r.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_str(&challenge).expect("description_text keeps header-safe ASCII"),
    );
    r
}

/// RFC 6749 §5.2 limits `error_description` to printable ASCII without `"` and `\`; that also
/// keeps it safe inside a quoted `WWW-Authenticate` parameter. Token contents end up in these
/// messages, so everything else is replaced rather than trusted.
pub fn description_text(text: &str) -> String {
    const MAX: usize = 300;
    let mut out: String = text
        .chars()
        .map(|c| match c {
            '"' => '\'',
            '\\' => '/',
            ' '..='~' => c,
            _ => '?',
        })
        .take(MAX)
        .collect();
    if text.chars().count() > MAX {
        out.push_str("...");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_are_limited_to_the_rfc_charset() {
        assert_eq!(
            description_text("issuer is \"x\"\r\nSet-Cookie: a\\b é"),
            "issuer is 'x'??Set-Cookie: a/b ?"
        );
        assert!(description_text(&"a".repeat(1000)).len() < 310);
    }

    #[test]
    fn a_challenge_without_credentials_names_no_error() {
        let r = bearer_challenge(StatusCode::UNAUTHORIZED, None, "no token");
        assert_eq!(
            r.headers()[header::WWW_AUTHENTICATE],
            "Bearer realm=\"jwtctl\""
        );
        let r = bearer_challenge(
            StatusCode::UNAUTHORIZED,
            Some("invalid_token"),
            "expired \"now\"",
        );
        assert_eq!(
            r.headers()[header::WWW_AUTHENTICATE],
            "Bearer realm=\"jwtctl\", error=\"invalid_token\", error_description=\"expired 'now'\""
        );
        assert_eq!(r.headers()[header::CACHE_CONTROL], "no-store");
    }
}
