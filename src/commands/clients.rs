//! `jwtctl users client …`: the OAuth2 clients of the users file, for serve's
//! `client_credentials` grant.

use serde_json::{json, Value};

use crate::cli::{ClientAddArgs, ClientCommand, ReportOutput, UsersListArgs};
use crate::commands::report::SCHEMA;
use crate::commands::users::{columns, edit, hash_summary, parse_claims, user_json};
use crate::context::Ctx;
use crate::hashing::{self, Cost};
use crate::output::sanitize;
use crate::users::{Client, StoreError, Users};

pub fn run(ctx: &Ctx, cmd: ClientCommand) -> crate::error::Result<()> {
    match cmd {
        ClientCommand::Add(a) => add(ctx, a),
        ClientCommand::Remove(a) => {
            edit(ctx, |s| s.remove_client(&a.name))?;
            ctx.note(&format!(
                "removed client \"{}\" from {}",
                a.name,
                ctx.users.display()
            ));
            Ok(())
        }
        ClientCommand::List(a) => list(ctx, a),
    }
}

fn add(ctx: &Ctx, a: ClientAddArgs) -> crate::error::Result<()> {
    crate::users::check_name(&a.name)?;
    let mut client = Client::new(&a.name, "");
    client.scopes = crate::claims::split_scopes(&a.scope);
    client.claims = parse_claims(&a.claim)?;
    client.disabled = a.disabled;
    client.ttl = a.ttl;
    if client.claims.contains_key("client_id") {
        return Err(crate::error::Failure::usage(
            "--claim cannot set \"client_id\": it is the client's name in its tokens",
        )
        .hint("leave the claim out")
        .into());
    }
    // Refuse what cannot succeed before a secret is read or shown; the locked write checks
    // again.
    match Users::read_one(&ctx.users, ctx.users_format, &a.name) {
        Ok(users) if users.client(&a.name).is_some() => {
            return Err(StoreError::ClientExists {
                name: a.name,
                path: ctx.users.clone(),
            }
            .into())
        }
        Ok(users) if users.get(&a.name).is_some() => {
            return Err(StoreError::NameTaken {
                name: a.name,
                path: ctx.users.clone(),
                by: "user",
            }
            .into())
        }
        Ok(_) | Err(StoreError::Missing { .. }) => {}
        Err(e) => return Err(e.into()),
    }
    let (secret, generated) = if a.secret_stdin {
        (crate::input::secret_line(&ctx.stdin)?, false)
    } else {
        (zeroize::Zeroizing::new(hashing::new_secret()?), true)
    };
    client.secret_hash = hashing::hash_password(&secret, Cost::default())?;
    edit(ctx, |s| s.add_client(&client))?;
    ctx.note(&format!(
        "added client \"{}\" to {}",
        a.name,
        ctx.users.display()
    ));
    if generated {
        ctx.note("its secret is on stdout, shown this once: only its hash is stored");
        crate::commands::print(&secret)?;
    }
    Ok(())
}

fn list(ctx: &Ctx, a: UsersListArgs) -> crate::error::Result<()> {
    let users = ctx.load_users()?;
    let logins: Vec<_> = users.clients.iter().map(Client::as_login).collect();
    if a.json || a.output == ReportOutput::Json {
        let all: Vec<Value> = users
            .clients
            .iter()
            .zip(&logins)
            .map(|(c, login)| {
                let mut v = user_json(login);
                v["other"] = json!(c.other);
                v["ttl"] = json!(c.ttl.map(|d| d.as_secs()));
                v
            })
            .collect();
        return crate::commands::print(
            &json!({ "schema": SCHEMA, "kind": "clients", "clients": all }).to_string(),
        );
    }
    if users.clients.is_empty() {
        ctx.note(&format!("no clients in {}", ctx.users.display()));
        return Ok(());
    }
    let rows: Vec<Vec<String>> = logins
        .iter()
        .zip(&users.clients)
        .map(|(c, client)| {
            vec![
                sanitize(&c.name).into_owned(),
                if c.disabled { "disabled" } else { "enabled" }.to_string(),
                hash_summary(c).replace("no password", "no secret"),
                client.ttl.map_or("-".into(), crate::users::ttl_text),
                sanitize(&c.scopes.join(" ")).into_owned(),
            ]
        })
        .collect();
    crate::commands::print(&columns(&rows))
}
