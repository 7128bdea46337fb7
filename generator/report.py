"""Reporting problems as text, JSON or GitHub Actions annotations."""

from __future__ import annotations

import json
from collections.abc import Sequence

from generator.content.problems import Problem, printable

FORMATS = ("text", "json", "github")


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


def render(problems: Sequence[Problem], fmt: str, files_checked: int | None = None) -> str:
    """All problems in one format; text ends with a one-line summary."""
    if fmt == "json":
        return json.dumps({"problems": [p.as_dict() for p in problems],
                           "errors": sum(p.is_error for p in problems),
                           "warnings": sum(not p.is_error for p in problems)},
                          ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(github(p) for p in problems)
    lines = [p.format_text() for p in problems]
    lines.append(summary(problems))
    return "\n".join(lines)


def summary(problems: Sequence[Problem]) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    if not problems:
        return "no problems found"
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
