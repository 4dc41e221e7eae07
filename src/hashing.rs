//! Password hashing: argon2id to make hashes, argon2 (i/d/id) and bcrypt to check them, and
//! [`authenticate`], the password check a `/token` endpoint and `jwtctl issue --user` share.
//!
//! bcrypt reads at most 72 bytes of a password and ignores the rest. jwtctl never makes bcrypt
//! hashes, and when it checks one it refuses a longer password instead of comparing a truncated
//! copy (as Python bcrypt 5 does): such a password never matches a bcrypt hash, and the error
//! says why. argon2 has no such limit; jwtctl caps passwords at [`MAX_PASSWORD_LEN`] bytes so a
//! request cannot make it hash megabytes.

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::error::ExitCode;
use crate::users::{Client, Store, User, Users};
use crate::warning::{Level, Warning, Warnings};

/// OWASP's argon2id recommendation, which is also the argon2 crate's default.
pub const DEFAULT_M_COST: u32 = 19456;
pub const DEFAULT_T_COST: u32 = 2;
pub const DEFAULT_P_COST: u32 = 1;

/// Longest password jwtctl hashes or checks, in bytes (Django uses the same bound).
pub const MAX_PASSWORD_LEN: usize = 4096;
/// bcrypt's own limit: bytes past this are ignored by the algorithm.
pub const BCRYPT_MAX_PASSWORD_LEN: usize = 72;

// Upper bounds on the work a hash string can ask for. A hash comes from the users file or the
// command line, which an attacker may write; `serve` checks one per core at once, so each must
// fit in memory several times over. 1 GiB is 16 times argon2-cffi's default and 50 times
// OWASP's; no real deployment asks for more iterations or lanes.
pub const MAX_M_COST: u32 = 1024 * 1024;
pub const MAX_T_COST: u32 = 32;
pub const MAX_P_COST: u32 = 16;
pub const MAX_BCRYPT_COST: u32 = 20;
/// The shortest argon2 tag jwtctl's argon2 library reads from a PHC string (RFC 9106 allows 4).
pub const MIN_ARGON2_TAG: usize = 10;

/// Verified for unknown users, so that "no such user" costs as much as "wrong password".
/// Made with argon2-cffi at the default cost; its password is irrelevant because the result is
/// discarded.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$71l9ZPDPjvmgRh4XEqNvsg$21yuM+KT5S00ax7wRiRwNG0aScSip90TZNLSrera+T0";

/// argon2id cost parameters: memory in KiB, iterations, lanes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cost {
    pub m_kib: u32,
    pub t: u32,
    pub p: u32,
}

impl Default for Cost {
    fn default() -> Self {
        Cost {
            m_kib: DEFAULT_M_COST,
            t: DEFAULT_T_COST,
            p: DEFAULT_P_COST,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scheme {
    Argon2i,
    Argon2d,
    Argon2id,
    Bcrypt,
}

impl Scheme {
    pub fn name(self) -> &'static str {
        match self {
            Scheme::Argon2i => "argon2i",
            Scheme::Argon2d => "argon2d",
            Scheme::Argon2id => "argon2id",
            Scheme::Bcrypt => "bcrypt",
        }
    }
}

/// What a hash string says about itself, never the hash itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HashInfo {
    pub scheme: Scheme,
    /// `v=19 m=19456 t=2 p=1` for argon2, `2b cost=12` for bcrypt.
    pub params: String,
    /// True when a login should replace it with a fresh argon2id hash at the default cost.
    pub outdated: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("the password is empty")]
    EmptyPassword,
    #[error("the password is {len} bytes, over jwtctl's limit of {MAX_PASSWORD_LEN}")]
    PasswordTooLong { len: usize },
    #[error(
        "the password is {len} bytes, over bcrypt's limit of {BCRYPT_MAX_PASSWORD_LEN}: bcrypt \
         would ignore the rest, and jwtctl does not compare a truncated password, so it cannot \
         match a bcrypt hash"
    )]
    TooLongForBcrypt { len: usize },
    #[error("there is no password hash")]
    Missing,
    #[error("the password hash is malformed: {0}")]
    Malformed(String),
    #[error("the password hash uses the scheme \"{0}\", which jwtctl cannot check")]
    UnknownScheme(String),
    #[error("argon2 cost out of range: {0}")]
    Cost(String),
    #[error(
        "the password hash asks for {0}, beyond jwtctl's bounds; it is refused, not attempted"
    )]
    Limits(String),
    #[error(
        "the argon2 hash's tag is {0} bytes; jwtctl checks tags of {MIN_ARGON2_TAG} bytes or more \
         (RFC 9106 allows 4, but the PHC reader jwtctl uses needs 10, and a 4-byte tag matches \
         a wrong password once in 2^32 tries)"
    )]
    ShortTag(usize),
    #[error("password hashing failed: {0}")]
    Internal(String),
}

