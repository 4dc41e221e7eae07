//! Batch mode: many tokens, one per line, in and out, in order.

use predicates::prelude::*;
use serde_json::Value;

use crate::support::*;

/// Tokens are issued and judged at fixed times, so verdicts do not depend on the clock.
const AT: &str = "1800000000";
const LATER: &str = "1800007200";

fn issue(args: &[&str]) -> String {
    stdout_of(with_secret().args(["issue", "--at", AT]).args(args))
}

/// A token signed with another secret: its signature does not verify.
fn forged() -> String {
    stdout_of(
        jwtctl()
            .env("JWTCTL_SECRET", "another-secret-another-secret-00")
            .args(["issue", "--at", AT, "--sub", "mallory"]),
    )
}

/// Runs `verify` over `input` on stdin in batch mode, judged at `AT` unless `extra` names
/// another time; returns (exit code, JSON lines, stderr).
fn verify_batch(input: &[u8], extra: &[&str]) -> (i32, Vec<Value>, String) {
    let mut cmd = with_secret();
    cmd.args(["verify", "--batch", "--json"]);
    if !extra.contains(&"--at") {
        cmd.args(["--at", AT]);
    }
    let out = cmd
        .args(extra)
        .write_stdin(input.to_vec())
        .output()
        .expect("runs");
    parse_lines(out)
}

fn parse_lines(out: std::process::Output) -> (i32, Vec<Value>, String) {
    let lines = String::from_utf8(out.stdout)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect();
    (
        out.status.code().expect("exit code"),
        lines,
        String::from_utf8(out.stderr).expect("utf-8"),
    )
}

fn numbers(lines: &[Value]) -> Vec<u64> {
    lines.iter().map(|v| v["line"].as_u64().unwrap()).collect()
}

#[test]
fn order_is_kept_and_the_exit_code_is_the_worst_outcome() {
    let ok = issue(&["--sub", "alice", "--ttl", "5h"]);
    let short = issue(&["--sub", "bob", "--ttl", "1h"]);
    let bad = forged();
    let input = format!("{ok}\n{short}\n{bad}\n{ok}\n");
    let (code, lines, stderr) = verify_batch(input.as_bytes(), &["--at", LATER]);
    assert_eq!(numbers(&lines), [1, 2, 3, 4]);
    let valid: Vec<bool> = lines.iter().map(|v| v["valid"] == true).collect();
    assert_eq!(valid, [true, false, false, true]);
    assert_eq!(lines[0]["payload"]["sub"], "alice");
    assert_eq!(lines[1]["exit_code"], 5);
    assert_eq!(lines[2]["exit_code"], 4);
    // A forgery outranks an expiry.
    assert_eq!(code, 4, "{stderr}");
    assert_eq!(
        stderr.trim(),
        "jwtctl: 4 tokens: 2 valid, 1 bad signature, 1 expired"
    );

    // Without the forgery, the worst is the expiry.
    let input = format!("{ok}\n{short}\n{ok}\n");
    let (code, _, _) = verify_batch(input.as_bytes(), &["--at", LATER]);
    assert_eq!(code, 5);
    // And 0 only when every token passed.
    let (code, lines, _) = verify_batch(format!("{ok}\n{ok}\n").as_bytes(), &[]);
    assert_eq!((code, lines.len()), (0, 2));
}

#[test]
fn claim_failures_count_too() {
    let a = issue(&["--sub", "alice"]);
    let b = issue(&["--sub", "bob"]);
    let (code, lines, stderr) = verify_batch(format!("{a}\n{b}\n").as_bytes(), &["--sub", "alice"]);
    assert_eq!(code, 6);
    assert_eq!(lines[1]["failures"][0]["check"], "sub");
    assert!(stderr.contains("1 valid, 1 failed claims"), "{stderr}");
}

#[test]
fn malformed_lines_are_reported_and_the_stream_goes_on() {
    let ok = issue(&["--sub", "alice"]);
    let mut input = Vec::new();
    input.extend_from_slice(format!("{ok}\nnot a token\na.b\n").as_bytes());
    input.extend_from_slice(b"\xff\xfe.\xfd.x\n");
    input.extend_from_slice(format!("{ok}\n").as_bytes());
    let (code, lines, stderr) = verify_batch(&input, &[]);
    assert_eq!(numbers(&lines), [1, 2, 3, 4, 5]);
    assert_eq!(code, 3, "{stderr}");
    for l in &lines[1..4] {
        assert_eq!(l["kind"], "malformed");
        assert_eq!(l["valid"], false);
        assert_eq!(l["exit_code"], 3);
        assert!(l["hint"].is_string());
    }
    assert!(lines[2]["error"]
        .as_str()
        .unwrap()
        .contains("this one has 2"));
    assert_eq!(lines[3]["error"], "line is not UTF-8 text");
    assert_eq!(lines[4]["valid"], true);
    assert!(stderr.contains("2 valid, 3 malformed"), "{stderr}");
}

