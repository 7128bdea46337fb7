"""The article as runs of prose in a page's classified lines, and the boxes between them.

A copied page's lines, each classified (``ingest_text.classify``), hold the article as
stretches of prose: paragraphs with at most one short line between them (a crosshead).
A box between two stretches (a sign-up, an appeal, an advertisement, a "Read also" link)
interrupts the article without ending it, unless something in it says the article has
ended; its lines that are no sentence are left out of the article.
"""

from __future__ import annotations

import re
from typing import Literal

from generator.editorial.pagesignals import labels
from generator.editorial.pagesignals.wrapping import SENTENCE_END

Kind = Literal["prose", "short", "date", "byline", "skip", "end", "bullet"]

_BOX_LINES = 8  # the lines of a box that interrupts an article (a sign-up, an appeal)
_ARMENIAN_LETTER = re.compile(r"[\u0531-\u0587]")


def prose_runs(kinds: list[Kind]) -> list[tuple[int, int]]:
    """Stretches of prose, allowing skipped furniture and one short line between paragraphs."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    last = pending = 0
    for index, kind in enumerate(kinds):
        if kind == "prose":
            start = index if start is None else start
            last, pending = index, 0
        elif start is not None and kind == "skip":
            continue
        elif start is not None and kind == "short" and pending == 0:
            pending = 1
        elif start is not None:
            runs.append((start, last))
            start, pending = None, 0
    if start is not None:
        runs.append((start, last))
    return runs


def across_boxes(lines: list[str], kinds: list[Kind], runs: list[tuple[int, int]]
                 ) -> list[tuple[int, int]]:
    """Runs of prose joined across a box between them (a newsletter sign-up, an appeal, an
    advertisement: at most _BOX_LINES lines), where the text goes on for two paragraphs
    or more after it and nothing in it says the article has ended (a related list,
    comments, tags, a copyright: ``labels.HARD_END``) or another begins (a byline or a
    date)."""
    joined: list[tuple[int, int]] = []
    for start, end in runs:
        if joined and start - joined[-1][1] - 1 <= _BOX_LINES and sum(
                kinds[i] == "prose" for i in range(start, end + 1)) >= 2 and not any(
                labels.HARD_END.match(lines[i]) or kinds[i] in ("date", "byline")
                for i in range(joined[-1][1] + 1, start)):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def boxes_left_out(lines: list[str], kinds: list[Kind], runs: list[tuple[int, int]]
                   ) -> list[Kind]:
    """Inside a run, a box between paragraphs that opens with a label (a line of at most
    four words that ends no sentence) over lines that are no sentence either: a "Read also"
    and the headline it links, in any language ("Կարդացեք նաև", "ასევე წაიკითხეთ", "ذات
    صلة", "LEGGI ANCHE"), left out. One short line alone is the article's crosshead; a
    line that ends a sentence is kept (a short paragraph); lines under a paragraph that
    ends with a colon are its list."""
    kinds = list(kinds)
    for start, end in runs:
        index = start
        while index <= end:
            if kinds[index] == "prose":
                index += 1
                continue
            gap = index
            while gap <= end and kinds[gap] != "prose":
                gap += 1
            shorts = [i for i in range(index, gap) if kinds[i] == "short"]
            label = lines[shorts[0]] if shorts else ""
            if len(shorts) >= 2 and len(label.split()) <= 4 and not SENTENCE_END.search(label) \
                    and not _introduces_list(lines[index - 1]):
                for i in shorts:
                    kinds[i] = kinds[i] if SENTENCE_END.search(lines[i]) else "skip"
            index = gap
    return kinds


def _introduces_list(line: str) -> bool:
    """A paragraph ending with a colon ("These are the updates on Friday:"), which in
    Armenian, typed with a colon for its full stop ("։"), is a sentence's end."""
    return line.endswith(":") and not _ARMENIAN_LETTER.search(line)


def run_size(lines: list[str], kinds: list[Kind], run: tuple[int, int]) -> int:
    """A run's weight: the characters of its prose."""
    return sum(len(lines[i]) for i in range(run[0], run[1] + 1) if kinds[i] == "prose")
