"""The reader's site, page type by page type, against the fixture archive and an oracle.

The oracle is computed here from the registries and briefing files directly (not from
generator.index), and every list is read back from the built HTML by following the pages'
own links.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from urllib.parse import urljoin, urlparse

import feedparser
import pytest
from conftest import read_search_index

from generator.content.loading import Loaded
from generator.content.model import Source
from generator.site.data.exports import briefing_rows
from generator.site.outputs import Site

SITE_URL = "https://briefings.example.org/"
TITLE_LINK = re.compile(r'<a href="([^"]+)" class="ba-title">')


def read(site: Path, url_path: str) -> str:
    """The HTML served at a site-relative folder URL."""
    return (site / url_path / "index.html").read_text(encoding="utf-8")


def briefing_links(site: Path, url_path: str) -> list[str]:
    """Slugs a listing page lists (in order), following its year pages if it has any."""
    html = read(site, url_path)
    section = html.split('id="briefings"', 1)[-1]
    years = re.findall(r'<ul class="ba-years">(.*?)</ul>', section, re.DOTALL)
    if years:
        slugs: list[str] = []
        for href in re.findall(r'href="([^"]+)"', years[0]):
            slugs += briefing_links(site, _resolve(url_path, href))
        return slugs
    return [_slug(url_path, href) for href in TITLE_LINK.findall(section)]


def _resolve(url_path: str, href: str) -> str:
    return urlparse(urljoin(SITE_URL + url_path, href)).path.lstrip("/")


def _slug(url_path: str, href: str) -> str:
    path = _resolve(url_path, href)
    assert path.startswith("briefings/") and path.endswith("/"), href
    return path.split("/")[1]


# --- the oracle ----------------------------------------------------------------------------

def oracle_published(loaded: Loaded) -> list[tuple[date, str]]:
    return sorted(((b.date, b.slug) for b in loaded.archive.briefings if not b.draft),
                  key=lambda item: (-item[0].toordinal(), item[1]))


def oracle_region(loaded: Loaded, region_id: str) -> list[str]:
    regions = loaded.archive.regions

    def below(rid: str) -> bool:
        while rid:
            if rid == region_id:
                return True
            rid = regions[rid].parent or ""
        return False

    wanted = {b.slug for b in loaded.archive.briefings if any(below(r) for r in b.regions)}
    return [slug for _, slug in oracle_published(loaded) if slug in wanted]


def oracle_actor(loaded: Loaded, actor_id: str) -> list[str]:
    wanted = {b.slug for b in loaded.archive.briefings if actor_id in b.actors}
    return [slug for _, slug in oracle_published(loaded) if slug in wanted]


# --- pages ---------------------------------------------------------------------------------

def test_every_actor_page_lists_exactly_its_briefings(built_site: Path, loaded: Loaded) -> None:
    for actor_id in loaded.archive.actors:
        assert briefing_links(built_site, f"actors/{actor_id}/") == oracle_actor(loaded, actor_id)


def test_every_region_page_gathers_everything_below_it(built_site: Path, loaded: Loaded) -> None:
    for region_id in loaded.archive.regions:
        expected = oracle_region(loaded, region_id)
        assert briefing_links(built_site, f"regions/{region_id}/") == expected, region_id
    assert briefing_links(built_site, "regions/europe/") == [s for _, s in
                                                              oracle_published(loaded)]


def test_timeline_lists_every_published_briefing_by_month(built_site: Path,
                                                         loaded: Loaded) -> None:
    assert briefing_links(built_site, "timeline/") == [s for _, s in oracle_published(loaded)]
    html = read(built_site, "timeline/")
    assert 'id="m2023-09"' in html and "September 2023" in html


def test_drafts_appear_nowhere(built_site: Path) -> None:
    assert not (built_site / "briefings" / "draft-note").exists()
    for path in built_site.rglob("*"):
        if path.suffix in {".html", ".xml", ".json", ".csv"}:
            assert "draft that must not be published" not in path.read_text(encoding="utf-8"), path


def test_briefing_page_links_actors_regions_and_sources(built_site: Path) -> None:
    html = read(built_site, "briefings/offensive/")
    assert '<a href="../../actors/ilham-aliyev/">Ilham Aliyev</a>' in html
    assert '<a href="../../regions/nagorno-karabakh/">Nagorno-Karabakh</a>' in html
    assert 'href="https://www.reuters.com/world/example-offensive"' in html
    assert "by Jane Doe" in html
    assert 'href="https://web.archive.org/web/2023/https://www.bbc.com/news/world-europe-example"' \
        in html
    assert '<span class="ba-tag">offensive</span>' in html
    assert "Fighting broke out across the region." in html


def test_briefing_page_has_citation_related_and_neighbours(built_site: Path) -> None:
    html = read(built_site, "briefings/offensive/")
    assert f"{SITE_URL}briefings/offensive/" in html
    assert "@misc{offensive," in html and "year = {2023}" in html
    assert 'Older: <a href="../blinken-pashinyan-call/">' in html
    assert 'Newer: <a href="../ceasefire/">' in html
    related = html.split('id="related"', 1)[1].split("</ul>", 1)[0]
    assert "../ceasefire/" in related


def test_actor_page_facts_companions_and_feed_link(built_site: Path) -> None:
    html = read(built_site, "actors/nikol-pashinyan/")
    assert "Prime Minister of Armenia" in html
    assert "Nikol Pashinian, Pashinian, Pashinyan, Նիկոլ Փաշինյան" in html
    assert "https://www.wikidata.org/wiki/Q7035512" in html
    assert "<em>Civil Contract</em>" in html
    companions = html.split('id="with"', 1)[1].split("</ul>", 1)[0]
    assert "Ilham Aliyev" in companions and "Collective Security Treaty Organization" in companions
    assert '<link rel="alternate feed" type="application/atom+xml"' in html
    assert "../../finder/?actor=nikol-pashinyan" in html


def test_region_page_breadcrumb_and_subregions(built_site: Path) -> None:
    html = read(built_site, "regions/nagorno-karabakh/")
    crumbs = html.split('class="ba-breadcrumb"', 1)[1].split("</nav>", 1)[0]
    assert [m for m in re.findall(r">([^<]+)</a>", crumbs)] == [
        "All regions", "Europe", "South Caucasus", "Azerbaijan"]
    subregions = html.split('id="sub-regions"', 1)[1].split("</ul>", 1)[0]
    assert "Lachin corridor" in subregions


def test_index_pages_count_everything(built_site: Path, loaded: Loaded) -> None:
    actors = read(built_site, "actors/")
    for actor in loaded.archive.actors.values():
        count = len(oracle_actor(loaded, actor.id))
        assert re.search(rf'>{re.escape(actor.name)}</a> <span class="ba-count">{count}</span>',
                         actors), actor.id
    regions = read(built_site, "regions/")
    assert re.search(r'>South Caucasus</a> <span class="ba-count">4</span>', regions)
    home = read(built_site, "")
    assert "5 briefings from 18 January 2023 to 5 March 2024" in home


# --- feeds and exports ---------------------------------------------------------------------

def test_feeds_parse_and_hold_the_right_entries(built_site: Path, loaded: Loaded) -> None:
    cases = {"feed.xml": [s for _, s in oracle_published(loaded)],
             "actors/nikol-pashinyan/feed.xml": oracle_actor(loaded, "nikol-pashinyan"),
             "regions/azerbaijan/feed.xml": oracle_region(loaded, "azerbaijan")}
    for path, slugs in cases.items():
        feed = feedparser.parse((built_site / path).read_bytes())
        assert not feed.bozo, (path, feed.get("bozo_exception"))
        assert [e.id for e in feed.entries] == [f"{SITE_URL}briefings/{s}/" for s in slugs]
        assert all(e.updated.endswith("Z") for e in feed.entries)


def test_json_and_csv_exports_are_complete(built_site: Path, loaded: Loaded) -> None:
    records = json.loads((built_site / "briefings.json").read_text(encoding="utf-8"))
    assert [r["slug"] for r in records] == [s for _, s in oracle_published(loaded)]
    first = next(r for r in records if r["slug"] == "blinken-pashinyan-call")
    assert first["actors"] == ["antony-blinken", "nikol-pashinyan", "sergei-lavrov", "csto"]
    assert first["regions"] == ["lachin-corridor"]
    assert first["sources"] == [{"name": "RFE/RL", "url":
                                 "https://www.rferl.org/a/blinken-pashinian-call/32229000.html",
                                 "published": "2023-01-18", "via": "Oilprice.com"}]
    with open(built_site / "briefings.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["slug"] for r in rows] == [r["slug"] for r in records]
    assert rows[0].keys() >= {"url", "title", "date", "regions", "actors", "summary"}


def test_csv_lists_split_back_into_what_was_written(loaded: Loaded) -> None:
    """Tags and source names hold no ';' (refused); a URL's ';' is written %3B in the CSV."""
    briefing = replace(loaded.archive.briefings[0], sources=(
        Source("A", "https://a.example/x;jsessionid=1"), Source("B", "https://b.example/")))
    _json_line, row = briefing_rows(briefing, Site("S", SITE_URL, "directory"))
    cells = next(csv.reader([row]))
    assert cells[7].split(";") == ["A", "B"]
    assert cells[8].split(";") == ["https://a.example/x%3Bjsessionid=1", "https://b.example/"]


