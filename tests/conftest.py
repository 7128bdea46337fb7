"""The fixture ladder: content folder -> archive -> index -> built site (-> browser).

Real files, a real MkDocs build and a real headless Chromium; no mocks.
"""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import synth
from harness import WHOLE_QUERY_SHOWN, launch_chromium, serve_folder

from generator.content.frontmatter import split
from generator.content.loading import Loaded, load_archive
from generator.content.syntax.yamlstrict import plain
from generator.editorial.ingest import ingest_file
from generator.pipeline import BuildOptions, build
from generator.site.index import Index, build_index

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "archive"
CONFIG = ROOT / "mkdocs.yml"
# The synthetic archive no test was written against (scripts/synth.py), shared by the
# bundle, ZIM, engine and search tests: large enough for paging, facets and parallel work.
SYNTHETIC_COUNT, SYNTHETIC_SEED = 150, 19


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """A writable copy of the fixture archive."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURE, target)
    return target


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A writable content folder with the project's own registries and no briefings: where
    the editorial tests (ingest, new) write drafts."""
    target = tmp_path / "content"
    (target / "briefings").mkdir(parents=True)
    for name in ("actors.yml", "regions.yml"):
        shutil.copy(ROOT / "content" / name, target / name)
    return target


def ingest_page(content: Path, name: str, page: str) -> tuple[dict[str, object], str]:
    """Save an invented PAGE as NAME beside CONTENT, ingest it as an editor would (today is
    the scorer's day), and give the draft's front matter and its whole text."""
    saved = content.parent / name
    saved.write_text(page, encoding="utf-8")
    path = ingest_file(saved, content, today=date(2026, 11, 29)).path
    text = path.read_text(encoding="utf-8")
    meta = plain(split(text).meta)
    assert isinstance(meta, dict)
    return meta, text


def source_of(meta: dict[str, object]) -> dict[str, object]:
    """A draft's `source` mapping (empty where the draft has none)."""
    source = meta.get("source") or {}
    assert isinstance(source, dict)
    return source


WriteArchive = Callable[..., Path]


@pytest.fixture
def write_archive(tmp_path: Path) -> WriteArchive:
    """Write a content folder: the fixture registries unless given, plus briefing files.

    ``write_archive({"a.md": "---\\n..."}, actors=None, regions=None)`` returns the folder;
    texts are dedented, and bytes are written as they are.
    """
    def write(briefings: dict[str, str | bytes], *, actors: str | None = None,
              regions: str | None = None) -> Path:
        root = tmp_path / "content"
        (root / "briefings").mkdir(parents=True, exist_ok=True)
        for name, registry in (("actors.yml", actors), ("regions.yml", regions)):
            if registry is None:
                shutil.copy(FIXTURE / name, root / name)
            else:
                (root / name).write_text(textwrap.dedent(registry), encoding="utf-8")
        for name, text in briefings.items():
            path = root / "briefings" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(textwrap.dedent(text), encoding="utf-8")
        return root
    return write


@pytest.fixture(scope="session")
def loaded() -> Loaded:
    return load_archive(FIXTURE)


@pytest.fixture(scope="session")
def index(loaded: Loaded) -> Index:
    return build_index(loaded.archive)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture archive built once with the real engine, for many tests to read."""
    work = tmp_path_factory.mktemp("built")
    site = work / "site"
    build(BuildOptions(content=FIXTURE, site_dir=site, build_dir=work / ".build",
                       config_file=CONFIG))
    return site


@pytest.fixture(scope="session")
def fixture_zim(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture archive as a ZIM, built once for the ZIM and Kiwix tests (read only)."""
    from generator.editions.zim import make_zim

    work = tmp_path_factory.mktemp("fixture-zim")
    return make_zim(FIXTURE, work / "briefing-archive.zim", CONFIG,
                    build_dir=work / ".build").path


