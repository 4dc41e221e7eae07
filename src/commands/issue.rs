//! `jwtctl issue`: sign a token for a user of the users file, or with arbitrary claims.

use serde_json::{json, Map, Value};

use crate::claims::{parse_pair, split_scopes, NewClaims};
use crate::cli::{IssueAlg, IssueArgs, IssueOutput};
use crate::context::Ctx;
use crate::error::{ExitCode, Failure};
use crate::keys::{Key, Signer};
use crate::mint::{random_id, sign};
use crate::warning::{Level, Warning};

pub fn run(ctx: &Ctx, args: IssueArgs) -> crate::error::Result<()> {
    let insecure = insecure_warnings(&args)?;
    // Authenticate first: a wrong password must not depend on whether the key loads.
    let user = match &args.user {
        Some(name) => Some(crate::commands::users::authenticate(
            ctx,
            name,
            args.password_stdin,
            args.no_auth,
        )?),
        None => None,
    };
    let (signer, alg_name, kid) = match args.alg {
        Some(IssueAlg::Unsigned) => unsigned_header(&args)?,
        alg => signing_key(ctx, &args, alg)?,
    };
    for w in &insecure {
        ctx.tell(w);
    }
    let now = args.at.unwrap_or_else(jiff::Timestamp::now);

    let mut claims = NewClaims::new(now, args.ttl);
    if args.no_exp {
        claims.map.remove("exp");
    }
    let sub = user.as_ref().map(|u| u.name.clone()).or(args.sub.clone());
    if let Some(sub) = &sub {
        claims.set("sub", json!(sub));
    }
    if let Some(iss) = &args.iss {
        claims.set("iss", json!(iss));
    }
    match args.aud.len() {
        0 => {}
        1 => claims.set("aud", json!(args.aud[0])),
        _ => claims.set("aud", json!(args.aud)),
    }
    if let Some(nbf) = args.nbf {
        claims.set("nbf", json!(now.as_second() + nbf.as_secs() as i64));
    }
    if let Some(jti) = &args.jti {
        claims.set(
            "jti",
            json!(if jti.is_empty() {
                random_id()?
            } else {
                jti.clone()
            }),
        );
    }
    let scopes = match &user {
        Some(u) => user_scopes(ctx, u, &split_scopes(&args.scope), args.no_auth)?,
        None => split_scopes(&args.scope),
    };
    if !scopes.is_empty() {
        claims.set("scope", json!(scopes.join(" ")));
    }
    if let Some(u) = &user {
        for (k, v) in &u.claims {
            if crate::claims::is_reserved(k) {
                ctx.warn(&format!("user claim \"{k}\" is ignored: jwtctl sets it"));
                continue;
            }
            claims.set(k, v.clone());
        }
    }
    // What a user's token carries is decided by the users file, as at a /token endpoint; only
    // the holder of the key acting as operator (--no-auth, or --sub) may mint anything else.
    let guarded = user.as_ref().filter(|_| !args.no_auth);
    for pair in &args.claim {
        let (k, v) = parse_pair(pair).map_err(|e| Failure::usage(format!("--claim {e}")))?;
        if crate::claims::is_set_by_flags(&k) {
            return Err(Failure::usage(format!("--claim cannot set \"{k}\""))
                .hint("use --ttl for exp, --nbf for nbf, --at for iat, --refresh for token_use")
                .into());
        }
        if let Some(u) = guarded {
            refuse_override("--claim", &k, u)?;
        }
        claims.set(&k, v);
    }
    let mut header = Map::new();
    header.insert("alg".into(), json!(alg_name));
    header.insert("typ".into(), json!("JWT"));
    if let Some(kid) = &kid {
        header.insert("kid".into(), json!(kid));
    }
    for pair in &args.header {
        let (k, v) = parse_pair(pair).map_err(|e| Failure::usage(format!("--header {e}")))?;
        if k == "alg" || k == "crit" {
            return Err(Failure::usage(format!("--header cannot set \"{k}\""))
                .hint("pick the algorithm with --alg")
                .into());
        }
        // RFC 7519 §5.3 lets claims be replicated as header fields, and some verifiers read
        // them there: a user's token gets no header a claim of the same name could not have.
        if let Some(u) = guarded {
            refuse_override("--header", &k, u)?;
        }
        header.insert(k, v);
    }
    for w in crate::diagnostics::sensitive_claims(&claims.map) {
        ctx.tell(&w);
    }

    let mint = |claims: &Map<String, Value>| match &signer {
        Some(s) => sign(s, &header, claims),
        None => crate::mint::unsigned(&header, claims),
    };
    let token = mint(&claims.map)?;
    let refresh = if args.refresh {
        let mut r = NewClaims::new(now, args.refresh_ttl);
        if let Some(sub) = &sub {
            r.set("sub", json!(sub));
        }
        if let Some(iss) = &args.iss {
            r.set("iss", json!(iss));
        }
        r.set("token_use", json!("refresh"));
        r.set("jti", json!(random_id()?));
        if !scopes.is_empty() {
            r.set("scope", json!(scopes.join(" ")));
        }
        Some(mint(&r.map)?)
    } else {
        None
    };

    // No exp, no lifetime to announce.
    let ttl = (!args.no_exp).then_some(args.ttl.as_secs());
    let output = if args.json {
        IssueOutput::Json
    } else {
        args.output
    };
    let text = match output {
        IssueOutput::Token => match &refresh {
            Some(r) => format!("{token}\n{r}"),
            None => token,
        },
        IssueOutput::Json => {
            let exp = claims.map.get("exp").and_then(Value::as_i64);
            json!({
                "schema": crate::commands::report::SCHEMA,
                "kind": "issue",
                "token": token,
                "header": Value::Object(header),
                "payload": Value::Object(claims.map),
                "expires_at": exp.map(crate::output::rfc3339),
                "expires_in": ttl,
                "refresh_token": refresh,
                "warnings": insecure,
            })
            .to_string()
        }
        IssueOutput::Oauth2 => {
            let mut v = json!({
                "access_token": token,
                "token_type": "bearer",
            });
            if let Some(ttl) = ttl {
                v["expires_in"] = json!(ttl);
            }
            if !scopes.is_empty() {
                v["scope"] = json!(scopes.join(" "));
            }
            if let Some(r) = refresh {
                v["refresh_token"] = json!(r);
            }
            v.to_string()
        }
    };
    crate::commands::print(&text)
}