impl crate::error::Diagnose for HashError {
    fn hint(&self) -> Option<String> {
        Some(match self {
            HashError::EmptyPassword => "choose a non-empty password".into(),
            HashError::PasswordTooLong { .. } => {
                format!("choose a password of at most {MAX_PASSWORD_LEN} bytes")
            }
            HashError::TooLongForBcrypt { .. } => {
                "an operator can set a new password with `jwtctl users passwd NAME` (argon2id has \
                 no 72-byte limit)"
                    .into()
            }
            HashError::Missing => "set one with `jwtctl users passwd NAME`".into(),
            HashError::Malformed(_) => {
                "pass the whole hash, quoted: '$argon2id$v=19$m=...,t=...,p=...$SALT$HASH' or \
                 '$2b$12$...' (60 characters)"
                    .into()
            }
            HashError::UnknownScheme(_) => {
                "jwtctl checks argon2i, argon2d, argon2id and bcrypt $2a$/$2b$/$2y$ hashes; set a \
                 new password with `jwtctl users passwd NAME`"
                    .into()
            }
            HashError::Cost(_) => format!(
                "memory (--m-cost) is 8 KiB per lane up to {MAX_M_COST}, iterations 1 to \
                 {MAX_T_COST}, lanes 1 to {MAX_P_COST}"
            ),
            HashError::Limits(_) => format!(
                "jwtctl checks argon2 hashes of at most {MAX_M_COST} KiB of memory (1 GiB), \
                 {MAX_T_COST} iterations and {MAX_P_COST} lanes, and bcrypt up to cost \
                 {MAX_BCRYPT_COST}; set a new password with `jwtctl users passwd NAME`"
            ),
            HashError::ShortTag(_) => {
                "set a new password with `jwtctl users passwd NAME` (argon2id, 32-byte tag)".into()
            }
            HashError::Internal(_) => "this is a bug in jwtctl; please report it".into(),
        })
    }

    /// Bad passwords and cost flags are usage errors; a password bcrypt cannot take is an
    /// authentication failure; a hash jwtctl cannot read is a problem with its input file.
    fn exit_code(&self) -> ExitCode {
        match self {
            HashError::EmptyPassword | HashError::PasswordTooLong { .. } | HashError::Cost(_) => {
                ExitCode::Usage
            }
            HashError::TooLongForBcrypt { .. } => ExitCode::Auth,
            // A hash that asks for too much, or proves too little, is refused as malformed input.
            HashError::Limits(_) | HashError::ShortTag(_) => ExitCode::Malformed,
            HashError::Missing
            | HashError::Malformed(_)
            | HashError::UnknownScheme(_)
            | HashError::Internal(_) => ExitCode::Runtime,
        }
    }
}

/// Refuses passwords that must not become a hash: empty or over [`MAX_PASSWORD_LEN`].
pub fn check_new_password(password: &str) -> Result<(), HashError> {
    if password.is_empty() {
        return Err(HashError::EmptyPassword);
    }
    if password.len() > MAX_PASSWORD_LEN {
        return Err(HashError::PasswordTooLong {
            len: password.len(),
        });
    }
    Ok(())
}

/// A new client secret: 256 random bits, base64url, which form-urlencoding leaves as it is.
pub fn new_secret() -> Result<String, crate::error::Failure> {
    let mut bytes = zeroize::Zeroizing::new([0u8; 32]);
    aws_lc_rs::rand::fill(&mut bytes[..])
        .map_err(|e| crate::error::Failure::runtime(format!("no randomness: {e}")))?;
    Ok(crate::token::b64url(&bytes[..]))
}

/// Hashes a password with argon2id (v=19) and a fresh 16-byte salt from the OS; returns the
/// PHC string.
pub fn hash_password(password: &str, cost: Cost) -> Result<String, HashError> {
    check_new_password(password)?;
    let params = params(cost)?;
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| HashError::Internal(e.to_string()))
}

impl Cost {
    /// Checks the parameters before any password is asked for.
    pub fn validate(self) -> Result<(), HashError> {
        params(self).map(|_| ())
    }
}

