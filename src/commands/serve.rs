//! `jwtctl serve`: resolves keys, users and the address, then runs the server in `server`.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

use crate::cli::ServeArgs;
use crate::context::Ctx;
use crate::error::Failure;
use crate::server::{self, live_keys::LiveKeys, live_users::LiveUsers, tokens};

pub fn run(ctx: &Ctx, args: ServeArgs) -> crate::error::Result<()> {
    let addr = parse_listen(&args.listen)?;
    if let Some(iss) = &args.issuer {
        if !(iss.starts_with("http://") || iss.starts_with("https://")) {
            return Err(Failure::usage(format!("--issuer {iss:?} is not an http(s) URL"))
                .hint("the issuer is the URL clients reach the server at, e.g. https://auth.example.com")
                .into());
        }
    }
    let passphrase = crate::commands::passphrase_source(args.key.passphrase_file.clone());
    let (keys, live) = match &args.jwks {
        Some(path) => {
            // Watching starts before the first load, so an edit made meanwhile is not missed.
            let live = LiveKeys::new(path, &passphrase, ctx.stderr);
            let keys = ctx.told(|w| crate::keyset::signing_keys(path, None, &passphrase, w))?;
            (keys, Some(live))
        }
        None => (vec![crate::commands::load_key(ctx, &args.key)?], None),
    };
    if args.allow_weak_secret {
        ctx.warn("--allow-weak-secret: tokens may be signed with a guessable secret");
    }
    let users = LiveUsers::open(&ctx.users, ctx.users_format, ctx.stderr)?;

    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        // The blocking pool runs password checks (at most one per core, see `hashing`), token
        // signing, users-file reloads and hash upgrades: a few threads are all it ever needs,
        // and a bound keeps a flood of logins from starting hundreds.
        .max_blocking_threads(cores + 4)
        .build()
        .map_err(|e| Failure::runtime(format!("cannot start the async runtime: {e}")))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
            Failure::runtime(format!("cannot listen on {addr}: {e}"))
                .hint("pick another address with --listen, or --listen 127.0.0.1:0 for a free port")
        })?;
        let local = listener.local_addr()?;
        if !local.ip().is_loopback() {
            ctx.warn(&format!(
                "listening on {local}, reachable from other machines: passwords and tokens cross the network unencrypted; put a TLS proxy in front"
            ));
            if local.ip().is_unspecified() && args.issuer.is_none() {
                ctx.warn(
                    "the issuer defaults to the listening address, which clients cannot reach; pass --issuer with the URL they use",
                );
            }
        }
        let issuer = args
            .issuer
            .clone()
            .unwrap_or_else(|| format!("http://{local}"));
        let mut minter = tokens::Minter::new(
            keys,
            tokens::Settings {
                issuer,
                aud: args.aud.clone(),
                ttl: args.ttl,
                refresh_ttl: args.refresh_ttl,
                alg: args.alg,
                allow_weak_secret: args.allow_weak_secret,
            },
        )?;
        if let Some(live) = live {
            minter = minter.watch(live);
        }
        let discovery = server::routes::discovery_document(&minter);
        ctx.note(&format!(
            "issuer {}, {}{}, users from {}",
            minter.issuer,
            minter.alg,
            minter
                .signing()
                .kid()
                .map(|k| format!(" kid {k}"))
                .unwrap_or_default(),
            ctx.users.display()
        ));
        let state = Arc::new(server::AppState {
            minter,
            users,
            limiter: limiter(
                args.max_failed_logins,
                args.max_failed_logins_per_address,
            ),
            hashing: tokio::sync::Semaphore::new(cores),
            discovery,
            body_timeout: args.idle_timeout,
            stderr: ctx.stderr,
        });
        let limits = server::conn::Limits {
            header_timeout: args.header_timeout,
            idle_timeout: args.idle_timeout,
            max_connections: args.max_connections as usize,
        };
        let signals = server::Signals::register()
            .map_err(|e| Failure::runtime(format!("cannot handle signals: {e}")))?;
        // The one line on stdout, for scripts that asked for port 0.
        crate::commands::print(&format!("listening on http://{local}"))?;
        // The token debugger page, at /ui/, answering to the names clients use for the server.
        let page = server::ui::Settings::new(local, args.issuer.as_deref());
        let app = server::router(state, !ctx.quiet).merge(server::ui::router(page, !ctx.quiet));
        server::conn::serve(listener, app, limits, signals, ctx.stderr)
            .await
            .map_err(|e| Failure::runtime(format!("the server stopped: {e}")))?;
        Ok(())
    })
}

/// The failed-login limiter. Two knobs are read from the environment, not flags: only tests and
/// bench/attack_serve.py change them. `JWTCTL_SERVE_LIMITER_CAPACITY` (records per table)
/// reaches the cap with a few hundred logins instead of 100,000;
/// `JWTCTL_SERVE_LIMITER_REFILL_MS` (how fast an address earns back a failure) lets a test
/// spend a budget without racing the wall clock.
fn limiter(max_failures: u32, per_address: u32) -> server::limiter::Limiter {
    let knob = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
    let capacity =
        knob("JWTCTL_SERVE_LIMITER_CAPACITY").map_or(server::limiter::CAPACITY, |n| n as usize);
    let refill = knob("JWTCTL_SERVE_LIMITER_REFILL_MS").map_or(
        server::limiter::CLIENT_REFILL,
        std::time::Duration::from_millis,
    );
    server::limiter::Limiter::with_capacity(max_failures, per_address, capacity)
        .client_refill(refill)
}

/// `IP:PORT`, `localhost:PORT` or a bare port (on 127.0.0.1). Host names other than localhost
/// are refused: what they resolve to can change, and a server must not end up on a public
/// interface by accident.
pub fn parse_listen(text: &str) -> Result<SocketAddr, Failure> {
    let t = text.trim();
    if let Ok(port) = t.parse::<u16>() {
        return Ok(SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port));
    }
    if let Ok(a) = t.parse::<SocketAddr>() {
        return Ok(a);
    }
    if let Some(port) = t
        .strip_prefix("localhost:")
        .and_then(|p| p.parse::<u16>().ok())
    {
        return Ok(SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port));
    }
    Err(
        Failure::usage(format!("--listen {text:?} is not an address to listen on"))
            .hint("give IP:PORT, e.g. 127.0.0.1:8000, [::1]:8000, or 0.0.0.0:8000 to accept other machines"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listen_addresses() {
        assert_eq!(parse_listen("8000").unwrap().to_string(), "127.0.0.1:8000");
        assert_eq!(
            parse_listen("localhost:0").unwrap().to_string(),
            "127.0.0.1:0"
        );
        assert_eq!(parse_listen("[::1]:9").unwrap().to_string(), "[::1]:9");
        assert!(!parse_listen("0.0.0.0:80").unwrap().ip().is_loopback());
        assert!(parse_listen("example.com:80").is_err());
        assert!(parse_listen("127.0.0.1").is_err());
    }
}
