//! `jwtctl keyset add|remove|list|activate`: a JWK set file edited for key rotation.

use serde_json::json;

use crate::cli::{KeysetCommand, ReportOutput};
use crate::context::Ctx;
use crate::keyset::{self, AddOptions};
use crate::output::sanitize;

pub fn run(ctx: &Ctx, command: KeysetCommand) -> crate::error::Result<()> {
    match command {
        KeysetCommand::Add(a) => {
            let source = crate::commands::passphrase_source(a.passphrase_file.clone());
            let key = ctx.told(|w| crate::keys::load_key_file(&a.key, &source, w))?;
            let added = keyset::add(
                &a.set,
                &key,
                AddOptions {
                    kid: a.kid.clone(),
                    alg: a.alg,
                    next: a.next,
                    now: jiff::Timestamp::now(),
                },
            )?;
            if let Some(why) = &added.public_only {
                ctx.warn(&format!(
                    "{} holds a private key, but {} must stay public ({why}): wrote its public half only",
                    a.key.display(),
                    a.set.display()
                ));
            }
            if !ctx.quiet {
                let role = if added.signs {
                    ", signing"
                } else if a.next && added.private {
                    ", next: published, not signing yet"
                } else {
                    ""
                };
                ctx.note(&format!(
                    "added kid {} ({}, {}{role}) to {}{}",
                    sanitize(&added.kid),
                    added.alg,
                    if added.private { "private" } else { "public" },
                    a.set.display(),
                    if added.created_file {
                        " (new file)"
                    } else {
                        ""
                    }
                ));
            }
            crate::commands::print(&added.kid)
        }
        KeysetCommand::Remove(a) => {
            let removed = keyset::remove(&a.target.set, &a.target.kid, a.force)?;
            if !ctx.quiet {
                ctx.note(&format!(
                    "removed kid {} from {}",
                    sanitize(&a.target.kid),
                    a.target.set.display()
                ));
            }
            if removed.signer.is_none() {
                ctx.warn(&format!(
                    "{} holds no key that can sign now",
                    a.target.set.display()
                ));
            }
            Ok(())
        }
        KeysetCommand::Activate(a) => {
            let signer = keyset::activate(&a.set, &a.kid)?;
            if signer.as_deref() == Some(a.kid.as_str()) {
                if !ctx.quiet {
                    ctx.note(&format!("kid {} now signs", sanitize(&a.kid)));
                }
            } else {
                ctx.warn(&format!(
                    "kid {} may sign, but the newer kid {} still does",
                    sanitize(&a.kid),
                    sanitize(signer.as_deref().unwrap_or("(none)"))
                ));
            }
            Ok(())
        }
        KeysetCommand::List(a) => {
            let members = keyset::list(&a.set)?;
            if a.output == ReportOutput::Json {
                return crate::commands::print(
                    &json!({
                        "schema": crate::commands::report::SCHEMA,
                        "kind": "keyset",
                        "file": a.set.display().to_string(),
                        "keys": members,
                    })
                    .to_string(),
                );
            }
            if members.is_empty() {
                ctx.note(&format!("no keys in {}", a.set.display()));
                return Ok(());
            }
            let dash = |v: &Option<String>| sanitize(v.as_deref().unwrap_or("-")).into_owned();
            let mut rows = vec![["KID", "KTY", "ALG", "USE", "CREATED", "KIND", "ROLE"]
                .map(String::from)
                .to_vec()];
            for m in &members {
                rows.push(vec![
                    dash(&m.kid),
                    sanitize(&m.kty).into_owned(),
                    dash(&m.alg),
                    dash(&m.use_),
                    // Stored to the nanosecond so that order is exact; seconds read better.
                    m.created
                        .as_deref()
                        .and_then(|c| c.parse::<jiff::Timestamp>().ok())
                        .map_or_else(
                            || dash(&m.created),
                            |t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
                        ),
                    if m.private { "private" } else { "public" }.into(),
                    m.role.into(),
                ]);
            }
            crate::commands::print(&crate::commands::users::columns(&rows))
        }
    }
}