#[test]
fn an_over_long_line_is_reported_without_stopping_the_stream() {
    let ok = issue(&["--sub", "alice"]);
    let mut input = format!("{ok}\n").into_bytes();
    input.extend(std::iter::repeat_n(b'a', 1024 * 1024 + 100));
    input.extend_from_slice(format!("\n{ok}\n").as_bytes());
    let (code, lines, _) = verify_batch(&input, &[]);
    assert_eq!(numbers(&lines), [1, 2, 3]);
    assert!(lines[1]["error"].as_str().unwrap().contains("over the"));
    assert_eq!(lines[2]["valid"], true);
    assert_eq!(code, 3);
}

#[test]
fn blank_lines_are_skipped_but_counted() {
    let ok = issue(&["--sub", "alice"]);
    let input = format!("\n\n{ok}\n   \n\t\r\n{ok}\r\n\n");
    let (code, lines, stderr) = verify_batch(input.as_bytes(), &[]);
    assert_eq!(code, 0);
    assert_eq!(numbers(&lines), [3, 6]);
    assert_eq!(stderr.trim(), "jwtctl: 2 tokens: 2 valid");
}

#[test]
fn authorization_header_lines_are_read() {
    let ok = issue(&["--sub", "alice"]);
    let input =
        format!("Authorization: Bearer {ok}\nBearer {ok}\nauthorization: bearer {ok}\n  {ok}  \n");
    let (code, lines, _) = verify_batch(input.as_bytes(), &[]);
    assert_eq!(code, 0);
    assert_eq!(lines.len(), 4);
    assert!(lines.iter().all(|l| l["valid"] == true));
}

#[test]
fn empty_input_is_a_failure() {
    for input in ["", "\n\n  \n"] {
        let (code, lines, stderr) = verify_batch(input.as_bytes(), &[]);
        assert_eq!(code, 3);
        assert!(lines.is_empty());
        assert!(
            stderr.starts_with("jwtctl: the input holds no tokens"),
            "{stderr}"
        );
    }
    let dir = tempdir();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    for cmd in ["verify", "decode"] {
        with_secret()
            .args([cmd, "--file"])
            .arg(&empty)
            .assert()
            .code(3)
            .stdout("");
    }
}

#[test]
fn two_lines_on_stdin_are_a_batch_and_one_is_not() {
    let ok = issue(&["--sub", "alice"]);
    let out = with_secret()
        .args(["verify", "--json", "--at", AT])
        .write_stdin(format!("{ok}\n\n{ok}\n"))
        .output()
        .unwrap();
    let (code, lines, _) = parse_lines(out);
    assert_eq!((code, numbers(&lines)), (0, vec![1, 3]));

    with_secret()
        .args(["verify", "--at", AT])
        .write_stdin(format!("\n{ok}\n"))
        .assert()
        .success()
        .stdout(predicates::str::contains("✓ token valid"));
}

#[test]
fn a_batch_line_has_the_single_token_fields_plus_the_line_number() {
    let ok = issue(&["--sub", "alice", "--aud", "api"]);
    let mut single: Value = serde_json::from_str(&stdout_of(with_secret().args([
        "verify", "--output", "json", "--at", AT, "--aud", "api", &ok,
    ])))
    .unwrap();
    assert_eq!(
        single.as_object_mut().unwrap().remove("line"),
        Some(1.into())
    );
    let (_, lines, _) = verify_batch(format!("{ok}\n{ok}\n").as_bytes(), &["--aud", "api"]);
    let mut line = lines[1].clone();
    assert_eq!(line.as_object_mut().unwrap().remove("line"), Some(2.into()));
    assert_eq!(line, single);

    let mut single: Value = serde_json::from_str(&stdout_of(
        jwtctl().args(["decode", "--output", "json", "--at", AT, &ok]),
    ))
    .unwrap();
    single.as_object_mut().unwrap().remove("line");
    let out = jwtctl()
        .args(["decode", "--batch", "--json", "--at", AT])
        .write_stdin(format!("{ok}\n"))
        .output()
        .unwrap();
    let (code, lines, _) = parse_lines(out);
    assert_eq!(code, 0);
    let mut line = lines[0].clone();
    assert_eq!(line.as_object_mut().unwrap().remove("line"), Some(1.into()));
    assert_eq!(line, single);
}

#[test]
fn quiet_prints_nothing_but_keeps_the_exit_code() {
    let ok = issue(&["--sub", "alice", "--ttl", "1h"]);
    with_secret()
        .args(["-q", "verify", "--batch", "--at", LATER])
        .write_stdin(format!("{ok}\n{ok}\n"))
        .assert()
        .code(5)
        .stdout("")
        .stderr("");
}

