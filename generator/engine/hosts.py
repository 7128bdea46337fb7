"""The host a site is published to, and whether the built site fits it.

A host refuses a deploy past its limits; the build says so first. The host is
``extra.host`` in mkdocs.yml, GitHub Pages (where the Pages workflow deploys) when unset.
The limits are the hosts' published ones (checked late 2026):

- GitHub Pages: "Published GitHub Pages sites may be no larger than 1 GB";
- Cloudflare Pages: 20,000 files per deployment (free plan) and 25 MiB per file;
- ``none``: no limits (a server of one's own).

:func:`measure` reads the built site's size (the sum of its files' sizes, about what a
host's artefact holds) and file count, and how much of it is HTML pages and downloads
(after an edit, only the folders the rebuild changed);
:func:`report` gives one line for the build's output and a warning for each limit the site
is past, or within a tenth of, with what to do about it. What can be done depends on where
the bytes are: a site that fits without its downloads can publish the editions elsewhere;
one whose pages alone are past the limit fits no setting of that host (every briefing page
carries its own article, BENCHMARKS.md "A site that fits its host"), and needs a host
without the limit. :func:`downloads_url` reads where the editions are published when not
in the site (``extra.downloads_url``, editions/downloads.py).
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

DEFAULT = "github-pages"
DOWNLOADS = "downloads"  # the folder build --downloads publishes the editions in
WARN_FROM = 0.9  # share of a limit from which the build warns


@dataclass(frozen=True)
class Limits:
    title: str
    max_bytes: int | None = None  # the whole site
    max_files: int | None = None
    max_file_bytes: int | None = None  # one file


HOSTS = {
    "github-pages": Limits("GitHub Pages", max_bytes=1_000_000_000),
    "cloudflare-pages": Limits("Cloudflare Pages", max_files=20_000,
                               max_file_bytes=25 * 1024 * 1024),
    "none": Limits("your own server"),
}


@dataclass(frozen=True)
class SiteSize:
    """What a built site holds: bytes, files, and its largest file."""

    bytes: int
    files: int
    largest: int
    largest_path: str
    pages: int = 0  # bytes of the HTML pages
    downloads: int = 0  # bytes of the offline editions under downloads/ (build --downloads)


def host_limits(name: object) -> Limits:
    """The limits of ``extra.host`` as mkdocs.yml gives it (None: the default)."""
    key = DEFAULT if name is None else str(name)
    if key not in HOSTS:
        raise ValueError(f"mkdocs.yml: extra.host '{key}' is not one of "
                         f"{', '.join(sorted(HOSTS))}")
    return HOSTS[key]


def downloads_url(extra: object) -> str | None:
    """``extra.downloads_url`` of mkdocs.yml, ending in ``/``; None when it is not set.
    Raises ValueError, with what to write, for a value that is not an http(s) URL."""
    url = extra.get("downloads_url") if isinstance(extra, dict) else None
    if url is None:
        return None
    if not isinstance(url, str) or not url.startswith(("https://", "http://")) or any(
            c.isspace() or c in "\"<>" for c in url):
        raise ValueError(f"mkdocs.yml: extra.downloads_url {url!r} is not an http(s) URL "
                         "(the folder the editions are published at, e.g. "
                         "https://github.com/you/your-archive/releases/latest/download/)")
    return url if url.endswith("/") else url + "/"


def measure(site_dir: Path, kept: Path | None = None) -> SiteSize:
    """The site's size and file count. With ``kept`` (a file of the build's own), each
    folder's sizes are kept there and read again only for a folder whose time or inode
    changed: a build changes a site's file only by replacing it (a rename into its folder,
    which changes the folder's time, see swap.py), never in place, so a rebuild after an
    edit stats the site's folders, not its files (at 16,000 briefings 20,000, not 91,000)."""
    root = os.path.abspath(site_dir)
    before = _kept_folders(kept, root)
    folders: dict[str, _Folder] = {}
    total = files = largest = pages = downloads = 0
    largest_path = ""
    stack = [""]
    while stack:  # in os.walk's order: a folder, then each of its folders as listed
        relative = stack.pop()
        folder = folders[relative] = _folder(root, relative, before.get(relative))
        total, files = total + folder.bytes, files + folder.files
        pages, downloads = pages + folder.pages, downloads + folder.downloads
        if folder.largest > largest:
            largest, largest_path = folder.largest, os.path.join(relative, folder.largest_name)
        stack += reversed([os.path.join(relative, name) for name in folder.folders])
    if kept is not None and folders != before:
        with contextlib.suppress(OSError):  # only slower next time
            kept.write_text(json.dumps({"site": root, "folders": folders}), "utf-8")
    return SiteSize(total, files, largest, largest_path, pages, downloads)


