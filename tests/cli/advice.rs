//! What a new user meets when following the help and README literally: advice that works when
//! taken, messages that name the actual problem, and flags spelled the way people type them.

use std::fs;
use std::path::Path;

use predicates::prelude::*;
use predicates::str::contains;

use crate::support::{forge, hs256, jwtctl, keygen_pair, stdout_of, tempdir, with_secret, SECRET};

/// A 1024-bit RSA private key (PKCS#8), too small to sign with, as legacy systems still have.
const RSA_1024: &str = "-----BEGIN PRIVATE KEY-----
MIICdgIBADANBgkqhkiG9w0BAQEFAASCAmAwggJcAgEAAoGBANkK6zyIzdvUuvOT
Rz9AoJhAdc0XNXPnh1Bjllbyiduz/eo4liZb3IW3DdVYTnBhJP5nFLL/QxmzRVF7
RqquL8eW4aBrAl08VwF8oEQc1z61jshLtdhuS8rVQaIhucXKrKBKVQIokYGFHXNa
UWN8Uyy5z7vxZN49BsSKmTSXY69LAgMBAAECgYBukdRzO1J8Wmx/aBlUzOzDg5s/
x0IQ8POLbaCKXPcEOTby2q8LjaLTcAUZGeqj76lz/TmbUtVxQ1XeA8pla2Wk/P83
m/X9ysHCA4qe5P3kBRUIIO5kJOOUJ/RLYaHeXtuKiAie0zu498WRUSLSHXxpcKY5
JE7CE40DFClDGf7eiQJBAPY/0HKqXjrlLz4YWeaz3X0qjzO3VFB+Bq+pVblvJLW9
73lshVrAgb53Tcl2IhRQb2792E25uT1fA9JkPNJZAX8CQQDhowrPcJp//MTDIWcV
C9cItLlftqWFsejFaoMnrpO8Bs9l3dSfbEKKyJTdN7PWBa08WI7O2IqxQLmx1RzL
eaA1AkEAoNMYnmrqU+iurA1XWbcK5t5O3GXVaSSF1V/wnsUZ4qCDsHfRuG2VzwE4
CmVe6ImH3aNoC4tKkexmIJhaqL58nQJAG8i93glZnQT9HaIRVXAdzH6kjPqqqynb
JeQVvl8q5e5Yv4xvUCo+j2RfoFXpmSMdz95/x0y211jHBPTfFNcnOQJACpoahYFk
rDXwqeVzBl+JjqSY2wHuS1b9WmHnSQI8xc7NwMfyN7wcpfntIW4pVV2fig5Mmxkv
U7G1SbBC8N9U2Q==
-----END PRIVATE KEY-----
";

/// `{"sub":"legacy","exp":4102444800}` signed RS256 by [`RSA_1024`] (with PyJWT).
const RSA_1024_TOKEN: &str = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJsZWdhY3kiLCJleHAiOjQxMDI0NDQ4MDB9.WyokCDm3nY7n_l6Pd8N7Pe0NHlaNpY7R-9zleZwfmNdwM3EXxwO-d3HONSAKFXvwTzyGpu9XTZUqn8Umooey8Z-ZZGaz-YsL0L23EgunDQwJufdr_yJN707dStBVqUvsmDhrmjuPZlhy801Pj7AGTGxUrrDgvo1PuNnhZYoSE4g";

fn private_file(path: &Path, text: &str) -> String {
    fs::write(path, text).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o600)).unwrap();
    }
    path.to_str().unwrap().to_string()
}

