//! The token core: issue, decode, verify, exit codes and bad input.

use predicates::prelude::*;
use serde_json::Value;

use crate::support::*;

fn issue(args: &[&str]) -> String {
    stdout_of(with_secret().arg("issue").args(args))
}

fn no_panic() -> impl Predicate<str> {
    predicate::str::contains("panicked").not()
}

#[test]
fn issue_then_verify_round_trip() {
    let t = issue(&["--sub", "alice"]);
    with_secret()
        .args(["verify", &t])
        .assert()
        .success()
        .stdout(predicate::str::contains("✓ token valid"))
        .stdout(predicate::str::contains("\"sub\": \"alice\""));
}

#[test]
fn every_algorithm_signs_and_verifies() {
    let dir = tempdir();
    for alg in [
        "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256",
        "ES384", "ES512", "EdDSA",
    ] {
        let prefix = dir.path().join(alg);
        let (sign, verify): (Vec<String>, Vec<String>) = if alg.starts_with("HS") {
            let secret = stdout_of(jwtctl().args(["keygen", "--alg", alg]));
            std::fs::write(&prefix, &secret).unwrap();
            let p = prefix.display().to_string();
            let args = vec!["--secret-file".into(), p, "--secret-base64".into()];
            (args.clone(), args)
        } else {
            jwtctl()
                .args(["keygen", "--alg", alg, "--out"])
                .arg(&prefix)
                .assert()
                .success()
                .stderr(predicate::str::contains("kid: "));
            (
                vec!["--key".into(), format!("{}.pem", prefix.display())],
                vec!["--key".into(), format!("{}.pub.pem", prefix.display())],
            )
        };
        let token = stdout_of(
            jwtctl()
                .args(["issue", "--alg", alg, "--sub", "s"])
                .args(&sign),
        );
        let out = jwtctl()
            .args(["verify", "--output", "json", &token])
            .args(&verify)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{alg}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["alg"], alg);
        assert_eq!(v["valid"], true);
        // The private key verifies too: it is reduced to its public half.
        jwtctl()
            .args(["verify", "-q", &token])
            .args(&sign)
            .assert()
            .success();
    }
}

#[test]
fn issue_sets_exp_iat_and_optional_claims() {
    let t = issue(&[
        "--sub",
        "alice",
        "--ttl",
        "15m",
        "--iss",
        "https://auth",
        "--aud",
        "a",
        "--aud",
        "b",
        "--scope",
        "read write",
        "--scope",
        "admin",
        "--claim",
        "role=admin",
        "--claim",
        "n=[1,2]",
        "--jti",
        "--kid",
        "k1",
        "--header",
        "cty=x",
        "--nbf",
        "0s",
        "--at",
        "2026-01-01T00:00:00Z",
    ]);
    let out = stdout_of(jwtctl().args(["decode", "--json", &t]));
    let v: Value = serde_json::from_str(&out).unwrap();
    let p = &v["payload"];
    assert_eq!(p["iat"], 1767225600);
    assert_eq!(p["exp"], 1767225600 + 900);
    assert_eq!(p["nbf"], 1767225600);
    assert_eq!(p["iss"], "https://auth");
    assert_eq!(p["aud"], serde_json::json!(["a", "b"]));
    assert_eq!(p["scope"], "read write admin");
    assert_eq!(p["role"], "admin");
    assert_eq!(p["n"], serde_json::json!([1, 2]));
    assert_eq!(p["jti"].as_str().unwrap().len(), 22);
    assert_eq!(v["header"]["kid"], "k1");
    assert_eq!(v["header"]["cty"], "x");
    assert_eq!(v["signature_verified"], false);
}

