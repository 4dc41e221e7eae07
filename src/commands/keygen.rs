//! `jwtctl keygen`: HMAC secrets and key pairs, written with safe permissions.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::alg::Family;
use crate::cli::{KeyFormat, KeygenArgs, KeygenOutput};
use crate::context::Ctx;
use crate::error::Failure;
use crate::keys::{KeyError, PassphraseSource, PrivateKey};
use crate::token::b64url;

pub fn run(ctx: &Ctx, args: KeygenArgs) -> crate::error::Result<()> {
    let alg = args.alg;
    if args.encrypt && (alg.family() == Family::Hmac || args.format == KeyFormat::Jwk) {
        return Err(Failure::usage(if alg.family() == Family::Hmac {
            "--encrypt applies to private keys; an HMAC secret is not a key pair"
        } else {
            "--encrypt writes encrypted PKCS#8 PEM; a JWK has no standard encrypted form"
        })
        .hint("drop --encrypt, or use --format pem with an RS*, PS*, ES* or EdDSA --alg")
        .into());
    }
    let json = args.json || args.output == KeygenOutput::Json;
    let format = match args.format {
        KeyFormat::Pem => "pem",
        KeyFormat::Jwk => "jwk",
    };
    let report = |kid: Option<&str>, private: &Path, public: Option<&Path>| {
        let v = serde_json::json!({
            "schema": crate::commands::report::SCHEMA,
            "kind": "keygen",
            "alg": alg.name(),
            "kid": kid,
            "format": format,
            "private": private.display().to_string(),
            "public": public.map(|p| p.display().to_string()),
        });
        crate::commands::print(&v.to_string())
    };
    if alg.family() == Family::Hmac {
        // The secret is base64url text of random bytes, and the text itself is the key, used
        // as is wherever it goes ($JWTCTL_SECRET, --secret-file, a JWK's `k`, PyJWT's string
        // key): one secret, whichever way it is passed. Its entropy is the random bytes'.
        let len = alg.min_secret_len().expect("HMAC");
        let mut random = zeroize::Zeroizing::new(vec![0u8; len]);
        aws_lc_rs::rand::fill(&mut random)
            .map_err(|e| Failure::runtime(format!("no randomness: {e}")))?;
        let secret = zeroize::Zeroizing::new(b64url(&random));
        let text = match args.format {
            KeyFormat::Pem => secret.clone(),
            KeyFormat::Jwk => {
                let mut v = serde_json::json!({"kty": "oct", "k": b64url(secret.as_bytes()), "alg": alg.name()});
                if let Some(kid) = &args.kid {
                    v["kid"] = serde_json::json!(kid);
                }
                let text = crate::jwks::json_wiped(&v, false);
                crate::jwks::wipe(&mut v);
                text
            }
        };
        match &args.out {
            Some(path) => {
                create_parent(path)?;
                write_private(path, text.as_bytes(), args.force)?;
                if !ctx.quiet {
                    let p = path.display();
                    ctx.note(&match args.format {
                        KeyFormat::Pem => format!(
                            "wrote a {alg} secret to {p} (mode 0600): {} characters of text, the secret as is; use it with --secret-file {p}, or export JWTCTL_SECRET=\"$(cat {p})\"",
                            secret.len()
                        ),
                        KeyFormat::Jwk => format!(
                            "wrote a {alg} secret as a JWK to {p} (mode 0600); use it with --key {p}"
                        ),
                    });
                }
                if json {
                    report(args.kid.as_deref(), path, None)?;
                }
            }
            None => crate::commands::print(&text)?,
        }
        return Ok(());
    }

    let key = PrivateKey::generate(alg, args.bits)?;
    let public = key.public();
    let thumb = public.to_jwk().thumbprint()?;
    let kid = args.kid.clone().unwrap_or_else(|| thumb.clone());
    let (private_text, public_text) = match args.format {
        KeyFormat::Pem if args.encrypt => {
            let source = PassphraseSource {
                file: args.passphrase_file.clone(),
                prompt: Some(new_passphrase),
                ..PassphraseSource::default()
            };
            let pass =
                ctx.told(|w| source.get(args.out.as_deref().unwrap_or(Path::new("stdout")), w))?;
            (
                crate::keys::encrypt_pem(&key.to_pkcs8(), &pass)?,
                public.to_pem(),
            )
        }
        KeyFormat::Pem => (crate::keys::private_pem(&key.to_pkcs8())?, public.to_pem()),
        KeyFormat::Jwk => {
            let mut private = key.to_jwk();
            private.kid = Some(kid.clone());
            private.alg = Some(alg.to_string());
            private.use_ = Some("sig".into());
            let mut public = public.to_jwk();
            public.kid = Some(kid.clone());
            public.alg = Some(alg.to_string());
            public.use_ = Some("sig".into());
            (
                crate::jwks::json_wiped(&private, true),
                serde_json::to_string_pretty(&public)?,
            )
        }
    };
    match &args.out {
        Some(prefix) => {
            let ext = match args.format {
                KeyFormat::Pem => "pem",
                KeyFormat::Jwk => "jwk",
            };
            let private_path = with_suffix(prefix, &format!(".{ext}"));
            let public_path = with_suffix(prefix, &format!(".pub.{ext}"));
            create_parent(&private_path)?;
            if !args.force {
                for p in [&private_path, &public_path] {
                    if p.exists() {
                        return Err(exists(p).into());
                    }
                }
            }
            write_private(&private_path, private_text.as_bytes(), args.force)?;
            write_public(&public_path, public_text.as_bytes())?;
            if !ctx.quiet {
                ctx.note(&format!(
                    "wrote {} (private{}, mode 0600) and {}",
                    private_path.display(),
                    if args.encrypt { ", encrypted" } else { "" },
                    public_path.display()
                ));
            }
            if json {
                report(Some(&kid), &private_path, Some(&public_path))?;
            }
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(private_text.as_bytes())?;
            if !private_text.ends_with('\n') {
                out.write_all(b"\n")?;
            }
            out.flush()?;
        }
    }
    if !ctx.quiet {
        eprintln!("kid: {kid}");
    }
    Ok(())
}

