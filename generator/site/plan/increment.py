"""Which outputs an edit touches, so a rebuild plans and renders only those.

After every build the pipeline keeps a :class:`TreeState` beside the build tree: a digest of
each briefing as loaded, the facts that place it in the site (date, actors, regions, place
in time order), the routes every page-owning entity produced, and what every page needs in
the sitemap. The next build compares the new archive with it. If only briefings changed
(same registries, site settings, options and generator code), :func:`affected` names the
pages an edit can change:

- the briefing's own page, and its older and newer neighbours, before and after the edit;
- the other members of its translation set as it is now (a set it left is planned again
  only where the next rules reach it: translations usually share date, actors and regions);
- every page of its actors and of its regions and their ancestors, before and after;
- every briefing whose "related" list can hold it or a member of its translation set (a
  list shows one member of a set): related briefings are drawn from the briefings
  nearest in time in each shared actor and region (``Index.related``), so only briefings
  whose dates lie near its old or new date, or a set member's, in one of those groups
  qualify;
- the pages and files that summarise the whole archive: home, the actor and region
  indexes, the timeline, the finder, the site feed, the exports, the search index, the
  sitemap.

A briefing whose outward digest (every field but its body) is unchanged changed only in its
body, which no page but its own shows: then that page is all there is to plan.

Everything else keeps its file in the build tree and its page in the site. A change to
anything else (a registry, the generator, the settings), or too many changed briefings,
means a full build. ``tests/site/test_incremental.py`` checks rebuilds against fresh full builds,
byte for byte, for edits of every kind.
"""

from __future__ import annotations

import hashlib
import pickle
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from generator.content.loadcache import code_digest
from generator.content.model import Archive, Briefing
from generator.site.index import RELATED_NEAREST, Index
from generator.site.maps import atlas
from generator.site.outputs import Site

FORMAT = 2
MAX_CHANGED = 200  # above this many changed briefings a full build is as quick

Facts = tuple[date, tuple[str, ...], tuple[str, ...]]  # date, actors, regions


@dataclass(frozen=True)
class TreeState:
    """What the last build planned, as much as the next one needs to plan only changes."""

    key: str  # registries, site settings, options and generator code
    digests: dict[str, bytes]  # slug -> digest of the briefing as loaded
    outward: dict[str, bytes]  # slug -> digest of what other pages show of it
    order: tuple[str, ...]  # slugs, newest first (the archive's order)
    facts: dict[str, Facts]
    entities: dict[str, tuple[str, ...]]  # entity ('briefing:slug', 'actor:id', ...) -> routes
    lastmods: dict[str, date | None]  # route -> lastmod, for the sitemap


@dataclass(frozen=True)
class Selection:
    """The entities whose pages a rebuild plans again (the summaries always are)."""

    briefings: frozenset[str] = field(default_factory=frozenset)
    actors: frozenset[str] = field(default_factory=frozenset)
    regions: frozenset[str] = field(default_factory=frozenset)
    # The pages and files that summarise the whole archive (home, indexes, timeline,
    # finder, feeds, exports, search, sitemap): planned again unless only bodies changed.
    summaries: bool = True


def state_key(archive: Archive, site: Site, options: str) -> str:
    """A digest of everything every page depends on besides the briefings (the editorial
    pages too: they are few, and in every page's navigation)."""
    digest = hashlib.sha256(f"{FORMAT} {options}".encode())
    digest.update(repr((sorted(archive.actors.items()), sorted(archive.regions.items()),
                        site, archive.pages)).encode("utf-8", "surrogatepass"))
    # The sources' state shows on briefing pages and in the exports: a new state (a weekly
    # check) rebuilds everything, which is what the site's own build does anyway.
    digest.update(repr(sorted(archive.source_states.items())).encode("utf-8", "surrogatepass"))
    digest.update(code_digest().encode())
    digest.update(atlas.data_digest().encode())  # the maps' shapes: data, not code
    return digest.hexdigest()


def briefing_digest(briefing: Briefing) -> bytes:
    """What identifies a briefing as loaded: the digest of its file, which loading sets
    (the state key covers the rest it is read with), else a digest of every field."""
    return briefing.source_digest or _fields_digest(briefing)


def outward_digest(briefing: Briefing) -> bytes:
    """A digest of what pages and files other than its own show of a briefing: every field
    but its body (listings, feeds, exports, search and the finder never show the body)."""
    return _fields_digest(replace(briefing, body_html=""))


def _fields_digest(briefing: Briefing) -> bytes:
    # Its repr: a pickle's bytes depend on which of the values are one shared object,
    # which differs between a briefing read now and one from the cache.
    return hashlib.blake2b(repr(briefing).encode("utf-8", "surrogatepass"),
                           digest_size=16).digest()


def digests(archive: Archive) -> dict[str, bytes]:
    return {b.slug: briefing_digest(b) for b in archive.briefings}


