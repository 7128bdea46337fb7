"""What the emitters produce: pages (Markdown for the engine) and plain files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from generator.site.edition import Edition
from generator.site.urls import UrlStyle


@dataclass(frozen=True)
class Site:
    """Facts about the published site that pages need (not engine settings)."""

    name: str
    url: str  # absolute base URL ending in '/', for permalinks and feeds
    style: UrlStyle = "directory"
    description: str = ""
    # Where the content's files can be edited: the repository (``repo_url``) and the path of
    # the content folder's editor in it (``edit_uri``, e.g. ``edit/main/content/``).
    repo_url: str = ""
    edit_uri: str = ""
    edition: Edition = Edition.HOSTED  # which reader the pages are for (site/edition.py)
    downloads: bool = False  # the site publishes its offline editions (downloads/)

    def absolute(self, route: str) -> str:
        return self.url + route

    def edit_url(self, file: str) -> str | None:
        """The repository's editor for a file of the content folder (None: no repository)."""
        if not self.repo_url or not self.edit_uri:
            return None
        return f"{self.repo_url.rstrip('/')}/{self.edit_uri.strip('/')}/{file}"

    def view_url(self, file: str, line: int) -> str | None:
        """The file in the repository's viewer, at ``line`` (a registry entry)."""
        edit = self.edit_url(file)
        return None if edit is None else edit.replace("/edit/", "/blob/", 1) + f"#L{line}"

    def report_url(self, page_url: str, title: str) -> str | None:
        """The repository's "report an error" form, naming the page."""
        if not self.repo_url:
            return None
        query = urlencode({"template": "report-error.yml", "page": page_url,
                           "title": f"[Error] {title}"})
        return f"{self.repo_url.rstrip('/')}/issues/new?{query}"


@dataclass(frozen=True)
class Page:
    """One page of the site: its route, title and ready HTML body."""

    route: str
    title: str
    html: str
    kind: str
    description: str = ""
    feed: str | None = None  # route of the page's Atom feed
    feed_title: str = ""  # the feed's name where it is not the page's title
    lastmod: date | None = None
    published: date | None = None  # for articles (briefings): their date
    structured: str = ""  # the page's schema.org JSON-LD, serialised and escaped
    citation_head: str = ""  # ready, escaped citation tags for the head (html/citeblock.py)
    # The page's language where it is not the site's (a BCP 47 tag: <html lang>), and its
    # versions in other languages: (language, route), itself included (hreflang links).
    lang: str = ""
    alternates: tuple[tuple[str, str], ...] = ()
    # Scripts the page needs soon, as links from the page (query included): the head asks
    # for them at once (<link rel="preload">) instead of one after another as found.
    preload: tuple[str, ...] = ()


@dataclass(frozen=True)
class DataFile:
    """A non-page output (feed, export) at a site-relative path."""

    path: str
    content: bytes


# The starter project's settings, which a new archive must replace before it publishes:
# they reach every permalink, citation, feed, share card and "Suggest a correction" link.
PLACEHOLDER_URL = "https://briefings.example.org/"
PLACEHOLDER_REPOSITORY = "github.com/briefing-archive/briefing-archive"


def placeholders(site: Site) -> list[tuple[str, str]]:
    """(setting, what it is) for each starter placeholder a site still carries."""
    found = []
    if site.url.rstrip("/") == PLACEHOLDER_URL.rstrip("/") or ".example." in site.url:
        found.append(("site_url", site.url))
    if PLACEHOLDER_REPOSITORY in site.repo_url:
        found.append(("repo_url", site.repo_url))
    return found