fn mode_of(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn users_list_help_filters_the_json_it_prints() {
    let dir = tempdir();
    let users = dir.path().join("users.toml");
    for (name, extra) in [("alice", &[][..]), ("bob", &["--disabled"][..])] {
        jwtctl()
            .arg("--users")
            .arg(&users)
            .args(["users", "add", name, "--password-stdin"])
            .args(extra)
            .write_stdin("pw\n")
            .assert()
            .success();
    }
    for sub in ["list", "enable"] {
        jwtctl()
            .args(["users", sub, "--help"])
            .assert()
            .success()
            .stdout(contains("jq -r '.users[] | select(.disabled) | .name'"));
    }
    let out = stdout_of(
        jwtctl()
            .arg("--users")
            .arg(&users)
            .args(["users", "list", "--output", "json"]),
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let disabled: Vec<&str> = v["users"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["disabled"] == true)
        .map(|u| u["name"].as_str().unwrap())
        .collect();
    assert_eq!(disabled, ["bob"]);
}

#[test]
fn jwks_help_example_gives_one_kid_per_key() {
    jwtctl().args(["jwks", "--help"]).assert().stdout(contains(
        "jwtctl jwks --kid 2026-11-rsa --kid 2026-11-ec rsa.pub.pem ec.pub.pem",
    ));
    let dir = tempdir();
    let (_, rsa) = keygen_pair(dir.path(), "rsa", "RS256");
    let (_, ec) = keygen_pair(dir.path(), "ec", "ES256");
    let out = stdout_of(
        jwtctl()
            .args(["jwks", "--kid", "2026-11-rsa", "--kid", "2026-11-ec"])
            .arg(&rsa)
            .arg(&ec),
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let kids: Vec<&str> = v["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["kid"].as_str().unwrap())
        .collect();
    assert_eq!(kids, ["2026-11-rsa", "2026-11-ec"]);
}

#[test]
fn keygen_creates_missing_folders_owner_only() {
    let dir = tempdir();
    jwtctl()
        .current_dir(dir.path())
        .args(["keygen", "--alg", "ES256", "--out", "keys/nested/signing"])
        .assert()
        .success()
        .stderr(contains("wrote keys/nested/signing.pem"));
    assert!(dir.path().join("keys/nested/signing.pub.pem").is_file());
    assert_eq!(mode_of(&dir.path().join("keys")), 0o700);
    assert_eq!(mode_of(&dir.path().join("keys/nested")), 0o700);
    assert_eq!(mode_of(&dir.path().join("keys/nested/signing.pem")), 0o600);
    // An HMAC secret too, and an existing folder keeps its mode.
    fs::create_dir(dir.path().join("open")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(dir.path().join("open"), fs::Permissions::from_mode(0o755)).unwrap();
    jwtctl()
        .current_dir(dir.path())
        .args(["keygen", "--alg", "HS256", "--out", "open/secret.txt"])
        .assert()
        .success();
    assert_eq!(mode_of(&dir.path().join("open")), 0o755);
    // A folder that cannot be made: one line and a hint, nothing written.
    fs::write(dir.path().join("file"), "x").unwrap();
    jwtctl()
        .current_dir(dir.path())
        .args(["keygen", "--alg", "ES256", "--out", "file/signing"])
        .assert()
        .code(1)
        .stderr(contains("jwtctl: cannot create the folder file:"))
        .stderr(contains("hint: check the path given to --out"));
}

/// One story for a generated HMAC secret: the text is the secret, however it is passed.
#[test]
fn a_generated_secret_is_its_text_wherever_it_is_passed() {
    let dir = tempdir();
    jwtctl()
        .current_dir(dir.path())
        .args(["keygen", "--alg", "HS256", "--out", "secret.txt"])
        .assert()
        .success()
        .stderr(contains("use it with --secret-file secret.txt"))
        .stderr(contains("export JWTCTL_SECRET=\"$(cat secret.txt)\""))
        .stderr(contains("--secret-base64").not());
    let text = fs::read_to_string(dir.path().join("secret.txt")).unwrap();
    let text = text.trim_end();
    // Issued with the text in the environment (the README tour), verified from the file.
    let token = stdout_of(
        jwtctl()
            .env("JWTCTL_SECRET", text)
            .args(["issue", "--sub", "alice"]),
    );
    jwtctl()
        .current_dir(dir.path())
        .args(["verify", "-q", "--secret-file", "secret.txt", &token])
        .assert()
        .success();
    // The JWK form says to use --key, and it is the same kind of secret: its k is the text.
    jwtctl()
        .current_dir(dir.path())
        .args([
            "keygen", "--alg", "HS256", "--format", "jwk", "--out", "h.jwk",
        ])
        .assert()
        .success()
        .stderr(contains("use it with --key h.jwk"))
        .stderr(contains("--secret-file").not());
    let jwk: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("h.jwk")).unwrap()).unwrap();
    use base64::Engine;
    let k = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(jwk["k"].as_str().unwrap())
        .unwrap();
    let k = String::from_utf8(k).unwrap();
    assert_eq!(k.len(), 43, "base64url text of 32 random bytes");
    let token = stdout_of(
        jwtctl()
            .current_dir(dir.path())
            .args(["issue", "--key", "h.jwk", "--sub", "alice"]),
    );
    jwtctl()
        .env("JWTCTL_SECRET", &k)
        .args(["verify", "-q", &token])
        .assert()
        .success();
}

#[test]
fn a_signature_mismatch_with_a_secret_names_its_encoding() {
    use base64::Engine;
    let text = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA";
    let decoded = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text)
        .unwrap();
    let decoded = String::from_utf8(decoded).unwrap();
    // Signed with the text as is, verified with --secret-base64.
    let token = stdout_of(
        jwtctl()
            .env("JWTCTL_SECRET", text)
            .args(["issue", "--sub", "a"]),
    );
    jwtctl()
        .env("JWTCTL_SECRET", text)
        .args(["verify", "--secret-base64", &token])
        .assert()
        .code(4)
        .stdout(contains("drop that flag if the issuer uses the text as is"));
    // Signed with the decoded bytes, verified with the text as is.
    let token = stdout_of(
        jwtctl()
            .env("JWTCTL_SECRET", &decoded)
            .args(["issue", "--sub", "a"]),
    );
    jwtctl()
        .env("JWTCTL_SECRET", text)
        .args(["verify", &token])
        .assert()
        .code(4)
        .stdout(contains(
            "if the issuer base64-decodes this secret before use, pass --secret-base64",
        ));
    // A secret that cannot be base64 gets no such advice.
    let token = stdout_of(with_secret().args(["issue", "--sub", "a"]));
    jwtctl()
        .env("JWTCTL_SECRET", "not base64: spaces and punctuation!")
        .args(["verify", &token])
        .assert()
        .code(4)
        .stdout(contains("signed with another key, or it was altered"))
        .stdout(contains("base64").not());
}

#[test]
fn verify_without_a_key_names_the_key_the_alg_needs() {
    let dir = tempdir();
    let (private, _) = keygen_pair(dir.path(), "k", "RS256");
    let token = stdout_of(
        jwtctl()
            .arg("issue")
            .arg("--key")
            .arg(&private)
            .args(["--sub", "a"]),
    );
    jwtctl()
        .args(["verify", &token])
        .assert()
        .code(1)
        .stderr(contains(
            "jwtctl: no key given to verify this RS256 token, which needs an RSA key",
        ))
        .stderr(contains(
            "hint: pass the issuer's public key with --key public.pem",
        ))
        .stderr(contains("--jwks"))
        .stderr(contains("--oidc"))
        .stderr(contains("JWTCTL_SECRET").not());
    // An HMAC token still asks for the secret.
    let token = stdout_of(with_secret().args(["issue", "--sub", "a"]));
    jwtctl()
        .args(["verify", &token])
        .assert()
        .code(1)
        .stderr(contains("no HMAC secret: $JWTCTL_SECRET is not set"));
}

#[test]
fn a_small_rsa_private_key_verifies_with_the_public_keys_warning_and_never_signs() {
    let dir = tempdir();
    let key = private_file(&dir.path().join("legacy.pem"), RSA_1024);
    let warning = "warning: the RSA key has only 1024 bits; 2048 is the minimum today";
    jwtctl()
        .args(["verify", "--key", &key, RSA_1024_TOKEN])
        .assert()
        .success()
        .stdout(contains("token valid"))
        .stderr(contains(warning));
    // Its public half, published in a key set, says the same.
    let out = stdout_of(jwtctl().args(["jwks", &key]));
    assert!(out.contains("\"kty\": \"RSA\""), "{out}");
    let jwks = dir.path().join("jwks.json");
    fs::write(&jwks, out).unwrap();
    jwtctl()
        .args(["verify", "--jwks"])
        .arg(&jwks)
        .arg(RSA_1024_TOKEN)
        .assert()
        .success()
        .stderr(contains(warning));
    jwtctl()
        .args(["issue", "--key", &key, "--sub", "x"])
        .assert()
        .code(1)
        .stderr(contains(
            "the RSA key has 1024 bits; signing needs at least 2048",
        ))
        .stderr(contains("hint:"));
}

#[test]
fn users_add_refuses_a_file_its_owner_made_read_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempdir();
    let users = dir.path().join("users.toml");
    jwtctl()
        .arg("--users")
        .arg(&users)
        .args(["users", "add", "alice", "--password-stdin"])
        .write_stdin("pw\n")
        .assert()
        .success();
    fs::set_permissions(&users, fs::Permissions::from_mode(0o400)).unwrap();
    let before = fs::read(&users).unwrap();
    for args in [
        &["users", "add", "bob", "--password-stdin"][..],
        &["users", "disable", "alice"],
        &["users", "remove", "alice"],
    ] {
        jwtctl()
            .arg("--users")
            .arg(&users)
            .args(args)
            .write_stdin("pw\n")
            .assert()
            .code(1)
            .stderr(contains(format!(
                "jwtctl: will not edit {}: it is read-only (mode 400)",
                users.display()
            )))
            .stderr(contains("hint: make it writable first (chmod u+w"));
        assert_eq!(fs::read(&users).unwrap(), before, "{args:?}");
        assert_eq!(mode_of(&users), 0o400);
    }
    // Reading it is fine, and so is an edit that changes nothing.
    jwtctl()
        .arg("--users")
        .arg(&users)
        .args(["users", "enable", "alice"])
        .assert()
        .success();
    jwtctl()
        .arg("--users")
        .arg(&users)
        .args(["users", "list"])
        .assert()
        .success()
        .stdout(contains("alice"));
}

#[test]
fn only_a_secret_file_that_is_used_is_warned_about() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempdir();
    let token = stdout_of(with_secret().args(["issue", "--sub", "a"]));
    let folder = dir.path().join("folder");
    fs::create_dir(&folder).unwrap();
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).unwrap();
    let (_, public) = keygen_pair(dir.path(), "k", "ES256");
    fs::set_permissions(&public, fs::Permissions::from_mode(0o644)).unwrap();
    for (file, error) in [
        (&folder, "cannot read"),
        (
            &public,
            "holds a PEM key or certificate, not an HMAC secret",
        ),
    ] {
        jwtctl()
            .args(["verify", "--secret-file"])
            .arg(file)
            .arg(&token)
            .assert()
            .failure()
            .stderr(contains(error))
            .stderr(contains("readable by others").not());
    }
    // A secret that is used is still warned about.
    let exposed = dir.path().join("secret.txt");
    fs::write(&exposed, SECRET).unwrap();
    fs::set_permissions(&exposed, fs::Permissions::from_mode(0o644)).unwrap();
    jwtctl()
        .args(["verify", "--secret-file"])
        .arg(&exposed)
        .arg(&token)
        .assert()
        .success()
        .stderr(contains("holds a secret but is readable by others"));
}

