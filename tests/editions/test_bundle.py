"""The offline bundle: one zip that works from disk (file://) with no network.

The fixture archive is bundled once per module with the real pipeline and unzipped; the
pages are then read as files (every link, every reference) and opened in headless Chromium
from file:// with every request that is not for a file aborted and recorded.
"""

from __future__ import annotations

import hashlib
import os
import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
import synth
from conftest import FIXTURE, ROOT, WriteArchive, wait_for_search_results
from offline_links import REMOTE_IN_CSS, page_problems

from generator.content.loading import Loaded, load_archive
from generator.content.problems import ContentError
from generator.editions.bundle import README_NAME, ZIP_COMMENT, make_bundle, zip_timestamp
from generator.engine.render import EngineError

CONFIG = ROOT / "mkdocs.yml"
SHIM_DIR = ROOT / "theme" / "assets" / "javascripts" / "iframe-worker"
SHIM_IN_SITE = "assets/javascripts/iframe-worker/shim.js"


def bundle(content: Path, work: Path, name: str = "offline.zip") -> Path:
    return make_bundle(content, work / name, CONFIG, build_dir=work / ".build")


@pytest.fixture(scope="module")
def bundle_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture archive's bundle, built once for this module."""
    return bundle(FIXTURE, tmp_path_factory.mktemp("bundle"))


def unzip(bundle_zip: Path) -> Path:
    """Unzip beside the zip; returns the top folder (the one holding index.html and the README)."""
    target = bundle_zip.parent / "unzipped"
    with zipfile.ZipFile(bundle_zip) as archive:
        archive.extractall(target)
    (top,) = target.iterdir()
    return top


@pytest.fixture(scope="module")
def root(bundle_zip: Path) -> Path:
    return unzip(bundle_zip)


@pytest.fixture(scope="module")
def unseen(tmp_path_factory: pytest.TempPathFactory,
           synthetic: tuple[synth.SynthArchive, Path]) -> tuple[Path, Path]:
    """(content, unzipped bundle) of the synthetic archive no test was written against."""
    content = synthetic[1]
    return content, unzip(bundle(content, tmp_path_factory.mktemp("unseen")))


# --- the zip itself -------------------------------------------------------------------

def test_same_archive_gives_the_same_bytes(bundle_zip: Path, tmp_path: Path) -> None:
    # A fresh build folder: nothing is reused from the first run.
    again = bundle(FIXTURE, tmp_path)
    assert again.read_bytes() == bundle_zip.read_bytes()


def test_entries_are_sorted_with_one_timestamp_and_one_mode(bundle_zip: Path) -> None:
    with zipfile.ZipFile(bundle_zip) as archive:
        infos = archive.infolist()
    names = [info.filename for info in infos]
    assert names[0] == f"briefing-archive/{README_NAME}"
    assert names[1:] == sorted(names[1:])
    assert all(name.startswith("briefing-archive/") for name in names)
    stamp = zip_timestamp(os.environ.get("SOURCE_DATE_EPOCH"))
    assert {info.date_time for info in infos} == {stamp}
    assert {info.external_attr >> 16 for info in infos} == {0o100644}


def test_timestamp_follows_source_date_epoch() -> None:
    assert zip_timestamp("1700000000") == (2023, 11, 14, 22, 13, 20)
    assert zip_timestamp("1700000001") == (2023, 11, 14, 22, 13, 20)  # zips store even seconds
    assert zip_timestamp(None) == zip_timestamp("not a number") == (1980, 1, 1, 0, 0, 0)
    assert zip_timestamp("0") == (1980, 1, 1, 0, 0, 0)  # a zip cannot go earlier


def test_readme_says_how_to_open_it(root: Path) -> None:
    readme = " ".join((root / README_NAME).read_text(encoding="utf-8").split())
    assert "Open briefing-archive/index.html in a web browser" in readme
    assert (root / "index.html").is_file()


