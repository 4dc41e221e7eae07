//! Key material: loading, signing and verifying, JWKs.

mod material;

pub use material::*;
