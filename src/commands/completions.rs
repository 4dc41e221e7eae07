//! `jwtctl completions SHELL`: generated from the same definitions the parser uses.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};

pub fn run(args: CompletionsArgs) -> crate::error::Result<()> {
    // Generated into memory first: clap_complete panics when its writer fails, and a closed
    // pipe (`| head -1`) must end the run quietly like every other command.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "jwtctl", &mut script);
    let mut out = std::io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(())
}
