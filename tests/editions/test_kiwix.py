"""The ZIM in Kiwix's own tools: served by kiwix-serve (Debian's kiwix-tools), searched
through its search endpoint, read in headless Chromium through it, checked by zimcheck.

`make test` installs kiwix-tools and zim-tools when missing (the `kiwix` target).
"""

from __future__ import annotations

import shutil
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, WriteArchive
from harness import serve_zim
from libzim.reader import Archive

from generator.editions.zim import make_zim

pytestmark = pytest.mark.kiwix


def _tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is missing: `make kiwix` installs kiwix-tools and zim-tools"
    return path


@pytest.fixture(scope="module")
def zim_file(fixture_zim: Path) -> Path:
    """The fixture archive as a ZIM (conftest's, built once per session)."""
    return fixture_zim


@pytest.fixture(scope="module")
def stem(zim_file: Path) -> str:
    return zim_file.stem  # kiwix-serve names a book after its file


def get(url: str) -> tuple[int, str, str]:
    """(status, content type, text) of a GET."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], ""


@pytest.fixture(scope="module")
def served(zim_file: Path, stem: str) -> Iterator[tuple[str, str]]:
    """(server URL, URL of the book's content folder) of kiwix-serve serving the ZIM."""
    assert zim_file.stem == stem
    with serve_zim(zim_file, _tool("kiwix-serve")) as found:
        yield found


@pytest.mark.parametrize(("path", "text"), [
    ("index.html", "Latest briefings"),
    ("briefings/blinken-pashinyan-call.html", "Lachin blockade deepens"),
    ("actors/nikol-pashinyan.html", "Նիկոլ Փաշինյան"),
    ("regions/lachin-corridor.html", "Lachin corridor"),
])
def test_kiwix_serve_serves_the_pages(served: tuple[str, str], path: str, text: str) -> None:
    status, kind, body = get(served[1] + path)
    assert status == 200 and kind.startswith("text/html") and text in body


def test_kiwix_serve_serves_feeds_and_exports_with_their_types(served: tuple[str, str]) -> None:
    assert get(served[1] + "feed.xml")[1].startswith("application/atom+xml")
    assert get(served[1] + "briefings.json")[1].startswith("application/json")


def test_kiwix_serve_search_finds_briefings_by_word_and_alias(served: tuple[str, str],
                                                              stem: str) -> None:
    for pattern, slug in (("blockade", "blinken-pashinyan-call"), ("Зеленський", "donbas-shelling"),
                          ("Kremlin", "ceasefire")):
        query = urllib.parse.urlencode({"content": stem, "pattern": pattern})
        status, _, body = get(f"{served[0]}/search?{query}")
        assert status == 200 and f"briefings/{slug}.html" in body, pattern


@pytest.mark.browser
def test_a_briefing_opens_through_kiwix_serve_with_no_console_errors(
        served: tuple[str, str], browser: Any) -> None:
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning")
            else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400
            else None)
    page.goto(served[1] + "briefings/blinken-pashinyan-call.html")
    page.wait_for_load_state("networkidle")
    assert "Lachin blockade" in page.title()
    assert page.locator(".md-search").count() == 0  # Kiwix searches, not Material
    page.keyboard.press("/")  # Material's search key does nothing, quietly
    page.get_by_role("link", name="Nikol Pashinyan").first.click()  # a relative link
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/actors/nikol-pashinyan.html")
    page.close()
    assert not problems


def test_zimcheck_finds_only_the_known_version_gap(zim_file: Path) -> None:
    """Debian bookworm's zimcheck (libzim 8) reads a libzim 9 file's missing old-style title
    pointer list as a broken title index; every other check passes (README, "Kiwix")."""
    result = subprocess.run([_tool("zimcheck"), "-A", str(zim_file)], capture_output=True,
                            text=True, check=False)
    errors = [line.strip() for line in result.stdout.splitlines() if "[ERROR]" in line]
    version = subprocess.run([_tool("zimcheck"), "--version"], capture_output=True, text=True,
                             check=False).stdout
    if "libzim 8." not in version:  # a zimcheck built on libzim 9 reads the file fully
        assert result.returncode == 0, result.stdout
        return
    assert errors == ["[ERROR] ZIM file's low level structure is invalid",
                      "[ERROR] Invalid low-level structure:"], result.stdout
    assert "Title index table outside" in result.stdout + result.stderr


def test_one_zim_for_every_language_with_its_iso_639_3_codes_and_searchable_in_each(
        write_archive: WriteArchive, tmp_path: Path) -> None:
    """Issue 30: the ZIM holds every language, as the zip does. Its Language metadata lists
    them as ISO 639-3 codes, the site's first (its index's language), and kiwix-serve's
    catalog shows them; the Arabic briefing is found by an Arabic word, the English one by
    an English word."""
    content = write_archive({
        "2023/2023-01-18-call.md": """\
            ---
            title: Blinken urges talks as the blockade deepens
            date: 2023-01-18
            region: Lachin corridor
            actors: [Antony Blinken]
            source: {name: RFE/RL, url: "https://www.rferl.org/a/call/1.html"}
            ---
            The only road stayed blocked.
            """,
        "2023/2023-01-18-call-ar.md": """\
            ---
            title: بلينكن يدعو إلى محادثات مع استمرار الحصار
            date: 2023-01-18
            lang: ar
            translation_of: call
            region: Lachin corridor
            actors: [Antony Blinken]
            source: {name: RFE/RL, url: "https://www.rferl.org/a/call/1.html"}
            ---
            ظل الطريق الوحيد مغلقا والحصار مستمرا.
            """})
    zim = make_zim(content, tmp_path / "multilingual.zim", ROOT / "mkdocs.yml",
                   build_dir=tmp_path / ".build").path
    assert Archive(zim).get_metadata("Language").decode() == "eng,ara"
    with serve_zim(zim, _tool("kiwix-serve")) as (server, _):
        catalog = get(f"{server}/catalog/v2/entries")[2]
        assert "<language>eng,ara</language>" in catalog
        for pattern, slug in (("blockade", "call"), ("الحصار", "call-ar")):
            query = urllib.parse.urlencode({"content": zim.stem, "pattern": pattern})
            status, _, body = get(f"{server}/search?{query}")
            assert status == 200 and f"briefings/{slug}.html" in body, pattern
