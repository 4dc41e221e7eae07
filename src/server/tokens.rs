//! The server's tokens: minting access and refresh tokens for users, and checking the ones it
//! gets back at `/me`, `/introspect` and the refresh grant.

use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;

use jiff::Timestamp;
use serde_json::{json, Map, Value};

use crate::alg::Alg;
use crate::checks::{self, KeySet, Policy, TokenUse};
use crate::error::ExitCode;
use crate::keys::{Key, KeyError, Signer};
use crate::token::Token;
use crate::users::{Client, User};

use super::live_keys::LiveKeys;

/// The keys the server signs with and accepts, and what goes into every token.
pub struct Minter {
    pub issuer: String,
    pub aud: Vec<String>,
    pub ttl: Duration,
    pub refresh_ttl: Duration,
    /// The signing algorithm at start-up (the discovery document names it).
    pub alg: Alg,
    choice: Choice,
    /// The keys in service; replaced when a watched key set changes.
    current: RwLock<Arc<Signing>>,
    live: Option<LiveKeys>,
}

pub struct Settings {
    pub issuer: String,
    pub aud: Vec<String>,
    pub ttl: Duration,
    pub refresh_ttl: Duration,
    pub alg: Option<Alg>,
    pub allow_weak_secret: bool,
}

/// What the operator chose about signing, applied again to every reloaded key set.
#[derive(Clone, Copy)]
struct Choice {
    alg: Option<Alg>,
    allow_weak_secret: bool,
}

/// One version of the keys: the signer, the header it puts on tokens, the keys that verify
/// and the JWKS that publishes them.
pub struct Signing {
    pub alg: Alg,
    signer: Signer,
    header: Map<String, Value>,
    keys: KeySet,
    algs: Vec<Alg>,
    /// The published JWKS: the public half of every asymmetric key; empty for secrets.
    pub jwks: Value,
}

impl Signing {
    /// The first key signs; every key verifies and has its public half published, so a key
    /// being rotated out keeps its tokens valid until they expire.
    fn new(keys: Vec<Key>, choice: Choice) -> Result<Signing, KeyError> {
        let first = keys.first().expect("at least one key");
        let alg = choice.alg.unwrap_or_else(|| first.default_alg());
        let signer = first.signer(alg, choice.allow_weak_secret)?;
        let mut algs = vec![alg];
        let mut entries = Vec::new();
        let mut keys = keys;
        for (i, key) in keys.iter_mut().enumerate() {
            let key_alg = if i == 0 { alg } else { key.default_alg() };
            // Fails early for a key that cannot verify its own algorithm (a JWK limited to
            // another alg, an RSA key too weak): better at start-up than on the first request.
            key.verifier(key_alg)?;
            if !algs.contains(&key_alg) {
                algs.push(key_alg);
            }
            if let Some(public) = key.public() {
                let jwk = public.to_jwk();
                let kid = match &key.kid {
                    Some(k) => k.clone(),
                    None => jwk.thumbprint()?,
                };
                key.kid = Some(kid.clone());
                entries.push((jwk, kid, key_alg.name().to_string()));
            }
        }
        let mut header = Map::new();
        header.insert("alg".into(), json!(alg.name()));
        header.insert("typ".into(), json!("JWT"));
        if let Some(kid) = &keys[0].kid {
            header.insert("kid".into(), json!(kid));
        }
        let is_set = keys.len() > 1;
        Ok(Signing {
            alg,
            signer,
            header,
            keys: if is_set {
                KeySet::jwks(keys)
            } else {
                KeySet::single(keys.into_iter().next().expect("one key"))
            },
            algs,
            jwks: crate::jwks::document(&entries),
        })
    }

    pub fn kid(&self) -> Option<&str> {
        self.header.get("kid").and_then(Value::as_str)
    }
}

impl Minter {
    pub fn new(keys: Vec<Key>, s: Settings) -> Result<Minter, KeyError> {
        let choice = Choice {
            alg: s.alg,
            allow_weak_secret: s.allow_weak_secret,
        };
        let signing = Signing::new(keys, choice)?;
        Ok(Minter {
            issuer: s.issuer,
            aud: s.aud,
            ttl: s.ttl,
            refresh_ttl: s.refresh_ttl,
            alg: signing.alg,
            choice,
            current: RwLock::new(Arc::new(signing)),
            live: None,
        })
    }

    /// Reloads the keys from `live` whenever its key set changes on disk.
    pub fn watch(mut self, live: LiveKeys) -> Minter {
        self.live = Some(live);
        self
    }

