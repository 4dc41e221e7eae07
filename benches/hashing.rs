//! argon2id password hashing at jwtctl's defaults (OWASP: m=19456 KiB, t=2, p=1), and with four
//! lanes to show both cores at work. Run: `cargo bench --bench hashing`.

use jwtctl::hashing::{hash_password, Cost};

fn main() {
    divan::main();
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn argon2id_default() -> String {
    hash_password(
        divan::black_box("correct horse battery staple"),
        Cost::default(),
    )
    .unwrap()
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn argon2id_p4() -> String {
    let cost = Cost {
        p: 4,
        ..Cost::default()
    };
    hash_password(divan::black_box("correct horse battery staple"), cost).unwrap()
}
