"""Time `briefings check` on the largest hostile inputs within the size limits (issue 14).

    .venv/bin/python scripts/bench_hostile.py [--work DIR]

Each case is a content folder written fresh; `briefings check` runs as a subprocess, three
times, and the median wall time is printed with the machine's load average. The goal: any
content folder within the limits checks in under 30 s on the 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BRIEFINGS = ROOT / ".venv" / "bin" / "briefings"
REGION = "- id: armenia\n  name: Armenia\n  kind: country\n"


def briefing(actors: str, body: str = "The leaders met.") -> str:
    return ("---\ntitle: Talks\ndate: 2023-05-14\nregion: Armenia\nactors: " + actors
            + "\nsource:\n  name: R\n  url: https://x.org/a\n---\n" + body + "\n")


def unknown_parents(content: Path) -> None:
    """10,000 regions, each naming a parent that does not exist."""
    (content / "regions.yml").write_text("".join(
        f"- id: r{i}\n  name: R{i}\n  kind: locality\n  parent: nowhere-{i}\n"
        for i in range(10_000)))
    (content / "actors.yml").write_text("[]\n")


def unknown_actors(content: Path, briefings: int) -> None:
    """A 20,000-actor registry (3 aliases each, 2.9 MB) and briefings naming 100 unknown
    actors each, all different."""
    (content / "regions.yml").write_text(REGION)
    (content / "actors.yml").write_text("".join(
        f"- id: actor-{i}\n  name: Actor Number {i}\n  kind: person\n"
        f"  aliases: [A. Number {i}, Number {i}, Actor {i} Alias]\n" for i in range(20_000)))
    for number in range(briefings):
        names = ", ".join(f"Actr Numbr {number * 100 + i}" for i in range(100))
        (content / "briefings" / f"b{number}.md").write_text(briefing(f"[{names}]"))


def unclosed_fences(content: Path) -> None:
    """19,998 lines of code fences that never close (the body's line limit is 20,000)."""
    (content / "regions.yml").write_text(REGION)
    (content / "actors.yml").write_text("- id: a\n  name: A\n  kind: person\n")
    (content / "briefings" / "fences.md").write_text(briefing("[A]", "~~~x\n" * 19_998))


def look_alikes(content: Path) -> None:
    """20,000 actors, each with an alias that looks like the next one's name (Cyrillic е)."""
    (content / "regions.yml").write_text(REGION)
    (content / "actors.yml").write_text("".join(
        f"- id: p{i}\n  name: Person {i}\n  kind: person\n"
        f"  aliases: [P\u0435rson {i + 1}, Mr {i}]\n" for i in range(20_000)))


CASES: list[tuple[str, Callable[[Path], None]]] = [
    ("10,000 regions with unknown parents", unknown_parents),
    ("1 briefing, 100 unknown actors, 20,000-actor registry", lambda c: unknown_actors(c, 1)),
    ("100 briefings x 100 unknown actors, 20,000-actor registry",
     lambda c: unknown_actors(c, 100)),
    ("19,998 lines of unclosed fences", unclosed_fences),
    ("20,000 actors, each aliased with a look-alike of another's name", look_alikes),
]


def time_check(content: Path, runs: int = 3) -> tuple[float, int]:
    times, problems = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run([str(BRIEFINGS), "check", "--content", str(content)],
                              capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
        problems = done.stdout.count("\n")
    return statistics.median(times), problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--work", type=Path, help="keep the content folders here")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-hostile-"))
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    for number, (name, write) in enumerate(CASES):
        content = work / f"case{number}"
        (content / "briefings").mkdir(parents=True, exist_ok=True)
        write(content)
        seconds, lines = time_check(content)
        print(f"| {name} | {seconds:.1f} s | {lines:,} lines reported | "
              f"load {os.getloadavg()[0]:.2f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
