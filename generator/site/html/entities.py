"""Pages for one briefing, one actor and one region."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import replace

from generator.content.model import Actor, Archive, Briefing, Region, Source, last_changed
from generator.site import urls
from generator.site.html import citeblock, language, sharecards
from generator.site.html.editorial import (
    briefing_links,
    revisions,
    suggest_correction,
    updated_fact,
)
from generator.site.html.listing import dated_listing
from generator.site.html.markup import (
    Linker,
    count_label,
    esc,
    external,
    section,
    time_tag,
)
from generator.site.html.sourcestatus import link_state
from generator.site.index import Index
from generator.site.maps import regionmaps
from generator.site.outputs import Page, Site

KIND_LABELS = {
    "person": "Person", "state": "State", "organization": "Organization",
    "armed-group": "Armed group", "movement": "Movement", "other": "Other",
    "world-region": "World region", "subregion": "Subregion", "country": "Country",
    "territory": "Territory", "locality": "Locality",
}


def briefing_page(briefing: Briefing, index: Index, site: Site) -> Page:
    """A briefing: facts, body, sources, related, citation, older/newer; in its language."""
    route = urls.briefing(briefing.slug)
    lang = briefing.lang
    link = Linker(route, site.style, lang)
    archive = index.archive
    t = functools.partial(language.text, lang)
    # Each name isolated: an English name in an Arabic line keeps its own order.
    bdi = language.isolator(lang, archive.language)
    regions = t(", ").join(bdi(link.link(urls.region(r), archive.regions[r].name_in(lang)))
                           for r in briefing.regions)
    actors = t(", ").join(bdi(link.link(urls.actor(a), archive.actors[a].name_in(lang)))
                          for a in briefing.actors)
    facts = [f"<dt>{t('Date')}</dt><dd>{time_tag(briefing.date, lang)}</dd>",
             updated_fact(briefing),
             f"<dt>{t('Regions' if len(briefing.regions) > 1 else 'Region')}</dt>"
             f"<dd>{regions}</dd>", f"<dt>{t('Actors')}</dt><dd>{actors}</dd>"]
    if briefing.tags:
        # tags are the archive's words, in the site's language (marked so on another's page)
        english = language.marked(archive.language, lang)
        tags = " ".join(bdi(f'<span class="ba-tag"{english}>{esc(tag)}</span>')
                        for tag in briefing.tags)
        facts.append(f"<dt>{t('Tags')}</dt><dd>{tags}</dd>")
    members = archive.translations(briefing)
    parts = [
        f'<h1 id="top">{esc(briefing.title)}</h1>',
        _translations(briefing, members, link),
        f'<dl class="ba-facts">{"".join(facts)}</dl>',
        revisions(briefing),
        f'<div class="ba-body">\n{briefing.body_html}\n</div>',
        section(t("Sources"), "<ul class=\"ba-sources\">"
                + "".join(f"<li>{_source(s, archive, lang, bdi)}</li>"
                          for s in briefing.sources)
                + "</ul>", "sources"),
        briefing_links(briefing, site),
    ]
    related = index.related(briefing)
    if related:
        parts.append(section(t("Related briefings"),
                             link.briefing_list(related, summary=False), "related"))
    parts.append(citeblock.cite_section(briefing, archive, site, link))
    parts.append(_older_newer(briefing, index, link))
    body = "\n".join(p for p in parts if p)
    return Page(route, briefing.title,
                _article(body, "ba-briefing", language.attributes(lang, archive.language)),
                "briefing", description=briefing.summary, lastmod=last_changed(briefing),
                published=briefing.date,
                structured=sharecards.json_ld(sharecards.briefing_data(briefing, index, site)),
                citation_head=citeblock.head_tags(briefing, archive, site),
                lang=lang if lang != archive.language else "",
                # a page in another language links the feed of that language
                feed=urls.language_feed(lang, archive.language)
                if lang != archive.language else None,
                feed_title=f"{site.name} ({language.language_name(lang)})"
                if lang != archive.language else "",
                alternates=tuple((b.lang, urls.briefing(b.slug)) for b in members)
                if len(members) > 1 else ())


def _translations(briefing: Briefing, members: tuple[Briefing, ...], link: Linker) -> str:
    """Links to the briefing in its other languages, each named in its own language."""
    others = [b for b in members if b is not briefing]
    if not others:
        return ""
    label = language.text(briefing.lang, "In other languages")
    items = "".join(
        f'<li><a href="{esc(link.to(urls.briefing(b.slug)))}" hreflang="{esc(b.lang)}" '
        f'lang="{esc(b.lang)}" dir="{language.direction(b.lang)}">'
        f"{esc(language.language_name(b.lang))}</a></li>" for b in others)
    return (f'<nav class="ba-translations" aria-label="{esc(label)}">'
            f'<span class="ba-translations-label">{esc(label)}:</span> <ul>{items}</ul></nav>')


def _source(source: Source, archive: Archive, lang: str, bdi: Callable[[str], str]) -> str:
    t = functools.partial(language.text, lang)
    parts = [bdi(external(source.url, source.name))]
    if source.author:
        parts.append(f"{t('by')} {bdi(esc(source.author))}")
    if source.published:
        parts.append(f"{t('published')} {time_tag(source.published, lang)}")
    if source.via:
        parts.append(f"{t('via')} {bdi(esc(source.via))}")
    return t(", ").join(parts) + link_state(source, archive.source_states.get(source.url),
                                             lang)


def _older_newer(briefing: Briefing, index: Index, link: Linker) -> str:
    older, newer = index.neighbours(briefing)
    t = functools.partial(language.text, briefing.lang)
    bdi = language.isolator(briefing.lang, index.archive.language)
    cells = []
    if older:
        cells.append(f'<span class="ba-older">{t("Older")}: '
                     f"{_titled(older, link, bdi)}</span>")
    if newer:
        cells.append(f'<span class="ba-newer">{t("Newer")}: '
                     f"{_titled(newer, link, bdi)}</span>")
    return (f'<nav class="ba-prevnext" aria-label="{t("Older and newer briefings")}">'
            f'{"".join(cells)}</nav>')


def _titled(briefing: Briefing, link: Linker, bdi: Callable[[str], str]) -> str:
    """A link to a briefing by its title, marked with its language where not the page's."""
    marked = language.marked(briefing.lang, link.lang)
    shown = link.link(urls.briefing(briefing.slug), briefing.title)
    return f"<bdi{marked}>{shown}</bdi>" if marked else bdi(shown)


