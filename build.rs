//! Link-time settings only: nothing is generated.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    // Packed relative relocations (DT_RELR): a 24-byte RELA entry per pointer becomes a few
    // bits, so the dynamic loader's start-up work shrinks (12k relocations here). GNU ld ≥ 2.38,
    // lld and mold understand it; an older GNU ld warns and ignores it.
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}
