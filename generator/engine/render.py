"""Rendering the build tree with MkDocs + Material into a staging folder (swap.py puts it
in place).

With the other engine modules, the only code that imports MkDocs (or ProperDocs, which
answers its imports: see engines.py; ``EngineConfig.engine`` picks one). A build renders
into a fresh folder beside the site; only when the engine has finished is the old site
replaced, so a failure at any stage leaves the previous site as it was. A lock file keeps
two builds from interleaving.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from generator.engine import csp, engines, headers, hook, sitedir, swap
from generator.site.edition import Edition
from generator.site.outputs import Site

__all__ = ["EarlyShard", "EngineConfig", "EngineError", "Site", "early_shard", "fingerprint",
           "hooks", "nav_sources", "navigation", "render",
           "render_paths", "settings", "site_settings", "without_dirty_warning"]
from generator.site.urls import UrlStyle

DEFAULT_SITE_URL = "https://briefings.example.org/"
# Added to the hooks mkdocs.yml lists; speed only (see the file): plain `mkdocs build`
# renders the same pages without it.
HOOK = Path(__file__).resolve().with_name("hook.py")
SHARD_VARIABLE = "BRIEFINGS_SHARD"  # read by the hook: which pages this process renders
PARALLEL_FROM = 1500  # briefings; below, starting a second process costs more than it saves


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

    @property
    def style(self) -> UrlStyle:
        return self.edition.style


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
    return Site(name=loaded["site_name"], url=url.rstrip("/") + "/", style=config.style,
                description=loaded.get("site_description") or "",
                repo_url=loaded.get("repo_url") or "", edit_uri=loaded.get("edit_uri") or "",
                edition=config.edition)


def settings(config: EngineConfig) -> dict[str, Any]:
    """mkdocs.yml as read (``!ENV`` tags resolved), for the editions' metadata."""
    loaded = _settings(config)
    return loaded if isinstance(loaded, dict) else {}


