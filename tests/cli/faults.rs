//! The users file under faults: writers killed at random points, a full disk, a
//! read-only folder, symlinked files. Whatever happens, the file parses, holds everything it held
//! before, and no temp files pile up beside it.

use std::fs;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::hash::TUTORIAL_BCRYPT;
use crate::support::*;

/// xorshift64*: reproducible kill points from a printed seed (`JWTCTL_FAULTS_SEED=N` replays).
struct Rng(u64);

impl Rng {
    fn from_env() -> Rng {
        let seed = std::env::var("JWTCTL_FAULTS_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                // std's hasher keys are random per process: seed enough for a fault test.
                use std::hash::BuildHasher;
                std::collections::hash_map::RandomState::new().hash_one(0u64)
            })
            | 1;
        eprintln!("faults: JWTCTL_FAULTS_SEED={seed}");
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `[lo, hi)`.
    fn between(&mut self, lo: Duration, hi: Duration) -> Duration {
        let span = (hi - lo).as_micros().max(1) as u64;
        lo + Duration::from_micros(self.next() % span)
    }
}

/// `jwtctl --users PATH ARGS` as a plain process, so that it can be killed.
fn spawn(path: &Path, args: &[&str], stdin: &str) -> std::process::Child {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_jwtctl"))
        .env_remove("JWTCTL_USERS")
        .env("NO_COLOR", "1")
        .arg("--users")
        .arg(path)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("jwtctl starts");
    // A writer killed before it reads stdin closes the pipe: ignore EPIPE.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child
}

fn on(path: &Path) -> assert_cmd::Command {
    let mut c = jwtctl();
    c.arg("--users").arg(path);
    c
}

fn add(path: &Path, name: &str) -> assert_cmd::assert::Assert {
    on(path)
        .args(["users", "add", name, "--password-stdin"])
        .write_stdin(format!("pw of {name}\n"))
        .assert()
}

/// The user names, as jwtctl reads them; panics with the file's text when it does not parse.
fn names(path: &Path) -> Vec<String> {
    let out = on(path)
        .args(["users", "list", "-o", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "the users file no longer parses: {}\n--- file ---\n{}",
        String::from_utf8_lossy(&out.stderr),
        fs::read_to_string(path).unwrap_or_default()
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap().to_string())
        .collect()
}

/// Everything in the folder but the users file and its lock file.
fn strays(dir: &Path, file: &str) -> Vec<String> {
    let lock = format!("{file}.lock");
    let mut out: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| *n != file && *n != lock)
        .collect();
    out.sort();
    out
}

/// A hand-kept file of `n` users with comments, big enough that reading, editing and writing
/// it take a while, so kills land in those phases too, not only in the password hashing.
fn big_file(n: usize) -> String {
    let mut text = String::from("# Kept by hand; jwtctl must keep this comment.\n");
    for i in 0..n {
        text.push_str(&format!(
            "\n# member {i}\n[users.member{i:04}]\npassword_hash = \"{TUTORIAL_BCRYPT}\"\n\
             scopes = [\"items:read\"]\nfull_name = \"Member {i}\"\n"
        ));
    }
    text
}

#[test]
fn writers_killed_at_random_points_never_damage_the_file() {
    const ROUNDS: usize = 30;
    let mut rng = Rng::from_env();
    let dir = tempdir();
    let path = dir.path().join("users.toml");
    fs::write(&path, big_file(300)).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    let mut expected = names(&path);

    // How long one whole `users add` takes here; kill points are spread over that time.
    let started = Instant::now();
    add(&path, "calibrate").success();
    let full = started.elapsed();
    expected.push("calibrate".into());

    let (mut finished, mut killed_before, mut killed_after, mut temp_left) = (0, 0, 0, 0);
    for round in 0..ROUNDS {
        let name = format!("u{round:02}");
        let before = fs::read_to_string(&path).unwrap();
        let delay = rng.between(full / 10, full + full / 5);
        let mut child = spawn(
            &path,
            &["users", "add", &name, "--password-stdin"],
            &format!("pw of {name}\n"),
        );
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL; fails only when the process is already gone
        let status = child.wait().unwrap();

        let after = fs::read_to_string(&path).unwrap();
        let got = names(&path);
        let landed = got.contains(&name);
        if status.success() {
            finished += 1;
            assert!(landed, "round {round}: add succeeded but {name} is missing");
        } else if landed {
            killed_after += 1;
        } else {
            killed_before += 1;
            assert_eq!(
                after, before,
                "round {round}: killed, not added, file changed"
            );
        }
        if landed {
            expected.push(name.clone());
            // Appending a user leaves every byte that was there before in place.
            assert!(
                after.starts_with(&before),
                "round {round}: the previous content was rewritten"
            );
        }
        assert_eq!(
            got, expected,
            "round {round} ({status}): users lost or invented"
        );

        // A writer killed between creating its temp file and the rename leaves that temp file;
        // the next writer removes it under the lock, so there is never more than one.
        let left = strays(dir.path(), "users.toml");
        assert!(left.len() <= 1, "round {round}: stray files {left:?}");
        for n in &left {
            assert!(
                n.starts_with(".users.toml.jwtctl-") && n.ends_with(".tmp"),
                "round {round}: unexpected file {n}"
            );
            temp_left += 1;
        }
    }
    eprintln!(
        "faults: {ROUNDS} rounds, one add takes {full:?}: {finished} finished, {killed_before} \
         killed before the rename, {killed_after} killed after it, {temp_left} temp files left \
         behind (and removed by the next writer)"
    );

    // The next edit cleans up after the killed ones, and the last password still checks out.
    add(&path, "last").success();
    assert_eq!(strays(dir.path(), "users.toml"), Vec::<String>::new());
    assert!(fs::read_to_string(&path)
        .unwrap()
        .starts_with("# Kept by hand; jwtctl must keep this comment.\n"));
    on(&path)
        .args(["users", "check", "last", "--password-stdin"])
        .write_stdin("pw of last\n")
        .assert()
        .success();
}

