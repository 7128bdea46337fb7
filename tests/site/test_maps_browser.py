"""The maps and charts in headless Chromium: the same pixels hosted, from the offline zip
(file://) and through kiwix-serve, with JavaScript off and no console error or policy
violation; axe finds nothing serious on the pages that carry them, in both schemes."""

from __future__ import annotations

import shutil
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURE, ROOT
from harness import serve_zim

from generator.editions.bundle import make_bundle

pytestmark = pytest.mark.browser
CONFIG = ROOT / "mkdocs.yml"
# route -> the offline (file) route
PAGES = {"regions/": "regions/index.html", "regions/armenia/": "regions/armenia.html",
         "actors/nikol-pashinyan/": "actors/nikol-pashinyan.html",
         "timeline/": "timeline/index.html"}
PICTURES = "svg.ba-map, svg.ba-chart"


def _shots(browser: Any, url: str) -> tuple[list[bytes], list[str]]:
    """Screenshots of every map and chart of the page at ``url``, JavaScript off; and every
    console error, page error and failed request."""
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  java_script_enabled=False)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.goto(url)
    pictures = page.locator(PICTURES)
    shots = [pictures.nth(i).screenshot() for i in range(pictures.count())]
    context.close()
    return shots, problems


def _pixels(png: bytes) -> tuple[int, int, bytes]:
    """Width, height and RGB(A) rows of a PNG as Chromium writes it (8-bit, no interlace)."""
    width, height, depth, colour = struct.unpack(">IIBB", png[16:26])
    assert depth == 8 and colour in (2, 6)
    data, at = b"", 8
    while at < len(png):
        length, kind = struct.unpack(">I4s", png[at:at + 8])
        if kind == b"IDAT":
            data += png[at + 8:at + 8 + length]
        at += 12 + length
    raw, size = zlib.decompress(data), 3 if colour == 2 else 4
    stride, rows, previous = width * size, bytearray(), bytearray(width * size)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - size] if i >= size else 0
            up, corner = previous[i], previous[i - size] if i >= size else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                near = min((abs(p - left), 0, left), (abs(p - up), 1, up),
                           (abs(p - corner), 2, corner))[2]
                line[i] = (line[i] + near) & 255
        rows += line
        previous = line
    return width, height, bytes(rows)


def _differing_pixels(a: bytes, b: bytes) -> float:
    """The share of pixels that differ by more than a little, or 1 for another size."""
    wa, ha, pa = _pixels(a)
    wb, hb, pb = _pixels(b)
    if (wa, ha) != (wb, hb) or len(pa) != len(pb):
        return 1.0
    size = len(pa) // (wa * ha)
    differ = sum(1 for i in range(0, len(pa), size)
                 if max(abs(pa[i + c] - pb[i + c]) for c in range(3)) > 48)
    return differ / (wa * ha)


@pytest.fixture(scope="module")
def offline_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("maps-bundle")
    zip_path = make_bundle(FIXTURE, work / "offline.zip", CONFIG, build_dir=work / ".build")
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(work / "unzipped")
    (top,) = (work / "unzipped").iterdir()
    return top


@pytest.fixture(scope="module")
def kiwix_folder(fixture_zim: Path) -> Iterator[str]:
    """The session's fixture ZIM served by kiwix-serve: its book's folder."""
    with serve_zim(fixture_zim) as (_base, folder):
        yield folder


@pytest.mark.kiwix
@pytest.mark.skipif(shutil.which("kiwix-serve") is None, reason="make kiwix installs it")
@pytest.mark.parametrize("route", PAGES)
def test_pictures_render_the_same_hosted_offline_and_in_kiwix(
        browser: Any, site_url: str, offline_root: Path, kiwix_folder: str, route: str) -> None:
    hosted, hosted_problems = _shots(browser, site_url + route)
    offline, offline_problems = _shots(browser, (offline_root / PAGES[route]).as_uri())
    kiwix, kiwix_problems = _shots(browser, kiwix_folder + PAGES[route])
    assert hosted, f"{route}: no map or chart"
    assert hosted == offline  # the same pixels
    # kiwix-serve puts its toolbar above the page, which can move it by a fraction of a
    # pixel: the same picture then differs only in the anti-aliasing of a few edges.
    assert len(kiwix) == len(hosted)
    for ours, theirs in zip(hosted, kiwix, strict=True):
        assert _differing_pixels(ours, theirs) <= 0.01
    assert hosted_problems == offline_problems == kiwix_problems == []


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("route", PAGES)
def test_pages_with_pictures_pass_axe_in_both_schemes(browser: Any, site_url: str, route: str,
                                                      scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + route)
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    page.wait_for_timeout(500)  # Material fades colours; measure once settled
    violations = Axe().run(page).response["violations"]
    context.close()
    found = [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations
             if v["impact"] in ("serious", "critical")]
    assert found == []


def test_map_links_stay_links_and_are_named(browser: Any, site_url: str) -> None:
    """No role="img" hides them: the accessibility tree has each region's link by name."""
    page = browser.new_page()
    page.goto(site_url + "regions/")
    assert page.locator("svg.ba-map[role]").count() == 0
    link = page.get_by_role("link", name="Armenia: 1 briefing").first
    assert link.count() == 1
    link.focus()
    link.press("Enter")
    page.wait_for_load_state()
    assert page.url.endswith("/regions/armenia/")
    page.close()