def outward_digests(archive: Archive, state: TreeState | None = None,
                    changed: Iterable[str] = ()) -> dict[str, bytes]:
    """Every briefing's outward digest: with ``state``, the state's for all but ``changed``."""
    if state is None:
        return {b.slug: outward_digest(b) for b in archive.briefings}
    redo = set(changed)
    return {b.slug: outward_digest(b) if b.slug in redo else state.outward[b.slug]
            for b in archive.briefings}


def new_state(key: str, archive: Archive, entities: dict[str, tuple[str, ...]],
              lastmods: dict[str, date | None], digested: dict[str, bytes] | None,
              outward: dict[str, bytes]) -> TreeState:
    return TreeState(key, digested if digested is not None else digests(archive), outward,
                     tuple(b.slug for b in archive.briefings),
                     {b.slug: (b.date, b.actors, b.regions) for b in archive.briefings},
                     entities, lastmods)


def changed_briefings(state: TreeState, digested: dict[str, bytes]) -> set[str]:
    """Slugs added, removed or changed since the state was taken."""
    changed = {slug for slug in state.digests if slug not in digested}
    changed |= {slug for slug, digest in digested.items() if state.digests.get(slug) != digest}
    return changed


def affected(state: TreeState, index: Index, changed: set[str], outward: dict[str, bytes]
             ) -> Selection:
    """The briefings, actors and regions whose pages the changed briefings can alter.

    ``outward``: every briefing's outward digest now. A briefing whose outward digest is
    the same as before changed only in its body, which shows on its own page alone.
    """
    archive = index.archive
    now = {b.slug: b for b in archive.briefings}
    old_place = {slug: i for i, slug in enumerate(state.order)}
    body_only = {slug for slug in changed
                 if slug in outward and state.outward.get(slug) == outward[slug]}
    briefings: set[str] = set(body_only)
    actors: set[str] = set()
    regions: set[str] = set()
    for slug in changed - body_only:
        versions = [state.facts[slug]] if slug in state.facts else []
        briefing = now.get(slug)
        if briefing is not None:
            versions.append((briefing.date, briefing.actors, briefing.regions))
            briefings.add(slug)
            older, newer = index.neighbours(briefing)
            briefings |= {b.slug for b in (older, newer) if b is not None}
            # its translation set: each member links to every other, and a related list
            # shows one member of a set (Index.related), so lists that can hold any member
            # can change
            members = archive.translations(briefing)
            briefings |= {b.slug for b in members}
            versions += [(b.date, b.actors, b.regions) for b in members if b is not briefing]
        if slug in old_place:
            place = old_place[slug]
            briefings |= set(state.order[max(0, place - 1):place + 2])
        for day, its_actors, its_regions in versions:
            chain = {up for r in its_regions for up in (r, *index.ancestors(r))}
            actors |= set(its_actors)
            regions |= chain
            groups = [index.by_actor[a] for a in its_actors]
            groups += [index.by_region[r] for r in chain]
            for group in groups:
                briefings |= set(_near(group, day, RELATED_NEAREST + 2 * len(changed) + 2))
    return Selection(frozenset(briefings & now.keys()), frozenset(actors), frozenset(regions),
                     summaries=changed != body_only)


def _near(group: tuple[Briefing, ...], day: date, reach: int) -> Iterator[str]:
    """Slugs of every briefing of a newest-first group whose window of nearest briefings
    (Index.related) can reach a briefing dated ``day``: every briefing dated between the
    dates ``reach`` places before the first and after the last briefing of that day (a
    window is centred on its own date's first briefing, so a whole date counts)."""
    key = -day.toordinal()
    first, last = (bisect_left(group, key, key=_newest_first),
                   bisect_right(group, key, key=_newest_first))
    window = group[max(0, first - reach): last + reach]
    if not window:
        return
    newest, oldest = -window[0].date.toordinal(), -window[-1].date.toordinal()
    start = bisect_left(group, newest, key=_newest_first)
    end = bisect_right(group, oldest, key=_newest_first)
    yield from (b.slug for b in group[start:end])


def _newest_first(briefing: Briefing) -> int:
    return -briefing.date.toordinal()


def load_state(path: Path) -> TreeState | None:
    """The state the last build left, or None (none, unreadable, or of another format)."""
    try:
        with open(path, "rb") as handle:
            if pickle.load(handle) != FORMAT:
                return None
            state = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError,
            AttributeError, ImportError):
        return None
    return state if isinstance(state, TreeState) else None


def save_state(path: Path, state: TreeState | None) -> None:
    """Keep the state for the next build (None: forget it, the next build is full)."""
    path.unlink(missing_ok=True)
    if state is None:
        return
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "wb") as handle:
        pickle.dump(FORMAT, handle, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(state, handle, protocol=pickle.HIGHEST_PROTOCOL)
    temporary.replace(path)


def routes_gone(state: TreeState, entities: dict[str, tuple[str, ...]],
                removed: Iterable[str]) -> set[str]:
    """Routes the last build had for these entities (and removed briefings) but this lacks."""
    gone = set()
    for entity, routes in entities.items():
        gone |= set(state.entities.get(entity, ())) - set(routes)
    for slug in removed:
        gone |= set(state.entities.get(f"briefing:{slug}", ()))
    return gone