class EarlyShard:
    """The second process of a full render, started before the tree is all written.

    It renders only briefing pages (its share, see hook.on_files) and the
    navigation's pages, so it can start once those are in the tree; the build then writes
    the rest meanwhile. :func:`render` (full) collects it; :meth:`cancel` if it will not.
    """

    def __init__(self, config: EngineConfig, docs: Path, site_dir: Path) -> None:
        site_dir = site_dir.resolve()
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        self.folder = Path(tempfile.mkdtemp(prefix=".shard-", dir=site_dir.parent))
        spawn = multiprocessing.get_context("spawn")  # no fork of a threaded process
        self.pool = ProcessPoolExecutor(1, mp_context=spawn)
        self.future = self.pool.submit(_mkdocs_build, config, docs, self.folder, shard=1)

    def collect(self, out: Path) -> None:
        """Wait for the shard and move its pages into ``out``."""
        try:
            self.future.result()
        except BrokenProcessPool as error:
            raise EngineError(f"the second rendering process failed: {error}") from error
        finally:
            self.pool.shutdown()
        for page in (self.folder / "briefings").iterdir():
            os.rename(page, out / "briefings" / page.name)
        shutil.rmtree(self.folder, ignore_errors=True)

    def cancel(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(self.folder, ignore_errors=True)


def nav_sources(config: EngineConfig) -> list[str]:
    """The page sources the navigation names."""
    return list(hook.nav_sources(navigation(config)))


def early_shard(config: EngineConfig, docs: Path, site_dir: Path, briefings: int
                ) -> EarlyShard | None:
    """Start a full render's second process now, if the render will use one."""
    if (os.cpu_count() or 1) < 2 or briefings < PARALLEL_FROM:
        return None
    return EarlyShard(config, docs, site_dir)


def render(config: EngineConfig, docs: Path, site_dir: Path, *,
           shard: EarlyShard | None = None) -> None:
    """Render all of ``docs`` into ``site_dir``; the old site stays until the new one is
    complete. ``shard``: the second process of the render, already started
    (:func:`early_shard`). After an edit, :func:`render_paths` renders only what changed.
    """
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    # Builds from different build folders into one site take turns (the pipeline's own
    # lock only covers one build folder).
    with swap.locked(site_dir.parent / f".{site_dir.name}.lock"):
        swap.finish_journal(site_dir)
        staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
        try:
            _render_full(config, docs, staging, shard)
            shard = None  # collected
            sitedir.mark(staging)
            # mkdtemp makes the folder private (0700): a web server running as another
            # user could not read the site.
            os.chmod(staging, 0o777 & ~swap.umask())
            if config.edition is Edition.HOSTED:  # only a web host reads headers
                headers.write_headers(staging, site_settings(config).url)
            swap.swap(staging, site_dir)
        finally:
            if shard is not None:
                shard.cancel()
            shutil.rmtree(staging, ignore_errors=True)


def render_paths(config: EngineConfig, docs: Path, site_dir: Path, changed: list[str]) -> None:
    """Render only the tree files in ``changed`` (written or removed) into the live site.

    For a rebuild after an edit, when the site was rendered from this tree before (see
    pipeline.render_changes). The changed pages, with the navigation's pages they link to,
    render into a folder beside the site and are checked against the Content-Security-
    Policy; then each output replaces its live file with a rename, and pages of removed
    files go. The renames are listed in a journal first: if the build stops among them,
    the next render of this site finishes them before anything else. Each file changes
    whole; for the moment of the renames a reader can see some pages new and some old.
    """
    engines.activate(config.engine)
    from mkdocs.structure.files import File

    site_dir = site_dir.resolve()
    with swap.locked(site_dir.parent / f".{site_dir.name}.lock"):
        swap.finish_journal(site_dir)
        work = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.part-", dir=site_dir.parent))
        journal = swap.journal_path(site_dir)
        try:
            mini, out = work / "docs", work / "site"
            present = [path for path in changed if (docs / path).is_file()]
            for path in {*present, *(p for p in nav_sources(config) if (docs / p).is_file())}:
                (mini / path).parent.mkdir(parents=True, exist_ok=True)
                os.link(docs / path, mini / path)
            _mkdocs_build(config, mini, out)
            directory = config.style == "directory"

            def output(path: str) -> str:
                return File(path, str(docs), str(site_dir), directory).dest_uri

            moves = [(str(out / output(p)), str(site_dir / output(p))) for p in present]
            gone = [str(site_dir / output(p)) for p in changed if p not in set(present)]
            swap.write_journal(journal, moves, gone, work)
            swap.finish_journal(site_dir)
        finally:
            if not journal.exists():
                shutil.rmtree(work, ignore_errors=True)


def _render_full(config: EngineConfig, docs: Path, out: Path,
                 shard: EarlyShard | None = None) -> None:
    """Render every page; a large tree in two processes, one per core.

    MkDocs renders one page after another, and the theme's templates are most of a build.
    A second process renders a share of the briefing pages (the hook picks them, see
    hook.on_files) into a folder of its own; they are then moved into ``out``.
    """
    if shard is None:
        briefings = sum(1 for _ in (docs / "briefings").glob("*.md"))
        shard = early_shard(config, docs, out.parent, briefings)
    if shard is None:
        _mkdocs_build(config, docs, out)
        return
    try:
        _mkdocs_build(config, docs, out, shard=0)
    except BaseException:
        shard.cancel()
        raise
    shard.collect(out)


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
    for name in [custom_dir, *settings.get("hooks", []), HOOK]:
        root = config.config_file.parent / str(name)
        for path in sorted(root.rglob("*")) if root.is_dir() else [root]:
            if name and path.is_file():
                stat = path.stat()
                digest.update(f"{path} {stat.st_size} {stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def _mkdocs_build(config: EngineConfig, docs: Path, out: Path, *,
                  shard: int | None = None) -> None:
    if not engines.activate(config.engine):
        _build_elsewhere(config, docs, out, shard)
        return
    from jinja2 import TemplateError
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    # mkdocs.yml turns Material's offline plugin on from this (only the zip needs it).
    os.environ["BRIEFINGS_OFFLINE"] = "true" if config.edition is Edition.OFFLINE else "false"
    os.environ[SHARD_VARIABLE] = "" if shard is None else str(shard)
    try:
        with _quiet(config.engine):
            # Absolute: MkDocs resolves a relative docs_dir against the config file's folder.
            loaded = load_config(str(config.config_file), docs_dir=str(docs.resolve()),
                                 site_dir=str(out), use_directory_urls=config.style == "directory",
                                 hooks=hooks(config), nav=navigation(config),
                                 # The pages link to their own source files (the generator
                                 # knows them; MkDocs would name the build tree's).
                                 edit_uri="")
            policy = _content_security_policy(loaded, config)
            # theme/partials/header.html and main.html read it
            loaded.extra["kiwix"] = config.edition is Edition.KIWIX
            build(loaded)
    except (MkDocsException, OSError, TemplateError) as error:  # a theme error, too
        raise EngineError(f"{engines.TITLES[config.engine]} failed: {error}") from error
    finally:
        os.environ.pop(SHARD_VARIABLE, None)
    # Before the swap: a page without the policy, or with anything it would block, fails
    # the build and the previous site stays.
    broken = csp.check_site(out, policy)
    if broken:
        raise EngineError("pages break the Content-Security-Policy:\n  "
                          + "\n  ".join(broken[:20]))


def _build_elsewhere(config: EngineConfig, docs: Path, out: Path, shard: int | None) -> None:
    """Render in a fresh process: this one already runs the other engine (engines.py)."""
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=spawn) as pool:
        try:
            pool.submit(_mkdocs_build, config, docs, out, shard=shard).result()
        except BrokenProcessPool as error:
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
    return [*listed, str(HOOK)]


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
