//! `jwtctl verify`: every check, a verdict, and the exit code a script branches on.

use std::io::Write;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::alg::Family;
use crate::checks::{self, KeySet, Policy, Report, TokenUse};
use crate::cli::VerifyArgs;
use crate::commands::batch::{PayloadJson, PayloadText, Tally};
use crate::commands::report::{
    add_column, exp_text, finish, line_problem_hint, malformed_line, parse_single, place, sub_text,
    write_json, Format, SCHEMA,
};
use crate::commands::summary::{ChunkStats, Summary, TokenFacts};
use crate::commands::tsv;
use crate::context::Ctx;
use crate::error::{ExitCode, Failure, Verdict};
use crate::input::{self, LineProblem, Tokens};
use crate::keys::KeyError;
use crate::output::blocks;
use crate::token::{normalize, Jws, Scratch, Token, TokenView};
use crate::warning::Warnings;

pub fn run(ctx: &Ctx, args: VerifyArgs) -> crate::error::Result<()> {
    crate::time_text::show_in(args.date);
    let format = Format::new(
        &args.report,
        ctx.quiet,
        &tsv::VERIFY_FIELDS,
        args.input.extract,
    )?;
    // The token is read before the keys: its kid decides whether a cached remote key set is
    // still good enough.
    let tokens = input::tokens(
        &ctx.stdin,
        args.input.token.as_deref(),
        args.input.file.as_deref(),
        args.input.batch || args.input.extract,
    )?;
    let single = match &tokens {
        Tokens::One(text) => Some(parse_single(text, args.input.token.as_deref(), &format)?),
        Tokens::Many(_) => None,
    };
    // What loading found to warn about goes to stderr now and into each JSON report.
    let mut loaded = Warnings::new();
    let keys = ctx.told_and_kept(&mut loaded, |w| load_keys(ctx, &args, single.as_ref(), w))?;
    let policy = policy(&args);
    let users = if args.check_user || ctx.users_given {
        // One token needs one user: a large users file is then not parsed whole.
        let sub = single
            .as_ref()
            .and_then(Token::claims)
            .and_then(|c| c.get("sub"))
            .and_then(serde_json::Value::as_str);
        Some(ctx.told_and_kept(&mut loaded, |w| match sub {
            Some(sub) => ctx.read_user(sub, w),
            None => ctx.read_users(w),
        })?)
    } else {
        None
    };
    let now = args.at.unwrap_or_else(jiff::Timestamp::now);
    let job = Job {
        keys,
        policy,
        users,
        now,
        loaded,
    };

    match (tokens, single) {
        (_, Some(token)) => {
            let mut report = job.check(&token);
            let code = report.exit_code();
            if format.json {
                job.add_loaded(&mut report);
                let mut out = Vec::new();
                write_report_line(&mut out, &token, &report, 1);
                crate::commands::print(&String::from_utf8_lossy(&out))?;
            } else if let Some(fields) = &format.tsv {
                let mut out = Vec::new();
                tsv::write_row(&mut out, fields, &job.row(&token, &report, (1, None)));
                format.begin()?;
                std::io::stdout().lock().write_all(&out)?;
            } else if format.per_token {
                print_human(ctx, &token, &report, now.as_second(), args.jws)?;
            }
            if format.summary.is_some() {
                let mut stats = ChunkStats::default();
                job.count(&mut stats, &token, &report);
                let mut summary = Summary::new("verify");
                summary.absorb(&stats);
                let mut tally = Tally::default();
                tally.add(code);
                let quiet = Format {
                    count_line: false,
                    ..format.clone()
                };
                return finish(&quiet, &tally, summary, code, String::new);
            }
            if code != ExitCode::Ok {
                return Err(Verdict(code).into());
            }
            Ok(())
        }
        (Tokens::Many(reader), _) => batch(
            ctx,
            &job,
            &format,
            args.input.extract,
            reader,
            crate::commands::batch::file_size(args.input.file.as_deref()),
        ),
        (Tokens::One(_), None) => unreachable!("a single token is parsed above"),
    }
}

