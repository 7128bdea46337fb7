"""Benchmark the offline editions: the zip (`briefings bundle`) and the ZIM (`briefings zim`).

    .venv/bin/python scripts/editionsize.py [--sizes 1000,4000,16000] [--work DIR]
    .venv/bin/python scripts/bench.py --editions      # the same table after the build bench

For each size it writes a synthetic archive (scripts/synth.py), then builds each edition
once in a fresh build folder (a cold build, as the Pages workflow does), measuring wall and
CPU time of the command and its children and the file's size. The ZIM should be at most a
third of the zip: it compresses pages together in large clusters, the zip one by one.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import synth

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Edition:
    """One edition built once: its size and how long it took."""

    megabytes: float
    seconds: float
    cpu_seconds: float


def build_edition(command: str, content: Path, output: Path) -> Edition:
    """Run ``briefings bundle|zim`` on ``content`` into ``output`` with its own build folder."""
    build_dir = output.parent / f".build-{command}"
    shutil.rmtree(build_dir, ignore_errors=True)
    build_dir.mkdir(parents=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([str(BIN / "briefings"), command, "--content", str(content.resolve()),
                    "--output", str(output.resolve()), "--config", str(ROOT / "mkdocs.yml")],
                   cwd=build_dir, check=True, stdout=subprocess.DEVNULL,
                   env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600"})
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    shutil.rmtree(build_dir, ignore_errors=True)
    return Edition(output.stat().st_size / 1e6, seconds, cpu)


def measure(count: int, work: Path) -> tuple[int, Edition, Edition]:
    folder = work / f"editions-{count}"
    content = folder / "content"
    if not content.is_dir():
        synth.generate(count).write(content)
    zipped = build_edition("bundle", content, folder / "briefing-archive-offline.zip")
    zim = build_edition("zim", content, folder / "briefing-archive.zim")
    print(f"[{count}] zip {zipped}, zim {zim}", file=sys.stderr, flush=True)
    return count, zipped, zim


def editions_report(sizes: list[int], work: Path) -> str:
    """The offline editions at each size, as a Markdown table."""
    rows = ["| briefings | zip MB | zip build s (CPU s) | ZIM MB | ZIM build s (CPU s) "
            "| ZIM / zip |", "|" + "---:|" * 6]
    for count, zipped, zim in (measure(count, work) for count in sizes):
        rows.append(f"| {count:,} | {zipped.megabytes:,.1f} | {zipped.seconds:.1f} "
                    f"({zipped.cpu_seconds:.1f}) | {zim.megabytes:,.1f} | {zim.seconds:.1f} "
                    f"({zim.cpu_seconds:.1f}) | {zim.megabytes / zipped.megabytes:.2f} |")
    return "\n".join(rows) + (f"\n\nLoad average at the end {os.getloadavg()[0]:.1f} "
                              f"({os.cpu_count()} cores).")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,4000,16000",
                        help="comma-separated briefing counts (default: 1000,4000,16000)")
    parser.add_argument("--work", type=Path, help="keep the archives and editions here")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="briefings-editions-"))
    print(editions_report([int(s) for s in args.sizes.split(",")], work))
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
