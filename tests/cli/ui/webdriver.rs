//! Just enough of the W3C WebDriver protocol to drive headless Chromium through chromedriver:
//! JSON over HTTP, spoken with ureq (already a dependency). A WebDriver crate (thirtyfour,
//! fantoccini) would add its own async HTTP stack to the build for these few commands.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// The W3C name of an element reference in JSON.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// How long to wait for the page to show something before the test fails.
const PATIENCE: Duration = Duration::from_secs(30);

/// The browser and driver to use: `JWTCTL_CHROMIUM` and `JWTCTL_CHROMEDRIVER`, else the Debian
/// packages' programs on the PATH.
pub fn find() -> Option<(PathBuf, PathBuf)> {
    let which = |names: &[&str]| -> Option<PathBuf> {
        let path = std::env::var_os("PATH")?;
        names.iter().find_map(|n| {
            std::env::split_paths(&path)
                .map(|d| d.join(n))
                .find(|p| p.is_file())
        })
    };
    let browser = std::env::var_os("JWTCTL_CHROMIUM")
        .map(PathBuf::from)
        .or_else(|| which(&["chromium", "chromium-browser", "google-chrome"]))?;
    let driver = std::env::var_os("JWTCTL_CHROMEDRIVER")
        .map(PathBuf::from)
        .or_else(|| which(&["chromedriver"]))?;
    (browser.is_file() && driver.is_file()).then_some((browser, driver))
}

/// A chromedriver process with one headless browser session; both end when dropped.
pub struct Browser {
    driver: Child,
    base: String,
    agent: ureq::Agent,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// `extra_args` are added to the Chromium command line.
    pub fn start(browser: &Path, driver: &Path, extra_args: &[&str]) -> Browser {
        let port = free_port();
        let driver = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(120)))
            .build()
            .into();
        let profile = tempfile::tempdir().expect("a browser profile folder");
        let mut b = Browser {
            driver,
            base: format!("http://127.0.0.1:{port}"),
            agent,
            _profile: profile,
        };
        let deadline = Instant::now() + PATIENCE;
        while b.agent.get(format!("{}/status", b.base)).call().is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let mut args: Vec<String> = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1280,1500",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        args.push(format!("--user-data-dir={}", b._profile.path().display()));
        args.extend(extra_args.iter().map(|s| s.to_string()));
        let session = b.call(
            "POST",
            "/session",
            json!({"capabilities": {"alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": {"binary": browser, "args": args},
                "goog:loggingPrefs": {"browser": "ALL"},
            }}}),
        );
        let id = session["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no browser session: {session}"));
        b.base = format!("{}/session/{id}", b.base);
        b
    }

    /// One WebDriver command; its `value`. A WebDriver error fails the test.
    fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let url = format!("{}{path}", self.base);
        let resp = match method {
            "GET" => self.agent.get(&url).call(),
            "DELETE" => self.agent.delete(&url).call(),
            _ => self
                .agent
                .post(&url)
                .header("Content-Type", "application/json")
                .send(body.to_string()),
        };
        let text = resp
            .unwrap_or_else(|e| panic!("WebDriver {method} {path}: {e}"))
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_string()
            .expect("a WebDriver answer");
        let v: Value = serde_json::from_str(&text).expect("WebDriver answers JSON");
        if v["value"].get("error").is_some() {
            panic!("WebDriver {method} {path} failed: {}", v["value"]);
        }
        v["value"].clone()
    }

    pub fn goto(&self, url: &str) {
        self.call("POST", "/url", json!({ "url": url }));
    }

    pub fn find(&self, css: &str) -> String {
        let v = self.call(
            "POST",
            "/element",
            json!({"using": "css selector", "value": css}),
        );
        v[ELEMENT].as_str().expect("an element id").to_string()
    }

    pub fn type_into(&self, css: &str, text: &str) {
        let e = self.find(css);
        self.call(
            "POST",
            &format!("/element/{e}/value"),
            json!({ "text": text }),
        );
    }

    pub fn clear(&self, css: &str) {
        let e = self.find(css);
        self.call("POST", &format!("/element/{e}/clear"), json!({}));
    }

    pub fn click(&self, css: &str) {
        let e = self.find(css);
        self.call("POST", &format!("/element/{e}/click"), json!({}));
    }

    /// The element's rendered text.
    pub fn text(&self, css: &str) -> String {
        let e = self.find(css);
        self.call("GET", &format!("/element/{e}/text"), Value::Null)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Polls until the element's text satisfies `ok` and returns it; fails after `PATIENCE`.
    pub fn wait_text(&self, css: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let t = self.text(css);
            if ok(&t) {
                return t;
            }
            assert!(
                Instant::now() < deadline,
                "{css} never showed what the test waits for; it shows {t:?}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Runs an async script (its last argument is the callback) and returns what it passed.
    pub fn run_async(&self, script: &str, args: Value) -> Value {
        self.call(
            "POST",
            "/execute/async",
            json!({ "script": script, "args": args }),
        )
    }

    pub fn run(&self, script: &str, args: Value) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            json!({ "script": script, "args": args }),
        )
    }

    /// The browser console's messages since the last call (chromedriver's own command: the
    /// W3C protocol has none), as `LEVEL message` lines.
    pub fn console(&self) -> Vec<String> {
        let v = self.call("POST", "/se/log", json!({"type": "browser"}));
        v.as_array()
            .map(|entries| {
                entries
                    .iter()
                    .map(|e| {
                        format!(
                            "{} {}",
                            e["level"].as_str().unwrap_or("?"),
                            e["message"].as_str().unwrap_or("")
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A PNG of the viewport.
    pub fn screenshot(&self) -> Vec<u8> {
        use base64::Engine;
        let v = self.call("GET", "/screenshot", Value::Null);
        base64::engine::general_purpose::STANDARD
            .decode(v.as_str().expect("base64 PNG"))
            .expect("a PNG")
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.agent.delete(&self.base).call();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// A port nothing listens on right now (chromedriver needs a number; it cannot report one).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}