/// The checks the flags ask for. `ui`'s verification panel builds its policy here too, so the
/// page judges a token exactly as this command does.
pub fn policy(args: &VerifyArgs) -> Policy {
    Policy {
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
        // An access token unless told otherwise: a refresh token is never a bearer token.
        token_use: args.token_use.0,
        ignore_aud: args.ignore_aud,
        jws_only: args.jws,
    }
}

struct Job {
    keys: KeySet,
    policy: Policy,
    users: Option<crate::users::Users>,
    now: jiff::Timestamp,
    /// Warnings from loading keys and users, ahead of each report's own in JSON output.
    loaded: Warnings,
}

thread_local! {
    /// Where a batch line's token is decoded: one buffer per thread, reused line after line.
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

impl Job {
    fn check(&self, token: &Token) -> Report {
        let mut report = checks::verify(token, &self.keys, &self.policy, self.now);
        if let (Some(users), Some(claims)) = (&self.users, token.claims()) {
            if report.signature_valid {
                if let Some(problem) = users.check_subject(claims) {
                    report.failures.push(checks::FailedCheck {
                        check: "user",
                        failure: Failure::new(ExitCode::Claims, problem)
                            .hint("the users file decides who may still use their tokens"),
                    });
                }
            }
        }
        report
    }

    /// The `--output tsv` row of a checked token.
    fn row<'a>(
        &self,
        token: &'a Token,
        report: &'a Report,
        (line, column): (u64, Option<u64>),
    ) -> tsv::Row<'a> {
        let verdict = if report.valid() { "valid" } else { "invalid" };
        tsv::Row {
            failed: &report.failures,
            ..tsv::Row::of(
                token,
                (verdict, report.exit_code()),
                &report.warnings,
                self.now.as_second(),
                (line, column),
            )
        }
    }

    fn add_loaded(&self, report: &mut Report) {
        if !self.loaded.is_empty() {
            report.warnings.splice(0..0, self.loaded.iter().cloned());
        }
    }

    /// Counts one token for `--summary`: its failed checks, and its warnings and the keyless
    /// findings (long lifetime, alg none) by id.
    fn count(&self, stats: &mut ChunkStats, token: &Token, report: &Report) {
        let checks: Vec<&'static str> = report.failures.iter().map(|f| f.check).collect();
        let mut findings: Vec<&'static str> = report.warnings.iter().map(|w| w.id).collect();
        findings.extend(
            crate::diagnostics::findings(
                token,
                self.now.as_second(),
                crate::diagnostics::LONG_LIFETIME,
            )
            .iter()
            .map(|f| f.id),
        );
        let claims = token.claims();
        stats.token(
            &TokenFacts {
                alg: Some(token.alg_name()),
                kid: token.kid(),
                iss: claims.and_then(|c| c.get("iss")),
                sub: claims.and_then(|c| c.get("sub")),
            },
            &checks,
            &findings,
        );
    }

    /// A checked token's line, in JSON (written by `json_line`) or for people, unless `--only`
    /// leaves it out; returns its outcome.
    #[allow(clippy::too_many_arguments)] // write_line's state, passed through as it is
    fn answer<J: Jws>(
        &self,
        ctx: &Ctx,
        format: &Format,
        out: &mut Vec<u8>,
        token: &J,
        mut report: Report,
        (number, column): (u64, Option<u64>),
        json_line: fn(&mut Vec<u8>, &J, &Report, u64),
    ) -> ExitCode {
        let code = report.exit_code();
        if format.per_token && format.selected(code) {
            if format.json {
                self.add_loaded(&mut report);
                json_line(out, token, &report, number);
                add_column(out, column);
                out.push(b'\n');
            } else {
                human_line(ctx, out, token, &report, &place(number, column));
            }
        }
        code
    }

    /// One batch line: its output appended to `out` (unless `--only` leaves it out), its counts,
    /// and its outcome.
    fn write_line(
        &self,
        ctx: &Ctx,
        format: &Format,
        out: &mut Vec<u8>,
        stats: &mut ChunkStats,
        (number, column): (u64, Option<u64>),
        text: Result<&str, LineProblem>,
    ) -> ExitCode {
        // Read in place when nothing asks for more than the checks and the JSON or human line
        // need: the users file, the summary and TSV rows read a parsed token.
        if let (Ok(t), None, None, None) = (text, &self.users, format.summary, &format.tsv) {
            let lean = SCRATCH.with_borrow_mut(|scratch| {
                let token = TokenView::parse(normalize(t), scratch)?;
                let report = checks::verify(&token, &self.keys, &self.policy, self.now);
                let place = (number, column);
                Some(self.answer(ctx, format, out, &token, report, place, write_view_line))
            });
            if let Some(code) = lean {
                return code;
            }
        }
        let parsed = text.map(|t| Token::parse(normalize(t)));
        let (message, hint) = match parsed {
            Ok(Ok(token)) => {
                let report = self.check(&token);
                if format.summary.is_some() {
                    self.count(stats, &token, &report);
                }
                let place = (number, column);
                if let (false, Some(fields)) = (format.json, &format.tsv) {
                    let code = report.exit_code();
                    if format.per_token && format.selected(code) {
                        tsv::write_row(out, fields, &self.row(&token, &report, place));
                    }
                    return code;
                }
                return self.answer(ctx, format, out, &token, report, place, write_report_line);
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
            "✗ malformed",
        )
    }
}

