"""Dates as news pages write them, read only where they are complete.

"September 19, 2023", "19 Sep 2023", "2023-09-19" and "19.09.2023" are complete, and so
are "August 1 - 2024" and "1 August - 2024" (a separator before the year, as some agencies
write it), "13 avril 2025", "12 de marzo de 2025", "12 июня 2024 года" and "14 مارس 2025":
month names come in the archive's source languages from dateparser's locale tables
(English, French, Russian, Arabic, Armenian, Azerbaijani, Turkish, Ukrainian, Georgian,
German, Spanish, Italian, Portuguese, Persian).
"January 18", "Sept 19" and "16:44, 3 October" are not: the year is never guessed.
A slashed date is read only where day and month cannot be confused (19/09/2023).
dateparser's own search is not used to find dates: it reads "12.09.2024" as 9 December
and "3 hours ago" as a complete date (measured; see README, "Ingest").

A stamp is a date with what it means: "Published", "Updated", "Correction" and their
French, Russian and Arabic labels (``stamps``).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from dateparser.languages.loader import default_loader

_ENGLISH = ("jan january", "feb february", "mar march", "apr april", "may", "jun june",
            "jul july", "aug august", "sep sept september", "oct october", "nov november",
            "dec december")
_LANGUAGES = ("fr", "ru", "ar", "hy", "az", "tr", "uk", "ka", "de", "es", "it", "pt", "fa")
_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")


def _month_names() -> dict[str, int]:
    names = {name: number for number, names in enumerate(_ENGLISH, start=1)
             for name in names.split()}
    for language in _LANGUAGES:
        info = default_loader.get_locale(language).info
        for number, key in enumerate(_MONTH_KEYS, start=1):
            for name in info.get(key, ()):
                folded = name.casefold().rstrip(".")
                if len(folded) >= 3:
                    names.setdefault(folded, number)
    return names


_MONTHS = _month_names()
_MONTH = (r"(?P<month>" + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True))
          + r")(?!\w)\.?")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|\.)?"  # "3. Oct 2023", "13. März 2025"
# "2024" ends a year, and so does "20245:00 AM" (a year run into the time after it).
_YEAR = r"(?P<year>(?:19|20)\d\d)(?:(?!\d)|(?=\d{1,2}:\d\d))"
# "August 1, 2024", "August 1 - 2024", "12 de marzo de 2025"
_BEFORE_YEAR = r"(?:,?\s+(?:de\s+)?|\s*[-–—]\s*)"
_MONTH_FIRST = re.compile(rf"\b{_MONTH}\s+{_DAY}{_BEFORE_YEAR}{_YEAR}", re.IGNORECASE)
_DAY_FIRST = re.compile(rf"(?<![\d.:/]){_DAY}\s+(?:of\s+|de\s+)?{_MONTH}{_BEFORE_YEAR}{_YEAR}",
                        re.IGNORECASE)
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
_DOTTED = re.compile(r"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)\b")
_SLASHED = re.compile(r"\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<year>(?:19|20)\d\d)\b")
_PARTIAL = (re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!\s*[-–—,]?\s*\d(?!\d?:\d))", re.IGNORECASE),
            re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?!\w)(?!\s*[-–—,]?\s*\d(?!\d?:\d))",
                       re.IGNORECASE))

Meaning = Literal["original", "published", "updated", "correction", "plain"]
_LABELS: tuple[tuple[Meaning, str], ...] = (
    ("original", r"originally\s+published|original\s+publication|initialement\s+publié|"
                 r"первоначально\s+опубликовано|نشر\s+(?:في\s+)?الأصل"),
    ("correction", r"correct(?:ion|ed)|rectificatif|correctif|исправлено|исправление|تصحيح"),
    ("updated", r"(?:last\s+)?(?:update[ds]?|modified|edited|revised)|mis\s+à\s+jour|modifié|"
                r"actualisé|обновлено|обновлен[оа]?|изменено|(?:آخر\s+)?تحديث|تم\s+التحديث|"
                r"güncell\w*|actualizado"),
    ("published", r"(?:first\s+)?(?:published|posted|created|issued)|publié|mis\s+en\s+ligne|"
                  r"опубликовано|дата\s+публикации|نُ?شر|تاريخ\s+النشر|yayın\w*|publicado"),
)
_LABEL = re.compile("|".join(f"(?P<{meaning}>{pattern})" for meaning, pattern in _LABELS),
                    re.IGNORECASE)
_BARE_LABEL = re.compile(rf"^\s*(?:{_LABEL.pattern})\s*(?:on|le|:)?\s*:?\s*$", re.IGNORECASE)


def is_month(word: str) -> bool:
    """A month's name or abbreviation in one of the archive's source languages."""
    return word.casefold().rstrip(".") in _MONTHS


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


def stamps(text: str) -> list[tuple[Meaning, date]]:
    """Each complete date in a short line with the label before it that says what it is:
    "Publié le 13 avril 2025, modifié le 14 avril 2025" -> published, then updated."""
    labels = [(match.start(), _meaning(match)) for match in _LABEL.finditer(text)]
    found: list[tuple[Meaning, date]] = []
    for start, day in complete_dates(text):
        before = [meaning for at, meaning in labels if at < start]
        found.append((before[-1] if before else "plain", day))
    return found


def labels_joined(lines: tuple[str, ...]) -> list[str]:
    """The lines, a stamp's label standing alone ("Posted", then "12 Nov 2024" under it,
    as a list of terms and values lays it out) joined with the date under it, so that the
    date keeps what its label says."""
    joined: list[str] = []
    for line in lines:
        if joined and _BARE_LABEL.match(joined[-1]) and complete_dates(line):
            joined[-1] = f"{joined[-1].rstrip(': ')}: {line}"
        else:
            joined.append(line)
    return joined


def _meaning(match: re.Match[str]) -> Meaning:
    for meaning in ("original", "correction", "updated", "published"):
        if match.group(meaning):
            return meaning
    return "plain"


def mail_sent(lines: tuple[str, ...]) -> list[date]:
    """An e-mail's "Date:" header, where the lines are a mail's ("From:" and "Subject:"
    headers too): the day a newsletter was sent, its publication."""
    if not (any(line.startswith("From:") for line in lines)
            and any(line.startswith("Subject:") for line in lines)):
        return []
    sent = next((line for line in lines if line.startswith("Date:")), "")
    return [day for _, day in complete_dates(sent)][:1]


def dateline_date(paragraph: str) -> date | None:
    """A complete date in the dateline opening a paragraph, before its dash: "SKOPJE, 19
    September 2023 – ...", "June 13, 2024 (NEW YORK) – ..." (a date in the running text, or
    a dateline without a year, is not one)."""
    match = _DATELINE_END.search(paragraph[:90])
    head = paragraph[:match.start()] if match else ""
    found = complete_dates(head)
    if not found or len(head.split()) > 8 or any(w[:1].islower() and w not in ("de", "le")
                                                   for w in head.split()) \
            or head.split()[0].casefold() in _NOT_A_PLACE:  # "On 19 May 2023 – the day ..."
        return None
    return found[0][1]


_NOT_A_PLACE = frozenset(("on", "in", "since", "by", "until", "from", "after", "before", "le",
                          "au", "en", "depuis", "в", "с", "до", "после", "am", "seit", "el"))
_DATELINE_END = re.compile(r"\s[–—]\s|\s--?\s")


def dated_headline(line: str) -> bool:
    """A headline closed by its date after a dash or in brackets ("Department Press Briefing
    – September 19, 2023", "Arménie - Déclaration de la porte-parole (19 septembre 2023)"):
    three words or more before it that are no stamp's ("Updated", "Thursday")."""
    match = re.search(r"(?:\s[–—-]\s*|\s\()(?P<tail>[^–—()]{6,40})\)?$", line)
    if not match or not complete_dates(match.group("tail")) or "|" in line or any(
            word.casefold().rstrip(".") not in _MONTHS
            for word in re.findall(r"[^\W\d_]{2,}", match.group("tail"))):
        return False  # the date alone closes it: not "Name | 19.04.2024 - Update : 20.04.2024"
    words = re.findall(r"[^\W\d_]{3,}", line[:match.start()])
    return sum(1 for word in words if word.casefold().rstrip(".") not in _MONTHS
               and not _LABEL.fullmatch(word) and word.casefold() not in _STAMP_WORDS) >= 3


_STAMP_WORDS = frozenset((
    "last", "date", "time", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "gmt",
    "utc", "cet", "cest", "edt", "est", "bst", "msk", "понедельник", "вторник", "среда",
    "четверг", "пятница", "суббота", "воскресенье", "года", "the", "and", "par", "von"))


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
