"""Every kind of page a reader opens, on the slow link, several times (issue 25 at 100,000).

    .venv/bin/python scripts/slowpages.py --site SITE --synth 100000 [--runs 3]

`slowlink.py` measures one briefing page, one search and the finder once per archive size;
this takes a built hosted site (from ``synth.py --count N``) and measures, on the same
emulated slow link (400 kbit/s, 400 ms; `slowlink.SLOW`) in a fresh browser context each
time, with what `slowlink.py` uses for each (its gzipping server, its page view, search and
finder): a first view of the home page, a briefing, and the largest page (gzip) of each
listing, the actors, the regions and the timeline (their index pages included); the finder's
first results on the most named actor and with no query; the first result of a search for
an alias of that actor. Each is measured ``--runs`` times, in turn, and printed as the median
with the range: a slow-link time on a busy machine is an upper bound, so say its load.

``--heaviest`` prints, instead, the largest file of each kind (pages by folder, feeds,
sitemaps, the search index's pieces, the finder's data), raw and gzip, to see what grows
with the archive: run it on two sizes.
"""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

import bench
import synth
from harness import launch_chromium, serve_folder
from slowlink import Cost, GzipHandler, finder, gzipped, page_view, search, subjects

LISTINGS = ("actors", "regions", "timeline")
HEADER = ("| briefings | what, slow link | bytes (median) | time: median (range) |\n"
          "|---:|---|---:|---:|")


def largest_page(site: Path, folder: str) -> str:
    """The site path of the largest HTML page (gzip bytes) under ``folder`` of ``site``."""
    pages = sorted((site / folder).rglob("index.html"), key=lambda p: p.stat().st_size)
    best = max(pages[-20:], key=lambda p: len(gzipped(str(p))))
    return best.parent.relative_to(site).as_posix() + "/"


def median_cells(costs: list[Cost]) -> str:
    """The bytes' median, then 'median (low-high)' of the seconds, as two table cells."""
    sizes = sorted(c.bytes for c in costs)
    times = sorted(c.seconds for c in costs if c.seconds is not None)
    size = f"{sizes[len(sizes) // 2] / 1000:,.0f} kB"
    if len(times) < len(costs):
        return f"{size} | none in {len(costs) - len(times)} of {len(costs)} runs"
    return f"{size} | {times[len(times) // 2]:.1f} s ({times[0]:.1f}-{times[-1]:.1f})"


def measure(site: Path, archive: synth.SynthArchive, runs: int) -> list[str]:
    """One table row per measure: the medians of ``runs`` rounds, each round every measure
    in turn."""
    from playwright.sync_api import sync_playwright

    slug, query, actor = subjects(archive)
    views = [("home", ""), ("a briefing", f"briefings/{slug}/")]
    views += [(f"largest {folder} page, `{path}`", path)
              for folder in LISTINGS for path in (largest_page(site, folder),)]
    url, stop = serve_folder(site, GzipHandler)
    costs: dict[str, list[Cost]] = {}
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            for _round in range(runs):
                for name, path in views:
                    costs.setdefault(f"page view: {name}", []).append(
                        page_view(browser, url + path, True))
                costs.setdefault(f"finder `?actor={actor}`: first results", []).append(
                    finder(browser, f"{url}finder/?actor={actor}", True))
                costs.setdefault("finder, no query: first results", []).append(
                    finder(browser, f"{url}finder/", True))
                costs.setdefault(f"search '{query}': first result", []).append(
                    search(browser, f"{url}briefings/{slug}/", query, True))
            browser.close()
    finally:
        stop()
    count = len(archive.briefings)
    return [f"| {count:,} | {name} | {median_cells(found)} |" for name, found in costs.items()]


KINDS = (  # (kind, pattern of the site path), the first that matches
    ("briefing page", r"briefings/[^/]+/index\.html"),
    ("actor pages", r"actors/.+/index\.html"), ("the actors page", r"actors/index\.html"),
    ("region pages", r"regions/.+/index\.html"), ("the regions page", r"regions/index\.html"),
    ("timeline pages", r"timeline/.*index\.html"), ("other pages", r".*\.html"),
    ("feeds", r".*feed[^/]*\.xml"), ("sitemaps", r"sitemap[^/]*\.xml"),
    ("search manifest", r"search/manifest\.js"), ("search shards", r"search/shards/.*"),
    ("search records", r"search/docs/.*"), ("finder data.js", r"finder/data\.js"),
    ("finder chunks", r"finder/data/i\d+\.js"), ("finder names", r"finder/data/names\.js"),
    ("finder texts", r"finder/data/\d+\.js"),
)


def heaviest(site: Path) -> list[str]:
    """A row per kind of file: how many, the largest raw and the largest gzip (of the
    kind's 20 largest raw)."""
    found: dict[str, list[tuple[int, str]]] = {kind: [] for kind, _pattern in KINDS}
    patterns = [(kind, re.compile(pattern)) for kind, pattern in KINDS]
    for folder, _dirs, files in os.walk(site):
        for name in files:
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, site)
            kind = next((k for k, p in patterns if p.fullmatch(relative)), None)
            if kind is not None:
                found[kind].append((os.stat(path).st_size, relative))
    rows = ["| kind | files | largest, raw | largest, gzip | which |", "|---|---:|---:|---:|---|"]
    for kind, sized in found.items():
        if not sized:
            continue
        top = sorted(sized)[-20:]
        gz, which = max((len(gzipped(str(site / r))), r) for _size, r in top)
        rows.append(f"| {kind} | {len(sized):,} | {top[-1][0] / 1000:,.1f} kB "
                    f"| {gz / 1000:,.1f} kB | `{which}` |")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True, help="a built hosted site")
    parser.add_argument("--synth", type=int, default=0,
                        help="the synthetic size it was built from")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--heaviest", action="store_true",
                        help="the largest file of each kind instead")
    args = parser.parse_args(argv)
    if args.heaviest:
        print("\n".join(heaviest(args.site)))
        return 0
    if not args.synth:
        parser.error("--synth is needed but with --heaviest")
    rows = measure(args.site, synth.generate(args.synth), args.runs)
    print(f"Measured {bench.machine()}.\n\n" + "\n".join([HEADER, *rows]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