/// The human batch line: verdict, sub, expiry and the first failure.
fn human_line(ctx: &Ctx, out: &mut Vec<u8>, token: &impl Jws, report: &Report, number: &str) {
    let s = &ctx.out;
    let verdict = if report.valid() {
        s.ok("✓ valid")
    } else {
        s.bad(&format!("✗ exit {}", report.exit_code().code()))
    };
    let claims = token.claims();
    let _ = write!(
        out,
        "line {number}  {verdict}  sub {}  exp {}",
        sub_text(claims),
        exp_text(claims)
    );
    if let Some(f) = report.failures.first() {
        let _ = write!(
            out,
            "  {}: {}",
            f.check,
            crate::output::sanitize(&f.failure.message)
        );
    }
    out.push(b'\n');
}

fn load_keys(
    ctx: &Ctx,
    args: &VerifyArgs,
    token: Option<&Token>,
    warnings: &mut Warnings,
) -> crate::error::Result<KeySet> {
    let kid = token.and_then(Token::kid);
    if let Some(set) = load_key_set(args, kid, warnings)? {
        return Ok(set);
    }
    let key = crate::commands::key_source(ctx, &args.key)
        .load(warnings)
        .map_err(|e| {
            match (e, token.and_then(|t| t.alg.clone().ok())) {
                // Nothing was given and the token is not HMAC: name the key it needs rather than
                // the unset secret variable.
                (KeyError::NoSecret { .. }, Some(alg)) if alg.family() != Family::Hmac => {
                    KeyError::NoKey { alg }
                }
                (e, _) => e,
            }
        })?;
    Ok(KeySet::single(key))
}

/// The key set `--jwks` or `--oidc` names, if one does.
pub fn load_key_set(
    args: &VerifyArgs,
    kid: Option<&str>,
    warnings: &mut Warnings,
) -> crate::error::Result<Option<KeySet>> {
    let roots = match (&args.ca_file, args.system_roots) {
        (Some(file), _) => crate::remote::Roots::from_file(file)?,
        (None, true) => crate::remote::Roots::System,
        (None, false) => crate::remote::Roots::Bundled,
    };
    let fetcher = crate::remote::Fetcher::from_env(args.allow_http, roots);
    let location = match (&args.jwks, &args.oidc) {
        (Some(j), _) => j.clone(),
        (None, Some(issuer)) => fetcher.discover(issuer, warnings)?,
        (None, None) => return Ok(None),
    };
    let keys = crate::jwks::load(&location, &fetcher, kid, warnings)?;
    Ok(Some(KeySet::jwks(keys)))
}