def _article(content: str, css: str, attributes: str = "") -> str:
    return f'<article class="{css}"{attributes}>\n{content}\n</article>'


def actor_pages(actor: Actor, index: Index, site: Site) -> Iterator[Page]:
    """An actor's page (and its per-year pages when the list is long)."""
    route = urls.actor(actor.id)
    link = Linker(route, site.style)
    archive = index.archive
    briefings = index.by_actor[actor.id]
    facts = [f"<dt>Kind</dt><dd>{KIND_LABELS[actor.kind]}</dd>"]
    if actor.role:
        facts.append(f"<dt>Role</dt><dd>{esc(actor.role)}</dd>")
    if actor.country:
        country = link.link(urls.region(actor.country), archive.regions[actor.country].name)
        facts.append(f"<dt>Country</dt><dd>{country}</dd>")
    if actor.aliases:
        facts.append(f"<dt>Also written as</dt><dd>{esc(', '.join(actor.aliases))}</dd>")
    if actor.wikidata:
        facts.append("<dt>Wikidata</dt><dd>" + external(
            f"https://www.wikidata.org/wiki/{actor.wikidata}", actor.wikidata) + "</dd>")
    facts.append(f"<dt>Briefings</dt><dd>{count_label(len(briefings))}</dd>")
    head = [f'<h1 id="top">{esc(actor.name)}</h1>', f'<dl class="ba-facts">{"".join(facts)}</dl>']
    if actor.description_html:
        head.append(f'<div class="ba-description">{actor.description_html}</div>')
    head.append(_feed_and_finder(link, route, f"actor={actor.id}"))
    head.append(_registry_links(site, route, actor.name, "actors.yml", actor.origin.line))
    side = [
        _ranked(link, "Appears most often with", "with",
                [(urls.actor(a), archive.actors[a].name, n) for a, n in index.co_actors(actor.id)]),
        _ranked(link, "Regions", "regions", [(urls.region(r), archive.regions[r].name, n)
                                            for r, n in index.actor_regions(actor.id)]),
    ]
    yield from _with_data(dated_listing(route, actor.name, "\n".join(head), "\n".join(side),
                                        briefings, site, kind="actor", feed=route + "feed.xml"),
                          route, sharecards.actor_data(actor, site))


