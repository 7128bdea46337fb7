"""The build tree: every page as a Markdown file and every data file, ready to render.

``plan`` gathers every output from a validated archive (nothing is written until all of
them are known and their paths claimed); ``write`` puts them on disk (site/tree.py), touching
only files whose bytes change, so an engine that renders only modified files redoes only
what changed."""

from __future__ import annotations

import functools
import itertools
import os
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from generator import workers
from generator.content.model import Archive, Briefing
from generator.site import urls
from generator.site.data import citation, datapackage, feeds, recordcache, sitemaps
from generator.site.html import editorial
from generator.site.html.editorial import editorial_pages
from generator.site.html.entities import actor_pages, briefing_page, region_pages
from generator.site.html.finder import finder_outputs
from generator.site.html.overview import actors_page, home_page, regions_page, timeline_pages
from generator.site.html.pagefile import render_markdown
from generator.site.index import Index, build_index
from generator.site.outputs import DataFile, Page, Site
from generator.site.plan import increment
from generator.site.tree import Tree
from generator.workers import Helper, HelperPage


@dataclass(frozen=True)
class Plan:
    """Everything the site will hold, keyed by tree path (site/tree.py).

    A full plan holds every file. A partial one (:func:`plan_changes`) holds the files an
    edit can change, and ``deleted`` names the files of pages that are gone.
    """

    files: dict[str, bytes]
    state: increment.TreeState
    deleted: frozenset[str] = frozenset()
    partial: bool = False
    # Files a second process planned and wrote itself (see _Helper), and whether each changed.
    written: dict[str, bool] = field(default_factory=dict)


def entity_pages(index: Index, site: Site, only: increment.Selection | None = None,
                 skip: Container[str] = ()) -> Iterator[tuple[str, Page]]:
    """Every page of the site with the entity that owns it, in a stable order, one at a
    time; with ``only``, the selected entities' pages and the summary pages (unless only
    bodies changed); without the briefings in ``skip``."""
    archive = index.archive
    if only is None or only.summaries:
        yield "home", home_page(index, site)
        yield "actors", actors_page(index, site)
        yield "regions", regions_page(index, site)
        yield from (("timeline", page) for page in timeline_pages(index, site))
        yield from editorial_pages(index, site)
    for briefing in archive.briefings:
        if briefing.slug in skip:
            continue
        if only is None or briefing.slug in only.briefings:
            yield f"briefing:{briefing.slug}", briefing_page(briefing, index, site)
    for actor in archive.actors.values():
        if only is None or actor.id in only.actors:
            yield from ((f"actor:{actor.id}", page) for page in actor_pages(actor, index, site))
    for region in archive.regions.values():
        if only is None or region.id in only.regions:
            yield from ((f"region:{region.id}", page)
                        for page in region_pages(region, index, site))


def nav_entries(archive: Archive) -> list[tuple[str, str]]:
    """The navigation entries the site adds after the built-in sections (see editorial)."""
    return editorial.nav_entries(archive)


def gather_pages(index: Index, site: Site) -> Iterator[Page]:
    """Every page of the site, in a stable order, one at a time."""
    return (page for _entity, page in entity_pages(index, site))


def plan(archive: Archive, site: Site, key: str = "", tree: Tree | None = None) -> Plan:
    """Every page and data file of the site; raises PathCollision on clashing outputs.

    ``key`` (increment.state_key) goes into the plan's state for the next build. Given
    the build ``tree``, each file is written there as it is made, and a large archive is
    planned in two processes (forked: only from a build with no other thread running): the
    second plans a share of the briefing pages and writes them itself, then the exports.
    """
    index = build_index(archive)
    helper = None
    if tree is not None and workers.PLANNING.worth(len(archive.briefings)):
        # its fork makes the exports too, after its pages: a second fork would copy the
        # archive's memory pages again as it reads them (1.2 GB at 100,000 briefings)
        helper = _PageHelper.start(index, site, tree, functools.partial(
            _exports, index, site, key, None, None, tree))
    try:
        return _plan(index, site, key, None, helper=helper, parallel=tree is not None,
                     tree=tree)
    finally:
        if helper is not None:
            helper.stop()


