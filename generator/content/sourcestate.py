"""The sources' state file, ``content/sources-state.yml``: what ``briefings sources`` has
seen of every cited address, kept in the repository so that the site can show it.

One entry per URL, sorted by URL, each key on a line of its own and every string in double
quotes, so that two branches that checked different sources merge without a conflict, and
an editor can read and review it in a pull request::

    "https://www.rferl.org/a/example.html":
      status: "gone"                 # what the latest check saw
      first: 2026-11-02              # the first and the latest check
      last: 2026-11-09
      failures: [2026-11-02, 2026-11-05, 2026-11-09]   # counted failures, >= 3 days apart
      dead: 2026-11-09               # proven dead on that day (three counted failures)
      title: "Blinken urges talks"   # recorded at the first check that read the page
      fingerprint: "9f3a0c17d2e4b851"   # of its main text (a 64-bit simhash)
      final: "https://..."           # where redirects led, if elsewhere
      snapshot: "https://web.archive.org/web/2023.../..."   # closest Wayback copy found
      looked: 2026-11-09             # the day the Wayback was asked
      save: "spn2-1a2b3c 2026-11-09"   # a Save Page Now job requested, and when
      history:                       # the latest checks, oldest first
        - "2026-11-09 gone 404"

The build reads it (``read``) into :class:`SourceRecord`s that pages and exports show; the
checker (``generator.editorial.sources``) rewrites it whole with :func:`dump`, which gives
the same text for the same records (running twice changes nothing).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from generator.content.problems import Problem
from generator.content.syntax import yamlstrict
from generator.content.syntax.yamlstrict import Located

STATE_FILE = "sources-state.yml"
# What one check can see. 'gone' is 404, 410 or no such host; 'blocked' is 401, 403 or
# 429 (unknown: the outlet refuses robots or wants a subscription, not dead);
# 'unreachable' is a time-out, a refused connection, a server error or a redirect loop.
CHECKS = ("alive", "redirected", "drifted", "blocked", "soft-404", "gone", "unreachable")
FAILING = ("gone", "soft-404")  # the checks that count toward 'dead'
SUCCESS = ("alive", "redirected", "drifted")  # the checks that clear the count
HISTORY = 12  # checks kept per URL
_KEYS = ("status", "first", "last", "failures", "dead", "title", "fingerprint", "final",
         "snapshot", "looked", "save", "history")
_HEADER = ("# Written by `briefings sources` (see README, 'Sources'): one entry per cited URL,\n"
           "# sorted. Review it like any change; do not edit by hand but to resolve a merge.\n")


@dataclass(frozen=True)
class SourceRecord:
    """What the checks found for one URL (see the module's docstring for each field)."""

    url: str
    status: str
    first: date
    last: date
    failures: tuple[date, ...] = ()
    dead: date | None = None
    title: str = ""
    fingerprint: str = ""
    final: str = ""
    snapshot: str = ""
    looked: date | None = None
    save: str = ""
    history: tuple[str, ...] = ()


def path_of(content: Path) -> Path:
    return content / STATE_FILE


def read(content: Path, shown: str = STATE_FILE
         ) -> tuple[dict[str, SourceRecord], list[Problem]]:
    """The state file's records by URL (none if there is no file) and its problems
    (``shown`` is how messages name the file). A file unchanged since the last read (same
    size and modification time) is not read again: the live preview rebuilds often."""
    path = path_of(content)
    try:
        stat = path.stat()
    except OSError:
        return {}, []
    signature = (str(path.resolve()), stat.st_size, stat.st_mtime_ns, shown)
    if _last_read and _last_read[0] == signature:
        return dict(_last_read[1]), list(_last_read[2])
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return {}, [Problem(shown, None, f"cannot be read: {error}",
                            "restore it from git, or delete it: the next check writes it")]
    records, problems = parse(text, shown)
    _last_read[:] = [signature, records, problems]
    return dict(records), list(problems)


_last_read: list[Any] = []  # [signature, records, problems] of the last file read


def parse(text: str, shown: str = STATE_FILE) -> tuple[dict[str, SourceRecord], list[Problem]]:
    """The records of a state file's text; its own layout is read line by line (a state of
    20,000 addresses in well under a second, where YAML took ten), anything else by the
    strict YAML loader (a file merged or edited by hand)."""
    own = _read_own_layout(text)
    if own is not None:
        return own, []
    try:
        root = yamlstrict.load(text)
    except yamlstrict.YamlProblem as error:
        return {}, [Problem(shown, error.line, error.message, error.hint
                            or "a merge conflict left in it? keep both entries, each once")]
    if root.value is None:
        return {}, []
    if not isinstance(root.value, dict):
        return {}, [Problem(shown, root.line, "must be a mapping of URLs to entries")]
    records: dict[str, SourceRecord] = {}
    problems: list[Problem] = []
    for url, entry in root.value.items():
        try:
            records[url] = _record(url, entry)
        except _Bad as bad:
            problems.append(Problem(shown, bad.line, f"'{url}': {bad}",
                                    "run `briefings sources` again, or restore it from git"))
    return records, problems


_DATES = ("first", "last", "dead", "looked")
_TEXTS = ("status", "title", "fingerprint", "final", "snapshot", "save")


def _read_own_layout(text: str) -> dict[str, SourceRecord] | None:
    """The records of a file in :func:`dump`'s exact layout, valid; None at the first line
    that is not (the strict YAML loader then reads the file, and names any problem's line)."""
    records: dict[str, SourceRecord] = {}
    url: str | None = None
    fields: dict[str, Any] = {}
    listing: list[str] | None = None
    for line in text.split("\n"):
        if not line or line[0] == "#":
            continue
        if line[0] == '"':
            if url is not None and not _keep(records, url, fields):
                return None
            url = _unquote(line[:-1]) if line[-1] == ":" else None
            if url is None or url in records:
                return None
            fields, listing = {}, None
        elif url is None:
            return None
        elif line.startswith("    - ") and listing is not None:
            item = _unquote(line[6:])
            if item is None:
                return None
            listing.append(item)
        elif line.startswith("  ") and ":" in line:
            key, _, value = line[2:].partition(":")
            if key in fields or (value and value[0] != " "):
                return None
            listing = [] if key == "history" and not value else None
            fields[key] = listing if listing is not None else value[1:]
        else:
            return None
    return records if url is None or _keep(records, url, fields) else None


def _keep(records: dict[str, SourceRecord], url: str, fields: dict[str, Any]) -> bool:
    """Add the record ``fields`` make (as read by :func:`_read_own_layout`), if valid."""
    if not set(fields) <= set(_KEYS) or fields.get("status") is None:
        return False
    values: dict[str, Any] = {}
    try:
        for key in _DATES:
            if key in fields:
                values[key] = _day(fields[key])
        for key in _TEXTS:
            if key in fields:
                values[key] = _unquote(fields[key])
                if values[key] is None:
                    return False
        failures = fields.get("failures", "[]")
        if not (failures.startswith("[") and failures.endswith("]")):
            return False
        values["failures"] = tuple(_day(d) for d in failures[1:-1].split(", ") if d)
        values["history"] = tuple(fields.get("history", ()))
        record = SourceRecord(url=url, **values)
    except (ValueError, TypeError, AttributeError):
        return False
    if record.status not in CHECKS:
        return False
    records[url] = record
    return True


def _day(text: str) -> date:
    if len(text) != 10 or text[4] != "-":
        raise ValueError(text)
    return date.fromisoformat(text)


def _unquote(text: str) -> str | None:
    """A double-quoted scalar as :func:`_quoted` writes it (JSON's escapes), or None."""
    if len(text) < 2 or not (text[0] == text[-1] == '"') or "\\U" in text:
        return None
    inner = text[1:-1]
    if "\\" not in inner and '"' not in inner:
        return inner
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, str) else None