def region_pages(region: Region, index: Index, site: Site) -> Iterator[Page]:
    """A region's page: breadcrumb, sub-regions, briefings of it and below it, actors."""
    route = urls.region(region.id)
    link = Linker(route, site.style)
    archive = index.archive
    briefings = index.by_region[region.id]
    crumbs = [link.link("regions/", "All regions")] + [
        link.link(urls.region(r), archive.regions[r].name) for r in index.ancestors(region.id)]
    head = [f'<nav class="ba-breadcrumb" aria-label="Parent regions">{" › ".join(crumbs)}</nav>',
            f'<h1 id="top">{esc(region.name)}</h1>']
    facts = [f"<dt>Kind</dt><dd>{KIND_LABELS[region.kind]}</dd>"]
    if region.aliases:
        facts.append(f"<dt>Also written as</dt><dd>{esc(', '.join(region.aliases))}</dd>")
    facts.append(f"<dt>Briefings</dt><dd>{count_label(len(briefings))}, including its "
                 "sub-regions</dd>")
    head.append(f'<dl class="ba-facts">{"".join(facts)}</dl>')
    if region.description_html:
        head.append(f'<div class="ba-description">{region.description_html}</div>')
    head.append(regionmaps.locator_figure(index, region.id, route, site.style))
    head.append(_feed_and_finder(link, route, f"region={region.id}"))
    head.append(_registry_links(site, route, region.name, "regions.yml", region.origin.line))
    children = index.children.get(region.id, ())
    side = [
        _ranked(link, "Sub-regions", "sub-regions", [
            (urls.region(c), archive.regions[c].name, len(index.by_region[c])) for c in children],
            limit=None),
        _ranked(link, "Most active actors", "actors", [
            (urls.actor(a), archive.actors[a].name, n) for a, n in index.region_actors(region.id)]),
    ]
    yield from _with_data(dated_listing(route, region.name, "\n".join(head), "\n".join(side),
                                        briefings, site, kind="region", feed=route + "feed.xml"),
                          route, sharecards.region_data(region, index, site))


def _feed_and_finder(link: Linker, route: str, query: str) -> str:
    finder = esc(link.to("finder/") + "?" + query)
    return (f'<p class="ba-actions"><a href="{esc(link.to(route + "feed.xml"))}" '
            f'type="application/atom+xml">Atom feed</a> · '
            f'<a href="{finder}">Filter these briefings</a></p>')


def _ranked(link: Linker, heading: str, anchor: str, rows: list[tuple[str, str, int]],
            limit: int | None = 12) -> str:
    """A headed list of linked names with counts (the first ``limit``), or nothing."""
    return section(heading, _counted(link, rows[:limit]), anchor) if rows else ""


def _counted(link: Linker, rows: list[tuple[str, str, int]]) -> str:
    items = "".join(f'<li>{link.link(route, name)} <span class="ba-count">{n:,}</span></li>'
                    for route, name, n in rows)
    return f'<ul class="ba-counted">{items}</ul>'


def _registry_links(site: Site, route: str, name: str, registry: str, line: int) -> str:
    """Suggest a correction of a registry entry: the registry, at the entry's line."""
    return suggest_correction(site, route, name, site.view_url(registry, line),
                              f"{registry}, line {line}")


def _with_data(pages: Iterator[Page], route: str, data: dict[str, object]) -> Iterator[Page]:
    """The pages, the one at ``route`` with ``data`` as its structured data."""
    for page in pages:
        yield replace(page, structured=sharecards.json_ld(data)) if page.route == route else page