    /// The keys in service, reloaded first if the watched key set changed. A version that
    /// cannot sign is reported once and the previous keys stay in service.
    pub fn signing(&self) -> Arc<Signing> {
        let current = || {
            self.current
                .read()
                .unwrap_or_else(PoisonError::into_inner)
                .clone()
        };
        let Some(live) = &self.live else {
            return current();
        };
        live.refresh(
            |keys| Signing::new(keys, self.choice).map_err(|e| e.to_string()),
            |signing| {
                live.stderr.note(&format!(
                    "reloaded {}: signing with {}{}",
                    live.path.display(),
                    signing.alg,
                    signing
                        .kid()
                        .map(|k| format!(" kid {k}"))
                        .unwrap_or_default()
                ));
                *self.current.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(signing);
            },
        );
        current()
    }

    /// The published JWKS of the keys in service.
    pub fn jwks(&self) -> Value {
        self.signing().jwks.clone()
    }

    /// An access token for `user` granting `scopes`.
    pub fn access_token(
        &self,
        user: &User,
        scopes: &[String],
        now: Timestamp,
    ) -> crate::error::Result<String> {
        self.access_token_for(user, scopes, self.ttl, now)
    }

    fn access_token_for(
        &self,
        user: &User,
        scopes: &[String],
        ttl: Duration,
        now: Timestamp,
    ) -> crate::error::Result<String> {
        let mut c = self.base(&user.name, ttl, now)?;
        match self.aud.len() {
            0 => {}
            1 => c.set("aud", json!(self.aud[0])),
            _ => c.set("aud", json!(self.aud)),
        }
        if !scopes.is_empty() {
            c.set("scope", json!(scopes.join(" ")));
        }
        for (k, v) in &user.claims {
            if !crate::claims::is_reserved(k) {
                c.set(k, v.clone());
            }
        }
        let signing = self.signing();
        crate::mint::sign(&signing.signer, &signing.header, &c.map)
    }

    /// An access token for a client of the `client_credentials` grant: `sub` and `client_id`
    /// are the client's name (RFC 9068 §2.2), its claims as a user's, its lifetime its own
    /// `ttl` when it has one.
    pub fn client_token(
        &self,
        client: &Client,
        scopes: &[String],
        now: Timestamp,
    ) -> crate::error::Result<String> {
        let mut login = client.as_login();
        login.claims.insert("client_id".into(), json!(client.name));
        self.access_token_for(&login, scopes, self.client_ttl(client), now)
    }

    /// How long a client's tokens live.
    pub fn client_ttl(&self, client: &Client) -> Duration {
        client.ttl.unwrap_or(self.ttl)
    }

    /// A refresh token: only good at `/token` (`token_use: "refresh"`), never as a bearer token.
    pub fn refresh_token(
        &self,
        sub: &str,
        scopes: &[String],
        now: Timestamp,
    ) -> crate::error::Result<String> {
        let mut c = self.base(sub, self.refresh_ttl, now)?;
        c.set("token_use", json!("refresh"));
        if !scopes.is_empty() {
            c.set("scope", json!(scopes.join(" ")));
        }
        let signing = self.signing();
        crate::mint::sign(&signing.signer, &signing.header, &c.map)
    }

    fn base(
        &self,
        sub: &str,
        ttl: Duration,
        now: Timestamp,
    ) -> crate::error::Result<crate::claims::NewClaims> {
        let mut c = crate::claims::NewClaims::new(now, ttl);
        c.set("iss", json!(self.issuer));
        c.set("sub", json!(sub));
        c.set("jti", json!(crate::mint::random_id()?));
        Ok(c)
    }

    /// Checks a token this server issued: signature by one of its keys, its algorithm, issuer,
    /// audience, lifetime and use. The error is the most fundamental failure, for the client.
    pub fn check(
        &self,
        text: &str,
        token_use: TokenUse,
        now: Timestamp,
    ) -> Result<Map<String, Value>, String> {
        let token = Token::parse(text).map_err(|e| format!("malformed token: {e}"))?;
        let signing = self.signing();
        let policy = Policy {
            algs: signing.algs.clone(),
            // The server judges its own tokens with its own clock: no skew to allow for.
            leeway: 0,
            iss: Some(self.issuer.clone()),
            aud: if token_use == TokenUse::Access {
                self.aud.clone()
            } else {
                Vec::new()
            },
            require: vec!["exp".into(), "sub".into()],
            token_use: Some(token_use),
            ..Policy::default()
        };
        let report = checks::verify(&token, &signing.keys, &policy, now);
        let worst = report.exit_code();
        if worst != ExitCode::Ok {
            let f = report
                .failures
                .iter()
                .find(|f| f.failure.code == worst)
                .expect("the worst code comes from a failure");
            return Err(f.failure.message.clone());
        }
        match token.payload {
            crate::token::Payload::Claims(m) => match m.get("sub") {
                Some(Value::String(_)) => Ok(m),
                _ => Err("\"sub\" is not a string".into()),
            },
            crate::token::Payload::Other { .. } => Err("not a JWT".into()),
        }
    }
}
