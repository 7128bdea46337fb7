"""Field kinds and running a table of them over a YAML mapping.

Each field kind (text, date, URL, name list, ...) has one small parser that returns a value
or raises :class:`FieldError`. :func:`parse_mapping` runs a table over one YAML mapping and
collects every problem instead of stopping. The tables themselves are in content/schema.py.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from generator.content.syntax import suggest, textrules
from generator.content.syntax.located import LocatedError
from generator.content.syntax.slugs import ID_PATTERN, slug_problem
from generator.content.syntax.yamlstrict import Located

_DATE = re.compile(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")  # ASCII digits: \d takes any script's
EARLIEST = date(1900, 1, 1)  # before it, a date is a typo ('0023' for '2023')


class FieldError(LocatedError):
    """A value that does not fit its field; ``line`` is where it stands."""


class FieldErrors(FieldError):
    """Several problems in one value: entries of a list, keys of a nested mapping."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(errors[0].message, errors[0].line, errors[0].hint)
        self.errors = errors


T = TypeVar("T")


def _each(entries: list[Located], parse: Callable[[Located], T]) -> list[T]:
    """Parse every entry; one bad entry never hides the next."""
    results: list[T] = []
    errors: list[FieldError] = []
    for entry in entries:
        try:
            results.append(parse(entry))
        except FieldError as error:
            errors.extend(error.errors if isinstance(error, FieldErrors) else [error])
    if errors:
        raise FieldErrors(errors)
    return results


@dataclass(frozen=True)
class Named:
    """A name as an editor wrote it, to be resolved against a registry."""

    text: str
    line: int


Parser = Callable[[Located, str], Any]


@dataclass(frozen=True)
class Field:
    """One key of a schema: its parser, whether it is required, what it means."""

    key: str
    parse: Parser
    required: bool
    meaning: str


# --- small parsers: (value, key) -> parsed value, or FieldError ---------------------------

def text(max_length: int = 200) -> Parser:
    def parse(item: Located, key: str) -> str:
        return _text(item, f"'{key}'", max_length)
    return parse


def _text(item: Located, label: str, max_length: int) -> str:
    """One line of plain text; ``label`` names it in messages ("'title'")."""
    if item.value is None:
        raise FieldError(f"{label} is empty", item.line, EMPTY_HINT)
    if isinstance(item.value, bool) or not isinstance(item.value, (str, int, float)):
        raise FieldError(f"{label} must be text, not {_show(item.value)}", item.line,
                         _not_text_hint(item.value))
    # A number keeps the digits the editor wrote (1.10 stays 1.10, 007 stays 007).
    written = item.raw if not isinstance(item.value, str) and item.raw else str(item.value)
    value = written.strip()
    if not value:
        raise FieldError(f"{label} is empty", item.line, EMPTY_HINT)
    if len(value) > max_length:
        raise FieldError(f"{label} is {len(value)} characters long; at most {max_length} "
                         "are allowed", item.line, "shorten it")
    problem = textrules.one_line_problem(value) if max_length <= MAX_ONE_LINE else \
        textrules.multi_line_problem(value)
    if problem:
        raise FieldError(f"{label} {problem}", item.line,
                         "remove it: it changes how the text reads, or cannot be seen")
    return value


MAX_ONE_LINE = 2000  # longer texts are Markdown (descriptions): line breaks allowed
EMPTY_HINT = "write a value, or remove the key if it is optional"
LIST_HINT = "write the entries in square brackets, separated by commas"
NO_ENTRY_HINT = "add an entry, or remove the key if it is optional"


def _not_text_hint(value: object) -> str:
    if isinstance(value, list):
        return "write one value here, without '[ ]' or '- ' lines"
    if isinstance(value, dict):
        return "write plain text, without 'key:' inside it"
    if isinstance(value, bool):
        return "put the text in quotes"
    return "put the text in double quotes"


@dataclass(frozen=True)
class MarkdownText:
    """A Markdown text (a registry description) and the line of its key."""

    text: str
    line: int


def markdown_text(item: Located, key: str) -> MarkdownText:
    return MarkdownText(_text(item, f"'{key}'", 20_000), item.line)


def iso_date(item: Located, key: str) -> date:
    value = item.value
    if not isinstance(value, str) or not _DATE.match(value):
        raise FieldError(f"'{key}' must be a date written YYYY-MM-DD, not {_show(value)}",
                         item.line, _date_hint(value))
    if value < EARLIEST.isoformat():
        raise FieldError(f"'{key}' {value} lies before {EARLIEST.year}", item.line,
                         "write the year in full, for example 2023")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise FieldError(f"'{key}' is not a real date: {value}", item.line,
                         "that day does not exist: check the month (01-12) and the day"
                         ) from None


def _date_hint(value: object) -> str:
    if isinstance(value, str) and _DATE.match(unicodedata.normalize("NFKC", value)):
        return "write it with the digits 0-9: these are full-width or of another script"
    return "for example 2023-01-18"


