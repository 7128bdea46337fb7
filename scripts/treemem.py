"""Peak memory of a whole process tree, all processes together, sampled from /proc.

    .venv/bin/python scripts/treemem.py -- COMMAND [ARG ...]     # runs it, prints the peaks

``ru_maxrss`` (what ``wait4`` gives) is the largest resident size of any ONE process of the
tree; a build that forks helpers can hold more than that in all. This samples every
descendant of the command every ``interval`` seconds and sums two figures:

- **RSS**, resident pages of each process summed: pages a forked child still shares with
  its parent count twice, so this is an upper bound;
- **PSS** (``/proc/PID/smaps_rollup``), each shared page divided among the processes that
  share it: what the tree holds of the machine's memory, all processes together.

A sample every 0.25 s misses a peak shorter than that; the builds' peaks last seconds.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class TreePeak:
    """The largest sums seen over the samples, in bytes, and the most processes at once."""

    rss: int = 0
    pss: int = 0
    processes: int = 0


def _children(since: int) -> dict[int, list[int]]:
    """The children of processes started after ``since`` (a process id: ids grow, so a
    descendant's is larger, barring a wrap of the id space), from /proc/*/stat (the
    parent is its fourth field). Reading every process's file each sample cost the
    sampler a third of a core on a busy machine."""
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit() or int(entry.name) < since:
            continue
        try:
            stat = Path(entry.path, "stat").read_bytes()
        except OSError:
            continue
        parent = int(stat[stat.rindex(b")") + 2:].split()[1])
        tree.setdefault(parent, []).append(int(entry.name))
    return tree


def descendants(root: int) -> list[int]:
    """``root`` and every process below it."""
    tree = _children(root)
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(tree.get(pid, ()))
    return found


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in bytes; (0, 0) once it is gone."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0, 0
    rss = pss = 0
    for line in rollup.splitlines():
        if line.startswith("Rss:"):
            rss = int(line.split()[1]) * 1024
        elif line.startswith("Pss:"):
            pss = int(line.split()[1]) * 1024
    return rss, pss


class Sampler:
    """Samples the tree under ``pid`` in a thread until :meth:`stop`."""

    def __init__(self, pid: int, interval: float = 0.25) -> None:
        self.pid, self.interval, self.peak = pid, interval, TreePeak()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._done.is_set():
            pids = descendants(self.pid)
            sums = [_memory(pid) for pid in pids]
            self.peak.rss = max(self.peak.rss, sum(r for r, _ in sums))
            self.peak.pss = max(self.peak.pss, sum(p for _, p in sums))
            self.peak.processes = max(self.peak.processes, sum(1 for r, _ in sums if r))
            self._done.wait(self.interval)

    def stop(self) -> TreePeak:
        self._done.set()
        self._thread.join()
        return self.peak


def main(argv: list[str]) -> int:
    command = argv[1:] if argv[:1] == ["--"] else argv
    if not command:
        print(__doc__, file=sys.stderr)
        return 2
    start = time.perf_counter()
    process = subprocess.Popen(command)
    sampler = Sampler(process.pid)
    _pid, status, usage = os.wait4(process.pid, 0)
    peak = sampler.stop()
    print(f"treemem: {time.perf_counter() - start:.1f} s wall, "
          f"{usage.ru_utime + usage.ru_stime:.1f} s CPU (tree), "
          f"peak of the tree: PSS {peak.pss / 2**20:,.0f} MiB, RSS {peak.rss / 2**20:,.0f} MiB "
          f"({peak.processes} processes at most); largest one process "
          f"{usage.ru_maxrss / 1024:,.0f} MiB; load average {os.getloadavg()[0]:.1f}",
          file=sys.stderr)
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
