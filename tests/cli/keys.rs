//! Keys: keygen, JWK/JWKS in and out, kid selection, remote key sets.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use predicates::prelude::*;
use serde_json::{json, Value};

use crate::support::*;

fn keygen(dir: &Path, name: &str, alg: &str, extra: &[&str]) -> PathBuf {
    let prefix = dir.join(name);
    jwtctl()
        .args(["keygen", "--alg", alg, "--out"])
        .arg(&prefix)
        .args(extra)
        .assert()
        .success();
    prefix
}

fn path_with(prefix: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", prefix.display()))
}

fn sign(key: &Path, args: &[&str]) -> String {
    stdout_of(
        jwtctl()
            .args(["issue", "--sub", "svc", "--key"])
            .arg(key)
            .args(args),
    )
}

#[test]
fn keygen_hmac_secret_has_the_hash_length() {
    for (alg, len) in [("HS256", 32), ("HS384", 48), ("HS512", 64)] {
        let s = stdout_of(jwtctl().args(["keygen", "--alg", alg]));
        use base64::Engine;
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(&s)
            .unwrap();
        assert_eq!(bytes.len(), len, "{alg}");
    }
}

#[test]
fn keygen_writes_private_0600_public_beside_and_never_overwrites() {
    let dir = tempdir();
    let out = jwtctl()
        .args(["keygen", "--alg", "ES256", "--out"])
        .arg(dir.path().join("k"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    let kid = stderr
        .lines()
        .find_map(|l| l.strip_prefix("kid: "))
        .unwrap()
        .to_string();
    let private = dir.path().join("k.pem");
    let public = dir.path().join("k.pub.pem");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&private).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert!(std::fs::read_to_string(&private)
        .unwrap()
        .starts_with("-----BEGIN PRIVATE KEY-----"));
    assert!(std::fs::read_to_string(&public)
        .unwrap()
        .starts_with("-----BEGIN PUBLIC KEY-----"));
    // The kid printed is the RFC 7638 thumbprint of the public key.
    assert_eq!(
        stdout_of(jwtctl().args(["jwk", "thumbprint"]).arg(&public)),
        kid
    );
    assert_eq!(
        stdout_of(jwtctl().args(["jwk", "thumbprint"]).arg(&private)),
        kid
    );

    let before = std::fs::read(&private).unwrap();
    jwtctl()
        .args(["keygen", "--alg", "ES256", "--out"])
        .arg(dir.path().join("k"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "already exists; not overwriting a key",
        ))
        .stderr(predicate::str::contains("hint: pass --force"));
    assert_eq!(std::fs::read(&private).unwrap(), before);
    jwtctl()
        .args(["keygen", "--alg", "ES256", "--force", "--out"])
        .arg(dir.path().join("k"))
        .assert()
        .success();
    assert_ne!(std::fs::read(&private).unwrap(), before);
}

#[test]
fn keygen_rejects_bad_bits() {
    jwtctl()
        .args(["keygen", "--alg", "RS256", "--bits", "1024"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("2048, 3072 or 4096"));
}

#[test]
fn jwk_keys_work_wherever_a_key_is_taken() {
    let dir = tempdir();
    for alg in [
        "RS256", "PS384", "ES256", "ES384", "ES512", "EdDSA", "HS256",
    ] {
        let prefix = keygen(dir.path(), alg, alg, &["--format", "jwk", "--kid", "k1"]);
        let token = if alg.starts_with("HS") {
            sign(&prefix, &["--alg", alg])
        } else {
            sign(&path_with(&prefix, ".jwk"), &["--alg", alg])
        };
        let public = if alg.starts_with("HS") {
            prefix.clone()
        } else {
            path_with(&prefix, ".pub.jwk")
        };
        jwtctl()
            .args(["verify", "-q", "--key"])
            .arg(&public)
            .arg(&token)
            .assert()
            .success();
        if !alg.starts_with("HS") {
            let jwk: Value = read_json(&public);
            assert_eq!(jwk["kid"], "k1");
            assert_eq!(jwk["alg"], alg);
            assert!(jwk.get("d").is_none(), "{alg}: public JWK must not hold d");
            // A public JWK cannot sign.
            jwtctl()
                .args(["issue", "--sub", "a", "--key"])
                .arg(&public)
                .assert()
                .code(1)
                .stderr(predicate::str::contains(
                    "holds a public key, which cannot sign",
                ));
        }
    }
}

#[test]
fn jwks_lists_public_halves_with_kid_alg_and_use() {
    let dir = tempdir();
    let rsa = keygen(dir.path(), "rsa", "RS256", &[]);
    let ec = keygen(dir.path(), "ec", "ES384", &[]);
    let out = stdout_of(
        jwtctl()
            .arg("jwks")
            .arg(path_with(&rsa, ".pem"))
            .arg(path_with(&ec, ".pub.pem")),
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    let keys = v["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0]["kty"], "RSA");
    assert_eq!(keys[0]["alg"], "RS256");
    assert_eq!(keys[0]["use"], "sig");
    assert!(keys[0].get("d").is_none());
    assert_eq!(keys[1]["crv"], "P-384");
    assert_eq!(keys[1]["alg"], "ES384");
    let thumb = stdout_of(
        jwtctl()
            .args(["jwk", "thumbprint"])
            .arg(path_with(&ec, ".pub.pem")),
    );
    assert_eq!(keys[1]["kid"], thumb);
    jwtctl()
        .arg("jwks")
        .arg(path_with(&rsa, ".pem"))
        .args(["--kid", "a", "--kid", "b"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("give one --kid per key"));
}

fn jwks_file(dir: &Path, keys: &[(&Path, &str)]) -> PathBuf {
    let mut cmd = jwtctl();
    cmd.arg("jwks");
    for (k, _) in keys {
        cmd.arg(k);
    }
    for (_, kid) in keys {
        cmd.args(["--kid", kid]);
    }
    let out = stdout_of(&mut cmd);
    let path = dir.join("jwks.json");
    std::fs::write(&path, out).unwrap();
    path
}

#[test]
fn verify_with_jwks_picks_by_kid_and_reports_unknown_kids() {
    let dir = tempdir();
    let a = keygen(dir.path(), "a", "ES256", &[]);
    let b = keygen(dir.path(), "b", "ES256", &[]);
    let outsider = keygen(dir.path(), "c", "ES256", &[]);
    let set = jwks_file(
        dir.path(),
        &[
            (&path_with(&a, ".pub.pem"), "key-a"),
            (&path_with(&b, ".pub.pem"), "key-b"),
        ],
    );
    let tb = sign(&path_with(&b, ".pem"), &["--kid", "key-b"]);
    let out = stdout_of(
        jwtctl()
            .args(["verify", "--json", "--jwks"])
            .arg(&set)
            .arg(&tb),
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert!(v["key"].as_str().unwrap().contains("kid \"key-b\""));

    // Without kid: the keys that fit are tried, and the report says which matched.
    let nokid = sign(&path_with(&b, ".pem"), &[]);
    let out = stdout_of(
        jwtctl()
            .args(["verify", "--json", "--jwks"])
            .arg(&set)
            .arg(&nokid),
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert!(v["key"].as_str().unwrap().contains("key-b"));

    let unknown = sign(&path_with(&b, ".pem"), &["--kid", "key-z"]);
    jwtctl()
        .args(["verify", "--jwks"])
        .arg(&set)
        .arg(&unknown)
        .assert()
        .code(4)
        .stdout(predicate::str::contains(
            "no key with kid \"key-z\" in the key set",
        ))
        .stdout(predicate::str::contains(
            "hint: the key set has: key-a, key-b",
        ));

    // A key outside the set, claiming a kid of the set: exit 4.
    let forged = sign(&path_with(&outsider, ".pem"), &["--kid", "key-a"]);
    jwtctl()
        .args(["verify", "--jwks"])
        .arg(&set)
        .arg(&forged)
        .assert()
        .code(4)
        .stdout(predicate::str::contains("signature does not verify"));
}

#[test]
fn jwk_whose_alg_or_use_forbids_the_token_is_not_used() {
    let dir = tempdir();
    let k = keygen(dir.path(), "r", "RS256", &[]);
    let token = sign(&path_with(&k, ".pem"), &["--alg", "PS256", "--kid", "r"]);
    let out = stdout_of(
        jwtctl()
            .arg("jwks")
            .arg(path_with(&k, ".pub.pem"))
            .args(["--kid", "r"]),
    );
    let mut v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["keys"][0]["alg"], "RS256");
    let set = dir.path().join("set.json");
    std::fs::write(&set, v.to_string()).unwrap();
    jwtctl()
        .args(["verify", "--jwks"])
        .arg(&set)
        .arg(&token)
        .assert()
        .code(4)
        .stdout(predicate::str::contains(
            "the key is limited to RS256, not PS256",
        ));
    v["keys"][0]["alg"] = json!("PS256");
    v["keys"][0]["use"] = json!("enc");
    std::fs::write(&set, v.to_string()).unwrap();
    jwtctl()
        .args(["verify", "--jwks"])
        .arg(&set)
        .arg(&token)
        .assert()
        .code(4)
        .stdout(predicate::str::contains(
            "the key's use does not allow signatures",
        ));
    v["keys"][0]["use"] = json!("sig");
    std::fs::write(&set, v.to_string()).unwrap();
    jwtctl()
        .args(["verify", "-q", "--jwks"])
        .arg(&set)
        .arg(&token)
        .assert()
        .success();
}

#[test]
fn world_readable_private_key_is_warned_about() {
    let dir = tempdir();
    let k = keygen(dir.path(), "k", "EdDSA", &[]);
    let private = path_with(&k, ".pem");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o644)).unwrap();
    jwtctl()
        .args(["issue", "--sub", "a", "--key"])
        .arg(&private)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "readable by others (mode 644); run: chmod 600",
        ));
}

#[test]
fn warnings_from_loading_keys_and_users_reach_the_json_report_too() {
    let dir = tempdir();
    let k = keygen(dir.path(), "k", "EdDSA", &[]);
    let private = path_with(&k, ".pem");
    let token = sign(&private, &[]);
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o644)).unwrap();
    let users = dir.path().join("users.toml");
    std::fs::write(&users, "[users.svc]\npassword_hash = \"\"\n").unwrap();
    std::fs::set_permissions(&users, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = jwtctl()
        .args(["verify", "--json", "--key"])
        .arg(&private)
        .arg("--users")
        .arg(&users)
        .arg(&token)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let warnings: Vec<&str> = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["message"].as_str().unwrap())
        .collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert_eq!(report["warnings"][0]["id"], "key-file-mode");
    assert_eq!(report["warnings"][1]["id"], "users-file-mode");
    assert!(warnings[0].contains("holds a private key but is readable by others (mode 644)"));
    assert!(warnings[1].contains("is readable by other users (mode 644) and holds password hashes"));
    // People still read them on stderr, once each.
    let stderr = String::from_utf8(out.stderr).unwrap();
    for w in warnings {
        assert_eq!(stderr.matches(w).count(), 1, "{stderr}");
    }
}

