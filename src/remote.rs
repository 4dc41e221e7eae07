//! Remote key sets: fetching a JWKS over HTTPS (or OIDC discovery), with a disk cache that
//! honours Cache-Control, so verification keeps working when the issuer is briefly away.

use std::path::PathBuf;
#[cfg(feature = "remote")]
use std::sync::Arc;
#[cfg(feature = "remote")]
use std::time::Duration;

use aws_lc_rs::digest;
use serde::{Deserialize, Serialize};

use crate::error::Failure;
use crate::warning::{Level, Warning, Warnings};

/// A key set is a few KiB; anything much larger is not a key set.
#[cfg(feature = "remote")]
const MAX_BODY: u64 = 1024 * 1024;
#[cfg(feature = "remote")]
const TIMEOUT: Duration = Duration::from_secs(10);
/// Freshness when the server sends no Cache-Control: short, so rotations are seen soon.
#[cfg(feature = "remote")]
const DEFAULT_MAX_AGE: u64 = 300;
/// The longest a server's `max-age` is honoured: a key removed from the set stops being
/// trusted within a day, whatever the server said.
pub const MAX_MAX_AGE: u64 = 24 * 3600;
/// How long past its expiry a cached copy may stand in for a server that is down (network
/// error or HTTP 5xx); never for a 4xx, which is an answer.
pub const MAX_STALE: i64 = 24 * 3600;
/// Redirects followed, never from https:// to http://.
#[cfg(feature = "remote")]
const MAX_REDIRECTS: u32 = 3;

/// Why a fetch failed: whether a stale copy may stand in depends on it.
struct FetchError {
    failure: Failure,
    /// The server is unreachable or failing (network error, HTTP 5xx), not answering "no".
    transient: bool,
}

#[derive(Debug, Clone)]
pub struct Fetcher {
    pub allow_http: bool,
    pub cache_dir: Option<PathBuf>,
    pub roots: Roots,
}

/// The certificate authorities a key set's server is checked against.
#[derive(Debug, Clone, Default)]
pub enum Roots {
    /// Mozilla's roots as bundled in the binary (webpki-roots): the same on every machine, and
    /// not widened by whatever a machine's store was given.
    #[default]
    Bundled,
    /// The operating system's verifier and store (`--system-roots`).
    System,
    /// Only these CAs, DER, from a `--ca-file` (as curl's `--cacert`).
    File { path: PathBuf, certs: Vec<Vec<u8>> },
}

impl Roots {
    /// The CA certificates of a PEM file; a file without one is refused, so a wrong file does
    /// not fail later as an unexplained TLS error.
    pub fn from_file(path: &std::path::Path) -> Result<Roots, Failure> {
        use x509_cert::der::Decode;
        let refuse = |why: String| {
            Failure::runtime(format!("--ca-file {}: {why}", path.display()))
                .hint("give a PEM file of CA certificates (-----BEGIN CERTIFICATE-----), e.g. your CA's ca.pem")
        };
        let text = std::fs::read(path).map_err(|e| refuse(format!("cannot read it: {e}")))?;
        let blocks = pem::parse_many(&text).map_err(|e| refuse(format!("bad PEM ({e})")))?;
        let mut certs = Vec::new();
        for (i, block) in blocks.into_iter().enumerate() {
            if block.tag() != "CERTIFICATE" {
                continue;
            }
            x509_cert::Certificate::from_der(block.contents()).map_err(|e| {
                refuse(format!(
                    "block {} does not parse as a certificate ({e})",
                    i + 1
                ))
            })?;
            certs.push(block.into_contents());
        }
        if certs.is_empty() {
            return Err(refuse("it holds no certificate".into()));
        }
        Ok(Roots::File {
            path: path.to_path_buf(),
            certs,
        })
    }
}

#[derive(Serialize, Deserialize)]
struct CacheEntry {
    url: String,
    fetched_at: i64,
    max_age: u64,
    body: String,
}

/// Where a key set came from, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Network,
    FreshCache,
    StaleCache,
}

