//! `jwtctl lint`: findings with severities and --fail-on.

use predicates::prelude::*;
use serde_json::Value;

use crate::support::*;

fn token_with_secret(secret: &str, args: &[&str]) -> String {
    stdout_of(
        jwtctl()
            .env("JWTCTL_SECRET", secret)
            .args(["issue", "--sub", "a", "--allow-weak-secret"])
            .args(args),
    )
}

#[test]
fn a_clean_token_has_no_findings() {
    let t = token_with_secret(SECRET, &[]);
    jwtctl()
        .args(["lint", &t])
        .assert()
        .success()
        .stdout("no findings\n");
}

#[test]
fn the_tutorial_secret_is_guessed_without_printing_it() {
    let t = token_with_secret("mysecretkey123", &[]);
    jwtctl()
        .args(["lint", &t])
        .assert()
        .code(6)
        .stdout(predicate::str::contains("critical secret-guessed"))
        .stdout(predicate::str::contains("built-in list entry #2, 14 bytes"))
        .stdout(predicate::str::contains("mysecretkey123").not());
}

#[test]
fn a_wordlist_is_tried_and_the_line_reported() {
    let dir = tempdir();
    let list = dir.path().join("words.txt");
    let mut words: Vec<String> = (0..5000).map(|i| format!("candidate-{i}")).collect();
    words.push("correct horse battery staple".into());
    std::fs::write(&list, words.join("\n")).unwrap();
    let t = token_with_secret("correct horse battery staple", &[]);
    let out = jwtctl()
        .args(["lint", "--output", "json", "--wordlist"])
        .arg(&list)
        .arg(&t)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["findings"][0]["id"], "secret-guessed");
    assert!(v["findings"][0]["message"]
        .as_str()
        .unwrap()
        .contains("word list line 5001"));
}

#[test]
fn missing_exp_and_long_lifetime_are_findings_and_fail_on_sets_the_bar() {
    let no_exp = hs256(
        r#"{"alg":"HS256","typ":"JWT"}"#,
        r#"{"sub":"svc","iat":1700000000}"#,
    );
    jwtctl()
        .args(["lint", &no_exp])
        .assert()
        .code(6)
        .stdout(predicate::str::contains("high     no-exp"));
    jwtctl()
        .args(["lint", "--fail-on", "critical", &no_exp])
        .assert()
        .success()
        .stdout(predicate::str::contains("high     no-exp"));
    let t = token_with_secret(SECRET, &["--ttl", "3d"]);
    jwtctl()
        .args(["lint", &t])
        .assert()
        .success()
        .stdout(predicate::str::contains("medium   long-lifetime"));
    jwtctl()
        .args(["lint", "--fail-on", "medium", &t])
        .assert()
        .code(6);
    jwtctl()
        .args(["lint", "--max-lifetime", "4d", &t])
        .assert()
        .success()
        .stdout("no findings\n");
}

#[test]
fn key_material_is_checked_when_given() {
    let t = token_with_secret("short-but-not-in-any-list", &[]);
    jwtctl()
        .env("JWTCTL_SECRET", "short-but-not-in-any-list")
        .args(["lint", "--secret-env", "JWTCTL_SECRET", &t])
        .assert()
        .code(6)
        .stdout(predicate::str::contains("high     weak-secret"));
    jwtctl()
        .env("JWTCTL_SECRET", SECRET)
        .args([
            "lint",
            "--fail-on",
            "critical",
            "--secret-env",
            "JWTCTL_SECRET",
            &t,
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("key-mismatch"));
}

#[test]
fn header_tricks_are_reported() {
    use base64::Engine;
    let e = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let t = format!(
        "{}.{}.",
        e.encode(r#"{"alg":"none","jwk":{"kty":"oct","k":"AA"},"kid":"' OR 1=1 --"}"#),
        e.encode(r#"{"sub":"a","iat":4102444800,"exp":4102448400,"card_number":"4111"}"#)
    );
    let out = jwtctl()
        .args([
            "lint",
            "--output",
            "json",
            "--at",
            "2026-01-01T00:00:00Z",
            &t,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    for id in [
        "alg-none",
        "header-key",
        "kid-odd",
        "iat-future",
        "sensitive-claim",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    assert_eq!(v["findings"][0]["level"], "critical");
}

#[test]
fn batch_lint_streams_one_line_per_token() {
    let good = token_with_secret(SECRET, &[]);
    // Another issuer: the word list is tried once per (alg, iss, kid) group.
    let weak = token_with_secret("secret", &["--iss", "legacy"]);
    let out = jwtctl()
        .args(["lint", "--batch", "--json"])
        .write_stdin(format!("{good}\n\nnot-a-token\n{weak}\n"))
        .output()
        .unwrap();
    // The guessed secret decides the exit code, though a line is malformed.
    assert_eq!(out.status.code(), Some(6));
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["line"], 1);
    assert_eq!(lines[1]["kind"], "malformed");
    assert_eq!(lines[2]["line"], 4);
    assert_eq!(lines[2]["findings"][0]["id"], "secret-guessed");
}
