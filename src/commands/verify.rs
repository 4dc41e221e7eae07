//! `jwtctl verify`: every check, a verdict, and the exit code a script branches on.

use std::io::Write;

use rayon::prelude::*;
use serde_json::{json, Value};

use crate::checks::{self, KeySet, Policy, Report, TokenUse};
use crate::cli::{ReportOutput, VerifyArgs};
use crate::context::Ctx;
use crate::error::{ExitCode, Verdict};
use crate::input::{self, Tokens};
use crate::output::blocks;
use crate::token::{normalize, Token, TokenError};

/// Lines verified together in batch mode: enough to keep both cores busy, few enough that
/// memory stays flat however long the input is.
const CHUNK: usize = 2048;

pub fn run(ctx: &Ctx, args: VerifyArgs) -> anyhow::Result<()> {
    let json_out = args.json || args.output == ReportOutput::Json;
    // The token is read before the keys: its kid decides whether a cached remote key set is
    // still good enough.
    let tokens = input::tokens(
        args.input.token.as_deref(),
        args.input.file.as_deref(),
        args.input.batch,
    )?;
    let single = match &tokens {
        Tokens::One(text) => Some(Token::parse(normalize(text))?),
        Tokens::Many(_) => None,
    };
    let keys = load_keys(&args, single.as_ref().and_then(Token::kid))?;
    let policy = Policy {
        algs: if args.alg.is_empty() {
            Vec::new()
        } else {
            args.alg.clone()
        },
        leeway: args.leeway.as_secs().min(365 * 24 * 3600) as i64,
        // An OIDC issuer's tokens carry it as iss (OpenID Connect Discovery 4.3).
        iss: args.iss.clone().or_else(|| args.oidc.clone()),
        aud: args.aud.clone(),
        sub: args.sub.clone(),
        require: args.require.clone(),
        scopes: crate::claims::split_scopes(&args.scope),
        token_use: args.token_use.map(|u| match u {
            crate::cli::TokenUse::Access => TokenUse::Access,
            crate::cli::TokenUse::Refresh => TokenUse::Refresh,
        }),
        jws_only: args.jws,
    };
    let users = if args.check_user || ctx.users_explicit {
        Some(crate::store::Users::load(&ctx.users, ctx.users_format)?)
    } else {
        None
    };
    let now = args.at.unwrap_or_else(jiff::Timestamp::now);
    let job = Job {
        keys,
        policy,
        users,
        now,
    };

    match (tokens, single) {
        (_, Some(token)) => {
            let report = job.check(&token);
            let code = report.exit_code();
            if json_out {
                crate::commands::print(
                    &report_json(&token, &report, now.as_second(), None).to_string(),
                )?;
            } else if !ctx.quiet {
                print_human(ctx, &token, &report, now.as_second(), args.jws)?;
            }
            if code != ExitCode::Ok {
                return Err(Verdict(code).into());
            }
            Ok(())
        }
        (Tokens::Many(reader), _) => batch(ctx, &job, reader),
        (Tokens::One(_), None) => unreachable!("a single token is parsed above"),
    }
}

struct Job {
    keys: KeySet,
    policy: Policy,
    users: Option<crate::store::Users>,
    now: jiff::Timestamp,
}

impl Job {
    fn check(&self, token: &Token) -> Report {
        let mut report = checks::verify(token, &self.keys, &self.policy, self.now);
        if let (Some(users), Some(claims)) = (&self.users, token.claims()) {
            if report.signature_valid {
                if let Some(problem) = users.check_subject(claims) {
                    report.failures.push(checks::Failure {
                        check: "user",
                        exit_code: ExitCode::Claims.code(),
                        message: problem,
                        hint: Some("the users file decides who may still use their tokens".into()),
                        code: ExitCode::Claims,
                    });
                }
            }
        }
        report
    }

    /// One batch line as a JSON line and its outcome.
    fn line(&self, number: u64, text: Result<String, String>) -> (String, ExitCode) {
        let (v, code) = match text.as_deref().map(|t| Token::parse(normalize(t))) {
            Ok(Ok(token)) => {
                let report = self.check(&token);
                let code = report.exit_code();
                (
                    report_json(&token, &report, self.now.as_second(), Some(number)),
                    code,
                )
            }
            Ok(Err(e)) => (
                malformed(number, &e.to_string(), e.hint()),
                ExitCode::Malformed,
            ),
            Err(e) => (
                malformed(number, e, TokenError::TooLong(0).hint()),
                ExitCode::Malformed,
            ),
        };
        (v.to_string(), code)
    }
}

fn load_keys(args: &VerifyArgs, kid: Option<&str>) -> anyhow::Result<KeySet> {
    let fetcher = crate::remote::Fetcher::from_env(args.allow_http);
    let location = match (&args.jwks, &args.oidc) {
        (Some(j), _) => Some(j.clone()),
        (None, Some(issuer)) => Some(fetcher.discover(issuer)?),
        (None, None) => None,
    };
    if let Some(location) = location {
        return Ok(KeySet::jwks(crate::jwks::load(&location, &fetcher, kid)?));
    }
    let key = crate::commands::key_source(&args.key).load()?;
    Ok(KeySet::single(key))
}

