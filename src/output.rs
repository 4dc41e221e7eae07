//! Rendering for people and scripts: colour decided once, terminal-safe claim text, times.

use std::io::{IsTerminal, Write};

use anstyle::{AnsiColor, Style};

pub use crate::time_text::{relative, rfc3339, span_text};
use crate::warning::{Level, Warning};

/// Styles for one run. Colour is decided once (flag, `NO_COLOR`, is stderr/stdout a terminal)
/// and printers only ask for a style.
#[derive(Debug, Clone, Copy)]
pub struct Styles {
    pub color: bool,
}

impl Styles {
    pub fn detect(choice: ColorWhen, stream_is_tty: bool) -> Styles {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = match choice {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => stream_is_tty && !no_color,
        };
        Styles { color }
    }

    pub fn paint(&self, style: Style, text: &str) -> String {
        if self.color {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    }

    pub fn ok(&self, t: &str) -> String {
        self.paint(AnsiColor::Green.on_default().bold(), t)
    }
    pub fn bad(&self, t: &str) -> String {
        self.paint(AnsiColor::Red.on_default().bold(), t)
    }
    pub fn warn(&self, t: &str) -> String {
        self.paint(AnsiColor::Yellow.on_default(), t)
    }
    pub fn heading(&self, t: &str) -> String {
        self.paint(Style::new().bold(), t)
    }
    pub fn dim(&self, t: &str) -> String {
        self.paint(Style::new().dimmed(), t)
    }
}

/// When to colour output, as the command line says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// Where diagnostics go: stderr, styled as decided once, silent with --quiet (but for errors).
#[derive(Debug, Clone, Copy)]
pub struct Stderr {
    pub styles: Styles,
    pub quiet: bool,
}

impl Stderr {
    pub fn new(color: ColorWhen, quiet: bool) -> Stderr {
        Stderr {
            styles: Styles::detect(color, std::io::stderr().is_terminal()),
            quiet,
        }
    }

    /// `jwtctl: warning: …`, unless --quiet.
    pub fn warn(&self, message: &str) {
        if self.quiet {
            return;
        }
        let _ = writeln!(
            std::io::stderr(),
            "jwtctl: {} {}",
            self.styles.warn("warning:"),
            sanitize(message)
        );
    }

    /// `jwtctl: …`, unless --quiet.
    pub fn note(&self, message: &str) {
        if self.quiet {
            return;
        }
        let _ = writeln!(std::io::stderr(), "jwtctl: {}", sanitize(message));
    }

    /// A warning the core returned (an `Info` one as a note).
    pub fn tell(&self, w: &Warning) {
        if w.level == Level::Info {
            self.note(&w.message);
        } else {
            self.warn(&w.message);
        }
    }

    /// The error that ends the run, with its `hint:` line; --quiet does not hide it.
    pub fn error(&self, message: &str, hint: Option<&str>) {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "jwtctl: {}", sanitize(message));
        if let Some(h) = hint {
            let _ = writeln!(err, "{} {}", self.styles.dim("hint:"), sanitize(h));
        }
    }
}

/// Escapes what a hostile token could use to mislead a terminal: control characters (ANSI
/// escapes), bidirectional overrides and zero-width characters. Written by hand because the
/// set is small and specific to this threat; no crate covers exactly it.
pub fn sanitize(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) && c != '\n' {
            out.push_str(&format!("\\u{{{:04x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

pub fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c,
            '\u{200b}'..='\u{200f}' // zero-width space/joiners, LRM, RLM
            | '\u{202a}'..='\u{202e}' // bidi embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}' // bidi isolates
            | '\u{feff}' // zero-width no-break space
        )
}

/// Pretty JSON for people; keys keep the token's own order.
pub fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_escapes_terminal_tricks() {
        assert_eq!(sanitize("a\u{1b}[31mb"), "a\\u{001b}[31mb");
        assert_eq!(sanitize("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(sanitize("plain é"), "plain é");
    }
}

/// The header/payload/times blocks shared by `decode` and `verify` for people.
pub mod blocks {
    use serde_json::{json, Value};

    use super::{pretty, relative, sanitize, span_text, Styles};
    use crate::claims::{numeric_date, TIME_CLAIMS};
    use crate::token::{Payload, Token};

    pub fn render(token: &Token, now: i64, s: &Styles) -> String {
        let mut out = String::new();
        out.push_str(&s.heading("Header"));
        out.push('\n');
        out.push_str(&sanitize(&pretty(&Value::Object(token.header.clone()))));
        out.push('\n');
        out.push_str(&s.heading("Payload"));
        out.push('\n');
        match &token.payload {
            Payload::Claims(c) => {
                out.push_str(&sanitize(&pretty(&Value::Object(c.clone()))));
                out.push('\n');
                let times = time_lines(c, now, s);
                if !times.is_empty() {
                    out.push_str(&s.heading("Times"));
                    out.push('\n');
                    out.push_str(&times);
                }
            }
            Payload::Other { bytes, reason, .. } => {
                out.push_str(&s.dim(&format!("({reason}; shown as text)")));
                out.push('\n');
                out.push_str(&sanitize(&String::from_utf8_lossy(bytes)));
                out.push('\n');
            }
        }
        out
    }

    fn time_lines(c: &serde_json::Map<String, Value>, now: i64, s: &Styles) -> String {
        let mut out = String::new();
        for name in TIME_CLAIMS {
            if let Some(t) = c.get(name).and_then(numeric_date) {
                let t = t as i64;
                let rel = relative(t - now);
                let rel = match name {
                    "exp" if t <= now => s.bad(&format!("expired {rel}")),
                    "exp" => s.ok(&format!("expires {rel}")),
                    "nbf" if t > now => s.warn(&format!("valid {rel}")),
                    _ => s.dim(&format!("({rel})")),
                };
                out.push_str(&format!(
                    "  {name:<9}{}  {rel}\n",
                    crate::time_text::shown(t)
                ));
            }
        }
        if let (Some(exp), Some(start)) = (
            c.get("exp").and_then(numeric_date),
            c.get("iat").or(c.get("nbf")).and_then(numeric_date),
        ) {
            let life = (exp - start) as i64;
            out.push_str(&format!(
                "  {:<9}{}\n",
                "lifetime",
                if life >= 0 {
                    span_text(life as u64)
                } else {
                    format!("negative ({life}s)")
                }
            ));
        }
        out
    }

    /// `{"exp": {"unix":…, "utc":…, "relative":…}, …}` for JSON output.
    pub fn times_json(token: &Token, now: i64) -> Value {
        let mut m = serde_json::Map::new();
        if let Some(c) = token.claims() {
            for name in TIME_CLAIMS {
                if let Some(t) = c.get(name).and_then(numeric_date) {
                    let t = t as i64;
                    m.insert(
                        name.to_string(),
                        json!({"unix": t, "utc": super::rfc3339(t), "relative": relative(t - now)}),
                    );
                }
            }
        }
        Value::Object(m)
    }
}
