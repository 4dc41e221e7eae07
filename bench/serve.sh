#!/usr/bin/env bash
# Reproduces the `jwtctl serve` numbers in BENCHMARKS.md: /me requests per second under wrk
# against jwtctl serve and against the FastAPI tutorial app (uvicorn, one worker), and /token
# logins per second against the argon2 bound. Loopback only; every wrk run is bounded by -d.
#
# Needs: wrk (apt-get install wrk), curl, python3 with venv. Python packages come from
# tests/interop/requirements.txt into bench/.venv unless JWTCTL_PYTHON names an interpreter
# that has them.
#   bench/serve.sh            # DURATION=10s CONNECTIONS=32 THREADS=1 ROUNDS=3 by default
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-1}
ROUNDS=${ROUNDS:-3}

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
echo "== $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the runs"
echo "== GET /me, wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS alternating rounds, both servers logging"
J_ALL=() F_ALL=()
for round in $(seq "$ROUNDS"); do
    JR=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -H "Authorization: Bearer $TOKEN" "$JADDR/me" | tee "$WORK/j.txt" | rps)
    FR=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -H "Authorization: Bearer $TOKEN" "$FADDR/me" | tee "$WORK/f.txt" | rps)
    ! grep -q Non-2xx "$WORK/j.txt" "$WORK/f.txt" || { echo "non-2xx answers under load" >&2; exit 1; }
    echo "round $round: jwtctl serve $JR req/s, FastAPI $FR req/s"
    J_ALL+=("$JR") F_ALL+=("$FR")
done
"$PY" - "${J_ALL[*]}" "${F_ALL[*]}" <<'EOF'
import statistics, sys
j = [float(x) for x in sys.argv[1].split()]
f = [float(x) for x in sys.argv[2].split()]
print(f"median: jwtctl serve /me {statistics.median(j):.0f} req/s, FastAPI /me {statistics.median(f):.0f} req/s")
print(f"ratio of medians: {statistics.median(j) / statistics.median(f):.1f}x")
EOF

echo "== POST /token (password grant, default argon2id cost)"
cat >"$WORK/token.lua" <<'EOF'
wrk.method = "POST"
wrk.body = "grant_type=password&username=bench&password=bench-password"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
EOF
# The server's own CPU time per login, from /proc: unlike wall-clock rates it does not depend on
# what else the machine runs, so it shows how much the server adds to the argon2 work.
JPID=${PIDS[0]}
ticks() { awk '{print $14 + $15}' "/proc/$JPID/stat"; }
HZ=$(getconf CLK_TCK)
# One login at a time: a single argon2 verification plus a sub-millisecond HTTP round trip.
c0=$(ticks)
SERIAL_OUT=$(wrk -t1 -c1 -d"$DURATION" -s "$WORK/token.lua" "$JADDR/token")
c1=$(ticks)
T_OUT=$(wrk -t1 -c8 -d"$DURATION" -s "$WORK/token.lua" "$JADDR/token")
c2=$(ticks)
echo "$T_OUT" | grep -E 'Latency|Non-2xx' | sed 's/^/  /'
SERIAL=$(echo "$SERIAL_OUT" | rps)
T_RPS=$(echo "$T_OUT" | rps)
S_N=$(echo "$SERIAL_OUT" | sed -n 's/^ *\([0-9]*\) requests in.*/\1/p')
T_N=$(echo "$T_OUT" | sed -n 's/^ *\([0-9]*\) requests in.*/\1/p')
CORES=$(nproc)
"$PY" - <<EOF
serial, full, cores, hz = $SERIAL, $T_RPS, $CORES, $HZ
cpu_serial = ($c1 - $c0) / hz * 1000 / $S_N
cpu_full = ($c2 - $c1) / hz * 1000 / $T_N
used = full * cpu_full / 1000
bound = cores * 1000 / cpu_serial
print(f"one login at a time:  {serial:.1f} logins/s, {cpu_serial:.1f} ms of server CPU each (~ one argon2id check)")
print(f"8 clients at once:    {full:.1f} logins/s, {cpu_full:.1f} ms of server CPU each, {used:.2f} cores busy")
print(f"argon2 bound: {bound:.0f} logins/s on {cores} idle cores, {used * 1000 / cpu_serial:.0f} on the {used:.2f} cores this run got;")
print(f"reached {100 * cpu_serial / cpu_full:.0f}% of the bound for the CPU the server had")
EOF
echo "== load average $(cut -d' ' -f1-3 /proc/loadavg) after the runs"
