//! The token debugger page, served by `jwtctl ui` and under `/ui/` by `jwtctl serve`: three
//! embedded files and a small JSON API (`api`) over the same core as `decode`, `lint` and
//! `verify`.
//!
//! The page receives production tokens and secrets, so every response carries a strict
//! Content-Security-Policy, and the API answers only the page itself: a request must name this
//! server in `Host` (a DNS-rebinding page names its own domain) and in `Origin` (a cross-site
//! page names its own origin), and carry JSON (which no cross-site form can send).

pub mod api;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::json;

/// Where the page lives on either server.
pub const PATH: &str = "/ui/";

/// Largest API request. A token is at most 64 KiB (the parser's own limit) and a key set a few
/// KiB; both fit with room for the form's other fields.
pub const MAX_BODY: usize = 256 * 1024;

const INDEX_HTML: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/ui/index.html"));
const APP_JS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/ui/app.js"));
const APP_CSS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/ui/app.css"));

/// Scripts and styles from this server only, never inline; no frames, forms, plugins or
/// connections anywhere else. The favicon is an empty `data:` image, so no request for it.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

/// The names this server answers to: `Host` values and the matching `Origin`s.
#[derive(Debug, Clone)]
pub struct Settings {
    hosts: Vec<String>,
    origins: Vec<String>,
}

impl Settings {
    /// A server listening on `addr`: its loopback names with its port, the address itself, and
    /// `public_url` (serve's `--issuer`) for a server reached through a proxy.
    pub fn new(addr: SocketAddr, public_url: Option<&str>) -> Settings {
        let port = addr.port();
        let mut hosts = vec![
            format!("127.0.0.1:{port}"),
            format!("localhost:{port}"),
            format!("[::1]:{port}"),
        ];
        if !addr.ip().is_unspecified() {
            hosts.push(addr.to_string());
        }
        let mut origins: Vec<String> = hosts.iter().map(|h| format!("http://{h}")).collect();
        if let Some(url) = public_url {
            let url = url.trim_end_matches('/').to_ascii_lowercase();
            if let Some((scheme, rest)) = url.split_once("://") {
                let authority = rest.split('/').next().unwrap_or(rest);
                hosts.push(authority.to_string());
                origins.push(format!("{scheme}://{authority}"));
            }
        }
        hosts.dedup();
        origins.dedup();
        Settings { hosts, origins }
    }
}

/// The page's routes, under `/ui/`. Request logs (`log`) name method, path and status only.
pub fn router(settings: Settings, log: bool) -> Router {
    let app = Router::new()
        .route("/ui", get(|| async { Redirect::permanent(PATH) }))
        .route(PATH, get(index))
        .route("/ui/app.js", get(script))
        .route("/ui/app.css", get(style))
        .route("/ui/api/inspect", post(api::inspect))
        .route("/ui/api/verify", post(api::verify))
        .route("/ui/api/sign", post(api::sign))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn_with_state(Arc::new(settings), guard));
    if log {
        app.layer(middleware::from_fn(super::log_request))
    } else {
        app
    }
}

async fn index() -> Response {
    asset("text/html; charset=utf-8", INDEX_HTML)
}

async fn script() -> Response {
    asset("text/javascript; charset=utf-8", APP_JS)
}

async fn style() -> Response {
    asset("text/css; charset=utf-8", APP_CSS)
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type)], body).into_response()
}

/// A refused or failed request: a message and a hint, as JSON the page shows.
pub fn refusal(status: StatusCode, message: &str, hint: &str) -> Response {
    (
        status,
        axum::Json(json!({"error": {"message": message, "hint": hint}})),
    )
        .into_response()
}

/// Checks `Host` on every request and `Origin`, `Sec-Fetch-Site` and the content type on API
/// calls, then adds the security headers to whatever is answered.
async fn guard(State(settings): State<Arc<Settings>>, req: Request, next: Next) -> Response {
    let mut response = match check(&settings, req.method(), req.headers()) {
        Ok(()) => next.run(req).await,
        Err((status, message, hint)) => refusal(status, message, hint),
    };
    let h = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-store"),
        (
            header::HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
        (
            header::HeaderName::from_static("cross-origin-resource-policy"),
            "same-origin",
        ),
    ] {
        h.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// Why a request is refused: status, message and hint.
type Refused = (StatusCode, &'static str, &'static str);

fn check(settings: &Settings, method: &Method, headers: &HeaderMap) -> Result<(), Refused> {
    let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    let host = text(header::HOST).map(str::to_ascii_lowercase);
    if !host.is_some_and(|h| settings.hosts.contains(&h)) {
        return Err((
            StatusCode::FORBIDDEN,
            "this server answers only to its own address; the Host header names another",
            "open the address jwtctl printed, e.g. http://127.0.0.1:PORT/ui/",
        ));
    }
    if method != Method::POST {
        return Ok(());
    }
    let origin = text(header::ORIGIN).map(str::to_ascii_lowercase);
    let same_site = text(header::HeaderName::from_static("sec-fetch-site"))
        .is_none_or(|s| s.eq_ignore_ascii_case("same-origin"));
    if !origin.is_some_and(|o| settings.origins.contains(&o)) || !same_site {
        return Err((
            StatusCode::FORBIDDEN,
            "the API answers only its own page; this request comes from another origin",
            "use the page jwtctl printed, or the jwtctl commands from a script",
        ));
    }
    let json = text(header::CONTENT_TYPE)
        .and_then(|ct| ct.split(';').next())
        .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"));
    if !json {
        return Err((
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "the API takes application/json",
            "send the request body as JSON with Content-Type: application/json",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_include_the_public_url() {
        let s = Settings::new(
            "127.0.0.1:8000".parse().unwrap(),
            Some("https://Auth.example.com/"),
        );
        assert!(s.hosts.contains(&"localhost:8000".to_string()));
        assert!(s.hosts.contains(&"auth.example.com".to_string()));
        assert!(s.origins.contains(&"https://auth.example.com".to_string()));
        let any = Settings::new("0.0.0.0:80".parse().unwrap(), None);
        assert!(!any.hosts.iter().any(|h| h.starts_with("0.0.0.0")));
    }
}
