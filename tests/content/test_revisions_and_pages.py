"""Corrections, updates and editorial pages as loading reads them, and how they are refused."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest
from conftest import WriteArchive

from generator.content.loading import load_archive
from generator.content.model import Correction
from generator.content.pages import RESERVED_SLUGS

BRIEFING = """\
    ---
    title: Ceasefire agreed
    date: 2023-09-20
    region: Nagorno-Karabakh
    actors: [Ilham Aliyev]
    source:
      name: Reuters
      url: https://www.reuters.com/a
    {extra}
    ---
    A ceasefire was agreed.
    """
TODAY = date(2024, 6, 1)


def _briefing(extra: str) -> str:
    return BRIEFING.replace("{extra}", textwrap.indent(textwrap.dedent(extra), "    ").strip())


def _messages(content: Path) -> list[str]:
    loaded = load_archive(content, today=TODAY)
    return [f"{p.path.rsplit('/', 1)[-1]}:{p.line}: {p.message}" for p in loaded.problems
            if p.is_error]


def test_updates_and_corrections_are_read_in_order(write_archive: WriteArchive) -> None:
    content = write_archive({"c.md": _briefing("""\
        updated: 2023-10-01
        corrections:
          - date: 2023-09-22
            text: The first version named the wrong town. It was Shusha.
          - date: 2023-09-21
            text: "An earlier version gave the wrong date: it was 20 September."
        """)})
    loaded = load_archive(content, today=TODAY)
    assert loaded.ok, loaded.problems
    (briefing,) = loaded.archive.briefings
    assert briefing.updated == date(2023, 10, 1)
    assert briefing.corrections == (
        Correction(date(2023, 9, 22), "The first version named the wrong town. It was Shusha."),
        Correction(date(2023, 9, 21),
                   "An earlier version gave the wrong date: it was 20 September."))


@pytest.mark.parametrize(("extra", "expected"), [
    ("updated: 2023-09-19", "c.md:9: 'updated' 2023-09-19 lies before the briefing's date "
                            "2023-09-20"),
    ("updated: 2024-06-03", "c.md:9: 'updated' 2024-06-03 lies in the future"),
    ("updated: 20 Sept", "c.md:9: 'updated' must be a date written YYYY-MM-DD, not '20 Sept'"),
    ("corrections: Fixed the date.", "c.md:9: 'corrections' must be a list of mappings with "
                                     "'date' and 'text'"),
    ("corrections:\n  - date: 2023-09-21\n    text: fixed",
     "c.md:11: 'corrections.text' must be at least one whole sentence, not 'fixed'"),
    ("corrections:\n  - date: 2023-09-19\n    text: The town was wrong in the first version.",
     "c.md:10: 'corrections.date' 2023-09-19 lies before the briefing's date 2023-09-20"),
    ("corrections:\n  - date: 2025-01-01\n    text: The town was wrong in the first version.",
     "c.md:10: 'corrections.date' 2025-01-01 lies in the future"),
    ("corrections:\n  - text: The town was wrong in the first version.",
     "c.md:10: missing required key 'corrections.date'"),
    ("corrections:\n  - date: 2023-09-21\n    text: The town was wrong.\n    by: me",
     "c.md:12: unknown key 'corrections.by'"),
])
def test_bad_revisions_are_refused_with_file_and_line(write_archive: WriteArchive, extra: str,
                                                      expected: str) -> None:
    content = write_archive({"c.md": _briefing(extra)})
    assert expected in _messages(content)


def _with_pages(write_archive: WriteArchive, pages: dict[str, str]) -> Path:
    content = write_archive({})
    (content / "pages").mkdir()
    for name, text in pages.items():
        (content / "pages" / name).write_text(textwrap.dedent(text), "utf-8")
    return content


def test_editorial_pages_are_read_in_navigation_order(write_archive: WriteArchive) -> None:
    content = _with_pages(write_archive, {
        "b.md": "---\ntitle: Beta\n---\nSecond *page*.\n",
        "a.md": "---\ntitle: Zulu\nnav: 1\nsummary: The first.\n---\nFirst.\n",
        "c.md": "---\ntitle: Alpha\n---\nThird.\n",
    })
    loaded = load_archive(content, today=TODAY)
    assert loaded.ok, loaded.problems
    assert [(p.slug, p.title, p.nav) for p in loaded.archive.pages] == [
        ("a", "Zulu", 1), ("c", "Alpha", None), ("b", "Beta", None)]
    assert loaded.archive.pages[0].summary == "The first."
    assert loaded.archive.pages[2].summary == "Second page."  # the first paragraph
    assert loaded.archive.pages[2].body_html == "<p>Second <em>page</em>.</p>"
    assert loaded.archive.pages[2].origin.file == "pages/b.md"


@pytest.mark.parametrize("slug", ["timeline", "corrections", "actors", "downloads", "feed"])
def test_a_page_may_not_take_a_route_of_the_site(write_archive: WriteArchive, slug: str) -> None:
    content = _with_pages(write_archive, {f"{slug}.md": "---\ntitle: Mine\n---\nText.\n"})
    assert f"{slug}.md:1: the page slug '{slug}' collides with the site's own /{slug}/" in \
        _messages(content)


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("About.md", "---\ntitle: A\n---\nText.\n", "About.md:1: the file name gives the page slug "
     "'About', which may use only a-z, 0-9 and '-'"),
    ("nul.md", "---\ntitle: A\n---\nText.\n", "nul.md:1: the file name gives the page slug "
     "'nul', which may not be 'nul': Windows cannot create a file or folder of that name"),
    ("con.txt.md", "---\ntitle: A\n---\nText.\n", "con.txt.md:1: the file name gives the page "
     "slug 'con.txt', which may use only a-z, 0-9 and '-'"),
    ("index.md", "---\ntitle: A\n---\nText.\n", "index.md:1: the file name gives the page "
     "slug 'index', which may not be 'index': the name is reserved"),
    ("a.md", "---\nsummary: S\n---\nText.\n", "a.md:1: missing required key 'title'"),
    ("a.md", "---\ntitle: A\nnav: first\n---\nText.\n",
     "a.md:3: 'nav' must be a whole number from -1000 to 1000, not 'first'"),
    ("a.md", "---\ntitle: A\nmenu: 2\n---\nText.\n", "a.md:3: unknown key 'menu'"),
    ("a.md", "---\ntitle: A\n---\n\n", "a.md:3: the page has no text after the front matter"),
    ("a.md", "---\ntitle: A\n---\n<script>alert(1)</script>\n", "a.md:4: raw HTML"),
])
def test_bad_pages_are_refused_with_file_and_line(write_archive: WriteArchive, name: str,
                                                  text: str, expected: str) -> None:
    messages = _messages(_with_pages(write_archive, {name: text}))
    assert any(m.startswith(expected) for m in messages), messages


def test_anything_else_in_pages_is_ignored_with_a_warning(write_archive: WriteArchive) -> None:
    content = _with_pages(write_archive, {"notes.txt": "hello"})
    loaded = load_archive(content, today=TODAY)
    assert loaded.ok
    assert [p.message for p in loaded.problems if p.path.endswith("notes.txt")] == [
        "not an editorial page (only files ending in '.md' directly in pages/ are); ignored"]


def test_every_top_level_route_of_the_site_is_reserved(built_site: Path) -> None:
    """A page slug can never land on a folder or file the site itself publishes."""
    for entry in built_site.iterdir():
        name = entry.name.split(".")[0] if entry.is_file() else entry.name
        # .briefings-site (the marker) and _headers (for hosts) can never be slugs ([a-z0-9-]+)
        if name != "index" and not entry.name.startswith((".", "_")):
            assert name.replace("_", "-") in RESERVED_SLUGS | {"briefings-json"}, entry.name
