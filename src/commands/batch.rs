//! Batch mode shared by `verify` and `decode`: many tokens, one per line, in and out.
//!
//! A reader thread cuts the input into blocks of lines (what the source has ready, so a slow
//! producer gets its answers at once). The main thread gathers the blocks at hand, checks their
//! lines on all cores when there are enough of them to pay for it, and writes the JSON lines in
//! input order while the next lines are being checked. Memory is bounded by the blocks in
//! flight, however long the input is.

use std::io::{BufRead, IsTerminal, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::commands::summary::{ChunkStats, Summary};
use crate::error::ExitCode;
use crate::input::{Block, BlockLine, BlockReader, LineProblem};
use crate::token::Payload;

/// Lines one task takes: enough to amortise scheduling (about 1 µs a task), few enough that a
/// short batch of RSA tokens is already split across the cores.
const TASK_LINES: usize = 64;
/// Lines gathered for one round at most: bounds memory and the latency of the first output.
const ROUND_LINES: usize = 16 * 1024;
/// Blocks the reader may run ahead by (each at most one read buffer, 64 KiB).
const READ_AHEAD: usize = 64;
/// A run shorter than this never shows progress.
const PROGRESS_AFTER: Duration = Duration::from_secs(1);

/// Outcomes by exit code, the worst of them, and how the run ended.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    counts: [u64; 8],
    /// Ctrl-C stopped the run: the counts cover the tokens answered before it.
    pub interrupted: bool,
    /// Stdout was closed (`| head`): the counts cover the tokens whose answers were written.
    pub closed: bool,
}

impl Tally {
    pub fn add(&mut self, code: ExitCode) {
        self.counts[slot(code)] += 1;
    }

    fn merge(&mut self, other: &Tally) {
        for (a, b) in self.counts.iter_mut().zip(other.counts) {
            *a += b;
        }
    }

    pub fn count(&self, code: ExitCode) -> u64 {
        self.counts[slot(code)]
    }

    pub fn total(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// The most fundamental outcome seen; `Ok` for an empty input.
    pub fn worst(&self) -> ExitCode {
        ALL_CODES
            .iter()
            .filter(|c| self.count(**c) > 0)
            .fold(ExitCode::Ok, |acc, c| acc.worst(*c))
    }

    /// Outcomes seen, in exit-code order.
    pub fn seen(&self) -> impl Iterator<Item = (ExitCode, u64)> + '_ {
        ALL_CODES
            .iter()
            .map(|c| (*c, self.count(*c)))
            .filter(|(_, n)| *n > 0)
    }
}

/// A line's outcome is one of the token verdicts (never `Interrupted`).
fn slot(code: ExitCode) -> usize {
    ALL_CODES.iter().position(|c| *c == code).unwrap_or(1)
}

const ALL_CODES: [ExitCode; 8] = [
    ExitCode::Ok,
    ExitCode::Runtime,
    ExitCode::Usage,
    ExitCode::Malformed,
    ExitCode::Signature,
    ExitCode::Expired,
    ExitCode::Claims,
    ExitCode::Auth,
];

/// The output lines of one task, their outcomes and their counts.
struct Chunk {
    out: Vec<u8>,
    tally: Tally,
    stats: ChunkStats,
}

/// Runs a batch: `line` appends the output for each token line (newline included, or nothing)
/// to its buffer, counts it in its stats when a summary is wanted, and returns the line's
/// outcome. `size` is the input's length when known (a file), for progress. Chunks are folded
/// into `summary` in input order. Returns the outcomes; the caller prints the summary.
///
/// The run stops early, without an error, when stdout is closed (ripgrep's policy for `| head`)
/// or on Ctrl-C; the tally says which, and counts only the tokens whose answers were written.
pub fn run<F>(
    quiet: bool,
    extract: bool,
    reader: Box<dyn BufRead + Send>,
    size: Option<u64>,
    summary: &mut Summary,
    line: F,
) -> crate::error::Result<Tally>
where
    F: Fn(&mut Vec<u8>, &mut ChunkStats, u64, Option<u64>, Result<&str, LineProblem>) -> ExitCode
        + Sync,
{
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    // Without the handler Ctrl-C kills the process, which is still correct: only the summary
    // so far is lost.
    let handler = signal_hook::flag::register(signal_hook::consts::SIGINT, stop.clone()).ok();
    let result = run_until(quiet, extract, reader, size, summary, &stop, line);
    if let Some(id) = handler {
        signal_hook::low_level::unregister(id);
    }
    result
}

