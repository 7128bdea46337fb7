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
from collections.abc import Iterable
from datetime import date
from urllib.parse import urlsplit, urlunsplit

from generator.editorial.pagesignals import outlets

_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")
_UNRESERVED = re.compile(r"[A-Za-z0-9._~-]")


def page_address(url: str | None) -> str | None:
    """``url`` normalised (``readable``), or None for a site's home page or a section's
    (one or two short words: "https://example.org/", ".../en/politics"): such a canonical
    link states no article's address; where the address wraps another (an archive's
    capture), the inner address."""
    if not url:
        return None
    inner = _WRAPPED.search(url.strip())
    if inner:  # an archive's or a proxy's address around the page's own
        return page_address(inner.group(0))
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return readable(url)  # the field's parser says what is wrong with it
    home = re.fullmatch(r"[\w.-]+(?::\d+)?", parts.netloc) and not parts.query and all(
        re.fullmatch(r"[^\W\d_]{1,15}", segment) for segment in parts.path.strip("/").split("/")
        if segment) and parts.path.strip("/").count("/") <= 1
    return None if home else readable(url)


# An address whose path holds another whole address: a web archive's capture
# ("https://web.archive.org/web/20231104091233/https://example.org/a.html") or a proxy's.
# The page it shows is the inner one; the outer one is the copy's, never the article's.
_WRAPPED = re.compile(r"(?<=/)https?://[^/\s]+/\S*$|(?<=/)https?://[^/\s]+$")


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


_OWN_URL = re.compile(r"(?i)^(?:short\s*url|copy\s*(?:url|link)|permalink|page\s*url|"
                     r"lien\s*(?:court|permanent)|короткая\s*ссылка|الرابط\s*المختصر)\s*:?\s*"
                     r"(https?://\S+)?$")
_URL = re.compile(r"https?://[^\s<>\"')\]]+")
_SHARE_HOSTS = ("facebook.com", "twitter.com", "x.com", "t.me", "wa.me", "whatsapp.com",
                "linkedin.com", "reddit.com", "vk.com", "telegram.me", "instagram.com",
                "youtube.com", "google.com", "bit.ly")


def stated_address(groups: Iterable[tuple[str, ...]]) -> str | None:
    """The article's address, where a copied page includes it: after a label that says it
    is the page's own ("Short Url", "Copy URL", "Permalink"), however short, else one with a
    path that is not a sharing site's, in the lines around the article. Never one in the
    article's text: an address there is a link to something the article cites."""
    groups = tuple(groups)
    for group in groups:
        for line, below in zip(group, (*group[1:], ""), strict=False):
            labelled = _OWN_URL.match(line)
            found = _URL.match(below if labelled and not labelled.group(1) else
                               (labelled.group(1) if labelled else ""))
            if found:
                return found.group(0).rstrip(".,;:")
    for line in (line for group in groups for line in group):
        for found in _URL.finditer(line):
            url = found.group(0).rstrip(".,;:")
            host = outlets.host_of(url)
            if host and not any(host == s or host.endswith("." + s) for s in _SHARE_HOSTS):
                path = url.split(host, 1)[-1].strip("/")
                if len(path) > 8:
                    return url
    return None


def date_in_path(url: str | None) -> date | None:
    """The date in an address's path (".../2024/05/09/..."), where no stamp gives one."""
    match = re.search(r"/((?:19|20)\d\d)/([01]?\d)/([0-3]?\d)/", url or "")
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
