"""Who a page says wrote or issued it: bylines, and labelled fields ("Source", "From:").

A byline ("By Nailia Bagirova and Felix Light", "By Eurasianet - Aug 12, 2024") names a
person or an organisation; ``author`` keeps the person. A labelled field names the
organisation outright, on one line ("Source: OCHA") or, where a page lays its fields out
as a list of terms and values, on the line under its label ("Source" / "OCHA"):

- *source* ("Source", "Источник", "المصدر"): the organisation whose report the page
  carries, as an attribution does;
- *publisher* ("From:", "Published by", "Publisher"): the body that issued it, which on a
  government's or a portal's shared site is not the site.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Literal

from generator.editorial.pagesignals import outlets

_PERSON_WORD = re.compile(r"^(?:[A-ZÀ-ÝĀ-Ž][\w'’.-]*|de|van|von|al|el|bin|da|di|la|le)$")
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|\band\b|&)\s*")
_STAMP_AFTER_NAME = re.compile(
    r"\s+(?:[-–—|·•]\s+)?(?=(?:updated|published|posted|modified)\b|\d{1,2}:\d\d|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\d{1,2}\s+"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\d{1,2}[./]\d{1,2}[./]\d{4}|•)",
    re.IGNORECASE)

Field = Literal["source", "publisher"]
_FIELD_LABELS: tuple[tuple[Field, str], ...] = (
    ("source", r"source|sources|источник|المصدر|quelle|fuente"),
    ("publisher", r"from|published\s+by|publisher|issued\s+by|éditeur|издатель|الناشر|"
                  r"herausgeber"),
)
_ANY_LABEL = "|".join(f"(?P<{field}>{pattern})" for field, pattern in _FIELD_LABELS)
_BARE_LABEL = re.compile(rf"^(?:{_ANY_LABEL})\s*:?$", re.IGNORECASE)
_PUBLISHER_LINE = re.compile(r"^(?:from|published\s+by|publisher|issued\s+by)\s*:\s*"
                             r"(?P<who>.+)$", re.IGNORECASE)


_OTHER_LABEL = re.compile(r"^(?:by|author|authors|written\s+by|photo|photograph|credit|"
                          r"par|auteur|автор|von|por|الكاتب|بقلم)\s*:?$", re.IGNORECASE)


def is_field_label(line: str) -> bool:
    """A field's label standing alone over its value ("From:", "Source", "By", "Photo")."""
    text = line.strip()
    return bool(_BARE_LABEL.match(text) or _OTHER_LABEL.match(text))


def byline(line: str) -> str | None:
    """The name a byline line gives ("By Eurasianet - Aug 12, 2024" -> "Eurasianet")."""
    match = re.match(r"^(?:by|written by|words by|story by|author:?)\s+(.{2,120})$", line,
                     re.IGNORECASE)
    if not match:
        return None
    # "By ARAZ AGHAYEV Updated 3:12 PM UTC, April 23, 2024", "By Eurasianet - Aug 12, 2024"
    who = _STAMP_AFTER_NAME.split(str(match.group(1)), maxsplit=1)[0]
    return who.strip(" -–—|·•,") or None


def author(lines: Iterable[str], markup_author: str | None) -> str | None:
    """A person's name from a byline ("By Nailia Bagirova and Felix Light"), else the
    markup's author where it is a person's."""
    candidates = [byline(line) for line in lines]
    candidates.append(markup_author)
    for candidate in candidates:
        if candidate and not outlets.looks_like_outlet(candidate) and is_person(candidate):
            return candidate
    return None


def is_person(text: str) -> bool:
    """One to four capitalised words per name, names joined by commas or "and"."""
    names = [n for n in _AUTHOR_SPLIT.split(text) if n]
    return bool(names) and all(
        1 <= len(n.split()) <= 4 and all(_PERSON_WORD.match(w) for w in n.split())
        for n in names)


def with_labels_joined(lines: Iterable[str]) -> Iterator[str]:
    """The lines, where a field's label stands alone ("Source", then "OCHA" under it) joined
    with the value under it as one line ("Source: OCHA"), so that a field reads the same
    however the page lays it out."""
    pending: str | None = None
    for line in lines:
        if pending is not None:
            yield f"{pending}: {line}"
            pending = None
            continue
        label = _BARE_LABEL.match(line.strip())
        if label:
            pending = line.strip().rstrip(":").strip()
            continue
        yield line
    if pending is not None:
        yield pending


def publisher(lines: Iterable[str]) -> str | None:
    """The body a "From:" or "Published by" field names ("From: Foreign, Commonwealth &
    Development Office and The Rt Hon David Lammy MP" -> the office: the first of a list,
    the organisation before the minister)."""
    for line in with_labels_joined(lines):
        found = _PUBLISHER_LINE.match(line.strip())
        if found:
            who = re.split(r"\s+(?:and|&)\s+(?:the\s+)?(?:rt\s+hon|minister|secretary|mr|ms|"
                           r"dr|lord|baroness)\b|;", found.group("who"), flags=re.IGNORECASE)[0]
            who = who.strip(" .,")
            if 2 <= len(who) <= 120 and any(c.isupper() for c in who):
                return who
    return None
