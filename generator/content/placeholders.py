"""Scaffolding that `briefings new` and `briefings ingest` write and the editor must remove.

`new` writes a placeholder summary under ``draft: true``; `ingest` copies the
article's text into the draft's front matter as comments, for writing the
summary from. Neither may reach the public repository or site: a briefing that is
not a draft but still has the placeholder, and any briefing that still holds the
copied article text, is an error of `briefings check`.
"""

from __future__ import annotations

import re

from generator.content.problems import Problem

ARTICLE_START = "# >>> ARTICLE TEXT"
ARTICLE_END = "# <<< END OF ARTICLE TEXT"
PLACEHOLDER_MARK = "(This text was written by `briefings new`"
PLACEHOLDER = ("Write the summary here, in your own words: what happened, who was involved and "
               "why it matters. Quote the source sparingly. " + PLACEHOLDER_MARK
               + ": replace it, then delete the line `draft: true` above.)")
_DRAFT = re.compile(r"^draft:\s*true\b", re.MULTILINE)


def scan_text(shown: str, text: str) -> list[Problem]:
    """Problems for a briefing file that still holds scaffolding (cheap when it holds none)."""
    if ARTICLE_START not in text and PLACEHOLDER_MARK not in text:
        return []
    problems = []
    lines = text.split("\n")
    article = _line_of(lines, ARTICLE_START)
    if article:
        problems.append(Problem(
            shown, article, "the article text copied by `briefings ingest` is still in the file",
            f"write the summary in your own words, then delete the lines from '{ARTICLE_START}' "
            f"to '{ARTICLE_END}': briefings never reprint an article"))
    placeholder = _line_of(lines, PLACEHOLDER_MARK)
    if placeholder and not _DRAFT.search(text.split("\n---", 1)[0]):
        problems.append(Problem(
            shown, placeholder, "the summary is still the placeholder written by `briefings new`",
            "write the summary in your own words, or keep 'draft: true' until you have"))
    return problems


def _line_of(lines: list[str], needle: str) -> int | None:
    for number, line in enumerate(lines, start=1):
        if needle in line:
            return number
    return None