#[test]
fn decode_batch_streams_every_line_and_reports_malformed_ones() {
    let a = issue(&["--sub", "alice"]);
    let b = forged();
    let input = format!("{a}\n\nBearer {b}\nnope\n{a}\n");
    let out = jwtctl()
        .args(["decode", "--batch", "--json", "--at", AT])
        .write_stdin(input)
        .output()
        .unwrap();
    let (code, lines, stderr) = parse_lines(out);
    assert_eq!(numbers(&lines), [1, 3, 4, 5]);
    assert_eq!(lines[0]["payload"]["sub"], "alice");
    assert_eq!(lines[1]["payload"]["sub"], "mallory");
    assert_eq!(lines[1]["signature_verified"], false);
    assert_eq!(lines[2]["kind"], "malformed");
    assert_eq!(code, 3);
    assert_eq!(stderr.trim(), "jwtctl: 4 tokens: 3 decoded, 1 malformed");
}

/// A long input finishes, keeps its order across the blocks read and checked in parallel, and
/// shows no progress when stderr is not a terminal (as here: it is captured).
#[test]
fn a_100000_line_input_finishes_in_order() {
    let ok = issue(&["--sub", "alice", "--ttl", "5h"]);
    let expired = issue(&["--sub", "bob", "--ttl", "1h"]);
    let dir = tempdir();
    let path = dir.path().join("tokens.txt");
    let mut text = String::with_capacity(100_000 * (ok.len() + 1));
    for i in 0..100_000 {
        text.push_str(if i % 1000 == 999 { &expired } else { &ok });
        text.push('\n');
    }
    std::fs::write(&path, text).unwrap();

    let out = with_secret()
        .args(["verify", "--json", "--at", LATER, "--file"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "jwtctl: 100000 tokens: 99900 valid, 100 expired\n"
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let mut n = 0;
    for (i, line) in stdout.lines().enumerate() {
        n += 1;
        assert!(
            line.ends_with(&format!(",\"line\":{}}}", i + 1)),
            "line {} out of order: {line}",
            i + 1
        );
        let expect_valid = i % 1000 != 999;
        assert_eq!(line.contains("\"valid\":true,"), expect_valid, "{line}");
    }
    assert_eq!(n, 100_000);

    let out = jwtctl()
        .args(["decode", "--at", AT, "--file"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "jwtctl: 100000 tokens: 100000 decoded, 0 malformed\n"
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().lines().count(),
        100_000
    );
}

/// A slow producer (`tail -f access.log | jwtctl verify --batch`) gets each answer as soon as
/// its line is in, not when a block fills or the input ends.
#[test]
fn answers_stream_while_the_input_is_still_open() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command, Stdio};

    let ok = issue(&["--sub", "alice"]);
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("jwtctl"))
        .env("JWTCTL_SECRET", SECRET)
        .args(["verify", "--batch", "--json", "--at", AT])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            tx.send(line.unwrap()).unwrap();
        }
    });
    let wait = std::time::Duration::from_secs(60);
    for n in 1..=3 {
        writeln!(stdin, "{ok}").unwrap();
        stdin.flush().unwrap();
        let line = rx
            .recv_timeout(wait)
            .expect("an answer while stdin is still open");
        assert!(line.ends_with(&format!("\"line\":{n}}}")), "{line}");
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
    reader.join().unwrap();
}

#[test]
fn an_unreadable_file_is_a_runtime_error_with_a_hint() {
    let dir = tempdir();
    with_secret()
        .args(["verify", "--file"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            predicates::str::contains("it is a directory").and(predicates::str::contains("hint:")),
        );
    with_secret()
        .args(["verify", "--file"])
        .arg(dir.path().join("missing.txt"))
        .assert()
        .code(1)
        .stderr(predicates::str::contains("cannot read"));
}

/// Batch lines pass a token's header and claims on as written when they fit on one line, and
/// serialise them again when they hold line breaks (RFC 7515 A.1's header has CR LF): either way
/// one line of JSON that says what the single-token output says.
#[test]
fn header_and_claims_as_written_stay_one_line_and_mean_the_same() {
    let spaced = hs256(
        r#"{"alg": "HS256", "typ": "JWT"}"#,
        r#"{"sub": "caf\u00e9", "n": 1.5e3, "exp": 1900000000}"#,
    );
    let broken = hs256(
        "{\"alg\":\"HS256\",\r\n \"typ\":\"JWT\"}",
        "{\"sub\":\"a\",\r\n \"exp\":1900000000}",
    );
    for token in [&spaced, &broken] {
        let mut single: Value = serde_json::from_str(&stdout_of(
            with_secret().args(["verify", "--output", "json", "--at", AT, token]),
        ))
        .unwrap();
        single.as_object_mut().unwrap().remove("line");
        let out = with_secret()
            .args(["verify", "--batch", "--json", "--at", AT])
            .write_stdin(format!("{token}\n{token}\n"))
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert_eq!(text.lines().count(), 2, "{text}");
        let (code, lines, _) = parse_lines(std::process::Output {
            stdout: text.clone().into_bytes(),
            ..out
        });
        assert_eq!(code, 0, "{text}");
        let mut line = lines[0].clone();
        line.as_object_mut().unwrap().remove("line");
        assert_eq!(line, single, "{text}");
        assert_eq!(lines[0]["payload"]["sub"], single["payload"]["sub"]);
    }
}
