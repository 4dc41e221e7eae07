//! Backoff for failed logins, by user name and by client address.
//!
//! Names are counted as typed, whether or not such a user exists: a limit that applied only to
//! real users would tell an attacker which names are real. Three records are kept:
//!
//! - **name and client address**: after `max_failures` failures in a row the pair is locked for
//!   one second, doubling with every further failure up to [`MAX_LOCK`] (15 minutes). This is
//!   what holds back a guesser at one address.
//! - **name, from any address**: the same count, but its lock stops doubling at
//!   [`NAME_MAX_LOCK`] (30 s). It holds guessing spread over many addresses to about one guess
//!   per 30 s per name, while a stranger who fails on purpose can shut the real user out for at
//!   most 30 s after each failure, and each of those failures also escalates the stranger's own
//!   pair lock.
//! - **client address**, whatever the name: a budget of failures (`client_budget` at once, then
//!   one more per second). Spent, the address gets 429 before any password is checked. It bounds
//!   how fast one client can fill the tables with made-up names. IPv6 clients are counted per
//!   /64, the block one client usually holds whole.
//!
//! Each table holds at most `capacity` records. When one is full, the record that failed least
//! recently is evicted to make room: the limiter never stops counting, and a flood of made-up
//! names pushes out quiet records, not the ones under attack (every failure refreshes them).
//! A success clears the name's records; a record with no failure for [`WINDOW`] is forgotten.

use std::net::IpAddr;
use std::num::NonZeroUsize;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use lru::LruCache;

/// Failures older than this no longer count.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
const FIRST_LOCK: Duration = Duration::from_secs(1);
/// Longest lock of a name at one client address.
pub const MAX_LOCK: Duration = Duration::from_secs(15 * 60);
/// Longest lock of a name for every address: what someone failing on purpose can inflict on
/// the real user per failure.
pub const NAME_MAX_LOCK: Duration = Duration::from_secs(30);
/// A client address earns back one failure per this long.
pub const CLIENT_REFILL: Duration = Duration::from_secs(1);
/// Records per table: about 100 bytes each, so the three tables stay under some 50 MB.
pub const CAPACITY: usize = 100_000;

#[derive(Debug, Clone, Copy)]
struct Record {
    failures: u32,
    last: Instant,
}

/// Why a login is refused before its password is checked, and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lock {
    /// Too many failures for this name (from this address, or from everywhere).
    Name(Duration),
    /// This address has spent its budget of failures.
    Client(Duration),
}

impl Lock {
    pub fn wait(self) -> Duration {
        match self {
            Lock::Name(d) | Lock::Client(d) => d,
        }
    }
}

/// The key of a client: its address, IPv6 cut to the /64.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Client(IpAddr);

impl From<IpAddr> for Client {
    fn from(ip: IpAddr) -> Client {
        Client(match ip {
            IpAddr::V4(_) => ip,
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => IpAddr::V4(v4),
                None => {
                    let s = v6.segments();
                    IpAddr::V6(std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
                }
            },
        })
    }
}

struct Tables {
    pairs: LruCache<(String, Client), Record>,
    names: LruCache<String, Record>,
    /// Per client, the time at which its spent budget is fully back (a GCRA "theoretical
    /// arrival time"): one instant per client instead of a counter and a clock.
    clients: LruCache<Client, Instant>,
}

pub struct Limiter {
    max_failures: u32,
    client_budget: u32,
    client_refill: Duration,
    tables: Mutex<Tables>,
}

impl Limiter {
    #[cfg(test)]
    pub fn new(max_failures: u32, client_budget: u32) -> Limiter {
        Limiter::with_capacity(max_failures, client_budget, CAPACITY)
    }

    pub fn with_capacity(max_failures: u32, client_budget: u32, capacity: usize) -> Limiter {
        let cap = NonZeroUsize::new(capacity.max(1)).expect("at least one");
        Limiter {
            max_failures: max_failures.max(1),
            client_budget: client_budget.max(1),
            client_refill: CLIENT_REFILL,
            tables: Mutex::new(Tables {
                pairs: LruCache::new(cap),
                names: LruCache::new(cap),
                clients: LruCache::new(cap),
            }),
        }
    }

    /// How long a client address takes to earn back one failure ([`CLIENT_REFILL`] unless
    /// changed here).
    pub fn client_refill(mut self, every: Duration) -> Limiter {
        self.client_refill = every.max(Duration::from_millis(1));
        self
    }

