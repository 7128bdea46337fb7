"""What goes into the ZIM: the Kiwix edition's files as entries with title, MIME type and
index text.

Every file of the built Kiwix edition becomes an entry at its path in the site
(``index.html``, ``briefings/<slug>.html``, ``assets/...``), so the pages' relative links
work inside Kiwix unchanged. HTML pages take their title from ``<title>`` (without the
site name). Briefing, actor and region pages are front articles (Kiwix lists and
suggests them) and the only pages in the full-text index: a briefing with its article
text plus every name and alias of its actors and regions, so a search for any alias finds
the briefing itself; an actor or region page with its head (name, aliases, facts,
description), not the lists of briefings it repeats. Overviews (home, timeline, the
indexes of actors and regions) would only repeat titles and names, so they stay out of
the index, which keeps results to the pages a reader looks for and the file small.
"""

from __future__ import annotations

import functools
import html
import mimetypes
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import lxml.html

from generator.content.model import Archive
from generator.editions.packaged import packaged_files
from generator.site import urls
from generator.site.edition import Edition

__all__ = ["Indexing", "SiteEntry", "briefing_keywords", "entries", "fold_as_libzim",
           "index_text", "index_words",
           "mime_type"]

# Types by suffix, where Python's table is missing or varies between systems.
MIME_TYPES = {
    ".html": "text/html", ".css": "text/css", ".js": "application/javascript",
    ".json": "application/json", ".csv": "text/csv", ".svg": "image/svg+xml",
    ".png": "image/png", ".ico": "image/x-icon", ".woff": "font/woff", ".woff2": "font/woff2",
    ".txt": "text/plain",
    ".ris": "application/x-research-info-systems", ".bib": "application/x-bibtex",
}
FEED_NAME = "feed.xml"  # every Atom feed of the site is called this
FRONT_FOLDERS = ("briefings/", "actors/", "regions/")
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


# What of a page goes into the full-text index: all its text (a briefing), its head (an
# actor's or region's page), or nothing.
Indexing = Literal["page", "head", "none"]


@dataclass(frozen=True)
class SiteEntry:
    """One file of the edition as a ZIM entry."""

    path: str
    file: Path
    title: str
    mime: str
    front: bool  # a front article: listed, suggested, counted as an article
    index: Indexing = "none"
    keywords: str = ""  # more words to index (a briefing's names and aliases)


def entries(site_dir: Path, site_name: str, keywords: dict[str, str]) -> Iterator[SiteEntry]:
    """Every file of the built edition in ``site_dir`` to put in the ZIM, sorted by path.

    ``keywords``: more index words by page path (see :func:`briefing_keywords`).
    """
    for name, file in packaged_files(site_dir, Edition.KIWIX):
        mime = mime_type(name)
        title = _page_title(file, site_name) if mime == "text/html" else ""
        front = mime == "text/html" and name.startswith(FRONT_FOLDERS) and name.count("/") == 1
        index: Indexing = "none"
        if front and name.rsplit("/", 1)[-1] != "index.html":
            index = "page" if name.startswith("briefings/") else "head"
        yield SiteEntry(name, file, title, mime, front, index, keywords.get(name, ""))


def mime_type(name: str) -> str:
    """The MIME type Kiwix should serve ``name`` with."""
    if name.rsplit("/", 1)[-1] == FEED_NAME:
        return "application/atom+xml"
    suffix = Path(name).suffix.lower()
    if suffix in MIME_TYPES:
        return MIME_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(name, strict=False)
    return guessed or "application/octet-stream"


def _page_title(file: Path, site_name: str) -> str:
    """The page's ``<title>`` as text, without the " - site name" every page but home has."""
    found = _TITLE.search(_head(file))
    if found is None:
        return ""
    title = html.unescape(" ".join(found.group(1).split()))
    suffix = f" - {site_name}"
    return title[: -len(suffix)] if title.endswith(suffix) and title != suffix else title


TITLE_SEARCH_LIMIT = 1 << 20  # bytes of a page read for its <title>: a long head (CSP, share
# cards, JSON-LD) pushed it past the 8 KB read before, and the entry was titled by its path


