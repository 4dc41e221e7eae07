//! `jwtctl lint`: a defensive audit of tokens and, optionally, the key material behind them.

use std::io::{BufRead, Write};

use serde::Serialize;

use crate::cli::LintArgs;
use crate::commands::batch::Tally;
use crate::commands::report::{
    add_column, finish, line_problem_hint, malformed_line, parse_single, place, write_json, Format,
    SCHEMA,
};
use crate::commands::summary::{ChunkStats, Summary};
use crate::commands::tsv;
use crate::context::Ctx;
use crate::diagnostics::{Finding, Level, Linter};
use crate::error::{ExitCode, Failure, Verdict};
use crate::input::{self, Tokens};
use crate::keys::Key;
use crate::token::{normalize, Token};

pub fn run(ctx: &Ctx, args: LintArgs) -> crate::error::Result<()> {
    let format = Format::new(
        &args.report,
        ctx.quiet,
        &tsv::LINT_FIELDS,
        args.input.extract,
    )?;
    let now = args.at.unwrap_or_else(jiff::Timestamp::now).as_second();
    let max_life = args.max_lifetime.as_secs() as i64;
    let key = load_optional_key(ctx, &args)?;
    let words = match &args.wordlist {
        Some(p) => Some(read_wordlist(p)?),
        None => None,
    };
    let linter = Linter::new(now, max_life, key.as_ref(), words.as_deref());
    let lint = |token: &Token| linter.lint(token);
    let verdict = |found: &[Finding]| {
        if found.iter().any(|f| f.level >= args.fail_on) {
            ExitCode::Claims
        } else {
            ExitCode::Ok
        }
    };
    match input::tokens(
        &ctx.stdin,
        args.input.token.as_deref(),
        args.input.file.as_deref(),
        args.input.batch || args.input.extract,
    )? {
        Tokens::One(text) => {
            let token = parse_single(&text, args.input.token.as_deref(), &format)?;
            let found = lint(&token);
            let code = verdict(&found);
            if format.json {
                let mut out = Vec::new();
                write_json(&mut out, &LintJson::new(&token, &found, code, 1));
                crate::commands::print(&String::from_utf8_lossy(&out))?;
            } else if let Some(fields) = &format.tsv {
                let mut out = Vec::new();
                tsv::write_row(&mut out, fields, &row(&token, &found, code, now, (1, None)));
                format.begin()?;
                std::io::stdout().lock().write_all(&out)?;
            } else if format.per_token {
                print_human(ctx, &found)?;
            }
            if format.summary.is_some() {
                let mut stats = ChunkStats::default();
                stats.findings_of(&token, &found);
                let mut summary = Summary::new("lint");
                summary.absorb(&stats);
                let mut tally = Tally::default();
                tally.add(code);
                return finish(&format, &tally, summary, code, String::new);
            }
            if code != ExitCode::Ok {
                return Err(Verdict(code).into());
            }
            Ok(())
        }
        Tokens::Many(reader) => {
            let mut summary = Summary::new("lint");
            let size = crate::commands::batch::file_size(args.input.file.as_deref());
            format.begin()?;
            let tally = crate::commands::batch::run(
                ctx.quiet,
                args.input.extract,
                reader,
                size,
                &mut summary,
                |out, stats, number, column, text| {
                    let (message, hint) = match text.map(|t| Token::parse(normalize(t))) {
                        Ok(Ok(token)) => {
                            let found = lint(&token);
                            let code = verdict(&found);
                            if format.summary.is_some() {
                                stats.findings_of(&token, &found);
                            }
                            if format.per_token && format.selected(code) {
                                if format.json {
                                    write_json(out, &LintJson::new(&token, &found, code, number));
                                    add_column(out, column);
                                    out.push(b'\n');
                                } else if let Some(fields) = &format.tsv {
                                    let row = row(&token, &found, code, now, (number, column));
                                    tsv::write_row(out, fields, &row);
                                } else {
                                    human_lines(ctx, out, &found, &place(number, column));
                                }
                            }
                            return code;
                        }
                        Ok(Err(e)) => (e.to_string(), e.hint()),
                        Err(p) => (p.message(), line_problem_hint()),
                    };
                    malformed_line(
                        ctx,
                        &format,
                        out,
                        stats,
                        number,
                        column,
                        (&message, hint),
                        "malformed",
                    )
                },
            )?;
            // A finding at or above --fail-on is what an audit is for: it decides the exit
            // code even when other lines are malformed.
            let flagged = tally.count(ExitCode::Claims);
            let bad = tally.count(ExitCode::Malformed);
            let exit = if flagged > 0 {
                ExitCode::Claims
            } else if bad > 0 {
                ExitCode::Malformed
            } else {
                ExitCode::Ok
            };
            finish(&format, &tally, summary, exit, || {
                format!(
                    "{} tokens: {flagged} with findings at or above {}, {} below, {bad} malformed",
                    tally.total(),
                    args.fail_on.name(),
                    tally.count(ExitCode::Ok)
                )
            })
        }
    }
}

