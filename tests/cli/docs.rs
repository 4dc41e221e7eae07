//! Completions, man pages and help texts are generated from the CLI definition and committed;
//! these tests fail when the committed copies drift. Refresh them all with:
//!
//!     SNAPSHOTS=overwrite cargo test --test cli docs
//!
//! then review the diff like code.

use std::path::{Path, PathBuf};

use predicates::prelude::*;

use crate::support::*;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Compares `actual` with the committed file, or rewrites it under SNAPSHOTS=overwrite.
fn assert_matches_file(actual: Vec<u8>, path: &Path) {
    let expected = snapbox::Data::read_from(path, None);
    // Byte for byte: path normalisation would turn roff's backslashes into slashes.
    snapbox::Assert::new()
        .action_env(snapbox::assert::DEFAULT_ACTION_ENV)
        .normalize_paths(false)
        .eq(snapbox::Data::binary(actual), expected);
}

#[test]
fn completions_are_committed_and_current() {
    for (shell, file) in [
        ("bash", "jwtctl.bash"),
        ("zsh", "_jwtctl"),
        ("fish", "jwtctl.fish"),
        ("powershell", "_jwtctl.ps1"),
        ("elvish", "jwtctl.elv"),
        ("nushell", "jwtctl.nu"),
    ] {
        let out = jwtctl().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}");
        assert_matches_file(out.stdout, &root().join("completions").join(file));
    }
}

