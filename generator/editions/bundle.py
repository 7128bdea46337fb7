"""The offline bundle: the whole site built for ``file://``, in one reproducible zip.

The site is rendered for ``Edition.OFFLINE`` (``.html`` links, Material's offline
plugin, the vendored iframe-worker shim) into a temporary folder under the build
folder (editions/packaged.py, which also says what the zip leaves out), then zipped
under one top folder with a README beside ``index.html``. The zip is written to a
temporary file beside the output and renamed into place, so a failed bundle leaves no
half-written zip.

Same archive, same bytes: entries are sorted, every entry has the same
timestamp (``SOURCE_DATE_EPOCH`` if set, else 1980-01-01, the earliest a zip
can store) and the same permissions, and nothing from the build machine (user,
time, folder) reaches the zip.
"""

from __future__ import annotations

import functools
import os
import re
import stat
import tempfile
import time
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from generator.content.syntax import safefile
from generator.editions import packaged
from generator.engine import sitedir
from generator.engine.render import EngineConfig, EngineError, site_settings
from generator.site.edition import Edition

__all__ = ["CHECK_OUTPUT", "README_NAME", "ZIP_COMMENT", "folder_name", "is_our_bundle",
           "make_bundle", "write_bundle", "zip_timestamp"]

README_NAME = "README.txt"

# What search reads first, from file:// as hosted (see generator/site/data/searchshards.py).
OFFLINE_SEARCH_INDEX = "search/manifest.js"

# A zip entry: its name and its bytes, or the file to read them from when it is written.
Entry = tuple[str, bytes | Path]

# What only a bundle of ours holds: the zip's comment (at its end, read without unpacking).
# A zip is recognised as ours by this alone, never by its file type or its entries' names,
# so a reader's own zip given as --output is never replaced.
ZIP_COMMENT = b"briefings offline bundle: written by `briefings bundle`, replaced by its next run"


def is_our_bundle(path: Path) -> bool:
    """Whether the regular file at ``path`` is a zip this tool wrote (by its comment)."""
    with safefile.open_regular(path) as handle, zipfile.ZipFile(handle) as archive:
        return archive.comment == ZIP_COMMENT


# A temporary sibling: "." + name + "." + 8 random characters + ".partial".
OUTPUT = sitedir.EditionOutput("bundle", "an offline bundle", Edition.OFFLINE.file_name(),
                               is_our_bundle, temporary_extra=1 + 1 + 8 + len(".partial"))

# The earliest time a zip entry can hold (MS-DOS dates start in 1980).
ZIP_EPOCH = 315532800

README_TEMPLATE = """\
{site_name}: offline copy
{underline}

This folder is the whole archive as a website that works from your disk, with no
network: browsing, actor and region pages, the timeline, the finder and search.

To read it:
  1. Unzip the file (the whole folder, not single files).
  2. Open {folder}/index.html in a web browser (double-click it, or drag it
     onto a browser window, or use File > Open).

Nothing in these pages loads anything from the internet: there are no web
fonts, scripts, styles or images from elsewhere, and search runs inside the
browser. Only the links to the original sources of each briefing lead to
other websites, and only if you follow them.

Search reads only the parts of its index that hold the words you type, so
it answers at once even in a large archive.

Third-party code: the pages use Material for MkDocs (MIT licence) and, to run
search from disk, the iframe-worker shim by Martin Donath (MIT licence, text in
assets/javascripts/iframe-worker/LICENSE).
"""


CHECK_OUTPUT = functools.partial(sitedir.check_edition_output, edition=OUTPUT)


def make_bundle(content: Path, output: Path, config_file: Path, *,
                build_dir: Path = Path(".build"), engine: str | None = None) -> Path:
    """Build the site for ``file://`` from ``content`` and zip it to ``output``; returns ``output``.

    ``engine`` renders it (engine.engines; by default the one the environment names).
    Raises ContentError (with every problem) if the archive does not check, and
    EngineError if the engine fails or its site would not work from disk; in every
    case no zip is written and an existing one is left as it was. Raises
    sitedir.SiteDirError, before anything is written, when ``output`` is a folder or a
    file that is not a bundle.
    """
    with packaged.rendered_for(Edition.OFFLINE, content, output, config_file,
                               check_output=CHECK_OUTPUT, build_dir=build_dir,
                               engine=engine) as rendered:
        return write_bundle(rendered, output, config_file)


def write_bundle(rendered: packaged.Rendered, output: Path, config_file: Path) -> Path:
    """Zip a site rendered for the offline edition to ``output``; returns ``output``."""
    site_dir, engine_used = rendered
    if not (site_dir / OFFLINE_SEARCH_INDEX).is_file():
        raise EngineError(f"the offline build has no {OFFLINE_SEARCH_INDEX}, so search "
                          "would not work from disk")
    site_name = site_settings(EngineConfig(config_file, engine=engine_used)).name
    folder = folder_name(site_name)
    entries: list[Entry] = [(f"{folder}/{README_NAME}", _readme(site_name, folder))]
    entries += [(f"{folder}/{name}", path) for name, path in _site_files(site_dir)]
    _write_atomically(output, entries, zip_timestamp(os.environ.get("SOURCE_DATE_EPOCH")))
    return output


def _readme(site_name: str, folder: str) -> bytes:
    """The README that goes into the zip beside index.html."""
    underline = "=" * len(f"{site_name}: offline copy")
    return README_TEMPLATE.format(site_name=site_name, underline=underline,
                                  folder=folder).encode("utf-8")


def folder_name(site_name: str) -> str:
    """The zip's top folder, from the site name: 'Briefing Archive' -> 'briefing-archive'."""
    slug = re.sub(r"[^a-z0-9]+", "-", site_name.lower()).strip("-")
    return slug or "briefings"


def _site_files(site_dir: Path) -> Iterator[tuple[str, Path]]:
    """Every file of the built site to bundle, as (path inside the site, file), sorted."""
    for name, path in packaged.packaged_files(site_dir, Edition.OFFLINE):
        if name == README_NAME:
            raise EngineError(f"the site itself has a file '{name}'; it would hide the README")
        yield name, path


def zip_timestamp(source_date_epoch: str | None) -> tuple[int, int, int, int, int, int]:
    """The one timestamp every entry gets: SOURCE_DATE_EPOCH (UTC) if valid, else 1980-01-01."""
    seconds = ZIP_EPOCH
    if source_date_epoch and source_date_epoch.strip().isdigit():
        seconds = max(int(source_date_epoch), ZIP_EPOCH)
    year, month, day, hour, minute, second = time.gmtime(seconds)[:6]
    # A zip stores years up to 2107 and even seconds only.
    return min(year, 2107), month, day, hour, minute, second - second % 2


def _write_atomically(output: Path, entries: Sequence[Entry],
                     stamp: tuple[int, int, int, int, int, int]) -> None:
    """Write the zip to a temporary file beside ``output``, then rename it into place."""
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".partial",
                                         dir=output.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            _write_zip(stream, entries, stamp)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)  # mkstemp makes it private; a zip to share is not
        os.replace(temporary, output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _write_zip(stream: IO[bytes], entries: Sequence[Entry],
              stamp: tuple[int, int, int, int, int, int]) -> None:
    """Write ``entries`` in the given order, each with ``stamp`` and -rw-r--r-- permissions."""
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.comment = ZIP_COMMENT
        for name, source in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever builds it, so the permissions below are read
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            # One file in memory at a time: a large archive's site runs to hundreds of MB.
            archive.writestr(info, source if isinstance(source, bytes) else source.read_bytes())
