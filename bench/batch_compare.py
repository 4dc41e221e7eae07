"""Batch throughput, side by side: jwtctl batch verify, PyJWT in-process and `openssl speed`,
in alternating rounds (one of each in turn), keeping each contender's best round. On a shared
machine a burst of other work then hits a round of one contender, not a whole contender.

Usage: batch_compare.py JWTCTL PYTHON OUTDIR ROUNDS
Reads OUTDIR/{HS256,RS256,ES256,EdDSA}.txt and the keys gen_tokens.py wrote; writes
OUTDIR/batch.txt with lines `contender alg=tokens_per_second` (best round) and `... rounds=a,b,c`.
"""

import os
import subprocess
import sys
import time

jwtctl, python, out, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
here = os.path.dirname(os.path.abspath(__file__))
nproc = os.cpu_count() or 1
ALGS = ["HS256", "RS256", "ES256", "EdDSA"]


def lines(alg):
    with open(os.path.join(out, f"{alg}.txt")) as f:
        return sum(1 for line in f if line.strip())


def key_args(alg):
    if alg == "HS256":
        return ["--secret-file", os.path.join(out, "hs.secret")]
    return ["--key", os.path.join(out, f"{alg}.pub")]


def run_jwtctl(alg, n):
    argv = [jwtctl, "verify", *key_args(alg), "--file", os.path.join(out, f"{alg}.txt")]
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return n / (time.perf_counter() - start)


def run_pyjwt(alg, _n):
    key = os.path.join(out, "hs.secret" if alg == "HS256" else f"{alg}.pub")
    r = subprocess.run(
        [python, os.path.join(here, "pyjwt_batch.py"), alg, key, os.path.join(out, f"{alg}.txt")],
        capture_output=True, text=True, check=True)
    return float(r.stdout.strip())


OPENSSL = {
    "HS256": ["-bytes", "256", "-hmac", "sha256"],
    "RS256": ["rsa2048"],
    "ES256": ["ecdsap256"],
    "EdDSA": ["ed25519"],
}


def run_openssl(alg, _n):
    """Verifications (or 256-byte HMACs) per second on all cores, from `openssl speed -mr`."""
    r = subprocess.run(
        ["openssl", "speed", "-mr", "-multi", str(nproc), "-seconds", "2", *OPENSSL[alg]],
        capture_output=True, text=True, check=True)
    for line in r.stdout.splitlines():
        f = line.split(":")
        if f[0] == "+F2" and alg == "RS256":
            return float(f[4])
        if f[0] == "+F4" and alg == "ES256":
            return float(f[4])
        if f[0] == "+F6" and alg == "EdDSA":
            return float(f[5])
        if f[0] == "+F" and alg == "HS256":
            return float(f[3]) / 256
    raise SystemExit(f"no result from openssl speed for {alg}:\n{r.stdout}")


contenders = {"jwtctl": run_jwtctl, "pyjwt": run_pyjwt, "openssl": run_openssl}
counts = {alg: lines(alg) for alg in ALGS}
results = {(c, a): [] for c in contenders for a in ALGS}
for alg in ALGS:  # warm the page cache and the binaries
    run_jwtctl(alg, counts[alg])
for _ in range(rounds):
    for alg in ALGS:
        for name, f in contenders.items():
            results[(name, alg)].append(f(alg, counts[alg]))

with open(os.path.join(out, "batch.txt"), "w") as f:
    for (name, alg), rates in results.items():
        f.write(f"{name} {alg}={max(rates)}\n")
        f.write(f"{name} {alg} rounds={','.join(f'{r:.0f}' for r in rates)}\n")
