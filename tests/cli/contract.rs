//! The script contract: one JSON object per token whatever the count, one versioned schema for
//! every command (checked against schema/jwtctl.schema.json), summaries, and one policy for
//! closed pipes, Ctrl-C and empty input.

use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;

use serde_json::Value;

use crate::support::*;

const AT: &str = "1800000000";
const LATER: &str = "1800007200";

fn issue(args: &[&str]) -> String {
    stdout_of(with_secret().args(["issue", "--at", AT]).args(args))
}

fn forged(sub: &str, ttl: &str) -> String {
    stdout_of(
        jwtctl()
            .env("JWTCTL_SECRET", "another-secret-another-secret-00")
            .args(["issue", "--at", AT, "--sub", sub, "--ttl", ttl]),
    )
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn objects(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect()
    }
}

fn run(cmd: &mut assert_cmd::Command) -> Run {
    let out = cmd.output().expect("runs");
    Run {
        code: out.status.code().expect("exit code"),
        stdout: String::from_utf8(out.stdout).expect("utf-8"),
        stderr: String::from_utf8(out.stderr).expect("utf-8"),
    }
}

pub fn schema() -> jsonschema::Validator {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/jwtctl.schema.json");
    let schema: Value = serde_json::from_slice(&std::fs::read(path).expect("schema file"))
        .expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("a valid JSON Schema")
}

pub fn assert_valid(v: &jsonschema::Validator, object: &Value) {
    let errors: Vec<String> = v.iter_errors(object).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{object}\n{}", errors.join("\n"));
}

#[test]
fn json_is_one_object_per_token_whatever_the_number_of_lines() {
    let ok = issue(&["--sub", "alice"]);
    for input in [format!("{ok}\n"), format!("{ok}\n{ok}\n")] {
        let n = input.lines().count();
        // -q silences people's output, never JSON that was asked for.
        for quiet in [false, true] {
            let mut cmd = with_secret();
            cmd.args(["verify", "--json", "--at", AT]);
            if quiet {
                cmd.arg("-q");
            }
            let r = run(cmd.write_stdin(input.clone()));
            assert_eq!(r.code, 0, "{}", r.stderr);
            let objects = r.objects();
            assert_eq!(objects.len(), n, "{n} lines, quiet {quiet}");
            for (i, o) in objects.iter().enumerate() {
                assert_eq!(o["kind"], "verify");
                assert_eq!(o["line"], i as u64 + 1);
            }
        }
    }
    // One malformed token still gets its object, and the error on stderr.
    for cmd in ["verify", "decode", "lint"] {
        let r = run(with_secret().args([cmd, "--json", "not-a-token"]));
        assert_eq!(r.code, 3, "{cmd}");
        let o = r.objects();
        assert_eq!(o.len(), 1, "{cmd}: {}", r.stdout);
        assert_eq!(o[0]["kind"], "malformed");
        assert_eq!(o[0]["line"], 1);
        assert!(r.stderr.contains("dot-separated parts"), "{}", r.stderr);
    }
}

#[test]
fn a_malformed_line_has_one_shape_in_every_command() {
    let ok = issue(&["--sub", "alice"]);
    let input = format!("{ok}\nnope\n");
    let shapes: Vec<Value> = ["verify", "decode", "lint"]
        .iter()
        .map(|cmd| {
            let r = run(with_secret()
                .args([cmd, "--batch", "--json", "--at", AT])
                .write_stdin(input.clone()));
            assert_eq!(r.code, 3, "{cmd}: {}", r.stderr);
            r.objects()[1].clone()
        })
        .collect();
    assert_eq!(shapes[0], shapes[1]);
    assert_eq!(shapes[1], shapes[2]);
    assert_eq!(shapes[0]["schema"], "jwtctl/1");
    assert_eq!(shapes[0]["line"], 2);
    assert_eq!(shapes[0]["exit_code"], 3);
}