#[test]
fn duplicate_claims_are_not_an_invitation_to_jws() {
    let token = hs256(
        r#"{"alg":"HS256"}"#,
        r#"{"sub":"alice","sub":"admin","exp":4102444800}"#,
    );
    with_secret()
        .args(["verify", &token])
        .assert()
        .code(3)
        .stdout(contains("duplicate key \"sub\""))
        .stdout(contains("the issuer must fix its tokens"))
        .stdout(contains("--jws").not());
}
#[test]
fn alg_flags_take_any_case_and_curve_names() {
    let dir = tempdir();
    for (typed, header_alg, kty) in [
        ("es256", "ES256", "EC"),
        ("P-384", "ES384", "EC"),
        ("p-521", "ES512", "EC"),
        ("Ed25519", "EdDSA", "OKP"),
        ("eddsa", "EdDSA", "OKP"),
        ("rs256", "RS256", "RSA"),
    ] {
        let prefix = dir.path().join(typed);
        jwtctl()
            .args(["keygen", "--alg", typed, "--format", "jwk", "--out"])
            .arg(&prefix)
            .assert()
            .success();
        let public = dir.path().join(format!("{typed}.pub.jwk"));
        let jwk: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(&public).unwrap()).unwrap();
        assert_eq!(jwk["kty"], kty, "{typed}");
        assert_eq!(jwk["alg"], header_alg, "{typed}");
        let private = dir.path().join(format!("{typed}.jwk"));
        let token = stdout_of(
            jwtctl()
                .args(["issue", "--alg", typed, "--sub", "a", "--key"])
                .arg(&private),
        );
        jwtctl()
            .args(["verify", "-q", "--alg", typed, "--key"])
            .arg(&public)
            .arg(&token)
            .assert()
            .success();
    }
    with_secret()
        .args(["issue", "--alg", "hs256", "--sub", "a"])
        .assert()
        .success();
    jwtctl()
        .args(["keygen", "--alg", "ES999"])
        .assert()
        .code(2)
        .stderr(contains("invalid value 'ES999'"));
    // In a token header the name stays exact, as RFC 7518 requires.
    let token = forge(r#"{"alg":"hs256"}"#, r#"{"sub":"a"}"#);
    with_secret()
        .args(["verify", &token])
        .assert()
        .code(3)
        .stdout(contains("unknown algorithm \"hs256\""));
}

