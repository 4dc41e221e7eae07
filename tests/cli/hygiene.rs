//! Secret hygiene: HMAC secrets and passwords never appear in output, errors or
//! `--output json`, on success and on every error path; files holding them that other users can
//! read are warned about.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::*;

/// Recognisable values: any 8-byte piece of them in the output counts as a leak.
const SECRET: &str = "hygieneCanarySecret-7Qx9-Zk2M-pW4v-bR8t";
const WEAK: &str = "wkCanary-Q7z";
const PASSWORD: &str = "pwCanary-Hunter2-Qz8";
const WRONG_PASSWORD: &str = "wrongCanary-Mk4-Ls9";

/// The first 8-byte piece of `needle` (or all of a shorter one) found in `text`.
fn leaked<'a>(text: &str, needle: &'a str) -> Option<&'a str> {
    let n = needle.len().min(8);
    (0..=needle.len() - n)
        .filter_map(|i| needle.get(i..i + n))
        .find(|piece| text.contains(piece))
}

/// Runs the command and fails when stdout or stderr holds a piece of any needle.
fn run_clean(cmd: &mut assert_cmd::Command, needles: &[&str]) -> Output {
    let out = cmd.output().expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    for needle in needles {
        for (name, text) in [("stdout", &stdout), ("stderr", &stderr)] {
            if let Some(piece) = leaked(text, needle) {
                panic!(
                    "{name} repeats {piece:?} of a secret ({:?})\nstdout: {stdout}\nstderr: {stderr}",
                    out.status
                );
            }
        }
    }
    out
}
fn private_file(path: &Path, text: &str) -> PathBuf {
    fs::write(path, text).unwrap();
    fs::set_permissions(path, fs::Permissions::from_mode(0o600)).unwrap();
    path.to_path_buf()
}

fn code(out: &Output) -> Option<i32> {
    out.status.code()
}

#[test]
fn the_leak_detector_finds_what_it_looks_for() {
    // keygen prints a fresh secret on stdout by design: the detector must see it.
    let out = jwtctl()
        .args(["keygen", "--alg", "HS256"])
        .output()
        .unwrap();
    let secret = String::from_utf8(out.stdout).unwrap();
    let secret = secret.trim();
    assert!(leaked(&format!("x{secret}y"), secret).is_some());
    assert!(leaked(&format!("...{}...", &secret[5..13]), secret).is_some());
    assert!(leaked("nothing here", SECRET).is_none());
    // With --out, the secret goes to the file only.
    let dir = tempdir();
    let prefix = dir.path().join("k");
    let out = jwtctl()
        .args(["keygen", "--alg", "HS512", "--out"])
        .arg(&prefix)
        .output()
        .unwrap();
    assert!(out.status.success());
    let written = fs::read_to_string(&prefix).unwrap();
    let all = [out.stdout, out.stderr].concat();
    assert_eq!(leaked(&String::from_utf8_lossy(&all), written.trim()), None);
}

/// Flags, and environment variables, that pass the secret.
type Source<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)]);

/// Every way of passing the secret, through issue, verify (good, forged, expired, human and
/// JSON), decode and lint.
#[test]
fn secrets_never_appear_when_signing_verifying_or_linting() {
    let dir = tempdir();
    let file = private_file(&dir.path().join("secret.txt"), &format!("{SECRET}\n"));
    let b64_file = private_file(&dir.path().join("secret.b64"), &b64(SECRET));
    let file_arg = file.to_str().unwrap();
    let b64_arg = b64_file.to_str().unwrap();
    let sources: [Source; 6] = [
        (&[], &[("JWTCTL_SECRET", SECRET)]),
        (&["--secret-env", "MY_KEY"], &[("MY_KEY", SECRET)]),
        (&["--secret-file", file_arg], &[]),
        (&["--secret", SECRET], &[]),
        (&["--secret-file", b64_arg, "--secret-base64"], &[]),
        (&["--secret-base64"], &[("JWTCTL_SECRET", &b64(SECRET))]),
    ];
    let b64 = b64(SECRET);
    let needles = [SECRET, b64.as_str()];
    for (flags, env) in sources {
        let with = |args: &[&str]| {
            let mut c = jwtctl();
            c.args(args).args(flags).envs(env.iter().copied());
            c
        };
        let mut token = String::new();
        for output in ["token", "json", "oauth2"] {
            let out = run_clean(
                &mut with(&[
                    "issue",
                    "--sub",
                    "alice",
                    "--jti",
                    "--refresh",
                    "-o",
                    output,
                ]),
                &needles,
            );
            assert!(out.status.success(), "{flags:?} {output}");
            if output == "token" {
                token = String::from_utf8(out.stdout)
                    .unwrap()
                    .lines()
                    .next()
                    .unwrap()
                    .to_string();
            }
        }
        // Another first character of the signature (the last one has bits that must be zero).
        let at = token.rfind('.').unwrap() + 1;
        let other = if &token[at..=at] == "A" { "B" } else { "A" };
        let forged = format!("{}{other}{}", &token[..at], &token[at + 1..]);
        for (t, at, want) in [
            (&token, "2999-01-01T00:00:00Z", 5),
            (&forged, "2999-01-01T00:00:00Z", 4),
        ] {
            for output in ["human", "json"] {
                let out = run_clean(
                    &mut with(&["verify", "--at", at, "-o", output, t.as_str()]),
                    &needles,
                );
                assert_eq!(code(&out), Some(want), "{flags:?} {at}: {out:?}");
            }
        }
        let out = run_clean(&mut with(&["verify", &token]), &needles);
        assert!(out.status.success(), "{flags:?}");
        run_clean(&mut with(&["decode", "-o", "json", &token]), &needles);
        for output in ["human", "json"] {
            let out = run_clean(&mut with(&["lint", "-o", output, &token]), &needles);
            assert!(code(&out).is_some(), "{flags:?}");
        }
    }
}

