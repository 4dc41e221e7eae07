//! `jwtctl serve`: the real binary on an ephemeral port, every endpoint and error,
//! users-file edits while serving, login backoff, 200 concurrent logins, clean shutdown.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::{json, Value};

use crate::support::server::{claims_of, request, Server};
use crate::support::*;

/// Cheap argon2id hashes (m=256 KiB, t=1), made once by `jwtctl hash`, so that hundreds of
/// logins stay fast while going through the real verification code.
pub(crate) fn cheap_hash(password: &str) -> String {
    static CACHE: OnceLock<std::sync::Mutex<Vec<(String, String)>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some((_, h)) = cache.lock().unwrap().iter().find(|(p, _)| p == password) {
        return h.clone();
    }
    let h = stdout_of(
        jwtctl()
            .args([
                "hash",
                "--password-stdin",
                "--m-cost",
                "256",
                "--t-cost",
                "1",
            ])
            .write_stdin(format!("{password}\n")),
    );
    cache
        .lock()
        .unwrap()
        .push((password.to_string(), h.clone()));
    h
}

/// alice (two scopes, claims, tutorial fields), bob (one scope), carol (disabled).
fn users_toml() -> String {
    format!(
        r#"# test users
[users.alice]
password_hash = "{}"
scopes = ["items:read", "items:write"]
full_name = "Alice Liddell"
email = "alice@example.com"
claims = {{ role = "admin", sub = "mallory" }}

[users.bob]
password_hash = "{}"
scopes = ["items:read"]

[users.carol]
password_hash = "{}"
scopes = ["items:read"]
disabled = true
"#,
        cheap_hash("wonderland"),
        cheap_hash("builder"),
        cheap_hash("singer"),
    )
}

struct Site {
    _dir: tempfile::TempDir,
    users: PathBuf,
}

impl Site {
    fn new() -> Site {
        let dir = tempdir();
        let users = dir.path().join("users.toml");
        write_private(&users, &users_toml());
        Site { _dir: dir, users }
    }

    fn dir(&self) -> &Path {
        self.users.parent().unwrap()
    }

    fn serve(&self, args: &[&str]) -> Server {
        Server::start(&self.users, Some(SECRET), args)
    }

    /// `jwtctl users disable NAME` on the site's users file.
    fn disable(&self, name: &str) {
        jwtctl()
            .args(["users", "--users"])
            .arg(&self.users)
            .args(["disable", name])
            .assert()
            .success();
    }
}

pub(crate) fn write_private(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
}

fn access_token(s: &Server, user: &str, password: &str) -> String {
    let r = s.login(user, password);
    assert_eq!(r.status, 200, "login {user}: {}", r.body);
    r.json()["access_token"].as_str().unwrap().to_string()
}

/// `jwtctl verify` of a token against the server's secret and issuer: the exit code.
fn verify_code(token: &str, issuer: &str) -> i32 {
    with_secret()
        .args(["verify", "-q", "--iss", issuer, token])
        .output()
        .unwrap()
        .status
        .code()
        .unwrap()
}

#[test]
fn password_grant_returns_an_oauth2_token_response() {
    let site = Site::new();
    let s = site.serve(&[]);
    let r = s.login("alice", "wonderland");
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.header("cache-control"), Some("no-store"));
    assert_eq!(r.header("pragma"), Some("no-cache"));
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    let body = r.json();
    assert_eq!(body["token_type"], "bearer");
    assert_eq!(body["expires_in"], 1800);
    assert_eq!(body["scope"], "items:read items:write");
    let access = body["access_token"].as_str().unwrap();
    let refresh = body["refresh_token"].as_str().unwrap();

    let c = claims_of(access);
    assert_eq!(c["sub"], "alice", "a user claim cannot override sub");
    assert_eq!(c["iss"], s.url());
    assert_eq!(c["scope"], "items:read items:write");
    assert_eq!(c["role"], "admin");
    assert_eq!(
        c["exp"].as_i64().unwrap() - c["iat"].as_i64().unwrap(),
        1800
    );
    assert!(c["jti"].is_string());
    assert!(c.get("token_use").is_none());
    let rc = claims_of(refresh);
    assert_eq!(rc["token_use"], "refresh");
    assert_eq!(
        rc["exp"].as_i64().unwrap() - rc["iat"].as_i64().unwrap(),
        7 * 24 * 3600
    );
    // An independent check of what the server signed.
    assert_eq!(verify_code(access, &s.url()), 0);
}

#[test]
fn ttl_audience_and_issuer_flags_shape_the_tokens() {
    let site = Site::new();
    let s = site.serve(&[
        "--ttl",
        "5m",
        "--aud",
        "api",
        "--issuer",
        "https://auth.example.test",
    ]);
    let r = s.login("bob", "builder").json();
    assert_eq!(r["expires_in"], 300);
    let c = claims_of(r["access_token"].as_str().unwrap());
    assert_eq!(c["aud"], "api");
    assert_eq!(c["iss"], "https://auth.example.test");
    assert_eq!(s.me(r["access_token"].as_str().unwrap()).status, 200);
    let d = s.get("/.well-known/openid-configuration", &[]).json();
    assert_eq!(d["issuer"], "https://auth.example.test");
    assert_eq!(d["token_endpoint"], "https://auth.example.test/token");
}

#[test]
fn scope_narrows_and_cannot_widen() {
    let site = Site::new();
    let s = site.serve(&[]);
    let narrow = |scope: &str| {
        s.post_form(
            "/token",
            &[
                ("grant_type", "password"),
                ("username", "alice"),
                ("password", "wonderland"),
                ("scope", scope),
            ],
        )
    };
    let r = narrow("items:read");
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["scope"], "items:read");
    assert_eq!(
        claims_of(r.json()["access_token"].as_str().unwrap())["scope"],
        "items:read"
    );
    let r = narrow("items:read admin");
    assert_eq!(r.status, 400);
    assert_eq!(r.error(), "invalid_scope");
    assert!(r.json()["error_description"]
        .as_str()
        .unwrap()
        .contains("admin"));
    assert_eq!(r.header("cache-control"), Some("no-store"));
    let r = narrow("items:read\u{7f}");
    assert_eq!(r.error(), "invalid_scope");
}

