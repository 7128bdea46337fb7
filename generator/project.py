"""Where a command runs: the project, found as git finds its work tree.

The project is the nearest folder with mkdocs.yml at or above the working folder, or at or
above the content folder given with ``--content`` (with ``--config``, the working folder
itself). The command works from there (``content/``, ``site/``, ``.build/`` and the editions'
default files are the project's), while the paths the user typed keep meaning what they
meant where they were typed. Without a project, check, new and ingest still work on an
explicit ``--content`` (or a folder holding ``content/``); the other commands say in one
line where to run from.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from generator.content.problems import Problem
from generator.site.edition import Edition

__all__ = ["NEEDS_CONFIG", "OUTPUTS", "enter", "entered", "placeholders"]

# Commands that read the site's settings (mkdocs.yml); check, new and ingest need only content.
NEEDS_CONFIG = frozenset({"build", "serve", "bundle", "zim", "summary", "sources"})
# Options naming files or folders, as the user wrote them (relative to where they typed).
PATH_OPTIONS = ("content", "site_dir", "output", "config", "file")
DEFAULTS = {"content": "content", "site_dir": "site", "config": "mkdocs.yml"}
OUTPUTS = {"bundle": Edition.OFFLINE.file_name(), "zim": Edition.KIWIX.file_name()}


def enter(args: argparse.Namespace, outputs: Mapping[str, str] = OUTPUTS) -> str | None:
    """Find the project as git finds its work tree, and work from there; or say why not.

    The project is the folder with mkdocs.yml at or above the content folder given with
    ``--content``, else at or above the working folder (with ``--config``, the working
    folder itself).
    Paths the user typed keep meaning what they meant where they were typed; defaults
    (content/, site/, the editions' files) are the project's. Without a project, check, new
    and ingest still work on an explicit ``--content``; the other commands say in one line
    where to run from.
    """
    given = {name: getattr(args, name) for name in PATH_OPTIONS
             if getattr(args, name, None) is not None}
    needs_config = args.command in NEEDS_CONFIG
    found = None
    if "config" in given:  # the settings named outright: work where the command was typed
        found = Path.cwd()
    elif "content" in given:
        found = (_project_above(Path(os.path.abspath(given["content"])), True)
                 or _project_above(Path.cwd(), True))
    else:
        found = _project_above(Path.cwd(), needs_config)
    if found is None and ("content" not in given or needs_config):
        return (f"no project here: neither '{os.getcwd()}' nor a folder above it has "
                "mkdocs.yml; run briefings inside the archive's project folder (or one of "
                "its sub-folders)" + ("" if "content" in given else
                                      ", or give --content DIR"))
    if found is not None and not os.path.samefile(found, os.getcwd()):
        for name, value in given.items():
            setattr(args, name, _from_project(found, value))
        if getattr(args, "files", None):
            args.files = [_from_project(found, name) for name in args.files]
        os.chdir(found)
    for name, value in {**DEFAULTS, "output": outputs.get(args.command)}.items():
        if hasattr(args, name) and getattr(args, name) is None:
            setattr(args, name, value)
    content = getattr(args, "content", None)
    if content is not None and not Path(content).is_dir():
        return f"content folder '{content}' does not exist" + (
            f" in the project '{found}'" if found is not None and "content" not in given
            else "")
    return None


def _project_above(folder: Path, needs_config: bool) -> Path | None:
    """The nearest folder at or above ``folder`` holding mkdocs.yml (or, for a command that
    needs only the content, a folder named content: a checkout of the content alone)."""
    for candidate in (folder, *folder.parents):
        if (candidate / "mkdocs.yml").is_file() or (
                not needs_config and (candidate / "content").is_dir()):
            return candidate
    return None


def _from_project(project: Path, path: str) -> str:
    """A path typed elsewhere, as seen from the project folder (absolute if outside it)."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute, project)
    return absolute if relative.split(os.sep, 1)[0] == ".." else relative


@contextmanager
def entered(args: argparse.Namespace, outputs: Mapping[str, str] = OUTPUTS
            ) -> Iterator[str | None]:
    """:func:`enter` for a block: its refusal, or None; the working folder is restored
    after it (``main`` is also called in-process, by tests)."""
    start = os.getcwd()
    try:
        yield enter(args, outputs)
    finally:
        os.chdir(start)


def placeholders(config: Path, engine: str) -> list[Problem]:
    """A warning for each starter placeholder mkdocs.yml still has (site.outputs): a new
    archive's build says what to set before it publishes."""
    from generator.engine.render import EngineConfig, site_settings
    from generator.site.outputs import placeholders as found

    site = site_settings(EngineConfig(config, engine=engine))
    reach = {"site_url": "every permalink, citation, feed and share card",
             "repo_url": "every 'Suggest a correction' and 'report an error' link"}
    return [Problem(str(config), None, f"{setting} is still the starter project's "
                    f"placeholder, {value}: {reach[setting]} of this build points there",
                    f"set {setting} in mkdocs.yml before you publish; the README's first "
                    "screen says how", severity="warning")
            for setting, value in found(site)]
