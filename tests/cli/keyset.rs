//! `jwtctl keyset`: JWK set files edited for key rotation, and the sets `issue` and `serve`
//! sign with.

use std::path::{Path, PathBuf};

use predicates::prelude::*;
use serde_json::Value;

use crate::support::*;

const PASS: &str = "correct horse";

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn thumbprint(key: &Path) -> String {
    stdout_of(jwtctl().args(["jwk", "thumbprint"]).arg(key))
}

/// `keyset add SET KEY ARGS`: the kid printed.
fn add(set: &Path, key: &Path, args: &[&str]) -> String {
    stdout_of(
        jwtctl()
            .args(["keyset", "add"])
            .arg(set)
            .arg(key)
            .args(args),
    )
}

fn list_json(set: &Path) -> Value {
    let text = stdout_of(jwtctl().args(["keyset", "list", "-o", "json"]).arg(set));
    let v: Value = serde_json::from_str(&text).unwrap();
    crate::contract::assert_valid(&crate::contract::schema(), &v);
    v
}

fn members(set: &Path) -> Vec<Value> {
    read_json(set)["keys"].as_array().unwrap().clone()
}

/// A fixture copied to a 0600 file (git does not keep modes).
fn encrypted_copy(dir: &Path, name: &str) -> PathBuf {
    let to = dir.join(name);
    std::fs::copy(fixtures().join("encrypted").join(name), &to).unwrap();
    #[cfg(unix)]
    chmod(&to, 0o600);
    to
}

