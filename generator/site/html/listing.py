"""Lists of briefings grouped by year and month, split into year pages when long."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import groupby

from generator.content.model import Briefing
from generator.site.html.markup import Linker, count_label, esc, month_name
from generator.site.maps import charts
from generator.site.outputs import Page, Site

LONG_LIST = 150  # above this many briefings a listing gets one page per year
LATEST = 20


def by_month(briefings: Sequence[Briefing], link: Linker, year_headings: bool = True) -> str:
    """Briefings (newest first) under year and month headings, with counts."""
    parts = []
    for year, in_year in groupby(briefings, key=lambda b: b.date.year):
        year_items = list(in_year)
        if year_headings:
            parts.append(f'<h3 id="y{year}">{year} <span class="ba-count">'
                         f"{count_label(len(year_items))}</span></h3>")
        for month, in_month in groupby(year_items, key=lambda b: b.date.month):
            items = list(in_month)
            # months sit under the year's h3, or right under the year page's h1
            level = 4 if year_headings else 2
            parts.append(f'<h{level} id="m{year}-{month:02d}">{month_name(year, month)} '
                         f'<span class="ba-count">{len(items)}</span></h{level}>')
            parts.append(link.briefing_list(items))
    return "\n".join(parts)


def years_of(briefings: Sequence[Briefing]) -> list[tuple[int, list[Briefing]]]:
    return [(year, list(items)) for year, items in groupby(briefings, key=lambda b: b.date.year)]


def dated_listing(route: str, name: str, head: str, side: str, briefings: Sequence[Briefing],
                  site: Site, *, kind: str, feed: str | None) -> Iterator[Page]:
    """The page at ``route`` and, for long lists, one page per year below it."""
    link = Linker(route, site.style)
    lastmod = briefings[0].date if briefings else None
    if not briefings:
        body = '<p class="ba-empty">No briefings yet.</p>'
    elif len(briefings) <= LONG_LIST:
        body = by_month(briefings, link)
    else:
        years = years_of(briefings)
        body = (f"<h3>Latest</h3>\n{link.briefing_list(briefings[:LATEST])}\n"
                f"<h3>By year</h3>\n{_year_links(link, route, years)}")
        yield from _year_pages(route, name, years, site, kind)
    chart = charts.activity([b.date for b in briefings], _month_link(link, route, len(briefings)))
    content = f'{head}\n{chart}\n{side}\n<h2 id="briefings">Briefings</h2>\n{body}'
    yield Page(route, name, f'<div class="ba-{kind}">\n{content}\n</div>', kind,
               description=f"{name}: {count_label(len(briefings))} in the archive.", feed=feed,
               lastmod=lastmod)


def _month_link(link: Linker, route: str, count: int) -> charts.MonthLink:
    """Where a month's heading is: on the listing itself, or on its year's page when the
    list is split into years."""
    def href(year: int, month: int) -> str:
        page = f"{route}{year}/" if count > LONG_LIST else route
        anchor = f"#m{year}-{month:02d}"
        return anchor if page == link.here else link.to(page) + anchor
    return href


def _year_links(link: Linker, route: str, years: list[tuple[int, list[Briefing]]]) -> str:
    items = "".join(f'<li>{link.link(f"{route}{year}/", str(year))} <span class="ba-count">'
                    f"{count_label(len(items))}</span></li>" for year, items in years)
    return f'<ul class="ba-years">{items}</ul>'


def _year_pages(route: str, name: str, years: list[tuple[int, list[Briefing]]], site: Site,
                kind: str) -> Iterator[Page]:
    for place, (year, items) in enumerate(years):
        here = f"{route}{year}/"
        link = Linker(here, site.style)
        nav = [link.link(route, f"All years of {name}")]
        if place + 1 < len(years):
            nav.append(link.link(f"{route}{years[place + 1][0]}/", f"‹ {years[place + 1][0]}"))
        if place > 0:
            nav.append(link.link(f"{route}{years[place - 1][0]}/", f"{years[place - 1][0]} ›"))
        content = (f'<nav class="ba-breadcrumb" aria-label="Years">{" · ".join(nav)}</nav>\n'
                   f'<h1 id="top">{esc(name)}: {year}</h1>\n'
                   f"<p>{count_label(len(items))} in {year}.</p>\n"
                   + by_month(items, link, year_headings=False))
        yield Page(here, f"{name}: {year}", f'<div class="ba-{kind}-year">\n{content}\n</div>',
                   f"{kind}-year", lastmod=items[0].date)
