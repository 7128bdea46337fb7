"""Dates as news pages write them, read only where they are complete.

"September 19, 2023", "19 Sep 2023", "2023-09-19" and "19.09.2023" are complete, and so
are "August 1 - 2024" and "1 August - 2024" (a separator before the year, as some agencies
write it).
"January 18", "Sept 19" and "16:44, 3 October" are not: the year is never guessed.
A slashed date is read only where day and month cannot be confused (19/09/2023).
"""

from __future__ import annotations

import re
from datetime import date

_MONTH = (r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
          r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_BEFORE_YEAR = r"(?:,?\s+|\s*[-–—]\s*)"  # "August 1, 2024", "August 1 - 2024"
_MONTH_FIRST = re.compile(rf"\b{_MONTH}\s+{_DAY}{_BEFORE_YEAR}{_YEAR}\b", re.IGNORECASE)
_DAY_FIRST = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}{_BEFORE_YEAR}{_YEAR}\b", re.IGNORECASE)
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
_DOTTED = re.compile(r"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)\b")
_SLASHED = re.compile(r"\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<year>(?:19|20)\d\d)\b")
_PARTIAL = (re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!\s*[-–—,]?\s*\d(?!\d?:\d))", re.IGNORECASE),
            re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?!\w)(?!\s*[-–—,]?\s*\d(?!\d?:\d))",
                       re.IGNORECASE))

_MONTHS = {name: number for number, names in enumerate(
    ("jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july",
     "aug august", "sep sept september", "oct october", "nov november", "dec december"),
    start=1) for name in names.split()}


def complete_dates(text: str) -> list[tuple[int, date]]:
    """Every complete, real calendar date written in ``text``, with where it starts."""
    found: list[tuple[int, date]] = []
    for pattern in (_MONTH_FIRST, _DAY_FIRST, _ISO, _DOTTED):
        for match in pattern.finditer(text):
            day = _make(match.group("year"), match.group("month"), match.group("day"))
            if day:
                found.append((match.start(), day))
    for match in _SLASHED.finditer(text):
        day = _unambiguous(match)
        if day:
            found.append((match.start(), day))
    return sorted(found)


def partial_date(text: str) -> str | None:
    """A day written without its year ("January 18"), as written, if there is one."""
    for pattern in _PARTIAL:
        match = pattern.search(text)
        if match and _MONTHS.get(match.group("month").lower().rstrip(".")):
            return match.group(0).strip()
    return None


def _make(year: str, month: str, day: str) -> date | None:
    number = int(month) if month.isdigit() else _MONTHS.get(month.lower().rstrip("."))
    if number is None:
        return None
    try:
        return date(int(year), number, int(day))
    except ValueError:
        return None


def _unambiguous(match: re.Match[str]) -> date | None:
    first, second = int(match.group("a")), int(match.group("b"))
    if first > 12 >= second:
        return _make(match.group("year"), str(second), str(first))
    if second > 12 >= first:
        return _make(match.group("year"), str(first), str(second))
    return None
