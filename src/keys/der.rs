//! Minimal DER reading for what aws-lc-rs does not expose: the private integers of an RSA key,
//! needed to write a private RSA JWK (only ever run on DER that aws-lc just produced), and the
//! public half of an RSA private key too small for aws-lc to load as a key pair.

pub(super) fn read_tlv(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let tag = *input.first()?;
    let first = *input.get(1)? as usize;
    let (len, header) = if first < 0x80 {
        (first, 2)
    } else {
        let n = first & 0x7f;
        if n == 0 || n > 4 {
            return None;
        }
        let mut len = 0usize;
        for i in 0..n {
            len = (len << 8) | *input.get(2 + i)? as usize;
        }
        (len, 2 + n)
    };
    let body = input.get(header..header + len)?;
    Some((tag, body, &input[header + len..]))
}

/// The nine INTEGERs of PKCS#1 RSAPrivateKey inside PKCS#8 PrivateKeyInfo, leading zeros
/// stripped: version, n, e, d, p, q, dp, dq, qi.
pub fn rsa_private_fields(pkcs8: &[u8]) -> Option<Vec<&[u8]>> {
    let (_, info, _) = read_tlv(pkcs8)?;
    let (_, _version, rest) = read_tlv(info)?;
    let (_, _alg_id, rest) = read_tlv(rest)?;
    let (tag, octets, _) = read_tlv(rest)?;
    if tag != 0x04 {
        return None;
    }
    let (_, mut seq, _) = read_tlv(octets)?;
    let mut out = Vec::with_capacity(9);
    while !seq.is_empty() && out.len() < 9 {
        let (tag, int, rest) = read_tlv(seq)?;
        if tag != 0x02 {
            return None;
        }
        let stripped = match int.iter().position(|&b| b != 0) {
            Some(i) => &int[i..],
            None => &int[int.len().saturating_sub(1)..],
        };
        out.push(stripped);
        seq = rest;
    }
    (out.len() == 9).then_some(out)
}

/// rsaEncryption (1.2.840.113549.1.1.1), the algorithm of an RSA key in PKCS#8.
const RSA_ENCRYPTION: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

/// The public half, as PKCS#1 RSAPublicKey DER, of an RSA private key in PKCS#8 or PKCS#1.
/// aws-lc refuses RSA key pairs under 2048 bits, while their public keys still verify tokens
/// of legacy systems; reading `n` and `e` here keeps a small private key as usable for
/// verifying as its public key file is. `None` for anything else.
pub fn rsa_public_of_private(der: &[u8]) -> Option<Vec<u8>> {
    let pkcs1 = pkcs8_rsa_inner(der).unwrap_or(der);
    let (tag, mut seq, rest) = read_tlv(pkcs1)?;
    if tag != 0x30 || !rest.is_empty() {
        return None;
    }
    let mut ints = Vec::with_capacity(3);
    while ints.len() < 3 {
        let (tag, int, next) = read_tlv(seq)?;
        if tag != 0x02 {
            return None;
        }
        ints.push(int);
        seq = next;
    }
    // version 0, then n and e; at least the remaining six private integers follow.
    if ints[0] != [0] || seq.is_empty() {
        return None;
    }
    let mut body = Vec::new();
    for int in &ints[1..] {
        body.push(0x02);
        push_len(&mut body, int.len());
        body.extend_from_slice(int);
    }
    let mut out = vec![0x30];
    push_len(&mut out, body.len());
    out.extend_from_slice(&body);
    Some(out)
}

/// The RSAPrivateKey inside a PKCS#8 PrivateKeyInfo whose algorithm is rsaEncryption.
fn pkcs8_rsa_inner(der: &[u8]) -> Option<&[u8]> {
    let (_, info, _) = read_tlv(der)?;
    let (tag, _version, rest) = read_tlv(info)?;
    if tag != 0x02 {
        return None;
    }
    let (tag, alg_id, rest) = read_tlv(rest)?;
    if tag != 0x30 {
        return None;
    }
    let (tag, oid, _) = read_tlv(alg_id)?;
    if tag != 0x06 || oid != RSA_ENCRYPTION {
        return None;
    }
    let (tag, octets, _) = read_tlv(rest)?;
    (tag == 0x04).then_some(octets)
}

fn push_len(out: &mut Vec<u8>, len: usize) {
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
}
