"""The built site: the fixture archive (session build) and an unseen second-theatre archive.

Pages are read back as HTML; links are followed by resolving their hrefs, so the checks hold
whatever the markup around them looks like.
"""

from __future__ import annotations

import html
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from generator.content.loading import Loaded, load_archive
from generator.pipeline import BuildOptions, build
from generator.site.index import Index

ROOT = Path(__file__).resolve().parent.parent
BASE = "https://site.invalid/"


class _Links(HTMLParser):
    """Every <a href> and its text inside the page's main content."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._open: list[str] = []
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._open.append(dict(attrs).get("href") or "")
            self._text = []

    def handle_data(self, data: str) -> None:
        self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open:
            self.links.append((self._open.pop(), "".join(self._text).strip()))


def main_content(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    start = text.index('class="md-content"')
    return text[start:text.index('class="md-footer"', start)]


def links(site: Path, page: Path) -> list[tuple[str, str]]:
    """(site-relative path or absolute URL, link text) of the main content's links."""
    parser = _Links()
    parser.feed(main_content(page))
    here = BASE + page.parent.relative_to(site).as_posix() + "/"
    found = []
    for href, text in parser.links:
        url = urljoin(here, href)
        found.append((urlparse(url).path.lstrip("/") if url.startswith(BASE) else url, text))
    return found


def linked_briefings(site: Path, folder: Path) -> set[str]:
    """Slugs linked from every page under ``folder`` (pages split by year included)."""
    slugs = set()
    for page in folder.rglob("index.html"):
        for target, _ in links(site, page):
            parts = target.split("/")
            if len(parts) == 3 and parts[0] == "briefings" and parts[2] == "":
                slugs.add(parts[1])
    return slugs


# --- the fixture archive ---------------------------------------------------------------------

def test_a_page_for_every_published_briefing(built_site: Path, loaded: Loaded) -> None:
    published = {b.slug for b in loaded.archive.briefings}
    assert len(published) == 5
    pages = {p.parent.name for p in (built_site / "briefings").glob("*/index.html")}
    assert pages == published


def test_the_draft_appears_nowhere(built_site: Path) -> None:
    assert not (built_site / "briefings" / "draft-note").exists()
    for path in built_site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".csv", ".js"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "draft-note" not in text and "must not be published" not in text, path


def test_every_actor_page_lists_its_briefings(built_site: Path, index: Index) -> None:
    for actor_id, briefings in index.by_actor.items():
        folder = built_site / "actors" / actor_id
        assert (folder / "index.html").is_file(), actor_id
        assert linked_briefings(built_site, folder) == {b.slug for b in briefings}, actor_id


def test_every_region_page_lists_its_briefings_and_those_below(built_site: Path,
                                                               index: Index) -> None:
    for region_id, briefings in index.by_region.items():
        folder = built_site / "regions" / region_id
        assert (folder / "index.html").is_file(), region_id
        assert linked_briefings(built_site, folder) == {b.slug for b in briefings}, region_id
    assert linked_briefings(built_site, built_site / "regions" / "europe") == {
        "blinken-pashinyan-call", "offensive", "ceasefire", "armenia-freezes-csto",
        "donbas-shelling"}


def test_briefing_page_shows_everything(built_site: Path) -> None:
    page = built_site / "briefings" / "blinken-pashinyan-call" / "index.html"
    content = main_content(page)
    found = links(built_site, page)
    assert "<h1" in content
    assert "Blinken urges Armenia-Azerbaijan talks as Lachin blockade deepens" in content
    assert 'datetime="2023-01-18"' in content and "18 January 2023" in content
    assert ("regions/lachin-corridor/", "Lachin corridor") in found
    for actor_id, name in (("antony-blinken", "Antony Blinken"),
                           ("nikol-pashinyan", "Nikol Pashinyan"),
                           ("sergei-lavrov", "Sergei Lavrov"),
                           ("csto", "Collective Security Treaty Organization")):
        assert (f"actors/{actor_id}/", name) in found
    assert ("https://www.rferl.org/a/blinken-pashinian-call/32229000.html", "RFE/RL") in found
    assert "Oilprice.com" in content
    assert "diplomacy" in content and "blockade" in content
    assert "US Secretary of State Antony Blinken called Armenia" in content
    assert "demand that it condemn Baku." in content