#[test]
fn add_takes_pem_der_jwk_and_encrypted_keys_with_their_thumbprints_as_kids() {
    let dir = tempdir();
    let d = dir.path();
    let (ec, _) = keygen_pair(d, "ec", "ES256");
    jwtctl()
        .args(["keygen", "--alg", "EdDSA", "--format", "jwk", "--out"])
        .arg(d.join("ed"))
        .assert()
        .success();
    let (_, rsa_pub) = keygen_pair(d, "rsa", "RS256");
    // DER: the PEM's body, decoded.
    let der = d.join("rsa.pub.der");
    let text = std::fs::read_to_string(&rsa_pub).unwrap();
    let body: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    use base64::Engine;
    std::fs::write(
        &der,
        base64::engine::general_purpose::STANDARD
            .decode(body)
            .unwrap(),
    )
    .unwrap();
    let encrypted = encrypted_copy(d, "ec-genpkey-aes256.pem");

    let set = d.join("signing.jwks.json");
    let out = jwtctl()
        .args(["keyset", "add"])
        .arg(&set)
        .arg(&ec)
        .assert()
        .success()
        .stdout(format!("{}\n", thumbprint(&ec)));
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("(ES256, private, signing) to") && stderr.contains("(new file)"),
        "{stderr}"
    );
    #[cfg(unix)]
    assert_eq!(
        mode(&set),
        0o600,
        "a set of private keys is the owner's only"
    );
    // The JWK's own kid is kept.
    let ed_kid = read_json(d.join("ed.jwk"))["kid"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(add(&set, &d.join("ed.jwk"), &[]), ed_kid);
    assert_eq!(add(&set, &der, &["--kid", "rsa-2026"]), "rsa-2026");
    let enc_kid = stdout_of(
        jwtctl()
            .env("JWTCTL_KEY_PASSPHRASE", PASS)
            .args(["keyset", "add", "--next"])
            .arg(&set)
            .arg(&encrypted),
    );
    assert_eq!(
        enc_kid,
        thumbprint(&fixtures().join("encrypted/ec.pub.pem"))
    );

    let listed = list_json(&set);
    assert_eq!(listed["kind"], "keyset");
    let rows: Vec<(String, String, bool, String)> = listed["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            (
                k["kid"].as_str().unwrap().to_string(),
                k["alg"].as_str().unwrap().to_string(),
                k["private"].as_bool().unwrap(),
                k["role"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let ec_kid = thumbprint(&ec);
    assert_eq!(
        rows,
        vec![
            (ec_kid.clone(), "ES256".into(), true, "verify".into()),
            (ed_kid.clone(), "EdDSA".into(), true, "signing".into()),
            ("rsa-2026".into(), "RS256".into(), false, "verify".into()),
            (enc_kid.clone(), "ES256".into(), true, "next".into()),
        ],
        "the newest private key that is not next signs"
    );
    for k in listed["keys"].as_array().unwrap() {
        assert_eq!(k["use"], "sig");
        assert!(k["created"].as_str().unwrap().ends_with('Z'));
    }
    // The file holds the private members of the private keys, none of the public one.
    let stored = members(&set);
    assert!(stored[0]["d"].is_string() && stored[3]["d"].is_string());
    assert!(stored[2].get("d").is_none() && stored[2]["n"].is_string());

    // People's view: one row per key, kid first.
    let human = stdout_of(jwtctl().args(["keyset", "list"]).arg(&set));
    let lines: Vec<&str> = human.lines().collect();
    assert_eq!(lines.len(), 5, "{human}");
    assert!(
        lines[0].starts_with("KID") && lines[0].ends_with("ROLE"),
        "{human}"
    );
    assert!(lines[2].starts_with(&ed_kid) && lines[2].ends_with("private  signing"));
    assert!(lines[3].starts_with("rsa-2026") && lines[3].contains(" RSA "));
    assert!(lines[4].ends_with("private  next"), "{human}");
}

#[test]
fn duplicates_unknown_kids_and_wrong_inputs_are_refused_with_the_file_unchanged() {
    let dir = tempdir();
    let d = dir.path();
    let (a, a_pub) = keygen_pair(d, "a", "ES256");
    let (b, _) = keygen_pair(d, "b", "ES256");
    let set = d.join("keys.jwks.json");
    let a_kid = add(&set, &a, &[]);
    let before = std::fs::read(&set).unwrap();
    let unchanged = || assert_eq!(std::fs::read(&set).unwrap(), before);

    // The same key again, even as its public half or under another kid.
    for (key, args) in [(&a, vec![]), (&a_pub, vec![]), (&a, vec!["--kid", "other"])] {
        jwtctl()
            .args(["keyset", "add"])
            .arg(&set)
            .arg(key)
            .args(&args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(format!(
                "jwtctl: {} already holds this key, as kid \"{a_kid}\"\nhint: a key is added once; `jwtctl keyset list {}` shows it\n",
                set.display(),
                set.display()
            ));
    }
    // Another key under a kid that is taken.
    jwtctl()
        .args(["keyset", "add"])
        .arg(&set)
        .arg(&b)
        .args(["--kid", &a_kid])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("already has a key with kid")
                .and(predicate::str::contains("hint: choose another --kid")),
        );
    // An algorithm the key cannot serve.
    jwtctl()
        .args(["keyset", "add", "--alg", "RS256"])
        .arg(&set)
        .arg(&b)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--alg RS256 does not fit the key"));
    // An HMAC secret is no key pair.
    let secret = d.join("secret.jwk");
    jwtctl()
        .args(["keygen", "--alg", "HS256", "--format", "jwk", "--out"])
        .arg(&secret)
        .assert()
        .success();
    jwtctl()
        .args(["keyset", "add"])
        .arg(&set)
        .arg(&secret)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "an HMAC secret does not belong in a key set file",
        ));
    // Unknown kids.
    for cmd in ["remove", "activate"] {
        jwtctl()
            .args(["keyset", cmd])
            .arg(&set)
            .arg("nope")
            .assert()
            .code(2)
            .stderr(format!(
                "jwtctl: {} has no key with kid \"nope\"\nhint: `jwtctl keyset list {}` shows the kids\n",
                set.display(),
                set.display()
            ));
    }
    // The key that signs stays unless --force.
    jwtctl()
        .args(["keyset", "remove"])
        .arg(&set)
        .arg(&a_kid)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "kid \"{a_kid}\" is the key {} signs with",
            set.display()
        )))
        .stderr(predicate::str::contains("or pass --force"));
    unchanged();

    // A file that is not a key set is never rewritten.
    let bad = d.join("bad.jwks.json");
    std::fs::write(&bad, "{\"keys\": 3}").unwrap();
    jwtctl()
        .args(["keyset", "add"])
        .arg(&bad)
        .arg(&b)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("has no \"keys\" array"));
    assert_eq!(std::fs::read_to_string(&bad).unwrap(), "{\"keys\": 3}");
    // Listing a set that does not exist.
    jwtctl()
        .args(["keyset", "list"])
        .arg(d.join("none.json"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("does not exist"))
        .stderr(predicate::str::contains(
            "hint: create it with `jwtctl keyset add",
        ));

    // A wrong passphrase: exit 7, nothing added.
    let enc = encrypted_copy(d, "ec-genpkey-aes256.pem");
    jwtctl()
        .env("JWTCTL_KEY_PASSPHRASE", "wrong")
        .args(["keyset", "add"])
        .arg(&set)
        .arg(&enc)
        .assert()
        .code(7)
        .stderr(predicate::str::contains("wrong passphrase"));
    unchanged();

    // --force removes the signer; the set then has none, and says so.
    jwtctl()
        .args(["keyset", "remove", "--force"])
        .arg(&set)
        .arg(&a_kid)
        .assert()
        .success()
        .stderr(predicate::str::contains("holds no key that can sign now"));
    assert!(members(&set).is_empty());
}

