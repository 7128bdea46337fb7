"""Share cards and structured data stay inert whatever the content holds.

Every text field that reaches a page's head (titles, summaries, tags, sources, corrections,
registry names, aliases and roles, editorial pages) carries a payload that would end a
script element, open one, open a comment or break out of an attribute. The build (whose
Content-Security-Policy check reads every page) must pass, every JSON-LD object must parse
and give the values back exactly, and no payload may appear unescaped.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from generator.pipeline import BuildOptions, build

ROOT = Path(__file__).resolve().parents[2]
# (U+2028 is left out: one-line text refuses it)
PAYLOAD = "</script><script>alert(1)</script><!-- --> & \"q\" 's' </SCRIPT >"


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text)


def _write(content: Path) -> None:
    (content / "briefings").mkdir(parents=True)
    (content / "pages").mkdir()
    (content / "regions.yml").write_text(
        f"- id: land\n  name: {_q('Land ' + PAYLOAD)}\n  kind: country\n"
        f"  aliases: [{_q('Alias of land ' + PAYLOAD)}]\n"
        f"- id: town\n  name: {_q('Town ' + PAYLOAD)}\n  kind: locality\n  parent: land\n",
        "utf-8")
    (content / "actors.yml").write_text(
        f"- id: someone\n  name: {_q('Someone ' + PAYLOAD)}\n  kind: person\n"
        f"  aliases: [{_q('Alias ' + PAYLOAD)}]\n  role: {_q('Role ' + PAYLOAD)}\n"
        "  wikidata: Q42\n"
        f"- id: group\n  name: {_q('Group ' + PAYLOAD)}\n  kind: organization\n", "utf-8")
    (content / "briefings" / "2024-01-02-hostile.md").write_text(f"""\
---
title: {_q('Title ' + PAYLOAD)}
date: 2024-01-02
region: [town, land]
actors: [someone, group]
source:
  - name: {_q('Outlet ' + PAYLOAD)}
    url: "https://example.org/a?q=</script><script>alert(1)</script>&x=1"
    author: {_q('Author ' + PAYLOAD)}
    via: {_q('Via ' + PAYLOAD)}
    published: 2024-01-02
tags: [{_q('tag ' + PAYLOAD)}]
summary: {_q('Summary ' + PAYLOAD)}
updated: 2024-01-05
corrections:
  - date: 2024-01-04
    text: {_q('A correction of ' + PAYLOAD + ' was made.')}
---
The body, with its own text.
""", "utf-8")
    (content / "pages" / "about.md").write_text(
        f"---\ntitle: {_q('Page ' + PAYLOAD)}\nsummary: {_q('Page summary ' + PAYLOAD)}\n"
        "---\nThe page's text.\n", "utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("hostile-cards")
    _write(work / "content")
    build(BuildOptions(content=work / "content", site_dir=work / "site",
                       build_dir=work / ".build", config_file=ROOT / "mkdocs.yml"))
    return work / "site"


def _pages(site: Path) -> list[tuple[Path, str]]:
    return [(p, p.read_text("utf-8")) for p in sorted(site.rglob("*.html"))]


def test_no_payload_reaches_a_page_unescaped(site: Path) -> None:
    pages = _pages(site)
    assert len(pages) > 10
    for path, page in pages:
        assert "<script>alert" not in page, path
        assert "<!-- -->" not in page, path
        assert "</SCRIPT >" not in page, path


def _json_ld(page: str) -> list[dict[str, object]]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL)
    for block in blocks:
        # JSON escapes, so no value can end the element or open a comment; nor can a line
        # separator end a line for an old script parser.
        assert not set(block) & {"<", ">", "&", "\u2028"}
    return [json.loads(block) for block in blocks]


def test_structured_data_parses_and_gives_every_value_back(site: Path) -> None:
    page = (site / "briefings" / "hostile" / "index.html").read_text("utf-8")
    (data,) = _json_ld(page)
    assert data["headline"] == "Title " + PAYLOAD
    assert data["description"] == "Summary " + PAYLOAD
    assert data["keywords"] == ["tag " + PAYLOAD]
    assert [a["name"] for a in data["about"]] == ["Someone " + PAYLOAD, "Group " + PAYLOAD]
    assert [p["name"] for p in data["contentLocation"]] == ["Town " + PAYLOAD, "Land " + PAYLOAD]
    (citation,) = data["citation"]
    assert citation["name"] == "Outlet " + PAYLOAD
    assert citation["url"] == "https://example.org/a?q=</script><script>alert(1)</script>&x=1"
    assert citation["author"]["name"] == "Author " + PAYLOAD
    assert citation["provider"]["name"] == "Via " + PAYLOAD
    assert data["correction"][0]["text"] == "A correction of " + PAYLOAD + " was made."
    (actor,) = _json_ld((site / "actors" / "someone" / "index.html").read_text("utf-8"))
    assert (actor["name"], actor["jobTitle"]) == ("Someone " + PAYLOAD, "Role " + PAYLOAD)
    assert actor["alternateName"] == ["Alias " + PAYLOAD]
    (place,) = _json_ld((site / "regions" / "town" / "index.html").read_text("utf-8"))
    assert place["containedInPlace"]["name"] == "Land " + PAYLOAD


def test_share_cards_give_every_value_back(site: Path) -> None:
    for route, title, description in (
            ("briefings/hostile", "Title ", "Summary "),
            ("about", "Page ", "Page summary ")):
        page = (site / route / "index.html").read_text("utf-8")
        for name, prefix in (("og:title", title), ("og:description", description)):
            values = re.findall(rf'<meta (?:property|name)="{name}" content="([^"]*)">', page)
            assert [html.unescape(v) for v in values] == [prefix + PAYLOAD], (route, name)


def test_citation_tags_and_citations_give_every_value_back(site: Path) -> None:
    page = (site / "briefings" / "hostile" / "index.html").read_text("utf-8")
    for name in ("citation_title", "DC.title"):
        values = re.findall(rf'<meta name="{name}" content="([^"]*)">', page)
        assert [html.unescape(v) for v in values] == ["Title " + PAYLOAD], name
    keywords = [html.unescape(v) for v in
                re.findall(r'<meta name="citation_keywords" content="([^"]*)">', page)]
    assert {"Someone " + PAYLOAD, "Land " + PAYLOAD, "tag " + PAYLOAD} <= set(keywords)
    apa, chicago = re.findall(r'<dd class="ba-citation">(.*?)</dd>', page)
    # APA keeps the title as written (in italics): the text gives it back exactly.
    assert "Title " + PAYLOAD in html.unescape(re.sub(r"</?i>", "", apa))
    assert "alert(1)" in html.unescape(chicago) and "<script" not in chicago
