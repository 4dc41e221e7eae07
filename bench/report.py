"""Renders BENCHMARKS.md from the raw results bench/compare.sh leaves in bench/.out.

Usage: report.py OUTDIR > BENCHMARKS.md
"""

import json
import os
import sys

out = sys.argv[1]


def path(name):
    return os.path.join(out, name)


def kv(name):
    d = {}
    if os.path.exists(path(name)):
        for line in open(path(name)):
            if "=" in line:
                k, v = line.rstrip("\n").rsplit("=", 1) if name == "argon2.txt" else line.rstrip("\n").split("=", 1)
                d[k] = v
    return d


def hyperfine(name):
    return {r["command"]: r for r in json.load(open(path(name)))["results"]}


def read(name):
    return open(path(name)).read().rstrip() if os.path.exists(path(name)) else ""


m = kv("machine.txt")
nproc = int(m["nproc"])
hs_n, asym_n, proc_n = int(m["hs_n"]), int(m["asym_n"]), int(m["proc_n"])
# One-token latency: three hyperfine rounds; each command keeps its round with the lowest median.
lat = {}
for i in (1, 2, 3):
    if os.path.exists(path(f"latency{i}.json")):
        for name, r in hyperfine(f"latency{i}.json").items():
            if name not in lat or r["median"] < lat[name]["median"]:
                lat[name] = r
best, rounds = {}, {}
for line in read("batch.txt").splitlines():
    name, value = line.rsplit("=", 1)
    if name.endswith(" rounds"):
        rounds[name[: -len(" rounds")]] = value
    else:
        best[name] = float(value)
more = hyperfine("batch_more.json")
py = {a: best[f"pyjwt {a}"] for a in ("HS256", "RS256", "ES256", "EdDSA")}
per = {k: float(v) for k, v in kv("per_process.txt").items()}
a2 = {k: float(v) for k, v in kv("argon2.txt").items()}
divan = read("divan.txt")


def divan_median(name):
    """The median column of a divan result line, in seconds."""
    units = {"ns": 1e-9, "µs": 1e-6, "us": 1e-6, "ms": 1e-3, "s": 1.0}
    for line in divan.splitlines():
        cols = [c.strip() for c in line.split("│")]
        if len(cols) >= 3 and cols[0].split()[-3:-2] == [name]:
            value, unit = cols[2].split()
            return float(value) * units[unit]
    return None


hash_in_process = divan_median("argon2id_default")

ossl = {a: best[f"openssl {a}"] for a in ("HS256", "RS256", "ES256", "EdDSA")}
rate = {a: best[f"jwtctl {a}"] for a in ("HS256", "RS256", "ES256", "EdDSA")}
decode_rate = hs_n / more["decode HS256"]["mean"]
steady = hyperfine("batch_steady.json") if os.path.exists(path("batch_steady.json")) else {}


def ms(s):
    return f"{s * 1000:.2f} ms"


def k(x):
    return f"{x / 1000:,.1f}k" if x >= 1000 else f"{x:,.0f}"


def verdict(ok):
    return "**met**" if ok else "**missed**"


w = print
w("## Tokens and passwords: jwtctl against its peers")
w()
w("This section is written by `bench/compare.sh` (re-run it rather than editing by hand). Every")
w("figure in it comes from one run of the script on one machine, peers side by side with the same")
w("inputs, so the ratios hold even when absolute times move with the machine's load.")
w()
w("### Machine")
w()
w(f"- {m['cpu']}, `nproc` = {nproc}, Linux {m['kernel']}")
w(f"- load average before / after the run: {m['load_before']} / {m.get('load_after', '?')}"
  " (the machine is shared; ratios are measured side by side)")
w(f"- {m['rustc']}; {m['jwtctl']}; {m['jwt_cli']}; {m['python']}, PyJWT {m['pyjwt']},"
  f" argon2-cffi {m['argon2_cffi']}; {m['openssl']}; {m['hyperfine']}; Debian argon2 {m['argon2_cli']}")
w()
w("Inputs: `bench/gen_tokens.py` signs, with PyJWT, "
  f"{hs_n:,} HS256 tokens (32-byte secret) and {asym_n:,} each of RS256 (2048-bit), ES256 and EdDSA,")
w("all shaped like access tokens (`sub`, `iat`, `exp` a day ahead, `scope`), one per line.")
w()

