//! What `verify`, `decode` and `lint` share at the edge: the JSON contract (schema name, the
//! malformed-line object), the resolved output options, and the single-token error path.

use std::borrow::Cow;

use serde::Serialize;

use crate::claims::Object;
use crate::cli::{Only, ReportArgs, SummaryFormat, TokenOutput};
use crate::commands::batch::Tally;
use crate::commands::summary::Summary;
use crate::commands::tsv::{self, Field, Row};
use crate::error::{ExitCode, Failure, Verdict};
use crate::token::{normalize, Token, TokenError};

/// The `schema` field of every JSON object jwtctl writes. The number changes only when a field
/// is removed or changes type; new fields may appear within a version.
pub const SCHEMA: &str = "jwtctl/1";

/// Output options resolved once from the flags.
#[derive(Debug, Clone)]
pub struct Format {
    /// One JSON object per input token.
    pub json: bool,
    /// A header line, then one tab-separated row per input token, with these columns.
    pub tsv: Option<Vec<Field>>,
    /// Write per-token output at all (not with -q in human mode, nor when the only stdout
    /// output asked for is the JSON summary).
    pub per_token: bool,
    pub summary: Option<SummaryFormat>,
    pub only: Option<Only>,
    /// The default one-line count on stderr.
    pub count_line: bool,
}

impl Format {
    /// `fields`: the command's TSV columns when `--fields` is not given; `extract`: whether
    /// tokens are found inside lines (their column is then a default column too).
    pub fn new(
        args: &ReportArgs,
        quiet: bool,
        fields: &[Field],
        extract: bool,
    ) -> Result<Format, Failure> {
        let json = args.json || args.output == TokenOutput::Json;
        let tsv =
            (args.output == TokenOutput::Tsv).then(|| tsv::columns(&args.fields, fields, extract));
        let summary_json = args.summary == Some(SummaryFormat::Json);
        if tsv.is_none() && !args.fields.is_empty() {
            return Err(Failure::usage("--fields picks the columns of --output tsv")
                .hint("add --output tsv; JSON output always carries every field"));
        }
        if tsv.is_some() && summary_json {
            return Err(
                Failure::usage("--summary json would end the TSV rows with a JSON line")
                    .hint("with --output tsv, --summary (human) writes the counts on stderr"),
            );
        }
        Ok(Format {
            json,
            // Output a script asked for is written even with -q: -q silences people's output.
            per_token: if json || tsv.is_some() {
                true
            } else {
                !quiet && !summary_json
            },
            tsv,
            summary: args.summary,
            only: args.only,
            count_line: !quiet && args.summary.is_none(),
        })
    }

    /// Starts the output: the header line of `--output tsv`, nothing otherwise.
    pub fn begin(&self) -> std::io::Result<()> {
        if let Some(fields) = &self.tsv {
            use std::io::Write;
            let mut out = Vec::new();
            tsv::write_header(&mut out, fields);
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(&out)?;
            stdout.flush()?;
        }
        Ok(())
    }

    /// Whether a token with this outcome is written (`--only`).
    pub fn selected(&self, code: ExitCode) -> bool {
        match self.only {
            None => true,
            Some(Only::Valid) => code == ExitCode::Ok,
            Some(Only::Invalid) => code != ExitCode::Ok,
        }
    }
}

/// The JSON object for an input line that holds no token: the same in every command.
#[derive(Serialize)]
pub struct Malformed<'a> {
    schema: &'static str,
    kind: &'static str,
    line: u64,
    valid: bool,
    exit_code: i32,
    error: &'a str,
    hint: &'a str,
}

impl<'a> Malformed<'a> {
    pub fn new(line: u64, error: &'a str, hint: &'a str) -> Self {
        Malformed {
            schema: SCHEMA,
            kind: "malformed",
            line,
            valid: false,
            exit_code: ExitCode::Malformed.code(),
            error,
            hint,
        }
    }
}

/// Answers a batch line that holds no token, the same way in `verify`, `decode` and `lint`:
/// counted for the summary, then written as the malformed object or as a line for people.
#[allow(clippy::too_many_arguments)] // the batch closure's state, passed through as it is
pub fn malformed_line(
    ctx: &crate::context::Ctx,
    format: &Format,
    out: &mut Vec<u8>,
    stats: &mut crate::commands::summary::ChunkStats,
    number: u64,
    column: Option<u64>,
    (message, hint): (&str, &str),
    label: &str,
) -> ExitCode {
    if format.summary.is_some() {
        stats.malformed();
    }
    if format.per_token && format.selected(ExitCode::Malformed) {
        if format.json {
            write_json(out, &Malformed::new(number, message, hint));
            add_column(out, column);
            out.push(b'\n');
        } else if let Some(fields) = &format.tsv {
            tsv::write_row(out, fields, &Row::malformed(number, column, message));
        } else {
            use std::io::Write;
            let _ = writeln!(
                out,
                "line {number}  {}  {}",
                ctx.out.bad(label),
                crate::output::sanitize(message)
            );
        }
    }
    ExitCode::Malformed
}

