"""Reporting problems as text, JSON or GitHub Actions annotations."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from generator.content.problems import Problem, printable

FORMATS = ("text", "json", "github")
_DRAFTS_LISTED = 5


@dataclass(frozen=True)
class Tally:
    """What a check read: briefing files, and the drafts among them (never published).

    ``notices`` are the drafts to annotate in GitHub's format: those among the files a
    pull request changes.
    """

    briefings: int
    drafts: tuple[str, ...] = ()
    notices: tuple[str, ...] = field(default=())

    def line(self) -> str:
        """"42 briefings, 1 draft (not published): path"."""
        count = f"{self.briefings} briefing{'s' * (self.briefings != 1)}"
        drafts = len(self.drafts)
        if not drafts:
            return f"{count}, no drafts"
        listed = ", ".join(self.drafts[:_DRAFTS_LISTED])
        more = f" and {drafts - _DRAFTS_LISTED} more" if drafts > _DRAFTS_LISTED else ""
        return f"{count}, {drafts} draft{'s' * (drafts != 1)} (not published): {listed}{more}"


def draft_notice(path: str) -> str:
    """The GitHub notice on a draft: checked like any briefing, but never published."""
    text = ("this briefing is a draft (draft: true): it is checked but will not be published; "
            "delete the line 'draft: true' when it is ready")
    return f"::notice file={_github_escape(path, True)},line=1::{_github_escape(text)}"


def _github_escape(value: str, is_property: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if is_property else value


def github(problem: Problem) -> str:
    """One ``::error file=...,line=...::message`` workflow command."""
    props = [f"file={_github_escape(problem.path, True)}"]
    if problem.line:
        props.append(f"line={problem.line}")
    text = problem.message + (f" ({problem.hint})" if problem.hint else "")
    return printable(f"::{problem.severity} {','.join(props)}::{_github_escape(text)}")


def render(problems: Sequence[Problem], fmt: str, tally: Tally | None = None) -> str:
    """All problems in one format; text ends with a one-line summary (and what was read)."""
    if fmt == "json":
        counts = {} if tally is None else {"briefings": tally.briefings,
                                           "drafts": list(tally.drafts)}
        return json.dumps({"problems": [p.as_dict() for p in problems],
                           "errors": sum(p.is_error for p in problems),
                           "warnings": sum(not p.is_error for p in problems), **counts},
                          ensure_ascii=False, indent=2)
    if fmt == "github":
        notices = [] if tally is None else [draft_notice(path) for path in tally.notices]
        return "\n".join([*(github(p) for p in problems), *notices])
    lines = [p.format_text() for p in problems]
    lines.append(summary(problems) + (f": {tally.line()}" if tally else ""))
    return "\n".join(lines)


def summary(problems: Sequence[Problem]) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    if not problems:
        return "no problems found"
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
