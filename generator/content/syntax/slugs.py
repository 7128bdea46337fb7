"""The one rule for what a slug or an id may be, wherever it comes from.

A briefing's ``slug:`` or file name, a registry ``id``, an editorial page's file name and
``briefings new --slug`` all become a path segment of the site, a file of the offline bundle
and a URL, so they share one rule: ASCII ``a-z``, ``0-9`` and single hyphens, at most
:data:`MAX_LENGTH` characters, not a name the site uses itself (``index``), and not a name
Windows cannot create as a file or folder (``con``, ``nul``, ``com1``...). Callers name the
subject of their message and give the hint, because only they know what the editor should
rename: a file, a key, an option.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from generator.content.syntax.textrules import windows_reserved

__all__ = ["ID_PATTERN", "MAX_LENGTH", "RESERVED_IDS", "SlugProblem", "slug_problem"]

# \A and \Z, not ^ and $: '$' also matches before a final newline, which would let a
# slug or id end in one (and a file name, a folder name).
ID_PATTERN = re.compile(r"\A[a-z0-9]+(?:-[a-z0-9]+)*\Z")
MAX_LENGTH = 100
# A page called 'index' would land on its section's own page (briefings/index.md).
RESERVED_IDS = frozenset({"index"})


class SlugProblem(NamedTuple):
    """Why a value cannot be a slug: a clause that follows its subject, and what to do."""

    reason: str
    hint: str


def slug_problem(value: str) -> SlugProblem | None:
    """Why ``value`` cannot be a slug, or None if it can."""
    if not ID_PATTERN.match(value):
        return SlugProblem("may use only a-z, 0-9 and '-'", "for example 'nikol-pashinyan'")
    if len(value) > MAX_LENGTH:
        return SlugProblem(f"is longer than {MAX_LENGTH} characters", "shorten it")
    if value in RESERVED_IDS:
        return SlugProblem(f"may not be '{value}': the name is reserved for the site's own "
                           "pages", "choose another")
    if windows_reserved(value):
        return SlugProblem(f"may not be '{value}': Windows cannot create a file or folder of "
                           "that name, so the offline bundle could not be unpacked there",
                           "choose another")
    return None