#[test]
fn issue_outputs_json_and_oauth2() {
    let out = stdout_of(
        with_secret().args(["issue", "--sub", "a", "--scope", "x", "--output", "oauth2"]),
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["token_type"], "bearer");
    assert_eq!(v["expires_in"], 1800);
    assert_eq!(v["scope"], "x");
    assert!(v["access_token"].as_str().unwrap().split('.').count() == 3);

    let out = stdout_of(with_secret().args(["issue", "--sub", "a", "-o", "json", "--refresh"]));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["payload"]["sub"], "a");
    assert_eq!(v["expires_in"], 1800);
    let refresh = v["refresh_token"].as_str().unwrap();
    with_secret()
        .args(["verify", "--token-use", "access", refresh])
        .assert()
        .code(6)
        .stdout(predicate::str::contains(
            "this is a refresh token, not an access token",
        ));
    with_secret()
        .args(["verify", "--token-use", "refresh", refresh])
        .assert()
        .success();
}

#[test]
fn weak_secret_is_refused_for_signing_but_verifies_with_a_warning() {
    let weak = || {
        let mut c = jwtctl();
        c.env("JWTCTL_SECRET", "mysecretkey123");
        c
    };
    weak()
        .args(["issue", "--sub", "a"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "the HMAC secret is 14 bytes; HS256 needs at least 32",
        ))
        .stderr(predicate::str::contains(
            "hint: generate a strong one with `jwtctl keygen --alg HS256`",
        ));
    let t = stdout_of(weak().args(["issue", "--sub", "a", "--allow-weak-secret"]));
    weak()
        .args(["verify", &t])
        .assert()
        .success()
        .stderr(predicate::str::contains("shorter than HS256's 32"));
    let secret64 = "0123456789abcdef".repeat(4);
    jwtctl()
        .env("JWTCTL_SECRET", &secret64[..40])
        .args(["issue", "--alg", "HS512", "--sub", "a"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("HS512 needs at least 64"));
}

#[test]
fn secrets_come_from_env_file_base64_or_argv_with_a_warning() {
    let dir = tempdir();
    let file = dir.path().join("secret");
    std::fs::write(&file, format!("{SECRET}\n")).unwrap();
    let t = issue(&["--sub", "a"]);
    jwtctl()
        .args(["verify", "-q", "--secret-file"])
        .arg(&file)
        .arg(&t)
        .assert()
        .success();
    jwtctl()
        .env("OTHER", SECRET)
        .args(["verify", "-q", "--secret-env", "OTHER", &t])
        .assert()
        .success();
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(SECRET);
    jwtctl()
        .env("JWTCTL_SECRET", &b64)
        .args(["verify", "--secret-base64", "-q", &t])
        .assert()
        .success();
    jwtctl()
        .args(["verify", "--secret", SECRET, &t])
        .assert()
        .success()
        .stderr(predicate::str::contains("visible to other users in `ps`"));
    jwtctl()
        .args(["verify", &t])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no HMAC secret: $JWTCTL_SECRET is not set",
        ))
        .stderr(predicate::str::contains("hint: export JWTCTL_SECRET="));
    jwtctl()
        .env("JWTCTL_SECRET", "")
        .args(["verify", &t])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("the HMAC secret is empty"));
}

#[test]
fn exit_codes_follow_the_table() {
    let good = issue(&[
        "--sub", "a", "--iss", "me", "--aud", "api", "--scope", "read",
    ]);
    // 0
    with_secret()
        .args(["verify", "-q", "--aud", "api", &good])
        .assert()
        .success()
        .stdout("");
    // 2: usage
    jwtctl().args(["verify", "--no-such-flag"]).assert().code(2);
    // 3: malformed
    with_secret().args(["verify", "abc"]).assert().code(3);
    // 4: signature
    jwtctl()
        .env("JWTCTL_SECRET", "another-secret-another-secret-xx")
        .args(["verify", &good])
        .assert()
        .code(4)
        .stdout(predicate::str::contains(
            "signature does not verify with $JWTCTL_SECRET (HS256)",
        ));
    // 5: expired
    with_secret()
        .args(["verify", "--at", "2100-01-01T00:00:00Z", &good])
        .assert()
        .code(5)
        .stdout(predicate::str::contains("✗ exp: expired"))
        .stdout(predicate::str::contains(
            "hint: judge it as of another moment with --at",
        ));
    // 5: not yet valid
    let later = issue(&["--sub", "a", "--nbf", "1h"]);
    with_secret()
        .args(["verify", &later])
        .assert()
        .code(5)
        .stdout(predicate::str::contains("not valid yet"));
    // 6: each claim check
    for (flag, value, msg) in [
        ("--iss", "other", "issuer is \"me\", expected \"other\""),
        (
            "--aud",
            "web",
            "audience api is not among the accepted: web",
        ),
        ("--sub", "b", "subject is \"a\", expected \"b\""),
        ("--require", "email", "required claim \"email\" is missing"),
        (
            "--scope",
            "write",
            "missing scope write (the token grants: read)",
        ),
    ] {
        with_secret()
            .args(["verify", flag, value, &good])
            .assert()
            .code(6)
            .stdout(predicate::str::contains(msg));
    }
}

