//! The keys a token is checked against, with each key's verifier built once per algorithm.

use crate::alg::Alg;
use crate::keys::{Key, Verifier};
use crate::warning::{Level, Warning};

/// The keys a token may be checked against: one key the user named, or a JWKS.
pub struct KeySet {
    pub keys: Vec<Key>,
    pub is_jwks: bool,
    /// Verifiers built so far, one slot per key and algorithm: batch mode builds each once, and
    /// threads read built ones without taking a lock.
    cache: Vec<[std::sync::OnceLock<Cached>; Alg::ALL.len()]>,
}

/// A verifier built once, with what verifying with its key warns about (a short secret, a small
/// RSA key), so no token pays for re-reading the key.
pub(super) struct Cached {
    pub(super) verifier: Verifier,
    pub(super) warning: Option<Warning>,
}

fn slots(n: usize) -> Vec<[std::sync::OnceLock<Cached>; Alg::ALL.len()]> {
    (0..n)
        .map(|_| std::array::from_fn(|_| std::sync::OnceLock::new()))
        .collect()
}

impl KeySet {
    pub fn single(key: Key) -> KeySet {
        KeySet {
            keys: vec![key],
            is_jwks: false,
            cache: slots(1),
        }
    }

    pub fn jwks(keys: Vec<Key>) -> KeySet {
        KeySet {
            cache: slots(keys.len()),
            keys,
            is_jwks: true,
        }
    }

    /// Runs `f` with the key's verifier for `alg`, built on first use.
    pub(super) fn with_verifier<T>(
        &self,
        index: usize,
        alg: Alg,
        f: impl FnOnce(&Cached) -> T,
    ) -> Result<T, crate::keys::KeyError> {
        let build = || -> Result<Cached, crate::keys::KeyError> {
            let key = &self.keys[index];
            Ok(Cached {
                verifier: key.verifier(alg)?,
                warning: key_warning(key, alg),
            })
        };
        let slot = Alg::ALL
            .iter()
            .position(|a| *a == alg)
            .and_then(|a| self.cache.get(index).map(|slots| &slots[a]));
        match slot {
            Some(slot) => {
                if let Some(c) = slot.get() {
                    return Ok(f(c));
                }
                let built = build()?;
                Ok(f(slot.get_or_init(|| built)))
            }
            // A key added after the set was made: correct, only not cached.
            None => Ok(f(&build()?)),
        }
    }

    pub fn kids(&self) -> Vec<String> {
        self.keys.iter().filter_map(|k| k.kid.clone()).collect()
    }
}

/// What verifying with this key warns about, whatever the token.
fn key_warning(key: &Key, alg: Alg) -> Option<Warning> {
    if let Some(bits) = key.public().and_then(|p| p.rsa_bits()) {
        if bits < 2048 {
            return Some(Warning::new(
                Level::High,
                "weak-rsa",
                format!("the RSA key has only {bits} bits; 2048 is the minimum today"),
            ));
        }
    }
    if let Some(len) = hmac_len(key) {
        let min = alg.min_secret_len().unwrap_or(32);
        if len < min {
            return Some(Warning::new(
                Level::High,
                "weak-secret",
                format!("the HMAC secret is {len} bytes, shorter than {alg}'s {min}: it can be brute-forced"),
            ));
        }
    }
    None
}

fn hmac_len(key: &Key) -> Option<usize> {
    match &key.material {
        crate::keys::Material::Secret(s) => Some(s.len()),
        _ => None,
    }
}