def _head(file: Path) -> str:
    """The page up to its ``</title>`` (at most TITLE_SEARCH_LIMIT bytes), as text."""
    read = b""
    with file.open("rb") as handle:
        while len(read) < TITLE_SEARCH_LIMIT:
            chunk = handle.read(65536)
            if not chunk:
                break
            read += chunk
            if b"</title>" in read:
                break
    return read.decode("utf-8", "replace")


def briefing_keywords(archive: Archive) -> dict[str, str]:
    """Each briefing page's path in the edition with its actors' and regions' names and
    aliases, space-separated (the index words libzim adds to the page's text)."""
    return {urls.href(urls.briefing(b.slug), "file"): " ".join(dict.fromkeys(archive.names(b)))
            for b in archive.briefings}


def fold_as_libzim(text: str) -> str:
    """``text`` as libzim 9 folds what it indexes and every query: lower case, no accents
    (ICU's "Lower; NFD; [:M:] remove; NFC"). Not the site's own folding for readers
    (``site/folding.py``): this one must match libzim's, letter for letter. Index words
    given to libzim must come folded: only its own reading of a page folds them.

    Word by word, each distinct word folded once: no step crosses a space (lower case's
    final sigma looks only at letters, and nothing composes with or reorders around a
    space), so the result is the whole text's, at a fraction of the time (a briefing's
    index text repeats its words; ASCII text is only lowered)."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    return _WORD.sub(lambda word: _fold_word(word.group()), lowered)


_WORD = re.compile(r"\S+")


@functools.lru_cache(maxsize=1 << 16)
def _fold_word(word: str) -> str:
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFD", word)
    kept = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
    return unicodedata.normalize("NFC", kept)


def index_words(text: str) -> str:
    """``text`` folded, then each word that folding changes as written: readers built on
    libzim 8 (kiwix-serve 3.3 in Debian bookworm) do not fold queries, so "Зеленський"
    must be in the index with its breve too."""
    folded = fold_as_libzim(text)
    if text.isascii():
        return folded
    changed = dict.fromkeys(w for w in text.lower().split() if _fold_word(w) != w)
    return " ".join([folded, *changed])


def index_text(file: Path, head_only: bool = False) -> str:
    """A page's article text for the full-text index: the words a reader sees in it; with
    ``head_only``, only what comes before its first section heading."""
    tree = lxml.html.fromstring(_articles(file.read_bytes()))
    briefing = tree.xpath(f"//article[{_CLASS.format('ba-briefing')}]")
    if briefing:
        return _briefing_text(briefing[0])
    articles = tree.xpath("//article") or [tree]
    article = articles[0]
    for junk in article.xpath(".//script|.//style|.//*[@class='headerlink']"):
        junk.drop_tree()
    if head_only:
        for heading in article.xpath(".//h2[1]"):
            for later in [*heading.itersiblings()]:
                later.drop_tree()
            heading.drop_tree()
    return " ".join(article.text_content().split())


def _articles(page: bytes) -> bytes | str:
    """The part of a page that holds its articles, as text (a fragment has no charset to
    read), or the whole page if it has none: the header and navigation around them are
    three quarters of a page, and parsing them took most of the index's reading."""
    start, end = page.find(b"<article"), page.rfind(b"</article>")
    if start < 0 or end < start:
        return page
    return page[start:end + len(b"</article>")].decode("utf-8")


_CLASS = "contains(concat(' ', normalize-space(@class), ' '), ' {} ')"
# What a reader searches a briefing for, in the order the index (and kiwix-serve's result
# snippet, taken from the indexed text) should show it: the summary first, then the title,
# the facts (date, regions, actors) and the sources. Not the page's furniture: the
# navigation, "Suggest a correction", related briefings, the permalink, the citation and its
# BibTeX, which made every result's snippet "@misc{..." or the navigation bar.
_BRIEFING_PARTS = ("ba-body", None, "ba-facts", "ba-sources")


def _briefing_text(article: lxml.html.HtmlElement) -> str:
    parts = []
    for name in _BRIEFING_PARTS:
        found = article.xpath("./h1" if name is None else f"./*[{_CLASS.format(name)}]")
        for element in found:
            for junk in element.xpath(".//script|.//style|.//*[@class='headerlink']"):
                junk.drop_tree()
            parts.append(" ".join(element.text_content().split()))
    return " ".join(part for part in parts if part)
