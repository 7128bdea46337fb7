"""The build, written out in order (:func:`build`, top to bottom): check the site folder,
load, plan, write the tree, render, save the state.

Nothing is written while anything is still unknown: the archive is loaded and
checked whole, every output is planned and its path claimed, and only then is
the build tree written and the engine run. Where a phase uses a second process,
generator/workers.py says when and how.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from generator import buildfolder
from generator.buildfolder import BuildFolder
from generator.content.loadcache import BriefingCache
from generator.content.loading import Loaded, load_archive
from generator.content.model import Archive
from generator.content.problems import ContentError, Problem
from generator.content.syntax.languages import LANGUAGE_HINT, canonical_language
from generator.engine import engines, render, sitedir, swap
from generator.site.edition import Edition
from generator.site.maps import draw, regionmaps
from generator.site.plan import buildtree, increment
from generator.site.tree import Tree
from generator.site.urls import PathCollision


@dataclass
class Warm:
    """What a long-running process (the preview) keeps between its builds: the loaded
    files' cache, so that a rebuild neither reads nor rewrites it on disk (0.5 s at 16,000
    briefings); :meth:`save` writes it when the process ends."""

    cache: BriefingCache | None = None

    def save(self) -> None:
        if self.cache is not None:
            self.cache.save()

    def __getstate__(self) -> dict[str, object]:
        """Sent to a spawned process, it arrives empty (a forked one has the memory as it
        was): that process reads the cache file, as it would without one."""
        return {"cache": None}


@dataclass(frozen=True)
class BuildOptions:
    """Where to read, where to write, and how."""

    content: Path
    site_dir: Path
    build_dir: Path = buildfolder.DEFAULT
    config_file: Path = Path("mkdocs.yml")
    drafts: bool = False
    edition: Edition = Edition.HOSTED  # which reader the site is for (site/edition.py)
    engine: str = field(default_factory=engines.from_environment)  # which renders the tree
    # The site folder is a temporary one the caller made inside the build folder (the
    # bundle's): the site-folder check allows that one place inside it.
    private_site: bool = False
    warm: Warm | None = field(default=None, compare=False)
    # More files for the build tree, by path (the downloads: editions and their page). A
    # rebuild whose extras keep their paths writes and renders only those that changed.
    extras: Mapping[str, bytes] = field(default_factory=dict)
    # Where the site goes once rendered, when ``site_dir`` is a staging folder of the
    # caller's beside it: swapped in at the end, under the build's lock (``build
    # --downloads`` renders the site while its editions are written, then their page).
    publish_to: Path | None = None

    @property
    def folder(self) -> BuildFolder:
        return BuildFolder(self.build_dir)

    @property
    def tree(self) -> Tree:
        return self.folder.files(self.edition)


DOWNLOADS_PAGE = "downloads/index.md"  # in the tree when a build publishes the editions


def _navigation(archive: Archive, options: BuildOptions) -> tuple[tuple[str, str], ...]:
    """The entries the generator adds to the navigation: editorial pages, then Downloads when
    this build publishes the editions."""
    downloads = [("Downloads", DOWNLOADS_PAGE)] if DOWNLOADS_PAGE in options.extras else []
    return (*buildtree.nav_entries(archive), *downloads)


def check(content: Path, drafts: bool = True, *, cache_file: Path | None = None,
          warm: Warm | None = None, language: str = "en") -> Loaded:
    """Load and validate everything (drafts included: they must be valid too).

    ``language`` is the site's (:func:`site_language`): that of briefings naming none.

    With ``cache_file``, results for files unchanged since the last load are reused; with
    ``warm`` too, from memory after the first load (and written only by ``warm.save``).
    """
    if cache_file is None:
        return _with_map_warnings(load_archive(content, include_drafts=drafts,
                                               language=language))
    today = date.today()
    kept = warm.cache if warm is not None else None
    cache = kept.reopen(content, today) if kept else BriefingCache.open(cache_file, content,
                                                                        today)
    loaded = load_archive(content, include_drafts=drafts, today=today, cache=cache,
                          language=language)
    if kept is None:
        cache.save()
    if warm is not None:
        warm.cache = cache
    return _with_map_warnings(loaded)


def _with_map_warnings(loaded: Loaded) -> Loaded:
    """The maps' warnings too: regions with briefings that no map can place."""
    if not loaded.ok:
        return loaded
    return replace(loaded, problems=loaded.problems + regionmaps.unplaced(loaded.archive))


