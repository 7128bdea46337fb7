"""Check a built site's sitemap by the rules of https://www.sitemaps.org/protocol.html.

    .venv/bin/python scripts/sitemapcheck.py SITE_DIR SITE_URL

Every file is checked: at most 50,000 entries and 50 MB, the protocol's namespace, entries
of ``loc`` (first) and ``lastmod`` (a W3C date) only, besides a translation's
``xhtml:link`` alternates; every address absolute and at or below the folder of the file
that lists it. Past 50,000 pages ``sitemap.xml`` must be a sitemap index whose parts exist
in the site. Then the site: every page (each ``index.html`` but the not-found page) must be
listed exactly once, and nothing else. Prints one line, and exits 1 on the first problem.
``tests/site/test_sitemaps.py`` holds the generator's sitemaps to the same rules
(:func:`check_file`); the benchmark runs this on its largest sites.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
MAX_URLS = 50_000
MAX_BYTES = 50 * 1000 * 1000
_NS = f"{{{NAMESPACE}}}"
_W3C_DATE = re.compile(r"\A\d{4}-\d{2}-\d{2}\Z")


class SitemapProblem(AssertionError):
    """A sitemap file, or the site it describes, breaks a rule of the protocol."""


def _require(condition: bool, problem: str) -> None:
    if not condition:
        raise SitemapProblem(problem)


def check_file(content: bytes, address: str, root: str, limit: int = MAX_URLS
               ) -> ElementTree.Element:
    """One sitemap file (``root``: ``urlset`` or ``sitemapindex``) published at
    ``address``, checked by the protocol's rules (``limit``: its entries at most), parsed."""
    _require(len(content) <= MAX_BYTES, f"{address}: over 50 MB")
    _require(content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n'),
             f"{address}: no UTF-8 XML declaration")
    tree = ElementTree.fromstring(content)
    _require(tree.tag == f"{_NS}{root}", f"{address}: root is {tree.tag}, not {root}")
    child = "url" if root == "urlset" else "sitemap"
    _require(0 < len(tree) <= limit, f"{address}: {len(tree)} entries")
    folder = address.rsplit("/", 1)[0] + "/"
    allowed = {f"{_NS}loc", f"{_NS}lastmod"} | ({f"{{{XHTML}}}link"} if child == "url" else set())
    for entry in tree:
        _require(entry.tag == f"{_NS}{child}", f"{address}: an entry {entry.tag}")
        _require([part.tag for part in entry][:1] == [f"{_NS}loc"], f"{address}: loc not first")
        _require({part.tag for part in entry} <= allowed, f"{address}: unknown element")
        loc = entry.findtext(f"{_NS}loc", "")
        _require(loc.startswith(folder) and len(loc) < 2048, f"{address}: {loc!r} out of place")
        lastmod = entry.findtext(f"{_NS}lastmod")
        _require(lastmod is None or bool(_W3C_DATE.match(lastmod)),
                 f"{address}: lastmod {lastmod!r}")
    return tree


def _locs(tree: ElementTree.Element) -> list[str]:
    return [entry.findtext(f"{_NS}loc", "") for entry in tree]


def check_site(site: Path, site_url: str) -> tuple[int, int]:
    """Check every sitemap file of a built site and that it lists every page once;
    returns (files, pages listed)."""
    site_url = site_url.rstrip("/") + "/"
    top = (site / "sitemap.xml").read_bytes()
    files = 1
    if b"<sitemapindex" in top[:300]:
        listed = []
        for part in _locs(check_file(top, site_url + "sitemap.xml", "sitemapindex")):
            _require(part.startswith(site_url), f"a part outside the site: {part}")
            local = site / part[len(site_url):]
            _require(local.is_file(), f"the index names {part}, which the site lacks")
            listed += _locs(check_file(local.read_bytes(), part, "urlset"))
            files += 1
        _require(len(listed) > MAX_URLS, "an index for no more than 50,000 pages")
    else:
        listed = _locs(check_file(top, site_url + "sitemap.xml", "urlset"))
    twice = [loc for loc, n in Counter(listed).items() if n > 1]
    _require(not twice, f"listed more than once: {twice[:3]}")
    pages = set()
    for path in site.rglob("index.html"):
        folder = path.parent.relative_to(site).as_posix()
        pages.add(site_url if folder == "." else f"{site_url}{folder}/")
    missing, extra = pages - set(listed), set(listed) - pages
    _require(not missing, f"{len(missing)} pages not listed, e.g. {sorted(missing)[:3]}")
    _require(not extra, f"{len(extra)} listed addresses are no page, e.g. {sorted(extra)[:3]}")
    return files, len(listed)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        files, pages = check_site(Path(argv[0]), argv[1])
    except (SitemapProblem, OSError, ElementTree.ParseError) as problem:
        print(f"sitemap: INVALID: {problem}")
        return 1
    print(f"sitemap: valid: {pages:,} pages in {files} file{'s' if files > 1 else ''}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