/// The JSON report of one token (`--output json`, and each batch line), borrowing from the
/// token and the report: batch mode writes it straight out without copying claims.
#[derive(Serialize)]
pub struct ReportJson<'a> {
    #[serde(flatten)]
    outcome: Outcome<'a>,
    header: &'a Map<String, Value>,
    payload: PayloadJson<'a>,
    payload_text: PayloadText<'a>,
    line: u64,
}

/// The report's fields before the token's own header and payload.
#[derive(Serialize)]
struct Outcome<'a> {
    schema: &'static str,
    kind: &'static str,
    valid: bool,
    exit_code: i32,
    alg: &'a str,
    kid: Option<&'a str>,
    key: &'a Option<String>,
    failures: &'a [checks::FailedCheck],
    warnings: &'a [crate::warning::Warning],
    expires_in: Option<i64>,
    token_use: Option<TokenUse>,
}

impl<'a> Outcome<'a> {
    fn new(token: &'a impl Jws, report: &'a Report) -> Self {
        Outcome {
            schema: SCHEMA,
            kind: "verify",
            valid: report.valid(),
            exit_code: report.exit_code().code(),
            alg: token.alg_name(),
            kid: token.kid(),
            key: &report.key,
            failures: &report.failures,
            warnings: &report.warnings,
            expires_in: report.expires_in,
            token_use: token.claims().map(checks::TokenUse::of),
        }
    }
}

impl Outcome<'_> {
    /// Writes the object as `write_json` would, field by field: serde's generic path spends a
    /// tenth of a batch line on field names known in advance. The unit tests hold the two to
    /// the same bytes.
    fn write(&self, out: &mut Vec<u8>) {
        let text = |out: &mut Vec<u8>, s: Option<&str>| match s {
            Some(s) => write_json(out, &s),
            None => out.extend_from_slice(b"null"),
        };
        out.extend_from_slice(b"{\"schema\":");
        text(out, Some(self.schema));
        out.extend_from_slice(b",\"kind\":");
        text(out, Some(self.kind));
        let mut digits = itoa::Buffer::new();
        out.extend_from_slice(match self.valid {
            true => b",\"valid\":true,\"exit_code\":",
            false => b",\"valid\":false,\"exit_code\":",
        });
        out.extend_from_slice(digits.format(self.exit_code).as_bytes());
        out.extend_from_slice(b",\"alg\":");
        text(out, Some(self.alg));
        out.extend_from_slice(b",\"kid\":");
        text(out, self.kid);
        out.extend_from_slice(b",\"key\":");
        text(out, self.key.as_deref());
        out.extend_from_slice(b",\"failures\":");
        match self.failures {
            [] => out.extend_from_slice(b"[]"),
            f => write_json(out, &f),
        }
        out.extend_from_slice(b",\"warnings\":");
        match self.warnings {
            [] => out.extend_from_slice(b"[]"),
            w => write_json(out, &w),
        }
        out.extend_from_slice(b",\"expires_in\":");
        match self.expires_in {
            Some(n) => out.extend_from_slice(digits.format(n).as_bytes()),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(match self.token_use {
            None => b",\"token_use\":null}",
            Some(TokenUse::Access) => b",\"token_use\":\"access\"}",
            Some(TokenUse::Refresh) => b",\"token_use\":\"refresh\"}",
        });
    }
}

