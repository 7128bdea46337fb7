"""Strict YAML: no tags, no aliases, no duplicate keys, no YAML 1.1 guessing.

Every value comes back as a :class:`Located` with the line it stands on, so that
the schema can point an editor at the exact key or list item that is wrong.
Parsing uses libyaml (fast) where available; every node gets a private default
tag, so any explicit tag (``!!python/object``, ``!!str``, ``!foo``) is refused.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import ClassVar, Union

import yaml

from generator.content.syntax import yamlhints
from generator.content.syntax.located import LocatedError

_PRIVATE = "tag:briefing-archive,2026:"
_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# YAML 1.2 core schema for plain scalars; everything else (yes, no, 2023-01-18, 1:30) is text.
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")

MAX_INT_DIGITS = 4300  # sys.get_int_max_str_digits() by default

Value = Union[None, bool, int, float, str, list["Located"], dict[str, "Located"]]  # noqa: UP007


@dataclass(frozen=True)
class Located:
    """A YAML value and its 1-based line (for a mapping entry: the key's line).

    ``raw`` is a scalar as it was written (``1.10``, ``007``), so that text fields
    can keep what the editor typed where YAML would read a number.
    """

    value: Value
    line: int
    raw: str | None = None


class YamlProblem(LocatedError):
    """The YAML cannot be read; ``line`` is 1-based within the parsed text."""


class _StrictLoader(_Parser):  # type: ignore[misc,valid-type]
    """Composes nodes only; resolves nothing implicitly."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[object]]] = {}
    yaml_path_resolvers: ClassVar[dict[object, object]] = {}
    DEFAULT_SCALAR_TAG = _PRIVATE + "str"
    DEFAULT_SEQUENCE_TAG = _PRIVATE + "seq"
    DEFAULT_MAPPING_TAG = _PRIVATE + "map"


def load(text: str, first_line: int = 1) -> Located:
    """Parse one YAML document; line numbers are offset so ``first_line`` is line 1."""
    lines = _Lines(text, first_line)
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        raise _marked_problem(error, lines) from None
    except yaml.reader.ReaderError as error:
        raise YamlProblem(f"the YAML contains a character it does not allow "
                          f"(U+{error.character:04X})", lines.at(error.position),
                          "remove the invisible control character") from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"invalid YAML: {' '.join(str(error).split())}", first_line) from None
    finally:
        loader.dispose()
    if node is None:
        return Located(None, first_line)
    _check_nesting(node, lines)
    return _Converter(lines).convert(node)


_NEWLINE = re.compile("\n")


class _Lines:
    """Maps a character index to a 1-based file line, counting only ``\n`` as a break.

    YAML also breaks lines at U+0085, U+2028 and U+2029; editors mostly do not, so
    the parser's own line numbers would drift from what the editor shows.
    """

    def __init__(self, text: str, first_line: int) -> None:
        self.text = text
        self.breaks = [m.start() for m in _NEWLINE.finditer(text)]
        self.first_line = first_line

    def at(self, index: int) -> int:
        return bisect_right(self.breaks, index - 1) + self.first_line


def _marked_problem(error: yaml.MarkedYAMLError, lines: _Lines) -> YamlProblem:
    problem = " ".join(str(error.problem or error.context).split())
    # At the end of the text, where the unclosed quote or bracket began says more.
    ended = error.problem_mark is None or error.problem_mark.index >= len(lines.text.rstrip())
    # An unclosed '[' or '{' is found on a later line: where it opened is where to fix it
    # (reported one line late, "end it with ']' on the line where it starts" misled).
    unclosed = "expected ',' or ']'" in problem or "expected ',' or '}'" in problem
    mark = error.context_mark if (ended or unclosed) and error.context_mark \
        else error.problem_mark
    line = lines.at(mark.index) if mark else lines.first_line
    if "alias" in problem:  # an alias to an undefined anchor: the rule, not the symptom
        return YamlProblem("YAML aliases (*name) are not allowed", line,
                           "write the value out in full")
    return YamlProblem(f"invalid YAML: {problem}", line, _hint(problem, mark, lines.text))


