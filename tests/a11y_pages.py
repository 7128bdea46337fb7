"""Every kind of page a built site has, found by URL, and axe-core run over them (issue 29).

The page types come from the site itself, not from a list of contents: every URL of
`sitemap.xml` is reduced to its shape (``briefings/{slug}/``, ``actors/{slug}/{year}/``,
``timeline/``, ``about/`` ...), and the first page of each shape is taken. Briefings are told
apart further by what `briefings.json` says of them (plain, with corrections, with several
sources). Then the states that need a reader: the finder empty, filtered and with no result,
search open with results, and the 404 page. A new route, or new content on an existing page
(a map, a chart, a citation block), is in the matrix without touching this file.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from axe_playwright_python.base import AXE_SCRIPT

from generator.site import urls

# Every WCAG A and AA rule up to 2.2, and Deque's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
WIDTHS = (1280, 320)  # desktop, and a phone or 1280 px at 400% zoom (1.4.10 reflow)
SCHEMES = ("light", "dark")
HEIGHT = 900
NO_MATCH = "qqxqqz"  # a word no briefing holds

_YEAR = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class PageState:
    """A page as a reader gets to it: its route, and what to do once it is loaded."""

    name: str
    route: str  # a site route ("briefings/x/", "" for home) or a file ("404.html")
    query: str = ""  # the finder's query string
    search: str = ""  # words to type into the search box

    def path(self, style: urls.UrlStyle) -> str:
        """Its address relative to the site root, in the edition's URL style."""
        where = self.route if self.route.endswith(".html") else urls.href(self.route, style)
        return where + (f"?{self.query}" if self.query else "")


def shape(route: str, editorial: Collection[str] = ()) -> str:
    """A route with its slugs and years replaced: the kind of page it is. ``editorial``
    names the editorial pages' slugs (content/pages/), which are one kind of page."""
    parts = [p for p in route.split("/") if p]
    if not parts:
        return "home"
    if len(parts) == 1 and parts[0] in editorial:
        return "editorial page"
    if len(parts) == 1:
        return f"{parts[0]}/"  # each top-level page is its own kind (index, editorial page)
    kinds = [parts[0]] + ["{year}" if _YEAR.match(p) else "{slug}" for p in parts[1:]]
    return "/".join(kinds) + "/"


def page_states(site: Path, editorial: Collection[str], *,
                search: bool = True) -> list[PageState]:
    """One page of every kind the site has (see the module's docstring); ``editorial``:
    the slugs of the archive's editorial pages."""
    base = urlsplit(_site_url(site)).path
    routes = []
    for loc in ET.parse(site / "sitemap.xml").getroot().iter():
        if loc.tag.endswith("loc") and loc.text:
            routes.append(urlsplit(loc.text).path[len(base):])
    # Top-level pages the sitemap leaves out (the Downloads page)
    routes += sorted(f"{index.parent.name}/" for index in site.glob("*/index.html"))
    briefings = json.loads((site / "briefings.json").read_text("utf-8"))
    states: dict[str, PageState] = {}
    for route in routes:
        kind = shape(route, editorial)
        if kind != "briefings/{slug}/":
            states.setdefault(kind, PageState(kind, route))
    for name, test in (("briefing", lambda b: len(b["sources"]) == 1 and not b.get("corrections")),
                       ("briefing with corrections", lambda b: bool(b.get("corrections"))),
                       ("briefing with several sources", lambda b: len(b["sources"]) > 1)):
        found = next((b for b in briefings if test(b)), None)
        if found is not None:
            states[name] = PageState(name, urls.briefing(found["slug"]))
    if "finder/" in states and briefings:
        first = briefings[0]
        filtered = urlencode([("actor", first["actors"][0]), ("region", first["regions"][0]),
                              ("from", first["date"][:4])])
        states["finder filtered"] = PageState("finder filtered", "finder/", query=filtered)
        states["finder, no results"] = PageState("finder, no results", "finder/",
                                                 query=urlencode({"q": NO_MATCH}))
    if search and briefings:
        word = max(re.findall(r"[A-Za-z]{5,}", briefings[0]["title"]), key=len)
        states["search open"] = PageState("search open", "", search=word.lower())
    if (site / "404.html").exists():
        states["404"] = PageState("404", "404.html")
    return list(states.values())


def _site_url(site: Path) -> str:
    first = ET.parse(site / "sitemap.xml").getroot().find("{*}url/{*}loc")
    assert first is not None and first.text
    return first.text


def open_state(page: Any, base: str, state: PageState, style: urls.UrlStyle) -> None:
    """Load a page state and wait until it is what a reader would see."""
    page.goto(base + state.path(style))
    if state.route == "finder/":
        page.wait_for_selector("#ba-finder-form[data-query]", state="attached")
    if state.search:
        page.keyboard.press("/")
        page.keyboard.type(state.search)
        page.keyboard.press("End")
        page.wait_for_selector(".md-search-result__link")


def axe(page: Any, exclude: list[str] | None = None) -> list[dict[str, Any]]:
    """axe-core's violations of every tag in AXE_TAGS on the page as it is now."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    context = {"exclude": [[s] for s in exclude]} if exclude else "document"
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    script = "([context, options]) => axe.run(context === 'document' ? document : context, options)"
    result: dict[str, Any] = page.evaluate(script, [context, options])
    return list(result["violations"])


def describe(where: str, violations: list[dict[str, Any]]) -> list[str]:
    """One line per violated rule: where, which rule, which elements and why."""
    lines = []
    for v in violations:
        nodes = v["nodes"]
        why = next((check["message"] for check in nodes[0]["any"] + nodes[0]["all"]
                    + nodes[0]["none"]), "") if nodes else ""
        lines.append(f"{where}: {v['id']} ({v['impact']}) on "
                     f"{[n['target'] for n in nodes[:3]]}: {why}")
    return lines
