"""Writes the benchmark inputs: keys and files of tokens, one per line, signed with PyJWT.

Usage: gen_tokens.py OUTDIR HS_COUNT ASYM_COUNT [EXPIRED_EVERY]
Every peer in bench/compare.sh reads these same files. With EXPIRED_EVERY = N, every Nth token
expired an hour ago (a batch with failures to report, not only valid tokens).
"""

import os
import sys
import time

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

out, hs_count, asym_count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
expired_every = int(sys.argv[4]) if len(sys.argv) > 4 else 0
os.makedirs(out, exist_ok=True)

secret = b"0123456789abcdef0123456789abcdef"  # 32 bytes: HS256's minimum
with open(os.path.join(out, "hs.secret"), "wb") as f:
    f.write(secret)

keys = {
    "RS256": rsa.generate_private_key(public_exponent=65537, key_size=2048),
    "ES256": ec.generate_private_key(ec.SECP256R1()),
    "EdDSA": ed25519.Ed25519PrivateKey.generate(),
}
for alg, key in keys.items():
    with open(os.path.join(out, f"{alg}.key"), "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()))
    with open(os.path.join(out, f"{alg}.pub"), "wb") as f:
        f.write(key.public_key().public_bytes(serialization.Encoding.PEM,
                                              serialization.PublicFormat.SubjectPublicKeyInfo))

now = int(time.time())


def claims(i):
    # A typical access token: subject, times a day long so the files stay valid, a scope.
    if expired_every and i % expired_every == expired_every - 1:
        return {"sub": f"user{i}", "iat": now - 7200, "exp": now - 3600,
                "scope": "items:read items:write"}
    return {"sub": f"user{i}", "iat": now, "exp": now + 86400, "scope": "items:read items:write"}


def write(name, count, sign):
    with open(os.path.join(out, name), "w") as f:
        for i in range(count):
            f.write(sign(claims(i)))
            f.write("\n")


write("HS256.txt", hs_count, lambda c: jwt.encode(c, secret, algorithm="HS256"))
for alg, key in keys.items():
    write(f"{alg}.txt", asym_count, lambda c, k=key, a=alg: jwt.encode(c, k, algorithm=a))
