//! `jwtctl lint`: a defensive audit of tokens and, optionally, the key material behind them.

use std::io::{BufRead, Write};

use rayon::prelude::*;
use serde_json::json;

use crate::alg::{Alg, Family};
use crate::cli::{LintArgs, ReportOutput};
use crate::context::Ctx;
use crate::diagnostics::{findings, Finding, Level};
use crate::error::{ExitCode, Failure, Verdict};
use crate::input::{self, Tokens};
use crate::keys::{Key, Material, Secret};
use crate::token::{normalize, Token};

/// Secrets seen in tutorials, framework docs and leaked configs. Short on purpose: a real
/// word list comes with --wordlist.
const COMMON_SECRETS: [&str; 16] = [
    "secret",
    "mysecretkey123",
    "your-256-bit-secret",
    "your-secret-key",
    "your_secret_key",
    "secretkey",
    "secret-key",
    "supersecret",
    "changeme",
    "password",
    "jwt_secret",
    "jwtsecret",
    "key",
    "test",
    "123456",
    // The FastAPI tutorial's SECRET_KEY, copied into many real deployments.
    "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7",
];

pub fn run(ctx: &Ctx, args: LintArgs) -> crate::error::Result<()> {
    let now = args.at.unwrap_or_else(jiff::Timestamp::now).as_second();
    let max_life = args.max_lifetime.as_secs() as i64;
    let key = load_optional_key(&args)?;
    let words = match &args.wordlist {
        Some(p) => Some(read_wordlist(p)?),
        None => None,
    };
    let lint = |token: &Token| lint_token(token, now, max_life, key.as_ref(), words.as_deref());
    let json_out = args.output == ReportOutput::Json;
    let mut worst = ExitCode::Ok;
    match input::tokens(
        args.input.token.as_deref(),
        args.input.file.as_deref(),
        args.input.batch,
    )? {
        Tokens::One(text) => {
            let token = Token::parse(normalize(&text))?;
            let found = lint(&token);
            if found.iter().any(|f| f.level >= args.fail_on) {
                worst = ExitCode::Claims;
            }
            if json_out {
                crate::commands::print(&json!({"findings": found}).to_string())?;
            } else if !ctx.quiet {
                print_human(ctx, &found)?;
            }
        }
        Tokens::Many(reader) => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            for line in input::Lines::new(reader) {
                let line = line?;
                let v = match line.text.as_deref().map(|t| Token::parse(normalize(t))) {
                    Ok(Ok(token)) => {
                        let found = lint(&token);
                        if found.iter().any(|f| f.level >= args.fail_on) {
                            worst = worst.worst(ExitCode::Claims);
                        }
                        json!({"line": line.number, "findings": found})
                    }
                    Ok(Err(e)) => {
                        worst = worst.worst(ExitCode::Malformed);
                        json!({"line": line.number, "malformed": true, "error": e.to_string()})
                    }
                    Err(e) => {
                        worst = worst.worst(ExitCode::Malformed);
                        json!({"line": line.number, "malformed": true, "error": e})
                    }
                };
                serde_json::to_writer(&mut out, &v)?;
                out.write_all(b"\n")?;
            }
            out.flush()?;
        }
    }
    if worst != ExitCode::Ok {
        return Err(Verdict(worst).into());
    }
    Ok(())
}

/// Every finding for one token, most severe first: what `decode` points out, the known-secret
/// guesses for HMAC tokens, and the strength and fit of the key when one is given.
pub fn lint_token(
    token: &Token,
    now: i64,
    max_life: i64,
    key: Option<&Key>,
    words: Option<&[Vec<u8>]>,
) -> Vec<Finding> {
    let mut f = findings(token, now, max_life);
    if let Ok(alg) = token.alg {
        if alg.family() == Family::Hmac {
            f.extend(guess_secret(token, alg, words));
        }
        if let Some(k) = key {
            f.extend(key_findings(token, alg, k));
        }
    }
    f.sort_by_key(|x| std::cmp::Reverse(x.level));
    f
}