/// Serialises straight into an output buffer: no intermediate `Value`.
pub fn write_json(out: &mut Vec<u8>, v: &impl Serialize) {
    serde_json::to_writer(&mut *out, v).expect("serialising to memory does not fail");
}

/// Parses the one token of a single-token run. When it is malformed and JSON or TSV was asked
/// for, the malformed object or row is written first, so a script always gets one answer per
/// token. An argument that names an existing file gets a hint to read it as a file.
pub fn parse_single(text: &str, arg: Option<&str>, format: &Format) -> crate::error::Result<Token> {
    match Token::parse(normalize(text)) {
        Ok(t) => Ok(t),
        Err(e) => {
            let message = e.to_string();
            let hint = file_hint(arg).unwrap_or_else(|| e.hint().to_string());
            if format.json {
                let mut out = Vec::new();
                write_json(&mut out, &Malformed::new(1, &message, &hint));
                crate::commands::print(&String::from_utf8_lossy(&out))?;
            } else if let Some(fields) = &format.tsv {
                let mut out = Vec::new();
                tsv::write_row(&mut out, fields, &Row::malformed(1, None, &message));
                format.begin()?;
                std::io::Write::write_all(&mut std::io::stdout().lock(), &out)?;
            }
            Err(Failure::new(ExitCode::Malformed, message).hint(hint).into())
        }
    }
}

fn file_hint(arg: Option<&str>) -> Option<String> {
    let path = arg.filter(|a| *a != "-")?;
    std::path::Path::new(path).is_file().then(|| {
        format!("{path} is a file: to read the tokens in it, pass --file {path} (or - < {path})")
    })
}

/// The hint for a batch line that cannot be read as text.
pub fn line_problem_hint() -> &'static str {
    TokenError::TooLong(0).hint()
}

/// An empty batch is a failure: a script's `|| echo fail` must not pass on an empty file.
pub fn no_tokens() -> crate::error::Error {
    Failure::new(
        ExitCode::Malformed,
        "the input holds no tokens (0 non-blank lines)",
    )
    .hint("check that the file or pipe is the one meant; blank lines are skipped")
    .into()
}

/// Ends a batch: the summary (or the default count line), the interruption notice, an empty
/// input refused, and the exit code. `exit` is the command's verdict over the tokens answered.
pub fn finish(
    format: &Format,
    tally: &Tally,
    mut summary: Summary,
    exit: ExitCode,
    count_line: impl FnOnce() -> String,
) -> crate::error::Result<()> {
    let exit = if tally.interrupted {
        ExitCode::Interrupted
    } else {
        exit
    };
    summary.finish(tally, exit);
    match format.summary {
        // A closed stdout takes no summary: the reader has gone.
        Some(SummaryFormat::Json) if !tally.closed => summary.print_json()?,
        Some(SummaryFormat::Json) => {}
        Some(SummaryFormat::Human) => summary.print_human(),
        None if format.count_line && !tally.closed && tally.total() > 0 => {
            eprintln!("jwtctl: {}", count_line())
        }
        None => {}
    }
    if tally.interrupted {
        eprintln!("jwtctl: interrupted after {} tokens", tally.total());
    } else if tally.total() == 0 && !tally.closed {
        return Err(no_tokens());
    }
    match exit {
        ExitCode::Ok => Ok(()),
        code => Err(Verdict(code).into()),
    }
}

/// `exp` as RFC 3339 for one-line output, or `-`.
pub fn exp_text<O: Object + ?Sized>(claims: Option<&O>) -> String {
    claims
        .and_then(|c| c.member("exp"))
        .and_then(|e| e.numeric_date())
        .map(|e| crate::output::rfc3339(e as i64))
        .unwrap_or_else(|| "-".into())
}

/// `sub` for one-line output (terminal-safe), or `-`.
pub fn sub_text<O: Object + ?Sized>(claims: Option<&O>) -> Cow<'_, str> {
    match claims.and_then(|c| c.member("sub")) {
        Some(v) => match v.as_str() {
            Some(s) => match crate::output::sanitize(&s) {
                // Nothing to escape: the claim as it is, not a copy.
                Cow::Borrowed(_) => s,
                Cow::Owned(escaped) => Cow::Owned(escaped),
            },
            None => Cow::Owned(crate::output::sanitize(&v.to_string()).into_owned()),
        },
        None => Cow::Borrowed("-"),
    }
}

/// `,"column":N` inside the object just written (with --extract), before its closing brace.
pub fn add_column(out: &mut Vec<u8>, column: Option<u64>) {
    if let Some(c) = column {
        out.pop();
        out.extend_from_slice(format!(",\"column\":{c}}}").as_bytes());
    }
}

/// `3` or, with --extract, `3:17` (line and column) for human lines.
pub fn place(number: u64, column: Option<u64>) -> String {
    match column {
        Some(c) => format!("{number}:{c}"),
        None => number.to_string(),
    }
}