#[test]
fn a_private_key_never_lands_in_a_file_whose_name_or_mode_says_public() {
    let dir = tempdir();
    let d = dir.path();
    let (a, _) = keygen_pair(d, "a", "ES256");
    // By name: the public half only, and a warning that says so.
    let published = d.join("jwks.pub.json");
    jwtctl()
        .args(["keyset", "add"])
        .arg(&published)
        .arg(&a)
        .assert()
        .success()
        .stdout(format!("{}\n", thumbprint(&a)))
        .stderr(predicate::str::contains(format!(
            "warning: {} holds a private key, but {} must stay public (its name (jwks.pub.json) says it is public): wrote its public half only",
            a.display(),
            published.display()
        )));
    let stored = members(&published);
    assert_eq!(stored.len(), 1);
    assert!(stored[0].get("d").is_none() && stored[0]["x"].is_string());
    #[cfg(unix)]
    assert_eq!(
        mode(&published),
        0o644,
        "a published set is readable by all"
    );

    // By mode: a set others may read gets public halves too.
    #[cfg(unix)]
    {
        let (b, b_pub) = keygen_pair(d, "b", "ES256");
        let set = d.join("keys.json");
        add(&set, &b_pub, &[]);
        chmod(&set, 0o644);
        jwtctl()
            .args(["keyset", "add"])
            .arg(&set)
            .arg(&a)
            .assert()
            .success()
            .stderr(predicate::str::contains(
                "(its mode (644) lets others read it)",
            ));
        assert!(members(&set).iter().all(|m| m.get("d").is_none()));
        assert_eq!(mode(&set), 0o644);

        // A private set made readable by others is not edited at all.
        let private = d.join("private.json");
        add(&private, &b, &[]);
        let (c, _) = keygen_pair(d, "c", "ES256");
        let kid = add(&private, &c, &["--next"]);
        chmod(&private, 0o640);
        let before = std::fs::read(&private).unwrap();
        jwtctl()
            .args(["keyset", "remove"])
            .arg(&private)
            .arg(&kid)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(format!(
                "jwtctl: {} holds private keys, but its mode (640) lets others read it",
                private.display()
            )))
            .stderr(predicate::str::contains(format!(
                "hint: keep private keys in a file of mode 0600 whose name does not say public (chmod 600 {})",
                private.display()
            )));
        assert_eq!(std::fs::read(&private).unwrap(), before);
    }
}