fn malformed(line: u64, err: &str, hint: &str) -> Value {
    json!({
        "line": line,
        "valid": false,
        "exit_code": ExitCode::Malformed.code(),
        "failures": [{"check": "parse", "exit_code": ExitCode::Malformed.code(), "message": err, "hint": hint}],
    })
}

pub fn report_json(token: &Token, report: &Report, now: i64, line: Option<u64>) -> Value {
    let mut v = json!({
        "valid": report.valid(),
        "exit_code": report.exit_code().code(),
        "alg": token.alg_name(),
        "kid": token.kid(),
        "key": report.key,
        "failures": report.failures,
        "warnings": report.warnings,
        "expires_in": report.expires_in,
        "token_use": token.claims().map(checks::TokenUse::of),
        "header": Value::Object(token.header.clone()),
        "payload": blocks::payload_json(token),
    });
    let _ = now;
    if let Some(n) = line {
        v["line"] = json!(n);
    }
    v
}

fn print_human(
    ctx: &Ctx,
    token: &Token,
    report: &Report,
    now: i64,
    jws: bool,
) -> anyhow::Result<()> {
    let s = &ctx.out;
    let mut out = String::new();
    if report.valid() {
        let what = if jws {
            "signature valid"
        } else {
            "token valid"
        };
        out.push_str(&format!(
            "{}  {} signature verified with {}\n",
            s.ok(&format!("✓ {what}")),
            token.alg_name(),
            report.key.as_deref().unwrap_or("the key")
        ));
    } else {
        let n = report.failures.len();
        out.push_str(&format!(
            "{}  {n} check{} failed (exit {})\n",
            s.bad("✗ token invalid"),
            if n == 1 { "" } else { "s" },
            report.exit_code().code()
        ));
        for f in &report.failures {
            out.push_str(&format!(
                "  {} {}: {}\n",
                s.bad("✗"),
                f.check,
                crate::output::sanitize(&f.message)
            ));
            if let Some(h) = &f.hint {
                // Hints quote the token (its kid): attacker-controlled text.
                out.push_str(&format!(
                    "    {} {}\n",
                    s.dim("hint:"),
                    crate::output::sanitize(h)
                ));
            }
        }
    }
    out.push_str(&blocks::render(token, now, s));
    std::io::stdout().lock().write_all(out.as_bytes())?;
    for w in &report.warnings {
        crate::output::warn(w);
    }
    Ok(())
}

/// Streams JSON lines in input order. Chunks are verified on all cores and written in order.
fn batch(ctx: &Ctx, job: &Job, reader: Box<dyn std::io::BufRead + Send>) -> anyhow::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut counts: Vec<(ExitCode, u64)> = Vec::new();
    let mut worst = ExitCode::Ok;
    let mut lines = input::Lines::new(reader);
    let mut chunk = Vec::with_capacity(CHUNK);
    loop {
        chunk.clear();
        for line in lines.by_ref().take(CHUNK) {
            let line = line?;
            chunk.push((line.number, line.text));
        }
        if chunk.is_empty() {
            break;
        }
        let results: Vec<(String, ExitCode)> = if chunk.len() > 64 {
            chunk.par_drain(..).map(|(n, t)| job.line(n, t)).collect()
        } else {
            chunk.drain(..).map(|(n, t)| job.line(n, t)).collect()
        };
        for (text, code) in results {
            if !ctx.quiet {
                out.write_all(text.as_bytes())?;
                out.write_all(b"\n")?;
            }
            worst = worst.worst(code);
            match counts.iter_mut().find(|(c, _)| *c == code) {
                Some((_, n)) => *n += 1,
                None => counts.push((code, 1)),
            }
        }
    }
    out.flush()?;
    if !ctx.quiet {
        let total: u64 = counts.iter().map(|(_, n)| n).sum();
        let mut parts: Vec<String> = Vec::new();
        counts.sort_by_key(|(c, _)| c.code());
        for (code, n) in &counts {
            parts.push(format!("{n} {}", outcome_name(*code)));
        }
        eprintln!(
            "jwtctl: {total} tokens: {}",
            if parts.is_empty() {
                "none".into()
            } else {
                parts.join(", ")
            }
        );
    }
    if worst != ExitCode::Ok {
        return Err(Verdict(worst).into());
    }
    Ok(())
}

fn outcome_name(code: ExitCode) -> &'static str {
    match code {
        ExitCode::Ok => "valid",
        ExitCode::Malformed => "malformed",
        ExitCode::Signature => "bad signature",
        ExitCode::Expired => "expired",
        ExitCode::Claims => "failed claims",
        ExitCode::Auth => "unauthenticated",
        ExitCode::Runtime | ExitCode::Usage => "errors",
    }
}
