"""Writes large users files for the benchmarks (generated, never committed).

Usage: gen_users.py OUTDIR COUNT
Writes OUTDIR/users-COUNT.toml and .json (COUNT users, laid out as `jwtctl users add` writes
them) and OUTDIR/users-1.toml and .json (the last of them alone, for the one-user baseline).
Every user has the same argon2id hash (m=19456, t=2, p=1) of the password "secret": hashing
100,000 passwords would take half an hour and the files would read the same.
"""

import json
import os
import sys

out, count = sys.argv[1], int(sys.argv[2])
os.makedirs(out, exist_ok=True)
HASH = ("$argon2id$v=19$m=19456,t=2,p=1$qig5x4VYhzFdyIxKg6JH3w$"
        "U1T5scL1wa6234XHwtPDzcHK3brOSGT3ZLFuiSqbUi0")
HEADER = ("# Users for jwtctl: `jwtctl users --help`. Edits by jwtctl keep comments, order and "
          "fields it does not know.\n\n")


def user(i):
    return {"password_hash": HASH, "scopes": ["items:read", "items:write"], "disabled": False}


def write(name, indices):
    with open(os.path.join(out, f"{name}.toml"), "w") as f:
        f.write(HEADER)
        for i in indices:
            f.write(f'[users.user{i}]\npassword_hash = "{HASH}"\n'
                    'scopes = ["items:read", "items:write"]\ndisabled = false\n\n')
    with open(os.path.join(out, f"{name}.json"), "w") as f:
        json.dump({"users": {f"user{i}": user(i) for i in indices}}, f, indent=2)
        f.write("\n")
    for ext in ("toml", "json"):
        os.chmod(os.path.join(out, f"{name}.{ext}"), 0o600)


write(f"users-{count}", range(count))
write("users-1", [count - 1])
