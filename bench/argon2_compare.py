"""argon2id hashing time, side by side: jwtctl and the reference C CLI (Debian `argon2`) as whole
processes, argon2-cffi in-process. Runs are interleaved (one of each in turn) and medians kept,
so a load spike on a shared machine hits every contender alike.

Usage: argon2_compare.py JWTCTL RUNS OUTFILE
Writes lines `name=median_seconds` and `name.cores=(user+sys)/wall` (children's CPU time).
"""

import resource
import statistics
import subprocess
import sys
import time

from argon2 import PasswordHasher

jwtctl, runs, outfile = sys.argv[1], int(sys.argv[2]), sys.argv[3]
password = b"correct-horse-battery-staple\n"
salt = "saltsaltsaltsalt"  # 16 bytes, as jwtctl and argon2-cffi draw


def process(argv):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, input=password, stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


results = {}
for p in (1, 4):
    contenders = {
        f"jwtctl p={p}": lambda p=p: process([jwtctl, "hash", "--password-stdin", "--p-cost", str(p)]),
        f"argon2 CLI p={p}": lambda p=p: process(
            ["argon2", salt, "-id", "-t", "2", "-k", "19456", "-p", str(p), "-l", "32"]),
    }
    hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=p, hash_len=32, salt_len=16)

    def cffi(hasher=hasher):
        start = time.perf_counter()
        hasher.hash("correct-horse-battery-staple")
        return time.perf_counter() - start, None

    contenders[f"argon2-cffi p={p}"] = cffi
    for f in contenders.values():  # warm-up
        f()
    samples = {name: [] for name in contenders}
    for _ in range(runs):
        for name, f in contenders.items():
            samples[name].append(f())
    for name, s in samples.items():
        results[name] = statistics.median(w for w, _ in s)
        if s[0][1] is not None:
            results[name + ".cores"] = sum(c for _, c in s) / sum(w for w, _ in s)

with open(outfile, "w") as f:
    for k, v in results.items():
        f.write(f"{k}={v}\n")
