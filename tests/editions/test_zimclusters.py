"""The ZIM's clusters compressed outside libzim (editions/zimclusters.py): a file libzim
wrote uncompressed, rewritten with zstd, reads back entry for entry, searches alike, keeps
its indexes uncompressed, and comes out the same whatever the number of threads.

The small ZIMs here are written with python-libzim itself (pages, a picture, metadata and
both Xapian indexes); the published one (conftest's ``fixture_zim``) is checked too.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from libzim.reader import Archive
from libzim.search import Query, Searcher
from libzim.writer import Creator, Hint, Item, StringProvider

from generator.editions import zimclusters, zimitems

PNG = Path(__file__).parents[2] / "generator" / "editions" / "illustration-48.png"


class _Page(Item):  # type: ignore[misc]
    def __init__(self, path: str, text: str, mime: str = "text/html") -> None:
        super().__init__()
        self.path, self.text, self.mime = path, text, mime

    def get_path(self) -> str:
        return self.path

    def get_title(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    def get_mimetype(self) -> str:
        return self.mime

    def get_contentprovider(self) -> StringProvider:
        return StringProvider(self.text)

    def get_hints(self) -> dict[Hint, int]:
        return {Hint.FRONT_ARTICLE: self.mime == "text/html",
                Hint.COMPRESS: zimclusters.compressible(self.mime)}


def _raw_zim(path: Path, pages: int = 300) -> Path:
    """An uncompressed ZIM of ``pages`` pages in several 64 KiB clusters, a picture, and
    the full-text and title indexes."""
    creator = (Creator(str(path)).config_indexing(True, "eng").config_nbworkers(1)
               .config_clustersize(64 << 10).config_compression("none"))
    with creator:
        creator.set_mainpath("p/0.html")
        creator.add_metadata("Title", "test")
        creator.add_illustration(48, PNG.read_bytes())
        for number in range(pages):
            words = " ".join(f"word{(number * 7 + k) % 97}" for k in range(200))
            creator.add_item(_Page(f"p/{number}.html", f"<html><head><title>{number}</title>"
                                   f"</head><body><p>ceasefire{number} {words}</p></body>"
                                   "</html>"))
        creator.add_item(_Page("pic.png", PNG.read_bytes().decode("latin-1"), "image/png"))
    return path


@pytest.fixture(scope="module")
def raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _raw_zim(tmp_path_factory.mktemp("raw") / "raw.zim")


def _entries(path: Path) -> dict[str, bytes]:
    archive = Archive(path)
    found = {}
    for number in range(archive.all_entry_count):
        entry = archive._get_entry_by_id(number)
        if not entry.is_redirect:
            found[entry.path] = bytes(entry.get_item().content)
    return found


def test_every_entry_reads_back_the_same_and_search_still_answers(raw: Path,
                                                                   tmp_path: Path) -> None:
    packed = tmp_path / "packed.zim"
    zimclusters.compress_clusters(raw, packed)
    assert packed.stat().st_size < raw.stat().st_size / 3
    assert _entries(packed) == _entries(raw)
    for query in ("ceasefire17", "word3"):
        hits = [set(Searcher(Archive(z)).search(Query().set_query(query)).getResults(0, 500))
                for z in (raw, packed)]
        assert hits[0] == hits[1] and hits[0]


def test_text_clusters_are_zstd_and_indexes_and_pictures_stay_uncompressed(
        raw: Path, tmp_path: Path) -> None:
    packed = tmp_path / "packed.zim"
    zimclusters.compress_clusters(raw, packed)
    kinds = [info & 0x0F for _, info in zimclusters.iter_clusters(packed)]
    assert kinds.count(zimclusters.ZSTD) >= 3  # the pages, in several clusters
    assert zimclusters.NO_COMPRESSION in kinds  # the Xapian indexes and the picture
    archive = Archive(packed)
    # libzim reads an index in place only from an uncompressed cluster: search answering
    # above proves it found them; the picture is its bytes.
    assert bytes(archive.get_entry_by_path("pic.png").get_item().content) == \
        PNG.read_bytes().decode("latin-1").encode("utf-8")


def test_the_bytes_do_not_depend_on_the_threads(raw: Path, tmp_path: Path) -> None:
    one, three = tmp_path / "one.zim", tmp_path / "three.zim"
    zimclusters.compress_clusters(raw, one, threads=1)
    zimclusters.compress_clusters(raw, three, threads=3)
    assert one.read_bytes() == three.read_bytes()


def test_a_compressed_file_is_refused(raw: Path, tmp_path: Path) -> None:
    packed = tmp_path / "packed.zim"
    zimclusters.compress_clusters(raw, packed)
    with pytest.raises(ValueError, match="already compressed"):
        zimclusters.compress_clusters(packed, tmp_path / "again.zim")


def test_the_published_zim_compresses_its_pages_and_not_its_indexes(
        fixture_zim: Path) -> None:
    kinds = {info & 0x0F for _, info in zimclusters.iter_clusters(fixture_zim)}
    assert kinds == {zimclusters.ZSTD, zimclusters.NO_COMPRESSION}
    assert Archive(fixture_zim).check()


def _reference_fold(text: str) -> str:
    """libzim's folding written out as ICU says it, the whole text at once."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    kept = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
    return unicodedata.normalize("NFC", kept)


@given(st.text(alphabet=st.sampled_from("aeiΣσςΟİIıéŁłßﬁЁёЗеў ءأإآ\u0301\u0323\u0651 \u00a0\t\n"),
               max_size=30))
def test_folding_word_by_word_is_folding_the_whole_text(text: str) -> None:
    assert zimitems.fold_as_libzim(text) == _reference_fold(text)
    changed = dict.fromkeys(w for w in text.lower().split() if _reference_fold(w) != w)
    assert zimitems.index_words(text) == " ".join([_reference_fold(text), *changed])
