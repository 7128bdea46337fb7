"""A news page saved as HTML: trafilatura finds the article and reads the markup.

trafilatura (with precision favoured) returns the article's paragraphs without
navigation, cookie banners, share buttons and related links, and the markup's
title, site name, canonical URL, author and date. Dates come only from the
markup's structured fields (no "extensive" guessing from loose text) or, failing
that, from a complete date written near the title in the visible page. The
visible page, read as lines, also serves to find bylines and site furniture.
"""

from __future__ import annotations

import copy as copy_module
import json
import re
from dataclasses import replace
from datetime import date

import lxml.etree
import lxml.html
import trafilatura

from generator.editorial.ingest_facts import Markup
from generator.editorial.ingest_text import PageText, analyse, classify, is_headline, lines_of
from generator.editorial.pagesignals import headlines, outlets, pageurls, sitename
from generator.editorial.pagesignals.runs import across_boxes, boxes_left_out, prose_runs

_DROP = {"script", "style", "noscript", "template", "svg", "head", "iframe", "button", "form",
         "select", "option", "input", "textarea"}
_BLOCK = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "header", "footer",
          "section", "article", "aside", "nav", "main", "figure", "figcaption", "blockquote",
          "table", "tr", "td", "th", "br", "hr", "dl", "dt", "dd", "address", "time", "pre"}


_LINK_BLOCKS = ("section", "aside", "nav", "ul", "ol", "div", "figure", "p")
_ZWNJ, _KEPT_ZWNJ = "\u200c", "⟦zwnj⟧"  # Persian words hold zero-width non-joiners
_MODIFIED = re.compile(r"(?:article:modified_time|og:updated_time|dateModified)\D{1,20}?"
                       r"(\d{4}-\d\d-\d\d)")
_PUBLISHED = re.compile(r"article:published_time|datePublished|\bpubdate\b|name=\W?date\W")
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def read_html(html: str) -> tuple[PageText, Markup]:
    """The article and its surroundings, and what the markup states."""
    root = _parsed(html)
    article_html = html
    if root is not None:
        _keep_word_boundaries(root)
        html = lxml.html.tostring(root, encoding="unicode")
        article_html = lxml.html.tostring(_without_link_blocks(root), encoding="unicode")
    document = trafilatura.bare_extraction(  # it drops zero-width joiners: kept by a marker
        article_html.replace(_ZWNJ, _KEPT_ZWNJ), with_metadata=True, favor_precision=True,
        include_comments=False, include_tables=False, include_images=False,
        date_extraction_params={"extensive_search": False, "original_date": True})
    visible = analyse("\n".join(visible_lines(html)))
    if not isinstance(document, trafilatura.settings.Document):
        return visible, Markup()
    for field in ("text", "title", "sitename", "author"):
        value = getattr(document, field, None)
        if isinstance(value, str):
            setattr(document, field, value.replace(_KEPT_ZWNJ, _ZWNJ))
    markup = _markup(document)
    if markup.published and markup.published.isoformat() in _MODIFIED.findall(html) \
            and not _PUBLISHED.search(html):  # the markup states only when it was modified
        markup = replace(markup, published=None)
    if root is not None:
        markup = replace(markup, url=_canonical(root) or markup.url,
                         site=_stated_site(root, markup))
    title, candidates = _title(root, markup) if root is not None else (markup.title, ())
    title = title or (None if candidates else visible.title)
    body = _clean_body(str(document.text or ""), title)
    if body and body[0] in visible.body:  # a lead block before the text trafilatura left out
        lead = visible.body[:visible.body.index(body[0])]
        body = (*(line for line in lead if classify(line) == "prose"), *body)
    page = PageText(title, body or visible.body, visible.header, visible.tail,
                    visible.furniture, candidates, visible.first_line)
    return page, markup


