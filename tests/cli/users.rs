//! The users file and `users …`, `issue --user`, `verify --check-user`.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use predicates::prelude::*;
use serde_json::Value;

use crate::hash::TUTORIAL_BCRYPT;
use crate::support::*;

const AUTH_FAILED: &str =
    "jwtctl: authentication failed: unknown user, wrong password, or disabled user\n";

/// A temp folder with a users file path in it (the file does not exist yet).
fn users_file(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempdir();
    let path = dir.path().join(name);
    (dir, path)
}

fn on(path: &Path) -> assert_cmd::Command {
    let mut c = with_secret();
    c.arg("--users").arg(path);
    c
}

fn add(path: &Path, name: &str, password: &str, extra: &[&str]) {
    on(path)
        .args(["users", "add", name, "--password-stdin"])
        .args(extra)
        .write_stdin(format!("{password}\n"))
        .assert()
        .success()
        .stderr(predicate::str::contains(format!("added user \"{name}\"")));
}

fn check(path: &Path, name: &str, password: &str) -> assert_cmd::assert::Assert {
    on(path)
        .args(["users", "check", name, "--password-stdin"])
        .write_stdin(format!("{password}\n"))
        .assert()
}

fn list_json(path: &Path) -> Value {
    serde_json::from_str(&stdout_of(on(path).args(["users", "list", "-o", "json"]))).unwrap()
}

