//! `jwtctl ui` and the page's API against the real binary: the command, the security rules
//! (Host, Origin, content type, sizes, headers, secrets never echoed or logged), answers equal
//! to `jwtctl verify --output json`, the page under `serve`; `browser` drives it in Chromium.

mod browser;
mod webdriver;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

use predicates::prelude::*;
use serde_json::{json, Value};

use crate::support::server::{request, Reply, Server};
use crate::support::*;

/// A running `jwtctl ui` on a free loopback port, killed when dropped.
pub struct Ui {
    child: Child,
    /// `127.0.0.1:PORT`
    pub addr: String,
    /// The URL printed on stdout.
    pub url: String,
    stderr: Arc<Mutex<String>>,
}

impl Ui {
    pub fn start(envs: &[(&str, &str)], args: &[&str]) -> Ui {
        let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("jwtctl"));
        cmd.env_remove("JWTCTL_SECRET")
            .env_remove("BROWSER")
            .env("NO_COLOR", "1")
            .args(["ui", "--listen", "127.0.0.1:0"])
            .args(args)
            .envs(envs.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("jwtctl ui starts");
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = stderr.clone();
        let pipe = child.stderr.take().expect("stderr piped");
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines() {
                let Ok(line) = line else { break };
                let mut s = sink.lock().unwrap();
                s.push_str(&line);
                s.push('\n');
            }
        });
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout piped"))
            .read_line(&mut line)
            .expect("read stdout");
        let url = line.trim().to_string();
        let Some(addr) = url
            .strip_prefix("http://")
            .and_then(|r| r.strip_suffix("/ui/"))
        else {
            let _ = child.kill();
            panic!(
                "ui printed {line:?}, not its URL; stderr:\n{}",
                stderr.lock().unwrap()
            );
        };
        Ui {
            addr: addr.to_string(),
            url: url.clone(),
            child,
            stderr,
        }
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Waits until stderr shows `text` (read by a thread, so it may lag the event): at most 30 s.
    pub fn wait_for_stderr(&self, text: &str) {
        for _ in 0..600 {
            if self.stderr().contains(text) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("{text:?} never appeared on stderr:\n{}", self.stderr());
    }

    pub fn get(&self, path: &str, headers: &[(&str, &str)]) -> Reply {
        request(&self.addr, "GET", path, headers, b"")
    }

    /// A POST as the page makes it: JSON, from the page's own origin.
    pub fn api(&self, path: &str, body: &Value) -> Reply {
        let origin = format!("http://{}", self.addr);
        request(
            &self.addr,
            "POST",
            &format!("/ui/api/{path}"),
            &[("Content-Type", "application/json"), ("Origin", &origin)],
            body.to_string().as_bytes(),
        )
    }
}

impl Drop for Ui {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A token for alice from `jwtctl issue`, with `SECRET`, as of `at` (Unix seconds) when given.
fn token(extra: &[&str]) -> String {
    stdout_of(with_secret().args(["issue", "--sub", "alice"]).args(extra))
}

/// What `jwtctl verify --output json` says of `token` with `flags`, as the API's fields.
fn cli_verdict(token: &str, flags: &[&str]) -> Value {
    let out = jwtctl()
        .args(["verify", "--output", "json"])
        .args(flags)
        .arg(token)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).expect("verify prints JSON");
    assert_eq!(v["exit_code"], json!(out.status.code().unwrap()));
    v
}

fn verdict_fields(v: &Value) -> Value {
    json!({
        "valid": v["valid"],
        "exit_code": v["exit_code"],
        "checks": v["failures"].as_array().unwrap().iter().map(|f| f["check"].clone()).collect::<Vec<_>>(),
        "messages": v["failures"].as_array().unwrap().iter().map(|f| f["message"].clone()).collect::<Vec<_>>(),
        "payload": v["payload"],
    })
}

