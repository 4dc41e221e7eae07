//! `jwtctl completions SHELL`: generated from the same definitions the parser uses.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs, Shell};

pub fn run(args: CompletionsArgs) -> crate::error::Result<()> {
    // Generated into memory first: clap_complete panics when its writer fails, and a closed
    // pipe (`| head -1`) must end the run quietly like every other command.
    let mut script = Vec::new();
    let mut command = Cli::command();
    let name = "jwtctl";
    match args.shell {
        Shell::Bash => {
            clap_complete::generate(clap_complete::Shell::Bash, &mut command, name, &mut script)
        }
        Shell::Elvish => clap_complete::generate(
            clap_complete::Shell::Elvish,
            &mut command,
            name,
            &mut script,
        ),
        Shell::Fish => {
            clap_complete::generate(clap_complete::Shell::Fish, &mut command, name, &mut script)
        }
        Shell::Nushell => clap_complete::generate(
            clap_complete_nushell::Nushell,
            &mut command,
            name,
            &mut script,
        ),
        Shell::Powershell => clap_complete::generate(
            clap_complete::Shell::PowerShell,
            &mut command,
            name,
            &mut script,
        ),
        Shell::Zsh => {
            clap_complete::generate(clap_complete::Shell::Zsh, &mut command, name, &mut script)
        }
    }
    let mut out = std::io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(())
}
