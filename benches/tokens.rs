//! In-process benchmarks of the token core: decode (parse), verify and sign for each algorithm
//! family, and one whole batch line (parse + verify + JSON line), parsed into maps and read in
//! place. Run: `cargo bench --bench tokens`.
//! bench/compare.sh measures whole processes against the peers; these find regressions.

use divan::{black_box, Bencher};
use jwtctl::alg::Alg;
use jwtctl::checks::{self, KeySet, Policy};
use jwtctl::keys::{Key, Material, PrivateKey, Secret, Usage};
use jwtctl::token::{b64url, Scratch, Token, TokenView};

fn main() {
    divan::main();
}

const ALGS: [Alg; 4] = [Alg::HS256, Alg::RS256, Alg::ES256, Alg::EdDSA];

/// A judging time inside every token's lifetime.
fn now() -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_800_000_100).unwrap()
}

fn key(material: Material) -> Key {
    Key {
        material,
        kid: None,
        usage: Usage::default(),
        source: "bench".into(),
    }
}

/// (signing key, verifying key) for an algorithm; asymmetric keys are generated fresh.
fn keys(alg: Alg) -> (Key, Key) {
    if alg == Alg::HS256 {
        let secret = || Secret::new(b"0123456789abcdef0123456789abcdef".to_vec()).unwrap();
        return (
            key(Material::Secret(secret())),
            key(Material::Secret(secret())),
        );
    }
    let private = PrivateKey::generate(alg, 2048).unwrap();
    let public = private.public();
    (
        key(Material::Private(private)),
        key(Material::Public(public)),
    )
}

/// A typical access token, as a service would issue it.
fn token(alg: Alg, signer: &Key) -> String {
    let header = format!(r#"{{"alg":"{}","typ":"JWT"}}"#, alg.name());
    let claims =
        r#"{"sub":"user42","iat":1800000000,"exp":1800001800,"scope":"items:read items:write"}"#;
    let input = format!(
        "{}.{}",
        b64url(header.as_bytes()),
        b64url(claims.as_bytes())
    );
    let sig = signer
        .signer(alg, false)
        .unwrap()
        .sign(input.as_bytes())
        .unwrap();
    format!("{input}.{}", b64url(&sig))
}

#[divan::bench(args = ALGS)]
fn decode(bencher: Bencher, alg: Alg) {
    let (signer, _) = keys(alg);
    let text = token(alg, &signer);
    bencher.bench(|| Token::parse(black_box(&text)).unwrap());
}

#[divan::bench(args = ALGS)]
fn verify(bencher: Bencher, alg: Alg) {
    let (signer, verifier) = keys(alg);
    let parsed = Token::parse(&token(alg, &signer)).unwrap();
    let set = KeySet::single(verifier);
    let policy = Policy::default();
    assert!(checks::verify(&parsed, &set, &policy, now()).valid());
    bencher.bench(|| checks::verify(black_box(&parsed), &set, &policy, now()));
}

#[divan::bench(args = ALGS)]
fn sign(bencher: Bencher, alg: Alg) {
    let (signer, _) = keys(alg);
    let signer = signer.signer(alg, false).unwrap();
    let input = b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyNDIiLCJpYXQiOjE4MDAwMDAwMDAsImV4cCI6MTgwMDAwMTgwMH0";
    bencher.bench(|| signer.sign(black_box(input)).unwrap());
}

/// Everything batch mode does for one line but the I/O: parse, verify, write the JSON line.
#[divan::bench(args = ALGS)]
fn batch_line(bencher: Bencher, alg: Alg) {
    let (signer, verifier) = keys(alg);
    let text = token(alg, &signer);
    let set = KeySet::single(verifier);
    let policy = Policy::default();
    let mut out = Vec::with_capacity(1024);
    bencher.bench_local(|| {
        out.clear();
        let t = Token::parse(black_box(&text)).unwrap();
        let report = checks::verify(&t, &set, &policy, now());
        jwtctl::write_report_line(&mut out, &t, &report, 1);
        out.len()
    });
}

/// `batch_line` the way batch verify takes a typical token: read in place, no maps.
#[divan::bench(args = ALGS)]
fn batch_line_in_place(bencher: Bencher, alg: Alg) {
    let (signer, verifier) = keys(alg);
    let text = token(alg, &signer);
    let set = KeySet::single(verifier);
    let policy = Policy::default();
    let mut out = Vec::with_capacity(1024);
    let mut scratch = Scratch::default();
    bencher.bench_local(|| {
        out.clear();
        let t = TokenView::parse(black_box(&text), &mut scratch).unwrap();
        let report = checks::verify(&t, &set, &policy, now());
        jwtctl::write_view_line(&mut out, &t, &report, 1);
        out.len()
    });
}
