"""The theme's icons drawn once by a stylesheet, not copied into every page (issue 25).

Material writes each icon as inline SVG into every page (4.4 kB of a 27 kB briefing page);
``scripts/icons.py`` puts empty stubs over Material's icons and draws them as CSS masks
from ``assets/stylesheets/icons.css``. These tests read the built fixture site and one
page in Chromium: every icon a page shows is a stub the stylesheet draws, and none is left
inline.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import icons
import pytest


def test_the_stubs_and_the_stylesheet_are_what_materials_icons_give() -> None:
    assert icons.main(["--check"]) == 0


def chrome_of(page: str) -> str:
    """A page without its content (the maps and charts are inline SVG of their own)."""
    return re.sub(r'<div class="md-content".*?</article>', "", page, flags=re.DOTALL)


@pytest.mark.parametrize("route", ["briefings/offensive/index.html", "index.html",
                                   "finder/index.html", "regions/index.html", "404.html"])
def test_pages_show_icons_only_as_stubs_the_stylesheet_draws(built_site: Path,
                                                             route: str) -> None:
    page = (built_site / route).read_text("utf-8")
    drawn = set(re.findall(r"^\.(ba-icon--[\w-]+) \{$",
                           (built_site / "assets/stylesheets/icons.css").read_text("utf-8"),
                           flags=re.MULTILINE))
    svgs = re.findall(r"<svg[^>]*>.*?</svg>", chrome_of(page), flags=re.DOTALL)
    assert svgs, route
    for svg in svgs:
        match = re.fullmatch(r'<svg class="ba-icon (ba-icon--[\w-]+)" viewBox="[\d ]+"></svg>', svg)
        assert match, svg[:120]
        assert match.group(1) in drawn
    assert "assets/stylesheets/icons.css" in page


@pytest.mark.browser
def test_each_icon_is_drawn_in_the_text_colour_at_materials_size(browser: Any,
                                                                 site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(site_url + "briefings/offensive/")
    drawn = tab.evaluate("""() => [...document.querySelectorAll('.md-header svg.ba-icon')]
      .filter(svg => svg.checkVisibility()).map(svg => {
        const style = getComputedStyle(svg);
        const box = svg.getBoundingClientRect();
        return [svg.getAttribute('class'), style.maskImage.slice(0, 30),
                style.backgroundColor === style.color, Math.round(box.height)];
      })""")
    context.close()
    # the logo, the palette toggle, the search box's magnifier, the repository's icon
    assert len(drawn) >= 4
    for name, mask, filled, height in drawn:
        assert mask.startswith('url("data:image/svg+xml'), name
        assert filled and height >= 16, name  # Material's sizes: 0.9-1.2rem
    assert ["ba-icon ba-icon--material-newspaper-variant-multiple-outline", 24] in [
        [name, height] for name, _mask, _filled, height in drawn]
