"""The actor and region registries: reading them, checking them, resolving names."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Generic, Protocol, TypeVar

from generator.content import bodies, lookalikes
from generator.content.model import Actor, Origin, Region
from generator.content.problems import Problem
from generator.content.schema import ACTOR_FIELDS, REGION_FIELDS
from generator.content.syntax import suggest
from generator.content.syntax.fields import Field, FieldError, MarkdownText, Named, parse_mapping
from generator.content.syntax.yamlstrict import Located


class Entry(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def aliases(self) -> tuple[str, ...]: ...
    @property
    def names(self) -> tuple[tuple[str, str], ...]: ...


E = TypeVar("E", bound=Entry)


def name_key(name: str) -> str:
    """The form names are compared in: NFC, case-folded, spaces collapsed.

    Turkish and Azerbaijani dotted capital I (İ folds to i + U+0307) and dotless ı
    both compare as i, so 'İlham', 'ILHAM' and 'ılham' name the same person.
    Zero-width and bidi characters are dropped.
    """
    folded = unicodedata.normalize("NFC", name).casefold().replace("i\u0307", "i")
    folded = unicodedata.normalize("NFC", folded).replace("ı", "i")
    # Invisible format characters (zero-width space, bidi marks) never tell names apart.
    visible = "".join(c for c in folded if unicodedata.category(c) != "Cf")
    return " ".join(visible.split())


@dataclass(frozen=True)
class NameIndex(Generic[E]):
    """Every id, name and alias of one registry, for resolving editors' names."""

    label: str
    entries: Mapping[str, E]
    keys: Mapping[str, tuple[str, ...]]
    # Suggestions already worked out: each costs a pass over every key (1 ms for a 4 MiB
    # registry), and a renamed actor brings the same unknown name from every briefing.
    suggested: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def build(cls, label: str, entries: Mapping[str, E]) -> NameIndex[E]:
        keys: dict[str, list[str]] = {}
        for entry in entries.values():
            written = (entry.id, entry.name, *entry.aliases, *(n for _, n in entry.names))
            for name in {name_key(n) for n in written}:
                keys.setdefault(name, []).append(entry.id)
        return cls(label, entries, {k: tuple(v) for k, v in keys.items()})

    def resolve(self, named: Named, elsewhere: NameIndex[Any] | None = None) -> str:
        """The id a name stands for, or a FieldError naming the closest entries.

        ``elsewhere`` is the other registry: a name found only there is still an
        error, but the hint says where it belongs.
        """
        key = name_key(named.text)
        if key in self.entries:  # an id names its own entry (see lookalikes: never another's)
            return key
        ids = self.keys.get(key, ())
        if len(ids) == 1:
            return ids[0]
        if ids:
            choices = " or ".join(f"'{self.entries[i].name}' ({i})" for i in ids)
            raise FieldError(f"{self.label} '{named.text}' is ambiguous: it names {choices}",
                             named.line, "write the id of the one you mean")
        parts = [part.strip() for part in named.text.split(",")]
        if len(parts) > 1 and all(name_key(part) in self.keys for part in parts):
            listed = ", ".join(parts)
            raise FieldError(f"'{named.text}' names {len(parts)} {self.label}s in one text",
                             named.line, f"write them as a list: [{listed}]")
        if elsewhere is not None and name_key(named.text) in elsewhere.keys:
            raise FieldError(f"unknown {self.label} '{named.text}'", named.line,
                             f"'{named.text}' is {_article(elsewhere.label)} in "
                             f"{elsewhere.label}s.yml, not {_article(self.label)}")
        raise FieldError(f"unknown {self.label} '{named.text}'", named.line,
                         self.suggest(named.text))

    def suggest(self, text: str) -> str:
        key = name_key(text)
        if key not in self.suggested:
            # Bounded: past suggest.MAX_PER_RUN names, the plain hint (see suggest).
            capped = len(self.suggested) >= suggest.MAX_PER_RUN
            close = [] if capped else suggest.close_names(key, list(self.keys), n=3)
            shown = list(dict.fromkeys(self.entries[self.keys[k][0]].name for k in close))
            self.suggested[key] = (
                "did you mean " + " or ".join(f"'{name}'" for name in shown) + "?"
                + _alike(text, shown) if shown
                else f"add it to {self.label}s.yml first, or use a name listed there")
        return self.suggested[key]


def _alike(text: str, shown: list[str]) -> str:
    """For a suggestion that looks the same as what was written, what differs."""
    for name in shown:
        differs = suggest.look_alike(unicodedata.normalize("NFC", text.strip()),
                                     unicodedata.normalize("NFC", name))
        if differs:
            return f" (it looks the same: {differs})"
    return ""