#[test]
fn sec1_and_pkcs1_pem_keys_are_read() {
    // SEC1 "EC PRIVATE KEY" and PKCS#1 "RSA PRIVATE KEY" as OpenSSL writes them.
    let dir = tempdir();
    for (name, args) in [
        (
            "ec.pem",
            vec!["ecparam", "-name", "prime256v1", "-genkey", "-noout"],
        ),
        ("rsa.pem", vec!["genrsa", "-traditional"]),
    ] {
        let path = dir.path().join(name);
        let mut cmd = std::process::Command::new("openssl");
        cmd.args(&args).arg("-out").arg(&path);
        if name == "rsa.pem" {
            cmd.arg("2048");
        }
        let Ok(status) = cmd.status() else {
            skip("no openssl on this machine");
            return;
        };
        assert!(status.success(), "openssl {args:?} failed");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.contains("EC PRIVATE KEY") || text.contains("RSA PRIVATE KEY"),
            "{text}"
        );
        let token = sign(&path, &[]);
        jwtctl()
            .args(["verify", "-q", "--key"])
            .arg(&path)
            .arg(&token)
            .assert()
            .success();
    }
}

/// A loopback HTTP server whose answer can be changed or switched off between requests.
struct JwksServer {
    url: String,
    body: Arc<Mutex<Option<String>>>,
    hits: Arc<AtomicUsize>,
}

