"""The hosted site's ``_headers`` file: long-lived caching for files whose URL names their
content, for hosts that read one (Netlify, Cloudflare Pages; issue 16).

GitHub Pages ignores the file and sends ``Cache-Control: max-age=600`` for everything; there
a browser asks again (and mostly gets ``304 Not Modified``) after ten minutes.

Which files: Material's own assets whose names carry a content hash
(``bundle.<hash>.min.js``, ``main.<hash>.min.css``), listed by exact path as the render
found them, and the data files the site only ever asks for as ``...?v=<content hash>``
(the search index's shards and records, the finder's data and parts). Everything else
(pages, the search manifest, the theme's own scripts and styles, whose names stay the same
from build to build) keeps the host's default, which revalidates: a rule for ``/*`` would
add a second Cache-Control value to every file the other rules name (both hosts merge
the headers of every rule that matches).
"""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

HEADERS_FILE = "_headers"
FOREVER = "public, max-age=31536000, immutable"
_HASHED = re.compile(r"\.[0-9a-f]{8}\.min\.(js|css)$")
# Asked for only with ?v=<hash> (generator/site/data/searchshards.py, finderdata.py).
VERSIONED = ("search/shards/*", "search/docs/*", "finder/data/*", "finder/data.js")


def headers_text(site_dir: Path, site_url: str) -> str:
    """The rules for the rendered site in ``site_dir``, published under ``site_url``."""
    base = urllib.parse.urlsplit(site_url).path.rstrip("/") + "/"
    assets = site_dir / "assets"
    hashed = sorted(path.relative_to(site_dir).as_posix() for path in assets.rglob("*")
                    if _HASHED.search(path.name)) if assets.is_dir() else []
    lines = ["# Cache rules for hosts that read a _headers file (Netlify, Cloudflare Pages).",
             "# Written by the build; see generator/engine/headers.py. GitHub Pages ignores it."]
    for path in [*hashed, *VERSIONED]:
        lines += ["", base + path, f"  Cache-Control: {FOREVER}"]
    return "\n".join(lines) + "\n"


def write_headers(site_dir: Path, site_url: str) -> None:
    """Write ``_headers`` into a freshly rendered hosted site."""
    (site_dir / HEADERS_FILE).write_text(headers_text(site_dir, site_url), encoding="utf-8")
