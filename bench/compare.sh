#!/usr/bin/env bash
# Side-by-side benchmarks of jwtctl against its peers, on this machine, with the same inputs,
# in one run; writes BENCHMARKS.md. Installs what it needs (hyperfine, the argon2 CLI, openssl,
# perf when available, jwt-cli from crates.io, PyJWT and argon2-cffi in a venv), caching the
# tools under bench/.tools and bench/.venv. Slow (about 10 minutes): not part of .ci/run.
#
# Sizes can be lowered for a quick look: HS_N=10000 ASYM_N=1000 PROC_N=50 USERS_N=10000 bench/compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."

HS_N=${HS_N:-100000}     # HS256 tokens in the batch file
ASYM_N=${ASYM_N:-10000}  # RS256 / ES256 / EdDSA tokens in each batch file
PROC_N=${PROC_N:-300}    # tokens verified one process per token (then extrapolated)
USERS_N=${USERS_N:-100000} # users in the large users file
OUT=bench/.out
TOOLS=$PWD/bench/.tools
VENV=$PWD/bench/.venv
export CARGO_TERM_COLOR=never
mkdir -p "$OUT" "$TOOLS"
rm -rf "$OUT" && mkdir -p "$OUT"

say() { printf '== %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# ---------------------------------------------------------------- tools
need_apt=()
command -v hyperfine >/dev/null || need_apt+=(hyperfine)
command -v argon2 >/dev/null || need_apt+=(argon2)
command -v openssl >/dev/null || need_apt+=(openssl)
python3 -c 'import venv, ensurepip' 2>/dev/null || need_apt+=(python3-venv)
if [ ${#need_apt[@]} -gt 0 ]; then
    say "apt-get install ${need_apt[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
if ! command -v perf >/dev/null; then
    # Only for the profiles in the report; the figures do not need it.
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq linux-perf >/dev/null 2>&1 || true
fi

if [ ! -x "$VENV/bin/python" ]; then
    say "Python venv: PyJWT, argon2-cffi"
    python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet --disable-pip-version-check 'pyjwt[crypto]==2.15.1' 'argon2-cffi==25.1.0'
PY=$VENV/bin/python

if [ ! -x "$TOOLS/bin/jwt" ]; then
    say "cargo install jwt-cli (once; cached in bench/.tools)"
    cargo install --quiet --locked jwt-cli --version 6.2.0 --root "$TOOLS"
fi
JWT=$TOOLS/bin/jwt

say "cargo build --release"
cargo build --quiet --release --locked --bin jwtctl
JWTCTL=${CARGO_TARGET_DIR:-$PWD/target}/release/jwtctl

# ---------------------------------------------------------------- inputs
say "inputs: $HS_N HS256 and $ASYM_N RS256/ES256/EdDSA tokens (PyJWT-signed)"
"$PY" bench/gen_tokens.py "$OUT" "$HS_N" "$ASYM_N"
chmod 600 "$OUT"/hs.secret "$OUT"/*.key
for a in RS256 ES256 EdDSA; do cp "$OUT/$a.pub" "$OUT/$a.pub.pem"; done # jwt-cli wants .pem
SECRET=$(cat "$OUT/hs.secret")
export JWTCTL_SECRET=$SECRET
TOKEN=$(head -1 "$OUT/HS256.txt")
echo correct-horse-battery-staple > "$OUT/password"

# Every peer must agree the inputs are valid before anything is timed.
"$JWTCTL" -q verify "$TOKEN"
"$JWT" decode --secret "$SECRET" "$TOKEN" >/dev/null
for a in RS256 ES256 EdDSA; do
    t=$(head -1 "$OUT/$a.txt")
    "$JWTCTL" -q verify --key "$OUT/$a.pub" "$t"
    "$JWT" decode --alg "$(echo $a | tr a-z A-Z)" --secret "@$OUT/$a.pub.pem" "$t" >/dev/null
done

# ---------------------------------------------------------------- machine
{
    echo "nproc=$(nproc)"
    echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "kernel=$(uname -r)"
    echo "load_before=$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "rustc=$(rustc --version)"
    echo "jwtctl=$("$JWTCTL" --version)"
    echo "jwt_cli=$("$JWT" --version)"
    echo "python=$("$PY" --version 2>&1)"
    echo "pyjwt=$("$PY" -c 'import jwt; print(jwt.__version__)')"
    echo "argon2_cffi=$("$PY" -c 'import importlib.metadata as m; print(m.version("argon2-cffi"))')"
    echo "openssl=$(openssl version)"
    echo "hyperfine=$(hyperfine --version)"
    echo "argon2_cli=$(dpkg-query -W -f '${Version}' argon2 2>/dev/null || echo unknown)"
    echo "hs_n=$HS_N"
    echo "asym_n=$ASYM_N"
    echo "proc_n=$PROC_N"
    echo "users_n=$USERS_N"
} > "$OUT/machine.txt"

# ---------------------------------------------------------------- one token, whole process
say "one-token latency: jwtctl vs jwt-cli vs true (3 rounds)"
for round in 1 2 3; do
    hyperfine -N --warmup 30 --runs 300 --export-json "$OUT/latency$round.json" \
        -n true true \
        -n "jwtctl verify" "$JWTCTL verify $TOKEN" \
        -n "jwtctl --version" "$JWTCTL --version" \
        -n "jwtctl decode" "$JWTCTL decode $TOKEN" \
        -n "jwt-cli decode --secret" "$JWT decode --secret $SECRET $TOKEN" >&2
done

# ---------------------------------------------------------------- users file
say "users file: $USERS_N users against one (bench/gen_users.py, bench/users_bench.py)"
"$PY" bench/gen_users.py "$OUT" "$USERS_N"
"$PY" bench/users_bench.py "$OUT" "$USERS_N" 3 "$JWTCTL" >&2

# ---------------------------------------------------------------- batch throughput
say "batch: jwtctl verify --file vs PyJWT in-process vs openssl speed, 5 alternating rounds"
"$PY" bench/batch_compare.py "$JWTCTL" "$PY" "$OUT" 5
hyperfine -N --warmup 1 --runs 5 --output=null --export-json "$OUT/batch_more.json" \
    -n "decode HS256" "$JWTCTL decode --file $OUT/HS256.txt" >&2
# The steady state, without a process's fixed costs weighing on 10,000 tokens.
for _ in 1 2 3 4 5 6 7 8 9 10; do cat "$OUT/RS256.txt"; done > "$OUT/RS256x10.txt"
hyperfine -N --warmup 1 --runs 5 --output=null --export-json "$OUT/batch_steady.json" \
    -n "RS256 x10" "$JWTCTL verify --key $OUT/RS256.pub --file $OUT/RS256x10.txt" >&2

say "one process per token: jwt-cli and jwtctl over $PROC_N tokens each"
per_process() { # name, tokens file, command... (the token is appended)
    local name=$1 file=$2
    shift 2
    head -n "$PROC_N" "$file" > "$OUT/sample.txt"
    local start end
    start=$(date +%s.%N)
    while IFS= read -r t; do "$@" "$t" >/dev/null; done < "$OUT/sample.txt"
    end=$(date +%s.%N)
    echo "$name=$("$PY" -c "print($PROC_N / ($end - $start))")"
}
{
    per_process "jwt-cli HS256" "$OUT/HS256.txt" "$JWT" decode --secret "$SECRET"
    per_process "jwtctl HS256" "$OUT/HS256.txt" "$JWTCTL" -q verify
    for a in RS256 ES256 EdDSA; do
        per_process "jwt-cli $a" "$OUT/$a.txt" "$JWT" decode --alg "$(echo $a | tr a-z A-Z)" --secret "@$OUT/$a.pub.pem"
        per_process "jwtctl $a" "$OUT/$a.txt" "$JWTCTL" -q verify --key "$OUT/$a.pub"
    done
} > "$OUT/per_process.txt"

# ---------------------------------------------------------------- argon2id
say "argon2id: jwtctl vs the reference C CLI vs argon2-cffi"
"$PY" bench/argon2_compare.py "$JWTCTL" 20 "$OUT/argon2.txt"

say "in-process benches (divan): cargo bench --bench tokens --bench hashing"
cargo bench --quiet --locked --bench tokens --bench hashing 2>/dev/null |
    sed 's/\x1b\[[0-9;]*m//g' > "$OUT/divan.txt"

# ---------------------------------------------------------------- profiles
if command -v perf >/dev/null && perf record -o /dev/null true >/dev/null 2>&1; then
    say "profiles (perf)"
    perf record -q -F 4000 -o "$OUT/batch.perf" \
        "$JWTCTL" verify --secret-file "$OUT/hs.secret" --file "$OUT/HS256.txt" >/dev/null 2>&1
    perf report -i "$OUT/batch.perf" --no-children --sort sym --stdio -g none 2>/dev/null |
        grep '%' | head -25 > "$OUT/batch.perf.txt" || true
    perf record -q -F 20000 -o "$OUT/start.perf" -- sh -c \
        "for i in \$(seq 300); do $JWTCTL verify $TOKEN >/dev/null; done" >/dev/null 2>&1
    perf report -i "$OUT/start.perf" --no-children --sort comm,dso --stdio -g none 2>/dev/null |
        grep '%' | grep ' jwtctl ' | head -8 > "$OUT/start.perf.txt" || true
    perf report -i "$OUT/start.perf" --comm jwtctl --no-children --sort dso,sym --stdio -g none 2>/dev/null |
        grep '%' | head -15 > "$OUT/start.sym.txt" || true
    perf stat -r 200 -e task-clock,page-faults true 2>&1 >/dev/null | grep -E 'task-clock|page-faults' > "$OUT/start.stat.txt" || true
    perf stat -r 200 -e task-clock,page-faults "$JWTCTL" verify "$TOKEN" 2>&1 >/dev/null | grep -E 'task-clock|page-faults' >> "$OUT/start.stat.txt" || true
    perf stat -r 200 -e task-clock,page-faults "$JWTCTL" --version 2>&1 >/dev/null | grep -E 'task-clock|page-faults' >> "$OUT/start.stat.txt" || true
fi
echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"

say "writing BENCHMARKS.md (only the section between its compare.sh markers)"
"$PY" bench/report.py "$OUT" > "$OUT/section.md"
"$PY" - BENCHMARKS.md "$OUT/section.md" <<'EOF'
import os, sys
doc, section = sys.argv[1], open(sys.argv[2]).read()
begin, end = "<!-- bench/compare.sh: begin -->", "<!-- bench/compare.sh: end -->"
block = f"{begin}\n{section.rstrip()}\n{end}\n"
text = open(doc).read() if os.path.exists(doc) else "# Benchmarks\n"
if begin in text and end in text:
    head, rest = text.split(begin, 1)
    text = head + block + rest.split(end, 1)[1].lstrip("\n")
else:
    text = text.rstrip("\n") + "\n\n" + block
open(doc, "w").write(text)
EOF
cat "$OUT/section.md"
