//! `jwtctl serve`: a local OAuth2 token server over the users file and keys, on axum/tokio.
//!
//! `routes` holds the endpoints, `tokens` the minting and checking of the server's tokens,
//! `oauth` the RFC 6749/6750 answer shapes, `limiter` the failed-login backoff and
//! `live_users` the users file reloaded on change.

pub mod limiter;
pub mod live_users;
pub mod oauth;
pub mod routes;
pub mod tokens;
pub mod ui;

use std::io::Write;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, DefaultBodyLimit, Request};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde_json::Value;

/// Largest request body read. A token request is a few hundred bytes; an introspection
/// request carries one token.
pub const MAX_BODY: usize = 64 * 1024;

/// How long in-flight requests get to finish after Ctrl-C or SIGTERM.
const GRACE: Duration = Duration::from_secs(5);

pub struct AppState {
    pub minter: tokens::Minter,
    pub users: live_users::LiveUsers,
    pub limiter: limiter::Limiter,
    /// Password checks running at once: one per core. Beyond that they only queue inside the
    /// blocking pool while holding argon2's memory (19 MiB each by default).
    pub hashing: tokio::sync::Semaphore,
    pub discovery: Value,
}

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

/// One line per request on stderr: time, peer, method, path, status, latency. Never the query
/// string or any header or body, which is where passwords and tokens travel.
async fn log_request(req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = req.method().clone();
    let mut path = req.uri().path().to_string();
    if path.len() > 200 {
        let mut cut = 200;
        while !path.is_char_boundary(cut) {
            cut -= 1;
        }
        path.truncate(cut);
        path.push_str("...");
    }
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "-".into());
    let response = next.run(req).await;
    let line = format!(
        "{} {peer} {method} {path} {} {:.1}ms\n",
        jiff::Timestamp::now().strftime("%Y-%m-%dT%H:%M:%SZ"),
        response.status().as_u16(),
        start.elapsed().as_secs_f64() * 1000.0
    );
    // One write per line, so lines from concurrent requests never interleave.
    let _ = std::io::stderr().write_all(line.as_bytes());
    response
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

/// Serves until a signal, then stops accepting and lets requests in flight finish; it returns
/// when they have, after `GRACE`, or at a second signal, whichever comes first.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    mut signals: Signals,
) -> std::io::Result<()> {
    use axum::serve::ListenerExt;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    // Responses are written whole; without Nagle's delay they leave at once.
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    let server = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        let _ = stopped.await;
    });
    let mut server = std::pin::pin!(std::future::IntoFuture::into_future(server));
    let name = tokio::select! {
        r = &mut server => return r,
        name = signals.recv() => name,
    };
    crate::output::note(&format!("{name}: shutting down"));
    let _ = stop.send(());
    tokio::select! {
        r = &mut server => r,
        _ = tokio::time::sleep(GRACE) => {
            crate::output::note("requests still running after 5 s were dropped");
            Ok(())
        }
        name = signals.recv() => {
            crate::output::note(&format!("{name} again: stopping now"));
            Ok(())
        }
    }
}
