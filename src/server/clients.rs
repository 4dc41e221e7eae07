//! `/token`'s `client_credentials` grant (RFC 6749 §4.4): client authentication (§2.3.1) and
//! the client's token.

use std::net::SocketAddr;
use std::time::Instant;

use axum::http::HeaderValue;
use jiff::Timestamp;
use serde_json::{json, Value};

use super::oauth::{Code, OAuthError};
use super::routes::{locked_out, requested_scopes, server_error, Form, Shared};
use crate::hashing::AuthError;

/// One answer for an unknown client, a wrong secret and a disabled client, as for users.
const BAD_CLIENT: &str = "invalid client id or secret";

/// A client's id and secret, and whether they came by HTTP Basic.
struct ClientAuth {
    id: String,
    secret: zeroize::Zeroizing<String>,
    basic: bool,
}

/// RFC 6749 §2.3.1: HTTP Basic (`client_secret_basic`), or `client_id` and `client_secret`
/// in the body (`client_secret_post`), never both.
fn client_auth(authorization: Option<&HeaderValue>, form: &Form) -> Result<ClientAuth, OAuthError> {
    let basic = authorization.map(|v| {
        let v = v.to_str().unwrap_or("");
        let (scheme, rest) = v.split_once(' ').unwrap_or((v, ""));
        scheme.eq_ignore_ascii_case("basic").then(|| rest.trim())
    });
    let in_body = form.get("client_id").is_some() || form.get("client_secret").is_some();
    match (basic, in_body) {
        (Some(Some(_)), true) => Err(OAuthError::new(
            Code::InvalidRequest,
            "the client authenticated twice: send HTTP Basic or client_id and client_secret \
             in the body, not both",
        )),
        (Some(Some(credentials)), false) => {
            let bad = || {
                OAuthError::invalid_client(
                    "the Basic credentials must be base64 of CLIENT_ID:CLIENT_SECRET",
                    true,
                )
            };
            use base64::Engine as _;
            let raw = zeroize::Zeroizing::new(
                base64::engine::general_purpose::STANDARD
                    .decode(credentials)
                    .map_err(|_| bad())?,
            );
            let text = std::str::from_utf8(&raw).map_err(|_| bad())?;
            let (id, secret) = text.split_once(':').ok_or_else(bad)?;
            // §2.3.1: id and secret are form-urlencoded before Basic encodes them; the
            // secrets jwtctl generates are the same either way.
            let decode = |s: &str| {
                percent_encoding::percent_decode_str(&s.replace('+', " "))
                    .decode_utf8()
                    .map(|d| d.into_owned())
                    .map_err(|_| bad())
            };
            Ok(ClientAuth {
                id: decode(id)?,
                secret: zeroize::Zeroizing::new(decode(secret)?),
                basic: true,
            })
        }
        (_, true) => {
            let id = form.require("client_id")?.to_string();
            let secret = form
                .get("client_secret")
                .filter(|s| !s.is_empty())
                .ok_or_else(|| {
                    OAuthError::invalid_client(
                        "missing client_secret: jwtctl's clients authenticate with a secret",
                        false,
                    )
                })?;
            Ok(ClientAuth {
                id,
                secret: zeroize::Zeroizing::new(secret.to_string()),
                basic: false,
            })
        }
        // No credentials, or another scheme: §5.2 asks for a challenge naming Basic.
        (_, false) => Err(OAuthError::invalid_client(
            "authenticate the client with HTTP Basic, or client_id and client_secret in the body",
            true,
        )),
    }
}

/// RFC 6749 §4.4. The client is checked as a user's password is (the same work for an
/// unknown, wrong or disabled client) under the same backoff, its name counted as typed.
/// No refresh token (§4.4.3): the client can always ask again.
pub(super) async fn client_credentials_grant(
    app: &Shared,
    form: &Form,
    authorization: Option<&HeaderValue>,
    peer: SocketAddr,
) -> Result<(Value, String), OAuthError> {
    let auth = client_auth(authorization, form)?;
    let bad_client = || OAuthError::invalid_client(BAD_CLIENT, auth.basic);
    if auth.id.len() > crate::users::MAX_NAME_LEN {
        return Err(bad_client());
    }
    let requested = requested_scopes(form)?;
    let address = peer.ip();
    let _slot = app
        .hashing
        .acquire()
        .await
        .expect("semaphore is never closed");
    if let Some(lock) = app.limiter.locked(&auth.id, address, Instant::now()) {
        let mut e = locked_out(lock, Code::InvalidClient, "this client");
        e.basic_challenge = auth.basic;
        return Err(e);
    }
    let users = app.users.get().await;
    let outcome = {
        let users = users.clone();
        let (id, secret) = (auth.id.clone(), auth.secret.clone());
        tokio::task::spawn_blocking(move || {
            crate::hashing::authenticate_client(&users.users, &id, &secret)
        })
        .await
        .map_err(|_| server_error(app, "the client secret check failed"))?
    };
    drop(_slot);
    let client = match outcome {
        Ok(client) => {
            app.limiter.succeeded(&auth.id, address);
            client
        }
        Err(e) => {
            if let AuthError::BadHash { source, .. } = &e {
                app.stderr.warn(&format!(
                    "the secret hash of client \"{}\" cannot be used: {source}; hint: set a \
                     new secret (`jwtctl users client remove` and `add`)",
                    auth.id
                ));
            }
            app.limiter.failed(&auth.id, address, Instant::now());
            return Err(bad_client());
        }
    };
    let scopes = crate::claims::grant_scopes(&client.scopes, &requested.unwrap_or_default())
        .map_err(|extra| {
            OAuthError::new(
                Code::InvalidScope,
                format!("scope not granted to this client: {}", extra.join(" ")),
            )
        })?;
    let shared = app.clone();
    let signed = tokio::task::spawn_blocking(move || {
        let token = shared
            .minter
            .client_token(&client, &scopes, Timestamp::now());
        (token, client, scopes)
    })
    .await
    .map_err(|_| server_error(app, "signing a token failed"))?;
    let (token, client, scopes) = signed;
    let token = token.map_err(|e| server_error(app, &format!("cannot sign a token: {e}")))?;
    let mut body = json!({
        "access_token": token,
        "token_type": "bearer",
        "expires_in": app.minter.client_ttl(&client).as_secs(),
    });
    if !scopes.is_empty() {
        body["scope"] = json!(scopes.join(" "));
    }
    Ok((body, client.name))
}
