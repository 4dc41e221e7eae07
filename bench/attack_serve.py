#!/usr/bin/env python3
"""Replays five attacks on `jwtctl serve` over loopback and prints what the server did.

    bench/attack_serve.py [--binary target/release/jwtctl] [--quick]

1. backoff: 100,500 failed logins for made-up names from one client (5,000-byte passwords, as
   first measured), then 30 wrong passwords and the right one for a real user; then /me and
   /jwks latency after the spray. With a binary that has the hidden table-size knob, the same
   at a small table cap (200 records, 300 names) with the per-address budget lifted, so the
   eviction path itself is exercised.
2. enumeration: medians of 30 logins each for an unknown user, a wrong password, a disabled
   user and an over-long (5,000-byte) password, on /token and with `issue --user`.
3. forms: a 64 KiB body of as many distinct keys as fit on /token, alone and from 8 clients while
   /jwks is timed.
4. slow connections: 300 connections that send half a request line; how many the server has
   closed 12 s later, and whether a fresh client is answered.
5. log: a request for /<U+202E>RLO; whether the raw character reaches the request log.

Loopback only; every phase is bounded in count and time (about three minutes in all).
Standard library only. Works against older binaries too (phases they lack flags for adapt).
"""

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LONG = "x" * 5000
SECRET = "attack-bench-secret-0123456789abcdef-0123456789"


def run(binary, *args, stdin=None, env=None):
    e = dict(os.environ, JWTCTL_SECRET=SECRET, NO_COLOR="1")
    e.update(env or {})
    return subprocess.run([binary, *args], input=stdin, capture_output=True, text=True, env=e)


class Server:
    def __init__(self, binary, users, args=(), env=None, log=None):
        e = dict(os.environ, JWTCTL_SECRET=SECRET, NO_COLOR="1")
        e.update(env or {})
        self.log_path = log or os.path.join(os.path.dirname(users), "serve.log")
        self.log = open(self.log_path, "wb")
        self.p = subprocess.Popen(
            [binary, "serve", "--users", users, "--listen", "127.0.0.1:0", *args],
            stdout=subprocess.PIPE, stderr=self.log, stdin=subprocess.DEVNULL, env=e)
        line = self.p.stdout.readline().decode()
        assert line.startswith("listening on http://"), line
        host, port = line.strip()[len("listening on http://"):].rsplit(":", 1)
        self.host, self.port = host, int(port)

    def conn(self):
        return http.client.HTTPConnection(self.host, self.port, timeout=60)

    def stop(self):
        self.p.terminate()
        try:
            self.p.wait(10)
        except subprocess.TimeoutExpired:
            self.p.kill()
        self.log.close()


def login(c, user, password):
    body = urllib.parse.urlencode(
        {"grant_type": "password", "username": user, "password": password})
    c.request("POST", "/token", body,
              {"Content-Type": "application/x-www-form-urlencoded"})
    r = c.getresponse()
    data = r.read()
    return r.status, data


def timed_get(c, path, headers=None):
    t = time.perf_counter()
    c.request("GET", path, headers=headers or {})
    r = c.getresponse()
    r.read()
    return (time.perf_counter() - t) * 1000, r.status


def ms(xs):
    return f"{statistics.median(xs):.2f} ms"


def has_flag(binary, flag):
    return flag in run(binary, "serve", "--help").stdout


def make_users(binary, folder):
    users = os.path.join(folder, "users.toml")
    for name, pw in [("eve", "eve-password"), ("alice", "alice-password"),
                     ("carol", "carol-password")]:
        r = run(binary, "users", "--users", users, "add", name, "--scope", "items:read",
                "--password-stdin", stdin=pw + "\n")
        assert r.returncode == 0, r.stderr
    r = run(binary, "users", "--users", users, "disable", "carol")
    assert r.returncode == 0, r.stderr
    os.chmod(users, 0o600)
    return users


def spray(s, names, password, threads=4, limit_s=90):
    """Failed logins for `names`, split over `threads` keep-alive connections; returns a
    count per status and the elapsed time. Stops at `limit_s`."""
    counts = {}
    lock = threading.Lock()
    deadline = time.monotonic() + limit_s

    def work(part):
        c = s.conn()
        local = {}
        for n in part:
            if time.monotonic() > deadline:
                break
            st, _ = login(c, n, password)
            local[st] = local.get(st, 0) + 1
        with lock:
            for k, v in local.items():
                counts[k] = counts.get(k, 0) + v

    t = time.monotonic()
    ts = [threading.Thread(target=work, args=(names[i::threads],)) for i in range(threads)]
    for x in ts:
        x.start()
    for x in ts:
        x.join()
    return counts, time.monotonic() - t


