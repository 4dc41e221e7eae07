//! Warnings as values: the core finds them and returns them; the edge prints them for people
//! (`jwtctl: warning: ...`) and puts them into the `warnings` of JSON output for scripts.

use serde::Serialize;

/// How much a warning matters, from a remark to a forgeable token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl Level {
    pub const ALL: [Level; 5] = [
        Level::Info,
        Level::Low,
        Level::Medium,
        Level::High,
        Level::Critical,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Low => "low",
            Level::Medium => "medium",
            Level::High => "high",
            Level::Critical => "critical",
        }
    }
}

/// One thing worth a person's attention that does not stop the command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub level: Level,
    /// Stable, for scripts: `key-file-mode`, `jwks-key-skipped`, ...
    pub id: &'static str,
    pub message: String,
}

impl Warning {
    pub fn new(level: Level, id: &'static str, message: impl Into<String>) -> Warning {
        Warning {
            level,
            id,
            message: message.into(),
        }
    }
}

/// Where core functions put the warnings they find while they work.
pub type Warnings = Vec<Warning>;