impl Fetcher {
    pub fn from_env(allow_http: bool, roots: Roots) -> Fetcher {
        let cache_dir = std::env::var_os("JWTCTL_CACHE_DIR")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("jwtctl")))
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/jwtctl")));
        Fetcher {
            allow_http,
            cache_dir,
            roots,
        }
    }

    fn check_scheme(&self, url: &str) -> Result<(), Failure> {
        if url.starts_with("https://") {
            return Ok(());
        }
        if url.starts_with("http://") {
            if self.allow_http {
                return Ok(());
            }
            return Err(Failure::usage(format!("refusing to fetch keys over plain HTTP: {url}"))
                .hint("anyone on the path could swap the keys; use https://, or pass --allow-http for a local test server"));
        }
        Err(Failure::usage(format!("{url} is not an http(s) URL")))
    }

    #[cfg(feature = "remote")]
    fn agent(&self, https_only: bool) -> ureq::Agent {
        use ureq::tls::{Certificate, RootCerts};
        let roots = match &self.roots {
            Roots::Bundled => RootCerts::WebPki,
            Roots::System => RootCerts::PlatformVerifier,
            Roots::File { certs, .. } => RootCerts::new_with_certs(
                &certs
                    .iter()
                    .map(|c| Certificate::from_der(c).to_owned())
                    .collect::<Vec<_>>(),
            ),
        };
        let tls = ureq::tls::TlsConfig::builder()
            .unversioned_rustls_crypto_provider(Arc::new(
                rustls::crypto::aws_lc_rs::default_provider(),
            ))
            .root_certs(roots)
            .build();
        ureq::Agent::config_builder()
            .timeout_global(Some(TIMEOUT))
            .http_status_as_error(false)
            // An https:// URL stays https:// through redirects: a downgrade would let anyone
            // on the path swap the keys.
            .https_only(https_only)
            .max_redirects(MAX_REDIRECTS)
            .tls_config(tls)
            .user_agent(concat!("jwtctl/", env!("CARGO_PKG_VERSION")))
            .build()
            .new_agent()
    }

    /// Without the HTTP client only the cache answers.
    #[cfg(not(feature = "remote"))]
    fn get(&self, url: &str) -> Result<(String, u64), FetchError> {
        self.check_scheme(url).map_err(|failure| FetchError {
            failure,
            transient: false,
        })?;
        Err(FetchError {
            failure: Failure::usage(format!(
                "cannot fetch {url}: this jwtctl was built without the `remote` feature"
            ))
            .hint("download the key set and pass the file (--jwks jwks.json), or rebuild with the default features: cargo install --path ."),
            transient: false,
        })
    }

    /// GETs a URL: the body and the max-age the server allows caching it for (0: no-store).
    #[cfg(feature = "remote")]
    fn get(&self, url: &str) -> Result<(String, u64), FetchError> {
        let fatal = |failure| FetchError {
            failure,
            transient: false,
        };
        self.check_scheme(url).map_err(fatal)?;
        let mut resp = self
            .agent(url.starts_with("https://"))
            .get(url)
            .call()
            .map_err(|e| {
                let transient = !matches!(
                    e,
                    ureq::Error::RequireHttpsOnly(_) | ureq::Error::TooManyRedirects
                );
                let hint = match e {
                    _ if certificate_refused(&e) => untrusted_hint(&self.roots),
                    ureq::Error::RequireHttpsOnly(_) => {
                        "the server redirected an https:// URL to plain http://, which is never followed"
                    }
                    ureq::Error::TooManyRedirects => "jwtctl follows at most 3 redirects; pass the final URL",
                    _ => "check the URL and the network; a cached copy is used when there is one",
                };
                FetchError {
                    failure: Failure::runtime(format!("cannot fetch {url}: {e}")).hint(hint),
                    transient,
                }
            })?;
        let status = resp.status();
        if !status.is_success() {
            return Err(FetchError {
                failure: Failure::runtime(format!("fetching {url} answered HTTP {status}"))
                    .hint("check the URL; for OIDC pass the issuer, e.g. https://auth.example.com/realms/main"),
                transient: status.is_server_error(),
            });
        }
        let max_age = resp
            .headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok())
            .map(parse_max_age)
            .unwrap_or(DEFAULT_MAX_AGE)
            .min(MAX_MAX_AGE);
        let body = resp
            .body_mut()
            .with_config()
            .limit(MAX_BODY)
            .read_to_string()
            .map_err(|e| FetchError {
                failure: Failure::runtime(format!("cannot read the answer from {url}: {e}")),
                transient: true,
            })?;
        Ok((body, max_age))
    }

    fn cache_path(&self, url: &str) -> Option<PathBuf> {
        let d = digest::digest(&digest::SHA256, url.as_bytes());
        let name: String = d.as_ref()[..16]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        self.cache_dir
            .as_ref()
            .map(|dir| dir.join(format!("jwks-{name}.json")))
    }

    fn read_cache(&self, url: &str) -> Option<CacheEntry> {
        let bytes = std::fs::read(self.cache_path(url)?).ok()?;
        let entry: CacheEntry = serde_json::from_slice(&bytes).ok()?;
        (entry.url == url).then_some(entry)
    }

    fn write_cache(&self, url: &str, body: &str, max_age: u64) {
        let (Some(path), Some(dir)) = (self.cache_path(url), self.cache_dir.as_ref()) else {
            return;
        };
        let entry = CacheEntry {
            url: url.to_string(),
            fetched_at: jiff::Timestamp::now().as_second(),
            max_age,
            body: body.to_string(),
        };
        // The cache is an optimisation: failing to write it must not fail verification.
        let _ = std::fs::create_dir_all(dir).and_then(|_| {
            let tmp = tempfile::NamedTempFile::new_in(dir)?;
            serde_json::to_writer(&tmp, &entry)?;
            tmp.persist(&path).map_err(|e| e.error)?;
            Ok(())
        });
    }

    /// The document at `url` (a key set, a discovery document): from a fresh cache entry, else
    /// the network, else an entry expired less than [`MAX_STALE`] ago when the server is down.
    /// `force` skips a fresh cache entry (a token named a kid the cached set lacks).
    pub fn jwks(
        &self,
        url: &str,
        force: bool,
        warnings: &mut Warnings,
    ) -> Result<(String, Origin), Failure> {
        self.check_scheme(url)?;
        let cached = self.read_cache(url);
        if let Some(c) = &cached {
            let age = jiff::Timestamp::now().as_second() - c.fetched_at;
            if !force && age >= 0 && (age as u64) < c.max_age {
                return Ok((c.body.clone(), Origin::FreshCache));
            }
        }
        match self.get(url) {
            Ok((body, max_age)) => {
                if max_age > 0 {
                    self.write_cache(url, &body, max_age);
                }
                Ok((body, Origin::Network))
            }
            Err(e) => {
                let now = jiff::Timestamp::now().as_second();
                let usable = cached.filter(|c| {
                    let expired_for = now - c.fetched_at - c.max_age as i64;
                    e.transient && expired_for < MAX_STALE
                });
                match usable {
                    Some(c) => {
                        warnings.push(Warning::new(
                            Level::Low,
                            "jwks-stale-cache",
                            format!(
                                "{}; using the copy of {url} fetched {} (stale: it expired {}, and \
                                 is used for at most {} h past that while the server is down)",
                                e.failure,
                                crate::time_text::relative(c.fetched_at - now),
                                crate::time_text::relative(c.fetched_at + c.max_age as i64 - now),
                                MAX_STALE / 3600
                            ),
                        ));
                        Ok((c.body, Origin::StaleCache))
                    }
                    None => Err(e.failure),
                }
            }
        }
    }

    /// The `jwks_uri` of an OpenID Connect issuer, from its discovery document (cached like a
    /// key set). The document must name the issuer it was asked for (OpenID Connect
    /// Discovery 4.3), or a server could vouch for keys of an issuer it is not.
    pub fn discover(&self, issuer: &str, warnings: &mut Warnings) -> Result<String, Failure> {
        let url = format!(
            "{}/.well-known/openid-configuration",
            issuer.trim_end_matches('/')
        );
        let (body, _) = self.jwks(&url, false, warnings)?;
        let doc: serde_json::Value = serde_json::from_str(&body).map_err(|e| {
            Failure::runtime(format!("{url} is not JSON: {e}"))
                .hint("pass the issuer URL itself, without /.well-known/...")
        })?;
        match doc.get("issuer").and_then(|v| v.as_str()) {
            Some(named) if named == issuer => {}
            named => {
                return Err(Failure::runtime(format!(
                    "the discovery document at {url} names the issuer {}, not {issuer}",
                    named.map_or("(none)".to_string(), |n| format!("\"{n}\""))
                ))
                .hint("pass --oidc exactly as the issuer writes its URL (its tokens' iss), trailing slash included"))
            }
        }
        doc.get("jwks_uri")
            .and_then(|v| v.as_str())
            .map(str::to_string)
            .ok_or_else(|| Failure::runtime(format!("{url} has no \"jwks_uri\"")))
    }
}