def identifier(item: Located, key: str) -> str:
    # Digits alone are a YAML number (slug: 2023): the digits as written are the id.
    value = item.raw if type(item.value) is int and item.raw else item.value
    if not isinstance(value, str):
        raise FieldError(f"'{key}' may use only a-z, 0-9 and '-', not {_show(value)}",
                         item.line, "for example 'nikol-pashinyan'")
    problem = slug_problem(value)
    if problem is None:
        return value
    shown = f", not {_show(value)}" if not ID_PATTERN.match(value) else ""
    raise FieldError(f"'{key}' {problem.reason}{shown}", item.line, problem.hint)


def region_reference(item: Located, key: str) -> Named:
    """A region named by id, name or alias (``parent``, ``country``); resolved with the tree."""
    if isinstance(item.value, str) and slug_problem(item.value) is None:
        return Named(item.value, item.line)
    return Named(_text(item, f"'{key}'", 200), item.line)


def url(item: Located, key: str) -> str:
    value: str = text(2000)(item, key)
    problem = textrules.url_problem(value)
    if problem:
        raise FieldError(f"'{key}' {problem}, not {_show(value)}", item.line,
                         "for example https://www.rferl.org/a/...")
    return value


def list_safe(parse: Parser) -> Parser:
    """``parse``, refusing ';': the CSV export joins these values with ';'."""
    def checked(item: Located, key: str) -> Any:
        value = parse(item, key)
        for entry in value if isinstance(value, tuple) else (value,):
            if ";" in entry:
                raise FieldError(f"'{key}' may not contain ';' ({_show(entry)})", item.line,
                                 "briefings.csv joins lists with ';': write ',' or give each "
                                 "its own entry")
        return value
    return checked


def boolean(item: Located, key: str) -> bool:
    if not isinstance(item.value, bool):
        raise FieldError(f"'{key}' must be true or false, not {_show(item.value)}", item.line,
                         "write true or false, without quotes")
    return item.value


def one_of(choices: tuple[str, ...]) -> Parser:
    def parse(item: Located, key: str) -> str:
        if item.value not in choices:
            raise FieldError(f"'{key}' must be one of {', '.join(choices)}, not "
                             f"{_show(item.value)}", item.line, _suggest(item.value, choices))
        return str(item.value)
    return parse


def names(example: str, *, allow_single: bool) -> Parser:
    """A list of names (or, where allowed, one name) to resolve later."""
    def parse(item: Located, key: str) -> tuple[Named, ...]:
        entries = [item] if allow_single and not isinstance(item.value, list) else item.value
        if not isinstance(entries, list):
            raise FieldError(f"'{key}' must be a list, like {example}", item.line, LIST_HINT)
        if not entries:
            raise FieldError(f"'{key}' needs at least one entry", item.line, NO_ENTRY_HINT)
        _not_too_many(entries, key, item.line)
        label = f"'{key}'" if entries[0] is item else f"an entry of '{key}'"
        return tuple(_each(entries, lambda entry: Named(_text(entry, label, 200), entry.line)))
    return parse


MAX_LIST_ENTRIES = 100  # names, tags, aliases, sources: each is checked, linked, indexed


def _not_too_many(entries: list[Located], key: str, line: int) -> None:
    if len(entries) > MAX_LIST_ENTRIES:
        raise FieldError(f"'{key}' has {len(entries):,} entries; at most {MAX_LIST_ENTRIES} "
                         "are allowed", line, "keep the ones that matter most")


def text_list(example: str) -> Parser:
    """A list of short texts (tags, aliases)."""
    def parse(item: Located, key: str) -> tuple[str, ...]:
        if not isinstance(item.value, list):
            raise FieldError(f"'{key}' must be a list, like {example}", item.line, LIST_HINT)
        _not_too_many(item.value, key, item.line)
        return tuple(_each(item.value, lambda entry: _text(entry, f"an entry of '{key}'", 100)))
    return parse


def _mapping_hint(key: str, fields: tuple[Field, ...]) -> str:
    required = " and ".join(f"'{f.key}:'" for f in fields if f.required)
    return (f"write {required} on lines of their own, indented by two spaces under "
            f"'{key}:'")


def mapping_or_list(fields: tuple[Field, ...]) -> Parser:
    """One mapping, or a list of mappings, each parsed with ``fields``."""
    def parse(item: Located, key: str) -> tuple[dict[str, Any], ...]:
        entries = item.value if isinstance(item.value, list) else [item]
        if not entries:
            raise FieldError(f"'{key}' needs at least one entry", item.line, NO_ENTRY_HINT)
        _not_too_many(entries, key, item.line)

        def one(entry: Located) -> dict[str, Any]:
            if not isinstance(entry.value, dict):
                raise FieldError(f"each '{key}' must be a mapping with keys "
                                 f"{', '.join(f.key for f in fields)}", entry.line,
                                 _mapping_hint(key, fields))
            values, errors = parse_mapping(entry.value, fields, entry.line, prefix=f"{key}.")
            if errors:
                raise FieldErrors(errors)
            return values
        return tuple(_each(entries, one))
    return parse


# --- running a table over a mapping -----------------------------------------------------

