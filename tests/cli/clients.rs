//! OAuth2 clients: `jwtctl users client …` and serve's `client_credentials` grant (RFC 6749
//! §4.4), with client authentication by HTTP Basic or in the body (§2.3.1) and the §5.2 errors.

use std::path::PathBuf;

use serde_json::json;

use crate::serve::{cheap_hash, write_private};
use crate::support::server::{claims_of, request, Reply, Server};
use crate::support::*;

/// A secret with characters that form-urlencoding changes (§2.3.1).
const ODD_SECRET: &str = "p@ss:w+rd %/é";

/// alice (a user); clients job (two scopes, a claim, an unknown field), odd (a secret that
/// needs encoding), off (disabled).
fn site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempdir();
    let users = dir.path().join("users.toml");
    let text = format!(
        r#"[users.alice]
password_hash = "{alice}"
scopes = ["items:read"]

[clients.job]
secret_hash = "{job}"
scopes = ["invoices:read", "invoices:write"]
claims = {{ tenant = "acme" }}
owner = "billing team"

[clients.odd]
secret_hash = "{odd}"
ttl = "5m"

[clients.off]
secret_hash = "{job}"
disabled = true
"#,
        alice = cheap_hash("wonderland"),
        job = cheap_hash("job-secret"),
        odd = cheap_hash(ODD_SECRET),
    );
    write_private(&users, &text);
    (dir, users)
}

fn basic(id: &str, secret: &str) -> String {
    let enc = |s: &str| form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    format!("Basic {}", b64_std(format!("{}:{}", enc(id), enc(secret))))
}

fn b64_std(text: String) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(text)
}

fn token_request(s: &Server, authorization: Option<&str>, params: &[(&str, &str)]) -> Reply {
    let mut headers = vec![("Content-Type", "application/x-www-form-urlencoded")];
    if let Some(a) = authorization {
        headers.push(("Authorization", a));
    }
    let body = crate::support::server::form(params);
    request(&s.addr, "POST", "/token", &headers, body.as_bytes())
}

fn grant(s: &Server, id: &str, secret: &str) -> Reply {
    token_request(
        s,
        Some(&basic(id, secret)),
        &[("grant_type", "client_credentials")],
    )
}

#[test]
fn basic_authentication_gets_a_client_token_without_refresh_token() {
    let (_dir, users) = site();
    let s = Server::start(&users, Some(SECRET), &["--aud", "api"]);
    let r = grant(&s, "job", "job-secret");
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.header("cache-control"), Some("no-store"));
    let body = r.json();
    assert_eq!(body["token_type"], "bearer");
    assert_eq!(body["expires_in"], 1800);
    assert_eq!(body["scope"], "invoices:read invoices:write");
    assert!(body.get("refresh_token").is_none(), "{body}");
    let token = body["access_token"].as_str().unwrap();
    let c = claims_of(token);
    assert_eq!(c["sub"], "job");
    assert_eq!(c["client_id"], "job");
    assert_eq!(c["scope"], "invoices:read invoices:write");
    assert_eq!(c["tenant"], "acme");
    assert_eq!(c["aud"], "api");
    assert_eq!(c["iss"], s.url());
    assert!(c["jti"].is_string());
    assert_eq!(
        c["exp"].as_i64().unwrap() - c["iat"].as_i64().unwrap(),
        1800
    );
    assert!(c.get("owner").is_none(), "unknown fields stay in the file");
    // An independent check of the signature and claims.
    with_secret()
        .args(["verify", "--iss", &s.url(), "--aud", "api"])
        .args(["--scope", "invoices:read", token])
        .assert()
        .success();
    // The log names the client the request acted for, never its secret.
    s.wait_for_stderr(" POST /token 200 ");
    assert!(s.stderr().contains(" job "), "{}", s.stderr());
    assert!(!s.stderr().contains("job-secret"));
}