#[test]
fn weak_and_malformed_secrets_are_refused_without_repeating_them() {
    let on = |secret: &str| {
        let mut c = jwtctl();
        c.env("JWTCTL_SECRET", secret);
        c
    };
    // Signing with a short secret is refused; verifying with one warns.
    let out = run_clean(on(WEAK).args(["issue", "--sub", "a"]), &[WEAK]);
    assert_eq!(code(&out), Some(1));
    let out = run_clean(
        on(WEAK).args(["issue", "--sub", "a", "--allow-weak-secret"]),
        &[WEAK],
    );
    assert!(out.status.success());
    let token = String::from_utf8(out.stdout).unwrap().trim().to_string();
    for output in ["human", "json"] {
        let out = run_clean(on(WEAK).args(["verify", "-o", output, &token]), &[WEAK]);
        assert!(out.status.success());
        let all = String::from_utf8_lossy(&[out.stdout, out.stderr].concat()).into_owned();
        assert!(all.contains("12 bytes"), "{all}");
        // lint says the secret is weak, and how long it is, never what it is.
        let out = run_clean(
            on(WEAK).args([
                "lint",
                "--secret-env",
                "JWTCTL_SECRET",
                "-o",
                output,
                &token,
            ]),
            &[WEAK],
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("weak-secret"));
    }
    // A secret that is not base64: the error gives the offset, not the character (it is one
    // of the secret's), in any of the ways base64 can be wrong.
    for bad in [
        "hyg~eneCanary-7Qx9Zk2MpW4vbR8tQQQQQQQQ",
        "hygieneCanary7Qx9Zk2MpW4vbR8tQQQQQQQQ",
        "hygieneCanary7Qx9Zk2MpW4vbR8tQQQQQQQQR",
    ] {
        for cmd in [&["issue", "--sub", "a"][..], &["verify", &token][..]] {
            let out = run_clean(on(bad).args(cmd).arg("--secret-base64"), &[bad]);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(code(&out), Some(1), "{stderr}");
            assert!(stderr.contains("not valid base64"), "{stderr}");
            assert!(!stderr.contains('~') && !stderr.contains("126"), "{stderr}");
        }
    }
    // An empty secret, and no secret at all, name the variable but show nothing else.
    let out = run_clean(on("").args(["issue", "--sub", "a"]), &[SECRET]);
    assert_eq!(code(&out), Some(1));
}

