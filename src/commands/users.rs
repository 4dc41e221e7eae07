use crate::cli::UsersCommand;
use crate::context::Ctx;
use crate::store::User;

pub fn run(_ctx: &Ctx, _cmd: UsersCommand) -> anyhow::Result<()> {
    anyhow::bail!("users is not implemented yet")
}

pub fn authenticate(
    _ctx: &Ctx,
    _name: &str,
    _password_stdin: bool,
    _no_auth: bool,
) -> anyhow::Result<User> {
    anyhow::bail!("users is not implemented yet")
}
