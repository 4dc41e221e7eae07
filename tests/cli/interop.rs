//! Interop with the Python libraries API servers run:
//! tokens jwtctl issues are accepted by PyJWT and python-jose, tokens they make verify in
//! jwtctl, and expired, wrong-audience and tampered tokens fail in both, with jwtctl's exit
//! codes 5, 6 and 4. tests/interop/peer.py drives the libraries, one interpreter per test.
//!
//! Coverage: PyJWT for all 13 algorithms; python-jose for HS256/384/512, RS256/384/512 and
//! ES256/384/512 (it implements neither PS* nor EdDSA).

use std::path::{Path, PathBuf};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Value};

use crate::support::*;

const ALGS: [&str; 13] = [
    "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256",
    "ES384", "ES512", "EdDSA",
];

fn jose_supports(alg: &str) -> bool {
    !(alg.starts_with("PS") || alg == "EdDSA")
}

/// Key material for one algorithm: the private/secret file jwtctl signs with and the file a
/// verifier is given, with the jwtctl flag for each.
struct AlgKey {
    alg: &'static str,
    private: PathBuf,
    public: PathBuf,
    flag: &'static str,
}

/// Keys for every algorithm: one RSA key for RS*/PS*, one per curve, one Ed25519 key, and a
/// 64-byte secret (long enough for HS512) for HS*.
fn keys(dir: &Path) -> Vec<AlgKey> {
    let secret = dir.join("hmac.secret");
    std::fs::write(&secret, &"s3cr3t-for-interop-".repeat(4).as_bytes()[..64]).unwrap();
    let pair = |name: &str, alg: &str| keygen_pair(dir, name, alg);
    let rsa = pair("rsa", "RS256");
    let p256 = pair("p256", "ES256");
    let p384 = pair("p384", "ES384");
    let p521 = pair("p521", "ES512");
    let ed = pair("ed25519", "EdDSA");
    ALGS.iter()
        .map(|&alg| {
            let (private, public, flag) = match &alg[..2] {
                "HS" => (secret.clone(), secret.clone(), "--secret-file"),
                "RS" | "PS" => (rsa.0.clone(), rsa.1.clone(), "--key"),
                "ES" => {
                    let k = match alg {
                        "ES256" => &p256,
                        "ES384" => &p384,
                        _ => &p521,
                    };
                    (k.0.clone(), k.1.clone(), "--key")
                }
                _ => (ed.0.clone(), ed.1.clone(), "--key"),
            };
            AlgKey {
                alg,
                private,
                public,
                flag,
            }
        })
        .collect()
}

/// Runs tests/interop/peer.py over a list of jobs; one result per job.
pub fn peer(py: &str, jobs: &[Value]) -> Vec<Value> {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/interop/peer.py");
    let out = assert_cmd::Command::new(py)
        .arg(script)
        .write_stdin(Value::from(jobs.to_vec()).to_string())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "peer.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let results: Vec<Value> = serde_json::from_slice(&out.stdout).expect("peer.py output");
    assert_eq!(results.len(), jobs.len());
    results
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// The same token with `sub` changed and the signature kept: a tampered token.
fn tamper(token: &str) -> String {
    let mut parts = token.split('.');
    let (h, p, s) = (
        parts.next().unwrap(),
        parts.next().unwrap(),
        parts.next().unwrap(),
    );
    let mut claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(p).unwrap()).unwrap();
    claims["sub"] = json!("admin");
    let p = URL_SAFE_NO_PAD.encode(claims.to_string());
    format!("{h}.{p}.{s}")
}

/// `jwtctl verify` of a token with the verifying key, allowing exactly `alg`.
fn jwtctl_verdict(k: &AlgKey, token: &str, aud: &str) -> (i32, String) {
    let out = jwtctl()
        .args(["verify", "--alg", k.alg, "--aud", aud, k.flag])
        .arg(&k.public)
        .arg(token)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &stderr,
    )
}

fn libs_for(alg: &str) -> Vec<&'static str> {
    if jose_supports(alg) {
        vec!["pyjwt", "jose"]
    } else {
        vec!["pyjwt"]
    }
}

/// The exception each library raises for each failure.
fn expected_error(lib: &str, case: &str) -> &'static str {
    match (lib, case) {
        ("pyjwt", "expired") => "ExpiredSignatureError",
        ("pyjwt", "wrong_aud") => "InvalidAudienceError",
        ("pyjwt", "tampered") => "InvalidSignatureError",
        ("jose", "expired") => "ExpiredSignatureError",
        ("jose", "wrong_aud") => "JWTClaimsError",
        ("jose", "tampered") => "JWTError",
        _ => unreachable!(),
    }
}

const CASES: [(&str, &str, i32); 4] = [
    ("valid", "api", 0),
    ("expired", "api", 5),
    ("wrong_aud", "other-api", 6),
    ("tampered", "api", 4),
];