#[test]
fn every_failed_check_is_reported_and_the_most_fundamental_decides() {
    let good = issue(&["--sub", "a", "--iss", "me"]);
    let out = jwtctl()
        .env("JWTCTL_SECRET", "another-secret-another-secret-xx")
        .args([
            "verify",
            "--json",
            "--at",
            "2100-01-01T00:00:00Z",
            "--iss",
            "x",
            &good,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let checks: Vec<&str> = v["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["check"].as_str().unwrap())
        .collect();
    assert_eq!(checks, ["signature", "exp", "iss"]);
    assert_eq!(v["valid"], false);
    assert_eq!(v["exit_code"], 4);
    assert!(v["expires_in"].as_i64().unwrap() < 0);
}

#[test]
fn leeway_and_at_judge_time() {
    let t = issue(&["--sub", "a", "--ttl", "1m", "--at", "2026-01-01T00:00:00Z"]);
    with_secret()
        .args(["verify", "-q", "--at", "2026-01-01T00:00:59Z", &t])
        .assert()
        .success();
    with_secret()
        .args(["verify", "-q", "--at", "2026-01-01T00:01:05Z", &t])
        .assert()
        .success(); // within the default 10s leeway
    with_secret()
        .args([
            "verify",
            "-q",
            "--at",
            "2026-01-01T00:01:05Z",
            "--leeway",
            "0s",
            &t,
        ])
        .assert()
        .code(5);
    with_secret()
        .args(["verify", "-q", "--at", "1767225700", &t])
        .assert()
        .code(5);
    with_secret()
        .args(["verify", "--at", "yesterday", &t])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("use RFC 3339"));
}

#[test]
fn algorithm_allow_list_and_key_family() {
    let t = issue(&["--sub", "a"]);
    with_secret()
        .args(["verify", "--alg", "HS512", &t])
        .assert()
        .code(4)
        .stdout(predicate::str::contains(
            "algorithm HS256 is not allowed (allowed: HS512)",
        ));
    with_secret()
        .args(["verify", "-q", "--alg", "HS512", "--alg", "HS256", &t])
        .assert()
        .success();
    let dir = tempdir();
    let prefix = dir.path().join("ec");
    jwtctl()
        .args(["keygen", "--alg", "ES256", "--out"])
        .arg(&prefix)
        .assert()
        .success();
    // An HS256 token checked against an EC public key: algorithm confusion.
    jwtctl()
        .args(["verify", "--key"])
        .arg(prefix.with_extension("pub.pem"))
        .arg(&t)
        .assert()
        .code(4)
        .stdout(predicate::str::contains("algorithm confusion"));
    // Signing ES384 with a P-256 key names the key the algorithm needs.
    jwtctl()
        .args(["issue", "--sub", "a", "--alg", "ES384", "--key"])
        .arg(prefix.with_extension("pem"))
        .assert()
        .code(4)
        .stderr(predicate::str::contains(
            "ES384 needs an EC P-384 key, but the key is an EC P-256 key",
        ));
    // A public key cannot sign.
    jwtctl()
        .args(["issue", "--sub", "a", "--key"])
        .arg(prefix.with_extension("pub.pem"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "holds a public key, which cannot sign",
        ))
        .stderr(predicate::str::contains("hint: pass the private key"));
}

#[test]
fn tokens_come_from_argument_dash_stdin_with_bearer_and_whitespace() {
    let t = issue(&["--sub", "a"]);
    with_secret()
        .args(["verify", "-q", "-"])
        .write_stdin(format!("  {t}\n"))
        .assert()
        .success();
    with_secret()
        .args(["verify", "-q"])
        .write_stdin(format!("Bearer {t}\n"))
        .assert()
        .success();
    with_secret()
        .args(["decode", "-q"])
        .write_stdin(format!("Authorization: Bearer {t}"))
        .assert()
        .success();
    with_secret()
        .args(["verify", "-q", &format!(" Bearer {t} ")])
        .assert()
        .success();
}

#[test]
fn decode_shows_times_lifetime_and_says_nothing_was_verified() {
    let t = issue(&["--sub", "a", "--ttl", "30m", "--at", "2026-01-01T00:00:00Z"]);
    jwtctl()
        .args(["decode", "--at", "2026-01-01T00:01:00Z", &t])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "exp      2026-01-01 00:30:00 UTC  expires in 29m",
        ))
        .stdout(predicate::str::contains(
            "iat      2026-01-01 00:00:00 UTC  (1m ago)",
        ))
        .stdout(predicate::str::contains("lifetime 30m"))
        .stdout(predicate::str::contains("NOT verified"));
    jwtctl()
        .args(["decode", "--at", "2026-01-01T03:30:00Z", &t])
        .assert()
        .success()
        .stdout(predicate::str::contains("expired 3h ago"));
}

