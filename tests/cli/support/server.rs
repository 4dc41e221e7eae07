//! A running `jwtctl serve` and a small HTTP/1.1 client for it (std TcpStream: every byte of
//! the request is under the test's control, malformed ones included).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;

/// A server on an ephemeral loopback port, killed when dropped.
pub struct Server {
    child: Child,
    /// `127.0.0.1:PORT`, as printed on stdout.
    pub addr: String,
    stderr: Arc<Mutex<String>>,
    stderr_thread: Option<std::thread::JoinHandle<()>>,
    _stdout: BufReader<ChildStdout>,
}

impl Server {
    /// Starts `jwtctl serve --listen 127.0.0.1:0 ARGS` with `JWTCTL_SECRET` set to `secret`
    /// (unless `None`) and waits for the address line on stdout.
    pub fn start(users: &Path, secret: Option<&str>, args: &[&str]) -> Server {
        Server::start_with_env(users, secret, args, &[])
    }

    /// [`Server::start`] with extra environment variables.
    pub fn start_with_env(
        users: &Path,
        secret: Option<&str>,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Server {
        let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("jwtctl"));
        cmd.envs(env.iter().copied());
        cmd.env_remove("JWTCTL_SECRET")
            .env_remove("JWTCTL_USERS")
            .env("NO_COLOR", "1")
            .arg("serve")
            .arg("--users")
            .arg(users)
            .args(["--listen", "127.0.0.1:0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(s) = secret {
            cmd.env("JWTCTL_SECRET", s);
        }
        let mut child = cmd.spawn().expect("jwtctl serve starts");
        let stderr = Arc::new(Mutex::new(String::new()));
        // Drained all along, so a chatty server never blocks on a full pipe.
        let stderr_thread = {
            let sink = stderr.clone();
            let pipe = child.stderr.take().expect("stderr piped");
            std::thread::spawn(move || {
                for line in BufReader::new(pipe).lines() {
                    let Ok(line) = line else { break };
                    let mut s = sink.lock().unwrap();
                    s.push_str(&line);
                    s.push('\n');
                }
            })
        };
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout piped"));
        let mut line = String::new();
        stdout.read_line(&mut line).expect("read stdout");
        let Some(addr) = line.trim().strip_prefix("listening on http://") else {
            let _ = child.wait();
            let _ = stderr_thread.join();
            panic!(
                "serve did not print its address; stdout {line:?}, stderr:\n{}",
                stderr.lock().unwrap()
            );
        };
        Server {
            addr: addr.to_string(),
            child,
            stderr,
            stderr_thread: Some(stderr_thread),
            _stdout: stdout,
        }
    }

    /// The server's process id (to limit its resources from the outside).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    pub fn get(&self, path: &str, headers: &[(&str, &str)]) -> Reply {
        request(&self.addr, "GET", path, headers, b"")
    }

    /// POSTs `params` form-encoded.
    pub fn post_form(&self, path: &str, params: &[(&str, &str)]) -> Reply {
        let body = form(params);
        request(
            &self.addr,
            "POST",
            path,
            &[("Content-Type", "application/x-www-form-urlencoded")],
            body.as_bytes(),
        )
    }

    /// `POST /token` with a password grant.
    pub fn login(&self, user: &str, password: &str) -> Reply {
        self.post_form(
            "/token",
            &[
                ("grant_type", "password"),
                ("username", user),
                ("password", password),
            ],
        )
    }

    pub fn me(&self, token: &str) -> Reply {
        self.get("/me", &[("Authorization", &format!("Bearer {token}"))])
    }

    /// Sends a signal (`TERM`, `INT`) and waits for the exit; the status and all of stderr.
    pub fn stop(self, signal: &str) -> (ExitStatus, String) {
        self.signal(signal);
        self.wait()
    }

    pub fn signal(&self, signal: &str) {
        let ok = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(self.child.id().to_string())
            .status()
            .expect("kill runs")
            .success();
        assert!(ok, "kill -{signal} failed");
    }

    /// Waits for the exit; the status and all of stderr.
    pub fn wait(mut self) -> (ExitStatus, String) {
        let status = self.child.wait().expect("server exits");
        if let Some(t) = self.stderr_thread.take() {
            let _ = t.join();
        }
        (status, self.stderr())
    }

    /// Waits until stderr shows `text` (the server's own report of an event), for at most a
    /// minute.
    pub fn wait_for_stderr(&self, text: &str) {
        for _ in 0..6000 {
            if self.stderr().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("{text:?} never appeared on stderr:\n{}", self.stderr());
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn form(params: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(params)
        .finish()
}

#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.body))
    }

    /// The `error` of an RFC 6749 error body.
    pub fn error(&self) -> String {
        self.json()["error"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
}

/// One request on a fresh connection (`Connection: close`), read to the end.
pub fn request(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Reply {
    let mut s = TcpStream::connect(addr).expect("connect to the server");
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    // A test may name another host (DNS rebinding); otherwise the address connected to.
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        head.push_str(&format!("Host: {addr}\r\n"));
    }
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).expect("send the head");
    // The server may answer (413) and close before reading a large body; that is its right.
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read the response");
    parse_reply(&raw)
}

fn parse_reply(raw: &[u8]) -> Reply {
    let text = String::from_utf8_lossy(raw);
    let (head, body) = text
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end in {text:?}"));
    let mut lines = head.split("\r\n");
    let status_line = lines.next().expect("status line");
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("bad status line {status_line:?}"));
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    Reply {
        status,
        headers,
        body: body.to_string(),
    }
}

/// The claims of a token, read without checking it (the tests check with `jwtctl verify`).
pub fn claims_of(token: &str) -> Value {
    part_of(token, 1)
}

/// A token's decoded JOSE header.
pub fn header_of(token: &str) -> Value {
    part_of(token, 0)
}

fn part_of(token: &str, i: usize) -> Value {
    use base64::Engine;
    let payload = token.split('.').nth(i).expect("three parts");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .expect("base64url");
    serde_json::from_slice(&bytes).expect("a JSON part")
}