#[test]
fn unknown_user_wrong_password_and_disabled_user_get_the_same_answer() {
    let site = Site::new();
    let s = site.serve(&[]);
    let replies = [
        s.login("nobody", "wonderland"),
        s.login("alice", "not-her-password"),
        s.login("carol", "singer"),
        s.login("alice", ""),
        s.login(&"x".repeat(10_000), "wonderland"),
        // Over the 4096-byte password limit: checked like any other, then refused.
        s.login("alice", &"w".repeat(5_000)),
        s.login("nobody", &"w".repeat(5_000)),
    ];
    for r in &replies {
        assert_eq!(r.status, 400);
        assert_eq!(r.error(), "invalid_grant");
        assert_eq!(r.header("cache-control"), Some("no-store"));
        assert!(r.header("www-authenticate").is_none());
    }
    for r in &replies[1..] {
        assert_eq!(r.body, replies[0].body);
    }
}

#[test]
fn a_hash_asking_for_4_gib_is_refused_at_login_not_attempted() {
    let dir = tempdir();
    let users = dir.path().join("users.toml");
    // m=4194304 KiB (4 GiB): a users file an attacker could write to make each login allocate it.
    write_private(
        &users,
        &format!(
            "[users.alice]\npassword_hash = \"{}\"\nscopes = [\"items:read\"]\n\n\
             [users.greedy]\npassword_hash = \"$argon2id$v=19$m=4194304,t=1,p=1$c2FsdHNhbHRzYWx0$yvW9LC6br+BmljUmNoiIXJ6woZc408UQ3iOrw49e3uc\"\nscopes = [\"items:read\"]\n",
            cheap_hash("wonderland")
        ),
    );
    let s = Server::start(&users, Some(SECRET), &[]);
    // The address space is capped 1.5 GiB above what the server holds now, so an attempt at
    // the 4 GiB would fail the allocation and abort the process, not merely be slow.
    if cfg!(target_os = "linux") {
        let status = std::fs::read_to_string(format!("/proc/{}/status", s.pid())).unwrap();
        let vm_kib: u64 = status
            .lines()
            .find_map(|l| l.strip_prefix("VmSize:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap();
        let cap = (vm_kib + 1536 * 1024) * 1024;
        match std::process::Command::new("prlimit")
            .arg(format!("--pid={}", s.pid()))
            .arg(format!("--as={cap}"))
            .status()
        {
            Ok(st) => assert!(st.success(), "prlimit failed"),
            Err(_) => skip("no prlimit: the login runs without an address-space cap"),
        }
    }
    let greedy = s.login("greedy", "wonderland");
    let wrong = s.login("alice", "not-her-password");
    assert_eq!(greedy.status, 400);
    assert_eq!(greedy.error(), "invalid_grant");
    // Answered like any failed login: the response does not tell this user apart.
    assert_eq!(greedy.body, wrong.body);
    // The operator is told why, with the bounds and the fix.
    let log = s.stderr();
    assert!(
        log.contains(
            "jwtctl: warning: the password hash of user \"greedy\" cannot be used: the password hash asks for m=4194304 KiB, t=1, p=1 (at most m=1048576, t=32, p=16), beyond jwtctl's bounds; it is refused, not attempted"
        ),
        "{log}"
    );
    assert!(log.contains("`jwtctl users passwd NAME`"), "{log}");
    // The server is still up and others still log in.
    access_token(&s, "alice", "wonderland");
    let again = s.login("greedy", "wonderland");
    assert_eq!(again.error(), "invalid_grant");
}

#[test]
fn malformed_token_requests_get_rfc6749_errors() {
    let site = Site::new();
    let s = site.serve(&[]);
    let cases: &[(&[(&str, &str)], &str)] = &[
        (
            &[("username", "alice"), ("password", "x")],
            "invalid_request",
        ),
        (&[("grant_type", "")], "invalid_request"),
        (&[("grant_type", "implicit")], "unsupported_grant_type"),
        (
            &[("grant_type", "authorization_code"), ("code", "x")],
            "unsupported_grant_type",
        ),
        (
            &[("grant_type", "password"), ("password", "wonderland")],
            "invalid_request",
        ),
        (
            &[("grant_type", "password"), ("username", "alice")],
            "invalid_request",
        ),
        (&[("grant_type", "refresh_token")], "invalid_request"),
        (
            &[
                ("grant_type", "password"),
                ("username", "alice"),
                ("username", "bob"),
                ("password", "wonderland"),
            ],
            "invalid_request",
        ),
    ];
    for (params, want) in cases {
        let r = s.post_form("/token", params);
        assert_eq!(r.status, 400, "{params:?}: {}", r.body);
        assert_eq!(&r.error(), want, "{params:?}");
        assert!(r.json()["error_description"].is_string());
        assert_eq!(r.header("cache-control"), Some("no-store"));
    }

    // The parameters must be form-encoded (RFC 6749 §4.3.2).
    let r = request(
        &s.addr,
        "POST",
        "/token",
        &[("Content-Type", "application/json")],
        br#"{"grant_type":"password","username":"alice","password":"wonderland"}"#,
    );
    assert_eq!((r.status, r.error().as_str()), (400, "invalid_request"));

    // Bodies are capped.
    let big = format!(
        "grant_type=password&username=alice&password={}",
        "a".repeat(100_000)
    );
    let r = request(
        &s.addr,
        "POST",
        "/token",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        big.as_bytes(),
    );
    assert_eq!(r.status, 413);
    assert_eq!(r.error(), "invalid_request");

    let r = s.get("/token", &[]);
    assert_eq!(r.status, 405);
    assert_eq!(r.header("allow"), Some("POST"));
    let r = s.get("/nowhere", &[]);
    assert_eq!(r.status, 404);
}

#[test]
fn refresh_grant_issues_new_access_tokens_within_the_original_scope() {
    let site = Site::new();
    let s = site.serve(&[]);
    let login = s
        .post_form(
            "/token",
            &[
                ("grant_type", "password"),
                ("username", "alice"),
                ("password", "wonderland"),
                ("scope", "items:read items:write"),
            ],
        )
        .json();
    let refresh = login["refresh_token"].as_str().unwrap();
    let access = login["access_token"].as_str().unwrap();
    let grant = |token: &str, scope: Option<&str>| {
        let mut p = vec![("grant_type", "refresh_token"), ("refresh_token", token)];
        if let Some(sc) = scope {
            p.push(("scope", sc));
        }
        s.post_form("/token", &p)
    };

    let r = grant(refresh, None);
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.header("cache-control"), Some("no-store"));
    let body = r.json();
    assert_eq!(body["token_type"], "bearer");
    assert_eq!(body["scope"], "items:read items:write");
    assert!(body.get("refresh_token").is_none(), "not rotated");
    let new_access = body["access_token"].as_str().unwrap();
    assert_ne!(new_access, access);
    assert_eq!(s.me(new_access).status, 200);

    let r = grant(refresh, Some("items:read"));
    assert_eq!(r.json()["scope"], "items:read");
    let r = grant(refresh, Some("items:read admin"));
    assert_eq!((r.status, r.error().as_str()), (400, "invalid_scope"));

    // An access token is not a refresh token, and a refresh token is not a bearer token.
    let r = grant(access, None);
    assert_eq!((r.status, r.error().as_str()), (400, "invalid_grant"));
    let r = s.me(refresh);
    assert_eq!(r.status, 401);
    assert!(r.header("www-authenticate").unwrap().contains("refresh"));

    for bad in ["garbage", "a.b.c", &format!("{refresh}x")] {
        let r = grant(bad, None);
        assert_eq!(
            (r.status, r.error().as_str()),
            (400, "invalid_grant"),
            "{bad}"
        );
    }
    // A refresh token signed with another secret.
    let forged = stdout_of(
        jwtctl()
            .env("JWTCTL_SECRET", "another-secret-of-32-bytes-lengt")
            .args(["issue", "--sub", "alice", "--iss", &s.url(), "--refresh"]),
    );
    let forged_refresh = forged.lines().nth(1).unwrap();
    assert_eq!(claims_of(forged_refresh)["token_use"], "refresh");
    let r = grant(forged_refresh, None);
    assert_eq!((r.status, r.error().as_str()), (400, "invalid_grant"));
}

#[test]
fn me_answers_like_the_tutorial_and_rejects_bad_tokens_with_bearer_challenges() {
    let site = Site::new();
    let s = site.serve(&[]);
    let token = access_token(&s, "alice", "wonderland");
    for path in ["/me", "/userinfo", "/users/me", "/users/me/"] {
        let r = s.get(path, &[("Authorization", &format!("Bearer {token}"))]);
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        assert_eq!(r.header("cache-control"), Some("no-store"));
        let me = r.json();
        assert_eq!(me["sub"], "alice");
        assert_eq!(me["username"], "alice");
        assert_eq!(me["email"], "alice@example.com");
        assert_eq!(me["full_name"], "Alice Liddell");
        assert_eq!(me["role"], "admin");
        assert_eq!(me["disabled"], false);
        assert_eq!(me["scopes"], json!(["items:read", "items:write"]));
        assert!(me.get("password_hash").is_none());
    }
    // The scheme name is case-insensitive (RFC 7235).
    assert_eq!(
        s.get("/me", &[("Authorization", &format!("bearer {token}"))])
            .status,
        200
    );

    // No credentials: a challenge without an error code (RFC 6750 §3.1).
    for headers in [
        vec![],
        vec![("Authorization", "Basic YWxpY2U6d29uZGVybGFuZA==")],
    ] {
        let r = s.get("/me", &headers);
        assert_eq!(r.status, 401);
        assert_eq!(
            r.header("www-authenticate"),
            Some("Bearer realm=\"jwtctl\"")
        );
        assert!(r.json()["error_description"].is_string());
    }

    let expired = stdout_of(with_secret().args([
        "issue",
        "--sub",
        "alice",
        "--iss",
        &s.url(),
        "--at",
        "2020-01-01T00:00:00Z",
    ]));
    let other_issuer =
        stdout_of(with_secret().args(["issue", "--sub", "alice", "--iss", "https://elsewhere"]));
    let other_key = stdout_of(
        jwtctl()
            .env("JWTCTL_SECRET", "another-secret-of-32-bytes-lengt")
            .args(["issue", "--sub", "alice", "--iss", &s.url()]),
    );
    let unsigned = {
        let mut parts: Vec<&str> = token.split('.').collect();
        parts[0] = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0"; // {"alg":"none","typ":"JWT"}
        format!("{}.{}.", parts[0], parts[1])
    };
    let no_user = stdout_of(with_secret().args(["issue", "--sub", "nobody", "--iss", &s.url()]));
    let cases = [
        (expired.as_str(), "expired"),
        (other_issuer.as_str(), "issuer"),
        (other_key.as_str(), "signature"),
        (unsigned.as_str(), "none"),
        ("not-a-token", "malformed"),
        (no_user.as_str(), "no longer exists"),
    ];
    for (bad, why) in cases {
        let r = s.me(bad);
        assert_eq!(r.status, 401, "{why}: {}", r.body);
        let challenge = r.header("www-authenticate").unwrap().to_string();
        assert!(
            challenge.starts_with(
                "Bearer realm=\"jwtctl\", error=\"invalid_token\", error_description=\""
            ),
            "{challenge}"
        );
        assert!(challenge.contains(why), "{why}: {challenge}");
        assert_eq!(r.error(), "invalid_token");
    }
}

#[test]
fn discovery_and_an_empty_jwks_with_a_secret() {
    let site = Site::new();
    let s = site.serve(&[]);
    let r = s.get("/.well-known/jwks.json", &[]);
    assert_eq!(r.status, 200);
    assert_eq!(
        r.json(),
        json!({ "keys": [] }),
        "a secret is never published"
    );
    let d = s.get("/.well-known/openid-configuration", &[]).json();
    let base = s.url();
    assert_eq!(d["issuer"], base);
    assert_eq!(d["token_endpoint"], format!("{base}/token"));
    assert_eq!(d["jwks_uri"], format!("{base}/.well-known/jwks.json"));
    assert_eq!(d["userinfo_endpoint"], format!("{base}/userinfo"));
    assert_eq!(d["introspection_endpoint"], format!("{base}/introspect"));
    assert_eq!(
        d["grant_types_supported"],
        json!(["password", "refresh_token", "client_credentials"])
    );
    assert_eq!(
        s.get("/.well-known/oauth-authorization-server", &[]).json(),
        d
    );
}

#[test]
fn an_asymmetric_key_is_published_and_found_through_discovery() {
    let site = Site::new();
    let prefix = site.dir().join("signing");
    jwtctl()
        .args(["keygen", "--alg", "ES256", "--out"])
        .arg(&prefix)
        .assert()
        .success();
    let key = site.dir().join("signing.pem");
    let s = Server::start(&site.users, None, &["--key", key.to_str().unwrap()]);
    let jwks = s.get("/.well-known/jwks.json", &[]).json();
    let keys = jwks["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0]["kty"], "EC");
    assert_eq!(keys[0]["alg"], "ES256");
    assert_eq!(keys[0]["use"], "sig");
    assert!(keys[0].get("d").is_none(), "never the private half");
    let token = access_token(&s, "bob", "builder");
    let header: Value = {
        use base64::Engine;
        serde_json::from_slice(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(token.split('.').next().unwrap())
                .unwrap(),
        )
        .unwrap()
    };
    assert_eq!(header["alg"], "ES256");
    assert_eq!(header["kid"], keys[0]["kid"]);
    assert_eq!(s.me(&token).status, 200);

    // A verifier that knows only the issuer URL finds the key like an OIDC client would.
    let cache = site.dir().join("cache");
    jwtctl()
        .env("JWTCTL_CACHE_DIR", &cache)
        .args(["verify", "--oidc", &s.url(), "--allow-http", "-q", &token])
        .assert()
        .success();
}

#[test]
fn a_signing_key_set_signs_with_the_first_key_and_accepts_the_others() {
    let site = Site::new();
    for name in ["new", "old"] {
        jwtctl()
            .args(["keygen", "--alg", "ES256", "--format", "jwk", "--out"])
            .arg(site.dir().join(name))
            .assert()
            .success();
    }
    let read = |f: &str| read_json(site.dir().join(f));
    let new = read("new.jwk");
    let old_public = read("old.pub.jwk");
    let set = site.dir().join("signing.jwks");
    write_private(&set, &json!({ "keys": [new, old_public] }).to_string());
    let s = Server::start(&site.users, None, &["--jwks", set.to_str().unwrap()]);
    let published = s.get("/.well-known/jwks.json", &[]).json();
    assert_eq!(published["keys"].as_array().unwrap().len(), 2);
    assert!(published["keys"]
        .as_array()
        .unwrap()
        .iter()
        .all(|k| k.get("d").is_none()));

    // A token from the retired key (as the previous server run issued it) is still accepted.
    let retired = stdout_of(jwtctl().args([
        "issue",
        "--key",
        site.dir().join("old.jwk").to_str().unwrap(),
        "--kid",
        "auto",
        "--sub",
        "bob",
        "--iss",
        &s.url(),
    ]));
    assert_eq!(s.me(&retired).status, 200, "{}", s.me(&retired).body);

    // A hand-made set signs with its first private key, wherever it stands; a set without
    // one cannot sign at all.
    write_private(&set, &json!({ "keys": [old_public, new] }).to_string());
    let s = Server::start(&site.users, None, &["--jwks", set.to_str().unwrap()]);
    let token = access_token(&s, "alice", "wonderland");
    let header = crate::support::server::header_of(&token);
    assert_eq!(header["kid"], new["kid"]);
    drop(s);
    write_private(&set, &json!({ "keys": [old_public] }).to_string());
    jwtctl()
        .args(["serve", "--users"])
        .arg(&site.users)
        .args(["--listen", "127.0.0.1:0", "--jwks"])
        .arg(&set)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "holds no private key that can sign",
        ));
}

