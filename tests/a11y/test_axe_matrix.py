"""axe-core on every kind of page, in both colour schemes, at 1280 and 320 CSS px, hosted,
from the offline zip (file://) and through kiwix-serve (issue 29): zero violations of WCAG 2.0,
2.1 and 2.2 A and AA and of Deque's best practices.

One test per edition and scheme; each walks every page type (a11y_pages.page_states) with one
browser context per page, and reports every violation of all of them at once. At 320 px it also
checks that nothing scrolls sideways (1.4.10 reflow).

All three editions render the same pages with the same style sheets (the offline and Kiwix
ones with other links, Kiwix without the search box and under its toolbar), so the four
scheme and width combinations are shared out among them rather than repeated in each: the
hosted site checks each page type at both widths in one scheme, and the offline and Kiwix
editions each check it in the other scheme at one width, in turn. Every page type is so seen
in both schemes and at both widths, and each edition sees every type, at under half the cost
of every combination everywhere; `A11Y_MATRIX=full` checks every combination in every edition
(BENCHMARKS.md, "Accessibility tests": the cost of each).
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from a11y_pages import HEIGHT, SCHEMES, WIDTHS, PageState, axe, describe, open_state, page_states
from conftest import ROOT
from harness import serve_zim

from generator.site import urls

pytestmark = [pytest.mark.browser, pytest.mark.kiwix]

# kiwix-serve 3.3 adds its own toolbar to every page it serves: Kiwix's markup, not ours.
EDITORIAL = {p.stem for p in (ROOT / "content" / "pages").glob("*.md")}
KIWIX_TOOLBAR = ["#kiwixtoolbar", "#kiwix_serve_taskbar", ".kiwix_serve_taskbar"]


class Edition:
    """Where an edition's pages are, how its links look, which of our page types it has."""

    def __init__(self, base: str, style: urls.UrlStyle, states: list[PageState],
                 exclude: list[str] | None = None) -> None:
        self.base, self.style, self.states, self.exclude = base, style, states, exclude


@pytest.fixture(scope="module")
def offline_root(a11y_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("a11y-offline")
    with zipfile.ZipFile(a11y_site / "downloads" / "briefing-archive-offline.zip") as bundle:
        bundle.extractall(target)
    (root,) = [p for p in target.iterdir() if p.is_dir()]
    return root


@pytest.fixture(scope="module")
def kiwix_url(a11y_site: Path) -> Iterator[str]:
    """The ZIM of the downloads served by kiwix-serve: the URL of its content folder."""
    with serve_zim(a11y_site / "downloads" / "briefing-archive.zim") as (_base, folder):
        yield folder


@pytest.fixture(scope="module")
def editions(a11y_site: Path, a11y_url: str, offline_root: Path,
             kiwix_url: str) -> dict[str, Edition]:
    # The Kiwix edition is the offline one without a search box and without 404.html.
    kiwix = [s for s in page_states(offline_root, EDITORIAL, search=False) if s.route != "404.html"]
    return {
        "hosted": Edition(a11y_url, "directory", page_states(a11y_site, EDITORIAL)),
        "offline": Edition(offline_root.as_uri() + "/", "file",
                           page_states(offline_root, EDITORIAL)),
        "kiwix": Edition(kiwix_url, "file", kiwix, exclude=KIWIX_TOOLBAR),
    }


def test_the_matrix_covers_every_page_type_the_issue_names(editions: dict[str, Edition]) -> None:
    names = {s.name for s in editions["hosted"].states}
    assert {"home", "briefing", "briefing with corrections", "briefing with several sources",
            "actors/", "actors/{slug}/", "regions/", "regions/{slug}/", "timeline/",
            "timeline/{year}/", "finder/", "finder filtered", "finder, no results",
            "search open", "corrections/", "editorial page", "downloads/", "404"} <= names
    assert "downloads/" not in {s.name for s in editions["offline"].states}


def settle(page: Any) -> None:
    """Two animation frames: the layout of a new viewport is done."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("edition", ["hosted", "offline", "kiwix"])
def test_every_page_type_has_no_axe_violations(browser: Any, editions: dict[str, Edition],
                                               edition: str, scheme: str) -> None:
    where = editions[edition]
    full = os.environ.get("A11Y_MATRIX") == "full"
    problems: list[str] = []
    turns = {s.name: turn for turn, s in enumerate(editions["hosted"].states)}  # one order
    for state in where.states:
        turn = turns[state.name]
        # hosted: both widths, one scheme; the others: the other scheme, one width
        shown_in = SCHEMES[(turn + (edition == "hosted")) % 2]
        if not full and shown_in != scheme:
            continue
        widths = WIDTHS if full or edition == "hosted" else (WIDTHS[turn // 2 % 2],)
        context = browser.new_context(viewport={"width": WIDTHS[0], "height": HEIGHT},
                                      color_scheme=scheme)
        page = context.new_page()
        try:
            open_state(page, where.base, state, where.style)
            shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
            assert shown == ("slate" if scheme == "dark" else "default"), state.name
            for width in widths:
                label = f"{edition} {scheme} {width}px {state.name}"
                page.set_viewport_size({"width": width, "height": HEIGHT})
                settle(page)
                if state.search:
                    page.wait_for_timeout(400)  # the search overlay fades in and out
                problems += describe(label, axe(page, where.exclude))
                sideways = page.evaluate("document.documentElement.scrollWidth")
                if sideways > width:
                    problems.append(f"{label}: scrolls sideways ({sideways} px wide)")
        finally:
            context.close()
    assert problems == [], "\n".join(problems)
