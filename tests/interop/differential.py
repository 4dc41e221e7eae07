"""The corpus of tests/cli/differential.rs, judged by PyJWT.

    python differential.py DIR AT

Writes the verification keys into DIR (hs256.secret, rs256.pub.pem, es256.pub.pem,
eddsa.pub.pem) and prints a JSON list of cases on stdout, each judged by PyJWT as of the Unix
time AT:

    {"kind": "exp-past", "alg": "ES256", "token": T, "key": "es256.pub.pem",
     "opts": {"leeway": 10, "aud": ["api"], "iss": "https://iss", "require": ["exp"]},
     "pyjwt": "ok" | "ExpiredSignatureError" | ...}

Every kind is signed with every algorithm (HS256, RS256, ES256, EdDSA), so a difference that
depends on the key type shows too. Tokens are assembled by hand (header and payload bytes as
written), so duplicate keys, wrong types and odd headers reach both verifiers unchanged.
"""

import base64
import datetime as _dt
import json
import os
import sys

import jwt
import jwt.api_jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

SECRET = b"0123456789abcdef0123456789abcdef"


def b64(data):
    if isinstance(data, str):
        data = data.encode()
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def fixed_clock(at):
    """PyJWT reads the time with datetime.now(); the corpus is judged as of `at`."""

    class Fixed(_dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return _dt.datetime.fromtimestamp(at, tz=tz or _dt.timezone.utc)

    jwt.api_jwt.datetime = Fixed


def keys(out_dir):
    """Signing keys per algorithm and the file jwtctl verifies with. RSA is generated anew
    (the verdicts do not depend on it); the others are fixed."""
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ec_key = ec.derive_private_key(0x1F2E3D4C5B6A79880123456789ABCDEF, ec.SECP256R1())
    ed_key = ed25519.Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
    spki = dict(
        encoding=serialization.Encoding.PEM,
        format=serialization.PublicFormat.SubjectPublicKeyInfo,
    )
    files = {
        "hs256.secret": SECRET,
        "rs256.pub.pem": rsa_key.public_key().public_bytes(**spki),
        "es256.pub.pem": ec_key.public_key().public_bytes(**spki),
        "eddsa.pub.pem": ed_key.public_key().public_bytes(**spki),
    }
    for name, data in files.items():
        with open(os.path.join(out_dir, name), "wb") as f:
            f.write(data)
    return {
        "HS256": (SECRET, SECRET, "hs256.secret"),
        "RS256": (rsa_key, rsa_key.public_key(), "rs256.pub.pem"),
        "ES256": (ec_key, ec_key.public_key(), "es256.pub.pem"),
        "EdDSA": (ed_key, ed_key.public_key(), "eddsa.pub.pem"),
    }


def sign(alg, private, header, payload):
    """header and payload are JSON text (written as is); payload bytes for b64=false."""
    algo = jwt.get_algorithm_by_name(alg)
    if isinstance(payload, bytes):
        signing_input = f"{b64(header)}.".encode() + payload
        sig = algo.sign(signing_input, algo.prepare_key(private))
        return signing_input.decode() + "." + b64(sig)
    signing_input = f"{b64(header)}.{b64(payload)}"
    sig = algo.sign(signing_input.encode(), algo.prepare_key(private))
    return f"{signing_input}.{b64(sig)}"


def cases(at):
    """(kind, header fields or None, payload JSON text, opts). The header is
    {"alg": ALG, "typ": "JWT"} plus the fields; a text header replaces it whole."""
    later = at + 3600
    base = f'"sub":"alice","iat":{at - 60}'
    out = []

    def add(kind, payload, header=None, **opts):
        opts.setdefault("leeway", 0)
        out.append((kind, header, payload, opts))

    add("valid", f'{{{base},"exp":{later}}}')
    add("valid-leeway", f'{{{base},"exp":{later}}}', leeway=10)
    # exp
    add("exp-missing", f'{{{base}}}')
    add("exp-missing-required", f'{{{base}}}', require=["exp"])
    add("exp-null", f'{{{base},"exp":null}}')
    add("exp-string", f'{{{base},"exp":"tomorrow"}}')
    add("exp-numeric-string", f'{{{base},"exp":"{later}"}}')
    add("exp-bool", f'{{{base},"exp":true}}')
    add("exp-array", f'{{{base},"exp":[{later}]}}')
    add("exp-float", f'{{{base},"exp":{later}.5}}')
    add("exp-past", f'{{{base},"exp":{at - 100}}}')
    add("exp-equal-now", f'{{{base},"exp":{at}}}')
    add("exp-one-second-left", f'{{{base},"exp":{at + 1}}}')
    add("exp-fraction-left", f'{{{base},"exp":{at}.5}}')
    add("exp-at-leeway-edge", f'{{{base},"exp":{at - 10}}}', leeway=10)
    add("exp-inside-leeway", f'{{{base},"exp":{at - 9}}}', leeway=10)
    add("exp-huge", f'{{{base},"exp":1e300}}')
    add("exp-negative", f'{{{base},"exp":-1}}')
    # nbf
    add("nbf-past", f'{{{base},"nbf":{at - 10},"exp":{later}}}')
    add("nbf-now", f'{{{base},"nbf":{at},"exp":{later}}}')
    add("nbf-future", f'{{{base},"nbf":{at + 60},"exp":{later}}}')
    add("nbf-inside-leeway", f'{{{base},"nbf":{at + 10},"exp":{later}}}', leeway=10)
    add("nbf-fraction-beyond-leeway", f'{{{base},"nbf":{at + 10}.5,"exp":{later}}}', leeway=10)
    add("nbf-null", f'{{{base},"nbf":null,"exp":{later}}}')
    add("nbf-string", f'{{{base},"nbf":"now","exp":{later}}}')
    add("nbf-numeric-string", f'{{{base},"nbf":"{at - 10}","exp":{later}}}')
    # iat
    add("iat-future", f'{{"sub":"alice","iat":{at + 60},"exp":{later}}}')
    add("iat-inside-leeway", f'{{"sub":"alice","iat":{at + 10},"exp":{later}}}', leeway=10)
    add("iat-fraction-beyond-leeway", f'{{"sub":"alice","iat":{at + 10}.5,"exp":{later}}}', leeway=10)
    add("iat-null", f'{{"sub":"alice","iat":null,"exp":{later}}}')
    add("iat-string", f'{{"sub":"alice","iat":"yesterday","exp":{later}}}')
    add("iat-object", f'{{"sub":"alice","iat":{{"t":1}},"exp":{later}}}')
    # sub, jti
    add("sub-number", f'{{"sub":5,"exp":{later}}}')
    add("sub-null", f'{{"sub":null,"exp":{later}}}')
    add("sub-array", f'{{"sub":["alice"],"exp":{later}}}')
    add("jti-string", f'{{{base},"jti":"id-1","exp":{later}}}')
    add("jti-number", f'{{{base},"jti":7,"exp":{later}}}')
    add("jti-null", f'{{{base},"jti":null,"exp":{later}}}')
    # iss
    iss = "https://issuer.example"
    add("iss-match", f'{{{base},"iss":"{iss}","exp":{later}}}', iss=iss)
    add("iss-mismatch", f'{{{base},"iss":"https://other","exp":{later}}}', iss=iss)
    add("iss-missing", f'{{{base},"exp":{later}}}', iss=iss)
    add("iss-number", f'{{{base},"iss":123,"exp":{later}}}', iss="123")
    add("iss-unchecked", f'{{{base},"iss":123,"exp":{later}}}')
    # aud
    for kind, aud, want in [
        ("aud-string-match", '"api"', ["api"]),
        ("aud-array-match", '["web","api"]', ["api"]),
        ("aud-any-of-accepted", '"web"', ["api", "web"]),
        ("aud-mismatch", '"web"', ["api"]),
        ("aud-case", '"API"', ["api"]),
        ("aud-empty-array-expected", "[]", ["api"]),
        ("aud-empty-string-expected", '""', ["api"]),
        ("aud-number", "123", ["api"]),
        ("aud-array-with-number", '["api",1]', ["api"]),
        ("aud-object", '{"api":true}', ["api"]),
        ("aud-null-expected", "null", ["api"]),
        ("aud-unexpected", '"api"', None),
        ("aud-unexpected-array", '["api"]', None),
        ("aud-unexpected-empty-array", "[]", None),
        ("aud-unexpected-empty-string", '""', None),
        ("aud-unexpected-null", "null", None),
    ]:
        add(kind, f'{{{base},"aud":{aud},"exp":{later}}}', aud=want)
    add("aud-missing-expected", f'{{{base},"exp":{later}}}', aud=["api"])
    # require
    add("require-present", f'{{{base},"email":"a@b","exp":{later}}}', require=["email"])
    add("require-missing", f'{{{base},"exp":{later}}}', require=["email"])
    add("require-null", f'{{{base},"email":null,"exp":{later}}}', require=["email"])
    add("require-false", f'{{{base},"email":false,"exp":{later}}}', require=["email"])
    # claims jwtctl gives a meaning to
    add("token-use-refresh", f'{{{base},"token_use":"refresh","exp":{later}}}')
    add("token-use-access", f'{{{base},"token_use":"access","exp":{later}}}')
    # JSON
    add("payload-duplicate-key", f'{{{base},"exp":{at - 100},"exp":{later}}}')
    add("payload-array", f"[1,2]")
    add("payload-not-json", "not json")
    add("payload-number", "42")
    # header
    add("header-duplicate-key", f'{{{base},"exp":{later}}}', header='{"alg":"ALG","alg":"ALG"}')
    add("header-kid", f'{{{base},"exp":{later}}}', header={"kid": "k1"})
    add("header-kid-number", f'{{{base},"exp":{later}}}', header={"kid": 5})
    add("header-typ-number", f'{{{base},"exp":{later}}}', header={"typ": 5})
    add("header-cty-array", f'{{{base},"exp":{later}}}', header={"cty": ["x"]})
    add("header-typ-other", f'{{{base},"exp":{later}}}', header={"typ": "at+jwt"})
    add("crit-unknown", f'{{{base},"exp":{later}}}', header={"crit": ["exp"], "exp": 1})
    add("crit-empty", f'{{{base},"exp":{later}}}', header={"crit": []})
    add(
        "b64-false",
        f'{{{base},"exp":{later}}}'.encode(),
        header={"b64": False, "crit": ["b64"]},
    )
    return out


def judge(token, public, alg, opts):
    try:
        jwt.decode(
            token,
            public,
            algorithms=[alg],
            audience=opts.get("aud"),
            issuer=opts.get("iss"),
            leeway=opts["leeway"],
            options={"require": opts.get("require", [])},
        )
        return "ok"
    except jwt.PyJWTError as e:
        return type(e).__name__


def main():
    out_dir, at = sys.argv[1], int(sys.argv[2])
    fixed_clock(at)
    per_alg = keys(out_dir)
    corpus = []
    for kind, header, payload, opts in cases(at):
        for alg, (private, public, key_file) in per_alg.items():
            if isinstance(header, str):
                header_text = header.replace("ALG", alg)
            else:
                fields = {"alg": alg, "typ": "JWT", **(header or {})}
                header_text = json.dumps(fields, separators=(",", ":"))
            token = sign(alg, private, header_text, payload)
            corpus.append(
                {
                    "kind": kind,
                    "alg": alg,
                    "token": token,
                    "key": key_file,
                    "opts": opts,
                    "pyjwt": judge(token, public, alg, opts),
                }
            )
    # Tokens no key signed: the same for every algorithm, judged with the HS256 secret.
    payload = b64(f'{{"sub":"alice","exp":{at + 3600}}}')
    header = b64('{"alg":"HS256","typ":"JWT"}')
    good = sign(
        "HS256", SECRET, '{"alg":"HS256","typ":"JWT"}', f'{{"sub":"alice","exp":{at + 3600}}}'
    )
    none = b64('{"alg":"none"}')
    jwe = ".".join([b64('{"alg":"dir","enc":"A128GCM"}'), "", b64("iv"), b64("ct"), b64("tag")])
    altered = good[:-2] + ("BB" if good.endswith("AA") else "AA")
    for kind, token in [
        ("alg-none", f"{none}.{payload}."),
        ("signature-altered", altered),
        ("signature-empty", f"{header}.{payload}."),
        ("jwe-five-parts", jwe),
    ]:
        opts = {"leeway": 0}
        corpus.append(
            {
                "kind": kind,
                "alg": "HS256",
                "token": token,
                "key": "hs256.secret",
                "opts": opts,
                "pyjwt": judge(token, SECRET, "HS256", opts),
            }
        )
    json.dump(corpus, sys.stdout)


if __name__ == "__main__":
    main()
