//! The page in headless Chromium against the real binary: paste a token, read the decoded
//! parts, verify with the right and a wrong secret, and see a cross-origin page and a
//! DNS-rebinding name refused. CI installs Chromium and sets JWTCTL_REQUIRE_BROWSER=1; elsewhere
//! the test says it was skipped when no browser is found.
//!
//! With JWTCTL_SCREENSHOTS=DIR it also saves the README's screenshots there
//! (`docs/screenshots.sh` does that).

use std::io::{Read, Write};
use std::net::TcpListener;

use serde_json::json;

use super::webdriver::{self, Browser};
use super::Ui;
use crate::support::*;

#[test]
fn the_page_decodes_and_verifies_in_chromium() {
    let Some((chromium, driver)) = webdriver::find() else {
        assert!(
            std::env::var("JWTCTL_REQUIRE_BROWSER").as_deref() != Ok("1"),
            "JWTCTL_REQUIRE_BROWSER=1 but no chromium and chromedriver (on the PATH, or JWTCTL_CHROMIUM and JWTCTL_CHROMEDRIVER)"
        );
        crate::support::skip(
            "no chromium and chromedriver (apt-get install chromium chromium-driver)",
        );
        return;
    };
    let ui = Ui::start(&[], &[]);
    let port = ui.addr.rsplit(':').next().unwrap().to_string();
    let browser = Browser::start(
        &chromium,
        &driver,
        &["--host-resolver-rules=MAP rebind.test 127.0.0.1"],
    );
    let shots = std::env::var_os("JWTCTL_SCREENSHOTS").map(std::path::PathBuf::from);
    let shot = |name: &str| {
        if let Some(dir) = &shots {
            std::fs::write(dir.join(name), browser.screenshot()).expect("write a screenshot");
        }
    };

    let token = stdout_of(with_secret().args([
        "issue",
        "--sub",
        "alice",
        "--iss",
        "https://auth.example.com",
        "--aud",
        "api",
        "--scope",
        "items:read items:write",
        "--ttl",
        "15m",
    ]));
    let parts: Vec<&str> = token.split('.').collect();

    browser.goto(&ui.url);
    browser.type_into("#input", &format!("Authorization: Bearer {token}"));
    let payload = browser.wait_text("#payload", |t| t.contains("\"sub\": \"alice\""));
    assert!(
        payload.contains("\"scope\": \"items:read items:write\""),
        "{payload}"
    );
    assert!(browser.text("#header").contains("\"alg\": \"HS256\""));
    assert_eq!(browser.text("#source"), "Found an Authorization header.");
    // The three parts, each in its own colour class.
    assert_eq!(browser.text("#encoded .part-header"), parts[0]);
    assert_eq!(browser.text("#encoded .part-payload"), parts[1]);
    assert_eq!(browser.text("#encoded .part-signature"), parts[2]);
    // Highlighted by kind, each time claim's number titled with its UTC time.
    let keys = browser.run(
        "return [...document.querySelectorAll('#payload .json-key')].map(e => e.textContent)",
        json!([]),
    );
    assert_eq!(
        keys,
        json!([
            "\"iat\"",
            "\"exp\"",
            "\"sub\"",
            "\"iss\"",
            "\"aud\"",
            "\"scope\""
        ])
    );
    let title = browser.run(
        "return document.querySelectorAll('#payload .json-number')[1].title",
        json!([]),
    );
    assert!(title.as_str().unwrap().contains("Z, in 1"), "{title}");
    let times = browser.text("#times");
    let exp = times
        .lines()
        .find(|l| l.starts_with("exp "))
        .unwrap_or_default();
    assert!(exp.contains(" UTC ") && exp.contains(" in 1"), "{times}");
    let marks = browser.run(
        "return document.querySelectorAll('#timeline .mark').length",
        json!([]),
    );
    assert_eq!(marks, json!(3), "iat, exp and now on the timeline");
    assert_eq!(browser.text("#findings"), "no findings");

    // Every field has a label a screen reader announces.
    let unlabelled = browser.run(
        "return [...document.querySelectorAll('input, textarea, select')]
           .filter(e => e.labels.length === 0).map(e => e.id)",
        json!([]),
    );
    assert_eq!(unlabelled, json!([]));

    // The right secret, with the audience the token carries; Enter in a field verifies. The
    // key is dotted out until asked for.
    browser.type_into("#key", SECRET);
    let shown = "return getComputedStyle(document.getElementById('key')).webkitTextSecurity";
    assert_eq!(browser.run(shown, json!([])), json!("disc"));
    browser.click("input.show[data-for=key]");
    assert_eq!(browser.run(shown, json!([])), json!("none"));
    browser.click("input.show[data-for=key]");
    browser.type_into("#aud", "api\u{E007}");
    let verdict = browser.wait_text("#verdict", |t| t.starts_with('✓') || t.starts_with('✗'));
    assert_eq!(
        verdict,
        "✓ token valid (exit 0): HS256 signature verified with the pasted secret"
    );
    assert_eq!(
        browser.text("#command"),
        "jwtctl verify --aud api --secret-env JWTCTL_SECRET \"$TOKEN\""
    );
    shot("ui-valid.png");

    // A wrong secret: exit 4, with the failed check listed.
    browser.clear("#key");
    browser.type_into("#key", "not-the-secret-but-just-as-long!!");
    browser.click("#verify");
    let verdict = browser.wait_text("#verdict", |t| t.starts_with('✗'));
    assert_eq!(
        verdict,
        "✗ token invalid (exit 4: signature, key or algorithm mismatch), 1 check failed"
    );
    assert!(
        browser.text("#failures").starts_with("signature: "),
        "{}",
        browser.text("#failures")
    );
    shot("ui-invalid.png");

    // Edit the payload and sign it again: the new token replaces the old one and verifies.
    browser.click("#resign summary");
    browser.clear("#edit-payload");
    browser.type_into("#edit-payload", r#"{"sub": "mallory", "exp": 4102444800}"#);
    browser.type_into("#sign-key", SECRET);
    browser.click("#sign");
    browser.wait_text("#payload", |t| t.contains("\"sub\": \"mallory\""));
    let resigned = browser.run("return document.getElementById('input').value", json!([]));
    with_secret()
        .args(["verify", resigned.as_str().unwrap()])
        .assert()
        .success();

    // Nothing on the page broke the Content-Security-Policy or failed.
    let console = browser.console();
    assert!(console.is_empty(), "browser console: {console:#?}");
    // And the policy is in force: a script injected into the page (as a token rendered as
    // HTML would inject one) does not run.
    let ran = browser.run(
        "const s = document.createElement('script');
         s.textContent = 'window.injected = true';
         document.body.append(s);
         return window.injected === true",
        json!([]),
    );
    assert_eq!(ran, json!(false));
    let console = browser.console();
    assert!(
        console
            .iter()
            .any(|l| l.contains("Content Security Policy")),
        "{console:#?}"
    );

    // Another site's page cannot use the API: the browser stops the JSON request at its CORS
    // preflight, and the request it does send (no-cors, plain text) the server refuses (and
    // Cross-Origin-Resource-Policy keeps even the refusal from that page).
    let served = |log: &str| log.matches("POST /ui/api/inspect 200").count();
    let served_before = served(&ui.stderr());
    let other = other_site();
    browser.goto(&format!("http://{other}/"));
    let outcome = browser.run_async(
        "const done = arguments[arguments.length - 1];
         const api = arguments[0] + 'api/inspect';
         const body = JSON.stringify({input: arguments[1]});
         Promise.all([
           fetch(api, {method: 'POST', headers: {'Content-Type': 'application/json'}, body})
             .then(r => 'read ' + r.status, e => 'blocked'),
           fetch(api, {method: 'POST', mode: 'no-cors', body})
             .then(r => 'read ' + r.type, e => 'blocked'),
         ]).then(done);",
        json!([ui.url, token]),
    );
    assert_eq!(outcome, json!(["blocked", "blocked"]));
    ui.wait_for_stderr("POST /ui/api/inspect 403");
    assert_eq!(served(&ui.stderr()), served_before, "{}", ui.stderr());

    // A DNS-rebinding name for 127.0.0.1 gets no page.
    browser.goto(&format!("http://rebind.test:{port}/ui/"));
    let text = browser.text("body");
    assert!(text.contains("answers only to its own address"), "{text}");
}

/// A page on another origin (another port), as any site the user visits could be.
fn other_site() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { continue };
            let mut buf = [0u8; 4096];
            let _ = s.read(&mut buf);
            let _ = s.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<!doctype html><title>other site</title><p>another site",
            );
        }
    });
    addr
}