def _article(label: str) -> str:
    return f"an {label}" if label[0] in "aeiou" else f"a {label}"


def read_registry(path: str, document: Located, fields: tuple[Field, ...]
                  ) -> tuple[list[tuple[dict[str, Any], Origin]], list[Problem]]:
    """Parse a registry document: a list of mappings, each checked against ``fields``."""
    if not isinstance(document.value, list):
        return [], [Problem(path, document.line, "the registry must be a YAML list of entries",
                            "start each entry with '- id: ...'")]
    rows, problems = [], []
    for item in document.value:
        if not isinstance(item.value, dict):
            problems.append(Problem(path, item.line, "each entry must be a mapping of keys",
                                    "start the entry with '- id: ...' and indent its other "
                                    "'key: value' lines by two spaces"))
            continue
        values, errors = parse_mapping(item.value, fields, item.line)
        problems += [Problem.at(path, e) for e in errors]
        if not errors:
            rows.append((values, Origin(path, item.line)))
        elif "id" in values:
            # One bad field is one error: the entry stays, without that field, so that every
            # briefing naming it by id, name or alias still resolves (dropping it turned one
            # lower-case 'iso' into an "unknown region" in every briefing).
            rows.append(({"name": values["id"], "kind": "", **values},
                         Origin(path, item.line)))
    return rows, problems


def _description(values: dict[str, Any], origin: Origin, problems: list[Problem]) -> str:
    described: MarkdownText | None = values.get("description")
    if described is None:
        return ""
    # Point at the key: a block scalar's own lines cannot be mapped back exactly.
    rendered = bodies.render(described.text, 1)
    problems += [Problem(origin.path, described.line, "in 'description'"
                         + (f", its line {e.line}" if e.line > 1 else "") + f": {e.message}",
                         e.hint) for e in rendered.problems]
    return rendered.html


def build_regions(rows: Iterable[tuple[dict[str, Any], Origin]]
                  ) -> tuple[dict[str, Region], list[Problem]]:
    regions: dict[str, Region] = {}
    problems: list[Problem] = []
    parents: dict[str, Named] = {}
    for values, origin in rows:
        region = Region(id=values["id"], name=values["name"], kind=values["kind"], origin=origin,
                        aliases=values.get("aliases", ()), iso=values.get("iso"),
                        names=values.get("names", ()),
                        description_html=_description(values, origin, problems),
                        point=values.get("point"), bbox=values.get("bbox"))
        if _add_unique(regions, region, problems) and values.get("parent"):
            parents[region.id] = values["parent"]
    problems += _resolve_parents(regions, parents)
    problems += lookalikes.conflicts(regions, "region", name_key)
    problems += _check_parents(regions)
    return regions, problems


def _resolve_parents(regions: dict[str, Region], parents: Mapping[str, Named]) -> list[Problem]:
    """Each region's ``parent`` (an id, name or alias) as an id; problems on its own line."""
    index = NameIndex.build("region", regions)
    problems = []
    for region_id, named in parents.items():
        region = regions[region_id]
        try:
            regions[region_id] = replace(region, parent=index.resolve(named))
        except FieldError as error:
            problems.append(Problem(region.origin.path, named.line,
                                    f"region '{region_id}' has unknown parent '{named.text}'"
                                    if error.message.startswith("unknown") else error.message,
                                    _resolvable_hint(index, named.text, error)))
    return problems


def _resolvable_hint(index: NameIndex[Any], text: str, error: FieldError) -> str | None:
    """Suggestions for a registry reference, each as it would be accepted: the entry's name
    where that names it alone, its id otherwise."""
    if not error.message.startswith("unknown"):
        return error.hint
    # Bounded like NameIndex.suggest (resolve() has counted this name): past
    # suggest.MAX_PER_RUN names, the plain hint.
    capped = len(index.suggested) >= suggest.MAX_PER_RUN
    close = [] if capped else suggest.close_names(name_key(text), list(index.keys), n=3)
    ids = list(dict.fromkeys(i for key in close for i in index.keys[key]))[:3]
    if not ids:
        return f"write the id, name or alias of a region in regions.yml, or add '{text}' there"
    shown = []
    for found in ids:
        name = index.entries[found].name
        shown.append(name if index.keys.get(name_key(name)) == (found,) else found)
    return "did you mean " + " or ".join(f"'{name}'" for name in shown) + "?"


