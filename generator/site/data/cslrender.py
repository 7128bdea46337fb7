"""Citations rendered from Citation Style Language styles with citeproc-py.

The styles are the CSL project's own files, vendored in ``csl/`` with their source and
licence (``csl/SOURCE.md``): APA 7th edition and Chicago 18th edition (author-date).
citeproc-py reads the CSL-JSON item (data/citation.py) and formats its bibliography entry
as HTML. Every value is HTML-escaped before citeproc sees it (its HTML formatter escapes
nothing), so the output is safe to put in a page.

**Speed.** citeproc-py interprets the style's XML for every entry: 10-30 ms an entry and
style, which at 16,000 briefings would add minutes to a build. Two things keep it cheap,
and neither changes a character of the output (tests/site/test_citation.py renders every
starter briefing both ways and compares):

- The style's tree never changes, so its XPath look-ups (macros, ancestors) are answered
  once per element and expression (``_memoised``), about a third of the time.
- Entries whose title and URL are plain (no quotes, no closing punctuation, single
  spaces) differ only in title, URL, year and day once author, publisher and month are
  equal. Such an entry is rendered once per style, author, publisher and month, with
  markers in place of title, URL, year and day (``_TITLE``, ``_URL``, ``_YEAR``, ``_DAY``;
  citeproc-py prints a year and a day as they are given); each briefing's title (cased by
  citeproc-py's own text-case, as the style cases it: Chicago's title case), URL, year and
  day then replace the markers, each of which the template must print exactly once. Any
  other entry is rendered in full.

citeproc-py leaves two rules of CSL aside, which ``_punctuation`` applies: the en-US
locale's ``punctuation-in-quote`` (Chicago's full stop inside the closing quotation mark)
and punctuation collisions (no full stop after a title that ends in ``?`` or ``!``).
"""

from __future__ import annotations

import functools
import html
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
    model,
)
from citeproc.source.json import CiteProcJSON
from citeproc.string import String

STYLE_FOLDER = Path(__file__).parent / "csl"


@dataclass(frozen=True)
class Style:
    """A vendored CSL style: its label on the page, its file, how it cases titles."""

    key: str
    label: str
    file: str
    title_case: str | None  # the text-case the style gives a web page's title


STYLES = (
    Style("apa", "APA (7th edition)", "apa.csl", None),
    Style("chicago", "Chicago (18th edition, author-date)", "chicago-author-date.csl", "title"),
)

_TITLE = "\ue000"  # private-use characters: no style cases, quotes or punctuates them
_URL = "\ue001"
_DAY = "\ue002"
_YEAR = 9871  # citeproc-py needs a number for the year: one no citation holds otherwise
_PLAIN = re.compile(r"[^\"'“”‘’«»„‚<>&\\\s](?:[^\"'“”‘’«»„‚<>&\\]*[^\"'“”‘’«»„‚<>&\\\s.?!:;,…])?")


def render(item: dict[str, Any], style: Style) -> str:
    """The item's bibliography entry in the style, as HTML (values escaped)."""
    title, url = str(item.get("title", "")), str(item.get("URL", ""))
    parts = item.get("issued", {}).get("date-parts", [[]])[0]
    if (not _PLAIN.fullmatch(title) or "  " in title or not _PLAIN.fullmatch(url)
            or len(parts) != 3):
        return render_full(item, style)
    shape = {**item, "title": _TITLE, "URL": _URL, "id": "x", "abstract": "", "keyword": "",
             "issued": {"date-parts": [[_YEAR, parts[1], _DAY]]}}
    template = _template(style, json.dumps(shape, sort_keys=True))
    if template is None:
        return render_full(item, style)
    cased = html.escape(_case(style, title, str(item.get("language", "en"))), quote=False)
    return (template.replace(_TITLE, cased).replace(_URL, html.escape(url, quote=False))
            .replace(_DAY, str(parts[2])).replace(str(_YEAR), str(parts[0])))


def render_full(item: dict[str, Any], style: Style) -> str:
    """The entry rendered by citeproc-py from the whole item (no shortcut)."""
    escaped = _escaped(item)
    bibliography = CitationStylesBibliography(_style(style.file), CiteProcJSON([escaped]),
                                              formatter.html)
    bibliography.register(Citation([CitationItem(escaped["id"])]))
    return _punctuation(str(bibliography.bibliography()[0]))


@functools.lru_cache(maxsize=4096)
def _template(style: Style, item_json: str) -> str | None:
    """The entry with markers, or None where a marker is not printed exactly once (then
    entries of this shape are rendered in full)."""
    text = render_full(json.loads(item_json), style)
    marks = (_TITLE, _URL, _DAY, str(_YEAR))
    return text if all(text.count(mark) == 1 for mark in marks) else None


def _case(style: Style, title: str, language: str = "en") -> str:
    """The title as the style cases it, by citeproc-py's own text-case (of a one-line
    style's ``cs:text`` element), in the item's language (CSL title-cases English only)."""
    if style.title_case is None:
        return title
    return str(_case_element(style.title_case).case(String(title), language))


@functools.cache
def _case_element(text_case: str) -> Any:
    xml = ('<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" '
           'default-locale="en-US"><info><title>case</title><id>case</id>'
           '<updated>2026-01-01T00:00:00+00:00</updated></info>'
           '<citation><layout><text variable="title"/></layout></citation>'
           f'<bibliography><layout><text variable="title" text-case="{text_case}"/>'
           '</layout></bibliography></style>')
    style = CitationStylesStyle(io.BytesIO(xml.encode()), validate=False)
    return style.root.xpath_search("./cs:bibliography/cs:layout/cs:text")[0]


@functools.cache
def _style(file: str) -> Any:
    _memoised()
    return CitationStylesStyle(str(STYLE_FOLDER / file), validate=False)


def _escaped(value: Any) -> Any:
    """Every string of a CSL-JSON item HTML-escaped (citeproc-py's HTML escapes nothing)."""
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: (v if k == "id" else _escaped(v)) for k, v in value.items()}
    return value


def _punctuation(text: str) -> str:
    """Two rules of CSL that citeproc-py leaves out: a full stop or comma after a closing
    quotation mark goes inside it (en-US ``punctuation-in-quote``), and a full stop after
    a title that ends in ``?`` or ``!`` goes (CSL's punctuation collisions)."""
    text = re.sub(r"([”’])([.,])", r"\2\1", text)
    return re.sub(r"([?!])((?:</i>|</b>|”|’)*)\.", r"\1\2", text)


@functools.cache
def _memoised() -> None:
    """Answer each XPath look-up of a style element once (the trees never change).

    Entries hold the element too, so its lxml proxy (and so its ``id``) stays alive.
    """
    search = model.CitationStylesElement.xpath_search
    found: dict[tuple[int, str], tuple[Any, Any]] = {}

    def xpath_search(self: Any, expression: str) -> Any:
        key = (id(self), expression)
        hit = found.get(key)
        if hit is None:
            hit = found[key] = (self, search(self, expression))
        return hit[1]

    model.CitationStylesElement.xpath_search = xpath_search
