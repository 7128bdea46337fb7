"""What publishing costs: `build --downloads` against a plain cold build, side by side.

    .venv/bin/python scripts/publishbench.py [--sizes 1000,4000] [--rounds 1]
                                             [--baseline REV] [--work DIR]

For each size it writes a synthetic archive (scripts/synth.py), then, each round, runs one
after the other in fresh folders: a plain cold `build`, a cold `build --downloads`, and
(with ``--baseline REV``) the same two with the generator of git revision REV, exported
with ``git archive`` and run by this environment's Python. Each line gives wall time and
CPU time (user and system of the build and every process it started: on a shared machine
the steadier figure) and the load average before it. Then the ratio of `--downloads` to the
cold build (wall and CPU, medians over the rounds), the zip's and the ZIM's sizes, and
whether the second round's editions are byte for byte the first's (the same archive and
SOURCE_DATE_EPOCH). Issue 25's target: `--downloads` at most 3x a cold build at 16,000.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import synth

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1767225600"  # 2026-01-01: every build dated alike
DOWNLOADS = ("briefing-archive-offline.zip", "briefing-archive.zim")


def run(generator_root: Path, content: Path, work: Path, downloads: bool
        ) -> tuple[float, float]:
    """One cold build in ``work`` (emptied first); returns (wall s, CPU s)."""
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    command = [sys.executable, "-c", "import sys; from generator.cli import main; "
               "sys.exit(main(sys.argv[1:]))", "build", "--content", str(content),
               "--site-dir", str(work / "site"), "--config", str(generator_root / "mkdocs.yml"),
               *(["--downloads"] if downloads else [])]
    env = {**os.environ, "PYTHONPATH": str(generator_root), "SOURCE_DATE_EPOCH": EPOCH}
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=work, env=env, check=False, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    if done.returncode:  # what it said last, then stop: a failed build's times mean nothing
        print(done.stderr[-4000:], file=sys.stderr)
        raise SystemExit(f"{' '.join(command[-8:])}: exit status {done.returncode}")
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - used.ru_utime) + (after.ru_stime - used.ru_stime)


def digests(site: Path) -> dict[str, str]:
    return {name: hashlib.sha256((site / "downloads" / name).read_bytes()).hexdigest()
            for name in DOWNLOADS}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,4000")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--baseline", help="git revision to compare with")
    parser.add_argument("--work", type=Path)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="publishbench-"))
    roots = {"this": ROOT}
    if args.baseline:
        base = work / "baseline"
        shutil.rmtree(base, ignore_errors=True)
        base.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", args.baseline], cwd=ROOT, check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(base)], input=archive, check=True)
        roots = {"baseline": base, "this": ROOT}
    for size in (int(s) for s in args.sizes.split(",")):
        content = work / f"content-{size}"
        if not content.is_dir():
            synth.generate(size).write(content)
        times: dict[tuple[str, bool], list[tuple[float, float]]] = {}
        seen: dict[str, list[dict[str, str]]] = {}
        for round_ in range(args.rounds):
            for name, root in roots.items():
                for downloads in (False, True):
                    load = os.getloadavg()[0]
                    folder = work / f"{name}-{size}-{'dl' if downloads else 'cold'}"
                    wall, cpu = run(root, content, folder, downloads)
                    times.setdefault((name, downloads), []).append((wall, cpu))
                    print(f"{size:>6} round {round_ + 1} {name:<8} "
                          f"{'--downloads' if downloads else 'cold build':<11} "
                          f"wall {wall:7.1f} s  CPU {cpu:7.1f} s  (load {load:.1f})",
                          flush=True)
                    if downloads:
                        seen.setdefault(name, []).append(digests(folder / "site"))
                        sizes = {n: (folder / "site" / "downloads" / n).stat().st_size
                                 for n in DOWNLOADS}
                        print(f"{'':>6} zip {sizes[DOWNLOADS[0]]:,} bytes, ZIM "
                              f"{sizes[DOWNLOADS[1]]:,} bytes (ZIM/zip "
                              f"{sizes[DOWNLOADS[1]] / sizes[DOWNLOADS[0]]:.2f})", flush=True)
        for name in roots:
            cold, dl = times[(name, False)], times[(name, True)]
            ratio_wall = statistics.median(d[0] for d in dl) / statistics.median(c[0] for c in cold)
            ratio_cpu = statistics.median(d[1] for d in dl) / statistics.median(c[1] for c in cold)
            same = "" if len(seen[name]) < 2 else (
                ", editions byte-identical across rounds" if all(
                    d == seen[name][0] for d in seen[name]) else ", EDITIONS DIFFER")
            print(f"{size:>6} {name}: --downloads / cold build = {ratio_wall:.2f}x wall, "
                  f"{ratio_cpu:.2f}x CPU{same}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
