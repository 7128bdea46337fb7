"""The content model: one frozen dataclass per content type, complete when created; and
the translation sets' checks across briefings (:func:`translation_problems`)."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from generator.content.problems import Problem
from generator.content.sourcestate import SourceRecord

ACTOR_KINDS = ("person", "state", "organization", "armed-group", "movement", "other")
REGION_KINDS = ("world-region", "subregion", "country", "territory", "locality")


@dataclass(frozen=True)
class Origin:
    """Where a piece of content was read from (path relative to the content folder)."""

    path: str
    line: int
    # The file's path inside the content folder (posix), for links to it in the repository;
    # empty where loading did not set it.
    file: str = ""


def name_in(entry: Actor | Region, language: str) -> str:
    """An entry's name in ``language`` (``ar-EG`` falls back to ``ar``), else its name."""
    given = dict(entry.names)
    return given.get(language) or given.get(language.split("-")[0]) or entry.name


@dataclass(frozen=True)
class Actor:
    """A person, state, organisation or group that briefings name."""

    id: str
    name: str
    kind: str
    origin: Origin
    aliases: tuple[str, ...] = ()
    country: str | None = None
    role: str | None = None
    wikidata: str | None = None
    description_html: str = ""
    names: tuple[tuple[str, str], ...] = ()  # (language tag, name), as the registry gives

    def name_in(self, language: str) -> str:
        return name_in(self, language)


@dataclass(frozen=True)
class Region:
    """A place in the region tree; ``parent`` is a region id or None for a root."""

    id: str
    name: str
    kind: str
    origin: Origin
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    iso: str | None = None
    description_html: str = ""
    point: tuple[float, float] | None = None  # (longitude, latitude)
    bbox: tuple[float, float, float, float] | None = None  # (west, south, east, north)
    names: tuple[tuple[str, str], ...] = ()  # (language tag, name), as the registry gives

    def name_in(self, language: str) -> str:
        return name_in(self, language)


@dataclass(frozen=True)
class Source:
    """A news report a briefing summarises."""

    name: str
    url: str
    published: date | None = None
    author: str | None = None
    via: str | None = None
    archive: str | None = None


@dataclass(frozen=True)
class Correction:
    """A published correction of a briefing: the day it was made and what it corrects."""

    date: date
    text: str


@dataclass(frozen=True)
class Briefing:
    """One curated briefing; ``regions`` and ``actors`` hold registry ids."""

    slug: str
    title: str
    date: date
    regions: tuple[str, ...]
    actors: tuple[str, ...]
    sources: tuple[Source, ...]
    summary: str
    body_html: str
    origin: Origin
    tags: tuple[str, ...] = ()
    draft: bool = False
    # (datetime.date: within the class, 'date' names the field above)
    updated: datetime.date | None = None  # the day of the last material revision
    corrections: tuple[Correction, ...] = ()  # oldest first, as the file lists them
    lang: str = "en"  # BCP 47; loading sets the site's language where the file gives none
    translation_of: str | None = None  # the slug of the original this one translates
    # The line of 'translation_of' in the file, for problems found across files.
    translation_line: int = field(default=1, compare=False, repr=False)
    # A digest of the file the briefing was read from (its path and text), set by loading:
    # with the same registries and generator, the same digest means the same briefing.
    # Rebuilds compare it instead of every field (see increment.briefing_digest).
    source_digest: bytes = field(default=b"", repr=False, compare=False)


def last_changed(briefing: Briefing) -> date:
    """The latest of a briefing's date, its update and its corrections."""
    return max([briefing.date, *([briefing.updated] if briefing.updated else []),
                *(c.date for c in briefing.corrections)])


@dataclass(frozen=True)
class EditorialPage:
    """A page about the archive itself (about, methodology, ...), published at ``/<slug>/``."""

    slug: str
    title: str
    summary: str
    body_html: str
    origin: Origin
    nav: int | None = None  # its place among the editorial pages in the navigation