def test_briefing_page_with_two_sources(built_site: Path) -> None:
    page = built_site / "briefings" / "offensive" / "index.html"
    found = links(built_site, page)
    assert ("https://www.reuters.com/world/example-offensive", "Reuters") in found
    assert ("https://www.bbc.com/news/world-europe-example", "BBC News") in found
    assert any(url.startswith("https://web.archive.org/") for url, _ in found)
    assert "Jane Doe" in main_content(page)
    assert ("regions/nagorno-karabakh/", "Nagorno-Karabakh") in found
    assert ("actors/ilham-aliyev/", "Ilham Aliyev") in found


# --- an unseen archive: a second theatre, written to the same contract ------------------------

REGIONS = """\
- id: world
  name: World
  kind: world-region
- id: eastern-europe
  name: Eastern Europe
  kind: subregion
  parent: world
- id: ukraine
  name: Ukraine
  kind: country
  parent: eastern-europe
  iso: UA
  aliases: [Україна, Украина]
- id: donetsk-oblast
  name: Donetsk Oblast
  kind: territory
  parent: ukraine
  aliases: [Донецька область, Donbas, Донбас]
- id: kharkiv-oblast
  name: Kharkiv Oblast
  kind: territory
  parent: ukraine
  aliases: [Харківська область, Kharkov Oblast]
- id: kharkiv
  name: Kharkiv
  kind: locality
  parent: kharkiv-oblast
  aliases: [Харків, Харьков, Kharkov]
- id: zaporizhzhia-oblast
  name: Zaporizhzhia Oblast
  kind: territory
  parent: ukraine
  aliases: [Запорізька область, Zaporozhye]
- id: russia
  name: Russia
  kind: country
  parent: eastern-europe
  iso: RU
  aliases: [Россия, Russian Federation]
- id: belgorod-oblast
  name: Belgorod Oblast
  kind: territory
  parent: russia
  aliases: [Белгородская область]
- id: south-caucasus
  name: South Caucasus
  kind: subregion
  parent: world
- id: armenia
  name: Armenia
  kind: country
  parent: south-caucasus
  aliases: [Հայաստան]
- id: syunik
  name: Syunik Province
  kind: territory
  parent: armenia
  aliases: [Սյունիք, Zangezur]
- id: azerbaijan
  name: Azerbaijan
  kind: country
  parent: south-caucasus
  aliases: [Azərbaycan]
- id: karabakh
  name: Karabakh
  kind: territory
  parent: azerbaijan
  aliases: [Qarabağ, Artsakh, Արցախ]
- id: shusha
  name: Shusha
  kind: locality
  parent: karabakh
  aliases: [Şuşa, Շուշի, Shushi]
- id: georgia
  name: Georgia
  kind: country
  parent: south-caucasus
  aliases: [საქართველო, Sakartvelo]
"""

