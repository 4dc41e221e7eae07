//! Safe defaults: a user's token carries only what the users file grants, and `verify` says ✓
//! only where a strict verifier (RFC 7519, PyJWT) would.

use std::path::{Path, PathBuf};

use predicates::prelude::*;
use serde_json::Value;

use crate::support::*;

fn example_users() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/users.toml")
}

/// `issue --user alice --password-stdin` on the example users file, with `extra` flags.
fn issue_alice(extra: &[&str]) -> assert_cmd::Command {
    let mut c = with_secret();
    c.arg("--users")
        .arg(example_users())
        .args(["issue", "--user", "alice", "--password-stdin"])
        .args(extra)
        .write_stdin("secret\n");
    c
}

fn payload(token: &str) -> Value {
    let out = stdout_of(jwtctl().args(["decode", "-o", "json", token]));
    serde_json::from_str::<Value>(&out).unwrap()["payload"].clone()
}

#[test]
fn issue_user_scope_narrows_to_scopes_the_user_holds() {
    let token = stdout_of(&mut issue_alice(&["--scope", "items:read"]));
    let p = payload(&token);
    assert_eq!(p["scope"], "items:read");
    assert_eq!(p["sub"], "alice");
    assert_eq!(p["role"], "admin");
    // Without --scope, all of hers.
    let p = payload(&stdout_of(&mut issue_alice(&[])));
    assert_eq!(p["scope"], "items:read items:write");
}

#[test]
fn issue_user_scope_the_user_lacks_fails_with_6_naming_it_and_issues_nothing() {
    issue_alice(&["--scope", "items:read admin"])
        .assert()
        .code(6)
        .stdout("")
        .stderr(predicate::str::contains(
            "user \"alice\" does not hold scope admin (holds: items:read items:write)",
        ))
        .stderr(predicate::str::contains("hint:").and(predicate::str::contains("--no-auth")));
    // A wrong password is still an authentication failure first: no scope is revealed.
    with_secret()
        .arg("--users")
        .arg(example_users())
        .args([
            "issue",
            "--user",
            "alice",
            "--password-stdin",
            "--scope",
            "admin",
        ])
        .write_stdin("wrong\n")
        .assert()
        .code(7)
        .stderr(predicate::str::contains("admin").not());
}

#[test]
fn issue_user_claim_and_header_cannot_override_what_the_users_file_decides() {
    // The report's own example: sub=root and an admin scope for alice.
    for (flag, pair) in [
        ("--claim", "sub=root"),
        ("--claim", "scope=admin"),
        ("--claim", "iss=https://elsewhere"),
        ("--claim", "aud=other-api"),
        ("--claim", "jti=fixed"),
        ("--claim", "role=superuser"),
        ("--header", "sub=root"),
        ("--header", "role=superuser"),
    ] {
        let name = pair.split('=').next().unwrap();
        issue_alice(&[flag, pair])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(format!(
                "jwtctl: {flag} cannot set \"{name}\" with --user"
            )))
            .stderr(predicate::str::contains(
                "hint: an operator who holds the key issues an arbitrary token with --no-auth (this user) or --sub (any subject)",
            ));
    }
    // Time claims and token_use: never, with --user or not.
    for pair in ["exp=1", "iat=1", "nbf=1", "token_use=refresh"] {
        issue_alice(&["--claim", pair])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("--claim cannot set"));
        with_secret()
            .args(["issue", "--sub", "svc", "--claim", pair])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("hint: use --ttl for exp"));
    }
    // A claim neither reserved nor the user's own is fine.
    let p = payload(&stdout_of(&mut issue_alice(&["--claim", "tenant=t1"])));
    assert_eq!(p["tenant"], "t1");
}

#[test]
fn the_operator_mints_arbitrary_tokens_with_no_auth_or_sub_and_is_told() {
    let mut c = with_secret();
    c.arg("--users").arg(example_users()).args([
        "issue",
        "--user",
        "alice",
        "--no-auth",
        "--scope",
        "items:read admin",
        "--claim",
        "role=superuser",
    ]);
    let out = c.output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--no-auth: granting scope admin that \"alice\" does not hold"),
        "{stderr}"
    );
    let p = payload(String::from_utf8_lossy(&out.stdout).trim());
    assert_eq!(p["scope"], "items:read admin");
    assert_eq!(p["role"], "superuser");

    let p = payload(&stdout_of(with_secret().args([
        "issue",
        "--sub",
        "root",
        "--scope",
        "admin",
        "--claim",
        "role=superuser",
    ])));
    assert_eq!(p["sub"], "root");
    assert_eq!(p["scope"], "admin");
}

