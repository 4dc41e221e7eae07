use crate::cli::HashArgs;
use crate::context::Ctx;

pub fn run(_ctx: &Ctx, _args: HashArgs) -> anyhow::Result<()> {
    anyhow::bail!("hash is not implemented yet")
}
