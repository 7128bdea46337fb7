"""A link check for a site opened from disk: every reference must be a file of the site.

Used by the offline bundle's tests (and handy on any unzipped bundle):
``page_problems(root, "briefings/x.html")`` lists every reference of the page that leads
to no file under ``root``, would not work from ``file://`` (absolute paths, other schemes),
or makes the browser fetch something remote (scripts, styles, fonts, images, frames; links
a reader may follow are fine).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


# Where a reference from an element makes the browser fetch it (an <a> link does not,
# nor a canonical link; Material even fetches a sitemap next to every rel=alternate link).
def _is_fetched(tag: str, attrs: dict[str, str]) -> bool:
    if tag == "a":
        return False
    return not (tag == "link" and attrs.get("rel", "").split() == ["canonical"])


class _References(HTMLParser):
    """Every (tag, attributes, URL) of one page's href/src/srcset/data/poster attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str], str]] = []
        self.styles: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag: str, attr_list: list[tuple[str, str | None]]) -> None:
        attrs = {name: value or "" for name, value in attr_list}
        self.in_style = tag == "style"
        self.styles.append(attrs.get("style", ""))
        for name in ("href", "src", "data", "poster"):
            if name in attrs:
                self.found.append((tag, attrs, attrs[name].strip()))
        for candidate in attrs.get("srcset", "").split(","):
            if candidate.strip():
                self.found.append((tag, attrs, candidate.split()[0]))

    def handle_data(self, data: str) -> None:
        if self.in_style:
            self.styles.append(data)

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False


REMOTE_IN_CSS = re.compile(r"""(?:url\(\s*["']?|@import\s+["']?)\s*(?:https?:)?//""", re.I)


def page_problems(root: Path, page: str) -> Iterator[str]:
    """Every reference of ``page`` (a path under ``root``) that breaks from disk."""
    parser = _References()
    parser.feed((root / page).read_text(encoding="utf-8"))
    for tag, attrs, url in parser.found:
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") or url.startswith("//"):
            if _is_fetched(tag, attrs):
                yield f"{page}: <{tag}> loads a remote {url}"
        elif parts.scheme in ("mailto", "data") and tag != "script":
            continue
        elif parts.scheme or url.startswith("/"):
            yield f"{page}: <{tag}> {url} does not work from file://"
        elif parts.path:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page),
                                                       unquote(parts.path)))
            if target == ".." or target.startswith("../") or not (root / target).is_file():
                yield f"{page}: <{tag}> {url} leads to no file of the bundle"
    if any(REMOTE_IN_CSS.search(style) for style in parser.styles):
        yield f"{page}: an inline style loads something remote"