    /// The tables survive a panic elsewhere while they were held: every update leaves them
    /// consistent, so a poisoned lock is only a sign of that panic, not of damage.
    fn tables(&self) -> MutexGuard<'_, Tables> {
        self.tables.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn lock_for(&self, r: &Record, now: Instant, ceiling: Duration) -> Option<Duration> {
        let since = now.saturating_duration_since(r.last);
        if since >= WINDOW || r.failures < self.max_failures {
            return None;
        }
        let doublings = (r.failures - self.max_failures).min(20);
        let lock = (FIRST_LOCK * 2u32.pow(doublings)).min(ceiling);
        (since < lock).then(|| lock - since)
    }

    /// `Some` while a login for `name` from `client` must be refused without checking it.
    pub fn locked(&self, name: &str, client: impl Into<Client>, now: Instant) -> Option<Lock> {
        let client = client.into();
        let t = self.tables();
        let allowance = self.client_refill * (self.client_budget - 1);
        if let Some(&tat) = t.clients.peek(&client) {
            let ahead = tat.saturating_duration_since(now);
            if ahead > allowance {
                return Some(Lock::Client(ahead - allowance));
            }
        }
        let pair = t
            .pairs
            .peek(&(name.to_string(), client))
            .and_then(|r| self.lock_for(r, now, MAX_LOCK));
        let all = t
            .names
            .peek(name)
            .and_then(|r| self.lock_for(r, now, NAME_MAX_LOCK));
        pair.max(all).map(Lock::Name)
    }

    pub fn failed(&self, name: &str, client: impl Into<Client>, now: Instant) {
        let client = client.into();
        let mut t = self.tables();
        let t = &mut *t;
        count(&mut t.pairs, (name.to_string(), client), now);
        count(&mut t.names, name.to_string(), now);
        let tat = match t.clients.get(&client) {
            Some(&tat) => tat.max(now),
            None => now,
        };
        t.clients.push(client, tat + self.client_refill);
    }

    /// A right password clears the name's records; the client's budget is not given back, or
    /// logging in to one's own account between guesses would reset it.
    pub fn succeeded(&self, name: &str, client: impl Into<Client>) {
        let mut t = self.tables();
        t.pairs.pop(&(name.to_string(), client.into()));
        t.names.pop(name);
    }

    #[cfg(test)]
    fn len(&self) -> (usize, usize, usize) {
        let t = self.tables();
        (t.pairs.len(), t.names.len(), t.clients.len())
    }
}