#[test]
fn introspection_reports_active_access_tokens_only() {
    let site = Site::new();
    let s = site.serve(&[]);
    let login = s.login("alice", "wonderland").json();
    let access = login["access_token"].as_str().unwrap();
    let refresh = login["refresh_token"].as_str().unwrap();
    let r = s.post_form(
        "/introspect",
        &[("token", access), ("token_type_hint", "access_token")],
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.header("cache-control"), Some("no-store"));
    let body = r.json();
    assert_eq!(body["active"], true);
    assert_eq!(body["sub"], "alice");
    assert_eq!(body["username"], "alice");
    assert_eq!(body["scope"], "items:read items:write");
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["iss"], s.url());
    assert_eq!(body["exp"], claims_of(access)["exp"]);

    for inactive in [refresh, "garbage", "a.b.c"] {
        let r = s.post_form("/introspect", &[("token", inactive)]);
        assert_eq!(r.status, 200);
        assert_eq!(r.json(), json!({ "active": false }), "{inactive}");
    }
    let r = s.post_form("/introspect", &[("token_type_hint", "access_token")]);
    assert_eq!((r.status, r.error().as_str()), (400, "invalid_request"));
    assert_eq!(s.get("/introspect", &[]).status, 405);
}

#[test]
fn users_file_edits_are_picked_up_while_serving() {
    let site = Site::new();
    let s = site.serve(&[]);
    let alice_token = access_token(&s, "alice", "wonderland");
    assert_eq!(s.login("dave", "diver").status, 400);

    // Through `jwtctl users` (atomic rename: a new inode).
    jwtctl()
        .args(["users", "--users"])
        .arg(&site.users)
        .args(["add", "dave", "--scope", "items:read", "--password-stdin"])
        .write_stdin("diver\n")
        .assert()
        .success();
    let r = s.login("dave", "diver");
    assert_eq!(r.status, 200, "{}", r.body);
    site.disable("alice");
    assert_eq!(s.login("alice", "wonderland").error(), "invalid_grant");
    let r = s.me(&alice_token);
    assert_eq!(r.status, 401, "a disabled user's tokens stop working");
    assert!(r.header("www-authenticate").unwrap().contains("disabled"));
    let r = s.post_form("/introspect", &[("token", &alice_token)]);
    assert_eq!(r.json()["active"], false);

    // By hand, in place (same inode): bob's scopes change and carol is enabled.
    let edited = users_toml()
        .replace(
            "scopes = [\"items:read\"]\n\n[users.carol]",
            "scopes = [\"items:read\", \"reports\"]\n\n[users.carol]",
        )
        .replace("disabled = true", "disabled = false");
    std::fs::write(&site.users, edited).unwrap();
    assert_eq!(s.login("carol", "singer").status, 200);
    assert_eq!(
        s.login("bob", "builder").json()["scope"],
        "items:read reports"
    );
    assert_eq!(s.login("dave", "diver").status, 400, "dave is gone again");

    // A broken save keeps the last good version in service.
    std::fs::write(&site.users, "[users.bob\npassword_hash = ").unwrap();
    assert_eq!(s.login("bob", "builder").status, 200);
    s.wait_for_stderr("cannot reload");
}

