//! jwtctl against PyJWT on a generated corpus (tests/interop/differential.py): every kind of
//! token where the two verdicts differ must be listed, with its reason, in the README's
//! "Differences from PyJWT" table, and every listed kind must still differ.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde_json::Value;

use crate::support::*;

/// The moment the corpus is made for and judged at, by both sides.
const AT: i64 = 1_900_000_000;

/// The kinds the README lists: first cells of the table under "Differences from PyJWT".
fn readme_kinds() -> BTreeSet<String> {
    let readme =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    let section = readme
        .split("### Differences from PyJWT")
        .nth(1)
        .expect("README has a Differences from PyJWT section");
    section
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .filter_map(|l| l.split('|').nth(1))
        .filter_map(|cell| cell.trim().strip_prefix('`')?.strip_suffix('`'))
        .map(str::to_string)
        .collect()
}

fn jwtctl_code(case: &Value, dir: &std::path::Path) -> i32 {
    let opts = &case["opts"];
    let mut cmd = jwtctl();
    cmd.args(["verify", "-q", "--at", &AT.to_string()])
        .arg(format!("--leeway={}s", opts["leeway"]))
        .args(["--alg", case["alg"].as_str().unwrap()]);
    let key = case["key"].as_str().unwrap();
    cmd.arg(if key.ends_with(".secret") {
        "--secret-file"
    } else {
        "--key"
    })
    .arg(dir.join(key));
    for aud in opts["aud"].as_array().into_iter().flatten() {
        cmd.args(["--aud", aud.as_str().unwrap()]);
    }
    if let Some(iss) = opts["iss"].as_str() {
        cmd.args(["--iss", iss]);
    }
    for claim in opts["require"].as_array().into_iter().flatten() {
        cmd.args(["--require", claim.as_str().unwrap()]);
    }
    let out = cmd.arg(case["token"].as_str().unwrap()).output().unwrap();
    let code = out.status.code().expect("exits");
    assert!(
        (0..=6).contains(&code) && code != 1 && code != 2,
        "{} {}: exit {code}: {}",
        case["kind"],
        case["alg"],
        String::from_utf8_lossy(&out.stderr)
    );
    code
}

#[test]
fn jwtctl_and_pyjwt_differ_only_where_the_readme_says_why() {
    let Some(py) = python_with(&["jwt", "cryptography"]) else {
        return;
    };
    let dir = tempdir();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/interop/differential.py");
    let out = std::process::Command::new(py)
        .arg(script)
        .arg(dir.path())
        .arg(AT.to_string())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let corpus: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(corpus.len() >= 200, "{} tokens", corpus.len());

    // kind -> "ALG: jwtctl exit N, PyJWT X" for each token of that kind judged differently.
    let mut differ: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let (mut both_accept, mut both_reject) = (0, 0);
    for case in &corpus {
        let code = jwtctl_code(case, dir.path());
        let pyjwt = case["pyjwt"].as_str().unwrap();
        match (code == 0, pyjwt == "ok") {
            (true, true) => both_accept += 1,
            (false, false) => both_reject += 1,
            _ => differ
                .entry(case["kind"].as_str().unwrap().to_string())
                .or_default()
                .push(format!(
                    "{}: jwtctl exit {code}, PyJWT {pyjwt}",
                    case["alg"].as_str().unwrap()
                )),
        }
    }
    let listed = readme_kinds();
    let unlisted: Vec<String> = differ
        .iter()
        .filter(|(kind, _)| !listed.contains(*kind))
        .map(|(kind, how)| format!("{kind}: {}", how.join("; ")))
        .collect();
    let stale: Vec<&String> = listed.iter().filter(|k| !differ.contains_key(*k)).collect();
    let tokens_differing: usize = differ.values().map(Vec::len).sum();
    eprintln!(
        "differential: {} tokens, both accept {both_accept}, both reject {both_reject}, \
         {tokens_differing} differ in {} kinds: {}",
        corpus.len(),
        differ.len(),
        differ
            .iter()
            .map(|(k, v)| format!("{k} ({})", v.len()))
            .collect::<Vec<_>>()
            .join(", ")
    );
    assert!(
        unlisted.is_empty(),
        "disagreements with PyJWT not in the README's table:\n{}",
        unlisted.join("\n")
    );
    assert!(
        stale.is_empty(),
        "README lists differences from PyJWT the corpus no longer shows: {stale:?}"
    );
}
