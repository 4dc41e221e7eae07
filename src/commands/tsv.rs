//! `--output tsv` for `verify`, `decode` and `lint`: a header line, then one tab-separated row
//! per input token with the columns `--fields` names, for spreadsheets, `cut`, `sort` and `awk`.
//!
//! Written here, apart from the JSON writers: a row is built from the same token and verdict
//! the JSON object is, so the two never disagree, and neither writer slows the other down.

use serde_json::Value;

use crate::error::ExitCode;
use crate::token::Token;
use crate::warning::Warning;

/// One column of `--output tsv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    Line,
    Column,
    Verdict,
    ExitCode,
    Alg,
    Kid,
    Typ,
    Iss,
    Sub,
    Aud,
    Jti,
    Scope,
    Iat,
    Nbf,
    Exp,
    ExpiresIn,
    Lifetime,
    Failed,
    Error,
    Findings,
    Level,
    /// `header.NAME`: any header field.
    Header(String),
    /// `payload.NAME`: any claim, as the token carries it.
    Payload(String),
}

/// The named fields, in the order `--help` lists them.
const NAMED: [(&str, Field); 21] = [
    ("line", Field::Line),
    ("column", Field::Column),
    ("verdict", Field::Verdict),
    ("exit_code", Field::ExitCode),
    ("alg", Field::Alg),
    ("kid", Field::Kid),
    ("typ", Field::Typ),
    ("iss", Field::Iss),
    ("sub", Field::Sub),
    ("aud", Field::Aud),
    ("jti", Field::Jti),
    ("scope", Field::Scope),
    ("iat", Field::Iat),
    ("nbf", Field::Nbf),
    ("exp", Field::Exp),
    ("expires_in", Field::ExpiresIn),
    ("lifetime", Field::Lifetime),
    ("failed", Field::Failed),
    ("error", Field::Error),
    ("findings", Field::Findings),
    ("level", Field::Level),
];

/// Each command's columns when `--fields` is not given (with `--extract`, `column` follows
/// `line`).
pub const VERIFY_FIELDS: [Field; 10] = [
    Field::Line,
    Field::Verdict,
    Field::ExitCode,
    Field::Failed,
    Field::Alg,
    Field::Kid,
    Field::Iss,
    Field::Sub,
    Field::Exp,
    Field::Error,
];
pub const DECODE_FIELDS: [Field; 10] = [
    Field::Line,
    Field::Verdict,
    Field::Alg,
    Field::Kid,
    Field::Iss,
    Field::Sub,
    Field::Iat,
    Field::Exp,
    Field::Findings,
    Field::Error,
];
pub const LINT_FIELDS: [Field; 9] = [
    Field::Line,
    Field::Verdict,
    Field::Level,
    Field::Findings,
    Field::Alg,
    Field::Kid,
    Field::Iss,
    Field::Sub,
    Field::Error,
];

/// `--fields` values, one at a time (clap splits the list at commas).
pub fn parse_field(s: &str) -> Result<Field, String> {
    if let Some((_, f)) = NAMED.iter().find(|(n, _)| *n == s) {
        return Ok(f.clone());
    }
    let named = |prefix: &str| {
        s.strip_prefix(prefix)
            .filter(|n| !n.is_empty())
            .map(str::to_string)
    };
    if let Some(n) = named("header.") {
        return Ok(Field::Header(n));
    }
    if let Some(n) = named("payload.") {
        return Ok(Field::Payload(n));
    }
    let names: Vec<&str> = NAMED.iter().map(|(n, _)| *n).collect();
    Err(format!(
        "no field \"{s}\"; the fields are {}, header.NAME and payload.NAME",
        names.join(", ")
    ))
}

/// The columns to write: those asked for, else the command's own.
pub fn columns(asked: &[Field], defaults: &[Field], extract: bool) -> Vec<Field> {
    if !asked.is_empty() {
        return asked.to_vec();
    }
    let mut fields = defaults.to_vec();
    if extract {
        fields.insert(1, Field::Column);
    }
    fields
}

/// The header line: the field names as `--fields` spells them.
pub fn write_header(out: &mut Vec<u8>, fields: &[Field]) {
    let names: Vec<String> = fields.iter().map(name).collect();
    out.extend_from_slice(names.join("\t").as_bytes());
    out.push(b'\n');
}

fn name(f: &Field) -> String {
    match f {
        Field::Header(n) => format!("header.{n}"),
        Field::Payload(n) => format!("payload.{n}"),
        other => NAMED
            .iter()
            .find(|(_, g)| g == other)
            .map(|(n, _)| n.to_string())
            .unwrap_or_default(),
    }
}

/// What one row is made of: the same facts the command's JSON object carries.
pub struct Row<'a> {
    pub line: u64,
    pub column: Option<u64>,
    /// `valid`/`invalid` (verify), `decoded` (decode), `ok`/`flagged` (lint), `malformed`.
    pub verdict: &'static str,
    pub exit_code: ExitCode,
    pub token: Option<&'a Token>,
    /// The checks that failed (verify).
    pub failed: &'a [crate::checks::FailedCheck],
    /// Why a line holds no token.
    pub error: Option<&'a str>,
    /// The token's warnings (verify, decode) or findings (lint).
    pub findings: &'a [Warning],
    /// The judging time, for `expires_in`.
    pub now: i64,
}

