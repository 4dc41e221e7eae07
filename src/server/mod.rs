//! `jwtctl serve`: a local OAuth2 token server over the users file and keys, on axum/tokio.
//!
//! `routes` holds the endpoints (`clients` the `client_credentials` grant of `/token`),
//! `tokens` the minting and checking of the server's tokens, `oauth` the RFC 6749/6750 answer
//! shapes, `limiter` the failed-login backoff,
//! `live_users` the users file and `live_keys` the key set reloaded on change, and `conn` the
//! connection limits.

pub mod clients;
pub mod conn;
pub mod limiter;
pub mod live_keys;
pub mod live_users;
pub mod oauth;
pub mod routes;
mod stamp;
pub mod tokens;
pub mod ui;

use std::io::Write;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, DefaultBodyLimit, Request};
use axum::http::header;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde_json::Value;

use crate::output::Stderr;

/// Largest request body read. A token request is a few hundred bytes; an introspection
/// request carries one token.
pub const MAX_BODY: usize = 64 * 1024;

/// Most form fields read from a body. A token request has at most seven parameters;
/// the cap keeps every per-field step bounded however a 64 KiB body is cut up.
pub const MAX_FIELDS: usize = 32;

pub struct AppState {
    pub minter: tokens::Minter,
    pub users: live_users::LiveUsers,
    pub limiter: limiter::Limiter,
    /// Password checks running at once: one per core. Beyond that they only queue inside the
    /// blocking pool while holding argon2's memory (19 MiB each by default).
    pub hashing: tokio::sync::Semaphore,
    pub discovery: Value,
    /// How long a request body may take to arrive (`--idle-timeout`).
    pub body_timeout: Duration,
    /// Where the operator reads what the server has to say.
    pub stderr: Stderr,
}

/// The user a request acted for, put on the response by the handlers for the request log.
#[derive(Debug, Clone)]
pub struct LogUser(pub String);

pub fn router(state: Arc<AppState>, log: bool) -> Router {
    let app = Router::new()
        .route("/token", post(routes::token))
        .route("/me", get(routes::me))
        // The tutorial's own path, so an app written from it can point its clients here as is.
        .route("/users/me", get(routes::me))
        .route("/users/me/", get(routes::me))
        .route("/userinfo", get(routes::me).post(routes::me))
        .route("/introspect", post(routes::introspect))
        .route("/.well-known/openid-configuration", get(routes::discovery))
        .route(
            "/.well-known/oauth-authorization-server",
            get(routes::discovery),
        )
        .route("/.well-known/jwks.json", get(routes::jwks))
        .fallback(routes::not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(state);
    if log {
        app.layer(middleware::from_fn(log_request))
    } else {
        app
    }
}

/// One line per request on stderr: time, peer, method, path, status, latency, the user the
/// request acted for and the client's user agent. Never the query string, another header or a
/// body, which is where passwords and tokens travel. Every value a client chose is escaped
/// (terminal controls, bidi overrides, quotes) so a log line cannot rewrite what an operator
/// sees.
async fn log_request(req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = req.method().clone();
    let path = log_field(req.uri().path(), 200);
    let agent = req
        .headers()
        .get(header::USER_AGENT)
        .map(|v| {
            format!(
                "\"{}\"",
                log_text(&String::from_utf8_lossy(v.as_bytes()), 200)
            )
        })
        .unwrap_or_else(|| "-".into());
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "-".into());
    let response = next.run(req).await;
    let user = response
        .extensions()
        .get::<LogUser>()
        .map(|u| log_field(&u.0, 100))
        .unwrap_or_else(|| "-".into());
    let line = format!(
        "{} {peer} {method} {path} {} {:.1}ms {user} {agent}\n",
        jiff::Timestamp::now().strftime("%Y-%m-%dT%H:%M:%SZ"),
        response.status().as_u16(),
        start.elapsed().as_secs_f64() * 1000.0
    );
    // One write per line, so lines from concurrent requests never interleave.
    let _ = std::io::stderr().write_all(line.as_bytes());
    response
}

/// A client-chosen value for the log, quoted: cut to `max` characters, escaped like every other
/// text the CLI shows (`output::sanitize`), with quotes, backslashes and newlines escaped too so
/// that a value cannot end its field early.
pub fn log_text(text: &str, max: usize) -> String {
    let mut cut: String = text.chars().take(max).collect();
    if cut.len() < text.len() {
        cut.push_str("...");
    }
    let mut out = String::with_capacity(cut.len());
    for c in cut.chars() {
        match c {
            '"' | '\\' | '\n' => out.push_str(&format!("\\u{{{:04x}}}", c as u32)),
            _ => out.push(c),
        }
    }
    crate::output::sanitize(&out).into_owned()
}

/// [`log_text`] for an unquoted field: spaces escaped as well.
pub fn log_field(text: &str, max: usize) -> String {
    log_text(text, max).replace(' ', "\\u{0020}")
}

/// [`conn::serve`] with the default limits.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    signals: Signals,
    stderr: Stderr,
) -> std::io::Result<()> {
    conn::serve(listener, app, conn::Limits::default(), signals, stderr).await
}

/// Ctrl-C and SIGTERM. Registered when made, not when first awaited: a signal that arrives
/// right after the address is printed must already find the handler.
pub struct Signals {
    #[cfg(unix)]
    term: tokio::signal::unix::Signal,
    #[cfg(unix)]
    int: tokio::signal::unix::Signal,
}

impl Signals {
    pub fn register() -> std::io::Result<Signals> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            Ok(Signals {
                term: signal(SignalKind::terminate())?,
                int: signal(SignalKind::interrupt())?,
            })
        }
        #[cfg(not(unix))]
        Ok(Signals {})
    }

    /// The name of the next signal.
    async fn recv(&mut self) -> &'static str {
        #[cfg(unix)]
        {
            tokio::select! {
                _ = self.term.recv() => "SIGTERM",
                _ = self.int.recv() => "SIGINT",
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
            "Ctrl-C"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logged_values_are_escaped_and_cut() {
        assert_eq!(log_text("/\u{202e}RLO", 200), "/\\u{202e}RLO");
        assert_eq!(
            log_field("a \"b\"\\\n\u{1b}[2J", 200),
            "a\\u{0020}\\u{0022}b\\u{0022}\\u{005c}\\u{000a}\\u{001b}[2J"
        );
        assert_eq!(log_text("a b", 9), "a b");
        assert_eq!(log_text("abcdef", 3), "abc...");
        assert_eq!(log_text("ééé", 2), "éé...");
    }
}
