"""The load cache: a rebuild reads only the files that changed, and never serves stale results."""

from __future__ import annotations

import shutil
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from generator import workers
from generator.content import loading
from generator.pipeline import check

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "archive"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "content")
    return tmp_path / "content"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """The briefing files and registries each load actually reads."""
    seen: dict[str, list[str]] = {"briefings": [], "registries": []}
    briefing, registries = loading._load_briefing, loading._load_registries

    def read_briefing(content: Path, path: Path, *args: Any) -> Any:
        seen["briefings"].append(path.name)
        return briefing(content, path, *args)

    def read_registries(content: Path, problems: Any) -> Any:
        seen["registries"].append(content.name)
        return registries(content, problems)

    monkeypatch.setattr(loading, "_load_briefing", read_briefing)
    monkeypatch.setattr(loading, "_load_registries", read_registries)
    return seen


def test_a_second_load_reads_nothing_and_gives_the_same(
        content: Path, tmp_path: Path, reads: dict[str, list[str]]) -> None:
    cache = tmp_path / "briefings.cache"
    first = check(content, cache_file=cache)
    assert reads["registries"] and len(reads["briefings"]) >= 5
    reads["briefings"].clear()
    reads["registries"].clear()
    again = check(content, cache_file=cache)
    assert reads == {"briefings": [], "registries": []}
    assert again.archive == first.archive
    assert again.problems == first.problems  # the registries' and files' warnings too
    assert [b.source_digest for b in again.archive.briefings] == \
        [b.source_digest for b in first.archive.briefings]


def test_an_edited_file_is_read_again(content: Path, tmp_path: Path,
                                      reads: dict[str, list[str]]) -> None:
    cache = tmp_path / "briefings.cache"
    first = check(content, cache_file=cache)
    edited = next(content.rglob("*ceasefire*.md"))
    edited.write_text(edited.read_text("utf-8") + "\nA later sentence.\n", "utf-8")
    reads["briefings"].clear()
    again = check(content, cache_file=cache)
    assert reads["briefings"] == [edited.name]
    briefing = again.archive.briefing("ceasefire")
    assert "A later sentence." in briefing.body_html
    assert briefing.source_digest != first.archive.briefing("ceasefire").source_digest


def test_a_registry_edit_drops_every_kept_result(content: Path, tmp_path: Path,
                                                 reads: dict[str, list[str]]) -> None:
    """Names resolve against the registries: a renamed actor is unknown in every briefing
    that still uses the old name, though those files did not change."""
    cache = tmp_path / "briefings.cache"
    assert check(content, cache_file=cache).ok
    registry = content / "actors.yml"
    text = registry.read_text("utf-8")
    renamed = text.replace("name: Nikol Pashinyan", "name: N. Pashinian").replace(
        "Pashinian, Pashinyan,", "Pashinian,")
    assert renamed.count("Pashinyan") == text.count("Pashinyan") - 2
    registry.write_text(renamed, "utf-8")
    reads["briefings"].clear()
    reads["registries"].clear()
    again = check(content, cache_file=cache)
    assert reads["registries"] and len(reads["briefings"]) >= 5
    unknown = sorted(Path(p.path).name for p in again.problems if "Pashinyan" in p.message)
    assert unknown == ["2023-09-19-offensive.md", "2024-02-01-armenia-freezes.md"]


def test_a_broken_cache_file_is_only_a_miss(content: Path, tmp_path: Path) -> None:
    cache = tmp_path / "briefings.cache"
    first = check(content, cache_file=cache)
    cache.write_bytes(cache.read_bytes()[:100])
    assert check(content, cache_file=cache).archive == first.archive


def test_the_second_loading_process_is_forked_only_with_no_other_thread(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A fork of a threaded process can deadlock: the preview server loads from a thread."""
    monkeypatch.setattr(workers, "LOADING", replace(workers.LOADING, worth_from=2))
    methods: list[str] = []
    real = workers.multiprocessing.get_context
    monkeypatch.setattr(workers.multiprocessing, "get_context",
                        lambda method: methods.append(method) or real(method))
    ambient = threading.active_count()  # other tests' servers may still be running
    alone = loading.load_archive(FIXTURE)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        threaded = loading.load_archive(FIXTURE)
    finally:
        stop.set()
        other.join()
    assert methods == ["fork" if ambient == 1 else "spawn", "spawn"]
    assert alone == threaded
    assert len(alone.archive.briefings) == 5


class _Payload:
    """What an attacker's pickle would run when read: it leaves a file behind."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (Path.write_text, (self.marker, "code ran"))


def test_a_committed_cache_is_never_unpickled(content: Path, tmp_path: Path,
                                              reads: dict[str, list[str]]) -> None:
    """Issue 23: a pull request could force-add .build/briefings.cache, a pickle every build
    loaded. A cache this machine did not seal is a miss, never read as a pickle."""
    import pickle

    from generator.content.loadcache import context_of
    from generator.content.syntax import sealed

    marker = tmp_path / "pwned"
    cache = tmp_path / "briefings.cache"
    context = context_of(content, __import__("datetime").date.today())
    cache.write_bytes(pickle.dumps(_Payload(marker)))  # a plain pickle, as before
    first = check(content, cache_file=cache)
    assert not marker.exists() and reads["briefings"]
    forged = pickle.dumps([context, _Payload(marker), {}])  # the mark, a wrong seal
    cache.write_bytes(sealed.MARK + b"\0" * 32 + forged)
    reads["briefings"].clear()
    assert check(content, cache_file=cache).archive == first.archive
    assert not marker.exists() and reads["briefings"]  # read afresh


def test_another_machines_cache_is_a_miss(content: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch,
                                          reads: dict[str, list[str]]) -> None:
    cache = tmp_path / "briefings.cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "machine-a"))
    check(content, cache_file=cache)
    reads["briefings"].clear()
    check(content, cache_file=cache)
    assert reads["briefings"] == []  # this machine's own seal: kept results used
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "machine-b"))
    check(content, cache_file=cache)
    assert len(reads["briefings"]) >= 5  # another key: nothing of the file is used
