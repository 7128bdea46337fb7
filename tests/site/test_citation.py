"""Citing a briefing: the reference files, the rendered citations and the head's tags.

The starter archive (content/) is planned once in this process (no engine: the reference
files and page heads are what the plan writes); the heads as a reader gets them come from
the fixture archive's built site. Regenerate the golden files with
``UPDATE_GOLDEN=1 .venv/bin/pytest tests/site/test_citation.py``.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import bibtexparser
import jsonschema
import pytest
import rispy
import yaml
from citeproc.source.json import CiteProcJSON
from conftest import ROOT

from generator.content.loading import load_archive
from generator.content.model import Archive
from generator.engine.render import EngineConfig, site_settings
from generator.site.data import citation, cslrender
from generator.site.outputs import Site
from generator.site.plan.buildtree import plan

STARTER = ROOT / "content"
GOLDEN = ROOT / "tests" / "golden" / "citation"
GOLDEN_SLUG = "44-day-war-begins"
CSL_SCHEMA = ROOT / "tests" / "fixtures" / "schemas" / "csl-data-subset.schema.json"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def starter() -> tuple[Archive, Site, dict[str, bytes]]:
    loaded = load_archive(STARTER)
    assert loaded.ok
    site = site_settings(EngineConfig(ROOT / "mkdocs.yml"))
    return loaded.archive, site, plan(loaded.archive, site).files


def _front(path: Path) -> dict[str, Any]:
    """A source file's front matter as plain YAML reads it (not our loader)."""
    return yaml.safe_load(path.read_text("utf-8").split("---\n")[1])


def _site_name() -> str:
    return str(yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"),
                         Loader=yaml.BaseLoader)["site_name"])


def _untex(value: str) -> str:
    value = value.strip()
    while value.startswith("{") and value.endswith("}"):
        value = value[1:-1]
    return re.sub(r"\\([{}%&$#_])", r"\1", value)


# --- every starter briefing's three files, read back by independent parsers ----------------

def test_every_briefing_has_references_that_other_parsers_read_as_its_front_matter(
        starter: tuple[Archive, Site, dict[str, bytes]]) -> None:
    archive, _site, files = starter
    schema = json.loads(CSL_SCHEMA.read_text("utf-8"))
    publisher = _site_name()
    assert len(archive.briefings) > 20
    for briefing in archive.briefings:
        front = _front(ROOT / briefing.origin.path)
        day = front["date"] if isinstance(front["date"], date) else date.fromisoformat(
            str(front["date"]))
        slug = front.get("slug") or re.sub(r"^\d{4}-\d{2}-\d{2}-", "", Path(
            str(briefing.origin.path)).stem)
        url = f"https://briefings.example.org/briefings/{slug}/"
        # CSL-JSON: the schema, then citeproc-py's own reader
        data = json.loads(files[f"cite/{slug}.json"])
        jsonschema.validate(data, schema)
        (item,) = data
        assert (item["title"], item["URL"], item["publisher"]) == (front["title"], url, publisher)
        assert item["issued"] == {"date-parts": [[day.year, day.month, day.day]]}
        read = CiteProcJSON(data)[slug]
        assert (str(read.title), str(read.URL)) == (front["title"], url)
        # RIS: rispy
        (entry,) = rispy.loads(files[f"cite/{slug}.ris"].decode("utf-8"))
        assert entry["type_of_reference"] == "ELEC"
        assert (entry["title"], entry["urls"], entry["publisher"]) == (
            front["title"], [url], publisher)
        assert entry["date"] == f"{day.year:04d}/{day.month:02d}/{day.day:02d}/"
        assert entry["year"] == str(day.year)
        # BibTeX: bibtexparser
        library = bibtexparser.parse_string(files[f"cite/{slug}.bib"].decode("utf-8"))
        assert not library.failed_blocks
        (bib,) = library.entries
        fields = {name: _untex(str(field.value)) for name, field in bib.fields_dict.items()}
        assert (bib.entry_type, bib.key) == ("misc", slug)
        assert (fields["title"], fields["url"], fields["publisher"]) == (
            front["title"], url, publisher)
        assert fields["date"] == day.isoformat() and fields["year"] == str(day.year)


@pytest.mark.parametrize("suffix", ["json", "ris", "bib"])
def test_golden_reference_files(starter: tuple[Archive, Site, dict[str, bytes]],
                                suffix: str) -> None:
    _archive, _site, files = starter
    made = files[f"cite/{GOLDEN_SLUG}.{suffix}"]
    expected = GOLDEN / f"{GOLDEN_SLUG}.{suffix}"
    if UPDATE:
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_bytes(made)
    assert made.decode("utf-8") == expected.read_text("utf-8")


def test_a_broken_reference_file_fails_its_parsers() -> None:
    """The checks above bite: a record cut short is refused by each parser."""
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{"id": "x", "type": "web page"}],
                            json.loads(CSL_SCHEMA.read_text("utf-8")))
    assert rispy.loads("TY  - ELEC\nTI  - A title\n") == []  # no ER: no record
    assert rispy.loads("TI  - A title\nTY  - ELEC\n") == []  # TY not first
    library = bibtexparser.parse_string("@misc{x,\n  title = {Unclosed,\n")
    assert library.failed_blocks or not library.entries


# --- rendered citations -------------------------------------------------------------------

