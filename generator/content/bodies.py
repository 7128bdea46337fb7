"""Markdown bodies (briefings, registry descriptions) rendered to inert HTML.

Three layers, so that no script, event handler, frame or unsafe URL reaches a page:

1. Before rendering, :mod:`bodyscan` refuses raw HTML (with its line) and shapes that
   would make Python-Markdown hang or recurse without end; those are not rendered.
2. The renderer never passes raw HTML through (it is escaped and shown as text).
3. nh3 cleans the result against an explicit allowlist of tags, attributes, ids and URL
   schemes. :func:`audit` compares the HTML before and after and reports everything nh3
   removed, with the line it came from, so the editor is told instead of surprised.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from itertools import chain

import markdown
import nh3
from markdown.treeprocessors import InlineProcessor

from generator.content import bodyscan
from generator.content.syntax import plainbodies, textrules
from generator.content.syntax.fields import FieldError

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
# What the Markdown extensions in use produce, minus images; spans and classes are kept
# for code highlighting and Material's typeset markup.
TAGS = frozenset({
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "a", "em", "strong", "code", "pre",
    "blockquote", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub",
    "del", "abbr", "dl", "dt", "dd", "div", "span",
})
ATTRIBUTES = {
    "*": {"id", "class", "title"},
    "a": {"href"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
}
URL_ATTRIBUTES = frozenset({"href", "src"})
# Ids a body may set (footnotes: fn:1, fnref:1, from labels in any script; fenced code:
# {#id}). Material finds its own parts by ids starting with '__' (__config holds its
# settings): a body must not shadow them.
_SAFE_ID = re.compile(r"[^\W_][\w:.-]{0,99}")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
_BACKSLASH_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
MAX_REPORTED = 20  # removed items reported one by one; the rest are counted

_EXTENSIONS = ("tables", "fenced_code", "footnotes", "sane_lists", "abbr", "def_list")
# Plain bodies skip Python-Markdown while it is configured as plainbodies was written for.
PLAIN_PATH = _EXTENSIONS == plainbodies.EXTENSIONS


@dataclass(frozen=True)
class Rendered:
    """A body's HTML and the problems found in its Markdown."""

    html: str
    problems: tuple[FieldError, ...]


def render(text: str, first_line: int) -> Rendered:
    """Check and render one Markdown body whose first line is ``first_line`` of its file."""
    found = bodyscan.source_problems(text, first_line)
    shape = bodyscan.shape_problems(text, first_line)
    if shape:  # rendering it could take minutes or overflow the stack: not attempted
        return Rendered("", _ordered(found + shape))
    try:
        converted = convert(text)
    except RecursionError:
        too_deep = FieldError("the Markdown is nested too deeply to render", first_line,
                              "lists, quotes or definitions inside one another: flatten them")
        return Rendered("", _ordered([*found, too_deep]))
    cleaned = sanitize(converted)
    found += audit(converted, cleaned, text, first_line) + _network_paths(cleaned, text,
                                                                           first_line)
    return Rendered(cleaned, _ordered(found))


_HREF = re.compile(r'\shref="([^"]*)"')
# How deep a page whose body holds a link lies below the site's root (briefings/<slug>/).
PAGE_DEPTH = 2


def _network_paths(cleaned: str, text: str, first_line: int) -> list[FieldError]:
    """Links that look relative but leave the site (``//host``, ``/\\host``), climb above
    its root (``../../../../etc/passwd``: from the zip, a file of the reader's disk), or
    name a host without a scheme (``www.reuters.com/...``: a relative link that 404s)."""
    hrefs = [html.unescape(found.group(1)) for found in _HREF.finditer(cleaned)]
    if not any(textrules.network_path(href) or textrules.climbs_above_root(href, PAGE_DEPTH)
               or textrules.host_without_scheme(href) for href in hrefs):
        return []  # the search for lines below is needed only for a problem (most bodies)
    problems = []
    source = _Source(text)
    for href in hrefs:
        line = first_line + source.find(href)
        if textrules.network_path(href):
            problems.append(FieldError(
                f"the link '{href[:60]}' leads to another site: a browser reads '//' "
                "(or '/\\') at its start as a host name", line,
                "write the whole address, https://..., or a path with one '/'"))
        elif textrules.climbs_above_root(href, PAGE_DEPTH):
            problems.append(FieldError(
                f"the link '{href[:60]}' climbs above the site's root with '..' (from the "
                "offline copy it would open a file of the reader's own disk)", line,
                "link to a page of the site by its path from the root, e.g. /actors/x/, "
                "or write the whole address, https://..."))
        elif textrules.host_without_scheme(href):
            problems.append(FieldError(
                f"the link '{href[:60]}' has no 'https://', so it is read as a page of this "
                "site and leads nowhere", line, f"write https://{href[:60]}"))
    return problems[:MAX_REPORTED]


def _ordered(problems: list[FieldError]) -> tuple[FieldError, ...]:
    return tuple(sorted(problems, key=lambda p: p.line))


