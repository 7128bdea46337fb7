"""Registry names that mislead: one entry's id given as another's name or alias, and names
that look the same as another entry's but are spelled with other characters.

Looking the same is Unicode's confusable skeleton (UTS #39): each character replaced by the
prototype of its confusable class, between two NFD decompositions. The classes come from
Unicode's confusables data as the ``confusable-homoglyphs`` package ships it; that data
holds single-character confusables only, so 'rn' and 'm' are not compared.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator, Mapping
from functools import cache
from importlib.resources import files
from typing import Any

from generator.content.problems import Problem
from generator.content.syntax.textrules import escaped

__all__ = ["conflicts", "skeleton"]

_MARKS = str.maketrans("", "", "\u200e\u200f")  # the data wraps right-to-left text in them


@cache
def _prototypes() -> dict[int, str]:
    """Each confusable character's prototype: the lowest code point of its class."""
    data = json.loads(files("confusable_homoglyphs").joinpath("confusables.json")
                      .read_text("utf-8"))
    parent: dict[str, str] = {}

    def root(character: str) -> str:
        while parent.get(character, character) != character:
            character = parent[character]
        return character

    for character, homoglyphs in data.items():
        for other in (entry["c"].translate(_MARKS) for entry in homoglyphs):
            one, two = root(character.translate(_MARKS)), root(other)
            if len(one) == len(two) == 1 and one != two:
                parent[max(one, two)] = min(one, two)  # the lower code point leads
    return {ord(c): root(c) for c in parent if root(c) != c}


def skeleton(text: str) -> str:
    """The UTS #39 skeleton: two texts with one skeleton look alike."""
    mapped = unicodedata.normalize("NFD", text).translate(_prototypes())
    return unicodedata.normalize("NFD", mapped)


def _names(entry: Any) -> Iterator[tuple[str, str]]:
    """(kind of name, name) of one entry."""
    yield "name", entry.name
    for alias in entry.aliases:
        yield "alias", alias
    for language, name in getattr(entry, "names", ()):
        yield f"{language} name", name


def conflicts(entries: Mapping[str, Any], label: str, key: Any) -> list[Problem]:
    """Problems with names two entries share misleadingly; ``key`` compares names."""
    return [*_ids_as_names(entries, label, key), *_look_alike(entries, label, key)]


def _ids_as_names(entries: Mapping[str, Any], label: str, key: Any) -> Iterator[Problem]:
    for entry in entries.values():
        for kind, name in _names(entry):
            other = entries.get(key(name))
            if other is not None and other is not entry:
                yield Problem(entry.origin.path, entry.origin.line,
                              f"the {kind} '{name}' of {label} '{entry.id}' is the id of "
                              f"another {label} (line {other.origin.line})",
                              f"an id always names its own {label}: change or remove the "
                              f"{kind}")


def _look_alike(entries: Mapping[str, Any], label: str, key: Any) -> Iterator[Problem]:
    first: dict[str, tuple[Any, str]] = {}
    for entry in entries.values():
        for kind, name in _names(entry):
            seen = first.setdefault(skeleton(unicodedata.normalize("NFC", name)), (entry, name))
            other, other_name = seen
            if other is not entry and key(other_name) != key(name):
                yield Problem(entry.origin.path, entry.origin.line,
                              f"the {kind} '{name}' of {label} '{entry.id}' looks the same as "
                              f"'{other_name}' of {label} '{other.id}' (line "
                              f"{other.origin.line}) but is spelled with other characters"
                              f"{_difference(name, other_name)}",
                              "readers could not tell them apart: correct the spelling")


def _difference(name: str, other: str) -> str:
    """The first character that differs, escaped (the two look the same)."""
    for mine, theirs in zip(name, other, strict=False):
        if mine != theirs:
            return f": {escaped(mine)} where the other has {escaped(theirs)}"
    return ""
