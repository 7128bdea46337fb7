"""Rendering the build tree's pages with MkDocs + Material into a staging folder, its data
files linked in (datafiles.py); swap.py puts it in place.

With the other engine modules, the only code that imports MkDocs (or ProperDocs, which
answers its imports: see engines.py; ``EngineConfig.engine`` picks one). A build renders
into a fresh folder beside the site; only when the engine has finished is the old site
replaced, so a failure at any stage leaves the previous site as it was. A lock file keeps
two builds from interleaving."""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from generator import workers
from generator.engine import csp, datafiles, engines, headers, hook, sitedir, swap
from generator.site.edition import Edition
from generator.site.outputs import Site
from generator.site.tree import Tree, is_page
from generator.workers import Helper, HelperFailed

__all__ = ["EngineConfig", "EngineError", "RenderHelper", "Renderer", "Site", "fingerprint",
           "hooks", "nav_sources", "navigation", "render", "render_paths", "settings",
           "site_settings", "without_dirty_warning"]

DEFAULT_SITE_URL = "https://briefings.example.org/"
# Added to the hooks mkdocs.yml lists; speed only (see the file): plain `mkdocs build`
# renders the same pages without it.
HOOK = Path(__file__).resolve().with_name("hook.py")
# The theme's templates without their indentation: what pages are, not speed (see the file).
COMPACT = HOOK.with_name("compact.py")


EngineError = engines.EngineError  # raised here for every failure to render


@dataclass(frozen=True)
class EngineConfig:
    """Where the engine's configuration lives and how to render."""

    config_file: Path
    edition: Edition = Edition.HOSTED  # which reader the site is for (site/edition.py)
    engine: str = field(default_factory=engines.from_environment)  # see engines.ENGINES
    # Entries the generator adds after mkdocs.yml's navigation (editorial pages, downloads):
    # (title as HTML, source file in the build tree), in order.
    extra_nav: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        engines.checked(self.engine)


def _settings(config: EngineConfig, text: str | None = None) -> Any:
    """mkdocs.yml as the engine reads it (``!ENV`` tags resolved), or ``text`` so read."""
    engines.activate(config.engine)  # first use in a process: pick the engine's modules
    from mkdocs.utils.yaml import yaml_load

    return yaml_load(config.config_file.read_text("utf-8") if text is None else text) or {}


def navigation(config: EngineConfig) -> list[Any]:
    """mkdocs.yml's navigation with the generator's entries after it."""
    settings = _settings(config)
    return [*(settings.get("nav") or []), *({title: source} for title, source in config.extra_nav)]


def site_settings(config: EngineConfig) -> Site:
    """Site name and URL as set in mkdocs.yml (the only settings the pages need)."""
    loaded = _settings(config)
    url = loaded.get("site_url") or DEFAULT_SITE_URL
    return Site(name=loaded["site_name"], url=url.rstrip("/") + "/", style=config.edition.style,
                description=loaded.get("site_description") or "",
                repo_url=loaded.get("repo_url") or "", edit_uri=loaded.get("edit_uri") or "",
                edition=config.edition)


def settings(config: EngineConfig) -> dict[str, Any]:
    """mkdocs.yml as read (``!ENV`` tags resolved), for the editions' metadata."""
    loaded = _settings(config)
    return loaded if isinstance(loaded, dict) else {}


