"""How long the accessibility tests take, in wall time and in CPU time (issue 29).

    .venv/bin/python scripts/a11ytime.py [PYTEST ARGS]   (default: tests/a11y)

Runs pytest and samples, twice a second, the CPU time (user + system) of it and every process
below it (Playwright's driver, Chromium's browser, renderer and GPU processes, kiwix-serve).
On a shared machine the wall time says more about the neighbours than about the tests; the CPU
time is what the tests cost: on an idle 2-core machine the wall time is about the CPU time
(Chromium's renderer and the test process take turns) or less. Processes that end between
two samples lose at most half a second each, so the figure is a slight underestimate.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from treemem import descendants  # the one walk of a process tree in /proc

TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime


def main() -> int:
    args = sys.argv[1:] or ["tests/a11y"]
    pytest = Path(sys.executable).parent / "pytest"
    start = time.monotonic()
    run = subprocess.Popen([str(pytest), "-q", "-p", "no:cacheprovider", *args])
    seen: dict[int, float] = {}
    while run.poll() is None:
        for pid in descendants(run.pid):
            used = cpu_seconds(pid)
            if used is not None:
                seen[pid] = max(seen.get(pid, 0.0), used)
        time.sleep(0.5)
    wall = time.monotonic() - start
    load = os.getloadavg()[0]
    print(f"wall {wall:.0f} s, CPU {sum(seen.values()):.0f} s over {len(seen)} processes, "
          f"load average {load:.1f} on {os.cpu_count()} cores at the end")
    return run.returncode


if __name__ == "__main__":
    sys.exit(main())
