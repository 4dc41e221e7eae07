"""PyJWT in-process batch verify: the same work as `jwtctl verify --file`, one JSON line out per
token (header, payload, verdict), timed inside the interpreter after the tokens are read.

Usage: pyjwt_batch.py ALG KEYFILE TOKENS  ->  prints tokens/s on stdout; JSON lines go to /dev/null
"""

import json
import sys
import time

import jwt

alg, keyfile, path = sys.argv[1], sys.argv[2], sys.argv[3]
with open(keyfile, "rb") as f:
    key = f.read()
if alg != "HS256":
    key = jwt.algorithms.get_default_algorithms()[alg].prepare_key(key)  # parse once, like jwtctl
with open(path) as f:
    tokens = [line.strip() for line in f if line.strip()]

out = open("/dev/null", "w")
start = time.perf_counter()
for n, t in enumerate(tokens, 1):
    try:
        d = jwt.api_jwt.decode_complete(t, key, algorithms=[alg], leeway=10)
        rec = {"valid": True, "header": d["header"], "payload": d["payload"], "line": n}
    except jwt.PyJWTError as e:
        rec = {"valid": False, "error": str(e), "line": n}
    out.write(json.dumps(rec))
    out.write("\n")
elapsed = time.perf_counter() - start
print(f"{len(tokens) / elapsed:.0f}")
