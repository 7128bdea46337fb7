"""How many bytes the maps and charts add to a page, and whether that grows with the archive.

``.venv/bin/python scripts/mapsize.py [--counts 1000 16000] [--content DIR]`` writes synthetic
archives (scripts/synth.py) or reads a content folder, and prints, gzip-compressed at level 9
as a host would send them: the /regions/ figure (world map, closer map, legend, table), the
home page's map, the largest locator map, and the timeline's, the busiest actor's and the
busiest region's charts (SVG alone and with their sentence and table). Results go into
BENCHMARKS.md by hand.
"""

from __future__ import annotations

import argparse
import gzip
import re
import tempfile
import time
from pathlib import Path

from generator.content.loading import load_archive
from generator.engine import render
from generator.site import urls
from generator.site.html import overview
from generator.site.index import Index, build_index
from generator.site.maps import charts, regionmaps

ROOT = Path(__file__).resolve().parents[1]


def gz(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), 9))


def svg_only(html: str) -> str:
    return "".join(part[:part.index("</svg>") + 6] for part in html.split("<svg")[1:]
                   if "</svg>" in part)


def regions_page_added(index: Index) -> tuple[int, int]:
    """/regions/ as the site writes it (gzip), and what the maps add to it: the page less its
    figure and the tree's latest dates (the map's text equivalent)."""
    config = render.EngineConfig(ROOT / "mkdocs.yml")
    html = overview.regions_page(index, render.site_settings(config)).html
    bare = re.sub(r'<figure class="ba-map-figure.*?</figure>', "", html, flags=re.S)
    bare = re.sub(r' <span class="ba-latest">.*?</span>', "", bare)
    return gz(html), gz(html) - gz(bare)


def measure(index: Index, label: str) -> None:
    started, cpu = time.perf_counter(), time.process_time()
    page, added = regions_page_added(index)
    regions = regionmaps.regions_figure(index, "regions/", "directory", detail=True)
    home = regionmaps.regions_figure(index, "", "directory", "ba-map-home")
    locators = [regionmaps.locator_figure(index, r, urls.region(r), "directory")
                for r in index.archive.regions]
    actor = max(index.by_actor, key=lambda a: len(index.by_actor[a]))
    region = max(index.by_region, key=lambda r: len(index.by_region[r]))
    link = lambda y, m: f"{y}/#m{y}-{m:02d}"  # noqa: E731
    rows = [("/regions/ figure", regions), ("home map", home),
            ("largest locator", max(locators, key=len)),
            ("timeline chart", charts.activity([b.date for b in index.archive.briefings], link)),
            ("busiest actor's chart", charts.activity([b.date for b in index.by_actor[actor]],
                                                      link)),
            ("busiest region's chart", charts.activity([b.date for b in index.by_region[region]],
                                                       link))]
    print(f"\n{label}: {len(index.archive.briefings):,} briefings, "
          f"{sum(1 for r in index.by_region.values() if r):,} regions with briefings "
          f"({time.perf_counter() - started:.1f} s to draw, {time.process_time() - cpu:.1f} s "
          "of CPU)")
    print(f"  /regions/ page {page:,} B gzip, of which the maps and their text add {added:,}")
    print(f"  {'part':<24} {'SVG gzip':>9} {'all gzip':>9} {'all raw':>9}")
    for name, html in rows:
        print(f"  {name:<24} {gz(svg_only(html)):>9,} {gz(html):>9,} {len(html):>9,}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--counts", type=int, nargs="*", default=[1000, 16000])
    parser.add_argument("--content", type=Path)
    args = parser.parse_args()
    if args.content:
        measure(build_index(load_archive(args.content).archive), str(args.content))
        return
    import synth

    for count in args.counts:
        with tempfile.TemporaryDirectory() as scratch:
            synth.generate(count).write(Path(scratch) / "content")
            loaded = load_archive(Path(scratch) / "content")
            measure(build_index(loaded.archive), f"synthetic {count:,}")


if __name__ == "__main__":
    main()