def real_user_after(s):
    c = s.conn()
    wrong = [login(c, "eve", "not-her-password")[0] for _ in range(30)]
    right = login(c, "eve", "eve-password")[0]
    return ("30 wrong: " + ", ".join(f"{wrong.count(k)}x {k}" for k in sorted(set(wrong)))
            + f"; right password: {right}")


def latency_of_me_and_jwks(s, token):
    c = s.conn()
    me = [timed_get(c, "/me", {"Authorization": f"Bearer {token}"})[0] for _ in range(200)]
    jwks = [timed_get(c, "/.well-known/jwks.json")[0] for _ in range(200)]
    q = lambda xs: f"median {ms(xs)}, p99 {sorted(xs)[197]:.2f} ms"
    return f"/me {q(me)}; /jwks {q(jwks)}"


def phase_backoff(binary, folder, quick):
    print("\n## 1. login backoff under a name spray")
    users = make_users(binary, folder)
    new = has_flag(binary, "--max-failed-logins-per-address")
    s = Server(binary, users)
    try:
        c = s.conn()
        st, body = login(c, "alice", "alice-password")
        token = __import__("json").loads(body)["access_token"]
        n = 10_050 if quick else 100_500
        counts, took = spray(s, [f"n{i}" for i in range(n)], LONG)
        print(f"spray: {n} names, 5,000-byte passwords, one client: {took:.1f} s, "
              f"answers {dict(sorted(counts.items()))}")
        print(f"then eve: {real_user_after(s)}")
        print(f"after the spray: {latency_of_me_and_jwks(s, token)}")
    finally:
        s.stop()
    if not new:
        print("(no table-size knob in this binary: the at-the-cap run is skipped)")
        return
    s = Server(binary, users, ["--max-failed-logins-per-address", "10000000"],
               env={"JWTCTL_SERVE_LIMITER_CAPACITY": "200"})
    try:
        counts, took = spray(s, [f"m{i}" for i in range(300)], "guess")
        print(f"at the cap (tables of 200, budget lifted): 300 names in {took:.1f} s, "
              f"answers {dict(sorted(counts.items()))}")
        print(f"then eve: {real_user_after(s)}")
    finally:
        s.stop()


def phase_enumeration(binary, folder):
    print("\n## 2. user enumeration by timing (median of 30, interleaved)")
    users = make_users(binary, folder)
    args = ["--max-failed-logins", "1000000"]
    if has_flag(binary, "--max-failed-logins-per-address"):
        args += ["--max-failed-logins-per-address", "1000000"]
    cases = [("unknown user", "nobody", "some-password"),
             ("wrong password", "alice", "not-the-password"),
             ("disabled user", "carol", "carol-password"),
             ("over-long password", "alice", LONG),
             ("unknown, over-long", "nobody", LONG)]
    s = Server(binary, users, args)
    try:
        c = s.conn()
        times = {k: [] for k, _, _ in cases}
        for _ in range(30):
            for label, user, pw in cases:
                t = time.perf_counter()
                st, _ = login(c, user, pw)
                times[label].append((time.perf_counter() - t) * 1000)
                assert st == 400, (label, st)
        print("/token:         " + " | ".join(f"{k} {ms(v)}" for k, v in times.items()))
    finally:
        s.stop()
    times = {k: [] for k, _, _ in cases}
    for _ in range(30):
        for label, user, pw in cases:
            t = time.perf_counter()
            r = run(binary, "issue", "--users", users, "--user", user, "--password-stdin",
                    stdin=pw + "\n")
            times[label].append((time.perf_counter() - t) * 1000)
            assert r.returncode != 0, label
    print("issue --user:   " + " | ".join(f"{k} {ms(v)}" for k, v in times.items()))


def form_body():
    keys, size, i = [], 0, 0
    while True:
        k = format(i, "x")
        if size + len(k) + 1 > 64 * 1024:
            break
        keys.append(k)
        size += len(k) + 1
        i += 1
    return "&".join(keys), len(keys)


