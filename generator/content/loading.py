"""Reading the whole content folder into a validated :class:`Archive`.

Gather first: every file is read and checked, every problem collected; the
archive is only returned complete. Nothing here writes anything.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from generator import workers
from generator.content import bodies, hints, sourcestate
from generator.content.files import briefing_files, display_path, misplaced, name_problems
from generator.content.frontmatter import SplitFile, decode, split_reported
from generator.content.loadcache import BriefingCache, Result
from generator.content.model import (
    Actor,
    Archive,
    Briefing,
    Correction,
    Origin,
    Region,
    Source,
    translation_problems,
)
from generator.content.pages import load_pages
from generator.content.problems import Problem
from generator.content.registries import NameIndex, build_actors, build_regions, read_registry
from generator.content.schema import ACTOR_FIELDS, BRIEFING_FIELDS, REGION_FIELDS
from generator.content.syntax import safefile
from generator.content.syntax.fields import FieldError, Named, parse_mapping
from generator.content.syntax.published import BodyWarning, published_wrongly
from generator.content.syntax.slugs import slug_problem
from generator.content.syntax.yamlstrict import Located, YamlProblem, load
from generator.workers import Helper, HelperFailed

BRIEFING_MAX_BYTES = 1024 * 1024
REGISTRY_MAX_BYTES = 4 * 1024 * 1024
_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")
_DATE = re.compile(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


@dataclass(frozen=True)
class Loaded:
    """The result of reading a content folder: the archive and every problem found."""

    archive: Archive
    problems: list[Problem]
    files: int = 0  # briefing files read (those with errors too), for "checked N briefings"

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


def load_archive(content: Path, *, include_drafts: bool = False,
                 today: date | None = None, cache: BriefingCache | None = None,
                 language: str = "en") -> Loaded:
    """Read registries and briefings under ``content``; validate and resolve everything.

    ``language`` is the site's (a BCP 47 tag): the language of briefings that give none.
    With ``cache`` (made for the same content and day), unchanged files are not read again.
    """
    cache = cache or BriefingCache.disabled()
    regions, actors, unreadable, found = cache.registries(
        functools.partial(_read_registries, content))
    problems: list[Problem] = list(found)
    # Names are not checked against a registry that could not be read: its own error
    # says what is wrong, and every briefing repeating "unknown region" would bury it.
    region_names = None if "regions" in unreadable else NameIndex.build("region", regions)
    actor_names = None if "actors" in unreadable else NameIndex.build("actor", actors)
    latest = (today or date.today()) + timedelta(days=1)
    briefings = []
    read = functools.partial(_load_briefings, content, region_names, actor_names, latest)
    files = briefing_files(content, problems)
    problems += misplaced(content) + name_problems(content, files)
    for briefing, found in cache.load_many(files, read):
        problems += found
        if briefing is not None:
            briefings.append(briefing)
    problems += _check_slugs(briefings)
    briefings = [b if b.lang else replace(b, lang=language) for b in briefings]
    problems += translation_problems(briefings)
    pages, page_problems = load_pages(content, read_parts, display_path)
    problems += page_problems
    states, state_problems = sourcestate.read(
        content, display_path(content, sourcestate.path_of(content)))
    problems += state_problems
    published = [b for b in briefings if include_drafts or not b.draft]
    published.sort(key=lambda b: (-b.date.toordinal(), b.slug))
    problems = sorted(map(hints.with_hint, problems), key=lambda p: (p.path, p.line or 0))
    return Loaded(Archive(actors=actors, regions=regions, briefings=tuple(published),
                          pages=pages, source_states=states, language=language),
                  problems, len(files))



def _read(shown: str, path: Path, limit: int, problems: list[Problem]) -> str | None:
    try:
        return decode(safefile.read_limited(path, limit))
    except safefile.Refused as refused:
        problems.append(Problem(shown, None, refused.message, refused.hint))
    except YamlProblem as error:
        problems.append(Problem.at(shown, error))
    return None


def read_parts(shown: str, path: Path, limit: int, problems: list[Problem]
               ) -> tuple[str, SplitFile] | None:
    """A content file's text and its parts (front matter a mapping), or None: problems."""
    text = _read(shown, path, limit, problems)
    parts = None if text is None else split_reported(shown, text, problems)
    if text is None or parts is None:
        return None
    assert isinstance(parts.meta.value, dict)
    return text, parts


def _read_registries(content: Path) -> tuple[dict[str, Region], dict[str, Actor], set[str],
                                             list[Problem]]:
    """Both registries, the names of those that could not be read, and the problems found."""
    problems: list[Problem] = []
    return (*_load_registries(content, problems), problems)


