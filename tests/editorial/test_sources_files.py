"""The files `briefings sources` writes: `archive:` added to a briefing as a one-line edit
(every other byte kept), the state file (merge-friendly, validated by the loader), and the
command line (the editors' report, usage errors)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.cli import main
from generator.content import sourcestate
from generator.content.loading import load_archive
from generator.editorial.sources.frontedit import Addition, NotEditable, add_archives

COPY = "https://web.archive.org/web/20230514093000/https://www.reuters.com/world/example"

LISTED = """\
---
title: Talks resume   # a comment the edit keeps
date: 2023-05-14
region: Armenia
actors: [Nikol Pashinyan]
source:
  - name: Reuters
    url: https://www.reuters.com/world/example
    published: 2023-05-14
  - url: 'https://apnews.com/article/example'
    name: AP
---
The leaders met for talks.
"""


def test_archive_is_added_under_the_url_line_and_nothing_else_changes() -> None:
    after = add_archives(LISTED.encode(), [Addition(0, COPY), Addition(1, COPY + "-ap")])
    lines = after.decode().split("\n")
    assert lines[8] == f"    archive: {COPY}"
    assert lines[11] == f"    archive: {COPY}-ap"
    del lines[11], lines[8]
    assert "\n".join(lines) == LISTED


@pytest.mark.parametrize(("prefix", "ending"), [(b"", b"\r\n"), (b"\xef\xbb\xbf", b"\n")])
def test_line_endings_and_a_byte_order_mark_are_kept(prefix: bytes, ending: bytes) -> None:
    single = ("---\ntitle: T\ndate: 2023-05-14\nregion: Armenia\nactors: [Nikol Pashinyan]\n"
              "source:\n  name: Reuters\n  url: https://www.reuters.com/world/example\n---\n"
              "Text.\n").replace("\n", ending.decode())
    before = prefix + single.encode()
    after = add_archives(before, [Addition(0, COPY)])
    new_line = b"  archive: " + COPY.encode() + ending
    assert after.replace(new_line, b"", 1) == before
    assert after.startswith(prefix)


def test_a_copy_that_is_there_already_is_left_alone_and_odd_shapes_are_refused() -> None:
    with_copy = LISTED.replace("    published: 2023-05-14\n",
                               f"    published: 2023-05-14\n    archive: {COPY}\n")
    assert add_archives(with_copy.encode(), [Addition(0, COPY + "x")]) == with_copy.encode()
    flow = LISTED.replace("  - url: 'https://apnews.com/article/example'\n    name: AP\n",
                          "  - {name: AP, url: 'https://apnews.com/article/example'}\n")
    with pytest.raises(NotEditable, match="alone at the start"):
        add_archives(flow.encode(), [Addition(1, COPY)])


def test_an_address_yaml_would_misread_is_quoted() -> None:
    odd = "https://web.archive.org/web/2023/https://x.example/a #b"
    after = add_archives(LISTED.encode(), [Addition(0, odd)]).decode()
    assert f'    archive: "{odd}"' in after


def test_the_state_file_round_trips_and_sorts_by_url() -> None:
    record = sourcestate.SourceRecord(
        "https://b.example/x", "gone", date(2026, 11, 2), date(2026, 11, 8),
        failures=(date(2026, 11, 2), date(2026, 11, 5), date(2026, 11, 8)),
        dead=date(2026, 11, 8), title='A "quoted"\u2028title', fingerprint="00ff00ff00ff00ff",
        history=("2026-11-08 gone 404",))
    other = sourcestate.SourceRecord("https://a.example/", "alive", date(2026, 11, 2),
                                     date(2026, 11, 2))
    text = sourcestate.dump({record.url: record, other.url: other})
    assert text.index('"https://a.example/":') < text.index('"https://b.example/x":')
    assert "\\u2028" in text and "\u2028" not in text
    assert sourcestate.parse(text) == ({other.url: other, record.url: record}, [])


def test_a_broken_state_file_is_reported_with_its_line(content_dir: Path) -> None:
    (content_dir / "sources-state.yml").write_text(
        '"https://a.example/":\n  status: "alive"\n  first: 2026-11-02\n  last: 2026-11-02\n'
        '"https://b.example/":\n  status: "fine"\n  first: 2026-11-02\n  last: 2026-11-02\n'
        '"https://c.example/":\n  status: "alive"\n  first: soon\n  last: 2026-11-02\n',
        encoding="utf-8")
    loaded = load_archive(content_dir)
    found = [(p.path.rsplit("/", 1)[-1], p.line, p.message) for p in loaded.problems
             if "sources-state" in p.path]
    assert found == [
        ("sources-state.yml", 6, "'https://b.example/': unknown status 'fine' (one of alive, "
         "redirected, drifted, blocked, soft-404, gone, unreachable)"),
        ("sources-state.yml", 11, "'https://c.example/': expected a date YYYY-MM-DD, not 'soon'")]
    assert not loaded.ok
    (content_dir / "sources-state.yml").write_text('"https://a.example/":\n<<<<<<< HEAD\n')
    problems = [p for p in load_archive(content_dir).problems if "sources-state" in p.path]
    assert problems and problems[0].line == 2


def test_the_report_lists_dead_sources_without_a_copy_oldest_first(
        content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sources", "--content", str(content_dir), "--report"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## Dead sources without an archived copy (1), oldest first")
    assert "dead since 2026-10-09: <https://www.reuters.com/world/example-offensive>" in out
    assert "briefings/2023/2023-09-19-offensive.md" in out
    assert "bbc.com" not in out.split("\n", 1)[1]  # dead, but the briefing has its copy


@pytest.mark.parametrize("arguments", [["--budget", "soon"], ["--budget", "0"],
                                       ["--pace", "0.2"]])
def test_usage_errors_exit_2(content_dir: Path, arguments: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["sources", "--content", str(content_dir), *arguments])
    assert exit_info.value.code == 2


def test_save_without_keys_is_a_usage_error(content_dir: Path,
                                            monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("WAYBACK_ACCESS_KEY", raising=False)
    assert main(["sources", "--content", str(content_dir), "--save"]) == 2
    assert "WAYBACK_ACCESS_KEY" in capsys.readouterr().err


def test_check_accepts_the_state_file_among_changed_files(
        content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    state = content_dir / "sources-state.yml"
    assert main(["check", "--content", str(content_dir), str(state)]) == 0
    state.write_text(state.read_text(encoding="utf-8").replace('"gone"', '"lost"', 1),
                     encoding="utf-8")
    assert main(["check", "--content", str(content_dir), str(state)]) == 1
    assert "sources-state.yml:" in capsys.readouterr().out
