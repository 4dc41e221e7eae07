//! The page's API: `inspect` (what `decode` and `lint` say), `verify` (what `verify` says, from
//! the same policy and checks) and `sign` (an edited token signed again with a pasted key).
//!
//! The page is a front end of `jwtctl verify` and `decode`, not a second implementation: its
//! options field is parsed by the verify command's own clap definition, resolved by that
//! command's `policy` and `load_key_set`, and its answers are that command's JSON objects
//! (`ReportJson`, `decoded_json`) with a few fields added. That dependency on the commands is
//! on purpose: a verdict on the page is byte for byte the verdict of the command it shows.
//! Everything else (checks, keys, lint) comes from the core, as for the commands.
//!
//! Keys and secrets arrive in request bodies. They are used for the one request, wiped when
//! it is done, and never written to a log or put in an answer: answers name a key only by
//! where it came from ("the pasted secret").

use std::path::PathBuf;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use zeroize::Zeroize;

use crate::checks::KeySet;
use crate::cli::{Cli, Command, VerifyArgs};
use crate::commands::verify::ReportJson;
use crate::diagnostics::{Linter, LONG_LIFETIME};
use crate::error::{ExitCode, Failure};
use crate::keys::{Jwk, Key, KeyError, Material, Secret, Usage};
use crate::token::{normalize, Token};
use crate::warning::Warnings;

/// An answer the page shows as an error: what `jwtctl` would print on stderr, and its exit code.
struct ApiError {
    status: StatusCode,
    code: ExitCode,
    message: String,
    hint: Option<String>,
}

impl ApiError {
    fn from_error(err: &crate::error::Error) -> ApiError {
        let code = err.exit_code();
        ApiError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            code,
            message: err.message().unwrap_or_else(|| code.meaning().to_string()),
            hint: err.hint(),
        }
    }

    fn request(status: StatusCode, message: String) -> ApiError {
        ApiError {
            status,
            code: ExitCode::Usage,
            message,
            hint: Some("reload the page; it sends what the API expects".into()),
        }
    }
}

