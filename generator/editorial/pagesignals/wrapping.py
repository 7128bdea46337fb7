"""Text copied from a PDF or a print-out, its hard-wrapped lines made paragraphs again.

A block between blank lines whose lines are about as wide as its widest and mostly end
inside a sentence is one paragraph, unless a line was broken on purpose (the next line's
first word would have fitted on it); a short heading over such a block ("SUMMARY") stays
its own line; a footnote's marker glued after a stop ("recognition.1") ends a sentence;
in a block that also holds a headline or a byline,
lines are joined only where a sentence plainly goes on; in a copy with such blocks, a
word broken at a line's end is one word and a heading wrapped over a few lines is one
line. Other text (a web page's copy: one paragraph a line) is left line by line.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence

import justext

from generator.editorial.pagesignals import pagedates

BROKEN_WORD = re.compile(r"[^\W\d]-$")  # "Guar-": a word broken at the line's end
# Where a footnote's marker may be glued after a stop: a word, a year or a closing quote
# ("recognition.1", "in 2024.3", "“when the time comes”.2").
_MARKED = r"(?:(?<=[^\W\d]{2})|(?<=\d{4})|(?<=[\"'”’»)]))"
SENTENCE_END = re.compile(r"(?:[.!?…:؟。։।][\"'”’»)\]]*[¹²³⁴⁵⁶⁷⁸⁹⁰]*(?:\[\d{1,3}\])*|"
                          + _MARKED + r"[.!?][\"'”’»)]*\d{1,2})$")  # "failed.[8]", "hold.2"
# A footnote's marker glued after a word's stop ("recognition.1"), and a footnote's line.
FOOTNOTE_MARK = re.compile(_MARKED + r"[.!?][\"'”’»)]*(\d{1,2})(?=\s|$)")
FOOTNOTE_LINE = re.compile(r"^(\d{1,2})\s+\S")


_HEADED = re.compile(r"^[^\n]+\n[^\n]+$")  # a heading over one rebuilt paragraph


def unwrap(text: str) -> str:
    """Paragraphs rebuilt from hard-wrapped text (a PDF copy): within a block between blank
    lines whose lines are about as wide as its widest and mostly end inside a sentence,
    the lines are one paragraph. Other text is left line by line, but for a copy with such
    blocks, whose short blocks' broken words and wrapped headings are joined too."""
    blocks = re.split(r"\n[ \t\u00a0]*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    rebuilt = [_unwrapped(block) for block in blocks]
    if any(block.strip().count("\n") >= 2 + new.count("\n") and (  # a paragraph, or a heading
            "\n" not in new or _HEADED.match(new))  # over one
           for block, new in zip(blocks, rebuilt, strict=True)):
        rebuilt = [new if "\n" not in new else _unwrapped(block, hard_wrapped=True)
                   for block, new in zip(blocks, rebuilt, strict=True)]
    return "\n\n".join(rebuilt)


def _unwrapped(block: str, hard_wrapped: bool = False) -> str:
    lines = [" ".join(line.split()) for line in block.split("\n") if line.strip()]
    if len(lines) >= 4 and len(lines[0]) < 0.5 * max(map(len, lines[1:])) and not \
            SENTENCE_END.search(lines[0]) and SENTENCE_END.search(lines[-1]) and not any(
            SENTENCE_END.search(line) for line in lines[1:-1]):
        # a heading over its paragraph ("SUMMARY"), wrapped inside its sentences
        rest = _unwrapped("\n".join(lines[1:]))
        if "\n" not in rest:
            return f"{lines[0]}\n{rest}"
    if hard_wrapped and not re.search(r"\S[ \t]{4,}\S", block):  # not two columns
        return _wrapped_heading(lines)
    if hard_wrapped:
        return "\n".join(lines)
    if len(lines) < 2:
        return "\n".join(lines)
    widest = max(len(line) for line in lines)
    open_ended = sum(not SENTENCE_END.search(line) for line in lines[:-1])
    if widest < 40 or any(len(line) < widest * 0.6 for line in lines[:-1]) or \
            open_ended * 2 < len(lines) - 1 or any(
            _room_for(line, below, widest) for line, below in itertools.pairwise(lines)):
        return "\n".join(_carried_on(lines, widest))
    joined = lines[0]
    for line in lines[1:]:
        hyphen = joined.endswith("-") and joined[-2:-1].isalpha() and line[:1].islower()
        joined = joined[:-1] + line if hyphen else f"{joined} {line}"
    return joined


def _room_for(line: str, below: str, widest: int) -> bool:
    """The next line's first word would have fitted on ``line`` (with a margin for a
    proportional font's narrower letters): the line was broken on purpose, not wrapped."""
    return len(line) + 1 + len(below.split(" ", 1)[0]) < widest * 0.85


def _carried_on(lines: list[str], widest: int) -> list[str]:
    """Lines of a block that is not all one paragraph (a print-out's headline and byline
    over its wrapped text) joined where a sentence plainly goes on: a wide line (three
    quarters of the widest, 50 characters or more) ends without a stop and the next opens
    in small letters, or the line ends on a word that cannot end a sentence ("until")."""
    joined: list[str] = []
    for line in lines:
        last = joined[-1] if joined else ""
        wide = len(last) >= max(50, widest * 0.75) and not SENTENCE_END.search(last)
        last_line = len(line) < widest * 0.6  # a paragraph's last line ends a sentence
        if wide and (line[:1].islower() or last.rsplit(" ", 1)[-1].casefold() in _GOES_ON
                     or _function_word(last.rsplit(" ", 1)[-1])) and (
                not last_line or SENTENCE_END.search(line)):
            joined[-1] = f"{last} {line}"
        else:
            joined.append(line)
    return joined


_GOES_ON = frozenset((
    "the", "a", "an", "of", "to", "in", "on", "at", "by", "for", "with", "and", "or", "but",
    "that", "which", "until", "from", "as", "is", "was", "has", "have", "its", "their", "his",
    "her", "de", "la", "le", "les", "des", "du", "et", "à", "en", "и", "в", "на", "с", "по",
    "der", "die", "das", "und", "von", "zu", "el", "los", "las", "y", "del", "que", "و", "في"))


# The function words of the archive's source languages, from jusText's stop-word lists
# (short words only: the long lists hold frequent content words too): a line that ends on
# one ("... economy before any" / "Western alternative ...") goes on, whatever the next
# line opens with.
_STOPLISTS = ("English", "French", "German", "Spanish", "Italian", "Turkish", "Azerbaijani",
              "Russian", "Ukrainian", "Arabic", "Persian", "Armenian", "Georgian")


@functools.cache
def _function_words() -> frozenset[str]:
    return frozenset(word for language in _STOPLISTS
                     for word in justext.get_stoplist(language) if len(word) <= 4)


def _function_word(word: str) -> bool:
    return word.casefold() in _function_words()


def _wrapped_heading(lines: list[str]) -> str:
    """In a hard-wrapped copy, a short block's lines: a word broken at a line's end
    ("Guar-" / "antees?") is one word, and a heading wrapped over two to four lines none of
    which ends a sentence ("After Karabakh: Can Armenia Reduce Its" / "Dependence ...") is
    one line; a block of short lines (a name and an affiliation) stays as it is."""
    joined: list[str] = []
    for line in lines:
        if joined and BROKEN_WORD.search(joined[-1]) and line[:1].islower():
            joined[-1] = joined[-1][:-1] + line
        else:
            joined.append(line)
    if 2 <= len(joined) <= 4 and all(len(line) >= 25 and not SENTENCE_END.search(line)
                                     for line in joined[:-1]) and sum(map(len, joined)) <= 200:
        return " ".join(joined)
    return "\n".join(joined)


def running_title(lines: list[str], short: Sequence[bool], start: int) -> int | None:
    """A document's title where no line above the text reads as a headline (a report's
    title in capitals): the short line above the text that its pages repeat as running
    header."""
    return next((i for i in range(max(0, start - 16), start) if short[i]
                 and len(lines[i].split()) >= 4 and lines[i] in lines[start:]
                 and not pagedates.complete_dates(lines[i])), None)


def repeats_and_notes(lines: list[str], short: Sequence[bool], wrapped: bool) -> set[int]:
    """Where the furniture between a document's paragraphs is: a short line that repeats
    one above in a hard-wrapped copy (a running header), and a footnote (a line opening
    with a number that marks the end of a sentence: "... recognition.1")."""
    marks = {m.group(1) for line in lines for m in FOOTNOTE_MARK.finditer(line)}
    seen: set[str] = set()
    found: set[int] = set()
    for index, line in enumerate(lines):
        note = FOOTNOTE_LINE.match(line)
        if (wrapped and short[index] and line in seen and len(line.split()) >= 3) or (
                note and note.group(1) in marks and len(line.split()) <= 40):
            found.add(index)
        seen.add(line)
    return found