ACTORS = """\
- id: volodymyr-zelensky
  name: Volodymyr Zelensky
  kind: person
  country: ukraine
  aliases: [Zelenskyy, Володимир Зеленський, Зеленський]
- id: vladimir-putin
  name: Vladimir Putin
  kind: person
  country: russia
  aliases: [Владимир Путин, Путин, Володимир Путін]
- id: ukraine-armed-forces
  name: Armed Forces of Ukraine
  kind: armed-group
  aliases: [ZSU, Збройні сили України]
- id: russian-armed-forces
  name: Russian Armed Forces
  kind: armed-group
  aliases: [Вооружённые силы Российской Федерации]
- id: nikol-pashinyan
  name: Nikol Pashinyan
  kind: person
  country: armenia
  aliases: [Նիկոլ Փաշինյան, Pashinian]
- id: ararat-mirzoyan
  name: Ararat Mirzoyan
  kind: person
  country: armenia
  aliases: [Արարատ Միրզոյան]
- id: ilham-aliyev
  name: Ilham Aliyev
  kind: person
  country: azerbaijan
  aliases: [İlham Əliyev]
- id: jeyhun-bayramov
  name: Jeyhun Bayramov
  kind: person
  country: azerbaijan
  aliases: [Ceyhun Bayramov]
- id: recep-tayyip-erdogan
  name: Recep Tayyip Erdoğan
  kind: person
  aliases: [Erdogan, Erdoğan]
- id: iaea
  name: International Atomic Energy Agency
  kind: organization
  aliases: [IAEA, МАГАТЭ]
- id: eu
  name: European Union
  kind: organization
  aliases: [EU, Європейський Союз]
"""

# (actor written as, its id) and (region written as, its id): every script and form.
ACTOR_FORMS = [
    ("Zelenskyy", "volodymyr-zelensky"), ("ЗЕЛЕНСЬКИЙ", "volodymyr-zelensky"),
    ("Володимир  Зеленський", "volodymyr-zelensky"), ("путин", "vladimir-putin"),
    ("Володимир Путін", "vladimir-putin"), ("zsu", "ukraine-armed-forces"),
    ("вооружённые силы российской федерации", "russian-armed-forces"),
    ("Նիկոլ Փաշինյան", "nikol-pashinyan"), ("PASHINIAN", "nikol-pashinyan"),
    ("արարատ միրզոյան", "ararat-mirzoyan"), ("İLHAM ƏLİYEV", "ilham-aliyev"),
    ("ilham əliyev", "ilham-aliyev"), ("Ceyhun Bayramov", "jeyhun-bayramov"),
    ("ERDOĞAN", "recep-tayyip-erdogan"), ("МАГАТЭ", "iaea"), ("eu", "eu"),
]
REGION_FORMS = [
    ("Україна", "ukraine"), ("донбас", "donetsk-oblast"), ("ХАРКІВ", "kharkiv"),
    ("Kharkov Oblast", "kharkiv-oblast"), ("Запорізька область", "zaporizhzhia-oblast"),
    ("Белгородская область", "belgorod-oblast"), ("Սյունիք", "syunik"),
    ("Qarabağ", "karabakh"), ("ŞUŞA", "shusha"), ("Շուշի", "shusha"), ("արցախ", "karabakh"),
    ("საქართველო", "georgia"), ("zangezur", "syunik"),
]


@dataclass
class Planned:
    """One generated briefing and what it must become."""

    number: int
    path: str
    slug: str
    title: str
    regions: list[str]
    actors: list[str]
    draft: bool = False
    text: str = ""
    extras: list[str] = field(default_factory=list)


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def plan_unseen(count: int = 48) -> list[Planned]:
    """Dozens of briefings over both theatres, in sub-folders, some drafts, some NFD."""
    actor_forms = ACTOR_FORMS
    planned = []
    for n in range(count):
        day = date(2022, 1, 1).toordinal() + n * 23
        when = date.fromordinal(day)
        actors = [actor_forms[n % len(actor_forms)], actor_forms[(n * 5 + 3) % len(actor_forms)]]
        regions = [REGION_FORMS[n % len(REGION_FORMS)]]
        written_actors = [_nfd(w) if n % 3 == 0 else w for w, _ in actors]
        written_regions = [_nfd(w) if n % 4 == 1 else w for w, _ in regions]
        folder = ["", f"{when.year}/", f"{when.year}/{when.month:02d}/"][n % 3]
        name = f"{when.isoformat()}-event-{n}"
        slug = f"custom-{n}" if n % 7 == 0 else f"event-{n}"
        item = Planned(n, f"{folder}{name}.md", slug, f"Event {n} on the front line",
                       list(dict.fromkeys(i for _, i in regions)),
                       list(dict.fromkeys(i for _, i in actors)), draft=n % 10 == 4)
        front = [f"title: {item.title}", f"date: {when.isoformat()}",
                 f"region: [{', '.join(written_regions)}]",
                 "actors:", *[f"  - {w}" for w in written_actors],
                 "source:", "  - name: Outlet", f"    url: https://news.example.org/{n}",
                 f"    published: {when.isoformat()}", "  - name: Второе издание",
                 f"    url: https://другое.example.org/{n}", "tags: [frontline, тег]"]
        if n % 7 == 0:
            front.append(f"slug: {slug}")
        if item.draft:
            front.append("draft: true")
        item.text = "---\n" + "\n".join(front) + f"\n---\nWhat happened on day {n}.\n"
        planned.append(item)
    return planned


