"""A large users file against a one-user file: wall time and peak RSS of whole jwtctl processes.

Usage: users_bench.py JWTCTL OUTDIR COUNT ROUNDS
Reads OUTDIR/users-COUNT.{toml,json} and OUTDIR/users-1.{toml,json} (bench/gen_users.py) and
writes OUTDIR/users.md, a Markdown table: each command's best round (lowest wall time) and the
peak RSS of that run.
"""

import os
import shutil
import subprocess
import sys
import time

jwtctl, out, count, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
last = f"user{count - 1}"
COMMANDS = [
    ("issue --user", ["issue", "--user", last, "--password-stdin"], "secret\n", False),
    ("users show", ["users", "show", last], None, False),
    ("users list", ["users", "list"], None, False),
    ("users add", ["users", "add", "newbie", "--password-stdin"], "a-long-enough-password\n", True),
    ("users disable", ["users", "disable", last], None, True),
]


def run(argv, stdin):
    """Wall seconds and peak RSS (MB) of one process."""
    start = time.perf_counter()
    p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    if stdin:
        p.stdin.write(stdin.encode())
    p.stdin.close()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {p.returncode}")
    return wall, usage.ru_maxrss / 1024


def best(users_file, args, stdin, edits):
    results = []
    for _ in range(rounds):
        path = users_file
        if edits:  # every round edits a fresh copy
            path = os.path.join(out, "edited" + os.path.splitext(users_file)[1])
            shutil.copyfile(users_file, path)
            os.chmod(path, 0o600)
        env_secret = os.environ.get("JWTCTL_SECRET")
        assert env_secret, "set JWTCTL_SECRET"
        results.append(run([jwtctl, "--users", path, *args], stdin))
    return min(results)


rows = []
for ext in ("toml", "json"):
    one = os.path.join(out, f"users-1.{ext}")
    many = os.path.join(out, f"users-{count}.{ext}")
    for name, args, stdin, edits in COMMANDS:
        t1, m1 = best(one, args, stdin, edits)
        tn, mn = best(many, args, stdin, edits)
        rows.append(f"| `{name}` | {ext.upper()} | {t1 * 1000:.0f} ms, {m1:.0f} MB "
                    f"| {tn * 1000:.0f} ms, {mn:.0f} MB | {tn / t1:.1f}× |")

with open(os.path.join(out, "users.md"), "w") as f:
    f.write(f"| command | format | one user | {count:,} users | × one user |\n")
    f.write("|---|---|---|---|---|\n")
    f.write("\n".join(rows) + "\n")
print(open(os.path.join(out, "users.md")).read())
