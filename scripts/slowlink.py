"""Reading over a slow link (issue 16): what a page view, a search and the finder cost a reader.

    .venv/bin/python scripts/slowlink.py --sizes 1000,16000 [--work DIR] [--write]
    .venv/bin/python scripts/slowlink.py --site SITE --offline SITE --synth 16000 [--pagefind]
    .venv/bin/python scripts/slowlink.py --finder --site SITE [--offline SITE] --synth 16000

For each archive size (synthetic, scripts/synth.py) it builds the hosted site and the offline
bundle (or takes built ones with --site/--offline), then measures in headless Chromium, each
in a fresh browser context (a first visit: nothing cached):

- **page view**: a briefing page, everything the browser fetches until the network has
  been quiet for 2 s (scripts, styles, the search worker; anything Material fetches itself).
- **search**: on a briefing page, once loaded, the reader types an actor's alias (8 keys a
  second); from the last key to the first result of the whole query (Material puts the
  matched words in the result's ?h=), and the bytes fetched from the first key on.
- **finder**: the finder opened on the most named actor (?actor=ID); from the navigation
  to the first result in the list, and the bytes until then. With --finder, only the
  finder is measured, on that actor, on one named in a single briefing and with no query,
  and also until every count is exact (the form's data-query: all its data is in).

Hosted, the site is served on 127.0.0.1 by a small server that gzips text (as GitHub Pages
does); bytes are what that server sent (headers included), so a Web Worker's requests count
too (Chromium reports them to no page). The link: "slow" is CDP
Network.emulateNetworkConditions at 400 kbit/s down and up with 400 ms latency (Chromium
applies it to the page's worker as well), "fast" is loopback as it is. From file:// there is
no link: bytes are the sizes of the files read. With --pagefind the same archive's hosted
site is indexed by Pagefind (PyPI pagefind[bin], pinned in the bench extra) and searched
with its default UI on a bare page, as the reference line.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bench
import synth
from harness import WHOLE_QUERY_SHOWN, launch_chromium, serve_folder

ROOT = Path(__file__).resolve().parent.parent
SLOW = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8,
        "uploadThroughput": 400_000 / 8}
QUIET_S = 2.0
WAIT_S = 180
TYPING_DELAY_MS = 125
_COMPRESSED = (".html", ".js", ".css", ".json", ".xml", ".svg", ".txt")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped when the browser accepts it; counts the bytes it sends."""

    protocol_version = "HTTP/1.1"
    sent = 0
    lock = threading.Lock()

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not path.is_file() or not wants or path.suffix not in _COMPRESSED:
            return super().send_head()
        body = gzipped(str(path))
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")  # as GitHub Pages sends
        super().end_headers()