def plan_changes(archive: Archive, site: Site, key: str, state: increment.TreeState, *,
                 parallel: bool = False, pieces: Path | None = None) -> Plan | None:
    """The outputs that changed since ``state`` (see increment), or None: plan it all.

    ``parallel``: a large archive's exports and search index are made in a second process
    (see generator.workers). ``pieces``: where each briefing's piece of the exports and
    search index is kept between rebuilds (see site/data/recordcache.py).
    """
    if state.key != key:
        return None
    digested = increment.digests(archive)
    changed = increment.changed_briefings(state, digested)
    if len(changed) > increment.MAX_CHANGED:
        return None
    if not changed:  # every output depends on the briefings and what the key covers
        return Plan({}, state, partial=True)
    index = build_index(archive)
    outward = increment.outward_digests(archive, state, changed & digested.keys())
    since = _Since(state, increment.affected(state, index, changed, outward),
                   frozenset(changed - digested.keys()), digested, outward)
    return _plan(index, site, key, since, pieces, parallel=parallel)


@dataclass(frozen=True)
class _Since:
    """Where a partial plan starts: the last build's state and what changed since."""

    state: increment.TreeState
    only: increment.Selection  # what to plan again
    removed: frozenset[str]  # slugs of briefings gone
    digests: dict[str, bytes]  # every briefing's digests now (see increment)
    outward: dict[str, bytes]


def _plan(index: Index, site: Site, key: str, since: _Since | None,
          kept: Path | None = None, helper: _PageHelper | None = None, parallel: bool = False,
          tree: Tree | None = None) -> Plan:
    # The feeds, exports and search index (a second or more at 16,000 briefings) are made
    # in a second process meanwhile, when the archive is large and they are planned at all.
    # A full plan given the ``tree`` writes them there as they are made.
    archive = index.archive
    export = functools.partial(_exports, index, site, key, since, kept, tree)
    exporting = Helper(export, start="fork") if parallel and _summaries(since) \
        and workers.PLANNING.worth(len(archive.briefings)) and helper is None else None
    try:
        return _plan_pages(index, site, key, since, helper,
                           exporting or (helper.exported if helper else export), tree)
    finally:
        if exporting is not None:
            exporting.stop()


def _summaries(since: _Since | None) -> bool:
    """Whether the plan holds the pages and files that summarise the whole archive."""
    return since is None or since.only.summaries


@dataclass(frozen=True)
class Exported:
    """What the exporting helper makes: the archive-wide files, and for a full plan every
    briefing's outward digest (see increment)."""

    files: list[DataFile]
    outward: dict[str, bytes]
    # The files written into the tree as made (a full plan) and whether each changed: at
    # 100,000 briefings the files (300,000 citation files) were 2 GB here, and in the build.
    written: list[tuple[str, bool]] = field(default_factory=list)


def _exports(index: Index, site: Site, key: str, since: _Since | None, kept: Path | None,
             tree: Tree | None = None) -> Exported:
    """The feeds (of the selected actors and regions), the exports and the search index;
    and for a full plan every briefing's outward digest, made here (a partial plan has
    them already, so none travel back). Given the ``tree`` (a full plan), each file is written
    there as it is made, its path claimed first, and only the paths travel back."""
    selected = (None, None) if since is None else (since.only.actors, since.only.regions)
    outward = increment.outward_digests(index.archive) if since is None else since.outward
    archive = index.archive
    items = itertools.chain(feeds.all_feeds(index, site, *selected),
                            recordcache.archive_files(index, site, key, outward, kept),
                            datapackage.files(site),
                            (item for briefing in archive.briefings
                             for item in citation.briefing_files(briefing, archive, site)))
    digests = outward if since is None else {}
    if tree is None or since is not None:
        return Exported(list(items), digests)
    claims, made, written = urls.OutputRegistry(), set[str](), list[tuple[str, bool]]()
    for item in items:  # one at a time, each let go before the next is made (the exports:
        path = claims.claim(item.path, f"file '{item.path}'")  # a hundred MB or more each)
        written.append((path, tree.write(path, item.content, made)))
        del item
    return Exported([], digests, written)