def _assert_failure_keeps_old_zip(tmp_path: Path, content: Path, config: Path,
                                  error: type[Exception]) -> None:
    output = tmp_path / "out" / "offline.zip"
    output.parent.mkdir()
    with zipfile.ZipFile(output, "w") as previous:  # a bundle of ours: it may be replaced
        previous.writestr(f"briefings/{README_NAME}", "the previous bundle")
        previous.comment = ZIP_COMMENT
    before = output.read_bytes()
    with pytest.raises(error):
        make_bundle(content, output, config, build_dir=tmp_path / ".build")
    assert output.read_bytes() == before
    assert [p.name for p in output.parent.iterdir()] == ["offline.zip"]


def test_content_errors_leave_the_old_zip_and_no_partial_file(
        write_archive: WriteArchive, tmp_path: Path) -> None:
    content = write_archive({"bad.md": "---\ntitle: No date\n---\nBody.\n"})
    _assert_failure_keeps_old_zip(tmp_path, content, CONFIG, ContentError)


def test_engine_errors_leave_the_old_zip_and_no_partial_file(tmp_path: Path) -> None:
    # The same settings, but the theme folder they name is not beside them: MkDocs refuses.
    config = tmp_path / "mkdocs.yml"
    config.write_text(CONFIG.read_text(encoding="utf-8"), encoding="utf-8")
    _assert_failure_keeps_old_zip(tmp_path, FIXTURE, config, EngineError)


# --- what is inside -------------------------------------------------------------------

def test_every_page_of_the_archive_is_there(root: Path) -> None:
    archive = load_archive(FIXTURE, include_drafts=True).archive
    expected = {f"actors/{actor_id}.html" for actor_id in archive.actors}
    expected |= {f"regions/{region_id}.html" for region_id in archive.regions}
    expected |= {f"briefings/{b.slug}.html" for b in archive.briefings if not b.draft}
    expected |= {"index.html", "actors/index.html", "regions/index.html",
                 "timeline/index.html", "finder/index.html", "search/manifest.js"}
    missing = sorted(path for path in expected if not (root / path).is_file())
    assert missing == []
    drafts = [b.slug for b in archive.briefings if b.draft]
    assert drafts and not any((root / f"briefings/{slug}.html").exists() for slug in drafts)


def test_vendored_shim_matches_its_recorded_checksums(root: Path) -> None:
    source = (SHIM_DIR / "SOURCE.md").read_text(encoding="utf-8")
    for name in ("shim.js", "LICENSE"):
        digest = hashlib.sha256((SHIM_DIR / name).read_bytes()).hexdigest()
        assert re.search(rf"`{name}` = .*`{digest}`", source), f"{name} differs from SOURCE.md"
    assert (root / SHIM_IN_SITE).read_bytes() == (SHIM_DIR / "shim.js").read_bytes()
    assert (root / "assets/javascripts/iframe-worker/LICENSE").is_file()


def test_every_reference_of_every_page_is_a_file_of_the_bundle(root: Path) -> None:
    pages = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html"))
    assert len(pages) > 20
    problems = [problem for page in pages for problem in page_problems(root, page)]
    assert problems == []


def test_every_reference_of_an_unseen_archive_is_a_file_of_the_bundle(
        unseen: tuple[Path, Path]) -> None:
    content, unseen_root = unseen
    pages = sorted(p.relative_to(unseen_root).as_posix() for p in unseen_root.rglob("*.html"))
    archive = load_archive(content).archive
    assert len(pages) > len(archive.briefings) + len(archive.actors)
    problems = [problem for page in pages for problem in page_problems(unseen_root, page)]
    assert problems == []


def test_no_stylesheet_loads_anything_remote(root: Path) -> None:
    remote = [p.name for p in root.rglob("*.css")
              if REMOTE_IN_CSS.search(p.read_text(encoding="utf-8"))]
    assert remote == []


