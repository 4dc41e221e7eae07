//! `jwtctl completions SHELL`: generated from the same definitions the parser uses.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};

pub fn run(args: CompletionsArgs) -> crate::error::Result<()> {
    let mut out = std::io::stdout().lock();
    clap_complete::generate(args.shell, &mut Cli::command(), "jwtctl", &mut out);
    Ok(())
}
