//! Global options resolved once: colour, quiet, the users file.

use std::io::IsTerminal;
use std::path::PathBuf;

use crate::cli::{GlobalArgs, UsersFormat};
use crate::output::Styles;
use crate::users::{Format, Users};
use crate::warning::Warnings;

pub struct Ctx {
    /// Styles for stdout (results).
    pub out: Styles,
    /// Styles for stderr (diagnostics).
    pub err: Styles,
    pub quiet: bool,
    pub users: PathBuf,
    pub users_format: Option<Format>,
    /// `--users` was typed on the command line.
    pub users_explicit: bool,
}

impl Ctx {
    /// The users file, read once, with the warnings reading it brought.
    pub fn read_users(&self, warnings: &mut Warnings) -> Result<Users, crate::users::StoreError> {
        let users = Users::read(&self.users, self.users_format)?;
        warnings.extend(users.permission_warning());
        Ok(users)
    }

    /// The users file, with its warnings told on stderr.
    pub fn load_users(&self) -> Result<Users, crate::users::StoreError> {
        crate::commands::told(|w| self.read_users(w))
    }

    pub fn new(g: &GlobalArgs) -> Ctx {
        let _ = crate::output::COLOR_CHOICE.set(g.color);
        crate::output::QUIET.store(g.quiet, std::sync::atomic::Ordering::Relaxed);
        Ctx {
            out: Styles::detect(g.color, std::io::stdout().is_terminal()),
            err: Styles::detect(g.color, std::io::stderr().is_terminal()),
            quiet: g.quiet,
            users: g.users.clone(),
            users_format: g.users_format.map(|f| match f {
                UsersFormat::Toml => Format::Toml,
                UsersFormat::Json => Format::Json,
            }),
            users_explicit: g.users_explicit,
        }
    }
}