#[test]
fn reserved_claims_in_the_users_file_are_ignored_by_issue_as_by_serve() {
    let dir = tempdir();
    let path = dir.path().join("users.toml");
    let hash = "$argon2id$v=19$m=19456,t=2,p=1$qig5x4VYhzFdyIxKg6JH3w$U1T5scL1wa6234XHwtPDzcHK3brOSGT3ZLFuiSqbUi0";
    std::fs::write(
        &path,
        format!(
            "[users.bob]\npassword_hash = \"{hash}\"\nscopes = [\"items:read\"]\n\
             claims = {{ scope = \"admin\", iss = \"https://evil\", role = \"viewer\" }}\n"
        ),
    )
    .unwrap();
    let mut c = with_secret();
    c.arg("--users")
        .arg(&path)
        .args(["issue", "--user", "bob", "--password-stdin"])
        .write_stdin("secret\n");
    let out = c.output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("user claim \"scope\" is ignored: jwtctl sets it"),
        "{stderr}"
    );
    assert!(stderr.contains("user claim \"iss\" is ignored"), "{stderr}");
    let p = payload(String::from_utf8_lossy(&out.stdout).trim());
    assert_eq!(p["scope"], "items:read");
    assert!(p.get("iss").is_none());
    assert_eq!(p["role"], "viewer");
}

#[test]
fn users_add_refuses_every_reserved_claim_of_the_one_list() {
    let dir = tempdir();
    let path = dir.path().join("users.toml");
    for name in [
        "sub",
        "iss",
        "aud",
        "exp",
        "iat",
        "nbf",
        "jti",
        "scope",
        "token_use",
    ] {
        with_secret()
            .arg("--users")
            .arg(&path)
            .args(["users", "add", "bob", "--password-stdin", "--claim"])
            .arg(format!("{name}=x"))
            .write_stdin("pw\n")
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!(
                "--claim cannot set \"{name}\": jwtctl sets it in every token it issues for a user"
            )))
            .stderr(predicate::str::contains(
                "hint: sub is the user name and scope comes from --scope; jwtctl reserves sub, iss, aud, exp, iat, nbf, jti, scope, token_use",
            ));
    }
    assert!(!path.exists());
}

// ---- verify's defaults ----

/// The moment every hand-made token below is judged at.
const AT: i64 = 1_900_000_000;
fn verify_at(args: &[&str], token: &str) -> assert_cmd::assert::Assert {
    with_secret()
        .args(["verify", "--at", &AT.to_string()])
        .args(args)
        .arg(token)
        .assert()
}

#[test]
fn a_refresh_token_is_not_an_access_token_unless_asked_for() {
    let out = stdout_of(with_secret().args(["issue", "--sub", "alice", "--refresh"]));
    let (access, refresh) = out.split_once('\n').unwrap();
    with_secret()
        .args(["verify", refresh])
        .assert()
        .code(6)
        .stdout(predicate::str::contains(
            "✗ token_use: this is a refresh token, not an access token",
        ))
        .stdout(predicate::str::contains(
            "hint: to check a refresh token, pass --token-use refresh (or --token-use any)",
        ));
    for use_ in ["refresh", "any"] {
        with_secret()
            .args(["verify", "-q", "--token-use", use_, refresh])
            .assert()
            .success();
    }
    with_secret()
        .args(["verify", "-q", "--token-use", "any", access])
        .assert()
        .success();
    with_secret()
        .args(["verify", "--token-use", "refresh", access])
        .assert()
        .code(6)
        .stdout(predicate::str::contains(
            "this is an access token, not a refresh token",
        ));
}