#[test]
fn decode_warns_about_what_deserves_a_look() {
    let t = forge(
        r#"{"alg":"none","jku":"https://evil.example/k","kid":"../../dev/null"}"#,
        r#"{"sub":"a","password":"hunter2","iat":1767225600}"#,
    );
    jwtctl()
        .args(["decode", "--at", "2026-01-01T00:00:00Z", &t])
        .assert()
        .success()
        .stderr(predicate::str::contains("unsigned and anyone can forge it"))
        .stderr(predicate::str::contains("\"jku\""))
        .stderr(predicate::str::contains(
            "looks like a path or an injection string",
        ))
        .stderr(predicate::str::contains("never expires"))
        .stderr(predicate::str::contains(
            "claim \"password\" looks sensitive",
        ));
    let long = forge(
        r#"{"alg":"HS256"}"#,
        r#"{"iat":1767225600,"exp":1767398400}"#,
    );
    jwtctl()
        .args(["decode", &long])
        .assert()
        .stderr(predicate::str::contains("lifetime is 2d, over 1d"));
    let future = forge(
        r#"{"alg":"HS256"}"#,
        r#"{"iat":1767225600,"exp":1767229200}"#,
    );
    jwtctl()
        .args(["decode", "--at", "2025-12-31T00:00:00Z", &future])
        .assert()
        .stderr(predicate::str::contains("\"iat\" is in 1d"));
}