def _load_registries(content: Path, problems: list[Problem]
                     ) -> tuple[dict[str, Region], dict[str, Actor], set[str]]:
    """Both registries, and the names of those that could not be read at all."""
    rows: dict[str, list[tuple[dict[str, Any], Origin]]] = {}
    unreadable: set[str] = set()
    for name, fields in (("regions", REGION_FIELDS), ("actors", ACTOR_FIELDS)):
        path = content / f"{name}.yml"
        shown = display_path(content, path)
        rows[name] = []
        unreadable.add(name)
        if not path.exists():
            problems.append(Problem(shown, None, f"the {name} registry is missing",
                                    f"create {name}.yml in the content folder"))
            continue
        text = _read(shown, path, REGISTRY_MAX_BYTES, problems)
        if text is None:
            continue
        try:
            document = load(text)
        except YamlProblem as error:
            problems.append(Problem.at(shown, error))
            continue
        found, registry_problems = read_registry(shown, document, fields)
        rows[name] = found
        problems += registry_problems
        if isinstance(document.value, list):
            unreadable.discard(name)
    regions, region_problems = build_regions(rows["regions"])
    actors, actor_problems = build_actors(rows["actors"],
                                          None if "regions" in unreadable else regions)
    problems += region_problems + actor_problems
    return regions, actors, unreadable


def _load_briefings(content: Path, regions: NameIndex[Region] | None,
                    actors: NameIndex[Actor] | None, latest: date, paths: list[str]
                    ) -> list[Result]:
    """Load briefing files in order; many of them in two processes (workers.LOADING)."""
    one = functools.partial(_load_one, content, regions, actors, latest)
    if not workers.LOADING.worth(len(paths)):
        return [one(path) for path in paths]
    theirs = [path for path in paths if workers.LOADING.helper_takes(path)]
    helper = _start(functools.partial(_load_each, one, theirs))
    ours = {path: one(path) for path in paths if not workers.LOADING.helper_takes(path)}
    try:
        ours.update(zip(theirs, helper.result() if helper else [], strict=True))
    except HelperFailed:  # it could not start or failed here: do its share too
        ours.update((path, one(path)) for path in theirs)
    return [ours[path] for path in paths]


def _start(function: Callable[[], list[Result]]) -> Helper[list[Result]] | None:
    try:
        return Helper(function)
    except HelperFailed:
        return None


def _load_each(one: Callable[[str], Result], paths: list[str]) -> list[Result]:
    return [one(path) for path in paths]


def _load_one(content: Path, regions: NameIndex[Region] | None, actors: NameIndex[Actor] | None,
              latest: date, path: str) -> Result:
    problems: list[Problem] = []
    return _load_briefing(content, Path(path), regions, actors, latest, problems), problems


def _load_briefing(content: Path, path: Path, regions: NameIndex[Region] | None,
                   actors: NameIndex[Actor] | None, latest: date,
                   problems: list[Problem]) -> Briefing | None:
    shown = display_path(content, path)
    found = read_parts(shown, path, BRIEFING_MAX_BYTES, problems)
    if found is None:
        return None
    text, parts = found
    assert isinstance(parts.meta.value, dict)
    values, errors = parse_mapping(parts.meta.value, BRIEFING_FIELDS, 1)
    errors += (_resolve(values, "region", regions, actors)
               + _resolve(values, "actors", actors, regions))
    if "date" in values and values["date"] > latest:
        errors.append(FieldError(f"'date' {values['date']} lies in the future",
                                 parts.meta.value["date"].line,
                                 "use the day the events happened"))
    errors += _published_in_future(parts.meta.value.get("source"), latest)
    errors += revision_errors(values, parts.meta.value, latest)
    slug = values.get("slug") or _DATE_PREFIX.sub("", path.name[:-3])
    problem = None if "slug" in values else slug_problem(slug)
    if problem:
        errors.append(FieldError(f"the file name gives the slug '{slug[:100]}', which "
                                 f"{problem.reason}", 1, "rename the file or add 'slug:'"))
    rendered = bodies.render(parts.body, parts.body_line)
    errors += rendered.problems
    if not parts.body.strip():
        errors.append(FieldError("the briefing has no text after the front matter",
                                 parts.body_line - 1, "write the summary below the '---' line"))
    summary = values.get("summary") or bodies.first_paragraph(rendered.html)
    if not summary and parts.body.strip() and not rendered.problems:
        errors.append(FieldError("the body has no text to take the summary from",
                                 parts.body_line, "add 'summary:' to the front matter"))
    problems += [Problem.at(shown, e) for e in errors]
    problems += [Problem(shown, w.line, w.message, w.hint, severity="warning")
                 for w in [*published_wrongly(parts.body, parts.body_line),
                           *_date_off_name(path.name, values, parts.meta.value)]]
    if errors or "region" not in values or "actors" not in values:
        return None
    return Briefing(
        slug=slug, title=values["title"], date=values["date"], regions=values["region"],
        actors=values["actors"], sources=tuple(Source(**s) for s in values["source"]),
        summary=summary,
        body_html=rendered.html, origin=Origin(shown, 1, path.relative_to(content).as_posix()),
        tags=values.get("tags", ()), draft=values.get("draft", False),
        updated=values.get("updated"),
        corrections=tuple(Correction(**c) for c in values.get("corrections", ())),
        # Without 'lang', the site's: load_archive sets it (the cache keeps files' results).
        lang=values.get("lang", ""), translation_of=values.get("translation_of"),
        translation_line=parts.meta.value["translation_of"].line
        if "translation_of" in values else 1,
        source_digest=source_digest(shown, text))