def _without_link_blocks(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """A copy of the page without its blocks of links, in any language: a section, aside,
    list or box whose words, past its heading, are all the words of its links ("Read more"
    over a list of other stories, "بیشتر بخوانید", "Related"), or a paragraph that is one
    link ("Read the statements →"). trafilatura leaves out the links but can keep the
    heading, a label between two paragraphs."""
    copy = copy_module.deepcopy(root)
    for block in list(copy.iter(*_LINK_BLOCKS)):
        if block.getparent() is None or block.xpath(".//h1|.//p[not(.//a)]"):
            continue
        words = _words(block) - sum(_words(h) for h in block.xpath(".//h2|.//h3|.//h4|.//h5"))
        linked = sum(_words(a) for a in block.iter("a"))
        if linked and linked >= words:
            block.getparent().remove(block)
    return copy


def _words(element: lxml.html.HtmlElement) -> int:
    return len(element.text_content().split())


def _parsed(html: str) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return None


def _keep_word_boundaries(root: lxml.html.HtmlElement) -> None:
    """A space where two elements meet with no white space and the words run together
    ("<span>Lire aussi</span><a>Arménie ...</a>" reads "Lire aussiArménie"): a small
    letter before a capital, across a tag, is two words, as the page shows them. One walk
    over the text pieces in document order (linear in the page)."""
    previous: tuple[lxml.html.HtmlElement, str] | None = None
    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        if not isinstance(element.tag, str):
            continue
        piece = (element, "text" if event == "start" else "tail")
        value = getattr(element, piece[1])
        if not value:
            continue
        if previous is not None and value[:1].isupper():
            owner, attribute = previous
            before = getattr(owner, attribute)
            if before[-1:].islower() and not _NOT_XML.search(before):  # lxml would refuse
                setattr(owner, attribute, before + " ")
        previous = piece


def _stated_site(root: lxml.html.HtmlElement, markup: Markup) -> str | None:
    """The markup's site name, unless the markup never states one (no og:site_name) and
    trafilatura's guess from ``<title>`` is the page's visible headline: "Headline – Blog"
    names the blog after the dash, not before it."""
    if markup.site is None or root.xpath('//meta[@property="og:site_name"]/@content'):
        return markup.site
    if sitename.fold(markup.site) in {sitename.fold(outlets.host_of(markup.url or "")),
                                      sitename.fold(outlets.host_of(_canonical(root) or ""))}:
        return None  # trafilatura's guess from the address: the host, not a second signal
    headings = {" ".join(h.text_content().split()).casefold() for h in root.iter("h1")}
    return None if markup.site.casefold() in headings else markup.site


def _canonical(root: lxml.html.HtmlElement) -> str | None:
    """The address the page names as its own, as written: rel=canonical, else og:url (also
    where the canonical link names the site's home or a section: no article's address)."""
    for xpath in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        found = [str(v).strip() for v in root.xpath(xpath) if str(v).strip()]
        if found and found[0].startswith(("http://", "https://")) and \
                pageurls.page_address(found[0]):
            return found[0]
    return None


def _markup_titles(root: lxml.html.HtmlElement, markup: Markup) -> list[str]:
    """The titles the markup states: JSON-LD headline, og:title, <title> without the site."""
    found: list[str] = []
    for script in root.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        items = data.get("@graph", [data]) if isinstance(data, dict) else data
        articles = [item for item in (items if isinstance(items, list) else ())
                    if isinstance(item, dict) and isinstance(item.get("headline"), str)
                    and re.search(r"Article|Posting", str(item.get("@type", "")))]
        found += [articles[0]["headline"]] if articles else []  # not a related item's
    found += [str(v) for v in root.xpath('//meta[@property="og:title"]/@content')]
    found += [_strip_site(t.text_content(), markup.site, markup.url)
              for t in root.iter("title")]
    return [" ".join(t.split()) for t in found if t.strip()]


def _title(root: lxml.html.HtmlElement, markup: Markup) -> tuple[str | None, tuple[str, ...]]:
    """The headline: the page's one visible <h1> where it reads as a headline (markup
    titles are often cut short for search engines, or carry a section and the site's
    name), unless it shares no word with any markup title (a logo's words, or a sidebar's
    headline: then one of the two is another story's; a markup title of four words or
    fewer, the site's name, counts only against a short <h1>);
    where the page has several, the one the markup's title agrees with; with no visible
    headline, the markup's titles where they agree (else the candidates)."""
    found = [" ".join(h.text_content().split()) for h in root.iter("h1")]
    site = (markup.site or "").casefold()
    named = [h for h in found if h and not outlets.by_name(h) and h.casefold() != site]
    shown = [h for h in named if is_headline(h)]  # a logo in an <h1> is no headline
    wanted = (markup.title or "").casefold()
    agreeing = [h for h in shown if wanted and (h.casefold() in wanted
                                                    or wanted in h.casefold())]
    if len(shown) == 1:
        stated = _markup_titles(root, markup)
        whole = [title for title in stated if len(title.split()) >= 5]  # not a site's name
        if (len(shown[0].split()) <= 5 and stated and not any(
                headlines.share_a_word(shown[0], title) for title in stated)) or (
                whole and not any(headlines.share_a_word(shown[0], t) for t in whole)):
            return None, tuple(dict.fromkeys((shown[0], *stated)))  # a logo, another story's?
        return headlines.without_topline(shown[0], stated), ()
    if not shown and len(named) == 1 and 30 < len(named[0].split()) <= 80:
        stated = _markup_titles(root, markup)  # a formal headline too long for a headline:
        agreed = [t for t in stated if named[0].casefold().startswith(t.casefold())]
        return (named[0], ()) if agreed else (None, tuple(dict.fromkeys((named[0], *stated))))
    if agreeing:
        return agreeing[0], ()
    return headlines.agreed(_markup_titles(root, markup) or [markup.title or ""])


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
    site_name = outlets.canonical(site) if site else None  # as stated; the host is its own signal
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


def _closing_sentence(line: str) -> bool:
    """A short last paragraph that is one sentence ("Условлено продолжить контакты."), not
    a string of labels ("For information media. Not an official record.")."""
    words = line.split()
    return len(words) >= 2 and words[0][:1].isupper() and line.endswith((".", "!", "؟", "。")) \
        and not re.search(r"[.!?]\s", line)


def _clean_body(text: str, title: str | None) -> tuple[str, ...]:
    """trafilatura's paragraphs without a repeated title and leftover furniture lines."""
    lines = [line for line in lines_of(text) if not (title and line.casefold() == title.casefold())]
    kinds = [classify(line) for line in lines]
    runs, kinds = across_boxes(lines, kinds, prose_runs(kinds))
    kinds = boxes_left_out(lines, kinds, runs)  # a "Read also" box, as in copied text
    kept = [line for line, kind in zip(lines, kinds, strict=True) if kind in ("prose", "short")]
    while kept and classify(kept[-1]) != "prose" and not _closing_sentence(kept[-1]):
        kept.pop()
    return tuple(kept)
