"""What citing costs: page weight of a briefing page and build time, against a baseline.

    .venv/bin/python scripts/citeweight.py --baseline REV [--content content] [--synth 1000]

Builds the archive twice in fresh folders, once with this checkout and once with the
generator of git revision REV (exported with ``git archive`` and run by this environment's
Python, so the packages are the same), and prints for every briefing page present in both
the growth of its size gzip-compressed (level 9, as a server's gzip sends it at most) and
raw, as median and largest, and the wall time of each cold build. With ``--synth N`` the
archive is a synthetic one of N briefings (scripts/synth.py). Issue 27's budget: a briefing
page grows by at most 3 kB gzip.
"""

from __future__ import annotations

import argparse
import gzip
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import synth

ROOT = Path(__file__).resolve().parent.parent


def build(generator_root: Path, content: Path, site: Path) -> tuple[float, float]:
    """Build with the generator found at ``generator_root``; returns the wall time and the
    CPU time (user and system, the build's processes; on a shared machine the CPU time is
    the steadier figure)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import sys; from generator.cli import main; "
                    "sys.exit(main(sys.argv[1:]))", "build", "--content", str(content),
                    "--site-dir", str(site)], cwd=generator_root, check=True,
                   env={"PYTHONPATH": str(generator_root), "PATH": "/usr/bin:/bin",
                        "SOURCE_DATE_EPOCH": "1764547200"}, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (time.perf_counter() - start,
            after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", required=True, help="git revision to compare with")
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--synth", type=int, default=0, help="a synthetic archive of N")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="citeweight-") as work_name:
        work = Path(work_name)
        content = args.content.resolve()
        if args.synth:
            content = work / "content"
            synth.generate(args.synth).write(content)
        base = work / "baseline"
        base.mkdir()
        archive = subprocess.run(["git", "archive", args.baseline], cwd=ROOT, check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(base)], input=archive, check=True)
        for name in ("mkdocs.yml", "theme"):  # the baseline's own theme and settings
            assert (base / name).exists()
        times = {"baseline": build(base, content, work / "site-base"),
                 "this": build(ROOT, content, work / "site-this")}
        growth, raw = [], []
        for page in sorted((work / "site-this" / "briefings").glob("*/index.html")):
            old = work / "site-base" / "briefings" / page.parent.name / "index.html"
            if old.exists():
                new_bytes, old_bytes = page.read_bytes(), old.read_bytes()
                growth.append(len(gzip.compress(new_bytes, 9)) - len(gzip.compress(old_bytes, 9)))
                raw.append(len(new_bytes) - len(old_bytes))
        print(f"briefing pages compared: {len(growth)}")
        print(f"gzip growth per page: median {statistics.median(growth):.0f} B, "
              f"largest {max(growth)} B (budget 3,000 B)")
        print(f"raw growth per page: median {statistics.median(raw):.0f} B, largest {max(raw)} B")
        files = {name: sum(1 for p in (work / f"site-{name}").rglob("*") if p.is_file())
                 for name in ("base", "this")}
        print("cold build, wall (CPU): baseline {:.1f} s ({:.1f} s), this {:.1f} s ({:.1f} s)"
              .format(*times["baseline"], *times["this"]))
        print(f"site files: baseline {files['base']:,}, this {files['this']:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
