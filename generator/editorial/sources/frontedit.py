"""Adding ``archive:`` to a source in a briefing file as an editor would: one new line
under the source's ``url:`` line, with its indentation and the file's line ending; every
other byte stays as it was (never a YAML re-dump, which would lose comments, quoting and
order). The edit is read back with the strict loader and kept only if the front matter is
exactly what it was plus the new key.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from generator.content.frontmatter import decode, split
from generator.content.syntax.yamlstrict import Located, YamlProblem, plain

_URL_KEY = re.compile(r"^(?P<lead>[ ]*(?:-[ ]+)?)url[ ]*:")
_PLAIN_SAFE = re.compile(r"^https?://[A-Za-z0-9._~:/?\[\]@!$&'()*+,;=%-]+$")


@dataclass(frozen=True)
class Addition:
    """``archive`` for the source at ``index`` (0-based, in file order) of one file."""

    index: int
    archive: str


class NotEditable(Exception):
    """The file's shape does not allow a one-line edit (the reason says which)."""


def add_archives(data: bytes, additions: list[Addition]) -> bytes:
    """The file with each addition made; NotEditable if any cannot be made safely."""
    text = decode(data)
    if b"\r" in data.replace(b"\r\n", b""):
        raise NotEditable("the file ends lines with a lone CR")
    meta = split(text).meta
    sources = _sources(meta)
    lines = data.split(b"\n")  # keeps a BOM on line 1 and CRs at the ends
    for addition in sorted(additions, key=lambda a: -a.index):  # bottom up: lines stay put
        if addition.index >= len(sources):
            raise NotEditable(f"there is no source number {addition.index + 1}")
        fields = sources[addition.index]
        if "archive" in fields:
            continue
        if "url" not in fields:
            raise NotEditable("the source has no url")
        at = fields["url"].line - 1
        match = _URL_KEY.match(lines[at].decode("utf-8-sig"))
        if not match:
            raise NotEditable(f"line {at + 1}: 'url:' is not alone at the start of its line "
                              "(a {...} mapping?)")
        value = addition.archive if _PLAIN_SAFE.match(addition.archive) else \
            '"' + addition.archive.replace("\\", "\\\\").replace('"', '\\"') + '"'
        ending = b"\r" if lines[at].endswith(b"\r") else b""
        indent = " " * len(match.group("lead"))
        lines.insert(_after_value(lines, at), f"{indent}archive: {value}".encode() + ending)
    edited = b"\n".join(lines)
    _verify(text, decode(edited), additions)
    return edited


def _sources(meta: Located) -> list[dict[str, Located]]:
    assert isinstance(meta.value, dict)
    source = meta.value.get("source")
    if source is None:
        raise NotEditable("no 'source'")
    items = source.value if isinstance(source.value, list) else [source]
    found = []
    for item in items:
        if not isinstance(item.value, dict):
            raise NotEditable("a source is not a mapping")
        found.append(item.value)
    return found


def _after_value(lines: list[bytes], at: int) -> int:
    """The line after the url's value (a long URL may continue on indented lines)."""
    depth = len(lines[at]) - len(lines[at].lstrip(b" -"))
    following = at + 1
    while following < len(lines) and lines[following].strip() and \
            len(lines[following]) - len(lines[following].lstrip(b" ")) > depth and \
            b":" not in lines[following].split(b"#")[0].strip().split(b" ")[0]:
        following += 1
    return following


def _verify(before: str, after: str, additions: list[Addition]) -> None:
    try:
        old, new = plain(split(before).meta), plain(split(after).meta)
        old_body, new_body = split(before).body, split(after).body
    except YamlProblem as problem:
        raise NotEditable(f"the edit would break the YAML ({problem.message})") from None
    expected: Any = old
    listed = expected["source"] if isinstance(expected["source"], list) else [expected["source"]]
    for addition in additions:
        listed[addition.index].setdefault("archive", addition.archive)
    if new != expected or new_body != old_body:
        raise NotEditable("reading the edited file back gave other values")


def diff(path: str, before: bytes, after: bytes) -> str:
    """A unified diff of one file, as ``git diff`` would show the edit."""
    old = before.decode("utf-8-sig").splitlines(keepends=True)
    new = after.decode("utf-8-sig").splitlines(keepends=True)
    return "".join(difflib.unified_diff(old, new, f"a/{path}", f"b/{path}"))