/// What `--insecure` allows, refused without it, and said as warnings with it.
fn insecure_warnings(args: &IssueArgs) -> Result<Vec<Warning>, Failure> {
    let mut out = Vec::new();
    if args.alg == Some(IssueAlg::Unsigned) {
        out.push(Warning::new(
            Level::Critical,
            "alg-none",
            "--insecure: the token is unsigned (alg none): anyone can forge one like it; an API \
             that accepts it is broken",
        ));
    }
    if args.no_exp {
        out.push(Warning::new(
            Level::High,
            "no-exp",
            "--insecure: the token has no exp and never expires; an API should refuse it",
        ));
    }
    match out.first() {
        Some(w) if !args.insecure => Err(Failure::usage(format!(
            "{} makes a token an API must refuse",
            if w.id == "alg-none" {
                "--alg none"
            } else {
                "--no-exp"
            }
        ))
        .hint(if w.id == "alg-none" {
            "add --insecure to make it on purpose, to check that your API refuses it (jwtctl \
             verify does)"
        } else {
            "add --insecure to make it on purpose, to check that your API refuses it (jwtctl \
             verify does with --require exp)"
        })),
        _ => Ok(out),
    }
}

/// `--alg none`: no key, no signature; only a typed kid goes into the header.
fn unsigned_header(
    args: &IssueArgs,
) -> crate::error::Result<(Option<Signer>, &'static str, Option<String>)> {
    let k = &args.key;
    let key_given = k.key.is_some()
        || k.secret.is_some()
        || k.secret_file.is_some()
        || k.secret_env.is_some()
        || args.jwks.is_some();
    if key_given {
        return Err(
            Failure::usage("--alg none signs nothing: a key cannot be used with it")
                .hint("drop the key flags, or pick a signing --alg")
                .into(),
        );
    }
    if args.kid.as_deref() == Some("auto") {
        return Err(
            Failure::usage("--kid auto needs a key, and --alg none has none")
                .hint("pass --kid NAME")
                .into(),
        );
    }
    Ok((None, "none", args.kid.clone()))
}

