"""Hostile content: each case is refused with file and line, ignored with a warning, or
built with what it smuggled in shown as text (see tests/hostile_catalogue.py)."""

from __future__ import annotations

import csv
import html
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import hostile_catalogue as catalogue
import pytest
from conftest import read_search_index

from generator.content.loading import load_archive
from generator.content.problems import printable
from generator.engine import csp
from generator.pipeline import BuildOptions, build

ROOT = Path(__file__).resolve().parents[2]
hang_guard = catalogue.hang_guard


def shown(path: str) -> str:
    return path.split("content/", 1)[-1]


@pytest.mark.parametrize("case", catalogue.CASES, ids=lambda case: case.name)
def test_case_ends_as_expected(case: catalogue.Case, tmp_path: Path) -> None:
    content = catalogue.write(case, tmp_path)
    with hang_guard():
        loaded = load_archive(content)
    expect = case.expect
    found = [p.format_text() for p in loaded.problems]
    if isinstance(expect, catalogue.Refused):
        assert any(shown(p.path) == expect.file and p.line == expect.line and p.is_error
                   and expect.text in p.format_text() for p in loaded.problems), found
        assert not loaded.ok
    elif isinstance(expect, catalogue.Ignored):
        assert loaded.ok, found
        assert any(shown(p.path) == expect.file and not p.is_error and expect.text in p.message
                   for p in loaded.problems), found
    else:
        assert loaded.ok, found


def test_every_problem_names_its_file(tmp_path: Path) -> None:
    """Each message reads 'path:line: error: ...' with the path of an existing entry."""
    for number, case in enumerate(catalogue.CASES):
        content = catalogue.write(case, tmp_path / str(number))
        with hang_guard():
            loaded = load_archive(content)
        for problem in loaded.problems:
            location = problem.path + (f":{problem.line}" if problem.line else "")
            assert problem.format_text().startswith(
                printable(f"{location}: {problem.severity}: "))
            assert (content / shown(problem.path)).exists() or \
                (content / shown(problem.path)).is_symlink() or \
                shown(problem.path) in ("actors.yml", "regions.yml"), problem


# --- accepted hostile values: built, and shown as text everywhere -----------------------

@pytest.fixture(scope="module")
def inert_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("inert")
    content = catalogue.write_inert_archive(work)
    site = work / "site"
    with hang_guard():
        build(BuildOptions(content=content, site_dir=site, build_dir=work / ".build",
                           config_file=ROOT / "mkdocs.yml"))
    return site


class Page(HTMLParser):
    """A page's text, <title>, meta tags and links, as a browser would read them."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.title = ""
        self.meta: dict[str, str] = {}
        self.links: list[str] = []
        self.tags: list[tuple[str, dict[str, str]]] = []
        self._in: list[str] = []
        self._svg = 0  # inside an <svg>, a <title> names a shape or a link, not the page
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.tags.append((tag, values))
        if tag == "meta" and "name" in values:
            self.meta[values["name"]] = values.get("content", "")
        if tag == "a" and "href" in values:
            self.links.append(values["href"])
        self._svg += tag == "svg"
        if tag in ("title", "script", "style") and not self._svg:
            self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self._svg -= tag == "svg"
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if self._in and self._in[-1] == "title":
            self.title += data
        elif not self._in:
            self.text.append(data)


def read_page(site: Path, route: str) -> Page:
    return Page((site / route / "index.html").read_text("utf-8"))


def test_no_page_holds_active_content(inert_site: Path) -> None:
    expected = (inert_site / "index.html").read_text("utf-8").split(
        'http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]
    pages = sorted(inert_site.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        assert csp.check_page(path.read_text("utf-8"), html.unescape(expected)) == [], path


def test_briefing_page_shows_every_field_as_text(inert_site: Path) -> None:
    page = read_page(inert_site, f"briefings/{catalogue.INERT_SLUG}")
    text = " ".join(page.text)
    assert page.title.strip() == f"{catalogue.INERT_TITLE} - Briefing Archive"
    assert page.meta["description"] == catalogue.INERT_SUMMARY
    for value in (catalogue.INERT_TITLE, catalogue.INERT_ACTOR, catalogue.INERT_REGION,
                  catalogue.SCRIPT, catalogue.PAYLOAD, '" onmouseover="x', "{: onclick=alert(1) }",
                  "<javascript:alert(1)>"):
        assert value in text, value
    assert catalogue.INERT_SOURCE_URL in page.links
    assert "https://example.org/?a=1&b=" in page.links  # Markdown reads "2" as a title
    assert not any(link.lower().startswith("javascript") for link in page.links)
    images = [attrs for tag, attrs in page.tags if tag == "img"]
    assert images == []


def test_registry_pages_show_names_as_text(inert_site: Path) -> None:
    actor = read_page(inert_site, "actors/evil-actor")
    assert catalogue.INERT_ACTOR in " ".join(actor.text)
    assert f"</dd>{catalogue.SCRIPT}" in " ".join(actor.text)
    assert actor.title.strip() == f"{catalogue.INERT_ACTOR} - Briefing Archive"
    region = read_page(inert_site, "regions/nowhere")
    assert catalogue.INERT_REGION in " ".join(region.text)
    for route in ("", "timeline"):  # lists of briefings
        assert catalogue.INERT_TITLE in " ".join(read_page(inert_site, route).text)


def test_feeds_and_exports_carry_the_text_unchanged(inert_site: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(inert_site / "feed.xml").getroot()
    entry = next(e for e in feed.iter(f"{atom}entry")
                 if e.findtext(f"{atom}title") == catalogue.INERT_TITLE)
    assert entry.findtext(f"{atom}summary") == catalogue.INERT_SUMMARY
    assert catalogue.SCRIPT in [c.get("term") for c in entry.iter(f"{atom}category")]
    actor_feed = ET.parse(inert_site / "actors/evil-actor/feed.xml").getroot()
    assert catalogue.INERT_ACTOR in (actor_feed.findtext(f"{atom}title") or "")
    ET.parse(inert_site / "sitemap.xml")
    records = json.loads((inert_site / "briefings.json").read_text("utf-8"))
    record = next(r for r in records if r["slug"] == catalogue.INERT_SLUG)
    assert record["title"] == catalogue.INERT_TITLE
    assert record["sources"][0]["url"] == catalogue.INERT_SOURCE_URL
    rows = list(csv.DictReader((inert_site / "briefings.csv").open(encoding="utf-8")))
    row = next(r for r in rows if r["slug"] == catalogue.INERT_SLUG)
    assert row["title"] == catalogue.INERT_TITLE
    assert not row["tags"].startswith(("=", "+", "-", "@"))


def test_search_index_holds_text_escaped_for_material(inert_site: Path) -> None:
    """Material inserts result titles and text as HTML: the index must hold them escaped."""
    _manifest, records, _words = read_search_index(inert_site)
    _location, title, text = next(r for r in records if catalogue.INERT_SLUG in r[0])
    assert title == html.escape(catalogue.INERT_TITLE, quote=False)
    assert text == html.escape(catalogue.INERT_SUMMARY, quote=False)
    for record in records:
        assert "<" not in record[1] + record[2], record