class RenderHelper:
    """The second process of a whole render (workers.RENDERING), started when its pages
    are in the tree: it renders its share of the briefing pages (hook.on_files picks them),
    with the navigation's pages they link to, into a folder of its own. :func:`render`
    collects it; :meth:`cancel` if it will not.
    """

    def __init__(self, config: EngineConfig, docs: Path, site_dir: Path) -> None:
        site_dir = site_dir.resolve()
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        self.folder = Path(tempfile.mkdtemp(prefix=".shard-", dir=site_dir.parent))
        try:
            self.helper = Helper(functools.partial(_mkdocs_build, config, docs, self.folder,
                                                   share="helper"), start="spawn")
        except HelperFailed:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise

    @classmethod
    def start(cls, config: EngineConfig, docs: Path, site_dir: Path, briefings: int
              ) -> RenderHelper | None:
        """A helper for a whole render of ``briefings`` pages, if one is worth it and starts."""
        if not workers.RENDERING.worth(briefings):
            return None
        try:
            return cls(config, docs, site_dir)
        except HelperFailed:
            return None  # rendered in one process

    def collect(self, out: Path) -> None:
        """Wait for the helper and move its pages into ``out``."""
        try:
            self.helper.result()
        except HelperFailed as error:
            raise EngineError(f"the second rendering process failed: {error}") from error
        for page in (self.folder / "briefings").iterdir():
            os.rename(page, out / "briefings" / page.name)
        shutil.rmtree(self.folder, ignore_errors=True)

    def cancel(self) -> None:
        self.helper.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


class Renderer:
    """The engine as a build drives it: one render of the tree into the site.

    Made before the tree is written. For a whole render of a large tree, the tree files
    the helper reads (:meth:`reads_first`) are written first and :meth:`start_helper`
    starts it while the build writes the rest. Then either :meth:`render_whole` or
    :meth:`render_changed`; leaving the ``with`` block stops a helper not collected.
    """

    def __init__(self, config: EngineConfig, tree: Tree, site_dir: Path, *,
                 whole: bool, briefings: int) -> None:
        self.config, self.tree, self.site_dir = config, tree, site_dir
        self.briefings = briefings
        early = whole and workers.RENDERING.worth(briefings)
        self._first = frozenset(nav_sources(config)) if early else None
        self._helper: RenderHelper | None = None

    def reads_first(self, path: str) -> bool:
        """Whether the helper of a whole render reads this tree file (written first)."""
        return self._first is not None and is_page(path) and (
            path in self._first or path.startswith("briefings/"))

    def start_helper(self) -> None:
        """Start the helper, if this is a whole render that has one."""
        if self._first is not None and self._helper is None:
            self._helper = RenderHelper.start(self.config, self.tree.pages, self.site_dir,
                                              self.briefings)

    def render_whole(self) -> None:
        helper, self._helper = self._helper, None
        render(self.config, self.tree, self.site_dir, helper=helper)

    def render_changed(self, changed: list[str]) -> None:
        self.close()
        render_paths(self.config, self.tree, self.site_dir, changed)

    def close(self) -> None:
        if self._helper is not None:
            self._helper.cancel()
            self._helper = None

    def __enter__(self) -> Renderer:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def nav_sources(config: EngineConfig) -> list[str]:
    """The page sources the navigation names."""
    return list(hook.nav_sources(navigation(config)))


