//! `jwtctl hash`: make an argon2id hash, or check a password against an argon2 or bcrypt hash.

use crate::cli::HashArgs;
use crate::context::Ctx;
use crate::error::{ExitCode, Failure};
use crate::hashing::{self, Cost};
use crate::input;

pub fn run(ctx: &Ctx, args: HashArgs) -> crate::error::Result<()> {
    if let Some(hash) = &args.verify {
        return verify(ctx, hash, args.password_stdin);
    }
    let cost = Cost {
        m_kib: args.m_cost,
        t: args.t_cost,
        p: args.p_cost,
    };
    // Bad flags are reported before anyone types a password twice.
    cost.validate()?;
    let password = input::password(&ctx.stdin, args.password_stdin, "Password: ", true)?;
    let hash = hashing::hash_password(&password, cost)?;
    crate::commands::print(&hash)
}

fn verify(ctx: &Ctx, hash: &str, password_stdin: bool) -> crate::error::Result<()> {
    let info = hashing::inspect(hash)?;
    let password = input::password(&ctx.stdin, password_stdin, "Password: ", false)?;
    if hashing::verify_password(&password, hash)? {
        if !ctx.quiet {
            crate::commands::print(&format!(
                "{}  {} ({})",
                ctx.out.ok("✓ password matches"),
                info.scheme.name(),
                info.params
            ))?;
        }
        return Ok(());
    }
    Err(
        Failure::new(ExitCode::Auth, "the password does not match the hash")
            .hint(format!(
                "the hash is a well-formed {} hash ({}); it was made from a different password",
                info.scheme.name(),
                info.params
            ))
            .into(),
    )
}
