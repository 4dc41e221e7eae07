//! `jwtctl hash` and `hash --verify`, and interop with Python's argon2-cffi and bcrypt.

use predicates::prelude::*;

use crate::support::*;

/// The FastAPI tutorial's `fake_users_db` hash of "secret" (made by passlib with bcrypt).
pub const TUTORIAL_BCRYPT: &str = "$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW";

fn hash(password: &str, extra: &[&str]) -> String {
    stdout_of(
        jwtctl()
            .args(["hash", "--password-stdin"])
            .args(extra)
            .write_stdin(format!("{password}\n")),
    )
}

fn verify(password: &str, hash: &str) -> assert_cmd::assert::Assert {
    jwtctl()
        .args(["hash", "--password-stdin", "--verify", hash])
        .write_stdin(format!("{password}\n"))
        .assert()
}

#[test]
fn hash_prints_an_argon2id_phc_string_at_the_default_cost() {
    let h = hash("secret", &[]);
    assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
    assert_eq!(h.split('$').count(), 6, "{h}");
    // A fresh salt each time.
    assert_ne!(h, hash("secret", &[]));
}

#[test]
fn hash_takes_cost_flags() {
    let h = hash(
        "secret",
        &["--m-cost", "1024", "--t-cost", "1", "--p-cost", "2"],
    );
    assert!(h.starts_with("$argon2id$v=19$m=1024,t=1,p=2$"), "{h}");
    verify("secret", &h).success();
}

#[test]
fn hash_refuses_costs_out_of_range_before_reading_a_password() {
    for flags in [
        ["--m-cost", "4"],
        ["--t-cost", "0"],
        ["--p-cost", "0"],
        ["--m-cost", "99999999"],
    ] {
        jwtctl()
            .args(["hash", "--password-stdin"])
            .args(flags)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("argon2 cost out of range"))
            .stderr(predicate::str::contains("hint:"));
    }
}

#[test]
fn verify_matches_and_mismatches_with_exit_codes() {
    let h = hash("correct horse", &[]);
    verify("correct horse", &h)
        .success()
        .stdout(predicate::str::contains("password matches"));
    verify("correct horsf", &h)
        .code(7)
        .stdout("")
        .stderr(predicate::str::contains(
            "jwtctl: the password does not match the hash",
        ))
        .stderr(predicate::str::contains("hint:"));
    jwtctl()
        .args(["-q", "hash", "--password-stdin", "--verify", &h])
        .write_stdin("correct horse\n")
        .assert()
        .success()
        .stdout("");
}

#[test]
fn verify_reads_the_fastapi_tutorials_bcrypt_hash() {
    verify("secret", TUTORIAL_BCRYPT)
        .success()
        .stdout(predicate::str::contains("bcrypt (2b cost=12)"));
    verify("Secret", TUTORIAL_BCRYPT).code(7);
}

/// Fixed vectors made with argon2-cffi's low-level API (the reference C implementation):
/// password "secret", salt "saltsaltsalt", m=64, t=1, p=1.
const ARGON2_VECTORS: [&str; 4] = [
    "$argon2id$v=16$m=64,t=1,p=1$c2FsdHNhbHRzYWx0$yvW9LC6br+BmljUmNoiIXJ6woZc408UQ3iOrw49e3uc",
    "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0$7TaUmW3HZOQXgkKGk4zbBF3bZq2R5kfOnhUsl/jH4Vs",
    "$argon2d$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0$jJTr27naLk3313s0KHIB/FP6hZ+Z4l0HAhQgLAD/m+M",
    "$argon2d$v=16$m=64,t=1,p=1$c2FsdHNhbHRzYWx0$bmUJVBSNzGhYE2EvUdJUtLO0x8w6KqKbD/edAFS+TB0",
];

#[test]
fn verify_reads_argon2i_d_id_at_versions_16_and_19() {
    for v in ARGON2_VECTORS {
        verify("secret", v).success();
        verify("secreT", v).code(7);
    }
}

#[test]
fn a_phc_string_without_a_version_is_version_16_as_in_the_reference_implementation() {
    let without = ARGON2_VECTORS[0].replace("$v=16", "");
    verify("secret", &without)
        .success()
        .stdout(predicate::str::contains("v=16"));
}

/// bcrypt("x" * 72), cost 4, made by Python bcrypt 5.
const BCRYPT_72_XS: &str = "$2b$04$/f3L8C2CcqtbAKhnxwTCl..Ke89lT.jNgadVoDwwz6vhL8X.6gupq";