class _Bad(Exception):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def _record(url: str, entry: Located) -> SourceRecord:
    if not isinstance(entry.value, dict):
        raise _Bad("an entry must be a mapping", entry.line)
    fields = entry.value
    unknown = sorted(set(fields) - set(_KEYS))
    if unknown:
        raise _Bad(f"unknown key '{unknown[0]}'", fields[unknown[0]].line)
    for needed in ("status", "first", "last"):
        if needed not in fields:
            raise _Bad(f"'{needed}' is missing", entry.line)
    status = _text(fields["status"])
    if status not in CHECKS:
        raise _Bad(f"unknown status '{status}' (one of {', '.join(CHECKS)})",
                   fields["status"].line)
    failures = fields.get("failures", Located([], entry.line))
    history = fields.get("history", Located([], entry.line))
    if not isinstance(failures.value, list) or not isinstance(history.value, list):
        raise _Bad("'failures' and 'history' must be lists", failures.line)
    return SourceRecord(
        url=url, status=status, first=_date(fields["first"]), last=_date(fields["last"]),
        failures=tuple(_date(item) for item in failures.value),
        dead=_date(fields["dead"]) if "dead" in fields else None,
        title=_text(fields.get("title")), fingerprint=_text(fields.get("fingerprint")),
        final=_text(fields.get("final")), snapshot=_text(fields.get("snapshot")),
        looked=_date(fields["looked"]) if "looked" in fields else None,
        save=_text(fields.get("save")), history=tuple(_text(item) for item in history.value))


def _text(item: Located | None) -> str:
    if item is None:
        return ""
    if not isinstance(item.value, str):
        raise _Bad(f"expected text, not {item.value!r}", item.line)
    return item.value


def _date(item: Located) -> date:
    try:
        return date.fromisoformat(_text(item))
    except ValueError:
        raise _Bad(f"expected a date YYYY-MM-DD, not {item.value!r}", item.line) from None


def dump(records: Mapping[str, SourceRecord]) -> str:
    """The state file's text: sorted by URL, one key a line, strings in double quotes."""
    out = [_HEADER]
    for url in sorted(records):
        record = records[url]
        out.append(f"{_quoted(url)}:\n  status: {_quoted(record.status)}\n"
                   f"  first: {record.first.isoformat()}\n  last: {record.last.isoformat()}\n")
        if record.failures:
            out.append(f"  failures: [{', '.join(d.isoformat() for d in record.failures)}]\n")
        if record.dead:
            out.append(f"  dead: {record.dead.isoformat()}\n")
        for key in ("title", "fingerprint", "final", "snapshot"):
            if getattr(record, key):
                out.append(f"  {key}: {_quoted(getattr(record, key))}\n")
        if record.looked:
            out.append(f"  looked: {record.looked.isoformat()}\n")
        if record.save:
            out.append(f"  save: {_quoted(record.save)}\n")
        if record.history:
            out.append("  history:\n" + "".join(f"    - {_quoted(h)}\n" for h in record.history))
    return "".join(out)


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's); what YAML may not hold
    unescaped (controls, line separators) is escaped too."""
    quoted = json.dumps(text, ensure_ascii=False)
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" if ord(c) < 0x10000
                   else f"\\U{ord(c):08x}" for c in quoted)


def dead_without_copy(records: Mapping[str, SourceRecord], archived: set[str]
                      ) -> list[SourceRecord]:
    """Dead sources with no archived copy in any briefing, oldest death first."""
    found = [r for r in records.values() if r.dead and r.url not in archived]
    return sorted(found, key=lambda r: (r.dead or r.first, r.url))
