//! Key files as people have them: several PEM blocks (`openssl ecparam -genkey` output,
//! certificate and key bundles) and X.509 certificates, PEM or DER, as verification keys.

use std::path::{Path, PathBuf};

use predicates::prelude::*;
use serde_json::Value;

use crate::support::*;

fn private(path: PathBuf) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    path
}

fn concat(dir: &Path, name: &str, parts: &[&str]) -> PathBuf {
    let text: String = parts
        .iter()
        .map(|p| std::fs::read_to_string(dir.join(p)).unwrap())
        .collect();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    private(path)
}

fn sign(key: &Path) -> String {
    stdout_of(jwtctl().args(["issue", "--sub", "svc", "--key"]).arg(key))
}

fn verify(key: &Path, token: &str) -> assert_cmd::assert::Assert {
    jwtctl()
        .args(["verify", "--key"])
        .arg(key)
        .arg(token)
        .assert()
}

#[test]
fn every_pem_block_is_read_and_the_one_used_is_named() {
    let dir = tempdir();
    let d = dir.path();
    // EC PARAMETERS first, then EC PRIVATE KEY: what the OpenSSL manual's recipe writes.
    if !openssl(
        d,
        &[
            "ecparam",
            "-genkey",
            "-name",
            "prime256v1",
            "-out",
            "ec.pem",
        ],
    ) {
        return;
    }
    let key = private(d.join("ec.pem"));
    assert!(std::fs::read_to_string(&key)
        .unwrap()
        .starts_with("-----BEGIN EC PARAMETERS-----"));
    let note = format!(
        "jwtctl: {}: using block 2 of 2 (EC PRIVATE KEY); skipped block 1 (EC PARAMETERS)\n",
        key.display()
    );
    let out = jwtctl()
        .args(["issue", "--sub", "svc", "--key"])
        .arg(&key)
        .assert()
        .success()
        .stderr(note.clone());
    let token = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let token = token.trim();
    verify(&key, token)
        .success()
        .stdout(predicate::str::starts_with("✓ token valid  ES256"))
        .stderr(note);
    // --quiet keeps it quiet: the note is not a warning.
    jwtctl()
        .args(["verify", "-q", "--key"])
        .arg(&key)
        .arg(token)
        .assert()
        .success()
        .stdout("")
        .stderr("");

    // A certificate and its key in one file (as many servers keep them): the key is used.
    assert!(openssl(
        d,
        &[
            "req",
            "-x509",
            "-key",
            "ec.pem",
            "-subj",
            "/CN=bundle",
            "-days",
            "30",
            "-out",
            "cert.pem"
        ]
    ));
    let bundle = concat(d, "bundle.pem", &["cert.pem", "ec.pem"]);
    verify(&bundle, token).success().stderr(format!(
        "jwtctl: {}: using block 3 of 3 (EC PRIVATE KEY); skipped block 1 (CERTIFICATE), block 2 (EC PARAMETERS)\n",
        bundle.display()
    ));
    let signed_by_bundle = sign(&bundle);
    verify(&key, &signed_by_bundle).success();
}

#[test]
fn several_keys_in_one_file_are_refused_naming_the_blocks() {
    let dir = tempdir();
    let d = dir.path();
    let (a, _) = keygen_pair(d, "a", "ES256");
    keygen_pair(d, "b", "ES256");
    let token = sign(&a);
    for (name, parts, blocks) in [
        (
            "pair.pem",
            ["a.pem", "a.pub.pem"],
            "block 1 (PRIVATE KEY), block 2 (PUBLIC KEY)",
        ),
        (
            "two-public.pem",
            ["a.pub.pem", "b.pub.pem"],
            "block 1 (PUBLIC KEY), block 2 (PUBLIC KEY)",
        ),
    ] {
        let file = concat(d, name, &parts);
        verify(&file, &token).code(1).stdout("").stderr(format!(
            "jwtctl: {} holds several keys: {blocks}\n\
                 hint: keep one key per file (copy its BEGIN/END block to a file of its own); \
                 several public keys make a key set: jwtctl jwks A.pem B.pem > jwks.json\n",
            file.display()
        ));
    }

    // Blocks that are no key at all are listed too.
    if !openssl(d, &["ecparam", "-name", "prime256v1", "-out", "params.pem"]) {
        return;
    }
    verify(&d.join("params.pem"), &token)
        .code(1)
        .stderr(predicate::str::contains(format!(
            "jwtctl: {} is not a key jwtctl can read: its PEM blocks hold no key: block 1 (EC PARAMETERS)\n",
            d.join("params.pem").display()
        )));
}