def parse_mapping(mapping: dict[str, Located], fields: tuple[Field, ...], line: int,
                  prefix: str = "") -> tuple[dict[str, Any], list[FieldError]]:
    """Parse every known key, report unknown and missing ones; collect all errors."""
    table = {f.key: f for f in fields}
    values: dict[str, Any] = {}
    errors: list[FieldError] = []
    misspelt: set[str] = set()  # required keys an unknown key is a misspelling of
    for key, item in mapping.items():
        field = table.get(key)
        if field is None:
            meant = _closest(key, tuple(table))
            required = meant is not None and table[meant].required and meant not in mapping
            if required and meant is not None:
                misspelt.add(meant)
            errors.append(FieldError(f"unknown key '{prefix}{_clip(key)}'", item.line,
                                     (f"did you mean '{meant}'? It is required" if required
                                      else f"did you mean '{meant}'?" if meant else
                                      f"allowed keys: {', '.join(table)}")))
            continue
        if item.value is None and not field.required:
            continue
        try:
            values[key] = field.parse(item, prefix + key)
        except FieldError as error:
            errors.extend(error.errors if isinstance(error, FieldErrors) else [error])
    for field in fields:
        if field.required and field.key not in mapping and field.key not in misspelt:
            errors.append(FieldError(f"missing required key '{prefix}{field.key}'", line,
                                     f"add '{field.key}:', {field.meaning}"))
    return values, errors


def _show(value: object) -> str:
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "a mapping"
    if isinstance(value, bool):
        return "true" if value else "false"
    return "nothing" if value is None else _clip(repr(value))


def _clip(text: str, limit: int = 80) -> str:
    """Short enough for a one-line message, however long the hostile value."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _closest(value: str, choices: tuple[str, ...]) -> str | None:
    close = suggest.closest(value, choices)
    return close[0] if close else None


def _suggest(value: object, choices: tuple[str, ...]) -> str | None:
    close = suggest.closest(value, choices) if isinstance(value, str) else []
    return f"did you mean '{close[0]}'?" if close else None


# --- coordinates (regions.yml: point, bbox) ----------------------------------------------

_RANGES = {"longitude": 180.0, "latitude": 90.0}


def _degrees(entry: Located, label: str, axis: str) -> float:
    """A number of degrees within its axis' range (longitude ±180, latitude ±90)."""
    value = entry.value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise FieldError(f"{label} must be a number of degrees, not {_show(value)}",
                         entry.line, "write decimal degrees such as 44.51, without quotes or °")
    if not -_RANGES[axis] <= value <= _RANGES[axis]:
        raise FieldError(f"{label} is {value}, out of range for a {axis} "
                         f"(-{_RANGES[axis]:g} to {_RANGES[axis]:g})", entry.line,
                         "longitude comes first, then latitude" if axis == "latitude" else
                         "east of Greenwich is positive, west negative")
    return float(value)


def _numbers(item: Located, key: str, count: int, form: str, example: str) -> list[Located]:
    if not isinstance(item.value, list) or len(item.value) != count:
        raise FieldError(f"'{key}' must be {form}, not {_show(item.value)}", item.line,
                         f"for example {example}")
    return item.value


def point(item: Located, key: str) -> tuple[float, float]:
    """[longitude, latitude] in decimal degrees: where a map marks a place."""
    lon, lat = _numbers(item, key, 2, "[longitude, latitude]", "[44.51, 40.18] (Yerevan)")
    if (isinstance(lon.value, (int, float)) and isinstance(lat.value, (int, float))
            and abs(lat.value) > 90 >= abs(lon.value)):
        raise FieldError(f"'{key}' has a latitude of {lat.value}, beyond ±90", item.line,
                         f"it looks like [latitude, longitude]: write [{lat.value}, {lon.value}]")
    axis = {id(lon): "longitude", id(lat): "latitude"}
    values = _each([lon, lat], lambda entry: _degrees(
        entry, f"the {axis[id(entry)]} of '{key}'", axis[id(entry)]))
    return values[0], values[1]


def bbox(item: Located, key: str) -> tuple[float, float, float, float]:
    """[west, south, east, north] in decimal degrees: the area a locator map shows."""
    entries = _numbers(item, key, 4, "[west, south, east, north]", "[43.4, 38.8, 46.7, 41.3]")
    sides = {id(entry): side
             for entry, side in zip(entries, ("west", "south", "east", "north"), strict=True)}
    west, south, east, north = _each(entries, lambda entry: _degrees(
        entry, f"the {sides[id(entry)]} side of '{key}'",
        "latitude" if sides[id(entry)] in ("south", "north") else "longitude"))
    if south >= north:
        raise FieldError(f"'{key}' has its south side ({south:g}) not below its north "
                         f"({north:g})", item.line, "the order is [west, south, east, north]")
    if west >= east:
        raise FieldError(f"'{key}' has its west side ({west:g}) not west of its east "
                         f"({east:g})", item.line, "the order is [west, south, east, north]; "
                         "a box across the 180th meridian is not supported")
    return west, south, east, north
