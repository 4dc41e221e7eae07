"""Batch HS256 verify against PyJWT, for one or more jwtctl binaries (say, before and after a
change), with and without `--output json`, in interleaved rounds: every round runs every
contender on every token file in turn, so a burst of other work on a shared machine hits one
round of one contender, not a whole contender. Keeps each contender's best round.

Usage: batch_ab.py PYTHON ROUNDS NAME=JWTCTL [NAME=JWTCTL ...] -- DIR [DIR ...]
Each DIR holds HS256.txt and hs.secret as bench/gen_tokens.py writes them. Prints a Markdown
table: tokens/s (best round) and the ratio to PyJWT's best round on the same file, then every
round, the CPU time per token (user + system of the whole process, all threads, best round;
PyJWT's includes its interpreter's start and reading the file), and the load average before and
after. On a loaded machine the CPU time moves less than the wall time.
"""

import os
import resource
import subprocess
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
python, rounds = sys.argv[1], int(sys.argv[2])
split = sys.argv.index("--")
binaries = [a.split("=", 1) for a in sys.argv[3:split]]
dirs = sys.argv[split + 1:]


def count(path):
    with open(path) as f:
        return sum(1 for line in f if line.strip())


def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def jwtctl(binary, d, json):
    argv = [binary, "verify", "--secret-file", os.path.join(d, "hs.secret"),
            "--file", os.path.join(d, "HS256.txt")]
    if json:
        argv += ["--output", "json"]
    start = time.perf_counter()
    # Exit 5 is the expected verdict when some tokens are expired.
    r = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    if r.returncode not in (0, 5):
        raise SystemExit(f"{' '.join(argv)} exited {r.returncode}")
    return counts[d] / elapsed


def pyjwt(d):
    r = subprocess.run(
        [python, os.path.join(here, "pyjwt_batch.py"), "HS256", os.path.join(d, "hs.secret"),
         os.path.join(d, "HS256.txt")], capture_output=True, text=True, check=True)
    return float(r.stdout.strip())


counts = {d: count(os.path.join(d, "HS256.txt")) for d in dirs}
contenders = [("PyJWT", None, None)]
for name, binary in binaries:
    contenders += [(f"{name}", binary, False), (f"{name} --output json", binary, True)]
load_before = open("/proc/loadavg").read().split()[:3]
results = {(c[0], d): [] for c in contenders for d in dirs}
cpu_us = {(c[0], d): [] for c in contenders for d in dirs}
for d in dirs:  # warm the page cache and the binaries
    for _, binary in binaries:
        jwtctl(binary, d, True)
for _ in range(rounds):
    for d in dirs:
        for name, binary, json in contenders:
            before = cpu()
            rate = pyjwt(d) if binary is None else jwtctl(binary, d, json)
            cpu_us[(name, d)].append((cpu() - before) / counts[d] * 1e6)
            results[(name, d)].append(rate)
load_after = open("/proc/loadavg").read().split()[:3]

print("| contender | " + " | ".join(f"{os.path.basename(d)} tokens/s | × PyJWT" for d in dirs) + " |")
print("|---|" + "---:|---:|" * len(dirs))
for name, _, _ in contenders:
    cells = []
    for d in dirs:
        best = max(results[(name, d)])
        cells += [f"{best / 1000:,.1f}k", f"{best / max(results[('PyJWT', d)]):.1f}×"]
    print(f"| {name} | " + " | ".join(cells) + " |")
print()
print("| contender | " + " | ".join(f"{os.path.basename(d)} CPU µs/token | PyJWT's ÷ this" for d in dirs) + " |")
print("|---|" + "---:|---:|" * len(dirs))
for name, _, _ in contenders:
    cells = []
    for d in dirs:
        least = min(cpu_us[(name, d)])
        cells += [f"{least:.2f}", f"{min(cpu_us[('PyJWT', d)]) / least:.1f}×"]
    print(f"| {name} | " + " | ".join(cells) + " |")
print()
print("every round (tokens/s):")
for (name, d), rates in results.items():
    print(f"  {name} {os.path.basename(d)}: {', '.join(f'{r:.0f}' for r in rates)}")
print(f"load average before / after: {' '.join(load_before)} / {' '.join(load_after)}")
