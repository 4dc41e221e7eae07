//! `jwtctl users …`: the users file from the command line, and the password check behind
//! `jwtctl issue --user`.

use std::borrow::Cow;
use std::io::Write;
use std::path::Path;

use serde_json::{json, Map, Value};

use crate::cli::{
    ReportOutput, UserAddArgs, UserPasswordArgs, UserShowArgs, UsersCommand, UsersImportArgs,
    UsersListArgs,
};
use crate::commands::report::SCHEMA;
use crate::context::Ctx;
use crate::error::{ExitCode, Failure};
use crate::hashing::{self, Cost};
use crate::input;
use crate::output::sanitize;
use crate::users::{Store, StoreError, User, Users};

pub fn run(ctx: &Ctx, cmd: UsersCommand) -> crate::error::Result<()> {
    match cmd {
        UsersCommand::Add(a) => add(ctx, a),
        UsersCommand::Passwd(a) => passwd(ctx, a),
        UsersCommand::Remove(a) => {
            edit(ctx, |s| s.remove(&a.name))?;
            ctx.note(&format!(
                "removed user \"{}\" from {}",
                a.name,
                ctx.users.display()
            ));
            Ok(())
        }
        UsersCommand::Disable(a) => set_disabled(ctx, &a.name, true),
        UsersCommand::Enable(a) => set_disabled(ctx, &a.name, false),
        UsersCommand::List(a) => list(ctx, a),
        UsersCommand::Show(a) => show(ctx, a),
        UsersCommand::Check(a) => check(ctx, a),
        UsersCommand::Import(a) => import(ctx, a),
        UsersCommand::Client(c) => crate::commands::clients::run(ctx, c),
    }
}

/// One locked edit of the users file, the warnings it brought told on stderr.
pub(crate) fn edit<T>(
    ctx: &Ctx,
    f: impl FnOnce(&Store) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    let store = Store::new(&ctx.users, ctx.users_format);
    let out = f(&store);
    for w in store.take_warnings() {
        ctx.tell(&w);
    }
    out
}

fn add(ctx: &Ctx, a: UserAddArgs) -> crate::error::Result<()> {
    crate::users::check_name(&a.name)?;
    let mut user = User::new(&a.name, "");
    user.scopes = crate::claims::split_scopes(&a.scope);
    user.claims = parse_claims(&a.claim)?;
    user.disabled = a.disabled;
    // Refuse what cannot succeed before anyone types a password; the locked write checks again.
    match Users::read_one(&ctx.users, ctx.users_format, &a.name) {
        Ok(users) if users.get(&a.name).is_some() => {
            return Err(StoreError::Exists {
                name: a.name,
                path: ctx.users.clone(),
            }
            .into())
        }
        Ok(users) if users.client(&a.name).is_some() => {
            return Err(StoreError::NameTaken {
                name: a.name,
                path: ctx.users.clone(),
                by: "client",
            }
            .into())
        }
        Ok(_) | Err(StoreError::Missing { .. }) => {}
        Err(e) => return Err(e.into()),
    }
    let password = input::password(
        &ctx.stdin,
        a.password_stdin,
        &format!("Password for {}: ", a.name),
        true,
    )?;
    user.password_hash = hashing::hash_password(&password, Cost::default())?;
    edit(ctx, |s| s.add(&user))?;
    ctx.note(&format!(
        "added user \"{}\" to {}",
        a.name,
        ctx.users.display()
    ));
    Ok(())
}

pub(crate) fn parse_claims(pairs: &[String]) -> Result<Map<String, Value>, Failure> {
    let mut claims = Map::new();
    for pair in pairs {
        let (k, v) =
            crate::claims::parse_pair(pair).map_err(|e| Failure::usage(format!("--claim {e}")))?;
        if crate::claims::is_reserved(&k) {
            return Err(Failure::usage(format!(
                "--claim cannot set \"{k}\": jwtctl sets it in every token it issues for a user"
            ))
            .hint(format!(
                "sub is the user name and scope comes from --scope; jwtctl reserves {}",
                crate::claims::RESERVED.join(", ")
            )));
        }
        if v.is_null() {
            return Err(Failure::usage(format!("--claim {k}=null stores nothing"))
                .hint("leave the claim out instead"));
        }
        claims.insert(k, v);
    }
    Ok(claims)
}