/// The secret file passed where a key file, a JWKS or a public key belongs.
#[test]
fn a_secret_passed_where_a_key_file_belongs_is_not_repeated() {
    let dir = tempdir();
    let secret = private_file(&dir.path().join("secret.txt"), &format!("{SECRET}\n"));
    let oct_jwk = private_file(
        &dir.path().join("oct.jwk"),
        &format!(r#"{{"kty": "oct", "k": "{}"}}"#, b64(SECRET)),
    );
    let bad_jwk = private_file(
        &dir.path().join("bad.jwk"),
        &format!(r#"{{"kty": "oct", "k": "{SECRET}!"}}"#),
    );
    let oct_set = private_file(
        &dir.path().join("oct.jwks"),
        &format!(r#"{{"keys": [{{"kty": "oct", "k": "{}"}}]}}"#, b64(SECRET)),
    );
    let token = stdout_of(with_secret().args(["issue", "--sub", "a"]));
    let b64 = b64(SECRET);
    let needles = [SECRET, b64.as_str()];
    for file in [&secret, &oct_jwk, &bad_jwk, &oct_set] {
        let f = file.to_str().unwrap();
        for args in [
            &["verify", "--key", f, &token][..],
            &["verify", "-o", "json", "--key", f, &token][..],
            &["verify", "--jwks", f, &token][..],
            &["issue", "--sub", "a", "--key", f][..],
            &["issue", "--sub", "a", "-o", "json", "--key", f][..],
            &["lint", "--key", f, &token][..],
            &["jwks", f][..],
            &["jwk", "thumbprint", f][..],
        ] {
            let out = run_clean(jwtctl().args(args), &needles);
            assert!(code(&out).is_some(), "{args:?}");
        }
    }
}

#[test]
fn command_line_errors_do_not_repeat_a_secret_given_with_them() {
    for args in [
        &["issue", "--sub", "a", "--secret", SECRET, "--ttl", "bogus"][..],
        &[
            "issue", "--sub", "a", "--secret", SECRET, "--secret", SECRET,
        ][..],
        &["verify", &format!("--secret={SECRET}"), "--bogus", "x.y.z"][..],
        &["verify", "--secret", SECRET, "not-a-token"][..],
        &["decode", "--secret", SECRET, "x.y.z"][..],
    ] {
        let out = run_clean(jwtctl().args(args), &[SECRET]);
        assert!(!out.status.success(), "{args:?}");
    }
}

/// A users file with alice (PASSWORD) and a few hand-made problems.
fn users_with_alice(dir: &Path) -> PathBuf {
    let path = dir.join("users.toml");
    jwtctl()
        .arg("--users")
        .arg(&path)
        .args([
            "users",
            "add",
            "alice",
            "--password-stdin",
            "--scope",
            "read",
        ])
        .write_stdin(format!("{PASSWORD}\n"))
        .assert()
        .success();
    path
}

#[test]
fn passwords_never_appear_in_users_issue_or_hash_output() {
    let dir = tempdir();
    let path = users_with_alice(dir.path());
    let needles = [PASSWORD, WRONG_PASSWORD];
    let users = |args: &[&str], stdin: &str| {
        let mut c = with_secret();
        c.arg("--users").arg(&path).args(args).write_stdin(stdin);
        run_clean(&mut c, &needles)
    };
    let right = format!("{PASSWORD}\n");
    let wrong = format!("{WRONG_PASSWORD}\n");
    for (args, stdin, want) in [
        (&["users", "add", "bob", "--password-stdin"][..], &wrong, 0),
        (
            &["users", "add", "alice", "--password-stdin"][..],
            &right,
            9,
        ),
        (&["users", "list"][..], &right, 0),
        (&["users", "list", "-o", "json"][..], &right, 0),
        (&["users", "show", "alice"][..], &right, 0),
        (&["users", "show", "alice", "-o", "json"][..], &right, 0),
        (
            &["users", "check", "alice", "--password-stdin"][..],
            &right,
            0,
        ),
        (
            &["users", "check", "alice", "--password-stdin"][..],
            &wrong,
            7,
        ),
        (
            &["users", "check", "nobody", "--password-stdin"][..],
            &right,
            7,
        ),
        (
            &["issue", "--user", "alice", "--password-stdin"][..],
            &right,
            0,
        ),
        (
            &["issue", "--user", "alice", "--password-stdin", "-o", "json"][..],
            &right,
            0,
        ),
        (
            &[
                "issue",
                "--user",
                "alice",
                "--password-stdin",
                "-o",
                "oauth2",
            ][..],
            &right,
            0,
        ),
        (
            &["issue", "--user", "alice", "--password-stdin"][..],
            &wrong,
            7,
        ),
        (
            &["users", "passwd", "bob", "--password-stdin"][..],
            &right,
            0,
        ),
        (
            &["users", "check", "bob", "--password-stdin"][..],
            &right,
            0,
        ),
        (&["hash", "--password-stdin"][..], &right, 0),
        (&["hash", "-q", "--password-stdin"][..], &right, 0),
    ] {
        let out = users(args, stdin);
        assert_eq!(code(&out), Some(want), "{args:?}: {out:?}");
    }
    // hash --verify: a mismatch, and the password typed into the hash's place, in the shapes
    // that look most like a hash of some other scheme.
    let hash = stdout_of(
        jwtctl()
            .args(["hash", "--password-stdin"])
            .write_stdin(right.clone()),
    );
    for (password, hash, want) in [
        (&wrong, hash.as_str(), 7),
        (&right, hash.as_str(), 0),
        (&right, PASSWORD, 1),
        (&right, &format!("${PASSWORD}"), 1),
        (&right, &format!("${}", PASSWORD.to_lowercase()), 1),
        (&right, &format!("${}$", PASSWORD.to_lowercase()), 1),
        (&right, &format!("$2b$12${PASSWORD}"), 1),
        (&right, &format!("$argon2id${PASSWORD}"), 1),
    ] {
        let lower = PASSWORD.to_lowercase();
        let out = run_clean(
            jwtctl()
                .args(["hash", "--password-stdin", "--verify", hash])
                .write_stdin(password.as_str()),
            &[PASSWORD, WRONG_PASSWORD, &lower],
        );
        assert_eq!(code(&out), Some(want), "{hash}: {out:?}");
    }
    // Passwords refused for their length are described by their length only.
    let long = PASSWORD.repeat(300);
    let out = users(
        &["users", "add", "carol", "--password-stdin"],
        &format!("{long}\n"),
    );
    assert_eq!(code(&out), Some(2));
}

/// A plain password where a hash belongs (a hand-edited users file, an import of a database
/// that never hashed): every command that reads it says so without repeating it.
#[test]
fn a_password_stored_in_place_of_a_hash_is_never_repeated() {
    let dir = tempdir();
    let lower = PASSWORD.to_lowercase();
    let path = private_file(
        &dir.path().join("users.toml"),
        &format!(
            "[users.alice]\npassword_hash = \"{PASSWORD}\"\n\n[users.bob]\npassword_hash = \"${lower}$x$y\"\n"
        ),
    );
    let needles = [PASSWORD, lower.as_str()];
    let on = || {
        let mut c = with_secret();
        c.arg("--users").arg(&path);
        c
    };
    for name in ["alice", "bob"] {
        for args in [
            &["users", "list"][..],
            &["users", "list", "-o", "json"][..],
            &["users", "show", name][..],
            &["users", "show", name, "-o", "json"][..],
            &["users", "check", name, "--password-stdin"][..],
            &["issue", "--user", name, "--password-stdin"][..],
        ] {
            let out = run_clean(
                on().args(args).write_stdin(format!("{PASSWORD}\n")),
                &needles,
            );
            assert!(code(&out).is_some(), "{args:?}");
        }
    }
    let db = private_file(
        &dir.path().join("fake_users_db.json"),
        &format!(
            r#"{{"carol": {{"username": "carol", "hashed_password": "{PASSWORD}", "disabled": false}}}}"#
        ),
    );
    let out = run_clean(on().args(["users", "import"]).arg(&db), &needles);
    assert_eq!(code(&out), Some(1));
}

#[test]
fn files_holding_secrets_or_hashes_that_others_can_read_are_warned_about() {
    let dir = tempdir();
    let path = users_with_alice(dir.path());
    let token = stdout_of(with_secret().args(["issue", "--sub", "alice"]));
    let secret_file = private_file(&dir.path().join("secret.txt"), SECRET);
    let runs: Vec<(Vec<&str>, Option<&str>)> = vec![
        (vec!["users", "list"], None),
        (vec!["users", "show", "alice"], None),
        (
            vec!["users", "check", "alice", "--password-stdin"],
            Some(PASSWORD),
        ),
        (
            vec!["issue", "--user", "alice", "--password-stdin"],
            Some(PASSWORD),
        ),
        (vec!["issue", "--user", "alice", "--no-auth"], None),
        (vec!["verify", "--check-user", &token], None),
        (vec!["users", "disable", "alice"], None),
        (vec!["users", "enable", "alice"], None),
    ];
    for mode in [0o600, 0o640, 0o604, 0o620] {
        fs::set_permissions(&path, fs::Permissions::from_mode(mode)).unwrap();
        for (args, stdin) in &runs {
            let mut c = with_secret();
            c.arg("--users").arg(&path).args(args);
            if let Some(pw) = stdin {
                c.write_stdin(format!("{pw}\n"));
            }
            let out = c.output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "{args:?}: {stderr}");
            let what = if mode & 0o044 != 0 {
                "readable by other users"
            } else {
                "writable by other users"
            };
            let warned = stderr.matches(what).count();
            assert_eq!(
                warned,
                usize::from(mode != 0o600),
                "mode {mode:o}, {args:?}: {stderr}"
            );
            assert!(stderr.matches("chmod 600").count() == warned, "{stderr}");
        }
        // The mode is the file's own: edits keep it.
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            mode
        );
    }
    // Secret files too (key files: tests/cli/keys.rs).
    for mode in [0o600, 0o644, 0o660] {
        fs::set_permissions(&secret_file, fs::Permissions::from_mode(mode)).unwrap();
        let out = jwtctl()
            .args(["verify", "--secret-file"])
            .arg(&secret_file)
            .arg(&token)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            stderr.contains("holds a secret but is readable by others"),
            mode != 0o600,
            "mode {mode:o}: {stderr}"
        );
    }
}
