"""'Did you mean' suggestions in bounded time.

difflib compared a name with every registry key in Python (10,000 unknown parents took
minutes); rapidfuzz's Indel ratio is the same similarity (difflib's ``ratio`` without its
junk heuristics) computed in C, with candidates whose length alone rules them out skipped.
A :class:`Suggester` also works out at most :data:`MAX_PER_RUN` suggestions: past that an
archive with thousands of unknown names gets the plain hint, and its check stays fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

__all__ = ["CUTOFF", "MAX_PER_RUN", "Suggester", "closest"]

CUTOFF = 60  # percent similarity, as difflib's default 0.6
MAX_PER_RUN = 300  # suggestions one registry works out in a run (each ~6 ms at 60,000 names)
MAX_QUERY = 200  # characters compared: names are at most 200 long, keys are clipped


def closest(query: str, choices: Sequence[str], n: int = 1) -> list[str]:
    """Up to ``n`` of ``choices`` most like ``query`` (at least CUTOFF similar), best first;
    ties keep the order of ``choices``."""
    found = process.extract(query[:MAX_QUERY], choices, scorer=fuzz.ratio, limit=n,
                            score_cutoff=CUTOFF)
    return [choice for choice, _score, _index in found]


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