#[test]
fn bcrypt_takes_72_bytes_and_refuses_more_instead_of_truncating() {
    verify(&"x".repeat(72), BCRYPT_72_XS).success();
    // A library that truncates would call this a match: the first 72 bytes are the same.
    verify(&"x".repeat(73), BCRYPT_72_XS)
        .code(7)
        .stderr(predicate::str::contains("over bcrypt's limit of 72"))
        .stderr(predicate::str::contains("hint:"));
}

#[test]
fn malformed_and_unknown_hashes_exit_1_and_never_echo_the_value() {
    for (bad, says) in [
        ("hunter2", "malformed"),
        ("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ", "malformed"),
        ("$argon2id$v=99$m=64,t=1,p=1$c2FsdHNhbHRzYWx0$yvW9LC6br+BmljUmNoiIXJ6woZc408UQ3iOrw49e3uc", "v=99"),
        ("$2b$12$tooshort", "60 characters"),
        ("$2x$04$/f3L8C2CcqtbAKhnxwTCl..Ke89lT.jNgadVoDwwz6vhL8X.6gupq", "scheme \"2x\""),
        ("$pbkdf2-sha256$29000$N2bMWSvl$aGVsbG8", "scheme \"pbkdf2-sha256\""),
        ("$bcrypt-sha256$v=2,t=2b,r=12$n79VH$1Ee7Vb", "scheme \"bcrypt-sha256\""),
    ] {
        let assert = jwtctl()
            .args(["hash", "--password-stdin", "--verify", bad])
            .write_stdin("secret\n")
            .assert()
            .code(1)
            .stderr(predicate::str::contains(says))
            .stderr(predicate::str::contains("hint:"))
            .stderr(predicate::str::contains("panicked").not());
        if bad == "hunter2" {
            assert.stderr(predicate::str::contains("hunter2").not());
        }
    }
}

#[test]
fn a_hash_asking_for_absurd_memory_is_refused_not_attempted() {
    let greedy =
        "$argon2id$v=19$m=4294967295,t=1,p=1$c2FsdHNhbHRzYWx0$yvW9LC6br+BmljUmNoiIXJ6woZc408UQ3iOrw49e3uc";
    verify("secret", greedy)
        .code(3)
        .stderr(predicate::str::contains("beyond jwtctl's bounds"));
    verify(
        "secret",
        "$2b$31$/f3L8C2CcqtbAKhnxwTCl..Ke89lT.jNgadVoDwwz6vhL8X.6gupq",
    )
    .code(3)
    .stderr(predicate::str::contains("bcrypt cost 31"));
}

#[test]
fn bad_passwords_are_usage_errors() {
    jwtctl()
        .args(["hash", "--password-stdin"])
        .write_stdin("\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the password is empty"));
    jwtctl()
        .args(["hash", "--password-stdin"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("stdin is empty"));
    jwtctl()
        .args(["hash", "--password-stdin"])
        .write_stdin(format!("{}\n", "p".repeat(4097)))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("over jwtctl's limit of 4096"));
    // Without a terminal there is no prompt to fall back on.
    jwtctl()
        .arg("hash")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--password-stdin"));
}

fn python(py: &str, args: &[&str], password: &str) -> std::process::Output {
    use std::io::Write;
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop/passwords.py");
    let mut child = std::process::Command::new(py)
        .arg(script)
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{password}\n").as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn python_hash(py: &str, args: &[&str], password: &str) -> String {
    let out = python(py, args, password);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[test]
fn interop_python_argon2_and_bcrypt_hashes_verify_in_jwtctl() {
    let Some(py) = python_with(&["argon2", "bcrypt"]) else {
        return;
    };
    let password = "pässwörd with spaces";
    let mut hashes = vec![python_hash(&py, &["argon2"], password)];
    for variant in ["i", "d", "id"] {
        for version in ["16", "19"] {
            hashes.push(python_hash(&py, &["argon2", variant, version], password));
        }
    }
    for prefix in ["2a", "2b", "2y"] {
        hashes.push(python_hash(&py, &["bcrypt", prefix], password));
    }
    for h in &hashes {
        verify(password, h).success();
        verify("pässwörd with space", h).code(7);
    }
}

#[test]
fn interop_jwtctl_argon2id_hashes_verify_in_argon2_cffi() {
    let Some(py) = python_with(&["argon2", "bcrypt"]) else {
        return;
    };
    let password = "pässwörd with spaces";
    for flags in [
        &[][..],
        &["--m-cost", "1024", "--t-cost", "3", "--p-cost", "2"][..],
    ] {
        let h = hash(password, flags);
        let matched = python(&py, &["argon2-verify", &h], password);
        assert!(
            matched.status.success(),
            "{h}: {}",
            String::from_utf8_lossy(&matched.stderr)
        );
        let mismatched = python(&py, &["argon2-verify", &h], "wrong");
        assert_eq!(mismatched.status.code(), Some(1), "{h}");
    }
}
