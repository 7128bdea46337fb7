"""The Kiwix edition: the whole site in one ZIM file, with its own full-text index.

The site is rendered for ``Edition.KIWIX`` (``.html`` links like the offline zip, no
search box: Kiwix searches the ZIM's own index) into a temporary folder under the build
folder (editions/packaged.py, which also says what the ZIM leaves out), and written
with python-libzim: every page, asset, feed and export (see
:mod:`generator.editions.zimitems`), the home page as main page, the full-text and title
indexes on, and the metadata Kiwix libraries show. The ZIM is written to a
temporary file beside the output and renamed into place, so a failed build leaves no
half-written file.

Same archive and same date, same bytes: entries go in sorted, one worker thread packs
and indexes them in that order (uncompressed: :mod:`generator.editions.zimclusters` then
compresses the clusters on every core, each on its own), the Date is
``SOURCE_DATE_EPOCH``'s day (else today's), and the three random UUIDs (the ZIM header's,
which python-libzim gives no way to set, and one in each Xapian index) are replaced by ones
made from the file's other bytes, with the MD5 checksum at the end written again (see
README, "Kiwix").
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import hashlib
import mmap
import os
import shutil
import sys
import tempfile
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from libzim.reader import Archive as ZimReader
from libzim.writer import Creator, FileProvider, Hint, IndexData, Item

from generator.buildfolder import BuildFolder
from generator.content.model import Archive
from generator.content.syntax import safefile
from generator.editions import packaged, zimclusters, zimitems
from generator.editions.bundle import folder_name
from generator.engine import sitedir
from generator.engine.render import EngineConfig, EngineError, settings
from generator.pipeline import Warm, check, phase, site_language, without_drafts
from generator.site.edition import Edition

__all__ = ["ILLUSTRATION", "SCRAPER", "ZimInfo", "is_our_zim", "make_zim", "zim_date"]

# The 48x48 illustration Kiwix shows for the file: theme/assets/favicon.svg drawn by
# headless Chromium (tests/editions/test_zim.py checks it still matches the logo).
ILLUSTRATION = Path(__file__).with_name("illustration-48.png")
MAIN_PAGE = "index.html"
LANGUAGES = {"en": "eng", "fr": "fra", "de": "deu", "es": "spa", "ru": "rus", "hy": "hye",
             "az": "aze", "ka": "kat", "tr": "tur", "fa": "fas", "ar": "ara", "uk": "ukr"}
# Kiwix's own tags: a full-text index, no pictures or videos, the full pages.
KIWIX_TAGS = ("_category:other", "_ftindex:yes", "_pictures:no", "_videos:no", "_details:yes")
HEADER_UUID = slice(8, 24)  # the ZIM header: magic, version, then the 16-byte UUID
CHECKSUM_POSITION = slice(72, 80)  # the header's pointer to the MD5 at the end
# Pages compress together within a cluster: 8 MiB clusters made the ZIM of 4,000 synthetic
# briefings 13% smaller than libzim's 2 MiB (12.1 MB against 13.9; the zip is 40.5 MB), at
# the cost of decompressing up to 8 MiB (some 10 ms) when Kiwix opens an uncached page.
CLUSTER_SIZE = 8 << 20
XAPIAN_MAGIC = b"\x0f\x0dXapian Glass"  # starts a Xapian database's version record
ZIM_MAGIC = b"ZIM\x04"  # the first bytes of every ZIM file (openZIM: 72173914, little-endian)
# The ZIM's Scraper metadata (the tool that made it): what only a ZIM of ours holds.
SCRAPER = "briefings zim (Briefing Archive)"


@dataclass(frozen=True)
class ZimInfo:
    """What was written: the file, its entry count and its number of briefings."""

    path: Path
    entries: int
    briefings: int


class _Entry(Item):  # type: ignore[misc]  # libzim ships no types for its base class
    """One file of the edition for libzim (indexed, if HTML, by libzim's own reading)."""

    def __init__(self, entry: zimitems.SiteEntry) -> None:
        super().__init__()
        self.entry = entry

    def get_path(self) -> str:
        return self.entry.path

    def get_title(self) -> str:
        return self.entry.title

    def get_mimetype(self) -> str:
        return self.entry.mime

    def get_contentprovider(self) -> FileProvider:
        return FileProvider(str(self.entry.file))

    def get_hints(self) -> dict[Hint, int]:
        return {Hint.FRONT_ARTICLE: self.entry.front,
                Hint.COMPRESS: zimclusters.compressible(self.entry.mime)}


class _Indexed(_Entry):
    """An HTML page with our own index words (see zimitems): defining ``get_indexdata``
    at all replaces libzim's reading of the page, so only HTML entries have it."""

    def get_indexdata(self) -> IndexData:
        return _IndexText(self.entry)


class _IndexText(IndexData):  # type: ignore[misc]
    """A page's words for the full-text index, folded as libzim folds queries (and as
    written, see zimitems.index_words); none for a page that stays out of the index."""

    def __init__(self, entry: zimitems.SiteEntry) -> None:
        self.entry = entry
        self.title = zimitems.index_words(entry.title)
        self.keywords = zimitems.index_words(entry.keywords)
        self.text = ""
        if entry.index != "none":
            text = zimitems.index_text(entry.file, head_only=entry.index == "head")
            self.text = zimitems.index_words(f"{text} {entry.keywords}")

    def has_indexdata(self) -> bool:
        return self.entry.index != "none"

    def get_title(self) -> str:
        return self.title

    def get_content(self) -> str:
        return self.text

    def get_keywords(self) -> str:
        return self.keywords

    def get_wordcount(self) -> int:
        return len(self.text.split())

    def get_geoposition(self) -> tuple[float, float] | None:
        return None


def is_our_zim(path: Path) -> bool:
    """Whether the regular file at ``path`` is a ZIM this tool wrote: the ZIM magic, then
    the Scraper metadata only we write (a reader's Wikipedia ZIM has mwoffliner's)."""
    with safefile.open_regular(path) as handle:
        if handle.read(4) != ZIM_MAGIC:
            return False
    with _no_stdout():
        archive = ZimReader(str(path))
        return bool("Scraper" in archive.metadata_keys
                    and archive.get_metadata("Scraper").decode("utf-8", "replace") == SCRAPER)


# A temporary sibling: "." + stem + "." + 8 random characters + ".zim", and libzim's own
# beside it (that name + "_fulltext.idx.tmp" at the longest).
OUTPUT = sitedir.EditionOutput("ZIM", "a ZIM file", Edition.KIWIX.file_name(), is_our_zim,
                               temporary_extra=1 + 1 + 8 + len("_fulltext.idx.tmp"))


CHECK_OUTPUT = functools.partial(sitedir.check_edition_output, edition=OUTPUT)


def make_zim(content: Path, output: Path, config_file: Path, *,
             build_dir: Path = Path(".build"), engine: str | None = None,
             rendered: packaged.Rendered | None = None, warm: Warm | None = None) -> ZimInfo:
    """Build the Kiwix edition of ``content`` and write it to ``output``.

    Raises ContentError (with every problem) if the archive does not check, and
    EngineError if MkDocs or libzim fails; in every case no ZIM is written and an
    existing one is left as it was. Raises sitedir.SiteDirError, before anything is written,
    when ``output`` is a folder or a file that is not a ZIM.

    ``rendered``: the Kiwix edition's site, already made (``build --downloads`` derives it
    from the offline edition's, editions/kiwixsite.py); the caller has checked ``output``.
    ``warm``: the archive's files as the caller loaded them (pipeline.Warm), not read again.
    """
    site = contextlib.nullcontext(rendered) if rendered else packaged.rendered_for(
        Edition.KIWIX, content, output, config_file, check_output=CHECK_OUTPUT,
        build_dir=build_dir, engine=engine)
    with site as (site_dir, engine_used):
        archive = without_drafts(check(content, cache_file=BuildFolder(build_dir).cache,
                                       warm=warm,
                                       language=site_language(config_file, engine_used)).archive)
        config = settings(EngineConfig(config_file, engine=engine_used))
        items = list(zimitems.entries(site_dir, str(config["site_name"]),
                                      zimitems.briefing_keywords(archive)))
        if not any(item.path == MAIN_PAGE for item in items):
            raise EngineError(f"the Kiwix build has no {MAIN_PAGE} for the main page")
        day = zim_date(os.environ.get("SOURCE_DATE_EPOCH"))
        _write_atomically(output, items, metadata(config, archive, day))
    return ZimInfo(output, len(items), len(archive.briefings))


def zim_date(source_date_epoch: str | None) -> datetime.date:
    """The ZIM's Date: SOURCE_DATE_EPOCH's day (UTC) if set and valid, else today (UTC)."""
    if source_date_epoch and source_date_epoch.strip().isdigit():
        return datetime.datetime.fromtimestamp(int(source_date_epoch), datetime.UTC).date()
    return datetime.datetime.now(datetime.UTC).date()


def metadata(config: Mapping[str, Any], archive: Archive, day: datetime.date) -> dict[str, str]:
    """The metadata Kiwix libraries show, from mkdocs.yml (``extra.zim``) and the archive."""
    zim = (config.get("extra") or {}).get("zim") or {}
    name = str(config["site_name"])
    language = str((config.get("theme") or {}).get("language") or "en")
    described = str(config.get("site_description") or name)
    briefings = archive.briefings
    extent = (f"{len(briefings):,} briefings from {briefings[-1].date} to {briefings[0].date}"
              if briefings else "No briefings yet")
    tags = [*(str(tag) for tag in zim.get("tags") or []), *KIWIX_TAGS]
    return {
        "Name": str(zim.get("name") or folder_name(name)), "Title": _shortened(name, 30),
        "Description": _shortened(described, 80),
        "LongDescription": _shortened(f"{described} {extent}, on {len(archive.actors)} actors "
                                      f"and {len(archive.regions)} regions.", 4000),
        "Language": ",".join(languages(language, archive)),
        "Creator": str(zim.get("creator") or name),
        "Publisher": str(zim.get("publisher") or name), "Date": day.isoformat(),
        "Tags": ";".join(tags), "Source": str(config.get("site_url") or ""),
        "License": str(zim.get("license") or ""), "Scraper": SCRAPER,
    }


def languages(site_language: str, archive: Archive) -> list[str]:
    """The ZIM's languages as ISO 639-3 codes, as Kiwix reads its Language metadata: the
    site's first (the full-text index's language), then those of the briefings in other
    languages, most briefings first. One ZIM holds them all, as the offline zip does (see
    README, "Kiwix": the index is in the site's language, and words of other languages are
    indexed folded and unstemmed)."""
    counts = Counter(b.lang.split("-")[0].lower() for b in archive.briefings)
    site = site_language.split("-")[0].lower()
    order = [site, *sorted((c for c in counts if c != site), key=lambda c: (-counts[c], c))]
    unknown = [tag for tag in order if tag not in LANGUAGES]
    if unknown:
        where = ("mkdocs.yml: theme.language" if unknown[0] == site
                 else "a briefing's lang")
        raise EngineError(f"{where} '{unknown[0]}' has no ISO 639-3 code here; add it to "
                          f"LANGUAGES in {Path(__file__).name}")
    return [LANGUAGES[tag] for tag in order]


def _shortened(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters at a word, with an ellipsis (Kiwix's limits)."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _write_atomically(output: Path, items: Iterable[zimitems.SiteEntry],
                      meta: Mapping[str, str]) -> None:
    """Write the ZIM to a temporary file beside ``output``, then rename it into place."""
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{output.stem}.", suffix=".zim",
                                         dir=output.parent)
    os.close(handle)
    # libzim writes it uncompressed here first (zimclusters); the name is no longer than
    # the temporary's, and so are libzim's own files beside it.
    raw = Path(temporary).with_suffix(".raw")
    try:
        with phase("ZIM: libzim writes it uncompressed"):
            _write_zim(raw, items, meta)
        with phase("ZIM: clusters compressed"):
            zimclusters.compress_clusters(raw, Path(temporary))
        raw.unlink()
        _fix_uuid(Path(temporary))
        os.chmod(temporary, 0o644)  # mkstemp makes it private; a file to share is not
        os.replace(temporary, output)
    except (RuntimeError, ValueError) as error:  # libzim's errors, or a file zimclusters
        raise EngineError(f"libzim could not write the ZIM: {error}") from error  # refused
    finally:
        Path(temporary).unlink(missing_ok=True)
        # libzim writes FILE.tmp and FILE_*.idx.tmp/ beside it and renames only at the end.
        for left in [*output.parent.glob(f"{Path(temporary).name}*.tmp"),
                     *output.parent.glob(f"{raw.name}*")]:
            if left.is_dir():
                shutil.rmtree(left)
            else:
                left.unlink()


def _write_zim(path: Path, items: Iterable[zimitems.SiteEntry], meta: Mapping[str, str]
               ) -> None:
    language = meta["Language"].split(",")[0]  # the site's: the full-text index's stemmer
    # One worker: with more, pages could reach the Xapian index in the order they finish.
    # No compression: zimclusters compresses the clusters afterwards, on every core.
    creator = (Creator(str(path)).config_indexing(True, language).config_nbworkers(1)
               .config_clustersize(CLUSTER_SIZE).config_compression("none"))
    with _no_stdout(), creator:
        creator.set_mainpath(MAIN_PAGE)
        for name, value in meta.items():
            creator.add_metadata(name, value)
        creator.add_illustration(48, ILLUSTRATION.read_bytes())
        for item in items:
            html = item.mime == "text/html"
            creator.add_item(_Indexed(item) if html else _Entry(item))


@contextmanager
def _no_stdout() -> Iterator[None]:
    """Keep libzim's progress lines (printed to the process's stdout even when it is told
    not to be verbose) out of the command's output, which is the ZIM's path."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "wb") as sink:
            os.dup2(sink.fileno(), 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def _fix_uuid(path: Path) -> None:
    """Replace the random UUIDs libzim and Xapian write (the ZIM header's, and each index
    database's) by ones made from the file's other bytes; then write the MD5 again."""
    with open(path, "r+b") as stream, mmap.mmap(stream.fileno(), 0) as data:
        end = int.from_bytes(data[CHECKSUM_POSITION], "little")
        places = [HEADER_UUID, *_xapian_uuids(data, end)]
        for place in places:
            data[place] = bytes(16)
        digest = hashlib.sha256(memoryview(data)[:end]).digest()
        for number, place in enumerate(places):
            made = hashlib.sha256(digest + number.to_bytes(4, "little")).digest()[:16]
            data[place] = uuid.UUID(bytes=made, version=4).bytes
        data[end:end + 16] = hashlib.md5(memoryview(data)[:end], usedforsecurity=False).digest()
        data.flush()


def _xapian_uuids(data: mmap.mmap, end: int) -> list[slice]:
    """Where the UUID of each Xapian database in the file is (after its version magic)."""
    places, start = [], data.find(XAPIAN_MAGIC, 0, end)
    while start >= 0:
        at = start + len(XAPIAN_MAGIC) + 2  # after the magic, a two-byte format version
        places.append(slice(at, at + 16))
        start = data.find(XAPIAN_MAGIC, at, end)
    if len(places) != 2:  # the full-text and title indexes
        raise EngineError(f"expected two Xapian indexes in the ZIM, found {len(places)}")
    return places