#[test]
fn concurrent_edits_are_serialised_and_none_is_lost() {
    let dir = tempdir();
    let d = dir.path();
    let keys: Vec<PathBuf> = (0..8)
        .map(|i| keygen_pair(d, &format!("k{i}"), "ES256").0)
        .collect();
    let set = d.join("set.jwks.json");
    let bin = assert_cmd::cargo::cargo_bin("jwtctl");
    let children: Vec<_> = keys
        .iter()
        .map(|k| {
            std::process::Command::new(&bin)
                .args(["keyset", "add", "-q"])
                .arg(&set)
                .arg(k)
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let mut kids: Vec<String> = members(&set)
        .iter()
        .map(|m| m["kid"].as_str().unwrap().to_string())
        .collect();
    kids.sort();
    let mut want: Vec<String> = keys.iter().map(|k| thumbprint(k)).collect();
    want.sort();
    assert_eq!(kids, want);
    // No temp file is left beside the set.
    let leftovers: Vec<_> = std::fs::read_dir(d)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn activate_lets_a_next_key_sign_and_says_when_a_newer_one_still_does() {
    let dir = tempdir();
    let d = dir.path();
    let (old, _) = keygen_pair(d, "old", "ES256");
    let (next, _) = keygen_pair(d, "next", "ES256");
    let (newest, _) = keygen_pair(d, "newest", "ES256");
    let set = d.join("signing.jwks.json");
    let old_kid = add(&set, &old, &[]);
    let next_kid = add(&set, &next, &["--next"]);
    let role = |kid: &str| {
        list_json(&set)["keys"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["kid"] == kid)
            .unwrap()["role"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(role(&old_kid), "signing");
    assert_eq!(role(&next_kid), "next");
    jwtctl()
        .args(["keyset", "activate"])
        .arg(&set)
        .arg(&next_kid)
        .assert()
        .success()
        .stderr(format!("jwtctl: kid {next_kid} now signs\n"));
    assert_eq!(role(&next_kid), "signing");
    assert_eq!(role(&old_kid), "verify");
    assert!(members(&set).iter().all(|m| m.get("status").is_none()));

    // Activating an older key while a newer one is active changes nothing that signs.
    let newest_kid = add(&set, &newest, &[]);
    jwtctl()
        .args(["keyset", "activate"])
        .arg(&set)
        .arg(&old_kid)
        .assert()
        .success()
        .stderr(format!(
            "jwtctl: warning: kid {old_kid} may sign, but the newer kid {newest_kid} still does\n"
        ));
    // A public member cannot be activated.
    let (p, p_pub) = keygen_pair(d, "p", "ES256");
    let _ = p;
    let p_kid = add(&set, &p_pub, &[]);
    jwtctl()
        .args(["keyset", "activate"])
        .arg(&set)
        .arg(&p_kid)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "is a public key, which cannot sign",
        ));
}

/// A users file with alice (password "wonderland").
fn users_file(dir: &Path) -> PathBuf {
    let users = dir.join("users.toml");
    jwtctl()
        .arg("--users")
        .arg(&users)
        .args(["users", "add", "alice", "--password-stdin"])
        .write_stdin("wonderland\n")
        .assert()
        .success();
    users
}

fn header_kid(token: &str) -> String {
    crate::support::server::header_of(token)["kid"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn issue_signs_with_the_member_that_signs_or_the_one_named_by_kid() {
    let dir = tempdir();
    let d = dir.path();
    let (old, _) = keygen_pair(d, "old", "ES256");
    let (next, _) = keygen_pair(d, "next", "RS256");
    let (_, public) = keygen_pair(d, "public", "ES256");
    let set = d.join("signing.jwks.json");
    let old_kid = add(&set, &old, &[]);
    // A kid may start with a dash, as one thumbprint in 64 does.
    let next_kid = add(&set, &next, &["--next", "--kid", "-next"]);
    assert_eq!(next_kid, "-next");
    let public_kid = add(&set, &public, &[]);
    let verify = |token: &str| {
        jwtctl()
            .args(["verify", "-q", "--jwks"])
            .arg(&set)
            .arg(token)
            .assert()
            .success();
    };

    let token = stdout_of(jwtctl().args(["issue", "--sub", "svc", "--jwks"]).arg(&set));
    assert_eq!(header_kid(&token), old_kid);
    assert_eq!(crate::support::server::header_of(&token)["alg"], "ES256");
    verify(&token);
    // --kid picks a member, a next one included; its alg comes with it.
    let token = stdout_of(
        jwtctl()
            .args(["issue", "--sub", "svc", "--kid", &next_kid, "--jwks"])
            .arg(&set),
    );
    assert_eq!(header_kid(&token), next_kid);
    assert_eq!(crate::support::server::header_of(&token)["alg"], "RS256");
    verify(&token);

    jwtctl()
        .args(["issue", "--sub", "svc", "--kid", &public_kid, "--jwks"])
        .arg(&set)
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!(
            "jwtctl: kid \"{public_kid}\" in {} is a public key, which cannot sign\nhint: pick a private member with --kid\n",
            set.display()
        ));
    jwtctl()
        .args(["issue", "--sub", "svc", "--kid", "nope", "--jwks"])
        .arg(&set)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("has no key with kid \"nope\""));
    jwtctl()
        .args(["issue", "--sub", "svc", "--key"])
        .arg(&old)
        .arg("--jwks")
        .arg(&set)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
    // A published set has nothing to sign with.
    let published = d.join("jwks.pub.json");
    add(&published, &old, &[]);
    jwtctl()
        .args(["issue", "--sub", "svc", "--jwks"])
        .arg(&published)
        .assert()
        .code(1)
        .stderr(format!(
            "jwtctl: {} holds no private key that can sign\nhint: add a private key (`jwtctl keyset add {} KEY`), or activate one added with --next\n",
            published.display(),
            published.display()
        ));
}

#[test]
fn a_folder_of_keys_signs_with_its_newest_private_key() {
    let dir = tempdir();
    let keys = dir.path().join("keys");
    std::fs::create_dir(&keys).unwrap();
    let (a, a_pub) = keygen_pair(&keys, "2026-11", "ES256");
    let (b, _) = keygen_pair(&keys, "2027-05", "ES256");
    std::fs::write(keys.join("README.txt"), "not a key").unwrap();
    let set_time = |p: &Path, secs: u64| {
        let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs);
        std::fs::File::options()
            .write(true)
            .open(p)
            .unwrap()
            .set_modified(t)
            .unwrap();
    };
    set_time(&a, 1_700_000_000);
    set_time(&a_pub, 1_700_000_000);
    set_time(&b, 1_800_000_000);
    let issue = || {
        stdout_of(
            jwtctl()
                .args(["issue", "--sub", "svc", "--jwks"])
                .arg(&keys),
        )
    };
    assert_eq!(header_kid(&issue()), thumbprint(&b));
    set_time(&a, 1_900_000_000);
    assert_eq!(header_kid(&issue()), thumbprint(&a));
    // A public key file alone publishes a key but cannot sign with it.
    std::fs::remove_file(&a).unwrap();
    std::fs::remove_file(&b).unwrap();
    jwtctl()
        .args(["issue", "--sub", "svc", "--jwks"])
        .arg(&keys)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "holds no private key that can sign",
        ));
}