/// Asks for a new passphrase twice on a terminal.
fn new_passphrase(_: &Path) -> Result<zeroize::Zeroizing<String>, KeyError> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        return Err(KeyError::NoPassphrase {
            path: "the new key".into(),
            env: crate::keys::PASSPHRASE_ENV.into(),
        });
    }
    let read = |prompt: &str| {
        rpassword::prompt_password(prompt)
            .map(zeroize::Zeroizing::new)
            .map_err(|source| KeyError::Read {
                path: "the terminal".into(),
                source,
            })
    };
    let first = read("Passphrase for the new key: ")?;
    let again = read("Repeat passphrase: ")?;
    if *first != *again {
        return Err(KeyError::Rejected("the passphrases do not match".into()));
    }
    Ok(first)
}

fn with_suffix(prefix: &Path, suffix: &str) -> PathBuf {
    let mut s = prefix.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn exists(path: &Path) -> Failure {
    Failure::runtime(format!(
        "{} already exists; not overwriting a key",
        path.display()
    ))
    .hint("pass --force to replace it, or choose another --out")
}

/// Creates the folders above a key file that do not exist yet, readable by their owner only, as
/// `ssh-keygen -f dir/key` users expect; folders that exist are left as they are.
fn create_parent(path: &Path) -> crate::error::Result<()> {
    let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) else {
        return Ok(());
    };
    if parent.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(parent).map_err(|e| {
        Failure::runtime(format!(
            "cannot create the folder {}: {e}",
            parent.display()
        ))
        .hint("check the path given to --out and the permissions of the folders above it")
    })?;
    Ok(())
}

/// Creates a file readable by its owner only, never following an existing file unless forced.
fn write_private(path: &Path, bytes: &[u8], force: bool) -> crate::error::Result<()> {
    use std::fs::OpenOptions;
    #[cfg(unix)]
    use std::os::unix::fs::OpenOptionsExt;
    let mut opts = OpenOptions::new();
    opts.write(true);
    if force {
        opts.create(true).truncate(true);
    } else {
        opts.create_new(true);
    }
    #[cfg(unix)]
    opts.mode(0o600);
    let mut f = opts.open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            exists(path)
        } else {
            Failure::runtime(format!("cannot write {}: {e}", path.display()))
        }
    })?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // A forced overwrite keeps the old file's mode; tighten it.
        f.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    f.write_all(bytes)?;
    if !bytes.ends_with(b"\n") {
        f.write_all(b"\n")?;
    }
    f.sync_all()?;
    Ok(())
}

fn write_public(path: &Path, bytes: &[u8]) -> crate::error::Result<()> {
    std::fs::write(path, bytes)
        .map_err(|e| Failure::runtime(format!("cannot write {}: {e}", path.display())))?;
    Ok(())
}
