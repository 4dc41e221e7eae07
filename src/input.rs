//! Where tokens and passwords come from: an argument, `-`, piped stdin, or a file of many.

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use zeroize::Zeroizing;

use crate::error::{ExitCode, Failure};
use crate::token::MAX_TOKEN_LEN;

/// Who has stdin in this run. Reading it twice (token and password both from `-`) would hand
/// the second reader nothing, so the second claim is refused with a clear error instead.
#[derive(Debug, Default)]
pub struct Stdin {
    taken: AtomicBool,
}

impl Stdin {
    pub fn claim(&self, what: &str) -> Result<(), Failure> {
        if self.taken.swap(true, Ordering::SeqCst) {
            return Err(Failure::usage(format!(
                "stdin is already used for another input, so it cannot also carry the {what}"
            ))
            .hint("pass the token as an argument, or read it from a file"));
        }
        Ok(())
    }
}

/// Tokens to process: one, or a stream of lines (batch mode).
pub enum Tokens {
    One(String),
    Many(Box<dyn BufRead + Send>),
}

/// Resolves the token arguments. Stdin with more than one non-blank line is a batch.
pub fn tokens(
    stdin: &Stdin,
    arg: Option<&str>,
    file: Option<&Path>,
    batch: bool,
) -> Result<Tokens, Failure> {
    if let Some(path) = file {
        if path.as_os_str() == "-" {
            stdin.claim("tokens")?;
            return Ok(Tokens::Many(Box::new(BufReader::with_capacity(
                1 << 16,
                io::stdin(),
            ))));
        }
        let f = File::open(path).map_err(|e| {
            Failure::runtime(format!("cannot read {}: {e}", path.display()))
                .hint("check the path given to --file")
        })?;
        if f.metadata().is_ok_and(|m| m.is_dir()) {
            return Err(Failure::runtime(format!(
                "cannot read {}: it is a directory",
                path.display()
            ))
            .hint("--file takes a file of tokens, one per line"));
        }
        return Ok(Tokens::Many(Box::new(BufReader::with_capacity(1 << 16, f))));
    }
    match arg {
        // Most often `"$TOKEN"` with the variable unset: say so, not "pass a token".
        Some(t) if t.trim().is_empty() => Err(Failure::new(
            ExitCode::Malformed,
            "the TOKEN argument is empty (an unset variable, such as \"$TOKEN\"?)",
        )
        .hint("check the variable holds the token, pass the token itself, or `-` to read stdin")),
        Some(t) if t != "-" => Ok(Tokens::One(t.to_string())),
        _ => {
            let input = io::stdin();
            if arg.is_none() && input.is_terminal() {
                return Err(Failure::usage("no token given")
                    .hint("pass the token as an argument, `-` to read stdin, or pipe it in"));
            }
            stdin.claim("token")?;
            let reader = BufReader::with_capacity(1 << 16, input);
            if batch {
                return Ok(Tokens::Many(Box::new(reader)));
            }
            one_or_many(reader)
        }
    }
}

/// Reads up to the second non-blank line to tell one token from a batch; for a batch, the lines
/// already read are handed back in front of the rest of the stream. Blank lines are counted,
/// not kept (a batch skips them but numbers them): a token followed by a gigabyte of newlines
/// holds one line in memory, not the gigabyte.
fn one_or_many<R: BufRead + Send + 'static>(mut reader: R) -> Result<Tokens, Failure> {
    let mut first: Option<Vec<u8>> = None;
    let (mut blank_before, mut blank_after) = (0u64, 0u64);
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = read_line_limited(&mut reader, &mut line)?;
        if n == 0 {
            break;
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            match first {
                None => blank_before += 1,
                Some(_) => blank_after += 1,
            }
            continue;
        }
        match first {
            // A pretty-printed /token response (`curl … | jq .`) spans lines: one input.
            None if starts_unfinished_json(&line) => return whole_input(line, reader),
            None => first = Some(std::mem::take(&mut line)),
            Some(first) => {
                let newlines = |n| io::repeat(b'\n').take(n);
                let chained = newlines(blank_before)
                    .chain(io::Cursor::new(first))
                    .chain(newlines(blank_after))
                    .chain(io::Cursor::new(line))
                    .chain(reader);
                return Ok(Tokens::Many(Box::new(BufReader::with_capacity(
                    1 << 16,
                    chained,
                ))));
            }
        }
    }
    let text = String::from_utf8(first.unwrap_or_default()).map_err(|_| not_utf8())?;
    Ok(Tokens::One(text))
}

