//! The token core: issue, decode, verify, exit codes and bad input (issue 2).

use predicates::prelude::*;

use crate::support::*;

fn issue(args: &[&str]) -> String {
    stdout_of(with_secret().arg("issue").args(args))
}

#[test]
fn issue_then_verify_round_trip() {
    let t = issue(&["--sub", "alice"]);
    with_secret()
        .args(["verify", &t])
        .assert()
        .success()
        .stdout(predicate::str::contains("✓ token valid"));
}
