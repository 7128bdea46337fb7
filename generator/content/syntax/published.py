"""Markdown that is valid but published otherwise than its writer meant: warnings, each on its
line with the fix.

- A paragraph indented by four spaces or a tab (text pasted from a word processor) is a code
  block in Markdown: the briefing shows it in a monospaced box, and the lede that lists, feeds
  and the JSON export take from the first paragraph becomes a fragment.
- A ``# Heading`` (or a line underlined with ``===``) in a body is a second top-level heading
  after the page's own title.

One pass over the lines, in time linear in the body; fenced code is skipped.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["BodyWarning", "published_wrongly"]

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:\s|$)")
_H1 = re.compile(r"^ {0,3}#(?:[ \t]|$)")
_SETEXT_H1 = re.compile(r"^ {0,3}=+[ \t]*$")
_INDENTED = re.compile(r"^(?: {4}|\t| {1,3}\t)")
_QUOTE = re.compile(r"^ {0,3}>")


class BodyWarning(NamedTuple):
    """One warning, where it stands and how to fix it."""

    line: int
    message: str
    hint: str


def published_wrongly(body: str, first_line: int) -> list[BodyWarning]:
    """Warnings for an indented paragraph and a top-level heading in ``body``, whose first line
    is ``first_line`` of its file."""
    found: list[BodyWarning] = []
    fence: str | None = None
    blank_before, in_list, in_code, previous_text = True, False, False, False
    for number, line in enumerate(body.split("\n"), start=first_line):
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            continue
        if opened:
            fence, blank_before, previous_text = opened.group(1), False, False
            continue
        if not line.strip():
            blank_before, previous_text = True, False
            continue
        if _INDENTED.match(line):
            if blank_before and not in_list and not in_code:
                found.append(BodyWarning(*(number, "this paragraph is indented by four spaces or a "
                                      "tab, so it is published as a code block (and a lede "
                                      "taken from it is a fragment)",
                                      "remove the indentation (text pasted from a word "
                                      "processor often has it); to show code, fence it with "
                                      "```")))
            in_code = in_code or (blank_before and not in_list)
            blank_before = False
            continue
        in_code = False
        if _LIST_ITEM.match(line):
            in_list = True
        elif blank_before and not _QUOTE.match(line):
            in_list = False
        if _H1.match(line) or (previous_text and _SETEXT_H1.match(line)):
            found.append(BodyWarning(*(number, "a top-level heading in the body is a second title "
                                  "after the page's own", "use '## ' for a section heading")))
        blank_before, previous_text = False, not _LIST_ITEM.match(line)
    return found[:20]