/// The runbook of README's "Rotating keys", step by step, against a running `serve`: tokens
/// issued before and after the switch verify throughout, at the server and for a verifier that
/// only knows the JWKS URL; once the old key is retired, its tokens fail with exit 4.
#[test]
fn rotation_runbook_keeps_tokens_valid_until_the_old_key_is_retired() {
    use crate::support::server::Server;
    let dir = tempdir();
    let d = dir.path();
    let users = users_file(d);
    let keys = d.join("keys");
    let set = d.join("signing.jwks.json");
    // Start: one key, serving.
    let (k1, _) = keygen_pair(&keys, "2026-11", "ES256");
    let old_kid = add(&set, &k1, &[]);
    let s = Server::start(&users, None, &["--jwks", set.to_str().unwrap()]);
    let url = s.url();
    let jwks_url = format!("{url}/.well-known/jwks.json");
    let published = || -> Vec<String> {
        let body = s.get("/.well-known/jwks.json", &[]).json();
        body["keys"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| {
                assert!(k.get("d").is_none(), "never a private member");
                k["kid"].as_str().unwrap().to_string()
            })
            .collect()
    };
    let login = || {
        let r = s.login("alice", "wonderland");
        assert_eq!(r.status, 200, "{}", r.body);
        r.json()["access_token"].as_str().unwrap().to_string()
    };
    // A verifier that knows only the JWKS URL, with no cache of an earlier run.
    let n = std::cell::Cell::new(0);
    let verify_code = |token: &str| {
        n.set(n.get() + 1);
        jwtctl()
            .env("JWTCTL_CACHE_DIR", d.join(format!("cache{}", n.get())))
            .args([
                "verify",
                "-q",
                "--allow-http",
                "--iss",
                &url,
                "--jwks",
                &jwks_url,
                token,
            ])
            .output()
            .unwrap()
            .status
            .code()
            .unwrap()
    };
    let t1 = login();
    assert_eq!(header_kid(&t1), old_kid);
    assert_eq!(published(), vec![old_kid.clone()]);

    // 1. Add the next key (of another algorithm, as a migration would): published, not
    //    signing yet.
    let (k2, _) = keygen_pair(&keys, "2027-05", "RS256");
    let new_kid = add(&set, &k2, &["--next"]);
    // 2. Publish: the running server shows it at once.
    assert_eq!(published(), vec![old_kid.clone(), new_kid.clone()]);
    let t2 = login();
    assert_eq!(header_kid(&t2), old_kid, "the old key still signs");
    // 3. Switch signing.
    jwtctl()
        .args(["keyset", "activate"])
        .arg(&set)
        .arg(&new_kid)
        .assert()
        .success();
    let t3 = login();
    let discovery = s.get("/.well-known/openid-configuration", &[]).json();
    assert_eq!(
        discovery["id_token_signing_alg_values_supported"],
        serde_json::json!(["RS256"]),
        "discovery names the new key's algorithm"
    );
    assert_eq!(
        header_kid(&t3),
        new_kid,
        "the new key signs, without a restart"
    );
    let t4 = stdout_of(
        jwtctl()
            .args(["issue", "--sub", "alice", "--iss", &url, "--jwks"])
            .arg(&set),
    );
    assert_eq!(header_kid(&t4), new_kid);
    for t in [&t1, &t2, &t3, &t4] {
        assert_eq!(s.me(t).status, 200);
        assert_eq!(verify_code(t), 0);
    }
    // 4. Retire the old key (after the longest token lifetime).
    jwtctl()
        .args(["keyset", "remove"])
        .arg(&set)
        .arg(&old_kid)
        .assert()
        .success();
    assert_eq!(published(), vec![new_kid.clone()]);
    for t in [&t1, &t2] {
        assert_eq!(s.me(t).status, 401);
        assert_eq!(verify_code(t), 4, "a retired key's token is refused");
    }
    for t in [&t3, &t4] {
        assert_eq!(s.me(t).status, 200);
        assert_eq!(verify_code(t), 0);
    }
    // A broken edit leaves the server signing with the last good set, and it says so.
    std::fs::write(&set, "{ not json").unwrap();
    assert_eq!(header_kid(&login()), new_kid);
    let (_, log) = s.stop("TERM");
    assert!(
        log.contains(&format!("reloaded {}", set.display())),
        "{log}"
    );
    assert!(
        log.contains("still signing with the previous keys"),
        "{log}"
    );

    // PyJWT finds the rotated key at the JWKS URL serve publishes.
    if let Some(py) = python_with(&["jwt"]) {
        let s = Server::start(&users, None, &["--jwks", keys.to_str().unwrap()]);
        let token = {
            let r = s.login("alice", "wonderland");
            r.json()["access_token"].as_str().unwrap().to_string()
        };
        let jobs = [serde_json::json!({
            "op": "decode", "lib": "pyjwt", "alg": "RS256",
            "jwks": format!("{}/.well-known/jwks.json", s.url()),
            "token": token,
        })];
        let out = crate::interop::peer(&py, &jobs);
        assert_eq!(out[0]["ok"], true, "{}", out[0]);
        assert_eq!(out[0]["claims"]["sub"], "alice");
        assert_eq!(header_kid(&token), thumbprint(&k2));
    }
}

