"""The site with its offline editions to download: ``briefings build --downloads``.

Both editions come from one build of the archive for the offline edition, which the Kiwix
edition's site is made from (editions/kiwixsite.py), so neither holds the downloads. Then
three things run side by side on the machine's cores: a second process makes the Kiwix
site and writes the ZIM (zim.make_zim), a third the zip, and this one builds the site into a
staging folder beside the site folder, with a stand-in for each file the editions give it
(``downloads/``: both files, a SHA-256 file each, which ``sha256sum -c`` reads, the
edition's citation files and the Downloads page listing them; the same paths, so the same
navigation). Once both editions are written, a rebuild of the staged site writes and
renders only those files (the pipeline's extras keep their paths, so the rebuild is an
edit's) and swaps it in at the site folder (``BuildOptions.publish_to``): byte for byte
the site one build with the finished files gives (tested). An archive that does not
check, or an edition or render that fails, leaves the previous site as it was.

Published elsewhere: with ``extra.downloads_url`` set in mkdocs.yml (the folder, an http(s)
URL, where the editions are published, such as a GitHub release's assets), the editions and
their checksum files are written into the project folder under their usual names (where
``briefings bundle`` and ``briefings zim`` write them) for publishing there, and the site's
``downloads/`` holds only the Downloads page, whose links point at that URL. The hosted site
is then smaller by both editions (at 16,000 briefings 276 MB of GitHub Pages' 1 GB).
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import TypeVar

from generator.content.problems import Problem
from generator.editions import bundle, kiwixsite, packaged
from generator.editions.bundle import folder_name
from generator.editions.zim import CHECK_OUTPUT as CHECK_ZIM
from generator.editions.zim import ZimInfo, make_zim, zim_date
from generator.engine import hosts, sitedir, swap
from generator.engine.render import EngineConfig, settings, site_settings
from generator.pipeline import (
    DOWNLOADS_PAGE,
    BuildOptions,
    Warm,
    build,
    editions_share,
    phase,
    places,
)
from generator.site.edition import Edition
from generator.site.html.citeblock import edition_section
from generator.site.html.markup import count_label, esc, long_date
from generator.site.html.pagefile import render_markdown
from generator.site.outputs import Page, Site
from generator.workers import Helper

__all__ = ["Download", "build_with_downloads", "downloads_page", "sha256_file"]

FOLDER = "downloads/"
T = TypeVar("T")

HOW_TO = {
    "zip": ("Unzip the file (the whole folder, not single files), then open "
            "<code>index.html</code> inside it in any web browser. Everything works without a "
            "connection: browsing, actor and region pages, the timeline, the finder and search."),
    "zim": ("Open it in Kiwix, the offline reader: the apps for Android, iOS, Windows, macOS "
            "and Linux open ZIM files, and <code>kiwix-serve</code> serves one to a local "
            "network. Kiwix's search finds briefings by any word of their text and by every "
            "name and alias of their actors and regions."),
}
HEADINGS = {"zip": "Offline website (zip)", "zim": "Kiwix (ZIM)"}


@dataclass(frozen=True)
class Download:
    """One file to download, as the Downloads page lists it."""

    kind: str  # "zip" or "zim"
    name: str
    content: bytes
    sha256: str
    briefings: int


def build_with_downloads(options: BuildOptions) -> list[Problem]:
    """Build both offline editions and the site with them under ``/downloads/``.

    The site folder is checked first (sitedir), so a refused one costs no edition build.
    The site is rendered while the editions are written, into a staging folder beside it
    with a stand-in for each file the editions give (same paths: the navigation is the
    same); once both editions are written, a rebuild of the staged site writes and renders
    only those files (pipeline: extras that keep their paths), and swaps it in.
    """
    sitedir.check_site_dir(options.site_dir, places(options), private=options.private_site)
    options.build_dir.mkdir(parents=True, exist_ok=True)
    config = EngineConfig(options.config_file, engine=options.engine)
    site = site_settings(config)
    elsewhere = hosts.downloads_url(settings(config).get("extra"))
    stem = folder_name(site.name)
    project = options.config_file.parent
    day = zim_date(os.environ.get("SOURCE_DATE_EPOCH"))
    names = (Edition.OFFLINE.file_name(stem), Edition.KIWIX.file_name(stem))
    stand_ins = [Download(kind, name, b"", hashlib.sha256(b"").hexdigest(), 0)
                 for kind, name in zip(("zip", "zim"), names, strict=True)]
    staged = _staging_folder(options.site_dir)
    # The offline render loads the archive (and writes the cache file); the ZIM's process
    # (forked), the staged build and its rebuild load it again from memory.
    warm = options.warm or Warm()
    staging = replace(options, site_dir=staged, private_site=False, warm=warm)
    try:
        with tempfile.TemporaryDirectory(prefix="downloads-", dir=options.build_dir) as work:
            zip_file, zim_file = (Path(work) / name for name in names)

            def check_outputs(_: Path, where: sitedir.Places) -> None:
                bundle.CHECK_OUTPUT(zip_file, where)
                CHECK_ZIM(zim_file, where)
                if elsewhere is not None:  # written into the project, as bundle and zim do
                    bundle.CHECK_OUTPUT(project / zip_file.name, where)
                    CHECK_ZIM(project / zim_file.name, where)

            # One render for both editions: the Kiwix site is the offline one with three
            # changes to each page's head and header (kiwixsite). Then side by side, each in
            # a process of its own: the Kiwix site and the ZIM, the zip, and the site with
            # stand-ins for the editions' files.
            # The maps are drawn once for both sites: the hosted plan takes the offline
            # plan's, with its own links (pipeline.editions_share).
            with editions_share(), \
                    packaged.rendered_for(Edition.OFFLINE, options.content, zip_file,
                                          options.config_file, check_output=check_outputs,
                                          build_dir=options.build_dir,
                                          engine=options.engine, warm=warm) as offline, \
                    phase("editions and the site beside them"):
                derived = multiprocessing.get_context("spawn").Event()
                writing = Helper(functools.partial(_zim_edition, offline, Path(work) / "kiwix",
                                                   zim_file, replace(options, warm=warm),
                                                   derived))
                try:
                    zipping = Helper(functools.partial(_yielding, bundle.write_bundle,
                                                       offline, zip_file, options.config_file))
                    try:
                        build(replace(staging, extras=_extras(stand_ins, site, day, elsewhere)))
                        zipping.result()
                    finally:
                        zipping.stop()
                    _remove_when(derived, writing, offline.site_dir)
                    zim = writing.result()
                finally:
                    writing.stop()
            editions = [_edition("zip", zip_file, zim.briefings),
                        _edition("zim", zim.path, zim.briefings)]
        problems = build(replace(staging, extras=_extras(editions, site, day, elsewhere),
                                 publish_to=options.site_dir))
        if options.warm is None:
            warm.save()  # only if a file changed while it was built
    finally:
        shutil.rmtree(staged, ignore_errors=True)
        swap.lock_path(staged).unlink(missing_ok=True)
    if elsewhere is not None and not any(problem.is_error for problem in problems):
        for edition in editions:
            for name, content in _files(edition).items():
                _write_replacing(project / name, content)
    return problems


# How much the zip yields the cores (os.nice) to the ZIM and the site beside it: the ZIM's
# one libzim worker is the longest chain of work, and the site's render comes next
# (BENCHMARKS.md, "Issue 25 round five").
YIELDING = 5


def _yielding(function: Callable[..., T], *args: object) -> T:
    """``function(*args)`` at a lower priority (for a process of its own: it lasts)."""
    os.nice(YIELDING)
    return function(*args)


def _zim_edition(offline: packaged.Rendered, kiwix_dir: Path, zim_file: Path,
                 options: BuildOptions, derived: Event) -> ZimInfo:
    """The Kiwix site made from the offline one (``derived`` is set when that is done, or
    failed), then the ZIM written from it, and the Kiwix site removed."""
    try:
        with phase("editions: Kiwix site"):
            kiwix = packaged.Rendered(kiwixsite.derive(offline.site_dir, kiwix_dir),
                                      offline.engine)
    finally:
        derived.set()
    try:
        return make_zim(options.content, zim_file, options.config_file,
                        build_dir=options.build_dir, engine=options.engine, rendered=kiwix,
                        warm=options.warm)
    finally:
        shutil.rmtree(kiwix_dir, ignore_errors=True)


def _remove_when(derived: Event, writing: Helper[ZimInfo], site_dir: Path) -> None:
    """Remove the offline site once the Kiwix site is made from it (its files are linked
    there), while the ZIM may still be written; if the helper stopped first, leave it."""
    while not derived.wait(0.2):
        if not writing.running():
            return
    shutil.rmtree(site_dir, ignore_errors=True)


def _staging_folder(site_dir: Path) -> Path:
    """A new empty folder beside the site folder (the same file system: swapped by renames)."""
    parent = site_dir.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{site_dir.resolve().name}.downloads-", dir=parent))


def _files(edition: Download) -> dict[str, bytes]:
    """An edition's files: itself and its checksum file, by name."""
    return {edition.name: edition.content, f"{edition.name}.sha256": sha256_file(edition).encode()}


