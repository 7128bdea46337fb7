"""The finder's data: every published briefing in a compact form for the browser.

The finder runs from ``file://`` with no network, so its data cannot be fetched: each file
is a plain script. ``finder/data.js`` sets ``window.briefingsFinderData``, read by
``assets/javascripts/finder.js``: the actors, regions and languages, and what filtering and
counting need of the newest :data:`CHUNK_SIZE` briefings; the same of the older ones comes in
chunks, ``finder/data/i<n>.js``, each calling ``window.briefingsFinderItems(n, rows)``, loaded
right after the page (issue 25: at 16,000 briefings the one file was 146 kB gzip, and the
first results waited for all of it on a slow link; now they need the first chunk). The texts
(title, slug, shown summary) come in parts, ``finder/data/<n>.js``, each calling
``window.briefingsFinderPart(n, rows)``, loaded only when a result to show or a word to look
for needs them (issue 16: at 16,000 briefings one file was 5 MB, a minute on a slow link).

Design notes:
- Small per briefing: each is ``[days since the previous item, actor indexes, region
  indexes]``, plus the index of its language when that is not the site's (the first of
  ``langs``, each ``[tag, direction, name]``), newest first; the first item of each chunk
  counts days since 1970-01-01, so a chunk reads alone. A part row is ``[title, slug,
  summary]`` for :data:`PART_SIZE` briefings in the same order, the summary shortened for
  display. Chunks and parts are asked for as ``<name>.js?v=<tag>``, where the tag hashes
  the chunk together with the texts of its briefings (one tag per chunk, in ``data.js``:
  with a tag per part it grew by 12 bytes per 100 briefings, 8 of its 54 kB gzip at 100,000
  briefings, on the way to every first result; issue 25).
- An actor is ``[id, name]``, and the number of the part of the texts holding the newest
  briefing that names it where that is not in the first chunk: no briefing before that
  part's chunk can match a query that chooses the actor, so the script skips the chunks
  before it (an actor of old briefings was the slowest query: its first result waited for
  every newer chunk), and asks for that part beside the chunk, since with the actor alone
  its newest briefing is the first result (one request after the other was 1.4 s at
  100,000 briefings on the slow link). A region is ``[id, name, parent]``; the id is 0
  where it is the
  name in lower case with hyphens for spaces (ASCII names only), which the script undoes
  (at 16,000 synthetic briefings that halves the actors' 17 kB gzip). The finder page
  writes the choices of the most named actors only, and the script makes the others'
  from here (the page was 45 kB gzip at 16,000 briefings, most of it 1,150 actor
  checkboxes). Their other names (aliases, names by language), which only "Find an
  actor" looks in, come last, in ``finder/data/names.js`` (``briefingsFinderNames``).
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

from generator.content.model import Actor
from generator.site import urls
from generator.site.index import Index
from generator.site.outputs import DataFile, Site

ROUTE = "finder/"
DATA_PATH = "finder/data.js"
PARTS_FOLDER = "finder/data"
GLOBAL_NAME = "briefingsFinderData"
PART_CALLBACK = "briefingsFinderPart"
CHUNK_CALLBACK = "briefingsFinderItems"
NAMES_CALLBACK = "briefingsFinderNames"
NAMES_PATH = f"{PARTS_FOLDER}/names.js"
FORMAT_VERSION = 4  # 4: a tag per chunk and its parts
PART_SIZE = 100  # briefings per text part: the first page of results is fifty
# Briefings per chunk of filtering data (a multiple of PART_SIZE): the first, in data.js,
# is what the first results of a query need; 1,000 is about 9 kB gzip.
CHUNK_SIZE = 1000
PARTS_PER_CHUNK = CHUNK_SIZE // PART_SIZE
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


def language_order(index: Index) -> list[str]:
    """The archive's languages: the site's first, then the others by tag."""
    archive = index.archive
    others = {b.lang for b in archive.briefings} - {archive.language}
    return [archive.language, *sorted(others)]


def finder_data(index: Index, site: Site, about: Callable[[str], tuple[str, str]]
                ) -> dict[str, Any]:
    """Everything the finder script needs, as JSON-ready values: ``items`` holds the
    filtering fields of every briefing and ``texts`` the rows of the parts (both written
    apart, see :func:`finder_files`); ``about`` gives a language's direction (``ltr`` or
    ``rtl``) and its name in itself."""
    archive = index.archive
    actors = actor_order(index)
    regions = region_order(index)
    languages = language_order(index)
    actor_at = {a: i for i, a in enumerate(actors)}
    region_at = {r: i for i, (r, _depth) in enumerate(regions)}
    language_at = {tag: i for i, tag in enumerate(languages)}
    days = [day_number(b.date) for b in archive.briefings]
    items: list[list[Any]] = []
    newest: dict[str, int] = {}  # each actor's newest part
    for at, (day, b) in enumerate(zip(days, archive.briefings, strict=True)):
        row: list[Any] = [day if at % CHUNK_SIZE == 0 else days[at - 1] - day,
                          [actor_at[a] for a in b.actors], [region_at[r] for r in b.regions]]
        if language_at[b.lang]:
            row.append(language_at[b.lang])
        items.append(row)
        for actor_id in b.actors:
            newest.setdefault(actor_id, at // PART_SIZE)
    return {
        "version": FORMAT_VERSION,
        "count": len(items),
        "links": {
            "briefing": link_pattern(urls.briefing, (b.slug for b in archive.briefings),
                                     site.style),
            "actor": link_pattern(urls.actor, actors, site.style),
            "region": link_pattern(urls.region, region_at, site.style),
        },
        "actors": [[compact_id(a, archive.actors[a].name), archive.actors[a].name,
                    *([newest[a]] if newest.get(a, 0) >= PARTS_PER_CHUNK else [])]
                   for a in actors],
        "regions": [[compact_id(r, archive.regions[r].name), archive.regions[r].name,
                     _parent_at(r, index, region_at)] for r, _depth in regions],
        "names": [_other_names(archive.actors[a]) for a in actors],
        "langs": [[tag, *about(tag)] for tag in languages],
        "items": items,
        "texts": [[b.title, b.slug, shown_summary(b.summary)] for b in archive.briefings],
    }


def compact_id(entry_id: str, name: str) -> str | int:
    """The id as the data gives it: 0 where the script makes it from the name."""
    return 0 if name.isascii() and name.lower().replace(" ", "-") == entry_id else entry_id


def _other_names(actor: Actor) -> str:
    """The actor's aliases and names by language, once each, as one text."""
    names = dict.fromkeys([*actor.aliases, *(name for _tag, name in actor.names)])
    return " ".join(name for name in names if name != actor.name)


