"""A problem found in the content: where it is, what is wrong, how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One diagnostic, reported as ``path:line: error: message (hint)``."""

    path: str
    line: int | None
    message: str
    hint: str | None = None
    severity: Severity = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def format_text(self) -> str:
        """One line; control characters (from hostile file names) are shown escaped."""
        hint = f" ({self.hint})" if self.hint else ""
        return printable(f"{self.location()}: {self.severity}: {self.message}{hint}")

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
        }


_CONTROL = {code: f"\\x{code:02x}" for code in [*range(0x20), 0x7F]}


def printable(text: str) -> str:
    """Escape control characters so a message can neither colour a terminal nor fake lines."""
    return text.translate(_CONTROL)


class ContentError(Exception):
    """Raised when the archive has errors; carries every problem of the run."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = sum(p.is_error for p in problems)
        super().__init__(f"{errors} error(s) in the content")


def has_errors(problems: list[Problem]) -> bool:
    return any(p.is_error for p in problems)