def _extras(editions: list[Download], site: Site, day: datetime.date,
            elsewhere: str | None) -> dict[str, bytes]:
    """The files the editions add to the site's tree: under ``downloads/`` themselves and
    their checksum files (unless published elsewhere), the edition's citation files and the
    Downloads page."""
    extras = {} if elsewhere is not None else {
        f"{FOLDER}{name}": content for e in editions for name, content in _files(e).items()}
    cite, files = edition_section(site, day, editions[0].briefings)
    extras |= {item.path: item.content for item in files}
    extras[DOWNLOADS_PAGE] = render_markdown(downloads_page(editions, day, cite, elsewhere or ""),
                                             site).encode("utf-8")
    return extras


def _write_replacing(path: Path, content: bytes) -> None:
    """Write ``path`` whole or not at all: a temporary sibling, then renamed over it (a
    link at ``path`` is replaced, never followed)."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(content)
    os.replace(temporary, path)


def _edition(kind: str, path: Path, briefings: int) -> Download:
    content = path.read_bytes()
    return Download(kind, path.name, content, hashlib.sha256(content).hexdigest(), briefings)


def sha256_file(edition: Download) -> str:
    """The checksum file's text, as ``sha256sum`` writes it (``sha256sum -c`` checks it)."""
    return f"{edition.sha256}  {edition.name}\n"