#[test]
fn certificates_pem_and_der_are_verification_keys() {
    let dir = tempdir();
    let d = dir.path();
    for (alg, genkey) in [
        (
            "RS256",
            vec![
                "genpkey",
                "-algorithm",
                "RSA",
                "-pkeyopt",
                "rsa_keygen_bits:2048",
                "-out",
                "k.pem",
            ],
        ),
        (
            "ES384",
            vec![
                "genpkey",
                "-algorithm",
                "EC",
                "-pkeyopt",
                "ec_paramgen_curve:P-384",
                "-out",
                "k.pem",
            ],
        ),
        (
            "EdDSA",
            vec!["genpkey", "-algorithm", "ED25519", "-out", "k.pem"],
        ),
    ] {
        if !openssl(d, &genkey) {
            return;
        }
        let key = private(d.join("k.pem"));
        assert!(openssl(
            d,
            &[
                "req",
                "-x509",
                "-key",
                "k.pem",
                "-subj",
                "/CN=issuer.example",
                "-days",
                "30",
                "-out",
                "c.pem"
            ]
        ));
        assert!(openssl(
            d,
            &["x509", "-in", "c.pem", "-outform", "DER", "-out", "c.der"]
        ));
        assert!(openssl(
            d,
            &["pkey", "-in", "k.pem", "-pubout", "-out", "pub.pem"]
        ));
        let token = sign(&key);
        for cert in ["c.pem", "c.der"] {
            verify(&d.join(cert), &token)
                .success()
                .stdout(predicate::str::starts_with(format!("✓ token valid  {alg}")))
                .stderr("");
        }
        // The public JWK of a certificate is the one of its key.
        let from_cert: Value =
            serde_json::from_str(&stdout_of(jwtctl().arg("jwks").arg(d.join("c.pem")))).unwrap();
        let from_key: Value =
            serde_json::from_str(&stdout_of(jwtctl().arg("jwks").arg(d.join("pub.pem")))).unwrap();
        assert_eq!(from_cert, from_key, "{alg}");
        assert_eq!(from_cert["keys"][0]["alg"], alg);
        // A certificate holds no private key: it cannot sign.
        jwtctl()
            .args(["issue", "--sub", "svc", "--key"])
            .arg(d.join("c.pem"))
            .assert()
            .code(1)
            .stdout("")
            .stderr(format!(
                "jwtctl: {} holds a public key, which cannot sign\nhint: pass the private key with --key\n",
                d.join("c.pem").display()
            ));
        // Nor is it ever an HMAC secret.
        jwtctl()
            .args(["issue", "--sub", "svc", "--secret-file"])
            .arg(d.join("c.der"))
            .assert()
            .code(4)
            .stderr(predicate::str::contains(format!(
                "jwtctl: {} holds a DER certificate, not an HMAC secret",
                d.join("c.der").display()
            )));
    }
}

#[test]
fn a_certificate_out_of_its_dates_verifies_with_a_warning() {
    let dir = tempdir();
    let certs = fixtures().join("certs");
    let key = dir.path().join("ec.pem");
    std::fs::copy(certs.join("ec.pem"), &key).unwrap();
    let token = sign(&private(key));
    let expired = certs.join("expired.crt");
    verify(&expired, &token)
        .success()
        .stdout(predicate::str::starts_with("✓ token valid  ES256"))
        .stderr(predicate::str::is_match(format!(
            "^jwtctl: warning: {}: the certificate for CN=expired.example expired 2021-01-01 00:00:00 UTC \\(\\d+y \\d+d ago\\); its public key is used all the same\n$",
            regex_escape(&expired.display().to_string())
        )).unwrap());
    let future = certs.join("future.crt");
    let out = jwtctl()
        .args(["verify", "--output", "json", "--key"])
        .arg(&future)
        .arg(&token)
        .assert()
        .success();
    let report: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(report["valid"], true);
    assert_eq!(report["warnings"][0]["id"], "key-certificate-not-yet-valid");
    assert_eq!(report["warnings"][0]["level"], "medium");
    assert!(report["warnings"][0]["message"]
        .as_str()
        .unwrap()
        .contains("the certificate for CN=future.example is valid from 2099-01-01 00:00:00 UTC"));
    // key inspect lists it among the weaknesses of the file.
    let out = jwtctl()
        .args(["key", "inspect", "--output", "json"])
        .arg(&expired)
        .assert()
        .success();
    let inspected: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(inspected["holds"], "public");
    assert_eq!(inspected["kty"], "EC");
    let weaknesses = inspected["weaknesses"].as_array().unwrap();
    assert_eq!(weaknesses.len(), 1, "{inspected}");
    assert!(weaknesses[0]
        .as_str()
        .unwrap()
        .contains("the certificate for CN=expired.example expired 2021-01-01 00:00:00 UTC"));
    // The warning also reaches jwks, where a certificate's key is published.
    jwtctl()
        .arg("jwks")
        .arg(&expired)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "the certificate for CN=expired.example expired",
        ));
}

fn regex_escape(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            if "\\.+*?()|[]{}^$".contains(c) {
                vec!['\\', c]
            } else {
                vec![c]
            }
        })
        .collect()
}
