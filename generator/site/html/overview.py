"""The entry pages: home, all actors, the region tree, the timeline, not-found."""

from __future__ import annotations

from collections.abc import Iterator

from generator.site import urls
from generator.site.edition import Edition
from generator.site.html.listing import dated_listing
from generator.site.html.markup import Linker, count_label, esc, long_date
from generator.site.index import Index
from generator.site.maps import regionmaps
from generator.site.outputs import Page, Site

HOME_LATEST = 12
KIND_HEADINGS = {"person": "People", "state": "States", "organization": "Organizations",
                 "armed-group": "Armed groups", "movement": "Movements", "other": "Other"}


def home_page(index: Index, site: Site) -> Page:
    link = Linker("", site.style)
    briefings = index.archive.briefings
    extent = (f"{count_label(len(briefings))} from {long_date(briefings[-1].date)} to "
              f"{long_date(briefings[0].date)}, " if briefings else "No briefings yet, ")
    extent += (f"{count_label(len(index.archive.actors), 'actor')} and "
               f"{count_label(len(index.archive.regions), 'region')}.")
    points = [
        ("actors/", "Actors", "people, states and organisations"),
        ("regions/", "Regions", "every place, with everything below it"),
        ("timeline/", "Timeline", "all briefings by year and month"),
        ("finder/", "Finder", "filter by actors, region and dates"),
        (urls.CORRECTIONS, "Corrections", "every correction published, newest first"),
    ]
    if site.downloads:
        points.append(("downloads/", "Downloads", "the whole archive offline, and for Kiwix"))
    entries = "".join(f"<li>{link.link(route, label)} <span>{esc(text)}</span></li>"
                      for route, label, text in points)
    content = (f'<h1 id="top">{esc(site.name)}</h1>\n<p class="ba-extent">{esc(extent)}</p>\n'
               f'<ul class="ba-entry-points">{entries}</ul>\n'
               f'{search_hint(site.edition)} Follow new briefings with the '
               f'<a href="{esc(link.to("feed.xml"))}" type="application/atom+xml">'
               "Atom feed</a>.</p>\n"
               + (regionmaps.regions_figure(index, "", site.style, "ba-map-home") + "\n"
                  if briefings else "")
               + '<h2 id="latest">Latest briefings</h2>\n'
               + link.briefing_list(briefings[:HOME_LATEST]))
    return Page("", site.name, f'<div class="ba-home">\n{content}\n</div>', "home",
                description=extent, feed="feed.xml",
                lastmod=briefings[0].date if briefings else None)


def search_hint(edition: Edition) -> str:
    """The start of the home page's line on searching, which differs by edition (the Kiwix
    edition, made from the offline one, swaps it: editions/kiwixsite.py)."""
    searching = ("with your Kiwix reader's search" if edition is Edition.KIWIX
                 else "with the search box (press <kbd>/</kbd>)")
    return f'<p class="ba-search-hint">Search any name, alias or word {searching}.'


def actors_page(index: Index, site: Site) -> Page:
    link = Linker("actors/", site.style)
    actors = index.archive.actors
    parts = ['<h1 id="top">Actors</h1>',
             f"<p>{count_label(len(actors), 'actor')}, grouped by kind, with the number of "
             "briefings that name each.</p>"]
    for kind, label in KIND_HEADINGS.items():
        group = sorted((a for a in actors.values() if a.kind == kind),
                       key=lambda a: a.name.casefold())
        if not group:
            continue
        items = "".join(f'<li>{link.link(urls.actor(a.id), a.name)} <span class="ba-count">'
                        f"{len(index.by_actor[a.id]):,}</span></li>" for a in group)
        parts.append(f'<h2 id="{kind}">{esc(label)} <span class="ba-count">{len(group)}</span>'
                     f'</h2>\n<ul class="ba-counted ba-columns">{items}</ul>')
    return Page("actors/", "Actors", '<div class="ba-actors">\n' + "\n".join(parts) + "\n</div>",
                "actors", description=f"All {len(actors)} actors of the archive.")


def regions_page(index: Index, site: Site) -> Page:
    link = Linker("regions/", site.style)

    def tree(ids: tuple[str, ...]) -> str:
        items = []
        for region_id in ids:
            region = index.archive.regions[region_id]
            below = index.children.get(region_id, ())
            items.append(f"<li>{link.link(urls.region(region_id), region.name)} "
                         f'<span class="ba-count">{len(index.by_region[region_id]):,}</span>'
                         f" {regionmaps.latest_label(index, region_id)}"
                         + (tree(below) if below else "") + "</li>")
        return f'<ul class="ba-tree">{"".join(items)}</ul>'

    figure = regionmaps.regions_figure(index, "regions/", site.style, detail=True) \
        if index.archive.briefings else ""
    content = ('<h1 id="top">Regions</h1>\n<p>Every region with the number of briefings about '
               "it and everything below it, and the date of the latest.</p>\n"
               f"{figure}\n" + tree(index.roots))
    return Page("regions/", "Regions", f'<div class="ba-regions">\n{content}\n</div>', "regions",
                description=f"All {len(index.archive.regions)} regions of the archive.")


def timeline_pages(index: Index, site: Site) -> Iterator[Page]:
    briefings = index.archive.briefings
    finder = esc(Linker("timeline/", site.style).to("finder/"))
    head = ('<h1 id="top">Timeline</h1>\n'
            f"<p>All {count_label(len(briefings))}, newest first, by year and month.</p>\n"
            f'<p class="ba-actions"><a href="{finder}">Filter these briefings</a></p>')
    yield from dated_listing("timeline/", "Timeline", head, "", briefings, site,
                             kind="timeline", feed="feed.xml")
