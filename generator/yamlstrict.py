"""Strict YAML: no tags, no aliases, no duplicate keys, no YAML 1.1 guessing.

Every value comes back as a :class:`Located` with the line it stands on, so that
the schema can point an editor at the exact key or list item that is wrong.
Parsing uses libyaml (fast) where available; every node gets a private default
tag, so any explicit tag (``!!python/object``, ``!!str``, ``!foo``) is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar, Union

import yaml

_PRIVATE = "tag:briefing-archive,2026:"
_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# YAML 1.2 core schema for plain scalars; everything else (yes, no, 2023-01-18, 1:30) is text.
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")

Value = Union[None, bool, int, float, str, list["Located"], dict[str, "Located"]]  # noqa: UP007


@dataclass(frozen=True)
class Located:
    """A YAML value and its 1-based line (for a mapping entry: the key's line)."""

    value: Value
    line: int


class YamlProblem(Exception):
    """The YAML cannot be read; ``line`` is 1-based within the parsed text."""

    def __init__(self, message: str, line: int, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.hint = hint


class _StrictLoader(_Parser):  # type: ignore[misc,valid-type]
    """Composes nodes only; resolves nothing implicitly."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[object]]] = {}
    yaml_path_resolvers: ClassVar[dict[object, object]] = {}
    DEFAULT_SCALAR_TAG = _PRIVATE + "str"
    DEFAULT_SEQUENCE_TAG = _PRIVATE + "seq"
    DEFAULT_MAPPING_TAG = _PRIVATE + "map"


def load(text: str, first_line: int = 1) -> Located:
    """Parse one YAML document; line numbers are offset so ``first_line`` is line 1."""
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + first_line if mark else first_line
        raise YamlProblem(f"invalid YAML: {error.problem or error.context}", line) from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"invalid YAML: {error}", first_line) from None
    finally:
        loader.dispose()
    if node is None:
        return Located(None, first_line)
    return _Converter(first_line).convert(node)


class _Converter:
    """Turns a node tree into Located values, refusing aliases and tags."""

    def __init__(self, first_line: int) -> None:
        self.offset = first_line
        self.seen: set[int] = set()

    def line(self, node: yaml.Node) -> int:
        return int(node.start_mark.line) + self.offset

    def convert(self, node: yaml.Node, line: int | None = None) -> Located:
        where = line if line is not None else self.line(node)
        if id(node) in self.seen:
            raise YamlProblem("YAML aliases (*name) are not allowed", where,
                              "write the value out in full")
        self.seen.add(id(node))
        if not node.tag.startswith(_PRIVATE):
            raise YamlProblem(f"YAML tags are not allowed (found '{node.tag}')", self.line(node),
                              "remove the '!' tag and write a plain value")
        if isinstance(node, yaml.MappingNode):
            return Located(self.mapping(node), where)
        if isinstance(node, yaml.SequenceNode):
            return Located([self.convert(item) for item in node.value], where)
        assert isinstance(node, yaml.ScalarNode)
        return Located(_scalar(node), where)

    def mapping(self, node: yaml.MappingNode) -> dict[str, Located]:
        result: dict[str, Located] = {}
        for key_node, value_node in node.value:
            key = self.convert(key_node)
            if not isinstance(key.value, (str, int, float, bool)):
                raise YamlProblem("a mapping key must be plain text", key.line)
            name = str(key.value)
            if name in result:
                raise YamlProblem(f"duplicate key '{name}'", key.line,
                                  f"'{name}' is already given on line {result[name].line}")
            result[name] = self.convert(value_node, line=key.line)
        return result


def _scalar(node: yaml.ScalarNode) -> Value:
    text: str = node.value
    if node.style:  # quoted or block scalars are always text (plain is None or "")
        return text
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        return float(text)
    return text


def plain(located: Located) -> object:
    """The value without line information (for tests and simple consumers)."""
    value = located.value
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    return value