#[test]
fn iat_in_the_future_beyond_the_leeway_is_not_valid_yet() {
    let token = |iat: i64| {
        hs256(
            r#"{"alg":"HS256"}"#,
            &format!(r#"{{"sub":"a","iat":{iat},"exp":{}}}"#, AT + 3600),
        )
    };
    verify_at(&[], &token(AT + 60))
        .code(5)
        .stdout(predicate::str::contains(
            "✗ iat: issued in the future: \"iat\" is in 1m",
        ))
        .stdout(predicate::str::contains(
            "hint: judge it as of another moment",
        ));
    // Within the leeway (10s by default, or as given) it is clock skew.
    verify_at(&["-q"], &token(AT + 10)).success();
    verify_at(&["-q", "--leeway", "2m"], &token(AT + 60)).success();
    verify_at(&["-q", "--leeway", "0s"], &token(AT)).success();
    verify_at(&["-q"], &token(AT + 1)).success();
    verify_at(&["--leeway", "0s"], &token(AT + 1)).code(5);
}

#[test]
fn a_token_for_an_audience_fails_without_aud_unless_ignore_aud() {
    let token = hs256(
        r#"{"alg":"HS256"}"#,
        &format!(r#"{{"sub":"a","aud":"api","exp":{}}}"#, AT + 60),
    );
    verify_at(&[], &token)
        .code(6)
        .stdout(predicate::str::contains(
            "✗ aud: the token is meant for audience api, but no --aud says who is checking",
        ))
        .stdout(predicate::str::contains(
            "hint: pass --aud api as the API would, or --ignore-aud to judge everything but the audience",
        ));
    verify_at(&["-q", "--aud", "api"], &token).success();
    verify_at(&["--ignore-aud"], &token)
        .success()
        .stderr(predicate::str::contains(
            "--ignore-aud: the token is meant for audience api, which was not checked",
        ));
    // --ignore-aud and --aud contradict each other.
    verify_at(&["--ignore-aud", "--aud", "api"], &token).code(2);
}

#[test]
fn a_required_claim_that_is_null_counts_as_missing() {
    let token = hs256(
        r#"{"alg":"HS256"}"#,
        &format!(r#"{{"sub":"a","email":null,"exp":{}}}"#, AT + 60),
    );
    verify_at(&["--require", "email"], &token)
        .code(6)
        .stdout(predicate::str::contains(
            "✗ require: required claim \"email\" is null, which counts as missing",
        ));
    verify_at(&["-q", "--require", "sub"], &token).success();
}

#[test]
fn kid_typ_and_cty_that_are_not_strings_are_malformed() {
    let payload = format!(r#"{{"sub":"a","exp":{}}}"#, AT + 60);
    for (name, value) in [
        ("kid", "5"),
        ("typ", "[\"JWT\"]"),
        ("cty", "null"),
        ("kid", "{}"),
    ] {
        let token = hs256(&format!(r#"{{"alg":"HS256","{name}":{value}}}"#), &payload);
        verify_at(&[], &token)
            .code(3)
            .stdout(predicate::str::contains(format!(
                "✗ header: the header's \"{name}\" is {value}, not a string"
            )));
        // decode still shows it.
        jwtctl().args(["decode", &token]).assert().success();
    }
    let token = hs256(
        r#"{"alg":"HS256","kid":"k1","typ":"JWT","cty":"x"}"#,
        &payload,
    );
    verify_at(&["-q"], &token).success();
}

#[test]
fn sub_and_jti_that_are_not_strings_are_malformed() {
    for (name, value) in [
        ("sub", "5"),
        ("sub", "null"),
        ("jti", "7"),
        ("jti", "[\"x\"]"),
    ] {
        let token = hs256(
            r#"{"alg":"HS256"}"#,
            &format!(r#"{{"{name}":{value},"exp":{}}}"#, AT + 60),
        );
        verify_at(&[], &token)
            .code(3)
            .stdout(predicate::str::contains(format!(
                "✗ {name}: \"{name}\" is {value}, not a string"
            )))
            .stdout(predicate::str::contains(
                "hint: RFC 7519 defines sub and jti as strings",
            ));
    }
}

#[test]
fn a_json_users_file_naming_a_user_twice_is_refused_with_both_lines() {
    let dir = tempdir();
    let path = dir.path().join("users.json");
    let hash = "$argon2id$v=19$m=19456,t=2,p=1$qig5x4VYhzFdyIxKg6JH3w$U1T5scL1wa6234XHwtPDzcHK3brOSGT3ZLFuiSqbUi0";
    let text = format!(
        "{{\n  \"users\": {{\n    \"alice\": {{\"password_hash\": \"{hash}\", \"disabled\": true}},\n    \
         \"bob\": {{\"password_hash\": \"{hash}\"}},\n    \"alice\": {{\"password_hash\": \"{hash}\"}}\n  }}\n}}\n"
    );
    std::fs::write(&path, &text).unwrap();
    let msg = "is not valid JSON (line 6, column 3): duplicate key \"alice\" (lines 3 and 5)";
    with_secret()
        .arg("--users")
        .arg(&path)
        .args(["issue", "--user", "alice", "--password-stdin"])
        .write_stdin("secret\n")
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(msg))
        .stderr(predicate::str::contains("hint: fix the file by hand"));
    with_secret()
        .arg("--users")
        .arg(&path)
        .args(["users", "enable", "alice"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(msg));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn a_five_part_token_is_named_a_jwe_with_its_header() {
    let jwe = format!(
        "{}.{}.{}.{}.{}",
        b64(r#"{"alg":"RSA-OAEP","enc":"A256GCM"}"#),
        b64([1u8; 32]),
        b64([2u8; 12]),
        b64(b"ciphertext"),
        b64([3u8; 16])
    );
    for cmd in ["verify", "decode"] {
        with_secret()
            .args([cmd, &jwe])
            .assert()
            .code(3)
            .stderr(predicate::str::contains(
                "jwtctl: this is a JWE (encrypted JWT); jwtctl verifies JWS (signed tokens); its header: {\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}",
            ))
            .stderr(predicate::str::contains("hint: its claims are encrypted"));
    }
    // Four or six parts are still just the wrong number of parts.
    with_secret()
        .args(["verify", "a.b.c.d"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("this one has 4"));
}

#[test]
fn lint_uses_a_key_only_when_one_is_passed() {
    let dir = tempdir();
    let (private, _) = keygen_pair(dir.path(), "rsa", "RS256");
    let token = stdout_of(
        jwtctl()
            .args(["issue", "--sub", "a", "--key"])
            .arg(&private),
    );
    // A secret exported in the shell is not this token's key: no finding about it.
    with_secret()
        .args(["lint", &token])
        .assert()
        .success()
        .stdout("no findings\n");
    // Named explicitly, it is judged (and an HMAC secret does not fit an RS256 token).
    with_secret()
        .args(["lint", "--secret-env", "JWTCTL_SECRET", &token])
        .assert()
        .code(6)
        .stdout(predicate::str::contains("high"));
}

#[test]
fn stdin_memory_is_bounded_by_the_longest_line() {
    // A token then 160 MB of blank lines (4 KiB each) under a 100 MB address-space limit: a
    // reader that kept the blank lines could not allocate them. ulimit needs a shell.
    let token = stdout_of(with_secret().args(["issue", "--sub", "a"]));
    let bin = assert_cmd::cargo::cargo_bin("jwtctl");
    let script = format!(
        "ulimit -v 100000 && {{ echo {token}; yes \"$(printf '%4095s' '')\" | head -c 160000000; }} \
         | JWTCTL_SECRET={SECRET} '{}' verify -q",
        bin.display()
    );
    let out = std::process::Command::new("sh")
        .args(["-c", &script])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---- key material and password hashes ----

#[test]
fn a_secret_file_over_the_limit_is_refused_not_cut_short() {
    let dir = tempdir();
    let path = dir.path().join("big.secret");
    std::fs::write(&path, vec![b'a'; 4 * 1024 * 1024 + 1]).unwrap();
    jwtctl()
        .args(["issue", "--sub", "a", "--secret-file"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "big.secret is over the 4194304-byte limit for a key or secret file",
        ))
        .stderr(predicate::str::contains("hint:"));
    // At the limit it is read whole.
    std::fs::write(&path, vec![b'a'; 4 * 1024 * 1024]).unwrap();
    jwtctl()
        .args(["issue", "--sub", "a", "--secret-file"])
        .arg(&path)
        .assert()
        .success();
}

/// argon2-cffi verifies this for "password" (hash_len=4).
const SHORT_TAG: &str = "$argon2id$v=19$m=8,t=1,p=1$MTIzNDU2Nzg5MDEyMzQ1Ng$maTa5w";
const GREEDY: &str =
    "$argon2id$v=19$m=4194304,t=1,p=1$c2FsdHNhbHRzYWx0$yvW9LC6br+BmljUmNoiIXJ6woZc408UQ3iOrw49e3uc";

#[test]
fn hashes_beyond_the_cost_bounds_or_with_short_tags_are_refused_with_3() {
    for (hash, says) in [
        (GREEDY, "asks for m=4194304 KiB, t=1, p=1 (at most m=1048576, t=32, p=16), beyond jwtctl's bounds"),
        ("$argon2id$v=19$m=65536,t=33,p=1$c2FsdHNhbHRzYWx0$yvW9LC6br+BmljUmNoiIXJ6woZc408UQ3iOrw49e3uc", "t=33"),
        ("$argon2id$v=19$m=65536,t=1,p=17$c2FsdHNhbHRzYWx0$yvW9LC6br+BmljUmNoiIXJ6woZc408UQ3iOrw49e3uc", "p=17"),
        (SHORT_TAG, "the argon2 hash's tag is 4 bytes; jwtctl checks tags of 10 bytes or more"),
    ] {
        jwtctl()
            .args(["hash", "--password-stdin", "--verify", hash])
            .write_stdin("password\n")
            .assert()
            .code(3)
            .stderr(predicate::str::contains(says))
            .stderr(predicate::str::contains("hint:"));
    }
    // In a users file: the login is refused with 3 and the user named; nothing is attempted.
    let dir = tempdir();
    let path = dir.path().join("users.toml");
    std::fs::write(
        &path,
        format!("[users.mallory]\npassword_hash = '{GREEDY}'\n"),
    )
    .unwrap();
    for args in [
        &["users", "check", "mallory", "--password-stdin"][..],
        &["issue", "--user", "mallory", "--password-stdin"][..],
    ] {
        with_secret()
            .arg("--users")
            .arg(&path)
            .args(args)
            .write_stdin("secret\n")
            .assert()
            .code(3)
            .stdout("")
            .stderr(predicate::str::contains(
                "the password hash of user \"mallory\" cannot be used: the password hash asks for m=4194304 KiB",
            ));
    }
    // Making one beyond the bounds is a usage error.
    jwtctl()
        .args(["hash", "--password-stdin", "--m-cost", "1048577"])
        .write_stdin("pw\n")
        .assert()
        .code(2);
}

// ---- remote key sets ----

/// A loopback HTTP server whose answers the test sets per path: status, Cache-Control and body
/// (a 3xx body is its Location), counting the requests each path gets.
struct Site {
    url: String,
    routes: Shared<(u16, String, String)>,
    hits: Shared<usize>,
}

type Shared<T> = std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, T>>>;

impl Site {
    fn start() -> Site {
        use std::io::{BufRead, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let routes = std::sync::Arc::new(std::sync::Mutex::new(std::collections::HashMap::new()));
        let hits = std::sync::Arc::new(std::sync::Mutex::new(std::collections::HashMap::new()));
        let (r, h) = (routes.clone(), hits.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = std::io::BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                let _ = reader.read_line(&mut line);
                let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).unwrap_or(0) <= 2 {
                        break;
                    }
                }
                *h.lock().unwrap().entry(path.clone()).or_insert(0) += 1;
                let (status, cache, body) = r.lock().unwrap().get(&path).cloned().unwrap_or((
                    404,
                    String::new(),
                    "{}".to_string(),
                ));
                let location = if (300..400).contains(&status) {
                    format!("Location: {body}\r\n")
                } else {
                    String::new()
                };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nCache-Control: {cache}\r\n{location}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        Site { url, routes, hits }
    }

    fn route(&self, path: &str, status: u16, cache: &str, body: &str) {
        self.routes.lock().unwrap().insert(
            path.to_string(),
            (status, cache.to_string(), body.to_string()),
        );
    }

    fn hits(&self, path: &str) -> usize {
        self.hits.lock().unwrap().get(path).copied().unwrap_or(0)
    }
}

/// An ES256 key pair in `dir`, its JWKS (kid "k1") and a token it signed.
fn es256_set(dir: &Path) -> (String, String) {
    let (private, public) = keygen_pair(dir, "es", "ES256");
    let jwks = stdout_of(jwtctl().args(["jwks", "--kid", "k1"]).arg(&public));
    let token = stdout_of(
        jwtctl()
            .args(["issue", "--sub", "svc", "--kid", "k1", "--key"])
            .arg(&private),
    );
    (jwks, token)
}

fn verify_remote(cache: &Path, args: &[&str], token: &str) -> assert_cmd::assert::Assert {
    jwtctl()
        .env("JWTCTL_CACHE_DIR", cache)
        .args(["verify", "--allow-http"])
        .args(args)
        .arg(token)
        .assert()
}

/// The single cache entry whose body contains `marker`, as JSON, and its path.
fn cache_entry(cache: &Path, marker: &str) -> (PathBuf, Value) {
    for entry in std::fs::read_dir(cache).unwrap() {
        let path = entry.unwrap().path();
        let v: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        if v["body"].as_str().unwrap().contains(marker) {
            return (path, v);
        }
    }
    panic!("no cache entry holding {marker}");
}

fn age_cache_entry(path: &Path, entry: &Value, seconds_ago: i64) {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let mut e = entry.clone();
    e["fetched_at"] = (now - seconds_ago).into();
    std::fs::write(path, e.to_string()).unwrap();
}

#[test]
fn max_age_is_capped_and_a_stale_set_stands_in_only_briefly_and_only_for_a_server_down() {
    let dir = tempdir();
    let cache = dir.path().join("cache");
    let (jwks, token) = es256_set(dir.path());
    let site = Site::start();
    site.route("/jwks.json", 200, "public, max-age=31536000", &jwks);
    let url = format!("{}/jwks.json", site.url);
    let args = ["-q", "--jwks", url.as_str()];
    verify_remote(&cache, &args, &token).success();
    // A year asked for, a day kept.
    let (path, entry) = cache_entry(&cache, "k1");
    assert_eq!(entry["max_age"], 86400);

    // Expired an hour ago, server failing with 500: the stale copy is used, with its age.
    age_cache_entry(&path, &entry, 86400 + 3600);
    site.route("/jwks.json", 500, "no-store", "{}");
    verify_remote(&cache, &["--jwks", &url], &token)
        .success()
        .stderr(predicate::str::contains("answered HTTP 500"))
        .stderr(predicate::str::contains("using the copy of"))
        .stderr(predicate::str::contains(
            "fetched 1d 1h ago (stale: it expired 1h ago",
        ));
    // A 4xx is an answer, not an outage: no stale copy.
    site.route("/jwks.json", 404, "no-store", "{}");
    verify_remote(&cache, &["--jwks", &url], &token)
        .code(1)
        .stderr(predicate::str::contains("answered HTTP 404"));
    // Expired more than a day ago: not used even while the server is down.
    age_cache_entry(&path, &entry, 86400 + 86400 + 60);
    site.route("/jwks.json", 503, "no-store", "{}");
    verify_remote(&cache, &["--jwks", &url], &token)
        .code(1)
        .stderr(predicate::str::contains("answered HTTP 503"));
}

#[test]
fn oidc_discovery_is_cached_and_must_name_the_issuer_asked_for() {
    let dir = tempdir();
    let cache = dir.path().join("cache");
    let (jwks, token) = es256_set(dir.path());
    let site = Site::start();
    let issuer = site.url.clone();
    let discovery = "/.well-known/openid-configuration";
    site.route("/jwks.json", 200, "max-age=600", &jwks);
    site.route(
        discovery,
        200,
        "max-age=600",
        &serde_json::json!({"issuer": issuer, "jwks_uri": format!("{issuer}/jwks.json")})
            .to_string(),
    );
    // --oidc implies --iss: this token has no iss.
    verify_remote(&cache, &["--oidc", &issuer], &token)
        .code(6)
        .stdout(predicate::str::contains("no \"iss\" claim"));
    assert_eq!(site.hits(discovery), 1);
    // Cached: a second run fetches neither the discovery document nor the set.
    verify_remote(&cache, &["--oidc", &issuer], &token).code(6);
    assert_eq!(site.hits(discovery), 1);
    assert_eq!(site.hits("/jwks.json"), 1);

    // A document naming another issuer is refused (OpenID Connect Discovery 4.3).
    let cache2 = dir.path().join("cache2");
    site.route(
        discovery,
        200,
        "no-store",
        &serde_json::json!({"issuer": "https://elsewhere.example", "jwks_uri": format!("{issuer}/jwks.json")})
            .to_string(),
    );
    verify_remote(&cache2, &["--oidc", &issuer], &token)
        .code(1)
        .stderr(predicate::str::contains(format!(
            "names the issuer \"https://elsewhere.example\", not {issuer}"
        )))
        .stderr(predicate::str::contains(
            "hint: pass --oidc exactly as the issuer writes",
        ));
}

#[test]
fn redirects_are_followed_at_most_three_times() {
    let dir = tempdir();
    let (jwks, token) = es256_set(dir.path());
    let site = Site::start();
    site.route("/jwks.json", 200, "no-store", &jwks);
    for (from, to) in [
        ("/r1", "/jwks.json"),
        ("/r2", "/r1"),
        ("/r3", "/r2"),
        ("/r4", "/r3"),
    ] {
        site.route(from, 302, "no-store", &format!("{}{to}", site.url));
    }
    let cache = dir.path().join("cache");
    verify_remote(
        &cache,
        &["-q", "--jwks", &format!("{}/r3", site.url)],
        &token,
    )
    .success();
    verify_remote(&cache, &["--jwks", &format!("{}/r4", site.url)], &token)
        .code(1)
        .stderr(predicate::str::contains("follows at most 3 redirects"));
}
