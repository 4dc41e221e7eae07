//! Connections: the accept loop with its limits, and the graceful stop.
//!
//! axum::serve accepts every connection and never times one out; here hyper is driven directly
//! so that a connection cannot hold a descriptor for long without sending a request:
//!
//! - a request head must arrive whole within `header_timeout` of the connection opening or of
//!   the previous response (hyper's own header-read timer);
//! - a connection on which no byte moves for `idle_timeout` while no answer is being computed
//!   is closed (a stalled body, a client that stops reading);
//! - at most `max_connections` are open at once; one more is answered 503 and closed at once,
//!   without reading it.

use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

use super::Signals;
use crate::output::Stderr;

/// How long in-flight requests get to finish after Ctrl-C or SIGTERM.
const GRACE: Duration = Duration::from_secs(5);

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub header_timeout: Duration,
    pub idle_timeout: Duration,
    pub max_connections: usize,
}

/// The defaults of `serve --header-timeout`, `--idle-timeout` and `--max-connections`.
impl Default for Limits {
    fn default() -> Limits {
        Limits {
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(30),
            max_connections: 256,
        }
    }
}

/// When a connection last moved a byte, and whether a handler is computing an answer for it
/// (a login waiting for a hashing slot moves no bytes but is not idle). Written by hand: hyper
/// has no idle timeout of its own, and a plain read timeout would also cut off such a login.
pub struct Activity {
    start: Instant,
    last_ms: AtomicU64,
    busy: AtomicUsize,
}

impl Activity {
    fn new() -> Activity {
        Activity {
            start: Instant::now(),
            last_ms: AtomicU64::new(0),
            busy: AtomicUsize::new(0),
        }
    }

    fn touch(&self) {
        let ms = self.start.elapsed().as_millis() as u64;
        self.last_ms.store(ms, Ordering::Relaxed);
    }

    fn quiet_for(&self) -> Duration {
        let last = Duration::from_millis(self.last_ms.load(Ordering::Relaxed));
        self.start.elapsed().saturating_sub(last)
    }

    /// Held by a handler while it computes an answer.
    pub fn busy(self: &Arc<Self>) -> Busy {
        self.busy.fetch_add(1, Ordering::Relaxed);
        Busy(self.clone())
    }

    /// Resolves once the connection has been idle for `limit`.
    async fn idle(&self, limit: Duration) {
        loop {
            let quiet = self.quiet_for();
            if quiet >= limit && self.busy.load(Ordering::Relaxed) == 0 {
                return;
            }
            tokio::time::sleep(limit.saturating_sub(quiet).max(Duration::from_millis(100))).await;
        }
    }
}

pub struct Busy(Arc<Activity>);

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.touch();
        self.0.busy.fetch_sub(1, Ordering::Relaxed);
    }
}

/// The socket, noting every byte that moves.
struct Tracked {
    tcp: TcpStream,
    activity: Arc<Activity>,
}

impl Tracked {
    fn noted<T>(&self, r: Poll<std::io::Result<T>>, moved: bool) -> Poll<std::io::Result<T>> {
        if moved {
            self.activity.touch();
        }
        r
    }
}

impl AsyncRead for Tracked {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let r = Pin::new(&mut this.tcp).poll_read(cx, buf);
        let moved = matches!(r, Poll::Ready(Ok(()))) && buf.filled().len() > before;
        this.noted(r, moved)
    }
}

impl AsyncWrite for Tracked {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        let r = Pin::new(&mut this.tcp).poll_write(cx, data);
        let moved = matches!(r, Poll::Ready(Ok(n)) if n > 0);
        this.noted(r, moved)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().tcp).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().tcp).poll_shutdown(cx)
    }
}

/// What a connection over the cap gets: an answer that needs no parsing, then the close.
const BUSY_REPLY: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\n\
retry-after: 1\r\nconnection: close\r\ncontent-length: 62\r\n\r\n\
{\"detail\":\"too many connections; retry in a moment, or fewer\"}";

fn refuse(tcp: TcpStream) {
    // Whatever already arrived is read first: closing a socket with unread data resets it,
    // and the client could lose the answer. Neither call waits.
    let mut sink = [0u8; 4096];
    while matches!(tcp.try_read(&mut sink), Ok(n) if n > 0) {}
    let _ = tcp.try_write(BUSY_REPLY);
}

/// Serves until a signal, then stops accepting and lets requests in flight finish; it returns
/// when they have, after `GRACE`, or at a second signal, whichever comes first.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    mut signals: Signals,
    stderr: Stderr,
) -> std::io::Result<()> {
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let slots = Arc::new(tokio::sync::Semaphore::new(limits.max_connections.max(1)));
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    let name = loop {
        let (tcp, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                // Out of descriptors or memory for a moment: not a reason to stop serving.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            name = signals.recv() => break name,
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            refuse(tcp);
            continue;
        };
        // Responses are written whole; without Nagle's delay they leave at once.
        let _ = tcp.set_nodelay(true);
        let activity = Arc::new(Activity::new());
        let io = TokioIo::new(Tracked {
            tcp,
            activity: activity.clone(),
        });
        let service = {
            let (app, activity) = (app.clone(), activity.clone());
            hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
                req.extensions_mut().insert(ConnectInfo::<SocketAddr>(peer));
                req.extensions_mut().insert(activity.clone());
                tower_service::Service::call(&mut app.clone(), req)
            })
        };
        let conn = graceful.watch(http.serve_connection(io, service));
        let idle = limits.idle_timeout;
        tokio::spawn(async move {
            tokio::select! {
                _ = conn => {}
                _ = activity.idle(idle) => {}
            }
            drop(slot);
        });
    };
    drop(listener);
    stderr.note(&format!("{name}: shutting down"));
    tokio::select! {
        _ = graceful.shutdown() => Ok(()),
        _ = tokio::time::sleep(GRACE) => {
            stderr.note("requests still running after 5 s were dropped");
            Ok(())
        }
        name = signals.recv() => {
            stderr.note(&format!("{name} again: stopping now"));
            Ok(())
        }
    }
}