#[test]
fn a_temp_file_left_by_a_killed_writer_is_removed_by_the_next_edit_and_nothing_else_is() {
    let dir = tempdir();
    let path = dir.path().join("users.toml");
    add(&path, "alice").success();
    // What a writer killed before its rename leaves: `.NAME.jwtctl-` and 6 random characters.
    let stale = dir.path().join(".users.toml.jwtctl-Ab3xYz.tmp");
    fs::write(&stale, "[users.half").unwrap();
    // Files that merely look alike are someone else's.
    let keep = [
        ".users.toml.backup.tmp",
        ".users.toml.jwtctl-Ab3xYz.tmp.orig",
        ".users.toml.jwtctl-short.tmp",
        "users.toml.jwtctl-Ab3xYz.tmp",
        ".other.toml.jwtctl-Ab3xYz.tmp",
    ];
    for k in keep {
        fs::write(dir.path().join(k), "x").unwrap();
    }
    // Readers change nothing.
    assert_eq!(names(&path), ["alice"]);
    assert!(stale.exists());
    add(&path, "bob").success();
    assert!(!stale.exists());
    let mut want: Vec<String> = keep.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(strays(dir.path(), "users.toml"), want);
    assert_eq!(names(&path), ["alice", "bob"]);
}

/// A small tmpfs mounted on a temp folder, unmounted when dropped (even when a test panics).
/// Mounting needs root, which CI has; without root the tests that need it say they skipped.
struct Tmpfs {
    dir: tempfile::TempDir,
}

fn is_root() -> bool {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .map(|l| l.split_whitespace().nth(2) == Some("0"))
        })
        .unwrap_or(false)
}

impl Tmpfs {
    fn mount(size: &str) -> Option<Tmpfs> {
        if !is_root() {
            skip("mounting a tmpfs needs root");
            return None;
        }
        let dir = tempdir();
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size},mode=0700")])
            .arg("tmpfs")
            .arg(dir.path())
            .output()
            .expect("mount runs");
        // Root that cannot mount (a container without CAP_SYS_ADMIN) is not the CI machine.
        assert!(
            out.status.success(),
            "mount -t tmpfs failed as root: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Some(Tmpfs { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn remount_read_only(&self) {
        let ok = Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(self.path())
            .status()
            .unwrap()
            .success();
        assert!(ok, "remount,ro failed");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

/// Exit 1, one `jwtctl:` line naming the file and `needle`, one `hint:` line; returns stderr.
fn assert_clear_error(out: &std::process::Output, file: &Path, needle: &str) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "one error line and one hint: {stderr}");
    assert!(lines[0].starts_with("jwtctl: "), "{stderr}");
    assert!(lines[0].contains(&file.display().to_string()), "{stderr}");
    assert!(lines[0].contains(needle), "{stderr}");
    assert!(lines[1].starts_with("hint: "), "{stderr}");
    stderr
}

#[test]
fn a_full_disk_gives_a_clear_error_and_keeps_the_old_file() {
    let Some(fs_) = Tmpfs::mount("64k") else {
        return;
    };
    let path = fs_.path().join("users.toml");
    // About 40 KiB: a second copy (the temp file) cannot fit beside it in 64 KiB.
    let text = big_file(250);
    assert!(
        text.len() > 36 * 1024 && text.len() < 60 * 1024,
        "{}",
        text.len()
    );
    fs::write(&path, &text).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    for args in [
        &["users", "add", "zed", "--password-stdin"][..],
        &["users", "disable", "member0001"][..],
    ] {
        let out = on(&path)
            .args(args)
            .write_stdin("pw of zed\n")
            .output()
            .unwrap();
        let stderr = assert_clear_error(&out, &path, "No space left on device");
        let hint = stderr.lines().nth(1).unwrap();
        assert!(hint.contains("free"), "the hint says what to do: {stderr}");
        assert_eq!(fs::read_to_string(&path).unwrap(), text, "{args:?}");
        assert_eq!(strays(fs_.path(), "users.toml"), Vec::<String>::new());
    }
    // Reading still works, and with room again the same edit goes through.
    assert_eq!(names(&path).len(), 250);
    fs::write(&path, big_file(10)).unwrap();
    add(&path, "zed").success();
    assert_eq!(names(&path).len(), 11);
}

