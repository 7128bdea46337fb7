"""The host a site is published to, and whether the built site fits it.

A host refuses a deploy past its limits; the build says so first. The host is
``extra.host`` in mkdocs.yml, GitHub Pages (where the Pages workflow deploys) when unset.
The limits are the hosts' published ones (checked late 2026):

- GitHub Pages: "Published GitHub Pages sites may be no larger than 1 GB";
- Cloudflare Pages: 20,000 files per deployment (free plan) and 25 MiB per file;
- ``none``: no limits (a server of one's own).

:func:`measure` reads the built site's size (the sum of its files' sizes, about what a
host's artefact holds) and file count, and how much of it is HTML pages and downloads;
:func:`report` gives one line for the build's output and a warning for each limit the site
is past, or within a tenth of, with what to do about it. What can be done depends on where
the bytes are: a site that fits without its downloads can publish the editions elsewhere;
one whose pages alone are past the limit fits no setting of that host (every briefing page
carries its own article, BENCHMARKS.md "A site that fits its host"), and needs a host
without the limit. :func:`downloads_url` reads where the editions are published when not
in the site (``extra.downloads_url``, editions/downloads.py).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

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


def measure(site_dir: Path) -> SiteSize:
    total = files = largest = pages = downloads = 0
    largest_path = ""
    downloads_dir = os.path.join(site_dir, DOWNLOADS)
    for folder, _dirs, names in os.walk(site_dir):
        for name in names:
            size = os.stat(os.path.join(folder, name)).st_size
            total, files = total + size, files + 1
            if folder == downloads_dir and not name.endswith(".html"):
                downloads += size
            elif name.endswith(".html"):
                pages += size
            if size > largest:
                largest = size
                largest_path = os.path.relpath(os.path.join(folder, name), site_dir)
    return SiteSize(total, files, largest, largest_path, pages, downloads)


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
