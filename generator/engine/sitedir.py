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
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.site.edition import Edition

__all__ = [
    "MARKER",
    "Places",
    "SiteDirError",
    "check_bundle_output",
    "check_content",
    "check_site_dir",
    "check_zim_output",
    "mark",
    "replaceable",
]

MARKER = ".briefings-site"
ZIM_MAGIC = b"ZIM\x04"  # the first bytes of every ZIM file (openZIM: 72173914, little-endian)
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


def check_bundle_output(output: Path, places: Places, top_file: str) -> None:
    """Refuse a bundle path that is a folder, or a file other than a zip a bundle wrote.

    ``top_file`` is the name every bundle's first entry ends in (its README).
    """
    _check_edition_output(output, places, ("bundle", "an offline bundle"),
                          Edition.OFFLINE.file_name(), lambda path: _is_our_zip(path, top_file))


def check_zim_output(output: Path, places: Places) -> None:
    """Refuse a ZIM path that is a folder, or a file other than a ZIM file."""
    _check_edition_output(output, places, ("ZIM", "a ZIM file"), Edition.KIWIX.file_name(),
                          _is_a_zim)


def _check_edition_output(output: Path, places: Places, names: tuple[str, str], example: str,
                          is_ours: Callable[[Path], bool]) -> None:
    what, kind = names
    check_content(places)
    if output.is_dir():
        raise SiteDirError(f"the {what} output '{output}' is a folder; give a file name "
                           f"such as {example}")
    if output.exists() and not is_ours(output):
        raise SiteDirError(f"the {what} output '{output}' exists and is not {kind} this "
                           "tool made, so it was left alone; give another file name or remove "
                           "it first")
    if _within(output.resolve(), places.content.resolve()):
        raise SiteDirError(f"the {what} output '{output}' lies inside the content folder; "
                           "give a file name outside it")


def _is_a_zim(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == ZIM_MAGIC
    except OSError:
        return False


def _is_our_zip(path: Path, top_file: str) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (OSError, zipfile.BadZipFile, ValueError):
        return False
    return bool(names) and names[0].count("/") == 1 and names[0].endswith("/" + top_file)
