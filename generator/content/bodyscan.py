"""Checks on the Markdown source of a body, before it is rendered, each with its line.

Two kinds: raw HTML and control characters (refused: editors write Markdown text), and
shapes that would make Python-Markdown slow or make it recurse without end (refused
before it runs).
Every check here takes time linear in the size of the text (no regular expression here
can backtrack further than the end of its line or the next '<'), so that no input,
however shaped, makes a check hang.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate

from generator.content.syntax import textrules
from generator.content.syntax.fields import FieldError

# Budgets for the shapes that make Python-Markdown slow, each about a second of rendering
# at its worst on a small machine (measured with Python-Markdown 3.11; real briefings use
# a thousandth of each). Costs are summed over the blocks of a body.
#
# The link parser scans from every '[' to its matching ']' (and from every '](' to its
# ')') one character at a time: unclosed brackets cost the square of a paragraph's length.
BRACKET_BUDGET = 1_000_000
# Every inline match (emphasis, code, escape, entity, link) re-slices the rest of its
# paragraph: block length x inline markers.
INLINE_BUDGET = 3_000_000_000
# Headings, rules, footnote, abbreviation and reference definitions split their block, and
# every split re-reads the rest of it: block length x such lines.
SPLIT_BUDGET = 20_000_000
# Tables, lists and rules cost a tenth of a millisecond per line: a body's lines are capped
# (a long briefing has a few hundred).
MAX_LINES = 20_000
# A code fence ('```', '~~~') that never closes makes the fence parser scan the rest of the
# body for its closing line: characters scanned, summed over such fences (8,000 of them in
# 40,000 characters took 3 s).
FENCE_BUDGET = 20_000_000
MAX_FOOTNOTE_REFERENCES = 200  # each reference searches all earlier ones
MAX_ABBREVIATIONS = 100  # each definition is one more pass over the whole text
MAX_BRACKET_DEPTH = 32  # nested link text is parsed recursively
MAX_QUOTE_DEPTH = 16  # '>' markers: each level is a recursive parse
MAX_INDENT = 120  # columns; each list level is a recursive parse of the indented text
_INLINE_MARKERS = tuple("*_`\\[]!&<")

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"`+[^`]*`+")
_AUTOLINK = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>")
_RAW_TAG = re.compile(r"<\s*(/?[a-zA-Z][a-zA-Z0-9-]*|!--|!\[CDATA\[|!doctype|\?)",
                      re.IGNORECASE)
_SPLITTING_LINE = re.compile(r"^ {0,3}(?:#|\*?\[|[-*_=](?: *[-*_=]){2}|:)", re.MULTILINE)
_ABBREVIATION = re.compile(r"^ {0,3}\*\[", re.MULTILINE)
_ABBREVIATION_NAME = re.compile(r"^ {0,3}\*\[([^\]\n]{1,100})\]:", re.MULTILINE)
# Not allowed in XML (the feeds) and invisible everywhere; tab and newline are fine.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")
_BRACKET = re.compile(r"[\[\]]")
_PAREN = re.compile(r"[()]")


@dataclass(frozen=True)
class Block:
    """Consecutive non-blank lines (a paragraph, a list, ...), as Python-Markdown sees them."""

    text: str
    line: int  # file line of its first line


def source_problems(text: str, first_line: int) -> list[FieldError]:
    """Raw HTML outside code, and control characters, in ``text`` (from ``first_line``)."""
    problems = list(_raw_html(text, first_line))
    control = _CONTROL.search(text)
    if control:
        problems.append(FieldError(f"the text contains the control character "
                                   f"U+{ord(control.group(0)):04X}",
                                   first_line + text.count("\n", 0, control.start()),
                                   "remove it; it is invisible, and feeds cannot carry it"))
    elif (other := textrules.multi_line_problem(text)) is not None:  # bidi controls, C1
        at = textrules.first_refused(text)
        problems.append(FieldError(f"the text {other}",
                                   first_line + text.count("\n", 0, at),
                                   "remove it: it changes how the text reads"))
    return problems


def shape_problems(text: str, first_line: int) -> list[FieldError]:
    """Shapes that would make rendering slow or recurse too deeply, by line."""
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        return [FieldError(f"the text has {lines:,} lines; at most {MAX_LINES:,} are allowed",
                           first_line + MAX_LINES, "split it into several briefings")]
    problems: list[FieldError] = []
    costs = _Costs(_ABBREVIATION_NAME.findall(text))
    for block in blocks(text, first_line):
        nesting = _nesting(block)
        if nesting is not None:
            problems.append(nesting)
        else:
            costs.add(block)
    problems += costs.over_budget()
    problems += _counted(text, first_line)
    problems += _unclosed_fences(text, first_line)
    return problems


def blocks(text: str, first_line: int) -> Iterator[Block]:
    """The text split at blank lines, each part with its first line."""
    lines: list[str] = []
    start = first_line
    for number, line in enumerate(text.split("\n"), start=first_line):
        if line.strip():
            if not lines:
                start = number
            lines.append(line)
        elif lines:
            yield Block("\n".join(lines), start)
            lines = []
    if lines:
        yield Block("\n".join(lines), start)


def _raw_html(text: str, first_line: int) -> Iterator[FieldError]:
    if "<" not in text:  # no tag without one (most bodies): no line to look at
        return
    fence = ""
    for number, line in enumerate(text.split("\n"), start=first_line):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and \
                    len(opening.group(1)) >= len(fence) and not line.strip(" `~"):
                fence = ""
            continue
        if opening:
            fence = opening.group(1)
            continue
        tag = _RAW_TAG.search(_AUTOLINK.sub("", _CODE_SPAN.sub("", line)))
        if tag:
            yield FieldError(f"raw HTML '<{tag.group(1)[:20]}' is not allowed in Markdown text",
                             number, "write Markdown instead; to show a '<' write '&lt;'")


def _nesting(block: Block) -> FieldError | None:
    """Nesting deep enough to exhaust the stack of a recursive parser."""
    for number, line in enumerate(block.text.split("\n"), start=block.line):
        if not line[:1].isspace() and line[:1] != ">":  # most: neither indented nor quoted
            continue
        expanded = line.expandtabs(4)
        indent = len(expanded) - len(expanded.lstrip())
        if indent > MAX_INDENT:
            return FieldError(f"the line is indented by {indent} columns; at most "
                              f"{MAX_INDENT} are allowed", number,
                              "lists and quotes may not be nested this deeply")
        if line[: len(line) - len(line.lstrip(" >"))].count(">") > MAX_QUOTE_DEPTH:
            return FieldError(f"quotes are nested more than {MAX_QUOTE_DEPTH} levels deep",
                              number, "remove some of the '>' at the start of the line")
    if block.text.count("[") > MAX_BRACKET_DEPTH:
        deep_at = _too_deep(block.text)
        if deep_at is not None:
            return FieldError(f"brackets '[' are nested more than {MAX_BRACKET_DEPTH} levels "
                              "deep", block.line + block.text.count("\n", 0, deep_at),
                              "remove the extra '[' or write '\\[' for a literal bracket")
    return None


@dataclass(frozen=True)
class _Budget:
    kind: str
    limit: int
    message: str
    hint: str


_BUDGETS = (
    _Budget("bracket", BRACKET_BUDGET, "too many unclosed '[' or '(' in one paragraph",
            "close each '[' with ']', write '\\[' for a literal bracket, or split the "
            "paragraph with blank lines"),
    _Budget("inline", INLINE_BUDGET, "too much markup in one long paragraph",
            "split it with blank lines, or remove repeated '*', '_', '`', '\\', '&', '<', "
            "'[' or '!' characters"),
    _Budget("split", SPLIT_BUDGET, "too many headings, rules or definitions without a "
            "blank line between them", "put a blank line after each heading and rule"),
)


class _Costs:
    """Rendering cost of each kind, summed over blocks, and the costliest block of each."""

    def __init__(self, abbreviations: list[str]) -> None:
        # Each use of an abbreviation is one more inline match, like a marker.
        self.abbreviations = abbreviations[:MAX_ABBREVIATIONS]
        self.total = {budget.kind: 0 for budget in _BUDGETS}
        self.worst = {budget.kind: (0, 0) for budget in _BUDGETS}

    def add(self, block: Block) -> None:
        text = block.text
        markers = sum(text.count(marker) for marker in (*_INLINE_MARKERS, "  \n",
                                                          *self.abbreviations))
        costs = {"inline": len(text) * markers,
                 "split": len(text) * len(_SPLITTING_LINE.findall(text)),
                 "bracket": _bracket_cost(text)}
        for kind, cost in costs.items():
            self.total[kind] += cost
            if cost > self.worst[kind][0]:
                self.worst[kind] = (cost, block.line)

    def over_budget(self) -> list[FieldError]:
        return [FieldError(f"pathological Markdown: {budget.message}",
                           self.worst[budget.kind][1], budget.hint)
                for budget in _BUDGETS if self.total[budget.kind] > budget.limit]


def _counted(text: str, first_line: int) -> list[FieldError]:
    problems = []
    references = text.count("[^")
    if references > MAX_FOOTNOTE_REFERENCES:
        problems.append(FieldError(f"pathological Markdown: {references} footnote markers "
                                   f"'[^'; at most {MAX_FOOTNOTE_REFERENCES} are allowed",
                                   first_line, "use fewer footnotes"))
    abbreviations = len(_ABBREVIATION.findall(text))
    if abbreviations > MAX_ABBREVIATIONS:
        problems.append(FieldError(f"pathological Markdown: {abbreviations} abbreviation "
                                   f"definitions '*['; at most {MAX_ABBREVIATIONS} are allowed",
                                   first_line, "define fewer abbreviations"))
    return problems


def _bracket_cost(text: str) -> int:
    """Characters the link parser scans in this block (0 when it is cheap for certain)."""
    if text.count("[") * len(text) <= BRACKET_BUDGET // 10:
        return 0
    return _scan_cost(text) + _link_target_cost(text)


def _too_deep(text: str) -> int | None:
    """Where '[' first nests deeper than the limit, or None."""
    depth = 0
    for match in _BRACKET.finditer(text):
        depth = depth + 1 if match.group(0) == "[" else max(depth - 1, 0)
        if depth > MAX_BRACKET_DEPTH:
            return match.start()
    return None


def _scan_cost(text: str) -> int:
    """Characters scanned from every '[' to its matching ']' (or the end of the block)."""
    cost = 0
    stack: list[int] = []
    for match in _BRACKET.finditer(text):
        if match.group(0) == "[":
            stack.append(match.start())
        elif stack:
            cost += match.start() - stack.pop()
    return cost + sum(len(text) - start for start in stack)


def _link_target_cost(text: str) -> int:
    """Characters scanned from every '](' to its balancing ')' (or the end)."""
    if text.count("](") * len(text) <= BRACKET_BUDGET // 10:
        return 0
    closing: dict[int, int] = {}
    stack: list[int] = []
    for match in _PAREN.finditer(text):
        if match.group(0) == "(":
            stack.append(match.start())
        elif stack:
            closing[stack.pop()] = match.start()
    cost = 0
    start = text.find("](")
    while start != -1:
        cost += closing.get(start + 1, len(text)) - start
        start = text.find("](", start + 2)
    return cost


_FENCE_LINE = re.compile(r"(`{3,}|~{3,})(.*)")


def _unclosed_fences(text: str, first_line: int) -> list[FieldError]:
    """Fences that never close, if scanning for their ends costs more than FENCE_BUDGET.

    As Python-Markdown reads them: a fence opens at a line's start and closes at the next
    line of exactly the same fence (trailing spaces allowed); one that does not close is
    scanned to the end, and the next line is tried.
    """
    if "```" not in text and "~~~" not in text:  # no fence at all (most bodies)
        return []
    lines = text.split("\n")
    closers: dict[str, list[int]] = {}
    for number, line in enumerate(lines):
        found = _FENCE_LINE.match(line)
        if found and not found.group(2).strip(" "):
            closers.setdefault(found.group(1), []).append(number)
    cost, first_unclosed, number = 0, None, 0
    starts = list(accumulate((len(line) + 1 for line in lines), initial=0))
    while number < len(lines):
        found = _FENCE_LINE.match(lines[number])
        later = closers.get(found.group(1), []) if found else []
        end = bisect_right(later, number)
        if found and end < len(later):
            number = later[end] + 1  # the block, closed: read once
            continue
        if found:
            cost += len(text) - starts[number]
            first_unclosed = number if first_unclosed is None else first_unclosed
        number += 1
    if cost <= FENCE_BUDGET or first_unclosed is None:
        return []
    return [FieldError("pathological Markdown: code fences ('```' or '~~~') that never close",
                       first_line + first_unclosed,
                       "close each fence with a line of the same fence, or remove the extra "
                       "ones")]