/// The folder form of the runbook: a public key file publishes, a newer private key file signs,
/// removing the old files retires the old key; `serve` follows each step without a restart.
#[test]
fn serve_follows_a_folder_of_keys_as_files_come_and_go() {
    use crate::support::server::Server;
    let dir = tempdir();
    let d = dir.path();
    let users = users_file(d);
    let keys = d.join("keys");
    let staging = d.join("staging");
    let (k1, k1_pub) = keygen_pair(&keys, "2026-11", "ES256");
    let (k2, k2_pub) = keygen_pair(&staging, "2027-05", "ES256");
    let (old_kid, new_kid) = (thumbprint(&k1), thumbprint(&k2));
    let s = Server::start(&users, None, &["--jwks", keys.to_str().unwrap()]);
    let published = || -> Vec<String> {
        let mut kids: Vec<String> = s.get("/.well-known/jwks.json", &[]).json()["keys"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k["kid"].as_str().unwrap().to_string())
            .collect();
        kids.sort();
        kids
    };
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    let login = || {
        let r = s.login("alice", "wonderland");
        assert_eq!(r.status, 200, "{}", r.body);
        r.json()["access_token"].as_str().unwrap().to_string()
    };
    let t1 = login();
    assert_eq!(header_kid(&t1), old_kid);
    assert_eq!(published(), vec![old_kid.clone()]);
    // Publish: the next key's public file.
    std::fs::rename(&k2_pub, keys.join("2027-05.pub.pem")).unwrap();
    assert_eq!(published(), sorted(vec![old_kid.clone(), new_kid.clone()]));
    assert_eq!(header_kid(&login()), old_kid, "a public file does not sign");
    // Switch: its private file, the newest.
    std::fs::rename(&k2, keys.join("2027-05.pem")).unwrap();
    let t2 = login();
    assert_eq!(header_kid(&t2), new_kid);
    assert_eq!(published(), sorted(vec![old_kid.clone(), new_kid.clone()]));
    assert_eq!(s.me(&t1).status, 200);
    // Retire: the old files go.
    std::fs::remove_file(&k1).unwrap();
    std::fs::remove_file(&k1_pub).unwrap();
    assert_eq!(published(), vec![new_kid.clone()]);
    assert_eq!(s.me(&t1).status, 401);
    assert_eq!(s.me(&t2).status, 200);
}
