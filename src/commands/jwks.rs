//! `jwtctl jwks` and `jwtctl jwk thumbprint`.

use crate::cli::{JwkThumbprintArgs, JwksArgs};
use crate::context::Ctx;
use crate::error::Failure;
use crate::keys::{load_key_file, Material};

pub fn run(ctx: &Ctx, args: JwksArgs) -> crate::error::Result<()> {
    if !args.kid.is_empty() && args.kid.len() != args.keys.len() {
        return Err(Failure::usage(format!(
            "{} --kid values for {} keys",
            args.kid.len(),
            args.keys.len()
        ))
        .hint("give one --kid per key, in the same order, or none to use thumbprints")
        .into());
    }
    let mut entries = Vec::new();
    for (i, path) in args.keys.iter().enumerate() {
        let key =
            ctx.told(|w| load_key_file(path, &crate::commands::passphrase_source(None), w))?;
        let public = key.public().ok_or_else(|| {
            Failure::usage(format!(
                "{} is an HMAC secret; a JWKS publishes public keys only",
                path.display()
            ))
            .hint("HMAC secrets are shared out of band, never published")
        })?;
        let jwk = public.to_jwk();
        let kid = match args.kid.get(i) {
            Some(k) => k.clone(),
            None => key.kid.clone().map_or_else(|| jwk.thumbprint(), Ok)?,
        };
        let alg = args.alg.unwrap_or_else(|| key.default_alg());
        if alg.family() != key.family() {
            return Err(Failure::usage(format!(
                "--alg {alg} does not fit {} ({})",
                path.display(),
                describe(&key.material)
            ))
            .into());
        }
        entries.push((jwk, kid, alg.to_string()));
    }
    crate::commands::print(&crate::output::pretty(&crate::jwks::document(&entries)))
}

fn describe(m: &Material) -> String {
    match m {
        Material::Secret(_) => "an HMAC secret".into(),
        Material::Private(p) => format!("{} (private)", p.family()),
        Material::SmallRsaPrivate(p) => format!("{} (private)", p.family),
        Material::Public(p) => format!("{}", p.family),
    }
}

pub fn thumbprint(ctx: &Ctx, args: JwkThumbprintArgs) -> crate::error::Result<()> {
    let key =
        ctx.told(|w| load_key_file(&args.key, &crate::commands::passphrase_source(None), w))?;
    let jwk = match key.public() {
        Some(p) => p.to_jwk(),
        None => {
            return Err(Failure::usage(
                "a thumbprint of an HMAC secret would publish a hash of the secret",
            )
            .hint("thumbprints identify public keys; give an RSA, EC or Ed25519 key")
            .into())
        }
    };
    crate::commands::print(&jwk.thumbprint()?)
}
