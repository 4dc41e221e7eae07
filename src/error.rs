//! Exit codes, the trait every error implements to carry its own code and hint, and the one
//! error type the commands return.

use std::fmt;

/// The documented exit codes. The numeric order is not the severity order: `rank` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum ExitCode {
    Ok = 0,
    Runtime = 1,
    Usage = 2,
    Malformed = 3,
    Signature = 4,
    Expired = 5,
    Claims = 6,
    Auth = 7,
    /// `users …`: no user of that name in the users file.
    NoSuchUser = 8,
    /// `users add` (or `import` without `--replace`): the name is taken.
    UserExists = 9,
    /// The users file does not exist (an edit other than `add` or `import` never creates it).
    NoUsersFile = 10,
    /// Ctrl-C stopped a batch (128 + SIGINT, as shells report it).
    Interrupted = 130,
}

impl ExitCode {
    pub fn code(self) -> i32 {
        self as i32
    }

    /// How fundamental a verdict is: a forged token is reported as forged even when it is also
    /// expired. Runtime and usage errors outrank every verdict, because then no verdict is sound.
    fn rank(self) -> u8 {
        match self {
            ExitCode::Ok => 0,
            ExitCode::Claims => 1,
            ExitCode::Expired => 2,
            ExitCode::Auth => 3,
            ExitCode::Signature => 4,
            ExitCode::Malformed => 5,
            ExitCode::Usage => 6,
            ExitCode::NoSuchUser | ExitCode::UserExists | ExitCode::NoUsersFile => 7,
            ExitCode::Runtime => 8,
            ExitCode::Interrupted => 9,
        }
    }

    /// What the code means, as the exit-code table of `verify --help` and README words it.
    pub fn meaning(self) -> &'static str {
        match self {
            ExitCode::Ok => "success / token valid",
            ExitCode::Runtime => "runtime error (I/O, unreadable key or users file)",
            ExitCode::Usage => "usage error",
            ExitCode::Malformed => "malformed token (or a JWS that is not a JWT, without --jws)",
            ExitCode::Signature => "signature, key or algorithm mismatch",
            ExitCode::Expired => "expired or not yet valid",
            ExitCode::Claims => {
                "claim check failed (iss, aud, sub, scope, required claim, token use, user)"
            }
            ExitCode::Auth => "authentication failed (unknown user, wrong password, disabled)",
            ExitCode::NoSuchUser => "no such user in the users file",
            ExitCode::UserExists => "user already exists in the users file",
            ExitCode::NoUsersFile => "users file missing",
            ExitCode::Interrupted => "interrupted (Ctrl-C during a batch)",
        }
    }

    /// The more fundamental of two outcomes (batch mode's "worst result").
    pub fn worst(self, other: ExitCode) -> ExitCode {
        if other.rank() > self.rank() {
            other
        } else {
            self
        }
    }
}

/// An error the user can act on: a message, an optional `hint:` line, and its exit code, for
/// failures that need no type of their own. A failed verification check carries one too
/// (`checks::FailedCheck`), so both print and serialise the same way.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Failure {
    #[serde(rename = "exit_code", serialize_with = "exit_code_number")]
    pub code: ExitCode,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

fn exit_code_number<S: serde::Serializer>(code: &ExitCode, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_i32(code.code())
}

impl Failure {
    pub fn new(code: ExitCode, message: impl Into<String>) -> Self {
        Failure {
            code,
            message: message.into(),
            hint: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn runtime(message: impl Into<String>) -> Self {
        Failure::new(ExitCode::Runtime, message)
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Failure::new(ExitCode::Usage, message)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

/// A command that finished but whose verdict is not success (a token that failed verification,
/// a password that did not match). Its report is already printed; only the code is left.
#[derive(Debug)]
pub struct Verdict(pub ExitCode);

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "exit {}", self.0.code())
    }
}

impl std::error::Error for Verdict {}

/// What every error of jwtctl knows about itself: the exit code it ends the run with and, when
/// there is one, the fix to suggest on the `hint:` line. Each module implements it for its own
/// error type, so the edge never needs to know which module an error came from.
pub trait Diagnose: std::error::Error + Send + Sync + 'static {
    fn exit_code(&self) -> ExitCode;

    fn hint(&self) -> Option<String> {
        None
    }

    /// The line to print; `None` when the command has already reported (a verdict).
    fn message(&self) -> Option<String> {
        Some(self.to_string())
    }
}

impl Diagnose for Failure {
    fn exit_code(&self) -> ExitCode {
        self.code
    }

    fn hint(&self) -> Option<String> {
        self.hint.clone()
    }
}

impl Diagnose for Verdict {
    fn exit_code(&self) -> ExitCode {
        self.0
    }

    fn message(&self) -> Option<String> {
        None
    }
}

/// Reading input or writing output failed; a closed stdout is handled before this is shown.
impl Diagnose for std::io::Error {
    fn exit_code(&self) -> ExitCode {
        ExitCode::Runtime
    }
}

/// JSON that jwtctl builds failed to serialise: a bug, not the user's input.
impl Diagnose for serde_json::Error {
    fn exit_code(&self) -> ExitCode {
        ExitCode::Runtime
    }
}

/// Any error of a command: a core error carrying its own code and hint.
pub struct Error(Box<dyn Diagnose>);

impl<E: Diagnose> From<E> for Error {
    fn from(e: E) -> Error {
        Error(Box::new(e))
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Error {
    pub fn exit_code(&self) -> ExitCode {
        self.0.exit_code()
    }

    pub fn hint(&self) -> Option<String> {
        self.0.hint()
    }

    pub fn message(&self) -> Option<String> {
        self.0.message()
    }

    /// True when the error is a closed stdout (`jwtctl decode … | head -1`), which is not a
    /// failure.
    pub fn is_broken_pipe(&self) -> bool {
        let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(&*self.0);
        while let Some(c) = cause {
            let io_kind = c
                .downcast_ref::<std::io::Error>()
                .map(std::io::Error::kind)
                .or_else(|| {
                    c.downcast_ref::<serde_json::Error>()
                        .and_then(serde_json::Error::io_error_kind)
                });
            if io_kind == Some(std::io::ErrorKind::BrokenPipe) {
                return true;
            }
            cause = c.source();
        }
        false
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::ExitCode::*;

    #[test]
    fn worst_follows_the_documented_order() {
        assert_eq!(Ok.worst(Claims), Claims);
        assert_eq!(Claims.worst(Expired), Expired);
        assert_eq!(Expired.worst(Signature), Signature);
        assert_eq!(Signature.worst(Malformed), Malformed);
        assert_eq!(Malformed.worst(Expired), Malformed);
        assert_eq!(Ok.worst(Ok), Ok);
        assert_eq!(Runtime.worst(Malformed), Runtime);
    }
}
