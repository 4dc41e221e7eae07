//! One module per subcommand. Each turns parsed arguments into calls on the core and prints.

use std::path::{Path, PathBuf};

use crate::cli::{Command, JwkCommand, KeyArgs, KeyCommand};
use crate::context::Ctx;
use crate::keys::{Key, KeyError, KeySource, PassphraseSource};

pub mod batch;
pub mod clients;
pub mod completions;
pub mod decode;
pub mod hash;
pub mod issue;
pub mod jwks;
pub mod key;
pub mod keygen;
pub mod keyset;
pub mod lint;
pub mod man;
pub mod report;
#[cfg(feature = "serve")]
pub mod serve;
pub mod summary;
pub mod tsv;
#[cfg(feature = "serve")]
pub mod ui;
pub mod users;
pub mod verify;

pub fn run(ctx: &Ctx, command: Command) -> crate::error::Result<()> {
    match command {
        Command::Issue(a) => issue::run(ctx, a),
        Command::Decode(a) => decode::run(ctx, a),
        Command::Verify(a) => verify::run(ctx, a),
        Command::Hash(a) => hash::run(ctx, a),
        Command::Users(a) => users::run(ctx, a.command),
        Command::Keygen(a) => keygen::run(ctx, a),
        Command::Jwks(a) => jwks::run(ctx, a),
        Command::Jwk(JwkCommand::Thumbprint(a)) => jwks::thumbprint(ctx, a),
        Command::Key(KeyCommand::Inspect(a)) => key::inspect(ctx, a),
        Command::Keyset(c) => keyset::run(ctx, c),
        Command::Lint(a) => lint::run(ctx, a),
        #[cfg(feature = "serve")]
        Command::Serve(a) => serve::run(ctx, a),
        #[cfg(not(feature = "serve"))]
        Command::Serve(_) => Err(crate::error::Failure::usage(
            "this jwtctl was built without the `serve` feature",
        )
        .hint("rebuild with the default features: cargo install --path .")
        .into()),
        #[cfg(feature = "serve")]
        Command::Ui(a) => ui::run(ctx, a),
        #[cfg(not(feature = "serve"))]
        Command::Ui(_) => Err(crate::error::Failure::usage(
            "this jwtctl was built without the `serve` feature, which `ui` serves its page with",
        )
        .hint("rebuild with the default features: cargo install --path .")
        .into()),
        Command::Completions(a) => completions::run(a),
        Command::Man(a) => man::run(ctx, a),
    }
}

/// The key source the key flags describe; warns when a secret was put on the command line.
/// Where the HMAC secret is read from when no key is named.
pub const DEFAULT_SECRET_ENV: &str = "JWTCTL_SECRET";

pub fn key_source(ctx: &Ctx, args: &KeyArgs) -> KeySource {
    if args.secret.is_some() {
        ctx.warn(
            "a secret on the command line is visible to other users in `ps` and lands in shell history; prefer --secret-env or --secret-file",
        );
    }
    KeySource {
        key_file: args.key.clone(),
        secret_file: args.secret_file.clone(),
        secret_arg: args.secret.clone(),
        secret_env: args
            .secret_env
            .clone()
            .unwrap_or_else(|| DEFAULT_SECRET_ENV.to_string()),
        base64: args.secret_base64,
        passphrase: passphrase_source(args.passphrase_file.clone()),
    }
}

/// Loads the key the key flags name, telling the warnings it brings.
pub fn load_key(ctx: &Ctx, args: &KeyArgs) -> crate::error::Result<Key> {
    Ok(ctx.told(|w| key_source(ctx, args).load(w))?)
}

/// Where the passphrase of an encrypted key comes from: `--passphrase-file`, else
/// `$JWTCTL_KEY_PASSPHRASE`, else a prompt on the terminal.
pub fn passphrase_source(file: Option<PathBuf>) -> PassphraseSource {
    PassphraseSource {
        file,
        prompt: Some(prompt_passphrase),
        ..PassphraseSource::default()
    }
}

fn prompt_passphrase(path: &Path) -> Result<zeroize::Zeroizing<String>, KeyError> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        return Err(KeyError::NoPassphrase {
            path: path.to_path_buf(),
            env: crate::keys::PASSPHRASE_ENV.into(),
        });
    }
    rpassword::prompt_password(format!("Passphrase for {}: ", path.display()))
        .map(zeroize::Zeroizing::new)
        .map_err(|source| KeyError::Read {
            path: "the terminal".into(),
            source,
        })
}

/// Writes a line to stdout; a closed pipe surfaces as an io error that main treats as success.
pub fn print(text: &str) -> crate::error::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}
