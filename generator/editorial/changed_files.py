"""Narrowing a check to the files a pull request changes, without hiding what they break.

The whole archive is always checked, because a change can break another file: a
registry entry renamed leaves briefings elsewhere with unknown names, a new
briefing can take the slug of an old one. Of the problems found, the author of a
change is shown:

- every problem in the changed files;
- every problem in another file whose message or hint names a changed file (the
  old briefing whose slug a new one took);
- everything, as soon as one changed file is neither under ``briefings/`` nor under
  ``pages/``: a registry, the code, the theme or the configuration can break any briefing.

Paths match however they are written: relative or absolute, with ``./`` or ``..``.

A file named that check does not read (gone, or neither under ``briefings/`` or
``pages/`` nor a registry) is refused, never passed as "no problems found".
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from generator.content.problems import Problem
from generator.content.sourcestate import STATE_FILE


def limit_to_files(problems: Sequence[Problem], files: Iterable[str],
                   content: Path | None = None) -> list[Problem]:
    """The problems a change to ``files`` is answerable for (see the module docstring)."""
    given = [f for f in files if f]
    folders = _narrowing_folders(content or Path("content"))
    if not given or any(not _normal(f).startswith(folders) for f in given):
        return list(problems)
    wanted = {_normal(f) for f in given}
    spelled = {_relative(f) for f in given} | set(given)
    return [p for p in problems
            if _normal(p.path) in wanted or _names_any(p, spelled)]


def _narrowing_folders(content: Path) -> tuple[str, ...]:
    """Folders whose files break no other file: briefings and editorial pages."""
    return tuple(_normal(content / name) + os.sep for name in ("briefings", "pages"))


def _normal(path: str | Path) -> str:
    """One spelling per file: absolute, with '.' and '..' resolved (links are not followed)."""
    return os.path.normcase(os.path.abspath(path))


def _relative(path: str) -> str:
    """The file as problems name it: relative to the working folder where it lies inside."""
    absolute = os.path.abspath(path)
    try:
        return Path(absolute).relative_to(os.getcwd()).as_posix()
    except ValueError:
        return Path(absolute).as_posix()


def _names_any(problem: Problem, spelled: set[str]) -> bool:
    text = f"{problem.message} {problem.hint or ''}"
    return any(name in text for name in spelled)


REGISTRIES = ("actors.yml", "regions.yml")


def refused_files(files: Iterable[str], content: Path) -> list[Problem]:
    """A problem for each named file that a check would not read: it would pass unread."""
    folders = _narrowing_folders(content)
    # The sources' state file is read and validated like a registry.
    registries = {_normal(content / name) for name in (*REGISTRIES, STATE_FILE)}
    refused = []
    for name in (f for f in files if f):
        where = _normal(name)
        if not os.path.lexists(name):
            refused.append(Problem(name, None, "no such file",
                                   "check the path; name files that exist, or none to check "
                                   "the whole archive"))
        elif not where.startswith(folders) and where not in registries:
            refused.append(Problem(name, None, "check reads only briefings, editorial pages "
                                   "and registries; this file would not be checked",
                                   f"name files under {content.as_posix()}/briefings/, "
                                   f"{content.as_posix()}/pages/ or "
                                   f"{content.as_posix()}/actors.yml, regions.yml"))
    return refused


def among(paths: Iterable[str], files: Iterable[str]) -> tuple[str, ...]:
    """The ``paths`` (as problems name files) that are among ``files``, however spelt."""
    wanted = {_normal(f) for f in files if f}
    return tuple(path for path in paths if _normal(path) in wanted)
