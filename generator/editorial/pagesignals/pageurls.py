"""A page's address as a reference manager keeps it: the form the page writes, normalised.

The address is the one the page states (its canonical link as written, else og:url,
else one written in the copied text; never one made up). Its form is kept: a canonical
written as an IRI ("aawsat.com/العالم/...") stays one, and one written percent-encoded
("achev%C3%A9") stays encoded; trafilatura's re-encoding is not used. Only the changes
RFC 3986 (section 6.2.2) says leave the same URL are made: scheme and host in lower case,
escapes in upper case, and an escaped unreserved character ("%7E", "%41") decoded.
Decoding UTF-8 escapes into letters would give an IRI, which RFC 3987 maps back to the
same URL, but it changes the form the page chose, so it is not done.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")
_UNRESERVED = re.compile(r"[A-Za-z0-9._~-]")


def page_address(url: str | None) -> str | None:
    """``url`` normalised (``readable``), or None for a site's home page: a page whose
    canonical link names "https://example.org/" states no address of its own."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return readable(url)  # the field's parser says what is wrong with it
    home = re.fullmatch(r"[\w.-]+(?::\d+)?", parts.netloc) and not parts.path.strip("/") \
        and not parts.query
    return None if home else readable(url)


def readable(url: str) -> str:
    """``url`` with its scheme and host in lower case and escaped unreserved characters
    decoded; everything else as written."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return url
    netloc = parts.netloc if "@" in parts.netloc else parts.netloc.lower()
    return urlunsplit((parts.scheme.lower(), netloc, _decode(parts.path),
                       _decode(parts.query), _decode(parts.fragment)))


def _decode(text: str) -> str:
    return _ESCAPE.sub(_one, text)


def _one(match: re.Match[str]) -> str:
    """One escape: its character where unreserved ("%7E" -> "~"), else in upper case."""
    char = chr(int(match.group(0)[1:], 16))
    return char if _UNRESERVED.fullmatch(char) else match.group(0).upper()