fn passwd(ctx: &Ctx, a: UserPasswordArgs) -> crate::error::Result<()> {
    let users = ctx.load_user(&a.name)?;
    if users.get(&a.name).is_none() {
        return Err(unknown(ctx, &a.name).into());
    }
    let password = input::password(
        &ctx.stdin,
        a.password_stdin,
        &format!("New password for {}: ", a.name),
        true,
    )?;
    let hash = hashing::hash_password(&password, Cost::default())?;
    edit(ctx, |s| s.set_password_hash(&a.name, &hash))?;
    ctx.note(&format!("set a new password for \"{}\" (argon2id)", a.name));
    Ok(())
}

fn unknown(ctx: &Ctx, name: &str) -> StoreError {
    StoreError::UnknownUser {
        name: name.to_string(),
        path: ctx.users.clone(),
    }
}

fn set_disabled(ctx: &Ctx, name: &str, disabled: bool) -> crate::error::Result<()> {
    let changed = edit(ctx, |s| s.set_disabled(name, disabled))?;
    let state = if disabled { "disabled" } else { "enabled" };
    if changed {
        ctx.note(&format!("user \"{name}\" is now {state}"));
    } else {
        ctx.note(&format!("user \"{name}\" was already {state}"));
    }
    Ok(())
}

/// One user as JSON (for `list` and `show`): never the hash, only what kind it is.
pub(crate) fn user_json(u: &User) -> Value {
    user_json_of(u, &hashing::inspect(&u.password_hash))
}

/// [`user_json`] with the hash already looked at.
fn user_json_of(u: &User, hash: &Result<hashing::HashInfo, hashing::HashError>) -> Value {
    let (scheme, params, outdated, problem) = match hash {
        Ok(i) => (
            json!(i.scheme.name()),
            json!(i.params),
            json!(i.outdated),
            Value::Null,
        ),
        Err(e) => (Value::Null, Value::Null, Value::Null, json!(e.to_string())),
    };
    json!({
        "name": u.name,
        "disabled": u.disabled,
        "scopes": u.scopes,
        "claims": u.claims,
        "hash_scheme": scheme,
        "hash_params": params,
        "hash_outdated": outdated,
        "hash_problem": problem,
        "other": u.other,
    })
}

/// "argon2id", "bcrypt (outdated)", or what is wrong with the hash.
pub(crate) fn hash_summary(u: &User) -> String {
    hash_summary_of(&hashing::inspect(&u.password_hash)).into_owned()
}

/// [`hash_summary`] with the hash already looked at.
fn hash_summary_of(hash: &Result<hashing::HashInfo, hashing::HashError>) -> Cow<'static, str> {
    match hash {
        Ok(i) if i.outdated => format!("{} (outdated)", i.scheme.name()).into(),
        Ok(i) => i.scheme.name().into(),
        Err(hashing::HashError::Missing) => "no password".into(),
        Err(hashing::HashError::UnknownScheme(s)) => format!("unknown scheme {s}").into(),
        Err(_) => "malformed hash".into(),
    }
}

fn list(ctx: &Ctx, a: UsersListArgs) -> crate::error::Result<()> {
    let users = ctx.load_users()?;
    // One look at each hash serves the warnings and the table (100,000 users: 0.1 s each).
    let hashes: Vec<_> = users
        .users
        .iter()
        .map(|u| hashing::inspect(&u.password_hash))
        .collect();
    warn_unusable_hashes(ctx, &users, &hashes);
    if a.json || a.output == ReportOutput::Json {
        let all: Vec<Value> = users
            .users
            .iter()
            .zip(&hashes)
            .map(|(u, h)| user_json_of(u, h))
            .collect();
        return crate::commands::print(
            &json!({ "schema": SCHEMA, "kind": "users", "users": all }).to_string(),
        );
    }
    if users.users.is_empty() {
        ctx.note(&format!("no users in {}", ctx.users.display()));
        return Ok(());
    }
    // full_name and email (a FastAPI-tutorial import's fields) get columns when any user
    // has them.
    let extra: Vec<&str> = ["full_name", "email"]
        .into_iter()
        .filter(|k| users.users.iter().any(|u| !text_field(u, k).is_empty()))
        .collect();
    // Each row is made twice, for the widths and then for the output, rather than kept: a
    // table of 100,000 users is written as it is made.
    let rows = || {
        users.users.iter().zip(&hashes).map(|(u, hash)| {
            let mut row = vec![sanitize(&u.name)];
            row.extend(extra.iter().map(|k| text_field(u, k)));
            row.extend([
                Cow::Borrowed(if u.disabled { "disabled" } else { "enabled" }),
                hash_summary_of(hash),
                Cow::Owned(sanitize(&u.scopes.join(" ")).into_owned()),
            ]);
            row
        })
    };
    let widths = widths(rows());
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut line = String::new();
    for row in rows() {
        aligned(&mut line, &row, &widths);
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

/// A text field of a user jwtctl does not manage (`full_name`, `email`), fit for a terminal.
fn text_field<'a>(u: &'a User, k: &str) -> Cow<'a, str> {
    u.other
        .get(k)
        .and_then(Value::as_str)
        .map(sanitize)
        .unwrap_or_default()
}