fn print_human(ctx: &Ctx, found: &[Finding]) -> crate::error::Result<()> {
    let s = &ctx.out;
    let mut text = String::new();
    if found.is_empty() {
        text.push_str(&s.ok("no findings"));
        text.push('\n');
    }
    for f in found {
        let label = format!("{:<8}", f.level.name());
        let label = match f.level {
            Level::Critical | Level::High => s.bad(&label),
            Level::Medium => s.warn(&label),
            Level::Low | Level::Info => s.dim(&label),
        };
        text.push_str(&format!(
            "{label} {:<16} {}\n",
            f.id,
            crate::output::sanitize(&f.message)
        ));
    }
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(())
}

/// Loads key material only when the user passed some: lint works without a key, and a secret
/// the shell happens to export ($JWTCTL_SECRET) is not the key of a token found in a log.
fn load_optional_key(args: &LintArgs) -> crate::error::Result<Option<Key>> {
    let k = &args.key;
    let given =
        k.key.is_some() || k.secret_file.is_some() || k.secret.is_some() || k.secret_env.is_some();
    if !given {
        return Ok(None);
    }
    Ok(Some(crate::commands::load_key(k)?))
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

/// Tries the built-in list and the word list as the HMAC secret, on all cores. The secret
/// found is never printed whole: the report says where in the list it is.
fn guess_secret(token: &Token, alg: Alg, words: Option<&[Vec<u8>]>) -> Option<Finding> {
    let matches = |candidate: &[u8]| -> bool {
        let Ok(secret) = Secret::new(candidate.to_vec()) else {
            return false;
        };
        let key = Key {
            material: Material::Secret(secret),
            kid: None,
            usage: Default::default(),
            source: String::new(),
        };
        key.verifier(alg)
            .map(|v| v.verify(token.signing_input(), &token.signature))
            .unwrap_or(false)
    };
    if let Some(i) = COMMON_SECRETS.iter().position(|w| matches(w.as_bytes())) {
        return Some(cracked(
            format!("built-in list entry #{}", i + 1),
            COMMON_SECRETS[i].len(),
        ));
    }
    let words = words?;
    let hit = words.par_iter().position_first(|w| matches(w))?;
    Some(cracked(
        format!("word list line {}", hit + 1),
        words[hit].len(),
    ))
}

fn cracked(place: String, len: usize) -> Finding {
    Finding {
        level: Level::Critical,
        id: "secret-guessed",
        message: format!(
            "the HMAC secret is a known word ({place}, {len} bytes): anyone can forge tokens; rotate it with `jwtctl keygen`"
        ),
    }
}

fn key_findings(token: &Token, alg: Alg, key: &Key) -> Vec<Finding> {
    let mut out = Vec::new();
    match &key.material {
        Material::Secret(s) => {
            if let Some(min) = alg.min_secret_len() {
                if s.len() < min {
                    out.push(Finding {
                        level: Level::High,
                        id: "weak-secret",
                        message: format!(
                            "the HMAC secret is {} bytes, shorter than {alg}'s {min}: it can be brute-forced",
                            s.len()
                        ),
                    });
                }
            }
        }
        _ => {
            if let Some(bits) = key.public().and_then(|p| p.rsa_bits()) {
                if bits < 2048 {
                    out.push(Finding {
                        level: Level::High,
                        id: "weak-rsa",
                        message: format!("the RSA key has {bits} bits; 2048 is the minimum"),
                    });
                }
            }
        }
    }
    match key.verifier(alg) {
        Ok(v) if v.verify(token.signing_input(), &token.signature) => {}
        Ok(_) => out.push(Finding {
            level: Level::Info,
            id: "key-mismatch",
            message: format!("the token's signature does not verify with {}", key.source),
        }),
        Err(e) => out.push(Finding {
            level: Level::High,
            id: "key-mismatch",
            message: e.to_string(),
        }),
    }
    out
}
