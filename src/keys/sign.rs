//! Signers and verifiers for one algorithm, built from a key after checking that the key's
//! family, JWK usage limits and strength allow it.

use std::path::PathBuf;

use aws_lc_rs::encoding::{AsDer, Pkcs8V1Der};
use aws_lc_rs::hmac;
use aws_lc_rs::signature::{self as sig, EcdsaKeyPair, Ed25519KeyPair, ParsedPublicKey};

use super::{Key, KeyError, Material, PrivateKey};
use crate::alg::{Alg, Curve, Family};

impl Key {
    /// Every algorithm this key may verify or sign.
    pub fn allowed_algs(&self) -> Vec<Alg> {
        Alg::for_family(self.family())
            .into_iter()
            .filter(|a| self.check_usage(*a, Op::Verify).is_ok())
            .collect()
    }

    fn check_family(&self, alg: Alg) -> Result<(), KeyError> {
        let have = self.family();
        if alg.family() == have {
            return Ok(());
        }
        if alg.family() == Family::Hmac {
            return Err(KeyError::Confusion { alg, have });
        }
        Err(KeyError::WrongFamily {
            alg,
            need: alg.family(),
            have,
        })
    }

    /// Refuses keys whose private half is known to be recoverable (ROCA RSA moduli).
    fn check_strength(&self) -> Result<(), KeyError> {
        if self.public().is_some_and(|p| p.has_roca_fingerprint()) {
            return Err(KeyError::Roca);
        }
        Ok(())
    }

    fn check_usage(&self, alg: Alg, op: Op) -> Result<(), KeyError> {
        if let Some(a) = &self.usage.alg {
            if a != alg.name() {
                return Err(KeyError::JwkRestricted {
                    alg,
                    allowed: a.clone(),
                });
            }
        }
        if let Some(u) = &self.usage.use_ {
            if u != "sig" {
                return Err(KeyError::JwkUse {
                    field: "use",
                    wanted: "signatures",
                });
            }
        }
        if let Some(ops) = &self.usage.key_ops {
            let want = match op {
                Op::Sign => "sign",
                Op::Verify => "verify",
            };
            if !ops.iter().any(|o| o == want) {
                return Err(KeyError::JwkUse {
                    field: "key_ops",
                    wanted: want,
                });
            }
        }
        Ok(())
    }

    /// A verifier for one algorithm, refusing any algorithm outside the key's family.
    pub fn verifier(&self, alg: Alg) -> Result<Verifier, KeyError> {
        self.check_family(alg)?;
        self.check_usage(alg, Op::Verify)?;
        self.check_strength()?;
        let inner = match &self.material {
            Material::Secret(s) => {
                VerifierKind::Hmac(Box::new(hmac::Key::new(hmac_alg(alg), s.as_bytes())))
            }
            _ => {
                let public = self.public().expect("asymmetric key has a public half");
                let parsed =
                    ParsedPublicKey::new(verification_alg(alg, public.rsa_bits()), &public.spki)
                        .map_err(|e| KeyError::Rejected(e.to_string()))?;
                VerifierKind::Public(parsed)
            }
        };
        Ok(Verifier { alg, inner })
    }

    /// A signer for one algorithm, enforcing the minimum key strength.
    pub fn signer(&self, alg: Alg, allow_weak_secret: bool) -> Result<Signer, KeyError> {
        self.check_family(alg)?;
        self.check_usage(alg, Op::Sign)?;
        self.check_strength()?;
        let inner = match &self.material {
            Material::Secret(s) => {
                let min = alg.min_secret_len().expect("HMAC alg");
                if s.len() < min && !allow_weak_secret {
                    return Err(KeyError::WeakSecret {
                        alg,
                        len: s.len(),
                        min,
                    });
                }
                SignerKind::Hmac(Box::new(hmac::Key::new(hmac_alg(alg), s.as_bytes())))
            }
            Material::SmallRsaPrivate(p) => {
                return Err(KeyError::RsaTooSmall {
                    bits: p.rsa_bits().unwrap_or(0),
                })
            }
            Material::Public(_) => {
                return Err(KeyError::PublicForSigning {
                    path: PathBuf::from(&self.source),
                })
            }
            Material::Private(PrivateKey::Rsa(k)) => {
                let bits = k.public_modulus_len() * 8;
                if bits < 2048 {
                    return Err(KeyError::RsaTooSmall { bits });
                }
                // RsaKeyPair is not Clone; re-derive it from its own PKCS#8 encoding.
                let der = AsDer::<Pkcs8V1Der>::as_der(k)
                    .map_err(|e| KeyError::Rejected(e.to_string()))?;
                SignerKind::Rsa(
                    rsa_encoding(alg),
                    sig::RsaKeyPair::from_pkcs8(der.as_ref())
                        .map_err(|e| KeyError::Rejected(e.to_string()))?,
                )
            }
            Material::Private(PrivateKey::Ec(curve, k)) => {
                let der = k
                    .to_pkcs8v1()
                    .map_err(|e| KeyError::Rejected(e.to_string()))?;
                SignerKind::Ec(
                    EcdsaKeyPair::from_pkcs8(ecdsa_signing_alg(*curve), der.as_ref())
                        .map_err(|e| KeyError::Rejected(e.to_string()))?,
                )
            }
            Material::Private(PrivateKey::Ed25519(k)) => {
                let der = k
                    .to_pkcs8v1()
                    .map_err(|e| KeyError::Rejected(e.to_string()))?;
                SignerKind::Ed25519(
                    Ed25519KeyPair::from_pkcs8(der.as_ref())
                        .map_err(|e| KeyError::Rejected(e.to_string()))?,
                )
            }
        };
        Ok(Signer { alg, inner })
    }
}

