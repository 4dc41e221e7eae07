#!/usr/bin/env bash
# Reproduces the `jwtctl serve` numbers in BENCHMARKS.md: /me requests per second under wrk
# against jwtctl serve and against the FastAPI tutorial app (uvicorn, one worker), and /token
# logins per second against the argon2 bound. Loopback only; every wrk run is bounded by -d.
#
# Needs: wrk (apt-get install wrk), curl, python3 with venv. Python packages come from
# tests/interop/requirements.txt into bench/.venv unless JWTCTL_PYTHON names an interpreter
# that has them.
#   bench/serve.sh            # DURATION=10s CONNECTIONS=32 THREADS=1 by default
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-1}

for tool in wrk curl python3; do
    command -v "$tool" >/dev/null || { echo "bench/serve.sh needs $tool" >&2; exit 1; }
done

cargo build --release --quiet
J="$PWD/target/release/jwtctl"

PY=${JWTCTL_PYTHON:-}
if [ -z "$PY" ]; then
    if [ ! -x bench/.venv/bin/python ]; then
        python3 -m venv bench/.venv
        bench/.venv/bin/pip install --quiet --disable-pip-version-check -r tests/interop/requirements.txt
    fi
    PY="$PWD/bench/.venv/bin/python"
fi

WORK=$(mktemp -d)
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

export JWTCTL_SECRET=$("$J" keygen --alg HS256)
USERS="$WORK/users.toml"
# Default argon2id cost (m=19456 KiB, t=2, p=1): the bound /token is measured against.
printf 'bench-password\n' | "$J" users --users "$USERS" add bench --scope items:read --password-stdin 2>/dev/null

"$J" serve --users "$USERS" --listen 127.0.0.1:0 >"$WORK/serve.out" 2>/dev/null &
PIDS+=($!)
for _ in $(seq 100); do grep -q listening "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
JADDR=$(sed -n 's/^listening on //p' "$WORK/serve.out")
TOKEN=$(curl -sf "$JADDR/token" -d 'grant_type=password&username=bench&password=bench-password' |
    "$PY" -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')

JWT_SECRET="$JWTCTL_SECRET" JWT_ISSUER="$JADDR" KNOWN_USERS=bench \
    "$PY" -m uvicorn --app-dir tests/interop fastapi_app:app --host 127.0.0.1 --port 0 \
    --workers 1 2>"$WORK/uvicorn.err" >/dev/null &
PIDS+=($!)
for _ in $(seq 100); do grep -q 'Uvicorn running' "$WORK/uvicorn.err" 2>/dev/null && break; sleep 0.1; done
FADDR=$(sed -n 's/.*Uvicorn running on \(http:\/\/[0-9.:]*\).*/\1/p' "$WORK/uvicorn.err")

for url in "$JADDR/me" "$FADDR/me"; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$url")
    [ "$code" = 200 ] || { echo "$url answered $code, not 200" >&2; exit 1; }
done

rps() { sed -n 's/^Requests\/sec: *//p'; }
echo "== GET /me, wrk -t$THREADS -c$CONNECTIONS -d$DURATION, both servers logging one line per request"
J_RPS=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -H "Authorization: Bearer $TOKEN" "$JADDR/me" | tee "$WORK/j.txt" | rps)
grep -E 'Latency|Non-2xx' "$WORK/j.txt" | sed 's/^/  jwtctl  /'
F_RPS=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -H "Authorization: Bearer $TOKEN" "$FADDR/me" | tee "$WORK/f.txt" | rps)
grep -E 'Latency|Non-2xx' "$WORK/f.txt" | sed 's/^/  fastapi /'
echo "jwtctl serve /me:  $J_RPS req/s"
echo "FastAPI /me:       $F_RPS req/s"
"$PY" -c "print(f'ratio:             {$J_RPS / $F_RPS:.1f}x')"

echo "== POST /token (password grant, default argon2id cost)"
cat >"$WORK/token.lua" <<'EOF'
wrk.method = "POST"
wrk.body = "grant_type=password&username=bench&password=bench-password"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
EOF
# One login at a time measures a single argon2 verification plus a sub-millisecond HTTP round
# trip; the bound is that rate on every core (the server runs one check per core at once).
SERIAL=$(wrk -t1 -c1 -d"$DURATION" -s "$WORK/token.lua" "$JADDR/token" | rps)
T_RPS=$(wrk -t1 -c8 -d"$DURATION" -s "$WORK/token.lua" "$JADDR/token" | tee "$WORK/t.txt" | rps)
grep -E 'Latency|Non-2xx' "$WORK/t.txt" | sed 's/^/  /'
CORES=$(nproc)
"$PY" - <<EOF
serial, full, cores = $SERIAL, $T_RPS, $CORES
bound = cores * serial
print(f"one login at a time:  {serial:.1f} logins/s ({1000 / serial:.1f} ms each, nearly all argon2id)")
print(f"bound on {cores} cores:     {bound:.1f} logins/s")
print(f"8 clients at once:    {full:.1f} logins/s = {100 * full / bound:.0f}% of the bound")
EOF