class _Folder(NamedTuple):
    """A folder as last read: its time and inode, its own files' sizes, its folders."""

    time: int
    inode: int
    files: int
    bytes: int
    largest: int
    largest_name: str
    pages: int  # bytes of HTML pages
    downloads: int  # bytes of editions (in downloads/, not HTML)
    folders: list[str]


def _kept_folders(kept: Path | None, root: str) -> dict[str, _Folder]:
    """The folders kept for the site at ``root``; none if missing, broken or another's."""
    try:
        data = json.loads(kept.read_text("utf-8")) if kept is not None else {}
        if data.get("site") != root:
            return {}
        return {name: _Folder(*values) for name, values in data["folders"].items()}
    except (OSError, ValueError, TypeError, AttributeError, KeyError):
        return {}


def _folder(root: str, relative: str, before: _Folder | None) -> _Folder:
    """The folder ``relative`` of the site: as ``before`` if it has not changed since."""
    path = os.path.join(root, relative)
    try:
        stat = os.stat(path)
        if before is not None and (before.time, before.inode) == (stat.st_mtime_ns,
                                                                   stat.st_ino):
            return before
        entries = list(os.scandir(path))
    except OSError:  # unreadable, or gone: os.walk skipped it too
        return _Folder(0, 0, 0, 0, 0, "", 0, 0, [])
    count = total = largest = pages = downloads = 0
    largest_name, below = "", []
    for entry in entries:
        if entry.is_dir():  # as os.walk: a link to a folder is listed, never entered
            if not entry.is_symlink():
                below.append(entry.name)
            continue
        size = os.stat(entry.path).st_size
        count, total = count + 1, total + size
        if relative == DOWNLOADS and not entry.name.endswith(".html"):
            downloads += size
        elif entry.name.endswith(".html"):
            pages += size
        if size > largest:
            largest, largest_name = size, entry.name
    return _Folder(stat.st_mtime_ns, stat.st_ino, count, total, largest, largest_name, pages,
                   downloads, below)


def report(size: SiteSize, limits: Limits) -> tuple[str, list[str]]:
    """One line saying the site's size against the host's limits, and the warnings."""
    said = [f"{_size(size.bytes)} in {size.files:,} files"]
    warnings = []
    for amount, limit, what in ((size.bytes, limits.max_bytes, "size"),
                                (size.files, limits.max_files, "files")):
        if limit is None:
            continue
        shown = _size(limit) if what == "size" else f"{limit:,} files"
        said.append(f"{amount / limit:.0%} of {_owner(limits.title)} {shown}")
        advice = _what_to_do(size, limit) if what == "size" else ""
        if amount > limit:
            warnings.append(f"the site is past {_owner(limits.title)} limit of {shown} "
                            f"({_size(amount) if what == 'size' else f'{amount:,} files'}):"
                            f" a deploy would be refused{advice}")
        elif amount >= WARN_FROM * limit:
            warnings.append(f"the site is at {amount / limit:.0%} of {_owner(limits.title)} limit "
                            f"of {shown}: a little more and a deploy would be refused{advice}")
    if limits.max_file_bytes is not None and size.largest > limits.max_file_bytes:
        warnings.append(f"{size.largest_path} is {_size(size.largest)}, past "
                        f"{_owner(limits.title)} limit of {_size(limits.max_file_bytes)} a file:"
                        " a deploy would be refused")
    return "site: " + ", ".join(said), warnings


def _what_to_do(size: SiteSize, limit: int) -> str:
    """What would bring a site under a size limit, from where its bytes are."""
    if size.downloads and size.bytes - size.downloads < WARN_FROM * limit:
        return (f"; without its downloads ({_size(size.downloads)}) it is "
                f"{_size(size.bytes - size.downloads)}: build without --downloads and publish "
                "the zip and the ZIM elsewhere (`briefings bundle` and `briefings zim` write them;"
                " attach them to a release), or set `extra.downloads_url` in mkdocs.yml to "
                "where they are published")
    if size.pages >= WARN_FROM * limit:
        return (f"; its HTML pages alone are {_size(size.pages)}, each briefing's page "
                "carrying its own article: no setting of this site fits, publish it on a host "
                "without a size limit (your own server or an object store, `extra.host: none`)")
    other = size.bytes - size.pages - size.downloads
    return (f"; its pages are {_size(size.pages)} and its data files (feeds, exports, "
            f"citation files, search) {_size(other)}"
            + (f", its downloads {_size(size.downloads)}" if size.downloads else "")
            + ": publish it on a host without a size limit (`extra.host: none`)")


def _owner(title: str) -> str:
    return f"{title}'" if title.endswith("s") else f"{title}'s"


def _size(length: int) -> str:
    if length >= 1_000_000_000:
        return f"{length / 1_000_000_000:.2f} GB"
    if length >= 1_000_000:
        return f"{length / 1_000_000:.1f} MB"
    return f"{length / 1000:.0f} kB"
