"""Each briefing's piece of the whole-archive files, kept between rebuilds (generator.pieces)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import synth

from generator.content.model import Archive
from generator.engine import render
from generator.pipeline import check
from generator.site.data import recordcache
from generator.site.index import build_index
from generator.site.plan import increment

ROOT = Path(__file__).resolve().parents[2]

SITE = render.site_settings(render.EngineConfig(ROOT / "mkdocs.yml"))


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    content = tmp_path_factory.mktemp("pieces") / "content"
    synth.generate(60).write(content)
    return check(content).archive


def _files(archive: Archive, kept: Path | None, key: str = "key") -> dict[str, bytes]:
    made = recordcache.archive_files(build_index(archive), SITE, key,
                                increment.outward_digests(archive), kept)
    return {item.path: item.content for item in made}


def test_kept_pieces_give_the_files_made_from_scratch(archive: Archive, tmp_path: Path) -> None:
    kept = tmp_path / "pieces.pickle"
    fresh = _files(archive, None)
    assert sorted(fresh)[:3] == ["briefings.csv", "briefings.json", "search/docs/0.js"]
    assert "search/manifest.js" in fresh and "search/shards/0.js" in fresh
    assert _files(archive, kept) == fresh  # nothing kept yet: all made, then kept
    assert kept.exists()
    assert _files(archive, kept) == fresh  # all reused


def test_an_edited_briefing_is_made_again(archive: Archive, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    kept = tmp_path / "pieces.pickle"
    _files(archive, kept)
    first = archive.briefings[7]
    edited = replace(archive, briefings=(*archive.briefings[:7],
                                         replace(first, title="A title edited since"),
                                         *archive.briefings[8:]))
    before = kept.stat().st_mtime_ns
    made = []
    rows = recordcache.exports.briefing_rows
    monkeypatch.setattr(recordcache.exports, "briefing_rows",
                        lambda b, site, states=None: made.append(b.slug) or rows(b, site, states))
    files = _files(edited, kept)
    assert made == [first.slug]
    assert "A title edited since" in files["briefings.json"].decode()
    assert files == _files(edited, None)
    assert kept.stat().st_mtime_ns == before  # one piece of 60 made: the file is not rewritten


def test_pieces_of_another_key_or_a_broken_file_are_not_used(archive: Archive,
                                                             tmp_path: Path) -> None:
    kept = tmp_path / "pieces.pickle"
    _files(archive, kept, key="old settings")
    recordcache.save(kept, "old settings", {d: ("x", "x", "{}") for d in
                                       increment.outward_digests(archive).values()})
    assert _files(archive, kept, key="new settings") == _files(archive, None)
    kept.write_bytes(b"not a pickle")
    assert _files(archive, kept) == _files(archive, None)


def test_files_of_an_empty_archive(archive: Archive) -> None:
    empty = replace(archive, briefings=())
    files = _files(empty, None)
    assert files["briefings.json"] == b"[]\n"
    assert files["briefings.csv"].decode().count("\n") == 1  # the header alone
    assert b'"count":0' not in files["search/manifest.js"]  # actors and regions
