//! The endpoints: `/token`, `/me` and `/userinfo`, `/introspect`, discovery and JWKS.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, FromRequest, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use serde_json::{json, Map, Value};

use super::conn::Activity;
use super::limiter::Lock;
use super::oauth::{bearer_challenge, json_no_store, Code, OAuthError};
use super::{AppState, LogUser, MAX_FIELDS};
use crate::checks::TokenUse;
use crate::error::Diagnose;
use crate::hashing::AuthError;
use crate::users::User;

/// One answer for an unknown user, a wrong password and a disabled user: which of them it
/// was would tell an attacker which names are worth guessing passwords for.
const BAD_LOGIN: &str = "invalid username or password";

pub type Shared = Arc<AppState>;

/// An `application/x-www-form-urlencoded` body as RFC 6749 §3.2 wants it read: every
/// parameter at most once, unknown ones ignored.
pub struct Form(Vec<(String, String)>);

impl Form {
    /// Reads the body (within `--idle-timeout`) and parses it.
    async fn read(app: &AppState, req: Request) -> Result<Form, OAuthError> {
        let headers = req.headers().clone();
        let body = tokio::time::timeout(app.body_timeout, Bytes::from_request(req, &()))
            .await
            .map_err(|_| {
                OAuthError::new(Code::InvalidRequest, "the body did not arrive in time")
                    .status(StatusCode::REQUEST_TIMEOUT)
            })?;
        Form::parse(&headers, body)
    }

    fn parse(headers: &HeaderMap, body: Result<Bytes, BytesRejection>) -> Result<Form, OAuthError> {
        let body = body.map_err(|e| {
            let status = e.status();
            OAuthError::new(Code::InvalidRequest, format!("cannot read the body: {e}"))
                .status(status)
        })?;
        let ct = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let mime = ct.split(';').next().unwrap_or("").trim();
        if !mime.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
            return Err(OAuthError::new(
                Code::InvalidRequest,
                "send the parameters as application/x-www-form-urlencoded",
            ));
        }
        // One pass, a hash set for the names seen: linear in the body, and no more than
        // MAX_FIELDS fields are decoded whatever the body holds.
        let mut pairs: Vec<(String, String)> = Vec::new();
        let mut seen = HashSet::new();
        for (k, v) in form_urlencoded::parse(&body) {
            if pairs.len() == MAX_FIELDS {
                return Err(OAuthError::new(
                    Code::InvalidRequest,
                    format!("more than {MAX_FIELDS} parameters"),
                ));
            }
            if !seen.insert(k.clone()) {
                return Err(OAuthError::new(
                    Code::InvalidRequest,
                    format!("parameter \"{k}\" is given more than once"),
                ));
            }
            pairs.push((k.into_owned(), v.into_owned()));
        }
        Ok(Form(pairs))
    }

    pub(super) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// An empty value counts as missing (RFC 6749 §3.1: "treated as if omitted").
    pub(super) fn require(&self, name: &str) -> Result<&str, OAuthError> {
        self.get(name).filter(|v| !v.is_empty()).ok_or_else(|| {
            OAuthError::new(
                Code::InvalidRequest,
                format!("missing parameter \"{name}\""),
            )
        })
    }
}

/// The form carries the password: wiped when the request is done with it.
impl Drop for Form {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        for (_, v) in &mut self.0 {
            v.zeroize();
        }
    }
}

