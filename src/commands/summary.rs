//! `--summary`: what a batch held, counted as it streams by, so an audit needs no jq.
//!
//! Workers count their own lines (`ChunkStats`, unbounded but at most one task's lines); the
//! writer folds chunks into the `Summary` in input order, where every list is bounded. A value
//! is listed when it is met while its list has room, so the lists keep the first distinct values
//! in input order and never depend on how the lines were split between cores.

use std::io::Write;

use indexmap::IndexMap;
use serde::Serialize;

use crate::commands::report::SCHEMA;
use crate::error::ExitCode;

/// Distinct `sub` values kept per failure kind.
const SUBS_KEPT: usize = 20;
/// Distinct values kept for alg, kid, iss, checks and findings.
const VALUES_KEPT: usize = 100;

/// One task's counts.
#[derive(Default)]
pub struct ChunkStats {
    checks: IndexMap<&'static str, u64>,
    findings: IndexMap<&'static str, u64>,
    alg: IndexMap<String, u64>,
    kid: IndexMap<String, u64>,
    iss: IndexMap<String, u64>,
    sub_by_check: IndexMap<&'static str, IndexMap<String, u64>>,
    sub_by_finding: IndexMap<&'static str, IndexMap<String, u64>>,
}

/// What one token contributes: its header and claims that are counted, and what failed.
pub struct TokenFacts<'a> {
    pub alg: Option<&'a str>,
    pub kid: Option<&'a str>,
    pub iss: Option<&'a serde_json::Value>,
    pub sub: Option<&'a serde_json::Value>,
}

impl ChunkStats {
    pub fn token(
        &mut self,
        facts: &TokenFacts,
        checks: &[&'static str],
        findings: &[&'static str],
    ) {
        if let Some(a) = facts.alg {
            bump(&mut self.alg, a);
        }
        if let Some(k) = facts.kid {
            bump(&mut self.kid, k);
        }
        if let Some(i) = facts.iss {
            bump(&mut self.iss, &text(i));
        }
        let sub = facts.sub.map(text);
        count_kinds(
            &mut self.checks,
            &mut self.sub_by_check,
            checks,
            sub.as_deref(),
        );
        count_kinds(
            &mut self.findings,
            &mut self.sub_by_finding,
            findings,
            sub.as_deref(),
        );
    }

    /// A token judged by its findings alone (`decode`, `lint`): no checks ran.
    pub fn findings_of(
        &mut self,
        token: &crate::token::Token,
        found: &[crate::diagnostics::Finding],
    ) {
        let ids: Vec<&'static str> = found.iter().map(|f| f.id).collect();
        let claims = token.claims();
        self.token(
            &TokenFacts {
                alg: Some(token.alg_name()),
                kid: token.kid(),
                iss: claims.and_then(|c| c.get("iss")),
                sub: claims.and_then(|c| c.get("sub")),
            },
            &[],
            &ids,
        );
    }

    /// A line that holds no token.
    pub fn malformed(&mut self) {
        *self.checks.entry("parse").or_default() += 1;
    }
}

/// Counts each kind once per token (a token with two `aud` failures is one token).
fn count_kinds(
    counts: &mut IndexMap<&'static str, u64>,
    subs: &mut IndexMap<&'static str, IndexMap<String, u64>>,
    kinds: &[&'static str],
    sub: Option<&str>,
) {
    for (i, k) in kinds.iter().enumerate() {
        if kinds[..i].contains(k) {
            continue;
        }
        *counts.entry(k).or_default() += 1;
        if let Some(s) = sub {
            bump(subs.entry(k).or_default(), s);
        }
    }
}

fn bump(map: &mut IndexMap<String, u64>, key: &str) {
    match map.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            map.insert(key.to_string(), 1);
        }
    }
}

/// A string claim as itself, anything else as its JSON text.
fn text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Counts of at most `keep` distinct values, and how many tokens had another value.
#[derive(Debug, Serialize)]
pub struct Bounded {
    values: IndexMap<String, u64>,
    rest: u64,
    #[serde(skip)]
    keep: usize,
}

impl Bounded {
    fn new(keep: usize) -> Bounded {
        Bounded {
            values: IndexMap::new(),
            rest: 0,
            keep,
        }
    }

    fn add(&mut self, key: &str, n: u64) {
        if let Some(c) = self.values.get_mut(key) {
            *c += n;
        } else if self.values.len() < self.keep {
            self.values.insert(key.to_string(), n);
        } else {
            self.rest += n;
        }
    }

    fn absorb<K: AsRef<str>>(&mut self, chunk: &IndexMap<K, u64>) {
        for (k, n) in chunk {
            self.add(k.as_ref(), *n);
        }
    }

    /// Largest counts first (ties in the order met), for reading and for JSON.
    fn sort(&mut self) {
        self.values.sort_by(|_, a, _, b| b.cmp(a));
    }