fn params(cost: Cost) -> Result<Params, HashError> {
    if cost.t == 0 || cost.t > MAX_T_COST {
        return Err(HashError::Cost(format!("t={} iterations", cost.t)));
    }
    if cost.p == 0 || cost.p > MAX_P_COST {
        return Err(HashError::Cost(format!("p={} lanes", cost.p)));
    }
    if cost.m_kib > MAX_M_COST || cost.m_kib < 8 * cost.p {
        return Err(HashError::Cost(format!(
            "m={} KiB for {} lane(s)",
            cost.m_kib, cost.p
        )));
    }
    Params::new(cost.m_kib, cost.t, cost.p, None).map_err(|e| HashError::Cost(e.to_string()))
}

/// Modular-crypt and PHC identifiers of schemes jwtctl cannot check but can name.
const OTHER_SCHEMES: [&str; 20] = [
    "1",
    "2",
    "2x",
    "3",
    "5",
    "6",
    "7",
    "y",
    "gy",
    "md5",
    "sha1",
    "apr1",
    "pbkdf2",
    "pbkdf2-sha1",
    "pbkdf2-sha256",
    "pbkdf2-sha512",
    "scrypt",
    "bcrypt-sha256",
    "sha256",
    "sha512",
];

enum Parsed<'a> {
    Argon2(Box<PasswordHash>, Algorithm, Params),
    Bcrypt(&'a str, u32),
}

/// Recognises and validates a hash string without checking any password.
fn parse(hash: &str) -> Result<Parsed<'_>, HashError> {
    if hash.is_empty() {
        return Err(HashError::Missing);
    }
    if hash.starts_with("$argon2") {
        return parse_argon2(hash);
    }
    if ["$2a$", "$2b$", "$2y$"].iter().any(|p| hash.starts_with(p)) {
        let cost: u32 = hash
            .get(4..6)
            .filter(|c| c.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|c| c.parse().ok())
            .ok_or_else(|| HashError::Malformed("the bcrypt cost is not two digits".into()))?;
        if hash.len() != 60 || hash.as_bytes().get(6) != Some(&b'$') {
            return Err(HashError::Malformed(format!(
                "a bcrypt hash is 60 characters, this one {}",
                hash.len()
            )));
        }
        if cost > MAX_BCRYPT_COST {
            return Err(HashError::Limits(format!("bcrypt cost {cost}")));
        }
        if cost < 4 {
            return Err(HashError::Malformed(format!(
                "bcrypt cost {cost} is outside 4..={MAX_BCRYPT_COST}"
            )));
        }
        return Ok(Parsed::Bcrypt(hash, cost));
    }
    // Only schemes from a known list are named: whatever else is in the field may be a
    // password typed into the wrong place, such as `$ecret$`, and is never repeated.
    if let Some(ident) = hash.strip_prefix('$').and_then(|r| r.split('$').next()) {
        if let Some(known) = OTHER_SCHEMES.iter().find(|s| **s == ident) {
            return Err(HashError::UnknownScheme(known.to_string()));
        }
        if !ident.is_empty() {
            return Err(HashError::Malformed(
                "it names a scheme jwtctl does not know (known: argon2i/d/id, bcrypt $2a$/$2b$/$2y$)"
                    .into(),
            ));
        }
    }
    // Never echo the value: a "hash" that is not one may be a password typed into the wrong field.
    Err(HashError::Malformed(
        "it is neither a PHC string ($argon2id$...) nor a bcrypt hash ($2b$...)".into(),
    ))
}