pub async fn token(
    State(app): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    activity: Option<axum::Extension<Arc<Activity>>>,
    req: Request,
) -> Response {
    let authorization = req.headers().get(header::AUTHORIZATION).cloned();
    let form = match Form::read(&app, req).await {
        Ok(f) => f,
        Err(e) => return e.into_response(),
    };
    // From here the server is computing; a login may wait for a hashing slot without a byte
    // moving, which is not idleness.
    let _busy = activity.map(|a| a.busy());
    let result = match form.get("grant_type").filter(|g| !g.is_empty()) {
        None => Err(OAuthError::new(
            Code::InvalidRequest,
            "missing parameter \"grant_type\"",
        )),
        Some("password") => password_grant(&app, &form, peer).await,
        Some("refresh_token") => refresh_grant(&app, &form).await,
        Some("client_credentials") => {
            super::clients::client_credentials_grant(&app, &form, authorization.as_ref(), peer)
                .await
        }
        Some(other) => Err(OAuthError::new(
            Code::UnsupportedGrantType,
            format!(
                "grant_type \"{other}\" is not supported; use password, refresh_token or \
                 client_credentials"
            ),
        )),
    };
    match result {
        Ok((body, user)) => {
            let mut r = json_no_store(StatusCode::OK, body);
            r.extensions_mut().insert(LogUser(user));
            r
        }
        Err(e) => e.into_response(),
    }
}

/// RFC 6749 §4.3.
async fn password_grant(
    app: &Shared,
    form: &Form,
    peer: SocketAddr,
) -> Result<(Value, String), OAuthError> {
    let name = form.require("username")?.to_string();
    // No user can have such a name; refusing it here keeps the limiter's memory bounded
    // (it keys on the name) and answers what any wrong login gets.
    if name.len() > crate::users::MAX_NAME_LEN {
        return Err(OAuthError::new(Code::InvalidGrant, BAD_LOGIN));
    }
    // A present but empty password goes on to fail like any wrong one.
    let password = zeroize::Zeroizing::new(
        form.get("password")
            .ok_or_else(|| OAuthError::new(Code::InvalidRequest, "missing parameter \"password\""))?
            .to_string(),
    );
    let requested = requested_scopes(form)?;
    let client = peer.ip();

    // The limiter is consulted only with a hashing slot in hand: then at most one guess per
    // slot can be in flight past it, however many a client sends at once.
    let _slot = app
        .hashing
        .acquire()
        .await
        .expect("semaphore is never closed");
    if let Some(lock) = app.limiter.locked(&name, client, Instant::now()) {
        return Err(locked_out(lock, Code::InvalidGrant, "this username"));
    }
    let users = app.users.get().await;
    let outcome = {
        let users = users.clone();
        let name = name.clone();
        // argon2 takes tens of milliseconds of CPU: off the async workers, or every other
        // request (JWKS, /me) would wait behind it.
        tokio::task::spawn_blocking(move || {
            let r = crate::hashing::authenticate(&users.users, &name, &password);
            let upgrade = match &r {
                Ok(user) if users.users.upgrade_hashes => {
                    crate::hashing::upgraded_hash(user, &password)
                        .ok()
                        .flatten()
                }
                _ => None,
            };
            (r, upgrade)
        })
        .await
        .map_err(|_| server_error(app, "the password check failed"))?
    };
    drop(_slot);
    let user = match outcome {
        (Ok(user), upgrade) => {
            app.limiter.succeeded(&name, client);
            if let Some(new_hash) = upgrade {
                store_upgraded_hash(app, users.clone(), &user, new_hash).await;
            }
            user
        }
        (Err(AuthError::Rejected(_)), _) => {
            app.limiter.failed(&name, client, Instant::now());
            return Err(OAuthError::new(Code::InvalidGrant, BAD_LOGIN));
        }
        (Err(e @ AuthError::BadHash { .. }), _) => {
            // The operator's problem, not the client's: the log says which user and why; the
            // client gets the same answer as for a wrong password.
            app.stderr
                .warn(&format!("{e}; hint: {}", e.hint().unwrap_or_default()));
            app.limiter.failed(&name, client, Instant::now());
            return Err(OAuthError::new(Code::InvalidGrant, BAD_LOGIN));
        }
    };
    let scopes = grant_scopes(&user.scopes, requested)?;
    let body = respond_with_tokens(app, user.clone(), scopes, true).await?;
    Ok((body, user.name))
}

