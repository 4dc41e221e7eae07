//! Remote key sets from an issuer behind a private CA: `--ca-file`, `$JWTCTL_CA_FILE` and
//! `--system-roots`, against a loopback HTTPS server whose certificate that CA issued.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::sync::Arc;

use predicates::prelude::*;
use serde_json::json;

use crate::support::*;

/// A CA (`NAME-ca.pem`) and a certificate it issued for 127.0.0.1 (`NAME.pem`, `NAME.key`).
fn private_ca(dir: &Path, name: &str) -> bool {
    let ca = format!("{name}-ca");
    std::fs::write(
        dir.join("leaf.ext"),
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    openssl(
        dir,
        &[
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            &format!("{ca}.key"),
            "-out",
            &format!("{ca}.pem"),
            "-subj",
            &format!("/CN={name} test CA"),
            "-days",
            "2",
        ],
    ) && openssl(
        dir,
        &[
            "req",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            &format!("{name}.key"),
            "-out",
            "leaf.csr",
            "-subj",
            "/CN=127.0.0.1",
        ],
    ) && openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            "leaf.csr",
            "-CA",
            &format!("{ca}.pem"),
            "-CAkey",
            &format!("{ca}.key"),
            "-CAcreateserial",
            "-days",
            "2",
            "-extfile",
            "leaf.ext",
            "-out",
            &format!("{name}.pem"),
        ],
    )
}

