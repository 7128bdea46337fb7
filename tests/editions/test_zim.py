"""The Kiwix edition: a ZIM file that the Kiwix project's own readers open and search.

Each archive is built into a ZIM once with the real pipeline and python-libzim (the fixture
archive's once per session, conftest's ``fixture_zim``, which test_kiwix.py serves with
kiwix-serve and checks with zimcheck); the file is read with libzim.reader and libzim.search.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
import re
import struct
from pathlib import Path
from typing import Any

import pytest
import synth
from conftest import FIXTURE, ROOT, WriteArchive
from libzim.reader import Archive
from libzim.search import Query, Searcher
from libzim.writer import Hint, Item

from generator import cli
from generator.content.loading import Loaded, load_archive
from generator.content.problems import ContentError
from generator.editions import packaged
from generator.editions import zim as zim_module
from generator.editions.zim import ILLUSTRATION, make_zim
from generator.editions.zimitems import mime_type
from generator.engine import sitedir
from generator.engine.sitedir import SiteDirError
from generator.site.edition import Edition

CONFIG = ROOT / "mkdocs.yml"
METADATA = ("Name", "Title", "Description", "LongDescription", "Language", "Creator",
            "Publisher", "Date", "Tags", "Source", "License", "Scraper")


def write_zim(content: Path, work: Path, name: str = "briefing-archive.zim") -> Path:
    return make_zim(content, work / name, CONFIG, build_dir=work / ".build").path


@pytest.fixture(scope="module")
def zim_file(fixture_zim: Path) -> Path:
    """The fixture archive as a ZIM (conftest's, built once per session)."""
    return fixture_zim


@pytest.fixture(scope="module")
def reader(zim_file: Path) -> Archive:
    return Archive(zim_file)


@pytest.fixture(scope="module")
def unseen(tmp_path_factory: pytest.TempPathFactory,
           synthetic: tuple[synth.SynthArchive, Path]) -> tuple[Loaded, Archive]:
    """(loaded archive, ZIM reader) of the synthetic archive no test was written against."""
    content = synthetic[1]
    return load_archive(content), Archive(write_zim(content, tmp_path_factory.mktemp("unseen")))


def found(reader: Archive, query: str) -> set[str]:
    """Every path libzim's full-text search returns for ``query``."""
    search = Searcher(reader).search(Query().set_query(query))
    return set(search.getResults(0, max(search.getEstimatedMatches(), 1)))


def page(slug: str) -> str:
    return f"briefings/{slug}.html"


# --- the file, as libzim reads it -------------------------------------------------------

def test_metadata_is_complete(reader: Archive) -> None:
    values = {key: reader.get_metadata(key).decode("utf-8") for key in METADATA}
    assert all(values.values()), [key for key, value in values.items() if not value]
    assert values["Language"] == "eng"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", values["Date"])
    assert len(values["Title"]) <= 30 and len(values["Description"]) <= 80
    assert "_ftindex:yes" in values["Tags"].split(";")
    assert values["Source"] == "https://briefings.example.org/"
    assert "5 briefings from 2023-01-18 to 2024-03-05" in values["LongDescription"]
    assert "Illustration_48x48@1" in reader.metadata_keys
    png = bytes(reader.get_illustration_item(48).content)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (48, 48)


def test_main_page_is_the_home_page(reader: Archive) -> None:
    main = reader.main_entry.get_item()
    assert main.path == "index.html" and main.title == "Briefing Archive"
    assert "Latest briefings" in bytes(main.content).decode("utf-8")


def test_every_page_is_an_entry_with_its_title_and_every_briefing_a_front_article(
        unseen: tuple[Loaded, Archive]) -> None:
    loaded, reader = unseen
    archive = loaded.archive
    for briefing in archive.briefings:
        item = reader.get_entry_by_path(page(briefing.slug)).get_item()
        assert item.title == briefing.title and item.mimetype == "text/html"
    for actor in archive.actors.values():
        assert reader.get_entry_by_path(f"actors/{actor.id}.html").title == actor.name
    for region in archive.regions.values():
        assert reader.get_entry_by_path(f"regions/{region.id}.html").title == region.name
    pages = len(archive.briefings) + len(archive.actors) + len(archive.regions)
    # Front articles: briefing, actor and region pages and the actors' and regions' indexes.
    assert reader.article_count == pages + 2
    assert reader.has_fulltext_index and reader.has_title_index


def test_feeds_exports_and_assets_have_their_mime_types(reader: Archive) -> None:
    expected = {"feed.xml": "application/atom+xml", "briefings.json": "application/json",
                "briefings.csv": "text/csv", "assets/favicon.svg": "image/svg+xml",
                "assets/stylesheets/briefings.css": "text/css",
                "assets/javascripts/finder.js": "application/javascript",
                "actors/nikol-pashinyan/feed.xml": "application/atom+xml"}
    for path, mime in expected.items():
        assert reader.get_entry_by_path(path).get_item().mimetype == mime, path
    assert mime_type("x/y.woff2") == "font/woff2" and mime_type("x.bin") == (
        "application/octet-stream")


def test_search_ui_and_its_files_are_left_out(reader: Archive) -> None:
    for path in ("search/search_index.json", "assets/javascripts/search-worker.js", "404.html"):
        assert not reader.has_entry_by_path(path), path
    home = bytes(reader.get_entry_by_path("index.html").get_item().content).decode("utf-8")
    assert 'data-md-component="search"' not in home and 'name="search"' not in home
    assert "Kiwix reader's search" in home
    assert "downloads/" not in home  # the editions never hold the downloads


def test_the_zim_holds_no_file_only_a_web_host_or_the_build_reads(reader: Archive) -> None:
    """From the ZIM's own entry list: no _headers (a web host's), no site marker (the
    build's), nothing the edition's row of packaged.LEFT_OUT names."""
    paths = {reader._get_entry_by_id(n).path for n in range(reader.entry_count)}
    assert "index.html" in paths and "briefings.json" in paths
    assert "_headers" not in paths and sitedir.MARKER not in paths
    left_out = packaged.LEFT_OUT[Edition.KIWIX]
    assert not [p for p in paths if any(fnmatch.fnmatchcase(p, g) for g in left_out)]


def test_full_text_search_finds_briefings_by_words(reader: Archive) -> None:
    assert page("blinken-pashinyan-call") in found(reader, "blockade")
    assert page("donbas-shelling") in found(reader, "water station")
    assert not any("draft" in path for path in found(reader, "draft"))  # drafts stay out


def test_search_finds_briefings_by_every_alias_of_their_actors_and_regions(
        unseen: tuple[Loaded, Archive]) -> None:
    loaded, reader = unseen
    archive = loaded.archive
    missed = []
    for briefing in archive.briefings[:12]:
        names = [n for a in briefing.actors for n in archive.actors[a].aliases]
        names += [n for r in briefing.regions for n in archive.regions[r].aliases]
        missed += [(briefing.slug, name) for name in names
                   if page(briefing.slug) not in found(reader, name)]
    assert not missed


def test_search_finds_the_fixtures_aliases_in_any_script(reader: Archive) -> None:
    for slug, alias in (("blinken-pashinyan-call", "Նիկոլ Փաշինյան"),
                        ("blinken-pashinyan-call", "Tony Blinken"), ("ceasefire", "Kremlin"),
                        ("offensive", "İlham Əliyev"), ("donbas-shelling", "Зеленський")):
        assert page(slug) in found(reader, alias), alias
    assert "actors/nikol-pashinyan.html" in found(reader, "Pashinian")


def test_same_archive_and_date_give_the_same_bytes(zim_file: Path, tmp_path: Path) -> None:
    again = write_zim(FIXTURE, tmp_path)  # a fresh build folder: nothing reused
    assert again.read_bytes() == zim_file.read_bytes()
    assert Archive(again).check()  # the UUIDs and checksum written again still verify


def test_uuid_comes_from_the_content(reader: Archive, zim_file: Path) -> None:
    data = zim_file.read_bytes()
    assert hashlib.md5(data[:-16], usedforsecurity=False).digest() == data[-16:]
    assert reader.uuid.version == 4 and reader.check()


def test_a_bad_archive_writes_no_zim_and_keeps_the_old_one(
        write_archive: WriteArchive, tmp_path: Path, zim_file: Path) -> None:
    content = write_archive({"2024/2024-01-01-bad.md": "---\ntitle: x\n---\nno date\n"})
    output = tmp_path / "old.zim"
    output.write_bytes(zim_file.read_bytes())  # an earlier ZIM of ours: it may be replaced
    with pytest.raises(ContentError):
        make_zim(content, output, CONFIG, build_dir=tmp_path / ".build")
    assert output.read_bytes() == zim_file.read_bytes()
    assert sorted(p.name for p in tmp_path.glob("*.zim")) == ["old.zim"]


def foreign_zim(path: Path, scraper: str | None) -> Path:
    """A small, valid ZIM that another tool wrote (a reader's Wikipedia ZIM, in miniature)."""
    from libzim.writer import Creator, StringProvider

    class Page(Item):  # type: ignore[misc]
        def get_path(self) -> str: return "A/Main"
        def get_title(self) -> str: return "Main page"
        def get_mimetype(self) -> str: return "text/html"
        def get_contentprovider(self) -> StringProvider:
            return StringProvider("<html><body>Wikipedia</body></html>")
        def get_hints(self) -> dict[Hint, int]: return {Hint.FRONT_ARTICLE: True}

    with Creator(str(path)) as creator:
        creator.set_mainpath("A/Main")
        if scraper is not None:
            creator.add_metadata("Scraper", scraper)
        creator.add_metadata("Title", "Wikipedia")
        creator.add_item(Page())
    return path


@pytest.mark.parametrize("scraper", ["mwoffliner 1.13.0", None, "briefings zim"])
def test_a_readers_own_zim_is_never_replaced(
        write_archive: WriteArchive, tmp_path: Path, scraper: str | None,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Hostile case 1: `briefings zim --output wikipedia.zim` on a reader's Wikipedia ZIM
    (the ZIM magic and all, even a Scraper much like ours) leaves it byte for byte."""
    output = foreign_zim(tmp_path / "wikipedia_en_all.zim", scraper)
    before = output.read_bytes()
    assert before[:4] == b"ZIM\x04"
    assert cli.main(["zim", "--content", str(FIXTURE), "--output", str(output)]) == 2
    assert "is not a ZIM file this tool made, so it was left alone" in capsys.readouterr().err
    assert output.read_bytes() == before


def test_our_own_zim_is_recognised_by_its_scraper_metadata(zim_file: Path,
                                                          reader: Archive) -> None:
    assert reader.get_metadata("Scraper").decode() == zim_module.SCRAPER
    assert zim_module.is_our_zim(zim_file)


@pytest.mark.parametrize("name", ["notes.txt", "folder"])
def test_an_output_that_is_no_zim_is_refused_before_anything_is_written(
        write_archive: WriteArchive, tmp_path: Path, name: str) -> None:
    content = write_archive({})
    output = tmp_path / name
    if name == "folder":
        (output / "kept.txt").parent.mkdir()
        (output / "kept.txt").write_text("kept")
    else:
        output.write_text("an editor's notes")
    with pytest.raises(SiteDirError, match=r"is a folder|is not a ZIM file"):
        make_zim(content, output, CONFIG, build_dir=tmp_path / ".build")
    assert (output / "kept.txt" if name == "folder" else output).read_text() in (
        "kept", "an editor's notes")
    assert not (tmp_path / ".build").exists()


def test_date_follows_source_date_epoch() -> None:
    assert zim_module.zim_date("1700000000").isoformat() == "2023-11-14"
    assert zim_module.zim_date("soon") == zim_module.zim_date(None)


@pytest.mark.browser
def test_illustration_is_drawn_from_the_current_logo(browser: Any) -> None:
    import illustration  # scripts/illustration.py

    assert ILLUSTRATION.read_bytes() == illustration.draw(browser), (
        "theme/assets/favicon.svg changed: run .venv/bin/python scripts/illustration.py")


def test_zim_command_prints_the_path_and_nothing_else(tmp_path: Path) -> None:
    import subprocess

    output = tmp_path / "cli.zim"
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "briefings"), "zim", "--config",
                             str(CONFIG), "--content", str(FIXTURE), "--output", str(output)],
                            capture_output=True,
                            text=True, cwd=tmp_path, env={**os.environ}, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{output}\n"  # libzim's progress lines kept out
    assert Archive(output).has_fulltext_index


def test_search_indexes_the_briefing_not_the_page_furniture(reader: Archive) -> None:
    """kiwix-serve's result snippets were the navigation bar and the BibTeX block: words only
    the furniture holds find no briefing; the summary's words do."""
    for furniture in ("howpublished", "misc", "Permalink", "Suggest a correction"):
        assert not {p for p in found(reader, furniture) if p.startswith("briefings/")}, furniture
    assert page("offensive") in found(reader, "offensive")


def test_a_title_after_a_long_head_is_still_read(tmp_path: Path) -> None:
    """A page whose <title> comes after 8 KB of head (CSP, share cards, JSON-LD) was titled by
    its path in Kiwix."""
    from generator.editions.zimitems import _page_title

    page_file = tmp_path / "long.html"
    page_file.write_text("<!doctype html><html><head>" + "<meta name=x content=y>" * 2000
                         + "<title>Talks resume - Briefing Archive</title></head></html>")
    assert page_file.stat().st_size > 40_000
    assert _page_title(page_file, "Briefing Archive") == "Talks resume"


def test_the_citation_files_and_data_descriptions_are_entries(
        reader: Archive, loaded: Loaded) -> None:
    """Every briefing's reference files, datapackage.json and the JSON Schema are in the
    ZIM's entry list with their types, and a briefing page links to its own."""
    expected = {"datapackage.json": "application/json",
                "briefings.schema.json": "application/json"}
    for briefing in loaded.archive.briefings:
        expected |= {f"cite/{briefing.slug}.json": "application/json",
                     f"cite/{briefing.slug}.ris": "application/x-research-info-systems",
                     f"cite/{briefing.slug}.bib": "application/x-bibtex"}
        page = bytes(reader.get_entry_by_path(f"briefings/{briefing.slug}.html")
                     .get_item().content).decode("utf-8")
        assert f'href="../cite/{briefing.slug}.ris"' in page
    for path, mime in expected.items():
        assert reader.get_entry_by_path(path).get_item().mimetype == mime, path


def test_a_dead_source_and_its_copy_show_in_the_zim(reader: Archive) -> None:
    html = bytes(reader.get_entry_by_path(page("offensive")).get_item().content).decode()
    assert "link reported dead on <time datetime=\"2026-10-09\">" in html
    assert ('read the <a href="https://web.archive.org/web/2023/https://www.bbc.com/news/'
            'world-europe-example" rel="noopener noreferrer">archived copy</a>') in html
    assert "no archived copy yet" in html