#[test]
fn a_large_users_file_is_reloaded_in_the_background() {
    let site = Site::new();
    let mut text = users_toml();
    let filler = cheap_hash("filler");
    for i in 0..3000 {
        text.push_str(&format!(
            "\n[users.user{i}]\npassword_hash = \"{filler}\"\nscopes = [\"items:read\"]\n"
        ));
    }
    assert!(text.len() > 256 * 1024);
    write_private(&site.users, &text);
    let s = site.serve(&[]);
    let alice_token = access_token(&s, "alice", "wonderland");
    site.disable("alice");
    // Answered while the new version is read: from the one before, or the new one once in.
    assert!(matches!(s.me(&alice_token).status, 200 | 401));
    s.wait_for_stderr("reloaded");
    let r = s.me(&alice_token);
    assert_eq!(r.status, 401, "a disabled user's tokens stop working");
    assert_eq!(s.login("alice", "wonderland").error(), "invalid_grant");
    assert_eq!(s.login("user2999", "filler").status, 200);
}

#[test]
fn outdated_hashes_are_upgraded_on_login_when_the_file_asks() {
    let site = Site::new();
    write_private(
        &site.users,
        &format!("upgrade_hashes = true\n{}", users_toml()),
    );
    let s = site.serve(&[]);
    let bob_hash = |text: &str| {
        text.split("[users.bob]")
            .nth(1)
            .and_then(|t| t.lines().find(|l| l.starts_with("password_hash")))
            .unwrap()
            .to_string()
    };
    let before = bob_hash(&std::fs::read_to_string(&site.users).unwrap());
    assert!(before.contains("m=256,t=1"), "{before}");
    assert_eq!(s.login("bob", "builder").status, 200);
    let after = bob_hash(&std::fs::read_to_string(&site.users).unwrap());
    assert!(after.contains("m=19456,t=2,p=1"), "{after}");
    s.wait_for_stderr("upgraded the password hash of \"bob\"");
    // The server reloads its own edit and the new hash works.
    assert_eq!(s.login("bob", "builder").status, 200);
    assert_eq!(s.login("bob", "wrong").status, 400);
}

