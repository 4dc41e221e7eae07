//! Minimal DER reading for the one thing aws-lc-rs does not expose: the private integers of an
//! RSA key, needed to write a private RSA JWK. Only ever run on DER that aws-lc just produced.

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