/// Serves `/jwks.json` and an OpenID Connect discovery document over TLS with `NAME.pem`.
fn https_issuer(dir: &Path, name: &str, jwks: String) -> String {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let chain: Vec<CertificateDer<'static>> =
        CertificateDer::pem_file_iter(dir.join(format!("{name}.pem")))
            .unwrap()
            .map(Result::unwrap)
            .collect();
    let key = PrivateKeyDer::from_pem_file(dir.join(format!("{name}.key"))).unwrap();
    let config = Arc::new(
        rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::aws_lc_rs::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .unwrap(),
    );
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("https://{}", listener.local_addr().unwrap());
    let issuer = base.clone();
    std::thread::spawn(move || {
        for tcp in listener.incoming() {
            let Ok(tcp) = tcp else { continue };
            let conn = rustls::ServerConnection::new(config.clone()).unwrap();
            let mut reader = BufReader::new(rustls::StreamOwned::new(conn, tcp));
            // A client that refuses the certificate ends the handshake: the read fails.
            let mut request_line = String::new();
            if reader.read_line(&mut request_line).is_err() {
                continue;
            }
            loop {
                let mut l = String::new();
                if reader.read_line(&mut l).unwrap_or(0) == 0 || l == "\r\n" {
                    break;
                }
            }
            let body = match request_line.split_whitespace().nth(1) {
                Some("/jwks.json") => jwks.clone(),
                Some("/.well-known/openid-configuration") => {
                    json!({"issuer": base, "jwks_uri": format!("{base}/jwks.json")}).to_string()
                }
                _ => "{}".into(),
            };
            let tls = reader.get_mut();
            let _ = write!(
                tls,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = tls.flush();
            tls.conn.send_close_notify();
            let _ = tls.flush();
        }
    });
    issuer
}

#[test]
fn a_private_ca_is_trusted_only_when_named() {
    let dir = tempdir();
    let d = dir.path();
    if !private_ca(d, "issuer") {
        return;
    }
    let (signing, public) = keygen_pair(d, "signing", "ES256");
    let jwks = stdout_of(jwtctl().arg("jwks").arg(&public).args(["--kid", "k1"]));
    let base = https_issuer(d, "issuer", jwks);
    let url = format!("{base}/jwks.json");
    let token = stdout_of(
        jwtctl()
            .args([
                "issue", "--sub", "svc", "--kid", "k1", "--iss", &base, "--key",
            ])
            .arg(&signing),
    );
    let ca = d.join("issuer-ca.pem");
    // A fresh cache for every run: each one must reach the server.
    let fresh = |n: &str| {
        let mut c = jwtctl();
        c.env("JWTCTL_CACHE_DIR", d.join(format!("cache-{n}")))
            .env_remove("JWTCTL_CA_FILE")
            .env_remove("SSL_CERT_FILE")
            .env_remove("SSL_CERT_DIR");
        c
    };

    // The bundled web roots do not know the CA: the fetch fails and says what to do.
    fresh("none")
        .args(["verify", "--jwks", &url, &token])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::starts_with(format!("jwtctl: cannot fetch {url}: ")))
        .stderr(predicate::str::contains("UnknownIssuer"))
        .stderr(predicate::str::ends_with(
            "hint: if the issuer's certificate comes from a private CA, pass --ca-file CA.pem (or $JWTCTL_CA_FILE), or --system-roots to trust the system's store\n",
        ));

    // --ca-file, and the same from the environment.
    fresh("flag")
        .args(["verify", "--jwks", &url, "--ca-file"])
        .arg(&ca)
        .arg(&token)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("✓ token valid  ES256"))
        .stderr("");
    fresh("env")
        .env("JWTCTL_CA_FILE", &ca)
        .args(["verify", "-q", "--jwks", &url, &token])
        .assert()
        .success()
        .stderr("");
    // OIDC discovery and its key set are both fetched through the CA.
    fresh("oidc")
        .args(["verify", "-q", "--oidc", &base, "--ca-file"])
        .arg(&ca)
        .arg(&token)
        .assert()
        .success()
        .stderr("");

    // Another CA is no help: --ca-file replaces the web roots, it vouches for nothing else.
    assert!(private_ca(d, "other"));
    fresh("other")
        .args(["verify", "--jwks", &url, "--ca-file"])
        .arg(d.join("other-ca.pem"))
        .arg(&token)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("UnknownIssuer"))
        .stderr(predicate::str::ends_with(
            "hint: the --ca-file does not vouch for this server: check that it holds the CA that issued the server's certificate\n",
        ));

    // --system-roots asks the system's store, which SSL_CERT_FILE points to on Linux.
    if cfg!(target_os = "linux") {
        fresh("system")
            .env("SSL_CERT_FILE", &ca)
            .args(["verify", "-q", "--system-roots", "--jwks", &url, &token])
            .assert()
            .success()
            .stderr("");
        fresh("system-other")
            .env("SSL_CERT_FILE", d.join("other-ca.pem"))
            .args(["verify", "--system-roots", "--jwks", &url, &token])
            .assert()
            .code(1)
            .stderr(predicate::str::ends_with(
                "hint: the system's store does not vouch for this server: add its CA to the store, or pass --ca-file CA.pem\n",
            ));
    }
}

#[test]
fn a_ca_file_without_certificates_is_refused_before_any_fetch() {
    let dir = tempdir();
    let (_, public) = keygen_pair(dir.path(), "k", "ES256");
    let url = "https://127.0.0.1:9/jwks.json";
    let token = "eyJhbGciOiJFUzI1NiJ9.e30.c2ln";
    jwtctl()
        .env("JWTCTL_CACHE_DIR", dir.path().join("cache"))
        .args(["verify", "--jwks", url, "--ca-file"])
        .arg(&public)
        .arg(token)
        .assert()
        .code(1)
        .stdout("")
        .stderr(format!(
            "jwtctl: --ca-file {}: it holds no certificate\nhint: give a PEM file of CA certificates (-----BEGIN CERTIFICATE-----), e.g. your CA's ca.pem\n",
            public.display()
        ));
    jwtctl()
        .args(["verify", "--jwks", url, "--ca-file"])
        .arg(dir.path().join("missing.pem"))
        .arg(token)
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with(format!(
            "jwtctl: --ca-file {}: cannot read it: ",
            dir.path().join("missing.pem").display()
        )));
    jwtctl()
        .args(["verify", "--jwks", url, "--system-roots", "--ca-file"])
        .arg(&public)
        .arg(token)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
}