/// The width of each column in terminal cells: a CJK character takes two, a combining mark
/// none, so `chars().count()` would misalign them.
fn widths<S: AsRef<str>>(rows: impl IntoIterator<Item = impl AsRef<[S]>>) -> Vec<usize> {
    use unicode_width::UnicodeWidthStr;
    let mut widths: Vec<usize> = Vec::new();
    for row in rows {
        for (i, cell) in row.as_ref().iter().enumerate() {
            let w = cell.as_ref().width();
            match widths.get_mut(i) {
                Some(max) => *max = (*max).max(w),
                None => widths.push(w),
            }
        }
    }
    widths
}

/// `row` into `line`: cells left-aligned to `widths`, two spaces apart, trailing blanks cut.
fn aligned<S: AsRef<str>>(line: &mut String, row: &[S], widths: &[usize]) {
    use unicode_width::UnicodeWidthStr;
    line.clear();
    for (i, cell) in row.iter().enumerate() {
        let cell = cell.as_ref();
        line.push_str(cell);
        if i + 1 < row.len() {
            line.extend(std::iter::repeat_n(' ', widths[i] - cell.width() + 2));
        }
    }
    line.truncate(line.trim_end().len());
}

/// Left-aligned columns two spaces apart ([`widths`], [`aligned`]).
pub(crate) fn columns(rows: &[Vec<String>]) -> String {
    let widths = widths(rows);
    let mut out = String::new();
    let mut line = String::new();
    for r in rows {
        aligned(&mut line, r, &widths);
        out.push_str(&line);
        out.push('\n');
    }
    out.trim_end().to_string()
}

fn warn_unusable_hashes(
    ctx: &Ctx,
    users: &Users,
    hashes: &[Result<hashing::HashInfo, hashing::HashError>],
) {
    for (u, hash) in users.users.iter().zip(hashes) {
        if let Err(e) = hash {
            ctx.warn(&format!(
                "user \"{}\" cannot log in: {e}; set a password with `jwtctl users passwd {}`",
                u.name, u.name
            ));
        }
    }
}

fn show(ctx: &Ctx, a: UserShowArgs) -> crate::error::Result<()> {
    let users = ctx.load_user(&a.name)?;
    let user = users.get(&a.name).ok_or_else(|| unknown(ctx, &a.name))?;
    if a.json || a.output == ReportOutput::Json {
        let mut v = json!({ "schema": SCHEMA, "kind": "user" });
        if let (Some(head), Value::Object(fields)) = (v.as_object_mut(), user_json(user)) {
            head.extend(fields);
        }
        return crate::commands::print(&v.to_string());
    }
    let s = &ctx.out;
    let hash = match hashing::inspect(&user.password_hash) {
        Ok(i) if i.outdated => format!(
            "{} ({}) — outdated; `jwtctl users passwd` moves it to argon2id",
            i.scheme.name(),
            i.params
        ),
        Ok(i) => format!("{} ({})", i.scheme.name(), i.params),
        Err(e) => s.bad(&e.to_string()),
    };
    let mut lines = vec![
        format!("{}      {}", s.heading("user"), sanitize(&user.name)),
        format!(
            "{}    {}",
            s.heading("status"),
            if user.disabled {
                s.bad("disabled")
            } else {
                s.ok("enabled")
            }
        ),
        format!(
            "{}    {}",
            s.heading("scopes"),
            if user.scopes.is_empty() {
                "-".to_string()
            } else {
                sanitize(&user.scopes.join(" ")).into_owned()
            }
        ),
        format!(
            "{}    {}",
            s.heading("claims"),
            if user.claims.is_empty() {
                "-".to_string()
            } else {
                sanitize(&Value::Object(user.claims.clone()).to_string()).into_owned()
            }
        ),
        format!("{}  {}", s.heading("password"), hash),
    ];
    for (k, v) in &user.other {
        let v = match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        lines.push(format!(
            "{}  {}: {}",
            s.dim("other   "),
            sanitize(k),
            sanitize(&v)
        ));
    }
    crate::commands::print(&lines.join("\n"))
}

