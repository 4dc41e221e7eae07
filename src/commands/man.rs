//! `jwtctl man`: jwtctl.1 plus one page per subcommand.

use clap::CommandFactory;

use crate::cli::{Cli, ManArgs};
use crate::context::Ctx;
use crate::error::Failure;

pub fn run(ctx: &Ctx, args: ManArgs) -> crate::error::Result<()> {
    std::fs::create_dir_all(&args.out)
        .map_err(|e| Failure::runtime(format!("cannot create {}: {e}", args.out.display())))?;
    clap_mangen::generate_to(Cli::command(), &args.out)?;
    ctx.note(&format!("man pages written to {}", args.out.display()));
    Ok(())
}