impl<E: Into<crate::error::Error>> From<E> for ApiError {
    fn from(e: E) -> ApiError {
        ApiError::from_error(&e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({"error": {
            "message": self.message,
            "hint": self.hint,
            "exit_code": self.code.code(),
            "meaning": self.code.meaning(),
        }});
        (self.status, axum::Json(body)).into_response()
    }
}

/// Reads a JSON body, turning a body over the limit into 413 and bad JSON into 400. The body
/// may hold a secret: the request's own copy is wiped once parsed.
fn read<T: serde::de::DeserializeOwned>(
    body: Result<Bytes, BytesRejection>,
) -> Result<T, ApiError> {
    let body =
        body.map_err(|e| ApiError::request(e.status(), format!("cannot read the request: {e}")))?;
    let parsed = serde_json::from_slice(&body).map_err(|e| {
        // serde's message can quote the text it choked on, which may be the secret.
        let what = if e.is_data() { "fields" } else { "JSON" };
        ApiError::request(
            StatusCode::BAD_REQUEST,
            format!(
                "the request's {what} are not what the API takes (line {}, column {})",
                e.line(),
                e.column()
            ),
        )
    });
    if let Ok(mut owned) = body.try_into_mut() {
        owned[..].zeroize();
    }
    parsed
}

fn answer(result: Result<Value, ApiError>) -> Response {
    match result {
        Ok(v) => axum::Json(v).into_response(),
        Err(e) => e.into_response(),
    }
}

/// Runs the work on the blocking pool: key parsing, RSA checks and key-set fetches block.
async fn blocking(work: impl FnOnce() -> Result<Value, ApiError> + Send + 'static) -> Response {
    answer(tokio::task::spawn_blocking(work).await.unwrap_or_else(|e| {
        Err(ApiError::from(Failure::runtime(format!(
            "the request failed: {e}"
        ))))
    }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InspectRequest {
    input: String,
}

pub async fn inspect(body: Result<Bytes, BytesRejection>) -> Response {
    let req: InspectRequest = match read(body) {
        Ok(r) => r,
        Err(e) => return e.into_response(),
    };
    blocking(move || inspect_input(&req.input, jiff::Timestamp::now().as_second())).await
}

/// What the page shows before any key: the token's parts, what `decode --output json` prints,
/// and what `lint` finds without a key (a well-known HMAC secret included).
fn inspect_input(input: &str, now: i64) -> Result<Value, ApiError> {
    let found = extract(input)?;
    let token = Token::parse(&found.token)?;
    let findings = Linter::new(now, LONG_LIFETIME, None, None).lint(&token);
    let decoded = crate::diagnostics::findings(&token, now, LONG_LIFETIME);
    let mut out = crate::commands::decode::decoded_json(&token, &decoded, now);
    let parts: Vec<&str> = token.as_str().split('.').collect();
    let o = out.as_object_mut().expect("decoded JSON is an object");
    o.insert("source".into(), json!(found.source));
    o.insert("token".into(), json!(token.as_str()));
    o.insert("parts".into(), json!(parts));
    o.insert("others".into(), json!(found.others));
    o.insert("findings".into(), json!(findings));
    o.insert("now".into(), json!(now));
    Ok(out)
}

/// A token found in pasted text, and where it was found.
#[derive(Debug, PartialEq)]
struct Found {
    token: String,
    source: String,
    /// Other tokens of a token response (a refresh or ID token), by field name.
    others: Vec<(String, String)>,
}

/// Finds the token in what people paste: a token, `Bearer …`, an `Authorization:` header line
/// (alone or among a request's other lines), a quoted token, or an OAuth2 token response.
fn extract(input: &str) -> Result<Found, Failure> {
    let text = input.trim();
    if text.is_empty() {
        return Err(Failure::new(ExitCode::Malformed, "nothing to decode")
            .hint("paste a token, an Authorization header line or a /token response"));
    }
    if text.starts_with('{') {
        let doc: Value = serde_json::from_str(text).map_err(|e| {
            Failure::new(
                ExitCode::Malformed,
                format!("the pasted JSON does not parse: {e}"),
            )
            .hint("paste the whole /token response, or just the token")
        })?;
        let mut tokens = ["access_token", "id_token", "refresh_token"]
            .into_iter()
            .filter_map(|f| Some((f.to_string(), doc.get(f)?.as_str()?.to_string())));
        let Some((field, token)) = tokens.next() else {
            return Err(Failure::new(
                ExitCode::Malformed,
                "the pasted JSON has no access_token, id_token or refresh_token",
            )
            .hint("paste an OAuth2 token response, or just the token"));
        };
        return Ok(Found {
            token,
            source: format!("{field} of a token response"),
            others: tokens.collect(),
        });
    }
    let header_line = text
        .lines()
        .map(str::trim)
        .find(|l| l.len() > 14 && l[..14].eq_ignore_ascii_case("authorization:"));
    let (line, source) = match header_line {
        Some(l) => (l, "an Authorization header"),
        None => (text, "the pasted text"),
    };
    let token = normalize(line).trim_matches(['"', '\'']);
    let source = if header_line.is_none() && token.len() != text.len() {
        "a Bearer credential"
    } else if header_line.is_none() {
        "a token"
    } else {
        source
    };
    Ok(Found {
        token: token.to_string(),
        source: source.to_string(),
        others: Vec::new(),
    })
}

/// Key text from a form: wiped from memory when the request is done.
#[derive(Deserialize, Default)]
#[serde(transparent)]
struct Wiped(String);

impl Drop for Wiped {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl std::ops::Deref for Wiped {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

/// The verification form. Text fields are as typed: empty means "not given".
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct VerifyRequest {
    input: String,
    /// An HMAC secret, or a PEM key, JWK or JWKS, told apart by their content.
    key: Wiped,
    /// The secret is base64 or base64url (`--secret-base64`).
    key_base64: bool,
    /// A JWKS URL (`--jwks`) or, with `oidc`, an OpenID Connect issuer (`--oidc`).
    url: String,
    oidc: bool,
    allow_http: bool,
    alg: String,
    iss: String,
    aud: String,
    ignore_aud: bool,
    sub: String,
    scope: String,
    require: String,
    token_use: String,
    leeway: String,
    at: String,
}

pub async fn verify(body: Result<Bytes, BytesRejection>) -> Response {
    let req: VerifyRequest = match read(body) {
        Ok(r) => r,
        Err(e) => return e.into_response(),
    };
    blocking(move || verify_request(&req, jiff::Timestamp::now())).await
}

/// Parses the form's options as `jwtctl verify` parses its flags, so they have the same
/// defaults, value syntax and errors; the key is the one part that is not a flag.
fn verify_args(req: &VerifyRequest) -> Result<(VerifyArgs, Vec<String>), ApiError> {
    let mut argv: Vec<String> = vec!["jwtctl".into(), "verify".into()];
    let mut flag = |name: &str, value: &str| {
        argv.push(format!("--{name}"));
        argv.push(value.to_string());
    };
    let list = |s: &str| -> Vec<String> {
        s.split([' ', ',', '\n', '\t'])
            .filter(|x| !x.is_empty())
            .map(String::from)
            .collect()
    };
    for a in list(&req.alg) {
        flag("alg", &a);
    }
    for (name, value) in [
        ("iss", &req.iss),
        ("sub", &req.sub),
        ("token-use", &req.token_use),
        ("leeway", &req.leeway),
        ("at", &req.at),
    ] {
        if !value.trim().is_empty() {
            flag(name, value.trim());
        }
    }
    for a in list(&req.aud) {
        flag("aud", &a);
    }
    for r in list(&req.require) {
        flag("require", &r);
    }
    if !req.scope.trim().is_empty() {
        flag("scope", req.scope.trim());
    }
    let url = req.url.trim();
    if !url.is_empty() {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return Err(ApiError::from(
                Failure::usage(format!("{url:?} is not an http(s) URL"))
                    .hint("give the JWKS URL, or the OpenID Connect issuer URL with \"issuer\" ticked; paste a key file's content instead"),
            ));
        }
        flag(if req.oidc { "oidc" } else { "jwks" }, url);
        if req.allow_http {
            argv.push("--allow-http".into());
        }
    }
    if req.ignore_aud {
        argv.push("--ignore-aud".into());
    }
    if req.key_base64 {
        argv.push("--secret-base64".into());
    }
    argv.push("--".into());
    argv.push("TOKEN".into());
    use clap::Parser;
    match Cli::try_parse_from(&argv) {
        Ok(Cli {
            command: Command::Verify(args),
            ..
        }) => Ok((args, argv)),
        Ok(_) => unreachable!("the first argument is verify"),
        Err(e) => {
            let text = e.render().to_string();
            let first = text.lines().next().unwrap_or("invalid option");
            Err(ApiError::from(
                Failure::usage(first.strip_prefix("error: ").unwrap_or(first).to_string())
                    .hint("correct the option; it takes what the same `jwtctl verify` flag takes"),
            ))
        }
    }
}

fn verify_request(req: &VerifyRequest, now: jiff::Timestamp) -> Result<Value, ApiError> {
    let found = extract(&req.input)?;
    let token = Token::parse(&found.token)?;
    let (args, argv) = verify_args(req)?;
    // What loading the keys warns about is shown first among the report's warnings, as
    // `verify` shows it.
    let mut loaded = Warnings::new();
    let keys = if args.jwks.is_some() || args.oidc.is_some() {
        crate::commands::verify::load_key_set(&args, token.kid(), &mut loaded)?
            .expect("--jwks or --oidc names a key set")
    } else if !req.key.trim().is_empty() {
        key_set(&req.key, req.key_base64, &mut loaded)?
    } else {
        return Err(ApiError::from(
            Failure::usage("no key to verify with")
                .hint("paste the HMAC secret or the public key (PEM, JWK or JWKS), or give a JWKS or issuer URL"),
        ));
    };
    let policy = crate::commands::verify::policy(&args);
    let now = args.at.unwrap_or(now);
    let mut report = crate::checks::verify(&token, &keys, &policy, now);
    report.warnings.splice(0..0, loaded);
    let findings = Linter::new(
        now.as_second(),
        LONG_LIFETIME,
        keys.keys.first().filter(|_| !keys.is_jwks),
        None,
    )
    .lint(&token);
    let code = report.exit_code();
    let mut out = serde_json::to_value(ReportJson::new(&token, &report, 1))?;
    let o = out.as_object_mut().expect("a report is an object");
    o.insert("meaning".into(), json!(code.meaning()));
    o.insert("findings".into(), json!(findings));
    o.insert("command".into(), json!(command_line(&argv, req)));
    Ok(out)
}

/// The `jwtctl verify` command that gives the same verdict, for the page to show. The key is
/// named, never included: a secret in a command line ends up in shell history.
fn command_line(argv: &[String], req: &VerifyRequest) -> String {
    let quote = |s: &str| {
        if s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.:/=@,+".contains(&b))
        {
            s.to_string()
        } else {
            format!("'{}'", s.replace('\'', r"'\''"))
        }
    };
    let mut words: Vec<String> = argv[..argv.len() - 2].iter().map(|s| quote(s)).collect();
    if req.url.trim().is_empty() {
        let t = req.key.trim_start();
        if t.starts_with('{') || t.starts_with("-----BEGIN") {
            words.push(
                if t.contains("\"keys\"") {
                    "--jwks KEYS.json"
                } else {
                    "--key KEY_FILE"
                }
                .into(),
            );
        } else {
            words.push("--secret-env JWTCTL_SECRET".into());
        }
    }
    words.push("\"$TOKEN\"".into());
    words.join(" ")
}

/// The pasted key material: a JWKS, a JWK or a PEM key by their content, else an HMAC secret
/// (a PEM or JSON key never becomes a secret: that is the key-confusion attack).
fn key_set(text: &str, base64: bool, warnings: &mut Warnings) -> Result<KeySet, ApiError> {
    let t = text.trim();
    if t.starts_with('{') {
        let doc = crate::token::parse_strict(t.as_bytes()).map_err(|e| {
            KeyError::Jwk(format!(
                "the pasted key looks like JSON but does not parse ({e})"
            ))
        })?;
        if doc.get("keys").is_some() {
            let keys = crate::jwks::from_document(t.as_bytes(), "the pasted JWKS", warnings)?;
            return Ok(KeySet::jwks(keys));
        }
        let jwk: Jwk = serde_json::from_value(doc).map_err(|e| KeyError::Jwk(e.to_string()))?;
        let mut key = jwk.to_key()?;
        key.source = "the pasted JWK".into();
        return Ok(KeySet::single(key));
    }
    if t.starts_with("-----BEGIN") {
        let path = PathBuf::from("the pasted key");
        let material = crate::keys::material_from_content(t.as_bytes(), &path, None, warnings)?;
        return Ok(KeySet::single(Key {
            material,
            kid: None,
            usage: Usage::default(),
            source: "the pasted key".into(),
        }));
    }
    // A textarea keeps the newline a copied file ends with; --secret-file drops it too.
    let raw = text
        .strip_suffix('\n')
        .map(|s| s.strip_suffix('\r').unwrap_or(s))
        .unwrap_or(text);
    let secret = if base64 {
        Secret::from_base64(raw)?
    } else {
        Secret::new(raw.as_bytes().to_vec())?
    };
    Ok(KeySet::single(Key {
        material: Material::Secret(secret),
        kid: None,
        usage: Usage::default(),
        source: "the pasted secret".into(),
    }))
}

/// An edited header and payload to sign with a pasted key.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct SignRequest {
    header: String,
    payload: String,
    key: Wiped,
    key_base64: bool,
}

pub async fn sign(body: Result<Bytes, BytesRejection>) -> Response {
    let req: SignRequest = match read(body) {
        Ok(r) => r,
        Err(e) => return e.into_response(),
    };
    blocking(move || sign_request(&req)).await
}

/// Signs with the header's `alg`, with the checks `jwtctl issue` makes (no weak secrets, no
/// public key as a secret); the answer is the new token and what `inspect` says of it.
fn sign_request(req: &SignRequest) -> Result<Value, ApiError> {
    let object = |text: &str, what: &str| -> Result<Map<String, Value>, ApiError> {
        match crate::token::parse_strict(text.as_bytes()) {
            Ok(Value::Object(m)) => Ok(m),
            Ok(_) => Err(ApiError::from(
                Failure::new(
                    ExitCode::Malformed,
                    format!("the {what} is not a JSON object"),
                )
                .hint(format!("the {what} is one JSON object: {{ ... }}")),
            )),
            Err(e) => Err(ApiError::from(
                Failure::new(ExitCode::Malformed, format!("the {what} is not JSON: {e}"))
                    .hint(format!("correct the {what}'s JSON")),
            )),
        }
    };
    let header = object(&req.header, "header")?;
    let payload = object(&req.payload, "payload")?;
    if req.key.trim().is_empty() {
        return Err(ApiError::from(
            Failure::usage("no key to sign with")
                .hint("paste the HMAC secret or the private key (PEM or JWK)"),
        ));
    }
    let mut keys = key_set(&req.key, req.key_base64, &mut Warnings::new())?;
    if keys.is_jwks || keys.keys.len() != 1 {
        return Err(ApiError::from(
            Failure::usage("a key set cannot sign; paste one private key")
                .hint("paste the HMAC secret, or a private key as PEM or JWK"),
        ));
    }
    let key = keys.keys.remove(0);
    let alg = match header.get("alg").and_then(Value::as_str) {
        Some(a) => a.parse::<crate::alg::Alg>().map_err(|e| {
            ApiError::from(Failure::usage(format!("cannot sign: {e}")).hint(format!(
                "set \"alg\" in the header to one of {}",
                crate::alg::Alg::ALL.map(|a| a.name()).join(", ")
            )))
        })?,
        None => key.default_alg(),
    };
    let mut header = header;
    header.insert("alg".into(), json!(alg.name()));
    let signer = key.signer(alg, false)?;
    let token = crate::mint::sign(&signer, &header, &payload)?;
    inspect_input(&token, jiff::Timestamp::now().as_second())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_meaning_is_the_one_verify_help_gives() {
        use clap::CommandFactory;
        let mut cli = Cli::command();
        let help = cli
            .find_subcommand_mut("verify")
            .unwrap()
            .render_long_help()
            .to_string();
        use ExitCode::*;
        for code in [
            Ok,
            Runtime,
            Usage,
            Malformed,
            Signature,
            Expired,
            Claims,
            Auth,
            NoSuchUser,
            UserExists,
            NoUsersFile,
        ] {
            let line = format!("{:>3}  {}", code.code(), code.meaning());
            assert!(help.contains(&line), "{line:?} is not in verify --help");
        }
    }

    #[test]
    fn tokens_are_found_where_people_copy_them_from() {
        let t = "eyJhbGciOiJIUzI1NiJ9.e30.c2ln";
        let found = |s: &str| extract(s).unwrap();
        assert_eq!(found(t).token, t);
        assert_eq!(found(t).source, "a token");
        assert_eq!(
            found(&format!("  Bearer {t}\n")).source,
            "a Bearer credential"
        );
        let req = format!("GET /me HTTP/1.1\nHost: api\nAuthorization: Bearer {t}\n");
        assert_eq!(found(&req).token, t);
        assert_eq!(found(&req).source, "an Authorization header");
        assert_eq!(found(&format!("\"{t}\"")).token, t);
        let resp =
            format!(r#"{{"access_token":"{t}","token_type":"bearer","refresh_token":"r.e.f"}}"#);
        let f = found(&resp);
        assert_eq!(
            (f.token.as_str(), f.source.as_str()),
            (t, "access_token of a token response")
        );
        assert_eq!(
            f.others,
            vec![("refresh_token".to_string(), "r.e.f".to_string())]
        );
        assert!(extract("{\"token_type\":\"bearer\"}").is_err());
        assert!(extract("  ").is_err());
    }
}