def test_the_citations_of_one_briefing_are_the_styles_output(
        starter: tuple[Archive, Site, dict[str, bytes]]) -> None:
    """APA 7 and Chicago 18 author-date for a web page by an organisation, as the styles
    (and their manuals) print it: author, date, title (APA italic, sentence case as
    written; Chicago in quotation marks and title case), the site, the address."""
    archive, site, _files = starter
    briefing = next(b for b in archive.briefings if b.slug == "fall-of-shusha")
    item = citation.briefing_item(briefing, site)
    apa, chicago = (cslrender.render(item, style) for style in cslrender.STYLES)
    url = "https://briefings.example.org/briefings/fall-of-shusha/"
    assert apa == ("Briefing Archive. (2020, November 8). <i>Azerbaijan announces capture of "
                   f"Shusha</i>. Briefing Archive. {url}")
    assert chicago == ("Briefing Archive. 2020. “Azerbaijan Announces Capture of Shusha.” "
                       f"Briefing Archive, November 8. {url}.")


HOSTILE_TITLES = [
    "War & peace <script>alert(1)</script>", "Is the ceasefire over?", "Stop!",
    'He said "no" to the talks', "‘Quoted’ talks resume", "a lower-case start",
    "Ends with a colon:", "Tabs\tand  spaces", "Ünïcödé Bergkarabach – Gespräche",
]


def test_the_shortcut_gives_exactly_what_citeproc_gives(
        starter: tuple[Archive, Site, dict[str, bytes]]) -> None:
    """cslrender's template shortcut changes no character: every starter briefing and
    some awkward titles, rendered both ways in every style."""
    archive, site, _files = starter
    items = [citation.briefing_item(b, site) for b in archive.briefings]
    base = items[0]
    items += [{**base, "id": f"h{n}", "title": title} for n, title in enumerate(HOSTILE_TITLES)]
    items.append({**base, "id": "d", "issued": {"date-parts": [[1999, 12, 31]]}})
    # an author that prints the year marker's digits: that shape is rendered in full
    items.append({**base, "id": "m", "author": [{"literal": "Archive 9871"}]})
    for item in items:
        for style in cslrender.STYLES:
            fast = cslrender.render(item, style)
            assert fast == cslrender.render_full(item, style), (item["title"], style.key)
            assert "<script" not in fast


# --- the head, read as Zotero's Embedded Metadata translator reads it -----------------------

class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        name = found.get("name") or found.get("property")
        if tag == "meta" and name and found.get("content") is not None:
            self.meta.append((name, str(found["content"])))


ZOTERO_TYPES = {"webpage", "newspaperArticle", "journalArticle", "blogPost", "report"}


def zotero_read(meta: list[tuple[str, str]]) -> dict[str, str]:
    """What Zotero's "Embedded Metadata" translator (with its RDF import) takes from the
    meta tags: Highwire first, then Dublin Core, then OpenGraph, for each field; the item
    type from its precedence (OpenGraph's sure types, then DC.type naming a Zotero type,
    then the Highwire guess ``citation_title`` -> journal article, then OpenGraph's guess
    ``og:type=article`` -> journal article)."""
    def first(*names: str) -> str:
        for name in names:
            for key, value in meta:
                if key.lower() == name.lower():
                    return value
        return ""

    og_type = first("og:type")
    og_sure = {"website": "webpage", "book": "book"}.get(og_type, "")
    dc_type = first("DC.type", "dcterms.type")
    dc_sure = dc_type if dc_type in ZOTERO_TYPES else {
        "newsitem": "newspaperArticle", "webpage": "webpage"}.get(dc_type.lower(), "")
    highwire_guess = "journalArticle" if first("citation_title") else ""
    og_guess = "journalArticle" if og_type == "article" else ""
    return {
        "itemType": og_sure or dc_sure or highwire_guess or og_guess or "webpage",
        "title": first("citation_title", "DC.title", "og:title"),
        "date": first("citation_publication_date", "citation_date", "DC.date",
                      "article:published_time"),
        "url": first("citation_public_url", "DC.identifier", "og:url"),
        "publisher": first("citation_publisher", "DC.publisher"),
    }


def _head(page: Path) -> list[tuple[str, str]]:
    parser = _Head()
    text = page.read_text("utf-8")
    parser.feed(text[:text.index("</head>")])
    return parser.meta


def test_zotero_files_every_briefing_page_as_a_web_page_with_its_facts(
        built_site: Path, loaded: Any) -> None:
    archive = loaded.archive
    for briefing in archive.briefings:
        meta = _head(built_site / "briefings" / briefing.slug / "index.html")
        read = zotero_read(meta)
        day = briefing.date
        assert read == {"itemType": "webpage", "title": briefing.title,
                        "date": f"{day.year:04d}/{day.month:02d}/{day.day:02d}",
                        "url": f"https://briefings.example.org/briefings/{briefing.slug}/",
                        "publisher": "Briefing Archive"}, briefing.slug
        names = {archive.actors[a].name for a in briefing.actors} | {
            archive.regions[r].name for r in briefing.regions}
        assert names <= {value for key, value in meta if key == "citation_keywords"}
        # Without DC.type, the same head reads as a journal article: the tag is what works.
        assert zotero_read([m for m in meta if m[0] != "DC.type"])["itemType"] == (
            "journalArticle")


def test_the_starter_heads_carry_the_tags(starter: tuple[Archive, Site, dict[str, bytes]]
                                          ) -> None:
    archive, _site, files = starter
    for briefing in archive.briefings:
        page = files[f"briefings/{briefing.slug}.md"].decode("utf-8")
        head = yaml.safe_load(page.split("---\n")[1])["head"]
        parser = _Head()
        parser.feed(head)
        read = zotero_read(parser.meta)
        assert (read["itemType"], read["title"]) == ("webpage", briefing.title)
        modified = [v for k, v in parser.meta if k == "DCTERMS.modified"]
        changed = max([briefing.date, *([briefing.updated] if briefing.updated else []),
                       *(c.date for c in briefing.corrections)])
        assert modified == ([changed.isoformat()] if changed != briefing.date else [])
