"""What text, names and addresses may hold so that what a reader sees is what is there.

A one-line field (title, names, aliases, tags, source fields) may hold no character that
changes how the text around it reads: line breaks, C0 and C1 controls, bidirectional
embeddings, overrides and isolates (an unterminated U+202E shows the rest of a citation
backwards), zero-width spaces, and text that is invisible altogether. A source URL may hold
no user info (``https://www.reuters.com@evil.example/`` goes to evil.example), no spaces and
no backslashes; a body link may not start ``//`` or ``/\\`` (the browser leaves the site).
Slugs and ids may not be names Windows refuses for files. Every check returns a message
(the code point escaped) or None, and none of them can raise.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import SplitResult, urlsplit

__all__ = ["WINDOWS_RESERVED", "escaped", "first_refused", "multi_line_problem", "network_path",
           "one_line_problem", "split_url", "url_problem", "windows_reserved"]

_BIDI = "\u202a-\u202e\u2066-\u2069"
# Zero-width spaces, invisible operators, interlinear annotation marks and the tag
# characters (U+E0000-U+E007F: invisible letters that carry hidden text).
_ZERO_WIDTH = "\u200b\u2060-\u2064\ufeff\u180e\ufff9-\ufffb\U000e0000-\U000e007f"
_NONCHARACTERS = "\ufffe\uffff\ud800-\udfff"  # and lone surrogates, from YAML's \u escapes
_ONE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{_BIDI}{_ZERO_WIDTH}{_NONCHARACTERS}]")
# Markdown text keeps its tabs and line breaks.
_MULTI_LINE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}{_NONCHARACTERS}]")
# Letters that draw nothing (Hangul fillers, the Braille blank).
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")

WINDOWS_RESERVED = frozenset({"con", "prn", "aux", "nul",
                              *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))})


def escaped(character: str) -> str:
    """U+202E RIGHT-TO-LEFT OVERRIDE: a character named without being printed."""
    code = ord(character)
    name = unicodedata.name(character, "")
    return f"U+{code:04X}" + (f" {name}" if name else "")


def _kind(character: str) -> str:
    code = ord(character)
    if character in "\n\r\x85\u2028\u2029\x0b\x0c":
        return "a line break"
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return "a bidirectional control, which reorders the text after it"
    if re.fullmatch(f"[{_ZERO_WIDTH}]", character):
        return "an invisible character"
    if 0xD800 <= code <= 0xDFFF or character in "\ufffe\uffff":
        return "a code point that is not a character"
    return "a control character"


def one_line_problem(value: str) -> str | None:
    """Why ``value`` cannot stand in a one-line field, or None."""
    found = _ONE_LINE.search(value)
    if found:
        return f"contains {escaped(found.group(0))} ({_kind(found.group(0))})"
    if not any(_visible(c) for c in value):
        return "has no visible character"
    return None


def multi_line_problem(value: str) -> str | None:
    """Why ``value`` cannot stand in a Markdown text (a description), or None."""
    found = _MULTI_LINE.search(value)
    return f"contains {escaped(found.group(0))} ({_kind(found.group(0))})" if found else None


def first_refused(value: str) -> int:
    """Where :func:`multi_line_problem` found its character (-1: nowhere)."""
    found = _MULTI_LINE.search(value)
    return found.start() if found else -1


def _visible(character: str) -> bool:
    category = unicodedata.category(character)
    return not (category in ("Cf", "Zs", "Zl", "Zp", "Cc", "Mn", "Me")
                or character.isspace() or character in _BLANK_LETTERS)


def split_url(value: str) -> SplitResult | None:
    """``urlsplit``, or None where it refuses the text (an unclosed '[', a full-width '／')."""
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018  # raises for a port that is not a number or out of range
    except ValueError:
        return None
    return parts


def url_problem(value: str) -> str | None:
    """Why ``value`` is no plain http(s) address of a report, or None."""
    parts = split_url(value)
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        return "must be an http or https URL"
    if any(c.isspace() for c in value):
        return "contains a space or a line break"
    if "@" in parts.netloc:
        return ("has user info before its host ('...@'), which hides where it leads: "
                f"it goes to {parts.hostname!r}")
    if "\\" in value:
        return "contains a backslash, which browsers read as '/'"
    if "%" in parts.hostname:
        return "has a '%' in its host name, which no host name holds"
    return None


def network_path(href: str) -> bool:
    """Whether a link that looks relative leaves the site: ``//host`` or ``/\\host``
    (browsers read a backslash as a slash, and tabs and newlines not at all)."""
    cleaned = re.sub(r"[\t\n\r]", "", href.strip("\x00\x20")).replace("\\", "/")
    return cleaned.startswith("//")


def climbs_above_root(href: str, depth: int) -> bool:
    """Whether a relative link, followed from a page ``depth`` folders below the root,
    climbs above it with '..' (a browser reads a backslash as a slash)."""
    cleaned = re.sub(r"[\t\n\r]", "", href.strip("\x00\x20")).replace("\\", "/")
    if _SCHEME.match(cleaned) or cleaned.startswith(("/", "#", "?")):
        return False
    path = re.split(r"[?#]", cleaned, maxsplit=1)[0]
    level = depth
    for part in path.split("/"):
        if part.lower() in ("..", ".%2e", "%2e.", "%2e%2e"):
            level -= 1
            if level < 0:
                return True
        elif part.lower() not in ("", ".", "%2e"):
            level += 1
    return False


def host_without_scheme(href: str) -> bool:
    """Whether a relative link starts with a host name: ``www.reuters.com/...``."""
    return bool(_WWW.match(href.strip()))


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_WWW = re.compile(r"^www\d?\.[^/\s.]+\.[^/\s]+", re.IGNORECASE)


def windows_reserved(value: str) -> bool:
    """Names Windows cannot give a file or folder (also with an extension: con.html)."""
    return value.split(".", 1)[0].casefold() in WINDOWS_RESERVED