def render(config: EngineConfig, tree: Tree, site_dir: Path, *,
           helper: RenderHelper | None = None) -> None:
    """Render the pages of ``tree`` into ``site_dir``, its data files linked in (datafiles.py);
    the old site stays until the new one is complete. ``helper``: the render's second
    process, already started (:class:`Renderer`). :func:`render_paths` renders an edit."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    # Builds from different build folders into one site take turns (the pipeline's own
    # lock only covers one build folder).
    with swap.locked(swap.lock_path(site_dir)):
        swap.finish_journal(site_dir)
        staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
        try:
            _render_full(config, tree.pages, staging, helper)
            helper = None  # collected
            datafiles.link_all(tree, staging)
            sitedir.mark(staging)
            # mkdtemp makes it private (0700): a web server as another user could not read it
            os.chmod(staging, 0o777 & ~swap.umask())
            if config.edition is Edition.HOSTED:  # only a web host reads headers
                headers.write_headers(staging, site_settings(config).url)
            swap.swap(staging, site_dir)
        finally:
            if helper is not None:
                helper.cancel()
            shutil.rmtree(staging, ignore_errors=True)


def render_paths(config: EngineConfig, tree: Tree, site_dir: Path, changed: list[str]) -> None:
    """Render only the tree files in ``changed`` (written or removed) into the live site.

    After an edit, when the site was rendered from this tree before (pipeline.render_changes).
    The changed pages, with the navigation's pages they link to, render into a folder beside
    the site (checked against the Content-Security-Policy), the changed data files are linked
    there; then each replaces its live file with a rename, and the files of removed ones go.
    The renames are listed in a journal first: if the build stops among them, the next
    render of this site finishes them first. A reader can see some files new and some old.
    """
    engines.activate(config.engine)
    from mkdocs.structure.files import File

    site_dir = site_dir.resolve()
    with swap.locked(swap.lock_path(site_dir)):
        swap.finish_journal(site_dir)
        work = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.part-", dir=site_dir.parent))
        journal = swap.journal_path(site_dir)
        try:
            mini, out, docs = work / "docs", work / "site", tree.pages
            present = [path for path in changed if os.path.isfile(tree.file(path))]
            pages = [path for path in present if is_page(path)]
            for path in {*pages, *(p for p in nav_sources(config) if (docs / p).is_file())}:
                (mini / path).parent.mkdir(parents=True, exist_ok=True)
                os.link(docs / path, mini / path)
            if pages:
                _mkdocs_build(config, mini, out)
            datafiles.link(tree, (path for path in present if not is_page(path)), out)
            directory = config.edition.style == "directory"

            def output(path: str) -> str:  # a data file's is its own path
                return File(path, str(docs), str(site_dir), directory).dest_uri

            moves = [(str(out / output(p)), str(site_dir / output(p))) for p in present]
            gone = [str(site_dir / output(p)) for p in changed if p not in set(present)]
            swap.write_journal(journal, moves, gone, work)
            swap.finish_journal(site_dir)
        finally:
            if not journal.exists():
                shutil.rmtree(work, ignore_errors=True)


def _render_full(config: EngineConfig, docs: Path, out: Path,
                 helper: RenderHelper | None = None) -> None:
    """Render every page; a large tree in two processes, one per core (workers.RENDERING).

    MkDocs renders one page after another, and the theme's templates are most of a build.
    A second process renders a share of the briefing pages (the hook picks them, see
    hook.on_files) into a folder of its own; they are then moved into ``out``.
    """
    if helper is None:
        briefings = sum(1 for _ in (docs / "briefings").glob("*.md"))
        helper = RenderHelper.start(config, docs, out.parent, briefings)
    if helper is None:
        _mkdocs_build(config, docs, out)
        return
    try:
        _mkdocs_build(config, docs, out, share="build")
    except BaseException:
        helper.cancel()
        raise
    helper.collect(out)


def fingerprint(config: EngineConfig) -> str:
    """A digest of what goes into every page besides its own source.

    The engine settings, the theme overrides and hooks (names, sizes, times), which engine
    renders and the versions of it and Material, and the URL style: when this changes,
    rendering only changed pages would mix old and new.
    """
    raw = config.config_file.read_bytes()
    settings = _settings(config, raw.decode("utf-8"))
    theme = settings.get("theme")
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    digest = hashlib.sha256(raw)
    digest.update(Path(csp.__file__).read_bytes())  # the pages' policy comes from there
    digest.update(f"{config.engine} {engines.engine_version(config.engine)} "
                  f"{version('mkdocs-material')} {config.edition.value} "
                  f"{config.extra_nav!r}".encode())
    for name in [custom_dir, *settings.get("hooks", []), COMPACT, HOOK]:
        root = config.config_file.parent / str(name)
        for path in sorted(root.rglob("*")) if root.is_dir() else [root]:
            if name and path.is_file():
                stat = path.stat()
                digest.update(f"{path} {stat.st_size} {stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def _mkdocs_build(config: EngineConfig, docs: Path, out: Path, *,
                  share: hook.Share = "all") -> None:
    """Render ``docs`` into ``out`` with the engine (``share``: which pages, see hook)."""
    if not engines.activate(config.engine):
        _build_elsewhere(config, docs, out, share)
        return
    from jinja2 import TemplateError
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    # mkdocs.yml turns Material's offline plugin on from this (only the zip needs it).
    os.environ["BRIEFINGS_OFFLINE"] = "true" if config.edition is Edition.OFFLINE else "false"
    try:
        with _quiet(config.engine):
            # Absolute: MkDocs resolves a relative docs_dir against the config file's folder.
            loaded = load_config(str(config.config_file), docs_dir=str(docs.resolve()),
                                 site_dir=str(out),
                                 use_directory_urls=config.edition is Edition.HOSTED,
                                 hooks=hooks(config), nav=navigation(config),
                                 # The pages link to their own source files (the generator
                                 # knows them; MkDocs would name the build tree's).
                                 edit_uri="")
            policy = _content_security_policy(loaded, config)
            # theme/partials/header.html and main.html read it
            loaded.extra["kiwix"] = config.edition is Edition.KIWIX
            if str(HOOK) in loaded["hooks"]:  # the hook as MkDocs loaded it for this build
                loaded["hooks"][str(HOOK)].SHARE = share  # (tests render without it too)
            build(loaded)
    except (MkDocsException, OSError, TemplateError) as error:  # a theme error, too
        raise EngineError(f"{engines.TITLES[config.engine]} failed: {error}") from error
    # Before the swap: a page that breaks the policy fails the build; the old site stays.
    found = loaded["hooks"][str(HOOK)].checked_pages() if str(HOOK) in loaded["hooks"] else None
    broken = csp.check_site(out, policy, found)  # pages the hook checked as it wrote them
    if broken:
        raise EngineError("pages break the Content-Security-Policy:\n  "
                          + "\n  ".join(broken[:20]))


def _build_elsewhere(config: EngineConfig, docs: Path, out: Path, share: hook.Share) -> None:
    """Render in a fresh process: this one already runs the other engine (engines.py)."""
    try:
        Helper(functools.partial(_mkdocs_build, config, docs, out, share=share),
               start="spawn").result()
    except HelperFailed as error:
        raise EngineError(f"the {engines.TITLES[config.engine]} process failed: {error}"
                          ) from error


def _content_security_policy(loaded: Any, config: EngineConfig) -> str:
    """Compute the pages' policy and hand it to the theme (theme/main.html writes it)."""
    try:
        policy = csp.engine_policy(loaded.extra.get("polyfills") or [], loaded.theme.dirs,
                                   config.edition)
    except (csp.PolicyError, OSError) as error:
        raise EngineError(f"cannot compute the Content-Security-Policy: {error}") from error
    loaded.extra["content_security_policy"] = policy
    return policy


def _no_dirty_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build")


@contextmanager
def without_dirty_warning(engine: str = engines.DEFAULT) -> Iterator[None]:
    """Drop MkDocs' warning that dirty builds get the navigation wrong: ours is fixed."""
    logger = logging.getLogger(f"{engines.logger_name(engine)}.commands.build")
    logger.addFilter(_no_dirty_warning)
    try:
        yield
    finally:
        logger.removeFilter(_no_dirty_warning)


def hooks(config: EngineConfig) -> list[str]:
    """The hooks mkdocs.yml lists (as absolute paths), then the engine's own."""
    settings = _settings(config)
    listed = [str(config.config_file.parent / name) for name in settings.get("hooks", [])]
    return [*listed, str(COMPACT), str(HOOK)]


@contextmanager
def _quiet(engine: str) -> Iterator[None]:
    """Keep the engine's and Material's info chatter out of the output; warnings still show."""
    loggers = [logging.getLogger(name) for name in {engines.logger_name(engine), "mkdocs"}]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