fn check(ctx: &Ctx, a: UserPasswordArgs) -> crate::error::Result<()> {
    let users = ctx.load_user(&a.name)?;
    let password = input::password(
        &ctx.stdin,
        a.password_stdin,
        &format!("Password for {}: ", a.name),
        false,
    )?;
    let user = login(ctx, &users, &a.name, &password)?;
    if !ctx.quiet {
        crate::commands::print(&format!(
            "{}  user \"{}\" authenticated",
            ctx.out.ok("✓"),
            sanitize(&user.name)
        ))?;
    }
    Ok(())
}

/// `issue --user NAME`: the user, after their password checks out (or without a password for
/// an operator with `--no-auth`, which is said on stderr).
pub fn authenticate(
    ctx: &Ctx,
    name: &str,
    password_stdin: bool,
    no_auth: bool,
) -> crate::error::Result<User> {
    let users = ctx.load_user(name)?;
    if no_auth {
        // The operator holds the signing key and the file, so plain answers are safe here.
        let user = users.get(name).ok_or_else(|| {
            Failure::new(
                ExitCode::NoSuchUser,
                format!("no user \"{name}\" in {}", ctx.users.display()),
            )
            .hint("`jwtctl users list` shows the users; without --user, --sub signs any subject")
        })?;
        if user.disabled {
            return Err(
                Failure::new(ExitCode::Auth, format!("user \"{name}\" is disabled"))
                    .hint(format!("enable them with `jwtctl users enable {name}`"))
                    .into(),
            );
        }
        ctx.warn(&format!(
            "--no-auth: issuing a token for \"{name}\" without checking a password"
        ));
        return Ok(user.clone());
    }
    let password = input::password(
        &ctx.stdin,
        password_stdin,
        &format!("Password for {name}: "),
        false,
    )?;
    login(ctx, &users, name, &password)
}

/// The password check, then the hash upgrade the file may ask for.
fn login(ctx: &Ctx, users: &Users, name: &str, password: &str) -> crate::error::Result<User> {
    let user = hashing::authenticate(users, name, password)?;
    if users.upgrade_hashes {
        upgrade_hash(ctx, users, &user, password);
    }
    Ok(user)
}

/// A failed upgrade does not fail the login: the old hash still works.
fn upgrade_hash(ctx: &Ctx, users: &Users, user: &User, password: &str) {
    let new = match hashing::upgraded_hash(user, password) {
        Ok(Some(h)) => h,
        Ok(None) => return,
        Err(e) => {
            ctx.warn(&format!(
                "could not re-hash the password of \"{}\": {e}",
                user.name
            ));
            return;
        }
    };
    for w in hashing::store_upgraded_hash(users, user, &new) {
        ctx.tell(&w);
    }
}

fn import(ctx: &Ctx, a: UsersImportArgs) -> crate::error::Result<()> {
    let users = read_fastapi_users(ctx, &a.file)?;
    let summary = edit(ctx, |s| s.import(&users, a.replace))?;
    let bcrypt = users
        .iter()
        .filter(|u| hashing::inspect(&u.password_hash).is_ok_and(|i| i.outdated))
        .count();
    ctx.note(&format!(
        "imported {} user(s) into {}: {} added, {} replaced",
        users.len(),
        ctx.users.display(),
        summary.added.len(),
        summary.replaced.len()
    ));
    if bcrypt > 0 {
        ctx.note(&format!(
            "{bcrypt} imported hash(es) are bcrypt or weak argon2: they keep working; \
             `jwtctl users passwd NAME` or `upgrade_hashes = true` in the users file moves them \
             to argon2id"
        ));
    }
    Ok(())
}

/// Reads the FastAPI tutorial's `fake_users_db` shape:
/// `{"alice": {"username": "alice", "full_name": ..., "email": ..., "hashed_password": ...,
/// "disabled": false}}`. Every entry is checked before anything is written.
fn read_fastapi_users(ctx: &Ctx, path: &Path) -> crate::error::Result<Vec<User>> {
    let shown = path.display();
    let text = if path.as_os_str() == "-" {
        ctx.stdin.claim("users to import")?;
        std::io::read_to_string(std::io::stdin())
    } else {
        std::fs::read_to_string(path)
    }
    .map_err(|e| Failure::runtime(format!("cannot read {shown}: {e}")).hint("check the path"))?;
    let (users, warnings) = crate::users::from_fastapi(&text, &shown.to_string())?;
    for w in &warnings {
        ctx.tell(w);
    }
    Ok(users)
}