@cache
def _markdown() -> markdown.Markdown:
    """One converter, reset before each body (building one costs ~2 ms, ~4x a body)."""
    return new_converter()


def new_converter(quick: bool = True) -> markdown.Markdown:
    """A converter for bodies; ``quick``: inline patterns are not tried on text that no
    pattern can match (the same HTML, tests/content/test_properties.py checks)."""
    md = markdown.Markdown(extensions=list(_EXTENSIONS),
                           extension_configs={"tables": {"use_align_attribute": True}},
                           output_format="html")
    # Raw HTML never passes through: it is escaped and shown as text.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    if quick:
        md.treeprocessors.register(_QuickInline(md), "inline", 20)  # in place of Markdown's
    return md


# What each inline pattern of Python-Markdown needs in a text to match at all: most text
# of a body has none of these, and trying the patterns one by one on it was a fifth of
# loading an archive.
_INLINE_TRIGGERS = {
    "backtick": r"[`\\]", "escape": r"\\", "footnote": r"\[", "reference": r"\[",
    "link": r"\[", "image_link": r"\[", "image_reference": r"\[", "short_reference": r"\[",
    "short_image_ref": r"\[", "autolink": "<", "automail": "<", "html": "<",
    "linebreak": "  \n", "entity": "&", "em_strong": r"[*_]", "em_strong2": "_",
    "not_strong": r"[*_]",
}


def inline_trigger(names: list[str | None]) -> re.Pattern[str] | None:
    """A regex found in every text any of the named inline patterns can match, or None
    when one of them is not known here."""
    known = [_INLINE_TRIGGERS.get(name or "") for name in names]
    if None in known:
        return None
    return re.compile("|".join(sorted({str(trigger) for trigger in known})))


class _QuickInline(InlineProcessor):  # type: ignore[misc]  # Markdown ships no types
    """Python-Markdown's inline processor, passing over text no pattern can match."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        # Registered names in priority order (the registry lists only its items publicly).
        names = [item.name for item in getattr(md.inlinePatterns, "_priority", [None])]
        self.trigger = inline_trigger(names)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if self.trigger is not None and self.trigger.search(data) is None:
            return data  # no pattern matches: the loop over them would change nothing
        handled: str = super()._InlineProcessor__handleInline(data, patternIndex)
        return handled


def convert(text: str) -> str:
    """Markdown to HTML, not yet sanitized (for :func:`render` and for tests of it); a plain
    body without Python-Markdown (the same HTML, see syntax/plainbodies.py)."""
    plain = plainbodies.to_html(text) if PLAIN_PATH else None
    if plain is not None:
        return plain
    md = _markdown()
    md.reset()
    try:
        converted: str = md.convert(text)
        return converted
    finally:
        md.reset()  # also after a failure, so the next body starts clean


def safe_id(value: str) -> bool:
    """Whether a body may carry this id (not one of Material's own, which start '__')."""
    return _SAFE_ID.fullmatch(value) is not None


def url_scheme(value: str) -> str | None:
    """The scheme of a URL as a browser reads it (WHATWG: outer C0 controls and spaces
    stripped, tabs and newlines removed), or None for a relative URL."""
    scheme = _SCHEME.match(_TAB_OR_NEWLINE.sub("", value.strip(_C0_AND_SPACE)))
    return scheme.group(1) if scheme else None


def url_allowed(value: str) -> bool:
    """Whether a link target is relative or uses http, https or mailto."""
    scheme = url_scheme(value)
    return scheme is None or scheme.lower() in ALLOWED_SCHEMES


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    return None if name == "id" and not safe_id(value) else value


_CLEANER = nh3.Cleaner(tags=set(TAGS), attributes=ATTRIBUTES, attribute_filter=_keep_attribute,
                       url_schemes=set(ALLOWED_SCHEMES), link_rel="noopener noreferrer nofollow")


def sanitize(fragment: str) -> str:
    """Clean an HTML fragment against the allowlist (tags, attributes, ids, URL schemes)."""
    return _CLEANER.clean(fragment)


# --- telling the editor what the sanitizer removed -----------------------------------------

@dataclass(frozen=True)
class _Removal:
    message: str
    hint: str
    needle: str  # text to look for in the Markdown to find the line


Element = tuple[str, dict[str, str]]


class _Elements(HTMLParser):
    """The elements of an HTML fragment with their attributes, as a browser reads them."""

    def __init__(self, fragment: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Element] = []
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {name: value or "" for name, value in attrs}))

    handle_startendtag = handle_starttag