#[test]
fn body_authentication_works_and_both_ways_at_once_is_invalid_request() {
    let (_dir, users) = site();
    let s = Server::start(&users, Some(SECRET), &[]);
    let params = [
        ("grant_type", "client_credentials"),
        ("client_id", "job"),
        ("client_secret", "job-secret"),
    ];
    let r = token_request(&s, None, &params);
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        claims_of(r.json()["access_token"].as_str().unwrap())["sub"],
        "job"
    );

    let r = token_request(&s, Some(&basic("job", "job-secret")), &params);
    assert_eq!(r.status, 400, "{}", r.body);
    assert_eq!(r.error(), "invalid_request");
    assert!(r.json()["error_description"]
        .as_str()
        .unwrap()
        .contains("not both"));
}

#[test]
fn basic_credentials_are_form_urlencoded_first() {
    let (_dir, users) = site();
    let s = Server::start(&users, Some(SECRET), &[]);
    let r = grant(&s, "odd", ODD_SECRET);
    assert_eq!(r.status, 200, "{}", r.body);
    // Its own ttl, not serve's 30m.
    assert_eq!(r.json()["expires_in"], 300);
    let c = claims_of(r.json()["access_token"].as_str().unwrap());
    assert_eq!(c["exp"].as_i64().unwrap() - c["iat"].as_i64().unwrap(), 300);
    // Not encoded: "+" reads as a space, so the secret does not match.
    let raw = format!("Basic {}", b64_std(format!("odd:{ODD_SECRET}")));
    let r = token_request(&s, Some(&raw), &[("grant_type", "client_credentials")]);
    assert_eq!(r.status, 401, "{}", r.body);
    // Not base64 of id:secret at all.
    let r = token_request(
        &s,
        Some("Basic !!!"),
        &[("grant_type", "client_credentials")],
    );
    assert_eq!(r.status, 401);
    assert_eq!(r.error(), "invalid_client");
    assert_eq!(r.header("www-authenticate"), Some("Basic realm=\"jwtctl\""));
}

#[test]
fn unknown_wrong_and_disabled_clients_get_the_same_401() {
    let (_dir, users) = site();
    let s = Server::start(&users, Some(SECRET), &[]);
    let cases = [
        ("nobody", "job-secret"),
        ("job", "wrong"),
        ("off", "job-secret"),
        // A user is not a client, whatever its password.
        ("alice", "wonderland"),
    ];
    for (id, secret) in cases {
        let r = grant(&s, id, secret);
        assert_eq!(r.status, 401, "{id}: {}", r.body);
        assert_eq!(r.error(), "invalid_client", "{id}");
        assert_eq!(
            r.json()["error_description"],
            "invalid client id or secret",
            "{id}"
        );
        assert_eq!(
            r.header("www-authenticate"),
            Some("Basic realm=\"jwtctl\""),
            "{id}: Basic was used, so the answer challenges it (RFC 6749 §5.2)"
        );
    }
    // In the body: 401 as well, without a Basic challenge.
    let r = token_request(
        &s,
        None,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", "job"),
            ("client_secret", "wrong"),
        ],
    );
    assert_eq!(r.status, 401);
    assert_eq!(r.error(), "invalid_client");
    assert_eq!(r.header("www-authenticate"), None);
    // No credentials at all: 401 with a challenge.
    let r = token_request(&s, None, &[("grant_type", "client_credentials")]);
    assert_eq!(r.status, 401);
    assert_eq!(r.error(), "invalid_client");
    assert_eq!(r.header("www-authenticate"), Some("Basic realm=\"jwtctl\""));
    // A client id without a secret.
    let r = token_request(
        &s,
        None,
        &[("grant_type", "client_credentials"), ("client_id", "job")],
    );
    assert_eq!(r.status, 401);
    assert_eq!(r.error(), "invalid_client");
    // A client is not a user of the password grant.
    assert_eq!(s.login("job", "job-secret").status, 400);
}