#[test]
fn file_means_batch_format_even_for_one_line_and_people_get_one_line_per_token() {
    let dir = tempdir();
    let ok = issue(&["--sub", "alice", "--ttl", "5h"]);
    let bad = forged("mallory", "5h");
    let file = dir.path().join("one.txt");
    std::fs::write(&file, format!("{ok}\n")).unwrap();
    let r = run(with_secret()
        .args(["verify", "--at", AT, "--file"])
        .arg(&file));
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stdout,
        "line 1  ✓ valid  sub alice  exp 2027-01-15T13:00:00Z\n"
    );
    assert_eq!(r.stderr, "jwtctl: 1 tokens: 1 valid\n");

    std::fs::write(&file, format!("{ok}\n\n{bad}\nx\n")).unwrap();
    let r = run(with_secret()
        .args(["verify", "--at", AT, "--output", "human", "--file"])
        .arg(&file));
    assert_eq!(r.code, 3);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", r.stdout);
    assert!(
        lines[1]
            .starts_with("line 3  ✗ exit 4  sub mallory  exp 2027-01-15T13:00:00Z  signature: "),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with("line 4  ✗ malformed  "),
        "{}",
        lines[2]
    );

    // -q: nothing at all, the exit code says it.
    let r = run(with_secret()
        .args(["verify", "-q", "--at", AT, "--file"])
        .arg(&file));
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (3, "", ""));
}

#[test]
fn a_path_given_as_the_token_points_to_file_and_a_bom_is_skipped() {
    let dir = tempdir();
    let ok = issue(&["--sub", "alice"]);
    let file = dir.path().join("token.txt");
    std::fs::write(&file, format!("\u{feff}{ok}\n")).unwrap();
    let r = run(with_secret().arg("verify").arg(&file));
    assert_eq!(r.code, 3);
    let path = file.display().to_string();
    assert!(
        r.stderr.contains(&format!(
            "hint: {path} is a file: to read the tokens in it, pass --file {path} (or - < {path})"
        )),
        "{}",
        r.stderr
    );
    // The file itself, with its byte order mark, reads fine both ways.
    let r = run(with_secret()
        .args(["verify", "--json", "--at", AT, "--file"])
        .arg(&file));
    assert_eq!(r.code, 0, "{}", r.stdout);
    let r = run(with_secret()
        .args(["verify", "--json", "--at", AT, "-"])
        .write_stdin(std::fs::read(&file).unwrap()));
    assert_eq!(r.code, 0, "{}", r.stdout);
}

#[test]
fn an_empty_batch_is_a_failure_with_its_own_message() {
    for input in ["", "\n  \n"] {
        let r = run(with_secret()
            .args(["verify", "--batch", "-q"])
            .write_stdin(input));
        assert_eq!(r.code, 3);
        assert_eq!(
            r.stderr,
            "jwtctl: the input holds no tokens (0 non-blank lines)\nhint: check that the file or pipe is the one meant; blank lines are skipped\n"
        );
    }
    let r = run(with_secret().args(["lint", "--batch"]).write_stdin(""));
    assert_eq!(r.code, 3, "{}", r.stderr);
}