#[test]
fn ui_prints_its_url_and_serves_the_page_with_strict_headers() {
    let ui = Ui::start(&[], &[]);
    assert!(ui.url.starts_with("http://127.0.0.1:"), "{}", ui.url);
    let page = ui.get("/ui/", &[]);
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let csp = page.header("content-security-policy").expect("a CSP");
    for rule in [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "form-action 'none'",
    ] {
        assert!(csp.contains(rule), "CSP lacks {rule}: {csp}");
    }
    assert!(!csp.contains("unsafe"), "{csp}");
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(page.header("x-frame-options"), Some("DENY"));
    assert_eq!(page.header("cache-control"), Some("no-store"));
    // Everything comes from this server: no inline script or style, nothing fetched elsewhere.
    assert!(page
        .body
        .contains(r#"<script src="app.js" defer></script>"#));
    assert_eq!(page.body.matches("<script").count(), 1);
    assert!(!page.body.contains("style="), "inline style");
    assert!(!page.body.contains("<style"), "inline style");
    for attr in ["src=\"", "href=\""] {
        for value in page.body.split(attr).skip(1) {
            let url = value.split('"').next().unwrap();
            assert!(
                url == "data:," || !url.contains(':'),
                "the page loads {url}"
            );
        }
    }
    for (path, ct) in [
        ("/ui/app.js", "text/javascript; charset=utf-8"),
        ("/ui/app.css", "text/css; charset=utf-8"),
    ] {
        let r = ui.get(path, &[]);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type"), Some(ct), "{path}");
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        assert!(
            !r.body.contains("http://") && !r.body.contains("https://"),
            "{path} reaches out"
        );
    }
    assert!(
        !ui.get("/ui/app.js", &[]).body.contains("innerHTML"),
        "token text as HTML"
    );
    let root = ui.get("/", &[]);
    assert_eq!(root.status, 307);
    assert_eq!(root.header("location"), Some("/ui/"));
    assert_eq!(ui.get("/ui", &[]).header("location"), Some("/ui/"));
    assert_eq!(ui.get("/nothing", &[]).status, 404);
    ui.wait_for_stderr("stay on this machine");
}

#[test]
fn ui_listens_on_loopback_only() {
    jwtctl()
        .args(["ui", "--listen", "0.0.0.0:0"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains("jwtctl: --listen 0.0.0.0:0: the page takes tokens and secrets, so it only listens on loopback")
                .and(predicate::str::contains("hint: use 127.0.0.1:PORT")),
        );
    jwtctl()
        .args(["ui", "--listen", "nowhere"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not an address to listen on"));
}

#[test]
fn ui_open_starts_browser_and_survives_a_missing_one() {
    let dir = tempdir();
    let seen = dir.path().join("opened");
    // Run by sh, not executed: a script just written can be busy for exec while another
    // test's child still holds it open.
    let script = dir.path().join("browser.sh");
    std::fs::write(
        &script,
        format!("#!/bin/sh\necho \"$1\" > '{}'\n", seen.display()),
    )
    .unwrap();
    let browser = format!("sh {}", script.display());
    let ui = Ui::start(&[("BROWSER", &browser)], &["--open"]);
    let mut opened = String::new();
    for _ in 0..600 {
        opened = std::fs::read_to_string(&seen).unwrap_or_default();
        if !opened.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(opened.trim(), ui.url);

    let ui = Ui::start(&[("BROWSER", "/nonexistent/browser")], &["--open"]);
    assert_eq!(ui.get("/ui/", &[]).status, 200, "still serving");
    ui.wait_for_stderr("cannot open a browser (/nonexistent/browser: ");
}

#[test]
fn api_answers_only_its_own_page() {
    let ui = Ui::start(&[], &[]);
    let port = ui.addr.rsplit(':').next().unwrap().to_string();
    let body = json!({"input": token(&[])}).to_string();
    let post = |headers: &[(&str, &str)]| {
        request(
            &ui.addr,
            "POST",
            "/ui/api/inspect",
            headers,
            body.as_bytes(),
        )
    };
    let own = format!("http://{}", ui.addr);
    let json = ("Content-Type", "application/json");
    assert_eq!(post(&[json, ("Origin", &own)]).status, 200);
    let localhost = format!("localhost:{port}");
    let local_origin = format!("http://{localhost}");
    assert_eq!(
        post(&[json, ("Host", &localhost), ("Origin", &local_origin)]).status,
        200,
        "localhost names the same server"
    );

    // DNS rebinding: a page of evil.example whose name now resolves to 127.0.0.1.
    let evil_host = format!("evil.example:{port}");
    let evil_origin = format!("http://{evil_host}");
    for r in [
        post(&[json, ("Host", &evil_host), ("Origin", &evil_origin)]),
        ui.get("/ui/", &[("Host", &evil_host)]),
        ui.get("/ui/app.js", &[("Host", &evil_host)]),
    ] {
        assert_eq!(r.status, 403, "{r:?}");
        assert!(r.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Host header names another"));
        assert!(r.header("content-security-policy").is_some());
    }
    // Cross-site requests: another origin, none, a browser saying so, a form's content type.
    let other_port = format!(
        "http://127.0.0.1:{}",
        port.parse::<u16>().unwrap().wrapping_add(1)
    );
    for headers in [
        vec![json, ("Origin", "http://evil.example")],
        vec![json, ("Origin", other_port.as_str())],
        vec![json, ("Origin", "null")],
        vec![json],
        vec![
            json,
            ("Origin", own.as_str()),
            ("Sec-Fetch-Site", "cross-site"),
        ],
    ] {
        let r = post(&headers);
        assert_eq!(r.status, 403, "{headers:?}");
        assert!(r.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("another origin"));
    }
    let r = post(&[("Content-Type", "text/plain"), ("Origin", &own)]);
    assert_eq!(r.status, 415);
    assert!(r.body.contains("application/json"));
    // No CORS: a preflight gets no Access-Control-Allow-Origin.
    let pre = request(
        &ui.addr,
        "OPTIONS",
        "/ui/api/inspect",
        &[
            ("Origin", "http://evil.example"),
            ("Access-Control-Request-Method", "POST"),
        ],
        b"",
    );
    assert!(pre.status >= 400, "{pre:?}");
    assert!(pre.header("access-control-allow-origin").is_none());
}

#[test]
fn api_bounds_request_sizes() {
    let ui = Ui::start(&[], &[]);
    let big = json!({"input": "x".repeat(300 * 1024)});
    let r = ui.api("inspect", &big);
    assert_eq!(r.status, 413, "{r:?}");
    // A token over the parser's own limit, inside the body limit: a malformed-token answer.
    let long = json!({"input": format!("eyJ{}", "A".repeat(200 * 1024))});
    let r = ui.api("inspect", &long);
    assert_eq!(r.status, 422);
    assert_eq!(r.json()["error"]["exit_code"], 3);
    let r = ui.api("inspect", &json!({"input": "x", "extra": 1}));
    assert_eq!(r.status, 400);
}

#[test]
fn secrets_are_never_echoed_or_logged() {
    let ui = Ui::start(&[], &[]);
    let tok = token(&[]);
    let marker = "Zq9-unique-secret-marker-0123456789abcdef";
    let cases = [
        json!({"input": tok, "key": SECRET}),
        json!({"input": tok, "key": marker}),
        json!({"input": tok, "key": format!("{marker}!!"), "key_base64": true}),
        json!({"input": tok, "key": format!("{{\"kty\":\"oct\",\"k\":\"{marker}\"")}),
        json!({"input": tok, "key": marker, "leeway": "bad"}),
    ];
    for body in &cases {
        let r = ui.api("verify", body);
        assert!(
            !r.body.contains(marker) && !r.body.contains(SECRET),
            "{}",
            r.body
        );
        assert!(!r.body.contains("Zq9"), "a piece of the secret: {}", r.body);
    }
    let r = ui.api(
        "sign",
        &json!({"header": "{\"alg\":\"HS256\"}", "payload": "{}", "key": marker}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(!r.body.contains(marker));
    ui.wait_for_stderr("POST /ui/api/sign 200");
    let log = ui.stderr();
    assert!(
        !log.contains(marker) && !log.contains(SECRET) && !log.contains(&tok),
        "{log}"
    );
    // The log names each request by method, path and status.
    assert!(log.contains("POST /ui/api/verify 200"), "{log}");
    assert!(log.contains("POST /ui/api/verify 422"), "{log}");
}

#[test]
fn inspect_finds_the_token_and_says_what_decode_and_lint_say() {
    let ui = Ui::start(&[], &[]);
    let tok = token(&[
        "--aud",
        "api",
        "--at",
        "2026-01-01T00:00:00Z",
        "--ttl",
        "2d",
    ]);
    let refresh = token(&["--refresh"]);
    let response = json!({"access_token": tok, "token_type": "bearer", "refresh_token": refresh});
    let r = ui.api("inspect", &json!({"input": response.to_string()}));
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    assert_eq!(v["source"], "access_token of a token response");
    assert_eq!(v["token"], json!(tok));
    let parts: Vec<&str> = tok.split('.').collect();
    assert_eq!(v["parts"], json!(parts));
    assert_eq!(v["others"][0][0], "refresh_token");
    assert_eq!(v["header"], json!({"alg": "HS256", "typ": "JWT"}));
    assert_eq!(v["payload"]["aud"], "api");
    assert_eq!(v["times"]["exp"]["utc"], "2026-01-03T00:00:00Z");
    assert_eq!(v["signature_verified"], false);
    // decode --output json says the same of the token (times are judged as of now in both).
    let decoded: Value = serde_json::from_str(&stdout_of(
        jwtctl().args(["decode", "--output", "json"]).arg(&tok),
    ))
    .unwrap();
    for field in ["header", "payload", "is_jwt", "warnings"] {
        assert_eq!(v[field], decoded[field], "{field}");
    }
    let ids: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"long-lifetime") && ids.contains(&"expired"),
        "{ids:?}"
    );

    let header_line = format!("GET /me HTTP/1.1\r\nAuthorization: Bearer {tok}\r\n");
    let v = ui.api("inspect", &json!({"input": header_line})).json();
    assert_eq!(v["source"], "an Authorization header");
    assert_eq!(v["token"], json!(tok));

    // A token signed with a tutorial's secret: lint's guess shows before any key is given.
    let weak = stdout_of(jwtctl().env("JWTCTL_SECRET", "your-256-bit-secret").args([
        "issue",
        "--sub",
        "bob",
        "--allow-weak-secret",
    ]));
    let v = ui.api("inspect", &json!({"input": weak})).json();
    assert_eq!(v["findings"][0]["id"], "secret-guessed");

    let r = ui.api("inspect", &json!({"input": "not a token"}));
    assert_eq!(r.status, 422);
    let e = &r.json()["error"];
    assert_eq!(e["exit_code"], 3);
    assert_eq!(
        e["meaning"],
        "malformed token (or a JWS that is not a JWT, without --jws)"
    );
    assert!(e["hint"].is_string());
}

#[test]
fn verify_gives_the_verdict_of_jwtctl_verify() {
    let ui = Ui::start(&[], &[]);
    let at = "2026-06-01T00:00:00Z";
    let tok = token(&["--aud", "api", "--iss", "https://auth.example", "--at", at]);
    let later = "2026-06-01T01:00:00Z";
    let secret_file = tempdir();
    let wrong = "a-wrong-secret-of-thirty-two-bytes!!";
    // Each form and the flags that say the same (besides the key).
    let cases: Vec<(Value, Vec<&str>)> = vec![
        (
            json!({"key": SECRET, "at": at, "aud": "api"}),
            vec!["--at", at, "--aud", "api"],
        ),
        (
            json!({"key": format!("{SECRET}\n"), "at": at, "aud": "api"}),
            vec!["--at", at, "--aud", "api"],
        ),
        (
            json!({"key": wrong, "at": at, "aud": "api"}),
            vec!["--at", at, "--aud", "api"],
        ),
        (
            json!({"key": SECRET, "at": later, "aud": "api"}),
            vec!["--at", later, "--aud", "api"],
        ),
        (
            json!({"key": SECRET, "at": later, "leeway": "2h", "aud": "api"}),
            vec!["--at", later, "--leeway", "2h", "--aud", "api"],
        ),
        (
            json!({"key": SECRET, "at": at, "aud": "other web"}),
            vec!["--at", at, "--aud", "other", "--aud", "web"],
        ),
        (json!({"key": SECRET, "at": at}), vec!["--at", at]),
        (
            json!({"key": SECRET, "at": at, "ignore_aud": true}),
            vec!["--at", at, "--ignore-aud"],
        ),
        (
            json!({"key": SECRET, "at": at, "aud": "api", "iss": "https://evil.example", "alg": "HS384"}),
            vec![
                "--at",
                at,
                "--aud",
                "api",
                "--iss",
                "https://evil.example",
                "--alg",
                "HS384",
            ],
        ),
        (
            json!({"key": SECRET, "at": at, "aud": "api", "sub": "bob", "scope": "items:read", "require": "jti, nbf"}),
            vec![
                "--at",
                at,
                "--aud",
                "api",
                "--sub",
                "bob",
                "--scope",
                "items:read",
                "--require",
                "jti",
                "--require",
                "nbf",
            ],
        ),
        (
            json!({"key": SECRET, "at": at, "aud": "api", "token_use": "refresh"}),
            vec!["--at", at, "--aud", "api", "--token-use", "refresh"],
        ),
    ];
    let mut meanings = std::collections::BTreeMap::new();
    for (form, extra) in cases {
        let key = form["key"].as_str().unwrap();
        let path = secret_file.path().join("secret");
        std::fs::write(&path, key).unwrap();
        let mut flags: Vec<String> = vec!["--secret-file".into(), path.display().to_string()];
        flags.extend(extra.iter().map(|s| s.to_string()));
        let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
        let mut expected = cli_verdict(&tok, &flags);
        // The CLI names the secret by its file; the page by where it came from.
        let named = expected
            .to_string()
            .replace(&path.display().to_string(), "the pasted secret");
        expected = serde_json::from_str(&named).unwrap();
        let mut body = form.clone();
        body["input"] = json!(tok);
        let r = ui.api("verify", &body);
        assert_eq!(r.status, 200, "{}", r.body);
        let v = r.json();
        assert_eq!(verdict_fields(&v), verdict_fields(&expected), "{form}");
        meanings.insert(
            v["exit_code"].as_i64().unwrap(),
            v["meaning"].as_str().unwrap().to_string(),
        );
        assert!(v["command"].as_str().unwrap().starts_with("jwtctl verify "));
    }
    assert_eq!(meanings.keys().copied().collect::<Vec<_>>(), [0, 4, 5, 6]);
    // The meanings are the table of `verify --help`.
    let help = stdout_of(jwtctl().args(["verify", "--help"]));
    for (code, meaning) in meanings {
        let line = format!("  {code}  {meaning}");
        assert!(help.contains(&line), "{line:?} is not in verify --help");
    }

    // Options take what the flags take, with clap's own message, exit 2.
    let r = ui.api(
        "verify",
        &json!({"input": tok, "key": SECRET, "leeway": "10 parsecs"}),
    );
    assert_eq!(r.status, 422);
    let e = &r.json()["error"];
    assert_eq!(e["exit_code"], 2);
    assert!(e["message"].as_str().unwrap().contains("--leeway"), "{e}");
    let r = ui.api("verify", &json!({"input": tok}));
    assert_eq!(r.json()["error"]["message"], "no key to verify with");
    let r = ui.api("verify", &json!({"input": tok, "url": "/etc/passwd"}));
    assert_eq!(r.json()["error"]["exit_code"], 2);
    assert!(r.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("not an http(s) URL"));
}

#[test]
fn verify_takes_pasted_public_keys_and_key_sets() {
    let ui = Ui::start(&[], &[]);
    let dir = tempdir();
    let (private, public) = keygen_pair(dir.path(), "ec", "ES256");
    let tok = stdout_of(
        jwtctl()
            .args(["issue", "--alg", "ES256", "--key"])
            .arg(&private)
            .args(["--kid", "auto", "--sub", "svc"]),
    );
    let pem = std::fs::read_to_string(&public).unwrap();
    let jwks = stdout_of(
        jwtctl()
            .arg("jwks")
            .arg(&public)
            .args(["--kid", &crate::ui::kid_of(&tok)]),
    );
    for (key, source) in [
        (pem.as_str(), "the pasted key"),
        (jwks.as_str(), "the pasted JWKS"),
    ] {
        let v = ui.api("verify", &json!({"input": tok, "key": key})).json();
        assert_eq!(v["valid"], true, "{v}");
        assert!(v["key"].as_str().unwrap().starts_with(source), "{v}");
    }
    // A public key pasted for an HMAC token is never used as the secret.
    let hs = token(&[]);
    let v = ui.api("verify", &json!({"input": hs, "key": pem})).json();
    assert_eq!(v["exit_code"], 4, "{v}");
    // A pasted certificate is the key it certifies.
    let cert = dir.path().join("cert.pem");
    let made = Command::new("openssl")
        .args(["req", "-x509", "-subj", "/CN=issuer", "-days", "1", "-key"])
        .arg(&private)
        .arg("-out")
        .arg(&cert)
        .status();
    if made.is_ok_and(|s| s.success()) {
        let cert = std::fs::read_to_string(&cert).unwrap();
        let v = ui.api("verify", &json!({"input": tok, "key": cert})).json();
        assert_eq!(v["valid"], true, "{v}");
    } else {
        skip("the certificate: no openssl on this machine");
    }
    let v = ui.api("verify", &json!({"input": tok, "key": "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"})).json();
    assert!(
        v["error"]["message"].as_str().unwrap().starts_with(
            "the pasted key is not a key jwtctl can read: its certificate does not parse"
        ),
        "{v}"
    );
}

/// The `kid` in a token's header.
pub fn kid_of(token: &str) -> String {
    use base64::Engine;
    let h = token.split('.').next().unwrap();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(h)
        .unwrap();
    let v: Value = serde_json::from_slice(&bytes).unwrap();
    v["kid"].as_str().unwrap().to_string()
}

#[test]
fn sign_makes_a_token_that_verify_accepts() {
    let ui = Ui::start(&[], &[]);
    let r = ui.api(
        "sign",
        &json!({"header": "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "payload": "{\"sub\":\"mallory\",\"exp\":4102444800}", "key": SECRET}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    assert_eq!(v["payload"]["sub"], "mallory");
    let tok = v["token"].as_str().unwrap();
    with_secret().args(["verify", tok]).assert().success();
    // The checks of `jwtctl issue`: no weak secret, no public key, JSON objects only.
    let r = ui.api(
        "sign",
        &json!({"header": "{\"alg\":\"HS256\"}", "payload": "{}", "key": "short"}),
    );
    assert_eq!(
        r.json()["error"]["message"],
        "the HMAC secret is 5 bytes; HS256 needs at least 32"
    );
    let r = ui.api(
        "sign",
        &json!({"header": "{\"alg\":\"HS256\"}", "payload": "[1]", "key": SECRET}),
    );
    assert_eq!(
        r.json()["error"]["message"],
        "the payload is not a JSON object"
    );
    assert_eq!(r.json()["error"]["exit_code"], 3);
}

#[test]
fn serve_hosts_the_page_under_ui() {
    let dir = tempdir();
    let users = dir.path().join("users.toml");
    std::fs::write(&users, "").unwrap();
    let server = Server::start(
        &users,
        Some(SECRET),
        &["--issuer", "https://auth.example.com"],
    );
    let page = server.get("/ui/", &[]);
    assert_eq!(page.status, 200);
    assert!(page.header("content-security-policy").is_some());
    let body = json!({"input": token(&[])}).to_string();
    for (host, origin) in [
        (server.addr.clone(), format!("http://{}", server.addr)),
        (
            "auth.example.com".to_string(),
            "https://auth.example.com".to_string(),
        ),
    ] {
        let r = request(
            &server.addr,
            "POST",
            "/ui/api/inspect",
            &[
                ("Host", &host),
                ("Origin", &origin),
                ("Content-Type", "application/json"),
            ],
            body.as_bytes(),
        );
        assert_eq!(r.status, 200, "{host}: {}", r.body);
    }
    let r = request(
        &server.addr,
        "POST",
        "/ui/api/inspect",
        &[
            ("Origin", "https://evil.example"),
            ("Content-Type", "application/json"),
        ],
        body.as_bytes(),
    );
    assert_eq!(r.status, 403);
    // The token server's own endpoints are unchanged.
    assert_eq!(server.get("/.well-known/jwks.json", &[]).status, 200);
    assert_eq!(
        server.get("/nothing", &[]).json(),
        json!({"detail": "Not Found"})
    );
}

#[test]
fn verify_fetches_keys_from_a_jwks_url_or_an_issuer() {
    let dir = tempdir();
    let users = dir.path().join("users.toml");
    std::fs::write(&users, "").unwrap();
    let (private, _) = keygen_pair(dir.path(), "rsa", "RS256");
    let server = Server::start(&users, None, &["--key", private.to_str().unwrap()]);
    let tok = stdout_of(jwtctl().args(["issue", "--key"]).arg(&private).args([
        "--kid",
        "auto",
        "--sub",
        "svc",
        "--iss",
        &server.url(),
    ]));
    let cache = dir.path().join("cache");
    let ui = Ui::start(&[("JWTCTL_CACHE_DIR", cache.to_str().unwrap())], &[]);
    let jwks = format!("{}/.well-known/jwks.json", server.url());
    for form in [
        json!({"url": jwks, "allow_http": true}),
        json!({"url": server.url(), "oidc": true, "allow_http": true}),
    ] {
        let mut body = form.clone();
        body["input"] = json!(tok);
        let v = ui.api("verify", &body).json();
        assert_eq!(v["valid"], true, "{form}: {v}");
        assert_eq!(v["exit_code"], 0);
        assert!(
            v["command"].as_str().unwrap().contains("--allow-http"),
            "{v}"
        );
    }
    // Plain http:// only when asked for, as with --allow-http.
    let r = ui.api("verify", &json!({"input": tok, "url": jwks}));
    assert_eq!(r.status, 422);
    let e = &r.json()["error"];
    assert_eq!(e["exit_code"], 2);
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .starts_with("refusing to fetch keys over plain HTTP"),
        "{e}"
    );
}
