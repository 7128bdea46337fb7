"""Every problem an editor can meet carries a hint that says what to do."""

from __future__ import annotations

import re
from pathlib import Path

from generator.content.hints import GUIDE, with_hint
from generator.content.problems import Problem

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
_REPORTED = re.compile(r"^\S.*?:(?:\d+:)? (?:error|warning): (?P<rest>.+)$")


def test_every_golden_message_has_a_hint_of_its_own() -> None:
    lines = [line for path in GOLDEN.rglob("*expected.txt")
             for line in path.read_text(encoding="utf-8").splitlines() if _REPORTED.match(line)]
    assert len(lines) >= 80
    without = [line for line in lines if not line.endswith(")")]
    assert without == []
    assert not [line for line in lines if GUIDE in line]  # the last resort is not needed


def test_a_hint_given_is_kept_and_an_unknown_message_points_at_the_guide() -> None:
    kept = Problem("a.md", 1, "'date' is not a real date: 2023-02-30", "mine")
    assert with_hint(kept) is kept
    assert with_hint(Problem("a.md", 1, "something new")).hint == GUIDE