#[test]
fn a_read_only_folder_gives_a_clear_error_and_keeps_the_old_file() {
    // As root, permission bits stop nothing: use a file system mounted read-only instead.
    let mount = if is_root() { Tmpfs::mount("1m") } else { None };
    let plain = tempdir();
    let dir: PathBuf = match &mount {
        Some(m) => m.path().to_path_buf(),
        None => plain.path().to_path_buf(),
    };
    let path = dir.join("users.toml");
    add(&path, "alice").success();
    let text = fs::read_to_string(&path).unwrap();
    let why = match &mount {
        Some(m) => {
            m.remount_read_only();
            "Read-only file system"
        }
        None => {
            fs::set_permissions(&dir, fs::Permissions::from_mode(0o555)).unwrap();
            "Permission denied"
        }
    };
    for args in [
        &["users", "add", "bob", "--password-stdin"][..],
        &["users", "passwd", "alice", "--password-stdin"][..],
        &["users", "remove", "alice"][..],
    ] {
        let out = on(&path)
            .args(args)
            .write_stdin("new pw\n")
            .output()
            .unwrap();
        let stderr = assert_clear_error(&out, &path, why);
        let hint = stderr.lines().nth(1).unwrap();
        assert!(
            hint.contains("folder"),
            "the hint says what to do: {stderr}"
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), text, "{args:?}");
    }
    // Reading and logging in need no write access.
    assert_eq!(names(&path), ["alice"]);
    on(&path)
        .args(["users", "check", "alice", "--password-stdin"])
        .write_stdin("pw of alice\n")
        .assert()
        .success();
    if mount.is_none() {
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o700)).unwrap();
    }
}

/// The documented choice: a symlinked users file is followed. Edits replace the file the link
/// ends at (temp file and lock file in that file's folder, so the rename stays atomic), and the
/// links stay links.
#[test]
fn symlinked_users_files_are_followed_and_the_target_is_replaced_atomically() {
    let dir = tempdir();
    let real_dir = dir.path().join("real");
    fs::create_dir(&real_dir).unwrap();
    let real = real_dir.join("users.toml");
    // A relative link to a relative link: users.toml -> via.toml -> real/users.toml.
    symlink("real/users.toml", dir.path().join("via.toml")).unwrap();
    let link = dir.path().join("users.toml");
    symlink("via.toml", &link).unwrap();

    // The first add creates the target (0600), through the links.
    add(&link, "alice").success();
    assert!(real.is_file());
    assert_eq!(
        fs::metadata(&real).unwrap().permissions().mode() & 0o777,
        0o600
    );
    // The target's mode is kept across edits, and still warned about.
    fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
    add(&link, "bob")
        .success()
        .stderr(predicates::str::contains("readable by other users"));
    for l in [&link, &dir.path().join("via.toml")] {
        assert!(fs::symlink_metadata(l).unwrap().file_type().is_symlink());
    }
    assert_eq!(
        fs::metadata(&real).unwrap().permissions().mode() & 0o777,
        0o640
    );
    assert_eq!(names(&real), ["alice", "bob"]);
    // One lock for every path to the file: beside the target, none beside the links.
    assert_eq!(strays(&real_dir, "users.toml"), Vec::<String>::new());
    assert!(real_dir.join("users.toml.lock").exists());
    let mut beside_links = strays(dir.path(), "users.toml");
    beside_links.retain(|n| n != "real" && n != "via.toml");
    assert_eq!(beside_links, Vec::<String>::new());
    // Errors name the path the user gave.
    on(&link)
        .args(["users", "remove", "carol"])
        .assert()
        .code(8)
        .stderr(predicates::str::contains(link.display().to_string()));

    // A loop of links is an error, not a hang, and writes nothing.
    let a = dir.path().join("a.toml");
    let b = dir.path().join("b.toml");
    symlink("b.toml", &a).unwrap();
    symlink("a.toml", &b).unwrap();
    let out = on(&a)
        .args(["users", "add", "zed", "--password-stdin"])
        .write_stdin("pw\n")
        .output()
        .unwrap();
    assert_clear_error(&out, &a, "symbolic links");
}
