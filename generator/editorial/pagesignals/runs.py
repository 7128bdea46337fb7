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
_END_CREDIT = re.compile(r"\s*\([^()]{1,40}\)$")  # "... overnight. (BBC News)"
_FULL_STOP = re.compile(r"[.։。۔][\"'”’»)\]]*[¹²³⁴⁵⁶⁷⁸⁹⁰]*(?:\[\d{1,3}\])*\d{0,2}$")  # "2024.[5]"


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


def across_boxes(lines: list[str], kinds: list[Kind], runs: list[tuple[int, int]],
                 wrapped: bool = False) -> tuple[list[tuple[int, int]], list[Kind]]:
    """Runs of prose joined across a box between them (a newsletter sign-up, an appeal, an
    advertisement: at most _BOX_LINES lines), where the text goes on for two paragraphs
    or more after it and nothing in it says the article has ended (a related list,
    comments, tags, a copyright: ``labels.HARD_END``) or another begins (a byline or a
    date: but in a hard-wrapped copy, one document's pages, a date or a byline between two
    runs of two paragraphs or more is a running header, where between a standfirst and the
    text it is the byline's); and the kinds, with every line of a box framed by two
    labels left out (see ``_framed``)."""
    joined: list[tuple[int, int]] = []
    kinds = list(kinds)
    for start, end in runs:
        if len(joined) >= 2 and _framed(lines, kinds, range(joined[-2][1] + 1, start)) \
                and start - joined[-2][1] - 1 <= _BOX_LINES:
            joined.pop()  # a one-line run inside a framed box: a related story's headline
        between = range(joined[-1][1] + 1, start) if joined else range(0)
        stamped = any(kinds[i] in ("date", "byline") for i in between)
        if joined and len(between) <= _BOX_LINES and _prose_in(kinds, (start, end)) >= 2 \
                and not any(labels.HARD_END.match(lines[i]) for i in between) and (
                not stamped or _framed(lines, kinds, between)
                or (wrapped and _prose_in(kinds, joined[-1]) >= 2)):
            joined[-1] = (joined[-1][0], end)
            if _framed(lines, kinds, between):
                kinds[between.start:between.stop] = ["skip"] * len(between)
        else:
            joined.append((start, end))
    return joined, kinds


def _prose_in(kinds: list[Kind], run: tuple[int, int]) -> int:
    return sum(kinds[i] == "prose" for i in range(run[0], run[1] + 1))


def _framed(lines: list[str], kinds: list[Kind], between: range) -> bool:
    """A box that opens and closes with a label (a short line of at most four words that
    ends no sentence: "Related content" ... "End of related content", as one CMS writes
    it in every language it publishes in) and holds nothing that ends with a full stop
    (a related story's headline, its date): furniture, never the start of another article
    (which opens with its headline and goes on from its byline or date) nor a section of
    this one (whose paragraph ends with a full stop)."""
    if len(between) < 3:
        return False
    return _label(lines, kinds, between.start) and _label(lines, kinds, between.stop - 1) \
        and not any(_FULL_STOP.search(_END_CREDIT.sub("", lines[i])) for i in between)


def _label(lines: list[str], kinds: list[Kind], index: int) -> bool:
    line = lines[index]
    return kinds[index] == "short" and len(line.split()) <= 4 and not SENTENCE_END.search(line)


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
            closing = next((i for i in range(index + 2, min(end, index + _BOX_LINES) + 1)
                            if _framed(lines, kinds, range(index, i + 1))), None) if _label(
                lines, kinds, index) else None
            if closing is not None:  # a framed box inside the run: "Related" ... "End"
                kinds[index:closing + 1] = ["skip"] * (closing + 1 - index)
                index = closing + 1
                continue
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
