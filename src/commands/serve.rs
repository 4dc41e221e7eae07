use crate::cli::ServeArgs;
use crate::context::Ctx;

pub fn run(_ctx: &Ctx, _args: ServeArgs) -> anyhow::Result<()> {
    anyhow::bail!("serve is not implemented yet")
}
