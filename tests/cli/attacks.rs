//! Adversarial catalogue: the attacks jwt_tool automates and the inputs that
//! break parsers. Each is rejected or reported with a clear message and its documented exit
//! code; none is accepted; none panics.

use predicates::prelude::*;

use crate::support::*;
const LATER: &str = r#"{"sub":"alice","exp":4102444800}"#;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs the command; asserts it did not panic whatever else it did.
fn run(cmd: &mut assert_cmd::Command) -> Run {
    let out = cmd.output().expect("runs");
    let r = Run {
        code: out.status.code().expect("exited"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    assert!(r.code != 101, "panic exit code: {}", r.stderr);
    r
}

fn verify(args: &[&str], token: &str) -> Run {
    run(with_secret().arg("verify").args(args).arg("--").arg(token))
}

#[test]
fn alg_none_in_any_spelling_is_never_accepted() {
    for alg in ["none", "None", "NONE", "nOnE"] {
        let header = format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#);
        let unsigned = format!("{}.{}.", b64(&header), b64(LATER));
        // With a signature part that is a valid MAC over the input, too.
        let signed = hs256(&header, LATER);
        for token in [&unsigned, &signed] {
            for args in [
                &[][..],
                &["--jws"],
                &["--alg", "HS256"],
                &["--output", "json"],
            ] {
                let r = verify(args, token);
                assert_eq!(r.code, 4, "{alg} {args:?}: {}", r.stdout);
                assert!(r.stdout.contains("unsecured"), "{}", r.stdout);
            }
        }
    }
    // `none` cannot even be asked for.
    let r = verify(&["--alg", "none"], &hs256(r#"{"alg":"none"}"#, LATER));
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn empty_null_and_zero_signatures_are_rejected() {
    let good = hs256(r#"{"alg":"HS256"}"#, LATER);
    let input = good.rsplit_once('.').unwrap().0;
    for sig in ["", "bnVsbA", "AA", &b64([0u8; 32])] {
        let r = verify(&[], &format!("{input}.{sig}"));
        assert_eq!(r.code, 4, "signature {sig:?}: {}", r.stdout);
        assert!(
            r.stdout.contains("signature does not verify"),
            "{}",
            r.stdout
        );
    }
    // A truncated MAC (15 of 32 bytes, canonical base64url) is not a shorter valid MAC.
    let sig = good.rsplit_once('.').unwrap().1;
    let r = verify(&[], &format!("{input}.{}", &sig[..20]));
    assert_eq!(r.code, 4, "{}", r.stdout);
    // The word null where the signature belongs is not base64url of anything valid here.
    let r = verify(&[], &format!("{input}.null"));
    assert_ne!(r.code, 0);

    // ECDSA r = s = 0 ("psychic signatures", CVE-2022-21449).
    let dir = tempdir();
    let (private, public) = keygen_pair(dir.path(), "ec", "ES256");
    let t = stdout_of(
        jwtctl()
            .args(["issue", "--sub", "a", "--key"])
            .arg(&private),
    );
    let zero = format!("{}.{}", t.rsplit_once('.').unwrap().0, b64([0u8; 64]));
    let r = run(jwtctl().args(["verify", "--key"]).arg(&public).arg(&zero));
    assert_eq!(r.code, 4, "{}", r.stdout);
}

#[test]
fn rs256_to_hs256_confusion_is_refused_every_way() {
    let dir = tempdir();
    let (_, public) = keygen_pair(dir.path(), "rsa", "RS256");
    let pem = std::fs::read(&public).unwrap();
    // The attacker MACs with the public key's bytes, as the file has them and trimmed.
    let trimmed = String::from_utf8(pem.clone()).unwrap().trim().to_string();
    let forged: Vec<String> = [&pem[..], trimmed.as_bytes()]
        .iter()
        .map(|k| hs256_with(k, r#"{"alg":"HS256","typ":"JWT"}"#, LATER))
        .collect();
    let der = dir.path().join("rsa.pub.der");
    std::fs::write(&der, pem::parse(&pem).unwrap().contents()).unwrap();
    for token in &forged {
        // The public key as the "secret", from a file (PEM or DER) or the environment.
        for file in [&public, &der] {
            let r = run(jwtctl()
                .arg("verify")
                .arg("--secret-file")
                .arg(file)
                .arg(token));
            assert_eq!(r.code, 4, "{}{}", r.stdout, r.stderr);
            assert!(r.stderr.contains("not an HMAC secret"), "{}", r.stderr);
            assert!(r.stderr.contains("key-confusion"), "{}", r.stderr);
        }
        let r = run(jwtctl()
            .env("JWTCTL_SECRET", &trimmed)
            .arg("verify")
            .arg(token));
        assert_eq!(r.code, 4, "{}", r.stderr);
        let r = run(jwtctl()
            .env("JWTCTL_SECRET", b64(&pem))
            .args(["verify", "--secret-base64"])
            .arg(token));
        assert_eq!(r.code, 4, "{}", r.stderr);
        // The public key as what it is: the token's HS256 does not fit an RSA key.
        let r = run(jwtctl().arg("verify").arg("--key").arg(&public).arg(token));
        assert_eq!(r.code, 4);
        assert!(r.stdout.contains("algorithm confusion"), "{}", r.stdout);
        let r = run(jwtctl()
            .args(["verify", "--alg", "HS256", "--key"])
            .arg(&public)
            .arg(token));
        assert_eq!(r.code, 4);
        assert!(r.stdout.contains("algorithm confusion"), "{}", r.stdout);
    }
    // Nor will jwtctl make such a token.
    jwtctl()
        .args(["issue", "--sub", "a", "--secret-file"])
        .arg(&public)
        .assert()
        .code(4)
        .stderr(predicate::str::contains("not an HMAC secret"));
    // A JWK of the public key as the secret.
    let jwk = dir.path().join("rsa.jwk");
    let pub_jwk = stdout_of(jwtctl().args(["jwks"]).arg(&public));
    let v: serde_json::Value = serde_json::from_str(&pub_jwk).unwrap();
    std::fs::write(&jwk, v["keys"][0].to_string()).unwrap();
    let r = run(jwtctl()
        .arg("verify")
        .arg("--secret-file")
        .arg(&jwk)
        .arg(&forged[0]));
    assert_eq!(r.code, 4);
    assert!(r.stderr.contains("holds a JWK"), "{}", r.stderr);
}

#[test]
fn keys_named_by_the_token_are_never_used() {
    let dir = tempdir();
    let (_, victim) = keygen_pair(dir.path(), "victim", "ES256");
    let (attacker, attacker_pub) = keygen_pair(dir.path(), "attacker", "ES256");
    let attacker_jwk: serde_json::Value =
        serde_json::from_str(&stdout_of(jwtctl().arg("jwks").arg(&attacker_pub))).unwrap();
    let jwk = attacker_jwk["keys"][0].to_string();
    for (name, value) in [
        ("jwk", jwk.as_str()),
        ("jku", "https://attacker.example/jwks.json"),
        ("x5u", "https://attacker.example/cert.pem"),
        ("x5c", r#"["MIIBszCCAVmgAwIBAgIU"]"#),
    ] {
        let token = stdout_of(
            jwtctl()
                .args(["issue", "--sub", "admin", "--key"])
                .arg(&attacker)
                .arg("--header")
                .arg(format!("{name}={value}")),
        );
        let r = run(jwtctl().args(["verify", "--key"]).arg(&victim).arg(&token));
        assert_eq!(r.code, 4, "{name}: {}", r.stdout);
        assert!(
            r.stdout.contains("signature does not verify"),
            "{}",
            r.stdout
        );
        assert!(
            r.stderr.contains(&format!("carries \"{name}\"")),
            "{name}: {}",
            r.stderr
        );
        // Even the key the header embeds, or the set it names, is not consulted: with the
        // attacker's own key the token verifies only because that key was passed.
        let r = run(jwtctl()
            .args(["verify", "--key"])
            .arg(&attacker_pub)
            .arg(&token));
        assert_eq!(r.code, 0, "{}", r.stdout);
        assert!(r.stderr.contains("never trusted"), "{}", r.stderr);
    }
}

#[test]
fn kid_traversal_and_injection_strings_are_only_ever_compared() {
    let dir = tempdir();
    let marker = dir.path().join("pwned");
    let kids = [
        "../../../../../../../dev/null".to_string(),
        "/dev/null".to_string(),
        "/proc/self/environ".to_string(),
        "' OR '1'='1".to_string(),
        "x' UNION SELECT 'AAAA'--".to_string(),
        format!("$(touch {})", marker.display()),
        format!("`touch {}`", marker.display()),
        format!("|touch {}", marker.display()),
        "kid\u{0}nul".to_string(),
        "\u{1b}[2J\u{1b}]0;title\u{7}".to_string(),
    ];
    // jwt_tool signs with the content of the file the kid names: empty for /dev/null.
    let set = dir.path().join("jwks.json");
    std::fs::write(
        &set,
        format!(
            r#"{{"keys":[{{"kty":"oct","kid":"k1","k":"{}"}}]}}"#,
            b64(SECRET)
        ),
    )
    .unwrap();
    for kid in &kids {
        let header = serde_json::json!({"alg": "HS256", "kid": kid}).to_string();
        for key in [&b""[..], b"AAAA", b"\n"] {
            let token = hs256_with(key, &header, LATER);
            let r = verify(&[], &token);
            assert_eq!(r.code, 4, "{kid:?}: {}", r.stdout);
            let r = run(jwtctl().arg("verify").arg("--jwks").arg(&set).arg(&token));
            assert_eq!(r.code, 4, "{kid:?}: {}", r.stdout);
            assert!(r.stdout.contains("no key with kid"), "{}", r.stdout);
        }
        // Never a raw control character on the terminal: the kid is quoted escaped.
        let r = verify(&[], &hs256_with(b"", &header, LATER));
        assert!(!r.stdout.contains('\u{1b}'), "{:?}", r.stdout);
        assert!(!r.stdout.contains('\u{7}'), "{:?}", r.stdout);
    }
    assert!(!marker.exists(), "a kid was executed");
}

#[test]
fn critical_header_extensions_are_rejected() {
    for header in [
        r#"{"alg":"HS256","crit":["exp"],"exp":1}"#,
        r#"{"alg":"HS256","crit":["b64"],"b64":false}"#,
        r#"{"alg":"HS256","crit":["http://example.invalid/ext"]}"#,
        r#"{"alg":"HS256","crit":[]}"#,
        r#"{"alg":"HS256","crit":"b64"}"#,
    ] {
        let r = verify(&[], &hs256(header, LATER));
        assert_eq!(r.code, 4, "{header}: {}", r.stdout);
        assert!(r.stdout.contains("critical"), "{}", r.stdout);
        // The signature itself was fine; only crit failed.
        assert!(
            !r.stdout.contains("signature does not verify"),
            "{}",
            r.stdout
        );
        let r = verify(&["--jws"], &hs256(header, LATER));
        assert_eq!(r.code, 4, "{header} --jws");
    }
}

#[test]
fn duplicate_json_keys_are_rejected_in_header_and_payload() {
    for header in [
        r#"{"alg":"HS256","alg":"none"}"#,
        r#"{"alg":"none","alg":"HS256"}"#,
        r#"{"alg":"HS256","kid":"a","kid":"b"}"#,
        // The same name spelled with an escape is the same key.
        r#"{"alg":"HS256","\u0061lg":"none"}"#,
    ] {
        let r = verify(&[], &hs256(header, LATER));
        assert_eq!(r.code, 3, "{header}");
        assert!(r.stderr.contains("duplicate key"), "{}", r.stderr);
        let r = run(jwtctl().arg("decode").arg(hs256(header, LATER)));
        assert_eq!(r.code, 3, "decode {header}");
    }
    for payload in [
        r#"{"sub":"alice","sub":"admin","exp":4102444800}"#,
        r#"{"sub":"alice","exp":4102444800,"exp":1}"#,
        r#"{"sub":"alice","exp":4102444800,"roles":{"admin":false,"admin":true}}"#,
        r#"{"sub":"alice","s\u0075b":"admin","exp":4102444800}"#,
    ] {
        let r = verify(&[], &hs256(r#"{"alg":"HS256"}"#, payload));
        assert_eq!(r.code, 3, "{payload}: {}", r.stdout);
        assert!(r.stdout.contains("duplicate key"), "{}", r.stdout);
    }
}

#[test]
fn time_claims_that_are_not_numbers_are_malformed() {
    for (claim, value) in [
        ("exp", r#""tomorrow""#),
        ("exp", r#""4102444800""#),
        ("exp", "true"),
        ("exp", "null"),
        ("exp", "[4102444800]"),
        ("nbf", r#""yesterday""#),
        ("iat", r#"{"t":1}"#),
    ] {
        let payload = format!(r#"{{"sub":"alice","{claim}":{value}}}"#);
        let r = verify(&[], &hs256(r#"{"alg":"HS256"}"#, &payload));
        assert_eq!(r.code, 3, "{payload}: {}", r.stdout);
        assert!(r.stdout.contains("not a NumericDate"), "{}", r.stdout);
        let r = run(jwtctl()
            .arg("decode")
            .arg(hs256(r#"{"alg":"HS256"}"#, &payload)));
        assert_eq!(r.code, 0, "decode shows it: {}", r.stderr);
    }
    // Strings where strings belong, numbers where they do not: a claim check, not a crash.
    let r = verify(
        &["--iss", "123"],
        &hs256(
            r#"{"alg":"HS256"}"#,
            r#"{"iss":123,"sub":"1","exp":4102444800}"#,
        ),
    );
    assert_eq!(r.code, 6, "{}", r.stdout);
    assert!(
        r.stdout.contains("\"iss\" is 123, not a string"),
        "{}",
        r.stdout
    );
}

#[test]
fn extreme_numeric_dates_neither_overflow_nor_panic() {
    for payload in [
        r#"{"exp":1e308}"#,
        r#"{"exp":-1e308}"#,
        r#"{"exp":1e300,"iat":-1e300,"nbf":-1e300}"#,
        r#"{"exp":18446744073709551615,"iat":-9223372036854775808}"#,
        r#"{"nbf":1e300}"#,
    ] {
        let token = hs256(r#"{"alg":"HS256"}"#, payload);
        for cmd in ["verify", "decode"] {
            for out in ["human", "json"] {
                run(with_secret().args([cmd, "--output", out, &token]));
            }
        }
    }
    assert_eq!(
        verify(&[], &hs256(r#"{"alg":"HS256"}"#, r#"{"exp":1e308}"#)).code,
        0
    );
    assert_eq!(
        verify(&[], &hs256(r#"{"alg":"HS256"}"#, r#"{"exp":-1e308}"#)).code,
        5
    );
    assert_eq!(
        verify(&[], &hs256(r#"{"alg":"HS256"}"#, r#"{"nbf":1e300}"#)).code,
        5
    );
    // A number too large for JSON's doubles is not JSON at all.
    let r = verify(&[], &hs256(r#"{"alg":"HS256"}"#, r#"{"exp":1e400}"#));
    assert_eq!(r.code, 3);
}

#[test]
fn aud_as_string_or_array() {
    let t = |aud: &str| {
        hs256(
            r#"{"alg":"HS256"}"#,
            &format!(r#"{{"sub":"a","exp":4102444800,"aud":{aud}}}"#),
        )
    };
    for (aud, want, code) in [
        (r#""api""#, "api", 0),
        (r#"["api"]"#, "api", 0),
        (r#"["web","api"]"#, "api", 0),
        (r#"["web","api"]"#, "web", 0),
        (r#""api""#, "web", 6),
        (r#"["web"]"#, "api", 6),
        (r#"[]"#, "api", 6),
        (r#""""#, "api", 6),
        (r#""API""#, "api", 6),
        (r#""api ""#, "api", 6),
        (r#""api,web""#, "api", 6),
        (r#"123"#, "api", 6),
        (r#"[123]"#, "api", 6),
        (r#"["api",null]"#, "api", 6),
        (r#"{"api":true}"#, "api", 6),
        (r#"null"#, "api", 6),
    ] {
        let r = verify(&["--aud", want], &t(aud));
        assert_eq!(r.code, code, "aud {aud} for {want}: {}", r.stdout);
        if code == 6 {
            assert!(r.stdout.contains("aud:"), "{}", r.stdout);
        }
    }
    // Any of several accepted audiences.
    assert_eq!(
        verify(&["--aud", "x", "--aud", "api"], &t(r#""api""#)).code,
        0
    );
    // Without --aud a token naming an audience is rejected (RFC 7519 4.1.3), unless the
    // audience is explicitly left unchecked.
    let r = verify(&[], &t(r#"["web","api"]"#));
    assert_eq!(r.code, 6);
    assert!(r.stdout.contains("audience web, api"), "{}", r.stdout);
    let r = verify(&["--ignore-aud"], &t(r#"["web","api"]"#));
    assert_eq!(r.code, 0);
    assert!(r.stderr.contains("audience web, api"), "{}", r.stderr);
    // No aud at all but one is required.
    let r = verify(&["--aud", "api"], &hs256(r#"{"alg":"HS256"}"#, LATER));
    assert_eq!(r.code, 6);
}

/// Signed tokens padded by a claim: the longest at most `limit` bytes and the shortest over it.
fn tokens_around(limit: usize) -> (String, String) {
    let header = r#"{"alg":"HS256"}"#;
    let payload = |pad: usize| format!(r#"{{"exp":4102444800,"pad":"{}"}}"#, "a".repeat(pad));
    let len = |pad: usize| b64(header).len() + 1 + (payload(pad).len() * 4).div_ceil(3) + 1 + 43;
    let mut pad = limit / 4 * 3 - 100;
    while len(pad + 1) <= limit {
        pad += 1;
    }
    (
        hs256(header, &payload(pad)),
        hs256(header, &payload(pad + 1)),
    )
}

#[test]
fn enormous_claims_near_and_over_the_one_mib_limit() {
    const LIMIT: usize = 1024 * 1024;
    let (near, over) = tokens_around(LIMIT);
    assert!(
        near.len() <= LIMIT && near.len() > LIMIT - 4,
        "{}",
        near.len()
    );
    assert!(over.len() > LIMIT);
    let r = run(with_secret()
        .args(["verify", "-"])
        .write_stdin(near.clone()));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(with_secret()
        .args(["decode", "--output", "json", "-"])
        .write_stdin(near));
    assert_eq!(r.code, 0, "{}", r.stderr);
    for cmd in ["verify", "decode"] {
        let r = run(with_secret().args([cmd, "-"]).write_stdin(over.clone()));
        assert_eq!(r.code, 3, "{cmd}");
        assert!(r.stderr.contains("1048576-byte limit"), "{}", r.stderr);
    }
    // In a batch the over-long line is reported and the next line still checked.
    let r = run(with_secret()
        .args(["verify", "--batch", "--output", "json"])
        .write_stdin(format!("{over}\n{}\n", hs256(r#"{"alg":"HS256"}"#, LATER))));
    assert_eq!(r.code, 3);
    let lines: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{}", r.stdout);
    assert_eq!(lines[0]["valid"], false);
    assert_eq!(lines[1]["valid"], true);
}

#[test]
fn deeply_nested_json_is_refused_without_overflowing_the_stack() {
    let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    let deep_obj = |n: usize| format!("{}1{}", r#"{"a":"#.repeat(n), "}".repeat(n));
    for nested in [deep(100_000), deep_obj(100_000), deep(129)] {
        let payload = format!(r#"{{"exp":4102444800,"x":{nested}}}"#);
        let token = hs256(r#"{"alg":"HS256"}"#, &payload);
        // verify: not a JWT. decode: shown as text, with a warning.
        let r = run(with_secret()
            .args(["verify", "-"])
            .write_stdin(token.clone()));
        assert_eq!(r.code, 3, "{}", r.stderr);
        assert!(r.stdout.contains("recursion limit"), "verify explains");
        let r = run(with_secret()
            .args(["decode", "-"])
            .write_stdin(token.clone()));
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stdout.contains("recursion limit"), "decode explains");
        assert!(r.stderr.contains("not a JSON object"), "{}", r.stderr);
        let header = format!(r#"{{"alg":"HS256","x":{nested}}}"#);
        for cmd in ["verify", "decode"] {
            let r = run(with_secret()
                .args([cmd, "-"])
                .write_stdin(hs256(&header, LATER)));
            assert_eq!(r.code, 3, "{cmd}");
            assert!(r.stderr.contains("header is not JSON"), "{}", r.stderr);
            assert!(r.stderr.contains("recursion limit"), "{}", r.stderr);
        }
    }
    // Nesting real tokens might carry is fine.
    let payload = format!(r#"{{"exp":4102444800,"x":{}}}"#, deep(100));
    let r = verify(
        &["--output", "json"],
        &hs256(r#"{"alg":"HS256"}"#, &payload),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn non_utf8_and_ten_megabytes_on_stdin() {
    for cmd in ["verify", "decode"] {
        let r = run(with_secret()
            .arg(cmd)
            .write_stdin(vec![0xff, 0xfe, b'.', 0xc3, 0x28, b'.', b'x', b'\n']));
        assert_eq!(r.code, 3, "{cmd}");
        assert!(r.stderr.contains("not UTF-8"), "{}", r.stderr);

        let r = run(with_secret()
            .arg(cmd)
            .write_stdin(vec![b'a'; 10 * 1024 * 1024]));
        assert_eq!(r.code, 3, "{cmd}");
        assert!(r.stderr.contains("limit"), "{}", r.stderr);

        // Many lines of junk, some not UTF-8: each reported, none fatal.
        let lines = b"not.a.token\xff\nnot.a.token\n".repeat(10_000);
        let r = run(with_secret()
            .args([cmd, "--batch", "--output", "json"])
            .write_stdin(lines));
        assert_eq!(r.code, 3, "{cmd}");
        assert_eq!(r.stdout.lines().count(), 20_000);
    }
    // Non-UTF-8 inside a token's payload (valid base64url of invalid UTF-8).
    let token = {
        let input = format!("{}.{}", b64(r#"{"alg":"HS256"}"#), b64([0xff, 0xfe, 0xfd]));
        let k = aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, SECRET.as_bytes());
        format!(
            "{input}.{}",
            b64(aws_lc_rs::hmac::sign(&k, input.as_bytes()).as_ref())
        )
    };
    let r = verify(&[], &token);
    assert_eq!(r.code, 3, "{}", r.stdout);
    let r = verify(&["--jws"], &token);
    assert_eq!(r.code, 0, "{}", r.stdout);
}
