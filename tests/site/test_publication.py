"""Editorial pages, corrections, updates, edit links and share cards, in a real build.

The archive is the fixture archive with editorial pages, corrections and updates written
here; every expectation is read from those source files (plain YAML), not from the
generator's model, and every value from the built site's files.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
import textwrap
from datetime import date
from pathlib import Path
from typing import Any

import feedparser
import pytest
import yaml
from conftest import read_search_index

from generator.pipeline import BuildOptions, build

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "archive"
SITE_URL = "https://briefings.example.org/"
REPO = "https://github.com/briefing-archive/briefing-archive"
EDIT = REPO + "/edit/main/content/"
BLOB = REPO + "/blob/main/content/"

PAGES = {
    "about.md": """\
        ---
        title: About us
        summary: Who keeps the archive.
        nav: 20
        ---
        The archive is kept by its editors.
        """,
    "how-we-work.md": """\
        ---
        title: How we work
        nav: 10
        ---
        We read the reports, then we *write* our own summary.
        """,
    "zzz-last.md": """\
        ---
        title: Appendix
        ---
        A page without a place in the order comes last.
        """,
}
# file -> front-matter lines added after its 'tags:' line
REVISIONS: dict[str, str] = {
    "2023/2023-09-19-offensive.md": """\
        updated: 2023-10-02
        corrections:
          - date: 2023-09-25
            text: An earlier version put the offensive's start on 18 September, not 19 September.
          - date: 2023-11-30
            text: The number of checkpoints was wrong; there were two, not three.
        """,
    "2024/2024-02-01-armenia-freezes.md": """\
        corrections:
          - date: 2024-02-23
            text: "The freeze was announced in an interview, not at a press conference."
        """,
    "2023/2023-09-20-ceasefire.md": "updated: 2023-12-01\n",
}


def _revise(content: Path) -> None:
    for name, lines in REVISIONS.items():
        path = content / "briefings" / name
        text = path.read_text("utf-8")
        head, body = text.split("\n---\n", 1)
        path.write_text(head + "\n" + textwrap.dedent(lines).rstrip("\n") + "\n---\n" + body,
                        "utf-8")


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    content = tmp_path_factory.mktemp("publication") / "content"
    shutil.copytree(FIXTURE, content)
    (content / "pages").mkdir()
    for name, text in PAGES.items():
        (content / "pages" / name).write_text(textwrap.dedent(text), "utf-8")
    _revise(content)
    return content


@pytest.fixture(scope="module")
def site(archive: Path) -> Path:
    work = archive.parent
    build(BuildOptions(content=archive, site_dir=work / "site", build_dir=work / ".build",
                       config_file=ROOT / "mkdocs.yml"))
    return work / "site"


# --- reading the source files directly ----------------------------------------------------

def _front(path: Path) -> dict[str, Any]:
    text = path.read_text("utf-8")
    return yaml.load(text.split("---\n")[1], Loader=yaml.BaseLoader)  # every value a string


def _briefings(content: Path) -> dict[str, tuple[Path, dict[str, Any]]]:
    """Published briefings by slug (the file name without its date), with their front matter."""
    found = {}
    for path in sorted((content / "briefings").rglob("*.md")):
        meta = _front(path)
        if meta.get("draft") != "true":
            found[meta.get("slug") or path.name[11:-3]] = (path, meta)
    return found


def _registry(content: Path, name: str) -> dict[str, dict[str, Any]]:
    return {entry["id"]: entry for entry in
            yaml.load((content / name).read_text("utf-8"), Loader=yaml.BaseLoader)}


def _resolve(registry: dict[str, dict[str, Any]], name: str) -> dict[str, Any]:
    wanted = name.casefold()
    return next(e for e in registry.values()
                if wanted in {e["id"], e["name"].casefold(),
                              *(a.casefold() for a in e.get("aliases", []))})


def _names(meta: dict[str, Any], key: str) -> list[str]:
    value = meta[key]
    return value if isinstance(value, list) else [value]


def _sources(meta: dict[str, Any]) -> list[dict[str, str]]:
    return meta["source"] if isinstance(meta["source"], list) else [meta["source"]]


def _latest(meta: dict[str, Any]) -> str:
    return max([meta["date"], meta.get("updated", meta["date"]),
                *(c["date"] for c in meta.get("corrections", []))])


def _page(site: Path, route: str) -> str:
    return (site / route / "index.html").read_text("utf-8")


def _json_ld(page: str) -> list[Any]:
    return [json.loads(block) for block in
            re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL)]


def _meta(page: str, name: str) -> list[str]:
    return [html.unescape(value) for value in
            re.findall(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)">', page)]


# --- editorial pages ------------------------------------------------------------------------

def test_editorial_pages_are_published_with_their_text(site: Path) -> None:
    assert "We read the reports, then we <em>write</em> our own summary." in \
        _page(site, "how-we-work")
    about = _page(site, "about")
    assert '<h1 id="top">About us</h1>' in about
    assert _meta(about, "og:description") == ["Who keeps the archive."]


def test_editorial_pages_are_found_by_search(site: Path) -> None:
    _manifest, records, _words = read_search_index(site)
    found = {location: (title, text) for location, title, text in records}
    assert found["about/"] == ("About us", "Who keeps the archive.")
    assert found["how-we-work/"] == ("How we work", "We read the reports, then we write our "
                                     "own summary.")


def test_editorial_pages_follow_the_built_in_sections_in_the_navigation(site: Path) -> None:
    tabs = re.findall(r'<a href="([^"]*)" class="md-tabs__link">\s*(.*?)\s*</a>',
                      _page(site, ""), re.DOTALL)
    assert [title for _href, title in tabs] == [
        "Home", "Actors", "Regions", "Timeline", "Finder", "How we work", "About us", "Appendix"]
    assert tabs[5][0] == "how-we-work/"


# --- corrections and updates ------------------------------------------------------------------

def test_the_briefing_page_shows_its_update_and_corrections(archive: Path, site: Path) -> None:
    for slug, (_path, meta) in _briefings(archive).items():
        page = _page(site, f"briefings/{slug}")
        if "updated" in meta:
            day = date.fromisoformat(meta["updated"])
            assert f'<dt>Updated</dt><dd class="ba-updated"><time datetime="{day}">' in page
        else:
            assert "<dt>Updated</dt>" not in page
        shown = re.findall(r'<li id="correction-(\d+)"><strong>Corrected <time '
                           r'datetime="([\d-]+)">.*?</time>:</strong> (.*?)</li>', page)
        assert shown == [(str(n), c["date"], html.escape(c["text"]))
                         for n, c in enumerate(meta.get("corrections", []), start=1)]
        # above the text
        assert not shown or page.index("ba-corrections") < page.index('class="ba-body"')


def test_the_corrections_page_lists_every_correction_newest_first(archive: Path,
                                                                 site: Path) -> None:
    expected = sorted(((c["date"], slug, n, c["text"])
                       for slug, (_path, meta) in _briefings(archive).items()
                       for n, c in enumerate(meta.get("corrections", []), start=1)),
                      key=lambda item: item[0], reverse=True)
    assert len(expected) == 3
    page = _page(site, "corrections")
    shown = re.findall(r'<li class="ba-item"><time datetime="([\d-]+)">.*?</time> '
                       r'<a class="ba-title" href="\.\./briefings/([\w-]+)/#correction-(\d+)">'
                       r'.*?<p class="ba-summary">(.*?)</p></li>', page)
    assert shown == [(day, slug, str(n), html.escape(text)) for day, slug, n, text in expected]


def test_feeds_are_updated_at_the_latest_revision(archive: Path, site: Path) -> None:
    briefings = _briefings(archive)
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert feed.entries
    for entry in feed.entries:
        slug = entry.link.rstrip("/").rsplit("/", 1)[-1]
        meta = briefings[slug][1]
        assert entry.updated[:10] == _latest(meta)
        assert entry.published[:10] == meta["date"]
    assert feed.feed.updated[:10] == max(_latest(m) for _p, m in briefings.values())
    # and the feeds of actors and regions alike
    actor = feedparser.parse((site / "regions" / "caucasus" / "feed.xml").read_bytes())
    for entry in actor.entries:
        assert entry.updated[:10] == _latest(briefings[entry.link.split("/")[-2]][1])


def test_the_corrections_feed_has_an_entry_per_correction(archive: Path, site: Path) -> None:
    feed = feedparser.parse((site / "corrections" / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    expected = sorted(((c["date"], f"{SITE_URL}briefings/{slug}/#correction-{n}", c["text"])
                       for slug, (_p, meta) in _briefings(archive).items()
                       for n, c in enumerate(meta.get("corrections", []), start=1)),
                      reverse=True)
    assert [(e.updated[:10], e.id, e.summary) for e in feed.entries] == expected
    assert feed.feed.updated[:10] == expected[0][0]
    assert '<link rel="alternate feed" type="application/atom+xml"' in _page(site, "corrections")


def test_exports_carry_updates_and_corrections(archive: Path, site: Path) -> None:
    briefings = _briefings(archive)
    records = json.loads((site / "briefings.json").read_text("utf-8"))
    rows = list(csv.DictReader(io.StringIO((site / "briefings.csv").read_text("utf-8"))))
    assert len(records) == len(rows) == len(briefings)
    for record, row in zip(records, rows, strict=True):
        meta = briefings[record["slug"]][1]
        corrections = [{"date": c["date"], "text": c["text"]}
                       for c in meta.get("corrections", [])]
        assert record.get("updated") == meta.get("updated")
        assert record.get("corrections", []) == corrections
        assert row["updated"] == meta.get("updated", "")
        assert row["corrections"] == "\n".join(f"{c['date']} {c['text']}" for c in corrections)


def test_the_sitemap_dates_a_briefing_by_its_latest_revision(archive: Path, site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    for slug, (_path, meta) in _briefings(archive).items():
        assert (f"<loc>{SITE_URL}briefings/{slug}/</loc><lastmod>{_latest(meta)}</lastmod>"
                in sitemap)


# --- structured data and share cards ----------------------------------------------------------

def test_every_briefing_names_its_facts_in_one_news_article(archive: Path, site: Path) -> None:
    actors, regions = _registry(archive, "actors.yml"), _registry(archive, "regions.yml")
    for slug, (_path, meta) in _briefings(archive).items():
        page = _page(site, f"briefings/{slug}")
        (data,) = _json_ld(page)
        assert data["@type"] == "NewsArticle"
        assert data["headline"] == meta["title"]
        assert data["datePublished"] == data["temporalCoverage"] == meta["date"]
        assert data["dateModified"] == _latest(meta)
        assert [a["name"] for a in data["about"]] == \
            _unique(_resolve(actors, n)["name"] for n in _names(meta, "actors"))
        for about in data["about"]:
            entry = next(e for e in actors.values() if e["name"] == about["name"])
            assert about["@type"] == ("Person" if entry["kind"] == "person" else "Organization")
            assert about.get("sameAs") == (f"https://www.wikidata.org/wiki/{entry['wikidata']}"
                                           if "wikidata" in entry else None)
        assert [p["name"] for p in data["contentLocation"]] == \
            _unique(_resolve(regions, n)["name"] for n in _names(meta, "region"))
        assert {p["@type"] for p in data["contentLocation"]} == {"Place"}
        assert [(c["name"], c["url"]) for c in data["citation"]] == \
            [(s["name"], s["url"]) for s in _sources(meta)]
        assert data["publisher"]["name"] == "Briefing Archive"
        assert [c["text"] for c in data.get("correction", [])] == \
            [c["text"] for c in meta.get("corrections", [])]
        assert _meta(page, "article:published_time") == [meta["date"]]
        assert _meta(page, "article:modified_time") == [_latest(meta)]


def _unique(names: Any) -> list[str]:
    return list(dict.fromkeys(names))


def test_actor_and_region_pages_describe_their_entity(archive: Path, site: Path) -> None:
    for actor in _registry(archive, "actors.yml").values():
        (data,) = _json_ld(_page(site, f"actors/{actor['id']}"))
        assert data["@type"] == ("Person" if actor["kind"] == "person" else "Organization")
        assert data["name"] == actor["name"]
        assert data.get("alternateName", []) == actor.get("aliases", [])
        if "wikidata" in actor:
            assert data["sameAs"] == f"https://www.wikidata.org/wiki/{actor['wikidata']}"
    regions = _registry(archive, "regions.yml")
    for region in regions.values():
        (data,) = _json_ld(_page(site, f"regions/{region['id']}"))
        assert (data["@type"], data["name"]) == ("Place", region["name"])
        if "parent" in region:
            assert data["containedInPlace"]["name"] == regions[region["parent"]]["name"]


def _pages(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("*.html")) if p.name != "404.html"]


def test_every_page_has_a_canonical_link_and_a_share_card(site: Path) -> None:
    pages = _pages(site)
    assert len(pages) > 30
    for path in pages:
        page = path.read_text("utf-8")
        route = path.relative_to(site).parent.as_posix()
        url = SITE_URL + ("" if route == "." else route + "/")
        assert f'<link rel="canonical" href="{url}">' in page, path
        assert _meta(page, "og:url") == [url], path
        title = re.search(r"<title>(.*?)</title>", page)
        assert title is not None
        assert html.unescape(title.group(1)).startswith(_meta(page, "og:title")[0]), path
        for name in ("og:type", "og:site_name", "og:description", "og:image", "twitter:card"):
            assert len(_meta(page, name)) == 1 and _meta(page, name)[0], (path, name)
        for name in ("twitter:title", "twitter:description", "twitter:image"):
            assert _meta(page, name) == [], (path, name)  # X reads OpenGraph's (issue 25)
    assert (site / "assets" / "images" / "share.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# --- suggest a correction ----------------------------------------------------------------------

def _edit_link(page: str) -> str:
    found = re.findall(r'<a href="([^"]+)" rel="noopener noreferrer" class="ba-edit-link">', page)
    assert len(found) == 1
    return html.unescape(found[0])


def _line_of(path: Path, entry_id: str) -> int:
    lines = path.read_text("utf-8").split("\n")
    return next(n for n, line in enumerate(lines, start=1) if line == f"- id: {entry_id}")


def test_every_page_links_to_the_editor_of_its_own_source(archive: Path, site: Path) -> None:
    for slug, (path, _meta) in _briefings(archive).items():
        relative = path.relative_to(archive).as_posix()
        assert _edit_link(_page(site, f"briefings/{slug}")) == EDIT + relative
    for name, folder in (("actors.yml", "actors"), ("regions.yml", "regions")):
        for entry_id in _registry(archive, name):
            line = _line_of(archive / name, entry_id)
            assert _edit_link(_page(site, f"{folder}/{entry_id}")) == f"{BLOB}{name}#L{line}"
    for name in PAGES:
        assert _edit_link(_page(site, name[:-3])) == f"{EDIT}pages/{name}"


def test_the_error_report_names_the_page(site: Path) -> None:
    page = _page(site, "briefings/offensive")
    (report,) = re.findall(r'<a href="([^"]+)" rel="noopener noreferrer">report an error</a>',
                           page)
    assert html.unescape(report).startswith(
        f"{REPO}/issues/new?template=report-error.yml&page="
        f"https%3A%2F%2Fbriefings.example.org%2Fbriefings%2Foffensive%2F&title=")
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "report-error.yml").read_text())
    assert "page" in [field.get("id") for field in form["body"]]


# --- in a browser: the printed briefing --------------------------------------------------------

@pytest.mark.browser
def test_a_printed_briefing_shows_its_record_without_the_site_chrome(site: Path,
                                                                     browser: Any) -> None:
    from harness import serve_folder

    url, stop = serve_folder(site)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(url + "briefings/offensive/")
        page.emulate_media(media="print")
        for hidden in (".md-header", ".md-tabs", ".md-footer", ".md-search", ".ba-edit",
                       ".ba-prevnext", ".ba-bibtex"):
            assert not page.locator(hidden).first.is_visible(), hidden
        for shown in ("h1", ".ba-facts", ".ba-corrections", ".ba-body", ".ba-sources",
                      ".ba-permalink"):
            assert page.locator(shown).first.is_visible(), shown
        after = page.eval_on_selector(
            ".ba-sources a", "a => getComputedStyle(a, '::after').content")
        assert "https://" in after  # the source's full address is printed after its name
        assert page.locator(".ba-corrections li").count() == 2
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF")
    finally:
        context.close()
        stop()
