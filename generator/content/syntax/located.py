"""The one error type of reading a content file: what is wrong, at which line, what to do.

Strict YAML (``yamlstrict.YamlProblem``), the field parsers (``fields.FieldError``) and
every check that finds a problem at a line raise it, with the hint written beside the
message where the problem is found (rewording a message cannot lose its hint). The
loader turns it into a reported ``Problem`` with the file's name (``Problem.at``).
"""

from __future__ import annotations

__all__ = ["LocatedError"]


class LocatedError(Exception):
    """Something wrong at ``line`` (1-based) of the text being read, and ``hint``: what to do."""

    def __init__(self, message: str, line: int, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.hint = hint