def _plan_pages(index: Index, site: Site, key: str, since: _Since | None,
                helper: _PageHelper | None, exporting: Helper[Exported] | Callable[[], Exported],
                tree: Tree | None = None) -> Plan:
    only = since.only if since is not None else None
    finder = finder_outputs(index, site) if _summaries(since) else None
    claims = urls.OutputRegistry()
    files: dict[str, bytes] = {}
    written: dict[str, bool] = {}
    made: set[str] = set()
    routes: list[tuple[str, date | None]] = []  # every page's route and lastmod
    entities: dict[str, list[str]] = {}
    skip = helper.slugs if helper is not None else frozenset()
    for slug in sorted(skip):  # claimed before any other page, as in one process
        route = urls.briefing(slug)
        claims.claim(urls.source_path(route), f"page '{route}'")
    # Each page's HTML is kept once, encoded in ``files``, or (a full plan, given the
    # ``tree``) written there at once: at 100,000 briefings hundreds of MB.
    for entity, page in itertools.chain(entity_pages(index, site, only, skip),
                                        [("finder", finder[0])] if finder else []):
        path = claims.claim(urls.source_path(page.route), f"page '{page.route}'")
        text = render_markdown(page, site).encode("utf-8")
        if tree is None:
            files[path] = text
        else:
            written[path] = tree.write(path, text, made)
        routes.append((page.route, page.lastmod))
        entities.setdefault(entity, []).append(page.route)
    if helper is not None:
        for done in helper.result():
            routes.append((done.route, done.lastmod))
            entities[f"briefing:{done.slug}"] = [done.route]
            written[done.path] = done.changed
    owned = {entity: tuple(routes) for entity, routes in entities.items()}
    gone: set[str] = set()
    lastmods: dict[str, date | None] = {}
    if since is not None:  # partial: the rest of the site is as the last build left it
        gone = increment.routes_gone(since.state, owned, since.removed)
        dropped = {f"briefing:{slug}" for slug in since.removed}
        owned = {**{e: r for e, r in since.state.entities.items()
                    if e not in owned and e not in dropped}, **owned}
        lastmods = {route: day for route, day in since.state.lastmods.items()
                    if route not in gone}
    lastmods.update(routes)
    exported = Exported([], {})
    if finder is not None:  # the summaries are planned
        exported = exporting.result() if isinstance(exporting, Helper) else exporting()
        sitemap = sitemaps.sitemap_files(
            _sitemap_pages(lastmods, sitemaps.alternates(index.archive)), site)
        for item in [*exported.files, *sitemap, *finder[1]]:
            files[claims.claim(item.path, f"file '{item.path}'")] = item.content
        for path, was_changed in exported.written:
            written[claims.claim(path, f"file '{path}'")] = was_changed
    deleted = frozenset(urls.source_path(route) for route in gone)
    digests = (since.digests, since.outward) if since else (None, exported.outward)
    state = increment.new_state(key, index.archive, owned, lastmods, *digests)
    return Plan(files, state, deleted, partial=since is not None, written=written)


class _PageHelper:
    """The planning helper (workers.PLANNING): it plans its share of the briefing pages and
    writes them into the tree itself, then makes the exports; only what the plan records of
    them comes back."""

    def __init__(self, helper: Helper[tuple[list[HelperPage], Exported]],
                 slugs: frozenset[str]) -> None:
        self.helper, self.slugs = helper, slugs
        self._value: tuple[list[HelperPage], Exported] | None = None

    @classmethod
    def start(cls, index: Index, site: Site, tree: Tree, then: Callable[[], Exported]
              ) -> _PageHelper:
        briefings = [b for b in index.archive.briefings
                     if workers.PLANNING.helper_takes(workers.briefing_path(b.slug))]
        helper = Helper(functools.partial(_helper_plan, briefings, index, site, tree, then),
                        start="fork")
        return cls(helper, frozenset(b.slug for b in briefings))

    def result(self) -> list[HelperPage]:
        if self._value is None:
            self._value = self.helper.result()
        return self._value[0]

    def exported(self) -> Exported:
        self.result()
        assert self._value is not None
        return self._value[1]

    def stop(self) -> None:
        self.helper.stop()