def site_language(config_file: Path, engine: str | None = None) -> str:
    """The site's language as mkdocs.yml sets it, checked as a briefing's ``lang`` is (en
    when there is no mkdocs.yml: ``briefings check`` runs without one too)."""
    if not config_file.is_file():
        return "en"
    config = render.EngineConfig(config_file, engine=engine) if engine else \
        render.EngineConfig(config_file)
    theme = render.settings(config).get("theme")  # Material's default language: en
    written = str(theme.get("language") or "en") if isinstance(theme, dict) else "en"
    found = canonical_language(written)
    if found is None:
        raise ContentError([Problem(str(config_file), None, f"theme.language '{written}' is "
                                    "not a known language tag", LANGUAGE_HINT)])
    return found


def without_drafts(archive: Archive) -> Archive:
    return replace(archive, briefings=tuple(b for b in archive.briefings if not b.draft))


def build(options: BuildOptions) -> list[Problem]:
    """Check, then build the site; raises ContentError and leaves the old site if anything fails.

    Raises sitedir.SiteDirError, before anything is written, for a site folder the swap
    would destroy anything in (the content, the project, a folder that is not a site).
    """
    # 1. The site folder: refused before anything is read if replacing it could harm.
    sitedir.check_site_dir(options.site_dir, places(options), private=options.private_site)
    # 2. Load: the whole archive, validated.
    with phase("load"):
        language = site_language(options.config_file, options.engine)
        checked = check(options.content, cache_file=options.folder.cache,
                        warm=options.warm, language=language)
    if not checked.ok:
        raise ContentError(checked.problems)
    problems = checked.problems
    archive = checked.archive if options.drafts else without_drafts(checked.archive)
    del checked  # the archive is needed until it is planned, and only in ``archive``
    config = _engine_config(archive, options)
    briefings = len(archive.briefings)
    state_file = options.folder.plan_state(options.edition)
    with swap.locked(options.folder.lock), _long_lived():
        # 3. Plan every output and claim its path before anything is written: only what
        # changed since the last build when that is known, everything otherwise.
        with phase("plan"):
            previous = increment.load_state(state_file)
            plan = _plan(archive, config, options, previous)
            # Planned: writing and rendering need none of the archive (at 100,000
            # briefings about a GB, held through the render until this was freed).
            del archive
        # 4. Write the build tree and 5. render it, the site swapped in at the end. A whole
        # render's second process starts as soon as the files it reads are written.
        whole = not _rendered_before(config, options)
        with render.Renderer(config, options.tree, options.site_dir, whole=whole,
                             briefings=briefings) as renderer:
            with phase("write"):
                tree = buildtree.TreeWriter(plan, options.tree)
                tree.write(renderer.reads_first)
                renderer.start_helper()
                changed = tree.finish()
                state = plan.state
                del plan, tree  # on disk now; at 16,000 briefings its hundreds of MB are freed
            with phase(f"render ({len(changed)} files changed)"):
                render_changes(renderer, options, changed, rendered=not whole)
            if options.publish_to is not None:
                _publish(renderer.config, options, options.publish_to)
        # 6. Save what the next build plans from.
        if state is not previous:
            with phase("save state"):
                increment.save_state(state_file, state)
    return problems


def _engine_config(archive: Archive, options: BuildOptions) -> render.EngineConfig:
    """How the engine renders this build's tree."""
    return render.EngineConfig(options.config_file, edition=options.edition,
                               engine=options.engine, extra_nav=_navigation(archive, options))


def _plan(archive: Archive, config: render.EngineConfig, options: BuildOptions,
          previous: increment.TreeState | None) -> buildtree.Plan:
    """The outputs to write: those an edit changed since ``previous``, or all of them.

    The saved state is forgotten until the site is whole again: after a failure the next
    build plans everything (a full plan writes part of the tree as it goes).
    """
    site = replace(render.site_settings(config), downloads=DOWNLOADS_PAGE in options.extras)
    # The extras' paths, not their bytes: those that change are written and rendered alone.
    key = increment.state_key(archive, site, f"drafts={options.drafts} {config} "
                                             f"extras={sorted(options.extras)}")
    state_file = options.folder.plan_state(options.edition)
    try:
        plan = buildtree.plan_changes(archive, site, key, previous, parallel=True,
                                      pieces=options.folder.pieces(options.edition)
                                      ) if previous else None
        if plan is None or plan.files or plan.deleted:
            increment.save_state(state_file, None)
        plan = plan or buildtree.plan(archive, site, key, options.tree)
    except PathCollision as error:
        raise ContentError([Problem(str(options.content), None, str(error))]) from None
    if options.extras:  # in a partial plan too: the tree writer keeps those unchanged
        plan = replace(plan, files={**plan.files, **options.extras})
    return plan


