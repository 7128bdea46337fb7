"""A hint for every problem: what to do, for the messages that state only what is wrong.

Most checks give their own hint where they find the problem; the field parsers' plainer
messages ("'date' is not a real date", "'actors' needs at least one entry") get theirs
here, by the shape of the message, so that no editor meets a message without one. The
last resort points at the guide's list of messages.
"""

from __future__ import annotations

import re
from dataclasses import replace

from generator.content.problems import Problem

_BY_MESSAGE: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), hint) for pattern, hint in (
        (r"is not a real date", "that day does not exist: check the month (01-12) and the day"),
        (r"must be true or false", "write true or false, without quotes"),
        (r"must be a list, like", "write the entries in square brackets, separated by commas"),
        (r"needs at least one entry", "add an entry, or remove the key if it is optional"),
        (r"must be text, not a list", "write one value here, without '[ ]' or '- ' lines"),
        (r"must be text, not a mapping", "write plain text, without 'key:' inside it"),
        (r"must be text, not", "put the text in double quotes"),
        (r"is empty$", "write a value, or remove the key if it is optional"),
        (r"characters long; at most", "shorten it"),
        (r"is longer than \d+ characters", "shorten it"),
        (r"^the front matter must be a mapping",
         "between the two '---' lines write one 'key: value' per line, starting with 'title:'"),
        (r"^each 'source' must be a mapping",
         "write 'name:' and 'url:' on lines of their own, indented by two spaces under "
         "'source:'"),
        (r"^each entry must be a mapping",
         "start the entry with '- id: ...' and indent its other 'key: value' lines by two "
         "spaces"),
        (r"^not a briefing", "if it is meant as a briefing, rename it to end in '.md'; "
                             "otherwise move it out of the briefings folder"),
    ))
GUIDE = "see 'What each error means' in CONTRIBUTING.md"


def with_hint(problem: Problem) -> Problem:
    """``problem`` as it is if it has a hint, else with the hint its message calls for."""
    if problem.hint:
        return problem
    for pattern, hint in _BY_MESSAGE:
        if pattern.search(problem.message):
            return replace(problem, hint=hint)
    return replace(problem, hint=GUIDE)
