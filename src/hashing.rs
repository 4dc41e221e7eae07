//! Password hashing: argon2id to make hashes, argon2 (i/d/id) and bcrypt to check them.

pub const DEFAULT_M_COST: u32 = 19456;
pub const DEFAULT_T_COST: u32 = 2;
pub const DEFAULT_P_COST: u32 = 1;
