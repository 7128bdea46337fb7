"""Draw the ZIM's 48x48 illustration from the site's logo with headless Chromium.

    .venv/bin/python scripts/illustration.py   # writes generator/editions/illustration-48.png

Run it after changing theme/assets/favicon.svg; tests/editions/test_zim.py fails until the
checked-in PNG is drawn from the current logo. Chromium is no dependency of a build, so the
PNG is checked in rather than drawn at build time.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from harness import launch_chromium

ROOT = Path(__file__).resolve().parent.parent
LOGO = ROOT / "theme" / "assets" / "favicon.svg"
ILLUSTRATION = ROOT / "generator" / "editions" / "illustration-48.png"
SIZE = 48


def draw(browser: Any, logo: Path = LOGO) -> bytes:
    """The logo drawn at 48x48 on a transparent background by ``browser`` (Playwright's
    Chromium), as PNG bytes."""
    svg = logo.read_text("utf-8").replace("<svg ", f'<svg width="{SIZE}" height="{SIZE}" ', 1)
    page = browser.new_page(viewport={"width": SIZE, "height": SIZE})
    try:
        page.set_content(f'<body style="margin:0">{svg}</body>')
        return bytes(page.screenshot(omit_background=True))
    finally:
        page.close()


def main() -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            ILLUSTRATION.write_bytes(draw(browser))
        finally:
            browser.close()
    print(ILLUSTRATION.relative_to(ROOT), file=sys.stderr)


if __name__ == "__main__":
    main()
