"""Benchmark: an archive with translations against the same size in English only (issue 30).

    .venv/bin/python scripts/languagebench.py [--count 16000] [--share 0.2] [--rounds 2]

Writes two synthetic archives of ``--count`` briefings (scripts/synth.py): one in English,
one where ``--share`` of them are translations in Arabic, Russian and Chinese
(scripts/synth_languages.py). Builds them in turn, English first, ``--rounds`` times
(interleaved, so the machine's load falls on both alike), each with bench.py's ``timed``:
wall time, CPU time of the build and its children, peak memory. Then what a page view
weighs in each site: the HTML of the home page and of the briefing pages (median, raw and
gzip), which with the same stylesheets and scripts is all that can differ; and what search
loads before its first answer (the manifest). Prints a Markdown table for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import tempfile
from pathlib import Path

from bench import Run, build_ours
from synth import generate
from synth_languages import with_translations


def page_weights(site: Path, slugs: list[str]) -> dict[str, float]:
    """Bytes of a page view's HTML: the home page, the median page of the briefings
    ``slugs`` (raw, gzip), and search's manifest."""
    pages = [site / "briefings" / slug / "index.html" for slug in slugs]
    raw = [p.stat().st_size for p in pages]
    zipped = [len(gzip.compress(p.read_bytes(), 6)) for p in pages[::20]]
    return {"home": (site / "index.html").stat().st_size,
            "briefing": statistics.median(raw), "briefing_gzip": statistics.median(zipped),
            "manifest": (site / "search" / "manifest.js").stat().st_size}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=16_000)
    parser.add_argument("--share", type=float, default=0.2)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--work", type=Path)
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="languagebench-"))
    english = generate(args.count)
    archives = {"English only": english,
                f"{args.share:.0%} translated": with_translations(english, args.share)}
    runs: dict[str, list[Run]] = {name: [] for name in archives}
    for number, archive in enumerate(archives.values()):
        archive.write(work / f"content{number}")
    for round_number in range(args.rounds):
        for number, name in enumerate(archives):
            # a full build each time: a folder of its own (bench.py does the same), so
            # neither archive's build folder nor record cache serves the other
            folder = work / f"build{round_number}-{number}"
            folder.mkdir()
            run = build_ours(folder, work / f"content{number}", work / f"site{number}")
            runs[name].append(run)
            print(f"round {round_number + 1} {name}: {run.seconds:.1f} s wall, "
                  f"{run.cpu_seconds:.1f} s CPU, {run.peak_mb:.0f} MB, "
                  f"load {os.getloadavg()[0]:.1f}", flush=True)
    # Pages in both sites: briefings the translated archive kept and gave no translation
    # (the same page, its neighbours aside), then those that have translations (their
    # pages link them: the cost of a translation set); the translations' own pages.
    kept = archives[list(archives)[1]].briefings
    originals = {b.text.split("translation_of: ", 1)[1].split("\n", 1)[0]
                 for b in kept if "\ntranslation_of: " in b.text}
    groups = {"untranslated": [b.slug for b in kept if "\nlang: " not in b.text
                               and b.slug not in originals],
              "with translations": sorted(originals),
              "translations": [b.slug for b in kept if "\nlang: " in b.text]}
    print("\n| archive | wall s (runs) | CPU s (runs) | peak MB | home page | briefing page, "
          "median (gzip) | search manifest |\n|---|---|---|---|---|---|---|")
    for number, name in enumerate(archives):
        sizes = page_weights(work / f"site{number}", groups["untranslated"])
        walls = ", ".join(f"{r.seconds:.1f}" for r in runs[name])
        cpus = ", ".join(f"{r.cpu_seconds:.1f}" for r in runs[name])
        print(f"| {name} | {walls} | {cpus} | {max(r.peak_mb for r in runs[name]):.0f} | "
              f"{sizes['home']:,.0f} B | {sizes['briefing']:,.0f} B "
              f"({sizes['briefing_gzip']:,.0f} B) | {sizes['manifest']:,.0f} B |")
    print("\n| briefing pages of the translated archive | median HTML (gzip) |\n|---|---|")
    for group, slugs in groups.items():
        sizes = page_weights(work / "site1", slugs)
        print(f"| {group} ({len(slugs):,}) | {sizes['briefing']:,.0f} B "
              f"({sizes['briefing_gzip']:,.0f} B) |")
    print(f"\nwork folder: {work}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
