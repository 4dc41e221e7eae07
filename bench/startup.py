"""One process, paired runs: each command against `true`, run back to back in alternating order,
so a burst of other work on a shared machine lands on both halves of a pair, not on one command.

Usage: startup.py RUNS OUTFILE NAME=COMMAND... (COMMAND split on spaces; the first is the baseline)
Writes OUTFILE with lines `name median_ms=... ratio=...`, the ratio being the median over the pairs
of (command's wall time / baseline's wall time in the same pair).
"""

import os
import statistics
import sys
import time

runs, outfile = int(sys.argv[1]), sys.argv[2]
commands = [arg.split("=", 1) for arg in sys.argv[3:]]
devnull = os.open(os.devnull, os.O_RDWR)
actions = [(os.POSIX_SPAWN_DUP2, devnull, 0), (os.POSIX_SPAWN_DUP2, devnull, 1),
           (os.POSIX_SPAWN_DUP2, devnull, 2)]


def once(argv):
    start = time.perf_counter_ns()
    pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=actions)
    _, status = os.waitpid(pid, 0)
    elapsed = time.perf_counter_ns() - start
    if status != 0:
        raise SystemExit(f"{' '.join(argv)} failed with status {status}")
    return elapsed


(base_name, base_cmd), others = commands[0], commands[1:]
base_argv = base_cmd.split()
lines = []
base_times = []
for name, cmd in others:
    argv = cmd.split()
    for _ in range(30):  # warm the page cache
        once(base_argv)
        once(argv)
    ratios, times = [], []
    for i in range(runs):
        if i % 2:
            b, t = once(base_argv), once(argv)
        else:
            t, b = once(argv), once(base_argv)
        base_times.append(b)
        times.append(t)
        ratios.append(t / b)
    lines.append(f"{name} median_ms={statistics.median(times) / 1e6:.3f} "
                 f"ratio={statistics.median(ratios):.3f}")
lines.insert(0, f"{base_name} median_ms={statistics.median(base_times) / 1e6:.3f} ratio=1.000")
with open(outfile, "w") as f:
    f.write("\n".join(lines) + "\n")
print("\n".join(lines))
