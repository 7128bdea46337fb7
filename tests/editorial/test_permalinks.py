"""Permalinks: a pull request that would change a published briefing's address fails its
check, as the editor reads it (`briefings check --since REV` in a real git repository)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from generator.cli import main

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "archive"
OLD = "content/briefings/2023/2023-09-19-offensive.md"


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with the fixture archive, committed: what is published."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(FIXTURE, tmp_path / "content")
    git("init", "-q", "-b", "main", cwd=tmp_path)
    git("add", "-A", cwd=tmp_path)
    git("commit", "-q", "-m", "published", cwd=tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_rename_that_changes_the_address_is_an_error(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = "content/briefings/2023/2023-09-19-azerbaijan-launches-offensive.md"
    git("mv", OLD, new, cwd=repo)
    assert main(["check"]) == 0  # without --since nothing is compared
    capsys.readouterr()
    assert main(["check", "--since", "main", new]) == 1
    out = capsys.readouterr().out
    assert (f"{new}:1: error: renamed from {OLD}: its address would change from "
            "/briefings/offensive/ to /briefings/azerbaijan-launches-offensive/") in out, out
    assert "add 'slug: offensive' to the front matter" in out


def test_keeping_the_old_slug_passes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = repo / "content/briefings/2023/2023-09-19-azerbaijan-launches-offensive.md"
    text = (repo / OLD).read_text("utf-8").replace("---\n", "---\nslug: offensive\n", 1)
    (repo / OLD).unlink()
    new.write_text(text, "utf-8")
    assert main(["check", "--since", "main"]) == 0, capsys.readouterr().out


def test_an_edited_slug_is_an_error_and_a_deletion_a_warning(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = repo / OLD
    path.write_text(path.read_text("utf-8").replace("---\n", "---\nslug: moved\n", 1), "utf-8")
    gone = "content/briefings/2024/2024-02-01-armenia-freezes.md"
    (repo / gone).unlink()
    assert main(["check", "--since", "main"]) == 1
    out = capsys.readouterr().out
    assert f"{OLD}:1: error: its 'slug:' changed: its address would change from " \
        "/briefings/offensive/ to /briefings/moved/" in out, out
    assert f"{gone}: warning: deleted: the briefing published at /briefings/armenia-freezes-csto/" \
        in out, out


def test_an_unknown_revision_is_one_line(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--since", "no-such-branch"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("briefings: error: --since no-such-branch:") and err.count("\n") == 1
