//! The command line resolved once into what the commands need: colours, quiet, the users file,
//! who has stdin. Built by `main` from the parsed arguments; nothing is global.

use std::io::IsTerminal;
use std::path::PathBuf;

use crate::cli::{ColorChoice, GlobalArgs, UsersFile, UsersFormat};
use crate::input::Stdin;
use crate::output::{ColorWhen, Stderr, Styles};
use crate::users::{Format, Users};
use crate::warning::{Warning, Warnings};

pub struct Ctx {
    /// Styles for stdout (results).
    pub out: Styles,
    /// Warnings, notes and the final error, with their own styles.
    pub stderr: Stderr,
    pub quiet: bool,
    pub users: PathBuf,
    pub users_format: Option<Format>,
    /// The users file was named (`--users` or `JWTCTL_USERS`), not the default.
    pub users_given: bool,
    /// Stdin can feed one input per run.
    pub stdin: Stdin,
}

impl Ctx {
    /// `users`: the users file as `cli::users_file` resolved it.
    pub fn new(g: &GlobalArgs, users: UsersFile) -> Ctx {
        let color = match g.color {
            ColorChoice::Auto => ColorWhen::Auto,
            ColorChoice::Always => ColorWhen::Always,
            ColorChoice::Never => ColorWhen::Never,
        };
        Ctx {
            out: Styles::detect(color, std::io::stdout().is_terminal()),
            stderr: Stderr::new(color, g.quiet),
            quiet: g.quiet,
            users: users.path,
            users_format: users.format.map(|f| match f {
                UsersFormat::Toml => Format::Toml,
                UsersFormat::Json => Format::Json,
            }),
            users_given: users.given,
            stdin: Stdin::default(),
        }
    }

    pub fn warn(&self, message: &str) {
        self.stderr.warn(message);
    }

    pub fn note(&self, message: &str) {
        self.stderr.note(message);
    }

    pub fn tell(&self, w: &Warning) {
        self.stderr.tell(w);
    }

    /// Runs a core call that collects warnings, and tells them on stderr as it returns.
    pub fn told<T>(&self, f: impl FnOnce(&mut Warnings) -> T) -> T {
        let mut warnings = Warnings::new();
        let out = f(&mut warnings);
        for w in &warnings {
            self.tell(w);
        }
        out
    }

    /// [`Ctx::told`], keeping the warnings in `kept` too, for JSON output.
    pub fn told_and_kept<T>(&self, kept: &mut Warnings, f: impl FnOnce(&mut Warnings) -> T) -> T {
        let mut warnings = Warnings::new();
        let out = self.told(|w| {
            let out = f(w);
            warnings.extend(w.iter().cloned());
            out
        });
        kept.extend(warnings);
        out
    }

    /// The users file, read once, with the warnings reading it brought.
    pub fn read_users(&self, warnings: &mut Warnings) -> Result<Users, crate::users::StoreError> {
        let users = Users::read(&self.users, self.users_format)?;
        warnings.extend(users.permission_warning());
        Ok(users)
    }

    /// The users file, with its warnings told on stderr.
    pub fn load_users(&self) -> Result<Users, crate::users::StoreError> {
        self.told(|w| self.read_users(w))
    }

    /// The users file as far as one user goes ([`Users::read_one`]).
    pub fn read_user(
        &self,
        name: &str,
        warnings: &mut Warnings,
    ) -> Result<Users, crate::users::StoreError> {
        let users = Users::read_one(&self.users, self.users_format, name)?;
        warnings.extend(users.permission_warning());
        Ok(users)
    }

    /// [`Ctx::read_user`], with its warnings told on stderr.
    pub fn load_user(&self, name: &str) -> Result<Users, crate::users::StoreError> {
        self.told(|w| self.read_user(name, w))
    }
}