#[derive(Clone, Copy)]
pub(super) enum Op {
    Sign,
    Verify,
}
pub struct Verifier {
    pub alg: Alg,
    inner: VerifierKind,
}

pub(super) enum VerifierKind {
    Hmac(Box<hmac::Key>),
    Public(ParsedPublicKey),
}

impl Verifier {
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        match &self.inner {
            VerifierKind::Hmac(k) => hmac::verify(k, message, signature).is_ok(),
            VerifierKind::Public(k) => k.verify_sig(message, signature).is_ok(),
        }
    }
}

pub struct Signer {
    pub alg: Alg,
    inner: SignerKind,
}

pub(super) enum SignerKind {
    Hmac(Box<hmac::Key>),
    Rsa(&'static dyn sig::RsaEncoding, sig::RsaKeyPair),
    Ec(EcdsaKeyPair),
    Ed25519(Ed25519KeyPair),
}

impl Signer {
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>, KeyError> {
        let failed = |e: aws_lc_rs::error::Unspecified| KeyError::Rejected(e.to_string());
        let rng = aws_lc_rs::rand::SystemRandom::new();
        Ok(match &self.inner {
            SignerKind::Hmac(k) => hmac::sign(k, message).as_ref().to_vec(),
            SignerKind::Rsa(enc, k) => {
                let mut out = vec![0u8; k.public_modulus_len()];
                k.sign(*enc, &rng, message, &mut out).map_err(failed)?;
                out
            }
            SignerKind::Ec(k) => k.sign(&rng, message).map_err(failed)?.as_ref().to_vec(),
            SignerKind::Ed25519(k) => k.sign(message).as_ref().to_vec(),
        })
    }
}

pub(super) fn hmac_alg(alg: Alg) -> hmac::Algorithm {
    match alg {
        Alg::HS384 => hmac::HMAC_SHA384,
        Alg::HS512 => hmac::HMAC_SHA512,
        _ => hmac::HMAC_SHA256,
    }
}

pub(super) fn rsa_encoding(alg: Alg) -> &'static dyn sig::RsaEncoding {
    match alg {
        Alg::RS384 => &sig::RSA_PKCS1_SHA384,
        Alg::RS512 => &sig::RSA_PKCS1_SHA512,
        Alg::PS256 => &sig::RSA_PSS_SHA256,
        Alg::PS384 => &sig::RSA_PSS_SHA384,
        Alg::PS512 => &sig::RSA_PSS_SHA512,
        _ => &sig::RSA_PKCS1_SHA256,
    }
}

pub(super) fn ecdsa_signing_alg(curve: Curve) -> &'static sig::EcdsaSigningAlgorithm {
    match curve {
        Curve::P256 => &sig::ECDSA_P256_SHA256_FIXED_SIGNING,
        Curve::P384 => &sig::ECDSA_P384_SHA384_FIXED_SIGNING,
        Curve::P521 => &sig::ECDSA_P521_SHA512_FIXED_SIGNING,
    }
}

pub(super) fn verification_alg(
    alg: Alg,
    rsa_bits: Option<usize>,
) -> &'static dyn sig::VerificationAlgorithm {
    // RSA keys under 2048 bits still verify (with a warning from the caller): tokens from
    // existing systems must stay checkable. aws-lc only offers PKCS#1 v1.5 for them.
    let legacy = rsa_bits.is_some_and(|b| b < 2048);
    match alg {
        Alg::RS256 if legacy => &sig::RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY,
        Alg::RS512 if legacy => &sig::RSA_PKCS1_1024_8192_SHA512_FOR_LEGACY_USE_ONLY,
        Alg::RS256 => &sig::RSA_PKCS1_2048_8192_SHA256,
        Alg::RS384 => &sig::RSA_PKCS1_2048_8192_SHA384,
        Alg::RS512 => &sig::RSA_PKCS1_2048_8192_SHA512,
        Alg::PS256 => &sig::RSA_PSS_2048_8192_SHA256,
        Alg::PS384 => &sig::RSA_PSS_2048_8192_SHA384,
        Alg::PS512 => &sig::RSA_PSS_2048_8192_SHA512,
        Alg::ES256 => &sig::ECDSA_P256_SHA256_FIXED,
        Alg::ES384 => &sig::ECDSA_P384_SHA384_FIXED,
        Alg::ES512 => &sig::ECDSA_P521_SHA512_FIXED,
        Alg::EdDSA => &sig::ED25519,
        Alg::HS256 | Alg::HS384 | Alg::HS512 => unreachable!("HMAC has no public key"),
    }
}

pub(super) const CURVES: [Curve; 3] = [Curve::P256, Curve::P384, Curve::P521];

pub(super) fn ecdsa_verify_alg(curve: Curve) -> &'static sig::EcdsaVerificationAlgorithm {
    match curve {
        Curve::P256 => &sig::ECDSA_P256_SHA256_FIXED,
        Curve::P384 => &sig::ECDSA_P384_SHA384_FIXED,
        Curve::P521 => &sig::ECDSA_P521_SHA512_FIXED,
    }
}