/// The server's certificate was refused (an unknown CA, a wrong name, expired). rustls reports
/// it through ureq either directly or inside the I/O error of the handshake.
#[cfg(feature = "remote")]
fn certificate_refused(e: &ureq::Error) -> bool {
    let tls = match e {
        ureq::Error::Rustls(t) => Some(t),
        ureq::Error::Io(io) => io.get_ref().and_then(|i| i.downcast_ref::<rustls::Error>()),
        _ => None,
    };
    matches!(tls, Some(rustls::Error::InvalidCertificate(_)))
}

/// What to do when a server's certificate is not trusted.
#[cfg(feature = "remote")]
fn untrusted_hint(roots: &Roots) -> &'static str {
    match roots {
        Roots::Bundled => "if the issuer's certificate comes from a private CA, pass --ca-file CA.pem (or $JWTCTL_CA_FILE), or --system-roots to trust the system's store",
        Roots::System => "the system's store does not vouch for this server: add its CA to the store, or pass --ca-file CA.pem",
        Roots::File { .. } => "the --ca-file does not vouch for this server: check that it holds the CA that issued the server's certificate",
    }
}

/// `max-age=N` from a Cache-Control header; `no-store`/`no-cache` mean do not reuse.
#[cfg(feature = "remote")]
fn parse_max_age(header: &str) -> u64 {
    let mut max_age = DEFAULT_MAX_AGE;
    for part in header.split(',').map(str::trim) {
        let lower = part.to_ascii_lowercase();
        if lower == "no-store" || lower == "no-cache" {
            return 0;
        }
        if let Some(v) = lower.strip_prefix("max-age=") {
            max_age = v.trim_matches('"').parse().unwrap_or(DEFAULT_MAX_AGE);
        }
    }
    max_age
}

#[cfg(all(test, feature = "remote"))]
mod tests {
    use super::parse_max_age;

    #[test]
    fn cache_control() {
        assert_eq!(parse_max_age("public, max-age=3600"), 3600);
        assert_eq!(parse_max_age("no-store"), 0);
        assert_eq!(parse_max_age("private"), 300);
    }
}
