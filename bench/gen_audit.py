"""Writes an audit benchmark input: a log of bearer tokens with known ground truth.

Usage: gen_audit.py OUTDIR COUNT
Writes OUTDIR/tokens.txt (one token per line), OUTDIR/secret (the HS256 secret the API uses)
and OUTDIR/truth.json (what an audit of the file must find). Signed with the standard library
(hmac) so that a million tokens take seconds; PyJWT would take minutes.
"""

import base64
import hashlib
import hmac
import json
import os
import random
import sys

out, count = sys.argv[1], int(sys.argv[2])
os.makedirs(out, exist_ok=True)
rng = random.Random(20261130)  # fixed: the same file on every machine

SECRET = b"audit-benchmark-secret-0123456789"
FORGER = b"not-the-api-secret-not-the-api-00"
AT = 1_800_000_000  # the judging time, passed to jwtctl as --at
with open(os.path.join(out, "secret"), "wb") as f:
    f.write(SECRET)
os.chmod(os.path.join(out, "secret"), 0o600)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def token(header: dict, claims: dict, key: bytes | None) -> str:
    signing = b64(json.dumps(header, separators=(",", ":")).encode()) + "." + \
        b64(json.dumps(claims, separators=(",", ":")).encode())
    sig = b"" if key is None else hmac.new(key, signing.encode(), hashlib.sha256).digest()
    return signing + "." + b64(sig)


HEADER = {"alg": "HS256", "typ": "JWT", "kid": "api-2026"}
ISS = "https://auth.example"
forgers = [f"mallory{i}" for i in range(7)]
long_lived = [f"svc-batch-{i}" for i in range(10)]
truth = {"tokens": count, "expired": 0, "forged": 0, "forged_and_expired": 0,
         "forged_subs": set(), "long_lifetime": 0, "long_lifetime_subs": set(),
         "alg_none": 0, "alg_none_subs": set(), "malformed": 0, "valid": 0}

with open(os.path.join(out, "tokens.txt"), "w") as f:
    for i in range(count):
        r = rng.random()
        sub = f"user{rng.randrange(50_000)}"
        iat = AT - rng.randrange(1, 1800)
        claims = {"iss": ISS, "sub": sub, "iat": iat, "exp": iat + 3600, "scope": "items:read"}
        if r < 0.05:  # expired, properly signed
            claims["iat"] = AT - 7200 - rng.randrange(86_400)
            claims["exp"] = claims["iat"] + 3600
            truth["expired"] += 1
            line = token(HEADER, claims, SECRET)
        elif r < 0.10:  # forged; half of them also expired
            claims["sub"] = rng.choice(forgers)
            truth["forged"] += 1
            truth["forged_subs"].add(claims["sub"])
            if r < 0.075:
                claims["iat"] = AT - 7200
                claims["exp"] = AT - 3600
                truth["expired"] += 1
                truth["forged_and_expired"] += 1
            line = token(HEADER, claims, FORGER)
        elif r < 0.12:  # valid but lives 3 days
            claims["sub"] = rng.choice(long_lived)
            claims["exp"] = claims["iat"] + 3 * 86_400
            truth["long_lifetime"] += 1
            truth["long_lifetime_subs"].add(claims["sub"])
            truth["valid"] += 1
            line = token(HEADER, claims, SECRET)
        elif r < 0.121:  # alg none
            claims["sub"] = "root"
            truth["alg_none"] += 1
            truth["alg_none_subs"].add("root")
            line = token({"alg": "none", "typ": "JWT"}, claims, None)
        elif r < 0.122:  # a line cut short in the log
            truth["malformed"] += 1
            line = token(HEADER, claims, SECRET)[:40]
        else:
            truth["valid"] += 1
            line = token(HEADER, claims, SECRET)
        f.write(line)
        f.write("\n")

for k, v in truth.items():
    if isinstance(v, set):
        truth[k] = sorted(v)
truth["at"] = AT
with open(os.path.join(out, "truth.json"), "w") as f:
    json.dump(truth, f, indent=1)
print(json.dumps(truth))
