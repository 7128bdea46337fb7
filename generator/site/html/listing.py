"""Lists of briefings grouped by year and month, split into year pages when long, and a
long year into month pages.

No listing grows with the archive: a page lists at most LONG_LIST briefings, or is a
list's first page (its latest LATEST and links to its years), a year page of at most
LONG_YEAR briefings, a year page of a longer year (links to its months), or a month page,
which holds one month of the list (what a month page can hold grows with the rate of
publishing, never with the archive's age or size). Every page has a stable address that
names what it holds: ``<route>``, ``<route><year>/``, ``<route><year>/<month>/``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import groupby

from generator.content.model import Briefing
from generator.site.html.markup import Linker, count_label, esc, month_name
from generator.site.maps import charts
from generator.site.outputs import Page, Site

LONG_LIST = 150  # above this many briefings a listing gets one page per year
LONG_YEAR = 300  # above this many briefings in a year, its page links to one page per month
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
    """The page at ``route`` and, for long lists, one page per year below it (and one per
    month below a long year)."""
    link = Linker(route, site.style)
    lastmod = briefings[0].date if briefings else None
    split: frozenset[int] = frozenset()
    if not briefings:
        body = '<p class="ba-empty">No briefings yet.</p>'
    elif len(briefings) <= LONG_LIST:
        body = by_month(briefings, link)
    else:
        years = years_of(briefings)
        split = frozenset(year for year, items in years if len(items) > LONG_YEAR)
        body = (f"<h3>Latest</h3>\n{link.briefing_list(briefings[:LATEST])}\n"
                f"<h3>By year</h3>\n{_year_links(link, route, years)}")
        yield from _year_pages(route, name, years, site, kind)
    chart = charts.activity([b.date for b in briefings],
                            _month_link(link, route, len(briefings), split))
    content = f'{head}\n{chart}\n{side}\n<h2 id="briefings">Briefings</h2>\n{body}'
    yield Page(route, name, f'<div class="ba-{kind}">\n{content}\n</div>', kind,
               description=f"{name}: {count_label(len(briefings))} in the archive.", feed=feed,
               lastmod=lastmod)


def _month_link(link: Linker, route: str, count: int, split: frozenset[int]
                ) -> charts.MonthLink:
    """Where a month's heading is: on the listing itself, on its year's page when the
    list is split into years, or the month's own page when its year is split too."""
    def href(year: int, month: int) -> str:
        if year in split:
            return link.to(month_route(route, year, month))
        page = f"{route}{year}/" if count > LONG_LIST else route
        anchor = f"#m{year}-{month:02d}"
        return anchor if page == link.here else link.to(page) + anchor
    return href


def month_route(route: str, year: int, month: int) -> str:
    """The page of one month of a listing whose year is split (see LONG_YEAR)."""
    return f"{route}{year}/{month:02d}/"


def _year_links(link: Linker, route: str, years: list[tuple[int, list[Briefing]]]) -> str:
    items = "".join(f'<li>{link.link(f"{route}{year}/", str(year))} <span class="ba-count">'
                    f"{count_label(len(items))}</span></li>" for year, items in years)
    return f'<ul class="ba-years">{items}</ul>'


def _neighbours(link: Linker, up: tuple[str, str], older: tuple[str, str] | None,
                newer: tuple[str, str] | None, label: str) -> str:
    """The breadcrumb of a year or month page: up, the older page, the newer page."""
    nav = [link.link(*up)]
    if older is not None:
        nav.append(link.link(older[0], f"‹ {older[1]}"))
    if newer is not None:
        nav.append(link.link(newer[0], f"{newer[1]} ›"))
    return f'<nav class="ba-breadcrumb" aria-label="{label}">{" · ".join(nav)}</nav>'


def _year_pages(route: str, name: str, years: list[tuple[int, list[Briefing]]], site: Site,
                kind: str) -> Iterator[Page]:
    for place, (year, items) in enumerate(years):
        here = f"{route}{year}/"
        link = Linker(here, site.style)
        older = years[place + 1][0] if place + 1 < len(years) else None
        newer = years[place - 1][0] if place > 0 else None
        nav = _neighbours(link, (route, f"All years of {name}"),
                          (f"{route}{older}/", str(older)) if older else None,
                          (f"{route}{newer}/", str(newer)) if newer else None, "Years")
        if len(items) > LONG_YEAR:
            months = [(month, list(group)) for month, group
                      in groupby(items, key=lambda b: b.date.month)]
            listing = _month_links(link, route, year, months)
            yield from _month_pages(route, name, year, months, site, kind)
        else:
            listing = by_month(items, link, year_headings=False)
        content = (f"{nav}\n"
                   f'<h1 id="top">{esc(name)}: {year}</h1>\n'
                   f"<p>{count_label(len(items))} in {year}.</p>\n" + listing)
        yield Page(here, f"{name}: {year}", f'<div class="ba-{kind}-year">\n{content}\n</div>',
                   f"{kind}-year", lastmod=items[0].date)


def _month_links(link: Linker, route: str, year: int,
                 months: list[tuple[int, list[Briefing]]]) -> str:
    """A long year's months, each linked to its page with its count (the anchors of the
    months' headings, ``#mYYYY-MM``, as on a year page that lists them)."""
    items = "".join(f'<li id="m{year}-{month:02d}">'
                    f"{link.link(month_route(route, year, month), month_name(year, month))} "
                    f'<span class="ba-count">{count_label(len(group))}</span></li>'
                    for month, group in months)
    return f'<ul class="ba-years">{items}</ul>'


def _month_pages(route: str, name: str, year: int, months: list[tuple[int, list[Briefing]]],
                 site: Site, kind: str) -> Iterator[Page]:
    for place, (month, items) in enumerate(months):
        here = month_route(route, year, month)
        link = Linker(here, site.style)
        older = months[place + 1][0] if place + 1 < len(months) else None
        newer = months[place - 1][0] if place > 0 else None
        nav = _neighbours(
            link, (f"{route}{year}/", f"All months of {year}"),
            (month_route(route, year, older), month_name(year, older)) if older else None,
            (month_route(route, year, newer), month_name(year, newer)) if newer else None,
            "Months")
        title = f"{name}: {month_name(year, month)}"
        content = (f"{nav}\n"
                   f'<h1 id="top">{esc(title)}</h1>\n'
                   f"<p>{count_label(len(items))} in {esc(month_name(year, month))}.</p>\n"
                   + link.briefing_list(items))
        yield Page(here, title, f'<div class="ba-{kind}-month">\n{content}\n</div>',
                   f"{kind}-month", lastmod=items[0].date)
