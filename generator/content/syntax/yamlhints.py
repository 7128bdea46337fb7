"""What an editor most likely did wrong, for a YAML error the parser words for programmers.

PyYAML says "did not find expected key" or "found unexpected end of stream"; the
editor's mistake is nearly always one of a few: a key not aligned with the keys above
it, a quote opened and not closed, typographic quotes (“ ”) that word processors and
phone keyboards type where YAML needs straight ones, a value that starts with a quote
and goes on after it, a bracket not closed. Each check reads the line the error is
reported on (and the one above) and answers only when its mistake is there to see.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_TYPOGRAPHIC = re.compile(r"^\s*(?:-\s+)?[^\s:#][^:#]*:\s+[“”„‘’‚«»]|^\s*-\s+[“”„‘’‚«»]")
_VALUE = re.compile(r"^\s*(?:-\s+)?(?:[^\s:#][^:#]*:\s+)?(?P<value>\S.*)$")
_KEY = re.compile(r"^(?P<indent> *)(?:-\s+)?[^\s:#\"'][^:#]*:(?:\s|$)")
GENERAL = ("look at this line and the one above: every quote and bracket closed, the key "
           "starting in the same column as the keys above it, a space after each ':'")

Check = Callable[[str, str, str], "str | None"]


def hint(problem: str, line: str, above: str) -> str:
    """The likeliest cause of ``problem`` reported on ``line`` (``above`` is the line before)."""
    for check in (_typographic_quotes, _unclosed_quote, _misaligned, _text_after_quote,
                  _unclosed_bracket):
        found = check(problem, line, above)
        if found:
            return found
    if "mapping values are not allowed" in problem:
        return "check the indentation, or put a value that contains ': ' in quotes"
    return GENERAL


def _typographic_quotes(problem: str, line: str, above: str) -> str | None:
    if _TYPOGRAPHIC.search(line) or _TYPOGRAPHIC.search(above):
        return ("the value starts with a typographic quote (“ ” or ‘ ’), which YAML does not "
                "read as a quote: put straight double quotes \" \" around the whole value")
    return None


def _unclosed_quote(problem: str, line: str, above: str) -> str | None:
    value = _value(line)
    unclosed = "end of stream" in problem or "quoted scalar" in problem
    if value[:1] not in ("\"", "'") or not unclosed:
        return None
    quote = value[0]
    if value.count(quote) % 2 == 1 or len(value) == 1:
        return (f"the value opens a quote ({quote}) that is not closed: end the value with "
                f"{quote} on the same line")
    return None


def _misaligned(problem: str, line: str, above: str) -> str | None:
    here, before = _KEY.match(line), _KEY.match(above)
    if here is None or before is None or not ("expected key" in problem
                                              or "mapping values" in problem):
        return None
    indent, above_indent = len(here.group("indent")), len(before.group("indent"))
    opens_block = above.rstrip().endswith(":")
    if indent == above_indent or (opens_block and indent > above_indent):
        return None
    return (f"this key is indented by {indent} space{'s' * (indent != 1)} and the key above "
            f"by {above_indent}: keys of one mapping start in the same column; align it with "
            "the key above, or with the other keys at its level")


def _text_after_quote(problem: str, line: str, above: str) -> str | None:
    value = _value(line)
    quote = value[:1]
    if quote not in ("\"", "'") or "expected key" not in problem:
        return None
    closing = value.find(quote, 1)
    if closing == -1 or not value[closing + 1:].strip():
        return None
    return ("a value that starts with a quote must end with it: quote the whole value and "
            "write the inner quotes as \\\", as in title: \"\\\"Aliyev\\\" says\"; or reword "
            "it so it does not start with a quote")


def _unclosed_bracket(problem: str, line: str, above: str) -> str | None:
    value = _value(line)
    if value.count("[") > value.count("]") or "expected ',' or ']'" in problem:
        return ("a list opened with '[' is not closed: end it with ']' on the line where it "
                "starts, and put an entry that contains a comma or ': ' in double quotes")
    if value.count("]") > value.count("["):
        return "this line has a ']' that closes no list: remove it"
    return None


def _value(line: str) -> str:
    match = _VALUE.match(line)
    return match.group("value") if match else ""
