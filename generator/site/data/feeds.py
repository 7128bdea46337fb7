"""Atom feeds: one per language of the archive, and one per actor and per region.

The site's feed (``feed.xml``) holds the briefings in the site's language, and each other
language has its own (``feed-ar.xml``, ``urls.language_feed``), which the pages in that
language link: a reader subscribes to the archive in their language and gets no entries in
a script they do not read. An actor's or a region's feed follows its page, which lists the
briefings in every language: each entry in another language than the site's carries its
``xml:lang``."""

from __future__ import annotations

from collections.abc import Container, Sequence
from datetime import date
from xml.sax.saxutils import escape, quoteattr

from generator.content.model import Briefing, last_changed
from generator.site import urls
from generator.site.index import Index
from generator.site.outputs import DataFile, Site

FEED_ENTRIES = 50
_EPOCH = "1970-01-01T00:00:00Z"


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom(site: Site, route: str, title: str, page_route: str,
         briefings: Sequence[Briefing], index: Index, language: str = "") -> DataFile:
    """An Atom 1.0 document of the newest briefings; ids are the briefings' permalinks;
    in ``language`` (the site's by default)."""
    newest = briefings[:FEED_ENTRIES]
    updated = _stamp(max(last_changed(b) for b in newest)) if newest else _EPOCH
    language = language or index.archive.language
    lines = _head(site, route, title, page_route, updated, language)
    lines += [_entry(site, briefing, index, language) for briefing in newest]
    lines.append("</feed>\n")
    return DataFile(route, "\n".join(lines).encode("utf-8"))


def _head(site: Site, route: str, title: str, page_route: str, updated: str,
          language: str) -> list[str]:
    return [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(language)}>',
        f"  <id>{escape(site.absolute(route))}</id>",
        f"  <title>{escape(title)}</title>",
        f"  <updated>{updated}</updated>",
        '  <link rel="self" type="application/atom+xml" '
        f"href={quoteattr(site.absolute(route))}/>",
        f'  <link rel="alternate" type="text/html" href={quoteattr(site.absolute(page_route))}/>',
        f"  <author><name>{escape(site.name)}</name></author>",
    ]


def _entry(site: Site, briefing: Briefing, index: Index, language: str) -> str:
    permalink = site.absolute(urls.briefing(briefing.slug))
    names = [index.archive.actors[a].name for a in briefing.actors]
    names += [index.archive.regions[r].name for r in briefing.regions]
    categories = "".join(f"\n    <category term={quoteattr(name)}/>"
                         for name in [*names, *briefing.tags])
    own = f" xml:lang={quoteattr(briefing.lang)}" if briefing.lang != language else ""
    return (f"  <entry{own}>\n    <id>{escape(permalink)}</id>\n"
            f"    <title>{escape(briefing.title)}</title>\n"
            f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(permalink)}/>\n"
            f"    <published>{_stamp(briefing.date)}</published>\n"
            f"    <updated>{_stamp(last_changed(briefing))}</updated>\n"
            f"    <summary>{escape(briefing.summary)}</summary>{categories}\n  </entry>")


def all_feeds(index: Index, site: Site, actors: Container[str] | None = None,
              regions: Container[str] | None = None) -> list[DataFile]:
    """The site feed and one feed per actor and per region (or only those given)."""
    archive = index.archive
    by_language: dict[str, list[Briefing]] = {archive.language: []}
    for briefing in archive.briefings:
        by_language.setdefault(briefing.lang, []).append(briefing)
    feeds = [_language_feed(index, site, language, briefings)
             for language, briefings in by_language.items()]
    feeds.append(corrections_feed(index, site))
    for actor in archive.actors.values():
        if actors is not None and actor.id not in actors:
            continue
        route = urls.actor(actor.id)
        feeds.append(atom(site, route + "feed.xml", f"{actor.name} · {site.name}", route,
                          index.by_actor[actor.id], index))
    for region in archive.regions.values():
        if regions is not None and region.id not in regions:
            continue
        route = urls.region(region.id)
        feeds.append(atom(site, route + "feed.xml", f"{region.name} · {site.name}", route,
                          index.by_region[region.id], index))
    return feeds


def _language_feed(index: Index, site: Site, language: str,
                   briefings: Sequence[Briefing]) -> DataFile:
    site_language = index.archive.language
    route = urls.language_feed(language, site_language)
    title = site.name if language == site_language else f"{site.name} ({language})"
    return atom(site, route, title, "", briefings, index, language)


def corrections_feed(index: Index, site: Site) -> DataFile:
    """``corrections/feed.xml``: the newest corrections, each an entry of its own."""
    route = urls.CORRECTIONS + "feed.xml"
    found = index.corrections()[:FEED_ENTRIES]
    updated = _stamp(found[0][0].date) if found else _EPOCH
    lines = _head(site, route, f"Corrections · {site.name}", urls.CORRECTIONS, updated,
                  index.archive.language)
    for correction, number, briefing in found:
        anchor = f"{site.absolute(urls.briefing(briefing.slug))}#correction-{number}"
        lines.append(f"  <entry>\n    <id>{escape(anchor)}</id>\n"
                     f"    <title>{escape('Correction: ' + briefing.title)}</title>\n"
                     f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(anchor)}/>\n"
                     f"    <published>{_stamp(correction.date)}</published>\n"
                     f"    <updated>{_stamp(correction.date)}</updated>\n"
                     f"    <summary>{escape(correction.text)}</summary>\n  </entry>")
    lines.append("</feed>\n")
    return DataFile(route, "\n".join(lines).encode("utf-8"))