w("### Targets")
w()
w("| target | measured | |")
w("|---|---|---|")
hs_ratio = rate["HS256"] / py["HS256"]
w(f"| batch HS256 verify ≥ 50× PyJWT in-process | {hs_ratio:.1f}× ({k(rate['HS256'])} vs {k(py['HS256'])} tokens/s) | {verdict(hs_ratio >= 50)} |")
for a in ("RS256", "ES256", "EdDSA"):
    if a in ossl:
        r = rate[a] / ossl[a]
        w(f"| batch {a} verify ≥ 80% of `openssl speed -multi {nproc}` | {r:.0%} ({k(rate[a])} vs {k(ossl[a])} verifies/s) | {verdict(r >= 0.8)} |")
t_true, t_v, t_jwt = (lat[n]["median"] for n in ("true", "jwtctl verify", "jwt-cli decode --secret"))
w(f"| one-token `verify` ≤ 1.5× `true` | {t_v / t_true:.2f}× ({ms(t_v)} vs {ms(t_true)}) | {verdict(t_v / t_true <= 1.5)} |")
w(f"| one-token `verify` under jwt-cli | {t_v / t_jwt:.2f}× jwt-cli ({ms(t_v)} vs {ms(t_jwt)}) | {verdict(t_v < t_jwt)} |")
j1, c1 = a2["jwtctl p=1"], a2["argon2-cffi p=1"]
if hash_in_process:
    w(f"| argon2id m=19456,t=2,p=1 no slower than argon2-cffi, both in-process | {hash_in_process / c1:.2f}× ({ms(hash_in_process)} vs {ms(c1)}) | {verdict(hash_in_process <= c1)} |")
w(f"| … and as a whole `jwtctl hash` process | {j1 / c1:.2f}× ({ms(j1)} vs {ms(c1)} in-process) | {verdict(j1 <= c1)} |")
cores = a2["jwtctl p=4.cores"]
w(f"| argon2id p=4 uses both cores | {cores:.2f} cores busy on average, {a2['jwtctl p=1'] / a2['jwtctl p=4']:.2f}× faster than p=1 | {verdict(cores >= 0.8 * nproc)} |")
w()

w("### One token, whole process")
w()
w("`hyperfine -N --warmup 30 --runs 300`, three rounds, each command's round with the lowest median")
w("kept; the token is a valid HS256 token, the secret in `JWTCTL_SECRET`")
w("for jwtctl and on the command line for jwt-cli (`jwt decode --secret S TOKEN` checks the signature).")
w()
w("| command | median | mean | σ | median × `true` |")
w("|---|---|---|---|---|")
for name, r in lat.items():
    w(f"| `{name}` | {ms(r['median'])} | {ms(r['mean'])} | {ms(r['stddev'])} | {r['median'] / t_true:.2f} |")
w()
w("Ratios use medians: on a shared machine a few runs are delayed by other work, which moves")
w("the mean more than the typical run. `jwtctl --version` is the cost of starting the binary at all.")
w()

w("### Batch throughput")
w()
w("`bench/batch_compare.py`, 5 rounds, each round running every contender on every file in turn;")
w("the table keeps each contender's best round (all rounds are listed below it).")
w("jwtctl: `jwtctl verify --file FILE` (`--secret-file` or `--key`), one JSON line out per token,")
w("whole process (start-up and key loading included), output to `/dev/null`.")
w("PyJWT: `bench/pyjwt_batch.py`, in-process after the file is read: `jwt.api_jwt.decode_complete`")
w(f"per token and one `json.dumps` line out. `openssl speed -mr -multi {nproc} -seconds 2` with")
w("`rsa2048`, `ecdsap256`, `ed25519` (verify/s) and `-bytes 256 -hmac sha256`. jwt-cli and jwtctl one process per token:")
w(f"a shell loop over the first {proc_n} tokens, extrapolated to tokens/s (includes the loop's fork/exec).")
w()
w("| alg | jwtctl batch | PyJWT in-process | jwt-cli, a process per token | jwtctl, a process per token | `openssl speed -multi` verify | jwtctl ÷ PyJWT | jwtctl ÷ jwt-cli | jwtctl ÷ openssl |")
w("|---|---|---|---|---|---|---|---|---|")
for a in ("HS256", "RS256", "ES256", "EdDSA"):
    o = ossl.get(a)
    jc = per.get(f"jwt-cli {a}")
    jp = per.get(f"jwtctl {a}")
    w(f"| {a} | {k(rate[a])}/s | {k(py[a])}/s | {k(jc)}/s | {k(jp)}/s | {k(o) + '/s' if o else '?'}"
      f" | {rate[a] / py[a]:.1f}× | {rate[a] / jc:.0f}× | {rate[a] / o:.0%} |" if o else "")