def places(options: BuildOptions) -> sitedir.Places:
    """The folders a build reads or keeps, which no output of it may replace."""
    return sitedir.Places(options.content, options.build_dir, options.config_file)


PARTIAL_UP_TO = 2000  # changed files; more are rendered with the whole tree


def _rendered_before(config: render.EngineConfig, options: BuildOptions) -> bool:
    """Whether the site is what the last render of this tree left, with the same setup.

    The stamp names the engine setup, the site folder and the identity of the site it left
    (inode and time of its home page: any other writer into the site, an offline render or
    a plain ``mkdocs build``, changes them).
    """
    stamp = options.folder.render_stamp(options.edition)
    return stamp.is_file() and stamp.read_text("utf-8") == _stamp_text(config, options)


def _stamp_text(config: render.EngineConfig, options: BuildOptions) -> str:
    return (f"{render.fingerprint(config)} {options.site_dir.resolve()} "
            f"{_site_identity(options.site_dir)}")


def render_changes(renderer: render.Renderer, options: BuildOptions, changed: list[str],
                   rendered: bool) -> None:
    """Render the tree: only the ``changed`` files if the site is what the last render of
    this tree left (``rendered``, see :func:`_rendered_before`) and not too many changed
    (engine.render_paths), the whole tree otherwise. The stamp is removed first, so a
    failed or interrupted render forces a full one.
    """
    stamp = options.folder.render_stamp(options.edition)
    stamp.unlink(missing_ok=True)
    # Only the hosted site renders in part: the editions render into a new folder each time.
    partial = (rendered and len(changed) <= PARTIAL_UP_TO
               and options.edition is Edition.HOSTED)
    if partial and not changed:
        renderer.close()
        swap.finish_journal(options.site_dir.resolve())  # nothing else to render
    elif partial:
        renderer.render_changed(changed)
    else:
        renderer.render_whole()
    if partial and not (options.site_dir / sitedir.MARKER).is_file():
        sitedir.mark(options.site_dir)  # a site an earlier version built, now marked
    stamp.write_text(_stamp_text(renderer.config, options), "utf-8")


def _publish(config: render.EngineConfig, options: BuildOptions, site_dir: Path) -> None:
    """Swap the site rendered into ``options.site_dir`` in at ``site_dir``, and stamp it
    as this tree's render there (the next build into it may render only what changed)."""
    swap.swap(options.site_dir, site_dir)
    options.folder.render_stamp(options.edition).write_text(
        _stamp_text(config, replace(options, site_dir=site_dir)), "utf-8")


@contextmanager
def editions_share() -> Iterator[None]:
    """Builds of several editions of one archive in this process (``build --downloads``)
    share meanwhile what is the same in each: the maps, drawn once with each page's own
    links (site/maps/draw.py, ``kept``)."""
    with draw.kept():
        yield


@contextmanager
def _long_lived() -> Iterator[None]:
    """Everything made so far (the archive) lives as long as the build: the garbage
    collector leaves it alone until the end (at 16,000 briefings its full passes over the
    archive took 0.5 s, and in forked planners they copied every page they touched)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextmanager
def phase(name: str) -> Iterator[None]:
    """With BRIEFINGS_TIMINGS=1, say how long each phase of a build took (stderr)."""
    start, cpu = time.perf_counter(), os.times()
    yield
    if os.environ.get("BRIEFINGS_TIMINGS"):
        used = [now - then for now, then in zip(os.times(), cpu, strict=True)]
        print(f"briefings: {name}: {time.perf_counter() - start:.2f} s (user {used[0]:.2f} s,"
              f" system {used[1]:.2f} s; other processes {used[2] + used[3]:.2f} s)",
              file=sys.stderr)


def _site_identity(site_dir: Path) -> str:
    home = site_dir / "index.html"
    try:
        status = home.stat()
    except OSError:
        return "none"
    return f"{status.st_ino}:{status.st_mtime_ns}"
