use crate::cli::LintArgs;
use crate::context::Ctx;

pub fn run(_ctx: &Ctx, _args: LintArgs) -> anyhow::Result<()> {
    anyhow::bail!("lint is not implemented yet")
}