fn parse_argon2(hash: &str) -> Result<Parsed<'_>, HashError> {
    let malformed = |e: &dyn std::fmt::Display| HashError::Malformed(e.to_string());
    let mut phc = PasswordHash::new(hash).map_err(|e| match e {
        // The tag is the last field, unpadded base64: 4 characters per 3 bytes.
        argon2::password_hash::phc::Error::OutputSize { .. } => {
            HashError::ShortTag(hash.rsplit('$').next().map_or(0, |t| t.len() * 3 / 4))
        }
        e => malformed(&e),
    })?;
    let algorithm = match phc.algorithm.as_str() {
        "argon2i" => Algorithm::Argon2i,
        "argon2d" => Algorithm::Argon2d,
        "argon2id" => Algorithm::Argon2id,
        other => return Err(HashError::UnknownScheme(other.to_string())),
    };
    // The reference implementation reads a PHC string without `v=` as version 0x10 (the
    // format predates the field); the argon2 crate would assume 0x13 and never match.
    let version = *phc.version.get_or_insert(0x10);
    if version != 0x10 && version != 0x13 {
        return Err(HashError::Malformed(format!(
            "argon2 version v={version} (known: 16, 19)"
        )));
    }
    if phc.salt.is_none() || phc.hash.is_none() {
        return Err(HashError::Malformed(
            "the salt or hash field is missing".into(),
        ));
    }
    let params = Params::try_from(&phc).map_err(|e| malformed(&e))?;
    if params.m_cost() > MAX_M_COST || params.t_cost() > MAX_T_COST || params.p_cost() > MAX_P_COST
    {
        return Err(HashError::Limits(format!(
            "m={} KiB, t={}, p={} (at most m={MAX_M_COST}, t={MAX_T_COST}, p={MAX_P_COST})",
            params.m_cost(),
            params.t_cost(),
            params.p_cost()
        )));
    }
    Ok(Parsed::Argon2(Box::new(phc), algorithm, params))
}

/// Names a hash's scheme and parameters, and whether it is due for an upgrade.
pub fn inspect(hash: &str) -> Result<HashInfo, HashError> {
    Ok(match parse(hash)? {
        Parsed::Argon2(phc, algorithm, p) => {
            let scheme = match algorithm {
                Algorithm::Argon2i => Scheme::Argon2i,
                Algorithm::Argon2d => Scheme::Argon2d,
                Algorithm::Argon2id => Scheme::Argon2id,
            };
            let v = phc.version.unwrap_or(0x10);
            HashInfo {
                scheme,
                params: format!("v={v} m={} t={} p={}", p.m_cost(), p.t_cost(), p.p_cost()),
                outdated: scheme != Scheme::Argon2id
                    || v != 0x13
                    || p.m_cost() < DEFAULT_M_COST
                    || p.t_cost() < DEFAULT_T_COST,
            }
        }
        Parsed::Bcrypt(hash, cost) => HashInfo {
            scheme: Scheme::Bcrypt,
            params: format!("{} cost={cost}", &hash[1..3]),
            outdated: true,
        },
    })
}

/// Checks a password against an argon2 or bcrypt hash: `Ok(true)` on a match, `Ok(false)` on
/// a mismatch, an error when the hash cannot be read or bcrypt cannot take the password.
/// The comparison of the final digests is constant-time in both crates.
pub fn verify_password(password: &str, hash: &str) -> Result<bool, HashError> {
    if password.len() > MAX_PASSWORD_LEN {
        return Err(HashError::PasswordTooLong {
            len: password.len(),
        });
    }
    match parse(hash)? {
        Parsed::Argon2(phc, _, _) => {
            match Argon2::default().verify_password(password.as_bytes(), &*phc) {
                Ok(()) => Ok(true),
                Err(argon2::password_hash::Error::PasswordInvalid) => Ok(false),
                Err(e) => Err(HashError::Malformed(e.to_string())),
            }
        }
        Parsed::Bcrypt(hash, _) => {
            let too_long = password.len() > BCRYPT_MAX_PASSWORD_LEN;
            // The long password is still run through bcrypt (truncated, as the crate does) so
            // that refusing it takes as long as a mismatch; the result is then thrown away.
            let matched = bcrypt::verify(password.as_bytes(), hash)
                .map_err(|e| HashError::Malformed(e.to_string()))?;
            if too_long {
                return Err(HashError::TooLongForBcrypt {
                    len: password.len(),
                });
            }
            Ok(matched)
        }
    }
}

/// Spends what checking a password against a default-cost hash spends, and learns nothing.
pub fn verify_dummy(password: &str) {
    let _ = verify_password(password, DUMMY_HASH);
}

/// Why [`authenticate`] refused. Callers show one message for all of these; the reason is for
/// logs that only an operator reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejection {
    UnknownUser,
    WrongPassword,
    Disabled,
    /// Over bcrypt's 72 bytes against a bcrypt hash.
    TooLongForBcrypt,
    /// Over [`MAX_PASSWORD_LEN`].
    TooLong,
}

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// The same text for an unknown user, a wrong password and a disabled user.
    #[error("authentication failed: unknown user, wrong password, or disabled user")]
    Rejected(Rejection),
    /// The user's stored hash is missing or unreadable: an operator has to fix the file.
    #[error("the password hash of user \"{user}\" cannot be used: {source}")]
    BadHash { user: String, source: HashError },
}

