//! `jwtctl decode`: show a token without a key, and say plainly that nothing was verified.

use std::io::Write;

use serde_json::{json, Value};

use crate::cli::{DecodeArgs, ReportOutput};
use crate::context::Ctx;
use crate::diagnostics::{findings, Finding, LONG_LIFETIME};
use crate::error::{ExitCode, Verdict};
use crate::input::{self, Tokens};
use crate::output::blocks;
use crate::token::{normalize, Token, TokenError};

pub fn run(ctx: &Ctx, args: DecodeArgs) -> anyhow::Result<()> {
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
        Tokens::Many(reader) => batch(ctx, reader, now),
    }
}

pub fn decoded_json(token: &Token, found: &[Finding], now: i64) -> Value {
    let exp = token
        .claims()
        .and_then(|c| c.get("exp"))
        .and_then(crate::claims::numeric_date)
        .map(|e| e as i64 - now);
    json!({
        "header": Value::Object(token.header.clone()),
        "payload": blocks::payload_json(token),
        "is_jwt": token.claims().is_some(),
        "signature_verified": false,
        "times": blocks::times_json(token, now),
        "expires_in": exp,
        "warnings": found,
    })
}

fn malformed_json(line: Option<u64>, err: &str, hint: &str) -> Value {
    let mut v = json!({
        "malformed": true,
        "error": err,
        "hint": hint,
    });
    if let Some(n) = line {
        v["line"] = json!(n);
    }
    v
}

/// One JSON line per token, in order; a summary on stderr; exit 3 if any line was malformed.
fn batch(ctx: &Ctx, reader: Box<dyn std::io::BufRead + Send>, now: i64) -> anyhow::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let (mut ok, mut bad) = (0u64, 0u64);
    for line in input::Lines::new(reader) {
        let line = line?;
        let v = match line.text.as_deref().map(|t| Token::parse(normalize(t))) {
            Ok(Ok(token)) => {
                ok += 1;
                let mut v = decoded_json(&token, &findings(&token, now, LONG_LIFETIME), now);
                v["line"] = json!(line.number);
                v
            }
            Ok(Err(e)) => {
                bad += 1;
                malformed_json(Some(line.number), &e.to_string(), e.hint())
            }
            Err(e) => {
                bad += 1;
                malformed_json(Some(line.number), e, TokenError::TooLong(0).hint())
            }
        };
        serde_json::to_writer(&mut out, &v)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    if !ctx.quiet {
        eprintln!("jwtctl: {} tokens: {ok} decoded, {bad} malformed", ok + bad);
    }
    if bad > 0 {
        return Err(Verdict(ExitCode::Malformed).into());
    }
    Ok(())
}