impl JwksServer {
    fn start() -> JwksServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let body: Arc<Mutex<Option<String>>> = Arc::default();
        let hits = Arc::new(AtomicUsize::new(0));
        let (b, h, base) = (body.clone(), hits.clone(), url.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request_line = String::new();
                let _ = reader.read_line(&mut request_line);
                loop {
                    let mut l = String::new();
                    if reader.read_line(&mut l).unwrap_or(0) == 0 || l == "\r\n" {
                        break;
                    }
                }
                let path = request_line
                    .split_whitespace()
                    .nth(1)
                    .unwrap_or("")
                    .to_string();
                let current = b.lock().unwrap().clone();
                let Some(jwks) = current else {
                    // "Gone": the connection is dropped without an answer.
                    continue;
                };
                h.fetch_add(1, Ordering::SeqCst);
                let (status, content) = match path.as_str() {
                    "/jwks.json" => ("200 OK", jwks),
                    "/.well-known/openid-configuration" => (
                        "200 OK",
                        json!({"issuer": base, "jwks_uri": format!("{base}/jwks.json")})
                            .to_string(),
                    ),
                    _ => ("404 Not Found", "{}".to_string()),
                };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nCache-Control: public, max-age=600\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{content}",
                    content.len()
                );
            }
        });
        JwksServer { url, body, hits }
    }

    fn serve(&self, jwks: Option<String>) {
        *self.body.lock().unwrap() = jwks;
    }
}