#[test]
fn an_empty_token_argument_is_called_that() {
    for cmd in ["verify", "decode", "lint"] {
        with_secret()
            .args([cmd, ""])
            .assert()
            .code(3)
            .stderr(contains(
                "jwtctl: the TOKEN argument is empty (an unset variable, such as \"$TOKEN\"?)",
            ))
            .stderr(contains("hint: check the variable holds the token"));
    }
}

#[test]
fn users_file_flags_appear_where_the_users_file_is_read() {
    for cmd in [
        &["issue"][..],
        &["verify"],
        &["serve"],
        &["users"],
        &["users", "list"],
        &["users", "add"],
    ] {
        jwtctl()
            .args(cmd)
            .arg("--help")
            .assert()
            .success()
            .stdout(contains("--users <FILE>"))
            .stdout(contains("--users-format <FORMAT>"));
    }
    for cmd in [
        &["decode"][..],
        &["hash"],
        &["keygen"],
        &["jwks"],
        &["jwk", "thumbprint"],
        &["lint"],
        &["completions"],
        &["man"],
        &["ui"],
    ] {
        jwtctl()
            .args(cmd)
            .arg("--help")
            .assert()
            .success()
            .stdout(contains("--users <FILE>").not())
            .stdout(contains("--users-format").not());
        jwtctl()
            .args(cmd)
            .args(["--users", "x.toml"])
            .assert()
            .code(2)
            .stderr(contains("unexpected argument '--users'"));
    }
    // Before the subcommand, after it, or after `users`: the last one typed wins.
    let dir = tempdir();
    let users = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    for (args, file) in [
        (vec!["--users", &users("a.toml"), "users", "list"], "a.toml"),
        (vec!["users", "list", "--users", &users("b.toml")], "b.toml"),
        (vec!["users", "--users", &users("c.toml"), "list"], "c.toml"),
        (
            vec![
                "--users",
                &users("a.toml"),
                "users",
                "list",
                "--users",
                &users("d.toml"),
            ],
            "d.toml",
        ),
    ] {
        jwtctl()
            .args(&args)
            .assert()
            .code(10)
            .stderr(contains(format!("{file} does not exist")));
    }
    jwtctl()
        .env("JWTCTL_USERS", users("env.toml"))
        .args(["users", "list"])
        .assert()
        .code(10)
        .stderr(contains("env.toml does not exist"));
    jwtctl()
        .args(["users", "list", "--users-format", "json", "--users"])
        .arg(users("plain"))
        .assert()
        .code(10)
        .stderr(contains("plain does not exist"));
}

