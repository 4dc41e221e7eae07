//! Exit codes, the typed failures of the core, and the one place that maps them to a code.

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
            ExitCode::Runtime => 7,
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

/// An error the user can act on: a message, an optional `hint:` line, and its exit code.
/// Core modules return their own typed errors; commands convert them into this at the edge.
#[derive(Debug)]
pub struct Failure {
    pub code: ExitCode,
    pub message: String,
    pub hint: Option<String>,
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

/// What `main` prints and returns for an error: the exit code, the message lines and a hint.
pub struct Reported {
    pub code: ExitCode,
    pub message: Option<String>,
    pub hint: Option<String>,
}

/// The single mapping from an error chain to an exit code and what to print.
pub fn classify(err: &anyhow::Error) -> Reported {
    for cause in err.chain() {
        if let Some(v) = cause.downcast_ref::<Verdict>() {
            return Reported {
                code: v.0,
                message: None,
                hint: None,
            };
        }
        if let Some(f) = cause.downcast_ref::<Failure>() {
            return Reported {
                code: f.code,
                message: Some(context_message(err, f.to_string())),
                hint: f.hint.clone(),
            };
        }
        if let Some(e) = cause.downcast_ref::<crate::token::TokenError>() {
            return Reported {
                code: ExitCode::Malformed,
                message: Some(context_message(err, e.to_string())),
                hint: Some(e.hint().to_string()),
            };
        }
        if let Some(e) = cause.downcast_ref::<crate::keys::KeyError>() {
            return Reported {
                code: e.exit_code(),
                message: Some(context_message(err, e.to_string())),
                hint: e.hint(),
            };
        }
        if let Some(e) = cause.downcast_ref::<crate::users::StoreError>() {
            return Reported {
                code: e.exit_code(),
                message: Some(context_message(err, e.to_string())),
                hint: Some(e.hint()),
            };
        }
        if let Some(e) = cause.downcast_ref::<crate::hashing::HashError>() {
            return Reported {
                code: e.exit_code(),
                message: Some(context_message(err, e.to_string())),
                hint: Some(e.hint()),
            };
        }
        if let Some(e) = cause.downcast_ref::<crate::hashing::AuthError>() {
            return Reported {
                code: e.exit_code(),
                message: Some(context_message(err, e.to_string())),
                hint: Some(e.hint()),
            };
        }
    }
    Reported {
        code: ExitCode::Runtime,
        message: Some(format!("{err:#}")),
        hint: None,
    }
}

/// anyhow context ("reading key.pem") stacked above a typed cause reads best as one line.
fn context_message(err: &anyhow::Error, cause: String) -> String {
    let outer = err.to_string();
    if outer == cause {
        cause
    } else {
        format!("{err:#}")
    }
}

/// True when the error is a closed stdout (`jwtctl decode … | head -1`), which is not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

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
