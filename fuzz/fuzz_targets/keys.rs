//! Key material in every accepted encoding (DER, PEM, JWK, JWKS): never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = jwtctl::keys::material_from_der(data);
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(block) = pem::parse(text) {
            let _ = jwtctl::keys::material_from_der(block.contents());
        }
    }
    if let Ok(jwk) = serde_json::from_slice::<jwtctl::keys::Jwk>(data) {
        if let Ok(key) = jwk.to_key() {
            if let Some(public) = key.public() {
                let _ = public.to_jwk().thumbprint();
            }
        }
        let _ = jwk.thumbprint();
    }
    let _ = jwtctl::jwks::from_document(data, "fuzz", &mut Vec::new());
});
