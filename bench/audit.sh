#!/usr/bin/env bash
# The audit workflow on a generated log of bearer tokens with known ground truth: one
# `verify --summary json` pass must answer "how many expired, which sub with bad signatures,
# which lifetimes over 24 h, which alg none", in about the time of a plain `verify` pass, and
# `lint` (no word list) must stay within twice that time. Checks every answer against the
# generator's truth.json and prints the timings. Release build.
#
# N=100000 bench/audit.sh for a quick look (default 1,000,000 tokens, about 240 MB).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000000}
OUT=${OUT:-bench/.out/audit}
BIN=${CARGO_TARGET_DIR:-target}/release/jwtctl
mkdir -p "$OUT"
cargo build --release --quiet
if [ ! -s "$OUT/tokens.txt" ] || [ "$(wc -l < "$OUT/tokens.txt")" != "$N" ]; then
    python3 bench/gen_audit.py "$OUT" "$N" > /dev/null
fi
AT=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["at"])' "$OUT/truth.json")
KEY=(--secret-file "$OUT/secret" --at "$AT")

# Best of three wall times, in seconds; the command's output goes to $OUT/last.
best() {
    local best=""
    for _ in 1 2 3; do
        local start end t
        start=$(date +%s.%N)
        "$@" > "$OUT/last" 2>/dev/null || true
        end=$(date +%s.%N)
        t=$(echo "$end - $start" | bc)
        if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
    done
    printf '%.2f' "$best"
}

t_verify=$(best "$BIN" verify -q --file "$OUT/tokens.txt" "${KEY[@]}")
t_summary=$(best "$BIN" verify --file "$OUT/tokens.txt" "${KEY[@]}" --summary json)
cp "$OUT/last" "$OUT/verify-summary.json"
t_lint=$(best "$BIN" lint -q --file "$OUT/tokens.txt" --at "$AT")
t_lint_summary=$(best "$BIN" lint --file "$OUT/tokens.txt" --at "$AT" --summary json)
cp "$OUT/last" "$OUT/lint-summary.json"

python3 - "$OUT" "$N" "$t_verify" "$t_summary" "$t_lint" "$t_lint_summary" <<'PY'
import json, sys
out, n, t_verify, t_summary, t_lint, t_lint_summary = sys.argv[1], *sys.argv[2:]
truth = json.load(open(f"{out}/truth.json"))
s = json.load(open(f"{out}/verify-summary.json"))
lint = json.load(open(f"{out}/lint-summary.json"))
checks = s["failed_checks"]["values"]
answers = {
    "tokens": (s["tokens"], truth["tokens"]),
    "expired (failed exp, forged ones included)": (checks.get("exp"), truth["expired"]),
    "bad signatures": (checks.get("signature"), truth["forged"]),
    "subs with bad signatures": (sorted(s["sub_by_check"]["signature"]["values"]), truth["forged_subs"]),
    "lifetimes over 24 h": (s["findings"]["values"].get("long-lifetime"), truth["long_lifetime"]),
    "subs with lifetimes over 24 h": (sorted(s["sub_by_finding"]["long-lifetime"]["values"]), truth["long_lifetime_subs"]),
    "alg none": (s["alg"]["values"].get("none"), truth["alg_none"]),
    "subs with alg none": (sorted(s["sub_by_finding"]["alg-none"]["values"]), truth["alg_none_subs"]),
    "malformed": (s["malformed"], truth["malformed"]),
    "valid": (s["valid"], truth["valid"]),
    "lint: alg-none findings": (lint["findings"]["values"].get("alg-none"), truth["alg_none"]),
}
ok = True
for name, (got, want) in answers.items():
    mark = "ok" if got == want else "WRONG"
    ok &= got == want
    print(f"{mark:5} {name}: {got}" + ("" if got == want else f" (truth: {want})"))
tv, ts, tl, tls = map(float, (t_verify, t_summary, t_lint, t_lint_summary))
print(f"\n{n} tokens, best of 3 wall times:")
print(f"  verify -q                 {tv:6.2f} s")
print(f"  verify --summary json     {ts:6.2f} s  ({ts / tv:.2f}x verify)")
print(f"  lint -q                   {tl:6.2f} s  ({tl / tv:.2f}x verify)")
print(f"  lint --summary json       {tls:6.2f} s  ({tls / tv:.2f}x verify)")
sys.exit(0 if ok else 1)
PY
