//! Every example a person may paste runs: the `Examples:` of every `--help` and every line of the
//! README's shell blocks, each source in a scratch folder of its own that holds the files and
//! variables the examples name. Lines that cannot run here (a remote issuer, a prompt on a
//! terminal, a server that runs until stopped, building jwtctl itself) are listed below with the
//! reason and reported as skipped, so a new example either runs or is skipped on purpose.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::support::*;

/// Lines containing the first text are not run, for the reason given.
const SKIPPED: &[(&str, &str)] = &[
    (
        "cargo ",
        "builds, installs or tests jwtctl itself: CI does that",
    ),
    (".ci/run", "the whole CI"),
    (
        "fuzz",
        "the fuzzing recipe (cargo-fuzz, an hour per target)",
    ),
    ("--jwks https://", "needs a remote issuer"),
    ("--oidc https://", "needs a remote issuer"),
    (
        "jwtctl serve",
        "a server that runs until stopped (tests/cli/serve.rs runs it)",
    ),
    ("kill %1", "stops the server started above"),
    ("localhost:8000", "asks a server on port 8000"),
    ("127.0.0.1:8000/", "asks a server on port 8000"),
    (
        "jwtctl ui",
        "a server that runs until stopped (tests/cli/ui runs it)",
    ),
    ("pbpaste", "reads the macOS clipboard"),
    ("&& man ", "opens man's pager"),
    ("/etc/api/", "edits a users file of the system"),
    ("/run/secrets/", "reads a passphrase the system keeps"),
];

/// Lines that ask on a terminal: no flag or pipe gives them their input.
const PROMPTING: &[&str] = &[
    "jwtctl hash",
    "jwtctl users passwd alice",
    "jwtctl users passwd bob",
    "jwtctl users add alice --scope 'items:read items:write' --claim role=admin",
    "jwtctl users check alice",
];

struct Source {
    name: String,
    lines: Vec<String>,
}

fn bin_dir() -> PathBuf {
    assert_cmd::cargo::cargo_bin("jwtctl")
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The subcommand paths, from the `Commands:` section of each help, recursively.
fn command_paths(prefix: &[String], out: &mut Vec<Vec<String>>) {
    let help = stdout_of(jwtctl().args(prefix).arg("--help"));
    out.push(prefix.to_vec());
    let mut in_commands = false;
    for line in help.lines() {
        if line == "Commands:" {
            in_commands = true;
            continue;
        }
        if in_commands {
            let Some(name) = line
                .strip_prefix("  ")
                .and_then(|l| l.split_whitespace().next())
            else {
                break;
            };
            if line.starts_with("   ") || name == "help" {
                continue;
            }
            let mut path = prefix.to_vec();
            path.push(name.to_string());
            command_paths(&path, out);
        }
    }
}

fn help_sources() -> Vec<Source> {
    let mut paths = Vec::new();
    command_paths(&[], &mut paths);
    let mut out = Vec::new();
    for path in paths {
        let help = stdout_of(jwtctl().args(&path).arg("--help"));
        let lines = commands(
            help.lines()
                .skip_while(|l| *l != "Examples:")
                .skip(1)
                .take_while(|l| l.starts_with("  ")),
        );
        if !lines.is_empty() {
            out.push(Source {
                name: format!("jwtctl {} --help", path.join(" ")).replace("  ", " "),
                lines,
            });
        }
    }
    out
}

fn readme_sources() -> Vec<Source> {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let mut out = Vec::new();
    let mut block: Option<(usize, Vec<String>)> = None;
    for (i, line) in readme.lines().enumerate() {
        match &mut block {
            None if line == "```sh" => block = Some((i + 2, Vec::new())),
            None => {}
            Some((start, lines)) if line == "```" => {
                out.push(Source {
                    name: format!("README.md, the shell block at line {start}"),
                    lines: std::mem::take(lines),
                });
                block = None;
            }
            Some((_, lines)) => lines.push(line.to_string()),
        }
    }
    for source in &mut out {
        source.lines = commands(source.lines.iter().map(String::as_str));
    }
    out
}

/// Shell lines as commands: a backslash at the end continues a command on the next line;
/// blank lines and comments go.
fn commands<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out = Vec::new();
    let mut continued = String::new();
    for line in lines {
        if let Some(head) = line.strip_suffix('\\') {
            continued.push_str(head);
            continue;
        }
        let full = std::mem::take(&mut continued) + line;
        let t = full.trim();
        if !t.is_empty() && !t.starts_with('#') {
            out.push(t.to_string());
        }
    }
    out
}