impl<'a> ReportJson<'a> {
    pub fn new(token: &'a Token, report: &'a Report, line: u64) -> Self {
        ReportJson {
            outcome: Outcome::new(token, report),
            header: &token.header,
            payload: PayloadJson(&token.payload),
            payload_text: PayloadText(&token.payload),
            line,
        }
    }
}

/// One batch line for a checked token. The header and claims go out as the token carries them
/// (decoded JSON objects the parser has checked) when that is safe on one line, with no control
/// characters and so no line breaks: serialising the maps again is a third of a line's cost.
/// Otherwise (RFC 7515 A.1's header holds CR LF) they are serialised from the maps.
pub fn write_report_line(out: &mut Vec<u8>, token: &Token, report: &Report, number: u64) {
    let one_line = |json: &[u8]| json.iter().fold(true, |ok, &b| ok & (b >= 0x20));
    match token.claims_json() {
        Some(claims) if one_line(token.header_json()) && one_line(claims) => {
            write_raw_line(out, token, (token.header_json(), claims), report, number)
        }
        _ => write_json(out, &ReportJson::new(token, report, number)),
    }
}

/// [`write_report_line`] for a token read in place.
pub fn write_view_line(out: &mut Vec<u8>, token: &TokenView, report: &Report, number: u64) {
    write_raw_line(
        out,
        token,
        (token.header_json(), token.claims_json()),
        report,
        number,
    )
}

/// [`write_report_line`] with the header and claims as the token carries them, on one line.
fn write_raw_line(
    out: &mut Vec<u8>,
    token: &impl Jws,
    (header, claims): (&[u8], &[u8]),
    report: &Report,
    number: u64,
) {
    Outcome::new(token, report).write(out);
    out.pop(); // the closing brace: the object goes on
    out.extend_from_slice(b",\"header\":");
    out.extend_from_slice(header);
    out.extend_from_slice(b",\"payload\":");
    out.extend_from_slice(claims);
    out.extend_from_slice(b",\"payload_text\":null,\"line\":");
    out.extend_from_slice(itoa::Buffer::new().format(number).as_bytes());
    out.push(b'}');
}

fn print_human(
    ctx: &Ctx,
    token: &Token,
    report: &Report,
    now: i64,
    jws: bool,
) -> crate::error::Result<()> {
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
                crate::output::sanitize(&f.failure.message)
            ));
            if let Some(h) = &f.failure.hint {
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
        ctx.tell(w);
    }
    Ok(())
}

/// Streams one line per token in input order (checked on all cores when it pays), then the
/// count or summary; the exit code is the worst outcome.
fn batch(
    ctx: &Ctx,
    job: &Job,
    format: &Format,
    extract: bool,
    reader: Box<dyn std::io::BufRead + Send>,
    size: Option<u64>,
) -> crate::error::Result<()> {
    let mut summary = Summary::new("verify");
    format.begin()?;
    let tally = crate::commands::batch::run(
        ctx.quiet,
        extract,
        reader,
        size,
        &mut summary,
        |out, stats, number, column, text| {
            job.write_line(ctx, format, out, stats, (number, column), text)
        },
    )?;
    finish(format, &tally, summary, tally.worst(), || {
        let parts: Vec<String> = tally
            .seen()
            .map(|(code, n)| format!("{n} {}", outcome_name(code)))
            .collect();
        format!("{} tokens: {}", tally.total(), parts.join(", "))
    })
}

fn outcome_name(code: ExitCode) -> &'static str {
    match code {
        ExitCode::Ok => "valid",
        ExitCode::Malformed => "malformed",
        ExitCode::Signature => "bad signature",
        ExitCode::Expired => "expired",
        ExitCode::Claims => "failed claims",
        ExitCode::Auth => "unauthenticated",
        ExitCode::Runtime
        | ExitCode::Usage
        | ExitCode::NoSuchUser
        | ExitCode::UserExists
        | ExitCode::NoUsersFile
        | ExitCode::Interrupted => "errors",
    }
}

#[cfg(test)]
mod tests;
