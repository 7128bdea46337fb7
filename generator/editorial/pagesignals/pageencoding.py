"""A saved page's bytes as text, in the encoding the page declares.

In order: a byte-order mark (UTF-8, UTF-16, UTF-32); text that is UTF-16 or UTF-32
without one (every other byte NUL in the ASCII markup); the charset the page declares
(``<meta charset="...">``, ``<meta http-equiv="Content-Type" content="...; charset=...">``
or an XML declaration); UTF-8; then charset-normalizer's guess (installed with
trafilatura); Windows-1252 as the last resort, which decodes anything. Line endings
become ``\\n``.
"""

from __future__ import annotations

import codecs
import re

from trafilatura.utils import detect_encoding

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
_DECLARED = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*(?P<meta>[\w.:-]{1,40})|"""
    rb"""<\?xml[^>]{0,100}?encoding\s*=\s*["'](?P<xml>[\w.:-]{1,40})""", re.IGNORECASE)


def decode_page(data: bytes) -> str:
    """The page's text; never raises (an undecodable byte becomes U+FFFD at worst)."""
    encoding, start = _encoding(data)
    try:
        text = data[start:].decode(encoding)
    except (UnicodeDecodeError, LookupError):
        text = _fallback(data[start:])
    return text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")


def _encoding(data: bytes) -> tuple[str, int]:
    """The encoding to try first, and where the text starts (after a byte-order mark)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    head = data[:4096]
    wide = _wide(head)
    if wide:
        return wide, 0
    declared = _DECLARED.search(head)
    if declared:
        name = (declared.group("meta") or declared.group("xml")).decode("ascii").lower()
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            return "utf-8", 0
        # A page declaring UTF-16 was read here as bytes with no NULs: it was saved as
        # something else (browsers do the same); Latin-1 is what browsers read as 1252.
        if codec.startswith(("utf-16", "utf-32")):
            return "utf-8", 0
        return ("cp1252" if codec in ("latin_1", "iso8859-1", "ascii") else codec), 0
    return "utf-8", 0


def _wide(head: bytes) -> str | None:
    """UTF-16 or UTF-32 without a byte-order mark: ASCII letters with NULs between."""
    if len(head) < 8 or b"\x00" not in head[:8]:
        return None
    if head[1:4] == b"\x00\x00\x00" and head[0]:
        return "utf-32-le"
    if head[:3] == b"\x00\x00\x00" and head[3]:
        return "utf-32-be"
    odd, even = head[1::2][:64], head[0::2][:64]
    if odd.count(0) > len(odd) * 0.6:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.6:
        return "utf-16-be"
    return None


def _fallback(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for guess in detect_encoding(data[:200_000]):
        try:
            return data.decode(guess)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("cp1252", errors="replace")
