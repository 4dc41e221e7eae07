"""A large users file against a one-user file: wall time and peak RSS of whole jwtctl processes,
and how `serve` takes an edit of the large file.

Usage: users_bench.py OUTDIR COUNT ROUNDS [NAME=]JWTCTL...
Reads OUTDIR/users-COUNT.{toml,json} and OUTDIR/users-1.{toml,json} (bench/gen_users.py) and
writes OUTDIR/users.md, a Markdown table: for each binary, each command's best round (lowest
wall time) and the peak RSS of that run. With several binaries (before=OLD after=NEW), each
round runs every binary in turn, so they share the machine's conditions.

`serve reload`: `jwtctl serve` on a copy of the large file, logged in as its last user; then
`jwtctl users disable user5` (the binary under test) and `GET /me` with that user's token in a
loop until the server notes "reloaded": the time from the end of the edit to the note, and the
slowest `/me` answered meanwhile (a reload on the request path shows up there).
"""

import http.client
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.parse

out, count, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
binaries = [(b.split("=", 1) if "=" in b else ("jwtctl", b)) for b in sys.argv[4:]]
last = f"user{count - 1}"
SECRET = "users-bench-secret-0123456789abcdef-0123456789"
COMMANDS = [
    ("issue --user", ["issue", "--user", last, "--password-stdin"], "secret\n", False),
    ("users show", ["users", "show", last], None, False),
    ("users list", ["users", "list"], None, False),
    ("users add", ["users", "add", "newbie", "--password-stdin"], "a-long-enough-password\n", True),
    ("users disable", ["users", "disable", last], None, True),
]
ENV = dict(os.environ, JWTCTL_SECRET=SECRET, NO_COLOR="1")


def run(argv, stdin):
    """Wall seconds and peak RSS (MB) of one process."""
    start = time.perf_counter()
    p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, env=ENV)
    if stdin:
        p.stdin.write(stdin.encode())
    p.stdin.close()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{' '.join(argv)} exited {code}")
    return wall, usage.ru_maxrss / 1024


def fresh_copy(users_file):
    path = os.path.join(out, "edited" + os.path.splitext(users_file)[1])
    shutil.copyfile(users_file, path)
    os.chmod(path, 0o600)
    return path


def once(jwtctl, users_file, args, stdin, edits):
    path = fresh_copy(users_file) if edits else users_file
    return run([jwtctl, "--users", path, *args], stdin)


def serve_reload(jwtctl, users_file):
    """(ms from the edit to the "reloaded" note, slowest /me meanwhile in ms, peak RSS MB)."""
    path = fresh_copy(users_file)
    log_path = os.path.join(out, "serve.log")
    with open(log_path, "wb") as log:
        p = subprocess.Popen([jwtctl, "serve", "--users", path, "--listen", "127.0.0.1:0"],
                             stdout=subprocess.PIPE, stderr=log, stdin=subprocess.DEVNULL,
                             env=ENV)
        try:
            line = p.stdout.readline().decode()
            assert line.startswith("listening on http://"), line
            host, port = line.strip()[len("listening on http://"):].rsplit(":", 1)
            c = http.client.HTTPConnection(host, int(port), timeout=120)
            body = urllib.parse.urlencode(
                {"grant_type": "password", "username": last, "password": "secret"})
            c.request("POST", "/token", body,
                      {"Content-Type": "application/x-www-form-urlencoded"})
            r = c.getresponse()
            token = json.loads(r.read())["access_token"]
            auth = {"Authorization": f"Bearer {token}"}
            run([jwtctl, "--users", path, "users", "disable", "user5"], None)
            edited = time.perf_counter()
            slowest = 0.0
            while time.perf_counter() - edited < 120:
                t = time.perf_counter()
                c.request("GET", "/me", headers=auth)
                r = c.getresponse()
                r.read()
                assert r.status == 200, r.status
                slowest = max(slowest, time.perf_counter() - t)
                with open(log_path, "rb") as f:
                    if b"reloaded" in f.read():
                        break
                time.sleep(0.002)
            else:
                raise SystemExit(f"{jwtctl} serve never reloaded {path}")
            reloaded = time.perf_counter() - edited
            with open(f"/proc/{p.pid}/status") as f:
                hwm = next(int(l.split()[1]) for l in f if l.startswith("VmHWM:"))
            return reloaded * 1000, slowest * 1000, hwm / 1024
        finally:
            p.terminate()
            p.wait(10)


results = {}  # (binary, command, format, size) -> best (wall, rss)
reloads = {}  # (binary, format) -> best (reload ms, slowest ms, rss)
for _ in range(rounds):
    for ext in ("toml", "json"):
        files = {"1": os.path.join(out, f"users-1.{ext}"),
                 "n": os.path.join(out, f"users-{count}.{ext}")}
        for name, args, stdin, edits in COMMANDS:
            for size, users_file in files.items():
                for label, jwtctl in binaries:
                    key = (label, name, ext, size)
                    r = once(jwtctl, users_file, args, stdin, edits)
                    results[key] = min(results.get(key, r), r)
        for label, jwtctl in binaries:
            r = serve_reload(jwtctl, files["n"])
            reloads[(label, ext)] = min(reloads.get((label, ext), r), r)

head = "| command | format |" + "".join(
    f" {label}: 1 user | {label}: {count:,} users |" for label, _ in binaries)
rows = [head, "|---|---|" + "---|---|" * len(binaries)]
for ext in ("toml", "json"):
    for name, *_ in COMMANDS:
        row = f"| `{name}` | {ext.upper()} |"
        for label, _ in binaries:
            t1, m1 = results[(label, name, ext, "1")]
            tn, mn = results[(label, name, ext, "n")]
            row += (f" {t1 * 1000:,.0f} ms, {m1:.0f} MB | {tn * 1000:,.0f} ms, {mn:.0f} MB"
                    f" ({tn / t1:.1f}×) |")
        rows.append(row)
    row = f"| `serve` reload after `users disable` | {ext.upper()} |"
    for label, _ in binaries:
        reload_ms, slowest, rss = reloads[(label, ext)]
        row += (f" | {reload_ms:,.0f} ms to reload; slowest `/me` meanwhile {slowest:,.1f} ms;"
                f" server peak {rss:.0f} MB |")
    rows.append(row)

with open(os.path.join(out, "users.md"), "w") as f:
    f.write("\n".join(rows) + "\n")
print(open(os.path.join(out, "users.md")).read())
