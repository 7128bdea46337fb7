"""The site's search index, written by the generator instead of Material's search plugin.

One entry per briefing (title, summary, and a ``names`` field with its tags and every name
and alias of its actors and regions, so a reader finds a briefing by any spelling; Material
indexes the field but does not show it) and one per actor, region and editorial page.
Listing pages are left out so they never crowd out the briefings. Each entry has the fields
of Material's index format (``location``, ``title``, ``text``, ``boost``); the site's own worker
(theme/assets/javascripts/search-worker.js) weights the fields by their ``boost`` and reads
the entries split into shards and record files (:mod:`searchshards`), never as one file.
Words already present in an entry are not repeated, which keeps the payload small.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from generator.content.model import Actor, Briefing, Region
from generator.site import urls
from generator.site.data import searchshards
from generator.site.index import Index
from generator.site.outputs import DataFile, Site

SEPARATOR = r"[\s\-,.:;!?()\[\]\"'/«»“”‘’]+"
_SPLIT = re.compile(SEPARATOR)


def _words(text: str) -> list[str]:
    return [w for w in _SPLIT.split(text) if w]


@functools.lru_cache(maxsize=1 << 16)
def _name_words(name: str) -> tuple[tuple[str, str], ...]:
    """A name's words, each with its case-folded form (names recur in many briefings)."""
    return tuple((word, word.casefold()) for word in _words(name))


def new_words(names: Iterable[str], known: str) -> str:
    """Every word of ``names`` that ``known`` does not contain, once, space-separated."""
    seen = {w.casefold() for w in _words(known)}
    extra = []
    for name in names:
        for word, folded in _name_words(name):
            if folded not in seen:
                seen.add(folded)
                extra.append(word)
    return " ".join(extra)


def _shown(text: str) -> str:
    """Text for a field Material shows: its search results insert titles and text as HTML."""
    return html.escape(text, quote=False)


def briefing_entry(briefing: Briefing, index: Index, site: Site) -> str:
    """A briefing's entry of the search index, as JSON text. A translation holds only words
    of its own language: its names as the registries give them in it (not the tags, which
    are English words), so an English query never lands on it, and never loads its records
    (its original, which the query finds, links to it)."""
    archive = index.archive
    if briefing.lang == archive.language:
        names = [*briefing.tags, *archive.names(briefing)]
    else:
        entries: list[Actor | Region] = [*(archive.actors[i] for i in briefing.actors),
                                         *(archive.regions[i] for i in briefing.regions)]
        names = [name for entry in entries
                 if (name := entry.name_in(briefing.lang)) != entry.name]
    return _json({"location": urls.href(urls.briefing(briefing.slug), site.style),
                  "title": _shown(briefing.title),
                  "text": _shown(briefing.summary),
                  "names": new_words(names, known=f"{briefing.title} {briefing.summary}")})


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def other_entries(index: Index, site: Site) -> list[dict[str, Any]]:
    """The entries of actor and region pages."""
    archive = index.archive
    docs: list[dict[str, Any]] = []
    for actor in archive.actors.values():
        docs.append({"location": urls.href(urls.actor(actor.id), site.style),
                     "title": _shown(actor.name),
                     "text": _shown(actor.role or ""),
                     "names": new_words(actor.aliases, actor.name),
                     "boost": 0.5})
    for region in archive.regions.values():
        docs.append({"location": urls.href(urls.region(region.id), site.style),
                     "title": _shown(region.name), "text": "",
                     "names": new_words(region.aliases, region.name), "boost": 0.5})
    return docs


def _page_entries(index: Index, site: Site) -> list[dict[str, Any]]:
    """The entries of the editorial pages (about, methodology, ...): title and summary."""
    return [{"location": urls.href(urls.page(page.slug), site.style),
             "title": _shown(page.title), "text": _shown(page.summary), "boost": 0.5}
            for page in index.archive.pages]


CONFIG = {"lang": ["en"], "separator": SEPARATOR, "pipeline": ["stopWordFilter"],
          "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0},
                     "names": {"boost": 10.0}}}


def search_index(index: Index, site: Site, entries: Iterable[str] | None = None
                 ) -> Iterator[DataFile]:
    """The search index, split into the manifest, shards and record files the site's worker
    loads (see :mod:`searchshards`), one file at a time; ``entries``: every briefing's entry
    (:func:`briefing_entry`), in order, if made."""
    archive = index.archive
    if entries is None:
        entries = (briefing_entry(b, index, site) for b in archive.briefings)
    groups: dict[str, list[dict[str, Any]]] = {archive.language: []}
    for briefing, entry in zip(archive.briefings, entries, strict=True):
        groups.setdefault(briefing.lang, []).append(json.loads(entry))
    groups[archive.language] += [*other_entries(index, site), *_page_entries(index, site)]
    return searchshards.shard_files(CONFIG, list(groups.items()))