/// The signer, the algorithm's name and the kid for a signed token.
fn signing_key(
    ctx: &Ctx,
    args: &IssueArgs,
    alg: Option<IssueAlg>,
) -> crate::error::Result<(Option<Signer>, &'static str, Option<String>)> {
    let key = match &args.jwks {
        Some(set) => {
            let passphrase = crate::commands::passphrase_source(args.key.passphrase_file.clone());
            let keys = ctx
                .told(|w| crate::keyset::signing_keys(set, args.kid.as_deref(), &passphrase, w))?;
            keys.into_iter()
                .next()
                .expect("a signing set has a first key")
        }
        None => crate::commands::load_key(ctx, &args.key)?,
    };
    let alg = match alg {
        Some(IssueAlg::Signed(a)) => a,
        _ => key.default_alg(),
    };
    let signer = key.signer(alg, args.allow_weak_secret)?;
    if args.allow_weak_secret {
        if let Some(min) = alg.min_secret_len() {
            ctx.warn(&format!(
                "--allow-weak-secret: signing {alg} with a secret that may be shorter than {min} bytes"
            ));
        }
    }
    let kid = match args.kid.as_deref() {
        // The member's own kid (a set's member always has one; a folder's gets its thumbprint).
        _ if args.jwks.is_some() => key.kid.clone(),
        Some("auto") => Some(auto_kid(&key)?),
        Some(k) => Some(k.to_string()),
        None => key.kid.clone(),
    };
    Ok((Some(signer), alg.name(), kid))
}

/// The scopes of a token for `user`: theirs, or the ones asked for with `--scope`, each of
/// which they must hold (as `/token` answers `invalid_scope`); an operator with `--no-auth` may
/// grant others, and is told.
fn user_scopes(
    ctx: &Ctx,
    user: &crate::users::User,
    requested: &[String],
    no_auth: bool,
) -> Result<Vec<String>, Failure> {
    match crate::claims::grant_scopes(&user.scopes, requested) {
        Ok(scopes) => Ok(scopes),
        Err(extra) if no_auth => {
            ctx.warn(&format!(
                "--no-auth: granting scope {} that \"{}\" does not hold",
                extra.join(" "),
                user.name
            ));
            Ok(requested.to_vec())
        }
        Err(extra) => Err(Failure::new(
            ExitCode::Claims,
            format!(
                "user \"{}\" does not hold scope {} (holds: {})",
                user.name,
                extra.join(" "),
                if user.scopes.is_empty() {
                    "none".to_string()
                } else {
                    user.scopes.join(" ")
                }
            ),
        )
        .hint(
            "--scope narrows a user's token to scopes they hold; an operator who holds the key \
             issues other scopes with --no-auth (this user) or --sub (any subject)",
        )),
    }
}

/// Refuses a `--claim`/`--header` that would set what the users file decides for `user`.
fn refuse_override(flag: &str, name: &str, user: &crate::users::User) -> Result<(), Failure> {
    let why = if crate::claims::is_reserved(name) {
        "jwtctl sets it in a user's token".to_string()
    } else if user.claims.contains_key(name) {
        format!("the users file sets it for \"{}\"", user.name)
    } else {
        return Ok(());
    };
    Err(
        Failure::usage(format!("{flag} cannot set \"{name}\" with --user: {why}")).hint(
            "an operator who holds the key issues an arbitrary token with --no-auth (this user) \
             or --sub (any subject)",
        ),
    )
}

fn auto_kid(key: &Key) -> crate::error::Result<String> {
    let public = key.public().ok_or_else(|| {
        Failure::usage("--kid auto needs an asymmetric key")
            .hint("a thumbprint of an HMAC secret would publish a hash of it; pass --kid NAME")
    })?;
    Ok(public.to_jwk().thumbprint()?)
}