def audit(converted: str, cleaned: str, text: str, first_line: int) -> list[FieldError]:
    """What :func:`sanitize` removed from ``converted`` (rendered from ``text``), by line.

    Found by comparing the HTML before and after, so that every removal is reported,
    whatever the reason the sanitizer had.
    """
    if _nothing_removed(converted, cleaned):
        return []
    removals = list(_removed(_Elements(converted).found, _Elements(cleaned).found))
    if not removals:
        return []
    source = _Source(text)
    problems = []
    for removal in removals[:MAX_REPORTED]:
        problems.append(FieldError(removal.message, first_line + source.find(removal.needle),
                                   removal.hint))
    if len(removals) > MAX_REPORTED:
        problems.append(FieldError(f"{len(removals) - MAX_REPORTED} more such problems",
                                   first_line + source.line, "fix the ones above first"))
    return problems


# Start tags as both serializers write them (attribute values quoted; '<' in text escaped).
_VALUE = r"""(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?"""
_START_TAG = re.compile(r"""<([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s"'>/=]+""" + _VALUE
                        + r""")*)\s*/?>""")
_ATTRIBUTE_NAME = re.compile(r"""([^\s"'>/=]+)""" + _VALUE)


def _nothing_removed(converted: str, cleaned: str) -> bool:
    """True when ``cleaned`` plainly keeps every element and attribute of ``converted``
    (the usual case, found by two regex scans); otherwise :func:`audit` parses both."""
    before, after = _START_TAG.findall(converted), _START_TAG.findall(cleaned)
    if [tag for tag, _ in before] != [tag for tag, _ in after]:
        return False
    for (tag, attributes), (_, kept) in zip(before, after, strict=True):
        if tag.lower() not in TAGS or tag.lower() == "img":
            return False
        if attributes and not set(_ATTRIBUTE_NAME.findall(attributes)) <= \
                set(_ATTRIBUTE_NAME.findall(kept)):
            return False
    return True


def _removed(before: list[Element], after: list[Element]) -> Iterator[_Removal]:
    kept = []
    for tag, attributes in before:
        if tag == "img":
            yield _Removal("images are not allowed in briefings",
                           "link to the picture instead: [description](https://...)",
                           attributes.get("src", ""))
        elif tag not in TAGS:
            yield _Removal(f"'<{tag}>' is not allowed and was left out", "write plain Markdown",
                           f"<{tag}")
        else:
            kept.append((tag, attributes))
    if [tag for tag, _ in kept] != [tag for tag, _ in after]:  # rearranged: say so, roughly
        yield _Removal("part of the text could not be kept as written", "write plain Markdown",
                       "")
        return
    for (_, attributes), (_, cleaned) in zip(kept, after, strict=True):
        for name, value in attributes.items():
            if name not in cleaned:
                yield _attribute_removal(name, value)


def _attribute_removal(name: str, value: str) -> _Removal:
    if name in URL_ATTRIBUTES:
        scheme = url_scheme(value)
        if scheme is not None and scheme.lower() not in ALLOWED_SCHEMES:
            return _Removal(f"link with a '{scheme}:' address is not allowed",
                            "links must start with http://, https:// or mailto:", value)
        return _Removal(f"the link address '{value[:60]}' is not a valid address",
                        "write a whole address, like https://example.org/page", value)
    if name == "id":
        return _Removal(f"the id '{value[:40]}' is not allowed",
                        "ids (a footnote's come from its label) use letters, digits, '-', "
                        "'_', ':' and '.', no spaces, do not start with '_', and are at most "
                        "100 long", value)
    return _Removal(f"the attribute '{name}' is not allowed and was left out",
                    "write plain Markdown", name)


class _Source:
    """The Markdown as a browser would read it in an attribute, searched front to back.

    Escapes and entities are decoded and spaces dropped, so that a link written as
    ``&#106;avascript:`` is found where it stands; each search starts where the last
    one ended, as removals come in document order.
    """

    def __init__(self, text: str) -> None:
        self.lines = [_plain(line) for line in text.split("\n")]
        self.line = 0
        self.column = 0

    def find(self, needle: str) -> int:
        """The 0-based line of the next occurrence of ``needle`` (wrapping around)."""
        needle = _plain(needle)
        order = chain(range(self.line, len(self.lines)), range(self.line + 1))
        for index in order if needle else ():
            column = self.lines[index].find(needle, self.column if index == self.line else 0)
            if column >= 0:
                self.line, self.column = index, column + len(needle)
                return index
        return self.line


def _plain(text: str) -> str:
    return _URL_IGNORED.sub("", html.unescape(_BACKSLASH_ESCAPE.sub(r"\1", text))).casefold()


def first_paragraph(fragment: str, limit: int = 300) -> str:
    """The plain text of the first paragraph of an HTML fragment, shortened to ``limit``."""
    match = re.search(r"<p>(.*?)</p>", fragment, re.DOTALL)
    # Without a paragraph (only a list, a heading, a table), the text of the whole body.
    inner = match.group(1) if match else fragment
    plain = " ".join(html.unescape(re.sub(r"<[^>]+>", " " if not match else "",
                                          inner)).split())
    if len(plain) <= limit:
        return plain
    return plain[: limit].rsplit(" ", 1)[0] + "…"