/// A line that opens a JSON object it does not close.
fn starts_unfinished_json(line: &[u8]) -> bool {
    line.trim_ascii_start().starts_with(b"{")
        && serde_json::from_slice::<serde::de::IgnoredAny>(line).is_err()
}

/// The rest of the input after `head`, as one text, within the size limit of one token.
fn whole_input(mut head: Vec<u8>, reader: impl Read) -> Result<Tokens, Failure> {
    let limit = (MAX_TOKEN_LEN + 1).saturating_sub(head.len()) as u64;
    reader
        .take(limit)
        .read_to_end(&mut head)
        .map_err(|e| Failure::runtime(format!("cannot read stdin: {e}")))?;
    if head.len() > MAX_TOKEN_LEN {
        return Err(Failure::new(
            ExitCode::Malformed,
            format!("the input is over the {MAX_TOKEN_LEN}-byte limit for one token"),
        )
        .hint("pipe the /token response's access_token alone, e.g. with jq -r .access_token"));
    }
    Ok(Tokens::One(
        String::from_utf8(head).map_err(|_| not_utf8())?,
    ))
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

/// A password: prompted on a terminal (twice when `confirm`), else the first line of stdin
/// with `--password-stdin`. Never from argv.
pub fn password(
    stdin: &Stdin,
    from_stdin: bool,
    prompt: &str,
    confirm: bool,
) -> Result<Zeroizing<String>, Failure> {
    let pw = if from_stdin {
        stdin.claim("password")?;
        let mut line = password_line()
            .map_err(|e| Failure::runtime(format!("cannot read the password from stdin: {e}")))?;
        if line.is_empty() {
            return Err(
                Failure::usage("--password-stdin was given but stdin is empty")
                    .hint("pipe the password in, e.g. printf '%s\\n' \"$PASSWORD\" | jwtctl ..."),
            );
        }
        let len = line.trim_end_matches(['\n', '\r']).len();
        line.truncate(len);
        line
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

/// `--secret-stdin`: the first line of stdin, without its newline, not empty.
pub fn secret_line(stdin: &Stdin) -> Result<Zeroizing<String>, Failure> {
    stdin.claim("secret")?;
    let mut line = password_line()
        .map_err(|e| Failure::runtime(format!("cannot read the secret from stdin: {e}")))?;
    let len = line.trim_end_matches(['\n', '\r']).len();
    line.truncate(len);
    if line.is_empty() {
        return Err(
            Failure::usage("--secret-stdin was given but stdin holds no secret")
                .hint("pipe the secret in, e.g. printf '%s\\n' \"$SECRET\" | jwtctl ..."),
        );
    }
    Ok(line)
}

/// Longest password line read from stdin, newline included.
const MAX_PASSWORD_LINE: usize = 64 * 1024;

/// The first line of stdin, newline included, in one buffer that is wiped on drop. On Unix it
/// is read straight from the file descriptor, byte by byte, so that no copy is left in std's
/// stdin buffer and nothing after the line is consumed; the buffer is reserved up front so it
/// is never reallocated (which would free a copy unwiped).
fn password_line() -> io::Result<Zeroizing<String>> {
    let mut bytes = Zeroizing::new(Vec::with_capacity(MAX_PASSWORD_LINE));
    #[cfg(unix)]
    let mut input = File::from(std::os::fd::AsFd::as_fd(&io::stdin()).try_clone_to_owned()?);
    #[cfg(not(unix))]
    let mut input = io::stdin().lock();
    let mut byte = Zeroizing::new([0u8; 1]);
    while bytes.len() < MAX_PASSWORD_LINE {
        match input.read(&mut byte[..]) {
            Ok(0) => break,
            Ok(_) => {
                bytes.push(byte[0]);
                if byte[0] == b'\n' {
                    break;
                }
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    if std::str::from_utf8(&bytes).is_err() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        ));
    }
    let bytes = std::mem::take(&mut *bytes);
    // Checked above; the Vec moves into the String without a copy.
    Ok(Zeroizing::new(String::from_utf8(bytes).unwrap_or_default()))
}

/// Why a batch line holds no token text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineProblem {
    TooLong,
    NotUtf8,
}

impl LineProblem {
    pub fn message(self) -> String {
        match self {
            LineProblem::TooLong => format!("line is over the {MAX_TOKEN_LEN}-byte limit"),
            LineProblem::NotUtf8 => "line is not UTF-8 text".to_string(),
        }
    }
}

/// One non-blank line of a [`Block`]: its number in the input and where its bytes are.
#[derive(Debug, Clone)]
pub struct BlockLine {
    pub number: u64,
    start: usize,
    end: usize,
    too_long: bool,
}

/// Batch lines read at once into one buffer: no allocation per line, and the lines can be
/// handed to several threads as slices.
#[derive(Debug, Default)]
pub struct Block {
    data: Vec<u8>,
    pub lines: Vec<BlockLine>,
    /// Input bytes this block accounts for, blank and over-long lines included (for progress).
    pub consumed: u64,
}

impl Block {
    /// The line's text, or why it has none. UTF-8 is checked here, on the worker threads.
    pub fn text(&self, line: &BlockLine) -> Result<&str, LineProblem> {
        if line.too_long {
            return Err(LineProblem::TooLong);
        }
        std::str::from_utf8(&self.data[line.start..line.end]).map_err(|_| LineProblem::NotUtf8)
    }

    fn push(&mut self, number: u64, text: &[u8]) {
        if text.iter().all(u8::is_ascii_whitespace) {
            return;
        }
        let start = self.data.len();
        self.data.extend_from_slice(text);
        self.lines.push(BlockLine {
            number,
            start,
            end: self.data.len(),
            too_long: false,
        });
    }

    fn push_too_long(&mut self, number: u64) {
        let at = self.data.len();
        self.lines.push(BlockLine {
            number,
            start: at,
            end: at,
            too_long: true,
        });
    }
}

/// Reads a batch stream as blocks of lines. Each block holds what the source had ready, so a
/// slow producer (`tail -f log | jwtctl verify --batch`) gets its answers line by line while a
/// file is read in buffer-sized blocks. Blank lines are skipped but counted, so line numbers
/// match the input; an over-long line is skipped without being buffered and reported as such.
/// Memory stays at one buffer however long the input is.
pub struct BlockReader<R> {
    reader: R,
    number: u64,
    /// The start of a line whose end is not read yet.
    carry: Vec<u8>,
    /// Inside an over-long line, already reported: drop bytes up to its end.
    skipping: bool,
}

impl<R: BufRead> BlockReader<R> {
    pub fn new(reader: R) -> Self {
        BlockReader {
            reader,
            number: 0,
            carry: Vec::new(),
            skipping: false,
        }
    }

    /// The next block: at least one line, or `None` at the end of the input. Waits on the
    /// source only while no complete line is at hand.
    pub fn next_block(&mut self) -> io::Result<Option<Block>> {
        let mut block = Block::default();
        loop {
            let buf = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            let len = buf.len();
            if len == 0 {
                // The end: a last line without a newline.
                if !self.skipping && !self.carry.is_empty() {
                    self.number += 1;
                    block.push(self.number, &self.carry);
                    self.carry.clear();
                }
                self.skipping = false;
                return Ok((!block.lines.is_empty()).then_some(block));
            }
            block.consumed += len as u64;
            // Room for all of it at once: no regrowth, each byte copied once.
            block.data.reserve(len + self.carry.len());
            let mut pos = 0;
            for nl in memchr::memchr_iter(b'\n', buf) {
                let piece = &buf[pos..=nl];
                pos = nl + 1;
                if self.skipping {
                    self.skipping = false;
                    continue;
                }
                self.number += 1;
                if self.carry.is_empty() {
                    if piece.len() > MAX_TOKEN_LEN + 1 {
                        block.push_too_long(self.number);
                    } else {
                        block.push(self.number, piece);
                    }
                } else if self.carry.len() + piece.len() > MAX_TOKEN_LEN + 1 {
                    self.carry.clear();
                    block.push_too_long(self.number);
                } else {
                    self.carry.extend_from_slice(piece);
                    block.push(self.number, &self.carry);
                    self.carry.clear();
                }
            }
            if !self.skipping && pos < len {
                self.carry.extend_from_slice(&buf[pos..]);
                if self.carry.len() > MAX_TOKEN_LEN {
                    self.number += 1;
                    block.push_too_long(self.number);
                    self.carry.clear();
                    self.skipping = true;
                }
            }
            self.reader.consume(len);
            if !block.lines.is_empty() {
                return Ok(Some(block));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `left` blank lines made on the fly, so the input itself takes no memory.
    struct Blank {
        left: u64,
    }

    impl Read for Blank {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = (buf.len() as u64).min(self.left) as usize;
            buf[..n].fill(b'\n');
            self.left -= n as u64;
            Ok(n)
        }
    }

    #[test]
    fn one_token_then_many_blank_lines_is_one_token_and_keeps_no_blank_line() {
        // 64 MiB of newlines after the token: before, every one was kept in a buffer.
        let input = io::Cursor::new(b"  a.b.c\n".to_vec()).chain(Blank { left: 64 << 20 });
        match one_or_many(BufReader::new(input)).unwrap() {
            Tokens::One(t) => assert_eq!(t, "  a.b.c\n"),
            Tokens::Many(_) => panic!("one token"),
        }
    }

    #[test]
    fn a_batch_found_after_blank_lines_keeps_its_line_numbers() {
        let input = b"\n \r\nx.y.z\n\n\t\nq.r.s\nt.u.v\n".to_vec();
        let Tokens::Many(reader) = one_or_many(io::Cursor::new(input)).unwrap() else {
            panic!("a batch");
        };
        let got: Vec<(u64, String)> = read_blocks(BlockReader::new(reader))
            .0
            .into_iter()
            .map(|(n, text)| (n, text.unwrap().trim().to_string()))
            .collect();
        assert_eq!(
            got,
            vec![
                (3, "x.y.z".to_string()),
                (6, "q.r.s".to_string()),
                (7, "t.u.v".to_string())
            ]
        );
    }

    type Got = Vec<(u64, Result<String, LineProblem>)>;

    fn lines(input: &[u8], capacity: usize) -> Got {
        let (got, consumed) = read_blocks(BlockReader::new(io::BufReader::with_capacity(
            capacity, input,
        )));
        // Trailing blank lines end the input without a block to report them.
        assert!(consumed <= input.len() as u64);
        got
    }

    fn read_blocks<R: BufRead>(mut r: BlockReader<R>) -> (Got, u64) {
        let mut out = Vec::new();
        let mut consumed = 0;
        while let Some(block) = r.next_block().unwrap() {
            consumed += block.consumed;
            for l in &block.lines {
                out.push((l.number, block.text(l).map(str::to_string)));
            }
        }
        (out, consumed)
    }

    #[test]
    fn blocks_keep_numbers_and_skip_blank_lines() {
        for cap in [1, 2, 3, 7, 64] {
            let got = lines(b"a\n\n  \r\nbb\r\nc", cap);
            assert_eq!(
                got,
                vec![
                    (1, Ok("a\n".into())),
                    (4, Ok("bb\r\n".into())),
                    (5, Ok("c".into()))
                ],
                "buffer of {cap} bytes"
            );
            assert!(lines(b"", cap).is_empty());
            assert!(lines(b"\n\n \n", cap).is_empty());
        }
    }

    #[test]
    fn blocks_report_bad_lines_and_go_on() {
        let mut input = vec![b'x'; MAX_TOKEN_LEN + 10];
        input.extend_from_slice(b"\n\xff\xfe\nok\n");
        input.extend(std::iter::repeat_n(b'y', MAX_TOKEN_LEN));
        input.extend_from_slice(b"\n");
        input.extend(std::iter::repeat_n(b'z', MAX_TOKEN_LEN + 1));
        let want: Got = vec![
            (1, Err(LineProblem::TooLong)),
            (2, Err(LineProblem::NotUtf8)),
            (3, Ok("ok\n".into())),
            (4, Ok(format!("{}\n", "y".repeat(MAX_TOKEN_LEN)))),
            (5, Err(LineProblem::TooLong)),
        ];
        for cap in [4096, 1 << 16, 4 << 20] {
            assert_eq!(lines(&input, cap), want, "buffer of {cap} bytes");
        }
    }
}

/// The JWT-shaped strings in a line, with their 1-based byte columns: `eyJ` (the base64url of
/// `{"`, how every JOSE header starts) at a word boundary, then base64url characters with exactly
/// two dots and a non-empty payload; the signature may be empty (`alg: none`). Written by hand
/// because it is a single pass over bytes with one rule, which a regex crate would not shorten.
pub fn jwt_spans(line: &str) -> Vec<(u64, &str)> {
    let bytes = line.as_bytes();
    let b64 = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(at) = memchr::memmem::find(&bytes[i..], b"eyJ") {
        let start = i + at;
        if start > 0 && (b64(bytes[start - 1]) || bytes[start - 1] == b'.') {
            i = start + 1;
            continue;
        }
        let mut end = start;
        let mut dots = Vec::new();
        while end < bytes.len() && (b64(bytes[end]) || bytes[end] == b'.') {
            if bytes[end] == b'.' {
                dots.push(end);
            }
            end += 1;
        }
        // A sentence may end right after a token: a third dot at the very end is not part of it.
        if dots.len() == 3 && dots[2] == end - 1 {
            dots.pop();
            end -= 1;
        }
        if dots.len() == 2 && dots[1] > dots[0] + 1 {
            found.push(((start + 1) as u64, &line[start..end]));
        }
        i = end.max(start + 1);
    }
    found
}

#[cfg(test)]
mod extract_tests {
    use super::jwt_spans;

    #[test]
    fn tokens_are_found_where_logs_put_them() {
        let t = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln";
        let line = format!(
            "1.2.3.4 - - \"GET / HTTP/1.1\" 200 Authorization: Bearer {t} {{\"access_token\":\"{t}\"}} ?access_token={t}&x=1 {t}."
        );
        let got = jwt_spans(&line);
        assert_eq!(got.len(), 4, "{got:?}");
        assert!(got.iter().all(|(_, s)| *s == t));
        assert_eq!(&line[got[0].0 as usize - 1..][..3], "eyJ");
        // Not inside a longer base64 run, and not without its payload.
        assert!(jwt_spans(&format!("xx{t}")).is_empty());
        assert!(jwt_spans("eyJhbGciOiJub25lIn0..").is_empty());
        assert_eq!(jwt_spans("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0.").len(), 1);
    }
}
