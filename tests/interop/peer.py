"""Signs and verifies JWTs with PyJWT or python-jose, for tests/cli/interop.rs.

Reads a JSON list of jobs on stdin and writes a JSON list of results, one per job, so one
interpreter start serves a whole test:

  {"op": "decode", "lib": "pyjwt"|"jose", "alg": "RS256", "key": PATH, "token": T,
   "audience": "api"}                        -> {"ok": true, "claims": {...}}
                                                 or {"ok": false, "error": "ExpiredSignatureError"}
  {"op": "decode", "lib": "pyjwt", "alg": ..., "jwks": URL, "token": T, ...}
                                             -> the same, with the key PyJWKClient finds at
                                                URL for the token's kid
  {"op": "encode", "lib": ..., "alg": ..., "key": PATH, "claims": {...}, "kid": K?}
                                             -> {"ok": true, "token": T}

Keys are files: PEM (PKCS#8 private, SPKI public) as `jwtctl keygen --out` writes them, or
the raw bytes of an HMAC secret.
"""

import json
import sys


def key_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def pyjwt_job(job):
    import jwt

    if "jwks" in job:
        key = jwt.PyJWKClient(job["jwks"], cache_keys=False).get_signing_key_from_jwt(job["token"]).key
    else:
        key = key_bytes(job["key"])
    if job["op"] == "encode":
        headers = {"kid": job["kid"]} if job.get("kid") else None
        return {"token": jwt.encode(job["claims"], key, algorithm=job["alg"], headers=headers)}
    options = {"require": ["exp"]}
    claims = jwt.decode(
        job["token"],
        key,
        algorithms=[job["alg"]],
        audience=job.get("audience"),
        options=options,
    )
    return {"claims": claims}


def jose_job(job):
    from jose import jwt

    key = key_bytes(job["key"]).decode()
    if job["op"] == "encode":
        headers = {"kid": job["kid"]} if job.get("kid") else None
        return {"token": jwt.encode(job["claims"], key, algorithm=job["alg"], headers=headers)}
    claims = jwt.decode(
        job["token"],
        key,
        algorithms=[job["alg"]],
        audience=job.get("audience"),
        options={"require_exp": True},
    )
    return {"claims": claims}


def main():
    results = []
    for job in json.load(sys.stdin):
        run = pyjwt_job if job["lib"] == "pyjwt" else jose_job
        try:
            out = run(job)
            out["ok"] = True
        except Exception as e:  # the class name is the verdict the test compares
            out = {"ok": False, "error": type(e).__name__, "message": str(e)}
        results.append(out)
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
