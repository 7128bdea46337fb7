"""The finder's data file: every published briefing in a compact form for the browser.

The finder runs from ``file://`` with no network, so its data cannot be fetched:
``finder/data.js`` is a plain script that sets one global,
``window.briefingsFinderData``, read by ``assets/javascripts/finder.js``.

Design notes:
- Small per briefing, so 16,000 briefings stay a few megabytes: each is an array
  ``[day, title, slug, actor indexes, region indexes, summary]`` where ``day``
  counts days since 1970-01-01 and the summary is shortened for display.
- Links are built in the browser as ``prefix + slug + suffix``; the prefix and
  suffix come from ``urls.relative`` for the finder page in the site's URL style,
  and every briefing's link is checked against ``urls.relative`` here, so a change
  of URL scheme fails the build instead of breaking links.
- Regions are listed in tree order (a parent before everything below it) with
  the index of their parent; the script rolls each briefing up to its regions'
  ancestors once, on load, so no query walks the tree.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from generator.site import urls
from generator.site.index import Index
from generator.site.outputs import DataFile, Site

ROUTE = "finder/"
DATA_PATH = "finder/data.js"
GLOBAL_NAME = "briefingsFinderData"
FORMAT_VERSION = 1
SUMMARY_LIMIT = 160
EPOCH = date(1970, 1, 1)


def day_number(day: date) -> int:
    """Days since 1970-01-01, the browser's ``Date.UTC(...) / 86400000``."""
    return (day - EPOCH).days


def shown_summary(summary: str, limit: int = SUMMARY_LIMIT) -> str:
    """The summary as the finder shows (and searches) it: cut at a word, with an ellipsis."""
    if len(summary) <= limit:
        return summary
    return summary[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def actor_order(index: Index) -> list[str]:
    """Actor ids, most briefings first, then by name: the order of the finder's controls."""
    actors = index.archive.actors
    return sorted(actors, key=lambda a: (-len(index.by_actor[a]), actors[a].name.casefold(), a))


def region_order(index: Index) -> list[tuple[str, int]]:
    """(region id, depth) in tree order: each region before everything below it."""
    ordered: list[tuple[str, int]] = []

    def visit(ids: Iterable[str], depth: int) -> None:
        for region_id in ids:
            ordered.append((region_id, depth))
            visit(index.children.get(region_id, ()), depth + 1)

    visit(index.roots, 0)
    return ordered


def link_pattern(route_of: Callable[[str], str], keys: Iterable[str], style: urls.UrlStyle
                 ) -> list[str]:
    """[prefix, suffix] such that prefix + key + suffix is the finder's link to each key."""
    sentinel = "0-finder-key-0"
    prefix, _, suffix = urls.relative(ROUTE, route_of(sentinel), style).partition(sentinel)
    for key in keys:
        expected = urls.relative(ROUTE, route_of(key), style)
        if prefix + key + suffix != expected:
            raise ValueError(f"finder link pattern gives '{prefix}{key}{suffix}', "
                             f"the site uses '{expected}'")
    return [prefix, suffix]


def finder_data(index: Index, site: Site) -> dict[str, Any]:
    """Everything the finder script needs, as JSON-ready values."""
    archive = index.archive
    actors = actor_order(index)
    regions = region_order(index)
    actor_at = {a: i for i, a in enumerate(actors)}
    region_at = {r: i for i, (r, _depth) in enumerate(regions)}
    return {
        "version": FORMAT_VERSION,
        "links": {
            "briefing": link_pattern(urls.briefing, (b.slug for b in archive.briefings),
                                     site.style),
            "actor": link_pattern(urls.actor, actors, site.style),
            "region": link_pattern(urls.region, region_at, site.style),
        },
        "actors": [[a, archive.actors[a].name] for a in actors],
        "regions": [[r, archive.regions[r].name, _parent_at(r, index, region_at)]
                    for r, _depth in regions],
        "items": [[day_number(b.date), b.title, b.slug, [actor_at[a] for a in b.actors],
                   [region_at[r] for r in b.regions], shown_summary(b.summary)]
                  for b in archive.briefings],
    }


def _parent_at(region_id: str, index: Index, region_at: dict[str, int]) -> int:
    parent = index.archive.regions[region_id].parent
    return region_at[parent] if parent is not None else -1


def data_script(data: dict[str, Any]) -> bytes:
    """The data as a script setting one global (loadable by <script src> from file://)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # Older engines end a JS string at these two characters; JSON allows them raw.
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.{GLOBAL_NAME}={text};\n".encode()


def finder_data_file(index: Index, site: Site) -> DataFile:
    """``finder/data.js`` for this archive and URL style."""
    return DataFile(DATA_PATH, data_script(finder_data(index, site)))


def version_tag(content: bytes) -> str:
    """A short content hash: the page asks for ``data.js?v=...`` so caches never mix builds."""
    return hashlib.sha256(content).hexdigest()[:12]
