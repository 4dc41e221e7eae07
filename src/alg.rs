//! JWS algorithms jwtctl signs and verifies, and the key family each one needs.

use std::fmt;
use std::str::FromStr;

/// A JWS `alg` that jwtctl implements. `none` is deliberately absent: it cannot be
/// represented, so it can never be selected, allowed or accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Alg {
    HS256,
    HS384,
    HS512,
    RS256,
    RS384,
    RS512,
    PS256,
    PS384,
    PS512,
    ES256,
    ES384,
    ES512,
    EdDSA,
}

/// The kind of key an algorithm needs; the key type fixes the family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Hmac,
    Rsa,
    Ec(Curve),
    Ed25519,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Curve {
    P256,
    P384,
    P521,
}

impl Curve {
    /// The JWK `crv` name.
    pub fn jwk_name(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
        }
    }

    /// Bytes in one coordinate (and one half of a fixed-size signature).
    pub fn coordinate_len(self) -> usize {
        match self {
            Curve::P256 => 32,
            Curve::P384 => 48,
            Curve::P521 => 66,
        }
    }

    pub fn alg(self) -> Alg {
        match self {
            Curve::P256 => Alg::ES256,
            Curve::P384 => Alg::ES384,
            Curve::P521 => Alg::ES512,
        }
    }
}

impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Family::Hmac => f.write_str("an HMAC secret"),
            Family::Rsa => f.write_str("an RSA key"),
            Family::Ec(c) => write!(f, "an EC {} key", c.jwk_name()),
            Family::Ed25519 => f.write_str("an Ed25519 key"),
        }
    }
}

impl Alg {
    pub const ALL: [Alg; 13] = [
        Alg::HS256,
        Alg::HS384,
        Alg::HS512,
        Alg::RS256,
        Alg::RS384,
        Alg::RS512,
        Alg::PS256,
        Alg::PS384,
        Alg::PS512,
        Alg::ES256,
        Alg::ES384,
        Alg::ES512,
        Alg::EdDSA,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Alg::HS256 => "HS256",
            Alg::HS384 => "HS384",
            Alg::HS512 => "HS512",
            Alg::RS256 => "RS256",
            Alg::RS384 => "RS384",
            Alg::RS512 => "RS512",
            Alg::PS256 => "PS256",
            Alg::PS384 => "PS384",
            Alg::PS512 => "PS512",
            Alg::ES256 => "ES256",
            Alg::ES384 => "ES384",
            Alg::ES512 => "ES512",
            Alg::EdDSA => "EdDSA",
        }
    }

    pub fn family(self) -> Family {
        match self {
            Alg::HS256 | Alg::HS384 | Alg::HS512 => Family::Hmac,
            Alg::RS256 | Alg::RS384 | Alg::RS512 | Alg::PS256 | Alg::PS384 | Alg::PS512 => {
                Family::Rsa
            }
            Alg::ES256 => Family::Ec(Curve::P256),
            Alg::ES384 => Family::Ec(Curve::P384),
            Alg::ES512 => Family::Ec(Curve::P521),
            Alg::EdDSA => Family::Ed25519,
        }
    }

    /// For HMAC: the hash output length, which is also the minimum secret length we sign with.
    pub fn min_secret_len(self) -> Option<usize> {
        match self {
            Alg::HS256 => Some(32),
            Alg::HS384 => Some(48),
            Alg::HS512 => Some(64),
            _ => None,
        }
    }

    /// Every algorithm a key of this family may be used with.
    pub fn for_family(family: Family) -> Vec<Alg> {
        Alg::ALL
            .into_iter()
            .filter(|a| a.family() == family)
            .collect()
    }
}

impl fmt::Display for Alg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a header's `alg` is not one we implement.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AlgError {
    #[error("the token is unsecured (alg \"{0}\"): it carries no signature and is never accepted")]
    Unsecured(String),
    #[error("unknown algorithm \"{0}\"")]
    Unknown(String),
}

impl FromStr for Alg {
    type Err = AlgError;

    /// Exact, case-sensitive match as RFC 7518 requires; `none` in any case is singled out.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if let Some(a) = Alg::ALL.into_iter().find(|a| a.name() == s) {
            return Ok(a);
        }
        if s.eq_ignore_ascii_case("none") {
            Err(AlgError::Unsecured(s.to_string()))
        } else {
            Err(AlgError::Unknown(s.to_string()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn none_in_any_case_is_unsecured() {
        for s in ["none", "None", "NONE", "nOnE"] {
            assert!(matches!(s.parse::<Alg>(), Err(AlgError::Unsecured(_))));
        }
    }

    #[test]
    fn names_round_trip_and_are_case_sensitive() {
        for a in Alg::ALL {
            assert_eq!(a.name().parse::<Alg>(), Ok(a));
        }
        assert!(matches!("hs256".parse::<Alg>(), Err(AlgError::Unknown(_))));
    }
}