#[test]
fn every_json_object_matches_the_published_schema() {
    let v = schema();
    let dir = tempdir();
    let ok = issue(&["--sub", "alice", "--aud", "api", "--refresh"]);
    let mut lines = ok.lines();
    let (access, refresh) = (lines.next().unwrap(), lines.next().unwrap());
    let no_exp = forge(
        r#"{"alg":"HS256","jwk":{"kty":"oct"}}"#,
        r#"{"sub":"x","iat":1}"#,
    );
    let not_jwt = forge(r#"{"alg":"HS256"}"#, "plain text");
    let none = forge(r#"{"alg":"none"}"#, r#"{"sub":"root"}"#);
    let input = format!("{access}\n{refresh}\n{no_exp}\n{not_jwt}\n{none}\nnope\n");
    let mut objects = Vec::new();
    for cmd in ["verify", "decode", "lint"] {
        for extra in [&["--json"][..], &["--json", "--summary", "json"][..]] {
            let r = run(with_secret()
                .args([cmd, "--batch", "--at", LATER])
                .args(extra)
                .write_stdin(input.clone()));
            assert!(r.code > 0, "{cmd}: {}", r.stderr);
            objects.extend(r.objects());
        }
        let r = run(with_secret().args([cmd, "--json", access]));
        objects.extend(r.objects());
    }
    let r = run(with_secret().args(["issue", "--sub", "a", "--refresh", "--json"]));
    objects.extend(r.objects());
    let r = run(with_secret().args(["issue", "--sub", "a", "-o", "json"]));
    objects.extend(r.objects());
    for (alg, name) in [("ES256", "ec"), ("HS256", "h")] {
        let out = dir.path().join(name);
        let r = run(jwtctl()
            .args(["keygen", "--alg", alg, "--json", "--out"])
            .arg(&out));
        assert_eq!(r.code, 0, "{}", r.stderr);
        objects.extend(r.objects());
    }
    let users = dir.path().join("users.toml");
    let r = run(jwtctl()
        .arg("--users")
        .arg(&users)
        .args([
            "users",
            "add",
            "alice",
            "--scope",
            "items:read",
            "--password-stdin",
        ])
        .write_stdin("pw\n"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    for args in [
        &["users", "list", "--json"][..],
        &["users", "show", "alice", "-o", "json"][..],
    ] {
        let r = run(jwtctl().arg("--users").arg(&users).args(args));
        assert_eq!(r.code, 0, "{}", r.stderr);
        objects.extend(r.objects());
    }

    let mut kinds: Vec<&str> = objects
        .iter()
        .map(|o| o["kind"].as_str().unwrap())
        .collect();
    kinds.sort();
    kinds.dedup();
    assert_eq!(
        kinds,
        [
            "decode",
            "issue",
            "keygen",
            "lint",
            "malformed",
            "summary",
            "user",
            "users",
            "verify"
        ]
    );
    for o in &objects {
        assert_eq!(o["schema"], "jwtctl/1", "{o}");
        assert_valid(&v, o);
    }
}

#[test]
fn fields_have_the_same_names_and_types_across_commands() {
    let no_exp = forge(r#"{"alg":"HS256"}"#, r#"{"sub":"x"}"#);
    let verify = run(with_secret().args(["verify", "--json", &no_exp])).objects();
    let decode = run(with_secret().args(["decode", "--json", &no_exp])).objects();
    // Warnings are {level, id, message} objects in both.
    let w = |o: &Value| {
        o["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|w| w["id"] == "no-exp")
            .cloned()
    };
    assert_eq!(w(&verify[0]).unwrap()["level"], "medium");
    assert!(w(&decode[0]).is_some());

    // A payload that is not JSON: payload is null, payload_text holds it.
    let text = forge(r#"{"alg":"HS256"}"#, "hello");
    for args in [
        &["verify", "--json", "--jws"][..],
        &["decode", "--json"][..],
    ] {
        let cmd = args[0];
        let o = &run(with_secret().args(args).arg(&text)).objects()[0];
        assert_eq!(o["payload"], Value::Null, "{cmd}");
        assert_eq!(o["payload_text"], "hello", "{cmd}");
    }

    // Times in JSON are RFC 3339.
    let ok = issue(&["--sub", "alice"]);
    let d = &run(with_secret().args(["decode", "--json", &ok])).objects()[0];
    assert_eq!(d["times"]["iat"]["utc"], "2027-01-15T08:00:00Z");
    let i: Value = serde_json::from_str(&issue(&["--sub", "a", "--json"])).unwrap();
    assert_eq!(i["expires_at"], "2027-01-15T08:30:00Z");
    // Compact: one line.
    assert_eq!(issue(&["--sub", "a", "-o", "json"]).lines().count(), 1);
}

#[test]
fn the_summary_counts_every_failed_check_and_names_the_subjects() {
    let ok = issue(&["--sub", "alice", "--ttl", "5h"]);
    let short = issue(&["--sub", "bob", "--ttl", "1h"]);
    // Forged and expired: counted under both, though its exit code is 4.
    let forged_expired = forged("mallory", "1h");
    let long = issue(&["--sub", "carol", "--ttl", "48h"]);
    let input = format!("{ok}\n{short}\n{forged_expired}\n{long}\n{forged_expired}\nx\n");
    let r = run(with_secret()
        .args(["verify", "--batch", "--at", LATER, "--summary", "json"])
        .write_stdin(input.clone()));
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    let s = r.objects();
    assert_eq!(s.len(), 1, "only the summary: {}", r.stdout);
    let s = &s[0];
    assert_eq!(s["kind"], "summary");
    assert_eq!(
        (
            s["tokens"].as_u64(),
            s["valid"].as_u64(),
            s["invalid"].as_u64(),
            s["malformed"].as_u64()
        ),
        (Some(6), Some(2), Some(4), Some(1))
    );
    assert_eq!(s["failed_checks"]["values"]["exp"], 3);
    assert_eq!(s["failed_checks"]["values"]["signature"], 2);
    assert_eq!(s["failed_checks"]["values"]["parse"], 1);
    assert_eq!(
        s["sub_by_check"]["signature"]["values"],
        serde_json::json!({"mallory": 2})
    );
    assert_eq!(
        s["sub_by_finding"]["long-lifetime"]["values"],
        serde_json::json!({"carol": 1})
    );
    assert_eq!(s["alg"]["values"]["HS256"], 5);
    assert_eq!(
        s["exit_codes"],
        serde_json::json!({"0": 2, "3": 1, "4": 2, "5": 1})
    );

    // Human summary on stderr; the per-token lines stay on stdout.
    let r = run(with_secret()
        .args(["verify", "--batch", "--at", LATER, "--summary"])
        .write_stdin(input.clone()));
    assert_eq!(r.stdout.lines().count(), 6);
    assert!(
        r.stderr
            .starts_with("jwtctl: summary of 6 tokens: 2 valid, 4 invalid (1 malformed)\n"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("  failed checks  exp 3, signature 2, parse 1\n"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("    signature       mallory 2\n"),
        "{}",
        r.stderr
    );

    // --only: the selection, while the summary counts everything.
    let r = run(with_secret()
        .args([
            "verify",
            "--batch",
            "--at",
            LATER,
            "--json",
            "--only",
            "invalid",
            "--summary",
            "json",
        ])
        .write_stdin(input.clone()));
    let o = r.objects();
    let lines: Vec<u64> = o.iter().filter_map(|v| v["line"].as_u64()).collect();
    assert_eq!(lines, [2, 3, 5, 6]);
    assert_eq!(o.last().unwrap()["tokens"], 6);
    let r = run(with_secret()
        .args([
            "verify", "--batch", "--at", LATER, "--json", "--only", "valid",
        ])
        .write_stdin(input));
    let lines: Vec<u64> = r
        .objects()
        .iter()
        .map(|v| v["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [1, 4]);
}

#[test]
fn a_closed_stdout_stops_every_command_quietly() {
    let ok = issue(&["--sub", "alice"]);
    let input: String = std::iter::repeat_n(format!("{ok}\n"), 20_000).collect();
    let bin = assert_cmd::cargo::cargo_bin("jwtctl");
    let cases: Vec<(Vec<&str>, Option<&str>)> = vec![
        (vec!["completions", "bash"], None),
        (vec!["verify", "--batch", "--json"], Some(&input)),
        (vec!["decode", "--batch"], Some(&input)),
        (vec!["lint", "--batch", "--json"], Some(&input)),
        (vec!["decode", &ok], None),
    ];
    for (args, stdin) in cases {
        let mut child = std::process::Command::new(&bin)
            .args(&args)
            .env("JWTCTL_SECRET", SECRET)
            .env("NO_COLOR", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starts");
        // The reader is gone before the first byte is written.
        drop(child.stdout.take());
        let mut sink = child.stdin.take().unwrap();
        let feed = stdin.map(str::to_string);
        let writer = std::thread::spawn(move || {
            if let Some(text) = feed {
                let _ = sink.write_all(text.as_bytes());
            }
        });
        let out = child.wait_with_output().expect("runs");
        writer.join().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(
            !stderr.contains("Broken pipe") && !stderr.contains("panicked"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn ctrl_c_during_a_batch_prints_the_count_so_far_and_exits_130() {
    let ok = issue(&["--sub", "alice"]);
    let bin = assert_cmd::cargo::cargo_bin("jwtctl");
    let mut child = std::process::Command::new(&bin)
        .args(["verify", "--batch", "--json", "--at", AT])
        .env("JWTCTL_SECRET", SECRET)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "{ok}\n{ok}").unwrap();
    stdin.flush().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    for _ in 0..2 {
        line.clear();
        stdout.read_line(&mut line).unwrap();
        assert!(line.contains("\"valid\":true"), "{line}");
    }
    // stdin stays open: the producer is still there when the user presses Ctrl-C.
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    drop(stdin);
    assert_eq!(out.status.code(), Some(130));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr,
        "jwtctl: 2 tokens: 2 valid\njwtctl: interrupted after 2 tokens\n"
    );
}

#[test]
fn lint_rates_duplicate_claims_high_and_a_finding_outranks_a_malformed_line() {
    let dup = forge(r#"{"alg":"HS256"}"#, r#"{"sub":"dup","sub":"admin"}"#);
    let r = run(jwtctl().args(["lint", &dup]));
    assert_eq!(r.code, 6, "{}", r.stdout);
    assert!(
        r.stdout.starts_with(
            "high     duplicate-claim  the payload is not JSON (duplicate key \"sub\""
        ),
        "{}",
        r.stdout
    );

    let none = forge(r#"{"alg":"none"}"#, r#"{"sub":"root","exp":1900000000}"#);
    let r = run(jwtctl()
        .args(["lint", "--batch", "--at", AT])
        .write_stdin(format!("nope\n{none}\n")));
    assert_eq!(r.code, 6, "{}", r.stderr);
    assert!(
        r.stdout.contains("line 2  critical  alg-none"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.starts_with("line 1  malformed  "), "{}", r.stdout);

    // The count is printed when every token is clean, and -q silences it.
    let ok = issue(&["--sub", "alice"]);
    let r = run(jwtctl()
        .args(["lint", "--batch", "--at", AT])
        .write_stdin(format!("{ok}\n{ok}\n")));
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
    assert_eq!(
        r.stderr,
        "jwtctl: 2 tokens: 0 with findings at or above high, 2 below, 0 malformed\n"
    );
    let r = run(jwtctl()
        .args(["-q", "lint", "--batch", "--at", AT])
        .write_stdin(format!("{ok}\n{none}\n")));
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (6, "", ""));
}

#[test]
fn conflicting_key_flags_are_refused_with_exit_2() {
    let dir = tempdir();
    let secret = dir.path().join("s.txt");
    std::fs::write(&secret, SECRET).unwrap();
    let s = secret.to_str().unwrap();
    for args in [
        vec!["--key", s, "--secret-file", s],
        vec!["--key", s, "--secret-env", "X"],
        vec!["--secret-file", s, "--secret", "x"],
        vec!["--secret", "x", "--secret-env", "X"],
        vec!["--jwks", s, "--key", s],
        vec!["--oidc", "https://auth.example", "--secret-file", s],
    ] {
        let r = run(jwtctl().arg("verify").args(&args).arg("a.b.c"));
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.contains("cannot be used with"),
            "{args:?}: {}",
            r.stderr
        );
    }
}

#[test]
fn keygen_reports_paths_kid_and_alg_on_stdout() {
    let dir = tempdir();
    let prefix = dir.path().join("signing");
    let r = run(jwtctl()
        .args(["keygen", "--alg", "ES256", "-q", "--json", "--out"])
        .arg(&prefix));
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    let o = &r.objects()[0];
    assert_eq!(o["kind"], "keygen");
    assert_eq!(o["alg"], "ES256");
    assert_eq!(o["private"], format!("{}.pem", prefix.display()));
    assert_eq!(o["public"], format!("{}.pub.pem", prefix.display()));
    let thumb = stdout_of(
        jwtctl()
            .args(["jwk", "thumbprint"])
            .arg(format!("{}.pub.pem", prefix.display())),
    );
    assert_eq!(o["kid"], thumb.as_str());
    // Without --out the key itself is the output: JSON is refused.
    let r = run(jwtctl().args(["keygen", "--alg", "ES256", "--json"]));
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn extract_finds_tokens_inside_log_lines_with_line_and_column() {
    let ok = issue(&["--sub", "alice"]);
    let bad = forged("mallory", "1h");
    let log = format!(
        "10.0.0.1 - - [30/Nov/2026] \"GET /items HTTP/1.1\" 200 \"Authorization: Bearer {ok}\"\n\
         no token on this line\n\
         {{\"level\":\"info\",\"access_token\":\"{bad}\",\"next\":\"{ok}\"}}\n\
         GET /cb?access_token={ok}&state=x\n"
    );
    let r = run(with_secret()
        .args(["verify", "--extract", "--json", "--at", AT])
        .write_stdin(log.clone()));
    assert_eq!(r.code, 4, "{}", r.stderr);
    let places: Vec<(u64, u64)> = r
        .objects()
        .iter()
        .map(|o| (o["line"].as_u64().unwrap(), o["column"].as_u64().unwrap()))
        .collect();
    let col = |line: &str, t: &str| line.find(t).unwrap() as u64 + 1;
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(
        places,
        [
            (1, col(lines[0], &ok)),
            (3, col(lines[2], &bad)),
            (3, col(lines[2], &format!("{ok}\"}}"))),
            (4, col(lines[3], &ok)),
        ]
    );
    assert_eq!(r.stderr, "jwtctl: 4 tokens: 3 valid, 1 bad signature\n");

    // People get line:column; decode and lint find the same tokens.
    let r = run(with_secret()
        .args(["verify", "--extract", "--at", AT])
        .write_stdin(log.clone()));
    assert!(
        r.stdout.starts_with(&format!(
            "line 1:{}  ✓ valid  sub alice",
            col(lines[0], &ok)
        )),
        "{}",
        r.stdout
    );
    for cmd in ["decode", "lint"] {
        let r = run(with_secret()
            .args([cmd, "--extract", "--json", "--at", AT])
            .write_stdin(log.clone()));
        assert_eq!(r.objects().len(), 4, "{cmd}: {}", r.stdout);
    }
    // Without --extract every such line is malformed.
    let r = run(with_secret()
        .args(["verify", "--batch", "-q", "--at", AT])
        .write_stdin(log));
    assert_eq!(r.code, 3);
}
