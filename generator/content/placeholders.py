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
FILL_IN_MARK = "<- FILL IN:"
# A key `ingest` could not read from the page, left as a comment: "# published:   <- FILL IN".
_FILL_IN = re.compile(r"^\s*#\s*(?P<key>[a-z]+):\s+" + re.escape(FILL_IN_MARK), re.MULTILINE)
PLACEHOLDER = ("Write the summary here, in your own words: what happened, who was involved and "
               "why it matters. Quote the source sparingly. " + PLACEHOLDER_MARK
               + ": replace it, then delete the line `draft: true` above.)")
_DRAFT = re.compile(r"^draft:\s*true\b", re.MULTILINE)


def scan_text(shown: str, text: str) -> list[Problem]:
    """Problems for a briefing file that still holds scaffolding (cheap when it holds none)."""
    if ARTICLE_START not in text and PLACEHOLDER_MARK not in text and FILL_IN_MARK not in text:
        return []
    problems = _fill_ins(shown, text)
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


# Keys whose absence is reported already, as a missing required key.
_REQUIRED = frozenset(("title", "date", "region", "actors", "source", "name", "url"))


def _fill_ins(shown: str, text: str) -> list[Problem]:
    """Each value `ingest` left to fill in: never guessed, so never published unfilled."""
    head = text.split("\n---", 1)[0]
    return [Problem(shown, head.count("\n", 0, match.start()) + 1,
                    f"'{match.group('key')}' is still to be filled in",
                    "write the value from the article on this line, in place of the comment "
                    "(or delete the line where the key is optional and the report does not "
                    "say)")
            for match in _FILL_IN.finditer(head) if match.group("key") not in _REQUIRED]


def _line_of(lines: list[str], needle: str) -> int | None:
    for number, line in enumerate(lines, start=1):
        if needle in line:
            return number
    return None
