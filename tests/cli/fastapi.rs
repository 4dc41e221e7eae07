//! The FastAPI security tutorial's app (tests/interop/fastapi_app.py: `POST /token` with the
//! OAuth2 password form, `GET /me` behind OAuth2PasswordBearer, python-jose HS256, a bcrypt user
//! store) and jwtctl, both ways: jwtctl's tokens open the app's `/me`, the app's
//! tokens verify in jwtctl, and the app's bcrypt hashes imported into jwtctl still log in.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{json, Value};

use crate::support::*;

/// The tutorial's SECRET_KEY (`openssl rand -hex 32`), which python-jose uses as its text.
const TUTORIAL_SECRET: &str = "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7";
const PASSWORD: &str = "wonderland";

/// The app under uvicorn on an ephemeral loopback port; killed when dropped, panics included.
struct App {
    child: Child,
    addr: String,
}

impl App {
    fn start(py: &str, env: &[(&str, &str)]) -> App {
        let app_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/interop");
        let mut child = Command::new(py)
            .args(["-m", "uvicorn", "--app-dir"])
            .arg(&app_dir)
            .args(["fastapi_app:app", "--host", "127.0.0.1", "--port", "0"])
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("uvicorn starts");
        let addr = wait_for_uvicorn(&mut child);
        App { child, addr }
    }

    /// One HTTP/1.1 request on a fresh connection: the status and the body.
    fn request(&self, head: &str, body: &str) -> (u16, String) {
        let mut s = TcpStream::connect(&self.addr).expect("connect to the app");
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        write!(
            s,
            "{head}\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
            self.addr,
            body.len()
        )
        .unwrap();
        let mut raw = String::new();
        s.read_to_string(&mut raw).expect("read the response");
        let (status_line, rest) = raw.split_once("\r\n").expect("a status line");
        let status = status_line.split(' ').nth(1).unwrap().parse().unwrap();
        let body = rest.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or("");
        (status, body.to_string())
    }

    fn me(&self, token: &str) -> (u16, String) {
        self.request(
            &format!("GET /me HTTP/1.1\r\nAuthorization: Bearer {token}"),
            "",
        )
    }

    /// The tutorial's login: `POST /token` with the OAuth2 password form.
    fn login(&self, user: &str, password: &str) -> (u16, String) {
        let form = format!("grant_type=password&username={user}&password={password}");
        self.request(
            "POST /token HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded",
            &form,
        )
    }
}

