"""What the emitters produce: pages (Markdown for the engine) and plain files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator.site.urls import UrlStyle


@dataclass(frozen=True)
class Site:
    """Facts about the published site that pages need (not engine settings)."""

    name: str
    url: str  # absolute base URL ending in '/', for permalinks and feeds
    style: UrlStyle = "directory"
    kiwix: bool = False  # pages for the Kiwix edition: searching is the reader's
    downloads: bool = False  # the site publishes its offline editions (downloads/)

    def absolute(self, route: str) -> str:
        return self.url + route


@dataclass(frozen=True)
class Page:
    """One page of the site: its route, title and ready HTML body."""

    route: str
    title: str
    html: str
    kind: str
    description: str = ""
    feed: str | None = None  # route of the page's Atom feed
    lastmod: date | None = None


@dataclass(frozen=True)
class DataFile:
    """A non-page output (feed, export) at a site-relative path."""

    path: str
    content: bytes