fn run_until<F>(
    quiet: bool,
    extract: bool,
    reader: Box<dyn BufRead + Send>,
    size: Option<u64>,
    summary: &mut Summary,
    stop: &std::sync::atomic::AtomicBool,
    line: F,
) -> crate::error::Result<Tally>
where
    F: Fn(&mut Vec<u8>, &mut ChunkStats, u64, Option<u64>, Result<&str, LineProblem>) -> ExitCode
        + Sync,
{
    use std::sync::atomic::Ordering::Relaxed;
    let (tx, rx) = mpsc::sync_channel::<std::io::Result<Block>>(READ_AHEAD);
    // The reader ends when the input ends, or when its receiver is gone (a write failed).
    std::thread::Builder::new()
        .name("jwtctl-read".into())
        .spawn(move || {
            let mut blocks = BlockReader::new(reader);
            loop {
                let next = blocks.next_block();
                let stop = !matches!(next, Ok(Some(_)));
                let item = match next {
                    Ok(Some(b)) => Ok(b),
                    Ok(None) => break,
                    Err(e) => Err(e),
                };
                if tx.send(item).is_err() || stop {
                    break;
                }
            }
        })?;

    // Output buffers go back to this pool once written: no fresh pages to fault in per task.
    let spare: std::sync::Mutex<Vec<Vec<u8>>> = Default::default();
    let task = |block: &Block, lines: &[BlockLine]| {
        let out = spare.lock().ok().and_then(|mut s| s.pop());
        let mut chunk = Chunk {
            out: out.unwrap_or_else(|| Vec::with_capacity(lines.len() * 384)),
            tally: Tally::default(),
            stats: ChunkStats::default(),
        };
        for l in lines {
            match (extract, block.text(l)) {
                (true, Ok(text)) => {
                    for (column, token) in crate::input::jwt_spans(text) {
                        let code = line(
                            &mut chunk.out,
                            &mut chunk.stats,
                            l.number,
                            Some(column),
                            Ok(token),
                        );
                        chunk.tally.add(code);
                    }
                }
                // A line that is not text, or too long to be one token, may still hold one,
                // but not one the scanner can point at by column: skipped with the rest.
                (true, Err(_)) => {}
                (false, text) => {
                    let code = line(&mut chunk.out, &mut chunk.stats, l.number, None, text);
                    chunk.tally.add(code);
                }
            }
        }
        chunk
    };

    let mut tally = Tally::default();
    let mut progress = Progress::new(quiet, size);
    let mut pending: Vec<Chunk> = Vec::new();
    let mut open = true;
    let mut sink = Sink {
        tally: &mut tally,
        summary,
        spare: &spare,
    };
    while open {
        if stop.load(Relaxed) {
            break;
        }
        // Take what the reader has ready; wait only when there is nothing, and then flush
        // first so a slow producer's answers are not held back.
        let mut blocks = Vec::new();
        let mut lines = 0;
        while lines < ROUND_LINES {
            match rx.try_recv() {
                Ok(b) => {
                    let b = b.map_err(read_error)?;
                    lines += b.lines.len();
                    blocks.push(b);
                }
                Err(mpsc::TryRecvError::Empty) => break,
                Err(mpsc::TryRecvError::Disconnected) => {
                    open = false;
                    break;
                }
            }
        }
        if blocks.is_empty() {
            if !open {
                break;
            }
            if !sink.write(&mut pending)? {
                break;
            }
            // Wake up now and then to notice Ctrl-C while the producer is silent.
            let next = loop {
                match rx.recv_timeout(Duration::from_millis(100)) {
                    Ok(b) => break Some(b),
                    Err(mpsc::RecvTimeoutError::Timeout) if !stop.load(Relaxed) => continue,
                    Err(_) => break None,
                }
            };
            match next {
                Some(b) => blocks.push(b.map_err(read_error)?),
                None => break,
            }
        }
        for b in &blocks {
            progress.advance(b.consumed, b.lines.len() as u64);
        }
        let tasks: Vec<(&Block, &[BlockLine])> = blocks
            .iter()
            .flat_map(|b| b.lines.chunks(TASK_LINES).map(move |ls| (b, ls)))
            .collect();
        let (done, more) = if tasks.len() <= 1 {
            // Too little to pay for the thread pool: check on this thread.
            let more = sink.write(&mut pending)?;
            (tasks.into_iter().map(|(b, ls)| task(b, ls)).collect(), more)
        } else {
            // Check these lines on all cores while the previous ones are written.
            let (done, written) = rayon::join(
                || {
                    tasks
                        .into_par_iter()
                        .map(|(b, ls)| task(b, ls))
                        .collect::<Vec<_>>()
                },
                || sink.write(&mut pending),
            );
            (done, written?)
        };
        pending = done;
        if !more {
            pending.clear();
            break;
        }
    }
    sink.write(&mut pending)?;
    progress.finish();
    tally.interrupted = stop.load(Relaxed);
    Ok(tally)
}

/// Where finished chunks go: stdout, the tally and the summary.
struct Sink<'a> {
    tally: &'a mut Tally,
    summary: &'a mut Summary,
    spare: &'a std::sync::Mutex<Vec<Vec<u8>>>,
}

