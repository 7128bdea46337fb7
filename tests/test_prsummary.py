"""The pull request's job summary: its briefings, the pages they appear on, the preview."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.prsummary import Change, parse_name_status


def test_git_name_status_is_read_with_renames() -> None:
    raw = "A\0content/briefings/a.md\0R090\0old.md\0content/briefings/b.md\0D\0gone.md\0M\0x\0"
    assert parse_name_status(raw) == [Change("added", "content/briefings/a.md"),
                                      Change("renamed", "content/briefings/b.md", "old.md"),
                                      Change("deleted", "gone.md"), Change("changed", "x")]


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
    assert ("(added, content\\/briefings\\/2023\\/2023\\-09\\-19\\-offensive\\.md), dated "
            "2023-09-19, from ") in text
    assert "in the preview: briefing\\-archive/briefings/offensive.html" in text
    assert "its page: <https://briefings.example.org/briefings/offensive/>" in text
    assert "actor Nikol Pashinyan: <https://briefings.example.org/actors/nikol-pashinyan/>" in text
    assert "region Nagorno\\-Karabakh: <https://briefings.example.org/regions/nagorno-karabakh/>" \
        in text
    assert "it will not be published until that line is deleted" in text
    assert "armenia\\-freezes\\.md (changed): not checked clean yet" in text
    assert "generator/cli.py" not in text
    assert "[this run's summary page](https://github.com/o/r/actions/runs/7)" in text
    assert "**site-preview**" in text


# --- issue 23: every name escaped, deletions and registries listed, under GitHub's limit ---

def _summary_of(content: Path, diff: str, monkeypatch: pytest.MonkeyPatch,
                capsys: pytest.CaptureFixture[str]) -> str:
    monkeypatch.chdir(content.parent)
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(diff))
    root = Path(__file__).resolve().parent.parent
    assert main(["summary", "--content", "content", "--config", str(root / "mkdocs.yml")]) == 0
    return capsys.readouterr().out


def test_names_and_paths_cannot_inject_markdown(
        content_dir: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """An attacker's file name and actor name (a backtick, a newline, a link, an image, a
    heading) stay text: no "All checks passed, safe to merge" heading, no link, no image."""
    evil_name = "x`\n## All checks passed, safe to merge\n![i](https://evil.example/p.png)"
    (content_dir / "actors.yml").write_text(
        (content_dir / "actors.yml").read_text("utf-8")
        + "- id: evil\n  name: \"Evil [click](https://evil.example/) <b>\"\n  kind: person\n",
        "utf-8")
    path = content_dir / "briefings" / "2023" / "2023-09-19-offensive.md"
    path.write_text(path.read_text("utf-8").replace("actors: [", "actors: [evil, ", 1), "utf-8")
    diff = (f"A\0content/briefings/2023/2023-09-19-offensive.md\0"
            f"A\0content/briefings/{evil_name}.md\0")
    text = _summary_of(content_dir, diff, monkeypatch, capsys)
    assert "actor Evil \\[click\\]\\(https\\:\\/\\/evil\\.example\\/\\) \\<b\\>" in text, text
    assert not any(line.startswith("#") and "safe to merge" in line for line in text.split("\n"))
    assert "](https://evil" not in text and "![" not in text and "<b>" not in text


def test_deletions_renames_and_registry_changes_are_listed(
        content_dir: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    diff = ("D\0content/briefings/2024/2024-01-01-old-talks.md\0"
            "R095\0content/briefings/2023/2023-09-19-old.md\0"
            "content/briefings/2023/2023-09-19-offensive.md\0"
            "M\0content/actors.yml\0M\0content/pages/about.md\0")
    text = _summary_of(content_dir, diff, monkeypatch, capsys)
    assert "## Briefings deleted" in text
    assert "2024\\-01\\-01\\-old\\-talks\\.md: its page, " in text
    assert "briefings/old\\-talks/, will be gone" in text
    assert "(renamed from content\\/briefings\\/2023\\/2023\\-09\\-19\\-old\\.md, " in text
    assert "## Registries changed: a maintainer reviews these" in text
    assert "content\\/actors\\.yml (changed): " in text and " actors now" in text
    assert "## Editorial pages changed" in text


def test_a_huge_pull_request_stays_under_githubs_limit(
        content_dir: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """3,000 briefings made a summary over 1 MiB, which GitHub does not show at all."""
    diff = "".join(f"A\0content/briefings/2023/2023-01-01-{'x' * 200}-{n}.md\0"
                   for n in range(3000))
    diff += "".join(f"D\0content/briefings/2022/2022-01-01-{'y' * 200}-{n}.md\0"
                    for n in range(3000))
    text = _summary_of(content_dir, diff, monkeypatch, capsys)
    assert len(text.encode("utf-8")) < 1024 * 1024
    assert "- and 2,900 more briefings" in text and "- and 2,900 more deletions" in text
    assert "## The preview" in text
