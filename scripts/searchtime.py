"""Time to the first search result in headless Chromium, hosted (loopback HTTP) and offline.

Used by ``scripts/bench.py --search``. The clock starts when the page has loaded and the
reader starts typing at once, so it includes fetching and indexing the search data: the
wait a reader meets when searching straight after opening the site.

On its own it times sites already built (several runs, each in a fresh browser context):

    .venv/bin/python scripts/searchtime.py --hosted SITE --offline SITE --query Q [--runs 5]

``--offline`` takes the folder holding the offline build's ``index.html`` (an unzipped bundle).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import synth
from harness import WHOLE_QUERY_SHOWN, launch_chromium, serve_folder

ROOT = Path(__file__).resolve().parent.parent
WAIT_MS = 30_000


def first_result(browser: object, url: str, query: str) -> float | None:
    """Seconds from typing ``query`` (right after load) to the first result; None if none came."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    if url.startswith("file:"):  # offline: prove nothing is fetched from the network
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
            "file:") else route.abort())
    try:
        page.goto(url, wait_until="load")
        started = time.perf_counter()
        page.keyboard.press("/")  # Material's shortcut to the search box
        page.keyboard.type(query)
        page.wait_for_function(WHOLE_QUERY_SHOWN, arg=query.lower(), timeout=WAIT_MS)
        return time.perf_counter() - started
    except Exception as error:  # Playwright's TimeoutError: report the wait as failed
        print(f"search at {url}: {type(error).__name__}: {str(error)[:200]}", file=sys.stderr)
        return None
    finally:
        context.close()


def build_offline(work: Path) -> Path:
    """The offline variant of the archive in ``work`` (file URLs, Material's offline plugin)."""
    site = work / "site-offline"
    code = ("import sys; from pathlib import Path; from generator.pipeline import BuildOptions,"
            " build; from generator.site.edition import Edition;"
            " build(BuildOptions(content=Path(sys.argv[1]), site_dir=Path(sys.argv[2]),"
            " config_file=Path(sys.argv[3]), edition=Edition.OFFLINE))")
    subprocess.run([sys.executable, "-c", code, str(work / "content"), str(site),
                    str(ROOT / "mkdocs.yml")], cwd=work, check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return site


REPORT_RUNS = 5


def search_report(work: Path, site: Path, archive: synth.SynthArchive) -> str:
    """Markdown lines: first-result times for the archive in ``work``, hosted (its build in
    ``site``) and offline (the median and the slowest of a few runs, each in a fresh
    browser context)."""
    from playwright.sync_api import sync_playwright

    popular = Counter(a for b in archive.briefings for a in b.actor_ids).most_common(1)[0][0]
    query = next(a.name for a in archive.actors if a.id == popular).split()[-1]
    offline = build_offline(work)
    url, stop = serve_folder(site)
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            shown = [_runs([first_result(browser, target, query) for _ in range(REPORT_RUNS)])
                     for target in (url, (offline / "index.html").as_uri())]
            browser.close()
    finally:
        stop()
    return (f"First search result at {len(archive.briefings):,} briefings in headless Chromium "
            f"(query '{query}', typed right after the home page loaded; median and slowest of "
            f"{REPORT_RUNS} runs): hosted {shown[0]}, offline {shown[1]}.")


def _runs(times: list[float | None]) -> str:
    done = [t for t in times if t is not None]
    if len(done) < len(times):
        return f"no result within {WAIT_MS // 1000} s in {len(times) - len(done)} runs"
    return f"{statistics.median(done):.2f} s (slowest {max(done):.2f} s)"


def _shown(seconds: float | None) -> str:
    return f"{seconds:.2f} s" if seconds is not None else "none"


def main(argv: list[str] | None = None) -> int:
    """Time the first result in built sites: each run, then the median."""
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description="Time the first search result in built sites.")
    parser.add_argument("--hosted", type=Path, help="a site built for a web server")
    parser.add_argument("--offline", type=Path, help="an offline build (folder of index.html)")
    parser.add_argument("--query", required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    targets: list[tuple[str, str]] = []
    stop = None
    if args.hosted:
        url, stop = serve_folder(args.hosted)
        targets.append(("hosted", url))
    if args.offline:
        targets.append(("offline", (args.offline / "index.html").resolve().as_uri()))
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            for name, url in targets:
                times = [first_result(browser, url, args.query) for _ in range(args.runs)]
                done = [t for t in times if t is not None]
                median = _shown(statistics.median(done)) if done else "none"
                print(f"{name}: median {median} of {args.runs} "
                      f"({', '.join(_shown(t) for t in times)})")
            browser.close()
    finally:
        if stop is not None:
            stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