impl Sink<'_> {
    /// Writes finished chunks in order, counts them and keeps their buffers for reuse. False
    /// once stdout is closed: the chunk that met the closed pipe and those after it are not
    /// counted.
    fn write(&mut self, chunks: &mut Vec<Chunk>) -> std::io::Result<bool> {
        if chunks.is_empty() || self.tally.closed {
            chunks.clear();
            return Ok(!self.tally.closed);
        }
        let mut out = std::io::stdout().lock();
        let mut emptied = Vec::with_capacity(chunks.len());
        let mut result = Ok(());
        for mut c in chunks.drain(..) {
            if result.is_ok() {
                result = out.write_all(&c.out);
                if result.is_ok() {
                    self.tally.merge(&c.tally);
                    self.summary.absorb(&c.stats);
                }
            }
            c.out.clear();
            emptied.push(c.out);
        }
        if let Ok(mut s) = self.spare.lock() {
            s.append(&mut emptied);
        }
        match result.and_then(|()| out.flush()) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.tally.closed = true;
                Ok(false)
            }
            Err(e) => Err(e),
        }
    }
}

/// An input error met by the reader thread, said as such (a write error is not).
fn read_error(e: std::io::Error) -> crate::error::Failure {
    crate::error::Failure::runtime(format!("cannot read the tokens: {e}"))
}

/// A progress line on stderr, only when stderr is a terminal (and stdout is not) and the run
/// is long.
struct Progress {
    enabled: bool,
    start: Instant,
    size: Option<u64>,
    bytes: u64,
    tokens: u64,
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    fn new(quiet: bool, size: Option<u64>) -> Progress {
        Progress {
            // On a terminal only, and not when the JSON lines themselves scroll by on it.
            enabled: !quiet && std::io::stderr().is_terminal() && !std::io::stdout().is_terminal(),
            start: Instant::now(),
            size,
            bytes: 0,
            tokens: 0,
            bar: None,
        }
    }

    fn advance(&mut self, bytes: u64, tokens: u64) {
        self.bytes += bytes;
        self.tokens += tokens;
        if !self.enabled {
            return;
        }
        if self.bar.is_none() && self.start.elapsed() >= PROGRESS_AFTER {
            self.bar = Some(self.make_bar());
        }
        if let Some(bar) = &self.bar {
            bar.set_position(self.bytes);
            let rate = self.tokens as f64 / self.start.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!("{} tokens, {:.0}/s", self.tokens, rate));
        }
    }

    fn make_bar(&self) -> indicatif::ProgressBar {
        use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
        let (bar, template) = match self.size {
            Some(len) => (
                ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr()),
                "{spinner} [{bar:30}] {percent:>3}% {msg}, eta {eta}",
            ),
            None => (
                ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
                "{spinner} {msg}, {elapsed}",
            ),
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.enable_steady_tick(Duration::from_millis(200));
        bar
    }

    fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}

/// `payload` in JSON output: the claims object, or null when the payload is not one.
pub struct PayloadJson<'a>(pub &'a Payload);

impl serde::Serialize for PayloadJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Payload::Claims(c) => serde::Serialize::serialize(c, s),
            Payload::Other { .. } => s.serialize_none(),
        }
    }
}

/// `payload_text` in JSON output: a payload that is not a claims object, as text (lossy
/// UTF-8); null for a JWT. Kept apart from `payload` so `.payload.sub` never meets a string.
pub struct PayloadText<'a>(pub &'a Payload);

impl serde::Serialize for PayloadText<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Payload::Claims(_) => s.serialize_none(),
            Payload::Other { bytes, .. } => {
                serde::Serialize::serialize(&String::from_utf8_lossy(bytes), s)
            }
        }
    }
}

/// The input's size when it is a regular file, for progress.
pub fn file_size(file: Option<&std::path::Path>) -> Option<u64> {
    let path = file.filter(|p| p.as_os_str() != "-")?;
    std::fs::metadata(path)
        .ok()
        .filter(|m| m.is_file())
        .map(|m| m.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tally_counts_and_picks_the_worst() {
        let mut t = Tally::default();
        assert_eq!(t.worst(), ExitCode::Ok);
        t.add(ExitCode::Ok);
        t.add(ExitCode::Expired);
        t.add(ExitCode::Claims);
        assert_eq!(t.worst(), ExitCode::Expired);
        t.add(ExitCode::Malformed);
        assert_eq!(t.worst(), ExitCode::Malformed);
        assert_eq!(t.total(), 4);
        assert_eq!(
            t.seen().collect::<Vec<_>>(),
            vec![
                (ExitCode::Ok, 1),
                (ExitCode::Malformed, 1),
                (ExitCode::Expired, 1),
                (ExitCode::Claims, 1)
            ]
        );
    }
}