def test_the_link_check_catches_broken_and_remote_references(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "page.html").write_text(
        '<a href="../missing.html">x</a><a href="https://example.org/">ok</a>'
        '<script src="https://unpkg.com/x"></script><a href="/abs.html">y</a>'
        '<link rel="alternate" href="https://example.org/feed.xml">'
        '<div style="background: url(//cdn.example.org/i.png)"></div>', encoding="utf-8")
    problems = list(page_problems(tmp_path, "a/page.html"))
    assert len(problems) == 5, problems


# --- in the browser, from file:// with the network cut off -----------------------------

@dataclass
class Offline:
    """A browser context that lets only file: requests through and records every other."""

    context: Any
    attempted: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, url: str) -> Any:
        page = self.context.new_page()
        page.on("pageerror", lambda error: self.errors.append(f"{url}: {error}"))
        # The pages carry a Content-Security-Policy: anything it blocks from disk is a bug.
        page.on("console", lambda message: self.errors.append(f"{url}: {message.text}")
                if "Content Security Policy" in message.text else None)
        page.goto(url)
        return page


@pytest.fixture
def offline(browser: Any) -> Iterator[Offline]:
    context = browser.new_context()
    recorder = Offline(context)

    def route(request_route: Any) -> None:
        if request_route.request.url.startswith("file:"):
            request_route.continue_()
        else:
            recorder.attempted.append(request_route.request.url)
            request_route.abort()

    context.route("**/*", route)
    # Requests that never reach the router (data:, about:) are harmless; anything else counts.
    context.on("request", lambda request: None if request.url.startswith(
        ("file:", "data:", "blob:", "about:")) else recorder.attempted.append(request.url))
    yield recorder
    context.close()


def _file_of(url: str) -> Path:
    """The bundle file a file:// URL points to (query and fragment dropped)."""
    parts = urlsplit(url)
    assert parts.scheme == "file", url
    return Path(unquote(parts.path))


@pytest.mark.browser
def test_search_from_a_briefing_page_finds_briefings_offline(
        root: Path, offline: Offline) -> None:
    page = offline.open((root / "briefings" / "offensive.html").as_uri())
    page.click("input.md-search__input")
    page.keyboard.type("ceasefire")
    wait_for_search_results(page, "ceasefire")
    hrefs = page.eval_on_selector_all(".md-search-result__item a",
                                      "links => links.map(link => link.href)")
    files = [_file_of(href) for href in hrefs]
    assert root / "briefings" / "ceasefire.html" in files
    assert all(f.is_file() and f.is_relative_to(root) for f in files), hrefs
    with page.expect_navigation():
        page.click(".md-search-result__item a[href*='ceasefire.html']")
    assert "Ceasefire agreed" in page.inner_text("h1")
    assert offline.attempted == []
    assert offline.errors == []


@pytest.mark.browser
def test_actor_page_links_lead_to_the_actors_briefings(
        root: Path, offline: Offline, loaded: Loaded) -> None:
    expected = {root / "briefings" / f"{b.slug}.html" for b in loaded.archive.briefings
                if "nikol-pashinyan" in b.actors and not b.draft}
    page = offline.open((root / "actors" / "nikol-pashinyan.html").as_uri())
    hrefs = page.eval_on_selector_all("article a[href*='/briefings/']",
                                      "links => links.map(link => link.href)")
    assert {_file_of(href) for href in hrefs} == expected
    with page.expect_navigation():
        page.click("article a[href$='/briefings/offensive.html']")
    assert page.url == (root / "briefings" / "offensive.html").as_uri()
    assert "Azerbaijan launches offensive" in page.inner_text("h1")
    assert offline.attempted == []
    assert offline.errors == []


@pytest.mark.browser
def test_browsing_every_kind_of_page_makes_no_request(root: Path, offline: Offline) -> None:
    pages = ["index.html", "actors/index.html", "actors/csto.html", "regions/index.html",
             "regions/caucasus.html", "timeline/index.html", "finder/index.html",
             "finder/index.html?actor=nikol-pashinyan", "briefings/donbas-shelling.html"]
    for name in pages:
        page = offline.open(root.as_uri() + "/" + name)
        page.wait_for_load_state("load")
        assert page.title(), name
        page.close()
    assert offline.attempted == []
    assert offline.errors == []