#[test]
fn repeated_failed_logins_lock_the_username_out() {
    let site = Site::new();
    let s = site.serve(&["--max-failed-logins", "3"]);
    for name in ["bob", "no-such-user"] {
        for _ in 0..3 {
            assert_eq!(s.login(name, "guess").status, 400);
        }
        // Locked now, even for the right password: the attacker cannot tell either.
        let r = s.login(name, "builder");
        assert_eq!(r.status, 429, "{name}: {}", r.body);
        assert_eq!(r.error(), "invalid_grant");
        let wait: u64 = r.header("retry-after").unwrap().parse().unwrap();
        assert!((1..=1).contains(&wait), "first lock is one second: {wait}");
        assert_eq!(r.header("cache-control"), Some("no-store"));
    }
    // Other users are not affected.
    assert_eq!(s.login("alice", "wonderland").status, 200);
}

/// A flood of made-up names fills the limiter's tables; the name under attack is still counted
/// and locked (the least recently failed records make room), never waved through.
#[test]
fn the_backoff_still_locks_a_real_user_after_the_tables_are_full() {
    let site = Site::new();
    let s = Server::start_with_env(
        &site.users,
        Some(SECRET),
        &[
            "--max-failed-logins",
            "3",
            "--max-failed-logins-per-address",
            "1000",
        ],
        &[("JWTCTL_SERVE_LIMITER_CAPACITY", "20")],
    );
    for i in 0..60 {
        assert_eq!(s.login(&format!("n{i}"), "guess").status, 400);
    }
    for _ in 0..3 {
        assert_eq!(s.login("bob", "guess").status, 400);
    }
    let r = s.login("bob", "builder");
    assert_eq!(r.status, 429, "{}", r.body);
    assert!(r.body.contains("this username"), "{}", r.body);
    // The flood's oldest names were evicted, so they start afresh.
    assert_eq!(s.login("n0", "guess").status, 400);
}

#[test]
fn one_address_has_a_budget_of_failures_across_names() {
    let site = Site::new();
    // One failure is earned back per hour here, not per second: three slow logins on a busy
    // machine must not refill the budget before the fourth.
    let s = Server::start_with_env(
        &site.users,
        Some(SECRET),
        &["--max-failed-logins-per-address", "3"],
        &[("JWTCTL_SERVE_LIMITER_REFILL_MS", "3600000")],
    );
    for name in ["n1", "n2", "n3"] {
        assert_eq!(s.login(name, "guess").status, 400);
    }
    // Spent: refused before any password is checked, whatever the name, right ones included.
    let r = s.login("bob", "builder");
    assert_eq!(r.status, 429, "{}", r.body);
    assert_eq!(r.error(), "invalid_grant");
    assert!(r.body.contains("this address"), "{}", r.body);
    // The wait is until the next failure is earned back: just under the hour.
    let wait: u64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!((3000..=3600).contains(&wait), "{wait}");
}

