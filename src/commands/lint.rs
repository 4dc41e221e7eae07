//! `jwtctl lint`: a defensive audit of tokens and, optionally, the key material behind them.

use std::io::{BufRead, Write};

use rayon::prelude::*;
use serde::Serialize;

use crate::alg::{Alg, Family};
use crate::cli::LintArgs;
use crate::commands::batch::Tally;
use crate::commands::report::{
    add_column, finish, line_problem_hint, malformed_line, parse_single, place, write_json, Format,
    SCHEMA,
};
use crate::commands::summary::{ChunkStats, Summary};
use crate::commands::tsv;
use crate::context::Ctx;
use crate::diagnostics::{findings, Finding, Level};
use crate::error::{ExitCode, Failure, Verdict};
use crate::input::{self, Tokens};
use crate::keys::{Key, Material, Secret};
use crate::token::{normalize, Token};

/// Secrets seen in tutorials, framework docs and leaked configs. Short on purpose: a real
/// word list comes with --wordlist.
const COMMON_SECRETS: [&str; 17] = [
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
    // jwtctl's own README example, which will be pasted somewhere it should not be.
    "examples-only-secret-never-deploy-it",
];

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
    let guesser = Guesser {
        words: words.as_deref(),
        groups: Default::default(),
    };
    let lint = |token: &Token| lint_with(token, now, max_life, key.as_ref(), &guesser);
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

/// Every finding for one token, most severe first: what `decode` points out, the known-secret
/// guesses for HMAC tokens, and the strength and fit of the key when one is given. The batch
/// path keeps a guesser per run; the debugger page lints one token at a time through this.
#[cfg(feature = "serve")]
pub fn lint_token(
    token: &Token,
    now: i64,
    max_life: i64,
    key: Option<&Key>,
    words: Option<&[Vec<u8>]>,
) -> Vec<Finding> {
    let guesser = Guesser {
        words,
        groups: Default::default(),
    };
    lint_with(token, now, max_life, key, &guesser)
}

fn lint_with(
    token: &Token,
    now: i64,
    max_life: i64,
    key: Option<&Key>,
    guesser: &Guesser,
) -> Vec<Finding> {
    let mut f = findings(token, now, max_life);
    if let Ok(alg) = token.alg {
        if alg.family() == Family::Hmac {
            f.extend(guesser.guess(token, alg));
        }
        if let Some(k) = key {
            f.extend(key_findings(token, alg, k));
        }
    }
    f.sort_by_key(|x| std::cmp::Reverse(x.level));
    f
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

/// Tokens that share alg, iss and kid are almost always signed with the same secret.
type Group = (Alg, Option<String>, Option<String>);

/// What is known of a group's secret.
#[derive(Clone)]
enum Known {
    /// Another thread is searching: search too rather than wait (waiting on a rayon thread
    /// could deadlock when it picks up a line of the same group).
    Searching,
    /// This candidate verified a token of the group: try it first.
    Found { secret: Vec<u8>, place: String },
    /// No candidate verified the group's first token: not searched again.
    Clean,
}

/// Tries the built-in list and the word list as the HMAC secret, once per (alg, iss, kid)
/// group: a secret found is tried first on the group's other tokens, and a group whose first
/// token matched no candidate is not searched again. That turns a word list from a cost per
/// token into a cost per signing key. The secret found is never printed whole: the report says
/// where in the list it is.
struct Guesser<'a> {
    words: Option<&'a [Vec<u8>]>,
    groups: std::sync::Mutex<std::collections::HashMap<Group, Known>>,
}

impl Guesser<'_> {
    fn guess(&self, token: &Token, alg: Alg) -> Option<Finding> {
        let group: Group = (
            alg,
            token
                .claims()
                .and_then(|c| c.get("iss"))
                .map(|v| v.to_string()),
            token.kid().map(str::to_string),
        );
        let known = {
            let mut groups = self.groups.lock().ok()?;
            match groups.get(&group) {
                Some(k) => k.clone(),
                None => {
                    groups.insert(group.clone(), Known::Searching);
                    Known::Searching
                }
            }
        };
        match known {
            Known::Found { secret, place } => {
                if matches(token, alg, &secret) {
                    return Some(cracked(place, secret.len()));
                }
                // Another secret in the same group: search for this token alone.
                search(token, alg, self.words).map(|(_, place, len)| cracked(place, len))
            }
            Known::Clean => None,
            Known::Searching => {
                let found = search(token, alg, self.words);
                let state = match &found {
                    Some((secret, place, _)) => Known::Found {
                        secret: secret.clone(),
                        place: place.clone(),
                    },
                    None => Known::Clean,
                };
                if let Ok(mut groups) = self.groups.lock() {
                    groups.insert(group, state);
                }
                found.map(|(_, place, len)| cracked(place, len))
            }
        }
    }
}

fn matches(token: &Token, alg: Alg, candidate: &[u8]) -> bool {
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
}

/// The built-in list, then the word list on all cores: the secret, where it is, its length.
fn search(token: &Token, alg: Alg, words: Option<&[Vec<u8>]>) -> Option<(Vec<u8>, String, usize)> {
    if let Some(i) = COMMON_SECRETS
        .iter()
        .position(|w| matches(token, alg, w.as_bytes()))
    {
        let w = COMMON_SECRETS[i].as_bytes();
        return Some((
            w.to_vec(),
            format!("built-in list entry #{}", i + 1),
            w.len(),
        ));
    }
    let words = words?;
    let hit = words
        .par_iter()
        .position_first(|w| matches(token, alg, w))?;
    Some((
        words[hit].clone(),
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