def test_sitemap_lists_every_page_with_content_dates(built_site: Path) -> None:
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    locations = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    pages = {SITE_URL + p.parent.relative_to(built_site).as_posix() + "/"
             for p in built_site.rglob("index.html")}
    pages = {p.replace(f"{SITE_URL}./", SITE_URL) for p in pages}
    assert pages <= locations | {SITE_URL + "search/", SITE_URL + "assets/"}
    assert "<lastmod>2023-09-19</lastmod>" in sitemap
    assert str(date.today()) not in sitemap


def test_search_index_is_lean_and_knows_every_alias(built_site: Path) -> None:
    manifest, records, words = read_search_index(built_site)
    at = {record[0]: n for n, record in enumerate(records)}
    briefing = words[at["briefings/blinken-pashinyan-call/"]]
    assert "նիկոլ" in briefing and "kremlin" not in briefing  # its actors' aliases only
    assert not {"", "timeline/", "actors/", "regions/", "finder/"} & set(at)
    actor = at["actors/nikol-pashinyan/"]
    assert [b for start, b in manifest["boosts"] if start <= actor][-1] < 1  # the last run
    index_bytes = sum(p.stat().st_size for p in (built_site / "search").rglob("*.js"))
    assert index_bytes < 800 * len(records)


@pytest.mark.parametrize("url_path", ["", "actors/", "regions/", "timeline/"])
def test_listing_pages_carry_the_site_feed(built_site: Path, url_path: str) -> None:
    assert 'type="application/atom+xml"' in read(built_site, url_path)