#[test]
fn a_form_with_too_many_fields_is_refused() {
    let site = Site::new();
    let s = site.serve(&[]);
    let mut params: Vec<(String, String)> =
        (0..40).map(|i| (format!("k{i}"), "v".into())).collect();
    params.push(("grant_type".into(), "password".into()));
    let params: Vec<(&str, &str)> = params
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    for path in ["/token", "/introspect"] {
        let r = s.post_form(path, &params);
        assert_eq!(r.status, 400, "{path}: {}", r.body);
        assert_eq!(r.error(), "invalid_request");
        assert!(r.body.contains("more than 32 parameters"), "{}", r.body);
    }
    // The largest body of distinct keys is answered like any other bad form.
    let body = (0..16_000)
        .map(|i| format!("{i:x}"))
        .collect::<Vec<_>>()
        .join("&");
    let r = request(
        &s.addr,
        "POST",
        "/token",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        &body.as_bytes()[..body.len().min(64 * 1024)],
    );
    assert_eq!(r.status, 400, "{}", r.body);
}

/// Reads until the server closes the connection; the test's own read timeout is far above
/// the server's, so this checks the close, not its timing.
fn read_until_closed(c: &mut std::net::TcpStream) -> String {
    use std::io::Read;
    c.set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .unwrap();
    let mut reply = Vec::new();
    match c.read_to_end(&mut reply) {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {}
        Err(e) => panic!("the server did not close the connection: {e}"),
    }
    String::from_utf8_lossy(&reply).into_owned()
}

#[test]
fn connections_that_send_nothing_or_half_a_head_are_closed() {
    use std::io::Write;
    let site = Site::new();
    let s = site.serve(&["--header-timeout", "1s"]);
    let mut silent = std::net::TcpStream::connect(&s.addr).unwrap();
    let mut half = std::net::TcpStream::connect(&s.addr).unwrap();
    half.write_all(b"GET /.well-known/jw").unwrap();
    assert_eq!(read_until_closed(&mut silent), "");
    let reply = read_until_closed(&mut half);
    assert!(
        reply.is_empty() || reply.starts_with("HTTP/1.1 408"),
        "{reply}"
    );
    // A kept-alive connection that sends no next request is closed too.
    let mut kept = std::net::TcpStream::connect(&s.addr).unwrap();
    kept.write_all(b"GET /.well-known/jwks.json HTTP/1.1\r\nHost: t\r\n\r\n")
        .unwrap();
    let reply = read_until_closed(&mut kept);
    assert!(reply.starts_with("HTTP/1.1 200 OK"), "{reply}");
    assert_eq!(s.get("/.well-known/jwks.json", &[]).status, 200);
}

#[test]
fn a_stalled_body_is_cut_off_after_the_idle_timeout() {
    use std::io::Write;
    let site = Site::new();
    let s = site.serve(&["--idle-timeout", "1s", "--header-timeout", "60s"]);
    let mut c = std::net::TcpStream::connect(&s.addr).unwrap();
    c.write_all(
        b"POST /token HTTP/1.1\r\nHost: t\r\nContent-Type: application/x-www-form-urlencoded\r\n\
          Content-Length: 100\r\n\r\ngrant_type=password",
    )
    .unwrap();
    let reply = read_until_closed(&mut c);
    assert!(
        reply.is_empty() || reply.starts_with("HTTP/1.1 408"),
        "{reply}"
    );
    assert_eq!(s.login("bob", "builder").status, 200);
}

