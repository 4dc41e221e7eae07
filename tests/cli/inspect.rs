//! `jwtctl key inspect`: what a key file holds, human and JSON.

use std::path::Path;
use std::process::Command;

use predicates::prelude::*;
use serde_json::Value;

use crate::support::*;

fn inspect_json(args: &[&std::ffi::OsStr], pass: Option<&str>) -> Vec<Value> {
    let mut cmd = jwtctl();
    cmd.args(["key", "inspect", "--output", "json"]).args(args);
    if let Some(p) = pass {
        cmd.env("JWTCTL_KEY_PASSPHRASE", p);
    }
    let schema = crate::contract::schema();
    stdout_of(&mut cmd)
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("one JSON object per line");
            crate::contract::assert_valid(&schema, &v);
            v
        })
        .collect()
}

fn chmod(path: &Path, mode: u32) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    }
}

#[test]
fn a_generated_pair_shows_type_kind_thumbprint_and_algorithms() {
    let dir = tempdir();
    let (private, public) = keygen_pair(dir.path(), "k", "ES384");
    let thumb = stdout_of(jwtctl().args(["jwk", "thumbprint"]).arg(&public));
    let got = inspect_json(&[private.as_os_str(), public.as_os_str()], None);
    assert_eq!(got.len(), 2);
    assert_eq!(got[0]["schema"], "jwtctl/1");
    assert_eq!(got[0]["kind"], "key-inspect");
    assert_eq!(got[0]["holds"], "private");
    assert_eq!(got[1]["holds"], "public");
    for k in &got {
        assert_eq!(k["kty"], "EC");
        assert_eq!(k["curve"], "P-384");
        assert_eq!(k["format"], "PEM");
        assert_eq!(k["encrypted"], false);
        assert_eq!(k["thumbprint"], thumb.as_str());
        assert_eq!(k["algorithms"], serde_json::json!(["ES384"]));
        assert_eq!(k["weaknesses"], serde_json::json!([]));
    }
    jwtctl()
        .args(["key", "inspect"])
        .arg(&private)
        .assert()
        .success()
        .stdout(predicate::str::contains("type        EC P-384\n"))
        .stdout(predicate::str::contains("holds       private key (PEM)\n"))
        .stdout(predicate::str::contains("encrypted   no\n"))
        .stdout(predicate::str::contains(format!("thumbprint  {thumb}\n")))
        .stdout(predicate::str::contains("algorithms  ES384\n"))
        .stdout(predicate::str::contains("weaknesses  none found"))
        .stderr("");
}

#[test]
fn rsa_keys_list_every_rsa_algorithm_and_small_ones_are_weak() {
    let dir = tempdir();
    let (_, public) = keygen_pair(dir.path(), "r", "RS256");
    let got = inspect_json(&[public.as_os_str()], None);
    assert_eq!(got[0]["bits"], 2048);
    assert_eq!(
        got[0]["algorithms"],
        serde_json::json!(["RS256", "RS384", "RS512", "PS256", "PS384", "PS512"])
    );
    let small = dir.path().join("small.pem");
    let ok = Command::new("openssl")
        .args(["genrsa", "-out"])
        .arg(&small)
        .arg("1024")
        .output()
        .expect("openssl runs")
        .status
        .success();
    assert!(ok);
    chmod(&small, 0o600);
    let got = inspect_json(&[small.as_os_str()], None);
    assert_eq!(got[0]["holds"], "private");
    assert_eq!(got[0]["bits"], 1024);
    assert!(got[0]["weaknesses"][0]
        .as_str()
        .unwrap()
        .starts_with("RSA-1024 is too small"));
}

#[test]
fn roca_keys_are_named() {
    let doc = read_json(vectors().join("wycheproof/json_web_key_test.json"));
    let group = &doc["testGroups"][5];
    assert_eq!(group["comment"], "jws_rsa_roca_key");
    let public: Value = match &group["public"] {
        Value::String(s) => serde_json::from_str(s).unwrap(),
        v => v.clone(),
    };
    let dir = tempdir();
    let path = dir.path().join("roca.json");
    std::fs::write(&path, public["keys"][0].to_string()).unwrap();
    let got = inspect_json(&[path.as_os_str()], None);
    assert_eq!(got[0]["format"], "JWK");
    assert_eq!(got[0]["algorithms"], serde_json::json!([]));
    assert!(got[0]["weaknesses"][0].as_str().unwrap().contains("ROCA"));
}

#[test]
fn encrypted_keys_show_their_scheme_and_the_rest_with_the_passphrase() {
    let enc = fixtures().join("encrypted");
    let dir = tempdir();
    let key = dir.path().join("ec.pem");
    std::fs::copy(enc.join("ec-genpkey-aes256.pem"), &key).unwrap();
    chmod(&key, 0o600);
    let locked = inspect_json(&[key.as_os_str()], None);
    assert_eq!(locked[0]["encrypted"], true);
    assert_eq!(
        locked[0]["encryption"],
        "PBES2: PBKDF2-HMAC-SHA256, 2048 iterations; AES-256-CBC"
    );
    assert_eq!(locked[0]["kty"], Value::Null);
    assert!(locked[0]["note"]
        .as_str()
        .unwrap()
        .contains("JWTCTL_KEY_PASSPHRASE"));
    let open = inspect_json(&[key.as_os_str()], Some("correct horse"));
    assert_eq!(open[0]["kty"], "EC");
    let public = stdout_of(
        jwtctl()
            .args(["jwk", "thumbprint"])
            .arg(enc.join("ec.pub.pem")),
    );
    assert_eq!(open[0]["thumbprint"], public.as_str());
    let scrypt = inspect_json(
        &[enc.join("ed25519-scrypt.pem").as_os_str()],
        Some("correct horse"),
    );
    assert_eq!(
        scrypt[0]["encryption"],
        "PBES2: scrypt N=16384 r=8 p=1; AES-256-CBC"
    );
    assert_eq!(scrypt[0]["algorithms"], serde_json::json!(["EdDSA"]));
    jwtctl()
        .env("JWTCTL_KEY_PASSPHRASE", "wrong")
        .args(["key", "inspect"])
        .arg(&key)
        .assert()
        .code(7)
        .stderr(predicate::str::contains("wrong passphrase"));
}

#[test]
fn short_secrets_and_readable_private_keys_are_weaknesses() {
    let dir = tempdir();
    let secret = dir.path().join("s.json");
    std::fs::write(&secret, r#"{"kty":"oct","k":"c2hvcnQ","kid":"s1"}"#).unwrap();
    chmod(&secret, 0o644);
    let got = inspect_json(&[secret.as_os_str()], None);
    assert_eq!(got[0]["holds"], "secret");
    assert_eq!(got[0]["kid"], "s1");
    assert_eq!(got[0]["thumbprint"], Value::Null);
    assert_eq!(got[0]["algorithms"], serde_json::json!([]));
    let w = got[0]["weaknesses"].as_array().unwrap();
    assert!(w[0].as_str().unwrap().contains("5-byte secret"), "{w:?}");
    assert!(
        w[1].as_str()
            .unwrap()
            .contains("readable by others (mode 644)"),
        "{w:?}"
    );
}

#[test]
fn a_file_that_is_no_key_fails_with_a_hint() {
    let dir = tempdir();
    let f = dir.path().join("notes.txt");
    std::fs::write(&f, "hello").unwrap();
    jwtctl()
        .args(["key", "inspect"])
        .arg(&f)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("is not a key jwtctl can read"))
        .stderr(predicate::str::contains("hint:"));
}