/// The 429 of a login the limiter holds back; `name` says what kind of name was locked.
pub(super) fn locked_out(lock: Lock, code: Code, name: &str) -> OAuthError {
    let secs = lock.wait().as_secs_f64().ceil().max(1.0) as u64;
    let whose = match lock {
        Lock::Name(_) => name,
        Lock::Client(_) => "this address",
    };
    OAuthError {
        retry_after: Some(secs),
        ..OAuthError::new(
            code,
            format!("too many failed logins for {whose}; retry in {secs} s"),
        )
        .status(StatusCode::TOO_MANY_REQUESTS)
    }
}

/// A 500 whose reason goes to the log, not to the client.
pub(super) fn server_error(app: &AppState, what: &str) -> OAuthError {
    app.stderr.warn(what);
    OAuthError::new(Code::InvalidRequest, "the server could not answer")
        .status(StatusCode::INTERNAL_SERVER_ERROR)
}

/// RFC 6749 §6. The refresh token itself is not rotated: the server keeps no state, so a new
/// one would be no harder to steal than the old; it stays valid until its own `exp`.
async fn refresh_grant(app: &Shared, form: &Form) -> Result<(Value, String), OAuthError> {
    let text = form.require("refresh_token")?;
    let requested = requested_scopes(form)?;
    let claims = app
        .minter
        .check(text, TokenUse::Refresh, Timestamp::now())
        .map_err(|e| {
            OAuthError::new(
                Code::InvalidGrant,
                format!("the refresh token is invalid: {e}"),
            )
        })?;
    let sub = claims["sub"].as_str().expect("checked to be a string");
    let users = app.users.get().await;
    // A user removed or disabled since the login gets no more access tokens.
    let user = match users.user(sub) {
        Some(u) if !u.disabled => u.clone(),
        _ => {
            return Err(OAuthError::new(
                Code::InvalidGrant,
                "the refresh token's user is no longer active",
            ))
        }
    };
    let granted = crate::claims::token_scopes(&claims);
    // §6: a narrower scope may be asked for, never a wider one than the refresh token's.
    let mut scopes = grant_scopes(&granted, requested)?;
    // Scopes taken away in the users file since the login are not handed out again.
    scopes.retain(|s| user.scopes.contains(s));
    let name = user.name.clone();
    let body = respond_with_tokens(app, user, scopes, false).await?;
    Ok((body, name))
}

pub(super) fn requested_scopes(form: &Form) -> Result<Option<Vec<String>>, OAuthError> {
    let Some(text) = form.get("scope").filter(|s| !s.trim().is_empty()) else {
        return Ok(None);
    };
    // RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ).
    let valid = |c: char| c == '!' || ('#'..='[').contains(&c) || (']'..='~').contains(&c);
    if !text
        .split(' ')
        .filter(|s| !s.is_empty())
        .all(|s| s.chars().all(valid))
    {
        return Err(OAuthError::new(
            Code::InvalidScope,
            "scope must be space-separated printable ASCII tokens",
        ));
    }
    Ok(Some(crate::claims::split_scopes(&[text])))
}

fn grant_scopes(
    allowed: &[String],
    requested: Option<Vec<String>>,
) -> Result<Vec<String>, OAuthError> {
    crate::claims::grant_scopes(allowed, &requested.unwrap_or_default()).map_err(|extra| {
        OAuthError::new(
            Code::InvalidScope,
            format!("scope not granted to this user: {}", extra.join(" ")),
        )
    })
}

/// Signs on the blocking pool: an RSA signature costs about a millisecond of CPU.
async fn respond_with_tokens(
    app: &Shared,
    user: User,
    scopes: Vec<String>,
    with_refresh: bool,
) -> Result<Value, OAuthError> {
    let shared = app.clone();
    tokio::task::spawn_blocking(move || tokens_body(&shared, &user, &scopes, with_refresh))
        .await
        .map_err(|_| server_error(app, "signing a token failed"))?
}