@dataclass(frozen=True)
class Archive:
    """The whole validated archive: registries by id, briefings newest first."""

    actors: Mapping[str, Actor]
    regions: Mapping[str, Region]
    briefings: tuple[Briefing, ...] = field(default=())
    pages: tuple[EditorialPage, ...] = field(default=())  # in navigation order
    # What `briefings sources` found of each cited URL (content/sources-state.yml).
    source_states: Mapping[str, SourceRecord] = field(default_factory=dict)
    language: str = "en"  # the site's language (theme.language in the engine's config)

    def briefing(self, slug: str) -> Briefing:
        for item in self.briefings:
            if item.slug == slug:
                return item
        raise KeyError(slug)

    def names(self, briefing: Briefing) -> list[str]:
        """Every name, alias and name in another language of a briefing's actors, then of
        its regions, in order."""
        names: list[str] = []
        entries: list[Actor | Region] = [*(self.actors[i] for i in briefing.actors),
                                         *(self.regions[i] for i in briefing.regions)]
        for entry in entries:
            names += [entry.name, *entry.aliases, *(name for _, name in entry.names)]
        return names

    def translations(self, briefing: Briefing) -> tuple[Briefing, ...]:
        """The briefing's translation set, the original first, then by language tag: every
        member of it (only itself when it has no translations)."""
        return self._translation_sets.get(briefing.translation_of or briefing.slug,
                                          (briefing,))

    @functools.cached_property
    def _translation_sets(self) -> dict[str, tuple[Briefing, ...]]:
        """Each set with a translation, by its original's slug (worked out once)."""
        sets: dict[str, list[Briefing]] = {}
        for briefing in self.briefings:
            if briefing.translation_of:
                sets.setdefault(briefing.translation_of, []).append(briefing)
        originals = {b.slug: b for b in self.briefings if b.slug in sets}
        for slug, members in sets.items():
            members.sort(key=lambda b: b.lang)
            members[:0] = [originals[slug]] if slug in originals else []
        return {slug: tuple(members) for slug, members in sets.items()}


# --- translation sets -------------------------------------------------------------------
# Translation sets: the briefings that give ``translation_of`` and the originals they name.
#
# A set is an original (a briefing that translates nothing) and every briefing whose
# ``translation_of`` is its slug, each in a language of its own. Checked across files once
# every briefing is loaded: the original must exist and be an original (a translation of a
# translation, or a cycle, would leave no original to link from), and no language may
# appear twice in one set.
def translation_problems(briefings: list[Briefing]) -> list[Problem]:
    """Every problem with the translation sets among ``briefings`` (their ``lang`` set)."""
    by_slug = {b.slug: b for b in briefings}
    problems: list[Problem] = []
    languages: dict[str, dict[str, Briefing]] = {}
    for briefing in briefings:
        if not briefing.translation_of:
            languages.setdefault(briefing.slug, {})[briefing.lang] = briefing
    for briefing in briefings:
        target = briefing.translation_of
        if not target:
            continue
        problem = _original_problem(briefing, by_slug)
        if problem:
            problems.append(problem)
            continue
        original = by_slug[target]
        seen = languages.setdefault(target, {original.lang: original})
        other = seen.setdefault(briefing.lang, briefing)
        if other is not briefing:
            problems.append(_at(briefing, f"'{target}' already has a version in "
                                          f"'{briefing.lang}': {other.origin.path}",
                                "a set has one briefing per language: correct 'lang:', or "
                                "merge the two"))
    return problems


def _original_problem(briefing: Briefing, by_slug: dict[str, Briefing]) -> Problem | None:
    target = briefing.translation_of
    assert target
    if target == briefing.slug:
        return _at(briefing, "'translation_of' names the briefing itself",
                   "give the slug of the original it translates, or remove the key")
    original = by_slug.get(target)
    if original is None:
        return _at(briefing, f"'translation_of' names '{target}', which no briefing has "
                             "as its slug", "give the slug of the original: its file name "
                                            "without the date, or its 'slug:'")
    chain = [briefing.slug, target]
    while original is not None and original.translation_of:
        if original.translation_of in chain:
            shown = " -> ".join([*chain[chain.index(original.translation_of):],
                                 original.translation_of])
            return _at(briefing, f"translations form a cycle: {shown}",
                       "one briefing of the set is the original: remove its "
                       "'translation_of'")
        chain.append(original.translation_of)
        original = by_slug.get(original.translation_of)
    if len(chain) > 2:
        return _at(briefing, f"'{target}' is itself a translation (of "
                             f"'{by_slug[target].translation_of}')",
                   f"name the original: translation_of: {chain[-1]}")
    return None


def _at(briefing: Briefing, message: str, hint: str) -> Problem:
    return Problem(briefing.origin.path, briefing.translation_line, message, hint)
