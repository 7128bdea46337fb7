"""A problem found in the content: where it is, what is wrong, how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from generator.content.syntax.located import LocatedError

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One diagnostic, reported as ``path:line: error: message (hint)``."""

    path: str
    line: int | None
    message: str
    hint: str | None = None
    severity: Severity = "error"

    @classmethod
    def at(cls, path: str, error: LocatedError) -> Problem:
        """The problem ``error`` found in the file named ``path``."""
        return cls(path, error.line, error.message, error.hint)

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
        """The problem's fields, printable (see :func:`printable`): valid UTF-8 JSON."""
        return {
            "path": printable(self.path),
            "line": self.line,
            "severity": self.severity,
            "message": printable(self.message),
            "hint": printable(self.hint) if self.hint is not None else None,
        }


# Shown escaped: C0 and C1 controls, line and paragraph separators, bidirectional controls
# and zero-width characters, and lone surrogates (bytes of a file name that are not UTF-8
# come as U+DC80-U+DCFF: shown as the byte, \xe9).
_CONTROL = {code: f"\\x{code:02x}" for code in [*range(0x20), *range(0x7F, 0xA0)]}
_CONTROL |= {code: f"\\u{code:04x}" for code in [0x2028, 0x2029, *range(0x202A, 0x202F),
                                                   *range(0x2066, 0x206A), 0x200B, 0x200E,
                                                   0x200F, 0x061C, 0x2060, 0xFEFF]}
_CONTROL |= {code: f"\\u{code:04x}" for code in range(0xD800, 0xDC80)}
_CONTROL |= {code: f"\\x{code - 0xDC00:02x}" for code in range(0xDC80, 0xDD00)}
_CONTROL |= {code: f"\\u{code:04x}" for code in range(0xDD00, 0xE000)}


def printable(text: str) -> str:
    """Escape what could colour a terminal, fake a line, reorder the text or break UTF-8."""
    return text.translate(_CONTROL)


class ContentError(Exception):
    """Raised when the archive has errors; carries every problem of the run."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = sum(p.is_error for p in problems)
        super().__init__(f"{errors} error(s) in the content")


def has_errors(problems: list[Problem]) -> bool:
    return any(p.is_error for p in problems)
