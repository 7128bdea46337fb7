"""Names an article uses that the registries lack, for the editor to consider adding.

A candidate is a run of two or more capitalised words ("Hikmet Hajiyev",
"Ministry of Foreign Affairs") or an unknown acronym ("NATO") in the article's
paragraphs, once registry names and outlet names are blanked out. Titles and
nationality words around a name are trimmed ("Russian Foreign Minister X" is X),
so what is left is a name, not a job description. The list is a hint, not a
verdict: it goes into the draft as a comment.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*|\d[\w,.-]*")
_CONNECTORS = frozenset(("of", "the", "for", "de", "al", "el", "la", "van", "von", "du", "bin"))
_STARTERS = frozenset((
    "the", "a", "an", "this", "that", "these", "those", "but", "and", "or", "in", "on", "at",
    "as", "after", "before", "when", "while", "if", "since", "with", "by", "for", "from", "to",
    "under", "his", "her", "its", "their", "our", "we", "he", "she", "it", "they", "instead",
    "meanwhile", "however", "speaking", "many", "some", "both", "all", "one", "two", "three",
    "four", "five", "several", "most", "western", "eastern", "northern", "southern", "mr", "mrs",
    "ms", "dr", "according", "asked", "though", "although", "during", "until", "earlier",
    "later", "last", "next", "once", "ethnic", "former", "loud", "local", "state"))
_TITLES = frozenset((
    "president", "prime", "minister", "ministers", "foreign", "deputy", "secretary", "state",
    "spokesman", "spokeswoman", "spokesperson", "chancellor", "speaker", "chairman", "chair",
    "general", "chief", "head", "leader", "ambassador", "envoy", "representative", "special",
    "senior", "adviser", "advisor", "commander", "defence", "defense", "interior", "affairs",
    "archbishop", "mayor", "governor", "sen", "senator", "rep", "gen", "col", "lt", "judge",
    "king", "queen", "pope", "vice", "acting", "assistant", "director"))
_CALENDAR = frozenset((
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec"))
_DEMONYM = re.compile(r"^(?:[A-Z][a-z]+(?:ian|ani|ish|ese|ean|can)|Iraqi|Israeli|Russian|French|"
                      r"German|Turkish|Kazakh|Kyrgyz|Azeri|Dutch|Swiss|Greek|Soviet|Western|"
                      r"U\.S\.|US|EU|E\.U\.|UN|U\.N\.)(?:'s|’s)?$")
_IGNORED_ACRONYMS = frozenset(("AM", "PM", "GMT", "UTC", "TV", "CEO", "OK", "II", "III"))


def candidates(paragraphs: Iterable[str], known: Iterable[tuple[int, int]],
               offsets: Iterable[int]) -> list[str]:
    """Unknown names in ``paragraphs``; ``known`` are spans (in the joined text) to ignore.

    ``offsets`` gives where each paragraph starts in the joined text the spans refer to.
    """
    spans = _disjoint(known)
    starts = [start for start, _ in spans]
    found: dict[str, str] = {}
    for paragraph, offset in zip(paragraphs, offsets, strict=True):
        masked = _mask(paragraph, offset, spans, starts)
        for name in _names_in(masked):
            found.setdefault(name.casefold(), name)
    return list(found.values())[:30]


def _disjoint(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans sorted and merged where they overlap, so each paragraph finds its own by
    bisection (linear in the article, not in paragraphs times names)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _mask(paragraph: str, offset: int, spans: list[tuple[int, int]], starts: list[int]
          ) -> str:
    """The paragraph with the spans that fall in it blanked out."""
    pieces, position = [], 0
    index = max(0, bisect.bisect_right(starts, offset) - 1)
    limit = offset + len(paragraph)
    while index < len(spans) and spans[index][0] < limit:
        start = max(spans[index][0] - offset, position)
        end = min(spans[index][1] - offset, len(paragraph))
        if end > start:
            pieces += [paragraph[position:start], "|" * (end - start)]
            position = end
        index += 1
    pieces.append(paragraph[position:])
    return "".join(pieces)


def _names_in(text: str) -> list[str]:
    names = []
    for run in _runs(text):
        words = _trim(run)
        capitals = [w for w in words if w[:1].isupper()]
        if len(capitals) >= 2 and len(words) <= 7:
            names.append(" ".join(words))
        elif len(words) == 1 and _is_acronym(words[0]):
            names.append(words[0])
    return names


def _runs(text: str) -> list[list[str]]:
    """Stretches of capitalised words (and connectors between them) not broken by punctuation."""
    runs: list[list[str]] = []
    current: list[str] = []
    previous_end, sentence_ended = 0, False
    for match in _TOKEN.finditer(text):
        raw = match.group(0)
        word = raw if _is_acronym(raw) else raw.rstrip(".'’")
        joined = text[previous_end:match.start()].strip() == "" and not sentence_ended
        previous_end = match.end()
        sentence_ended = raw.endswith(".") and not _is_acronym(raw) and len(word) > 1
        if current and joined and (word[:1].isupper() or word in _CONNECTORS):
            current.append(word)
            continue
        if current:
            runs.append(current)
        current = [word] if word[:1].isupper() else []
    if current:
        runs.append(current)
    return runs


def _trim(words: list[str]) -> list[str]:
    """Drop sentence starters, titles, nationalities and dates from the ends of a run.

    A nationality goes only before a title ("Russian Foreign Minister") or at the end,
    so that "European Council" stays a name.
    """
    words = [w.removesuffix("'s").removesuffix("’s") for w in words]
    while words and words[0].lower() in _STARTERS | _CALENDAR | _CONNECTORS:
        words = words[1:]
    while words and (words[-1].lower() in _TITLES | _CALENDAR | _CONNECTORS
                     or _DEMONYM.match(words[-1])):
        words = words[:-1]
    while words and (words[0].lower() in _TITLES | _CONNECTORS or (
            _DEMONYM.match(words[0]) and (len(words) == 1 or words[1].lower() in _TITLES))):
        words = words[1:]
    return words


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return (2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()
            and letters not in _IGNORED_ACRONYMS)