def build_actors(rows: Iterable[tuple[dict[str, Any], Origin]],
                 regions: Mapping[str, Region] | None
                 ) -> tuple[dict[str, Actor], list[Problem]]:
    """Actors from registry rows; ``regions`` None (unreadable) skips the country check."""
    actors: dict[str, Actor] = {}
    problems: list[Problem] = []
    region_names = NameIndex.build("region", regions or {})
    for values, origin in rows:
        country = _country(values, origin, region_names if regions is not None else None,
                           problems)
        actor = Actor(id=values["id"], name=values["name"], kind=values["kind"], origin=origin,
                      aliases=values.get("aliases", ()), country=country, role=values.get("role"),
                      wikidata=values.get("wikidata"), names=values.get("names", ()),
                      description_html=_description(values, origin, problems))
        _add_unique(actors, actor, problems)
    problems += lookalikes.conflicts(actors, "actor", name_key)
    return actors, problems


def _country(values: dict[str, Any], origin: Origin, regions: NameIndex[Region] | None,
             problems: list[Problem]) -> str | None:
    """An actor's ``country`` (a region id, name or alias) as a region id, or a problem on
    its line; as written when the regions could not be read."""
    named: Named | None = values.get("country")
    if named is None or regions is None:
        return named.text if named else None
    try:
        return regions.resolve(named)
    except FieldError as error:
        problems.append(Problem(origin.path, named.line,
                                f"actor '{values['id']}' has unknown country '{named.text}'"
                                if error.message.startswith("unknown") else error.message,
                                _resolvable_hint(regions, named.text, error)))
        return None


def _add_unique(entries: dict[str, Any], entry: Actor | Region, problems: list[Problem]) -> bool:
    first = entries.get(entry.id)
    if first is None:
        entries[entry.id] = entry
        return True
    problems.append(Problem(entry.origin.path, entry.origin.line, f"duplicate id '{entry.id}'",
                            f"'{entry.id}' is already used on line {first.origin.line}; "
                            "ids must be unique"))
    return False


def _check_parents(regions: Mapping[str, Region]) -> list[Problem]:
    problems = []
    index = NameIndex.build("region", regions)
    for region in regions.values():
        if region.parent and region.parent not in regions:
            problems.append(Problem(region.origin.path, region.origin.line,
                                    f"region '{region.id}' has unknown parent '{region.parent}'",
                                    index.suggest(region.parent)))
    for region, cycle in _cycles(regions):
        shown = [*cycle, cycle[0]] if len(cycle) <= 8 else [*cycle[:8], f"... ({len(cycle)})"]
        problems.append(Problem(region.origin.path, region.origin.line,
                                "regions form a cycle: " + " -> ".join(shown),
                                "each region's parent chain must end at a region "
                                "without a parent"))
    return problems or _too_deep(regions)


def _cycles(regions: Mapping[str, Region]) -> Iterator[tuple[Region, list[str]]]:
    """Each cycle of parents once, with the region whose chain found it.

    Every region is walked once (a walk stops at a region an earlier walk passed), so a
    long chain of parents costs its length, not its square.
    """
    finished: set[str] = set()
    for region in regions.values():
        path: list[str] = []
        on_path: set[str] = set()
        current: str | None = region.id
        while current is not None and current in regions and current not in finished \
                and current not in on_path:
            path.append(current)
            on_path.add(current)
            current = regions[current].parent
        if current is not None and current in on_path:
            yield region, path[path.index(current):]
        finished.update(path)


MAX_REGION_DEPTH = 32  # levels below a root: the region tree view and the finder recurse


def _too_deep(regions: Mapping[str, Region]) -> list[Problem]:
    """Regions nested deeper than MAX_REGION_DEPTH (the tree is known to be acyclic)."""
    depth: dict[str, int] = {}
    problems = []
    for region in regions.values():
        path: list[str] = []
        current: str | None = region.id
        while current is not None and current not in depth:
            path.append(current)
            current = regions[current].parent
        level = -1 if current is None else depth[current]
        for region_id in reversed(path):
            level += 1
            depth[region_id] = level
            if level == MAX_REGION_DEPTH + 1:
                found = regions[region_id]
                problems.append(Problem(found.origin.path, found.origin.line,
                                        f"region '{found.id}' lies more than "
                                        f"{MAX_REGION_DEPTH} levels below the top of the tree",
                                        "give it a parent nearer the top"))
    return problems


def region_chain(region_id: str, regions: Mapping[str, Region]) -> list[Region]:
    """The region and its ancestors, nearest first (the tree is checked acyclic)."""
    chain: list[Region] = []
    current: str | None = region_id
    while current is not None and current in regions and len(chain) <= len(regions):
        chain.append(regions[current])
        current = regions[current].parent
    return chain


REGISTRY_FIELDS = {"actors": ACTOR_FIELDS, "regions": REGION_FIELDS}