fn tokens_body(
    app: &Shared,
    user: &User,
    scopes: &[String],
    with_refresh: bool,
) -> Result<Value, OAuthError> {
    let now = Timestamp::now();
    let server_error = |e: crate::error::Error| {
        app.stderr.warn(&format!("cannot sign a token: {e}"));
        OAuthError::new(Code::InvalidRequest, "the server could not sign a token")
            .status(StatusCode::INTERNAL_SERVER_ERROR)
    };
    let access = app
        .minter
        .access_token(user, scopes, now)
        .map_err(server_error)?;
    let mut body = json!({
        "access_token": access,
        "token_type": "bearer",
        "expires_in": app.minter.ttl.as_secs(),
    });
    if !scopes.is_empty() {
        body["scope"] = json!(scopes.join(" "));
    }
    if with_refresh {
        body["refresh_token"] = json!(app
            .minter
            .refresh_token(&user.name, scopes, now)
            .map_err(server_error)?);
    }
    Ok(body)
}

/// Writes an argon2 hash with current parameters over an outdated one, when the users file
/// asks for that (`upgrade_hashes = true`). A failure only costs the upgrade: the old hash
/// still works. The next request sees the rewritten file and reloads it.
async fn store_upgraded_hash(
    app: &Shared,
    snapshot: std::sync::Arc<crate::server::live_users::Snapshot>,
    user: &User,
    new_hash: String,
) {
    let user = user.clone();
    let told = tokio::task::spawn_blocking(move || {
        crate::hashing::store_upgraded_hash(&snapshot.users, &user, &new_hash)
    })
    .await
    .unwrap_or_default();
    for w in &told {
        app.stderr.tell(w);
    }
}

/// The bearer token of a request, or the RFC 6750 error code and description to answer with.
/// No code means the request carried no bearer credentials at all (§3.1).
fn bearer(headers: &HeaderMap) -> Result<&str, (Option<&'static str>, &'static str)> {
    const MISSING: (Option<&str>, &str) =
        (None, "send the access token as Authorization: Bearer TOKEN");
    let value = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .ok_or(MISSING)?;
    let (scheme, rest) = value.split_once(' ').unwrap_or((value, ""));
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(MISSING);
    }
    let token = rest.trim();
    if token.is_empty() {
        return Err((Some("invalid_token"), "the bearer token is empty"));
    }
    Ok(token)
}

/// `GET /me`, `/userinfo`: the user behind a valid access token, as the tutorial's `/users/me`
/// returns it, with the OpenID Connect `sub`.
pub async fn me(State(app): State<Shared>, headers: HeaderMap) -> Response {
    let token = match bearer(&headers) {
        Ok(t) => t,
        Err((code, description)) => {
            return bearer_challenge(StatusCode::UNAUTHORIZED, code, description)
        }
    };
    let invalid = |d: &str| bearer_challenge(StatusCode::UNAUTHORIZED, Some("invalid_token"), d);
    let claims = match app.minter.check(token, TokenUse::Access, Timestamp::now()) {
        Ok(c) => c,
        Err(e) => return invalid(&e),
    };
    let sub = claims["sub"].as_str().expect("checked to be a string");
    let users = app.users.get().await;
    let user = match users.user(sub) {
        Some(u) if !u.disabled => u,
        Some(_) => return invalid("the user is disabled"),
        None => return invalid("the token's user no longer exists"),
    };
    let mut body = Map::new();
    body.insert("sub".into(), json!(user.name));
    body.insert("username".into(), json!(user.name));
    for field in ["full_name", "email"] {
        if let Some(v) = user.other.get(field) {
            body.insert(field.into(), v.clone());
        }
    }
    for (k, v) in &user.claims {
        if !body.contains_key(k) {
            body.insert(k.clone(), v.clone());
        }
    }
    body.insert("disabled".into(), json!(false));
    body.insert("scopes".into(), json!(crate::claims::token_scopes(&claims)));
    let mut r = json_no_store(StatusCode::OK, Value::Object(body));
    r.extensions_mut().insert(LogUser(user.name.clone()));
    r
}

