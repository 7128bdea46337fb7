"""What a reader sees in a real browser: search, and accessibility of every page type."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from conftest import wait_for_search_results

pytestmark = pytest.mark.browser

PAGE_TYPES = {
    "home": "",
    "briefing": "briefings/offensive/",
    "actors": "actors/",
    "actor": "actors/nikol-pashinyan/",
    "regions": "regions/",
    "region": "regions/nagorno-karabakh/",
    "timeline": "timeline/",
    "finder": "finder/",
    "not found": "404.html",
}


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


def search(page: Any, site_url: str, start: str, query: str) -> list[str]:
    """Type a query into Material's search box; return the result links' paths."""
    page.goto(site_url + start)
    page.keyboard.press("/")
    page.keyboard.type(query)
    wait_for_search_results(page, query)
    links = page.eval_on_selector_all(".md-search-result__link",
                                      "els => els.map(e => new URL(e.href).pathname)")
    return list(links)


def test_search_finds_briefings_by_body_text(page: Any, site_url: str) -> None:
    assert "/briefings/donbas-shelling/" in search(page, site_url, "actors/", "water station")


def test_search_finds_briefings_by_an_alias_no_text_uses(page: Any, site_url: str) -> None:
    """'Зеленський' is only an alias in actors.yml; no briefing's text uses it."""
    assert "/briefings/donbas-shelling/" in search(page, site_url, "briefings/offensive/",
                                                   "Зеленський")
    results = search(page, site_url, "", "Artsakh")
    assert {"/briefings/offensive/", "/briefings/ceasefire/"} <= set(results)


def test_search_results_rank_briefings_before_listing_pages(page: Any, site_url: str) -> None:
    results = search(page, site_url, "", "Pashinian")
    assert results[0].startswith(("/briefings/", "/actors/nikol-pashinyan/"))
    assert "/timeline/" not in results and "/" not in results


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_no_serious_accessibility_violations(page: Any, site_url: str, name: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_url + PAGE_TYPES[name])
    violations = Axe().run(page).response["violations"]
    serious = [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations
               if v["impact"] in ("serious", "critical")]
    assert serious == []


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_both_colour_schemes_stay_readable(page: Any, site_url: str, scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_url + "briefings/offensive/")
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    page.wait_for_timeout(500)  # Material fades colours (CSS transitions); measure once settled
    contrast = [v for v in Axe().run(page).response["violations"] if v["id"] == "color-contrast"]
    assert contrast == []


def test_phone_width_has_no_horizontal_scroll(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    tab = context.new_page()
    for path in ("briefings/offensive/", "actors/nikol-pashinyan/", "regions/"):
        tab.goto(site_url + path)
        width = tab.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, path
    context.close()
