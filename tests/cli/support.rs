//! Shared helpers: every test runs the real binary.

#![allow(dead_code)]

use std::path::PathBuf;

pub mod server;

/// A 32-byte HS256 secret.
pub const SECRET: &str = "0123456789abcdef0123456789abcdef";

/// The binary with a clean environment: no secret, no users file, no key passphrase, no colour.
pub fn jwtctl() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("jwtctl").expect("binary built");
    c.env_remove("JWTCTL_SECRET")
        .env_remove("JWTCTL_USERS")
        .env_remove("JWTCTL_KEY_PASSPHRASE")
        .env_remove("NO_COLOR")
        .env("NO_COLOR", "1");
    c
}

/// The binary with `JWTCTL_SECRET` set to `SECRET`.
pub fn with_secret() -> assert_cmd::Command {
    let mut c = jwtctl();
    c.env("JWTCTL_SECRET", SECRET);
    c
}

/// base64url without padding, as JOSE encodes every part.
pub fn b64(bytes: impl AsRef<[u8]>) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// A compact JWS over the exact header and payload text, MACed with `key` (HS256).
pub fn hs256_with(key: &[u8], header: &str, payload: &str) -> String {
    let input = format!("{}.{}", b64(header), b64(payload));
    let k = aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, key);
    let tag = aws_lc_rs::hmac::sign(&k, input.as_bytes());
    format!("{input}.{}", b64(tag.as_ref()))
}

/// Signed with `SECRET`, so only what the test changes can make it fail.
pub fn hs256(header: &str, payload: &str) -> String {
    hs256_with(SECRET.as_bytes(), header, payload)
}

/// A token with arbitrary header and payload text and a signature that verifies nothing.
pub fn forge(header: &str, payload: &str) -> String {
    format!("{}.{}.c2ln", b64(header), b64(payload))
}

pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn vectors() -> PathBuf {
    fixtures().join("vectors")
}

pub fn read_json(path: impl AsRef<std::path::Path>) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).expect("fixture")).expect("fixture JSON")
}

/// stdout of a successful run, trimmed.
pub fn stdout_of(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.output().expect("runs");
    assert!(
        out.status.success(),
        "command failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .trim()
        .to_string()
}

/// Says that the running test skipped part of its work and why, straight to stderr: the test
/// harness captures `eprintln!` of passing tests, so a skip would go unseen. One line per skip,
/// so `cargo test 2>&1 | grep -c '^jwtctl test skipped'` counts them.
pub fn skip(reason: &str) {
    use std::io::Write;
    let test = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    let _ = writeln!(std::io::stderr(), "jwtctl test skipped: {test}: {reason}");
}

/// Runs openssl in `dir`: false (and a skip line) when the machine has none; a failing
/// openssl command fails the test.
pub fn openssl(dir: &std::path::Path, args: &[&str]) -> bool {
    let Ok(out) = std::process::Command::new("openssl")
        .current_dir(dir)
        .args(args)
        .output()
    else {
        skip("no openssl on this machine");
        return false;
    };
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    true
}

/// The Python interpreter for interop tests, per `JWTCTL_REQUIRE_INTEROP`:
/// - `1` (what `.ci/run` sets, with JWTCTL_PYTHON pointing at a venv): a missing package fails;
/// - `0`: interop tests are off and each says it skipped;
/// - unset: they run when the packages are there, and say they skipped when not.
pub fn python_with(modules: &[&str]) -> Option<String> {
    let mode = std::env::var("JWTCTL_REQUIRE_INTEROP").unwrap_or_default();
    if mode == "0" {
        skip("interop tests are off (JWTCTL_REQUIRE_INTEROP=0)");
        return None;
    }
    let py = std::env::var("JWTCTL_PYTHON").unwrap_or_else(|_| "python3".into());
    let probe = format!("import {}", modules.join(", "));
    let ok = std::process::Command::new(&py)
        .args(["-c", &probe])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if ok {
        return Some(py);
    }
    if mode == "1" {
        panic!("JWTCTL_REQUIRE_INTEROP=1 but {py} lacks Python modules {modules:?}; run .ci/run or pip install -r tests/interop/requirements.txt");
    }
    skip(&format!(
        "Python modules {modules:?} not available in {py} (set JWTCTL_PYTHON, or JWTCTL_REQUIRE_INTEROP=0 to turn interop tests off)"
    ));
    None
}

pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// `jwtctl keygen --alg ALG --out DIR/NAME`: the private and public PEM paths.
pub fn keygen_pair(dir: &std::path::Path, name: &str, alg: &str) -> (PathBuf, PathBuf) {
    jwtctl()
        .args(["keygen", "--alg", alg, "--out"])
        .arg(dir.join(name))
        .assert()
        .success();
    (
        dir.join(format!("{name}.pem")),
        dir.join(format!("{name}.pub.pem")),
    )
}

/// Waits for a uvicorn child (stderr piped) to print its address, then keeps draining its log so
/// the app never blocks on a full pipe. Kills the child and panics if it exits first.
pub fn wait_for_uvicorn(child: &mut std::process::Child) -> String {
    use std::io::BufRead;
    let mut lines = std::io::BufReader::new(child.stderr.take().expect("stderr piped")).lines();
    let mut seen = String::new();
    let addr = loop {
        let Some(Ok(line)) = lines.next() else {
            let _ = child.kill();
            let _ = child.wait();
            panic!("uvicorn did not start:\n{seen}");
        };
        seen.push_str(&line);
        seen.push('\n');
        if let Some(rest) = line.split("Uvicorn running on http://").nth(1) {
            break rest.split_whitespace().next().unwrap().to_string();
        }
    };
    std::thread::spawn(move || lines.for_each(drop));
    addr
}
