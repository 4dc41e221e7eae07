//! The layering README describes, checked on the source: the core returns data and knows
//! nothing of the command line or the screen; only the edge (cli, commands, server, output,
//! input, context) prints or uses clap.

use std::path::{Path, PathBuf};

/// The core: modules and folders under src/ that must not reach the edge.
const CORE: [&str; 15] = [
    "alg.rs",
    "checks",
    "claims.rs",
    "diagnostics",
    "error.rs",
    "hashing.rs",
    "jwks.rs",
    "keys",
    "keyset.rs",
    "mint.rs",
    "remote.rs",
    "time_text.rs",
    "token.rs",
    "users",
    "warning.rs",
];

/// What a core file may not contain outside comments.
/// Edge modules are matched as `NAME::` so that grouped imports (`use crate::{cli::X}`) count.
const FORBIDDEN: [&str; 9] = [
    "cli::",
    "commands::",
    "output::",
    "server::",
    "input::",
    "context::",
    "clap",
    "println!",
    "eprintln!",
];

fn src() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(path: &Path) -> Vec<PathBuf> {
    if path.is_dir() {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(path).expect("src/ is readable") {
            out.extend(rust_files(&entry.expect("entry").path()));
        }
        out.sort();
        out
    } else if path.extension().is_some_and(|e| e == "rs") {
        vec![path.to_path_buf()]
    } else {
        Vec::new()
    }
}

/// The code of a file without its comments (a doc comment may name the edge).
fn code(path: &Path) -> String {
    std::fs::read_to_string(path)
        .expect("source is UTF-8")
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn core_modules_do_not_reach_the_edge() {
    let mut problems = Vec::new();
    for entry in CORE {
        let path = src().join(entry);
        assert!(path.exists(), "{} is gone: update CORE", path.display());
        for file in rust_files(&path) {
            let text = code(&file);
            for word in FORBIDDEN {
                if text.contains(word) {
                    problems.push(format!("{} uses {word}", file.display()));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_rule_catches_what_it_looks_for() {
    // The search must find an import that is there, or the test above proves nothing.
    let edge = src().join("commands/verify.rs");
    assert!(code(&edge).contains("output::"));
    assert!(code(&src().join("cli.rs")).contains("clap"));
}

#[test]
fn no_source_file_but_the_clap_definitions_is_over_700_lines() {
    let long: Vec<String> = rust_files(&src())
        .into_iter()
        .filter(|f| !f.ends_with("src/cli.rs"))
        .filter_map(|f| {
            let n = std::fs::read_to_string(&f).expect("source").lines().count();
            (n > 700).then(|| format!("{}: {n} lines", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "split these by what they hold: {long:?}");
}