/// `POST /introspect` (RFC 7662). It answers without client authentication: these tokens are
/// signed JWTs, which cannot be guessed, and whose holder can read their claims anyway, so
/// the scanning that §4 guards against finds nothing. Refresh tokens are reported inactive,
/// so that a resource server that only looks at `active` never accepts one as access.
pub async fn introspect(State(app): State<Shared>, req: Request) -> Response {
    let form = match Form::read(&app, req).await {
        Ok(f) => f,
        Err(e) => return e.into_response(),
    };
    let text = match form.require("token") {
        Ok(t) => t,
        Err(e) => return e.into_response(),
    };
    let inactive = || json_no_store(StatusCode::OK, json!({ "active": false }));
    let Ok(claims) = app.minter.check(text, TokenUse::Access, Timestamp::now()) else {
        return inactive();
    };
    let sub = claims["sub"].as_str().expect("checked to be a string");
    let users = app.users.get().await;
    // A name is a user or a client, never both: a client's token is active while the client
    // is, and names no username.
    let is_client = match (users.user(sub), users.users.client(sub)) {
        (Some(u), _) if !u.disabled => false,
        (None, Some(c)) if !c.disabled && claims.get("client_id") == Some(&json!(sub)) => true,
        _ => return inactive(),
    };
    let mut body = Map::new();
    body.insert("active".into(), json!(true));
    body.insert("token_type".into(), json!("Bearer"));
    if !is_client {
        body.insert("username".into(), json!(sub));
    }
    for k in [
        "scope",
        "client_id",
        "exp",
        "iat",
        "nbf",
        "sub",
        "aud",
        "iss",
        "jti",
    ] {
        if let Some(v) = claims.get(k) {
            body.insert(k.into(), v.clone());
        }
    }
    json_no_store(StatusCode::OK, Value::Object(body))
}

/// Public documents may be cached for a while; a client that sees an unknown `kid` refetches.
fn cacheable(body: &Value) -> Response {
    let mut r = axum::Json(body.clone()).into_response();
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    r
}

pub async fn jwks(State(app): State<Shared>) -> Response {
    cacheable(&app.minter.jwks())
}

pub async fn discovery(State(app): State<Shared>) -> Response {
    // The signing algorithm follows a rotated key set; the rest was fixed at start-up.
    let mut doc = app.discovery.clone();
    doc["id_token_signing_alg_values_supported"] = json!([app.minter.signing().alg.name()]);
    cacheable(&doc)
}

pub async fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        axum::Json(json!({ "detail": "Not Found" })),
    )
        .into_response()
}

/// The OpenID Connect discovery document (also served as RFC 8414 metadata). jwtctl issues
/// no ID tokens and has no authorization endpoint; the document lists what it does have.
pub fn discovery_document(minter: &super::tokens::Minter) -> Value {
    let base = minter.issuer.trim_end_matches('/');
    json!({
        "issuer": minter.issuer,
        "token_endpoint": format!("{base}/token"),
        "jwks_uri": format!("{base}/.well-known/jwks.json"),
        "userinfo_endpoint": format!("{base}/userinfo"),
        "introspection_endpoint": format!("{base}/introspect"),
        "grant_types_supported": ["password", "refresh_token", "client_credentials"],
        // Required by both specs; empty because there is no authorization endpoint.
        "response_types_supported": [],
        // none: the password grant's public clients; the others: client_credentials.
        "token_endpoint_auth_methods_supported": [
            "none",
            "client_secret_basic",
            "client_secret_post"
        ],
        "introspection_endpoint_auth_methods_supported": ["none"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": [minter.alg.name()],
        "claims_supported": ["sub", "iss", "aud", "exp", "iat", "jti", "scope", "client_id"],
    })
}
