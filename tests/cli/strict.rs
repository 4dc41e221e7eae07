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