#[test]
fn unsecured_tokens_are_decoded_but_never_verified() {
    let t = forge(r#"{"alg":"none"}"#, r#"{"sub":"a"}"#);
    let t = format!("{}.", t.rsplit_once('.').unwrap().0);
    jwtctl().args(["decode", "-q", &t]).assert().success();
    with_secret()
        .args(["verify", &t])
        .assert()
        .code(4)
        .stdout(predicate::str::contains("alg \"none\""));
}

#[test]
fn bad_input_gets_one_line_and_a_hint() {
    let cases: Vec<(String, &str, &str)> = vec![
        (
            "abc".into(),
            "a token has 3 dot-separated parts, this one has 1",
            "hint: a JWT looks like",
        ),
        ("a.b.c.d".into(), "this one has 4", "hint:"),
        (
            "eyJhbGciOiJIUzI1NiJ9.e30.\u{e9}".into(),
            "the token contains characters that are not printable ASCII",
            "hint:",
        ),
        (
            "a!b.e30.c2ln".into(),
            "the header is not valid base64url",
            "hint: JWT parts use base64url",
        ),
        (
            forge("not json", "{}"),
            "the header is not JSON",
            "hint: the first part must decode",
        ),
        (
            forge("[1]", "{}"),
            "the header is JSON but not an object",
            "hint:",
        ),
        (
            forge("{}", "{}"),
            "the header has no \"alg\"",
            "hint: every JWS header names",
        ),
        (
            forge(r#"{"alg":5}"#, "{}"),
            "the header's \"alg\" is not a string",
            "hint:",
        ),
        (
            "".into(),
            "the TOKEN argument is empty (an unset variable, such as \"$TOKEN\"?)",
            "hint: check the variable holds the token",
        ),
    ];
    for (token, msg, hint) in cases {
        for cmd in ["decode", "verify"] {
            with_secret()
                .args([cmd, "--", &token])
                .assert()
                .code(3)
                .stderr(predicate::str::contains(msg))
                .stderr(predicate::str::contains(hint))
                .stderr(no_panic());
        }
    }
    // Unknown algorithm: decodes, fails verification as malformed.
    let t = forge(r#"{"alg":"HS999"}"#, "{}");
    with_secret()
        .args(["verify", &t])
        .assert()
        .code(3)
        .stdout(predicate::str::contains("unknown algorithm \"HS999\""));
    // Payload that is JSON but not an object: not a JWT.
    let t = forge(r#"{"alg":"HS256"}"#, "[1,2]");
    with_secret()
        .args(["verify", &t])
        .assert()
        .code(3)
        .stdout(predicate::str::contains(
            "not a JWT: the payload is JSON array, not an object",
        ));
}

#[test]
fn huge_and_binary_stdin_are_refused_cleanly() {
    let huge = "a".repeat(10 * 1024 * 1024);
    with_secret()
        .args(["verify", "-"])
        .write_stdin(huge)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("over the 1048576-byte limit"))
        .stderr(no_panic());
    with_secret()
        .args(["decode"])
        .write_stdin(vec![0xff, 0xfe, b'.', 0x80, b'.', b'x'])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("not UTF-8"))
        .stderr(no_panic());
}

#[test]
fn key_files_missing_empty_wrong_or_of_the_wrong_type() {
    let dir = tempdir();
    let t = issue(&["--sub", "a"]);
    let missing = dir.path().join("nope.pem");
    jwtctl()
        .args(["verify", "--key"])
        .arg(&missing)
        .arg(&t)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot read"))
        .stderr(predicate::str::contains("hint: check the path"));
    let empty = dir.path().join("empty.pem");
    std::fs::write(&empty, "").unwrap();
    jwtctl()
        .args(["verify", "--key"])
        .arg(&empty)
        .arg(&t)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is empty"));
    let junk = dir.path().join("junk.der");
    std::fs::write(&junk, b"\x30\x03\x02\x01\x00").unwrap();
    jwtctl()
        .args(["verify", "--key"])
        .arg(&junk)
        .arg(&t)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is not a key jwtctl can read"))
        .stderr(predicate::str::contains(
            "hint: expected PEM (PKCS#1, PKCS#8, SEC1, SPKI, an X.509 certificate), DER, or a JWK",
        ));
    let cert = dir.path().join("cert.pem");
    std::fs::write(
        &cert,
        "-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n",
    )
    .unwrap();
    jwtctl()
        .args(["verify", "--key"])
        .arg(&cert)
        .arg(&t)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "is not a key jwtctl can read: its certificate does not parse",
        ));
}

