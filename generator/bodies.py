"""Markdown bodies (briefings, registry descriptions) rendered to inert HTML.

Editors write Markdown; raw HTML, images and links with schemes other than
http, https and mailto are refused with the line they stand on. As a second
line of defence the renderer never passes raw HTML through (it is escaped to
text) and nh3 cleans the result against an explicit allowlist.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import markdown
import nh3

from .schema import FieldError

ALLOWED_SCHEMES = {"http", "https", "mailto"}
_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "a", "em", "strong", "code", "pre",
    "blockquote", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub",
    "del", "abbr", "dl", "dt", "dd", "div", "span",
}
_ATTRIBUTES = {
    "*": {"id", "class", "title"},
    "a": {"href"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
}

_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"`+[^`]*`+")
_AUTOLINK = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>")
_RAW_TAG = re.compile(r"<\s*(/?[a-zA-Z][a-zA-Z0-9-]*|!--|!\[CDATA\[|!doctype|\?)", re.IGNORECASE)
_INLINE_URL = re.compile(r"\]\(\s*<?([^)\s>]*)")
_REFERENCE_URL = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
_IMAGE = re.compile(r"!\[[^\]]*\]\s*[(\[]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_BRACKET_RUN = re.compile(r"[\[\]()]{40,}|(?:\[[^\]\n]{0,3}){200,}")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


@dataclass(frozen=True)
class Rendered:
    """A body's HTML and the problems found in its Markdown."""

    html: str
    problems: tuple[FieldError, ...]


def _markdown() -> markdown.Markdown:
    md = markdown.Markdown(
        extensions=["tables", "fenced_code", "footnotes", "sane_lists", "abbr", "def_list"],
        extension_configs={"tables": {"use_align_attribute": True}},
        output_format="html",
    )
    # Raw HTML never passes through: it is escaped and shown as text.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


_RENDERER = _markdown()


def render(text: str, first_line: int) -> Rendered:
    """Check and render one Markdown body whose first line is ``first_line`` of its file."""
    problems = tuple(scan(text, first_line))
    if any(p.message.startswith("pathological") for p in problems):
        return Rendered("", problems)
    _RENDERER.reset()
    converted = _RENDERER.convert(text)
    return Rendered(sanitize(converted), problems)


def sanitize(fragment: str) -> str:
    """Clean an HTML fragment against the allowlist (tags, attributes, URL schemes)."""
    return nh3.clean(fragment, tags=_TAGS, attributes=_ATTRIBUTES,
                     url_schemes=ALLOWED_SCHEMES, link_rel="noopener noreferrer nofollow")


def scan(text: str, first_line: int) -> list[FieldError]:
    """Find raw HTML, images, unsafe link schemes and pathological markup, by line."""
    problems: list[FieldError] = []
    in_fence = False
    for offset, line in enumerate(text.split("\n")):
        number = first_line + offset
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        problems.extend(_scan_line(_CODE_SPAN.sub("", line), number))
    return problems


def _scan_line(line: str, number: int) -> list[FieldError]:
    problems = []
    if _BRACKET_RUN.search(line):
        return [FieldError("pathological Markdown: a very long run of brackets", number,
                           "remove the repeated '[', ']', '(' or ')' characters")]
    tag = _RAW_TAG.search(_AUTOLINK.sub("", line))
    if tag:
        problems.append(FieldError(f"raw HTML '<{tag.group(1)}' is not allowed in Markdown text",
                                   number, "write Markdown instead; to show a '<' write '&lt;'"))
    if _IMAGE.search(line):
        problems.append(FieldError("images are not allowed in briefings", number,
                                   "link to the picture instead: [description](https://...)"))
    for url in _urls(line):
        scheme = _SCHEME.match(_INVISIBLE.sub("", html.unescape(url)))
        if scheme and scheme.group(1).lower() not in ALLOWED_SCHEMES:
            problems.append(FieldError(f"link with a '{scheme.group(1)}:' address is not allowed",
                                       number, "links must start with http://, https:// "
                                       "or mailto:"))
    return problems


def _urls(line: str) -> list[str]:
    found = [m.group(1) for m in _INLINE_URL.finditer(line)]
    found += [m.group(0)[1:-1] for m in _AUTOLINK.finditer(line)]
    reference = _REFERENCE_URL.match(line)
    if reference:
        found.append(reference.group(1))
    return found


def first_paragraph(fragment: str, limit: int = 300) -> str:
    """The plain text of the first paragraph of an HTML fragment, shortened to ``limit``."""
    match = re.search(r"<p>(.*?)</p>", fragment, re.DOTALL)
    if not match:
        return ""
    plain = " ".join(html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).split())
    if len(plain) <= limit:
        return plain
    return plain[: limit].rsplit(" ", 1)[0] + "…"
