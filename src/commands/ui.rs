//! `jwtctl ui`: the token debugger page on a loopback port, for as long as the command runs.

use std::process::{Command, Stdio};

use axum::response::Redirect;
use axum::routing::get;

use crate::cli::UiArgs;
use crate::context::Ctx;
use crate::error::Failure;
use crate::server::{self, ui};

pub fn run(ctx: &Ctx, args: UiArgs) -> crate::error::Result<()> {
    let addr = crate::commands::serve::parse_listen(&args.listen)?;
    if !addr.ip().is_loopback() {
        return Err(Failure::usage(format!(
            "--listen {}: the page takes tokens and secrets, so it only listens on loopback",
            args.listen
        ))
        .hint("use 127.0.0.1:PORT or [::1]:PORT; from another machine, forward the port: ssh -L 8080:127.0.0.1:8080 HOST")
        .into());
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::runtime(format!("cannot start the async runtime: {e}")))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
            Failure::runtime(format!("cannot listen on {addr}: {e}"))
                .hint("pick another port with --listen, or leave it out for a free one")
        })?;
        let local = listener.local_addr()?;
        let url = format!("http://{local}{}", ui::PATH);
        let app = ui::router(ui::Settings::new(local, None), !ctx.quiet)
            .route("/", get(|| async { Redirect::temporary(ui::PATH) }))
            .fallback(server::routes::not_found);
        let signals = server::Signals::register()
            .map_err(|e| Failure::runtime(format!("cannot handle signals: {e}")))?;
        // The one line on stdout, for scripts that asked for a free port.
        crate::commands::print(&url)?;
        ctx.note("tokens and keys pasted into the page stay on this machine; Ctrl-C stops");
        if args.open {
            if let Err(problem) = open_browser(&url) {
                ctx.warn(&format!(
                    "cannot open a browser ({problem}); open {url} yourself"
                ));
            }
        }
        server::serve(listener, app, signals, ctx.stderr)
            .await
            .map_err(|e| Failure::runtime(format!("the server stopped: {e}")))?;
        Ok(())
    })
}

/// Starts `$BROWSER` (the first command of its `:`-separated list, `%s` standing for the URL)
/// or the desktop's opener, without waiting for it. Hand-written: the `webbrowser` crate would
/// bring `url` and its Unicode tables into the binary for one process spawn.
fn open_browser(url: &str) -> Result<(), String> {
    let mut words: Vec<String> = match std::env::var("BROWSER") {
        Ok(list) if !list.trim().is_empty() => {
            let first = list.split(':').next().unwrap_or_default();
            let mut w: Vec<String> = first
                .split_whitespace()
                .map(|s| s.replace("%s", url))
                .collect();
            if !first.contains("%s") {
                w.push(url.to_string());
            }
            w
        }
        _ if cfg!(target_os = "macos") => vec!["open".into(), url.into()],
        _ if cfg!(windows) => vec![
            "cmd".into(),
            "/C".into(),
            "start".into(),
            String::new(),
            url.into(),
        ],
        _ => vec!["xdg-open".into(), url.into()],
    };
    let program = words.remove(0);
    let mut child = Command::new(&program)
        .args(&words)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("{program}: {e}"))?;
    // Reaped in the background, so an opener that stays running is no zombie.
    std::thread::spawn(move || child.wait());
    Ok(())
}
