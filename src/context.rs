//! Global options resolved once: colour, quiet, the users file.

use std::io::IsTerminal;
use std::path::PathBuf;

use crate::cli::{GlobalArgs, UsersFormat};
use crate::output::Styles;

pub struct Ctx {
    /// Styles for stdout (results).
    pub out: Styles,
    /// Styles for stderr (diagnostics).
    pub err: Styles,
    pub quiet: bool,
    pub users: PathBuf,
    pub users_format: Option<UsersFormat>,
    /// `--users` was typed on the command line.
    pub users_explicit: bool,
}

impl Ctx {
    pub fn new(g: &GlobalArgs) -> Ctx {
        let _ = crate::output::COLOR_CHOICE.set(g.color);
        crate::output::QUIET.store(g.quiet, std::sync::atomic::Ordering::Relaxed);
        Ctx {
            out: Styles::detect(g.color, std::io::stdout().is_terminal()),
            err: Styles::detect(g.color, std::io::stderr().is_terminal()),
            quiet: g.quiet,
            users: g.users.clone(),
            users_format: g.users_format,
            users_explicit: g.users_explicit,
        }
    }
}