#[test]
fn jwtctl_tokens_are_accepted_by_pyjwt_and_python_jose() {
    let Some(py) = python_with(&["jwt", "jose"]) else {
        return;
    };
    let dir = tempdir();
    let keys = keys(dir.path());
    let two_hours_ago = (now() - 7200).to_string();
    let mut jobs = Vec::new();
    let mut expect = Vec::new();
    for k in &keys {
        let issue = |extra: &[&str]| {
            stdout_of(
                jwtctl()
                    .args(["issue", "--alg", k.alg, k.flag])
                    .arg(&k.private)
                    .args(["--sub", "alice", "--aud", "api", "--iss", "jwtctl-test"])
                    .args(extra),
            )
        };
        let valid = issue(&[]);
        let expired = issue(&["--at", &two_hours_ago]);
        for (case, aud, code) in CASES {
            let token = match case {
                "expired" => expired.clone(),
                "tampered" => tamper(&valid),
                _ => valid.clone(),
            };
            // jwtctl's own verdict on the same token.
            let (got, out) = jwtctl_verdict(k, &token, aud);
            assert_eq!(got, code, "jwtctl on its own {} {case}: {out}", k.alg);
            for lib in libs_for(k.alg) {
                jobs.push(json!({
                    "op": "decode", "lib": lib, "alg": k.alg,
                    "key": k.public, "token": token, "audience": aud,
                }));
                expect.push((lib, k.alg, case));
            }
        }
    }
    let results = peer(&py, &jobs);
    let mut accepted = 0;
    for ((lib, alg, case), r) in expect.iter().zip(&results) {
        if *case == "valid" {
            assert_eq!(r["ok"], true, "{lib} rejected jwtctl's {alg} token: {r}");
            assert_eq!(r["claims"]["sub"], "alice");
            assert_eq!(r["claims"]["iss"], "jwtctl-test");
            accepted += 1;
        } else {
            assert_eq!(r["ok"], false, "{lib} accepted a {case} {alg} token");
            assert_eq!(
                r["error"],
                expected_error(lib, case),
                "{lib} {alg} {case}: {r}"
            );
        }
    }
    assert_eq!(
        accepted,
        13 + 9,
        "PyJWT for 13 algorithms, python-jose for 9"
    );
}

#[test]
fn pyjwt_and_python_jose_tokens_verify_in_jwtctl() {
    let Some(py) = python_with(&["jwt", "jose"]) else {
        return;
    };
    let dir = tempdir();
    let keys = keys(dir.path());
    let t = now();
    let mut jobs = Vec::new();
    let mut which = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        for lib in libs_for(k.alg) {
            for (case, exp) in [("valid", t + 600), ("expired", t - 3600)] {
                jobs.push(json!({
                    "op": "encode", "lib": lib, "alg": k.alg, "key": k.private,
                    "claims": {"sub": "bob", "aud": "api", "iat": t - 4000, "exp": exp},
                }));
                which.push((i, lib, case));
            }
        }
    }
    let results = peer(&py, &jobs);
    let mut verified = 0;
    for ((i, lib, case), r) in which.iter().zip(&results) {
        let k = &keys[*i];
        assert_eq!(r["ok"], true, "{lib} could not sign {}: {r}", k.alg);
        let token = r["token"].as_str().unwrap();
        if *case == "expired" {
            let (code, out) = jwtctl_verdict(k, token, "api");
            assert_eq!(code, 5, "{lib} {} expired: {out}", k.alg);
            continue;
        }
        let (code, out) = jwtctl_verdict(k, token, "api");
        assert_eq!(code, 0, "{lib} {} token: {out}", k.alg);
        assert!(out.contains("\"sub\": \"bob\""), "{out}");
        let (code, out) = jwtctl_verdict(k, token, "other-api");
        assert_eq!(code, 6, "{lib} {} wrong audience: {out}", k.alg);
        let (code, out) = jwtctl_verdict(k, &tamper(token), "api");
        assert_eq!(code, 4, "{lib} {} tampered: {out}", k.alg);
        verified += 1;
    }
    assert_eq!(verified, 13 + 9);
}

#[test]
fn each_side_refuses_the_other_sides_algorithm_confusion() {
    // PyJWT and jwtctl agree that a public key is not an HMAC secret: a token MACed with the
    // RSA public key fails in both.
    let Some(py) = python_with(&["jwt"]) else {
        return;
    };
    let dir = tempdir();
    let keys = keys(dir.path());
    let rsa = keys.iter().find(|k| k.alg == "RS256").unwrap();
    let pem = std::fs::read(&rsa.public).unwrap();
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"HS256","typ":"JWT"}"#),
        URL_SAFE_NO_PAD.encode(format!(
            r#"{{"sub":"admin","aud":"api","exp":{}}}"#,
            now() + 600
        ))
    );
    let mac = aws_lc_rs::hmac::sign(
        &aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, &pem),
        input.as_bytes(),
    );
    let token = format!("{input}.{}", URL_SAFE_NO_PAD.encode(mac.as_ref()));
    let r = peer(
        &py,
        &[
            json!({"op": "decode", "lib": "pyjwt", "alg": "HS256", "key": rsa.public,
                  "token": token, "audience": "api"}),
        ],
    );
    assert_eq!(r[0]["ok"], false, "{}", r[0]);
    let out = jwtctl()
        .args(["verify", "--key"])
        .arg(&rsa.public)
        .arg(&token)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let out = jwtctl()
        .args(["verify", "--secret-file"])
        .arg(&rsa.public)
        .arg(&token)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
}