#[test]
fn scope_narrows_to_the_clients_scopes_and_cannot_widen() {
    let (_dir, users) = site();
    let s = Server::start(&users, Some(SECRET), &[]);
    let with_scope = |scope: &str| {
        token_request(
            &s,
            Some(&basic("job", "job-secret")),
            &[("grant_type", "client_credentials"), ("scope", scope)],
        )
    };
    let r = with_scope("invoices:read");
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["scope"], "invoices:read");
    assert_eq!(
        claims_of(r.json()["access_token"].as_str().unwrap())["scope"],
        "invoices:read"
    );
    let r = with_scope("invoices:read admin");
    assert_eq!(r.status, 400);
    assert_eq!(r.error(), "invalid_scope");
    assert!(r.json()["error_description"]
        .as_str()
        .unwrap()
        .contains("admin"));
}

#[test]
fn failed_client_logins_lock_the_client_name_out() {
    let (_dir, users) = site();
    let s = Server::start(&users, Some(SECRET), &["--max-failed-logins", "2"]);
    for _ in 0..2 {
        assert_eq!(grant(&s, "job", "guess").status, 401);
    }
    // Locked now, even with the right secret.
    let r = grant(&s, "job", "job-secret");
    assert_eq!(r.status, 429, "{}", r.body);
    assert_eq!(r.error(), "invalid_client");
    assert!(r.header("retry-after").is_some());
    assert!(r.json()["error_description"]
        .as_str()
        .unwrap()
        .contains("this client"));
    // Another client and a user are not affected.
    assert_eq!(grant(&s, "odd", ODD_SECRET).status, 200);
    assert_eq!(s.login("alice", "wonderland").status, 200);
}

#[test]
fn discovery_lists_the_grant_and_the_client_authentication_methods() {
    let (_dir, users) = site();
    let s = Server::start(&users, Some(SECRET), &[]);
    let d = s.get("/.well-known/openid-configuration", &[]).json();
    assert_eq!(
        d["grant_types_supported"],
        json!(["password", "refresh_token", "client_credentials"])
    );
    assert_eq!(
        d["token_endpoint_auth_methods_supported"],
        json!(["none", "client_secret_basic", "client_secret_post"])
    );
    let r = token_request(&s, None, &[("grant_type", "authorization_code")]);
    assert_eq!(r.error(), "unsupported_grant_type");
    assert!(r.body.contains("client_credentials"), "{}", r.body);
}

#[test]
fn introspection_reports_client_tokens_and_me_refuses_them() {
    let (_dir, users) = site();
    let s = Server::start(&users, Some(SECRET), &[]);
    let token = grant(&s, "job", "job-secret").json()["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    let r = s.post_form("/introspect", &[("token", &token)]).json();
    assert_eq!(r["active"], true, "{r}");
    assert_eq!(r["client_id"], "job");
    assert_eq!(r["sub"], "job");
    assert!(r.get("username").is_none(), "a client is no user: {r}");
    // /me is the user's endpoint.
    assert_eq!(s.me(&token).status, 401);
    // The client disabled while serving: its tokens go inactive.
    let text = std::fs::read_to_string(&users).unwrap().replace(
        "owner = \"billing team\"",
        "owner = \"billing team\"\ndisabled = true",
    );
    write_private(&users, &text);
    // Each request looks at the file first, so this one already sees the edit.
    let r = s.post_form("/introspect", &[("token", &token)]).json();
    assert_eq!(r, json!({ "active": false }));
}

#[test]
fn a_name_that_is_both_user_and_client_is_refused() {
    let (_dir, users) = site();
    let text = std::fs::read_to_string(&users).unwrap();
    write_private(
        &users,
        &format!(
            "{text}\n[clients.alice]\nsecret_hash = \"{}\"\n",
            cheap_hash("x")
        ),
    );
    with_secret()
        .args(["serve", "--listen", "127.0.0.1:0", "--users"])
        .arg(&users)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicates::str::contains(
            "\"alice\" is both a user and a client",
        ))
        .stderr(predicates::str::contains("hint: "));
    jwtctl()
        .args(["users", "list", "--users"])
        .arg(&users)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("both a user and a client"));
}