    fn line(&self) -> String {
        let mut parts: Vec<String> = self
            .values
            .iter()
            .map(|(k, n)| format!("{} {n}", crate::output::sanitize(k)))
            .collect();
        if self.rest > 0 {
            parts.push(format!("{} more", self.rest));
        }
        if parts.is_empty() {
            "none".into()
        } else {
            parts.join(", ")
        }
    }
}

/// The whole batch's counts: the `--summary json` object.
#[derive(Debug, Serialize)]
pub struct Summary {
    schema: &'static str,
    kind: &'static str,
    command: &'static str,
    tokens: u64,
    valid: u64,
    invalid: u64,
    malformed: u64,
    interrupted: bool,
    exit_code: i32,
    exit_codes: IndexMap<String, u64>,
    failed_checks: Bounded,
    findings: Bounded,
    alg: Bounded,
    kid: Bounded,
    iss: Bounded,
    sub_by_check: IndexMap<&'static str, Bounded>,
    sub_by_finding: IndexMap<&'static str, Bounded>,
}

impl Summary {
    pub fn new(command: &'static str) -> Summary {
        Summary {
            schema: SCHEMA,
            kind: "summary",
            command,
            tokens: 0,
            valid: 0,
            invalid: 0,
            malformed: 0,
            interrupted: false,
            exit_code: 0,
            exit_codes: IndexMap::new(),
            failed_checks: Bounded::new(VALUES_KEPT),
            findings: Bounded::new(VALUES_KEPT),
            alg: Bounded::new(VALUES_KEPT),
            kid: Bounded::new(VALUES_KEPT),
            iss: Bounded::new(VALUES_KEPT),
            sub_by_check: IndexMap::new(),
            sub_by_finding: IndexMap::new(),
        }
    }

    /// Folds in one chunk; chunks come in input order.
    pub fn absorb(&mut self, c: &ChunkStats) {
        self.failed_checks.absorb(&c.checks);
        self.findings.absorb(&c.findings);
        self.alg.absorb(&c.alg);
        self.kid.absorb(&c.kid);
        self.iss.absorb(&c.iss);
        for (k, subs) in &c.sub_by_check {
            self.sub_by_check
                .entry(k)
                .or_insert_with(|| Bounded::new(SUBS_KEPT))
                .absorb(subs);
        }
        for (k, subs) in &c.sub_by_finding {
            self.sub_by_finding
                .entry(k)
                .or_insert_with(|| Bounded::new(SUBS_KEPT))
                .absorb(subs);
        }
    }

    /// Sets the outcome counts from the batch's tally and sorts the lists for output.
    pub fn finish(&mut self, tally: &crate::commands::batch::Tally, exit: ExitCode) {
        self.tokens = tally.total();
        self.valid = tally.count(ExitCode::Ok);
        self.malformed = tally.count(ExitCode::Malformed);
        self.invalid = self.tokens - self.valid;
        self.interrupted = tally.interrupted;
        self.exit_code = exit.code();
        self.exit_codes = tally
            .seen()
            .map(|(c, n)| (c.code().to_string(), n))
            .collect();
        for b in [
            &mut self.failed_checks,
            &mut self.findings,
            &mut self.alg,
            &mut self.kid,
            &mut self.iss,
        ] {
            b.sort();
        }
        for b in self.sub_by_check.values_mut() {
            b.sort();
        }
        for b in self.sub_by_finding.values_mut() {
            b.sort();
        }
    }

    pub fn print_json(&self) -> crate::error::Result<()> {
        let mut text = serde_json::to_vec(self)?;
        text.push(b'\n');
        let mut out = std::io::stdout().lock();
        out.write_all(&text)?;
        out.flush()?;
        Ok(())
    }

    /// The human summary, on stderr.
    pub fn print_human(&self) {
        let mut t = format!(
            "jwtctl: summary of {} tokens{}: {} valid, {} invalid ({} malformed)\n",
            self.tokens,
            if self.interrupted {
                " (interrupted)"
            } else {
                ""
            },
            self.valid,
            self.invalid,
            self.malformed
        );
        let rows: [(&str, &Bounded); 5] = [
            ("failed checks", &self.failed_checks),
            ("findings", &self.findings),
            ("alg", &self.alg),
            ("kid", &self.kid),
            ("iss", &self.iss),
        ];
        for (name, b) in rows {
            t.push_str(&format!("  {name:<15}{}\n", b.line()));
        }
        for (heading, map) in [
            ("sub by failed check", &self.sub_by_check),
            ("sub by finding", &self.sub_by_finding),
        ] {
            if map.is_empty() {
                continue;
            }
            t.push_str(&format!("  {heading}:\n"));
            for (k, b) in map {
                t.push_str(&format!("    {k:<16}{}\n", b.line()));
            }
        }
        let _ = std::io::stderr().write_all(t.as_bytes());
    }
}