#[test]
fn key_format_is_detected_from_content_not_name() {
    let dir = tempdir();
    let prefix = dir.path().join("k");
    jwtctl()
        .args(["keygen", "--alg", "RS256", "--out"])
        .arg(&prefix)
        .assert()
        .success();
    let pem_text = std::fs::read_to_string(prefix.with_extension("pem")).unwrap();
    let der = pem::parse(pem_text).unwrap().into_contents();
    let weird = dir.path().join("key.txt");
    std::fs::write(&weird, der).unwrap();
    let t = stdout_of(jwtctl().args(["issue", "--sub", "a", "--key"]).arg(&weird));
    jwtctl()
        .args(["verify", "-q", "--key"])
        .arg(prefix.with_extension("pub.pem"))
        .arg(&t)
        .assert()
        .success();
}

#[test]
fn bad_durations_and_claims_are_usage_errors() {
    for ttl in ["soon", "-5m", "0s", "30"] {
        with_secret()
            .args(["issue", "--sub", "a", &format!("--ttl={ttl}")])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("--ttl"));
    }
    with_secret()
        .args(["issue", "--sub", "a", "--claim", "exp=1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--claim cannot set \"exp\""))
        .stderr(predicate::str::contains("hint: use --ttl"));
    with_secret()
        .args(["issue", "--sub", "a", "--claim", "novalue"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not K=V"));
    with_secret()
        .args(["issue", "--sub", "a", "--header", "alg=none"])
        .assert()
        .code(2);
}

#[test]
fn no_token_on_a_terminal_is_a_usage_error_and_a_closed_pipe_is_not_an_error() {
    // assert_cmd gives an empty, non-terminal stdin: that is "empty input", malformed.
    with_secret().args(["verify"]).assert().code(3);
    // `… | head -c1`: the reader leaves after one byte while jwtctl still has far more than a
    // pipe buffer (64 KiB) to write, so the write really fails with EPIPE; that must not turn
    // into an error exit, a message or a panic.
    let t = issue(&["--sub", "a"]);
    let dir = tempdir();
    let batch = dir.path().join("tokens.txt");
    std::fs::write(&batch, format!("{t}\n").repeat(5_000)).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("jwtctl");
    for args in [
        format!("decode --file '{}'", batch.display()),
        "completions bash".to_string(),
    ] {
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(format!(
                "'{}' {args} | head -c1 >/dev/null; exit ${{PIPESTATUS[0]}}",
                bin.display(),
            ))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args}");
        assert!(out.stderr.is_empty(), "{args}");
    }
    // The output really is larger than a pipe buffer: the pipe broke while writing.
    let full = std::process::Command::new(&bin)
        .args(["decode", "--file"])
        .arg(&batch)
        .output()
        .unwrap();
    assert!(full.stdout.len() > 1 << 16, "{}", full.stdout.len());
}

#[test]
fn verify_checks_the_user_when_users_or_jwtctl_users_names_the_file() {
    let dir = tempdir();
    let users = dir.path().join("users.toml");
    std::fs::copy(fixtures().join("../../examples/users.toml"), &users).unwrap();
    let t = issue(&["--sub", "alice"]);
    with_secret()
        .args(["verify", "-q", "--users"])
        .arg(&users)
        .arg(&t)
        .assert()
        .success();
    jwtctl()
        .args(["users", "disable", "alice", "--users"])
        .arg(&users)
        .assert()
        .success();
    with_secret()
        .args(["verify", "--users"])
        .arg(&users)
        .arg(&t)
        .assert()
        .code(6)
        .stdout(predicate::str::contains("✗ user:"));
    // JWTCTL_USERS=FILE means what --users FILE means: the user is checked.
    with_secret()
        .env("JWTCTL_USERS", &users)
        .arg("verify")
        .arg(&t)
        .assert()
        .code(6)
        .stdout(predicate::str::contains("✗ user:"));
    with_secret()
        .env("JWTCTL_USERS", &users)
        .args(["verify", "-q", "--check-user", &t])
        .assert()
        .code(6);
    // Neither given: ./users.toml is not consulted unless --check-user asks.
    let elsewhere = tempdir();
    with_secret()
        .current_dir(elsewhere.path())
        .args(["verify", "-q", &t])
        .assert()
        .success();
}

