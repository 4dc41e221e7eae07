//! Where tokens and passwords come from: an argument, `-`, piped stdin, or a file of many.

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use zeroize::Zeroizing;

use crate::error::{ExitCode, Failure};
use crate::token::MAX_TOKEN_LEN;

static STDIN_TAKEN: AtomicBool = AtomicBool::new(false);

/// Claims stdin for one use. Reading it twice (token and password both from `-`) would hand
/// the second reader nothing, so it is refused with a clear error instead.
pub fn claim_stdin(what: &str) -> Result<(), Failure> {
    if STDIN_TAKEN.swap(true, Ordering::SeqCst) {
        return Err(Failure::usage(format!(
            "stdin is already used for another input, so it cannot also carry the {what}"
        ))
        .hint("pass the token as an argument, or read it from a file"));
    }
    Ok(())
}

/// Tokens to process: one, or a stream of lines (batch mode).
pub enum Tokens {
    One(String),
    Many(Box<dyn BufRead + Send>),
}

/// Resolves the token arguments. Stdin with more than one non-blank line is a batch.
pub fn tokens(arg: Option<&str>, file: Option<&Path>, batch: bool) -> Result<Tokens, Failure> {
    if let Some(path) = file {
        if path.as_os_str() == "-" {
            claim_stdin("tokens")?;
            return Ok(Tokens::Many(Box::new(BufReader::new(io::stdin()))));
        }
        let f = File::open(path).map_err(|e| {
            Failure::runtime(format!("cannot read {}: {e}", path.display()))
                .hint("check the path given to --file")
        })?;
        return Ok(Tokens::Many(Box::new(BufReader::with_capacity(1 << 16, f))));
    }
    match arg {
        Some(t) if t != "-" => Ok(Tokens::One(t.to_string())),
        _ => {
            let stdin = io::stdin();
            if arg.is_none() && stdin.is_terminal() {
                return Err(Failure::usage("no token given")
                    .hint("pass the token as an argument, `-` to read stdin, or pipe it in"));
            }
            claim_stdin("token")?;
            let mut reader = BufReader::with_capacity(1 << 16, stdin);
            if batch {
                return Ok(Tokens::Many(Box::new(reader)));
            }
            // Read up to the second non-blank line to tell one token from a batch, then hand
            // the lines already read back in front of the rest of the stream.
            let mut first = Vec::new();
            let mut head = Vec::new();
            loop {
                let mut line = Vec::new();
                let n = read_line_limited(&mut reader, &mut line)?;
                if n == 0 {
                    break;
                }
                head.extend_from_slice(&line);
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                if first.is_empty() {
                    first = line;
                } else {
                    let chained = io::Cursor::new(head).chain(reader);
                    return Ok(Tokens::Many(Box::new(BufReader::new(chained))));
                }
            }
            let text = String::from_utf8(first).map_err(|_| not_utf8())?;
            Ok(Tokens::One(text))
        }
    }
}

fn not_utf8() -> Failure {
    Failure::new(ExitCode::Malformed, "the input is not UTF-8 text")
        .hint("a token is ASCII text; check that a binary file was not piped in")
}

/// Reads one line, refusing lines over the token size limit instead of buffering them.
fn read_line_limited(reader: &mut impl BufRead, line: &mut Vec<u8>) -> Result<usize, Failure> {
    let n = reader
        .take(MAX_TOKEN_LEN as u64 + 1)
        .read_until(b'\n', line)
        .map_err(|e| Failure::runtime(format!("cannot read stdin: {e}")))?;
    if line.len() > MAX_TOKEN_LEN {
        return Err(Failure::new(
            ExitCode::Malformed,
            format!("the input is over the {MAX_TOKEN_LEN}-byte limit for one token"),
        )
        .hint("for many tokens, one per line, use --file or --batch"));
    }
    Ok(n)
}

/// One line of a batch: its number, and its text or why it cannot be read.
pub struct Line {
    pub number: u64,
    pub text: Result<String, String>,
}

/// Iterates over a batch stream: blank lines skipped, over-long and non-UTF-8 lines reported
/// as such while the stream goes on.
pub struct Lines<R> {
    reader: R,
    number: u64,
    buf: Vec<u8>,
}

impl<R: BufRead> Lines<R> {
    pub fn new(reader: R) -> Self {
        Lines {
            reader,
            number: 0,
            buf: Vec::with_capacity(1024),
        }
    }
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = io::Result<Line>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            self.buf.clear();
            let n = match (&mut self.reader)
                .take(MAX_TOKEN_LEN as u64 + 1)
                .read_until(b'\n', &mut self.buf)
            {
                Ok(n) => n,
                Err(e) => return Some(Err(e)),
            };
            if n == 0 {
                return None;
            }
            self.number += 1;
            if self.buf.len() > MAX_TOKEN_LEN && !self.buf.ends_with(b"\n") {
                // Skip the rest of the over-long line.
                let mut sink = Vec::new();
                if let Err(e) = self.reader.read_until(b'\n', &mut sink) {
                    return Some(Err(e));
                }
                return Some(Ok(Line {
                    number: self.number,
                    text: Err(format!("line is over the {MAX_TOKEN_LEN}-byte limit")),
                }));
            }
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let text = match std::str::from_utf8(&self.buf) {
                Ok(s) => Ok(s.to_string()),
                Err(_) => Err("line is not UTF-8 text".to_string()),
            };
            return Some(Ok(Line {
                number: self.number,
                text,
            }));
        }
    }
}

/// A password: prompted on a terminal (twice when `confirm`), else the first line of stdin
/// with `--password-stdin`. Never from argv.
pub fn password(
    from_stdin: bool,
    prompt: &str,
    confirm: bool,
) -> Result<Zeroizing<String>, Failure> {
    let pw = if from_stdin {
        claim_stdin("password")?;
        let mut line = Zeroizing::new(String::new());
        io::stdin()
            .lock()
            .take(64 * 1024)
            .read_line(&mut line)
            .map_err(|e| Failure::runtime(format!("cannot read the password from stdin: {e}")))?;
        if line.is_empty() {
            return Err(
                Failure::usage("--password-stdin was given but stdin is empty")
                    .hint("pipe the password in, e.g. printf '%s\\n' \"$PASSWORD\" | jwtctl ..."),
            );
        }
        let trimmed = line.trim_end_matches(['\n', '\r']).to_string();
        Zeroizing::new(trimmed)
    } else {
        if !io::stdin().is_terminal() {
            return Err(Failure::usage("no terminal to ask for the password")
                .hint("pass --password-stdin and pipe the password in"));
        }
        let first = Zeroizing::new(
            rpassword::prompt_password(prompt)
                .map_err(|e| Failure::runtime(format!("cannot read the password: {e}")))?,
        );
        if confirm {
            let again = Zeroizing::new(
                rpassword::prompt_password("Repeat password: ")
                    .map_err(|e| Failure::runtime(format!("cannot read the password: {e}")))?,
            );
            if *again != *first {
                return Err(Failure::usage("the passwords do not match").hint("try again"));
            }
        }
        first
    };
    if pw.is_empty() {
        return Err(Failure::usage("the password is empty").hint("choose a non-empty password"));
    }
    Ok(pw)
}