fn names(path: &Path) -> Vec<String> {
    list_json(path)["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap().to_string())
        .collect()
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// A file written by hand: comments everywhere, a field and a table jwtctl does not know.
fn hand_written() -> String {
    format!(
        r#"# Staff accounts, reviewed every quarter.
upgrade_hashes = false

[users.alice] # the admin
password_hash = "{TUTORIAL_BCRYPT}" # imported 2026-01-02
scopes = ["items:read"]
department = "ops" # not a jwtctl field

# Bob is a contractor.
[users.bob]
password_hash = "{TUTORIAL_BCRYPT}"
disabled = false

[audit]
owner = "security@example.com"
"#
    )
}

#[test]
fn add_creates_a_private_file_in_the_documented_layout() {
    let (_d, path) = users_file("users.toml");
    add(
        &path,
        "alice",
        "secret",
        &[
            "--scope",
            "items:read items:write",
            "--claim",
            "role=admin",
            "--claim",
            "level=3",
        ],
    );
    assert_eq!(mode(&path), 0o600);
    let text = fs::read_to_string(&path).unwrap();
    let doc: toml_edit::DocumentMut = text.parse().unwrap();
    let alice = &doc["users"]["alice"];
    assert!(alice["password_hash"]
        .as_str()
        .unwrap()
        .starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
    assert_eq!(
        alice["scopes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect::<Vec<_>>(),
        ["items:read", "items:write"]
    );
    assert_eq!(alice["disabled"].as_bool(), Some(false));
    assert_eq!(alice["claims"]["role"].as_str(), Some("admin"));
    assert_eq!(alice["claims"]["level"].as_integer(), Some(3));
    check(&path, "alice", "secret").success();
}

#[test]
fn list_and_show_describe_users_but_never_print_the_hash() {
    let (_d, path) = users_file("users.toml");
    add(
        &path,
        "alice",
        "secret",
        &["--scope", "items:read", "--claim", "role=admin"],
    );
    add(&path, "bob", "hunter2", &["--disabled"]);
    let hash = fs::read_to_string(&path).unwrap();
    let hash = hash
        .split('"')
        .find(|s| s.starts_with("$argon2id"))
        .unwrap()
        .to_string();

    let v = list_json(&path);
    assert_eq!(v["users"][0]["name"], "alice");
    assert_eq!(v["users"][0]["scopes"], serde_json::json!(["items:read"]));
    assert_eq!(v["users"][0]["claims"]["role"], "admin");
    assert_eq!(v["users"][0]["hash_scheme"], "argon2id");
    assert_eq!(v["users"][0]["hash_outdated"], false);
    assert_eq!(v["users"][1]["disabled"], true);

    on(&path)
        .args(["users", "list"])
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"(?m)^alice +enabled +argon2id +items:read$").unwrap())
        .stdout(predicate::str::is_match(r"(?m)^bob +disabled +argon2id$").unwrap())
        .stdout(predicate::str::contains(&hash).not());
    on(&path)
        .args(["users", "show", "alice"])
        .assert()
        .success()
        .stdout(predicate::str::contains("argon2id (v=19 m=19456 t=2 p=1)"))
        .stdout(predicate::str::contains("{\"role\":\"admin\"}"))
        .stdout(predicate::str::contains(&hash).not());
    let shown: Value = serde_json::from_str(&stdout_of(
        on(&path).args(["users", "show", "bob", "-o", "json"]),
    ))
    .unwrap();
    assert_eq!(shown["disabled"], true);
    on(&path)
        .args(["users", "show", "carol"])
        .assert()
        .code(8)
        .stderr(predicate::str::contains("no user \"carol\""));
}

#[test]
fn duplicate_add_exits_9_and_leaves_the_file_untouched() {
    let (_d, path) = users_file("users.toml");
    add(&path, "alice", "secret", &[]);
    let before = fs::read(&path).unwrap();
    // Refused before any password is read: stdin is not even needed.
    on(&path)
        .args(["users", "add", "alice", "--password-stdin"])
        .assert()
        .code(9)
        .stderr(predicate::str::contains("user \"alice\" already exists"))
        .stderr(predicate::str::contains("hint:"));
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn bad_user_names_are_usage_errors_and_create_nothing() {
    let (_d, path) = users_file("users.toml");
    for (name, says) in [
        (String::new(), "it is empty"),
        ("al\u{1b}[31mice".to_string(), "control characters"),
        ("tab\tname".to_string(), "control characters"),
        ("x".repeat(257), "over the 256-byte limit"),
    ] {
        on(&path)
            .args(["users", "add", &name, "--password-stdin"])
            .write_stdin("secret\n")
            .assert()
            .code(2)
            .stderr(predicate::str::contains(says))
            .stderr(predicate::str::contains("hint:"));
    }
    assert!(!path.exists());
    add(&path, &"é".repeat(128), "secret", &[]);
}

#[test]
fn bad_passwords_are_usage_errors_and_create_nothing() {
    let (_d, path) = users_file("users.toml");
    for (stdin, says) in [
        ("\n".to_string(), "the password is empty"),
        (String::new(), "stdin is empty"),
        (
            format!("{}\n", "p".repeat(4097)),
            "over jwtctl's limit of 4096",
        ),
    ] {
        on(&path)
            .args(["users", "add", "alice", "--password-stdin"])
            .write_stdin(stdin)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(says));
    }
    // No terminal and no --password-stdin: no prompt to fall back on.
    on(&path)
        .args(["users", "add", "alice"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--password-stdin"));
    assert!(!path.exists());
}

#[test]
fn claims_jwtctl_sets_itself_or_null_are_refused() {
    let (_d, path) = users_file("users.toml");
    for claim in ["sub=bob", "exp=1", "token_use=refresh", "x=null", "novalue"] {
        on(&path)
            .args([
                "users",
                "add",
                "alice",
                "--password-stdin",
                "--claim",
                claim,
            ])
            .write_stdin("secret\n")
            .assert()
            .code(2)
            .stderr(predicate::str::contains("--claim"));
    }
    assert!(!path.exists());
}

#[test]
fn passwd_replaces_the_hash_and_refuses_unknown_users() {
    let (_d, path) = users_file("users.toml");
    add(&path, "alice", "old password", &[]);
    on(&path)
        .args(["users", "passwd", "alice", "--password-stdin"])
        .write_stdin("new password\n")
        .assert()
        .success();
    check(&path, "alice", "old password").code(7);
    check(&path, "alice", "new password").success();

    let before = fs::read(&path).unwrap();
    on(&path)
        .args(["users", "passwd", "bob", "--password-stdin"])
        .write_stdin("x\n")
        .assert()
        .code(8)
        .stderr(predicate::str::contains("no user \"bob\""))
        .stderr(predicate::str::contains("hint:"));
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn remove_deletes_one_user_and_refuses_unknown_users() {
    let (_d, path) = users_file("users.toml");
    add(&path, "alice", "secret", &[]);
    add(&path, "bob", "secret", &[]);
    on(&path)
        .args(["users", "remove", "alice"])
        .assert()
        .success();
    assert_eq!(names(&path), ["bob"]);
    let before = fs::read(&path).unwrap();
    on(&path)
        .args(["users", "remove", "alice"])
        .assert()
        .code(8)
        .stderr(predicate::str::contains("no user \"alice\""));
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn a_missing_users_file_exits_10_with_a_hint() {
    let (_d, path) = users_file("users.toml");
    for args in [
        &["users", "list"][..],
        &["users", "show", "alice"],
        &["users", "remove", "alice"],
        &["users", "disable", "alice"],
        &["users", "enable", "alice"],
        &["users", "passwd", "alice", "--password-stdin"],
    ] {
        on(&path)
            .args(args)
            .write_stdin("pw\n")
            .assert()
            .code(10)
            .stdout("")
            .stderr(predicate::str::contains("does not exist"))
            .stderr(predicate::str::contains(
                "hint: create it with `jwtctl users add NAME`",
            ));
    }
    assert!(!path.exists());
}

#[test]
fn unknown_user_wrong_password_and_disabled_user_look_the_same() {
    let (_d, path) = users_file("users.toml");
    add(&path, "alice", "secret", &[]);
    add(&path, "bob", "secret", &[]);
    on(&path)
        .args(["users", "disable", "bob"])
        .assert()
        .success();
    on(&path)
        .args(["users", "disable", "bob"])
        .assert()
        .success()
        .stderr(predicate::str::contains("already disabled"));

    let stderr_of = |a: assert_cmd::assert::Assert| {
        let out = a.code(7).get_output().clone();
        assert!(out.stdout.is_empty());
        String::from_utf8(out.stderr).unwrap()
    };
    let wrong = stderr_of(check(&path, "alice", "Secret"));
    let unknown = stderr_of(check(&path, "carol", "secret"));
    let disabled = stderr_of(check(&path, "bob", "secret"));
    assert!(wrong.starts_with(AUTH_FAILED), "{wrong}");
    assert_eq!(wrong, unknown);
    assert_eq!(wrong, disabled);

    on(&path)
        .args(["users", "enable", "bob"])
        .assert()
        .success();
    check(&path, "bob", "secret")
        .success()
        .stdout(predicate::str::contains("user \"bob\" authenticated"));
}

fn fastapi_db(dir: &Path, second_hash: &str) -> PathBuf {
    let path = dir.join("fake_users_db.json");
    let db = serde_json::json!({
        "johndoe": {
            "username": "johndoe",
            "full_name": "John Doe",
            "email": "johndoe@example.com",
            "hashed_password": TUTORIAL_BCRYPT,
            "disabled": false,
        },
        "alice": {
            "username": "alice",
            "full_name": "Alice Wonderson",
            "email": "alice@example.com",
            "hashed_password": second_hash,
            "disabled": true,
        },
    });
    fs::write(&path, db.to_string()).unwrap();
    path
}

#[test]
fn import_reads_the_fastapi_tutorial_shape_and_keeps_bcrypt_hashes() {
    let (dir, path) = users_file("users.toml");
    let db = fastapi_db(dir.path(), TUTORIAL_BCRYPT);
    on(&path)
        .args(["users", "import"])
        .arg(&db)
        .assert()
        .success()
        .stderr(predicate::str::contains("2 added"));
    assert_eq!(mode(&path), 0o600);
    check(&path, "johndoe", "secret").success();
    check(&path, "alice", "secret").code(7); // disabled in the tutorial's data
    let v = list_json(&path);
    assert_eq!(v["users"][0]["hash_scheme"], "bcrypt");
    assert_eq!(v["users"][0]["hash_outdated"], true);
    assert_eq!(v["users"][0]["other"]["full_name"], "John Doe");
    assert_eq!(v["users"][0]["other"]["email"], "johndoe@example.com");
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(TUTORIAL_BCRYPT), "{text}");

    // Again: every name exists, so nothing happens without --replace.
    let before = fs::read(&path).unwrap();
    on(&path)
        .args(["users", "import"])
        .arg(&db)
        .assert()
        .code(9)
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(fs::read(&path).unwrap(), before);
    on(&path)
        .args(["users", "import", "--replace"])
        .arg(&db)
        .assert()
        .success()
        .stderr(predicate::str::contains("2 replaced"));

    // `-` reads the same shape from stdin.
    let (_d2, other) = users_file("users.json");
    on(&other)
        .args(["users", "import", "-"])
        .write_stdin(fs::read(&db).unwrap())
        .assert()
        .success();
    assert_eq!(names(&other), ["johndoe", "alice"]);

    // passwd moves an imported user to argon2id.
    on(&path)
        .args(["users", "passwd", "johndoe", "--password-stdin"])
        .write_stdin("secret\n")
        .assert()
        .success();
    assert_eq!(list_json(&path)["users"][0]["hash_scheme"], "argon2id");
}

#[test]
fn import_checks_every_entry_before_writing_anything() {
    let (dir, path) = users_file("users.toml");
    let db = fastapi_db(dir.path(), "$pbkdf2-sha256$29000$N2bMWSvl$aGVsbG8");
    on(&path)
        .args(["users", "import"])
        .arg(&db)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("user \"alice\""))
        .stderr(predicate::str::contains("pbkdf2-sha256"));
    assert!(!path.exists());

    let not_json = dir.path().join("db.py");
    fs::write(&not_json, "fake_users_db = {\n  'alice': {}\n}\n").unwrap();
    on(&path)
        .args(["users", "import"])
        .arg(&not_json)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "is not valid JSON (line 1, column",
        ))
        .stderr(predicate::str::contains("hint:"));
    assert!(!path.exists());
}

#[test]
fn upgrade_hashes_rehashes_an_old_hash_on_the_next_login() {
    let (dir, path) = users_file("users.toml");
    let db = fastapi_db(dir.path(), TUTORIAL_BCRYPT);
    on(&path)
        .args(["users", "import"])
        .arg(&db)
        .assert()
        .success();

    // Off by default: a login leaves the bcrypt hash alone.
    check(&path, "johndoe", "secret").success();
    assert_eq!(list_json(&path)["users"][0]["hash_scheme"], "bcrypt");

    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, format!("upgrade_hashes = true\n{text}")).unwrap();
    check(&path, "johndoe", "wrong").code(7);
    assert_eq!(list_json(&path)["users"][0]["hash_scheme"], "bcrypt");
    on(&path)
        .args(["issue", "--user", "johndoe", "--password-stdin"])
        .write_stdin("secret\n")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "upgraded the password hash of \"johndoe\"",
        ));
    let v = list_json(&path);
    assert_eq!(v["users"][0]["hash_scheme"], "argon2id");
    assert_eq!(v["users"][0]["other"]["full_name"], "John Doe");
    assert_eq!(v["users"][1]["hash_scheme"], "bcrypt");
    check(&path, "johndoe", "secret").success();
}