def downloads_page(editions: list[Download], day: datetime.date, cite: str = "",
                   at: str = "") -> Page:
    """The Downloads page: each edition with size, date, briefings, checksum, how to open;
    then ``cite``, how to cite the edition (citeblock.edition_section). ``at``: the URL
    the files are published at, when not beside the page."""
    sections = "\n".join(_section(edition, day, at) for edition in editions)
    names = " ".join(f"{e.name}.sha256" for e in editions)
    html = ('<h1 id="top">Downloads</h1>\n'
            "<p>The whole archive to read without a connection, in two editions. Each is one "
            "file; the newest is always here.</p>\n"
            f"{sections}\n"
            '<h2 id="checking">Checking a download</h2>\n'
            "<p>Each file has its SHA-256 checksum beside it. In the folder holding the "
            f"files, <code>sha256sum -c {esc(names)}</code> says OK for each whole file.</p>"
            + (f"\n{cite}" if cite else ""))
    return Page("downloads/", "Downloads", f'<div class="ba-downloads">\n{html}\n</div>',
                "downloads", description="The archive offline: a zip for any browser and a "
                "ZIM file for Kiwix, with their checksums.")


def _section(edition: Download, day: datetime.date, at: str) -> str:
    link = esc(at + edition.name)
    facts = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in (
        ("File", f'<a href="{link}" download>{esc(edition.name)}</a>'),
        ("Size", f"{_size(len(edition.content))} ({len(edition.content):,} bytes)"),
        ("Built", f'<time datetime="{day.isoformat()}">{esc(long_date(day))}</time>'),
        ("Briefings", esc(count_label(edition.briefings))),
        ("SHA-256", f'<code>{edition.sha256}</code> '
                    f'(<a href="{link}.sha256">checksum file</a>)'),
    ))
    return (f'<h2 id="{edition.kind}">{esc(HEADINGS[edition.kind])}</h2>\n'
            f'<dl class="ba-facts">{facts}</dl>\n<p>{HOW_TO[edition.kind]}</p>')


def _size(length: int) -> str:
    """A size as people read it: 1.2 MB, 340 kB."""
    if length >= 1_000_000:
        return f"{length / 1_000_000:.1f} MB"
    return f"{max(1, round(length / 1000))} kB"
