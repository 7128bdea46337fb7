"""The sitemap: every page of the site with its ``lastmod``, as the sitemap protocol wants it.

One home for the sitemap (https://www.sitemaps.org/protocol.html). A sitemap file holds at
most 50,000 URLs and 50 MB (uncompressed), and may list only addresses at or below its own
folder. Up to those limits the site has one ``sitemap.xml`` (a ``urlset``); past them,
``sitemap.xml`` becomes a sitemap index naming ``sitemap-1.xml``, ``sitemap-2.xml``, ...
beside it at the site's root, each a ``urlset`` of consecutive routes (in route order), and
the index gives each part the latest ``lastmod`` of its pages. Every ``lastmod`` comes from
the content, never the build day, so the same archive gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from xml.sax.saxutils import escape

from generator.content.model import Archive
from generator.site import urls
from generator.site.outputs import DataFile, Page, Site

NAME = "sitemap.xml"  # the sitemap, or past the limits the sitemap index
PART = "sitemap-{number}.xml"  # the parts an index names, at the root like it
PARTS_PREFIX = "sitemap-"  # a plan that writes the sitemap replaces every part (buildtree)
MAX_URLS = 50_000  # the protocol's limits for one file
MAX_BYTES = 50 * 1000 * 1000
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"  # its link element: a page's versions in other languages
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'


def sitemap_files(pages: Iterable[Page], site: Site, max_urls: int = MAX_URLS
                  ) -> list[DataFile]:
    """The sitemap of ``pages``: one file, or past ``max_urls`` (or 50 MB) an index and its
    parts."""
    rows = [(page.lastmod, _row(page, site)) for page in sorted(pages, key=lambda p: p.route)]
    single = _urlset([row for _day, row in rows])
    if len(rows) <= max_urls and len(single) <= MAX_BYTES:
        return [DataFile(NAME, single)]
    parts = _parts(rows, max_urls)
    files = [DataFile(PART.format(number=number), _urlset([row for _day, row in part]))
             for number, part in enumerate(parts, 1)]
    entries = []
    for file, part in zip(files, parts, strict=True):
        days = [day for day, _row in part if day is not None]
        lastmod = f"<lastmod>{max(days).isoformat()}</lastmod>" if days else ""
        entries.append(f"  <sitemap><loc>{escape(site.absolute(file.path))}</loc>{lastmod}"
                       "</sitemap>")
    index = (f'{_HEAD}<sitemapindex xmlns="{NAMESPACE}">\n' + "\n".join(entries)
             + "\n</sitemapindex>\n")
    return [DataFile(NAME, index.encode("utf-8")), *files]


def alternates(archive: Archive) -> dict[str, tuple[tuple[str, str], ...]]:
    """Each route of a briefing with translations: (language, route) of every member of its
    set, itself included (the hreflang links of the sitemap and of the pages)."""
    found: dict[str, tuple[tuple[str, str], ...]] = {}
    for briefing in archive.briefings:
        members = archive.translations(briefing)
        if len(members) > 1:
            found[urls.briefing(briefing.slug)] = tuple((b.lang, urls.briefing(b.slug))
                                                         for b in members)
    return found


def _row(page: Page, site: Site) -> str:
    """A page's entry; a page in a translation set lists every member of it (itself too)
    as an ``xhtml:link`` (Google's form of hreflang in sitemaps)."""
    lastmod = f"<lastmod>{page.lastmod.isoformat()}</lastmod>" if page.lastmod else ""
    links = "".join(f'<xhtml:link rel="alternate" hreflang="{escape(lang)}" '
                    f'href="{escape(site.absolute(route))}"/>' for lang, route in page.alternates)
    return f"  <url><loc>{escape(site.absolute(page.route))}</loc>{lastmod}{links}</url>"


def _urlset(rows: Sequence[str]) -> bytes:
    return (f'{_HEAD}<urlset xmlns="{NAMESPACE}" xmlns:xhtml="{XHTML}">\n' + "\n".join(rows)
            + "\n</urlset>\n").encode("utf-8")


def _parts(rows: list[tuple[date | None, str]], max_urls: int
           ) -> list[list[tuple[date | None, str]]]:
    """Consecutive runs of rows, each at most ``max_urls`` rows and under 50 MB."""
    parts: list[list[tuple[date | None, str]]] = [[]]
    size = 0
    budget = MAX_BYTES - len(_urlset([]))
    for row in rows:
        length = len(row[1].encode("utf-8")) + 1
        if parts[-1] and (len(parts[-1]) >= max_urls or size + length > budget):
            parts.append([])
            size = 0
        parts[-1].append(row)
        size += length
    return parts
