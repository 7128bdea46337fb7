"""Markdown published otherwise than meant: warned about on its line, and only then."""

from __future__ import annotations

import pytest

from generator.content.syntax.published import published_wrongly


@pytest.mark.parametrize(("body", "lines"), [
    ("Text.\n\n    Indented paragraph.", [3]),
    ("\tTab-indented first paragraph.", [1]),
    ("Text.\n\n  \tMixed spaces and a tab.", [3]),
    ("Text.\n\n# Heading", [3]),
    ("A title\n=======\n\nText.", [2]),
    ("Text.\n\n    one\n    two\n\n    three", [3]),  # one code block, one warning
])
def test_warned_on_the_line(body: str, lines: list[int]) -> None:
    assert [w.line for w in published_wrongly(body, 1)] == lines


@pytest.mark.parametrize("body", [
    "- an item\n\n    its second paragraph, indented as a list wants",
    "1. first\n    continued",
    "Text\n    a lazy continuation line (no blank before: not code)",
    "```\n    code in a fence\n# not a heading in a fence\n```",
    "~~~~\n# shell comment\n~~~~",
    "## A section\n\nText.",
    "#hashtag is no heading",
    "Text.\n\n---\n\nMore text.",
])
def test_not_warned(body: str) -> None:
    assert published_wrongly(body, 1) == []