impl crate::error::Diagnose for AuthError {
    fn hint(&self) -> Option<String> {
        Some(match self {
            AuthError::Rejected(_) => {
                "check the user name and password (an operator can run `jwtctl users show NAME`)"
                    .into()
            }
            AuthError::BadHash { user, source } => match source {
                HashError::Missing | HashError::UnknownScheme(_) | HashError::Malformed(_) => {
                    format!("set a new password with `jwtctl users passwd {user}`")
                }
                other => return other.hint(),
            },
        })
    }

    fn exit_code(&self) -> ExitCode {
        match self {
            AuthError::Rejected(_) => ExitCode::Auth,
            AuthError::BadHash { source, .. } => match source.exit_code() {
                ExitCode::Malformed => ExitCode::Malformed,
                _ => ExitCode::Runtime,
            },
        }
    }
}

/// The password grant's check: the user exists, the password matches, the user is enabled.
/// No prompts, no output.
///
/// Every outcome runs the same verification on the same input before anything is decided: an
/// unknown user's password is checked against a dummy hash of the default cost, a disabled
/// user's password is still checked, and a password over [`MAX_PASSWORD_LEN`] is cut to that
/// length and checked, then refused. Which of them it was cannot be told from the time taken
/// (a bcrypt user costs what their bcrypt cost says, which is visible in their hash anyway).
pub fn authenticate(users: &Users, name: &str, password: &str) -> Result<User, AuthError> {
    authenticate_with(users, name, password, verify_password)
}

/// [`authenticate`] for the `client_credentials` grant: the client's secret checked against
/// its `secret_hash` with the same work for an unknown, wrong or disabled client.
pub fn authenticate_client(users: &Users, name: &str, secret: &str) -> Result<Client, AuthError> {
    let login = users.client(name).map(Client::as_login);
    check_login(login.as_ref(), secret, verify_password)?;
    Ok(users.client(name).expect("found above").clone())
}

fn authenticate_with(
    users: &Users,
    name: &str,
    password: &str,
    verify: impl FnMut(&str, &str) -> Result<bool, HashError>,
) -> Result<User, AuthError> {
    check_login(users.get(name), password, verify)
}

fn check_login(
    user: Option<&User>,
    password: &str,
    mut verify: impl FnMut(&str, &str) -> Result<bool, HashError>,
) -> Result<User, AuthError> {
    let too_long = password.len() > MAX_PASSWORD_LEN;
    let input = &password[..floor_char_boundary(password, MAX_PASSWORD_LEN)];
    let outcome = verify(input, user.map_or(DUMMY_HASH, |u| &u.password_hash));
    let Some(user) = user else {
        return Err(AuthError::Rejected(Rejection::UnknownUser));
    };
    let matched = match outcome {
        Ok(m) => m,
        Err(HashError::TooLongForBcrypt { .. }) => {
            return Err(AuthError::Rejected(Rejection::TooLongForBcrypt))
        }
        Err(source) => {
            // An unreadable hash fails before any work; the dummy keeps the time the same.
            let _ = verify(input, DUMMY_HASH);
            return Err(AuthError::BadHash {
                user: user.name.clone(),
                source,
            });
        }
    };
    if too_long {
        return Err(AuthError::Rejected(Rejection::TooLong));
    }
    if !matched {
        return Err(AuthError::Rejected(Rejection::WrongPassword));
    }
    if user.disabled {
        return Err(AuthError::Rejected(Rejection::Disabled));
    }
    Ok(user.clone())
}

/// The largest char boundary of `s` at or below `max` (`str::floor_char_boundary` is unstable).
fn floor_char_boundary(s: &str, max: usize) -> usize {
    if max >= s.len() {
        return s.len();
    }
    (0..=max)
        .rev()
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(0)
}

/// A new argon2id hash for a user who just logged in with an outdated one, or `None` when the
/// hash is current. The caller stores it with [`crate::users::Store::replace_password_hash`].
pub fn upgraded_hash(user: &User, password: &str) -> Result<Option<String>, HashError> {
    match inspect(&user.password_hash) {
        Ok(info) if info.outdated => hash_password(password, Cost::default()).map(Some),
        _ => Ok(None),
    }
}

