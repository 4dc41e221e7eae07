//! `jwtctl key inspect`.

use crate::cli::{KeyInspectArgs, ReportOutput};
use crate::context::Ctx;
use crate::keys::Inspection;
use crate::output::sanitize;

pub fn inspect(ctx: &Ctx, args: KeyInspectArgs) -> crate::error::Result<()> {
    let source = crate::commands::passphrase_source(args.passphrase_file.clone());
    let mut blocks = Vec::new();
    for path in &args.files {
        let found = crate::keys::inspect(path, &source)?;
        match args.output {
            ReportOutput::Json => {
                let mut object = serde_json::Map::new();
                object.insert("schema".into(), crate::commands::report::SCHEMA.into());
                object.insert("kind".into(), "key-inspect".into());
                if let serde_json::Value::Object(fields) = serde_json::to_value(&found)? {
                    object.extend(fields);
                }
                crate::commands::print(&serde_json::Value::Object(object).to_string())?
            }
            ReportOutput::Human => blocks.push(human(ctx, &found)),
        }
    }
    if args.output == ReportOutput::Human {
        crate::commands::print(&blocks.join("\n\n"))?;
    }
    Ok(())
}

fn human(ctx: &Ctx, k: &Inspection) -> String {
    let s = &ctx.out;
    let mut rows: Vec<(&str, String)> = vec![("file", sanitize(&k.file).into_owned())];
    let ty = match (k.kty, k.bits, k.curve) {
        (Some("oct"), Some(bits), _) => format!("HMAC secret, {} bytes", bits / 8),
        (Some(t), Some(bits), _) => format!("{t} {bits} bits"),
        (Some(t), None, Some(c)) if t == "OKP" || c == "Ed25519" => c.to_string(),
        (Some(t), None, Some(c)) => format!("{t} {c}"),
        (Some(t), _, _) => t.to_string(),
        (None, _, _) => "unknown until decrypted".into(),
    };
    rows.push(("type", ty));
    rows.push(("holds", format!("{} key ({})", k.holds, k.format)));
    rows.push((
        "encrypted",
        match &k.encryption {
            Some(e) => format!("yes, {e}"),
            None => "no".into(),
        },
    ));
    if let Some(kid) = &k.kid {
        rows.push(("kid", sanitize(kid).into_owned()));
    }
    if let Some(t) = &k.thumbprint {
        rows.push(("thumbprint", t.clone()));
    }
    if k.kty.is_some() {
        rows.push((
            "algorithms",
            if k.algorithms.is_empty() {
                s.bad("none")
            } else {
                k.algorithms.join(" ")
            },
        ));
    }
    if k.weaknesses.is_empty() {
        rows.push(("weaknesses", s.ok("none found")));
    }
    for w in &k.weaknesses {
        rows.push(("weakness", s.bad(w)));
    }
    if let Some(n) = &k.note {
        rows.push(("note", n.clone()));
    }
    let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    rows.iter()
        .map(|(name, value)| {
            format!(
                "{}{}  {value}",
                s.heading(name),
                " ".repeat(width - name.len())
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}