#[test]
fn remote_jwks_is_fetched_cached_and_refetched_on_rotation() {
    let dir = tempdir();
    let cache = dir.path().join("cache");
    let a = keygen(dir.path(), "a", "RS256", &[]);
    let b = keygen(dir.path(), "b", "RS256", &[]);
    let set_a = std::fs::read_to_string(jwks_file(
        dir.path(),
        &[(&path_with(&a, ".pub.pem"), "2026-a")],
    ))
    .unwrap();
    let set_ab = std::fs::read_to_string(jwks_file(
        dir.path(),
        &[
            (&path_with(&a, ".pub.pem"), "2026-a"),
            (&path_with(&b, ".pub.pem"), "2026-b"),
        ],
    ))
    .unwrap();
    let server = JwksServer::start();
    server.serve(Some(set_a));
    let url = format!("{}/jwks.json", server.url);
    let verify = |token: &str| {
        let mut c = jwtctl();
        c.env("JWTCTL_CACHE_DIR", &cache).args([
            "verify",
            "-q",
            "--allow-http",
            "--jwks",
            &url,
            token,
        ]);
        c
    };
    let ta = sign(&path_with(&a, ".pem"), &["--kid", "2026-a"]);
    verify(&ta).assert().success();
    assert_eq!(server.hits.load(Ordering::SeqCst), 1);

    // The server is gone: the cached set still verifies.
    server.serve(None);
    verify(&ta).assert().success();
    assert_eq!(server.hits.load(Ordering::SeqCst), 1);

    // A rotated key (new kid) is picked up with one refetch.
    server.serve(Some(set_ab));
    let tb = sign(&path_with(&b, ".pem"), &["--kid", "2026-b"]);
    verify(&tb).assert().success();
    assert_eq!(server.hits.load(Ordering::SeqCst), 2);
    verify(&tb).assert().success();
    assert_eq!(server.hits.load(Ordering::SeqCst), 2);

    // Plain http needs the explicit flag.
    jwtctl()
        .env("JWTCTL_CACHE_DIR", &cache)
        .args(["verify", "--jwks", &url, &ta])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "refusing to fetch keys over plain HTTP",
        ))
        .stderr(predicate::str::contains(
            "hint: anyone on the path could swap the keys",
        ));
}

#[test]
fn oidc_discovery_finds_the_jwks_and_checks_the_issuer() {
    let dir = tempdir();
    let a = keygen(dir.path(), "a", "ES256", &[]);
    let set = std::fs::read_to_string(jwks_file(dir.path(), &[(&path_with(&a, ".pub.pem"), "k")]))
        .unwrap();
    let server = JwksServer::start();
    server.serve(Some(set));
    let cache = dir.path().join("cache");
    let good = sign(
        &path_with(&a, ".pem"),
        &["--kid", "k", "--iss", &server.url],
    );
    let wrong_iss = sign(
        &path_with(&a, ".pem"),
        &["--kid", "k", "--iss", "https://elsewhere"],
    );
    jwtctl()
        .env("JWTCTL_CACHE_DIR", &cache)
        .args(["verify", "-q", "--allow-http", "--oidc", &server.url, &good])
        .assert()
        .success();
    jwtctl()
        .env("JWTCTL_CACHE_DIR", &cache)
        .args(["verify", "--allow-http", "--oidc", &server.url, &wrong_iss])
        .assert()
        .code(6)
        .stdout(predicate::str::contains("issuer is \"https://elsewhere\""));
}

#[test]
fn https_is_really_tls() {
    // A plain-HTTP server reached with https:// must fail the TLS handshake, not fall back.
    let server = JwksServer::start();
    server.serve(Some("{\"keys\":[]}".into()));
    let url = server.url.replace("http://", "https://") + "/jwks.json";
    let dir = tempdir();
    with_secret()
        .env("JWTCTL_CACHE_DIR", dir.path())
        .args(["verify", "--jwks", &url, "eyJhbGciOiJIUzI1NiJ9.e30.c2ln"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot fetch"));
}

/// RFC 7638 thumbprints are base64url, so one in 64 starts with '-': such a kid is a value,
/// not an unknown flag, wherever --kid is taken.
#[test]
fn a_kid_that_starts_with_a_dash_is_a_value() {
    let dir = tempdir();
    let ec = keygen(dir.path(), "ec", "ES256", &[]);
    let kid = "-Iq1Zx_dash-first";
    let tok = sign(&path_with(&ec, ".pem"), &["--alg", "ES256", "--kid", kid]);
    assert_eq!(crate::ui::kid_of(&tok), kid);
    let out = stdout_of(
        jwtctl()
            .args(["jwks", "--kid", kid])
            .arg(path_with(&ec, ".pub.pem")),
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["keys"][0]["kid"], kid, "{out}");
    let jwk = dir.path().join("k");
    jwtctl()
        .args([
            "keygen", "--alg", "ES256", "--format", "jwk", "--kid", kid, "--out",
        ])
        .arg(&jwk)
        .assert()
        .success();
    let v = read_json(path_with(&jwk, ".pub.jwk"));
    assert_eq!(v["kid"], kid, "{v}");
}