#[test]
fn a_file_that_does_not_parse_is_reported_with_line_and_column_and_never_written() {
    let (_d, path) = users_file("users.toml");
    let broken = "[users.alice]\npassword_hash = \"$2b$12$unterminated\nscopes = []\n";
    fs::write(&path, broken).unwrap();
    let add_attempt = || {
        on(&path)
            .args(["users", "add", "bob", "--password-stdin"])
            .write_stdin("secret\n")
            .assert()
    };
    for assert in [
        add_attempt(),
        on(&path).args(["users", "remove", "alice"]).assert(),
        on(&path).args(["users", "disable", "alice"]).assert(),
        on(&path).args(["users", "list"]).assert(),
    ] {
        assert
            .code(1)
            .stderr(predicate::str::contains(
                "is not valid TOML (line 2, column",
            ))
            .stderr(predicate::str::contains("hint: fix the file by hand"));
    }
    assert_eq!(fs::read_to_string(&path).unwrap(), broken);

    let (_d, json) = users_file("users.json");
    fs::write(
        &json,
        "{\"users\": {\"alice\": {\"password_hash\": \"x\",}}}",
    )
    .unwrap();
    on(&json)
        .args(["users", "add", "bob", "--password-stdin"])
        .write_stdin("secret\n")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "is not valid JSON (line 1, column",
        ));

    fs::write(&path, b"[users.alice]\npassword_hash = \"\xff\"\n").unwrap();
    on(&path)
        .args(["users", "list"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not UTF-8 text"))
        .stderr(predicate::str::contains("line 2"));
}

#[test]
fn fields_of_the_wrong_type_are_reported_where_they_are() {
    let (_d, path) = users_file("users.toml");
    fs::write(
        &path,
        format!("[users.alice]\npassword_hash = \"{TUTORIAL_BCRYPT}\"\n\nscopes = 3\n"),
    )
    .unwrap();
    on(&path)
        .args(["users", "list"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "(line 4, column 10): scopes of user \"alice\"",
        ));
    fs::write(&path, "users = 1\n").unwrap();
    on(&path)
        .args(["users", "list"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("users must be a table"));
}

#[test]
fn a_user_without_a_hash_or_with_an_unknown_scheme_cannot_log_in_until_passwd() {
    let (_d, path) = users_file("users.toml");
    fs::write(
        &path,
        "[users.alice]\nscopes = []\n\n[users.bob]\npassword_hash = \"$pbkdf2-sha256$29000$N2bMWSvl$aGVsbG8\"\n\n[users.carol]\npassword_hash = \"plaintext-oops\"\n",
    )
    .unwrap();
    check(&path, "alice", "secret")
        .code(1)
        .stderr(predicate::str::contains("user \"alice\""))
        .stderr(predicate::str::contains("there is no password hash"))
        .stderr(predicate::str::contains(
            "hint: set a new password with `jwtctl users passwd alice`",
        ));
    check(&path, "bob", "secret")
        .code(1)
        .stderr(predicate::str::contains("scheme \"pbkdf2-sha256\""));
    check(&path, "carol", "secret")
        .code(1)
        .stderr(predicate::str::contains("malformed"))
        .stderr(predicate::str::contains("plaintext-oops").not());
    on(&path)
        .args(["users", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no password"))
        .stderr(predicate::str::contains("user \"alice\" cannot log in"));
    on(&path)
        .args(["users", "passwd", "alice", "--password-stdin"])
        .write_stdin("secret\n")
        .assert()
        .success();
    check(&path, "alice", "secret").success();
}

#[test]
fn comments_order_and_unknown_fields_survive_edits() {
    let (_d, path) = users_file("users.toml");
    fs::write(&path, hand_written()).unwrap();
    add(&path, "carol", "secret", &["--scope", "items:read"]);
    on(&path)
        .args(["users", "passwd", "alice", "--password-stdin"])
        .write_stdin("new secret\n")
        .assert()
        .success();
    on(&path)
        .args(["users", "disable", "bob"])
        .assert()
        .success();
    on(&path)
        .args(["users", "remove", "carol"])
        .assert()
        .success();

    let text = fs::read_to_string(&path).unwrap();
    for kept in [
        "# Staff accounts, reviewed every quarter.\nupgrade_hashes = false\n",
        "[users.alice] # the admin\n",
        "\" # imported 2026-01-02\n",
        "department = \"ops\" # not a jwtctl field\n",
        "# Bob is a contractor.\n[users.bob]\n",
        "disabled = true\n",
        "[audit]\nowner = \"security@example.com\"\n",
    ] {
        assert!(text.contains(kept), "lost {kept:?} in:\n{text}");
    }
    assert!(!text.contains("carol"), "{text}");
    let alice = text.find("[users.alice]").unwrap();
    let bob = text.find("[users.bob]").unwrap();
    let audit = text.find("[audit]").unwrap();
    assert!(alice < bob && bob < audit, "{text}");
    check(&path, "alice", "new secret").success();
    assert_eq!(list_json(&path)["users"][0]["other"]["department"], "ops");
}

#[test]
fn inline_dotted_and_sub_table_users_can_be_edited() {
    let shapes = [
        format!("users = {{ alice = {{ password_hash = \"{TUTORIAL_BCRYPT}\" }} }}\n"),
        format!("users.alice.password_hash = \"{TUTORIAL_BCRYPT}\"\nusers.alice.scopes = [\"a\"]\n"),
        format!("[users]\nalice = {{ password_hash = \"{TUTORIAL_BCRYPT}\" }} # inline\n"),
        format!("[users.alice]\npassword_hash = \"{TUTORIAL_BCRYPT}\"\n[users.alice.claims]\nrole = \"admin\"\n"),
    ];
    for shape in shapes {
        let (_d, path) = users_file("users.toml");
        fs::write(&path, &shape).unwrap();
        add(&path, "bob", "pw", &[]);
        on(&path)
            .args(["users", "disable", "alice"])
            .assert()
            .success();
        on(&path)
            .args(["users", "passwd", "alice", "--password-stdin"])
            .write_stdin("new\n")
            .assert()
            .success();
        let text = fs::read_to_string(&path).unwrap();
        assert_eq!(names(&path), ["alice", "bob"], "{shape}\n=>\n{text}");
        check(&path, "bob", "pw").success();
        check(&path, "alice", "new").code(7); // disabled
        on(&path)
            .args(["users", "enable", "alice"])
            .assert()
            .success();
        check(&path, "alice", "new").success();
    }
}

#[test]
fn json_users_files_keep_key_order_and_unknown_fields() {
    let (_d, path) = users_file("users.json");
    fs::write(
        &path,
        format!(
            r#"{{"comment": "kept", "users": {{"zed": {{"password_hash": "{TUTORIAL_BCRYPT}", "team": "b"}}}}}}"#
        ),
    )
    .unwrap();
    add(&path, "alice", "secret", &["--claim", "tags=[\"a\",null]"]);
    on(&path)
        .args(["users", "disable", "zed"])
        .assert()
        .success();
    let text = fs::read_to_string(&path).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["comment", "users"]);
    let users: Vec<&String> = v["users"].as_object().unwrap().keys().collect();
    assert_eq!(users, ["zed", "alice"]);
    assert_eq!(v["users"]["zed"]["team"], "b");
    assert_eq!(v["users"]["zed"]["disabled"], true);
    assert_eq!(
        v["users"]["alice"]["claims"]["tags"],
        serde_json::json!(["a", null])
    );
    check(&path, "alice", "secret").success();

    // --users-format decides when the extension does not.
    let (_d, odd) = users_file("users.db");
    on(&odd)
        .args([
            "--users-format",
            "json",
            "users",
            "add",
            "amy",
            "--password-stdin",
        ])
        .write_stdin("secret\n")
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&fs::read(&odd).unwrap()).unwrap();
    assert!(v["users"]["amy"]["password_hash"].is_string());
}

#[test]
fn null_claims_cannot_go_into_a_toml_file() {
    let (_d, path) = users_file("users.toml");
    on(&path)
        .args([
            "users",
            "add",
            "alice",
            "--password-stdin",
            "--claim",
            "tags=[\"a\",null]",
        ])
        .write_stdin("secret\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("null, which TOML cannot store"))
        .stderr(predicate::str::contains("hint:"));
    assert!(!path.exists());
}

#[test]
fn edits_keep_the_file_mode_and_warn_when_others_can_read_it() {
    let (_d, path) = users_file("users.toml");
    add(&path, "alice", "secret", &[]);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    on(&path)
        .args(["users", "disable", "alice"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "readable by other users (mode 640)",
        ))
        .stderr(predicate::str::contains("chmod 600"));
    assert_eq!(mode(&path), 0o640);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    on(&path)
        .args(["users", "list"])
        .assert()
        .success()
        .stderr(predicate::str::contains("readable").not());
}

#[test]
fn a_symlinked_users_file_stays_a_symlink() {
    let dir = tempdir();
    fs::create_dir(dir.path().join("real")).unwrap();
    let real = dir.path().join("real/users.toml");
    let link = dir.path().join("users.toml");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    add(&link, "alice", "secret", &[]);
    add(&link, "bob", "secret", &[]);
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(names(&real), ["alice", "bob"]);
}

#[test]
fn fifty_concurrent_adds_all_land_and_readers_always_see_a_whole_file() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let (_d, path) = users_file("users.toml");
    add(&path, "first", "secret", &[]);
    let bin = env!("CARGO_BIN_EXE_jwtctl");
    let spawn = |args: &[&str]| {
        Command::new(bin)
            .env_remove("JWTCTL_USERS")
            .env("NO_COLOR", "1")
            .arg("--users")
            .arg(&path)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let mut children = Vec::new();
    for i in 0..50 {
        let name = format!("user{i:02}");
        let mut writer = spawn(&["users", "add", &name, "--password-stdin"]);
        writer
            .stdin
            .take()
            .unwrap()
            .write_all(format!("password {i}\n").as_bytes())
            .unwrap();
        children.push(("add", writer));
        if i % 5 == 0 {
            children.push(("list", spawn(&["users", "list", "-o", "json"])));
        }
    }
    for (what, child) in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{what}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        if what == "list" {
            let v: Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(v["users"][0]["name"], "first");
        }
    }
    let mut got = names(&path);
    got.sort();
    let mut want: Vec<String> = (0..50).map(|i| format!("user{i:02}")).collect();
    want.push("first".into());
    want.sort();
    assert_eq!(got, want);
    check(&path, "user37", "password 37").success();
    // Only the file and its lock are left: no temp files.
    let mut entries: Vec<String> = fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    entries.sort();
    assert_eq!(entries, ["users.toml", "users.toml.lock"]);
}

#[test]
fn a_write_that_fails_midway_leaves_the_old_file_intact() {
    use std::process::Command;
    let (_d, path) = users_file("users.toml");
    let mut text = hand_written();
    for i in 0..50 {
        text.push_str(&format!(
            "\n[users.member{i}]\npassword_hash = \"{TUTORIAL_BCRYPT}\"\n"
        ));
    }
    fs::write(&path, &text).unwrap();
    assert!(text.len() > 4096);
    // A real fault in the middle of writing the new file: the file size limit (1-2 KiB,
    // depending on the shell's block size) makes write() fail with EFBIG part way through,
    // with SIGXFSZ ignored so that the process sees the error instead of dying.
    let out = Command::new("sh")
        .arg("-c")
        .arg("printf 'secret\\n' | (ulimit -f 2 && trap '' XFSZ && exec \"$0\" \"$@\")")
        .arg(env!("CARGO_BIN_EXE_jwtctl"))
        .arg("--users")
        .arg(&path)
        .args(["users", "add", "zed", "--password-stdin"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("jwtctl: cannot write"), "{stderr}");
    assert!(stderr.contains("File too large"), "{stderr}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    let leftovers: Vec<_> = fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // Without the limit the same edit goes through.
    add(&path, "zed", "secret", &[]);
    assert_eq!(names(&path).len(), 53);
}

#[test]
fn issue_user_signs_for_an_authenticated_user_and_verify_accepts_it() {
    let (_d, path) = users_file("users.toml");
    add(
        &path,
        "alice",
        "secret",
        &["--scope", "items:read items:write", "--claim", "role=admin"],
    );
    let out = stdout_of(
        on(&path)
            .args([
                "issue",
                "--user",
                "alice",
                "--password-stdin",
                "--output",
                "oauth2",
            ])
            .write_stdin("secret\n"),
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["token_type"], "bearer");
    assert_eq!(v["expires_in"], 1800);
    assert_eq!(v["scope"], "items:read items:write");
    let token = v["access_token"].as_str().unwrap();

    let report: Value = serde_json::from_str(&stdout_of(on(&path).args([
        "verify",
        "--check-user",
        "--scope",
        "items:write",
        "--output",
        "json",
        token,
    ])))
    .unwrap();
    assert_eq!(report["valid"], true);
    assert_eq!(report["payload"]["sub"], "alice");
    assert_eq!(report["payload"]["scope"], "items:read items:write");
    assert_eq!(report["payload"]["role"], "admin");
}

#[test]
fn issue_user_fails_alike_for_unknown_wrong_and_disabled_and_no_auth_says_so() {
    let (_d, path) = users_file("users.toml");
    add(&path, "alice", "secret", &[]);
    add(&path, "bob", "secret", &["--disabled"]);
    let failed = |user: &str, password: &str| {
        on(&path)
            .args(["issue", "--user", user, "--password-stdin"])
            .write_stdin(format!("{password}\n"))
            .assert()
            .code(7)
            .stdout("")
            .stderr(predicate::str::starts_with(AUTH_FAILED));
    };
    failed("alice", "wrong");
    failed("nobody", "secret");
    failed("bob", "secret");

    let token = stdout_of(on(&path).args(["issue", "--user", "alice", "--no-auth"]));
    on(&path)
        .args(["issue", "--user", "alice", "--no-auth"])
        .assert()
        .success()
        .stderr(predicate::str::contains("--no-auth"))
        .stderr(predicate::str::contains("without checking a password"));
    on(&path).args(["verify", "-q", &token]).assert().success();
    on(&path)
        .args(["issue", "--user", "bob", "--no-auth"])
        .assert()
        .code(7)
        .stderr(predicate::str::contains("user \"bob\" is disabled"));
}

#[test]
fn verify_check_user_fails_with_6_for_disabled_and_unknown_subjects() {
    let (_d, path) = users_file("users.toml");
    add(&path, "alice", "secret", &[]);
    let token = stdout_of(
        on(&path)
            .args(["issue", "--user", "alice", "--password-stdin"])
            .write_stdin("secret\n"),
    );
    on(&path)
        .args(["verify", "--check-user", "-q", &token])
        .assert()
        .success();
    on(&path)
        .args(["users", "disable", "alice"])
        .assert()
        .success();
    on(&path)
        .args(["verify", "--check-user", &token])
        .assert()
        .code(6)
        .stdout(predicate::str::contains("user \"alice\" is disabled"));
    // The signature alone is still fine (without --users, which would imply --check-user).
    with_secret()
        .args(["verify", "-q", &token])
        .assert()
        .success();

    let stranger = stdout_of(with_secret().args(["issue", "--sub", "mallory"]));
    on(&path)
        .args(["verify", "--check-user", &stranger])
        .assert()
        .code(6)
        .stdout(predicate::str::contains("sub \"mallory\" is not a user"));

    let (_d2, missing) = users_file("users.toml");
    on(&missing)
        .args(["verify", "--check-user", &token])
        .assert()
        .code(10)
        .stderr(predicate::str::contains("does not exist"));
}

#[test]
fn the_example_users_file_logs_alice_in_with_the_tutorial_password() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/users.toml");
    let token = stdout_of(
        on(&example)
            .args(["issue", "--user", "alice", "--password-stdin"])
            .write_stdin("secret\n"),
    );
    let report: Value = serde_json::from_str(&stdout_of(on(&example).args([
        "verify",
        "--check-user",
        "--output",
        "json",
        &token,
    ])))
    .unwrap();
    assert_eq!(report["payload"]["sub"], "alice");
    assert_eq!(report["payload"]["scope"], "items:read items:write");
    check(&example, "alice", "wrong").code(7);
}

/// bcrypt at cost 4 of "secret": a cheap hash for a file of thousands of users.
const CHEAP_BCRYPT: &str = "$2b$04$u3o5eGoRYaPh/MaFhPySzu.ypsxjMCkh4mEf24LWaXBdjkz215cN2";

/// A users file large enough to be read in pieces (over 256 KiB): 3,000 users laid out as
/// `users add` writes them, a comment, a table jwtctl does not know, a comment at the end.
fn large_users_file(path: &Path) -> String {
    let mut text = String::from("# many users\nupgrade_hashes = false\n\n");
    for i in 0..3000 {
        if i == 1500 {
            text.push_str("# the second half\n");
        }
        // A field jwtctl does not know, with its comment, in the user the test edits.
        let team = if i == 1500 {
            "team = \"ops\" # kept as written\n"
        } else {
            ""
        };
        text.push_str(&format!(
            "[users.user{i}]\n{team}password_hash = \"{CHEAP_BCRYPT}\"\nscopes = [\"items:read\"]\ndisabled = false\n\n"
        ));
    }
    text.push_str("[billing]\nplan = \"pro\"\n\n# end of file\n");
    fs::write(path, &text).unwrap();
    fs::set_permissions(path, fs::Permissions::from_mode(0o600)).unwrap();
    text
}

#[test]
fn a_large_users_file_is_read_and_edited_in_place() {
    let (_dir, path) = users_file("users.toml");
    let original = large_users_file(&path);

    let list = stdout_of(on(&path).args(["users", "list"]));
    assert_eq!(list.lines().count(), 3000, "{list}");
    assert!(list
        .lines()
        .any(|l| l.starts_with("user2999 ") && l.ends_with("items:read")));
    check(&path, "user2999", "secret")
        .success()
        .stdout("✓  user \"user2999\" authenticated\n");
    check(&path, "user17", "wrong")
        .code(7)
        .stderr(predicate::str::starts_with(AUTH_FAILED));
    let token = stdout_of(
        on(&path)
            .args(["issue", "--user", "user1500", "--password-stdin"])
            .write_stdin("secret\n"),
    );
    on(&path)
        .args(["verify", "--check-user", token.trim()])
        .assert()
        .success();
    on(&path)
        .args(["users", "show", "user42"])
        .assert()
        .success()
        .stdout(predicate::str::contains("scopes    items:read"));

    // Each edit changes its user's lines and nothing else.
    on(&path)
        .args(["users", "disable", "user1500"])
        .assert()
        .success();
    let disabled = fs::read_to_string(&path).unwrap();
    let table = "[users.user1500]\nteam = \"ops\" # kept as written\npassword_hash = \"";
    let at = original.find(table).unwrap();
    let end = at + original[at..].find("disabled = false").unwrap();
    assert_eq!(
        disabled,
        format!(
            "{}disabled = true{}",
            &original[..end],
            &original[end + "disabled = false".len()..]
        )
    );
    on(&path)
        .args(["verify", "--check-user", token.trim()])
        .assert()
        .code(6)
        .stdout(predicate::str::contains("user \"user1500\" is disabled"));
    on(&path)
        .args(["users", "remove", "user7"])
        .assert()
        .success();
    let removed = fs::read_to_string(&path).unwrap();
    let user7 = format!("[users.user7]\npassword_hash = \"{CHEAP_BCRYPT}\"\nscopes = [\"items:read\"]\ndisabled = false\n\n");
    assert_eq!(removed, disabled.replacen(&user7, "", 1));
    add(&path, "newbie", "a-long-enough-password", &[]);
    // The new table goes after the last user, as toml_edit places it, before [billing].
    let added = fs::read_to_string(&path).unwrap();
    let start = added
        .find("\n[users.newbie]\npassword_hash = \"$argon2id$")
        .unwrap();
    let end = start + added[start..].find("\n[billing]").unwrap();
    assert_eq!(format!("{}{}", &added[..start], &added[end..]), removed);
    check(&path, "newbie", "a-long-enough-password").success();
    let list = stdout_of(on(&path).args(["users", "list"]));
    assert_eq!(list.lines().count(), 3000);
    assert!(!list.contains("user7 "));
    assert!(list
        .lines()
        .any(|l| l.starts_with("user1500 ") && l.contains("disabled")));
}

#[test]
fn a_large_json_users_file_is_read_and_edited_in_place() {
    let (_dir, path) = users_file("users.json");
    let users: serde_json::Map<String, Value> = (0..3000)
        .map(|i| {
            let user = serde_json::json!({
                "password_hash": CHEAP_BCRYPT, "scopes": ["items:read"], "disabled": i == 5,
                "team": "ops"
            });
            (format!("user{i}"), user)
        })
        .collect();
    let mut expected = serde_json::json!({ "upgrade_hashes": false, "users": users, "x": [1] });
    let pretty = |v: &Value| serde_json::to_string_pretty(v).unwrap() + "\n";
    fs::write(&path, pretty(&expected)).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    assert_eq!(
        stdout_of(on(&path).args(["users", "list"])).lines().count(),
        3000
    );
    check(&path, "user2999", "secret").success();
    check(&path, "user5", "secret")
        .code(7)
        .stderr(predicate::str::starts_with(AUTH_FAILED));
    on(&path)
        .args(["users", "show", "user9999"])
        .assert()
        .code(8)
        .stderr(predicate::str::contains("no user \"user9999\""));

    // Edits leave the file as editing the whole document would: key order and fields kept.
    on(&path)
        .args(["users", "enable", "user5"])
        .assert()
        .success();
    expected["users"]["user5"]["disabled"] = Value::Bool(false);
    on(&path)
        .args(["users", "remove", "user0"])
        .assert()
        .success();
    expected["users"]
        .as_object_mut()
        .unwrap()
        .shift_remove("user0");
    add(&path, "newbie", "a-long-enough-password", &[]);
    let written: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    expected["users"]["newbie"] = written["users"]["newbie"].clone();
    assert_eq!(fs::read_to_string(&path).unwrap(), pretty(&expected));
    check(&path, "newbie", "a-long-enough-password").success();
    check(&path, "user5", "secret").success();
    on(&path)
        .args(["users", "show", "user0"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no user \"user0\""));
}

#[test]
fn a_large_users_file_with_clients_keeps_user_and_client_names_apart() {
    let (_dir, path) = users_file("users.toml");
    let text = large_users_file(&path);
    let text = format!("{text}\n[clients.svc]\nsecret_hash = \"{CHEAP_BCRYPT}\"\n");
    fs::write(&path, &text).unwrap();
    on(&path)
        .args(["users", "add", "svc", "--password-stdin"])
        .write_stdin("a-long-enough-password\n")
        .assert()
        .code(9)
        .stderr(predicate::str::contains("\"svc\" is already a client"));
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    on(&path)
        .args(["users", "disable", "user3"])
        .assert()
        .success();
    let user3 = "[users.user3]\npassword_hash = \"";
    let at = text.find(user3).unwrap();
    let end = at + text[at..].find("disabled = false").unwrap();
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        format!(
            "{}disabled = true{}",
            &text[..end],
            &text[end + "disabled = false".len()..]
        )
    );
}

#[test]
fn a_broken_large_users_file_is_refused_with_the_line() {
    let (_dir, path) = users_file("users.toml");
    let text = large_users_file(&path);
    let broken = text.replacen("[users.user2000]\n", "[users.user2000]\nscopes = [\n", 1);
    fs::write(&path, &broken).unwrap();
    on(&path)
        .args(["users", "disable", "user3"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is not valid TOML (line 100"));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        broken,
        "the file is not rewritten"
    );
    on(&path)
        .args(["users", "list"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is not valid TOML (line 100"));
}

/// README's table of which `users` edits may be run twice, and the codes scripts branch on.
#[test]
fn provisioning_scripts_can_tell_taken_gone_and_missing_apart() {
    let (_d, path) = users_file("users.toml");
    add(&path, "bob", "pw", &[]);
    // disable and enable are idempotent: the second run succeeds and says so.
    for (verb, state) in [("disable", "disabled"), ("enable", "enabled")] {
        for _ in 0..2 {
            on(&path).args(["users", verb, "bob"]).assert().success();
        }
        on(&path)
            .args(["users", verb, "bob"])
            .assert()
            .success()
            .stdout("")
            .stderr(predicate::str::contains(format!("was already {state}")));
    }
    // add and remove are not: the second run has its own code, and the file is unchanged.
    let before = fs::read(&path).unwrap();
    on(&path)
        .args(["users", "add", "bob", "--password-stdin"])
        .write_stdin("pw\n")
        .assert()
        .code(9)
        .stdout("")
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(fs::read(&path).unwrap(), before);
    on(&path)
        .args(["users", "remove", "bob"])
        .assert()
        .success();
    on(&path)
        .args(["users", "remove", "bob"])
        .assert()
        .code(8)
        .stdout("")
        .stderr(predicate::str::contains("no user \"bob\""))
        .stderr(predicate::str::contains("hint:"));
    for verb in ["disable", "enable", "show"] {
        on(&path).args(["users", verb, "bob"]).assert().code(8);
    }
    // An operator's --no-auth names a user who is not there: 8 too (a login stays 7).
    on(&path)
        .args(["issue", "--user", "bob", "--no-auth"])
        .assert()
        .code(8)
        .stdout("")
        .stderr(predicate::str::contains("no user \"bob\""));
    check(&path, "bob", "pw").code(7);
    // import creates a missing file, as add does; the others exit 10 and create nothing.
    let (_d2, fresh) = users_file("new.toml");
    on(&fresh)
        .args(["users", "remove", "bob"])
        .assert()
        .code(10)
        .stderr(predicate::str::contains("does not exist"));
    assert!(!fresh.exists());
    add(&fresh, "bob", "pw", &[]);
    assert_eq!(names(&fresh), ["bob"]);
}