class _CountingFile:
    def __init__(self, raw: Any) -> None:
        self.raw = raw

    def write(self, data: bytes) -> int:
        with GzipHandler.lock:
            GzipHandler.sent += len(data)
        return int(self.raw.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


def _setup(self: GzipHandler) -> None:
    http.server.SimpleHTTPRequestHandler.setup(self)
    self.wfile = _CountingFile(self.wfile)  # type: ignore[assignment]


GzipHandler.setup = _setup  # type: ignore[method-assign]


@functools.lru_cache(maxsize=4096)
def gzipped(path: str) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


@dataclass
class Cost:
    """What one measurement cost: bytes and seconds (None: nothing came in time)."""

    bytes: int
    seconds: float | None


class Tab:
    """A fresh browser context with one page, on a link, counting what it fetches."""

    def __init__(self, browser: Any, slow: bool) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.files: list[str] = []
        self.context.on("request", lambda request: self.files.append(request.url))
        if slow:
            cdp = self.context.new_cdp_session(self.page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", SLOW)

    def bytes_since(self, start: int, files_from: int) -> int:
        """Bytes the server sent since ``start``, or the sizes of the file:// URLs read."""
        if self.page.url.startswith("file:"):
            paths = {urllib.parse.unquote(urllib.parse.urlsplit(u).path)
                     for u in self.files[files_from:] if u.startswith("file:")}
            return sum(Path(p).stat().st_size for p in paths if Path(p).is_file())
        return GzipHandler.sent - start

    def quiet(self) -> None:
        """Wait until no byte has been sent (and no file asked for) for QUIET_S seconds."""
        last = (GzipHandler.sent, len(self.files))
        still = time.perf_counter()
        while time.perf_counter() - still < QUIET_S:
            self.page.wait_for_timeout(200)
            now = (GzipHandler.sent, len(self.files))
            if now != last:
                last, still = now, time.perf_counter()

    def close(self) -> None:
        self.context.close()


def page_view(browser: Any, url: str, slow: bool) -> Cost:
    tab = Tab(browser, slow)
    try:
        start, started = GzipHandler.sent, time.perf_counter()
        tab.page.goto(url, wait_until="load", timeout=WAIT_S * 1000)
        seconds = time.perf_counter() - started
        tab.quiet()
        return Cost(tab.bytes_since(start, 0), seconds)
    finally:
        tab.close()


def search(browser: Any, url: str, query: str, slow: bool, pagefind: bool = False) -> Cost:
    tab = Tab(browser, slow)
    try:
        tab.page.goto(url, wait_until="load", timeout=WAIT_S * 1000)
        tab.quiet()
        start, files_from = GzipHandler.sent, len(tab.files)
        if pagefind:
            tab.page.click(".pagefind-ui__search-input")
        else:
            tab.page.keyboard.press("/")  # Material's shortcut to the search box
        tab.page.keyboard.type(query, delay=TYPING_DELAY_MS)
        started = time.perf_counter()  # the clock runs from the last key
        try:
            if pagefind:
                tab.page.wait_for_selector(".pagefind-ui__result-link", timeout=WAIT_S * 1000)
            else:
                tab.page.wait_for_function(WHOLE_QUERY_SHOWN, arg=query.lower(),
                                           timeout=WAIT_S * 1000)
        except Exception as error:  # Playwright's TimeoutError
            print(f"search {url}: {type(error).__name__}", file=sys.stderr)
            return Cost(tab.bytes_since(start, files_from), None)
        return Cost(tab.bytes_since(start, files_from), time.perf_counter() - started)
    finally:
        tab.close()


def finder(browser: Any, url: str, slow: bool) -> Cost:
    """The first results."""
    return finder_costs(browser, url, slow, exact=False)[0]


def finder_costs(browser: Any, url: str, slow: bool, exact: bool) -> list[Cost]:
    """The first results (``exact``: and, second, every count exact)."""
    tab = Tab(browser, slow)
    try:
        start, started = GzipHandler.sent, time.perf_counter()
        tab.page.goto(url, wait_until="commit", timeout=WAIT_S * 1000)
        tab.page.wait_for_selector("#ba-finder-results > li", timeout=WAIT_S * 1000)
        first = Cost(tab.bytes_since(start, 0), time.perf_counter() - started)
        if not exact:
            return [first]
        tab.page.wait_for_selector("#ba-finder-form[data-query]", state="attached",
                                   timeout=WAIT_S * 1000)
        return [first, Cost(tab.bytes_since(start, 0), time.perf_counter() - started)]
    finally:
        tab.close()


FINDER_HEADER = ("| briefings | where, link | query | first results: bytes | time "
                 "| every count exact: bytes | time |\n|---:|---|---|---:|---:|---:|---:|")


def measure_finder(hosted: list[Path], archive: synth.SynthArchive,
                   offline: Path | None) -> list[str]:
    """The finder alone: first results and exact counts for three queries, on each of the
    ``hosted`` sites (built from ``archive``) in turn, query by query."""
    from playwright.sync_api import sync_playwright

    _slug, _query, actor = subjects(archive)
    named = Counter(a for b in archive.briefings for a in b.actor_ids)
    rare = min(named, key=lambda a: (named[a], a))
    count = len(archive.briefings)
    queries = [(f"actor={actor}", f"?actor={actor}"), (f"actor={rare} (1 briefing)",
                                                       f"?actor={rare}"), ("none", "")]
    served = [(site.name, *serve_folder(site, GzipHandler)) for site in hosted]
    rows = []
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            for name, search in queries:
                for link, slow in (("slow", True), ("fast", False)):
                    for label, url, _stop in served:
                        costs = finder_costs(browser, f"{url}finder/{search}", slow, exact=True)
                        rows.append(_row(count, f"{label}, hosted, {link} | {name}", costs))
                if offline is not None:
                    page = (offline.resolve() / "finder" / "index.html").as_uri()
                    costs = finder_costs(browser, page + search, False, exact=True)
                    rows.append(_row(count, f"file:// | {name}", costs))
            browser.close()
    finally:
        for _label, _url, stop in served:
            stop()
    return [f"| {count:,} | " + row for row in rows]


@dataclass(frozen=True)
class Sites:
    hosted: Path
    offline: Path | None  # the folder of the bundle's index.html
    archive: synth.SynthArchive


def build(work: Path, count: int) -> Sites:
    """The archive of ``count`` briefings, built hosted and as the offline bundle."""
    archive = synth.generate(count)
    content = work / "content"
    if not content.exists():
        archive.write(content)
    hosted, bundle = work / "site", work / "offline.zip"
    briefings = str(ROOT / ".venv" / "bin" / "briefings")
    subprocess.run([briefings, "build", "--content", str(content), "--site-dir", str(hosted)],
                   cwd=ROOT, check=True)
    subprocess.run([briefings, "bundle", "--content", str(content), "--output", str(bundle)],
                   cwd=ROOT, check=True)
    with zipfile.ZipFile(bundle) as opened:
        opened.extractall(work / "offline")
    return Sites(hosted, next((work / "offline").iterdir()), archive)


def pagefind_page(site: Path) -> str:
    """Index ``site`` with Pagefind into site/pagefind and write a bare page with its UI."""
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--quiet"],
                   check=True)
    page = site / "pagefind-bench.html"
    page.write_text('<!doctype html><meta charset="utf-8"><title>Pagefind</title>'
                    '<link href="pagefind/pagefind-ui.css" rel="stylesheet">'
                    '<script src="pagefind/pagefind-ui.js"></script><div id="search"></div>'
                    '<script>new PagefindUI({element: "#search"});</script>', "utf-8")
    return page.name


def subjects(archive: synth.SynthArchive) -> tuple[str, str, str]:
    """A briefing's slug, the query (a word of an alias of the most named actor, often with
    diacritics its other names lack) and that actor's id."""
    named = Counter(a for b in archive.briefings for a in b.actor_ids)
    actor = next(a for a in archive.actors if a.id == named.most_common(1)[0][0])
    alias = (actor.aliases or (actor.name,))[0].split()[-1]  # "Kären Kelbeklinöv": folding
    return archive.briefings[len(archive.briefings) // 2].slug, alias.lower(), actor.id


def measure(sites: Sites, pagefind: bool) -> list[str]:
    """The table rows for one archive size."""
    from playwright.sync_api import sync_playwright

    slug, query, actor = subjects(sites.archive)
    count = len(sites.archive.briefings)
    url, stop = serve_folder(sites.hosted, GzipHandler)
    rows = []
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            for link, slow in (("slow", True), ("fast", False)):
                rows.append(_row(count, f"hosted, {link}", [
                    page_view(browser, f"{url}briefings/{slug}/", slow),
                    search(browser, f"{url}briefings/{slug}/", query, slow),
                    finder(browser, f"{url}finder/?actor={actor}", slow)]))
            offline = sites.offline.resolve() if sites.offline else None
            if offline is not None:
                rows.append(_row(count, "file://", [
                    page_view(browser, (offline / "briefings" / f"{slug}.html").as_uri(), False),
                    search(browser, (offline / "briefings" / f"{slug}.html").as_uri(), query,
                           False),
                    finder(browser, (offline / "finder" / "index.html").as_uri()
                           + f"?actor={actor}", False)]))
            if pagefind:
                page = pagefind_page(sites.hosted)
                for link, slow in (("slow", True), ("fast", False)):
                    rows.append(_row(count, f"Pagefind 1.5.2, hosted, {link}", [
                        page_view(browser, url + page, slow),
                        search(browser, url + page, query, slow, pagefind=True), None]))
            browser.close()
    finally:
        stop()
    return [f"| {count:,} | " + row for row in rows] + [f"<!-- query '{query}', actor {actor}, "
                                                         f"page briefings/{slug} -->"]


def _row(count: int, where: str, costs: list[Cost | None]) -> str:
    cells = []
    for cost in costs:
        if cost is None:
            cells += ["–", "–"]
        else:
            cells += [f"{cost.bytes / 1000:,.0f} kB",
                      f"{cost.seconds:.1f} s" if cost.seconds is not None else "none"]
    return f"{where} | " + " | ".join(cells) + " |"


HEADER = ("| briefings | where, link | page view | page load | search bytes | first result "
          "| finder bytes | finder first results |\n|---:|---|---:|---:|---:|---:|---:|---:|")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,16000")
    parser.add_argument("--work", type=Path, help="keep archives and sites here (reused)")
    parser.add_argument("--site", type=Path, action="append",
                        help="a built hosted site (with --synth; with --finder, repeat it to "
                        "compare sites, measured in turn)")
    parser.add_argument("--offline", type=Path, help="its offline build (the folder of its "
                        "index.html), if any")
    parser.add_argument("--synth", type=int, help="the synthetic size --site was built from")
    parser.add_argument("--pagefind", action="store_true", help="add Pagefind's line")
    parser.add_argument("--write", action="store_true", help="put the table in BENCHMARKS.md")
    parser.add_argument("--finder", action="store_true", help="the finder alone, also until "
                        "every count is exact (with --site; prints, never writes)")
    args = parser.parse_args(argv)
    rows = [HEADER]
    if args.finder:
        if not (args.site and args.synth):
            parser.error("--finder needs --site and --synth")
        rows = measure_finder(args.site, synth.generate(args.synth), args.offline)
        print(f"Measured {bench.machine()}.\n\n" + "\n".join([FINDER_HEADER, *rows]))
        return 0
    if args.site:
        if not args.synth:
            parser.error("--site needs --synth")
        rows += measure(Sites(args.site[0], args.offline, synth.generate(args.synth)),
                        args.pagefind)
    else:
        work = args.work or Path(tempfile.mkdtemp(prefix="briefings-slowlink-"))
        for count in (int(s) for s in args.sizes.split(",")):
            (work / str(count)).mkdir(parents=True, exist_ok=True)
            rows += measure(build(work / str(count), count), args.pagefind)
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    text = f"Measured {bench.machine()}.\n\n" + "\n".join(rows)
    print(text)
    if args.write:
        write_block(ROOT / "BENCHMARKS.md", text)
    return 0


START, END = "<!-- slowlink:start -->", "<!-- slowlink:end -->"


def write_block(path: Path, text: str) -> None:
    """Replace the slow-link block of BENCHMARKS.md (added at the end if missing)."""
    old = path.read_text("utf-8")
    if START not in old:
        old += f"\n{START}\n{END}\n"
    head, _, rest = old.partition(START)
    _, _, tail = rest.partition(END)
    path.write_text(f"{head}{START}\n{text}\n{END}{tail}", "utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
