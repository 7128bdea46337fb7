"""Rendering the build tree with MkDocs + Material, and swapping the site in atomically.

The only module that imports MkDocs. A build renders into a fresh folder beside
the site; only when the engine has finished is the old site replaced, so a
failure at any stage leaves the previous site as it was. A lock file keeps two
builds from interleaving.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .output import Site

__all__ = ["EngineConfig", "EngineError", "Site", "locked", "render", "site_settings"]
from .urls import UrlStyle

DEFAULT_SITE_URL = "https://briefings.example.org/"


class EngineError(Exception):
    """MkDocs could not render the build tree."""


@dataclass(frozen=True)
class EngineConfig:
    """Where the engine's configuration lives and how to render."""

    config_file: Path
    style: UrlStyle = "directory"
    offline: bool = False


def site_settings(config: EngineConfig) -> Site:
    """Site name and URL as set in mkdocs.yml (the only settings the pages need)."""
    from mkdocs.utils.yaml import yaml_load

    with open(config.config_file, encoding="utf-8") as handle:
        loaded = yaml_load(handle)
    url = loaded.get("site_url") or DEFAULT_SITE_URL
    return Site(name=loaded["site_name"], url=url.rstrip("/") + "/", style=config.style)


def render(config: EngineConfig, docs: Path, site_dir: Path, *, dirty: bool = False) -> None:
    """Render ``docs`` into ``site_dir``; the old site stays until the new one is complete."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    try:
        if dirty and site_dir.is_dir():
            shutil.copytree(site_dir, staging, dirs_exist_ok=True, copy_function=os.link)
        _mkdocs_build(config, docs, staging, dirty=dirty)
        _swap(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _mkdocs_build(config: EngineConfig, docs: Path, out: Path, *, dirty: bool) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ["BRIEFINGS_OFFLINE"] = "true" if config.offline else "false"
    try:
        with _quiet():
            loaded = load_config(str(config.config_file), docs_dir=str(docs), site_dir=str(out),
                                 use_directory_urls=config.style == "directory")
            build(loaded, dirty=dirty)
    except (MkDocsException, OSError) as error:
        raise EngineError(f"MkDocs failed: {error}") from error


def _swap(staging: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` by ``staging`` with renames (each atomic on one filesystem)."""
    retired = None
    if site_dir.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.old-", dir=site_dir.parent))
        os.rename(site_dir, retired / "site")
    os.rename(staging, site_dir)
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)


@contextmanager
def locked(lock_file: Path) -> Iterator[None]:
    """Hold an exclusive lock so two builds into one place run one after the other."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_file, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def _quiet() -> Iterator[None]:
    """Keep MkDocs' info chatter out of the output; warnings still show."""
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)