def _hint(problem: str, mark: yaml.Mark | None, text: str) -> str:
    if mark is None:
        return yamlhints.GENERAL
    if text[mark.index:mark.index + 1] == "\t":
        return "indent with spaces, not tabs"
    start = text.rfind("\n", 0, mark.index) + 1
    end = text.find("\n", mark.index)
    above = text[text.rfind("\n", 0, max(0, start - 1)) + 1:max(0, start - 1)] if start else ""
    return yamlhints.hint(problem, text[start:end if end != -1 else len(text)], above)


MAX_NESTING = 64  # lists and mappings inside one another; conversion is recursive


def _check_nesting(root: yaml.Node, lines: _Lines) -> None:
    """Refuse nesting deeper than MAX_NESTING (each node visited once: aliases share nodes)."""
    stack = [(root, 1)]
    seen: set[int] = set()
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if depth > MAX_NESTING:
            raise YamlProblem(f"the YAML is nested more than {MAX_NESTING} levels deep",
                              lines.at(int(node.start_mark.index)),
                              "front matter and registries need only a few levels")
        if isinstance(node, yaml.SequenceNode):
            stack += [(item, depth + 1) for item in node.value]
        elif isinstance(node, yaml.MappingNode):
            stack += [(part, depth + 1) for pair in node.value for part in pair]


class _Converter:
    """Turns a node tree into Located values, refusing aliases and tags."""

    def __init__(self, lines: _Lines) -> None:
        self.lines = lines
        self.seen: set[int] = set()

    def line(self, node: yaml.Node) -> int:
        return self.lines.at(int(node.start_mark.index))

    def convert(self, node: yaml.Node, line: int | None = None) -> Located:
        where = line if line is not None else self.line(node)
        if id(node) in self.seen:
            raise YamlProblem("YAML aliases (*name) are not allowed",
                              _first_alias(self.lines) or where, "write the value out in full")
        self.seen.add(id(node))
        if not node.tag.startswith(_PRIVATE):
            shown = node.tag.replace("tag:yaml.org,2002:", "!!", 1)
            raise YamlProblem(f"YAML tags are not allowed (found '{shown}')", self.line(node),
                              "remove the '!' tag and write a plain value")
        if isinstance(node, yaml.MappingNode):
            return Located(self.mapping(node), where)
        if isinstance(node, yaml.SequenceNode):
            return Located([self.convert(item) for item in node.value], where)
        assert isinstance(node, yaml.ScalarNode)
        return Located(_scalar(node), where, str(node.value))

    def mapping(self, node: yaml.MappingNode) -> dict[str, Located]:
        result: dict[str, Located] = {}
        for key_node, value_node in node.value:
            key = self.convert(key_node)
            if not isinstance(key.value, (str, int, float, bool)):
                raise YamlProblem("a mapping key must be plain text", key.line)
            name = str(key.raw)
            if name in result:
                shown = name if len(name) <= 80 else name[:79] + "…"
                raise YamlProblem(f"duplicate key '{shown}'", key.line,
                                  f"'{shown}' is already given on line {result[name].line}")
            result[name] = self.convert(value_node, line=key.line)
        return result


def _first_alias(lines: _Lines) -> int | None:
    """The line of the first ``*alias``: the composed node only knows its anchor's line."""
    for event in yaml.parse(lines.text, Loader=_StrictLoader):
        if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
            return lines.at(event.start_mark.index)
    return None


def _scalar(node: yaml.ScalarNode) -> Value:
    text: str = node.value
    if node.style:  # quoted or block scalars are always text (plain is None or "")
        return text
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        # Python refuses to read more than 4,300 digits (a guard against slow parsing):
        # such a number stays the text it is, which every field then judges as text.
        return int(text) if len(text) <= MAX_INT_DIGITS else text
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