#[test]
fn lint_knows_the_readme_example_secret() {
    let readme = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let secret = "examples-only-secret-never-deploy-it";
    assert!(readme.contains(&format!("JWTCTL_SECRET={secret}")));
    let token = stdout_of(jwtctl().env("JWTCTL_SECRET", secret).args([
        "issue",
        "--sub",
        "a",
        "--allow-weak-secret",
    ]));
    jwtctl()
        .args(["lint", &token])
        .assert()
        .code(6)
        .stdout(contains("the HMAC secret is a known word"));
}

#[test]
fn help_lists_every_environment_variable() {
    let readme = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = readme.split("## Environment").nth(1).unwrap();
    let section = section.split("\n## ").next().unwrap();
    let vars: Vec<&str> = section
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .collect();
    assert!(vars.contains(&"JWTCTL_CACHE_DIR"), "{vars:?}");
    for flag in ["--help", "-h"] {
        let help = stdout_of(jwtctl().arg(flag));
        for var in &vars {
            assert!(help.contains(var), "{flag} lacks {var}");
        }
    }
}

/// What people paste: a whole `/token` response, an `Authorization` header line.
#[test]
fn a_token_response_or_a_header_line_is_read_for_its_token() {
    let token = stdout_of(with_secret().args(["issue", "--sub", "alice"]));
    let compact =
        format!(r#"{{"access_token":"{token}","token_type":"bearer","expires_in":1800}}"#);
    let pretty = format!(
        "{{\n  \"token_type\": \"bearer\",\n  \"access_token\": \"{token}\",\n  \"expires_in\": 1800\n}}\n"
    );
    let header = format!("Authorization: Bearer {token}");
    for text in [&compact, &header] {
        with_secret()
            .args(["verify", text])
            .assert()
            .success()
            .stdout(contains("token valid"));
    }
    for text in [&compact, &pretty, &format!("{header}\n")] {
        with_secret()
            .arg("verify")
            .write_stdin(text.as_str())
            .assert()
            .success()
            .stdout(contains("token valid"));
        jwtctl()
            .arg("decode")
            .write_stdin(text.as_str())
            .assert()
            .success()
            .stdout(contains("alice"));
    }
    // JSON that holds no access token says so.
    for text in [
        r#"{"error":"invalid_grant"}"#,
        "{\n  \"error\": \"invalid_grant\"\n}\n",
    ] {
        with_secret()
            .arg("verify")
            .write_stdin(text)
            .assert()
            .code(3)
            .stderr(contains(
                "jwtctl: the input is JSON without an \"access_token\" string, not a token",
            ))
            .stderr(contains("hint: a /token response"));
    }
}

#[test]
fn times_are_shown_in_utc_unless_another_zone_is_asked_for() {
    // exp 4102444800 is 2100-01-01 00:00:00 UTC.
    let token = stdout_of(with_secret().args([
        "issue",
        "--sub",
        "a",
        "--at",
        "2099-12-31T23:00:00Z",
        "--ttl",
        "1h",
    ]));
    let decode = |zone: Option<&str>, tz: &str| {
        let mut c = jwtctl();
        c.env("TZ", tz)
            .args(["decode", "--at", "2099-12-31T23:30:00Z"]);
        if let Some(z) = zone {
            // `=`: a negative offset would otherwise read as a flag.
            c.arg(format!("--date={z}"));
        }
        stdout_of(c.arg(&token))
    };
    assert!(decode(None, "JST-9").contains("2100-01-01 00:00:00 UTC"));
    assert!(decode(Some("UTC"), "JST-9").contains("2100-01-01 00:00:00 UTC"));
    assert!(decode(Some("+02:00"), "UTC").contains("2100-01-01 02:00:00 +02:00"));
    assert!(decode(Some("-0530"), "UTC").contains("2099-12-31 18:30:00 -05:30"));
    assert!(decode(Some("local"), "JST-9").contains("2100-01-01 09:00:00 +09:00"));
    // verify's messages follow it too; JSON stays RFC 3339 UTC.
    with_secret()
        .args([
            "verify",
            "--date",
            "+01:00",
            "--at",
            "2100-01-02T00:00:00Z",
            &token,
        ])
        .assert()
        .code(5)
        .stdout(contains("(2100-01-01 01:00:00 +01:00)"));
    let json = stdout_of(
        jwtctl()
            .args(["decode", "--date", "+02:00", "--output", "json"])
            .arg(&token),
    );
    assert!(json.contains("2100-01-01T00:00:00Z"), "{json}");
    assert!(!json.contains("+02:00"), "{json}");
    jwtctl()
        .args(["decode", "--date", "Europe/Paris", &token])
        .assert()
        .code(2)
        .stderr(contains("is not utc, local or an offset such as +02:00"));
}

#[test]
fn nushell_completions_are_generated() {
    let out = stdout_of(jwtctl().args(["completions", "nushell"]));
    assert!(out.contains("export extern \"jwtctl verify\""), "{out}");
    assert!(out.contains("--date"), "{out}");
}

#[test]
fn users_list_shows_full_name_and_email_aligned_for_wide_characters() {
    let dir = tempdir();
    let users = dir.path().join("users.toml");
    fs::write(
        &users,
        r#"[users.alice]
password_hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$0Hsm8wwyNbZ+oVfjTZ80YNl5Jb4hvUmvEPrIqvvr8yA"
full_name = "山田花子"
email = "hanako@example.com"

[users.bob]
password_hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$0Hsm8wwyNbZ+oVfjTZ80YNl5Jb4hvUmvEPrIqvvr8yA"
full_name = "Bob Ross"
disabled = true
"#,
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&users, fs::Permissions::from_mode(0o600)).unwrap();
    let out = stdout_of(jwtctl().arg("--users").arg(&users).args(["users", "list"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].starts_with("alice  山田花子  hanako@example.com  enabled "),
        "{out}"
    );
    assert!(lines[1].starts_with("bob    Bob Ross  "), "{out}");
    // The state column starts in the same terminal cell on both lines: 山田花子 is 8 cells.
    let cell = |l: &str, word: &str| {
        use unicode_width::UnicodeWidthStr;
        l[..l.find(word).unwrap()].width()
    };
    assert_eq!(
        cell(lines[0], "enabled"),
        cell(lines[1], "disabled"),
        "{out}"
    );
    // Without those fields, no empty columns.
    let plain = dir.path().join("plain.toml");
    jwtctl()
        .arg("--users")
        .arg(&plain)
        .args(["users", "add", "carol", "--password-stdin"])
        .write_stdin("pw\n")
        .assert()
        .success();
    let out = stdout_of(jwtctl().arg("--users").arg(&plain).args(["users", "list"]));
    assert!(out.starts_with("carol  enabled  argon2id"), "{out}");
}
