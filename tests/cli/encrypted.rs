//! Encrypted PKCS#8 private keys: read (OpenSSL-made fixtures) and written by `keygen --encrypt`.

use std::path::{Path, PathBuf};
use std::process::Command;

use predicates::prelude::*;

use crate::support::*;

const PASS: &str = "correct horse";

/// A fixture copied to a 0600 file (git does not keep modes; a 0644 key draws a warning).
fn private_copy(dir: &Path, name: &str) -> PathBuf {
    let to = dir.join(name);
    std::fs::copy(fixtures().join("encrypted").join(name), &to).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&to, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    to
}

#[test]
fn openssl_encrypted_keys_sign_with_the_passphrase_from_the_environment() {
    let dir = tempdir();
    for (file, public, alg) in [
        ("rsa-pbkdf2-aes256cbc.pem", "rsa.pub.pem", "RS256"),
        ("ec-genpkey-aes256.pem", "ec.pub.pem", "ES256"),
        ("ed25519-scrypt.pem", "ed25519.pub.pem", "EdDSA"),
        ("ed25519-pbkdf2-aes128cbc.der", "ed25519.pub.pem", "EdDSA"),
    ] {
        let key = private_copy(dir.path(), file);
        let token = stdout_of(
            jwtctl()
                .env("JWTCTL_KEY_PASSPHRASE", PASS)
                .args(["issue", "--sub", "svc", "--key"])
                .arg(&key),
        );
        jwtctl()
            .args(["verify", "--alg", alg, "--key"])
            .arg(fixtures().join("encrypted").join(public))
            .arg(&token)
            .assert()
            .success();
    }
}

#[test]
fn passphrase_file_drops_one_trailing_newline() {
    let dir = tempdir();
    let key = private_copy(dir.path(), "ec-genpkey-aes256.pem");
    let pass = dir.path().join("pass.txt");
    std::fs::write(&pass, format!("{PASS}\n")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&pass, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    jwtctl()
        // The file wins over the environment.
        .env("JWTCTL_KEY_PASSPHRASE", "not it")
        .args(["issue", "--sub", "svc", "--key"])
        .arg(&key)
        .arg("--passphrase-file")
        .arg(&pass)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("eyJ"))
        .stderr("");
}

#[test]
fn wrong_passphrase_is_its_own_error_and_exit_7() {
    let dir = tempdir();
    for file in [
        "rsa-pbkdf2-aes256cbc.pem",
        "ed25519-scrypt.pem",
        "ec-genpkey-aes256.pem",
    ] {
        let key = private_copy(dir.path(), file);
        jwtctl()
            .env("JWTCTL_KEY_PASSPHRASE", "battery staple")
            .args(["issue", "--sub", "svc", "--key"])
            .arg(&key)
            .assert()
            .code(7)
            .stdout("")
            .stderr(predicate::str::contains(format!(
                "jwtctl: wrong passphrase for the encrypted private key in {}",
                key.display()
            )))
            .stderr(predicate::str::contains("hint: check the passphrase"));
    }
}

#[test]
fn no_passphrase_and_no_terminal_is_a_clear_usage_error() {
    let dir = tempdir();
    let key = private_copy(dir.path(), "ec-genpkey-aes256.pem");
    jwtctl()
        .args(["issue", "--sub", "svc", "--key"])
        .arg(&key)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(format!(
            "jwtctl: {} holds an encrypted private key and no passphrase was given",
            key.display()
        )))
        .stderr(predicate::str::contains(
            "hint: set JWTCTL_KEY_PASSPHRASE, pass --passphrase-file FILE, or run on a terminal",
        ));
    jwtctl()
        .env("JWTCTL_KEY_PASSPHRASE", "")
        .args(["issue", "--sub", "svc", "--key"])
        .arg(&key)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the key passphrase is empty"));
}

#[test]
fn keygen_encrypt_writes_pkcs8_openssl_reads() {
    let dir = tempdir();
    let prefix = dir.path().join("signing");
    jwtctl()
        .env("JWTCTL_KEY_PASSPHRASE", PASS)
        .args(["keygen", "--alg", "ES256", "--encrypt", "--out"])
        .arg(&prefix)
        .assert()
        .success()
        .stderr(predicate::str::contains("(private, encrypted, mode 0600)"));
    let private = dir.path().join("signing.pem");
    let text = std::fs::read_to_string(&private).unwrap();
    assert!(
        text.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"),
        "{text}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&private).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // OpenSSL decrypts it to the same public key jwtctl wrote beside it.
    let out = Command::new("openssl")
        .env("P", PASS)
        .args(["pkey", "-passin", "env:P", "-pubout", "-in"])
        .arg(&private)
        .output()
        .expect("openssl runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let public = std::fs::read_to_string(dir.path().join("signing.pub.pem")).unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), public);
    let out = Command::new("openssl")
        .env("P", "wrong")
        .args(["pkey", "-passin", "env:P", "-noout", "-in"])
        .arg(&private)
        .output()
        .unwrap();
    assert!(!out.status.success());
    // And jwtctl signs with it.
    let token = stdout_of(
        jwtctl()
            .env("JWTCTL_KEY_PASSPHRASE", PASS)
            .args(["issue", "--sub", "svc", "--key"])
            .arg(&private),
    );
    jwtctl()
        .args(["verify", "--key"])
        .arg(dir.path().join("signing.pub.pem"))
        .arg(&token)
        .assert()
        .success();
}

#[test]
fn keygen_encrypt_refuses_what_it_cannot_encrypt_and_never_prompts_without_a_terminal() {
    jwtctl()
        .env("JWTCTL_KEY_PASSPHRASE", PASS)
        .args(["keygen", "--alg", "HS256", "--encrypt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "jwtctl: --encrypt applies to private keys; an HMAC secret is not a key pair",
        ));
    jwtctl()
        .env("JWTCTL_KEY_PASSPHRASE", PASS)
        .args(["keygen", "--alg", "ES256", "--encrypt", "--format", "jwk"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "a JWK has no standard encrypted form",
        ));
    let dir = tempdir();
    jwtctl()
        .args(["keygen", "--alg", "ES256", "--encrypt", "--out"])
        .arg(dir.path().join("k"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no passphrase was given"));
    assert!(!dir.path().join("k.pem").exists());
    // A passphrase is never taken from the command line.
    jwtctl()
        .args(["keygen", "--alg", "ES256", "--encrypt", "--passphrase", "x"])
        .assert()
        .code(2);
}