#[test]
fn connections_over_the_cap_are_answered_503() {
    let site = Site::new();
    let s = site.serve(&["--max-connections", "2", "--header-timeout", "60s"]);
    let first = std::net::TcpStream::connect(&s.addr).unwrap();
    let _second = std::net::TcpStream::connect(&s.addr).unwrap();
    // Accepted in order: the third finds both slots taken.
    let mut third = std::net::TcpStream::connect(&s.addr).unwrap();
    let reply = read_until_closed(&mut third);
    assert!(reply.starts_with("HTTP/1.1 503"), "{reply}");
    assert!(reply.to_lowercase().contains("retry-after: 1"), "{reply}");
    assert!(reply.contains("too many connections"), "{reply}");
    // A slot frees when a connection closes.
    drop(first);
    let mut answered = false;
    for _ in 0..100 {
        let mut c = std::net::TcpStream::connect(&s.addr).unwrap();
        use std::io::Write;
        c.write_all(b"GET /.well-known/jwks.json HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            .unwrap();
        if read_until_closed(&mut c).starts_with("HTTP/1.1 200") {
            answered = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(answered);
}

#[test]
fn limits_are_checked_on_the_command_line() {
    let site = Site::new();
    for (flag, value) in [
        ("--header-timeout", "0s"),
        ("--idle-timeout", "2h"),
        ("--idle-timeout", "soon"),
        ("--max-connections", "0"),
        ("--max-failed-logins-per-address", "0"),
    ] {
        with_secret()
            .args(["serve", "--users"])
            .arg(&site.users)
            .args([flag, value])
            .assert()
            .code(2)
            .stderr(predicates::str::contains(flag));
    }
}

#[test]
fn listening_on_every_interface_names_the_port_bound() {
    use std::io::BufRead;
    let site = Site::new();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("jwtctl"))
        .env("JWTCTL_SECRET", SECRET)
        .env("NO_COLOR", "1")
        .args(["serve", "--users"])
        .arg(&site.users)
        .args(["--listen", "0.0.0.0:0"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _ = child.kill();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let port = line
        .trim()
        .strip_prefix("listening on http://0.0.0.0:")
        .unwrap_or_else(|| panic!("{line:?}"));
    assert_ne!(port, "0");
    assert!(
        stderr.contains(&format!(
            "listening on 0.0.0.0:{port}, reachable from other machines"
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("0.0.0.0:0"), "{stderr}");
}

#[test]
fn two_hundred_concurrent_logins_each_get_their_own_answer() {
    let site = Site::new();
    let s = site.serve(&[
        "--max-failed-logins",
        "1000",
        "--max-failed-logins-per-address",
        "1000",
    ]);
    let addr = s.addr.clone();
    let who = [
        ("alice", "wonderland", true),
        ("bob", "builder", true),
        ("carol", "singer", false),
        ("alice", "wrong", false),
        ("nobody", "builder", false),
    ];
    let handles: Vec<_> = (0..200)
        .map(|i| {
            let addr = addr.clone();
            let (user, password, ok) = who[i % who.len()];
            std::thread::spawn(move || {
                let body = crate::support::server::form(&[
                    ("grant_type", "password"),
                    ("username", user),
                    ("password", password),
                ]);
                let r = request(
                    &addr,
                    "POST",
                    "/token",
                    &[("Content-Type", "application/x-www-form-urlencoded")],
                    body.as_bytes(),
                );
                (user, ok, r)
            })
        })
        .collect();
    let mut jtis = std::collections::HashSet::new();
    let mut good = 0;
    for h in handles {
        let (user, ok, r) = h.join().unwrap();
        if ok {
            assert_eq!(r.status, 200, "{user}: {}", r.body);
            let token = r.json()["access_token"].as_str().unwrap().to_string();
            let c = claims_of(&token);
            assert_eq!(c["sub"], user, "each token is for the user who asked");
            assert!(jtis.insert(c["jti"].as_str().unwrap().to_string()));
            good += 1;
        } else {
            assert_eq!(
                (r.status, r.error().as_str()),
                (400, "invalid_grant"),
                "{user}"
            );
        }
    }
    assert_eq!(good, 80);
    // The server is still healthy and one log line was written per request.
    assert_eq!(s.login("bob", "builder").status, 200);
    let (status, stderr) = s.stop("TERM");
    assert!(status.success());
    assert_eq!(stderr.matches(" POST /token ").count(), 201);
}

#[test]
fn log_lines_carry_method_path_status_and_latency_but_no_secrets() {
    let site = Site::new();
    let s = site.serve(&[]);
    let token = access_token(&s, "alice", "wonderland");
    s.get(
        &format!("/me?access_token={token}"),
        &[("Authorization", &format!("Bearer {token}"))],
    );
    s.login("alice", "hunter2-wrong");
    let (status, log) = s.stop("TERM");
    assert!(status.success());
    for secret in ["wonderland", "hunter2", &token[..20], SECRET] {
        assert!(
            !log.contains(secret),
            "{secret:?} leaked into the log:\n{log}"
        );
    }
    let lines: Vec<&str> = log.lines().filter(|l| l.contains(" /me ")).collect();
    assert_eq!(lines.len(), 1, "{log}");
    let fields: Vec<&str> = lines[0].split(' ').collect();
    // TIME PEER METHOD PATH STATUS LATENCY USER "USER-AGENT"
    assert_eq!(&fields[1..5], ["127.0.0.1", "GET", "/me", "200"]);
    assert!(fields[5].ends_with("ms"));
    assert_eq!(&fields[6..], ["alice", "-"]);
    assert!(log.contains(" POST /token 400 "));
    assert!(log.contains(" POST /token 200 "));
}

/// Path, user agent and user name are the client's words: escaped as the CLI escapes them,
/// so a request cannot reorder, hide or fake what an operator reads in the log.
#[test]
fn logged_values_are_escaped_for_the_terminal() {
    let site = Site::new();
    let s = site.serve(&[]);
    let r = request(
        &s.addr,
        "GET",
        "/\u{202e}RLO\u{200b}",
        &[("User-Agent", "evil \"agent\" \u{202e}\\")],
        b"",
    );
    assert_eq!(r.status, 404);
    let (_, log) = s.stop("TERM");
    let line = log.lines().find(|l| l.contains("RLO")).expect("logged");
    for raw in ['\u{202e}', '\u{200b}'] {
        assert!(!line.contains(raw), "raw {raw:?} in {line:?}");
    }
    assert!(line.contains(" GET /\\u{202e}RLO\\u{200b} 404 "), "{line}");
    assert!(
        line.ends_with(" - \"evil \\u{0022}agent\\u{0022} \\u{202e}\\u{005c}\""),
        "{line}"
    );
}

#[test]
fn quiet_serves_without_request_lines() {
    let site = Site::new();
    let s = site.serve(&["--quiet"]);
    assert_eq!(s.login("bob", "builder").status, 200);
    let (status, log) = s.stop("TERM");
    assert!(status.success());
    assert!(!log.contains("POST /token"), "{log}");
}

#[test]
fn sigterm_and_sigint_shut_down_cleanly() {
    let site = Site::new();
    for signal in ["TERM", "INT"] {
        let s = site.serve(&[]);
        assert_eq!(s.login("bob", "builder").status, 200);
        let (status, log) = s.stop(signal);
        assert_eq!(status.code(), Some(0), "SIG{signal}: {log}");
        assert!(
            log.contains(&format!("SIG{signal}: shutting down")),
            "{log}"
        );
    }
}

/// A connection that has sent part of a request head: a request in flight.
fn half_sent_request(addr: &str) -> std::net::TcpStream {
    use std::io::Write;
    let mut c = std::net::TcpStream::connect(addr).unwrap();
    c.write_all(b"GET /.well-known/jwks.json HTTP/1.1\r\nHost: test\r\n")
        .unwrap();
    c
}

#[test]
fn a_request_in_flight_at_sigterm_is_answered_before_the_exit() {
    use std::io::{Read, Write};
    let site = Site::new();
    let s = site.serve(&[]);
    let mut c = half_sent_request(&s.addr);
    // Connections are accepted in order: once a later one is answered, this one is in the
    // server's hands.
    assert_eq!(s.get("/.well-known/jwks.json", &[]).status, 200);
    s.signal("TERM");
    s.wait_for_stderr("SIGTERM: shutting down");
    // The request already in flight completes.
    c.write_all(b"Connection: close\r\n\r\n").unwrap();
    let mut reply = String::new();
    c.read_to_string(&mut reply).unwrap();
    assert!(reply.starts_with("HTTP/1.1 200 OK"), "{reply}");
    let (status, log) = s.wait();
    assert_eq!(status.code(), Some(0), "{log}");
}

#[test]
fn a_second_signal_stops_without_waiting_for_requests_in_flight() {
    let site = Site::new();
    let s = site.serve(&[]);
    let _held = half_sent_request(&s.addr);
    assert_eq!(s.get("/.well-known/jwks.json", &[]).status, 200);
    s.signal("TERM");
    s.wait_for_stderr("SIGTERM: shutting down");
    s.signal("INT");
    let (status, log) = s.wait();
    assert_eq!(status.code(), Some(0), "{log}");
    assert!(log.contains("SIGINT again: stopping now"), "{log}");
}

#[test]
fn start_up_problems_are_one_line_errors_with_hints() {
    let site = Site::new();
    let serve = |users: &Path| {
        let mut c = jwtctl();
        c.args(["serve", "--users"])
            .arg(users)
            .args(["--listen", "127.0.0.1:0"]);
        c
    };
    // No secret.
    serve(&site.users)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("JWTCTL_SECRET"))
        .stderr(predicates::str::contains("hint:"));
    // No users file.
    serve(&site.dir().join("missing.toml"))
        .env("JWTCTL_SECRET", SECRET)
        .assert()
        .code(10)
        .stderr(predicates::str::contains("missing.toml"));
    // A weak secret is refused for signing.
    serve(&site.users)
        .env("JWTCTL_SECRET", "short")
        .assert()
        .code(1)
        .stderr(predicates::str::contains("--allow-weak-secret"));
    // Not an address, and a host name that is not localhost.
    for bad in ["nowhere", "example.com:80"] {
        with_secret()
            .args(["serve", "--users"])
            .arg(&site.users)
            .args(["--listen", bad])
            .assert()
            .code(2)
            .stderr(predicates::str::contains("IP:PORT"));
    }
    with_secret()
        .args(["serve", "--users"])
        .arg(&site.users)
        .args(["--issuer", "auth.example"])
        .assert()
        .code(2);
    // The port is taken.
    let s = site.serve(&[]);
    with_secret()
        .args(["serve", "--users"])
        .arg(&site.users)
        .args(["--listen", &s.addr])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("cannot listen"))
        .stderr(predicates::str::contains("127.0.0.1:0"));
}

/// The FastAPI tutorial app (tests/interop/fastapi_app.py) under uvicorn on an ephemeral port.
struct FastApi {
    child: std::process::Child,
    addr: String,
}

impl FastApi {
    fn start(py: &str, env: &[(&str, &str)]) -> FastApi {
        let app_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/interop");
        let mut child = std::process::Command::new(py)
            .args(["-m", "uvicorn", "--app-dir"])
            .arg(&app_dir)
            .args(["fastapi_app:app", "--host", "127.0.0.1", "--port", "0"])
            .envs(env.iter().copied())
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("uvicorn starts");
        let addr = wait_for_uvicorn(&mut child);
        FastApi { child, addr }
    }

    fn get(&self, path: &str, token: &str) -> crate::support::server::Reply {
        request(
            &self.addr,
            "GET",
            path,
            &[("Authorization", &format!("Bearer {token}"))],
            b"",
        )
    }
}

impl Drop for FastApi {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn interop_fastapi_tutorial_app_accepts_tokens_from_serve() {
    let Some(py) = python_with(&["fastapi", "uvicorn", "jose", "multipart", "bcrypt"]) else {
        return;
    };
    let site = Site::new();

    // HS256: the app shares the server's secret, as in the tutorial.
    let s = site.serve(&[]);
    let app = FastApi::start(
        &py,
        &[
            ("JWT_SECRET", SECRET),
            ("JWT_ISSUER", &s.url()),
            ("KNOWN_USERS", "alice,bob"),
        ],
    );
    let token = access_token(&s, "alice", "wonderland");
    for path in ["/me", "/users/me/"] {
        let r = app.get(path, &token);
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        assert_eq!(r.json()["username"], "alice");
    }
    // The signature's first character: all six of its bits count (the last one's low bits
    // may be padding, which lenient base64 decoders ignore).
    let sig_at = token.rfind('.').unwrap() + 1;
    let flipped = if &token[sig_at..=sig_at] == "A" {
        "B"
    } else {
        "A"
    };
    let tampered = format!("{}{flipped}{}", &token[..sig_at], &token[sig_at + 1..]);
    assert_eq!(app.get("/me", &tampered).status, 401);
    // The app's own tutorial login makes a token jwtctl's /me refuses: no issuer of its own.
    let own = request(
        &app.addr,
        "POST",
        "/token",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        b"username=johndoe&password=secret",
    );
    assert_eq!(own.status, 200, "{}", own.body);
    let own_token = own.json()["access_token"].as_str().unwrap().to_string();
    assert_eq!(s.me(&own_token).status, 401);
    drop(app);

    // RS256: the app knows only the server's JWKS URL.
    let prefix = site.dir().join("rsa");
    jwtctl()
        .args(["keygen", "--alg", "RS256", "--out"])
        .arg(&prefix)
        .assert()
        .success();
    let key = site.dir().join("rsa.pem");
    let s = Server::start(&site.users, None, &["--key", key.to_str().unwrap()]);
    let jwks_url = format!("{}/.well-known/jwks.json", s.url());
    let app = FastApi::start(
        &py,
        &[
            ("JWKS_URL", &jwks_url),
            ("JWT_ALGORITHM", "RS256"),
            ("JWT_ISSUER", &s.url()),
            ("KNOWN_USERS", "alice,bob"),
        ],
    );
    let token = access_token(&s, "bob", "builder");
    let r = app.get("/me", &token);
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["username"], "bob");
    // Signed by the HS256 server above: the JWKS does not vouch for it.
    assert_eq!(app.get("/me", &own_token).status, 401);
}
