"""Every output path and URL of the site, in one place.

A page is identified by its *route*: the site-relative folder URL of the
contract (``briefings/<slug>/``). The build tree holds it as a Markdown file;
the site serves it as a folder (hosted) or an ``.html`` file (offline bundle).
Two outputs at one path, also ignoring case, are refused.
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass, field
from typing import Literal

UrlStyle = Literal["directory", "file"]


class PathCollision(Exception):
    """Two outputs would land on the same file (compared case-insensitively)."""


def briefing(slug: str) -> str:
    return f"briefings/{slug}/"


def actor(actor_id: str) -> str:
    return f"actors/{actor_id}/"


def region(region_id: str) -> str:
    return f"regions/{region_id}/"


CORRECTIONS = "corrections/"


def language_feed(language: str, site_language: str) -> str:
    """The feed of the briefings in one language: ``feed.xml`` for the site's language,
    ``feed-<tag>.xml`` for another (``feed-ar.xml``)."""
    return "feed.xml" if language == site_language else f"feed-{language}.xml"


def page(slug: str) -> str:
    """An editorial page (content/pages/<slug>.md)."""
    return f"{slug}/"


def source_path(route: str) -> str:
    """The Markdown file in the build tree's docs folder for a page route."""
    if route == "":
        return "index.md"
    if route.count("/") == 1:  # a top-level section: actors/ -> actors/index.md
        return route + "index.md"
    return route.rstrip("/") + ".md"


def href(route: str, style: UrlStyle) -> str:
    """The site-relative URL of a page route in the given style."""
    if style == "directory" or route.endswith((".xml", ".json", ".csv", ".js", ".ris", ".bib")):
        return route
    if route == "":
        return "index.html"
    if route.count("/") == 1:
        return route + "index.html"
    return route.rstrip("/") + ".html"


def relative(from_route: str, to_route: str, style: UrlStyle) -> str:
    """A relative link from one page to another page or file, as the engine will serve it."""
    here = posixpath.dirname(href(from_route, style)) if style == "file" else from_route.rstrip("/")
    target = href(to_route, style)
    link = _relpath(target, here)
    if style == "directory" and (target.endswith("/") or target == "") and link != ".":
        link += "/"
    return "./" if link == "." else link


def _relpath(target: str, start: str) -> str:
    """``posixpath.relpath`` for site paths, without its getcwd() call (a third of planning)."""
    to, here = _parts(target), _parts(start)
    common = 0
    while common < min(len(to), len(here)) and to[common] == here[common]:
        common += 1
    return "/".join([*[".."] * (len(here) - common), *to[common:]]) or "."


@functools.lru_cache(maxsize=65536)  # the same routes are linked from page after page
def _parts(path: str) -> tuple[str, ...]:
    return tuple(part for part in path.split("/") if part not in ("", "."))


@dataclass
class OutputRegistry:
    """Claims output paths in the build tree; refuses duplicates and escapes."""

    claimed: dict[str, str] = field(default_factory=dict)

    def claim(self, path: str, owner: str) -> str:
        normal = posixpath.normpath(path)
        if normal.startswith(("../", "/")) or normal == ".." or "\\" in path or "\0" in path:
            raise PathCollision(f"{owner}: output path '{path}' lies outside the site folder")
        key = normal.casefold()
        if key in self.claimed:
            raise PathCollision(f"{owner}: output path '{normal}' is already used by "
                                f"{self.claimed[key]}")
        self.claimed[key] = owner
        return normal
