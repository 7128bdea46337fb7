"""'Did you mean' suggestions in bounded time.

difflib compared a name with every registry key in Python (10,000 unknown parents took
minutes); rapidfuzz's Indel ratio is the same similarity (difflib's ``ratio`` without its
junk heuristics) computed in C, with candidates whose length alone rules them out skipped.
A :class:`Suggester` also works out at most :data:`MAX_PER_RUN` suggestions: past that an
archive with thousands of unknown names gets the plain hint, and its check stays fast.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

__all__ = ["CUTOFF", "MAX_PER_RUN", "Suggester", "close_names", "closest", "look_alike"]

CUTOFF = 60  # percent similarity, as difflib's default 0.6
MAX_PER_RUN = 300  # suggestions one registry works out in a run (each ~6 ms at 60,000 names)
MAX_QUERY = 200  # characters compared: names are at most 200 long, keys are clipped


def closest(query: str, choices: Sequence[str], n: int = 1) -> list[str]:
    """Up to ``n`` of ``choices`` most like ``query`` (at least CUTOFF similar), best first;
    ties keep the order of ``choices``."""
    found = process.extract(query[:MAX_QUERY], choices, scorer=fuzz.ratio, limit=n,
                            score_cutoff=CUTOFF)
    return [choice for choice, _score, _index in found]


def close_names(query: str, choices: Sequence[str], n: int = 3) -> list[str]:
    """Like :func:`closest`, but only names a typo away: at most max(2, a quarter of the
    name's length) letters added, dropped or changed. Similarity alone offered 'Moscow'
    (by its alias Moskva) for 'Moldova' and 'Armenia' for 'Narnia': far, and misleading."""
    limit = max(2, len(query) // 4)
    return [choice for choice in closest(query, choices, n)
            if Levenshtein.distance(query[:MAX_QUERY], choice, score_cutoff=limit) <= limit]


def look_alike(written: str, suggested: str) -> str | None:
    """Where a suggestion looks the same as what was written ('Chişinău' with ş, s-cedilla,
    and 'Chișinău' with ș, s-comma): the differing characters named by code point; None
    where the difference shows."""
    if len(written) != len(suggested) or written == suggested:
        return None
    pairs = [(a, b) for a, b in zip(written, suggested, strict=True) if a != b]
    if len(pairs) > 3 or not all(_base(a) == _base(b) for a, b in pairs):
        return None
    return "; ".join(f"yours has '{a}' (U+{ord(a):04X}, {unicodedata.name(a, '?').lower()}) "
                     f"where it has '{b}' (U+{ord(b):04X}, {unicodedata.name(b, '?').lower()})"
                     for a, b in pairs)


def _base(character: str) -> str:
    """The letter without its marks, case-folded: ş, ș and S are all s."""
    return "".join(c for c in unicodedata.normalize("NFKD", character)
                   if not unicodedata.combining(c)).casefold()


@dataclass
class Suggester:
    """Suggestions from one list of names, each worked out once, at most MAX_PER_RUN."""

    choices: Sequence[str]
    found: dict[str, list[str]] = field(default_factory=dict)

    def closest(self, query: str, n: int = 3) -> list[str] | None:
        """The closest names, or None once this run has worked out its share."""
        if query not in self.found:
            if len(self.found) >= MAX_PER_RUN:
                return None
            self.found[query] = closest(query, self.choices, n)
        return self.found[query]