/// Writes an upgraded hash over the outdated one, unless it changed on disk since it was read
/// (a `passwd`, a concurrent login). A failure only costs the upgrade: the old hash still
/// works. What happened comes back as a note (`Info`) or warnings.
pub fn store_upgraded_hash(users: &Users, user: &User, new_hash: &str) -> Warnings {
    let store = Store::new(&users.path, Some(users.format));
    let stored = store.replace_password_hash(&user.name, &user.password_hash, new_hash);
    let mut out = store.take_warnings();
    match stored {
        Ok(true) => out.push(Warning::new(
            Level::Info,
            "hash-upgraded",
            format!(
                "upgraded the password hash of \"{}\" to argon2id (upgrade_hashes = true)",
                user.name
            ),
        )),
        Ok(false) => {}
        Err(e) => out.push(Warning::new(
            Level::Low,
            "hash-upgrade-failed",
            format!(
                "could not store the upgraded hash of \"{}\": {e}",
                user.name
            ),
        )),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dummy_hash_is_a_default_cost_argon2id_hash() {
        let info = inspect(DUMMY_HASH).unwrap();
        assert_eq!(info.scheme, Scheme::Argon2id);
        assert_eq!(info.params, "v=19 m=19456 t=2 p=1");
        assert!(!info.outdated);
    }

    #[test]
    fn params_refuse_out_of_range_costs() {
        for cost in [
            Cost {
                m_kib: 7,
                t: 2,
                p: 1,
            },
            Cost {
                m_kib: 19456,
                t: 0,
                p: 1,
            },
            Cost {
                m_kib: 19456,
                t: 2,
                p: 0,
            },
            Cost {
                m_kib: 16,
                t: 2,
                p: 4,
            },
            Cost {
                m_kib: MAX_M_COST + 1,
                t: 2,
                p: 1,
            },
        ] {
            assert!(matches!(params(cost), Err(HashError::Cost(_))), "{cost:?}");
        }
        assert!(params(Cost::default()).is_ok());
    }

    /// Every refusal runs the one verification, once, on the same input and a hash of the same
    /// cost: the time taken cannot tell an unknown user from a wrong or over-long password or a
    /// disabled user.
    #[test]
    fn every_login_outcome_runs_the_same_verification() {
        let hash = hash_password("right", Cost::default()).unwrap();
        let mut off = User::new("bob", hash.clone());
        off.disabled = true;
        let users = Users {
            path: "users.toml".into(),
            format: crate::users::Format::Toml,
            users: vec![User::new("alice", hash), off],
            clients: Vec::new(),
            upgrade_hashes: false,
            mode: None,
        };
        let long = "é".repeat(MAX_PASSWORD_LEN); // 2 bytes each: the cut falls inside a char
        let cut = &long[..MAX_PASSWORD_LEN];
        let cases: [(&str, &str, Rejection, &str); 5] = [
            ("nobody", "right", Rejection::UnknownUser, "right"),
            ("alice", "wrong", Rejection::WrongPassword, "wrong"),
            ("bob", "right", Rejection::Disabled, "right"),
            ("alice", &long, Rejection::TooLong, cut),
            ("nobody", &long, Rejection::UnknownUser, cut),
        ];
        for (name, password, why, input) in cases {
            let mut calls = Vec::new();
            let r = authenticate_with(&users, name, password, |p, h| {
                calls.push((p.to_string(), inspect(h).unwrap().params));
                verify_password(p, h)
            });
            assert!(
                matches!(r, Err(AuthError::Rejected(w)) if w == why),
                "{name}: {r:?}"
            );
            assert_eq!(
                calls,
                [(input.to_string(), "v=19 m=19456 t=2 p=1".to_string())],
                "{name} {why:?}"
            );
        }
        let mut calls = 0;
        let ok = authenticate_with(&users, "alice", "right", |p, h| {
            calls += 1;
            verify_password(p, h)
        });
        assert_eq!(ok.unwrap().name, "alice");
        assert_eq!(calls, 1);
    }

    #[test]
    fn unknown_schemes_are_named_and_values_are_not_echoed() {
        let e = parse("$pbkdf2-sha256$29000$abc$def").err().unwrap();
        assert!(matches!(e, HashError::UnknownScheme(ref s) if s == "pbkdf2-sha256"));
        let e = parse("$2x$10$abcdefghijklmnopqrstuu").err().unwrap();
        assert!(matches!(e, HashError::UnknownScheme(ref s) if s == "2x"));
        let e = parse("hunter2").err().unwrap();
        assert!(!e.to_string().contains("hunter2"));
    }
}
