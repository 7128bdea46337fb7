"""The pull request's job summary: its briefings, the pages they appear on, the preview."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.prsummary import Change, parse_name_status


def test_git_name_status_is_read_with_renames() -> None:
    raw = "A\0content/briefings/a.md\0R090\0old.md\0content/briefings/b.md\0D\0gone.md\0M\0x\0"
    assert parse_name_status(raw) == [Change("added", "content/briefings/a.md"),
                                      Change("renamed", "content/briefings/b.md"),
                                      Change("changed", "x")]


def test_the_summary_names_titles_pages_drafts_and_the_preview(
        content_dir: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(content_dir.parent)
    broken = Path("content/briefings/2024/2024-02-01-armenia-freezes.md")
    broken.write_text(broken.read_text("utf-8").replace("date:", "date: 2024-13-01\nx:", 1),
                      "utf-8")
    diff = ("A\0content/briefings/2023/2023-09-19-offensive.md\0"
            "M\0content/briefings/2024/2024-03-06-draft-note.md\0"
            f"M\0{broken.as_posix()}\0M\0generator/cli.py\0")
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(diff))
    root = Path(__file__).resolve().parent.parent
    assert main(["summary", "--content", "content", "--config", str(root / "mkdocs.yml"),
                 "--run-url", "https://github.com/o/r/actions/runs/7"]) == 0
    text = capsys.readouterr().out
    assert "(added, `content/briefings/2023/2023-09-19-offensive.md`)" in text
    assert "its page: <https://briefings.example.org/briefings/offensive/>" in text
    assert "actor Nikol Pashinyan: <https://briefings.example.org/actors/nikol-pashinyan/>" in text
    assert "region Nagorno-Karabakh: <https://briefings.example.org/regions/nagorno-karabakh/>" \
        in text
    assert "it will not be published until that line is deleted" in text
    assert f"`{broken.as_posix()}` (changed): not checked clean yet" in text
    assert "generator/cli.py" not in text
    assert "[this run's summary page](https://github.com/o/r/actions/runs/7)" in text
    assert "**site-preview**" in text