@pytest.fixture(scope="module")
def unseen(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Planned]]:
    content = tmp_path_factory.mktemp("unseen") / "content"
    (content / "briefings").mkdir(parents=True)
    (content / "regions.yml").write_text(REGIONS, encoding="utf-8")
    (content / "actors.yml").write_text(ACTORS, encoding="utf-8")
    planned = plan_unseen()
    for n, item in enumerate(planned):
        path = content / "briefings" / item.path
        path.parent.mkdir(parents=True, exist_ok=True)
        data = item.text.encode("utf-8")
        if n % 5 == 2:  # some editors' tools write a BOM and CRLF
            data = b"\xef\xbb\xbf" + item.text.replace("\n", "\r\n").encode("utf-8")
        path.write_bytes(data)
    return content, planned


def test_unseen_archive_checks_clean_and_resolves_every_form(
        unseen: tuple[Path, list[Planned]]) -> None:
    content, planned = unseen
    loaded = load_archive(content, include_drafts=True)
    assert loaded.problems == []
    by_slug = {b.slug: b for b in loaded.archive.briefings}
    assert set(by_slug) == {item.slug for item in planned}
    for item in planned:
        briefing = by_slug[item.slug]
        assert list(briefing.regions) == item.regions, item.path
        assert list(briefing.actors) == item.actors, item.path
        assert briefing.draft is item.draft
        assert [s.url for s in briefing.sources] == [
            f"https://news.example.org/{item.number}", f"https://другое.example.org/{item.number}"]
        assert briefing.tags == ("frontline", "тег")


def test_unseen_archive_builds_a_page_per_published_briefing(
        unseen: tuple[Path, list[Planned]], tmp_path: Path) -> None:
    content, planned = unseen
    site = tmp_path / "site"
    build(BuildOptions(content=content, site_dir=site, build_dir=tmp_path / ".build",
                       config_file=ROOT / "mkdocs.yml"))
    published = [item for item in planned if not item.draft]
    drafts = [item for item in planned if item.draft]
    assert len(published) >= 40 and len(drafts) >= 4
    pages = {p.parent.name for p in (site / "briefings").glob("*/index.html")}
    assert pages == {item.slug for item in published}
    for item in published:
        content_html = main_content(site / "briefings" / item.slug / "index.html")
        assert html.escape(item.title, quote=False) in content_html
    for item in drafts:
        assert not (site / "briefings" / item.slug).exists()
    shusha = {item.slug for item in published if "shusha" in item.regions}
    karabakh = {item.slug for item in published
                if {"karabakh", "shusha"} & set(item.regions)}
    assert shusha and shusha < karabakh
    assert linked_briefings(site, site / "regions" / "karabakh") == karabakh
    zelensky = {item.slug for item in published if "volodymyr-zelensky" in item.actors}
    assert linked_briefings(site, site / "actors" / "volodymyr-zelensky") == zelensky