/// The exit code an example announces in its comment (`# exit 7`, `# now exits 6`), else 0.
fn expected_code(line: &str) -> i32 {
    let Some(comment) = line.find(" #").map(|i| &line[i..]) else {
        return 0;
    };
    let words: Vec<&str> = comment
        .split(|c: char| !c.is_ascii_alphanumeric())
        .collect();
    words
        .windows(2)
        .find(|w| w[0] == "exit" || w[0] == "exits")
        .and_then(|w| w[1].parse().ok())
        .unwrap_or(0)
}

fn skip_reason(line: &str) -> Option<&'static str> {
    let command = line.find(" #").map_or(line, |i| &line[..i]).trim();
    if PROMPTING.contains(&command) {
        return Some("asks on a terminal");
    }
    SKIPPED
        .iter()
        .find(|(text, _)| line.contains(text))
        .map(|(_, why)| *why)
}

/// What every example may name: keys, tokens, users, logs and key sets, made once with jwtctl.
struct World {
    dir: tempfile::TempDir,
    env: Vec<(String, String)>,
}

fn run(dir: &Path, args: &[&str]) -> String {
    stdout_of(
        jwtctl()
            .current_dir(dir)
            .env("JWTCTL_SECRET", SECRET)
            .args(args),
    )
}

/// Made by the one test that runs the examples and dropped with it, so its folder goes too.
fn world() -> World {
    let dir = tempdir();
    let d = dir.path();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(d.join("examples")).unwrap();
    std::fs::copy(
        root.join("examples/users.toml"),
        d.join("examples/users.toml"),
    )
    .unwrap();
    // The folders a shell's set-up reads completions and man pages from.
    for sub in [
        "home/.local/share/bash-completion/completions",
        "home/.zfunc",
        "home/.config/fish/completions",
        "home/.config/nushell",
        "home/.local/share/man/man1",
    ] {
        std::fs::create_dir_all(d.join(sub)).unwrap();
    }
    std::fs::create_dir_all(d.join("keys")).unwrap();
    for (name, alg) in [
        ("ec", "ES256"),
        ("rsa", "RS256"),
        ("signing", "ES256"),
        ("keys/signing", "ES256"),
        ("ed25519", "EdDSA"),
        ("keys/2026-11", "ES256"),
        ("keys/2027-05", "ES256"),
    ] {
        run(d, &["keygen", "--alg", alg, "--out", name]);
    }
    std::fs::copy(d.join("rsa.pem"), d.join("private.pem")).unwrap();
    std::fs::copy(d.join("rsa.pub.pem"), d.join("public.pem")).unwrap();
    // The users file: the example's alice (password "secret") and bob (password "pw").
    std::fs::copy(root.join("examples/users.toml"), d.join("users.toml")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(d.join("users.toml"), std::fs::Permissions::from_mode(0o600))
            .unwrap();
    }
    let add = |file: &str, name: &str| {
        stdout_of(
            jwtctl()
                .current_dir(d)
                .args(["--users", file, "users", "add", name])
                .args(["--scope", "items:read", "--password-stdin"])
                .write_stdin("pw\n"),
        )
    };
    add("users.toml", "bob");
    add("other.json", "dave");
    // An OAuth2 client for serve's client_credentials grant.
    stdout_of(
        jwtctl()
            .current_dir(d)
            .args(["users", "client", "add", "billing", "--secret-stdin"])
            .write_stdin("billing-secret\n"),
    );
    std::fs::write(d.join("pw.txt"), "pw\n").unwrap();
    let bcrypt = "$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW";
    let fake_db = serde_json::json!({"johndoe": {"username": "johndoe",
            "full_name": "John Doe", "email": "johndoe@example.com",
            "hashed_password": bcrypt, "disabled": false}});
    std::fs::write(d.join("fake_users_db.json"), fake_db.to_string()).unwrap();
    std::fs::write(d.join("exported.json"), fake_db.to_string()).unwrap();
    std::fs::write(d.join("rockyou.txt"), "password\nsecret\n123456\n").unwrap();

    let token = run(
        d,
        &[
            "issue",
            "--sub",
            "alice",
            "--scope",
            "items:read items:write",
        ],
    );
    let bobs = run(d, &["issue", "--sub", "bob", "--scope", "items:read"]);
    let rs = run(
        d,
        &[
            "issue",
            "--key",
            "rsa.pem",
            "--sub",
            "svc",
            "--iss",
            "https://auth.example",
            "--aud",
            "api",
        ],
    );
    let jws = run(
        d,
        &[
            "issue",
            "--key",
            "ed25519.pem",
            "--sub",
            "svc",
            "--claim",
            "n=1",
        ],
    );
    std::fs::write(d.join("token.txt"), format!("{token}\n")).unwrap();
    std::fs::write(d.join("tokens.txt"), format!("{token}\n{bobs}\n")).unwrap();
    let logged = run(d, &["issue", "--key", "rsa.pem", "--sub", "svc"]);
    std::fs::write(
        d.join("access.log"),
        format!("127.0.0.1 - - \"GET /items HTTP/1.1\" 200 authorization=\"Bearer {logged}\"\n"),
    )
    .unwrap();
    let kid = |file: &str| run(d, &["jwk", "thumbprint", file]);
    let (old, new) = (kid("keys/2026-11.pem"), kid("keys/2027-05.pem"));
    // A signing set: 2027-05 signs, 2026-11 still verifies.
    run(
        d,
        &["keyset", "add", "signing.jwks.json", "keys/2026-11.pem"],
    );
    run(
        d,
        &[
            "keyset",
            "add",
            "signing.jwks.json",
            "keys/2027-05.pem",
            "--next",
        ],
    );
    run(d, &["keyset", "activate", "signing.jwks.json", &new]);
    let env = [
        ("TOKEN", token),
        ("BOBS_TOKEN", bobs),
        ("RS_TOKEN", rs),
        ("JWS", jws),
        ("PASSWORD", "secret".into()),
        // The password of the example user alice.
        ("PW", "secret".into()),
        ("NEW_PW", "a new password".into()),
        ("OLD_KID", old),
        ("NEW_KID", new.clone()),
        ("COMPROMISED_KID", new),
    ];
    World {
        env: env.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
        dir,
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// A bash script running `lines` in order (later ones see what earlier ones made), stopping
/// at the first whose exit code is not the one it announces.
fn script(source: &Source, skipped: &mut Vec<String>) -> String {
    let mut s = String::from("set -o pipefail\n");
    // A source that adds a user or a key starts without it, as a person trying it would.
    for line in &source.lines {
        if let Some(rest) = line.split("users add ").nth(1) {
            let name = rest.split_whitespace().next().unwrap();
            s.push_str(&format!(
                "jwtctl users remove {name} >/dev/null 2>&1; jwtctl --users users.json users remove {name} >/dev/null 2>&1\n"
            ));
        }
        if let Some(rest) = line.split("users client add ").nth(1) {
            let name = rest.split_whitespace().next().unwrap();
            s.push_str(&format!(
                "jwtctl users client remove {name} >/dev/null 2>&1\n"
            ));
        }
        if line.contains("keyset add signing.jwks.json") {
            s.push_str("rm -f signing.jwks.json\n");
        }
        if let Some(rest) = line.split("--out ").nth(1) {
            let prefix = rest.split_whitespace().next().unwrap();
            s.push_str(&format!(
                "rm -f {prefix}.pem {prefix}.pub.pem {prefix}.jwk {prefix}.pub.jwk\n"
            ));
        }
    }
    for line in &source.lines {
        if let Some(why) = skip_reason(line) {
            skipped.push(format!("{}: `{line}`: {why}", source.name));
            continue;
        }
        let code = expected_code(line);
        // A token for a public key file is the RSA one, issued for https://auth.example.
        let (token, back) = if line.contains("public.pem") {
            (
                "HS_TOKEN=\"$TOKEN\"; TOKEN=\"$RS_TOKEN\"\n",
                "TOKEN=\"$HS_TOKEN\"\n",
            )
        } else {
            ("", "")
        };
        s.push_str(&format!(
            "{token}{line}\nrc=$?\n{back}if [ $rc -ne {code} ]; then printf '\\nFAILED with exit %s (expected {code}): %s\\n' $rc {} >&2; exit 99; fi\n",
            quoted(line)
        ));
    }
    s
}

#[test]
fn every_example_in_help_and_readme_runs() {
    let world = world();
    let path = format!(
        "{}:{}",
        bin_dir().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut sources = help_sources();
    let helps = sources.len();
    sources.extend(readme_sources());
    assert!(helps >= 20, "only {helps} helps with examples found");
    assert!(sources.len() >= helps + 15, "README blocks not found");
    let mut skipped = Vec::new();
    let mut failures = Vec::new();
    let mut ran = 0;
    for source in &sources {
        let scratch = tempdir();
        copy_dir(world.dir.path(), scratch.path());
        let before = skipped.len();
        let text = script(source, &mut skipped);
        ran += source.lines.len() - (skipped.len() - before);
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(&text)
            .current_dir(scratch.path())
            .env_clear()
            .env("PATH", &path)
            .env("HOME", scratch.path().join("home"))
            .env("JWTCTL_CACHE_DIR", scratch.path().join("cache"))
            .env("JWTCTL_SECRET", SECRET)
            .env("NO_COLOR", "1")
            .env("LANG", "C.UTF-8")
            .envs(world.env.iter().map(|(k, v)| (k, v)))
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        if !out.status.success() || stderr.contains("panicked") {
            failures.push(format!(
                "{}:\n{}{stderr}",
                source.name,
                String::from_utf8_lossy(&out.stdout)
            ));
        }
    }
    // Straight to stderr, past the harness's capture: the skips are seen on every run. They
    // are the list above, on purpose, so they are not counted as tests that skipped work.
    let mut err = std::io::stderr().lock();
    for s in &skipped {
        let _ = writeln!(err, "jwtctl example skipped: {s}");
    }
    let _ = writeln!(
        err,
        "jwtctl examples: {ran} lines ran from {} sources; {} skipped",
        sources.len(),
        skipped.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} sources have a failing example:\n\n{}",
        failures.len(),
        sources.len(),
        failures.join("\n\n")
    );
}

#[test]
fn announced_exit_codes_are_read_from_the_comment() {
    assert_eq!(expected_code("jwtctl verify \"$T\"   # now exits 6"), 6);
    assert_eq!(expected_code("printf 'x' | jwtctl issue   # exit 7"), 7);
    assert_eq!(
        expected_code("jwtctl verify x    # exit 0; 6 once alice is disabled"),
        0
    );
    assert_eq!(expected_code("jwtctl verify x"), 0);
    assert_eq!(skip_reason("jwtctl hash"), Some("asks on a terminal"));
    assert_eq!(
        skip_reason("jwtctl hash        # asks twice on a terminal"),
        Some("asks on a terminal")
    );
    assert_eq!(
        skip_reason("printf 'x' | jwtctl hash --password-stdin"),
        None
    );
}
