//! Backoff for repeated failed logins, per submitted user name.
//!
//! Keyed by the name as typed, whether or not such a user exists: a limit that applied only to
//! real users would tell an attacker which names are real. After `max_failures` failures in a
//! row the name is locked for one second, doubling with every further failure up to
//! `MAX_LOCK`; a success clears the record, and a record with no failure for `WINDOW` is
//! forgotten.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures older than this no longer count.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
const FIRST_LOCK: Duration = Duration::from_secs(1);
const MAX_LOCK: Duration = Duration::from_secs(15 * 60);
/// Names tracked at once. A flood of made-up names cannot grow memory past this; names already
/// tracked (the ones under attack) stay tracked when it is full.
const MAX_ENTRIES: usize = 100_000;

#[derive(Debug, Clone, Copy)]
struct Record {
    failures: u32,
    last: Instant,
}

pub struct Limiter {
    max_failures: u32,
    records: Mutex<HashMap<String, Record>>,
}

impl Limiter {
    pub fn new(max_failures: u32) -> Limiter {
        Limiter {
            max_failures: max_failures.max(1),
            records: Mutex::new(HashMap::new()),
        }
    }

    fn lock_for(&self, failures: u32) -> Duration {
        if failures < self.max_failures {
            return Duration::ZERO;
        }
        let doublings = (failures - self.max_failures).min(20);
        (FIRST_LOCK * 2u32.pow(doublings)).min(MAX_LOCK)
    }

    /// `Some(wait)` while the name is locked.
    pub fn locked(&self, name: &str, now: Instant) -> Option<Duration> {
        let records = self.records.lock().expect("limiter lock");
        let r = records.get(name)?;
        let since = now.saturating_duration_since(r.last);
        if since >= WINDOW {
            return None;
        }
        let lock = self.lock_for(r.failures);
        (since < lock).then(|| lock - since)
    }

    pub fn failed(&self, name: &str, now: Instant) {
        let mut records = self.records.lock().expect("limiter lock");
        if records.len() >= MAX_ENTRIES && !records.contains_key(name) {
            records.retain(|_, r| now.saturating_duration_since(r.last) < WINDOW);
            if records.len() >= MAX_ENTRIES {
                return;
            }
        }
        let r = records.entry(name.to_string()).or_insert(Record {
            failures: 0,
            last: now,
        });
        if now.saturating_duration_since(r.last) >= WINDOW {
            r.failures = 0;
        }
        r.failures = r.failures.saturating_add(1);
        r.last = now;
    }

    pub fn succeeded(&self, name: &str) {
        self.records.lock().expect("limiter lock").remove(name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: Duration = Duration::from_secs(1);

    #[test]
    fn locks_after_the_allowed_failures_and_doubles() {
        let l = Limiter::new(3);
        let t0 = Instant::now();
        for i in 0..3 {
            assert_eq!(l.locked("alice", t0), None, "failure {i} is still free");
            l.failed("alice", t0);
        }
        assert_eq!(l.locked("alice", t0), Some(S));
        assert_eq!(l.locked("bob", t0), None, "other names are not affected");
        assert_eq!(l.locked("alice", t0 + S), None, "the lock ends");
        l.failed("alice", t0 + S);
        assert_eq!(l.locked("alice", t0 + S), Some(2 * S));
        l.failed("alice", t0 + 3 * S);
        assert_eq!(l.locked("alice", t0 + 3 * S), Some(4 * S));
    }

    #[test]
    fn the_lock_is_capped_and_forgotten_after_the_window() {
        let l = Limiter::new(1);
        let t0 = Instant::now();
        for _ in 0..40 {
            l.failed("alice", t0);
        }
        assert_eq!(l.locked("alice", t0), Some(MAX_LOCK));
        assert_eq!(l.locked("alice", t0 + WINDOW), None);
        l.failed("alice", t0 + WINDOW);
        assert_eq!(
            l.locked("alice", t0 + WINDOW),
            Some(S),
            "the count restarted"
        );
    }

    #[test]
    fn success_clears_the_record() {
        let l = Limiter::new(2);
        let t0 = Instant::now();
        l.failed("alice", t0);
        l.succeeded("alice");
        l.failed("alice", t0);
        assert_eq!(l.locked("alice", t0), None);
    }
}