#[test]
fn completions_offer_values_where_they_help() {
    let bash = String::from_utf8(
        jwtctl()
            .args(["completions", "bash"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    for word in ["HS256", "EdDSA", "oauth2", "powershell"] {
        assert!(bash.contains(word), "bash completion lacks {word}");
    }
    let zsh = String::from_utf8(
        jwtctl()
            .args(["completions", "zsh"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(
        zsh.contains("--key=[") && zsh.contains("_files"),
        "zsh completes key paths"
    );
}

#[test]
fn man_pages_are_committed_and_current() {
    let dir = tempdir();
    jwtctl()
        .args(["man", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    let mut generated: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    generated.sort();
    assert!(generated.contains(&"jwtctl.1".to_string()));
    assert!(generated.contains(&"jwtctl-verify.1".to_string()));
    for name in &generated {
        assert_matches_file(
            std::fs::read(dir.path().join(name)).unwrap(),
            &root().join("man").join(name),
        );
    }
    let committed: Vec<String> = std::fs::read_dir(root().join("man"))
        .map(|d| {
            let mut v: Vec<String> = d
                .map(|e| e.unwrap().file_name().into_string().unwrap())
                .collect();
            v.sort();
            v
        })
        .unwrap_or_default();
    if std::env::var("SNAPSHOTS").as_deref() != Ok("overwrite") {
        assert_eq!(
            committed, generated,
            "man/ holds pages the CLI no longer has: delete them"
        );
    }
    let top = std::fs::read_to_string(dir.path().join("jwtctl.1")).unwrap();
    assert!(
        top.contains("Exit codes") && top.contains("JWTCTL_SECRET"),
        "the man page carries the exit codes and environment"
    );
}

/// Every command path, e.g. ["users", "add"].
fn command_paths() -> Vec<Vec<String>> {
    fn walk(cmd: &clap::Command, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
        out.push(prefix.clone());
        for sub in cmd.get_subcommands() {
            let mut p = prefix.clone();
            p.push(sub.get_name().to_string());
            walk(sub, p, out);
        }
    }
    let mut out = Vec::new();
    walk(&jwtctl::command(), Vec::new(), &mut out);
    out
}

#[test]
fn help_texts_are_snapshotted() {
    for path in command_paths() {
        for (flag, suffix) in [("-h", "short"), ("--help", "long")] {
            let out = jwtctl()
                .env("COLUMNS", "100")
                .args(&path)
                .arg(flag)
                .output()
                .unwrap();
            assert!(out.status.success(), "{path:?} {flag}");
            let name = if path.is_empty() {
                "jwtctl".to_string()
            } else {
                path.join("-")
            };
            assert_matches_file(
                out.stdout,
                &root().join(format!("tests/snapshots/help/{name}.{suffix}.txt")),
            );
        }
    }
}

#[test]
fn every_command_ends_its_help_with_real_examples() {
    for path in command_paths() {
        let cmd = path.iter().fold(jwtctl::command(), |c, name| {
            c.find_subcommand(name).unwrap().clone()
        });
        if cmd.has_subcommands() || path.is_empty() {
            continue;
        }
        let out = jwtctl().args(&path).arg("-h").output().unwrap();
        let help = String::from_utf8(out.stdout).unwrap();
        let examples = help
            .split("Examples:\n")
            .nth(1)
            .unwrap_or_else(|| panic!("`jwtctl {}` has no examples", path.join(" ")));
        let n = examples.lines().filter(|l| l.contains("jwtctl ")).count();
        assert!(
            (2..=4).contains(&n),
            "`jwtctl {}` has {n} examples",
            path.join(" ")
        );
    }
}

#[test]
fn verify_help_carries_the_exit_code_table() {
    jwtctl()
        .args(["verify", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Exit codes:"))
        .stdout(predicate::str::contains("5  expired or not yet valid"));
}

fn token() -> String {
    stdout_of(with_secret().args(["issue", "--sub", "alice", "--at", "2026-01-01T00:00:00Z"]))
}

#[test]
fn colors_on_request_and_plain_text_otherwise() {
    let t = token();
    let colored = jwtctl()
        .args([
            "decode",
            "--color",
            "always",
            "--at",
            "2026-01-01T00:05:00Z",
            &t,
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(colored.stdout).unwrap();
    assert!(text.contains("\u{1b}[1mHeader\u{1b}[0m"), "{text}");
    assert!(
        text.contains("\u{1b}[1m\u{1b}[32mexpires in 25m\u{1b}[0m"),
        "{text}"
    );
    let ok = with_secret()
        .args([
            "verify",
            "--color",
            "always",
            "--at",
            "2026-01-01T00:05:00Z",
            &t,
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8(ok.stdout)
        .unwrap()
        .starts_with("\u{1b}[1m\u{1b}[32m✓ token valid"));
    let bad = jwtctl()
        .env("JWTCTL_SECRET", "another-secret-another-secret-xx")
        .args(["verify", "--color", "always", &t])
        .output()
        .unwrap();
    assert!(String::from_utf8(bad.stdout)
        .unwrap()
        .starts_with("\u{1b}[1m\u{1b}[31m✗ token invalid"));

    // Piped (as here) or with NO_COLOR, the same content without escapes.
    for env in [None, Some("1")] {
        let mut cmd = jwtctl();
        cmd.env_remove("NO_COLOR");
        if let Some(v) = env {
            cmd.env("NO_COLOR", v);
        }
        let plain = cmd
            .args(["decode", "--at", "2026-01-01T00:05:00Z", &t])
            .output()
            .unwrap();
        let plain = String::from_utf8(plain.stdout).unwrap();
        assert!(!plain.contains('\u{1b}'));
        let stripped: String = strip_ansi(&text);
        assert_eq!(plain, stripped);
    }
    jwtctl()
        .args(["decode", "--color", "never", &t])
        .assert()
        .stdout(predicate::str::contains("\u{1b}").not());
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn hostile_claim_text_is_escaped_for_the_terminal() {
    let t = forge(
        r#"{"alg":"HS256"}"#,
        "{\"sub\":\"adm\u{202e}nimda\",\"note\":\"zero\u{200b}width\"}",
    );
    let out = jwtctl().args(["decode", &t]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("adm\\u{202e}nimda"), "{text}");
    assert!(text.contains("zero\\u{200b}width"), "{text}");
    assert!(!text.contains('\u{202e}'));
}

#[test]
fn errors_have_hints() {
    // A sample of the common errors, each with its hint line.
    type Case<'a> = (Vec<&'a str>, Option<(&'a str, &'a str)>, &'a str);
    let cases: Vec<Case> = vec![
        (vec!["verify", "x.y.z"], None, "hint:"),
        (
            vec!["issue", "--sub", "a"],
            Some(("JWTCTL_SECRET", "short")),
            "hint: generate a strong one with `jwtctl keygen",
        ),
        (
            vec!["verify", "eyJhbGciOiJIUzI1NiJ9.e30.c2ln"],
            None,
            "hint: export JWTCTL_SECRET=",
        ),
        (
            vec!["jwk", "thumbprint", "/nonexistent/key.pem"],
            None,
            "hint: check the path",
        ),
    ];
    for (args, env, hint) in cases {
        let mut cmd = jwtctl();
        if let Some((k, v)) = env {
            cmd.env(k, v);
        }
        cmd.args(&args)
            .assert()
            .failure()
            .stderr(predicate::str::contains(hint));
    }
}