impl Drop for App {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A bcrypt hash made by Python's bcrypt, at the tutorial's cost (12).
fn python_bcrypt(py: &str, password: &str) -> String {
    let out = Command::new(py)
        .args([
            "-c",
            "import bcrypt, sys; \
             print(bcrypt.hashpw(sys.argv[1].encode(), bcrypt.gensalt(rounds=12)).decode())",
            password,
        ])
        .output()
        .expect("python runs");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// The app's user store, in the tutorial's `fake_users_db` shape.
fn users_db(dir: &Path, hash: &str) -> PathBuf {
    let path = dir.join("fake_users_db.json");
    let db = json!({
        "alice": {
            "username": "alice",
            "full_name": "Alice Wonderson",
            "email": "alice@example.com",
            "hashed_password": hash,
            "disabled": false,
        },
    });
    std::fs::write(&path, db.to_string()).unwrap();
    path
}

fn on(users: &Path, secret: &str) -> assert_cmd::Command {
    let mut c = jwtctl();
    c.env("JWTCTL_SECRET", secret).arg("--users").arg(users);
    c
}

#[test]
fn interop_fastapi_tutorial_app_and_jwtctl_share_tokens_and_bcrypt_hashes() {
    let Some(py) = python_with(&["fastapi", "uvicorn", "jose", "multipart", "bcrypt"]) else {
        return;
    };
    let dir = tempdir();
    let hash = python_bcrypt(&py, PASSWORD);
    assert!(hash.starts_with("$2b$12$"), "{hash}");
    let db = users_db(dir.path(), &hash);
    let db_text = db.to_str().unwrap();
    let app = App::start(
        &py,
        &[("JWT_SECRET", TUTORIAL_SECRET), ("USERS_DB", db_text)],
    );

    // The app's bcrypt hash, imported into jwtctl, still authenticates alice.
    let users = dir.path().join("users.toml");
    on(&users, TUTORIAL_SECRET)
        .args(["users", "import"])
        .arg(&db)
        .assert()
        .success();
    let shown: Value = serde_json::from_str(&stdout_of(
        on(&users, TUTORIAL_SECRET).args(["users", "show", "alice", "-o", "json"]),
    ))
    .unwrap();
    assert_eq!(shown["hash_scheme"], "bcrypt", "{shown}");
    let check = |password: &str| {
        on(&users, TUTORIAL_SECRET)
            .args(["users", "check", "alice", "--password-stdin"])
            .write_stdin(format!("{password}\n"))
            .assert()
    };
    check(PASSWORD).success();
    check("Wonderland").code(7);

    // A token from `jwtctl issue --user alice` (checked against that same hash) opens /me.
    let token = stdout_of(
        on(&users, TUTORIAL_SECRET)
            .args(["issue", "--user", "alice", "--password-stdin"])
            .write_stdin(format!("{PASSWORD}\n")),
    );
    let (status, body) = app.me(&token);
    assert_eq!(status, 200, "{body}");
    let me: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(me["username"], "alice");
    assert_eq!(me["full_name"], "Alice Wonderson");
    on(&users, TUTORIAL_SECRET)
        .args(["issue", "--user", "alice", "--password-stdin"])
        .write_stdin("wrong\n")
        .assert()
        .code(7);
    // The app refuses what jwtctl refuses: a changed byte, another secret, an expired token.
    // (The first character of the signature: the last one has bits base64url must leave zero,
    // so changing it can make a malformed token rather than a forged one.)
    let sig_at = token.rfind('.').unwrap() + 1;
    let flipped = if &token[sig_at..=sig_at] == "A" {
        "B"
    } else {
        "A"
    };
    let tampered = format!("{}{flipped}{}", &token[..sig_at], &token[sig_at + 1..]);
    let other_secret = stdout_of(on(&users, "another-secret-of-at-least-32-bytes!!").args([
        "issue",
        "--user",
        "alice",
        "--no-auth",
    ]));
    let expired = stdout_of(on(&users, TUTORIAL_SECRET).args([
        "issue",
        "--user",
        "alice",
        "--no-auth",
        "--at",
        "2020-01-01T00:00:00Z",
    ]));
    for (what, t, code) in [
        ("tampered", &tampered, 4),
        ("other secret", &other_secret, 4),
        ("expired", &expired, 5),
    ] {
        assert_eq!(app.me(t).0, 401, "{what}");
        on(&users, TUTORIAL_SECRET)
            .args(["verify", t])
            .assert()
            .code(code);
    }

    // A token from the app's own /token verifies and decodes in jwtctl.
    let (status, body) = app.login("alice", PASSWORD);
    assert_eq!(status, 200, "{body}");
    let grant: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(grant["token_type"], "bearer");
    let app_token = grant["access_token"].as_str().unwrap();
    on(&users, TUTORIAL_SECRET)
        .args([
            "verify",
            "--sub",
            "alice",
            "--require",
            "exp",
            "--check-user",
        ])
        .arg(app_token)
        .assert()
        .success();
    let verdict: Value = serde_json::from_str(&stdout_of(
        on(&users, TUTORIAL_SECRET).args(["verify", "-o", "json", app_token]),
    ))
    .unwrap();
    assert_eq!(verdict["valid"], true, "{verdict}");
    assert_eq!(verdict["alg"], "HS256");
    let expires_in = verdict["expires_in"].as_i64().unwrap();
    assert!((1700..=1800).contains(&expires_in), "{verdict}"); // the tutorial's 30 minutes
    let decoded: Value = serde_json::from_str(&stdout_of(
        jwtctl().args(["decode", "-o", "json", app_token]),
    ))
    .unwrap();
    assert_eq!(decoded["header"]["alg"], "HS256");
    assert_eq!(decoded["payload"]["sub"], "alice");
    assert_eq!(decoded["signature_verified"], false);
    // With the wrong secret it is a forgery, and a disabled user fails --check-user.
    on(&users, "another-secret-of-at-least-32-bytes!!")
        .args(["verify", app_token])
        .assert()
        .code(4);
    on(&users, TUTORIAL_SECRET)
        .args(["users", "disable", "alice"])
        .assert()
        .success();
    on(&users, TUTORIAL_SECRET)
        .args(["verify", "--check-user", app_token])
        .assert()
        .code(6);
    // The app's own login refuses a wrong password, as `users check` does.
    assert_eq!(app.login("alice", "Wonderland").0, 401);
}