DATE_NAME_SLACK = 31  # days between 'date' and the file name's date before a warning


def _date_off_name(name: str, values: dict[str, Any], meta: dict[str, Any]
                   ) -> list[BodyWarning]:
    """A ``date`` far from the date the file name starts with (ten years off, as typed)."""
    named = _DATE_PREFIX.match(name)
    if named is None or "date" not in values:
        return []
    try:
        in_name = date.fromisoformat(named.group(0)[:10])
    except ValueError:
        return []
    apart = abs((values["date"] - in_name).days)
    if apart <= DATE_NAME_SLACK:
        return []
    return [BodyWarning(meta["date"].line, f"'date' {values['date']} is {apart:,} days from "
                        f"the date in the file name, {in_name}",
                        "correct whichever is wrong: the page shows 'date', the file "
                        "name's date sorts the files")]


def revision_errors(values: dict[str, Any], meta: dict[str, Any], latest: date
                    ) -> list[FieldError]:
    """``updated`` and each correction's date lie between the briefing's date and the build
    day (one day of grace, as for ``date``: an editor's day may be ahead of the build's)."""
    if "date" not in values:
        return []
    dated = [("updated", values["updated"], meta["updated"].line)] if "updated" in values else []
    entries = meta["corrections"].value if "corrections" in values else []
    dated += [("corrections.date", c["date"], entry.value["date"].line)
              for c, entry in zip(values.get("corrections", ()), entries, strict=True)]
    errors = []
    for key, day, line in dated:
        if day < values["date"]:
            errors.append(FieldError(f"'{key}' {day} lies before the briefing's date "
                                     f"{values['date']}", line,
                                     "a revision comes after the events"))
        elif day > latest:
            errors.append(FieldError(f"'{key}' {day} lies in the future", line,
                                     "use the day the revision was made"))
    return errors


def _published_in_future(source: Located | None, latest: date) -> list[FieldError]:
    """A report cannot have been published after the build (a typo in the year)."""
    entries = [] if source is None else \
        source.value if isinstance(source.value, list) else [source]
    errors = []
    for entry in entries:
        published = entry.value.get("published") if isinstance(entry.value, dict) else None
        if published is not None and isinstance(published.value, str) and \
                published.value > latest.isoformat() and _DATE.match(published.value):
            errors.append(FieldError(f"'source.published' {published.value} lies in the "
                                     "future", published.line,
                                     "use the day the report was published"))
    return errors


def source_digest(shown: str, text: str) -> bytes:
    """What a briefing is read from: its path as shown and its text."""
    return hashlib.blake2b(f"{shown}\0{text}".encode("utf-8", "surrogatepass"),
                           digest_size=16).digest()


def _resolve(values: dict[str, Any], key: str, index: NameIndex[Any] | None,
             elsewhere: NameIndex[Any] | None) -> list[FieldError]:
    """Replace the names under ``key`` by registry ids, in order and without repeats.

    With no usable registry (``index`` None) the names are dropped unchecked.
    """
    if key not in values or index is None:
        values.pop(key, None)
        return []
    ids: list[str] = []
    errors = []
    named: Named
    for named in values[key]:
        try:
            found = index.resolve(named, elsewhere)
        except FieldError as error:
            errors.append(error)
            continue
        if found not in ids:
            ids.append(found)
    values[key] = tuple(ids)
    return errors


def _check_slugs(briefings: list[Briefing]) -> list[Problem]:
    """Slugs are unique, also ignoring case (the bundle is opened on case-blind disks)."""
    first: dict[str, Briefing] = {}
    problems = []
    for briefing in briefings:
        seen = first.setdefault(briefing.slug.casefold(), briefing)
        if seen is not briefing:
            problems.append(Problem(briefing.origin.path, 1,
                                    f"slug '{briefing.slug}' is already used by "
                                    f"{seen.origin.path}",
                                    "set a different 'slug:' or rename the file"))
    return problems


def load_registries(content: Path) -> tuple[dict[str, Region], dict[str, Actor], list[Problem]]:
    """Only the two registries, for tools that resolve names without reading every briefing."""
    regions, actors, _unreadable, problems = _read_registries(content)
    return regions, actors, problems