/// The JSON object of one linted token.
#[derive(Serialize)]
struct LintJson<'a> {
    schema: &'static str,
    kind: &'static str,
    line: u64,
    alg: &'a str,
    kid: Option<&'a str>,
    exit_code: i32,
    findings: &'a [Finding],
}

impl<'a> LintJson<'a> {
    fn new(token: &'a Token, found: &'a [Finding], code: ExitCode, line: u64) -> Self {
        LintJson {
            schema: SCHEMA,
            kind: "lint",
            line,
            alg: token.alg_name(),
            kid: token.kid(),
            exit_code: code.code(),
            findings: found,
        }
    }
}

/// The `--output tsv` row of a linted token.
fn row<'a>(
    token: &'a Token,
    found: &'a [Finding],
    code: ExitCode,
    now: i64,
    (line, column): (u64, Option<u64>),
) -> tsv::Row<'a> {
    let verdict = if code == ExitCode::Ok {
        "ok"
    } else {
        "flagged"
    };
    tsv::Row::of(token, (verdict, code), found, now, (line, column))
}

/// A batch token's findings, one line each; a clean token writes nothing.
fn human_lines(ctx: &Ctx, out: &mut Vec<u8>, found: &[Finding], number: &str) {
    for f in found {
        let _ = writeln!(
            out,
            "line {number}  {}  {:<16} {}",
            level_label(ctx, f.level),
            f.id,
            crate::output::sanitize(&f.message)
        );
    }
}

fn level_label(ctx: &Ctx, level: Level) -> String {
    let s = &ctx.out;
    let label = format!("{:<8}", level.name());
    match level {
        Level::Critical | Level::High => s.bad(&label),
        Level::Medium => s.warn(&label),
        Level::Low | Level::Info => s.dim(&label),
    }
}

fn print_human(ctx: &Ctx, found: &[Finding]) -> crate::error::Result<()> {
    let s = &ctx.out;
    let mut text = String::new();
    if found.is_empty() {
        text.push_str(&s.ok("no findings"));
        text.push('\n');
    }
    for f in found {
        text.push_str(&format!(
            "{} {:<16} {}\n",
            level_label(ctx, f.level),
            f.id,
            crate::output::sanitize(&f.message)
        ));
    }
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(())
}

/// Loads key material only when the user passed some: lint works without a key, and a secret
/// the shell happens to export ($JWTCTL_SECRET) is not the key of a token found in a log.
fn load_optional_key(ctx: &Ctx, args: &LintArgs) -> crate::error::Result<Option<Key>> {
    let k = &args.key;
    let given =
        k.key.is_some() || k.secret_file.is_some() || k.secret.is_some() || k.secret_env.is_some();
    if !given {
        return Ok(None);
    }
    Ok(Some(crate::commands::load_key(ctx, k)?))
}

fn read_wordlist(path: &std::path::Path) -> crate::error::Result<Vec<Vec<u8>>> {
    let f = std::fs::File::open(path).map_err(|e| {
        Failure::runtime(format!("cannot read {}: {e}", path.display()))
            .hint("check the --wordlist path")
    })?;
    let mut words = Vec::new();
    for line in std::io::BufReader::new(f).split(b'\n') {
        let mut w = line?;
        if w.ends_with(b"\r") {
            w.pop();
        }
        if !w.is_empty() {
            words.push(w);
        }
    }
    Ok(words)
}