def _helper_plan(briefings: list[Briefing], index: Index, site: Site, tree: Tree,
                 then: Callable[[], Exported]) -> tuple[list[HelperPage], Exported]:
    made: set[str] = set()
    done = []
    for briefing in briefings:
        page = briefing_page(briefing, index, site)
        path = urls.source_path(page.route)
        changed = tree.write(path, render_markdown(page, site).encode("utf-8"), made)
        done.append(HelperPage(briefing.slug, page.route, page.lastmod, path, changed))
    return done, then()


def _sitemap_pages(lastmods: dict[str, date | None],
                   languages: dict[str, tuple[tuple[str, str], ...]]) -> Iterator[Page]:
    return (Page(route, "", "", "", lastmod=day, alternates=languages.get(route, ()))
            for route, day in lastmods.items())


class TreeWriter:
    """Makes the ``tree`` hold a plan's files, in steps the build can act between.

    A full plan leaves exactly its files; a partial one writes its files and removes its
    deleted ones, leaving the rest as they are. Files that go are removed at once; then
    :meth:`write` writes the files it is given a test for (the engine can start on them),
    and :meth:`finish` the others. Only files whose bytes change are touched.
    """

    def __init__(self, plan: Plan, tree: Tree) -> None:
        self.plan, self.tree = plan, tree
        self.changed = _remove_unplanned(plan, tree)  # the paths that changed (or went)
        self._made: set[str] = set()
        self._done: set[str] = set()

    def write(self, pick: Callable[[str], bool] = lambda path: True) -> None:
        """Write the files ``pick`` chooses (of those not written yet)."""
        for path, content in self.plan.files.items():
            if path not in self._done and pick(path):
                self._done.add(path)
                if self.tree.write(path, content, self._made):
                    self.changed.append(path)

    def finish(self) -> list[str]:
        """Write the rest; returns every path that changed, a second process's too."""
        self.write()
        self.changed += [path for path, was_changed in self.plan.written.items() if was_changed]
        return self.changed


def write(plan: Plan, tree: Tree) -> list[str]:
    """Make ``tree`` hold the plan's files (see TreeWriter); returns the paths that changed."""
    return TreeWriter(plan, tree).finish()


def _remove_unplanned(plan: Plan, tree: Tree) -> list[str]:
    """Remove the tree's files that the plan no longer has; returns their paths."""
    gone = []
    if plan.partial:
        for path in sorted(plan.deleted | _stale_parts(plan, tree)):
            if os.path.lexists(tree.file(path)):
                os.unlink(tree.file(path))
                gone.append(path)
        return gone
    wanted = {tree.file(p) for p in itertools.chain(plan.files, plan.written)}
    for root in (tree.pages, tree.data):
        for folder, _dirs, names in os.walk(root, topdown=False):
            for name in names:
                if os.path.join(folder, name) not in wanted:
                    os.unlink(os.path.join(folder, name))
                    gone.append(os.path.relpath(os.path.join(folder, name), root))
            if folder != str(root) and not os.listdir(folder):
                os.rmdir(folder)
    return gone


# Folders of data files split in numbered parts (the search index's shards, the finder's
# parts): a plan that writes any file in one writes all of it, so the parts it no longer has
# go even from a partial plan (an archive that shrinks needs fewer). The sitemap's parts
# sit at the root (see sitemaps.py): a plan with the sitemap has all of them.
WHOLE_FOLDERS = ("search/", "finder/data/", citation.FOLDER)


def _stale_parts(plan: Plan, tree: Tree) -> set[str]:
    """The files of WHOLE_FOLDERS, and sitemap parts, that the plan writes but no longer has."""
    stale = set()
    if sitemaps.NAME in plan.files:
        stale |= {path.name for path in tree.folder(sitemaps.NAME).glob(
            f"{sitemaps.PARTS_PREFIX}*.xml") if path.name not in plan.files}
    for folder in WHOLE_FOLDERS:
        if not any(path.startswith(folder) for path in plan.files):
            continue
        for root in (tree.pages, tree.data):
            for place, _dirs, names in os.walk(root / folder):
                for name in names:
                    path = os.path.relpath(os.path.join(place, name), root).replace(os.sep, "/")
                    if path not in plan.files:
                        stale.add(path)
    return stale