@pytest.fixture(scope="session")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[synth.SynthArchive, Path]:
    """(archive, content folder) of the shared synthetic archive, written once (read only)."""
    archive = synth.generate(SYNTHETIC_COUNT, seed=SYNTHETIC_SEED)
    content = tmp_path_factory.mktemp("synthetic") / "content"
    archive.write(content)
    return archive, content


@pytest.fixture(scope="session")
def synthetic_site(synthetic: tuple[synth.SynthArchive, Path]) -> Path:
    """The shared synthetic archive built once as a hosted site (read only)."""
    work = synthetic[1].parent
    build(BuildOptions(content=synthetic[1], site_dir=work / "site", build_dir=work / ".build",
                       config_file=CONFIG))
    return work / "site"


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built fixture site served over HTTP on loopback."""
    url, stop = serve_folder(built_site)
    yield url
    stop()


def wait_for_search_results(page: Any, query: str, timeout: int = 30_000) -> None:
    """After typing ``query`` into Material's search box, wait for the results of all of it.

    Once the index is ready, Material asks the search worker at every key released, so the
    results of a half-typed query can show first. Playwright types characters that are not
    on a US keyboard as text input, without any key released, so End is released first:
    Material reads the box then, as it would after a reader's last key.
    """
    page.keyboard.press("End")
    page.wait_for_function(WHOLE_QUERY_SHOWN, arg=query.lower(), timeout=timeout)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium driven by Playwright (browser downloads do not work here)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


def read_search_index(site: Path) -> tuple[dict[str, Any], list[list[Any]], dict[int, set[str]]]:
    """A built site's search index (issue 16: in shards): its manifest, every document's
    record ([location, title, text]) in index order, and each document's folded words."""
    def data(path: Path) -> Any:
        text = path.read_text("utf-8")
        return json.loads(text[text.index(",") + 1:text.rindex(")")])

    manifest = data(site / "search/manifest.js")
    records = [r for n in range(-(-manifest["count"] // manifest["chunk"]))
               for r in data(site / f"search/docs/{n}.js")]
    words: dict[int, set[str]] = {}
    for n in range(len(manifest["shards"])):
        for word, codes in data(site / f"search/shards/{n}.js").items():
            doc = 0
            for code in codes:
                doc += code // 3
                words.setdefault(doc, set()).add(word)
    return manifest, records, words


@pytest.fixture(autouse=True)
def network_guard(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Every test: no connection or name lookup beyond loopback (tests/netguard.py)."""
    from netguard import guarded

    with guarded(monkeypatch) as guard:
        yield guard
        if guard.violations:
            pytest.fail("the test reached beyond loopback: " + "; ".join(guard.violations))


# ---- Accessibility (issue 29): the starter archive with every kind of page ----

@pytest.fixture(scope="session")
def a11y_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The starter archive (content/) built with its downloads: the hosted site, with the
    offline zip and the ZIM under downloads/. Each starter briefing is added three more
    times under another slug, so that long lists split into year pages (listing.LONG_LIST)
    and every kind of page the site has exists in it."""
    from generator.editions.downloads import build_with_downloads

    work = tmp_path_factory.mktemp("a11y")
    content = work / "content"
    shutil.copytree(ROOT / "content", content)
    again = content / "briefings" / "again"
    again.mkdir()
    for copy in (2, 3, 4):
        for source in sorted((ROOT / "content" / "briefings").rglob("*.md")):
            if re.search(r"^translation_of:", source.read_text("utf-8"), flags=re.M):
                continue  # a second translation of one briefing into one language is refused
            text = re.sub(r"^title: (.*)$", rf"title: \1 ({copy})", source.read_text("utf-8"),
                          count=1, flags=re.M)  # titles stay unique: link texts say where
            (again / f"{source.stem}-again-{copy}.md").write_text(text, "utf-8")
    build_with_downloads(BuildOptions(content=content, site_dir=work / "site",
                                      build_dir=work / ".build",
                                      config_file=ROOT / "mkdocs.yml"))
    return work / "site"


@pytest.fixture(scope="session")
def a11y_url(a11y_site: Path) -> Iterator[str]:
    url, stop = serve_folder(a11y_site)
    yield url
    stop()
