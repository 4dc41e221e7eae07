//! `jwtctl decode`: show a token without a key, and say plainly that nothing was verified.

use std::io::Write;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::cli::DecodeArgs;
use crate::commands::batch::{PayloadJson, PayloadText, Tally};
use crate::commands::report::{
    add_column, exp_text, finish, line_problem_hint, malformed_line, parse_single, place, sub_text,
    write_json, Format, SCHEMA,
};
use crate::commands::summary::{ChunkStats, Summary};
use crate::commands::tsv;
use crate::context::Ctx;
use crate::diagnostics::{findings, Finding, LONG_LIFETIME};
use crate::error::ExitCode;
use crate::input::{self, Tokens};
use crate::output::blocks;
use crate::token::{normalize, Token};

pub fn run(ctx: &Ctx, args: DecodeArgs) -> crate::error::Result<()> {
    crate::time_text::show_in(args.date);
    let format = Format::new(
        &args.report,
        ctx.quiet,
        &tsv::DECODE_FIELDS,
        args.input.extract,
    )?;
    let now = args.at.unwrap_or_else(jiff::Timestamp::now).as_second();
    match input::tokens(
        &ctx.stdin,
        args.input.token.as_deref(),
        args.input.file.as_deref(),
        args.input.batch || args.input.extract,
    )? {
        Tokens::One(text) => {
            let token = parse_single(&text, args.input.token.as_deref(), &format)?;
            let found = findings(&token, now, LONG_LIFETIME);
            if format.json {
                let mut out = Vec::new();
                write_json(&mut out, &DecodedJson::new(&token, &found, now, 1));
                crate::commands::print(&String::from_utf8_lossy(&out))?;
            } else if let Some(fields) = &format.tsv {
                let mut out = Vec::new();
                tsv::write_row(&mut out, fields, &row(&token, &found, now, (1, None)));
                format.begin()?;
                std::io::stdout().lock().write_all(&out)?;
            } else if format.per_token {
                let mut text = blocks::render(&token, now, &ctx.out);
                text.push_str(&format!(
                    "{} {} bytes, {}\n",
                    ctx.out.heading("Signature"),
                    token.signature.len(),
                    ctx.out
                        .warn("NOT verified (decode never checks it; use `jwtctl verify`)")
                ));
                std::io::stdout().lock().write_all(text.as_bytes())?;
                for f in &found {
                    ctx.warn(&f.message);
                }
            }
            if format.summary.is_some() {
                let mut stats = ChunkStats::default();
                stats.findings_of(&token, &found);
                let mut summary = Summary::new("decode");
                summary.absorb(&stats);
                let mut tally = Tally::default();
                tally.add(ExitCode::Ok);
                return finish(&format, &tally, summary, ExitCode::Ok, String::new);
            }
            Ok(())
        }
        Tokens::Many(reader) => batch(
            ctx,
            &format,
            args.input.extract,
            reader,
            crate::commands::batch::file_size(args.input.file.as_deref()),
            now,
        ),
    }
}

/// `decode --output json` for one token, as a value the debugger page extends.
#[cfg(feature = "serve")]
pub fn decoded_json(token: &Token, found: &[Finding], now: i64) -> Value {
    serde_json::to_value(DecodedJson::new(token, found, now, 1))
        .expect("a decoded token is always valid JSON")
}

/// The JSON form of a decoded token (`--output json`, and each batch line), borrowing from the
/// token: batch mode writes it straight out without copying claims.
#[derive(Serialize)]
struct DecodedJson<'a> {
    schema: &'static str,
    kind: &'static str,
    header: &'a Map<String, Value>,
    payload: PayloadJson<'a>,
    payload_text: PayloadText<'a>,
    is_jwt: bool,
    signature_verified: bool,
    times: Value,
    expires_in: Option<i64>,
    warnings: &'a [Finding],
    line: u64,
}

impl<'a> DecodedJson<'a> {
    fn new(token: &'a Token, found: &'a [Finding], now: i64, line: u64) -> Self {
        let exp = token
            .claims()
            .and_then(|c| c.get("exp"))
            .and_then(crate::claims::numeric_date)
            .map(|e| e as i64 - now);
        DecodedJson {
            schema: SCHEMA,
            kind: "decode",
            header: &token.header,
            payload: PayloadJson(&token.payload),
            payload_text: PayloadText(&token.payload),
            is_jwt: token.claims().is_some(),
            signature_verified: false,
            times: blocks::times_json(token, now),
            expires_in: exp,
            warnings: found,
            line,
        }
    }
}

/// One line per token, in order (decoded on all cores when it pays), then the count or the
/// summary; exit 3 if any line was malformed.
fn batch(
    ctx: &Ctx,
    format: &Format,
    extract: bool,
    reader: Box<dyn std::io::BufRead + Send>,
    size: Option<u64>,
    now: i64,
) -> crate::error::Result<()> {
    let mut summary = Summary::new("decode");
    format.begin()?;
    let tally = crate::commands::batch::run(
        ctx.quiet,
        extract,
        reader,
        size,
        &mut summary,
        |out, stats, number, column, text| {
            let (message, hint) = match text.map(|t| Token::parse(normalize(t))) {
                Ok(Ok(token)) => {
                    let found = findings(&token, now, LONG_LIFETIME);
                    if format.summary.is_some() {
                        stats.findings_of(&token, &found);
                    }
                    if format.per_token && format.selected(ExitCode::Ok) {
                        if format.json {
                            write_json(out, &DecodedJson::new(&token, &found, now, number));
                            add_column(out, column);
                            out.push(b'\n');
                        } else if let Some(fields) = &format.tsv {
                            let row = row(&token, &found, now, (number, column));
                            tsv::write_row(out, fields, &row);
                        } else {
                            human_line(ctx, out, &token, &found, &place(number, column));
                        }
                    }
                    return ExitCode::Ok;
                }
                Ok(Err(e)) => (e.to_string(), e.hint()),
                Err(p) => (p.message(), line_problem_hint()),
            };
            malformed_line(
                ctx,
                format,
                out,
                stats,
                number,
                column,
                (&message, hint),
                "malformed",
            )
        },
    )?;
    let bad = tally.count(ExitCode::Malformed);
    let exit = if bad > 0 {
        ExitCode::Malformed
    } else {
        ExitCode::Ok
    };
    finish(format, &tally, summary, exit, || {
        format!(
            "{} tokens: {} decoded, {bad} malformed",
            tally.total(),
            tally.total() - bad
        )
    })
}

/// The `--output tsv` row of a decoded token.
fn row<'a>(
    token: &'a Token,
    found: &'a [Finding],
    now: i64,
    (line, column): (u64, Option<u64>),
) -> tsv::Row<'a> {
    tsv::Row::of(token, ("decoded", ExitCode::Ok), found, now, (line, column))
}

/// The human batch line: alg, sub, expiry and the warnings' ids.
fn human_line(ctx: &Ctx, out: &mut Vec<u8>, token: &Token, found: &[Finding], number: &str) {
    let claims = token.claims();
    let _ = write!(
        out,
        "line {number}  {}  sub {}  exp {}",
        crate::output::sanitize(token.alg_name()),
        sub_text(claims),
        exp_text(claims)
    );
    if !found.is_empty() {
        let ids: Vec<&str> = found.iter().map(|f| f.id).collect();
        let _ = write!(out, "  {}", ctx.out.warn(&ids.join(", ")));
    }
    out.push(b'\n');
}