def phase_forms(binary, folder):
    print("\n## 3. a 64 KiB form of distinct keys")
    users = make_users(binary, folder)
    body, n = form_body()
    s = Server(binary, users)
    try:
        c = s.conn()
        one = []
        for _ in range(5):
            t = time.perf_counter()
            c.request("POST", "/token", body,
                      {"Content-Type": "application/x-www-form-urlencoded"})
            r = c.getresponse()
            r.read()
            one.append((time.perf_counter() - t) * 1000)
        print(f"{n} keys, one request: median {ms(one)} (status {r.status})")
        stop = time.monotonic() + 5
        sent = [0]

        def flood():
            fc = s.conn()
            while time.monotonic() < stop:
                fc.request("POST", "/token", body,
                           {"Content-Type": "application/x-www-form-urlencoded"})
                fc.getresponse().read()
                sent[0] += 1

        ts = [threading.Thread(target=flood) for _ in range(8)]
        for x in ts:
            x.start()
        jc = s.conn()
        jw = []
        while time.monotonic() < stop:
            jw.append(timed_get(jc, "/.well-known/jwks.json")[0])
            time.sleep(0.01)
        for x in ts:
            x.join()
        print(f"8 clients sending it for 5 s ({sent[0]} bodies): /jwks median {ms(jw)}, "
              f"max {max(jw):.2f} ms over {len(jw)} requests")
    finally:
        s.stop()


def phase_slow(binary, folder):
    print("\n## 4. 300 connections sending half a request line")
    users = make_users(binary, folder)
    s = Server(binary, users)
    try:
        socks = []
        for _ in range(300):
            k = socket.create_connection((s.host, s.port))
            k.sendall(b"GET /.well-known/jw")
            socks.append(k)
        time.sleep(0.5)
        probe = socket.create_connection((s.host, s.port), timeout=5)
        probe.sendall(b"GET /.well-known/jwks.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        try:
            first = probe.recv(100).split(b"\r\n")[0].decode() or "closed"
        except socket.timeout:
            first = "no answer in 5 s"
        print(f"a fresh client while they are open: {first}")
        time.sleep(12)
        seen = {"closed": 0, "answered 503": 0, "still open": 0}
        for k in socks:
            k.setblocking(False)
            try:
                got = k.recv(4096)
                seen["answered 503" if got.startswith(b"HTTP/1.1 503") else "closed"] += 1
            except BlockingIOError:
                seen["still open"] += 1
            except ConnectionResetError:
                seen["closed"] += 1
            k.close()
        print(f"12 s later, of the 300: {seen}")
        c = s.conn()
        print(f"a fresh client then: {timed_get(c, '/.well-known/jwks.json')[1]}")
    finally:
        s.stop()


def phase_log(binary, folder):
    print("\n## 5. bidi characters in the request log")
    users = make_users(binary, folder)
    s = Server(binary, users)
    try:
        k = socket.create_connection((s.host, s.port))
        k.sendall("GET /\u202eRLO HTTP/1.1\r\nHost: x\r\nUser-Agent: a\u202eb\r\n"
                  "Connection: close\r\n\r\n".encode())
        status = k.recv(100).split(b"\r\n")[0].decode()
        k.close()
    finally:
        s.stop()
    log = open(s.log_path, encoding="utf-8", errors="replace").read()
    line = next((l for l in log.splitlines() if "RLO" in l), "(not logged)")
    print(f"answer: {status}; raw U+202E in the log: {'yes' if chr(0x202e) in line else 'no'}")
    print("log line: " + line.encode("unicode_escape").decode())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default=os.path.join(ROOT, "target/release/jwtctl"))
    ap.add_argument("--quick", action="store_true", help="a 10,050-name spray instead")
    ap.add_argument("--only", help="comma-separated phases: backoff,enum,forms,slow,log")
    a = ap.parse_args()
    phases = {"backoff": lambda d: phase_backoff(a.binary, d, a.quick),
              "enum": lambda d: phase_enumeration(a.binary, d),
              "forms": lambda d: phase_forms(a.binary, d),
              "slow": lambda d: phase_slow(a.binary, d),
              "log": lambda d: phase_log(a.binary, d)}
    chosen = a.only.split(",") if a.only else list(phases)
    print(f"binary: {a.binary}")
    for name in chosen:
        with tempfile.TemporaryDirectory() as d:
            phases[name](d)


if __name__ == "__main__":
    sys.exit(main())
