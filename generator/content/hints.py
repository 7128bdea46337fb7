"""The last resort for a problem without a hint: the guide's list of messages.

Every check of ours writes its hint beside its message, where it finds the problem
(``content/syntax/located.py``); this only catches what comes without one, such as a
message of a library, so that no editor meets a message with nothing to do about it.
"""

from __future__ import annotations

from dataclasses import replace

from generator.content.problems import Problem

GUIDE = "see 'What each error means' in CONTRIBUTING.md"


def with_hint(problem: Problem) -> Problem:
    """``problem`` as it is if it has a hint, else pointing at the guide."""
    return problem if problem.hint else replace(problem, hint=GUIDE)