/// One more failure; when the table is full, `push` evicts the least recently failed record.
fn count<K: std::hash::Hash + Eq>(table: &mut LruCache<K, Record>, key: K, now: Instant) {
    let fresh = Record {
        failures: 1,
        last: now,
    };
    match table.get_mut(&key) {
        Some(r) if now.saturating_duration_since(r.last) < WINDOW => {
            r.failures = r.failures.saturating_add(1);
            r.last = now;
        }
        Some(r) => *r = fresh,
        None => {
            table.push(key, fresh);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    const S: Duration = Duration::from_secs(1);
    const A: IpAddr = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1));
    const B: IpAddr = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 2));
    const PLENTY: u32 = 1_000_000;

    #[test]
    fn locks_after_the_allowed_failures_and_doubles() {
        let l = Limiter::new(3, PLENTY);
        let t0 = Instant::now();
        for i in 0..3 {
            assert_eq!(l.locked("alice", A, t0), None, "failure {i} is still free");
            l.failed("alice", A, t0);
        }
        assert_eq!(l.locked("alice", A, t0), Some(Lock::Name(S)));
        assert_eq!(l.locked("bob", A, t0), None, "other names are not affected");
        assert_eq!(l.locked("alice", A, t0 + S), None, "the lock ends");
        l.failed("alice", A, t0 + S);
        assert_eq!(l.locked("alice", A, t0 + S), Some(Lock::Name(2 * S)));
        l.failed("alice", A, t0 + 3 * S);
        assert_eq!(l.locked("alice", A, t0 + 3 * S), Some(Lock::Name(4 * S)));
    }

    #[test]
    fn the_lock_is_capped_and_forgotten_after_the_window() {
        let l = Limiter::new(1, PLENTY);
        let t0 = Instant::now();
        for _ in 0..40 {
            l.failed("alice", A, t0);
        }
        assert_eq!(l.locked("alice", A, t0), Some(Lock::Name(MAX_LOCK)));
        assert_eq!(l.locked("alice", A, t0 + WINDOW), None);
        l.failed("alice", A, t0 + WINDOW);
        assert_eq!(
            l.locked("alice", A, t0 + WINDOW),
            Some(Lock::Name(S)),
            "the count restarted"
        );
    }

    /// The lockout trade-off: the guessing address is locked for up to 15 minutes, every other
    /// address (the real user's) for at most 30 s after the last failure.
    #[test]
    fn another_address_is_locked_only_up_to_the_name_ceiling() {
        let l = Limiter::new(5, PLENTY);
        let t0 = Instant::now();
        for _ in 0..30 {
            l.failed("eve", A, t0);
        }
        assert_eq!(l.locked("eve", A, t0), Some(Lock::Name(MAX_LOCK)));
        assert_eq!(l.locked("eve", B, t0), Some(Lock::Name(NAME_MAX_LOCK)));
        assert_eq!(l.locked("eve", B, t0 + NAME_MAX_LOCK), None);
        assert!(l.locked("eve", A, t0 + NAME_MAX_LOCK).is_some());
        // Fewer failures than the threshold from one address lock nobody else.
        let l = Limiter::new(5, PLENTY);
        for _ in 0..4 {
            l.failed("eve", A, t0);
        }
        assert_eq!(l.locked("eve", B, t0), None);
    }

    #[test]
    fn success_clears_the_name_but_not_the_client_budget() {
        let l = Limiter::new(2, 3);
        let t0 = Instant::now();
        l.failed("alice", A, t0);
        l.failed("alice", A, t0);
        l.succeeded("alice", A);
        assert_eq!(l.locked("alice", A, t0), None);
        l.failed("alice", A, t0);
        assert_eq!(l.locked("alice", A, t0), Some(Lock::Client(CLIENT_REFILL)));
    }

    #[test]
    fn a_client_spends_its_budget_then_earns_one_failure_per_refill() {
        let l = Limiter::new(5, 10);
        let t0 = Instant::now();
        for i in 0..10 {
            assert_eq!(l.locked(&format!("n{i}"), A, t0), None);
            l.failed(&format!("n{i}"), A, t0);
        }
        assert_eq!(l.locked("new", A, t0), Some(Lock::Client(CLIENT_REFILL)));
        assert_eq!(l.locked("new", B, t0), None, "other clients keep theirs");
        assert_eq!(l.locked("new", A, t0 + CLIENT_REFILL), None);
        l.failed("new", A, t0 + CLIENT_REFILL);
        assert!(l.locked("other", A, t0 + CLIENT_REFILL).is_some());
        // IPv6 clients share a budget per /64.
        let v6 =
            |last: u16| IpAddr::V6(std::net::Ipv6Addr::new(0x2001, 0xdb8, 0, 1, 0, 0, 0, last));
        let l = Limiter::new(5, 2);
        l.failed("x", v6(1), t0);
        l.failed("y", v6(2), t0);
        assert!(matches!(l.locked("z", v6(3), t0), Some(Lock::Client(_))));
    }

    /// Full tables evict the least recently failed record instead of refusing to count: the
    /// name under attack keeps being counted after a flood of made-up names.
    #[test]
    fn full_tables_evict_the_least_recently_failed() {
        let l = Limiter::with_capacity(3, PLENTY, 100);
        let t0 = Instant::now();
        l.failed("quiet", B, t0);
        l.failed("eve", A, t0);
        for i in 0..1000 {
            l.failed(&format!("n{i}"), A, t0);
            if i % 10 == 0 {
                l.failed("eve", A, t0);
            }
        }
        assert_eq!(l.len(), (100, 100, 2));
        assert!(matches!(l.locked("eve", A, t0), Some(Lock::Name(_))));
        // "quiet" failed once, before the flood: evicted, and counted afresh.
        l.failed("quiet", B, t0);
        assert_eq!(l.locked("quiet", B, t0), None);
        // Eviction took the oldest made-up names, not the newest.
        let t = l.tables();
        assert!(t.names.contains("n999") && !t.names.contains("n0"));
    }

    /// A panic while the tables are held does not make every later login panic.
    #[test]
    fn a_poisoned_lock_is_recovered() {
        let l = std::sync::Arc::new(Limiter::new(1, PLENTY));
        let l2 = l.clone();
        let r = std::thread::spawn(move || {
            let _held = l2.tables();
            panic!("a panic while holding the limiter");
        })
        .join();
        assert!(r.is_err());
        assert!(l.tables.is_poisoned());
        let t0 = Instant::now();
        l.failed("alice", A, t0);
        assert_eq!(l.locked("alice", A, t0), Some(Lock::Name(S)));
        l.succeeded("alice", A);
    }
}
