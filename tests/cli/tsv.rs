//! `--output tsv` and `--fields` for verify, decode and lint: a header line, then one row per
//! input token whatever the count, cells that never break a row, and what does not combine.

use predicates::prelude::*;

use crate::support::*;

const AT: &str = "1800000000";

fn issue(args: &[&str]) -> String {
    stdout_of(with_secret().args(["issue", "--at", AT]).args(args))
}

fn forged(sub: &str) -> String {
    stdout_of(
        jwtctl()
            .env("JWTCTL_SECRET", "another-secret-another-secret-00")
            .args(["issue", "--at", AT, "--sub", sub]),
    )
}

/// stdout, stderr and exit code of a run.
fn run(cmd: &mut assert_cmd::Command) -> (String, String, i32) {
    let out = cmd.output().expect("runs");
    (
        String::from_utf8(out.stdout).expect("utf-8"),
        String::from_utf8(out.stderr).expect("utf-8"),
        out.status.code().expect("exit code"),
    )
}

fn rows(stdout: &str) -> Vec<Vec<&str>> {
    stdout.lines().map(|l| l.split('\t').collect()).collect()
}

#[test]
fn verify_writes_a_header_and_one_row_per_line_whatever_the_count() {
    let good = issue(&[
        "--sub",
        "alice",
        "--iss",
        "https://auth.example",
        "--ttl",
        "1h",
    ]);
    let bad = forged("mallory");
    let input = format!("{good}\nnot a token\n{bad}\n");
    let (out, err, code) = run(with_secret()
        .args(["verify", "--batch", "--at", AT, "--output", "tsv"])
        .write_stdin(input));
    assert_eq!(code, 3, "the worst outcome, as in every batch");
    assert_eq!(
        out,
        "line\tverdict\texit_code\tfailed\talg\tkid\tiss\tsub\texp\terror\n\
         1\tvalid\t0\t\tHS256\t\thttps://auth.example\talice\t2027-01-15T09:00:00Z\t\n\
         2\tmalformed\t3\t\t\t\t\t\t\tthe token contains characters that are not printable ASCII\n\
         3\tinvalid\t4\tsignature\tHS256\t\t\tmallory\t2027-01-15T08:30:00Z\tsignature does not verify with $JWTCTL_SECRET (HS256)\n"
    );
    assert!(err.contains("3 tokens"), "{err}");

    // One token, as an argument: the same header and one row, not the human blocks.
    let (out, _, code) = run(with_secret().args(["verify", "--at", AT, "-o", "tsv", &good]));
    assert_eq!(code, 0);
    assert_eq!(rows(&out).len(), 2);
    assert_eq!(rows(&out)[1][..3], ["1", "valid", "0"]);

    // A malformed single token still gets its row, and its error on stderr.
    let (out, err, code) = run(with_secret().args(["verify", "-o", "tsv", "abc"]));
    assert_eq!(code, 3);
    assert_eq!(rows(&out)[1][..3], ["1", "malformed", "3"]);
    assert!(err.contains("hint:"), "{err}");
}

#[test]
fn fields_pick_the_columns_and_any_claim_or_header_field() {
    let long = issue(&[
        "--sub",
        "svc",
        "--ttl",
        "48h",
        "--kid",
        "k1",
        "--aud",
        "a",
        "--aud",
        "b",
        "--claim",
        "role=admin",
    ]);
    let (out, _, code) = run(jwtctl()
        .args([
            "decode",
            "--at",
            AT,
            "-o",
            "tsv",
            "--fields",
            "sub,lifetime,expires_in,aud,payload.role,header.kid,findings,level,payload.none",
        ])
        .arg(&long));
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "sub\tlifetime\texpires_in\taud\tpayload.role\theader.kid\tfindings\tlevel\tpayload.none\n\
         svc\t172800\t172800\t[\"a\",\"b\"]\tadmin\tk1\tlong-lifetime\tmedium\t\n"
    );
}

#[test]
fn cells_with_tabs_newlines_and_escapes_stay_on_their_row() {
    let nasty = issue(&["--sub", "ev\til\nrow\\two\u{1b}[31m"]);
    let (out, _, code) = run(with_secret()
        .args([
            "verify", "--batch", "--at", AT, "-o", "tsv", "--fields", "line,sub",
        ])
        .write_stdin(format!("{nasty}\n{nasty}\n")));
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "line\tsub\n1\tev\\til\\nrow\\\\two\\u{001b}[31m\n2\tev\\til\\nrow\\\\two\\u{001b}[31m\n"
    );
}

#[test]
fn lint_and_extract_rows_carry_verdict_level_and_column() {
    let clean = issue(&["--sub", "a"]);
    let none = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJyb290In0.";
    let log =
        format!("GET /a Authorization: Bearer {clean}\nGET /b token={none} x\nno token here\n");
    let (out, err, code) = run(jwtctl()
        .args(["lint", "--extract", "--at", AT, "-o", "tsv"])
        .write_stdin(log));
    assert_eq!(code, 6, "{err}");
    let r = rows(&out);
    assert_eq!(
        r[0],
        ["line", "column", "verdict", "level", "findings", "alg", "kid", "iss", "sub", "error"]
    );
    assert_eq!(r[1][..4], ["1", "30", "ok", ""]);
    assert_eq!(
        r[2][..5],
        ["2", "14", "flagged", "critical", "alg-none,no-exp"]
    );
    assert_eq!(r.len(), 3, "a line without a token has no row");
}

#[test]
fn only_and_quiet_apply_to_rows_and_the_summary_goes_to_stderr() {
    let good = issue(&["--sub", "alice"]);
    let bad = forged("mallory");
    let (out, err, code) = run(with_secret()
        .args([
            "verify",
            "--batch",
            "--at",
            AT,
            "-q",
            "-o",
            "tsv",
            "--only",
            "invalid",
            "--fields",
            "line,sub",
            "--summary",
        ])
        .write_stdin(format!("{good}\n{bad}\n{good}\n")));
    assert_eq!(code, 4);
    assert_eq!(out, "line\tsub\n2\tmallory\n");
    assert!(err.contains("3 tokens"), "{err}");
}

#[test]
fn fields_without_tsv_and_tsv_with_a_json_summary_are_refused() {
    let t = issue(&["--sub", "a"]);
    with_secret()
        .args(["verify", "--fields", "sub", &t])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "--fields picks the columns of --output tsv",
        ))
        .stderr(predicate::str::contains("hint: add --output tsv"));
    with_secret()
        .args(["verify", "-o", "tsv", "--summary", "json", &t])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "hint: with --output tsv, --summary",
        ));
    jwtctl()
        .args(["decode", "-o", "tsv", "--fields", "line,nope", &t])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("no field \"nope\""))
        .stderr(predicate::str::contains("payload.NAME"));
}
