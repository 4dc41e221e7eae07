//! `lint`'s judgement of one token: what `decode` points out, the HMAC secret guessed from
//! a built-in list and a word list, and the strength and fit of a key when one is given.

use rayon::prelude::*;

use super::{findings, Finding, Level};
use crate::alg::{Alg, Family};
use crate::keys::{Key, Material, Secret};
use crate::token::Token;

/// Secrets seen in tutorials, framework docs and leaked configs. Short on purpose: a real
/// word list comes with --wordlist.
const COMMON_SECRETS: [&str; 17] = [
    "secret",
    "mysecretkey123",
    "your-256-bit-secret",
    "your-secret-key",
    "your_secret_key",
    "secretkey",
    "secret-key",
    "supersecret",
    "changeme",
    "password",
    "jwt_secret",
    "jwtsecret",
    "key",
    "test",
    "123456",
    // The FastAPI tutorial's SECRET_KEY, copied into many real deployments.
    "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7",
    // jwtctl's own README example, which will be pasted somewhere it should not be.
    "examples-only-secret-never-deploy-it",
];

/// Lints tokens with one key and word list; shared by every token of a run (and every thread),
/// so that a secret found for one token is tried first on the others of its group.
pub struct Linter<'a> {
    now: i64,
    max_life: i64,
    key: Option<&'a Key>,
    guesser: Guesser<'a>,
}

impl<'a> Linter<'a> {
    pub fn new(
        now: i64,
        max_life: i64,
        key: Option<&'a Key>,
        words: Option<&'a [Vec<u8>]>,
    ) -> Linter<'a> {
        Linter {
            now,
            max_life,
            key,
            guesser: Guesser {
                words,
                groups: Default::default(),
            },
        }
    }

    /// Every finding for one token, most severe first.
    pub fn lint(&self, token: &Token) -> Vec<Finding> {
        let mut f = findings(token, self.now, self.max_life);
        if let Ok(alg) = token.alg {
            if alg.family() == Family::Hmac {
                f.extend(self.guesser.guess(token, alg));
            }
            if let Some(k) = self.key {
                f.extend(key_findings(token, alg, k));
            }
        }
        f.sort_by_key(|x| std::cmp::Reverse(x.level));
        f
    }
}

/// Tokens that share alg, iss and kid are almost always signed with the same secret.
type Group = (Alg, Option<String>, Option<String>);

/// What is known of a group's secret.
#[derive(Clone)]
enum Known {
    /// Another thread is searching: search too rather than wait (waiting on a rayon thread
    /// could deadlock when it picks up a line of the same group).
    Searching,
    /// This candidate verified a token of the group: try it first.
    Found { secret: Vec<u8>, place: String },
    /// No candidate verified the group's first token: not searched again.
    Clean,
}

/// Tries the built-in list and the word list as the HMAC secret, once per (alg, iss, kid)
/// group: a secret found is tried first on the group's other tokens, and a group whose first
/// token matched no candidate is not searched again. That turns a word list from a cost per
/// token into a cost per signing key. The secret found is never printed whole: the report says
/// where in the list it is.
struct Guesser<'a> {
    words: Option<&'a [Vec<u8>]>,
    groups: std::sync::Mutex<std::collections::HashMap<Group, Known>>,
}

impl Guesser<'_> {
    fn guess(&self, token: &Token, alg: Alg) -> Option<Finding> {
        let group: Group = (
            alg,
            token
                .claims()
                .and_then(|c| c.get("iss"))
                .map(|v| v.to_string()),
            token.kid().map(str::to_string),
        );
        let known = {
            let mut groups = self.groups.lock().ok()?;
            match groups.get(&group) {
                Some(k) => k.clone(),
                None => {
                    groups.insert(group.clone(), Known::Searching);
                    Known::Searching
                }
            }
        };
        match known {
            Known::Found { secret, place } => {
                if matches(token, alg, &secret) {
                    return Some(cracked(place, secret.len()));
                }
                // Another secret in the same group: search for this token alone.
                search(token, alg, self.words).map(|(_, place, len)| cracked(place, len))
            }
            Known::Clean => None,
            Known::Searching => {
                let found = search(token, alg, self.words);
                let state = match &found {
                    Some((secret, place, _)) => Known::Found {
                        secret: secret.clone(),
                        place: place.clone(),
                    },
                    None => Known::Clean,
                };
                if let Ok(mut groups) = self.groups.lock() {
                    groups.insert(group, state);
                }
                found.map(|(_, place, len)| cracked(place, len))
            }
        }
    }
}

fn matches(token: &Token, alg: Alg, candidate: &[u8]) -> bool {
    let Ok(secret) = Secret::new(candidate.to_vec()) else {
        return false;
    };
    let key = Key {
        material: Material::Secret(secret),
        kid: None,
        usage: Default::default(),
        source: String::new(),
    };
    key.verifier(alg)
        .map(|v| v.verify(token.signing_input(), &token.signature))
        .unwrap_or(false)
}

/// The built-in list, then the word list on all cores: the secret, where it is, its length.
fn search(token: &Token, alg: Alg, words: Option<&[Vec<u8>]>) -> Option<(Vec<u8>, String, usize)> {
    if let Some(i) = COMMON_SECRETS
        .iter()
        .position(|w| matches(token, alg, w.as_bytes()))
    {
        let w = COMMON_SECRETS[i].as_bytes();
        return Some((
            w.to_vec(),
            format!("built-in list entry #{}", i + 1),
            w.len(),
        ));
    }
    let words = words?;
    let hit = words
        .par_iter()
        .position_first(|w| matches(token, alg, w))?;
    Some((
        words[hit].clone(),
        format!("word list line {}", hit + 1),
        words[hit].len(),
    ))
}

fn cracked(place: String, len: usize) -> Finding {
    Finding {
        level: Level::Critical,
        id: "secret-guessed",
        message: format!(
            "the HMAC secret is a known word ({place}, {len} bytes): anyone can forge tokens; rotate it with `jwtctl keygen`"
        ),
    }
}

fn key_findings(token: &Token, alg: Alg, key: &Key) -> Vec<Finding> {
    let mut out = Vec::new();
    match &key.material {
        Material::Secret(s) => {
            if let Some(min) = alg.min_secret_len() {
                if s.len() < min {
                    out.push(Finding {
                        level: Level::High,
                        id: "weak-secret",
                        message: format!(
                            "the HMAC secret is {} bytes, shorter than {alg}'s {min}: it can be brute-forced",
                            s.len()
                        ),
                    });
                }
            }
        }
        _ => {
            if let Some(bits) = key.public().and_then(|p| p.rsa_bits()) {
                if bits < 2048 {
                    out.push(Finding {
                        level: Level::High,
                        id: "weak-rsa",
                        message: format!("the RSA key has {bits} bits; 2048 is the minimum"),
                    });
                }
            }
        }
    }
    match key.verifier(alg) {
        Ok(v) if v.verify(token.signing_input(), &token.signature) => {}
        Ok(_) => out.push(Finding {
            level: Level::Info,
            id: "key-mismatch",
            message: format!("the token's signature does not verify with {}", key.source),
        }),
        Err(e) => out.push(Finding {
            level: Level::High,
            id: "key-mismatch",
            message: e.to_string(),
        }),
    }
    out
}
