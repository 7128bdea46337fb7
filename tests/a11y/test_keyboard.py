"""Keyboard alone, in both colour schemes (issue 29): what axe-core cannot check.

Tab goes through a briefing page and the finder in document order, reaching every control,
each with a visible focus indicator that the sticky header never covers (2.4.7, 2.4.11); the
finder is worked with keys only (an actor, a region, dates, the count read, clear) and it
announces its count in a polite live region without ever moving the focus (4.1.3).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

pytestmark = pytest.mark.browser

# Where focus is now: what it is, where it is drawn, whether its indicator shows, whether the
# sticky header covers it, and its place in the document among all focusable elements.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const r = el.getBoundingClientRect();
  // A visually hidden input (Material's scheme toggle) shows its focus on the label after it.
  const label = el.parentElement && [...el.parentElement.querySelectorAll("label")]
    .find(l => l.getBoundingClientRect().width > 0);
  const shown = el.tagName === "INPUT" && r.width <= 1 && label ? label : el;
  const style = getComputedStyle(shown);
  const r2 = shown.getBoundingClientRect();
  const header = document.querySelector(".md-header");
  const bottom = header ? header.getBoundingClientRect().bottom : 0;
  const inHeader = !!el.closest(".md-header, .md-tabs, .md-search");
  const all = [...document.querySelectorAll(FOCUSABLE)];
  return {
    tag: el.tagName.toLowerCase(), text: (el.innerText || el.value || el.name || "").trim()
      .slice(0, 40), index: all.indexOf(el), inHeader: inHeader,
    top: r2.top, bottom: r2.bottom, width: r2.width, height: r2.height,
    covered: !inHeader && r2.top < bottom - 1,
    indicator: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
      || style.boxShadow !== "none",
  };
}""".replace("FOCUSABLE", json.dumps(
    "a[href], button:not([disabled]), input:not([disabled]), select, textarea, summary, "
    "[tabindex]:not([tabindex='-1'])"))

# Every control a keyboard user should reach: visible and focusable.
REACHABLE = """() => [...document.querySelectorAll(
  "main a[href], main button:not([disabled]), main input:not([disabled]), main select")]
  .filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== "hidden"
    && !el.closest("[hidden], [inert]"))
  .map(el => (el.innerText || el.value || el.name || el.id).trim().slice(0, 40))"""


@pytest.fixture(params=["light", "dark"])
def tab(request: pytest.FixtureRequest, browser: Any) -> Iterator[Any]:
    # Reduced motion: each stop is measured at once, not halfway through a fade.
    context = browser.new_context(viewport={"width": 1280, "height": 800},
                                  color_scheme=request.param, locale="en-US",
                                  reduced_motion="reduce")
    page = context.new_page()
    yield page
    context.close()


def walk(page: Any, limit: int = 400) -> list[dict[str, Any]]:
    """Press Tab from the top of the page until focus leaves it; every stop on the way."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); "
                  "window.scrollTo(0, 0); }")
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        if stop is None or (stops and stop["index"] <= stops[-1]["index"]
                            and stop["index"] == stops[0]["index"]):
            break
        stops.append(stop)
    return stops


def check_stops(stops: list[dict[str, Any]]) -> list[str]:
    problems = []
    for n, stop in enumerate(stops):
        name = f"stop {n} <{stop['tag']}> {stop['text']!r}"
        if not stop["indicator"]:
            problems.append(f"{name}: no visible focus indicator")
        if stop["covered"]:
            problems.append(f"{name}: under the sticky header (top {stop['top']:.0f})")
        if stop["width"] == 0 or stop["height"] == 0:
            problems.append(f"{name}: focus on something not drawn")
    order = [s["index"] for s in stops]
    if order != sorted(order):
        problems.append(f"focus does not follow the document's order: {order}")
    return problems


def test_tab_walks_a_briefing_in_order_with_focus_visible_and_never_covered(
        tab: Any, a11y_url: str) -> None:
    tab.goto(a11y_url + "briefings/exodus-of-karabakh-armenians/")
    stops = walk(tab)
    assert len(stops) > 20
    problems = check_stops(stops)
    assert problems == [], "\n".join(problems)
    reached = {s["text"] for s in stops}
    missed = [t for t in tab.evaluate(REACHABLE) if t and t not in reached]
    assert missed == [], f"not reachable by Tab: {missed}"
    # Operable: Enter on an actor's link (reached above) opens the actor's page.
    tab.locator("main .ba-facts a[href*='actors/']").first.focus()
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/actors/*/")


def status(page: Any) -> str:
    return str(page.locator("#ba-finder-status").inner_text())


def test_the_finder_works_by_keyboard_and_announces_its_count_politely(
        tab: Any, a11y_url: str) -> None:
    tab.goto(a11y_url + "finder/")
    tab.wait_for_selector("#ba-finder-form[data-query]", state="attached")
    live = tab.locator("#ba-finder-status")
    assert live.get_attribute("aria-live") == "polite" and live.get_attribute("role") == "status"
    everything = status(tab)
    stops = walk(tab)
    problems = check_stops(stops)
    assert problems == [], "\n".join(problems)

    def tab_to(selector: str) -> None:
        """Tab from where focus is until it lands on ``selector`` (never clicked)."""
        for _ in range(200):
            tab.keyboard.press("Tab")
            if tab.evaluate("s => document.activeElement.matches(s)", selector):
                stop = tab.evaluate(FOCUSED)
                assert stop["indicator"] and not stop["covered"], stop
                return
        raise AssertionError(f"Tab never reached {selector}")

    def changed(before: str, selector: str) -> str:
        """The count changed, and the focus stayed where the reader put it."""
        tab.wait_for_function("([s, b]) => document.getElementById('ba-finder-status')"
                              ".textContent !== b && document.activeElement.matches(s)",
                              arg=[selector, before])
        tab.wait_for_selector("#ba-finder-form[data-query]", state="attached")
        assert tab.evaluate("s => document.activeElement.matches(s)", selector)
        return status(tab)

    # From the top of the page again, in the form's order: a region (the arrow key picks the
    # next option), dates (typed, en-US: month, day, year), an actor (Space ticks it).
    tab.reload()
    tab.wait_for_selector("#ba-finder-form[data-query]", state="attached")
    tab_to("#ba-finder-region")
    tab.keyboard.press("ArrowDown")
    with_region = changed(everything, "#ba-finder-region")
    tab_to("#ba-finder-from")
    tab.keyboard.type("01012021")
    from_date = changed(with_region, "#ba-finder-from")
    tab_to("#ba-finder-to")
    tab.keyboard.type("12312023")
    to_date = changed(from_date, "#ba-finder-to")
    first_actor = "#ba-finder-actors input[type=checkbox]"
    tab_to(first_actor)
    tab.keyboard.press("Space")
    count = changed(to_date, first_actor)
    assert "briefing" in count and count != everything
    assert "actor=" in tab.url and "region=" in tab.url and "from=2021-01-01" in tab.url
    # Clear: Tab on to "Clear all", Enter.
    tab_to("a.md-button")
    assert tab.evaluate("document.activeElement.textContent") == "Clear all"
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/finder/")
    tab.wait_for_selector("#ba-finder-form[data-query]", state="attached")
    assert status(tab) == everything
