"""Where a build may put its site, and where a bundle may put its zip: checked before anything
is written, because a build replaces its site folder whole.

A site folder is refused when it is, contains or lies inside the content folder or the build
folder, when it is or contains the project (the folder with mkdocs.yml) or the working folder,
when it is a git work tree, and when it exists, is not empty and is not a site this tool built.
Every site gets a marker file (:data:`MARKER`); a site an earlier version built, before there
was a marker, is recognised by the files only a build of ours leaves together (see
:func:`_looks_built`) and is marked by the next build.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.content.syntax import safefile

__all__ = [
    "MARKER",
    "EditionOutput",
    "Places",
    "SiteDirError",
    "check_content",
    "check_edition_output",
    "check_site_dir",
    "mark",
    "replaceable",
]

MARKER = ".briefings-site"
MARKER_TEXT = ("This folder is a site built by `briefings build`. The next build replaces\n"
               "the whole folder: keep nothing else in it.\n")
# Together, only a site of ours has all of these (a build before the marker existed).
_BUILT_FILES = ("index.html", "sitemap.xml", "briefings.json")
_BUILT_SEARCH = ("search/search_index.json", "search/manifest.js")  # before and after issue 16


class SiteDirError(Exception):
    """A site folder or bundle file that a build must not write (a usage error)."""


@dataclass(frozen=True)
class Places:
    """The folders a build reads or keeps, which its output must never replace."""

    content: Path
    build_dir: Path
    config_file: Path

    def guarded(self) -> list[tuple[Path, str]]:
        """(folder, what it is) for each folder a site may neither be nor contain."""
        return [(self.config_file.resolve().parent, "the project (the folder with mkdocs.yml)"),
                (Path.cwd().resolve(), "the working folder"),
                (self.content.resolve(), "the content folder"),
                (self.build_dir.resolve(), "the build folder")]


def _within(inner: Path, outer: Path) -> bool:
    return inner == outer or outer in inner.parents


def check_content(places: Places) -> None:
    """The build rewrites its build folder: the content may not lie inside it."""
    content, build_dir = places.content.resolve(), places.build_dir.resolve()
    if _within(content, build_dir):
        raise SiteDirError(f"the content folder '{places.content}' lies inside the build "
                           f"folder '{places.build_dir}', which every build rewrites; "
                           "move the content elsewhere")


def check_site_dir(site_dir: Path, places: Places, *, private: bool = False) -> None:
    """Refuse a site folder the build's swap would destroy anything in (see the module).

    ``private``: the folder is a temporary one the caller made inside the build folder
    (the bundle's), so only lying inside the build folder is allowed.
    """
    check_content(places)
    site = site_dir.resolve()
    for folder, what in places.guarded():
        if _within(folder, site):
            relation = "is" if folder == site else "contains"
            raise SiteDirError(_refusal(site_dir, f"{relation} {what}"))
        inside = what in ("the content folder", "the build folder") and _within(site, folder)
        if inside and not (private and what == "the build folder"):
            raise SiteDirError(_refusal(site_dir, f"lies inside {what}"))
    _check_existing(site_dir, site)


def _check_existing(site_dir: Path, site: Path) -> None:
    if not site.exists():
        return
    if not site.is_dir():
        raise SiteDirError(_refusal(site_dir, "is a file, not a folder"))
    if (site / ".git").exists():
        raise SiteDirError(_refusal(site_dir, "is a git work tree"))
    if not replaceable(site):
        raise SiteDirError(_refusal(site_dir, "is not empty and is not a site this tool "
                                    f"built (it has no {MARKER} file)"))


def replaceable(site: Path) -> bool:
    """Whether a swap may replace this folder: missing, empty, or a site of ours."""
    if not site.exists():
        return True
    if not site.is_dir() or (site / ".git").exists():
        return False
    if (site / MARKER).is_file() or _looks_built(site):
        return True
    with os.scandir(site) as entries:
        return next(entries, None) is None


def _looks_built(site: Path) -> bool:
    return (all((site / name).is_file() for name in _BUILT_FILES)
            and any((site / name).is_file() for name in _BUILT_SEARCH))


def _refusal(site_dir: Path, reason: str) -> str:
    return (f"the site folder '{site_dir}' {reason}; a build replaces its site folder whole, "
            "so nothing was written. Give --site-dir a new or empty folder, or the folder "
            "of an earlier build")


def mark(site: Path) -> None:
    """Write the marker that says the folder is a site this tool built."""
    (site / MARKER).write_text(MARKER_TEXT, "utf-8")


@dataclass(frozen=True)
class EditionOutput:
    """What an edition writes, for checking its ``--output`` before the build.

    ``is_ours`` recognises a file the edition wrote by what only it writes (a marker in the
    file, never the file type: a reader's Wikipedia ZIM or an unrelated zip is never ours);
    it is given a regular file, opened through the safe reader. ``temporary_extra`` is how
    many characters longer than the output's name its longest temporary sibling is.
    """

    what: str
    kind: str
    example: str
    is_ours: Callable[[Path], bool]
    temporary_extra: int


def check_edition_output(output: Path, places: Places, edition: EditionOutput) -> None:
    """Refuse, before any build, an output the edition must not or cannot write: a folder, a
    link, a special file, a file it did not write, a path inside the content folder, a parent
    that is a file or cannot be written, or a name (or its temporary sibling's) too long."""
    what = edition.what
    check_content(places)
    if output.is_symlink():
        raise SiteDirError(f"the {what} output '{output}' is a symbolic link, so it was left "
                           "alone; give the path of the file itself")
    if output.is_dir():
        raise SiteDirError(f"the {what} output '{output}' is a folder; give a file name "
                           f"such as {edition.example}")
    if output.exists() and not safefile.regular_file(output):
        raise SiteDirError(f"the {what} output '{output}' is not a regular file, so it was "
                           "left alone; give another file name")
    if output.exists() and not _ours(output, edition.is_ours):
        raise SiteDirError(f"the {what} output '{output}' exists and is not {edition.kind} "
                           "this tool made, so it was left alone; give another file name or "
                           "remove it first")
    if _within(output.resolve(), places.content.resolve()):
        raise SiteDirError(f"the {what} output '{output}' lies inside the content folder; "
                           "give a file name outside it")
    _check_parent(output, what)
    _check_name(output, what, edition.temporary_extra)


def _ours(path: Path, is_ours: Callable[[Path], bool]) -> bool:
    try:
        return is_ours(path)
    except Exception:  # unreadable as the edition's format: not ours
        return False


def _check_parent(output: Path, what: str) -> None:
    """The output's folder must be a folder we can write, or be creatable in one."""
    folder = output.parent  # as the user wrote it, for the message
    while not folder.exists() and not folder.is_symlink() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise SiteDirError(f"the {what} output '{output}' cannot be written: '{folder}' is "
                           "a file, not a folder; give a path in a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise SiteDirError(f"the {what} output '{output}' cannot be written: the folder "
                           f"'{folder}' is not writable; give a path in a folder you can write")


def _check_name(output: Path, what: str, extra: int) -> None:
    """The name and its temporary sibling's must fit the file system's name limit."""
    folder = Path(os.path.abspath(output)).parent
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    try:
        limit = os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        limit = 255
    longest = len(output.name.encode("utf-8", "surrogateescape")) + extra
    if longest > limit:
        raise SiteDirError(f"the {what} output's name '{output.name}' is too long: with the "
                           f"temporary file written beside it, names here may have at most "
                           f"{limit} bytes, so at most {max(1, limit - extra)} for this one; "
                           "give a shorter name")
