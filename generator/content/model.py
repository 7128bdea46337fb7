"""The content model: one frozen dataclass per content type, complete when created."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

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

    def briefing(self, slug: str) -> Briefing:
        for item in self.briefings:
            if item.slug == slug:
                return item
        raise KeyError(slug)

    def names(self, briefing: Briefing) -> list[str]:
        """Every name and alias of a briefing's actors, then of its regions, in order."""
        names: list[str] = []
        for actor_id in briefing.actors:
            names += [self.actors[actor_id].name, *self.actors[actor_id].aliases]
        for region_id in briefing.regions:
            names += [self.regions[region_id].name, *self.regions[region_id].aliases]
        return names