def test_long_listings_split_into_linked_year_pages(write_archive: object) -> None:
    """At 16,000 briefings no listing may be one enormous page: long ones get year pages."""
    from generator.content.loading import load_archive
    from generator.site.html.listing import LATEST, LONG_LIST
    from generator.site.outputs import Site
    from generator.site.plan.buildtree import plan

    files = {f"{2000 + i % 6}/{2000 + i % 6}-01-{1 + i % 28:02d}-b{i}.md":
             _csto_briefing(f"Briefing {i}", f"{2000 + i % 6}-01-{1 + i % 28:02d}", str(i))
             for i in range(LONG_LIST + 30)}
    content = write_archive(files)  # type: ignore[operator]
    loaded = load_archive(content)
    assert loaded.ok, loaded.problems
    built = plan(loaded.archive, Site("T", SITE_URL)).files
    actor_page = built["actors/csto.md"].decode()
    assert actor_page.count('class="ba-title"') == LATEST
    for year in range(2000, 2006):
        assert f'href="{year}/"' in actor_page
        year_page = built[f"actors/csto/{year}.md"].decode()
        listed = year_page.count('class="ba-title"')
        assert listed == sum(1 for name in files if name.startswith(f"{year}/"))


def _csto_briefing(title: str, day: str, key: str) -> str:
    """A briefing naming the CSTO in Armenia, as the listing tests write many of them."""
    return f"""\
        ---
        title: {title}
        date: {day}
        region: armenia
        actors: [csto]
        source: {{name: X, url: "https://x.org/{key}"}}
        ---
        Text {key}.
        """


def test_a_long_year_splits_into_linked_month_pages(write_archive: object) -> None:
    """A term named in half of 100,000 briefings must not get a year page of thousands of
    rows: a year over LONG_YEAR links to one page per month, at a stable address."""
    from generator.content.loading import load_archive
    from generator.site.html.listing import LONG_YEAR
    from generator.site.outputs import Site
    from generator.site.plan.buildtree import plan

    count = LONG_YEAR + 40  # in 2021, over three months; and 5 in 2020 (a short year)
    files = {f"2021/2021-{1 + i % 3:02d}-{1 + i % 28:02d}-b{i}.md":
             _csto_briefing(f"Briefing {i}", f"2021-{1 + i % 3:02d}-{1 + i % 28:02d}", str(i))
             for i in range(count)}
    files |= {f"2020/2020-05-0{1 + i}-a{i}.md":
              _csto_briefing(f"Earlier {i}", f"2020-05-0{1 + i}", f"a{i}") for i in range(5)}
    content = write_archive(files)  # type: ignore[operator]
    loaded = load_archive(content)
    assert loaded.ok, loaded.problems
    built = plan(loaded.archive, Site("T", SITE_URL)).files
    year = built["actors/csto/2021.md"].decode()
    assert year.count('class="ba-title"') == 0  # it lists months, not briefings
    for month in (1, 2, 3):
        assert f'id="m2021-{month:02d}"' in year and f'href="{month:02d}/"' in year
        page = built[f"actors/csto/2021/{month:02d}.md"].decode()
        assert page.count('class="ba-title"') == len(
            [n for n in files if n.startswith(f"2021/2021-{month:02d}-")])
    assert 'href="../03/"' in built["actors/csto/2021/02.md"].decode()  # the newer month
    assert built["actors/csto/2020.md"].decode().count('class="ba-title"') == 5  # short year
    actor = built["actors/csto.md"].decode()
    assert 'href="2021/01/"' in actor  # the chart's month links go to the month's page
    assert 'href="2020/#m2020-05"' in actor
    listings = [text.decode().count('class="ba-title"') for path, text in built.items()
                if path.startswith(("actors/", "timeline", "regions/")) and path.endswith(".md")]
    assert max(listings) <= LONG_YEAR
