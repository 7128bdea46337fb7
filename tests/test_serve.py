"""`briefings serve` as an editor runs it: a real server process, real saves, headless Chromium.

The terminal says where the preview is and what each rebuild did; a saved edit shows in the
open page by itself; a broken file puts its problems (file, line, message, hint) over the
page until it is fixed. The page keeps the site's Content-Security-Policy throughout.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from harness import free_port, wait_until

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "archive"
BRIEFING = "briefings/2023/2023-09-19-offensive.md"
SCRIPT = Path(sys.executable).parent / "briefings"


class Served:
    """A running `briefings serve` and what it has printed so far."""

    def __init__(self, folder: Path, port: int) -> None:
        self.log = folder / "serve.log"
        self.handle = self.log.open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            [str(SCRIPT), "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=folder,
            stdout=self.handle, stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{port}/"

    def printed(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def wait_for(self, pattern: str, timeout: float = 60) -> re.Match[str]:
        def found() -> re.Match[str] | None:
            assert self.process.poll() is None, self.printed()
            return re.search(pattern, self.printed())
        try:
            return wait_until(found, timeout, f"{pattern!r} printed")
        except AssertionError as error:
            raise AssertionError(f"{error}; printed:\n{self.printed()}") from None

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self.handle.close()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    shutil.copytree(FIXTURE, tmp_path / "content")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "theme").symlink_to(ROOT / "theme")
    server = Served(tmp_path, free_port())
    try:
        yield server
    finally:
        server.stop()


def save(path: Path, text: str) -> None:
    """As an editor's save: a new file renamed over the old one."""
    temporary = path.with_name(f".{path.name}.swp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def wait_for_page(check: Any, timeout: float = 90) -> None:
    """Poll from Python: the page's policy forbids the eval Playwright's own waiting uses."""
    from playwright.sync_api import Error

    def changed() -> bool:
        try:  # the page reloads by itself: a query can meet it between two documents
            return bool(check())
        except Error as error:
            between = ("context was destroyed", "Cannot find context", "navigat")
            assert any(words in str(error) for words in between), error
            return False
    wait_until(changed, timeout, "the page changing")


def heading(page: Any) -> str:
    return str(page.text_content("h1") or "")


def test_the_terminal_says_where_and_what_each_rebuild_did(served: Served) -> None:
    served.wait_for(r"first build: built in \d+\.\d\d s")
    address = served.wait_for(r"serving the preview on (\S+)").group(1)
    assert address == served.url
    with urllib.request.urlopen(address, timeout=10) as answer:  # at once: no retry needed
        assert answer.status == 200
    briefing = served.log.parent / "content" / BRIEFING
    save(briefing, briefing.read_text(encoding="utf-8") + "\nOne more line.\n")
    served.wait_for(rf"content/{re.escape(BRIEFING)} changed: rebuilt in \d+\.\d\d s")
    assert ".swp" not in served.printed()


@pytest.mark.browser
def test_an_edit_shows_by_itself_and_problems_show_over_the_page_until_fixed(
        served: Served, browser: Any, tmp_path: Path) -> None:
    served.wait_for("serving the preview on")
    blocked: list[str] = []
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    page = context.new_page()
    page.on("console", lambda message: blocked.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.goto(served.url + "briefings/offensive/")
    briefing = tmp_path / "content" / BRIEFING
    original = briefing.read_text(encoding="utf-8")

    save(briefing, original.replace("title: ", "title: Edited ", 1))
    wait_for_page(lambda: "Edited" in heading(page))  # reloaded by itself, showing the edit
    save(briefing, original.replace("date: 2023-09-19", "date: 2023-09-31"))
    panel = page.wait_for_selector("#briefings-preview-problems", timeout=90_000)
    text = panel.inner_text()
    assert f"content/{BRIEFING}:3" in text
    assert "'date' is not a real date: 2023-09-31" in text and "Hint:" in text
    page.screenshot(path=str(tmp_path / "problems.png"))
    served.wait_for(r"1 problem \(\d+\.\d\d s\), shown in the browser until fixed")

    save(briefing, original)
    wait_for_page(lambda: page.query_selector("#briefings-preview-problems") is None
               and "Edited" not in heading(page))
    assert blocked == []
    context.close()
