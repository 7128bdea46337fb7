"""Which process (and thread) of a command used the CPU when: a timeline, sampled from /proc.

    .venv/bin/python scripts/cputimeline.py [--every 1] [--bucket 10] -- COMMAND [ARG ...]

Every ``--every`` seconds it reads the CPU time of each thread of the command's whole
process tree (``/proc/PID/task/TID/stat``: user and system time, and the core it last ran
on), then prints, for each ``--bucket`` seconds, the CPU seconds used by each process (a
thread's share shown as ``pid/name[thread]``), busiest first, beside their sum: a bucket
whose sum is under its length times the cores is a core left idle. The command's stderr is
passed on, each line with its time since the start (with ``BRIEFINGS_TIMINGS=1`` a build
prints its phases there), so the phases can be read against the timeline. What a thread
uses after its last sample (or a process that starts and ends between two) is missed; on
a shared machine the sums also show how much of the cores the command got.
"""

from __future__ import annotations

import argparse
import collections
import os
import subprocess
import sys
import threading
import time

from treemem import descendants  # the one walk of a process tree in /proc

TICK = os.sysconf("SC_CLK_TCK")


def _threads(pid: int) -> dict[tuple[int, int, str], tuple[float, int]]:
    """(pid, thread id, name) -> (CPU seconds so far, the core it last ran on)."""
    found = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as stat:
                text = stat.read()
        except OSError:
            continue
        fields = text[text.rfind(")") + 2:].split()
        name = text[text.find("(") + 1:text.rfind(")")]
        found[(pid, int(tid), name)] = ((int(fields[11]) + int(fields[12])) / TICK,
                                        int(fields[36]))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=float, default=1.0)
    parser.add_argument("--bucket", type=float, default=10.0)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")
    start = time.perf_counter()
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    used: dict[int, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    cores: dict[int, set[int]] = collections.defaultdict(set)
    last: dict[tuple[int, int, str], float] = {}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            bucket = int((time.perf_counter() - start) // args.bucket)
            for pid in descendants(process.pid):
                for key, (cpu, core) in _threads(pid).items():
                    spent = cpu - last.get(key, 0.0)
                    last[key] = cpu
                    if spent > 0:
                        label = f"{key[0]}/{key[2]}" + ("" if key[0] == key[1] else "[thread]")
                        used[bucket][label] += spent
                        cores[bucket].add(core)
            done.wait(args.every)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    assert process.stderr is not None
    for line in process.stderr:
        print(f"[{time.perf_counter() - start:7.1f} s] {line}", end="", file=sys.stderr)
    process.wait()
    done.set()
    sampler.join()
    for bucket in sorted(used):
        spent = used[bucket]
        print(f"{bucket * args.bucket:6.0f} s  CPU {sum(spent.values()):5.1f} s on cores "
              f"{sorted(cores[bucket])}  " + "  ".join(
                  f"{label} {seconds:.1f}" for label, seconds in spent.most_common(6)))
    total: collections.Counter[str] = collections.Counter()
    for spent in used.values():
        total.update(spent)
    print(f"wall {time.perf_counter() - start:.1f} s, CPU {sum(total.values()):.1f} s; "
          "busiest: " + ", ".join(f"{label} {s:.1f} s" for label, s in total.most_common(8)))
    return process.returncode


if __name__ == "__main__":
    raise SystemExit(main())
