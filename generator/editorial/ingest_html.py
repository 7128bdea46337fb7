"""A news page saved as HTML: trafilatura finds the article and reads the markup.

trafilatura (with precision favoured) returns the article's paragraphs without
navigation, cookie banners, share buttons and related links, and the markup's
title, site name, canonical URL, author and date. Dates come only from the
markup's structured fields (no "extensive" guessing from loose text) or, failing
that, from a complete date written near the title in the visible page. The
visible page, read as lines, also serves to find bylines and site furniture.
"""

from __future__ import annotations

import re
from datetime import date

import lxml.etree
import lxml.html
import trafilatura

from generator.editorial import outlets
from generator.editorial.ingest_facts import Markup
from generator.editorial.ingest_text import PageText, analyse, classify, is_headline, lines_of

_DROP = {"script", "style", "noscript", "template", "svg", "head", "iframe", "button", "form",
         "select", "option", "input", "textarea"}
_BLOCK = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "header", "footer",
          "section", "article", "aside", "nav", "main", "figure", "figcaption", "blockquote",
          "table", "tr", "td", "th", "br", "hr", "dl", "dt", "dd", "address", "time", "pre"}


def read_html(html: str) -> tuple[PageText, Markup]:
    """The article and its surroundings, and what the markup states."""
    document = trafilatura.bare_extraction(
        html, with_metadata=True, favor_precision=True, include_comments=False,
        include_tables=False, include_images=False,
        date_extraction_params={"extensive_search": False, "original_date": True})
    visible = analyse("\n".join(visible_lines(html)))
    if not isinstance(document, trafilatura.settings.Document):
        return visible, Markup()
    markup = _markup(document)
    title = _title(html, markup) or visible.title
    body = _clean_body(str(document.text or ""), title)
    page = PageText(title, body or visible.body, visible.header, visible.tail,
                    visible.furniture)
    return page, markup


def _title(html: str, markup: Markup) -> str | None:
    """The headline: the page's one visible <h1> where it reads as a headline (markup
    titles are often cut short for search engines, or carry a section and the site's
    name); where the page has several, the one the markup's title agrees with."""
    try:
        root = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return markup.title
    found = [" ".join(h.text_content().split()) for h in root.iter("h1")]
    site = (markup.site or "").casefold()
    headlines = [h for h in found if is_headline(h) and not outlets.by_name(h)
                 and h.casefold() != site]  # a logo in an <h1> is no headline
    wanted = (markup.title or "").casefold()
    agreeing = [h for h in headlines if wanted and (h.casefold() in wanted
                                                    or wanted in h.casefold())]
    if len(headlines) == 1:
        return headlines[0]
    return agreeing[0] if agreeing else markup.title


def visible_lines(html: str) -> list[str]:
    """The page as a reader sees it, one block element per line; scripts and forms left out."""
    try:
        root = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return lines_of(re.sub(r"<[^>]+>", "\n", html))
    parts: list[str] = []
    skipping = 0
    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _DROP:
            skipping += 1 if event == "start" else -1
            if event == "end" and skipping == 0 and element.tail:
                parts.append(element.tail)
            continue
        if skipping or not tag:
            continue
        if tag in _BLOCK:
            parts.append("\n")
        if event == "start" and element.text:
            parts.append(element.text)
        if event == "end":
            parts.append(" ")
            if element.tail:
                parts.append(element.tail)
    return lines_of("".join(parts))


def _markup(document: trafilatura.settings.Document) -> Markup:
    site = str(document.sitename or "") or None
    url = str(document.url or "") or None
    title = _strip_site(str(document.title or ""), site, url) or None
    published = None
    if document.date:
        try:
            published = date.fromisoformat(str(document.date)[:10])
        except ValueError:
            published = None
    site_name = outlets.canonical(site) if site else (
        outlets.site_from_domain(outlets.host_of(url)) if url else None)
    return Markup(title, published, site_name, url, str(document.author or "") or None)


def _strip_site(title: str, site: str | None, url: str | None) -> str:
    """"Headline | Section | Site" -> "Headline", where the trailing parts name the site."""
    names = {n.casefold() for n in (site, outlets.site_from_domain(outlets.host_of(url or "")))
             if n}
    parts = re.split(r"\s+[|–—-]\s+", title)
    if len(parts) == 1:
        return title.strip()
    while len(parts) > 1 and (parts[-1].casefold() in names or outlets.by_name(parts[-1])):
        parts.pop()
        if len(parts) > 1 and len(parts[-1].split()) <= 3:
            parts.pop()  # a section name between headline and site ("Conflict News")
    return title.strip() if len(parts) == len(re.split(r"\s+[|–—-]\s+", title)) else \
        " - ".join(parts).strip()


def _clean_body(text: str, title: str | None) -> tuple[str, ...]:
    """trafilatura's paragraphs without a repeated title and leftover furniture lines."""
    kept = []
    for line in lines_of(text):
        if title and line.casefold() == title.casefold():
            continue
        if classify(line) in ("prose", "short"):
            kept.append(line)
    while kept and classify(kept[-1]) != "prose":
        kept.pop()
    return tuple(kept)
