"""What the archive derives: briefings by actor, by region (rolled up), by month.

Everything here is computed once from the validated archive and read by the
emitters; nothing scans all briefings per page.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from generator.content.model import Archive, Briefing, Correction
from generator.content.registries import region_chain

Month = tuple[int, int]
RELATED_NEAREST = 12  # related briefings come from this many nearest in time per group


@dataclass(frozen=True)
class Index:
    """Lookups over one archive; every list of briefings is newest first."""

    archive: Archive
    by_actor: Mapping[str, tuple[Briefing, ...]]
    by_region: Mapping[str, tuple[Briefing, ...]]  # the region and everything below it
    children: Mapping[str, tuple[str, ...]]
    roots: tuple[str, ...]
    by_month: Mapping[Month, tuple[Briefing, ...]]
    position: Mapping[str, int]  # slug -> place in archive.briefings

    def corrections(self) -> list[tuple[Correction, int, Briefing]]:
        """Every correction with its number on its briefing (from 1), newest first."""
        found = [(c, n, b) for b in self.archive.briefings
                 for n, c in enumerate(b.corrections, start=1)]
        found.sort(key=lambda item: (-item[0].date.toordinal(), -item[2].date.toordinal(),
                                     item[2].slug, item[1]))
        return found

    def co_actors(self, actor_id: str) -> list[tuple[str, int]]:
        """Actors appearing with ``actor_id``, most frequent first."""
        counts = Counter(a for b in self.by_actor.get(actor_id, ()) for a in b.actors
                         if a != actor_id)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    def actor_regions(self, actor_id: str) -> list[tuple[str, int]]:
        counts = Counter(r for b in self.by_actor.get(actor_id, ()) for r in b.regions)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    def region_actors(self, region_id: str) -> list[tuple[str, int]]:
        counts = Counter(a for b in self.by_region.get(region_id, ()) for a in b.actors)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    def ancestors(self, region_id: str) -> list[str]:
        """The region's parents, the root first (not the region itself)."""
        return [r.id for r in reversed(region_chain(region_id, self.archive.regions)[1:])]

    def neighbours(self, briefing: Briefing) -> tuple[Briefing | None, Briefing | None]:
        """(older, newer) in the archive's time order, in the briefing's language: a reader
        paging through the Arabic briefings stays among them (its translations are linked
        from each page, and the lists show every language)."""
        place = self.position[briefing.slug]
        items = self.archive.briefings
        older = next((items[at] for at in range(place + 1, len(items))
                      if items[at].lang == briefing.lang), None)
        newer = next((items[at] for at in range(place - 1, -1, -1)
                      if items[at].lang == briefing.lang), None)
        return older, newer

    def related(self, briefing: Briefing, limit: int = 5) -> list[Briefing]:
        """Briefings sharing actors and regions, close in time, best first.

        A translation set counts once: the briefing's own set not at all (the page links
        it above), any other by its member in the briefing's language, else its original.
        """
        archive = self.archive
        own = briefing.translation_of or briefing.slug
        scores: dict[str, float] = defaultdict(float)
        found: dict[str, Briefing] = {}  # by slug, so that none is looked up again
        for weight, groups in ((3.0, (self.by_actor[a] for a in briefing.actors)),
                               (2.0, (self.by_region[r] for r in briefing.regions))):
            for group in groups:
                for other in _nearest_in_time(group, briefing, RELATED_NEAREST):
                    if (other.translation_of or other.slug) != own:
                        scores[other.slug] += weight
                        found[other.slug] = other
        chosen: dict[str, float] = defaultdict(float)  # the shown member -> its set's best
        for slug, score in scores.items():
            members = archive.translations(found[slug])
            if len(members) == 1:  # most briefings: no translation to choose from
                chosen[slug] = max(chosen[slug], score)
                continue
            shown = _shown_member(members, briefing.lang)
            chosen[shown.slug] = max(chosen[shown.slug], score)
            found[shown.slug] = shown
        day = briefing.date.toordinal()
        ranked = sorted(chosen, key=lambda slug: (
            -chosen[slug] + abs(found[slug].date.toordinal() - day) / 3650, slug))
        return [found[slug] for slug in ranked[:limit]]


def _shown_member(members: tuple[Briefing, ...], lang: str) -> Briefing:
    """The member of a translation set a page in ``lang`` lists: its own language's, else
    the original (listed first)."""
    return next((b for b in members if b.lang == lang), members[0])


def _newest_first(briefing: Briefing) -> int:
    return -briefing.date.toordinal()  # ascending along a newest-first group


def _nearest_in_time(group: tuple[Briefing, ...], briefing: Briefing, count: int
                     ) -> list[Briefing]:
    """Up to ``count`` briefings of a newest-first group nearest to ``briefing``'s date."""
    # Bisect with a key: building a list of every key was a scan of the group per briefing,
    # quadratic for an actor named in thousands of briefings.
    middle = bisect_left(group, -briefing.date.toordinal(), key=_newest_first)
    window = group[max(0, middle - count // 2): middle + count // 2 + 1]
    return [b for b in window if b.slug != briefing.slug]


def build_index(archive: Archive) -> Index:
    """Derive every lookup in one pass over the briefings."""
    by_actor: dict[str, list[Briefing]] = {a: [] for a in archive.actors}
    by_region: dict[str, list[Briefing]] = {r: [] for r in archive.regions}
    by_month: dict[Month, list[Briefing]] = defaultdict(list)
    chains = {r: [c.id for c in region_chain(r, archive.regions)] for r in archive.regions}
    for briefing in archive.briefings:
        for actor_id in briefing.actors:
            by_actor[actor_id].append(briefing)
        for region_id in {up for r in briefing.regions for up in chains[r]}:
            by_region[region_id].append(briefing)
        by_month[(briefing.date.year, briefing.date.month)].append(briefing)
    children: dict[str, list[str]] = defaultdict(list)
    roots: list[str] = []
    for region in sorted(archive.regions.values(), key=lambda r: r.name.casefold()):
        (children[region.parent] if region.parent else roots).append(region.id)
    return Index(
        archive=archive,
        by_actor={k: tuple(v) for k, v in by_actor.items()},
        by_region={k: tuple(v) for k, v in by_region.items()},
        children={k: tuple(v) for k, v in children.items()},
        roots=tuple(roots),
        by_month={k: tuple(v) for k, v in sorted(by_month.items(), reverse=True)},
        position={b.slug: i for i, b in enumerate(archive.briefings)},
    )