def _parent_at(region_id: str, index: Index, region_at: dict[str, int]) -> int:
    parent = index.archive.regions[region_id].parent
    return region_at[parent] if parent is not None else -1


def _json(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    # Older engines end a JS string at these two characters; JSON allows them raw.
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def data_script(data: dict[str, Any]) -> bytes:
    """The data as a script setting one global (loadable by <script src> from file://)."""
    return f"window.{GLOBAL_NAME}={_json(data)};\n".encode()


def part_script(number: int, rows: list[list[str]]) -> bytes:
    """One part of the texts: a script handing its rows to the finder."""
    return f"window.{PART_CALLBACK}({number},{_json(rows)});\n".encode()


def chunk_script(number: int, rows: list[list[Any]]) -> bytes:
    """One chunk of the filtering data: a script handing its rows to the finder."""
    return f"window.{CHUNK_CALLBACK}({number},{_json(rows)});\n".encode()


def part_path(number: int) -> str:
    return f"{PARTS_FOLDER}/{number}.js"


def chunk_path(number: int) -> str:
    return f"{PARTS_FOLDER}/i{number}.js"


def finder_files(index: Index, site: Site, about: Callable[[str], tuple[str, str]]
                 ) -> list[DataFile]:
    """``finder/data.js``, the actors' other names, the chunks and the parts for this
    archive and URL style, in that order; ``about`` as for :func:`finder_data`."""
    data = finder_data(index, site, about)
    texts = data.pop("texts")
    items = data.pop("items")
    names = f"window.{NAMES_CALLBACK}({_json(data.pop('names'))});\n".encode()
    parts = [part_script(n, texts[start:start + PART_SIZE])
             for n, start in enumerate(range(0, len(texts), PART_SIZE))]
    chunks = [chunk_script(n, items[start:start + CHUNK_SIZE])
              for n, start in enumerate(range(CHUNK_SIZE, len(items), CHUNK_SIZE), start=1)]
    data["items"] = items[:CHUNK_SIZE]
    # chunk 0 is in data.js itself; each chunk's tag covers its parts' texts too
    data["chunks"] = {"size": CHUNK_SIZE, "tags": [
        chunk_tag([*(chunks[n - 1:n] if n else []),
                   *parts[n * PARTS_PER_CHUNK:(n + 1) * PARTS_PER_CHUNK]])
        for n in range(len(chunks) + 1)]}
    data["parts"] = {"size": PART_SIZE, "count": len(parts)}
    data["names"] = version_tag(names)
    return [DataFile(DATA_PATH, data_script(data)), DataFile(NAMES_PATH, names),
            *(DataFile(chunk_path(n), chunk) for n, chunk in enumerate(chunks, start=1)),
            *(DataFile(part_path(n), part) for n, part in enumerate(parts))]


def chunk_tag(contents: list[bytes]) -> str:
    """The tag of a chunk and the parts of its briefings' texts: changes with any of them."""
    return version_tag(b"".join(len(c).to_bytes(8, "big") + c for c in contents))


def part_tag(files: list[DataFile], number: int) -> str:
    """The tag the finder asks for part ``number`` of the texts with (its chunk's), from
    :func:`finder_files`' files."""
    data = json.loads(files[0].content.decode().partition("=")[2].rstrip().rstrip(";"))
    return str(data["chunks"]["tags"][number // PARTS_PER_CHUNK])


def version_tag(content: bytes) -> str:
    """A short content hash: the page asks for ``data.js?v=...`` so caches never mix builds."""
    return hashlib.sha256(content).hexdigest()[:12]