#[test]
fn an_empty_jwtctl_users_counts_as_unset_and_an_empty_users_flag_is_named() {
    let dir = tempdir();
    let t = issue(&["--sub", "alice"]);
    // Unset, as far as every command is concerned: verify checks no user, users reads the
    // default file, and no error names a flag that was never typed.
    with_secret()
        .current_dir(dir.path())
        .env("JWTCTL_USERS", "")
        .args(["verify", &t])
        .assert()
        .success()
        .stdout(predicate::str::contains("✓ token valid"))
        .stderr("");
    jwtctl()
        .current_dir(dir.path())
        .env("JWTCTL_USERS", "")
        .args(["users", "list"])
        .assert()
        .code(10)
        .stdout("")
        .stderr(predicate::str::contains(
            "the users file users.toml does not exist",
        ))
        .stderr(predicate::str::contains("--users").count(1)) // the hint's, not an error's
        .stderr(predicate::str::contains("a value is required").not());
    // An empty --users that was typed is a usage error that says so.
    jwtctl()
        .args(["users", "list", "--users", ""])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "jwtctl: --users is empty\nhint: ",
        ));
    // A typed --users wins over the variable.
    let file = dir.path().join("named.toml");
    jwtctl()
        .env("JWTCTL_USERS", dir.path().join("env.toml"))
        .args(["users", "list", "--users"])
        .arg(&file)
        .assert()
        .code(10)
        .stderr(predicate::str::contains("named.toml does not exist"));
}

#[test]
fn jws_mode_refuses_claim_checks_it_would_skip() {
    let t = issue(&["--sub", "a"]);
    with_secret()
        .args(["verify", "--jws", "--aud", "x", &t])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
}

#[test]
fn negative_test_tokens_need_insecure_and_say_so() {
    // Refused without --insecure, with a hint, and nothing on stdout.
    for (flag, says) in [
        (
            &["--alg", "none"][..],
            "--alg none makes a token an API must refuse",
        ),
        (
            &["--no-exp"][..],
            "--no-exp makes a token an API must refuse",
        ),
    ] {
        with_secret()
            .args(["issue", "--sub", "a"])
            .args(flag)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(says))
            .stderr(predicate::str::contains("hint: add --insecure"));
    }
    // alg none: an unsigned token (empty signature), a critical warning, and verify refuses it.
    let out = with_secret()
        .args(["issue", "--sub", "a", "--alg", "none", "--insecure"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: --insecure: the token is unsigned (alg none)",
        ));
    let token = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let token = token.trim();
    assert!(token.ends_with('.'), "{token}");
    with_secret()
        .args(["verify", token])
        .assert()
        .code(4)
        .stdout(predicate::str::contains("unsecured"));
    // A key makes no sense with it.
    jwtctl()
        .args([
            "issue",
            "--alg",
            "none",
            "--insecure",
            "--secret-env",
            "JWTCTL_SECRET",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--alg none signs nothing"));
    // --no-exp: no exp, the warning in JSON too; verify --require exp refuses the token.
    let v: Value = serde_json::from_str(&stdout_of(with_secret().args([
        "issue",
        "--sub",
        "a",
        "--no-exp",
        "--insecure",
        "-o",
        "json",
    ])))
    .unwrap();
    assert!(v["payload"].get("exp").is_none(), "{v}");
    assert_eq!(v["expires_at"], Value::Null);
    assert_eq!(v["expires_in"], Value::Null);
    assert_eq!(v["warnings"][0]["id"], "no-exp");
    assert_eq!(v["warnings"][0]["level"], "high");
    let token = v["token"].as_str().unwrap();
    with_secret()
        .args(["verify", "--require", "exp", token])
        .assert()
        .code(6);
    with_secret()
        .args(["verify", token])
        .assert()
        .success()
        .stderr(predicate::str::contains("never expires"));
    // A signed token without --insecure's flags carries an empty warnings list.
    let v: Value = serde_json::from_str(&stdout_of(
        with_secret().args(["issue", "--sub", "a", "-o", "json"]),
    ))
    .unwrap();
    assert_eq!(v["warnings"], serde_json::json!([]));
}
