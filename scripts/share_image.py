"""Make the site's default share image, theme/assets/images/share.png (1200 x 630), once.

Run by hand after changing the site's name or colours:
``.venv/bin/python scripts/share_image.py``. Headless Chromium draws a small HTML card
(the favicon's mark, the site's name and description from mkdocs.yml) and saves a PNG;
the file is checked in, and no page gets an image of its own.
"""

from __future__ import annotations

import html
from pathlib import Path

import yaml
from harness import launch_chromium
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "theme" / "assets" / "images" / "share.png"
MARK = (ROOT / "theme" / "assets" / "favicon.svg").read_text("utf-8")

CARD = """<!doctype html><meta charset="utf-8"><style>
  html, body {{ margin: 0; width: 1200px; height: 630px; }}
  body {{ background: #37474f; color: #fff; font-family: "DejaVu Sans", sans-serif;
         display: flex; flex-direction: column; justify-content: center; padding: 0 90px;
         box-sizing: border-box; border-bottom: 18px solid #ff6e40; }}
  svg {{ width: 120px; height: 120px; margin-bottom: 40px; }}
  h1 {{ font-size: 86px; margin: 0 0 24px; letter-spacing: -1px; }}
  p {{ font-size: 34px; line-height: 1.35; margin: 0; color: #cfd8dc; max-width: 980px; }}
</style>{mark}<h1>{name}</h1><p>{description}</p>"""


def main() -> None:
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # mkdocs' !ENV
    settings = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=Loader)
    card = CARD.format(mark=MARK, name=html.escape(settings["site_name"]),
                       description=html.escape(settings.get("site_description", "")))
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1200, "height": 630})
        page.set_content(card)
        page.screenshot(path=str(OUTPUT))
        browser.close()
    print(f"wrote {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