w()
w(f"HS256's `openssl speed` figure is HMAC-SHA256 over 256-byte inputs, the bare MAC with no")
w("parsing; the other columns do the whole job. `jwtctl decode --file` (no key, times rendered)")
w(f"runs at {k(decode_rate)} tokens/s.")
w()
w("Every round (tokens/s, or verifies/s for openssl):")
w()
w("| contender | " + " | ".join(("HS256", "RS256", "ES256", "EdDSA")) + " |")
w("|---|---|---|---|---|")
for c in ("jwtctl", "pyjwt", "openssl"):
    w(f"| {c} | " + " | ".join(rounds.get(f"{c} {a}", "?").replace(",", ", ") for a in ("HS256", "RS256", "ES256", "EdDSA")) + " |")
if "RS256 x10" in steady and "RS256" in ossl:
    r = 10 * asym_n / steady["RS256 x10"]["mean"]
    w()
    w(f"Steady state: the RS256 file ten times over ({10 * asym_n:,} tokens) verifies at {k(r)}/s,")
    w(f"{r / ossl['RS256']:.0%} of `openssl speed`; the 10,000-token run above also carries a process's")
    w("fixed costs (start, key, thread pool, pipeline ramp-up).")
w()

w("### argon2id")
w()
w("m=19456 KiB, t=2 (jwtctl's and OWASP's defaults), 32-byte hash, 16-byte salt.")
w("`bench/argon2_compare.py`: jwtctl (`hash --password-stdin --p-cost P`) and the reference C CLI")
w("(Debian `argon2 SALT -id -t 2 -k 19456 -p P -l 32`) as whole processes, the password on stdin;")
w("argon2-cffi in-process (`PasswordHasher.hash`). 20 rounds, one of each in turn, medians.")
w("Cores busy: the children's user + system time over wall time.")
w()
w("| parallelism | jwtctl | argon2 CLI | argon2-cffi | jwtctl cores busy | argon2 CLI cores busy |")
w("|---|---|---|---|---|---|")
for p in (1, 4):
    w(f"| p={p} | {ms(a2[f'jwtctl p={p}'])} | {ms(a2[f'argon2 CLI p={p}'])} | {ms(a2[f'argon2-cffi p={p}'])}"
      f" | {a2[f'jwtctl p={p}.cores']:.2f} | {a2[f'argon2 CLI p={p}.cores']:.2f} |")
w()

if divan:
    w("### In-process benches (divan, this run)")
    w()
    w("`cargo bench --bench tokens --bench hashing`: the token core without process start-up or I/O")
    w("(`batch_line` is parse + verify + the JSON line, what batch mode does per token).")
    w()
    w("```")
    w(divan)
    w("```")
    w()

prof_batch, prof_start, stat_start = read("batch.perf.txt"), read("start.perf.txt"), read("start.stat.txt")
sym_start = read("start.sym.txt")
if prof_batch or prof_start:
    w("### Profiles (perf, this run)")
    w()
    if prof_start:
        w("One-token `jwtctl verify`, 300 runs, samples by object (kernel = exec, page faults, mapping):")
        w()
        w("```")
        w(prof_start)
        w("```")
        w()
        w("and by symbol:")
        w()
        w("```")
        w(sym_start)
        w("```")
        w()
    if stat_start:
        w("`perf stat -r 200` of `true`, `jwtctl verify TOKEN` and `jwtctl --version` (no work at all):")
        w()
        w("```")
        w(stat_start)
        w("```")
        w()
    if prof_batch:
        w(f"Batch HS256 verify of {hs_n:,} tokens, hottest symbols:")
        w()
        w("```")
        w(prof_batch)
        w("```")
        w()

users_md = read("users.md")
if users_md:
    w(f"### A users file of {int(m.get('users_n', 0)):,} users")
    w()
    w("`bench/gen_users.py` writes the file as `jwtctl users add` lays it out (argon2id hashes,")
    w("m=19456, t=2, p=1) in TOML and JSON, and a file of its last user alone;")
    w("`bench/users_bench.py` runs each command on both (edits on a fresh copy every round), best of")
    w("three rounds, wall time and the peak RSS of that run. `issue --user` includes one argon2id")
    w("check of the password.")
    w()
    w(users_md)
    w()

analysis = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ANALYSIS.md")
if os.path.exists(analysis):
    w(open(analysis).read().rstrip())
    w()

w("### Reproduce")
w()
w("```sh")
w("bench/compare.sh                       # installs the peers, measures, rewrites BENCHMARKS.md")
w("cargo bench --bench tokens             # in-process: decode, verify, sign, one batch line")
w("cargo bench --bench hashing            # in-process: argon2id at p=1 and p=4")
w("```")