@pytest.mark.browser
def test_search_in_an_unseen_archive_finds_the_briefing_by_a_rare_title_word(
        unseen: tuple[Path, Path], offline: Offline) -> None:
    content, unseen_root = unseen
    briefings = load_archive(content).archive.briefings
    title_words = {b.slug: set(re.findall(r"[A-Z][a-z]{5,}", b.title)) for b in briefings}
    words = Counter(word for found in title_words.values() for word in found)
    word, _ = min(words.items(), key=lambda item: (item[1], item[0]))
    expected = {unseen_root / "briefings" / f"{slug}.html"
                for slug, found in title_words.items() if word in found}
    page = offline.open((unseen_root / "briefings" / f"{briefings[-1].slug}.html").as_uri())
    page.click("input.md-search__input")
    page.keyboard.type(word)
    wait_for_search_results(page, word)
    hrefs = page.eval_on_selector_all(".md-search-result__item a",
                                      "links => links.map(link => link.href)")
    assert expected <= {_file_of(href) for href in hrefs}, word
    assert offline.attempted == []
    assert offline.errors == []


@pytest.mark.browser
@pytest.mark.parametrize(("query", "actor", "region"), [
    ("pashinian", "nikol-pashinyan", ""),  # an actor's alias no shown text uses
    ("Artsakh", "", "nagorno-karabakh"),   # a region's
])
def test_search_finds_briefings_by_actor_and_region_aliases_offline(
        root: Path, offline: Offline, loaded: Loaded, query: str, actor: str,
        region: str) -> None:
    expected = {root / "briefings" / f"{b.slug}.html" for b in loaded.archive.briefings
                if not b.draft and (actor in b.actors or region in b.regions)}
    page = offline.open((root / "briefings" / "ceasefire.html").as_uri())
    page.click("input.md-search__input")
    page.keyboard.type(query)
    wait_for_search_results(page, query)
    hrefs = page.eval_on_selector_all(".md-search-result__item a",
                                      "links => links.map(link => link.href)")
    assert {f for f in map(_file_of, hrefs) if f.parent.name == "briefings"} == expected
    assert offline.attempted == []
    assert offline.errors == []


@pytest.mark.browser
def test_the_citation_block_and_its_files_work_offline(root: Path, offline: Offline) -> None:
    """From file://: the citations show, and each download link leads to a file of the
    bundle that reads as the briefing's reference."""
    import json

    page = offline.open(root.as_uri() + "/briefings/donbas-shelling.html")
    page.wait_for_load_state("load")
    assert page.locator("#cite").is_visible()
    citations = page.locator(".ba-cite .ba-citation")
    assert citations.count() == 2 and all(
        "https://" in text for text in citations.all_inner_texts())
    hrefs = page.eval_on_selector_all(".ba-cite-files a[download]", "els => els.map(e => e.href)")
    assert [Path(_file_of(h)).suffix for h in hrefs] == [".json", ".ris", ".bib"]
    (item,) = json.loads(_file_of(hrefs[0]).read_text("utf-8"))
    assert item["title"] == page.locator("h1").inner_text()
    assert "TY  - ELEC" in _file_of(hrefs[1]).read_text("utf-8")
    assert _file_of(hrefs[2]).read_text("utf-8").startswith("@misc{donbas-shelling,")
    assert (root / "datapackage.json").is_file() and (root / "briefings.schema.json").is_file()
    assert offline.attempted == [] and offline.errors == []


def test_a_dead_source_and_its_copy_show_in_the_bundle(root: Path) -> None:
    """content/sources-state.yml reaches the offline edition as it does the site."""
    html = (root / "briefings" / "offensive.html").read_text(encoding="utf-8")
    assert "link reported dead on <time datetime=\"2026-10-09\">" in html
    assert ('read the <a href="https://web.archive.org/web/2023/https://www.bbc.com/news/'
            'world-europe-example" rel="noopener noreferrer">archived copy</a>') in html
    assert "no archived copy yet" in html