#[test]
fn a_malformed_clients_section_names_the_line() {
    let dir = tempdir();
    let users = dir.path().join("users.toml");
    write_private(&users, "[clients.job]\nsecret_hash = \"x\"\nscopes = 3\n");
    jwtctl()
        .args(["users", "client", "list", "--users"])
        .arg(&users)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("(line 3, column"))
        .stderr(predicates::str::contains(
            "scopes of client \"job\" must be a list of strings",
        ))
        .stderr(predicates::str::contains("hint: fix the file by hand"));
}

fn users_cmd(users: &std::path::Path) -> assert_cmd::Command {
    let mut c = jwtctl();
    c.arg("--users").arg(users).args(["users", "client"]);
    c
}

#[test]
fn client_add_generates_a_secret_once_and_stores_only_its_hash() {
    let dir = tempdir();
    let users = dir.path().join("users.toml");
    let out = users_cmd(&users)
        .args(["add", "billing", "--scope", "invoices:read invoices:write"])
        .args(["--claim", "tenant=acme"])
        .assert()
        .success()
        .stderr(predicates::str::contains("added client \"billing\""))
        .stderr(predicates::str::contains("shown this once"))
        .get_output()
        .stdout
        .clone();
    let secret = String::from_utf8(out).unwrap().trim().to_string();
    assert_eq!(secret.len(), 43, "256 bits, base64url: {secret}");
    assert!(secret
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    let text = std::fs::read_to_string(&users).unwrap();
    assert!(text.contains("[clients.billing]"), "{text}");
    assert!(text.contains("secret_hash = \"$argon2id$"), "{text}");
    assert!(!text.contains(&secret));

    // The secret works at /token.
    let s = Server::start(&users, Some(SECRET), &[]);
    let r = grant(&s, "billing", &secret);
    assert_eq!(r.status, 200, "{}", r.body);
    let c = claims_of(r.json()["access_token"].as_str().unwrap());
    assert_eq!(c["tenant"], "acme");
    assert_eq!(c["scope"], "invoices:read invoices:write");

    // --secret-stdin: nothing on stdout.
    users_cmd(&users)
        .args([
            "add",
            "reports",
            "--secret-stdin",
            "--disabled",
            "--ttl",
            "5m",
        ])
        .write_stdin("chosen-secret\n")
        .assert()
        .success()
        .stdout("");
    users_cmd(&users)
        .args(["list"])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "billing  enabled   argon2id  -   invoices:read invoices:write",
        ))
        .stdout(predicates::str::contains("reports  disabled  argon2id  5m"));
    let list: serde_json::Value = serde_json::from_str(&stdout_of(
        users_cmd(&users).args(["list", "--output", "json"]),
    ))
    .unwrap();
    crate::contract::assert_valid(&crate::contract::schema(), &list);
    assert_eq!(list["kind"], "clients");
    assert_eq!(list["clients"][0]["name"], "billing");
    assert_eq!(list["clients"][1]["disabled"], true);
    assert_eq!(list["clients"][1]["ttl"], 300);
    assert_eq!(list["clients"][0]["ttl"], json!(null));
    assert!(std::fs::read_to_string(&users)
        .unwrap()
        .contains("ttl = \"5m\""));
    users_cmd(&users)
        .args(["add", "x", "--ttl", "0s"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--ttl"));
    // Users are not clients and clients are not users.
    jwtctl()
        .arg("--users")
        .arg(&users)
        .args(["users", "list"])
        .assert()
        .success()
        .stderr(predicates::str::contains("no users"));
}

#[test]
fn client_edits_refuse_taken_names_and_keep_unknown_fields() {
    let (_dir, users) = site();
    users_cmd(&users)
        .args(["add", "job"])
        .assert()
        .code(9)
        .stdout("")
        .stderr(predicates::str::contains("client \"job\" already exists"))
        .stderr(predicates::str::contains("hint: "));
    users_cmd(&users)
        .args(["add", "alice"])
        .assert()
        .code(9)
        .stdout("")
        .stderr(predicates::str::contains("\"alice\" is already a user"));
    jwtctl()
        .arg("--users")
        .arg(&users)
        .args(["users", "add", "job", "--password-stdin"])
        .write_stdin("pw\n")
        .assert()
        .code(9)
        .stderr(predicates::str::contains("\"job\" is already a client"));
    users_cmd(&users)
        .args(["add", "x", "--claim", "client_id=y"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("client_id"));
    users_cmd(&users)
        .args(["remove", "nobody"])
        .assert()
        .code(8)
        .stderr(predicates::str::contains("no client \"nobody\""))
        .stderr(predicates::str::contains("users client list"));
    let before = std::fs::read_to_string(&users).unwrap();
    users_cmd(&users).args(["remove", "off"]).assert().success();
    let after = std::fs::read_to_string(&users).unwrap();
    assert!(!after.contains("[clients.off]"));
    assert!(after.contains("owner = \"billing team\""), "{after}");
    let kept = before[..before.find("[clients.off]").unwrap()].trim_end();
    assert!(
        after.starts_with(kept),
        "only the removed table changed:\n{after}"
    );

    // JSON files: the same, with the unknown field kept.
    let json_users = users.with_file_name("users.json");
    std::fs::write(
        &json_users,
        json!({ "users": {}, "clients": { "a": { "secret_hash": cheap_hash("s"), "note": 1 } } })
            .to_string(),
    )
    .unwrap();
    users_cmd(&json_users)
        .args(["add", "b", "--secret-stdin", "--scope", "x"])
        .write_stdin("s2\n")
        .assert()
        .success();
    let v = read_json(&json_users);
    assert_eq!(v["clients"]["a"]["note"], 1);
    assert_eq!(v["clients"]["b"]["scopes"], json!(["x"]));
}

#[test]
fn interop_requests_oauthlib_backend_client_and_pyjwt() {
    let Some(py) = python_with(&["requests_oauthlib", "jwt"]) else {
        return;
    };
    let (_dir, users) = site();
    let s = Server::start(&users, Some(SECRET), &[]);
    // A real OAuth2 client library: BackendApplicationClient is the client_credentials grant;
    // requests sends the id and secret by HTTP Basic. PyJWT then checks the token.
    let script = r#"
import sys, jwt
from oauthlib.oauth2 import BackendApplicationClient
from requests.auth import HTTPBasicAuth
from requests_oauthlib import OAuth2Session
url, secret = sys.argv[1], sys.argv[2]
session = OAuth2Session(client=BackendApplicationClient(client_id="job"))
token = session.fetch_token(token_url=url + "/token", auth=HTTPBasicAuth("job", "job-secret"),
                            scope=["invoices:read"])
claims = jwt.decode(token["access_token"], secret, algorithms=["HS256"], issuer=url,
                    options={"require": ["exp", "iat", "sub", "jti"]})
print(claims["sub"], claims["client_id"], claims["scope"], "refresh_token" in token)
"#;
    let out = std::process::Command::new(&py)
        .args(["-c", script, &s.url(), SECRET])
        .env("OAUTHLIB_INSECURE_TRANSPORT", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "job job invoices:read False"
    );
}

/// `verify --check-user` judges a client's token by its client, as it judges a user's token by
/// its user: there and enabled.
#[test]
fn check_user_accepts_an_enabled_clients_token_and_refuses_a_disabled_one() {
    let (_dir, users) = site();
    let verify = |sub: &str| {
        let token = stdout_of(with_secret().args(["issue", "--sub", sub]));
        with_secret()
            .args(["verify", "--check-user", "--users"])
            .arg(&users)
            .arg(token)
            .assert()
    };
    verify("job").success();
    verify("alice").success();
    verify("off")
        .code(6)
        .stdout(predicates::str::contains("client \"off\" is disabled in"));
    verify("nobody").code(6).stdout(predicates::str::contains(
        "sub \"nobody\" is not a user or a client in",
    ));
}
