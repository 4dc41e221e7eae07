//! `jwtctl decode`: show a token without a key, and say plainly that nothing was verified.

use std::io::Write;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::cli::{DecodeArgs, ReportOutput};
use crate::commands::batch::PayloadJson;
use crate::context::Ctx;
use crate::diagnostics::{findings, Finding, LONG_LIFETIME};
use crate::error::{ExitCode, Verdict};
use crate::input::{self, Tokens};
use crate::output::blocks;
use crate::token::{normalize, Token, TokenError};

pub fn run(ctx: &Ctx, args: DecodeArgs) -> crate::error::Result<()> {
    let json_out = args.json || args.output == ReportOutput::Json;
    let now = args.at.unwrap_or_else(jiff::Timestamp::now).as_second();
    match input::tokens(
        args.input.token.as_deref(),
        args.input.file.as_deref(),
        args.input.batch,
    )? {
        Tokens::One(text) => {
            let token = Token::parse(normalize(&text))?;
            let found = findings(&token, now, LONG_LIFETIME);
            if json_out {
                crate::commands::print(&decoded_json(&token, &found, now).to_string())?;
            } else if !ctx.quiet {
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
                    crate::output::warn(&f.message);
                }
            }
            Ok(())
        }
        Tokens::Many(reader) => batch(
            ctx,
            reader,
            crate::commands::batch::file_size(args.input.file.as_deref()),
            now,
        ),
    }
}

pub fn decoded_json(token: &Token, found: &[Finding], now: i64) -> Value {
    serde_json::to_value(DecodedJson::new(token, found, now, None))
        .expect("a decoded token is always valid JSON")
}

/// The JSON form of a decoded token (`--output json`, and each batch line), borrowing from the
/// token: batch mode writes it straight out without copying claims.
#[derive(Serialize)]
struct DecodedJson<'a> {
    header: &'a Map<String, Value>,
    payload: PayloadJson<'a>,
    is_jwt: bool,
    signature_verified: bool,
    times: Value,
    expires_in: Option<i64>,
    warnings: &'a [Finding],
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
}

impl<'a> DecodedJson<'a> {
    fn new(token: &'a Token, found: &'a [Finding], now: i64, line: Option<u64>) -> Self {
        let exp = token
            .claims()
            .and_then(|c| c.get("exp"))
            .and_then(crate::claims::numeric_date)
            .map(|e| e as i64 - now);
        DecodedJson {
            header: &token.header,
            payload: PayloadJson(&token.payload),
            is_jwt: token.claims().is_some(),
            signature_verified: false,
            times: blocks::times_json(token, now),
            expires_in: exp,
            warnings: found,
            line,
        }
    }
}

/// A batch line that holds no token.
#[derive(Serialize)]
struct Malformed<'a> {
    malformed: bool,
    error: String,
    hint: &'a str,
    line: u64,
}

impl<'a> Malformed<'a> {
    fn new(line: u64, error: String, hint: &'a str) -> Self {
        Malformed {
            malformed: true,
            error,
            hint,
            line,
        }
    }
}

/// One JSON line per token, in order (decoded on all cores when it pays); a summary on stderr;
/// exit 3 if any line was malformed.
fn batch(
    ctx: &Ctx,
    reader: Box<dyn std::io::BufRead + Send>,
    size: Option<u64>,
    now: i64,
) -> crate::error::Result<()> {
    let tally = crate::commands::batch::run(ctx.quiet, reader, size, |out, number, text| {
        let code = match text.map(|t| Token::parse(normalize(t))) {
            Ok(Ok(token)) => {
                let found = findings(&token, now, LONG_LIFETIME);
                write_json(out, &DecodedJson::new(&token, &found, now, Some(number)));
                ExitCode::Ok
            }
            Ok(Err(e)) => {
                write_json(out, &Malformed::new(number, e.to_string(), e.hint()));
                ExitCode::Malformed
            }
            Err(p) => {
                write_json(
                    out,
                    &Malformed::new(number, p.message(), TokenError::TooLong(0).hint()),
                );
                ExitCode::Malformed
            }
        };
        out.push(b'\n');
        code
    })?;
    let bad = tally.count(ExitCode::Malformed);
    if !ctx.quiet {
        eprintln!(
            "jwtctl: {} tokens: {} decoded, {bad} malformed",
            tally.total(),
            tally.total() - bad
        );
    }
    if bad > 0 {
        return Err(Verdict(ExitCode::Malformed).into());
    }
    Ok(())
}

fn write_json(out: &mut Vec<u8>, v: &impl Serialize) {
    serde_json::to_writer(&mut *out, v).expect("serialising to memory does not fail");
}