impl<'a> Row<'a> {
    /// The row of a token, with no failed checks (verify adds its own).
    pub fn of(
        token: &'a Token,
        (verdict, exit_code): (&'static str, ExitCode),
        findings: &'a [Warning],
        now: i64,
        (line, column): (u64, Option<u64>),
    ) -> Row<'a> {
        Row {
            line,
            column,
            verdict,
            exit_code,
            token: Some(token),
            failed: &[],
            error: None,
            findings,
            now,
        }
    }

    /// The row of an input line that holds no token.
    pub fn malformed(line: u64, column: Option<u64>, error: &'a str) -> Row<'a> {
        Row {
            line,
            column,
            verdict: "malformed",
            exit_code: ExitCode::Malformed,
            token: None,
            failed: &[],
            error: Some(error),
            findings: &[],
            now: 0,
        }
    }
}

/// Appends one row, newline included.
pub fn write_row(out: &mut Vec<u8>, fields: &[Field], row: &Row) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(b'\t');
        }
        escape_into(out, &cell(f, row));
    }
    out.push(b'\n');
}

/// One cell's text, before escaping; empty for what the token does not have.
fn cell(f: &Field, row: &Row) -> String {
    let header = |k: &str| row.token.and_then(|t| t.header.get(k));
    let claim = |k: &str| row.token.and_then(|t| t.claims()).and_then(|c| c.get(k));
    let time = |k: &str| claim(k).and_then(crate::claims::numeric_date);
    match f {
        Field::Line => row.line.to_string(),
        Field::Column => row.column.map(|c| c.to_string()).unwrap_or_default(),
        Field::Verdict => row.verdict.to_string(),
        Field::ExitCode => row.exit_code.code().to_string(),
        Field::Alg => value_text(header("alg")),
        Field::Kid => value_text(header("kid")),
        Field::Typ => value_text(header("typ")),
        Field::Iss => value_text(claim("iss")),
        Field::Sub => value_text(claim("sub")),
        Field::Aud => value_text(claim("aud")),
        Field::Jti => value_text(claim("jti")),
        Field::Scope => value_text(claim("scope")),
        Field::Iat | Field::Nbf | Field::Exp => {
            let k = match f {
                Field::Iat => "iat",
                Field::Nbf => "nbf",
                _ => "exp",
            };
            match time(k) {
                Some(t) => crate::output::rfc3339(t as i64),
                None => value_text(claim(k)),
            }
        }
        Field::ExpiresIn => time("exp")
            .map(|e| (e as i64 - row.now).to_string())
            .unwrap_or_default(),
        Field::Lifetime => match (time("iat"), time("exp")) {
            (Some(i), Some(e)) => (e as i64 - i as i64).to_string(),
            _ => String::new(),
        },
        Field::Failed => join(row.failed.iter().map(|f| f.check)),
        Field::Error => row
            .error
            .or_else(|| row.failed.first().map(|f| f.failure.message.as_str()))
            .unwrap_or_default()
            .to_string(),
        Field::Findings => join(row.findings.iter().map(|w| w.id)),
        Field::Level => row
            .findings
            .iter()
            .map(|w| w.level)
            .max()
            .map(|l| l.name().to_string())
            .unwrap_or_default(),
        Field::Header(k) => value_text(header(k)),
        Field::Payload(k) => value_text(claim(k)),
    }
}

/// A string as it is, any other JSON value as compact JSON, nothing as an empty cell.
fn value_text(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

fn join<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join(",")
}

/// Escapes a cell so that a row stays one line of tab-separated cells: `\` as `\\`, tab as
/// `\t`, newline as `\n`, carriage return as `\r`, and the other characters a terminal would
/// act on (control, bidi and zero-width characters) as `\u{XXXX}`, as human output shows them.
/// Hand-written rather than the csv crate's quoting: a quoted cell may span lines, which
/// `cut`, `sort` and `awk` cannot read, and token text is attacker-controlled.
fn escape_into(out: &mut Vec<u8>, text: &str) {
    for c in text.chars() {
        match c {
            '\\' => out.extend_from_slice(b"\\\\"),
            '\t' => out.extend_from_slice(b"\\t"),
            '\n' => out.extend_from_slice(b"\\n"),
            '\r' => out.extend_from_slice(b"\\r"),
            c if crate::output::needs_escape(c) => {
                out.extend_from_slice(format!("\\u{{{:04x}}}", c as u32).as_bytes())
            }
            c => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_stay_on_one_line_and_can_be_read_back() {
        let mut out = Vec::new();
        escape_into(&mut out, "a\tb\nc\rd\\e\u{1b}[31m\u{202e}é");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a\\tb\\nc\\rd\\\\e\\u{001b}[31m\\u{202e}é"
        );
    }

    #[test]
    fn every_named_field_parses_back_from_its_name() {
        for (n, f) in NAMED.iter() {
            assert_eq!(parse_field(n).as_ref(), Ok(f));
            assert_eq!(name(f), *n);
        }
        assert_eq!(
            parse_field("payload.role"),
            Ok(Field::Payload("role".into()))
        );
        assert!(parse_field("payload.").is_err());
        assert!(parse_field("nope").unwrap_err().contains("header.NAME"));
    }
}
