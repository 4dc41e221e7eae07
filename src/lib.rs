//! jwtctl: a command-line toolkit for JWT bearer tokens.
//!
//! The binary is a thin shell over this library: `cli` holds the clap definitions, `commands`
//! one module per subcommand, `server` the HTTP edge; with `context`, `input` and `output` they
//! are the private edge. The public modules are the core they call, which returns data
//! (verdicts, warnings, errors carrying their exit code and hint) and never prints; the
//! property tests, benches and fuzz targets drive it directly.

pub mod alg;
pub mod checks;
pub mod claims;
mod cli;
mod commands;
mod context;
pub mod diagnostics;
pub mod error;
pub mod hashing;
mod input;
pub mod jwks;
pub mod keys;
pub mod keyset;
pub mod mint;
mod output;
pub mod remote;
#[cfg(feature = "serve")]
mod server;
pub mod time_text;
pub mod token;
pub mod users;
pub mod warning;

/// The NDJSON line writers of `verify` (a parsed token, a token read in place), public only for
/// the in-process benchmark and the token fuzz target.
#[doc(hidden)]
pub use commands::verify::{write_report_line, write_view_line};

/// The whole command line as clap sees it, for the tests that walk every command's help.
pub fn command() -> clap::Command {
    <cli::Cli as clap::CommandFactory>::command()
}

/// Parses arguments, runs the command and returns the process exit code.
pub fn main_exit_code() -> i32 {
    use clap::{CommandFactory, FromArgMatches};
    let parsed = cli::Cli::command()
        .try_get_matches()
        .and_then(|m| cli::Cli::from_arg_matches(&m).map(|c| (c, m)));
    let (cli, ctx) = match parsed {
        Ok((c, m)) => {
            let users = cli::users_file(&m);
            let ctx =
                context::Ctx::new(&c.global, users.as_ref().ok().cloned().unwrap_or_default());
            if let Err(e) = users {
                ctx.stderr.error(&e.message, e.hint.as_deref());
                return e.code.code();
            }
            (c, ctx)
        }
        Err(e) => {
            // clap prints help/version to stdout with code 0, usage errors to stderr with 2.
            let _ = e.print();
            return e.exit_code();
        }
    };
    match commands::run(&ctx, cli.command) {
        Ok(()) => 0,
        Err(e) if e.is_broken_pipe() => 0,
        Err(e) => {
            if let Some(msg) = e.message() {
                ctx.stderr.error(&msg, e.hint().as_deref());
            }
            e.exit_code().code()
        }
    }
}
